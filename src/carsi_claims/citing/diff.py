"""Comparing two versions of a claims file: what changed for the projects that cite it.

:func:`diff` compares an old and a new dataset by claim id and resolution id:

- claims ``added`` and ``removed`` (a published id must never be removed);
  ``retracted``, ``superseded`` (retracted with ``superseded_by``) and
  ``reinstated``; ``changed-meaning`` when the fingerprint differs
  (:mod:`carsi_claims.analysis.meaning`) and ``corrected`` when the new file's
  ``corrections`` accept that change; ``edited`` when only what is not
  meaning changed (notes, offsets, reasons);
- resolutions ``added``, ``removed``, ``changed``, ``re-pinned`` (only their
  pins changed), ``went-stale`` and ``no-longer-stale`` (stale: matching no
  conflict, or a pinned claim changed meaning);
- coverage: figure mentions of the sources newly uncovered, or no longer.

The comparison is antisymmetric: what ``diff(a, b)`` finds added,
``diff(b, a)`` finds removed, and so on (:data:`OPPOSITE`).  Rendering as
text, Markdown (for a pull-request comment) or JSON is in
:func:`render_diff`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, Final, TextIO

import attrs

from carsi_claims.analysis.meaning import fingerprints
from carsi_claims.dataset import Dataset
from carsi_claims.model import Claim, Resolution, Status

__all__ = [
    "CLAIM_CHANGES",
    "FORMATS",
    "OPPOSITE",
    "RESOLUTION_CHANGES",
    "ClaimDiff",
    "ClaimState",
    "CoverageDiff",
    "DatasetDiff",
    "ResolutionDiff",
    "diff",
    "render_diff",
    "stale_resolutions",
]

#: The kinds of claim change, in the order they are reported (the worst first).
CLAIM_CHANGES: Final = (
    "changed-meaning",
    "removed",
    "added",
    "retracted",
    "superseded",
    "reinstated",
    "corrected",
    "edited",
)
#: The kinds of resolution change, in the order they are reported.
RESOLUTION_CHANGES: Final = (
    "went-stale",
    "no-longer-stale",
    "added",
    "removed",
    "changed",
    "re-pinned",
)
#: What each change is seen as in the opposite direction (``diff(b, a)``).
OPPOSITE: Final[Mapping[str, str]] = {
    "added": "removed",
    "removed": "added",
    "retracted": "reinstated",
    "superseded": "reinstated",
    "went-stale": "no-longer-stale",
    "no-longer-stale": "went-stale",
}
#: Output formats of :func:`render_diff`.
FORMATS: Final = ("text", "markdown", "json")


@attrs.frozen
class ClaimState:
    """A claim as one side of a diff has it: its status and its meaning."""

    status: str
    superseded_by: str | None
    reason: str | None
    fingerprint: str
    #: The canonical form, as canonical JSON text.
    form: str

    @classmethod
    def of(cls, claim: Claim, meaning: tuple[str, str]) -> ClaimState:
        return cls(claim.status.value, claim.superseded_by, claim.reason, *meaning)

    def meaning(self) -> Any:
        return json.loads(self.form)

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "superseded_by": self.superseded_by,
            "reason": self.reason,
            "fingerprint": self.fingerprint,
            "meaning": self.meaning(),
        }


@attrs.frozen
class ClaimDiff:
    """How one claim id differs between the two sides (``before`` or ``after`` None when absent)."""

    id: str
    changes: tuple[str, ...]
    before: ClaimState | None
    after: ClaimState | None
    #: The reason of the correction that accepts a change of fingerprint.
    correction: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "changes": list(self.changes),
            "before": None if self.before is None else self.before.to_json(),
            "after": None if self.after is None else self.after.to_json(),
            "correction": self.correction,
        }


@attrs.frozen
class ResolutionDiff:
    """How one resolution id differs between the two sides."""

    id: str
    changes: tuple[str, ...]
    #: The fields that differ, for ``changed`` and ``re-pinned``.
    fields: tuple[str, ...] = ()
    #: Why it is stale on the new side, for ``went-stale``.
    stale: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "changes": list(self.changes),
            "fields": list(self.fields),
            "stale": self.stale,
        }


#: A figure mention, as coverage diffs name it: source id, start, end, text.
MentionKey = tuple[str, int, int, str]


@attrs.frozen
class CoverageDiff:
    """Coverage of the sources' figure mentions on each side."""

    before: tuple[int, int]  # (mentions, uncovered)
    after: tuple[int, int]
    newly_uncovered: tuple[MentionKey, ...] = ()
    no_longer_uncovered: tuple[MentionKey, ...] = ()

    @property
    def empty(self) -> bool:
        return (
            self.before == self.after and not self.newly_uncovered and not self.no_longer_uncovered
        )

    def to_json(self) -> dict[str, Any]:
        def mention(key: MentionKey) -> dict[str, Any]:
            return dict(zip(("source", "start", "end", "text"), key, strict=True))

        return {
            "before": {"mentions": self.before[0], "uncovered": self.before[1]},
            "after": {"mentions": self.after[0], "uncovered": self.after[1]},
            "newly_uncovered": [mention(k) for k in self.newly_uncovered],
            "no_longer_uncovered": [mention(k) for k in self.no_longer_uncovered],
        }


@attrs.frozen
class DatasetDiff:
    """Everything that differs between an old and a new claims file."""

    old: str
    new: str
    claims: tuple[ClaimDiff, ...] = ()
    resolutions: tuple[ResolutionDiff, ...] = ()
    coverage: CoverageDiff | None = None

    @property
    def empty(self) -> bool:
        return (
            not self.claims
            and not self.resolutions
            and (self.coverage is None or self.coverage.empty)
        )

    @property
    def breaking(self) -> tuple[ClaimDiff, ...]:
        """Published ids that changed meaning or were removed: what exits 1."""
        return tuple(c for c in self.claims if {"changed-meaning", "removed"} & set(c.changes))

    def counts(self) -> dict[str, dict[str, int]]:
        claims = {k: sum(k in c.changes for c in self.claims) for k in CLAIM_CHANGES}
        res = {k: sum(k in r.changes for r in self.resolutions) for k in RESOLUTION_CHANGES}
        return {"claims": claims, "resolutions": res}

    def summary(self) -> str:
        """One line: what changed, the worst first."""
        counts = self.counts()
        parts = [f"{n} claim(s) {_LABELS[k]}" for k, n in counts["claims"].items() if n]
        parts += [f"{n} resolution(s) {_LABELS[k]}" for k, n in counts["resolutions"].items() if n]
        if self.coverage is not None and not self.coverage.empty:
            (_, before), (_, after) = self.coverage.before, self.coverage.after
            parts.append(f"uncovered figure mentions {before} -> {after}")
        return ", ".join(parts) if parts else "no changes"

    def to_json(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "summary": self.summary(),
            "breaking": [c.id for c in self.breaking],
            "counts": self.counts(),
            "claims": [c.to_json() for c in self.claims],
            "resolutions": [r.to_json() for r in self.resolutions],
            "coverage": None if self.coverage is None else self.coverage.to_json(),
        }


_LABELS: Final = {
    "changed-meaning": "changed meaning",
    "removed": "removed",
    "added": "added",
    "retracted": "retracted",
    "superseded": "superseded",
    "reinstated": "reinstated",
    "corrected": "corrected",
    "edited": "edited (meaning unchanged)",
    "went-stale": "went stale",
    "no-longer-stale": "no longer stale",
    "changed": "changed",
    "re-pinned": "re-pinned",
}


# -- comparing ------------------------------------------------------------------


def stale_resolutions(dataset: Dataset) -> dict[str, str]:
    """Each stale resolution's id and why: it matches no conflict, or its pins no longer hold."""
    from carsi_claims.analysis.conflicts import find_conflicts
    from carsi_claims.analysis.resolutions import resolve
    from carsi_claims.checks.meaning import stale_pins

    _, unmatched = resolve(find_conflicts(dataset), dataset.resolutions)
    reasons: dict[str, list[str]] = {r.id: ["it matches no conflict"] for r in unmatched}
    meanings = fingerprints(dataset.claims)
    for res in dataset.resolutions:
        pins = stale_pins(res, meanings)
        if pins:
            reasons.setdefault(res.id, []).extend(pins)
    return {rid: "; ".join(why) for rid, why in reasons.items()}


def _claim_changes(old: Claim, new: Claim, fixed: bool, same_meaning: bool) -> list[str]:
    changes: list[str] = []
    if not same_meaning:
        changes.append("corrected" if fixed else "changed-meaning")
    if old.status is Status.ACTIVE and new.status is Status.RETRACTED:
        changes.append("superseded" if new.superseded_by else "retracted")
    elif old.status is Status.RETRACTED and new.status is Status.ACTIVE:
        changes.append("reinstated")
    if not changes and old != new:
        changes.append("edited")
    return changes


def _claims(old: Dataset, new: Dataset) -> list[ClaimDiff]:
    before, after = fingerprints(old.claims), fingerprints(new.claims)
    fixes = {(c.claim, c.old, c.new): c.reason for c in new.corrections}
    out: list[ClaimDiff] = []
    for claim_id in sorted(set(before) | set(after)):
        a = old.claims_by_id.get(claim_id)
        b = new.claims_by_id.get(claim_id)
        sa = None if a is None else ClaimState.of(a, before[claim_id])
        sb = None if b is None else ClaimState.of(b, after[claim_id])
        if a is None or b is None or sa is None or sb is None:
            out.append(ClaimDiff(claim_id, ("added",) if a is None else ("removed",), sa, sb))
            continue
        fix = fixes.get((claim_id, sa.fingerprint, sb.fingerprint))
        changes = _claim_changes(a, b, fix is not None, sa.fingerprint == sb.fingerprint)
        if changes:
            out.append(ClaimDiff(claim_id, tuple(changes), sa, sb, fix))
    return out


def _fields(a: Resolution, b: Resolution) -> tuple[str, ...]:
    return tuple(
        f.name for f in attrs.fields(Resolution) if getattr(a, f.name) != getattr(b, f.name)
    )


def _resolutions(old: Dataset, new: Dataset) -> list[ResolutionDiff]:
    a_by = {r.id: r for r in old.resolutions}
    b_by = {r.id: r for r in new.resolutions}
    stale_a, stale_b = stale_resolutions(old), stale_resolutions(new)
    out: list[ResolutionDiff] = []
    for rid in sorted(set(a_by) | set(b_by)):
        a, b = a_by.get(rid), b_by.get(rid)
        if a is None or b is None:
            out.append(ResolutionDiff(rid, ("added",) if a is None else ("removed",)))
            continue
        changes: list[str] = []
        if rid in stale_b and rid not in stale_a:
            changes.append("went-stale")
        elif rid in stale_a and rid not in stale_b:
            changes.append("no-longer-stale")
        fields = _fields(a, b)
        if fields:
            changes.append("re-pinned" if fields == ("pins",) else "changed")
        if changes:
            out.append(ResolutionDiff(rid, tuple(changes), fields, stale_b.get(rid)))
    return out


def _uncovered(dataset: Dataset) -> tuple[int, set[MentionKey]] | None:
    from carsi_claims.analysis.coverage import coverage

    if dataset.seeds_dir is None or not dataset.seeds_dir.is_dir():
        return None
    report = coverage(dataset)
    return len(report.mentions), {
        (m.source, m.figure.start, m.figure.end, m.figure.text) for m in report.uncovered
    }


def _coverage(old: Dataset, new: Dataset) -> CoverageDiff | None:
    a, b = _uncovered(old), _uncovered(new)
    if a is None or b is None:
        return None
    return CoverageDiff(
        (a[0], len(a[1])),
        (b[0], len(b[1])),
        tuple(sorted(b[1] - a[1])),
        tuple(sorted(a[1] - b[1])),
    )


def diff(
    old: Dataset, new: Dataset, *, old_name: str = "old", new_name: str = "new"
) -> DatasetDiff:
    """What differs from ``old`` to ``new``: claims, resolutions, coverage."""
    return DatasetDiff(
        old_name,
        new_name,
        tuple(_claims(old, new)),
        tuple(_resolutions(old, new)),
        _coverage(old, new),
    )


# -- rendering ----------------------------------------------------------------------


def _quoted(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _describe(state: ClaimState) -> list[str]:
    """A claim's meaning as lines: kind, subject and property, value, qualifiers, quotes."""
    form = state.meaning()
    lines = [f"{form.get('kind')} {form.get('subject')} / {form.get('property')}"]
    lines.append(f"value: {_quoted(form.get('value'))}")
    if form.get("qualifiers"):
        lines.append(f"qualifiers: {_quoted(form['qualifiers'])}")
    rest = {
        k: v
        for k, v in form.items()
        if k not in ("kind", "subject", "property", "value", "qualifiers", "provenance")
    }
    lines += [f"{k}: {_quoted(v)}" for k, v in sorted(rest.items())]
    lines += [f"quote ({p.get('source')}): {_quoted(p.get('quote'))}" for p in form["provenance"]]
    return lines


def _status(state: ClaimState) -> str:
    if state.status == Status.ACTIVE.value:
        return "active"
    successor = f", superseded by {state.superseded_by}" if state.superseded_by else ""
    return f"retracted ({state.reason or 'no reason given'}{successor})"


def _claim_lines(c: ClaimDiff) -> list[str]:
    """The detail lines of one claim change (before -, after +, context plain)."""
    lines: list[str] = []
    a, b = c.before, c.after
    if a is None:
        return [] if b is None else [f"+ {line}" for line in _describe(b)]
    if b is None:
        return [f"- {line}" for line in _describe(a)]
    if a.fingerprint != b.fingerprint:
        lines.append(f"meaning {a.fingerprint} -> {b.fingerprint}")
        lines += [f"- {line}" for line in _describe(a)]
        lines += [f"+ {line}" for line in _describe(b)]
        if c.correction is not None:
            lines.append(f"correction: {c.correction}")
    if a.status != b.status or a.superseded_by != b.superseded_by:
        lines.append(f"status: {_status(a)} -> {_status(b)}")
    return lines


def _sections(d: DatasetDiff) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """(heading, [(item, detail lines)]) for each kind of change that occurred."""
    out: list[tuple[str, list[tuple[str, list[str]]]]] = []
    for kind in CLAIM_CHANGES:
        items = [(c.id, _claim_lines(c)) for c in d.claims if c.changes[0] == kind]
        if items:
            out.append((f"Claims {_LABELS[kind]}", items))
    for kind in RESOLUTION_CHANGES:
        items = []
        for r in d.resolutions:
            if r.changes[0] != kind:
                continue
            detail = [f"also {_LABELS[k]}" for k in r.changes[1:]]
            if r.fields:
                detail.append("fields: " + ", ".join(r.fields))
            if r.stale:
                detail.append(f"stale: {r.stale}")
            items.append((r.id, detail))
        if items:
            out.append((f"Resolutions {_LABELS[kind]}", items))
    cov = d.coverage
    if cov is not None and not cov.empty:
        items = [
            (f"{src} {start}-{end}", [f"newly uncovered: {_quoted(text)}"])
            for src, start, end, text in cov.newly_uncovered
        ]
        items += [
            (f"{src} {start}-{end}", [f"no longer uncovered: {_quoted(text)}"])
            for src, start, end, text in cov.no_longer_uncovered
        ]
        heading = (
            f"Coverage: {cov.before[0]} -> {cov.after[0]} figure mention(s), "
            f"{cov.before[1]} -> {cov.after[1]} uncovered"
        )
        out.append((heading, items))
    return out


def _text(d: DatasetDiff, out: TextIO) -> None:
    out.write(f"carsi-claims diff {d.old} -> {d.new}: {d.summary()}\n")
    for heading, items in _sections(d):
        out.write(f"\n{heading}:\n")
        for name, lines in items:
            out.write(f"  {name}\n")
            out.write("".join(f"      {line}\n" for line in lines))


def _fence(lines: Iterable[str]) -> str:
    body = "\n".join(lines)
    ticks = "```"
    while ticks in body:
        ticks += "`"
    return f"{ticks}diff\n{body}\n{ticks}\n"


def _markdown(d: DatasetDiff, out: TextIO) -> None:
    verdict = "**published ids changed meaning**: " if d.breaking else ""
    out.write(f"**carsi-claims diff** `{d.old}` -> `{d.new}`: {verdict}{d.summary()}\n")
    for heading, items in _sections(d):
        out.write(f"\n### {heading}\n\n")
        for name, lines in items:
            out.write(f"- `{name}`\n")
            if lines:
                out.write("\n" + "".join(f"  {line}\n" for line in _fence(lines).splitlines()))
                out.write("\n")


def render_diff(d: DatasetDiff, fmt: str, out: TextIO) -> None:
    """Write ``d`` as ``text``, ``markdown`` (summary line first) or ``json``."""
    if fmt == "json":
        from carsi_claims._json import write

        write(d.to_json(), out)
    elif fmt == "markdown":
        _markdown(d, out)
    elif fmt == "text":
        _text(d, out)
    else:
        raise ValueError(f"unknown diff format {fmt!r}; expected one of {', '.join(FORMATS)}")
