"""Property: mutated copies of the real claims file load or raise LoadError, never anything else."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import carsi_claims
from carsi_claims.dataset import Dataset, default_paths
from carsi_claims.errors import LoadError
from carsi_claims.findings import LINE_BREAK, Report

CODE = re.compile(r"[a-z]+(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+")

CLAIMS_FILE, SEEDS_DIR = default_paths()
REAL = CLAIMS_FILE.read_bytes()


@st.composite
def mutants(draw: st.DrawFn) -> bytes:
    """The real file with a few byte flips, deletions or swapped lines."""
    data = bytearray(REAL)
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["flip", "delete", "swap"]))
        if how == "flip":
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
        elif how == "delete":
            i = draw(st.integers(0, len(data) - 1))
            data[i : i + draw(st.integers(1, 40))] = b""
        else:
            lines = bytes(data).split(b"\n")
            a = draw(st.integers(0, len(lines) - 1))
            b = draw(st.integers(0, len(lines) - 1))
            lines[a], lines[b] = lines[b], lines[a]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def _write(tmp: str, data: bytes) -> Path:
    path = Path(tmp) / "claims.yaml"
    path.write_bytes(data)
    return path


def _outcome(path: Path, *, strict: bool = True) -> Dataset | LoadError:
    """What load gives: the dataset, or the LoadError it raised (anything else propagates)."""
    try:
        return carsi_claims.load(path, seeds=SEEDS_DIR, strict=strict)
    except LoadError as exc:
        return exc


def _lines(data: bytes) -> int:
    return len(LINE_BREAK.split(data.decode("utf-8", "replace")))


def _records(ds: Dataset) -> tuple[object, ...]:
    return (ds.sources, ds.entities, ds.claims, ds.resolutions, ds.coverage_ignores)


@given(mutants())
def test_mutant_loads_or_raises_load_error(data: bytes) -> None:
    """load returns a Dataset or raises LoadError whose findings each name a place in the
    file; the lenient load reports the very same findings (as its problems, or raising the
    same LoadError when the file is not YAML) and, where the strict load succeeds, the
    same records."""
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(tmp, data)
        strict = _outcome(path)
        lenient = _outcome(path, strict=False)
    if isinstance(strict, LoadError):
        assert strict.findings
        for f in strict.findings:
            assert f.location is not None
            assert f.location.file == str(path)
            assert 1 <= f.location.line <= _lines(data)
            assert f.location.column >= 1
        found = lenient.findings if isinstance(lenient, LoadError) else lenient.problems
        assert tuple(found) == tuple(strict.findings)
    else:
        assert isinstance(lenient, Dataset)
        assert strict.problems == lenient.problems == ()
        assert _records(strict) == _records(lenient)


@given(mutants())
def test_validate_never_raises_on_a_lenient_mutant(data: bytes) -> None:
    """validate on a leniently loaded mutant returns a report that keeps every problem of
    the load, each finding with a well-formed code, in file order."""
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(tmp, data)
        try:
            dataset = carsi_claims.load(path, seeds=SEEDS_DIR, strict=False)
        except LoadError:
            return
        report = carsi_claims.validate(dataset)
    assert set(dataset.problems) <= set(report.findings)
    assert all(CODE.fullmatch(f.code) and f.message for f in report.findings)
    assert report == Report.of(report.findings)
