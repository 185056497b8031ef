"""Changing a word of a list item shows in the diff where it changed; typography is only info."""

from __future__ import annotations

from hypothesis import assume, event, example, given
from hypothesis import strategies as st

from _conflict_claims import claim
from carsi_claims import strategies as cs
from carsi_claims.analysis.conflicts import VariantDiff, detect, words_of
from carsi_claims.model import ListItem
from carsi_claims.text import normalize

#: Typographic forms that cs.words() writes (’ — …), each with a plain or other spelling.
_TYPO = {"’": "'", "—": "-", "…": "...", " ": "  "}
#: Punctuation that cs.words() writes after a word, and that may be left out.
_PUNCTUATION = (",", ".", ";", ":")


@example(words=["A", "A", "A", "A"], i=1, new="A.")  # issue 8: gave '{+a a.+} a a [-a a-]'
@given(st.lists(cs.words(), min_size=1, max_size=8), st.integers(0, 7), cs.words())
def test_changed_word_is_shown_where_it_changed(words: list[str], i: int, new: str) -> None:
    """Replacing one word shows exactly that word removed and the new one added, in place.

    The set is a wording conflict when the words differ, and typography (info)
    when only punctuation or typography differs ('a' against 'a.').
    """
    assume(i < len(words))
    assume(normalize(new) != normalize(words[i]))
    changed = [*words[:i], new, *words[i + 1 :]]
    a = claim("a", ListItem("goals", 1, " ".join(words)))
    b = claim("b", ListItem("goals", 1, " ".join(changed)), source="src-b")
    [found] = detect([a, b])
    same = [normalize(w) for w in words]
    expected = [*same[:i], f"[-{same[i]}-]", f"{{+{normalize(new)}+}}", *same[i + 1 :]]
    assert found.diffs == (VariantDiff(0, 1, " ".join(expected)),)
    assert [v.claims for v in found.variants] == [("a",), ("b",)]
    words_differ = words_of(words[i]) != words_of(new)
    assert found.kind == ("wording" if words_differ else "typography")


@given(st.lists(cs.words(), min_size=1, max_size=8), st.data())
def test_typography_only_is_info(words: list[str], data: st.DataObject) -> None:
    """Changing apostrophes, dashes, ellipses, spacing, case or punctuation only is info."""
    text = " ".join(words)
    typo = text.upper() if data.draw(st.booleans()) else text
    for fancy, plain in _TYPO.items():
        if data.draw(st.booleans()):
            typo = typo.replace(fancy, plain)
    for mark in _PUNCTUATION:
        if data.draw(st.booleans()):
            typo = typo.replace(mark, "")
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
    [diff] = found.diffs
    assert diff.diff == "contraband [-to, within,-] {+within+} and between the nations"


def test_quotation_misattribution_and_excerpt() -> None:
    """Same words (one an excerpt with '...') by two speakers is one misattribution set."""
    from carsi_claims.model import Entity, Quotation

    whole = "We are committed to the security of the people of Central America"
    a = claim("a", Quotation(whole, "clinton"), prop="remark")
    b = claim("b", Quotation("committed to the security ... Central America", "obama"), prop="x")
    c = claim("c", Quotation(whole, "hrc"), prop="remark", source="src-b")
    ents = [Entity("clinton", "Hillary Clinton"), Entity("hrc", "H. Clinton", ("Hillary Clinton",))]
    [found] = detect([a, b, c], ents)
    assert (found.kind, found.claims) == ("misattribution", ("a", "b", "c"))
    # a and c give the same words to one speaker (two spellings of her name): one variant
    assert [v.claims for v in found.variants] == [("a", "c"), ("b",)]
