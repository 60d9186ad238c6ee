"""Titles in 《》 and 〈〉 and their class, decided once per distinct title (shared with kg.extract.works).

A title is a Law by its form (an instrument word at the end, 关于…的X) unless its context says
otherwise: a newspaper's form or a following 记者 makes an Organization, a work noun before it or a
work verb after it a Work; licences and reports are none of these. The word lists are data
(kg/data/laws/titles.json, instruments.json, statutes.json).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ... import rules
from .vocab import HAN, TITLE_INSTRUMENTS, alt, chars, is_instrument_title, join, patterns, strip_notes, words

__all__ = ["Title", "classify_titles"]

_TECHNIQUE = chars("statutes", "fa_technique_before")
#: a title in 《》 ending in 法 is a statute unless 法 closes a word for a technique or manner
#: (兵法, 书法, 疗法, 手法, 算法 but not 预算法, 用法 but not 适用法 …): 《公司法》 is a statute, 《孙子兵法》 a book.
_STATUTE_TITLE = re.compile(rf"^[{HAN}]{{2,30}}(?<![{_TECHNIQUE}])(?<![^预]算)(?<![^适]用)法$")
_BARE_INSTRUMENTS = frozenset(TITLE_INSTRUMENTS) | frozenset(words("instruments", "bare_instruments"))
_TITLE_RE = re.compile(r"《([^《》\n]{1,150})》")
_ANGLE_RE = re.compile(r"〈([^〈〉《》\n]{1,120})〉")
#: a revision or trial note printed after the closing mark: 《著作权法》（第三次修订）.
_AFTER_NOTE = re.compile(
    r"[（(](?:第[一二三四五六七八九十\d]+次修[订正]|[^（）()\n]{0,8}(?:修订|修正|试行|草案|征求意见稿|送审稿)[^（）()\n]{0,4}"
    r"|\d{4}\s*[-—–~～至]\s*\d{4}年?|\d{4}年(?:修订|修正)?版?)[）)]")
_WORK_NOUNS = words("titles", "work_nouns")
_WORK_BEFORE = re.compile(rf"(?:{alt(_WORK_NOUNS + words('titles', 'work_phrases'))})$")
_WORK_AFTER = re.compile(rf"^(?:{join(words('titles', 'work_after'))})")
_WORK_CHAIN_AFTER = re.compile(rf"^等?[{HAN}]{{0,4}}?(?:{alt(_WORK_NOUNS + words('titles', 'work_chain_nouns'))})")
_NEWS_FORM = re.compile(rf"(?:{join(patterns('titles', 'news_forms'))})$")
_NEWS_AFTER = re.compile(rf"^(?:{join(words('titles', 'news_after'))})")
_CERT_FORM = re.compile(rf"(?:{join(words('titles', 'cert_forms'))})$")
_DOC_FORM = re.compile(rf"(?:{join(words('titles', 'doc_forms'))})$")
_LAW_VERB_BEFORE = re.compile(rf"(?:{join(words('verbs', 'title_verbs'))})$")
_CHAIN_GAP = re.compile(r"^(?:、|和|及|与|以及|或)?$")


@dataclass(frozen=True)
class Title:
    """One title in 《》 (or 〈〉): its span, folded inner text and the class it was given.

    ``kind`` is ``Law``, ``Work``, ``Organization`` (a newspaper or periodical) or ``""``
    (a licence, a report: none of these). ``note_end`` is the end of a revision note printed
    after the closing mark (== ``end`` when there is none); ``nested`` marks a 〈〉 inside a 《》.
    """

    start: int
    end: int
    inner: str
    kind: str
    confidence: float
    note_end: int
    nested: bool = False


def _context_before(folded: str, start: int, width: int = 8) -> str:
    """The Han characters right before ``start`` (at most ``width``)."""
    before = folded[max(0, start - width):start]
    m = re.search(rf"[{HAN}]*$", before)
    return m.group(0) if m else ""


def _spans(folded: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, inner, nested) of every 《》 title and every 〈〉 title (nested or not)."""
    out = [(m.start(), m.end(), m.group(1), False) for m in _TITLE_RE.finditer(folded)]
    outer = [(s, e) for s, e, _, _ in out]
    for m in _ANGLE_RE.finditer(folded):
        inside = any(s < m.start() and m.end() < e for s, e in outer)
        out.append((m.start(), m.end(), m.group(1), inside))
    return sorted(out)


def _chains(folded: str, top: list[tuple[int, int, str]], note_end: dict[int, int]) -> dict[int, tuple[int, int]]:
    """Start of each top-level title → (start, end) of the chain of adjacent titles it belongs to."""
    chain_of: dict[int, tuple[int, int]] = {}
    i = 0
    while i < len(top):
        j = i
        while j + 1 < len(top) and _CHAIN_GAP.match(folded[note_end[top[j][0]]:top[j + 1][0]]):
            j += 1
        for k in range(i, j + 1):
            chain_of[top[k][0]] = (top[i][0], note_end[top[j][0]])
        i = j + 1
    return chain_of


def _evidence(folded: str, top: list[tuple[int, int, str]], note_end: dict[int, int]) -> dict[str, set[str]]:
    """Evidence pooled from all occurrences of each distinct title: news, work, work-chain, applied."""
    chain_of = _chains(folded, top, note_end)
    evidence: dict[str, set[str]] = {}
    for s, _e, inner in top:
        ev = evidence.setdefault(inner, set())
        before = _context_before(folded, s)
        after = folded[note_end[s]:note_end[s] + 8]
        c_start, c_end = chain_of[s]
        if _NEWS_AFTER.match(after):
            ev.add("news")
        if _WORK_BEFORE.search(before) or _WORK_AFTER.match(after):
            ev.add("work")
        if _WORK_BEFORE.search(_context_before(folded, c_start)) or _WORK_CHAIN_AFTER.match(folded[c_end:c_end + 10]):
            ev.add("work-chain")
        if _LAW_VERB_BEFORE.search(before):
            ev.add("applied")
    return evidence


def _kind(inner: str, ev: set[str], law_aliases: frozenset[str]) -> tuple[str, float]:
    """The class and confidence of one distinct title from its form and pooled evidence."""
    core = strip_notes(inner)
    if inner in law_aliases:
        return "Law", rules.confidence("law.title")
    if _NEWS_FORM.search(core) or "news" in ev:
        return "Organization", rules.confidence("org.newspaper-title")
    if "work" in ev:
        return "Work", rules.confidence("work.title-context")
    if core in _BARE_INSTRUMENTS and "applied" not in ev:
        return "", 0.0  # 《决定》第1条: a bare instrument word neither declared nor applied names nothing
    if is_instrument_title(inner):
        return "Law", rules.confidence("law.title")
    if _STATUTE_TITLE.search(core):
        return "Law", 0.9  # 《公司法》《预算法》: a statute, whatever word its 法 ends (below law.title's form)
    if "work-chain" in ev:
        return "Work", rules.confidence("work.title-context")
    if _CERT_FORM.search(core) or _DOC_FORM.search(core):
        return "", 0.0
    if "applied" in ev:
        return "Law", 0.6  # applied, yet no instrument form: a law.title far below its default
    return "Work", rules.confidence("work.title")


def classify_titles(folded: str, law_aliases: frozenset[str] = frozenset()) -> list[Title]:
    """Every title of a (folded) document with its class, decided once per distinct title.

    Evidence from all occurrences is pooled: a newspaper's form or a following 记者 makes an
    Organization; a work noun right before (电视剧《…》) or a work verb right after (…》热播)
    makes a Work even of an instrument-shaped title; otherwise an instrument's form makes a Law;
    a chain of titles ending in 等重点剧目 makes Works; licences and reports are left out; an
    unmarked title applied like an instrument (贯彻《…》) is a Law; any other title is a Work.
    ``law_aliases`` are short forms declared for a Law (以下简称《方案》): always Laws.
    """
    spans = _spans(folded)
    top = [(s, e, inner) for s, e, inner, nested in spans if not nested]
    note_end: dict[int, int] = {}
    for s, e, _inner in top:
        m = _AFTER_NOTE.match(folded, e)
        note_end[s] = m.end() if m else e
    kinds = {inner: _kind(inner, ev, law_aliases) for inner, ev in _evidence(folded, top, note_end).items()}
    titles = [Title(s, e, inner, *kinds[inner], note_end[s]) for s, e, inner in top]
    # a title nested in 〈〉 inside a Law title is a Law when it has an instrument's form
    outer_law = [(t.start, t.end) for t in titles if t.kind == "Law"]
    for s, e, inner, nested in spans:
        if nested and any(a < s and e < b for a, b in outer_law) and is_instrument_title(inner):
            titles.append(Title(s, e, inner, "Law", rules.confidence("law.nested-title"), e, nested=True))
    return sorted(titles, key=lambda t: (t.start, t.end))
