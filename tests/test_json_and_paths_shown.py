"""The one JSON encoding of machine output, and how paths are shown in messages.

Every ``--format json`` output goes through ``_json.dumps``: indented by two,
UTF-8 characters as themselves, a newline at the end, NaN refused, and a lone
surrogate (a file name that is not UTF-8) written as its escape.  Every path
in a message goes through ``display_path``: relative inside the working
folder, as given outside it.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from carsi_claims._json import dumps, write
from carsi_claims._paths import display_path


def test_dumps_is_indented_utf8_text_ending_in_a_newline() -> None:
    """Two-space indent, non-ASCII characters kept, key order kept, a final newline."""
    assert dumps({"b": ["é", 1], "a": None}) == (
        '{\n  "b": [\n    "é",\n    1\n  ],\n  "a": null\n}\n'
    )


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_dumps_refuses_nan_and_infinity(number: float) -> None:
    """NaN and infinity are no JSON: ValueError, never a non-standard token."""
    with pytest.raises(ValueError, match="not JSON compliant"):
        dumps({"x": number})


def test_a_lone_surrogate_is_written_as_its_escape() -> None:
    """A name holding a lone surrogate is escaped (lowercase hex) and reads back the same."""
    name = os.fsdecode(b"caf\xe9.yaml")
    text = dumps({"file": name, "other": "\ud800x"})
    assert text == '{\n  "file": "caf\\udce9.yaml",\n  "other": "\\ud800x"\n}\n'
    text.encode("utf-8")
    assert json.loads(text) == {"file": name, "other": "\ud800x"}


def test_write_writes_what_dumps_gives() -> None:
    """write puts the same text on the stream."""
    out = io.StringIO()
    write([1, "a"], out)
    assert out.getvalue() == '[\n  1,\n  "a"\n]\n'


def test_display_path_is_relative_inside_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inside the working folder a path is shown relative to it, whether given absolute or not."""
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "data" / "claims.yaml") == os.path.join("data", "claims.yaml")
    assert display_path(Path("data/../claims.lock")) == "claims.lock"
    assert display_path(tmp_path) == "."


def test_display_path_is_as_given_outside_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside the working folder a path is shown as it was given, never as ``../..``."""
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    outside = tmp_path / "other" / "claims.yaml"
    assert display_path(outside) == str(outside)
    assert display_path(Path("../other/claims.yaml")) == "../other/claims.yaml"


def test_display_path_is_as_given_when_no_relative_path_exists(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where no relative path exists (another drive on Windows), the path is shown as given."""

    def other_drive(path: object, start: object = None) -> str:
        raise ValueError("path is on mount 'D:', start on mount 'C:'")

    monkeypatch.setattr(os.path, "relpath", other_drive)
    assert display_path(Path("/elsewhere/claims.yaml")) == str(Path("/elsewhere/claims.yaml"))
