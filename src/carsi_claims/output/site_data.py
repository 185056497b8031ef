"""What the static site shows, gathered once: texts, coverage, conflicts and indexes.

:func:`gather` reads every source text once, runs coverage and conflict
detection once, and builds the indexes the pages need (claims by source, by
entity, by list, conflicts by claim), each in one pass over the claims.

The conflict API is used in one place only, :func:`disagreements`, which
turns whatever :mod:`carsi_claims.analysis.conflicts` reports into
:class:`Disagreement` records; the pages use nothing else of it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import attrs

from carsi_claims._version import __version__
from carsi_claims.analysis.coverage import CoverageReport, Mention, coverage
from carsi_claims.dataset import Dataset
from carsi_claims.errors import CarsiClaimsError
from carsi_claims.model import (
    Claim,
    Correction,
    Count,
    ListItem,
    Money,
    Percentage,
    Quotation,
    Resolution,
    Statement,
    Value,
    is_valid_id,
)
from carsi_claims.read.seeds import SeedError, Seeds

__all__ = [
    "Disagreement",
    "SiteData",
    "SiteError",
    "Variant",
    "disagreements",
    "gather",
    "says",
]

# Fields that hold words, never entity ids: not searched for entity references.
_NOT_REFERENCES = frozenset({"id", "property", "quote", "text", "note", "reason", "role", "kind"})


class SiteError(CarsiClaimsError, ValueError):
    """The dataset cannot be published as it is (ids that cannot be page names)."""


@attrs.frozen
class Variant:
    """One distinct answer of a conflict: what it says, its claims, the time they state."""

    says: str
    claims: tuple[str, ...]
    when: str = ""


@attrs.frozen
class Disagreement:
    """One conflict as the site shows it, with the resolution that covers it (if any)."""

    key: str  # a stable anchor: a hash of the code and the claims
    code: str
    kind: str
    severity: str
    question: str
    claims: tuple[str, ...]
    detail: str  # why the variants disagree
    undetermined: bool
    resolution: Resolution | None
    variants: tuple[Variant, ...]


def disagreements(dataset: Dataset) -> tuple[list[Disagreement], list[Resolution]]:
    """Every conflict set among the dataset's claims, and the stale resolutions.

    The one use of the conflict API: adapt here when it changes.  A
    variant says what its first claim's value says, in full (the conflict's
    own wording of it is cut short for messages).
    """
    from carsi_claims.analysis.conflicts import find_conflicts
    from carsi_claims.analysis.resolutions import resolve

    matches, stale = resolve(find_conflicts(dataset), dataset.resolutions)
    out = []
    for match in matches:
        c = match.conflict
        variants = []
        for v in c.variants:
            first = dataset.claims_by_id.get(v.claims[0]) if v.claims else None
            said = says(first.value) if first is not None else v.says
            variants.append(Variant(said, tuple(v.claims), v.when))
        digest = hashlib.sha256("\0".join((c.code, *c.claims)).encode()).hexdigest()
        inference = " (the verdict leans on an inferred qualifier)" if c.leans_on_inference else ""
        out.append(
            Disagreement(
                key=f"conflict-{digest[:12]}",
                code=c.code,
                kind=str(c.kind),
                severity=str(c.severity),
                question=c.question,
                claims=tuple(c.claims),
                detail=(c.reason or c.detail) + inference,
                undetermined=c.undetermined,
                resolution=match.resolution,
                variants=tuple(variants),
            )
        )
    return out, stale


def says(value: Value) -> str:
    """A value as a person writes it: "$260 million", "up to 95%", the words of a statement."""
    if isinstance(value, Quotation | Statement | ListItem):
        return value.text
    from carsi_claims.analysis.figures import render

    try:
        said = render(value)
    except ValueError:  # a value the checks reject, or a currency without a sign
        if isinstance(value, Money):
            said = f"{value.bound.value.replace('_', ' ')} {value.currency} {value.amount:,f}"
        else:
            said = repr(value)
        said = said.removeprefix("exact ")
    if isinstance(value, Money | Percentage | Count) and value.tolerance is not None:
        said += f" (± {value.tolerance})"
    return said


@attrs.frozen(eq=False)
class SiteData:
    """Everything the pages are made from."""

    dataset: Dataset
    texts: dict[str, str]  # source id -> decoded text (readable sources only)
    unreadable: dict[str, str]  # source id -> why its text cannot be shown
    coverage: CoverageReport
    mentions: dict[str, list[Mention]]  # source id -> its mentions, in text order
    conflicts: list[Disagreement]
    stale: list[Resolution]
    conflicts_of: dict[str, list[Disagreement]]  # claim id -> its conflicts
    claims_of_source: dict[str, list[Claim]]
    claims_of_entity: dict[str, list[Claim]]
    lists: dict[str, list[Claim]]  # list id -> its items and the counts of it
    corrections_of: dict[str, list[Correction]]  # claim id -> its corrections
    version: str
    claims_sha256: str | None


def _references(value: object, entities: dict[str, object], name: str = "") -> Iterator[str]:
    """Entity ids named anywhere in a record's fields (not in quotes, texts or notes)."""
    if name in _NOT_REFERENCES:
        return
    if isinstance(value, str):
        if value in entities:
            yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _references(item, entities, name)
    elif attrs.has(cls := type(value)):
        for field in attrs.fields(cls):
            if field.name != "provenance":
                yield from _references(getattr(value, field.name), entities, field.name)


def _check_ids(dataset: Dataset) -> None:
    problems = []
    for what, records in (
        ("source", dataset.sources),
        ("entity", dataset.entities),
        ("claim", dataset.claims),
    ):
        seen: set[str] = set()
        for record in records:
            if not is_valid_id(record.id):
                problems.append(f"{what} id {record.id!r} is not well formed")
            elif record.id in seen:
                problems.append(f"{what} id {record.id!r} is not unique")
            seen.add(record.id)
    if problems:
        raise SiteError(
            "cannot publish the dataset: each page is named by an id, and "
            + "; ".join(problems)
            + " (run carsi-claims validate)"
        )


def gather(dataset: Dataset, claims_file: Path | None = None) -> SiteData:
    """Read, detect and index once; SiteError when ids cannot name pages."""
    _check_ids(dataset)
    seeds = Seeds(dataset.seeds_dir) if dataset.seeds_dir is not None else None
    texts: dict[str, str] = {}
    unreadable: dict[str, str] = {}
    for source in dataset.sources:
        if seeds is None:
            unreadable[source.id] = "no seeds folder is known for this claims file"
            continue
        try:
            texts[source.id] = seeds.read(source.path).text
        except SeedError as exc:
            unreadable[source.id] = str(exc)
    report = coverage(dataset, seeds) if seeds is not None else CoverageReport(())
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for m in report.mentions:
        mentions[m.source].append(m)

    conflicts, stale = disagreements(dataset)
    conflicts_of: dict[str, list[Disagreement]] = defaultdict(list)
    for d in conflicts:
        for cid in d.claims:
            conflicts_of[cid].append(d)

    entities: dict[str, object] = {e.id: e for e in dataset.entities}
    of_source: dict[str, list[Claim]] = defaultdict(list)
    of_entity: dict[str, list[Claim]] = defaultdict(list)
    lists: dict[str, list[Claim]] = defaultdict(list)
    for claim in dataset.claims:
        for sid in dict.fromkeys(p.source for p in claim.provenance):
            of_source[sid].append(claim)
        for eid in dict.fromkeys(_references(claim, entities)):
            of_entity[eid].append(claim)
        if isinstance(claim.value, ListItem | Count) and claim.value.list is not None:
            lists[claim.value.list].append(claim)

    corrections_of: dict[str, list[Correction]] = defaultdict(list)
    for correction in dataset.corrections:
        corrections_of[correction.claim].append(correction)

    claims_sha256 = None
    path = claims_file if claims_file is not None else dataset.file
    if path is not None:
        try:
            claims_sha256 = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            claims_sha256 = None
    return SiteData(
        dataset=dataset,
        texts=texts,
        unreadable=unreadable,
        coverage=report,
        mentions=dict(mentions),
        conflicts=conflicts,
        stale=stale,
        conflicts_of=dict(conflicts_of),
        claims_of_source=dict(of_source),
        claims_of_entity=dict(of_entity),
        lists=dict(lists),
        corrections_of=dict(corrections_of),
        version=__version__,
        claims_sha256=claims_sha256,
    )
