"""Throughput ratio of the default ``kg build`` to jieba's ``lcut`` alone (issue 14; a script, not a test).

Both sides run as fresh processes on the same files, alternated ``--repeat`` times (medians):

* baseline: ``python -c`` that loads jieba (a private ``Tokenizer``) and ``lcut``s every file;
* ``kg build DIR --out OUT --force`` as a user runs it (every CPU; the default cache starts empty),
  and the same with ``--jobs 1``.

The corpus is bench_build.py's: about 1M characters in 100 documents of reshuffled sentences.
``--profile`` prints a cProfile of one in-process ``--jobs 1`` build, by internal time.

Usage::

    python benchmarks/bench_ratio.py [--chars 1000000] [--repeat 3] [--work DIR] [--profile]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import ROOT, make_corpus  # noqa: E402

BASELINE = """
import sys, jieba
from pathlib import Path
tok = jieba.Tokenizer()
tok.initialize()
for p in sorted(Path(sys.argv[1]).glob("*.txt")):
    tok.lcut(p.read_text(encoding="utf-8"))
"""


def wall(cmd: list[str]) -> float:
    """Seconds a command takes (it must succeed)."""
    t = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    """Measure and print the medians and ratios."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", default=None)
    ap.add_argument("--profile", action="store_true")
    a = ap.parse_args(argv)
    work = Path(a.work or tempfile.mkdtemp(prefix="kg-ratio-"))
    corpus = make_corpus(work / f"corpus{a.chars}", a.chars)
    kg = str(Path(sys.executable).with_name("kg"))
    times: dict[str, list[float]] = {"baseline": [], "default": [], "jobs1": []}
    for _ in range(a.repeat):
        times["baseline"].append(wall([sys.executable, "-c", BASELINE, str(corpus)]))
        for name, extra in (("default", []), ("jobs1", ["--jobs", "1"])):
            out = work / f"out-{name}"
            shutil.rmtree(out, ignore_errors=True)
            times[name].append(wall([kg, "build", str(corpus), "--out", str(out), "-q", "--force", *extra]))
    med = {k: statistics.median(v) for k, v in times.items()}
    for k, v in times.items():
        print(f"{k:9s} median {med[k]:.2f} s  runs {', '.join(f'{x:.2f}' for x in v)}"
              + ("" if k == "baseline" else f"  ratio {med[k] / med['baseline']:.2f}x"))
    if a.profile:
        import cProfile
        import pstats

        from kg.api import build

        prof = cProfile.Profile()
        prof.enable()
        build([corpus], None, jobs=1)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
