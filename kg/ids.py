"""Minting instance IRIs from stable keys — the only place IRIs are made.

IRIs never contain raw text: keys are hashed (or, for dates, an ISO value
that is checked to be made of safe characters), so any label is safe.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib import URIRef

from .vocab import INSTANCE_BASE

_SAFE_VALUE = re.compile(r"^[0-9/-]{4,21}$")


def _digest(key: str, n: int = 16) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:n]


_KEY_DROP = re.compile(r"[《》〈〉“”\"'‘’「」『』\s]")
_KEY_DASH = re.compile(r"[—–―‒－~～]")


@lru_cache(maxsize=1 << 16)
def normalize_key(text: str) -> str:
    """The comparison form of a name: NFKC, no spaces or quote marks, unified dashes.

    Cached: extraction and resolution normalise the same few names over and over.
    """
    s = unicodedata.normalize("NFKC", text)
    s = _KEY_DROP.sub("", s)
    s = _KEY_DASH.sub("-", s)
    return s


def entity_key(type_: str, name: str) -> str:
    """The stable key of a named entity: its type and normalised canonical name."""
    return f"{type_}:{normalize_key(name)}"


def entity_ref(key: str) -> str:
    """:func:`entity_iri` as a plain string (for writers that need no rdflib term)."""
    type_, _, rest = key.partition(":")
    if type_ == "Date" and _SAFE_VALUE.match(rest):
        return f"{INSTANCE_BASE}date/{rest.replace('/', '_')}"
    return f"{INSTANCE_BASE}{type_.lower()}/{_digest(key)}"


def entity_iri(key: str) -> URIRef:
    """IRI of an entity from its key (``Date:2017-03-01`` → ``…/id/date/2017-03-01``)."""
    return URIRef(entity_ref(key))


def instant_ref(value: str) -> str:
    """:func:`instant_iri` as a plain string."""
    if _SAFE_VALUE.match(value):
        return f"{INSTANCE_BASE}instant/{value}"
    return f"{INSTANCE_BASE}instant/{_digest(value)}"


def instant_iri(value: str) -> URIRef:
    """IRI of a ``time:Instant`` that begins or ends a span."""
    return URIRef(instant_ref(value))


@lru_cache(maxsize=1 << 12)
def _doc_digest(doc_id: str) -> str:
    # cached: every mention and section IRI of a document repeats it
    return _digest("doc:" + doc_id)


def document_ref(doc_id: str) -> str:
    """:func:`document_iri` as a plain string."""
    return f"{INSTANCE_BASE}doc/{_doc_digest(doc_id)}"


def document_iri(doc_id: str) -> URIRef:
    """IRI of a document from its stable id (path relative to the input root)."""
    return URIRef(document_ref(doc_id))


def mention_ref(doc_id: str, type_: str, start: int, end: int) -> str:
    """:func:`mention_iri` as a plain string."""
    return f"{INSTANCE_BASE}mention/{_doc_digest(doc_id)}/{type_.lower()}-{start}-{end}"


def mention_iri(doc_id: str, type_: str, start: int, end: int) -> URIRef:
    """IRI of one mention: document, type and span."""
    return URIRef(mention_ref(doc_id, type_, start, end))


def statement_ref(subject: str, predicate: str, obj: str, doc_id: str, start: int, end: int, rule: str) -> str:
    """:func:`statement_iri` as a plain string."""
    return f"{INSTANCE_BASE}stmt/{_digest('|'.join((subject, predicate, obj, doc_id, str(start), str(end), rule)))}"


def statement_iri(subject: str, predicate: str, obj: str, doc_id: str, start: int, end: int, rule: str) -> URIRef:
    """IRI of the ``rdf:Statement`` that carries one relation's provenance."""
    return URIRef(statement_ref(subject, predicate, obj, doc_id, start, end, rule))


def section_ref(doc_id: str, index: int) -> str:
    """:func:`section_iri` as a plain string."""
    return f"{INSTANCE_BASE}section/{_doc_digest(doc_id)}/{index}"


def section_iri(doc_id: str, index: int) -> URIRef:
    """IRI of a section of a document."""
    return URIRef(section_ref(doc_id, index))
