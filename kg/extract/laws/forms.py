"""Further names and keys of the instruments found: what a notice issues, the statute an amendment
names, short forms and their full titles, repeats of a title without its marks, and the keys of bare
five-year plans and abbreviations.
"""

from __future__ import annotations

import re
from collections import Counter
from types import MappingProxyType

from ... import rules
from ...textfold import fold
from .state import Found
from .titles import Title
from .vocab import (
    BROAD_END,
    HAN,
    NAME_CHARS,
    PHRASE_VERBS,
    TRIGGER_END,
    TRIGGERS,
    alt,
    clause_before,
    is_instrument_title,
    join,
    plain_len,
    strip_notes,
    unquote,
    words,
)

__all__ = ["TITLED_RULES", "abbreviation_keys", "alias_titles", "amended_names", "issued", "national_plan_keys",
           "own_tail_forms", "short_forms", "title_repeats"]

#: rules whose spans are titled instruments (in 《》, on a line of their own, or what a notice issues).
TITLED_RULES = ("law.title", "law.title-note", "law.nested-title", "law.title-line", "law.issued")

_ISSUE = re.compile(r"(?:印发|转发|发布|颁布|公布)(.{2,150}?)的(?:通知|决定|公告|通告|令)"
                    r"(?:[（(][^（）()]{1,24}[）)])?$", re.DOTALL)
#: a counted list of instruments closing what a notice issues (…和…两个规定, 三个办法, 有关文件)
_COUNTED_KINDS = re.compile(rf"[两二三四五六七八九十几]个(?:{join(words('instruments', 'counted_kinds'))})$")
_AMENDMENT = re.compile(rf"([{HAN}]{{1,40}}?(?:法典|法|条例))修正案(?:[（(][^（）()]{{1,6}}[）)])?$")
_ALIAS = re.compile(r"(?:[（(]|，|,)\s*(?:(?:以下|下文|下)(?:简称|称)|简称)[为：:]?\s*"
                    rf"(?:([《〈])([^》〉\n]{{1,24}})[》〉]|[“\"「『]([^”\"」』\n]{{1,24}})[”\"」』]|([{HAN}]{{2,16}}?)(?=[）)，,。；]))")
_NATIONAL_PLAN = re.compile(r"^(?:国家(十?[一二三四五六七八九]五)规划(?:纲要)?"
                            r"|国民经济和社会发展第([一二三四五六七八九十]+)个五年规划纲要)$")
_BARE_PLAN = re.compile(r"^(十?[一二三四五六七八九]五)规划(?:纲要)?$")
_CN_DIGIT = MappingProxyType({d: n for n, d in enumerate("一二三四五六七八九十", start=1)})
_PLACE_HEAD = re.compile(rf"^(?:[{HAN}]{{1,8}}?(?:省|市|县|区|自治区|自治州|州|盟|旗)"
                         rf"|全国|全省|全市|全县|全区)(?=[{HAN}])")
_REPEAT_BEFORE = re.compile(rf"(?:{alt(TRIGGERS + PHRASE_VERBS)}|[的和及与、]|^)$")


def _fyp_number(s: str) -> int:
    """十三五 → 13, 七五 → 7; 十三 → 13 (the number of a 第十三个五年规划)."""
    s = s[:-1] if s.endswith("五") and len(s) > 1 else s
    if s.startswith("十"):
        return 10 + (_CN_DIGIT.get(s[1:], 0) if len(s) > 1 else 0)
    return _CN_DIGIT.get(s, 0)


def issued(text: str, folded: str, bounds: list[tuple[int, int]]) -> list[Found]:
    """The instrument a notice 印发/转发/颁布 (…关于印发X的通知 → X), when X has an instrument's form.

    ``bounds`` are the (start, end) of the names of the Law titles and title lines found.
    """
    out = []
    for inner_start, inner_end in bounds:
        m = _ISSUE.search(folded, inner_start, inner_end)
        if m is None or m.end() != inner_end:
            continue
        s, e = m.span(1)
        x = folded[s:e].replace("\n", "")
        if x[:1] in "〈《" and x[-1:] in "〉》":
            continue  # the nested-title rule has it
        if _COUNTED_KINDS.search(x):
            continue  # 印发A和B两个规定的通知: a count of instruments, each named on its own, is no title
        if is_instrument_title(x) and plain_len(x) >= 4:
            out.append(Found(s, e, text[s:e].replace("\n", ""), "law.issued",
                             confidence=rules.confidence("law.issued")))
    return out


def amended_names(text: str, folded: str, found: list[Found]) -> list[Found]:
    """The statute an amendment's title names: X修正案（九） names X (the Law it amends)."""
    out = []
    for f in found:
        if f.rule not in ("law.title", "law.title-note", "law.own-title", "law.title-line"):
            continue
        lo = f.start + (1 if folded[f.start:f.start + 1] in "《〈" else 0)
        hi = f.end - 1 if folded[f.end - 1:f.end] in "》〉" else f.end
        m = _AMENDMENT.search(folded, lo, hi)
        if m and m.end() == hi and m.start() == lo:
            s, e = m.span(1)
            out.append(Found(s, e, text[s:e], "law.amended-name", confidence=rules.confidence("law.amended-name")))
    return out


def alias_titles(folded: str, titles: list[Title]) -> dict[str, int]:
    """Short forms declared in 《》 right after a Law title: {short form: offset of the declaration}."""
    out: dict[str, int] = {}
    for t in titles:
        if t.kind == "Law" and not t.nested:
            m = _ALIAS.match(folded, t.note_end)
            if m and m.group(1):
                out.setdefault(m.group(2), m.start())
    return out


def short_forms(text: str, folded: str, found: list[Found]) -> None:
    """Keys for short forms (以下简称《方案》, 简称“…”) and mentions of the quoted or bare ones."""
    extra: list[Found] = []
    by_end = sorted(found, key=lambda f: f.end)
    for f in by_end:
        m = _ALIAS.match(folded, f.end)
        if not m:
            continue
        full = f.key or strip_notes(f.label)
        if m.group(1):  # 《short》: the title rule found it; give every later one the key
            short = m.group(2)
            for g in found:
                if g.start >= m.start() and g.rule.startswith("law.title") and unquote(folded[g.start:g.end]) == short:
                    g.key = full
            continue
        short = m.group(3) or m.group(4)
        if not short or short == full:
            continue
        for g in found:  # 《中华人民共和国保险法》（以下简称保险法）: the short form found by another rule
            if g.start >= m.start() and not g.key and unquote(folded[g.start:g.end]) == short:
                g.key = full
        pat = re.compile(rf"[“\"「]{re.escape(short)}[”\"」]" + (f"|{re.escape(short)}" if len(short) >= 3 else ""))
        for occ in pat.finditer(folded, m.start()):
            s, e = occ.span()
            if any(g.start <= s and e <= g.end for g in found + extra):
                continue
            extra.append(Found(s, e, text[s:e].strip("“”\"「」"), "law.short-form", key=full,
                               confidence=rules.confidence("law.short-form")))
    found.extend(extra)


def national_plan_keys(found: list[Found]) -> None:
    """A bare “N五”规划 is the national N-th five-year plan when the document names that plan."""
    national: dict[int, str] = {}
    for f in found:
        m = _NATIONAL_PLAN.match(unquote(fold(f.label)))
        if m:
            n = _fyp_number(m.group(1)) if m.group(1) else _fyp_number(m.group(2))
            national.setdefault(n, f.label)
    if not national:
        return
    for f in found:
        m = _BARE_PLAN.match(unquote(fold(f.label)))
        if m and not f.key and _fyp_number(m.group(1)) in national:
            f.key = national[_fyp_number(m.group(1))]


def abbreviation_keys(found: list[Found]) -> None:
    """A name in running text that uses only characters of one titled instrument of the same kind
    (文化改革发展规划纲要 for 《国家“十三五”时期文化发展改革规划纲要》) is that instrument."""
    titled: dict[str, str] = {}
    for f in found:
        if f.rule in TITLED_RULES:
            core = unquote(fold(strip_notes(f.label)))
            titled.setdefault(core, f.key or strip_notes(f.label))
    for f in found:
        if f.key or f.rule not in ("law.after-verb", "law.list-item"):
            continue
        name = unquote(fold(f.label))
        end = BROAD_END.search(name)
        if end is None or len(name) < 6 or name in titled:
            continue
        chars = Counter(name)
        hits = {key for core, key in titled.items()
                if core.endswith(end.group(0)) and len(core) > len(name) and not chars - Counter(core)}
        if len(hits) == 1:
            f.key = hits.pop()


def title_repeats(text: str, masked: str, found: list[Found]) -> list[Found]:
    """A titled instrument named again in running text without its marks, notes or leading place
    name: 实施X三年行动计划 beside 《某市X三年行动计划（2022—2024年）》 or …关于印发X三年行动计划的通知
    is that instrument (not a programme of the same name). Only names of six characters or more,
    standing after a verb, a list separator or a clause start."""
    cores: dict[str, str] = {}
    for f in found:
        if f.rule in TITLED_RULES:
            core = strip_notes(f.label.replace("\n", ""))
            if "关于" in core:
                continue
            for name in (core, _PLACE_HEAD.sub("", core)):  # 山城市X三年行动计划 is also called X三年行动计划
                if plain_len(name) >= 6:
                    cores.setdefault(fold(name), f.key or core)
    out: list[Found] = []
    for core, key in sorted(cores.items(), key=lambda kv: (-len(kv[0]), kv[0])):
        for occ in re.finditer(re.escape(core), masked):
            s, e = occ.span()
            if any(f.start < e and s < f.end for f in found + out):
                continue
            after = masked[e:e + 1] or "。"
            if not _REPEAT_BEFORE.search(clause_before(masked, s)[-4:]) or (
                    NAME_CHARS.match(after) and after not in "的和及与等"):
                continue  # inside a longer name
            out.append(Found(s, e, text[s:e], "law.title-repeat", key=key,
                             confidence=rules.confidence("law.title-repeat")))
    return out


def own_tail_forms(text: str, masked: str, found: list[Found]) -> list[Found]:
    """The document's own instrument (its title line, or what its notice issues) called by its head
    right after a verb: 制定试点方案 for …使用试点方案. Only a head that one such instrument has."""
    heads: dict[str, set[str]] = {}
    for f in found:
        if f.rule not in ("law.title-line", "law.issued"):
            continue
        core = unquote(fold(strip_notes(f.label)))
        end = BROAD_END.search(core)
        if end is None or end.start() < 4 or core[end.start() - 1] == "的":
            continue
        heads.setdefault(core[end.start() - 2:], set()).add(f.key or strip_notes(f.label).replace("\n", ""))
    out = []
    for head, keys in sorted(heads.items()):
        if len(keys) != 1:
            continue
        key = next(iter(keys))
        for occ in re.finditer(re.escape(head), masked):
            s, e = occ.span()
            if TRIGGER_END.search(masked[max(0, s - 4):s]) and not any(f.start < e and s < f.end for f in found):
                # the own title's head after a verb, undeclared: less sure than a declared 简称
                out.append(Found(s, e, text[s:e], "law.short-form", key=key, confidence=0.7))
    return out
