"""Conflicts do not depend on the order of claims, of provenance entries or of files."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from carsi_claims import strategies as cs
from carsi_claims.analysis.conflicts import detect
from carsi_claims.dataset import Dataset


@given(cs.datasets(), st.randoms(use_true_random=False))
def test_claim_order(ds: Dataset, rnd: object) -> None:
    """Shuffling the claims gives the same conflicts."""
    claims = list(ds.claims)
    rnd.shuffle(claims)  # type: ignore[attr-defined]
    assert detect(claims, ds.entities) == detect(ds.claims, ds.entities)


@given(cs.datasets())
def test_provenance_order(ds: Dataset) -> None:
    """Reversing every claim's provenance entries gives the same conflicts."""
    flipped = [attrs.evolve(c, provenance=c.provenance[::-1]) for c in ds.claims]
    assert detect(flipped, ds.entities) == detect(ds.claims, ds.entities)


@given(cs.datasets(), st.data())
def test_file_order(ds: Dataset, data: st.DataObject) -> None:
    """Claims split over two files and read in either order give the same conflicts."""
    cut = data.draw(st.integers(0, len(ds.claims)))
    first, second = ds.claims[:cut], ds.claims[cut:]
    assert detect([*second, *first], ds.entities) == detect([*first, *second], ds.entities)
