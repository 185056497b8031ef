"""A claim never conflicts with itself, nor with an identical claim; copies add no variant."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from carsi_claims import strategies as cs
from carsi_claims.analysis.conflicts import detect
from carsi_claims.dataset import Dataset
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


def _original(claim_id: str) -> str:
    return claim_id.split("~", 1)[0]


@given(cs.datasets(), st.integers(1, 3))
def test_restating_adds_no_variant(ds: Dataset, copies: int) -> None:
    """Copies of every claim (other ids) join the variants they copy: same sets, same variants."""
    twins = [attrs.evolve(c, id=f"{c.id}~{n}") for c in ds.claims for n in range(1, copies + 1)]
    before = detect(ds.claims, ds.entities)
    after = detect([*ds.claims, *twins], ds.entities)
    assert sorted(
        (c.kind, tuple(sorted({_original(x) for x in c.claims})), len(c.variants)) for c in after
    ) == sorted((c.kind, c.claims, len(c.variants)) for c in before)
    for c in after:
        assert len(c.claims) == len(set(c.claims))
        assert all(len(v.claims) % (copies + 1) == 0 for v in c.variants if c.kind != "count-list")
