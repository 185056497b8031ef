"""A small dataset that reaches every kind of content the static site shows.

Built in memory (no YAML): two readable sources, one that no claim quotes and
without figures, one whose file is missing; nested, identical and misplaced
quotes, figures covered, ignored and uncovered,
retracted claims (with a successor, with a chain of successors, with none),
lists, conflicts resolved and unresolved, a stale resolution, corrections,
voices, inferred qualifiers and evidence inside and outside the sources.
``tests/test_site_pinned.py`` pins the pages built from it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from _mini import SEED
from carsi_claims.dataset import Dataset
from carsi_claims.model import (
    Basis,
    Bound,
    Claim,
    ClaimKind,
    Correction,
    Count,
    CoverageIgnore,
    DateValue,
    Entity,
    EntityType,
    Evidence,
    FiscalYears,
    Inference,
    ListItem,
    Money,
    PartialDate,
    Percentage,
    Provenance,
    QualifierName,
    Qualifiers,
    Quotation,
    RelationKind,
    Resolution,
    ResolutionKind,
    Source,
    SourceRelation,
    Statement,
    Status,
)

#: The second source: long enough that a quote's context is cut, on a line
#: break on one side and at a word (with an ellipsis) on the other.
SEED_B = (
    "Central America Regional Security Initiative: budget notes\n"
    "The programme began in 2008 and its partners met again in 2009 to review the work "
    "done in each of the seven countries of the region, the lessons learned and the needs "
    "still open, and they agreed to report back within a year on the state of the "
    "programmes. Officials said that CARSI has received $165 million so far, which "
    "covers the first goals of the programme and some of the training of police forces "
    "in the region, the equipment of border posts, the vetting of units and a great deal "
    "of other work that the partners planned for the coming years together with others.\n"
    "Goals:\n"
    "1. Create safe streets.\n"
    "2. Disrupt the movement of criminals.\n"
    "It also spent 12 million on radios and 40 percent of it on training.\n"
    "At least EUR 3 million came from others, and GTQ 3 million from Guatemala.\n"
    "“We gave the police $5 million,” said Secretary Clinton.\n"
    "It trained 300 officers.\n"
)

SEEDS = {"a.txt": SEED, "b.txt": SEED_B, "c.txt": "Words only, and no claim quotes them.\n"}
CLAIMS_BYTES = b"the pinned claims file\n"


def _at(
    text: str, quote: str, source: str, voice: str | None = None, start: int | None = None
) -> Provenance:
    start = text.index(quote) if start is None else start
    return Provenance(source, quote, start, start + len(quote), voice=voice)


def _a(quote: str, voice: str | None = None) -> Provenance:
    return _at(SEED, quote, "src-a", voice)


def _b(quote: str) -> Provenance:
    return _at(SEED_B, quote, "src-b")


def _off(p: Provenance) -> Provenance:
    """``p`` one character off: its quote no longer stands at its offsets."""
    return Provenance(p.source, p.quote, p.start + 1, p.end + 1)


def rich_dataset(seeds_dir: Path) -> Dataset:
    """The dataset, reading its sources from ``seeds_dir`` (where ``SEEDS`` are written)."""
    sources = (
        Source(
            "src-a",
            "a.txt",
            "0" * 64,
            "A shared partnership",
            "fact-sheet",
            published=PartialDate(2011, 3, 14),
        ),
        Source(
            "src-b",
            "b.txt",
            "1" * 64,
            "Budget <notes> & more",
            "news",
            publisher="Gazette & Co",
            url="https://example.org/b?x=1&y=2",
            note="A page that names no date.",
            relations=(SourceRelation(RelationKind.COMPANION_OF, "src-a", "same series"),),
        ),
        Source("src-c", "c.txt", "3" * 64, "Words only", "note"),
        Source(
            "src-gone",
            "missing.txt",
            "2" * 64,
            "A source whose file is missing from the seeds folder, with a title long enough "
            "to be cut short",
            "report",
            published=PartialDate(2010),
        ),
    )
    entities = (
        Entity(
            "carsi",
            "Central America Regional Security Initiative",
            type=EntityType.PROGRAMME,
        ),
        Entity(
            "clinton",
            "Hillary Rodham Clinton",
            aliases=("Secretary Clinton", "H. R. Clinton"),
            roles=("Secretary of State",),
            note="Spoke on <March> 14.",
            type=EntityType.PERSON,
        ),
        Entity("nobody-quoted", "An entity no claim names"),
        Entity("guatemala", "Guatemala", type=EntityType.COUNTRY),
        Entity("state", "U.S. Department of State", type=EntityType.ORGANISATION),
        Entity("central-america", "Central America", type=EntityType.REGION),
    )
    as_of = PartialDate(2011, 3, 14)
    claims = (
        Claim(
            "carsi.funding",
            ClaimKind.MONEY,
            "carsi",
            "funding",
            Money(Decimal(260000000), precision=Decimal(1000000)),
            (_a("$260 million"),),
            qualifiers=Qualifiers(
                as_of=as_of,
                fiscal_years=FiscalYears(2008, 2010),
                cumulative=True,
                inferred=(
                    Inference(
                        QualifierName.AS_OF, Basis.DATELINE, claim="carsi.date", note="“to date”"
                    ),
                ),
            ),
            note="Counted <once> & only once.",
        ),
        Claim(
            "carsi.funding-165m",
            ClaimKind.MONEY,
            "carsi",
            "funding",
            Money(Decimal(165000000), precision=Decimal(1000000)),
            (_b("$165 million"),),
            qualifiers=Qualifiers(
                as_of=as_of, fiscal_years=FiscalYears(2008, 2010), cumulative=True
            ),
        ),
        Claim(
            "carsi.funding-years",
            ClaimKind.FISCAL_YEARS,
            "carsi",
            "funding-years",
            FiscalYears(2008, 2010),
            (_a("Fiscal Years 2008-2010"),),
        ),
        Claim(
            "carsi.received",
            ClaimKind.STATEMENT,
            "carsi",
            "received",
            Statement("CARSI has received $260 million in Fiscal Years 2008-2010."),
            (_a("CARSI has received $260 million in Fiscal Years 2008-2010."),),
        ),
        Claim(
            "carsi.received-money",
            ClaimKind.STATEMENT,
            "carsi",
            "received-money",
            Statement("received $260 million"),
            (_a("received $260 million"),),
        ),
        Claim(
            "carsi.share",
            ClaimKind.PERCENTAGE,
            "carsi",
            "goal-share",
            Percentage(Decimal(95), bound=Bound.UP_TO, tolerance=Decimal(2)),
            (_a("Up to 95%"),),
            qualifiers=Qualifiers(scope="the <Five> Goals"),
        ),
        Claim(
            "carsi.share-again",
            ClaimKind.PERCENTAGE,
            "src-a",
            "goal-share-of-source",
            Percentage(Decimal(95), bound=Bound.UP_TO),
            (_a("Up to 95%"),),
        ),
        Claim(
            "carsi.goals",
            ClaimKind.COUNT,
            "carsi",
            "goal-count",
            Count(5, list="goals"),
            (_a("Five Goals"),),
            mentions=("clinton",),
            heading=True,
            derived=True,
        ),
        Claim(
            "carsi.goal-1",
            ClaimKind.LIST_ITEM,
            "carsi",
            "goal",
            ListItem("goals", 1, "Create safe streets"),
            (_b("Create safe streets"),),
        ),
        Claim(
            "carsi.goal-2",
            ClaimKind.LIST_ITEM,
            "carsi",
            "goal",
            ListItem("goals", 2, "Disrupt the movement of criminals"),
            (_b("Disrupt the movement of criminals"),),
            status=Status.RETRACTED,
            reason="read from the wrong line",
        ),
        Claim(
            "carsi.goal-1-again",
            ClaimKind.LIST_ITEM,
            "carsi",
            "goal",
            ListItem("goals", 1, "Five Goals"),
            (_a("Five Goals"),),
        ),
        Claim(
            "carsi.clinton-together",
            ClaimKind.QUOTATION,
            "clinton",
            "quotation",
            Quotation("We stand together", "clinton", "Secretary of State"),
            (_a("“We stand together,” said Secretary Clinton"),),
            voice="clinton",
        ),
        Claim(
            "carsi.unknown-speaker",
            ClaimKind.QUOTATION,
            "somebody",
            "quotation",
            Quotation("We stand", "somebody"),
            (_a("We stand", voice="a-voice"),),
            voice="a-voice",
        ),
        Claim(
            "carsi.date",
            ClaimKind.DATE,
            "carsi",
            "statement-date",
            DateValue(PartialDate(2011, 3, 14)),
            (_off(_a("March 14, 2011")),),
        ),
        Claim(
            "carsi.everywhere",
            ClaimKind.STATEMENT,
            "carsi",
            "everywhere",
            Statement("CARSI"),
            (
                _a("CARSI"),
                _at(SEED, "CARSI", "src-a", start=SEED.index("CARSI has")),
                _b("CARSI"),
                Provenance("src-gone", "CARSI", 0, 5),
                Provenance("src-nowhere", "CARSI", 0, 5),
            ),
        ),
        Claim(
            "carsi.old",
            ClaimKind.STATEMENT,
            "carsi",
            "old",
            Statement("a shared partnership"),
            (_a("a shared partnership"),),
            status=Status.RETRACTED,
            reason="too broad",
            superseded_by="carsi.older",
        ),
        Claim(
            "carsi.older",
            ClaimKind.STATEMENT,
            "carsi",
            "old",
            Statement("shared partnership"),
            (_a("shared partnership"),),
            status=Status.RETRACTED,
            superseded_by="carsi.received",
        ),
        Claim(
            "carsi.gone",
            ClaimKind.STATEMENT,
            "carsi",
            "gone",
            Statement("partnership"),
            (_a("partnership"),),
            status=Status.RETRACTED,
        ),
        Claim(
            "carsi.nature-a",
            ClaimKind.STATEMENT,
            "carsi",
            "nature",
            Statement("CARSI is a shared partnership"),
            (_a("CARSI: a shared partnership"),),
            qualifiers=Qualifiers(as_of=PartialDate(2011)),
        ),
        Claim(
            "carsi.nature-b",
            ClaimKind.STATEMENT,
            "carsi",
            "nature",
            Statement("CARSI is a partnership of nations"),
            (_b("Central America Regional Security Initiative"),),
        ),
        Claim(
            "carsi.radios",
            ClaimKind.STATEMENT,
            "guatemala",
            "radios",
            Statement("It also spent 12 million on radios and 40"),
            (_b("It also spent 12 million on radios and 40"),),
        ),
        Claim(
            "carsi.from-others",
            ClaimKind.MONEY,
            "central-america",
            "from-others",
            Money(Decimal(3000000), "EUR", Bound.AT_LEAST, tolerance=Decimal(500000)),
            (_b("At least EUR 3 million"),),
        ),
        Claim(
            "carsi.from-others-exact",
            ClaimKind.MONEY,
            "state",
            "from-others-exact",
            Money(Decimal(3000000), "GTQ"),
            (_b("GTQ 3 million"),),
        ),
        Claim(
            "carsi.police",
            ClaimKind.MONEY,
            "carsi",
            "police",
            Money(Decimal(5000000)),
            (_b("$5 million"),),
        ),
    )
    resolutions = (
        Resolution(
            "res.funding",
            ("carsi.funding", "carsi.funding-165m"),
            ResolutionKind.DIFFERENT_AS_OF,
            "The <later> figure & the earlier one.",
            preferred="carsi.funding",
            evidence=(
                Evidence(claim="carsi.funding-years"),
                Evidence(
                    title="A report",
                    publisher="An office",
                    date=PartialDate(2012, 1),
                    identifier="GAO-12-1",
                    url="https://example.org/report",
                    quote="a <quoted> line",
                ),
                Evidence(title="A bare note"),
            ),
        ),
        Resolution(
            "res.stale",
            ("carsi.share", "carsi.no-such-claim"),
            ResolutionKind.UNDETERMINED,
            "Nothing to resolve.",
        ),
    )
    return Dataset(
        sources=sources,
        entities=entities,
        claims=claims,
        resolutions=resolutions,
        coverage_ignores=(
            CoverageIgnore("src-b", "seven countries", "the region's <members>, not a claim"),
        ),
        corrections=(
            Correction("carsi.funding", "m1:aa", "m1:bb", "the quote's <typo> is fixed"),
            Correction("carsi.funding", "m1:bb", "m1:cc", "a second fix"),
        ),
        seeds_dir=seeds_dir,
    )
