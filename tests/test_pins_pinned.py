"""Writing resolution pins exactly: where each block goes, what it says, when nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from _mini import MINI_SEEDS, MINI_YAML
from carsi_claims import load
from carsi_claims.analysis.meaning import fingerprints
from carsi_claims.citing.pins import PinUpdate, pin_resolutions, pins_block, wanted_pins
from carsi_claims.dataset import Dataset
from carsi_claims.model import Pin, Resolution, ResolutionKind
from conftest import TmpDataset

#: Two resolutions in block style: the first followed by a blank line and a comment (they stay
#: after its pins), the second the last lines of a file that does not end with a line break.
TWO = """\
resolutions:
  - id: res.a
    kind: undetermined
    claims:
      - carsi.funding
      - carsi.share
    rationale: >-
      one
      more

  # between
  - id: res.b
    kind: undetermined
    claims: [carsi.goals, carsi.date]
    rationale: two"""


def _write(tmp_dataset: TmpDataset, resolutions: str) -> tuple[Path, Dataset]:
    claims = tmp_dataset(MINI_YAML + resolutions, MINI_SEEDS).claims
    return claims, load(claims)


def _text(path: Path) -> str:
    """The file's text with its line ends as they are (no newline translation)."""
    return path.read_bytes().decode("utf-8")


def _fp(dataset: Dataset, claim_id: str) -> str:
    return fingerprints(dataset.claims)[claim_id][0]


def _block(dataset: Dataset, indent: int, *claim_ids: str) -> str:
    pad = " " * indent
    return f"{pad}pins:\n" + "".join(
        f'{pad}  - claim: {c}\n{pad}    fingerprint: "{_fp(dataset, c)}"\n' for c in claim_ids
    )


def test_pins_block_is_written_at_the_indent_with_the_line_ends_given() -> None:
    """The key at ``indent`` spaces, each pin a list item two further, the fingerprint quoted."""
    pins = (Pin("a.b", "m1:01"), Pin("c", "m1:02"))
    assert pins_block(pins, 4, "\r\n") == (
        '    pins:\r\n      - claim: a.b\r\n        fingerprint: "m1:01"\r\n'
        '      - claim: c\r\n        fingerprint: "m1:02"\r\n'
    )
    assert pins_block((), 2) == "  pins:\n"


def test_wanted_pins_follow_the_resolutions_order_and_leave_out_unknown_claims() -> None:
    """One pin per claim the meanings know, in the resolution's order, with the fingerprint
    (not the canonical form)."""
    res = Resolution("res.x", ("b", "gone", "a"), ResolutionKind.UNDETERMINED, "r")
    meanings = {"a": ("m1:aa", '{"a"}'), "b": ("m1:bb", '{"b"}')}
    assert wanted_pins(res, meanings) == (Pin("b", "m1:bb"), Pin("a", "m1:aa"))
    assert wanted_pins(res, {}) == ()


def test_pins_go_after_each_resolutions_last_line(tmp_dataset: TmpDataset) -> None:
    """Each unpinned resolution gets its block after its last value line: before the blank
    line and comment that follow it, and after a last line that had no line break."""
    claims, dataset = _write(tmp_dataset, TWO)
    update = pin_resolutions(dataset)
    assert update == PinUpdate(claims, ("res.a", "res.b"))
    assert update.ok
    head, tail = TWO.split("\n\n  # between\n")
    assert _text(claims) == (
        MINI_YAML
        + head
        + "\n"
        + _block(dataset, 4, "carsi.funding", "carsi.share")
        + "\n  # between\n"
        + tail
        + "\n"
        + _block(dataset, 4, "carsi.goals", "carsi.date")
    )


def test_crlf_line_ends_are_kept_and_a_last_line_is_ended(tmp_dataset: TmpDataset) -> None:
    """A file with CRLF line ends gets its pins with CRLF, its unended last line ended so."""
    claims, dataset = _write(tmp_dataset, TWO)
    claims.write_bytes(claims.read_bytes().replace(b"\n", b"\r\n"))
    dataset = load(claims)
    assert pin_resolutions(dataset).pinned == ("res.a", "res.b")
    pinned = claims.read_bytes().decode("utf-8")
    assert pinned.endswith(
        "    rationale: two\r\n"
        + _block(dataset, 4, "carsi.goals", "carsi.date").replace("\n", "\r\n")
    )
    assert "\n" not in pinned.replace("\r\n", "")


STALE = """\
resolutions:
  - id: res.a
    kind: undetermined
    claims:
      - carsi.funding
      - carsi.share
    pins:
      - claim: carsi.funding
        fingerprint: "m1:00"
      # reviewed once
    rationale: one
  - id: res.b
    kind: undetermined
    claims: [carsi.goals]
    pins:
    - claim: carsi.goals
      fingerprint: "m1:00"

    preferred: carsi.goals
    rationale: two
  - id: res.c
    kind: undetermined
    claims: [carsi.date]
    pins: [{claim: carsi.date, fingerprint: "m1:00"}]

    rationale: three
  - id: res.d
    kind: undetermined
    claims: [carsi.funding-years]
    rationale: four
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_repinning_replaces_each_pins_block_whatever_its_list_style(
    tmp_dataset: TmpDataset, newline: str
) -> None:
    """A stale pins block is replaced up to its last item (items indented further or at the
    key's indent, or a flow list on the key's line); the key after it, and the blank line
    before that key, stay; the new block has the file's line ends."""
    claims, dataset = _write(tmp_dataset, STALE)
    claims.write_bytes(_text(claims).replace("\n", newline).encode("utf-8"))
    dataset = load(claims)
    update = pin_resolutions(dataset, ["res.c", "res.a", "res.b", "res.a"])
    assert update == PinUpdate(claims, ("res.a", "res.b", "res.c"))
    expected = MINI_YAML + (
        "resolutions:\n"
        "  - id: res.a\n"
        "    kind: undetermined\n"
        "    claims:\n"
        "      - carsi.funding\n"
        "      - carsi.share\n"
        + _block(dataset, 4, "carsi.funding", "carsi.share")
        + "      # reviewed once\n"
        "    rationale: one\n"
        "  - id: res.b\n"
        "    kind: undetermined\n"
        "    claims: [carsi.goals]\n" + _block(dataset, 4, "carsi.goals") + "\n"
        "    preferred: carsi.goals\n"
        "    rationale: two\n"
        "  - id: res.c\n"
        "    kind: undetermined\n"
        "    claims: [carsi.date]\n" + _block(dataset, 4, "carsi.date") + "\n"
        "    rationale: three\n"
        "  - id: res.d\n"
        "    kind: undetermined\n"
        "    claims: [carsi.funding-years]\n"
        "    rationale: four\n"
    )
    assert _text(claims) == expected.replace("\n", newline)


def test_which_resolutions_are_pinned_by_default_and_with_every(tmp_dataset: TmpDataset) -> None:
    """Without names only the unpinned resolutions are pinned; ``every`` re-pins the stale ones
    too; a resolution whose pins are current is never rewritten, and when none needs it
    nothing is written."""
    claims, dataset = _write(tmp_dataset, STALE)
    assert pin_resolutions(dataset) == PinUpdate(claims, ("res.d",))
    dataset = load(claims)
    assert pin_resolutions(dataset, every=True) == PinUpdate(claims, ("res.a", "res.b", "res.c"))
    dataset = load(claims)
    before = claims.read_bytes()
    for update in (
        pin_resolutions(dataset),
        pin_resolutions(dataset, every=True),
        pin_resolutions(dataset, ["res.b"]),
    ):
        assert update == PinUpdate(claims)
        assert update.ok
    assert claims.read_bytes() == before


def test_unknown_resolutions_are_named_and_nothing_is_written(tmp_dataset: TmpDataset) -> None:
    """Naming a resolution that does not exist: the unknown names, once each, and no write."""
    claims, dataset = _write(tmp_dataset, STALE)
    before = claims.read_bytes()
    update = pin_resolutions(dataset, ["res.a", "res.zz", "res.y", "res.zz"])
    assert update == PinUpdate(claims, unknown=("res.zz", "res.y"))
    assert not update.ok
    assert claims.read_bytes() == before


def test_a_dataset_not_read_from_a_file_cannot_be_pinned() -> None:
    """There is no file to edit: a ValueError saying so."""
    with pytest.raises(ValueError, match="not read from a file") as info:
        pin_resolutions(Dataset())
    assert str(info.value) == "the dataset was not read from a file: there is no file to pin in"


def test_a_dataset_with_a_file_name_but_no_document_cannot_be_pinned(tmp_path: Path) -> None:
    """A dataset built in memory and given a file name was not read from it: refused too."""
    with pytest.raises(ValueError, match="not read from a file"):
        pin_resolutions(Dataset(file=str(tmp_path / "claims.yaml")))


def test_a_quoted_pins_key_is_left_to_the_hand(tmp_dataset: TmpDataset) -> None:
    """A pins key written in quotes is not one this writer replaces: nothing is written, and
    the message names the resolution."""
    quoted = STALE.replace(
        '    pins: [{claim: carsi.date, fingerprint: "m1:00"}]\n',
        '    "pins": [{claim: carsi.date, fingerprint: "m1:00"}]\n',
    )
    assert quoted != STALE
    claims, dataset = _write(tmp_dataset, quoted)
    before = claims.read_bytes()
    update = pin_resolutions(dataset, ["res.c"])
    assert update == PinUpdate(
        claims,
        problem=(
            "cannot place the pins safely: resolution 'res.c' is not written in the block style "
            "this command edits; add these under each resolution by hand:\n"
            "# res.c\n" + _block(dataset, 4, "carsi.date")
        ),
    )
    assert claims.read_bytes() == before


def test_a_flow_style_resolution_is_refused_with_every_block_to_add(
    tmp_dataset: TmpDataset,
) -> None:
    """One resolution written as a flow mapping: nothing is written, and the message names it
    and gives every block to add by hand, each under its resolution's id."""
    flow = STALE.replace(
        "  - id: res.d\n    kind: undetermined\n    claims: [carsi.funding-years]\n"
        "    rationale: four\n",
        "  - {id: res.d, kind: undetermined, claims: [carsi.funding-years], rationale: four}\n",
    )
    assert flow != STALE
    claims, dataset = _write(tmp_dataset, flow)
    before = claims.read_bytes()
    update = pin_resolutions(dataset, every=True)
    assert update == PinUpdate(
        claims,
        problem=(
            "cannot place the pins safely: resolution 'res.d' is not written in the block style "
            "this command edits; add these under each resolution by hand:\n"
            "# res.a\n" + _block(dataset, 4, "carsi.funding", "carsi.share")
            + "# res.b\n" + _block(dataset, 4, "carsi.goals")
            + "# res.c\n" + _block(dataset, 4, "carsi.date")
            + "# res.d\n" + _block(dataset, 4, "carsi.funding-years")
        ),
    )  # fmt: skip
    assert not update.ok
    assert claims.read_bytes() == before


def test_an_edit_that_would_change_a_value_is_refused(tmp_dataset: TmpDataset) -> None:
    """A last value that keeps its trailing blank lines (``|+``): pins placed before those
    lines would change it, so nothing is written and the blocks are given to add by hand."""
    kept = TWO.replace("    rationale: two", "    rationale: |+\n      two\n\n")
    claims, dataset = _write(tmp_dataset, kept)
    before = claims.read_bytes()
    update = pin_resolutions(dataset, ["res.b"])
    assert update == PinUpdate(
        claims,
        problem=(
            "cannot place the pins safely: the resolutions are not written in the block style "
            "this command edits; add these under each resolution by hand:\n"
            "# res.b\n" + _block(dataset, 4, "carsi.goals", "carsi.date")
        ),
    )
    assert claims.read_bytes() == before


def test_an_empty_list_of_pins_is_replaced_by_the_block(tmp_dataset: TmpDataset) -> None:
    """``pins: []`` is a pins key like any other: its line is replaced by the block (0.2.0
    added a second ``pins`` key after the resolution, which the read-back refused, and
    said the resolution was not in the block style)."""
    empty = TWO.replace("    rationale: two", "    pins: []\n    rationale: two")
    claims, dataset = _write(tmp_dataset, empty)
    update = pin_resolutions(dataset, ["res.b"])
    assert update.problem is None
    assert update.pinned == ("res.b",)
    text = _text(claims)
    assert "pins: []" not in text
    assert text.count("pins:") == 1
    assert _block(dataset, 4, "carsi.goals", "carsi.date") + "    rationale: two" in text
    again = load(claims)
    assert [p.claim for p in again.resolutions[1].pins] == ["carsi.goals", "carsi.date"]


def test_an_edit_that_would_not_load_is_refused(tmp_dataset: TmpDataset) -> None:
    """A last value in double quotes whose last line opens with ``#`` looks like a trailing
    comment: pins placed before that line would split the quotes, and the edited text would
    not load, so nothing is written and the blocks are given to add by hand."""
    quoted = TWO.replace("    rationale: two", '    rationale: "two\n      # not a comment"\n')
    claims, dataset = _write(tmp_dataset, quoted)
    assert dataset.resolutions[1].rationale == "two # not a comment"
    before = claims.read_bytes()
    update = pin_resolutions(dataset, ["res.b"])
    assert update == PinUpdate(
        claims,
        problem=(
            "cannot place the pins safely: the resolutions are not written in the block style "
            "this command edits; add these under each resolution by hand:\n"
            "# res.b\n" + _block(dataset, 4, "carsi.goals", "carsi.date")
        ),
    )
    assert claims.read_bytes() == before


def test_a_leniently_read_file_with_schema_problems_is_not_edited(
    tmp_dataset: TmpDataset,
) -> None:
    """A dataset read with ``strict=False`` left out a record that does not fit the schema: the
    edited text fails the same structure check, so the pins are not written (the file cannot
    be shown to hold every record as it was)."""
    broken = MINI_YAML.replace(
        "  - id: carsi.clinton-together\n", "  - id: carsi.clinton-together\n    colour: red\n", 1
    )
    assert broken != MINI_YAML
    claims = tmp_dataset(broken + TWO, MINI_SEEDS).claims
    dataset = load(claims, strict=False)
    assert [p.code for p in dataset.problems] == ["schema.unknown-key"]
    before = claims.read_bytes()
    update = pin_resolutions(dataset, ["res.b"])
    assert update == PinUpdate(
        claims,
        problem=(
            "cannot place the pins safely: the resolutions are not written in the block style "
            "this command edits; add these under each resolution by hand:\n"
            "# res.b\n" + _block(dataset, 4, "carsi.goals", "carsi.date")
        ),
    )
    assert claims.read_bytes() == before


def test_an_empty_list_of_pins_on_the_first_resolution_keeps_the_comment_under_it(
    tmp_dataset: TmpDataset,
) -> None:
    """``pins: []`` on the first resolution (index 0 of the list) is replaced in place, and a
    comment indented under it stays, after the new block."""
    empty = TWO.replace(
        "    rationale: >-\n", "    pins: []\n      # to review\n    rationale: >-\n", 1
    )
    assert empty != TWO
    claims, dataset = _write(tmp_dataset, empty)
    assert pin_resolutions(dataset, ["res.a"]) == PinUpdate(claims, ("res.a",))
    assert (
        _text(claims)
        == MINI_YAML
        + empty.replace("    pins: []\n", _block(dataset, 4, "carsi.funding", "carsi.share"), 1)
        + "\n"
    )  # the file's unended last line is ended
