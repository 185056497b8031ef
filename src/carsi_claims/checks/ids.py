"""Id checks: well formed (ASCII, matched whole) and unique within their kind."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from carsi_claims.checks.base import Context
from carsi_claims.findings import Finding
from carsi_claims.model import ID_PATTERN, MAX_ID_LEN, is_valid_id

__all__ = ["ID_PATTERN", "MAX_ID_LEN", "check_ids", "is_valid_id"]


def _check(ctx: Context, kind: str, records: Sequence[object]) -> Iterator[Finding]:
    first: dict[str, object] = {}
    for record in records:
        rid: str = getattr(record, "id")  # noqa: B009 - every record kind has an id
        if not is_valid_id(rid):
            yield ctx.finding(
                "id.malformed",
                f"{kind} id {rid!r} is not well formed: expected lowercase ASCII letters "
                f"and digits joined by '-', '.' or '_', at most {MAX_ID_LEN} characters",
                record,
                "id",
            )
        if rid in first:
            where = ctx.dataset.locate(first[rid])
            at = f" (first at {where})" if where else ""
            yield ctx.finding("id.duplicate", f"duplicate {kind} id {rid!r}{at}", record, "id")
        else:
            first[rid] = record


def check_ids(ctx: Context) -> Iterator[Finding]:
    """Every id is well formed and unique among records of its kind."""
    ds = ctx.dataset
    yield from _check(ctx, "source", ds.sources)
    yield from _check(ctx, "entity", ds.entities)
    yield from _check(ctx, "claim", ds.claims)
    yield from _check(ctx, "resolution", ds.resolutions)
