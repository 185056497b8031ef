"""The overview pages of the static site: index, claims, conflicts, entities, lists.

Each function returns a page as text; links are relative to the site's root
(or one folder down for entity pages), so the site works from disk.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from typing import Final

from carsi_claims.model import Claim, Count, Entity, ListItem, Quotation, Status
from carsi_claims.output.paths import entity_page, source_page
from carsi_claims.output.site_data import Disagreement, SiteData, Variant, says
from carsi_claims.output.site_html import esc, link, page
from carsi_claims.output.site_parts import (
    NOT_STATED,
    claim_link,
    fields,
    footer,
    mention_status,
    resolution_html,
    resolution_status,
    short,
    status_badge,
    subject_link,
)

__all__ = [
    "claims_html",
    "conflicts_html",
    "entities_html",
    "entity_html",
    "index_html",
    "lists_html",
]

_WORDS: Final = re.compile(r"\S+")


def _claims_table(data: SiteData, root: str, claims: Sequence[Claim]) -> str:
    rows = "".join(
        f"<tr><td>{claim_link(data, root, c.id)}</td><td>{subject_link(data, root, c.subject)}</td>"
        f"<td>{esc(c.property)}</td><td>{esc(short(says(c.value)))}</td><td>{status_badge(c)}</td></tr>"
        for c in claims
    )
    return (
        '<table><thead><tr><th scope="col">claim</th><th scope="col">subject</th>'
        '<th scope="col">property</th><th scope="col">value</th><th scope="col">status</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def index_html(data: SiteData) -> str:
    """The overview: sources, counts by kind, conflicts, coverage, the dataset's version."""
    ds = data.dataset
    root = ""
    retracted = sum(1 for c in ds.claims if c.status is Status.RETRACTED)
    body = [
        f"<p>{len(ds.claims)} claims ({retracted} retracted) from {len(ds.sources)} sources, "
        f"{len(ds.entities)} entities, {len(ds.resolutions)} resolutions. Each claim quotes its "
        "source verbatim at exact character offsets; each source is pinned by the sha256 of "
        "its bytes.</p>",
        f"<p>Dataset version: carsi-claims {esc(data.version)}"
        + (
            f"; claims file sha256 <code>{esc(data.claims_sha256)}</code>"
            if data.claims_sha256
            else ""
        )
        + ".</p>",
        "<h2>Sources</h2>",
        '<table><thead><tr><th scope="col">title</th><th scope="col">publisher</th>'
        '<th scope="col">date</th><th scope="col">kind</th><th scope="col">claims</th>'
        '<th scope="col">sha256</th></tr></thead><tbody>',
    ]
    for s in ds.sources:
        body.append(
            f"<tr><td>{link(source_page(s.id), s.title)}</td>"
            f"<td>{esc(s.publisher) if s.publisher else NOT_STATED}</td>"
            f"<td>{esc(s.published) if s.published is not None else NOT_STATED}</td>"
            f"<td>{esc(s.kind)}</td><td>{len(data.claims_of_source.get(s.id, ()))}</td>"
            f"<td><code>{esc(s.sha256)}</code></td></tr>"
        )
    body.append("</tbody></table>")
    kinds = Counter(c.kind.value for c in ds.claims)
    body.append('<h2>Claims by kind</h2><table><thead><tr><th scope="col">kind</th>')
    body.append('<th scope="col">claims</th></tr></thead><tbody>')
    for kind, n in sorted(kinds.items()):
        body.append(f"<tr><td>{link('claims.html#kind-' + kind, kind)}</td><td>{n}</td></tr>")
    body.append("</tbody></table>")

    resolved = sum(1 for d in data.conflicts if d.resolution is not None)
    body.append("<h2>Conflicts</h2>")
    body.append(
        f"<p>{len(data.conflicts)} conflicts: {resolved} resolved, "
        f"{len(data.conflicts) - resolved} unresolved; {len(data.stale)} stale resolutions. "
        + link("conflicts.html", "Every conflict, side by side")
        + ".</p>"
    )
    by_status = Counter((d.code, resolution_status(d)) for d in data.conflicts)
    if by_status:
        body.append(
            '<table><thead><tr><th scope="col">kind</th><th scope="col">status</th>'
            '<th scope="col">conflicts</th></tr></thead><tbody>'
        )
        for (code, status), n in sorted(by_status.items()):
            body.append(f"<tr><td>{esc(code)}</td><td>{status}</td><td>{n}</td></tr>")
        body.append("</tbody></table>")

    report = data.coverage
    body.append("<h2>Coverage</h2>")
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for m in report.mentions:
        per[m.source][mention_status(m)] += 1
    total: Counter[str] = Counter()
    for counts in per.values():
        total.update(counts)
    body.append(
        f"<p>{len(report.mentions)} figures mentioned in the sources: {total['covered']} covered "
        f"by a claim, {total['ignored']} ignored on purpose, {total['uncovered']} uncovered; "
        f"{len(report.stale)} stale ignore entries; {len(report.unscanned)} sources not read.</p>"
    )
    body.append(
        '<table><thead><tr><th scope="col">source</th><th scope="col">covered</th>'
        '<th scope="col">ignored</th><th scope="col">uncovered</th></tr></thead><tbody>'
    )
    for s in ds.sources:
        c = per.get(s.id, Counter())
        body.append(
            f"<tr><td>{link(source_page(s.id), short(s.title, 90))}</td><td>{c['covered']}</td>"
            f"<td>{c['ignored']}</td><td>{c['uncovered']}</td></tr>"
        )
    body.append("</tbody></table>")
    for u in report.unscanned:
        body.append(f"<p>Not read: {esc(u.source.id)}: {esc(u.message)}</p>")
    return page(
        title="Claims about CARSI", root=root, current="index.html", body=body, footer=footer(data)
    )


def claims_html(data: SiteData) -> str:
    """Every claim, by kind."""
    by_kind: dict[str, list[Claim]] = defaultdict(list)
    for c in data.dataset.claims:
        by_kind[c.kind.value].append(c)
    body = []
    for kind in sorted(by_kind):
        body.append(f'<h2 id="kind-{esc(kind)}">{esc(kind)} ({len(by_kind[kind])})</h2>')
        body.append(_claims_table(data, "", by_kind[kind]))
    return page(title="Claims", root="", current="claims.html", body=body, footer=footer(data))


def entities_html(data: SiteData) -> str:
    """Every entity, with the number of claims about it."""
    rows = "".join(
        f"<tr><td>{link(entity_page(e.id), e.name)}</td><td>{esc(', '.join(e.aliases))}</td>"
        f"<td>{len(data.claims_of_entity.get(e.id, ()))}</td></tr>"
        for e in data.dataset.entities
    )
    body = [
        '<table><thead><tr><th scope="col">name</th><th scope="col">other names</th>'
        f'<th scope="col">claims</th></tr></thead><tbody>{rows}</tbody></table>'
    ]
    return page(title="Entities", root="", current="entities.html", body=body, footer=footer(data))


def entity_html(data: SiteData, entity: Entity) -> str:
    """An entity and the claims about it or naming it (as subject, speaker, ...)."""
    root = "../"
    claims = data.claims_of_entity.get(entity.id, [])
    body = [
        fields(data, root, entity, skip=("name",)),
        f"<h2>Claims about or naming {esc(entity.name)} ({len(claims)})</h2>",
        _claims_table(data, root, claims) if claims else "<p>None.</p>",
    ]
    spoken = [c for c in claims if isinstance(c.value, Quotation) and c.value.speaker == entity.id]
    if spoken:
        body.append(f"<h2>Words attributed to {esc(entity.name)}</h2><ul>")
        body.extend(
            f"<li>“{esc(c.value.text)}” ({claim_link(data, root, c.id)})</li>"
            for c in spoken
            if isinstance(c.value, Quotation)
        )
        body.append("</ul>")
    return page(title=entity.name, root=root, current=None, body=body, footer=footer(data))


def lists_html(data: SiteData) -> str:
    """Each list as each source gives it, and the counts that say how long it is."""
    body = []
    if not data.lists:
        body.append("<p>The dataset has no lists.</p>")
    for list_id in sorted(data.lists):
        body.append(f'<h2 id="list-{esc(list_id)}">{esc(list_id)}</h2>')
        items: dict[str, list[tuple[int, Claim]]] = defaultdict(list)
        for c in data.lists[list_id]:
            if isinstance(c.value, ListItem):
                for sid in dict.fromkeys(p.source for p in c.provenance):
                    items[sid].append((c.value.ordinal, c))
            elif isinstance(c.value, Count):
                body.append(
                    f"<p>{claim_link(data, '', c.id)} counts {esc(says(c.value))} items.</p>"
                )
        for sid, entries in items.items():
            body.append(f"<h3>As {_source_link(data, sid, 90)} gives it</h3><ol>")
            for ordinal, c in sorted(entries, key=lambda e: (e[0], e[1].id)):
                text = c.value.text if isinstance(c.value, ListItem) else ""
                retracted = " (retracted)" if c.status is Status.RETRACTED else ""
                body.append(
                    f'<li value="{ordinal}">{esc(text)} '
                    f"({claim_link(data, '', c.id)}){retracted}</li>"
                )
            body.append("</ol>")
    return page(title="Lists", root="", current="lists.html", body=body, footer=footer(data))


# -- conflicts side by side ----------------------------------------------------------


def _diff_marked(words: Sequence[str], other: Sequence[str]) -> str:
    """``words`` with each run of words not matched in ``other`` marked."""
    matcher = difflib.SequenceMatcher(None, list(words), list(other), autojunk=False)
    out: list[str] = []
    for op, i1, i2, _, _ in matcher.get_opcodes():
        if i2 > i1:
            run = esc(" ".join(words[i1:i2]))
            out.append(run if op == "equal" else f'<mark class="wd">{run}</mark>')
    return " ".join(out)


def _variants(data: SiteData, d: Disagreement) -> Iterator[tuple[Variant, list[Claim]]]:
    """The variants of a conflict and their claims (those in the dataset)."""
    for variant in d.variants:
        ids = variant.claims
        claims = [data.dataset.claims_by_id[c] for c in ids if c in data.dataset.claims_by_id]
        if claims:
            yield variant, claims


def _source_link(data: SiteData, sid: str, width: int) -> str:
    """A source's title, shortened to ``width``, linking to its page; a source not in the
    dataset has no page, and is named by its id."""
    source = data.dataset.sources_by_id.get(sid)
    return link(source_page(sid), short(source.title, width)) if source else esc(sid)


def _sources(data: SiteData, claim: Claim) -> str:
    """The sources a claim stands in, each once, after ", in"; or that it stands in none."""
    sources = dict.fromkeys(p.source for p in claim.provenance)
    if not sources:
        return ", in no source (no quote recorded)"
    return ", in " + ", ".join(_source_link(data, s, 60) for s in sources)


def conflicts_html(data: SiteData) -> str:
    """Each conflict with its variants side by side and the words that differ marked."""
    body = [
        f"<p>{len(data.conflicts)} conflicts. Words that differ from the other variant are "
        '<mark class="wd">marked</mark>.</p>'
    ]
    for number, d in enumerate(data.conflicts, 1):
        about = f": {d.question}" if d.question else ""
        body.append(
            f'<section aria-labelledby="{d.key}"><h2 id="{d.key}">'
            f"Conflict {number}, {esc(d.code)}{esc(about)}</h2>"
        )
        body.append(f"<p><strong>{resolution_status(d)}</strong>. {esc(d.detail)}</p>")
        variants = list(_variants(data, d))
        texts = [_WORDS.findall(variant.says) for variant, _ in variants]
        # A claim with no provenance (a records error, but the site is built all the same)
        # has no quote to show and no source to name.
        quotes = [
            _WORDS.findall(claims[0].provenance[0].quote) if claims[0].provenance else None
            for _, claims in variants
        ]
        body.append('<div class="variants">')
        for n, (variant, claims) in enumerate(variants):
            other = 1 if n == 0 else 0
            against = texts[other] if len(texts) > 1 else texts[n]
            against_q = (quotes[other] if len(quotes) > 1 else quotes[n]) or []
            quote = quotes[n]
            rows = "".join(
                f"<li>{claim_link(data, '', c.id)}{_sources(data, c)}</li>" for c in claims
            )
            body.append(
                f'<div class="variant"><h3>Variant {n + 1}</h3>'
                f'<p class="value">{_diff_marked(texts[n], against)}</p>'
                + (f"<p>{esc(variant.when)}</p>" if variant.when else "")
                + (
                    f"<p>Quote: “{_diff_marked(quote, against_q)}”</p>"
                    if quote is not None and quote != texts[n]
                    else ""
                )
                + f"<ul>{rows}</ul></div>"
            )
        body.append("</div>")
        body.append(resolution_html(data, "", d))
        body.append("</section>")
    if data.stale:
        body.append("<h2>Stale resolutions</h2><ul>")
        body.extend(
            f"<li><code>{esc(r.id)}</code> "
            f"({', '.join(claim_link(data, '', c) for c in r.claims)}) resolves no conflict</li>"
            for r in data.stale
        )
        body.append("</ul>")
    return page(
        title="Conflicts", root="", current="conflicts.html", body=body, footer=footer(data)
    )
