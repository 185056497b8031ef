"""Records flattened to named columns, for the tabular exports (CSV and SQLite).

A record's fields become columns named by their path (``value_amount``,
``qualifier_fiscal_years``); a field holding another record (other than a
date or a fiscal-year span, which are one cell each) is flattened in turn
(``prefix_field_subfield``).  The columns come from the model's classes, so a
field added to the model becomes a column with no change here.  Cell values
stay typed (:class:`~decimal.Decimal`, ``int``, ``bool``, ``str``, ``None``);
an enum is its word, a date its ISO text, a fiscal-year span ``2008-2010``,
a list its JSON text.
"""

from __future__ import annotations

import enum
import json
import types
import typing
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, TypeAlias

import attrs

from carsi_claims import model
from carsi_claims.model import FiscalYears, PartialDate

__all__ = ["Cell", "cells", "columns", "typed_columns"]

#: What a flattened cell holds.
Cell: TypeAlias = str | int | bool | Decimal | None

#: Records written as one cell (their text), not flattened.
_ONE_CELL: typing.Final = (PartialDate, FiscalYears)


def _record_type(tp: Any) -> type[Any] | None:
    """The attrs class a field holds (``X | None`` unwrapped), or None for a scalar field."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(inner) != 1:
            return None
        tp = inner[0]
    if isinstance(tp, type) and attrs.has(tp) and not issubclass(tp, _ONE_CELL):
        return tp
    return None


def _fields(cls: type[Any]) -> Iterator[tuple[str, type[Any] | None]]:
    hints = typing.get_type_hints(cls, globalns=vars(model))
    for field in attrs.fields(cls):
        yield field.name, _record_type(hints[field.name])


def _scalar_type(tp: Any) -> type[Any]:
    """The cell type of a scalar field: ``int``, ``bool``, ``Decimal`` or ``str`` (the rest)."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        tp = inner[0] if len(inner) == 1 else str
    if tp is bool or tp is int or tp is Decimal:
        return tp
    return str


def typed_columns(
    cls: type[Any], prefix: str = "", skip: frozenset[str] = frozenset()
) -> list[tuple[str, type[Any]]]:
    """Like :func:`columns`, with each column's cell type (int, bool, Decimal or str)."""
    hints = typing.get_type_hints(cls, globalns=vars(model))
    out: list[tuple[str, type[Any]]] = []
    for name, inner in _fields(cls):
        if name in skip:
            continue
        if inner is None:
            out.append((prefix + name, _scalar_type(hints[name])))
        else:
            out += typed_columns(inner, f"{prefix}{name}_")
    return out


def columns(cls: type[Any], prefix: str = "", skip: frozenset[str] = frozenset()) -> list[str]:
    """The column names of ``cls``'s fields (those in ``skip`` left out), in field order."""
    out: list[str] = []
    for name, inner in _fields(cls):
        if name in skip:
            continue
        if inner is None:
            out.append(prefix + name)
        else:
            out += columns(inner, f"{prefix}{name}_")
    return out


def _scalar(value: object) -> Cell:
    if value is None or isinstance(value, str | bool | int | Decimal):
        return value
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, FiscalYears):
        return f"{value.start}-{value.end}"
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, tuple | list):
        from carsi_claims.output.interchange import unstructure

        return json.dumps(unstructure(tuple(value)), ensure_ascii=False, allow_nan=False)
    return str(value)


def cells(record: object, prefix: str = "", skip: frozenset[str] = frozenset()) -> dict[str, Cell]:
    """``record``'s fields as ``{column: cell}`` (a missing sub-record gives empty cells)."""
    out: dict[str, Cell] = {}
    cls = type(record)
    for name, inner in _fields(cls):
        if name in skip:
            continue
        value = getattr(record, name)
        if inner is None:
            out[prefix + name] = _scalar(value)
        elif value is None:
            out.update(dict.fromkeys(columns(inner, f"{prefix}{name}_")))
        else:
            out.update(cells(value, f"{prefix}{name}_"))
    return out
