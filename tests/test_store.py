"""Oxigraph as the query engine: same answers as rdflib, persistent stores, read-only."""

from __future__ import annotations

import shutil
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

from kg.api import build, sample_path
from kg.cli import main
from kg.errors import InputError, OutputError, QueryError
from kg.query import load_graph
from kg.query import run_query as run_rdflib
from kg.store import (
    STORE_MARK,
    is_store,
    load_file,
    open_store,
    query_path,
    run_query,
    write_store,
)

QUERIES = Path(__file__).resolve().parent.parent / "ontology" / "queries"
P = """PREFIX pk: <https://w3id.org/policy-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
# Our own queries, besides the cookbook's: joins, aggregates, OPTIONAL, FILTER, ASK.
OWN = {
    "join": P + "SELECT ?b ?label ?o WHERE { ?b a pk:Bureau ; rdfs:label ?label . ?b pk:responsibleFor ?o }",
    "group": P + "SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e a ?type ; rdfs:label ?l } GROUP BY ?type",
    "mentions": P + "SELECT ?e (COUNT(DISTINCT ?d) AS ?docs) (SUM(1) AS ?m) WHERE { ?e pk:mention ?x . "
                    "?x pk:document ?d } GROUP BY ?e HAVING (COUNT(DISTINCT ?d) > 1)",
    "optional": P + "SELECT ?e ?label ?en WHERE { ?e a pk:Bureau ; rdfs:label ?label OPTIONAL { ?e pk:englishName ?en "
                    "} }",
    "filter": P + "SELECT ?s ?c WHERE { ?s a rdf:Statement ; pk:confidence ?c FILTER(?c >= 0.5) }",
    "strings": P + "SELECT ?l (STRLEN(?l) AS ?n) (LANG(?l) AS ?lang) WHERE { ?e rdfs:label ?l FILTER(CONTAINS(?l, "
                   "\"司\")) }",
    "docs": P + "SELECT ?d ?title ?sha WHERE { ?d a pk:Document ; dcterms:title ?title ; pk:sha256 ?sha }",
    "ask": P + "ASK { ?b a pk:Bureau }",
    "ask-no": P + "ASK { ?b a pk:NoSuchClass }",
    "avg": P + "SELECT (AVG(?c) AS ?mean) (MIN(?c) AS ?lo) (MAX(?c) AS ?hi) WHERE { ?s pk:confidence ?c }",
}

LINES = ("财务司负责实施“户户通”工程。", "艺术司会同公共服务司推进“春雨工程”。",
         "2021年3月起，科技教育司牵头组织“智慧广电”专项行动。",
         "各地要落实“文化惠民”工程的工作要求，财务司负责资金保障。")


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, pipeline):
    root = tmp_path_factory.mktemp("docs")
    shutil.copy(sample_path(), root / "sample.txt")
    for i in range(3):
        (root / f"n{i}.txt").write_text(f"第{i + 1}号通知\n" + "".join(LINES[i:] + LINES[:i]) + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    build([root], out, pipeline=pipeline, store=out / "store")
    return out / "graph.ttl"


def _same_cell(a: str, b: str) -> bool:
    if a == b:
        return True
    try:  # numbers may be written differently ("0.90" and "0.9"), or with more digits (AVG)
        x, y = Decimal(a), Decimal(b)
    except InvalidOperation:
        return False
    return abs(x - y) <= Decimal("1e-12") * max(1, abs(x))


def assert_same_results(r1, r2):
    assert r1.variables == r2.variables
    assert r1.boolean == r2.boolean
    assert len(r1.rows) == len(r2.rows)
    for a, b in zip(sorted(r1.rows), sorted(r2.rows), strict=True):
        assert all(_same_cell(x, y) for x, y in zip(a, b, strict=True)), (a, b)


def cookbook() -> list[Path]:
    return sorted(QUERIES.glob("*.rq")) if QUERIES.is_dir() else []


@pytest.mark.parametrize("name", sorted(OWN) + [p.name for p in cookbook()])
def test_store_oxigraph_answers_like_rdflib(graph_file, name):
    query = OWN[name] if name in OWN else (QUERIES / name).read_text(encoding="utf-8")
    expected = run_rdflib(load_graph(graph_file), query)
    got_file = run_query(load_file(graph_file), query)
    got_store = run_query(open_store(graph_file.parent / "store"), query)
    assert_same_results(expected, got_file)
    assert_same_results(expected, got_store)
    if name in ("join", "group", "docs", "ask"):
        assert expected.rows, "the test graph should answer this query"


def test_store_is_marked_and_counts_triples(graph_file):
    store_dir = graph_file.parent / "store"
    assert is_store(store_dir) and (store_dir / STORE_MARK).is_file()
    assert len(open_store(store_dir)) == len(load_graph(graph_file))


def test_store_refuses_updates_before_loading(tmp_path):
    for q in ("INSERT DATA { <a:b> <a:c> <a:d> }", "DROP ALL", "DELETE WHERE { ?s ?p ?o }"):
        for engine in ("oxigraph", "rdflib"):
            with pytest.raises(QueryError, match="read-only"):
                query_path(tmp_path / "missing.ttl", q, engine)


def test_store_update_refused_and_store_unchanged(graph_file):
    store = open_store(graph_file.parent / "store")
    n = len(store)
    with pytest.raises(QueryError, match="read-only"):
        run_query(store, "PREFIX x: <a:> INSERT DATA { x:a x:b x:c }")
    assert len(store) == n


def test_store_malformed_and_construct(graph_file):
    store = load_file(graph_file)
    with pytest.raises(QueryError, match="malformed SPARQL"):
        run_query(store, "SELEC ?x WHERE {")
    ttl = run_query(store, "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t }").graph  # CONSTRUCT gives Turtle
    assert ttl and ttl.startswith("@prefix") and " a " in ttl


def test_store_bad_inputs(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_file(tmp_path / "nope.ttl")
    (tmp_path / "bad.ttl").write_text("@prefix x: <a:> . x:a x:b", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable RDF graph"):
        load_file(tmp_path / "bad.ttl")
    (tmp_path / "dir").mkdir()
    with pytest.raises(InputError, match="not an Oxigraph store"):
        open_store(tmp_path / "dir")
    with pytest.raises(InputError, match="needs --engine oxigraph"):
        query_path(tmp_path / "dir", "ASK {}", "rdflib")


def test_store_write_replaces_only_stores(tmp_path):
    ttl = "@prefix x: <http://x.example/> .\nx:a x:b x:c .\n"
    target = write_store(tmp_path / "s", ttl)
    assert run_query(open_store(target), "ASK { <http://x.example/a> ?p ?o }").boolean is True
    write_store(tmp_path / "s", ttl.replace("x:a", "x:z"))  # an existing store is replaced
    assert run_query(open_store(target), "ASK { <http://x.example/a> ?p ?o }").boolean is False
    assert [p.name for p in tmp_path.iterdir()] == ["s"]  # no temporary folders left
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep")
    with pytest.raises(OutputError, match="not a policy-kg store"):
        write_store(tmp_path / "mine", ttl)
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep"


def test_store_cli_query_on_store_and_file(graph_file, capsys):
    q = OWN["docs"] + " ORDER BY ?d"
    assert main(["query", str(graph_file.parent / "store"), q, "--format", "csv"]) == 0
    on_store = capsys.readouterr().out
    assert main(["query", str(graph_file), q, "--format", "csv", "--engine", "rdflib"]) == 0
    assert capsys.readouterr().out == on_store
    assert on_store.count("\n") == 5  # header + four documents
    assert main(["query", str(graph_file.parent / "store"), "CLEAR ALL"]) == 5
    assert "read-only" in capsys.readouterr().err
    assert main(["query", str(graph_file.parent / "store"), q, "--engine", "rdflib"]) == 3


def test_store_utf8_reader_streams_the_exact_bytes(monkeypatch):
    import io

    from kg.store import _Utf8Reader

    monkeypatch.setattr(_Utf8Reader, "CHUNK", 7)
    text = "".join(chr(c) for c in (0x41, 0x7FF, 0x4E2D, 0x1F600, 0x0A)) * 333
    assert io.BufferedReader(_Utf8Reader(text), buffer_size=5).read() == text.encode("utf-8")
    assert io.BufferedReader(_Utf8Reader("")).read() == b""


def test_store_leftovers_of_a_killed_build_are_removed(tmp_path):
    ttl = "@prefix x: <http://x.example/> .\nx:a x:b x:c .\n"
    (tmp_path / ".s.abc123.part").mkdir()
    (tmp_path / ".s.abc123.part" / "000001.sst").write_bytes(b"x" * 100)
    (tmp_path / ".s.def456.old").mkdir()
    write_store(tmp_path / "s", ttl)
    assert [p.name for p in tmp_path.iterdir()] == ["s"]


def test_store_loaded_in_batches_holds_the_same_triples(tmp_path, monkeypatch):
    """kg.store loads a graph a batch at a time (bounded memory): the store holds exactly the graph's triples."""
    import pyoxigraph as ox

    import kg.store

    ttl = build(out_dir=None).turtle
    monkeypatch.setattr(kg.store, "STORE_BATCH", 7)
    s = open_store(write_store(tmp_path / "s", ttl))
    whole = ox.Store()
    whole.bulk_load(ttl.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    assert len(s) == len(whole) > 7
    assert sorted(map(str, s)) == sorted(map(str, whole))
