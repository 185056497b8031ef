"""carsi-claims: typed, source-pinned claims about CARSI, with validators.

>>> import carsi_claims
>>> dataset = carsi_claims.load()
>>> report = carsi_claims.validate(dataset)
"""

from carsi_claims._version import __version__
from carsi_claims.checks.suite import validate
from carsi_claims.citing.cite import Citation, CitedQuote, cite
from carsi_claims.dataset import Dataset, load
from carsi_claims.errors import (
    CarsiClaimsError,
    LoadError,
    RetractedClaimWarning,
    UnknownClaimError,
)
from carsi_claims.findings import Finding, Location, Report, Severity
from carsi_claims.model import (
    Bound,
    Claim,
    ClaimKind,
    Count,
    CoverageIgnore,
    DateValue,
    Entity,
    Evidence,
    FiscalYears,
    ListItem,
    Money,
    PartialDate,
    Percentage,
    Provenance,
    Qualifiers,
    Quotation,
    Resolution,
    ResolutionKind,
    Source,
    Statement,
    Status,
    Value,
)

__all__ = [
    "Bound",
    "CarsiClaimsError",
    "Citation",
    "CitedQuote",
    "Claim",
    "ClaimKind",
    "Count",
    "CoverageIgnore",
    "Dataset",
    "DateValue",
    "Entity",
    "Evidence",
    "Finding",
    "FiscalYears",
    "ListItem",
    "LoadError",
    "Location",
    "Money",
    "PartialDate",
    "Percentage",
    "Provenance",
    "Qualifiers",
    "Quotation",
    "Report",
    "Resolution",
    "ResolutionKind",
    "RetractedClaimWarning",
    "Severity",
    "Source",
    "Statement",
    "Status",
    "UnknownClaimError",
    "Value",
    "__version__",
    "cite",
    "load",
    "validate",
]
