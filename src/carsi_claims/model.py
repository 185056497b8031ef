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

__all__ = [
    "ID_PATTERN",
    "MAX_ID_LEN",
    "VALUE_TYPES",
    "Bound",
    "Claim",
    "ClaimKind",
    "Count",
    "CoverageIgnore",
    "DateValue",
    "Entity",
    "Evidence",
    "FiscalYears",
    "ListItem",
    "Money",
    "PartialDate",
    "Percentage",
    "Provenance",
    "Qualifiers",
    "Quotation",
    "Resolution",
    "ResolutionKind",
    "Source",
    "Statement",
    "Status",
    "Value",
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
    """How a stated figure relates to the true one ("up to 95%" is UP_TO 95)."""

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
        import calendar

        if not 1 <= self.year <= 9999:
            return f"year {self.year} is out of range 1..9999"
        if self.month is None:
            return "a day without a month" if self.day is not None else None
        if not 1 <= self.month <= 12:
            return f"month {self.month} is out of range 1..12"
        if self.day is None:
            return None
        last = calendar.monthrange(self.year, self.month)[1]
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


@attrs.frozen
class Money:
    """An amount of money: ``amount`` in whole units of ISO 4217 ``currency``."""

    amount: Decimal
    currency: str = "USD"
    bound: Bound = Bound.EXACT
    tolerance: Decimal | None = None


@attrs.frozen
class Percentage:
    """A percentage, 0..100."""

    value: Decimal
    bound: Bound = Bound.EXACT
    tolerance: Decimal | None = None


@attrs.frozen
class Count:
    """A number of things ("Five Goals", "Seven Unique Nations")."""

    value: int
    bound: Bound = Bound.EXACT
    tolerance: int | None = None
    #: The list (a ``ListItem.list`` id) whose length this counts, if any.
    list: str | None = None


@attrs.frozen
class DateValue:
    """A date, with its precision."""

    date: PartialDate


@attrs.frozen
class FiscalYears:
    """An inclusive span of US federal fiscal years ("Fiscal Years 2008-2010")."""

    start: int
    end: int


@attrs.frozen
class Quotation:
    """Words attributed to a speaker (an entity id), with the role given them."""

    text: str
    speaker: str
    role: str | None = None


@attrs.frozen
class Statement:
    """A proposition stated in words."""

    text: str


@attrs.frozen
class ListItem:
    """One item of a numbered or bulleted list, by list id and 1-based ordinal."""

    list: str
    ordinal: int
    text: str


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


# -- claims -------------------------------------------------------------------


@attrs.frozen
class Qualifiers:
    """What narrows the question a claim answers.

    ``None`` means *not stated by the source*: unknown, not zero or false.
    """

    as_of: PartialDate | None = None
    fiscal_years: FiscalYears | None = None
    cumulative: bool | None = None
    scope: str | None = None


@attrs.frozen
class Provenance:
    """Where a claim stands: ``text[start:end] == quote`` in the decoded source.

    Offsets count Unicode code points; ``end`` is exclusive (as in W3C Web
    Annotation's TextPositionSelector, with the quote as TextQuoteSelector).
    """

    source: str
    quote: str
    start: int
    end: int


@attrs.frozen
class Claim:
    """One claim a source makes, typed by ``kind``, with its provenance."""

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


@attrs.frozen
class Source:
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


@attrs.frozen
class Entity:
    """A person or body; ``aliases`` are other spellings of the same name."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    note: str | None = None


@attrs.frozen
class Evidence:
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


@attrs.frozen
class Resolution:
    """An explicit, reasoned record that some claims differ on purpose."""

    id: str
    claims: tuple[str, ...]
    kind: ResolutionKind
    rationale: str
    preferred: str | None = None
    evidence: tuple[Evidence, ...] = ()


@attrs.frozen
class CoverageIgnore:
    """A figure mention in a source that is deliberately not a claim."""

    source: str
    quote: str
    reason: str
