"""The 0.1.0 import path of the exports, kept so that code written for it still runs.

The exports live in :mod:`carsi_claims.output` (``interchange``, ``csv``,
``jsonld``); this module is part of the facade layer and only re-exports.
"""

from carsi_claims.output.csv import CSV_COLUMNS, inert_cell, to_csv
from carsi_claims.output.interchange import (
    SCHEMA_VERSION,
    ExportError,
    dump_yaml,
    to_interchange,
    to_json,
    unstructure,
)
from carsi_claims.output.jsonld import to_jsonld, to_jsonld_text

__all__ = [
    "CSV_COLUMNS",
    "SCHEMA_VERSION",
    "ExportError",
    "dump_yaml",
    "inert_cell",
    "to_csv",
    "to_interchange",
    "to_json",
    "to_jsonld",
    "to_jsonld_text",
    "unstructure",
]
