"""Synthetic datasets of the shapes real corpora take, for the shapes benchmark.

``write_shape(name, n, folder)`` writes ``folder/seeds/*.txt`` and
``folder/data/claims.yaml`` (about ``n`` claims) in one of these shapes, all
built on :mod:`synth` (so every quote stands at its offsets and states its
value, unless the shape breaks it on purpose):

- ``unique``: :func:`synth.write_dataset` as it is (one to three claims a
  question, one source per 250 claims);
- ``replicated``: many sources restating the same facts: about 200
  questions whatever ``n``, so ``n / 200`` claims a question on average
  (from half to one and a half times that), the same sentence reprinted, agreeing
  figures (an exact one and an "up to"); one money or count question in ten
  has two distinct figures and a resolution naming every claim of it;
- ``broken``: ``unique`` with 1% of its claims broken, a quarter each: a
  mistyped key (``subjcet``), a subject naming an unknown entity (two letters
  swapped), a provenance entry naming an unknown source, and a resolution
  naming a claim id that no longer exists beside one that does;
- ``long-seeds``: a seed per 8,000 claims, each padded to at least 1 MB
  (figure-free prose after the claims' sentences), with 1% of the quotes
  misplaced: moved by three characters (the quote stands elsewhere), differing
  in typography or case only, or not in the source at all; and in every seed a
  120,000-character repetitive run ("ha ha ...") with two claims whose
  30,000-character quotes stand in it, at wrong offsets (a quote with tens of
  thousands of overlapping occurrences);
- ``ignores``: a seed per 10,000 claims (so a seed's ignores and mentions
  grow with ``n``), an aside sentence with two figures for every other
  question, each named by a ``coverage_ignores`` entry (one in twenty stale:
  quoting a claim's own sentence; one in a hundred quoting text the source
  does not have), and every statement claim quoting its sentence up to the
  middle of a percentage that ends it (a partly covered figure).

``write_refs(ids, folder, count)`` writes files citing claim ids for
``check-refs``: 99% known ids, 1% unknown ones (typos of known ids, a tenth
of them distinct).
"""

from __future__ import annotations

import random
import zlib
from pathlib import Path
from typing import Any, Final

from synth import _Builder, _q, _Source

__all__ = ["SHAPES", "write_refs", "write_shape"]

SHAPES: Final = ("unique", "replicated", "broken", "long-seeds", "ignores")
_SEED: Final = 20110314


class _Replicated(_Builder):
    def __init__(self, n: int, seed: int, defects: float) -> None:
        super().__init__(n, seed, defects)
        mean = max(10, n // 200)  # about 200 questions, whatever the size
        self.group_sizes = tuple(range(mean // 2, mean * 3 // 2 + 1))

    def _variant(self, kind: str, member: int, conflict: bool) -> tuple[int, int]:
        if kind == "list_item":  # every source restates the same item of the list
            return 0, 0
        if conflict:  # two distinct figures, each restated by half the sources
            return 0, member % 2
        return (member % 2 if kind == "money" else 0), 0


def _swap(word: str, rng: random.Random) -> str:
    """``word`` with two neighbouring letters swapped (a typo that stays an id)."""
    letters = [i for i in range(len(word) - 1) if word[i].isalpha() and word[i + 1].isalpha()]
    for _ in range(10):
        i = rng.choice(letters)
        if word[i] != word[i + 1]:
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word + "x"


class _Broken(_Builder):
    fraction = 0.01

    def build(self) -> None:
        super().build()
        rng = random.Random(_SEED + 1)
        picked = rng.sample(range(len(self.claims)), max(4, int(len(self.claims) * self.fraction)))
        for turn, index in enumerate(picked):
            text = self.claims[index]
            claim_id = text.split("\n", 1)[0].removeprefix("  - id: ")
            subject = next(
                line for line in text.split("\n") if line.startswith("    subject: ")
            ).removeprefix("    subject: ")
            if turn % 4 == 0:  # a mistyped key: the record is refused
                text = text.replace("\n    subject: ", "\n    subjcet: ", 1)
            elif turn % 4 == 1:  # a subject no entity has
                text = text.replace(
                    f"\n    subject: {subject}\n", f"\n    subject: {_swap(subject, rng)}\n", 1
                )
            elif turn % 4 == 2:  # a source that does not exist (a zero dropped)
                text = text.replace("\n      - source: src-0", "\n      - source: src-", 1)
            else:  # a resolution naming a claim that no longer exists
                ghost = f"{claim_id}0"
                self.resolutions.append(
                    "\n".join([
                        f"  - id: res.ghost.{turn}",
                        "    kind: undetermined",
                        "    claims:",
                        f"      - {claim_id}",
                        f"      - {ghost}",
                        "    rationale: >-",
                        "      The second claim was renamed and its old id left here.",
                    ])
                )  # fmt: skip
            self.claims[index] = text


_FILLER: Final = (
    "The programme's officers met the partner agencies again and agreed on the terms of "
    "the next round of work, which the regional office will describe in its own report. "
)
_RUN: Final = "ha " * 40_000
_RUN_QUOTE: Final = ("ha " * 10_000).strip()
_MB: Final = 1_000_000


class _LongSeeds(_Builder):
    claims_per_source = 8000

    def _claim(
        self,
        cid: str,
        kind: str,
        topic: str,
        prop: str,
        value: dict[str, Any],
        quals: dict[str, Any],
        entries: list[tuple[_Source, int, int]],
        quote: str,
        retract: bool,
        group: list[str],
    ) -> str:
        roll = self.rng.random()
        if roll < 0.005:  # the quote stands three characters further on
            entries = [(s, a - 3, b - 3) for s, a, b in entries] if entries[0][1] >= 3 else entries
        elif roll < 0.008:  # typography or case only
            changed = quote.replace("“", '"').replace("”", '"').replace("–", "-")
            quote = changed if changed != quote else quote[0].lower() + quote[1:]
        elif roll < 0.01:  # not in the source at all
            quote = quote + " (sic)"
        return super()._claim(cid, kind, topic, prop, value, quals, entries, quote, retract, group)

    def build(self) -> None:
        super().build()
        for index, source in enumerate(self.sources):
            start, _ = source.add(_RUN)
            for k in range(2):  # two quotes of the run, at offsets where the run is not
                at = start + 1 + 3 * k
                cid = f"repeated.laughter-{index}-{k}.{index}"
                self.claims.append(
                    "\n".join([
                        f"  - id: {cid}",
                        "    kind: statement",
                        f"    subject: {self.topics[0]}",
                        f"    property: laughter-{index}-{k}",
                        "    value:",
                        '      text: "ha ha ha"',
                        "    provenance:",
                        f"      - source: {source.id}",
                        f"        quote: {_q(_RUN_QUOTE)}",
                        f"        start: {at}",
                        f"        end: {at + len(_RUN_QUOTE)}",
                    ])
                )  # fmt: skip
            while source.length < _MB:
                source.add(_FILLER * 50)


class _Ignores(_Builder):
    claims_per_source = 10_000

    def __init__(self, n: int, seed: int, defects: float) -> None:
        super().__init__(n, seed, defects)
        self.ignores: list[str] = []
        self.last: tuple[_Source, str] | None = None

    def _sentence(
        self, kind: str, topic: str, prop: str, variant: int, offset: int, rng: random.Random
    ) -> tuple[str, dict[str, Any], dict[str, Any]]:
        text, value, quals = super()._sentence(kind, topic, prop, variant, offset, rng)
        if kind == "statement":  # the sentence ends with a figure the quote cuts in two
            pct = 10 + zlib.crc32(text.encode()) % 80
            text = text.replace(", according to the fact sheet.", f", with up to {pct}% of funds.")
        return text, value, quals

    def _claim(
        self,
        cid: str,
        kind: str,
        topic: str,
        prop: str,
        value: dict[str, Any],
        quals: dict[str, Any],
        entries: list[tuple[_Source, int, int]],
        quote: str,
        retract: bool,
        group: list[str],
    ) -> str:
        self.last = (entries[0][0], quote)
        if kind == "statement":
            quote = quote[: quote.index("%")]
            entries = [(s, a, a + len(quote)) for s, a, _ in entries]
        return super()._claim(cid, kind, topic, prop, value, quals, entries, quote, retract, group)

    def _group(self, kind: str, topic: str, size: int, conflict: bool) -> None:
        super()._group(kind, topic, size, conflict)
        rng = self.rng
        if rng.random() < 0.5:
            return
        roll = rng.random()
        if roll < 0.05 and self.last is not None:  # stale: the claim covers its figures
            source, quote = self.last
        elif roll < 0.06:  # stale: not in the source
            source, quote = rng.choice(self.sources), f"No such sentence about {topic}."
        else:
            source = rng.choice(self.sources)
            quote = (
                f"Separately, about {rng.randrange(20, 90)} training courses were held in "
                f"{topic.capitalize()} in the year {rng.randrange(2005, 2015)}."
            )
            source.add(quote)
        self.ignores.append(
            "\n".join([
                f"  - source: {source.id}",
                f"    quote: {_q(quote)}",
                "    reason: an aside of the fact sheet, not a claim about the programme",
            ])
        )  # fmt: skip

    def yaml_text(self) -> str:
        return super().yaml_text() + "\ncoverage_ignores:\n" + "\n".join(self.ignores) + "\n"


_BUILDERS: Final[dict[str, type[_Builder]]] = {
    "unique": _Builder,
    "replicated": _Replicated,
    "broken": _Broken,
    "long-seeds": _LongSeeds,
    "ignores": _Ignores,
}


def write_shape(name: str, n: int, folder: Path) -> Path:
    """Write a dataset of shape ``name`` with about ``n`` claims under ``folder``; its path."""
    builder = _BUILDERS[name](n, _SEED, 0.0005)
    builder.build()
    seeds, data = folder / "seeds", folder / "data"
    seeds.mkdir(parents=True, exist_ok=True)
    data.mkdir(parents=True, exist_ok=True)
    for s in builder.sources:
        (seeds / s.path).write_text(s.text(), encoding="utf-8")
    claims = data / "claims.yaml"
    claims.write_text(builder.yaml_text(), encoding="utf-8")
    return claims


def write_refs(ids: list[str], folder: Path, count: int = 20_000) -> list[Path]:
    """Files (100 references each) citing ``count`` claim ids: 1% unknown (typos)."""
    rng = random.Random(_SEED + 2)
    typos = [_swap(rng.choice(ids), rng) for _ in range(max(1, count // 1000))]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for f in range(0, count, 100):
        lines = []
        for _ in range(min(100, count - f)):
            cited = rng.choice(typos) if rng.random() < 0.01 else rng.choice(ids)
            lines.append(f"As the fact sheet says (carsi:{cited}), the figure holds.")
        path = folder / f"notes-{f // 100:04d}.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
