"""The ``carsi-claims`` command line: the parser, ``run`` and the ``main`` entry point.

Exit codes: 0 no errors, 1 errors found, 2 unreadable input or bad usage.
Every command that reports has ``--format json``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, Final, TextIO

from carsi_claims._gc import paused
from carsi_claims.cli.citing import add_commands as add_citing_commands
from carsi_claims.cli.common import (
    EXIT_CODES,
    EXIT_ERRORS,
    EXIT_OK,
    EXIT_USAGE,
    REPORT_FORMATS,
    Command,
    HelpFormatter,
    UsageError,
)
from carsi_claims.cli.compare import add_commands as add_compare_commands
from carsi_claims.cli.conflicts import add_commands as add_conflicts_commands
from carsi_claims.cli.dataset import add_commands as add_dataset_commands
from carsi_claims.cli.diff import add_commands as add_diff_commands
from carsi_claims.cli.site import add_command as add_site_command
from carsi_claims.errors import CarsiClaimsError, LoadError

__all__ = ["EXIT_ERRORS", "EXIT_OK", "EXIT_USAGE", "main", "run"]


class _UsageError(Exception):
    pass


class _Exit(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


#: argparse's words for a value outside its choices.
_INVALID_CHOICE: Final = re.compile(
    r"invalid choice: '(?P<value>.*?)' \(choose from (?P<choices>.*)\)"
)
#: argparse's words for options it does not know.
_UNRECOGNIZED: Final = re.compile(r"unrecognized arguments: (?P<args>.*)")


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so ``run`` returns the code, and suggests."""

    def error(self, message: str) -> Any:
        raise _UsageError(
            f"{self.format_usage()}{self.prog}: error: {message}{self._hint(message)}"
        )

    def _hint(self, message: str) -> str:
        """'; did you mean ...?' for a mistyped command, choice or option, or ''."""
        from carsi_claims.text import did_you_mean

        if m := _INVALID_CHOICE.search(message):
            choices = re.findall(r"'(.*?)'", m["choices"])
            return did_you_mean(m["value"], choices)
        if m := _UNRECOGNIZED.search(message):
            options = sorted(set(_option_strings(self)))
            for arg in m["args"].split():
                if arg.startswith("-"):
                    return did_you_mean(arg.split("=", 1)[0], options)
        return ""

    def exit(self, status: int = 0, message: str | None = None) -> Any:
        if message:
            sys.stderr.write(message)
        raise _Exit(status)


def _option_strings(parser: argparse.ArgumentParser) -> list[str]:
    """Every option of ``parser`` and of its subcommands."""
    found: list[str] = []
    for action in parser._actions:
        found += action.option_strings
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found += _option_strings(child)
    return found


# -- the parser ----------------------------------------------------------------


def _add_dataset(sub: argparse._SubParsersAction[Any]) -> None:
    add_dataset_commands(sub, REPORT_FORMATS)


def _add_citing(sub: argparse._SubParsersAction[Any]) -> None:
    add_citing_commands(sub, REPORT_FORMATS)


#: The command families, in the order ``--help`` lists them: the commands each
#: registers, and the function that registers them.
FAMILIES: Final[
    tuple[tuple[tuple[str, ...], Callable[[argparse._SubParsersAction[Any]], None]], ...]
] = (
    (("validate", "show", "list", "export"), _add_dataset),
    (("coverage", "lock", "pin", "cite", "check-refs"), _add_citing),
    (("conflicts",), add_conflicts_commands),
    (("compare",), add_compare_commands),
    (("diff",), add_diff_commands),
    (("site",), add_site_command),
)


def _command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs: its first word that is not an option, if any."""
    return next((word for word in argv if not word.startswith("-")), None)


def _parser(argv: Sequence[str] = ()) -> _Parser:
    """The parser: with only the family of the command ``argv`` names, or every command.

    Registering a command family imports what its options need, so a run of one
    command builds that family alone; ``--help``, a mistyped command and no
    command at all get every command.
    """
    from carsi_claims._version import __version__

    parser = _Parser(
        prog="carsi-claims",
        formatter_class=HelpFormatter,
        description="Typed, source-pinned claims about the Central America Regional Security "
        "Initiative (CARSI). Run 'carsi-claims COMMAND --help' for one command.",
        epilog=f"exit codes: {EXIT_CODES}",
    )
    parser.add_argument("--version", action="version", version=f"carsi-claims {__version__}")
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, title="commands"
    )
    sub.required = True
    wanted = _command_named(argv)
    chosen = [add for names, add in FAMILIES if wanted in names]
    for add in chosen or [add for _, add in FAMILIES]:
        add(sub)
    return parser


def run(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Run the command line with explicit streams; returns the exit code."""
    # The collector is paused for the run: what a command builds (its parser, the
    # modules it imports, the dataset) lives to its end, so a collection frees nothing.
    with paused():
        return _run(argv, out, err)


def _run(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    parser = _parser(argv)
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
    except UsageError as exc:
        err.write(f"carsi-claims {args.command}: error: {exc}\n")
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
        from carsi_claims.cli.common import claims_subject, report

        report(exc.findings, args, out, err, subject=claims_subject(args))
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
