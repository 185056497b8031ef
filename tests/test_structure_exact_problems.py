"""Structuring, exactly: each problem's code, message and path, and the records made.

Users read these messages (``validate`` prints them at the node's place) and the
paths place them in the file; each test pins one rule of ``read/structure.py``
with the exact text, so that a changed word, limit or path shows.  The structurers
are built on first use and kept: each test here starts with none built, so that
what it checks is the building as well as the structuring.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
import pytest

from carsi_claims.findings import Finding, Location, Severity
from carsi_claims.model import (
    Bound,
    Claim,
    ClaimKind,
    Count,
    Entity,
    FiscalYears,
    Money,
    PartialDate,
    Provenance,
    Qualifiers,
    Source,
    SourceRelation,
    Statement,
)
from carsi_claims.read import structure
from carsi_claims.read.structure import (
    TOP_LEVEL,
    Problem,
    SchemaError,
    locate_problems,
    structure_one,
    structure_records,
    structure_value,
    structurer,
)


def _forget_structurers() -> None:
    structure._STRUCTURERS.clear()
    structure._claim_spec.cache_clear()
    structure._value_structurer.cache_clear()
    structure._fields_of.cache_clear()


@pytest.fixture(autouse=True)
def _built_afresh() -> Iterator[None]:
    _forget_structurers()
    yield
    _forget_structurers()


def _refused(value: object, tp: object) -> tuple[str, str]:
    with pytest.raises(SchemaError) as info:
        structure_value(value, tp)
    return info.value.code, str(info.value)


def _problems(raw: object, cls: type[object]) -> list[tuple[object, ...]]:
    record, problems = structure_one(raw, cls, ("r", 0))
    assert record is None
    return [(p.path, p.code, p.message, p.at_key, p.meant) for p in problems]


# -- how a found value is named ----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "null"),
        ({"a": "1"}, "a mapping"),
        (["1"], "a list"),
        ("x" * 40, "'" + "x" * 40 + "'"),
        ("y" * 41, "'" + "y" * 37 + "...'"),
        ("z" * 60, "'" + "z" * 37 + "...'"),
        (1.5, "float"),
        (True, "bool"),
    ],
)
def test_a_found_value_is_named_shortened_after_40_characters(value: object, shown: str) -> None:
    """Text is quoted whole up to 40 characters, else its first 37 and '...'; others by kind."""
    assert _refused(value, int) == ("schema.type", f"expected a whole number, found {shown}")


# -- scalars -----------------------------------------------------------------------


def test_text_refuses_null_with_the_quoting_hint_and_others_without() -> None:
    assert _refused(None, str) == (
        "schema.type",
        "expected text, found null (quote it if you mean the word: 'null')",
    )
    assert _refused(["a"], str) == ("schema.type", "expected text, found a list")
    assert structure_value("null", str) == "null"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("1e6", "; write the number out in digits (1e6 is written 1000000)"),
        ("-2.5E+3", "; write the number out in digits (1e6 is written 1000000)"),
        ("1,000", "; write it without thousands separators"),
        ("1_000", "; write it without thousands separators"),
        ("1 000", "; write it without thousands separators"),
        ("nan", "; only finite numbers are allowed"),
        ("NaN", "; only finite numbers are allowed"),
        (".inf", "; only finite numbers are allowed"),
        ("-.Inf", "; only finite numbers are allowed"),
        ("+Infinity", "; only finite numbers are allowed"),
        ("twelve", ""),
        ("1.", ""),
    ],
)
def test_number_hints(text: str, hint: str) -> None:
    """Exponents, thousands separators and NaN or infinity each get their hint, in both
    the whole-number and the decimal messages."""
    assert _refused(text, int) == ("schema.type", f"expected a whole number, found {text!r}{hint}")
    assert _refused(text, Decimal) == (
        "schema.type",
        f"expected a decimal number such as 260000000 or 12.5, found {text!r}{hint}",
    )


def test_numbers_not_given_as_text_have_no_hint() -> None:
    assert _refused(None, int) == ("schema.type", "expected a whole number, found null")
    assert _refused(None, Decimal) == (
        "schema.type",
        "expected a decimal number such as 260000000 or 12.5, found null",
    )
    assert structure_value("-12", int) == -12
    assert structure_value("-12.50", Decimal) == Decimal("-12.50")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "yes",
            "expected true or false, found 'yes'; write true or false "
            "('yes' is not read as a yes/no here)",
        ),
        (
            "True",
            "expected true or false, found 'True'; write true or false "
            "('True' is not read as a yes/no here)",
        ),
        ("1", "expected true or false, found '1'"),
        (None, "expected true or false, found null"),
        (["true"], "expected true or false, found a list"),
        ({"true": "x"}, "expected true or false, found a mapping"),
    ],
)
def test_booleans_are_only_true_and_false(value: object, message: str) -> None:
    assert _refused(value, bool) == ("schema.type", message)


def test_true_and_false() -> None:
    assert structure_value("true", bool) is True
    assert structure_value("false", bool) is False


def test_dates() -> None:
    assert structure_value("2011-03", PartialDate) == PartialDate(2011, 3)
    assert _refused(None, PartialDate) == (
        "schema.type",
        "expected a date such as '2011-03-14', found null",
    )
    assert _refused(["2011"], PartialDate) == (
        "schema.type",
        "expected a date such as '2011-03-14', found a list",
    )
    assert _refused("March 2011", PartialDate) == (
        "schema.date",
        "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found 'March 2011'; "
        "use an ISO date in quotes: '2011-03-14' (or '2011-03', '2011')",
    )


def test_enums_name_every_allowed_value() -> None:
    assert structure_value("up_to", Bound) is Bound.UP_TO
    allowed = ", ".join(m.value for m in Bound)
    assert _refused("upto", Bound) == ("schema.enum", f"expected one of {allowed}; found 'upto'")
    assert _refused(None, Bound) == ("schema.enum", f"expected one of {allowed}; found null")


@pytest.mark.parametrize("tp", [None | int, int | None, typing.Optional[int]])  # noqa: UP045
def test_optional_scalars_in_either_order(tp: object) -> None:
    """``X | None``, ``None | X`` and ``Optional[X]`` take null or an X (each built afresh:
    the three are equal as keys)."""
    assert structure_value(None, tp) is None
    assert structure_value("7", tp) == 7
    assert _refused("x", tp) == ("schema.type", "expected a whole number, found 'x'")


@pytest.mark.parametrize("tp", [None | FiscalYears, FiscalYears | None])
def test_optional_records_in_either_order(tp: object) -> None:
    assert structure_value(None, tp) is None
    assert structure_value({"start": "2010", "end": "2011"}, tp) == FiscalYears(2010, 2011)
    assert _refused({"start": "2010"}, tp) == ("schema.missing-key", "missing required key 'end'")


# -- lists -------------------------------------------------------------------------


def test_a_list_of_scalars_and_its_problems_at_each_item() -> None:
    assert structure_value(["a", "b"], tuple[str, ...]) == ("a", "b")
    assert structure_value([], tuple[str, ...]) == ()
    assert _problems({"id": "e", "name": "E", "aliases": ["a", None, "c", ["d"]]}, Entity) == [
        (
            ("r", 0, "aliases", 1),
            "schema.type",
            "expected text, found null (quote it if you mean the word: 'null')",
            False,
            None,
        ),
        (("r", 0, "aliases", 3), "schema.type", "expected text, found a list", False, None),
    ]


def test_a_list_of_records_and_its_problems_at_each_item() -> None:
    raw = {
        "id": "s",
        "path": "s.txt",
        "title": "S",
        "kind": "web",
        "sha256": "0" * 64,
        "relations": [
            {"kind": "reprint_of", "source": "t", "note": "n"},
            "x",
            {"kind": "reprint_of", "source": "t"},
        ],
    }
    assert _problems(raw, Source) == [
        (("r", 0, "relations", 1), "schema.type", "expected a mapping, found 'x'", False, None),
        (
            ("r", 0, "relations", 2, "note"),
            "schema.missing-key",
            "missing required key 'note'",
            False,
            None,
        ),
    ]
    raw["relations"] = [{"kind": "reprint_of", "source": "t", "note": "n"}]
    record, problems = structure_one(raw, Source, ("r", 0))
    assert problems == []
    assert record is not None
    assert record.relations == (SourceRelation(record.relations[0].kind, "t", "n"),)


def test_a_list_field_given_something_else() -> None:
    assert _problems({"id": "e", "name": "E", "roles": "chair"}, Entity) == [
        (("r", 0, "roles"), "schema.type", "expected a list, found 'chair'", False, None)
    ]
    assert _refused({"a": "1"}, tuple[int, ...]) == (
        "schema.type",
        "expected a list, found a mapping",
    )


# -- records -----------------------------------------------------------------------


def test_a_record_from_every_kind_of_field() -> None:
    raw = {
        "cumulative": "false",
        "as_of": "2011-03-14",
        "fiscal_years": {"start": "2010", "end": "2012"},
        "scope": "worldwide",
    }
    assert structure_one(raw, Qualifiers, ("q",)) == (
        Qualifiers(
            as_of=PartialDate(2011, 3, 14),
            fiscal_years=FiscalYears(2010, 2012),
            cumulative=False,
            scope="worldwide",
        ),
        [],
    )
    assert structure_one({"fiscal_years": None}, Qualifiers, ()) == (Qualifiers(), [])


def test_a_record_given_something_else_than_a_mapping() -> None:
    assert _problems(["amount"], Money) == [
        (("r", 0), "schema.type", "expected a mapping, found a list", False, None)
    ]
    assert _problems(None, Money) == [
        (("r", 0), "schema.type", "expected a mapping, found null", False, None)
    ]


def test_missing_required_keys_in_field_order_then_unknown_keys_sorted() -> None:
    raw = {"zeta": "1", "quote": "q", "alpha": "2", "start": "x"}
    fields = "source, quote, start, end, voice"
    assert _problems(raw, Provenance) == [
        (("r", 0, "source"), "schema.missing-key", "missing required key 'source'", False, None),
        (("r", 0, "start"), "schema.type", "expected a whole number, found 'x'", False, None),
        (("r", 0, "end"), "schema.missing-key", "missing required key 'end'", False, None),
        (
            ("r", 0, "alpha"),
            "schema.unknown-key",
            f"unknown key 'alpha' in Provenance; expected one of {fields}",
            True,
            None,
        ),
        (
            ("r", 0, "zeta"),
            "schema.unknown-key",
            f"unknown key 'zeta' in Provenance; expected one of {fields}",
            True,
            None,
        ),
    ]


def test_one_unknown_key_beside_known_ones_is_reported() -> None:
    """A record whose only fault is one unknown key among valid ones is refused for it."""
    assert _problems({"amount": "1", "currency": "EUR", "colour": "red"}, Money) == [
        (
            ("r", 0, "colour"),
            "schema.unknown-key",
            "unknown key 'colour' in Money; expected one of amount, currency, bound, "
            "tolerance, precision",
            True,
            None,
        )
    ]
    assert _problems({"amount": "1", "colour": "red"}, Money)[0][0] == ("r", 0, "colour")


@pytest.mark.parametrize(
    ("raw", "path", "message"),
    [
        ({"amount": "1", "currency": ["EUR"]}, "currency", "expected text, found a list"),
        (
            {"amount": "1", "tolerance": "x"},
            "tolerance",
            "expected a decimal number such as 260000000 or 12.5, found 'x'",
        ),
    ],
)
def test_one_bad_optional_field_refuses_the_record(raw: object, path: str, message: str) -> None:
    """A record whose only fault is one optional field of the wrong type is refused, not made
    without that field."""
    assert _problems(raw, Money) == [(("r", 0, path), "schema.type", message, False, None)]


def test_a_record_with_only_known_keys_is_made() -> None:
    assert structure_one({"amount": "5", "currency": "EUR", "bound": "up_to"}, Money, ()) == (
        Money(Decimal(5), "EUR", Bound.UP_TO),
        [],
    )
    assert structure_one({"value": "3"}, Count, ()) == (Count(3), [])


def test_a_misspelled_key_drops_only_its_own_missing_key() -> None:
    """``sorce`` for ``source`` drops "missing 'source'" at the same record only."""
    raw = {"sorce": "s", "quote": "q", "start": "0"}
    assert [(p[0], p[1], p[4]) for p in _problems(raw, Provenance)] == [
        (("r", 0, "end"), "schema.missing-key", None),
        (("r", 0, "sorce"), "schema.unknown-key", "source"),
    ]


# -- claims: the value by the kind ---------------------------------------------------

_CLAIM = {
    "id": "c.one",
    "kind": "statement",
    "subject": "s",
    "property": "p",
    "value": {"text": "said"},
    "provenance": [{"source": "src", "quote": "said", "start": "0", "end": "4"}],
}


def test_a_claim_gets_the_value_its_kind_names() -> None:
    record, problems = structure_one(dict(_CLAIM), Claim, ("claims", 0))
    assert problems == []
    assert isinstance(record, Claim)
    assert record.kind is ClaimKind.STATEMENT
    assert record.value == Statement("said")
    assert record.provenance == (Provenance("src", "said", 0, 4),)


def test_a_claims_value_problem_is_at_the_value() -> None:
    raw = dict(_CLAIM, value={"txt": "said"})
    assert _problems(raw, Claim) == [
        (
            ("r", 0, "value", "txt"),
            "schema.unknown-key",
            "unknown key 'txt' in Statement; expected one of text; did you mean 'text'?",
            True,
            "text",
        )
    ]


def test_a_claim_without_a_value_or_a_kind_only_says_so() -> None:
    no_value = {k: v for k, v in _CLAIM.items() if k != "value"}
    assert _problems(no_value, Claim) == [
        (("r", 0, "value"), "schema.missing-key", "missing required key 'value'", False, None)
    ]
    no_kind = {k: v for k, v in _CLAIM.items() if k != "kind"}
    assert _problems(no_kind, Claim) == [
        (("r", 0, "kind"), "schema.missing-key", "missing required key 'kind'", False, None)
    ]
    odd_kind = dict(_CLAIM, kind=["statement"], value="not structured")
    assert [p[:2] for p in _problems(odd_kind, Claim)] == [(("r", 0, "kind"), "schema.enum")]
    unknown_kind = dict(_CLAIM, kind="rumour", value="not structured")
    assert [p[:2] for p in _problems(unknown_kind, Claim)] == [(("r", 0, "kind"), "schema.enum")]


def test_a_claim_with_a_bad_field_and_a_good_value_is_refused_for_the_field() -> None:
    raw = {k: v for k, v in _CLAIM.items() if k != "id"}
    assert _problems(raw, Claim) == [
        (("r", 0, "id"), "schema.missing-key", "missing required key 'id'", False, None)
    ]


def test_an_unknown_key_of_a_claim_names_the_claims_keys() -> None:
    keys = ", ".join(a.name for a in attrs.fields(Claim))
    assert _problems(dict(_CLAIM, colour="red"), Claim) == [
        (
            ("r", 0, "colour"),
            "schema.unknown-key",
            f"unknown key 'colour' in Claim; expected one of {keys}",
            True,
            None,
        )
    ]


def test_a_scalar_structured_alone_has_its_problem_at_the_path_given() -> None:
    assert structure_one(None, str, ("notes", 3)) == (
        None,
        [
            Problem(
                ("notes", 3),
                "schema.type",
                "expected text, found null (quote it if you mean the word: 'null')",
            )
        ],
    )
    assert structure_one("x", str, ("notes", 3)) == ("x", [])


def test_a_claim_that_is_no_mapping() -> None:
    assert _problems("claim", Claim) == [
        (("r", 0), "schema.type", "expected a mapping, found 'claim'", False, None)
    ]


# -- the top level ---------------------------------------------------------------------


def test_empty_and_null_top_level_lists_hold_no_records() -> None:
    out, problems = structure_records({"sources": None, "entities": [], "claims": None})
    assert problems == []
    assert out == {key: [] for key in TOP_LEVEL}
    assert list(out) == list(TOP_LEVEL)


def test_missing_top_level_keys_are_the_required_ones() -> None:
    _, problems = structure_records({})
    assert problems == [
        Problem((), "schema.missing-key", f"missing required top-level key {key!r}")
        for key in ("sources", "entities", "claims")
    ]


def test_unknown_top_level_keys_first_with_a_hint() -> None:
    names = "sources, entities, claims, resolutions, coverage_ignores, corrections"
    _, problems = structure_records(
        {"sources": [], "entities": [], "claims": [], "claimz": [], "xyzzy": "x"}
    )
    assert problems == [
        Problem(
            ("claimz",),
            "schema.unknown-key",
            f"unknown top-level key 'claimz'; expected one of {names}; did you mean 'claims'?",
            at_key=True,
        ),
        Problem(
            ("xyzzy",),
            "schema.unknown-key",
            f"unknown top-level key 'xyzzy'; expected one of {names}",
            at_key=True,
        ),
    ]


def test_a_top_level_key_that_holds_no_list() -> None:
    _, problems = structure_records({"sources": [], "entities": {"a": "b"}, "claims": "x"})
    assert problems == [
        Problem(
            ("entities",),
            "schema.type",
            "expected a list of records under 'entities', found a mapping",
        ),
        Problem(("claims",), "schema.type", "expected a list of records under 'claims', found 'x'"),
    ]


def test_records_are_kept_with_their_paths_and_bad_ones_left_out() -> None:
    good = {"id": "e1", "name": "One"}
    out, problems = structure_records(
        {"sources": [], "entities": [good, {"id": "e2"}, dict(good, id="e3")], "claims": []}
    )
    assert out["entities"] == [
        (("entities", 0), Entity("e1", "One")),
        (("entities", 2), Entity("e3", "One")),
    ]
    assert problems == [
        Problem(("entities", 1, "name"), "schema.missing-key", "missing required key 'name'")
    ]
    assert out["sources"] == []
    assert out["claims"] == []


# -- problems to findings --------------------------------------------------------------


def test_problems_become_error_findings_at_the_node_or_at_the_key() -> None:
    problems = [
        Problem(("claims", 0, "amount"), "schema.type", "bad value"),
        Problem(("claims", 1, "colour"), "schema.unknown-key", "bad key", at_key=True),
    ]

    def locate(path: tuple[object, ...]) -> Location:
        return Location("f.yaml", len(path), 1)

    def locate_key(path: tuple[object, ...]) -> Location:
        return Location("f.yaml", len(path), 2)

    def claim_of(path: tuple[object, ...]) -> str | None:
        return f"claim-{path[1]}"

    assert locate_problems(problems, locate, locate_key, claim_of) == [
        Finding("schema.type", Severity.ERROR, "bad value", "claim-0", Location("f.yaml", 3, 1)),
        Finding(
            "schema.unknown-key", Severity.ERROR, "bad key", "claim-1", Location("f.yaml", 3, 2)
        ),
    ]


# -- building the structurers ------------------------------------------------------------


def test_a_structurer_is_built_once_per_type() -> None:
    assert structurer(Money) is structurer(Money)
    assert structurer(tuple[str, ...]) is structurer(tuple[str, ...])


@attrs.frozen
class _Odd:
    table: dict[str, int]


@attrs.frozen
class _Floaty:
    ratio: float


def test_a_type_the_schema_does_not_use_has_no_structurer() -> None:
    with pytest.raises(TypeError) as info:
        structurer(_Odd)
    assert str(info.value) == "no structurer for the annotation 'dict[str, int]' of _Odd"
    with pytest.raises(TypeError) as info:
        structurer(_Floaty)
    assert str(info.value) == "no structurer for <class 'float'>"


class _Counting(enum.EnumType):
    """An enum type that records each call of the class (a lookup by value)."""

    calls: typing.ClassVar[list[object]] = []

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        _Counting.calls.append(args)
        return super().__call__(*args, **kwargs)


class _Colour(enum.StrEnum, metaclass=_Counting):
    RED = "red"
    GREEN = "green"

    @classmethod
    def _missing_(cls, value: object) -> _Colour | None:
        """Any case of a colour's name: the enum's own lookup beyond its values."""
        if isinstance(value, str) and value.lower() != value:
            return cls(value.lower())
        return None


def test_an_enum_member_is_found_by_its_value_without_calling_the_enum() -> None:
    """A value of the enum is looked up in its table of values (calling the enum costs
    more, on every field of every record); any other text is left to the enum's own
    lookup (its ``_missing_``), as ``cls(value)`` would."""
    _Counting.calls.clear()
    assert structure_value("red", _Colour) is _Colour.RED
    assert _Counting.calls == []
    assert structure_value("GREEN", _Colour) is _Colour.GREEN
    assert _Counting.calls == [("GREEN",), ("green",)]
    assert _refused("blue", _Colour) == ("schema.enum", "expected one of red, green; found 'blue'")
