"""subOrganizationOf between the bureaus a document names, groups named for programmes, and organizes.

subOrganizationOf — ``gazetteer.parent``: both in the document; ``name.prefix``: 公安部治安管理局 → 公安部;
``office.of``: X办公室 → X; ``office.located``: …办公室设在B → B; ``section.inferred-owner``: an inferred
section owner → the document's organ. responsibleFor — ``group.named-for``: …试点工作小组 → the 试点.
organizes — ``event.host``: 组织举办/承办/主办…E, by the clause's subject or the section owner;
``directive.implement``: B关于(统筹)实施“P”的部署.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import rules
from ..gazetteer import Gazetteer
from ..model import Entity, Mention, Relation
from ..sections import SectionOwner
from .doc import Doc, LinkState, bureau_lists, outermost, unmark
from .tables import rx, words


def _named(e: Entity) -> Mention | None:
    """The first mention of ``e`` that the document writes (not an inferred section owner)."""
    return next((m for m in e.mentions if m.rule != "section.inferred-owner"), None)


def _gazetteer_parents(doc: Doc, bureaus: Sequence[Entity], gazetteer: Gazetteer, owners: Sequence[SectionOwner],
                       out: list[Relation]) -> None:
    """A department and its organ, both in the document (``gazetteer.parent``; an inferred owner's is inferred)."""
    inferred_keys = {o.entity for o in owners if not o.explicit}
    by_name: dict[str, Entity] = {}
    for e in bureaus:
        inst = gazetteer.lookup(e.label)
        if inst is not None:
            by_name.setdefault(inst.name, e)
    for e in bureaus:
        inst = gazetteer.lookup(e.label)
        parent = by_name.get(inst.parent) if inst is not None and inst.parent else None
        if inst is None or parent is None or parent is e or inst.kind != "department":
            continue
        first = _named(e)
        if first is not None:
            out.append(Relation(e.key, "subOrganizationOf", parent.key, "gazetteer.parent",
                                doc.evidence(first.start, first.end), rules.confidence("gazetteer.parent"), False))
        elif e.key in inferred_keys:
            o = next(o for o in owners if o.entity == e.key and not o.explicit)
            out.append(Relation(e.key, "subOrganizationOf", parent.key, "section.inferred-owner",
                                doc.evidence(o.start, o.end), rules.confidence("section.inferred-owner"), True))


def _name_prefixes(doc: Doc, bureaus: Sequence[Entity], out: list[Relation]) -> None:
    """公安部治安管理局 → 公安部, 国务院办公厅 → 国务院, 试点工作小组办公室 → 试点工作小组 (the longest named organ)."""
    sub_unit = rx("sub_unit")
    offices = words("office_suffixes")
    names = sorted(((n, e) for e in bureaus for n in {e.label, *e.alt_labels} if len(n) >= 2),
                   key=lambda ne: (-len(ne[0]), ne[1].key))
    for e in bureaus:
        first = _named(e)
        if first is None:
            continue
        for n, p in names:
            if p.key == e.key or _named(p) is None:
                continue
            own = next((own for own in {e.label, *e.alt_labels} if own.startswith(n) and sub_unit.match(own[len(n):])),
                       None)
            if own is not None:
                rule = "office.of" if own.endswith(offices) else "name.prefix"
                out.append(Relation(e.key, "subOrganizationOf", p.key, rule,
                                    doc.evidence(first.start, first.end), rules.confidence(rule), False))
                break


def _located(doc: Doc, out: list[Relation]) -> None:
    """X办公室设在Y: the office is housed in (belongs to) Y."""
    bms = doc.by_type.get("Bureau", [])
    for mt in rx("located_in").finditer(doc.text):
        before = [b for b in bms if b.end == mt.start()]
        after = [b for b in bms if b.start == mt.end()]
        if before and after:
            s, o = doc.entity(before[-1]), doc.entity(max(after, key=lambda b: b.end))
            if s.key != o.key:
                out.append(Relation(s.key, "subOrganizationOf", o.key, "office.located", doc.evidence(mt.start()),
                                    rules.confidence("office.located"), False))


def sub_organization(st: LinkState) -> None:
    """subOrganizationOf: departments and their organ, offices and their group, only between bureaus named here."""
    bureaus = [e for e in st.entities if e.type == "Bureau"]
    if st.gazetteer is not None:
        _gazetteer_parents(st.doc, bureaus, st.gazetteer, st.owners, st.out)
    _name_prefixes(st.doc, bureaus, st.out)
    _located(st.doc, st.out)


def group_named_for(st: LinkState) -> None:
    """responsibleFor: a group or office named after a programme (…试点工作小组, …工程领导小组办公室) for it."""
    doc, entities = st.doc, st.entities
    suffix = rx("group_suffix")
    projects = [(p, unmark(p.label)) for p in sorted((e for e in entities if e.type == "Project"),
                                                     key=lambda e: -len(e.label))]
    for e in entities:
        if e.type != "Bureau":
            continue
        first = _named(e)
        if first is None:
            continue
        name = unmark(e.label)
        for p, plabel in projects:
            rest = name[len(plabel):] if name.startswith(plabel) else ""
            if rest and suffix.match(rest):
                st.out.append(Relation(e.key, "responsibleFor", p.key, "group.named-for",
                                       doc.evidence(first.start,
                                                    first.end), rules.confidence("group.named-for"), False))
                break


def _clause_subject(doc: Doc, at: int, sec_owner: str | None) -> list[str]:
    """The bureaus standing as subject of the sentence holding ``at`` (before it), else the section owner."""
    sent = doc.parsed.sentence_at(at)
    lo = sent.start if sent else max(0, at - 80)
    lead, pred = rx("host_subject_lead"), rx("pred_after_subject")
    for run in reversed(bureau_lists(doc, lo, at)):
        j = run[0].start
        while j > lo and doc.text[j - 1] not in "，,；;：:。\n":
            j -= 1
        if lead.match(doc.text[j:run[0].start]) and pred.match(doc.text[run[-1].end:run[-1].end + 40]):
            return [doc.entity(b).key for b in run]
    return [sec_owner] if sec_owner else []


def _hosted_events(doc: Doc, owners: Sequence[SectionOwner], out: list[Relation]) -> None:
    """组织举办/承办/主办…E (or a list of events ending with E): the clause's subject, else the section owner."""
    text = doc.text
    gap, host = rx("list_gap"), rx("host")
    owner_of = {o.section: o for o in owners}
    events = outermost(doc.by_type.get("Event", []))
    for k, ev in enumerate(events):
        # the verb before the event, or before the first of a list of events ending with this one
        first = k
        while first > 0 and gap.match(text[events[first - 1].end:events[first].start].strip("“”\"")):
            first -= 1
        head = events[first]
        if not host.search(text[max(0, head.start - 8):head.start]):
            continue
        sec = doc.parsed.section_at(ev.start)
        o = owner_of.get(sec.index) if sec else None
        subjects = _clause_subject(doc, head.start, o.entity if o else None)
        inferred = bool(o and not o.explicit and subjects == [o.entity])
        for s in subjects:
            out.append(Relation(s, "organizes", doc.entity(ev).key, "event.host", doc.evidence(ev.start),
                                rules.confidence("section.inferred-owner" if inferred else "event.host"),
                                inferred))  # an inferred owner organises at the inferred owner's confidence


def organizes(st: LinkState) -> None:
    """organizes: the hosts of events (``event.host``) and 党组关于统筹实施“P”的总体部署 (``directive.implement``)."""
    doc, out = st.doc, st.out
    _hosted_events(doc, st.owners, out)
    text = doc.text
    directive, tail = rx("directive"), rx("directive_tail")
    for b in doc.by_type.get("Bureau", []):
        mt = directive.match(text[b.end:b.end + 12])
        if not mt:
            continue
        at = b.end + mt.end()
        for p in doc.of(("Project", "Event"), at - 1, at + 1):
            if tail.match(text[p.end:p.end + 8]):
                out.append(Relation(doc.entity(b).key, "organizes", doc.entity(p).key, "directive.implement",
                                    doc.evidence(p.start), rules.confidence("directive.implement"), False))
