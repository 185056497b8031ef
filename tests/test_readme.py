"""The README stays true: its Python examples run and its commands exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from _mini import cli

README = Path(__file__).resolve().parents[1] / "README.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("block", _blocks("python"))
def test_python_examples_run(block: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Every ```python block of the README runs as written against the shipped dataset."""
    exec(compile(block, str(README), "exec"), {})
    capsys.readouterr()


def _quickstart() -> list[str]:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Quickstart")
    quick = text[start : text.index("\n## ", start)]
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", quick, re.S)]


def test_quickstart_is_two_commands_using_the_lock() -> None:
    """The Quickstart is exactly two commands, one validating, one testing, each self-installing."""
    assert _quickstart() == [
        "python3 -m pip install uv && uv run --locked carsi-claims validate",
        "python3 -m pip install uv && uv run --locked pytest",
    ]


def test_ci_runs_the_quickstart_verbatim() -> None:
    """.ci/run runs the README's two Quickstart commands word for word, each on a line."""
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in _quickstart():
        assert command in ci


@pytest.mark.parametrize(
    "command",
    sorted(set(re.findall(r"^\| `carsi-claims (\S+)", README.read_text(encoding="utf-8"), re.M))),
)
def test_every_documented_command_exists(command: str) -> None:
    """Every command in the README's table answers --help."""
    code, out, _err = cli(command, "--help")
    assert code == 0
    assert out.startswith("usage: carsi-claims " + command)
