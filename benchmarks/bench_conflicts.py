"""Conflicts benchmark: the shipped claims replicated, as when many sources restate one fact.

    uv run python benchmarks/bench_conflicts.py [--sizes 20000,100000] [--json out.json]

For each size, ``data/claims.yaml`` is replicated until it holds about that
many claims: every claim is copied under a new id (``<id>.r<n>``) with the
same values, qualifiers and quotes, and every resolution names the copies of
its claims too, so every replica is valid and the conflict check finds every
set resolved (no finding).  The file is written with the seeds beside it.
Each stage then runs in a fresh subprocess (its peak memory is its own):

- ``floor``: ``yaml.load(f, Loader=yaml.CSafeLoader)`` of the same file;
- ``check_conflicts``: the conflict check alone (conflict sets, resolutions,
  resolution kinds) on an already loaded dataset, as ``validate`` runs it; it
  also counts the comparisons of distinct variants (``conflicts._compare``
  calls) against the pairs of claims that 0.1.0 compared (the sum of
  k(k-1)/2 over questions of k claims);
- ``validate``: the whole of ``carsi-claims validate FILE`` without coverage.

Times are CPU seconds (``time.process_time``), each also a ratio to the floor
of the same run; growth is the ratio of the largest size's time to the
smallest's.  Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
_ID_LINE = re.compile(r"^  - id: (\S+)$", re.MULTILINE)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _sections(text: str) -> dict[str, str]:
    """The file's top-level sections by key, each with its key line."""
    starts = [(m.start(), m.group(1)) for m in re.finditer(r"^(\w+):", text, re.MULTILINE)]
    out = {}
    for i, (pos, key) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        out[key] = text[pos:end]
    return out


def replicate(text: str, size: int) -> tuple[str, int]:
    """``text`` (a claims file) with its claims copied until there are about ``size``."""
    sections = _sections(text)
    claims_text = sections["claims"]
    body = claims_text[claims_text.index("\n") + 1 :]
    starts = [m.start() for m in _ID_LINE.finditer(body)]
    records = [body[a:b] for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]
    ids = [_ID_LINE.match(r).group(1) for r in records]  # type: ignore[union-attr]
    copies = max(1, size // len(records))
    out_records = list(records)
    for n in range(1, copies):
        for cid, record in zip(ids, records, strict=True):
            out_records.append(record.replace(f"  - id: {cid}\n", f"  - id: {cid}.r{n}\n", 1))
    sections["claims"] = "claims:\n" + "".join(out_records)

    def named(m: re.Match[str]) -> str:
        cid = m.group(1)
        lines = [m.group(0)] + [f"      - {cid}.r{n}" for n in range(1, copies)]
        return "\n".join(lines)

    res = sections["resolutions"]
    head, _, rest = res.partition("\n")
    blocks = re.split(r"(?=^  - id: )", rest, flags=re.MULTILINE)
    out_blocks = []
    for block in blocks:
        claims_at = block.find("    claims:\n")
        if claims_at < 0:
            out_blocks.append(block)
            continue
        end = block.find("\n    ", claims_at + len("    claims:\n"))
        while end >= 0 and block.startswith("\n      - ", end):
            end = block.find("\n    ", end + 1)
        names = block[claims_at:end]
        names = re.sub(r"^      - (\S+)$", named, names, flags=re.MULTILINE)
        out_blocks.append(block[:claims_at] + names + block[end:])
    sections["resolutions"] = head + "\n" + "".join(out_blocks)
    return "".join(sections.values()), len(out_records)


def _child(stage: str, path: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if stage == "floor":
        import yaml

        t = time.process_time()
        with path.open("rb") as f:
            yaml.load(f, Loader=yaml.CSafeLoader)
        out["seconds"] = time.process_time() - t
    elif stage == "check_conflicts":
        from carsi_claims._gc import paused
        from carsi_claims.analysis import conflicts
        from carsi_claims.checks.base import Context
        from carsi_claims.checks.conflicts import check_conflicts
        from carsi_claims.dataset import load

        dataset = load(path)
        calls = 0
        real = conflicts._compare

        def counting(a: Any, b: Any) -> Any:
            nonlocal calls
            calls += 1
            return real(a, b)

        conflicts._compare = counting
        context = Context.of(dataset)
        t = time.process_time()
        with paused():
            findings = list(check_conflicts(context))
        out["seconds"] = time.process_time() - t
        questions = Counter(conflicts._question(c) for c in dataset.claims)
        out["findings"] = len(findings)
        out["comparisons"] = calls
        out["pairs_0_1_0"] = sum(k * (k - 1) // 2 for k in questions.values())
        out["claims"] = len(dataset.claims)
    elif stage == "validate":
        from carsi_claims.checks.suite import DEFAULT_CHECKS, validate
        from carsi_claims.dataset import load

        checks = [c for c in DEFAULT_CHECKS if c.__name__ != "check_coverage"]
        t = time.process_time()
        report = validate(load(path), checks=checks)
        out["seconds"] = time.process_time() - t
        out["errors"] = len(report.errors)
    out["rss_mb"] = _rss_mb()
    return out


def _run(stage: str, path: Path) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", stage, str(path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"stage {stage} failed with exit code {proc.returncode}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="20000,100000")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--child", nargs=2, metavar=("STAGE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child[0], Path(args.child[1]))))
        return 0
    text = (ROOT / "data" / "claims.yaml").read_text(encoding="utf-8")
    results: dict[int, dict[str, dict[str, Any]]] = {}
    print(
        "| claims | stage | CPU s | x floor | peak RSS MB | comparisons | pairs of claims "
        "(0.1.0) | findings |"
    )
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            (folder / "data").mkdir()
            shutil.copytree(ROOT / "seeds", folder / "seeds")
            replicated, count = replicate(text, size)
            path = folder / "data" / "claims.yaml"
            path.write_text(replicated, encoding="utf-8")
            rows = {stage: _run(stage, path) for stage in ("floor", "check_conflicts", "validate")}
        results[count] = rows
        floor = rows["floor"]["seconds"]
        for stage, r in rows.items():
            print(
                f"| {count:,} | {stage} | {r['seconds']:.3f} | {r['seconds'] / floor:.3f} | "
                f"{r['rss_mb']:.0f} | {r.get('comparisons', '')} | {r.get('pairs_0_1_0', '')} | "
                f"{r.get('findings', r.get('errors', ''))} |",
                flush=True,
            )
    sizes = sorted(results)
    if len(sizes) > 1:
        small, large = results[sizes[0]], results[sizes[-1]]
        for stage in ("floor", "check_conflicts", "validate"):
            growth = large[stage]["seconds"] / small[stage]["seconds"]
            print(f"growth {sizes[0]:,} -> {sizes[-1]:,} claims, {stage}: {growth:.2f}x")
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
