"""What every command of the command line shares: exit codes, arguments, loading, JSON.

The command modules (one per family) import this module and nothing else of
``cli``; ``cli.main`` imports the command modules to build the parser, so
there is no circle.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, TextIO

if TYPE_CHECKING:
    from carsi_claims.dataset import Dataset
    from carsi_claims.findings import Finding
    from carsi_claims.model import Claim

__all__ = [
    "EXIT_CODES",
    "EXIT_ERRORS",
    "EXIT_OK",
    "EXIT_USAGE",
    "REPORT_FORMATS",
    "Command",
    "UsageError",
    "add_command",
    "claims_subject",
    "dataset_args",
    "find_claim",
    "format_arg",
    "load",
    "report",
    "require_known",
    "root_arg",
    "write_json",
]

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2

#: What the exit codes of most commands mean, for their ``--help``.
EXIT_CODES: Final = (
    "0 no errors, 1 errors found, 2 unreadable input or bad usage (a missing file, "
    "not UTF-8, not valid YAML, an unknown option)"
)

#: The formats of commands that report findings (``output.render.FORMATS``, written out
#: so that building the parser imports no renderer; a test keeps the two equal).
REPORT_FORMATS: Final = ("text", "json", "github", "sarif")

#: A command: takes the parsed arguments and the output streams, returns the exit code.
Command = Callable[[argparse.Namespace, TextIO, TextIO], int]


class UsageError(Exception):
    """Bad usage found after parsing (a filter naming nothing that exists): exit 2."""


def terminal_columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size().columns`` reads it.

    argparse asks shutil for it, and importing shutil imports zlib, bz2 and lzma:
    a twentieth of the start-up of a command.  ``COLUMNS`` when set to a
    positive number, else the width of the terminal on standard output, else 80.
    """
    import sys

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 80
    return columns


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, at the terminal's width found without importing shutil."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = terminal_columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class DescriptionFormatter(HelpFormatter, argparse.RawDescriptionHelpFormatter):
    """:class:`HelpFormatter` that keeps the description's and epilog's line breaks."""


def add_command(
    sub: argparse._SubParsersAction[Any],
    name: str,
    summary: str,
    func: Command,
    *,
    details: str = "",
    exit_codes: str = EXIT_CODES,
) -> argparse.ArgumentParser:
    """Register a command with its one-line summary, its description and its exit codes.

    The summary is the line ``carsi-claims --help`` lists; ``--help`` of the
    command shows it, the details below it, and the exit codes.
    """
    description = summary[0].upper() + summary[1:] + "." + (f"\n\n{details}" if details else "")
    p: argparse.ArgumentParser = sub.add_parser(
        name,
        help=summary,
        description=description,
        epilog=f"exit codes: {exit_codes}",
        formatter_class=DescriptionFormatter,
    )
    p.set_defaults(func=func)
    return p


def dataset_args(p: argparse.ArgumentParser) -> None:
    """The claims file and ``--seeds`` arguments of every command that reads a dataset."""
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
        help="folder of the source documents (default: seeds/ beside the claims file's folder)",
    )


def format_arg(p: argparse.ArgumentParser, choices: Sequence[str] = ("text", "json")) -> None:
    """A ``--format`` choice, the first one the default."""
    p.add_argument(
        "--format",
        choices=choices,
        default=choices[0],
        help=f"output format: {', '.join(choices)} (default: {choices[0]})",
    )


def root_arg(p: argparse.ArgumentParser) -> None:
    """``--root``: the repository root that github and sarif paths are relative to."""
    p.add_argument(
        "--root",
        default=None,
        metavar="DIR",
        help="repository root for paths in github and sarif output "
        "(default: `git rev-parse --show-toplevel`, else the working folder)",
    )


def report(
    findings: Iterable[Finding],
    args: argparse.Namespace,
    out: TextIO,
    err: TextIO,
    *,
    subject: str | None,
    environ: Mapping[str, str] | None = None,
) -> None:
    """Render findings in ``args.format`` on ``out``.

    The github format also appends a summary to ``$GITHUB_STEP_SUMMARY`` when
    it is set (a summary that cannot be written is reported on ``err``; the
    annotations are printed all the same).  ``subject`` is the file a finding
    without a location points at (the claims file, or the argument given).
    """
    from pathlib import Path

    from carsi_claims.output.render import (
        append_text,
        github_summary,
        render_findings,
        repository_root,
    )

    items = list(findings)
    env = os.environ if environ is None else environ
    given = getattr(args, "root", None)
    root = None if given is None else Path(given)
    render_findings(items, args.format, out, command=args.command, root=root, subject=subject)
    summary = env.get("GITHUB_STEP_SUMMARY")
    if args.format != "github" or not summary:
        return
    top = repository_root() if root is None else root
    text = github_summary(items, command=args.command, root=top, subject=subject)
    try:
        append_text(summary, text)
    except OSError as exc:
        err.write(
            f"carsi-claims {args.command}: cannot append to GITHUB_STEP_SUMMARY "
            f"{summary}: {exc.strerror or exc}\n"
        )


def claims_subject(args: argparse.Namespace) -> str:
    """The claims file the arguments name, as shown in messages (the shipped one by default)."""
    from carsi_claims._paths import display_path
    from carsi_claims.dataset import default_paths

    given = getattr(args, "claims_file", None)
    return str(given) if given is not None else display_path(default_paths()[0])


def load(args: argparse.Namespace, *, strict: bool = True) -> Dataset:
    """The dataset the arguments name."""
    from carsi_claims.dataset import load as load_dataset

    return load_dataset(args.claims_file, seeds=args.seeds, strict=strict)


def write_json(data: object, out: TextIO) -> None:
    """``data`` as JSON on ``out`` (NaN and infinity refused)."""
    from carsi_claims._json import write

    write(data, out)


def find_claim(dataset: Dataset, claim_id: str, command: str, err: TextIO) -> Claim | None:
    """The claim with this id, or None after telling ``err`` the closest existing id."""
    from carsi_claims.errors import UnknownClaimError

    claim = dataset.claims_by_id.get(claim_id)
    if claim is None:
        unknown = UnknownClaimError(claim_id, dataset.closest_id(claim_id))
        err.write(f"carsi-claims {command}: {unknown}\n")
    return claim


def require_known(what: str, value: str | None, known: Iterable[str], flag: str) -> None:
    """Refuse a filter value that names nothing that exists, suggesting the closest that does."""
    if value is None:
        return
    candidates = set(known)
    if value in candidates:
        return
    from carsi_claims.text import did_you_mean

    hint = did_you_mean(value, candidates)
    if not hint and len(candidates) <= 12:
        hint = "; the dataset has " + ", ".join(repr(c) for c in sorted(candidates))
    raise UsageError(f"{flag}: no {what} {value!r} in the dataset{hint}")
