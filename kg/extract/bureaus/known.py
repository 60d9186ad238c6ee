"""Bureaus the gazetteer knows: its names and aliases, the short names of departments, and the organs
these belong to (a bare department goes to the organ named before it, or to the organ of the document)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ... import rules
from ...ids import normalize_key
from ..base import derived
from ..tokens import OUTSIDE, PROVINCES, is_place
from .spans import Cand, alternation
from .vocab import BARE_DEPARTMENT_HEADS, BARE_HEADS, HEADS, NATIONAL_MARKS, continues

if TYPE_CHECKING:
    from ...gazetteer import Gazetteer, Institution


def gazetteer_pattern(gaz: Gazetteer) -> re.Pattern[str] | None:
    """One alternation of every gazetteer surface, longest first (made once per gazetteer)."""
    return derived(gaz, "bureaus.surfaces", lambda: alternation({s for s in gaz.surfaces() if s}))


def department_shorts(gaz: Gazetteer) -> dict[str, tuple[Institution, ...]]:
    """Short forms (3+ characters) that only departments carry: 规划财务司, 非遗司, 媒体融合发展司."""
    return {s: insts for s, insts in gaz.short_forms().items()
            if len(s) >= 3 and all(i.kind == "department" for i in insts)}


def pick_short(insts: Sequence[Institution], established: Sequence[str]) -> str:
    """The institution a short form stands for: the one whose name — for a department, whose
    parent's name — was established last before it; '' when none was."""
    for name in reversed(established):
        for inst in insts:
            if name == inst.name or (inst.parent and name == inst.parent):
                return inst.name
    return ""


def parent_name(gaz: Gazetteer, name: str) -> str:
    """The organ of a department or office of the gazetteer ('' for anything else)."""
    inst = gaz.lookup(name)
    return inst.parent or "" if inst is not None and inst.kind in ("department", "office") else ""


def gazetteer_cands(folded: str, gaz: Gazetteer) -> list[Cand]:
    """Gazetteer names and aliases, and the short names of departments, in one alternation.

    An alias that is also a short form (广电总局) follows the organ established before it; so does a
    bare department name (宣传司, 规划财务司): it is the department of the organ named last before it,
    and a bare department name of no organ named before stays a department without identity.
    """
    shorts = derived(gaz, "short_forms", gaz.short_forms)
    pat = derived(gaz, "bureaus.surfaces+departments",
                  lambda: alternation({s for s in gaz.surfaces() if s} | set(department_shorts(gaz))))
    if pat is None:
        return []
    out: list[Cand] = []
    keys: list[str] = []  # the keys of out, and with each department's organ before it (grown with out)
    with_parents: list[str] = []
    for m in pat.finditer(folded):
        surface = m.group()
        inst = gaz.lookup(surface)
        alts = shorts.get(normalize_key(surface), ())
        if inst is None and not alts:
            continue
        head = next((h for h in HEADS if surface.endswith(h)), surface[-1:])
        if continues(folded, m.end(), head):
            continue  # 公安部门, 文化部门: a sector's departments, not the ministry
        if folded[max(0, m.start() - 2):m.start()] in OUTSIDE:
            continue
        # an organ's office or department named in full (文化和旅游部办公厅) establishes the organ too
        established = with_parents if inst is None or inst.kind == "department" else keys
        cand = _known_cand(m, inst, alts, established)
        if cand is None:
            continue
        out.append(cand)
        keys.append(cand.key)
        with_parents.extend(n for n in (parent_name(gaz, cand.key), cand.key) if n)
    return out


def _known_cand(m: re.Match[str], inst: Institution | None, alts: Sequence[Institution],
                established: Sequence[str]) -> Cand | None:
    """The candidate of one gazetteer match: a name or alias, a short form keyed to the organ established
    before it, or a bare department without identity (``None``: a short form of no organ named before)."""
    if inst is None:
        key = pick_short(alts, established)
        if key:
            return Cand(m.start(), m.end(), "bureau.gazetteer", key, 0.9, True)  # a short name: below a full one
        if m.group().endswith(BARE_DEPARTMENT_HEADS):
            return Cand(m.start(), m.end(), "bureau.department", "", rules.confidence("bureau.department"), False)
        return None
    key = inst.name
    if alts:
        pool = (inst, *alts) if inst.kind == "department" else alts
        key = pick_short(pool, established) or key
    return Cand(m.start(), m.end(), "bureau.gazetteer", key, rules.confidence("bureau.gazetteer"), True)


def unmarked_national(gaz: Gazetteer | None, folded: str, c: Cand) -> bool:
    """A gazetteer name of a national organ written without a national mark (发展改革委, 网信办, 卫健委)."""
    if gaz is None or c.rule != "bureau.gazetteer":
        return False
    inst = gaz.lookup(c.key) or gaz.lookup(folded[c.start:c.end])
    return (inst is not None and inst.level == "national" and inst.kind != "department"
            and not folded.startswith(NATIONAL_MARKS, c.start))


def foreign_department(folded: str, gaz: Gazetteer, g: Cand, organ_at_end: dict[int, Cand]) -> bool:
    """A bare department of the gazetteer glued to another organ than its own (江西省人民政府办公厅)."""
    inst = gaz.lookup(folded[g.start:g.end])
    if inst is None or inst.kind != "department" or not inst.parent or folded[g.start:g.end].startswith(inst.parent):
        return False
    prev = organ_at_end.get(g.start)
    if prev is None:
        return False
    owner = gaz.lookup(folded[prev.start:prev.end])
    return owner is None or owner.name != inst.parent


def orphan_departments(folded: str, gaz: Gazetteer, gaz_cands: list[Cand]) -> list[Cand]:
    """A bare department name of the gazetteer (宣传司, 办公厅) is that organ's department only when the
    organ is named in the document; otherwise it keeps no gazetteer identity, and a head that cannot
    stand alone (办公厅) is dropped."""
    named = {n for c in gaz_cands for n in (c.key, parent_name(gaz, c.key)) if n}
    out = []
    for g in gaz_cands:
        surface = folded[g.start:g.end]
        inst = gaz.lookup(g.key) or gaz.lookup(surface)
        if (inst is None or inst.kind != "department" or not inst.parent or surface.startswith(inst.parent)
                or inst.parent in named):
            out.append(g)
        elif any(surface.endswith(h) for h in BARE_HEADS):
            out.append(Cand(g.start, g.end, "bureau.department", "", rules.confidence("bureau.department"), False))
    return out


def departments_of_document_organ(folded: str, gaz: Gazetteer, cands: list[Cand]) -> list[Cand]:
    """In a document whose first line opens with a national organ (教育部2023年工作要点…), a bare 司 that the
    gazetteer does not know (基础教育司) is that organ's department, keyed to its full name."""
    first_line = folded.find("\n")
    first_line = len(folded) if first_line < 0 else first_line
    organs = sorted((c for c in cands if c.rule in ("bureau.gazetteer", "bureau.parent") and c.start < first_line),
                    key=lambda c: c.start)
    if not organs:
        return cands
    inst = gaz.lookup(organs[0].key or folded[organs[0].start:organs[0].end])
    if (inst is None or inst.kind != "organ" or inst.level != "national" or folded[:organs[0].start].strip()
            or not inst.name.endswith(("部", "委员会", "总局", "局", "署"))):
        return cands
    out = []
    for c in cands:
        name = folded[c.start:c.end]
        if c.rule == "bureau.department" and not c.key and name.endswith("司") and gaz.lookup(name) is None:
            c = Cand(c.start, c.end, c.rule, inst.name + name, c.confidence, c.prefixed)
        out.append(c)
    return out


_LOCAL_COMMITTEE = re.compile(r"(?:中共)?([\u4e00-\u9fff]{1,8}?)(省|市|县|区|州)委(?!员)")
_GROUP_OFFICES = ("领导小组办公室", "工作小组办公室", "委员会办公室")


def nested_parents(folded: str, gaz: Gazetteer | None, cands: list[Cand]) -> list[Cand]:
    """An organ named at the start of a longer bureau name (国务院 in 国务院办公厅, 公安部 in
    公安部治安管理局) is a mention of its own; so is the group of a group's office, and the party
    committee of a place (中共攸县县委办公室, 湖南省委网信办)."""
    out = []
    pat = gazetteer_pattern(gaz) if gaz is not None else None
    for c in cands:
        if c.rule in ("bureau.short", "bureau.self", "bureau.parent"):
            continue
        name = folded[c.start:c.end]
        if gaz is not None and pat is not None and c.end - c.start > 2:
            out += _organ_at_start(folded, gaz, pat, c, name)
        for head in _GROUP_OFFICES:
            if name.endswith(head) and len(name) > len(head):
                key = (c.key or name)[:-3]
                out.append(Cand(c.start, c.end - 3, "bureau.parent", key, c.confidence, c.prefixed))
        m = _LOCAL_COMMITTEE.match(name)
        if m and m.end() < len(name) and (is_place(m.group(1)) or is_place(m.group(1) + m.group(2))
                                          or m.group(1) in PROVINCES):
            # 中共攸县县委办公室, 湖南省委网信办: the party committee of the place is named too
            # a committee prefix inferred from a place name: less sure than a gazetteer parent
            out.append(Cand(c.start, c.start + m.end(), "bureau.parent", m.group().removeprefix("中共"), 0.8, True))
    return out


def _organ_at_start(folded: str, gaz: Gazetteer, pat: re.Pattern[str], c: Cand, name: str) -> list[Cand]:
    """The gazetteer organ that opens the name of ``c``, as a mention of its own (none when it is ``c``'s)."""
    m = pat.match(folded, c.start, c.end - 1)
    if m and not continues(folded, m.end(), m.group()[-1]):  # not 财政部 in 财政部门
        inst = gaz.lookup(m.group())
        own = gaz.lookup(name)
        if inst is not None and inst.name != c.key and (own is None or own.name != inst.name):
            return [Cand(c.start, m.end(), "bureau.parent", inst.name, rules.confidence("bureau.parent"), True)]
    return []
