"""A resolution suppresses exactly the conflict sets whose claims it names; else it is stale."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from _conflict_claims import claim
from carsi_claims.analysis.conflicts import detect
from carsi_claims.analysis.resolutions import resolve
from carsi_claims.model import Claim, Money, Resolution, ResolutionKind


def _claims(n: int) -> list[Claim]:
    """n claims answering one question, each with a different figure: all pairs conflict."""
    return [claim(f"c{i}", Money(Decimal(i * 10)), source=f"s{i}") for i in range(n)]


#: Claims on two questions (properties p and q), each with a figure from a small pool, so
#: that some claims agree (one variant) and questions with two or more figures conflict.
_SPECS = st.lists(st.tuples(st.sampled_from("pq"), st.integers(0, 3)), min_size=2, max_size=8)


@given(_SPECS, st.data())
def test_suppresses_exactly_named(specs: list[tuple[str, int]], data: st.DataObject) -> None:
    """A set is resolved exactly when the resolution names all its claims; else it is stale."""
    claims = [
        claim(f"c{i}", Money(Decimal(v * 10)), source=f"s{i}", prop=p)
        for i, (p, v) in enumerate(specs)
    ]
    named = data.draw(st.sets(st.sampled_from([c.id for c in claims]), min_size=1))
    res = Resolution("r", tuple(sorted(named)), ResolutionKind.SOURCE_ERROR, "why")
    conflicts = detect(claims)
    matches, stale = resolve(conflicts, [res])
    assert [m.conflict for m in matches] == conflicts
    for m in matches:
        assert (m.resolution is res) == (set(m.conflict.claims) <= named)
    assert (stale == []) == any(m.resolution is res for m in matches)
    for c in conflicts:
        [prop] = {cl.property for cl in claims if cl.id in c.claims}
        # a set holds every claim of its question, not only those whose figures differ
        assert set(c.claims) == {cl.id for cl in claims if cl.property == prop}


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
