"""Hypothesis strategies that generate *valid* records and datasets of the schema.

Published so that other projects can test against the schema of
:mod:`carsi_claims.model`.  Importing this module requires
`hypothesis <https://hypothesis.readthedocs.io>`_ (the ``strategies`` extra: ``pip install
"carsi-claims[strategies]"``; without it the import fails with that hint), a test dependency that
``carsi_claims`` itself does not need: nothing in the package imports this
module, so ``import carsi_claims`` never pulls hypothesis in.

Every generated record passes the record, id and reference checks:

- ids match :data:`carsi_claims.checks.ids.ID_PATTERN`;
- dates are real calendar dates (years 1000..9999, as the renderer needs);
- amounts and percentages are finite, non-negative, with at most two
  decimal places (percentages within 0..100); tolerances are non-negative;
- fiscal-year spans have ``start <= end``;
- every source, entity, list and claim that a record names exists.

:func:`datasets` draws a consistent :class:`~carsi_claims.dataset.Dataset`
whose provenance offsets are merely well formed.  :func:`seeded_datasets`
draws a dataset together with the source texts ``{path: text}`` in which
every quote really stands at its offsets, and each source's ``sha256`` is
that of the text encoded as UTF-8: write the texts to a folder (as bytes)
and the provenance checks pass.  Numeric quotes are written with
:func:`carsi_claims.analysis.figures.render`, so the quote also states the value.
"""

from __future__ import annotations

import calendar
import hashlib
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs

try:
    from hypothesis import strategies as st
except ModuleNotFoundError as exc:  # hypothesis is the `strategies` extra, not a dependency
    raise ImportError(
        "carsi_claims.strategies needs hypothesis, which is not installed: install the "
        "'strategies' extra, e.g. pip install 'carsi-claims[strategies]'",
        name=__name__,
    ) from exc

from carsi_claims.dataset import Dataset
from carsi_claims.model import (
    Basis,
    Bound,
    Claim,
    ClaimKind,
    Count,
    DateValue,
    Entity,
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
    Resolution,
    ResolutionKind,
    Source,
    Statement,
    Status,
    Value,
)

__all__ = [
    "amounts",
    "bounds",
    "claim_kinds",
    "claims",
    "count_values",
    "datasets",
    "date_values",
    "entities",
    "evidence",
    "fiscal_years",
    "ids",
    "list_items",
    "money_values",
    "partial_dates",
    "percentage_values",
    "provenances",
    "qualifiers",
    "quotations",
    "resolutions",
    "seeded_datasets",
    "sources",
    "statements",
    "texts",
    "values",
    "words",
]

T = TypeVar("T")

#: Letters of the words generated: plain ASCII and a few accented letters.
_LETTERS: Final = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZáéíñóú"
#: Punctuation that may follow a word, typographic forms included.
_TRAILING: Final = ("", "", "", ",", ".", ";", ":", "’s", "—", "…")
#: Currencies of generated money (all rendered by :func:`carsi_claims.analysis.figures.render`).
_CURRENCIES: Final = ("USD", "EUR", "MXN", "GBP")
#: Small pools of as-of dates, fiscal-year spans and scopes, so that claims share questions.
_AS_OF: Final = (
    PartialDate(2011),
    PartialDate(2011, 3),
    PartialDate(2011, 3, 14),
    PartialDate(2012),
)
_SPANS: Final = (FiscalYears(2008, 2010), FiscalYears(2009, 2009), FiscalYears(2011, 2012))
_SCOPES: Final = ("federal",)


def ids(prefix: str | None = None) -> st.SearchStrategy[str]:
    """Well-formed ids: lowercase ASCII words joined by ``-``, ``.`` or ``_``."""
    word = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
    joined = st.builds(
        lambda first, rest: first + "".join(sep + w for sep, w in rest),
        word,
        st.lists(st.tuples(st.sampled_from("-._"), word), max_size=3),
    )
    if prefix is None:
        return joined
    return joined.map(lambda s: f"{prefix}.{s}")


def words() -> st.SearchStrategy[str]:
    """One word, possibly with trailing punctuation (typographic or plain)."""
    return st.builds(
        lambda w, p: w + p,
        st.text(_LETTERS, min_size=1, max_size=9),
        st.sampled_from(_TRAILING),
    )


def texts(min_words: int = 1, max_words: int = 12) -> st.SearchStrategy[str]:
    """Non-empty prose: words joined by single spaces (no control characters)."""
    return st.lists(words(), min_size=min_words, max_size=max_words).map(" ".join)


@st.composite
def partial_dates(draw: st.DrawFn, min_year: int = 1990, max_year: int = 2030) -> PartialDate:
    """Real calendar dates known to the year, the month or the day."""
    year = draw(st.integers(min_year, max_year))
    precision = draw(st.sampled_from(("year", "month", "day")))
    if precision == "year":
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return PartialDate(year, month)
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return PartialDate(year, month, day)


@st.composite
def fiscal_years(draw: st.DrawFn, min_year: int = 1990, max_year: int = 2030) -> FiscalYears:
    """Inclusive fiscal-year spans with ``start <= end``."""
    start = draw(st.integers(min_year, max_year))
    end = draw(st.integers(start, min(max_year, start + 10)))
    return FiscalYears(start, end)


def bounds() -> st.SearchStrategy[Bound]:
    return st.sampled_from(Bound)


def amounts(max_value: int = 10**12, places: int = 2) -> st.SearchStrategy[Decimal]:
    """Finite, non-negative decimals with at most ``places`` decimal places."""
    scale = 10**places
    return st.integers(0, max_value * scale).map(lambda n: Decimal(n).scaleb(-places).normalize())


def _tolerance(bound: Bound, magnitude: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | magnitude if bound is Bound.APPROXIMATELY else st.none()


@st.composite
def money_values(draw: st.DrawFn, currencies: Sequence[str] = ("USD",)) -> Money:
    bound = draw(bounds())
    amount = draw(amounts())
    currency = draw(st.just(currencies[0]) | st.sampled_from(currencies))  # mostly the first
    return Money(amount, currency, bound, draw(_tolerance(bound, amounts(10**9))))


@st.composite
def percentage_values(draw: st.DrawFn) -> Percentage:
    bound = draw(bounds())
    value = draw(amounts(100))
    return Percentage(value, bound, draw(_tolerance(bound, amounts(20))))


@st.composite
def count_values(draw: st.DrawFn, lists: Sequence[str] = ()) -> Count:
    bound = draw(bounds())
    value = draw(st.integers(0, 10**6))
    counted = draw(st.none() | st.sampled_from(lists)) if lists else None
    return Count(value, bound, draw(_tolerance(bound, st.integers(0, 1000))), counted)


def date_values() -> st.SearchStrategy[DateValue]:
    return st.builds(DateValue, partial_dates())


def quotations(
    speakers: Sequence[str], text: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Quotation]:
    """Quotations by one of ``speakers`` (entity ids), their words drawn from ``text``."""
    return st.builds(
        Quotation,
        texts() if text is None else text,
        st.sampled_from(speakers),
        st.none() | texts(max_words=4),
    )


def statements() -> st.SearchStrategy[Statement]:
    return st.builds(Statement, texts())


def list_items(lists: Sequence[str]) -> st.SearchStrategy[ListItem]:
    return st.builds(ListItem, st.sampled_from(lists), st.integers(1, 9), texts())


def claim_kinds() -> st.SearchStrategy[ClaimKind]:
    return st.sampled_from(ClaimKind)


def values(
    kind: ClaimKind,
    *,
    speakers: Sequence[str] = ("speaker",),
    lists: Sequence[str] = ("list",),
    currencies: Sequence[str] = ("USD",),
    quote_texts: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Value]:
    """A value of the type that ``kind`` calls for (quotation words from ``quote_texts``)."""
    makers: dict[ClaimKind, Callable[[], st.SearchStrategy[Any]]] = {
        ClaimKind.MONEY: lambda: money_values(currencies),
        ClaimKind.PERCENTAGE: percentage_values,
        ClaimKind.COUNT: lambda: count_values(lists),
        ClaimKind.DATE: date_values,
        ClaimKind.FISCAL_YEARS: fiscal_years,
        ClaimKind.QUOTATION: lambda: quotations(speakers, quote_texts),
        ClaimKind.STATEMENT: statements,
        ClaimKind.LIST_ITEM: lambda: list_items(lists),
    }
    strategy: st.SearchStrategy[Value] = makers[kind]()
    return strategy


def qualifiers(*, pooled: bool = False) -> st.SearchStrategy[Qualifiers]:
    """Qualifiers, each part known or not (``None``).

    With ``pooled``, as-of dates, fiscal-year spans and scopes come from small
    pools, so that two claims often answer the same question, and a present
    as-of date or span may be marked inferred (from the dateline).
    """
    if pooled:
        return st.builds(
            Qualifiers,
            st.none() | st.sampled_from(_AS_OF),
            st.none() | st.sampled_from(_SPANS),
            st.none() | st.just(True) | st.just(False),
            st.none() | st.sampled_from(_SCOPES),
        ).flatmap(_with_inferences)
    return st.builds(
        Qualifiers,
        st.none() | partial_dates(),
        st.none() | fiscal_years(),
        st.none() | st.booleans(),
        st.none() | texts(max_words=4),
    )


def _with_inferences(q: Qualifiers) -> st.SearchStrategy[Qualifiers]:
    """``q``, with some of its present time qualifiers marked inferred (as from a dateline)."""
    present = [
        name
        for name in (QualifierName.AS_OF, QualifierName.FISCAL_YEARS)
        if getattr(q, name.value) is not None
    ]
    if not present:
        return st.just(q)
    return st.lists(st.sampled_from(present), unique=True).map(
        lambda names: attrs.evolve(
            q, inferred=tuple(Inference(name, Basis.DATELINE) for name in names)
        )
    )


@st.composite
def provenances(draw: st.DrawFn, source_ids: Sequence[str]) -> Provenance:
    """A provenance entry with well-formed offsets (``end - start == len(quote)``)."""
    quote = draw(texts())
    start = draw(st.integers(0, 10**6))
    return Provenance(draw(st.sampled_from(source_ids)), quote, start, start + len(quote))


@st.composite
def sources(draw: st.DrawFn, source_id: str | None = None) -> Source:
    sid = source_id if source_id is not None else draw(ids("src"))
    return Source(
        id=sid,
        path=f"{sid}.txt",
        sha256=draw(st.text("0123456789abcdef", min_size=64, max_size=64)),
        title=draw(texts(max_words=6)),
        kind=draw(st.sampled_from(("fact-sheet", "news", "remarks", "report"))),
        publisher=draw(st.none() | texts(max_words=4)),
        published=draw(st.none() | partial_dates()),
        url=draw(st.none() | ids().map(lambda s: f"https://example.org/{s}")),
    )


@st.composite
def entities(draw: st.DrawFn, entity_id: str | None = None) -> Entity:
    eid = entity_id if entity_id is not None else draw(ids("ent"))
    return Entity(
        id=eid,
        name=draw(texts(max_words=3)),
        aliases=tuple(draw(st.lists(texts(max_words=3), max_size=2))),
        roles=tuple(draw(st.lists(texts(max_words=3), max_size=2))),
        note=draw(st.none() | texts()),
    )


@st.composite
def claims(
    draw: st.DrawFn,
    *,
    claim_id: str | None = None,
    subjects: Sequence[str] = ("subject",),
    source_ids: Sequence[str] = ("source",),
    speakers: Sequence[str] = ("speaker",),
    lists: Sequence[str] = ("list",),
    properties: Sequence[str] = ("property",),
    kind: ClaimKind | None = None,
    currencies: Sequence[str] = ("USD",),
    quote_texts: st.SearchStrategy[str] | None = None,
    pooled: bool = False,
) -> Claim:
    """An active claim naming only the given subjects, sources, speakers, lists and currencies.

    ``pooled`` draws its qualifiers from small pools (see :func:`qualifiers`).
    """
    the_kind = kind if kind is not None else draw(claim_kinds())
    value = values(
        the_kind, speakers=speakers, lists=lists, currencies=currencies, quote_texts=quote_texts
    )
    return Claim(
        id=claim_id if claim_id is not None else draw(ids("claim")),
        kind=the_kind,
        subject=draw(st.sampled_from(subjects)),
        property=draw(st.sampled_from(properties)),
        value=draw(value),
        provenance=tuple(draw(st.lists(provenances(source_ids), min_size=1, max_size=2))),
        qualifiers=draw(qualifiers(pooled=pooled)),
        note=draw(st.none() | texts()),
    )


@st.composite
def evidence(draw: st.DrawFn, claim_ids: Sequence[str]) -> Evidence:
    """Evidence pointing at a claim, or citing an outside document by at least its title."""
    internal: bool = draw(st.booleans())
    if internal and len(claim_ids) > 0:
        return Evidence(claim=draw(st.sampled_from(claim_ids)))
    return Evidence(
        title=draw(texts(max_words=6)),
        publisher=draw(st.none() | texts(max_words=3)),
        date=draw(st.none() | partial_dates()),
        identifier=draw(st.none() | ids()),
        url=draw(st.none() | ids().map(lambda s: f"https://example.org/{s}")),
        quote=draw(st.none() | texts()),
    )


@st.composite
def resolutions(
    draw: st.DrawFn, claim_ids: Sequence[str], resolution_id: str | None = None
) -> Resolution:
    """A resolution naming at least two different claims of ``claim_ids`` (needs two)."""
    named = draw(st.lists(st.sampled_from(claim_ids), min_size=2, max_size=4, unique=True))
    return Resolution(
        id=resolution_id if resolution_id is not None else draw(ids("res")),
        claims=tuple(named),
        kind=draw(st.sampled_from(ResolutionKind)),
        rationale=draw(texts()),
        preferred=draw(st.none() | st.sampled_from(named)),
        evidence=tuple(draw(st.lists(evidence(claim_ids), max_size=2))),
    )


def _excerpt(text: str) -> str:
    """The text with its first word left out ("... rest"), an excerpt quotations may give."""
    return "... " + text.split(" ", 1)[1]


def _numbered(prefix: str, n: int) -> list[str]:
    return [f"{prefix}-{i}" for i in range(n)]


@st.composite
def datasets(
    draw: st.DrawFn,
    *,
    max_claims: int = 12,
    max_sources: int = 3,
    max_resolutions: int = 2,
) -> Dataset:
    """A consistent dataset: every source, entity, list and claim named exists.

    Subjects, properties, lists, as-of dates, fiscal years and scopes come
    from small pools so that claims often answer the same question (which is
    what conflict detection looks at); money is in one of a few currencies;
    quotations often repeat (an excerpt of) one of two texts, so the same
    words may go to different speakers.  Some claims are retracted (with a
    reason, superseded by another claim or by none).
    Provenance offsets are well formed but do not point at real text; use
    :func:`seeded_datasets` for that.
    """
    source_ids = _numbered("src", draw(st.integers(1, max_sources)))
    entity_ids = _numbered("ent", draw(st.integers(1, 3)))
    srcs = tuple(draw(sources(sid)) for sid in source_ids)
    ents = tuple(draw(entities(eid)) for eid in entity_ids)
    n = draw(st.integers(0, max_claims))
    lists = ("list-a", "list-b")
    said = draw(st.lists(texts(min_words=4), min_size=2, max_size=2))
    quote_texts = st.sampled_from(said) | st.sampled_from(said).map(_excerpt) | texts()
    # list items first, so that a count naming a list always finds it
    # a few kinds per dataset, so that claims of one kind meet
    pool = draw(st.lists(claim_kinds(), min_size=1, max_size=3, unique=True))
    kinds = [ClaimKind.LIST_ITEM] + [draw(st.sampled_from(pool)) for _ in range(n - 1)] if n else []
    present: list[str] = []
    out: list[Claim] = []
    for i, kind in enumerate(kinds):
        claim = draw(
            claims(
                claim_id=f"claim-{i}",
                subjects=(entity_ids[0], source_ids[0]),
                source_ids=source_ids,
                speakers=entity_ids,
                lists=present or lists,
                properties=("p-1", "p-2"),
                kind=kind,
                currencies=_CURRENCIES,
                quote_texts=quote_texts,
                pooled=True,
            )
        )
        if isinstance(claim.value, ListItem):
            present.append(claim.value.list)
        out.append(claim)
    claim_ids = [c.id for c in out]
    for i, claim in enumerate(out):
        if draw(st.integers(0, 5)) == 0:
            others = [cid for cid in claim_ids if cid != claim.id]
            out[i] = attrs.evolve(
                claim,
                status=Status.RETRACTED,
                reason=draw(texts(max_words=6)),
                superseded_by=draw(st.none() | st.sampled_from(others)) if others else None,
            )
    res: tuple[Resolution, ...] = ()
    if len(claim_ids) >= 2:
        k = draw(st.integers(0, max_resolutions))
        res = tuple(draw(resolutions(claim_ids, f"res-{i}")) for i in range(k))
    return Dataset(sources=srcs, entities=ents, claims=tuple(out), resolutions=res)


def _quote_for(value: Value) -> str:
    from carsi_claims.analysis.figures import render

    if isinstance(value, Quotation | Statement | ListItem):
        return value.text
    if isinstance(value, Count):
        # a bare number is not read as a count, nor "1900 goals" (a year?) without commas
        words = render(value).removesuffix(str(value.value))
        return f"{words}{value.value:,} goals"
    return render(value)


@st.composite
def seeded_datasets(
    draw: st.DrawFn, *, max_claims: int = 12, max_sources: int = 3
) -> tuple[Dataset, dict[str, str]]:
    """A dataset and its source texts ``{path: text}``, every quote standing at its offsets.

    Each claim's quote states its value (numbers written as
    :func:`carsi_claims.analysis.figures.render` writes them, texts verbatim); each
    source's ``sha256`` is that of its text encoded as UTF-8.  Resolutions
    are left out: generated claims only rarely disagree.
    """
    base = draw(datasets(max_claims=max_claims, max_sources=max_sources, max_resolutions=0))
    pieces: dict[str, list[str]] = {s.id: [] for s in base.sources}
    lengths = dict.fromkeys(pieces, 0)
    sep = "\n\n"
    new_claims: list[Claim] = []
    for claim in base.claims:
        if isinstance(claim.value, Count) and claim.value.value == 1:
            # figures does not read "1 goal" as a count; keep seeded quotes checkable
            claim = attrs.evolve(claim, value=attrs.evolve(claim.value, value=2))
        quote = _quote_for(claim.value)
        prov: list[Provenance] = []
        for p in claim.provenance:
            filler = draw(texts(max_words=4))
            head = filler + " "
            start = lengths[p.source] + len(head)
            pieces[p.source].append(head + quote)
            lengths[p.source] += len(head) + len(quote) + len(sep)
            prov.append(Provenance(p.source, quote, start, start + len(quote)))
        new_claims.append(attrs.evolve(claim, provenance=tuple(prov)))
    seeds = {s.path: sep.join(pieces[s.id]) + "\n" for s in base.sources}
    srcs = tuple(
        attrs.evolve(s, sha256=hashlib.sha256(seeds[s.path].encode()).hexdigest())
        for s in base.sources
    )
    return Dataset(sources=srcs, entities=base.entities, claims=tuple(new_claims)), seeds
