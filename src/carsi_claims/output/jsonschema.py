"""A JSON Schema (draft 2020-12) for ``data/claims.yaml``, generated from the model.

The schema is built by walking the attrs classes of :mod:`carsi_claims.model`
(and the top-level sections of :mod:`carsi_claims.read.structure`), so it follows
the model when the model changes; ``schema/claims.schema.json`` is its
committed output and a test checks that it is up to date
(``carsi-claims export --format jsonschema --output schema/claims.schema.json``
regenerates it).

Editors use it through the yaml-language-server comment on the file's first
line::

    # yaml-language-server: $schema=../schema/claims.schema.json

**Two readers, one schema.**  The strict loader reads every scalar as the
string it was written as (``193`` is the text ``"193"``, ``true`` is
``"true"``), and structuring decides its type.  An editor reads the same file
as YAML 1.2, where a plain ``193`` is a number and ``true`` a boolean.  So each
typed scalar accepts both forms:

- whole numbers: a string of digits (``^-?[0-9]{1,18}$``) or a JSON integer;
- decimals: ``^-?[0-9]{1,30}(\\.[0-9]{1,12})?$`` or a JSON number;
- true/false: the strings ``"true"``/``"false"`` or a JSON boolean;
- dates: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` with month 01-12 and day
  01-31 (the loader also refuses days a month lacks, such as 30 February), or
  a plain year an editor reads as a number (1000-9999);
- text: any scalar except null (the loader keeps ``2011`` in a text field as
  the text ``2011``);
- enums: one of the listed words.

Each record is an object with ``additionalProperties: false``, its required
keys listed; a key whose type allows None also accepts ``null`` (an empty
value); other optional keys (a list, ``qualifiers``, ``status``) must be left
out rather than left empty, as the loader wants.  The
shape of a claim's ``value`` depends on its ``kind`` (``allOf`` of
``if``/``then``).  Ids follow the id pattern of :mod:`carsi_claims.checks.ids`.

The ranges of the record checks are in the schema too: offsets, amounts,
counts and tolerances are not negative (no ``-`` in the string form), a
percentage is within 0..100, a list ordinal at least 1.

What it cannot say (:data:`NOT_EXPRESSIBLE` lists the codes): an order
between two fields (``start <= end``, a fiscal-year span), days a month lacks,
references between records, and the provenance against the sources.  An
editor reading YAML 1.2 also cannot tell ``1e6`` or ``1000000.0`` from
``1000000``, or ``True`` from ``true``, all of which the loader refuses;
``carsi-claims validate`` reports those (as ``schema.type``).
"""

from __future__ import annotations

import enum
import json
import types
import typing
from decimal import Decimal
from typing import Any, Final

import attrs

from carsi_claims import model
from carsi_claims._iso4217 import CURRENCIES
from carsi_claims.checks import ids
from carsi_claims.model import VALUE_TYPES, Claim, PartialDate

__all__ = ["DRAFT", "ID_PATTERN", "NOT_EXPRESSIBLE", "claims_schema", "schema_json"]

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
#: The id pattern of :mod:`carsi_claims.checks.ids`, anchored for JSON Schema.
ID_PATTERN: Final = f"^(?:{ids.ID_PATTERN.pattern})$"
_INT_PATTERN: Final = "^-?[0-9]{1,18}$"
_DECIMAL_PATTERN: Final = "^-?[0-9]{1,30}(?:\\.[0-9]{1,12})?$"
# Non-negative forms: no '-' but on a zero ("-0" is zero to the loader and the checks).
_NON_NEGATIVE_INT_PATTERN: Final = "^(?:[0-9]{1,18}|-0{1,18})$"
_POSITIVE_INT_PATTERN: Final = "^(?=[0-9]{1,18}$)0*[1-9][0-9]*$"
_NON_NEGATIVE_DECIMAL_PATTERN: Final = (
    "^(?:[0-9]{1,30}(?:\\.[0-9]{1,12})?|-0{1,30}(?:\\.0{1,12})?)$"
)
#: 0..100: 100 (with zero decimals), or at most two digits after any leading zeros.
_PERCENT_PATTERN: Final = (
    "^(?:0{0,27}100(?:\\.0{1,12})?|0{0,28}[0-9]{1,2}(?:\\.[0-9]{1,12})?|-0{1,30}(?:\\.0{1,12})?)$"
)
_DATE_PATTERN: Final = "^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$"
_SHA256_PATTERN: Final = "^[0-9a-f]{64}$"

_TEXT: Final[dict[str, Any]] = {"type": ["string", "number", "boolean"]}
_INT: Final[dict[str, Any]] = {
    "anyOf": [{"type": "string", "pattern": _INT_PATTERN}, {"type": "integer"}]
}
_DECIMAL: Final[dict[str, Any]] = {
    "anyOf": [{"type": "string", "pattern": _DECIMAL_PATTERN}, {"type": "number"}]
}
_BOOL: Final[dict[str, Any]] = {"anyOf": [{"enum": ["true", "false"]}, {"type": "boolean"}]}
_DATE: Final[dict[str, Any]] = {
    "anyOf": [
        {"type": "string", "pattern": _DATE_PATTERN},
        {"type": "integer", "minimum": 1000, "maximum": 9999},
    ],
    "description": "An ISO date: '2011-03-14', '2011-03' or '2011' (quote it).",
}

_NON_NEGATIVE_INT: Final[dict[str, Any]] = {
    "anyOf": [
        {"type": "string", "pattern": _NON_NEGATIVE_INT_PATTERN},
        {"type": "integer", "minimum": 0},
    ]
}
_POSITIVE_INT: Final[dict[str, Any]] = {
    "anyOf": [
        {"type": "string", "pattern": _POSITIVE_INT_PATTERN},
        {"type": "integer", "minimum": 1},
    ]
}
_NON_NEGATIVE_DECIMAL: Final[dict[str, Any]] = {
    "anyOf": [
        {"type": "string", "pattern": _NON_NEGATIVE_DECIMAL_PATTERN},
        {"type": "number", "minimum": 0},
    ]
}
_PERCENT: Final[dict[str, Any]] = {
    "anyOf": [
        {"type": "string", "pattern": _PERCENT_PATTERN},
        {"type": "number", "minimum": 0, "maximum": 100},
    ]
}

#: Field refinements the model's types alone do not carry: ids, currencies and
#: hashes, and the ranges of the record checks (``record.range``) that a schema can say.
_REFINED: Final[dict[tuple[str, str], dict[str, Any]]] = {
    ("*", "id"): {"type": "string", "pattern": ID_PATTERN, "maxLength": ids.MAX_ID_LEN},
    ("Money", "currency"): {"enum": sorted(CURRENCIES)},
    ("Source", "sha256"): {"type": "string", "pattern": _SHA256_PATTERN},
    ("Provenance", "start"): _NON_NEGATIVE_INT,
    ("Provenance", "end"): _NON_NEGATIVE_INT,
    ("Money", "amount"): _NON_NEGATIVE_DECIMAL,
    ("Money", "tolerance"): _NON_NEGATIVE_DECIMAL,
    ("Percentage", "value"): _PERCENT,
    ("Percentage", "tolerance"): _NON_NEGATIVE_DECIMAL,
    ("Count", "value"): _NON_NEGATIVE_INT,
    ("Count", "tolerance"): _NON_NEGATIVE_INT,
    ("ListItem", "ordinal"): _POSITIVE_INT,
}

#: The finding codes that ``validate`` may report for a file the schema accepts: what a
#: JSON Schema cannot express.  ``record.range`` only for an order between two fields
#: (start > end, a fiscal-year span that runs backwards); ``schema.date`` (when a
#: date is read) and ``record.date`` (when a record is checked) for a day that its
#: month lacks (30 February); the rest compare records with each other or with the
#: sources.  A test generates files the schema accepts and checks that ``validate``
#: reports nothing else.
NOT_EXPRESSIBLE: Final = (
    "record.range",
    "schema.date",
    "record.date",
    "record.no-provenance",
    "record.empty",
    "record.status",
    "record.resolution",
    "record.evidence",
    "id.duplicate",
    "id.lock-missing",
    "ref.unknown-source",
    "ref.unknown-entity",
    "ref.unknown-claim",
    "ref.unknown-list",
    "provenance.path",
    "provenance.path-escapes",
    "provenance.missing-file",
    "provenance.unreadable",
    "provenance.not-utf8",
    "provenance.hash-mismatch",
    "provenance.source-changed",
    "provenance.unverified",
    "provenance.quote-mismatch",
    "value.mismatch",
    "resolution.stale",
    "coverage.uncovered",
    "coverage.stale-ignore",
    "conflict.value",
    "conflict.cumulative",
    "conflict.currency",
    "conflict.wording",
    "conflict.typography",
    "conflict.misattribution",
    "conflict.count-list",
)


def _doc(cls: type[Any]) -> str:
    """The first paragraph of a class's docstring, on one line (its indentation dropped)."""
    return " ".join((cls.__doc__ or "").strip().split("\n\n")[0].split())


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, cls: type[Any]) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name first: records may nest
            self.defs[name] = self.record(cls)
        return {"$ref": f"#/$defs/{name}"}

    def record(self, cls: type[Any]) -> dict[str, Any]:
        attrs.resolve_types(cls, globalns=vars(model))
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            refined = _REFINED.get((cls.__name__, field.name)) or _REFINED.get(("*", field.name))
            if field.default is attrs.NOTHING:
                required.append(field.name)
            if cls is Claim and field.name == "value":
                properties["value"] = {"type": "object"}  # its shape: by kind, below
                continue
            properties[field.name] = self.type_(field.type, refined)
        out: dict[str, Any] = {"type": "object", "description": _doc(cls)}
        out["properties"] = properties
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        if cls is Claim:
            out["allOf"] = [
                {
                    "if": {"properties": {"kind": {"const": kind.value}}, "required": ["kind"]},
                    "then": {"properties": {"value": self.ref(value_type)}},
                }
                for kind, value_type in VALUE_TYPES.items()
            ]
        return out

    def type_(self, tp: Any, refined: dict[str, Any] | None) -> dict[str, Any]:
        """A field's schema; ``X | None`` also accepts null (an empty value in YAML)."""
        if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
            args = typing.get_args(tp)
            inner = [a for a in args if a is not type(None)]
            if len(inner) != 1 or len(args) != 2:  # pragma: no cover - the model has none
                raise TypeError(f"cannot describe the union {tp!r}")
            return {"anyOf": [self.type_(inner[0], refined), {"type": "null"}]}
        return refined if refined is not None else self.plain(tp)

    def plain(self, tp: Any) -> dict[str, Any]:
        if typing.get_origin(tp) is tuple:
            return {"type": "array", "items": self.type_(typing.get_args(tp)[0], None)}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"enum": [member.value for member in tp], "description": _doc(tp)}
        if tp is PartialDate:
            return dict(_DATE)
        if attrs.has(tp):
            return self.ref(tp)
        scalars: dict[Any, dict[str, Any]] = {
            str: _TEXT,
            bool: _BOOL,
            int: _INT,
            Decimal: _DECIMAL,
        }
        if tp in scalars:
            return dict(scalars[tp])
        raise TypeError(f"cannot describe the type {tp!r}")  # pragma: no cover


def claims_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a claims file, as plain data."""
    from carsi_claims.read.structure import TOP_LEVEL

    builder = _Builder()
    properties: dict[str, Any] = {}
    required: list[str] = []
    for key, (cls, is_required) in TOP_LEVEL.items():
        properties[key] = {"type": ["array", "null"], "items": builder.ref(cls)}
        if is_required:
            required.append(key)
    return {
        "$schema": DRAFT,
        "title": "carsi-claims dataset (data/claims.yaml)",
        "description": (
            "Sources, entities, claims with typed values and verbatim provenance, resolutions "
            "and coverage ignores. Scalars are accepted as the strict loader reads them "
            "(strings) and as a YAML 1.2 editor reads them (numbers, booleans)."
        ),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }


def schema_json() -> str:
    """The schema as the JSON text committed in ``schema/claims.schema.json``."""
    return json.dumps(claims_schema(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
