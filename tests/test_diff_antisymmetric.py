"""Properties of diff: a dataset against itself is empty; diff(b, a) is diff(a, b) reversed."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from carsi_claims import Claim, Dataset, Status
from carsi_claims import strategies as cs
from carsi_claims.citing.diff import ClaimDiff, DatasetDiff, diff

#: A change seen from the other side; superseded counts as retracted, reinstated as either.
_BACK = {
    "added": "removed",
    "removed": "added",
    "retracted": "reinstated",
    "reinstated": "retracted",
}
_RES_BACK = {
    "added": "removed",
    "removed": "added",
    "went-stale": "no-longer-stale",
    "no-longer-stale": "went-stale",
}


#: Drawing datasets dominates these tests: at most 50 examples, whatever the profile.
_FEWER = settings(max_examples=min(settings().max_examples, 50))


def _plain(changes: tuple[str, ...]) -> set[str]:
    return {"retracted" if c == "superseded" else c for c in changes}


@st.composite
def changed(draw: st.DrawFn, dataset: Dataset) -> Dataset:
    """``dataset`` with claims dropped, retracted, reinstated, re-meant, noted; some added."""
    out: list[Claim] = []
    for claim in dataset.claims:
        what = draw(st.sampled_from(["keep", "drop", "status", "meaning", "note"]))
        if what == "drop":
            continue
        if what == "status":
            retracted = claim.status is Status.ACTIVE
            claim = attrs.evolve(
                claim,
                status=Status.RETRACTED if retracted else Status.ACTIVE,
                reason="withdrawn" if retracted else None,
                superseded_by=None,
            )
        elif what == "meaning":
            claim = attrs.evolve(claim, subject=claim.subject + "x")
        elif what == "note":
            claim = attrs.evolve(claim, note=(claim.note or "") + " checked")
        out.append(claim)
    extra = draw(st.lists(cs.claims(), max_size=2, unique_by=lambda c: c.id))
    out += [attrs.evolve(c, id=f"new-{i}") for i, c in enumerate(extra)]
    kept = [r for r in dataset.resolutions if draw(st.booleans())]
    ids = [c.id for c in out]
    if len(ids) >= 2 and draw(st.booleans()):
        kept.append(draw(cs.resolutions(ids, "res-new")))
    return attrs.evolve(dataset, claims=tuple(out), resolutions=tuple(kept))


@_FEWER
@given(dataset=cs.datasets(max_claims=8))
def test_a_dataset_against_itself_is_empty(dataset: Dataset) -> None:
    """Nothing is added, removed or changed between a dataset and itself."""
    result = diff(dataset, dataset)
    assert result.empty
    assert result.summary() == "no changes"


def _by_id(d: DatasetDiff) -> dict[str, ClaimDiff]:
    return {c.id: c for c in d.claims}


@_FEWER
@given(data=st.data(), a=cs.datasets(max_claims=8))
def test_diff_is_antisymmetric(data: st.DataObject, a: Dataset) -> None:
    """Every change of a..b is the opposite change of b..a, its sides swapped."""
    b = data.draw(changed(a), label="b")
    forth, back = diff(a, b), diff(b, a)
    assert _by_id(forth).keys() == _by_id(back).keys()
    for claim_id, one in _by_id(forth).items():
        other = _by_id(back)[claim_id]
        assert {_BACK.get(c, c) for c in _plain(one.changes)} == _plain(other.changes)
        assert (one.before, one.after) == (other.after, other.before)
    assert {r.id for r in forth.resolutions} == {r.id for r in back.resolutions}
    back_res = {r.id: r for r in back.resolutions}
    for res in forth.resolutions:
        assert {_RES_BACK.get(c, c) for c in res.changes} == set(back_res[res.id].changes)
    assert {c.id for c in forth.breaking} == {
        c.id for c in back.claims if {"changed-meaning", "added"} & set(c.changes)
    }
