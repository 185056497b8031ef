"""Any file name the OS hands over is reported in every format, a name that is not UTF-8 included.

On Linux a file name is bytes; Python hands a byte that is not UTF-8 over as a
lone surrogate (``os.fsdecode``).  0.1.0 raised ``UnicodeEncodeError`` from
``--format sarif`` on such a name, with empty stdout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from _mini import cli

BAD = b"bad\xffname \xc3\xa9.md"  # one byte that is not UTF-8, a space and an accent


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder ``docs`` holding one file with a name that is not UTF-8 and an unknown id."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "docs"
    folder.mkdir()
    try:
        with open(os.path.join(os.fsencode(folder), BAD), "wb") as handle:
            handle.write(b"see carsi:carsi.no-such-claim\n")
    except (OSError, UnicodeError):  # pragma: no cover - a file system that refuses it
        pytest.skip("this file system refuses file names that are not UTF-8")
    return folder


NAME = os.fsdecode(b"docs/" + BAD)


def test_sarif_percent_encodes_the_bytes_of_the_name(docs: Path) -> None:
    """The SARIF artifact URI percent-encodes the name's bytes: ``bad%FFname%20%C3%A9.md``."""
    code, out, _ = cli("check-refs", "docs", "--format", "sarif")
    assert code == 1
    result = json.loads(out)["runs"][0]["results"][0]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "docs/bad%FFname%20%C3%A9.md"
    assert (location["region"]["startLine"], location["region"]["startColumn"]) == (1, 5)


def test_json_keeps_the_name_as_python_reads_it(docs: Path) -> None:
    """``--format json`` writes the surrogate as a JSON escape, which reads back to the name."""
    code, out, _ = cli("check-refs", "docs", "--format", "json")
    assert code == 1
    assert "\\udcff" in out
    out.encode("utf-8")  # no lone surrogate in the text itself
    finding = json.loads(out)["findings"][0]
    assert finding["location"]["file"] == NAME
    assert os.fsencode(finding["location"]["file"]) == b"docs/" + BAD


def test_text_escapes_the_byte(docs: Path) -> None:
    """The text format shows the byte as an escape on one line."""
    code, out, _ = cli("check-refs", "docs")
    assert code == 1
    assert out.splitlines()[0].startswith("docs/bad\\udcffname é.md:1:5: error[refs.unknown]")


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_every_format_through_a_real_stdout(docs: Path, fmt: str) -> None:
    """Through a real UTF-8 stdout every format ends with exit 1, never a traceback."""
    done = subprocess.run(
        [sys.executable, "-m", "carsi_claims.cli", "check-refs", "docs", "--format", fmt],
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert done.returncode == 1, done.stderr
    assert b"Traceback" not in done.stderr
    assert b"bad" in done.stdout
    if fmt in ("json", "sarif"):
        json.loads(done.stdout)
