"""Network analysis of the knowledge graph (networkx).

The analysis graph has one node per entity (keyed by IRI) and one edge per
pair of related entities; it is undirected for centrality. Values are
rounded so that output files are reproducible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from . import ids
from .model import Entity, Relation

DIGITS = 6


@dataclass(frozen=True)
class NodeScores:
    """Centrality of one entity."""

    iri: str
    label: str
    type: str
    degree: int
    degree_centrality: float
    betweenness: float
    pagerank: float
    eigenvector: float
    closeness: float
    community: int
    mentions: int


def analysis_graph(entities: Sequence[Entity], relations: Sequence[Relation]) -> nx.Graph:
    """Undirected graph: entities as nodes (with label/type), relations as edges (weight = count).

    >>> from kg.model import Entity
    >>> g = analysis_graph([Entity("Bureau:a", "Bureau", "a")], [])
    >>> g.number_of_nodes()
    1
    """
    g = nx.Graph()
    for e in sorted(entities, key=lambda e: e.key):
        g.add_node(str(ids.entity_iri(e.key)), label=e.label, type=e.type, mentions=len(e.mentions))
    for r in sorted(relations, key=lambda r: (r.subject, r.predicate, r.object)):
        s, o = str(ids.entity_iri(r.subject)), str(ids.entity_iri(r.object))
        if s == o or s not in g or o not in g:
            continue
        if g.has_edge(s, o):
            g[s][o]["weight"] += 1
            g[s][o]["predicates"] = sorted(set(g[s][o]["predicates"]) | {r.predicate})
        else:
            g.add_edge(s, o, weight=1, predicates=[r.predicate])
    return g


def eigenvector(g: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality per connected component, scaled by component size.

    Falls back to zeros for a component where power iteration does not
    converge (networkx raises on those), so the function never fails.
    """
    out = {n: 0.0 for n in g}
    n_total = max(g.number_of_nodes(), 1)
    for comp in sorted(nx.connected_components(g), key=lambda c: sorted(c)[0]):
        if len(comp) < 2:
            continue
        sub = g.subgraph(comp)
        try:
            ev = nx.eigenvector_centrality(sub, max_iter=1000, tol=1e-08)
        except (nx.PowerIterationFailedConvergence, nx.NetworkXException):
            try:
                ev = nx.eigenvector_centrality_numpy(sub)
            except Exception:  # noqa: BLE001 - any numerical failure means "no score"
                continue
        share = len(comp) / n_total
        for k, v in ev.items():
            out[k] = abs(v) * share
    return out


def communities(g: nx.Graph, seed: int = 42) -> dict[str, int]:
    """Louvain communities with a fixed seed; numbered by size (largest first), then by first node."""
    if g.number_of_nodes() == 0:
        return {}
    parts = nx.community.louvain_communities(g, weight="weight", seed=seed) if g.number_of_edges() else [{n} for n in g]
    parts = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))
    return {n: i for i, p in enumerate(parts) for n in p}


def centrality(g: nx.Graph, betweenness_k: int | None = None, seed: int = 42) -> list[NodeScores]:
    """Degree, betweenness, PageRank, eigenvector and closeness for every node.

    Sorted by PageRank (descending), then label, then IRI. ``betweenness_k``
    samples that many pivots on large graphs (exact when ``None``).
    """
    if g.number_of_nodes() == 0:
        return []
    deg_c = nx.degree_centrality(g)
    k = betweenness_k if betweenness_k and betweenness_k < g.number_of_nodes() else None
    btw = nx.betweenness_centrality(g, k=k, seed=seed if k else None)
    pr = nx.pagerank(g, weight="weight") if g.number_of_edges() else {n: 1.0 / g.number_of_nodes() for n in g}
    ev = eigenvector(g)
    clo = nx.closeness_centrality(g)
    com = communities(g, seed)

    def r(x: float) -> float:
        return round(float(x), DIGITS) + 0.0

    rows = [
        NodeScores(
            iri=n, label=g.nodes[n]["label"], type=g.nodes[n]["type"], degree=g.degree(n),
            degree_centrality=r(deg_c[n]), betweenness=r(btw[n]), pagerank=r(pr[n]), eigenvector=r(ev[n]),
            closeness=r(clo[n]), community=com.get(n, -1), mentions=g.nodes[n].get("mentions", 0),
        )
        for n in g
    ]
    rows.sort(key=lambda s: (-s.pagerank, s.label, s.iri))
    return rows
