"""Meaning fingerprints: a hash of the canonical form of what a claim asserts.

The canonical form (version ``m1``) is specified in the README, section
"Meaning fingerprints", precisely enough to recompute it elsewhere.  In short:

- it is built from the model generically: every field of :class:`Claim` and
  of the records under it, except the fields in :data:`EXCLUDED` (the id,
  status, notes, offsets: what moves or says something *about* a claim
  without changing what it asserts);
- a field whose value equals its default in the model is left out, so that a
  field added to the model with a default changes no existing fingerprint;
- text is kept exactly; whole numbers are JSON numbers; decimals are JSON
  strings of plain digits without trailing zeros (``"12.5"``, never
  ``"12.50"`` or ``"1.25E+1"``); dates are ``YYYY``, ``YYYY-MM`` or
  ``YYYY-MM-DD``; enumerations are their value; true/false are JSON booleans;
- lists keep their order, except those in :data:`UNORDERED` (a claim's
  provenance), which are sorted by the canonical JSON of their items;
- it is serialised as JSON with keys sorted, no whitespace, non-ASCII
  characters as themselves, UTF-8 encoded (RFC 8785 for this content);
- the fingerprint is ``m1:`` followed by the lowercase hex SHA-256 of those bytes.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Final

import attrs

from carsi_claims._sha256 import sha256_hex
from carsi_claims.model import Claim, PartialDate

__all__ = [
    "ALGORITHM",
    "EXCLUDED",
    "UNORDERED",
    "canonical_form",
    "canonical_json",
    "describe_changes",
    "fingerprint",
    "fingerprint_of_form",
    "fingerprints",
    "meaning_changes",
]

#: The prefix of every fingerprint: the version of the canonical form and hash.
ALGORITHM: Final = "m1"

#: Fields that are not part of a claim's meaning, as (class name, field name).
#: The id names the meaning rather than being part of it; status, reason and
#: superseded_by say what became of a claim; notes comment on it; offsets move
#: when the text before an unchanged quote changes; mentions link the entities
#: a quote names and heading marks its form, neither changes what is asserted.
EXCLUDED: Final[frozenset[tuple[str, str]]] = frozenset(
    {
        ("Claim", "id"),
        ("Claim", "status"),
        ("Claim", "superseded_by"),
        ("Claim", "reason"),
        ("Claim", "note"),
        ("Claim", "mentions"),
        ("Claim", "heading"),
        ("Inference", "note"),
        ("Provenance", "start"),
        ("Provenance", "end"),
    }
)

#: List fields whose order carries no meaning, sorted in the canonical form.
UNORDERED: Final[frozenset[tuple[str, str]]] = frozenset({("Claim", "provenance")})


def _default(field: attrs.Attribute[Any]) -> Any:
    """A field's default value, or a marker equal to nothing when it has none."""
    default: Any = field.default
    if default is attrs.NOTHING:
        return _NO_DEFAULT
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # attrs types Factory as a function
        return _NO_DEFAULT if default.takes_self else default.factory()
    return default


class _NoDefault:
    """Equal to nothing: the default of a field that has none."""

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = object.__hash__


_NO_DEFAULT: Final = _NoDefault()


def _plain_decimal(value: Decimal) -> str:
    if not value.is_finite():
        raise ValueError(f"a non-finite number ({value}) has no canonical form")
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


#: A record class's meaning fields (name, default, unordered), or None for a non-record.
_Plan = tuple[tuple[str, Any, bool], ...] | None
_PLANS: dict[type[Any], _Plan] = {}


def _plan(cls: type[Any]) -> _Plan:
    """The meaning fields of a record class, in field order (None when not a record)."""
    if cls not in _PLANS:
        _PLANS[cls] = (
            tuple(
                (f.name, _default(f), (cls.__name__, f.name) in UNORDERED)
                for f in attrs.fields(cls)
                if (cls.__name__, f.name) not in EXCLUDED
            )
            if attrs.has(cls) and cls is not PartialDate
            else None
        )
    return _PLANS[cls]


def _canonical(value: Any) -> Any:
    cls = type(value)
    if cls is str or cls is int or cls is bool:
        return value
    plan = _plan(cls)
    if plan is not None:
        out: dict[str, Any] = {}
        for name, default, unordered in plan:
            item = getattr(value, name)
            if item == default:
                continue
            form = _canonical(item)
            if unordered and len(form) > 1:
                form = sorted(form, key=canonical_json)
            out[name] = form
        return out
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return _plain_decimal(value)
    raise TypeError(f"no canonical form for {type(value).__name__}")


def canonical_form(claim: Claim) -> dict[str, Any]:
    """What ``claim`` asserts, as plain JSON data (the ``m1`` canonical form)."""
    form: dict[str, Any] = _canonical(claim)
    return form


_ENCODER: Final = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(form: Any) -> str:
    """The canonical serialisation: sorted keys, no whitespace, characters as themselves.

    That is ``json.dumps(form, sort_keys=True, separators=(",", ":"), ensure_ascii=False)``.
    """
    return _ENCODER.encode(form)


def fingerprint_of_form(form: Any) -> str:
    """``m1:`` and the SHA-256 (lowercase hex) of the canonical JSON's UTF-8 bytes."""
    return _fingerprint_of_json(canonical_json(form))


def _fingerprint_of_json(text: str) -> str:
    return f"{ALGORITHM}:{sha256_hex(text.encode('utf-8'))}"


def fingerprint(claim: Claim) -> str:
    """The meaning fingerprint of ``claim``."""
    return fingerprint_of_form(canonical_form(claim))


def _flatten(form: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(form, dict) and form:
        for key in sorted(form):
            _flatten(form[key], f"{prefix}.{key}" if prefix else key, out)
    elif isinstance(form, list) and form:
        for i, item in enumerate(form):
            _flatten(item, f"{prefix}[{i}]", out)
    else:
        out[prefix] = form


def meaning_changes(old: Any, new: Any) -> list[tuple[str, Any, Any]]:
    """The leaves that differ between two canonical forms: (path, old, new); None when absent."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    _flatten(old, "", before)
    _flatten(new, "", after)
    paths = sorted(set(before) | set(after))
    return [(p, before.get(p), after.get(p)) for p in paths if before.get(p) != after.get(p)]


def _shown(value: Any) -> str:
    return "(absent)" if value is None else json.dumps(value, ensure_ascii=False)


def describe_changes(old: Any, new: Any) -> str:
    """What differs between two canonical forms, as ``path: old -> new`` joined by '; '."""
    return "; ".join(
        f"{path}: {_shown(before)} -> {_shown(after)}"
        for path, before, after in meaning_changes(old, new)
    )


def fingerprints(claims: Iterable[Claim]) -> dict[str, tuple[str, str]]:
    """Each claim's id to its fingerprint and canonical JSON (the first claim of an id wins)."""
    out: dict[str, tuple[str, str]] = {}
    for claim in claims:
        if claim.id not in out:
            text = canonical_json(canonical_form(claim))  # encoded once, hashed and kept
            out[claim.id] = (_fingerprint_of_json(text), text)
    return out
