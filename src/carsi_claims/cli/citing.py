"""The commands that keep figures tracked and ids citable: coverage, lock, cite, check-refs.

Registered on the ``carsi-claims`` parser by :func:`add_commands`; each
command takes ``(args, out, err)`` and returns the exit code (0 no errors,
1 errors found, 2 unreadable input or bad usage).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TextIO

from carsi_claims.cli.common import (
    EXIT_ERRORS,
    EXIT_OK,
    EXIT_USAGE,
    dataset_args,
    find_claim,
    format_arg,
    load,
    write_json,
)

if TYPE_CHECKING:
    from carsi_claims.analysis.coverage import CoverageReport
    from carsi_claims.dataset import Dataset

__all__ = ["add_commands"]


# -- coverage ------------------------------------------------------------------


def _coverage_json(dataset: Dataset, report: CoverageReport) -> dict[str, object]:
    from carsi_claims.checks.coverage import coverage_findings

    findings = list(coverage_findings(report, dataset))
    return {
        "ok": report.complete,
        "summary": _summary(report),
        "mentions": [m.to_json() for m in report.mentions],
        "findings": [f.to_json() for f in findings],
        "unscanned": [
            {"source": u.source.id, "code": u.code, "message": u.message} for u in report.unscanned
        ],
    }


def _summary(report: CoverageReport) -> dict[str, int]:
    by_claim = sum(1 for m in report.mentions if m.covered_by is not None)
    ignored = sum(1 for m in report.mentions if m.covered_by is None and m.ignored_by is not None)
    return {
        "mentions": len(report.mentions),
        "covered": by_claim,
        "ignored": ignored,
        "uncovered": len(report.uncovered),
        "stale_ignores": len(report.stale),
        "unscanned_sources": len(report.unscanned),
    }


def _cmd_coverage(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims.analysis.coverage import coverage
    from carsi_claims.checks.coverage import coverage_findings, stale_finding, uncovered_finding
    from carsi_claims.findings import Finding, Severity
    from carsi_claims.output.render import render_findings

    dataset = load(args)
    report = coverage(dataset)
    for u in report.unscanned:
        err.write(f"carsi-claims coverage: {u.source.id}: {u.message}\n")
    if args.format == "json":
        write_json(_coverage_json(dataset, report), out)
    elif args.format == "text":
        for m in report.mentions:
            if m.covered_by is not None:
                status = f"covered by claim {m.covered_by}"
            elif m.ignored_by is not None:
                reason = dataset.coverage_ignores[m.ignored_by].reason
                status = f"ignored by coverage_ignores[{m.ignored_by}] ({reason})"
            else:
                out.write(uncovered_finding(m).render() + "\n")
                continue
            text = m.figure.text if len(m.figure.text) <= 60 else m.figure.text[:57] + "..."
            out.write(f"{m.file}:{m.line}:{m.column}: {m.figure.kind.value} {text!r}: {status}\n")
        for stale in report.stale:
            out.write(stale_finding(stale, dataset).render() + "\n")
        s = _summary(report)
        verdict = "complete" if report.complete else "INCOMPLETE"
        out.write(
            f"coverage {verdict}: {s['mentions']} figure mention(s): {s['covered']} covered by "
            f"claims, {s['ignored']} ignored, {s['uncovered']} uncovered; "
            f"{s['stale_ignores']} stale ignore(s)\n"
        )
    else:
        unscanned = [
            Finding(
                u.code,
                Severity.ERROR,
                f"{u.message}; its figure mentions were not checked",
                location=dataset.locate(u.source, "path"),
            )
            for u in report.unscanned
        ]
        findings = [*unscanned, *coverage_findings(report, dataset)]
        render_findings(findings, args.format, out, command="coverage")
    if report.unscanned:
        return EXIT_USAGE
    return EXIT_OK if not report.uncovered and not report.stale else EXIT_ERRORS


# -- lock ------------------------------------------------------------------------


def _cmd_lock(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims._paths import display_path
    from carsi_claims.checks.lock import lock_missing_finding
    from carsi_claims.citing.lock import LOCK_NAME, lock_path, update_lock

    dataset = load(args)
    try:
        update = update_lock(dataset)
    except OSError as exc:
        path = lock_path(dataset.file)
        shown = LOCK_NAME if path is None else display_path(path)
        err.write(f"carsi-claims lock: cannot write {shown}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    for problem in update.problems:
        err.write(problem.render() + "\n")
    shown = display_path(update.path)
    if update.missing:
        for entry in update.missing:
            err.write(lock_missing_finding(entry, shown, dataset).render() + "\n")
        err.write(
            f"carsi-claims lock: refusing to drop {len(update.missing)} locked claim id(s): a "
            "published id never disappears; restore the claim (to withdraw it, set status: "
            f"retracted with a reason and, where there is one, superseded_by); {shown} is "
            "unchanged\n"
        )
        return EXIT_ERRORS
    if not update.ok:
        err.write(f"carsi-claims lock: {shown} is unchanged\n")
        return EXIT_ERRORS
    if update.added:
        out.write(f"{shown}: added {len(update.added)} claim id(s), {update.total} locked\n")
        for claim_id in update.added:
            out.write(f"  + {claim_id}\n")
    else:
        out.write(f"{shown}: up to date, {update.total} claim id(s) locked\n")
    return EXIT_OK


# -- cite --------------------------------------------------------------------------


def _cmd_cite(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims.citing.cite import citation_of

    dataset = load(args)
    claim = find_claim(dataset, args.id, "cite", err)
    if claim is None:
        return EXIT_ERRORS
    citation = citation_of(dataset, claim)
    if citation.warning:
        err.write(f"carsi-claims cite: warning: {citation.warning}\n")
    out.write(citation.render(args.format))
    return EXIT_OK


# -- check-refs ----------------------------------------------------------------------


def _cmd_check_refs(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims.citing.refs import check_refs
    from carsi_claims.findings import Severity
    from carsi_claims.output.render import render_findings

    dataset = load(args)
    report = check_refs(args.paths, dataset)
    render_findings(report.findings, args.format, out, command="check-refs")
    if args.format in ("text", "github"):
        errors = sum(1 for f in report.findings if f.severity is Severity.ERROR)
        bad = errors - len(report.unreadable)
        verdict = "ok" if report.ok else "FAILED"
        paths = f", {len(report.unreadable)} unreadable path(s)" if report.unreadable else ""
        out.write(
            f"check-refs {verdict}: {report.references} claim reference(s) in {report.files} "
            f"file(s), {bad} unknown, retracted or malformed{paths}\n"
        )
    if report.unreadable:
        return EXIT_USAGE
    return EXIT_OK if report.ok else EXIT_ERRORS


# -- registration ------------------------------------------------------------------


def add_commands(sub: argparse._SubParsersAction[Any], formats: tuple[str, ...]) -> None:
    """Add ``coverage``, ``lock``, ``cite`` and ``check-refs`` to the subcommand parser."""
    from carsi_claims.citing.cite import FORMATS as CITE_FORMATS

    p = sub.add_parser("coverage", help="list every figure the sources mention, covered or not")
    dataset_args(p)
    format_arg(p, formats)
    p.set_defaults(func=_cmd_coverage)

    p = sub.add_parser(
        "lock", help="add the dataset's new claim ids to claims.lock (never drops one)"
    )
    dataset_args(p)
    p.set_defaults(func=_cmd_lock)

    p = sub.add_parser("cite", help="a citation of one claim, ready to paste")
    p.add_argument("id", metavar="ID")
    dataset_args(p)
    format_arg(p, CITE_FORMATS)
    p.set_defaults(func=_cmd_cite)

    p = sub.add_parser(
        "check-refs",
        help="check carsi:<claim-id> references in files and folders (unknown or retracted ids)",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, or folders to scan recursively")
    p.add_argument(
        "--claims",
        dest="claims_file",
        metavar="CLAIMS_FILE",
        help="claims file (default: the shipped dataset)",
    )
    format_arg(p, formats)
    p.set_defaults(func=_cmd_check_refs, seeds=None)
