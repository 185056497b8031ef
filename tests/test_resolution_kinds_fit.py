"""Which resolution kinds fit which conflict sets, beyond the figure and goal-5 cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from _conflict_claims import claim
from carsi_claims.analysis.conflicts import Conflict, ConflictKind, Variant, detect
from carsi_claims.analysis.resolutions import kind_problem, resolve
from carsi_claims.model import Money, Quotation, Resolution, ResolutionKind, Statement


def _res(kind: ResolutionKind, *claims: str) -> Resolution:
    return Resolution("r", claims, kind, "why")


def _misattribution() -> Conflict:
    words = "we will support strong institutions"
    a = claim("a", Quotation(words, "s1"), prop="p1")
    b = claim("b", Quotation(words, "s2"), prop="p2", source="src-b")
    [found] = detect([a, b])
    assert found.kind == "misattribution"
    return found


@pytest.mark.parametrize(
    ("kind", "problem"),
    [
        (ResolutionKind.MISATTRIBUTION, None),
        (ResolutionKind.SOURCE_ERROR, None),
        (ResolutionKind.UNDETERMINED, None),
        (
            ResolutionKind.WORDING_REVISED,
            "the set it resolves is a misattribution conflict, not a difference of wording",
        ),
        (
            ResolutionKind.WORDING_VARIANT,
            "the set it resolves is a misattribution conflict, not a difference of wording",
        ),
    ],
)
def test_kinds_against_a_misattribution(kind: ResolutionKind, problem: str | None) -> None:
    """A misattribution is resolved as one (or as a source error, or undetermined); it is
    no difference of wording."""
    assert kind_problem(_res(kind, "a", "b"), _misattribution()) == problem


def test_different_scope_fits_variants_of_other_scopes() -> None:
    """different_scope fits a set whose variants have different scopes (one none)."""
    conflict = Conflict(
        ConflictKind.VALUE,
        ("a", "b"),
        "d",
        variants=(Variant(("a",), ("s",), "$1", scope="x"), Variant(("b",), ("s",), "$2")),
    )
    assert kind_problem(_res(ResolutionKind.DIFFERENT_SCOPE, "a", "b"), conflict) is None
    assert kind_problem(_res(ResolutionKind.DIFFERENT_AS_OF, "a", "b"), conflict) == (
        "every variant of the set it resolves has the same time (or none)"
    )


def test_wording_revised_fits_a_change_of_substance() -> None:
    """wording_revised fits any difference of wording; a typography set takes a wording_variant."""
    a = claim("a", Statement("We fund the police."))
    b = claim("b", Statement("We fund the army."), source="src-b")
    [wording] = detect([a, b])
    assert kind_problem(_res(ResolutionKind.WORDING_REVISED, "a", "b"), wording) is None
    assert kind_problem(_res(ResolutionKind.WORDING_VARIANT, "a", "b"), wording) == (
        "the variants differ in substance, not only in form: the content words 'army', "
        "'police' are not in every variant (a wording_variant may differ only in typography, "
        "punctuation and function words; use undetermined, wording_revised or source_error, as "
        "the evidence shows)"
    )
    c = claim("c", Statement("we FUND the police"), source="src-c")
    [typography] = detect([a, c])
    assert typography.kind == "typography"
    assert kind_problem(_res(ResolutionKind.WORDING_VARIANT, "a", "c"), typography) is None


def test_a_content_word_said_more_often_is_a_change_of_substance() -> None:
    """'very, very good' and 'very good' differ in content: a word repeated is not form."""
    a = claim("a", Statement("a very very good plan"))
    b = claim("b", Statement("a very good plan"), source="src-b")
    [found] = detect([a, b])
    assert kind_problem(_res(ResolutionKind.WORDING_VARIANT, "a", "b"), found) == (
        "the variants differ in substance, not only in form: the content words 'very' are not "
        "in every variant (a wording_variant may differ only in typography, punctuation and "
        "function words; use undetermined, wording_revised or source_error, as the evidence "
        "shows)"
    )


def test_a_wording_set_with_one_text_has_no_content_change() -> None:
    """A text set listing fewer than two texts (as a hand-made set may) has nothing to compare."""
    one = Conflict(
        ConflictKind.WORDING,
        ("a", "b"),
        "d",
        variants=(Variant(("a",), ("s",), "x", text="we act"), Variant(("b",), ("s",), "y")),
    )
    assert kind_problem(_res(ResolutionKind.WORDING_VARIANT, "a", "b"), one) is None


def test_a_resolution_resolves_every_set_it_covers_and_no_set_is_resolved_twice() -> None:
    """One resolution naming the claims of two sets resolves both; sets are matched in order;
    a set without claims is never resolved."""
    claims = [
        claim("a", Money(Decimal(1))),
        claim("b", Money(Decimal(2)), source="src-b"),
        claim("c", Money(Decimal(1)), prop="q"),
        claim("d", Money(Decimal(2)), prop="q", source="src-b"),
    ]
    sets = detect(claims)
    both = _res(ResolutionKind.SOURCE_ERROR, "a", "b", "c", "d")
    other = Resolution("r2", ("c", "d"), ResolutionKind.SOURCE_ERROR, "why")
    matches, stale = resolve(sets, [both, other])
    assert [(m.conflict.claims, m.resolution) for m in matches] == [
        (("a", "b"), both),
        (("c", "d"), both),
    ]
    assert stale == [other]
    matches, stale = resolve(sets, [other, both])
    assert [m.resolution for m in matches] == [both, other]
    assert stale == []
    empty = Conflict(ConflictKind.VALUE, (), "d")
    matches, stale = resolve([empty], [both])
    assert [m.resolution for m in matches] == [None]
    assert stale == [both]


def test_a_set_of_one_claim_is_resolved_by_a_resolution_naming_it() -> None:
    """A hand-made set of a single claim is matched like any other set."""
    single = Conflict(ConflictKind.VALUE, ("b",), "d")
    named = Resolution("r1", ("a", "b"), ResolutionKind.SOURCE_ERROR, "why")
    other = Resolution("r2", ("a",), ResolutionKind.SOURCE_ERROR, "why")
    matches, stale = resolve([single], [other, named])
    assert [m.resolution for m in matches] == [named]
    assert stale == [other]
