"""Stress: the strict loader agrees with PyYAML's libyaml composer on every document it accepts.

Hypothesis builds a tree (mappings, lists and strings, keys unique, no shared
containers) and PyYAML dumps it in a random style: block or flow, plain,
single- or double-quoted, literal or folded scalars, any indent and width,
Unicode raw or escaped.  Such a document holds none of the constructs the
loader refuses (anchors, aliases, tags, duplicate keys, control characters,
several documents).  PyYAML's own composer (the libyaml one where available)
reads it to a node tree, untyped, with a mark on every node.  The strict
loader must give the same tree (every scalar the string it was written as, a
plain null-like scalar ``None``) and put every node and every key at the same
line and column.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from carsi_claims.findings import Location
from carsi_claims.read.strict_yaml import Document, load_yaml

FILE = "claims.yaml"
COMPOSER: Any = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})

#: Text without the characters the loader refuses (controls but tab and newline, DEL,
#: C1, U+2028, U+2029, surrogates, the non-characters) and without a BOM, plus the
#: characters that make YAML quote or escape.
characters = st.characters(
    blacklist_categories=("Cc", "Cs"),
    blacklist_characters="\u2028\u2029\ufeff\ufffe\uffff",
)
syntax = st.sampled_from(list(" \t\n:#-'\"[]{},&*!|>%@`?\\"))
strings = st.text(alphabet=st.one_of(characters, syntax), max_size=16) | st.sampled_from(
    ["", "~", "null", "NULL", "yes", "no", "1.10", "2011-03-14", "1e6", "0x1F", ".inf", "- a"]
)
keys = strings.filter(lambda k: len(k) <= 100)  # a longer key makes PyYAML write "? key"


def trees(depth: int) -> st.SearchStrategy[Any]:
    if depth == 0:
        return strings
    inner = trees(depth - 1)
    return st.one_of(
        strings,
        st.lists(inner, max_size=4),
        st.dictionaries(keys, inner, max_size=4),
    )


roots = st.dictionaries(keys, trees(3), max_size=5)
dump_options = st.fixed_dictionaries(
    {
        "default_flow_style": st.sampled_from([False, True, None]),
        "default_style": st.sampled_from([None, '"', "'", "|", ">"]),
        "allow_unicode": st.booleans(),
        "indent": st.integers(2, 6),
        "width": st.sampled_from([20, 80, 1000]),
        "explicit_start": st.booleans(),
        "explicit_end": st.booleans(),
    }
)


def _plain(node: yaml.Node) -> Any:
    """A composed node as the strict loader's tree: strings, None, lists, dicts."""
    if isinstance(node, yaml.ScalarNode):
        value: str = node.value
        return None if not node.style and value in _NULLS else value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    assert isinstance(node, yaml.MappingNode)
    return {key.value: _plain(value) for key, value in node.value}


def _at(mark: Any) -> Location:
    return Location(FILE, mark.line + 1, mark.column + 1)


def _compare_marks(doc: Document, node: yaml.Node, path: tuple[str | int, ...]) -> None:
    assert doc.locate(path) == _at(node.start_mark), path
    if isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _compare_marks(doc, item, (*path, i))
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            assert doc.locate_key((*path, key.value)) == _at(key.start_mark), (*path, key.value)
            _compare_marks(doc, value, (*path, key.value))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=roots, options=dump_options)
@example(tree={"a": "x\u00a0y", "b": ["", "~", {"c": "null"}]}, options={"default_style": '"'})
@example(tree={"note": "two\nlines \n\n end"}, options={"default_style": "|"})
@example(tree={"q": "é “x” – y"}, options={"allow_unicode": False, "width": 20})
def test_strict_loader_matches_pythons_composer(
    tree: dict[str, Any], options: dict[str, Any]
) -> None:
    """Same tree, and every node and key at the same line and column as PyYAML's marks."""
    text = yaml.dump(tree, Dumper=yaml.SafeDumper, sort_keys=False, **options)
    node = yaml.compose(text, Loader=COMPOSER)
    assert isinstance(node, yaml.MappingNode)
    doc = load_yaml(text.encode("utf-8"), FILE)
    assert doc.root == _plain(node)
    _compare_marks(doc, node, ())
