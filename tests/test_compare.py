"""`compare`: one list or property as each source gives it, side by side (text, Markdown, JSON)."""

from __future__ import annotations

import io
import json

import attrs
import pytest

from _conflict_claims import claim
from carsi_claims import load
from carsi_claims.analysis.compare import Difference, Mode, UnknownNameError, compare
from carsi_claims.cli.main import run
from carsi_claims.dataset import Dataset
from carsi_claims.model import Count, ListItem, Source, Status
from carsi_claims.output.compare import write_comparison

_GOALS = "carsi-five-goals"


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def _small() -> Dataset:
    """Two sources giving a two-item list: item 1 alike, item 2 in other words; one count."""
    sources = tuple(Source(s, f"{s}.txt", "0" * 64, f"Title {s}", "news") for s in ("s1", "s2"))
    claims = (
        claim("n", Count(2, list="l"), source="s1", prop="count"),
        claim("i1", ListItem("l", 1, "Create safe streets"), source="s1", prop="i1"),
        claim("i1b", ListItem("l", 1, "Create safe streets"), source="s2", prop="i1"),
        claim("i2", ListItem("l", 2, "Disrupt the movement of contraband"), source="s1", prop="i2"),
        claim("i2b", ListItem("l", 2, "Disrupt the movement of smuggling"), source="s2", prop="i2"),
    )
    return Dataset(sources=sources, claims=claims)


def test_five_goals_across_five_sources() -> None:
    """The five goals of the shipped dataset: one row per goal (and the count), five sources."""
    ds = load()
    c = compare(ds, _GOALS)
    assert c.mode is Mode.LIST
    assert c.sources == (
        "fs-state-presence-at-risk-communities",
        "fs-enhanced-cooperation-coordination",
        "fs-2011-03-14-citizen-safety",
        "news-separate-from-plan-merida-165m",
        "fs-disrupt-criminals-contraband",
    )
    assert [r.key for r in c.rows] == ["count", "1", "2", "3", "4", "5"]
    assert all(cell is not None for r in c.rows for cell in r.cells)
    goal_2 = c.rows[2]
    assert [cell.variant for cell in goal_2.cells if cell] == [0, 0, 1, 2, 0]
    smuggling = goal_2.cells[3]
    assert smuggling is not None
    assert smuggling.claims == ("carsi.goal-2.smuggling-within-between",)
    assert smuggling.diff == (
        "Disrupt the movement of criminals and [-contraband to, within,-] {+smuggling within+} "
        "and between the nations of Central America"
    )
    goal_3 = c.rows[3]
    assert [cell.difference for cell in goal_3.cells if cell] == [
        Difference.SAME,
        Difference.SAME,
        Difference.TYPOGRAPHY,
        Difference.TYPOGRAPHY,
        Difference.SAME,
    ]
    assert [r.differs for r in c.rows] == [False, True, True, True, True, True]


def test_property_rows_are_questions() -> None:
    """A property gives one row per question; each source's value and time in its cell."""
    c = compare(load(), "assistance-committed-to-date")
    assert c.mode is Mode.PROPERTY
    [row] = c.rows
    assert row.label == "carsi, scope 'U.S. CARSI assistance'"
    assert [cell.text for cell in row.cells if cell] == [
        "$260 million [as of 2011-03-14 (inferred from the dateline), FY2008-2010]",
        "$165 million",
    ]
    assert row.differs


def test_retracted_claims_are_left_out() -> None:
    """Only active claims are compared: a retracted item leaves its cell empty."""
    ds = _small()
    gone = attrs.evolve(
        ds,
        claims=tuple(
            attrs.evolve(c, status=Status.RETRACTED) if c.id == "i2b" else c for c in ds.claims
        ),
    )
    [_, _, item_2] = compare(gone, "l").rows
    assert item_2.cells[1] is None
    assert not item_2.differs


def test_text_table() -> None:
    """The text format: sources numbered, then a grid with a column per source."""
    out = io.StringIO()
    write_comparison(compare(_small(), "l"), _small(), "text", out, width=80)
    assert out.getvalue() == (
        "l (list), as each source gives it\n"
        "  [1] s1\n"
        "  [2] s2\n"
        "3 row(s), 1 with differences; in each row A is the reference (what most sources give), "
        "B, C, ... the other variants; removed words [-so-], added {+so+}\n"
        "\n"
        "row             | [1]                           | [2]\n"
        "----------------+-------------------------------+------------------------------\n"
        "number of items | A: 2                          | —\n"
        "----------------+-------------------------------+------------------------------\n"
        "item 1          | A: Create safe streets        | A: Create safe streets\n"
        "----------------+-------------------------------+------------------------------\n"
        "item 2          | A: Disrupt the movement of    | B: Disrupt the movement of\n"
        "                | contraband                    | [-contraband-] {+smuggling+}\n"
        "----------------+-------------------------------+------------------------------\n"
    )


def test_markdown_table() -> None:
    """The Markdown format: a table headed by the source titles, changes struck and bold."""
    out = io.StringIO()
    write_comparison(compare(_small(), "l"), _small(), "markdown", out)
    assert out.getvalue() == (
        "### `l` (list), as each source gives it\n"
        "\n"
        "| | Title s1 (`s1`) | Title s2 (`s2`) |\n"
        "|---|---|---|\n"
        "| number of items | A: 2 | — |\n"
        "| item 1 | A: Create safe streets | A: Create safe streets |\n"
        "| item 2 | A: Disrupt the movement of contraband | "
        "B: Disrupt the movement of ~~contraband~~ **smuggling** |\n"
        "\n"
        "3 row(s), 1 with differences; in each row A is the reference (what most sources give), "
        "B, C, ... the other variants; ~~struck~~ words are the reference's, **bold** words the "
        "source's own.\n"
    )


def test_markdown_escapes_pipes() -> None:
    """A '|' in a text does not break the table."""
    ds = _small()
    piped = attrs.evolve(
        ds,
        claims=tuple(
            claim("i1", ListItem("l", 1, "safe | streets"), source="s1", prop="i1")
            if c.id == "i1"
            else c
            for c in ds.claims
        ),
    )
    out = io.StringIO()
    write_comparison(compare(piped, "l"), piped, "markdown", out)
    [line] = [x for x in out.getvalue().splitlines() if x.startswith("| item 1 |")]
    assert line.count(" | ") == 2
    assert "safe \\| streets" in line


def test_json() -> None:
    """The JSON format: sources with titles, and every row's cells by source id."""
    out = io.StringIO()
    write_comparison(compare(_small(), "l"), _small(), "json", out)
    data = json.loads(out.getvalue())
    assert data["name"] == "l"
    assert data["mode"] == "list"
    assert data["sources"] == [{"id": "s1", "title": "Title s1"}, {"id": "s2", "title": "Title s2"}]
    item_2 = data["rows"][2]
    assert item_2["variants"] == [
        "Disrupt the movement of contraband",
        "Disrupt the movement of smuggling",
    ]
    assert item_2["cells"]["s2"] == {
        "source": "s2",
        "claims": ["i2b"],
        "text": "Disrupt the movement of smuggling",
        "variant": 1,
        "difference": "different",
        "diff": "Disrupt the movement of [-contraband-] {+smuggling+}",
    }
    assert data["rows"][0]["cells"]["s2"] is None


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_command_five_goals_in_one_table(fmt: str) -> None:
    """`compare carsi-five-goals` is one table: a line per goal, every source's wording in it."""
    code, out, err = _cli("compare", _GOALS, "--format", fmt, "--width", "2000")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    for goal, words in enumerate(("safe streets", "Disrupt", "Support", "Re-establish", "Foster")):
        [line] = [
            x
            for x in lines
            if x.startswith(f"| item {goal + 1} |" if fmt == "markdown" else f"item {goal + 1} ")
        ]
        assert line.count(words) == 5
    assert "smuggling" in out
    assert "rule of law" in out


def test_command_five_goals_json() -> None:
    """`compare carsi-five-goals --format json`: six rows, a cell for each of the five sources."""
    code, out, err = _cli("compare", _GOALS, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert len(data["sources"]) == 5
    assert [r["key"] for r in data["rows"]] == ["count", "1", "2", "3", "4", "5"]
    assert all(cell is not None for r in data["rows"] for cell in r["cells"].values())


def test_unknown_name_exits_2_with_a_suggestion() -> None:
    """A name that is neither a list id nor a property is bad usage, with the closest name."""
    code, out, err = _cli("compare", "carsi-five-goal")
    assert (code, out) == (2, "")
    assert err == (
        "carsi-claims compare: 'carsi-five-goal' is neither a list id nor a property of any "
        "claim; did you mean 'carsi-five-goals'?\n"
    )
    with pytest.raises(UnknownNameError):
        compare(load(), "no-such-thing")


def test_width_is_checked() -> None:
    """--width takes a whole number of at least 40."""
    code, _, err = _cli("compare", _GOALS, "--width", "10")
    assert code == 2
    assert "expected a width of at least 40, found 10" in err
