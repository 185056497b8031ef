"""The 0.1.0 import path of findings rendering, kept so that code written for it still runs.

The rendering lives in :mod:`carsi_claims.output.render`; this module is part
of the facade layer and only re-exports.
"""

from carsi_claims.output.render import (
    FORMATS,
    SARIF_SCHEMA,
    SARIF_VERSION,
    github_annotation,
    render_findings,
    to_sarif,
)

__all__ = [
    "FORMATS",
    "SARIF_SCHEMA",
    "SARIF_VERSION",
    "github_annotation",
    "render_findings",
    "to_sarif",
]
