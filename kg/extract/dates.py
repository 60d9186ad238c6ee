"""Date mentions normalised to ISO 8601 values.

The grammar and the normalisation live in :mod:`kg.timex`; this module decides, from the
context of each candidate, whether it is a date of the document at all, and resolves
yearless and relative forms:

* a year written without 年 (2017是…, 谈2017工作) counts unless it sits inside a title or a
  quoted name (《我的1997》, “质量管理2017”), in a document number (〔2018〕), or before a
  measure word (2000元, 2017人);
* relative words (今年, 明年, 新的一年, 今日) only where jieba starts a word (说明年度 is not 明年);
* 每年3月, 次年上半年, 前三季度 name no single date; a yearless 3月1日 takes the year of an
  explicit date earlier in its sentence, else the document year; a yearless deadline
  (2月底前) earlier in the year than the document's own date falls in the next year;
* 今日 is the document's own date (its signature line or news dateline), else its year.

Every mention sets ``value`` and ``key`` = value, so resolution groups all expressions of one
value into one entity.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .. import rules
from ..model import Mention, Parsed, offsets
from ..textfold import fold_grammar
from ..timex import TIMEX, form_of, value_of
from .base import ExtractContext, make_mention

#: Forms that carry their own year (anchors for a yearless date later in the sentence).
_EXPLICIT = frozenset({"ymd", "ym", "y", "y_part", "y_half", "y_quarter", "iso", "day_span", "month_span"})
#: Forms resolved against the document year (or an anchor).
_YEARLESS = frozenset({"md", "md_line", "m", "md_span", "m_span", "half", "quarter", "part"})
_RELATIVE = frozenset({"rel", "today"})

#: After a bare year these make it a count or an amount (2000元, 2017人), not a year.
_MEASURE = set("号元角万亿千百人名个件次家种项条位台部所户辆吨米平方公里克册本篇份场届期批周天小分秒岁倍款例"
               "座栋间只头张股")
_LATIN = re.compile(r"[A-Za-z]")
#: Words before a yearless month, half-year or quarter that make it recurring or anaphoric.
_NOT_ANCHORED = ("每", "次年", "当年", "同年", "翌年", "上年", "农历", "阴历", "前", "后", "年", "近")
#: A line that is nothing but a date: the signature date of a notice or the date under a title.
_DATE_LINE = re.compile(r"^[ \t\u3000（(]*([^\n]{6,22}?)[ \t\u3000）)]*$", re.MULTILINE)
#: A news dateline: 本报北京7月12日电, 新华社北京3月5日电.
_DATELINE = re.compile(r"^[^\n，。]{0,16}?(\d{1,2}月\d{1,2}日)(?:电|讯)", re.MULTILINE)
_DEADLINE_AFTER = re.compile(r"^(?:前|以前|之前)")


def extract_dates(parsed: Parsed, ctx: ExtractContext) -> list[Mention]:
    """Every date expression of the document with its ISO value."""
    text = parsed.text
    folded = fold_grammar(text)
    year = ctx.year if ctx.year is not None else parsed.year
    today = document_date(folded, year)
    token_starts = offsets(parsed.tokens)[0] if parsed.tokens else []
    anchor: tuple[int, int] | None = None  # (sentence start, year) of the last explicit date
    out: list[Mention] = []
    for m in TIMEX.finditer(folded):
        form = form_of(m)
        s, e = m.span()
        if not _plausible(form, folded, s, e, token_starts):
            continue
        sent = parsed.sentence_at(s)
        sent_start = sent.start if sent is not None else -1
        base_year = year
        if form in _YEARLESS and anchor is not None and anchor[0] == sent_start:
            base_year = anchor[1]
        value = value_of(m, base_year, today)
        if value is None:
            continue
        if form in _EXPLICIT:
            anchor = (sent_start, int(value[:4]))
        elif form in ("md", "md_line", "m") and base_year == year and today and len(today) == 10:
            value = _roll_deadline(value, today, folded[e:e + 2])
        rule = f"date.{form}"
        out.append(make_mention(parsed, "Date", s, e, rule, value=value, key=value, confidence=rules.confidence(rule)))
    return out


def document_date(folded: str, year: int | None) -> str | None:
    """The document's own day: its last line that is only a date, else a news dateline.

    >>> document_date("关于……的通知\\n正文。\\n国务院办公厅\\n2018年12月26日\\n", 2018)
    '2018-12-26'
    >>> document_date("本报北京7月12日电 记者报道。", 2024)
    '2024-07-12'
    >>> document_date("2017年是关键一年。", 2017) is None
    True
    """
    found = None
    for line in _DATE_LINE.finditer(folded):
        m = TIMEX.fullmatch(line.group(1))
        if m is not None and form_of(m) == "ymd":
            found = value_of(m) or found
    if found:
        return found
    d = _DATELINE.search(folded[:400])
    if d and year:
        m = TIMEX.fullmatch(d.group(1))
        return value_of(m, year) if m else None
    return None


def _plausible(form: str, text: str, s: int, e: int, token_starts: list[int]) -> bool:
    """Whether a candidate is a date here (see the module docstring)."""
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < len(text) else " "
    if form == "bare_year":
        if before in "-－—.．/:：#＃$￥¥第" or _LATIN.match(before) or _LATIN.match(after):
            return False
        if (after in _MEASURE or after in "-－.．/:：%％多余左" or after.isdecimal()
                or text.startswith(("以上", "以下", "以内"), e)):
            return False
        if before in "〔[［【(（" and after in "〕]］】)）":
            return False  # a document number (国办发〔2018〕127号) or a bracketed edition
        return not _inside(text, s, "《", "》") and not _inside(text, s, "“", "”")
    if form in _RELATIVE:  # not inside a title: 《今日中国》
        return _word_start(s, token_starts) and not _inside(text, s, "《", "》")
    if form in _YEARLESS:
        if text[max(0, s - 2):s].endswith(_NOT_ANCHORED):
            return False
        if form in ("half", "quarter"):
            return _word_start(s, token_starts)
    return True


def _word_start(pos: int, token_starts: list[int]) -> bool:
    """Whether a jieba token starts at ``pos`` (True when the document was not segmented)."""
    if not token_starts:
        return True
    i = bisect_right(token_starts, pos) - 1
    return i >= 0 and token_starts[i] == pos


def _inside(text: str, pos: int, open_: str, close: str, reach: int = 80) -> bool:
    """Whether ``pos`` lies between an ``open_`` mark and its ``close`` mark (within ``reach`` characters)."""
    o = text.rfind(open_, max(0, pos - reach), pos)
    if o < 0 or text.rfind(close, o, pos) >= 0:
        return False
    return text.find(close, pos, pos + reach) >= 0


def _roll_deadline(value: str, today: str, after: str) -> str:
    """A yearless deadline before the document's own date (2月底前 in a December notice) is next year's."""
    if _DEADLINE_AFTER.match(after) and value[:4] == today[:4] and value[5:10] < today[5:len(value)]:
        return "/".join(f"{int(v[:4]) + 1:04d}{v[4:]}" for v in value.split("/"))  # 3月上旬前: both ends
    return value
