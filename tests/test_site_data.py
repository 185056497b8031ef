"""What :func:`gather` and :func:`disagreements` hand the site's pages, asked of them directly."""

from __future__ import annotations

from pathlib import Path

import attrs

from _site_rich import SEEDS, rich_dataset
from carsi_claims.dataset import Dataset
from carsi_claims.model import Claim, ClaimKind, Entity, Provenance, Statement
from carsi_claims.output.site_data import disagreements, gather


def _dataset(tmp_path: Path) -> Dataset:
    for name, text in SEEDS.items():
        (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    return rich_dataset(tmp_path)


def test_each_disagreement_gives_its_code_kind_severity_and_claims(tmp_path: Path) -> None:
    """A conflict's kind is its code's last part, its severity the conflict's, as strings."""
    found, stale = disagreements(_dataset(tmp_path))
    assert [(d.code, d.kind, d.severity) for d in found] == [
        ("conflict.count-list", "count-list", "error"),
        ("conflict.cumulative", "cumulative", "error"),
        ("conflict.wording", "wording", "error"),
        ("conflict.wording", "wording", "error"),
    ]
    assert [(d.claims, d.undetermined) for d in found] == [
        (("carsi.goal-1-again", "carsi.goals"), False),
        (("carsi.funding", "carsi.funding-165m"), False),
        (("carsi.goal-1", "carsi.goal-1-again"), False),
        (("carsi.nature-a", "carsi.nature-b"), True),
    ]
    assert [r.id for r in stale] == ["res.stale"]


def test_without_a_seeds_folder_every_source_is_unreadable(tmp_path: Path) -> None:
    """No seeds folder: no source's text is read, each says why, and no figure is counted."""
    dataset = attrs.evolve(_dataset(tmp_path), seeds_dir=None)
    data = gather(dataset)
    assert data.texts == {}
    why = "no seeds folder is known for this claims file"
    assert data.unreadable == dict.fromkeys(("src-a", "src-b", "src-c", "src-gone"), why)
    assert data.coverage.mentions == ()
    assert data.mentions == {}


def test_without_a_claims_file_there_is_no_sha256(tmp_path: Path) -> None:
    """A dataset read from no file, and no claims file given: the sha256 is None, not empty."""
    assert gather(_dataset(tmp_path)).claims_sha256 is None


def test_an_entity_is_named_by_the_ids_in_a_claims_fields_not_by_its_words_or_sources(
    tmp_path: Path,
) -> None:
    """A claim is indexed under the entities its fields name (subject, speaker, mentions, ...),
    not under an entity whose id is only its text, its note or the id of a source it quotes."""
    dataset = _dataset(tmp_path)
    publisher = Entity("src-b", "An entity with a source's id")
    words = Claim(
        "carsi.words",
        ClaimKind.STATEMENT,
        "carsi",
        "words",
        Statement("guatemala"),
        (Provenance("src-b", "CARSI", 0, 5),),
        note="guatemala",
    )
    data = gather(
        attrs.evolve(
            dataset,
            entities=(*dataset.entities, publisher),
            claims=(*dataset.claims, words),
        )
    )
    assert "src-b" not in data.claims_of_entity
    assert [c.id for c in data.claims_of_entity["guatemala"]] == ["carsi.radios"]
    assert data.claims_of_entity["carsi"][-1].id == "carsi.words"
    assert [c.id for c in data.claims_of_entity["clinton"]] == [
        "carsi.goals",
        "carsi.clinton-together",
    ]
