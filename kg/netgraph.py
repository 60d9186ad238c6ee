"""The analysis graph: an undirected networkx graph of the entities, built from RDF triples.

One node per entity (keyed by IRI, with label, type, English name, mention
count and evidence sentences) and one undirected edge per pair of related
entities (optionally also per pair of entities mentioned in the same sentence),
gathered by :class:`GraphCollector` one triple at a time; plus the views of it
by year. Deterministic (sorted insertion, rounded values), so that output files
are byte-identical from one run to the next. The measures are in
:mod:`kg.centrality`, the drawing positions in :mod:`kg.layout`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypedDict, TypeVar, cast

import networkx as nx
from rdflib import URIRef

from .model import Entity, Relation
from .vocab import CLASS_IRI, DCTERMS, PK, PREDICATE_IRI, RDF, RDFS, SKOS, TIME

#: a plain triple (:func:`kg.rdf.plain_triples`): subject, predicate, object IRI or literal key
_Plain = TypeVar("_Plain", bound=tuple[str, str, Any])
#: Decimals kept in output values (edge weights here, the measures in :mod:`kg.centrality`).
DIGITS = 6
_TYPE_OF = {str(v): k for k, v in CLASS_IRI.items()}
_PRED_OF = {str(v): k for k, v in PREDICATE_IRI.items()}
_TIME_VALUE = {str(TIME.inXSDgYear), str(TIME.inXSDgYearMonth), str(TIME.inXSDDate)}
_RDF_TYPE, _LABEL, _ENGLISH, _COUNT = str(RDF.type), str(RDFS.label), str(PK.englishName), str(PK.mentionCount)
_MENTION, _DOC, _START, _SENTENCE = str(PK.mention), str(PK.document), str(PK.start), str(PK.sentence)
_BOUNDS = (str(TIME.hasBeginning), str(TIME.hasEnd))
_ST_PARTS = {str(RDF.subject): "s", str(RDF.predicate): "p", str(RDF.object): "o"}
_ALT, _REFERENCE, _END, _RULE = str(SKOS.altLabel), str(PK.reference), str(PK.end), str(PK.rule)
_EVIDENCE, _CONFIDENCE, _INFERRED = str(PK.evidence), str(PK.confidence), str(PK.inferred)
_DOCUMENT_CLASS = str(PK.Document)
#: document facts kept for tables and the page: predicate → field name
_DOC_FIELDS = {str(DCTERMS.title): "title", str(DCTERMS.issued): "issued", str(DCTERMS.source): "source",
               str(PK.documentNumber): "number", str(PK.sha256): "sha256"}
_ENTITY_FIELDS = {str(PK.level): "level", str(PK.sector): "sector"}
_INSTRUMENT = str(PK.instrument)
#: the predicates GraphCollector.add reads
_READ = frozenset({_RDF_TYPE, _LABEL, _ENGLISH, _COUNT, _MENTION, _DOC, _START, _SENTENCE, *_TIME_VALUE, *_BOUNDS,
                   *_PRED_OF, *_ST_PARTS, _ALT, _REFERENCE, _END, _RULE, _EVIDENCE, _CONFIDENCE, _INFERRED,
                   *_DOC_FIELDS, *_ENTITY_FIELDS, _INSTRUMENT})
#: evidence sentences kept per entity and document in the analysis graph (the page shows them grouped by document)
SENTENCES_PER_DOCUMENT = 3
#: documents whose sentences are kept per entity
DOCUMENTS_PER_ENTITY = 8


class DocumentRecord(TypedDict):
    """A document as the analysis graph keeps it (``graph.graph["documents"]``)."""

    iri: str
    title: str
    issued: str  # ISO date, or ""
    number: str  # 文号, or ""
    source: str
    sha256: str
    instrument: str  # IRI of the Law the document itself is, or ""


class StatementRecord(TypedDict):
    """One reified relation (``rdf:Statement``) as the analysis graph keeps it on its edge (``"statements"``)."""

    iri: str
    s: str  # subject IRI
    p: str  # predicate local name (responsibleFor …)
    o: str  # object IRI
    confidence: float | None
    inferred: bool
    rule: str
    document: str  # IRI of the document of the evidence
    start: int  # evidence span in that document (-1: unknown)
    end: int
    sentence: str  # the evidence sentence



def rounded(x: float) -> float:
    """Round for output to :data:`DIGITS` decimals (``+ 0.0`` turns ``-0.0`` into ``0.0``)."""
    return round(float(x), DIGITS) + 0.0


def analysis_graph(source: Iterable[Any] | Sequence[Entity], relations: Sequence[Relation] | None = None, *,
                   cooccurrence: bool = False, cooccurrence_weight: float = 0.5, max_sentences: int = 3) -> nx.Graph:
    """Undirected entity graph of an RDF graph (or of any iterable of RDF triples).

    Nodes are entities (IRI → ``label``, ``type``, ``english``, ``mentions``,
    ``sentences``: up to ``max_sentences`` evidence sentences in document order,
    and ``value``/``years`` for dates). Each related pair is one edge with
    ``predicates``, ``relations`` (the number of supporting statements),
    ``source`` (the subject when every relation runs the same way, else "")
    and ``weight``. With ``cooccurrence`` a pair mentioned in the same sentence
    also gets (or reinforces) an edge: ``cooccurrence`` counts such sentences
    and adds ``cooccurrence_weight`` each to ``weight``.

    ``source`` may also be a list of :class:`~kg.model.Entity` with
    ``relations`` (converted through :func:`kg.rdf.triples`).

    Parameters
    ----------
    source : rdflib.Graph or iterable of (s, p, o) triples, or entities
    relations : list of Relation, optional
    cooccurrence : bool
        Add weighted co-occurrence edges (off by default).
    cooccurrence_weight : float
        Weight of one shared sentence.
    max_sentences : int
        Evidence sentences kept per node.

    Returns
    -------
    networkx.Graph

    Examples
    --------
    >>> from kg.model import Entity, Evidence, Relation
    >>> es = [Entity("Bureau:财务司", "Bureau", "财务司"), Entity("Project:户户通", "Project", "户户通")]
    >>> rs = [Relation("Bureau:财务司", "responsibleFor", "Project:户户通", "r", Evidence("d", 0, 5, "…"))]
    >>> g = analysis_graph(es, rs)
    >>> g.number_of_nodes(), g.number_of_edges()
    (2, 1)
    >>> sorted(d["label"] for _, d in g.nodes(data=True))
    ['户户通', '财务司']
    """
    if relations is not None:
        from .rdf import triples

        source = triples((), cast(Sequence[Entity], source), relations)
    collector = GraphCollector()
    add = collector.add
    for s, p, o in cast(Iterable[tuple[Any, Any, Any]], source):
        add(str(s), str(p), o)
    return collector.graph(cooccurrence=cooccurrence, cooccurrence_weight=cooccurrence_weight,
                           max_sentences=max_sentences)


class GraphCollector:
    """What :func:`analysis_graph` reads from the triples, gathered one triple at a time.

    :meth:`feed` passes plain triples (:func:`kg.rdf.plain_triples`) through while reading them,
    so that one pass over the triples feeds both the Turtle writer and the analysis graph.
    """

    def __init__(self) -> None:
        self.types: dict[str, str] = {}
        self.labels: dict[str, list[str]] = defaultdict(list)
        self.english: dict[str, list[str]] = defaultdict(list)
        self.mention_count: dict[str, int] = {}
        self.mentions_of: dict[str, list[str]] = defaultdict(list)
        self.m_doc: dict[str, str] = {}
        self.m_start: dict[str, int] = {}
        self.m_sentence: dict[str, str] = {}
        self.time_values: dict[str, list[str]] = defaultdict(list)
        self.bounds: dict[str, dict[str, str]] = defaultdict(dict)
        self.rel: set[tuple[str, str, str]] = set()
        self.stmt: dict[str, dict[str, str]] = defaultdict(dict)
        self.alt: dict[str, list[str]] = defaultdict(list)
        self.references_of: dict[str, list[str]] = defaultdict(list)
        self.m_end: dict[str, int] = {}
        self.rule_of: dict[str, str] = {}
        self.docs: dict[str, dict[str, str]] = defaultdict(dict)
        self.entity_facts: dict[str, dict[str, str]] = defaultdict(dict)

    def add(self, s: str, p: str, o: Any) -> None:
        """Read one triple (subject and predicate as strings, the object a term or a string)."""
        if p == _RDF_TYPE:
            if str(o) in _TYPE_OF:
                self.types[s] = _TYPE_OF[str(o)]
            elif str(o) == _DOCUMENT_CLASS:
                self.docs[s].setdefault("title", "")
        elif p == _LABEL:
            self.labels[s].append(str(o))
        elif p == _ENGLISH:
            self.english[s].append(str(o))
        elif p == _COUNT:
            self.mention_count[s] = int(o)
        elif p == _MENTION:
            self.mentions_of[s].append(str(o))
        elif p == _DOC:
            self.m_doc[s] = str(o)
        elif p == _START:
            self.m_start[s] = int(o)
        elif p == _SENTENCE:
            self.m_sentence[s] = str(o)
        elif p in _TIME_VALUE:
            self.time_values[s].append(str(o))
        elif p in _BOUNDS:
            self.bounds[s][p] = str(o)
        else:
            self._add_more(s, p, o)

    def _add_more(self, s: str, p: str, o: Any) -> None:
        """:meth:`add` for the predicates it does not test first (relations, statements, facts)."""
        if p in _PRED_OF and isinstance(o, URIRef | str):
            self.rel.add((s, _PRED_OF[p], str(o)))
        elif p in _ST_PARTS:
            self.stmt[s][_ST_PARTS[p]] = str(o)
        elif p == _RULE:
            self.rule_of[s] = str(o)
        elif p == _END:
            self.m_end[s] = int(o)
        elif p == _ALT:
            self.alt[s].append(str(o))
        elif p == _REFERENCE:
            self.references_of[s].append(str(o))
        elif p == _EVIDENCE:
            self.stmt[s]["e"] = str(o)
        elif p == _CONFIDENCE:
            self.stmt[s]["c"] = str(o)
        elif p == _INFERRED:
            self.stmt[s]["i"] = "true" if str(o) in ("true", "1", "True") else "false"
        elif p in _DOC_FIELDS:
            self.docs[s][_DOC_FIELDS[p]] = str(o)
        elif p in _ENTITY_FIELDS:
            self.entity_facts[s][_ENTITY_FIELDS[p]] = str(o)
        elif p == _INSTRUMENT:
            self.docs[s]["instrument"] = str(o)

    def documents(self) -> list[DocumentRecord]:
        """Every document read: ``iri``, ``title``, ``issued``, ``number``, ``source``, ``sha256``, ``instrument``
        (the IRI of the Law the document is, if any), by source, then IRI."""
        keys = ("title", "issued", "number", "source", "sha256", "instrument")
        order = sorted(self.docs, key=lambda d: (self.docs[d].get("source", ""), d))
        return [cast(DocumentRecord, {"iri": d, **{k: self.docs[d].get(k, "") for k in keys}}) for d in order]

    def statements(self) -> list[StatementRecord]:
        """Every relation statement (one per ``rdf:Statement``), sorted by subject, predicate, object, document, start.

        Each: ``iri``, ``s``, ``p`` (local name), ``o``, ``confidence`` (float or None), ``inferred`` (bool),
        ``rule``, ``document`` (IRI), ``start``, ``end``, ``sentence``.
        """
        out: list[StatementRecord] = []
        for st, d in self.stmt.items():
            ev = d.get("e", "")
            conf = d.get("c")
            out.append({"iri": st, "s": d.get("s", ""), "p": _PRED_OF.get(d.get("p", ""), d.get("p", "")),
                        "o": d.get("o", ""), "confidence": float(conf) if conf else None,
                        "inferred": d.get("i") == "true", "rule": self.rule_of.get(st, ""),
                        "document": self.m_doc.get(ev, ""), "start": self.m_start.get(ev, -1),
                        "end": self.m_end.get(ev, -1), "sentence": self.m_sentence.get(ev, "")})
        out.sort(key=lambda r: (r["s"], r["p"], r["o"], r["document"], r["start"], r["rule"], r["iri"]))
        return out

    def evidence(self, iri: str, *, per_document: int = SENTENCES_PER_DOCUMENT,
                 documents: int | None = DOCUMENTS_PER_ENTITY) -> list[tuple[str, str, str]]:
        """An entity's evidence as ``(document IRI, kind, sentence)``, kind ``name`` (pk:mention) or
        ``reference`` (pk:reference, an anaphor), in document order, at most ``per_document`` distinct
        sentences per document and ``documents`` documents (``None``: all)."""
        spans = [(m, "name") for m in set(self.mentions_of.get(iri, ()))]
        spans += [(m, "reference") for m in set(self.references_of.get(iri, ()))]
        spans.sort(key=lambda mk: (self.m_doc.get(mk[0], ""), self.m_start.get(mk[0], 0), mk[1], mk[0]))
        out: list[tuple[str, str, str]] = []
        seen: set[tuple[str, str]] = set()
        per: Counter = Counter()
        for m, kind in spans:
            doc, text = self.m_doc.get(m, ""), self.m_sentence.get(m, "")
            if not text or (doc, text) in seen or per[doc] >= per_document:
                continue
            if doc not in per and documents is not None and len(per) >= documents:
                continue
            seen.add((doc, text))
            per[doc] += 1
            out.append((doc, kind, text))
        return out

    def entity_documents(self, iri: str) -> list[str]:
        """The documents that name or refer to an entity (sorted IRIs)."""
        ms = self.mentions_of.get(iri, ()), self.references_of.get(iri, ())
        return sorted({self.m_doc[m] for group in ms for m in group if m in self.m_doc})

    def feed(self, plain: Iterable[_Plain]) -> Iterator[_Plain]:
        """Pass plain triples through, reading each (an object is an IRI string or a literal's key)."""
        add = self.add
        for t in plain:
            s, p, o = t
            if p in _READ:  # add() ignores the other predicates
                add(s, p, o if type(o) is str else (o[1] if o[0] == 0 else o[3]))
            yield t

    def graph(self, *, cooccurrence: bool = False, cooccurrence_weight: float = 0.5,
              max_sentences: int = 3) -> nx.Graph:
        """The analysis graph of the triples read (see :func:`analysis_graph`)."""
        g = nx.Graph(cooccurrence=cooccurrence)
        self._add_nodes(g, max_sentences)
        directions = self._add_relation_edges(g)
        if cooccurrence:
            self._add_cooccurrence_edges(g)
        statements = self.statements()
        on_edges = 0
        for st in statements:
            s, o = st["s"], st["o"]
            if s != o and g.has_edge(s, o):
                g[s][o].setdefault("statements", []).append(st)
                on_edges += 1
        for u, v, d in g.edges(data=True):
            d["weight"] = rounded(d["relations"] + cooccurrence_weight * d["cooccurrence"])
            subjects = directions.get((u, v), set())
            d["source"] = next(iter(subjects)) if len(subjects) == 1 else ""
        g.graph.update(documents=self.documents(), statements=len(statements), statements_on_edges=on_edges)
        return g

    def _add_nodes(self, g: nx.Graph, max_sentences: int) -> None:
        """One node per typed entity, in IRI order, with its attributes (see :func:`analysis_graph`)."""
        types, labels, english, mention_count = self.types, self.labels, self.english, self.mention_count
        mentions_of, m_doc, m_start, m_sentence = self.mentions_of, self.m_doc, self.m_start, self.m_sentence
        for iri in sorted(types):
            ms = sorted(set(mentions_of.get(iri, ())), key=lambda m: (m_doc.get(m, ""), m_start.get(m, 0), m))
            sentences: list[str] = []
            for m in ms:
                text = m_sentence.get(m, "")
                if text and text not in sentences:
                    sentences.append(text)
                if len(sentences) >= max_sentences:
                    break
            attrs: dict[str, Any] = {
                "label": min(labels[iri]) if labels.get(iri) else iri.rsplit("/", 1)[-1], "type": types[iri],
                "english": min(english[iri]) if english.get(iri) else "",
                "mentions": mention_count.get(iri, len(ms)), "sentences": tuple(sentences),
                "alt_labels": tuple(sorted(set(self.alt.get(iri, ())))),
                "references": len(set(self.references_of.get(iri, ()))),
                "evidence": tuple(self.evidence(iri)), "documents": tuple(self.entity_documents(iri)),
                **self.entity_facts.get(iri, {})}
            if types[iri] == "Date":
                value = _date_value(iri, self.time_values, self.bounds)
                attrs["value"] = value
                attrs["years"] = _years(value)
            g.add_node(iri, **attrs)

    def _add_relation_edges(self, g: nx.Graph) -> dict[tuple[str, str], set[str]]:
        """One edge per related pair of nodes; returns (u, v) → the subjects of its relations."""
        support = Counter((d.get("s"), _PRED_OF.get(d.get("p", ""), ""), d.get("o")) for d in self.stmt.values())
        directions: dict[tuple[str, str], set[str]] = defaultdict(set)
        for s, pred, o in sorted(self.rel):
            if s == o or s not in g or o not in g:
                continue
            u, v = sorted((s, o))
            n = max(support.get((s, pred, o), 0), 1)
            if g.has_edge(u, v):
                d = g[u][v]
                d["relations"] += n
                d["predicates"] = sorted(set(d["predicates"]) | {pred})
            else:
                g.add_edge(u, v, relations=n, predicates=[pred], cooccurrence=0)
            directions[(u, v)].add(s)
        return directions

    def _add_cooccurrence_edges(self, g: nx.Graph) -> None:
        """Count the sentences each pair of nodes shares, on their edge (made when missing)."""
        mentions_of, m_doc, m_sentence = self.mentions_of, self.m_doc, self.m_sentence
        by_sentence: dict[tuple[str, str], set[str]] = defaultdict(set)
        for iri in g:
            for m in mentions_of.get(iri, ()):
                if m in m_sentence:
                    by_sentence[(m_doc.get(m, ""), m_sentence[m])].add(iri)
        pairs: Counter[tuple[str, str]] = Counter()
        for members in by_sentence.values():
            ordered = sorted(members)
            for i, u in enumerate(ordered):
                for v in ordered[i + 1:]:
                    pairs[(u, v)] += 1
        for (u, v), n in sorted(pairs.items()):
            if g.has_edge(u, v):
                g[u][v]["cooccurrence"] = n
            else:
                g.add_edge(u, v, relations=0, predicates=[], cooccurrence=n)


def _date_value(iri: str, values: dict[str, list[str]], bounds: dict[str, dict[str, str]]) -> str:
    """ISO value of a Date node: its own time value, or ``begin/end`` of its interval."""
    if values.get(iri):
        return min(values[iri])
    b = bounds.get(iri, {})
    begin = min(values.get(b.get(str(TIME.hasBeginning), ""), [""]))
    end = min(values.get(b.get(str(TIME.hasEnd), ""), [""]))
    return f"{begin}/{end}" if begin or end else ""


def _years(value: str, max_span: int = 50) -> tuple[int, ...]:
    """Years a date value covers (``2016/2020`` → 2016 … 2020; open or absurd spans → the ends only)."""
    ends = [int(p[:4]) for p in value.split("/") if len(p) >= 4 and p[:4].isdigit()]
    if not ends:
        return ()
    lo, hi = min(ends), max(ends)
    if hi - lo > max_span:
        return tuple(sorted({lo, hi}))
    return tuple(range(lo, hi + 1))


# --------------------------------------------------------------------------- views

def date_years(g: nx.Graph) -> dict[int, list[str]]:
    """Year → the Date nodes whose value falls in (or spans) that year.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_node("d1", type="Date", years=(2016, 2017))
    >>> g.add_node("d2", type="Date", years=(2017,))
    >>> date_years(g)
    {2016: ['d1'], 2017: ['d1', 'd2']}
    """
    out: dict[int, list[str]] = defaultdict(list)
    for n, d in sorted(g.nodes(data=True)):
        if d.get("type") == "Date":
            for y in d.get("years", ()):
                out[y].append(n)
    return dict(sorted(out.items()))


def year_subgraph(g: nx.Graph, year: int) -> nx.Graph:
    """The graph restricted to ``year``'s Date nodes and the entities linked to them.

    Examples
    --------
    >>> g = nx.Graph([("law", "d"), ("law", "bureau"), ("p", "d0")])
    >>> g.nodes["d"].update(type="Date", years=(2017,))
    >>> g.nodes["d0"].update(type="Date", years=(2016,))
    >>> sorted(year_subgraph(g, 2017))
    ['d', 'law']
    """
    dates = date_years(g).get(year, [])
    keep = set(dates)
    for d in dates:
        keep.update(g.neighbors(d))
    return canonical_view(g, keep)


def canonical_view(g: nx.Graph, nodes: Iterable[str]) -> nx.Graph:
    """The subgraph of ``nodes`` as a new graph, nodes and edges inserted in sorted order (with their data)."""
    h = nx.Graph()
    keep = set(nodes)
    h.add_nodes_from((n, g.nodes[n]) for n in sorted(keep))
    h.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in g.subgraph(keep).edges(data=True)))
    return h


def activity_by_year(g: nx.Graph, types: Sequence[str] = ("Bureau", "Project")) -> dict[int, dict[str, list[str]]]:
    """Year → type → the labels of entities of ``types`` active that year: named in a document issued
    that year, or linked to a date that falls in (or spans) it.

    Examples
    --------
    >>> g = nx.Graph([("b", "d"), ("p", "d")])
    >>> g.nodes["b"].update(type="Bureau", label="财务司")
    >>> g.nodes["p"].update(type="Project", label="户户通")
    >>> g.nodes["d"].update(type="Date", years=(2016, 2017))
    >>> activity_by_year(g)
    {2016: {'Bureau': ['财务司'], 'Project': ['户户通']}, 2017: {'Bureau': ['财务司'], 'Project': ['户户通']}}
    """
    doc_year = {d["iri"]: int(d["issued"][:4]) for d in g.graph.get("documents", ())
                if d.get("issued", "")[:4].isdigit()}
    out: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for n, d in g.nodes(data=True):
        t = d.get("type")
        if t not in types:
            continue
        years = {doc_year[x] for x in d.get("documents", ()) if x in doc_year}
        for m in g.neighbors(n):
            if g.nodes[m].get("type") == "Date":
                years.update(g.nodes[m].get("years", ()))
        for y in years:
            out[y][t].add(d.get("label", n))
    return {y: {t: sorted(out[y][t]) for t in types if out[y].get(t)} for y in sorted(out)}
