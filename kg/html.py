"""The interactive HTML graph (pyvis), first version.

Labels and tooltips are passed as plain text (vis-network shows them as
text); the page is generated with ``cdn_resources="in_line"``.
"""

from __future__ import annotations

import html as _html
from collections.abc import Sequence

import networkx as nx
from pyvis.network import Network

from .analysis import NodeScores

TYPE_COLOURS = {
    "Bureau": "#1f77b4", "Law": "#d62728", "Project": "#2ca02c", "Date": "#9467bd",
    "Organization": "#ff7f0e", "Work": "#8c564b", "Event": "#e377c2",
}


def render_html(g: nx.Graph, scores: Sequence[NodeScores], title: str = "policy-kg") -> str:
    """HTML text of the graph: colour by type, size by PageRank."""
    net = Network(height="800px", width="100%", cdn_resources="in_line", notebook=False, directed=False)
    top = max((s.pagerank for s in scores), default=1.0) or 1.0
    for s in sorted(scores, key=lambda s: s.iri):
        net.add_node(s.iri, label=s.label, title=f"{s.type}: {s.label}\nPageRank {s.pagerank:.4f}",
                     color=TYPE_COLOURS.get(s.type, "#7f7f7f"), size=10 + 30 * s.pagerank / top)
    for u, v, d in sorted(g.edges(data=True)):
        net.add_edge(u, v, title=", ".join(d.get("predicates", [])), value=d.get("weight", 1))
    net.heading = _html.escape(title)
    return net.generate_html()
