"""Event mentions: congresses, plenums, sessions, anniversaries, named conferences and fairs.

Rules (each names itself in ``Mention.rule``):

* ``event.congress``: party and mass-organisation congresses in every written form —
  党的十九大 / 十九大 / 中共十九大 / 中国共产党第十九次全国代表大会 share the key 党的十九大;
  中国文联十大 / 第十次文代会 / 中国文联第十次全国代表大会 share 中国文联十大. A bare
  十X大 must not be a count (十大品牌, 十二大行业); a local 省第十五次党代会 keeps its name.
* ``event.plenum``: 十八届四中全会, 十八届中央委员会第四次全体会议, the elliptical list
  十八届三中、四中、五中、六中全会 (one plenum per item), a bare 六中全会 read against
  the last 届 named before it, and local committees' plenums (省委十三届二次全会, 省委九届八次会议).
* ``event.session``: numbered sessions of an organ (十二届全国人大五次会议,
  …人民代表大会常务委员会第六次会议, 国务院第N次常务会议). These specific rules run
  first; the generic ones below drop what overlaps them.
* ``event.lianghui``: 全国两会 / 两会.
* ``event.anniversary``: a subject and N周年 (香港回归20周年, 中国人民解放军建军90周年);
  a shorter form used in the same document (建军90周年) is an alias of the fuller one.
* ``event.conference``: a name before a meeting or fair word (…工作会议, …座谈会, …大会,
  …峰会, …论坛, …博览会, …电影节, …成果展); the name runs back to a verb, a preposition,
  a list mark or a punctuation mark, drops a leading year (2017年深圳文博会), and must say
  more than the kind of meeting (召开专题会议, 党组会议, 表彰大会, an organ's 常务会议 are
  not events). Fair and games abbreviations (进博会, 全国书博会, 冬奥会) name themselves.
  Counts (十大品牌中国电影节) are left to projects.
* ``event.day``: a quoted named day or festival (“文化和自然遗产日”).

Matching runs on a copy of the text with traditional characters folded (same offsets), so
第十一屆中國網絡視聽大會 is found too; labels keep the text as written, keys are folded.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from importlib import resources
from itertools import accumulate

from .. import rules
from ..model import Mention, Parsed
from ..textfold import fold as _to_simplified
from .base import ExtractContext, make_mention


@cache
def vocabulary() -> dict[str, dict]:
    """The lists of ``kg/data/events/vocabulary.json`` (read once per process): each with its comment."""
    text = (resources.files("kg") / "data" / "events" / "vocabulary.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


def _any_of(name: str) -> str:
    """One list of the vocabulary (words or regular-expression alternatives) as an alternation, in written order."""
    entry = vocabulary()[name]
    return "|".join(entry.get("words") or entry["patterns"])


#: Full-width digits → ASCII, 「」『』 → “” (the event grammars' reading beyond traditional → simplified).
_WIDE: dict[str, str] = dict(vocabulary()["width_and_quotes"]["map"])
_WIDE_RE = re.compile("[" + "".join(_WIDE) + "]")


def fold(text: str) -> str:
    """``text`` as the event grammars read it: :func:`kg.textfold.fold`, full-width digits as ASCII, 「」 as “”.

    One character for one, so offsets into the folded text are offsets into ``text``.

    >>> fold("第十一屆中國網絡視聽大會「２０１７」")
    '第十一届中国网络视听大会“2017”'
    """
    return _WIDE_RE.sub(lambda m: _WIDE[m.group()], _to_simplified(text))


_N = r"(?:[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_NUM = rf"(?:{_N}|\d{{1,3}})"
#: After 十九大 / 文联十大 these words make it a count (十大品牌, 十二大行业), not a congress.
_COUNT_AFTER = f"(?!{_any_of('count_after')})"
_CONGRESS_FULL = re.compile(rf"(?=中国共产党|中共|党的|第)(?P<pre>中国共产党|中共|党的)?第(?P<n>{_NUM})次全国代表大会")
_CONGRESS_PARTY = re.compile(rf"(?=党的|中共|[一二三四五六七八九十])(?P<pre>党的|中共)?"
                             rf"(?<![一二三四五六七八九十第届\d])(?P<n>{_N})大{_COUNT_AFTER}")
_CONGRESS_ORG = re.compile(rf"(?<=[联协团])(?P<n>{_N})大{_COUNT_AFTER}")
_CONGRESS_ABBR = re.compile(rf"第(?P<n>{_NUM})次(?P<abbr>文代会|作代会|党代会)")
#: A local party committee's plenum: 省委十三届二次全会, 市委十二届五次全会.
_LOCAL_PLENUM = re.compile(rf"(?<=[省市县区州]委)(?P<n>{_N})届(?P<m>{_N})次(?:全(?:会|体会议)|会议)")
#: The body whose congress an abbreviation names (文代会 is the congress of the federation of literary and art circles).
_ABBR_ORG: dict[str, str] = dict(vocabulary()["congress_abbreviations"]["map"])

_PLENUM = re.compile(rf"(?=党的|中共|中国共产党|[一二三四五六七八九十])(?P<pre>党的|中共|中国共产党第?)?(?P<n>{_N})届"
                     r"(?:中央委员会第?|中央)?(?P<m>[一二三四五六七八九])(?:中全会|次全体会议)")
_PLENUM_LIST = re.compile(rf"(?=党的|中共|[一二三四五六七八九十])(?P<pre>党的|中共)?(?P<n>{_N})届"
                          r"(?P<items>[一二三四五六七八九]中(?:[、和及与][一二三四五六七八九]中)+)全会")
_ITEM = re.compile(r"[一二三四五六七八九]中")
_PLENUM_BARE = re.compile(r"(?=党的|[一二三四五六七八九]中全会)(?<![届\u4e00-\u9fff])"
                          r"(?P<pre>党的)?(?P<m>[一二三四五六七八九])中全会"
                          r"|(?<=[的、和及与在])(?P<m2>[一二三四五六七八九])中全会")
_TERM = re.compile(rf"(?=[一二三四五六七八九十])(?P<n>{_N})届")
_NPC = re.compile(rf"(?=[一二三四五六七八九十]|全国)(?P<n>{_N})届全国(?P<body>人大|政协)(?P<m>{_N})次会议"
                  rf"|全国(?P<body2>人大|政协)(?P<n2>{_N})届(?P<m2>{_N})次会议")
_SESSION = re.compile(rf"第(?P<m>{_NUM})次(?:全体|常务|主任|委务|局务|部务)?会议")
_SESSION_ORGAN = re.compile(r"(?:委员会|常委会|人大|政协|国务院|人民政府|政府|大会|党组|局|部|委)"
                            r"(?:第[一二三四五六七八九十\d]+届)?$")

_LIANGHUI = re.compile(r"(?=全国两会|两会)(?<![省市县区方])(?P<pre>全国)?两会(?!员)")
_ANNIV = re.compile(r"(?=[\d一二三四五六七八九十百])(?P<n>\d{1,4}|[一二三四五六七八九十百]{1,4})周年")
#: Anniversary subjects that say only what happened, not to whom (成立20周年): not events.
_ANNIV_GENERIC = re.compile(f"^(?:{_any_of('anniversary_generic')})$")

#: A subject that opens with one of these points at the writer (本单位, 该校, 我馆): no named event.
_DEICTIC = frozenset(vocabulary()["deictic_chars"]["chars"])
_CONF = re.compile(
    f"(?:{_any_of('meeting_words')}|(?P<abbr>{_any_of('fair_abbreviations')}))(?!{_any_of('meeting_not_before')})"
    f"|(?:{_any_of('festival_words')})(?!{_any_of('festival_not_before')})"
    f"|(?:{_any_of('exhibition_words')})(?!{_any_of('exhibition_not_before')})"
)
#: A quoted named day or festival; one followed by a programme word (“欢乐春节”活动) is a project.
_QUOTED_DAY = re.compile(r"“(?P<name>[\u4e00-\u9fff·]{3,14}(?:日|节))”" f"(?!{_any_of('day_not_before')})")

#: Where a name written before an event word begins: after one of these.
_STOP = re.compile(_any_of("name_stops"))
#: Where the organ named before a numbered session begins (经国务院第N次常务会议, …29日湖南省…).
_SESSION_STOP = re.compile(r"\d{1,2}日|\d年|\d月|经|在|于|由|的|了|、|及|与|和(?=第)")
_LEADING_YEAR = re.compile(r"\d{4}年?度?")
_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9“”‘’—\-·・]")
#: Words that only say what kind of meeting it is; a name made of these alone names no event.
_GENERIC = re.compile(_any_of("generic_meeting_words"))
_ORGAN_END = re.compile(f"(?:{_any_of('organ_ends')})$")
_COUNT = re.compile(r"[十百千两三四五六七八九]+(?:大|部|个|项|种|家|所|批)|多个|若干|系列|一批|各类|各种")


#: How a rule records one event: ``add(start, end, rule, key="")``, at the rule's registered confidence.
Add = Callable[..., None]


def extract_events(parsed: Parsed, ctx: ExtractContext) -> list[Mention]:
    """Congresses, plenums, sessions, 两会, anniversaries, conferences and named days."""
    f = _WIDE_RE.sub(lambda m: _WIDE[m.group()], parsed.folded)  # fold() of the text, folded once
    out: list[Mention] = []

    def add(s: int, e: int, rule: str, key: str = "") -> None:
        out.append(make_mention(parsed, "Event", s, e, rule, key=key, confidence=rules.confidence(rule)))

    for rule in _SPECIFIC:
        rule(parsed, f, add)
    n_specific = len(out)
    specific = [(m.start, m.end) for m in out]  # the generic rules below do not re-find these
    for rule in _GENERAL:
        rule(parsed, f, add)
    # a generic name overlaps a specific one when the furthest end of the specific names starting before
    # its end passes its start (prefix maximum over the sorted starts: one bisection, not a scan)
    spans = sorted(specific)
    starts, reach = [s for s, _ in spans], list(accumulate((e for _, e in spans), max))

    def overlaps(m: Mention) -> bool:
        i = bisect_left(starts, m.end)
        return i > 0 and reach[i - 1] > m.start

    generic = [m for m in out[n_specific:] if m.key or not overlaps(m)]
    out = out[:n_specific] + generic
    return _alias_short_forms(out)


def _local_plenums(parsed: Parsed, f: str, add: Add) -> None:
    """省委十三届二次全会: a local party committee's plenum, named from the committee before it."""
    for m in _LOCAL_PLENUM.finditer(f):
        start = _name_before(f, m.start())
        if start is not None:
            add(start, m.end(), "event.plenum")


def _npc_sessions(parsed: Parsed, f: str, add: Add) -> None:
    """十二届全国人大五次会议 / 全国政协十三届二次会议: numbered sessions of the NPC and the CPPCC."""
    for m in _NPC.finditer(f):
        n, body, k = (m["n"], m["body"], m["m"]) if m["n"] else (m["n2"], m["body2"], m["m2"])
        add(m.start(), m.end(), "event.session", key=f"{n}届全国{body}{k}次会议")


def _sessions(parsed: Parsed, f: str, add: Add) -> None:
    """…常务委员会第六次会议, 国务院第N次常务会议: a numbered session of the organ named before it."""
    for m in _SESSION.finditer(f):
        start = _name_before(f, m.start(), stop=_SESSION_STOP)
        if start is not None and _SESSION_ORGAN.search(f[start:m.start()]):
            add(start, m.end(), "event.session")


def _lianghui(parsed: Parsed, f: str, add: Add) -> None:
    """全国两会 / 两会 at the start of a word."""
    for m in _LIANGHUI.finditer(f):
        if _word_start(parsed, m.start()):
            add(m.start(), m.end(), "event.lianghui", key="全国两会")


def _anniversaries(parsed: Parsed, f: str, add: Add) -> None:
    """A subject and N周年 (香港回归20周年), the subject saying more than what happened (成立20周年 is none)."""
    for m in _ANNIV.finditer(f):
        start = _name_before(f, m.start())
        if start is None:
            continue
        subject = f[start:m.start()]
        if len(subject) < 2 or _ANNIV_GENERIC.match(subject) or _COUNT.match(subject) or subject[0] in _DEICTIC:
            continue
        add(start, m.end(), "event.anniversary")


def _conferences(parsed: Parsed, f: str, add: Add) -> None:
    """A name before a meeting, fair or festival word; fair abbreviations (进博会) name themselves."""
    for m in _CONF.finditer(f):
        start = _name_before(f, m.start())
        if start is None:
            if not m["abbr"]:
                continue
            start = m.start()
        name = f[start:m.start()]
        if _plain_name(name) or (m["abbr"] and not _COUNT.search(name)):  # 进博会, 全国书博会 name themselves
            add(start, m.end(), "event.conference")


def _days(parsed: Parsed, f: str, add: Add) -> None:
    """A quoted named day or festival (“文化和自然遗产日”) that says more than a count or a kind."""
    for m in _QUOTED_DAY.finditer(f):
        name = m["name"]
        if not _COUNT.search(name) and len(_GENERIC.sub("", name[:-1])) >= 2:
            add(m.start("name"), m.end("name"), "event.day")


def _congresses(parsed: Parsed, f: str, add: Add) -> None:
    """Party and mass-organisation congresses in every written form (党的十九大, 中国文联十大, 第十次文代会)."""
    for m in _CONGRESS_FULL.finditer(f):
        if m["pre"]:
            add(m.start(), m.end(), "event.congress", key=f"党的{m['n']}大")
            continue
        start = _name_before(f, m.start())
        org = f[start:m.start()] if start is not None else ""
        if len(org) >= 2:
            add(start, m.end(), "event.congress", key=f"{org}{m['n']}大")
    for m in _CONGRESS_ORG.finditer(f):
        start = _name_before(f, m.start())
        if start is None or m.start() - start < 2:
            continue
        add(start, m.end(), "event.congress", key=f"{f[start:m.start()]}{m['n']}大")
    for m in _CONGRESS_PARTY.finditer(f):
        n = m["n"]
        prev = f[m.start() - 1] if m.start() else ""
        if not m["pre"] and (len(n) < 2 or n in ("十一", "十二") or prev in "联协团"):
            continue  # a bare 十大 / 十二大 is too often a count; 文联十大 is another body's congress
        add(m.start(), m.end(), "event.congress", key=f"党的{n}大")
    for m in _CONGRESS_ABBR.finditer(f):
        if m.start() and f[m.start() - 1] in "省市县区州旗":  # a local party congress: its own name
            start = _name_before(f, m.start())
            if start is not None:
                add(start, m.end(), "event.congress")
            continue
        org = _ABBR_ORG[m["abbr"]]
        add(m.start(), m.end(), "event.congress", key=f"{org}{m['n']}大")


def _plenums(parsed: Parsed, f: str, add: Add) -> None:
    """Central committee plenums: full and short forms, elliptical lists, a bare 六中全会 read against the last 届."""
    taken: list[tuple[int, int]] = []
    for m in _PLENUM_LIST.finditer(f):
        n = m["n"]
        pos = m.start("items")
        item_list = list(_ITEM.finditer(m["items"]))
        for k, it in enumerate(item_list):
            s, e = pos + it.start(), pos + it.end()
            if k == 0:
                s = m.start()
            if k == len(item_list) - 1:
                e = m.end()
            add(s, e, "event.plenum", key=f"{n}届{it.group()[0]}中全会")
        taken.append(m.span())
    sessions = []  # (offset, 届) for reading a bare 六中全会
    for m in _PLENUM.finditer(f):
        add(m.start(), m.end(), "event.plenum", key=f"{m['n']}届{m['m']}中全会")
        sessions.append((m.start(), m["n"]))
        taken.append(m.span())
    for m in _TERM.finditer(f):
        sessions.append((m.start(), m["n"]))
    sessions.sort()
    for m in _PLENUM_BARE.finditer(f):
        if any(s <= m.start() < e for s, e in taken):
            continue
        num = m["m"] or m["m2"]
        before = [n for (off, n) in sessions if off < m.start()]
        key = f"{before[-1]}届{num}中全会" if before else f"{num}中全会"
        add(m.start(), m.end(), "event.plenum", key=key)


#: The specific rules, run first in this order; the general ones drop what overlaps their finds.
_SPECIFIC: tuple[Callable[[Parsed, str, Add], None], ...] = (_congresses, _plenums, _local_plenums, _npc_sessions)
#: The general rules, in the order they run.
_GENERAL: tuple[Callable[[Parsed, str, Add], None], ...] = (_sessions, _lianghui, _anniversaries, _conferences, _days)


def _name_before(f: str, end: int, reach: int = 40, stop: re.Pattern[str] = _STOP) -> int | None:
    """Where the name that ends at ``end`` begins: after the last stop word or non-name character
    within ``reach`` characters; None when nothing bounds it."""
    lo = max(0, end - reach)
    start = None
    for k in range(end - 1, lo - 1, -1):
        if not _NAME_CHAR.match(f[k]):
            start = k + 1
            break
    bounded = start is not None or lo == 0
    start = lo if start is None else start
    last = None
    for s in stop.finditer(f, start, min(len(f), end + 2)):  # lookaheads see past the name (组织工作会议)
        if s.end() > end:
            break
        last = s
    if last is not None:
        start = last.end()
    elif not bounded:
        return None
    # a name does not begin with a closing quote or a dangling opening one, nor with a year (2017年深圳文博会)
    while start < end and f[start] in "”’—-·・":
        start += 1
    year = _LEADING_YEAR.match(f, start, end)
    if year:
        start = year.end()
    seg = f[start:end]
    if seg.count("“") > seg.count("”") and seg.startswith("“"):
        start += 1
    return start if start < end else None


def _plain_name(name: str) -> bool:
    """Whether ``name`` (before the meeting word) names one specific meeting."""
    if (len(name) < 2 or _COUNT.search(name) or _ORGAN_END.search(name)
            or name.endswith(("和", "及", "与", "或", "之", "次"))):
        return False
    core = _GENERIC.sub("", re.sub(r"[“”‘’—\-·・]", "", name))
    return len(core) >= 2


def _word_start(parsed: Parsed, pos: int) -> bool:
    """Whether a jieba token starts at ``pos`` (True when the document was not segmented)."""
    starts = parsed.tokens
    if not starts:
        return True
    i = bisect_right(starts, pos, key=lambda t: t.start) - 1
    return i >= 0 and starts[i].start == pos


def _alias_short_forms(mentions: list[Mention]) -> list[Mention]:
    """Give a shorter form the fuller name used in the same document as its key: 建军90周年 after
    中国人民解放军建军90周年, 中国网络视听大会 after 第十一届中国网络视听大会 (新中国 and
    中华人民共和国 name one subject)."""
    def canon(label: str) -> str:
        return fold(label).replace("新中国", "中华人民共和国")

    names = sorted({m.label for m in mentions if not m.key}, key=lambda x: (-len(canon(x)), x))
    out = []
    for m in mentions:
        if not m.key:
            c = canon(m.label)
            longer = next((x for x in names if len(x) > len(m.label) and len(c) >= 4 and canon(x).endswith(c)), None)
            if longer:
                m = replace(m, key=longer)
        out.append(m)
    return out
