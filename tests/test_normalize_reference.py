"""``normalize`` (replacements one after the other, only the white space that changes)
folds exactly as its definition: translate the typography, every run of white space to
one space, strip, casefold."""

from __future__ import annotations

import re
import sys

from hypothesis import example, given
from hypothesis import strategies as st

from carsi_claims import text as T

_FOLDED = "".join(chr(c) for c in T._TRANSLATE)


def _definition(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(T._TRANSLATE)).strip().casefold()


_CHARS = [*_FOLDED, " ", *T._OTHER_SPACES, "a", "B", ".", "ß"]
TEXTS = st.text(alphabet=st.sampled_from(_CHARS), max_size=40) | st.text(max_size=40)


@given(TEXTS)
@example("The “Five Goals” — up to 95%… *of*\u00adfunds  \t\n")
@example(" ")
@example("a \u00a0b")
def test_normalize_is_its_definition(text: str) -> None:
    assert T.normalize(text) == _definition(text)


def test_the_other_spaces_are_every_white_space_character_but_the_space() -> None:
    """What ``\\s`` matches and ``str.isspace`` accepts, over every code point."""
    every = [chr(c) for c in range(sys.maxunicode + 1)]
    spaces = {c for c in every if c.isspace()}
    assert spaces == {c for c in every if re.fullmatch(r"\s", c)}
    assert set(T._OTHER_SPACES) == spaces - {" "}
    assert len(T._OTHER_SPACES) == len(set(T._OTHER_SPACES))


@given(st.integers(0, 70), st.integers(0, 70), st.sampled_from(T._OTHER_SPACES))
def test_any_run_of_white_space_becomes_one_space(before: int, after: int, other: str) -> None:
    assert T.normalize("a" + " " * before + other + " " * after + "b") == "a b"
