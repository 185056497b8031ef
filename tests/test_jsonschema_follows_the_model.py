"""The JSON Schema follows the model when the model changes.

A record section added to the model gets its definition (required keys, an optional
field in either spelling, ``X | None`` or ``Optional[X]``, accepting null); a record's
description is the first paragraph of its docstring on one line; a field of a type
the schema cannot describe is refused with a TypeError naming it; the text keeps
non-ASCII characters as they are.
"""

from __future__ import annotations

import typing
from typing import Any

import attrs
import pytest

from carsi_claims.model import MAX_ID_LEN, Source
from carsi_claims.output.jsonschema import ID_PATTERN, claims_schema, schema_json
from carsi_claims.read.structure import TOP_LEVEL

INT = {"anyOf": [{"type": "string", "pattern": "^-?[0-9]{1,18}$"}, {"type": "integer"}]}


def _record(name: str, fields: dict[str, Any], doc: str | None) -> type[Any]:
    """A record class as the model writes them, with real types (the schema resolves
    annotations in the model's namespace, where a test's names are not)."""
    cls = attrs.make_class(name, fields, frozen=True)
    cls.__doc__ = doc
    return cls


def _field(tp: Any, **options: Any) -> Any:
    return attrs.field(type=tp, **options)


_Detail = _record("_Detail", {"size": _field(int)}, None)
_Note = _record(
    "_Note",
    {
        "id": _field(str),
        "count": _field(typing.Optional[int], default=None),  # noqa: UP045 - the old spelling
        "detail": _field(_Detail | None, default=None),
    },
    """A note, a record section added to the model, whose summary runs
    onto a second line.

    Its second paragraph is not part of the description.
    """,
)


def _schema_with(monkeypatch: pytest.MonkeyPatch, cls: type[Any]) -> dict[str, Any]:
    """The schema of a claims file whose model has an optional section ``notes`` of ``cls``."""
    monkeypatch.setitem(TOP_LEVEL, "notes", (cls, False))
    return claims_schema()


def test_a_section_added_to_the_model_gets_its_definition(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its records, their fields, required keys, nested records and nullable fields."""
    schema = _schema_with(monkeypatch, _Note)
    assert schema["properties"]["notes"] == {
        "type": ["array", "null"],
        "items": {"$ref": "#/$defs/_Note"},
    }
    assert "notes" not in schema["required"]
    assert schema["$defs"]["_Note"] == {
        "type": "object",
        "description": "A note, a record section added to the model, whose summary runs onto a "
        "second line.",
        "properties": {
            "id": {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_LEN},
            "count": {"anyOf": [INT, {"type": "null"}]},
            "detail": {"anyOf": [{"$ref": "#/$defs/_Detail"}, {"type": "null"}]},
        },
        "required": ["id"],
        "additionalProperties": False,
    }
    assert schema["$defs"]["_Detail"] == {
        "type": "object",
        "description": "",  # no docstring: no description
        "properties": {"size": INT},
        "required": ["size"],
        "additionalProperties": False,
    }


@pytest.mark.parametrize(
    ("tp", "message"),
    [
        (int | str, "cannot describe the union int | str"),
        (int | str | None, "cannot describe the union int | str | None"),
        (float, "cannot describe the type <class 'float'>"),
    ],
)
def test_a_type_the_schema_cannot_describe_is_refused(
    monkeypatch: pytest.MonkeyPatch, tp: Any, message: str
) -> None:
    """A union other than ``X | None``, or a type it has no schema for: TypeError naming it."""
    odd = _record("_Odd", {"field": _field(tp)}, "A record with an odd field.")
    with pytest.raises(TypeError) as info:
        _schema_with(monkeypatch, odd)
    assert str(info.value) == message


def test_the_schema_text_keeps_non_ascii_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    """A description with typographic quotes or accents is written as is, not escaped."""
    monkeypatch.setattr(Source, "__doc__", "A source — its “title”, in café.")
    text = schema_json()
    assert '\n      "description": "A source — its “title”, in café.",\n' in text
    assert "\\u" not in text
