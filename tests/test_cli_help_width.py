"""``--help`` is laid out at the terminal's width, found as shutil finds it (without
importing shutil, which would import zlib, bz2 and lzma into every command)."""

from __future__ import annotations

import argparse
import io
import shutil

import pytest

from carsi_claims.cli.common import HelpFormatter, terminal_columns
from carsi_claims.cli.main import run


@pytest.mark.parametrize("columns", [None, "50", "132", "0", "-3", "wide", ""])
def test_the_width_is_shutils(monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns


@pytest.mark.parametrize("columns", ["40", "60", "100"])
def test_help_wraps_as_argparse_would(monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    ours = HelpFormatter("carsi-claims")
    theirs = argparse.HelpFormatter("carsi-claims")
    assert ours._width == theirs._width
    out = io.StringIO()
    assert run(["validate", "--help"], out, io.StringIO()) == 0
    text = out.getvalue()
    options = text[text.index("options:") : text.index("exit codes:")]  # wrapped by argparse
    assert max(len(line) for line in options.splitlines()) <= int(columns)
