"""Rendering findings for people and for machines: text, json, github, sarif.

Every command that reports findings (``validate``, ``coverage``,
``check-refs``) renders them through :func:`render_findings`, so that the
four formats look the same everywhere.  To add the formats to a command::

    from carsi_claims.output.render import FORMATS, render_findings

    p.add_argument("--format", choices=FORMATS, default="text")
    ...
    render_findings(findings, args.format, out, command="coverage", subject=claims_file)
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
    offending line of a pull request.  ``file`` is relative to the repository
    root, as the runner reads it.  Data is escaped as the Actions toolkit does
    (``%``, CR, LF); property values also escape ``:`` and ``,``.  Given a
    ``summary`` file (the CLI passes ``$GITHUB_STEP_SUMMARY``), a Markdown
    table of the findings is appended to it (:func:`github_summary`).
``sarif``
    One SARIF 2.1.0 log for code scanning (:func:`to_sarif`): one run, every
    rule of :mod:`carsi_claims.output.rules` with its descriptions and help,
    one result per finding, each with a location whose URI is relative to
    ``%SRCROOT%`` (the repository root) and ``partialFingerprints`` that stay
    the same across runs and unrelated edits.  Columns count Unicode code
    points (``columnKind: unicodeCodePoints``) as :class:`Location` does.

``command`` (optional) names the reporting command; SARIF records it as the
run's ``automationDetails.id`` so uploads of several commands stay apart.
``root`` is the repository root that paths are made relative to (default:
:func:`repository_root`).  ``subject`` is the file that a finding without a
location points at in the github and sarif formats (the claims file, or the
argument the command was given), so that every result has a location.
Findings are rendered in the order given; pass them sorted (a
:class:`~carsi_claims.findings.Report` already is).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final, TextIO

from carsi_claims import _json
from carsi_claims._sha256 import sha256_hex
from carsi_claims.findings import Finding, Location, Severity

__all__ = [
    "FORMATS",
    "SARIF_SCHEMA",
    "SARIF_VERSION",
    "SRCROOT",
    "append_text",
    "github_annotation",
    "github_summary",
    "render_findings",
    "repository_root",
    "to_sarif",
]

#: The formats :func:`render_findings` knows, the default first.
FORMATS: Final = ("text", "json", "github", "sarif")

SARIF_VERSION: Final = "2.1.0"
SARIF_SCHEMA: Final = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
#: The ``uriBaseId`` of every file inside the repository root.
SRCROOT: Final = "%SRCROOT%"
_TOOL: Final = "carsi-claims"
_INFORMATION_URI: Final = "https://pypi.org/project/carsi-claims/"
#: The ``partialFingerprints`` key of this tool's own identity hash (``primaryLocationLineHash``
#: carries the same value, since GitHub code scanning reads only that key).
FINGERPRINT_KEY: Final = "carsiClaimsFinding/v1"
#: At most this many findings are listed in the step summary's table (the counts cover all).
SUMMARY_ROWS: Final = 200

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


# -- paths -------------------------------------------------------------------------


def repository_root(start: str | os.PathLike[str] | None = None) -> Path:
    """The root of the git work tree holding ``start`` (default: the working folder).

    Asks ``git rev-parse --show-toplevel``; outside a work tree, or without
    git, the folder itself.
    """
    import subprocess  # here: the text format runs no git

    folder = Path.cwd() if start is None else Path(start)
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=folder,
            capture_output=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return folder
    top = os.fsdecode(done.stdout).rstrip("\n")
    return Path(top) if done.returncode == 0 and top else folder


def _inside(file: str, root: Path) -> str | None:
    """``file`` relative to ``root`` with ``/`` separators, or None when it lies outside.

    Both are made absolute and symbolic links resolved, as code scanning
    wants (a result reported through a link is not matched to the file).
    """
    path = os.path.realpath(file)
    top = os.path.realpath(root)
    try:
        rel = os.path.relpath(path, top)
    except ValueError:  # another drive on Windows
        return None
    if rel == os.curdir or rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return None
    return rel.replace(os.sep, "/")


# -- github ----------------------------------------------------------------------


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _located(finding: Finding, subject: str | None) -> Location | None:
    if finding.location is not None or subject is None:
        return finding.location
    return Location(subject, 1, 1)


def _github_file(file: str, root: Path | None) -> str:
    if root is None:
        return file.replace(os.sep, "/")
    inside = _inside(file, root)
    return inside if inside is not None else os.path.abspath(file).replace(os.sep, "/")


def github_annotation(
    finding: Finding, *, root: Path | None = None, subject: str | None = None
) -> str:
    """One GitHub Actions workflow command for a finding (no trailing newline).

    With ``root``, ``file`` is relative to it (absolute for a file outside it).
    """
    props: list[tuple[str, str]] = []
    loc = _located(finding, subject)
    if loc is not None:
        props += [
            ("file", _github_file(loc.file, root)),
            ("line", str(loc.line)),
            ("col", str(loc.column)),
        ]
    props.append(("title", finding.code))
    head = ",".join(f"{key}={_escape_property(value)}" for key, value in props)
    message = (
        finding.message if finding.claim is None else f"{finding.message} (claim {finding.claim})"
    )
    return f"::{_GITHUB_COMMAND[finding.severity]} {head}::{_escape_data(message)}"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no HTML, no pipe, one line."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")
    return " ".join(text.split())


def github_summary(
    findings: Iterable[Finding],
    *,
    command: str | None = None,
    root: Path | None = None,
    subject: str | None = None,
) -> str:
    """A Markdown summary of the findings for ``$GITHUB_STEP_SUMMARY``.

    A heading with the counts by severity, a table of the counts by code
    (with a link to each code's documentation), and a table of the findings
    (at most :data:`SUMMARY_ROWS`; the rest counted).
    """
    from carsi_claims.output.rules import help_uri

    items = list(findings)
    title = f"carsi-claims {command}" if command else "carsi-claims"
    severities = Counter(f.severity for f in items)
    counts = ", ".join(
        f"{severities[s]} {s.value}{'' if severities[s] == 1 else 's'}" for s in Severity
    )
    lines = [f"### {_cell(title)}: {'ok' if not severities[Severity.ERROR] else 'FAILED'}", ""]
    lines.append(f"{len(items)} finding(s): {counts}.")
    if not items:
        return "\n".join(lines) + "\n\n"
    lines += ["", "| code | severity | findings |", "|---|---|---:|"]
    by_code = Counter((f.code, f.severity) for f in items)
    for (code, severity), n in sorted(by_code.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"| [`{_cell(code)}`]({help_uri(code)}) | {severity.value} | {n} |")
    lines += ["", "| severity | code | where | claim | message |", "|---|---|---|---|---|"]
    for finding in items[:SUMMARY_ROWS]:
        loc = _located(finding, subject)
        where = "" if loc is None else f"{_github_file(loc.file, root)}:{loc.line}:{loc.column}"
        lines.append(
            f"| {finding.severity.value} | `{_cell(finding.code)}` | {_cell(where)} "
            f"| {_cell(finding.claim or '')} | {_cell(finding.message)} |"
        )
    if len(items) > SUMMARY_ROWS:
        lines += ["", f"{len(items) - SUMMARY_ROWS} more finding(s) are in the step's log."]
    return "\n".join(lines) + "\n\n"


def append_text(path: str | os.PathLike[str], text: str) -> None:
    """Append ``text`` to ``path`` in one write (never truncating what is there)."""
    data = text.encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        while data:
            written = os.write(fd, data)
            data = data[written:]
    finally:
        os.close(fd)


# -- sarif -----------------------------------------------------------------------


def _artifact_uri(file: str) -> str:
    """A URI reference for a file: relative paths stay relative, with ``/`` and %-escapes.

    Any name the OS hands over is encoded, one that is not UTF-8 included: its
    bytes (``os.fsencode`` undoes the surrogate escapes) are percent-encoded.
    """
    from urllib.parse import quote

    if os.path.isabs(file):
        return Path(file).as_uri()
    return quote(os.fsencode(file.replace(os.sep, "/")), safe="/")


def _artifact_location(file: str, root: Path) -> dict[str, Any]:
    inside = _inside(file, root)
    if inside is None:
        return {"uri": _artifact_uri(os.path.abspath(file))}
    return {"uri": _artifact_uri(inside), "uriBaseId": SRCROOT}


def _sarif_location(loc: Location, root: Path) -> dict[str, Any]:
    # The region is the character at the finding's position (end column exclusive).
    return {
        "physicalLocation": {
            "artifactLocation": _artifact_location(loc.file, root),
            "region": {
                "startLine": loc.line,
                "startColumn": loc.column,
                "endLine": loc.line,
                "endColumn": loc.column + 1,
            },
        }
    }


#: Line and column numbers inside messages ("first defined on line 12"): not part of
#: a finding's identity, which must survive edits elsewhere in the file.
_LINE_NUMBER: Final = re.compile(r"\b(lines?|columns?|col)( )[0-9]+")


def _identity(finding: Finding, uri: str) -> str:
    message = _LINE_NUMBER.sub(r"\1\2N", finding.message)
    return "\x00".join((finding.code, finding.claim or "", uri, message))


def _rule_descriptor(code: str) -> dict[str, Any]:
    from carsi_claims.output.rules import help_uri, rule

    r = rule(code)
    uri = help_uri(code)
    return {
        "id": code,
        "name": code,
        "shortDescription": {"text": r.short},
        "fullDescription": {"text": r.full},
        "helpUri": uri,
        "help": {
            "text": f"{r.full} How to fix it: {r.fix} ({uri})",
            "markdown": f"{r.full}\n\n**How to fix it:** {r.fix}\n\n[`{code}`]({uri})",
        },
        "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
    }


def to_sarif(
    findings: Iterable[Finding],
    *,
    command: str | None = None,
    version: str | None = None,
    root: str | os.PathLike[str] | None = None,
    subject: str | None = None,
) -> dict[str, Any]:
    """The findings as one SARIF 2.1.0 log (plain data, ready for ``json.dump``).

    Every result has a location: its own, else line 1 of ``subject``, else
    line 1 of the claims file name ``claims.yaml`` at the root.  Files inside
    ``root`` (default :func:`repository_root`) get URIs relative to
    ``%SRCROOT%``; files outside it absolute ``file:`` URIs.  The rules are
    every code of :data:`~carsi_claims.output.rules.RULES` (the same list in
    every log), then any other code met.  Each result's
    ``partialFingerprints`` hash its code, claim, file and message (line
    numbers in it left out) and count repeats, so a finding keeps its
    fingerprint when lines move.
    """
    from carsi_claims.output.rules import RULES

    if version is None:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as dist_version

        try:
            version = dist_version(_TOOL)
        except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
            version = None
    top = repository_root() if root is None else Path(root)
    items = list(findings)
    codes = list(RULES)
    codes += sorted({f.code for f in items} - set(RULES))
    rule_index = {code: i for i, code in enumerate(codes)}
    seen: Counter[str] = Counter()
    results: list[dict[str, Any]] = []
    for finding in items:
        loc = _located(finding, subject) or Location("claims.yaml", 1, 1)
        location = _sarif_location(loc, top)
        identity = _identity(finding, location["physicalLocation"]["artifactLocation"]["uri"])
        digest = sha256_hex(identity.encode("utf-8", "surrogateescape"))
        seen[digest] += 1
        fingerprint = f"{digest[:32]}:{seen[digest]}"
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": rule_index[finding.code],
            "level": _SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [location],
            "partialFingerprints": {
                FINGERPRINT_KEY: fingerprint,
                "primaryLocationLineHash": fingerprint,
            },
        }
        if finding.claim is not None:
            result["properties"] = {"claim": finding.claim}
        results.append(result)
    driver: dict[str, Any] = {
        "name": _TOOL,
        "informationUri": _INFORMATION_URI,
        "rules": [_rule_descriptor(code) for code in codes],
    }
    if version:
        driver["version"] = version
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {SRCROOT: {"uri": _artifact_uri(str(top.absolute())) + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if command:
        run["automationDetails"] = {"id": f"{_TOOL}/{command}/"}
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


# -- all formats -------------------------------------------------------------------


def render_findings(
    findings: Iterable[Finding],
    format: str,
    out: TextIO,
    *,
    command: str | None = None,
    root: str | os.PathLike[str] | None = None,
    subject: str | None = None,
    summary: str | os.PathLike[str] | None = None,
) -> None:
    """Write ``findings`` to ``out`` in ``format`` (one of :data:`FORMATS`).

    ``root`` and ``subject`` are used by the github and sarif formats (see the
    module's documentation); ``summary``, a file to append the github
    format's Markdown summary to.  Raises :class:`ValueError` for an unknown
    format (a programming error: the command line restricts ``--format`` to
    :data:`FORMATS`).
    """
    items = list(findings)
    if format == "text":
        for finding in items:
            out.write(finding.render() + "\n")
    elif format == "json":
        ok = not any(f.severity is Severity.ERROR for f in items)
        _json.write({"ok": ok, "findings": [f.to_dict() for f in items]}, out)
    elif format == "github":
        top = repository_root() if root is None else Path(root)
        for finding in items:
            out.write(github_annotation(finding, root=top, subject=subject) + "\n")
        if summary is not None:
            append_text(summary, github_summary(items, command=command, root=top, subject=subject))
    elif format == "sarif":
        _json.write(to_sarif(items, command=command, root=root, subject=subject), out)
    else:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
