"""Period and listed-item responsibility rules of :mod:`kg.relations`, on texts written for these tests.

The helpers of ``tests/test_relations.py`` place typed mentions at known spans, so these tests
check the relation rules, not the extractors.
"""

from __future__ import annotations

from tests.test_relations import gaz, link, rels  # noqa: F401  (gaz is a fixture)

TWO_RULES = (
    "某某办公厅关于印发乡村书屋扶持规定和基层剧团发展规定两个规定的通知\n"
    "各有关单位：\n"
    "《乡村书屋扶持规定》和《基层剧团发展规定》已经同意，现印发给你们。\n"
    "乡村书屋扶持规定\n"
    "一、书屋建设给予补助。\n"
    "上述政策凡未注明具体期限的，执行期限为2031年1月1日至2035年12月31日。\n"
    "基层剧团发展规定\n"
    "一、剧团演出给予奖励。\n"
    "上述政策适用于所有剧团，执行期限为2032年1月1日至2034年12月31日。\n"
)


def _two_rules_spans():
    return [("Law", "某某办公厅关于印发乡村书屋扶持规定和基层剧团发展规定两个规定的通知"),
            ("Law", "《乡村书屋扶持规定》"), ("Law", "《基层剧团发展规定》"),
            ("Law", "乡村书屋扶持规定", 2), ("Law", "基层剧团发展规定", 2),
            ("Date", "2031年1月1日至2035年12月31日", "2031-01-01/2035-12-31"),
            ("Date", "2032年1月1日至2034年12月31日", "2032-01-01/2034-12-31")]


def test_term_of_the_measures_above_goes_to_the_instrument_whose_heading_precedes(gaz):  # noqa: F811
    _, linked = link(TWO_RULES, _two_rules_spans(), gaz)
    assert rels(linked, "period", with_rule=True) == {
        ("乡村书屋扶持规定", "period", "2031年1月1日至2035年12月31日", "period.term-back"),
        ("基层剧团发展规定", "period", "2032年1月1日至2034年12月31日", "period.term-back")}


def test_term_of_the_measures_goes_to_the_instrument_the_notice_issues(gaz):  # noqa: F811
    text = ("某某厅关于印发乡村影院运营补助办法的通知\n各市文化局：\n现将《乡村影院运营补助办法》印发给你们。\n"
            "一、放映场次给予补助。\n上述措施执行期限为2031年7月1日至2036年6月30日。\n")
    spans = [("Law", "某某厅关于印发乡村影院运营补助办法的通知"), ("Law", "乡村影院运营补助办法"),
             ("Law", "《乡村影院运营补助办法》"), ("Date", "2031年7月1日至2036年6月30日", "2031-07-01/2036-06-30")]
    _, linked = link(text, spans, gaz)
    assert rels(linked, "period", with_rule=True) == {
        ("乡村影院运营补助办法", "period", "2031年7月1日至2036年6月30日", "period.term-back")}


def test_own_instrument_term_from_ben_banfa(gaz):  # noqa: F811
    text = ("乡村影院运营补助办法\n第一条 为了规范补助，制定本办法。\n"
            "第二条 本办法有效期自2031年1月1日至2035年12月31日。\n")
    spans = [("Law", "乡村影院运营补助办法"), ("Date", "2031年1月1日至2035年12月31日", "2031-01-01/2035-12-31")]
    _, linked = link(text, spans, gaz)
    assert rels(linked, "period") == {("乡村影院运营补助办法", "period", "2031年1月1日至2035年12月31日")}


def test_a_term_that_points_back_at_nothing_or_is_a_single_day_links_nothing(gaz):  # noqa: F811
    text = ("乡村影院运营补助办法\n第一条 为了规范补助，制定本办法。\n"
            "第二条 申报期限为2031年3月1日。\n第三条 合同执行期限为2031年1月1日至2031年6月30日。\n")
    spans = [("Law", "乡村影院运营补助办法"), ("Date", "2031年3月1日", "2031-03-01"),
             ("Date", "2031年1月1日至2031年6月30日", "2031-01-01/2031-06-30")]
    _, linked = link(text, spans, gaz)
    assert rels(linked, "period") == set()


def test_themed_year_right_after_its_year(gaz):  # noqa: F811
    text = "会议围绕2031年“服务提质年”提出实施方案，部署2031年打击侵权盗版工作。"
    spans = [("Date", "2031年", "2031"), ("Project", "服务提质年"), ("Date", "2031年", "2031", 1),
             ("Project", "打击侵权盗版")]
    _, linked = link(text, spans, gaz)
    assert rels(linked, "period", with_rule=True) == {("服务提质年", "period", "2031年", "period.themed-year")}


# ---------------------------------------------------------------------------
# responsibleFor: subjects of news reports, overseers of a whole instrument, units of listed items
# ---------------------------------------------------------------------------

def test_news_report_subjects_after_byline_date_and_place(gaz):  # noqa: F811
    text = "本报讯（记者 某某） 国家文化示范总局、公安部7月25日在京联合启动“清风2031”专项行动。行动为期半年。"
    spans = [("Bureau", "国家文化示范总局"), ("Bureau", "公安部"), ("Project", "“清风2031”专项行动")]
    _, linked = link(text, spans, gaz)
    assert rels(linked, "responsibleFor", with_rule=True) == {
        ("国家文化示范总局", "responsibleFor", "“清风2031”专项行动", "sentence.subject"),
        ("公安部", "responsibleFor", "“清风2031”专项行动", "sentence.subject")}


def test_byline_alone_is_no_subject_lead(gaz):  # noqa: F811
    text = "本报讯（记者 某某） 多家媒体报道称国家文化示范总局近日启动“清风2031”专项行动。"
    spans = [("Bureau", "国家文化示范总局"), ("Project", "“清风2031”专项行动")]
    _, linked = link(text, spans, gaz)
    assert rels(linked, "responsibleFor") == set()


NOTICE = ("国务院办公厅关于加快发展乡村影院的指导意见\n各省、自治区、直辖市人民政府：\n"
          "一、扩大放映覆盖。\n二、加强组织实施。\n"
          "{subject}要会同有关方面做好指导、督查和总结工作，共同抓好落实。\n国务院办公厅\n2031年3月1日\n")


def test_overseer_of_the_implementation_is_responsible_for_the_instrument(gaz):  # noqa: F811
    text = NOTICE.format(subject="国家文化示范总局")
    spans = [("Law", "国务院办公厅关于加快发展乡村影院的指导意见"), ("Bureau", "国务院办公厅"),
             ("Bureau", "国家文化示范总局")]
    _, linked = link(text, spans, gaz)
    assert ("国家文化示范总局", "responsibleFor",
            "国务院办公厅关于加快发展乡村影院的指导意见") in rels(linked, "responsibleFor")


def test_oversight_without_carrying_out_or_without_an_instrument_links_nothing(gaz):  # noqa: F811
    text = NOTICE.format(subject="国家文化示范总局").replace("，共同抓好落实", "")
    spans = [("Law", "国务院办公厅关于加快发展乡村影院的指导意见"), ("Bureau", "国务院办公厅"),
             ("Bureau", "国家文化示范总局")]
    _, linked = link(text, spans, gaz)
    assert not any(r[0] == "国家文化示范总局" for r in rels(linked, "responsibleFor"))
    report = "2031年工作总结\n国家文化示范总局要做好指导、督查和总结工作，共同抓好落实。\n"
    _, linked = link(report, [("Bureau", "国家文化示范总局")], gaz)
    assert rels(linked, "responsibleFor") == set()


def test_lead_units_of_a_counted_list_task(gaz):  # noqa: F811
    text = ("（三）实施书屋提升工程、惠民放映工程这两项工程。完善运营机制。（国家文化示范总局牵头，财政部配合）\n"
            "（四）推进乡村剧场建设。（公安部负责）\n")
    spans = [("Project", "书屋提升工程"), ("Project", "惠民放映工程"), ("Bureau", "国家文化示范总局"),
             ("Bureau", "财政部"), ("Bureau", "公安部")]
    _, linked = link(text, spans, gaz)
    got = rels(linked, "responsibleFor")
    for p in ("书屋提升工程", "惠民放映工程"):
        assert ("国家文化示范总局", "responsibleFor", p) in got
        assert ("公安部", "responsibleFor", p) not in got


# ---------------------------------------------------------------------------
# the whole pipeline on a notice of our own
# ---------------------------------------------------------------------------

MEASURES_NOTICE = (
    "某省人民政府办公厅关于印发某省支持乡村影院发展若干措施的通知\n某政办发〔2031〕5号\n各市人民政府，省政府各部门：\n"
    "《某省支持乡村影院发展若干措施》已经省政府同意，现印发给你们，请认真贯彻执行。\n某省人民政府办公厅\n2031年6月1日\n"
    "某省支持乡村影院发展若干措施\n一、对新建乡村影院给予补助。（省文化和旅游厅牵头，省财政厅配合）\n"
    "二、实施春苗工程、书香工程和乡村影院工程这三项工程。（省文化和旅游厅、省教育厅负责）\n"
    "上述措施执行期限为2031年7月1日至2036年6月30日。\n"
)


def test_notice_measures_programmes_units_and_term_end_to_end(pipeline):
    from kg.model import Document

    r = pipeline.process(Document("notice.txt", MEASURES_NOTICE))
    label = {e.key: e.label for e in r.entities}
    value = {e.key: e.value for e in r.entities if e.type == "Date"}
    got = {(label[x.subject], x.predicate, label[x.object]) for x in r.relations}
    projects = {"春苗工程", "书香工程", "乡村影院工程"}
    assert projects <= {e.label for e in r.entities if e.type == "Project"}
    for p in projects:
        assert ("某省教育厅", "responsibleFor", p) in got
        assert any(s.endswith("文化和旅游厅") and o == p for s, pred, o in got if pred == "responsibleFor")
    periods = [(label[x.subject], value[x.object]) for x in r.relations if x.predicate == "period"]
    assert periods == [("某省支持乡村影院发展若干措施", "2031-07-01/2036-06-30")]


# ---------------------------------------------------------------------------
# units of a task on lines of their own, and 由B负责
# ---------------------------------------------------------------------------

def _task_links(gaz, text, spans):  # noqa: F811
    _, linked = link(text, spans, gaz)
    return {(s, o) for s, _, o in rels(linked, "responsibleFor")}


_TASK_SPANS = [("Project", "春苗工程"), ("Project", "书香工程"), ("Bureau", "国家文化示范总局"), ("Bureau", "财政部"),
               ("Bureau", "公安部")]


def test_units_in_a_bracket_on_the_line_after_the_task(gaz):  # noqa: F811
    text = ("（三）实施春苗工程。\n（牵头单位：国家文化示范总局；配合单位：财政部）\n（四）推进书香工程。\n"
            "（公安部负责）\n")
    assert _task_links(gaz, text, _TASK_SPANS) == {("国家文化示范总局", "春苗工程"), ("财政部", "春苗工程"),
                                                   ("公安部", "书香工程")}


def test_unit_lines_after_the_task(gaz):  # noqa: F811
    text = ("（三）实施春苗工程。\n牵头单位：国家文化示范总局\n配合单位：财政部\n（四）推进书香工程。\n"
            "责任单位：公安部\n")
    assert _task_links(gaz, text, _TASK_SPANS) == {("国家文化示范总局", "春苗工程"), ("财政部", "春苗工程"),
                                                   ("公安部", "书香工程")}


def test_item_then_you_b_fuze(gaz):  # noqa: F811
    text = "春苗工程由国家文化示范总局负责。书香工程的经费由财政部保障。"
    assert _task_links(gaz, text, _TASK_SPANS[:4]) == {("国家文化示范总局", "春苗工程")}


def test_a_plan_stating_its_own_term_at_a_sentence_start(gaz):  # noqa: F811
    text = "某省乡村文化振兴规划\n一、总体要求\n规划期为2031—2035年，展望到2045年。\n各地执行期限不一。\n"
    spans = [("Law", "某省乡村文化振兴规划"), ("Date", "2031—2035年", "2031/2035"), ("Date", "2045年", "2045")]
    _, linked = link(text, spans, gaz)
    assert rels(linked, "period") == {("某省乡村文化振兴规划", "period", "2031—2035年")}


def test_programme_carried_out_over_a_span_its_anaphor_and_a_subject_in_a_place(gaz):  # noqa: F811
    text = ("我县将于2031年至2033年实施“乡村书屋提质工程”，三年内完成改造。\n"
            "据介绍，工程由国家文化示范总局牵头，财政部配合。\n"
            "与此同时，公安部将在全县组织开展“平安书屋”宣讲活动。\n"
            "2031年至2033年，各地要把书屋纳入考核。\n")
    spans = [("Date", "2031年至2033年", "2031/2033"), ("Project", "乡村书屋提质工程"), ("Bureau", "国家文化示范总局"),
             ("Bureau", "财政部"), ("Bureau", "公安部"), ("Project", "“平安书屋”宣讲活动"),
             ("Date", "2031年至2033年", "2031/2033", 1)]
    _, linked = link(text, spans, gaz)
    assert rels(linked, "period", with_rule=True) == {
        ("乡村书屋提质工程", "period", "2031年至2033年", "period.run-span")}
    got = rels(linked, "responsibleFor")
    assert ("国家文化示范总局", "responsibleFor", "乡村书屋提质工程") in got
    assert ("公安部", "responsibleFor", "“平安书屋”宣讲活动") in got
    assert ("国家文化示范总局", "responsibleFor", "“平安书屋”宣讲活动") not in got


def test_a_programme_word_refers_only_to_a_programme_of_that_word(gaz):  # noqa: F811
    text = "今年实施“乡村书屋提质工程”。\n据介绍，计划由国家文化示范总局牵头。\n"
    spans = [("Project", "乡村书屋提质工程"), ("Bureau", "国家文化示范总局")]
    _, linked = link(text, spans, gaz)
    assert rels(linked, "responsibleFor") == set()


def test_units_after_a_task_written_one_sentence_per_line(gaz):  # noqa: F811
    text = ("（三）实施春苗工程。\n年底前完成一期。\n（牵头单位：国家文化示范总局）\n"
            "（四）推进书香工程。\n逐步扩大覆盖。\n牵头单位：公安部\n配合单位：财政部\n")
    assert _task_links(gaz, text, _TASK_SPANS) == {("国家文化示范总局", "春苗工程"), ("公安部", "书香工程"),
                                                   ("财政部", "书香工程")}
