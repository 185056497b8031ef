"""The data model: sources, entities, claims with typed values, resolutions.

Every class is a frozen attrs class; instances compare by value.  The model
holds data only: whether a record is *valid* (ranges, references, quotes)
is the business of :mod:`carsi_claims.checks`, so that every problem in a
file is reported at once instead of the first one raising.
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from typing import Final, TypeAlias

import attrs

from carsi_claims._records import Record

__all__ = [
    "DEFAULT_RELATIVE_TOLERANCE",
    "ID_PATTERN",
    "MAX_ID_LEN",
    "OWN_VOICE",
    "VALUE_TYPES",
    "Basis",
    "Bound",
    "Claim",
    "ClaimKind",
    "Correction",
    "Count",
    "CoverageIgnore",
    "DateValue",
    "Entity",
    "EntityType",
    "Evidence",
    "FiscalYears",
    "Inference",
    "Interval",
    "ListItem",
    "Money",
    "Numeric",
    "PartialDate",
    "Percentage",
    "Pin",
    "Provenance",
    "QualifierName",
    "Qualifiers",
    "Quotation",
    "RelationKind",
    "Resolution",
    "ResolutionKind",
    "Source",
    "SourceRelation",
    "Statement",
    "Status",
    "Value",
    "interval",
    "is_valid_id",
]


#: Lowercase ASCII words joined by ``-``, ``.`` or ``_``, at most 80 characters.
ID_PATTERN: Final = re.compile(r"[a-z0-9]+(?:[-._][a-z0-9]+)*", re.ASCII)
#: The longest id, in characters.
MAX_ID_LEN: Final = 80


def is_valid_id(value: str) -> bool:
    """Whether ``value`` is a well-formed id (matched whole: no trailing newline)."""
    return len(value) <= MAX_ID_LEN and ID_PATTERN.fullmatch(value) is not None


class Bound(enum.StrEnum):
    """How a stated figure relates to the true one ("up to 95%" is UP_TO 95).

    ``EXACT`` means the source uses no comparator ("$260 million"); how
    finely the figure is stated is its ``precision``, not its bound.
    """

    EXACT = "exact"
    UP_TO = "up_to"
    AT_LEAST = "at_least"
    APPROXIMATELY = "approximately"


class ClaimKind(enum.StrEnum):
    """What sort of value a claim carries; decides the type of ``Claim.value``."""

    MONEY = "money"
    PERCENTAGE = "percentage"
    COUNT = "count"
    DATE = "date"
    FISCAL_YEARS = "fiscal_years"
    QUOTATION = "quotation"
    STATEMENT = "statement"
    LIST_ITEM = "list_item"


class Status(enum.StrEnum):
    """A claim is active, or retracted (never deleted: its id stays citable)."""

    ACTIVE = "active"
    RETRACTED = "retracted"


class EntityType(enum.StrEnum):
    """What sort of thing an entity is."""

    PERSON = "person"
    COUNTRY = "country"
    ORGANISATION = "organisation"
    PROGRAMME = "programme"
    REGION = "region"


class RelationKind(enum.StrEnum):
    """How one source stands to another.

    ``VERSION_OF``: the same text in another version (sentences in common,
    some words or figures differ); ``REPRINT_OF``: the other's text
    reproduced, differing only in typography or page furniture;
    ``COMPANION_OF``: a document of the same series (shared template or
    paragraphs, different content).
    """

    VERSION_OF = "version_of"
    REPRINT_OF = "reprint_of"
    COMPANION_OF = "companion_of"


class QualifierName(enum.StrEnum):
    """The qualifiers of a claim, by the name of their field in :class:`Qualifiers`."""

    AS_OF = "as_of"
    FISCAL_YEARS = "fiscal_years"
    CUMULATIVE = "cumulative"
    SCOPE = "scope"


class Basis(enum.StrEnum):
    """What an inferred qualifier is read from.

    ``DATELINE``: the document's own date (an as-of date for "to date");
    ``CONTEXT``: the text around the quote (a heading, a preceding sentence).
    """

    DATELINE = "dateline"
    CONTEXT = "context"


class ResolutionKind(enum.StrEnum):
    """Why two or more claims that answer the same question may differ."""

    DIFFERENT_AS_OF = "different_as_of"
    DIFFERENT_SCOPE = "different_scope"
    WORDING_VARIANT = "wording_variant"
    WORDING_REVISED = "wording_revised"
    SOURCE_ERROR = "source_error"
    MISATTRIBUTION = "misattribution"
    UNDETERMINED = "undetermined"


_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", re.ASCII)


def days_in_month(year: int, month: int) -> int:
    """The number of days of ``month`` (1-12) of ``year`` in the Gregorian calendar
    (``calendar.monthrange(year, month)[1]``, without importing calendar and locale)."""
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


@attrs.frozen(order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    Written ``2011``, ``2011-03`` or ``2011-03-14``.  Whether it is a *real*
    date (no 30 February) is checked by :func:`PartialDate.parse` and by the
    record checks, not by the constructor.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """``"day"``, ``"month"`` or ``"year"``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError otherwise."""
        m = _PARTIAL_DATE.fullmatch(text)
        if m is None:
            raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found {text!r}")
        year = int(m[1])
        month = int(m[2]) if m[2] else None
        day = int(m[3]) if m[3] else None
        result = cls(year, month, day)
        problem = result.problem()
        if problem:
            raise ValueError(f"{text!r} is not a real calendar date: {problem}")
        return result

    def problem(self) -> str | None:
        """Why this is not a real calendar date, or None when it is one."""
        if not 1 <= self.year <= 9999:
            return f"year {self.year} is out of range 1..9999"
        if self.month is None:
            return "a day without a month" if self.day is not None else None
        if not 1 <= self.month <= 12:
            return f"month {self.month} is out of range 1..12"
        if self.day is None:
            return None
        last = days_in_month(self.year, self.month)
        if not 1 <= self.day <= last:
            return f"day {self.day} is out of range 1..{last} for {self.year}-{self.month:02d}"
        return None

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


# -- values -----------------------------------------------------------------


@attrs.frozen(repr=False, eq=False)
class Money(Record):
    """An amount of money: ``amount`` in whole units of ISO 4217 ``currency``.

    ``precision`` is the unit the figure is stated to ("$260 million": 1000000);
    None when the figure is exact (the source says "exactly").  ``tolerance``
    is an uncertainty the source states.  :func:`interval` gives what it means.
    """

    amount: Decimal
    currency: str = "USD"
    bound: Bound = Bound.EXACT
    tolerance: Decimal | None = None
    precision: Decimal | None = None


@attrs.frozen(repr=False, eq=False)
class Percentage(Record):
    """A percentage, 0..100; ``precision`` as for :class:`Money` ("95%": 1)."""

    value: Decimal
    bound: Bound = Bound.EXACT
    tolerance: Decimal | None = None
    precision: Decimal | None = None


@attrs.frozen(repr=False, eq=False)
class Count(Record):
    """A number of things ("Five Goals", "Seven Unique Nations")."""

    value: int
    bound: Bound = Bound.EXACT
    tolerance: int | None = None
    #: The list (a ``ListItem.list`` id) whose length this counts, if any.
    list: str | None = None
    #: The unit the number is stated to ("about 200" may be stated to the
    #: hundred); None for a number of things counted exactly ("Five Goals").
    precision: int | None = None


@attrs.frozen(repr=False, eq=False)
class DateValue(Record):
    """A date, with its precision."""

    date: PartialDate


@attrs.frozen(repr=False, eq=False)
class FiscalYears(Record):
    """An inclusive span of US federal fiscal years ("Fiscal Years 2008-2010")."""

    start: int
    end: int


@attrs.frozen(repr=False, eq=False)
class Quotation(Record):
    """Words attributed to a speaker (an entity id), with the role given them."""

    text: str
    speaker: str
    role: str | None = None


@attrs.frozen(repr=False, eq=False)
class Statement(Record):
    """A proposition stated in words."""

    text: str


@attrs.frozen(repr=False, eq=False)
class ListItem(Record):
    """One item of a numbered or bulleted list, by list id and 1-based ordinal."""

    list: str
    ordinal: int
    text: str


#: The values that stand for a number (see :func:`interval`).
Numeric: TypeAlias = Money | Percentage | Count

Value: TypeAlias = (
    Money | Percentage | Count | DateValue | FiscalYears | Quotation | Statement | ListItem
)

VALUE_TYPES: Final[dict[ClaimKind, type[Value]]] = {
    ClaimKind.MONEY: Money,
    ClaimKind.PERCENTAGE: Percentage,
    ClaimKind.COUNT: Count,
    ClaimKind.DATE: DateValue,
    ClaimKind.FISCAL_YEARS: FiscalYears,
    ClaimKind.QUOTATION: Quotation,
    ClaimKind.STATEMENT: Statement,
    ClaimKind.LIST_ITEM: ListItem,
}


# -- numbers as intervals -------------------------------------------------------

#: The half-width of an ``approximately`` figure without a stated tolerance,
#: relative to the figure.
DEFAULT_RELATIVE_TOLERANCE: Final = Decimal("0.1")
_HUNDRED: Final = Decimal(100)
_INF: Final = Decimal("Infinity")


@attrs.frozen(repr=False, eq=False)
class Interval(Record):
    """A closed interval; ``high`` may be +infinity."""

    low: Decimal
    high: Decimal

    def meets(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    def contains(self, x: Decimal) -> bool:
        return self.low <= x <= self.high


def interval(value: Numeric) -> Interval:
    """The interval a numeric value stands for.

    A figure stated to a ``precision`` p stands for x +/- p/2 ("$260 million",
    precision 1000000, is [259500000, 260500000]); without one it is x.  The
    bound then gives the shape: ``exact`` that interval; ``up_to`` from 0 to
    its top; ``at_least`` from its bottom up (to 100 for a percentage);
    ``approximately`` widened by the stated ``tolerance``, else by
    :data:`DEFAULT_RELATIVE_TOLERANCE` of x.  A stated ``tolerance`` widens
    the interval of any bound.  The result is clipped to [0, +inf] (to
    [0, 100] for a percentage).
    """
    if isinstance(value, Count):
        x = Decimal(value.value)
    else:
        x = value.amount if isinstance(value, Money) else value.value
    half = Decimal(value.precision) / 2 if value.precision is not None else Decimal(0)
    ceiling = _HUNDRED if isinstance(value, Percentage) else _INF
    tol = Decimal(value.tolerance) if value.tolerance is not None else None
    if value.bound is Bound.UP_TO:
        low, high = Decimal(0), x + half
    elif value.bound is Bound.AT_LEAST:
        low, high = x - half, ceiling
    else:
        low, high = x - half, x + half
        if value.bound is Bound.APPROXIMATELY and tol is None:
            tol = abs(x) * DEFAULT_RELATIVE_TOLERANCE
    if tol is not None:
        low, high = low - tol, high + tol
    return Interval(max(low, Decimal(0)), min(high, ceiling))


# -- claims -------------------------------------------------------------------


@attrs.frozen(repr=False, eq=False)
class Inference(Record):
    """A qualifier the source does not state in the quote, and what it is read from.

    ``claim`` is the claim that states the premise, where there is one (the
    dateline's date claim for an as-of date read from the dateline).
    """

    qualifier: QualifierName
    basis: Basis
    claim: str | None = None
    note: str | None = None


@attrs.frozen(repr=False, eq=False)
class Qualifiers(Record):
    """What narrows the question a claim answers.

    ``None`` means *not stated by the source*: unknown, not zero or false.  A
    qualifier listed in ``inferred`` is not stated in the quote but read from
    elsewhere (see :class:`Inference`); every other one is stated.
    """

    as_of: PartialDate | None = None
    fiscal_years: FiscalYears | None = None
    cumulative: bool | None = None
    scope: str | None = None
    inferred: tuple[Inference, ...] = ()

    def inference(self, name: QualifierName | str) -> Inference | None:
        """How the qualifier ``name`` was inferred, or None when it is stated (or absent)."""
        for inference in self.inferred:
            if inference.qualifier == name:
                return inference
        return None

    def is_stated(self, name: QualifierName | str) -> bool:
        """Whether the qualifier ``name`` has a value the source states."""
        present = getattr(self, QualifierName(name).value) is not None
        return present and self.inference(name) is None

    def stated(self) -> Qualifiers:
        """These qualifiers without the inferred ones: what the sources state."""
        if not self.inferred:
            return self
        return Qualifiers(
            as_of=None if self.inference(QualifierName.AS_OF) else self.as_of,
            fiscal_years=None if self.inference(QualifierName.FISCAL_YEARS) else self.fiscal_years,
            cumulative=None if self.inference(QualifierName.CUMULATIVE) else self.cumulative,
            scope=None if self.inference(QualifierName.SCOPE) else self.scope,
        )


@attrs.frozen(repr=False, eq=False)
class Provenance(Record):
    """Where a claim stands: ``text[start:end] == quote`` in the decoded source.

    Offsets count Unicode code points; ``end`` is exclusive (as in W3C Web
    Annotation's TextPositionSelector, with the quote as TextQuoteSelector).
    """

    source: str
    quote: str
    start: int
    end: int
    #: Whose words the quote is in this source, when that differs from the
    #: claim's voice (an entity id; see :attr:`Claim.voice`).
    voice: str | None = None


#: The voice of a claim the source makes itself, as queries name it.
OWN_VOICE: Final = "own"


@attrs.frozen(repr=False, eq=False)
class Claim(Record):
    """One claim a source makes, typed by ``kind``, with its provenance.

    ``voice`` is whose assertion it is: None for the source's own, else the
    entity the source quotes or reports (a quotation's voice is its
    speaker).  ``mentions`` are the entities its quotes name besides its
    subject and voice.  ``heading`` marks a claim whose quote is a section
    heading; ``derived`` a value not stated but derived from what the quotes
    state (the number of a list's items).
    """

    id: str
    kind: ClaimKind
    subject: str
    property: str
    value: Value
    provenance: tuple[Provenance, ...]
    qualifiers: Qualifiers = Qualifiers()
    status: Status = Status.ACTIVE
    superseded_by: str | None = None
    reason: str | None = None
    note: str | None = None
    voice: str | None = None
    mentions: tuple[str, ...] = ()
    heading: bool = False
    derived: bool = False

    def voice_at(self, provenance: Provenance) -> str | None:
        """Whose words one quote is: an entity id, or None for the source's own voice."""
        if provenance.voice is not None:
            return provenance.voice
        return self._own_voice()

    def _own_voice(self) -> str | None:
        """The voice of a quote that names none: the claim's, else a quotation's speaker."""
        if self.voice is not None:
            return self.voice
        return self.value.speaker if isinstance(self.value, Quotation) else None

    # Methods, not properties: the field ``property`` shadows the builtin here.
    def voices(self) -> tuple[str | None, ...]:
        """The distinct voices of the claim's quotes, in provenance order (with no quote,
        the voice a quote would have)."""
        if not self.provenance:
            return (self._own_voice(),)
        return tuple(dict.fromkeys(self.voice_at(p) for p in self.provenance))

    def is_inferred(self) -> bool:
        """Whether any qualifier is inferred rather than stated."""
        return bool(self.qualifiers.inferred)


@attrs.frozen(repr=False, eq=False)
class Source(Record):
    """A document in the seeds folder, pinned by the sha256 of its bytes."""

    id: str
    path: str
    sha256: str
    title: str
    kind: str
    publisher: str | None = None
    published: PartialDate | None = None
    url: str | None = None
    note: str | None = None
    relations: tuple[SourceRelation, ...] = ()


@attrs.frozen(repr=False, eq=False)
class SourceRelation(Record):
    """A relation of a source to another source, with the evidence in ``note``."""

    kind: RelationKind
    source: str
    note: str


@attrs.frozen(repr=False, eq=False)
class Entity(Record):
    """A person, country, organisation, programme or region.

    ``aliases`` are other spellings of the same name; ``iso3166`` is a
    country's ISO 3166-1 alpha-2 code.
    """

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    note: str | None = None
    type: EntityType | None = None
    iso3166: str | None = None


@attrs.frozen(repr=False, eq=False)
class Evidence(Record):
    """Support for a resolution.

    With ``claim`` it points at a claim of the dataset (verified against the
    seeds through that claim's provenance).  Without it, it cites a document
    outside ``seeds/``, which cannot be verified against local text.
    """

    claim: str | None = None
    title: str | None = None
    publisher: str | None = None
    date: PartialDate | None = None
    identifier: str | None = None
    url: str | None = None
    quote: str | None = None

    @property
    def verifiable(self) -> bool:
        return self.claim is not None


@attrs.frozen(repr=False, eq=False)
class Pin(Record):
    """The meaning fingerprint a claim had when a resolution naming it was reviewed."""

    claim: str
    fingerprint: str


@attrs.frozen(repr=False, eq=False)
class Resolution(Record):
    """An explicit, reasoned record that some claims differ on purpose."""

    id: str
    claims: tuple[str, ...]
    kind: ResolutionKind
    rationale: str
    preferred: str | None = None
    evidence: tuple[Evidence, ...] = ()
    #: The fingerprints of its claims when it was last reviewed (``carsi-claims pin``).
    pins: tuple[Pin, ...] = ()


@attrs.frozen(repr=False, eq=False)
class CoverageIgnore(Record):
    """A figure mention in a source that is deliberately not a claim."""

    source: str
    quote: str
    reason: str


@attrs.frozen(repr=False, eq=False)
class Correction(Record):
    """A reasoned correction of a published claim that keeps what it asserts.

    ``old`` and ``new`` are the claim's meaning fingerprints before and after
    (a typo in a quote the value does not depend on, say); the lock records it.
    """

    claim: str
    old: str
    new: str
    reason: str
