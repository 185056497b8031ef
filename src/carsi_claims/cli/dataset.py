"""The commands that read and write out the dataset: validate, show, list, export."""

from __future__ import annotations

import argparse
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
    require_known,
    root_arg,
    write_json,
)
from carsi_claims.cli.common import report as render
from carsi_claims.output.paths import SITE_URL
from carsi_claims.text import printable

if TYPE_CHECKING:
    from carsi_claims.dataset import Dataset
    from carsi_claims.model import Claim, PartialDate

__all__ = ["add_commands"]

_DEFAULT_BASE = SITE_URL


def _cmd_validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims.checks.suite import validate

    dataset = load(args, strict=False)
    report = validate(dataset)
    render(report.findings, args, out, err, subject=claims_subject(args))
    if args.format in ("text", "github"):  # a summary line for the log
        n_err = len(report.errors)
        n_other = len(report.findings) - n_err
        status = "ok" if report.ok else "FAILED"
        out.write(
            f"{dataset.file}: {status}: {len(dataset.claims)} claims, "
            f"{n_err} error(s), {n_other} other finding(s)\n"
        )
    if any(f.code == "seeds.unreadable" for f in report.findings):
        return EXIT_USAGE  # the sources cannot be read: unreadable input
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
    marks = [m for m, on in (("heading", claim.heading), ("derived", claim.derived)) if on]
    if claim.voice is not None:
        marks.insert(0, f"voice: {claim.voice}")
    if claim.mentions:
        marks.append("mentions: " + ", ".join(claim.mentions))
    if marks:
        lines.append("  " + "   ".join(marks))
    for p in claim.provenance:
        source = dataset.sources_by_id.get(p.source)
        title = f" ({source.title})" if source else ""
        voice = f" (voice: {p.voice})" if p.voice is not None else ""
        lines.append(f"  source: {p.source}{title} [{p.start}:{p.end}]{voice}")
        lines.append(f"    “{p.quote}”")
    if claim.note:
        lines.append(f"  note: {claim.note}")
    return [printable(line) for line in lines]  # no escape sequence reaches the terminal


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
    from carsi_claims.model import OWN_VOICE, Quotation

    require_known("source", args.source, dataset.sources_by_id, "--source")
    subjects = {c.subject for c in dataset.claims}
    require_known("subject", args.subject, subjects, "--subject")
    require_known("property", args.property, {c.property for c in dataset.claims}, "--property")
    codes = [e.iso3166 for e in dataset.entities if e.iso3166]
    entities = {*dataset.entities_by_id, *codes, *(c.lower() for c in codes)}
    require_known("entity or country code", args.entity, entities, "--entity")
    speakers = {c.value.speaker for c in dataset.claims if isinstance(c.value, Quotation)}
    require_known("speaker", args.speaker, speakers, "--speaker")
    voices = {v or OWN_VOICE for c in dataset.claims for v in c.voices()}
    require_known("voice", args.voice, voices, "--voice")
    lists = {getattr(c.value, "list", None) for c in dataset.claims} - {None}
    require_known("list", args.list, lists, "--list")  # type: ignore[arg-type]
    return {
        "kind": args.kind,
        "source": args.source,
        "subject": args.subject,
        "property": args.property,
        "entity": args.entity,
        "fiscal_year": args.fiscal_year,
        "as_of_from": args.as_of_from,
        "as_of_to": args.as_of_to,
        "speaker": args.speaker,
        "voice": args.voice,
        "list_id": args.list,
        "derived": args.derived,
        "inferred": args.inferred,
    }


def _year(text: str) -> int:
    if not (len(text) == 4 and text.isascii() and text.isdigit()):
        raise argparse.ArgumentTypeError(f"expected a year such as 2010, found {text!r}")
    return int(text)


def _date(text: str) -> PartialDate:
    from carsi_claims.model import PartialDate

    try:
        return PartialDate.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


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
        line = f"{head}  {one_line(row[3], max(room - len(head) - 2, 20))}"
        out.write(printable(line) + "\n")  # no escape sequence reaches the terminal
    return EXIT_OK


def _export_text(args: argparse.Namespace) -> str:
    if args.format == "jsonschema":  # from the model alone: no dataset to read
        from carsi_claims.output.jsonschema import schema_json

        return schema_json()
    dataset = load(args)
    if args.format == "csv":
        from carsi_claims.output.csv import to_csv

        return to_csv(dataset, for_spreadsheet=args.for_spreadsheet)
    if args.format == "jsonld":
        from carsi_claims.output.jsonld import to_jsonld_text

        return to_jsonld_text(dataset, base=args.base)
    from carsi_claims.output.interchange import to_json

    return to_json(dataset)


def _export_usage(args: argparse.Namespace) -> str | None:
    """Why these export options do not go together, or None."""
    if args.for_spreadsheet and args.format != "csv":
        return "--for-spreadsheet applies to --format csv only"
    if args.base != _DEFAULT_BASE and args.format != "jsonld":
        return "--base applies to --format jsonld only"
    if args.format == "jsonld":
        from urllib.parse import urlsplit

        parts = urlsplit(args.base)
        if not parts.scheme or not args.base.endswith("/") or any(c in args.base for c in ' <>"{}'):
            return (
                f"--base expects an absolute IRI ending with '/', such as "
                f"https://example.org/carsi/, found {args.base!r}"
            )
    if args.format == "sqlite" and args.output is None:
        return "--format sqlite writes a database file: give --output FILE"
    return None


def _cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    problem = _export_usage(args)
    if problem is not None:
        err.write(f"carsi-claims export: {problem}\n")
        return EXIT_USAGE
    try:
        if args.format == "sqlite":
            from carsi_claims.output.sqlite import write_sqlite

            write_sqlite(load(args), args.output)
            return EXIT_OK
        text = _export_text(args)
        if args.output is None or args.output == "-":
            out.write(text)
            return EXIT_OK
        from carsi_claims._atomic import write_text

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
    root_arg(p)

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
    p.add_argument(
        "--entity",
        metavar="ENTITY",
        help="only claims about or naming an entity (subject, mention, voice or speaker): "
        "an entity id or a country's ISO 3166-1 code such as MX",
    )
    p.add_argument(
        "--fiscal-year", metavar="YEAR", type=_year, help="only claims within this fiscal year"
    )
    p.add_argument(
        "--as-of-from", metavar="DATE", type=_date, help="only claims as of this date or later"
    )
    p.add_argument(
        "--as-of-to", metavar="DATE", type=_date, help="only claims as of this date or earlier"
    )
    p.add_argument("--speaker", metavar="ENTITY_ID", help="only quotations of this speaker")
    p.add_argument(
        "--voice",
        metavar="VOICE",
        help="only claims in this voice: an entity id, or 'own' for the source's own words",
    )
    p.add_argument("--list", metavar="LIST_ID", help="only the items and counts of this list")
    p.add_argument(
        "--derived",
        action=argparse.BooleanOptionalAction,
        help="only derived claims (--no-derived: only stated ones)",
    )
    p.add_argument(
        "--inferred",
        action=argparse.BooleanOptionalAction,
        help="only claims with an inferred qualifier (--no-inferred: none inferred)",
    )
    format_arg(p)

    p = add_command(
        sub,
        "export",
        "export the dataset: json (the interchange contract), csv, jsonld, sqlite, or the "
        "jsonschema of the claims file",
        _cmd_export,
        exit_codes="0 written, 2 unreadable input, bad usage or a file that cannot be written",
    )
    dataset_args(p)
    format_arg(p, ("json", "csv", "jsonschema", "jsonld", "sqlite"))
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write to FILE instead of stdout: a file is replaced atomically (a link is "
        "followed), a FIFO or device is written to, '-' is stdout",
    )
    p.add_argument(
        "--for-spreadsheet",
        action="store_true",
        help="csv: start with a byte-order mark and make formula-like cells inert "
        "(for opening in a spreadsheet; the default is exact)",
    )
    p.add_argument(
        "--base",
        default=_DEFAULT_BASE,
        metavar="IRI",
        help=f"jsonld: the base IRI of claim, source and entity pages (default {_DEFAULT_BASE})",
    )
