"""The flat segments of overlapping spans, held to their definition offset by offset."""

from __future__ import annotations

import itertools

from hypothesis import example, given
from hypothesis import strategies as st

from carsi_claims.output.highlight import Segment, segments


def _by_offset(length: int, spans: list[tuple[int, int]]) -> list[Segment]:
    """The definition: each offset of the text with the spans over it (ascending), the
    neighbouring offsets with the same spans joined into one segment."""
    over = [
        tuple(i for i, (start, end) in enumerate(spans) if start <= at < end)
        for at in range(length)
    ]
    out: list[Segment] = []
    at = 0
    for covering, run in itertools.groupby(over):
        size = len(list(run))
        out.append(Segment(at, at + size, covering))
        at += size
    return out


_CASES = st.integers(0, 30).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(st.tuples(st.integers(-3, n + 3), st.integers(-3, n + 3)), max_size=7),
    )
)


@example((6, [(-3, 2), (4, 9)]))  # parts outside the text
@example((4, [(3, 1), (0, 4)]))  # a reversed span is empty
@example((5, [(1, 3), (3, 5)]))  # one span ends where the next starts
@example((5, [(2, 4), (0, 2)]))  # the same, given in the other order
@example((5, [(0, 5), (0, 5)]))  # two spans over the whole text
@example((3, []))  # no span: one segment
@example((0, [(0, 2)]))  # an empty text: no segment
@given(_CASES)
def test_segments_are_the_runs_of_offsets_under_the_same_spans(
    case: tuple[int, list[tuple[int, int]]],
) -> None:
    """Every offset is in one segment, whose spans are exactly those over that offset (in
    ascending order); neighbouring segments differ in their spans."""
    length, spans = case
    assert segments(length, spans) == _by_offset(length, spans)


def test_spans_that_end_where_others_start_make_no_empty_segment() -> None:
    """A boundary where one span closes and another opens is cut once."""
    assert segments(6, [(0, 3), (3, 6)]) == [Segment(0, 3, (0,)), Segment(3, 6, (1,))]
    assert segments(6, [(3, 6), (0, 3)]) == [Segment(0, 3, (1,)), Segment(3, 6, (0,))]


def test_a_boundary_is_cut_only_where_the_covering_spans_change() -> None:
    """A span closing as another opens changes the spans (a cut); empty spans change
    nothing (no cut)."""
    assert segments(4, [(0, 2), (0, 4), (2, 4)]) == [
        Segment(0, 2, (0, 1)),
        Segment(2, 4, (1, 2)),
    ]
    assert segments(4, [(1, 1), (2, 2)]) == [Segment(0, 4, ())]


def test_spans_past_the_text_are_cut_at_its_ends() -> None:
    """A span starting before 0 or ending after the text covers only the text's part."""
    assert segments(4, [(-2, 2)]) == [Segment(0, 2, (0,)), Segment(2, 4, ())]
    assert segments(4, [(2, 9)]) == [Segment(0, 2, ()), Segment(2, 4, (0,))]
    assert segments(4, [(5, 9), (-3, 0)]) == [Segment(0, 4, ())]
