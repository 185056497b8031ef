"""The commands that read and write out the dataset: validate, show, list, export."""

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
    from carsi_claims.dataset import Dataset
    from carsi_claims.model import Claim

__all__ = ["add_commands"]


def _cmd_validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims.checks.suite import validate
    from carsi_claims.output.render import render_findings

    dataset = load(args, strict=False)
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
    from carsi_claims.output.interchange import unstructure

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


def _cmd_show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims.output.interchange import unstructure

    dataset = load(args)
    claim = find_claim(dataset, args.id, "show", err)
    if claim is None:
        return EXIT_ERRORS
    current = dataset.current(args.id)
    if args.format == "json":
        data = unstructure(claim)
        data["current"] = current.id
        write_json(data, out)
        return EXIT_OK
    out.write("\n".join(_describe_claim(dataset, claim)) + "\n")
    if current is not claim:
        out.write(f"\n{claim.id} is retracted; it is superseded by {current.id}:\n\n")
        out.write("\n".join(_describe_claim(dataset, current)) + "\n")
    return EXIT_OK


def _cmd_list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims.output.interchange import unstructure

    dataset = load(args)
    claims = dataset.filter(
        kind=args.kind, source=args.source, subject=args.subject, property=args.property
    )
    if args.format == "json":
        write_json([unstructure(c) for c in claims], out)
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
        from carsi_claims.output.jsonschema import schema_json

        return schema_json()
    dataset = load(args)
    if args.format == "csv":
        from carsi_claims.output.csv import to_csv

        return to_csv(dataset)
    if args.format == "jsonld":
        from carsi_claims.output.jsonld import to_jsonld_text

        return to_jsonld_text(dataset)
    from carsi_claims.output.interchange import to_json

    return to_json(dataset)


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


# -- registration ------------------------------------------------------------------


def add_commands(sub: argparse._SubParsersAction[Any], formats: tuple[str, ...]) -> None:
    """Add ``validate``, ``show``, ``list`` and ``export`` to the subcommand parser."""
    from carsi_claims.model import ClaimKind

    p = sub.add_parser("validate", help="validate a claims file against the seeds")
    dataset_args(p)
    format_arg(p, formats)
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("show", help="show one claim, following superseded_by")
    p.add_argument("id", metavar="ID")
    dataset_args(p)
    format_arg(p)
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser("list", help="list claims, optionally filtered")
    dataset_args(p)
    p.add_argument("--kind", choices=[k.value for k in ClaimKind])
    p.add_argument("--source", metavar="SOURCE_ID")
    p.add_argument("--subject", metavar="ENTITY_ID")
    p.add_argument("--property", metavar="PROPERTY")
    format_arg(p)
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser(
        "export",
        help="export the dataset: json (the interchange contract), csv, jsonld, "
        "or the jsonschema of the claims file",
    )
    dataset_args(p)
    format_arg(p, ("json", "csv", "jsonschema", "jsonld"))
    p.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of stdout"
    )
    p.set_defaults(func=_cmd_export)
