"""Coverage: every occurrence of an ignore quote counts, overlapping ones included."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from carsi_claims.analysis.coverage import _occurrences, _occurrences_of, coverage
from carsi_claims.dataset import Dataset
from carsi_claims.model import CoverageIgnore, Source


def test_figure_in_the_second_overlapping_occurrence_is_ignored(tmp_path: Path) -> None:
    """``$5 or $5`` in ``Fees: $5 or $5 or $5.`` ignores all three figures (0.1.0: not the last)."""
    text = "Fees: $5 or $5 or $5.\n"
    (tmp_path / "s.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = Source(id="s", path="s.txt", sha256=sha, title="fees", kind="test")
    ignore = CoverageIgnore(source="s", quote="$5 or $5", reason="fees are not claims")
    report = coverage(Dataset(sources=(source,), coverage_ignores=(ignore,), seeds_dir=tmp_path))
    assert [(m.figure.text, m.column, m.ignored_by) for m in report.mentions] == [
        ("$5", 7, 0),
        ("$5", 13, 0),
        ("$5", 19, 0),
    ]
    assert report.uncovered == ()
    assert report.stale == ()


@given(
    text=st.text(alphabet="ab", max_size=40),
    quote=st.text(alphabet="ab", min_size=1, max_size=6),
)
@example(text="aaaaa", quote="aa")
@example(text="aabaabaa", quote="aabaa")
@example(text="abaababaab", quote="abaab")
def test_occurrences_are_every_start_of_the_quote(text: str, quote: str) -> None:
    """The occurrences are exactly the offsets where the quote starts, in order."""
    expected = [(i, i + len(quote)) for i in range(len(text)) if text.startswith(quote, i)]
    assert _occurrences(text, quote) == expected


def test_indexed_search_keeps_overlapping_occurrences() -> None:
    """With more than 16 quotes (the word-index search) overlapping occurrences are kept too."""
    text = "Fees: $5 or $5 or $5. " + " ".join(f"w{i} x" for i in range(3000))
    quotes = ["$5 or $5", "or $5 or", *(f"w{i} x w{i + 1}" for i in range(20))]
    found = _occurrences_of(text, quotes)
    assert found["$5 or $5"] == [(6, 14), (12, 20)]
    assert found == {quote: _occurrences(text, quote) for quote in quotes}
