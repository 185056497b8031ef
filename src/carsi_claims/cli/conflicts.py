"""The ``conflicts`` command: every conflict, its claims, sources and status."""

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
    from carsi_claims.analysis.conflicts import Match
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
    data = match.conflict.to_json()
    from carsi_claims.analysis.conflicts import sources_of

    data["sources"] = {cid: sources_of(dataset.claims_by_id[cid]) for cid in match.conflict.claims}
    res = match.resolution
    data["status"] = "unresolved" if res is None else "resolved"
    data["resolution"] = None if res is None else res.id
    return data


def _text(dataset: Dataset, matches: list[Match], stale: list[Resolution], out: TextIO) -> None:
    from carsi_claims.analysis.conflicts import sources_of
    from carsi_claims.findings import Severity

    for match in matches:
        c = match.conflict
        res = match.resolution
        status = "UNRESOLVED" if res is None else f"resolved by {res.id} ({res.kind})"
        flag = " [undetermined]" if c.undetermined else ""
        out.write(f"{c.code} ({c.severity}){flag}: {status}\n")
        for cid in c.claims:
            out.write(f"  {cid}  sources: {', '.join(sources_of(dataset.claims_by_id[cid]))}\n")
        out.write(f"  {c.detail}\n")
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
    out.write(
        f"{len(matches)} conflict(s): {unresolved} unresolved error(s), "
        f"{len(stale)} stale resolution(s)\n"
    )


def _cmd_conflicts(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims.analysis.conflicts import find_conflicts, resolve
    from carsi_claims.findings import Severity

    dataset = load(args)
    matches, stale = resolve(find_conflicts(dataset), dataset.resolutions)
    failed = bool(stale) or any(
        m.resolution is None and m.conflict.severity is Severity.ERROR for m in matches
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
        "list conflicts between claims and the resolutions that account for them",
        _cmd_conflicts,
        exit_codes="0 every conflict resolved and no resolution stale, 1 a conflict "
        "unresolved or a resolution stale, 2 unreadable input or bad usage",
    )
    dataset_args(p)
    format_arg(p)
