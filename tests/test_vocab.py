"""kg/vocab.py and ontology/policy-kg.ttl declare the same vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, TIME

from kg.vocab import CLASS_IRI, ONTOLOGY_IRI, ORG, PK, PREDICATE_IRI

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "policy-kg.ttl"
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
PK_TERMS = tuple(PK.__annotations__)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph(bind_namespaces="core").parse(ONTOLOGY, format="turtle")


def _declared_kinds(g: Graph, term: URIRef) -> set[URIRef]:
    return {k for k in g.objects(term, RDF.type) if k in DECLARATIONS}


def _languages(g: Graph, term: URIRef, prop: URIRef) -> set[str]:
    return {o.language for o in g.objects(term, prop) if isinstance(o, Literal) and o.language and str(o).strip()}


@pytest.mark.parametrize("name", PK_TERMS)
def test_vocab_term_declared_with_labels(onto: Graph, name: str) -> None:
    term = PK[name]
    kinds = _declared_kinds(onto, term)
    assert len(kinds) == 1, f"pk:{name} is declared as {sorted(kinds)}"
    assert {"zh", "en"} <= _languages(onto, term, RDFS.label), f"pk:{name} lacks a zh or en rdfs:label"
    assert {"zh", "en"} <= _languages(onto, term, RDFS.comment), f"pk:{name} lacks a zh or en rdfs:comment"


def test_vocab_ontology_declares_nothing_outside_pk(onto: Graph) -> None:
    declared = {s for kind in DECLARATIONS for s in onto.subjects(RDF.type, kind) if str(s).startswith(ONTOLOGY_IRI)}
    unknown = sorted(str(s)[len(ONTOLOGY_IRI):] for s in declared if str(s)[len(ONTOLOGY_IRI):] not in PK_TERMS)
    assert unknown == []
    assert len(declared) == len(PK_TERMS)


def test_vocab_every_pk_iri_used_is_a_term(onto: Graph) -> None:
    used = {t for triple in onto for t in triple if isinstance(t, URIRef) and str(t).startswith(ONTOLOGY_IRI)}
    stray = sorted(str(t) for t in used if str(t)[len(ONTOLOGY_IRI):] not in PK_TERMS)
    assert stray == []


def test_vocab_ontology_has_no_blank_nodes(onto: Graph) -> None:
    assert not any(isinstance(t, BNode) for triple in onto for t in triple)


def test_vocab_ontology_header(onto: Graph) -> None:
    headers = list(onto.subjects(RDF.type, OWL.Ontology))
    assert len(headers) == 1
    header = headers[0]
    assert str(header).rstrip("#/") == ONTOLOGY_IRI.rstrip("#")
    assert onto.value(header, OWL.versionInfo) is not None
    assert {"zh", "en"} <= _languages(onto, header, DCTERMS.title)
    assert isinstance(onto.value(header, DCTERMS.license), URIRef)


def test_vocab_classes_and_properties_have_the_right_kind(onto: Graph) -> None:
    for iri in CLASS_IRI.values():
        assert _declared_kinds(onto, iri) == {OWL.Class}
        assert (iri, RDFS.subClassOf, PK.Entity) in onto
    for name, iri in PREDICATE_IRI.items():
        if iri == ORG.subOrganizationOf:
            continue  # reused from W3C ORG, not redeclared
        assert _declared_kinds(onto, iri) == {OWL.ObjectProperty}, name
    for name in ("start", "end", "sentence", "rule", "confidence", "inferred", "sha256", "heading", "mentionCount"):
        assert _declared_kinds(onto, PK[name]) == {OWL.DatatypeProperty}, name
    for name in ("mention", "document", "evidence", "section", "sectionOwner"):
        assert _declared_kinds(onto, PK[name]) == {OWL.ObjectProperty}, name


def test_vocab_reuses_w3c_vocabularies(onto: Graph) -> None:
    assert (PK.Bureau, RDFS.subClassOf, ORG.Organization) in onto
    assert (PK.Date, RDFS.subClassOf, TIME.TemporalEntity) in onto
    for cls in (PK.Document, PK.Mention):
        assert (cls, RDFS.subClassOf, PROV.Entity) in onto
    assert (PK.evidence, RDFS.subPropertyOf, PROV.wasDerivedFrom) in onto


SCHEMA = URIRef("https://schema.org/")


@pytest.mark.parametrize(
    ("prop", "domains", "ranges"),
    [
        ("responsibleFor", {"Bureau"}, {"Project", "Law"}),
        ("effectiveDate", {"Law"}, {"Date"}),
        ("period", {"Project", "Law"}, {"Date"}),
        ("organizes", {"Bureau"}, {"Event", "Project"}),
        ("issuedBy", {"Law"}, {"Bureau"}),
        ("sectionOwner", {"Section"}, {"Bureau"}),
    ],
)
def test_vocab_relation_domains_and_ranges(onto: Graph, prop: str, domains: set[str], ranges: set[str]) -> None:
    term = PK[prop]
    includes_domain = {o for o in onto.objects(term, URIRef(f"{SCHEMA}domainIncludes"))}
    includes_range = {o for o in onto.objects(term, URIRef(f"{SCHEMA}rangeIncludes"))}
    domain = includes_domain or set(onto.objects(term, RDFS.domain))
    range_ = includes_range or set(onto.objects(term, RDFS.range))
    assert domain == {PK[d] for d in domains}
    assert range_ == {PK[r] for r in ranges}
    # a single rdfs:domain / rdfs:range, general enough for every listed member
    for listed, prop_ in ((domain, RDFS.domain), (range_, RDFS.range)):
        declared = list(onto.objects(term, prop_))
        assert len(declared) == 1
        if len(listed) > 1:
            assert all((m, RDFS.subClassOf, declared[0]) in onto for m in listed)
