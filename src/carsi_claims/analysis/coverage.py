"""Coverage of the sources: every figure a source mentions is tracked.

A *mention* is a figure that :func:`carsi_claims.analysis.figures.find_figures` finds
in a source's text: money, a percentage, a count, a date, fiscal years, or an
attributed quotation.  Quotations are scanned apart from the other kinds, so
a figure inside a quotation is a mention of its own.

A mention is **covered** when it lies wholly inside the span
``[start, end)`` of some claim's provenance entry in that source.  When an
entry's offsets are wrong (``text[start:end] != quote``, the provenance
check's finding), its span is wherever the quote does stand in the text, so
one mistake is not reported twice.  Retracted claims count: they stay in the
file, so what they quote stays tracked.

A mention is **ignored** when it lies wholly inside *any* occurrence of the
quote of a ``coverage_ignores`` entry of that source (every occurrence, not
only the first: an ignore says "this wording is not a claim", wherever it
stands).  An ignore entry is **stale** when its quote does not occur in the
source, when no mention lies inside it, or when every mention inside it is
covered by a claim anyway (then the entry is dead weight: remove it).

Everything here is linear in the length of the texts, up to sorting: the
patterns of :mod:`carsi_claims.analysis.figures` are bounded, and matching mentions to
spans is a sweep over sorted lists.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Final

import attrs

from carsi_claims._paths import display_path
from carsi_claims._records import Record
from carsi_claims.analysis.figures import NUMERIC_KINDS, Figure, FigureKind, find_figures
from carsi_claims.dataset import Dataset
from carsi_claims.model import CoverageIgnore, Provenance, Source
from carsi_claims.read.seeds import SeedError, Seeds
from carsi_claims.text import smallest_period

__all__ = [
    "CoverageReport",
    "Mention",
    "StaleIgnore",
    "Unscanned",
    "coverage",
    "line_col",
    "scan_text",
]

_CONTEXT: Final = 30


@attrs.frozen(repr=False, eq=False)
class Mention(Record):
    """One figure mention in one source, and what covers it (if anything)."""

    source: str
    file: str  # the source file as shown in messages, e.g. ``seeds/002_....txt``
    figure: Figure
    line: int
    column: int
    context: str
    covered_by: str | None = None  # a claim id
    ignored_by: int | None = None  # an index into ``Dataset.coverage_ignores``
    partly_by: str | None = None  # a claim whose quote overlaps the mention only in part

    @property
    def covered(self) -> bool:
        """Covered by a claim or deliberately ignored."""
        return self.covered_by is not None or self.ignored_by is not None

    def to_dict(self) -> dict[str, object]:
        f = self.figure
        return {
            "source": self.source,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "start": f.start,
            "end": f.end,
            "kind": f.kind.value,
            "text": f.text,
            "context": self.context,
            "covered": self.covered,
            "covered_by": self.covered_by,
            "ignored_by": self.ignored_by,
            "partly_by": self.partly_by,
        }


@attrs.frozen(repr=False, eq=False)
class StaleIgnore(Record):
    """A ``coverage_ignores`` entry that does no work, and why."""

    index: int
    ignore: CoverageIgnore
    why: str


@attrs.frozen(repr=False, eq=False)
class Unscanned(Record):
    """A source whose text could not be read, so its mentions are unknown."""

    source: Source
    code: str
    message: str


@attrs.frozen(repr=False, eq=False)
class CoverageReport(Record):
    """Every mention of every readable source, in source order then text order."""

    mentions: tuple[Mention, ...]
    stale: tuple[StaleIgnore, ...] = ()
    unscanned: tuple[Unscanned, ...] = ()

    @property
    def uncovered(self) -> tuple[Mention, ...]:
        return tuple(m for m in self.mentions if not m.covered)

    @property
    def complete(self) -> bool:
        """Every mention covered, no stale ignore, every source scanned."""
        return not self.uncovered and not self.stale and not self.unscanned


def scan_text(text: str) -> list[Figure]:
    """Every mention in ``text``: quotations, and apart from them the other kinds.

    Sorted by start (then end).  A figure inside a quotation is listed too.
    """
    found = find_figures(text, kinds={FigureKind.QUOTATION})
    found += find_figures(text, kinds=NUMERIC_KINDS)
    return sorted(found, key=lambda f: (f.start, f.end))


def line_col(newlines: Sequence[int], offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of ``offset``, given newline offsets."""
    line = bisect.bisect_right(newlines, offset - 1)  # newlines strictly before offset
    line_start = newlines[line - 1] + 1 if line else 0
    return line + 1, offset - line_start + 1


def _context(text: str, start: int, end: int) -> str:
    """The mention with up to 30 characters either side, on one line, white space folded."""
    left = max(0, start - _CONTEXT)
    right = min(len(text), end + _CONTEXT)
    before = " ".join(text[left:start].split("\n")[-1].split())
    after = " ".join(text[end:right].split("\n")[0].split())
    mention = " ".join(text[start:end].split())
    if len(mention) > 2 * _CONTEXT + 20:
        mention = f"{mention[: _CONTEXT + 10]}…{mention[-_CONTEXT:]}"
    head = "…" if left > 0 and "\n" not in text[left:start] else ""
    tail = "…" if right < len(text) and "\n" not in text[end:right] else ""
    pad_l = " " if before and text[start - 1].isspace() else ""
    pad_r = " " if after and text[end].isspace() else ""
    return f"{head}{before}{pad_l}{mention}{pad_r}{after}{tail}"


def _spans_covering(
    spans: list[tuple[int, int, str]], figures: Sequence[Figure]
) -> list[str | None]:
    """For each figure, the id of a span wholly containing it (a sweep over sorted spans)."""
    spans = sorted(spans)
    starts = [s for s, _, _ in spans]
    best_end: list[int] = []
    best_id: list[str] = []
    for _, end, owner in spans:  # prefix maximum of ends
        if best_end and best_end[-1] >= end:
            best_end.append(best_end[-1])
            best_id.append(best_id[-1])
        else:
            best_end.append(end)
            best_id.append(owner)
    result: list[str | None] = []
    for f in figures:
        i = bisect.bisect_right(starts, f.start)  # spans starting at or before the figure
        result.append(best_id[i - 1] if i and best_end[i - 1] >= f.end else None)
    return result


def _first_overlapping(
    spans: Sequence[tuple[int, int, str]], figures: Sequence[Figure]
) -> list[str | None]:
    """For each figure, the owner of the first span of ``spans`` (in list order) overlapping it.

    Offline, in O((spans + figures) log spans): figures are taken by end, and
    every span starting before a figure's end is put in a Fenwick tree over
    span ends that keeps the least list index; a figure asks for the least
    index among the ends after its start.
    """
    ends = sorted({e for _, e, _ in spans})
    size = len(ends)
    none = len(spans)
    tree = [none] * (size + 1)  # rank r = size - (index of the end in ends): large ends first
    by_start = sorted(range(len(spans)), key=lambda i: spans[i][0])
    result: list[str | None] = [None] * len(figures)
    j = 0
    for k in sorted(range(len(figures)), key=lambda k: figures[k].end):
        figure = figures[k]
        while j < len(by_start) and spans[by_start[j]][0] < figure.end:
            i = by_start[j]
            r = size - bisect.bisect_left(ends, spans[i][1])
            while r <= size:
                tree[r] = min(tree[r], i)
                r += r & -r
            j += 1
        r, best = size - bisect.bisect_right(ends, figure.start), none
        while r > 0:
            best = min(best, tree[r])
            r -= r & -r
        if best < none:
            result[k] = spans[best][2]
    return result


class _Inside:
    """Which mentions lie inside a span, by bisection.

    Mentions of one kind group (quotations; every other kind) do not overlap
    one another, so sorted by start they are sorted by end too, and those
    inside ``[start, end)`` are a contiguous run of them.
    """

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.groups: list[tuple[list[int], list[int], list[int], list[int]]] = []
        for quotations in (True, False):
            members = [
                i
                for i, m in enumerate(mentions)
                if (m.figure.kind is FigureKind.QUOTATION) is quotations
            ]
            starts = [mentions[i].figure.start for i in members]
            ends = [mentions[i].figure.end for i in members]
            # uncovered[j]: how many of the first j members no claim covers
            uncovered = [0, *itertools.accumulate(mentions[i].covered_by is None for i in members)]
            self.groups.append((members, starts, ends, uncovered))

    def runs(self, start: int, end: int) -> Iterator[tuple[int, int, int]]:
        """For each group: (group, first, past) of the members inside ``[start, end)``."""
        for g, (_, starts, ends, _) in enumerate(self.groups):
            first = bisect.bisect_left(starts, start)
            past = bisect.bisect_right(ends, end)
            if past > first:
                yield g, first, past


def _stale_reason(
    occurrences: Sequence[tuple[int, int]], inside: _Inside, mentions: Sequence[Mention]
) -> str | None:
    """Why an ignore with these occurrences is stale (no mention inside, or all covered)."""
    runs = [run for s, e in occurrences for run in inside.runs(s, e)]
    if not runs:
        return "no figure mention lies inside its quote"
    if any(inside.groups[g][3][past] > inside.groups[g][3][first] for g, first, past in runs):
        return None
    found = sorted({inside.groups[g][0][j] for g, first, past in runs for j in range(first, past)})
    claims = ", ".join(dict.fromkeys(str(mentions[i].covered_by) for i in found))
    return f"every figure mention inside its quote is covered by a claim ({claims})"


def _occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    """Every occurrence of ``quote`` in ``text``, overlapping ones included, in order.

    Two overlapping occurrences stand a period of the quote apart.  After an
    occurrence at ``at``, the one at ``at + p`` (``p`` the smallest period)
    is there exactly when the ``p`` characters after it repeat the quote's
    last ``p``: a run of overlapping occurrences costs its length.  Between
    two members of a run there is none; the next search starts one character
    after the run's last member, and lands more than half a quote further on,
    so the whole is linear in the text (plus the quote, for its period).
    """
    found: list[tuple[int, int]] = []
    size = len(quote)
    period = smallest_period(quote)
    tail = quote[size - period :]
    at = text.find(quote)
    while at != -1:
        found.append((at, at + size))
        while text.startswith(tail, at + size):  # the next one of a run, overlapping
            at += period
            found.append((at, at + size))
        at = text.find(quote, at + 1)
    return found


_WORD: Final = re.compile(r"\w+")
_NEWLINE: Final = re.compile("\n")
_FIND_UP_TO: Final = 16  # distinct quotes a source's text is searched for one by one


def _occurrences_of(text: str, quotes: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
    """:func:`_occurrences` of each quote, without searching the whole text for each.

    Up to 16 distinct quotes are searched with ``str.find``.  For more, one pass
    over the text's words records where the quotes' *interior* words stand (a
    word with a non-word character on each side inside the quote stands as a
    whole word of the text wherever the quote does), and each quote is tried
    only where its rarest interior word stands.  A quote with no interior word,
    or whose rarest one is too common, is searched with ``str.find``.
    """
    distinct = list(dict.fromkeys(quotes))
    if len(distinct) <= _FIND_UP_TO:
        return {quote: _occurrences(text, quote) for quote in distinct}
    inner = {
        quote: [
            (m[0], m.start()) for m in _WORD.finditer(quote) if 0 < m.start() < m.end() < len(quote)
        ]
        for quote in distinct
    }
    wanted = {word for words in inner.values() for word, _ in words}
    places: dict[str, list[int]] = {word: [] for word in wanted}
    for m in _WORD.finditer(text):
        seen = places.get(m[0])
        if seen is not None:
            seen.append(m.start())
    common = len(text) // 32
    found: dict[str, list[tuple[int, int]]] = {}
    for quote in distinct:
        if not inner[quote]:
            found[quote] = _occurrences(text, quote)
            continue
        word, offset = min(inner[quote], key=lambda w: len(places[w[0]]))
        if len(places[word]) > common:
            found[quote] = _occurrences(text, quote)
            continue
        spans: list[tuple[int, int]] = []
        for start in places[word]:  # every occurrence, overlapping ones too, as _occurrences
            at = start - offset
            if at >= 0 and text.startswith(quote, at):
                spans.append((at, at + len(quote)))
        found[quote] = spans
    return found


def _scan_source(
    source: Source,
    text: str,
    file: str,
    quotes: Iterable[tuple[Provenance, str]],
    ignores: Iterable[tuple[int, CoverageIgnore]],
) -> tuple[list[Mention], list[StaleIgnore]]:
    quoted = [(p, owner) for p, owner in quotes if p.quote]
    ignore_list = list(ignores)
    misplaced = [p.quote for p, _ in quoted if text[p.start : p.end] != p.quote]
    where = _occurrences_of(text, [*misplaced, *(ign.quote for _, ign in ignore_list if ign.quote)])
    claim_spans: list[tuple[int, int, str]] = []
    for p, owner in quoted:
        if text[p.start : p.end] == p.quote:
            claim_spans.append((p.start, p.end, owner))
        else:  # wrong offsets: the provenance check says so; the quote still stands
            claim_spans.extend((s, e, owner) for s, e in where[p.quote])
    figures = scan_text(text)
    by_claim = _spans_covering(claim_spans, figures)

    ignore_spans: list[tuple[int, int, str]] = []
    stale: list[StaleIgnore] = []
    spans_of: dict[int, list[tuple[int, int]]] = {}
    for index, ign in ignore_list:
        if not ign.quote:
            stale.append(StaleIgnore(index, ign, "its quote is empty"))
            continue
        occurrences = spans_of[index] = where[ign.quote]
        if not occurrences:
            stale.append(
                StaleIgnore(
                    index, ign, f"its quote does not occur in {file}: copy the exact characters"
                )
            )
        ignore_spans.extend((s, e, str(index)) for s, e in occurrences)
    by_ignore = _spans_covering(ignore_spans, figures)

    newlines = [m.start() for m in _NEWLINE.finditer(text)]
    mentions = []
    partly_of = _first_overlapping(claim_spans, figures)
    for figure, claim_id, ignore_key, overlapping in zip(
        figures, by_claim, by_ignore, partly_of, strict=True
    ):
        line, column = line_col(newlines, figure.start)
        partly = overlapping if claim_id is None and ignore_key is None else None
        mentions.append(
            Mention(
                source=source.id,
                file=file,
                figure=figure,
                line=line,
                column=column,
                context=_context(text, figure.start, figure.end),
                covered_by=claim_id,
                ignored_by=None if ignore_key is None else int(ignore_key),
                partly_by=partly,
            )
        )

    already = {s.index for s in stale}
    inside = _Inside(mentions)
    reasons: dict[str, str | None] = {}  # by quote: ignores of one quote share their spans
    for index, ign in ignore_list:
        if index in already:
            continue
        if ign.quote not in reasons:
            reasons[ign.quote] = _stale_reason(spans_of[index], inside, mentions)
        why = reasons[ign.quote]
        if why is not None:
            stale.append(StaleIgnore(index, ign, why))
    return mentions, stale


def coverage(dataset: Dataset, seeds: Seeds | Path | None = None) -> CoverageReport:
    """The mentions of every source of ``dataset``, each with what covers it.

    ``seeds`` defaults to the dataset's seeds folder.  Sources whose file
    cannot be read (unsafe path, missing, not UTF-8) are listed in
    ``unscanned``; ignore entries naming an unknown source are left to the
    reference checks.
    """
    if not isinstance(seeds, Seeds):
        root = seeds if seeds is not None else dataset.seeds_dir
        if root is None:
            return CoverageReport(())
        seeds = Seeds(root)
    mentions: list[Mention] = []
    stale: list[StaleIgnore] = []
    unscanned: list[Unscanned] = []
    seen: set[str] = set()
    quotes: dict[str, list[tuple[Provenance, str]]] = defaultdict(list)
    for claim in dataset.claims:
        for p in claim.provenance:
            quotes[p.source].append((p, claim.id))
    for p, claim_id in dataset.broken_provenance():  # a schema problem is not also uncovered
        quotes[p.source].append((p, claim_id))
    ignores: dict[str, list[tuple[int, CoverageIgnore]]] = defaultdict(list)
    for i, ign in enumerate(dataset.coverage_ignores):
        ignores[ign.source].append((i, ign))
    for source in dataset.sources:
        if source.id in seen:
            continue  # a duplicate id: reported by the id checks
        seen.add(source.id)
        try:
            seed = seeds.read(source.path)
        except SeedError as exc:
            unscanned.append(Unscanned(source, exc.code, str(exc)))
            continue
        file = display_path(seeds.root / source.path)
        found, stale_here = _scan_source(
            source, seed.text, file, quotes[source.id], ignores[source.id]
        )
        mentions.extend(found)
        stale.extend(stale_here)
    stale.sort(key=lambda s: s.index)
    return CoverageReport(tuple(mentions), tuple(stale), tuple(unscanned))
