"""Counting work instead of reading a clock: the calls a function makes.

``work(fn)`` runs ``fn()`` under :func:`sys.setprofile` and returns how many
Python and C function calls it made (``call`` and ``c_call`` events).  The
count is the same on a loaded machine as on an idle one, so a test can pin how
work grows with the input (ten times the text, about ten times the calls)
without a timing ratio that flakes under load.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType


def work(fn: Callable[[], object]) -> int:
    """The number of Python and C function calls ``fn()`` makes."""
    count = 0

    def profile(frame: FrameType, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(previous)
    return count
