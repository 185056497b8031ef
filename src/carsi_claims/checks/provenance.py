"""Provenance checks: the source is pinned and the quote stands at its offsets."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Final

from carsi_claims.checks.base import Context
from carsi_claims.findings import Finding, Severity
from carsi_claims.model import Claim, Provenance, Source
from carsi_claims.read.seeds import SeedError, SeedText
from carsi_claims.text import normalize, smallest_period

__all__ = ["check_provenance", "occurrences"]

_SHOWN: Final = 3


def _run_end(text: str, start: int, period: int, end: int) -> int:
    """Where the run of ``period`` that ``text[start:end]`` begins ends (gallop, then bisect)."""
    step = max(1, end - start)
    while end < len(text):
        n = min(step, len(text) - end)
        if text[end : end + n] == text[end - period : end - period + n]:
            end, step = end + n, 2 * step
            continue
        lo, hi = 0, n  # the first lo characters continue the run; the first hi do not
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if text[end : end + mid] == text[end - period : end - period + mid]:
                lo = mid
            else:
                hi = mid
        return end + lo
    return end


def occurrences(text: str, quote: str, shown: int = _SHOWN) -> tuple[list[int], int]:
    """The first ``shown`` start offsets of ``quote`` in ``text``, and how many there are.

    Overlapping occurrences count.  Linear in ``len(text) + len(quote)``: a
    quote that repeats with a period of at most half its length (``"ha ha
    ha"``) stands only at multiples of that period inside a run of it, so a
    run is measured once and its occurrences counted, not searched one by one.
    """
    starts: list[int] = []
    count = 0
    size = len(quote)
    at = text.find(quote) if quote else -1
    period = 0
    while at != -1:
        nxt = text.find(quote, at + 1)
        if nxt == -1 or nxt - at >= size or (period := period or smallest_period(quote)) * 2 > size:
            starts.extend([at][: shown - len(starts)])
            count += 1
            at = nxt
            continue
        # a run of the period: the quote stands at at, at + period, ... while it fits
        end = _run_end(text, at, period, at + size)
        k = (end - at - size) // period + 1
        starts.extend(range(at, at + period * min(k, shown - len(starts)), period))
        count += k
        at = text.find(quote, end - period + 1)
    return starts, count


def _mismatch(claim_quote: str, text: str, p: Provenance, folded: Callable[[], str]) -> str:
    if p.end > len(text):
        head = f"offsets {p.start}..{p.end} run past the end of the source ({len(text)} characters)"
    else:
        found_text = text[p.start : p.end]
        shown = found_text if len(found_text) <= 60 else found_text[:57] + "..."
        head = f"the source has {shown!r} at {p.start}..{p.end}, not the quote"
    starts, count = occurrences(text, claim_quote)
    if starts:
        where = ", ".join(f"start: {s}, end: {s + len(claim_quote)}" for s in starts)
        more = f" (and {count - _SHOWN} more)" if count > _SHOWN else ""
        return f"{head}; the quote stands at {where}{more}"
    if normalize(claim_quote) in folded():
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
    folded: Callable[[], str],
) -> Iterator[Finding]:
    if seed is None:
        yield ctx.finding(  # a consequence of the source's own error: marked, not an error
            "provenance.unverified",
            f"cannot verify the quote: source {p.source!r} ({source.path}) cannot be read "
            "(a consequence of the error reported at the source)",
            claim,
            "provenance",
            i,
            severity=Severity.INFO,
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
        why = _mismatch(p.quote, seed.text, p, folded)
        yield ctx.finding(
            "provenance.quote-mismatch",
            f"quote not found at its offsets in {source.path}: {why}",
            claim,
            "provenance",
            i,
        )


def check_provenance(ctx: Context) -> Iterator[Finding]:
    """Sources stay in the seeds folder and match their hash; quotes match the text exactly."""
    if ctx.seeds is None:
        return
    ds = ctx.dataset
    seeds: dict[str, tuple[SeedText | None, bool, Callable[[], str]]] = {}
    for source in ds.sources:
        if source.id in seeds:
            continue
        seed, problems = _read(ctx, source)
        text = seed.text if seed is not None else ""
        # the seed's text folded for typography, once, when a quote first needs it
        seeds[source.id] = (seed, not problems, functools.cache(lambda t=text: normalize(t)))
        yield from problems
    for claim in ds.claims:
        for i, p in enumerate(claim.provenance):
            cited = ds.sources_by_id.get(p.source)
            if cited is None:
                continue  # reported by the reference checks
            seed, pinned, folded = seeds[cited.id]
            yield from _check_entry(ctx, claim, i, p, seed, pinned, cited, folded)
