"""Citations a writer can paste: the verbatim quote, its source, and the claim id.

>>> import carsi_claims
>>> print(carsi_claims.cite("carsi.assistance-committed.260m").text())  # doctest: +SKIP

Each rendering (:meth:`Citation.text`, :meth:`Citation.markdown`,
:meth:`Citation.to_json`) carries every provenance quote of the claim, the
source's title, publisher and date *as the dataset records them* (when the
source does not state one, the rendering says so: nothing is invented), and
the claim id as a reference ``carsi:<id>`` that ``carsi-claims check-refs``
can check later.  A retracted claim's citation opens with a warning, in every
rendering, and :func:`cite` warns :class:`RetractedClaimWarning`.
"""

from __future__ import annotations

import functools
import re
import warnings
from typing import Final

import attrs

from carsi_claims import _json
from carsi_claims.dataset import Dataset
from carsi_claims.errors import RetractedClaimWarning, UnknownClaimError, check_type
from carsi_claims.model import Claim, PartialDate, Status

__all__ = ["FORMATS", "Citation", "CitedQuote", "citation_of", "cite"]

#: The renderings of a citation, the default first.
FORMATS: Final = ("text", "markdown", "json")

NO_PUBLISHER: Final = "publisher not stated in the source"
NO_DATE: Final = "date not stated in the source"

_MARKDOWN_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>#|~])")
_BLOCK_START: Final = re.compile(r"(?m)^([ \t]*(?:\d{1,9})?)([-+=.)])")
_QUOTE_MARKS: Final = re.compile(r"[“”\"]")


@attrs.frozen
class CitedQuote:
    """One verbatim quote of the claim and the source it stands in."""

    quote: str
    source: str
    title: str | None
    publisher: str | None
    published: PartialDate | None
    url: str | None
    start: int
    end: int

    def where(self) -> str:
        """``Title. Publisher, date.``; an unknown part says so, in brackets."""
        title = self.title if self.title is not None else f"source {self.source}"
        publisher = self.publisher or f"[{NO_PUBLISHER}]"
        date = str(self.published) if self.published is not None else f"[{NO_DATE}]"
        url = f" {self.url}" if self.url else ""
        return f"{title.rstrip('.')}. {publisher}, {date}.{url}"


@attrs.frozen
class Citation:
    """A claim, ready to cite: its quotes, their sources, and its status."""

    claim_id: str
    quotes: tuple[CitedQuote, ...]
    status: Status = Status.ACTIVE
    reason: str | None = None
    superseded_by: str | None = None
    current: str | None = None  # the active claim that superseded_by leads to

    @property
    def reference(self) -> str:
        """The claim's reference as ``check-refs`` reads it: ``carsi:<id>``."""
        return f"carsi:{self.claim_id}"

    @property
    def warning(self) -> str | None:
        """For a retracted claim, what to say before any of its quotes; else None."""
        if self.status is not Status.RETRACTED:
            return None
        why = self.reason or "no reason given"
        if self.current and self.current != self.claim_id:
            instead = f"; it is superseded by {self.current}: cite carsi:{self.current} instead"
        else:
            instead = "; no claim supersedes it"
        return f"claim {self.claim_id} is RETRACTED ({why}){instead}"

    def text(self) -> str:
        """Plain text: each quote, then its source and the id.

        The quote is put in curly quotation marks unless it holds quotation
        marks of its own (a quoted speech), so that none is added inside it.
        """
        lines = [f"WARNING: {self.warning}", ""] if self.warning else []
        for q in self.quotes:
            lines.append(q.quote if _QUOTE_MARKS.search(q.quote) else f"“{q.quote}”")
            lines.append(f"— {q.where()} [{self.reference}]")
            lines.append("")
        return "\n".join(lines).rstrip("\n") + "\n"

    def markdown(self) -> str:
        """Markdown: each quote as a block quote (characters escaped, so shown verbatim)."""
        lines = [f"> **Warning:** {_escape(self.warning)}", ""] if self.warning else []
        for q in self.quotes:
            lines.extend(f"> {line}".rstrip() for line in _escape(q.quote).split("\n"))
            lines.append(">")
            lines.append(f"> — {_escape(q.where())} (`{self.reference}`)")
            lines.append("")
        return "\n".join(lines).rstrip("\n") + "\n"

    def to_json(self) -> str:
        """The citation as JSON text (:meth:`to_dict`)."""
        return _json.dumps(self.to_dict())

    def to_dict(self) -> dict[str, object]:
        """Plain data: the claim, its status and warning, and each quote with its source."""
        return {
            "claim": self.claim_id,
            "reference": self.reference,
            "status": self.status.value,
            "reason": self.reason,
            "superseded_by": self.superseded_by,
            "current": self.current,
            "warning": self.warning,
            "quotes": [
                {
                    "quote": q.quote,
                    "source": q.source,
                    "title": q.title,
                    "publisher": q.publisher,
                    "published": None if q.published is None else str(q.published),
                    "url": q.url,
                    "start": q.start,
                    "end": q.end,
                    "citation": q.where(),
                }
                for q in self.quotes
            ],
        }

    def render(self, format: str = "text") -> str:
        """The citation in one of :data:`FORMATS`."""
        if format == "text":
            return self.text()
        if format == "markdown":
            return self.markdown()
        if format == "json":
            return self.to_json()
        raise ValueError(f"unknown citation format {format!r}: expected one of {FORMATS}")


def _escape(text: str) -> str:
    """Markdown that shows ``text`` as written (no emphasis, links or list markers)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _BLOCK_START.sub(r"\1\\\2", escaped)


def citation_of(dataset: Dataset, claim: Claim) -> Citation:
    """The citation of a claim of ``dataset`` (no warning issued)."""
    quotes = []
    for p in claim.provenance:
        source = dataset.sources_by_id.get(p.source)
        quotes.append(
            CitedQuote(
                quote=p.quote,
                source=p.source,
                title=source.title if source else None,
                publisher=source.publisher if source else None,
                published=source.published if source else None,
                url=source.url if source else None,
                start=p.start,
                end=p.end,
            )
        )
    current = dataset.current(claim.id).id if claim.status is Status.RETRACTED else claim.id
    return Citation(
        claim_id=claim.id,
        quotes=tuple(quotes),
        status=claim.status,
        reason=claim.reason,
        superseded_by=claim.superseded_by,
        current=current,
    )


@functools.cache
def _shipped() -> Dataset:
    from carsi_claims.dataset import load

    return load()


def cite(claim_id: str, dataset: Dataset | None = None) -> Citation:
    """The citation of claim ``claim_id`` (in the shipped dataset by default).

    Raises :class:`UnknownClaimError` (naming the closest id) for an unknown
    id; warns :class:`RetractedClaimWarning` for a retracted claim, whose
    citation also carries the warning in every rendering.
    """
    check_type("cite", "claim_id", claim_id, str, "a str (a claim id)")
    check_type("cite", "dataset", dataset, (Dataset, type(None)), "a Dataset or None")
    ds = _shipped() if dataset is None else dataset
    claim = ds.claims_by_id.get(claim_id)
    if claim is None:
        raise UnknownClaimError(claim_id, ds.closest_id(claim_id))
    citation = citation_of(ds, claim)
    if citation.warning:
        warnings.warn(citation.warning, RetractedClaimWarning, stacklevel=2)
    return citation
