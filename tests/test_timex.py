"""kg.timex: Chinese time expressions normalised to ISO 8601 values."""

from __future__ import annotations

import calendar
import doctest
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg import timex
from kg.timex import (
    TIMEX,
    cn_int,
    cn_month,
    cn_year,
    five_year_plan,
    fold,
    form_of,
    half_year,
    iso_day,
    law_popularisation_plan,
    normalize,
    quarter,
    value_of,
    year_span,
)

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
_CN = "〇一二三四五六七八九"


def _cn_digits(n: int) -> str:
    """A year written digit by digit (2017 → 二〇一七)."""
    return "".join(_CN[int(c)] for c in str(n))


def _cn_number(n: int) -> str:
    """1–31 in Chinese numerals (12 → 十二, 20 → 二十, 31 → 三十一)."""
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _CN[tens] + "十")) + ("" if ones == 0 else _CN[ones])


def test_doctests_pass():
    assert doctest.testmod(timex).failed == 0


@pytest.mark.parametrize(("text", "n"), [("2017", 2017), ("二〇二三", 2023), ("二零一七", 2017), ("十", 10),
                                         ("十二", 12), ("二十", 20), ("三十一", 31), ("一百二十", 120),
                                         ("１２", 12)])
def test_cn_int_reads_arabic_and_chinese_numerals(text, n):
    assert cn_int(text) == n


@pytest.mark.parametrize("text", ["", "元", "十月", "abc"])
def test_cn_int_rejects_non_numerals(text):
    assert cn_int(text) is None


def test_cn_year_keeps_only_plausible_four_digit_years():
    assert cn_year("一九九七") == 1997
    assert cn_year("5000") is None
    assert cn_year("201") is None
    assert cn_year("一二三四") is None


def test_cn_month_knows_yuanyue_and_rejects_thirteen():
    assert cn_month("元") == 1
    assert cn_month("十二") == 12
    assert cn_month("13") is None


def test_intervals_of_half_years_and_quarters():
    assert half_year(2023, False) == "2023-01/2023-06"
    assert half_year(2023, True) == "2023-07/2023-12"
    assert [quarter(2023, q) for q in (1, 2, 3, 4)] == ["2023-01/2023-03", "2023-04/2023-06",
                                                        "2023-07/2023-09", "2023-10/2023-12"]
    assert quarter(2023, 0) is None


def test_five_year_plans_follow_the_national_calendar():
    assert five_year_plan(13) == (2016, 2020)
    assert five_year_plan(12) == (2011, 2015)
    assert five_year_plan(14) == (2021, 2025)
    assert five_year_plan(0) is None


@given(st.integers(min_value=3, max_value=30))
def test_consecutive_five_year_plans_touch(n):
    assert five_year_plan(n + 1)[0] == five_year_plan(n)[1] + 1
    assert five_year_plan(n)[1] - five_year_plan(n)[0] == 4


@given(st.integers(min_value=1, max_value=20))
def test_law_popularisation_plans_are_consecutive_from_1986(n):
    start, end = law_popularisation_plan(n)
    assert end - start == 4
    assert start == 1986 + 5 * (n - 1)


@pytest.mark.parametrize(("expr", "value"), [
    ("2023年", "2023"),
    ("二〇二三年", "2023"),
    ("2017年3月1日", "2017-03-01"),
    ("2017年03月01日", "2017-03-01"),
    ("二〇一七年三月一日", "2017-03-01"),
    ("二零二四年十二月三十一日", "2024-12-31"),
    ("２０２４年５月１日", "2024-05-01"),
    ("2024 年 5 月 1 日", "2024-05-01"),
    ("2024-05-01", "2024-05-01"),
    ("2019年2月", "2019-02"),
    ("2019年2月底", "2019-02"),
    ("2019年2月份", "2019-02"),
    ("2019年元月", "2019-01"),
    ("2019年初", "2019-01"),
    ("2019年年底", "2019-12"),
    ("2019年末", "2019-12"),
    ("2016年下半年", "2016-07/2016-12"),
    ("2016年上半年", "2016-01/2016-06"),
    ("2022年第三季度", "2022-07/2022-09"),
    ("2022年四季度", "2022-10/2022-12"),
    ("2016-2020年", "2016/2020"),
    ("2015—2020", "2015/2020"),
    ("2021至2025年", "2021/2025"),
    ("2021年至2025年", "2021/2025"),
    ("2021～2025年", "2021/2025"),
    ("2030-2031年度", "2030/2031"),
    ("2023年1月至6月", "2023-01/2023-06"),
    ("2023年1—6月", "2023-01/2023-06"),
    ("2023年3月1日至15日", "2023-03-01/2023-03-15"),
    ("2023年12月1日至2024年1月31日", "2023-12-01/2024-01-31"),
    ("十三五", "2016/2020"),
    ("十四五", "2021/2025"),
    ("十二五", "2011/2015"),
    # ten-day parts of a month are day spans, not the month
    ("2003年7月下旬", "2003-07-21/2003-07-31"),
    ("2024年2月下旬", "2024-02-21/2024-02-29"),
    ("2023年2月下旬", "2023-02-21/2023-02-28"),
    ("2023年11月上旬", "2023-11-01/2023-11-10"),
    ("二〇二三年六月中旬", "2023-06-11/2023-06-20"),
])
def test_absolute_expressions(expr, value):
    assert normalize(expr) == value


@pytest.mark.parametrize(("expr", "value"), [
    ("今年", "2023"), ("本年度", "2023"), ("新的一年", "2023"), ("明年", "2024"), ("去年", "2022"),
    ("前年", "2021"), ("今年6月底", "2023-06"), ("明年3月1日", "2024-03-01"), ("今年下半年", "2023-07/2023-12"),
    ("今年第一季度", "2023-01/2023-03"), ("3月1日", "2023-03-01"), ("6月底", "2023-06"), ("10月", "2023-10"),
    ("十月份", "2023-10"), ("上半年", "2023-01/2023-06"), ("第四季度", "2023-10/2023-12"),
    ("1—3月", "2023-01/2023-03"), ("5月1日至7日", "2023-05-01/2023-05-07"), ("今日", "2023"),
    ("3月中旬", "2023-03-11/2023-03-20"), ("今年9月下旬", "2023-09-21/2023-09-30"),
                                             ("十月上旬", "2023-10-01/2023-10-10"),
])
def test_relative_and_yearless_expressions_use_the_document_year(expr, value):
    assert normalize(expr, doc_year=2023) == value


@pytest.mark.parametrize("expr", ["今年", "3月1日", "上半年", "今日", "6月底"])
def test_relative_expressions_without_a_document_year_have_no_value(expr):
    assert normalize(expr) is None


def test_today_is_the_documents_own_date_when_known():
    assert normalize("今日", 2023, today="2023-02-10") == "2023-02-10"


@pytest.mark.parametrize("expr", ["近年来", "目前", "近日", "近两年", "今后几年", "90周年", "15个", "50种", "第363号",
                                  "5项", "上午9时", "2017年2月30日", "2023年13月", "2020-2016年", "2月30日", "十五",
                                  "一季", "2017年度报告"])
def test_non_dates_have_no_value(expr):
    assert normalize(expr, doc_year=2023) is None


@pytest.mark.parametrize(("expr", "value"), [("“七五”普法", None), ("七五", None)])
def test_a_single_digit_plan_needs_its_context(expr, value):
    assert normalize(expr) == value


def test_law_popularisation_plans_are_found_before_pufa():
    m = TIMEX.search("组织实施“七五”普法规划")
    assert (m.group(), form_of(m), value_of(m)) == ("七五", "pufa", "2016/2020")
    m = TIMEX.search("谋划八五普法")
    assert (m.group(), value_of(m)) == ("八五", "2021/2025")


@pytest.mark.parametrize(("text", "found"), [("“十五”计划", "2001/2005"), ("九五时期", "1996/2000"),
                                             ("第十五条", None), ("十五个省份", None), ("二十五", None)])
def test_short_plan_names_only_with_a_plan_word(text, found):
    values = [value_of(m) for m in TIMEX.finditer(text) if form_of(m).startswith("plan")]
    assert (values[0] if values else None) == found


def test_fold_keeps_offsets_and_simplifies_the_grammar_words():
    text = "於第十一屆全國會議期間，２０２４年「十四五」"
    folded = fold(text)
    assert len(folded) == len(text)
    assert "届" in folded and "会议" in folded and "2024" in folded and "“十四五”" in folded


@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2099, 12, 31)), st.booleans())
def test_every_valid_day_round_trips(d, padded):
    fmt = "{:04d}年{:02d}月{:02d}日" if padded else "{}年{}月{}日"
    assert normalize(fmt.format(d.year, d.month, d.day)) == d.isoformat()


@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2099, 12, 31)))
def test_every_valid_day_in_chinese_numerals_round_trips(d):
    expr = f"{_cn_digits(d.year)}年{_cn_number(d.month)}月{_cn_number(d.day)}日"
    assert normalize(expr) == d.isoformat()


@given(st.integers(1800, 2099), st.integers(1, 12), st.integers(29, 31))
def test_days_past_the_end_of_the_month_are_not_dates(y, m, d):
    last = calendar.monthrange(y, m)[1]
    expr = f"{y}年{m}月{d}日"
    assert (normalize(expr) is None) == (d > last)
    assert (iso_day(y, m, d) is None) == (d > last)


@given(st.integers(1800, 2099), st.integers(1, 12))
def test_every_month_round_trips(y, m):
    assert normalize(f"{y}年{m}月") == f"{y:04d}-{m:02d}"
    assert normalize(f"{y}年{m}月底") == f"{y:04d}-{m:02d}"


@given(st.integers(1800, 2099), st.integers(-60, 60), st.sampled_from(["-", "—", "至", "～", "－"]),
       st.booleans())
def test_year_spans_run_forward(a, delta, sep, with_nian):
    b = a + delta
    expr = f"{a}{sep}{b}" + ("年" if with_nian else "")
    expected = year_span(a, b) if 1800 <= b <= 2099 else None
    assert normalize(expr) == expected
    assert (expected is not None) == (0 < delta <= 50 and b <= 2099)


@given(st.integers(1802, 2097), st.sampled_from(sorted(timex.RELATIVE_YEARS)))
def test_relative_years_shift_the_document_year(y, word):
    assert normalize(word, doc_year=y) == f"{y + timex.RELATIVE_YEARS[word]:04d}"


@given(st.text(alphabet="0123456789年月日初底上下半季度第至—-一二三四五六七八九十〇今明去“”普法五", max_size=30),
       st.integers(1900, 2090))
def test_any_value_found_in_any_text_is_well_formed(text, year):
    for m in TIMEX.finditer(text):
        v = value_of(m, year, None)
        if v is None:
            continue
        assert _ISO.match(v), (text, m.group(), v)
        begin, _, end = v.partition("/")
        assert not end or begin < end


def test_month_and_day_without_ri_only_open_a_line_before_a_comma():
    found = [(m.group(), form_of(m)) for m in TIMEX.finditer("标题\n1月19，会议召开。他说1月19，人数为3月5人。")]
    assert found[0] == ("1月19", "md_line") and value_of(TIMEX.search("\n1月19，"), 2016) == "2016-01-19"
    assert all(form != "md_line" for _, form in found[1:])


@given(st.integers(1800, 2099), st.integers(1, 12), st.sampled_from(["上旬", "中旬", "下旬"]))
def test_ten_day_parts_tile_the_month(y, m, part):
    """The three parts of a month run forward, inside the month, and 下旬 ends on its last day."""
    begin, end = normalize(f"{y}年{m}月{part}").split("/")
    assert begin[:7] == end[:7] == f"{y:04d}-{m:02d}" and begin < end
    if part == "下旬":
        assert int(end[8:]) == calendar.monthrange(y, m)[1]
    else:
        assert int(end[8:]) + 1 == int(normalize(f"{y}年{m}月{'中旬' if part == '上旬' else '下旬'}")[8:10])
