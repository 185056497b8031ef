"""Property: the byte-level control-character gate of the loader agrees with the text scan."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from carsi_claims.read.strict_yaml import _CONTROL, _CONTROL_UTF8, _PLAIN_BYTES


def _gate(text: str) -> bool:
    return _CONTROL_UTF8.search(text.encode("utf-8").translate(None, _PLAIN_BYTES)) is not None


@settings(deadline=None, max_examples=500)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
@example("plain text: “quotes” – dashes\u00a0and\tnewlines\r\n")
@example("\x85 \x9f \ufffe \uffff \x7f \x00 \u0100 \u0180 \uffef \ufffd")
@example("\u2028 \u2029 \u2027 \u202a \u2000")
def test_gate_finds_a_control_character_exactly_when_the_text_scan_does(text: str) -> None:
    """The UTF-8 gate reports a control character if and only if _CONTROL finds one."""
    assert _gate(text) == (_CONTROL.search(text) is not None)
