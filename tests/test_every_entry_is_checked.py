"""An entry the checks skip (empty quote, unknown source, repeated source id) never stops
the checks of the entries and sources after it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from _mini import (
    MINI_SEEDS,
    MINI_YAML,
    SEED,
    SEED_NAME,
    SEED_SHA256,
    DatasetPaths,
    mutate,
    report_of,
    where,
)

TmpDataset = Callable[..., DatasetPaths]

_FUNDING = SEED.index("$260 million")
_GOALS = SEED.index("Five Goals")


def _entry(source: str, quote: str, start: int, end: int) -> str:
    return (
        f"      - source: {source}\n"
        f'        quote: "{quote}"\n'
        f"        start: {start}\n"
        f"        end: {end}\n"
    )


def _codes(paths: DatasetPaths, prefix: str) -> list[tuple[str, int, int, str | None]]:
    return [f[:4] for f in report_of(paths) if f[0].startswith(prefix)]


def test_an_empty_quote_does_not_stop_the_value_check_of_later_entries(
    tmp_dataset: TmpDataset,
) -> None:
    """After an entry with an empty quote, the next entry's quote is still held to the value."""
    empty = _entry("src-a", "", _FUNDING, _FUNDING)
    text = mutate("amount: 260000000", "amount: 265000000")
    text = mutate("    provenance:\n", "    provenance:\n" + empty, text)
    line, col = where(text, '"$260 million"')
    assert ("value.mismatch", line, col, "carsi.funding") in _codes(
        tmp_dataset(text, MINI_SEEDS), "value."
    )


def test_an_unknown_source_does_not_stop_the_provenance_check_of_later_entries(
    tmp_dataset: TmpDataset,
) -> None:
    """After an entry citing an unknown source, the next entry's offsets are still checked."""
    unknown = _entry("src-x", "Five Goals", _GOALS, _GOALS + 10)
    text = mutate(f"start: {_GOALS}\n", f"start: {_GOALS + 1}\n")
    text = mutate("    value: {value: 5}\n    provenance:\n", "", text)
    text = mutate(
        "    property: goal-count\n",
        "    property: goal-count\n    value: {value: 5}\n    provenance:\n" + unknown,
        text,
    )
    line, col = where(text, "source: src-a", 3)
    assert _codes(tmp_dataset(text, MINI_SEEDS), "provenance.") == [
        ("provenance.quote-mismatch", line, col, "carsi.goals")
    ]


def test_a_repeated_source_id_does_not_stop_the_check_of_later_sources(
    tmp_dataset: TmpDataset,
) -> None:
    """With a source id given twice, a source listed after both is still read and hashed."""
    other = "Another text.\n"
    pinned_wrong = hashlib.sha256(b"not the file").hexdigest()
    first = MINI_YAML[: MINI_YAML.index("entities:")]
    second = first.replace("sources:\n", "")
    third = (
        "  - id: src-b\n"
        "    path: b.txt\n"
        f"    sha256: {pinned_wrong}\n"
        "    title: Another\n"
        "    kind: news\n"
    )
    text = first + second + third + MINI_YAML[MINI_YAML.index("entities:") :]
    found = _codes(tmp_dataset(text, {SEED_NAME: SEED, "b.txt": other}), "provenance.")
    line, col = where(text, pinned_wrong)
    assert found == [("provenance.hash-mismatch", line, col, None)]
    assert text.count(SEED_SHA256) == 2
