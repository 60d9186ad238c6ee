"""Minting instance IRIs from stable keys — the only place IRIs are made.

IRIs never contain raw text: keys are hashed (or, for dates, an ISO value
that is checked to be made of safe characters), so any label is safe.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from .vocab import INSTANCE_BASE

_SAFE_VALUE = re.compile(r"^[0-9/-]{4,21}$")


def _digest(key: str, n: int = 16) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:n]


def normalize_key(text: str) -> str:
    """The comparison form of a name: NFKC, no spaces or quote marks, unified dashes."""
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"[《》〈〉“”\"'‘’「」『』\s]", "", s)
    s = re.sub(r"[—–―‒－~～]", "-", s)
    return s


def entity_key(type_: str, name: str) -> str:
    """The stable key of a named entity: its type and normalised canonical name."""
    return f"{type_}:{normalize_key(name)}"


def entity_iri(key: str) -> URIRef:
    """IRI of an entity from its key (``Date:2017-03-01`` → ``…/id/date/2017-03-01``)."""
    type_, _, rest = key.partition(":")
    if type_ == "Date" and _SAFE_VALUE.match(rest):
        return URIRef(f"{INSTANCE_BASE}date/{rest.replace('/', '_')}")
    return URIRef(f"{INSTANCE_BASE}{type_.lower()}/{_digest(key)}")


def instant_iri(value: str) -> URIRef:
    """IRI of a ``time:Instant`` that begins or ends a span."""
    if _SAFE_VALUE.match(value):
        return URIRef(f"{INSTANCE_BASE}instant/{value}")
    return URIRef(f"{INSTANCE_BASE}instant/{_digest(value)}")


def document_iri(doc_id: str) -> URIRef:
    """IRI of a document from its stable id (path relative to the input root)."""
    return URIRef(f"{INSTANCE_BASE}doc/{_digest('doc:' + doc_id)}")


def mention_iri(doc_id: str, type_: str, start: int, end: int) -> URIRef:
    """IRI of one mention: document, type and span."""
    return URIRef(f"{INSTANCE_BASE}mention/{_digest('doc:' + doc_id)}/{type_.lower()}-{start}-{end}")


def statement_iri(subject: str, predicate: str, obj: str, doc_id: str, start: int, end: int, rule: str) -> URIRef:
    """IRI of the ``rdf:Statement`` that carries one relation's provenance."""
    return URIRef(f"{INSTANCE_BASE}stmt/{_digest('|'.join((subject, predicate, obj, doc_id, str(start), str(end), rule)))}")


def section_iri(doc_id: str, index: int) -> URIRef:
    """IRI of a section of a document."""
    return URIRef(f"{INSTANCE_BASE}section/{_digest('doc:' + doc_id)}/{index}")
