"""Every SARIF log the project writes passes the official 2.1.0 schema and GitHub's upload rules.

The schema is the OASIS one, vendored in ``tests/sarif/`` (see its NOTICE.md).
GitHub's rules are those documented for code scanning ("SARIF support for
code scanning": required properties, limits, at least one location per
result, ``partialFingerprints``, paths relative to the repository root),
encoded as the explicit checks of :func:`github_upload_problems`.
"""

from __future__ import annotations

import ast
import gzip
import hashlib
import json
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest

import carsi_claims
from _mini import MINI_SEEDS, MINI_YAML, SEED, SEED_NAME, DatasetPaths, cli, mutate, where
from carsi_claims.analysis.conflicts import ConflictKind
from carsi_claims.findings import Finding, Location, Severity
from carsi_claims.output.render import SRCROOT, to_sarif
from carsi_claims.output.rules import DOCS_URL, RULES, rules_markdown

TmpDataset = Callable[..., DatasetPaths]

HERE = Path(__file__).parent
CHECKOUT = HERE.parent
SCHEMA_FILE = HERE / "sarif" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
SCHEMA: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(
    SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
)

# -- GitHub's documented upload rules ------------------------------------------------

#: Limits from GitHub's "SARIF support for code scanning" (a file over one is rejected).
MAX_RUNS = 20
MAX_RESULTS_PER_RUN = 25_000
MAX_RULES_PER_RUN = 25_000
MAX_LOCATIONS_PER_RESULT = 1_000
MAX_TAGS_PER_RULE = 20
MAX_GZIP_BYTES = 10 * 1024 * 1024
MAX_DESCRIPTION = 1024
MAX_RULE_NAME = 255
LEVELS = {"note", "warning", "error"}


def _text(obj: Any, key: str) -> str:
    value = obj.get(key) if isinstance(obj, dict) else None
    text = value.get("text") if isinstance(value, dict) else None
    return text if isinstance(text, str) else ""


def github_upload_problems(log: dict[str, Any]) -> list[str]:
    """Every way ``log`` breaks GitHub code scanning's documented upload rules."""
    problems: list[str] = []
    if not log.get("$schema"):
        problems.append("sarifLog.$schema is required")
    if log.get("version") != "2.1.0":
        problems.append("sarifLog.version must be 2.1.0")
    runs = log.get("runs") or []
    if not 1 <= len(runs) <= MAX_RUNS:
        problems.append(f"runs: {len(runs)}, expected 1..{MAX_RUNS}")
    for r, run in enumerate(runs):
        driver = run.get("tool", {}).get("driver", {})
        if not driver.get("name"):
            problems.append(f"runs[{r}].tool.driver.name is required")
        rules = driver.get("rules")
        if not isinstance(rules, list):
            problems.append(f"runs[{r}].tool.driver.rules[] is required")
            rules = []
        if len(rules) > MAX_RULES_PER_RUN:
            problems.append(f"runs[{r}]: {len(rules)} rules, more than {MAX_RULES_PER_RUN}")
        ids = [rule.get("id") for rule in rules]
        if len(set(ids)) != len(ids):
            problems.append(f"runs[{r}]: rule ids are not unique")
        for i, rule in enumerate(rules):
            at = f"runs[{r}].rules[{i}] ({rule.get('id')})"
            if not rule.get("id"):
                problems.append(f"{at}.id is required")
            for key in ("shortDescription", "fullDescription"):
                text = _text(rule, key)
                if not text.strip():
                    problems.append(f"{at}.{key}.text is required")
                if len(text) > MAX_DESCRIPTION:
                    problems.append(f"{at}.{key}.text is over {MAX_DESCRIPTION} characters")
            if not _text(rule, "help").strip():
                problems.append(f"{at}.help.text is required")
            if len(rule.get("name", "")) > MAX_RULE_NAME:
                problems.append(f"{at}.name is over {MAX_RULE_NAME} characters")
            level = rule.get("defaultConfiguration", {}).get("level", "warning")
            if level not in LEVELS:
                problems.append(f"{at}.defaultConfiguration.level {level!r} not in {LEVELS}")
            if len(rule.get("properties", {}).get("tags", [])) > MAX_TAGS_PER_RULE:
                problems.append(f"{at}: more than {MAX_TAGS_PER_RULE} tags")
        results = run.get("results")
        if not isinstance(results, list):
            problems.append(f"runs[{r}].results[] is required")
            results = []
        if len(results) > MAX_RESULTS_PER_RUN:
            problems.append(f"runs[{r}]: more than {MAX_RESULTS_PER_RUN} results")
        for j, result in enumerate(results):
            at = f"runs[{r}].results[{j}]"
            if not _text(result, "message").strip():
                problems.append(f"{at}.message.text is required")
            rule_id = result.get("ruleId")
            if rule_id is not None and rule_id not in ids:
                problems.append(f"{at}.ruleId {rule_id!r} names no rule")
            index = result.get("ruleIndex")
            if index is not None and not (0 <= index < len(ids) and ids[index] == rule_id):
                problems.append(f"{at}.ruleIndex {index} is not the rule {rule_id!r}")
            if result.get("level", "warning") not in LEVELS | {"none"}:
                problems.append(f"{at}.level {result.get('level')!r} is unknown")
            locations = result.get("locations") or []
            if not locations:
                problems.append(f"{at}: expected at least one location")
            if len(locations) > MAX_LOCATIONS_PER_RESULT:
                problems.append(f"{at}: more than {MAX_LOCATIONS_PER_RESULT} locations")
            for k, location in enumerate(locations):
                physical = location.get("physicalLocation")
                if not isinstance(physical, dict):
                    problems.append(f"{at}.locations[{k}].physicalLocation is required")
                    continue
                if not physical.get("artifactLocation", {}).get("uri"):
                    problems.append(f"{at}.locations[{k}] artifactLocation.uri is required")
                region = physical.get("region", {})
                for key in ("startLine", "startColumn", "endLine", "endColumn"):
                    if not isinstance(region.get(key), int) or region[key] < 1:
                        problems.append(f"{at}.locations[{k}].region.{key} is required")
            if not result.get("partialFingerprints", {}).get("primaryLocationLineHash"):
                problems.append(f"{at}.partialFingerprints.primaryLocationLineHash is required")
        category = run.get("automationDetails", {}).get("id")
        if category is not None and (not isinstance(category, str) or "/" not in category):
            problems.append(f"runs[{r}].automationDetails.id {category!r} names no category")
    size = len(gzip.compress(json.dumps(log).encode("utf-8")))
    if size > MAX_GZIP_BYTES:
        problems.append(f"gzip-compressed size {size} is over {MAX_GZIP_BYTES}")
    return problems


def uri_problems(log: dict[str, Any], root: Path) -> list[str]:
    """Files inside ``root`` must be relative to %SRCROOT% (no ``../``, no ``file:``)."""
    problems = []
    for run in log["runs"]:
        base = run["originalUriBaseIds"][SRCROOT]["uri"]
        if base != Path(os.path.realpath(root)).as_uri() + "/":
            problems.append(f"%SRCROOT% is {base}, expected the root {root}")
        for result in run["results"]:
            for location in result.get("locations", []):
                artifact = location["physicalLocation"]["artifactLocation"]
                uri = artifact["uri"]
                parts = urlsplit(uri)
                if artifact.get("uriBaseId") == SRCROOT:
                    if parts.scheme or uri.startswith("/") or ".." in uri.split("/"):
                        problems.append(f"{uri!r} is not a plain path below %SRCROOT%")
                elif parts.scheme != "file":
                    problems.append(f"{uri!r} is neither below %SRCROOT% nor a file: URI")
                elif Path(parts.path).is_relative_to(os.path.realpath(root)):
                    problems.append(f"{uri!r} lies inside the root but is absolute")
    return problems


def assert_uploadable(log: dict[str, Any], root: Path) -> None:
    """``log`` passes the official schema, GitHub's upload rules and the URI rules."""
    errors = sorted(VALIDATOR.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []
    assert github_upload_problems(log) == []
    assert uri_problems(log, root) == []


# -- the checkers themselves ------------------------------------------------------------


def test_the_vendored_schema_is_the_official_one() -> None:
    """The schema file is byte for byte the OASIS errata01 schema that logs name in $schema."""
    assert hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest() == SCHEMA_SHA256
    assert SCHEMA["id"] == to_sarif([], root=CHECKOUT)["$schema"]


def test_the_checkers_catch_what_github_rejects() -> None:
    """A 0.1.0-style log (no location, bare rules, no fingerprints, ../ paths) fails the checks."""
    old = {
        "$schema": SCHEMA["id"],
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "carsi-claims", "rules": [{"id": "file.unreadable"}]}},
                "originalUriBaseIds": {SRCROOT: {"uri": CHECKOUT.as_uri() + "/"}},
                "results": [
                    {"ruleId": "file.unreadable", "ruleIndex": 0, "message": {"text": "gone"}},
                    {
                        "ruleId": "file.unreadable",
                        "message": {"text": "x"},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": "../data/claims.yaml"},
                                    "region": {"startLine": 1, "startColumn": 1},
                                }
                            }
                        ],
                    },
                ],
            }
        ],
    }
    assert VALIDATOR.is_valid(old)  # the schema alone lets it through
    problems = github_upload_problems(old)
    assert "runs[0].results[0]: expected at least one location" in problems
    assert "runs[0].rules[0] (file.unreadable).shortDescription.text is required" in problems
    assert "runs[0].rules[0] (file.unreadable).help.text is required" in problems
    assert "runs[0].results[1].locations[0].region.endLine is required" in problems
    assert "runs[0].results[1].partialFingerprints.primaryLocationLineHash is required" in problems
    assert uri_problems(old, CHECKOUT) == [
        "'../data/claims.yaml' is neither below %SRCROOT% nor a file: URI"
    ]


# -- every log the project writes ---------------------------------------------------------


def _sarif(*argv: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = cli(*argv, "--format", "sarif")
    log: dict[str, Any] = json.loads(out)
    return code, log


def _results(log: dict[str, Any]) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = log["runs"][0]["results"]
    return results


def _where(result: dict[str, Any]) -> tuple[str, str | None, int, int]:
    physical = result["locations"][0]["physicalLocation"]
    artifact = physical["artifactLocation"]
    region = physical["region"]
    return artifact["uri"], artifact.get("uriBaseId"), region["startLine"], region["startColumn"]


def test_validate_shipped_dataset() -> None:
    """The shipped dataset's log has no result and every rule, and passes every check."""
    code, log = _sarif("validate", "--root", str(CHECKOUT))
    assert code == 0
    assert _results(log) == []
    assert [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]] == list(RULES)
    assert_uploadable(log, CHECKOUT)


def test_validate_with_errors(tmp_dataset: TmpDataset) -> None:
    """A wrong value is a result at its line and column in data/claims.yaml below %SRCROOT%."""
    text = mutate("{value: 95, bound: up_to,", "{value: 195, bound: up_to,")
    paths = tmp_dataset(text, MINI_SEEDS)
    code, log = _sarif("validate", str(paths.claims), "--root", str(paths.root))
    assert code == 1
    assert_uploadable(log, paths.root)
    (result,) = [r for r in _results(log) if r["ruleId"] == "record.range"]
    assert _where(result) == ("data/claims.yaml", SRCROOT, *where(text, "195"))
    assert result["properties"] == {"claim": "carsi.share"}


def test_validate_a_missing_file_points_at_it(tmp_path: Path) -> None:
    """file.unreadable (no location of its own) points at the claims file given, line 1."""
    missing = tmp_path / "nonexist.yaml"
    code, log = _sarif("validate", str(missing), "--root", str(tmp_path))
    assert code == 2
    assert_uploadable(log, tmp_path)
    (result,) = _results(log)
    assert result["ruleId"] == "file.unreadable"
    assert _where(result) == ("nonexist.yaml", SRCROOT, 1, 1)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (MINI_YAML + "sources: []\n", "yaml.duplicate-key"),
        (b"sources: [\xff]\n", "yaml.encoding"),
        ("sources: [\n", "yaml.syntax"),
        ("", "yaml.empty"),
    ],
)
def test_validate_unreadable_yaml(tmp_dataset: TmpDataset, content: str | bytes, code: str) -> None:
    """A claims file the loader refuses still gives an uploadable log (exit 2)."""
    paths = tmp_dataset(content, MINI_SEEDS)
    status, log = _sarif("validate", str(paths.claims), "--root", str(paths.root))
    assert status == 2
    assert_uploadable(log, paths.root)
    assert code in {r["ruleId"] for r in _results(log)}
    assert {_where(r)[0] for r in _results(log)} == {"data/claims.yaml"}


def test_coverage_uncovered_and_unscanned(tmp_dataset: TmpDataset) -> None:
    """coverage: an uncovered figure points into the seed; a missing seed at its source."""
    seeds = {SEED_NAME: SEED + "It added $5 million in 2012.\n"}
    paths = tmp_dataset(MINI_YAML, seeds)
    code, log = _sarif("coverage", str(paths.claims), "--root", str(paths.root))
    assert code == 1
    assert_uploadable(log, paths.root)
    uncovered = [r for r in _results(log) if r["ruleId"] == "coverage.uncovered"]
    assert {_where(r)[:2] for r in uncovered} == {(f"seeds/{SEED_NAME}", SRCROOT)}
    (paths.seeds / SEED_NAME).unlink()
    code, log = _sarif("coverage", str(paths.claims), "--root", str(paths.root))
    assert code == 2
    assert_uploadable(log, paths.root)
    assert {r["ruleId"] for r in _results(log)} == {"provenance.missing-file"}


def test_check_refs_every_kind_of_finding(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """check-refs: unknown, retracted-free, binary, undecodable and missing paths all upload."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("see carsi:carsi.goal and carsi:Five\n", encoding="utf-8")
    (docs / "logo.png").write_bytes(b"\x89PNG\x00\x00")
    (docs / "latin1.txt").write_bytes(b"caf\xe9\n")
    missing = tmp_path / "missing.md"
    code, log = _sarif(
        "check-refs",
        "--claims",
        str(paths.claims),
        "--root",
        str(tmp_path),
        str(docs),
        str(missing),
    )
    assert code == 2
    assert_uploadable(log, tmp_path)
    found = sorted((r["ruleId"], _where(r)) for r in _results(log))
    assert found == [
        ("refs.binary", ("docs/logo.png", SRCROOT, 1, 1)),
        ("refs.malformed", ("docs/a.md", SRCROOT, 1, 26)),
        ("refs.undecodable", ("docs/latin1.txt", SRCROOT, 1, 4)),
        ("refs.unknown", ("docs/a.md", SRCROOT, 1, 5)),
        ("refs.unreadable", ("missing.md", SRCROOT, 1, 1)),
    ]


def test_coverage_of_the_shipped_dataset() -> None:
    """coverage --format sarif on the shipped dataset passes every check."""
    code, log = _sarif("coverage", "--root", str(CHECKOUT))
    assert code == 0
    assert_uploadable(log, CHECKOUT)


# -- paths -----------------------------------------------------------------------------------


def _git_init(folder: Path) -> None:
    subprocess.run(["git", "init", "-q", str(folder)], check=True)


def test_paths_are_relative_to_the_git_root_from_a_subfolder(
    tmp_dataset: TmpDataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from data/ inside a git work tree, the URI is data/claims.yaml, never ../ or file:."""
    text = mutate("{value: 95, bound: up_to,", "{value: 195, bound: up_to,")
    paths = tmp_dataset(text, MINI_SEEDS)
    _git_init(paths.root)
    monkeypatch.chdir(paths.root / "data")
    code, log = _sarif("validate", "claims.yaml")
    assert code == 1
    assert_uploadable(log, paths.root)
    assert {_where(r)[:2] for r in _results(log)} == {("data/claims.yaml", SRCROOT)}
    code, out, _ = cli("validate", "claims.yaml", "--format", "github")
    line, col = where(text, "195")
    assert f"::error file=data/claims.yaml,line={line},col={col},title=record.range::" in out


def test_a_file_outside_the_root_is_an_absolute_file_uri(tmp_dataset: TmpDataset) -> None:
    """Only a file outside the root gets a file: URI (and no uriBaseId)."""
    text = mutate("{value: 95, bound: up_to,", "{value: 195, bound: up_to,")
    paths = tmp_dataset(text, MINI_SEEDS)
    root = paths.root / "seeds"
    code, log = _sarif("validate", str(paths.claims), "--root", str(root))
    assert code == 1
    assert_uploadable(log, root)
    uri, base, _, _ = _where(_results(log)[0])
    assert (uri, base) == (Path(os.path.realpath(paths.claims)).as_uri(), None)


def test_a_symlinked_file_is_reported_at_its_target(tmp_dataset: TmpDataset) -> None:
    """Symbolic links are resolved, as code scanning wants."""
    text = mutate("{value: 95, bound: up_to,", "{value: 195, bound: up_to,")
    paths = tmp_dataset(text, MINI_SEEDS)
    link = paths.root / "link.yaml"
    link.symlink_to(paths.claims)
    _, log = _sarif("validate", str(link), "--seeds", str(paths.seeds), "--root", str(paths.root))
    assert _where(_results(log)[0])[:2] == ("data/claims.yaml", SRCROOT)


# -- fingerprints --------------------------------------------------------------------------


def _fingerprints(log: dict[str, Any]) -> dict[str, tuple[str, int]]:
    return {
        r["partialFingerprints"]["primaryLocationLineHash"]: (r["ruleId"], _where(r)[2])
        for r in _results(log)
    }


def test_fingerprints_are_stable_across_runs_and_unrelated_edits(
    tmp_dataset: TmpDataset,
) -> None:
    """Lines moved by an edit elsewhere keep every fingerprint; new findings get new ones."""
    text = mutate("{value: 95, bound: up_to,", "{value: 195, bound: up_to,")
    paths = tmp_dataset(text, MINI_SEEDS)
    root = str(paths.root)
    _, first = _sarif("validate", str(paths.claims), "--root", root)
    _, again = _sarif("validate", str(paths.claims), "--root", root)
    assert first == again
    before = _fingerprints(first)
    assert len(before) == len(_results(first)) >= 1
    moved = "# a comment\n# and another\n" + text.replace(
        "entities:\n", "entities:\n  - id: other\n    name: Another entity\n    type: programme\n"
    )
    tmp_dataset(moved, MINI_SEEDS)
    _, after_log = _sarif("validate", str(paths.claims), "--root", root)
    after = _fingerprints(after_log)
    assert after.keys() == before.keys()
    for key, (rule_id, line) in before.items():
        assert after[key] == (rule_id, line + 5)
    worse = mutate("{value: 5}", "{value: -5}", moved)
    tmp_dataset(worse, MINI_SEEDS)
    _, worse_log = _sarif("validate", str(paths.claims), "--root", root)
    worse_prints = _fingerprints(worse_log)
    assert before.keys() < worse_prints.keys()
    new = [
        r["properties"]["claim"]
        for r in _results(worse_log)
        if r["partialFingerprints"]["primaryLocationLineHash"] not in before
    ]
    assert set(new) == {"carsi.goals"}


def test_identical_findings_are_told_apart_by_occurrence() -> None:
    """Two findings alike but for their line get fingerprints :1 and :2 in file order."""
    same = [
        Finding("refs.unknown", Severity.ERROR, "no such claim", "x", Location("a.md", line, 1))
        for line in (3, 9)
    ]
    results = to_sarif(same, root=CHECKOUT)["runs"][0]["results"]
    one, two = (r["partialFingerprints"]["carsiClaimsFinding/v1"] for r in results)
    assert one.split(":")[0] == two.split(":")[0]
    assert (one.split(":")[1], two.split(":")[1]) == ("1", "2")


# -- rules and their documentation ---------------------------------------------------------


def test_every_rule_has_descriptions_help_and_a_link_to_its_anchor() -> None:
    """Each rule carries short and full descriptions, help and helpUri docs/rules.md#code."""
    rules = to_sarif([], root=CHECKOUT)["runs"][0]["tool"]["driver"]["rules"]
    docs = (CHECKOUT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in rules:
        code = rule["id"]
        assert rule["shortDescription"]["text"] == RULES[code].short
        assert rule["fullDescription"]["text"] == RULES[code].full
        assert RULES[code].fix in rule["help"]["text"]
        assert rule["helpUri"] == f"{DOCS_URL}#{code}"
        assert f'<a id="{code}"></a>' in docs


def test_docs_rules_md_is_up_to_date() -> None:
    """docs/rules.md is what the rules table generates (regenerate it when this fails)."""
    docs = (CHECKOUT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert docs == rules_markdown(), (
        "docs/rules.md is out of date: uv run python -m carsi_claims.output.rules > docs/rules.md"
    )


def _string_constants(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def _codes_in_the_package() -> set[str]:
    """Every string in the package's source shaped like a finding code, plus conflict kinds."""
    import re

    shape = re.compile(r"[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*")
    files = {"yaml", "lock", "json", "md", "txt", "html", "csv", "py", "org", "jsonld", "css"}
    package = Path(carsi_claims.__file__).parent
    found: set[str] = set()
    for path in package.rglob("*.py"):
        if path.name == "rules.py":
            continue
        for text in _string_constants(ast.parse(path.read_text(encoding="utf-8"))):
            if shape.fullmatch(text) and text.split(".")[1] not in files:
                found.add(text)
    dynamic: set[str] = set()
    kinds: set[str] = set()
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) and node.values:
                head = node.values[0]
                literal = head.value if isinstance(head, ast.Constant) else None
                if isinstance(literal, str) and re.fullmatch(r"[a-z]+\.[a-z-]*", literal):
                    dynamic.add(literal)
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_missing"
                and isinstance(node.args[1], ast.Constant)
            ):
                kinds.add(str(node.args[1].value))
    # The codes built at run time: conflict.<kind> and ref.unknown-<what>.
    assert dynamic == {"conflict.", "ref.unknown-"}
    found |= {f"ref.unknown-{kind}" for kind in kinds}
    return found | {f"conflict.{kind.value}" for kind in ConflictKind}


def test_every_code_the_package_can_produce_is_documented() -> None:
    """The rules list exactly the codes the package's source can produce."""
    assert _codes_in_the_package() == set(RULES)
