"""Rebuilds and the store's memory on copies of the statutes (issue 14; a script, not a test).

The corpus is ``/work/shared/corpus/statutes`` (``../shared`` beside the checkout) copied ``--copies`` times
into a temporary folder under different folder names (so every document has its own id). Each step is a
fresh ``kg build`` process; wall time and peak resident memory come from ``os.wait4``:

1. first build (cache empty); 2. the same again (nothing changed: "outputs up to date");
3. every input touched (times moved, bytes the same); 4. one document added (copy of one statute under a
new name), then a clean build of the same folder (``--no-cache``, new output folder) and a byte comparison
of every output; 5. ``--force`` with and without ``--store`` (peak memory of the store).
Baseline in the same run: an interpreter that only starts (``python -c pass``).

Usage::

    python benchmarks/bench_rebuild.py [--copies 2] [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import SHARED  # noqa: E402

OUTPUTS = ("graph.ttl", "graph.html", "centrality.csv", "nodes.csv", "edges.csv", "documents.csv", "kg-manifest.json")


def run(cmd: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (MiB) and stdout of a command run to completion."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return time.perf_counter() - t, usage.ru_maxrss // 1024, out


def make_corpus(work: Path, copies: int) -> Path:
    """``copies`` copies of the statutes under ``work/corpus/cN``."""
    src = SHARED / "corpus" / "statutes"
    if not src.is_dir():
        raise SystemExit(f"statutes not found at {src}")
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    for i in range(copies):
        shutil.copytree(src, corpus / f"c{i}")
    return corpus


def main(argv: list[str] | None = None) -> int:
    """Run the steps and print one line per measure."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--work", default=None)
    a = ap.parse_args(argv)
    work = Path(a.work or tempfile.mkdtemp(prefix="kg-rebuild-"))
    corpus = make_corpus(work, a.copies)
    docs = sorted(p for p in corpus.rglob("*") if p.is_file())
    out, clean, store = work / "out", work / "clean", work / "store"
    shutil.rmtree(out, ignore_errors=True)
    kg = [str(Path(sys.executable).with_name("kg")), "build", str(corpus), "--out", str(out), "-q"]
    print(f"corpus: {len(docs)} documents, {sum(p.stat().st_size for p in docs) / 1e6:.1f} MB in {corpus}")
    start = run([sys.executable, "-c", "pass"])
    print(f"interpreter start-up            {start[0]:6.2f} s {start[1]:5d} MiB")
    rows = [("first build (cache empty)", kg)]
    for name, cmd in rows:
        t, m, _ = run(cmd)
        print(f"{name:32s}{t:6.2f} s {m:5d} MiB")
    time.sleep(2.1)  # older than kg.uptodate.RACY_NS: times are trusted
    for i in range(3):
        t, m, said = run(kg[:-1])
        print(f"nothing changed ({i + 1})             {t:6.2f} s {m:5d} MiB  {said.strip()[:40]}")
    for p in docs:
        st = p.stat()
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    t, m, said = run(kg[:-1])
    print(f"every input touched             {t:6.2f} s {m:5d} MiB  {said.strip()[:40]}")
    t, m, said = run(kg[:-1])
    print(f"then nothing changed            {t:6.2f} s {m:5d} MiB  {said.strip()[:40]}")
    added = docs[0].with_name("zz-added" + docs[0].suffix)
    shutil.copy(docs[0], added)
    t, m, said = run(kg[:-1])
    last = said.strip().splitlines()[-1][:60] if said.strip() else ""
    print(f"one document added              {t:6.2f} s {m:5d} MiB  {last}")
    shutil.rmtree(clean, ignore_errors=True)
    t, m, _ = run([*kg[:3], "--out", str(clean), "-q", "--no-cache"])
    same = all((out / n).read_bytes() == (clean / n).read_bytes() for n in OUTPUTS)
    print(f"clean build of the same         {t:6.2f} s {m:5d} MiB  outputs identical: {same}")
    added.unlink()
    t, m, _ = run([*kg, "--force"])
    print(f"--force (all cached), no store  {t:6.2f} s {m:5d} MiB")
    t, m, _ = run([*kg, "--force", "--store", str(store)])
    print(f"--force (all cached), --store   {t:6.2f} s {m:5d} MiB")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
