"""Property: the coverage scanner does linear work on adversarial text (counted, never timed).

Two halves make the argument, neither reading a clock:

- the Python-level work (function calls, counted by ``_work.work``) of ten
  times the input is at most about ten times as much: a loop that rescans
  the text per mention would make a hundred times the calls;
- inside one regular expression, no attempt can backtrack over more than a
  bounded stretch: every repetition of the scanner's patterns has an upper
  bound, except a ``*`` over a negated character class that stops at the
  very character that ends it (``"[^"]*"``), which cannot backtrack at all
  past the next stop character.

The timing ratios these tests replaced live in ``benchmarks/bench_linear.py``.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _work import work
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
SMALL, LARGE = 4_000, 40_000
GROWTH = 12  # ten times the input may make at most twelve times the calls
FIXED = 200  # calls that do not grow with the input (set-up, a regex compiled once)


def _stretch(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


units = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12).map("".join)


def _linear(small: int, large: int) -> bool:
    return large <= GROWTH * small + FIXED


@settings(max_examples=15, deadline=None)
@given(unit=units)
def test_scan_text_work_is_linear(unit: str) -> None:
    """Scanning ten times the adversarial text makes about ten times the calls."""
    small, large = _stretch(unit, SMALL), _stretch(unit, LARGE)
    assert _linear(work(lambda: scan_text(small)), work(lambda: scan_text(large)))


def _dataset(folder: Path, text: str) -> Dataset:
    (folder / "s.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = Source(id="s", path="s.txt", sha256=sha, title="adversarial", kind="test")
    ignore = CoverageIgnore(source="s", quote=text[:7] or "x", reason="an ignore to match")
    return Dataset(sources=(source,), coverage_ignores=(ignore,), seeds_dir=folder)


@settings(max_examples=10, deadline=None)
@given(unit=units)
def test_whole_coverage_run_is_linear(unit: str) -> None:
    """A whole coverage run over an adversarial source (mentions, ignores) does linear work."""
    with tempfile.TemporaryDirectory() as small_dir, tempfile.TemporaryDirectory() as large_dir:
        small = _dataset(Path(small_dir), _stretch(unit, SMALL))
        large = _dataset(Path(large_dir), _stretch(unit, LARGE))
        assert _linear(work(lambda: coverage(small)), work(lambda: coverage(large)))


@pytest.mark.parametrize(
    "unit",
    ["5 goals ", "$5 million ", "Five Goals. ", "said “" + "x" * 40 + "” ", "FY2008-", "aaaa"],
)
def test_dense_mentions_stay_linear(unit: str, tmp_path: Path) -> None:
    """Thousands of mentions, each inside the ignore's (overlapping) quote, still linear work."""
    (tmp_path / "small").mkdir()
    (tmp_path / "large").mkdir()
    small = _dataset(tmp_path / "small", _stretch(unit, SMALL))
    large = _dataset(tmp_path / "large", _stretch(unit, LARGE))
    if unit != "aaaa":
        assert len(coverage(large).mentions) > 100
    assert _linear(work(lambda: coverage(small)), work(lambda: coverage(large)))


# -- inside one regular expression ------------------------------------------------------


def _patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled pattern of the figure scanner, by where it is kept."""
    found: dict[str, re.Pattern[str]] = {}

    def collect(obj: object, name: str) -> None:
        if isinstance(obj, re.Pattern):
            found[name] = obj
        elif isinstance(obj, tuple | list):
            for i, item in enumerate(obj):
                collect(item, f"{name}[{i}]")
        elif isinstance(obj, dict):
            for i, (key, item) in enumerate(obj.items()):
                collect(key, f"{name}.key{i}")
                collect(item, f"{name}[{i}]")
        elif hasattr(obj, "__attrs_attrs__"):
            for field in obj.__attrs_attrs__:
                collect(getattr(obj, field.name), f"{name}.{field.name}")

    for name, value in vars(figures).items():
        collect(value, name)
    return found


def _runaway(items: list[tuple[Any, Any]]) -> list[str]:
    """Repetitions in a parsed pattern that an attempt could backtrack over without bound."""
    bad: list[str] = []
    for i, (op, av) in enumerate(items):
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            _low, high, body = av
            if high == sre.MAXREPEAT and not _stops_at_its_end(list(body), items[i + 1 :]):
                bad.append(str(body))
            bad += _runaway(list(body))
        elif op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
            bad += _runaway(list(av[-1]))
        elif op == sre.BRANCH:
            for branch in av[1]:
                bad += _runaway(list(branch))
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            bad += _runaway(list(av[1]))
    return bad


def _stops_at_its_end(body: list[tuple[Any, Any]], after: list[tuple[Any, Any]]) -> bool:
    """A ``*`` over one negated class, followed by nothing or by a literal the class excludes."""
    if len(body) != 1:
        return False
    if body[0][0] == sre.NOT_LITERAL:  # [^"]
        excluded = {body[0][1]}
    elif body[0][0] == sre.IN:  # [^“”]
        members = list(body[0][1])
        if not members or members[0] != (sre.NEGATE, None):
            return False
        excluded = {av for op, av in members[1:] if op == sre.LITERAL}
    else:
        return False
    if not after:
        return True
    op, av = after[0]
    return op == sre.LITERAL and av in excluded


def test_no_pattern_of_the_scanner_can_backtrack_without_bound() -> None:
    """Every repetition is bounded, or a negated-class run that stops where the match ends."""
    patterns = _patterns()
    assert len(patterns) > 20  # the rules, their anchors, quotations, URLs
    runaway = {
        name: found
        for name, pattern in patterns.items()
        if (found := _runaway(list(sre_parse.parse(pattern.pattern, pattern.flags))))
    }
    assert runaway == {}


def test_the_backtracking_check_can_fail() -> None:
    """The check itself: nested or open-ended runs are caught, a stopped class run is not."""

    def runaway(pattern: str) -> list[str]:
        return _runaway(list(sre_parse.parse(pattern)))

    assert runaway(r"(a+)+b") != []
    assert runaway(r"a.*b") != []
    assert runaway(r"[^x]*y") != []  # stops at x, but the match needs a y
    assert runaway(r'"[^"]*"') == []
    assert runaway(r"“[^“”]*”") == []
    assert runaway(r"a{1,6}(?:,\d{3}){1,6}") == []
