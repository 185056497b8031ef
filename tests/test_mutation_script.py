"""scripts/mutation.py's table: a score stands for the sources only if it measured them."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "mutation.py"


@pytest.fixture
def mutation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutation_script", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "mutation_script", module)
    spec.loader.exec_module(module)
    package = tmp_path / "src" / "carsi_claims"
    package.mkdir(parents=True)
    (package / "mod.py").write_text("def f(x):\n    return x + 1\n", encoding="utf-8")
    mutants = tmp_path / "mutants"
    meta = mutants / "src" / "carsi_claims" / "mod.py.meta"
    meta.parent.mkdir(parents=True)
    codes = {"carsi_claims.mod.x_f__mutmut_1": 1, "carsi_claims.mod.x_f__mutmut_2": 0}
    meta.write_text(json.dumps({"exit_code_by_key": codes}), encoding="utf-8")
    monkeypatch.setattr(module, "PACKAGE", package)
    monkeypatch.setattr(module, "MUTANTS", mutants)
    monkeypatch.setattr(module, "RECHECKED", mutants / "rechecked.json")
    monkeypatch.setattr(module, "MEASURED", mutants / "measured.json")
    return module


def _row(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("| mod.py |"))


def test_a_module_measured_as_it_is_gets_its_plain_score(
    mutation: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    mutation._save_measured("mod.py", mutation.module_digest("mod.py"))
    survivors = mutation.report(["mod.py"])
    out = capsys.readouterr().out
    assert _row(out) == "| mod.py | 2 | 1 | 0 | 1 | 0 | 50.0% |"
    assert "(c)" not in out
    assert survivors == ["carsi_claims.mod.x_f__mutmut_2"]


def test_a_module_changed_since_its_run_is_marked(
    mutation: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    mutation._save_measured("mod.py", mutation.module_digest("mod.py"))
    (mutation.PACKAGE / "mod.py").write_text("def f(x):\n    return x + 2\n", encoding="utf-8")
    mutation.report(["mod.py"])
    out = capsys.readouterr().out
    assert _row(out) == "| mod.py | 2 | 1 | 0 | 1 | 0 | 50.0% (c) |"
    assert out.rstrip().endswith(": mod.py")


def test_a_module_whose_run_never_finished_is_marked(
    mutation: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    mutation.report(["mod.py"])  # results on disk, but no whole run recorded them
    assert _row(capsys.readouterr().out).endswith("50.0% (c) |")


def test_a_fresh_kill_of_a_survivor_counts_as_killed(
    mutation: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    mutation._save_measured("mod.py", mutation.module_digest("mod.py"))
    mutation.RECHECKED.write_text(json.dumps({"carsi_claims.mod.x_f__mutmut_2": 1}))
    assert mutation.report(["mod.py"]) == []
    assert _row(capsys.readouterr().out) == "| mod.py | 2 | 2 | 0 | 0 | 0 | 100.0% |"
