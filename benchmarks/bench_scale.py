"""Scale benchmark: loading, structuring and checking synthetic datasets.

    uv run python benchmarks/bench_scale.py [--sizes 1000,10000,100000]

For each size (in order, printed as it goes) a synthetic dataset of realistic
shape is written by :mod:`synth` (seed files included, so provenance and
value checks run their real paths), then every stage runs in a fresh
subprocess so that its peak memory (the whole process's maximum resident set,
``ru_maxrss``) is its own:

- ``floor``: ``yaml.load(f, Loader=yaml.CSafeLoader)`` of the same file;
- ``load``: our strict loader (``_yaml.load_yaml``: events to a tree, marks);
- ``structure``: cattrs structuring of that tree (``structure_records``);
- one row per check of ``validate.DEFAULT_CHECKS`` (coverage left out: it is
  about the seeds, not the claims), timed alone on an already loaded dataset,
  with the cyclic garbage collector paused as ``validate`` pauses it;
- ``validate``: the whole of what ``carsi-claims validate FILE`` does, minus
  coverage: read, load, structure, every check, the sorted report; it also
  counts the findings and how many lack a line and column.

Times are the CPU seconds of the stage alone (``time.process_time``: the
benchmark shares its machine, and CPU time is what contention disturbs least;
wall-clock seconds are printed beside them); memory is the peak of the process
that ran it (so a check's row includes the dataset it needed).
Every figure is also given as a ratio to the floor measured in the same run.
Not a test: nothing here asserts; the targets are printed PASS or FAIL.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# Targets (issue 3): at the largest size, validate <= 0.5x the floor's time,
# growth 10k -> 100k <= 11x, validate's peak RSS <= 0.5x the floor's.
TIME_RATIO = 0.5
GROWTH = 11.0
RSS_RATIO = 0.5


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _checks() -> list[Any]:
    from carsi_claims.checks.suite import DEFAULT_CHECKS

    return [c for c in DEFAULT_CHECKS if "coverage" not in c.__name__]


class _Clock:
    """CPU and wall-clock time of a stage."""

    def __init__(self, out: dict[str, Any]) -> None:
        self.out = out

    def __enter__(self) -> None:
        self.cpu, self.wall = time.process_time(), time.perf_counter()

    def __exit__(self, *_: object) -> None:
        self.out["seconds"] = time.process_time() - self.cpu
        self.out["wall"] = time.perf_counter() - self.wall


def _child(stage: str, path: Path) -> dict[str, Any]:
    """Run one stage in this (fresh) process; its time and the process's peak RSS."""
    out: dict[str, Any] = {}
    clock = _Clock(out)
    if stage == "floor":
        import yaml

        with clock, path.open("rb") as f:
            yaml.load(f, Loader=yaml.CSafeLoader)
    elif stage == "load":
        from carsi_claims.read.strict_yaml import load_yaml

        with clock:
            load_yaml(path.read_bytes(), str(path))
    elif stage == "structure":
        from carsi_claims.read.strict_yaml import load_yaml
        from carsi_claims.read.structure import structure_records

        doc = load_yaml(path.read_bytes(), str(path))
        with clock:
            _, problems = structure_records(doc.root)
        out["problems"] = len(problems)
    elif stage == "validate":
        from carsi_claims.checks.suite import validate
        from carsi_claims.dataset import load

        checks = _checks()
        with clock:
            dataset = load(path, strict=False)
            report = validate(dataset, checks=checks)
        out["findings"] = len(report.findings)
        out["errors"] = len(report.errors)
        out["unlocated"] = sum(
            1 for f in report.findings if f.location is None or f.location.line < 1
        )
    else:
        from carsi_claims._gc import paused
        from carsi_claims.checks.base import Context
        from carsi_claims.dataset import load

        check = next(c for c in _checks() if c.__name__ == stage)
        dataset = load(path, strict=False)
        context = Context.of(dataset)
        with clock, paused():  # as validate runs the checks
            findings = list(check(context))
        out["findings"] = len(findings)
    out["rss_mb"] = _rss_mb()
    return out


def _run_stage(stage: str, path: Path) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", stage, str(path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"stage {stage} failed with exit code {proc.returncode}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _fmt_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Scale benchmark (see the module docstring).")
    parser.add_argument("--sizes", default="1000,10000,100000", help="claims per dataset")
    parser.add_argument("--child", nargs=2, metavar=("STAGE", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    if args.child:
        stage, file = args.child
        print(json.dumps(_child(stage, Path(file))))
        return 0

    sys.path.insert(0, str(HERE))
    from synth import write_dataset

    sizes = [int(s) for s in args.sizes.split(",")]
    stages = ["floor", "load", "structure", *(c.__name__ for c in _checks()), "validate"]
    results: dict[int, dict[str, dict[str, Any]]] = {}
    print(_fmt_row(["claims", "stage", "CPU s", "x floor", "us/claim", "wall s", "peak RSS MB",
                    "RSS x floor", "notes"]))  # fmt: skip
    print(_fmt_row(["---:", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---"]))
    sys.stdout.flush()
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"carsi-bench-{n}-") as tmp:
            path = write_dataset(n, Path(tmp))
            size_mb = path.stat().st_size / 1e6
            rows: dict[str, dict[str, Any]] = {}
            for stage in stages:
                r = _run_stage(stage, path)
                rows[stage] = r
                floor = rows["floor"]
                notes = []
                if stage == "floor":
                    notes.append(f"file {size_mb:.1f} MB")
                for key in ("problems", "findings", "errors", "unlocated"):
                    if key in r:
                        notes.append(f"{key} {r[key]}")
                print(_fmt_row([
                    f"{n:,}", stage, f"{r['seconds']:.3f}",
                    f"{r['seconds'] / floor['seconds']:.3f}",
                    f"{r['seconds'] / n * 1e6:.1f}", f"{r['wall']:.3f}", f"{r['rss_mb']:.0f}",
                    f"{r['rss_mb'] / floor['rss_mb']:.2f}", ", ".join(notes),
                ]))  # fmt: skip
                sys.stdout.flush()
            results[n] = rows
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print()
    return _targets(results)


def _targets(results: dict[int, dict[str, dict[str, Any]]]) -> int:
    """Print PASS/FAIL for each target; 0 when all that could be measured pass."""
    largest = max(results)
    v, floor = results[largest]["validate"], results[largest]["floor"]
    ok = True
    time_ratio = v["seconds"] / floor["seconds"]
    located = v["unlocated"] == 0
    verdict = time_ratio <= TIME_RATIO and located
    ok &= verdict
    print(
        f"- {'PASS' if verdict else 'FAIL'}: validate at {largest:,} claims takes "
        f"{time_ratio:.3f}x the floor's CPU time (target <= {TIME_RATIO}; wall-clock: "
        f"{v['wall'] / floor['wall']:.3f}x); {v['findings']} findings, "
        f"{v['unlocated']} without line and column"
    )
    rss_ratio = v["rss_mb"] / floor["rss_mb"]
    verdict = rss_ratio <= RSS_RATIO
    ok &= verdict
    print(
        f"- {'PASS' if verdict else 'FAIL'}: validate's peak RSS at {largest:,} claims is "
        f"{v['rss_mb']:.0f} MB, {rss_ratio:.2f}x the floor's {floor['rss_mb']:.0f} MB "
        f"(target <= {RSS_RATIO})"
    )
    if 10_000 in results and 100_000 in results:
        growth = results[100_000]["validate"]["seconds"] / results[10_000]["validate"]["seconds"]
        verdict = growth <= GROWTH
        ok &= verdict
        print(
            f"- {'PASS' if verdict else 'FAIL'}: validate grows {growth:.2f}x from 10,000 to "
            f"100,000 claims (target <= {GROWTH}x)"
        )
    else:
        print("- growth 10,000 -> 100,000 not measured (needs both sizes)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
