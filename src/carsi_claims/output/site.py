"""The static site: a folder of plain HTML pages built from a dataset.

>>> from carsi_claims.output.site import build_site  # doctest: +SKIP
>>> build_site(carsi_claims.load(), Path("site"))  # doctest: +SKIP

The folder holds ``index.html`` (sources, counts, conflicts, coverage),
``claims.html``, ``conflicts.html``, ``entities.html``, ``lists.html``, one
page per source (``sources/<id>.html``, its text with every quote
highlighted), per claim (``claims/<id>.html`` and ``claims/<id>.json``, the
permalink other projects cite) and per entity (``entities/<id>.html``), and
one stylesheet.  Links are relative and nothing is loaded from elsewhere, so
the folder works opened from disk and copied to any static host; no page
needs JavaScript.

A file is written only when its bytes change, atomically; a file is never
deleted, so a page once published stays (a claim is retracted, never
removed, and its page says so).  Pages hold no build time, so building the
same dataset twice writes nothing the second time.
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Final

import attrs

from carsi_claims import _atomic
from carsi_claims.dataset import Dataset
from carsi_claims.output.interchange import SCHEMA_VERSION, unstructure
from carsi_claims.output.paths import claim_page, entity_page, source_page
from carsi_claims.output.site_claim import claim_html
from carsi_claims.output.site_data import SiteData, SiteError, gather
from carsi_claims.output.site_html import STYLE
from carsi_claims.output.site_pages import (
    claims_html,
    conflicts_html,
    entities_html,
    entity_html,
    index_html,
    lists_html,
)
from carsi_claims.output.site_parts import claim_json_path
from carsi_claims.output.site_source import source_html

__all__ = ["SiteError", "SiteReport", "build_site", "site_files"]

#: Files compared and written at once.  Each atomic write waits for its fsync;
#: the file system commits concurrent ones together (8 threads: about 10x
#: faster on a fresh build than one after another).
_WORKERS: Final = 8
_IN_FLIGHT: Final = 256

#: Writes a file's bytes; :func:`carsi_claims._atomic.write_bytes` unless a test counts.
Writer = Callable[[Path, bytes], None]


@attrs.frozen
class SiteReport:
    """What a build did: the site's files, and those written because they changed."""

    files: int
    written: tuple[str, ...]

    @property
    def unchanged(self) -> int:
        return self.files - len(self.written)


def site_files(data: SiteData) -> Iterator[tuple[str, str]]:
    """Every file of the site as (path relative to the root, text), one at a time."""
    ds = data.dataset
    yield "style.css", STYLE
    yield "index.html", index_html(data)
    yield "claims.html", claims_html(data)
    yield "conflicts.html", conflicts_html(data)
    yield "entities.html", entities_html(data)
    yield "lists.html", lists_html(data)
    for source in ds.sources:
        yield source_page(source.id), source_html(data, source)
    for entity in ds.entities:
        yield entity_page(entity.id), entity_html(data, entity)
    for claim in ds.claims:
        yield claim_page(claim.id), claim_html(data, claim)
        record = {"schema_version": SCHEMA_VERSION, "claim": unstructure(claim)}
        # one line: the C encoder (an indent would use the pure Python one, 10x slower)
        yield (
            claim_json_path(claim.id),
            json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n",
        )


def _put(target: Path, payload: bytes, write: Writer) -> bool:
    """Write ``payload`` to ``target`` unless it holds it already; whether it wrote."""
    if _same(target, payload):
        return False
    write(target, payload)
    return True


def _same(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file holding exactly ``data``."""
    try:
        if not path.is_file() or path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def build_site(
    dataset: Dataset,
    out: str | os.PathLike[str],
    *,
    claims_file: str | os.PathLike[str] | None = None,
    write: Writer = _atomic.write_bytes,
) -> SiteReport:
    """Build the site of ``dataset`` in folder ``out`` (created when missing).

    ``claims_file`` is the file the dataset was read from, whose sha256 the
    pages show as the dataset's version (default: ``dataset.file``).  Writes
    only the files whose bytes differ from what ``out`` holds.  Raises
    :class:`SiteError` when an id cannot name a page (malformed or
    duplicated) and OSError when ``out`` cannot be written.
    """
    root = Path(out)
    data = gather(dataset, Path(claims_file) if claims_file is not None else None)
    made: set[Path] = set()
    written: list[str] = []
    files = 0
    pending: deque[tuple[str, Future[bool]]] = deque()
    with ThreadPoolExecutor(_WORKERS) as pool:
        try:
            for relative, text in site_files(data):
                files += 1
                target = root / relative
                if target.parent not in made:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made.add(target.parent)
                pending.append((relative, pool.submit(_put, target, text.encode(), write)))
                while len(pending) > _IN_FLIGHT:
                    _collect(pending.popleft(), written)
            while pending:
                _collect(pending.popleft(), written)
        finally:
            for _, future in pending:
                future.cancel()
    return SiteReport(files, tuple(written))


def _collect(item: tuple[str, Future[bool]], written: list[str]) -> None:
    relative, future = item
    if future.result():
        written.append(relative)
