"""Changing a word of a list item always makes a wording difference; typography never does."""

from __future__ import annotations

from hypothesis import assume, event, given
from hypothesis import strategies as st

from _conflict_claims import claim
from carsi_claims import strategies as cs
from carsi_claims.analysis.conflicts import detect
from carsi_claims.model import ListItem
from carsi_claims.text import normalize

#: Typographic forms that cs.words() writes (’ — …), each with a plain or other spelling.
_TYPO = {"’": "'", "—": "-", "…": "...", " ": "  "}


@given(st.lists(cs.words(), min_size=1, max_size=8), st.data())
def test_changed_word_is_a_wording_conflict(words: list[str], data: st.DataObject) -> None:
    """Replacing one word by another is reported as wording, with the word in the diff."""
    i = data.draw(st.integers(0, len(words) - 1))
    new = data.draw(cs.words())
    assume(normalize(new) != normalize(words[i]))
    changed = [*words[:i], new, *words[i + 1 :]]
    a = claim("a", ListItem("goals", 1, " ".join(words)))
    b = claim("b", ListItem("goals", 1, " ".join(changed)), source="src-b")
    [found] = detect([a, b])
    assert found.kind == "wording"
    assert found.diff is not None
    assert "{+" + normalize(new) in found.diff


@given(st.lists(cs.words(), min_size=1, max_size=8), st.data())
def test_typography_only_is_info(words: list[str], data: st.DataObject) -> None:
    """Changing apostrophes, dashes, ellipses, spacing or case only is at most an info finding."""
    text = " ".join(words)
    typo = text.upper() if data.draw(st.booleans()) else text
    for fancy, plain in _TYPO.items():
        if data.draw(st.booleans()):
            typo = typo.replace(fancy, plain)
    event(f"typography changed: {sorted(f for f in _TYPO if f in text and f not in typo)}")
    a = claim("a", ListItem("goals", 1, text))
    b = claim("b", ListItem("goals", 1, typo), source="src-b")
    found = detect([a, b])
    assert all(c.kind == "typography" and c.severity == "info" for c in found)
    assert (found != []) == (text != typo)


def test_brief_example_diff() -> None:
    """'to, within, and between' against 'within and between' shows the removed words."""
    a = claim("a", ListItem("goals", 2, "contraband to, within, and between the nations"))
    b = claim("b", ListItem("goals", 2, "contraband within and between the nations"), source="s")
    [found] = detect([a, b])
    assert found.diff == "contraband [-to, within,-] {+within+} and between the nations"


def test_quotation_misattribution_and_excerpt() -> None:
    """Same words (one an excerpt with '...') by two speakers is a misattribution."""
    from carsi_claims.model import Entity, Quotation

    whole = "We are committed to the security of the people of Central America"
    a = claim("a", Quotation(whole, "clinton"), prop="remark")
    b = claim("b", Quotation("committed to the security ... Central America", "obama"), prop="x")
    c = claim("c", Quotation(whole, "hrc"), prop="remark", source="src-b")
    ents = [Entity("clinton", "Hillary Clinton"), Entity("hrc", "H. Clinton", ("Hillary Clinton",))]
    found = detect([a, b, c], ents)
    assert sorted((f.kind, f.claims) for f in found) == [
        ("misattribution", ("a", "b")),
        ("misattribution", ("b", "c")),
    ]
