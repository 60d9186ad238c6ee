"""Bureaus against each other: generic names against gazetteer names (:func:`settle`), items listed beside
a bureau (:func:`coordinated`), and the kinds of organs a distributive addressee lists (:func:`drop_distributed`)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ... import rules
from ..tokens import STOP_WORDS, WORD_ENDINGS, TokenIndex
from .known import unmarked_national
from .spans import Cand, Near, inside, overlaps
from .vocab import CJK, DETERMINERS, NEVER_ENDINGS, continues, is_local_prefix

if TYPE_CHECKING:
    from ...gazetteer import Gazetteer


# ---------------------------------------------------------------------------------------------
# generic names against gazetteer names


def settle(folded: str, gaz: Gazetteer | None, gaz_cands: list[Cand], generic: list[Cand],
           others: list[Cand]) -> tuple[list[Cand], set[tuple[int, int]]]:
    """Generic names against gazetteer names and against each other; the gazetteer names that are a
    local organ's (省发展改革委) come back as the second value.

    Not all pairs: the gazetteer names a generic name can hold, cross or lie in are those near it
    (:class:`Near`), and the names starting with it are looked up by start.
    """
    near_gaz = Near(gaz_cands)
    pool_at: dict[int, list[Cand]] = {}
    for x in gaz_cands + generic + others:
        pool_at.setdefault(x.start, []).append(x)
    kept: list[Cand] = []
    local: set[tuple[int, int]] = set()
    for c in generic:
        span = (c.start, c.end)
        close = near_gaz.near(c.start, c.end)
        gaz_spans = [(g.start, g.end) for g in close]
        if span in gaz_spans or inside(span, gaz_spans):
            continue
        if any(g.start < c.start < g.end < c.end or c.start < g.start < c.end < g.end for g in close):
            continue  # crosses a gazetteer name
        inner = [g for g in close if c.start < g.start and g.end == c.end]
        if inner:
            if c.prefixed and is_local_prefix(folded[c.start:inner[0].start]):
                local.add((inner[0].start, inner[0].end))
                kept.append(c)
                continue
            holder = _holding(folded, gaz, c, inner[0], pool_at)
            if holder is None:
                continue
            c = holder
        kept.append(c)
    # a bare name inside a prefixed one with the same end is the same organ written shorter
    # (linear: the leftmost start of the prefixed names per end, instead of all pairs)
    first_prefixed: dict[int, int] = {}
    for o in kept:
        if o.prefixed and o.start < first_prefixed.get(o.end, o.start + 1):
            first_prefixed[o.end] = o.start
    kept = [c for c in kept if c.prefixed or not first_prefixed.get(c.end, c.start) < c.start]
    return kept, local


def _holding(folded: str, gaz: Gazetteer | None, c: Cand, g: Cand, pool_at: dict[int, list[Cand]]) -> Cand | None:
    """A generic name ending in the gazetteer name ``g``: 公安部治安管理局 keeps its organ (keyed to ``g`` when
    that is a department of the organ opening it); a bare department with a wrong left edge
    (产业发展版权管理司) or a name with no prefix before ``g`` is dropped (``None``)."""
    left = [x for x in pool_at.get(c.start, ()) if x.end <= g.start and x.prefixed]
    if not c.prefixed or not left or gaz is None:
        return None
    inst = gaz.lookup(folded[g.start:g.end])
    parent = gaz.lookup(folded[left[0].start:left[0].end])
    key = inst.name if inst is not None and parent is not None and inst.parent == parent.name else ""
    return Cand(c.start, c.end, c.rule, key, c.confidence, True)


# ---------------------------------------------------------------------------------------------
# coordination

_ITEM = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:部|委|局|署|厅|办)")
_ITEM_END = "、，,。；;和及与等）)：:"


def coordinated(folded: str, index: TokenIndex, accepted: list[Cand]) -> list[Cand]:
    """Items listed with 、 (or a final 和/及/与) beside a bureau that end in a bureau head (信息产业部、公安部)."""
    spans = {(c.start, c.end) for c in accepted}
    new: list[Cand] = []
    frontier = list(accepted)
    while frontier:
        found = []
        for c in frontier:
            for s, e in _neighbours(folded, index, c.start, c.end):
                if (s, e) in spans or overlaps((s, e), spans):
                    continue
                cand = _checked_item(folded, s, e)
                if cand is not None:
                    spans.add((s, e))
                    found.append(cand)
        new += found
        frontier = found
    return new


def _neighbours(folded: str, index: TokenIndex, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the items listed right after and right before ``[start, end)``."""
    out = []
    if folded[end:end + 1] in ("、", "和", "及", "与"):
        m = _ITEM.match(folded, end + 1)
        if m and folded[m.end():m.end() + 1] in _ITEM_END + "\n" or (m and m.end() == len(folded)):
            out.append(m.span())
    if folded[start - 1:start] == "、":
        before = _item_before(folded, index, start - 1)
        if before is not None:
            out.append(before)
    return out


def _item_before(folded: str, index: TokenIndex, seg_end: int) -> tuple[int, int] | None:
    """The item ending at the 、 at ``seg_end``: it starts after punctuation or after a stop word
    (由信息产业部、公安部)."""
    s = seg_end
    while s > 0 and CJK.match(folded[s - 1]) and seg_end - s < 10:
        s -= 1
    for t in range(s, seg_end - 1):
        tok = index.token_at(t)
        if tok is None or tok.start != t or folded[tok.start:tok.end] in STOP_WORDS:
            continue
        prev = index.before(t)
        pw = folded[prev.start:prev.end] if prev is not None else ""
        if t == s and (t == 0 or not CJK.match(folded[t - 1])) or pw in STOP_WORDS:
            return (t, seg_end) if _ITEM.fullmatch(folded[t:seg_end]) else None
    return None


def _checked_item(folded: str, s: int, e: int) -> Cand | None:
    """The listed item ``[s, e)`` as a candidate, unless it is a word ending in a head, generic or counted (三部委)."""
    item = folded[s:e]
    if item in WORD_ENDINGS or item[-2:] in NEVER_ENDINGS or item.startswith(tuple(DETERMINERS)):
        return None
    if continues(folded, e, item[-1]) or re.search(r"[一二三四五六七八九十两几多\d]$", item[:-1]):
        return None
    return Cand(s, e, "bureau.coordinated", confidence=rules.confidence("bureau.coordinated"))


# ---------------------------------------------------------------------------------------------
# distributive addressees


def local_name(name: str) -> bool:
    """A name that opens with a level or a named place: 省财政厅, 神农架林区经信局, 湖北省委网信办."""
    m = re.match(r"[\u4e00-\u9fff]{0,8}?[省市县区州]", name)
    return m is not None and is_local_prefix(m.group())


_CLAUSE_BREAKS = "，,。；;：:\n（("


def distributive(folded: str, start: int, breaks: Sequence[int] | None = None) -> bool:
    """The clause holding ``start`` opens with 各 (各市、州经信局、发展改革委: every such organ, none in particular).

    ``breaks`` (the sorted positions of the clause breaks, :func:`clause_breaks`) makes the clause start one
    bisection instead of nine backward searches, which run to the text's start when a break never occurs.
    """
    if breaks is None:
        cut = max(folded.rfind(ch, 0, start) for ch in _CLAUSE_BREAKS)
    else:
        i = bisect_left(breaks, start)  # breaks[:i] lie before start
        cut = breaks[i - 1] if i else -1
    return folded[cut + 1:start].lstrip().startswith("各")  # an indented addressee line too


def clause_breaks(folded: str) -> list[int]:
    """The sorted positions of the clause breaks of ``folded``, for :func:`distributive`."""
    return [m.start() for m in re.finditer(f"[{_CLAUSE_BREAKS}]", folded)]


def drop_distributed(folded: str, gaz: Gazetteer | None, cands: list[Cand]) -> list[Cand]:
    """Names listed after a local organ of a distributive addressee (各市、州经信局、发展改革委、广电局) are
    kinds of local organs: no national organ (发展改革委) and no particular local one (广电局)."""
    by_start: dict[int, list[Cand]] = {}
    for c in cands:
        by_start.setdefault(c.start, []).append(c)
    drop: set[Cand] = set()
    breaks: list[int] | None = None
    for c in cands:
        if c.prefixed and local_name(folded[c.start:c.end]) and breaks is None:
            breaks = clause_breaks(folded)  # once per document, only when needed
        if not (c.prefixed and local_name(folded[c.start:c.end]) and distributive(folded, c.start, breaks)):
            continue
        pos = c.end
        while folded[pos:pos + 1] == "、" and by_start.get(pos + 1):
            nxt = max(by_start[pos + 1], key=lambda o: o.end)
            if not (unmarked_national(gaz, folded, nxt) or (not nxt.prefixed and nxt.rule in (
                    "bureau.coordinated", "bureau.department"))):
                break
            drop.update(o for o in by_start[pos + 1] if o.end == nxt.end)
            pos = nxt.end
    return [c for c in cands if c not in drop]
