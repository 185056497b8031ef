"""The JSON interchange contract other projects rely on, and the dataset as YAML.

The JSON form (see ``SCHEMA_VERSION``) has every field, ``null`` when
unknown.  The YAML form is what a maintainer would write: unknown and
default fields are left out.  NaN and infinity are refused
(:class:`ExportError`) by every export.
"""

from __future__ import annotations

import enum
import math
from decimal import Decimal
from typing import Any, Final

import attrs
import cattrs
import yaml

from carsi_claims import _json
from carsi_claims.dataset import Dataset
from carsi_claims.errors import CarsiClaimsError
from carsi_claims.model import PartialDate

__all__ = [
    "SCHEMA_VERSION",
    "ExportError",
    "dump_yaml",
    "to_interchange",
    "to_json",
    "unstructure",
]

#: Version of the JSON interchange shape; changes only with a new number.
SCHEMA_VERSION: Final = 2


class ExportError(CarsiClaimsError, ValueError):
    """A dataset holds something an export cannot carry (NaN or infinity)."""


def _number(value: Decimal) -> int | float:
    if not value.is_finite():
        raise ExportError(f"non-finite number {value} cannot be exported")
    if value == value.to_integral_value():
        return int(value)
    number = float(value)
    if not math.isfinite(number):  # a fraction beyond a float's range (about 1.8e308)
        raise ExportError(f"number {value} is beyond what JSON's numbers can carry")
    return number


def _make() -> cattrs.Converter:
    conv = cattrs.Converter()
    conv.register_unstructure_hook(Decimal, _number)
    conv.register_unstructure_hook(PartialDate, str)
    conv.register_unstructure_hook(enum.StrEnum, lambda e: e.value)
    return conv


_converter: Final = _make()


def unstructure(record: Any) -> Any:
    """A record as JSON-ready plain data: every field, ``None`` when unknown."""
    return _converter.unstructure(record)


_SECTIONS: Final = ("sources", "entities", "claims", "resolutions", "coverage_ignores")


def to_interchange(dataset: Dataset) -> dict[str, Any]:
    """The JSON interchange document (``schema_version`` first)."""
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    for section in _SECTIONS:
        out[section] = [unstructure(r) for r in getattr(dataset, section)]
    return out


def to_json(dataset: Dataset) -> str:
    """The interchange document as JSON text (NaN and infinity refused)."""
    return _json.dumps(to_interchange(dataset))


def _compact(record: Any) -> Any:
    """The YAML form of a record: fields at their default are left out."""
    if isinstance(record, PartialDate):  # an attrs class too, but written as one string
        return str(record)
    if attrs.has(type(record)):
        out: dict[str, Any] = {}
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            if field.default is not attrs.NOTHING and value == field.default:
                continue
            out[field.name] = _compact(value)
        return out
    if isinstance(record, tuple):
        return [_compact(v) for v in record]
    if isinstance(record, enum.StrEnum):
        return record.value
    if isinstance(record, Decimal):
        if not record.is_finite():
            raise ExportError(f"non-finite number {record} cannot be exported")
        return format(record, "f")  # never exponent notation, which the loader refuses
    return record


def dump_yaml(dataset: Dataset) -> str:
    """The dataset as YAML that :func:`carsi_claims.load` reads back to equal records."""
    data = {section: _compact(getattr(dataset, section)) for section in _SECTIONS}
    if dataset.corrections:
        data["corrections"] = _compact(dataset.corrections)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
