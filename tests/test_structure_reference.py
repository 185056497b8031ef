"""The hand-written structurers give cattrs's answers: the same records, the same problems.

Up to 0.2.0 the records were structured with cattrs (kept in ``_cattrs_structure.py``
as the reference).  Every record of the shipped dataset, and every tree hypothesis
makes from one by dropping, misspelling, adding or retyping keys at any depth, is
structured both ways: both give the same record, or both refuse it with the same
problems (path, code, message, whether at the key, the key meant) in the same order.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import _cattrs_structure as reference
from carsi_claims.model import Claim
from carsi_claims.read.strict_yaml import load_yaml
from carsi_claims.read.structure import TOP_LEVEL, SchemaError, structure_one, structure_value

ROOT = Path(__file__).resolve().parents[1]
_TREE: dict[str, Any] = load_yaml((ROOT / "data/claims.yaml").read_bytes(), "claims").root
RECORDS: list[tuple[str, Any]] = [
    (key, raw) for key in TOP_LEVEL for raw in (_TREE.get(key) or []) if isinstance(raw, dict)
]


def _answers(raw: object, cls: type[Any]) -> tuple[object, list[tuple[object, ...]]]:
    record, problems = structure_one(raw, cls, ("r", 0))
    return record, [(p.path, p.code, p.message, p.at_key, p.meant) for p in problems]


def _reference(raw: object, cls: type[Any]) -> tuple[object, list[tuple[object, ...]]]:
    record, problems = reference.structure_one(raw, cls, ("r", 0))
    return record, [(p.path, p.code, p.message, p.at_key, p.meant) for p in problems]


def test_every_shipped_record_is_structured_as_cattrs_structured_it() -> None:
    assert len(RECORDS) > 100
    for key, raw in RECORDS:
        cls = TOP_LEVEL[key][0]
        mine = _answers(raw, cls)
        assert mine[1] == []
        assert mine == _reference(raw, cls)


_WORDS = "'' x true no 12 -3 12.5 1e6 1,000 2011-02-30 2011-03 money up_to USD src-a carsi:m-x"
SCALARS = st.none() | st.sampled_from([w.strip("'") for w in _WORDS.split()]) | st.text(max_size=6)
KEYS = st.sampled_from(["amount", "value", "x", "kind", "start"])
NODES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=6,
)


def _nodes(tree: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """The paths of every mapping and list in ``tree``."""
    found = [path] if isinstance(tree, dict | list) else []
    if isinstance(tree, dict):
        for k, v in tree.items():
            found += _nodes(v, (*path, k))
    elif isinstance(tree, list):
        for i, v in enumerate(tree):
            found += _nodes(v, (*path, i))
    return found


def _at(tree: Any, path: tuple[object, ...]) -> Any:
    for step in path:
        tree = tree[step]
    return tree


@st.composite
def mutated_records(draw: st.DrawFn) -> tuple[str, object]:
    key, raw = draw(st.sampled_from(RECORDS))
    tree = copy.deepcopy(raw)
    for _ in range(draw(st.integers(1, 4))):
        place = draw(st.sampled_from(_nodes(tree) or [()]))
        node = _at(tree, place) if place or isinstance(tree, dict | list) else tree
        if isinstance(node, dict) and node:
            name = draw(st.sampled_from(sorted(node)))
            action = draw(st.sampled_from(["drop", "misspell", "retype", "add"]))
            if action == "drop":
                del node[name]
            elif action == "misspell":
                node[name[:-1] + name[-1] * 2] = node.pop(name)
            elif action == "retype":
                node[name] = draw(NODES)
            else:
                node[draw(st.text(min_size=1, max_size=8))] = draw(NODES)
        elif isinstance(node, list) and node:
            node[draw(st.integers(0, len(node) - 1))] = draw(NODES)
        elif draw(st.booleans()):
            tree = draw(NODES)
    return key, tree


@given(mutated_records())
@example(("claims", {"id": "x", "kind": "money", "value": {"ammount": "1"}, "zzz": None}))
@example(("claims", {"kind": "nothing", "value": None}))
@example(("claims", ["not a mapping"]))
@example(("sources", {"id": "s", "relations": [{"kind": "reprint"}, 3, None]}))
def test_any_tree_is_structured_as_cattrs_structured_it(case: tuple[str, object]) -> None:
    key, raw = case
    cls = TOP_LEVEL[key][0]
    assert _answers(raw, cls) == _reference(raw, cls)


def test_a_value_structured_alone_raises_its_first_problem() -> None:
    assert structure_value("12", int) == 12
    assert structure_value(None, int | None) is None
    with pytest.raises(SchemaError) as info:
        structure_value({"amount": "x"}, Claim)
    assert (info.value.code, str(info.value)) == ("schema.missing-key", "missing required key 'id'")
