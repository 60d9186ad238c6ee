"""Corpus-scale benchmark of ``kg build``, ``kg query`` and the Turtle writer (a script, not a test).

Every figure is a ratio to a baseline measured in the same run on the same
machine, so that results compare across machines:

* build: the whole build (extraction, graph, Turtle, centrality, HTML) of a
  corpus of 1M characters against one process that loads jieba and segments
  the same files with ``Tokenizer.lcut`` (bar ≤ 2.0×, goal 1.0× with --jobs 2);
* memory: the peak resident memory of ``kg build`` on 10M characters (bar ≤ 1.5 GB),
  against the segmentation baseline's;
* query: a two-pattern join and a GROUP BY on a graph of about 1M triples,
  Oxigraph on a persistent store (load excluded; bar < 0.2 s) against rdflib;
* Turtle: :func:`kg.turtle.serialize` against rdflib's serializer and
  pyoxigraph's, on 100k and 1M triples; and reading with rdflib and pyoxigraph.

The corpora are made from the bundled sample and the reference document (when
``../shared`` is present) by reshuffling their sentences with a fixed seed into
documents of about 10,000 characters.

Usage::

    python benchmarks/bench_build.py [--sizes 1000000,10000000] [--jobs 1,2] [--work DIR] [--quick]
        [--profile] [--markdown benchmarks/RESULTS.md]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the checkout, or two levels up from a git worktree (/work/wt/NAME -> /work/shared)
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
              ROOT.parent / "shared")
REFERENCE = SHARED / "corpus" / "000_c213bb4196801c89.txt"
PK = "https://w3id.org/policy-kg/ontology#"

JOIN = f"""PREFIX pk: <{PK}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?b ?label ?o WHERE {{ ?b rdfs:label ?label . ?b pk:responsibleFor ?o }}"""
GROUP = f"""PREFIX pk: <{PK}>
SELECT ?d (COUNT(?m) AS ?n) WHERE {{ ?m pk:document ?d }} GROUP BY ?d ORDER BY DESC(?n)"""


# ----------------------------------------------------------------------------- corpora

def sentences() -> list[str]:
    """Sentences (with their punctuation) of the bundled sample and, when present, the reference document."""
    texts = [(ROOT / "kg" / "data" / "sample.txt").read_text(encoding="utf-8")]
    if REFERENCE.is_file():
        texts.append(REFERENCE.read_text(encoding="utf-8"))
    out = []
    for t in texts:
        out += [s.strip() for s in re.split(r"(?<=[。；！？\n])", t) if len(s.strip()) > 1]
    return out


def make_corpus(folder: Path, total_chars: int, doc_chars: int = 10_000, seed: int = 0) -> Path:
    """About ``total_chars`` characters in documents of about ``doc_chars``, from reshuffled sentences."""
    if (folder / ".done").is_file():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    pool = sentences()
    written, i = 0, 0
    while written < total_chars:
        lines, n = [], 0
        while n < doc_chars:
            s = pool[rng.randrange(len(pool))]
            lines.append(s)
            n += len(s) + 1
        text = "\n".join(lines) + "\n"
        (folder / f"doc{i:05d}.txt").write_text(text, encoding="utf-8")
        written += len(text)
        i += 1
    (folder / ".done").write_text(str(i))
    return folder


def files_of(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.txt"))


# ----------------------------------------------------------------------------- measures

def baseline_segment(folder: Path) -> float:
    """Seconds to load jieba (a private Tokenizer) and lcut every file of ``folder``."""
    import jieba

    t = time.perf_counter()
    tok = jieba.Tokenizer()
    tok.initialize()
    n = 0
    for p in files_of(folder):
        n += len(tok.lcut(p.read_text(encoding="utf-8")))
    return time.perf_counter() - t


def time_build(folder: Path, out: Path, jobs: int) -> tuple[float, object]:
    from kg.api import build

    gc.collect()
    t = time.perf_counter()
    r = build([folder], out, jobs=jobs)
    return time.perf_counter() - t, r


_RSS_SCRIPT = """
import resource, sys, time
{body}
self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(self_kb, child_kb)
"""


def peak_rss(body: str) -> tuple[int, int, float]:
    """Peak RSS (KiB) of a fresh Python running ``body``, of its largest child, and wall seconds."""
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _RSS_SCRIPT.format(body=body)], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split()
    return int(out[-2]), int(out[-1]), time.perf_counter() - t


def median_time(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def synthetic_triples(n: int):
    """``n`` triples shaped like ours (entities, mentions with sentences and offsets) for the writer benchmark."""
    from rdflib import Literal, URIRef

    from kg.vocab import PK as PKNS
    from kg.vocab import RDF, RDFS, XSD

    out = []
    base = "https://w3id.org/policy-kg/id/"
    i = 0
    while len(out) < n:
        e = URIRef(f"{base}bureau/{i // 50:06d}")
        m = URIRef(f"{base}mention/doc{i % 997:04d}/{i}")
        out += [(e, RDF.type, PKNS.Bureau), (e, RDFS.label, Literal(f"机构{i // 50}", lang="zh")),
                (e, PKNS.mention, m), (m, RDF.type, PKNS.Mention),
                (m, PKNS.start, Literal(i, datatype=XSD.integer)), (m, PKNS.end, Literal(i + 5, datatype=XSD.integer)),
                (m, PKNS.sentence, Literal(f"第{i}句：机构{i // 50}负责实施“项目{i % 313}”工程。")),
                (m, PKNS.rule, Literal("bench.rule"))]
        i += 1
    return out[:n]


def turtle_bench(n: int) -> dict:
    """Write and read times of ``n`` triples: ours, rdflib, pyoxigraph."""
    import pyoxigraph as ox
    from rdflib import Graph

    from kg import turtle
    from kg.rdf import to_graph

    ts = synthetic_triples(n)
    res = {"triples": n}
    t = time.perf_counter()
    ours = turtle.serialize(ts)
    res["write_ours"] = time.perf_counter() - t
    assert turtle.serialize(ts) == ours  # deterministic
    g = to_graph(ts)
    t = time.perf_counter()
    g.serialize(format="turtle")
    res["write_rdflib"] = time.perf_counter() - t
    store = ox.Store()
    store.bulk_load(ours.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    t = time.perf_counter()
    store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    res["write_oxigraph"] = time.perf_counter() - t
    del g, store
    gc.collect()
    t = time.perf_counter()
    g = Graph()
    g.parse(data=ours, format="turtle")
    res["read_rdflib"] = time.perf_counter() - t
    assert len(g) == len(set(ts))
    del g
    gc.collect()
    t = time.perf_counter()
    store = ox.Store()
    store.bulk_load(ours.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    res["read_oxigraph"] = time.perf_counter() - t
    res["bytes"] = len(ours.encode("utf-8"))
    return res


def query_bench(ttl_path: Path, store_dir: Path, with_rdflib: bool = True) -> dict:
    from kg.query import load_graph
    from kg.query import run_query as rdflib_query
    from kg.store import open_store, run_query, write_store

    res = {}
    t = time.perf_counter()
    write_store(store_dir, ttl_path.read_bytes())
    res["store_write"] = time.perf_counter() - t
    store = open_store(store_dir)
    res["triples"] = len(store)
    for name, q in (("join", JOIN), ("group", GROUP)):
        rows = len(run_query(store, q).rows)
        res[f"{name}_rows"] = rows
        res[f"{name}_oxigraph"] = median_time(lambda q=q: run_query(store, q))
    if with_rdflib:
        t = time.perf_counter()
        g = load_graph(ttl_path)
        res["rdflib_load"] = time.perf_counter() - t
        for name, q in (("join", JOIN), ("group", GROUP)):
            assert len(rdflib_query(g, q).rows) == res[f"{name}_rows"]
            res[f"{name}_rdflib"] = median_time(lambda q=q: rdflib_query(g, q), repeat=3)
    return res


def profile_extraction(folder: Path, n_docs: int = 20) -> str:
    """Where extraction time goes (pyinstrument when installed, else cProfile), on ``n_docs`` documents."""
    from kg.pipeline import Pipeline
    from kg.reader import read_document

    p = Pipeline()
    docs = [read_document(f, folder) for f in files_of(folder)[:n_docs]]
    try:
        from pyinstrument import Profiler
    except ImportError:
        import cProfile
        import io
        import pstats

        pr = cProfile.Profile()
        pr.enable()
        for d in docs:
            p.process(d)
        pr.disable()
        buf = io.StringIO()
        pstats.Stats(pr, stream=buf).sort_stats("cumulative").print_stats(30)
        return buf.getvalue()
    prof = Profiler(interval=0.001)
    prof.start()
    for d in docs:
        p.process(d)
    prof.stop()
    return prof.output_text(unicode=False, color=False, show_all=False)


def stage_times(folder: Path) -> dict:
    """Seconds per extraction stage over ``folder`` (segmentation, structure, each extractor, resolution, relations)."""
    from kg.extract import extract_all
    from kg.extract.base import ExtractContext
    from kg.pipeline import Pipeline
    from kg.reader import read_document

    p = Pipeline()
    docs = [read_document(f, folder) for f in files_of(folder)]
    times: dict[str, float] = {}

    def add(k, dt):
        times[k] = times.get(k, 0.0) + dt

    for d in docs:
        t = time.perf_counter()
        p.segmenter(d.text)
        add("segment (jieba)", time.perf_counter() - t)
        t = time.perf_counter()
        parsed = p.parse(d)
        add("parse (segment + structure)", time.perf_counter() - t)
        ctx = ExtractContext(gazetteer=p.gazetteer, year=parsed.year)
        for name, fn in p.extractors:
            t = time.perf_counter()
            fn(parsed, ctx)
            add(f"extract.{name}", time.perf_counter() - t)
        t = time.perf_counter()
        extract_all(parsed, ctx, p.extractors)
        add("extract_all (all + merge)", time.perf_counter() - t)
        t = time.perf_counter()
        p.process(d)
        add("process (whole)", time.perf_counter() - t)
    return times


# ----------------------------------------------------------------------------- report

def machine() -> dict:
    import importlib.metadata as md

    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    ram = ""
    try:
        kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    versions = {}
    for pkg in ("policy-kg", "jieba", "rdflib", "pyoxigraph", "networkx", "dask", "distributed"):
        try:
            versions[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            versions[pkg] = "-"
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram": ram, "python": platform.python_version(), **versions}


def parallel_capacity() -> float:
    """How much faster two processes do two CPU-bound tasks than one process (2.0 on two free cores)."""
    import multiprocessing as mp

    with mp.get_context("fork").Pool(2) as pool:
        t = time.perf_counter()
        _spin(0)
        _spin(0)
        serial = time.perf_counter() - t
        t = time.perf_counter()
        pool.map(_spin, [0, 1])
        par = time.perf_counter() - t
    return serial / par


def _spin(_: int) -> int:
    s = 0
    for i in range(4_000_000):
        s += i
    return s


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000000,10000000", help="corpus sizes in characters")
    ap.add_argument("--jobs", default="1,2", help="--jobs values to time on the first size")
    ap.add_argument("--work", default=None, help="working folder (default: a temporary one)")
    ap.add_argument("--quick", action="store_true", help="small sizes, for trying the script")
    ap.add_argument("--profile", action="store_true", help="profile extraction on 20 documents")
    ap.add_argument("--no-rdflib-query", action="store_true", help="skip rdflib on the large graph (slow)")
    ap.add_argument("--json", default=None, help="write the figures as JSON here")
    a = ap.parse_args(argv)
    sizes = [int(s) for s in a.sizes.split(",")]
    jobs = [int(j) for j in a.jobs.split(",")]
    if a.quick:
        sizes = [200_000, 400_000]
    work = Path(a.work) if a.work else Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    figures: dict = {"machine": machine(), "parallel_capacity": parallel_capacity(), "loadavg_start": os.getloadavg()}
    print(json.dumps(figures, indent=1), flush=True)

    small = make_corpus(work / f"corpus-{sizes[0]}", sizes[0])
    figures["corpus_small"] = {"chars": sizes[0], "docs": len(files_of(small))}
    # --- build time against jieba segmentation (after a warm-up build: imports and jieba's cache file)
    from kg.api import build

    build(None, None)
    base = baseline_segment(small)
    figures["baseline_segment_s"] = base
    for j in jobs:
        secs, r = time_build(small, work / f"out-{sizes[0]}-j{j}", j)
        figures[f"build_j{j}_s"] = secs
        figures[f"build_j{j}_ratio"] = secs / base
        figures["graph_small"] = {"entities": len(r.corpus.entities), "relations": len(r.corpus.relations),
                                  "turtle_bytes": len(r.turtle.encode("utf-8"))}
        print(f"build --jobs {j}: {secs:.1f} s = {secs / base:.2f}× segmentation ({base:.1f} s)", flush=True)
    ttls = {j: (work / f"out-{sizes[0]}-j{j}" / "graph.ttl").read_bytes() for j in jobs}
    figures["identical_turtle_across_jobs"] = len(set(ttls.values())) == 1
    figures["stages_small"] = stage_times(small) if not a.quick else {}
    if a.profile:
        (work / "profile.txt").write_text(profile_extraction(small), encoding="utf-8")
        print(f"profile: {work / 'profile.txt'}", flush=True)

    # --- memory on the large corpus
    big = make_corpus(work / f"corpus-{sizes[-1]}", sizes[-1])
    figures["corpus_big"] = {"chars": sizes[-1], "docs": len(files_of(big))}
    out_big = work / f"out-{sizes[-1]}"
    body = (f"from kg.cli import main\nt = time.perf_counter()\n"
            f"main(['build', {str(big)!r}, '--out', {str(out_big)!r}, '--jobs', '{max(jobs)}', '--no-cache', '-q'])\n"
            "print(time.perf_counter() - t)")
    self_kb, child_kb, wall = peak_rss(body)
    base_kb, _, _ = peak_rss(f"import jieba\ntok = jieba.Tokenizer(); tok.initialize()\nfrom pathlib import Path\n"
                             f"for p in sorted(Path({str(big)!r}).glob('*.txt')): tok.lcut(p.read_text())")
    figures["memory_big"] = {"parent_mib": self_kb / 1024, "largest_worker_mib": child_kb / 1024,
                             "upper_bound_total_mib": (self_kb + max(jobs) * child_kb) / 1024,
                             "baseline_segment_mib": base_kb / 1024, "ratio_parent": self_kb / base_kb,
                             "wall_s": wall}
    print("memory:", json.dumps(figures["memory_big"]), flush=True)

    # --- queries on the large graph, from its store
    ttl_big = out_big / "graph.ttl"
    figures["query_big"] = query_bench(ttl_big, work / "store-q", with_rdflib=not a.no_rdflib_query)
    print("query:", json.dumps(figures["query_big"]), flush=True)

    # --- Turtle writer
    figures["turtle"] = [turtle_bench(n) for n in ((20_000, 100_000) if a.quick else (100_000, 1_000_000))]
    print("turtle:", json.dumps(figures["turtle"]), flush=True)
    figures["loadavg_end"] = os.getloadavg()
    if a.json:
        Path(a.json).write_text(json.dumps(figures, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
