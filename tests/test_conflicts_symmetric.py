"""Conflict detection is symmetric: comparing b with a finds what comparing a with b finds.

``detect`` sorts the claims by id before comparing them, so feeding it the
claims in another order cannot show an asymmetry; the pairwise comparison
(``conflicts._compare``) is called here in both orders instead.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carsi_claims import strategies as cs
from carsi_claims.analysis.conflicts import _compare, detect
from carsi_claims.dataset import Dataset
from carsi_claims.model import Claim, ClaimKind, PartialDate

#: As-of dates some of which overlap (2011 contains 2011-03) and some do not.
_AS_OF = st.sampled_from(
    (PartialDate(2011), PartialDate(2011, 3), PartialDate(2011, 3, 14), PartialDate(2012))
)


@pytest.mark.parametrize("kind", list(ClaimKind))
@given(data=st.data())
def test_pair_symmetric(kind: ClaimKind, data: st.DataObject) -> None:
    """Two claims of one kind asking one question conflict the same way whichever comes first."""
    pair = cs.claims(kind=kind, lists=("l",), currencies=("USD", "EUR"), pooled=True)
    a = data.draw(pair.map(lambda c: attrs.evolve(c, id="a")))
    b = data.draw(pair.map(lambda c: attrs.evolve(c, id="b")))
    assert _compare(a, b) == _compare(b, a)


@st.composite
def _cumulative(draw: st.DrawFn, cid: str) -> Claim:
    """A cumulative amount, as of a date from a small pool, over no stated fiscal years."""
    claim = draw(cs.claims(claim_id=cid, kind=ClaimKind.MONEY, pooled=True))
    as_of = draw(_AS_OF)
    return attrs.evolve(
        claim,
        qualifiers=attrs.evolve(claim.qualifiers, cumulative=True, fiscal_years=None, as_of=as_of),
    )


@given(_cumulative("a"), _cumulative("b"))
def test_cumulative_pair_symmetric(a: Claim, b: Claim) -> None:
    """Two cumulative amounts as of (possibly) different dates conflict whichever comes first."""
    assert _compare(a, b) == _compare(b, a)


@given(cs.datasets())
def test_dataset_symmetric(ds: Dataset) -> None:
    """Reversing the claims and entities of a dataset leaves its conflicts unchanged."""
    assert detect(ds.claims, ds.entities) == detect(ds.claims[::-1], ds.entities[::-1])
