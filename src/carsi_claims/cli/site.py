"""The ``site`` command: build the static site of a claims file into a folder."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from carsi_claims.cli import common
from carsi_claims.cli.common import EXIT_OK, EXIT_USAGE, dataset_args, load

__all__ = ["add_command"]


def _cmd_site(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims.dataset import default_paths
    from carsi_claims.output.site import build_site

    dataset = load(args)
    claims_file = args.claims_file if args.claims_file is not None else default_paths()[0]
    try:
        report = build_site(dataset, args.out, claims_file=claims_file)
    except OSError as exc:
        where = exc.filename if exc.filename is not None else args.out
        err.write(f"carsi-claims site: cannot write {where}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    out.write(
        f"{args.out}: {report.files} files, {len(report.written)} written, "
        f"{report.unchanged} unchanged\n"
    )
    return EXIT_OK


def add_command(sub: argparse._SubParsersAction[Any]) -> None:
    """Add ``site`` to the command line's subparsers."""
    p = common.add_command(
        sub,
        "site",
        "build a static site of the claims (plain HTML, no scripts) in a folder",
        _cmd_site,
        details="An overview, a page per source with every quote highlighted at its offsets,\n"
        "a permanent page per claim (claims/<id>.html and .json), conflicts side by\n"
        "side, entities and lists. Only files whose content changed are written,\n"
        "atomically; none is deleted. Open OUT/index.html, or copy OUT to any static host.",
        exit_codes="0 the site is built, 2 unreadable input, an id that cannot name a page, "
        "a folder that cannot be written, or bad usage",
    )
    p.add_argument("out", metavar="OUT", help="folder to write the site into (created if missing)")
    dataset_args(p)
