"""Tests for the strict YAML loader (``carsi_claims.read.strict_yaml``)."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _work import work
from carsi_claims.errors import LoadError
from carsi_claims.findings import Finding, Location, Severity
from carsi_claims.read import strict_yaml as _yaml
from carsi_claims.read.strict_yaml import MAX_DEPTH, Document, load_yaml

FILE = "claims.yaml"

LOADERS = [pytest.param(yaml.SafeLoader, id="python")]
if yaml.__with_libyaml__:
    LOADERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.fixture(params=LOADERS)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the test with each available PyYAML event source."""
    monkeypatch.setattr(_yaml, "_LOADER", request.param)


def findings_of(data: bytes) -> list[Finding]:
    with pytest.raises(LoadError) as info:
        load_yaml(data, FILE)
    return list(info.value.findings)


def only(data: bytes) -> Finding:
    found = findings_of(data)
    assert len(found) == 1, found
    return found[0]


def where(f: Finding) -> tuple[str, int, int]:
    assert f.severity is Severity.ERROR
    assert f.claim is None
    assert f.location is not None
    return (f.code, f.location.line, f.location.column)


# --- happy path ---------------------------------------------------------------------------


def test_loads_nested_plain_tree(loader: None) -> None:
    """A mapping of lists and mappings loads as plain dicts, lists and strings."""
    doc = load_yaml(b"a: x\nb:\n  - 1\n  - {c: d, e: [f]}\n", FILE)
    assert isinstance(doc, Document)
    assert doc.file == FILE
    assert doc.root == {"a": "x", "b": ["1", {"c": "d", "e": ["f"]}]}


@pytest.mark.parametrize(
    "scalar",
    [
        "no",
        "on",
        "yes",
        "1.10",
        "2011-03-14",
        "1e6",
        "0x10",
        ".inf",
        "+12",
        "2011-02-30",
        "9" * 5000,
    ],
)
def test_scalars_stay_strings(scalar: str, loader: None) -> None:
    """Every plain scalar is the string as written: no implicit typing at all."""
    assert load_yaml(f"v: {scalar}\n".encode(), FILE).root == {"v": scalar}


@pytest.mark.parametrize("plain", ["", "~", "null", "Null", "NULL"])
def test_plain_nulls_become_none(plain: str, loader: None) -> None:
    """A plain empty scalar, ``~`` or null spelling becomes None."""
    assert load_yaml(f"v: {plain}\nw: [{plain or '~'}]\n".encode(), FILE).root == {
        "v": None,
        "w": [None],
    }


@pytest.mark.parametrize("quoted", ['""', "''", '"~"', "'null'", '"NULL"', "|\n  null"])
def test_quoted_nulls_stay_strings(quoted: str, loader: None) -> None:
    """A quoted or block scalar is always a string, even when it spells null."""
    expected = yaml.safe_load(f"v: {quoted}\n")["v"]
    assert load_yaml(f"v: {quoted}\n".encode(), FILE).root == {"v": expected}
    assert isinstance(expected, str)


def test_null_spelled_keys_stay_strings() -> None:
    """Keys are always the string as written, even ``null`` or ``~``."""
    assert load_yaml(b"null: a\n~: b\n", FILE).root == {"null": "a", "~": "b"}


def test_bom_is_skipped() -> None:
    """A UTF-8 byte order mark at the start is accepted and not counted in columns."""
    doc = load_yaml(b"\xef\xbb\xbfa: b\n", FILE)
    assert doc.root == {"a": "b"}
    assert doc.locate(("a",)) == Location(FILE, 1, 4)


# --- locations ----------------------------------------------------------------------------

SAMPLE = """\
title: "Señor — año"
claims:
  - id: c-1
    value: {amount: "260 €", currency: USD}
  - id: c-2
    note: ~
""".encode()


@pytest.mark.parametrize(
    ("path", "line", "column"),
    [
        ((), 1, 1),
        (("title",), 1, 8),
        (("claims",), 3, 3),
        (("claims", 0), 3, 5),
        (("claims", 0, "value"), 4, 12),
        (("claims", 0, "value", "currency"), 4, 40),  # after "€": code points, not bytes
        (("claims", 1, "note"), 6, 11),
        (("claims", 0, "value", "missing"), 4, 12),  # a missing key: the mapping lacking it
        (("claims", 7, "id"), 3, 3),  # out of range: the list
        (("claims", -1), 3, 3),  # no negative indexes
        (("title", "x"), 1, 8),  # below a scalar: the scalar
        (("nope",), 1, 1),
    ],
)
def test_locate(path: tuple[str | int, ...], line: int, column: int, loader: None) -> None:
    """locate gives 1-based line and code-point column of the deepest existing node."""
    assert load_yaml(SAMPLE, FILE).locate(path) == Location(FILE, line, column)


@pytest.mark.parametrize(
    ("path", "line", "column"),
    [
        (("title",), 1, 1),
        (("claims", 0, "value"), 4, 5),
        (("claims", 0, "value", "currency"), 4, 30),
        (("claims", 1), 5, 5),  # ends in an index: the item itself
        (("claims", 0, "value", "missing"), 4, 12),
        ((), 1, 1),
    ],
)
def test_locate_key(path: tuple[str | int, ...], line: int, column: int, loader: None) -> None:
    """locate_key points at the key itself when the path ends in an existing key."""
    assert load_yaml(SAMPLE, FILE).locate_key(path) == Location(FILE, line, column)


# --- hazards ------------------------------------------------------------------------------


def test_invalid_utf8() -> None:
    """Bytes that are not UTF-8 are reported at the first bad byte, columns in code points."""
    f = only(b"a: b\nc: \xc3\xa9\xff\n")
    assert where(f) == ("yaml.encoding", 2, 5)
    assert "0xFF" in f.message
    assert "UTF-8" in f.message


@pytest.mark.parametrize(
    ("char", "code"),
    [("\x00", "U+0000"), ("\x1b", "U+001B"), ("\x7f", "U+007F"), ("\x85", "U+0085")],
)
def test_control_character(char: str, code: str) -> None:
    """NUL, other C0 controls, DEL and C1 controls are refused with their code point."""
    f = only(f"a: b\nc: é{char}\n".encode())
    assert where(f) == ("yaml.control-character", 2, 5)
    assert code in f.message


def test_all_control_characters_are_listed() -> None:
    """Every control character of a file is reported, not just the first."""
    assert [where(f) for f in findings_of(b"a: \x01\nb: \x02\n")] == [
        ("yaml.control-character", 1, 4),
        ("yaml.control-character", 2, 4),
    ]


def test_syntax_error() -> None:
    """A parser error becomes yaml.syntax at PyYAML's problem mark, in words."""
    f = only("é: 1\n  b: 2\n".encode())
    assert where(f) == ("yaml.syntax", 2, 4)
    assert "mapping values are not allowed" in f.message


def test_syntax_error_with_context() -> None:
    """A parser error names its context and where that context starts."""
    f = only(b"a: [1, 2\nb: 3\n")
    assert f.code == "yaml.syntax"
    assert f.location is not None
    assert "while parsing a flow sequence (line 1, column 4)" in f.message


def test_syntax_error_after_other_findings_keeps_them(loader: None) -> None:
    """Problems found before a syntax error are reported with it."""
    codes = [f.code for f in findings_of(b"a: 1\na: 2\nb: [\n")]
    assert codes == ["yaml.duplicate-key", "yaml.syntax"]


def test_unexpected_exception_becomes_syntax_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever else PyYAML raises becomes a yaml.syntax finding, never a traceback."""

    class Broken(yaml.SafeLoader):
        def get_event(self) -> yaml.Event:
            raise ValueError("odd input")

    monkeypatch.setattr(_yaml, "_LOADER", Broken)
    f = only(b"a: 1\n")
    assert (f.code, f.location) == ("yaml.syntax", None)
    assert "ValueError: odd input" in f.message


def test_duplicate_keys(loader: None) -> None:
    """Every duplicate key is reported at its second occurrence, naming the first."""
    found = findings_of(b"a: 1\nb:\n  x: 1\n  x: [2]\na: 3\n")
    assert [where(f) for f in found] == [
        ("yaml.duplicate-key", 4, 3),
        ("yaml.duplicate-key", 5, 1),
    ]
    assert "'x' again (first at line 3, column 3)" in found[0].message
    assert "'a' again (first at line 1, column 1)" in found[1].message


def test_anchor_and_alias(loader: None) -> None:
    """Anchors and aliases are refused with a hint to write the value out."""
    anchor, alias = findings_of(b"a: &x [1]\nb: *x\n")
    assert where(anchor) == ("yaml.anchor", 1, 4)
    assert where(alias) == ("yaml.alias", 2, 4)
    assert "write the value out in full" in anchor.message
    assert "*x" in alias.message


def test_billion_laughs_fails_fast(loader: None) -> None:
    """The nested-alias bomb is refused without expanding it: work bounded by the input size."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    data = "\n".join(lines).encode()
    assert len(data) < 700
    codes: set[str] = set()
    calls = work(lambda: codes.update(f.code for f in findings_of(data)))
    assert calls < 100 * len(data)  # expanding the aliases would be 9**9 lists
    assert codes == {"yaml.anchor", "yaml.alias"}


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a: !!python/object/apply:os.system [ls]", "!!python/object/apply:os.system"),
        ("a: !custom x", "!custom"),
        ("a: !!str 1", "!!str"),
        ("a: !!timestamp 2011-03-14", "!!timestamp"),
        ("a: !!map {b: c}", "!!map"),
    ],
)
def test_tags_refused(text: str, shown: str, loader: None) -> None:
    """Any explicit tag is refused: the schema decides types."""
    f = only(text.encode())
    assert where(f) == ("yaml.tag", 1, 4)
    assert shown in f.message
    assert "the schema decides types" in f.message


def test_non_scalar_key(loader: None) -> None:
    """A mapping or list used as a key is refused and loading goes on."""
    found = findings_of(b"? [a]\n: 1\n{b: c}: 2\nd: 1\nd: 2\n")
    assert [f.code for f in found] == [
        "yaml.non-scalar-key",
        "yaml.non-scalar-key",
        "yaml.duplicate-key",
    ]
    assert where(found[0]) == ("yaml.non-scalar-key", 1, 3)


def test_multiple_documents(loader: None) -> None:
    """A second document is refused at its start."""
    f = only(b"a: 1\n---\nb: 2\n")
    assert where(f) == ("yaml.multiple-documents", 2, 1)


@pytest.mark.parametrize("data", [b"", b"# only a comment\n", b"\n\n", b"---\n"])
def test_empty(data: bytes, loader: None) -> None:
    """An empty file, or one with only comments, is refused."""
    assert only(data).code == "yaml.empty"


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b"- a\n", "found a list"),
        (b"just text\n", "found a string ('just text')"),
        (b"'no'\n", "found a string ('no')"),
        (b"~\n", "found null"),
    ],
)
def test_not_a_mapping(data: bytes, found: str, loader: None) -> None:
    """A top level that is not a mapping is refused, saying what it is."""
    f = only(data)
    assert where(f) == ("yaml.not-a-mapping", 1, 1)
    assert found in f.message


@pytest.mark.parametrize(
    ("unit", "column_step"),
    [(b"[", 1), (b"- ", 2), (b"{a: ", 4)],
)
def test_too_deep(unit: bytes, column_step: int, loader: None) -> None:
    """100,000 levels of nesting end in one clean finding at the level past the limit,
    after no more work than 10,000 levels take: reading stops at the limit."""
    found: list[Finding] = []
    deep = work(lambda: found.append(only(unit * 100_000)))
    assert deep <= work(lambda: only(unit * 10_000)) + 100
    assert where(found[0]) == ("yaml.too-deep", 1, MAX_DEPTH * column_step + 1)


def test_depth_limit_itself_is_fine() -> None:
    """Nesting exactly at the limit loads."""
    data = b"a: " + b"[" * (MAX_DEPTH - 1) + b"]" * (MAX_DEPTH - 1)
    assert isinstance(load_yaml(data, FILE), Document)


def test_long_scalar_is_a_string(loader: None) -> None:
    """A very long scalar loads as it is."""
    assert load_yaml(b"a: " + b"x" * 200_000, FILE).root == {"a": "x" * 200_000}


# --- properties ---------------------------------------------------------------------------

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_or_error(data: bytes) -> None:
    result: Document | LoadError
    try:
        result = load_yaml(data, FILE)
    except LoadError as exc:
        result = exc
    if isinstance(result, LoadError):
        assert result.findings
        assert all(f.severity is Severity.ERROR for f in result.findings)
    else:
        assert isinstance(result.root, dict)
        result.locate(("a", 0, "b"))


@PROPERTY
@given(st.binary(max_size=200))
def test_arbitrary_bytes(data: bytes) -> None:
    """Any bytes give a Document or a LoadError, never anything else."""
    load_or_error(data)


@PROPERTY
@given(st.lists(st.sampled_from(list("ab: -[]{},?&*!|>'\"#\n\t~é")), max_size=60))
def test_yaml_like_text(chars: list[str]) -> None:
    """Text made of YAML's punctuation gives a Document or a LoadError, never anything else."""
    load_or_error("".join(chars).encode())


# No U+2028/U+2029: the loader refuses them raw (PyYAML writes them raw with allow_unicode).
text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"),
    max_size=12,
)
trees = st.recursive(
    text,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(text, kids, max_size=4),
    max_leaves=20,
)


@PROPERTY
@given(st.dictionaries(text, trees, min_size=1, max_size=4))
def test_round_trip(tree: dict[str, object]) -> None:
    """A tree of strings dumped by PyYAML loads back unchanged."""
    dumped = yaml.safe_dump(tree, allow_unicode=True)
    assert load_yaml(dumped.encode(), FILE).root == tree


VALID = b'a:\n  - b: "x"\n    c: [1, {d: e}]\n  - ~\nf: |\n  text\n'


@PROPERTY
@given(st.data())
def test_mutations(data: st.DataObject) -> None:
    """Deleting, inserting or replacing a byte of a valid file gives a Document or a LoadError."""
    assert isinstance(load_yaml(VALID, FILE), Document)
    i = data.draw(st.integers(0, len(VALID)))
    byte = bytes([data.draw(st.integers(0, 255))])
    kind = data.draw(st.sampled_from(["delete", "insert", "replace"]))
    if kind == "delete":
        mutated = VALID[:i] + VALID[i + 1 :]
    elif kind == "insert":
        mutated = VALID[:i] + byte + VALID[i:]
    else:
        mutated = VALID[:i] + byte + VALID[i + 1 :]
    load_or_error(mutated)
