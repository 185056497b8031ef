"""Values and qualifiers as a person writes them: ``$260 million``, ``FY2008-2010``, ``up to 95%``.

Used wherever a claim is shown to people (``show``, ``list``, the site). The
figures are worded by :func:`carsi_claims.analysis.figures.render`, the same
wording the value check reads back; what it cannot word (a currency without a
sign, a tolerance) is written out plainly, never as a Python repr.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Final, cast

import attrs

from carsi_claims.model import (
    Count,
    DateValue,
    FiscalYears,
    ListItem,
    Money,
    PartialDate,
    Percentage,
    Quotation,
    Statement,
)

__all__ = ["fiscal_years_text", "one_line", "qualifier_items", "value_text"]

_ELLIPSIS: Final = "…"


def fiscal_years_text(span: FiscalYears) -> str:
    """``FY2008-2010``, or ``FY2008`` for one year."""
    if span.start == span.end:
        return f"FY{span.start}"
    return f"FY{span.start}-{span.end}"


def _number(value: Decimal | int) -> str:
    return format(value, ",f") if isinstance(value, Decimal) else f"{value:,}"


def _figure(value: Money | Percentage | Count | DateValue) -> str:
    from carsi_claims.analysis.figures import render

    try:
        text = render(value)
    except ValueError:  # a currency without a sign, a date out of range: plain words
        text = _plain(value)
    tolerance = getattr(value, "tolerance", None)
    if tolerance is not None:
        unit = "%" if isinstance(value, Percentage) else ""
        text += f" (± {_number(tolerance)}{unit})"
    return text


def _plain(value: Money | Percentage | Count | DateValue) -> str:
    bound = getattr(value, "bound", None)
    words = "" if bound is None or bound.value == "exact" else bound.value.replace("_", " ") + " "
    match value:
        case Money(amount=amount, currency=currency):
            return f"{words}{currency} {_number(amount)}"
        case Percentage(value=number):
            return f"{words}{_number(number)}%"
        case Count(value=number):
            return f"{words}{number:,}"
        case DateValue(date=date):
            return str(date)
    raise TypeError(type(value).__name__)  # pragma: no cover - the match is exhaustive


def value_text(value: object) -> str:
    """A claim's value in words: ``$260 million``, ``FY2008-2010``, ``“…” (speaker)``."""
    match value:
        case Money() | Percentage() | Count() | DateValue():
            return _figure(value)
        case FiscalYears():
            return fiscal_years_text(value)
        case Quotation(text=text, speaker=speaker, role=role):
            who = f"{speaker}, {role}" if role else speaker
            return f"“{text}” ({who})"
        case Statement(text=text):
            return text
        case ListItem(list=name, ordinal=ordinal, text=text):
            return f"{name} #{ordinal}: {text}"
    return _generic(value)


def _generic(value: object) -> str:
    """Any other value: attrs records as ``field value`` pairs, never a Python repr."""
    if value is None:
        return "not stated"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, FiscalYears):
        return fiscal_years_text(value)
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, Decimal | int):
        return _number(value)
    if isinstance(value, tuple | list):
        return ", ".join(_generic(v) for v in value)
    if attrs.has(type(value)):
        return ", ".join(
            f"{field.name.replace('_', ' ')} {_generic(getattr(value, field.name))}"
            for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(value)))
            if getattr(value, field.name) is not None
        )
    return str(value)


_BASIS_WORDS: Final = {"dateline": "the document's dateline", "context": "the context"}


def qualifier_items(qualifiers: object) -> list[tuple[str, str]]:
    """The qualifiers a claim has, as (name, words) pairs; absent ones are left out, and
    an inferred one says so and from what ("2011-03-14 (inferred from the document's
    dateline, fs-....published)")."""
    inferred = {str(i.qualifier): i for i in getattr(qualifiers, "inferred", ())}
    items = []
    for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(qualifiers))):
        value = getattr(qualifiers, field.name)
        if value is None or field.name == "inferred":
            continue
        words = _generic(value)
        inference = inferred.get(field.name)
        if inference is not None:
            basis = _BASIS_WORDS.get(str(inference.basis), str(inference.basis))
            premise = f", {inference.claim}" if inference.claim else ""
            words += f" (inferred from {basis}{premise})"
        items.append((field.name.replace("_", " "), words))
    return items


def one_line(text: str, width: int) -> str:
    """``text`` on one line (runs of white space as one space), cut to ``width`` with ``…``."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    return flat[: max(width - 1, 0)].rstrip() + _ELLIPSIS
