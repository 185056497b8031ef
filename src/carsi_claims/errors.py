"""The library's exceptions: one root, each also the fitting builtin."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from carsi_claims.findings import Finding

# check_type is for the library's own public functions, not exported.
__all__ = [
    "CarsiClaimsError",
    "LoadError",
    "RetractedClaimWarning",
    "UnknownClaimError",
]


class CarsiClaimsError(Exception):
    """Root of every error this library raises on purpose."""


class LoadError(CarsiClaimsError, ValueError):
    """A claims file could not be read: every problem found, each with its location.

    ``findings`` holds all of them (not just the first), so one run shows
    everything to fix.  ``str()`` renders them one per line as
    ``file:line:col: code: message``.
    """

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings: tuple[Finding, ...] = tuple(findings)
        super().__init__("\n".join(f.render() for f in self.findings))


class UnknownClaimError(CarsiClaimsError, KeyError):
    """An id names no claim in the dataset."""

    def __init__(self, claim_id: str, suggestion: str | None = None) -> None:
        from carsi_claims.text import did_you_mean

        self.claim_id = claim_id
        self.suggestion = suggestion
        hint = did_you_mean(claim_id, [suggestion] if suggestion else [])
        super().__init__(f"no claim with id {claim_id!r}{hint}")

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class RetractedClaimWarning(UserWarning):
    """A retracted claim was looked up or cited."""


def check_type(
    function: str, name: str, value: object, types: type | tuple[type, ...], expected: str
) -> None:
    """Raise TypeError unless ``value`` is one of ``types`` (a bool is no int here).

    The message names the function, the parameter and the type expected:
    ``Dataset.get(): claim_id must be a str (a claim id), not NoneType``.
    """
    if isinstance(value, types) and not (isinstance(value, bool) and bool not in _tuple(types)):
        return
    raise TypeError(f"{function}(): {name} must be {expected}, not {type(value).__name__}")


def _tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)
