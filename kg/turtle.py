"""Deterministic Turtle: the same triples always give the same bytes.

Subjects are sorted by IRI, ``rdf:type`` comes first, then predicates and
objects in sorted order. Literals are escaped so that any text (quotes,
backslashes, control characters) stays valid Turtle for rdflib, Oxigraph,
Jena and raptor. Writing does not build an ``rdflib.Graph``, so it stays
fast on large corpora.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import cast

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


_XSD_STRING, _XSD_INTEGER, _XSD_BOOLEAN = str(XSD.string), str(XSD.integer), str(XSD.boolean)
_INTEGER = re.compile(r"-?\d+")
_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')


class _Namer:
    """Writes IRIs (prefixed where possible) and terms; each distinct IRI is written once per document."""

    def __init__(self, prefixes: Iterable[tuple[str, str]]) -> None:
        # longest namespace first, so the most specific prefix wins
        self.prefixes = sorted(prefixes, key=lambda p: -len(p[1]))
        self._iris: dict[str, str] = {}

    def iri(self, u: str) -> str:
        w = self._iris.get(u)
        if w is None:
            if len(self._iris) >= 1 << 16:  # bounded: most IRIs of a large graph are written once or twice
                self._iris.clear()
            w = self._iris[u] = self._iri(u)
        return w

    def subject(self, u: str) -> str:
        """A subject IRI (each is written once: not remembered)."""
        return self._iris.get(u) or self._iri(u)

    def _iri(self, u: str) -> str:
        for prefix, ns in self.prefixes:
            if u.startswith(ns) and _LOCAL.match(u[len(ns):]):
                return f"{prefix}:{u[len(ns):]}"
        if not _IRI_ESCAPE.search(u):
            return "<" + u + ">"
        return "<" + _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group(0)):04X}", u) + ">"

    def term(self, t: Node) -> str:
        return self.written(_key(t))

    def written(self, k: tuple[int, str, str, str]) -> str:
        """The Turtle form of a term given by its :func:`_key`."""
        kind, a, lang, lex = k
        if kind == 0:
            return self.iri(a)
        lex = escape_string(lex)
        if lang:
            return f'"{lex}"@{lang}'
        if not a or a == _XSD_STRING:
            return f'"{lex}"'
        if a == _XSD_INTEGER and _INTEGER.fullmatch(lex):
            return lex
        if a == _XSD_BOOLEAN and lex in ("true", "false"):
            return lex
        return f'"{lex}"^^{self.iri(a)}'


def _key(t: Node) -> tuple[int, str, str, str]:
    """A term as plain strings, which is also its sort key: IRIs first, then literals by datatype, language, text.

    Two terms have the same key exactly when they are the same RDF term.
    """
    if isinstance(t, URIRef):
        return (0, str(t), "", "")
    if isinstance(t, Literal):
        return (1, str(t.datatype or ""), t.language or "", str(t))
    if isinstance(t, BNode):
        raise TypeError("blank nodes are not allowed in policy-kg graphs")
    raise TypeError(f"not an RDF term: {t!r}")


term_key = _key


def _sort_key(t: Node) -> tuple:
    return _key(t)


def serialize(triples: Iterable[tuple[URIRef, URIRef, Node]], prefixes: Iterable[tuple[str, str]] = PREFIXES) -> str:
    """Turtle text of ``triples`` (duplicates dropped), byte-for-byte reproducible.

    Terms are turned into plain strings as they come (hashing rdflib terms is
    slow), grouped by subject and predicate, then written in sorted order.
    Memory stays near the size of the text: repeated strings are shared, a
    predicate with one object holds it without a container, and each subject's
    entry is freed once written.
    """
    # subject → predicate → one key, or a list of keys (deduplicated when written)
    by_subject: dict[str, dict[str, tuple | list]] = {}
    shared: dict[tuple, tuple] = {}  # one tuple per distinct object term
    intern = sys.intern
    for s, p, o in triples:
        if type(s) is not URIRef and not isinstance(s, URIRef):
            _key(s)  # raises for blank nodes and non-terms
            raise TypeError(f"not an IRI subject: {s!r}")
        to = type(o)  # exact type checks first: isinstance on rdflib terms is slow
        if to is URIRef:
            k = (0, str(o), "", "")
        elif to is Literal:
            lit = cast(Literal, o)
            dt, lang = lit.datatype, lit.language
            k = (1, intern(str(dt)) if dt else "", intern(lang) if lang else "", str(o))
        else:
            k = _key(o)
        k = shared.setdefault(k, k)
        ss, sp = str(s), intern(str(p))
        preds = by_subject.get(ss)
        if preds is None:
            by_subject[ss] = {sp: k}
            continue
        objs = preds.get(sp)
        if objs is None:
            preds[sp] = k
        elif type(objs) is list:
            objs.append(k)
        elif objs is not k:
            preds[sp] = [objs, k]
    del shared
    return _write(by_subject, prefixes)


def serialize_plain(triples: Iterable[tuple[str, str, str | tuple[int, str, str, str]]],
                    prefixes: Iterable[tuple[str, str]] = PREFIXES) -> str:
    """:func:`serialize` of plain triples (:func:`kg.rdf.plain_triples`: an object is an IRI string or a
    literal's :func:`term_key`): the same text for the same graph, without rdflib terms."""
    by_subject: dict[str, dict[str, tuple | list]] = {}
    shared: dict[tuple, tuple] = {}
    intern = sys.intern
    for s, p, o in triples:
        k = (0, o, "", "") if isinstance(o, str) else o
        k = shared.setdefault(k, k)
        preds = by_subject.get(s)
        if preds is None:
            by_subject[s] = {intern(p): k}
            continue
        objs = preds.get(p)
        if objs is None:
            preds[intern(p)] = k
        elif type(objs) is list:
            objs.append(k)
        elif objs is not k:
            preds[p] = [objs, k]
    del shared
    return _write(by_subject, prefixes)


def _write(by_subject: dict[str, dict[str, tuple | list]], prefixes: Iterable[tuple[str, str]]) -> str:
    """The Turtle text of grouped triples (each subject's entry is freed once written)."""
    prefixes = list(prefixes)
    namer = _Namer(prefixes)
    out = [f"@prefix {p}: <{ns}> ." for p, ns in prefixes]
    out.append("")
    type_iri = str(RDF.type)
    forms: dict[tuple, str] = {}  # written form of each object term (offsets, rules, sentences repeat)
    rank: dict[str, tuple[bool, str]] = {}  # predicate → its sort key (rdf:type first)
    heads: dict[str, str] = {}  # predicate → the start of its line

    def written(k: tuple) -> str:
        w = forms.get(k)
        if w is None:
            if len(forms) >= 1 << 16:  # bounded, like the IRIs of the namer
                forms.clear()
            w = forms[k] = namer.written(k)
        return w

    for s in sorted(by_subject):
        preds = by_subject.pop(s)
        for p in preds:
            if p not in heads:
                rank[p] = (p != type_iri, p)
                heads[p] = "    " + ("a" if p == type_iri else namer.iri(p)) + " "
        lines = []
        for p in sorted(preds, key=rank.__getitem__) if len(preds) > 1 else preds:
            objs = preds[p]
            if type(objs) is tuple:
                text = forms.get(objs) or written(objs)
            else:
                text = ", ".join(written(k) for k in sorted(set(objs)))
            lines.append(heads[p] + text)
        out.append(namer.subject(s) + "\n" + " ;\n".join(lines) + " .\n")
    return "\n".join(out)
