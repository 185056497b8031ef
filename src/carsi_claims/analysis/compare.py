"""One list or one property as each source gives it, side by side, differences marked.

:func:`compare` lays out the active claims of one list (by list id: a row per
ordinal, and a ``count`` row for the claims that count the list) or of one
property (a row per question: subject, scope and time) in a grid whose columns
are the sources that give any of them, in file order.  In each row the
*reference* is the text (or value) that most sources give (on a tie, the one
given by the earliest column); every cell says whether it gives the reference,
differs from it in typography or punctuation only, or differs in words, and
for texts carries the word diff against the reference in the source's own
words (:func:`carsi_claims.analysis.wording.marked_diff`).
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

import attrs

from carsi_claims.analysis.wording import marked_diff, words_of
from carsi_claims.errors import CarsiClaimsError
from carsi_claims.model import Claim, Count, ListItem, Quotation, Statement, Status
from carsi_claims.text import closest

if TYPE_CHECKING:
    from carsi_claims.dataset import Dataset

__all__ = [
    "Cell",
    "Comparison",
    "Difference",
    "Mode",
    "Row",
    "UnknownNameError",
    "compare",
    "names",
]

_COUNT_ROW: Final = "count"


class UnknownNameError(CarsiClaimsError, LookupError):
    """The name given to :func:`compare` is neither a list id nor a property."""


class Mode(enum.StrEnum):
    """What was compared: the items of a list, or the answers to a property."""

    LIST = "list"
    PROPERTY = "property"


class Difference(enum.StrEnum):
    """How a cell stands to its row's reference."""

    SAME = "same"
    TYPOGRAPHY = "typography"
    DIFFERENT = "different"


@attrs.frozen
class Cell:
    """What one source gives for one row: the text, its claims, and how it differs."""

    source: str
    claims: tuple[str, ...]
    text: str
    variant: int
    difference: Difference
    diff: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "claims": list(self.claims),
            "text": self.text,
            "variant": self.variant,
            "difference": self.difference.value,
            "diff": self.diff,
        }


@attrs.frozen
class Row:
    """One item (or question): the distinct texts given (reference first) and the cells."""

    key: str
    label: str
    variants: tuple[str, ...]
    cells: tuple[Cell | None, ...]

    @property
    def differs(self) -> bool:
        """Whether any source gives something other than the reference."""
        return len(self.variants) > 1

    def to_dict(self, sources: Sequence[str]) -> dict[str, object]:
        return {
            "key": self.key,
            "label": self.label,
            "variants": list(self.variants),
            "differs": self.differs,
            "cells": {
                s: (None if c is None else c.to_dict())
                for s, c in zip(sources, self.cells, strict=True)
            },
        }


@attrs.frozen
class Comparison:
    """A list or property across the sources (columns) that give it."""

    name: str
    mode: Mode
    sources: tuple[str, ...]
    rows: tuple[Row, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "mode": self.mode.value,
            "sources": list(self.sources),
            "rows": [r.to_dict(self.sources) for r in self.rows],
        }


def names(dataset: Dataset) -> tuple[set[str], set[str]]:
    """The list ids and the properties of the dataset's active claims."""
    lists: set[str] = set()
    properties: set[str] = set()
    for c in dataset.claims:
        if c.status is Status.ACTIVE:
            properties.add(c.property)
            if isinstance(c.value, ListItem):
                lists.add(c.value.list)
    return lists, properties


def _text(claim: Claim) -> str:
    from carsi_claims.analysis.conflicts import describe_value

    v = claim.value
    if isinstance(v, Quotation | Statement | ListItem):
        return v.text
    return describe_value(claim)


def compare(dataset: Dataset, name: str) -> Comparison:
    """``name``'s items (a list id) or answers (a property) as each source gives them.

    Raises :class:`UnknownNameError` (a ``LookupError``) when ``name`` is
    neither, naming the closest list id or property.
    """
    lists, properties = names(dataset)
    active = [c for c in dataset.claims if c.status is Status.ACTIVE]
    rows: dict[str, list[Claim]] = defaultdict(list)
    labels: dict[str, str] = {}
    if name in lists:
        mode = Mode.LIST
        for c in active:
            v = c.value
            if isinstance(v, ListItem) and v.list == name:
                rows[str(v.ordinal)].append(c)
                labels[str(v.ordinal)] = f"item {v.ordinal}"
            elif isinstance(v, Count) and v.list == name:
                rows[_COUNT_ROW].append(c)
                labels[_COUNT_ROW] = "number of items"
        order = sorted(rows, key=lambda k: (k != _COUNT_ROW, int(k) if k.isdigit() else 0))
    elif name in properties:
        mode = Mode.PROPERTY
        from carsi_claims.analysis.conflicts import describe_question

        for c in active:
            if c.property == name:
                label = describe_question(c, with_property=False)
                rows[label].append(c)
                labels[label] = label
        order = sorted(rows)
    else:
        suggestion = closest(name, sorted(lists | properties))
        hint = f"; did you mean {suggestion!r}?" if suggestion else ""
        raise UnknownNameError(f"{name!r} is neither a list id nor a property of any claim{hint}")
    given = {p.source for key in order for c in rows[key] for p in c.provenance}
    sources = tuple(s.id for s in dataset.sources if s.id in given)
    return Comparison(
        name, mode, sources, tuple(_row(k, labels[k], rows[k], sources) for k in order)
    )


def _row(key: str, label: str, claims: Sequence[Claim], sources: Sequence[str]) -> Row:
    by_source: dict[str, list[Claim]] = defaultdict(list)
    for c in sorted(claims, key=lambda c: c.id):
        for s in dict.fromkeys(p.source for p in c.provenance):
            by_source[s].append(c)
    texts = {s: " / ".join(dict.fromkeys(_text(c) for c in cs)) for s, cs in by_source.items()}
    votes: dict[str, list[int]] = defaultdict(list)
    for column, s in enumerate(sources):
        if s in texts:
            votes[texts[s]].append(column)
    ranked = sorted(votes, key=lambda t: (-len(votes[t]), votes[t][0]))
    reference = ranked[0]
    variant_of = {t: i for i, t in enumerate(ranked)}
    diffable = all(isinstance(c.value, Quotation | Statement | ListItem) for c in claims)
    cells: list[Cell | None] = []
    for s in sources:
        if s not in texts:
            cells.append(None)
            continue
        text = texts[s]
        if text == reference:
            difference, diff = Difference.SAME, None
        else:
            same_words = words_of(text) == words_of(reference)
            difference = Difference.TYPOGRAPHY if same_words else Difference.DIFFERENT
            diff = marked_diff(reference, text) if diffable else None
        ids = tuple(c.id for c in by_source[s])
        cells.append(Cell(s, ids, text, variant_of[text], difference, diff))
    return Row(key, label, tuple(ranked), tuple(cells))
