"""The graph as N-Triples and JSON-LD, beside the Turtle of :mod:`kg.turtle`.

Both writers work on the triples of :func:`kg.rdf.triples` without building an
``rdflib.Graph`` and are deterministic: N-Triples is one sorted line per
triple; JSON-LD is one node object per subject, sorted by IRI, written with
``json.dumps(sort_keys=True)`` under the context ``ontology/context.jsonld``
(embedded, so the file is self-contained and parses offline). Parsing either
file gives a graph isomorphic to the one parsed from ``graph.ttl``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from . import turtle
from .outputs import write_atomic
from .turtle import escape_string
from .vocab import RDF, XSD

Triple = tuple[URIRef, URIRef, Node]

#: format name → file name, in the order they are written
RDF_FORMATS: dict[str, str] = {"ttl": "graph.ttl", "jsonld": "graph.jsonld", "nt": "graph.nt"}

_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_INT = re.compile(r"-?(0|[1-9][0-9]*)")
# line breaks that N-Triples allows inside literals but line-based tools (str.splitlines) split on
_BREAKS = re.compile("[\x85\u2028\u2029]")


def parse_formats(spec: str | Iterable[str]) -> tuple[str, ...]:
    """Format names from ``"ttl,jsonld,nt"`` (or a list), checked, without repeats, in the order given."""
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    out: list[str] = []
    for item in items:
        name = item.strip().lower().lstrip(".")
        name = {"json-ld": "jsonld", "turtle": "ttl", "ntriples": "nt", "n-triples": "nt"}.get(name, name)
        if not name:
            continue
        if name not in RDF_FORMATS:
            raise ValueError(f"unknown graph format {item.strip()!r} (choose from {', '.join(RDF_FORMATS)})")
        if name not in out:
            out.append(name)
    return tuple(out)


# ---------------------------------------------------------------------------
# N-Triples
# ---------------------------------------------------------------------------


def _nt_iri(u: str) -> str:
    return "<" + _IRI_BAD.sub(lambda m: f"\\u{ord(m.group(0)):04X}", u) + ">"


def nt_term(t: Node) -> str:
    """One term in N-Triples syntax (literals escaped as in :func:`kg.turtle.escape_string`, and the
    Unicode line breaks U+0085, U+2028, U+2029 too, so every triple stays on one line)."""
    if isinstance(t, URIRef):
        return _nt_iri(str(t))
    if isinstance(t, Literal):
        lex = escape_string(str(t))
        if _BREAKS.search(lex):
            lex = _BREAKS.sub(lambda m: f"\\u{ord(m.group(0)):04X}", lex)
        lex = f'"{lex}"'
        if t.language:
            return f"{lex}@{t.language}"
        if t.datatype is None or t.datatype == XSD.string:
            return lex
        return f"{lex}^^{_nt_iri(str(t.datatype))}"
    if isinstance(t, BNode):
        raise TypeError("blank nodes are not allowed in policy-kg graphs")
    raise TypeError(f"not an RDF term: {t!r}")


def to_ntriples(triples: Iterable[Triple]) -> str:
    """N-Triples text of ``triples``: one line per distinct triple, lines sorted (byte-for-byte reproducible)."""
    lines = {f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in triples}
    return "".join(sorted(lines))


# ---------------------------------------------------------------------------
# JSON-LD
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def context_text() -> str:
    """The text of ``ontology/context.jsonld`` as installed (package ``kg.ontology``)."""
    return (resources.files("kg.ontology") / "context.jsonld").read_text(encoding="utf-8")


def load_context() -> dict:
    """The JSON-LD context object (the value of ``@context`` in ``ontology/context.jsonld``)."""
    return json.loads(context_text())["@context"]


class _Compactor:
    """Chooses, for each (predicate, object), the context term that reproduces the object exactly."""

    def __init__(self, context: dict) -> None:
        self.prefixes: list[tuple[str, str]] = sorted(
            ((k, v) for k, v in context.items() if isinstance(v, str) and not k.startswith("@") and v[-1:] in "/#"),
            key=lambda kv: -len(kv[1]))
        self.terms: dict[str, tuple[str, str | None, str | None]] = {}  # IRI → (term, @type, @language)
        self.classes: dict[str, str] = {}
        for key, val in sorted(context.items()):
            if key.startswith("@") or (isinstance(val, str) and val[-1:] in "/#"):
                continue
            if isinstance(val, str):
                self.classes[self.expand(val)] = key
                continue
            iri = self.expand(val["@id"])
            kind = val.get("@type")
            self.terms[iri] = (key, self.expand(kind) if kind and kind != "@id" else kind, val.get("@language"))

    def expand(self, value: str) -> str:
        prefix, sep, rest = value.partition(":")
        for p, ns in self.prefixes:
            if sep and p == prefix:
                return ns + rest
        return value

    def compact(self, iri: str) -> str:
        for p, ns in self.prefixes:
            if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
                return f"{p}:{iri[len(ns):]}"
        return iri

    def vocab(self, iri: str) -> str:
        """A class IRI in ``@type``: its term, else a compact IRI."""
        return self.classes.get(iri) or self.compact(iri)

    def value(self, p: str, o: Node) -> tuple[str, object]:
        """The key and JSON value of one object of predicate ``p``."""
        term = self.terms.get(p)
        if term is not None:
            key, kind, lang = term
            if kind == "@id":
                if isinstance(o, URIRef):
                    return key, self.compact(str(o))
            elif isinstance(o, Literal):
                lex = _clean(str(o))
                dt = str(o.datatype) if o.datatype is not None else None
                if kind is not None and dt == kind and not o.language:
                    if kind == str(XSD.integer) and _INT.fullmatch(lex):
                        return key, int(lex)
                    if kind == str(XSD.boolean) and lex in ("true", "false"):
                        return key, lex == "true"
                    return key, lex
                if kind is None and lang is not None and o.language == lang:
                    return key, lex
                if kind is None and lang is None and not o.language and dt in (None, str(XSD.string)):
                    return key, lex
        return self.compact(p), self.object(o)

    def object(self, o: Node) -> dict:
        """An expanded value object (used when no term fits)."""
        if isinstance(o, URIRef):
            return {"@id": self.compact(str(o))}
        if isinstance(o, Literal):
            v: dict[str, str] = {"@value": _clean(str(o))}
            if o.language:
                v["@language"] = o.language
            elif o.datatype is not None and o.datatype != XSD.string:
                v["@type"] = self.compact(str(o.datatype))
            return v
        if isinstance(o, BNode):
            raise TypeError("blank nodes are not allowed in policy-kg graphs")
        raise TypeError(f"not an RDF term: {o!r}")


def _clean(s: str) -> str:
    """Lone surrogates cannot be written as UTF-8; replace them as the Turtle writer does."""
    return _SURROGATE.sub("\ufffd", s) if _SURROGATE.search(s) else s


def _freeze(v: object) -> tuple:
    """A hashable, sortable, type-tagged form of a JSON value (``True`` and ``1`` stay distinct)."""
    if isinstance(v, dict):
        return (3, tuple(sorted(v.items())))
    if isinstance(v, bool):
        return (0, v)
    if isinstance(v, int):
        return (1, v)
    return (2, v)


def _thaw(f: tuple) -> object:
    return dict(f[1]) if f[0] == 3 else f[1]


def jsonld_document(triples: Iterable[Triple], context: dict | None = None) -> dict:
    """The JSON-LD document (``@context`` embedded, ``@graph`` of node objects sorted by subject IRI)."""
    ctx = load_context() if context is None else context
    comp = _Compactor(ctx)
    nodes: dict[str, dict[str, set[tuple]]] = defaultdict(lambda: defaultdict(set))
    types: dict[str, set[str]] = defaultdict(set)
    rdf_type = RDF.type
    for s, p, o in triples:
        if not isinstance(s, URIRef):
            raise TypeError("blank nodes are not allowed in policy-kg graphs")
        subject = str(s)
        if p == rdf_type and isinstance(o, URIRef):
            types[subject].add(comp.vocab(str(o)))
            _ = nodes[subject]  # the node exists even with nothing but types
            continue
        key, value = comp.value(str(p), o)
        nodes[subject][key].add(_freeze(value))
    graph = []
    for subject in sorted(nodes):
        node: dict[str, object] = {"@id": comp.compact(subject)}
        if types[subject]:
            ts = sorted(types[subject])
            node["@type"] = ts[0] if len(ts) == 1 else ts
        for key, frozen in nodes[subject].items():
            values = [_thaw(f) for f in sorted(frozen)]
            node[key] = values[0] if len(values) == 1 else values
        graph.append(node)
    return {"@context": ctx, "@graph": graph}


def to_jsonld(triples: Iterable[Triple], context: dict | None = None) -> str:
    """JSON-LD text of ``triples`` (byte-for-byte reproducible; one node object per line)."""
    doc = jsonld_document(triples, context)
    dumps = json.dumps
    head = dumps(doc["@context"], sort_keys=True, ensure_ascii=False, indent=1)
    body = ",\n".join(dumps(n, sort_keys=True, ensure_ascii=False) for n in doc["@graph"])
    return '{"@context": ' + head + ',\n"@graph": [\n' + body + "\n]}\n"


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------

WRITERS: dict[str, Callable[[Iterable[Triple]], str]] = {
    "ttl": turtle.serialize,
    "jsonld": to_jsonld,
    "nt": to_ntriples,
}


def render_files(triples: Iterable[Triple], formats: Sequence[str]) -> dict[str, str]:
    """File name → text of the graph in each of ``formats`` (``ttl``, ``jsonld``, ``nt``)."""
    names = parse_formats(formats)
    ts = list(triples)
    return {RDF_FORMATS[n]: WRITERS[n](ts) for n in names}


def write_graph_files(out_dir: str | Path, triples: Iterable[Triple], formats: Sequence[str]) -> dict[str, Path]:
    """Write the graph in each of ``formats`` (``ttl``, ``jsonld``, ``nt``) into ``out_dir``; file name → path."""
    out = Path(out_dir)
    return {name: write_atomic(out / name, text) for name, text in render_files(triples, formats).items()}
