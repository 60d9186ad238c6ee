"""Deterministic 2-D positions of the analysis graph for drawing (graph.html, GEXF/GraphML).

:func:`layout` lays out each connected component on its own and packs them in
rows; :func:`spread_for_labels` pushes a small view apart until its labels can
be read. Fixed seeds and rounded coordinates: the same graph gives the same bytes.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

from .netgraph import canonical_view


def layout(g: nx.Graph, *, seed: int = 42, spacing: float = 1.0) -> dict[str, tuple[float, float]]:
    """Deterministic 2-D positions: each component laid out on its own, then packed in rows.

    Components of up to 400 nodes use networkx's spring layout (fixed
    ``seed``; Kamada–Kawai costs 0.1 s even for a handful of nodes, which adds
    up over hundreds of small components), larger ones a Fruchterman–Reingold variant
    whose repulsion is estimated from a seeded sample of nodes (linear time,
    so thousands of nodes lay out in about a second). Each component is scaled
    so that its median edge is ``spacing`` long; isolated nodes go to a grid
    below, grouped by type. Coordinates are rounded to 3 decimals.

    Examples
    --------
    >>> pos = layout(nx.path_graph(["a", "b", "c"]))
    >>> sorted(pos) == ["a", "b", "c"] and pos == layout(nx.path_graph(["c", "b", "a"]))
    True
    """
    if g.number_of_nodes() == 0:
        return {}
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    blocks: list[tuple[list[str], np.ndarray]] = []
    isolates = []
    for comp in comps:
        if len(comp) == 1:
            isolates.append(comp[0])
            continue
        sub = canonical_view(g, comp)
        blocks.append((comp, _component_layout(sub, comp, seed) * spacing))
    if isolates:
        isolates.sort(key=lambda n: (g.nodes[n].get("type", ""), g.nodes[n].get("label", ""), n))
        cols = max(1, math.ceil(math.sqrt(len(isolates) * 2.0)))
        if blocks:  # as tall as the largest component, so that the grid can stand beside it
            tallest = float(np.ptp(blocks[0][1][:, 1])) / spacing
            cols = min(cols, max(1, math.ceil(len(isolates) / max(1, int(tallest / 0.85) + 1))))
        xy = np.array([[(i % cols) * 1.25, (i // cols) * 0.85] for i in range(len(isolates))], dtype=float)
        blocks.insert(1, (isolates, xy * spacing))  # beside the largest component
    return _pack(blocks, gap=1.5 * spacing)


def _component_layout(sub: nx.Graph, nodes: list[str], seed: int) -> np.ndarray:
    n = len(nodes)
    if n == 2:
        xy = np.array([[0.0, 0.0], [1.0, 0.0]])
    elif n <= 400:
        pos = nx.spring_layout(sub, seed=seed, iterations=100, weight=None)
        xy = np.array([pos[v] for v in nodes])
    else:
        xy = _sampled_fr(sub, nodes, seed)
    index = {v: i for i, v in enumerate(nodes)}
    lengths = [float(np.hypot(*(xy[index[u]] - xy[index[v]]))) for u, v in sub.edges()]
    med = float(np.median(lengths)) if lengths else 1.0
    xy = (xy - xy.mean(axis=0)) / (med or 1.0)
    deg = np.array([sub.degree(v) for v in nodes], dtype=float)
    return _spread(xy, 0.625 * (1 + 0.6 * np.sqrt(deg / max(deg.max(), 1.0))))


def _spread(xy: np.ndarray, radius: np.ndarray, stretch: float = 1.45, rounds: int = 100) -> np.ndarray:
    """Push apart nodes closer than the sum of their ``radius`` (hubs are drawn bigger; y is counted
    ``stretch`` times: labels are wide and short)."""
    from scipy.spatial import cKDTree

    if len(xy) < 2:
        return xy
    st = xy * np.array([1.0, stretch])
    reach = 2 * float(radius.max())
    for _ in range(rounds):
        pairs = cKDTree(st).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        d = st[pairs[:, 1]] - st[pairs[:, 0]]
        dist = np.sqrt((d ** 2).sum(1))
        need = radius[pairs[:, 0]] + radius[pairs[:, 1]]
        close = dist < need
        if not close.any():
            break
        pairs, d, dist, need = pairs[close], d[close], dist[close], need[close]
        same = dist < 1e-9
        d[same] = np.array([1.0, 0.0])
        dist[same] = 1.0
        push = d * ((need - dist) / (2 * dist) * 1.05)[:, None]
        move = np.zeros_like(st)
        for dim in (0, 1):
            move[:, dim] = (np.bincount(pairs[:, 1], push[:, dim], len(st))
                            - np.bincount(pairs[:, 0], push[:, dim], len(st)))
        st = st + move
    return st / np.array([1.0, stretch])


def _sampled_fr(sub: nx.Graph, nodes: list[str], seed: int, iterations: int = 120, sample: int = 150) -> np.ndarray:
    """Fruchterman–Reingold with repulsion estimated from ``sample`` random nodes per step."""
    rng = np.random.default_rng(seed)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    e = np.array([(index[u], index[v]) for u, v in sub.edges()], dtype=np.int64).reshape(-1, 2)
    k = 1.0
    side = math.sqrt(n) * k
    pos = rng.random((n, 2)) * side
    temp = side / 10
    cool = temp / (iterations + 1)
    m = min(sample, n)
    for _ in range(iterations):
        piv = rng.choice(n, size=m, replace=False)
        dx = pos[:, 0, None] - pos[None, piv, 0]
        dy = pos[:, 1, None] - pos[None, piv, 1]
        f = (k * k * n / m) / np.maximum(dx * dx + dy * dy, 1e-4)
        disp = np.stack(((dx * f).sum(1), (dy * f).sum(1)), axis=1)
        ev = pos[e[:, 0]] - pos[e[:, 1]]
        dist = np.maximum(np.sqrt((ev ** 2).sum(-1)), 1e-4)
        pull = ev * (dist / k)[:, None]
        for dim in (0, 1):
            disp[:, dim] += np.bincount(e[:, 1], pull[:, dim], n) - np.bincount(e[:, 0], pull[:, dim], n)
        length = np.maximum(np.sqrt((disp ** 2).sum(-1)), 1e-9)
        pos += disp * (np.minimum(length, temp) / length)[:, None]
        temp -= cool
    return pos


def _pack(blocks: list[tuple[list[str], np.ndarray]], gap: float,
          aspect: float = 1.6) -> dict[str, tuple[float, float]]:
    """Shelf-pack blocks (in order) into rows; the row width is chosen so that the drawing fills a
    screen of width:height ``aspect`` best (it is drawn as large as possible when fitted)."""
    boxes = []
    for nodes, xy in blocks:
        xy = xy - xy.min(axis=0)
        boxes.append((nodes, xy, float(xy[:, 0].max()), float(xy[:, 1].max())))
    widths = [w for _, _, w, _ in boxes]

    def shelf(row_width: float) -> tuple[list[tuple[float, float]], float, float]:
        x = y = row_h = right = 0.0
        corners = []
        for _, _, w, h in boxes:
            if x > 0 and x + w > row_width:
                x, y, row_h = 0.0, y + row_h + gap, 0.0
            corners.append((x, y))
            right = max(right, x + w)
            x += w + gap
            row_h = max(row_h, h)
        return corners, right, y + row_h

    candidates = np.linspace(max(widths), sum(widths) + gap * (len(widths) - 1), 40)
    best = min(candidates, key=lambda rw: (max(shelf(rw)[1] / aspect, shelf(rw)[2]), rw))
    corners, _, _ = shelf(float(best))
    out: dict[str, tuple[float, float]] = {}
    for (nodes, xy, _, _), (x, y) in zip(boxes, corners, strict=True):
        for v, (px, py) in zip(nodes, xy, strict=True):
            out[v] = (round(float(px + x), 3) + 0.0, round(float(py + y), 3) + 0.0)
    return dict(sorted(out.items()))


def spread_for_labels(pos: dict[str, tuple[float, float]], *, radius: float = 1.0,
                      stretch: float = 0.75) -> dict[str, tuple[float, float]]:
    """Positions pushed apart until no two nodes are closer than ``2 * radius`` (in median edges), counting
    horizontal distance more than vertical (``stretch`` < 1: labels are wide and short), after turning the
    drawing so that its long axis runs across (screens are wide). For a small view whose labels should all
    be readable. Deterministic; rounded to 3 decimals.

    Examples
    --------
    >>> spread_for_labels({"a": (0.0, 0.0), "b": (0.1, 0.0)})["b"][0] > 1.0
    True
    """
    if len(pos) < 2:
        return dict(pos)
    keys = sorted(pos)
    xy = np.array([pos[k] for k in keys], dtype=float)
    xy = xy - xy.mean(axis=0)
    _, vecs = np.linalg.eigh(np.cov(xy.T) + 1e-12 * np.eye(2))
    axis = vecs[:, -1] * (1.0 if vecs[0, -1] >= 0 else -1.0)  # the long axis, turned to run across the screen
    xy = xy @ np.array([[axis[0], -axis[1]], [axis[1], axis[0]]])
    out = _spread(xy, np.full(len(keys), radius), stretch=stretch, rounds=200)
    return {k: (round(float(x), 3) + 0.0, round(float(y), 3) + 0.0) for k, (x, y) in zip(keys, out, strict=True)}
