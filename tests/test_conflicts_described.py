"""How a conflict describes itself: its dict (the JSON tools read), variants, question, values."""

from __future__ import annotations

from decimal import Decimal

from _conflict_claims import claim
from carsi_claims.analysis.conflicts import (
    Conflict,
    ConflictKind,
    Variant,
    describe_question,
    describe_value,
    detect,
    sources_of,
)
from carsi_claims.model import (
    Basis,
    Count,
    FiscalYears,
    Inference,
    ListItem,
    Money,
    PartialDate,
    Provenance,
    QualifierName,
    Quotation,
    Statement,
)


def test_a_conflict_as_a_dict_has_every_key_with_its_value() -> None:
    """``Conflict.to_dict``: kind, code, severity, question, claims, variants (each with its
    claims, sources, what it says, text, time or None, scope), diffs, reason, detail and
    the two flags, exactly."""
    copies = [claim(f"a{i}", Money(Decimal(1)), source=f"s{i}", scope="x") for i in range(6)]
    other = claim(
        "b", Money(Decimal(3), tolerance=Decimal("0.5")), as_of=PartialDate(2011), scope="x"
    )
    [found] = detect([*copies, other])
    assert found.to_dict() == {
        "kind": "value",
        "code": "conflict.value",
        "severity": "error",
        "question": "carsi p, scope 'x'",
        "claims": ["a0", "a1", "a2", "a3", "a4", "a5", "b"],
        "variants": [
            {
                "claims": ["a0", "a1", "a2", "a3", "a4", "a5"],
                "sources": ["s0", "s1", "s2", "s3", "s4", "s5"],
                "says": "$1",
                "text": None,
                "when": None,
                "scope": "x",
            },
            {
                "claims": ["b"],
                "sources": ["src-a"],
                "says": "$3 (tolerance 0.5)",
                "text": None,
                "when": "as of 2011",
                "scope": "x",
            },
        ],
        "diffs": [],
        "reason": "the figures do not meet (a time, as-of date or fiscal years, is given for "
        "one and not the other)",
        "detail": "the figures do not meet (a time, as-of date or fiscal years, is given for "
        "one and not the other): a0, a1, a2, a3, 2 more (s0, s1, s2, s3, s4, s5) says $1; "
        "b (src-a) says $3 (tolerance 0.5) [as of 2011]",
        "undetermined": True,
        "leans_on_inference": False,
    }


def test_a_wording_conflict_as_a_dict_carries_texts_and_diffs() -> None:
    """The variants of a wording set carry their texts; each diff is from, to and the diff."""
    a = claim("a", Statement("We fund the police."))
    b = claim("b", Statement("We fund the army."), source="src-b")
    [found] = detect([a, b])
    data = found.to_dict()
    assert [v["text"] for v in data["variants"]] == ["We fund the police.", "We fund the army."]  # type: ignore[attr-defined]
    assert data["diffs"] == [{"from": 0, "to": 1, "diff": "we fund the [-police.-] {+army.+}"}]
    assert data["code"] == "conflict.wording"


def test_ids_are_abbreviated_past_four_only() -> None:
    """A variant names four claim ids, then how many more; four or fewer are all named."""
    five = Variant(("a", "b", "c", "d", "e"), ("s",), "$1")
    four = Variant(("a", "b", "c", "d"), ("s", "t"), "$1", when="as of 2011")
    assert five.describe() == "a, b, c, d, 1 more (s) says $1"
    assert four.describe() == "a, b, c, d (s, t) says $1 [as of 2011]"


def test_code_and_severity_of_every_kind() -> None:
    """The finding code is ``conflict.<kind>``; currency is a warning, typography info, the
    rest errors."""
    severities = {kind: Conflict(kind, ("a", "b"), "d").severity.value for kind in ConflictKind}
    assert severities == {
        ConflictKind.VALUE: "error",
        ConflictKind.CUMULATIVE: "error",
        ConflictKind.MISATTRIBUTION: "error",
        ConflictKind.COUNT_LIST: "error",
        ConflictKind.WORDING: "error",
        ConflictKind.CURRENCY: "warning",
        ConflictKind.TYPOGRAPHY: "info",
    }
    assert Conflict(ConflictKind.COUNT_LIST, (), "").code == "conflict.count-list"


def test_describe_question_names_list_item_and_scope() -> None:
    """The question: subject and property, the list item, the scope (property optional)."""
    item = claim("a", ListItem("goals", 2, "goal two"), prop="goal-2", scope="region")
    assert describe_question(item) == "carsi goal-2, item 2 of list goals, scope 'region'"
    assert describe_question(item, with_property=False) == (
        "carsi, item 2 of list goals, scope 'region'"
    )
    assert describe_question(claim("b", Money(Decimal(1)))) == "carsi p"


def test_describe_value_with_its_time() -> None:
    """What a claim says, then its as-of date and fiscal years in brackets (none: no brackets)."""
    both = claim(
        "a",
        Money(Decimal(260_000_000)),
        as_of=PartialDate(2011, 3, 14),
        fiscal_years=FiscalYears(2008, 2010),
    )
    assert describe_value(both) == "$260 million [as of 2011-03-14, FY2008-2010]"
    assert describe_value(claim("b", Count(5))) == "5"


def test_inferred_times_name_their_basis() -> None:
    """An inferred as-of date or span says what it is read from; a stated one does not."""
    inferred = claim(
        "a",
        Money(Decimal(1)),
        as_of=PartialDate(2011),
        fiscal_years=FiscalYears(2008, 2010),
        inferred=(Inference(QualifierName.FISCAL_YEARS, Basis.CONTEXT),),
    )
    assert describe_value(inferred) == "$1 [as of 2011, FY2008-2010 (inferred from the context)]"


def test_long_texts_are_cut_at_120_characters() -> None:
    """A text of 120 characters is shown whole; a longer one as its first 117 and "..."."""
    exact = "x" * 120
    longer = "y" * 121
    assert describe_value(claim("a", Statement(exact))) == f"“{exact}”"
    assert describe_value(claim("b", Statement(longer))) == f"“{'y' * 117}...”"


def test_quotations_name_their_speaker() -> None:
    """A quotation is described with its speaker; a list item or statement without."""
    assert describe_value(claim("a", Quotation("we act now", "clinton"))) == (
        "“we act now” (speaker clinton)"
    )
    assert describe_value(claim("b", ListItem("l", 1, "item"))) == "“item”"


def test_sources_of_are_sorted_and_unique() -> None:
    """The sources a claim cites, sorted, each once."""
    import attrs

    c = claim("a", Money(Decimal(1)))
    c = attrs.evolve(
        c,
        provenance=(
            Provenance("s2", "q", 0, 1),
            Provenance("s1", "q", 2, 3),
            Provenance("s2", "q", 4, 5),
        ),
    )
    assert sources_of(c) == ["s1", "s2"]


def test_an_inferred_span_is_named_as_a_span() -> None:
    """A verdict leaning on inferred fiscal years names them as ``FY2008-2010`` (no premise
    claim: none named)."""
    stated = claim("a", Money(Decimal(1)))
    inferred = claim(
        "b",
        Money(Decimal(3)),
        fiscal_years=FiscalYears(2008, 2010),
        inferred=(Inference(QualifierName.FISCAL_YEARS, Basis.DATELINE),),
        source="src-b",
    )
    [found] = detect([stated, inferred])
    assert (found.kind, found.undetermined, found.leans_on_inference) == ("value", True, True)
    assert found.reason == (
        "the figures do not meet (this leans on an inference: fiscal_years FY2008-2010 of b "
        "is inferred from the dateline, not stated) (a time, as-of date or fiscal years, is "
        "given for one and not the other)"
    )
