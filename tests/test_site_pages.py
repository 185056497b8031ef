"""The overview pages (index, lists, conflicts, an entity's page) on cases the pinned site lacks."""

from __future__ import annotations

from pathlib import Path

import attrs

from _site_rich import SEEDS, rich_dataset
from carsi_claims.dataset import Dataset
from carsi_claims.model import Claim, ClaimKind, Entity, ListItem, Provenance, Statement
from carsi_claims.output.site_data import SiteData, gather
from carsi_claims.output.site_pages import conflicts_html, entity_html, index_html, lists_html


def _dataset(tmp_path: Path) -> Dataset:
    for name, text in SEEDS.items():
        (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    return rich_dataset(tmp_path)


def _main(page: str) -> str:
    """The page's content, between the navigation and the footer."""
    return page.split('<main id="main">\n', 1)[1].split("</main>", 1)[0]


def _conflict(page: str, number: int) -> str:
    """The section of conflict ``number`` on the conflicts page."""
    return page.split(f"Conflict {number}, ", 1)[1].split("</section>", 1)[0]


def test_the_index_without_a_claims_file_gives_only_the_version(tmp_path: Path) -> None:
    """No claims file read: the version sentence names no sha256."""
    data = gather(_dataset(tmp_path))
    assert f"<p>Dataset version: carsi-claims {data.version}.</p><h2>Sources</h2>" in (
        index_html(data)
    )


def test_a_list_is_given_by_ordinal_then_claim_id_under_each_source(tmp_path: Path) -> None:
    """Items of one ordinal are ordered by claim id; a source title is cut past 90 characters;
    a source not in the dataset is named by its id, with no link (it has no page)."""
    dataset = _dataset(tmp_path)
    title = "A list of goals that one source gives, with a title that runs to " + (
        "ninety-one characters: yes"
    )
    assert len(title) == 91
    words = Provenance("src-c", "Words only", 0, 10)
    items = (
        Claim(
            "carsi.goal-z",
            ClaimKind.LIST_ITEM,
            "carsi",
            "goal",
            ListItem("goals", 3, "Z"),
            (words,),
        ),
        Claim(
            "carsi.goal-y",
            ClaimKind.LIST_ITEM,
            "carsi",
            "goal",
            ListItem("goals", 3, "Y"),
            (words,),
        ),
        Claim(
            "carsi.goal-x",
            ClaimKind.LIST_ITEM,
            "carsi",
            "goal",
            ListItem("goals", 1, "X"),
            (Provenance("src-nowhere", "X", 0, 1),),
        ),
    )
    dataset = attrs.evolve(
        dataset,
        sources=tuple(
            attrs.evolve(s, title=title) if s.id == "src-c" else s for s in dataset.sources
        ),
        claims=(*dataset.claims, *items),
    )
    page = _main(lists_html(gather(dataset)))
    assert page.endswith(
        '<h3>As <a href="sources/src-c.html">A list of goals that one source gives, with a title '
        "that runs to ninety-one characters: y…</a> gives it</h3><ol>"
        '<li value="3">Y (<a href="claims/carsi.goal-y.html" class="id">carsi.goal-y</a>)</li>'
        '<li value="3">Z (<a href="claims/carsi.goal-z.html" class="id">carsi.goal-z</a>)</li>'
        "</ol><h3>As src-nowhere gives it</h3><ol>"
        '<li value="1">X (<a href="claims/carsi.goal-x.html" class="id">carsi.goal-x</a>)</li></ol>'
    )
    assert "sources/src-nowhere.html" not in page


def test_a_conflict_variant_lists_each_claim_with_each_of_its_sources(tmp_path: Path) -> None:
    """A variant given by two claims lists both; a claim quoting two sources names both, a title
    cut past 60 characters, a source not in the dataset by its id (no link)."""
    dataset = _dataset(tmp_path)
    title = "A source of words only, with a title of sixty-one characters."
    assert len(title) == 61
    same = Claim(
        "carsi.nature-c",
        ClaimKind.STATEMENT,
        "carsi",
        "nature",
        Statement("CARSI is a partnership of nations"),
        (Provenance("src-c", "Words only", 0, 10), Provenance("src-nowhere", "CARSI", 0, 5)),
    )
    dataset = attrs.evolve(
        dataset,
        sources=tuple(
            attrs.evolve(s, title=title) if s.id == "src-c" else s for s in dataset.sources
        ),
        claims=(*dataset.claims, same),
    )
    section = _conflict(conflicts_html(gather(dataset)), 4)
    assert section.split('<div class="variant"><h3>Variant 2</h3>', 1)[1].split("</div>")[0] == (
        '<p class="value">CARSI is a partnership <mark class="wd">of nations</mark></p>'
        '<p>Quote: “<mark class="wd">Central America Regional Security Initiative</mark>”</p>'
        '<ul><li><a href="claims/carsi.nature-b.html" class="id">carsi.nature-b</a>, in '
        '<a href="sources/src-b.html">Budget &lt;notes&gt; &amp; more</a></li>'
        '<li><a href="claims/carsi.nature-c.html" class="id">carsi.nature-c</a>, in '
        '<a href="sources/src-c.html">A source of words only, with a title of sixty-one '
        "character…</a>, src-nowhere</li></ul>"
    )


def _nature(data: SiteData) -> SiteData:
    """``data`` with only the wording conflict between carsi.nature-a and carsi.nature-b."""
    (nature,) = (d for d in data.conflicts if d.claims == ("carsi.nature-a", "carsi.nature-b"))
    return attrs.evolve(data, conflicts=[nature])


def test_a_conflict_with_one_variant_left_in_the_dataset_marks_no_word(tmp_path: Path) -> None:
    """A variant whose claims are not in the dataset is left out; the one left is compared with
    itself, so no word of it is marked."""
    dataset = _dataset(tmp_path)
    data = _nature(gather(dataset))
    fewer = attrs.evolve(
        dataset, claims=tuple(c for c in dataset.claims if c.id != "carsi.nature-b")
    )
    section = _conflict(conflicts_html(attrs.evolve(data, dataset=fewer)), 1)
    assert section.split('<div class="variants">', 1)[1] == (
        '<div class="variant"><h3>Variant 1</h3><p class="value">CARSI is a shared partnership</p>'
        "<p>as of 2011</p><p>Quote: “CARSI: a shared partnership”</p><ul><li>"
        '<a href="claims/carsi.nature-a.html" class="id">carsi.nature-a</a>, in '
        '<a href="sources/src-a.html">A shared partnership</a></li></ul></div></div>'
        "<p>No resolution accounts for it (severity error).</p>"
    )


def test_a_conflict_without_a_question_is_headed_by_its_code_alone(tmp_path: Path) -> None:
    data = _nature(gather(_dataset(tmp_path)))
    unasked = attrs.evolve(data, conflicts=[attrs.evolve(data.conflicts[0], question="")])
    key = data.conflicts[0].key
    assert f'<h2 id="{key}">Conflict 1, conflict.wording</h2>' in conflicts_html(unasked)


def test_a_conflict_whose_claim_has_no_quote_is_still_shown(tmp_path: Path) -> None:
    """A claim with no provenance (a broken record) gives its variant no quote to compare."""
    dataset = _dataset(tmp_path)
    broken = attrs.evolve(
        dataset,
        claims=tuple(
            attrs.evolve(c, provenance=()) if c.id == "carsi.nature-a" else c
            for c in dataset.claims
        ),
    )
    section = _conflict(conflicts_html(gather(broken)), 4)
    assert (
        '<h3>Variant 1</h3><p class="value">CARSI is a <mark class="wd">shared</mark> '
        "partnership</p>"
    ) in section
    first = section.split("<h3>Variant 2</h3>")[0]
    # No empty quote, no "in" with nothing after it: the claim is said to have no source.
    assert "Quote:" not in first
    assert ">carsi.nature-a</a>, in no source (no quote recorded)</li></ul>" in first


def test_words_shared_with_a_long_variant_are_not_marked(tmp_path: Path) -> None:
    """The words are compared with no heuristic: a word frequent in a variant of 200 words or
    more still matches (difflib's autojunk would treat it as junk and mark it)."""
    data = _nature(gather(_dataset(tmp_path)))
    first, second = data.conflicts[0].variants
    variants = (
        attrs.evolve(first, says="CARSI the"),
        attrs.evolve(second, says="the " * 200 + "end"),
    )
    long = attrs.evolve(data, conflicts=[attrs.evolve(data.conflicts[0], variants=variants)])
    assert '<h3>Variant 1</h3><p class="value"><mark class="wd">CARSI</mark> the</p>' in (
        conflicts_html(long)
    )


def test_an_entitys_fields_link_the_ids_they_name_from_the_entities_folder(
    tmp_path: Path,
) -> None:
    """An entity page lies one folder down: a field naming a claim links to ``../claims/``."""
    dataset = _dataset(tmp_path)
    office = Entity("office", "An office", note="carsi.funding")
    data = gather(attrs.evolve(dataset, entities=(*dataset.entities, office)))
    assert _main(entity_html(data, office)) == (
        '<h1>An office</h1>\n<dl class="fields"><dt>id</dt><dd><code>office</code></dd>'
        '<dt>note</dt><dd><a href="../claims/carsi.funding.html" class="id">carsi.funding</a>'
        "</dd></dl><h2>Claims about or naming An office (0)</h2><p>None.</p>"
    )
