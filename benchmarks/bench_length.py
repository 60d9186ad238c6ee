"""Document-length curve of the build (a script, not a test): is one long document linear?

The bundled sample is repeated to 10k, 100k, 300k and 1M characters; each text is built once as one
document and once split into 100 documents (cut after the sentence end nearest each hundredth), in
one process, with one job and no output files. Printed per size: both times, their ratio (bar for
1M: one document ≤ 3× the split text), and the time per character against the smallest size (1.0 =
linear). ``--run-of`` adds a run of one character (``--run-of 司 --run-chars 100000``), a text with
no sentence end at all.

Usage::

    python benchmarks/bench_length.py [--sizes 10000,100000,300000,1000000] [--run-of 司 --run-chars 100000]
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "kg" / "data" / "sample.txt"


def repeated(n: int) -> str:
    """The bundled sample repeated and cut to ``n`` characters."""
    text = SAMPLE.read_text(encoding="utf-8")
    return (text * (n // len(text) + 1))[:n]


def split(text: str, parts: int = 100) -> list[str]:
    """``text`` in ``parts`` pieces, each cut just after the sentence end (。！？ or a line end) past its share."""
    ends = [m.end() for m in re.finditer(r"[。！？\n]", text)]
    out, start = [], 0
    for k in range(1, parts):
        goal = len(text) * k // parts
        cut = next((e for e in ends if e > max(goal, start)), None) if ends else None
        cut = goal if cut is None or cut >= len(text) else cut
        if cut > start:
            out.append(text[start:cut])
            start = cut
    out.append(text[start:])
    return [p for p in out if p]


def time_build(texts: list[str], folder: Path) -> float:
    """Seconds for ``kg.api.build`` of ``texts`` written as files into ``folder`` (one job, no output)."""
    from kg.api import build

    folder.mkdir(parents=True)
    for i, t in enumerate(texts):
        (folder / f"d{i:03d}.txt").write_text(t, encoding="utf-8")
    gc.collect()
    t0 = time.perf_counter()
    build([folder], out_dir=None, jobs=1)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    """Print the curve as a Markdown table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,300000,1000000")
    ap.add_argument("--parts", type=int, default=100)
    ap.add_argument("--run-of", default="", help="also time a run of this one character")
    ap.add_argument("--run-chars", type=int, default=100_000)
    a = ap.parse_args(argv)
    sizes = [int(s) for s in a.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench_length_") as tmp:
        work = Path(tmp)
        time_build([repeated(1000)], work / "warm")  # imports, gazetteer, segmenter dictionary
        print(f"| characters | one document (s) | {a.parts} documents (s) | one / split | per character vs "
              f"{sizes[0]:,} |")
        print("|---:|---:|---:|---:|---:|")
        base = None
        for n in sizes:
            text = repeated(n)
            one = time_build([text], work / f"one{n}")
            many = time_build(split(text, a.parts), work / f"many{n}")
            per = one / n
            base = base or per
            print(f"| {n:,} | {one:.2f} | {many:.2f} | {one / many:.2f}× | {per / base:.2f} |", flush=True)
        if a.run_of:
            t = time_build([a.run_of * a.run_chars], work / "run")
            print(f"\nA run of {a.run_chars:,} × {a.run_of}: {t:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
