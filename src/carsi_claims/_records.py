"""Value semantics shared by the record classes: repr, equality and hash, written once.

attrs generates ``__repr__``, ``__eq__`` and ``__hash__`` for every class as source
text and compiles it when the class is made: for the model's twenty classes that was
a tenth of the start-up of ``carsi-claims validate``.  A class declared with
``@attrs.frozen(repr=False, eq=False)`` that derives from :class:`Record` behaves as
attrs would have made it: the same repr text, equal when of the same class with equal
fields (compared in order, each with ``==``), and a hash of its class and fields.
Classes that attrs must order (``order=True``) keep attrs's own methods.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

__all__ = ["Record"]

_Fields = Callable[[object], tuple[Any, ...]]


def _getter(names: list[str]) -> _Fields:
    if len(names) == 1:  # attrgetter of one name returns the value itself, not a tuple
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return attrgetter(*names) if names else (lambda obj: ())


#: Per class, made on first use: the names its repr shows, and the getters of the fields
#: it compares and hashes.
_SHOWN: dict[type, tuple[str, ...]] = {}
_COMPARED: dict[type, _Fields] = {}
_HASHED: dict[type, _Fields] = {}


def _learn(cls: type) -> None:
    fields = cls.__attrs_attrs__  # type: ignore[attr-defined]
    _SHOWN[cls] = tuple(a.name for a in fields if a.repr)
    _COMPARED[cls] = _getter([a.name for a in fields if a.eq])
    _HASHED[cls] = _getter([a.name for a in fields if a.hash is True or (a.hash is None and a.eq)])


class Record:
    """Mixin: repr, ``==`` and hash over the attrs fields of the class, as attrs makes them."""

    __slots__ = ()

    def __repr__(self) -> str:
        cls = self.__class__
        if cls not in _SHOWN:
            _learn(cls)
        inside = ", ".join(f"{n}={getattr(self, n)!r}" for n in _SHOWN[cls])
        return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({inside})"

    def __eq__(self, other: object) -> bool:
        cls = self.__class__
        if other.__class__ is not cls:
            return NotImplemented
        compared = _COMPARED.get(cls)
        if compared is None:
            _learn(cls)
            compared = _COMPARED[cls]
        for mine, theirs in zip(compared(self), compared(other), strict=True):
            if not mine == theirs:  # each field with ==, as attrs compares (NaN is not NaN)
                return False
        return True

    def __hash__(self) -> int:
        cls = self.__class__
        hashed = _HASHED.get(cls)
        if hashed is None:
            _learn(cls)
            hashed = _HASHED[cls]
        return hash((cls, *hashed(self)))
