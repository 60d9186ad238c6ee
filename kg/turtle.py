"""Deterministic Turtle: the same triples always give the same bytes.

Subjects are sorted by IRI, ``rdf:type`` comes first, then predicates and
objects in sorted order. Literals are escaped so that any text (quotes,
backslashes, control characters) stays valid Turtle for rdflib, Oxigraph,
Jena and raptor. Writing does not build an ``rdflib.Graph``, so it stays
fast on large corpora.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .vocab import PREFIXES, RDF, XSD

_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_ESC = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS = re.compile(r'["\\\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]')


def escape_string(s: str) -> str:
    """Escape a string for a Turtle ``"…"`` literal (control characters as ``\\uXXXX``)."""
    if not _NEEDS.search(s):
        return s

    def rep(m: re.Match[str]) -> str:
        ch = m.group(0)
        if ch in _ESC:
            return _ESC[ch]
        if "\ud800" <= ch <= "\udfff":
            return "\\uFFFD"
        return f"\\u{ord(ch):04X}"

    return _NEEDS.sub(rep, s)


class _Namer:
    def __init__(self, prefixes: Iterable[tuple[str, str]]) -> None:
        # longest namespace first, so the most specific prefix wins
        self.prefixes = sorted(prefixes, key=lambda p: -len(p[1]))

    def iri(self, u: str) -> str:
        for prefix, ns in self.prefixes:
            if u.startswith(ns) and _LOCAL.match(u[len(ns):]):
                return f"{prefix}:{u[len(ns):]}"
        return "<" + re.sub(r'[\x00-\x20<>"{}|^`\\]', lambda m: f"\\u{ord(m.group(0)):04X}", u) + ">"

    def term(self, t: Node) -> str:
        if isinstance(t, URIRef):
            return self.iri(str(t))
        if isinstance(t, Literal):
            lex = escape_string(str(t))
            if t.language:
                return f'"{lex}"@{t.language}'
            if t.datatype is None or str(t.datatype) == str(XSD.string):
                return f'"{lex}"'
            if t.datatype == XSD.integer and re.fullmatch(r"-?\d+", lex):
                return lex
            if t.datatype == XSD.boolean and lex in ("true", "false"):
                return lex
            return f'"{lex}"^^{self.iri(str(t.datatype))}'
        if isinstance(t, BNode):
            raise TypeError("blank nodes are not allowed in policy-kg graphs")
        raise TypeError(f"not an RDF term: {t!r}")


def _sort_key(t: Node) -> tuple:
    if isinstance(t, URIRef):
        return (0, str(t), "", "")
    if isinstance(t, Literal):
        return (1, str(t.datatype or ""), t.language or "", str(t))
    return (2, str(t), "", "")


def serialize(triples: Iterable[tuple[URIRef, URIRef, Node]], prefixes: Iterable[tuple[str, str]] = PREFIXES) -> str:
    """Turtle text of ``triples`` (duplicates dropped), byte-for-byte reproducible."""
    prefixes = list(prefixes)
    namer = _Namer(prefixes)
    by_subject: dict[URIRef, dict[URIRef, set[Node]]] = defaultdict(lambda: defaultdict(set))
    for s, p, o in triples:
        by_subject[s][p].add(o)
    out = [f"@prefix {p}: <{ns}> ." for p, ns in prefixes]
    out.append("")
    type_iri = RDF.type
    for s in sorted(by_subject, key=str):
        preds = by_subject[s]
        lines = []
        for p in sorted(preds, key=lambda p: (p != type_iri, str(p))):
            objs = ", ".join(namer.term(o) for o in sorted(preds[p], key=_sort_key))
            lines.append(f"    {'a' if p == type_iri else namer.iri(str(p))} {objs}")
        out.append(namer.iri(str(s)) + "\n" + " ;\n".join(lines) + " .\n")
    return "\n".join(out)
