"""Conflicts: the claims that answer one question and disagree, as one set of variants.

Only active claims take part; retracted ones are history.

**One question.**  Claims answer the same question when they have the same
``subject``, ``property`` and ``kind``, the same ``scope`` qualifier (``None``
is a scope of its own), the same list id and ordinal (list items), and their
times may be the same: as-of dates overlap when one contains the other
(``2011`` contains ``2011-03-14``), fiscal-year spans when they share a year.
When a time is known for one claim and not the other they *may* answer the
same question: a disagreement between them is reported, flagged
``undetermined``, never passed silently.  Claims whose times cannot be the
same answer different questions and never conflict (cumulative amounts
excepted: see below).

**A conflict is a set.**  The claims of one question are grouped by what they
say (value and time): claims that say the same thing are one *variant*,
whatever their number, ids and sources.  The variants that may answer the
same question (connected through may-be-the-same-time, or all cumulative
amounts of the question) are compared; when any two of them disagree, the
whole set is *one* conflict listing every variant with its claims and
sources, and (for texts) the word diff of each variant against each other
one.  Its kind is the most serious disagreement in it (value, cumulative,
wording, currency, typography, in that order).

**Numbers are intervals** (:func:`carsi_claims.model.interval`): a figure
stated to a ``precision`` p is x +/- p/2 ("$260 million" is [259.5, 260.5]
million), one without is [x, x]; up_to x is [0, top]; at_least x is
[bottom, +inf] (for a percentage [bottom, 100]); approximately x is widened
by the value's ``tolerance``, else by :data:`DEFAULT_RELATIVE_TOLERANCE` of
x.  A stated ``tolerance`` widens the interval of any bound.  Two numeric
answers disagree (``value``) when their intervals do not meet.  Money in
different currencies is not compared: ``currency`` (a warning).  Dates
disagree when they do not overlap; fiscal-year values when unequal.

**Stated and inferred.**  A qualifier the source does not state but that is
inferred (an as-of date read from the document's dateline) is shown as
inferred in every variant ("as of 2011-03-14 (inferred from the dateline)").
Two variants are compared with all their qualifiers and again with the stated
ones alone; when the verdicts differ, the conflict says that it leans on an
inference (or that only an inference reconciles the variants), names each
inference, and is flagged ``leans_on_inference``.  Figures carry the
precision they are stated to; :func:`carsi_claims.model.interval` uses it.

**Cumulative money** (both claims ``cumulative: true``, same currency):
over a span contained in another span, the amount must not exceed the
other's; "to date" amounts (same span, or none) must not fall as the as-of
date moves later; when a span or as-of date is unknown on one side and the
amounts differ, the order cannot be decided: ``cumulative``, undetermined.

**Wording** (statements, list items, quotations) is compared after
:func:`carsi_claims.text.normalize`.  Texts whose words are the same and
differ only in typography, punctuation or letter case are ``typography``,
severity info, never an error.  Any other difference is ``wording``.  A
quotation that is a contiguous excerpt of the other ("..." standing for
omitted text) does not disagree with it.

**Quotations** with the same words (normalised, punctuation ignored; one may
be an excerpt of the other) attributed to different speakers are a
``misattribution``, whatever their subject: one set per group of such
quotations.  Speakers are entity ids; two entities that share a name or alias
(normalised) are one speaker, so name spellings never conflict.  Quotations
shorter than three words are too short to identify and are not compared
across speakers.

**Counts against lists**: a count with ``list: L`` must equal (its interval
must contain) the number of distinct ordinals of list items of L citing the
same source, for every source it cites that gives items of L.  The
conflict names the count and those items.

**Resolutions** (:func:`resolve`): a conflict set is resolved by the first
resolution (in file order) whose ``claims`` include every claim of the set.
A resolution that resolves no set is stale.  :func:`kind_problem` says when
a resolution's kind does not fit the set it resolves (``wording_variant``
where content words differ, ``different_as_of`` where every variant has the
same time, ...).

**Cost**: claims are grouped by question in one pass and, within a question,
by what they say, so agreeing claims cost nothing beyond the grouping: only
*distinct* variants are compared (:func:`_compare`, at most v(v-1)/2 calls
for v variants of one question, whatever the number of claims).
Quotations are matched across questions through an index of word trigrams
over distinct (text, speaker) pairs: each is compared only with the
quotations that contain its rarest trigram.  Counts against lists use a
dictionary of ordinals by (list, source).  Nothing compares all claims.
"""

from __future__ import annotations

import enum
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

from carsi_claims._records import Record
from carsi_claims.analysis.wording import (
    excerpt_of,
    fragments,
    is_excerpt,
    word_diff,
    words_of,
)
from carsi_claims.findings import Severity
from carsi_claims.model import (
    Bound,
    Claim,
    Count,
    DateValue,
    Entity,
    FiscalYears,
    ListItem,
    Money,
    Numeric,
    PartialDate,
    QualifierName,
    Quotation,
    Statement,
    Status,
    Value,
    interval,
)
from carsi_claims.text import normalize

if TYPE_CHECKING:
    from carsi_claims.dataset import Dataset

__all__ = [
    "TEXT_KINDS",
    "Conflict",
    "ConflictKind",
    "Variant",
    "VariantDiff",
    "describe_question",
    "describe_value",
    "detect",
    "find_conflicts",
    "is_excerpt",
    "sources_of",
    "word_diff",
    "words_of",
]

_WORD: Final = re.compile(r"\w+(?:'\w+)*")
_MIN_QUOTE_WORDS: Final = 3
_MAX_IDS_SHOWN: Final = 4
_BOUND_WORDS: Final = {
    Bound.EXACT: "",
    Bound.UP_TO: "up to ",
    Bound.AT_LEAST: "at least ",
    Bound.APPROXIMATELY: "approximately ",
}


class ConflictKind(enum.StrEnum):
    """What sort of disagreement; the finding code is ``conflict.<kind>``."""

    VALUE = "value"
    CUMULATIVE = "cumulative"
    MISATTRIBUTION = "misattribution"
    COUNT_LIST = "count-list"
    WORDING = "wording"
    CURRENCY = "currency"
    TYPOGRAPHY = "typography"


#: Most serious first: a set's kind is the most serious disagreement in it.
_RANK: Final = {kind: i for i, kind in enumerate(ConflictKind)}
_SEVERITY: Final = {
    ConflictKind.CURRENCY: Severity.WARNING,
    ConflictKind.TYPOGRAPHY: Severity.INFO,
}
TEXT_KINDS: Final = frozenset((ConflictKind.WORDING, ConflictKind.TYPOGRAPHY))


@attrs.frozen(order=True)
class Variant:
    """One distinct answer: the claims (ids sorted) that give it, their sources, what it says.

    ``text`` is the text of a statement, list item or quotation (None for other
    values); ``when`` the time the claims state ("as of 2011-03-14, FY2008-2010",
    or ""); ``scope`` their scope qualifier.
    """

    claims: tuple[str, ...]
    sources: tuple[str, ...]
    says: str
    text: str | None = None
    when: str = ""
    scope: str | None = None

    def describe(self) -> str:
        """``"a, b (src-1, src-2) says $260 million [as of 2011]"``, ids abbreviated past four."""
        ids = list(self.claims[:_MAX_IDS_SHOWN])
        if len(self.claims) > _MAX_IDS_SHOWN:
            ids.append(f"{len(self.claims) - _MAX_IDS_SHOWN} more")
        when = f" [{self.when}]" if self.when else ""
        return f"{', '.join(ids)} ({', '.join(self.sources)}) says {self.says}{when}"

    def to_dict(self) -> dict[str, object]:
        return {
            "claims": list(self.claims),
            "sources": list(self.sources),
            "says": self.says,
            "text": self.text,
            "when": self.when or None,
            "scope": self.scope,
        }


@attrs.frozen(order=True)
class VariantDiff:
    """The word diff from variant ``a`` to variant ``b`` (indexes into ``Conflict.variants``)."""

    a: int
    b: int
    diff: str

    def to_dict(self) -> dict[str, object]:
        return {"from": self.a, "to": self.b, "diff": self.diff}


@attrs.frozen(order=True)
class Conflict:
    """A disagreement: every claim (ids sorted) of one question, grouped into its variants."""

    kind: ConflictKind
    claims: tuple[str, ...]
    detail: str
    question: str = ""
    variants: tuple[Variant, ...] = ()
    diffs: tuple[VariantDiff, ...] = ()
    undetermined: bool = False
    #: Why the variants disagree (``detail`` without the variants).
    reason: str = ""
    #: Whether the verdict leans on an inferred qualifier (see ``reason``).
    leans_on_inference: bool = False

    @property
    def code(self) -> str:
        return f"conflict.{self.kind.value}"

    @property
    def severity(self) -> Severity:
        return _SEVERITY.get(self.kind, Severity.ERROR)

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "code": self.code,
            "severity": self.severity.value,
            "question": self.question,
            "claims": list(self.claims),
            "variants": [v.to_dict() for v in self.variants],
            "diffs": [d.to_dict() for d in self.diffs],
            "reason": self.reason,
            "detail": self.detail,
            "undetermined": self.undetermined,
            "leans_on_inference": self.leans_on_inference,
        }


# -- times ---------------------------------------------------------------------


def _date_key(d: PartialDate) -> tuple[int, ...]:
    return tuple(p for p in (d.year, d.month, d.day) if p is not None)


def _dates_overlap(a: PartialDate, b: PartialDate) -> bool:
    ka, kb = _date_key(a), _date_key(b)
    n = min(len(ka), len(kb))
    return ka[:n] == kb[:n]


def _spans_overlap(a: FiscalYears, b: FiscalYears) -> bool:
    return a.start <= b.end and b.start <= a.end


def _contains(outer: FiscalYears, inner: FiscalYears) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and outer != inner


def _same_time(a: Claim, b: Claim) -> tuple[bool, bool]:
    """(may answer the same question, whether that is undetermined)."""
    qa, qb = a.qualifiers, b.qualifiers
    undetermined = False
    if qa.as_of is not None and qb.as_of is not None:
        if not _dates_overlap(qa.as_of, qb.as_of):
            return False, False
    elif (qa.as_of is None) != (qb.as_of is None):
        undetermined = True
    if qa.fiscal_years is not None and qb.fiscal_years is not None:
        if not _spans_overlap(qa.fiscal_years, qb.fiscal_years):
            return False, False
    elif (qa.fiscal_years is None) != (qb.fiscal_years is None):
        undetermined = True
    return True, undetermined


# -- words ---------------------------------------------------------------------


# -- describing claims -----------------------------------------------------------


def _says(value: Value) -> str:
    if isinstance(value, Quotation | Statement | ListItem):
        text = value.text if len(value.text) <= 120 else value.text[:117] + "..."
        who = f" (speaker {value.speaker})" if isinstance(value, Quotation) else ""
        return f"“{text}”{who}"
    from carsi_claims.analysis.figures import render

    try:
        said = render(value)
    except ValueError:
        if not isinstance(value, Money):
            raise
        # a currency render does not know (BRL): "up to BRL 1,500"
        said = f"{_BOUND_WORDS[value.bound]}{value.currency} {value.amount:,f}"
    tol = getattr(value, "tolerance", None)
    return said if tol is None else f"{said} (tolerance {tol})"


def _when(claim: Claim) -> str:
    q = claim.qualifiers
    parts = []
    if q.as_of is not None:
        parts.append(f"as of {q.as_of}{_inferred_from(claim, QualifierName.AS_OF)}")
    if q.fiscal_years is not None:
        parts.append(_span(q.fiscal_years) + _inferred_from(claim, QualifierName.FISCAL_YEARS))
    return ", ".join(parts)


def _span(years: FiscalYears) -> str:
    """``"FY2008-2010"``."""
    return f"FY{years.start}-{years.end}"


def _inferred_from(claim: Claim, name: QualifierName) -> str:
    """``" (inferred from the dateline)"`` for an inferred qualifier, ``""`` for a stated one."""
    inference = claim.qualifiers.inference(name)
    return "" if inference is None else f" (inferred from the {inference.basis.value})"


def _inferences(claim: Claim) -> list[str]:
    """Each inferred qualifier of ``claim``, in words."""
    q = claim.qualifiers
    out = []
    for inference in q.inferred:
        value = getattr(q, inference.qualifier.value)
        if isinstance(value, FiscalYears):
            value = _span(value)
        premise = f", claim {inference.claim}" if inference.claim is not None else ""
        out.append(
            f"{inference.qualifier.value} {value} of {claim.id} is inferred from the "
            f"{inference.basis.value}{premise}, not stated"
        )
    return out


def sources_of(claim: Claim) -> list[str]:
    """The ids of the sources a claim cites, sorted, each once."""
    return sorted({p.source for p in claim.provenance})


def _text_of(value: Value) -> str:
    assert isinstance(value, Quotation | Statement | ListItem)
    return value.text


def _variant(claims: Sequence[Claim]) -> Variant:
    """The variant that ``claims`` (saying the same thing) make together."""
    first = claims[0]
    v = first.value
    text = v.text if isinstance(v, Quotation | Statement | ListItem) else None
    return Variant(
        tuple(sorted(c.id for c in claims)),
        tuple(sorted({p.source for c in claims for p in c.provenance})),
        _says(v),
        text,
        _when(first),
        first.qualifiers.scope,
    )


# -- comparing two variants of one question ----------------------------------------------


@attrs.frozen(repr=False, eq=False)
class _Disagreement(Record):
    """Why two variants of one question disagree (the same whichever comes first)."""

    kind: ConflictKind
    reason: str
    undetermined: bool = False
    #: Whether the verdict would differ with the stated qualifiers alone.
    leans_on_inference: bool = False


@attrs.frozen(repr=False, eq=False)
class _Outcome(Record):
    """Whether two variants may answer the same question, and how they disagree if they do."""

    related: bool
    disagreement: _Disagreement | None = None


_UNRELATED: Final = _Outcome(False)
_AGREE: Final = _Outcome(True)


def _numeric(a: Claim, b: Claim) -> _Outcome:
    va, vb = a.value, b.value
    assert isinstance(va, Numeric)
    assert isinstance(vb, Numeric)
    if a.qualifiers.cumulative and b.qualifiers.cumulative and isinstance(va, Money):
        assert isinstance(vb, Money)
        if va.currency == vb.currency:
            return _Outcome(True, _cumulative(a, b))
    same, undetermined = _same_time(a, b)
    if not same:
        return _UNRELATED
    if isinstance(va, Money) and isinstance(vb, Money) and va.currency != vb.currency:
        low, high = sorted((va.currency, vb.currency))
        return _Outcome(
            True,
            _Disagreement(
                ConflictKind.CURRENCY,
                f"amounts in {low} and {high} are not compared (no exchange rate)",
                undetermined,
            ),
        )
    if interval(va).meets(interval(vb)):
        return _AGREE
    return _Outcome(
        True, _Disagreement(ConflictKind.VALUE, "the figures do not meet", undetermined)
    )


def _cumulative(a: Claim, b: Claim) -> _Disagreement | None:
    assert isinstance(a.value, Money)
    assert isinstance(b.value, Money)
    ia, ib = interval(a.value), interval(b.value)
    sa, sb = a.qualifiers.fiscal_years, b.qualifiers.fiscal_years
    da, db = a.qualifiers.as_of, b.qualifiers.as_of
    kind = ConflictKind.CUMULATIVE
    if sa is not None and sb is not None and sa != sb:
        for inner, outer, i_in, i_out in ((a, b, ia, ib), (b, a, ib, ia)):
            s_in, s_out = inner.qualifiers.fiscal_years, outer.qualifiers.fiscal_years
            assert s_in is not None
            assert s_out is not None
            if _contains(s_out, s_in) and i_in.low > i_out.high:
                return _Disagreement(
                    kind,
                    f"the cumulative amount of {inner.id} over a span inside {outer.id}'s "
                    "exceeds it",
                )
        return None
    if (sa is None) != (sb is None):
        if ia.meets(ib):
            return None
        return _Disagreement(
            kind,
            "cumulative amounts differ and one states no fiscal years, so it cannot be told "
            "whether they cover the same period",
            True,
        )
    if da is not None and db is not None:
        if _dates_overlap(da, db):
            if ia.meets(ib):
                return None
            return _Disagreement(kind, "cumulative amounts as of the same date differ")
        earlier, later = (a, b) if _date_key(da) < _date_key(db) else (b, a)
        i_e, i_l = (ia, ib) if earlier is a else (ib, ia)
        if i_e.low > i_l.high:
            return _Disagreement(
                kind, f"the cumulative amount falls from {earlier.id} to the later {later.id}"
            )
        return None
    if ia.meets(ib):
        return None
    return _Disagreement(
        kind,
        "cumulative amounts differ and an as-of date is unknown, so it cannot be told which "
        "is later",
        True,
    )


def _wording(a: Claim, b: Claim) -> _Outcome:
    same, undetermined = _same_time(a, b)
    if not same:
        return _UNRELATED
    ta, tb = _text_of(a.value), _text_of(b.value)
    if ta == tb:
        return _AGREE
    if words_of(ta) == words_of(tb):
        return _Outcome(
            True,
            _Disagreement(
                ConflictKind.TYPOGRAPHY,
                "the texts differ in typography and punctuation only",
                undetermined,
            ),
        )
    if isinstance(a.value, Quotation) and (is_excerpt(ta, tb) or is_excerpt(tb, ta)):
        return _AGREE
    return _Outcome(True, _Disagreement(ConflictKind.WORDING, "the wording differs", undetermined))


def _compare(a: Claim, b: Claim) -> _Outcome:
    """Compare two claims of one question that say different things (one variant each).

    The verdict uses every qualifier, stated or inferred; when the stated
    qualifiers alone would give another verdict, the disagreement says that it
    leans on an inference (or that only an inference would reconcile the two),
    and names each inference.
    """
    full = _judge(a, b)
    if not (a.qualifiers.inferred or b.qualifiers.inferred):
        return full
    stated = _judge(_stated(a), _stated(b))
    if stated == full:
        return full
    leaned = "; ".join(sorted(_inferences(a) + _inferences(b)))
    if full.disagreement is not None:
        d, note = full.disagreement, f" (this leans on an inference: {leaned})"
    elif stated.disagreement is not None:
        d, note = stated.disagreement, f" (only an inference reconciles them: {leaned})"
    else:
        return _Outcome(full.related or stated.related)
    return _Outcome(True, attrs.evolve(d, reason=d.reason + note, leans_on_inference=True))


def _stated(claim: Claim) -> Claim:
    """``claim`` with its inferred qualifiers taken away: what its sources state."""
    return attrs.evolve(claim, qualifiers=claim.qualifiers.stated())


def _judge(a: Claim, b: Claim) -> _Outcome:
    """:func:`_compare` on the qualifiers as given."""
    va, vb = a.value, b.value
    if isinstance(va, Numeric) and isinstance(vb, Numeric):
        return _numeric(a, b)
    if isinstance(va, Quotation | Statement | ListItem):
        return _wording(a, b)
    same, undetermined = _same_time(a, b)
    if not same:
        return _UNRELATED
    if isinstance(va, DateValue) and isinstance(vb, DateValue):
        if _dates_overlap(va.date, vb.date):
            return _AGREE
    elif va == vb:
        return _AGREE
    return _Outcome(True, _Disagreement(ConflictKind.VALUE, "the values differ", undetermined))


# -- sets --------------------------------------------------------------------------------


def _question(claim: Claim) -> tuple[object, ...]:
    v = claim.value
    item = (v.list, v.ordinal) if isinstance(v, ListItem) else None
    return (claim.subject, claim.property, claim.kind, claim.qualifiers.scope, item)


def describe_question(claim: Claim, *, with_property: bool = True) -> str:
    """The question a claim answers, in words: ``"carsi goal-2, item 2 of list goals"``."""
    v = claim.value
    parts = [f"{claim.subject} {claim.property}" if with_property else claim.subject]
    if isinstance(v, ListItem):
        parts.append(f"item {v.ordinal} of list {v.list}")
    if claim.qualifiers.scope is not None:
        parts.append(f"scope {claim.qualifiers.scope!r}")
    return ", ".join(parts)


def describe_value(claim: Claim) -> str:
    """What a claim says, with its time: ``"$260 million [as of 2011-03-14, FY2008-2010]"``."""
    when = _when(claim)
    return _says(claim.value) + (f" [{when}]" if when else "")


def _says_key(claim: Claim) -> tuple[object, ...]:
    """Claims with equal keys say the same thing: one variant."""
    q = claim.qualifiers
    return (claim.value, q.as_of, q.fiscal_years, q.cumulative, q.inferred)


class _Components:
    """Union-find over 0..n-1."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for x in range(len(self.parent)):
            out[self.find(x)].append(x)
        return list(out.values())


def _conflict(
    kind: ConflictKind,
    question: str,
    variants: Sequence[Variant],
    reasons: Iterable[str],
    *,
    diffs: Sequence[VariantDiff] = (),
    undetermined: bool = False,
    leans_on_inference: bool = False,
) -> Conflict:
    what = "; ".join(dict.fromkeys(reasons))
    if undetermined:
        what += " (a time, as-of date or fiscal years, is given for one and not the other)"
    detail = f"{what}: " + "; ".join(v.describe() for v in variants)
    claims = tuple(sorted(cid for v in variants for cid in v.claims))
    return Conflict(
        kind,
        claims,
        detail,
        question,
        tuple(variants),
        tuple(diffs),
        undetermined,
        what,
        leans_on_inference,
    )


def _question_conflicts(members: Sequence[Claim]) -> Iterator[Conflict]:
    """The conflict sets among the claims of one question (sorted by id)."""
    says: dict[tuple[object, ...], list[Claim]] = {}
    for c in members:
        says.setdefault(_says_key(c), []).append(c)
    if len(says) < 2:
        return
    groups = sorted(says.values(), key=lambda g: g[0].id)
    reps = [g[0] for g in groups]
    components = _Components(len(groups))
    found: dict[tuple[int, int], _Disagreement] = {}
    for i, a in enumerate(reps):
        for j in range(i + 1, len(reps)):
            outcome = _compare(a, reps[j])
            if outcome.related:
                components.union(i, j)
            if outcome.disagreement is not None:
                found[(i, j)] = outcome.disagreement
    if not found:
        return
    question = describe_question(members[0])
    for component in components.groups():
        inside = set(component)
        pairs = [(ij, d) for ij, d in found.items() if ij[0] in inside]
        if not pairs:
            continue
        kind = min((d.kind for _, d in pairs), key=_RANK.__getitem__)
        variants = [_variant(groups[i]) for i in component]
        diffs: list[VariantDiff] = []
        if kind in TEXT_KINDS:
            for x in range(len(component)):
                for y in range(x + 1, len(component)):
                    ta, tb = variants[x].text, variants[y].text
                    assert ta is not None
                    assert tb is not None
                    if ta != tb:
                        diffs.append(VariantDiff(x, y, word_diff(ta, tb)))
        ranked = sorted(pairs, key=lambda p: (_RANK[p[1].kind], p[0]))
        yield _conflict(
            kind,
            question,
            variants,
            (d.reason for _, d in ranked),
            diffs=diffs,
            undetermined=any(d.undetermined for _, d in pairs),
            leans_on_inference=any(d.leans_on_inference for _, d in pairs),
        )


def _speaker_names(entities: Iterable[Entity]) -> dict[str, str]:
    """Entity id -> one representative id for every entity sharing a name or alias."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_name: dict[str, str] = {}
    for e in entities:
        find(e.id)
        for name in (e.name, *e.aliases):
            key = normalize(name)
            if key in by_name:
                ra, rb = find(by_name[key]), find(e.id)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
            else:
                by_name[key] = e.id
    return {x: find(x) for x in list(parent)}


def _misattributions(quotes: Sequence[Claim], speaker_of: Mapping[str, str]) -> Iterator[Conflict]:
    """One set per group of quotations whose words are given to more than one speaker.

    Quotations with the same words and speaker are one variant: the index and
    the comparisons run over distinct (words, speaker) pairs only.
    """
    keyed: dict[tuple[tuple[str, ...], str], list[Claim]] = {}
    for c in quotes:
        v = c.value
        assert isinstance(v, Quotation)
        frags = tuple(fragments(v.text))
        keyed.setdefault((frags, speaker_of.get(v.speaker, v.speaker)), []).append(c)
    keys = sorted(keyed, key=lambda k: keyed[k][0].id)
    index: dict[str, list[int]] = defaultdict(list)
    grams_of: list[set[str]] = []
    for n, (frags, _) in enumerate(keys):
        seen: set[str] = set()
        for fragment in frags:
            words = fragment.split()
            for i in range(len(words) - _MIN_QUOTE_WORDS + 1):
                gram = " ".join(words[i : i + _MIN_QUOTE_WORDS])
                if gram not in seen:
                    seen.add(gram)
                    index[gram].append(n)
        grams_of.append(seen)
    # A quotation that contains c as an excerpt contains every word n-gram of c's
    # fragments, so any of them finds it; the rarest one gives the fewest candidates
    # (quotations often share their first words: probing by those is quadratic).
    components = _Components(len(keys))
    linked: set[int] = set()
    for n, (frags, speaker) in enumerate(keys):
        if not grams_of[n]:
            continue
        probe = min(grams_of[n], key=lambda g: (len(index[g]), g))
        for other in index[probe]:
            o_frags, o_speaker = keys[other]
            if speaker == o_speaker:
                continue
            if excerpt_of(frags, o_frags):
                components.union(n, other)
                linked.update((n, other))
    for component in components.groups():
        if len(component) < 2 or component[0] not in linked:
            continue
        variants = [_variant(keyed[keys[n]]) for n in component]
        yield _conflict(
            ConflictKind.MISATTRIBUTION,
            "who said these words",
            variants,
            ["the same words are attributed to different speakers"],
        )


def _count_lists(claims: Sequence[Claim]) -> Iterator[Conflict]:
    items: dict[tuple[str, str], dict[int, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    counts: dict[Count, list[Claim]] = defaultdict(list)
    for c in claims:
        v = c.value
        if isinstance(v, ListItem):
            for source in {p.source for p in c.provenance}:
                items[(v.list, source)][v.ordinal].append(c)
        elif isinstance(v, Count) and v.list is not None:
            counts[v].append(c)
    for value, same in counts.items():
        assert value.list is not None
        for source in sorted({p.source for c in same for p in c.provenance}):
            ordinals = items.get((value.list, source))
            if not ordinals or interval(value).contains(Decimal(len(ordinals))):
                continue
            citing = [c for c in same if any(p.source == source for p in c.provenance)]
            members = [m for o in sorted(ordinals) for m in ordinals[o]]
            count = _variant(citing)
            given = Variant(
                tuple(sorted({m.id for m in members})),
                (source,),
                f"{len(ordinals)} item(s) of list {value.list!r} (ordinals "
                f"{', '.join(map(str, sorted(ordinals)))})",
            )
            yield _conflict(
                ConflictKind.COUNT_LIST,
                f"the length of list {value.list} in {source}",
                [count, given],
                [f"{source} gives {len(ordinals)} item(s) of list {value.list!r}, not the count"],
            )


def detect(claims: Iterable[Claim], entities: Iterable[Entity] = ()) -> list[Conflict]:
    """Every conflict set among the active ``claims``, sorted (independent of input order)."""
    active = sorted((c for c in claims if c.status is Status.ACTIVE), key=lambda c: c.id)
    questions: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
    for c in active:
        questions[_question(c)].append(c)
    found: set[Conflict] = set()
    for members in questions.values():
        found.update(_question_conflicts(members))
    quotes = [c for c in active if isinstance(c.value, Quotation)]
    found.update(_misattributions(quotes, _speaker_names(entities)))
    found.update(_count_lists(active))
    return sorted(found)


def find_conflicts(dataset: Dataset) -> list[Conflict]:
    """Every conflict set among the dataset's active claims."""
    return detect(dataset.claims, dataset.entities)
