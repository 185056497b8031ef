"""Small builders of claims for the conflict tests."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from carsi_claims import strategies as cs
from carsi_claims.model import VALUE_TYPES, Claim, Money, Provenance, Qualifiers, Value

_KIND = {value_type: kind for kind, value_type in VALUE_TYPES.items()}

#: Amounts up to 10,000 with two decimal places.
decimals = cs.amounts(10**4)
#: US dollar amounts of any bound, with or without a tolerance (any bound may state one).
money = st.builds(Money, decimals, st.just("USD"), cs.bounds(), st.none() | decimals)


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
