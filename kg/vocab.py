"""The project's IRIs, defined once.

``PK`` mirrors the ontology in ``ontology/policy-kg.ttl`` (the one source of
truth; ``tests/test_vocab.py`` checks that every term here is declared there).
``_fail = True`` makes a misspelt term an error instead of a silent new IRI.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
)

from .types import type_names

ONTOLOGY_IRI = "https://w3id.org/policy-kg/ontology#"
INSTANCE_BASE = "https://w3id.org/policy-kg/id/"


class PK(DefinedNamespace):
    """The policy-kg ontology namespace (prefix ``pk:``)."""

    _NS = Namespace(ONTOLOGY_IRI)
    _fail = True

    # entity classes (one per row of kg/data/types.json; tests/test_types.py checks)
    Bureau: URIRef
    Law: URIRef
    Project: URIRef
    Date: URIRef
    Organization: URIRef
    Work: URIRef
    Event: URIRef
    Entity: URIRef
    # provenance classes
    Document: URIRef
    Mention: URIRef
    Section: URIRef
    # relations
    responsibleFor: URIRef
    effectiveDate: URIRef
    period: URIRef
    organizes: URIRef
    issuedBy: URIRef
    basedOn: URIRef
    amends: URIRef
    repeals: URIRef
    instrument: URIRef
    level: URIRef
    sector: URIRef
    reference: URIRef
    softwareVersion: URIRef
    buildOptions: URIRef
    # provenance properties
    mention: URIRef
    document: URIRef
    start: URIRef
    end: URIRef
    sentence: URIRef
    evidence: URIRef
    rule: URIRef
    confidence: URIRef
    inferred: URIRef
    sha256: URIRef
    section: URIRef
    heading: URIRef
    sectionOwner: URIRef
    documentNumber: URIRef
    issueDate: URIRef
    englishName: URIRef
    mentionCount: URIRef


ORG = Namespace("http://www.w3.org/ns/org#")
ID = Namespace(INSTANCE_BASE)

#: Prefixes written in every Turtle file, in this order.
PREFIXES: tuple[tuple[str, str], ...] = (
    ("pk", ONTOLOGY_IRI),
    ("id", INSTANCE_BASE),
    ("org", str(ORG)),
    ("time", str(TIME)),
    ("prov", str(PROV)),
    ("skos", str(SKOS)),
    ("dcterms", str(DCTERMS)),
    ("rdf", str(RDF)),
    ("rdfs", str(RDFS)),
    ("owl", str(OWL)),
    ("xsd", str(XSD)),
)

#: predicate local name → IRI
PREDICATE_IRI: dict[str, URIRef] = {
    "responsibleFor": PK.responsibleFor,
    "effectiveDate": PK.effectiveDate,
    "period": PK.period,
    "organizes": PK.organizes,
    "issuedBy": PK.issuedBy,
    "basedOn": PK.basedOn,
    "amends": PK.amends,
    "repeals": PK.repeals,
    "subOrganizationOf": ORG.subOrganizationOf,
}

#: entity type → class IRI, for every type of the type table (:mod:`kg.types`)
CLASS_IRI: dict[str, URIRef] = {name: PK[name] for name in type_names()}

__all__ = [
    "CLASS_IRI",
    "DCTERMS",
    "ID",
    "INSTANCE_BASE",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PK",
    "PREDICATE_IRI",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SKOS",
    "TIME",
    "XSD",
]
