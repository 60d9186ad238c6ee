"""Typed records passed between pipeline stages.

Data flows one way: :class:`Document` → :class:`Parsed` (tokens, sentences,
sections) → :class:`Mention` → :class:`Entity` / :class:`Relation` → RDF.
All records are plain frozen dataclasses (``Token``, made by the hundred
thousand, is a named tuple) so that they pickle (for parallel builds) and
compare by value (for tests).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

from .textfold import fold
from .types import type_names

#: The seven entity classes of the vocabulary contract, in display order (the table: :mod:`kg.types`).
ENTITY_TYPES: tuple[str, ...] = type_names()

#: Relation predicates (local names) of the vocabulary contract.
PREDICATES: tuple[str, ...] = (
    "responsibleFor",
    "effectiveDate",
    "period",
    "organizes",
    "subOrganizationOf",
    "issuedBy",
    "basedOn",
    "amends",
    "repeals",
)


@dataclass(frozen=True)
class Document:
    """One decoded input document.

    ``doc_id`` is the stable key of the document (its path relative to the
    input root, with ``/`` separators); ``text`` is the decoded text whose
    code-point offsets every mention refers to.
    """

    doc_id: str
    text: str
    title: str = ""
    source: str = ""
    sha256: str = ""
    encoding: str = "utf-8"
    media_type: str = "text/plain"


class Token(NamedTuple):
    """A jieba token with its code-point span in the document text.

    A named tuple rather than a dataclass: a document has one per word, and a
    tuple costs a fraction of a frozen dataclass to make.
    """

    text: str
    start: int
    end: int


_new_token = partial(tuple.__new__, Token)


class Tokens(Sequence[Token]):
    """The tokens of a text as three parallel lists (words, starts, ends); a :class:`Token` is made only
    when one is asked for. It reads like a tuple of tokens (index, slice, iterate, compare), while
    code that needs only the offsets uses :attr:`starts` and :attr:`ends` (not to be modified):
    most of a document's hundred thousand tokens are never looked at one by one.
    """

    __slots__ = ("ends", "starts", "words")

    def __init__(self, words: list[str], starts: list[int], ends: list[int]) -> None:
        self.words, self.starts, self.ends = words, starts, ends

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return tuple(map(_new_token, zip(self.words[i], self.starts[i], self.ends[i], strict=True)))
        return _new_token((self.words[i], self.starts[i], self.ends[i]))

    def __iter__(self) -> Iterator[Token]:
        return map(_new_token, zip(self.words, self.starts, self.ends, strict=True))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Tokens):
            return (self.words, self.starts, self.ends) == (other.words, other.starts, other.ends)
        if isinstance(other, tuple | list):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Tokens({list(self)!r})"

    def __reduce__(self):
        return (Tokens, (self.words, self.starts, self.ends))


def offsets(tokens: Sequence[Token]) -> tuple[list[int], list[int]]:
    """The starts and ends of ``tokens`` (those a :class:`Tokens` holds already: not to be modified)."""
    if isinstance(tokens, Tokens):
        return tokens.starts, tokens.ends
    return [t.start for t in tokens], [t.end for t in tokens]


@dataclass(frozen=True)
class Sentence:
    """A sentence span ``[start, end)`` of the document text."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Section:
    """A section: its heading span (may be empty) and its body span ``[start, end)``.

    ``start`` is the heading start (or body start when there is no heading).
    """

    index: int
    heading: str
    heading_start: int
    heading_end: int
    start: int
    end: int


@dataclass(frozen=True)
class Parsed:
    """A document with its segmentation and structure (output of the parse stage)."""

    doc: Document
    tokens: Sequence[Token]  # a Tokens (the segmenter's) or any sequence of Token
    sentences: tuple[Sentence, ...]
    sections: tuple[Section, ...]
    year: int | None = None  # the document's own year, used to resolve 今年, 3月1日 …
    #: values every extractor shares, made once per document (the folded text, the token index): an explicit
    #: table outside equality and repr, instead of attributes hidden on the frozen object
    derived: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def folded(self) -> str:
        """The text folded once (:func:`kg.textfold.fold`) for every extractor: the pipeline has already
        simplified the document, so there it is the text itself; a caller passing traditional text gets
        the same fold the pipeline applies."""
        value = self.derived.get("folded")
        if value is None:
            value = self.derived["folded"] = fold(self.text)
        return str(value)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding ``offset`` (binary search)."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None

    def section_at(self, offset: int) -> Section | None:
        """The section holding ``offset``."""
        for sec in self.sections:
            if sec.start <= offset < sec.end:
                return sec
        return None


@dataclass(frozen=True)
class Mention:
    """A typed span found by an extractor.

    ``text`` is exactly ``doc.text[start:end]`` (the surface form); ``label``
    is the name it contributes (enclosing 《》/“” removed, normalised);
    ``key`` is a canonical-name hint used by resolution (e.g. the gazetteer's
    full name for an alias, or the ISO value of a date).
    """

    type: str
    start: int
    end: int
    text: str
    label: str
    rule: str
    key: str = ""
    value: str = ""  # ISO 8601 value for Date mentions (2017, 2017-03, 2017-03-01, 2016/2020, 2016-07/2016-12)
    confidence: float = 1.0
    doc_id: str = ""
    reference: bool = False  # an anaphor (该局, 本局 …) that refers to the entity without naming it: pk:reference
    info: tuple[tuple[str, str], ...] = ()  # facts the extractor read off the span, e.g. (("level", "national"),)


@dataclass(frozen=True)
class Entity:
    """A resolved entity: one real-world thing with all its mentions.

    ``key`` is the stable key the IRI is minted from (type + normalised
    canonical name, or the ISO value for dates). ``info`` holds extra facts as
    (name, value) pairs; ``level`` and ``sector`` (of a generic organ) are written
    as ``pk:level`` / ``pk:sector``.
    """

    key: str
    type: str
    label: str
    alt_labels: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    value: str = ""
    english: str = ""
    info: tuple[tuple[str, str], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Evidence:
    """Where a relation comes from: a span of a document and its sentence."""

    doc_id: str
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class Relation:
    """A directed relation between two entities (by key) with provenance."""

    subject: str
    predicate: str
    object: str
    rule: str
    evidence: Evidence
    confidence: float = 1.0
    inferred: bool = False


# --------------------------------------------------------------------------- stage shapes
# What one stage hands the next after extraction: a document's contribution (DocResult), the merged corpus
# (Corpus) and the evidence sentences both keep. Named here so that no stage imports another to learn a
# shape (the pipeline used to import kg.rdf for DocumentInfo).


@dataclass(frozen=True, order=True)
class EvidenceSentence:
    """The sentence holding one mention: the mention's start, the sentence span ``[start, end)`` and its text.

    Kept per document so that the graph cites the sentence of every mention without the document text.
    Ordered like the tuple of its fields (a document's list is sorted).
    """

    mention_start: int
    start: int
    end: int
    text: str


class SentenceSpan(NamedTuple):
    """A sentence ``[start, end)`` and its text: the value of :attr:`Corpus.sentence_of`.

    A named tuple, so that callers may still build and unpack plain ``(start, end, text)`` tuples.
    """

    start: int
    end: int
    text: str


#: (document id, mention start) → the sentence holding the mention.
SentenceIndex = dict[tuple[str, int], SentenceSpan]


@dataclass(frozen=True)
class DocumentInfo:
    """What the graph records of one document: the document, its sections and section owners."""

    doc: Document
    sections: tuple[Section, ...] = ()
    sentences: tuple[tuple[int, int, str], ...] = ()  # (start, end, text) of sentences holding a mention
    issue_date: str = ""
    number: str = ""  # 文号
    owners: tuple[tuple[int, str], ...] = ()  # (section index, owner entity key)
    instrument: str = ""  # key of the pk:Law the document itself is (its title), if it is one


@dataclass(frozen=True)
class DocResult:
    """What one document contributes to the graph (picklable; stored as JSON by :mod:`kg.cache`)."""

    info: DocumentInfo
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    sentences: tuple[EvidenceSentence, ...]  # sorted


@dataclass(frozen=True)
class Corpus:
    """The merged result of several documents (:func:`kg.pipeline.merge_results`)."""

    documents: tuple[DocumentInfo, ...]
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    sentence_of: SentenceIndex


class WorkItem(NamedTuple):
    """One document handed to an extraction worker (a tuple, so it pickles small and unpacks as before)."""

    data: bytes  #: the file's bytes
    doc_id: str  #: the document's stable key (path relative to the input root)
    suffix: str  #: the file's suffix, lower case (chooses the reader)
    name: str  #: the path shown in messages
    encoding: str | None  #: the --encoding option, or None to detect
    key: str  #: the cache key, or "" without a cache


class WorkResult(NamedTuple):
    """What a worker sends back: ``("ok", cache key, DocResult)`` or ``("skip", name, message)``."""

    status: str
    key: str
    value: object
