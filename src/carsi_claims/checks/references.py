"""Reference checks: every source, entity and claim that is named exists."""

from __future__ import annotations

from collections.abc import Collection, Iterator

import attrs

from carsi_claims._records import Record
from carsi_claims.checks.base import Context
from carsi_claims.findings import Finding
from carsi_claims.model import ListItem, Quotation
from carsi_claims.text import Suggestions

__all__ = ["check_references"]


@attrs.frozen(repr=False, eq=False)
class _Known(Record):
    """Names that exist, and suggestions among them (computed once per unknown name)."""

    names: Collection[str]
    suggestions: Suggestions

    @classmethod
    def of(cls, names: Collection[str]) -> _Known:
        return cls(names, Suggestions(names))


def _missing(
    ctx: Context, kind: str, ref: str, known: _Known, record: object, *sub: str | int
) -> Iterator[Finding]:
    if ref in known.names:
        return
    hint = known.suggestions.hint(ref)
    yield ctx.finding(f"ref.unknown-{kind}", f"unknown {kind} {ref!r}{hint}", record, *sub)


def check_references(ctx: Context) -> Iterator[Finding]:
    """Sources, entities (subjects, speakers, voices, mentions) and claims named exist."""
    ds = ctx.dataset
    # A record left out for a schema problem still stands in the file: naming it is no
    # second mistake (suggestions stay among the records that loaded).
    broken = ds.broken_ids
    sources = _Known({*ds.sources_by_id, *broken.get("sources", ())}, Suggestions(ds.sources_by_id))
    entities = _Known(
        {*ds.entities_by_id, *broken.get("entities", ())}, Suggestions(ds.entities_by_id)
    )
    claims = _Known({*ds.claims_by_id, *broken.get("claims", ())}, ds.claim_ids)
    subjects = _Known(
        {*sources.names, *entities.names}, Suggestions({*ds.entities_by_id, *ds.sources_by_id})
    )
    for claim in ds.claims:
        if claim.subject not in subjects.names:
            yield from _missing(ctx, "entity", claim.subject, subjects, claim, "subject")
        if isinstance(claim.value, Quotation):
            yield from _missing(
                ctx, "entity", claim.value.speaker, entities, claim, "value", "speaker"
            )
        for i, p in enumerate(claim.provenance):
            yield from _missing(ctx, "source", p.source, sources, claim, "provenance", i, "source")
            if p.voice is not None:
                yield from _missing(
                    ctx, "entity", p.voice, entities, claim, "provenance", i, "voice"
                )
        if claim.superseded_by is not None:
            yield from _missing(ctx, "claim", claim.superseded_by, claims, claim, "superseded_by")
        if claim.voice is not None:
            yield from _missing(ctx, "entity", claim.voice, entities, claim, "voice")
        for i, ref in enumerate(claim.mentions):
            yield from _missing(ctx, "entity", ref, entities, claim, "mentions", i)
        for i, inference in enumerate(claim.qualifiers.inferred):
            if inference.claim is not None:
                yield from _missing(
                    ctx,
                    "claim",
                    inference.claim,
                    claims,
                    claim,
                    "qualifiers",
                    "inferred",
                    i,
                    "claim",
                )
    for source in ds.sources:
        for i, relation in enumerate(source.relations):
            yield from _missing(
                ctx, "source", relation.source, sources, source, "relations", i, "source"
            )
    lists = _Known.of({c.value.list for c in ds.claims if isinstance(c.value, ListItem)})
    for claim in ds.claims:
        counted = getattr(claim.value, "list", None)
        if counted is not None and not isinstance(claim.value, ListItem):
            yield from _missing(ctx, "list", counted, lists, claim, "value", "list")
    for res in ds.resolutions:
        for i, ref in enumerate(res.claims):
            yield from _missing(ctx, "claim", ref, claims, res, "claims", i)
        if res.preferred is not None:
            yield from _missing(ctx, "claim", res.preferred, claims, res, "preferred")
        for i, ev in enumerate(res.evidence):
            if ev.claim is not None:
                yield from _missing(ctx, "claim", ev.claim, claims, res, "evidence", i, "claim")
    for ign in ds.coverage_ignores:
        yield from _missing(ctx, "source", ign.source, sources, ign, "source")
