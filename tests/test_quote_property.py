"""Property: a quote taken from any span of any text validates; any change to it does not."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from carsi_claims import validate
from carsi_claims.checks.provenance import check_provenance
from carsi_claims.dataset import Dataset
from carsi_claims.model import Claim, ClaimKind, Provenance, Source, Statement

TEXTS = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=200)


def _codes(text: str, quote: str, start: int, end: int) -> list[str]:
    """The provenance findings of one statement claim quoting ``text`` at start..end."""
    data = text.encode("utf-8")
    source = Source("src", "a.txt", hashlib.sha256(data).hexdigest(), "A", "fact-sheet")
    claim = Claim(
        "c",
        ClaimKind.STATEMENT,
        "src",
        "p",
        Statement("s"),
        (Provenance("src", quote, start, end),),
    )
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "a.txt").write_bytes(data)
        dataset = Dataset(sources=(source,), claims=(claim,), seeds_dir=Path(tmp))
        report = validate(dataset, checks=(check_provenance,))
    return [f.code for f in report.findings]


@st.composite
def spans(draw: st.DrawFn) -> tuple[str, int, int]:
    """A text and a non-empty span of it."""
    text = draw(TEXTS)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@given(spans())
def test_quote_from_its_span_validates(span: tuple[str, int, int]) -> None:
    """text[start:end] quoted at start..end has no provenance finding."""
    text, start, end = span
    assert _codes(text, text[start:end], start, end) == []


@given(spans(), st.data())
def test_changed_character_fails(span: tuple[str, int, int], data: st.DataObject) -> None:
    """Changing any one character of the quote is a quote mismatch."""
    text, start, end = span
    quote = text[start:end]
    i = data.draw(st.integers(0, len(quote) - 1))
    other = data.draw(st.characters(exclude_categories=["Cs"]).filter(lambda c: c != quote[i]))
    changed = quote[:i] + other + quote[i + 1 :]
    assert _codes(text, changed, start, end) == ["provenance.quote-mismatch"]


@given(spans(), st.integers(-5, 5).filter(bool))
def test_shifted_offsets_fail(span: tuple[str, int, int], shift: int) -> None:
    """Moving both offsets is a mismatch, unless the text repeats itself there."""
    text, start, end = span
    quote = text[start:end]
    assume(start + shift >= 0)
    assume(text[start + shift : end + shift] != quote)
    assert _codes(text, quote, start + shift, end + shift) == ["provenance.quote-mismatch"]


@given(spans(), st.sampled_from(["start", "end"]), st.integers(-3, 3).filter(bool))
def test_moved_single_offset_fails(span: tuple[str, int, int], which: str, delta: int) -> None:
    """Moving only the start or only the end changes the span, so the quote no longer stands."""
    text, start, end = span
    quote = text[start:end]
    new_start, new_end = (start + delta, end) if which == "start" else (start, end + delta)
    assume(0 <= new_start <= new_end)
    assume(text[new_start:new_end] != quote)
    assert _codes(text, quote, new_start, new_end) == ["provenance.quote-mismatch"]
