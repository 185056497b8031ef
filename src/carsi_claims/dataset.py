"""The dataset: records read from a claims file, with lookups and locations."""

from __future__ import annotations

import datetime
import os
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from carsi_claims._paths import display_path
from carsi_claims._reading import read_regular, reason
from carsi_claims.errors import LoadError, RetractedClaimWarning, UnknownClaimError, check_type
from carsi_claims.findings import Finding, Location, Severity
from carsi_claims.model import (
    OWN_VOICE,
    Claim,
    ClaimKind,
    Correction,
    CoverageIgnore,
    Entity,
    FiscalYears,
    PartialDate,
    Provenance,
    Quotation,
    Resolution,
    Source,
    Status,
    days_in_month,
)
from carsi_claims.text import Suggestions

if TYPE_CHECKING:
    from carsi_claims.read.strict_yaml import Document
    from carsi_claims.read.structure import Path as TreePath

__all__ = ["Dataset", "default_paths", "load", "load_bytes"]


def _index(records: tuple[Any, ...]) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for record in records:
        index.setdefault(record.id, record)  # the first wins; duplicates are a finding
    return index


@attrs.frozen(eq=False)
class Dataset:
    """Sources, entities, claims, resolutions and coverage ignores, in file order.

    Iterating a dataset yields its claims.  ``problems`` holds the schema
    findings of a leniently read file (records with problems are left out
    of the tuples and reported there); ``broken_ids`` the ids of those
    records by top-level key (``"claims"``, ``"sources"``...): they still
    count as present for ids, references and the lock.
    """

    sources: tuple[Source, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    resolutions: tuple[Resolution, ...] = ()
    coverage_ignores: tuple[CoverageIgnore, ...] = ()
    corrections: tuple[Correction, ...] = ()
    file: str | None = None
    seeds_dir: Path | None = None
    problems: tuple[Finding, ...] = ()
    broken_ids: Mapping[str, frozenset[str]] = attrs.field(factory=dict, repr=False)
    document: Document | None = attrs.field(default=None, repr=False)
    paths: Mapping[int, TreePath] = attrs.field(factory=dict, repr=False)
    claims_by_id: Mapping[str, Claim] = attrs.field(
        init=False, repr=False, default=attrs.Factory(lambda s: _index(s.claims), takes_self=True)
    )
    sources_by_id: Mapping[str, Source] = attrs.field(
        init=False, repr=False, default=attrs.Factory(lambda s: _index(s.sources), takes_self=True)
    )
    entities_by_id: Mapping[str, Entity] = attrs.field(
        init=False, repr=False, default=attrs.Factory(lambda s: _index(s.entities), takes_self=True)
    )
    #: Closest-id lookups over the claim ids (indexed once, answers cached).
    claim_ids: Suggestions = attrs.field(
        init=False,
        repr=False,
        default=attrs.Factory(lambda s: Suggestions(s.claims_by_id), takes_self=True),
    )

    # -- lookups ---------------------------------------------------------------

    def __iter__(self) -> Iterator[Claim]:
        return iter(self.claims)

    def __len__(self) -> int:
        return len(self.claims)

    def __contains__(self, claim_id: object) -> bool:
        return claim_id in self.claims_by_id

    def get(self, claim_id: str) -> Claim:
        """The claim with this id.

        Raises :class:`UnknownClaimError` (a KeyError) naming the closest id
        for an unknown one, and warns :class:`RetractedClaimWarning` for a
        retracted one (use :meth:`current` to follow ``superseded_by``).
        """
        check_type("Dataset.get", "claim_id", claim_id, str, "a str (a claim id)")
        claim = self.claims_by_id.get(claim_id)
        if claim is None:
            raise UnknownClaimError(claim_id, self.closest_id(claim_id))
        if claim.status is Status.RETRACTED:
            successor = f"; superseded by {claim.superseded_by!r}" if claim.superseded_by else ""
            warnings.warn(
                f"claim {claim_id!r} is retracted: {claim.reason or 'no reason given'}{successor}",
                RetractedClaimWarning,
                stacklevel=2,
            )
        return claim

    def current(self, claim_id: str) -> Claim:
        """The claim with this id, following ``superseded_by`` to the active claim."""
        check_type("Dataset.current", "claim_id", claim_id, str, "a str (a claim id)")
        seen: set[str] = set()
        claim = self.claims_by_id.get(claim_id)
        if claim is None:
            raise UnknownClaimError(claim_id, self.closest_id(claim_id))
        while claim.status is Status.RETRACTED and claim.superseded_by and claim.id not in seen:
            seen.add(claim.id)
            successor = self.claims_by_id.get(claim.superseded_by)
            if successor is None:
                break
            claim = successor
        return claim

    def closest_id(self, claim_id: str) -> str | None:
        """The existing claim id most like ``claim_id``, if any is close."""
        check_type("Dataset.closest_id", "claim_id", claim_id, str, "a str (a claim id)")
        return self.claim_ids.closest(claim_id)

    def source(self, source_id: str) -> Source:
        """The source with this id (KeyError for an unknown one)."""
        check_type("Dataset.source", "source_id", source_id, str, "a str (a source id)")
        return self.sources_by_id[source_id]

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id (KeyError for an unknown one)."""
        check_type("Dataset.entity", "entity_id", entity_id, str, "a str (an entity id)")
        return self.entities_by_id[entity_id]

    def filter(
        self,
        *,
        kind: ClaimKind | str | None = None,
        source: str | None = None,
        subject: str | None = None,
        property: str | None = None,
        status: Status | str | None = None,
        entity: str | None = None,
        fiscal_year: int | None = None,
        as_of_from: PartialDate | str | None = None,
        as_of_to: PartialDate | str | None = None,
        speaker: str | None = None,
        voice: str | None = None,
        list_id: str | None = None,
        derived: bool | None = None,
        inferred: bool | None = None,
    ) -> list[Claim]:
        """Claims matching every criterion given.

        - ``source``: any provenance entry cites it;
        - ``entity``: an entity id, or a country's ISO 3166-1 code (``MX``):
          the claim's subject, a mention, a voice or a quotation's speaker;
        - ``fiscal_year``: within the claim's fiscal-year qualifier or value;
        - ``as_of_from``/``as_of_to``: the as-of date overlaps the range
          (dates as ``2011``, ``2011-03`` or ``2011-03-14``; either end open);
          a claim without an as-of date is left out;
        - ``speaker``: a quotation's speaker; ``voice``: any quote's voice, an
          entity id or :data:`~carsi_claims.model.OWN_VOICE` (``"own"``) for
          the source's own words;
        - ``list_id``: an item or a count of that list;
        - ``derived``/``inferred``: the claim is (True) or is not (False)
          derived, or has an inferred qualifier.

        Raises ValueError for a date that is not one.
        """
        text = (str, type(None))
        for name, given in (
            ("kind", kind),
            ("source", source),
            ("subject", subject),
            ("property", property),
            ("status", status),
            ("entity", entity),
            ("speaker", speaker),
            ("voice", voice),
            ("list_id", list_id),
        ):
            check_type("Dataset.filter", name, given, text, "a str or None")
        check_type(
            "Dataset.filter", "fiscal_year", fiscal_year, (int, type(None)), "an int or None"
        )
        for name, when in (("as_of_from", as_of_from), ("as_of_to", as_of_to)):
            check_type(
                "Dataset.filter", name, when, (PartialDate, str, type(None)), "a date text or None"
            )
        for name, flag in (("derived", derived), ("inferred", inferred)):
            check_type("Dataset.filter", name, flag, (bool, type(None)), "a bool or None")
        tests: list[Callable[[Claim], bool]] = []

        def want(test: Callable[[Claim], bool]) -> None:
            tests.append(test)

        if kind is not None:
            want(lambda c: c.kind == kind)
        if subject is not None:
            want(lambda c: c.subject == subject)
        if property is not None:
            want(lambda c: c.property == property)
        if status is not None:
            want(lambda c: c.status == status)
        if source is not None:
            want(lambda c: any(p.source == source for p in c.provenance))
        if entity is not None:
            wanted = self._entity_id(entity)
            want(lambda c: wanted in _entities_of(c))
        if fiscal_year is not None:
            want(lambda c: _in_fiscal_years(c, fiscal_year))
        if as_of_from is not None or as_of_to is not None:
            low = _first_day(as_of_from) if as_of_from is not None else datetime.date.min
            high = _last_day(as_of_to) if as_of_to is not None else datetime.date.max
            want(lambda c: _as_of_overlaps(c, low, high))
        if speaker is not None:
            want(lambda c: isinstance(c.value, Quotation) and c.value.speaker == speaker)
        if voice is not None:
            wanted_voice = None if voice == OWN_VOICE else voice
            want(lambda c: wanted_voice in c.voices())
        if list_id is not None:
            want(lambda c: getattr(c.value, "list", None) == list_id)
        if derived is not None:
            want(lambda c: c.derived is derived)
        if inferred is not None:
            want(lambda c: c.is_inferred() is inferred)
        return [c for c in self.claims if all(test(c) for test in tests)]

    def _entity_id(self, ref: str) -> str:
        """An entity id, or the id of the country whose ISO 3166-1 code ``ref`` is."""
        if ref in self.entities_by_id:
            return ref
        code = ref.upper()
        for e in self.entities:
            if e.iso3166 == code:
                return e.id
        return ref

    def broken_provenance(self) -> Iterator[tuple[Provenance, str]]:
        """The quotes of the claims left out for a schema problem, with their claim ids.

        Offsets are not trusted (set to -1): a quote stands wherever its text
        occurs in the source.  Coverage counts them, so that a claim with a
        misspelled key does not also leave its figures uncovered.
        """
        broken = self.broken_ids.get("claims", frozenset())
        raw = self.document.root.get("claims") if broken and self.document else None
        if not isinstance(raw, list):
            return
        for item in raw:
            if not isinstance(item, dict) or item.get("id") not in broken:
                continue
            entries = item.get("provenance")
            for entry in entries if isinstance(entries, list) else ():
                if isinstance(entry, dict):
                    source, quote = entry.get("source"), entry.get("quote")
                    if isinstance(source, str) and isinstance(quote, str) and quote:
                        yield Provenance(source, quote, -1, -1), str(item["id"])

    # -- locations -------------------------------------------------------------

    def locate(self, record: object, *sub: str | int) -> Location | None:
        """Where a record (or a node under it, e.g. ``"provenance", 0, "quote"``) stands."""
        path = self.paths.get(id(record))
        if path is None or self.document is None:
            return None
        return self.document.locate((*path, *sub))


def _entities_of(claim: Claim) -> set[str | None]:
    out: set[str | None] = {claim.subject, *claim.mentions, *claim.voices()}
    if isinstance(claim.value, Quotation):
        out.add(claim.value.speaker)
    return out


def _in_fiscal_years(claim: Claim, year: int) -> bool:
    spans = [claim.qualifiers.fiscal_years]
    if isinstance(claim.value, FiscalYears):
        spans.append(claim.value)
    return any(s is not None and s.start <= year <= s.end for s in spans)


def _date(value: PartialDate | str) -> PartialDate:
    return value if isinstance(value, PartialDate) else PartialDate.parse(value)


def _first_day(value: PartialDate | str) -> datetime.date:
    d = _date(value)
    return datetime.date(d.year, d.month or 1, d.day or 1)


def _last_day(value: PartialDate | str) -> datetime.date:
    d = _date(value)
    month = d.month or 12
    return datetime.date(d.year, month, d.day or days_in_month(d.year, month))


def _as_of_overlaps(claim: Claim, low: datetime.date, high: datetime.date) -> bool:
    as_of = claim.qualifiers.as_of
    if as_of is None or as_of.problem() is not None:
        return False
    return _first_day(as_of) <= high and low <= _last_day(as_of)


def default_paths() -> tuple[Path, Path]:
    """The shipped claims file and seeds folder (in the wheel, or in a checkout)."""
    package = Path(__file__).resolve().parent  # a wheel installs the files beside the code
    packaged = package / "_data" / "claims.yaml"
    if packaged.is_file():
        return packaged, package / "_seeds"
    checkout = Path(__file__).resolve().parents[2]
    return checkout / "data" / "claims.yaml", checkout / "seeds"


def _broken_ids(root: Mapping[str, object], kept: set[TreePath]) -> dict[str, frozenset[str]]:
    """The ids of the records left out for a schema problem, by top-level key.

    Such a record still stands in the file: its id counts as present, so that
    what names it (a reference, the lock) is not reported as a second mistake.
    """
    broken: dict[str, frozenset[str]] = {}
    for key, items in root.items():
        if not isinstance(items, list):
            continue
        ids = frozenset(
            item["id"]
            for i, item in enumerate(items)
            if (key, i) not in kept and isinstance(item, dict) and isinstance(item.get("id"), str)
        )
        if ids:
            broken[key] = ids
    return broken


def load(
    path: str | os.PathLike[str] | None = None,
    *,
    seeds: str | os.PathLike[str] | None = None,
    strict: bool = True,
) -> Dataset:
    """Read a claims file (the shipped dataset by default).

    The seeds folder defaults to ``seeds/`` beside the claims file's folder.
    Raises :class:`LoadError` when the file cannot be read as YAML; when
    ``strict`` (the default) also when any record does not fit the schema.
    With ``strict=False`` such records are left out and their findings kept
    in ``Dataset.problems``.
    """
    paths = (str, os.PathLike, type(None))
    check_type("load", "path", path, paths, "a str, a path or None")
    check_type("load", "seeds", seeds, paths, "a str, a path or None")
    check_type("load", "strict", strict, bool, "a bool")
    if path is None:
        claims_path, seeds_default = default_paths()
    else:
        claims_path = Path(path)
        seeds_default = claims_path.resolve().parent.parent / "seeds"
    seeds_dir = Path(seeds) if seeds is not None else seeds_default
    shown = display_path(claims_path)
    try:
        data = read_regular(claims_path)
    except OSError as exc:
        raise LoadError(
            [Finding("file.unreadable", Severity.ERROR, f"cannot read {shown}: {reason(exc)}")]
        ) from None
    return load_bytes(data, shown, seeds=seeds_dir, strict=strict)


def load_bytes(
    data: bytes,
    file: str,
    *,
    seeds: str | os.PathLike[str] | None = None,
    strict: bool = True,
) -> Dataset:
    """Read a claims file's bytes, named ``file`` in messages (``v0.1.0:data/claims.yaml``).

    Raises :class:`LoadError` as :func:`load` does; ``seeds`` is the seeds
    folder (none by default: the checks that read sources are then skipped).
    """
    from carsi_claims.read.strict_yaml import load_yaml
    from carsi_claims.read.structure import locate_problems, structure_records

    shown = file
    seeds_dir = Path(seeds) if seeds is not None else None
    document = load_yaml(data, shown)
    records, problems = structure_records(document.root)

    def claim_of(tree_path: TreePath) -> str | None:
        if len(tree_path) >= 2 and tree_path[0] == "claims":
            raw = document.root.get("claims")
            if isinstance(raw, list) and isinstance(tree_path[1], int) and tree_path[1] < len(raw):
                item = raw[tree_path[1]]
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    return str(item["id"])
        return None

    findings = locate_problems(problems, document.locate, document.locate_key, claim_of)
    if strict and findings:
        raise LoadError(findings)
    kept = {p for group in records.values() for p, _ in group}
    return Dataset(
        sources=tuple(r for _, r in records["sources"]),
        entities=tuple(r for _, r in records["entities"]),
        claims=tuple(r for _, r in records["claims"]),
        resolutions=tuple(r for _, r in records["resolutions"]),
        coverage_ignores=tuple(r for _, r in records["coverage_ignores"]),
        corrections=tuple(r for _, r in records["corrections"]),
        file=shown,
        seeds_dir=seeds_dir,
        problems=tuple(findings),
        broken_ids=_broken_ids(document.root, kept),
        document=document,
        paths={id(r): p for group in records.values() for p, r in group},
    )
