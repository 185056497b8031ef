"""``normalize`` (replacements one after the other, only the white space that changes)
folds exactly as its definition: translate the typography, every run of white space to
one space, strip, casefold."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from carsi_claims import text as T

_FOLDED = "".join(chr(c) for c in T._TRANSLATE)


def _definition(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(T._TRANSLATE)).strip().casefold()


_CHARS = [*_FOLDED, " ", "\t", "\n", "\u00a0", "\u2028", "a", "B", ".", "ß"]
TEXTS = st.text(alphabet=st.sampled_from(_CHARS), max_size=40) | st.text(max_size=40)


@given(TEXTS)
@example("The “Five Goals” — up to 95%… *of*\u00adfunds  \t\n")
@example(" ")
@example("a \u00a0b")
def test_normalize_is_its_definition(text: str) -> None:
    assert T.normalize(text) == _definition(text)
