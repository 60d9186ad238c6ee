"""The cookbook's queries about one entity or one triple take parameters (kg query --param), on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.api import build
from kg.cli import main
from kg.store import query_path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "ontology" / "queries"


@pytest.fixture(scope="module")
def graph(tmp_path_factory, pipeline):
    out = tmp_path_factory.mktemp("out")
    build(None, out, pipeline=pipeline)
    return out / "graph.ttl"


def other_bureau(graph) -> str:
    """A bureau of the sample that is mentioned with other entities, other than the queries' default."""
    rows = query_path(graph, """SELECT ?l (COUNT(?m) AS ?n) WHERE { ?b a pk:Bureau ; rdfs:label ?l ; pk:mention ?m .
                                 FILTER(!CONTAINS(STR(?l), "艺术司")) }
                                 GROUP BY ?l ORDER BY DESC(?n) ?l LIMIT 1""").rows
    return rows[0][0]


@pytest.mark.parametrize("stem", ["co_mentions", "entity_mentions", "trace_entity"])
def test_entity_queries_take_a_name(graph, stem):
    text = (QUERIES / f"{stem}.rq").read_text(encoding="utf-8")
    assert "--param name=" in text  # documented in the file
    name = other_bureau(graph)
    default = query_path(graph, text)
    given = query_path(graph, text, params={"name": [name]})
    assert given.rows and given.rows != default.rows
    assert query_path(graph, text, "rdflib", params={"name": [name]}).rows == given.rows
    assert query_path(graph, text, params={"name": ["没有这个机构"]}).rows == ()


def test_triple_to_sentence_takes_a_triple(graph, capsys):
    s, o = query_path(graph, """SELECT ?s ?o WHERE { ?st rdf:subject ?s ; rdf:predicate pk:responsibleFor ;
                                 rdf:object ?o } ORDER BY ?s ?o LIMIT 1""").rows[0]
    rq = str(QUERIES / "triple_to_sentence.rq")
    args = ["query", str(graph), rq, "--format", "csv", "--param", f"s=<{s}>", "--param", "p=pk:responsibleFor",
            "--param", f"o=<{o}>"]
    assert main(args) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("predicate,") and len(rows) >= 2
    assert all(r.startswith("responsibleFor,") for r in rows[1:])
    assert main([*args[:-2]]) == 5  # o missing: the VALUES block needs all three
    assert "needs all of its variables" in capsys.readouterr().err


def test_readme_query_examples_name_files_that_exist():
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in re.findall(r"kg query \S+ (\S+\.rq)", readme):
        assert (ROOT / path).is_file(), path
