"""A resolution's kind must fit the conflict set it resolves (resolution.kind-mismatch)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from _conflict_claims import claim
from carsi_claims import load
from carsi_claims.analysis.conflicts import detect
from carsi_claims.analysis.resolutions import kind_problem
from carsi_claims.checks.suite import validate
from carsi_claims.model import ListItem, Money, PartialDate, Resolution, ResolutionKind

ROOT = Path(__file__).resolve().parent.parent

_GOAL_5 = (
    "Foster enhanced levels of coordination and cooperation between the nations of the region, "
    "other international partners, and donors to combat regional security threats",
    "Foster enhanced levels of security and rule of law coordination and cooperation between "
    "the nations of the region",
)


_IS_A_VALUE = "the set it resolves is a value conflict"
_EVERY_VARIANT = "every variant of the set it resolves"


def _res(kind: ResolutionKind, *claims: str) -> Resolution:
    return Resolution("r", claims, kind, "why")


def test_wording_variant_cannot_resolve_a_difference_in_substance() -> None:
    """Goal 5's two wordings differ in content words: wording_variant does not fit."""
    a = claim("a", ListItem("goals", 5, _GOAL_5[0]))
    b = claim("b", ListItem("goals", 5, _GOAL_5[1]), source="src-b")
    [found] = detect([a, b])
    assert kind_problem(_res(ResolutionKind.WORDING_VARIANT, "a", "b"), found) == (
        "the variants differ in substance, not only in form: the content words 'combat', "
        "'donors', 'international', 'law', 'other', 'partners', 'regional', 'rule', 'threats' "
        "are not in every variant (a wording_variant may differ only in typography, punctuation "
        "and function words; use undetermined, wording_revised or source_error, as the evidence "
        "shows)"
    )
    for fits in (ResolutionKind.UNDETERMINED, ResolutionKind.WORDING_REVISED):
        assert kind_problem(_res(fits, "a", "b"), found) is None


def test_wording_variant_fits_function_words_and_punctuation() -> None:
    """'citizens of the region' against 'citizens in the region' is a wording variant."""
    a = claim("a", ListItem("goals", 1, "Create safe streets for the citizens of the region"))
    b = claim("b", ListItem("goals", 1, "Create safe streets for the citizens in the region;"))
    [found] = detect([a, b])
    assert kind_problem(_res(ResolutionKind.WORDING_VARIANT, "a", "b"), found) is None


@pytest.mark.parametrize(
    ("kind", "problem"),
    [
        (ResolutionKind.WORDING_VARIANT, f"{_IS_A_VALUE}, not a difference of wording"),
        (ResolutionKind.MISATTRIBUTION, f"{_IS_A_VALUE}, not a misattribution"),
        (ResolutionKind.DIFFERENT_SCOPE, f"{_EVERY_VARIANT} has the same scope"),
        (ResolutionKind.DIFFERENT_AS_OF, f"{_EVERY_VARIANT} has the same time (or none)"),
        (ResolutionKind.SOURCE_ERROR, None),
        (ResolutionKind.UNDETERMINED, None),
    ],
)
def test_kinds_against_a_figure(kind: ResolutionKind, problem: str | None) -> None:
    """Two figures for one question and one time: only source_error or undetermined fit."""
    [found] = detect([claim("a", Money(Decimal(1))), claim("b", Money(Decimal(2)))])
    assert kind_problem(_res(kind, "a", "b"), found) == problem


def test_different_as_of_fits_when_a_time_is_missing() -> None:
    """different_as_of fits a set whose variants state different times (one none)."""
    a = claim("a", Money(Decimal(1)), as_of=PartialDate(2011))
    b = claim("b", Money(Decimal(2)), source="src-b")
    [found] = detect([a, b])
    assert found.undetermined
    assert kind_problem(_res(ResolutionKind.DIFFERENT_AS_OF, "a", "b"), found) is None


def test_validate_reports_the_misfit_at_the_kind(tmp_path: Path) -> None:
    """The shipped goal-5 resolution given kind wording_variant fails validate at its kind."""
    (tmp_path / "data").mkdir()
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    text = (ROOT / "data" / "claims.yaml").read_text(encoding="utf-8")
    anchor = "  - id: res.goal-5.partners-vs-rule-of-law\n    kind: undetermined\n"
    assert anchor in text
    line = text[: text.index(anchor)].count("\n") + 2
    text = text.replace(anchor, anchor.replace("undetermined", "wording_variant"))
    f = tmp_path / "data" / "claims.yaml"
    f.write_text(text, encoding="utf-8")
    [finding] = [x for x in validate(load(f)).findings if x.code == "resolution.kind-mismatch"]
    assert finding.severity == "error"
    assert finding.location is not None
    assert (finding.location.line, finding.location.column) == (line, 11)
    assert finding.message.startswith(
        "resolution 'res.goal-5.partners-vs-rule-of-law' has kind wording_variant, but the "
        "variants differ in substance, not only in form: the content words 'combat', 'donors',"
    )
