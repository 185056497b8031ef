"""Value against quote: the typed value is what the quoted text says."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

import attrs

from carsi_claims.checks.base import Context
from carsi_claims.findings import Finding
from carsi_claims.model import (
    Claim,
    Count,
    ListItem,
    Money,
    Percentage,
    Provenance,
    Quotation,
    Statement,
)
from carsi_claims.text import normalize

if TYPE_CHECKING:
    from carsi_claims.analysis.figures import Figure, FigureValue

__all__ = ["check_values", "matches", "value_problem"]


def _key(value: FigureValue) -> tuple[object, ...]:
    """What a figure in words can say: a tolerance or a counted list are not in the words."""
    if isinstance(value, Money):
        return (value.amount, value.currency, value.bound)
    if isinstance(value, Percentage | Count):
        return (type(value), value.value, value.bound)
    return (value,)


def matches(claimed: FigureValue, found: FigureValue) -> bool:
    """Whether a figure read from the quote says what the claim's value says."""
    return type(claimed) is type(found) and _key(claimed) == _key(found)


def _says(value: FigureValue) -> str:
    """The value in words; an invalid value (reported by the record checks) as its fields."""
    from carsi_claims.analysis.figures import render

    try:
        return render(value)
    except ValueError:
        fields = ", ".join(f"{k}={v}" for k, v in attrs.asdict(value, recurse=False).items())
        return f"{type(value).__name__}({fields})"


@functools.lru_cache(maxsize=4096)
def _figures(quote: str) -> tuple[Figure, ...]:
    """The numeric figures of a quote; cached, as claims often share a quote (a sentence
    that states several facts, or the same sentence reprinted in several sources).

    Quotations are not searched for: a quoted speech in the quote must not swallow
    the figures it contains ("He said “... up to 95% ...”" still states 95%).
    """
    from carsi_claims.analysis.figures import NUMERIC_KINDS, find_figures

    return tuple(find_figures(quote, kinds=NUMERIC_KINDS))


#: Texts folded for typography, kept: the claims of one question share their quote.
_folded: Final = functools.lru_cache(maxsize=4096)(normalize)


def value_problem(claim: Claim, p: Provenance) -> str | None:
    """Why the quote does not say the claim's value, or None when it does."""
    value = claim.value
    if isinstance(value, Quotation | Statement | ListItem):
        if _folded(value.text) in _folded(p.quote):
            return None
        return (
            "the quote does not contain the claim's text, even after folding typography and "
            "case; quote the words the value states"
        )
    from carsi_claims.analysis.figures import FigureKind

    wanted = FigureKind(claim.kind.value)  # numeric figure kinds are spelled as claim kinds
    stated = [(f.text, f.value) for f in _figures(p.quote) if f.kind is wanted and f.value]
    if any(matches(value, found) for _, found in stated):
        return None
    says = _says(value)
    if not stated:
        return f"the claim says {says!r}, but the quote states no {claim.kind} figure"
    found = ", ".join(f"{text!r} ({_says(v)})" for text, v in stated)
    return f"the claim says {says!r}, but the quote says {found}"


def check_values(ctx: Context) -> Iterator[Finding]:
    """Every provenance quote states the claim's typed value.

    A derived claim (the number of a list's items, which the source does not
    state) is not read from its quotes: the conflicts check holds a count
    against its list, and the curation check allows ``derived`` only there.
    """
    for claim in ctx.dataset.claims:
        if claim.derived:
            continue
        for i, p in enumerate(claim.provenance):
            if not p.quote:
                continue
            problem = value_problem(claim, p)
            if problem is not None:
                yield ctx.finding("value.mismatch", problem, claim, "provenance", i, "quote")
