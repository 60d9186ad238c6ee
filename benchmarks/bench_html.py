"""How fast graph.html becomes interactive in headless Chromium (a script, not a test).

A synthetic knowledge graph of N entities (default 2,000: bureaus responsible
for laws and projects, dates, organisations and their events, some isolated
entities; labels and sentences of Chinese characters) goes through the real
path — RDF triples → :func:`kg.analysis.analysis_graph` → centrality →
layout → :func:`kg.html.render_html` — and is loaded by headless Chromium
with the network cut off. The page records ``performance.now()`` when its
start-up script has drawn the graph (``data-ready-ms`` on ``#graph``: from
navigation start to a drawn, interactive graph, the main thread free).

Figures are ratios to a baseline measured in the same run:

* browser: the graph page (top 500 shown, and ``#all``: every node drawn)
  against an *empty vis-network page* — the same inlined vis-network
  script creating a network with no nodes. Bar: interactive within 3 s at
  2,000 nodes (absolute), reported with the ratio.
* Python: layout + render of the page against pyvis's own path
  (``Network.add_node``/``add_edge`` + ``generate_html``) for the same nodes.

Usage::

    python benchmarks/bench_html.py [--sizes 2000,5000] [--repeat 5] [--markdown benchmarks/RESULTS.md]
"""

from __future__ import annotations

import argparse
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
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.analysis import analysis_graph, centrality, layout  # noqa: E402
from kg.html import render_html  # noqa: E402
from kg.model import Entity, Evidence, Mention, Relation  # noqa: E402
from kg.rdf import triples  # noqa: E402

OFFLINE = ["--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking",
           "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-extensions"]
CHARS = "国家文化旅游部司局厅办公室委员会条例办法规划方案工程计划行动保护发展管理服务公共艺术非遗产业市场科技教育"
SHARES = (("Bureau", 0.08), ("Law", 0.28), ("Project", 0.28), ("Date", 0.1), ("Organization", 0.1),
          ("Work", 0.08), ("Event", 0.08))


# ----------------------------------------------------------------------------- the synthetic graph

def synthetic(n: int, seed: int = 7):
    """Entities, relations and sentences shaped like a policy corpus (heavy-tailed bureau degrees)."""
    rng = random.Random(seed)
    ents: list[Entity] = []
    sentence_of = {}
    by_type: dict[str, list[str]] = {}
    for type_, share in SHARES:
        for i in range(max(1, round(n * share))):
            if len(ents) >= n:
                break
            label = "".join(rng.choice(CHARS) for _ in range(rng.randint(3, 12)))
            key = f"{type_}:{label}{i}"
            start = len(ents) * 100
            m = Mention(type_, start, start + len(label), label, label, "bench", doc_id="bench.txt")
            sentence_of[("bench.txt", start)] = (start, start + 60, "".join(rng.choice(CHARS) for _ in range(60)))
            value = f"{2000 + i % 30}" if type_ == "Date" else ""
            ents.append(Entity(key, type_, f"{label}{i}", mentions=(m,), value=value,
                               english=f"Department {i}" if type_ == "Bureau" and i % 2 else ""))
            by_type.setdefault(type_, []).append(key)
    bureaus = by_type["Bureau"]
    weights = [1 / (i + 1) for i in range(len(bureaus))]  # a few bureaus hold most responsibilities
    rels = set()
    ev = Evidence("bench.txt", 0, 10, "证据句子。")
    for type_ in ("Law", "Project", "Work"):
        for key in by_type.get(type_, []):
            if rng.random() < 0.1:
                continue  # isolated
            for b in set(rng.choices(bureaus, weights, k=rng.randint(1, 2))):
                rels.add(Relation(b, "responsibleFor", key, "bench", ev))
            if by_type.get("Date") and rng.random() < 0.4:
                rels.add(Relation(key, "effectiveDate" if type_ == "Law" else "period", rng.choice(by_type["Date"]),
                                  "bench", ev))
    for key in by_type.get("Event", []):
        rels.add(Relation(rng.choice(by_type["Organization"]), "organizes", key, "bench", ev))
    for key in by_type.get("Organization", []):
        if rng.random() < 0.5:
            rels.add(Relation(key, "subOrganizationOf", rng.choices(bureaus, weights)[0], "bench", ev))
    return ents, sorted(rels, key=lambda r: (r.subject, r.predicate, r.object)), sentence_of


# ----------------------------------------------------------------------------- pages

def baseline_page() -> str:
    """The same inlined vis-network, drawing a network with no nodes; records the same ready time."""
    lib = resources.files("pyvis") / "templates/lib/vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><style>" + css + "</style></head><body>"
            "<div id='graph' style='width:100%;height:100vh'></div><script>" + js + "</script><script>"
            "var c=document.getElementById('graph');"
            "var n=new vis.Network(c,{nodes:new vis.DataSet([]),edges:new vis.DataSet([])},"
            "{layout:{improvedLayout:false}});"
            "n.redraw();c.setAttribute('data-ready-ms',String(Math.round(performance.now())));"
            "c.setAttribute('data-ready','1');</script></body></html>")


def ready_ms(chromium: str, page: Path, profile: Path, fragment: str = "") -> tuple[float, float, dict[str, str]]:
    """(page-reported ms to interactive, wall-clock seconds of the browser run, #graph attributes)."""
    t0 = time.perf_counter()
    proc = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", *OFFLINE,
                           f"--user-data-dir={profile}", "--window-size=1400,900", "--dump-dom",
                           page.resolve().as_uri() + fragment],
                          check=False, capture_output=True, timeout=300, text=True, errors="replace")
    wall = time.perf_counter() - t0
    m = re.search(r'<div id="graph"([^>]*)>', proc.stdout)
    if proc.returncode != 0 or not m:
        raise SystemExit(f"chromium failed on {page}: {proc.stderr[-1500:]}")
    attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', m.group(1)))
    if attrs.get("data-ready") != "1" or "data-error-count" in proc.stdout.split(">", 2)[1]:
        raise SystemExit(f"{page}{fragment} did not start cleanly: {attrs}")
    return float(attrs["data-ready-ms"]), wall, attrs


def pyvis_baseline(g, scores) -> float:
    """Seconds for pyvis's own path: add every node and edge, then generate its HTML."""
    from pyvis.network import Network

    t0 = time.perf_counter()
    net = Network(height="800px", width="100%", cdn_resources="remote")
    for s in scores:
        net.add_node(s.iri, label=s.label, title=s.type, size=10 + 30 * s.pagerank)
    for u, v in g.edges():
        net.add_edge(u, v)
    net.generate_html()
    return time.perf_counter() - t0


# ----------------------------------------------------------------------------- run

def run(sizes: list[int], repeat: int, work: Path) -> list[dict]:
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    base = work / "baseline.html"
    base.write_text(baseline_page(), encoding="utf-8")
    rows = []
    for n in sizes:
        ents, rels, sent = synthetic(n)
        t0 = time.perf_counter()
        g = analysis_graph(triples((), ents, rels, sent))
        t1 = time.perf_counter()
        scores = centrality(g)
        t2 = time.perf_counter()
        pos = layout(g)
        t3 = time.perf_counter()
        page_text = render_html(g, scores, f"bench {n}", positions=pos)
        t4 = time.perf_counter()
        page = work / f"graph-{n}.html"
        page.write_text(page_text, encoding="utf-8")
        pyvis_s = pyvis_baseline(g, scores)
        samples: dict[str, list[float]] = {"baseline": [], "top": [], "all": []}
        walls: dict[str, list[float]] = {"baseline": [], "top": [], "all": []}
        shown = {}
        for i in range(repeat):  # interleaved, so that machine noise hits all three alike
            for name, path, frag in (("baseline", base, ""), ("top", page, ""), ("all", page, "#all")):
                ms, wall, attrs = ready_ms(chromium, path, work / f"profile-{name}-{i}", frag)
                samples[name].append(ms)
                walls[name].append(wall)
                shown[name] = attrs.get("data-drawn-count", "0")
        med = {k: statistics.median(v) for k, v in samples.items()}
        row = {
            "n": n, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "bytes": len(page_text.encode()),
            "graph_s": t1 - t0, "centrality_s": t2 - t1, "layout_s": t3 - t2, "render_s": t4 - t3, "pyvis_s": pyvis_s,
            "baseline_ms": med["baseline"], "top_ms": med["top"], "all_ms": med["all"],
            "top_shown": shown["top"], "all_shown": shown["all"],
            "wall_baseline_s": statistics.median(walls["baseline"]), "wall_all_s": statistics.median(walls["all"]),
        }
        rows.append(row)
        print(f"n={n}: nodes {row['nodes']}, edges {row['edges']}, page {row['bytes'] / 1e6:.2f} MB | "
              f"ready: empty vis {med['baseline']:.0f} ms, top-500 {med['top']:.0f} ms "
              f"({med['top'] / med['baseline']:.2f}x), all {med['all']:.0f} ms ({med['all'] / med['baseline']:.2f}x) | "
              f"python: centrality {row['centrality_s']:.2f} s, layout {row['layout_s']:.2f} s, "
              f"render {row['render_s']:.2f} s, pyvis add_node path {pyvis_s:.2f} s", flush=True)
    return rows


def markdown(rows: list[dict], repeat: int) -> str:
    lines = [
        "## HTML",
        "",
        "`python benchmarks/bench_html.py` — time until `graph.html` is interactive in headless Chromium",
        ("(network cut off; `performance.now()` when the start-up script has drawn the graph, median of "
         f"{repeat} runs), against an empty vis-network page (the same inlined library, no nodes) in the same run."),
        (f"Machine: {platform.machine()}, {os.cpu_count()} CPUs (load average {os.getloadavg()[0]:.1f} at the end: "
         "other jobs share it, so single figures vary by ±30 %), Python "
         f"{platform.python_version()}, "
         f"{subprocess.run(['chromium', '--version'], check=False, capture_output=True, text=True).stdout.strip()}."),
        "",
        "| entities | edges | page | empty vis page | top 500 shown | ratio "
        "| all drawn (`#all`) | ratio | bar (≤ 3 s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for r in rows:
        ok = "met" if r["all_ms"] <= 3000 else "missed"
        lines.append(f"| {r['nodes']:,} | {r['edges']:,} | {r['bytes'] / 1e6:.2f} MB | {r['baseline_ms']:.0f} ms | "
                     f"{r['top_ms']:.0f} ms | {r['top_ms'] / r['baseline_ms']:.2f}× | {r['all_ms']:.0f} ms | "
                     f"{r['all_ms'] / r['baseline_ms']:.2f}× | {ok} |")
    lines += [
        "",
        "Python side of the same graphs (seconds); the page is built by filling the template's JSON directly,",
        "against pyvis's own `Network.add_node`/`add_edge` + `generate_html` for the same nodes:",
        "",
        "| entities | analysis graph | centrality | layout | render page | pyvis path | render / pyvis |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['nodes']:,} | {r['graph_s']:.2f} | {r['centrality_s']:.2f} | {r['layout_s']:.2f} | "
                     f"{r['render_s']:.2f} | {r['pyvis_s']:.2f} | {r['render_s'] / r['pyvis_s']:.2f}× |")
    return "\n".join(lines) + "\n"


def write_section(path: Path, section: str) -> None:
    """Replace (or append) the ``## HTML`` section of ``path``, leaving other sections as they are."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmark results\n"
    m = re.search(r"^## HTML\n.*?(?=^## |\Z)", text, flags=re.MULTILINE | re.DOTALL)
    if m:
        text = text[:m.start()] + section + ("\n" if text[m.end():] else "") + text[m.end():]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="2000", help="entity counts, comma-separated (default: %(default)s)")
    p.add_argument("--repeat", type=int, default=5, help="browser runs per page (default: %(default)s)")
    p.add_argument("--markdown", type=Path, help="write the results as the '## HTML' section of this file")
    a = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-bench-html-") as tmp:
        rows = run([int(x) for x in a.sizes.split(",")], a.repeat, Path(tmp))
    section = markdown(rows, a.repeat)
    print(section)
    if a.markdown:
        write_section(a.markdown, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
