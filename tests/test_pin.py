"""carsi-claims pin: resolutions pin the meaning of the claims they resolve, in the claims file."""

from __future__ import annotations

import re
from pathlib import Path

from _mini import cli
from _shipped import drop_corrections, edit, shipped_copy
from carsi_claims import load, validate
from carsi_claims.dataset import default_paths

PINS = re.compile(r"    pins:\n(?:      - claim: .*\n        fingerprint: .*\n)+")
CLAIM = "carsi.designed-to.narcotics-weapons-bulk-cash"


def _unpinned(claims: Path) -> str:
    """Strip every pins block from the claims file; return the text as it was."""
    text = claims.read_text(encoding="utf-8")
    claims.write_text(PINS.sub("", text), encoding="utf-8")
    return text


def test_pin_writes_the_shipped_pins_back_exactly(tmp_path: Path) -> None:
    """Without its pins, the shipped file is unpinned (an error); pin restores it byte for byte."""
    claims = shipped_copy(tmp_path)
    original = _unpinned(claims)
    assert original != claims.read_text(encoding="utf-8")
    codes = {f.code for f in validate(load(claims)).findings}
    assert codes == {"resolution.unpinned"}
    code, out, err = cli("pin", str(claims))
    assert (code, err) == (0, "")
    n = len(load(claims).resolutions)
    assert out.startswith(f"{claims}: pinned {n} resolution(s) to their claims' meaning\n  ~ res.")
    assert claims.read_text(encoding="utf-8") == original
    assert cli("pin", str(claims)) == (0, f"{claims}: every resolution's pins are up to date\n", "")


def test_the_shipped_resolutions_are_pinned_to_the_shipped_claims() -> None:
    """Every shipped resolution pins each of its claims at its current fingerprint."""
    from carsi_claims.analysis.meaning import fingerprints

    dataset = load(default_paths()[0])
    meanings = fingerprints(dataset.claims)
    for res in dataset.resolutions:
        assert [(p.claim, p.fingerprint) for p in res.pins] == [
            (c, meanings[c][0]) for c in res.claims
        ]


def test_pin_keeps_crlf_line_ends_and_comments(tmp_path: Path) -> None:
    """A file with CRLF line ends keeps them; comments between resolutions stay where they were."""
    claims = shipped_copy(tmp_path)
    original = _unpinned(claims)
    claims.write_bytes(claims.read_bytes().replace(b"\n", b"\r\n"))
    assert cli("pin", str(claims))[0] == 0
    assert claims.read_bytes() == original.encode("utf-8").replace(b"\n", b"\r\n")


def test_repinning_a_reviewed_resolution_clears_its_staleness(tmp_path: Path) -> None:
    """After a claim changed meaning, pin --resolution re-pins that resolution only."""
    claims = shipped_copy(tmp_path)
    [res] = [r for r in load(claims).resolutions if CLAIM in r.claims]
    edit(
        claims,
        '      text: "It is designed to stop the flow of narcotics, weapons,',
        ('      text: "It was designed to stop the flow of narcotics, weapons,'),
    )
    before = {f.code for f in validate(load(claims)).findings}
    assert {"id.meaning-changed", "resolution.stale"} <= before
    code, out, err = cli("pin", str(claims), "--resolution", res.id)
    assert (code, err) == (0, "")
    assert out == f"{claims}: pinned 1 resolution(s) to their claims' meaning\n  ~ {res.id}\n"
    after = {f.code for f in validate(load(claims)).findings}
    assert "resolution.stale" not in after
    assert "id.meaning-changed" in after


def test_pin_names_an_unknown_resolution(tmp_path: Path) -> None:
    """An unknown resolution id: exit 1, the closest id suggested, the file unchanged."""
    claims = shipped_copy(tmp_path)
    before = claims.read_bytes()
    code, out, err = cli("pin", str(claims), "--resolution", "res.designed-to.armz")
    assert (code, out) == (1, "")
    assert err == (
        "carsi-claims pin: unknown resolution id 'res.designed-to.armz'; "
        "did you mean 'res.designed-to.arms'?\n"
        f"carsi-claims pin: {claims} is unchanged\n"
    )
    assert claims.read_bytes() == before


def test_a_flow_style_resolution_is_left_to_the_hand(tmp_path: Path) -> None:
    """A resolution written as a flow mapping is not edited: the message gives the block."""
    claims = shipped_copy(tmp_path)
    _unpinned(claims)
    text = claims.read_text(encoding="utf-8")
    start = text.index("  - id: res.designed-to.arms\n")
    end = text.index("\n\n", start)
    flow = (
        "  - {id: res.designed-to.arms, kind: wording_variant, claims: "
        f"[{CLAIM}, carsi.designed-to.narcotics-arms-weapons-bulk-cash], rationale: same}}"
    )
    claims.write_text(text[:start] + flow + text[end:], encoding="utf-8")
    before = claims.read_bytes()
    code, out, err = cli("pin", str(claims), "--resolution", "res.designed-to.arms")
    assert (code, out) == (1, "")
    assert err.startswith(
        "carsi-claims pin: cannot place the pins safely: resolution 'res.designed-to.arms' is "
        "not written in the block style this command edits; add these under each resolution "
        "by hand:\n# res.designed-to.arms\n    pins:\n"
        f'      - claim: {CLAIM}\n        fingerprint: "m1:'
    )
    assert err.endswith(f"carsi-claims pin: {claims} is unchanged\n")
    assert claims.read_bytes() == before


def test_pins_that_do_not_match_the_resolutions_claims_are_stale(tmp_path: Path) -> None:
    """A pin of a claim the resolution does not name, and a named claim not pinned: stale."""
    claims = shipped_copy(tmp_path)
    [res] = [r for r in load(claims).resolutions if CLAIM in r.claims]
    other = next(c for c in res.claims if c != CLAIM)
    edit(
        claims,
        f"      - claim: {other}\n        fingerprint:",
        ("      - claim: carsi.geographic-scope\n        fingerprint:"),
    )
    [stale] = [f for f in validate(load(claims)).findings if f.code == "resolution.stale"]
    assert stale.message == (
        f"resolution {res.id!r} no longer matches what it was reviewed for: it pins "
        "'carsi.geographic-scope', which it does not name; "
        f"claim {other!r} is not pinned; review its rationale against the claims as they are "
        f"now, then re-pin it with `carsi-claims pin --resolution {res.id}`"
    )
    assert stale.location is not None
    text = claims.read_text(encoding="utf-8").splitlines()
    assert text[stale.location.line - 2].strip() == "pins:"


def test_an_unpinned_resolution_is_fine_until_the_dataset_is_published(tmp_path: Path) -> None:
    """Without claims.lock nothing is published: a resolution without pins is no finding."""
    claims = shipped_copy(tmp_path)
    _unpinned(claims)
    claims.with_name("claims.lock").unlink()
    drop_corrections(claims)  # corrections accept changes of published claims: none here
    assert validate(load(claims)).findings == ()
