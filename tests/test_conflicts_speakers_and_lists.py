"""Misattributed quotations (speakers by name and alias), quotation excerpts, counts of lists."""

from __future__ import annotations

from decimal import Decimal

import attrs

from _conflict_claims import claim
from carsi_claims.analysis.conflicts import detect
from carsi_claims.model import (
    Bound,
    Claim,
    Count,
    Entity,
    ListItem,
    Money,
    Provenance,
    Quotation,
    Statement,
)

_WORDS = "we will support strong institutions"


def _quote(cid: str, text: str, speaker: str, **kw: str) -> Claim:
    return claim(cid, Quotation(text, speaker), prop=f"p-{cid}", source=f"src-{cid}", **kw)


def test_the_same_words_given_to_two_speakers_are_a_misattribution() -> None:
    """One set naming both quotations, as variants with their speakers."""
    a = _quote("a", _WORDS, "clinton")
    b = _quote("b", _WORDS.upper() + "!", "obama", subject="other")
    [found] = detect([a, b])
    assert (found.kind, found.claims, found.question) == (
        "misattribution",
        ("a", "b"),
        "who said these words",
    )
    assert found.reason == "the same words are attributed to different speakers"
    assert [v.says for v in found.variants] == [
        f"“{_WORDS}” (speaker clinton)",
        f"“{_WORDS.upper()}!” (speaker obama)",
    ]


def test_entities_sharing_a_name_or_alias_are_one_speaker() -> None:
    """Two entity ids with a common name or alias (after normalising) never misattribute;
    entities with nothing in common do."""
    a = _quote("a", _WORDS, "clinton")
    b = _quote("b", _WORDS, "h-clinton")
    c = _quote("c", _WORDS, "hrc")
    entities = [
        Entity("clinton", "Hillary Clinton"),
        Entity("h-clinton", "H. Clinton", aliases=("Hillary  CLINTON",)),
        Entity("hrc", "HRC", aliases=("h. clinton",)),
        Entity("obama", "Barack Obama"),
    ]
    assert detect([a, b, c], entities) == []
    assert detect([a, b, c], entities[::-1]) == []
    d = _quote("d", _WORDS, "obama")
    [found] = detect([a, b, c, d], entities)
    assert found.claims == ("a", "b", "c", "d")
    assert [v.claims for v in found.variants] == [("a", "b", "c"), ("d",)]
    [alone] = detect([a, b])
    assert alone.kind == "misattribution"


def test_a_chain_of_excerpts_is_one_set() -> None:
    """Quotations linked through excerpts across three speakers are one set of three."""
    whole = _quote("a", "we will support strong institutions across the region", "s1")
    part = _quote("b", "support strong institutions", "s2")
    other = _quote("c", "we will support strong institutions", "s3")
    [found] = detect([whole, part, other])
    assert found.claims == ("a", "b", "c")


def test_quotations_of_fewer_than_three_words_are_not_compared_across_speakers() -> None:
    """Two words are too few to identify a quotation; three are enough."""
    assert (
        detect([_quote("a", "strong institutions", "s1"), _quote("b", "strong institutions", "s2")])
        == []
    )
    [found] = detect(
        [
            _quote("a", "support strong institutions", "s1"),
            _quote("b", "support strong institutions", "s2"),
        ]
    )
    assert found.kind == "misattribution"


def test_unrelated_words_are_no_misattribution() -> None:
    """Different words by different speakers: nothing."""
    a = _quote("a", _WORDS, "s1")
    b = _quote("b", "we will build roads and bridges", "s2")
    assert detect([a, b]) == []


def test_a_quotation_excerpt_of_the_same_question_agrees() -> None:
    """Within one question, a quotation that is an excerpt of the other agrees with it, either
    way round; statements are not excerpts: their wording differs."""
    whole = claim("a", Quotation("we will support strong institutions now", "s"))
    part = claim("b", Quotation("support strong institutions", "s"), source="src-b")
    assert detect([whole, part]) == []
    assert detect([attrs.evolve(whole, id="c"), attrs.evolve(part, id="b")]) == []
    sa = claim("a", Statement("we will support strong institutions now"))
    sb = claim("b", Statement("support strong institutions"), source="src-b")
    [found] = detect([sa, sb])
    assert found.kind == "wording"


def test_the_most_serious_disagreement_names_the_set() -> None:
    """Three figures: two in dollars that do not meet, one in euros: a value set listing every
    reason, the most serious first."""
    a = claim("a", Money(Decimal(1)))
    b = claim("b", Money(Decimal(2)), source="src-b")
    c = claim("c", Money(Decimal(1), "EUR"), source="src-c")
    [found] = detect([a, b, c])
    assert (found.kind, found.claims) == ("value", ("a", "b", "c"))
    assert found.reason == (
        "the figures do not meet; amounts in EUR and USD are not compared (no exchange rate)"
    )
    [found] = detect([a, c])
    assert (found.kind, found.severity) == ("currency", "warning")


def _items(source: str, *ordinals: int) -> list[Claim]:
    return [
        claim(f"{source}-g{o}", ListItem("goals", o, f"goal {o}"), prop=f"g{o}", source=source)
        for o in ordinals
    ]


def test_a_count_that_matches_its_list_passes() -> None:
    """A count equal to the number of distinct ordinals its source gives is fine, also when
    other sources give other items, or when an ordinal is given twice."""
    count = claim("n", Count(3, list="goals"), source="s1")
    items = _items("s1", 1, 2, 3) + _items("s2", 4)
    twice = claim("again", ListItem("goals", 3, "goal 3"), prop="g3b", source="s1")
    assert detect([count, *items, twice]) == []
    assert detect([count]) == []


def test_a_count_is_checked_against_every_source_it_cites() -> None:
    """A count citing two sources is checked against the items of each: a set for the one
    whose items are too few, naming its count, its items and its ordinals."""
    count = attrs.evolve(
        claim("n", Count(3, list="goals")),
        provenance=(Provenance("s1", "q", 0, 1), Provenance("s2", "q", 2, 3)),
    )
    items = _items("s1", 1, 2, 3) + _items("s2", 1, 4)
    [found] = detect([count, *items])
    assert found.kind == "count-list"
    assert found.question == "the length of list goals in s2"
    assert found.claims == ("n", "s2-g1", "s2-g4")
    assert found.reason == "s2 gives 2 item(s) of list 'goals', not the count"
    assert [(v.claims, v.sources, v.says) for v in found.variants] == [
        (("n",), ("s1", "s2"), "3"),
        (("s2-g1", "s2-g4"), ("s2",), "2 item(s) of list 'goals' (ordinals 1, 4)"),
    ]


def test_a_count_interval_may_hold_the_number_of_items() -> None:
    """'At least 2' holds three items; 'up to 2' does not."""
    items = _items("s1", 1, 2, 3)
    assert detect([claim("n", Count(2, Bound.AT_LEAST, list="goals"), source="s1"), *items]) == []
    [found] = detect([claim("n", Count(2, Bound.UP_TO, list="goals"), source="s1"), *items])
    assert found.kind == "count-list"


def test_a_count_without_a_list_is_not_checked_against_one() -> None:
    """A count naming no list is compared with nothing."""
    assert detect([claim("n", Count(5), source="s1"), *_items("s1", 1)]) == []


def test_find_conflicts_knows_the_dataset_s_speakers() -> None:
    """``find_conflicts`` reads a dataset's entities: two ids of one person are one speaker."""
    from carsi_claims.analysis.conflicts import find_conflicts
    from carsi_claims.dataset import Dataset

    a = _quote("a", _WORDS, "clinton")
    b = _quote("b", _WORDS, "h-clinton")
    people = (Entity("clinton", "Hillary Clinton"), Entity("h-clinton", "Hillary Clinton"))
    assert find_conflicts(Dataset(claims=(a, b), entities=people)) == []
    [found] = find_conflicts(Dataset(claims=(a, b)))
    assert (found.kind, found.leans_on_inference, found.undetermined) == (
        "misattribution",
        False,
        False,
    )


def test_list_items_of_other_ordinals_or_lists_answer_other_questions() -> None:
    """The list id and ordinal are part of an item's question: items 1 and 2 of one list, or
    item 1 of two lists, never conflict, whatever their property; item 1 twice does."""
    one = claim("a", ListItem("goals", 1, "Create safe streets"), prop="goal")
    two = claim("b", ListItem("goals", 2, "Disrupt criminals"), prop="goal", source="src-b")
    other = claim("c", ListItem("aims", 1, "Disrupt criminals"), prop="goal", source="src-c")
    assert detect([one, two, other]) == []
    again = claim("d", ListItem("goals", 1, "Disrupt criminals"), prop="goal", source="src-d")
    [found] = detect([one, two, other, again])
    assert (found.kind, found.claims, found.question) == (
        "wording",
        ("a", "d"),
        "carsi goal, item 1 of list goals",
    )


def test_reasons_are_listed_most_serious_first() -> None:
    """The reasons of a set come most serious first, not in the order of the claims."""
    euros = claim("a", Money(Decimal(1), "EUR"))
    one = claim("b", Money(Decimal(1)), source="src-b")
    two = claim("c", Money(Decimal(2)), source="src-c")
    [found] = detect([euros, one, two])
    assert (found.kind, found.claims) == ("value", ("a", "b", "c"))
    assert found.reason == (
        "the figures do not meet; amounts in EUR and USD are not compared (no exchange rate)"
    )


def test_a_short_quotation_does_not_stop_the_search() -> None:
    """A quotation too short to compare, sorting first, leaves the others compared."""
    short = _quote("a", "strong institutions", "s1")
    b = _quote("b", _WORDS, "s1")
    c = _quote("c", _WORDS, "s2")
    [found] = detect([short, b, c])
    assert found.claims == ("b", "c")


def test_an_excerpt_sorting_first_is_found() -> None:
    """An excerpt by one speaker of a longer quotation by another is a misattribution also when
    the excerpt sorts first (its own entry is passed over, not the end of its search)."""
    excerpt = _quote("a", _WORDS, "s2")
    longer = _quote("b", _WORDS + " today", "s1")
    [found] = detect([excerpt, longer])
    assert (found.kind, found.claims) == ("misattribution", ("a", "b"))
