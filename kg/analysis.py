"""Network analysis of the knowledge graph (networkx).

The analysis graph is derived from the RDF graph: one node per entity (keyed by
IRI, with label, type, English name, mention count and evidence sentences) and
one undirected edge per pair of related entities (optionally also per pair of
entities mentioned in the same sentence). Each measure is a function in the
style of networkx — graph first, options as keywords, a dict back — and
:func:`centrality` gathers them into one sorted table. Everything is
deterministic (sorted insertion, fixed seeds, rounded values) so that output
files are byte-identical from one run to the next.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
from rdflib import URIRef

from .model import Entity, Relation
from .vocab import CLASS_IRI, DCTERMS, PK, PREDICATE_IRI, RDF, RDFS, SKOS, TIME

DIGITS = 6
#: Betweenness is exact up to this many nodes, sampled above (exact costs O(nodes × edges)).
BETWEENNESS_THRESHOLD = 2000
#: Pivots sampled for betweenness on graphs above the threshold.
BETWEENNESS_K = 500

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


@dataclass(frozen=True)
class NodeScores:
    """Centrality of one entity."""

    iri: str
    label: str
    type: str
    degree: int
    degree_centrality: float
    betweenness: float
    pagerank: float
    eigenvector: float
    closeness: float
    community: int
    mentions: int
    english: str = ""


def _r(x: float) -> float:
    """Round for output (``+ 0.0`` turns ``-0.0`` into ``0.0``)."""
    return round(float(x), DIGITS) + 0.0


# --------------------------------------------------------------------------- the graph

def analysis_graph(source: Iterable | Sequence[Entity], relations: Sequence[Relation] | None = None, *,
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

        source = triples((), source, relations)
    collector = GraphCollector()
    add = collector.add
    for s, p, o in source:
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

    def add(self, s: str, p: str, o) -> None:
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
        elif p in _PRED_OF and isinstance(o, URIRef | str):
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

    def documents(self) -> list[dict[str, str]]:
        """Every document read: ``iri``, ``title``, ``issued``, ``number``, ``source``, ``sha256``, ``instrument``
        (the IRI of the Law the document is, if any), by source, then IRI."""
        keys = ("title", "issued", "number", "source", "sha256", "instrument")
        order = sorted(self.docs, key=lambda d: (self.docs[d].get("source", ""), d))
        return [{"iri": d, **{k: self.docs[d].get(k, "") for k in keys}} for d in order]

    def statements(self) -> list[dict[str, object]]:
        """Every relation statement (one per ``rdf:Statement``), sorted by subject, predicate, object, document, start.

        Each: ``iri``, ``s``, ``p`` (local name), ``o``, ``confidence`` (float or None), ``inferred`` (bool),
        ``rule``, ``document`` (IRI), ``start``, ``end``, ``sentence``.
        """
        out = []
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

    def feed(self, plain: Iterable[tuple[str, str, object]]) -> Iterator[tuple[str, str, object]]:
        """Pass plain triples through, reading each (an object is an IRI string or a literal's key)."""
        add = self.add
        for t in plain:
            s, p, o = t
            if p in _READ:  # add() ignores the other predicates
                add(s, p, o if type(o) is str else (o[1] if o[0] == 0 else o[3]))
            yield t

    def graph(self, *, cooccurrence: bool = False, cooccurrence_weight: float = 0.5, max_sentences: int = 3) -> nx.Graph:
        """The analysis graph of the triples read (see :func:`analysis_graph`)."""
        types, labels, english, mention_count = self.types, self.labels, self.english, self.mention_count
        mentions_of, m_doc, m_start, m_sentence = self.mentions_of, self.m_doc, self.m_start, self.m_sentence
        time_values, bounds, rel, stmt = self.time_values, self.bounds, self.rel, self.stmt
        support = Counter((d.get("s"), _PRED_OF.get(d.get("p", ""), ""), d.get("o")) for d in stmt.values())
        g = nx.Graph(cooccurrence=cooccurrence)
        for iri in sorted(types):
            ms = sorted(set(mentions_of.get(iri, ())), key=lambda m: (m_doc.get(m, ""), m_start.get(m, 0), m))
            sentences: list[str] = []
            for m in ms:
                text = m_sentence.get(m, "")
                if text and text not in sentences:
                    sentences.append(text)
                if len(sentences) >= max_sentences:
                    break
            attrs = {"label": min(labels[iri]) if labels.get(iri) else iri.rsplit("/", 1)[-1], "type": types[iri],
                     "english": min(english[iri]) if english.get(iri) else "",
                     "mentions": mention_count.get(iri, len(ms)), "sentences": tuple(sentences),
                     "alt_labels": tuple(sorted(set(self.alt.get(iri, ())))),
                     "references": len(set(self.references_of.get(iri, ()))),
                     "evidence": tuple(self.evidence(iri)), "documents": tuple(self.entity_documents(iri)),
                     **self.entity_facts.get(iri, {})}
            if types[iri] == "Date":
                value = _date_value(iri, time_values, bounds)
                attrs["value"] = value
                attrs["years"] = _years(value)
            g.add_node(iri, **attrs)
        directions: dict[tuple[str, str], set[str]] = defaultdict(set)
        for s, pred, o in sorted(rel):
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
        if cooccurrence:
            by_sentence: dict[tuple[str, str], set[str]] = defaultdict(set)
            for iri in g:
                for m in mentions_of.get(iri, ()):
                    if m in m_sentence:
                        by_sentence[(m_doc.get(m, ""), m_sentence[m])].add(iri)
            pairs: Counter = Counter()
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
        statements = self.statements()
        on_edges = 0
        for st in statements:
            s, o = st["s"], st["o"]
            if s != o and g.has_edge(s, o):
                g[s][o].setdefault("statements", []).append(st)
                on_edges += 1
        for u, v, d in g.edges(data=True):
            d["weight"] = _r(d["relations"] + cooccurrence_weight * d["cooccurrence"])
            subjects = directions.get((u, v), set())
            d["source"] = next(iter(subjects)) if len(subjects) == 1 else ""
        g.graph.update(documents=self.documents(), statements=len(statements), statements_on_edges=on_edges)
        return g


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


# --------------------------------------------------------------------------- measures

def degree(g: nx.Graph) -> dict[str, float]:
    """Degree centrality: the share of other nodes each node is linked to.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> degree(g)
    {'a': 0.5, 'b': 1.0, 'c': 0.5}
    """
    if g.number_of_nodes() <= 1:
        return {n: 0.0 for n in g}
    return {n: _r(v) for n, v in nx.degree_centrality(g).items()}


def betweenness(g: nx.Graph, *, k: int | None = BETWEENNESS_K, threshold: int | None = BETWEENNESS_THRESHOLD,
                seed: int = 42) -> dict[str, float]:
    """Normalised betweenness centrality (unweighted shortest paths).

    Exact up to ``threshold`` nodes; above it, estimated from ``k`` pivot nodes
    drawn with a fixed ``seed`` (so repeated runs agree). ``k=None`` (or
    ``k < 2``) or ``threshold=None`` always computes it exactly. The values are networkx's
    (``betweenness_centrality(g, k, seed=seed)``, same pivots, same scaling),
    computed by Brandes' algorithm in matrix form, many sources at once, which
    is tens of times faster than networkx's per-source loop.

    Examples
    --------
    >>> betweenness(nx.path_graph(["a", "b", "c"]))
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    import random

    nodes = list(g)
    n = len(nodes)
    sample = k is not None and 2 <= k < n and threshold is not None and n > threshold
    sources = random.Random(seed).sample(nodes, k) if sample else nodes
    raw = _brandes(g, nodes, sources)
    big_n = n - 1  # endpoints excluded: a node is never the target of the paths it lies on
    if big_n < 2:
        return {v: 0.0 for v in nodes}
    if not sample:
        scale = {v: 1 / (big_n * (big_n - 1)) for v in nodes}
    else:
        picked = set(sources)
        scale = {v: 1 / ((k - 1) * (big_n - 1)) if v in picked else 1 / (k * (big_n - 1)) for v in nodes}
    return {v: _r(raw[i] * scale[v]) for i, v in enumerate(nodes)}


def _brandes(g: nx.Graph, nodes: list[str], sources: list[str], batch: int = 128) -> np.ndarray:
    """Sum over ``sources`` of each node's pair dependencies (Brandes), by breadth-first search in matrix form.

    For a batch of sources at once: path counts spread level by level as
    ``A @ frontier``; dependencies flow back as ``σ_v · A @ ((1 + δ_w) / σ_w)``
    over the next level. Sources themselves are excluded (no endpoints).
    """
    n = len(nodes)
    out = np.zeros(n)
    if n == 0 or not sources:
        return out
    index = {v: i for i, v in enumerate(nodes)}
    a = nx.to_scipy_sparse_array(g, nodelist=nodes, weight=None, dtype=float, format="csr")
    a.data[:] = 1.0
    src = np.array([index[v] for v in sources])
    for lo in range(0, len(src), batch):
        cols = src[lo:lo + batch]
        b = len(cols)
        dist = np.full((n, b), -1, dtype=np.int32)
        sigma = np.zeros((n, b))
        dist[cols, np.arange(b)] = 0
        sigma[cols, np.arange(b)] = 1.0
        frontier = sigma.copy()
        depth = 0
        while True:
            reach = a @ frontier
            reach[dist >= 0] = 0.0
            new = reach > 0
            if not new.any():
                break
            depth += 1
            dist[new] = depth
            sigma[new] = reach[new]
            frontier = reach
        delta = np.zeros((n, b))
        for level in range(depth - 1, 0, -1):
            nxt = dist == level + 1
            coef = np.zeros((n, b))
            coef[nxt] = (1.0 + delta[nxt]) / sigma[nxt]
            pull = a @ coef
            here = dist == level
            delta[here] = sigma[here] * pull[here]
        out += delta.sum(axis=1)
    return out


def pagerank(g: nx.Graph, *, alpha: float = 0.85, weight: str | None = "weight") -> dict[str, float]:
    """PageRank of the undirected graph (edge weight = strength of the tie).

    Examples
    --------
    >>> pr = pagerank(nx.path_graph(["a", "b", "c"]))
    >>> pr["b"], pr["a"]
    (0.486486, 0.256757)
    """
    if g.number_of_nodes() == 0:
        return {}
    return {n: _r(v) for n, v in nx.pagerank(g, alpha=alpha, weight=weight).items()}


def eigenvector(g: nx.Graph, *, weight: str | None = "weight", max_iter: int = 1000,
                tol: float = 1e-08) -> dict[str, float]:
    """Eigenvector centrality, computed per connected component.

    On a connected graph this is networkx's ``eigenvector_centrality`` (unit
    Euclidean norm; the same power iteration, on a sparse matrix). On a disconnected graph — where
    ``eigenvector_centrality_numpy`` raises and power iteration favours one
    component — each component's unit vector is scaled by the square root of
    its share of the nodes, so the whole vector still has norm ≤ 1 and
    components are comparable. When power iteration does not converge within
    ``max_iter`` the component is solved directly (numpy ``eigh``, or scipy
    for large components); should that fail too, its nodes get their
    normalised degree. Isolated nodes get 0.

    Examples
    --------
    >>> ev = eigenvector(nx.path_graph(["a", "b", "c"]), weight=None)
    >>> ev["a"], ev["b"]
    (0.5, 0.707107)
    >>> ev = eigenvector(nx.Graph([("a", "b"), ("c", "d")]))
    >>> ev["a"], ev["c"]
    (0.5, 0.5)
    """
    out = {n: 0.0 for n in g}
    n_total = max(g.number_of_nodes(), 1)
    for comp in nx.connected_components(g):
        if len(comp) < 2:
            continue
        sub = nx.Graph(g.subgraph(comp))
        try:
            ev = _power_iteration(sub, weight, max_iter, tol)
        except nx.PowerIterationFailedConvergence:
            try:
                ev = _eigenvector_solve(sub, weight)
            except (nx.NetworkXException, np.linalg.LinAlgError, ArithmeticError, ValueError, RuntimeError, TypeError):
                deg = dict(sub.degree(weight=weight))
                norm = math.sqrt(sum(x * x for x in deg.values())) or 1.0
                ev = {k: x / norm for k, x in deg.items()}
        scale = math.sqrt(len(comp) / n_total)
        for k, v in ev.items():
            out[k] = _r(abs(v) * scale)
    return out


def _power_iteration(sub: nx.Graph, weight: str | None, max_iter: int, tol: float) -> dict[str, float]:
    """networkx's ``eigenvector_centrality`` (iterate ``x ← (A + I) x``, same start, same stopping
    rule, same error) with a sparse matrix instead of Python loops."""
    nodes = sorted(sub)
    n = len(nodes)
    a = nx.to_scipy_sparse_array(sub, nodelist=nodes, weight=weight, dtype=float, format="csr")
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = last + a @ last
        x = x / (np.linalg.norm(x) or 1.0)
        if np.abs(x - last).sum() < n * tol:
            return dict(zip(nodes, x.tolist()))
    raise nx.PowerIterationFailedConvergence(max_iter)


def _eigenvector_solve(sub: nx.Graph, weight: str | None, dense_max: int = 1000) -> dict[str, float]:
    """Principal eigenvector of a connected graph by a direct solver.

    Dense ``eigh`` for small components (scipy's sparse solver, used by
    ``eigenvector_centrality_numpy``, refuses graphs of two nodes), sparse
    ``eigsh`` from a fixed start vector above.
    """
    nodes = sorted(sub)
    if len(nodes) > dense_max:
        from scipy.sparse.linalg import eigsh

        a = nx.to_scipy_sparse_array(sub, nodelist=nodes, weight=weight, dtype=float)
        _, vectors = eigsh(a, k=1, which="LA", v0=np.ones(len(nodes)))  # fixed start vector: same result every run
        v = np.abs(vectors[:, 0])
    else:
        values, vectors = np.linalg.eigh(nx.to_numpy_array(sub, nodelist=nodes, weight=weight))
        v = np.abs(vectors[:, int(np.argmax(values))])
    v = v / (np.linalg.norm(v) or 1.0)
    return dict(zip(nodes, v.tolist()))


def closeness(g: nx.Graph, *, batch: int = 256) -> dict[str, float]:
    """Closeness centrality, scaled by the reachable share of the graph (Wasserman–Faust).

    The same values as ``networkx.closeness_centrality`` (its default
    ``wf_improved=True``), computed by breadth-first search in matrix form,
    ``batch`` sources at a time (memory ``batch × nodes``), several times
    faster than one search per node.

    Examples
    --------
    >>> c = closeness(nx.path_graph(["a", "b", "c"]))
    >>> c["a"], c["b"]
    (0.666667, 1.0)
    """
    nodes = list(g)
    n = len(nodes)
    if n <= 1:
        return {v: 0.0 for v in nodes}
    a = nx.to_scipy_sparse_array(g, nodelist=nodes, weight=None, dtype=np.float32, format="csr")
    out: dict[str, float] = {}
    for lo in range(0, n, batch):
        cols = np.arange(lo, min(lo + batch, n))
        seen = np.zeros((n, len(cols)), dtype=bool)
        seen[cols, np.arange(len(cols))] = True
        frontier = seen.astype(np.float32)
        total = np.zeros(len(cols))
        reach = np.zeros(len(cols))
        depth = 0
        while True:
            new = (a @ frontier) > 0
            new &= ~seen
            count = new.sum(axis=0)
            if not count.any():
                break
            depth += 1
            total += depth * count
            reach += count
            seen |= new
            frontier = new.astype(np.float32)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(total > 0, (reach / total) * (reach / (n - 1)), 0.0)
        for i, x in zip(cols.tolist(), value.tolist()):
            out[nodes[i]] = _r(x)
    return out


def _canonical(g: nx.Graph) -> nx.Graph:
    """A copy with nodes and edges inserted in sorted order (algorithms then do not depend on history)."""
    h = nx.Graph()
    h.add_nodes_from(sorted(g))
    h.add_edges_from(sorted((min(u, v), max(u, v), {"weight": d.get("weight", 1)}) for u, v, d in g.edges(data=True)))
    return h


def communities(g: nx.Graph, *, seed: int = 42, resolution: float = 1.0, weight: str | None = "weight") -> dict[str, int]:
    """Louvain communities with a fixed seed, numbered by size (largest first), then by first node.

    The graph is rebuilt in sorted order first, so the result depends only on
    its nodes and edges, not on the order they were added.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> communities(g)
    {'a': 0, 'b': 0, 'c': 0, 'x': 1, 'y': 1, 'z': 1}
    """
    if g.number_of_nodes() == 0:
        return {}
    h = _canonical(g)
    if h.number_of_edges():
        parts = nx.community.louvain_communities(h, weight=weight, resolution=resolution, seed=seed)
    else:
        parts = [{n} for n in h]
    ordered = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))
    return dict(sorted((n, i) for i, p in enumerate(ordered) for n in p))


def centrality(g: nx.Graph, betweenness_k: int | None = BETWEENNESS_K, seed: int = 42, *,
               betweenness_threshold: int | None = BETWEENNESS_THRESHOLD) -> list[NodeScores]:
    """Every measure for every node, sorted by PageRank (descending), then label, then IRI.

    ``betweenness_k`` pivots are sampled for betweenness above
    ``betweenness_threshold`` nodes (``None``: always exact).

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_node("id:a", label="甲", type="Bureau")
    >>> g.add_node("id:b", label="乙", type="Project")
    >>> g.add_node("id:c", label="丙", type="Law")
    >>> g.add_edges_from([("id:a", "id:b"), ("id:a", "id:c")])
    >>> [(s.label, s.degree, s.betweenness) for s in centrality(g)]
    [('甲', 2, 1.0), ('丙', 1, 0.0), ('乙', 1, 0.0)]
    """
    if g.number_of_nodes() == 0:
        return []
    deg_c = degree(g)
    btw = betweenness(g, k=betweenness_k, threshold=betweenness_threshold, seed=seed)
    pr = pagerank(g)
    ev = eigenvector(g)
    clo = closeness(g)
    com = communities(g, seed=seed)
    rows = [
        NodeScores(iri=n, label=d.get("label", n), type=d.get("type", ""), degree=g.degree(n),
                   degree_centrality=deg_c[n], betweenness=btw[n], pagerank=pr[n], eigenvector=ev[n],
                   closeness=clo[n], community=com.get(n, -1), mentions=d.get("mentions", 0),
                   english=d.get("english", ""))
        for n, d in g.nodes(data=True)
    ]
    rows.sort(key=lambda s: (-s.pagerank, s.label, s.iri))
    return rows


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
    return _canonical_view(g, keep)


def _canonical_view(g: nx.Graph, nodes: Iterable[str]) -> nx.Graph:
    h = nx.Graph()
    keep = set(nodes)
    h.add_nodes_from((n, g.nodes[n]) for n in sorted(keep))
    h.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in g.subgraph(keep).edges(data=True)))
    return h


def centrality_by_year(g: nx.Graph, **kwargs) -> dict[int, list[NodeScores]]:
    """:func:`centrality` of each :func:`year_subgraph` (years where the graph has dates).

    Examples
    --------
    >>> g = nx.Graph([("law", "d"), ("bureau", "law")])
    >>> for n, t in [("law", "Law"), ("d", "Date"), ("bureau", "Bureau")]:
    ...     g.nodes[n].update(type=t, label=n)
    >>> g.nodes["d"]["years"] = (2017,)
    >>> {y: [s.label for s in rows] for y, rows in centrality_by_year(g).items()}
    {2017: ['d', 'law']}
    """
    return {y: centrality(year_subgraph(g, y), **kwargs) for y in date_years(g)}


@dataclass(frozen=True)
class Community:
    """One community: its number, size, types and most central members."""

    id: int
    size: int
    types: tuple[tuple[str, int], ...]
    top: tuple[str, ...]


def describe_communities(scores: Sequence[NodeScores], *, top: int = 5, min_size: int = 2) -> list[Community]:
    """Communities of at least ``min_size`` members, largest first, with their ``top`` members by PageRank.

    Examples
    --------
    >>> rows = [NodeScores("a", "甲", "Bureau", 1, 1, 0, .6, 0, 0, 0, 1), NodeScores("b", "乙", "Law", 1, 1, 0, .4, 0, 0, 0, 1)]
    >>> describe_communities(rows)
    [Community(id=0, size=2, types=(('Bureau', 1), ('Law', 1)), top=('甲', '乙'))]
    """
    groups: dict[int, list[NodeScores]] = defaultdict(list)
    for s in scores:
        groups[s.community].append(s)
    out = []
    for cid, members in groups.items():
        if len(members) < min_size:
            continue
        members = sorted(members, key=lambda s: (-s.pagerank, s.label, s.iri))
        types = tuple(sorted(Counter(s.type for s in members).items(), key=lambda kv: (-kv[1], kv[0])))
        out.append(Community(cid, len(members), types, tuple(s.label for s in members[:top])))
    return sorted(out, key=lambda c: (-c.size, c.id))


# --------------------------------------------------------------------------- layout

def layout(g: nx.Graph, *, seed: int = 42, spacing: float = 1.0) -> dict[str, tuple[float, float]]:
    """Deterministic 2-D positions: each component laid out on its own, then packed in rows.

    Components of up to 400 nodes use networkx's spring layout (fixed
    ``seed``; Kamada–Kawai costs 0.1 s even for a handful of nodes, which adds
    up over hundreds of small components), larger ones a Fruchterman–Reingold variant
    whose repulsion is estimated from a seeded sample of nodes (linear time,
    so thousands of nodes lay out in about a second). Each component is scaled
    so that its median edge is ``spacing`` long; isolated nodes go to a grid
    below, grouped by type. Coordinates are rounded to 3 decimals.

    Examples
    --------
    >>> pos = layout(nx.path_graph(["a", "b", "c"]))
    >>> sorted(pos) == ["a", "b", "c"] and pos == layout(nx.path_graph(["c", "b", "a"]))
    True
    """
    if g.number_of_nodes() == 0:
        return {}
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    blocks: list[tuple[list[str], np.ndarray]] = []
    isolates = []
    for comp in comps:
        if len(comp) == 1:
            isolates.append(comp[0])
            continue
        sub = _canonical_view(g, comp)
        blocks.append((comp, _component_layout(sub, comp, seed) * spacing))
    if isolates:
        isolates.sort(key=lambda n: (g.nodes[n].get("type", ""), g.nodes[n].get("label", ""), n))
        cols = max(1, math.ceil(math.sqrt(len(isolates) * 2.0)))
        if blocks:  # as tall as the largest component, so that the grid can stand beside it
            tallest = float(np.ptp(blocks[0][1][:, 1])) / spacing
            cols = min(cols, max(1, math.ceil(len(isolates) / max(1, int(tallest / 0.85) + 1))))
        xy = np.array([[(i % cols) * 1.25, (i // cols) * 0.85] for i in range(len(isolates))], dtype=float)
        blocks.insert(1, (isolates, xy * spacing))  # beside the largest component
    return _pack(blocks, gap=1.5 * spacing)


def _component_layout(sub: nx.Graph, nodes: list[str], seed: int) -> np.ndarray:
    n = len(nodes)
    if n == 2:
        xy = np.array([[0.0, 0.0], [1.0, 0.0]])
    elif n <= 400:
        pos = nx.spring_layout(sub, seed=seed, iterations=100, weight=None)
        xy = np.array([pos[v] for v in nodes])
    else:
        xy = _sampled_fr(sub, nodes, seed)
    index = {v: i for i, v in enumerate(nodes)}
    lengths = [float(np.hypot(*(xy[index[u]] - xy[index[v]]))) for u, v in sub.edges()]
    med = float(np.median(lengths)) if lengths else 1.0
    xy = (xy - xy.mean(axis=0)) / (med or 1.0)
    deg = np.array([sub.degree(v) for v in nodes], dtype=float)
    return _spread(xy, 0.625 * (1 + 0.6 * np.sqrt(deg / max(deg.max(), 1.0))))


def _spread(xy: np.ndarray, radius: np.ndarray, stretch: float = 1.45, rounds: int = 100) -> np.ndarray:
    """Push apart nodes closer than the sum of their ``radius`` (hubs are drawn bigger; y is counted
    ``stretch`` times: labels are wide and short)."""
    from scipy.spatial import cKDTree

    if len(xy) < 2:
        return xy
    st = xy * np.array([1.0, stretch])
    reach = 2 * float(radius.max())
    for _ in range(rounds):
        pairs = cKDTree(st).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        d = st[pairs[:, 1]] - st[pairs[:, 0]]
        dist = np.sqrt((d ** 2).sum(1))
        need = radius[pairs[:, 0]] + radius[pairs[:, 1]]
        close = dist < need
        if not close.any():
            break
        pairs, d, dist, need = pairs[close], d[close], dist[close], need[close]
        same = dist < 1e-9
        d[same] = np.array([1.0, 0.0])
        dist[same] = 1.0
        push = d * ((need - dist) / (2 * dist) * 1.05)[:, None]
        move = np.zeros_like(st)
        for dim in (0, 1):
            move[:, dim] = np.bincount(pairs[:, 1], push[:, dim], len(st)) - np.bincount(pairs[:, 0], push[:, dim], len(st))
        st = st + move
    return st / np.array([1.0, stretch])


def _sampled_fr(sub: nx.Graph, nodes: list[str], seed: int, iterations: int = 120, sample: int = 150) -> np.ndarray:
    """Fruchterman–Reingold with repulsion estimated from ``sample`` random nodes per step."""
    rng = np.random.default_rng(seed)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    e = np.array([(index[u], index[v]) for u, v in sub.edges()], dtype=np.int64).reshape(-1, 2)
    k = 1.0
    side = math.sqrt(n) * k
    pos = rng.random((n, 2)) * side
    temp = side / 10
    cool = temp / (iterations + 1)
    m = min(sample, n)
    for _ in range(iterations):
        piv = rng.choice(n, size=m, replace=False)
        dx = pos[:, 0, None] - pos[None, piv, 0]
        dy = pos[:, 1, None] - pos[None, piv, 1]
        f = (k * k * n / m) / np.maximum(dx * dx + dy * dy, 1e-4)
        disp = np.stack(((dx * f).sum(1), (dy * f).sum(1)), axis=1)
        ev = pos[e[:, 0]] - pos[e[:, 1]]
        dist = np.maximum(np.sqrt((ev ** 2).sum(-1)), 1e-4)
        pull = ev * (dist / k)[:, None]
        for dim in (0, 1):
            disp[:, dim] += np.bincount(e[:, 1], pull[:, dim], n) - np.bincount(e[:, 0], pull[:, dim], n)
        length = np.maximum(np.sqrt((disp ** 2).sum(-1)), 1e-9)
        pos += disp * (np.minimum(length, temp) / length)[:, None]
        temp -= cool
    return pos


def _pack(blocks: list[tuple[list[str], np.ndarray]], gap: float, aspect: float = 1.6) -> dict[str, tuple[float, float]]:
    """Shelf-pack blocks (in order) into rows; the row width is chosen so that the drawing fills a
    screen of width:height ``aspect`` best (it is drawn as large as possible when fitted)."""
    boxes = []
    for nodes, xy in blocks:
        xy = xy - xy.min(axis=0)
        boxes.append((nodes, xy, float(xy[:, 0].max()), float(xy[:, 1].max())))
    widths = [w for _, _, w, _ in boxes]

    def shelf(row_width: float) -> tuple[list[tuple[float, float]], float, float]:
        x = y = row_h = right = 0.0
        corners = []
        for _, _, w, h in boxes:
            if x > 0 and x + w > row_width:
                x, y, row_h = 0.0, y + row_h + gap, 0.0
            corners.append((x, y))
            right = max(right, x + w)
            x += w + gap
            row_h = max(row_h, h)
        return corners, right, y + row_h

    candidates = np.linspace(max(widths), sum(widths) + gap * (len(widths) - 1), 40)
    best = min(candidates, key=lambda rw: (max(shelf(rw)[1] / aspect, shelf(rw)[2]), rw))
    corners, _, _ = shelf(float(best))
    out: dict[str, tuple[float, float]] = {}
    for (nodes, xy, _, _), (x, y) in zip(boxes, corners):
        for v, (px, py) in zip(nodes, xy):
            out[v] = (round(float(px + x), 3) + 0.0, round(float(py + y), 3) + 0.0)
    return dict(sorted(out.items()))


# --------------------------------------------------------------------------- plotting

def plot_centrality(scores: Sequence[NodeScores], *, measure: str = "pagerank", top: int = 15, ax=None):
    """Horizontal bar chart of the ``top`` entities by ``measure`` (matplotlib), coloured by type.

    Uses a CJK font when one is installed; otherwise English names (or
    ``Type #rank``) label the bars so that nothing renders as empty boxes.
    Returns the matplotlib ``Axes``.
    """
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    from .html import TYPE_COLOURS

    rows = sorted(scores, key=lambda s: (-getattr(s, measure), s.label, s.iri))[:top]
    cjk = [f.name for f in font_manager.fontManager.ttflist
           if any(k in f.name for k in ("CJK", "WenQuanYi", "Hei", "Source Han", "Noto Sans SC", "Droid Sans Fallback"))]
    if cjk:
        names = [s.label for s in rows]
    else:
        names = [s.english or f"{s.type} #{i + 1}" for i, s in enumerate(rows)]
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.35 * len(rows) + 1))
    ax.barh(range(len(rows)), [getattr(s, measure) for s in rows],
            color=[TYPE_COLOURS.get(s.type, "#7f7f7f") for s in rows])
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(names, fontfamily=[min(cjk), "sans-serif"] if cjk else None)
    ax.invert_yaxis()
    from matplotlib.patches import Patch

    present = list(dict.fromkeys(s.type for s in rows))
    ax.legend(handles=[Patch(color=TYPE_COLOURS.get(t, "#7f7f7f"), label=t) for t in present], loc="lower right",
              fontsize="small", frameon=False)
    ax.set_xlabel(measure)
    ax.set_title(f"top {len(rows)} entities by {measure}")
    return ax


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


def cjk_font() -> str | None:
    """The name of an installed font matplotlib can draw Chinese with (e.g. Debian's fonts-wqy-microhei or
    fonts-noto-cjk), or ``None``."""
    from matplotlib import font_manager

    names = sorted({f.name for f in font_manager.fontManager.ttflist
                    if any(k in f.name for k in ("CJK", "WenQuanYi", "Hei", "Source Han", "Noto Sans SC",
                                                 "Droid Sans Fallback"))})
    return names[0] if names else None


def spread_for_labels(pos: dict[str, tuple[float, float]], *, radius: float = 1.0,
                      stretch: float = 0.75) -> dict[str, tuple[float, float]]:
    """Positions pushed apart until no two nodes are closer than ``2 * radius`` (in median edges), counting
    horizontal distance more than vertical (``stretch`` < 1: labels are wide and short), after turning the
    drawing so that its long axis runs across (screens are wide). For a small view whose labels should all
    be readable. Deterministic; rounded to 3 decimals.

    Examples
    --------
    >>> spread_for_labels({"a": (0.0, 0.0), "b": (0.1, 0.0)})["b"][0] > 1.0
    True
    """
    if len(pos) < 2:
        return dict(pos)
    keys = sorted(pos)
    xy = np.array([pos[k] for k in keys], dtype=float)
    xy = xy - xy.mean(axis=0)
    _, vecs = np.linalg.eigh(np.cov(xy.T) + 1e-12 * np.eye(2))
    axis = vecs[:, -1] * (1.0 if vecs[0, -1] >= 0 else -1.0)  # the long axis, turned to run across the screen
    xy = xy @ np.array([[axis[0], -axis[1]], [axis[1], axis[0]]])
    out = _spread(xy, np.full(len(keys), radius), stretch=stretch, rounds=200)
    return {k: (round(float(x), 3) + 0.0, round(float(y), 3) + 0.0) for k, (x, y) in zip(keys, out)}
