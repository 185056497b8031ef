"""What every command of the command line shares: exit codes, arguments, loading, JSON.

The command modules (one per family) import this module and nothing else of
``cli``; ``cli.main`` imports the command modules to build the parser, so
there is no circle.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from carsi_claims.dataset import Dataset
    from carsi_claims.model import Claim

__all__ = [
    "EXIT_ERRORS",
    "EXIT_OK",
    "EXIT_USAGE",
    "Command",
    "dataset_args",
    "find_claim",
    "format_arg",
    "load",
    "write_json",
]

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2

#: A command: takes the parsed arguments and the output streams, returns the exit code.
Command = Callable[[argparse.Namespace, TextIO, TextIO], int]


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
        help="seeds folder (default: CLAIMS_FILE/../../seeds)",
    )


def format_arg(p: argparse.ArgumentParser, choices: Sequence[str] = ("text", "json")) -> None:
    """A ``--format`` choice, the first one the default."""
    p.add_argument("--format", choices=choices, default=choices[0], help="output format")


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
