"""Section owners: the bureau whose work each section of a document presents.

Work reports of an administration are often a series of sections, one per
department. A section's owner is *explicit* when the department is named as
the subject at the start of the section (``2031年，某某司将…``,
``某某局要…``, ``…的关键一年，某某司重点抓好…``, ``某某司负责人介绍，…``). When a section never
names its department, the owner is *inferred* from what each department of
the document's organ covers (the gazetteer's ``covers`` keywords), scored
against the section text. An inferred owner that the text never names is
created as a Bureau entity whose one mention is the section heading.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import rules
from .ids import entity_key
from .model import Entity, Mention, Parsed, Section
from .textfold import fold

if TYPE_CHECKING:
    from .gazetteer import Institution

__all__ = ["MIN_SPEAKERS", "SectionOwner", "document_organ", "explicit_owner", "fold", "is_subject", "is_subject_lead",
           "report_warnings", "section_owners", "speaking_departments", "unowned_report"]

#: what may stand between a clause start and the subject: a paragraph number, a time phrase, an
#: introducer, a news dateline
_SUBJECT_LEAD = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d))?"
    r"(?:(?:本报|新华社)?[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日电\s*)?"
    r"(?:(?:\d{4}年(?:度)?|今年|明年|新的一年|下一步|近年来|近日|日前|目前|同时|此外|另外|其中|[一二三四五六七八九十]是)[，,、]?)?$"
)
#: a department head speaking for the department: 政策法规司负责人介绍，…
_SPEAKER = re.compile(r"^(?:主要|有关|相关)?负责(?:人|同志)(?:[\u4e00-\u9fff]{0,4})?(?:介绍|表示|说|称|谈到|指出|透露)")
#: what follows a subject: a predicate, not 的/和/、 (which would make the bureau a modifier or one of a list)
_AFTER_SUBJECT = re.compile(r"^(?!的|和|与|及|、|之|关于|所|党组|各)")
_CLAUSE_BREAK = "，,；;：:。！？!?\n"
#: a subject speaking of its own plans (将/要/重点抓好 …), as a department head's report does
_PLAN_VOICE = re.compile(r"^(?:\d{4}年(?:度)?|今年|新的一年)?[，,]?"
                         r"(?:将|要|把|重点|继续|着力|拟|计划|主要|全力|力争|进一步|已)")
#: the least keyword score that lets a department be inferred (about two hits of a distinctive keyword)
_MIN_SCORE = 3.0


@dataclass(frozen=True)
class SectionOwner:
    """The owner of one section (by :attr:`kg.model.Section.index`), explicit or inferred."""

    section: int
    entity: str  # entity key
    explicit: bool
    rule: str
    confidence: float
    start: int  # evidence span: the owner's mention, or the heading for an inferred owner
    end: int


def _body_start(sec: Section) -> int:
    return sec.heading_end if sec.heading else sec.start


def _first_sentences(parsed: Parsed, sec: Section, n: int = 1):
    """The first ``n`` sentences starting in the body of ``sec`` (after its heading).

    Logarithmic, not a scan of the document: ``parsed.sentences`` are in document order (as
    :meth:`Parsed.sentence_at` assumes), so the first one starting at the body is found by bisection.
    """
    sents = parsed.sentences
    body = _body_start(sec)
    out = []
    for i in range(bisect_left(sents, body, key=_start), len(sents)):
        s = sents[i]
        if s.start >= sec.end:
            break
        out.append(s)
        if len(out) == n:
            break
    return out


def _start(x) -> int:
    return x.start


def is_subject_lead(lead: str) -> bool:
    """Whether ``lead`` may stand before a subject at a clause start (a time phrase, a dateline, nothing).

    >>> is_subject_lead("2017年，"), is_subject_lead("本报北京7月12日电 "), is_subject_lead("按照")
    (True, True, False)
    """
    return bool(_SUBJECT_LEAD.match(lead.strip()))


def is_subject(text: str, m: Mention, lo: int) -> bool:
    """Whether the mention ``m`` stands as a subject: at a clause start (after ``lo``) and followed by a predicate."""
    j = m.start
    while j > lo and text[j - 1] not in _CLAUSE_BREAK:
        j -= 1
    lead = text[j:m.start].strip()
    return bool(_SUBJECT_LEAD.match(lead)) and bool(_AFTER_SUBJECT.match(text[m.end:m.end + 4]))


def explicit_owner(parsed: Parsed, sec: Section, bureaus: Sequence[Mention], text: str | None = None) -> Mention | None:
    """The Bureau mention standing as subject in the first sentence of ``sec`` (after its heading), or None."""
    text = parsed.folded if text is None else text
    outer = _outer(bureaus)
    return _explicit_owner(parsed, sec, outer, text, all(a.start <= b.start for a, b in itertools.pairwise(outer)))


def _outer(bureaus: Sequence[Mention]) -> list[Mention]:
    """The mentions not nested in another of ``bureaus`` (in their order).

    n log n, not all pairs: a span is nested when a span starting before it ends at or after its end
    (a prefix maximum of ends over the sorted starts), or a span with the same start ends after it.
    """
    top: dict[int, int] = {}  # start -> the largest end of the spans starting there
    for o in bureaus:
        if o.end > top.get(o.start, -1):
            top[o.start] = o.end
    starts = sorted(top)
    reach = list(itertools.accumulate((top[a] for a in starts), max))  # reach[i]: max end over starts[:i + 1]
    out = []
    for m in bureaus:
        i = bisect_left(starts, m.start)  # starts[i] == m.start
        if top[m.start] > m.end or (i > 0 and reach[i - 1] >= m.end):
            continue
        out.append(m)
    return out


def _explicit_owner(parsed: Parsed, sec: Section, outer: Sequence[Mention], text: str,
                    in_order: bool = False) -> Mention | None:
    """The mention of ``outer`` that is the subject of the first sentence of ``sec`` or speaks in its first three.

    When ``outer`` is sorted by start (``in_order``, as :func:`section_owners` passes it) the mentions of each
    sentence are found by bisection, so the cost per section does not grow with the document.
    """
    for k, sent in enumerate(_first_sentences(parsed, sec, 3)):
        if in_order:
            lo = bisect_left(outer, sent.start, key=_start)
            hi = bisect_left(outer, sent.end, lo, key=_start)
            within: Iterable[Mention] = outer[lo:hi]
        else:
            within = (m for m in outer if sent.start <= m.start < sent.end)
        for m in within:
            if k == 0 and is_subject(text, m, sent.start):
                return m
            if _SPEAKER.match(text[m.end:m.end + 12]) and _SUBJECT_LEAD.match(text[sent.start:m.start].strip()):
                return m
    return None


def document_organ(entities: Sequence[Entity], gazetteer) -> Institution | None:
    """The organ the document is about: the gazetteer institution with departments that is named most often."""
    if gazetteer is None:
        return None
    best = None
    for e in entities:
        if e.type != "Bureau":
            continue
        inst = gazetteer.lookup(e.label)
        if inst is None or not any(c.kind == "department" for c in gazetteer.children(inst.name)):
            continue
        score = (len(e.mentions), inst.name)
        if best is None or score > best[0]:
            best = (score, inst)
    return best[1] if best else None


def _common_parent(owners: Sequence[SectionOwner], entities: Sequence[Entity],
                   gazetteer) -> Institution | None:
    """The organ that at least two named section owners belong to, when the text never names it."""
    if gazetteer is None:
        return None
    label = {e.key: e.label for e in entities}
    parents: Counter[str] = Counter()
    for o in owners:
        inst = gazetteer.lookup(label.get(o.entity, ""))
        if inst is not None and inst.parent and inst.kind == "department":
            parents[inst.parent] += 1
    best = sorted(parents.items(), key=lambda kv: (-kv[1], kv[0]))
    return gazetteer.lookup(best[0][0]) if best and best[0][1] >= 2 else None


def _keyword_scores(texts: Sequence[str], departments: Sequence) -> list[dict[str, float]]:
    """Per section text, each department's score: covers keywords found, weighted by rarity across sections.

    A keyword counts once per occurrence (longer keywords hiding shorter ones are counted
    once), times log-inverse section frequency, so keywords found everywhere weigh little.
    """
    n = len(texts)
    df: Counter[str] = Counter()
    for t in texts:
        for kw in {kw for d in departments for kw in d.covers}:
            if kw in t:
                df[kw] += 1
    out = []
    for t in texts:
        scores: dict[str, float] = {}
        for d in departments:
            total = 0.0
            for kw in sorted(set(d.covers), key=len, reverse=True):
                c = t.count(kw)
                if not c:
                    continue
                longer = sum(t.count(k2) for k2 in d.covers if kw in k2 and k2 != kw)
                c = max(0, c - longer)
                total += c * math.log(1 + n / df[kw]) * (1 + 0.2 * (len(kw) - 2))
            if total:
                scores[d.name] = round(total, 6)
        out.append(scores)
    return out


def section_owners(parsed: Parsed, entities: Sequence[Entity],
                   gazetteer=None) -> tuple[list[SectionOwner], list[Entity]]:
    """Owners of the document's headed sections, and the Bureau entities created for inferred owners.

    Inference happens only in a document whose sections are departmental: at least two
    sections name as subject a department of the document's organ (a compilation of
    department reports); a department already owning a section is not inferred again.
    """
    text = parsed.folded
    bureaus = sorted((m for e in entities if e.type == "Bureau" for m in e.mentions), key=lambda m: (m.start, m.end))
    entity_of = {(m.start, m.end): e for e in entities if e.type == "Bureau" for m in e.mentions}
    found: list[tuple[Section, Mention]] = []
    outer = None
    for sec in parsed.sections:
        if not sec.heading:
            continue
        if outer is None:
            outer = _outer(bureaus)
        m = _explicit_owner(parsed, sec, outer, text, True)  # bureaus, hence outer, sorted by start
        if m is not None:
            found.append((sec, m))
    # a section opening on a bureau belongs to it when the bureau speaks of its own plans
    # (…司将…, …司要…, or its head speaking), not when a plan's text states a duty (…办公室汇总…)
    found = [(sec, m) for sec, m in found
             if _PLAN_VOICE.match(text[m.end:m.end + 12]) or _SPEAKER.match(text[m.end:m.end + 12])]
    owners: list[SectionOwner] = []
    for sec, m in found:
        e = entity_of[(m.start, m.end)]
        owners.append(SectionOwner(sec.index, e.key, True, "section.subject", rules.confidence("section.subject"),
                                   m.start, m.end))
    organ = document_organ(entities, gazetteer) or _common_parent(owners, entities, gazetteer)
    if organ is None:
        return owners, []
    departments = [c for c in gazetteer.children(organ.name) if c.kind == "department" and c.covers]
    dept_names = {d.name for d in departments}
    by_key = {e.key: e for e in entities}

    def dept_of(key: str) -> str | None:
        inst = gazetteer.lookup(by_key[key].label)
        return inst.name if inst is not None and inst.name in dept_names else None

    taken = {dept_of(o.entity) for o in owners} - {None}
    if len(taken) < 2:
        return owners, []
    owned = {o.section for o in owners}
    headed = [s for s in parsed.sections if s.heading]
    texts = [text[s.start:s.end] for s in headed]
    scores = _keyword_scores(texts, departments)
    open_secs = [(sec, sc) for sec, sc in zip(headed, scores, strict=False)
                 if sec.index not in owned]
    pairs = sorted((-score, sec.index, name)
                   for sec, sc in open_secs for name, score in sc.items() if name not in taken)
    assigned: dict[int, str] = {}
    used: set[str] = set()
    for neg, idx, name in pairs:
        if idx in assigned or name in used or -neg < _MIN_SCORE:
            continue
        assigned[idx] = name
        used.add(name)
    existing = {gazetteer.lookup(e.label).name: e for e in entities
                if e.type == "Bureau" and gazetteer.lookup(e.label) is not None}
    new: dict[str, Entity] = {}
    sec_by_index = {s.index: s for s in headed}
    for idx in sorted(assigned):
        name = assigned[idx]
        sec = sec_by_index[idx]
        rule = f"gazetteer.covers:{name}"
        if name in existing:
            key = existing[name].key
        else:
            # The department is never named here: it gets no pk:mention (a heading is not its name); the heading
            # is the evidence of the inferred owner statement (SectionOwner start/end → Relation.evidence).
            inst = gazetteer.lookup(name)
            key = entity_key("Bureau", name)
            new.setdefault(key, Entity(key=key, type="Bureau", label=name,
                                       alt_labels=tuple(sorted(set(inst.aliases + inst.short))), english=inst.english))
        owners.append(SectionOwner(idx, key, False, rule, rules.confidence(rule), sec.heading_start,
                                   sec.heading_end))
    owners.sort(key=lambda o: o.section)
    return owners, [new[k] for k in sorted(new)]


#: the least number of bureaus speaking of their own plans at clause starts (某司将…, 某局要…, 某司负责人介绍)
#: that makes a text a compilation of department reports, whose sections each have an owner
MIN_SPEAKERS = 3
#: how far back from a bureau mention its clause start is looked for (the subject test stays linear)
_CLAUSE_LOOKBACK = 60
#: the longest run of text at a sentence start that may be a glued heading before its department
_GLUED_HEADING = 20
_PUNCT = re.compile(r"[，,、；;：:“”《》（）()]")


def _speaks(text: str, start: int, end: int) -> bool:
    """Whether the bureau at ``text[start:end]`` is the subject of a clause speaking of its own plans (某司将…)."""
    after = text[end:end + 12]
    if not (_PLAN_VOICE.match(after) or _SPEAKER.match(after)):
        return False
    j = start
    while j > max(0, start - _CLAUSE_LOOKBACK) and text[j - 1] not in _CLAUSE_BREAK:
        j -= 1
    lead = text[j:start].strip()
    # a subject lead (2031年，/ nothing), or at a sentence start a short unpunctuated run: a heading glued
    # before the department that was not recognised as one
    sentence_start = j == 0 or text[j - 1] in "。！？!?\n"
    return is_subject_lead(lead) or (sentence_start and len(lead) <= _GLUED_HEADING and not _PUNCT.search(lead))


def speaking_departments(text: str, bureaus: Iterable[tuple[str, Mention]]) -> set[str]:
    """The bureaus (entity keys) that stand as subject of a clause speaking of their own plans (某司将…, 某局要…).

    ``text`` is the document text (folded to simplified characters here); ``bureaus`` are
    (entity key, mention) pairs of the document's Bureau mentions.
    """
    folded = fold(text)
    return {key for key, m in bureaus if _speaks(folded, m.start, m.end)}


def unowned_report(doc_id: str, sections: Sequence[Section], owners: Sequence, speakers: int) -> str | None:
    """A one-line warning when a report-shaped text yields no section owner, else None.

    Report-shaped: at least :data:`MIN_SPEAKERS` bureaus (``speakers``, see :func:`speaking_departments`)
    speak of their own plans at clause starts, as a compilation of department reports does. Such a
    text without any section owner means its headings were not recognised (or open no department),
    and its responsibleFor links by section are missing — a thing to say, not to pass over in silence.
    """
    if owners or speakers < MIN_SPEAKERS:
        return None
    headed = sum(1 for s in sections if s.heading)
    shape = ("no headings were recognised" if not headed
             else f"none of its {headed} headed sections opens with its department")
    return (f"{doc_id}: {speakers} departments speak of their plans as in a report by departments, but {shape}, "
            "so no section has an owner (check the layout of its headings)")


def report_warnings(documents: Sequence, entities: Sequence[Entity],
                    sentence_of: dict[tuple[str, int], tuple[int, int, str]]) -> list[str]:
    """:func:`unowned_report` for every document of a build, from its merged results.

    ``documents`` are :class:`kg.rdf.DocumentInfo`; ``sentence_of`` maps (document, mention start) to
    the sentence holding the mention (``Corpus.sentence_of``): the build keeps no document text,
    and the sentence is all a clause-start test needs.
    """
    speakers: dict[str, set[str]] = {}
    for e in entities:
        if e.type != "Bureau":
            continue
        for m in e.mentions:
            sent = sentence_of.get((m.doc_id, m.start))
            if sent is None or e.key in speakers.get(m.doc_id, ()):
                continue
            s, _, stext = sent
            if _speaks(fold(stext), m.start - s, m.end - s):
                speakers.setdefault(m.doc_id, set()).add(e.key)
    out = []
    for info in documents:
        msg = unowned_report(info.doc.doc_id, info.sections, info.owners, len(speakers.get(info.doc.doc_id, ())))
        if msg:
            out.append(msg)
    return out
