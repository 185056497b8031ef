"""The ``compare`` command: one list or property as each source gives it, side by side."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from carsi_claims.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    add_command,
    dataset_args,
    format_arg,
    load,
)

__all__ = ["add_commands"]


def _cmd_compare(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims.analysis.compare import UnknownNameError, compare
    from carsi_claims.output.compare import write_comparison

    dataset = load(args)
    try:
        comparison = compare(dataset, args.name)
    except UnknownNameError as exc:
        err.write(f"carsi-claims compare: {exc}\n")
        return EXIT_USAGE
    write_comparison(comparison, dataset, args.format, out, width=args.width)
    return EXIT_OK


def _width(text: str) -> int:
    try:
        width = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if width < 40:
        raise argparse.ArgumentTypeError(f"expected a width of at least 40, found {width}")
    return width


def add_commands(sub: argparse._SubParsersAction[Any]) -> None:
    """Add ``compare`` to the command line's subparsers."""
    from carsi_claims.output.compare import FORMATS

    p = add_command(
        sub,
        "compare",
        "show one list or property as each source gives it, side by side, differences marked",
        _cmd_compare,
        details="A list id (carsi-five-goals) gives a row per item and one for the count of\n"
        "the list; a property (assistance-committed-to-date) a row per question. Each\n"
        "source is a column; in each row A is what most sources give, B, C, ... the\n"
        "other variants, and the words that differ from A are marked.",
        exit_codes="0 shown, 2 unreadable input, bad usage, or a name that is neither a "
        "list id nor a property",
    )
    p.add_argument(
        "name",
        metavar="LIST_OR_PROPERTY",
        help="a list id (carsi-five-goals) or a property (assistance-committed-to-date)",
    )
    dataset_args(p)
    format_arg(p, FORMATS)
    p.add_argument(
        "--width",
        type=_width,
        default=160,
        metavar="N",
        help="width of the text table in characters (default 160)",
    )
