"""Work counted, never timed: lines of Python run, and characters a search examines.

Linearity is pinned by comparing the work at ``n`` and at ``4 n``: linear
work grows about four times, quadratic work sixteen times.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any, SupportsIndex

#: Four times the input may cost at most this many times the work (n log n and
#: fixed costs fit; a quadratic algorithm costs about sixteen times).
GROWTH = 5.5


def lines_run(fn: Callable[[], object]) -> int:
    """How many lines of Python (any module) run while ``fn()`` runs."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def enter(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        return local

    previous = sys.gettrace()
    sys.settrace(enter)
    try:
        fn()
    finally:
        sys.settrace(previous)
    return count


def growth(work: Callable[[int], int], n: int) -> float:
    """``work(4 n) / work(n)``, after one run at ``n`` to fill caches."""
    work(n)
    return work(4 * n) / work(n)


class CountingText(str):
    """A text that counts the characters its searches and slices examine.

    ``find`` counts from where it starts to the end of the match (or of the
    text), ``startswith`` the prefix's length, a slice its length: what a
    linear-time implementation of each would read.
    """

    scanned: int

    def __new__(cls, text: str) -> CountingText:
        self = super().__new__(cls, text)
        self.scanned = 0
        return self

    def find(
        self, sub: str, start: SupportsIndex | None = None, end: SupportsIndex | None = None
    ) -> int:
        begin = 0 if start is None else int(start)
        at = super().find(sub, begin, end)
        self.scanned += (at + len(sub) if at != -1 else len(self)) - begin
        return at

    def startswith(  # type: ignore[override]
        self, prefix: str, start: SupportsIndex | None = None, end: SupportsIndex | None = None
    ) -> bool:
        self.scanned += len(prefix)
        return super().startswith(prefix, start, end)

    def __getitem__(self, key: SupportsIndex | slice) -> str:
        part = super().__getitem__(key)
        self.scanned += len(part)
        return part


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
