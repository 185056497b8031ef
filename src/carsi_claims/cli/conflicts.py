"""The ``conflicts`` command: one report per conflict set, with every variant and its status."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TextIO

from carsi_claims.cli.common import (
    EXIT_ERRORS,
    EXIT_OK,
    add_command,
    dataset_args,
    format_arg,
    load,
    write_json,
)

if TYPE_CHECKING:
    from carsi_claims.analysis.resolutions import Match
    from carsi_claims.dataset import Dataset
    from carsi_claims.model import Resolution

__all__ = ["add_commands"]


def _evidence(res: Resolution) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for ev in res.evidence:
        if ev.claim is not None:
            out.append({"claim": ev.claim, "verifiable": True})
        else:
            out.append(
                {
                    "title": ev.title,
                    "publisher": ev.publisher,
                    "date": None if ev.date is None else str(ev.date),
                    "identifier": ev.identifier,
                    "url": ev.url,
                    "quote": ev.quote,
                    "verifiable": False,
                    "note": "not verifiable against local text",
                }
            )
    return out


def _match_json(dataset: Dataset, match: Match) -> dict[str, Any]:
    from carsi_claims.analysis.conflicts import sources_of
    from carsi_claims.analysis.resolutions import kind_problem

    data = match.conflict.to_dict()
    data["sources"] = {cid: sources_of(dataset.claims_by_id[cid]) for cid in match.conflict.claims}
    res = match.resolution
    data["status"] = "unresolved" if res is None else "resolved"
    data["resolution"] = None if res is None else res.id
    data["kind_problem"] = None if res is None else kind_problem(res, match.conflict)
    return data


def _status(match: Match) -> str:
    """The heading of one conflict: its code, and resolved, unresolved or needing nothing."""
    from carsi_claims.analysis.resolutions import kind_problem
    from carsi_claims.findings import Severity

    c, res = match.conflict, match.resolution
    flag = " [undetermined]" if c.undetermined else ""
    if c.leans_on_inference:
        flag += " [leans on an inference]"
    if res is not None:
        problem = kind_problem(res, c)
        misfit = "" if problem is None else f"; error: the kind does not fit: {problem}"
        return f"{c.code}{flag}: resolved by {res.id} ({res.kind}){misfit}"
    if c.severity is Severity.ERROR:
        return f"{c.code} (error){flag}: UNRESOLVED"
    return f"{c.code} ({c.severity}){flag}: not an error, no resolution needed"


def _text(dataset: Dataset, matches: list[Match], stale: list[Resolution], out: TextIO) -> None:
    from carsi_claims.findings import Severity

    for match in matches:
        c = match.conflict
        res = match.resolution
        out.write(_status(match) + "\n")
        if c.question:
            out.write(f"  question: {c.question}\n")
        for n, v in enumerate(c.variants, 1):
            out.write(f"  variant {n}: {', '.join(v.claims)}\n")
            out.write(f"    sources: {', '.join(v.sources)}\n")
            says = f"“{v.text}”" if v.text is not None else v.says
            out.write(f"    says: {says}{f' [{v.when}]' if v.when else ''}\n")
        for d in c.diffs:
            out.write(f"  diff {d.a + 1} -> {d.b + 1}: {d.diff}\n")
        out.write(f"  why: {c.reason}\n")
        if res is not None:
            for ev in res.evidence:
                if ev.claim is None:
                    out.write(f"  evidence: {ev.title!r} (not verifiable against local text)\n")
        out.write("\n")
    for res in stale:
        out.write(f"resolution.stale: {res.id} ({', '.join(res.claims)}) matches no conflict\n\n")
    unresolved = sum(
        1 for m in matches if m.resolution is None and m.conflict.severity is Severity.ERROR
    )
    misfits = len(_misfits(matches))
    out.write(
        f"{len(matches)} conflict(s): {unresolved} unresolved error(s), "
        f"{len(stale)} stale resolution(s), {misfits} resolution(s) of a kind that does not fit\n"
    )


def _misfits(matches: list[Match]) -> list[Match]:
    from carsi_claims.analysis.resolutions import kind_problem

    return [
        m for m in matches if m.resolution is not None and kind_problem(m.resolution, m.conflict)
    ]


def _cmd_conflicts(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims.analysis.conflicts import find_conflicts
    from carsi_claims.analysis.resolutions import resolve
    from carsi_claims.findings import Severity

    dataset = load(args)
    matches, stale = resolve(find_conflicts(dataset), dataset.resolutions)
    failed = (
        bool(stale)
        or any(m.resolution is None and m.conflict.severity is Severity.ERROR for m in matches)
        or bool(_misfits(matches))
    )
    if args.format == "json":
        by_id = {r.id: r for r in dataset.resolutions}
        write_json(
            {
                "ok": not failed,
                "conflicts": [_match_json(dataset, m) for m in matches],
                "resolutions": {
                    rid: {"kind": r.kind.value, "evidence": _evidence(r)}
                    for rid, r in by_id.items()
                },
                "stale": [r.id for r in stale],
            },
            out,
        )
    else:
        _text(dataset, matches, stale, out)
    return EXIT_ERRORS if failed else EXIT_OK


def add_commands(sub: argparse._SubParsersAction[Any]) -> None:
    """Add ``conflicts`` to the command line's subparsers."""

    p = add_command(
        sub,
        "conflicts",
        "report each disagreement between claims as one set, and the resolution that "
        "accounts for it",
        _cmd_conflicts,
        details="A conflict is every claim that answers one question (same subject, property,\n"
        "time and scope), grouped into variants: each variant with its claims and\n"
        "sources, the word diff of each variant against each other, and why they\n"
        "disagree. Differences of typography or punctuation only are info.",
        exit_codes="0 every conflict resolved, no resolution stale and every resolution's "
        "kind fitting its conflict, 1 otherwise, 2 unreadable input or bad usage",
    )
    dataset_args(p)
    format_arg(p)
