"""Analysis graph, centrality measures, communities, per-year views, layout and Gephi exports."""

from __future__ import annotations

import io
import math
import random

import networkx as nx
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg import analysis
from kg import centrality as kcentrality
from kg.analysis import (
    analysis_graph,
    betweenness,
    centrality,
    centrality_by_year,
    closeness,
    communities,
    date_years,
    degree,
    describe_communities,
    eigenvector,
    layout,
    pagerank,
    year_subgraph,
)
from kg.export_graph import export, gexf, graphml
from kg.ids import entity_iri
from kg.model import Entity, Evidence, Mention, Relation
from kg.rdf import to_graph, triples

P3 = ("a", "b", "c")


def star(n_leaves: int = 3) -> nx.Graph:
    return nx.star_graph(["hub"] + [f"leaf{i}" for i in range(n_leaves)])


# --------------------------------------------------------------------------- measures on hand-computed graphs

def test_path_of_three_by_hand():
    g = nx.path_graph(P3)
    assert degree(g) == {"a": 0.5, "b": 1.0, "c": 0.5}
    assert betweenness(g) == {"a": 0.0, "b": 1.0, "c": 0.0}
    assert closeness(g) == pytest.approx({"a": 2 / 3, "b": 1.0, "c": 2 / 3}, abs=1e-6)
    # PageRank: p_b = 0.05 + 0.85 (p_a + p_c), p_a = 0.05 + 0.85 p_b / 2  →  p_b = 0.135 / 0.2775
    p_b = 0.135 / 0.2775
    p_a = 0.05 + 0.425 * p_b
    assert pagerank(g) == pytest.approx({"a": p_a, "b": p_b, "c": p_a}, abs=1e-5)
    # principal eigenvector of the path's adjacency matrix: (1, √2, 1) / 2
    assert eigenvector(g) == pytest.approx({"a": 0.5, "b": math.sqrt(2) / 2, "c": 0.5}, abs=1e-6)


def test_star_by_hand():
    g = star(3)
    assert betweenness(g)["hub"] == 1.0 and betweenness(g)["leaf0"] == 0.0
    # a leaf is 1 step from the hub and 2 from the other two leaves
    assert closeness(g)["leaf0"] == pytest.approx(3 / 5, abs=1e-6)
    # p_hub = 0.0375 + 0.85·3·p_leaf,  p_leaf = 0.0375 + 0.85·p_hub/3
    p_hub = (0.0375 + 2.55 * 0.0375) / (1 - 2.55 * 0.85 / 3)
    assert pagerank(g)["hub"] == pytest.approx(p_hub, abs=1e-5)
    assert sum(pagerank(g).values()) == pytest.approx(1.0, abs=1e-5)
    # star K1,3: eigenvalue √3, eigenvector (√3, 1, 1, 1) / √6
    ev = eigenvector(g)
    assert ev["hub"] == pytest.approx(math.sqrt(3) / math.sqrt(6), abs=1e-5)
    assert ev["leaf1"] == pytest.approx(1 / math.sqrt(6), abs=1e-5)


def test_weighted_pagerank_follows_the_stronger_tie():
    g = nx.Graph()
    g.add_edge("x", "strong", weight=5)
    g.add_edge("x", "weak", weight=1)
    pr = pagerank(g)
    assert pr["strong"] > pr["weak"]
    assert pagerank(g, weight=None)["strong"] == pagerank(g, weight=None)["weak"]


def test_eigenvector_on_a_disconnected_graph_where_numpy_raises():
    g = nx.path_graph(P3)
    g.add_edge("x", "y")
    g.add_node("alone")
    with pytest.raises(nx.NetworkXException):
        nx.eigenvector_centrality_numpy(g)
    ev = eigenvector(g)
    # each component's unit vector scaled by √(its share of the 6 nodes)
    assert ev["b"] == pytest.approx(math.sqrt(3 / 6) * math.sqrt(2) / 2, abs=1e-6)
    assert ev["x"] == pytest.approx(math.sqrt(2 / 6) * math.sqrt(2) / 2, abs=1e-6)
    assert ev["alone"] == 0.0
    assert sum(v * v for v in ev.values()) == pytest.approx(5 / 6, abs=1e-5)


def test_eigenvector_falls_back_to_numpy_when_power_iteration_fails():
    g = nx.path_graph(P3)
    g.add_edge("x", "y")
    with pytest.raises(nx.PowerIterationFailedConvergence):
        nx.eigenvector_centrality(g, max_iter=1)
    with pytest.raises(nx.PowerIterationFailedConvergence):
        kcentrality._power_iteration(g, None, 1, 1e-8)
    assert eigenvector(g, max_iter=1) == pytest.approx(eigenvector(g), abs=1e-5)


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 30), st.integers(0, 10_000))
def test_eigenvector_matches_networkx_on_connected_graphs(n, seed):
    g = nx.connected_watts_strogatz_graph(n, 2, 0.5, seed=seed) if n > 3 else nx.path_graph(n)
    g = nx.relabel_nodes(g, {i: f"v{i}" for i in g})
    try:
        reference = nx.eigenvector_centrality(g, max_iter=1000, tol=1e-8)
    except nx.PowerIterationFailedConvergence:
        assume(False)  # networkx itself gives no answer to compare with (e.g. a bipartite ring)
    assert eigenvector(g, weight=None) == pytest.approx(reference, abs=1e-5)


def test_eigenvector_last_resort_is_normalised_degree(monkeypatch):
    def fail(*args, **kwargs):
        raise nx.AmbiguousSolution("no")

    monkeypatch.setattr(kcentrality, "_eigenvector_solve", fail)
    ev = eigenvector(star(3), max_iter=1)
    assert ev["hub"] == pytest.approx(3 / math.sqrt(12), abs=1e-6)
    assert ev["leaf2"] == pytest.approx(1 / math.sqrt(12), abs=1e-6)


def test_betweenness_samples_pivots_above_the_threshold_with_a_fixed_seed():
    g = nx.connected_watts_strogatz_graph(60, 4, 0.3, seed=3)
    g = nx.relabel_nodes(g, {i: f"n{i:02d}" for i in g})
    sampled = betweenness(g, k=10, threshold=50, seed=7)
    assert sampled == betweenness(g, k=10, threshold=50, seed=7)
    expected = nx.betweenness_centrality(g, k=10, seed=7)
    assert sampled == pytest.approx(expected, abs=1e-6)
    exact = betweenness(g, k=10, threshold=100)
    assert exact == pytest.approx(nx.betweenness_centrality(g), abs=1e-6)
    assert exact != sampled


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 40), st.integers(0, 80), st.integers(0, 10_000))
def test_betweenness_matches_networkx_on_random_graphs(n, m, seed):
    g = nx.gnm_random_graph(n, m, seed=seed)  # often disconnected
    g = nx.relabel_nodes(g, {i: f"v{i}" for i in g})
    assert betweenness(g, threshold=None) == pytest.approx(nx.betweenness_centrality(g), abs=1e-6)
    if n > 5:
        sampled = betweenness(g, k=4, threshold=5, seed=seed)
        assert sampled == pytest.approx(nx.betweenness_centrality(g, k=4, seed=seed), abs=1e-6)


def test_measures_on_empty_and_single_node_graphs():
    assert centrality(nx.Graph()) == []
    g = nx.Graph()
    g.add_node("solo", label="独", type="Law")
    [row] = centrality(g)
    assert (row.degree, row.pagerank, row.eigenvector, row.betweenness) == (0, 1.0, 0.0, 0.0)


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 40), st.integers(0, 80), st.integers(0, 10_000))
def test_closeness_matches_networkx_on_random_graphs(n, m, seed):
    g = nx.gnm_random_graph(n, m, seed=seed)  # often disconnected
    g = nx.relabel_nodes(g, {i: f"v{i}" for i in g})
    assert closeness(g, batch=7) == pytest.approx(nx.closeness_centrality(g), abs=1e-6)


# --------------------------------------------------------------------------- communities

def two_triangles() -> nx.Graph:
    return nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])


def test_communities_split_two_triangles():
    assert communities(two_triangles()) == {"a": 0, "b": 0, "c": 0, "x": 1, "y": 1, "z": 1}


def test_communities_numbered_largest_first():
    g = two_triangles()
    g.add_edges_from([("z", "w"), ("w", "v"), ("v", "z"), ("w", "u"), ("u", "v")])
    com = communities(g)
    sizes = [sum(1 for c in com.values() if c == i) for i in range(max(com.values()) + 1)]
    assert sizes == sorted(sizes, reverse=True)


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_communities_do_not_depend_on_insertion_order(rnd):
    base = nx.les_miserables_graph()
    edges = list(base.edges(data=True))
    rnd.shuffle(edges)
    nodes = list(base.nodes)
    rnd.shuffle(nodes)
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    assert communities(g) == communities(base)


# --------------------------------------------------------------------------- the analysis graph from RDF

def _mention(type_, label, start, doc="d.txt"):
    return Mention(type_, start, start + len(label), label, label, "test", doc_id=doc)


def sample_corpus():
    """A bureau responsible for a law and a project; the law takes effect on a date; a lone organisation."""
    bureau = Entity("Bureau:财务司", "Bureau", "财务司", mentions=(_mention("Bureau", "财务司", 0),),
                    english="Department of Finance")
    law = Entity("Law:甲条例", "Law", "甲条例", mentions=(_mention("Law", "甲条例", 6), _mention("Law", "甲条例", 40)))
    project = Entity("Project:乙工程", "Project", "乙工程", mentions=(_mention("Project", "乙工程", 12),))
    date = Entity("Date:2016/2018", "Date", "2016—2018年", mentions=(_mention("Date", "2016—2018年", 20),),
                  value="2016/2018")
    org = Entity("Organization:丙协会", "Organization", "丙协会", mentions=(_mention("Organization", "丙协会", 3),))
    ev = Evidence("d.txt", 0, 15, "财务司丙协会负责甲条例和乙工程。")
    rels = [Relation(bureau.key, "responsibleFor", law.key, "t", ev),
            Relation(bureau.key, "responsibleFor", project.key, "t", ev),
            Relation(law.key, "effectiveDate", date.key, "t", Evidence("d.txt", 20, 30, "自2016—2018年施行。"))]
    sentence_of = {("d.txt", 0): (0, 15, "财务司丙协会负责甲条例和乙工程。"),
                   ("d.txt", 3): (0, 15, "财务司丙协会负责甲条例和乙工程。"),
                   ("d.txt", 6): (0, 15, "财务司丙协会负责甲条例和乙工程。"),
                   ("d.txt", 12): (0, 15, "财务司丙协会负责甲条例和乙工程。"),
                   ("d.txt", 20): (16, 30, "自2016—2018年施行。"), ("d.txt", 40): (31, 45, "甲条例另有规定。")}
    return [bureau, law, project, date, org], rels, sentence_of


def iri(key: str) -> str:
    return str(entity_iri(key))


def test_analysis_graph_from_rdf_triples():
    ents, rels, sent = sample_corpus()
    g = analysis_graph(triples((), ents, rels, sent))
    assert g.number_of_nodes() == 5 and g.number_of_edges() == 3
    b, law = iri("Bureau:财务司"), iri("Law:甲条例")
    assert g.nodes[b]["english"] == "Department of Finance" and g.nodes[b]["type"] == "Bureau"
    assert g.nodes[law]["mentions"] == 2
    assert g.nodes[law]["sentences"] == ("财务司丙协会负责甲条例和乙工程。", "甲条例另有规定。")
    assert g[b][law]["predicates"] == ["responsibleFor"] and g[b][law]["source"] == b
    date = iri("Date:2016/2018")
    assert g.nodes[date]["value"] == "2016/2018" and g.nodes[date]["years"] == (2016, 2017, 2018)
    assert g.degree(iri("Organization:丙协会")) == 0


def test_analysis_graph_same_from_rdflib_graph_and_any_triple_order():
    ents, rels, sent = sample_corpus()
    ts = list(triples((), ents, rels, sent))
    a = analysis_graph(ts)
    random.Random(5).shuffle(ts)
    for other in (analysis_graph(ts), analysis_graph(to_graph(ts)), analysis_graph(Graph().parse(
            data=to_graph(ts).serialize(format="turtle"), format="turtle"))):
        assert list(other.nodes(data=True)) == list(a.nodes(data=True))
        assert list(other.edges(data=True)) == list(a.edges(data=True))


def test_cooccurrence_edges_are_off_by_default_and_weighted_when_on():
    ents, rels, sent = sample_corpus()
    b, org, law = iri("Bureau:财务司"), iri("Organization:丙协会"), iri("Law:甲条例")
    off = analysis_graph(triples((), ents, rels, sent))
    assert not off.has_edge(b, org)
    on = analysis_graph(triples((), ents, rels, sent), cooccurrence=True, cooccurrence_weight=0.5)
    assert on[b][org]["cooccurrence"] == 1 and on[b][org]["predicates"] == [] and on[b][org]["weight"] == 0.5
    assert on[b][law]["relations"] == 1 and on[b][law]["weight"] == 1.5


def test_centrality_table_sorted_by_pagerank_then_label():
    ents, rels, sent = sample_corpus()
    rows = centrality(analysis_graph(triples((), ents, rels, sent)))
    keys = [(-r.pagerank, r.label) for r in rows]
    assert keys == sorted(keys)
    # project – bureau – law – date is a path: the two middle nodes tie, and the label breaks the tie
    assert rows[0].pagerank == rows[1].pagerank > rows[2].pagerank
    assert [r.label for r in rows[:2]] == ["甲条例", "财务司"]
    assert (rows[1].degree, rows[1].english, rows[1].mentions) == (2, "Department of Finance", 1)


def test_per_year_views():
    ents, rels, sent = sample_corpus()
    g = analysis_graph(triples((), ents, rels, sent))
    date, law = iri("Date:2016/2018"), iri("Law:甲条例")
    assert date_years(g) == {2016: [date], 2017: [date], 2018: [date]}
    assert sorted(year_subgraph(g, 2017)) == sorted([date, law])
    assert year_subgraph(g, 1999).number_of_nodes() == 0
    by_year = centrality_by_year(g)
    assert sorted(by_year) == [2016, 2017, 2018]
    assert {r.label for r in by_year[2016]} == {"甲条例", "2016—2018年"}


def test_describe_communities():
    ents, rels, sent = sample_corpus()
    g = analysis_graph(triples((), ents, rels, sent))
    # the path project – bureau – law – date splits in the middle; the lone organisation is left out
    found = describe_communities(centrality(g))
    assert [(c.size, set(c.top)) for c in found] == [(2, {"财务司", "乙工程"}), (2, {"甲条例", "2016—2018年"})]
    assert dict(found[1].types) == {"Law": 1, "Date": 1}
    assert len(describe_communities(centrality(g), min_size=1)) == 3


def test_legacy_entities_and_relations_signature():
    ents, rels, _ = sample_corpus()
    g = analysis_graph(ents, rels)
    assert g.number_of_nodes() == 5 and g.number_of_edges() == 3


# --------------------------------------------------------------------------- layout

def test_layout_is_deterministic_and_keeps_nodes_apart():
    g = two_triangles()
    g.add_edges_from(("hub", f"leaf{i}") for i in range(12))
    g.add_nodes_from(["iso1", "iso2"])
    pos = layout(g)
    assert set(pos) == set(g) and pos == layout(g)
    pts = list(pos.values())
    closest = min(math.dist(p, q) for i, p in enumerate(pts) for q in pts[i + 1:])
    assert closest > 0.5


def test_layout_of_a_large_component_uses_the_sampled_force_layout():
    g = nx.barabasi_albert_graph(600, 1, seed=2)
    g = nx.relabel_nodes(g, {i: f"n{i:03d}" for i in g})
    pos = layout(g)
    assert len(pos) == 600 and pos == layout(g)
    # linked nodes end up closer than random pairs
    linked = sum(math.dist(pos[u], pos[v]) for u, v in g.edges()) / g.number_of_edges()
    nodes = sorted(g)
    rnd = random.Random(1)
    pairs = [(rnd.choice(nodes), rnd.choice(nodes)) for _ in range(2000)]
    assert linked < 0.5 * sum(math.dist(pos[u], pos[v]) for u, v in pairs) / len(pairs)


# --------------------------------------------------------------------------- exports for Gephi

def test_gexf_and_graphml_round_trip_with_deterministic_bytes():
    ents, rels, sent = sample_corpus()
    g = analysis_graph(triples((), ents, rels, sent))
    rows = centrality(g)
    for fmt, read in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        data = export(g, rows, fmt)
        assert data == export(analysis_graph(list(triples((), ents, rels, sent))[::-1]), rows, fmt)
        back = read(io.BytesIO(data))
        assert back.number_of_nodes() == 5 and back.number_of_edges() == 3
        b = iri("Bureau:财务司")
        assert back.nodes[b]["label"] == "财务司" and back.nodes[b]["english"] == "Department of Finance"
        assert back.nodes[b]["pagerank"] == pytest.approx(rows[0].pagerank)
    assert b"lastmodifieddate" not in gexf(g, rows)
    assert b"<viz:position" in gexf(g, rows) and b"<viz:color" in gexf(g, rows)
    with pytest.raises(ValueError):
        export(g, rows, "dot")
    assert graphml(g, rows, positions=layout(g)).count(b'key="x"') == 5


def test_build_writes_gexf_and_graphml(tmp_path):
    from kg.api import build

    r = build(out_dir=tmp_path, graph_formats=("gexf", "graphml"), top_n=3)
    back = nx.read_gexf(tmp_path / "graph.gexf")
    assert back.number_of_nodes() == len(r.scores) == len(r.corpus.entities)
    assert nx.read_graphml(tmp_path / "graph.graphml").number_of_edges() == back.number_of_edges()
    assert '"top_n":3' in (tmp_path / "graph.html").read_text(encoding="utf-8")


def test_digits_constant_rounds_outputs():
    g = nx.path_graph(P3)
    assert all(len(repr(v).split(".")[-1]) <= analysis.DIGITS for v in pagerank(g).values())
