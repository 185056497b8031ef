"""The page of a source: its full text with every claim's quote and every figure marked.

Quotes may overlap and nest; :func:`carsi_claims.output.highlight.segments`
cuts the text into flat pieces, and each piece inside a quote is one link
to the claim with the shortest quote over it, carrying in ``data-q`` the
anchors of every quote it belongs to.  The pieces of one quote, read in
order, are exactly its text.  A quote that no piece links to (another
claim quotes the very same text) gets a small ``+`` link after it.  Only
quotes that stand at their recorded offsets are highlighted.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Final

from carsi_claims.model import Source
from carsi_claims.output.highlight import segments
from carsi_claims.output.paths import claim_page
from carsi_claims.output.site_data import SiteData, says
from carsi_claims.output.site_html import attr, esc, link, page
from carsi_claims.output.site_parts import (
    NOT_STATED,
    claim_link,
    fields,
    footer,
    mention_status,
    quote_anchor,
    short,
    status_badge,
)

__all__ = ["source_html"]

_STATUS_WORDS: Final = {
    "covered": "covered by a claim",
    "ignored": "ignored on purpose",
    "uncovered": "not covered by any claim",
}


def _highlighted(data: SiteData, source: Source, text: str) -> str:
    """The source text with every verified quote and figure mention marked."""
    quotes: list[tuple[int, int, str, int]] = []  # start, end, claim id, provenance index
    for claim in data.claims_of_source.get(source.id, ()):
        for i, p in enumerate(claim.provenance):
            if p.source == source.id and p.quote and text[p.start : p.end] == p.quote:
                quotes.append((p.start, p.end, claim.id, i))
    mentions = data.mentions.get(source.id, [])
    spans = [(s, e) for s, e, _, _ in quotes]
    spans += [(m.figure.start, m.figure.end) for m in mentions]
    nq = len(quotes)

    opening: dict[int, list[str]] = defaultdict(list)
    for s, _, cid, i in quotes:
        opening[s].append(quote_anchor(cid, i))
    for n, m in enumerate(mentions, 1):
        opening[m.figure.start].append(f"fig-{n}")

    cut = segments(len(text), spans)
    linked: set[int] = set()
    innermost: list[int | None] = []
    for seg in cut:
        qs = [i for i in seg.spans if i < nq]
        best = min(qs, key=lambda i: (quotes[i][1] - quotes[i][0], -i)) if qs else None
        innermost.append(best)
        if best is not None:
            linked.add(best)
    closing: dict[int, list[int]] = defaultdict(list)  # end -> quotes no segment links to
    for i, (_, e, _, _) in enumerate(quotes):
        if i not in linked:
            closing[e].append(i)

    out: list[str] = []
    for seg, best in zip(cut, innermost, strict=True):
        out.extend(f'<span id="{esc(a)}"></span>' for a in opening.get(seg.start, ()))
        inner = esc(text[seg.start : seg.end])
        figs = [i - nq for i in seg.spans if i >= nq]
        if figs:
            m = mentions[min(figs, key=lambda j: mentions[j].figure.end - mentions[j].figure.start)]
            status = mention_status(m)
            inner = (
                f'<span class="fig fig-{status}" title={attr(_STATUS_WORDS[status])}>{inner}</span>'
            )
        if best is not None:
            qs = [i for i in seg.spans if i < nq]
            keys = " ".join(quote_anchor(quotes[i][2], quotes[i][3]) for i in qs)
            ids = ", ".join(dict.fromkeys(quotes[i][2] for i in qs))
            depth = min(len(qs), 3)
            inner = (
                f'<a class="q d{depth}" href={attr("../" + claim_page(quotes[best][2]))} '
                f"data-q={attr(keys)} title={attr('quoted by ' + ids)}>{inner}</a>"
            )
        out.append(inner)
        for i in closing.get(seg.end, ()):
            cid = quotes[i][2]
            out.append(
                f'<sup class="also"><a href={attr("../" + claim_page(cid))} '
                f"aria-label={attr('claim ' + cid + ' quotes the same text')}>+</a></sup>"
            )
    return "".join(out)


def source_html(data: SiteData, source: Source) -> str:
    """A source: what it is, its full text with the claims' quotes highlighted, its figures."""
    root = "../"
    ds = data.dataset
    claims = data.claims_of_source.get(source.id, [])
    body = [
        f"<p>{esc(source.kind)}; published by "
        f"{esc(source.publisher) if source.publisher else NOT_STATED}; dated "
        f"{esc(source.published) if source.published is not None else NOT_STATED}; "
        f"{len(claims)} claims quote it. Details below the text.</p>",
        '<p class="noprint">Highlighted passages are quotes of claims, each a link to its '
        "claim (darker where quotes overlap; a <sup>+</sup> marks another claim quoting the "
        "same text). Figures are underlined: solid when a claim covers them, dashed when "
        "ignored on purpose, wavy when no claim covers them.</p>",
        "<h2>Text</h2>",
    ]
    text = data.texts.get(source.id)
    if text is None:
        body.append(f"<p>The text cannot be shown: {esc(data.unreadable.get(source.id, ''))}</p>")
    else:
        body.append(f'<div class="source-text">{_highlighted(data, source, text)}</div>')
    body.append("<h2>About this source</h2>")
    body.append(fields(data, root, source, skip=("title",)))
    body.append(f"<h2>Claims quoting this source ({len(claims)})</h2>")
    if claims:
        body.append(
            '<table><thead><tr><th scope="col">claim</th><th scope="col">value</th>'
            '<th scope="col">status</th><th scope="col">where</th></tr></thead><tbody>'
        )
        for claim in claims:
            places = []
            for i, p in enumerate(claim.provenance):
                if p.source != source.id:
                    continue
                if text is not None and text[p.start : p.end] == p.quote:
                    places.append(
                        link(f"#{quote_anchor(claim.id, i)}", f"characters {p.start}–{p.end}")
                    )
                else:
                    places.append(f"not at characters {p.start}–{p.end}")
            body.append(
                f"<tr><td>{claim_link(data, root, claim.id)}</td>"
                f"<td>{esc(short(says(claim.value)))}</td>"
                f"<td>{status_badge(claim)}</td><td>{'; '.join(places)}</td></tr>"
            )
        body.append("</tbody></table>")
    mentions = data.mentions.get(source.id, [])
    body.append(f"<h2>Figures in the text ({len(mentions)})</h2>")
    if mentions:
        body.append(
            '<table><thead><tr><th scope="col">figure</th><th scope="col">kind</th>'
            '<th scope="col">line:column</th><th scope="col">status</th></tr></thead><tbody>'
        )
        for n, m in enumerate(mentions, 1):
            status = mention_status(m)
            if m.covered_by is not None:
                what = f"covered by {claim_link(data, root, m.covered_by)}"
            elif m.ignored_by is not None:
                what = f"ignored: {esc(ds.coverage_ignores[m.ignored_by].reason)}"
            else:
                partly = (
                    f" (partly inside {claim_link(data, root, m.partly_by)})" if m.partly_by else ""
                )
                what = f"<strong>uncovered</strong>{partly}"
            body.append(
                f"<tr><td>{link(f'#fig-{n}', short(m.figure.text))}</td>"
                f"<td>{esc(m.figure.kind.value)}</td><td>{m.line}:{m.column}</td>"
                f'<td class="st-{status}">{what}</td></tr>'
            )
        body.append("</tbody></table>")
    return page(title=source.title, root=root, current=None, body=body, footer=footer(data))
