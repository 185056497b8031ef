"""The README stays true: every example in it runs, and what it shows is what it prints.

- ```pycon blocks run as doctests: every output shown must be the output.
- ```console blocks run in a copy of ``data/`` and ``seeds/``: each ``$ `` line
  is a command, the lines under it its output (stdout, then stderr), compared
  whole, line and column numbers included. An HTML comment just above the
  block prepares the copy:
  ``<!-- example: edit PATH {"old": "new", ...} -->`` replaces text in a file
  (each old text must occur), ``<!-- example: file PATH`` then the content
  then ``-->`` writes a file.
- ```sh blocks are set-up commands: each of their lines is run word for word by
  ``.ci/run`` (the Quickstart's two commands among them).
- A ```yaml block of claims is an excerpt of ``data/claims.yaml``, verbatim.
"""

from __future__ import annotations

import doctest
import io
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from _mini import cli

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
TEXT = README.read_text(encoding="utf-8")

#: A fenced block and the example comment just above it, if any.
_BLOCK = re.compile(
    r"(?:^<!-- example: (?P<setup>(?:(?!-->).)*)-->\n)?^```(?P<lang>[a-z]*)\n(?P<body>.*?)^```$",
    re.S | re.M,
)


@attrs.frozen
class Example:
    """One fenced block of the README, where it stands, and how to prepare for it."""

    lang: str
    body: str
    line: int
    setup: str | None

    def __str__(self) -> str:
        return f"README.md:{self.line} ({self.lang})"


def examples(lang: str, text: str = TEXT) -> list[Example]:
    """The README's fenced blocks of one language, in order."""
    return [
        Example(m["lang"], m["body"], text.count("\n", 0, m.start("body")), m["setup"])
        for m in _BLOCK.finditer(text)
        if m["lang"] == lang
    ]


def prepare(workdir: Path, setup: str | None) -> None:
    """Copy data/ and seeds/ into ``workdir`` and apply the example's set-up."""
    for folder in ("data", "seeds", "schema"):
        shutil.copytree(ROOT / folder, workdir / folder)
    if setup is None:
        return
    verb, _, rest = setup.partition(" ")
    if verb == "edit":
        path, _, edits = rest.partition(" ")
        target = workdir / path
        content = target.read_text(encoding="utf-8")
        for old, new in json.loads(edits).items():
            assert old in content, f"example edit: {old!r} is not in {path}"
            content = content.replace(old, new, 1)
        target.write_text(content, encoding="utf-8")
    elif verb == "file":
        path, _, content = rest.partition("\n")
        target = workdir / path.strip()
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    else:  # pragma: no cover - a README typo
        raise AssertionError(f"unknown example set-up {verb!r}: expected edit or file")


def sessions(body: str) -> list[tuple[str, str]]:
    """The (command, shown output) pairs of a console block."""
    pairs: list[tuple[str, str]] = []
    for line in body.splitlines(keepends=True):
        if line.startswith("$ "):
            pairs.append((line[2:].rstrip("\n"), ""))
        else:
            assert pairs, f"output before any command: {line!r}"
            pairs[-1] = (pairs[-1][0], pairs[-1][1] + line)
    return pairs


def run_command(command: str, workdir: Path) -> str:
    """What a command prints (stdout, then stderr), run in ``workdir``."""
    argv = shlex.split(command)
    if argv[0] == "carsi-claims":
        _code, out, err = cli(*argv[1:])
        return out + err
    bin_dir = Path(sys.executable).parent
    done = subprocess.run(
        command,
        shell=True,
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(workdir)},
    )
    return done.stdout + done.stderr


@pytest.mark.parametrize("example", examples("console"), ids=str)
def test_console_examples_print_what_they_show(
    example: Example, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every console example prints exactly what the README shows."""
    prepare(tmp_path, example.setup)
    monkeypatch.chdir(tmp_path)
    for command, shown in sessions(example.body):
        assert run_command(command, tmp_path) == shown, f"{example}: $ {command}"


@pytest.mark.parametrize("example", examples("pycon"), ids=str)
def test_python_examples_print_what_they_show(example: Example) -> None:
    """Every pycon example runs as a doctest: each output shown is the output."""
    parser = doctest.DocTestParser()
    test = parser.get_doctest(example.body, {}, str(example), str(README), example.line)
    out = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    result = runner.run(test, out=out.write)
    assert result.failed == 0, out.getvalue()
    assert result.attempted > 0


def test_no_example_is_left_unchecked() -> None:
    """Every fenced block is labelled, with a language checked here or plain text."""
    langs = {m["lang"] for m in _BLOCK.finditer(TEXT)}
    assert langs <= {"console", "pycon", "sh", "yaml", "toml", "text"}, langs


def _quickstart() -> list[str]:
    start = TEXT.index("## Quickstart")
    quick = TEXT[start : TEXT.index("\n## ", start)]
    return [e.body.strip() for e in examples("sh", quick)]


def test_quickstart_is_two_self_installing_commands() -> None:
    """The Quickstart is exactly two commands: one validating, one testing."""
    assert _quickstart() == [
        "python3 scripts/quickstart.py validate",
        "python3 scripts/quickstart.py test",
    ]


def test_ci_runs_every_shell_command_verbatim() -> None:
    """.ci/run runs each line of every sh block of the README word for word."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for example in examples("sh"):
        for line in example.body.splitlines():
            command = line.split("  #", 1)[0].strip()
            if command:
                assert command in ci, f"{example}: {command!r} is not run by .ci/run"


def test_yaml_claims_are_excerpts_of_the_dataset() -> None:
    """A YAML example of claims is a verbatim excerpt of data/claims.yaml."""
    data = (ROOT / "data" / "claims.yaml").read_text(encoding="utf-8")
    checked = 0
    for example in examples("yaml"):
        if example.body.startswith("claims:\n"):
            assert example.body.split("\n", 1)[1] in data, str(example)
            checked += 1
    assert checked >= 1


@pytest.mark.parametrize("command", sorted(set(re.findall(r"^\| `carsi-claims (\S+)", TEXT, re.M))))
def test_every_documented_command_exists(command: str) -> None:
    """Every command in the README's table answers --help."""
    code, out, _err = cli(command, "--help")
    assert code == 0
    assert out.startswith("usage: carsi-claims " + command)


# -- the runner itself ---------------------------------------------------------------


def test_a_wrong_shown_output_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The console runner compares whole outputs: a wrong line number is a difference."""
    text = (
        '<!-- example: edit data/claims.yaml {"amount: 260000000": "amount: 265000000"} -->\n'
        "```console\n$ carsi-claims validate data/claims.yaml\nwrong\n```\n"
    )
    (example,) = examples("console", text)
    prepare(tmp_path, example.setup)
    monkeypatch.chdir(tmp_path)
    ((command, shown),) = sessions(example.body)
    printed = run_command(command, tmp_path)
    assert shown == "wrong\n"
    assert printed != shown
    assert printed.startswith("data/claims.yaml:")
    assert "error[value.mismatch]" in printed
