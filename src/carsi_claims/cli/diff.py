"""The ``diff`` command: what changed between two claims files, or two git revisions of one.

``carsi-claims diff OLD NEW`` compares two files; ``carsi-claims diff --rev
A..B [CLAIMS_FILE]`` compares the claims file as committed at revisions A and B
(read with ``git show``; ``A..`` compares A with the file as it is now).
Exit 0 when no published id changed meaning or disappeared, 1 when one did,
2 when a file or revision cannot be read or the usage is wrong.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from carsi_claims.cli.common import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, add_command

if TYPE_CHECKING:
    from carsi_claims.dataset import Dataset

__all__ = ["add_commands"]


class _Refused(Exception):
    """A revision that cannot be read, or a --rev that is not A..B; the message says why."""


def _git(args: list[str], cwd: Path) -> bytes:
    import subprocess  # here: every other command starts without it

    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, check=False, stdin=subprocess.DEVNULL
        )
    except OSError as exc:
        raise _Refused(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip() or f"exit {done.returncode}"
        raise _Refused(f"git {' '.join(args)}: {message}")
    return done.stdout


def _at_revision(rev: str, claims_file: Path, seeds: Path) -> Dataset:
    """The claims file as committed at ``rev``, named ``REV:path`` in messages."""
    from carsi_claims.dataset import load_bytes

    folder = claims_file.resolve().parent
    if not folder.is_dir():
        raise _Refused(f"no such folder: {claims_file.parent}")
    top = Path(_git(["rev-parse", "--show-toplevel"], folder).decode().strip())
    rel = claims_file.resolve().relative_to(top.resolve()).as_posix()
    data = _git(["show", f"{rev}:{rel}"], top)
    return load_bytes(data, f"{rev}:{rel}", seeds=seeds)


def _revisions(spec: str) -> tuple[str, str | None]:
    """``A..B`` as (A, B); ``A..`` as (A, None): the file as it is now."""
    old, sep, new = spec.partition("..")
    if not sep or not old or new.startswith("."):
        raise _Refused(f"expected --rev A..B (or A.. for the file as it is now), found {spec!r}")
    return old, new or None


def _cmd_diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carsi_claims.citing.diff import diff, render_diff
    from carsi_claims.dataset import default_paths, load

    try:
        if args.rev is not None:
            if len(args.files) > 1:
                err.write("carsi-claims diff: with --rev, give at most one CLAIMS_FILE\n")
                return EXIT_USAGE
            old_rev, new_rev = _revisions(args.rev)
            claims_file = Path(args.files[0]) if args.files else default_paths()[0]
            seeds = (
                Path(args.seeds)
                if args.seeds is not None
                else claims_file.resolve().parent.parent / "seeds"
            )
            old = _at_revision(old_rev, claims_file, seeds)
            if new_rev is None:
                new = load(claims_file, seeds=seeds)
            else:
                new = _at_revision(new_rev, claims_file, seeds)
        else:
            if len(args.files) != 2:
                err.write(
                    "carsi-claims diff: give two claims files (OLD NEW), or --rev A..B "
                    "[CLAIMS_FILE]\n"
                )
                return EXIT_USAGE
            old = load(args.files[0], seeds=args.seeds)
            new = load(args.files[1], seeds=args.seeds)
    except _Refused as exc:
        err.write(f"carsi-claims diff: {exc}\n")
        return EXIT_USAGE
    result = diff(old, new, old_name=old.file or "old", new_name=new.file or "new")
    render_diff(result, args.format, out)
    return EXIT_ERRORS if result.breaking else EXIT_OK


def add_commands(sub: argparse._SubParsersAction[Any]) -> None:
    """Add ``diff`` to the subcommand parser."""
    from carsi_claims.citing.diff import FORMATS

    p = add_command(
        sub,
        "diff",
        "what changed between two claims files, or two git revisions of one",
        _cmd_diff,
        details="Claims added, removed, retracted, superseded, reinstated, corrected, changed "
        "in meaning\n(their meaning before and after), resolutions added, changed or gone "
        "stale, and the\ncoverage of the sources. --format markdown starts with a one-line "
        "summary, for a\npull-request comment.",
        exit_codes="0 no published id changed meaning or disappeared, 1 one did, 2 a file or "
        "revision that cannot be read, or bad usage",
    )
    p.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="OLD NEW claims files; with --rev, the claims file (default: the shipped dataset)",
    )
    p.add_argument(
        "--rev",
        metavar="A..B",
        help="compare the claims file at git revisions A and B (A.. : with the file as it is now)",
    )
    p.add_argument(
        "--seeds",
        default=None,
        metavar="DIR",
        help="seeds folder for coverage (default: beside the claims file's folder)",
    )
    p.add_argument("--format", choices=FORMATS, default=FORMATS[0], help="output format")
