"""The page's data carries the evidence of every link and node: statements, documents, names and references."""

from __future__ import annotations

import networkx as nx

from kg.analysis import centrality
from kg.html import display_title, first_view, graph_data, page_title, render_html
from kg.model import Document
from tests.evidence_graph import SENT_A, SENT_B, evidence_graph


def data():
    g = evidence_graph()
    return graph_data(g, centrality(g))


def test_edges_carry_statements_with_sentence_rule_confidence_and_document():
    d = data()
    by_label = {n["label"]: n for n in d["nodes"]}
    docs = [x["t"] for x in d["docs"]]
    assert docs == ["关于开展网络清理专项行动的通知", "关于图书质量检查的办法"]
    found = {}
    for e in d["edges"]:
        for pred, forward, conf, inferred, rule, doc, sent in e["st"]:
            subject = d["nodes"][e["a"] if forward else e["b"]]["label"]
            found[(subject, pred)] = (conf, inferred, rule, docs[doc], d["S"][sent])
    assert found[("甲省版权局", "organizes")] == (0.9, 0, "org_rule", docs[0], SENT_A)
    assert found[("乙市出版处", "responsibleFor")] == (0.6, 1, "heading_owner", docs[1], SENT_B)
    assert by_label["网络清理专项行动"]["alt"] == ["清网行动"]


def test_names_and_references_are_counted_apart_and_evidence_is_grouped_by_document():
    d = data()
    bureau = next(n for n in d["nodes"] if n["label"] == "甲省版权局")
    assert (bureau["m"], bureau["r"]) == (1, 1)
    kinds = {(d["docs"][doc]["t"], kind, d["S"][s]) for doc, kind, s in bureau["e"]}
    assert kinds == {("关于开展网络清理专项行动的通知", 0, SENT_A),
                     ("关于开展网络清理专项行动的通知", 1, "该局将于五月公布结果。")}
    assert bureau["yr"] == [2016]
    office = next(n for n in d["nodes"] if n["label"] == "乙市出版处")
    assert office["yr"] == [2019] and office["d"] == [1]


def test_counts_explain_statements_and_links():
    d = data()
    assert d["counts"] == {"statements": 2, "onEdges": 2, "pairs": 2}


def test_first_view_is_the_most_central_connected_part():
    g = nx.star_graph(30)  # hub 0 with 30 leaves, plus disconnected pairs that rank high
    g = nx.relabel_nodes(g, {i: f"s{i:02d}" for i in g})
    for i in range(20):
        g.add_edge(f"p{i:02d}a", f"p{i:02d}b")
    ranked = ["s00"] + [f"p{i:02d}a" for i in range(20)] + [f"s{i:02d}" for i in range(1, 31)] + \
        [f"p{i:02d}b" for i in range(20)]
    view = first_view(g, ranked, 12)
    assert len(view) == 12 and view[0] == "s00"
    assert nx.is_connected(g.subgraph(view))


def test_large_graph_first_view_is_capped_and_connected():
    from kg.html import READABLE_N

    g = nx.Graph()
    for i in range(400):
        g.add_node(f"n{i:03d}", label=f"实体{i}", type="Law")
    for i in range(1, 300):
        g.add_edge(f"n{i:03d}", f"n{(i - 1) // 3:03d}")
    for i in range(300, 398, 2):
        g.add_edge(f"n{i:03d}", f"n{i + 1:03d}")
    d = graph_data(g, centrality(g), top_n=200)
    assert d["first"] == min(200, READABLE_N)
    first = {n["iri"] for n in d["nodes"][:d["first"]]}
    assert nx.is_connected(g.subgraph(first))
    # the first view has its own, wider layout; the rest keeps the whole graph's
    assert d["firstLayout"] and all("fx" in n for n in d["nodes"][:d["first"]])
    assert not any("fx" in n for n in d["nodes"][d["first"]:])
    xs = [n["fx"] for n in d["nodes"][:d["first"]]]
    ys = [n["fy"] for n in d["nodes"][:d["first"]]]
    assert max(xs) - min(xs) >= max(ys) - min(ys)  # turned to run across the screen
    small = graph_data(g, centrality(g), top_n=500)
    assert small["first"] == 400 and not small["firstLayout"]


def test_header_is_a_title_not_body_text():
    body = "国家某局今年将围绕中心工作推进各项改革" * 10
    assert display_title(Document("x/报告.txt", "", title=body[:120])) == "报告.txt"
    assert display_title(Document("x/a.txt", "某某办法\n正文", title="某某办法")) == "某某办法"
    assert page_title([Document("a.txt", "甲\n", title="甲"),
                       Document("b.txt", "乙\n", title="乙")]).startswith("2 份文件")
    g = evidence_graph()
    page = render_html(g, centrality(g), "关于开展网络清理专项行动的通知")
    assert "<h1 id=\"title\">关于开展网络清理专项行动的通知</h1>" in page


def test_page_is_deterministic_with_evidence():
    g1, g2 = evidence_graph(), evidence_graph()
    assert render_html(g1, centrality(g1), "t") == render_html(g2, centrality(g2), "t")


def test_built_page_header_is_the_file_name_when_the_text_has_no_title_line(tmp_path):
    from kg.api import build

    doc = tmp_path / "in" / "report-2031.txt"
    doc.parent.mkdir()
    doc.write_text("财务司负责实施“户户通”工程，科技司负责组织“智慧广电示范项目”。" * 6, encoding="utf-8")
    build([doc], tmp_path / "out", cache=None)
    page = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert '<h1 id="title">report-2031.txt</h1>' in page and "<title>report-2031.txt</title>" in page
