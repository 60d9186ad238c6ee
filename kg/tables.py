"""Tidy tables of a built graph for R, Stata, Excel and pandas: nodes.csv, edges.csv and documents.csv.

One row per entity (nodes), per relation statement (edges: one row per
``rdf:Statement`` of graph.ttl, with its evidence sentence) and per document.
The tables are read off the same triples as graph.ttl (through
:class:`kg.netgraph.GraphCollector`), so they always agree with it. UTF-8,
``\\n`` line ends, a fixed column order, sorted rows (byte-identical for the
same graph); ``bom=True`` starts each file with a byte-order mark so that
Excel opens Chinese text correctly. A cell that a spreadsheet would run as a
formula is prefixed with ``'`` by the rule every CSV of the project follows
(:func:`kg.export_csv.safe_cell`; :func:`kg.export_csv.restore_cell` undoes it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import networkx as nx

from .centrality import NodeScores, centrality
from .export_csv import safe_cell, write_rows
from .netgraph import GraphCollector

__all__ = ["TABLE_FILES", "render_tables", "safe_cell", "tables_of"]

TABLE_FILES = ("nodes.csv", "edges.csv", "documents.csv")

NODE_COLUMNS = ("iri", "label", "type", "english", "alt_labels", "level", "sector", "value", "mentions", "references",
                "documents", "degree", "pagerank", "betweenness", "eigenvector", "closeness", "community")
EDGE_COLUMNS = ("statement", "subject", "subject_label", "subject_type", "predicate", "object", "object_label",
                "object_type", "inferred", "confidence", "rule", "document", "document_title", "start", "end",
                "sentence")
DOCUMENT_COLUMNS = ("iri", "title", "number", "issuer", "issued", "source", "sha256")
#: Separator of several values in one cell (alternative names, issuers).
MULTI = " | "


def _csv(columns: Sequence[str], rows: Iterable[Sequence[object]], bom: bool) -> str:
    """CSV text through the project's one cell rule (:func:`kg.export_csv.write_rows`), with a BOM on request."""
    text = write_rows(columns, rows)
    return "\ufeff" + text if bom else text


def _f(x: float | None) -> str:
    return "" if x is None else f"{x:.6f}"


def nodes_csv(g: nx.Graph, scores: Sequence[NodeScores], *, bom: bool = False) -> str:
    """nodes.csv: one row per entity of the analysis graph, sorted by IRI."""
    by_iri = {s.iri: s for s in scores}
    rows = []
    for iri in sorted(g):
        d = g.nodes[iri]
        s = by_iri.get(iri)
        rows.append([iri, d.get("label", ""), d.get("type", ""), d.get("english", ""),
                     MULTI.join(d.get("alt_labels", ())), d.get("level", ""), d.get("sector", ""),
                     d.get("value", ""), d.get("mentions", 0), d.get("references", 0), len(d.get("documents", ())),
                     g.degree(iri), _f(s.pagerank if s else None), _f(s.betweenness if s else None),
                     _f(s.eigenvector if s else None), _f(s.closeness if s else None),
                     s.community if s else ""])
    return _csv(NODE_COLUMNS, rows, bom)


def edges_csv(collector: GraphCollector, *, bom: bool = False) -> str:
    """edges.csv: one row per relation statement (``rdf:Statement``), with both ends and the evidence."""
    labels, types = collector.labels, collector.types
    titles = {d["iri"]: d["title"] for d in collector.documents()}
    rows = []
    for st in collector.statements():
        s, o = st["s"], st["o"]
        rows.append([st["iri"], s, min(labels.get(s, [""])), types.get(s, ""), st["p"], o,
                     min(labels.get(o, [""])), types.get(o, ""), "true" if st["inferred"] else "false",
                     "" if st["confidence"] is None else f"{st['confidence']:.2f}", st["rule"], st["document"],
                     titles.get(st["document"], ""), st["start"], st["end"], st["sentence"]])
    return _csv(EDGE_COLUMNS, rows, bom)


def documents_csv(collector: GraphCollector, *, bom: bool = False) -> str:
    """documents.csv: one row per document; ``issuer`` is who issued the Law the document is (pk:instrument)."""
    labels = collector.labels
    issuers: dict[str, list[str]] = {}
    for s, p, o in collector.rel:
        if p == "issuedBy":
            issuers.setdefault(s, []).append(min(labels.get(o, [o])))
    rows = []
    for d in collector.documents():
        issuer = MULTI.join(sorted(issuers.get(d["instrument"], []))) if d["instrument"] else ""
        rows.append([d["iri"], d["title"], d["number"], issuer, d["issued"], d["source"], d["sha256"]])
    return _csv(DOCUMENT_COLUMNS, rows, bom)


def render_tables(collector: GraphCollector, g: nx.Graph, scores: Sequence[NodeScores], *,
                  bom: bool = False) -> dict[str, str]:
    """The three tables by file name (what :func:`kg.api.build` writes beside graph.ttl)."""
    return {"nodes.csv": nodes_csv(g, scores, bom=bom), "edges.csv": edges_csv(collector, bom=bom),
            "documents.csv": documents_csv(collector, bom=bom)}


def collector_of(path: str | Path) -> GraphCollector:
    """A :class:`GraphCollector` that has read a graph file: Turtle or N-Triples parsed by Oxigraph (fast),
    other formats (JSON-LD, RDF/XML) by :func:`kg.query.load_graph`."""
    p = Path(path)
    c = GraphCollector()
    fmt = {".ttl": "TURTLE", ".nt": "N_TRIPLES"}.get(p.suffix.lower())
    if fmt is not None and p.is_file():
        import pyoxigraph

        from .errors import InputError

        try:
            for t in pyoxigraph.parse(path=str(p), format=getattr(pyoxigraph.RdfFormat, fmt)):
                c.add(t.subject.value, t.predicate.value, t.object.value)
        except (SyntaxError, ValueError, OSError) as exc:
            raise InputError(f"{path}: not a readable RDF graph ({str(exc).splitlines()[0][:200]})") from None
        return c
    from .query import load_graph

    for s, p_, o in load_graph(str(path)):
        c.add(str(s), str(p_), o)
    return c


def tables_of(path: str | Path, *, bom: bool = False) -> dict[str, str]:
    """The three tables of an exported graph file (for notebooks, or a graph built earlier)."""
    c = collector_of(path)
    g = c.graph()
    return render_tables(c, g, centrality(g), bom=bom)
