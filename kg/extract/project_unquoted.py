"""Project passes on names written without quotes: 实施…工程, …试点工作和…试点, 2017年为…年.

The rules ``project.verb``, ``project.list``, ``project.enumeration``, ``project.heading``,
``project.counted-list``, ``project.themed-year`` and ``project.exchange-year`` of
:mod:`kg.extract.projects` (its docstring describes them). An unquoted name ends in a programme
word; its left edge is found from the genre: a launching verb, a list separator after another
programme, a colon opening an enumeration, or a numbered heading.
"""

from __future__ import annotations

import re

from .. import rules
from . import project_rules as R
from .project_text import CN_COUNT, DELIMS, MAX_NAME, Cand, ProjectDoc

_CJK = R.CJK
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])$")
_THEMED_YEAR = re.compile(rf"(?:\d{{4}}年|今年|明年)(?:为|定为|确定为|作为|是)([{_CJK}]{{3,12}}年)"
                          r"(?=[，。；、！？\s]|$)")
#: 开展为期三个月的…: the duration clause between a launching verb and the name.
_DURATION = re.compile(r"(?:开展|实施|启动|组织)为期[一二三四五六七八九十两半\d]+个?(?:月|年|周|天|日)$")
#: A bilateral or themed exchange year written without quotes: 中国与东盟媒体交流年, 中俄媒体交流年.
_YEAR_THEMES = "|".join(R.words("year_themes"))
_EXCHANGE_YEAR = re.compile(
    rf"(?:中国(?:与|和|同|[—–\-·])|中(?=[{_CJK}]))[{_CJK}]{{1,8}}?(?:{_YEAR_THEMES})+"
    rf"(?:(?:和|与)(?:{_YEAR_THEMES})+)?年(?![代度份龄轻级初底末中内会鉴报刊票金薪假终货限])"
)


def _clause_start(text: str, pos: int) -> int:
    """Start of the clause that ends at ``pos``: after the nearest delimiter (short （…） groups stay)."""
    i = pos - 1
    lo = max(0, pos - MAX_NAME - 6)
    while i >= lo:
        ch = text[i]
        if ch in "）)":
            j = max(text.rfind("（", lo, i), text.rfind("(", lo, i))
            line_start = text.rfind("\n", 0, max(j, 0)) + 1
            if j >= 0 and i - j <= 8 and not any(c in DELIMS for c in text[j + 1:i]) and text[line_start:j].strip():
                i = j - 1  # a short note inside the name: 监管（二期）工程
                continue
            return i + 1
        if ch in DELIMS or ch in "（(" or ch.isspace():
            return i + 1
        i -= 1
    return lo


def _left_edge(d: ProjectDoc, cs: int, hs: int) -> tuple[int, str]:
    """Where an unquoted name ending with a head at ``hs`` starts, and what anchors it there."""
    text = d.text
    k = d.token_index(hs - 1)
    adjacent = True
    while k >= 0:
        tok = d.tokens[k]
        if tok.start < cs:
            break
        if tok.end > hs:  # the word holding the head (交流活动): part of the name
            k -= 1
            continue
        word = text[tok.start:tok.end]
        if word in R.STOP_TOKENS:
            if word == "的" and _DURATION.search(text, max(0, tok.start - 14), tok.start):
                return tok.end, "trigger"  # 开展为期三个月的…专项整治行动
            if word == "的" and text[max(0, tok.start - 1):tok.start] == "党":
                k -= 1
                adjacent = False
                continue
            return tok.end, "stop"
        if not adjacent and R.trigger_at(word, text[max(0, tok.start - 3):tok.start]):
            return tok.end, "trigger"
        if word in R.CONJ_TOKENS:
            before = re.sub(r"(?:工作|建设)$", "", text[cs:tok.start])
            if R.ENDS_IN_HEAD.search(before):
                return tok.end, "conj"
        adjacent = False
        k -= 1
    if cs == 0:
        return cs, "line"
    sep = text[cs - 1]
    line_start = text.rfind("\n", 0, cs) + 1
    if sep in "、）)" and _NUMBERING.match(text[line_start:cs]):
        return cs, "heading"  # 一、X工程 / （三）X计划 on a line of its own
    if sep in "、":
        return cs, "list"
    if sep in "：:":
        return cs, "colon"
    if sep == "\n":
        return cs, "line"
    return cs, "none"


def unquoted(d: ProjectDoc, quoted: list[Cand]) -> list[Cand]:
    text = d.text
    out: list[Cand] = []
    ends = {c.end for c in quoted} | {c.end + 1 for c in quoted if c.rule == "project.quoted-list"}
    for m in R.HEAD.finditer(text):
        hs, he = m.span()
        head = m.group()
        if hs == 0 or text[hs - 1] == "”" or d.in_quote(hs, he) or d.in_title(hs, he):
            continue
        if text[hs - 1] in "和及与或、" or R.is_count_phrase(text[max(0, hs - 6):hs]):
            continue  # 规划和计划, 这三项工程: a bare or counted programme word names nothing
        if head == "活动" and not R.activity_ok(text[max(0, hs - 6):hs]):
            continue
        if not d.end_ok(he):
            continue
        cs = _clause_start(text, hs)
        left, anchor = _left_edge(d, cs, hs)
        name = text[left:he]
        stripped = R.strip_leading_noise(name)
        if re.match(r"^(?:各类|各种|各项|多种|多项|多类)", name):
            continue  # 组织各类阅读活动: a category of activities, not one programme
        left += len(name) - len(stripped)
        name = stripped
        if len(name) > MAX_NAME or R.is_generic_stem(name[: len(name) - len(head)]) or R.is_plan_document(name) \
                or R.is_fragment(name):
            continue
        first = d.tokens[d.token_index(left)]
        if first.start == left and R.TRIGGER.fullmatch(text[first.start:first.end]):
            continue  # 开展试点, 实施计划: a verb and its object, no name
        if anchor in ("list", "conj"):
            sep = left - 1 if anchor == "list" else _conj_start(d, left)
            prev_ends = {sep, sep - 2}  # …计划、 / …试点工作和
            if not prev_ends & ends:
                continue
            rule, conf = "project.list", rules.confidence("project.list")
        elif anchor == "trigger":
            rule, conf = "project.verb", rules.confidence("project.verb")
        elif anchor == "colon":
            rule, conf = "project.enumeration", rules.confidence("project.enumeration")
        elif anchor == "heading":
            line_end = text.find("\n", he)
            if text[he:line_end if line_end >= 0 else len(text)].strip() not in ("", "。"):
                continue
            rule, conf = "project.heading", rules.confidence("project.heading")
        else:
            continue
        out.append(Cand(left, he, rule, conf))
        ends.add(he)
    return out


#: A count closing a list of unquoted programmes: …和C工程这三项工程, …、C计划等三大计划; or 等 and a
#: kind of programme: …、C工程等重大文化工程.
_LIST_COUNT = re.compile(rf"({R.COUNT_WORD})({R.HEAD.pattern})|等([\u4e00-\u9fff]{{0,6}}?)({R.HEAD.pattern})")
#: What joins the items of such a list.
_ITEM_SEP = re.compile(r"、|以及|和|及|与")


def counted_lists(d: ProjectDoc) -> list[Cand]:
    """Unquoted programmes listed and then counted or closed by their kind: 实施A工程、B工程和C工程这三项工程,
    实施A工程、B工程等重大文化工程.

    Each item ends in a programme word, and the count equals the number of items, or 等 is followed by
    a kind of programme that only classifies them (重大文化工程): the closing phrase says that every item
    is a programme, so even an item with a plain modifier (惠民工程) is one. Under a closing 等, items
    ending in 活动 need a kind word (推介活动) as everywhere else.
    """
    text = d.text
    out: list[Cand] = []
    for m in _LIST_COUNT.finditer(text):
        if m.group(1):
            n = re.search(r"[一二三四五六七八九十两]{1,2}|\d{1,2}", m.group(1))
            count = _count_value(n.group()) if n else None
        elif R.is_generic_stem(m.group(3)) or not m.group(3):
            count = None  # 等 + a kind: any number of items, at least two
        else:
            continue
        if m.group(1) and (count is None or count < 2):
            continue
        lo = m.start()
        while lo > max(0, m.start() - 160) and text[lo - 1] not in "，。；：！？\n,;:!?（(":
            lo -= 1
        items = _split_items(text, lo, m.start())
        if (len(items) != count if count else len(items) < 2) or not all(R.ENDS_IN_HEAD.search(text[a:b])
                                                                          for a, b in items):
            continue
        if count is None and any(text[a:b].endswith("活动") and not R.activity_ok(text[a:b - 2]) for a, b in items):
            continue
        first_a, first_b = items[0]
        head = R.ENDS_IN_HEAD.search(text[first_a:first_b])
        if head is None:  # pragma: no cover - every item was checked to end in a programme word
            continue
        left, anchor = _left_edge(d, first_a, first_a + head.start())
        if anchor == "none" and left == first_a and not R.TRIGGER.search(text[max(0, left - 6):left]):
            continue  # no verb, colon or line start before the list: not a list of programmes
        items[0] = (left + len(text[left:first_b]) - len(R.strip_leading_noise(text[left:first_b])), first_b)
        spans = [(a, b) for a, b in items if 2 <= b - a <= MAX_NAME]
        if len(spans) != len(items):
            continue
        stems = [_stem(text[a:b]) for a, b in spans]
        if any(len(st) < 2 or R.is_empty_stem(st) or R.is_works_stem(st) for st in stems):
            continue  # a bare 工程 or a 重大工程 among the items: no names
        out.extend(Cand(a, b, "project.counted-list", rules.confidence("project.counted-list")) for a, b in spans)
    return out


def _stem(item: str) -> str:
    """A list item without its leading noise and its final programme word (惠民 of 实施好惠民工程)."""
    head = R.ENDS_IN_HEAD.search(item)
    bare = R.strip_leading_noise(item)
    return bare[:-len(head.group())] if head else bare


def _count_value(n: str) -> int | None:
    """2 for 两 or 二, 12 for 十二 or 12."""
    if n.isdigit():
        return int(n)
    if len(n) == 1:
        return 10 if n == "十" else CN_COUNT.get(n)
    if n[0] == "十":
        return 10 + (CN_COUNT.get(n[1]) or 0)
    return None


def _split_items(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The items of ``text[lo:hi]`` split at 、 and at 和/及/与 after a programme word."""
    items: list[tuple[int, int]] = []
    start = lo
    for m in _ITEM_SEP.finditer(text, lo, hi):
        if m.group() != "、" and not R.ENDS_IN_HEAD.search(text[start:m.start()]):
            continue  # 和 inside a name: 图书制作和出版分开试点
        items.append((start, m.start()))
        start = m.end()
    items.append((start, hi))
    return [(a, b) for a, b in items if b > a]


def _conj_start(d: ProjectDoc, left: int) -> int:
    """Start offset of the conjunction token that ends at ``left``."""
    k = d.token_index(left - 1)
    return d.tokens[k].start if d.tokens else left - 1


def themed_years(d: ProjectDoc) -> list[Cand]:
    out = []
    for m in _THEMED_YEAR.finditer(d.text):
        name = m.group(1)
        if R.themed_year_ok(name) and not R.is_generic_stem(name[:-1]):
            out.append(Cand(m.start(1), m.end(1), "project.themed-year", rules.confidence("project.themed-year")))
    return out


def exchange_years(d: ProjectDoc) -> list[Cand]:
    """中国与东盟媒体交流年, 中俄媒体交流年: exchange and themed years named without quotes."""
    out = []
    for m in _EXCHANGE_YEAR.finditer(d.text):
        s, e = m.span()
        if s not in d.bounds or d.in_quote(s, e) or d.in_title(s, e) or not R.themed_year_ok(m.group()):
            continue
        out.append(Cand(s, e, "project.exchange-year", rules.confidence("project.exchange-year")))
    return out


def holds_year(c: Cand, years: list[Cand]) -> bool:
    """An unquoted …活动 phrase around an exchange year names the year's activities: the year is the programme."""
    return any(c.start <= y.start and y.end < c.end for y in years)
