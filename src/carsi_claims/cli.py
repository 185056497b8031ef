"""The ``carsi-claims`` command line.

Exit codes: 0 no errors, 1 errors found, 2 unreadable input or bad usage.
Every command that reports has ``--format json``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from carsi_claims.errors import CarsiClaimsError, LoadError

if TYPE_CHECKING:
    from carsi_claims.dataset import Dataset
    from carsi_claims.model import Claim

__all__ = ["EXIT_ERRORS", "EXIT_OK", "EXIT_USAGE", "main", "run"]

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2

Command = Callable[[argparse.Namespace, TextIO, TextIO], int]


class _UsageError(Exception):
    pass


class _Exit(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so ``run`` returns the code."""

    def error(self, message: str) -> Any:
        raise _UsageError(f"{self.format_usage()}{self.prog}: error: {message}")

    def exit(self, status: int = 0, message: str | None = None) -> Any:
        if message:
            sys.stderr.write(message)
        raise _Exit(status)


def _dataset_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "claims_file",
        nargs="?",
        default=None,
        metavar="CLAIMS_FILE",
        help="claims file (default: the shipped dataset)",
    )
    p.add_argument(
        "--seeds",
        default=None,
        metavar="DIR",
        help="seeds folder (default: CLAIMS_FILE/../../seeds)",
    )


def _format_arg(p: argparse.ArgumentParser, choices: Sequence[str] = ("text", "json")) -> None:
    p.add_argument("--format", choices=choices, default=choices[0], help="output format")


def _load(args: argparse.Namespace, *, strict: bool = True) -> Dataset:
    from carsi_claims.dataset import load

    return load(args.claims_file, seeds=args.seeds, strict=strict)


def _json(data: object, out: TextIO) -> None:
    from carsi_claims._json import write

    write(data, out)


# -- commands ----------------------------------------------------------------


def _cmd_validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims.render import render_findings
    from carsi_claims.validate import validate

    dataset = _load(args, strict=False)
    report = validate(dataset)
    render_findings(report.findings, args.format, out, command="validate")
    if args.format in ("text", "github"):  # a summary line for the log
        n_err = len(report.errors)
        n_other = len(report.findings) - n_err
        status = "ok" if report.ok else "FAILED"
        out.write(
            f"{dataset.file}: {status}: {len(dataset.claims)} claims, "
            f"{n_err} error(s), {n_other} other finding(s)\n"
        )
    return EXIT_OK if report.ok else EXIT_ERRORS


def _describe_claim(dataset: Dataset, claim: Claim) -> list[str]:
    from carsi_claims.export import unstructure

    lines = [f"{claim.id}  [{claim.kind}]  status: {claim.status}"]
    if claim.superseded_by:
        lines.append(f"  superseded by: {claim.superseded_by}")
    if claim.reason:
        lines.append(f"  reason: {claim.reason}")
    lines.append(f"  subject: {claim.subject}   property: {claim.property}")
    value = {k: v for k, v in unstructure(claim.value).items() if v is not None}
    lines.append("  value: " + ", ".join(f"{k}={v}" for k, v in value.items()))
    quals = {k: v for k, v in unstructure(claim.qualifiers).items() if v is not None}
    if quals:
        lines.append("  qualifiers: " + ", ".join(f"{k}={v}" for k, v in quals.items()))
    for p in claim.provenance:
        source = dataset.sources_by_id.get(p.source)
        title = f" ({source.title})" if source else ""
        lines.append(f"  source: {p.source}{title} [{p.start}:{p.end}]")
        lines.append(f"    “{p.quote}”")
    if claim.note:
        lines.append(f"  note: {claim.note}")
    return lines


def find_claim(dataset: Dataset, claim_id: str, command: str, err: TextIO) -> Claim | None:
    """The claim with this id, or None after telling ``err`` the closest existing id."""
    from carsi_claims.errors import UnknownClaimError

    claim = dataset.claims_by_id.get(claim_id)
    if claim is None:
        unknown = UnknownClaimError(claim_id, dataset.closest_id(claim_id))
        err.write(f"carsi-claims {command}: {unknown}\n")
    return claim


def _cmd_show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims.export import unstructure

    dataset = _load(args)
    claim = find_claim(dataset, args.id, "show", err)
    if claim is None:
        return EXIT_ERRORS
    current = dataset.current(args.id)
    if args.format == "json":
        data = unstructure(claim)
        data["current"] = current.id
        _json(data, out)
        return EXIT_OK
    out.write("\n".join(_describe_claim(dataset, claim)) + "\n")
    if current is not claim:
        out.write(f"\n{claim.id} is retracted; it is superseded by {current.id}:\n\n")
        out.write("\n".join(_describe_claim(dataset, current)) + "\n")
    return EXIT_OK


def _cmd_list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims.export import unstructure

    dataset = _load(args)
    claims = dataset.filter(
        kind=args.kind, source=args.source, subject=args.subject, property=args.property
    )
    if args.format == "json":
        _json([unstructure(c) for c in claims], out)
        return EXIT_OK
    for claim in claims:
        sources = ",".join(dict.fromkeys(p.source for p in claim.provenance))
        first = claim.provenance[0].quote if claim.provenance else ""
        first = first if len(first) <= 70 else first[:67] + "..."
        flag = "" if claim.status == "active" else f" [{claim.status}]"
        out.write(f"{claim.id}\t{claim.kind}\t{sources}\t{first}{flag}\n")
    return EXIT_OK


def _export_text(args: argparse.Namespace) -> str:
    if args.format == "jsonschema":  # from the model alone: no dataset to read
        from carsi_claims.jsonschema import schema_json

        return schema_json()
    from carsi_claims import export

    dataset = _load(args)
    if args.format == "csv":
        return export.to_csv(dataset)
    if args.format == "jsonld":
        return export.to_jsonld_text(dataset)
    return export.to_json(dataset)


def _cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    text = _export_text(args)
    if args.output is None:
        out.write(text)
        return EXIT_OK
    from carsi_claims._atomic import write_text

    try:
        write_text(args.output, text)
    except OSError as exc:
        err.write(f"carsi-claims export: cannot write {args.output}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    return EXIT_OK


# -- the parser ----------------------------------------------------------------


def _parser() -> _Parser:
    from carsi_claims.model import ClaimKind
    from carsi_claims.render import FORMATS

    parser = _Parser(
        prog="carsi-claims",
        description="Typed, source-pinned claims about the Central America Regional Security "
        "Initiative (CARSI).",
        epilog="Exit codes: 0 no errors, 1 errors found, 2 unreadable input or bad usage.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("validate", help="validate a claims file against the seeds")
    _dataset_args(p)
    _format_arg(p, FORMATS)
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("show", help="show one claim, following superseded_by")
    p.add_argument("id", metavar="ID")
    _dataset_args(p)
    _format_arg(p)
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser("list", help="list claims, optionally filtered")
    _dataset_args(p)
    p.add_argument("--kind", choices=[k.value for k in ClaimKind])
    p.add_argument("--source", metavar="SOURCE_ID")
    p.add_argument("--subject", metavar="ENTITY_ID")
    p.add_argument("--property", metavar="PROPERTY")
    _format_arg(p)
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser(
        "export",
        help="export the dataset: json (the interchange contract), csv, jsonld, "
        "or the jsonschema of the claims file",
    )
    _dataset_args(p)
    _format_arg(p, ("json", "csv", "jsonschema", "jsonld"))
    p.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of stdout"
    )
    p.set_defaults(func=_cmd_export)

    from carsi_claims._cli_citable import add_commands

    add_commands(sub, FORMATS)  # coverage, lock, cite, check-refs
    from carsi_claims._cli_conflicts import add_command as add_conflicts

    add_conflicts(sub)  # conflicts
    return parser


def run(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Run the command line with explicit streams; returns the exit code."""
    parser = _parser()
    try:
        # argparse prints --help and its messages to sys.stdout/sys.stderr.
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(list(argv))
    except _UsageError as exc:
        err.write(f"{exc}\n")
        return EXIT_USAGE
    except _Exit as exc:  # --help
        return exc.status
    command: Command = args.func
    try:
        return command(args, out, err)
    except LoadError as exc:
        _unreadable(args, exc, out, err)
        return EXIT_USAGE
    except CarsiClaimsError as exc:
        err.write(f"carsi-claims {args.command}: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK


def _unreadable(args: argparse.Namespace, exc: LoadError, out: TextIO, err: TextIO) -> None:
    """Report a claims file that cannot be read, in the format the command was asked for.

    A machine format (json, github, sarif) gets the findings on ``out``, so that a
    CI step reading it (a SARIF upload, say) sees why the run failed.
    """
    fmt = getattr(args, "format", "text")
    if fmt in ("json", "github", "sarif"):
        from carsi_claims.render import render_findings

        render_findings(exc.findings, fmt, out, command=args.command)
    else:
        for finding in exc.findings:
            err.write(finding.render() + "\n")
    err.write(f"carsi-claims {args.command}: the claims file cannot be read\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``carsi-claims`` script."""
    for stream in (sys.stdout, sys.stderr):
        # Quotes carry curly quotes and dashes: on a console that cannot show a
        # character, print an escape for it rather than fail with a traceback.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    return run(sys.argv[1:] if argv is None else argv, sys.stdout, sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
