"""Curation checks: the rules of ``docs/curation.md`` that a machine can check.

Each finding code is named in the guide beside its rule:

- ``curation.source-kind``: a source's ``kind`` is one of :data:`SOURCE_KINDS`;
- ``curation.duplicate-relation``: a relation is recorded once (a companion
  relation once per pair);
- ``curation.entity-type``: every entity has a ``type``;
- ``curation.iso3166``: a country has an ISO 3166-1 code, nothing else has one;
- ``curation.id-prefix``: an active claim's id starts with its subject's id
  and ``.`` (a quotation's with ``quote.``);
- ``curation.unlinked-mention`` / ``curation.redundant-mention``: every
  entity a quote names (other than the subject and voice) is in
  ``mentions``, and ``mentions`` repeats neither;
- ``curation.voice``: a quotation's voice is its speaker; a provenance
  entry's voice differs from the claim's;
- ``curation.inference-dateline``: an as-of date inferred from the dateline
  is the date of the claim's sources;
- ``curation.precision``: a figure's ``precision`` is the unit the quote
  states it to;
- ``curation.derived``: only a count of a list is derived;
- ``curation.heading-line``: a heading claim quotes whole lines;
- ``curation.heading-missing`` / ``curation.title``: every markdown section
  heading of a seed is captured by a heading claim, and a level-1 heading is
  the source's title;
- ``curation.duplicate-span``: a statement does not restate, whole, a span
  another claim quotes.

Only active claims are held to the guide: retracted ones are history.  A rule
about completeness (a type, a code, a mention, a precision not yet given; the
form of an id or a source kind) is a warning, so that a dataset written before
the guide still validates; a rule broken by what *is* written (a wrong
precision, a code on a non-country, a heading that is not a line) is an error.
The shipped dataset has no finding of either severity (a test keeps it so).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

from carsi_claims._paths import display_path
from carsi_claims._records import Record
from carsi_claims.checks.base import Context
from carsi_claims.findings import Finding, Location, Severity
from carsi_claims.model import (
    Basis,
    Claim,
    ClaimKind,
    Count,
    Entity,
    EntityType,
    Money,
    Percentage,
    QualifierName,
    Quotation,
    RelationKind,
    Statement,
    Status,
    is_valid_id,
)
from carsi_claims.read.seeds import SeedError
from carsi_claims.text import normalize

if TYPE_CHECKING:
    from carsi_claims.analysis.figures import Figure

__all__ = [
    "SOURCE_KINDS",
    "NameIndex",
    "check_curation",
    "entity_names",
    "named_entities",
    "stated_precision",
]

#: The words a source's ``kind`` may be (see the guide, *Sources*).
SOURCE_KINDS: Final = ("fact-sheet", "web-page", "document")

_NUMBER: Final = re.compile(r"[0-9][0-9,]*(?:\.([0-9]+))?")
_EXACTLY: Final = re.compile(r"\bexactly\s*$", re.IGNORECASE)
_MD_HEADING: Final = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$", re.MULTILINE)
_HEADING_MARKS: Final = re.compile(r"[#*_ \t]*")


# -- sources and entities ------------------------------------------------------------------


def _sources(ctx: Context) -> Iterator[Finding]:
    pairs: set[tuple[str, str]] = set()
    for source in ctx.dataset.sources:
        if source.kind not in SOURCE_KINDS:
            yield ctx.finding(
                "curation.source-kind",
                f"source kind {source.kind!r} is not one of {', '.join(SOURCE_KINDS)}: "
                "say only what the document shows (fact-sheet when it calls itself one)",
                source,
                "kind",
                severity=Severity.WARNING,
            )
        seen: set[tuple[RelationKind, str]] = set()
        for i, relation in enumerate(source.relations):
            key = (relation.kind, relation.source)
            pair = (relation.source, source.id)
            if key in seen or (relation.kind is RelationKind.COMPANION_OF and pair in pairs):
                yield ctx.finding(
                    "curation.duplicate-relation",
                    f"relation {relation.kind} {relation.source!r} is already recorded; "
                    "record a relation once (a companion relation once per pair)",
                    source,
                    "relations",
                    i,
                )
            seen.add(key)
            if relation.kind is RelationKind.COMPANION_OF:
                pairs.add((source.id, relation.source))


def _entities(ctx: Context) -> Iterator[Finding]:
    types = ", ".join(t.value for t in EntityType)
    for entity in ctx.dataset.entities:
        if entity.type is None:
            yield ctx.finding(
                "curation.entity-type",
                f"entity {entity.id!r} has no type; give one of {types}",
                entity,
                "id",
                severity=Severity.WARNING,
            )
        elif entity.type is EntityType.COUNTRY and entity.iso3166 is None:
            yield ctx.finding(
                "curation.iso3166",
                f"country {entity.id!r} has no iso3166 code; give its ISO 3166-1 alpha-2 code",
                entity,
                "type",
                severity=Severity.WARNING,
            )
        if entity.iso3166 is not None and entity.type is not EntityType.COUNTRY:
            yield ctx.finding(
                "curation.iso3166",
                f"only a country has an iso3166 code; {entity.id!r} is "
                f"{entity.type.value if entity.type else 'of no type'}",
                entity,
                "iso3166",
            )


# -- mentions ----------------------------------------------------------------------------


def entity_names(entities: Iterable[Entity]) -> dict[str, str]:
    """Every name and alias, mapped to its entity id (the first entity to claim a name)."""
    names: dict[str, str] = {}
    for entity in entities:
        for name in (entity.name, *entity.aliases):
            if name.strip():
                names.setdefault(name, entity.id)
    return names


_WORD: Final = re.compile(r"\w+")
#: Up to this many distinct name-starting words, a text is searched for each with
#: ``str.find``; with more, its words are walked once (linear whatever their number).
_FIND_UP_TO: Final = 8


@attrs.frozen(repr=False, eq=False)
class NameIndex(Record):
    """Entity names by their first word, longest first: finding the names in a text costs
    one dictionary look-up per word of the text, whatever the number of entities."""

    by_first_word: Mapping[str, tuple[tuple[str, str], ...]]

    @classmethod
    def of(cls, names: Mapping[str, str]) -> NameIndex:
        """Index ``names`` (name -> entity id); a name not starting with a letter or digit
        cannot be found as a whole word and is left out."""
        groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for name, entity in names.items():
            first = _WORD.match(name)
            if first is not None:
                groups[first.group()].append((name, entity))
        return cls({k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in groups.items()})

    def find(self, text: str) -> list[str]:
        """The entities ``text`` names, in order of first appearance (see named_entities)."""
        firsts = self.by_first_word.keys() & _WORD.findall(text)
        if not firsts:
            return []  # no word of the text starts a name: most texts, at C speed
        found: dict[str, None] = {}
        taken = 0  # where the last name found ends: names do not overlap
        starts = (
            _word_starts(text, firsts)
            if len(firsts) <= _FIND_UP_TO
            else [(w.start(), w.group()) for w in _WORD.finditer(text) if w.group() in firsts]
        )
        for start, first in starts:
            if start < taken:
                continue
            for name, entity in self.by_first_word[first]:
                end = start + len(name)
                if text.startswith(name, start) and not (end < len(text) and _is_word(text[end])):
                    found[entity] = None
                    taken = end
                    break
        return list(found)


def _word_starts(text: str, words: Iterable[str]) -> list[tuple[int, str]]:
    """Where each of ``words`` stands in ``text`` as a whole word (a whole ``\\w+`` run),
    in text order: the words of the text that start a name, found by ``str.find`` instead
    of a step for every word of the text."""
    out = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            after = at + len(word)
            if not (at and _is_word(text[at - 1])) and not (
                after < len(text) and _is_word(text[after])
            ):
                out.append((at, word))
            at = text.find(word, after)
            # every character of a word is a word character, so no whole-word occurrence
            # starts inside another occurrence: resuming after it misses none
    out.sort()
    return out


def _is_word(char: str) -> bool:
    return _WORD.match(char) is not None


def named_entities(text: str, names: Mapping[str, str]) -> list[str]:
    """The entities ``text`` names, in order of first appearance.

    Names match whole words, case and all; at one place the longest name
    wins, so "U.S." inside "U.S. Department of State" names the department.
    """
    return NameIndex.of(names).find(text)


def _speakers(claim: Claim) -> set[str]:
    """The subject and every voice of a claim: what its mentions need not repeat."""
    out = {claim.subject, *(v for v in claim.voices() if v is not None)}
    if isinstance(claim.value, Quotation):
        out.add(claim.value.speaker)
    return out


def _mentions(ctx: Context, claims: list[Claim]) -> Iterator[Finding]:
    index = NameIndex.of(entity_names(ctx.dataset.entities))
    named: dict[str, list[str]] = {}  # by quote: the claims of a question share their quote
    for claim in claims:
        implicit = _speakers(claim)
        seen: set[str] = set()
        for i, ref in enumerate(claim.mentions):
            if ref in implicit or ref in seen:
                why = "listed twice" if ref in seen else "the claim's subject or voice"
                yield ctx.finding(
                    "curation.redundant-mention",
                    f"mention {ref!r} is {why}; leave it out",
                    claim,
                    "mentions",
                    i,
                    severity=Severity.WARNING,
                )
            seen.add(ref)
        for i, p in enumerate(claim.provenance):
            names = named.get(p.quote)
            if names is None:
                names = named[p.quote] = index.find(p.quote)
            for entity in names:
                if entity not in implicit and entity not in seen:
                    seen.add(entity)  # once per claim
                    yield ctx.finding(
                        "curation.unlinked-mention",
                        f"the quote names entity {entity!r}, which is not in mentions; "
                        f"add it: mentions: [{', '.join(sorted({*claim.mentions, entity}))}]",
                        claim,
                        "provenance",
                        i,
                        "quote",
                        severity=Severity.WARNING,
                    )


# -- claims ------------------------------------------------------------------------------


def _id_prefix(ctx: Context, claim: Claim) -> Iterator[Finding]:
    if claim.id.startswith(claim.subject + ".") or not is_valid_id(claim.id):
        return  # a malformed id is reported by the id checks
    if claim.kind is ClaimKind.QUOTATION and claim.id.startswith("quote."):
        return
    expected = "quote." if claim.kind is ClaimKind.QUOTATION else f"{claim.subject}."
    yield ctx.finding(
        "curation.id-prefix",
        f"claim id {claim.id!r} does not start with {expected!r} (its subject is "
        f"{claim.subject!r}); a new claim's id starts with its subject's id",
        claim,
        "id",
        severity=Severity.WARNING,
    )


def _voice(ctx: Context, claim: Claim) -> Iterator[Finding]:
    value = claim.value
    if isinstance(value, Quotation) and claim.voice not in (None, value.speaker):
        yield ctx.finding(
            "curation.voice",
            f"a quotation's voice is its speaker {value.speaker!r}, not {claim.voice!r}; "
            "leave voice out",
            claim,
            "voice",
        )
    default = claim.voice if claim.voice is not None else getattr(value, "speaker", None)
    for i, p in enumerate(claim.provenance):
        if p.voice is not None and p.voice == default:
            yield ctx.finding(
                "curation.voice",
                f"provenance voice {p.voice!r} is already the claim's voice; leave it out",
                claim,
                "provenance",
                i,
                "voice",
            )


def _inferences(ctx: Context, claim: Claim) -> Iterator[Finding]:
    q = claim.qualifiers
    for i, inference in enumerate(q.inferred):
        if inference.basis is not Basis.DATELINE or inference.qualifier is not QualifierName.AS_OF:
            continue
        for p in claim.provenance:
            source = ctx.dataset.sources_by_id.get(p.source)
            if source is None:
                continue  # reported by the reference checks
            if source.published is None:
                problem = f"source {source.id!r} has no dateline (published is not given)"
            elif source.published != q.as_of:
                problem = f"the dateline of source {source.id!r} is {source.published}"
            else:
                continue
            yield ctx.finding(
                "curation.inference-dateline",
                f"as_of {q.as_of} is inferred from the dateline, but {problem}",
                claim,
                "qualifiers",
                "inferred",
                i,
            )


def stated_precision(quote: str, start: int, end: int, number: Decimal) -> Decimal | None:
    """The unit a figure at ``quote[start:end]`` is stated to, or None when it is exact.

    The unit of the last digit written, times the scale word: "$260 million"
    is 1000000, "$3.5 million" 100000, "95%" 1, "12.5%" 0.1.  A figure in
    words ("five"), or one the quote calls exact ("exactly $260 million"), is
    exact.  ``number`` is the figure's value (the amount, the percentage).
    """
    if _EXACTLY.search(quote, 0, start):
        return None
    m = _NUMBER.search(quote, start, end)
    if m is None:
        return None
    written = Decimal(m.group(0).replace(",", ""))
    if written == 0:
        return None
    decimals = len(m.group(1) or "")
    unit = Decimal(1).scaleb(-decimals)
    return (unit * (number / written)).normalize()


@functools.lru_cache(maxsize=4096)
def _figures_of(quote: str, money: bool) -> tuple[Figure, ...]:
    """The money (or percentage) figures of a quote; kept, as the claims of a question share it."""
    from carsi_claims.analysis.figures import FigureKind, find_figures

    return tuple(find_figures(quote, kinds=[FigureKind.MONEY if money else FigureKind.PERCENTAGE]))


def _precision(ctx: Context, claim: Claim) -> Iterator[Finding]:
    from carsi_claims.checks.values import matches

    value = claim.value
    if claim.derived or not isinstance(value, Money | Percentage):
        return
    number = value.amount if isinstance(value, Money) else value.value
    for p in claim.provenance:
        for figure in _figures_of(p.quote, isinstance(value, Money)):
            if figure.value is None or not matches(value, figure.value):
                continue
            stated = stated_precision(p.quote, figure.start, figure.end, number)
            given = None if value.precision is None else value.precision.normalize()
            if stated != given:
                # Not given: incomplete (a warning); given and wrong: an error.
                severity = Severity.WARNING if given is None else Severity.ERROR
                want = "leave precision out" if stated is None else f"precision: {stated:f}"
                yield ctx.finding(
                    "curation.precision",
                    f"{figure.text!r} is stated to "
                    f"{'no unit (exact)' if stated is None else f'{stated:f}'}, but the "
                    f"claim's precision is {'not given' if given is None else f'{given:f}'}; "
                    f"{want}",
                    claim,
                    "value",
                    severity=severity,
                )
                return  # once per claim
            break  # the first matching figure of a quote decides


def _derived(ctx: Context, claim: Claim) -> Iterator[Finding]:
    if claim.derived and not (isinstance(claim.value, Count) and claim.value.list is not None):
        yield ctx.finding(
            "curation.derived",
            "only a count of a list (kind count, value with list:) may be derived; "
            "every other value is what its quote states",
            claim,
            "derived",
        )


def _duplicate_spans(ctx: Context, claims: list[Claim]) -> Iterator[Finding]:
    spans: dict[tuple[str, int, int], list[Claim]] = defaultdict(list)
    for claim in claims:
        for p in claim.provenance:
            spans[(p.source, p.start, p.end)].append(claim)
    for claim in claims:
        if not isinstance(claim.value, Statement):
            continue
        text: str | None = None  # folded on first need: most spans are quoted once
        for i, p in enumerate(claim.provenance):
            sharing = spans[(p.source, p.start, p.end)]
            if len(sharing) < 2:
                continue
            if text is None:
                text = normalize(claim.value.text)
            other = next((c.id for c in sharing if c is not claim), None)
            if other is not None and normalize(p.quote) == text:
                yield ctx.finding(
                    "curation.duplicate-span",
                    f"the statement restates, whole, the span that {other!r} quotes "
                    f"({p.source} {p.start}-{p.end}); capture the span once",
                    claim,
                    "provenance",
                    i,
                )


# -- headings ----------------------------------------------------------------------------


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end < 0 else line_end


def _headings(ctx: Context, claims: list[Claim]) -> Iterator[Finding]:
    seeds = ctx.seeds
    if seeds is None:
        return
    texts: dict[str, str] = {}
    for source in ctx.dataset.sources:
        try:
            texts[source.id] = seeds.read(source.path).text
        except SeedError:
            continue  # reported by the provenance checks
    covered: dict[str, set[int]] = defaultdict(set)  # start of each line a heading claim quotes
    for claim in claims:
        if not claim.heading:
            continue
        for i, p in enumerate(claim.provenance):
            text = texts.get(p.source)
            if text is None or text[p.start : p.end] != p.quote:
                continue  # reported by the provenance checks
            line_start, line_end = _line_bounds(text, p.start, p.end)
            covered[p.source].add(line_start)
            before, after = text[line_start : p.start], text[p.end : line_end]
            if _HEADING_MARKS.fullmatch(before) and _HEADING_MARKS.fullmatch(after):
                continue
            yield ctx.finding(
                "curation.heading-line",
                f"a heading claim quotes the heading's whole line; the line also has "
                f"{before.strip()!r} before and {after.strip()!r} after the quote",
                claim,
                "provenance",
                i,
                "quote",
            )
    for source in ctx.dataset.sources:
        text = texts.get(source.id)
        if text is None:
            continue
        file = display_path(seeds.root / source.path)
        for m in _MD_HEADING.finditer(text):
            words = m.group(2).strip("*_ \t")
            line = text.count("\n", 0, m.start()) + 1
            where = Location(file, line, 1)
            if len(m.group(1)) == 1:
                if words != source.title:
                    yield Finding(
                        "curation.title",
                        Severity.ERROR,
                        f"source {source.id}: the level-1 heading {words!r} is the document's "
                        f"title, but the source's title is {source.title!r}",
                        location=where,
                    )
                continue
            if m.start() in covered[source.id]:
                continue
            yield Finding(
                "curation.heading-missing",
                Severity.ERROR,
                f"source {source.id}: the section heading {words!r} is not captured; add a "
                "claim with heading: true that quotes it",
                location=where,
            )


def check_curation(ctx: Context) -> Iterator[Finding]:
    """The machine-checkable rules of the curation guide (``docs/curation.md``)."""
    yield from _sources(ctx)
    yield from _entities(ctx)
    active = [c for c in ctx.dataset.claims if c.status is Status.ACTIVE]
    for claim in active:
        yield from _id_prefix(ctx, claim)
        yield from _voice(ctx, claim)
        yield from _inferences(ctx, claim)
        yield from _precision(ctx, claim)
        yield from _derived(ctx, claim)
    yield from _mentions(ctx, active)
    yield from _duplicate_spans(ctx, active)
    yield from _headings(ctx, active)
