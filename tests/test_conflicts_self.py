"""A claim never conflicts with itself or with an identical claim from another source."""

from __future__ import annotations

import attrs
from hypothesis import given

from carsi_claims import strategies as cs
from carsi_claims.analysis.conflicts import detect
from carsi_claims.model import Claim, Provenance


@given(cs.claims(source_ids=("src-a",)))
def test_self(claim: Claim) -> None:
    """A claim listed twice does not conflict with itself."""
    assert detect([claim, claim]) == []


@given(cs.claims(source_ids=("src-a",)))
def test_identical_claim_from_another_source(claim: Claim) -> None:
    """The same claim made by a second source (another id) is no conflict."""
    twin = attrs.evolve(claim, id=claim.id + "-twin", provenance=(Provenance("src-b", "q", 0, 1),))
    assert detect([claim, twin]) == []
