"""figures.shared_scans: one search of a text for every numeric kind, the same answers."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from carsi_claims.analysis import figures
from carsi_claims.analysis.figures import NUMERIC_KINDS, FigureKind, find_figures, shared_scans
from test_figure_search_shortcuts_exact import _TEXTS

_KIND_SETS = st.one_of(
    st.none(),
    st.sets(st.sampled_from(list(FigureKind))),
    st.lists(st.sampled_from(sorted(NUMERIC_KINDS)), max_size=3),
)


def _spans(found: list[figures.Figure]) -> list[tuple[object, ...]]:
    return [(f.kind, f.value, f.start, f.end, f.text) for f in found]


@settings(deadline=None, max_examples=300)
@given(_TEXTS, st.lists(_KIND_SETS, min_size=1, max_size=4))
@example("$260 million and up to 95% of 12 nations in Fiscal Year 2010", [NUMERIC_KINDS, None])
@example("260 million dollars, 2011-03-14", [[FigureKind.MONEY], [FigureKind.DATE], None])
def test_the_same_figures_inside_and_outside(text: str, calls: list[Any]) -> None:
    """Whatever kinds are asked for, in whatever order, on the same text: the answers
    inside the block are those outside it."""
    alone = [_spans(find_figures(text, kinds=kinds)) for kinds in calls]
    with shared_scans():
        shared = [_spans(find_figures(text, kinds=kinds)) for kinds in calls]
    assert shared == alone


def _counting_scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    searched: list[str] = []
    real: Callable[..., None] = figures._scan

    def scan(rule: Any, text: str, found: list[figures.Figure]) -> None:
        searched.append(rule[0].value)
        real(rule, text, found)

    monkeypatch.setattr(figures, "_scan", scan)
    return searched


def test_a_text_is_searched_once_for_every_numeric_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    """The money figures of a quote already read for all its figures cost no search; outside
    the block every call searches again."""
    text = "The United States committed $260 million, up to 95% of it, in Fiscal Year 2010."
    searched = _counting_scans(monkeypatch)
    with shared_scans():
        everything = find_figures(text, kinds=NUMERIC_KINDS)
        first = len(searched)
        money = find_figures(text, kinds=[FigureKind.MONEY])
        percent = find_figures(text, kinds=[FigureKind.PERCENTAGE])
        assert len(searched) == first > 0
    assert [f.text for f in money] == ["$260 million"]
    assert [f.text for f in percent] == ["up to 95%"]
    assert {f.text for f in everything} >= {"$260 million", "up to 95%", "Fiscal Year 2010"}
    find_figures(text, kinds=[FigureKind.MONEY])
    assert len(searched) > first  # the block is over: nothing is kept


def test_quotations_are_searched_as_without_the_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """A call that wants quotations does not use the shared matches (nor keep any)."""
    text = "“Five goals for $260 million,” said the Secretary."
    searched = _counting_scans(monkeypatch)
    with shared_scans():
        find_figures(text)
        once = len(searched)
        find_figures(text)
        assert len(searched) == 2 * once > 0
        assert figures._SHARED.get() == {}


def test_each_thread_has_its_own_block() -> None:
    """A block in one thread is not seen by another."""
    seen: list[object] = []
    with shared_scans():
        find_figures("$5 million", kinds=NUMERIC_KINDS)
        thread = threading.Thread(target=lambda: seen.append(figures._SHARED.get()))
        thread.start()
        thread.join()
        shared = figures._SHARED.get()
        assert shared is not None
        assert list(shared) == ["$5 million"]
    assert seen == [None]
    assert figures._SHARED.get() is None
