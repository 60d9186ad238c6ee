"""Corrections that survive rebuilds, the user gazetteer and the review list (on text written for the tests)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace

from kg.api import build
from kg.curation import apply_corrections, parse_corrections, review_csv
from kg.errors import InputError
from kg.tables import collector_of

PK = Namespace("https://w3id.org/policy-kg/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")

#: Invented text: three departments, projects and a regulation.
DOC = """关于推进公共服务工程的通知
财务司负责实施“户户通”工程。科技司负责组织“智慧广电示范项目”。
财务司会同规划司推进“户户通工程”，依据《广播电视管理条例》开展检查。
"""

CORRECTIONS = """action,target,value,object,note
drop,公共服务工程,,,标题的一部分，不是项目
merge,规划司,财务司,,测试：合并
retype,关于推进公共服务工程的通知,Work,,通知不是法规
rename,科技司,科学技术司,,全称
add_relation,财务司,responsibleFor,智慧广电示范项目,人工补充
drop_relation,科学技术司,responsibleFor,智慧广电示范项目,人工删除
drop,不存在的司,,,过时的更正
"""


@pytest.fixture()
def corpus_dir(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "doc.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "fix.csv").write_text(CORRECTIONS, encoding="utf-8")
    return tmp_path


def labels(g: Graph, cls: str) -> set[str]:
    return {str(g.value(s, RDFS.label)) for s in g.subjects(RDF.type, PK[cls])}


def test_corrections_apply_on_rebuild_byte_identical_and_stale_reported(corpus_dir):
    out1, out2 = corpus_dir / "o1", corpus_dir / "o2"
    r1 = build([corpus_dir / "in"], out1, corrections=corpus_dir / "fix.csv", cache=None)
    build([corpus_dir / "in"], out2, corrections=corpus_dir / "fix.csv", cache=None)
    for name in ("graph.ttl", "edges.csv", "nodes.csv", "graph.html"):
        assert (out1 / name).read_bytes() == (out2 / name).read_bytes(), name
    assert [c.line for c in r1.corrections.applied] == [2, 3, 4, 5, 6, 7]
    [(stale, why)] = r1.corrections.stale
    assert stale.line == 8 and "不存在的司" in why
    g = Graph()
    g.parse(out1 / "graph.ttl", format="turtle")
    assert "公共服务工程" not in labels(g, "Project")  # dropped
    assert "规划司" not in labels(g, "Bureau") and "科学技术司" in labels(g, "Bureau")
    assert "关于推进公共服务工程的通知" in labels(g, "Work") and "关于推进公共服务工程的通知" not in labels(g, "Law")
    bureau = next(s for s in g.subjects(RDFS.label, Literal("财务司", lang="zh")))
    assert Literal("规划司", lang="zh") in set(g.objects(bureau, SKOS.altLabel))  # merged names kept
    renamed = next(s for s in g.subjects(RDFS.label, Literal("科学技术司", lang="zh")))
    assert Literal("科技司", lang="zh") in set(g.objects(renamed, SKOS.altLabel))
    added = [st for st in g.subjects(PK.rule, Literal("correction"))]
    assert len(added) == 1 and g.value(added[0], RDF.subject) == bureau
    assert not list(g.triples((renamed, PK.responsibleFor, None)))  # dropped relation
    # the build's provenance records each applied correction with its note
    [activity] = list(g.subjects(RDF.type, PROV.Activity))
    options = json.loads(str(g.value(activity, PK.buildOptions)))
    notes = [c["note"] for c in options["corrections"]["applied"]]
    assert "人工补充" in notes and all(c["rule"] == "correction" for c in options["corrections"]["applied"])
    assert options["corrections"]["stale"][0]["line"] == "8"
    assert g.value(activity, PK.softwareVersion) is not None
    assert set(g.objects(activity, PROV.used)) == set(g.subjects(RDF.type, PK.Document))


def test_cli_reports_stale_corrections_even_when_quiet(corpus_dir, capsys):
    from kg.cli import main

    code = main(["build", str(corpus_dir / "in"), "--out", str(corpus_dir / "o"), "--corrections",
                 str(corpus_dir / "fix.csv"), "-q", "--no-cache"])
    assert code == 0
    err = capsys.readouterr().err
    assert "stale correction" in err and "line 8" in err and "不存在的司" in err


@pytest.mark.parametrize("text,message", [
    ("a,b\n", "header"),
    ("action,target,value,object,note\nexplode,财务司,,,\n", "unknown action"),
    ("action,target,value,object,note\nretype,财务司,Animal,,\n", "unknown type"),
    ("action,target,value,object,note\nadd_relation,财务司,likes,科技司,\n", "unknown predicate"),
    ("action,target,value,object,note\nmerge,财务司,,,\n", "needs a value"),
])
def test_bad_corrections_are_one_line_errors(text, message):
    with pytest.raises(InputError, match=message):
        parse_corrections(text, "fix.csv")


def test_ambiguous_names_ask_for_an_iri():
    from kg.model import Entity
    from kg.pipeline import Corpus

    corpus = Corpus((), (Entity("Law:甲", "Law", "甲"), Entity("Work:甲", "Work", "甲")), (), {})
    out, outcome = apply_corrections(corpus, parse_corrections("action,target,value,object,note\ndrop,甲,,,\n"))
    assert len(out.entities) == 2 and "use an IRI" in outcome.stale[0][1]
    from kg.ids import entity_ref

    out, outcome = apply_corrections(
        corpus, parse_corrections(f"action,target,value,object,note\ndrop,{entity_ref('Law:甲')},,,\n"))
    assert [e.key for e in out.entities] == ["Work:甲"] and not outcome.stale


def test_user_gazetteer_adds_an_institution(tmp_path):
    doc = tmp_path / "in" / "a.txt"
    doc.parent.mkdir()
    doc.write_text("测试通知\n星河档案整理中心负责实施“旧报数字化工程”。\n", encoding="utf-8")
    gaz = tmp_path / "mine.json"
    gaz.write_text(json.dumps({
        "sources": {"test-src": "Invented institution for a test"},
        "institutions": [{"name": "星河档案整理中心", "aliases": [], "short": [], "english": "Xinghe Archive Centre",
                          "kind": "office", "level": "provincial", "parent": None, "valid": "", "covers": [],
                          "source": "test-src"}]}, ensure_ascii=False), encoding="utf-8")
    plain = build([doc], None, cache=None)
    mine = build([doc], None, gazetteer=gaz, cache=None)
    assert "星河档案整理中心" not in {e.label for e in plain.corpus.entities if e.type == "Bureau"}
    assert "星河档案整理中心" in {e.label for e in mine.corpus.entities if e.type == "Bureau"}
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="bad.json: not valid JSON"):
        build([doc], None, gazetteer=bad, cache=None)


def test_review_lists_inferred_low_confidence_singletons_and_near_duplicates(corpus_dir):
    build([corpus_dir / "in"], corpus_dir / "o", cache=None)
    text = review_csv(collector_of(corpus_dir / "o" / "graph.ttl"))
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(text)))
    reasons = " ".join(r["reason"] for r in rows)
    assert "singleton" in reasons
    assert [r["priority"] for r in rows] == sorted(r["priority"] for r in rows)
    assert text == review_csv(collector_of(corpus_dir / "o" / "graph.ttl"))


def test_review_of_the_evidence_graph_lists_the_inferred_link(tmp_path):
    from kg.analysis import GraphCollector
    from kg.curation import review_rows
    from kg.rdf import plain_triples
    from tests.evidence_graph import evidence_corpus

    c = GraphCollector()
    for _ in c.feed(plain_triples(*evidence_corpus())):
        pass
    rows = review_rows(c)
    inferred = [r for r in rows if r["kind"] == "relation"]
    assert [(r["label"], r["predicate"], r["object_label"]) for r in inferred] == [("乙市出版处", "responsibleFor",
                                                                                    "图书质量检查工程")]
    assert inferred[0]["priority"] == "1" and "inferred" in inferred[0]["reason"]


def test_near_duplicates_within_a_type_only():
    from kg.curation import _near_duplicates

    labels = {"a": "著作权法", "b": "中华人民共和国著作权法", "c": "著作权法", "d": "甲省发展和改革委员会",
              "e": "甲省发展改革委员会", "f": "上海市第八届人民代表大会常务委员会",
              "g": "上海市第九届人民代表大会常务委员会",
              "h": "《电影产业促进法》", "i": "电影产业促进法", "j": "乙市林业主管部门", "k": "乙市渔业主管部门"}
    types = {"a": "Law", "b": "Law", "c": "Work", "d": "Law", "e": "Law", "f": "Bureau", "g": "Bureau",
             "h": "Law", "i": "Law", "j": "Bureau", "k": "Bureau"}
    # one name written two ways; not names one other character apart (第八届/第九届, 林业/渔业), nor across types
    assert _near_duplicates(labels, types) == [("a", "b"), ("d", "e"), ("h", "i")]

CELLS = st.text(alphabet="drop,retypenamgLawBureau甲乙司\"\n =", max_size=12)


@settings(max_examples=200)
@given(st.lists(st.tuples(st.sampled_from(("drop", "retype", "rename", "merge", "add_relation", "drop_relation",
                                           "bogus", "")), CELLS, st.sampled_from(("Law", "responsibleFor", "甲", "")),
                          CELLS, CELLS), max_size=6))
def test_corrections_parser_accepts_valid_lines_or_names_the_bad_one(rows):
    import csv
    import io

    from kg.curation import ACTIONS

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([("action", "target", "value", "object", "note"), *rows])
    try:
        parsed = parse_corrections(buf.getvalue(), "fix.csv")
    except InputError as exc:
        assert str(exc).startswith("fix.csv") and "\n" not in str(exc)
    else:
        assert all(c.action in ACTIONS and c.target for c in parsed)
        assert len(parsed) == sum(1 for r in rows if any(x.strip() for x in r))
