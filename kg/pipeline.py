"""The pipeline: documents → parsed text → mentions → entities and relations → graph.

:class:`Pipeline` holds what is expensive to make once (the gazetteer and a
private jieba tokenizer) and processes one document at a time
(:meth:`Pipeline.process`), returning a picklable :class:`DocResult`.
:func:`merge_results` joins documents into one corpus-level set of entities
and relations (cross-document resolution), in a deterministic order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .docmeta import document_number, issue_date
from .extract import EXTRACTORS, extract_all
from .extract.base import ExtractContext, Extractor, GazetteerView
from .extract.context_shorts import context_shorts
from .gazetteer import load_gazetteer
from .model import Corpus, DocResult, Document, DocumentInfo, Entity, EvidenceSentence, Parsed, SentenceSpan
from .printed import superseded
from .relations import link_document
from .resolve import merge_entities, resolve_document
from .segment import Segmenter
from .structure import document_year, parse_structure
from .textfold import to_simplified

__all__ = ["EXTRACTOR_VERSION", "Corpus", "DocResult", "Pipeline", "merge_results"]

#: Bump when extraction output changes, so that cached results are redone.
EXTRACTOR_VERSION = "0.1.0"


class Pipeline:
    """Gazetteer + tokenizer + extractors, applied to one document at a time.

    Examples
    --------
    >>> from kg.model import Document
    >>> p = Pipeline()
    >>> r = p.process(Document("a.txt", "财务司负责实施“户户通”工程。"))
    >>> sorted(e.type for e in r.entities)
    ['Bureau', 'Project']
    """

    def __init__(self, gazetteer: GazetteerView | None = None,
                 extractors: Sequence[tuple[str, Extractor]] = EXTRACTORS) -> None:
        if gazetteer is None:
            gazetteer = load_gazetteer()
        self.gazetteer: GazetteerView | None = gazetteer
        self.extractors = tuple(extractors)
        self.segmenter = Segmenter(gazetteer.surfaces() if gazetteer is not None else ())
        self._known = tuple(sorted(gazetteer.surfaces(), key=len, reverse=True)) if gazetteer is not None else ()

    def parse(self, doc: Document) -> Parsed:
        """Segment and structure one document."""
        tokens = self.segmenter(doc.text)
        sentences, sections = parse_structure(doc.text, tokens, self._known)
        return Parsed(doc=doc, tokens=tokens, sentences=sentences, sections=sections,
                      year=document_year(doc.text, doc.title))

    def process(self, doc: Document) -> DocResult:
        """Everything one document contributes: entities, relations, evidence sentences."""
        simplified = to_simplified(doc.text)
        parsed = self.parse(doc if simplified == doc.text else replace(doc, text=simplified))
        ctx = ExtractContext(gazetteer=self.gazetteer, year=parsed.year)
        mentions = context_shorts(parsed, extract_all(parsed, ctx, self.extractors))
        if simplified != doc.text:  # rules ran on simplified text; surface forms come from the original
            mentions = [replace(m, text=doc.text[m.start:m.end]) for m in mentions]
        entities = resolve_document(mentions)
        entities = self._enrich(entities)
        linked = link_document(parsed, entities, ctx)
        entities, relations = list(linked.entities), superseded(linked.relations)
        if simplified != doc.text:
            parsed = _original_spans(parsed, doc)
            relations = [replace(r, evidence=replace(r.evidence, sentence=doc.text[r.evidence.start:r.evidence.end]))
                         for r in relations]
        sents = []
        for m in mentions:
            s = parsed.sentence_at(m.start)
            if s is not None:
                sents.append(EvidenceSentence(m.start, s.start, s.end, s.text))
        info = DocumentInfo(doc=doc, sections=parsed.sections, issue_date=issue_date(doc.text),
                            number=document_number(doc.text),
                            owners=tuple((o.section, o.entity) for o in linked.owners),
                            instrument=_instrument(entities))
        return DocResult(info=info, entities=tuple(entities), relations=tuple(relations),
                         sentences=tuple(sorted(set(sents))))

    def _enrich(self, entities: list[Entity]) -> list[Entity]:
        """Add English names from the gazetteer to bureaus it knows."""
        if self.gazetteer is None:
            return entities
        out = []
        for e in entities:
            if e.type == "Bureau" and not e.english:
                inst = self.gazetteer.lookup(e.label)
                if inst is not None and inst.english:
                    e = Entity(e.key, e.type, e.label, e.alt_labels, e.mentions, e.value, inst.english, e.info)
            out.append(e)
        return out


def _instrument(entities: Sequence[Entity]) -> str:
    """Key of the Law the document itself is (its own title, :func:`kg.extract.laws.is_own_title`), or ``""``."""
    return next((e.key for e in entities if e.type == "Law" and any(m.rule == "law.own-title" for m in e.mentions)), "")


def _original_spans(parsed: Parsed, doc: Document) -> Parsed:
    """The parse of a simplified copy, with sentences and headings read back from the original text."""
    sentences = tuple(replace(s, text=doc.text[s.start:s.end]) for s in parsed.sentences)
    sections = tuple(replace(s, heading=doc.text[s.heading_start:s.heading_end]) for s in parsed.sections)
    return replace(parsed, doc=doc, sentences=sentences, sections=sections)


def merge_results(results: Sequence[DocResult]) -> Corpus:
    """Join per-document results (sorted by document id) into one corpus."""
    results = sorted(results, key=lambda r: r.info.doc.doc_id)
    entities = merge_entities([r.entities for r in results])
    relations = sorted({rel for r in results for rel in r.relations},
                       key=lambda r: (r.subject, r.predicate, r.object, r.evidence.doc_id, r.evidence.start, r.rule))
    sentence_of = {(r.info.doc.doc_id, s.mention_start): SentenceSpan(s.start, s.end, s.text)
                   for r in results for s in r.sentences}
    return Corpus(tuple(r.info for r in results), tuple(entities), tuple(relations), sentence_of)
