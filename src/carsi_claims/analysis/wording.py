"""Words of a text: word diffs, words without typography, content words, excerpts.

What the conflict logic (:mod:`carsi_claims.analysis.conflicts`), the resolution
checks and the ``compare`` command need to know about texts, beyond the
typography folding of :func:`carsi_claims.text.normalize`.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from typing import Final

from carsi_claims.text import normalize

__all__ = [
    "FUNCTION_WORDS",
    "content_words",
    "excerpt_of",
    "fragments",
    "is_excerpt",
    "marked_diff",
    "word_diff",
    "words_of",
]

_WORD: Final = re.compile(r"\w+(?:'\w+)*")

#: Words that carry grammar rather than content: articles, prepositions, conjunctions,
#: pronouns and auxiliaries.  A ``wording_variant`` may differ in these (and in
#: typography and punctuation) only.  Negations ("not", "no", "never") and numbers
#: are content: they change what is said.
_FUNCTION_WORDS: Final = """
    a an the of in on at to for from by with within between into onto through throughout across
    over under about upon among against toward towards via per and or but nor as so than that
    which who whom whose what where when while it its it's they them their theirs we us our
    ours he him his she her hers i me my you your this these those there here is are was were
    be been being has have had do does did will would shall should can could may might must
"""
FUNCTION_WORDS: Final = frozenset(_FUNCTION_WORDS.split())


def word_diff(a: str, b: str) -> str:
    """A word-level diff of two texts after folding typography: ``[-gone-] {+new+}``.

    The words the texts share at their start and end are matched first, so a
    change is shown where it is (``a a [-a-] {+a.+} a``); only the words between
    go to :class:`difflib.SequenceMatcher`, whose longest-block matching could
    otherwise pair equal words across the change (``{+a a.+} a a [-a a-]``).
    """
    wa, wb = normalize(a).split(), normalize(b).split()
    return _diff(wa, wb, wa, wb, ("[-", "-]", "{+", "+}"))


def marked_diff(reference: str, text: str, marks: Sequence[str] = ("[-", "-]", "{+", "+}")) -> str:
    """:func:`word_diff` from ``reference`` to ``text``, written in the texts' own words.

    Words are matched after folding typography and case, as :func:`word_diff`
    does, but shown as each text spells them; ``marks`` are the opening and
    closing marks of removed and of added words.
    """
    ta = [t for t in reference.split() if normalize(t)]
    tb = [t for t in text.split() if normalize(t)]
    return _diff([normalize(t) for t in ta], [normalize(t) for t in tb], ta, tb, marks)


def _diff(
    wa: Sequence[str], wb: Sequence[str], sa: Sequence[str], sb: Sequence[str], marks: Sequence[str]
) -> str:
    """The diff of word lists ``wa`` and ``wb``, shown with the words ``sa`` and ``sb``."""
    gone_open, gone_close, new_open, new_close = marks
    shortest = min(len(wa), len(wb))
    head = 0
    while head < shortest and wa[head] == wb[head]:
        head += 1
    tail = 0
    while tail < shortest - head and wa[-1 - tail] == wb[-1 - tail]:
        tail += 1
    end_a, end_b = len(wa) - tail, len(wb) - tail
    out = list(sb[:head])
    matcher = difflib.SequenceMatcher(None, wa[head:end_a], wb[head:end_b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
        if op == "equal":
            out.extend(sb[j1:j2])
            continue
        if i2 > i1:
            out.append(gone_open + " ".join(sa[i1:i2]) + gone_close)
        if j2 > j1:
            out.append(new_open + " ".join(sb[j1:j2]) + new_close)
    out.extend(sb[end_b:])
    return " ".join(out)


def words_of(text: str) -> tuple[str, ...]:
    """The words of a text, typography, punctuation and case folded away."""
    return tuple(_WORD.findall(normalize(text)))


def content_words(text: str) -> Counter[str]:
    """The words of a text that are not :data:`FUNCTION_WORDS`, with their counts."""
    return Counter(w for w in words_of(text) if w not in FUNCTION_WORDS)


def fragments(text: str) -> list[str]:
    """The runs of words of a quotation between omissions ("..."), punctuation dropped."""
    parts = normalize(text).split("...")
    words = (_WORD.findall(p) for p in parts)
    return [" ".join(w) for w in words if w]


def is_excerpt(part: str, whole: str) -> bool:
    """Whether ``part``'s words stand in ``whole`` in order, each fragment contiguous.

    A part without words ("...", "—") is an excerpt of nothing.
    """
    return excerpt_of(fragments(part), fragments(whole))


def excerpt_of(fragments: Sequence[str], whole: Sequence[str]) -> bool:
    """:func:`is_excerpt` on texts already cut into :func:`_fragments`."""
    if not fragments:
        return False
    haystack = " " + " ... ".join(whole) + " "
    pos = 0
    for fragment in fragments:
        found = haystack.find(" " + fragment + " ", pos)
        if found < 0:
            return False
        pos = found + len(fragment) + 1
    return True
