"""compare's grid, whole: row order, columns in file order, the reference by votes, each cell."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from _conflict_claims import claim
from carsi_claims.analysis.compare import UnknownNameError, compare, names
from carsi_claims.dataset import Dataset
from carsi_claims.model import Claim, Count, ListItem, Money, Provenance, Source, Status

#: Sources in file order s3, s1, s2, s4 (s4 gives only a retracted claim).
_SOURCES = tuple(Source(s, f"{s}.txt", "0" * 64, s, "news") for s in ("s3", "s1", "s2", "s4"))


def _item(cid: str, ordinal: int, text: str, *sources: str) -> Claim:
    c = claim(cid, ListItem("l", ordinal, text), prop=f"item-{ordinal}")
    return attrs.evolve(c, provenance=tuple(Provenance(s, "q", 0, 1) for s in sources))


def _dataset() -> Dataset:
    claims = (
        _item("i10", 10, "ten", "s1"),
        _item("i2", 2, "two", "s1", "s1"),  # one claim citing its source twice: one text
        _item("i2b", 2, "Two!", "s2"),
        _item("i2c", 2, "two", "s3"),
        _item("i1", 1, "one", "s1", "s2"),
        _item("i1b", 1, "uno", "s3"),
        _item("i1c", 1, "eins", "s3"),
        claim("n", Count(3, list="l"), source="s2", prop="n"),
        claim("m1", Money(Decimal(5)), source="s1", prop="amount"),
        claim("m2", Money(Decimal(6)), source="s2", prop="amount", scope="z"),
        claim("m3", Money(Decimal(7)), source="s3", prop="amount"),
        attrs.evolve(
            claim("r", ListItem("gone", 1, "x"), source="s4", prop="gone"),
            status=Status.RETRACTED,
            superseded_by="i1",
        ),
    )
    return Dataset(sources=_SOURCES, claims=claims)


def _cell(source: str, claims: list[str], text: str, variant: int, difference: str,
          diff: str | None = None) -> dict[str, object]:  # fmt: skip
    return {
        "source": source,
        "claims": claims,
        "text": text,
        "variant": variant,
        "difference": difference,
        "diff": diff,
    }


def test_a_list_grid_whole() -> None:
    """The count row first, then items by ordinal as numbers (2 before 10); columns are the
    sources giving any row, in file order; the reference is what most columns give, a tie
    going to the earliest column; a source's several texts are one, joined by ' / '."""
    assert compare(_dataset(), "l").to_dict() == {
        "name": "l",
        "mode": "list",
        "sources": ["s3", "s1", "s2"],
        "rows": [
            {
                "key": "count",
                "label": "number of items",
                "variants": ["3"],
                "differs": False,
                "cells": {"s3": None, "s1": None, "s2": _cell("s2", ["n"], "3", 0, "same")},
            },
            {
                "key": "1",
                "label": "item 1",
                "variants": ["one", "uno / eins"],
                "differs": True,
                "cells": {
                    "s3": _cell(
                        "s3", ["i1b", "i1c"], "uno / eins", 1, "different", "[-one-] {+uno / eins+}"
                    ),
                    "s1": _cell("s1", ["i1"], "one", 0, "same"),
                    "s2": _cell("s2", ["i1"], "one", 0, "same"),
                },
            },
            {
                "key": "2",
                "label": "item 2",
                "variants": ["two", "Two!"],
                "differs": True,
                "cells": {
                    "s3": _cell("s3", ["i2c"], "two", 0, "same"),
                    "s1": _cell("s1", ["i2"], "two", 0, "same"),
                    "s2": _cell("s2", ["i2b"], "Two!", 1, "typography", "[-two-] {+Two!+}"),
                },
            },
            {
                "key": "10",
                "label": "item 10",
                "variants": ["ten"],
                "differs": False,
                "cells": {"s3": None, "s1": _cell("s1", ["i10"], "ten", 0, "same"), "s2": None},
            },
        ],
    }


def test_a_tie_goes_to_the_earliest_column() -> None:
    """Three sources, three texts: the first column's text is the reference."""
    ds = attrs.evolve(
        _dataset(),
        claims=(
            _item("a", 1, "alpha", "s2"),
            _item("b", 1, "beta", "s3"),
            _item("c", 1, "gamma", "s1"),
        ),
    )
    [row] = compare(ds, "l").rows
    assert row.variants == ("beta", "gamma", "alpha")
    assert [c.variant for c in row.cells if c] == [0, 1, 2]


def test_a_property_grid_has_a_row_per_question_and_no_diff_for_figures() -> None:
    """Rows are the questions (subject and scope), sorted; figures differ without a word diff."""
    assert compare(_dataset(), "amount").to_dict() == {
        "name": "amount",
        "mode": "property",
        "sources": ["s3", "s1", "s2"],
        "rows": [
            {
                "key": "carsi",
                "label": "carsi",
                "variants": ["$7", "$5"],
                "differs": True,
                "cells": {
                    "s3": _cell("s3", ["m3"], "$7", 0, "same"),
                    "s1": _cell("s1", ["m1"], "$5", 1, "different"),
                    "s2": None,
                },
            },
            {
                "key": "carsi, scope 'z'",
                "label": "carsi, scope 'z'",
                "variants": ["$6"],
                "differs": False,
                "cells": {"s3": None, "s1": None, "s2": _cell("s2", ["m2"], "$6", 0, "same")},
            },
        ],
    }


def test_names_are_those_of_active_claims() -> None:
    """The list ids and properties of active claims only: a retracted claim's are unknown."""
    assert names(_dataset()) == ({"l"}, {"item-1", "item-2", "item-10", "n", "amount"})
    with pytest.raises(UnknownNameError) as info:
        compare(_dataset(), "gone")
    assert str(info.value) == "'gone' is neither a list id nor a property of any claim"
    with pytest.raises(UnknownNameError) as info:
        compare(_dataset(), "amounts")
    assert str(info.value) == (
        "'amounts' is neither a list id nor a property of any claim; did you mean 'amount'?"
    )
    assert isinstance(info.value, LookupError)


def test_an_item_numbered_below_one_stands_before_item_one() -> None:
    """Items stay in ordinal order when an ordinal is below 1 (a record the checks report,
    but the grid still shows), whatever the order of the claims."""
    ds = attrs.evolve(
        _dataset(), claims=(_item("a", 1, "one", "s1"), _item("b", -1, "minus one", "s1"))
    )
    assert [row.key for row in compare(ds, "l").rows] == ["-1", "1"]


def test_a_row_refuses_sources_that_do_not_match_its_cells() -> None:
    """A row's dict names each cell by its column: a source list of another length is an
    error, not a shortened row."""
    [row] = compare(_dataset(), "amount").rows[1:]
    assert list(row.to_dict(["s3", "s1", "s2"])["cells"]) == ["s3", "s1", "s2"]  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="zip"):
        row.to_dict(["s3", "s1"])
