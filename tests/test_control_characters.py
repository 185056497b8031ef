"""Control characters: refused in every loaded string, raw or escaped; escaped on a terminal.

Refused: C0 but tab and newline, DEL, C1, U+2028 and U+2029, wherever a
string of the claims file gets them: raw in the file, or as a YAML escape in
double quotes (``"\\0"``, ``"\\e"``, ``"\\r"``, ``"\\L"``, ``"\\u2028"``).  A
``quote`` alone may hold one, escaped, when the source it quotes has one (the
provenance check compares it with the source).  Terminal output escapes
whatever a terminal would not show as itself.
"""

from __future__ import annotations

import hashlib

import pytest

from _mini import MINI_SEEDS, DatasetPaths, cli, mutate, where
from carsi_claims import LoadError, load, validate
from carsi_claims.text import printable
from conftest import TmpDataset


def _load_findings(tmp_dataset: TmpDataset, text: str) -> list[tuple[str, int, int, str]]:
    paths = tmp_dataset(text, MINI_SEEDS)
    with pytest.raises(LoadError) as info:
        load(paths.claims)
    found = []
    for f in info.value.findings:
        assert f.location is not None
        found.append((f.code, f.location.line, f.location.column, f.message))
    return found


@pytest.mark.parametrize(
    ("escape", "code"),
    [
        ("\\0", "U+0000"),
        ("\\a", "U+0007"),
        ("\\e", "U+001B"),
        ("\\r", "U+000D"),
        ("\\v", "U+000B"),
        ("\\x1b", "U+001B"),
        ("\\x7f", "U+007F"),
        ("\\N", "U+0085"),
        ("\\x9b", "U+009B"),
        ("\\L", "U+2028"),
        ("\\P", "U+2029"),
        ("\\u2028", "U+2028"),
        ("\\U0000001b", "U+001B"),
    ],
)
def test_escaped_control_character_is_refused_at_the_escape(
    tmp_dataset: TmpDataset, escape: str, code: str
) -> None:
    """An escape that makes a control character is refused at its own line and column."""
    text = mutate("title: A shared partnership", f'title: "A shared{escape} partnership"')
    line, column = where(text, escape)
    assert _load_findings(tmp_dataset, text) == [
        (
            "yaml.control-character",
            line,
            column,
            f"expected printable text, found the control character {code} written as the "
            f"escape {escape}; hint: delete it (only a quote of a source that holds one may "
            "write it as an escape)",
        )
    ]


def test_nul_in_a_source_path_is_refused_not_a_crash(tmp_dataset: TmpDataset) -> None:
    """``path: "a.txt\\0"`` gives a finding and exit 2 (0.1.0: ValueError: embedded null byte)."""
    text = mutate("path: a.txt", 'path: "a.txt\\0"')
    paths = tmp_dataset(text, MINI_SEEDS)
    line, column = where(text, "\\0")
    for command in ("validate", "coverage"):
        code, _out, err = cli(command, str(paths.claims))
        assert code == 2
        assert err.splitlines()[0] == (
            f"{paths.claims}:{line}:{column}: error[yaml.control-character]: expected "
            "printable text, found the control character U+0000 written as the escape \\0; "
            "hint: delete it (only a quote of a source that holds one may write it as an escape)"
        )


def test_terminal_escape_in_a_note_is_refused(tmp_dataset: TmpDataset) -> None:
    """``note: "\\e[2J\\e[H"`` (clear the screen) gives one finding per escape."""
    text = mutate(
        '    value: {date: "2011-03-14"}\n',
        '    value: {date: "2011-03-14"}\n    note: "\\e[2J\\e[H"\n',
    )
    line, column = where(text, "\\e[2J")
    found = _load_findings(tmp_dataset, text)
    assert [(c, li, co) for c, li, co, _ in found] == [
        ("yaml.control-character", line, column),
        ("yaml.control-character", line, column + 5),
    ]


def test_escape_on_a_later_line_of_a_multiline_string(tmp_dataset: TmpDataset) -> None:
    """In a double-quoted string over several lines the escape is found on its own line."""
    text = mutate(
        "title: A shared partnership",
        'title: "A shared\n      partnership, \\\n      shared \\e again"',
    )
    line, column = where(text, "\\e")
    assert [(c, li, co) for c, li, co, _ in _load_findings(tmp_dataset, text)] == [
        ("yaml.control-character", line, column)
    ]


def test_raw_line_separator_is_refused_and_later_lines_count_as_an_editor_does(
    tmp_dataset: TmpDataset,
) -> None:
    """A raw U+2028 is refused before libyaml folds it, and a later finding keeps its line."""
    text = mutate("title: A shared partnership", 'title: "A shared \u2028 partnership"')
    text = mutate("name: Hillary Rodham Clinton", "name: Hillary\x01 Rodham Clinton", text)
    first = where(text, "\u2028")
    second = where(text, "\x01")
    assert _load_findings(tmp_dataset, text) == [
        (
            "yaml.control-character",
            *first,
            "expected printable text, found the control character U+2028; hint: delete it; "
            "where a quote of a source holds one, write it as the escape \\u2028 inside double "
            "quotes",
        ),
        (
            "yaml.control-character",
            *second,
            "expected printable text, found the control character U+0001; hint: delete it; "
            "where a quote of a source holds one, write it as the escape \\u0001 inside double "
            "quotes",
        ),
    ]


def test_tab_and_newline_escapes_stay_allowed(tmp_dataset: TmpDataset) -> None:
    """``\\t`` and ``\\n`` are ordinary text, not refused."""
    text = mutate("title: A shared partnership", 'title: "A shared\\tpartnership\\n"')
    paths = tmp_dataset(text, MINI_SEEDS)
    assert load(paths.claims).sources[0].title == "A shared\tpartnership\n"


def test_a_key_with_an_escaped_control_is_refused(tmp_dataset: TmpDataset) -> None:
    """A key is never a quote: ``"quote\\e": x`` is refused too."""
    text = mutate("    title: A shared partnership", '    "title\\e": A shared partnership')
    line, column = where(text, "\\e")
    assert [(c, li, co) for c, li, co, _ in _load_findings(tmp_dataset, text)] == [
        ("yaml.control-character", line, column)
    ]


# -- a quote of a source that has such a character ----------------------------------------

SEED_LS = "Line one\u2028line two of the fact sheet, with \x1b an escape byte.\n"


def _quote_dataset(tmp_dataset: TmpDataset, quote_yaml: str, quote: str) -> DatasetPaths:
    sha = hashlib.sha256(SEED_LS.encode("utf-8")).hexdigest()
    start = SEED_LS.index(quote)
    text = f"""\
sources:
  - id: s
    path: s.txt
    sha256: {sha}
    title: A source with a line separator
    kind: fact-sheet
entities:
  - id: carsi
    name: CARSI
claims:
  - id: carsi.lines
    kind: statement
    subject: carsi
    property: lines
    value: {{text: line two}}
    provenance:
      - source: s
        quote: {quote_yaml}
        start: {start}
        end: {start + len(quote)}
"""
    return tmp_dataset(text, {"s.txt": SEED_LS})


def test_a_quote_may_escape_the_sources_own_control_characters(tmp_dataset: TmpDataset) -> None:
    """The quote ``"one\\u2028line"`` of a source holding U+2028 loads and validates."""
    paths = _quote_dataset(tmp_dataset, '"one\\u2028line two"', "one\u2028line two")
    dataset = load(paths.claims)
    assert dataset.claims[0].provenance[0].quote == "one\u2028line two"
    assert [f.code for f in validate(dataset).errors] == []


def test_show_and_cite_escape_what_a_terminal_would_run(tmp_dataset: TmpDataset) -> None:
    """A quote holding ESC and U+2028 is printed escaped by show and cite."""
    quote = "one\u2028line two of the fact sheet, with \x1b an"
    paths = _quote_dataset(tmp_dataset, '"one\\Lline two of the fact sheet, with \\e an"', quote)
    shown = "one\\u2028line two of the fact sheet, with \\u001b an"
    for argv in (
        ("show", "carsi.lines", str(paths.claims)),
        ("cite", "carsi.lines", str(paths.claims)),
        ("cite", "carsi.lines", str(paths.claims), "--format", "markdown"),
    ):
        code, out, _ = cli(*argv)
        assert code == 0
        assert "\x1b" not in out
        assert "\u2028" not in out
        assert shown in out.replace("\\\\", "\\"), (argv, out)


def test_printable_escapes_hidden_characters_only() -> None:
    """Controls, bidi overrides and separators are escaped; accents, quotes, NBSP are not."""
    assert printable("a\x1b[2J\u2028b\u202ec\td é “x”\xa0\U000e0001") == (
        "a\\u001b[2J\\u2028b\\u202ec\\u0009d é “x”\xa0\\U000e0001"
    )
    assert printable("a\tb\nc", keep="\t\n") == "a\tb\nc"
