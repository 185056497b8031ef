"""A resolution suppresses exactly the conflicts it names; removing its claims makes it stale."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from _conflict_claims import claim
from carsi_claims.analysis.conflicts import detect, resolve
from carsi_claims.model import Claim, Money, Resolution, ResolutionKind


def _claims(n: int) -> list[Claim]:
    """n claims answering one question, each with a different figure: all pairs conflict."""
    return [claim(f"c{i}", Money(Decimal(i * 10)), source=f"s{i}") for i in range(n)]


@given(st.integers(2, 5), st.data())
def test_suppresses_exactly_named(n: int, data: st.DataObject) -> None:
    """Conflicts whose claims are all named are resolved; every other one is not."""
    claims = _claims(n)
    named = data.draw(st.sets(st.sampled_from([c.id for c in claims]), min_size=2))
    res = Resolution("r", tuple(sorted(named)), ResolutionKind.SOURCE_ERROR, "why")
    matches, stale = resolve(detect(claims), [res])
    assert stale == []
    for m in matches:
        assert (m.resolution is res) == (set(m.conflict.claims) <= named)


@given(st.integers(2, 4))
def test_removing_claims_makes_stale(n: int) -> None:
    """A resolution whose claims no longer conflict is stale."""
    claims = _claims(n)
    res = Resolution("r", ("c0", "c1"), ResolutionKind.SOURCE_ERROR, "why")
    matches, stale = resolve(detect(claims[1:]), [res])
    assert stale == [res]
    assert all(m.resolution is None for m in matches)


def test_first_resolution_in_file_order_wins() -> None:
    """Of two resolutions for one conflict, the first in file order wins, the other is stale."""
    claims = _claims(2)
    first = Resolution("r1", ("c0", "c1"), ResolutionKind.SOURCE_ERROR, "why")
    second = Resolution("r2", ("c1", "c0"), ResolutionKind.SOURCE_ERROR, "why again")
    matches, stale = resolve(detect(claims), [first, second])
    assert [m.resolution for m in matches] == [first]
    assert stale == [second]
    matches, stale = resolve(detect(claims), [second, first])
    assert [m.resolution for m in matches] == [second]
    assert stale == [first]
