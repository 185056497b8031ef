"""Public API functions given the wrong type raise TypeError naming the parameter and the type.

On 0.1.0 ``Dataset.get(None)`` raised ``TypeError: 'NoneType' object is not
iterable`` from inside difflib, and ``load(123)`` a ``TypeError`` from pathlib.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import carsi_claims
from carsi_claims import Dataset, cite, load, validate

EMPTY = Dataset()

CASES: list[tuple[Callable[[], object], str]] = [
    (lambda: EMPTY.get(None), "Dataset.get(): claim_id must be a str (a claim id), not NoneType"),  # type: ignore[arg-type]
    (lambda: EMPTY.get(5), "Dataset.get(): claim_id must be a str (a claim id), not int"),  # type: ignore[arg-type]
    (
        lambda: EMPTY.current(b"x"),  # type: ignore[arg-type]
        "Dataset.current(): claim_id must be a str (a claim id), not bytes",
    ),
    (
        lambda: EMPTY.closest_id(None),  # type: ignore[arg-type]
        "Dataset.closest_id(): claim_id must be a str (a claim id), not NoneType",
    ),
    (
        lambda: EMPTY.source(1),  # type: ignore[arg-type]
        "Dataset.source(): source_id must be a str (a source id), not int",
    ),
    (
        lambda: EMPTY.entity(None),  # type: ignore[arg-type]
        "Dataset.entity(): entity_id must be a str (an entity id), not NoneType",
    ),
    (
        lambda: EMPTY.filter(kind=5),  # type: ignore[arg-type]
        "Dataset.filter(): kind must be a str or None, not int",
    ),
    (
        lambda: EMPTY.filter(source=["a"]),  # type: ignore[arg-type]
        "Dataset.filter(): source must be a str or None, not list",
    ),
    (
        lambda: EMPTY.filter(fiscal_year="2010"),  # type: ignore[arg-type]
        "Dataset.filter(): fiscal_year must be an int or None, not str",
    ),
    (
        lambda: EMPTY.filter(derived="yes"),  # type: ignore[arg-type]
        "Dataset.filter(): derived must be a bool or None, not str",
    ),
    (
        lambda: EMPTY.filter(subject=1),  # type: ignore[arg-type]
        "Dataset.filter(): subject must be a str or None, not int",
    ),
    (
        lambda: EMPTY.filter(property=b"p"),  # type: ignore[arg-type]
        "Dataset.filter(): property must be a str or None, not bytes",
    ),
    (
        lambda: EMPTY.filter(status=2),  # type: ignore[arg-type]
        "Dataset.filter(): status must be a str or None, not int",
    ),
    (
        lambda: EMPTY.filter(entity=3.5),  # type: ignore[arg-type]
        "Dataset.filter(): entity must be a str or None, not float",
    ),
    (
        lambda: EMPTY.filter(speaker=("x",)),  # type: ignore[arg-type]
        "Dataset.filter(): speaker must be a str or None, not tuple",
    ),
    (
        lambda: EMPTY.filter(voice=1),  # type: ignore[arg-type]
        "Dataset.filter(): voice must be a str or None, not int",
    ),
    (
        lambda: EMPTY.filter(list_id=0),  # type: ignore[arg-type]
        "Dataset.filter(): list_id must be a str or None, not int",
    ),
    (
        lambda: EMPTY.filter(as_of_from=2011),  # type: ignore[arg-type]
        "Dataset.filter(): as_of_from must be a date text or None, not int",
    ),
    (
        lambda: EMPTY.filter(as_of_to=2011),  # type: ignore[arg-type]
        "Dataset.filter(): as_of_to must be a date text or None, not int",
    ),
    (
        lambda: EMPTY.filter(fiscal_year=True),
        "Dataset.filter(): fiscal_year must be an int or None, not bool",
    ),
    (
        lambda: EMPTY.filter(inferred=1),  # type: ignore[arg-type]
        "Dataset.filter(): inferred must be a bool or None, not int",
    ),
    (lambda: load(123), "load(): path must be a str, a path or None, not int"),  # type: ignore[arg-type]
    (lambda: load(seeds=1.5), "load(): seeds must be a str, a path or None, not float"),  # type: ignore[arg-type]
    (lambda: load(strict="no"), "load(): strict must be a bool, not str"),  # type: ignore[arg-type]
    (lambda: cite(None), "cite(): claim_id must be a str (a claim id), not NoneType"),  # type: ignore[arg-type]
    (
        lambda: cite("x", dataset="data/claims.yaml"),  # type: ignore[arg-type]
        "cite(): dataset must be a Dataset or None, not str",
    ),
    (
        lambda: validate("x"),  # type: ignore[arg-type]
        "validate(): dataset must be a Dataset (from carsi_claims.load), not str",
    ),
    (
        lambda: validate(EMPTY, seeds=3),  # type: ignore[arg-type]
        "validate(): seeds must be a str, a path or None, not int",
    ),
    (
        lambda: validate(EMPTY, checks="all"),  # type: ignore[arg-type]
        "validate(): checks must be a sequence of check functions",
    ),
]


@pytest.mark.parametrize(("call", "message"), CASES)
def test_wrong_type_is_a_typeerror_naming_the_parameter(
    call: Callable[[], object], message: str
) -> None:
    """The TypeError names the function, the parameter, the type expected and the type given."""
    with pytest.raises(TypeError) as info:
        call()
    assert str(info.value) == message


def test_right_types_still_work(tmp_path: Path) -> None:
    """A path object, a ClaimKind and a Status are accepted where a str is."""
    dataset = load(Path(carsi_claims.dataset.default_paths()[0]))
    assert dataset.filter(kind=carsi_claims.ClaimKind.MONEY, status=carsi_claims.Status.ACTIVE)
    assert validate(dataset, seeds=Path(carsi_claims.dataset.default_paths()[1])).ok
