"""Synthetic claims datasets of realistic shape, for the benchmarks.

``write_dataset(n, folder)`` writes ``folder/seeds/*.txt`` (synthetic source
documents) and ``folder/data/claims.yaml`` (``n`` claims), so that the default
seeds folder (``data/../seeds``) is found and the provenance and value checks
run their real paths:

- sources are pinned by the real sha256 of their seed file;
- every quote is a sentence that really stands at its code-point offsets in
  its seed text (the texts carry curly quotes and en dashes, so code points
  and bytes differ), and states the claim's typed value in words the figure
  parser reads ("$260 million", "up to 95%", "seven partner nations",
  "March 14, 2011", "Fiscal Years 2008–2010");
- claims of every kind; about a fifth carry a second provenance entry (the
  same sentence reprinted in another source), half carry a note;
- shared questions: claims come in groups of one to three with the same
  subject, property and scope, from different sources; within a group the
  figures agree (an exact figure and a compatible bound), except in about one
  group in twenty, whose figures differ and which a resolution names;
- a few retracted claims, superseded by another claim of their group;
- ``defects`` (a fraction) of claims carry a deliberate error (a quote one
  character off its offsets, or a figure the quote does not state), so that
  validation has findings to locate.

The YAML is written directly, in the shape ``carsi_claims.output.interchange.dump_yaml``
gives (block style, one key a line), which is much faster at 100,000 claims
than PyYAML's pure-Python emitter; ``python benchmarks/synth.py --check``
verifies that both shapes load back to equal records.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

__all__ = ["write_dataset"]

_KINDS: Final = (
    "money",
    "money",
    "percentage",
    "count",
    "date",
    "fiscal_years",
    "quotation",
    "statement",
    "list_item",
    "list_item",
)
_SYLLABLES: Final = [
    "ka",
    "lo",
    "ri",
    "ve",
    "na",
    "to",
    "mi",
    "sa",
    "du",
    "pe",
    "zo",
    "la",
    "ne",
    "ru",
    "fi",
    "go",
    "ta",
    "ser",
    "mon",
    "bel",
]
_MONTHS: Final = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_SMALL: Final = [
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_NOUNS: Final = ("partner nations", "member states", "regional offices", "border posts")
_PHRASES: Final = (
    "strengthen the rule of law and the institutions that uphold it",
    "create safe streets for the citizens of the region",
    "disrupt the movement of criminals and contraband within and between nations",
    "support the development of strong, capable and accountable governments",
    "establish state presence and security in communities at risk",
    "foster enhanced levels of security and rule of law coordination and cooperation",
)
_NOTE: Final = (
    "The figure is given without a date; the page names no publisher, and the sentence "
    "repeats, almost word for word, one found in a companion fact sheet of the same series."
)
#: Kinds that fit a set of figures of one time and one scope (a different_as_of or
#: different_scope there is a resolution.kind-mismatch).  Four entries, as before, so that
#: the random draws, and so the rest of the file, stay as they were.
_RESOLUTION_KINDS: Final = ("undetermined", "source_error", "undetermined", "source_error")


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


class _Source:
    """A synthetic seed document being written sentence by sentence."""

    def __init__(self, index: int, name: str) -> None:
        self.id = f"src-{index:05d}"
        self.path = f"{index:05d}_{name}.txt"
        self.title = f"The {name.capitalize()} Programme: Fact Sheet {index}"
        self.parts: list[str] = [f"{self.title}\n\n"]
        self.length = len(self.parts[0])

    def add(self, sentence: str) -> tuple[int, int]:
        """Append a sentence (and a separator); its code-point offsets."""
        start = self.length
        self.parts.append(sentence)
        self.parts.append(" ")
        self.length += len(sentence) + 1
        return start, start + len(sentence)

    def text(self) -> str:
        return "".join(self.parts) + "\n"


def _words(n: int) -> str:
    return _SMALL[n - 2]


def _amount(rng: random.Random, offset: int) -> tuple[int, str]:
    millions = rng.randrange(5, 990) + 7 * offset
    return millions * 1_000_000, f"${millions} million"


class _Builder:
    """Claims, sources and resolutions of one synthetic dataset."""

    #: Claims per question (one is drawn per question) and claims per source.
    group_sizes: tuple[int, ...] = (1, 1, 2, 2, 3)
    claims_per_source = 250

    def __init__(self, n: int, seed: int, defects: float) -> None:
        self.rng = random.Random(seed)
        self.n = n
        self.defects = defects
        n_sources = max(5, n // self.claims_per_source)
        self.sources = [_Source(i, self._name()) for i in range(n_sources)]
        self.topics = sorted({self._name() for _ in range(max(8, n // 12))})
        self.speakers = sorted({f"speaker-{self._name()}" for _ in range(max(3, n // 2000))})
        self.claims: list[str] = []
        self.resolutions: list[str] = []
        self.count = 0
        self.groups = 0

    def _name(self) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(3))

    def _sentence(
        self, kind: str, topic: str, prop: str, variant: int, offset: int, rng: random.Random
    ) -> tuple[str, dict[str, Any], dict[str, Any]]:
        """A sentence stating a value; the value and the qualifiers as YAML-ready dicts.

        ``rng`` is seeded alike for the claims of one question, so they agree;
        a non-zero ``offset`` moves a money or count figure (a conflict).
        """
        place = topic.capitalize()
        quals: dict[str, Any] = {"scope": f"{place} region"}
        if kind == "money":
            amount, said = _amount(rng, offset)
            y = 2008 + rng.randrange(6)
            value: dict[str, Any] = {"amount": amount, "currency": "USD"}
            if variant == 1:
                said = f"up to {said}"
                value["bound"] = "up_to"
            value["precision"] = 1_000_000  # stated to the million
            quals.update(fiscal_years={"start": y, "end": y + 2}, cumulative="true")
            text = (
                f"Since Fiscal Year {y}, the United States has committed {said} to the "
                f"“{place}” programme through Fiscal Year {y + 2}."
            )
        elif kind == "percentage":
            pct = rng.randrange(10, 100)
            value = {"value": pct, "bound": "up_to", "precision": 1}
            text = f"Up to {pct}% of the {place} budget goes to community programmes – by design."
        elif kind == "count":
            k = 2 + (rng.randrange(18) + offset) % 18
            noun = rng.choice(_NOUNS)
            value = {"value": k}
            text = f"The {place} initiative works with {_words(k)} {noun} across the region."
        elif kind == "date":
            y, m, d = 2005 + rng.randrange(10), rng.randrange(12), rng.randrange(1, 29)
            value = {"date": f"{y:04d}-{m + 1:02d}-{d:02d}"}
            text = f"The {place} agreement was signed on {_MONTHS[m]} {d}, {y}, by all parties."
        elif kind == "fiscal_years":
            y = 2007 + rng.randrange(8)
            value = {"start": y, "end": y + 3}
            text = f"Funding for the {place} programme covers Fiscal Years {y}–{y + 3}."
        elif kind == "quotation":
            said = f"{rng.choice(_PHRASES).capitalize()} is the first task for {place}"
            # the same words always have the same speaker (else: a misattribution)
            speaker = self.speakers[zlib.crc32(said.encode()) % len(self.speakers)]
            value = {"text": said + ".", "speaker": speaker, "role": "Secretary of State"}
            text = f"“{said}.” – Secretary {speaker.replace('-', ' ').title()}"
        elif kind == "statement":
            said = f"the {place} programme will {rng.choice(_PHRASES)}"
            value = {"text": said}
            text = f"Officials said that {said}, according to the fact sheet."
        else:  # list_item
            ordinal = 1 + variant
            said = rng.choice(_PHRASES).capitalize()
            value = {"list": f"{topic}-{prop}", "ordinal": ordinal, "text": said}
            text = f"{ordinal}. {said};"
            quals = {"scope": f"{place} goals"}
        return text, value, quals

    def build(self) -> None:
        rng = self.rng
        while self.count < self.n:
            kind = rng.choice(_KINDS)
            topic = rng.choice(self.topics)
            group = min(rng.choice(self.group_sizes), self.n - self.count)
            conflict = group >= 2 and kind in ("money", "count") and rng.random() < 0.1
            self._group(kind, topic, group, conflict)

    def _group(self, kind: str, topic: str, size: int, conflict: bool) -> None:
        rng = self.rng
        self.groups += 1
        prop = f"{kind.replace('_', '-')}-{self.groups}"
        # one text for the group: the figure is the same question's answer
        seed_value = rng.randrange(1 << 30)
        if size + 1 <= len(self.sources):
            sources = rng.sample(self.sources, size + 1)
        else:  # more claims to a question than sources: sources restate it again
            sources = [rng.choice(self.sources) for _ in range(size + 1)]
        ids: list[str] = []
        for member in range(size):
            self.count += 1
            cid = f"{topic}.{prop}.{self.count}"
            variant, offset = self._variant(kind, member, conflict)
            value_rng = random.Random(seed_value)
            text, value, quals = self._sentence(kind, topic, prop, variant, offset, value_rng)
            src = sources[member]
            entries = [(src, *src.add(text))]
            if rng.random() < 0.2:  # the same sentence reprinted in another source
                other = sources[-1]
                entries.append((other, *other.add(text)))
            defect = rng.random() < self.defects
            if defect and kind in ("money", "count"):
                value = dict(
                    value,
                    **(
                        {"amount": value["amount"] + 1_000_000}
                        if kind == "money"
                        else {"value": value["value"] + 1}
                    ),
                )
            elif defect:
                s, a, b = entries[0]
                entries[0] = (s, a + 1, b + 1)
            retract = member > 0 and rng.random() < 0.01
            self.claims.append(
                self._claim(cid, kind, topic, prop, value, quals, entries, text, retract, ids)
            )
            ids.append(cid)
        if conflict:
            rid = f"res.{topic}.{prop}"
            lines = [
                f"  - id: {rid}",
                f"    kind: {rng.choice(_RESOLUTION_KINDS)}",
                "    claims:",
                *(f"      - {c}" for c in ids),
                f"    preferred: {ids[0]}",
                "    rationale: >-",
                "      The sources give different figures for the same question and neither says "
                "which is",
                "      later; the dated fact sheet is preferred for citation, not shown right.",
                "    evidence:",
                f"      - claim: {ids[0]}",
                '      - title: "Congressional Budget Justification"',
                '        publisher: "U.S. Department of State"',
                '        date: "2011-02"',
            ]
            self.resolutions.append("\n".join(lines))

    def _variant(self, kind: str, member: int, conflict: bool) -> tuple[int, int]:
        """The wording variant and the figure's offset of a question's ``member``-th claim."""
        variant = member if kind == "list_item" or (kind == "money" and not conflict) else 0
        return variant, member if conflict else 0

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
        out = [
            f"  - id: {cid}",
            f"    kind: {kind}",
            f"    subject: {topic}",
            f"    property: {prop}",
            "    value:",
            *_mapping(value, 6),
            "    qualifiers:",
            *_mapping(quals, 6),
            "    provenance:",
        ]
        for src, start, end in entries:
            out += [
                f"      - source: {src.id}",
                f"        quote: {_q(quote)}",
                f"        start: {start}",
                f"        end: {end}",
            ]
        if retract:
            out += [
                "    status: retracted",
                f"    superseded_by: {group[0]}",
                '    reason: "superseded by the figure of the dated fact sheet"',
            ]
        if self.rng.random() < 0.5:
            out += ["    note: >-", f"      {_NOTE}"]
        return "\n".join(out)

    def yaml_text(self) -> str:
        head = [
            "# Synthetic carsi-claims dataset (benchmarks/synth.py)",
            "",
            "sources:",
        ]
        for s in self.sources:
            sha = hashlib.sha256(s.text().encode()).hexdigest()
            head += [
                f"  - id: {s.id}",
                f"    path: {s.path}",
                f"    sha256: {sha}",
                f"    title: {_q(s.title)}",
                "    kind: fact-sheet",
                '    publisher: "U.S. Department of State"',
                f'    published: "{2009 + int(s.id[-1]) % 4}-03-14"',
            ]
        head.append("\nentities:")
        for t in self.topics:
            head += [f"  - id: {t}", f"    name: {_q(t.capitalize())}", "    type: programme"]
        for sp in self.speakers:
            name = sp.replace("-", " ").title()
            head += [
                f"  - id: {sp}",
                f"    name: {_q(name)}",
                "    type: person",
                f"    aliases: [{_q(name.replace('Speaker', 'Spkr.'))}]",
                '    roles: ["Secretary of State"]',
            ]
        parts = ["\n".join(head), "\nclaims:", *self.claims]
        if self.resolutions:
            parts += ["\nresolutions:", *self.resolutions]
        return "\n".join(parts) + "\n"


def _mapping(data: dict[str, Any], indent: int) -> Iterator[str]:
    pad = " " * indent
    for key, val in data.items():
        if isinstance(val, dict):
            yield f"{pad}{key}:"
            yield from _mapping(val, indent + 2)
        elif isinstance(val, str) and key in ("text", "scope", "role", "date"):
            yield f"{pad}{key}: {_q(val)}"
        else:
            yield f"{pad}{key}: {val}"


def write_dataset(n: int, folder: Path, *, seed: int = 20110314, defects: float = 0.0005) -> Path:
    """Write seeds and a claims file of ``n`` claims under ``folder``; the claims file's path."""
    builder = _Builder(n, seed, defects)
    builder.build()
    seeds = folder / "seeds"
    data = folder / "data"
    seeds.mkdir(parents=True, exist_ok=True)
    data.mkdir(parents=True, exist_ok=True)
    for s in builder.sources:
        (seeds / s.path).write_text(s.text(), encoding="utf-8")
    claims = data / "claims.yaml"
    claims.write_text(builder.yaml_text(), encoding="utf-8")
    return claims


def _check(n: int) -> int:
    """Whether our writer and export.dump_yaml give files that load to equal records."""
    import tempfile
    from collections import Counter

    from carsi_claims import LoadError, load, validate
    from carsi_claims.output.interchange import dump_yaml

    with tempfile.TemporaryDirectory() as tmp:
        path = write_dataset(n, Path(tmp), defects=0.0)
        ours = load(path)
        again = path.with_name("dumped.yaml")
        again.write_text(dump_yaml(ours), encoding="utf-8")
        try:
            theirs = load(again)
        except LoadError as exc:
            print(f"dump_yaml's output does not load back: {len(exc.findings)} findings, e.g.")
            print("  ", exc.findings[0].render())
            same = False
        else:
            same = all(
                getattr(ours, s) == getattr(theirs, s)
                for s in ("sources", "entities", "claims", "resolutions")
            )
        report = validate(ours)
        print(
            f"{n} claims, {len(ours.sources)} sources, {len(ours.resolutions)} resolutions; "
            f"{path.stat().st_size / n:.0f} bytes a claim (dump_yaml: "
            f"{again.stat().st_size / n:.0f}); same records as dump_yaml: {same}; "
            f"errors: {len(report.errors)}"
        )
        codes = Counter(f.code for f in report.errors)
        print("errors by code:", dict(codes) or "none")
        for f in report.errors[:3]:
            print("  ", f.render()[:300])
        return 0 if same and report.ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=1000, help="number of claims")
    parser.add_argument("--out", type=Path, help="folder to write data/ and seeds/ into")
    parser.add_argument("--check", action="store_true", help="compare with dump_yaml, validate")
    args = parser.parse_args(argv)
    if args.check or args.out is None:
        return _check(args.n)
    path = write_dataset(args.n, args.out)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
