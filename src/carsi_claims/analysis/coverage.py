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
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Final

import attrs

from carsi_claims._paths import display_path
from carsi_claims.analysis.figures import Figure, FigureKind, find_figures
from carsi_claims.dataset import Dataset
from carsi_claims.model import CoverageIgnore, Provenance, Source
from carsi_claims.read.seeds import SeedError, Seeds

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
_NOT_QUOTATIONS: Final = frozenset(FigureKind) - {FigureKind.QUOTATION}


@attrs.frozen
class Mention:
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


@attrs.frozen
class StaleIgnore:
    """A ``coverage_ignores`` entry that does no work, and why."""

    index: int
    ignore: CoverageIgnore
    why: str


@attrs.frozen
class Unscanned:
    """A source whose text could not be read, so its mentions are unknown."""

    source: Source
    code: str
    message: str


@attrs.frozen
class CoverageReport:
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
    found += find_figures(text, kinds=_NOT_QUOTATIONS)
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


def _partly(spans: list[tuple[int, int, str]]) -> Callable[[Figure], str | None]:
    """A lookup: the first span of ``spans`` (in list order) overlapping a figure, if any.

    Spans are sorted by start once, with a running maximum of their ends, so
    a figure that no span reaches is answered by one bisection; otherwise
    only the spans that start before the figure ends are looked at.
    """
    ordered = sorted((s, e, i, c) for i, (s, e, c) in enumerate(spans))
    starts = [s for s, _, _, _ in ordered]
    reach: list[int] = list(itertools.accumulate((e for _, e, _, _ in ordered), max))

    def first(figure: Figure) -> str | None:
        n = bisect.bisect_left(starts, figure.end)  # spans starting before the figure ends
        if not n or reach[n - 1] <= figure.start:
            return None
        hits = [(i, c) for _, e, i, c in ordered[:n] if e > figure.start]
        return min(hits)[1]

    return first


def _within(spans: list[tuple[int, int]], figure: Figure) -> bool:
    """Whether ``figure`` lies inside one of ``spans`` (sorted and non-overlapping)."""
    i = bisect.bisect_right(spans, figure.start, key=lambda span: span[0])
    return bool(i) and spans[i - 1][1] >= figure.end


def _occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    at = text.find(quote)
    while at != -1:
        found.append((at, at + len(quote)))
        at = text.find(quote, at + len(quote))  # non-overlapping: linear in the text
    return found


def _scan_source(
    source: Source,
    text: str,
    file: str,
    quotes: Iterable[tuple[Provenance, str]],
    ignores: Iterable[tuple[int, CoverageIgnore]],
) -> tuple[list[Mention], list[StaleIgnore]]:
    claim_spans: list[tuple[int, int, str]] = []
    for p, owner in quotes:
        if not p.quote:
            continue
        if text[p.start : p.end] == p.quote:
            claim_spans.append((p.start, p.end, owner))
        else:  # wrong offsets: the provenance check says so; the quote still stands
            claim_spans.extend((s, e, owner) for s, e in _occurrences(text, p.quote))
    figures = scan_text(text)
    by_claim = _spans_covering(claim_spans, figures)
    partly_of = _partly(claim_spans)

    ignore_spans: list[tuple[int, int, str]] = []
    stale: list[StaleIgnore] = []
    ignore_list = list(ignores)
    spans_of: dict[int, list[tuple[int, int]]] = {}
    for index, ign in ignore_list:
        if not ign.quote:
            stale.append(StaleIgnore(index, ign, "its quote is empty"))
            continue
        occurrences = spans_of[index] = _occurrences(text, ign.quote)
        if not occurrences:
            stale.append(
                StaleIgnore(
                    index, ign, f"its quote does not occur in {file}: copy the exact characters"
                )
            )
        ignore_spans.extend((s, e, str(index)) for s, e in occurrences)
    by_ignore = _spans_covering(ignore_spans, figures)

    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    mentions = []
    for figure, claim_id, ignore_key in zip(figures, by_claim, by_ignore, strict=True):
        line, column = line_col(newlines, figure.start)
        partly = partly_of(figure) if claim_id is None and ignore_key is None else None
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
    for index, ign in ignore_list:
        if index in already:
            continue
        inside = [m for m in mentions if _within(spans_of[index], m.figure)]
        if not inside:
            stale.append(StaleIgnore(index, ign, "no figure mention lies inside its quote"))
        elif all(m.covered_by is not None for m in inside):
            claims = ", ".join(dict.fromkeys(str(m.covered_by) for m in inside))
            stale.append(
                StaleIgnore(
                    index,
                    ign,
                    f"every figure mention inside its quote is covered by a claim ({claims})",
                )
            )
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
