"""Linear-time benchmark: the figure scanner and a coverage run, ten times the input.

    uv run python benchmarks/bench_linear.py [--runs 3]

For adversarial texts (repetitions of pieces that start a figure and fail
late), it times ``scan_text`` and a whole ``coverage`` run at 40,000 and
400,000 characters and prints the ratio of the best times.  Linear work gives
a ratio near 10; a pattern that backtracks catastrophically gives 100 or more.
PASS when every ratio is at most 30.  These were timed tests before issue 8;
the tests now count calls instead (``tests/test_coverage_linear_time.py``).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from carsi_claims.analysis.coverage import coverage, scan_text
from carsi_claims.dataset import Dataset
from carsi_claims.model import CoverageIgnore, Source

UNITS = [
    "1,",
    "$",
    " million ",
    "Fiscal Years 2008-",
    "“",
    '"',
    "five ",
    "5 goals ",
    "said “" + "x" * 40 + "” ",
    "$5 million ",
    "up to 12.5 percent ",
    "March 14, ",
]
SMALL, LARGE = 40_000, 400_000  # below ~40,000 characters CPU caches blur the ratio
LIMIT = 30


def _best(run: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        began = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - began)
    return best


def _stretch(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _dataset(folder: Path, text: str) -> Dataset:
    (folder / "s.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = Source(id="s", path="s.txt", sha256=sha, title="adversarial", kind="test")
    ignore = CoverageIgnore(source="s", quote=text[:7] or "x", reason="an ignore to match")
    return Dataset(sources=(source,), coverage_ignores=(ignore,), seeds_dir=folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs")
    args = parser.parse_args(argv)
    worst = 0.0
    print(f"{'unit':<24} {'scan ratio':>10} {'coverage ratio':>15}")
    with tempfile.TemporaryDirectory() as tmp:
        for i, unit in enumerate(UNITS):
            small_text, large_text = _stretch(unit, SMALL), _stretch(unit, LARGE)
            scan = _best(partial(scan_text, large_text), args.runs) / _best(
                partial(scan_text, small_text), args.runs
            )
            folders = [Path(tmp, f"{i}-small"), Path(tmp, f"{i}-large")]
            for folder in folders:
                folder.mkdir()
            small = _dataset(folders[0], small_text)
            large = _dataset(folders[1], large_text)
            cov = _best(partial(coverage, large), args.runs) / _best(
                partial(coverage, small), args.runs
            )
            worst = max(worst, scan, cov)
            print(f"{unit[:24]!r:<24} {scan:>10.1f} {cov:>15.1f}")
    verdict = "PASS" if worst <= LIMIT else "FAIL"
    print(f"{verdict}: worst ratio {worst:.1f} for {LARGE // SMALL}x the input (limit {LIMIT})")
    return 0 if worst <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
