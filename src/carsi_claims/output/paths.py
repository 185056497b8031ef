"""Where each record is published: the page path of a claim, a source or an entity.

The static site writes its pages at these paths and the JSON-LD export builds
its IRIs from them (``base + claim_page(id)``), so a claim's permalink and its
linked-data IRI are one address. Ids are ASCII letters, digits, ``-``, ``.``
and ``_`` (see ``checks.ids``), so they need no escaping in a path.
"""

from __future__ import annotations

from typing import Final

__all__ = ["REPOSITORY_URL", "SITE_URL", "claim_page", "entity_page", "source_page"]

#: The project's repository; documentation links (such as a SARIF rule's ``helpUri``
#: into ``docs/rules.md``) point into its default branch.
REPOSITORY_URL: Final = "https://github.com/carsi-claims/carsi-claims"
#: Where the project publishes the site built by ``carsi-claims site``: the default
#: base of the JSON-LD export's IRIs, so that a claim's IRI is its permalink page.
SITE_URL: Final = "https://carsi-claims.github.io/carsi-claims/"


def claim_page(claim_id: str) -> str:
    """The path of a claim's page, relative to the site's root: ``claims/<id>.html``."""
    return f"claims/{claim_id}.html"


def source_page(source_id: str) -> str:
    """The path of a source's page, relative to the site's root: ``sources/<id>.html``."""
    return f"sources/{source_id}.html"


def entity_page(entity_id: str) -> str:
    """The path of an entity's page, relative to the site's root: ``entities/<id>.html``."""
    return f"entities/{entity_id}.html"
