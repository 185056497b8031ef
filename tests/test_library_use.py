"""What a library user relies on: optional extras fail clearly, names say what they return."""

from __future__ import annotations

import json
import subprocess
import sys

import carsi_claims
from carsi_claims.findings import Finding, Location, Report, Severity


def test_strategies_without_hypothesis_names_the_extra() -> None:
    """Importing carsi_claims.strategies without hypothesis raises an ImportError with the fix."""
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    import carsi_claims.strategies\n"
        "except ImportError as exc:\n"
        "    print(type(exc).__name__, exc.name, exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == (
        "ImportError carsi_claims.strategies carsi_claims.strategies needs hypothesis, which "
        "is not installed: install the 'strategies' extra, e.g. pip install "
        "'carsi-claims[strategies]'\n"
    )


def test_citation_to_dict_is_a_dict_and_to_json_is_json() -> None:
    """Citation.to_dict() gives plain data; to_json() gives the same as JSON text."""
    citation = carsi_claims.cite("carsi.assistance-committed.260m")
    data = citation.to_dict()
    assert data["claim"] == "carsi.assistance-committed.260m"
    assert isinstance(citation.to_json(), str)
    assert json.loads(citation.to_json()) == data
    assert citation.render("json") == citation.to_json()


def test_finding_and_report_to_dict_and_to_json() -> None:
    """Finding and Report: to_dict() is plain data, to_json() the same as JSON text."""
    finding = Finding("x.y", Severity.ERROR, "m", claim="c", location=Location("f", 2, 3))
    assert finding.to_dict() == {
        "code": "x.y",
        "severity": "error",
        "message": "m",
        "claim": "c",
        "location": {"file": "f", "line": 2, "column": 3},
    }
    assert json.loads(finding.to_json()) == finding.to_dict()
    report = Report.of([finding])
    assert report.to_dict() == {"ok": False, "findings": [finding.to_dict()]}
    assert json.loads(report.to_json()) == report.to_dict()


def _imported_by(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stdout.split())


def test_import_carsi_claims_imports_only_the_model_and_loader() -> None:
    """``import carsi_claims`` pulls in no checks, citations, YAML, cattrs, CLI or test code."""
    modules = _imported_by("import carsi_claims")
    heavy = {
        "yaml",
        "cattrs",
        "hypothesis",
        "argparse",
        "difflib",
        "tempfile",
        "importlib.resources",
        "carsi_claims.checks.suite",
        "carsi_claims.citing.cite",
        "carsi_claims.analysis.figures",
        "carsi_claims.read.structure",
    }
    assert modules & heavy == set()


def test_validating_imports_nothing_it_does_not_use() -> None:
    """``carsi-claims validate`` needs no citations, exports, cattrs or hypothesis."""
    modules = _imported_by(
        "import io, sys\n"
        "from carsi_claims.cli.main import run\n"
        "assert run(['validate'], io.StringIO(), sys.stderr) == 0"
    )
    unused = {
        "hypothesis",
        "tempfile",
        "importlib.resources",
        "csv",
        "cattrs",
        "carsi_claims.citing.cite",
        "carsi_claims.output.interchange",
        "carsi_claims.output.jsonld",
        "carsi_claims.strategies",
    }
    assert modules & unused == set()


def test_the_cite_command_offers_every_citation_format() -> None:
    """cite --format offers exactly the formats a Citation renders."""
    from carsi_claims.citing.cite import FORMATS
    from carsi_claims.cli.citing import CITE_FORMATS

    assert CITE_FORMATS == FORMATS
