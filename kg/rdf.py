"""From resolved entities and relations to RDF triples in the project's vocabulary.

:func:`triples` yields plain rdflib terms; :func:`to_graph` loads them into an
``rdflib.Graph`` (the model used for queries and checks), and
:mod:`kg.turtle` writes them as deterministic Turtle without building a graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from . import ids
from .model import Document, Entity, Relation, Section
from .vocab import CLASS_IRI, DCTERMS, PK, PREDICATE_IRI, PREFIXES, RDF, RDFS, SKOS, TIME, XSD

Triple = tuple[URIRef, URIRef, Node]


@dataclass(frozen=True)
class DocumentInfo:
    """What the graph records of one document: the document, its sections and section owners."""

    doc: Document
    sections: tuple[Section, ...] = ()
    sentences: tuple[tuple[int, int, str], ...] = ()  # (start, end, text) of sentences holding a mention
    issue_date: str = ""
    number: str = ""  # 文号
    owners: tuple[tuple[int, str], ...] = ()  # (section index, owner entity key)


def _lit(text: str) -> Literal:
    return Literal(text, lang="zh")


@lru_cache(maxsize=1 << 16)
def _int(n: int) -> Literal:
    # cached: offsets repeat across a corpus, and making an rdflib Literal is slow (literals are immutable)
    return Literal(n, datatype=XSD.integer)


@lru_cache(maxsize=1 << 10)
def _dec(x: float) -> Literal:
    return Literal(f"{x:.2f}", datatype=XSD.decimal)


def time_value(value: str) -> tuple[URIRef, Literal] | None:
    """The OWL-Time property and typed literal of one ISO value (2017, 2017-03, 2017-03-01)."""
    if len(value) == 4 and value.isdigit():
        return TIME.inXSDgYear, Literal(value, datatype=XSD.gYear)
    if len(value) == 7 and value[4] == "-":
        return TIME.inXSDgYearMonth, Literal(value, datatype=XSD.gYearMonth)
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return TIME.inXSDDate, Literal(value, datatype=XSD.date)
    return None


def date_triples(iri: URIRef, value: str) -> Iterator[Triple]:
    """OWL-Time description of a date value: a single value, or a span with beginning and end instants."""
    if "/" in value:
        begin, _, end = value.partition("/")
        yield iri, RDF.type, TIME.ProperInterval
        for prop, part in ((TIME.hasBeginning, begin), (TIME.hasEnd, end)):
            tv = time_value(part)
            if tv is None:
                continue
            inst = ids.instant_iri(part)
            yield iri, prop, inst
            yield inst, RDF.type, TIME.Instant
            yield inst, tv[0], tv[1]
        return
    tv = time_value(value)
    if tv is not None:
        yield iri, RDF.type, TIME.Instant
        yield iri, tv[0], tv[1]


def triples(docs: Sequence[DocumentInfo], entities: Sequence[Entity], relations: Sequence[Relation],
            sentence_of: dict[tuple[str, int], tuple[int, int, str]] | None = None) -> Iterator[Triple]:
    """Every triple of the graph: documents, sections, entities with mentions, relations with statements.

    ``sentence_of`` maps (doc_id, mention start) to its sentence (start, end, text).
    """
    sentence_of = sentence_of or {}
    doc_iri = {d.doc.doc_id: ids.document_iri(d.doc.doc_id) for d in docs}
    for info in docs:
        d = info.doc
        di = doc_iri[d.doc_id]
        yield di, RDF.type, PK.Document
        yield di, DCTERMS.title, _lit(d.title or d.doc_id)
        yield di, DCTERMS.source, Literal(d.source or d.doc_id)
        yield di, PK.sha256, Literal(d.sha256)
        yield di, DCTERMS["format"], Literal(d.media_type)
        if info.issue_date:
            tv = time_value(info.issue_date)
            if tv is not None:
                yield di, DCTERMS.issued, Literal(info.issue_date, datatype=tv[1].datatype)
        if info.number:
            yield di, PK.documentNumber, Literal(info.number)
        for sec in info.sections:
            if not sec.heading:
                continue
            si = ids.section_iri(d.doc_id, sec.index)
            yield si, RDF.type, PK.Section
            yield si, PK.document, di
            yield si, PK.heading, _lit(sec.heading)
            yield si, PK.start, _int(sec.start)
            yield si, PK.end, _int(sec.end)
            owner = dict(info.owners).get(sec.index)
            if owner:
                yield si, PK.sectionOwner, ids.entity_iri(owner)
    for e in entities:
        ei = ids.entity_iri(e.key)
        yield ei, RDF.type, CLASS_IRI[e.type]
        yield ei, RDFS.label, _lit(e.label)
        for alt in e.alt_labels:
            yield ei, SKOS.altLabel, _lit(alt)
        if e.english:
            yield ei, PK.englishName, Literal(e.english, lang="en")
        if e.type == "Date" and e.value:
            yield from date_triples(ei, e.value)
        yield ei, PK.mentionCount, _int(len(e.mentions))
        for m in e.mentions:
            mi = ids.mention_iri(m.doc_id, m.type, m.start, m.end)
            yield ei, PK.mention, mi
            yield mi, RDF.type, PK.Mention
            yield mi, PK.document, doc_iri.get(m.doc_id) or ids.document_iri(m.doc_id)
            yield mi, PK.start, _int(m.start)
            yield mi, PK.end, _int(m.end)
            sent = sentence_of.get((m.doc_id, m.start))
            yield mi, PK.sentence, Literal(sent[2] if sent else m.text)
            yield mi, PK.rule, Literal(m.rule)
    for r in relations:
        s, o = ids.entity_iri(r.subject), ids.entity_iri(r.object)
        p = PREDICATE_IRI[r.predicate]
        yield s, p, o
        st = ids.statement_iri(r.subject, r.predicate, r.object, r.evidence.doc_id, r.evidence.start, r.evidence.end, r.rule)
        ev = ids.mention_iri(r.evidence.doc_id, "evidence", r.evidence.start, r.evidence.end)
        yield st, RDF.type, RDF.Statement
        yield st, RDF.subject, s
        yield st, RDF.predicate, p
        yield st, RDF.object, o
        yield st, PK.evidence, ev
        yield st, PK.rule, Literal(r.rule)
        yield st, PK.confidence, _dec(r.confidence)
        yield st, PK.inferred, Literal(r.inferred)
        yield ev, RDF.type, PK.Mention
        yield ev, PK.document, doc_iri.get(r.evidence.doc_id) or ids.document_iri(r.evidence.doc_id)
        yield ev, PK.start, _int(r.evidence.start)
        yield ev, PK.end, _int(r.evidence.end)
        yield ev, PK.sentence, Literal(r.evidence.sentence)


def new_graph() -> Graph:
    """An empty graph with only the project's prefixes bound (no rdflib defaults)."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES:
        g.bind(prefix, ns)
    return g


def to_graph(ts: Iterable[Triple]) -> Graph:
    """Load triples into an rdflib graph."""
    g = new_graph()
    for t in ts:
        g.add(t)
    return g
