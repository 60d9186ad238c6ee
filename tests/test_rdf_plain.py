"""kg.rdf.plain_triples: the same graph as kg.rdf.triples, for the Turtle writer and the analysis graph."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg import turtle
from kg.analysis import GraphCollector, analysis_graph
from kg.api import build
from kg.rdf import _PLAIN, _int, plain_triples, triples


def _same_graph(g1, g2) -> bool:
    return (list(g1.nodes(data=True)) == list(g2.nodes(data=True))
            and list(g1.edges(data=True)) == list(g2.edges(data=True)))


def test_plain_triples_write_the_same_turtle_and_graph_as_rdflib_terms():
    corpus = build(out_dir=None).corpus
    args = (corpus.documents, corpus.entities, corpus.relations, corpus.sentence_of)
    collector = GraphCollector()
    text = turtle.serialize_plain(collector.feed(plain_triples(*args)))
    assert text == turtle.serialize(triples(*args))
    assert _same_graph(collector.graph(), analysis_graph(triples(*args)))
    assert _same_graph(collector.graph(cooccurrence=True), analysis_graph(triples(*args), cooccurrence=True))


def test_plain_triples_match_rdflib_terms_one_by_one():
    corpus = build(out_dir=None).corpus
    args = (corpus.documents, corpus.entities, corpus.relations, corpus.sentence_of)
    plain = list(plain_triples(*args))
    terms = list(triples(*args))
    assert len(plain) == len(terms)
    for (s, p, o), (ts, tp, to) in zip(plain, terms, strict=True):
        assert (s, p) == (str(ts), str(tp))
        assert ((0, o, "", "") if isinstance(o, str) else o) == turtle.term_key(to)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_plain_integer_is_the_rdflib_literal(n):
    assert _PLAIN.integer(n) == turtle.term_key(_int(n))
