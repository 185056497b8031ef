"""`show` says whose voice a claim is, what it mentions, and which qualifier is inferred."""

from __future__ import annotations

from _mini import cli


def test_show_names_the_inferred_as_of() -> None:
    """The $260 million claim's as-of date is shown as inferred from the dateline."""
    code, out, _ = cli("show", "carsi.assistance-committed.260m")
    assert code == 0
    assert (
        "  qualifiers: as of 2011-03-14 (inferred from the document's dateline, "
        "fs-2011-03-14-citizen-safety.published); fiscal years FY2008-2010; cumulative yes; "
        "scope U.S. CARSI assistance\n"
        "  mentions: central-america, united-states\n"
    ) in out


def test_show_names_the_voice() -> None:
    """A figure inside a quotation is shown in its speaker's voice."""
    code, out, _ = cli("show", "central-america.cocaine-flow-share.up-to-95")
    assert code == 0
    assert "\n  voice: william-brownfield   mentions: united-states\n" in out


def test_show_names_a_quote_voice_and_the_derived_mark() -> None:
    """A quote reported in another voice says so on its source line; a derived count says so."""
    code, out, _ = cli("show", "carsi.approach.builds-upon-existing-programs")
    assert code == 0
    assert "[2322:2501] (voice: us-department-of-state)\n" in out
    code, out, _ = cli("show", "carsi.interdiction-locations.count")
    assert code == 0
    assert "\n  derived   mentions: united-states\n" in out
