"""Property: the coverage scanner runs in linear time on adversarial text.

Work is compared as a ratio (ten times the input, about ten times the time,
with generous slack for noise), never against absolute seconds: a pattern
that backtracks catastrophically grows at least quadratically (a ratio of
100 or more), far past the bound.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carsi_claims.analysis.coverage import coverage, scan_text
from carsi_claims.dataset import Dataset
from carsi_claims.model import CoverageIgnore, Source

#: Pieces that start a figure and then fail late: signs, digit groups, scale and
#: currency words, bound words, fiscal-year prefixes, months, quotation marks,
#: number words, plural nouns, attribution verbs and dashes.
FRAGMENTS = [
    "$",
    "US$",
    "USD ",
    "1",
    "12",
    "1,",
    "000",
    ",000",
    ".5",
    " ",
    "  ",
    "\u00a0",
    "\n",
    "million",
    " million ",
    "dollars",
    "%",
    " percent",
    "per cent",
    "up to ",
    "at least ",
    "about ",
    "Fiscal Years ",
    "Fiscal Year",
    "FY",
    "FY2008",
    "-",
    "–",
    " to ",
    "2008",
    "March ",
    "Mar.",
    "14",
    ", ",
    "the year ",
    "“",
    "”",
    '"',
    "said ",
    " – Secretary",
    "five",
    "twenty",
    "-one",
    " and ",
    "hundred",
    "Goals",
    "goals ",
    "s",
    "http://",
    "www.",
]
SMALL, LARGE = 4_000, 40_000
SLACK = 30  # ten times the input may take at most thirty times as long


def _best_time(run: Callable[[], object], repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def _stretch(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


units = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12).map("".join)


@settings(max_examples=15, deadline=None)
@given(unit=units)
def test_scan_text_is_linear(unit: str) -> None:
    """Scanning ten times the adversarial text takes about ten times as long."""
    small, large = _stretch(unit, SMALL), _stretch(unit, LARGE)
    assert _best_time(lambda: scan_text(large)) < SLACK * _best_time(lambda: scan_text(small))


def _dataset(folder: Path, text: str) -> Dataset:
    (folder / "s.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = Source(id="s", path="s.txt", sha256=sha, title="adversarial", kind="test")
    ignore = CoverageIgnore(source="s", quote=text[:7] or "x", reason="an ignore to match")
    return Dataset(sources=(source,), coverage_ignores=(ignore,), seeds_dir=folder)


@settings(max_examples=10, deadline=None)
@given(unit=units)
def test_whole_coverage_run_is_linear(unit: str) -> None:
    """A whole coverage run over an adversarial source (mentions, ignores) stays linear."""
    with tempfile.TemporaryDirectory() as small_dir, tempfile.TemporaryDirectory() as large_dir:
        small = _dataset(Path(small_dir), _stretch(unit, SMALL))
        large = _dataset(Path(large_dir), _stretch(unit, LARGE))
        small_time = _best_time(lambda: coverage(small))
        assert _best_time(lambda: coverage(large)) < SLACK * small_time


@pytest.mark.parametrize(
    "unit", ["5 goals ", "$5 million ", "Five Goals. ", "said “" + "x" * 40 + "” ", "FY2008-"]
)
def test_dense_mentions_stay_linear(unit: str, tmp_path: Path) -> None:
    """Thousands of mentions, each inside the ignore's quote, still cost linear work."""
    (tmp_path / "small").mkdir()
    (tmp_path / "large").mkdir()
    small = _dataset(tmp_path / "small", _stretch(unit, SMALL))
    large = _dataset(tmp_path / "large", _stretch(unit, LARGE))
    assert len(coverage(large).mentions) > 100
    assert _best_time(lambda: coverage(large)) < SLACK * _best_time(lambda: coverage(small))
