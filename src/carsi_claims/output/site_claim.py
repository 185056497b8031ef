"""The permanent page of a claim: value, qualifiers, quotes in context, conflicts, citations."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Final

import attrs

from carsi_claims.citing.cite import NO_DATE, NO_PUBLISHER, citation_of
from carsi_claims.model import Claim, Quotation, Status
from carsi_claims.output.paths import entity_page, source_page
from carsi_claims.output.site_data import SiteData, says
from carsi_claims.output.site_html import esc, link, page
from carsi_claims.output.site_parts import (
    claim_json_path,
    claim_link,
    fields,
    footer,
    qualifiers_html,
    quote_anchor,
    resolution_html,
    resolution_status,
    short,
    status_badge,
    subject_link,
)

__all__ = ["claim_html"]

#: What BibTeX reads as markup, written as the character itself.
_BIBTEX: Final = str.maketrans(
    {
        "{": r"\{",
        "}": r"\}",
        "\\": r"\textbackslash{}",
        "#": r"\#",
        "$": r"\$",
        "%": r"\%",
        "&": r"\&",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)
_CONTEXT: Final = 240  # characters of the source shown either side of a quote
_SHOWN_ELSEWHERE: Final = frozenset(
    {"id", "kind", "subject", "property", "value", "provenance", "qualifiers", "status"}
    | {"superseded_by", "reason", "note", "voice"}
)


def _context(text: str, start: int, end: int) -> str:
    """The quote in its context: up to 240 characters either side.

    The context starts at a line's start where one is within reach, else at
    a word's start after an ellipsis (and ends likewise); blank lines at its
    ends are dropped.
    """
    left, right, head, tail = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT), "", ""
    if left > 0:
        line = text.find("\n", left, start)
        word = text.find(" ", left, start)
        if line >= 0:
            left = line + 1
        elif word >= 0:
            left, head = word + 1, "… "
    if right < len(text):
        line = text.rfind("\n", end, right)
        word = text.rfind(" ", end, right)
        if line >= 0:
            right = line
        elif word >= 0:
            right, tail = word, " …"
    before = text[left:start].lstrip()
    after = text[end:right].rstrip()
    return f"{head}{esc(before)}<mark>{esc(text[start:end])}</mark>{esc(after)}{tail}"


def _bibtex(data: SiteData, claim: Claim) -> str:
    """One BibTeX entry per quote: the source, with the claim and its quote in the note."""
    entries = []
    for n, p in enumerate(claim.provenance):
        source = data.dataset.sources_by_id.get(p.source)
        key = claim.id if n == 0 else f"{claim.id}-{n + 1}"
        fields = [("title", source.title if source else f"source {p.source}")]
        fields.append(
            ("organization", source.publisher if source and source.publisher else NO_PUBLISHER)
        )
        if source and source.published is not None:
            fields.append(("year", str(source.published.year)))
            fields.append(("date", str(source.published)))
        if source and source.url:
            fields.append(("url", source.url))
        undated = f" ({NO_DATE.capitalize()}.)" if not source or source.published is None else ""
        fields.append(("note", f"Claim carsi:{claim.id}, quoting: “{p.quote}”{undated}"))
        body = ",\n".join(f"  {k} = {{{_bib(v)}}}" for k, v in fields)
        entries.append(f"@misc{{{key},\n{body}\n}}\n")
    return "\n".join(entries)


def _bib(text: str) -> str:
    """BibTeX field text: white space folded, special characters escaped (braces balanced)."""
    return " ".join(text.split()).translate(_BIBTEX)


def _voice(data: SiteData, root: str, record: object) -> str:
    """Whose assertion a claim (or one quote) is, where the model says: a row of the list."""
    if not attrs.has(cls := type(record)) or "voice" not in attrs.fields_dict(cls):
        return ""
    voice = getattr(record, "voice", None)
    if voice is None:
        if isinstance(record, Claim):
            return "<dt>voice</dt><dd>the source's own</dd>"
        return ""
    entity = data.dataset.entities_by_id.get(voice)
    who = link(root + entity_page(voice), entity.name) if entity else esc(voice)
    return f"<dt>voice</dt><dd>{who}</dd>"


def claim_html(data: SiteData, claim: Claim) -> str:
    """A claim's permanent page."""
    root = "../"
    ds = data.dataset
    body: list[str] = []
    if claim.status is Status.RETRACTED:
        current = ds.current(claim.id)
        succ = (
            f" It is superseded by {claim_link(data, root, claim.superseded_by)}."
            if claim.superseded_by
            else " No claim supersedes it."
        )
        if current.id not in (claim.id, claim.superseded_by):
            succ += f" The current claim is {claim_link(data, root, current.id)}."
        body.append(
            f'<section class="retracted" aria-label="Retracted"><p><strong>This claim is '
            f"retracted</strong>: {esc(claim.reason or 'no reason given')}.{succ} This page stays "
            "so that citations of it still resolve.</p></section>"
        )
    body.append(f'<p class="value">{esc(says(claim.value))}</p>')
    if isinstance(claim.value, Quotation):
        speaker = ds.entities_by_id.get(claim.value.speaker)
        name = speaker.name if speaker else claim.value.speaker
        role = f", {claim.value.role}" if claim.value.role else ""
        body.append(f"<p>— {esc(name)}{esc(role)}</p>")
    body.append(
        '<dl class="fields">'
        f"<dt>id</dt><dd><code>{esc(claim.id)}</code> "
        f"(cite as <code>carsi:{esc(claim.id)}</code>)</dd>"
        f"<dt>kind</dt><dd>{esc(claim.kind.value)}</dd>"
        f"<dt>subject</dt><dd>{subject_link(data, root, claim.subject)}</dd>"
        f"<dt>property</dt><dd>{esc(claim.property)}</dd>"
        f"<dt>status</dt><dd>{status_badge(claim)}</dd>"
        f"{_voice(data, root, claim)}</dl>"
    )
    body.append(f"<h2>Quotes ({len(claim.provenance)})</h2>")
    for i, p in enumerate(claim.provenance):
        source = ds.sources_by_id.get(p.source)
        title = source.title if source else p.source
        text = data.texts.get(p.source)
        body.append(f"<h3>Quote {i + 1}: {esc(short(title, 90))}</h3>")
        if own := _voice(data, root, p):  # this quote's own voice, where it differs
            body.append(f'<dl class="fields">{own}</dl>')
        if text is not None and text[p.start : p.end] == p.quote:
            body.append(f'<p class="context">{_context(text, p.start, p.end)}</p>')
            body.append(
                "<p>"
                + link(
                    f"{root}{source_page(p.source)}#{quote_anchor(claim.id, i)}",
                    f"See this quote in the source (characters {p.start}–{p.end})",
                )
                + "</p>"
            )
        else:
            body.append(f'<blockquote class="context">{esc(p.quote)}</blockquote>')
            body.append(
                f"<p><strong>Not verified:</strong> the quote does not stand at characters "
                f"{p.start}–{p.end} of the source text (run carsi-claims validate).</p>"
            )
            if source is not None:
                body.append(f"<p>{link(root + source_page(p.source), 'The source')}</p>")

    body.append("<h2>Value</h2>")
    body.append(fields(data, root, claim.value))
    body.append("<h2>Qualifiers</h2>")
    body.append(qualifiers_html(data, root, claim.qualifiers))
    # what is set on the claim besides the above: not unknown, empty or at its default
    declared = attrs.fields_dict(type(claim))
    more = {
        name
        for name, field in declared.items()
        if name not in _SHOWN_ELSEWHERE and getattr(claim, name) not in (None, (), field.default)
    }
    if more:
        body.append("<h2>More about this claim</h2>")
        body.append(fields(data, root, claim, skip=declared.keys() - more))
    if claim.note:
        body.append(f"<h2>Note</h2><p>{esc(claim.note)}</p>")
    corrections = data.corrections_of.get(claim.id, [])
    if corrections:
        body.append(
            f"<h2>Corrections ({len(corrections)})</h2><p>Corrected without changing what "
            "the claim asserts; its meaning fingerprint moved from the first value to the "
            "second.</p><ul>"
        )
        body.extend(
            f"<li>{esc(c.reason)} (<code>{esc(c.old)}</code> → <code>{esc(c.new)}</code>)</li>"
            for c in corrections
        )
        body.append("</ul>")

    conflicts = data.conflicts_of.get(claim.id, [])
    body.append(f"<h2>Conflicts ({len(conflicts)})</h2>")
    if not conflicts:
        body.append("<p>No other claim disagrees with this one.</p>")
    for d in conflicts:
        others = [c for c in d.claims if c != claim.id]
        body.append(
            f"<h3>{esc(d.code)}: {resolution_status(d)}</h3>"
            f"<p>With {', '.join(claim_link(data, root, c) for c in others) or 'itself'}. "
            f"{esc(d.detail)}</p>{resolution_html(data, root, d)}"
            f"<p>{link(root + 'conflicts.html#' + d.key, 'This conflict side by side')}</p>"
        )

    citation = citation_of(ds, claim)
    body.append("<h2>Cite this claim</h2>")
    for label, text_ in (
        ("Text", citation.text()),
        ("Markdown", citation.markdown()),
        ("BibTeX", _bibtex(data, claim)),
    ):
        body.append(f'<h3>{label}</h3><pre class="cite">{esc(text_)}</pre>')
    body.append("<h2>Data</h2>")
    body.append(
        "<p>"
        + link(PurePosixPath(claim_json_path(claim.id)).name, f"{claim.id} as JSON")
        + " (the record as in the JSON export).</p>"
    )
    return page(title=f"Claim {claim.id}", root=root, current=None, body=body, footer=footer(data))
