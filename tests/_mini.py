"""A small, valid dataset for bad-input tests, and helpers to locate text in it.

``MINI_YAML`` is valid against ``MINI_SEEDS``; a test swaps one piece of it
(``mutate``) and asserts the finding's code and the line it names (``where``).
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import attrs

from carsi_claims.cli.main import run


@attrs.frozen
class DatasetPaths:
    """Where a temporary dataset was written."""

    root: Path
    claims: Path
    seeds: Path


SEED = (
    "CARSI: a shared partnership\n"
    "CARSI has received $260 million in Fiscal Years 2008-2010.\n"
    "Up to 95% of it goes to the Five Goals.\n"
    "“We stand together,” said Secretary Clinton on March 14, 2011.\n"
)
SEED_NAME = "a.txt"
SEED_SHA256 = hashlib.sha256(SEED.encode("utf-8")).hexdigest()
MINI_SEEDS = {SEED_NAME: SEED}


def _span(quote: str) -> str:
    start = SEED.index(quote)
    return f"start: {start}\n        end: {start + len(quote)}"


def _entry(quote: str) -> str:
    return f"      - source: src-a\n        quote: {_dq(quote)}\n        {_span(quote)}\n"


def _dq(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


MINI_YAML = f"""\
sources:
  - id: src-a
    path: {SEED_NAME}
    sha256: {SEED_SHA256}
    title: A shared partnership
    kind: fact-sheet
    published: "2011-03-14"
entities:
  - id: carsi
    name: Central America Regional Security Initiative
    type: programme
  - id: clinton
    name: Hillary Rodham Clinton
    aliases: [Secretary Clinton]
    type: person
claims:
  - id: carsi.funding
    kind: money
    subject: carsi
    property: funding
    value: {{amount: 260000000, currency: USD, precision: 1000000}}
    qualifiers:
      fiscal_years: {{start: 2008, end: 2010}}
      cumulative: true
      as_of: "2011-03-14"
    provenance:
{_entry("$260 million")}\
  - id: carsi.funding-years
    kind: fiscal_years
    subject: carsi
    property: funding-years
    value: {{start: 2008, end: 2010}}
    provenance:
{_entry("Fiscal Years 2008-2010")}\
  - id: carsi.share
    kind: percentage
    subject: carsi
    property: goal-share
    value: {{value: 95, bound: up_to, precision: 1}}
    provenance:
{_entry("Up to 95%")}\
  - id: carsi.goals
    kind: count
    subject: carsi
    property: goal-count
    value: {{value: 5}}
    provenance:
{_entry("Five Goals")}\
  - id: carsi.clinton-together
    kind: quotation
    subject: carsi
    property: quotation
    value: {{text: "We stand together", speaker: clinton, role: Secretary of State}}
    provenance:
{_entry("“We stand together,” said Secretary Clinton")}\
  - id: carsi.date
    kind: date
    subject: carsi
    property: statement-date
    value: {{date: "2011-03-14"}}
    provenance:
{_entry("March 14, 2011")}\
"""


def mutate(old: str, new: str, text: str = MINI_YAML, count: int = 1) -> str:
    """``text`` with the first ``count`` occurrences of ``old`` replaced (which must exist)."""
    assert text.count(old) >= count, f"{old!r} not in the text {count} time(s)"
    return text.replace(old, new, count)


def where(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """1-based (line, column) where the ``occurrence``-th ``needle`` starts in ``text``."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def cli(*argv: str) -> tuple[int, str, str]:
    """Run ``carsi-claims`` in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def report_of(paths: DatasetPaths) -> list[tuple[str, int, int, str | None, str]]:
    """Validate a dataset leniently: (code, line, column, claim, message) of each finding."""
    from carsi_claims import load, validate

    dataset = load(paths.claims, strict=False)
    found = []
    for f in validate(dataset).findings:
        assert f.location is not None, f
        found.append((f.code, f.location.line, f.location.column, f.claim, f.message))
    return found
