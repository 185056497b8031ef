"""Site benchmark: building the static site of the shipped dataset and of synthetic ones.

    uv run python benchmarks/bench_site.py [--sizes 1000,10000,100000] [--runs 5]

Not a test: nothing here asserts; the targets are printed PASS or FAIL.

- **shipped**: ``carsi-claims site OUT`` as a whole process (interpreter
  start, imports, load, coverage, conflicts, every page), into a fresh folder
  and again into the same folder (nothing changed: nothing written), median
  of ``--runs``; beside it ``carsi-claims validate`` as the baseline of the
  same run (it reads the same file).  Target: under 1 s.
- **scale**: for each size a synthetic dataset of realistic shape
  (:mod:`synth`), in a fresh subprocess: ``load`` (the floor, which any
  command pays), ``build`` into an empty folder, ``rebuild`` into the same
  folder (every file compared, none written), each in CPU and wall seconds
  and as a ratio to the floor.  Targets: both grow at most 11x from 10,000
  to 100,000 claims, and the rebuild writes no file.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GROWTH = 11.0
SHIPPED_SECONDS = 1.0


def _script(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit(f"{name} not found beside {sys.executable}: run with uv run")
    return found


def _env() -> dict[str, str]:
    """The environment, with Python allowed to cache bytecode as an installed package does."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=_env())
    return time.perf_counter() - start


def shipped(runs: int) -> int:
    cli = _script("carsi-claims")
    fresh, again, validate = [], [], []
    with tempfile.TemporaryDirectory() as tmp:  # warm up: compile and cache the bytecode
        _wall([cli, "site", str(Path(tmp) / "site")])
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            out = str(Path(tmp) / "site")
            fresh.append(_wall([cli, "site", out]))
            again.append(_wall([cli, "site", out]))
        validate.append(_wall([cli, "validate"]))
    base = statistics.median(validate)
    print("| shipped dataset | median wall s | x validate |")
    print("| --- | ---: | ---: |")
    print(f"| carsi-claims validate (baseline) | {base:.3f} | 1.00 |")
    for label, times in (("site, fresh folder", fresh), ("site, same folder again", again)):
        t = statistics.median(times)
        print(f"| {label} | {t:.3f} | {t / base:.2f} |")
    worst = max(statistics.median(fresh), statistics.median(again))
    verdict = "PASS" if worst < SHIPPED_SECONDS else "FAIL"
    print(f"\n- {verdict}: the shipped site builds in {worst:.3f} s (target < {SHIPPED_SECONDS} s)")
    return 0 if verdict == "PASS" else 1


def _child(claims: Path, out: Path) -> dict[str, Any]:
    """Run in a fresh process: load, build, rebuild; times and counts."""
    sys.path.insert(0, str(HERE.parent / "src"))
    from carsi_claims import load
    from carsi_claims.output.site import build_site

    result: dict[str, Any] = {}
    c0, w0 = time.process_time(), time.perf_counter()
    dataset = load(claims)
    c1, w1 = time.process_time(), time.perf_counter()
    first = build_site(dataset, out, claims_file=claims)
    c2, w2 = time.process_time(), time.perf_counter()
    second = build_site(dataset, out, claims_file=claims)
    c3, w3 = time.process_time(), time.perf_counter()
    result["load"] = (c1 - c0, w1 - w0, "")
    result["build"] = (c2 - c1, w2 - w1, f"{first.files} files, {len(first.written)} written")
    result["rebuild"] = (c3 - c2, w3 - w2, f"{second.files} files, {len(second.written)} written")
    result["rewritten"] = len(second.written)
    return result


def scale(sizes: list[int]) -> int:
    sys.path.insert(0, str(HERE))
    from synth import write_dataset

    rows: dict[int, dict[str, Any]] = {}
    print("| claims | stage | CPU s | x load | us/claim | wall s | notes |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | --- |")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            claims = write_dataset(n, Path(tmp))
            proc = subprocess.run(
                [sys.executable, __file__, "--child", str(claims), str(Path(tmp) / "site")],
                check=True,
                capture_output=True,
                text=True,
            )
            rows[n] = json.loads(proc.stdout)
            floor = rows[n]["load"][0]
            for stage in ("load", "build", "rebuild"):  # printed before the long clean-up
                cpu, wall, note = rows[n][stage]
                print(
                    f"| {n:,} | {stage} | {cpu:.3f} | {cpu / floor:.2f} | {cpu / n * 1e6:.1f} | "
                    f"{wall:.3f} | {note} |",
                    flush=True,
                )
    failed = 0
    print()
    if 10_000 in rows and 100_000 in rows:
        for stage in ("build", "rebuild"):
            growth = rows[100_000][stage][0] / rows[10_000][stage][0]
            ok = growth <= GROWTH
            failed += not ok
            print(
                f"- {'PASS' if ok else 'FAIL'}: {stage} grows {growth:.2f}x in CPU time from "
                f"10,000 to 100,000 claims (target <= {GROWTH}x)"
            )
    for n, row in rows.items():
        ok = row["rewritten"] == 0
        failed += not ok
        verdict = "PASS" if ok else "FAIL"
        print(f"- {verdict}: rebuilding at {n:,} claims wrote {row['rewritten']} files")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs=2, metavar=("CLAIMS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(Path(args.child[0]), Path(args.child[1]))))
        return 0
    status = shipped(args.runs)
    print()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    return scale(sizes) or status


if __name__ == "__main__":
    sys.exit(main())
