"""Instruments named in running text without marks: five-year plans, names after a verb, list items,
关于…的X with its issuer, and statutes X法 (then every repeat of a statute name found so).

All of these work on the masked fold (titles and title lines blanked); the word lists are data
(kg/data/laws/names.json, statutes.json, verbs.json).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import rules
from .state import Found
from .vocab import (
    BROAD_END,
    DETERMINERS,
    FA_BAD_NEXT,
    FA_BAD_PREV,
    FUNCTION_WORDS,
    GENERIC_QUALIFIER,
    HAN,
    LEADING_VERB,
    LIST_SEP,
    NAME_CHARS,
    STOP_RE,
    STRONG_TRIGGER_RE,
    TITLE_INSTRUMENTS,
    TRIGGER_END,
    TRIGGER_RE,
    TRIGGERS,
    alt,
    clause_before,
    join,
    patterns,
    plain_len,
    strip_notes,
    words,
)

__all__ = ["running_guanyu", "running_names", "segment_start", "statutes"]

_FYP = re.compile(r"[“\"「]?十?[一二三四五六七八九]五[”\"」]?")
_FYP_NAME = re.compile(rf"^([{HAN}]{{0,12}}?)([“\"「]?十?[一二三四五六七八九]五[”\"」]?)([{HAN}]{{0,16}})$")
_BAD_INSIDE = re.compile(join(patterns("names", "bad_inside")))
_COMPOUND_NEXT = re.compile(rf"^(?:{join(patterns('names', 'compound_next'))})")
_RUN_SUFFIX = re.compile(alt(words("instruments", "run_instruments")))
_ARTICLE_HEAD = re.compile(r"第[零〇一二三四五六七八九十百千\d]+条")
_ARTICLE_TAIL = re.compile(r"(?:第[零〇一二三四五六七八九十百千\d]+[条款项])+$")

# statutes
_STATE = "中华人民共和国"
_STATUTE = re.compile(rf"(?:法典|(?<![{FA_BAD_PREV}])法)(?![{FA_BAD_NEXT}]|规(?!定)|研究)")
_STATUTE_HEADS = re.compile(rf"(?:{join(words('statutes', 'statute_heads'))})(?:法|法典)$")
_STATUTE_STOPS = re.compile(alt(TRIGGERS + FUNCTION_WORDS + words("statutes", "statute_stops")))

_GUANYU_RUN = re.compile(rf"关于[^，。；：！？!?,;:\n□《》（）()]{{2,60}}?的(?:{alt(TITLE_INSTRUMENTS)})"
                         r"(?!建议|反馈|征集|征求)")
_ISSUER_END = re.compile(rf"^[{HAN}、 ]{{0,40}}[院厅部委局办府会署室组央行]$")
#: a document number printed after a title named in running text: （浙政办发〔2022〕31号）
_DOC_NUMBER_AFTER = re.compile(r"[（(][^（）()\n]{0,16}[〔\[［(（]\d{4}[〕\]］)）][^（）()\n]{0,6}号[）)]")


def segment_start(text: str, end: int, max_len: int) -> tuple[int, bool]:
    """Start of the name-shaped run that ends at ``end``: Han characters, digits and quotes,
    stopping at 的, 、, 等 and punctuation, and at 和/及/与 when a list of instruments is joined.
    The second value tells whether the run was cut at ``max_len`` characters."""
    i = end
    while i > 0 and end - i < max_len:
        c = text[i - 1]
        if c in "的、等" or not NAME_CHARS.match(c) or (c == "者" and text[i - 2:i] == "或者"):
            return i, False  # 或者 joins alternatives: 刑法或者治安管理处罚法
        if c in LIST_SEP and (_joins_list(text, i - 1) or c == "或"):
            return i, False
        i -= 1
    return i, i > 0


def _joins_list(text: str, pos: int, ends: set[int] | None = None, found_only: bool = False) -> bool:
    """Whether ``text[pos]`` (、和及与) joins a list of instruments: what precedes it ends in an
    instrument word, or is a Law found so far (``ends``), possibly followed by 第X条第X款.
    ``found_only``: only a Law found so far (纳入城乡规划和土地利用总体规划 joins two kinds of plan)."""
    before = text[max(0, pos - 16):pos]
    art = _ARTICLE_TAIL.search(before)
    end = pos - (len(art.group(0)) if art else 0)
    if ends is not None and end in ends:
        return True
    return not found_only and bool(BROAD_END.search(text[max(0, end - 6):end]))


def _last_cut(segment: str, pattern: re.Pattern[str], min_rest: int) -> tuple[int, str]:
    """The rightmost end of a ``pattern`` word in ``segment`` leaving at least ``min_rest`` characters."""
    best, word = 0, ""
    for m in _iter_overlapping(pattern, segment):
        if len(segment) - m.end() >= min_rest and m.end() >= best:
            best, word = m.end(), m.group(0)
    return best, word


def _iter_overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Every match of ``pattern`` in ``text``, one starting at each position (overlaps included)."""
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if m is None:
            return
        yield m
        pos = m.start() + 1


def _plan_period(masked: str, left: int, segment: str, end: int) -> Found | None:
    """A plan named for a five-year-plan period (“十三五”规划, 新闻出版广播影视“十三五”规划), or None."""
    cut, _ = _last_cut(segment, STOP_RE, 0)
    qual = segment[cut:]
    if _FYP_NAME.match(qual) is None or _BAD_INSIDE.search(qual) or DETERMINERS.match(qual):
        return None
    start = left + cut
    return Found(start, end, masked[start:end], "law.plan-period")


def _bad_qualifier(qual: str, suffix: str, strong: bool) -> bool:
    """Whether what stands between the verb and the instrument word is no name of an instrument."""
    return bool(plain_len(qual) < (4 if strong else 6) or DETERMINERS.match(qual) or _BAD_INSIDE.search(qual)
                or qual[-1] in "和及与或并"
                or _ARTICLE_HEAD.search(qual)  # 第二十三条第一款规定, 合同法第十条规定: a provision, not an instrument
                or qual[-1] in "本该此其"  # …确定本条例第三条: the document itself, not a name
                or GENERIC_QUALIFIER.match(qual) or (suffix == "规定" and BROAD_END.search(qual)) or _FYP.search(qual)
                or TRIGGER_END.search(qual))


def _verb_cut(segment: str) -> tuple[int, str]:
    """Where the name opens after the last drafting or applying verb, and that verb ("" when none)."""
    # verbs that may sit inside a name (发布, 实施 …) only when there is no strong verb
    cut, word = _last_cut(segment, STRONG_TRIGGER_RE, 0)
    if not word:
        cut, word = _last_cut(segment, TRIGGER_RE, 4)
    while word:  # 修订完善…, 制定了…, 落实好…: more verbs or a complement, not the name
        lead = LEADING_VERB.match(segment, cut)
        if lead is None:
            break
        cut = lead.end()
    return cut, word


def running_names(masked: str, laws: list[Found]) -> list[Found]:
    """Instruments named in running text: five-year plans, names after a trigger verb, list items."""
    out: list[Found] = []
    ends = {f.end for f in laws}
    for m in _RUN_SUFFIX.finditer(masked):
        suffix = m.group(0)
        s0 = m.start()
        # 实施纲要, 实施方案 …: 实施 belongs to the name
        if masked[max(0, s0 - 2):s0] == "实施" and suffix in ("纲要", "方案", "意见", "细则", "办法", "条例"):
            s0 -= 2
        left, _ = segment_start(masked, s0, 40)
        segment = masked[left:s0]
        if _FYP.search(segment) and suffix in ("规划纲要", "纲要", "规划"):
            plan = _plan_period(masked, left, segment, m.end())
            if plan is not None:
                out.append(plan)
                ends.add(m.end())
            continue
        if _COMPOUND_NEXT.match(masked[m.end():m.end() + 2]):
            continue
        cut, word = _verb_cut(segment)  # 结合实际制定具体…: 制定 leaves nothing
        qual = segment[cut:]
        delim = masked[left - 1] if left > 0 else ""
        if word or (delim == "等" and TRIGGER_RE.search(clause_before(masked, left - 1))):
            rule = "law.after-verb"
        elif delim and delim in LIST_SEP and _joins_list(masked, left - 1, ends, found_only=True):
            rule = "law.list-item"
        else:
            continue
        strong = bool(suffix == "条例" or _ARTICLE_HEAD.match(masked, m.end()))
        if _bad_qualifier(qual, suffix, strong):
            continue
        start = left + cut
        # a list item of running text is as sure as the after-verb rule (below law.list-item's default)
        out.append(Found(start, m.end(), masked[start:m.end()], rule, confidence=rules.confidence("law.after-verb")))
        ends.add(m.end())
    return out


def running_guanyu(masked: str) -> list[Found]:
    """关于…的意见/通知/决定 named in running text after a drafting or applying verb, or followed by
    its document number, with its issuer (落实国务院办公厅关于…的意见 → 国务院办公厅关于…的意见)."""
    out = []
    for m in _GUANYU_RUN.finditer(masked):
        g = m.start()
        clause = clause_before(masked, g)
        cut, word = _last_cut(clause, STRONG_TRIGGER_RE, 0)
        if not word and _DOC_NUMBER_AFTER.match(masked, m.end()):
            cut, word = 0, "numbered"
        if not word:
            continue
        issuer_start = g - len(clause) + cut
        while (lead := LEADING_VERB.match(masked, issuer_start, g)) is not None:
            issuer_start = lead.end()
        issuer = masked[issuer_start:g]
        if issuer and not _ISSUER_END.match(issuer):
            continue
        out.append(Found(issuer_start, m.end(), masked[issuer_start:m.end()], "law.guanyu-text",
                         confidence=rules.confidence("law.guanyu-text")))
    return out


def _known_statutes(laws: list[Found]) -> set[str]:
    """Names of the statutes found so far (also without the 中华人民共和国 prefix)."""
    known: set[str] = set()
    for f in laws:
        core = strip_notes(f.label)
        if core.endswith(("法", "法典")):
            known.add(core)
            if core.startswith(_STATE) and len(core) > len(_STATE) + 1:
                known.add(core[len(_STATE):])
    return known


def _statute_rule(masked: str, left: int, cut_short: bool, end: int, ends: set[int]) -> tuple[int, str]:
    """(start, rule) of the statute whose name ends at ``end`` in the run starting at ``left``; rule "" when none."""
    segment = masked[left:end]
    st = segment.rfind(_STATE)
    if st >= 0 and end - (left + st) > len(_STATE) + 1:
        return left + st, "law.statute-state"
    cut, word = _last_cut(segment, _STATUTE_STOPS, 2)
    name = segment[cut:]
    start = left + cut
    delim = masked[left - 1] if left > 0 else ""
    if DETERMINERS.match(name) or _BAD_INSIDE.search(name) or not re.fullmatch(rf"[{HAN}]+", name):
        return start, ""
    if word in TRIGGERS:
        return start, "law.statute-after-verb"
    if ((cut == 0 and delim and delim in LIST_SEP and _joins_list(masked, left - 1, ends))
            or (word and word in LIST_SEP and _joins_list(masked, start - 1, ends))):
        return start, "law.list-item"
    if len(name) >= 4 and _STATUTE_HEADS.search(name) and (word or not cut_short):
        return start, "law.statute-shape"
    return start, ""


def statutes(masked: str, laws: list[Found]) -> list[Found]:
    """Statutes X法 in running text, then every repeat of a statute name found."""
    ends = {f.end for f in laws}
    cands = []
    for m in _STATUTE.finditer(masked):
        left, cut_short = segment_start(masked, m.start(), 24)
        if m.start() - left < 1:
            continue
        cands.append((left, cut_short, m.end()))
    known = _known_statutes(laws)
    found: dict[tuple[int, int], Found] = {}
    for left, cut_short, end in cands:
        start, rule = _statute_rule(masked, left, cut_short, end, ends)
        if not rule:
            continue
        f = Found(start, end, masked[start:end], rule, confidence=rules.confidence(rule))
        found[(start, end)] = f
        ends.add(end)
        known.add(f.label)
        if f.label.startswith(_STATE):
            known.add(f.label[len(_STATE):])
    # every repeat of a known statute name (longest name that ends the run)
    for left, _, end in cands:
        segment = masked[left:end]
        best = max((k for k in known if segment.endswith(k)), key=len, default="")
        if best and not any(s <= end - len(best) and end <= e for s, e in found):
            found[(end - len(best), end)] = Found(end - len(best), end, best, "law.statute-repeat",
                                                  confidence=rules.confidence("law.statute-repeat"))
    return sorted(found.values(), key=lambda f: (f.start, f.end))
