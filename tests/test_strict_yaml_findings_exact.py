"""The strict YAML loader's findings, whole: code, line, column and message, in file order.

Every refusal of ``load_yaml`` is a finding with a code tools filter on, a
1-based line and column (code points) that editors jump to, and a message
saying what was expected, what was found and how to fix it.  These tests
compare findings whole, and pin the locations ``Document`` gives for large
mappings, for paths that leave the tree and for a tree changed after loading.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from carsi_claims.errors import LoadError
from carsi_claims.findings import Finding, Location, Severity
from carsi_claims.read import strict_yaml as _yaml
from carsi_claims.read.strict_yaml import MAX_DEPTH, load_yaml

FILE = "claims.yaml"
SYNTAX_HINT = "hint: check the indentation, colons, dashes and quotes near here"


def findings_of(data: bytes) -> list[tuple[str, int | None, int | None, str]]:
    with pytest.raises(LoadError) as info:
        load_yaml(data, FILE)
    found = []
    for f in info.value.findings:
        assert f.severity is Severity.ERROR
        assert f.claim is None
        line = None if f.location is None else f.location.line
        column = None if f.location is None else f.location.column
        assert f.location is None or f.location.file == FILE
        found.append((f.code, line, column, f.message))
    return found


def control(code: int) -> str:
    return (
        f"expected printable text, found the control character U+{code:04X}; hint: delete it; "
        f"where a quote of a source holds one, write it as the escape \\u{code:04x} inside "
        "double quotes"
    )


def escaped(code: int, escape: str) -> str:
    return (
        f"expected printable text, found the control character U+{code:04X} written as the "
        f"escape {escape}; hint: delete it (only a quote of a source that holds one may write "
        "it as an escape)"
    )


# --- encoding and raw control characters ---------------------------------------------------


def test_bad_utf8_is_one_finding_at_the_byte() -> None:
    """Bytes that are not UTF-8: yaml.encoding at the bad byte, naming it in hex."""
    assert findings_of(b"a: b\ncd: \xe2\x82") == [
        (
            "yaml.encoding",
            2,
            5,
            "expected UTF-8 text, found byte 0xE2 that is not valid UTF-8; "
            "hint: save the file as UTF-8",
        )
    ]


def test_bad_utf8_after_a_bom_is_placed_as_an_editor_shows_it() -> None:
    """The BOM is no column: a bad byte right after ``a: `` is at column 4."""
    assert [f[:3] for f in findings_of(b"\xef\xbb\xbfa: \xff\n")] == [("yaml.encoding", 1, 4)]


def test_a_bom_is_skipped_only_at_the_start() -> None:
    """A BOM opens the file harmlessly; the same bytes later are text (U+FEFF), kept."""
    assert load_yaml(b"\xef\xbb\xbfa: b\xef\xbb\xbf\n", FILE).root == {"a": "b\ufeff"}


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"a: b\r\nc: \x01\n", 2, 4),  # CRLF is one line break
        (b"a: b\rc: \x01\n", 2, 4),  # a lone CR is one too
        (b"a: b\n\nc: d\x01\n", 3, 5),
        (b"\x01: b\n", 1, 1),
    ],
)
def test_a_raw_control_character_is_placed_as_an_editor_counts(
    data: bytes, line: int, column: int
) -> None:
    """The line of a raw control character counts CRLF, CR and LF each as one break."""
    assert findings_of(data) == [("yaml.control-character", line, column, control(1))]


def test_a_hundred_control_characters_are_listed_then_counted() -> None:
    """Past a hundred, one more finding says how many more there are, at the 101st."""
    data = b"a: " + b"\x01" * 99 + b"\nb: \x02\x03\x04\n"
    found = findings_of(data)
    assert len(found) == 101
    assert found[98] == ("yaml.control-character", 1, 102, control(1))
    assert found[99] == ("yaml.control-character", 2, 4, control(2))
    assert found[100] == (
        "yaml.control-character",
        2,
        5,
        "2 more control characters after this one are not listed",
    )


def test_exactly_a_hundred_control_characters_are_all_listed() -> None:
    """A hundred are listed one by one, with no count after them."""
    found = findings_of(b"a: " + b"\x7f" * 100 + b"\n")
    assert [f[2] for f in found] == list(range(4, 104))
    assert {f[3] for f in found} == {control(0x7F)}


def test_a_hundred_and_one_control_characters_count_one_more() -> None:
    """The 101st is not listed by itself: the count says 1 more."""
    found = findings_of(b"a: " + b"\x7f" * 101 + b"\n")
    assert len(found) == 101
    assert found[-1] == (
        "yaml.control-character",
        1,
        104,
        "1 more control characters after this one are not listed",
    )


@pytest.mark.parametrize(
    ("escape", "code"),
    [("\\b", 0x08), ("\\f", 0x0C), ("\\x0B", 0x0B), ("\\u0085", 0x85), ("\\U0000FFFE", 0xFFFE)],
)
def test_each_escape_of_a_control_character_is_refused(escape: str, code: int) -> None:
    """``\\b``, ``\\f`` and the hex escapes of controls are refused at the backslash."""
    data = f'a: b\nc: "x{escape}y"\n'.encode()
    assert findings_of(data) == [("yaml.control-character", 2, 6, escaped(code, escape))]


@pytest.mark.parametrize("escape", ["\\t", "\\\t", "\\n", "\\_", "\\x41", "\\u00e9", "\\\\"])
def test_escapes_of_printable_characters_load(escape: str) -> None:
    """Tab, newline, NBSP and printable hex escapes are text, not refused."""
    loaded = load_yaml(f'a: "x{escape}"\n'.encode(), FILE).root["a"]
    assert loaded == "x" + yaml.safe_load(f'"{escape}"')


def test_escapes_are_placed_on_their_own_line_and_column() -> None:
    """Several escapes over several lines of one double-quoted scalar each get their place."""
    data = b'a: b\nc: "one \\e\n  two\n   three \\0 \\a"\n'
    assert findings_of(data) == [
        ("yaml.control-character", 2, 9, escaped(0x1B, "\\e")),
        ("yaml.control-character", 4, 10, escaped(0x00, "\\0")),
        ("yaml.control-character", 4, 13, escaped(0x07, "\\a")),
    ]


def test_an_escape_of_a_printable_character_does_not_hide_a_later_one() -> None:
    """Within one scalar, escapes of tab or a letter before an escaped control are passed over."""
    assert findings_of(b'a: "x\\ty\\x41\\ez"\n') == [
        ("yaml.control-character", 1, 13, escaped(0x1B, "\\e"))
    ]


def test_a_quote_may_hold_escaped_controls() -> None:
    """Only the value of a ``quote`` key may hold an escaped control character."""
    doc = load_yaml(b'quote: "a\\eb\\Lc"\nother: {quote: "\\0"}\n', FILE)
    assert doc.root == {"quote": "a\x1bb\u2028c", "other": {"quote": "\x00"}}


def test_a_list_under_a_quote_key_is_no_quote() -> None:
    """An item of a list under ``quote`` is refused like any other string."""
    assert findings_of(b'quote: ["\\e"]\n') == [
        ("yaml.control-character", 1, 10, escaped(0x1B, "\\e"))
    ]


def test_a_single_quoted_or_plain_backslash_is_no_escape() -> None:
    """Backslashes outside double quotes are text: nothing refused."""
    assert load_yaml(b"a: x\\ey\nb: 'x\\0y'\n", FILE).root == {"a": "x\\ey", "b": "x\\0y"}


def test_only_the_escapes_inside_the_refused_scalar_are_reported() -> None:
    """After a double-quoted scalar with an escaped control, later backslashes are not read."""
    data = b'a: "x\\0"\nb: x\\ey\nc: \'x\\ay\'\nd: "ok"\n'
    assert findings_of(data) == [("yaml.control-character", 1, 6, escaped(0, "\\0"))]


# --- structure -------------------------------------------------------------------------------


def test_findings_keep_file_order_around_duplicates() -> None:
    """A duplicate key is reported between the findings before and after it."""
    data = b"a: &x 1\nb: 2\na: 3\nc: !t 4\nb: 5\nd: *x\n"
    assert [(c, li, co) for c, li, co, _ in findings_of(data)] == [
        ("yaml.anchor", 1, 4),
        ("yaml.duplicate-key", 3, 1),
        ("yaml.tag", 4, 4),
        ("yaml.duplicate-key", 5, 1),
        ("yaml.alias", 6, 4),
    ]


def test_duplicate_key_message_names_the_first_occurrence() -> None:
    """The message names the key and where it first stands."""
    data = b"x: 0\nm:\n  a: 1\n  bb: 2\n  bb: 3\n"
    assert findings_of(data) == [
        (
            "yaml.duplicate-key",
            5,
            3,
            "expected each key once in a mapping, found 'bb' again (first at line 4, column 3); "
            "hint: remove one of them or merge their values",
        )
    ]


def test_duplicates_in_two_mappings_name_their_own_first() -> None:
    """Each duplicate is matched with the first occurrence in its own mapping."""
    data = b"m: {k: 1, k: 2}\nn:\n  j: 0\n  k: 1\n  k: 2\n"
    found = findings_of(data)
    assert [(c, li, co) for c, li, co, _ in found] == [
        ("yaml.duplicate-key", 1, 11),
        ("yaml.duplicate-key", 5, 3),
    ]
    assert "(first at line 1, column 5)" in found[0][3]
    assert "(first at line 4, column 3)" in found[1][3]


def test_the_value_of_a_duplicate_key_is_dropped_not_read_as_a_key() -> None:
    """After a duplicate key, its value is skipped and the next key is read as a key."""
    assert [(c, li, co) for c, li, co, _ in findings_of(b"a: 1\nb: 2\na: b\nc: a\n")] == [
        ("yaml.duplicate-key", 3, 1)
    ]


def test_a_duplicate_with_a_container_value_is_dropped_whole() -> None:
    """A duplicate key's list or mapping value is dropped; reading goes on after it."""
    data = b"a: 1\na: [b, {c: d}]\nb: 2\nb: 3\n"
    assert [(c, li, co) for c, li, co, _ in findings_of(data)] == [
        ("yaml.duplicate-key", 2, 1),
        ("yaml.duplicate-key", 4, 1),
    ]


def test_an_alias_used_as_a_key_is_refused_and_its_value_dropped() -> None:
    """``*x: v`` gives the alias finding; the value is not taken for a key."""
    data = b"a: &x k\n*x : a\nb: 1\n"
    assert [(c, li, co) for c, li, co, _ in findings_of(data)] == [
        ("yaml.anchor", 1, 4),
        ("yaml.alias", 2, 1),
    ]


def test_anchor_alias_and_tag_messages() -> None:
    """Anchors, aliases and tags are refused with what was found and the fix."""
    assert findings_of(b"a: &anc [1]\nb: *anc\nc: !!int 3\nd: !local {}\n") == [
        (
            "yaml.anchor",
            1,
            4,
            "expected a plain value, found the anchor &anc; anchors and aliases are not "
            "allowed; hint: write the value out in full",
        ),
        (
            "yaml.alias",
            2,
            4,
            "expected a plain value, found the alias *anc; anchors and aliases are not "
            "allowed; hint: write the value out in full",
        ),
        (
            "yaml.tag",
            3,
            4,
            "expected an untagged value, found the tag !!int; hint: remove the tag, the schema "
            "decides types",
        ),
        (
            "yaml.tag",
            4,
            4,
            "expected an untagged value, found the tag !local; hint: remove the tag, the schema "
            "decides types",
        ),
    ]


def test_an_alias_as_the_whole_document_is_one_alias_finding() -> None:
    """A document that is only an alias gets the alias finding, nothing else."""
    assert [f[:3] for f in findings_of(b"*x\n")] == [("yaml.alias", 1, 1)]


def test_an_anchored_and_tagged_node_gets_both_findings() -> None:
    """A node with both an anchor and a tag is refused for each."""
    assert [(c, li, co) for c, li, co, _ in findings_of(b"a: &x !!str v\nb: &y !!seq []\n")] == [
        ("yaml.anchor", 1, 4),
        ("yaml.tag", 1, 4),
        ("yaml.anchor", 2, 4),
        ("yaml.tag", 2, 4),
    ]


def test_a_tag_with_another_prefix_is_shown_whole() -> None:
    """A tag not under ``tag:yaml.org,2002:`` is shown as resolved."""
    data = b"%TAG !e! tag:example.com,2000:\n---\na: !e!thing x\n"
    assert [f[3] for f in findings_of(data)] == [
        "expected an untagged value, found the tag tag:example.com,2000:thing; hint: remove the "
        "tag, the schema decides types"
    ]


@pytest.mark.parametrize(
    ("data", "what", "column"),
    [(b"? {a: b}\n: 1\n", "mapping", 3), (b"? [a]\n: 1\n", "list", 3)],
)
def test_a_container_key_is_refused_saying_which(data: bytes, what: str, column: int) -> None:
    """A mapping or list used as a key says which it is."""
    assert findings_of(data) == [
        (
            "yaml.non-scalar-key",
            1,
            column,
            f"expected a plain key, found a {what} used as a key; hint: keys are single words "
            "or quoted strings",
        )
    ]


def test_after_a_container_key_its_value_is_dropped_and_reading_goes_on() -> None:
    """The value of a refused key is skipped; the keys after it are read as keys."""
    data = b"? [a]\n: b\nb: 1\nb: 2\n? {c: d}\n: [e]\nf: 1\n"
    assert [(c, li, co) for c, li, co, _ in findings_of(data)] == [
        ("yaml.non-scalar-key", 1, 3),
        ("yaml.duplicate-key", 4, 1),
        ("yaml.non-scalar-key", 5, 3),
    ]


def test_a_container_key_inside_a_list_item_is_refused() -> None:
    """Refused keys are found in nested mappings too, and their siblings kept."""
    data = b"a:\n  - ? [x]\n    : 1\n    y: 2\n    y: 3\n"
    assert [(c, li, co) for c, li, co, _ in findings_of(data)] == [
        ("yaml.non-scalar-key", 2, 7),
        ("yaml.duplicate-key", 5, 5),
    ]


def test_a_second_document_message() -> None:
    """A second document is refused at its marker, with the fix."""
    assert findings_of(b"a: 1\n---\nb: 2\n---\nc: 3\n") == [
        (
            "yaml.multiple-documents",
            2,
            1,
            "expected one YAML document, found a second one here; hint: remove the '---' line "
            "or move this part to another file",
        )
    ]


def test_a_document_marker_before_the_only_document_is_fine() -> None:
    """``---`` opening the one document, and ``...`` closing it, are accepted."""
    assert load_yaml(b"---\na: 1\n...\n", FILE).root == {"a": "1"}


def test_nesting_past_the_limit_message() -> None:
    """Nesting past the limit is refused once, at the first level too deep."""
    data = b"a:\n" + b"  " + b"[" * MAX_DEPTH + b"]" * MAX_DEPTH + b"\n"
    assert findings_of(data) == [
        (
            "yaml.too-deep",
            2,
            2 + MAX_DEPTH,
            f"expected at most {MAX_DEPTH} levels of nested mappings and lists, found deeper "
            "nesting; hint: flatten the structure",
        )
    ]


def test_findings_before_nesting_past_the_limit_are_kept() -> None:
    """Problems found before the nesting limit stand with it."""
    data = b"a: 1\na: 2\nb: " + b"{c: " * MAX_DEPTH + b"d" + b"}" * MAX_DEPTH + b"\n"
    assert [c for c, *_ in findings_of(data)] == ["yaml.duplicate-key", "yaml.too-deep"]


@pytest.mark.parametrize(
    ("data", "line"), [(b"", 1), (b"# comment\n", 1), (b"---\n", 2), (b"--- \n...\n", 2)]
)
def test_empty_message(data: bytes, line: int) -> None:
    """An empty document is refused at its start (after ``---``, where its empty value is)."""
    assert findings_of(data) == [
        (
            "yaml.empty",
            line,
            1,
            "expected a mapping of sources, entities and claims, found an empty document",
        )
    ]


@pytest.mark.parametrize(
    ("data", "found", "line", "column"),
    [
        (b"- a\n", "a list", 1, 1),
        (b"\n  [a]\n", "a list", 2, 3),
        (b"null\n", "null", 1, 1),
        (b"--- ~\n", "null", 1, 5),
        (b"''\n", "a string ('')", 1, 1),
        (b'"null"\n', "a string ('null')", 1, 1),
        (b"x" * 50 + b"\n", f"a string ({'x' * 40!r})", 1, 1),
        (b"|\n  two\n  lines\n", "a string ('two\\nlines\\n')", 1, 1),
    ],
)
def test_not_a_mapping_message(data: bytes, found: str, line: int, column: int) -> None:
    """A top level that is no mapping is refused where it starts, saying what it is."""
    assert findings_of(data) == [
        (
            "yaml.not-a-mapping",
            line,
            column,
            f"expected a mapping (key: value lines) at the top level, found {found}",
        )
    ]


def test_a_top_level_mapping_starts_where_written() -> None:
    """The root's location is its first key, after comments and blank lines."""
    doc = load_yaml(b"# c\n\n   a: 1\n", FILE)
    assert doc.locate(()) == Location(FILE, 3, 4)
    assert doc.locate_key(()) == Location(FILE, 3, 4)


# --- syntax errors ---------------------------------------------------------------------------


@pytest.fixture
def python_events(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read with PyYAML's pure-Python parser (its messages differ from libyaml's)."""
    monkeypatch.setattr(_yaml, "_LOADER", yaml.SafeLoader)


def test_syntax_error_with_context_message(python_events: None) -> None:
    """The problem, then the context and where it starts, then the hint."""
    assert findings_of(b"a: 'x\n") == [
        (
            "yaml.syntax",
            2,
            1,
            "found unexpected end of stream; while scanning a quoted scalar (line 1, column 4); "
            + SYNTAX_HINT,
        )
    ]


def test_syntax_error_without_context_message(python_events: None) -> None:
    """A problem with no context is the problem and the hint."""
    assert findings_of(b"a: b: c\n") == [
        ("yaml.syntax", 1, 5, "mapping values are not allowed here; " + SYNTAX_HINT)
    ]


def test_syntax_error_with_a_context_but_no_context_mark(python_events: None) -> None:
    """A context without a place of its own is named without one."""
    assert findings_of(b"a:\n\t- b\n") == [
        (
            "yaml.syntax",
            2,
            1,
            "found character '\\t' that cannot start any token; while scanning for the next "
            "token; " + SYNTAX_HINT,
        )
    ]


def _raising(exc: Exception) -> Any:
    class Broken(yaml.SafeLoader):
        def get_event(self) -> yaml.Event:
            raise exc

    return Broken


def test_a_marked_error_without_problem_mark_is_placed_at_its_context(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With no problem mark, the context mark places the finding; no problem: "invalid YAML"."""
    mark = yaml.Mark("x", 0, 2, 6, "", 0)
    monkeypatch.setattr(_yaml, "_LOADER", _raising(yaml.MarkedYAMLError("while reading", mark)))
    assert findings_of(b"a: 1\n") == [
        ("yaml.syntax", 3, 7, "invalid YAML; while reading (line 3, column 7); " + SYNTAX_HINT)
    ]


def test_a_marked_error_without_marks_has_no_location(monkeypatch: pytest.MonkeyPatch) -> None:
    """No mark at all: the finding has no location, never a made-up one."""
    error = yaml.MarkedYAMLError(problem="odd")
    monkeypatch.setattr(_yaml, "_LOADER", _raising(error))
    assert findings_of(b"a: 1\n") == [("yaml.syntax", None, None, "odd; " + SYNTAX_HINT)]


@pytest.mark.parametrize(
    ("char", "line", "column"), [("é", 2, 5), ("b", 1, 4), ("a", 1, 1), (":", 1, 2)]
)
def test_a_reader_error_is_placed_at_the_character(
    monkeypatch: pytest.MonkeyPatch, char: str, line: int, column: int
) -> None:
    """PyYAML's reader naming a character: the finding stands at its first occurrence."""
    error = yaml.reader.ReaderError(
        "x", 0, ord(char), "utf-8", "special characters are not allowed"
    )
    monkeypatch.setattr(_yaml, "_LOADER", _raising(error))
    assert findings_of("a: b\r\nc: dé\n".encode()) == [
        ("yaml.syntax", line, column, "special characters are not allowed; " + SYNTAX_HINT)
    ]


@pytest.mark.parametrize("character", [b"\xff", ord("z")])
def test_a_reader_error_without_a_character_in_the_text_has_no_location(
    monkeypatch: pytest.MonkeyPatch, character: int | bytes
) -> None:
    """A byte, or a character the text does not hold, gives no location."""
    error = yaml.reader.ReaderError("x", 0, character, "utf-8", "bad")
    monkeypatch.setattr(_yaml, "_LOADER", _raising(error))
    assert findings_of(b"a: 1\n") == [("yaml.syntax", None, None, "bad; " + SYNTAX_HINT)]


def test_any_other_exception_is_named_in_the_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Anything else PyYAML raises is reported by its type and text, with no location."""
    monkeypatch.setattr(_yaml, "_LOADER", _raising(RecursionError("too much")))
    assert findings_of(b"a: 1\n") == [
        ("yaml.syntax", None, None, "YAML could not be read (RecursionError: too much)")
    ]


def test_the_loader_is_disposed_even_when_reading_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """The event source is released after a failed read as after a good one."""
    disposed: list[bool] = []

    class Tracked(yaml.SafeLoader):
        def dispose(self) -> None:
            disposed.append(True)
            super().dispose()

    monkeypatch.setattr(_yaml, "_LOADER", Tracked)
    load_yaml(b"a: 1\n", FILE)
    with pytest.raises(LoadError):
        load_yaml(b"a: [\n", FILE)
    assert disposed == [True, True]


# --- locations ------------------------------------------------------------------------------


def test_locate_in_a_mapping_of_many_keys() -> None:
    """Keys of a mapping larger than the scan limit are located by index, every one."""
    keys = [f"k{i}" for i in range(40)]
    data = "".join(f"{k}: v{i}\n" for i, k in enumerate(keys)).encode()
    doc = load_yaml(data, FILE)
    for i, k in enumerate(keys):
        assert doc.locate((k,)) == Location(FILE, i + 1, len(k) + 3)
        assert doc.locate_key((k,)) == Location(FILE, i + 1, 1)
    assert doc.locate(("k39",)) == Location(FILE, 40, 6)  # asked again: the index is reused


@pytest.mark.parametrize("size", [15, 16, 17])
def test_locate_at_the_scan_limit(size: int) -> None:
    """Around the scan limit the last key is found at its own line."""
    data = "".join(f"k{i}: [x]\n" for i in range(size)).encode()
    doc = load_yaml(data, FILE)
    assert doc.locate((f"k{size - 1}", 0)) == Location(FILE, size, len(str(size - 1)) + 5)
    assert doc.locate_key((f"k{size - 1}",)) == Location(FILE, size, 1)


def test_locate_after_the_tree_was_changed() -> None:
    """A key added after loading has no place: the mapping's own place is given."""
    doc = load_yaml(b"a: 1\nb:\n  c: 2\n", FILE)
    b = doc.root["b"]
    assert isinstance(b, dict)
    b["new"] = "x"
    assert doc.locate(("b", "new")) == Location(FILE, 3, 3)
    assert doc.locate_key(("b", "new")) == Location(FILE, 3, 3)
    assert doc.locate(("b", "c")) == Location(FILE, 3, 6)


def test_locate_after_a_list_grew() -> None:
    """An item appended after loading has no place: the list's own place is given."""
    doc = load_yaml(b"a:\n  - x\n  - y\n", FILE)
    items = doc.root["a"]
    assert isinstance(items, list)
    items.append("z")
    assert doc.locate(("a", 1)) == Location(FILE, 3, 5)
    assert doc.locate(("a", 2)) == Location(FILE, 2, 3)


@pytest.mark.parametrize(
    ("path", "line", "column"),
    [
        (("a", True), 2, 3),  # a bool is no index
        (("a", "0"), 2, 3),  # a string is no index
        (("m", 0), 5, 3),  # an index is no key
        (("a", 1, "k"), 3, 5),  # below a string: the string
        (("a", 0, "k", "deeper"), 2, 8),
    ],
)
def test_locate_stops_at_a_step_that_does_not_fit(
    path: tuple[str | int, ...], line: int, column: int
) -> None:
    """A step of the wrong kind ends the walk at the node reached so far."""
    doc = load_yaml(b"a:\n  - k: v\n  - s\nm:\n  0: z\n", FILE)
    assert doc.locate(path) == Location(FILE, line, column)


def test_locate_key_after_an_index_is_the_item() -> None:
    """A path through a key then an index ends at the item, not at the key before it."""
    doc = load_yaml(b"a:\n  - x\n  - {k: v}\n", FILE)
    assert doc.locate_key(("a", 1)) == Location(FILE, 3, 5)
    assert doc.locate_key(("a", 1, "k")) == Location(FILE, 3, 6)
    assert doc.locate_key(("a", 1, "nope")) == Location(FILE, 3, 5)


def test_locate_key_of_a_missing_key_is_the_mapping_not_an_earlier_key() -> None:
    """When the walk stops early, the place of the last node reached is given, never a key."""
    doc = load_yaml(b"a:\n  b: {c: d}\n", FILE)
    assert doc.locate_key(("a", "b", "x")) == Location(FILE, 2, 6)
    assert doc.locate_key(("a", "b", "c", "x")) == Location(FILE, 2, 10)  # below a string
    assert doc.locate_key(("a", "b")) == Location(FILE, 2, 3)


def test_positions_past_the_first_line_and_column_are_kept_apart() -> None:
    """Line and column are stored together; a long line's column never spills into the line."""
    data = b"a: " + b" " * 300 + b"[x]\n" + b"b:\n" * 0 + b"c: y\n"
    doc = load_yaml(data, FILE)
    assert doc.locate(("a", 0)) == Location(FILE, 1, 305)
    assert doc.locate(("c",)) == Location(FILE, 2, 4)


def test_a_finding_is_an_error_finding() -> None:
    """Every finding of the loader is an error with no claim."""
    (f,) = raised(b"- a\n")
    assert f == Finding(
        "yaml.not-a-mapping",
        Severity.ERROR,
        "expected a mapping (key: value lines) at the top level, found a list",
        location=Location(FILE, 1, 1),
    )


def raised(data: bytes) -> tuple[Finding, ...]:
    with pytest.raises(LoadError) as info:
        load_yaml(data, FILE)
    return tuple(info.value.findings)
