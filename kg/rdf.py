"""From resolved entities and relations to RDF triples in the project's vocabulary.

:func:`triples` yields plain rdflib terms; :func:`to_graph` loads them into an
``rdflib.Graph`` (the model used for queries and checks), and
:mod:`kg.turtle` writes them as deterministic Turtle without building a graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from . import ids
from .model import DocumentInfo, Entity, Relation
from .vocab import CLASS_IRI, DCTERMS, INSTANCE_BASE, PK, PREDICATE_IRI, PREFIXES, PROV, RDF, RDFS, SKOS, TIME, XSD

__all__ = ["DocumentInfo", "Triple", "date_triples", "new_graph", "plain_triples", "time_value", "to_graph",
           "triples"]

Triple = tuple[URIRef, URIRef, Node]
#: (document id, mention start) → (sentence start, end, text): :attr:`kg.model.Corpus.sentence_of`, or plain tuples
SentenceOf = Mapping[tuple[str, int], tuple[int, int, str]]


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
            sentence_of: SentenceOf | None = None,
            build: tuple[str, str] | None = None) -> Iterator[Triple]:
    """Every triple of the graph: documents, sections, entities with mentions, relations with statements.

    ``sentence_of`` maps (doc_id, mention start) to its sentence (start, end, text). ``build``
    (software version, options as JSON) adds the build's provenance: a ``prov:Activity`` with
    ``pk:softwareVersion``, ``pk:buildOptions`` and ``prov:used`` → each document.
    """
    return _triples(docs, entities, relations, sentence_of, _RDFLIB, build)


def plain_triples(docs: Sequence[DocumentInfo], entities: Sequence[Entity], relations: Sequence[Relation],
                  sentence_of: SentenceOf | None = None,
                  build: tuple[str, str] | None = None
                  ) -> Iterator[tuple[str, str, str | tuple[int, str, str, str]]]:
    """The triples of :func:`triples` as plain strings: (subject IRI, predicate IRI, object key).

    An object is an IRI string, or a literal as its key ``(1, datatype, language, lexical form)``
    (:func:`kg.turtle.term_key`), so that the Turtle writer and the analysis graph need no rdflib
    terms (making them and reading them back is most of their cost).
    """
    return _triples(docs, entities, relations, sentence_of, _PLAIN, build)


class _Terms:
    """How :func:`_triples` writes terms: rdflib terms, or plain strings and term keys."""

    # each a function of the values written (rdflib terms, or plain strings and term keys when ``plain``)
    text: Callable[[str], Any]
    zh: Callable[[str], Any]
    en: Callable[[str], Any]
    integer: Callable[[int], Any]
    decimal: Callable[[float], Any]
    boolean: Callable[[bool], Any]
    term: Callable[[Any], Any]
    ids: tuple[Callable[..., Any], ...]  # entity, document, section, mention and statement IRIs
    iri: Callable[[str], Any]

    def __init__(self, plain: bool) -> None:
        self.plain = plain
        if plain:
            from .turtle import term_key

            self.text = lambda t: (1, "", "", t)
            self.zh = lambda t: (1, "", "zh", t)
            self.en = lambda t: (1, "", "en", t)
            integer = str(XSD.integer)
            self.integer = lambda n: (1, integer, "", str(n))  # what term_key(_int(n)) gives (tests/test_rdf_plain.py)
            self.decimal = lru_cache(maxsize=1 << 10)(lambda x: term_key(_dec(x)))
            self.boolean = lambda b: term_key(Literal(b))
            self.term = term_key
            self.ids = (ids.entity_ref, ids.document_ref, ids.section_ref, ids.mention_ref, ids.statement_ref)
        else:
            self.text = Literal
            self.zh = _lit
            self.en = lambda t: Literal(t, lang="en")
            self.integer, self.decimal, self.boolean = _int, _dec, Literal
            self.term = lambda t: t
            self.ids = (ids.entity_iri, ids.document_iri, ids.section_iri, ids.mention_iri, ids.statement_iri)
        # the vocabulary this module writes, as terms of this kind (attribute look-ups on a Namespace are slow)
        conv: Callable[[URIRef], Any] = str if plain else (lambda t: t)
        self.a = conv(RDF.type)
        self.pk = {n: conv(PK[n]) for n in ("Document", "Section", "Mention", "sha256", "documentNumber", "document",
                                             "heading", "start", "end", "sectionOwner", "englishName", "mentionCount",
                                             "mention", "sentence", "rule", "evidence", "confidence", "inferred",
                                             "reference", "instrument", "level", "sector", "softwareVersion",
                                             "buildOptions")}
        self.prov = {n: conv(PROV[n]) for n in ("Activity", "used")}
        self.iri = str if plain else URIRef
        self.dct = {n: conv(DCTERMS[n]) for n in ("title", "source", "format", "issued")}
        self.label, self.alt = conv(RDFS.label), conv(SKOS.altLabel)
        self.statement = {n: conv(RDF[n]) for n in ("Statement", "subject", "predicate", "object")}
        self.classes = {k: conv(v) for k, v in CLASS_IRI.items()}
        self.predicates = {k: conv(v) for k, v in PREDICATE_IRI.items()}


def _triples(docs: Sequence[DocumentInfo], entities: Sequence[Entity], relations: Sequence[Relation],
             sentence_of: SentenceOf | None, T: _Terms, build: tuple[str, str] | None = None) -> Iterator[Any]:
    """Every triple, in the order written: documents, entities, relations, then the build record."""
    document_iri = T.ids[1]
    doc_iri = {d.doc.doc_id: document_iri(d.doc.doc_id) for d in docs}
    for info in docs:
        yield from _document_triples(info, doc_iri[info.doc.doc_id], T)
    sentence_of = sentence_of or {}
    for e in entities:
        yield from _entity_triples(e, doc_iri, sentence_of, T)
    for r in relations:
        yield from _relation_triples(r, doc_iri, T)
    if build is not None:
        yield from _build_record(docs, doc_iri, build, T)


def _document_triples(info: DocumentInfo, di: Any, T: _Terms) -> Iterator[Any]:
    """A document (``di`` its IRI) and its sections with headings."""
    entity_iri, section_iri = T.ids[0], T.ids[2]
    a, pk, dct, text, zh, integer = T.a, T.pk, T.dct, T.text, T.zh, T.integer
    d = info.doc
    yield di, a, pk["Document"]
    yield di, dct["title"], zh(d.title or d.doc_id)
    yield di, dct["source"], text(d.source or d.doc_id)
    yield di, pk["sha256"], text(d.sha256)
    yield di, dct["format"], text(d.media_type)
    if info.issue_date:
        tv = time_value(info.issue_date)
        if tv is not None:
            yield di, dct["issued"], T.term(Literal(info.issue_date, datatype=tv[1].datatype))
    if info.number:
        yield di, pk["documentNumber"], text(info.number)
    if info.instrument:
        yield di, pk["instrument"], entity_iri(info.instrument)
    for sec in info.sections:
        if not sec.heading:
            continue
        si = section_iri(d.doc_id, sec.index)
        yield si, a, pk["Section"]
        yield si, pk["document"], di
        yield si, pk["heading"], zh(sec.heading)
        yield si, pk["start"], integer(sec.start)
        yield si, pk["end"], integer(sec.end)
        owner = dict(info.owners).get(sec.index)
        if owner:
            yield si, pk["sectionOwner"], entity_iri(owner)


def _entity_triples(e: Entity, doc_iri: Mapping[str, Any], sentence_of: SentenceOf, T: _Terms) -> Iterator[Any]:
    """An entity: its class, names, date value, facts and mentions (each with its sentence)."""
    entity_iri, document_iri, mention_iri = T.ids[0], T.ids[1], T.ids[3]
    a, pk, text, zh, integer, term = T.a, T.pk, T.text, T.zh, T.integer, T.term
    ei = entity_iri(e.key)
    yield ei, a, T.classes[e.type]
    yield ei, T.label, zh(e.label)
    for alt in e.alt_labels:
        yield ei, T.alt, zh(alt)
    if e.english:
        yield ei, pk["englishName"], T.en(e.english)
    if e.type == "Date" and e.value:
        if T.plain:
            yield from ((str(s), str(p), term(o)) for s, p, o in date_triples(URIRef(ei), e.value))
        else:
            yield from date_triples(ei, e.value)
    for name, value in e.info:
        if name in ("level", "sector") and value:
            yield ei, pk[name], text(value)
    yield ei, pk["mentionCount"], integer(sum(1 for m in e.mentions if not m.reference))
    p_mention, p_document, p_start, p_end = pk["mention"], pk["document"], pk["start"], pk["end"]
    p_sentence, p_rule, c_mention, p_reference = pk["sentence"], pk["rule"], pk["Mention"], pk["reference"]
    for m in e.mentions:
        mi = mention_iri(m.doc_id, m.type, m.start, m.end)
        yield ei, p_reference if m.reference else p_mention, mi
        yield mi, a, c_mention
        yield mi, p_document, doc_iri.get(m.doc_id) or document_iri(m.doc_id)
        yield mi, p_start, integer(m.start)
        yield mi, p_end, integer(m.end)
        sent = sentence_of.get((m.doc_id, m.start))
        yield mi, p_sentence, text(sent[2] if sent else m.text)
        yield mi, p_rule, text(m.rule)


def _relation_triples(r: Relation, doc_iri: Mapping[str, Any], T: _Terms) -> Iterator[Any]:
    """A relation, its reification (``rdf:Statement`` with rule, confidence, inferred) and its evidence span."""
    entity_iri, document_iri, mention_iri, statement_iri = T.ids[0], T.ids[1], T.ids[3], T.ids[4]
    a, pk, text, integer = T.a, T.pk, T.text, T.integer
    s, o = entity_iri(r.subject), entity_iri(r.object)
    p = T.predicates[r.predicate]
    yield s, p, o
    ev = r.evidence
    st = statement_iri(r.subject, r.predicate, r.object, ev.doc_id, ev.start, ev.end, r.rule)
    evi = mention_iri(ev.doc_id, "evidence", ev.start, ev.end)
    yield st, a, T.statement["Statement"]
    yield st, T.statement["subject"], s
    yield st, T.statement["predicate"], p
    yield st, T.statement["object"], o
    yield st, pk["evidence"], evi
    yield st, pk["rule"], text(r.rule)
    yield st, pk["confidence"], T.decimal(r.confidence)
    yield st, pk["inferred"], T.boolean(r.inferred)
    yield evi, a, pk["Mention"]
    yield evi, pk["document"], doc_iri.get(ev.doc_id) or document_iri(ev.doc_id)
    yield evi, pk["start"], integer(ev.start)
    yield evi, pk["end"], integer(ev.end)
    yield evi, pk["sentence"], text(ev.sentence)


def _build_record(docs: Sequence[DocumentInfo], doc_iri: Mapping[str, Any], build: tuple[str, str],
                  T: _Terms) -> Iterator[Any]:
    """The build as a prov:Activity: the software version, the options (JSON) and the documents used.

    Its IRI is a hash of all three, so the same build of the same inputs gives the same triples.
    """
    version, options = build
    hashes = "\n".join(sorted(d.doc.sha256 for d in docs))
    digest = hashlib.sha256(f"{version}\n{options}\n{hashes}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
    bi = T.iri(f"{INSTANCE_BASE}build/{digest}")
    yield bi, T.a, T.prov["Activity"]
    yield bi, T.pk["softwareVersion"], T.text(version)
    yield bi, T.pk["buildOptions"], T.text(options)
    for info in docs:
        yield bi, T.prov["used"], doc_iri[info.doc.doc_id]


_RDFLIB = _Terms(plain=False)
_PLAIN = _Terms(plain=True)


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
