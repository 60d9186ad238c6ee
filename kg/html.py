"""The interactive HTML graph: one self-contained file that works with no network at all.

The page is our own Jinja template (``kg/templates/graph.html``) with
vis-network 9.1.2 inlined from the installed pyvis package (no CDN, no
bootstrap, no tom-select), our small plain JS/CSS for the search box,
type/community filters, legend and details panel, and the graph as JSON.

Safety: every piece of data (labels, English names, sentences, IRIs) goes
into one ``<script type="application/json">`` block with ``<``, ``>``, ``&``,
U+2028/2029 and lone surrogates escaped as ``\\uXXXX``; the page script
writes it only through ``textContent`` and vis-network's plain-text titles,
never ``innerHTML``. The title is HTML-escaped by Jinja's autoescape.

Speed: positions are precomputed in Python (:func:`kg.layout.layout`), so
the page starts with physics off and draws at once; only the ``top_n``
nodes by PageRank are shown at first, the rest one click away ("show all",
or ``graph.html#all``). Output is byte-identical for the same graph.
"""

from __future__ import annotations

import html as _html
import importlib.util
import json
import math
import re
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import networkx as nx

from .centrality import NodeScores
from .layout import layout, spread_for_labels
from .model import Document
from .palette import OTHER_COLOUR
from .rules import describe as describe_rule
from .types import get as type_of
from .types import type_names

#: Nodes shown before "show all" (by PageRank).
DEFAULT_TOP_N = 500
#: On a graph larger than ``top_n``, the first view is at most this many nodes (labels readable unzoomed).
READABLE_N = 45
#: Statements (with their evidence) kept per linked pair in the page.
STATEMENTS_PER_EDGE = 6
#: Pixels per layout unit (one median edge).
UNIT_PX = 130
#: Evidence sentences are cut to this many characters in the page.
SENTENCE_CHARS = 300
#: A first line longer than this is body text, not a title.
TITLE_CHARS = 80

_VIS_DIR = "templates/lib/vis-9.1.2"
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def json_for_script(obj: object) -> str:
    """JSON text that is inert inside an HTML ``<script>`` element.

    Deterministic (sorted keys, no spaces); ``<``, ``>``, ``&``, U+2028/2029
    and lone surrogates are written as ``\\uXXXX`` escapes, so no ``</script>``,
    ``<!--`` or ``<script`` can appear, and the text is valid UTF-8 and valid
    JavaScript.

    Examples
    --------
    >>> json_for_script({"label": "</script><b>"})
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


def _clean_text(text: str) -> str:
    """Text safe to hand to Jinja for HTML: control characters and lone surrogates become U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


def _asset(package: str, path: str) -> str:
    spec = importlib.util.find_spec(package) if package not in sys.modules else None
    folder = Path(next(iter(spec.submodule_search_locations or ()), "")) if spec is not None else None
    if folder is not None and folder.is_dir():
        # read beside the package without importing it (importing pyvis imports IPython, a noticeable cost)
        return (folder / path).read_text(encoding="utf-8")
    return (resources.files(package) / path).read_text(encoding="utf-8")


def _checked_script(js: str, name: str) -> str:
    """Refuse a script that could end its ``<script>`` element early (``</script``, or ``<!--``,
    which would make a later ``<script`` swallow the rest of the page)."""
    low = js.lower()
    if "</script" in low or "<!--" in low:
        raise ValueError(f"{name} cannot be inlined safely (contains </script or <!--)")
    return js


def _checked_style(css: str, name: str) -> str:
    if "</style" in css.lower():
        raise ValueError(f"{name} cannot be inlined safely (contains </style>)")
    return css


def first_view(g: nx.Graph, ranked: Sequence[str], n: int) -> list[str]:
    """The ``n`` nodes drawn at first: grown best-first (by PageRank rank) from the most central node, so
    that the first view is the most central *connected* part; another component is started only when one
    runs out. Every node when the graph has at most ``n``.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> first_view(g, ["b", "x", "y", "a", "c"], 3)
    ['b', 'a', 'c']
    """
    import heapq

    if len(ranked) <= n:
        return list(ranked)
    rank = {iri: i for i, iri in enumerate(ranked)}
    out: list[str] = []
    seen: set[str] = set()
    for start in ranked:
        if len(out) >= n:
            break
        if start in seen:
            continue
        heap = [(rank[start], start)]
        seen.add(start)
        while heap and len(out) < n:
            _, v = heapq.heappop(heap)
            out.append(v)
            for w in g.neighbors(v):
                if w not in seen and w in rank:
                    seen.add(w)
                    heapq.heappush(heap, (rank[w], w))
    return out


def _cut(text: str) -> str:
    return text if len(text) <= SENTENCE_CHARS else text[:SENTENCE_CHARS] + "…"


def _year(value: str) -> int | None:
    return int(value[:4]) if len(value) >= 4 and value[:4].isdigit() else None


def graph_data(g: nx.Graph, scores: Sequence[NodeScores], *, top_n: int = DEFAULT_TOP_N,
               positions: dict[str, tuple[float, float]] | None = None,
               doc_titles: dict[str, str] | None = None) -> dict:
    """The page's data: types, documents, a table of sentences, nodes (the first view first, each part
    ranked by PageRank) and edges with their statements, with rounded numbers.

    ``first`` nodes are drawn at first: every node when the graph has at most ``top_n``, else the
    most central connected part (:func:`first_view`) of at most ``min(top_n, READABLE_N)`` nodes.
    ``doc_titles`` maps document IRIs to the titles shown (default: their ``dct:title``).

    Examples
    --------
    >>> from kg.analysis import analysis_graph, centrality
    >>> from kg.model import Entity
    >>> g = analysis_graph([Entity("Bureau:a", "Bureau", "财务司")], [])
    >>> d = graph_data(g, centrality(g))
    >>> [n["label"] for n in d["nodes"]], d["top_n"], d["first"]
    (['财务司'], 500, 1)
    """
    pos = positions if positions is not None else layout(g)
    ranked = list(scores)
    rank = {s.iri: i for i, s in enumerate(ranked)}
    missing = sorted(n for n in g if n not in rank)
    by_rank = [s.iri for s in ranked if s.iri in g] + missing
    first = first_view(g, by_rank, top_n if len(by_rank) <= top_n else min(top_n, READABLE_N))
    chosen = set(first)
    # a first view smaller than the graph gets its own layout: drawn apart from the rest, it reads unzoomed
    first_pos = spread_for_labels(layout(g.subgraph(first))) if len(first) < len(by_rank) else {}
    ranked_iris = [i for i in by_rank if i in chosen] + [i for i in by_rank if i not in chosen]
    index = {iri: i for i, iri in enumerate(ranked_iris)}
    by_iri = {s.iri: s for s in ranked}
    top_pr = max((s.pagerank for s in ranked), default=0.0) or 1.0
    present = {g.nodes[n].get("type", "") for n in g}
    known = type_names()
    type_list = [t for t in known if t in present] + sorted(present - set(known))
    type_index = {t: i for i, t in enumerate(type_list)}
    titles = doc_titles or {}
    documents = g.graph.get("documents", [])
    doc_index = {d["iri"]: i for i, d in enumerate(documents)}
    docs = [{"t": titles.get(d["iri"]) or d.get("title") or d["iri"].rsplit("/", 1)[-1],
             "y": _year(d.get("issued", "")), "n": d.get("number", "")} for d in documents]
    sentences: dict[str, int] = {}

    def sid(text: str) -> int:
        return sentences.setdefault(_cut(text), len(sentences))

    nodes = []
    for iri in ranked_iris:
        d = g.nodes[iri]
        s = by_iri.get(iri)
        x, y = pos.get(iri, (0.0, 0.0))
        pr = s.pagerank if s else 0.0
        node_docs = sorted(doc_index[x] for x in d.get("documents", ()) if x in doc_index)
        years = {docs[i]["y"] for i in node_docs if docs[i]["y"] is not None} | set(d.get("years", ()))
        nodes.append({
            "id": index[iri], "iri": iri, "label": d.get("label", iri), "en": d.get("english", ""),
            "t": type_index[d.get("type", "")], "c": s.community if s else -1,
            "pr": pr, "deg": g.degree(iri), "btw": s.betweenness if s else 0.0,
            "ev": s.eigenvector if s else 0.0, "clo": s.closeness if s else 0.0,
            "m": d.get("mentions", 0), "r": d.get("references", 0), "value": d.get("value", ""),
            "alt": list(d.get("alt_labels", ())), "d": node_docs, "yr": sorted(years),
            "lv": d.get("level", ""), "sc": d.get("sector", ""),
            "s": [_cut(t) for t in d.get("sentences", ())],
            "e": [[doc_index.get(doc, -1), 1 if kind == "reference" else 0, sid(text)]
                  for doc, kind, text in d.get("evidence", ())],
            "size": round(8 + 30 * math.sqrt(max(pr, 0.0) / top_pr), 1),
            "x": round(x * UNIT_PX, 1) + 0.0, "y": round(y * UNIT_PX, 1) + 0.0,
        })
        if iri in first_pos:
            fx, fy = first_pos[iri]
            nodes[-1].update(fx=round(fx * UNIT_PX, 1) + 0.0, fy=round(fy * UNIT_PX, 1) + 0.0)
    edges = []
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (index[e[0]], index[e[1]]) if index[e[0]] < index[e[1]]
                          else (index[e[1]], index[e[0]])):
        a, b = sorted((index[u], index[v]))
        src = d.get("source", "")
        arrow = 0
        if src:
            arrow = 1 if index.get(src) == a else 2  # 1: a → b, 2: b → a
        sts = d.get("statements", ())
        edges.append({"a": a, "b": b, "p": list(d.get("predicates", [])), "w": d.get("weight", 1),
                      "co": d.get("cooccurrence", 0), "dir": arrow, "n": len(sts),
                      "st": [[st["p"], 1 if index.get(st["s"]) == a else 0,
                              st["confidence"] if st["confidence"] is not None else -1,
                              1 if st["inferred"] else 0, st["rule"], doc_index.get(st["document"], -1),
                              sid(st["sentence"])] for st in sts[:STATEMENTS_PER_EDGE]]})
    return {
        "types": [_type_entry(t) for t in type_list],
        "nodes": nodes, "edges": edges, "top_n": int(top_n), "first": len(first), "firstLayout": bool(first_pos),
        "docs": docs, "S": list(sentences), "rules": _rule_notes(edges),
        "counts": {"statements": int(g.graph.get("statements", 0)),
                   "onEdges": int(g.graph.get("statements_on_edges", 0)), "pairs": g.number_of_edges()},
    }


def _rule_notes(edges: Sequence[dict]) -> dict[str, str]:
    """The description (from the rule registry, :mod:`kg.rules`) of every rule named by a statement on the page.

    >>> _rule_notes([{"st": [["amends", 1, 0.9, 0, "law.amends-title", 0, 0]]}])["law.amends-title"][:10]
    '关于修改《X》的决定'
    """
    named = sorted({st[4] for e in edges for st in e["st"]})
    return {r: note for r in named if (note := describe_rule(r))}


def _type_entry(name: str) -> dict[str, str]:
    """A type of the page's legend and filters, from the type table (:mod:`kg.types`): name, Chinese name, colour.

    >>> _type_entry("Law"), _type_entry("Thing")["colour"]
    ({'colour': '#d62728', 'name': 'Law', 'zh': '法规'}, '#7f7f7f')
    """
    t = type_of(name)
    return {"colour": t.colour if t else OTHER_COLOUR, "name": name, "zh": t.zh if t else ""}


def display_title(doc: Document) -> str:
    """The title to show for a document: its title, unless that is the start of a body paragraph (longer
    than ``TITLE_CHARS`` or holding a sentence end: the text has no title line), then its file name.

    (Read from the title alone: a built corpus keeps no document text.)

    Examples
    --------
    >>> display_title(Document("a/通知.txt", "", title="关于开展检查的通知"))
    '关于开展检查的通知'
    >>> display_title(Document("a/b.txt", "", title="甲" * 120))
    'b.txt'
    >>> display_title(Document("a/c.txt", "", title="今年要做好三件事。第一"))
    'c.txt'
    """
    title = doc.title.strip()
    if title and len(title) <= TITLE_CHARS and not any(ch in title for ch in "。！？"):
        return title
    return doc.doc_id.rsplit("/", 1)[-1] or title


def page_title(docs: Sequence[Document]) -> str:
    """The page header: the document's title, or the number of documents and the first titles.

    Examples
    --------
    >>> page_title([Document("a.txt", "x", title="甲通知"), Document("b.txt", "y", title="乙办法")])
    '2 份文件 documents: 甲通知；乙办法'
    """
    if len(docs) == 1:
        return display_title(docs[0])
    shown = [display_title(d) for d in docs[:3]]
    return f"{len(docs)} 份文件 documents: " + "；".join(shown) + ("…" if len(docs) > 3 else "")


def render_html(g: nx.Graph, scores: Sequence[NodeScores], title: str = "policy-kg", *,
                top_n: int = DEFAULT_TOP_N, positions: dict[str, tuple[float, float]] | None = None,
                doc_titles: dict[str, str] | None = None) -> str:
    """The HTML page of the graph: colour by type, size by PageRank, search, filters, details.

    ``top_n`` nodes (by PageRank) are drawn at first, the rest on "show all".

    Examples
    --------
    >>> from kg.analysis import analysis_graph, centrality
    >>> from kg.model import Entity
    >>> g = analysis_graph([Entity("Bureau:a", "Bureau", "</script>")], [])
    >>> page = render_html(g, centrality(g), "<b>t</b>")
    >>> "</script>\\"" in page or "<b>t</b>" in page
    False
    >>> page == render_html(g, centrality(g), "<b>t</b>")
    True
    """
    import jinja2

    env = jinja2.Environment(autoescape=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(_asset("kg", "templates/graph.html"))
    data = graph_data(g, scores, top_n=top_n, positions=positions, doc_titles=doc_titles)
    return template.render(
        title=_clean_text(title),
        data=json_for_script(data),
        vis_js=_checked_script(_asset("pyvis", f"{_VIS_DIR}/vis-network.min.js"), "vis-network.min.js"),
        vis_css=_checked_style(_asset("pyvis", f"{_VIS_DIR}/vis-network.css"), "vis-network.css"),
        page_js=_checked_script(_asset("kg", "templates/graph.js"), "graph.js"),
        page_css=_checked_style(_asset("kg", "templates/graph.css"), "graph.css"),
        node_count=len(data["nodes"]),
    )


def notebook_iframe(page: str, *, height: int = 640) -> str:
    """An ``<iframe srcdoc>`` holding ``page``, for ``IPython.display.HTML`` in a notebook.

    (Wrapped in a ``<div>``: IPython warns about HTML that starts with ``<iframe``.)

    Examples
    --------
    >>> frame = notebook_iframe('<p title="x">a & b</p>', height=100)
    >>> frame.startswith('<div><iframe srcdoc="&lt;p title=&quot;x&quot;&gt;a &amp; b&lt;/p&gt;"')
    True
    """
    return (f'<div><iframe srcdoc="{_html.escape(page, quote=True)}" style="width:100%;height:{int(height)}px;'
            'border:1px solid #ddd" sandbox="allow-scripts"></iframe></div>')


def scores_table(scores: Sequence[NodeScores], *, limit: int = 20,
                 columns: Sequence[str] = ("label", "english", "type", "degree", "pagerank", "betweenness",
                                           "eigenvector", "closeness", "community")) -> str:
    """An HTML table of the first ``limit`` rows (every cell escaped), for notebooks.

    Examples
    --------
    >>> row = NodeScores("i", "<a>", "Law", 1, 1.0, 0.0, 0.5, 0.0, 1.0, 0, 1)
    >>> "&lt;a&gt;" in scores_table([row])
    True
    """
    head = "".join(f"<th>{_html.escape(c)}</th>" for c in columns)
    body = []
    for s in scores[:limit]:
        cells = []
        for c in columns:
            v = getattr(s, c)
            text = f"{v:.4f}" if isinstance(v, float) else str(v)
            cells.append(f"<td>{_html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def pyvis_network(g: nx.Graph, scores: Sequence[NodeScores], *, top_n: int = DEFAULT_TOP_N):
    """A pyvis ``Network`` of the ``top_n`` nodes, for customising small graphs in pyvis itself.

    pyvis adds nodes one by one (slow beyond a few thousand) and its own
    template loads assets from a CDN; :func:`render_html` is the offline page.

    Examples
    --------
    >>> from kg.analysis import analysis_graph, centrality
    >>> from kg.model import Entity
    >>> g = analysis_graph([Entity("Law:a", "Law", "条例")], [])
    >>> len(pyvis_network(g, centrality(g)).nodes)
    1
    """
    from pyvis.network import Network

    data = graph_data(g, scores, top_n=top_n)
    net = Network(height="800px", width="100%", directed=True, cdn_resources="remote")
    shown = {n["id"] for n in data["nodes"][:top_n]}
    for n in data["nodes"][:top_n]:
        t = data["types"][n["t"]]
        net.add_node(n["id"], label=n["label"], title=f"{t['name']}: {n['label']}\nPageRank {n['pr']:.4f}",
                     color=t["colour"], size=n["size"], x=n["x"], y=n["y"], physics=False)
    for e in data["edges"]:
        if e["a"] in shown and e["b"] in shown:
            a, b = (e["b"], e["a"]) if e["dir"] == 2 else (e["a"], e["b"])
            net.add_edge(a, b, title=" ".join(e["p"]), arrows="to" if e["dir"] else "")
    net.toggle_physics(False)
    return net
