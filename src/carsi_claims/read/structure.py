"""Structuring: the loader's plain tree (str, None, dict, list) into model objects.

Each record type gets a structurer, built from its attrs fields on first use
and kept: strict scalar hooks (the schema, not YAML, decides types, so
``"no"`` in a text field is the text ``no``, and in a true/false field it is
refused with a hint rather than read as false), ``X | None``,
``tuple[X, ...]`` and nested records; a claim's value by its ``kind``.
Unknown keys are errors.  Up to 0.2.0 cattrs did this; importing it and
generating its code cost more than structuring the shipped dataset, so the
same rules are written out here, and ``tests/test_structure_reference.py``
holds them to cattrs's answers.  Every problem
becomes a :class:`~carsi_claims.findings.Finding` at the line and column of
the offending node, and all of them are collected, not just the first.
"""

from __future__ import annotations

import builtins
import enum
import functools
import operator
import re
import sys
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs

from carsi_claims._gc import paused
from carsi_claims._records import Record
from carsi_claims.findings import Finding, Location, Severity
from carsi_claims.model import (
    VALUE_TYPES,
    Claim,
    ClaimKind,
    Correction,
    CoverageIgnore,
    Entity,
    PartialDate,
    Resolution,
    Source,
)
from carsi_claims.text import Suggestions

__all__ = [
    "TOP_LEVEL",
    "Path",
    "Problem",
    "SchemaError",
    "structure_one",
    "structure_records",
    "structure_value",
    "structurer",
]

Path = tuple[str | int, ...]
T = TypeVar("T")


class SchemaError(ValueError):
    """A scalar or node that does not fit the schema; the message says what and how to fix."""

    def __init__(self, message: str, code: str = "schema.type") -> None:
        super().__init__(message)
        self.code = code


def describe(value: object) -> str:
    """How a found value is named in a message."""
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"{shown!r}"
    return type(value).__name__


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    hint = " (quote it if you mean the word: 'null')" if value is None else ""
    raise SchemaError(f"expected text, found {describe(value)}{hint}")


_INT = re.compile(r"-?[0-9]{1,18}", re.ASCII)
_DECIMAL = re.compile(r"-?[0-9]{1,30}(?:\.[0-9]{1,12})?", re.ASCII)


def _number_hint(value: str) -> str:
    if re.fullmatch(r"[-+]?[0-9.]+[eE][-+]?[0-9]+", value):
        return "; write the number out in digits (1e6 is written 1000000)"
    if re.search(r"[0-9][,_ ][0-9]", value):
        return "; write it without thousands separators"
    if value.lower().lstrip("+-.") in {"nan", "inf", "infinity"}:
        return "; only finite numbers are allowed"
    return ""


def _int(value: object) -> int:
    if isinstance(value, str) and _INT.fullmatch(value):
        return int(value)
    hint = _number_hint(value) if isinstance(value, str) else ""
    raise SchemaError(f"expected a whole number, found {describe(value)}{hint}")


def _decimal(value: object) -> Decimal:
    if isinstance(value, str) and _DECIMAL.fullmatch(value):
        return Decimal(value)
    hint = _number_hint(value) if isinstance(value, str) else ""
    raise SchemaError(
        f"expected a decimal number such as 260000000 or 12.5, found {describe(value)}{hint}"
    )


_YAML11_BOOLS: Final = frozenset(
    {"yes", "no", "on", "off", "y", "n", "True", "False", "TRUE", "FALSE", "Yes", "No"}
)


def _bool(value: object) -> bool:
    if value == "true":
        return True
    if value == "false":
        return False
    hint = ""
    if isinstance(value, str) and value in _YAML11_BOOLS:
        hint = f"; write true or false ({value!r} is not read as a yes/no here)"
    raise SchemaError(f"expected true or false, found {describe(value)}{hint}")


def _partial_date(value: object) -> PartialDate:
    if not isinstance(value, str):
        raise SchemaError(f"expected a date such as '2011-03-14', found {describe(value)}")
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise SchemaError(
            f"{exc}; use an ISO date in quotes: '2011-03-14' (or '2011-03', '2011')",
            code="schema.date",
        ) from None


def _enum(value: object, cls: type[enum.StrEnum]) -> enum.StrEnum:
    if isinstance(value, str):
        # the member by its value, as ``cls(value)`` finds it first, without the call
        member = cls._value2member_map_.get(value)
        if member is not None:
            return member  # type: ignore[return-value]
        try:
            return cls(value)
        except ValueError:
            pass
    allowed = ", ".join(m.value for m in cls)  # only on failure: joining costs on every field
    raise SchemaError(f"expected one of {allowed}; found {describe(value)}", code="schema.enum")


# -- structurers: a value at a path to a model object, or _BAD with its problems --

#: What a structurer returns for a value it refused (after adding its problems).
_BAD: Final[Any] = object()

#: A scalar hook: the value, or SchemaError saying what was expected.
Scalar = Callable[[object], Any]
#: A structurer for a node with parts: the value, or _BAD once it has added its problems.
Structurer = Callable[[object, "Path", "list[Problem]"], Any]


def _scalar_of(tp: Any) -> Scalar | None:
    """The hook for a scalar type (``X | None`` included), or None for a node with parts."""
    if tp is str:
        return _text
    if tp is bool:  # before int: bool is an int, and it is read only from true/false
        return _bool
    if tp is int:
        return _int
    if tp is Decimal:
        return _decimal
    if tp is PartialDate:
        return _partial_date
    if isinstance(tp, type) and issubclass(tp, enum.StrEnum):
        return functools.partial(_enum, cls=tp)
    inner = _optional_of(tp)
    if inner is not None:
        hook = _scalar_of(inner)
        if hook is not None:
            return functools.partial(_or_none, hook)
    return None


def _optional_of(tp: Any) -> Any:
    """``X`` for ``X | None``; None for any other type."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (types.UnionType, typing.Union) and len(args) == 2:
        if args[1] is type(None):
            return args[0]
        if args[0] is type(None):
            return args[1]
    return None


def _or_none(hook: Scalar, value: object) -> Any:
    return None if value is None else hook(value)


_STRUCTURERS: Final[dict[object, Structurer]] = {}


def structurer(tp: object) -> Structurer:
    """The structurer of a schema type: an attrs class, ``tuple[X, ...]``, ``X | None``
    or a scalar; built on first use and kept."""
    found = _STRUCTURERS.get(tp)
    if found is None:
        found = _STRUCTURERS[tp] = _build(tp)
    return found


def _build(tp: Any) -> Structurer:
    scalar = _scalar_of(tp)
    if scalar is not None:
        return _scalar_structurer(scalar)
    if typing.get_origin(tp) is tuple:
        return _tuple_structurer(typing.get_args(tp)[0])
    inner = _optional_of(tp)
    if inner is not None:
        parts = structurer(inner)

        def optional(value: object, path: Path, problems: list[Problem]) -> Any:
            return None if value is None else parts(value, path, problems)

        return optional
    if tp is Claim:
        return _structure_claim
    if attrs.has(tp):
        return _class_structurer(tp)
    raise TypeError(f"no structurer for {tp!r}")  # the model uses no other type


def _scalar_structurer(hook: Scalar) -> Structurer:
    def scalar(value: object, path: Path, problems: list[Problem]) -> Any:
        try:
            return hook(value)
        except SchemaError as exc:
            problems.append(Problem(path, exc.code, str(exc)))
            return _BAD

    return scalar


def _part(
    raw: object, hook: Scalar | None, parts: Structurer | None, path: Path, problems: list[Problem]
) -> Any:
    """One part of a node (a field, an item) by its scalar hook or its structurer."""
    if hook is not None:
        try:
            return hook(raw)
        except SchemaError as exc:
            problems.append(Problem(path, exc.code, str(exc)))
            return _BAD
    assert parts is not None
    return parts(raw, path, problems)


def _tuple_structurer(item_type: Any) -> Structurer:
    hook = _scalar_of(item_type)
    parts = None if hook is not None else structurer(item_type)

    def items(value: object, path: Path, problems: list[Problem]) -> Any:
        if not isinstance(value, list):
            problems.append(
                Problem(path, "schema.type", f"expected a list, found {describe(value)}")
            )
            return _BAD
        out: list[Any] = []
        bad = False
        for index, item in enumerate(value):
            result = _part(item, hook, parts, (*path, index), problems)
            if result is _BAD:
                bad = True
            else:
                out.append(result)
        return _BAD if bad else tuple(out)

    return items


#: A field of a record type: its key, its scalar hook or its structurer, whether required.
_Field = tuple[str, Scalar | None, Structurer | None, bool]


def _fields_spec(cls: type[Any], **special: Scalar) -> tuple[_Field, ...]:
    spec: list[_Field] = []
    for f in attrs.fields(cls):
        tp = _annotation(f.type, cls)
        hook = special.get(f.name) or _scalar_of(tp)
        spec.append((f.name, hook, None if hook else structurer(tp), f.default is attrs.NOTHING))
    return tuple(spec)


_TUPLE_OF: Final = re.compile(r"tuple\[(\w+), \.\.\.\]")


def _annotation(annotation: object, cls: type[Any]) -> Any:
    """A field's type from its annotation, which ``from __future__ import annotations``
    leaves as text: names, ``X | None`` and ``tuple[X, ...]`` are looked up (evaluating
    each, as ``typing.get_type_hints`` does, compiles it: a tenth of the start-up)."""
    if not isinstance(annotation, str):
        return annotation
    namespace = vars(sys.modules[cls.__module__])
    parts = annotation.split(" | ")
    if len(parts) > 1:
        return functools.reduce(operator.or_, (_annotation(p, cls) for p in parts))
    if annotation == "None":
        return None
    if annotation.isidentifier():
        found = namespace.get(annotation, getattr(builtins, annotation, None))
        if found is not None:
            return found
    m = _TUPLE_OF.fullmatch(annotation)
    if m is not None:
        return tuple[_annotation(m[1], cls), ...]  # type: ignore[misc]
    raise TypeError(f"no structurer for the annotation {annotation!r} of {cls.__name__}")


def _fields_into(
    value: object, cls: Any, spec: tuple[_Field, ...], path: Path, problems: list[Problem]
) -> dict[str, Any] | None:
    """The keyword arguments for ``cls`` from a mapping, or None after adding the problems
    (fields in declaration order, then unknown keys in sorted order)."""
    if not isinstance(value, dict):
        problems.append(
            Problem(path, "schema.type", f"expected a mapping, found {describe(value)}")
        )
        return None
    kwargs: dict[str, Any] = {}
    bad = False
    seen = 0
    for name, hook, parts, required in spec:
        if name not in value:
            if required:
                problems.append(
                    Problem((*path, name), "schema.missing-key", f"missing required key {name!r}")
                )
                bad = True
            continue
        seen += 1
        if hook is not None:  # a scalar, inline: the path is made only for a problem
            try:
                kwargs[name] = hook(value[name])
            except SchemaError as exc:
                problems.append(Problem((*path, name), exc.code, str(exc)))
                bad = True
            continue
        result = _part(value[name], None, parts, (*path, name), problems)
        if result is _BAD:
            bad = True
        else:
            kwargs[name] = result
    if seen < len(value):
        known, suggestions = _fields_of(cls)
        for key in sorted(k for k in value if k not in known):
            expected = f"expected one of {', '.join(known)}{suggestions.hint(key)}"
            problems.append(
                Problem(
                    (*path, key),
                    "schema.unknown-key",
                    f"unknown key {key!r} in {cls.__name__}; {expected}",
                    at_key=True,
                    meant=suggestions.closest(key),
                )
            )
        bad = True
    return None if bad else kwargs


def _class_structurer(cls: type[Any]) -> Structurer:
    spec = _fields_spec(cls)

    def record(value: object, path: Path, problems: list[Problem]) -> Any:
        kwargs = _fields_into(value, cls, spec, path, problems)
        return _BAD if kwargs is None else cls(**kwargs)

    return record


def structure_value(value: object, tp: Any) -> Any:
    """``value`` structured as ``tp``; SchemaError with the first problem otherwise."""
    problems: list[Problem] = []
    result = structurer(tp)(value, (), problems)
    if result is _BAD:
        raise SchemaError(problems[0].message, problems[0].code)
    return result


# -- errors to findings --------------------------------------------------------


@attrs.frozen(repr=False, eq=False)
class Problem(Record):
    """A schema problem at a path, before it is located in a file."""

    path: Path
    code: str
    message: str
    at_key: bool = False
    meant: str | None = None  # for an unknown key: the known key it is most like


@functools.cache
def _fields_of(cls: type[Any]) -> tuple[list[str], Suggestions]:
    """A record type's field names, and suggestions among them (each answer kept)."""
    names = [f.name for f in attrs.fields(cls)]
    return names, Suggestions(names)


def one_cause(problems: list[Problem]) -> list[Problem]:
    """A misspelled key is one mistake: drop the missing key it was meant to be.

    ``ammount:`` in place of ``amount:`` is reported once, as the unknown key
    with its "did you mean 'amount'?", not also as ``amount`` missing.
    """
    meant = {(*p.path[:-1], p.meant) for p in problems if p.meant is not None}
    if not meant:
        return problems
    return [p for p in problems if not (p.code == "schema.missing-key" and p.path in meant)]


def structure_one(raw: object, cls: type[T], path: Path) -> tuple[T | None, list[Problem]]:
    """Structure one record; the record or None, and its problems."""
    problems: list[Problem] = []
    result = structurer(cls)(raw, path, problems)
    if result is _BAD:
        return None, one_cause(problems)
    return result, []


# -- claims: the value's type depends on the claim's kind ------------------

_KINDS: Final = frozenset(k.value for k in ClaimKind)


def _raw(value: object) -> object:
    return value


@functools.cache
def _claim_spec() -> tuple[_Field, ...]:
    # the value is passed through here, and structured by the claim's kind below
    return _fields_spec(Claim, value=_raw)


@functools.cache
def _value_structurer(kind: str) -> Structurer:
    """The structurer of the value of a claim of this kind (a known kind's value)."""
    return structurer(VALUE_TYPES[ClaimKind(kind)])


def _structure_claim(raw: object, path: Path, problems: list[Problem]) -> Any:
    """A claim: its other fields (problems in field order, then unknown keys), then its
    value as the type its ``kind`` names (when the kind is known and the value given)."""
    kwargs = _fields_into(raw, Claim, _claim_spec(), path, problems)
    if not isinstance(raw, dict):
        return _BAD
    kind_text = raw.get("kind")
    if not isinstance(kind_text, str) or kind_text not in _KINDS or "value" not in raw:
        return _BAD  # the problems name the kind or the missing value
    value = _value_structurer(kind_text)(raw["value"], (*path, "value"), problems)
    if kwargs is None or value is _BAD:
        return _BAD
    kwargs["value"] = value
    return Claim(**kwargs)


TOP_LEVEL: Final[dict[str, tuple[type[Any], bool]]] = {
    "sources": (Source, True),
    "entities": (Entity, True),
    "claims": (Claim, True),
    "resolutions": (Resolution, False),
    "coverage_ignores": (CoverageIgnore, False),
    "corrections": (Correction, False),
}
_TOP_LEVEL_NAMES: Final = Suggestions(TOP_LEVEL)


def structure_records(
    root: Mapping[str, object],
) -> tuple[dict[str, list[tuple[Path, Any]]], list[Problem]]:
    """Structure every record under the top-level keys.

    Returns, for each top-level key, the structured records with their paths,
    and all problems.  A record with a problem is left out of the result
    (and reported), so that the checks can still run on the others.
    """
    with paused():
        return _structure_records(root)


def _structure_records(
    root: Mapping[str, object],
) -> tuple[dict[str, list[tuple[Path, Any]]], list[Problem]]:
    problems: list[Problem] = []
    out: dict[str, list[tuple[Path, Any]]] = {key: [] for key in TOP_LEVEL}
    for key in root:
        if key not in TOP_LEVEL:
            hint = _TOP_LEVEL_NAMES.hint(key)
            problems.append(
                Problem(
                    (key,),
                    "schema.unknown-key",
                    f"unknown top-level key {key!r}; expected one of {', '.join(TOP_LEVEL)}{hint}",
                    at_key=True,
                )
            )
    for key, (cls, required) in TOP_LEVEL.items():
        if key not in root:
            if required:
                problems.append(
                    Problem((), "schema.missing-key", f"missing required top-level key {key!r}")
                )
            continue
        items = root[key]
        if items is None:
            items = []
        if not isinstance(items, list):
            problems.append(
                Problem(
                    (key,),
                    "schema.type",
                    f"expected a list of records under {key!r}, found {describe(items)}",
                )
            )
            continue
        for index, raw in enumerate(items):
            path: Path = (key, index)
            record, record_problems = structure_one(raw, cls, path)
            problems += record_problems
            if record is not None:
                out[key].append((path, record))
    return out, problems


def locate_problems(
    problems: Sequence[Problem],
    locate: Callable[[Path], Location],
    locate_key: Callable[[Path], Location],
    claim_of: Callable[[Path], str | None],
) -> list[Finding]:
    """Turn problems into findings at their place in the file."""
    return [
        Finding(
            p.code,
            Severity.ERROR,
            p.message,
            claim=claim_of(p.path),
            location=(locate_key if p.at_key else locate)(p.path),
        )
        for p in problems
    ]
