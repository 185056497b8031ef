"""Rendering findings: GitHub workflow annotations and SARIF 2.1.0, alone and through validate."""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _mini import MINI_SEEDS, MINI_YAML, DatasetPaths, cli, mutate, where
from carsi_claims.findings import Finding, Location, Severity
from carsi_claims.output.render import (
    FORMATS,
    SARIF_SCHEMA,
    github_annotation,
    render_findings,
    to_sarif,
)
from carsi_claims.output.rules import RULES

TmpDataset = Callable[..., DatasetPaths]

# The parts of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) that
# code-scanning dashboards read; required keys and types as the standard has them.
_SARIF_SHAPE: dict[str, Any] = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "version": {"type": "string"},
                                    "informationUri": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id"],
                                            "properties": {"id": {"type": "string"}},
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "automationDetails": {
                        "type": "object",
                        "properties": {"id": {"type": "string"}},
                    },
                    "results": {"type": "array", "items": {"$ref": "#/$defs/result"}},
                },
            },
        },
    },
    "$defs": {
        "result": {
            "type": "object",
            "required": ["message"],
            "properties": {
                "ruleId": {"type": "string"},
                "ruleIndex": {"type": "integer", "minimum": -1},
                "level": {"enum": ["none", "note", "warning", "error"]},
                "message": {
                    "type": "object",
                    "required": ["text"],
                    "properties": {"text": {"type": "string"}},
                },
                "locations": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "physicalLocation": {
                                "type": "object",
                                "required": ["artifactLocation", "region"],
                                "properties": {
                                    "artifactLocation": {
                                        "type": "object",
                                        "required": ["uri"],
                                        "properties": {"uri": {"type": "string"}},
                                    },
                                    "region": {
                                        "type": "object",
                                        "required": ["startLine", "startColumn"],
                                        "properties": {
                                            "startLine": {"type": "integer", "minimum": 1},
                                            "startColumn": {"type": "integer", "minimum": 1},
                                        },
                                    },
                                },
                            }
                        },
                    },
                },
                "properties": {"type": "object"},
            },
        }
    },
}

ERROR = Finding(
    "record.range",
    Severity.ERROR,
    "percentage must be within 0..100, found 195",
    claim="carsi.share",
    location=Location("data/claims.yaml", 12, 14),
)


_CODES = {"%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ",", "%25": "%"}


def _unescape(text: str) -> str:
    return re.sub("%(?:0D|0A|3A|2C|25)", lambda m: _CODES[m[0]], text)


def test_github_annotation_shape() -> None:
    """An error becomes one ::error command with file, line, col and the code as title."""
    assert github_annotation(ERROR) == (
        "::error file=data/claims.yaml,line=12,col=14,title=record.range::"
        "percentage must be within 0..100, found 195 (claim carsi.share)"
    )


def test_github_annotation_escapes_data_and_properties() -> None:
    """%, CR and LF are escaped in the message; : and , also in property values."""
    finding = Finding(
        "x.y",
        Severity.WARNING,
        "100% sure:\r\nnext, line",
        location=Location("a:b,c%.yaml", 1, 2),
    )
    assert github_annotation(finding) == (
        "::warning file=a%3Ab%2Cc%25.yaml,line=1,col=2,title=x.y::100%25 sure:%0D%0Anext, line"
    )


def test_github_annotation_without_location_and_info_is_notice() -> None:
    """A finding without a location has only a title, and info maps to ::notice."""
    finding = Finding("coverage.summary", Severity.INFO, "all covered")
    assert github_annotation(finding) == "::notice title=coverage.summary::all covered"


@given(st.text(), st.text(min_size=1))
def test_github_annotation_is_one_line_and_round_trips(message: str, file: str) -> None:
    """Whatever the text, the command is one line and unescaping gives back message and file."""
    finding = Finding("c", Severity.ERROR, message, location=Location(file, 3, 4))
    line = github_annotation(finding)
    assert "\n" not in line
    assert "\r" not in line
    head, _, data = line[len("::error ") :].partition("::")
    assert _unescape(data) == message
    props = dict(item.split("=", 1) for item in head.split(","))
    assert _unescape(props["file"]) == file.replace(os.sep, "/")
    assert props["line"] == "3"
    assert props["col"] == "4"


def test_sarif_log_has_the_published_shape(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The SARIF log: version, $schema, driver, every rule, results located below %SRCROOT%."""
    monkeypatch.chdir(tmp_path)
    warning = Finding("provenance.hash", Severity.WARNING, "hash differs")
    log = to_sarif(
        [ERROR, warning, ERROR],
        command="validate",
        version="9.9",
        root=tmp_path,
        subject="data/claims.yaml",
    )
    jsonschema.validate(log, _SARIF_SHAPE)
    assert log["version"] == "2.1.0"
    assert log["$schema"] == SARIF_SCHEMA
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "carsi-claims"
    assert run["tool"]["driver"]["version"] == "9.9"
    assert run["automationDetails"] == {"id": "carsi-claims/validate/"}
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.as_uri() + "/"}}
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids == [*RULES, "provenance.hash"]  # a code not in RULES still gets a rule
    first, second, third = run["results"]
    fingerprint = first["partialFingerprints"]["primaryLocationLineHash"]
    assert first == {
        "ruleId": "record.range",
        "ruleIndex": ids.index("record.range"),
        "level": "error",
        "message": {"text": "percentage must be within 0..100, found 195"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "data/claims.yaml", "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 12, "startColumn": 14, "endLine": 12, "endColumn": 15},
                }
            }
        ],
        "partialFingerprints": {
            "carsiClaimsFinding/v1": fingerprint,
            "primaryLocationLineHash": fingerprint,
        },
        "properties": {"claim": "carsi.share"},
    }
    assert second["ruleIndex"] == len(RULES)
    assert second["level"] == "warning"
    assert second["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert third["partialFingerprints"]["primaryLocationLineHash"] == (
        fingerprint.replace(":1", ":2")
    )


def test_sarif_uri_is_percent_encoded(tmp_path: Path) -> None:
    """A relative path with a space or % becomes a relative URI reference with %-escapes."""
    finding = Finding("c", Severity.INFO, "m", location=Location("my data/50%.yaml", 1, 1))
    result = to_sarif([finding], version="1", root=os.getcwd())["runs"][0]["results"][0]
    assert result["level"] == "note"
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "my%20data/50%25.yaml"


def test_render_findings_json_and_text() -> None:
    """json gives ok and the findings; text gives one rendered line per finding."""
    out = io.StringIO()
    render_findings([ERROR], "json", out)
    assert json.loads(out.getvalue()) == {"ok": False, "findings": [ERROR.to_dict()]}
    out = io.StringIO()
    render_findings([ERROR], "text", out)
    assert out.getvalue() == ERROR.render() + "\n"


def test_render_findings_refuses_an_unknown_format() -> None:
    """An unknown format is a ValueError naming the known ones."""
    with pytest.raises(ValueError, match=r"unknown format 'xml'; expected one of text, json"):
        render_findings([], "xml", io.StringIO())
    assert FORMATS == ("text", "json", "github", "sarif")


def test_validate_format_github_lands_on_the_line(tmp_dataset: TmpDataset) -> None:
    """validate --format github prints an ::error on the offending line and exits 1."""
    text = mutate("{value: 95, bound: up_to,", "{value: 195, bound: up_to,")
    paths = tmp_dataset(text, MINI_SEEDS)
    code, out, _ = cli("validate", str(paths.claims), "--format", "github")
    assert code == 1
    line, col = where(text, "195")
    file = str(paths.claims).replace("\\", "/").replace(":", "%3A").replace(",", "%2C")
    assert (
        f"::error file={file},line={line},col={col},title=record.range::"
        "percentage must be within 0..100, found 195 (claim carsi.share)"
    ) in out.splitlines()
    assert "FAILED" in out.splitlines()[-1]


def test_validate_format_sarif(tmp_dataset: TmpDataset) -> None:
    """validate --format sarif prints one SARIF log whose result names the line and column."""
    text = mutate("{value: 95, bound: up_to,", "{value: 195, bound: up_to,")
    paths = tmp_dataset(text, MINI_SEEDS)
    code, out, _ = cli("validate", str(paths.claims), "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    jsonschema.validate(log, _SARIF_SHAPE)
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "record.range"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == where(text, "195")


def test_validate_sarif_for_unreadable_yaml(tmp_dataset: TmpDataset) -> None:
    """A file the loader refuses still gives a SARIF log (exit 2), located at the problem."""
    text = MINI_YAML + "sources: []\n"
    paths = tmp_dataset(text, MINI_SEEDS)
    code, out, _ = cli("validate", str(paths.claims), "--format", "sarif")
    assert code == 2
    log = json.loads(out)
    jsonschema.validate(log, _SARIF_SHAPE)
    results = log["runs"][0]["results"]
    assert results
    line = text.count("\n")
    assert any(
        r["locations"][0]["physicalLocation"]["region"]["startLine"] == line for r in results
    )


def test_validate_shipped_dataset_github_is_quiet() -> None:
    """On the shipped dataset --format github prints no annotation, only the summary."""
    code, out, _ = cli("validate", "--format", "github")
    assert code == 0
    assert not any(line.startswith("::") for line in out.splitlines())
