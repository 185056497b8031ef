"""The id checks pinned for every kind of record: the wording names the kind, a
duplicate names where the *first* record of that id stands, and a dataset built in
code (no file, no locations) still gets its findings, without a place."""

from __future__ import annotations

from collections.abc import Callable

from _mini import MINI_SEEDS, MINI_YAML, DatasetPaths, mutate, report_of, where
from carsi_claims._paths import display_path
from carsi_claims.checks.base import Context
from carsi_claims.checks.ids import check_ids
from carsi_claims.dataset import Dataset
from carsi_claims.findings import Severity
from carsi_claims.model import Entity, Resolution, ResolutionKind, Source

TmpDataset = Callable[..., DatasetPaths]

RESOLUTION = (
    "resolutions:\n"
    "  - id: res.x\n"
    "    claims: [carsi.goals, carsi.share]\n"
    "    kind: wording_variant\n"
    "    rationale: two wordings\n"
)


def _malformed(kind: str, rid: str) -> str:
    return (
        f"{kind} id {rid!r} is not well formed: expected lowercase ASCII letters and digits "
        "joined by '-', '.' or '_', at most 80 characters"
    )


def _ids(paths: DatasetPaths) -> list[tuple[str, int, int, str | None, str]]:
    return [f for f in report_of(paths) if f[0].startswith("id.")]


def test_a_malformed_id_names_its_kind(tmp_dataset: TmpDataset) -> None:
    """Sources, entities and resolutions are checked as claims are, each named by kind."""
    text = mutate("  - id: src-a\n", "  - id: Src-A\n")
    text = mutate("id: clinton", "id: clinton_", text)
    bad = "carsi..goals"
    text = mutate("id: carsi.goals", f"id: {bad}", text)
    text += RESOLUTION.replace("res.x", "res x").replace("carsi.goals", "carsi..goals")
    assert _ids(tmp_dataset(text, MINI_SEEDS)) == [
        ("id.malformed", *where(text, "Src-A"), None, _malformed("source", "Src-A")),
        ("id.malformed", *where(text, "clinton_"), None, _malformed("entity", "clinton_")),
        ("id.malformed", *where(text, "carsi..goals"), "carsi..goals", _malformed("claim", bad)),
        ("id.malformed", *where(text, "res x"), None, _malformed("resolution", "res x")),
    ]  # fmt: skip


def test_duplicates_of_every_kind_name_the_first_record(tmp_dataset: TmpDataset) -> None:
    """A source, an entity and a resolution id used twice: id.duplicate at the second,
    naming the place of the first as file:line:col; a third use names the first again."""
    source = MINI_YAML.split("sources:\n", 1)[1].split("entities:\n", 1)[0]
    text = mutate("entities:\n", source + source + "entities:\n")
    text = mutate("  - id: carsi\n", "  - id: clinton\n", text)
    text += RESOLUTION + RESOLUTION.removeprefix("resolutions:\n")
    file = display_path(tmp_dataset(text, MINI_SEEDS).claims)

    def dup(kind: str, rid: str) -> str:
        line, col = where(text, f"id: {rid}")
        return f"duplicate {kind} id {rid!r} (first at {file}:{line}:{col})"

    assert _ids(tmp_dataset(text, MINI_SEEDS)) == [
        ("id.duplicate", *where(text, "src-a", 1), None, dup("source", "src-a")),
        ("id.duplicate", *where(text, "src-a", 2), None, dup("source", "src-a")),
        ("id.duplicate", *where(text, "clinton", 1), None, dup("entity", "clinton")),
        ("id.duplicate", *where(text, "res.x", 1), None, dup("resolution", "res.x")),
    ]  # fmt: skip


def test_a_dataset_built_in_code_gets_its_findings_without_a_place() -> None:
    """No file: a duplicate says nothing of where the first stands, and no finding has a
    location; a malformed id and a duplicate of it are two findings (in record order)."""
    sources = (Source("s", "a.txt", "0" * 64, "A", "fact-sheet"),) * 2
    entities = (Entity("E", "e"), Entity("E", "e"))
    resolution = Resolution("r", ("a", "b"), ResolutionKind.WORDING_VARIANT, "why")
    dataset = Dataset(sources=sources, entities=entities, resolutions=(resolution, resolution))
    found = list(check_ids(Context.of(dataset)))
    assert [(f.code, f.severity, f.claim, f.location, f.message) for f in found] == [
        ("id.duplicate", Severity.ERROR, None, None, "duplicate source id 's'"),
        ("id.malformed", Severity.ERROR, None, None, _malformed("entity", "E")),
        ("id.malformed", Severity.ERROR, None, None, _malformed("entity", "E")),
        ("id.duplicate", Severity.ERROR, None, None, "duplicate entity id 'E'"),
        ("id.duplicate", Severity.ERROR, None, None, "duplicate resolution id 'r'"),
    ]
