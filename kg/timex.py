"""Chinese time expressions → ISO 8601 values (pure functions, no document context).

The grammar covers what government texts write: years, months and days in
Arabic or Chinese numerals (2017年3月1日, 二〇一七年三月一日), parts of a year
(2019年2月底, 2019年初, 2016年下半年, 2017年第一季度), spans (2016-2020年,
2021至2025年, 2019年1月至6月), five-year-plan periods (“十三五”, and the
law-popularisation plans “七五”普法), and words relative to the document year
(今年, 明年, 新的一年). :data:`TIMEX` finds candidates; :func:`value_of` turns a
match into its value; :func:`normalize` does both for one whole expression.
Whether a candidate in running text is a date at all (a year inside a work
title, a recurring 每年3月 …) is decided by :mod:`kg.extract.dates`.

Values follow the gold guidelines: ``2017``, ``2017-03``, ``2017-03-01``,
``2016-07/2016-12`` (a half-year), ``2016/2020`` (a span of years).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from .textfold import fold_grammar

#: The years a written year may name (wider than any policy text needs, narrow enough to skip 5000元).
YEAR_MIN, YEAR_MAX = 1800, 2099

#: The text the date and event grammars match: traditional characters folded to simplified, full-width
#: digits to ASCII and 「」 to “”, with the same offsets (:func:`kg.textfold.fold_grammar`, the one fold;
#: kept under this name for the modules that import it from here).
fold = fold_grammar


_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_int(s: str) -> int | None:
    """The integer a numeral names: Arabic (also full-width) or Chinese, positional or with 十/百/千.

    >>> [cn_int(x) for x in ("2017", "２０１７", "二〇一七", "三十一", "十二", "十", "一百零五", "元")]
    [2017, 2017, 2017, 31, 12, 10, 105, None]
    """
    if not s:
        return None
    if s.isdecimal():
        return int(s)
    if s == "元":
        return None
    if all(c in _CN_DIGITS for c in s):  # 二〇一七: read digit by digit
        n = 0
        for c in s:
            n = n * 10 + _CN_DIGITS[c]
        return n
    total, digit = 0, None
    for c in s:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[c]
            digit = None
        else:
            return None
    return total + (digit or 0)


def cn_year(s: str) -> int | None:
    """A written four-digit year (2017, 二〇一七, 二零一七) when it lies in [YEAR_MIN, YEAR_MAX].

    >>> cn_year("二零二三"), cn_year("1997"), cn_year("5000"), cn_year("一二三四")
    (2023, 1997, None, None)
    """
    if len(s) != 4:
        return None
    y = cn_int(s)
    return y if y is not None and YEAR_MIN <= y <= YEAR_MAX else None


def cn_month(s: str) -> int | None:
    """A month number 1–12 (元月 is January).

    >>> cn_month("元"), cn_month("十二"), cn_month("03"), cn_month("13")
    (1, 12, 3, None)
    """
    m = 1 if s == "元" else cn_int(s)
    return m if m is not None and 1 <= m <= 12 else None


def iso_day(y: int, m: int, d: int) -> str | None:
    """``YYYY-MM-DD`` when the day exists in that month and year.

    >>> iso_day(2017, 3, 1), iso_day(2017, 2, 29), iso_day(2016, 2, 29)
    ('2017-03-01', None, '2016-02-29')
    """
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def iso_month(y: int, m: int) -> str:
    """``YYYY-MM``.

    >>> iso_month(2019, 2)
    '2019-02'
    """
    return f"{y:04d}-{m:02d}"


def half_year(y: int, second: bool) -> str:
    """The months of a half-year as an interval.

    >>> half_year(2016, True), half_year(2016, False)
    ('2016-07/2016-12', '2016-01/2016-06')
    """
    return f"{iso_month(y, 7)}/{iso_month(y, 12)}" if second else f"{iso_month(y, 1)}/{iso_month(y, 6)}"


def quarter(y: int, q: int) -> str | None:
    """The months of a quarter as an interval.

    >>> quarter(2017, 1), quarter(2017, 4), quarter(2017, 5)
    ('2017-01/2017-03', '2017-10/2017-12', None)
    """
    if not 1 <= q <= 4:
        return None
    return f"{iso_month(y, 3 * q - 2)}/{iso_month(y, 3 * q)}"


def dekad(y: int, m: int, part: str) -> str:
    """The days of a ten-day part of a month (上旬 1–10, 中旬 11–20, 下旬 21 to the month's end).

    >>> dekad(2003, 7, "上旬"), dekad(2003, 7, "下旬"), dekad(2016, 2, "下旬"), dekad(2017, 2, "下旬")
    ('2003-07-01/2003-07-10', '2003-07-21/2003-07-31', '2016-02-21/2016-02-29', '2017-02-21/2017-02-28')
    """
    first = {"上旬": 1, "中旬": 11, "下旬": 21}[part]
    last = {"上旬": 10, "中旬": 20}.get(part) or next(d for d in (31, 30, 29, 28) if iso_day(y, m, d))
    return f"{iso_day(y, m, first)}/{iso_day(y, m, last)}"


def _month_value(y: int, m: int, part: str | None) -> str:
    """``YYYY-MM``, or the day span of a 上旬/中旬/下旬 (初/底/末 keep the month)."""
    return dekad(y, m, part) if part in ("上旬", "中旬", "下旬") else iso_month(y, m)


def five_year_plan(n: int) -> tuple[int, int] | None:
    """Years of the n-th national five-year plan (一五 1953–1957, 二五 1958–1962; from 三五 on,
    after the 1963–1965 adjustment years, 1966 + 5(n − 3), so 十三五 = 2016–2020).

    >>> five_year_plan(13), five_year_plan(12), five_year_plan(14), five_year_plan(1), five_year_plan(3)
    ((2016, 2020), (2011, 2015), (2021, 2025), (1953, 1957), (1966, 1970))
    """
    if n < 1:
        return None
    start = {1: 1953, 2: 1958}.get(n, 1966 + 5 * (n - 3))
    return start, start + 4


def law_popularisation_plan(n: int) -> tuple[int, int] | None:
    """Years of the n-th five-year law-popularisation (普法) plan, the first running 1986–1990.

    >>> law_popularisation_plan(7), law_popularisation_plan(8), law_popularisation_plan(1)
    ((2016, 2020), (2021, 2025), (1986, 1990))
    """
    if n < 1:
        return None
    start = 1986 + 5 * (n - 1)
    return start, start + 4


def year_span(a: int, b: int) -> str | None:
    """``A/B`` for a span of years that runs forward and is not absurdly long.

    >>> year_span(2016, 2020), year_span(2020, 2016), year_span(2016, 2016)
    ('2016/2020', None, None)
    """
    if a < b <= a + 50:
        return f"{a:04d}/{b:04d}"
    return None


#: Offsets of the words relative to the document year.
#: (上年度, 下一年度 and 当年 are left out: statutes use them for any year, 上年度平均工资.)
RELATIVE_YEARS = {
    "今年": 0, "今年度": 0, "本年": 0, "本年度": 0, "新的一年": 0, "新一年": 0,
    "明年": 1, "明年度": 1, "来年": 1, "去年": -1, "去年度": -1, "前年": -2, "后年": 2,
}
_REL = "|".join(sorted(map(re.escape, RELATIVE_YEARS), key=len, reverse=True))

# --- the grammar -------------------------------------------------------------------------
_SP = r"[ \u3000]?"
_Y = r"(?:\d{4}|[〇○零Ｏ一二三四五六七八九]{4})"
_M = r"(?:1[0-2]|0?[1-9])(?!\d)|十[一二]|十|元|[一二三四五六七八九]"
_MA = r"(?:1[0-2]|0?[1-9])(?!\d)"  # a month in Arabic numerals
_D = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_SEP = r"(?:至|到|—{1,2}|–|-|－|~|～|―|─)"
# 初/底/末 as "early/end of", not 初步, 底线, 末端 …
_YPART = (r"(?:初(?!步|级|中|次|心|衷|稿|审|创|赛|选|识|见|任|检|诊|期)"
          r"|底(?!线|数|层|部|色|座|子|气|蕴|价|薪|盘|片|稿)|末(?!端|位|梢|班|尾))")
_PART = _YPART[:-1] + "|上旬|中旬|下旬)"
_PLAN_WORD = r"(?:计划|规划|时期|期间|末|初)"
_NUM_BEFORE = r"(?<![\d一二三四五六七八九十百千万零〇两第])"

_FORMS: tuple[tuple[str, str], ...] = (
    # 2019年1月1日至2019年12月31日, 2019年3月1日至15日
    ("day_span", (rf"(?P<y1>{_Y}){_SP}年{_SP}(?P<m1>{_M}){_SP}月{_SP}(?P<d1>{_D}){_SP}[日号]{_SEP}"
                 rf"(?:(?P<y2>{_Y}){_SP}年{_SP})?(?:(?P<m2>{_M}){_SP}月{_SP})?(?P<d2>{_D}){_SP}[日号]")),
    # 2019年1月至6月, 2019年1—6月, 2019年1月至2019年6月
    ("month_span", (rf"(?P<y1>{_Y}){_SP}年{_SP}(?P<m1>{_M}){_SP}月?{_SEP}"
                   rf"(?:(?P<y2>{_Y}){_SP}年{_SP})?(?P<m2>{_M}){_SP}月")),
    # 2016-2020年, 2021至2025年, 2016年—2020年, 2015—2020
    ("year_span", rf"(?P<y1>{_Y}){_SP}年?{_SP}{_SEP}{_SP}(?P<y2>{_Y})(?!\d)(?:{_SP}年度?)?"),
    # 2019-01-03, 2019.1.3, 2019/01/03
    ("iso", r"(?P<y1>\d{4})(?P<s>[-./])(?P<m1>1[0-2]|0?[1-9])(?P=s)(?P<d1>3[01]|[12]\d|0?[1-9])(?![\d.])"),
    ("ymd", rf"(?P<y1>{_Y}){_SP}年{_SP}(?P<m1>{_M}){_SP}月{_SP}(?P<d1>{_D}){_SP}[日号]"),
    ("ym", rf"(?P<y1>{_Y}){_SP}年{_SP}(?P<m1>{_M}){_SP}月(?:份)?(?P<part>{_PART})?"),
    ("y_half", rf"(?P<y1>{_Y}){_SP}年(?:的)?(?P<h>[上下])半年"),
    ("y_quarter", rf"(?P<y1>{_Y}){_SP}年(?:的)?第?(?P<q>[一二三四1-4])季度"),
    ("y_part", rf"(?P<y1>{_Y}){_SP}年(?:年)?(?P<part>{_YPART})"),
    ("y", rf"(?P<y1>{_Y}){_SP}年"),
    # 今年6月底, 明年3月1日, 今年下半年, 今年第三季度, 今年
    ("rel", (rf"(?P<rel>{_REL})(?:(?P<m1>{_M})月(?:(?P<d1>{_D})[日号]|份?(?P<part>{_PART})?)"
             r"|(?P<h>[上下])半年|第?(?P<q>[一二三四1-4])季度)?")),
    ("today", r"(?P<today>今日|今天)"),
    # “七五”普法, 八五普法: the law-popularisation plans
    ("pufa", rf"{_NUM_BEFORE}(?P<n>十[一二三四五六七八九]?|[一二三四五六七八九])五(?=”?普法)"),
    # 第十四个五年规划: the plan written out
    ("plan_full", r"第(?P<n>二十|十[一二三四五六七八九]?|[一二三四五六七八九])个五年(?=规划|计划)"),
    # 十三五, 十四五 (always a plan); 九五, 十五 only with a plan word or in quotes
    ("plan", rf"{_NUM_BEFORE}(?P<n>十[一二三四五六七八九])五(?![一二三四五六七八九十百千\d年岁条个项%])"),
    ("plan_short", (rf"{_NUM_BEFORE}(?:(?<=“)(?P<n>十|[一二三四五六七八九])五(?=”{_PLAN_WORD})"
                   rf"|(?P<n2>十|[一二三四五六七八九])五(?={_PLAN_WORD}))")),
    # yearless: 3月1日至15日, 3月1日, 6月底, 3月份, 上半年, 第一季度
    ("md_span", (rf"(?P<m1>{_M}){_SP}月{_SP}(?P<d1>{_D}){_SP}[日号]{_SEP}"
                rf"(?:(?P<m2>{_M}){_SP}月{_SP})?(?P<d2>{_D}){_SP}[日号]")),
    ("m_span", rf"{_NUM_BEFORE}(?P<m1>{_MA})月?{_SEP}(?P<m2>{_MA})月"),
    ("md", rf"{_NUM_BEFORE}(?P<m1>{_M}){_SP}月{_SP}(?P<d1>{_D}){_SP}[日号]"),
    # a news lead opening its line with month and day, 日 left out: “1月19，记者从…获悉”
    ("md_line", r"(?<![^\n])(?P<m1>1[0-2]|0?[1-9])月(?P<d1>3[01]|[12]\d|0?[1-9])(?=[，,])"),
    ("m", (rf"{_NUM_BEFORE}(?:(?P<m1>{_MA}){_SP}月(?:份)?(?P<part>{_PART})?"
           rf"|(?P<m2>十[一二]|十|元|[一二三四五六七八九])月(?:份(?P<part2>{_PART})?|(?P<part3>{_PART})))")),
    ("half", r"(?P<h>[上下])半年"),
    # 年底前, 年初召开: the document's year (not 今年年初, 次年底, 每年年底, 年初数, 年末余额)
    ("part", (rf"(?<![年次当同翌上去今明前后本全每该\d〇一二三四五六七八九十])年(?P<part>{_YPART})"
             r"(?=前|以前|之前|时|[，,。；;、]|完成|召开|举行|启动|开始|实现|达到|基本|全面|建成|出台|印发|上线|开展)")),
    ("quarter", r"(?:第(?P<q>[一二三四1-4])|(?P<q2>[一二三四]))季度"),
    # a year written without 年 (2017是…, 谈2017工作): the extractor decides from the context
    ("bare_year", r"(?P<y1>1[89]\d\d|20\d\d)(?!\d)"),
)

_NAMED = re.compile(r"\(\?P<(\w+)>")
_BACKREF = re.compile(r"\(\?P=(\w+)\)")


def _combined() -> re.Pattern[str]:
    parts = []
    for name, pat in _FORMS:
        prefix = name + "_"
        inner = _BACKREF.sub(lambda m: f"(?P={prefix}{m.group(1)})", pat)  # noqa: B023 - used at once
        inner = _NAMED.sub(lambda m: f"(?P<{prefix}{m.group(1)}>", inner)  # noqa: B023 - used at once
        parts.append(f"(?P<{name}>{inner})")
    # every form starts with a digit, a numeral or one of these characters: test that first (speed)
    first = r"(?<![\d０-９])(?=[\d〇○零Ｏ一二三四五六七八九十元今本当新明来下去上前后第年“])"
    return re.compile(first + "(?:" + "|".join(parts) + ")")


#: Every candidate time expression; ``m.lastgroup`` names the form, groups are ``<form>_<part>``.
TIMEX: re.Pattern[str] = _combined()

#: The forms whose value needs the document year.
RELATIVE_FORMS = frozenset({"rel", "today", "md_span", "m_span", "md", "md_line", "m", "half", "quarter", "part"})


def form_of(m: re.Match[str]) -> str:
    """The name of the grammar form a :data:`TIMEX` match took."""
    return m.lastgroup or ""


def value_of(m: re.Match[str], doc_year: int | None = None, today: str | None = None) -> str | None:
    """The ISO value of a :data:`TIMEX` match, or None when it names no valid date.

    ``doc_year`` resolves yearless and relative forms; ``today`` (an ISO value) is what
    今日 means (the document's own date, else its year).
    """
    form = form_of(m)

    def g(part: str) -> str | None:
        return m.group(f"{form}_{part}")

    if form == "today":
        return today or (f"{doc_year:04d}" if doc_year else None)
    if form == "rel":
        if doc_year is None:
            return None
        return _with_parts(doc_year + RELATIVE_YEARS[g("rel") or ""], g("m1"), g("d1"), g("part"), g("h"), g("q"))
    if form in ("pufa", "plan", "plan_short", "plan_full"):
        n = cn_int(g("n") or g("n2") or "")
        years = (law_popularisation_plan if form == "pufa" else five_year_plan)(n) if n else None
        return f"{years[0]:04d}/{years[1]:04d}" if years else None
    if form in RELATIVE_FORMS:
        return _yearless_value(form, g, doc_year) if doc_year is not None else None
    y = cn_year(g("y1") or "")
    return _year_value(form, g, y) if y is not None else None


def _yearless_value(form: str, g: Callable[[str], str | None], doc_year: int) -> str | None:
    """The value of a yearless or relative form in the document year (``g`` reads a group of the match)."""
    if form == "m_span":
        m1, m2 = cn_month(g("m1") or ""), cn_month(g("m2") or "")
        return f"{iso_month(doc_year, m1)}/{iso_month(doc_year, m2)}" if m1 and m2 and m1 < m2 else None
    if form == "md_span":
        return _day_span(doc_year, g("m1"), g("d1"), None, g("m2"), g("d2"))
    if form == "half":
        return half_year(doc_year, g("h") == "下")
    if form == "part":
        return iso_month(doc_year, 1 if g("part") == "初" else 12)
    if form == "quarter":
        return quarter(doc_year, cn_int(g("q") or g("q2") or "") or 0)
    part = (g("part") or g("part2") or g("part3")) if form == "m" else None
    day = g("d1") if form in ("md", "md_line") else None
    return _with_parts(doc_year, g("m1") or g("m2"), day, part, None, None)


def _year_value(form: str, g: Callable[[str], str | None], y: int) -> str | None:
    """The value of a form that carries its own year ``y`` (``g`` reads a group of the match)."""
    if form == "year_span":
        y2 = cn_year(g("y2") or "")
        return year_span(y, y2) if y2 else None
    if form == "day_span":
        return _day_span(y, g("m1"), g("d1"), g("y2"), g("m2"), g("d2"))
    if form == "month_span":
        y2 = cn_year(g("y2") or "") if g("y2") else y
        m1, m2 = cn_month(g("m1") or ""), cn_month(g("m2") or "")
        if y2 is None or m1 is None or m2 is None or (y2, m2) <= (y, m1):
            return None
        return f"{iso_month(y, m1)}/{iso_month(y2, m2)}"
    if form in ("iso", "ymd"):
        mo, d = cn_month(g("m1") or ""), cn_int(g("d1") or "")
        return iso_day(y, mo, d) if mo and d else None
    if form == "ym":
        mo = cn_month(g("m1") or "")
        return _month_value(y, mo, g("part")) if mo else None
    if form == "y_half":
        return half_year(y, g("h") == "下")
    if form == "y_quarter":
        return quarter(y, cn_int(g("q") or "") or 0)
    if form == "y_part":
        return iso_month(y, 1 if g("part") == "初" else 12)
    return f"{y:04d}"  # y, bare_year


def _with_parts(y: int, mo: str | None, d: str | None, part: str | None, h: str | None, q: str | None) -> str | None:
    if not YEAR_MIN <= y <= YEAR_MAX:
        return None
    if h:
        return half_year(y, h == "下")
    if q:
        return quarter(y, cn_int(q) or 0)
    if mo:
        month = cn_month(mo)
        if month is None:
            return None
        if d:
            day = cn_int(d)
            return iso_day(y, month, day) if day else None
        return _month_value(y, month, part)
    return f"{y:04d}"


def _day_span(y: int, m1: str | None, d1: str | None, y2s: str | None, m2: str | None, d2: str | None) -> str | None:
    y2 = cn_year(y2s) if y2s else y
    mo1 = cn_month(m1 or "")
    mo2 = cn_month(m2) if m2 else mo1
    a = iso_day(y, mo1, cn_int(d1 or "") or 0) if mo1 else None
    b = iso_day(y2, mo2, cn_int(d2 or "") or 0) if (y2 and mo2) else None
    if a is None or b is None or b <= a:
        return None
    return f"{a}/{b}"


def normalize(expr: str, doc_year: int | None = None, today: str | None = None) -> str | None:
    """The ISO value of one whole time expression, or None when it is not one.

    >>> normalize("2017年3月1日"), normalize("二〇一七年三月一日"), normalize("2017年2月30日")
    ('2017-03-01', '2017-03-01', None)
    >>> normalize("2019年2月底"), normalize("2019年初"), normalize("2019年年底")
    ('2019-02', '2019-01', '2019-12')
    >>> normalize("2016年下半年"), normalize("2017年第一季度")
    ('2016-07/2016-12', '2017-01/2017-03')
    >>> normalize("十三五"), normalize("十四五"), normalize("七五", doc_year=2017)
    ('2016/2020', '2021/2025', None)
    >>> [value_of(m) for m in TIMEX.finditer("国民经济和社会发展第十四个五年规划")]
    ['2021/2025']
    >>> normalize("2016-2020年"), normalize("2015—2020"), normalize("2021至2025年"), normalize("2020-2016年")
    ('2016/2020', '2015/2020', '2021/2025', None)
    >>> normalize("2019年1月至6月"), normalize("2019年3月1日至15日"), normalize("1—3月", 2019)
    ('2019-01/2019-06', '2019-03-01/2019-03-15', '2019-01/2019-03')
    >>> normalize("今年", 2017), normalize("明年", 2017), normalize("去年", 2017), normalize("新的一年", 2017)
    ('2017', '2018', '2016', '2017')
    >>> normalize("今年6月底", 2017), normalize("6月底", 2017), normalize("3月1日", 2017), normalize("3月1日")
    ('2017-06', '2017-06', '2017-03-01', None)
    >>> normalize("今日", 2017), normalize("今日", 2017, today="2017-02-10"), normalize("下半年", 2024)
    ('2017', '2017-02-10', '2024-07/2024-12')
    >>> [value_of(m, 2019) for m in TIMEX.finditer("力争年底前完成，年初召开；年初数、年末余额、今年年初")]
    ['2019-12', '2019-01', '2019']
    >>> normalize("近年来", 2017), normalize("90周年"), normalize("2017")
    (None, None, '2017')
    """
    m = TIMEX.fullmatch(expr.strip()) if expr else None
    if m is None:
        m = TIMEX.fullmatch(fold_grammar(expr.strip())) if expr else None
    return value_of(m, doc_year, today) if m else None
