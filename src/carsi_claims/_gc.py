"""Pausing the cyclic garbage collector around bulk work.

Loading, structuring and checking a large file create millions of objects
that all stay alive; each full collection the collector starts meanwhile
walks every one of them and frees nothing (at 100,000 claims: three passes,
a third of the structuring time).  Reference counting still frees acyclic
garbage while the collector is paused; it is restored on exit.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused"]


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Disable the cyclic collector for the block; re-enable it after if it was enabled."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
