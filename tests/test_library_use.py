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
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
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
