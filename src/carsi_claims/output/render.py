"""Rendering findings for people and for machines: text, json, github, sarif.

Every command that reports findings (``validate``, ``coverage``,
``check-refs``) renders them through :func:`render_findings`, so that the
four formats look the same everywhere.  To add the formats to a command::

    from carsi_claims.output.render import FORMATS, render_findings

    p.add_argument("--format", choices=FORMATS, default="text")
    ...
    render_findings(findings, args.format, out, command="coverage")
    return EXIT_OK if not any(f.severity is Severity.ERROR for f in findings) else EXIT_ERRORS

The formats:

``text``
    One ``file:line:col: severity[code]: message`` line per finding
    (:meth:`Finding.render`).  A command may print its own summary line after.
``json``
    ``{"ok": bool, "findings": [...]}`` (the shape of :meth:`Report.to_json`).
``github``
    GitHub Actions workflow commands, one per line:
    ``::error file=F,line=L,col=C,title=CODE::MESSAGE`` (``warning`` and
    ``notice`` for the other severities), which land as annotations on the
    offending line of a pull request.  Data is escaped as the Actions toolkit
    does (``%``, CR, LF); property values also escape ``:`` and ``,``.
``sarif``
    One SARIF 2.1.0 log (for code-scanning dashboards), one run, one rule per
    finding code, one result per finding; columns count Unicode code points
    (``columnKind: unicodeCodePoints``) as :class:`Location` does.

``command`` (optional) names the reporting command; SARIF records it as the
run's ``automationDetails.id`` so uploads of several commands stay apart.
Findings are rendered in the order given; pass them sorted (a
:class:`~carsi_claims.findings.Report` already is).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, Final, TextIO
from urllib.parse import quote

from carsi_claims import _json
from carsi_claims.findings import Finding, Location, Severity

__all__ = [
    "FORMATS",
    "SARIF_SCHEMA",
    "SARIF_VERSION",
    "github_annotation",
    "render_findings",
    "to_sarif",
]

#: The formats :func:`render_findings` knows, the default first.
FORMATS: Final = ("text", "json", "github", "sarif")

SARIF_VERSION: Final = "2.1.0"
SARIF_SCHEMA: Final = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_TOOL: Final = "carsi-claims"
_INFORMATION_URI: Final = "https://pypi.org/project/carsi-claims/"

_GITHUB_COMMAND: Final = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}
_SARIF_LEVEL: Final = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}


# -- github ----------------------------------------------------------------------


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(finding: Finding) -> str:
    """One GitHub Actions workflow command for a finding (no trailing newline)."""
    props: list[tuple[str, str]] = []
    loc = finding.location
    if loc is not None:
        props += [
            ("file", loc.file.replace(os.sep, "/")),
            ("line", str(loc.line)),
            ("col", str(loc.column)),
        ]
    props.append(("title", finding.code))
    head = ",".join(f"{key}={_escape_property(value)}" for key, value in props)
    message = (
        finding.message if finding.claim is None else f"{finding.message} (claim {finding.claim})"
    )
    return f"::{_GITHUB_COMMAND[finding.severity]} {head}::{_escape_data(message)}"


# -- sarif -----------------------------------------------------------------------


def _artifact_uri(file: str) -> str:
    """A URI reference for a file: relative paths stay relative, with ``/`` and %-escapes."""
    if os.path.isabs(file):
        from pathlib import Path

        return Path(file).as_uri()
    return quote(file.replace(os.sep, "/"), safe="/")


def _sarif_location(loc: Location) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": _artifact_uri(loc.file)},
            "region": {"startLine": loc.line, "startColumn": loc.column},
        }
    }


def to_sarif(
    findings: Iterable[Finding], *, command: str | None = None, version: str | None = None
) -> dict[str, Any]:
    """The findings as one SARIF 2.1.0 log (plain data, ready for ``json.dump``)."""
    if version is None:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as dist_version

        try:
            version = dist_version(_TOOL)
        except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
            version = None
    rules: list[dict[str, Any]] = []
    rule_index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    for finding in findings:
        if finding.code not in rule_index:
            rule_index[finding.code] = len(rules)
            rules.append({"id": finding.code})
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": rule_index[finding.code],
            "level": _SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message},
        }
        if finding.location is not None:
            result["locations"] = [_sarif_location(finding.location)]
        if finding.claim is not None:
            result["properties"] = {"claim": finding.claim}
        results.append(result)
    driver: dict[str, Any] = {"name": _TOOL, "informationUri": _INFORMATION_URI, "rules": rules}
    if version:
        driver["version"] = version
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if command:
        run["automationDetails"] = {"id": f"{_TOOL}/{command}/"}
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


# -- all formats -------------------------------------------------------------------


def render_findings(
    findings: Iterable[Finding], format: str, out: TextIO, *, command: str | None = None
) -> None:
    """Write ``findings`` to ``out`` in ``format`` (one of :data:`FORMATS`).

    Raises :class:`ValueError` for an unknown format (a programming error:
    the command line restricts ``--format`` to :data:`FORMATS`).
    """
    items = list(findings)
    if format == "text":
        for finding in items:
            out.write(finding.render() + "\n")
    elif format == "json":
        ok = not any(f.severity is Severity.ERROR for f in items)
        _json.write({"ok": ok, "findings": [f.to_dict() for f in items]}, out)
    elif format == "github":
        for finding in items:
            out.write(github_annotation(finding) + "\n")
    elif format == "sarif":
        _json.write(to_sarif(items, command=command), out)
    else:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
