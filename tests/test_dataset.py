"""The dataset: loading, lookups, filters and locations."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

import carsi_claims
from _mini import MINI_SEEDS, MINI_YAML, DatasetPaths, mutate, where
from carsi_claims._paths import display_path
from carsi_claims.errors import LoadError, RetractedClaimWarning, UnknownClaimError
from carsi_claims.findings import Location, Severity
from carsi_claims.model import ClaimKind

TmpDataset = Callable[..., DatasetPaths]


def test_load_default_is_the_shipped_dataset() -> None:
    """load() with no path reads the shipped dataset."""
    dataset = carsi_claims.load()
    assert len(dataset) > 0
    assert dataset.file is not None
    assert dataset.file.endswith("claims.yaml")


def test_lookups_and_filters(tmp_dataset: TmpDataset) -> None:
    """get, iteration, membership and filter by kind and source work on a loaded file."""
    dataset = carsi_claims.load(tmp_dataset(MINI_YAML, MINI_SEEDS).claims)
    assert dataset.get("carsi.goals").value.value == 5  # type: ignore[union-attr]
    assert [c.id for c in dataset][:2] == ["carsi.funding", "carsi.funding-years"]
    assert "carsi.share" in dataset
    assert [c.id for c in dataset.filter(kind=ClaimKind.PERCENTAGE)] == ["carsi.share"]
    assert len(dataset.filter(source="src-a")) == 6
    assert dataset.filter(source="nope") == []


def test_unknown_id_suggests_the_closest(tmp_dataset: TmpDataset) -> None:
    """get of an unknown id raises UnknownClaimError naming the closest id."""
    dataset = carsi_claims.load(tmp_dataset(MINI_YAML, MINI_SEEDS).claims)
    with pytest.raises(UnknownClaimError) as info:
        dataset.get("carsi.gaols")
    assert str(info.value) == "no claim with id 'carsi.gaols'; did you mean 'carsi.goals'?"


def test_retracted_claim_warns_and_current_follows(tmp_dataset: TmpDataset) -> None:
    """get warns for a retracted claim; current follows superseded_by."""
    text = mutate(
        "    property: goal-count\n",
        "    property: goal-count\n    status: retracted\n    reason: miscounted\n"
        "    superseded_by: carsi.share\n",
    )
    dataset = carsi_claims.load(tmp_dataset(text, MINI_SEEDS).claims)
    with pytest.warns(RetractedClaimWarning, match="miscounted; superseded by 'carsi.share'"):
        dataset.get("carsi.goals")
    assert dataset.current("carsi.goals").id == "carsi.share"


def test_locate_nodes(tmp_dataset: TmpDataset) -> None:
    """locate gives the line and column of a record and of nodes under it."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    dataset = carsi_claims.load(paths.claims)
    claim = dataset.get("carsi.goals")
    file = dataset.file
    assert file is not None
    assert dataset.locate(claim) == Location(file, *where(MINI_YAML, "id: carsi.goals"))
    assert dataset.locate(claim, "provenance", 0, "quote") == Location(
        file, *where(MINI_YAML, '"Five Goals"')
    )


def test_strict_load_raises_every_problem(tmp_dataset: TmpDataset) -> None:
    """A strict load raises LoadError with every schema problem; a lenient one keeps them."""
    text = mutate("currency: USD", "currency: USD, colour: red")
    text = mutate("cumulative: true", "cumulative: on", text)
    paths = tmp_dataset(text, MINI_SEEDS)
    with pytest.raises(LoadError) as info:
        carsi_claims.load(paths.claims)
    assert sorted((f.code, f.location.line) for f in info.value.findings if f.location) == [
        ("schema.type", where(text, "cumulative: on")[0]),
        ("schema.unknown-key", where(text, "colour")[0]),
    ]
    lenient = carsi_claims.load(paths.claims, strict=False)
    assert len(lenient.problems) == 2
    assert "carsi.funding" not in lenient
    assert len(lenient) == 5


def _retracted(extra: str) -> str:
    """MINI_YAML with carsi.goals retracted (``extra``: its reason and successor lines)."""
    return mutate(
        "    property: goal-count\n", "    property: goal-count\n    status: retracted\n" + extra
    )


def test_retracted_claim_warning_names_no_reason_and_no_successor(
    tmp_dataset: TmpDataset,
) -> None:
    """A retracted claim without a reason or a successor says so, nothing more."""
    dataset = carsi_claims.load(tmp_dataset(_retracted(""), MINI_SEEDS).claims)
    with pytest.warns(RetractedClaimWarning) as caught:
        claim = dataset.get("carsi.goals")
    assert claim.id == "carsi.goals"
    assert [str(w.message) for w in caught] == ["claim 'carsi.goals' is retracted: no reason given"]


def test_retracted_claim_warning_is_not_placed_in_the_library(tmp_dataset: TmpDataset) -> None:
    """The RetractedClaimWarning names a frame outside ``carsi_claims.dataset`` (the
    caller's; see the next test), never the line of the library that issued it."""
    dataset = carsi_claims.load(tmp_dataset(_retracted(""), MINI_SEEDS).claims)
    with pytest.warns(RetractedClaimWarning) as caught:
        dataset.get("carsi.goals")
    [warning] = caught
    assert Path(warning.filename) != Path(carsi_claims.dataset.__file__)


@pytest.mark.skipif(
    "MUTANT_UNDER_TEST" in os.environ,
    reason="under mutmut a trampoline frame stands between the caller and Dataset.get",
)
def test_retracted_claim_warning_points_at_the_caller(tmp_dataset: TmpDataset) -> None:
    """The RetractedClaimWarning is reported at the line that called ``get``."""
    dataset = carsi_claims.load(tmp_dataset(_retracted(""), MINI_SEEDS).claims)
    with pytest.warns(RetractedClaimWarning) as caught:
        dataset.get("carsi.goals")
    [warning] = caught
    assert warning.filename == __file__


def test_retracted_claim_warning_gives_reason_and_successor(tmp_dataset: TmpDataset) -> None:
    """The warning's exact text: the id, the reason and the successor."""
    text = _retracted("    reason: miscounted\n    superseded_by: carsi.share\n")
    dataset = carsi_claims.load(tmp_dataset(text, MINI_SEEDS).claims)
    with pytest.warns(RetractedClaimWarning) as caught:
        dataset.get("carsi.goals")
    assert [str(w.message) for w in caught] == [
        "claim 'carsi.goals' is retracted: miscounted; superseded by 'carsi.share'"
    ]


def test_current_of_an_active_claim_is_itself(tmp_dataset: TmpDataset) -> None:
    """current stops at an active claim, even one that names a successor."""
    text = mutate(
        "    property: goal-count\n", "    property: goal-count\n    superseded_by: carsi.share\n"
    )
    dataset = carsi_claims.load(tmp_dataset(text, MINI_SEEDS).claims)
    assert dataset.current("carsi.goals").id == "carsi.goals"
    assert dataset.current("carsi.share").id == "carsi.share"


def test_current_keeps_a_retracted_claim_whose_successor_is_missing(
    tmp_dataset: TmpDataset,
) -> None:
    """A successor that is no claim of the dataset: current gives the retracted claim."""
    text = _retracted("    reason: miscounted\n    superseded_by: carsi.nowhere\n")
    dataset = carsi_claims.load(tmp_dataset(text, MINI_SEEDS).claims)
    assert dataset.current("carsi.goals").id == "carsi.goals"
    without = carsi_claims.load(tmp_dataset(_retracted(""), MINI_SEEDS).claims)
    assert without.current("carsi.goals").id == "carsi.goals"


def test_current_follows_a_chain_and_stops_on_a_cycle(tmp_dataset: TmpDataset) -> None:
    """current follows retracted claims to the active one; a cycle of retracted claims
    ends where it comes back to a claim already seen."""
    chain = _retracted("    reason: miscounted\n    superseded_by: carsi.share\n")
    chain = mutate(
        "    property: goal-share\n",
        "    property: goal-share\n    status: retracted\n    reason: wrong\n"
        "    superseded_by: carsi.date\n",
        chain,
    )
    dataset = carsi_claims.load(tmp_dataset(chain, MINI_SEEDS).claims)
    assert dataset.current("carsi.goals").id == "carsi.date"
    cycle = mutate("superseded_by: carsi.date", "superseded_by: carsi.goals", chain)
    dataset = carsi_claims.load(tmp_dataset(cycle, MINI_SEEDS).claims)
    # each lookup counted: once round the cycle is 3 lookups, a second round would be a loop
    lookups = _CountedLookups(dataset.claims_by_id, limit=3)
    object.__setattr__(dataset, "claims_by_id", lookups)
    assert dataset.current("carsi.goals").id == "carsi.goals"
    assert lookups.calls == 3
    lookups.calls = 0
    assert dataset.current("carsi.share").id == "carsi.share"


class _CountedLookups(dict[str, Any]):
    """A claim index that counts its lookups and refuses more than ``limit`` of them (a
    lookup past the limit means the search went round a cycle again: it would never end)."""

    def __init__(self, items: Mapping[str, Any], limit: int) -> None:
        super().__init__(items)
        self.calls = 0
        self.limit = limit

    def get(self, key: str, default: Any = None) -> Any:
        self.calls += 1
        if self.calls > self.limit:
            raise AssertionError(f"lookup {self.calls} of {key!r}: current() runs in circles")
        return super().get(key, default)


def test_unknown_id_in_current(tmp_dataset: TmpDataset) -> None:
    """current of an unknown id raises UnknownClaimError naming the closest id."""
    dataset = carsi_claims.load(tmp_dataset(MINI_YAML, MINI_SEEDS).claims)
    with pytest.raises(UnknownClaimError) as info:
        dataset.current("carsi.gaols")
    assert str(info.value) == "no claim with id 'carsi.gaols'; did you mean 'carsi.goals'?"
    assert dataset.closest_id("carsi.sahre") == "carsi.share"


def test_locate_of_what_the_file_does_not_hold(tmp_dataset: TmpDataset) -> None:
    """locate gives None for an object not read from the file, and on a dataset built
    in code (no document)."""
    dataset = carsi_claims.load(tmp_dataset(MINI_YAML, MINI_SEEDS).claims)
    assert dataset.locate(object()) is None
    assert dataset.locate("carsi.goals") is None
    claim = dataset.get("carsi.goals")
    assert carsi_claims.Dataset(claims=(claim,)).locate(claim) is None


EVERY_SECTION = MINI_YAML + (
    "resolutions:\n"
    "  - id: res.x\n"
    "    claims: [carsi.goals, carsi.share]\n"
    "    kind: wording_variant\n"
    "    rationale: two wordings\n"
    "    preferred: carsi.goals\n"
    "    evidence:\n"
    "      - {claim: carsi.share}\n"
    "coverage_ignores:\n"
    '  - {source: src-a, quote: "Five", reason: words}\n'
    "corrections:\n"
    "  - claim: carsi.goals\n"
    "    old: aaaaaaaa\n"
    "    new: bbbbbbbb\n"
    "    reason: typo\n"
)


def test_load_bytes_reads_every_section() -> None:
    """load_bytes keeps every record of every section, in file order, names the file as
    given, and reads no seeds folder unless given one."""
    dataset = carsi_claims.load_bytes(EVERY_SECTION.encode(), "v0.1.0:data/claims.yaml")
    assert dataset.file == "v0.1.0:data/claims.yaml"
    assert dataset.seeds_dir is None
    assert [s.id for s in dataset.sources] == ["src-a"]
    assert [e.id for e in dataset.entities] == ["carsi", "clinton"]
    assert [c.id for c in dataset.claims][-1] == "carsi.date"
    assert len(dataset) == 6
    assert [r.id for r in dataset.resolutions] == ["res.x"]
    assert [(i.source, i.quote) for i in dataset.coverage_ignores] == [("src-a", "Five")]
    assert [(c.claim, c.old, c.new) for c in dataset.corrections] == [
        ("carsi.goals", "aaaaaaaa", "bbbbbbbb")
    ]
    assert dataset.problems == ()
    assert dataset.broken_ids == {}
    assert dataset.locate(dataset.resolutions[0]) == Location(
        "v0.1.0:data/claims.yaml", *where(EVERY_SECTION, "id: res.x")
    )
    assert dataset.locate(dataset.corrections[0], "old") == Location(
        "v0.1.0:data/claims.yaml", *where(EVERY_SECTION, "aaaaaaaa")
    )
    seeded = carsi_claims.load_bytes(MINI_YAML.encode(), "c.yaml", seeds="some/seeds")
    assert seeded.seeds_dir == Path("some/seeds")


def test_load_bytes_is_strict_by_default() -> None:
    """load_bytes raises LoadError for a record off the schema unless strict=False."""
    text = mutate("currency: USD", "currency: USD, colour: red").encode()
    with pytest.raises(LoadError) as info:
        carsi_claims.load_bytes(text, "c.yaml")
    assert [(f.code, f.claim) for f in info.value.findings] == [
        ("schema.unknown-key", "carsi.funding")
    ]
    lenient = carsi_claims.load_bytes(text, "c.yaml", strict=False)
    assert [(f.code, f.claim) for f in lenient.problems] == [
        ("schema.unknown-key", "carsi.funding")
    ]
    assert lenient.broken_ids == {"claims": frozenset({"carsi.funding"})}


def test_load_finds_the_seeds_beside_the_data_folder(tmp_dataset: TmpDataset) -> None:
    """The seeds folder defaults to seeds/ beside the claims file's folder; one given is
    taken as given (a str or a path)."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    assert carsi_claims.load(paths.claims).seeds_dir == paths.seeds.resolve()
    assert carsi_claims.load(str(paths.claims)).seeds_dir == paths.seeds.resolve()
    assert carsi_claims.load(paths.claims, seeds="elsewhere").seeds_dir == Path("elsewhere")
    assert carsi_claims.load(paths.claims, seeds=paths.root).seeds_dir == paths.root


def test_load_of_a_missing_file_is_a_load_error(tmp_path: Path) -> None:
    """A file that cannot be read: LoadError with one file.unreadable error naming it."""
    missing = tmp_path / "none.yaml"
    with pytest.raises(LoadError) as info:
        carsi_claims.load(missing, strict=False)
    [finding] = info.value.findings
    assert (finding.code, finding.severity) == ("file.unreadable", Severity.ERROR)
    assert finding.message == (f"cannot read {display_path(missing)}: {os.strerror(errno.ENOENT)}")


def test_problem_findings_name_their_claim_only_when_it_has_an_id(
    tmp_dataset: TmpDataset,
) -> None:
    """A schema finding names the claim it is in: by its id when that is a string, not
    when the id is missing or no string, nor for a finding outside the claims."""
    text = mutate("    kind: percentage\n", "")  # carsi.share: a required key missing
    text = mutate("  - id: carsi.goals\n", "  - id: [17]\n", text)
    text = mutate("    property: goal-count\n", "    property: goal-count\n    colour: red\n", text)
    text = mutate("  - id: carsi.date\n", "  - ide: carsi.date\n", text)
    text = mutate("    title: A shared partnership\n", "    titel: A shared partnership\n", text)
    dataset = carsi_claims.load(tmp_dataset(text, MINI_SEEDS).claims, strict=False)
    found = sorted(
        (f.location.line if f.location else 0, f.code, f.claim) for f in dataset.problems
    )
    assert [(code, claim) for _, code, claim in found] == [
        ("schema.unknown-key", None),  # titel, in the source
        ("schema.missing-key", "carsi.share"),
        ("schema.type", None),  # id: [17]
        ("schema.unknown-key", None),  # colour, in the claim whose id is a list
        ("schema.unknown-key", None),  # ide
    ]
    not_a_list = carsi_claims.load_bytes(b"claims: 5\n", "c.yaml", strict=False)
    assert ("schema.type", None) in [(f.code, f.claim) for f in not_a_list.problems]
    assert {f.claim for f in not_a_list.problems} == {None}


def test_broken_ids_by_section(tmp_dataset: TmpDataset) -> None:
    """broken_ids holds the string ids of the records left out, by section, after a
    section that is no list; records kept and items with no string id are not there."""
    text = "resolutions: nope\n" + mutate(
        "    title: A shared partnership\n", "    titel: A shared partnership\n"
    )
    text = mutate("    kind: percentage\n", "", text)
    text = mutate("  - id: carsi.goals\n", "  - id: [17]\n", text)
    text = mutate("    property: goal-count\n", "    property: goal-count\n    colour: red\n", text)
    text = mutate("  - id: carsi.date\n", "  - ide: carsi.date\n", text)
    text += "  - just words\n"
    dataset = carsi_claims.load(tmp_dataset(text, MINI_SEEDS).claims, strict=False)
    assert dataset.broken_ids == {
        "sources": frozenset({"src-a"}),
        "claims": frozenset({"carsi.share"}),
    }
    assert [c.id for c in dataset] == [
        "carsi.funding",
        "carsi.funding-years",
        "carsi.clinton-together",
    ]


def test_broken_provenance_gives_the_quotes_of_the_claims_left_out(
    tmp_dataset: TmpDataset,
) -> None:
    """The quotes of each claim left out for a schema problem, in file order, with offsets
    -1: only entries with a string source and a non-empty string quote."""
    extra = (
        "      - words\n"
        '      - {source: [x], quote: "Up to"}\n'
        "      - {source: src-a}\n"
        '      - {source: src-a, quote: ""}\n'
        '      - {source: src-a, quote: "95%"}\n'
    )
    text = mutate("  - id: carsi.goals\n", extra + "  - id: carsi.goals\n")
    text = mutate("    kind: percentage\n", "", text)
    text = mutate(
        "    value: {value: 5}\n    provenance:", "    value: {value: 5}\n    provenanse:", text
    )
    text += "  - just words\n"
    dataset = carsi_claims.load(tmp_dataset(text, MINI_SEEDS).claims, strict=False)
    assert dataset.broken_ids == {"claims": frozenset({"carsi.share", "carsi.goals"})}
    found = [
        ((p.source, p.quote, p.start, p.end), claim) for p, claim in dataset.broken_provenance()
    ]
    assert found == [
        (("src-a", "Up to 95%", -1, -1), "carsi.share"),
        (("src-a", "95%", -1, -1), "carsi.share"),
    ]


def test_broken_provenance_of_a_dataset_with_nothing_left_out(tmp_dataset: TmpDataset) -> None:
    """No claim left out, or no document to read them from: no quotes."""
    dataset = carsi_claims.load(tmp_dataset(MINI_YAML, MINI_SEEDS).claims)
    assert list(dataset.broken_provenance()) == []
    assert list(carsi_claims.Dataset().broken_provenance()) == []
    no_document = carsi_claims.Dataset(broken_ids={"claims": frozenset({"carsi.goals"})})
    assert list(no_document.broken_provenance()) == []


def test_default_paths_in_a_wheel_and_in_a_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Installed, the data and seeds stand beside the code (_data/claims.yaml, _seeds);
    in a checkout, data/claims.yaml and seeds/ two folders above the package."""
    package = tmp_path / "checkout" / "src" / "carsi_claims"
    package.mkdir(parents=True)
    monkeypatch.setattr(carsi_claims.dataset, "__file__", str(package / "dataset.py"))
    checkout = tmp_path / "checkout"
    assert carsi_claims.dataset.default_paths() == (
        checkout / "data" / "claims.yaml",
        checkout / "seeds",
    )
    (package / "_data").mkdir()
    (package / "_data" / "claims.yaml").write_text("sources: []\n", encoding="utf-8")
    assert carsi_claims.dataset.default_paths() == (
        package / "_data" / "claims.yaml",
        package / "_seeds",
    )
