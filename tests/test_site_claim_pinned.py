"""A claim page's pieces at their edges: the context around a quote (up to 240 characters
either side, cut at a line or else at a word with an ellipsis) and BibTeX's escapes."""

from __future__ import annotations

from pathlib import Path

import attrs

from _site_rich import rich_dataset
from carsi_claims.output.site_claim import _bib, _context, _voice, claim_html
from carsi_claims.output.site_data import gather

Q = "QUOTE"


def _around(before: str, after: str) -> str:
    text = before + Q + after
    return _context(text, len(before), len(before) + len(Q))


def test_a_short_text_is_shown_whole_even_across_lines() -> None:
    """Within 240 characters either side, nothing is cut: not at a line, not at a word."""
    assert _around("a\nb c ", " d e\nf") == "a\nb c <mark>QUOTE</mark> d e\nf"
    assert _around("", "") == "<mark>QUOTE</mark>"


def test_blank_lines_at_the_ends_are_dropped() -> None:
    """White space before the context's first and after its last character is left out."""
    assert _around("\n\n  a ", " b \n\n") == "a <mark>QUOTE</mark> b"


def test_exactly_240_characters_either_side_are_kept_whole() -> None:
    """A quote with 240 characters before and after it shows them all, with no ellipsis."""
    side = "w " * 120
    assert _around(side, side[::-1]) == f"{side.lstrip()}<mark>{Q}</mark>{side[::-1].rstrip()}"


def test_the_context_starts_after_a_word_240_characters_back() -> None:
    """241 characters before: the first word (cut by the window) is dropped, an ellipsis
    shows it; the window itself starts 240 characters back."""
    before = "x " + "y" * 239
    assert _around(before, "") == "… " + "y" * 239 + "<mark>QUOTE</mark>"
    before = "xy" + "z" * 238 + " " + "w"
    assert _around(before, "") == "… w<mark>QUOTE</mark>"


def test_the_context_ends_before_a_word_240_characters_on() -> None:
    """Likewise after the quote: the last word cut by the window is dropped, with an ellipsis."""
    after = "y" * 239 + " x"
    assert _around("", after) == "<mark>QUOTE</mark>" + "y" * 239 + " …"
    after = "w " + "z" * 238 + "yx"
    assert _around("", after) == "<mark>QUOTE</mark>w …"


def test_a_line_break_within_reach_is_preferred_to_a_word() -> None:
    """Where a line starts within the window, the context starts there (and ends at a line's
    end), with no ellipsis."""
    before = "a " + "b" * 150 + "\nc " + "y" * 130
    assert _around(before, "") == "c " + "y" * 130 + "<mark>QUOTE</mark>"
    after = "y" * 130 + " c\n" + "b" * 150 + " a"
    assert _around("", after) == "<mark>QUOTE</mark>" + "y" * 130 + " c"


def test_without_a_space_or_line_the_window_cuts_mid_word() -> None:
    """A window that holds no space and no line break is shown as cut, with no ellipsis."""
    assert _around("b" * 300, "c" * 300) == "b" * 240 + "<mark>QUOTE</mark>" + "c" * 240
    # a space on the other side of the quote does not count
    assert _around("b" * 300, " c") == "b" * 240 + "<mark>QUOTE</mark> c"
    assert _around("a b", "c" * 300) == "a b<mark>QUOTE</mark>" + "c" * 240


def test_a_line_or_word_right_after_an_empty_quote_at_the_start_ends_the_context() -> None:
    """The cut after the quote holds at the quote's very end, even at offset 0 (an empty
    quote at the text's start, which ``validate`` refuses as ``record.empty``)."""
    assert _context("\n" + "b" * 300, 0, 0) == "<mark></mark>"
    assert _context(" " + "b" * 300, 0, 0) == "<mark></mark> …"


def test_the_context_is_escaped() -> None:
    assert _context("<a> & <b>", 4, 5) == "&lt;a&gt; <mark>&amp;</mark> &lt;b&gt;"


def test_bibtex_writes_every_special_character_as_itself_and_folds_white_space() -> None:
    """Braces, backslash, #, $, %, &, _, ~ and ^ are escaped; runs of white space are one."""
    assert _bib(" a {b}\\ #\t$ % &\n_ ~ ^  ") == (
        r"a \{b\}\textbackslash{} \# \$ \% \& \_ \textasciitilde{} \textasciicircum{}"
    )


def test_the_widest_context_is_kept_the_first_cut_before_and_the_last_after() -> None:
    """Of several line starts (or words) in the window, the one farthest from the quote."""
    before = "b" * 50 + "\nfirst\nsecond " + "y" * 200
    assert _around(before, "") == "first\nsecond " + "y" * 200 + "<mark>QUOTE</mark>"
    after = "y" * 200 + " one\ntwo\n" + "b" * 50
    assert _around("", after) == "<mark>QUOTE</mark>" + "y" * 200 + " one\ntwo"
    before = "ab" + " cd" * 100
    assert _around(before, "") == "… " + "cd " * 79 + "cd<mark>QUOTE</mark>"
    after = "cd " * 100 + "ab"
    assert _around("", after) == "<mark>QUOTE</mark>" + "cd " * 79 + "cd …"


def test_a_record_without_a_voice_field_has_no_voice_row(tmp_path: Path) -> None:
    """Only records with a ``voice`` field get a voice row; a claim without one says the
    source's own, a quote without one says nothing."""
    data = gather(rich_dataset(tmp_path))
    claim = data.dataset.claims_by_id["carsi.funding"]
    assert _voice(data, "../", object()) == ""
    assert _voice(data, "../", "clinton") == ""
    assert _voice(data, "../", claim) == "<dt>voice</dt><dd>the source's own</dd>"
    assert _voice(data, "../", claim.provenance[0]) == ""
    spoken = data.dataset.claims_by_id["carsi.clinton-together"]
    assert _voice(data, "../", spoken) == (
        '<dt>voice</dt><dd><a href="../entities/clinton.html">Hillary Rodham Clinton</a></dd>'
    )


def test_a_conflict_names_every_other_claim_or_else_itself(tmp_path: Path) -> None:
    """The claim page's conflict line names the other claims, comma-separated, and says
    "itself" for a conflict that names no other claim."""
    data = gather(rich_dataset(tmp_path))
    d = data.conflicts_of["carsi.funding"][0]
    three = attrs.evolve(d, claims=("carsi.funding", "carsi.funding-165m", "carsi.goals"))
    alone = attrs.evolve(d, claims=("carsi.funding",))
    page = claim_html(
        attrs.evolve(data, conflicts_of={"carsi.funding": [three, alone]}),
        data.dataset.claims_by_id["carsi.funding"],
    )
    detail = d.detail
    assert (
        '<p>With <a href="../claims/carsi.funding-165m.html" class="id">carsi.funding-165m</a>, '
        '<a href="../claims/carsi.goals.html" class="id">carsi.goals</a>. '
        f"{detail}</p>"
    ) in page
    assert f"<p>With itself. {detail}</p>" in page
