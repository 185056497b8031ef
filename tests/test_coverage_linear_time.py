"""Property: the coverage scanner does linear work on adversarial text.

Work is counted, never timed: the lines of Python run at ``n`` characters and
at ``4 n`` (see ``_work.py``), and, for what the regular expression engine does
inside one search, the shape of the patterns: every repetition is bounded
except a single character class that excludes what ends it, so one match
attempt costs a bounded number of steps (or, for those classes, reads on to
the next stop character once) and a scan is linear in the text.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _work import GROWTH, growth, lines_run
from carsi_claims.analysis import figures
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
SMALL = 2_000
sre: Any = importlib.import_module("re._parser")  # the parser of re: no typing stubs


def _stretch(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


units = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12).map("".join)

_PATTERNS = [
    *(pattern for _, pattern, _ in figures._RULES),
    figures._bare_count_pattern(),
    figures._BOUND_BEFORE,
    figures._BOUND_AT,
    *figures._QUOTES,
    figures._ATTRIBUTION_BEFORE,
    figures._ATTRIBUTION_AFTER,
    figures._URL,
]


def _unbounded(items: Any, found: list[str]) -> None:
    """Collect the unbounded repetitions of a parsed pattern (as text), recursively."""
    for op, arg in items:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            _, high, sub = arg
            if high is sre.MAXREPEAT:
                found.append(str(sub))
            _unbounded(sub, found)
        elif op is sre.SUBPATTERN:
            _unbounded(arg[-1], found)
        elif op is sre.BRANCH:
            for branch in arg[1]:
                _unbounded(branch, found)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            _unbounded(arg[1], found)


@pytest.mark.parametrize("pattern", _PATTERNS, ids=lambda p: p.pattern[:24])
def test_every_repetition_is_bounded(pattern: re.Pattern[str]) -> None:
    """A figure pattern repeats only up to a bound, or one stop-excluding class to its stop."""
    found: list[str] = []
    _unbounded(sre.parse(pattern.pattern, pattern.flags), found)
    allowed = {
        str(sre.parse("[^“”]*")[0][1][2]),
        str(sre.parse('[^"]*')[0][1][2]),
        str(sre.parse(r"[^\s<>\"“”]*")[0][1][2]),
    }
    assert set(found) <= allowed


@settings(max_examples=15, deadline=None)
@given(unit=units)
def test_scan_text_is_linear(unit: str) -> None:
    """Scanning four times the adversarial text runs about four times the lines."""
    assert growth(lambda n: lines_run(lambda: scan_text(_stretch(unit, n))), SMALL) < GROWTH


def _dataset(folder: Path, text: str) -> Dataset:
    (folder / "s.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = Source(id="s", path="s.txt", sha256=sha, title="adversarial", kind="test")
    ignore = CoverageIgnore(source="s", quote=text[:7] or "x", reason="an ignore to match")
    return Dataset(sources=(source,), coverage_ignores=(ignore,), seeds_dir=folder)


def _coverage_work(folder: Path, unit: str, n: int) -> int:
    where = folder / str(n)
    where.mkdir(exist_ok=True)
    dataset = _dataset(where, _stretch(unit, n))
    return lines_run(lambda: coverage(dataset))


@settings(max_examples=10, deadline=None)
@given(unit=units)
def test_whole_coverage_run_is_linear(unit: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A whole coverage run over an adversarial source (mentions, ignores) stays linear."""
    folder = tmp_path_factory.mktemp("adversarial")
    assert growth(lambda n: _coverage_work(folder, unit, n), SMALL) < GROWTH


@pytest.mark.parametrize(
    "unit", ["5 goals ", "$5 million ", "Five Goals. ", "said “" + "x" * 40 + "” ", "FY2008-"]
)
def test_dense_mentions_stay_linear(unit: str, tmp_path: Path) -> None:
    """Thousands of mentions, each inside the ignore's quote, still cost linear work."""
    (tmp_path / "probe").mkdir()
    assert len(coverage(_dataset(tmp_path / "probe", _stretch(unit, 4 * SMALL))).mentions) > 100
    assert growth(lambda n: _coverage_work(tmp_path, unit, n), SMALL) < GROWTH
