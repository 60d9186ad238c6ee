"""How long ``kg --version`` and ``kg --help`` take, and what they import (a script, not a test).

Each command runs ``--repeat`` times in a fresh interpreter (``python -c`` calling
:func:`kg.cli.main`, the same entry point as the console script); the median
wall time is printed with the heavy libraries the command imported (none
expected: ``kg/__init__`` imports :mod:`kg.api` lazily and every command
imports its own modules). Bar (issue 11): under 0.2 s.

Usage::

    python benchmarks/bench_startup.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: libraries a start-up must not import (the cost of ``kg build``, not of ``kg --version``)
HEAVY = ("rdflib", "jieba", "networkx", "numpy", "scipy", "pyoxigraph", "opencc", "jinja2", "matplotlib")

CHILD = """
import contextlib, io, sys
from kg.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main({argv!r})
    except SystemExit:
        pass
print(",".join(sorted({{m.split(".")[0] for m in sys.modules}} & set({heavy!r}))))
"""


def run_once(argv: list[str]) -> tuple[float, str]:
    """Wall time of one fresh-interpreter run of ``kg ARGV``, and the heavy libraries it imported."""
    code = CHILD.format(argv=argv, heavy=HEAVY)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return time.perf_counter() - t0, done.stdout.strip()


def main() -> None:
    """Print the median start-up time of each command."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7, help="runs per command (default: %(default)s)")
    args = ap.parse_args()
    baseline = statistics.median(run_once_plain() for _ in range(args.repeat))
    print(f"python -c pass: {baseline:.3f} s (interpreter start-up, for scale)")
    for argv in (["--version"], ["--help"], ["build", "--help"]):
        runs = [run_once(argv) for _ in range(args.repeat)]
        median = statistics.median(t for t, _ in runs)
        heavy = runs[-1][1] or "none"
        verdict = "ok" if median < 0.2 else "SLOW"
        print(f"kg {' '.join(argv)}: {median:.3f} s median of {args.repeat} ({verdict}; bar 0.2 s); "
              f"heavy imports: {heavy}")
    script = Path(sys.executable).parent / "kg"
    if script.exists():  # the installed console script, as a user runs it
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            subprocess.run([str(script), "--version"], capture_output=True, check=True)
            times.append(time.perf_counter() - t0)
        print(f"{script} --version: {statistics.median(times):.3f} s median of {args.repeat}")


def run_once_plain() -> float:
    """Wall time of an interpreter that does nothing (the floor under every figure)."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
