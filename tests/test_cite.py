"""Tests for citations: verbatim quotes, sources as recorded, and retraction warnings."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from _mini import MINI_SEEDS, MINI_YAML, cli
from carsi_claims import (
    Citation,
    RetractedClaimWarning,
    UnknownClaimError,
    cite,
    load,
)
from carsi_claims.citing import cite as cite_module
from conftest import TmpDataset

GOALS = MINI_YAML[
    MINI_YAML.index("  - id: carsi.goals\n") : MINI_YAML.index("  - id: carsi.clinton")
]
#: The mini dataset plus ``carsi.goals-old``, retracted in favour of ``carsi.goals``.
RETRACTED_YAML = MINI_YAML + GOALS.replace("id: carsi.goals", "id: carsi.goals-old").replace(
    "    property: goal-count\n",
    "    property: goal-count\n    status: retracted\n    reason: counted twice\n"
    "    superseded_by: carsi.goals\n",
)
WARNING = (
    "claim carsi.goals-old is RETRACTED (counted twice); it is superseded by carsi.goals: "
    "cite carsi:carsi.goals instead"
)


def test_cite_gives_quote_source_publisher_date_and_id() -> None:
    """A citation of a shipped claim has the verbatim quote, the source as recorded and the id."""
    claim_id = "carsi.assistance-committed.260m"
    claim = load().get(claim_id)
    citation = cite(claim_id)
    assert isinstance(citation, Citation)
    assert citation.warning is None
    assert citation.text() == (
        f"“{claim.provenance[0].quote}”\n"
        "— The Central America Regional Security Initiative: Citizen Safety - A Shared "
        "Partnership. U.S. Department of State, 2011-03-14. "
        "[carsi:carsi.assistance-committed.260m]\n"
    )


def test_unknown_publisher_and_date_are_said_to_be_unknown() -> None:
    """A source with no publisher or date is cited as such, never with invented ones."""
    text = cite("quote.clinton.every-citizen-entitled").text()
    assert "[publisher not stated in the source], [date not stated in the source]." in text
    assert "State Department" not in text


def test_a_quote_with_its_own_quotation_marks_gets_none_added() -> None:
    """A quoted speech is printed as it stands, without a second pair of marks around it."""
    citation = cite("quote.clinton.every-citizen-entitled")
    assert citation.text().startswith(citation.quotes[0].quote + "\n— ")


def test_unknown_id_raises_with_the_closest_id() -> None:
    """An unknown id raises UnknownClaimError (a KeyError) naming the closest existing id."""
    with pytest.raises(UnknownClaimError) as info:
        cite("carsi.assistance-comitted.260m")
    assert str(info.value) == (
        "no claim with id 'carsi.assistance-comitted.260m'; "
        "did you mean 'carsi.assistance-committed.260m'?"
    )
    assert isinstance(info.value, KeyError)


def test_retracted_claim_warns_in_every_rendering(tmp_dataset: TmpDataset) -> None:
    """Citing a retracted claim warns, and text, markdown and json all carry the warning."""
    dataset = load(tmp_dataset(RETRACTED_YAML, MINI_SEEDS).claims)
    with pytest.warns(RetractedClaimWarning) as caught:
        citation = cite("carsi.goals-old", dataset)
    assert [str(w.message) for w in caught] == [WARNING]
    assert citation.text().startswith(f"WARNING: {WARNING}\n\n“Five Goals”\n")
    assert citation.markdown().startswith(f"> **Warning:** {WARNING}\n\n> Five Goals\n")
    data = json.loads(citation.render("json"))
    assert (data["warning"], data["status"], data["current"]) == (
        WARNING,
        "retracted",
        "carsi.goals",
    )


def test_markdown_shows_the_quote_verbatim() -> None:
    """Markdown escapes emphasis and list markers, so the pasted quote renders as written."""
    markdown = cite("quote.clinton.every-citizen-entitled").markdown()
    assert "civic power.”\\*\\*\\*\n>\n> – Secretary of State Hillary Rodham Clinton\n" in markdown
    assert markdown.endswith("(`carsi:quote.clinton.every-citizen-entitled`)\n")


def test_cite_command_formats(tmp_dataset: TmpDataset) -> None:
    """``carsi-claims cite`` prints text, markdown or json, and warns on stderr when retracted."""
    paths = tmp_dataset(RETRACTED_YAML, MINI_SEEDS)
    code, out, err = cli("cite", "carsi.goals", str(paths.claims))
    assert (code, err) == (0, "")
    assert out == (
        "“Five Goals”\n— A shared partnership. [publisher not stated in the source], "
        "2011-03-14. [carsi:carsi.goals]\n"
    )
    code, out, err = cli("cite", "carsi.goals-old", str(paths.claims), "--format", "markdown")
    assert code == 0
    assert err == f"carsi-claims cite: warning: {WARNING}\n"
    assert out.startswith("> **Warning:** ")
    code, out, _ = cli("cite", "carsi.goals", str(paths.claims), "--format", "json")
    assert json.loads(out)["quotes"][0]["quote"] == "Five Goals"


def test_cite_command_unknown_id_exits_1(tmp_dataset: TmpDataset) -> None:
    """An unknown id exits 1 and suggests the closest id."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    assert cli("cite", "carsi.goal", str(paths.claims)) == (
        1,
        "",
        "carsi-claims cite: no claim with id 'carsi.goal'; did you mean 'carsi.goals'?\n",
    )


def test_render_rejects_an_unknown_format() -> None:
    """Asking a citation for a format it does not have is a ValueError naming the formats."""
    with pytest.raises(ValueError, match=r"unknown citation format 'html': expected one of"):
        cite("carsi.five-goals.count").render("html")


def test_show_follows_superseded_by_and_says_so(tmp_dataset: TmpDataset) -> None:
    """``show`` of a retracted claim prints it, then says which claim supersedes it."""
    paths = tmp_dataset(RETRACTED_YAML, MINI_SEEDS)
    code, out, _ = cli("show", "carsi.goals-old", str(paths.claims))
    assert code == 0
    assert out.startswith("carsi.goals-old  [count]  status: retracted\n")
    assert "\ncarsi.goals-old is retracted; it is superseded by carsi.goals:\n\ncarsi.goals " in out
    code, out, _ = cli("show", "carsi.goals-old", str(paths.claims), "--format", "json")
    assert (json.loads(out)["current"], json.loads(out)["status"]) == ("carsi.goals", "retracted")


def test_the_retraction_warning_is_not_placed_in_the_library(tmp_dataset: TmpDataset) -> None:
    """The RetractedClaimWarning names a frame outside ``carsi_claims.citing.cite`` (the
    caller's; see the next test), never the line of the library that issued it."""
    dataset = load(tmp_dataset(RETRACTED_YAML, MINI_SEEDS).claims)
    with pytest.warns(RetractedClaimWarning) as caught:
        cite("carsi.goals-old", dataset)
    [warning] = caught
    assert Path(warning.filename) != Path(cite_module.__file__)


@pytest.mark.skipif(
    "MUTANT_UNDER_TEST" in os.environ,
    reason="under mutmut a trampoline frame stands between the caller and cite",
)
def test_the_retraction_warning_points_at_the_caller(tmp_dataset: TmpDataset) -> None:
    """The RetractedClaimWarning is reported at the line that called ``cite`` (the caller's
    file), not inside the library, so ``-W`` filters and tracebacks name the caller."""
    dataset = load(tmp_dataset(RETRACTED_YAML, MINI_SEEDS).claims)
    with pytest.warns(RetractedClaimWarning) as caught:
        cite("carsi.goals-old", dataset)
    [warning] = caught
    assert (warning.category, warning.filename) == (RetractedClaimWarning, __file__)
