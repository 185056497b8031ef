"""Overlapping spans of a text cut into flat segments, each knowing the spans over it.

Quotes of claims overlap and nest (a list item inside the quote of the whole
list, two claims quoting one sentence), and HTML elements cannot cross.  So
the text is cut at every span boundary into *segments*: consecutive pieces
``[start, end)`` that together are the whole text, each with the spans
covering all of it.  A span is then the run of segments that name it, and
the concatenated text of that run is exactly ``text[span.start:span.end]``,
however the spans overlap.  Nothing is nested, so nothing is broken.

Cost: sorting the boundaries, then one pass; a segment's spans are listed
once, so the work is the size of the output.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

__all__ = ["Segment", "segments"]


@attrs.frozen
class Segment:
    """A piece ``[start, end)`` of the text and the spans covering it (indices, ascending)."""

    start: int
    end: int
    spans: tuple[int, ...]


def segments(length: int, spans: Sequence[tuple[int, int]]) -> list[Segment]:
    """Cut ``[0, length)`` at every boundary of ``spans`` (``(start, end)`` pairs).

    Empty spans and the parts of spans outside the text are left out.
    Consecutive pieces with the same covering spans are one segment, so a
    text without spans is one segment (none for an empty text).  That needs no
    merging: the text is cut only at offsets with events, and the events at one
    offset always change the covering set (a span opening there was not open,
    one closing there was, and no span both opens and closes at one offset,
    since empty spans are left out).
    """
    events: list[tuple[int, int, int]] = []  # (offset, +1 opens / -1 closes, span index)
    for index, (start, end) in enumerate(spans):
        start, end = max(start, 0), min(end, length)
        if start < end:
            events.append((start, 1, index))
            events.append((end, -1, index))
    events.sort()
    out: list[Segment] = []
    active: set[int] = set()
    covering: tuple[int, ...] = ()
    at = 0
    i = 0
    while i < len(events):
        offset = events[i][0]
        if offset > at:
            out.append(Segment(at, offset, covering))
            at = offset
        while i < len(events) and events[i][0] == offset:
            _, step, index = events[i]
            if step > 0:
                active.add(index)
            else:
                active.discard(index)
            i += 1
        covering = tuple(sorted(active))
    if at < length:
        out.append(Segment(at, length, covering))
    return out
