"""responsibleFor from a section's owner and from bureaus standing as the subject of a clause.

``section.owner`` / ``gazetteer.covers:<dept>`` — every law and project of a section whose owner is named
(or inferred, lower confidence); ``sentence.subject`` — bureaus standing as the subject of a clause with a
predicate (负责, 会同…制定, 联合启动 …) and the items of that clause, and the partners of A会同B制定《X》.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import rules
from ..model import Mention, Relation
from ..sections import is_subject_lead
from .doc import ITEM, Doc, LinkState, bureau_lists, cited, clause_bounds, instrument_in_force, items
from .tables import rx

#: what ends the stretch before a subject (its lead)
_SUBJECT_BREAKS = "，,；;：:。\n"


def section_owner(st: LinkState) -> None:
    """responsibleFor: a section's owner (named, or inferred from the gazetteer) for every item of the section."""
    doc = st.doc
    secs = {s.index: s for s in doc.parsed.sections}
    for o in st.owners:
        sec = secs[o.section]
        body = sec.heading_end if sec.heading else sec.start
        for m in items(doc, body, sec.end):
            rule = "section.owner" if o.explicit else o.rule
            conf = rules.confidence("section.owner") if o.explicit else o.confidence
            st.out.append(Relation(o.entity, "responsibleFor", doc.entity(m).key, rule, doc.evidence(m.start), conf,
                                   not o.explicit))


def _clause_items(doc: Doc, lo: int, hi: int) -> list[Mention]:
    """The items a subject standing at ``lo`` is responsible for, up to ``hi``.

    Items of the first comma clause count; in later comma clauses only items
    that a verb of doing (落实, 修订, 开展 …) governs. Items cited as a basis
    (依照《…》, 根据《…》) never count.
    """
    text = doc.text
    strong, revised = rx("strong_verb"), rx("revised_after")
    first_end = lo
    while first_end < hi and text[first_end] not in "，,":
        first_end += 1
    out = []
    for m in items(doc, lo, hi):
        if cited(text, m, lo):
            continue
        if m.start > first_end:
            c0 = m.start
            while c0 > lo and text[c0 - 1] not in "，,":
                c0 -= 1
            if not (strong.search(text[c0:m.start]) or revised.match(text[m.end:m.end + 5])):
                continue
        out.append(m)
    return out


def _is_subject(doc: Doc, sent_start: int, run: Sequence[Mention]) -> bool:
    """Whether a run of bureaus stands as the subject of its clause: an allowed lead before it, a predicate after."""
    text = doc.text
    first, last = run[0], run[-1]
    j = first.start
    while j > sent_start and text[j - 1] not in _SUBJECT_BREAKS:
        j -= 1
    lead = text[j:first.start]
    after = text[last.end:last.end + 40]
    if lead.endswith("由") and rx("members_after").match(after):
        return False  # 由A、B组成… — members, not the responsible body
    lead_ok = bool(rx("subject_lead").match(lead) or is_subject_lead(lead))
    return lead_ok and bool(rx("pred_after_subject").match(after))


def _subject_clause_end(doc: Doc, sent_start: int, sent_end: int, runs: Sequence[list[Mention]], k: int) -> int:
    """Where the clause of the subject ``runs[k]`` ends: at ；/。, or where a later subject takes over."""
    text = doc.text
    pred = rx("pred_after_subject")
    _, clause_end = clause_bounds(text, sent_start, sent_end, runs[k][-1].end)
    for nxt in runs[k + 1:]:
        if nxt[0].start < clause_end and text[nxt[0].start - 1] in "，," \
                and pred.match(text[nxt[-1].end:nxt[-1].end + 40]):
            return nxt[0].start
    return clause_end


def clause_subject(st: LinkState) -> None:
    """responsibleFor: bureaus as the subject of a clause (up to ；/。) for its laws and projects, with partners."""
    doc, out = st.doc, st.out
    for sent in doc.parsed.sentences:
        runs = bureau_lists(doc, sent.start, sent.end)
        for k, run in enumerate(runs):
            if not _is_subject(doc, sent.start, run):
                continue
            last = run[-1]
            clause_end = _subject_clause_end(doc, sent.start, sent.end, runs, k)
            found = _clause_items(doc, last.end, clause_end)
            if not found and not doc.of(ITEM, sent.start, sent.end):
                found = _supervised_instrument(doc, last.end, sent.end)
            for b in run:
                be = doc.entity(b)
                for m in found:
                    out.append(Relation(be.key, "responsibleFor", doc.entity(m).key, "sentence.subject",
                                        doc.evidence(m.start), rules.confidence("sentence.subject"), False))
            for partners, shared in _partners(doc, runs[k + 1:], last.end, clause_end, found):
                for b in partners:
                    for m in shared:
                        out.append(Relation(doc.entity(b).key, "responsibleFor", doc.entity(m).key, "sentence.subject",
                                            doc.evidence(m.start), rules.confidence("sentence.subject"), False))


def _supervised_instrument(doc: Doc, lo: int, hi: int) -> list[Mention]:
    """A subject charged, in a sentence naming no item, with guiding and overseeing the carrying out
    (体育总局要会同有关方面做好指导、督查和总结工作，共同抓好落实) is responsible for the instrument
    in force there: the one whose heading precedes, the one the notice issues, or the document's own."""
    part = doc.text[lo:hi]
    if doc.title_law() is None or not (rx("oversee").search(part) and rx("carry_out").search(part)):
        return []
    target = instrument_in_force(doc, lo)
    return [target] if target is not None else []


def _partners(doc: Doc, runs: Sequence[list[Mention]], subject_end: int, clause_end: int,
              found: Sequence[Mention]) -> list[tuple[list[Mention], list[Mention]]]:
    """The bureaus a subject works with, and the items they share: A要会同B、C制定《X》 → B, C for X;
    A负责…，会同B开展P → B for P (the items after B in its comma clause)."""
    text = doc.text
    gap, before = rx("partner_gap"), rx("partner_before")
    out = []
    first_item = min((m.start for m in found), default=clause_end)
    for run in runs:
        if run[0].start >= clause_end:
            break
        if run[0].start < first_item and gap.match(text[subject_end:run[0].start]):
            out.append((list(run), list(found)))
            continue
        if before.search(text[max(subject_end, run[0].start - 2):run[0].start]):
            comma = min([i for i in (text.find(c, run[-1].end, clause_end) for c in "，,") if i >= 0] or [clause_end])
            shared = [m for m in found if run[-1].end <= m.start < comma]
            if shared:
                out.append((list(run), shared))
    return out
