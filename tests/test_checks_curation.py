"""Curation checks: the machine-checkable rules of docs/curation.md, each at its place."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import SupportsIndex

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _mini import MINI_SEEDS, MINI_YAML, SEED_NAME, DatasetPaths, mutate, where
from carsi_claims import load, validate
from carsi_claims.checks.curation import (
    NameIndex,
    entity_names,
    named_entities,
    stated_precision,
)
from carsi_claims.model import Entity

TmpDataset = Callable[..., DatasetPaths]
Found = tuple[str, str, int, int, str | None, str]


def findings(paths: DatasetPaths, prefix: str = "") -> list[Found]:
    """(code, severity, line, column, claim, message) of each finding whose code starts so."""
    report = validate(load(paths.claims, strict=False))
    out: list[Found] = []
    for f in report.findings:
        if f.code.startswith(prefix):
            assert f.location is not None, f
            out.append(
                (f.code, f.severity.value, f.location.line, f.location.column, f.claim, f.message)
            )
    return out


def test_the_mini_dataset_follows_the_guide(tmp_dataset: TmpDataset) -> None:
    """The mini dataset has no curation finding of any severity."""
    assert findings(tmp_dataset(MINI_YAML, MINI_SEEDS), "curation.") == []


def test_the_shipped_dataset_follows_the_guide() -> None:
    """The shipped dataset has no curation finding at all, warnings included."""
    report = validate(load())
    assert [f.render() for f in report.findings if f.code.startswith("curation.")] == []


# -- sources and entities --------------------------------------------------------------


def test_source_kind_outside_the_vocabulary(tmp_dataset: TmpDataset) -> None:
    """A source kind that is not fact-sheet, web-page or document is a warning at the kind."""
    text = mutate("kind: fact-sheet", "kind: news")
    line, col = where(text, "news")
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.source-kind",
            "warning",
            line,
            col,
            None,
            "source kind 'news' is not one of fact-sheet, web-page, document: say only what the "
            "document shows (fact-sheet when it calls itself one)",
        )
    ]


def test_relation_recorded_twice(tmp_dataset: TmpDataset) -> None:
    """A companion relation recorded from both sides is a duplicate, at the second record."""
    text = mutate(
        '    published: "2011-03-14"\n',
        '    published: "2011-03-14"\n'
        "    relations: [{kind: companion_of, source: src-b, note: same template}]\n"
        f"  - {{id: src-b, path: {SEED_NAME}, sha256: {MINI_YAML.split('sha256: ')[1][:64]}, "
        "title: B, kind: document,\n"
        "     relations: [{kind: companion_of, source: src-a, note: same template}]}\n",
    )
    line, col = where(text, "{kind: companion_of, source: src-a")
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.duplicate-relation",
            "error",
            line,
            col,
            None,
            "relation companion_of 'src-a' is already recorded; record a relation once "
            "(a companion relation once per pair)",
        )
    ]


def test_relation_to_itself_and_to_an_unknown_source(tmp_dataset: TmpDataset) -> None:
    """A source related to itself is a record error; to an unknown source a reference error."""
    text = mutate(
        '    published: "2011-03-14"\n',
        '    published: "2011-03-14"\n'
        "    relations:\n"
        "      - {kind: version_of, source: src-a, note: itself}\n"
        "      - {kind: reprint_of, source: src-z, note: elsewhere}\n",
    )
    found = findings(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, "src-a, note: itself")
    assert (
        "record.relation",
        "error",
        line,
        col,
        None,
        "source 'src-a' cannot be version_of itself",
    ) in found
    line, col = where(text, "src-z")
    assert (
        "ref.unknown-source",
        "error",
        line,
        col,
        None,
        "unknown source 'src-z'; did you mean 'src-a'?",
    ) in found


def test_entity_without_type(tmp_dataset: TmpDataset) -> None:
    """An entity without a type is a warning at its id."""
    text = mutate("    type: person\n", "")
    line, col = where(text, "clinton", 0)
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.entity-type",
            "warning",
            line,
            col,
            None,
            "entity 'clinton' has no type; give one of person, country, organisation, "
            "programme, region",
        )
    ]


@pytest.mark.parametrize(
    ("entity", "needle", "expected"),
    [
        (
            "  - {id: mexico, name: Mexico, type: country}\n",
            "country}",
            (
                "curation.iso3166",
                "warning",
                "country 'mexico' has no iso3166 code; give its ISO 3166-1 alpha-2 code",
            ),
        ),
        (
            "  - {id: eu, name: European Union, type: organisation, iso3166: EU}\n",
            "EU}",
            (
                "curation.iso3166",
                "error",
                "only a country has an iso3166 code; 'eu' is organisation",
            ),
        ),
        (
            "  - {id: atlantis, name: Atlantis, type: country, iso3166: XA}\n",
            "XA}",
            (
                "record.iso3166",
                "error",
                "expected an ISO 3166-1 alpha-2 country code such as MX, found 'XA'",
            ),
        ),
    ],
)
def test_iso3166(
    tmp_dataset: TmpDataset, entity: str, needle: str, expected: tuple[str, str, str]
) -> None:
    """A country needs a real ISO 3166-1 alpha-2 code; nothing else has one."""
    text = mutate("claims:\n", entity + "claims:\n")
    line, col = where(text, needle)
    code, severity, message = expected
    assert findings(tmp_dataset(text, MINI_SEEDS), code) == [
        (code, severity, line, col, None, message)
    ]


# -- claims ------------------------------------------------------------------------------


def test_id_not_starting_with_its_subject(tmp_dataset: TmpDataset) -> None:
    """An active claim whose id does not start with its subject's id is a warning at the id."""
    text = mutate("id: carsi.date", "id: statement.date")
    line, col = where(text, "statement.date")
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.id-prefix",
            "warning",
            line,
            col,
            "statement.date",
            "claim id 'statement.date' does not start with 'carsi.' (its subject is 'carsi'); "
            "a new claim's id starts with its subject's id",
        )
    ]


_FIVE_GOALS = "  - {id: five-goals, name: Five Goals, type: programme}\n"


def test_a_named_entity_must_be_linked(tmp_dataset: TmpDataset) -> None:
    """A quote that names an entity the claim does not mention is a warning at the quote."""
    text = mutate("claims:\n", _FIVE_GOALS + "claims:\n")
    line, col = where(text, '"Five Goals"')
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.unlinked-mention",
            "warning",
            line,
            col,
            "carsi.goals",
            "the quote names entity 'five-goals', which is not in mentions; add it: "
            "mentions: [five-goals]",
        )
    ]
    linked = mutate(
        "    value: {value: 5}\n", "    value: {value: 5}\n    mentions: [five-goals]\n", text
    )
    assert findings(tmp_dataset(linked, MINI_SEEDS), "curation.") == []


def test_mentions_do_not_repeat_the_subject(tmp_dataset: TmpDataset) -> None:
    """Mentioning the claim's own subject (or an entity twice) is a warning at the mention."""
    text = mutate("    value: {value: 5}\n", "    value: {value: 5}\n    mentions: [carsi]\n")
    line, col = where(text, "carsi]")
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.redundant-mention",
            "warning",
            line,
            col,
            "carsi.goals",
            "mention 'carsi' is the claim's subject or voice; leave it out",
        )
    ]


def test_a_mentioned_entity_must_exist(tmp_dataset: TmpDataset) -> None:
    """A mention and a voice name entities of the dataset."""
    text = mutate(
        "    value: {value: 5}\n",
        "    value: {value: 5}\n    voice: clintn\n    mentions: [mexico]\n",
    )
    found = findings(tmp_dataset(text, MINI_SEEDS), "ref.")
    line, col = where(text, "clintn")
    assert (
        "ref.unknown-entity",
        "error",
        line,
        col,
        "carsi.goals",
        "unknown entity 'clintn'; did you mean 'clinton'?",
    ) in found
    line, col = where(text, "mexico]")
    assert (
        "ref.unknown-entity",
        "error",
        line,
        col,
        "carsi.goals",
        "unknown entity 'mexico'",
    ) in found


def test_longest_name_wins() -> None:
    """'U.S.' inside 'U.S. Department of State' names the department, not the country."""
    names = {"U.S.": "united-states", "U.S. Department of State": "state", "Mexico": "mexico"}
    assert named_entities("the U.S. Department of State and Mexico", names) == ["state", "mexico"]
    assert named_entities("U.S. aid to Mexico's north", names) == ["united-states", "mexico"]
    assert named_entities("Mexicocity, U.S.A", names) == []


def test_quotation_voice_is_its_speaker(tmp_dataset: TmpDataset) -> None:
    """A quotation whose voice is not its speaker is an error at the voice."""
    text = mutate("    property: quotation\n", "    property: quotation\n    voice: carsi\n")
    line, col = where(text, "voice: carsi")
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.voice",
            "error",
            line,
            col + len("voice: "),
            "carsi.clinton-together",
            "a quotation's voice is its speaker 'clinton', not 'carsi'; leave voice out",
        )
    ]


def test_provenance_voice_repeating_the_claims(tmp_dataset: TmpDataset) -> None:
    """A provenance voice equal to the claim's own is an error at that voice."""
    quote = '“We stand together,” said Secretary Clinton"\n'
    text = mutate(quote, quote + "        voice: clinton\n")
    line, col = where(text, "voice: clinton")
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.voice",
            "error",
            line,
            col + len("voice: "),
            "carsi.clinton-together",
            "provenance voice 'clinton' is already the claim's voice; leave it out",
        )
    ]


_INFERRED = '      as_of: "2011-03-14"\n      inferred: [{qualifier: as_of, basis: dateline}]\n'


def test_as_of_inferred_from_the_dateline(tmp_dataset: TmpDataset) -> None:
    """An as-of inferred from the dateline must be the source's date."""
    text = mutate('      as_of: "2011-03-14"\n', _INFERRED)
    assert findings(tmp_dataset(text, MINI_SEEDS)) == []
    other = mutate('    published: "2011-03-14"', '    published: "2011-03-15"', text)
    line, col = where(other, "{qualifier: as_of")
    assert findings(tmp_dataset(other, MINI_SEEDS), "curation.") == [
        (
            "curation.inference-dateline",
            "error",
            line,
            col,
            "carsi.funding",
            "as_of 2011-03-14 is inferred from the dateline, but the dateline of source "
            "'src-a' is 2011-03-15",
        )
    ]


def test_inferred_qualifier_without_a_value(tmp_dataset: TmpDataset) -> None:
    """Listing as inferred a qualifier that has no value is a record error."""
    text = mutate(
        '      as_of: "2011-03-14"\n',
        '      as_of: "2011-03-14"\n      inferred: [{qualifier: scope, basis: context}]\n',
    )
    line, col = where(text, "scope, basis")
    assert findings(tmp_dataset(text, MINI_SEEDS), "record.") == [
        (
            "record.inference",
            "error",
            line,
            col,
            "carsi.funding",
            "qualifier scope is listed as inferred but has no value; give scope or drop the "
            "inference",
        )
    ]


def test_stated_qualifiers() -> None:
    """Qualifiers.stated() drops what is inferred; is_stated tells the two apart."""
    claim = load().get("carsi.assistance-committed.260m")
    q = claim.qualifiers
    assert claim.is_inferred()
    assert not q.is_stated("as_of")
    assert q.is_stated("fiscal_years")
    assert q.is_stated("cumulative")
    assert q.stated().as_of is None
    assert q.stated().fiscal_years == q.fiscal_years
    assert q.inference("as_of") is not None
    assert q.inference("scope") is None


@pytest.mark.parametrize(
    ("old", "new", "severity", "message"),
    [
        (
            ", precision: 1000000}",
            "}",
            "warning",
            "'$260 million' is stated to 1000000, but the claim's precision is not given; "
            "precision: 1000000",
        ),
        (
            ", precision: 1000000}",
            ", precision: 1000}",
            "error",
            "'$260 million' is stated to 1000000, but the claim's precision is 1000; "
            "precision: 1000000",
        ),
    ],
)
def test_precision_as_the_quote_states_it(
    tmp_dataset: TmpDataset, old: str, new: str, severity: str, message: str
) -> None:
    """A money figure's precision is the unit its quote states it to."""
    text = mutate(old, new)
    line, col = where(text, "{amount: 260000000")
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        ("curation.precision", severity, line, col, "carsi.funding", message)
    ]


@pytest.mark.parametrize(
    ("quote", "figure", "number", "expected"),
    [
        ("$260 million", "$260 million", Decimal(260_000_000), Decimal(1_000_000)),
        ("$3.5 million", "$3.5 million", Decimal(3_500_000), Decimal(100_000)),
        ("$1,500", "$1,500", Decimal(1500), Decimal(1)),
        ("up to 95%", "95%", Decimal(95), Decimal(1)),
        ("12.5%", "12.5%", Decimal("12.5"), Decimal("0.1")),
        ("exactly $260 million", "$260 million", Decimal(260_000_000), None),
        ("five percent", "five percent", Decimal(5), None),
    ],
)
def test_stated_precision(
    quote: str, figure: str, number: Decimal, expected: Decimal | None
) -> None:
    """The unit of the last digit written, times the scale word; exact when said so or in words."""
    start = quote.index(figure)
    assert stated_precision(quote, start, start + len(figure), number) == expected


def test_only_a_count_of_a_list_is_derived(tmp_dataset: TmpDataset) -> None:
    """derived on anything but a count of a list is an error at the flag."""
    text = mutate("    property: funding\n", "    property: funding\n    derived: true\n")
    line, col = where(text, "true\n    value: {amount")
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.derived",
            "error",
            line,
            col,
            "carsi.funding",
            "only a count of a list (kind count, value with list:) may be derived; every other "
            "value is what its quote states",
        )
    ]


def test_a_heading_claim_quotes_a_whole_line(tmp_dataset: TmpDataset) -> None:
    """A heading claim whose quote is part of a line is an error at the quote."""
    text = mutate("    property: goal-count\n", "    property: goal-count\n    heading: true\n")
    line, col = where(text, '"Five Goals"')
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.heading-line",
            "error",
            line,
            col,
            "carsi.goals",
            "a heading claim quotes the heading's whole line; the line also has 'Up to 95% of "
            "it goes to the' before and '.' after the quote",
        )
    ]


def test_markdown_headings_are_captured(tmp_dataset: TmpDataset) -> None:
    """A '##' heading not quoted by a heading claim is an error at its line in the seed; a
    '#' heading that is not the source's title is one too."""
    seed = "# Another title\n\n## **Communities at Risk**\n\n" + MINI_SEEDS[SEED_NAME]
    text = _shift_offsets(MINI_YAML, len(seed) - len(MINI_SEEDS[SEED_NAME]))
    text = text.replace("sha256: " + MINI_YAML.split("sha256: ")[1][:64], "sha256: " + _sha(seed))
    paths = tmp_dataset(text, {SEED_NAME: seed})
    assert findings(paths, "curation.") == [
        (
            "curation.title",
            "error",
            1,
            1,
            None,
            "source src-a: the level-1 heading 'Another title' is the document's title, but the "
            "source's title is 'A shared partnership'",
        ),
        (
            "curation.heading-missing",
            "error",
            3,
            1,
            None,
            "source src-a: the section heading 'Communities at Risk' is not captured; add a "
            "claim with heading: true that quotes it",
        ),
    ]
    report = validate(load(paths.claims, strict=False))
    files = {f.location.file for f in report.findings if f.location is not None}
    assert any(file.endswith(f"seeds/{SEED_NAME}") for file in files)


def _sha(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _shift_offsets(text: str, shift: int) -> str:
    import re

    return re.sub(r"(start|end): (\d+)", lambda m: f"{m[1]}: {int(m[2]) + shift}", text)


def test_a_statement_restating_a_claimed_span(tmp_dataset: TmpDataset) -> None:
    """A statement whose text is the whole span another claim quotes is an error at its quote."""
    start = MINI_SEEDS[SEED_NAME].index("Five Goals")
    extra = (
        "  - id: carsi.goals-heading\n"
        "    kind: statement\n"
        "    subject: carsi\n"
        "    property: goals-heading\n"
        '    value: {text: "Five Goals"}\n'
        "    provenance:\n"
        f'      - {{source: src-a, quote: "Five Goals", start: {start}, end: {start + 10}}}\n'
    )
    text = MINI_YAML + extra
    line, col = where(text, '{source: src-a, quote: "Five Goals"')
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.duplicate-span",
            "error",
            line,
            col,
            "carsi.goals-heading",
            f"the statement restates, whole, the span that 'carsi.goals' quotes (src-a "
            f"{start}-{start + 10}); capture the span once",
        )
    ]


def test_a_statement_quoting_one_span_twice_restates_no_other_claim(
    tmp_dataset: TmpDataset,
) -> None:
    """Two entries of one claim on the same span: no other claim quotes it, so no finding
    (the span's claims are the claim itself, twice)."""
    start = MINI_SEEDS[SEED_NAME].index("Five Goals") + len("Five ")
    entry = f'      - {{source: src-a, quote: "Goals", start: {start}, end: {start + 5}}}\n'
    extra = (
        "  - id: carsi.goals-word\n"
        "    kind: statement\n"
        "    subject: carsi\n"
        "    property: goals-word\n"
        '    value: {text: "Goals"}\n'
        "    provenance:\n" + entry + entry
    )
    found = findings(tmp_dataset(MINI_YAML + extra, MINI_SEEDS), "curation.duplicate-span")
    assert found == []


class _CountingText(str):
    """A text that counts the name comparisons made on it."""

    calls = 0

    def startswith(
        self,
        prefix: str | tuple[str, ...],
        start: SupportsIndex | None = None,
        end: SupportsIndex | None = None,
    ) -> bool:
        type(self).calls += 1
        return super().startswith(prefix, start, end)


def _comparisons(text: str, names: dict[str, str]) -> int:
    _CountingText.calls = 0
    NameIndex.of(names).find(_CountingText(text))
    return _CountingText.calls


def test_finding_names_does_not_grow_with_the_number_of_entities() -> None:
    """Names are looked up by a text's words: a thousand more entities whose names the text
    does not contain add no comparison, and a text twice as long costs twice as many."""
    text = "The United States and Mexico work with the Inter-American Development Bank. " * 10
    few = {"United States": "us", "Mexico": "mx", "Inter-American Development Bank": "idb"}
    many = {**few, **{f"Topic{i} Place": f"t{i}" for i in range(1000)}}
    assert _comparisons(text, many) == _comparisons(text, few) == 30
    assert _comparisons(text * 2, many) == 60


# -- pinned: each rule's edges -----------------------------------------------------------

_SRC_B = (
    f"  - {{id: src-b, path: {SEED_NAME}, sha256: {MINI_YAML.split('sha256: ')[1][:64]}, "
    "title: B, kind: document}\n"
)


def test_a_relation_is_a_duplicate_only_with_the_same_kind_and_source(
    tmp_dataset: TmpDataset,
) -> None:
    """Two relations of one source to another of different kinds are fine; the same kind
    again is a duplicate at that relation, and a companion relation recorded on one side only
    is none."""
    text = mutate(
        '    published: "2011-03-14"\n',
        '    published: "2011-03-14"\n'
        "    relations:\n"
        "      - {kind: version_of, source: src-b, note: n}\n"
        "      - {kind: reprint_of, source: src-b, note: n}\n"
        "      - {kind: version_of, source: src-b, note: again}\n"
        "      - {kind: companion_of, source: src-b, note: n}\n" + _SRC_B,
    )
    line, col = where(text, "{kind: version_of, source: src-b, note: again}")
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.duplicate-relation",
            "error",
            line,
            col,
            None,
            "relation version_of 'src-b' is already recorded; record a relation once "
            "(a companion relation once per pair)",
        )
    ]


def test_an_iso3166_code_on_an_entity_of_no_type(tmp_dataset: TmpDataset) -> None:
    """No type: a warning at the id; a code on it as well: an error naming it of no type."""
    text = mutate("claims:\n", "  - {id: eu, name: European Union, iso3166: EU}\nclaims:\n")
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.entity-type",
            "warning",
            *where(text, "eu,"),
            None,
            "entity 'eu' has no type; give one of person, country, organisation, programme, region",
        ),
        (
            "curation.iso3166",
            "error",
            *where(text, "EU}"),
            None,
            "only a country has an iso3166 code; 'eu' is of no type",
        ),
    ]


def test_a_country_with_its_code_is_fine(tmp_dataset: TmpDataset) -> None:
    text = mutate(
        "claims:\n", "  - {id: mexico, name: Mexico, type: country, iso3166: MX}\nclaims:\n"
    )
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == []


_ENTITIES = (
    "  - {id: five-goals, name: Five Goals, type: programme}\n"
    "  - {id: zeta, name: Zeta, type: programme}\n"
    "  - {id: alpha, name: Alpha, type: programme}\n"
)


def test_a_mention_listed_twice_and_the_mentions_suggested_in_order(
    tmp_dataset: TmpDataset,
) -> None:
    """A mention repeated is a warning at the repeat; the unlinked entity's suggestion lists
    the claim's mentions and it, sorted, each once."""
    text = mutate(
        "    value: {value: 5}\n",
        "    value: {value: 5}\n    mentions: [zeta, alpha, zeta]\n",
        mutate("claims:\n", _ENTITIES + "claims:\n"),
    )
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.redundant-mention",
            "warning",
            *where(text, "zeta]"),
            "carsi.goals",
            "mention 'zeta' is listed twice; leave it out",
        ),
        (
            "curation.unlinked-mention",
            "warning",
            *where(text, '"Five Goals"'),
            "carsi.goals",
            "the quote names entity 'five-goals', which is not in mentions; add it: "
            "mentions: [alpha, five-goals, zeta]",
        ),
    ]


def test_an_unlinked_entity_is_reported_once_per_claim_for_every_claim(
    tmp_dataset: TmpDataset,
) -> None:
    """Two quotes of one claim naming the entity: one warning, at the first; another claim
    with the same quote: its own warning."""
    start = MINI_SEEDS[SEED_NAME].index("the Five Goals")
    extra = (
        "  - id: carsi.goals-again\n"
        "    kind: count\n"
        "    subject: carsi\n"
        "    property: goal-count-again\n"
        "    value: {value: 5}\n"
        "    provenance:\n"
        f'      - {{source: src-a, quote: "Five Goals", start: {start + 4}, end: {start + 14}}}\n'
        f'      - {{source: src-a, quote: "the Five Goals", start: {start}, end: {start + 14}}}\n'
    )
    text = mutate("claims:\n", _ENTITIES + "claims:\n") + extra
    message = (
        "the quote names entity 'five-goals', which is not in mentions; add it: "
        "mentions: [five-goals]"
    )
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.unlinked-mention",
            "warning",
            *where(text, '"Five Goals"'),
            "carsi.goals",
            message,
        ),
        (
            "curation.unlinked-mention",
            "warning",
            *where(text, '"Five Goals"', 1),
            "carsi.goals-again",
            message,
        ),
    ]


def test_a_quotations_id_starts_with_quote(tmp_dataset: TmpDataset) -> None:
    """A quotation's id may start with 'quote.' instead of its subject; any other prefix is a
    warning that asks for 'quote.'."""
    assert (
        findings(
            tmp_dataset(mutate("id: carsi.clinton-together", "id: quote.together"), MINI_SEEDS),
            "curation.",
        )
        == []
    )
    text = mutate("id: carsi.clinton-together", "id: speech.together")
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.id-prefix",
            "warning",
            *where(text, "speech.together"),
            "speech.together",
            "claim id 'speech.together' does not start with 'quote.' (its subject is 'carsi'); "
            "a new claim's id starts with its subject's id",
        )
    ]


def test_a_malformed_id_is_left_to_the_id_checks(tmp_dataset: TmpDataset) -> None:
    text = mutate("id: carsi.date", "id: Statement Date")
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == []
    assert [f[0] for f in findings(tmp_dataset(text, MINI_SEEDS), "id.")] == ["id.malformed"]


def test_a_provenance_voice_repeating_the_voice_of_a_plain_claim(
    tmp_dataset: TmpDataset,
) -> None:
    """On a claim that is no quotation, a provenance voice equal to the claim's voice is an
    error at that voice; a quotation whose voice is its speaker is fine."""
    text = mutate(
        "    value: {value: 5}\n",
        "    value: {value: 5}\n    voice: clinton\n",
        mutate('quote: "Five Goals"\n', 'quote: "Five Goals"\n        voice: clinton\n'),
    )
    line, col = where(text, "voice: clinton", 1)  # the provenance entry's, after the claim's
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.voice",
            "error",
            line,
            col + len("voice: "),
            "carsi.goals",
            "provenance voice 'clinton' is already the claim's voice; leave it out",
        )
    ]
    speaker = mutate("    property: quotation\n", "    property: quotation\n    voice: clinton\n")
    assert findings(tmp_dataset(speaker, MINI_SEEDS), "curation.") == []


def test_an_inference_from_a_source_without_a_dateline(tmp_dataset: TmpDataset) -> None:
    """An as_of inferred from the dateline of a source with no published date is an error;
    an as_of inferred from the context is no business of this rule."""
    text = mutate(
        '    published: "2011-03-14"\n', "", mutate('      as_of: "2011-03-14"\n', _INFERRED)
    )
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.inference-dateline",
            "error",
            *where(text, "{qualifier: as_of"),
            "carsi.funding",
            "as_of 2011-03-14 is inferred from the dateline, but source 'src-a' has no dateline "
            "(published is not given)",
        )
    ]
    context = mutate("basis: dateline", "basis: context", text)
    assert findings(tmp_dataset(context, MINI_SEEDS), "curation.") == []


_LIST_ITEM = (
    "  - id: carsi.goal-one\n"
    "    kind: list_item\n"
    "    subject: carsi\n"
    "    property: goal\n"
    "    value: {text: Five Goals, list: carsi-goals, ordinal: 1}\n"
    "    provenance:\n"
    "      - source: src-a\n"
    '        quote: "Five Goals"\n'
    f"        start: {MINI_SEEDS[SEED_NAME].index('Five Goals')}\n"
    f"        end: {MINI_SEEDS[SEED_NAME].index('Five Goals') + 10}\n"
)


def test_a_derived_count_of_a_list_is_fine_and_of_nothing_is_not(
    tmp_dataset: TmpDataset,
) -> None:
    text = mutate(
        "    value: {value: 5}\n",
        "    derived: true\n    value: {value: 5, list: carsi-goals}\n",
        mutate("claims:\n", "claims:\n" + _LIST_ITEM),
    )
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == []
    plain = mutate("value: {value: 5, list: carsi-goals}", "value: {value: 5}", text)
    assert [f[:5] for f in findings(tmp_dataset(plain, MINI_SEEDS), "curation.")] == [
        ("curation.derived", "error", *where(plain, "true\n    value: {value: 5}"), "carsi.goals")
    ]


def test_a_derived_figure_is_not_held_to_its_quotes_precision(tmp_dataset: TmpDataset) -> None:
    """derived on a money claim is a curation.derived error, and its precision is not checked."""
    text = mutate(
        ", precision: 1000000}",
        ", precision: 1000}",
        mutate("    property: funding\n", "    property: funding\n    derived: true\n"),
    )
    assert [f[0] for f in findings(tmp_dataset(text, MINI_SEEDS), "curation.")] == [
        "curation.derived"
    ]


def test_a_percentages_precision_as_the_quote_states_it(tmp_dataset: TmpDataset) -> None:
    """'Up to 95%' is stated to 1: precision 0.10 is an error at the value, shown as 0.1."""
    text = mutate("precision: 1}", "precision: 0.10}")
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.precision",
            "error",
            *where(text, "{value: 95"),
            "carsi.share",
            "'Up to 95%' is stated to 1, but the claim's precision is 0.1; precision: 1",
        )
    ]


_MORE = "Later, exactly $5 million, then $7.5 million more; $5 million in all.\n"


def _with_more(claims: str) -> tuple[str, dict[str, str]]:
    """The mini dataset with ``_MORE`` added to its seed (the hash updated) and ``claims``."""
    seed = MINI_SEEDS[SEED_NAME] + _MORE
    text = (MINI_YAML + claims).replace(MINI_YAML.split("sha256: ")[1][:64], _sha(seed))
    return text, {SEED_NAME: seed}


def _money(claim_id: str, amount: int, precision: str | None, *quotes: str) -> str:
    at = len(MINI_SEEDS[SEED_NAME])
    entries = "".join(
        f'      - {{source: src-a, quote: "{q}", start: {at + _MORE.index(q)}, '
        f"end: {at + _MORE.index(q) + len(q)}}}\n"
        for q in quotes
    )
    given = "" if precision is None else f", precision: {precision}"
    return (
        f"  - id: {claim_id}\n    kind: money\n    subject: carsi\n    property: {claim_id}\n"
        f"    value: {{amount: {amount}, currency: USD{given}}}\n    provenance:\n{entries}"
    )


def test_precision_of_an_exact_figure_and_of_the_matching_figure(
    tmp_dataset: TmpDataset,
) -> None:
    """'exactly $5 million' is exact: a precision given is an error asking to leave it out,
    none given is fine. In a quote with two figures the first matching the value decides; a
    claim with two quotes stated to another unit is reported once."""
    text, seeds = _with_more(
        _money("carsi.five", 5_000_000, "1000000", "exactly $5 million")
        + _money(
            "carsi.five-exact",
            5_000_000,
            None,
            "exactly $5 million",
            "exactly $5 million, then $7.5 million more; $5 million",
        )
        + _money(
            "carsi.more",
            7_500_000,
            None,
            "exactly $5 million, then $7.5 million",
            "$7.5 million",
        )
    )
    assert findings(tmp_dataset(text, seeds), "curation.") == [
        (
            "curation.precision",
            "error",
            *where(text, "{amount: 5000000"),
            "carsi.five",
            "'$5 million' is stated to no unit (exact), but the claim's precision is 1000000; "
            "leave precision out",
        ),
        (
            "curation.precision",
            "warning",
            *where(text, "{amount: 7500000"),
            "carsi.more",
            "'$7.5 million' is stated to 100000, but the claim's precision is not given; "
            "precision: 100000",
        ),
    ]


@pytest.mark.parametrize(
    ("quote", "figure"),
    [
        ("$0 million", "$0 million"),
        ("five percent", "five"),
        ("five percent of 12 goals", "five percent"),
        ("exactly  5%", "5%"),
    ],
)
def test_stated_precision_is_none_for_zero_words_or_exactly(quote: str, figure: str) -> None:
    """A zero states no unit; a span without digits is in words (a number after the span
    changes nothing); 'exactly' before the figure makes it exact, whatever the spaces
    between."""
    start = quote.index(figure)
    assert stated_precision(quote, start, start + len(figure), Decimal(5)) is None


def test_stated_precision_reads_the_number_inside_the_span_only() -> None:
    """A figure after the span, or 'exactly' after the figure, changes nothing."""
    quote = "$3.5 million, exactly 12.25%"
    assert stated_precision(quote, 0, 12, Decimal(3_500_000)) == Decimal(100_000)
    assert stated_precision(quote, 22, 28, Decimal("12.25")) is None
    assert stated_precision("up to 95%, not 12.25", 6, 9, Decimal(95)) == 1


def test_a_statement_restating_a_span_in_other_case_and_spacing(tmp_dataset: TmpDataset) -> None:
    """The restatement is compared folded (case, runs of spaces); a statement saying something
    else about a span another claim quotes is fine."""
    start = MINI_SEEDS[SEED_NAME].index("Five Goals")
    extra = (
        "  - id: carsi.goals-heading\n"
        "    kind: statement\n"
        "    subject: carsi\n"
        "    property: goals-heading\n"
        '    value: {text: " five  GOALS"}\n'
        "    provenance:\n"
        f'      - {{source: src-a, quote: "Five Goals", start: {start}, end: {start + 10}}}\n'
    )
    found = findings(tmp_dataset(MINI_YAML + extra, MINI_SEEDS), "curation.")
    assert [(f[0], f[4]) for f in found] == [("curation.duplicate-span", "carsi.goals-heading")]
    other = mutate('" five  GOALS"', '"the goals are five"', MINI_YAML + extra)
    assert findings(tmp_dataset(other, MINI_SEEDS), "curation.") == []


_HEAD = "# A shared partnership\n\n## **Communities at Risk** ##\n\n"
_TAIL = "### Closing words"


def _with_headings(
    *claims: tuple[str, str, int], head: str = _HEAD, tail: str = _TAIL
) -> tuple[str, dict[str, str]]:
    """The mini dataset with ``head`` before its seed and ``tail`` after (no line end),
    and a heading claim (id, quote, start) for each of ``claims``."""
    seed = head + MINI_SEEDS[SEED_NAME] + tail
    text = _shift_offsets(MINI_YAML, len(head))
    text = text.replace(MINI_YAML.split("sha256: ")[1][:64], _sha(seed))
    for claim_id, quote, at in claims:
        text += (
            f"  - id: {claim_id}\n    kind: statement\n    subject: carsi\n"
            f"    property: {claim_id[6:]}\n    heading: true\n"
            f'    value: {{text: "{quote}"}}\n    provenance:\n'
            f'      - {{source: src-a, quote: "{quote}", start: {at}, end: {at + len(quote)}}}\n'
        )
    return text, {SEED_NAME: seed}


def test_heading_claims_may_leave_out_the_marks_of_their_line(tmp_dataset: TmpDataset) -> None:
    """Quoting the words of a heading line without its '#', '*' and spaces covers it, the
    last line of a seed without a line end included; a level-1 heading that is the
    source's title is fine."""
    seed = _HEAD + MINI_SEEDS[SEED_NAME] + _TAIL
    text, seeds = _with_headings(
        ("carsi.risk", "Communities at Risk", seed.index("Communities")),
        ("carsi.closing", "Closing words", seed.index("Closing")),
    )
    assert findings(tmp_dataset(text, seeds), "curation.") == []


def test_a_heading_claim_quoting_part_of_its_line_still_covers_it(
    tmp_dataset: TmpDataset,
) -> None:
    """Part of a heading line: a heading-line error naming the rest (marks stripped at the
    ends), and no heading-missing for that line."""
    seed = _HEAD + MINI_SEEDS[SEED_NAME] + _TAIL
    text, seeds = _with_headings(
        ("carsi.risk", "Communities", seed.index("Communities")),
        ("carsi.closing", "Closing", seed.index("Closing")),
    )
    message = (
        "a heading claim quotes the heading's whole line; the line also has {!r} before and "
        "{!r} after the quote"
    )
    assert findings(tmp_dataset(text, seeds), "curation.") == [
        (
            "curation.heading-line",
            "error",
            *where(text, '"Communities", start'),
            "carsi.risk",
            message.format("## **", "at Risk** ##"),
        ),
        (
            "curation.heading-line",
            "error",
            *where(text, '"Closing", start'),
            "carsi.closing",
            message.format("###", "words"),
        ),
    ]


def test_a_heading_claim_not_matching_its_seed_covers_nothing(tmp_dataset: TmpDataset) -> None:
    """A heading claim whose quote is not the seed's text at its offsets is left to the
    provenance checks: no heading-line finding, and the heading is still missing."""
    seed = _HEAD + MINI_SEEDS[SEED_NAME] + _TAIL
    text, seeds = _with_headings(
        ("carsi.risk", "Communities at Risk", seed.index("Communities") + 1),
        ("carsi.closing", "Closing words", seed.index("Closing")),
    )
    assert [f[:4] for f in findings(tmp_dataset(text, seeds), "curation.")] == [
        ("curation.heading-missing", "error", 3, 1)
    ]


def test_without_seeds_no_heading_is_checked(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """A seeds folder that cannot be read: the heading rules, which read the seeds, say
    nothing (the folder is reported once by validate)."""
    seed = _HEAD + MINI_SEEDS[SEED_NAME] + _TAIL
    text, seeds = _with_headings(("carsi.risk", "Communities", seed.index("Communities")))
    dataset = load(tmp_dataset(text, seeds).claims, strict=False)
    found = validate(dataset, seeds=tmp_path / "missing").findings
    assert [f.code for f in found if f.code.startswith("curation.")] == []
    assert [f.code for f in validate(dataset).findings if f.code.startswith("curation.")] == [
        "curation.heading-line",
        "curation.heading-missing",
    ]


def test_a_retracted_claim_is_not_held_to_the_guide(tmp_dataset: TmpDataset) -> None:
    """A retracted claim is history: its id need not start with its subject."""
    text = mutate(
        "id: carsi.date\n", "id: statement.date\n    status: retracted\n    reason: gone\n"
    )
    assert findings(tmp_dataset(text, MINI_SEEDS)) == []
    active = mutate("id: carsi.date\n", "id: statement.date\n")
    assert [f[0] for f in findings(tmp_dataset(active, MINI_SEEDS))] == ["curation.id-prefix"]


# -- finding names -----------------------------------------------------------------------


def _names_by_reading(text: str, names: dict[str, str]) -> list[str]:
    """named_entities as its docstring states it, the slow way: at each whole word of the
    text, in order, not inside a name already found, the longest name starting there that
    ends at a word's end (of equal lengths, the first given)."""
    found: dict[str, None] = {}
    taken = 0
    longest_first = sorted(names.items(), key=lambda item: -len(item[0]))
    for word in re.finditer(r"\w+", text):
        if word.start() < taken:
            continue
        for name, entity in longest_first:
            first = re.match(r"\w+", name)
            end = word.start() + len(name)
            if (
                first is not None
                and first.group() == word.group()
                and text.startswith(name, word.start())
                and not re.match(r"\w", text[end : end + 1])
            ):
                found[entity] = None
                taken = end
                break
    return list(found)


_WORDS = ["a", "b", "ab", "ba", "c", "d", "e", "f", "g", "h", "i", "j"]
_name = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map(" ".join)


@given(
    st.lists(st.sampled_from([*_WORDS, " ", ".", "-"]), max_size=40).map("".join),
    st.dictionaries(
        _name | st.sampled_from([".a", " b", "a."]), st.sampled_from("xyzw"), max_size=12
    ),
)
def test_named_entities_is_the_longest_whole_name_at_each_word(
    text: str, names: dict[str, str]
) -> None:
    """The entities found are those of the longest whole-word name at each word, in order of
    first appearance, names never overlapping, with few or many name-starting words."""
    assert named_entities(text, names) == _names_by_reading(text, names)


def test_named_entities_with_more_than_eight_name_starting_words() -> None:
    """A text with ten words that start names: each found, whole words only, in order; a
    word inside a name already found starts none, and the names after it are still found."""
    names = {f"{w}x Place": f"e{w}" for w in "abcdefghi"}
    names |= {"ax Place Hall": "hall", "Hall Street": "street"}
    text = (
        "ax Place Hall, ix Place, hx Place; gx Placed fx Place ex Place dx Place cx Place "
        "bx Place Hall Street"
    )
    assert named_entities(text, names) == [
        "hall",
        "ei",
        "eh",
        "ef",
        "ee",
        "ed",
        "ec",
        "eb",
        "street",
    ]
    assert named_entities("Zax Place " + text, names) == named_entities(text, names)
    assert named_entities("ax Place Hall Street, Hall Street", names) == ["hall", "street"]


def test_a_name_inside_a_word_is_not_found_there() -> None:
    """'b' at the end of 'ab' is no whole word: the 'b' standing alone later is the one
    found, after 'c' (with few name-starting words, as with many)."""
    assert named_entities("ab c b", {"b": "x", "c": "y"}) == ["y", "x"]


def test_entity_names_skip_blank_names_and_keep_the_first_claimant() -> None:
    """Every name and alias maps to its entity; a blank name is none; a name two entities
    give stays with the first."""
    entities = [
        Entity("us", "United States", aliases=("U.S.", " ")),
        Entity("usa", "USA", aliases=("U.S.",)),
    ]
    assert entity_names(entities) == {"United States": "us", "U.S.": "us", "USA": "usa"}


def test_a_claims_voice_need_not_be_mentioned(tmp_dataset: TmpDataset) -> None:
    """A plain claim quoting its voice by name: the voice is implicit, no mention is due;
    without the voice the entity named is an unlinked mention."""
    quote = "“We stand together,” said Secretary Clinton"
    start = MINI_SEEDS[SEED_NAME].index(quote)
    statement = (
        "  - id: carsi.together\n"
        "    kind: statement\n"
        "    subject: carsi\n"
        "    property: together\n"
        "    voice: clinton\n"
        '    value: {text: "We stand together"}\n'
        "    provenance:\n"
        f'      - {{source: src-a, quote: "{quote}", start: {start}, '
        f"end: {start + len(quote)}}}\n"
    )
    assert findings(tmp_dataset(MINI_YAML + statement, MINI_SEEDS), "curation.") == []
    text = MINI_YAML + statement.replace("    voice: clinton\n", "")
    assert [f[:5] for f in findings(tmp_dataset(text, MINI_SEEDS), "curation.")] == [
        (
            "curation.unlinked-mention",
            "warning",
            *where(text, f'"{quote}", start'),
            "carsi.together",
        )
    ]


def test_a_source_whose_seed_cannot_be_read_leaves_the_others_checked(
    tmp_dataset: TmpDataset,
) -> None:
    """A source listed first whose seed is missing (the provenance checks' business): the
    headings of the sources after it are still checked."""
    seed = _HEAD + MINI_SEEDS[SEED_NAME] + _TAIL
    text, seeds = _with_headings(("carsi.risk", "Communities", seed.index("Communities")))
    missing = (
        f"  - {{id: src-b, path: missing.txt, sha256: {'0' * 64}, title: B, kind: document}}\n"
    )
    text = mutate("sources:\n", "sources:\n" + missing, text)
    found = [f[0] for f in findings(tmp_dataset(text, seeds), "curation.")]
    assert found == ["curation.heading-line", "curation.heading-missing"]


def test_an_inference_from_the_dateline_is_held_to_every_source_of_the_claim(
    tmp_dataset: TmpDataset,
) -> None:
    """An as_of inferred from the dateline, listed after another inference, is checked
    against each quote's source: an unknown source (the reference checks' business) and a
    source whose dateline is the as_of say nothing, and a later source without a dateline is
    an error at the inference."""
    start = MINI_SEEDS[SEED_NAME].index("$260 million")
    entry = (
        f'      - source: src-a\n        quote: "$260 million"\n'
        f"        start: {start}\n        end: {start + 12}\n"
    )
    text = mutate(
        '      as_of: "2011-03-14"\n',
        '      as_of: "2011-03-14"\n      inferred:\n'
        "        - {qualifier: fiscal_years, basis: context}\n"
        "        - {qualifier: as_of, basis: dateline}\n",
        mutate('    published: "2011-03-14"\n', '    published: "2011-03-14"\n' + _SRC_B),
    )
    text = mutate(
        entry,
        entry.replace("src-a", "src-z") + entry + entry.replace("src-a", "src-b"),
        text,
    )
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.inference-dateline",
            "error",
            *where(text, "{qualifier: as_of"),
            "carsi.funding",
            "as_of 2011-03-14 is inferred from the dateline, but source 'src-b' has no dateline "
            "(published is not given)",
        )
    ]


def test_the_precision_of_every_quote_is_checked_at_its_first_matching_figure(
    tmp_dataset: TmpDataset,
) -> None:
    """A figure not matching the value is passed over for the next one of the quote; a quote
    whose figure agrees with the claim's precision leaves the next quote checked."""
    text, seeds = _with_more(
        _money("carsi.more", 7_500_000, None, "exactly $5 million, then $7.5 million")
        + _money("carsi.five", 5_000_000, None, "exactly $5 million", "$5 million in all")
    )
    assert findings(tmp_dataset(text, seeds), "curation.") == [
        (
            "curation.precision",
            "warning",
            *where(text, "{amount: 7500000"),
            "carsi.more",
            "'$7.5 million' is stated to 100000, but the claim's precision is not given; "
            "precision: 100000",
        ),
        (
            "curation.precision",
            "warning",
            *where(text, "{amount: 5000000"),
            "carsi.five",
            "'$5 million' is stated to 1000000, but the claim's precision is not given; "
            "precision: 1000000",
        ),
    ]


def test_a_statement_restating_a_claimed_span_in_its_second_quote(
    tmp_dataset: TmpDataset,
) -> None:
    """A first quote on a span no other claim quotes does not end the search: the second,
    restated whole, is an error at that quote."""
    start = MINI_SEEDS[SEED_NAME].index("Five Goals")
    extra = (
        "  - id: carsi.goals-heading\n"
        "    kind: statement\n"
        "    subject: carsi\n"
        "    property: goals-heading\n"
        '    value: {text: "Five Goals"}\n'
        "    provenance:\n"
        f'      - {{source: src-a, quote: "Five", start: {start}, end: {start + 4}}}\n'
        f'      - {{source: src-a, quote: "Five Goals", start: {start}, end: {start + 10}}}\n'
    )
    text = MINI_YAML + extra
    assert findings(tmp_dataset(text, MINI_SEEDS), "curation.") == [
        (
            "curation.duplicate-span",
            "error",
            *where(text, '{source: src-a, quote: "Five Goals"'),
            "carsi.goals-heading",
            f"the statement restates, whole, the span that 'carsi.goals' quotes (src-a "
            f"{start}-{start + 10}); capture the span once",
        )
    ]


def test_every_quote_of_a_heading_claim_covers_its_line(tmp_dataset: TmpDataset) -> None:
    """A heading claim with three quotes: one not matching the seed (left to the provenance
    checks), then the whole lines of two headings; both headings are captured."""
    seed = _HEAD + MINI_SEEDS[SEED_NAME] + _TAIL
    text, seeds = _with_headings(("carsi.risk", "Communities at Risk", seed.index("Communities")))
    good = (
        f'      - {{source: src-a, quote: "Communities at Risk", '
        f"start: {seed.index('Communities')}, end: {seed.index('Communities') + 19}}}\n"
    )
    closing = (
        f'      - {{source: src-a, quote: "Closing words", start: {seed.index("Closing")}, '
        f"end: {seed.index('Closing') + 13}}}\n"
    )
    wrong = good.replace(f"start: {seed.index('Communities')}", "start: 0").replace(
        f"end: {seed.index('Communities') + 19}", "end: 19"
    )
    text = mutate(good, wrong + good + closing, text)
    assert findings(tmp_dataset(text, seeds), "curation.") == []


def test_a_seed_starting_with_an_empty_line(tmp_dataset: TmpDataset) -> None:
    """A heading on a seed's second line, after an empty first one: not captured, an error at
    line 2 naming its words (marks stripped, an X of its own kept); quoted whole by a heading
    claim, fine."""
    head = "\n## **Exports to X**\n\n"
    text, seeds = _with_headings(head=head, tail="")
    assert findings(tmp_dataset(text, seeds), "curation.") == [
        (
            "curation.heading-missing",
            "error",
            2,
            1,
            None,
            "source src-a: the section heading 'Exports to X' is not captured; add a claim "
            "with heading: true that quotes it",
        )
    ]
    text, seeds = _with_headings(
        ("carsi.exports", "Exports to X", head.index("Exports")), head=head, tail=""
    )
    assert findings(tmp_dataset(text, seeds), "curation.") == []
