"""The dataset: records read from a claims file, with lookups and locations."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from carsi_claims._paths import display_path
from carsi_claims.errors import LoadError, RetractedClaimWarning, UnknownClaimError
from carsi_claims.findings import Finding, Location, Severity
from carsi_claims.model import (
    Claim,
    ClaimKind,
    CoverageIgnore,
    Entity,
    Resolution,
    Source,
    Status,
)
from carsi_claims.text import closest

if TYPE_CHECKING:
    from carsi_claims.read.strict_yaml import Document
    from carsi_claims.read.structure import Path as TreePath

__all__ = ["Dataset", "default_paths", "load"]


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
    of the tuples and reported there).
    """

    sources: tuple[Source, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    resolutions: tuple[Resolution, ...] = ()
    coverage_ignores: tuple[CoverageIgnore, ...] = ()
    file: str | None = None
    seeds_dir: Path | None = None
    problems: tuple[Finding, ...] = ()
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
        return closest(claim_id, self.claims_by_id)

    def source(self, source_id: str) -> Source:
        return self.sources_by_id[source_id]

    def entity(self, entity_id: str) -> Entity:
        return self.entities_by_id[entity_id]

    def filter(
        self,
        *,
        kind: ClaimKind | str | None = None,
        source: str | None = None,
        subject: str | None = None,
        property: str | None = None,
        status: Status | str | None = None,
    ) -> list[Claim]:
        """Claims matching every criterion given (``source`` matches any provenance)."""
        return [
            c
            for c in self.claims
            if (kind is None or c.kind == kind)
            and (subject is None or c.subject == subject)
            and (property is None or c.property == property)
            and (status is None or c.status == status)
            and (source is None or any(p.source == source for p in c.provenance))
        ]

    # -- locations -------------------------------------------------------------

    def locate(self, record: object, *sub: str | int) -> Location | None:
        """Where a record (or a node under it, e.g. ``"provenance", 0, "quote"``) stands."""
        path = self.paths.get(id(record))
        if path is None or self.document is None:
            return None
        return self.document.locate((*path, *sub))


def default_paths() -> tuple[Path, Path]:
    """The shipped claims file and seeds folder (in the wheel, or in a checkout)."""
    package = Path(__file__).resolve().parent  # a wheel installs the files beside the code
    packaged = package / "_data" / "claims.yaml"
    if packaged.is_file():
        return packaged, package / "_seeds"
    checkout = Path(__file__).resolve().parents[2]
    return checkout / "data" / "claims.yaml", checkout / "seeds"


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
    from carsi_claims.read.strict_yaml import load_yaml
    from carsi_claims.read.structure import locate_problems, structure_records

    if path is None:
        claims_path, seeds_default = default_paths()
    else:
        claims_path = Path(path)
        seeds_default = claims_path.resolve().parent.parent / "seeds"
    seeds_dir = Path(seeds) if seeds is not None else seeds_default
    shown = display_path(claims_path)
    try:
        data = claims_path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise LoadError(
            [Finding("file.unreadable", Severity.ERROR, f"cannot read {shown}: {reason}")]
        ) from None
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
    return Dataset(
        sources=tuple(r for _, r in records["sources"]),
        entities=tuple(r for _, r in records["entities"]),
        claims=tuple(r for _, r in records["claims"]),
        resolutions=tuple(r for _, r in records["resolutions"]),
        coverage_ignores=tuple(r for _, r in records["coverage_ignores"]),
        file=shown,
        seeds_dir=seeds_dir,
        problems=tuple(findings),
        document=document,
        paths={id(r): p for group in records.values() for p, r in group},
    )
