"""Property: mutated copies of the real claims file load or raise LoadError, never anything else."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import carsi_claims
from carsi_claims.dataset import Dataset, default_paths
from carsi_claims.errors import LoadError

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


def _outcome(path: Path) -> Dataset | LoadError:
    """What load gives: the dataset, or the LoadError it raised (anything else propagates)."""
    try:
        return carsi_claims.load(path, seeds=SEEDS_DIR)
    except LoadError as exc:
        return exc


@given(mutants())
def test_mutant_loads_or_raises_load_error(data: bytes) -> None:
    """load returns a Dataset or raises LoadError whose findings all carry a location."""
    with tempfile.TemporaryDirectory() as tmp:
        result = _outcome(_write(tmp, data))
    if isinstance(result, LoadError):
        assert result.findings
        assert all(f.location is not None for f in result.findings)
    else:
        assert isinstance(result, Dataset)


@given(mutants())
def test_validate_never_raises_on_a_lenient_mutant(data: bytes) -> None:
    """validate on a leniently loaded mutant returns a report and never raises."""
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(tmp, data)
        try:
            dataset = carsi_claims.load(path, seeds=SEEDS_DIR, strict=False)
        except LoadError:
            return
        report = carsi_claims.validate(dataset)
    assert all(f.code and f.message for f in report.findings)
