"""The shipped dataset validates, and any tampering with it makes ``validate`` exit 1.

The "Done when" of the core issue, as tests: changing a character of a
quote, an offset, one byte of a seed or a figure, in a copy of the shipped
dataset with its seeds, fails validation with a finding that names the claim
and the file:line:col of the record.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import carsi_claims
from _mini import cli
from carsi_claims._paths import display_path
from carsi_claims.dataset import Dataset, default_paths
from carsi_claims.findings import Location, Severity
from carsi_claims.model import Claim, ClaimKind, Money

CLAIMS_FILE, SEEDS_DIR = default_paths()


def _shipped() -> Dataset:
    return carsi_claims.load()


def _sample(claims: list[Claim], n: int = 12) -> list[str]:
    step = max(1, len(claims) // n)
    return [c.id for c in claims[::step]]


SHIPPED = _shipped()
SAMPLE = _sample(list(SHIPPED.claims))
MONEY = [c.id for c in SHIPPED.claims if isinstance(c.value, Money)]


def test_shipped_dataset_has_no_error() -> None:
    """carsi_claims.validate finds no error-severity finding in the shipped dataset."""
    report = carsi_claims.validate(SHIPPED)
    assert [f.render() for f in report.findings if f.severity is Severity.ERROR] == []
    assert len(SHIPPED.claims) > 0
    assert {ClaimKind.MONEY, ClaimKind.QUOTATION} <= {c.kind for c in SHIPPED.claims}


def test_validate_command_exits_0_on_the_shipped_dataset() -> None:
    """``carsi-claims validate`` with no file validates the shipped dataset and exits 0."""
    code, out, err = cli("validate")
    assert (code, err) == (0, "")
    assert ": ok: " in out


@pytest.fixture
def copy(tmp_path: Path) -> tuple[Path, Path]:
    """The shipped claims file and its seeds, copied to tmp_path (data/ and seeds/)."""
    (tmp_path / "data").mkdir()
    claims = tmp_path / "data" / "claims.yaml"
    shutil.copyfile(CLAIMS_FILE, claims)
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds")
    return claims, tmp_path / "seeds"


def _edit(path: Path, loc: Location, old: str, new: str) -> None:
    """Replace ``old`` with ``new`` where ``loc`` points, in place."""
    lines = path.read_text(encoding="utf-8").split("\n")
    line = lines[loc.line - 1]
    col = loc.column - 1
    assert line[col : col + len(old)] == old, (line, old)
    lines[loc.line - 1] = line[:col] + new + line[col + len(old) :]
    path.write_text("\n".join(lines), encoding="utf-8")


def _failures(claims: Path) -> list[dict[str, object]]:
    code, out, err = cli("validate", str(claims), "--format", "json")
    assert code == 1, (out, err)
    findings: list[dict[str, object]] = json.loads(out)["findings"]
    return [f for f in findings if f["severity"] == "error"]


def _expect(claims: Path, code: str, claim: str, loc: Location) -> None:
    """validate exits 1, with ``code`` for ``claim`` at ``loc``, also in the text output."""
    found = _failures(claims)
    where = {"file": display_path(claims), "line": loc.line, "column": loc.column}
    assert {"code": code, "claim": claim, "location": where} in [
        {k: f[k] for k in ("code", "claim", "location")} for f in found
    ], found
    status, out, _ = cli("validate", str(claims))
    assert status == 1
    rendered = [line for line in out.splitlines() if f"[{code}]" in line and claim in line]
    assert any(
        line.startswith(f"{display_path(claims)}:{loc.line}:{loc.column}: ") for line in rendered
    )


def _first_letter(raw: str) -> int:
    """Index of the first letter of a double-quoted YAML scalar that is not inside an escape."""
    i = 1
    while raw[i] != '"':
        if raw[i] == "\\":
            i += {"u": 6, "x": 4, "U": 10}.get(raw[i + 1], 2)
        elif raw[i].isalpha():
            return i
        else:
            i += 1
    raise AssertionError(f"no letter in {raw!r}")


@pytest.mark.parametrize("claim_id", SAMPLE)
def test_changed_quote_character(copy: tuple[Path, Path], claim_id: str) -> None:
    """Changing one character of a quote is provenance.quote-mismatch at the provenance entry."""
    claims, _ = copy
    claim = SHIPPED.claims_by_id[claim_id]
    quote_at = SHIPPED.locate(claim, "provenance", 0, "quote")
    assert quote_at is not None
    raw = claims.read_text(encoding="utf-8").split("\n")[quote_at.line - 1][quote_at.column - 1 :]
    assert raw.startswith('"'), raw  # every shipped quote is double-quoted
    at = _first_letter(raw)
    replacement = "Q" if raw[at] != "Q" else "Z"
    _edit(
        claims, Location(quote_at.file, quote_at.line, quote_at.column + at), raw[at], replacement
    )
    loc = SHIPPED.locate(claim, "provenance", 0)
    assert loc is not None
    _expect(claims, "provenance.quote-mismatch", claim_id, loc)


@pytest.mark.parametrize("claim_id", SAMPLE)
@pytest.mark.parametrize(("field", "delta"), [("start", 1), ("end", -1)])
def test_changed_offset(copy: tuple[Path, Path], claim_id: str, field: str, delta: int) -> None:
    """Moving a start or end offset by one is provenance.quote-mismatch at the entry."""
    claims, _ = copy
    claim = SHIPPED.claims_by_id[claim_id]
    p = claim.provenance[0]
    at = SHIPPED.locate(claim, "provenance", 0, field)
    assert at is not None
    old = getattr(p, field)
    _edit(claims, at, str(old), str(old + delta))
    loc = SHIPPED.locate(claim, "provenance", 0)
    assert loc is not None
    _expect(claims, "provenance.quote-mismatch", claim_id, loc)


@pytest.mark.parametrize("source_index", range(len(SHIPPED.sources)))
def test_one_changed_seed_byte(copy: tuple[Path, Path], source_index: int) -> None:
    """Flipping one byte of a seed fails its hash, and each claim citing it is named."""
    claims, seeds = copy
    source = SHIPPED.sources[source_index]
    path = seeds / source.path
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle] = ord("#") if data[middle] != ord("#") else ord("%")
    path.write_bytes(bytes(data))
    sha_at = SHIPPED.locate(source, "sha256")
    assert sha_at is not None
    found = _failures(claims)
    where = {"file": display_path(claims), "line": sha_at.line, "column": sha_at.column}
    assert ("provenance.hash-mismatch", where) in [(f["code"], f["location"]) for f in found]
    citing = [c for c in SHIPPED.claims if any(p.source == source.id for p in c.provenance)]
    named = {f["claim"] for f in found if f["code"] == "provenance.source-changed"}
    assert named == {c.id for c in citing}
    claim = citing[0]
    i = next(i for i, p in enumerate(claim.provenance) if p.source == source.id)
    loc = SHIPPED.locate(claim, "provenance", i)
    assert loc is not None
    _expect(claims, "provenance.source-changed", claim.id, loc)


@pytest.mark.parametrize("claim_id", MONEY)
def test_changed_figure(copy: tuple[Path, Path], claim_id: str) -> None:
    """Changing a money amount makes value.mismatch at each of the claim's quotes."""
    claims, _ = copy
    claim = SHIPPED.claims_by_id[claim_id]
    assert isinstance(claim.value, Money)
    at = SHIPPED.locate(claim, "value", "amount")
    assert at is not None
    old = format(claim.value.amount, "f")
    _edit(claims, at, old, str(claim.value.amount + 1000000))
    loc = SHIPPED.locate(claim, "provenance", 0, "quote")
    assert loc is not None
    _expect(claims, "value.mismatch", claim_id, loc)
