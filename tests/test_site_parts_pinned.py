"""The site's shared fragments and its gathering step at their edges: what the pages of
``test_site_pinned.py`` do not reach (limits, records with nothing set, refused ids)."""

from __future__ import annotations

import enum
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from _site_rich import rich_dataset
from carsi_claims.model import (
    Bound,
    Count,
    DateValue,
    Entity,
    ListItem,
    Money,
    PartialDate,
    Percentage,
    Quotation,
    Statement,
    Value,
)
from carsi_claims.output.site import SiteError, build_site
from carsi_claims.output.site_data import gather, says
from carsi_claims.output.site_parts import fields, footer, mention_status, qualifiers_html, short


class _Level(enum.Enum):
    HIGH = 3


@attrs.frozen
class _Empty:
    note: str | None = None
    items: tuple[str, ...] = ()


def test_short_keeps_160_characters_and_cuts_161_with_an_ellipsis() -> None:
    """Text up to the limit is kept (white space folded); longer text ends in one "…"."""
    assert short("x" * 160) == "x" * 160
    assert short("x" * 161) == "x" * 159 + "…"
    assert short("  a \n b  ") == "a b"
    assert short("abcdef", 5) == "abcd…"
    assert short("abcde", 5) == "abcde"


def test_fields_of_a_plain_value_and_of_a_record_with_nothing_set(tmp_path: Path) -> None:
    """A value that is no record is written as escaped text; a record with no field set says
    "none"."""
    data = gather(rich_dataset(tmp_path))
    assert fields(data, "../", "a <b> & c") == "a &lt;b&gt; &amp; c"
    assert fields(data, "../", True) == "yes"
    assert fields(data, "../", _Level.HIGH) == "3"
    assert fields(data, "../", _Empty()) == '<p class="muted">none</p>'
    assert fields(data, "../", _Empty(note="n"), skip=("note",)) == '<p class="muted">none</p>'


def test_footer_names_the_claims_file_sha256_only_when_it_could_be_read(tmp_path: Path) -> None:
    """The footer gives the version and, when the claims file was read, its sha256."""
    claims = tmp_path / "claims.yaml"
    claims.write_bytes(b"abc")
    dataset = rich_dataset(tmp_path)
    data = gather(dataset, claims)
    sha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert data.claims_sha256 == sha
    assert footer(data) == (
        f"<p>Built by carsi-claims {data.version}, claims file sha256 <code>{sha}</code>. "
        "Every highlight stands at the recorded offsets of a source pinned by its sha256.</p>"
    )
    assert gather(attrs.evolve(dataset, file=str(claims))).claims_sha256 == sha
    assert gather(attrs.evolve(dataset, file=str(claims)), tmp_path / "none").claims_sha256 is None
    unread = gather(dataset, tmp_path)  # a folder: cannot be read as a file
    assert unread.claims_sha256 is None
    assert footer(unread) == (
        f"<p>Built by carsi-claims {data.version}. Every highlight stands at the recorded "
        "offsets of a source pinned by its sha256.</p>"
    )


def test_ids_that_cannot_name_pages_are_all_named(tmp_path: Path) -> None:
    """Malformed and repeated ids of sources, entities and claims are listed in file order."""
    dataset = rich_dataset(tmp_path)
    bad_source = attrs.evolve(dataset.sources[0], id="Bad Source")
    twin_entity = Entity("carsi", "Another CARSI")
    twin_claim = attrs.evolve(dataset.claims[1], id=dataset.claims[0].id)
    broken = attrs.evolve(
        dataset,
        sources=(bad_source, *dataset.sources[1:], dataset.sources[1]),
        entities=(*dataset.entities, twin_entity, attrs.evolve(twin_entity, id="a/b")),
        claims=(*dataset.claims, twin_claim),
    )
    with pytest.raises(SiteError) as info:
        build_site(broken, tmp_path / "out")
    assert str(info.value) == (
        "cannot publish the dataset: each page is named by an id, and "
        "source id 'Bad Source' is not well formed; source id 'src-b' is not unique; "
        "entity id 'carsi' is not unique; entity id 'a/b' is not well formed; "
        "claim id 'carsi.funding' is not unique (run carsi-claims validate)"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (
            Money(Decimal("3000000.5"), "GTQ", Bound.AT_LEAST, tolerance=Decimal(1)),
            "at least GTQ 3,000,000.5 (± 1)",
        ),
        (Money(Decimal(3000000), "GTQ", Bound.APPROXIMATELY), "approximately GTQ 3,000,000"),
        (Money(Decimal(3000000), "GTQ"), "GTQ 3,000,000"),
        (Money(Decimal(5), tolerance=Decimal("0.5")), "$5 (± 0.5)"),
        (Percentage(Decimal(5), tolerance=Decimal(1)), "5% (± 1)"),
        (Count(3, tolerance=1), "3 (± 1)"),
        (Count(3, bound=Bound.UP_TO), "up to 3"),
        (
            DateValue(PartialDate(999)),
            "DateValue(date=PartialDate(year=999, month=None, day=None))",
        ),
        (ListItem("l", 1, "the item"), "the item"),
        (Quotation("the words", "s"), "the words"),
        (Statement("the text"), "the text"),
    ],
)
def test_says_writes_a_value_as_a_person_would(value: Value, said: str) -> None:
    """A figure as written ("$5", "up to 3"), its tolerance after it; a currency without a
    sign by its code with the amount in full; a value no figure can write, as its record."""
    assert says(value) == said


@attrs.frozen
class _Read:
    value: str
    inferred: bool


@attrs.frozen
class _Holder:
    first: _Read
    second: _Read | None = None


def test_a_record_with_an_inferred_flag_is_marked_inferred_or_stated(tmp_path: Path) -> None:
    """A nested record flagged ``inferred`` (and no ``stated``) is marked "inferred" when the
    flag is true and "stated by the source" when it is false; the flag itself is not listed."""
    data = gather(rich_dataset(tmp_path))
    record = _Holder(_Read("a", inferred=True), _Read("b", inferred=False))
    assert fields(data, "", record) == (
        '<dl class="fields"><dt>first</dt><dd><span class="badge">inferred</span> '
        '<dl class="fields"><dt>value</dt><dd>a</dd></dl></dd>'
        '<dt>second</dt><dd><span class="badge">stated by the source</span> '
        '<dl class="fields"><dt>value</dt><dd>b</dd></dl></dd></dl>'
    )


@attrs.frozen
class _PlainQualifiers:
    scope: str | None = None
    cumulative: bool | None = None


@attrs.frozen
class _Inferring:
    scope: str | None = None
    inferred: tuple[str, ...] = ()

    def inference(self, name: str) -> None:
        return None


def test_qualifiers_without_inferences_are_listed_as_fields_with_links(tmp_path: Path) -> None:
    """Qualifiers that record no inferences are listed like any record; an entity named in
    one links to its page from the page's root, with or without inferences."""
    data = gather(rich_dataset(tmp_path))
    plain = _PlainQualifiers(scope="carsi", cumulative=False)
    assert qualifiers_html(data, "../", plain) == (
        '<dl class="fields"><dt>scope</dt><dd><a href="../entities/carsi.html">Central America '
        "Regional Security Initiative</a></dd><dt>cumulative</dt><dd>no</dd></dl>"
    )
    assert qualifiers_html(data, "../", _Inferring(scope="carsi")) == (
        '<dl class="fields"><dt>scope</dt><dd><a href="../entities/carsi.html">Central America '
        'Regional Security Initiative</a> <span class="badge">stated by the source</span></dd>'
        "</dl>"
    )
    assert qualifiers_html(data, "", _Inferring()) == '<p class="muted">none</p>'


def test_a_mention_is_covered_ignored_or_else_uncovered() -> None:
    """The status of anything shaped like a mention; without those fields it is uncovered."""

    @attrs.frozen
    class _Mention:
        covered_by: str | None = None
        ignored_by: int | None = None

    assert mention_status(_Mention(covered_by="c")) == "covered"
    assert mention_status(_Mention(covered_by="c", ignored_by=0)) == "covered"
    assert mention_status(_Mention(ignored_by=0)) == "ignored"
    assert mention_status(_Mention()) == "uncovered"
    assert mention_status(object()) == "uncovered"
