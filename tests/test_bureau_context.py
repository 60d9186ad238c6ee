"""Short forms and anaphors whose organ the context gives (GUIDELINES.md, "Short forms by context"; issue 15:
anaphors are pk:reference, names pk:mention), and sections (处) and departments under the organ named with them.

Every text is written for these tests in the shape of provincial reports, notices and news items.
"""

from __future__ import annotations

from kg.extract.base import ExtractContext
from kg.extract.bureaus import extract_bureaus, subject_short, valid_in
from kg.model import Document
from kg.script import to_simplified


def _mentions(pipeline, text: str):
    parsed = pipeline.parse(Document("t.txt", text))
    return extract_bureaus(parsed, ExtractContext(gazetteer=pipeline.gazetteer, year=parsed.year))


def _result(pipeline, text: str):
    result = pipeline.process(Document("t.txt", text))
    label = {e.key: e.label for e in result.entities}
    subs = {(label[r.subject], label[r.object]) for r in result.relations if r.predicate == "subOrganizationOf"}
    return {e.label: e for e in result.entities if e.type == "Bureau"}, subs


def test_an_anaphor_is_a_reference_not_a_name(pipeline):
    text = "2016年，国家版权局启动专项行动。该局要求各地加强监管，本局将适时通报。"
    ms = {m.text: m for m in _mentions(pipeline, text)}
    assert not ms["国家版权局"].reference
    assert ms["该局"].reference and ms["该局"].key == "国家版权局"
    assert ms["本局"].reference
    ents, _ = _result(pipeline, text)
    e = ents["国家版权局"]
    assert "该局" not in e.alt_labels and "本局" not in e.alt_labels  # a reference is no name
    assert sum(m.reference for m in e.mentions) == 2


def test_every_name_mention_slices_to_a_name_of_its_entity(pipeline):
    text = ("2015年全省广播电视宣传管理工作会议召开。会上，总局通报了广播电视节目收听收看情况，"
            "要求各地做好电视剧播出和广播电视宣传管理。国务院文化行政主管部门、体育行政主管部门负责监督。"
            "我省要严格落实总局和省局的规定，该局将加强检查。\n（信息来源：省局宣传处）")
    result = pipeline.process(Document("t.txt", text))
    for e in result.entities:
        names = {to_simplified(n) for n in (e.label, *e.alt_labels)}
        for m in e.mentions:
            if not m.reference and m.rule != "section.inferred-owner":
                assert to_simplified(text[m.start:m.end]).strip("《》“”") in names, (m.text, e.label, names)


def test_a_short_form_goes_to_the_organ_of_the_documents_field():
    class Inst:
        def __init__(self, name, valid, covers):
            self.name, self.valid, self.covers = name, valid, covers

    insts = [Inst("甲总局", "2013–2018", ("广播电视", "电视剧")), Inst("乙总局", "", ("税收", "发票")),
             Inst("丙总局", "1998–2013", ("广播电视",))]
    text = "广播电视宣传管理会议。总局要求加强电视剧管理，做好广播电视节目。"
    assert subject_short(insts, text, 2015) == "甲总局"
    assert subject_short(insts, text, 2010) == ""  # 甲 did not exist yet; 丙 ties with nothing to beat
    assert subject_short(insts, "总局召开会议。", 2015) == ""  # the document names no field


def test_valid_in():
    assert valid_in("2013–2018", 2015) and not valid_in("2013–2018", 2019)
    assert valid_in("2018–", 2020) and not valid_in("2018–", 2017)
    assert valid_in("–2001", 1999) and valid_in("", 1900) and valid_in("2013–2018", None)


def test_zongju_in_a_report_that_never_names_it(pipeline):
    text = ("2015年全省广播电视宣传管理工作会议在成都召开。会上，总局通报了2014年广播电视节目收听收看情况，"
            "对电视剧播出和广播电视宣传管理工作作出部署。")
    ms = [m for m in _mentions(pipeline, text) if m.text == "总局"]
    assert ms and ms[0].key == "国家新闻出版广电总局" and not ms[0].reference


def test_shengju_in_a_provincial_report_and_its_section(pipeline):
    text = "我省各级广播电视机构要严格落实省局的各项规定。\n（信息来源：省局宣传与电视剧管理处）"
    ents, subs = _result(pipeline, text)
    assert "省局" in ents and "省局宣传与电视剧管理处" in ents
    assert ("省局宣传与电视剧管理处", "省局") in subs


def test_shengju_outside_a_provincial_document_is_left_out(pipeline):
    assert not [m for m in _mentions(pipeline, "指导各省局开展工作，省局要按时报送材料。") if m.text == "省局"]


def test_a_section_after_its_bureau(pipeline):
    text = "湖北省文化和旅游厅公共服务处负责组织实施，四川省新闻出版广电局宣传处配合。依法处理投诉。"
    ents, subs = _result(pipeline, text)
    assert ("湖北省文化和旅游厅公共服务处", "湖北省文化和旅游厅") in subs
    assert ("四川省新闻出版广电局宣传处", "四川省新闻出版广电局") in subs
    assert not any(label.endswith("处理") for label in ents)


def test_a_bare_department_after_a_sibling_of_a_named_organ(pipeline):
    text = "中宣部新闻局局长张某、出版局局长李某出席会议并讲话。"
    ents, subs = _result(pipeline, text)
    assert "中宣部出版局" in ents and "出版局" in ents["中宣部出版局"].alt_labels
    assert ("中宣部出版局", "中共中央宣传部") in subs


def test_the_verb_chu_is_no_section(pipeline):
    text = "由公安机关依法查处；由县级以上人民政府农业农村主管部门处五千元以下罚款，市场监督管理局并处罚款。"
    assert not [m for m in _mentions(pipeline, text) if m.text.endswith("处")]


def test_a_department_far_from_a_sibling_keeps_no_organ(pipeline):
    text = "向公安部出入境管理局派出的机构提出申请，或者向拟定居地的市、县公安局提出申请。"
    keys = {m.text: m.key for m in _mentions(pipeline, text)}
    assert not keys.get("县公安局", "").startswith("公安部")


def test_a_party_committees_department_belongs_to_it(pipeline):
    _, subs = _result(pipeline, "湖北省委负责领导，湖北省委宣传部具体组织。")
    assert ("湖北省委宣传部", "湖北省委") in subs
