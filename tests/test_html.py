"""The offline HTML graph: inert to markup, self-contained, deterministic, one node per entity."""

from __future__ import annotations

import html
import json
import random
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.analysis import analysis_graph, centrality
from kg.html import (
    graph_data,
    json_for_script,
    notebook_iframe,
    render_html,
    scores_table,
)
from kg.model import Entity, Mention, Relation
from kg.rdf import triples

HOSTILE = ["</script>", "</SCRIPT >", "<script>alert(1)</script>", "<!--", "-->", "<img src=x onerror=alert(1)>",
           '"', "'", "&amp;", "&", "href=javascript:alert(1)", "</style>", "\u2028", "\u2029", "]]>", "<\\/script>",
           "《", "》", "“", "”", "\\u003c", "{{ title }}", "${x}"]

DATA_BLOCK = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.DOTALL)


class Tags(HTMLParser):
    """Every start tag (with its attribute names) and every <script> text, as the browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted(k for k, _ in attrs))))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(page: str) -> Tags:
    t = Tags()
    t.feed(page)
    t.close()
    return t


def graph_of(labels: list[str], sentence: str = "", english: str = "", link: bool = True):
    """Entities with the given labels (a chain of relations when ``link``), each with one mention and sentence."""
    ents, sent = [], {}
    for i, label in enumerate(labels):
        m = Mention("Law", i * 10, i * 10 + 5, "x" * 5, label, "t", doc_id="d")
        ents.append(Entity(f"Law:{i}", "Law", label, mentions=(m,), english=english))
        sent[("d", i * 10)] = (0, 100, sentence or label)
    rels = []
    if link:
        from kg.model import Evidence

        rels = [Relation(f"Law:{i}", "responsibleFor", f"Law:{i + 1}", "t", Evidence("d", 0, 5, sentence or "s"))
                for i in range(len(labels) - 1)]
    g = analysis_graph(triples((), ents, rels, sent))
    return g, centrality(g)


BASELINE_TAGS = parse(render_html(*graph_of(["甲", "乙"]), "t")).tags

text_with_markup = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1, max_size=8)),
                            min_size=1, max_size=6).map("".join)


@settings(max_examples=60, deadline=None)
@given(labels=st.lists(text_with_markup, min_size=1, max_size=4, unique=True), title=text_with_markup,
       sentence=text_with_markup, english=text_with_markup)
def test_markup_in_data_is_inert(labels, title, sentence, english):
    g, scores = graph_of(labels, sentence, english)
    page = render_html(g, scores, title)
    tags = parse(page)
    # the document has exactly the template's elements: nothing injected, no block ended early
    assert tags.tags == BASELINE_TAGS
    [block] = DATA_BLOCK.findall(page)
    for ch in "<>&\u2028\u2029":
        assert ch not in block
    assert tags.scripts[1] == block
    data = json.loads(block)
    assert sorted(n["label"] for n in data["nodes"]) == sorted(labels)
    assert {n["en"] for n in data["nodes"]} == {english}
    assert all(n["s"] == [sentence[:300] + ("…" if len(sentence) > 300 else "")] for n in data["nodes"])
    # the title is HTML-escaped text in <title> and <h1>
    for inner in re.findall(r"<title>(.*?)</title>", page, re.DOTALL) + re.findall(r'<h1 id="title">(.*?)</h1>', page,
                                                                                   re.DOTALL):
        assert "<" not in inner and ">" not in inner
        assert html.unescape(inner) == re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "\ufffd", title)
    page_without_vendor = page.replace(tags.scripts[2], "")
    assert "<img" not in page_without_vendor and "<script>alert" not in page_without_vendor


def test_json_for_script_escapes_and_round_trips():
    obj = {"a": "</script><!--<script>\u2028\u2029&", "b": ["\ud800 lone surrogate"]}
    text = json_for_script(obj)
    assert re.fullmatch(r"[^<>&\u2028\u2029\ud800-\udfff]*", text)
    assert json.loads(text) == obj
    text.encode("utf-8")


def test_lone_surrogates_and_control_characters_still_render():
    g, scores = graph_of(["a\ud800b", "c\x00d"])
    page = render_html(g, scores, "t\udfff\x01")
    page.encode("utf-8")
    assert "\ufffd" in page.split("<title>")[1].split("</title>")[0]


def test_page_is_self_contained():
    g, scores = graph_of(["甲", "乙", "丙"])
    page = render_html(g, scores, "t")
    tags = parse(page)
    names = {t for t, _ in tags.tags}
    assert not names & {"link", "img", "iframe", "object", "embed", "base"}
    assert all("src" not in attrs and "href" not in attrs for _, attrs in tags.tags)
    assert not re.search(r"@import|url\((?![\"']?data:)", page)
    assert len(tags.scripts) == 4  # error hook, data, vis-network, page script
    ours = page.replace(tags.scripts[2], "").replace(tags.scripts[1], "").lower()  # template and page script
    assert "bootstrap" not in ours and "tom-select" not in ours and "http" not in ours.replace("https://visjs", "")
    assert "vis-network" in page and "dual licensed Apache-2.0 / MIT" in page


def test_same_graph_same_bytes():
    labels = [f"名称{i}" for i in range(30)]
    g, scores = graph_of(labels)
    page = render_html(g, scores, "t")
    assert page == render_html(g, scores, "t")
    ents = [Entity(f"Law:{i}", "Law", label) for i, label in enumerate(labels)]
    from kg.model import Evidence

    rels = [Relation(f"Law:{i}", "responsibleFor", f"Law:{i + 1}", "t", Evidence("d", 0, 5, "s")) for i in range(29)]
    ts = list(triples((), ents, rels))
    random.Random(3).shuffle(ts)
    g2 = analysis_graph(ts)
    h1 = render_html(analysis_graph(triples((), ents, rels)), centrality(analysis_graph(triples((), ents, rels))), "t")
    assert h1 == render_html(g2, centrality(g2), "t")


def test_node_count_is_entity_count_and_nodes_are_ranked():
    labels = [f"实体{i}" for i in range(40)]
    g, scores = graph_of(labels[:25])
    for label in labels[25:]:  # isolated entities count too
        g.add_node(f"iso:{label}", label=label, type="Project", mentions=0, sentences=())
    scores = centrality(g)
    data = graph_data(g, scores, top_n=10)
    assert len(data["nodes"]) == 40 and data["top_n"] == 10
    first = data["first"]
    assert first == 10
    rank = {s.iri: i for i, s in enumerate(scores)}
    iris = [n["iri"] for n in data["nodes"]]
    assert sorted(iris) == sorted(rank)
    # the first view, then the rest, each part in PageRank order
    for part in (iris[:first], iris[first:]):
        assert [rank[i] for i in part] == sorted(rank[i] for i in part)
    assert [n["id"] for n in data["nodes"]] == list(range(40))
    page = render_html(g, scores, "t", top_n=10)
    assert 'data-node-count="40"' in page
    assert len(data["edges"]) == g.number_of_edges()
    sizes = [n["size"] for n in data["nodes"][:first]]
    assert sizes == sorted(sizes, reverse=True)


def test_edges_point_from_subject_to_object():
    g, scores = graph_of(["主", "宾"])
    data = graph_data(g, scores)
    [edge] = data["edges"]
    ids = {n["label"]: n["id"] for n in data["nodes"]}
    subject, obj = (edge["a"], edge["b"]) if edge["dir"] == 1 else (edge["b"], edge["a"])
    assert (subject, obj) == (ids["主"], ids["宾"]) and edge["p"] == ["responsibleFor"]


def test_types_and_colours_in_legend_order():
    g, _ = graph_of(["甲"])
    g.add_node("b", label="司", type="Bureau", mentions=1, sentences=())
    data = graph_data(g, centrality(g))
    assert [t["name"] for t in data["types"]] == ["Bureau", "Law"]
    assert data["types"][0]["zh"] == "机构" and data["types"][0]["colour"].startswith("#")


def test_notebook_helpers_escape():
    g, scores = graph_of(["<b>x</b>"])
    assert "<b>x</b>" not in scores_table(scores)
    frame = notebook_iframe(render_html(g, scores, "t"))
    assert frame.count("<") == 4 and frame.startswith("<div><iframe srcdoc=")


@pytest.mark.parametrize("top_n", [1, 3, 500])
def test_top_n_is_passed_to_the_page(top_n):
    g, scores = graph_of(["甲", "乙", "丙"])
    assert f'"top_n":{top_n}' in render_html(g, scores, "t", top_n=top_n)


def test_cli_build_options_for_the_graph(tmp_path, capsys):
    from kg.cli import main

    assert main(["build", "--out", str(tmp_path), "--top-n", "3", "--gexf", "--graphml", "--cooccurrence", "-q"]) == 0
    assert '"top_n":3' in (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert (tmp_path / "graph.gexf").stat().st_size > 0 and (tmp_path / "graph.graphml").stat().st_size > 0
    for bad in ("0", "-2", "many"):
        with pytest.raises(SystemExit) as exc:
            main(["build", "--out", str(tmp_path), "--top-n", bad])
        assert exc.value.code == 2
    assert "--top-n" in capsys.readouterr().err
