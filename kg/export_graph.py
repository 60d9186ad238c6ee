"""The analysis graph as GEXF and GraphML, for Gephi, Cytoscape and yEd.

Nodes carry label, type, English name, mention count, date value, every
centrality measure and the community; GEXF adds Gephi's ``viz`` colour (by
type), size (by PageRank) and position (the same layout as the HTML page).
Edges carry predicates (space-separated), relation and co-occurrence counts
and weight. Bytes are deterministic: sorted nodes and edges, rounded values,
and no date stamp (networkx writes today's date into GEXF; we drop it).

Every text is made XML 1.0-safe first (:func:`xml_text`): characters XML 1.0
does not allow (C0 controls other than tab, LF and CR; lone surrogates;
U+FFFE/U+FFFF) become U+FFFD, so the files are well-formed for any label and
whichever writer networkx picks (ElementTree, or lxml when it is installed).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from typing import Any

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from .centrality import NodeScores
from .html import UNIT_PX
from .layout import layout
from .palette import OTHER_COLOUR, TYPE_COLOURS

FORMATS = ("gexf", "graphml")

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """``value`` as text XML 1.0 can hold: every character it forbids replaced by U+FFFD.

    >>> xml_text("a\\x0cb\\x1bc") == "a\\ufffdb\\ufffdc"
    True
    """
    s = str(value)
    return _XML_ILLEGAL.sub("\ufffd", s) if _XML_ILLEGAL.search(s) else s


def export_graph(g: nx.Graph, scores: Sequence[NodeScores], *,
                 positions: dict[str, tuple[float, float]] | None = None, viz: bool = False) -> nx.Graph:
    """A copy of ``g`` with flat, typed attributes only (what GEXF and GraphML can hold).

    Examples
    --------
    >>> from kg.analysis import analysis_graph, centrality
    >>> from kg.model import Entity, Evidence, Relation
    >>> es = [Entity("Bureau:a", "Bureau", "财务司"), Entity("Project:b", "Project", "户户通")]
    >>> rs = [Relation("Bureau:a", "responsibleFor", "Project:b", "r", Evidence("d", 0, 1, "…"))]
    >>> g = analysis_graph(es, rs)
    >>> h = export_graph(g, centrality(g))
    >>> sorted(h.nodes[next(iter(h))])[:4]
    ['betweenness', 'closeness', 'community', 'degree']
    >>> [d["predicates"] for _, _, d in h.edges(data=True)]
    ['responsibleFor']
    """
    by_iri = {s.iri: s for s in scores}
    pos = positions if positions is not None else (layout(g) if viz else {})
    top = max((s.pagerank for s in scores), default=0.0) or 1.0
    h = nx.Graph()
    for n in sorted(g):
        d = g.nodes[n]
        s = by_iri.get(n)
        attrs: dict[str, Any] = {
            "label": xml_text(d.get("label", n)), "type": xml_text(d.get("type", "")),
            "english": xml_text(d.get("english", "")), "value": xml_text(d.get("value", "")),
            "mentions": int(d.get("mentions", 0)), "degree": int(g.degree(n)),
            "pagerank": float(s.pagerank if s else 0.0), "betweenness": float(s.betweenness if s else 0.0),
            "eigenvector": float(s.eigenvector if s else 0.0), "closeness": float(s.closeness if s else 0.0),
            "community": int(s.community if s else -1),
        }
        if viz:
            colour = TYPE_COLOURS.get(attrs["type"], OTHER_COLOUR).lstrip("#")
            x, y = pos.get(n, (0.0, 0.0))
            attrs["viz"] = {
                "color": {"r": int(colour[0:2], 16), "g": int(colour[2:4], 16), "b": int(colour[4:6], 16), "a": 1.0},
                "size": round(4 + 16 * math.sqrt(max(attrs["pagerank"], 0.0) / top), 2),
                # Gephi's y axis points up, the page's down
                "position": {"x": round(x * UNIT_PX, 1) + 0.0, "y": round(-y * UNIT_PX, 1) + 0.0, "z": 0.0},
            }
        h.add_node(xml_text(n), **attrs)
    for u, v, d in sorted(g.edges(data=True), key=lambda e: tuple(sorted(e[:2]))):
        a, b = sorted((u, v))
        h.add_edge(xml_text(a), xml_text(b), weight=float(d.get("weight", 1.0)),
                   predicates=xml_text(" ".join(d.get("predicates", []))), relations=int(d.get("relations", 0)),
                   cooccurrence=int(d.get("cooccurrence", 0)), source=xml_text(d.get("source", "")))
    return h


def gexf(g: nx.Graph, scores: Sequence[NodeScores], *,
         positions: dict[str, tuple[float, float]] | None = None) -> bytes:
    """GEXF 1.2 bytes with Gephi ``viz`` colour, size and position.

    Examples
    --------
    >>> from kg.analysis import analysis_graph, centrality
    >>> from kg.model import Entity
    >>> g = analysis_graph([Entity("Law:a", "Law", "条例")], [])
    >>> data = gexf(g, centrality(g))
    >>> b"lastmodifieddate" in data, b'label="\\xe6\\x9d\\xa1\\xe4\\xbe\\x8b"' in data
    (False, True)
    """
    h = export_graph(g, scores, positions=positions, viz=True)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = "policy-kg"
    writer.add_graph(h)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def graphml(g: nx.Graph, scores: Sequence[NodeScores], *,
            positions: dict[str, tuple[float, float]] | None = None) -> bytes:
    """GraphML bytes (attributes typed as ``string``, ``int`` or ``double``; ``x``/``y`` when positions are given).

    Examples
    --------
    >>> from kg.analysis import analysis_graph, centrality
    >>> from kg.model import Entity
    >>> g = analysis_graph([Entity("Law:a", "Law", "条例")], [])
    >>> b'attr.name="pagerank"' in graphml(g, centrality(g))
    True
    """
    h = export_graph(g, scores)
    if positions is not None:
        by_id = {xml_text(n): n for n in g}
        for n in h:
            x, y = positions.get(by_id.get(n, n), (0.0, 0.0))
            h.nodes[n]["x"] = round(x * UNIT_PX, 1) + 0.0
            h.nodes[n]["y"] = round(y * UNIT_PX, 1) + 0.0
    buf = io.BytesIO()
    nx.write_graphml(h, buf, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buf.getvalue()


def export(g: nx.Graph, scores: Sequence[NodeScores], fmt: str, *,
           positions: dict[str, tuple[float, float]] | None = None) -> bytes:
    """Bytes of ``g`` in ``fmt`` (``"gexf"`` or ``"graphml"``)."""
    if fmt == "gexf":
        return gexf(g, scores, positions=positions)
    if fmt == "graphml":
        return graphml(g, scores, positions=positions)
    raise ValueError(f"unknown graph format {fmt!r} (choose from {', '.join(FORMATS)})")
