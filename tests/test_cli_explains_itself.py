"""The command line explains itself: version, help, exit codes, suggestions, readable output."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pytest

import carsi_claims
from _mini import MINI_SEEDS, MINI_YAML, DatasetPaths, cli, mutate
from carsi_claims._paths import display_path
from carsi_claims.cli.main import _parser

TmpDataset = Callable[..., DatasetPaths]


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    return _subparsers_of(_parser())


def _subparsers_of(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")  # pragma: no cover


def test_version() -> None:
    """--version prints the package's version and exits 0."""
    assert cli("--version") == (0, f"carsi-claims {carsi_claims.__version__}\n", "")


@pytest.mark.parametrize("name", sorted(_subparsers()))
def test_every_command_has_a_description_and_exit_codes(name: str) -> None:
    """Every command's --help has a one-line description, help for each argument, exit codes."""
    parser = _subparsers()[name]
    assert parser.description, name
    assert (parser.epilog or "").startswith("exit codes: 0 "), name
    undocumented = [
        action.dest
        for action in parser._actions
        if not isinstance(action, argparse._HelpAction) and not action.help
    ]
    assert undocumented == [], name
    code, out, _ = cli(name, "--help")
    assert code == 0
    assert "exit codes: 0 " in out


def test_the_command_list_gives_every_command_a_summary() -> None:
    """carsi-claims --help lists every command with its one-line summary."""
    code, out, _ = cli("--help")
    assert code == 0
    for name, parser in _subparsers().items():
        summary = (parser.description or "").split("\n", 1)[0]
        assert summary.endswith(".")
        assert f"    {name}" in out


def test_a_mistyped_command_gets_a_suggestion() -> None:
    """A mistyped command is bad usage (exit 2) with 'did you mean'."""
    code, out, err = cli("valdate")
    assert (code, out) == (2, "")
    assert err.endswith(
        "error: argument COMMAND: invalid choice: 'valdate' (choose from 'validate', 'show', "
        + err.split("(choose from 'validate', 'show', ", 1)[1].split(")", 1)[0]
        + "); did you mean 'validate'?\n"
    )


def test_a_mistyped_choice_gets_a_suggestion() -> None:
    """A mistyped --format value names the closest choice."""
    code, _, err = cli("validate", "--format", "sarf")
    assert code == 2
    assert err.endswith("; did you mean 'sarif'?\n")


def test_a_mistyped_option_gets_a_suggestion() -> None:
    """An unknown option of a command names the closest option."""
    code, _, err = cli("validate", "--formt", "json")
    assert code == 2
    assert "error: unrecognized arguments: --formt" in err
    assert err.endswith("; did you mean '--format'?\n")


@pytest.mark.parametrize(
    ("flag", "value", "expected"),
    [
        ("--source", "src-b", "no source 'src-b' in the dataset; did you mean 'src-a'?"),
        ("--subject", "carsii", "no subject 'carsii' in the dataset; did you mean 'carsi'?"),
        ("--property", "fundng", "no property 'fundng' in the dataset; did you mean 'funding'?"),
        ("--source", "zzz", "no source 'zzz' in the dataset; the dataset has 'src-a'"),
    ],
)
def test_a_filter_naming_nothing_is_an_error(
    tmp_dataset: TmpDataset, flag: str, value: str, expected: str
) -> None:
    """list with a filter value that matches nothing in the dataset exits 2 and suggests."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    code, out, err = cli("list", str(paths.claims), flag, value)
    assert (code, out) == (2, "")
    assert err == f"carsi-claims list: error: {flag}: {expected}\n"


def test_list_is_one_aligned_line_per_claim(tmp_dataset: TmpDataset) -> None:
    """list writes one line per claim, columns aligned, values in words, line breaks folded."""
    text = mutate('value: {text: "We stand together"', 'value: {text: "We stand\\ntogether"')
    paths = tmp_dataset(text, MINI_SEEDS)
    code, out, _ = cli("list", str(paths.claims))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 6
    assert lines[0] == "carsi.funding           money         src-a  $260 million"
    assert lines[1] == "carsi.funding-years     fiscal_years  src-a  FY2008-2010"
    assert lines[4] == (
        "carsi.clinton-together  quotation     src-a  "
        "“We stand together” (clinton, Secretary of State)"
    )
    assert {line.index(" money") for line in lines[:1]} == {lines[1].index(" fiscal_years")}


def test_list_shortens_long_text(tmp_dataset: TmpDataset) -> None:
    """A value longer than the line has room for is cut with an ellipsis."""
    long = "word " * 60
    text = mutate('value: {text: "We stand together"', f'value: {{text: "{long.strip()}"')
    paths = tmp_dataset(text, MINI_SEEDS)
    _, out, _ = cli("list", str(paths.claims), "--kind", "quotation")
    assert len(out.rstrip("\n")) == 160
    assert out.rstrip("\n").endswith("…")


def test_show_writes_values_as_a_person_does(tmp_dataset: TmpDataset) -> None:
    """show renders money, fiscal years and qualifiers in words, never as Python data."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    _, out, _ = cli("show", "carsi.funding", str(paths.claims))
    assert "  value: $260 million\n" in out
    _, out, _ = cli("show", "carsi.funding-years", str(paths.claims))
    assert "  value: FY2008-2010\n" in out
    assert "{" not in out
    assert "Decimal" not in out


def test_lock_without_a_file_refuses_outside_a_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """lock with no CLAIMS_FILE and no data/claims.yaml around exits 2 and writes nothing."""
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("lock")
    assert (code, out) == (2, "")
    assert err.startswith(
        "carsi-claims lock: error: no claims file given, and no data/claims.yaml in "
    )
    assert "never written" in err
    assert list(tmp_path.iterdir()) == []


def test_lock_without_a_file_uses_the_projects_data(
    tmp_dataset: TmpDataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """lock with no CLAIMS_FILE finds data/claims.yaml from a subfolder of the project."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    (paths.root / "docs" / "deep").mkdir(parents=True)
    monkeypatch.chdir(paths.root / "docs" / "deep")
    code, out, _ = cli("lock")
    assert code == 0
    lock = paths.claims.parent / "claims.lock"
    assert out.startswith(f"{display_path(lock)}: added 6 claim id(s), 6 locked\n")
    assert (paths.claims.parent / "claims.lock").is_file()


def test_the_command_families_name_every_command() -> None:
    """cli.main.FAMILIES lists each command once, with the family that registers it."""
    from carsi_claims.cli.main import FAMILIES

    listed = [name for names, _ in FAMILIES for name in names]
    assert listed == list(_subparsers())
    for names, _ in FAMILIES:
        for name in names:
            registered = set(_subparsers_of(_parser([name, "--flag"])))
            assert registered == set(names), name


def test_running_a_command_builds_only_its_family() -> None:
    """A run of one command registers only its family; --help and a typo register all."""
    assert set(_subparsers_of(_parser(["validate", "--format", "json"]))) == {
        "validate",
        "show",
        "list",
        "export",
    }
    assert set(_subparsers_of(_parser(["--help"]))) == set(_subparsers())
    assert set(_subparsers_of(_parser(["valdate"]))) == set(_subparsers())


def test_report_formats_are_the_renderers() -> None:
    """The --format choices of reporting commands are exactly what render_findings writes."""
    from carsi_claims.cli.common import REPORT_FORMATS
    from carsi_claims.output.render import FORMATS

    assert REPORT_FORMATS == FORMATS
