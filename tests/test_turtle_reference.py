"""The fast Turtle writer writes exactly what the plain algorithm writes, and the graph rdflib reads back."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.turtle import _Namer, serialize
from kg.vocab import PK, PREFIXES, RDF, RDFS, XSD


def reference(triples, prefixes=PREFIXES) -> str:
    """The writer's specification, written plainly: rdflib terms in sets, sorted at the end."""
    namer = _Namer(list(prefixes))
    by_subject: dict = {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, set()).add(o)

    def key(t):
        if isinstance(t, URIRef):
            return (0, str(t), "", "")
        return (1, str(t.datatype or ""), t.language or "", str(t))

    out = [f"@prefix {p}: <{ns}> ." for p, ns in prefixes] + [""]
    for s in sorted(by_subject, key=str):
        lines = []
        for p in sorted(by_subject[s], key=lambda p: (p != RDF.type, str(p))):
            objs = ", ".join(namer.term(o) for o in sorted(by_subject[s][p], key=key))
            lines.append(f"    {'a' if p == RDF.type else namer.iri(str(p))} {objs}")
        out.append(namer.iri(str(s)) + "\n" + " ;\n".join(lines) + " .\n")
    return "\n".join(out)


BASE = "https://w3id.org/policy-kg/id/"
subjects = st.sampled_from([URIRef(f"{BASE}bureau/{i}") for i in range(4)] + [URIRef("http://x.example/路径/é"),
                                                                             URIRef(f"{BASE}mention/x/law-1-2")])
predicates = st.sampled_from([RDF.type, RDFS.label, PK.start, PK.mention, PK.sentence, URIRef("http://x.example/p")])
literals = st.one_of(
    st.builds(lambda t: Literal(t, lang="zh"), st.text(max_size=8)),
    st.builds(lambda t: Literal(t), st.text(max_size=8)),
    st.builds(lambda n: Literal(n, datatype=XSD.integer), st.integers(-5, 5000)),
    st.builds(lambda b: Literal(b), st.booleans()),
    st.builds(lambda t: Literal(t, datatype=XSD.gYear), st.sampled_from(["2017", "2020"])),
    st.builds(lambda x: Literal(f"{x:.2f}", datatype=XSD.decimal), st.floats(0, 1)),
)
objects = st.one_of(subjects, st.sampled_from([PK.Bureau, PK.Law, PK.Mention]), literals)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(subjects, predicates, objects), max_size=40), st.randoms(use_true_random=False))
def test_turtle_matches_the_plain_algorithm(triples, rnd):
    ttl = serialize(triples)
    assert ttl == reference(triples)
    shuffled = list(triples)
    rnd.shuffle(shuffled)
    assert serialize(shuffled) == ttl
    g, ref = Graph(), Graph()
    g.parse(data=ttl, format="turtle")
    for t in triples:
        ref.add(t)
    assert isomorphic(g, ref)


def test_turtle_large_input_in_any_order():
    rng = random.Random(7)
    triples = []
    for i in range(3000):
        m = URIRef(f"{BASE}mention/d{i % 17}/bureau-{i}-{i + 3}")
        triples += [(URIRef(f"{BASE}bureau/{i % 50}"), PK.mention, m), (m, RDF.type, PK.Mention),
                    (m, PK.start, Literal(i, datatype=XSD.integer)), (m, PK.sentence, Literal(f"第{i % 40}句"))]
    ttl = serialize(triples)
    assert ttl == reference(triples)
    rng.shuffle(triples)
    assert serialize(triples + triples[:100]) == ttl  # duplicates dropped
