"""Strict, fast, safe YAML: strictyaml's guarantees on PyYAML's C event stream.

The loader reads PyYAML's *events* (never its composer or constructor) and
builds plain ``dict`` / ``list`` / ``str`` / ``None`` trees with an iterative
builder.  Every scalar stays the string it was written as; only a plain empty
scalar, ``~``, ``null``, ``Null`` or ``NULL`` becomes ``None``.  Anchors,
aliases, tags, duplicate keys, several documents, control characters, bad
UTF-8 and deep nesting are refused with findings that carry file:line:col.

Positions are kept off the tree, in a side table keyed by ``id(container)``:
one ``array('Q')`` per container holding packed ``line << 32 | column``
(0-based, as PyYAML marks are) of each child value, and of each key before
its value for mappings.  Dicts keep insertion order, so the i-th key's
entries sit at ``2 * i`` and ``2 * i + 1``.  The tree must not be mutated
while its :class:`Document` is used to locate nodes.
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Any, Final

import yaml

from carsi_claims._gc import paused
from carsi_claims.errors import LoadError
from carsi_claims.findings import LINE_BREAK, Finding, Location, Severity, decode_error_location

__all__ = ["MAX_DEPTH", "Document", "load_yaml"]

MAX_DEPTH: Final = 64
"""Deepest nesting of mappings and sequences accepted (the schema needs < 10)."""

_LOADER: Final[Any] = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
_NULLS: Final = frozenset({"", "~", "null", "Null", "NULL"})
_BOM: Final = b"\xef\xbb\xbf"
# C0 except tab, LF, CR; DEL; C1 (NEL among them); the line and paragraph separators
# U+2028 and U+2029 (libyaml would read them as line breaks, folding them away and
# counting lines unlike any editor); and the two non-characters YAML forbids.
_CONTROL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# What a loaded string may not hold, however it was written (an escape such as "\0",
# "\e", "\r", "\L" or "\u2028" in double quotes): C0 but tab and LF, DEL, C1, U+2028,
# U+2029 and the non-characters.  Only a ``quote`` may hold one, escaped, where the
# source it quotes has one (the provenance check compares it with the source).
_LOADED_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_QUOTE_KEY: Final = "quote"
# A backslash escape of a double-quoted scalar, and what the one-letter escapes mean.
_ESCAPE: Final = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_ESCAPED: Final = {
    "0": "\x00",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
# Lines as an editor counts them (the loader refuses U+0085, U+2028 and U+2029 raw).
_EDITOR_LINE_BREAK: Final = re.compile("\r\n|[\r\n]")
# The same characters in the UTF-8 bytes, once printable ASCII, tab, LF and CR are
# deleted (bytes.translate: ~25x faster than scanning the text with _CONTROL).  In
# valid UTF-8 what is left is whole multi-byte sequences and control bytes, so a
# C1 character is \xc2 then \x80-\x9f, U+2028/U+2029 are \xe2\x80\xa8/\xa9, and
# U+FFFE/U+FFFF are \xef\xbf\xbe/\xbf.
_PLAIN_BYTES: Final = bytes([9, 10, 13, *range(32, 127)])
_CONTROL_UTF8: Final = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]|\xef\xbf[\xbe\xbf]"
)
_MAX_LISTED: Final = 100
_SCAN_KEYS: Final = 16  # up to this many keys a mapping is scanned for a key's position
_MASK: Final = (1 << 32) - 1


class _Sentinel:
    """A marker for the builder's pending-key state."""

    __slots__ = ()


_NO_KEY: Final = _Sentinel()  # the mapping expects a key next
_DISCARD: Final = _Sentinel()  # the next value belongs to a refused key: drop it
_BAD_KEY: Final = _Sentinel()  # a container is being read in key position


class Document:
    """A loaded YAML file: the plain tree and where each of its nodes stands."""

    __slots__ = ("_keys", "_marks", "_root_mark", "file", "root")

    def __init__(
        self, file: str, root: dict[str, object], marks: dict[int, array[int]], root_mark: int
    ) -> None:
        self.file = file
        self.root = root
        self._marks = marks
        self._root_mark = root_mark
        self._keys: dict[int, dict[str, int]] = {}  # a large mapping's key positions, once

    def _key_index(self, node: dict[str, object], step: str) -> int:
        """The position of ``step`` among ``node``'s keys: looked up, not scanned, when large."""
        if len(node) <= _SCAN_KEYS:
            return next(i for i, k in enumerate(node) if k == step)
        keys = self._keys.get(id(node))
        if keys is None:
            keys = self._keys[id(node)] = {k: i for i, k in enumerate(node)}
        return keys[step]

    def locate(self, path: Sequence[str | int]) -> Location:
        """Where the node at ``path`` starts, or the deepest existing node on the path."""
        return self._find(path, key=False)

    def locate_key(self, path: Sequence[str | int]) -> Location:
        """Where the key itself stands when ``path`` ends in a mapping key, else :meth:`locate`."""
        return self._find(path, key=True)

    def _find(self, path: Sequence[str | int], *, key: bool) -> Location:
        node: object = self.root
        mark = self._root_mark
        key_mark = -1
        for step in path:
            marks = self._marks.get(id(node))
            if marks is None:
                break
            if isinstance(node, dict):
                if not isinstance(step, str) or step not in node:
                    break
                i = self._key_index(node, step)
                if 2 * i + 1 >= len(marks):  # the tree was changed after loading
                    break
                key_mark, mark, node = marks[2 * i], marks[2 * i + 1], node[step]
            elif (
                isinstance(node, list)
                and isinstance(step, int)
                and not isinstance(step, bool)
                and 0 <= step < min(len(node), len(marks))
            ):
                key_mark, mark, node = -1, marks[step], node[step]
            else:
                break
        else:
            if key and key_mark >= 0:
                mark = key_mark
        return _at(self.file, mark)


def load_yaml(data: bytes, file: str) -> Document:
    """Load one strict YAML document whose top level is a mapping; raise LoadError otherwise."""
    text = _decode(data, file)
    found = (
        _control_characters(text, file)
        if _CONTROL_UTF8.search(data.translate(None, _PLAIN_BYTES))
        else []
    )
    if found:
        raise LoadError(found)
    findings: list[Finding] = []
    duplicates: list[_Duplicate] = []
    marks: dict[int, array[int]] = {}
    loader = _LOADER(text)
    try:
        with paused():
            root, root_mark, raw = _build(loader.get_event, marks, findings, duplicates, file, text)
    finally:
        loader.dispose()
    if duplicates:
        findings = _with_duplicates(findings, duplicates, file)
    if not findings and not isinstance(root, dict):
        findings.append(_top_level(root, raw, root_mark, file))
    if findings:
        raise LoadError(findings)
    assert isinstance(root, dict)
    return Document(file, root, marks, root_mark)


def _error(code: str, message: str, loc: Location | None) -> Finding:
    return Finding(code=code, severity=Severity.ERROR, message=message, location=loc)


def _at(file: str, mark: int) -> Location:
    return Location(file, (mark >> 32) + 1, (mark & _MASK) + 1)


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in LINE_BREAK.finditer(text))]


def _offset_location(file: str, starts: list[int], offset: int) -> Location:
    line = bisect_right(starts, offset)
    return Location(file, line, offset - starts[line - 1] + 1)


def _decode(data: bytes, file: str) -> str:
    """Decode strictly as UTF-8 (a leading BOM is skipped), or report the first bad byte."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        loc = decode_error_location(data, exc, file)
        msg = (
            f"expected UTF-8 text, found byte 0x{data[exc.start]:02X} that is not valid UTF-8; "
            "hint: save the file as UTF-8"
        )
        raise LoadError([_error("yaml.encoding", msg, loc)]) from None


def _control_characters(text: str, file: str) -> list[Finding]:
    """Every control character in the text (the first hundred listed, then a count)."""
    if _CONTROL.search(text) is None:
        return []
    starts = [0, *(m.end() for m in _EDITOR_LINE_BREAK.finditer(text))]
    hits = [m.start() for m in _CONTROL.finditer(text)]
    found = []
    for offset in hits[:_MAX_LISTED]:
        code = ord(text[offset])
        msg = (
            f"expected printable text, found the control character U+{code:04X}; "
            "hint: delete it; where a quote of a source holds one, write it as the escape "
            f"\\u{code:04x} inside double quotes"
        )
        found.append(_error("yaml.control-character", msg, _offset_location(file, starts, offset)))
    if len(hits) > _MAX_LISTED:
        msg = f"{len(hits) - _MAX_LISTED} more control characters after this one are not listed"
        loc = _offset_location(file, starts, hits[_MAX_LISTED])
        found.append(_error("yaml.control-character", msg, loc))
    return found


def _escaped_controls(ev: Any, text: str, file: str) -> list[Finding]:
    """Each escape of a double-quoted scalar that makes a control character, at its place."""
    start, end = ev.start_mark.index, ev.end_mark.index
    line, line_start = ev.start_mark.line + 1, start - ev.start_mark.column
    found: list[Finding] = []
    for m in _ESCAPE.finditer(text, start, end):
        escape = m.group()
        body = escape[1:]
        char = _ESCAPED.get(body) if len(body) == 1 else chr(int(body[1:], 16))
        if char is None or _LOADED_CONTROL.fullmatch(char) is None:
            continue
        for brk in _EDITOR_LINE_BREAK.finditer(text, line_start, m.start()):
            line, line_start = line + 1, brk.end()
        msg = (
            f"expected printable text, found the control character U+{ord(char):04X} written "
            f"as the escape {escape}; hint: delete it (only a quote of a source that holds "
            "one may write it as an escape)"
        )
        where = Location(file, line, m.start() - line_start + 1)
        found.append(_error("yaml.control-character", msg, where))
    return found


def _syntax(exc: Exception, file: str, text: str) -> Finding:
    """Turn whatever PyYAML raised into a ``yaml.syntax`` finding."""
    hint = "hint: check the indentation, colons, dashes and quotes near here"
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        loc = None if mark is None else Location(file, mark.line + 1, mark.column + 1)
        words = [exc.problem or "invalid YAML"]
        if exc.context:
            cm = exc.context_mark
            where = f" (line {cm.line + 1}, column {cm.column + 1})" if cm else ""
            words.append(f"{exc.context}{where}")
        return _error("yaml.syntax", f"{'; '.join(words)}; {hint}", loc)
    if isinstance(exc, yaml.reader.ReaderError):
        offset = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        loc = None if offset < 0 else _offset_location(file, _line_starts(text), offset)
        return _error("yaml.syntax", f"{exc.reason}; {hint}", loc)
    return _error("yaml.syntax", f"YAML could not be read ({type(exc).__name__}: {exc})", None)


def _top_level(root: object, raw: str | None, mark: int, file: str) -> Finding:
    if root is None and raw in (None, ""):
        msg = "expected a mapping of sources, entities and claims, found an empty document"
        return _error("yaml.empty", msg, _at(file, mark))
    what = "a list" if isinstance(root, list) else "null" if root is None else "a string"
    if isinstance(root, str):
        what = f"a string ({root[:40]!r})"
    msg = f"expected a mapping (key: value lines) at the top level, found {what}"
    return _error("yaml.not-a-mapping", msg, _at(file, mark))


def _node_properties(ev: Any, pos: int, findings: list[Finding], file: str) -> None:
    """Refuse the anchor and the tag of a node event."""
    if ev.anchor is not None:
        msg = (
            f"expected a plain value, found the anchor &{ev.anchor}; anchors and aliases are "
            "not allowed; hint: write the value out in full"
        )
        findings.append(_error("yaml.anchor", msg, _at(file, pos)))
    if ev.tag is not None:
        msg = (
            f"expected an untagged value, found the tag {_short_tag(ev.tag)}; "
            "hint: remove the tag, the schema decides types"
        )
        findings.append(_error("yaml.tag", msg, _at(file, pos)))


def _short_tag(tag: str) -> str:
    """``tag:yaml.org,2002:str`` back to ``!!str`` as it was most likely written."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


#: A duplicate key met while building: (how many findings came before it, the
#: mapping, its marks, the key, the packed mark of the second occurrence).
_Duplicate = tuple[int, dict[str, object], "array[int]", str, int]


def _with_duplicates(
    findings: list[Finding], duplicates: list[_Duplicate], file: str
) -> list[Finding]:
    """``findings`` with a ``yaml.duplicate-key`` finding for each duplicate, in file order.

    The first occurrence of a key is looked up once the tree is built, in an
    index of its mapping's keys made once per mapping (not by scanning the
    mapping for each duplicate).
    """
    positions: dict[int, dict[str, int]] = {}
    out: list[Finding] = []
    done = 0
    for before, mapping, marks, key, pos in duplicates:
        out.extend(findings[done:before])
        done = before
        index = positions.get(id(mapping))
        if index is None:
            index = positions[id(mapping)] = {k: i for i, k in enumerate(mapping)}
        first = _at(file, marks[2 * index[key]])
        msg = (
            f"expected each key once in a mapping, found {key!r} again "
            f"(first at line {first.line}, column {first.column}); "
            "hint: remove one of them or merge their values"
        )
        out.append(_error("yaml.duplicate-key", msg, _at(file, pos)))
    out.extend(findings[done:])
    return out


def _build(
    get: Callable[[], Any],
    table: dict[int, array[int]],
    findings: list[Finding],
    duplicates: list[_Duplicate],
    file: str,
    text: str,
) -> tuple[object, int, str | None]:
    """Read events into a tree; return (root, packed root mark, raw root scalar or None).

    Collects refusable problems in ``findings`` and goes on; stops at a syntax
    error, a second document or too deep nesting.
    """
    scalar_ev, alias_ev = yaml.ScalarEvent, yaml.AliasEvent
    map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    doc_start, stream_end = yaml.DocumentStartEvent, yaml.StreamEndEvent
    nulls = _NULLS
    intern = sys.intern
    no_key, discard = _NO_KEY, _DISCARD
    stack: list[tuple[Any, Any, bool, object, int, int]] = []
    cur: Any = None  # the container being filled: dict, list, or None at the top
    cur_marks: Any = None
    is_map = False
    key: object = no_key
    key_mark = 0
    root: object = None
    root_mark = 0
    raw: str | None = None
    documents = 0
    value: object
    try:
        while True:
            ev = get()
            cls = ev.__class__
            if cls is scalar_ev or cls is alias_ev:
                m = ev.start_mark
                pos = m.line << 32 | m.column
                if cls is alias_ev:
                    msg = (
                        f"expected a plain value, found the alias *{ev.anchor}; anchors and "
                        "aliases are not allowed; hint: write the value out in full"
                    )
                    findings.append(_error("yaml.alias", msg, _at(file, pos)))
                    value = None
                else:
                    if ev.anchor is not None or ev.tag is not None:
                        _node_properties(ev, pos, findings, file)
                    value = ev.value
                    if ev.style == '"' and _LOADED_CONTROL.search(ev.value) is not None:
                        quote = is_map and key == _QUOTE_KEY  # a key is never a quote
                        if not quote:
                            findings.extend(_escaped_controls(ev, text, file))
                    if is_map and key is no_key:
                        if value in cur:
                            duplicates.append((len(findings), cur, cur_marks, ev.value, pos))
                            key = discard
                        else:
                            key, key_mark = intern(ev.value), pos
                        continue
                    if not ev.style and value in nulls:
                        value = None
                if cur is None:
                    root, root_mark, raw = value, pos, ev.value if cls is scalar_ev else None
                elif not is_map:
                    cur.append(value)
                    cur_marks.append(pos)
                elif key is no_key:  # an alias as a key
                    key = discard
                else:
                    if key is not discard:
                        cur[key] = value
                        cur_marks.append(key_mark)
                        cur_marks.append(pos)
                    key = no_key
            elif cls is map_start or cls is seq_start:
                m = ev.start_mark
                pos = m.line << 32 | m.column
                if len(stack) >= MAX_DEPTH:
                    msg = (
                        f"expected at most {MAX_DEPTH} levels of nested mappings and lists, "
                        "found deeper nesting; hint: flatten the structure"
                    )
                    findings.append(_error("yaml.too-deep", msg, _at(file, pos)))
                    return None, 0, None
                if ev.anchor is not None or ev.tag is not None:
                    _node_properties(ev, pos, findings, file)
                if is_map and key is no_key:
                    msg = (
                        "expected a plain key, found a "
                        f"{'mapping' if cls is map_start else 'list'} used as a key; "
                        "hint: keys are single words or quoted strings"
                    )
                    findings.append(_error("yaml.non-scalar-key", msg, _at(file, pos)))
                    key = _BAD_KEY
                stack.append((cur, cur_marks, is_map, key, key_mark, pos))
                cur = {} if cls is map_start else []
                cur_marks = table[id(cur)] = array("Q")
                is_map, key = cls is map_start, no_key
            elif cls is map_end or cls is seq_end:
                done = cur
                cur, cur_marks, is_map, key, key_mark, pos = stack.pop()
                if cur is None:
                    root, root_mark = done, pos
                elif not is_map:
                    cur.append(done)
                    cur_marks.append(pos)
                elif key is _BAD_KEY:
                    key = discard
                else:
                    if key is not discard:
                        cur[key] = done
                        cur_marks.append(key_mark)
                        cur_marks.append(pos)
                    key = no_key
            elif cls is doc_start:
                documents += 1
                if documents > 1:
                    msg = (
                        "expected one YAML document, found a second one here; "
                        "hint: remove the '---' line or move this part to another file"
                    )
                    findings.append(_error("yaml.multiple-documents", msg, _at_mark(file, ev)))
                    return None, 0, None
            elif cls is stream_end:
                break
    except Exception as exc:  # PyYAML raises YAMLError, and ValueError & co on odd input
        findings.append(_syntax(exc, file, text))
        return None, 0, None
    if documents == 0:
        return None, 0, None
    return root, root_mark, raw


def _at_mark(file: str, ev: Any) -> Location:
    return Location(file, ev.start_mark.line + 1, ev.start_mark.column + 1)
