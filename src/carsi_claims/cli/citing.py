"""The commands that keep figures tracked and ids citable: coverage, lock, pin, cite, check-refs.

Registered on the ``carsi-claims`` parser by :func:`add_commands`; each
command takes ``(args, out, err)`` and returns the exit code (0 no errors,
1 errors found, 2 unreadable input or bad usage).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TextIO

from carsi_claims.cli.common import (
    EXIT_ERRORS,
    EXIT_OK,
    EXIT_USAGE,
    add_command,
    claims_subject,
    dataset_args,
    find_claim,
    format_arg,
    load,
    report,
    root_arg,
    write_json,
)
from carsi_claims.text import did_you_mean, printable

if TYPE_CHECKING:
    from carsi_claims.analysis.coverage import CoverageReport
    from carsi_claims.dataset import Dataset
    from carsi_claims.findings import Finding

__all__ = ["CITE_FORMATS", "add_commands"]

#: The formats of ``cite`` (``citing.cite.FORMATS``, written out so that building the
#: parser does not import the citing code; a test keeps the two equal).
CITE_FORMATS: Final = ("text", "markdown", "json")


# -- coverage ------------------------------------------------------------------


def _coverage_json(dataset: Dataset, report: CoverageReport) -> dict[str, object]:
    from carsi_claims.checks.coverage import coverage_findings

    findings = list(coverage_findings(report, dataset))
    return {
        "ok": report.complete,
        "summary": _summary(report),
        "mentions": [m.to_dict() for m in report.mentions],
        "findings": [f.to_dict() for f in findings],
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
    from carsi_claims.read.seeds import seeds_folder_finding

    dataset = load(args)
    if dataset.seeds_dir is not None and (bad := seeds_folder_finding(dataset.seeds_dir)):
        if args.format == "text":
            err.write(bad.render() + "\n")
        else:  # a machine format: the reason goes where the report would have gone
            report([bad], args, out, err, subject=claims_subject(args))
        return EXIT_USAGE
    cover = coverage(dataset)
    for u in cover.unscanned:
        err.write(f"carsi-claims coverage: {u.source.id}: {u.message}\n")
    if args.format == "json":
        write_json(_coverage_json(dataset, cover), out)
    elif args.format == "text":
        for m in cover.mentions:
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
        for stale in cover.stale:
            out.write(stale_finding(stale, dataset).render() + "\n")
        s = _summary(cover)
        verdict = "complete" if cover.complete else "INCOMPLETE"
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
            for u in cover.unscanned
        ]
        findings = [*unscanned, *coverage_findings(cover, dataset)]
        report(findings, args, out, err, subject=claims_subject(args))
    if cover.unscanned:
        return EXIT_USAGE
    return EXIT_OK if not cover.uncovered and not cover.stale else EXIT_ERRORS


# -- lock ------------------------------------------------------------------------


def _project_claims_file() -> Path | None:
    """``data/claims.yaml`` in the working folder or the nearest folder above it."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        candidate = folder / "data" / "claims.yaml"
        if candidate.is_file():
            return candidate
    return None


def _project_file(args: argparse.Namespace, command: str, err: TextIO, what: str) -> bool:
    """Set ``args.claims_file`` to the project's when none is given; False when there is none.

    ``what`` says what the command writes, e.g. "whose lock to update (the shipped
    dataset's lock belongs to the installed package and is never written)".
    """
    from carsi_claims._paths import display_path

    if args.claims_file is None:
        found = _project_claims_file()
        if found is None:
            err.write(
                f"carsi-claims {command}: error: no claims file given, and no data/claims.yaml "
                f"in {display_path(Path.cwd())} or a folder above it; name the claims file {what}\n"
            )
            return False
        args.claims_file = str(found)
    return True


def _cmd_lock(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims._paths import display_path
    from carsi_claims.checks.lock import lock_missing_finding
    from carsi_claims.citing.lock import LOCK_NAME, lock_path, update_lock

    what = (
        "whose lock to update (the shipped dataset's lock belongs to the installed package and "
        "is never written)"
    )
    if not _project_file(args, "lock", err, what):
        return EXIT_USAGE
    dataset = load(args)
    if args.repin:
        code = _pin(dataset, None, every=True, out=out, err=err, command="lock")
        if code != EXIT_OK:
            return code
        dataset = load(args)  # the claims file now holds the new pins
    try:
        update = update_lock(dataset, repin=args.repin)
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
    if update.changed:
        from carsi_claims.checks.meaning import changed_findings

        for finding in changed_findings(dataset, update.changed, shown):
            err.write(finding.render() + "\n")
        err.write(
            f"carsi-claims lock: refusing to re-pin {len(update.changed)} published claim(s) "
            "whose meaning changed: retract and supersede them, or add a reasoned corrections "
            f"entry; {shown} is unchanged\n"
        )
        return EXIT_ERRORS
    if not update.ok:
        err.write(f"carsi-claims lock: {shown} is unchanged\n")
        return EXIT_ERRORS
    if update.migrated:
        out.write(
            f"{shown}: migrated from format 1 (claim ids only) to format 2: every locked id "
            "kept, each pinned to the fingerprint of its current meaning\n"
        )
    changes = [
        *(f"  + {i}\n" for i in update.added),
        *(f"  ~ {i} (correction recorded)\n" for i in update.corrected),
        *(f"  ! {i} (re-pinned to its current meaning)\n" for i in update.repinned),
    ]
    if changes:
        done = [f"added {len(update.added)} claim id(s)"]
        if update.corrected:
            done.append(f"recorded {len(update.corrected)} correction(s)")
        if update.repinned:
            done.append(f"re-pinned {len(update.repinned)} claim(s)")
        out.write(f"{shown}: {', '.join(done)}, {update.total} locked\n" + "".join(changes))
    elif not update.migrated:
        out.write(f"{shown}: up to date, {update.total} claim id(s) locked\n")
    return EXIT_OK


# -- pin -------------------------------------------------------------------------


def _pin(
    dataset: Dataset,
    which: list[str] | None,
    *,
    every: bool,
    out: TextIO,
    err: TextIO,
    command: str = "pin",
) -> int:
    from carsi_claims._paths import display_path
    from carsi_claims.citing.pins import pin_resolutions

    try:
        update = pin_resolutions(dataset, which, every=every)
    except OSError as exc:
        err.write(f"carsi-claims {command}: cannot write {dataset.file}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    shown = display_path(update.path)
    if update.unknown:
        for name in update.unknown:
            hint = did_you_mean(name, [r.id for r in dataset.resolutions])
            err.write(f"carsi-claims {command}: unknown resolution id {name!r}{hint}\n")
        err.write(f"carsi-claims {command}: {shown} is unchanged\n")
        return EXIT_ERRORS
    if update.problem is not None:
        err.write(f"carsi-claims {command}: {update.problem}")
        err.write(f"carsi-claims {command}: {shown} is unchanged\n")
        return EXIT_ERRORS
    if update.pinned:
        out.write(f"{shown}: pinned {len(update.pinned)} resolution(s) to their claims' meaning\n")
        out.write("".join(f"  ~ {res_id}\n" for res_id in update.pinned))
    else:
        out.write(f"{shown}: every resolution's pins are up to date\n")
    return EXIT_OK


def _cmd_pin(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    what = "to pin in (the shipped dataset belongs to the installed package and is never written)"
    if not _project_file(args, "pin", err, what):
        return EXIT_USAGE
    dataset = load(args)
    return _pin(dataset, args.resolution, every=args.all, out=out, err=err)


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
    text = citation.render(args.format)
    out.write(text if args.format == "json" else printable(text, keep="\n"))
    return EXIT_OK


# -- check-refs ----------------------------------------------------------------------


def _at_argument(finding: Finding, paths: Sequence[str]) -> Finding:
    """A path that cannot be read at all is named only in its finding's message; for the
    machine formats, where every result needs a location, point it at that argument."""
    import attrs

    from carsi_claims._paths import display_path
    from carsi_claims.findings import Location

    if finding.location is not None:
        return finding
    for given in paths:
        shown = display_path(Path(given))
        if finding.message.startswith(f"cannot read {shown}: "):
            return attrs.evolve(finding, location=Location(shown, 1, 1))
    return finding


def _cmd_check_refs(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims.citing.refs import check_refs
    from carsi_claims.findings import Severity

    dataset = load(args)
    refs = check_refs(args.paths, dataset)
    findings = refs.findings
    if args.format in ("github", "sarif"):
        findings = tuple(_at_argument(f, args.paths) for f in findings)
    report(findings, args, out, err, subject=claims_subject(args))
    if args.format in ("text", "github"):
        errors = sum(1 for f in refs.findings if f.severity is Severity.ERROR)
        bad = errors - len(refs.unreadable)
        verdict = "ok" if refs.ok else "FAILED"
        paths = f", {len(refs.unreadable)} unreadable path(s)" if refs.unreadable else ""
        out.write(
            f"check-refs {verdict}: {refs.references} claim reference(s) in {refs.files} "
            f"file(s), {bad} unknown, retracted or malformed{paths}\n"
        )
    if refs.unreadable:
        return EXIT_USAGE
    return EXIT_OK if refs.ok else EXIT_ERRORS


# -- registration ------------------------------------------------------------------


def add_commands(sub: argparse._SubParsersAction[Any], formats: tuple[str, ...]) -> None:
    """Add ``coverage``, ``lock``, ``cite`` and ``check-refs`` to the subcommand parser."""
    p = add_command(
        sub,
        "coverage",
        "list every figure the sources mention: covered by a claim, ignored, or not",
        _cmd_coverage,
        details="A figure (money, percentage, count, date, fiscal years, attributed quotation) "
        "is\ncovered when it lies inside a claim's quoted span, ignored when a "
        "coverage_ignores\nentry names it with a reason.",
        exit_codes="0 every figure covered or ignored, 1 a figure uncovered or an ignore "
        "stale, 2 unreadable input, bad usage or a source that cannot be scanned",
    )
    dataset_args(p)
    format_arg(p, formats)
    root_arg(p)

    p = add_command(
        sub,
        "lock",
        "pin the dataset's new claim ids, with their meaning, in claims.lock beside it "
        "(never drops or re-means one)",
        _cmd_lock,
        details="With no CLAIMS_FILE, the lock of the current project: data/claims.yaml in "
        "this folder\nor the nearest folder above it that has one. The lock of an installed "
        "package is\nnever written.",
        exit_codes="0 written or up to date, 1 a locked id is missing, a published claim "
        "changed meaning without a correction, or an id is malformed (nothing written), "
        "2 unreadable input, bad usage or no claims file found",
    )
    p.add_argument(
        "claims_file",
        nargs="?",
        default=None,
        metavar="CLAIMS_FILE",
        help="claims file (default: data/claims.yaml of the current project)",
    )
    p.set_defaults(seeds=None)
    p.add_argument(
        "--repin",
        action="store_true",
        help="pin every locked id and every resolution to the current meanings, whatever they "
        "were (only to adopt fingerprints or a new canonical form; README: Meaning fingerprints)",
    )

    p = add_command(
        sub,
        "pin",
        "pin resolutions to the meaning of the claims they resolve, in the claims file",
        _cmd_pin,
        details="Without options, the resolutions that pin nothing yet. After a claim changed "
        "meaning\nits resolutions are stale: review each, then re-pin it with --resolution ID.",
        exit_codes="0 written or up to date, 1 an unknown resolution or pins that cannot be "
        "placed (nothing written), 2 unreadable input, bad usage or no claims file found",
    )
    p.add_argument(
        "claims_file",
        nargs="?",
        default=None,
        metavar="CLAIMS_FILE",
        help="claims file (default: data/claims.yaml of the current project)",
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--resolution",
        action="append",
        metavar="ID",
        help="(re-)pin this resolution, once you have reviewed it (repeatable)",
    )
    which.add_argument("--all", action="store_true", help="re-pin every resolution")
    p.set_defaults(seeds=None)

    p = add_command(
        sub,
        "cite",
        "a citation of one claim, ready to paste: its quote(s), source, publisher and date",
        _cmd_cite,
        exit_codes="0 cited (a warning on stderr for a retracted claim), 1 no claim has that "
        "id, 2 unreadable input or bad usage",
    )
    p.add_argument("id", metavar="ID", help="the claim id, e.g. carsi.assistance-committed.260m")
    dataset_args(p)
    format_arg(p, CITE_FORMATS)

    p = add_command(
        sub,
        "check-refs",
        "check carsi:<claim-id> references in files and folders (unknown or retracted ids)",
        _cmd_check_refs,
        details="Folders are scanned recursively (hidden folders skipped); every file is read "
        "as UTF-8\ntext; binary and undecodable files are noted, not failed.",
        exit_codes="0 every reference names a known, active claim, 1 an unknown, retracted "
        "or malformed reference, 2 a path that cannot be read or bad usage",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, or folders to scan recursively")
    p.add_argument(
        "--claims",
        dest="claims_file",
        metavar="CLAIMS_FILE",
        help="claims file (default: the shipped dataset)",
    )
    format_arg(p, formats)
    root_arg(p)
    p.set_defaults(seeds=None)
