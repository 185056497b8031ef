"""The static site's pages, pinned byte for byte for a small dataset that reaches every part.

A claim's page is a permalink other projects cite, and building the same
dataset twice must write nothing: the pages of a fixed dataset are fixed.
``tests/site_pinned/`` holds the site of ``_site_rich.rich_dataset`` as it was
reviewed (the package's version written ``@VERSION@``, the folder
it was built in ``@WORK@``).  After a deliberate
change to the pages, look at the new ones and write them again with::

    uv run --locked python tests/test_site_pinned.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import attrs
import pytest

from _site_rich import CLAIMS_BYTES, SEEDS, rich_dataset
from carsi_claims._version import __version__
from carsi_claims.dataset import Dataset
from carsi_claims.output.site import build_site
from carsi_claims.output.site_html import link

PINNED = Path(__file__).resolve().parent / "site_pinned"
VERSION = "@VERSION@"
WORK = "@WORK@"


def _site(work: Path) -> dict[str, str]:
    """Every file of the rich dataset's site, built under ``work``, by path."""
    seeds = work / "seeds"
    seeds.mkdir(parents=True)
    for name, text in SEEDS.items():
        (seeds / name).write_text(text, encoding="utf-8", newline="")
    claims = work / "claims.yaml"
    claims.write_bytes(CLAIMS_BYTES)
    out = work / "site"
    build_site(rich_dataset(seeds), out, claims_file=claims)
    return {
        path.relative_to(out).as_posix(): path.read_text(encoding="utf-8")
        .replace(f"carsi-claims {__version__}", f"carsi-claims {VERSION}")
        .replace(str(work), WORK)
        for path in sorted(out.rglob("*"))
        if path.is_file()
    }


def _pinned() -> dict[str, str]:
    return {
        path.relative_to(PINNED).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(PINNED.rglob("*"))
        if path.is_file()
    }


def test_the_site_of_a_fixed_dataset_is_exactly_the_pinned_pages(tmp_path: Path) -> None:
    """Every page, stylesheet and claim JSON equals the reviewed one (no file more or less)."""
    built, pinned = _site(tmp_path), _pinned()
    assert sorted(built) == sorted(pinned)
    for name, text in built.items():
        if text != pinned[name]:
            at = next(
                (i for i, (a, b) in enumerate(zip(text, pinned[name], strict=False)) if a != b),
                min(len(text), len(pinned[name])),
            )
            pytest.fail(
                f"{name} differs from the pinned page at character {at}: "
                f"built {text[at - 60 : at + 60]!r}, pinned {pinned[name][at - 60 : at + 60]!r}"
            )


def test_without_a_seeds_folder_no_text_is_shown_and_no_figure_counted(tmp_path: Path) -> None:
    """A dataset read from bytes (no seeds folder): each source page says why there is no text."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    dataset: Dataset = attrs.evolve(rich_dataset(seeds), seeds_dir=None)
    build_site(dataset, tmp_path / "out")
    page = (tmp_path / "out" / "sources" / "src-a.html").read_text(encoding="utf-8")
    assert (
        "<h2>Text</h2><p>The text cannot be shown: no seeds folder is known for this claims "
        "file</p>"
    ) in page
    assert "<h2>Figures in the text (0)</h2>" in page
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<p>0 figures mentioned in the sources: 0 covered" in index


def test_a_dataset_without_lists_says_so(tmp_path: Path) -> None:
    """The lists page of a dataset with no list item and no count of a list says it has none."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    rich = rich_dataset(seeds)
    plain = tuple(c for c in rich.claims if c.kind.value not in ("list_item", "count"))
    build_site(attrs.evolve(rich, claims=plain), tmp_path / "out")
    page = (tmp_path / "out" / "lists.html").read_text(encoding="utf-8")
    assert "<h1>Lists</h1>\n<p>The dataset has no lists.</p></main>" in page


def test_link_escapes_its_target_and_text_and_takes_a_class() -> None:
    """``link`` writes an escaped ``href``, an optional escaped class, and escaped text."""
    assert link('#a&b"', "<x> & 'y'") == (
        '<a href="#a&amp;b&quot;">&lt;x&gt; &amp; &#x27;y&#x27;</a>'
    )
    assert link("p.html", "t", cls='q "d1"') == '<a href="p.html" class="q &quot;d1&quot;">t</a>'
    assert link("p.html", "t", cls="") == '<a href="p.html">t</a>'


def _write_pinned() -> None:
    """Build the site and write it as the pinned pages (after a deliberate change)."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as work:
        built = _site(Path(work))
    shutil.rmtree(PINNED, ignore_errors=True)
    for name, text in built.items():
        target = PINNED / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
    print(f"wrote {len(built)} files to {PINNED}", file=sys.stderr)


if __name__ == "__main__":
    _write_pinned()


def test_a_build_creates_missing_folders_and_reports_files_in_site_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OUT may lie several folders down; ``written`` lists the files in the order the site
    makes them, also when more files are in flight than the limit (here 2)."""
    from carsi_claims.output import site
    from carsi_claims.output.site_data import gather

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in SEEDS.items():
        (seeds / name).write_text(text, encoding="utf-8", newline="")
    dataset = rich_dataset(seeds)
    monkeypatch.setattr(site, "_IN_FLIGHT", 2)
    out = tmp_path / "a" / "b" / "site"
    report = build_site(dataset, out)
    order = tuple(name for name, _ in site.site_files(gather(dataset)))
    assert report == site.SiteReport(len(order), order)
    assert (report.files, report.unchanged) == (64, 0)
    assert build_site(dataset, out) == site.SiteReport(64, ())


def test_more_about_a_claim_lists_only_what_differs_from_the_defaults(tmp_path: Path) -> None:
    """A claim page's "More about this claim" shows the fields set on the claim; a flag at
    its default (``heading: no``, ``derived: no``) is not something more about it."""
    site = _site(tmp_path)
    goals = site["claims/carsi.goals.html"]
    more = goals.split("<h2>More about this claim</h2>", 1)[1].split("</dl>", 1)[0]
    assert "<dt>mentions</dt>" in more
    assert "<dt>heading</dt><dd>yes</dd>" in more
    assert "<dt>derived</dt><dd>yes</dd>" in more
    date = site["claims/carsi.date.html"]
    assert "More about this claim" not in date
    assert "<dt>heading</dt>" not in date
    assert "<dt>derived</dt>" not in date
