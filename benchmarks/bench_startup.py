"""Start-up benchmark: ``carsi-claims validate FILE`` against ``yamllint FILE``.

    uv run python benchmarks/bench_startup.py [--runs 15] [--instructions]

Both run as whole processes (the installed console scripts of this
environment, not through ``uv run``) on the same files: the shipped
``data/claims.yaml`` and a synthetic 1,000-claim file (``synth.py``).
yamllint runs with ``-d relaxed`` (its lenient built-in configuration: syntax,
indentation and a few style rules, warnings rather than errors); its findings
and exit code do not matter here, only its time.  The two commands run in
turn, run after run, so that a change in the machine's load falls on both.

Bytecode is compiled first (``compileall`` over the package and the
environment), as ``pip install`` does for an installed package: where
``PYTHONDONTWRITEBYTECODE`` is set (as on this project's machines), every
process would otherwise compile both programs from source each time.

Reported for each: the median wall-clock time, the median CPU time (user +
system, less sensitive to other load on the machine) and, with
``--instructions`` where valgrind is installed, the instructions executed on
the shipped file (callgrind: the same count on every run, whatever else the
machine does).
Target (issue 9): validation of the shipped file at most 0.3x yamllint's
wall-clock time.

Then ``python -X importtime`` summaries: what ``import carsi_claims`` and the
command line module cost, and whether a heavy module is imported that those
entry points do not need (cattrs and PyYAML are needed only when a file is
read; hypothesis never).
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import resource
import shutil
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


@dataclasses.dataclass
class Timing:
    """Medians of a command's runs: wall-clock and CPU seconds, and its exit code."""

    wall: float
    cpu: float
    code: int


def _time_in_turn(commands: list[list[str]], runs: int) -> list[Timing]:
    """Each command run ``runs`` times, the commands taking turns; medians of each."""
    walls: list[list[float]] = [[] for _ in commands]
    cpus: list[list[float]] = [[] for _ in commands]
    codes = [0 for _ in commands]
    for cmd in commands:
        subprocess.run(cmd, capture_output=True, check=False)  # warm the file cache
    for _ in range(runs):
        for i, cmd in enumerate(commands):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            codes[i] = subprocess.run(cmd, capture_output=True, check=False).returncode
            walls[i].append(time.perf_counter() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[i].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return [
        Timing(statistics.median(w), statistics.median(c), code)
        for w, c, code in zip(walls, cpus, codes, strict=True)
    ]


def _instructions(cmd: list[str]) -> int | None:
    """Instructions the command executes (valgrind's callgrind), or None without valgrind."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    proc = subprocess.run(
        [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"Collected : (\d+)", proc.stderr)
    return int(found[1]) if found else None


def _compile_bytecode() -> None:
    """Compile the package and the environment to bytecode, as an install does."""
    import sysconfig

    for folder in (ROOT / "src", Path(sysconfig.get_paths()["purelib"])):
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", "-j", "0", str(folder)],
            capture_output=True,
            check=False,
        )


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
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions with callgrind"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from synth import write_dataset

    _compile_bytecode()
    ok = True
    print("| file | claims | validate wall s | yamllint wall s | ratio | validate CPU s "
          "| yamllint CPU s | ratio | instructions ratio | target |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    with tempfile.TemporaryDirectory(prefix="carsi-startup-") as tmp:
        synthetic = write_dataset(1000, Path(tmp))
        for label, path, n in (
            ("data/claims.yaml", ROOT / "data" / "claims.yaml", None),
            ("synthetic", synthetic, 1000),
        ):
            validate = [str(BIN / "carsi-claims"), "validate", str(path)]
            yamllint = [str(BIN / "yamllint"), "-d", "relaxed", str(path)]
            ours, theirs = _time_in_turn([validate, yamllint], args.runs)
            if n is None:
                from carsi_claims import load

                n = len(load(path).claims)
            counted = "-"
            if args.instructions and label == "data/claims.yaml":  # callgrind is slow
                mine, other = _instructions(validate), _instructions(yamllint)
                if mine and other:
                    counted = f"{mine / other:.2f} ({mine / 1e6:,.0f}M / {other / 1e6:,.0f}M)"
            ratio = ours.wall / theirs.wall
            target = 0.3 if label == "data/claims.yaml" else 1.0
            verdict = ratio <= target
            ok &= verdict
            print(
                f"| {label} | {n:,} | {ours.wall:.3f} (exit {ours.code}) | {theirs.wall:.3f} "
                f"| {ratio:.2f} | {ours.cpu:.3f} | {theirs.cpu:.3f} | {ours.cpu / theirs.cpu:.2f} "
                f"| {counted} | <= {target} {'PASS' if verdict else 'FAIL'} |"
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
