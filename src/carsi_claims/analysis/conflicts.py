"""Conflicts between claims, and the resolutions that account for them.

Only active claims take part; retracted ones are history.

**Same question.**  Two claims answer the same question when they have the
same ``subject``, ``property`` and ``kind``, the same ``scope`` qualifier
(``None`` is a scope of its own), the same list id and ordinal (list
items), and their times overlap: as-of dates overlap when one contains the
other (``2011`` contains ``2011-03-14``), fiscal-year spans when they share
a year.  When one claim states an as-of date (or span) and the other does
not, they *may* answer the same question: a disagreement between them is
reported, flagged ``undetermined``, never passed silently.

**Numbers are intervals** (:func:`carsi_claims.model.interval`): a figure
stated to a ``precision`` p is x +/- p/2 ("$260 million" is [259.5, 260.5]
million), one without is [x, x]; up_to x is [0, top]; at_least x is
[bottom, +inf] (for a percentage [bottom, 100]); approximately x is widened
by the value's ``tolerance``, else by :data:`DEFAULT_RELATIVE_TOLERANCE` of
x.  A stated ``tolerance`` (uncertainty of the measurement) widens the
interval of any bound; the bound (the comparator) decides its shape.  Two
numeric answers conflict (``value``) when their intervals do not meet.
Money in different currencies is not compared: ``currency`` (a warning).
Dates conflict when they do not overlap; fiscal-year values when unequal.

**Cumulative money** (both claims ``cumulative: true``, same currency):
over a span contained in another span, the amount must not exceed the
other's; "to date" amounts (same span, or none) must not fall as the as-of
date moves later; when a span or as-of date is unknown on one side and the
amounts differ, the order cannot be decided: ``cumulative``, undetermined.

**Wording** (statements, list items, quotations answering the same
question) is compared after :func:`carsi_claims.text.normalize`.  What is
left is a ``wording`` conflict with a word-level diff (:func:`word_diff`,
``[-removed-]{+added+}``); differences in typography only are ``typography``
at severity info, never errors.  A quotation that is a contiguous excerpt
of the other ("..." standing for omitted text) is not a wording conflict.

**Quotations** with the same words (normalised, punctuation ignored; one may
be an excerpt of the other) attributed to different speakers are a
``misattribution``, whatever their subject.  Speakers are entity ids; two
entities that share a name or alias (normalised) are one speaker, so name
spellings never conflict.  Quotations shorter than three words are too short
to identify and are not compared across speakers.

**Counts against lists**: a count with ``list: L`` must equal (its interval
must contain) the number of distinct ordinals of list items of L citing the
same source, for every source it cites that gives items of L.  The
conflict names the count and those items.

**Resolutions**: a conflict is resolved by the first resolution (in file
order) whose ``claims`` include *every* claim of the conflict (a superset is
fine: one resolution may cover all the pairwise conflicts among three
wordings).  A resolution that resolves no conflict is stale.

**Cost**: claims are grouped by (subject, property, kind, scope, list,
ordinal) in one pass; only claims within a group are compared pairwise,
so time is O(n + sum of k^2) for groups of k claims (groups are small: the
sources that answer one question).  Quotations are matched across groups
through an index of word trigrams: each is compared only with the
quotations that contain its rarest trigram.  Counts against lists use a
dictionary of ordinals by (list, source).  Nothing compares all pairs.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

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
    Quotation,
    Resolution,
    Statement,
    Status,
    Value,
    interval,
)
from carsi_claims.text import normalize

if TYPE_CHECKING:
    from carsi_claims.dataset import Dataset

__all__ = [
    "Conflict",
    "ConflictKind",
    "Match",
    "detect",
    "find_conflicts",
    "is_excerpt",
    "resolve",
    "sources_of",
    "word_diff",
]

_WORD: Final = re.compile(r"\w+(?:'\w+)*")
_MIN_QUOTE_WORDS: Final = 3
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
    CURRENCY = "currency"
    WORDING = "wording"
    TYPOGRAPHY = "typography"
    MISATTRIBUTION = "misattribution"
    COUNT_LIST = "count-list"


_SEVERITY: Final = {
    ConflictKind.CURRENCY: Severity.WARNING,
    ConflictKind.TYPOGRAPHY: Severity.INFO,
}


@attrs.frozen(order=True)
class Conflict:
    """A disagreement among claims (ids sorted), with what each says."""

    kind: ConflictKind
    claims: tuple[str, ...]
    detail: str
    diff: str | None = None
    undetermined: bool = False

    @property
    def code(self) -> str:
        return f"conflict.{self.kind.value}"

    @property
    def severity(self) -> Severity:
        return _SEVERITY.get(self.kind, Severity.ERROR)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "code": self.code,
            "severity": self.severity.value,
            "claims": list(self.claims),
            "detail": self.detail,
            "diff": self.diff,
            "undetermined": self.undetermined,
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


def word_diff(a: str, b: str) -> str:
    """A word-level diff of two texts after folding typography: ``[-gone-]{+new+}``."""
    wa, wb = normalize(a).split(), normalize(b).split()
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(wa[i1:i2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(wa[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(wb[j1:j2]) + "+}")
    return " ".join(out)


def _fragments(text: str) -> list[str]:
    """The runs of words of a quotation between omissions ("..."), punctuation dropped."""
    parts = normalize(text).split("...")
    words = (_WORD.findall(p) for p in parts)
    return [" ".join(w) for w in words if w]


def is_excerpt(part: str, whole: str) -> bool:
    """Whether ``part``'s words stand in ``whole`` in order, each fragment contiguous.

    A part without words ("...", "—") is an excerpt of nothing.
    """
    return _is_excerpt(_fragments(part), _fragments(whole))


def _is_excerpt(fragments: Sequence[str], whole: Sequence[str]) -> bool:
    """:func:`is_excerpt` on texts already cut into :func:`_fragments`."""
    if not fragments:
        return False
    haystack = " " + " ... ".join(whole) + " "
    pos = 0
    for fragment in fragments:
        found = haystack.find(" " + fragment + " ", pos)
        if found < 0:
            return False
        pos = found + len(fragment) + 1
    return True


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
        parts.append(f"as of {q.as_of}")
    if q.fiscal_years is not None:
        parts.append(f"FY{q.fiscal_years.start}-{q.fiscal_years.end}")
    return f" [{', '.join(parts)}]" if parts else ""


def sources_of(claim: Claim) -> list[str]:
    """The ids of the sources a claim cites, sorted, each once."""
    return sorted({p.source for p in claim.provenance})


def _who(claim: Claim) -> str:
    return f"{claim.id} ({', '.join(sources_of(claim))}) says {_says(claim.value)}{_when(claim)}"


def _pair(
    kind: ConflictKind,
    a: Claim,
    b: Claim,
    what: str,
    *,
    diff: str | None = None,
    undetermined: bool = False,
) -> Conflict:
    a, b = sorted((a, b), key=lambda c: c.id)
    detail = f"{what}: {_who(a)}; {_who(b)}"
    if undetermined:
        detail += "; a time (as-of date or fiscal years) is stated for one and not the other"
    return Conflict(kind, (a.id, b.id), detail, diff, undetermined)


# -- comparing two claims that may answer the same question ---------------------------


def _numeric(a: Claim, b: Claim) -> Conflict | None:
    va, vb = a.value, b.value
    assert isinstance(va, Numeric)
    assert isinstance(vb, Numeric)
    if isinstance(va, Money) and isinstance(vb, Money) and va.currency != vb.currency:
        same, undetermined = _same_time(a, b)
        if not same:
            return None
        return _pair(
            ConflictKind.CURRENCY,
            a,
            b,
            f"amounts in {min(va.currency, vb.currency)} and {max(va.currency, vb.currency)} "
            "are not compared (no exchange rate)",
            undetermined=undetermined,
        )
    if a.qualifiers.cumulative and b.qualifiers.cumulative and isinstance(va, Money):
        return _cumulative(a, b)
    same, undetermined = _same_time(a, b)
    if same and not interval(va).meets(interval(vb)):
        return _pair(ConflictKind.VALUE, a, b, "the figures do not meet", undetermined=undetermined)
    return None


def _cumulative(a: Claim, b: Claim) -> Conflict | None:
    assert isinstance(a.value, Money)
    assert isinstance(b.value, Money)
    ia, ib = interval(a.value), interval(b.value)
    sa, sb = a.qualifiers.fiscal_years, b.qualifiers.fiscal_years
    da, db = a.qualifiers.as_of, b.qualifiers.as_of
    if sa is not None and sb is not None and sa != sb:
        for inner, outer, i_in, i_out in ((a, b, ia, ib), (b, a, ib, ia)):
            s_in, s_out = inner.qualifiers.fiscal_years, outer.qualifiers.fiscal_years
            assert s_in is not None
            assert s_out is not None
            if _contains(s_out, s_in) and i_in.low > i_out.high:
                return _pair(
                    ConflictKind.CUMULATIVE,
                    a,
                    b,
                    f"the cumulative amount of {inner.id} over a span inside {outer.id}'s "
                    "exceeds it",
                )
        return None
    if (sa is None) != (sb is None):
        if ia.meets(ib):
            return None
        return _pair(
            ConflictKind.CUMULATIVE,
            a,
            b,
            "cumulative amounts differ and one states no fiscal years, so it cannot be told "
            "whether they cover the same period",
            undetermined=True,
        )
    if da is not None and db is not None:
        if _dates_overlap(da, db):
            if ia.meets(ib):
                return None
            return _pair(
                ConflictKind.CUMULATIVE, a, b, "cumulative amounts as of the same date differ"
            )
        earlier, later = (a, b) if _date_key(da) < _date_key(db) else (b, a)
        i_e, i_l = (ia, ib) if earlier is a else (ib, ia)
        if i_e.low > i_l.high:
            return _pair(
                ConflictKind.CUMULATIVE,
                a,
                b,
                f"the cumulative amount falls from {earlier.id} to the later {later.id}",
            )
        return None
    if ia.meets(ib):
        return None
    return _pair(
        ConflictKind.CUMULATIVE,
        a,
        b,
        "cumulative amounts differ and an as-of date is unknown, so it cannot be told which "
        "is later",
        undetermined=True,
    )


def _text_of(value: Value) -> str:
    assert isinstance(value, Quotation | Statement | ListItem)
    return value.text


def _wording(a: Claim, b: Claim) -> Conflict | None:
    same, undetermined = _same_time(a, b)
    if not same:
        return None
    ta, tb = _text_of(a.value), _text_of(b.value)
    if ta == tb:
        return None
    if normalize(ta) == normalize(tb):
        return _pair(ConflictKind.TYPOGRAPHY, a, b, "the texts differ in typography only")
    if isinstance(a.value, Quotation) and (is_excerpt(ta, tb) or is_excerpt(tb, ta)):
        return None
    first, second = (ta, tb) if a.id < b.id else (tb, ta)
    diff = word_diff(first, second)
    return _pair(
        ConflictKind.WORDING,
        a,
        b,
        f"the wording differs ({diff})",
        diff=diff,
        undetermined=undetermined,
    )


def _compare(a: Claim, b: Claim) -> Conflict | None:
    va, vb = a.value, b.value
    if isinstance(va, Numeric) and isinstance(vb, Numeric):
        return _numeric(a, b)
    if isinstance(va, Quotation | Statement | ListItem):
        return _wording(a, b)
    same, undetermined = _same_time(a, b)
    if not same:
        return None
    if isinstance(va, DateValue) and isinstance(vb, DateValue):
        if _dates_overlap(va.date, vb.date):
            return None
    elif va == vb:
        return None
    return _pair(ConflictKind.VALUE, a, b, "the values differ", undetermined=undetermined)


# -- grouping ------------------------------------------------------------------------


def _question(claim: Claim) -> tuple[object, ...]:
    v = claim.value
    item = (v.list, v.ordinal) if isinstance(v, ListItem) else None
    return (claim.subject, claim.property, claim.kind, claim.qualifiers.scope, item)


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
    frags = {c.id: _fragments(_text_of(c.value)) for c in quotes}
    index: dict[str, list[Claim]] = defaultdict(list)
    grams_of: dict[str, set[str]] = {}
    for c in quotes:
        seen: set[str] = set()
        for fragment in frags[c.id]:
            words = fragment.split()
            for i in range(len(words) - _MIN_QUOTE_WORDS + 1):
                gram = " ".join(words[i : i + _MIN_QUOTE_WORDS])
                if gram not in seen:
                    seen.add(gram)
                    index[gram].append(c)
        grams_of[c.id] = seen
    # A quotation that contains c as an excerpt contains every word n-gram of c's
    # fragments, so any of them finds it; the rarest one gives the fewest candidates
    # (quotations often share their first words: probing by those is quadratic).
    probes = {
        cid: min(grams, key=lambda g: (len(index[g]), g))
        for cid, grams in grams_of.items()
        if grams
    }
    for c in quotes:
        probe = probes.get(c.id)
        if probe is None:
            continue
        vc = c.value
        assert isinstance(vc, Quotation)
        for other in index[probe]:
            vo = other.value
            assert isinstance(vo, Quotation)
            if speaker_of.get(vc.speaker, vc.speaker) == speaker_of.get(vo.speaker, vo.speaker):
                continue
            if _is_excerpt(frags[c.id], frags[other.id]):
                yield _pair(
                    ConflictKind.MISATTRIBUTION,
                    c,
                    other,
                    "the same words are attributed to different speakers",
                )


def _count_lists(claims: Sequence[Claim]) -> Iterator[Conflict]:
    items: dict[tuple[str, str], dict[int, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in claims:
        if isinstance(c.value, ListItem):
            for source in {p.source for p in c.provenance}:
                items[(c.value.list, source)][c.value.ordinal].append(c)
    for c in claims:
        v = c.value
        if not isinstance(v, Count) or v.list is None:
            continue
        for source in sorted({p.source for p in c.provenance}):
            ordinals = items.get((v.list, source))
            if not ordinals or interval(v).contains(Decimal(len(ordinals))):
                continue
            members = sorted({m.id for group in ordinals.values() for m in group})
            detail = (
                f"{c.id} ({', '.join(sources_of(c))}) says {_says(v)} for list {v.list!r}, "
                f"but {source} gives "
                f"{len(ordinals)} item(s) of that list (ordinals "
                f"{', '.join(map(str, sorted(ordinals)))}: {', '.join(members)})"
            )
            yield Conflict(ConflictKind.COUNT_LIST, tuple(sorted({c.id, *members})), detail)


def detect(claims: Iterable[Claim], entities: Iterable[Entity] = ()) -> list[Conflict]:
    """Every conflict among the active ``claims``, sorted (independent of input order)."""
    active = sorted((c for c in claims if c.status is Status.ACTIVE), key=lambda c: c.id)
    groups: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
    for c in active:
        groups[_question(c)].append(c)
    found: set[Conflict] = set()
    for group in groups.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                conflict = _compare(a, b)
                if conflict is not None:
                    found.add(conflict)
    quotes = [c for c in active if isinstance(c.value, Quotation)]
    found.update(_misattributions(quotes, _speaker_names(entities)))
    found.update(_count_lists(active))
    return sorted(found)


def find_conflicts(dataset: Dataset) -> list[Conflict]:
    """Every conflict among the dataset's active claims."""
    return detect(dataset.claims, dataset.entities)


# -- resolutions ---------------------------------------------------------------------


@attrs.frozen
class Match:
    """A conflict and the resolution that resolves it (None: unresolved)."""

    conflict: Conflict
    resolution: Resolution | None


def resolve(
    conflicts: Iterable[Conflict], resolutions: Sequence[Resolution]
) -> tuple[list[Match], list[Resolution]]:
    """Match conflicts to resolutions; return the matches and the stale resolutions.

    A conflict is resolved by the first resolution whose claims include all
    of the conflict's claims; a resolution that resolves none is stale.
    """
    by_claim: dict[str, list[int]] = defaultdict(list)
    named = [frozenset(r.claims) for r in resolutions]
    for i, names in enumerate(named):
        for cid in names:
            by_claim[cid].append(i)
    used: set[int] = set()
    matches: list[Match] = []
    for conflict in conflicts:
        candidates = by_claim.get(conflict.claims[0], []) if conflict.claims else []
        hit = next((i for i in candidates if named[i].issuperset(conflict.claims)), None)
        if hit is not None:
            used.add(hit)
        matches.append(Match(conflict, None if hit is None else resolutions[hit]))
    stale = [r for i, r in enumerate(resolutions) if i not in used]
    return matches, stale
