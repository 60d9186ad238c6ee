"""The Turtle writer: valid for rdflib and Oxigraph whatever the text, and byte-stable."""

from __future__ import annotations

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.turtle import escape_string, serialize
from kg.vocab import PK, RDF, RDFS, XSD

S = URIRef("https://w3id.org/policy-kg/id/law/0123456789abcdef")


def _roundtrip(ttl: str) -> Graph:
    g = Graph()
    g.parse(data=ttl, format="turtle")
    return g


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_turtle_any_label_loads_in_rdflib_and_oxigraph(label):
    triples = [(S, RDF.type, PK.Law), (S, RDFS.label, Literal(label, lang="zh"))]
    ttl = serialize(triples)
    g = _roundtrip(ttl)
    assert len(g) == 2
    store = pyoxigraph.Store()
    store.load(ttl.encode("utf-8"), pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == 2
    got = str(g.value(S, RDFS.label))
    # surrogates are replaced; everything else survives exactly
    expected = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in label)
    assert got == expected


def test_turtle_is_deterministic_regardless_of_input_order():
    triples = [(S, RDFS.label, Literal("乙", lang="zh")), (S, RDF.type, PK.Law),
               (S, RDFS.label, Literal("甲", lang="zh")),
               (S, PK.start, Literal(3, datatype=XSD.integer))]
    assert serialize(triples) == serialize(list(reversed(triples)))
    ttl = serialize(triples)
    assert ttl.index('"乙"@zh') < ttl.index('"甲"@zh')  # objects in code-point order


def test_turtle_typed_literals_keep_their_datatype():
    triples = [(S, PK.start, Literal(3, datatype=XSD.integer)), (S, PK.inferred, Literal(True)),
               (S, PK.confidence, Literal("0.50", datatype=XSD.decimal)),
               (S, URIRef("http://www.w3.org/2006/time#inXSDgYear"), Literal("2017", datatype=XSD.gYear))]
    ttl = serialize(triples)
    assert "pk:start 3" in ttl and "pk:inferred true" in ttl and '"2017"^^xsd:gYear' in ttl
    g = Graph()
    g.parse(data=ttl, format="turtle")
    ref = Graph()
    for t in triples:
        ref.add(t)
    assert isomorphic(g, ref)


def test_turtle_escape_control_characters():
    assert escape_string('a"b\\c\nd\x00') == 'a\\"b\\\\c\\nd\\u0000'


def test_turtle_refuses_blank_nodes():
    from rdflib import BNode

    with pytest.raises(TypeError, match="blank nodes"):
        serialize([(S, PK.mention, BNode())])
