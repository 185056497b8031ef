"""Conflict detection is symmetric: comparing b with a finds what comparing a with b finds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from carsi_claims import strategies as cs
from carsi_claims.conflicts import detect
from carsi_claims.dataset import Dataset
from carsi_claims.model import ClaimKind


@given(st.sampled_from(ClaimKind), st.data())
def test_pair_symmetric(kind: ClaimKind, data: st.DataObject) -> None:
    """Two claims of one kind conflict the same way whichever comes first."""
    a = data.draw(cs.claims(claim_id="a", kind=kind, lists=("l",)))
    b = data.draw(cs.claims(claim_id="b", kind=kind, lists=("l",)))
    assert detect([a, b]) == detect([b, a])


@given(cs.datasets())
def test_dataset_symmetric(ds: Dataset) -> None:
    """Reversing the claims of a dataset leaves its conflicts unchanged."""
    assert detect(ds.claims, ds.entities) == detect(ds.claims[::-1], ds.entities[::-1])
