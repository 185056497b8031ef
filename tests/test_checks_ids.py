"""Id checks: ASCII only, matched whole, unique within their kind."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _mini import MINI_SEEDS, MINI_YAML, DatasetPaths, mutate, report_of, where
from carsi_claims.checks.ids import is_valid_id

TmpDataset = Callable[..., DatasetPaths]
MALFORMED = (
    "claim id {!r} is not well formed: expected lowercase ASCII letters and digits "
    "joined by '-', '.' or '_', at most 80 characters"
)


def test_cyrillic_letter_in_id(tmp_dataset: TmpDataset) -> None:
    """A Cyrillic 'а' that looks like a Latin 'a' makes the id malformed, at the id."""
    bad = "c\u0430rsi.goals"
    text = mutate("id: carsi.goals", f"id: {bad}")
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, bad)
    assert found == [("id.malformed", line, col, bad, MALFORMED.format(bad))]


def test_trailing_newline_from_block_scalar(tmp_dataset: TmpDataset) -> None:
    """``id: |`` keeps a trailing newline, which is matched whole and refused."""
    text = mutate("  - id: carsi.goals\n", "  - id: |\n      carsi.goals\n")
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, "|\n      carsi.goals")
    assert found == [
        ("id.malformed", line, col, "carsi.goals\n", MALFORMED.format("carsi.goals\n"))
    ]


def test_duplicate_claim_id(tmp_dataset: TmpDataset) -> None:
    """A second claim with the same id is id.duplicate at the second, naming the first."""
    text = mutate("id: carsi.goals", "id: carsi.share")
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    first = where(text, "id: carsi.share")
    line, col = where(text, "carsi.share", 1)
    assert (
        "id.duplicate",
        line,
        col,
        "carsi.share",
        f"duplicate claim id 'carsi.share' (first at {_file(tmp_dataset)}:{first[0]}:{first[1]})",
    ) in found


def _file(tmp_dataset: TmpDataset) -> str:
    from carsi_claims._paths import display_path

    return display_path(tmp_dataset(MINI_YAML).claims)


def test_duplicate_entity_id(tmp_dataset: TmpDataset) -> None:
    """Entity ids are unique among entities too."""
    text = mutate("id: clinton", "id: carsi")
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, _ = where(text, "id: carsi", 1)
    assert ("id.duplicate", line) in [(f[0], f[1]) for f in found]


@pytest.mark.parametrize(
    "value",
    ["", "Carsi", "carsi goals", "carsi..goals", "-carsi", "carsi-", "c\u0430rsi", "x" * 81, "a\n"],
)
def test_malformed_ids(value: str) -> None:
    """Upper case, spaces, doubled or edge separators, non-ASCII, overlong, newline: refused."""
    assert not is_valid_id(value)


@given(st.from_regex(r"[a-z0-9]{1,10}([-._][a-z0-9]{1,10}){0,3}", fullmatch=True))
def test_well_formed_ids(value: str) -> None:
    """Lowercase ASCII words joined by '-', '.' or '_' are well formed."""
    assert is_valid_id(value)
