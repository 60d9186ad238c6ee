"""Relations between resolved entities, each produced by a named rule.

Input: one parsed document and its entities (with mentions). Output:
:class:`~kg.model.Relation` records carrying their evidence span and
sentence. Rules here are deliberately simple first versions:

* ``section.owner`` — the department named at the start of a section is
  responsible for the laws and projects of that section;
* ``law.effective`` — a Law and a Date in one sentence with 起施行/起实施;
* ``title.period`` — a Date written inside a Law or Project title;
* ``gazetteer.parent`` — a department and its parent organ (gazetteer), both in the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .extract.base import ExtractContext
from .model import Entity, Evidence, Mention, Parsed, Relation

_EFFECTIVE = re.compile(r"(起施行|起正式施行|起实施|起正式实施|起生效)")


def _evidence(parsed: Parsed, m: Mention) -> Evidence:
    s = parsed.sentence_at(m.start)
    if s is None:
        return Evidence(parsed.doc.doc_id, m.start, m.end, parsed.text[m.start:m.end])
    return Evidence(parsed.doc.doc_id, s.start, s.end, s.text)


def find_relations(parsed: Parsed, entities: Sequence[Entity], ctx: ExtractContext) -> list[Relation]:
    """All relations of one document, sorted."""
    by_mention: dict[tuple[int, int, str], Entity] = {}
    for e in entities:
        for m in e.mentions:
            by_mention[(m.start, m.end, m.type)] = e
    mentions = sorted((m for e in entities for m in e.mentions), key=lambda m: (m.start, m.end))
    rels: set[Relation] = set()
    # section owner
    for sec in parsed.sections:
        if not sec.heading:
            continue
        owner = None
        for m in mentions:
            if m.type == "Bureau" and sec.start <= m.start < min(sec.end, sec.heading_end + 40):
                owner = (m, by_mention[(m.start, m.end, m.type)])
                break
        if owner is None:
            continue
        om, oe = owner
        for m in mentions:
            if sec.start <= m.start < sec.end and m.type in ("Project", "Law"):
                obj = by_mention[(m.start, m.end, m.type)]
                rels.add(Relation(oe.key, "responsibleFor", obj.key, "section.owner", _evidence(parsed, m), 0.8, False))
    # effective date
    for m in mentions:
        if m.type != "Law":
            continue
        sent = parsed.sentence_at(m.start)
        if sent is None or not _EFFECTIVE.search(sent.text):
            continue
        for d in mentions:
            if d.type == "Date" and sent.start <= d.start < sent.end and d.start > m.end:
                rels.add(Relation(by_mention[(m.start, m.end, m.type)].key, "effectiveDate",
                                  by_mention[(d.start, d.end, d.type)].key, "law.effective", _evidence(parsed, m), 0.9, False))
                break
    # period inside titles
    for m in mentions:
        if m.type not in ("Law", "Project"):
            continue
        for d in mentions:
            if d.type == "Date" and m.start <= d.start and d.end <= m.end:
                rels.add(Relation(by_mention[(m.start, m.end, m.type)].key, "period",
                                  by_mention[(d.start, d.end, d.type)].key, "title.period", _evidence(parsed, m), 0.9, False))
    # departments and their parent organ
    gaz = ctx.gazetteer
    if gaz is not None:
        by_name = {e.label: e for e in entities if e.type == "Bureau"}
        for e in entities:
            if e.type != "Bureau":
                continue
            inst = gaz.lookup(e.label)
            if inst is not None and inst.parent and inst.parent in by_name:
                rels.add(Relation(e.key, "subOrganizationOf", by_name[inst.parent].key, "gazetteer.parent",
                                  _evidence(parsed, e.mentions[0]), 0.9, False))
    return sorted(rels, key=lambda r: (r.subject, r.predicate, r.object, r.evidence.start, r.rule))
