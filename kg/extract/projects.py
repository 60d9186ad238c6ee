"""Project mentions: named programmes, projects, campaigns, pilots and themed years.

Rules, in the order they run (the genre's ways of naming a programme):

1. ``project.quoted-suffix`` — a quoted name followed by a programme word:
   “剑网”专项行动, “原动力”中国原创动漫出版扶持计划, “X”媒体年.
2. ``project.quoted-list`` — parallel quoted names sharing one programme word, or closed by
   等 + a programme word: “净网”“护苗”等专项行动 → one project per item.
3. ``project.quoted-name`` — a quoted name that is itself the whole name: it ends in a
   programme word (“电影质量促进年”) or a launching verb puts it to work (推进“X”的…).
4. ``project.verb`` / ``project.list`` / ``project.enumeration`` — an unquoted name ending in a
   programme word, its left edge found from the genre: right after a launching verb (实施, 开展,
   推进 …), after a list separator that follows another programme (、, …试点工作和…), or after
   a colon that opens an enumeration (…是：A工程、B工程).
5. ``project.themed-year`` — 2017年为X年 / 定为X年; ``project.exchange-year`` — a bilateral
   exchange or themed year named without quotes (中国与东盟媒体交流年, 中俄媒体交流年), which is
   the programme even when 各项活动 / 西安系列活动 follows it.
6. ``project.plan-term`` — a quoted five-year-plan term opening a name (“十四五”文物保护利用重点工程).
7. ``project.quoted-count`` — parallel quoted names counted by what follows them
   (“A”“B”“C”三项整治); ``project.quoted-service`` — a coined name put to work by a launching
   verb and followed by the service it names (推动“X”运维服务全覆盖).
8. ``project.repeat`` — later mentions of a name already found (also inside titles and names
   of working groups).

Quote marks of every kind count (“”, 「」, 『』: traditional texts of Hong Kong and Taiwan). A
name that is the head of an instrument's title in the same document (…三年行动计划 beside
《…三年行动计划（2022—2024年）》, or the X of a 关于印发X的通知) is that instrument, not a Project.

Generic phrases (重大工程, 工作计划, 经营活动, 试点城市) are filtered out; repeated and variant
mentions share a key (see :func:`kg.extract.project_rules.project_key`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Mention, Parsed, Token, offsets
from . import project_rules as R
from .base import ExtractContext, make_mention
from .laws import is_instrument_title, strip_notes

_CJK = R.CJK
_QUOTE = re.compile(r"“([^“”\n]{1,40})”")
_TITLE = re.compile(r"《[^《》\n]{1,120}》")
#: What may stand between two quoted items of one list (“A”“B”和海外“C”).
_RUN_GAP = re.compile(r"[、，,]?(?:(?:和|及|以及|与|或)(?:海外|境外|国内|国际|全国)?)?")
#: Text after a quoted name up to its programme word (no particles or verbs of a clause inside).
_FILLER = re.compile(rf"[{_CJK}A-Za-z0-9·\-（）()]{{0,18}}")
_FILLER_BREAK = re.compile(r"[的是将要为在对把被了等或]|进行|从事|字样|名称")
_QHEAD = re.compile(R.QUOTED_HEAD)
#: Verbs that put a quoted name to work as a programme (推进“X”的海外布局, 发挥“X”在…的作用).
_QUOTED_TRIGGER = re.compile(
    R.TRIGGER_PREFIX + r"(?:实施|开展|推进|推动|启动|打造|培育|发挥|狠抓|抓好|办好|举办|承办|组织|聚焦|深化|巩固|做好|参与|参加|"
    r"用好|擦亮)好?"
)
#: What may follow a standalone quoted programme name.
_QUOTED_END = re.compile(r"(?:[，。；、！？：,;!?）)\n”]|的|在|等|和|与|及|为|作为|中|上|$)")
_DELIMS = frozenset("，。；：！？、“”《》〈〉「」『』\n,;:!?")
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])$")
_THEMED_YEAR = re.compile(rf"(?:\d{{4}}年|今年|明年)(?:为|定为|确定为|作为|是)([{_CJK}]{{3,12}}年)(?=[，。；、！？\s]|$)")
_MAX_NAME = 34
#: （简称“X”） / （以下简称“X”）: the quoted short form of the name just before.
_SHORT_FORM = re.compile(r"[（(](?:以下)?简称“$")
#: 开展为期三个月的…: the duration clause between a launching verb and the name.
_DURATION = re.compile(r"(?:开展|实施|启动|组织)为期[一二三四五六七八九十两半\d]+个?(?:月|年|周|天|日)$")
#: Other quote marks, read as “” (same length, so offsets hold): 「」『』 of Hong Kong and Taiwan texts.
_QUOTE_MARKS = str.maketrans({"「": "“", "」": "”", "『": "“", "』": "”"})


def _read_quotes(text: str) -> str:
    """``text.translate(_QUOTE_MARKS)``, without a look-up per character when there is nothing to replace."""
    return text.translate(_QUOTE_MARKS) if any(q in text for q in "「」『』") else text
#: “A”“B”“C”三项整治: a count and a kind of programme closing a list of quoted names.
_COUNT = re.compile(r"([一二三四五六七八九十两\d]{1,2})(?:项|大|个|类|种|场)([\u4e00-\u9fff]{0,6}?)"
                    r"(?:专项(?:整治|治理|行动|工程|活动|计划|试点|评选|督查|检查|工作)?"
                    r"|整治|治理|行动|工程|活动|计划|试点|评选|督查|检查|工作)")
_CN_COUNT = {c: i for i, c in enumerate("零一二三四五六七八九十", 0)} | {"两": 2}
#: What a coined programme name delivers, right after it: “X”运维服务全覆盖, “X”服务体系.
_SERVICE_AFTER = re.compile(r"(?:(?:运维|运营|管护|志愿|便民|惠民)(?:服务|运维|管护)(?:全覆盖|体系|网络|能力|水平|质量|提质|升级|扩面)?"
                            r"|(?:服务|运维|管护)(?:全覆盖|体系|网络|能力|水平|质量|提质|升级|扩面))(?=[，。；、！？,;!?\n]|$)")
#: A bilateral or themed exchange year written without quotes: 中国与东盟媒体交流年, 中俄媒体交流年.
_YEAR_THEMES = "文化|旅游|媒体|人文|青年|体育|科技|教育|友好|交流|合作|文明|艺术|创新|地方合作"
_EXCHANGE_YEAR = re.compile(
    rf"(?:中国(?:与|和|同|[—–\-·])|中(?=[{_CJK}]))[{_CJK}]{{1,8}}?(?:{_YEAR_THEMES})+"
    rf"(?:(?:和|与)(?:{_YEAR_THEMES})+)?年(?![代度份龄轻级初底末中内会鉴报刊票金薪假终货限])"
)
#: The place an instrument's name may open with (山城市…, 江西省…, 全省…).
_PLACE = re.compile(rf"^(?:[{_CJK}]{{1,8}}?(?:省|市|县|区|自治区|自治州|州|盟|旗)|全国|全省|全市|全县|全区)(?=[{_CJK}])")
#: The instrument a notice issues (…关于印发X的通知): its X names that instrument.
_ISSUED = re.compile(r"(?:印发|转发|发布|颁布)([^，。；《》“”\n]{4,80}?)的(?:通知|决定|公告|通告)")


@dataclass(frozen=True)
class _Cand:
    """A candidate span with its rule; ``label`` None means the span text without enclosing marks."""

    start: int
    end: int
    rule: str
    confidence: float
    label: str | None = None


class _Doc:
    """The folded text with token boundaries, quote and title spans (built once per document)."""

    def __init__(self, parsed: Parsed) -> None:
        self.raw = parsed.text
        self.text = _read_quotes(R.fold(parsed.text))
        self.tokens: Sequence[Token] = parsed.tokens
        self.starts, ends = offsets(self.tokens)
        self.bounds = frozenset(self.starts) | frozenset(ends)
        self.quotes = [(m.start(), m.end()) for m in _QUOTE.finditer(self.text)]
        self.quote_starts = [q[0] for q in self.quotes]
        self.titles = [(m.start(), m.end()) for m in _TITLE.finditer(self.text)]
        self.title_starts = [t[0] for t in self.titles]

    def token_index(self, pos: int) -> int:
        """Index of the token holding character ``pos`` (or the last one starting before it)."""
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def in_quote(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, start) - 1
        return i >= 0 and self.quotes[i][0] < start and end <= self.quotes[i][1]

    def in_title(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.title_starts, start) - 1
        return i >= 0 and self.titles[i][0] < start and end <= self.titles[i][1]

    def end_ok(self, end: int) -> bool:
        """A programme word ends a name: a word boundary, not a modifier (试点城市, 计划生育)."""
        after = self.text[end:end + 6]
        if R.bad_follower(after):
            return False
        if end in self.bounds or end >= len(self.text):
            return True
        tok = self.tokens[self.token_index(end)] if self.tokens else None
        if tok is None:
            return True
        return self.text[end:tok.end] in ("工作", "建设", "成果")


def extract_projects(parsed: Parsed, ctx: ExtractContext) -> list[Mention]:
    """Programme names in ``parsed`` (see the module docstring for the rules)."""
    d = _Doc(parsed)
    cands = _quoted(d)
    cands += _counted_lists(d)
    years = _exchange_years(d)
    cands += [c for c in _unquoted(d, cands) if not _holds_year(c, years)]
    cands += _themed_years(d) + years
    cands = _dedupe(cands)
    cands = _not_instruments(d, _dedupe(cands + _repeats(d, cands)))
    return _mentions(parsed, cands)


# --- quoted names ---------------------------------------------------------------------------

def _runs(d: _Doc) -> list[list[tuple[int, int]]]:
    """Quoted spans grouped into lists of parallel items (“A”“B”和“C”)."""
    runs: list[list[tuple[int, int]]] = []
    for q in d.quotes:
        if runs and q[0] - runs[-1][-1][1] <= 5 and _RUN_GAP.fullmatch(d.text[runs[-1][-1][1]:q[0]]):
            runs[-1].append(q)
        else:
            runs.append([q])
    return runs


def _head_after(d: _Doc, pos: int, etc: bool) -> tuple[int, str] | None:
    """End and head of the programme word closing the phrase that starts at ``pos``.

    With ``etc`` the phrase must open with 等 (“A”“B”等五大专项行动).
    """
    text = d.text
    if etc:
        if not text.startswith("等", pos):
            return None
        pos += 1
    m = _FILLER.match(text, pos)
    window = text[pos:m.end()] if m else ""
    for h in _QHEAD.finditer(window):
        filler = window[:h.start()]
        if _FILLER_BREAK.search(filler):
            return None
        end = pos + h.end()
        head = h.group()
        if head == "年" and not (filler and R.themed_year_ok("某某" + filler + "年")):
            continue
        if head == "活动" and etc and re.search(r"(?:重大|重要)$", filler):
            return None  # 等重大活动: occasions, not programmes
        if head in R.TIGHT_HEADS and (filler or etc):
            continue  # “X”改革 / “X”专题教育 only right after the quote
        if d.end_ok(end):
            return end, head
    return None


def _item_ok(inner: str) -> bool:
    return len(inner) >= 2 and not R.is_dateish(inner)


def _quoted(d: _Doc) -> list[_Cand]:
    out: list[_Cand] = []
    text = d.text
    for run in _runs(d):
        last_end = run[-1][1]
        etc = _head_after(d, last_end, etc=True)
        direct = None if etc else _head_after(d, last_end, etc=False)
        inners = [text[s + 1:e - 1] for s, e in run]
        if etc or (direct and len(run) > 1):
            for (s, e), inner in zip(run, inners):
                if _item_ok(inner):
                    out.append(_Cand(s + 1, e - 1, "project.quoted-list", 0.85))
            continue
        if _counted(d, run, last_end):
            out.extend(_Cand(s + 1, e - 1, "project.quoted-count", 0.85)
                       for (s, e), inner in zip(run, inners) if _item_ok(inner))
            continue
        if direct:
            s, e = run[0]
            if direct[1] in R.TIGHT_HEADS and (R.is_concept(inners[0]) or R.is_other_kind(inners[0])):
                continue  # “体医融合”改革: a policy idea, not a named reform
            if _item_ok(inners[0]) and not (direct[1] == "项目" and R.is_generic_stem(text[e:direct[0] - 2])):
                out.append(_Cand(s, direct[0], "project.quoted-suffix", 0.95))
            elif len(run) == 1 and _plan_term_name(d, e, direct[0]):
                out.append(_Cand(s, direct[0], "project.plan-term", 0.85))
            continue
        out.extend(_standalone(d, run, inners))
    return out


def _counted(d: _Doc, run: list[tuple[int, int]], end: int) -> bool:
    """“A”“B”“C”三项整治: parallel names whose number the count right after them states."""
    m = _COUNT.match(d.text, end)
    if m is None or len(run) < 2 or R.TRIGGER.search(m.group(2)):
        return False
    n = m.group(1)
    count = int(n) if n.isdigit() else (_CN_COUNT.get(n) if len(n) == 1 else None)
    return count == len(run)


def _plan_term_name(d: _Doc, quote_end: int, head_end: int) -> bool:
    """“十四五”文物保护利用重点工程: a quoted plan term opening a specific programme's name.

    The words between the term and the programme word must name a field (not 规划, a period
    word, a launching verb, or only generic modifiers such as 重大/重点).
    """
    inner = d.text[d.text.rfind("“", 0, quote_end) + 1:quote_end - 1]
    if not R.is_plan_term(inner):
        return False
    head = R.HEAD.search(d.text, quote_end, head_end)
    if head is None or head.end() != head_end:
        return False  # only a programme word ends such a name (not 项目 or 年)
    stem = d.text[quote_end:head.start()]
    return (len(stem) >= 2 and not R.is_generic_stem(stem) and not R.TRIGGER.search(stem)
            and not re.search(r"规划|纲要|期间|时期|以来|开局|收官|末|初", stem))


def _standalone(d: _Doc, run: list[tuple[int, int]], inners: list[str]) -> list[_Cand]:
    """Quoted items without a following programme word: whole names, or put to work by a verb."""
    text = d.text
    out: list[_Cand] = []
    first = run[0][0]
    prev = d.tokens[d.token_index(first - 1)] if first > 0 and d.tokens else None
    verb = prev is not None and prev.end == first and bool(_QUOTED_TRIGGER.fullmatch(text[prev.start:prev.end]))
    launched = verb and bool(_QUOTED_END.match(text, run[-1][1]))
    if len(run) >= 3 and any(R.is_slogan(i) or R.is_concept(i) for i in inners):
        launched = False  # parallel items are of one kind: a list holding slogans or ideas is a list of doctrines
    service = verb and len(run) == 1 and bool(_SERVICE_AFTER.match(text, run[-1][1]))
    for (s, e), inner in zip(run, inners):
        if not _item_ok(inner) or re.match(r"(?:从事|进行|开展|参加|参与|举办)", inner):
            continue  # a quoted business scope or clause (“从事创业投资活动”), not a name
        head = R.ENDS_IN_HEAD.search(inner)
        if (head and len(inner) - len(head.group()) >= 2
                and (head.group() != "活动" or R.activity_ok(inner[:-2]) or len(inner) >= 6)):
            out.append(_Cand(s + 1, e - 1, "project.quoted-name", 0.9))
            continue
        if R.themed_year_ok(inner):
            out.append(_Cand(s + 1, e - 1, "project.quoted-name", 0.9))
            continue
        if (launched and (len(inner) >= 4 or (len(run) >= 3 and not text.startswith("等", run[-1][1]))) and not head
                and not (R.is_other_kind(inner) and len(inner) > 2)  # a two-character code name (“净网”) is no body
                and not R.is_slogan(inner)):
            # a coined name put to work, or one of three or more parallel code names (开展“净网”“护苗”“秋风”)
            out.append(_Cand(s + 1, e - 1, "project.quoted-name", 0.7))
        elif (service and len(inner) >= 4 and not head and not R.is_other_kind(inner) and not R.is_slogan(inner)
              and not R.is_concept(inner) and not re.search(r"[+＋]$|服务$", inner)):
            out.append(_Cand(s + 1, e - 1, "project.quoted-service", 0.65))
    return out


# --- unquoted names ---------------------------------------------------------------------------

def _clause_start(text: str, pos: int) -> int:
    """Start of the clause that ends at ``pos``: after the nearest delimiter (short （…） groups stay)."""
    i = pos - 1
    lo = max(0, pos - _MAX_NAME - 6)
    while i >= lo:
        ch = text[i]
        if ch in "）)":
            j = max(text.rfind("（", lo, i), text.rfind("(", lo, i))
            line_start = text.rfind("\n", 0, max(j, 0)) + 1
            if j >= 0 and i - j <= 8 and not any(c in _DELIMS for c in text[j + 1:i]) and text[line_start:j].strip():
                i = j - 1  # a short note inside the name: 监管（二期）工程
                continue
            return i + 1
        if ch in _DELIMS or ch in "（(" or ch.isspace():
            return i + 1
        i -= 1
    return lo


def _left_edge(d: _Doc, cs: int, hs: int) -> tuple[int, str]:
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


def _unquoted(d: _Doc, quoted: list[_Cand]) -> list[_Cand]:
    text = d.text
    out: list[_Cand] = []
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
        if len(name) > _MAX_NAME or R.is_generic_stem(name[: len(name) - len(head)]) or R.is_plan_document(name) \
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
            rule, conf = "project.list", 0.8
        elif anchor == "trigger":
            rule, conf = "project.verb", 0.85
        elif anchor == "colon":
            rule, conf = "project.enumeration", 0.75
        elif anchor == "heading":
            line_end = text.find("\n", he)
            if text[he:line_end if line_end >= 0 else len(text)].strip() not in ("", "。"):
                continue
            rule, conf = "project.heading", 0.75
        else:
            continue
        out.append(_Cand(left, he, rule, conf))
        ends.add(he)
    return out


#: A count closing a list of unquoted programmes: …和C工程这三项工程, …、C计划等三大计划; or 等 and a
#: kind of programme: …、C工程等重大文化工程.
_LIST_COUNT = re.compile(rf"({R.COUNT_WORD})({R.HEAD.pattern})|等([\u4e00-\u9fff]{{0,6}}?)({R.HEAD.pattern})")
#: What joins the items of such a list.
_ITEM_SEP = re.compile(r"、|以及|和|及|与")


def _counted_lists(d: _Doc) -> list[_Cand]:
    """Unquoted programmes listed and then counted or closed by their kind: 实施A工程、B工程和C工程这三项工程,
    实施A工程、B工程等重大文化工程.

    Each item ends in a programme word, and the count equals the number of items, or 等 is followed by
    a kind of programme that only classifies them (重大文化工程): the closing phrase says that every item
    is a programme, so even an item with a plain modifier (惠民工程) is one. Under a closing 等, items
    ending in 活动 need a kind word (推介活动) as everywhere else.
    """
    text = d.text
    out: list[_Cand] = []
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
        left, anchor = _left_edge(d, first_a, first_a + head.start())
        if anchor == "none" and left == first_a and not R.TRIGGER.search(text[max(0, left - 6):left]):
            continue  # no verb, colon or line start before the list: not a list of programmes
        items[0] = (left + len(text[left:first_b]) - len(R.strip_leading_noise(text[left:first_b])), first_b)
        spans = [(a, b) for a, b in items if 2 <= b - a <= _MAX_NAME]
        if len(spans) != len(items):
            continue
        stems = [R.strip_leading_noise(text[a:b])[:-len(R.ENDS_IN_HEAD.search(text[a:b]).group())] for a, b in spans]
        if any(len(st) < 2 or R.is_empty_stem(st) or R.is_works_stem(st) for st in stems):
            continue  # a bare 工程 or a 重大工程 among the items: no names
        out.extend(_Cand(a, b, "project.counted-list", 0.85) for a, b in spans)
    return out


def _count_value(n: str) -> int | None:
    """2 for 两 or 二, 12 for 十二 or 12."""
    if n.isdigit():
        return int(n)
    if len(n) == 1:
        return 10 if n == "十" else _CN_COUNT.get(n)
    if n[0] == "十":
        return 10 + (_CN_COUNT.get(n[1]) or 0)
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


def _conj_start(d: _Doc, left: int) -> int:
    """Start offset of the conjunction token that ends at ``left``."""
    k = d.token_index(left - 1)
    return d.tokens[k].start if d.tokens else left - 1


# --- themed years, repeats ----------------------------------------------------------------------

def _themed_years(d: _Doc) -> list[_Cand]:
    out = []
    for m in _THEMED_YEAR.finditer(d.text):
        name = m.group(1)
        if R.themed_year_ok(name) and not R.is_generic_stem(name[:-1]):
            out.append(_Cand(m.start(1), m.end(1), "project.themed-year", 0.8))
    return out


def _exchange_years(d: _Doc) -> list[_Cand]:
    """中国与东盟媒体交流年, 中俄媒体交流年: exchange and themed years named without quotes."""
    out = []
    for m in _EXCHANGE_YEAR.finditer(d.text):
        s, e = m.span()
        if s not in d.bounds or d.in_quote(s, e) or d.in_title(s, e) or not R.themed_year_ok(m.group()):
            continue
        out.append(_Cand(s, e, "project.exchange-year", 0.8))
    return out


def _holds_year(c: _Cand, years: list[_Cand]) -> bool:
    """An unquoted …活动 phrase around an exchange year names the year's activities: the year is the programme."""
    return any(c.start <= y.start and y.end < c.end for y in years)


def _instrument_names(d: _Doc) -> set[str]:
    """Names of the document's instruments: cores of instrument titles in 《》, and X of …印发X的通知."""
    found = [strip_notes(m.group()[1:-1]) for m in _TITLE.finditer(d.text) if is_instrument_title(m.group()[1:-1])]
    found += [m.group(1) for m in _ISSUED.finditer(d.text) if is_instrument_title(m.group(1))]
    names = set()
    for name in found:
        names.add(R.project_key(name))
        bare = _PLACE.sub("", name)  # 山城市全民健身三年行动计划 is also called 全民健身三年行动计划
        if bare != name and len(bare) >= 6:
            names.add(R.project_key(bare))
    return names


def _not_instruments(d: _Doc, cands: list[_Cand]) -> list[_Cand]:
    """Drop names that are an instrument of the same document (…三年行动计划 beside 《…三年行动计划（…）》)."""
    names = _instrument_names(d)
    if not names:
        return cands
    out = []
    for c in cands:
        if R.project_key(d.text[c.start:c.end]) not in names:
            out.append(c)
    return out


def _repeats(d: _Doc, cands: list[_Cand]) -> list[_Cand]:
    """Other occurrences of names already found (short names only in quotes)."""
    text = d.text
    taken = sorted((c.start, c.end) for c in cands)
    surfaces: set[str] = set()
    for c in cands:
        s = text[c.start:c.end]
        bare = re.sub(r"[“”]", "", s)
        if len(bare) >= 4:
            surfaces.update({s, bare})
        else:
            surfaces.add(f"“{bare}”")
    out: list[_Cand] = []
    for s in sorted(surfaces, key=lambda x: (-len(x), x)):
        start = text.find(s)
        while start >= 0:
            end = start + len(s)
            j = bisect.bisect_left(taken, (end, end)) - 1
            overlaps = j >= 0 and taken[j][1] > start  # spans never overlap, so ends rise with starts
            if not overlaps and (start in d.bounds or text[start] == "“"):
                if s.startswith("“") and s.endswith("”"):
                    out.append(_Cand(start + 1, end - 1, "project.repeat", 0.7))
                else:
                    out.append(_Cand(start, end, "project.repeat", 0.7))
                bisect.insort(taken, (start, end))
            start = text.find(s, start + 1)
    return out


# --- settling and keys --------------------------------------------------------------------------

def _dedupe(cands: list[_Cand]) -> list[_Cand]:
    """No two project spans overlap: the longer (then the more confident) wins.

    n log n, not all pairs: the kept spans never overlap, so sorted by (start, end) their ends rise
    too, and a candidate overlaps one of them exactly when the last kept span starting before its end
    ends after its start (one bisection).
    """
    kept: list[_Cand] = []
    spans: list[tuple[int, int]] = []  # the kept spans, sorted
    for c in sorted(set(cands), key=lambda c: (-(c.end - c.start), -c.confidence, c.start, c.rule)):
        i = bisect.bisect_left(spans, (c.end,))  # spans[:i] start before c.end
        if i == 0 or spans[i - 1][1] <= c.start:
            kept.append(c)
            bisect.insort(spans, (c.start, c.end))
    return sorted(kept, key=lambda c: (c.start, c.end))


def _mentions(parsed: Parsed, cands: list[_Cand]) -> list[Mention]:
    """Mentions keyed by their normalised name, so variants of one programme resolve together.

    A short form introduced by （简称“X”） right after a full name takes the full name's key.
    """
    text = R.fold(parsed.text)
    labels = [make_mention(parsed, "Project", c.start, c.end, c.rule).label for c in cands]
    keys = [R.project_key(lb) for lb in labels]
    by_end = {c.end: k for c, k in zip(cands, keys)}
    alias: dict[str, str] = {}
    for c, k in zip(cands, keys):
        m = _SHORT_FORM.search(text, max(0, c.start - 8), c.start)
        if m and m.start() in by_end and by_end[m.start()] != k:
            alias[k] = by_end[m.start()]
    return [make_mention(parsed, "Project", c.start, c.end, c.rule, key=alias.get(k, k), confidence=c.confidence)
            for c, k in zip(cands, keys)]
