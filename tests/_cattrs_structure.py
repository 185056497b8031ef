"""The cattrs structuring of carsi-claims 0.2.0, kept as the reference for read/structure.py.

``tests/test_structure_reference.py`` holds the hand-written structurers to this:
the same records, the same problems (path, code, message) for any tree.
The scalar hooks are the package's own (what they accept is not in question);
what is kept here is how cattrs walks records, tuples, ``X | None`` and a
claim's value, and how its errors become problems.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override

from carsi_claims.model import (
    VALUE_TYPES,
    Claim,
    ClaimKind,
    PartialDate,
)
from carsi_claims.read.structure import (
    Problem,
    SchemaError,
    _bool,
    _decimal,
    _enum,
    _fields_of,
    _int,
    _partial_date,
    _text,
    describe,
    one_cause,
)

__all__ = ["Problem", "structure_one"]

Path = tuple[str | int, ...]
T = TypeVar("T")


def _make_converter(*, detailed: bool = True) -> cattrs.Converter:
    """The strict converter; ``detailed`` collects every problem with its path (slower)."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    # Class-based dispatch picks the most specific class: a StrEnum member
    # type takes the enum hook, not the text hook, and bool is not int.
    conv.register_structure_hook(str, lambda v, _: _text(v))
    conv.register_structure_hook(int, lambda v, _: _int(v))
    conv.register_structure_hook(bool, lambda v, _: _bool(v))
    conv.register_structure_hook(Decimal, lambda v, _: _decimal(v))
    conv.register_structure_hook(PartialDate, lambda v, _: _partial_date(v))
    conv.register_structure_hook(enum.StrEnum, _enum)

    def attrs_factory(cls: type[Any]) -> Callable[[object, object], Any]:
        inner = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)

        def structure(value: object, _: object) -> Any:
            if not isinstance(value, dict):
                raise SchemaError(f"expected a mapping, found {describe(value)}")
            return inner(value, cls)

        return structure

    conv.register_structure_hook_factory(attrs.has, attrs_factory)

    def tuple_factory(cls: Any) -> Callable[[object, object], tuple[Any, ...]]:
        item_type = cls.__args__[0]
        item_hook = conv.get_structure_hook(item_type)

        def structure(value: object, _: object) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise SchemaError(f"expected a list, found {describe(value)}")
            if not detailed:
                return tuple([item_hook(item, item_type) for item in value])
            out: list[Any] = []
            errors: list[Exception] = []
            for index, item in enumerate(value):
                try:
                    out.append(item_hook(item, item_type))
                except Exception as exc:
                    exc.add_note(IterableValidationNote(f"@ index {index}", index, item_type))
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {cls!r}", errors, cls)
            return tuple(out)

        return structure

    conv.register_structure_hook_factory(_is_tuple, tuple_factory)
    return conv


def _is_tuple(cls: object) -> bool:
    origin: object = typing.get_origin(cls)
    return origin is tuple


converter: Final = _make_converter()
# Same hooks without detailed validation: about twice as fast on valid records.  It
# accepts exactly what ``converter`` accepts; a record it refuses is structured again
# with ``converter`` to collect every problem with its path.
_fast_converter: Final = _make_converter(detailed=False)


# -- claims: the value's type depends on the claim's kind ------------------

for _cls in (Claim, *VALUE_TYPES.values()):
    attrs.resolve_types(_cls)

# A claim with its value left raw: the value's type is known only once ``kind``
# is read.  Named "Claim", as messages about its keys should say.
_ClaimShape: Final = attrs.make_class(
    "Claim",
    {
        f.name: attrs.field(
            type=(Any if f.name == "value" else f.type),
            default=f.default,
        )
        for f in attrs.fields(Claim)
    },
)


# -- errors to findings --------------------------------------------------------


def _step(exc: BaseException) -> str | int | None:
    for note in getattr(exc, "__notes__", ()):
        name = getattr(note, "name", None)
        if isinstance(name, str):
            return name
        index = getattr(note, "index", None)
        if isinstance(index, int):
            return index
    return None


def problems_of(exc: BaseException, path: Path) -> Iterator[Problem]:
    """Flatten a cattrs error tree into located problems, one per leaf."""
    if isinstance(exc, ForbiddenExtraKeysError):
        known, suggestions = _fields_of(exc.cl)
        for key in sorted(exc.extra_fields):
            hint = suggestions.hint(key)
            yield Problem(
                (*path, key),
                "schema.unknown-key",
                f"unknown key {key!r} in {exc.cl.__name__}; "
                f"expected one of {', '.join(known)}{hint}",
                at_key=True,
                meant=suggestions.closest(key),
            )
        return
    if isinstance(exc, BaseValidationError):
        for sub in exc.exceptions:
            step = _step(sub)
            sub_path = path if step is None else (*path, step)
            if isinstance(sub, KeyError) and step is not None:
                yield Problem(sub_path, "schema.missing-key", f"missing required key {step!r}")
                continue
            yield from problems_of(sub, sub_path)
        return
    if isinstance(exc, SchemaError):
        yield Problem(path, exc.code, str(exc))
        return
    # cattrs or attrs raised something of its own: keep its words, never a traceback.
    yield Problem(path, "schema.type", f"{type(exc).__name__}: {exc}")


def structure_one(raw: object, cls: type[T], path: Path) -> tuple[T | None, list[Problem]]:
    """Structure one record; the record or None, and its problems."""
    if cls is Claim:
        return _structure_claim(raw, path)  # type: ignore[return-value]
    try:
        return _fast_converter.structure(raw, cls), []
    except Exception:  # refused: structure it again below to collect every problem
        pass
    try:
        return converter.structure(raw, cls), []
    except Exception as exc:  # every failure becomes a located problem
        return None, one_cause(list(problems_of(exc, path)))


_KINDS: Final = frozenset(k.value for k in ClaimKind)


# A valid claim in one step: its value structured by its kind first, then the claim
# with that value passed through (the shape's hooks for every other field).  Anything
# refused is structured again field by field below, to collect every problem.
_fast_claim: Final = make_dict_structure_fn(
    Claim,
    _fast_converter,
    _cattrs_forbid_extra_keys=True,
    value=override(struct_hook=lambda value, _: value),
)


def _structure_claim(raw: object, path: Path) -> tuple[Claim | None, list[Problem]]:
    if isinstance(raw, dict):
        kind_text = raw.get("kind")
        if isinstance(kind_text, str) and kind_text in _KINDS and "value" in raw:
            try:
                kind_type = VALUE_TYPES[ClaimKind(kind_text)]
                typed = _fast_converter.structure(raw["value"], kind_type)
                return _fast_claim({**raw, "value": typed}, Claim), []
            except Exception:  # refused: structured again below to collect every problem
                pass
    shape, problems = structure_one(raw, _ClaimShape, path)
    if not isinstance(raw, dict):
        return None, problems
    kind_text = raw.get("kind")
    if not isinstance(kind_text, str) or kind_text not in _KINDS:
        return None, problems  # the shape's problems name the kind
    kind = ClaimKind(kind_text)
    if "value" not in raw:
        return None, problems
    value, value_problems = structure_one(raw["value"], VALUE_TYPES[kind], (*path, "value"))
    problems += value_problems
    if shape is None or value is None or problems:
        return None, problems
    fields = {f.name: getattr(shape, f.name) for f in attrs.fields(Claim)}
    fields["value"] = value
    return Claim(**fields), []
