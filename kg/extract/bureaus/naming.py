"""The keys of bureaus written short: a bare level with the one place the document names (省财政厅 →
江西省财政厅), local short names with their standard names, bare departments with the organ named with
them, and the sections (处) of a bureau."""

from __future__ import annotations

import re
from dataclasses import replace

from ... import rules
from ..tokens import NAME_CHARS, TokenIndex, is_place, is_stop
from .spans import Cand, name_of
from .vocab import (
    BARE_DEPARTMENT_HEADS,
    BARE_HEADS,
    CHU_CONTINUES,
    CHU_VERB_BEFORE,
    LOCAL_DEPARTMENTS,
    LOCAL_DEPT_RE,
    SECTION_OWNERS,
    is_local_prefix,
)

_BARE_LEVEL = re.compile(r"^(省|市|县)(?![级、])")
_NAMED_PLACE = re.compile(r"^([\u4e00-\u9fff]{1,6}?(省|市|县))(?=[\u4e00-\u9fff])")


def resolve_places(folded: str, cands: list[Cand]) -> list[Cand]:
    """省财政厅 in a document of 江西省 organs is 江西省财政厅; X省政府 is X省人民政府."""
    places: dict[str, set[str]] = {"省": set(), "市": set(), "县": set()}
    for c in cands:
        m = _NAMED_PLACE.match(folded[c.start:c.end])
        if m and c.prefixed and is_place(m.group(1)):
            places[m.group(2)].add(m.group(1))
    out = []
    for c in cands:
        name = c.key or folded[c.start:c.end]
        m = _BARE_LEVEL.match(name)
        if m and not c.key and c.rule in ("bureau.prefixed", "bureau.government") and len(places[m.group(1)]) == 1:
            name = next(iter(places[m.group(1)])) + name[1:]
        name = re.sub(r"(?<=[省市县区州])政府(?=$|办公厅$|办公室$)", "人民政府", name)
        if name != (c.key or folded[c.start:c.end]):
            c = replace(c, key=name)
        out.append(c)
    return out


def standard_local_names(folded: str, cands: list[Cand]) -> list[Cand]:
    """A local department's short name keyed to its standard name (湖北省经信厅 → 湖北省经济和信息化厅)."""
    out = []
    for c in cands:
        name = c.key or folded[c.start:c.end]
        m = LOCAL_DEPT_RE.search(name)
        if (c.rule == "bureau.prefixed" and m is not None and m.end() == len(name) and m.start() > 0
                and is_local_prefix(name[:m.start()])):
            full = name[:m.start()] + LOCAL_DEPARTMENTS.get(m.group(), m.group())
            if full != folded[c.start:c.end] and full != c.key:
                c = Cand(c.start, c.end, c.rule, full, c.confidence, c.prefixed)
        out.append(c)
    return out


def departments_of_named_organs(folded: str, cands: list[Cand]) -> list[Cand]:
    """Once a department is named with its organ (文化和旅游部公共服务司), its bare name elsewhere
    (公共服务司) is the same department."""
    full: dict[str, str] = {}
    ends: dict[int, list[int]] = {}
    for c in cands:
        if c.prefixed and c.rule in ("bureau.gazetteer", "bureau.parent", "bureau.prefixed", "bureau.government"):
            ends.setdefault(c.start, []).append(c.end)
    for c in cands:
        if c.rule != "bureau.prefixed":
            continue
        for k in ends.get(c.start, ()):
            dept = folded[k:c.end]
            if c.start < k < c.end and len(dept) >= 3 and any(dept.endswith(h) for h in BARE_HEADS):
                full.setdefault(dept, c.key or folded[c.start:c.end])
    if not full:
        return cands
    out = []
    for c in cands:
        name = folded[c.start:c.end]
        if name in full and not c.key and c.rule in ("bureau.department", "bureau.gazetteer"):
            c = Cand(c.start, c.end, c.rule, full[name], c.confidence, c.prefixed)
        out.append(c)
    return out


#: what lies between two departments listed together: a separator, perhaps after the head's title and name
#: (中宣部新闻局局长张某、出版局)
_SIBLING_GAP = re.compile(r"(?:(?:副?(?:局长|司长|主任|处长|书记)|负责人)[\u4e00-\u9fff]{0,4})?(?:、|和|及|与|以及)$")
_SENTENCE_END = re.compile("[。；;！？!?\n]")


def sibling_departments(folded: str, cands: list[Cand]) -> list[Cand]:
    """A bare department listed after a department named with its organ, in the same sentence
    (中宣部新闻局局长某某、出版局局长某某; 教育部基础教育司、高等教育司): a department of the same organ, keyed
    to the organ as written there and its own name (中宣部出版局)."""
    organs: dict[int, list[int]] = {}  # start → ends of the organs named there
    for c in cands:
        if c.rule in ("bureau.gazetteer", "bureau.parent") and not c.reference:
            organs.setdefault(c.start, []).append(c.end)
    out = []
    last: Cand | None = None  # the last outermost name before, in the sentence
    for c in sorted(cands, key=lambda c: (c.start, -c.end)):
        if last is not None and (c.start < last.end or _SENTENCE_END.search(folded[last.end:c.start])):
            last = last if c.start < last.end else None
        if (c.rule == "bureau.department" and not c.key and last is not None and c.start >= last.end
                and _SIBLING_GAP.match(folded, last.end, c.start)):
            c = _sibling_of(folded, c, last, organs)
        if last is None or c.start >= last.end:
            last = c
        out.append(c)
    return out


def _sibling_of(folded: str, c: Cand, last: Cand, organs: dict[int, list[int]]) -> Cand:
    """``c`` keyed to the organ of the department ``last`` (as written there) and its own name, when
    ``last`` is a department named with its organ."""
    owner = min((e for e in organs.get(last.start, ()) if e < last.end), default=None)
    dept = folded[owner:last.end] if owner is not None else ""
    if owner is not None and dept.endswith(BARE_DEPARTMENT_HEADS) and len(dept) >= 3:
        return replace(c, key=folded[last.start:owner] + folded[c.start:c.end])
    return c


def sections_of(folded: str, index: TokenIndex, cands: list[Cand]) -> list[Cand]:
    """A 处 written after its bureau (省局宣传处, 四川省新闻出版广电局宣传与电视剧管理处, 某厅办公室秘书处): the section
    of that bureau, named with it; its key is the bureau's name and the section's."""
    ends: dict[int, Cand] = {}
    for c in cands:
        if c.reference or not name_of(c, folded).endswith(SECTION_OWNERS):
            continue  # a generic organ (…部门, …人民政府) is written with no section of its own
        if c.end not in ends or ends[c.end].start > c.start:
            ends[c.end] = c
    out = []
    for m in re.finditer("处", folded):
        hs, he = m.span()
        if (folded[he:he + 1] and folded[he] in CHU_CONTINUES) or folded[hs - 1:hs] in CHU_VERB_BEFORE:
            continue  # 处理, 处于; 查处, 并处: the verb, no section
        for start in range(hs - 2, max(0, hs - 13) - 1, -1):
            owner = ends.get(start)
            if owner is None:
                continue
            body = folded[start:hs]
            tok = index.token_at(start)
            if (NAME_CHARS.match(body) and not any(w in body for w in ("的", "和其", "各", "有关"))
                    and tok is not None and tok.start == start and not is_stop(folded[tok.start:tok.end])):
                out.append(Cand(owner.start, he, "bureau.section", name_of(owner, folded) + body + "处",
                                rules.confidence("bureau.section"), True))
            break
    return out
