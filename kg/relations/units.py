"""responsibleFor from the units named for a task, and for the projects inside a plan's title.

``lead-unit`` — the units closing a task in brackets, lead and partners alike (（牵头单位：A；配合单位：B、C）,
（责任单位：A、B）, （A牵头，B配合））, for the task's items, and 由B牵头 for its sentence;
``nested.project`` — a project named inside the title of a plan a bureau is responsible for.
"""

from __future__ import annotations

import itertools

from .. import rules
from ..model import Mention, Relation
from ..structure import item_start
from .doc import ITEM, Doc, LinkState, cited, items, outermost, unmark
from .tables import rx

#: rules whose responsibleFor is for issuing the plan, not for carrying out what its title names
_ISSUING_RULES = ("law.issuer", "doc.issues", "statute.promulgation", "bureau.issued")


def unit_brackets(doc: Doc) -> list[tuple[int, int, list[Mention]]]:
    """Brackets that close a task with its units: (start, end, bureaus) of every （…） holding only
    bureaus and role words (牵头单位：A；配合单位：B、C / 责任单位：A、B / A牵头，B配合 / A负责),
    and of a closing 责任单位：A、B。 at the end of a task line."""
    text = doc.text
    bracket, roles, cue = rx("unit_bracket"), rx("unit_roles"), rx("unit_cue")
    out = []
    for mt in itertools.chain(bracket.finditer(text), rx("unit_line_end").finditer(text)):
        lo, hi = mt.start(1), mt.end(1)
        bs = [b for b in outermost(doc.of(("Bureau",), lo, hi)) if b.end <= hi]
        if not bs:
            continue
        rest, pos = [], lo
        for b in bs:
            rest.append(text[pos:b.start])
            pos = b.end
        rest.append(text[pos:hi])
        if roles.match("".join(rest)) and cue.search("".join(rest)):
            out.append((mt.start() if mt.re is bracket else lo, mt.end(), bs))
    return sorted(out, key=lambda u: u[:2])


def _task_span(text: str, start: int, end: int, unit_lines: set[int], prev_end: dict[int, int]) -> tuple[int, int]:
    """The task a bracket of units at ``[start, end)`` closes, as ``(lo, hi)``.

    A task runs from its line start (or the previous bracket of units on the line) to the bracket;
    units on lines of their own (（牵头单位：A）, 牵头单位：A / 配合单位：B) close the item above them, from
    its numbered line (or the line just above) to the first of these unit lines.
    """
    line_start = text.rfind("\n", 0, start) + 1
    if line_start > 0 and not text[line_start:start].strip():
        first = line_start
        while first > 0 and text.rfind("\n", 0, first - 1) + 1 in unit_lines:
            first = text.rfind("\n", 0, first - 1) + 1
        return item_start(text, first), first
    lo = max(line_start, prev_end.get(line_start, line_start))
    prev_end[line_start] = end
    return lo, start


def lead_unit(st: LinkState) -> None:
    """responsibleFor: the units closing a task in brackets for the task's items; 由B牵头 for its sentence.

    Items a task cites as a basis (依照《X》) are not its work.
    """
    doc, out = st.doc, st.out
    text = doc.text
    prev_end: dict[int, int] = {}
    units = unit_brackets(doc)
    unit_lines = {text.rfind("\n", 0, u[0]) + 1 for u in units if not text[text.rfind("\n", 0, u[0]) + 1:u[0]].strip()}
    for start, end, bs in units:
        lo, hi = _task_span(text, start, end, unit_lines, prev_end)
        found = [m for m in items(doc, lo, hi) if m.end <= hi and not cited(text, m, lo)]
        for b in bs:
            for m in found:
                out.append(Relation(doc.entity(b).key, "responsibleFor", doc.entity(m).key, "lead-unit",
                                    doc.evidence(m.start), rules.confidence("lead-unit"), False))
    for mt in rx("led_by").finditer(text):
        sent = doc.parsed.sentence_at(mt.start())
        if sent is None:
            continue
        bs = [b for b in outermost(doc.of(("Bureau",), mt.start(1), mt.end(1))) if b.end <= mt.end(1)]
        found = doc.of(ITEM, sent.start, sent.end) or _programme_referred(doc, sent.start, mt.start())
        for b in bs:
            for m in found:
                if cited(text, m, sent.start):
                    continue
                out.append(Relation(doc.entity(b).key, "responsibleFor", doc.entity(m).key, "lead-unit",
                                    doc.evidence(m.start), 0.85, False))  # 由X牵头: a sentence's reach, not a task's


def _programme_referred(doc: Doc, lo: int, at: int) -> list[Mention]:
    """The programme a bare or pointing programme word (工程由B牵头, 该计划由B负责) stands for: the last
    Project named in the 300 characters before whose name ends in that word."""
    mh = rx("programme_anaphor").search(doc.text[lo:at].strip())
    if mh is None:
        return []
    word = mh.group(1)
    before = [p for p in doc.of(("Project",), max(0, lo - 300), lo) if unmark(p.label).endswith(word)]
    return before[-1:]


def nested_project(st: LinkState) -> None:
    """responsibleFor: a bureau responsible for a plan (other than by issuing it) for the project in its title."""
    doc, out = st.doc, st.out
    nested: dict[str, set[str]] = {}
    for law in doc.by_type.get("Law", []):
        for p in doc.of(("Project",), law.start, law.end):
            if p.end <= law.end:
                nested.setdefault(doc.entity(law).key, set()).add(doc.entity(p).key)
    extra = []
    for r in out:
        if r.predicate != "responsibleFor" or r.object not in nested or r.rule in _ISSUING_RULES:
            continue
        for key in sorted(nested[r.object]):
            extra.append(Relation(r.subject, "responsibleFor", key, "nested.project", r.evidence,
                                  round(min(r.confidence, rules.confidence("nested.project")), 2), r.inferred))
    out.extend(extra)
