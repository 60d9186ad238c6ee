"""Arbitrary documents never crash the pipeline and always give Turtle both engines load."""

from __future__ import annotations

import pyoxigraph
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg import turtle
from kg.model import Document
from kg.pipeline import merge_results
from kg.rdf import triples

# text in the genre's alphabet, mixed with markup, quotes, controls and any other code point
PIECES = ["《", "》", "“", "”", "〈", "〉", "（", "）", "。", "，", "、", "\n", "年", "月", "日", "司", "局", "部",
          "办公室", "条例", "办法", "规划", "工程", "计划", "专项行动", "试点", "十三五", "2017", "2016-2020",
          "</script><script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"', "\\", "\x00", "\x1b",
          "\u2028", "\ufeff", "国家新闻出版广电总局", "负责", "起施行"]
docs = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join)


def _check(pipeline, text: str) -> None:
    from kg.reader import clean_text

    doc = Document("fuzz.txt", clean_text(text), title="t", source="fuzz.txt", sha256="0" * 64)
    corpus = merge_results([pipeline.process(doc)])
    ttl = turtle.serialize(triples(corpus.documents, corpus.entities, corpus.relations, corpus.sentence_of))
    g = Graph()
    g.parse(data=ttl, format="turtle")
    store = pyoxigraph.Store()
    store.load(ttl.encode("utf-8"), pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(g)
    for e in corpus.entities:
        for m in e.mentions:
            assert doc.text[m.start:m.end] == m.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs)
def test_fuzz_any_document_builds_valid_turtle(pipeline, text):
    _check(pipeline, text)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs)
def test_fuzz_ten_thousand_documents(pipeline, text):
    """The long fuzz run (``pytest -m slow``); its result is recorded in benchmarks/RESULTS.md."""
    _check(pipeline, text)
