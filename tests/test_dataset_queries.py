"""Queries: Dataset.filter and `list` by entity (or country code), fiscal year, as-of range,
speaker, voice, list, derived and inferred status."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from _mini import MINI_SEEDS, MINI_YAML, DatasetPaths, cli, mutate
from carsi_claims import Dataset, load
from carsi_claims.model import PartialDate, Status

TmpDataset = Callable[..., DatasetPaths]

DATASET = load()


def ids(**criteria: object) -> list[str]:
    return [c.id for c in DATASET.filter(**criteria)]  # type: ignore[arg-type]


def test_by_entity_and_by_country_code() -> None:
    """A country is found as subject, mention or list item, by its id or its ISO code."""
    mexico = [
        "quote.obama.work-closely-with-partners",
        "barack-obama.regional-partner-1.mexico",
        "central-america.cooperation-sought",
        "central-america.cooperation-sought-with-3.mexico",
    ]
    assert ids(entity="mexico") == mexico
    assert ids(entity="MX") == ids(entity="mx") == mexico
    assert ids(entity="PA") == ["carsi.geographic-scope"]


def test_by_entity_includes_speakers_and_voices() -> None:
    """An entity is also found as the voice of a claim and the speaker of a quotation."""
    assert ids(entity="william-brownfield") == [
        "quote.brownfield.greatest-threat",
        "central-america.cocaine-flow-share.up-to-95",
    ]


def test_unknown_entity_matches_nothing() -> None:
    """An entity or code nobody uses gives no claim."""
    assert ids(entity="ZZ") == []


def test_by_fiscal_year() -> None:
    """A fiscal year matches claims whose fiscal-year qualifier or value contains it."""
    assert ids(fiscal_year=2009) == [
        "carsi.assistance-committed.260m",
        "carsi.assistance-committed.fy2008-2010",
    ]
    assert ids(fiscal_year=2011) == []


def test_by_as_of_range() -> None:
    """An as-of range matches overlapping as-of dates, open at either end and to any precision."""
    assert ids(as_of_from="2011-03") == ["carsi.assistance-committed.260m"]
    assert ids(as_of_to="2011") == ["carsi.assistance-committed.260m"]
    assert ids(as_of_from="2011-03-15") == []
    assert ids(as_of_from="2010", as_of_to="2011-03-13") == []


def test_by_as_of_refuses_a_wrong_date() -> None:
    """A date that is not one is a ValueError naming the problem."""
    with pytest.raises(ValueError, match="'2011-02-30' is not a real calendar date"):
        DATASET.filter(as_of_from="2011-02-30")


def test_by_speaker() -> None:
    """speaker matches quotations of that speaker, not other claims in their voice."""
    assert ids(speaker="william-brownfield") == ["quote.brownfield.greatest-threat"]
    assert ids(speaker="hillary-clinton") == [
        "quote.clinton.every-citizen-entitled",
        "quote.clinton.committed-to-citizen-safety",
    ]


def test_by_voice() -> None:
    """voice matches any quote's voice; 'own' the source's own words."""
    assert ids(voice="william-brownfield") == [
        "quote.brownfield.greatest-threat",
        "central-america.cocaine-flow-share.up-to-95",
    ]
    assert ids(voice="us-department-of-state") == ["carsi.approach.builds-upon-existing-programs"]
    own = ids(voice="own")
    assert "carsi.approach.builds-upon-existing-programs" in own  # 002's own words
    assert "central-america.cocaine-flow-share.up-to-95" not in own
    assert not set(own) & set(ids(kind="quotation"))


def test_by_list() -> None:
    """list_id gives a list's count and items."""
    assert ids(list_id="carsi-interdiction-locations") == [
        "carsi.interdiction-locations.count",
        "carsi.interdiction-location-1.airports",
        "carsi.interdiction-location-2.ports-of-entry",
        "carsi.interdiction-location-3.littoral-waters-and-airspace",
        "carsi.interdiction-location-4.remote-areas",
    ]


def test_by_derived_and_inferred() -> None:
    """derived and inferred select claims that are (True) or are not (False) so."""
    assert ids(derived=True) == [
        "carsi.assistance-programming.count",
        "central-america.root-causes.count",
        "carsi.interdiction-locations.count",
    ]
    assert len(ids(derived=False)) == len(DATASET) - 3
    assert ids(inferred=True) == ["carsi.assistance-committed.260m"]
    assert "carsi.assistance-committed.165m" in ids(inferred=False)


def test_criteria_combine() -> None:
    """Every criterion given must hold."""
    assert ids(entity="colombia", kind="list_item", voice="own") == [
        "central-america.cooperation-sought-with-2.colombia"
    ]


def test_filter_on_an_empty_dataset() -> None:
    """An empty dataset answers every query with nothing."""
    assert Dataset().filter(entity="MX", fiscal_year=2010, voice="own") == []


def test_list_command_filters() -> None:
    """`list --entity MX --kind list_item` prints the two items naming Mexico."""
    code, out, err = cli("list", "--entity", "MX", "--kind", "list_item")
    assert (code, err) == (0, "")
    assert [line.split()[0] for line in out.splitlines()] == [
        "barack-obama.regional-partner-1.mexico",
        "central-america.cooperation-sought-with-3.mexico",
    ]
    code, out, _ = cli("list", "--voice", "own", "--derived", "--fiscal-year", "2010")
    assert (code, out) == (0, "")
    code, out, _ = cli("list", "--inferred", "--as-of-from", "2011", "--format", "json")
    assert code == 0
    assert '"id": "carsi.assistance-committed.260m"' in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--as-of-to", "2011-13"],
            "argument --as-of-to: '2011-13' is not a real calendar date: month 13 is out of "
            "range 1..12",
        ),
        (
            ["--fiscal-year", "FY10"],
            "argument --fiscal-year: expected a year such as 2010, found 'FY10'",
        ),
        (
            ["--entity", "mexco"],
            "--entity: no entity or country code 'mexco' in the dataset; did you mean 'mexico'?",
        ),
        (
            ["--speaker", "barack-obam"],
            "--speaker: no speaker 'barack-obam' in the dataset; did you mean 'barack-obama'?",
        ),
    ],
)
def test_list_refuses_bad_filters(argv: list[str], message: str) -> None:
    """A bad date or year, or a filter naming nothing in the dataset, is a usage error (exit 2)
    naming the argument."""
    code, out, err = cli("list", *argv)
    assert (code, out) == (2, "")
    assert err.rstrip().endswith(f"carsi-claims list: error: {message}")


def _mini(tmp_dataset: TmpDataset, text: str = MINI_YAML) -> Dataset:
    return load(tmp_dataset(text, MINI_SEEDS).claims)


def _ids(dataset: Dataset, **criteria: object) -> list[str]:
    return [c.id for c in dataset.filter(**criteria)]  # type: ignore[arg-type]


MINI_IDS = [
    "carsi.funding",
    "carsi.funding-years",
    "carsi.share",
    "carsi.goals",
    "carsi.clinton-together",
    "carsi.date",
]


def test_by_subject_property_and_status(tmp_dataset: TmpDataset) -> None:
    """subject, property and status match exactly (a Status or its text)."""
    dataset = _mini(tmp_dataset)
    assert _ids(dataset) == MINI_IDS
    assert _ids(dataset, subject="carsi") == MINI_IDS
    assert _ids(dataset, subject="clinton") == []
    assert _ids(dataset, property="goal-share") == ["carsi.share"]
    assert _ids(dataset, property="goal") == []
    assert _ids(dataset, status="active") == MINI_IDS
    assert _ids(dataset, status=Status.ACTIVE) == MINI_IDS
    assert _ids(dataset, status="retracted") == []
    retracted = mutate(
        "    property: goal-count\n",
        "    property: goal-count\n    status: retracted\n    reason: miscounted\n",
    )
    dataset = _mini(tmp_dataset, retracted)
    assert _ids(dataset, status=Status.RETRACTED) == ["carsi.goals"]
    assert _ids(dataset, status="active", subject="carsi") == [
        c for c in MINI_IDS if c != "carsi.goals"
    ]


def test_by_entity_finds_a_quotations_speaker(tmp_dataset: TmpDataset) -> None:
    """A quotation's speaker is one of its entities even when its quotes are in another
    voice."""
    dataset = _mini(tmp_dataset)
    assert _ids(dataset, entity="clinton") == ["carsi.clinton-together"]
    assert _ids(dataset, entity="carsi") == MINI_IDS
    text = mutate("    property: quotation\n", "    property: quotation\n    voice: src-voice\n")
    dataset = _mini(tmp_dataset, text)
    assert _ids(dataset, voice="clinton") == []
    assert _ids(dataset, voice="src-voice") == ["carsi.clinton-together"]
    assert _ids(dataset, entity="clinton") == ["carsi.clinton-together"]
    assert _ids(dataset, entity="src-voice") == ["carsi.clinton-together"]


def test_an_entity_id_wins_over_a_country_code(tmp_dataset: TmpDataset) -> None:
    """An entity id is taken as that entity even when it reads as another's country code."""
    text = mutate(
        "  - id: clinton\n",
        "  - id: us\n    name: The US programme\n    type: programme\n"
        "  - id: united-states\n    name: United States\n    type: country\n"
        "    iso3166: US\n"
        "  - id: clinton\n",
    )
    text = mutate(
        "    subject: carsi\n    property: goal-count\n",
        "    subject: us\n    property: goal-count\n",
        text,
    )
    text = mutate(
        "    subject: carsi\n    property: goal-share\n",
        "    subject: united-states\n    property: goal-share\n",
        text,
    )
    dataset = _mini(tmp_dataset, text)
    assert _ids(dataset, entity="us") == ["carsi.goals"]
    assert _ids(dataset, entity="US") == ["carsi.share"]
    assert _ids(dataset, entity="united-states") == ["carsi.share"]


def test_by_fiscal_year_includes_both_ends(tmp_dataset: TmpDataset) -> None:
    """Fiscal years 2008-2010 (a qualifier or a value) hold 2008 and 2010, not 2007 or 2011."""
    dataset = _mini(tmp_dataset)
    both = ["carsi.funding", "carsi.funding-years"]
    assert _ids(dataset, fiscal_year=2008) == both
    assert _ids(dataset, fiscal_year=2010) == both
    assert _ids(dataset, fiscal_year=2007) == []
    assert _ids(dataset, fiscal_year=2011) == []


def _as_of(tmp_dataset: TmpDataset, date: str) -> Dataset:
    """The mini dataset, its one as-of date (carsi.funding's) set to ``date``."""
    return _mini(tmp_dataset, mutate('as_of: "2011-03-14"', f'as_of: "{date}"'))


def test_by_as_of_range_includes_both_ends(tmp_dataset: TmpDataset) -> None:
    """A range ending or starting on the as-of day holds it; a day past either end does not."""
    dataset = _as_of(tmp_dataset, "2011-03-14")
    assert _ids(dataset, as_of_from="2011-03-14") == ["carsi.funding"]
    assert _ids(dataset, as_of_to="2011-03-14") == ["carsi.funding"]
    assert _ids(dataset, as_of_from="2011-03-14", as_of_to="2011-03-14") == ["carsi.funding"]
    assert _ids(dataset, as_of_from="2011-03-15") == []
    assert _ids(dataset, as_of_to="2011-03-13") == []
    assert _ids(dataset, as_of_from=PartialDate(2011, 3, 14)) == ["carsi.funding"]
    assert _ids(dataset, as_of_to=PartialDate(2011, 3)) == ["carsi.funding"]
    assert _ids(dataset, as_of_from=PartialDate(2011, 4)) == []


def test_by_as_of_range_from_a_year_or_a_month_starts_on_its_first_day(
    tmp_dataset: TmpDataset,
) -> None:
    """From 2011 or 2011-01 starts on 1 January; from 2011-03 on 1 March."""
    dataset = _as_of(tmp_dataset, "2011-01-01")
    assert _ids(dataset, as_of_from="2011") == ["carsi.funding"]
    assert _ids(dataset, as_of_from="2011-01") == ["carsi.funding"]
    assert _ids(dataset, as_of_to="2010") == []
    dataset = _as_of(tmp_dataset, "2011-02-28")
    assert _ids(dataset, as_of_from="2011-03") == []
    assert _ids(dataset, as_of_to="2011-02") == ["carsi.funding"]


def test_by_as_of_range_to_a_month_or_a_year_ends_on_its_last_day(
    tmp_dataset: TmpDataset,
) -> None:
    """To 2012-02 ends on the 29th (a leap year), to 2011-04 on the 30th, to 2011 on
    31 December; an as-of month or year spans all its days."""
    dataset = _as_of(tmp_dataset, "2012-02-29")
    assert _ids(dataset, as_of_from="2012-02-29", as_of_to="2012-02") == ["carsi.funding"]
    dataset = _as_of(tmp_dataset, "2011-04-30")
    assert _ids(dataset, as_of_to="2011-04", as_of_from="2011-04-30") == ["carsi.funding"]
    dataset = _as_of(tmp_dataset, "2011-12-31")
    assert _ids(dataset, as_of_from="2011-12-31", as_of_to="2011") == ["carsi.funding"]
    dataset = _as_of(tmp_dataset, "2012-02")
    assert _ids(dataset, as_of_from="2012-02-29") == ["carsi.funding"]
    assert _ids(dataset, as_of_to="2012-02-01") == ["carsi.funding"]
    assert _ids(dataset, as_of_from="2012-03-01") == []
    assert _ids(dataset, as_of_to="2012-01-31") == []
    dataset = _as_of(tmp_dataset, "2011")
    assert _ids(dataset, as_of_from="2011-12-31") == ["carsi.funding"]
    assert _ids(dataset, as_of_to="2011-01-01") == ["carsi.funding"]
    assert _ids(dataset, as_of_from="2012-01-01") == []
