"""Small builders of claims for the conflict tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from carsi_claims.model import (
    Bound,
    Claim,
    ClaimKind,
    Count,
    ListItem,
    Money,
    Percentage,
    Provenance,
    Qualifiers,
    Quotation,
    Statement,
    Value,
)

_KIND = {
    Money: ClaimKind.MONEY,
    Percentage: ClaimKind.PERCENTAGE,
    Count: ClaimKind.COUNT,
    Quotation: ClaimKind.QUOTATION,
    Statement: ClaimKind.STATEMENT,
    ListItem: ClaimKind.LIST_ITEM,
}


def claim(
    cid: str,
    value: Value,
    *,
    source: str = "src-a",
    subject: str = "carsi",
    prop: str = "p",
    **qualifiers: Any,
) -> Claim:
    """A claim with one provenance entry in ``source``."""
    return Claim(
        id=cid,
        kind=_KIND[type(value)],
        subject=subject,
        property=prop,
        value=value,
        provenance=(Provenance(source, "q", 0, 1),),
        qualifiers=Qualifiers(**qualifiers),
    )


def percent(x: int | str, bound: Bound = Bound.EXACT, tolerance: str | None = None) -> Percentage:
    return Percentage(Decimal(x), bound, None if tolerance is None else Decimal(tolerance))


decimals = st.integers(0, 10**6).map(lambda n: Decimal(n).scaleb(-2))
percentages = st.builds(
    Percentage,
    st.integers(0, 10000).map(lambda n: Decimal(n).scaleb(-2)),
    st.sampled_from(Bound),
    st.none() | st.integers(0, 500).map(lambda n: Decimal(n).scaleb(-2)),
)
