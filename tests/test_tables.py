"""Tidy tables: nodes.csv, edges.csv (one row per rdf:Statement) and documents.csv, beside graph.ttl."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, Graph

from kg.analysis import GraphCollector, centrality
from kg.rdf import plain_triples
from kg.tables import EDGE_COLUMNS, NODE_COLUMNS, edges_csv, render_tables, safe_cell, tables_of
from tests.evidence_graph import SENT_A, evidence_corpus


def tables(bom: bool = False) -> dict[str, str]:
    docs, ents, rels, sentence_of = evidence_corpus()
    c = GraphCollector()
    for _ in c.feed(plain_triples(docs, ents, rels, sentence_of)):
        pass
    g = c.graph()
    return render_tables(c, g, centrality(g), bom=bom)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_edges_have_one_row_per_statement_with_evidence():
    edges = rows(tables()["edges.csv"])
    assert len(edges) == 2
    org = next(r for r in edges if r["predicate"] == "organizes")
    assert (org["subject_label"], org["subject_type"], org["object_label"], org["object_type"]) == \
        ("甲省版权局", "Bureau", "网络清理专项行动", "Project")
    assert (org["inferred"], org["confidence"], org["rule"], org["sentence"]) == ("false", "0.90", "org_rule", SENT_A)
    assert org["document_title"] == "关于开展网络清理专项行动的通知"
    inferred = next(r for r in edges if r["predicate"] == "responsibleFor")
    assert inferred["inferred"] == "true"


def test_nodes_and_documents():
    t = tables()
    nodes = {r["label"]: r for r in rows(t["nodes.csv"])}
    assert list(rows(t["nodes.csv"])[0]) == list(NODE_COLUMNS)
    assert nodes["甲省版权局"]["mentions"] == "1" and nodes["甲省版权局"]["references"] == "1"
    assert nodes["网络清理专项行动"]["alt_labels"] == "清网行动"
    assert nodes["甲省版权局"]["documents"] == "1" and float(nodes["甲省版权局"]["pagerank"]) > 0
    docs = rows(t["documents.csv"])
    assert [d["title"] for d in docs] == ["关于开展网络清理专项行动的通知", "关于图书质量检查的办法"]
    assert docs[1]["number"] == "乙出〔2019〕3号" and docs[1]["issued"] == "2019-03-02"
    assert docs[0]["sha256"] == "a" * 64


def test_bom_only_when_asked_and_deterministic():
    assert not any(v.startswith("\ufeff") for v in tables().values())
    assert all(v.startswith("\ufeff") for v in tables(bom=True).values())
    assert tables() == tables()


@given(st.text(max_size=20))
def test_cells_never_start_a_formula_and_restore(text):
    from kg.export_csv import restore_cell

    t = tables()  # the tables use the project's one cell rule
    assert t["nodes.csv"].count("\n") == 5
    out = safe_cell(text)
    assert restore_cell(out) == text
    if out.startswith(("=", "+", "-", "@", "\t", "\r")):
        float(out)  # only a plain number may start like a formula


def test_build_writes_tables_matching_graph_ttl(tmp_path):
    pd = pytest.importorskip("pandas")
    from kg.api import build

    r = build(out_dir=tmp_path)
    for name in ("nodes.csv", "edges.csv", "documents.csv"):
        assert name in r.files
    g = Graph()
    g.parse(tmp_path / "graph.ttl", format="turtle")
    statements = set(g.subjects(RDF.type, RDF.Statement))
    edges = pd.read_csv(tmp_path / "edges.csv", encoding="utf-8")
    assert list(edges.columns) == list(EDGE_COLUMNS)
    assert len(edges) == len(statements) == len(r.corpus.relations)
    assert set(edges["statement"]) == {str(s) for s in statements}
    assert edges["sentence"].notna().all()
    nodes = pd.read_csv(tmp_path / "nodes.csv", encoding="utf-8")
    assert len(nodes) == len(r.corpus.entities)
    # the same tables from the graph file alone
    again = tables_of(tmp_path / "graph.ttl")
    assert again["edges.csv"] == (tmp_path / "edges.csv").read_text(encoding="utf-8")
    assert again["documents.csv"] == (tmp_path / "documents.csv").read_text(encoding="utf-8")


def test_cli_excel_flag_writes_a_bom(tmp_path):
    from kg.cli import main

    assert main(["build", "--out", str(tmp_path), "--excel", "-q", "--no-cache"]) == 0
    assert (tmp_path / "edges.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_broken_graph_file_is_a_one_line_error(tmp_path):
    from kg.errors import InputError

    bad = tmp_path / "graph.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(InputError, match="graph.ttl: not a readable RDF graph") as err:
        tables_of(bad)
    assert "\n" not in str(err.value)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), min_size=1,
               max_size=15), st.text(alphabet="=+-@,\"\n甲乙 ", min_size=1, max_size=10))
def test_any_label_and_sentence_round_trip_through_edges_csv(label, sentence):
    from kg.export_csv import restore_cell
    from kg.model import Entity, Evidence, Relation

    a, b = Entity("Bureau:a", "Bureau", label), Entity("Project:b", "Project", "乙" + label)
    rel = Relation("Bureau:a", "responsibleFor", "Project:b", "r", Evidence("d", 0, 1, sentence))
    c = GraphCollector()
    for _ in c.feed(plain_triples((), [a, b], [rel], {})):
        pass
    [row] = rows(edges_csv(c))
    assert restore_cell(row["subject_label"]) == label and restore_cell(row["object_label"]) == "乙" + label
    assert restore_cell(row["sentence"]) == sentence


def test_tables_load_in_r_read_csv_without_changes(tmp_path):
    # the README's R example, run as written: every statement is one row, every column is there
    import shutil
    import subprocess

    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip("Rscript is not installed (Debian's r-base-core)")
    from kg.api import build

    r = build(out_dir=tmp_path)
    script = ('edges <- read.csv("edges.csv", encoding = "UTF-8"); nodes <- read.csv("nodes.csv", encoding = "UTF-8");'
              'docs <- read.csv("documents.csv", encoding = "UTF-8");'
              'cat(nrow(edges), ncol(edges), nrow(nodes), nrow(docs), sum(is.na(edges$sentence)), "\\n");'
              'print(table(edges$predicate, edges$inferred))')
    out = subprocess.run([rscript, "-e", script], check=False, cwd=tmp_path, capture_output=True, text=True,
                         timeout=120,
                         env={"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    counts = out.stdout.split("\n", 1)[0].split()
    assert counts == [str(len(r.corpus.relations)), str(len(EDGE_COLUMNS)), str(len(r.corpus.entities)),
                      str(len(r.corpus.documents)), "0"]
    assert "responsibleFor" in out.stdout
