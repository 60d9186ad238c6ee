"""Read-only SPARQL: updates refused, malformed queries reported, three output formats."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import QueryError
from kg.query import format_result, is_update, run_query
from kg.vocab import PK, RDF, RDFS


@pytest.fixture()
def graph():
    g = Graph(bind_namespaces="none")
    for i, name in enumerate(["电影局", "宣传司"]):
        s = URIRef(f"https://w3id.org/policy-kg/id/bureau/{i}")
        g.add((s, RDF.type, PK.Bureau))
        g.add((s, RDFS.label, Literal(name, lang="zh")))
    return g


Q = """PREFIX pk: <https://w3id.org/policy-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?label WHERE { ?b a pk:Bureau ; rdfs:label ?label } ORDER BY ?label"""


def test_query_select_rows(graph):
    r = run_query(graph, Q)
    assert r.variables == ("label",)
    assert [row[0] for row in r.rows] == sorted(["电影局", "宣传司"])


@pytest.mark.parametrize("q", ["INSERT DATA { <a:b> <a:c> <a:d> }", "DELETE WHERE { ?s ?p ?o }", "drop all",
                               "PREFIX x: <a:> CLEAR GRAPH <a:g>"])
def test_query_refuses_updates(graph, q):
    with pytest.raises(QueryError, match="read-only"):
        run_query(graph, q)


def test_query_keywords_inside_strings_are_not_updates():
    assert not is_update('SELECT * WHERE { ?s ?p "INSERT DATA" } # DELETE')


def test_query_malformed_is_a_query_error(graph):
    with pytest.raises(QueryError, match="malformed SPARQL"):
        run_query(graph, "SELEC ?x WHERE {")


def test_query_formats(graph):
    r = run_query(graph, Q)
    assert format_result(r, "csv").splitlines()[0] == "label"
    data = json.loads(format_result(r, "json"))
    assert len(data["results"]["bindings"]) == 2
    assert "(2 rows)" in format_result(r, "table")
