"""Linear at every shape: the work at 4 n is about four times the work at n, never sixteen.

Work is counted (lines of Python run, characters a search examines, characters
folded), never timed; see ``_work.py``.  Each case is a shape on which an
earlier version did quadratic work.
"""

from __future__ import annotations

import difflib
import hashlib
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _work import GROWTH, CountingText, growth, lines_run
from carsi_claims import text as text_module
from carsi_claims.analysis.coverage import _occurrences, _occurrences_of, coverage
from carsi_claims.checks.base import Context
from carsi_claims.checks.provenance import check_provenance, occurrences
from carsi_claims.checks.references import check_references
from carsi_claims.citing.refs import check_refs
from carsi_claims.dataset import Dataset, load
from carsi_claims.errors import LoadError
from carsi_claims.model import (
    Claim,
    ClaimKind,
    CoverageIgnore,
    Provenance,
    Resolution,
    ResolutionKind,
    Source,
    Statement,
)
from carsi_claims.read.strict_yaml import load_yaml
from carsi_claims.text import Suggestions


def _ids(n: int) -> list[str]:
    rng = random.Random(n)
    topics = ["".join(rng.choice("kalorivenatomisadu") for _ in range(6)) for _ in range(5)]
    return [f"{topics[i % 5]}.money-{i}.{rng.randrange(10**6)}" for i in range(n)]


def _typo(word: str, rng: random.Random) -> str:
    """Two letters of the id's first word swapped, or one changed: still a well-formed id."""
    i = rng.randrange(5)
    if word[i] == word[i + 1]:
        return word[:i] + "z" + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _statement(claim_id: str, source: str, quote: str, start: int) -> Claim:
    return Claim(
        id=claim_id,
        kind=ClaimKind.STATEMENT,
        subject="carsi",
        property=claim_id.replace(".", "-"),
        value=Statement(quote),
        provenance=(Provenance(source, quote, start, start + len(quote)),),
    )


def _source(folder: Path, text: str) -> Source:
    (folder / "s.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Source(id="s", path="s.txt", sha256=sha, title="a long source", kind="test")


# -- suggestions ---------------------------------------------------------------


def test_suggestions_agree_with_difflib_over_every_name() -> None:
    """Among thousands of ids, the indexed suggestion is the one difflib finds over all of them."""
    names = _ids(3000)
    rng = random.Random(7)
    words = [_typo(rng.choice(names), rng) for _ in range(40)]
    index = Suggestions(names)
    for word in words:
        best = difflib.get_close_matches(word, names, n=1)
        assert index.closest(word) == (best[0] if best else None)


def test_suggestions_are_linear_in_names_and_words() -> None:
    """n names and n/20 unknown words: the index is built once, each word costs the same."""

    def work(n: int) -> int:
        names = _ids(n)
        rng = random.Random(n)
        words = [_typo(rng.choice(names), rng) for _ in range(n // 20)]

        def lookups() -> None:
            index = Suggestions(names)
            for word in [*words, *words]:
                index.closest(word)

        return lines_run(lookups)

    assert growth(work, 400) < GROWTH


def test_reference_check_is_linear_with_many_unknown_claims() -> None:
    """Resolutions naming n/20 ids that no longer exist, among n claims (each suggested once)."""

    def work(n: int) -> int:
        ids = _ids(n)
        claims = tuple(_statement(i, "s", "a quote", 0) for i in ids)
        rng = random.Random(n)
        resolutions = tuple(
            Resolution(
                id=f"res.{k}",
                claims=(ids[k], _typo(ids[k], rng)),
                kind=ResolutionKind.UNDETERMINED,
                rationale="renamed",
            )
            for k in range(n // 20)
        )
        source = Source(id="s", path="s.txt", sha256="0" * 64, title="t", kind="test")
        ds = Dataset(sources=(source,), claims=claims, resolutions=resolutions)
        return lines_run(lambda: list(check_references(Context(ds, None))))

    assert growth(work, 400) < GROWTH


def test_check_refs_is_linear_with_repeated_typos(tmp_path: Path) -> None:
    """check-refs over n/2 references, a tenth of them unknown: one suggestion per distinct typo."""

    def work(n: int) -> int:
        ids = _ids(n)
        ds = Dataset(claims=tuple(_statement(i, "s", "a quote", 0) for i in ids))
        rng = random.Random(n)
        typos = [_typo(rng.choice(ids), rng) for _ in range(n // 50)]
        cited = [rng.choice(typos) if k % 10 == 0 else rng.choice(ids) for k in range(n // 2)]
        path = tmp_path / f"notes-{n}.md"
        path.write_text("".join(f"See carsi:{c} here.\n" for c in cited), encoding="utf-8")
        report = check_refs([path], ds)
        assert len(report.findings) == n // 20
        return lines_run(lambda: check_refs([path], ds))

    assert growth(work, 400) < GROWTH


# -- occurrences and seeds ------------------------------------------------------


def test_overlapping_occurrences_are_counted_not_searched() -> None:
    """A quote of a repetitive run: characters examined grow with the text, not its square."""

    def work(n: int) -> int:
        text = CountingText("Title. " + "ha " * n + "end")
        quote = ("ha " * (n // 2)).strip()
        starts, count = occurrences(text, quote)
        assert (starts, count) == ([7, 10, 13], n - n // 2 + 1)
        return text.scanned

    assert growth(work, 3000) < GROWTH


@pytest.mark.parametrize("period", [1, 2, 5])
def test_occurrences_are_every_overlapping_start(period: int) -> None:
    """The count and the first three starts are those of a search from every position."""
    rng = random.Random(period)
    for _ in range(300):
        unit = "".join(rng.choice("ab") for _ in range(period))
        text = "".join(rng.choice(["a", "b", unit * rng.randrange(1, 9)]) for _ in range(12))
        i = rng.randrange(len(text))
        quote = text[i : i + rng.randrange(1, 14)]
        every = [k for k in range(len(text)) if text.startswith(quote, k)]
        assert occurrences(text, quote) == (every[:3], len(every))


def test_each_seed_is_folded_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """n mismatched quotes against a seed of n sentences: characters folded grow linearly."""
    folded: list[int] = []
    real = text_module.normalize

    def counting(text: str) -> str:
        folded.append(len(text))
        return real(text)

    monkeypatch.setattr("carsi_claims.checks.provenance.normalize", counting)

    def work(n: int) -> int:
        folder = tmp_path / str(n)
        folder.mkdir(exist_ok=True)
        sentences = [f"Sentence {k} says “what it says”. " for k in range(n)]
        source = _source(folder, "".join(sentences))
        claims = []
        start = 0
        for k, sentence in enumerate(sentences):  # straight quotes: typography differs
            quote = sentence.strip().replace("“", '"').replace("”", '"')
            claims.append(_statement(f"c.{k}", "s", quote, start))
            start += len(sentence)
        ds = Dataset(sources=(source,), claims=tuple(claims))
        folded.clear()
        found = list(check_provenance(Context.of(ds, folder)))
        assert len(found) == n
        assert "differing only in typography" in found[-1].message
        return sum(folded)

    assert growth(work, 200) < GROWTH


# -- coverage ------------------------------------------------------------------


def test_stale_ignores_and_partly_covered_mentions_are_linear(tmp_path: Path) -> None:
    """n ignores, n partly covered percentages, in one source: work grows linearly."""

    def work(n: int) -> int:
        folder = tmp_path / str(n)
        folder.mkdir(exist_ok=True)
        asides = [
            f"About {20 + k % 70} courses were held in the year {2000 + k % 20}. " for k in range(n)
        ]
        cut = [
            f"The programme {k} will grow, with up to {10 + k % 80}% of funds. " for k in range(n)
        ]
        text = "".join(a + c for a, c in zip(asides, cut, strict=True))
        source = _source(folder, text)
        claims, ignores = [], []
        at = 0
        for k, (aside, sentence) in enumerate(zip(asides, cut, strict=True)):
            quote = aside.strip() if k % 10 == 0 else f"the year {2000 + k % 20}"
            ignores.append(CoverageIgnore("s", quote, "an aside"))
            at += len(aside)
            partial = sentence[: sentence.index("%")]
            claims.append(_statement(f"c.{k}", "s", partial, at))
            at += len(sentence)
        ds = Dataset(sources=(source,), claims=tuple(claims), coverage_ignores=tuple(ignores))
        report = coverage(ds, folder)
        partly = [m for m in report.mentions if m.partly_by is not None]
        assert len(partly) == n
        assert partly[-1].partly_by == f"c.{n - 1}"
        return lines_run(lambda: coverage(ds, folder))

    assert growth(work, 100) < GROWTH


# -- locations -----------------------------------------------------------------


def test_locating_many_unknown_keys_is_linear(tmp_path: Path) -> None:
    """A claim with n mistyped keys: each finding is located by lookup, not by a scan."""

    def work(n: int) -> int:
        extra = "".join(f"    key{k}: x\n" for k in range(n))
        path = tmp_path / f"claims-{n}.yaml"
        path.write_text(
            "sources: []\nentities: []\nclaims:\n  - id: a.b\n    kind: statement\n" + extra,
            encoding="utf-8",
        )
        ds = load(path, strict=False)
        assert len([f for f in ds.problems if f.code == "schema.unknown-key"]) == n
        assert ds.problems[-1].location is not None
        return lines_run(lambda: load(path, strict=False))

    assert growth(work, 300) < GROWTH


def test_locating_many_duplicate_keys_is_linear() -> None:
    """A mapping whose n keys each come twice: every duplicate is located by lookup."""

    def work(n: int) -> int:
        text = "".join(f"k{k}: a\nk{k}: b\n" for k in range(n)).encode()
        with pytest.raises(LoadError) as caught:
            load_yaml(text, "d.yaml")
        last = caught.value.findings[-1]
        assert (last.code, last.location.line if last.location else 0) == (
            "yaml.duplicate-key",
            2 * n,
        )
        assert f"(first at line {2 * n - 1}, column 1)" in last.message

        def again() -> None:
            with pytest.raises(LoadError):
                load_yaml(text, "d.yaml")

        return lines_run(again)

    assert growth(work, 300) < GROWTH


def test_many_quotes_are_found_without_a_search_each() -> None:
    """n ignore quotes in a text of n sentences: the characters examined grow linearly."""

    def work(n: int) -> int:
        sentences = [
            f"About {k} courses ran in {k % 7} towns in {2000 + k % 20}. " for k in range(n)
        ]
        text = CountingText("".join(sentences))
        quotes = [s.strip() for s in sentences[::2]]
        found = _occurrences_of(text, quotes)
        assert [len(found[q]) for q in quotes] == [1] * len(quotes)
        return text.scanned

    assert growth(work, 400) < GROWTH


@pytest.mark.parametrize("seed", range(5))
def test_many_quotes_are_found_where_one_search_finds_them(seed: int) -> None:
    """The word index finds, for every quote, what searching for that quote alone finds."""
    rng = random.Random(seed)
    words = ["ha", "the", "5", "$5", "million", "ha-ha", "“Five", "Goals”", ".", "x"]
    text = " ".join(rng.choice(words) for _ in range(3000))
    quotes = []
    for _ in range(60):
        i = rng.randrange(len(text) - 40)
        quotes.append(text[i : i + rng.randrange(1, 40)])
    quotes += ["not in the text at all", "ha ha ha ha", " the "]
    assert _occurrences_of(text, quotes) == {q: _occurrences(text, q) for q in quotes}


@given(st.text(alphabet="ab", max_size=30))
def test_smallest_period_is_the_smallest_shift_that_repeats(text: str) -> None:
    """text.smallest_period is the smallest p > 0 with text[i] == text[i + p] throughout."""
    from carsi_claims.text import smallest_period

    expected = next(
        (
            p
            for p in range(1, len(text))
            if all(text[i] == text[i + p] for i in range(len(text) - p))
        ),
        len(text),
    )
    assert smallest_period(text) == expected
