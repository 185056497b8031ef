"""The HTML frame of every page of the static site: escaping, the page shell, the stylesheet.

Every string that comes from the dataset or a source passes through :func:`esc`
(or :func:`attr`) before it reaches a page, so a note holding ``<script>``
is shown as text.  Pages load one stylesheet, ``style.css``, by a relative
link, and nothing else: no script, no font, no network.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Final

__all__ = ["STYLE", "attr", "esc", "link", "page"]

SITE_NAME: Final = "carsi-claims"

#: The sections in the navigation bar: (path from the root, label).
_NAV: Final = (
    ("index.html", "Overview"),
    ("claims.html", "Claims"),
    ("conflicts.html", "Conflicts"),
    ("entities.html", "Entities"),
    ("lists.html", "Lists"),
)


def esc(text: object) -> str:
    """``text`` as HTML text (``&``, ``<``, ``>`` and quotes escaped)."""
    return html.escape(str(text), quote=True)


def attr(text: object) -> str:
    """``text`` as a double-quoted attribute value (quotes included)."""
    return f'"{html.escape(str(text), quote=True)}"'


def link(href: str, text: str, *, cls: str | None = None) -> str:
    """An ``<a>`` whose text is escaped; ``href`` is escaped too."""
    klass = f" class={attr(cls)}" if cls else ""
    return f"<a href={attr(href)}{klass}>{esc(text)}</a>"


def page(*, title: str, root: str, current: str | None, body: Iterable[str], footer: str) -> str:
    """A whole page: ``root`` is the way back to the site's root (``""`` or ``"../"``).

    ``title`` is plain text (escaped here); ``body`` and ``footer`` are HTML
    already escaped by the caller.  ``current`` is the navigation entry of
    this page, marked with ``aria-current``.
    """
    nav = "".join(
        f"<li><a href={attr(root + href)}"
        f"{' aria-current=' + attr('page') if href == current else ''}>{esc(label)}</a></li>"
        for href, label in _NAV
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)} · {SITE_NAME}</title>\n"
        f'<link rel="icon" href="data:,">\n'
        f'<link rel="stylesheet" href={attr(root + "style.css")}>\n'
        "</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to the content</a>\n'
        f'<header class="site"><p class="brand"><a href={attr(root + "index.html")}>'
        f"{SITE_NAME}</a>: claims about the Central America Regional Security Initiative</p>\n"
        f'<nav aria-label="Sections"><ul>{nav}</ul></nav></header>\n'
        f'<main id="main">\n<h1>{esc(title)}</h1>\n'
        + "".join(body)
        + f"</main>\n<footer>{footer}</footer>\n</body>\n</html>\n"
    )


#: The one stylesheet.  Colours keep a contrast of at least 4.5:1 for text
#: (WCAG AA); highlights differ by border and underline style too, not by
#: colour alone; the print rules drop the navigation and show link targets.
STYLE: Final = """\
:root { --ink: #1b1b1b; --muted: #4a4a4a; --paper: #ffffff; --accent: #0b4f8a;
  --q1: #fff1a8; --q2: #ffd97a; --q3: #ffc04d; --rule: #c8c8c8; --bad: #a4001d; }
* { box-sizing: border-box; }
html { color: var(--ink); background: var(--paper); }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  line-height: 1.5; margin: 0 auto; max-width: 72rem; padding: 0 1rem 2rem; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--ink); outline-offset: 1px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem; }
.skip:focus { left: 1rem; }
header.site { border-bottom: 1px solid var(--rule); padding: .5rem 0; }
.brand { margin: .25rem 0; font-weight: 600; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; padding: 0;
  margin: .25rem 0; }
nav a[aria-current="page"] { font-weight: 700; color: var(--ink); }
h1 { font-size: 1.6rem; line-height: 1.25; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.1rem; }
code, .id { font-family: ui-monospace, "Cascadia Mono", Consolas, monospace; font-size: .92em;
  overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--rule); padding: .3rem .5rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; }
td code { word-break: break-all; font-size: .85em; }
th { background: #f0f0f0; }
dl.fields { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .25rem 1rem; }
dl.fields dt { font-weight: 600; }
dl.fields dd { margin: 0; overflow-wrap: anywhere; }
.value { font-size: 1.4rem; font-weight: 600; }
.badge { display: inline-block; border: 1px solid currentColor; border-radius: .25rem;
  padding: 0 .3rem; font-size: .85em; }
.retracted { border: 2px solid var(--bad); padding: .5rem 1rem; }
.retracted strong { color: var(--bad); }
.muted { color: var(--muted); }
.source-text, .context { white-space: pre-wrap; overflow-wrap: anywhere;
  font-family: Georgia, "Times New Roman", serif; font-size: 1.05rem;
  border: 1px solid var(--rule); padding: 1rem; }
.source-text a.q, .context mark { color: var(--ink); text-decoration: none;
  background: var(--q1); border-bottom: 2px solid #8a6d00; }
.source-text a.q.d2 { background: var(--q2); }
.source-text a.q.d3 { background: var(--q3); }
.source-text a.q:hover, .source-text a.q:focus-visible { text-decoration: underline; }
.fig { text-decoration-line: underline; text-decoration-thickness: 2px;
  text-underline-offset: 3px; }
.fig-covered { text-decoration-color: #1d6b2c; text-decoration-style: solid; }
.fig-ignored { text-decoration-color: #4a4a4a; text-decoration-style: dashed; }
.fig-uncovered { text-decoration-color: var(--bad); text-decoration-style: wavy;
  outline: 1px dotted var(--bad); }
sup.also a { font-size: .75em; }
:target + a.q, :target + .fig { outline: 3px solid var(--accent); }
.variants { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
.variant { border: 1px solid var(--rule); padding: .5rem 1rem; }
mark.wd { background: #ffd0d6; color: var(--ink); font-weight: 600; }
pre.cite { white-space: pre-wrap; overflow-wrap: anywhere; background: #f5f5f5;
  border: 1px solid var(--rule); padding: .5rem; }
footer { border-top: 1px solid var(--rule); margin-top: 2rem; padding-top: .5rem;
  color: var(--muted); font-size: .9rem; }
@media print {
  header.site nav, .skip, .noprint { display: none; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: var(--ink); }
  main a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .85em; }
  .source-text, .context, .variant, pre.cite { border-color: #888; }
  .source-text a.q, .context mark, mark.wd { print-color-adjust: exact;
    -webkit-print-color-adjust: exact; }
  h2, h3 { break-after: avoid; }
  tr, .variant, pre.cite { break-inside: avoid; }
}
"""
