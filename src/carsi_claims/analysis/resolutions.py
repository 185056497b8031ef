"""Resolutions: which conflict set each resolves, which are stale, which kinds do not fit.

A resolution resolves a conflict set (:class:`carsi_claims.analysis.conflicts.Conflict`)
when it names every claim of the set; :func:`kind_problem` checks that its
kind says something the set can bear.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import attrs

from carsi_claims._records import Record
from carsi_claims.analysis.conflicts import TEXT_KINDS, Conflict, ConflictKind
from carsi_claims.analysis.wording import content_words
from carsi_claims.model import Resolution, ResolutionKind

__all__ = ["Match", "kind_problem", "resolve"]


@attrs.frozen(repr=False, eq=False)
class Match(Record):
    """A conflict and the resolution that resolves it (None: unresolved)."""

    conflict: Conflict
    resolution: Resolution | None


def resolve(
    conflicts: Iterable[Conflict], resolutions: Sequence[Resolution]
) -> tuple[list[Match], list[Resolution]]:
    """Match conflict sets to resolutions; return the matches and the stale resolutions.

    A set is resolved by the first resolution whose claims include every claim
    of the set; a resolution that resolves none is stale.
    """
    by_claim: dict[str, list[int]] = defaultdict(list)
    named = [frozenset(r.claims) for r in resolutions]
    for i, names in enumerate(named):
        for cid in names:
            by_claim[cid].append(i)
    used: set[int] = set()
    matches: list[Match] = []
    for conflict in conflicts:
        candidates = by_claim.get(conflict.claims[0], []) if conflict.claims else []
        hit = next((i for i in candidates if named[i].issuperset(conflict.claims)), None)
        if hit is not None:
            used.add(hit)
        matches.append(Match(conflict, None if hit is None else resolutions[hit]))
    stale = [r for i, r in enumerate(resolutions) if i not in used]
    return matches, stale


def _content_change(conflict: Conflict) -> str | None:
    """The content words that some variants of a text conflict have and others lack."""
    texts = [v.text for v in conflict.variants if v.text is not None]
    if len(texts) < 2:
        return None
    bags = [content_words(t) for t in texts]
    union: Counter[str] = Counter()
    for bag in bags:
        union |= bag
    differing = sorted(w for w in union if any(bag[w] != union[w] for bag in bags))
    return ", ".join(repr(w) for w in differing) if differing else None


def kind_problem(resolution: Resolution, conflict: Conflict) -> str | None:
    """Why ``resolution``'s kind does not fit ``conflict`` (the set it resolves), or None.

    - ``misattribution`` resolves only a misattribution;
    - ``wording_variant`` and ``wording_revised`` only differences of wording
      (statements, list items, quotations); ``wording_variant`` says the
      variants differ in form only, so their content words (the words that are
      not :data:`FUNCTION_WORDS`) must be the same;
    - ``different_as_of`` needs variants with different times (an as-of date or
      fiscal years, or one known and the other not);
    - ``different_scope`` needs variants with different scopes;
    - ``source_error`` and ``undetermined`` fit any conflict.
    """
    kind = resolution.kind
    ck = conflict.kind
    if kind is ResolutionKind.MISATTRIBUTION and ck is not ConflictKind.MISATTRIBUTION:
        return f"the set it resolves is a {ck.value} conflict, not a misattribution"
    if kind in (ResolutionKind.WORDING_VARIANT, ResolutionKind.WORDING_REVISED):
        if ck not in TEXT_KINDS:
            return f"the set it resolves is a {ck.value} conflict, not a difference of wording"
        if kind is ResolutionKind.WORDING_VARIANT:
            changed = _content_change(conflict)
            if changed is not None:
                return (
                    f"the variants differ in substance, not only in form: the content words "
                    f"{changed} are not in every variant (a wording_variant may differ only in "
                    "typography, punctuation and function words; use undetermined, "
                    "wording_revised or source_error, as the evidence shows)"
                )
    if kind is ResolutionKind.DIFFERENT_AS_OF and len({v.when for v in conflict.variants}) < 2:
        return "every variant of the set it resolves has the same time (or none)"
    if kind is ResolutionKind.DIFFERENT_SCOPE and len({v.scope for v in conflict.variants}) < 2:
        return "every variant of the set it resolves has the same scope"
    return None
