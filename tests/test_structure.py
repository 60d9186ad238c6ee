"""Sentences and sections: line headings, numbered headings, statutes' chapters, glued headings."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.structure import find_sections, heading_level, parse_structure, split_sentences


def _sections(text: str):
    return find_sections(text, split_sentences(text))


def _headings(text: str) -> list[str]:
    return [s.heading for s in _sections(text) if s.heading]


WORK_PLAN = (
    "某省2030年文化工作要点\n"
    "一、加强公共文化设施建设\n"
    "（一）推进县级图书馆达标。2030年底前完成全部改造任务，所需资金由省财政统筹安排。\n"
    "（二）实施乡村阅读推广计划。每个行政村至少配备一名阅读推广员。\n"
    "二、繁荣文艺创作\n"
    "组织开展优秀剧目巡演活动，全年演出不少于五百场。\n"
)

STATUTE = (
    "某市古树名木保护条例\n"
    "（2030年3月1日某市人民代表大会常务委员会通过）\n"
    "第一章 总则\n"
    "第一条 为了保护古树名木，制定本条例。\n"
    "第二条 本市行政区域内古树名木的保护管理，适用本条例。\n"
    "第二章 保护措施\n"
    "第三条 园林绿化主管部门负责古树名木的普查和建档。\n"
    "第四条 任何单位和个人不得擅自移植古树名木。\n"
    "第三章 附则\n"
    "第五条 本条例自2030年6月1日起施行。\n"
)


def test_structure_numbered_headings_are_sections_and_run_in_headings_are_not():
    assert _headings(WORK_PLAN) == ["一、加强公共文化设施建设", "二、繁荣文艺创作"]


def test_structure_standalone_subheading_lines_are_sections():
    text = "某局工作安排\n一、总体要求\n（一）工作目标\n全面完成年度各项任务，确保质量和进度。\n（二）基本原则\n坚持统筹兼顾，突出工作重点。\n"
    assert _headings(text) == ["一、总体要求", "（一）工作目标", "（二）基本原则"]


def test_structure_statute_sections_are_chapters_not_articles():
    secs = [s for s in _sections(STATUTE) if s.heading]
    assert [s.heading for s in secs] == ["第一章 总则", "第二章 保护措施", "第三章 附则"]
    # the closing article lies in the last chapter
    assert secs[-1].start < STATUTE.index("本条例自") < secs[-1].end


def test_structure_statute_without_chapters_has_no_sections():
    text = "某县河道管理办法\n第一条 为了加强河道管理，制定本办法。\n第二条 县水利局负责全县河道的统一管理。\n第三条 本办法自2031年1月1日起施行。\n"
    assert _headings(text) == []


def test_structure_signature_date_and_number_lines_are_not_headings():
    text = ("某省人民政府办公厅关于做好汛期值守工作的通知\n某政办发〔2030〕9号\n各市人民政府，省政府各部门：\n"
            "入汛以来，我省降雨偏多，防汛形势严峻，请各地切实做好值班值守。\n某省人民政府办公厅\n2030年6月2日\n（此件公开发布）\n")
    assert _headings(text) == []


def test_structure_attached_plan_title_and_two_line_subheads():
    text = ("某某部关于印发某某改革方案的通知\n各有关单位：\n方案已经审定，请各单位遵照落实。\n某某部\n2030年1月5日\n"
            "某某改革方案\n一、目标\n用两年时间完成试点任务，形成可推广的经验。\n")
    assert _headings(text) == ["某某改革方案", "一、目标"]
    news = ("记者调查：书店如何走出困境\n近年来实体书店经营困难，多地出台扶持政策，效果逐步显现。\n"
            "政策扶持见效\n客流稳步回升\n某市去年新增书店二十余家，客流量同比增长一成以上。\n")
    assert _headings(news) == ["政策扶持见效\n客流稳步回升"]


def test_structure_heading_level():
    assert heading_level("第十二章 法律责任") == 0
    assert heading_level("第二节 监督检查") == 1
    assert heading_level("三、工作要求") == 2
    assert heading_level("（十）其他") == 3
    assert heading_level("2.专家组") == 4
    assert heading_level("第八条 违反本办法的，予以处罚。") is None
    assert heading_level("2030年是关键之年") is None


def test_structure_glued_headings_in_one_line_report(pipeline):
    from kg.model import Document

    text = ("某总局各司谈新年工作重点记者近日采访了有关司局负责人。"
            "加强版权执法监管2030年，版权管理司将继续开展打击侵权盗版专项行动，规范网络转载秩序。"
            "推进出版融合发展数字出版司要加快建设融合出版重点实验室。深化主题宣传。做好重大主题出版物的出版发行。"
            "持续扩大国际传播影响2030年，国际合作司将积极组织参加国际书展。")
    parsed = pipeline.parse(Document("glued.txt", text))
    heads = [s.heading for s in parsed.sections if s.heading]
    assert heads == ["加强版权执法监管", "推进出版融合发展", "持续扩大国际传播影响"]
    # the run-in heading 深化主题宣传。 stays inside its section, and headings are cut off the sentences
    assert any(s.text.startswith("2030年，版权管理司将") for s in parsed.sentences)
    assert all(not (s.text.startswith(h) and s.text != h) for s in parsed.sentences for h in heads)
    assert any(s.text == "深化主题宣传。" for s in parsed.sentences)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["一、总体要求", "（一）工作目标", "第一章 总则", "第三条 本办法自公布之日起施行。",
                                 "全面完成年度任务，确保质量和进度。", "政策扶持见效", "2030年6月2日", "", "  ",
                                 "某某部", "做好重点工作。二是加强监管。"]), max_size=12))
def test_structure_sections_tile_the_text(lines):
    text = "标题\n" + "\n".join(lines)
    sentences, sections = parse_structure(text)
    assert sections and sections[0].start == 0 and sections[-1].end == len(text)
    for a, b in itertools.pairwise(sections):
        assert a.end == b.start
    for s in sections:
        assert s.heading == text[s.heading_start:s.heading_end]
        assert s.start <= s.heading_start <= s.heading_end <= s.end
    prev = 0
    for s in sentences:
        assert s.text == text[s.start:s.end] and s.text.strip() == s.text and s.start >= prev
        prev = s.end


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="某司局将推进。！？；，“”《》\n 0123年", max_size=80))
def test_structure_sentences_are_ordered_slices(text):
    sents = split_sentences(text)
    prev = 0
    for s in sents:
        assert text[s.start:s.end] == s.text and s.text and s.start >= prev
        prev = s.end


def test_structure_glued_heading_before_a_department_and_its_partner():
    """A heading glued to 某司会同<known organ>: the cut falls before the first department."""
    from kg.structure import _glued_headings, split_sentences

    text = "总体情况良好。推进职业教育提质增效职业教育司会同财政部实施新一轮专项计划。发展规划司会同财政部下达资金。"
    heads = _glued_headings(text, split_sentences(text), known=("财政部",))
    assert [text[a:b] for a, b in heads] == ["推进职业教育提质增效"]
