"""carsi-claims: typed, source-pinned claims about CARSI, with validators.

>>> import carsi_claims
>>> dataset = carsi_claims.load()
>>> report = carsi_claims.validate(dataset)

The checks (``validate``) and citations (``cite``, ``Citation``,
``CitedQuote``) are imported on first use, so that ``import carsi_claims``
costs only the model and the loader.
"""

import gc
import importlib
from typing import TYPE_CHECKING, Any

# The collector is paused while the package's modules are built: everything they make
# stays alive, so a collection then frees nothing (it cost a fortieth of the start-up).
_collecting = gc.isenabled()
gc.disable()
try:
    from carsi_claims._version import __version__
    from carsi_claims.dataset import Dataset, load, load_bytes
    from carsi_claims.errors import (
        CarsiClaimsError,
        LoadError,
        RetractedClaimWarning,
        UnknownClaimError,
    )
    from carsi_claims.findings import Finding, Location, Report, Severity
    from carsi_claims.model import (
        Basis,
        Bound,
        Claim,
        ClaimKind,
        Correction,
        Count,
        CoverageIgnore,
        DateValue,
        Entity,
        EntityType,
        Evidence,
        FiscalYears,
        Inference,
        Interval,
        ListItem,
        Money,
        PartialDate,
        Percentage,
        Pin,
        Provenance,
        QualifierName,
        Qualifiers,
        Quotation,
        RelationKind,
        Resolution,
        ResolutionKind,
        Source,
        SourceRelation,
        Statement,
        Status,
        Value,
        interval,
    )
finally:
    if _collecting:
        gc.enable()

if TYPE_CHECKING:
    from carsi_claims.checks.suite import validate
    from carsi_claims.citing.cite import Citation, CitedQuote, cite

#: Public names imported on first use, and the module that defines each.
_LAZY = {
    "validate": "carsi_claims.checks.suite",
    "Citation": "carsi_claims.citing.cite",
    "CitedQuote": "carsi_claims.citing.cite",
    "cite": "carsi_claims.citing.cite",
}


def __getattr__(name: str) -> Any:
    home = _LAZY.get(name)
    if home is None:
        raise AttributeError(f"module 'carsi_claims' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


__all__ = [
    "Basis",
    "Bound",
    "CarsiClaimsError",
    "Citation",
    "CitedQuote",
    "Claim",
    "ClaimKind",
    "Correction",
    "Count",
    "CoverageIgnore",
    "Dataset",
    "DateValue",
    "Entity",
    "EntityType",
    "Evidence",
    "Finding",
    "FiscalYears",
    "Inference",
    "Interval",
    "ListItem",
    "LoadError",
    "Location",
    "Money",
    "PartialDate",
    "Percentage",
    "Pin",
    "Provenance",
    "QualifierName",
    "Qualifiers",
    "Quotation",
    "RelationKind",
    "Report",
    "Resolution",
    "ResolutionKind",
    "RetractedClaimWarning",
    "Severity",
    "Source",
    "SourceRelation",
    "Statement",
    "Status",
    "UnknownClaimError",
    "Value",
    "__version__",
    "cite",
    "interval",
    "load",
    "load_bytes",
    "validate",
]
