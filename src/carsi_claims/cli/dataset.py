"""The commands that read and write out the dataset: validate, show, list, export."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, Final, TextIO

from carsi_claims.cli.common import (
    EXIT_ERRORS,
    EXIT_OK,
    EXIT_USAGE,
    add_command,
    dataset_args,
    find_claim,
    format_arg,
    load,
    require_known,
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
    from carsi_claims.output.human import qualifier_items, value_text

    lines = [f"{claim.id}  [{claim.kind}]  status: {claim.status}"]
    if claim.superseded_by:
        lines.append(f"  superseded by: {claim.superseded_by}")
    if claim.reason:
        lines.append(f"  reason: {claim.reason}")
    lines.append(f"  subject: {claim.subject}   property: {claim.property}")
    lines.append(f"  value: {value_text(claim.value)}")
    quals = qualifier_items(claim.qualifiers)
    if quals:
        lines.append("  qualifiers: " + "; ".join(f"{name} {text}" for name, text in quals))
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


#: The width ``list`` fits its lines to when it does not write to a terminal.
LIST_WIDTH: Final = 160


def _width(out: TextIO) -> int:
    """The terminal's width when ``out`` is one, else :data:`LIST_WIDTH`."""
    import shutil
    import sys

    if out is sys.stdout and out.isatty():
        return max(shutil.get_terminal_size((LIST_WIDTH, 24)).columns, 80)
    return LIST_WIDTH


def _filters(args: argparse.Namespace, dataset: Dataset) -> dict[str, Any]:
    """The filters of ``list``, each refused when it names nothing in the dataset."""
    require_known("source", args.source, dataset.sources_by_id, "--source")
    subjects = {c.subject for c in dataset.claims}
    require_known("subject", args.subject, subjects, "--subject")
    require_known("property", args.property, {c.property for c in dataset.claims}, "--property")
    return {
        "kind": args.kind,
        "source": args.source,
        "subject": args.subject,
        "property": args.property,
    }


def _cmd_list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims.output.human import one_line, value_text
    from carsi_claims.output.interchange import unstructure

    dataset = load(args)
    claims = dataset.filter(**_filters(args, dataset))
    if args.format == "json":
        write_json([unstructure(c) for c in claims], out)
        return EXIT_OK
    rows = []
    for claim in claims:
        sources = list(dict.fromkeys(p.source for p in claim.provenance))
        shown = sources[0] if sources else "-"
        if len(sources) > 1:
            shown += f" +{len(sources) - 1}"
        flag = "" if claim.status == "active" else f"[{claim.status}] "
        rows.append((claim.id, str(claim.kind), shown, flag + value_text(claim.value)))
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(3)]
    room = _width(out)
    for row in rows:
        head = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        out.write(f"{head}  {one_line(row[3], max(room - len(head) - 2, 20))}\n")
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

    p = add_command(
        sub,
        "validate",
        "validate a claims file against the pinned sources",
        _cmd_validate,
        details="Every check: records, ids, the lock, references, each quote against its "
        "source,\nthe typed values against the quotes, coverage of the sources' figures, "
        "conflicts.\nFindings are printed as file:line:col: severity[code]: message.",
    )
    dataset_args(p)
    format_arg(p, formats)

    p = add_command(
        sub,
        "show",
        "show one claim, its value, quotes and sources; follows superseded_by",
        _cmd_show,
        exit_codes="0 shown, 1 no claim has that id, 2 unreadable input or bad usage",
    )
    p.add_argument("id", metavar="ID", help="the claim id, e.g. carsi.assistance-committed.260m")
    dataset_args(p)
    format_arg(p)

    p = add_command(
        sub,
        "list",
        "list claims, one line each, optionally filtered",
        _cmd_list,
        details="Each line: id, kind, sources, and the value as a person writes it.\n"
        "A filter that names nothing in the dataset is an error (exit 2).",
        exit_codes="0 listed (even none), 2 unreadable input, bad usage or a filter naming "
        "nothing in the dataset",
    )
    dataset_args(p)
    p.add_argument("--kind", choices=[k.value for k in ClaimKind], help="only claims of this kind")
    p.add_argument("--source", metavar="SOURCE_ID", help="only claims quoted from this source")
    p.add_argument("--subject", metavar="ID", help="only claims about this entity or source")
    p.add_argument("--property", metavar="PROPERTY", help="only claims of this property")
    format_arg(p)

    p = add_command(
        sub,
        "export",
        "export the dataset: json (the interchange contract), csv, jsonld, or the jsonschema "
        "of the claims file",
        _cmd_export,
        exit_codes="0 written, 2 unreadable input, bad usage or a file that cannot be written",
    )
    dataset_args(p)
    format_arg(p, ("json", "csv", "jsonschema", "jsonld"))
    p.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of stdout"
    )
