"""Property: every change to a meaning field changes the fingerprint; no other change does.

The meaning fields are found from the model itself (every field of a claim
and of the records under it, less :data:`carsi_claims.analysis.meaning.EXCLUDED`),
so a field added to the model is covered here without a new test.
"""

from __future__ import annotations

import enum
import random
import typing
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from _mini import MINI_SEEDS, MINI_YAML
from carsi_claims import Claim, load, load_bytes
from carsi_claims import strategies as cs
from carsi_claims.analysis.meaning import EXCLUDED, fingerprint, fingerprints
from carsi_claims.dataset import default_paths
from carsi_claims.model import (
    Basis,
    FiscalYears,
    Inference,
    PartialDate,
    QualifierName,
    Status,
)
from conftest import TmpDataset

_SAMPLES: dict[type[Any], Any] = {
    str: "x",
    int: 1,
    bool: True,
    Decimal: Decimal(1),
    PartialDate: PartialDate(2000),
    FiscalYears: FiscalYears(2000, 2001),
    Inference: Inference(QualifierName.AS_OF, Basis.DATELINE),
}


def _sample(tp: Any) -> Any:
    """A value of a field's type, for a field that is absent (None)."""
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    for arg in args or [tp]:
        if arg in _SAMPLES:
            return _SAMPLES[arg]
    raise AssertionError(f"no sample value for {tp!r}: add one to _SAMPLES")


def _changed(value: Any, tp: Any) -> Iterator[tuple[str, Any]]:
    """Every way of changing ``value`` (of type ``tp``) a little: (where, new value)."""
    if value is None:
        yield "", _sample(tp)
    elif isinstance(value, PartialDate):
        yield "", PartialDate(value.year + 1, value.month, value.day)
    elif attrs.has(type(value)):
        yield from _variants(value)
    elif isinstance(value, bool):
        yield "", not value
    elif isinstance(value, enum.Enum):
        yield "", next(m for m in type(value) if m is not value)
    elif isinstance(value, int | Decimal):
        yield "", value + 1
    elif isinstance(value, str):
        yield "", value + "x"
    elif isinstance(value, tuple) and not value:
        yield "[+]", (_sample(typing.get_args(tp)[0]),)
    elif isinstance(value, tuple):
        item_type = typing.get_args(tp)[0]
        for where, item in _changed(value[0], item_type):
            yield f"[0]{where}", (item, *value[1:])
        yield "[+]", (*value, value[0])
        if len(value) > 1:
            yield "[-]", value[1:]
    else:
        raise AssertionError(f"no way to change {value!r}")


def _variants(record: Any) -> Iterator[tuple[str, Any]]:
    """Every small change to a meaning field of ``record``, at any depth."""
    cls = type(record)
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        if (cls.__name__, field.name) in EXCLUDED:
            continue
        for where, new in _changed(getattr(record, field.name), hints[field.name]):
            yield f".{field.name}{where}", attrs.evolve(record, **{field.name: new})


@given(claim=cs.claims(), data=st.data())
def test_any_change_to_a_meaning_field_changes_the_fingerprint(
    claim: Claim, data: st.DataObject
) -> None:
    """Each small change of each meaning field, at any depth, gives another fingerprint."""
    variants = list(_variants(claim))
    assert {w.split("[")[0].split(".")[1] for w, _ in variants} >= {
        "kind",
        "subject",
        "property",
        "value",
        "provenance",
        "qualifiers",
    }
    where, changed = data.draw(st.sampled_from(variants), label="change")
    assert fingerprint(changed) != fingerprint(claim), where


@given(
    claim=cs.claims(),
    note=st.none() | cs.texts(),
    reason=st.none() | cs.texts(),
    claim_id=cs.ids("other"),
    successor=st.none() | cs.ids("next"),
    status=st.sampled_from(Status),
    shift=st.integers(0, 10**6),
    order=st.randoms(use_true_random=False),
)
def test_no_change_outside_the_meaning_fields_changes_the_fingerprint(
    claim: Claim,
    note: str | None,
    reason: str | None,
    claim_id: str,
    successor: str | None,
    status: Status,
    shift: int,
    order: random.Random,
) -> None:
    """Id, status, reason, superseded_by, note, offsets and provenance order are not meaning."""
    entries = [attrs.evolve(p, start=p.start + shift, end=p.end + shift) for p in claim.provenance]
    order.shuffle(entries)
    other = attrs.evolve(
        claim,
        id=claim_id,
        status=status,
        reason=reason,
        superseded_by=successor,
        note=note,
        provenance=tuple(entries),
    )
    assert fingerprint(other) == fingerprint(claim)


def _shuffled(node: Any, rng: random.Random) -> Any:
    """The plain tree with every mapping's keys in a random order."""
    if isinstance(node, dict):
        keys = list(node)
        rng.shuffle(keys)
        return {k: _shuffled(node[k], rng) for k in keys}
    if isinstance(node, list):
        return [_shuffled(v, rng) for v in node]
    return node


_SHIPPED = load(default_paths()[0])
_SHIPPED_MEANINGS = {k: v[0] for k, v in fingerprints(_SHIPPED.claims).items()}


@settings(max_examples=10)  # each example rewrites and reloads the whole shipped file
@given(
    rng=st.randoms(use_true_random=False),
    style=st.sampled_from([None, "'", '"']),
    flow=st.sampled_from([None, False, True]),
)
def test_layout_quoting_key_order_and_claim_order_are_not_meaning(
    rng: random.Random, style: str | None, flow: bool | None
) -> None:
    """The shipped file rewritten (keys and claims reordered, other quoting, no comments): same."""
    assert _SHIPPED.document is not None
    tree = _shuffled(_SHIPPED.document.root, rng)
    rng.shuffle(tree["claims"])
    text = yaml.dump(
        tree,
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        default_style=style,
        default_flow_style=flow,
        sort_keys=False,
        allow_unicode=rng.random() < 0.5,
        width=rng.choice([40, 80, 10**6]),
    )
    rewritten = load_bytes(text.encode("utf-8"), "rewritten.yaml")
    assert {k: v[0] for k, v in fingerprints(rewritten.claims).items()} == _SHIPPED_MEANINGS


def test_comments_and_moving_a_claim_are_not_meaning(tmp_dataset: TmpDataset) -> None:
    """A comment after every line and a claim moved to the end leave every fingerprint."""
    before = fingerprints(load(tmp_dataset(MINI_YAML, MINI_SEEDS).claims).claims)
    goals = MINI_YAML[MINI_YAML.index("  - id: carsi.goals\n") : MINI_YAML.index("  - id: carsi.c")]
    moved = MINI_YAML.replace(goals, "") + goals
    commented = "".join(f"{line}  # a comment\n# another\n" for line in moved.splitlines())
    after = fingerprints(load(tmp_dataset(commented, MINI_SEEDS).claims).claims)
    assert after == before
