"""Record checks: kinds, ranges, real dates, currency and country codes, status."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Final

from carsi_claims._iso3166 import COUNTRIES
from carsi_claims._iso4217 import CURRENCIES
from carsi_claims.checks.base import Context
from carsi_claims.findings import Finding
from carsi_claims.model import (
    VALUE_TYPES,
    Claim,
    Count,
    DateValue,
    FiscalYears,
    ListItem,
    Money,
    PartialDate,
    Percentage,
    Qualifiers,
    Quotation,
    Statement,
    Status,
)

__all__ = ["check_records"]

_SHA256: Final = re.compile(r"[0-9a-f]{64}", re.ASCII)
_HUNDRED: Final = Decimal(100)


def _date(
    ctx: Context, record: object, date: PartialDate | None, *sub: str | int
) -> Iterator[Finding]:
    if date is not None and (problem := date.problem()):
        yield ctx.finding(
            "record.date", f"{date} is not a real calendar date: {problem}", record, *sub
        )


def _span(
    ctx: Context, record: object, span: FiscalYears | None, *sub: str | int
) -> Iterator[Finding]:
    if span is not None and span.start > span.end:
        yield ctx.finding(
            "record.range",
            f"fiscal-year span starts after it ends: {span.start} > {span.end}",
            record,
            *sub,
        )


def _value(ctx: Context, claim: Claim) -> Iterator[Finding]:
    v = claim.value
    expected = VALUE_TYPES.get(claim.kind)
    if expected is None or not isinstance(v, expected):
        yield ctx.finding(
            "record.kind-mismatch",
            f"claim of kind {claim.kind!s} carries a {type(v).__name__} value",
            claim,
            "value",
        )
        return
    if isinstance(v, Money):
        if not v.amount.is_finite() or v.amount < 0:
            yield ctx.finding(
                "record.range",
                f"amount must be a finite, non-negative number, found {v.amount}",
                claim,
                "value",
                "amount",
            )
        if v.currency not in CURRENCIES:
            yield ctx.finding(
                "record.currency",
                f"expected an ISO 4217 currency code such as USD, found {v.currency!r}",
                claim,
                "value",
                "currency",
            )
    elif isinstance(v, Percentage):
        if not v.value.is_finite() or not 0 <= v.value <= _HUNDRED:
            yield ctx.finding(
                "record.range",
                f"percentage must be within 0..100, found {v.value}",
                claim,
                "value",
                "value",
            )
    elif isinstance(v, Count):
        if v.value < 0:
            yield ctx.finding(
                "record.range",
                f"count must not be negative, found {v.value}",
                claim,
                "value",
                "value",
            )
    elif isinstance(v, DateValue):
        yield from _date(ctx, claim, v.date, "value", "date")
    elif isinstance(v, FiscalYears):
        yield from _span(ctx, claim, v, "value")
    elif isinstance(v, ListItem) and v.ordinal < 1:
        yield ctx.finding(
            "record.range",
            f"list ordinal counts from 1, found {v.ordinal}",
            claim,
            "value",
            "ordinal",
        )
    if isinstance(v, Money | Percentage | Count) and v.tolerance is not None and v.tolerance < 0:
        yield ctx.finding(
            "record.range",
            f"tolerance must not be negative, found {v.tolerance}",
            claim,
            "value",
            "tolerance",
        )
    if isinstance(v, Money | Percentage | Count) and v.precision is not None and v.precision <= 0:
        yield ctx.finding(
            "record.range",
            f"precision is the unit a figure is stated to and must be positive, "
            f"found {v.precision}",
            claim,
            "value",
            "precision",
        )
    if isinstance(v, Quotation | Statement | ListItem) and not v.text.strip():
        yield ctx.finding("record.empty", "text must not be empty", claim, "value", "text")


def _inferences(ctx: Context, claim: Claim, q: Qualifiers) -> Iterator[Finding]:
    seen: set[str] = set()
    for i, inference in enumerate(q.inferred):
        name = inference.qualifier.value
        if name in seen:
            yield ctx.finding(
                "record.inference",
                f"qualifier {name} is listed as inferred twice",
                claim,
                "qualifiers",
                "inferred",
                i,
            )
        seen.add(name)
        if getattr(q, name) is None:
            yield ctx.finding(
                "record.inference",
                f"qualifier {name} is listed as inferred but has no value; "
                f"give {name} or drop the inference",
                claim,
                "qualifiers",
                "inferred",
                i,
                "qualifier",
            )


def _claim(ctx: Context, claim: Claim) -> Iterator[Finding]:
    yield from _value(ctx, claim)
    q = claim.qualifiers
    yield from _date(ctx, claim, q.as_of, "qualifiers", "as_of")
    yield from _span(ctx, claim, q.fiscal_years, "qualifiers", "fiscal_years")
    yield from _inferences(ctx, claim, q)
    if not claim.provenance:
        yield ctx.finding(
            "record.no-provenance",
            "a claim needs at least one provenance entry (source, quote, start, end)",
            claim,
            "provenance",
        )
    for i, p in enumerate(claim.provenance):
        if not p.quote:
            yield ctx.finding(
                "record.empty", "quote must not be empty", claim, "provenance", i, "quote"
            )
        if p.start < 0 or p.end < p.start:
            yield ctx.finding(
                "record.range",
                f"offsets must satisfy 0 <= start <= end, found start {p.start}, end {p.end}",
                claim,
                "provenance",
                i,
            )
    if claim.status is Status.RETRACTED:
        if not claim.reason:
            yield ctx.finding(
                "record.status",
                "a retracted claim needs a reason",
                claim,
                "status",
            )
        if claim.superseded_by == claim.id:
            yield ctx.finding(
                "record.status",
                "a claim cannot supersede itself",
                claim,
                "superseded_by",
            )
    elif claim.superseded_by is not None or claim.reason is not None:
        yield ctx.finding(
            "record.status",
            "superseded_by and reason belong to retracted claims; set status: retracted",
            claim,
            "status",
        )


def check_records(ctx: Context) -> Iterator[Finding]:
    """Types, ranges, real dates, currency codes and status of every record."""
    ds = ctx.dataset
    for source in ds.sources:
        if not _SHA256.fullmatch(source.sha256):
            yield ctx.finding(
                "record.sha256",
                f"expected 64 lowercase hex digits, found {source.sha256!r}",
                source,
                "sha256",
            )
        yield from _date(ctx, source, source.published, "published")
        for i, relation in enumerate(source.relations):
            if relation.source == source.id:
                yield ctx.finding(
                    "record.relation",
                    f"source {source.id!r} cannot be {relation.kind} itself",
                    source,
                    "relations",
                    i,
                    "source",
                )
            if not relation.note.strip():
                yield ctx.finding(
                    "record.empty",
                    "a source relation needs a note giving its evidence",
                    source,
                    "relations",
                    i,
                    "note",
                )
    for entity in ds.entities:
        if entity.iso3166 is not None and entity.iso3166 not in COUNTRIES:
            yield ctx.finding(
                "record.iso3166",
                f"expected an ISO 3166-1 alpha-2 country code such as MX, found {entity.iso3166!r}",
                entity,
                "iso3166",
            )
    for claim in ds.claims:
        yield from _claim(ctx, claim)
    for res in ds.resolutions:
        if len(set(res.claims)) < 2:
            yield ctx.finding(
                "record.resolution",
                "a resolution names at least two different claims",
                res,
                "claims",
            )
        if not res.rationale.strip():
            yield ctx.finding(
                "record.empty",
                "a resolution needs a rationale",
                res,
                "rationale",
            )
        if res.preferred is not None and res.preferred not in res.claims:
            yield ctx.finding(
                "record.resolution",
                f"preferred claim {res.preferred!r} is not one of the resolution's claims",
                res,
                "preferred",
            )
        for i, ev in enumerate(res.evidence):
            if ev.claim is None and not ev.title:
                yield ctx.finding(
                    "record.evidence",
                    "evidence names a claim, or an outside document by at least its title",
                    res,
                    "evidence",
                    i,
                )
            yield from _date(ctx, res, ev.date, "evidence", i, "date")
