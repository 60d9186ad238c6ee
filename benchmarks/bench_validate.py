"""Benchmark of ``kg validate`` at corpus scale (a script, not a test).

The graphs are built from the statutes of ``../shared/corpus/statutes``
(334 real statutes, about 164k triples): a corpus of N copies of the folder
under different names (``copy01/``, ``copy02/`` …, in a temporary work folder,
never in the repository) gives a graph of N × the documents, mentions and
statements of the statutes, with the entities merged across copies.

Each graph is validated in a fresh process (``kg validate``, so start-up, the
shapes, loading and the report are counted) as an N-Triples file (bulk-loaded
into memory) and as the store folder ``kg build --store`` wrote (opened
read-only); wall time and peak resident memory come from ``wait4``. With
``--pyshacl-copies`` the reference engine (``--engine pyshacl``) runs too, for
the ratio. Bars (issue 14): about 290k triples under 12 s; 1.4 M triples under
60 s and under 2 GB.

Usage::

    python benchmarks/bench_validate.py [--copies 2,9] [--pyshacl-copies 1] [--jobs 2] [--work DIR] [--reuse]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATUTES = ROOT.parent / "shared" / "corpus" / "statutes"
KG = [sys.executable, "-m", "kg.cli"]


def corpus(work: Path, copies: int) -> Path:
    """``work/corpus-N``: N copies of the statutes folder under different names (hard links when possible)."""
    folder = work / f"corpus-{copies}"
    if folder.is_dir():
        return folder
    tmp = work / f".corpus-{copies}.part"
    shutil.rmtree(tmp, ignore_errors=True)
    for k in range(1, copies + 1):
        try:
            shutil.copytree(STATUTES, tmp / f"copy{k:02d}", copy_function=os.link)
        except OSError:
            shutil.rmtree(tmp / f"copy{k:02d}", ignore_errors=True)
            shutil.copytree(STATUTES, tmp / f"copy{k:02d}")
    tmp.rename(folder)
    return folder


def build(work: Path, copies: int, jobs: int, reuse: bool) -> tuple[Path, float | None]:
    """``kg build`` of the corpus with ``--nt --store``: (output folder, seconds, None when reused)."""
    out = work / f"out-{copies}"
    if reuse and (out / "graph.nt").is_file() and (out / "store").is_dir():
        return out, None
    src = corpus(work, copies)
    shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    subprocess.run([*KG, "build", str(src), "--out", str(out), "--nt", "--store", str(out / "store"), "-q",
                    "-j", str(jobs), "--no-cache"], check=True, cwd=ROOT)
    return out, time.perf_counter() - t


def measure(args: list[str]) -> tuple[float, float, int, str]:
    """Run ``kg`` in a fresh process: (seconds, peak resident MB, exit code, first line of its output)."""
    t = time.perf_counter()
    p = subprocess.Popen([*KG, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert p.stdout is not None
    first = p.stdout.readline().decode("utf-8", "replace").strip()
    p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t, usage.ru_maxrss / 1024, p.returncode, first


def main(argv: list[str] | None = None) -> int:
    """Build the graphs, validate each one, print a Markdown table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", default="2,9", help="comma-separated numbers of copies of the statutes")
    ap.add_argument("--pyshacl-copies", default="", help="copies on which --engine pyshacl runs too (slow)")
    ap.add_argument("--jobs", type=int, default=2, help="kg build --jobs")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-validate")
    ap.add_argument("--reuse", action="store_true", help="reuse graphs already built in --work")
    a = ap.parse_args(argv)
    if not STATUTES.is_dir():
        print(f"statutes not found at {STATUTES} (../shared is absent)", file=sys.stderr)
        return 3
    a.work.mkdir(parents=True, exist_ok=True)
    sizes = sorted({int(x) for x in a.copies.split(",") if x} | {int(x) for x in a.pyshacl_copies.split(",") if x})
    slow = {int(x) for x in a.pyshacl_copies.split(",") if x}
    rows = []
    for n in sizes:
        out, built = build(a.work, n, a.jobs, a.reuse)
        meta = json.loads((out / "store" / "kg-store.json").read_text(encoding="utf-8"))
        runs = [("graph.nt", "oxigraph"), ("store", "oxigraph")] + ([("graph.nt", "pyshacl")] if n in slow else [])
        for name, engine in runs:
            secs, mb, code, first = measure(["validate", str(out / name), "--engine", engine])
            result = re.sub(r" \(.*", "", first)
            rows.append((n, meta.get("documents", "?"), meta["triples"], name, engine, secs, mb, code, result,
                         built))
            print(f"{n} copies, {meta['triples']} triples, {name}, {engine}: {secs:.1f} s, {mb:.0f} MB, "
                  f"exit {code} ({first})", file=sys.stderr, flush=True)
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"command: python benchmarks/bench_validate.py {' '.join(sys.argv[1:] if argv is None else argv)}\n")
    print("| copies | documents | triples | input | engine | seconds | peak MB | exit | result |")
    print("|---:|---:|---:|---|---|---:|---:|---:|---|")
    for n, docs, triples, name, engine, secs, mb, code, result, _ in rows:
        print(f"| {n} | {docs} | {triples:,} | {name} | {engine} | {secs:.1f} | {mb:.0f} | {code} | {result} |")
    ox = {(r[0], r[3]): r[5] for r in rows if r[4] == "oxigraph"}
    for r in rows:
        if r[4] == "pyshacl":
            print(f"\npySHACL / compiled on {r[2]:,} triples (graph.nt): {r[5] / ox[(r[0], 'graph.nt')]:.1f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
