"""Centrality measures of the analysis graph (:mod:`kg.netgraph`), one function per measure.

Each measure is a function in the style of networkx — graph first, options as
keywords, a dict back — and :func:`centrality` gathers them into one sorted
table of :class:`NodeScores`; communities (Louvain) are described by
:func:`describe_communities`. Deterministic: sorted insertion, fixed seeds,
values rounded to :data:`kg.netgraph.DIGITS` decimals.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

from .netgraph import date_years, rounded, year_subgraph

#: Betweenness is exact up to this many nodes, sampled above (exact costs O(nodes × edges)).
BETWEENNESS_THRESHOLD = 2000
#: Pivots sampled for betweenness on graphs above the threshold.
BETWEENNESS_K = 500


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
    english: str = ""


def degree(g: nx.Graph) -> dict[str, float]:
    """Degree centrality: the share of other nodes each node is linked to.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> degree(g)
    {'a': 0.5, 'b': 1.0, 'c': 0.5}
    """
    if g.number_of_nodes() <= 1:
        return {n: 0.0 for n in g}
    return {n: rounded(v) for n, v in nx.degree_centrality(g).items()}


def betweenness(g: nx.Graph, *, k: int | None = BETWEENNESS_K, threshold: int | None = BETWEENNESS_THRESHOLD,
                seed: int = 42) -> dict[str, float]:
    """Normalised betweenness centrality (unweighted shortest paths).

    Exact up to ``threshold`` nodes; above it, estimated from ``k`` pivot nodes
    drawn with a fixed ``seed`` (so repeated runs agree). ``k=None`` (or
    ``k < 2``) or ``threshold=None`` always computes it exactly. The values are networkx's
    (``betweenness_centrality(g, k, seed=seed)``, same pivots, same scaling),
    computed by Brandes' algorithm in matrix form, many sources at once, which
    is tens of times faster than networkx's per-source loop.

    Examples
    --------
    >>> betweenness(nx.path_graph(["a", "b", "c"]))
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    import random

    nodes = list(g)
    n = len(nodes)
    sample_k = k if k is not None and 2 <= k < n and threshold is not None and n > threshold else 0
    sample = sample_k > 0
    sources = random.Random(seed).sample(nodes, sample_k) if sample else nodes
    raw = _brandes(g, nodes, sources)
    big_n = n - 1  # endpoints excluded: a node is never the target of the paths it lies on
    if big_n < 2:
        return {v: 0.0 for v in nodes}
    if not sample:
        scale = {v: 1 / (big_n * (big_n - 1)) for v in nodes}
    else:
        picked = set(sources)
        scale = {v: 1 / ((sample_k - 1) * (big_n - 1)) if v in picked else 1 / (sample_k * (big_n - 1))
                 for v in nodes}
    return {v: rounded(raw[i] * scale[v]) for i, v in enumerate(nodes)}


def _brandes(g: nx.Graph, nodes: list[str], sources: list[str], batch: int = 128) -> np.ndarray:
    """Sum over ``sources`` of each node's pair dependencies (Brandes), by breadth-first search in matrix form.

    For a batch of sources at once: path counts spread level by level as
    ``A @ frontier``; dependencies flow back as ``σ_v · A @ ((1 + δ_w) / σ_w)``
    over the next level. Sources themselves are excluded (no endpoints).
    """
    n = len(nodes)
    out = np.zeros(n)
    if n == 0 or not sources:
        return out
    index = {v: i for i, v in enumerate(nodes)}
    a = nx.to_scipy_sparse_array(g, nodelist=nodes, weight=None, dtype=float, format="csr")
    a.data[:] = 1.0
    src = np.array([index[v] for v in sources])
    for lo in range(0, len(src), batch):
        cols = src[lo:lo + batch]
        b = len(cols)
        dist = np.full((n, b), -1, dtype=np.int32)
        sigma = np.zeros((n, b))
        dist[cols, np.arange(b)] = 0
        sigma[cols, np.arange(b)] = 1.0
        frontier = sigma.copy()
        depth = 0
        while True:
            reach = a @ frontier
            reach[dist >= 0] = 0.0
            new = reach > 0
            if not new.any():
                break
            depth += 1
            dist[new] = depth
            sigma[new] = reach[new]
            frontier = reach
        delta = np.zeros((n, b))
        for level in range(depth - 1, 0, -1):
            nxt = dist == level + 1
            coef = np.zeros((n, b))
            coef[nxt] = (1.0 + delta[nxt]) / sigma[nxt]
            pull = a @ coef
            here = dist == level
            delta[here] = sigma[here] * pull[here]
        out += delta.sum(axis=1)
    return out


def pagerank(g: nx.Graph, *, alpha: float = 0.85, weight: str | None = "weight") -> dict[str, float]:
    """PageRank of the undirected graph (edge weight = strength of the tie).

    Examples
    --------
    >>> pr = pagerank(nx.path_graph(["a", "b", "c"]))
    >>> pr["b"], pr["a"]
    (0.486486, 0.256757)
    """
    if g.number_of_nodes() == 0:
        return {}
    return {n: rounded(v) for n, v in nx.pagerank(g, alpha=alpha, weight=weight).items()}


def eigenvector(g: nx.Graph, *, weight: str | None = "weight", max_iter: int = 1000,
                tol: float = 1e-08) -> dict[str, float]:
    """Eigenvector centrality, computed per connected component.

    On a connected graph this is networkx's ``eigenvector_centrality`` (unit
    Euclidean norm; the same power iteration, on a sparse matrix). On a disconnected graph — where
    ``eigenvector_centrality_numpy`` raises and power iteration favours one
    component — each component's unit vector is scaled by the square root of
    its share of the nodes, so the whole vector still has norm ≤ 1 and
    components are comparable. When power iteration does not converge within
    ``max_iter`` the component is solved directly (numpy ``eigh``, or scipy
    for large components); should that fail too, its nodes get their
    normalised degree. Isolated nodes get 0.

    Examples
    --------
    >>> ev = eigenvector(nx.path_graph(["a", "b", "c"]), weight=None)
    >>> ev["a"], ev["b"]
    (0.5, 0.707107)
    >>> ev = eigenvector(nx.Graph([("a", "b"), ("c", "d")]))
    >>> ev["a"], ev["c"]
    (0.5, 0.5)
    """
    out = {n: 0.0 for n in g}
    n_total = max(g.number_of_nodes(), 1)
    for comp in nx.connected_components(g):
        if len(comp) < 2:
            continue
        sub = nx.Graph(g.subgraph(comp))
        try:
            ev = _power_iteration(sub, weight, max_iter, tol)
        except nx.PowerIterationFailedConvergence:
            try:
                ev = _eigenvector_solve(sub, weight)
            except (nx.NetworkXException, np.linalg.LinAlgError, ArithmeticError, ValueError, RuntimeError, TypeError):
                deg = dict(sub.degree(weight=weight))
                norm = math.sqrt(sum(x * x for x in deg.values())) or 1.0
                ev = {k: x / norm for k, x in deg.items()}
        scale = math.sqrt(len(comp) / n_total)
        for k, v in ev.items():
            out[k] = rounded(abs(v) * scale)
    return out


def _power_iteration(sub: nx.Graph, weight: str | None, max_iter: int, tol: float) -> dict[str, float]:
    """networkx's ``eigenvector_centrality`` (iterate ``x ← (A + I) x``, same start, same stopping
    rule, same error) with a sparse matrix instead of Python loops."""
    nodes = sorted(sub)
    n = len(nodes)
    a = nx.to_scipy_sparse_array(sub, nodelist=nodes, weight=weight, dtype=float, format="csr")
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = last + a @ last
        x = x / (np.linalg.norm(x) or 1.0)
        if np.abs(x - last).sum() < n * tol:
            return dict(zip(nodes, x.tolist(), strict=True))
    raise nx.PowerIterationFailedConvergence(max_iter)


def _eigenvector_solve(sub: nx.Graph, weight: str | None, dense_max: int = 1000) -> dict[str, float]:
    """Principal eigenvector of a connected graph by a direct solver.

    Dense ``eigh`` for small components (scipy's sparse solver, used by
    ``eigenvector_centrality_numpy``, refuses graphs of two nodes), sparse
    ``eigsh`` from a fixed start vector above.
    """
    nodes = sorted(sub)
    if len(nodes) > dense_max:
        from scipy.sparse.linalg import eigsh

        a = nx.to_scipy_sparse_array(sub, nodelist=nodes, weight=weight, dtype=float)
        _, vectors = eigsh(a, k=1, which="LA", v0=np.ones(len(nodes)))  # fixed start vector: same result every run
        v = np.abs(vectors[:, 0])
    else:
        values, vectors = np.linalg.eigh(nx.to_numpy_array(sub, nodelist=nodes, weight=weight))
        v = np.abs(vectors[:, int(np.argmax(values))])
    v = v / (np.linalg.norm(v) or 1.0)
    return dict(zip(nodes, v.tolist(), strict=True))


def closeness(g: nx.Graph, *, batch: int = 256) -> dict[str, float]:
    """Closeness centrality, scaled by the reachable share of the graph (Wasserman–Faust).

    The same values as ``networkx.closeness_centrality`` (its default
    ``wf_improved=True``), computed by breadth-first search in matrix form,
    ``batch`` sources at a time (memory ``batch × nodes``), several times
    faster than one search per node.

    Examples
    --------
    >>> c = closeness(nx.path_graph(["a", "b", "c"]))
    >>> c["a"], c["b"]
    (0.666667, 1.0)
    """
    nodes = list(g)
    n = len(nodes)
    if n <= 1:
        return {v: 0.0 for v in nodes}
    a = nx.to_scipy_sparse_array(g, nodelist=nodes, weight=None, dtype=np.float32, format="csr")
    out: dict[str, float] = {}
    for lo in range(0, n, batch):
        cols = np.arange(lo, min(lo + batch, n))
        seen = np.zeros((n, len(cols)), dtype=bool)
        seen[cols, np.arange(len(cols))] = True
        frontier = seen.astype(np.float32)
        total = np.zeros(len(cols))
        reach = np.zeros(len(cols))
        depth = 0
        while True:
            new = (a @ frontier) > 0
            new &= ~seen
            count = new.sum(axis=0)
            if not count.any():
                break
            depth += 1
            total += depth * count
            reach += count
            seen |= new
            frontier = new.astype(np.float32)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(total > 0, (reach / total) * (reach / (n - 1)), 0.0)
        for i, x in zip(cols.tolist(), value.tolist(), strict=True):
            out[nodes[i]] = rounded(x)
    return out


def _canonical(g: nx.Graph) -> nx.Graph:
    """A copy with nodes and edges inserted in sorted order (algorithms then do not depend on history)."""
    h = nx.Graph()
    h.add_nodes_from(sorted(g))
    h.add_edges_from(sorted((min(u, v), max(u, v), {"weight": d.get("weight", 1)}) for u, v, d in g.edges(data=True)))
    return h


def communities(g: nx.Graph, *, seed: int = 42, resolution: float = 1.0,
                weight: str | None = "weight") -> dict[str, int]:
    """Louvain communities with a fixed seed, numbered by size (largest first), then by first node.

    The graph is rebuilt in sorted order first, so the result depends only on
    its nodes and edges, not on the order they were added.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> communities(g)
    {'a': 0, 'b': 0, 'c': 0, 'x': 1, 'y': 1, 'z': 1}
    """
    if g.number_of_nodes() == 0:
        return {}
    h = _canonical(g)
    if h.number_of_edges():
        parts = nx.community.louvain_communities(h, weight=weight, resolution=resolution, seed=seed)
    else:
        parts = [{n} for n in h]
    ordered = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))
    return dict(sorted((n, i) for i, p in enumerate(ordered) for n in p))


def centrality(g: nx.Graph, betweenness_k: int | None = BETWEENNESS_K, seed: int = 42, *,
               betweenness_threshold: int | None = BETWEENNESS_THRESHOLD) -> list[NodeScores]:
    """Every measure for every node, sorted by PageRank (descending), then label, then IRI.

    ``betweenness_k`` pivots are sampled for betweenness above
    ``betweenness_threshold`` nodes (``None``: always exact).

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_node("id:a", label="甲", type="Bureau")
    >>> g.add_node("id:b", label="乙", type="Project")
    >>> g.add_node("id:c", label="丙", type="Law")
    >>> g.add_edges_from([("id:a", "id:b"), ("id:a", "id:c")])
    >>> [(s.label, s.degree, s.betweenness) for s in centrality(g)]
    [('甲', 2, 1.0), ('丙', 1, 0.0), ('乙', 1, 0.0)]
    """
    if g.number_of_nodes() == 0:
        return []
    deg_c = degree(g)
    btw = betweenness(g, k=betweenness_k, threshold=betweenness_threshold, seed=seed)
    pr = pagerank(g)
    ev = eigenvector(g)
    clo = closeness(g)
    com = communities(g, seed=seed)
    rows = [
        NodeScores(iri=n, label=d.get("label", n), type=d.get("type", ""), degree=g.degree(n),
                   degree_centrality=deg_c[n], betweenness=btw[n], pagerank=pr[n], eigenvector=ev[n],
                   closeness=clo[n], community=com.get(n, -1), mentions=d.get("mentions", 0),
                   english=d.get("english", ""))
        for n, d in g.nodes(data=True)
    ]
    rows.sort(key=lambda s: (-s.pagerank, s.label, s.iri))
    return rows


def centrality_by_year(g: nx.Graph, **kwargs) -> dict[int, list[NodeScores]]:
    """:func:`centrality` of each :func:`year_subgraph` (years where the graph has dates).

    Examples
    --------
    >>> g = nx.Graph([("law", "d"), ("bureau", "law")])
    >>> for n, t in [("law", "Law"), ("d", "Date"), ("bureau", "Bureau")]:
    ...     g.nodes[n].update(type=t, label=n)
    >>> g.nodes["d"]["years"] = (2017,)
    >>> {y: [s.label for s in rows] for y, rows in centrality_by_year(g).items()}
    {2017: ['d', 'law']}
    """
    return {y: centrality(year_subgraph(g, y), **kwargs) for y in date_years(g)}


@dataclass(frozen=True)
class Community:
    """One community: its number, size, types and most central members."""

    id: int
    size: int
    types: tuple[tuple[str, int], ...]
    top: tuple[str, ...]


def describe_communities(scores: Sequence[NodeScores], *, top: int = 5, min_size: int = 2) -> list[Community]:
    """Communities of at least ``min_size`` members, largest first, with their ``top`` members by PageRank.

    Examples
    --------
    >>> rows = [NodeScores("a", "甲", "Bureau", 1, 1, 0, .6, 0, 0, 0, 1),
    ...         NodeScores("b", "乙", "Law", 1, 1, 0, .4, 0, 0, 0, 1)]
    >>> describe_communities(rows)
    [Community(id=0, size=2, types=(('Bureau', 1), ('Law', 1)), top=('甲', '乙'))]
    """
    groups: dict[int, list[NodeScores]] = defaultdict(list)
    for s in scores:
        groups[s.community].append(s)
    out = []
    for cid, members in groups.items():
        if len(members) < min_size:
            continue
        members = sorted(members, key=lambda s: (-s.pagerank, s.label, s.iri))
        types = tuple(sorted(Counter(s.type for s in members).items(), key=lambda kv: (-kv[1], kv[0])))
        out.append(Community(cid, len(members), types, tuple(s.label for s in members[:top])))
    return sorted(out, key=lambda c: (-c.size, c.id))
