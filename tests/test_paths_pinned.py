"""Where each record is published: the page paths are permalinks and JSON-LD IRIs, fixed."""

from __future__ import annotations

from carsi_claims.output.paths import (
    REPOSITORY_URL,
    SITE_URL,
    claim_page,
    entity_page,
    source_page,
)


def test_page_paths_by_kind_of_record() -> None:
    """``claims/``, ``sources/`` and ``entities/``, the id as it is, ``.html``."""
    assert claim_page("carsi.funding-2008_10") == "claims/carsi.funding-2008_10.html"
    assert source_page("fs-2011-03-14") == "sources/fs-2011-03-14.html"
    assert entity_page("hillary-clinton") == "entities/hillary-clinton.html"


def test_the_published_addresses() -> None:
    """The site's root (a claim's IRI is this plus its page path) and the repository."""
    assert SITE_URL == "https://carsi-claims.github.io/carsi-claims/"
    assert (
        SITE_URL + claim_page("c.a")
        == "https://carsi-claims.github.io/carsi-claims/claims/c.a.html"
    )
    assert REPOSITORY_URL == "https://github.com/carsi-claims/carsi-claims"
