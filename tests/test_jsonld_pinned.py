"""The JSON-LD export of a small dataset that reaches every kind of record, pinned as text.

``tests/jsonld_pinned.json`` is ``to_jsonld_text`` of ``_site_rich.rich_dataset``
(every value kind, bounds, tolerances, inferred qualifiers, voices, retractions,
a source with publisher, url, note and relations, entities of several types and
of none), under the default base and under another.  After a deliberate change,
look at the new export and write it again with::

    uv run --locked python tests/test_jsonld_pinned.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from _site_rich import rich_dataset
from carsi_claims.output.jsonld import to_jsonld, to_jsonld_text
from carsi_claims.output.paths import SITE_URL

PINNED = Path(__file__).resolve().parent / "jsonld_pinned.json"
BASE = "https://mirror.example/carsi/"


def _export() -> str:
    dataset = rich_dataset(Path("seeds"))
    return to_jsonld_text(dataset)


def test_the_export_of_a_fixed_dataset_is_exactly_the_pinned_text() -> None:
    """Every node, key, literal type and order equals the reviewed export."""
    built, pinned = _export().splitlines(), PINNED.read_text(encoding="utf-8").splitlines()
    for number, (a, b) in enumerate(zip(built, pinned, strict=False), 1):
        assert a == b, f"line {number} of the export differs from {PINNED.name}"
    assert len(built) == len(pinned)


def test_another_base_moves_every_record_iri_and_nothing_else() -> None:
    """Under another base, each record's IRI is its page under that base; the rest is equal."""
    dataset = rich_dataset(Path("seeds"))
    moved = json.dumps(to_jsonld(dataset, base=BASE))
    default: dict[str, Any] = json.loads(PINNED.read_text(encoding="utf-8"))
    assert SITE_URL in json.dumps(default)
    assert moved == json.dumps(default).replace(SITE_URL, BASE)


if __name__ == "__main__":
    PINNED.write_text(_export(), encoding="utf-8", newline="")
    print(f"wrote {PINNED}", file=sys.stderr)
