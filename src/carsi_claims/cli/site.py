"""The ``site`` command: build the static site of a claims file into a folder."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

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


def add_command(sub: Any) -> None:
    """Add ``site`` to the command line's subparsers."""
    p = sub.add_parser(
        "site",
        help="build a static site (plain HTML, no scripts) of the claims into a folder",
        description="Build a static site of the claims into OUT: an overview, a page per "
        "source with every quote highlighted, a permanent page per claim, conflicts side by "
        "side. Only files whose content changed are written; none is deleted.",
    )
    p.add_argument("out", metavar="OUT", help="folder to write the site into (created if missing)")
    dataset_args(p)
    p.set_defaults(func=_cmd_site)
