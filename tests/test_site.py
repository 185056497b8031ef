"""The static site: files, links, escaping, highlights and rebuilding, read without a browser.

The browser's view of the same pages is in ``test_site_browser.py``.
"""

from __future__ import annotations

import html.parser
import itertools
import re
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import carsi_claims
from _mini import MINI_SEEDS, MINI_YAML, cli, mutate
from carsi_claims._atomic import write_bytes
from carsi_claims.model import CoverageIgnore
from carsi_claims.output.highlight import Segment, segments
from carsi_claims.output.site import SiteError, build_site
from conftest import TmpDataset

CHANGED_NOTE = "A note changed by the test."


class _Page(html.parser.HTMLParser):
    """The links, ids, tags and text of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs_:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value is not None:
                self.hrefs.append((tag, value))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(carsi_claims.load(), out)
    return out


def _counting(calls: list[Path]) -> Callable[[Path, bytes], None]:
    def write(path: Path, data: bytes) -> None:
        calls.append(path)
        write_bytes(path, data)

    return write


# -- segments ---------------------------------------------------------------------------


def test_segments_nested_and_crossing() -> None:
    """Nested and crossing spans cut the text into flat pieces, each naming its spans."""
    assert segments(10, [(0, 6), (2, 4), (3, 8)]) == [
        Segment(0, 2, (0,)),
        Segment(2, 3, (0, 1)),
        Segment(3, 4, (0, 1, 2)),
        Segment(4, 6, (0, 2)),
        Segment(6, 8, (2,)),
        Segment(8, 10, ()),
    ]


def test_segments_identical_and_empty_spans() -> None:
    """Two spans over the same text share every piece; empty and outside spans are left out."""
    assert segments(5, [(1, 3), (1, 3), (2, 2), (7, 9)]) == [
        Segment(0, 1, ()),
        Segment(1, 3, (0, 1)),
        Segment(3, 5, ()),
    ]
    assert segments(0, []) == []


@given(
    st.integers(0, 40).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted), max_size=8),
        )
    )
)
def test_segments_spell_every_span(case: tuple[int, list[list[int]]]) -> None:
    """The pieces cover the text once, in order, and the pieces naming a span are exactly it."""
    length, raw = case
    spans = [(a, b) for a, b in raw]
    cut = segments(length, spans)
    assert [s.start for s in cut[1:]] == [s.end for s in cut[:-1]]
    assert (cut[0].start, cut[-1].end) == (0, length) if cut else length == 0
    for index, (start, end) in enumerate(spans):
        covered = [(s.start, s.end) for s in cut if index in s.spans]
        if start == end:
            assert covered == []
        else:
            assert (covered[0][0], covered[-1][1]) == (start, end)
            assert all(a[1] == b[0] for a, b in itertools.pairwise(covered))


# -- the shipped site ----------------------------------------------------------------------


def test_every_page_of_the_shipped_dataset_is_there(shipped_site: Path) -> None:
    """An overview page, a page per source, per claim (with its JSON) and per entity."""
    ds = carsi_claims.load()
    for name in ("index.html", "claims.html", "conflicts.html", "entities.html", "lists.html"):
        assert (shipped_site / name).is_file()
    for s in ds.sources:
        assert (shipped_site / "sources" / f"{s.id}.html").is_file()
    for e in ds.entities:
        assert (shipped_site / "entities" / f"{e.id}.html").is_file()
    for c in ds.claims:
        assert (shipped_site / "claims" / f"{c.id}.html").is_file()
        assert (shipped_site / "claims" / f"{c.id}.json").is_file()


def test_every_link_resolves_and_nothing_is_loaded_from_elsewhere(shipped_site: Path) -> None:
    """Relative links reach a file of the site (and the anchor on it); no script, no remote load."""
    pages = {p: _parse(p) for p in shipped_site.rglob("*.html")}
    checked = 0
    for path, page in pages.items():
        assert "script" not in page.tags, path
        for tag, url in page.hrefs:
            if tag == "a" and re.match(r"https?://", url):
                continue  # a source's own address: a link out, nothing loaded
            assert not re.match(r"[a-z]+:", url) or url == "data:,", (path, url)
            if url == "data:,":
                continue
            target, _, anchor = url.partition("#")
            file = (path.parent / target).resolve() if target else path
            assert file.is_file(), (path, url)
            if anchor:
                assert anchor in pages[file].ids, (path, url)
            checked += 1
    assert checked > 1000
    css = (shipped_site / "style.css").read_text(encoding="utf-8")
    assert "url(" not in css
    assert "@import" not in css


def test_claim_page_shows_value_quote_context_citation(shipped_site: Path) -> None:
    """A claim's page says its value as written, its quote in context, and how to cite it."""
    page = (shipped_site / "claims" / "carsi.assistance-committed.260m.html").read_text("utf-8")
    assert '<p class="value">$260 million</p>' in page
    assert "Fiscal Years 2008-2010" in page
    assert (
        '<p class="context">U.S. Assistance – Meeting the Threat – Building Capacity\n'
        "<mark>The $260 million in U.S. CARSI assistance committed to date (Fiscal Years "
        "2008-2010) seeks to support the following programming in Central America:</mark></p>"
    ) in page
    assert "sources/fs-2011-03-14-citizen-safety.html#q-carsi.assistance-committed.260m-0" in page
    assert "@misc{carsi.assistance-committed.260m," in page
    assert "carsi:carsi.assistance-committed.260m" in page
    assert 'href="carsi.assistance-committed.260m.json"' in page


def test_claim_json_is_the_record(shipped_site: Path) -> None:
    """``claims/<id>.json`` holds the claim as the JSON export has it."""
    import json

    from carsi_claims.output.interchange import SCHEMA_VERSION, to_interchange

    ds = carsi_claims.load()
    exported = {c["id"]: c for c in to_interchange(ds)["claims"]}
    for claim in ds.claims:
        data = json.loads((shipped_site / "claims" / f"{claim.id}.json").read_text("utf-8"))
        assert data == {"schema_version": SCHEMA_VERSION, "claim": exported[claim.id]}


def test_source_page_highlights_every_quote_exactly(shipped_site: Path) -> None:
    """On a source page, the pieces marked with a quote's anchor spell exactly that quote."""
    ds = carsi_claims.load()
    for source in ds.sources:
        html_text = (shipped_site / "sources" / f"{source.id}.html").read_text("utf-8")
        pieces = re.findall(
            r'<a class="q d\d" href="[^"]*" data-q="([^"]*)"[^>]*>(.*?)</a>', html_text, re.S
        )
        by_key: dict[str, list[str]] = {}
        for keys, inner in pieces:
            text = re.sub(r"<[^>]+>", "", inner)
            for key in keys.split():
                by_key.setdefault(key, []).append(text)
        expected = {
            f"q-{c.id}-{i}": p.quote
            for c in ds.claims
            for i, p in enumerate(c.provenance)
            if p.source == source.id
        }
        import html as html_lib

        assert {k: html_lib.unescape("".join(v)) for k, v in by_key.items()} == expected


def test_retracted_claim_page_points_to_its_successor(
    tmp_dataset: TmpDataset, tmp_path: Path
) -> None:
    """A retracted claim keeps its page; the page says so and links the claim superseding it."""
    retract = "  - id: carsi.goals\n    status: retracted\n    reason: counted twice\n"
    paths = tmp_dataset(
        mutate("  - id: carsi.goals\n", retract + "    superseded_by: carsi.share\n"), MINI_SEEDS
    )
    build_site(carsi_claims.load(paths.claims), tmp_path / "out")
    page = _parse(tmp_path / "out" / "claims" / "carsi.goals.html")
    text = " ".join("".join(page.text).split())
    assert "This claim is retracted: counted twice. It is superseded by carsi.share." in text
    assert ("a", "../claims/carsi.share.html") in page.hrefs


def test_index_lists_sources_with_not_stated(shipped_site: Path) -> None:
    """The overview names each source's publisher and date, or says they are not stated."""
    page = _parse(shipped_site / "index.html")
    text = "".join(page.text)
    ds = carsi_claims.load()
    for source in ds.sources:
        assert source.title in text
        assert source.sha256 in text
    assert "not stated" in text
    assert "U.S. Department of State" in text


def test_figures_are_marked_covered_ignored_or_uncovered(
    tmp_dataset: TmpDataset, tmp_path: Path
) -> None:
    """Each figure coverage finds is underlined by its status, and listed with it."""
    ds = carsi_claims.load(tmp_dataset(MINI_YAML, MINI_SEEDS).claims)
    kept = tuple(c for c in ds.claims if c.id not in ("carsi.goals", "carsi.share"))
    ignore = CoverageIgnore("src-a", "Up to 95% of it", "a share, not a claim here")
    build_site(attrs.evolve(ds, claims=kept, coverage_ignores=(ignore,)), tmp_path)
    page = (tmp_path / "sources" / "src-a.html").read_text("utf-8")
    marks = {
        text: status
        for status, text in re.findall(
            r'<span class="fig fig-(\w+)" title="[^"]*">([^<]*)</span>', page
        )
    }
    assert marks["Five Goals"] == "uncovered"
    assert marks["Up to 95%"] == "ignored"
    assert marks["$260 million"] == "covered"
    text = " ".join(" ".join(_parse(tmp_path / "sources" / "src-a.html").text).split())
    assert "Five Goals count 3:29 uncovered" in text
    assert "Up to 95% percentage 3:1 ignored: a share, not a claim here" in text


def test_a_quote_off_its_offsets_is_not_highlighted(
    tmp_dataset: TmpDataset, tmp_path: Path
) -> None:
    """A quote that does not stand at its offsets is never shown as if it did."""
    ds = carsi_claims.load(tmp_dataset(MINI_YAML, MINI_SEEDS).claims)
    off = tuple(
        attrs.evolve(
            c, provenance=(attrs.evolve(c.provenance[0], start=c.provenance[0].start + 1),)
        )
        if c.id == "carsi.funding"
        else c
        for c in ds.claims
    )
    build_site(attrs.evolve(ds, claims=off), tmp_path)
    source = (tmp_path / "sources" / "src-a.html").read_text("utf-8")
    assert "q-carsi.funding-0" not in source
    claim = " ".join(" ".join(_parse(tmp_path / "claims" / "carsi.funding.html").text).split())
    assert "Not verified: the quote does not stand at characters 48–59 of the source text" in claim


# -- rebuilding ----------------------------------------------------------------------


def test_rebuild_writes_only_what_changed(tmp_path: Path) -> None:
    """A second build writes nothing; a changed note rewrites that claim's page and JSON only."""
    ds = carsi_claims.load()
    calls: list[Path] = []
    first = build_site(ds, tmp_path, write=_counting(calls))
    assert len(calls) == first.files == len(first.written)
    calls.clear()
    again = build_site(ds, tmp_path, write=_counting(calls))
    assert calls == []
    assert (again.written, again.unchanged) == ((), first.files)

    target = ds.claims[3]
    claims = tuple(attrs.evolve(c, note=CHANGED_NOTE) if c is target else c for c in ds.claims)
    changed = attrs.evolve(ds, claims=claims)
    third = build_site(changed, tmp_path, write=_counting(calls))
    assert sorted(third.written) == [f"claims/{target.id}.html", f"claims/{target.id}.json"]
    assert sorted(calls) == sorted(tmp_path / p for p in third.written)
    assert CHANGED_NOTE in (tmp_path / "claims" / f"{target.id}.html").read_text("utf-8")


def test_a_file_no_longer_produced_is_kept(tmp_path: Path) -> None:
    """Building never deletes: a page once published stays in the folder."""
    kept = tmp_path / "claims" / "an.old.claim.html"
    kept.parent.mkdir()
    kept.write_text("published earlier", encoding="utf-8")
    build_site(carsi_claims.load(), tmp_path)
    assert kept.read_text(encoding="utf-8") == "published earlier"


# -- escaping and bad input -------------------------------------------------------------


NOTE_WITH_SCRIPT = "<script>alert('x')</script> & \"quoted\""


def test_everything_from_the_dataset_is_escaped(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """A note holding <script> and a title holding markup render as text, never as markup."""
    note = NOTE_WITH_SCRIPT.replace("'", "''")  # a YAML single-quoted scalar
    text = mutate("  - id: carsi.funding\n", f"  - id: carsi.funding\n    note: '{note}'\n")
    text = mutate("title: A shared partnership", 'title: "<i>A</i> shared partnership"', text)
    paths = tmp_dataset(text, MINI_SEEDS)
    out = tmp_path / "out"
    build_site(carsi_claims.load(paths.claims), out)
    for page in out.rglob("*.html"):
        raw = page.read_text("utf-8")
        assert "<script" not in raw, page
        assert "<i>A</i>" not in raw, page
    claim = _parse(out / "claims" / "carsi.funding.html")
    assert NOTE_WITH_SCRIPT in "".join(claim.text)
    assert "script" not in claim.tags
    assert "<i>A</i> shared partnership" in "".join(_parse(out / "index.html").text)


def test_malformed_id_is_refused(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """An id that cannot name a page (here it would leave the folder) stops the build."""
    paths = tmp_dataset(mutate("id: carsi.goals", "id: ../../escape"), MINI_SEEDS)
    with pytest.raises(SiteError) as info:
        build_site(carsi_claims.load(paths.claims), tmp_path / "out")
    assert str(info.value) == (
        "cannot publish the dataset: each page is named by an id, and claim id "
        "'../../escape' is not well formed (run carsi-claims validate)"
    )
    assert not (tmp_path / "escape.html").exists()
    code, out, err = cli("site", str(tmp_path / "out"), str(paths.claims))
    assert (code, out) == (2, "")
    assert err == f"carsi-claims site: {info.value}\n"


def test_cli_builds_and_reports(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """``carsi-claims site OUT CLAIMS_FILE`` says how many files it wrote, then none changed."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    out = tmp_path / "out"
    code, stdout, err = cli("site", str(out), str(paths.claims))
    files = len(list(out.rglob("*.*")))
    assert (code, stdout, err) == (0, f"{out}: {files} files, {files} written, 0 unchanged\n", "")
    code, stdout, err = cli("site", str(out), str(paths.claims))
    assert (code, stdout, err) == (0, f"{out}: {files} files, 0 written, {files} unchanged\n", "")


def test_cli_out_is_a_file(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """An OUT that is a file, not a folder, is bad usage: exit 2 and a message, no traceback."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    out = tmp_path / "taken"
    out.write_text("a file", encoding="utf-8")
    code, stdout, err = cli("site", str(out), str(paths.claims))
    assert (code, stdout) == (2, "")
    assert err == f"carsi-claims site: cannot write {out}: File exists\n"


def test_bibtex_escapes_what_bibtex_reads_as_markup(
    tmp_dataset: TmpDataset, tmp_path: Path
) -> None:
    """The BibTeX citation writes $, %, & and braces so that BibTeX prints them as they are."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    build_site(carsi_claims.load(paths.claims), tmp_path)
    page = _parse(tmp_path / "claims" / "carsi.funding.html")
    text = "".join(page.text)
    entry = text[text.index("@misc{carsi.funding,") :]
    assert entry[: entry.index("\n}\n") + 3] == (
        "@misc{carsi.funding,\n"
        "  title = {A shared partnership},\n"
        "  organization = {publisher not stated in the source},\n"
        "  year = {2011},\n"
        "  date = {2011-03-14},\n"
        "  note = {Claim carsi:carsi.funding, quoting: “\\$260 million”}\n"
        "}\n"
    )


@attrs.frozen
class _Stated:
    value: str
    stated: bool
    basis: str | None = None


@attrs.frozen
class _Qualifiers:
    as_of: _Stated | None = None
    scope: _Stated | None = None
    cumulative: bool | None = None


def test_fields_render_generically_with_stated_or_inferred_marked() -> None:
    """Any record's set fields are listed; one with a ``stated`` flag says stated or inferred."""
    from carsi_claims.output.site_data import gather
    from carsi_claims.output.site_parts import fields

    data = gather(carsi_claims.load())
    record = _Qualifiers(
        as_of=_Stated("2011-03-14", stated=True),
        scope=_Stated("U.S. <assistance>", stated=False, basis="the headline"),
    )
    assert fields(data, "../", record) == (
        '<dl class="fields"><dt>as of</dt><dd><span class="badge">stated by the source</span> '
        '<dl class="fields"><dt>value</dt><dd>2011-03-14</dd></dl></dd>'
        '<dt>scope</dt><dd><span class="badge">inferred</span> <dl class="fields">'
        "<dt>value</dt><dd>U.S. &lt;assistance&gt;</dd><dt>basis</dt><dd>the headline</dd></dl>"
        "</dd></dl>"
    )


@attrs.frozen
class _Inference:
    qualifier: str
    basis: str
    note: str | None = None


@attrs.frozen
class _RecordedQualifiers:
    as_of: str | None = None
    scope: str | None = None
    cumulative: bool | None = None
    inferred: tuple[_Inference, ...] = ()

    def inference(self, name: str) -> _Inference | None:
        return next((i for i in self.inferred if i.qualifier == name), None)


def test_qualifiers_say_stated_or_inferred_and_from_what() -> None:
    """Where qualifiers record their inferences, each says stated, or inferred with its basis."""
    from carsi_claims.output.site_data import gather
    from carsi_claims.output.site_parts import qualifiers_html

    data = gather(carsi_claims.load())
    record = _RecordedQualifiers(
        as_of="2011-03-14",
        cumulative=True,
        inferred=(_Inference("as_of", "dateline", "“to date” read as <the> dateline"),),
    )
    assert qualifiers_html(data, "../", record) == (
        '<dl class="fields"><dt>as of</dt><dd>2011-03-14 <span class="badge">inferred</span> '
        '<dl class="fields"><dt>basis</dt><dd>dateline</dd><dt>note</dt>'
        "<dd>“to date” read as &lt;the&gt; dateline</dd></dl></dd>"
        '<dt>cumulative</dt><dd>yes <span class="badge">stated by the source</span></dd></dl>'
    )


def _statement(claim_id: str, text: str, quote: str) -> str:
    start = MINI_SEEDS["a.txt"].index(quote)
    return (
        f"  - id: {claim_id}\n    kind: statement\n    subject: carsi\n    property: nature\n"
        f'    value: {{text: "{text}"}}\n    provenance:\n      - source: src-a\n'
        f'        quote: "{quote}"\n        start: {start}\n        end: {start + len(quote)}\n'
    )


def test_conflicts_side_by_side_with_the_differing_words_marked(
    tmp_dataset: TmpDataset, tmp_path: Path
) -> None:
    """A wording conflict shows each variant with the runs of words the other lacks marked."""
    text = (
        MINI_YAML
        + _statement(
            "carsi.nature-a", "CARSI is a shared partnership", "CARSI: a shared partnership"
        )
        + _statement("carsi.nature-b", "CARSI is a partnership of nations", "CARSI has received")
    )
    build_site(carsi_claims.load(tmp_dataset(text, MINI_SEEDS).claims), tmp_path)
    page = (tmp_path / "conflicts.html").read_text("utf-8")
    assert (
        '<div class="variants"><div class="variant"><h3>Variant 1</h3><p class="value">CARSI is '
        'a <mark class="wd">shared</mark> partnership</p><p>Quote: “<mark class="wd">CARSI: a '
        "shared partnership</mark>”</p>"
    ) in page
    assert (
        '<div class="variant"><h3>Variant 2</h3><p class="value">CARSI is a partnership '
        '<mark class="wd">of nations</mark></p><p>Quote: “<mark class="wd">CARSI has '
        "received</mark>”</p>"
    ) in page
    assert "<strong>unresolved</strong>" in page


def test_a_corrected_claim_lists_its_corrections(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """A claim corrected in place says why, with its meaning fingerprints before and after."""
    from carsi_claims.model import Correction

    ds = carsi_claims.load(tmp_dataset(MINI_YAML, MINI_SEEDS).claims)
    fix = Correction("carsi.funding", "m1:aa", "m1:bb", "the quote's <typo> is fixed")
    build_site(attrs.evolve(ds, corrections=(fix,)), tmp_path)
    page = (tmp_path / "claims" / "carsi.funding.html").read_text("utf-8")
    assert (
        "<ul><li>the quote&#x27;s &lt;typo&gt; is fixed (<code>m1:aa</code> → "
        "<code>m1:bb</code>)</li></ul>"
    ) in page
    assert "<h2>Corrections" not in (tmp_path / "claims" / "carsi.share.html").read_text("utf-8")
