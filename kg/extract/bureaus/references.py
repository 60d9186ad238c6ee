"""References to bureaus named before: short forms (总局, 部党组), self references (我局), 省局 in a provincial
document, a bare 领导小组 or 党组 after a named one, X党组 and X办公室 after X, and （以下简称X） aliases."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...ids import normalize_key
from ..base import derived
from ..tokens import ALIAS_DEF, TokenIndex
from .known import pick_short
from .spans import Cand, NamesBefore, Spans, alternation, name_of, overlaps
from .vocab import CJK, DETERMINER_CHARS, SHORT_NEXT, continues

if TYPE_CHECKING:
    from ...gazetteer import Gazetteer, Institution


def short_cands(folded: str, index: TokenIndex, gaz: Gazetteer | None, established: list[tuple[int, str]],
                taken: list[tuple[int, int]], year: int | None = None) -> list[Cand]:
    """Short forms of the gazetteer (总局, 部, 党组) keyed to the nearest organ established before them."""
    shorts = derived(gaz, "short_forms", gaz.short_forms) if gaz is not None else {}
    if gaz is None or not shorts:
        return []
    out = []
    pat = derived(gaz, "bureaus.shorts", lambda: alternation(shorts))
    if pat is None:  # pragma: no cover - shorts is not empty
        return []
    index_taken = Spans(taken)  # log-time overlap tests
    for m in pat.finditer(folded):
        s, e = m.span()
        form = m.group()
        if overlaps((s, e), index_taken) or continues(folded, e, form) or not _short_form_at(folded, index, s, e):
            continue
        key = pick_short(shorts[form], NamesBefore(established, s))  # established is sorted
        if key:
            out.append(Cand(s, e, "bureau.short", key=key, confidence=0.8))
        elif len(form) >= 2 and folded[s - 1:s] not in DETERMINER_CHARS:
            key = subject_short(shorts[form], folded, year)
            if key:
                out.append(Cand(s, e, "bureau.short-context", key=key, confidence=0.7))
    return out


def _short_form_at(folded: str, index: TokenIndex, s: int, e: int) -> bool:
    """Whether ``[s, e)`` is a word of its own (not 部 in 干部, 委 in 党委); a bare 部/委/署 only before
    党组, 机关, 领导 …"""
    tok, end_tok = index.token_at(s), index.token_at(e - 1)
    if tok is None or tok.start != s:
        return False  # inside a longer word (部 in 干部, 委 in 党委)
    if e - s == 1:
        return folded[e:e + 2] in SHORT_NEXT
    return end_tok is not None and end_tok.end == e


def valid_in(valid: str, year: int | None) -> bool:
    """Whether an institution's period (2013–2018, 2018–, –2001, '' = not recorded) includes ``year``."""
    if not valid or year is None:
        return True
    lo, _, hi = valid.partition("–")
    return (not lo or int(lo) <= year) and (not hi or year <= int(hi))


def subject_short(insts: Sequence[Institution], folded: str, year: int | None) -> str:
    """The institution a short form (总局) stands for in a document that never names it in full: of those
    that carry the form and existed in the document's year, the one whose field (its ``covers`` keywords)
    the document is plainly about — at least three keyword occurrences and twice any other's; else ''."""
    scores = sorted(((sum(folded.count(k) for k in inst.covers), inst.name) for inst in insts
                     if valid_in(inst.valid, year)), reverse=True)
    if not scores or scores[0][0] < 3 or (len(scores) > 1 and scores[0][0] < 2 * scores[1][0]):
        return ""
    return scores[0][1]


#: what a provincial document says of its own province (我省, 全省, 本省): 省局 there is the province's bureau
_PROVINCIAL_CONTEXT = re.compile("我省|全省|本省|省委")
_PROVINCIAL_BUREAU = re.compile("省局")
_PROVINCIAL_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}省[\u4e00-\u9fff]{2,12}局")


def provincial_bureau(folded: str, established: list[tuple[int, str]], taken: list[tuple[int, int]]) -> list[Cand]:
    """省局 in a provincial document (one that speaks of 我省, 全省, 省委): the province's bureau of the
    document's field — the one provincial 局 it names in full before, else the short name itself."""
    if not _PROVINCIAL_CONTEXT.search(folded):
        return []
    out = []
    for m in _PROVINCIAL_BUREAU.finditer(folded):
        s, e = m.span()
        if overlaps((s, e), taken) or folded[s - 1:s] in DETERMINER_CHARS + "全本我" or (
                CJK.match(folded[s - 1:s] or " ") and folded[s - 1] not in "和及与、"):
            continue  # 各省局; 湖北省局 is a place's bureau written in full
        if continues(folded, e, "局"):
            continue
        named = {name for pos, name in established if pos < s and _PROVINCIAL_NAME.fullmatch(name)}
        out.append(Cand(s, e, "bureau.short-context", next(iter(named)) if len(named) == 1 else "省局", 0.7, True))
    return out


#: self references resolved to the organ of the document (我局 → the 局 established before)
_SELF = re.compile(r"(?:我|本|该)(局|部|委|厅|署|办)")


def self_cands(folded: str, established: list[tuple[int, str]], taken: list[tuple[int, int]]) -> list[Cand]:
    """我局, 本部, 我委 … keyed to the nearest organ established before with the same head.

    Not quadratic: ``taken`` is indexed once (:class:`Spans`) and the organs before a match are read
    backwards from its place in the sorted ``established`` until the nearest one with the head.
    """
    out = []
    index_taken = Spans(taken)
    for m in _SELF.finditer(folded):
        s, e = m.span()
        head = m.group(1)
        nxt = folded[e:e + 1]
        if overlaps((s, e), index_taken) or (nxt and nxt in "门署分位件长内外面员"):
            continue
        ok = next((name for name in reversed(NamesBefore(established, s)) if "、" not in name and (
            name.endswith(head) or (head == "办" and name.endswith(("办公室", "办公厅"))))), None)
        if ok is not None:
            out.append(Cand(s, e, "bureau.self", key=ok, confidence=0.75, reference=True))
    return out


_GROUP_SHORT = re.compile("(?:领导小组|工作小组)(?:办公室)?")


def group_shorts(folded: str, cands: list[Cand]) -> list[Cand]:
    """A bare 领导小组 / 领导小组办公室 after a named group (成立X领导小组，领导小组办公室设在…) is that
    group, or its office."""
    groups = sorted((c.start, name_of(c, folded)) for c in cands
                    if name_of(c, folded).endswith(("领导小组", "工作小组")) and c.end - c.start > 4)
    if not groups:
        return []
    taken = Spans((c.start, c.end) for c in cands)
    out = []
    for m in _GROUP_SHORT.finditer(folded):
        s, e = m.span()
        if overlaps((s, e), taken) or (s > 0 and CJK.match(folded[s - 1]) and folded[s - 1] not in "的及和与、"):
            continue
        prior = [name for pos, name in groups if pos < s]
        if prior:
            key = prior[-1] + ("办公室" if m.group().endswith("办公室") else "")
            out.append(Cand(s, e, "bureau.short", key=key, confidence=0.75))
    return out


def composites(folded: str, cands: list[Cand]) -> list[Cand]:
    """X党组 and X办公室 right after a bureau X: the party group and the office of that bureau;
    a later bare 党组 is the party group established before it."""
    out = []
    spans = {(c.start, c.end) for c in cands}
    for c in cands:
        for suffix, rule in (("党组", "bureau.party-group"), ("办公室", "bureau.office")):
            e = c.end + len(suffix)
            if folded[c.end:e] != suffix or (c.start, e) in spans or name_of(c, folded).endswith(suffix):
                continue
            if suffix == "党组" and folded[e:e + 1] == "织":
                continue
            if any(o.start <= c.start and e <= o.end for o in cands):
                continue
            out.append(Cand(c.start, e, rule, key=name_of(c, folded) + suffix, confidence=0.8))
            spans.add((c.start, e))
    return out + _bare_party_groups(folded, cands + out)


def _bare_party_groups(folded: str, cands: list[Cand]) -> list[Cand]:
    """A bare 党组 (not 党组织) is the party group named last before it."""
    groups = sorted((c.start, name_of(c, folded)) for c in cands if name_of(c, folded).endswith("党组"))
    if not groups:
        return []
    out = []
    taken = Spans((c.start, c.end) for c in cands)
    for m in re.finditer("党组", folded):
        s, e = m.span()
        if folded[e:e + 1] == "织" or overlaps((s, e), taken):
            continue
        prior = [name for pos, name in groups if pos < s]
        if prior:
            out.append(Cand(s, e, "bureau.short", key=prior[-1], confidence=0.7))
    return out


def apply_aliases(folded: str, cands: list[Cand]) -> list[Cand]:
    """（以下简称X） after a bureau: X (and X办公室) elsewhere take the defined name as key."""
    by_end: dict[int, Cand] = {}
    for c in cands:
        if c.end not in by_end or by_end[c.end].start > c.start:
            by_end[c.end] = c
    aliases = {}
    for m in ALIAS_DEF.finditer(folded):
        named = by_end.get(m.start())
        if named is not None:
            aliases[normalize_key(m.group(1))] = name_of(named, folded)
    if not aliases:
        return cands
    out = [_aliased(folded, c, aliases) for c in cands]
    taken = Spans((c.start, c.end) for c in out)
    for alias, full in sorted(aliases.items()):
        for m in re.finditer(re.escape(alias), folded):
            if not overlaps(m.span(), taken):
                out.append(Cand(m.start(), m.end(), "bureau.alias", full, 0.8))
    return out


def _aliased(folded: str, c: Cand, aliases: dict[str, str]) -> Cand:
    """``c`` keyed to the name its text is an alias of (or the office or party group of that name)."""
    if c.key:
        return c
    out = c
    label = normalize_key(folded[c.start:c.end])
    if label in aliases:
        return Cand(c.start, c.end, "bureau.alias", aliases[label], c.confidence, c.prefixed)
    for suffix in ("办公室", "办公厅", "党组"):
        if label.endswith(suffix) and label[:-len(suffix)] in aliases:
            out = Cand(c.start, c.end, "bureau.alias", aliases[label[:-len(suffix)]] + suffix, c.confidence, c.prefixed)
    return out
