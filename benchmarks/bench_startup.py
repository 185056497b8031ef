"""Start-up benchmark: ``carsi-claims validate FILE`` against ``yamllint FILE``.

    uv run python benchmarks/bench_startup.py [--runs 15]

Both run as whole processes (the installed console scripts of this
environment, not through ``uv run``) on the same files: the shipped
``data/claims.yaml`` and a synthetic 1,000-claim file (``synth.py``).
yamllint runs with ``-d relaxed`` (its lenient built-in configuration: syntax,
indentation and a few style rules, warnings rather than errors); its findings
and exit code do not matter here, only its time.  Target (issue 2):
validation is no slower than yamllint (ratio <= 1).

Then ``python -X importtime`` summaries: what ``import carsi_claims`` and the
command line module cost, and whether a heavy module is imported that those
entry points do not need (cattrs and PyYAML are needed only when a file is
read; hypothesis never).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
HEAVY = (
    "cattrs",
    "yaml",
    "hypothesis",
    "carsi_claims.analysis.figures",
    "carsi_claims.read.structure",
)


def _time(cmd: list[str], runs: int) -> tuple[float, int]:
    """Median wall-clock seconds of ``runs`` runs, and the exit code of the last one."""
    times = []
    code = 0
    subprocess.run(cmd, capture_output=True, check=False)  # warm the file cache
    for _ in range(runs):
        t = time.perf_counter()
        code = subprocess.run(cmd, capture_output=True, check=False).returncode
        times.append(time.perf_counter() - t)
    return statistics.median(times), code


def _importtime(code: str) -> tuple[float, list[tuple[int, str]], set[str]]:
    """Total import microseconds of ``code``, the slowest top-level imports, modules seen."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
    )
    rows: list[tuple[int, int, str]] = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        parts = line[len("import time:") :].split("|")
        self_us, cumulative, name = int(parts[0]), int(parts[1]), parts[2]
        rows.append((self_us, cumulative, name))
    total = sum(r[0] for r in rows)
    # top-level entries: the least indented names
    depth = min(len(n) - len(n.lstrip()) for _, _, n in rows)
    top = sorted(
        ((c, n.strip()) for _, c, n in rows if len(n) - len(n.lstrip()) == depth + 2), reverse=True
    )
    seen = {n.strip() for _, _, n in rows}
    return total / 1e6, top[:8], seen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start-up benchmark (see the docstring).")
    parser.add_argument("--runs", type=int, default=15, help="runs of each command")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from synth import write_dataset

    ok = True
    print("| file | claims | carsi-claims validate (median s) | yamllint -d relaxed (median s) "
          "| ratio | target <= 1 |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    with tempfile.TemporaryDirectory(prefix="carsi-startup-") as tmp:
        synthetic = write_dataset(1000, Path(tmp))
        for label, path, n in (
            ("data/claims.yaml", ROOT / "data" / "claims.yaml", None),
            ("synthetic", synthetic, 1000),
        ):
            ours, code = _time([str(BIN / "carsi-claims"), "validate", str(path)], args.runs)
            theirs, _ = _time([str(BIN / "yamllint"), "-d", "relaxed", str(path)], args.runs)
            if n is None:
                from carsi_claims import load

                n = len(load(path))
            ratio = ours / theirs
            verdict = ratio <= 1.0
            ok &= verdict
            print(
                f"| {label} | {n:,} | {ours:.3f} (exit {code}) "
                f"| {theirs:.3f} | {ratio:.2f} | {'PASS' if verdict else 'FAIL'} |"
            )
            sys.stdout.flush()
    print()
    for code_line in ("import carsi_claims", "import carsi_claims.cli"):
        total, top, seen = _importtime(code_line)
        heavy = [h for h in HEAVY if h in seen]
        verdict = not heavy
        ok &= verdict
        print(f"`python -X importtime -c '{code_line}'`: {total * 1000:.0f} ms of imports; "
              f"heavy modules imported: {', '.join(heavy) or 'none'} "
              f"({'PASS' if verdict else 'FAIL'})")  # fmt: skip
        for cumulative, name in top:
            if cumulative >= 1000:
                print(f"    {cumulative / 1000:7.1f} ms  {name}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
