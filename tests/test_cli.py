"""The command line, run in-process with explicit streams, and once as the installed script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from _mini import MINI_SEEDS, MINI_YAML, DatasetPaths, cli, mutate, where
from carsi_claims._paths import display_path

TmpDataset = Callable[..., DatasetPaths]


def test_valid_file_exits_0(tmp_dataset: TmpDataset) -> None:
    """A valid claims file with its seeds exits 0 with an ok summary."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    code, out, err = cli("validate", str(paths.claims))
    assert (code, err) == (0, "")
    assert out == f"{display_path(paths.claims)}: ok: 6 claims, 0 error(s), 0 other finding(s)\n"


@pytest.mark.parametrize(
    ("old", "new", "needle", "code", "words"),
    [
        (
            "amount: 260000000",
            "ammount: 260000000",
            "ammount",
            "schema.unknown-key",
            "did you mean 'amount'?",
        ),
        (
            "cumulative: true",
            "cumulative: no",
            "no\n",
            "schema.type",
            "expected true or false, found 'no'",
        ),
        ("amount: 260000000", "amount: 1e6", "1e6", "schema.type", "1e6 is written 1000000"),
        (
            'as_of: "2011-03-14"',
            "as_of: 2011-02-30",
            "2011-02-30",
            "schema.date",
            "day 30 is out of range 1..28",
        ),
    ],
)
def test_schema_problem_exits_1_with_location(
    tmp_dataset: TmpDataset, old: str, new: str, needle: str, code: str, words: str
) -> None:
    """A record that does not fit the schema fails (exit 1) with file:line:col and a hint."""
    text = mutate(old, new)
    paths = tmp_dataset(text, MINI_SEEDS)
    status, out, err = cli("validate", str(paths.claims))
    line, col = where(text, needle)
    prefix = f"{display_path(paths.claims)}:{line}:{col}: error[{code}]: claim carsi.funding: "
    assert status == 1
    assert err == ""
    hit = [row for row in out.splitlines() if row.startswith(prefix)]
    assert len(hit) == 1, out
    assert words in hit[0]


@pytest.mark.parametrize(
    ("data", "code", "line", "column"),
    [
        (b"sources: []\nsources: []\n", "yaml.duplicate-key", 2, 1),
        (b"a: &x 1\nb: *x\n", "yaml.anchor", 1, 4),
        (b"a: !!python/object:os.system 1\n", "yaml.tag", 1, 4),
        (b"a: 1\n---\nb: 2\n", "yaml.multiple-documents", 2, 1),
        (b"", "yaml.empty", 1, 1),
        (b"- 1\n", "yaml.not-a-mapping", 1, 1),
        (b"a: \xff\n", "yaml.encoding", 1, 4),
        (b"a: b\x00\n", "yaml.control-character", 1, 5),
        (b"a: " + b"[" * 100 + b"]" * 100 + b"\n", "yaml.too-deep", 1, 67),
        (b"a: [1\n", "yaml.syntax", 2, 1),
    ],
)
def test_unreadable_yaml_exits_2_with_location(
    tmp_dataset: TmpDataset, data: bytes, code: str, line: int, column: int
) -> None:
    """A file that is not strict YAML exits 2, with file:line:col and the code on stderr."""
    paths = tmp_dataset(data)
    status, out, err = cli("validate", str(paths.claims))
    assert (status, out) == (2, "")
    first = err.splitlines()[0]
    assert first.startswith(f"{display_path(paths.claims)}:{line}:{column}: error[{code}]: "), err
    assert err.endswith("carsi-claims validate: the claims file cannot be read\n")


def test_missing_file_exits_2(tmp_path: Path) -> None:
    """A claims file that does not exist exits 2 with a message, no traceback."""
    status, out, err = cli("validate", str(tmp_path / "nope.yaml"))
    assert (status, out) == (2, "")
    assert "error[file.unreadable]: cannot read " in err
    assert "No such file or directory" in err


def test_bad_usage_exits_2() -> None:
    """An unknown option is a usage error (exit 2) on stderr."""
    status, out, err = cli("validate", "--bogus")
    assert (status, out) == (2, "")
    assert "unrecognized arguments: --bogus" in err


def test_json_findings(tmp_dataset: TmpDataset) -> None:
    """--format json gives ok and each finding with code, severity, message, claim, location."""
    text = mutate("currency: USD", "currency: USX")
    paths = tmp_dataset(text, MINI_SEEDS)
    status, out, _ = cli("validate", str(paths.claims), "--format", "json")
    data = json.loads(out)
    assert status == 1
    assert data["ok"] is False
    line, col = where(text, "USX")
    assert {
        "code": "record.currency",
        "severity": "error",
        "message": "expected an ISO 4217 currency code such as USD, found 'USX'",
        "claim": "carsi.funding",
        "location": {"file": display_path(paths.claims), "line": line, "column": col},
    } in data["findings"]


def test_seeds_option(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """--seeds points validation at another folder of sources."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    other = tmp_path / "elsewhere"
    shutil.copytree(paths.seeds, other)
    shutil.rmtree(paths.seeds)
    assert cli("validate", str(paths.claims))[0] == 2  # the default seeds folder is gone
    assert cli("validate", str(paths.claims), "--seeds", str(other))[0] == 0


def test_show_and_list(tmp_dataset: TmpDataset) -> None:
    """show prints one claim; an unknown id suggests the closest; list filters by kind."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    code, out, _ = cli("show", "carsi.goals", str(paths.claims))
    assert code == 0
    assert out.startswith("carsi.goals  [count]  status: active\n")
    code, _, err = cli("show", "carsi.gaols", str(paths.claims))
    assert code == 1
    assert err == "carsi-claims show: no claim with id 'carsi.gaols'; did you mean 'carsi.goals'?\n"
    code, out, _ = cli("list", str(paths.claims), "--kind", "money")
    assert code == 0
    assert out == "carsi.funding  money  src-a  $260 million\n"


def test_export_json(tmp_dataset: TmpDataset) -> None:
    """export --format json gives the interchange contract with every provenance field."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    code, out, _ = cli("export", str(paths.claims), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["schema_version"] == 2
    assert {"sources", "entities", "claims"} <= set(data)
    assert data["claims"][0]["provenance"][0] == {
        "source": "src-a",
        "quote": "$260 million",
        "start": 47,
        "end": 59,
        "voice": None,
    }


def _script() -> str:
    found = shutil.which("carsi-claims", path=str(Path(sys.executable).parent))
    if found is None:  # pragma: no cover - the package is not installed as a script
        pytest.skip("the carsi-claims script is not installed")
    return found


def test_installed_script_exit_codes(tmp_dataset: TmpDataset) -> None:
    """The installed carsi-claims script exits 0, 1 and 2 for valid, invalid and unreadable."""
    script = _script()
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)

    def status(text: str) -> subprocess.CompletedProcess[str]:
        paths.claims.write_text(text, encoding="utf-8")
        return subprocess.run(
            [script, "validate", str(paths.claims)],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )

    assert status(MINI_YAML).returncode == 0
    failed = status(mutate("currency: USD", "currency: USX"))
    assert failed.returncode == 1
    assert "error[record.currency]" in failed.stdout
    unreadable = status("a: [1\n")
    assert unreadable.returncode == 2
    assert "Traceback" not in unreadable.stderr
    assert "error[yaml.syntax]" in unreadable.stderr


def test_help_goes_to_the_given_stream(capsys: pytest.CaptureFixture[str]) -> None:
    """--help writes its text to the stream run() was given (not sys.stdout) and exits 0."""
    code, out, err = cli("--help")
    assert err == ""
    assert code == 0
    assert out.startswith("usage: carsi-claims")
    assert "validate" in out
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("command", ["validate", "coverage", "conflicts", "list", "export"])
def test_unreadable_claims_file_in_sarif_or_json_goes_to_stdout(
    tmp_path: Path, command: str
) -> None:
    """A claims file that cannot be read is reported on stdout in the machine format asked for."""
    broken = tmp_path / "claims.yaml"
    broken.write_text("claims: [\n", encoding="utf-8")
    fmt = "sarif" if command in ("validate", "coverage") else "json"
    code, out, err = cli(command, str(broken), "--format", fmt)
    assert code == 2
    data = json.loads(out)
    if fmt == "sarif":
        (result,) = data["runs"][0]["results"]
        assert result["ruleId"] == "yaml.syntax"
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    else:
        assert data["ok"] is False
        assert [f["code"] for f in data["findings"]] == ["yaml.syntax"]
    assert err.endswith(f"carsi-claims {command}: the claims file cannot be read\n")


def test_console_that_cannot_encode_a_quote_gets_escapes_not_a_traceback() -> None:
    """On an ASCII-only stdout, curly quotes are printed as escapes and the command succeeds."""
    proc = subprocess.run(
        [sys.executable, "-m", "carsi_claims.cli", "show", "carsi.assistance-committed.260m"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("ascii", "replace")
    assert b"\\u201c" in proc.stdout
    assert b"Traceback" not in proc.stderr
