"""Provenance checks: the source is pinned and the quote stands at its offsets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from carsi_claims.checks.base import Context
from carsi_claims.findings import Finding
from carsi_claims.model import Claim, Provenance, Source
from carsi_claims.read.seeds import SeedError, SeedText
from carsi_claims.text import normalize

__all__ = ["check_provenance", "find_all"]

_SHOWN: Final = 3


def find_all(text: str, quote: str) -> list[int]:
    """Every start offset of ``quote`` in ``text`` (overlapping ones too)."""
    found: list[int] = []
    at = text.find(quote)
    while at != -1:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def _mismatch(claim_quote: str, seed: SeedText, p: Provenance) -> str:
    text = seed.text
    if p.end > len(text):
        head = f"offsets {p.start}..{p.end} run past the end of the source ({len(text)} characters)"
    else:
        found_text = text[p.start : p.end]
        shown = found_text if len(found_text) <= 60 else found_text[:57] + "..."
        head = f"the source has {shown!r} at {p.start}..{p.end}, not the quote"
    starts = find_all(text, claim_quote)
    if starts:
        where = ", ".join(f"start: {s}, end: {s + len(claim_quote)}" for s in starts[:_SHOWN])
        more = f" (and {len(starts) - _SHOWN} more)" if len(starts) > _SHOWN else ""
        return f"{head}; the quote stands at {where}{more}"
    if normalize(claim_quote) in normalize(text):
        return (
            f"{head}; the quote is not in the source as written, though text differing only in "
            "typography or case is: copy the source's exact characters"
        )
    return f"{head}; the quote does not occur anywhere in the source"


def _read(ctx: Context, source: Source) -> tuple[SeedText | None, list[Finding]]:
    assert ctx.seeds is not None
    try:
        seed = ctx.seeds.read(source.path)
    except SeedError as exc:
        return None, [ctx.finding(exc.code, str(exc), source, "path")]
    if seed.sha256 != source.sha256:
        return seed, [
            ctx.finding(
                "provenance.hash-mismatch",
                f"source file {source.path!r} has sha256 {seed.sha256}, but the dataset pins "
                f"{source.sha256}: the document changed, so no quote from it is verified",
                source,
                "sha256",
            )
        ]
    return seed, []


def _check_entry(
    ctx: Context,
    claim: Claim,
    i: int,
    p: Provenance,
    seed: SeedText | None,
    pinned: bool,
    source: Source,
) -> Iterator[Finding]:
    if seed is None:
        yield ctx.finding(
            "provenance.unverified",
            f"cannot verify the quote: source {p.source!r} ({source.path}) cannot be read",
            claim,
            "provenance",
            i,
        )
        return
    if not pinned:
        yield ctx.finding(
            "provenance.source-changed",
            f"source {p.source!r} ({source.path}) no longer matches its pinned sha256; "
            "re-verify this quote against the new text",
            claim,
            "provenance",
            i,
        )
    if not p.quote or p.start < 0 or p.end < p.start:
        return  # reported by the record checks
    if seed.text[p.start : p.end] != p.quote:
        yield ctx.finding(
            "provenance.quote-mismatch",
            f"quote not found at its offsets in {source.path}: {_mismatch(p.quote, seed, p)}",
            claim,
            "provenance",
            i,
        )


def check_provenance(ctx: Context) -> Iterator[Finding]:
    """Sources stay in the seeds folder and match their hash; quotes match the text exactly."""
    if ctx.seeds is None:
        return
    ds = ctx.dataset
    seeds: dict[str, tuple[SeedText | None, bool]] = {}
    for source in ds.sources:
        if source.id in seeds:
            continue
        seed, problems = _read(ctx, source)
        seeds[source.id] = (seed, not problems)
        yield from problems
    for claim in ds.claims:
        for i, p in enumerate(claim.provenance):
            cited = ds.sources_by_id.get(p.source)
            if cited is None:
                continue  # reported by the reference checks
            seed, pinned = seeds[cited.id]
            yield from _check_entry(ctx, claim, i, p, seed, pinned, cited)
