"""Writing resolution pins: the fingerprints of the claims a resolution was reviewed for.

A resolution's ``pins`` record the meaning fingerprint of each claim it names
at the time someone reviewed it; ``validate`` reports the resolution as
stale when one of those claims changes meaning (:mod:`carsi_claims.checks.meaning`).
Pinning is a reviewer's act on the claims file, so it is its own command
(``carsi-claims pin``), not a side effect of ``carsi-claims lock``, which
writes only ``claims.lock``.

The claims file is edited by hand and keeps its comments and layout, so
:func:`pin_resolutions` edits its text in place: it replaces a resolution's
``pins:`` block, or adds one after the resolution's last line, written as

.. code-block:: yaml

    pins:
      - claim: carsi.example
        fingerprint: "m1:..."

It then reads the edited text back and writes it (atomically) only when
every record is what it was except the pins it meant to write.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from carsi_claims.analysis.meaning import fingerprints
from carsi_claims.dataset import Dataset
from carsi_claims.model import Pin, Resolution

__all__ = ["PinUpdate", "pin_resolutions", "pins_block", "wanted_pins"]

Meanings = Mapping[str, tuple[str, str]]
Target = tuple[Resolution, tuple[Pin, ...]]


@attrs.frozen
class PinUpdate:
    """What :func:`pin_resolutions` did: the resolutions it pinned, or why it refused."""

    path: Path
    pinned: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return not self.unknown and self.problem is None


def wanted_pins(resolution: Resolution, meanings: Meanings) -> tuple[Pin, ...]:
    """The pins of ``resolution``'s claims as ``meanings`` has them (unknown claims left out).

    ``meanings`` maps claim ids to (fingerprint, canonical JSON), as
    :func:`carsi_claims.analysis.meaning.fingerprints` returns.
    """
    return tuple(
        Pin(claim_id, meanings[claim_id][0])
        for claim_id in resolution.claims
        if claim_id in meanings
    )


def pins_block(pins: Sequence[Pin], indent: int, newline: str = "\n") -> str:
    """The ``pins:`` block as written into the claims file, its key at ``indent`` spaces."""
    pad = " " * indent
    lines = [f"{pad}pins:"]
    for pin in pins:
        lines += [f"{pad}  - claim: {pin.claim}", f'{pad}    fingerprint: "{pin.fingerprint}"']
    return newline.join(lines) + newline


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _trim(lines: list[str], start: int, end: int) -> int:
    """``end`` moved back over blank and comment lines, never before ``start``."""
    while end > start and _blank_or_comment(lines[end - 1]):
        end -= 1
    return end


def _block_end(lines: list[str], first: int, indent: int, *, key: bool) -> int:
    """The index after the last line of a mapping (or, with ``key``, of one key's value).

    A mapping's lines are those indented at least as far as its keys; a key's
    value lines are indented further, or are list items at the key's indent.
    """
    end = first + 1
    while end < len(lines):
        line = lines[end]
        if line.strip():
            depth = _indent(line)
            if key:
                item = depth == indent and line.lstrip(" ").startswith("-")
                if depth < indent or (depth == indent and not item):
                    break
            elif depth < indent:
                break
        end += 1
    return _trim(lines, first + 1, end)


def _edit(text: str, dataset: Dataset, targets: Sequence[Target]) -> str:
    """``text`` with each target resolution's pins block replaced or added."""
    assert dataset.document is not None
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    edits: list[tuple[int, int, str]] = []
    for res, pins in targets:
        path = dataset.paths[id(res)]
        where = dataset.document.locate(path)
        first, indent = where.line - 1, where.column - 1
        if not lines[first][indent:].startswith("id:"):
            raise _CannotPlace(res.id)
        key = dataset.document.locate_key((*path, "pins"))
        if key != where:  # a pins key, even `pins: []` (a missing key locates the resolution)
            at = key.line - 1
            if key.column - 1 != indent or not lines[at][indent:].startswith("pins:"):
                raise _CannotPlace(res.id)
            edits.append(
                (at, _block_end(lines, at, indent, key=True), pins_block(pins, indent, newline))
            )
        else:
            end = _block_end(lines, first, indent, key=False)
            edits.append((end, end, pins_block(pins, indent, newline)))
    for start, end, block in sorted(edits, reverse=True):
        lines[start:end] = [block]
    return "".join(lines)


class _CannotPlace(Exception):
    """The resolution is not written in the block style this writer edits."""


def _reads_back(text: str, dataset: Dataset, expected: dict[int, tuple[Pin, ...]]) -> bool:
    """Whether ``text`` holds the dataset's records, with the expected pins and nothing else new."""
    from carsi_claims.errors import LoadError
    from carsi_claims.read.strict_yaml import load_yaml
    from carsi_claims.read.structure import TOP_LEVEL, structure_records

    try:
        document = load_yaml(text.encode("utf-8"), dataset.file or "claims.yaml")
    except LoadError:
        return False
    records, problems = structure_records(document.root)
    if problems:
        return False
    for section in TOP_LEVEL:
        before: list[Any] = list(getattr(dataset, section))
        if section == "resolutions":
            before = [
                attrs.evolve(r, pins=expected[i]) if i in expected else r
                for i, r in enumerate(before)
            ]
        if [r for _, r in records[section]] != before:
            return False
    return True


def pin_resolutions(
    dataset: Dataset, which: Iterable[str] | None = None, *, every: bool = False
) -> PinUpdate:
    """Pin resolutions to their claims' current fingerprints, in the claims file itself.

    ``which`` names the resolutions to (re-)pin after review; without it,
    ``every`` re-pins all of them, and otherwise only those with no pins are
    pinned.  Writes nothing when a named resolution does not exist or when the
    edit cannot be made safely (the returned :class:`PinUpdate` says why).
    """
    if dataset.file is None or dataset.document is None:
        raise ValueError("the dataset was not read from a file: there is no file to pin in")
    path = Path(dataset.file)
    by_id = {r.id: i for i, r in enumerate(dataset.resolutions)}
    if which is not None:
        names = list(dict.fromkeys(which))
        unknown = tuple(n for n in names if n not in by_id)
        if unknown:
            return PinUpdate(path, unknown=unknown)
        chosen = [by_id[n] for n in names]
    else:
        chosen = [i for i, r in enumerate(dataset.resolutions) if every or not r.pins]
    expected: dict[int, tuple[Pin, ...]] = {}
    meanings = fingerprints(dataset.claims)
    for i in chosen:
        pins = wanted_pins(dataset.resolutions[i], meanings)
        if pins != dataset.resolutions[i].pins:
            expected[i] = pins
    if not expected:
        return PinUpdate(path)
    targets = [(dataset.resolutions[i], pins) for i, pins in sorted(expected.items())]
    text = path.read_bytes().decode("utf-8")
    try:
        edited = _edit(text, dataset, targets)
    except _CannotPlace as exc:
        return PinUpdate(path, problem=_by_hand(str(exc), targets))
    if not _reads_back(edited, dataset, expected):
        return PinUpdate(path, problem=_by_hand(None, targets))
    from carsi_claims._atomic import write_text

    write_text(path, edited)
    return PinUpdate(path, tuple(res.id for res, _ in targets))


def _by_hand(res_id: str | None, targets: Sequence[Target]) -> str:
    which = f"resolution {res_id!r} is" if res_id else "the resolutions are"
    blocks = "".join(f"# {res.id}\n{pins_block(pins, 4)}" for res, pins in targets)
    return (
        f"cannot place the pins safely: {which} not written in the block style this command "
        f"edits; add these under each resolution by hand:\n{blocks}"
    )
