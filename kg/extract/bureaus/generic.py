"""Bureaus found by rule: a head whose left edge comes from the tokens, governments and party committees of
named places, local departments by their standard or usual names, and the generic organs of statutes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ... import rules
from ..generic_organs import generic_organs
from ..tokens import (
    NAME_CHARS,
    OUTSIDE,
    OWNER_WORDS,
    PREFIX_WORDS,
    QUOTES,
    STOP_WORDS,
    WORD_ENDINGS,
    TokenIndex,
    Walk,
    is_place,
    tokens_ending,
    walk_left,
)
from .known import unmarked_national
from .spans import Cand
from .vocab import (
    BARE_HEADS,
    CJK,
    COMMITTEES,
    DETERMINERS,
    HEAD_RE,
    LEVEL_WORDS,
    LEVELS,
    LOCAL_DEPARTMENTS,
    LOCAL_DEPT_RE,
    LOCAL_LEVELS,
    NEVER_ENDINGS,
    PARTY_DEPARTMENTS,
    SECTORS,
    clean_edge,
    continues,
)

if TYPE_CHECKING:
    from ...gazetteer import Gazetteer

#: levels listed before a shared name (省、自治区、直辖市 + 文化和旅游厅)
_LEVEL_ENUM = re.compile(r"(?:(?<=各)|(?<![\u4e00-\u9fff]))"
                         r"(?:(?:省|自治区|直辖市|计划单列市|副省级城市|市|县|区|自治州|自治县|设区的市)、)+$")


def government_cands(folded: str, index: TokenIndex) -> list[Cand]:
    """Governments of named places: 江西省人民政府, 省政府, 湖南省长沙市人民政府."""
    out = []
    for m in re.finditer(r"人民政府|政府", folded):
        hs, he = m.span()
        if m.group() == "政府" and folded[hs - 2:hs] == "人民":
            continue
        if continues(folded, he, m.group()):
            continue
        tok = index.before(hs)
        if tok is None:
            continue
        word = folded[tok.start:hs]
        if not (is_place(word) or word in LEVELS):
            continue
        start = tok.start
        prev = index.before(start)
        while prev is not None and is_place(folded[prev.start:prev.end]):
            start = prev.start
            prev = index.before(start)
        if prev is not None:
            pw = folded[prev.start:prev.end]
            if pw in DETERMINERS or (NAME_CHARS.match(pw) and pw not in STOP_WORDS and pw not in QUOTES):
                continue  # 各市人民政府, 设区市人民政府: generic or part of a longer phrase
        # a level-prefixed people's government of a named place is as sure as bureau.prefixed, not the generic 0.7
        out.append(Cand(start, he, "bureau.government", confidence=rules.confidence("bureau.prefixed"), prefixed=True))
    return out


def committee_cands(folded: str, index: TokenIndex) -> list[Cand]:
    """A party committee named alone: 县委、县政府; 江西省委 (not 县委书记, nor 党委 in general)."""
    out = []
    for tok in tokens_ending(index, folded, "委"):
        word = folded[tok.start:tok.end]
        if not (word in COMMITTEES or (len(word) >= 4 and word.endswith("委") and is_place(word[:-1]))):
            continue
        nxt = index.token_at(tok.end)
        nw = folded[nxt.start:nxt.end] if nxt is not None else ""
        if nxt is None or not CJK.match(nw[:1]) or nw in STOP_WORDS or nw in ("高度", "常委会", "全会"):
            prev = index.before(tok.start)
            pw = folded[prev.start:prev.end] if prev is not None else ""
            if pw in DETERMINERS:
                continue
            out.append(Cand(tok.start, tok.end, "bureau.committee", confidence=rules.confidence("bureau.committee"),
                            prefixed=True))
    return out


def generic_cands(folded: str, index: TokenIndex, organs: frozenset[str]) -> list[Cand]:
    """Names ending in a head, with the left edge from the tokens."""
    out: list[Cand] = []
    for m in HEAD_RE.finditer(folded):
        head = m.group()
        hs, he = m.span()
        if _no_head(folded, index, head, hs, he):
            continue
        w = walk_left(index, folded, hs, organs=organs, max_bare=12)
        if w is None or w.stopped_by in DETERMINERS:
            continue  # no body, or 各司局, 相关司 …
        body = folded[w.start:hs]
        if body.startswith(OUTSIDE) or (body + head) in WORD_ENDINGS:
            continue
        cand = _named(folded, index, w, body, head, hs, he)
        if cand is not None:
            out.append(cand)
    return out


def _no_head(folded: str, index: TokenIndex, head: str, hs: int, he: int) -> bool:
    """Whether the head at ``[hs, he)`` ends no name: a government (found apart), or the start or end of
    another word (司法, 部署, 各司其职; 布局, 大局, 签署; 国网公司)."""
    if head in ("政府", "人民政府") or continues(folded, he, head):
        return True
    tok = index.token_at(he - 1)
    if tok is not None and tok.end > he and folded[he:tok.end] not in STOP_WORDS:
        return True  # the head starts a longer word (司法, 部署, 各司其职)
    if tok is not None and tok.end == he and folded[tok.start:tok.end] in WORD_ENDINGS:
        return True  # 布局, 大局, 签署, 部委
    return folded[hs - 1:he] in NEVER_ENDINGS or folded[hs - 2:he] in NEVER_ENDINGS  # 国网公司 is a company


def _named(folded: str, index: TokenIndex, w: Walk, body: str, head: str, hs: int, he: int) -> Cand | None:
    """The name a head makes with the body the walk found: prefixed, a bare department, or ``None``."""
    if w.prefixed:
        if body in PREFIX_WORDS and body not in COMMITTEES and len(head) == 1:
            return None  # 省局, 国家局: a level and a head are no name
        start = w.start
        enum = _LEVEL_ENUM.search(folded, max(0, start - 24), start)
        if enum and enum.end() == start and folded.startswith(LEVEL_WORDS, start):
            start = enum.start()  # 省、自治区、直辖市文化和旅游厅: levels sharing one generic name
        return Cand(start, he, "bureau.prefixed", confidence=rules.confidence("bureau.prefixed"), prefixed=True)
    if head in BARE_HEADS and len(body) >= 2 and w.stopped_by not in ("<long>", "<cut>") and not (
            len(body) > 9 and w.stopped_by not in OWNER_WORDS and not clean_edge(folded, w.start)):
        return Cand(w.start, he, "bureau.department", confidence=rules.confidence("bureau.department"))
    if head == "司":
        # a heading glued to the department that repeats its words: 推进基础教育扩优提质基础教育司
        start_ = _repeated_tail(folded, index, hs)
        if start_ is not None:
            return Cand(start_, he, "bureau.department", confidence=0.65)  # cut by a repeated heading: less sure
    return None


def _repeated_tail(folded: str, index: TokenIndex, hs: int) -> int | None:
    """Where a department name begins when the text before it (back to punctuation) ends with words it
    already holds: 提升广播电视公共服务|公共服务司 (a one-line text glues headings to the next sentence)."""
    seg_start = hs
    while seg_start > 0 and hs - seg_start < 24 and CJK.match(folded[seg_start - 1]):
        seg_start -= 1
    seg = folded[seg_start:hs]
    for n in range(len(seg) - 2, 1, -1):
        tail = seg[-n:]
        tok = index.token_at(hs - n)
        if tail in seg[:-n] and tok is not None and tok.start == hs - n:
            return hs - n
    return None


def generic_organ_cands(folded: str, index: TokenIndex) -> list[Cand]:
    """Generic organs (:mod:`kg.extract.generic_organs`): governments by level and sector organs, with
    their level and sector; a coordinated item keeps the span written and takes the carried name as key."""
    def token_start(i: int) -> bool:
        """Whether a token starts at ``i`` (where a generic organ may begin)."""
        tok = index.token_at(i)
        return tok is not None and tok.start == i

    govs, organs = generic_organs(folded, SECTORS, token_start)
    out = [Cand(g.start, g.end, "bureau.government", g.name, rules.confidence("bureau.government"), True,
                g.info) for g in govs]
    out += [Cand(o.start, o.end, "bureau.statute", o.name, rules.confidence("bureau.statute"), True,
                 o.info) for o in organs]
    return out


def _local_word(word: str) -> bool:
    """A level, a place or a place's party committee: what makes a national short name after it local."""
    return word in LOCAL_LEVELS or is_place(word) or (len(word) >= 3 and word.endswith("委") and is_place(word[:-1]))


def local_alias_cands(folded: str, index: TokenIndex, gaz: Gazetteer, gaz_cands: list[Cand]) -> list[Cand]:
    """A national organ's short name after a level or place (省委网信办, 湖南省委网信办, 市卫健委) is the
    local organ of that level: the whole span is one local name."""
    out = []
    for g in gaz_cands:
        if not unmarked_national(gaz, folded, g):
            continue
        tok = index.before(g.start)
        if tok is None or tok.end != g.start or not _local_word(folded[tok.start:tok.end]):
            continue
        start = _over_places(folded, index, tok.start)
        out.append(Cand(start, g.end, "bureau.prefixed", confidence=rules.confidence("bureau.prefixed"), prefixed=True))
    return out


def _over_places(folded: str, index: TokenIndex, start: int) -> int:
    """Where a name beginning at ``start`` really begins: over the place names (and 中共) just before it."""
    prev = index.before(start)
    while prev is not None and (is_place(folded[prev.start:prev.end]) or folded[prev.start:prev.end] == "中共"):
        start = prev.start
        prev = index.before(start)
    return start


def local_department_cands(folded: str, index: TokenIndex) -> list[Cand]:
    """Local departments by their standard or usual short names after a level or place (省经信厅,
    湖北省发展改革委, 市文旅局), whatever the tokens: jieba often splits the short names (省经/信厅)."""
    out = []
    for m in LOCAL_DEPT_RE.finditer(folded):
        s, e = m.span()
        if continues(folded, e, folded[e - 1]):
            continue
        tok = index.token_at(s - 1) if s > 0 else None
        if tok is None:
            continue
        word = folded[tok.start:s]
        body = m.group()
        level = body in LOCAL_DEPARTMENTS and (word in LEVELS or is_place(word))
        committee = body in PARTY_DEPARTMENTS and (word in COMMITTEES or (
            len(word) >= 3 and word.endswith("委") and is_place(word[:-1])))
        if not (level or committee):
            continue
        start = _over_places(folded, index, tok.start)
        out.append(Cand(start, e, "bureau.prefixed", confidence=rules.confidence("bureau.prefixed"), prefixed=True))
    return out
