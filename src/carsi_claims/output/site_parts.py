"""Fragments shared by the pages of the static site: links, field lists, statuses.

Every function returns HTML with everything from the dataset escaped.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Final

import attrs

from carsi_claims.model import Claim, FiscalYears, PartialDate, Status
from carsi_claims.output.paths import claim_page, entity_page, source_page
from carsi_claims.output.site_data import Disagreement, SiteData, says
from carsi_claims.output.site_html import attr, esc, link

__all__ = [
    "NOT_STATED",
    "claim_json_path",
    "claim_link",
    "fields",
    "footer",
    "mention_status",
    "qualifiers_html",
    "quote_anchor",
    "resolution_html",
    "resolution_status",
    "short",
    "status_badge",
    "subject_link",
]

NOT_STATED: Final = '<span class="muted">not stated</span>'


def claim_json_path(claim_id: str) -> str:
    """Where a claim's JSON stands: beside its page, ``claims/<id>.json``."""
    return str(PurePosixPath(claim_page(claim_id)).with_suffix(".json"))


def quote_anchor(claim_id: str, index: int) -> str:
    """The anchor of a claim's ``index``-th quote on its source's page (ids hold no '-N' end)."""
    return f"q-{claim_id}-{index}"


def footer(data: SiteData) -> str:
    sha = (
        f", claims file sha256 <code>{esc(data.claims_sha256)}</code>" if data.claims_sha256 else ""
    )
    return (
        f"<p>Built by carsi-claims {esc(data.version)}{sha}. Every highlight stands at the "
        "recorded offsets of a source pinned by its sha256.</p>"
    )


def claim_link(data: SiteData, root: str, claim_id: str) -> str:
    """A link to a claim's page, or its id as text when the dataset has no such claim."""
    if claim_id not in data.dataset.claims_by_id:
        return f"<code>{esc(claim_id)}</code> (not in the dataset)"
    return f'<a href={attr(root + claim_page(claim_id))} class="id">{esc(claim_id)}</a>'


def subject_link(data: SiteData, root: str, subject: str) -> str:
    ds = data.dataset
    if subject in ds.entities_by_id:
        return link(root + entity_page(subject), ds.entities_by_id[subject].name)
    if subject in ds.sources_by_id:
        return link(root + source_page(subject), ds.sources_by_id[subject].title)
    return f'<span class="id">{esc(subject)}</span>'


def status_badge(claim: Claim) -> str:
    if claim.status is Status.RETRACTED:
        return '<span class="badge">retracted</span>'
    return "active"


def _plain(value: object) -> str:
    """A field value as text: enums by value, dates and numbers as written."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def fields(data: SiteData, root: str, record: object, skip: Iterable[str] = ()) -> str:
    """A record's set fields as a definition list, nested records as nested lists.

    Rendered generically, so fields added to the model show up without a
    change here.  A record with a ``stated`` or ``inferred`` flag is marked
    "stated by the source" or "inferred".
    """
    rows = []
    omit = set(skip)
    cls = type(record)
    if not attrs.has(cls):
        return esc(_plain(record))
    for field in attrs.fields(cls):
        if field.name in omit:
            continue
        value = getattr(record, field.name)
        if value is None or value == ():
            continue
        shown = f"<code>{esc(value)}</code>" if field.name == "id" else _field(data, root, value)
        rows.append(f"<dt>{esc(field.name.replace('_', ' '))}</dt><dd>{shown}</dd>")
    return f'<dl class="fields">{"".join(rows)}</dl>' if rows else '<p class="muted">none</p>'


def qualifiers_html(data: SiteData, root: str, qualifiers: object) -> str:
    """A claim's qualifiers, each marked stated by the source or inferred (and from what).

    Where the model records inferences (``qualifiers.inference(name)``), a
    qualifier with one is "inferred", with its basis, premise claim and note,
    and every other one "stated by the source"; without that, the fields are
    listed as they are.
    """
    inference = getattr(qualifiers, "inference", None)
    if not callable(inference) or not attrs.has(cls := type(qualifiers)):
        return fields(data, root, qualifiers)
    rows = []
    for field in attrs.fields(cls):
        value = getattr(qualifiers, field.name)
        if field.name == "inferred" or value is None or value == ():
            continue
        how = inference(field.name)
        if how is None:
            mark = '<span class="badge">stated by the source</span>'
        else:
            mark = '<span class="badge">inferred</span> ' + fields(
                data, root, how, skip=("qualifier",)
            )
        rows.append(
            f"<dt>{esc(field.name.replace('_', ' '))}</dt>"
            f"<dd>{_field(data, root, value)} {mark}</dd>"
        )
    return f'<dl class="fields">{"".join(rows)}</dl>' if rows else '<p class="muted">none</p>'


def _field(data: SiteData, root: str, value: object) -> str:
    ds = data.dataset
    if isinstance(value, str):
        if value in ds.entities_by_id:
            return link(root + entity_page(value), ds.entities_by_id[value].name)
        if value in ds.sources_by_id:  # e.g. the other end of a source relation
            return link(root + source_page(value), ds.sources_by_id[value].title)
        if value in ds.claims_by_id:  # e.g. the premise of an inferred qualifier
            return claim_link(data, root, value)
        return esc(value)
    if isinstance(value, tuple | list):
        return ", ".join(_field(data, root, v) for v in value)
    if isinstance(value, FiscalYears):
        return esc(says(value))
    if attrs.has(type(value)) and not isinstance(value, PartialDate):  # a date prints itself
        mark = ""
        stated = getattr(value, "stated", None)
        inferred = getattr(value, "inferred", None)
        if isinstance(stated, bool) or isinstance(inferred, bool):
            is_stated = stated if isinstance(stated, bool) else not inferred
            mark = (
                '<span class="badge">stated by the source</span> '
                if is_stated
                else '<span class="badge">inferred</span> '
            )
        return mark + fields(data, root, value, skip=("stated", "inferred"))
    return esc(_plain(value))


def short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def resolution_status(d: Disagreement) -> str:
    flag = " (may not answer the same question)" if d.undetermined else ""
    if d.resolution is None:
        return f"unresolved{flag}"
    return f"resolved as {esc(d.resolution.kind.value.replace('_', ' '))}{flag}"


def resolution_html(data: SiteData, root: str, d: Disagreement) -> str:
    res = d.resolution
    if res is None:
        return f"<p>No resolution accounts for it (severity {esc(d.severity)}).</p>"
    parts = [f"<p>Resolution <code>{esc(res.id)}</code>: {esc(res.rationale)}</p>"]
    if res.preferred:
        parts.append(f"<p>Preferred: {claim_link(data, root, res.preferred)}</p>")
    for ev in res.evidence:
        if ev.claim is not None:
            parts.append(
                f"<p>Evidence: {claim_link(data, root, ev.claim)} "
                "(verified against the sources)</p>"
            )
        else:
            bits = [
                b for b in (ev.title, ev.publisher, None if ev.date is None else str(ev.date)) if b
            ]
            quote = f": “{esc(ev.quote)}”" if ev.quote else ""
            where = f" {esc(ev.url)}" if ev.url else ""
            ident = f" {esc(ev.identifier)}" if ev.identifier else ""
            parts.append(
                f"<p>Evidence outside the sources (not verifiable against local text): "
                f"{esc('. '.join(bits))}{ident}{where}{quote}</p>"
            )
    return "".join(parts)


def mention_status(m: object) -> str:
    if getattr(m, "covered_by", None) is not None:
        return "covered"
    return "ignored" if getattr(m, "ignored_by", None) is not None else "uncovered"
