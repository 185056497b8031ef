"""Conflict checks: unresolved conflict sets, stale resolutions and misfit kinds are errors.

See :mod:`carsi_claims.analysis.conflicts` for what counts as a conflict and how a
resolution matches one.  Each unresolved conflict set is one finding
``conflict.<kind>`` at the first of its claims in file order (typography- and
punctuation-only differences at severity info, different currencies a warning);
a resolution that matches no conflict is ``resolution.stale`` at its claims; a
resolution whose kind does not fit the set it resolves (``wording_variant``
where the variants differ in substance, ...) is ``resolution.kind-mismatch`` at
its kind.
"""

from __future__ import annotations

from collections.abc import Iterator

from carsi_claims.checks.base import Context
from carsi_claims.findings import Finding, Severity

__all__ = ["check_conflicts"]


def check_conflicts(ctx: Context) -> Iterator[Finding]:
    """Every unresolved conflict, and every resolution that resolves nothing."""
    from carsi_claims.analysis.conflicts import find_conflicts
    from carsi_claims.analysis.resolutions import kind_problem, resolve

    ds = ctx.dataset
    order = {c.id: i for i, c in enumerate(ds.claims)}
    matches, stale = resolve(find_conflicts(ds), ds.resolutions)
    for match in matches:
        conflict = match.conflict
        res = match.resolution
        if res is not None:
            problem = kind_problem(res, conflict)
            if problem is not None:
                yield ctx.finding(
                    "resolution.kind-mismatch",
                    f"resolution {res.id!r} has kind {res.kind.value}, but {problem}",
                    res,
                    "kind",
                )
            continue
        first = min(conflict.claims, key=order.__getitem__)
        names = ", ".join(conflict.claims)
        hint = (
            ""
            if conflict.severity is not Severity.ERROR
            else f"; if they differ on purpose, add a resolution naming every claim of the set "
            f"({names}) with a rationale"
        )
        yield ctx.finding(
            conflict.code,
            conflict.detail + hint,
            ds.claims_by_id[first],
            claim=first,
            severity=conflict.severity,
        )
    broken = ds.broken_ids.get("claims", frozenset())
    for res in stale:
        if broken.intersection(res.claims):  # it names a claim left out for a schema problem
            continue
        yield ctx.finding(
            "resolution.stale",
            f"resolution {res.id!r} matches no conflict among its claims "
            f"({', '.join(res.claims)}); remove it, or name every claim of the conflict it is for",
            res,
            "claims",
        )
