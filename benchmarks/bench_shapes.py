"""Shapes benchmark: validate on the shapes real corpora take, as ratios to a plain load.

    uv run python benchmarks/bench_shapes.py [--sizes 10000,100000] [--shapes ...]

For each shape of :mod:`shapes` and each size, a dataset is written, then each
stage runs in a fresh subprocess (its peak memory, ``ru_maxrss``, is its own):

- ``floor``: ``yaml.load(f, Loader=yaml.CSafeLoader)`` of the same file;
- ``validate``: what ``carsi-claims validate FILE`` does, every check but
  coverage (as in ``bench_scale.py``): read, load, structure, the checks, the
  sorted report, with the cyclic collector paused as the command pauses it
  for its run (``cli.main.run``);
- ``coverage``: the coverage check alone, on a dataset already loaded (it
  reads the seeds, not the claims: its time is given against the floor too,
  but its cost follows the seeds' size);
- ``check-refs`` (unique shape): ``check_refs`` over 20,000 references (1%
  unknown: typos of known ids) against the dataset, timed apart from the
  dataset's load, with the collector paused as the command pauses it.

Times are CPU seconds (``time.process_time``), the best of ``--repeat`` runs
of each stage; every figure is also a ratio to the floor of the same shape
and size in the same run, and ``growth`` is the 100,000 figure over the
10,000 one.  Not a test: the targets are printed PASS or FAIL.
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

# Targets (issue 11), at 100,000 claims, every shape.
TIME_RATIO = 0.35
BROKEN_TIME_RATIO = 0.5
RSS_RATIO = 0.5
GROWTH = 11.0
REFS_SECONDS = 2.0


def _child(stage: str, path: Path, refs: Path | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if stage.startswith("generate="):  # path is the folder; write the shape there
        from shapes import write_shape

        shape, n = stage.removeprefix("generate=").split(":")
        return {"path": str(write_shape(shape, int(n), path)), "seconds": 0.0}
    if stage == "floor":
        import yaml

        cpu = time.process_time()
        with path.open("rb") as f:
            yaml.load(f, Loader=yaml.CSafeLoader)
        out["seconds"] = time.process_time() - cpu
    elif stage == "validate":
        from carsi_claims._gc import paused
        from carsi_claims.checks.suite import DEFAULT_CHECKS, validate
        from carsi_claims.dataset import load

        checks = [c for c in DEFAULT_CHECKS if "coverage" not in c.__name__]
        cpu = time.process_time()
        with paused():  # as the command runs (cli.main.run)
            report = validate(load(path, strict=False), checks=checks)
        out["seconds"] = time.process_time() - cpu
        out["findings"] = len(report.findings)
        out["unlocated"] = sum(1 for f in report.findings if f.location is None)
    elif stage == "coverage":
        from carsi_claims._gc import paused
        from carsi_claims.checks.base import Context
        from carsi_claims.checks.coverage import check_coverage
        from carsi_claims.dataset import load

        context = Context.of(load(path, strict=False))
        cpu = time.process_time()
        with paused():
            out["findings"] = len(list(check_coverage(context)))
        out["seconds"] = time.process_time() - cpu
    else:  # check-refs
        from carsi_claims._gc import paused
        from carsi_claims.citing.refs import check_refs
        from carsi_claims.dataset import load
        from shapes import write_refs

        assert refs is not None
        cpu = time.process_time()
        dataset = load(path, strict=False)
        out["load"] = time.process_time() - cpu
        write_refs(list(dataset.claims_by_id), refs)
        cpu = time.process_time()
        with paused():  # as the command runs (cli.main.run)
            refs_report = check_refs([refs], dataset)
        out["seconds"] = time.process_time() - cpu
        out["findings"] = len(refs_report.findings)
        out["references"] = refs_report.references
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _run(stage: str, path: Path, refs: Path | None, repeat: int) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", stage, str(path)]
    if refs is not None:
        cmd.append(str(refs))
    best: dict[str, Any] | None = None
    for _ in range(repeat):
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr)
            raise SystemExit(f"stage {stage} failed with exit code {proc.returncode}")
        got: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
        if best is None or got["seconds"] < best["seconds"]:
            best = got
    assert best is not None
    return best


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(HERE))
    from shapes import SHAPES

    parser = argparse.ArgumentParser(description="Shapes benchmark (see the module docstring).")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--repeat", type=int, default=1, help="runs of each stage (the best)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        stage, file, *rest = args.child
        print(json.dumps(_child(stage, Path(file), Path(rest[0]) if rest else None)))
        return 0

    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[str, dict[int, dict[str, Any]]] = {}
    print(_row(["shape", "claims", "MB", "floor s", "validate s", "x floor", "RSS x floor",
                "findings", "coverage s", "x floor", "notes"]))  # fmt: skip
    print(_row(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:",
                "---"]))  # fmt: skip
    sys.stdout.flush()
    for shape in args.shapes.split(","):
        results[shape] = {}
        for n in sizes:
            with tempfile.TemporaryDirectory(prefix=f"carsi-shape-{shape}-{n}-") as tmp:
                # written by a child: a parent that grew would lend its peak RSS to
                # every child it starts (Linux keeps ru_maxrss across exec)
                made = _run(f"generate={shape}:{n}", Path(tmp), None, 1)
                path = Path(made["path"])
                rows = {s: _run(s, path, None, args.repeat) for s in ("floor", "validate")}
                rows["coverage"] = _run("coverage", path, None, args.repeat)
                notes = []
                if shape == "unique":
                    refs = Path(tmp) / "refs"
                    rows["check-refs"] = r = _run("check-refs", path, refs, args.repeat)
                    notes.append(
                        f"check-refs: {r['references']:,} references, {r['findings']} findings, "
                        f"{r['seconds']:.2f} s after a {r['load']:.2f} s load"
                    )
                rows["file_mb"] = {"seconds": path.stat().st_size / 1e6}
                results[shape][n] = rows
                floor, v, c = rows["floor"], rows["validate"], rows["coverage"]
                print(_row([
                    shape, f"{n:,}", f"{path.stat().st_size / 1e6:.1f}", f"{floor['seconds']:.2f}",
                    f"{v['seconds']:.2f}", f"{v['seconds'] / floor['seconds']:.3f}",
                    f"{v['rss_mb'] / floor['rss_mb']:.2f}",
                    f"{v['findings']} ({v['unlocated']} unlocated)", f"{c['seconds']:.2f}",
                    f"{c['seconds'] / floor['seconds']:.3f}", "; ".join(notes),
                ]))  # fmt: skip
                sys.stdout.flush()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print()
    return _targets(results)


def _targets(results: dict[str, dict[int, dict[str, Any]]]) -> int:
    ok = True
    after: list[str] = []
    print(_row(["shape", "validate x floor", "RSS x floor", "validate growth",
                "coverage growth", "verdict"]))  # fmt: skip
    print(_row(["---", "---:", "---:", "---:", "---:", "---"]))
    for shape, by_size in results.items():
        largest = max(by_size)
        rows = by_size[largest]
        limit = BROKEN_TIME_RATIO if shape == "broken" else TIME_RATIO
        ratio = rows["validate"]["seconds"] / rows["floor"]["seconds"]
        rss = rows["validate"]["rss_mb"] / rows["floor"]["rss_mb"]
        verdict = ratio <= limit and rss <= RSS_RATIO
        growth = cover = "n/a"
        if 10_000 in by_size and 100_000 in by_size:
            g = rows["validate"]["seconds"] / by_size[10_000]["validate"]["seconds"]
            gc = rows["coverage"]["seconds"] / by_size[10_000]["coverage"]["seconds"]
            verdict &= g <= GROWTH and gc <= GROWTH
            growth, cover = f"{g:.2f}", f"{gc:.2f}"
        ok &= verdict
        print(_row([shape, f"{ratio:.3f} (<= {limit})", f"{rss:.2f} (<= {RSS_RATIO})",
                    f"{growth} (<= {GROWTH})", f"{cover} (<= {GROWTH})",
                    "PASS" if verdict else "FAIL"]))  # fmt: skip
        refs = rows.get("check-refs")
        if refs is not None:
            good = refs["seconds"] <= REFS_SECONDS
            ok &= good
            after.append(
                f"- {'PASS' if good else 'FAIL'}: check-refs over {refs['references']:,} "
                f"references to {largest:,} claims takes {refs['seconds']:.2f} s plus the "
                f"{refs['load']:.2f} s load (target <= {REFS_SECONDS} s plus the load)"
            )
    print("", *after, sep="\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
