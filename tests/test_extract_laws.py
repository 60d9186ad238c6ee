"""The Law extractor on sentences of the genre (written for these tests) and on annotated documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import extract_all, merge_mentions
from kg.extract.base import ExtractContext
from kg.extract.laws import (
    classify_titles,
    extract_laws,
    fold,
    is_instrument_title,
    strip_notes,
)
from kg.model import Document, Parsed
from kg.resolve import base_name, resolve_document

TESTS = Path(__file__).resolve().parent
SHARED = TESTS.parent.parent / "shared"


def _parsed(text: str) -> Parsed:
    return Parsed(doc=Document("t.txt", text), tokens=(), sentences=(), sections=())


def _laws(text: str):
    return extract_laws(_parsed(text), ExtractContext())


def _labels(text: str) -> set[str]:
    return {m.label for m in _laws(text)}


# --- titles in 《》 ------------------------------------------------------------------------------

TITLES = [
    # an instrument word at the end, possibly followed by a trial note or a year span
    ("各地要认真贯彻《乡村文化站管理条例》和《文物保护单位巡查办法（试行）》。",
     {"乡村文化站管理条例", "文物保护单位巡查办法（试行）"}),
    ("落实《全民健身场地设施建设纲要2031—2035》的部署。", {"全民健身场地设施建设纲要2031—2035"}),
    ("印发《江淮地区非遗保护规划（2031—2035年）》。", {"江淮地区非遗保护规划（2031—2035年）"}),
    # 关于…的X, and a white paper
    ("深入落实《关于推进县级融媒体中心提质增效的指导意见》。", {"关于推进县级融媒体中心提质增效的指导意见"}),
    ("发布《地市台高清化改造白皮书》。", {"地市台高清化改造白皮书"}),
    # a quoted programme inside the title stays in the label
    ("修订《“海丝影视桥”2031-2035年规划》。", {"“海丝影视桥”2031-2035年规划"}),
]


@pytest.mark.parametrize("text,expected", TITLES)
def test_instrument_titles(text, expected):
    assert _labels(text) == expected
    assert all(m.type == "Law" for m in _laws(text))


def test_nested_titles_give_outer_and_inner_laws():
    text = "按照《省委办公厅 省政府办公厅印发〈关于加强基层文化阵地建设的若干意见〉的通知》要求，抓好落实。"
    ms = _laws(text)
    outer = "省委办公厅 省政府办公厅印发〈关于加强基层文化阵地建设的若干意见〉的通知"
    assert {m.label for m in ms} == {outer, "关于加强基层文化阵地建设的若干意见"}
    inner = next(m for m in ms if m.label != outer)
    assert text[inner.start] == "〈" and text[inner.end - 1] == "〉"


def test_statute_named_inside_a_notice_title():
    text = "执行《省政府关于印发实施〈中华人民共和国公共图书馆法〉办法的通知》。"
    labels = _labels(text)
    assert "省政府关于印发实施〈中华人民共和国公共图书馆法〉办法的通知" in labels
    assert "中华人民共和国公共图书馆法" in labels
    assert "实施〈中华人民共和国公共图书馆法〉办法" in labels


def test_nested_laws_survive_the_merge_step():
    text = "按照《省委办公厅 省政府办公厅印发〈关于加强基层文化阵地建设的若干意见〉的通知》要求。"
    merged = merge_mentions(_laws(text))
    assert len([m for m in merged if m.type == "Law"]) == 2


def test_revision_note_after_the_title_is_one_law():
    text = "推动《档案法》（第二次修订）尽快出台，落实《档案法》各项规定。"
    ms = _laws(text)
    noted = next(m for m in ms if "修订" in m.text)
    assert noted.text == "《档案法》（第二次修订）" and noted.key == "档案法"
    ents = [e for e in resolve_document(ms) if e.type == "Law"]
    assert len(ents) == 1 and ents[0].label == "档案法"
    assert "档案法（第二次修订）" in ents[0].alt_labels


def test_traditional_characters():
    text = "依照著作權法和《網絡直播營銷管理規定》的規定辦理，並貫徹《關於推進媒體融合發展的意見》。"
    assert _labels(text) == {"著作權法", "網絡直播營銷管理規定", "關於推進媒體融合發展的意見"}


def test_fold_keeps_offsets():
    assert fold("國務院關於印發規劃綱要的通知") == "国务院关于印发规划纲要的通知"


@given(st.text(max_size=60))
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_fold_never_changes_length(text):
    assert len(fold(text)) == len(text)


HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


@given(st.text(HAN, min_size=1, max_size=24))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_any_tiaoli_title_is_a_law(x):
    text = f"各地要认真贯彻《{x}条例》，加强监督检查。"
    ms = _laws(text)
    open_ = text.index("《")
    assert [(m.label, m.start, m.end) for m in ms] == [(f"{x}条例", open_, open_ + len(x) + 4)]
    assert not {t.kind for t in classify_titles(fold(text))} - {"Law"}


FRAGMENTS = ["《", "》", "〈", "〉", "“", "”", "依照", "根据", "法", "条例", "规划", "纲要", "办法", "“十三五”", "和",
             "、",
             "等", "的", "（试行）", "（以下简称《方案》）", "《方案》", "中华人民共和国", "印发", "关于", "通知", "\n",
             "电视剧", "日报", "记者", "许可证", "著作权", "制定", "修订", "，", "。", "2031—2035年", "第十条"]


@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(HAN, max_size=4)), max_size=40))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_mentions_are_exact_spans_of_the_text(parts):
    text = "".join(parts)
    for m in _laws(text):
        assert m.type == "Law" and m.text == text[m.start:m.end] and m.start < m.end
        assert m.label and "\n" not in m.label


# --- statutes in running text -------------------------------------------------------------------

def test_statutes_after_a_verb_and_in_lists():
    text = "对直接负责的主管人员，依照刑法有关规定追究刑事责任；违反野生动物保护法、动物防疫法和民法典的，依法处理。"
    assert _labels(text) == {"刑法", "野生动物保护法", "动物防疫法", "民法典"}


def test_statute_article_references_keep_the_list_going():
    text = "依照出版管理条例第六十一条、治安管理处罚法第二十条第一款和刑法第二百一十七条处理。"
    assert _labels(text) == {"出版管理条例", "治安管理处罚法", "刑法"}


def test_statute_repeats_and_state_prefix_are_one_law():
    text = ("根据中华人民共和国档案法，档案馆应当开放档案。专家认为，档案法对开放期限的规定需要细化；"
            "在档案法修订过程中，也听取了基层意见。")
    ms = _laws(text)
    assert [m.label for m in ms] == ["中华人民共和国档案法", "档案法", "档案法"]
    ents = [e for e in resolve_document(ms) if e.type == "Law"]
    assert len(ents) == 1 and ents[0].label == "中华人民共和国档案法" and "档案法" in ents[0].alt_labels


def test_statute_shaped_name_after_a_preposition():
    assert _labels("这一问题应当从反垄断法角度审视。") == {"反垄断法"}


@pytest.mark.parametrize("text", [
    "要坚持依法行政，严格规范公正文明执法，推进科学立法，引导群众尊法学法守法用法。",
    "完善法律法规体系，提高法治化水平，运用法治思维和法治方式化解矛盾。",
    "采用新方法、新做法，查处违法违规行为，打击非法出版物，开展普法宣传。",
    "依照本法规定，违反本条例第十条规定的，依照前款规定处理；依照有关法律、行政法规的规定处罚。",
    "他反对把技术手法当作唯一的办法。",
])
def test_words_with_fa_are_not_statutes(text):
    assert _labels(text) == set()


# --- plans and instruments named in running text ------------------------------------------------

def test_five_year_plans_in_running_text():
    text = ("2031年是实施“十六五”规划的关键一年。认真贯彻落实国家“十六五”规划纲要、"
            "非遗保护发展规划纲要和广播影视“十六五”规划，组织实施“九五”普法规划。")
    ms = _laws(text)
    assert {m.label for m in ms} == {"“十六五”规划", "国家“十六五”规划纲要", "非遗保护发展规划纲要",
                                     "广播影视“十六五”规划", "“九五”普法规划"}
    bare = next(m for m in ms if m.label == "“十六五”规划")
    assert bare.key == "国家“十六五”规划纲要"  # the bare name is the national plan named in the document


@pytest.mark.parametrize("text", [
    "做好规划衔接，统筹规划领域布局，加强节目规划建设。",
    "编制年度发展规划，抓好规划落实。",
    "“十六五”期间累计编制各类规划30余项。",
])
def test_generic_plan_words_are_not_laws(text):
    assert _labels(text) == set()


def test_instruments_named_after_drafting_verbs():
    text = ("加快编制全省应急广播体系建设规划，研究修订县级融媒体中心考核评价办法。"
            "推动落实报纸、期刊、网络视听及广播电视等传媒企业社会责任评价办法。")
    assert _labels(text) == {"全省应急广播体系建设规划", "县级融媒体中心考核评价办法", "传媒企业社会责任评价办法"}


@pytest.mark.parametrize("text", [
    "各单位要结合实际制定具体实施方案，严格执行相关管理规定。",
    "研究制定支持政策和实施办法，结合各地实际制定专门管理办法。",
    "采取动态式、台账式管理办法，完善管理制度和工作规则。",
    "根据著作权法规定，作者享有署名权。",
])
def test_generic_instrument_phrases_are_not_laws(text):
    assert all(m.label in ("著作权法",) for m in _laws(text))


def test_verb_chains_before_a_name_are_not_part_of_it():
    text = "修订完善市级非遗保护专项资金管理办法，推动出台市公共文化服务促进条例。"
    assert _labels(text) == {"市级非遗保护专项资金管理办法", "市公共文化服务促进条例"}


def test_guanyu_titles_in_running_text_with_their_issuers():
    text = ("认真贯彻落实省委办公厅、省政府办公厅关于加强乡村文化振兴的意见精神。"
            "按照党中央关于加强意识形态工作的决策部署，根据国务院关于修改部分行政法规的决定修改条款。")
    assert _labels(text) == {"省委办公厅、省政府办公厅关于加强乡村文化振兴的意见", "国务院关于修改部分行政法规的决定"}


def test_own_instrument_called_by_its_head():
    text = ("市政府办公厅关于印发全市智慧图书馆建设试点方案的通知\n各区人民政府：\n"
            "市文旅局负责制定试点方案，各区结合试点方案推进。另行制定实施方案。\n")
    shorts = [m for m in _laws(text) if m.rule == "law.short-form"]
    assert [m.label for m in shorts] == ["试点方案", "试点方案"]
    assert {m.key for m in shorts} == {"全市智慧图书馆建设试点方案"}


# --- lines that are titles ----------------------------------------------------------------------

def test_notice_title_line_and_the_plan_it_issues():
    text = ("市文化广电旅游局关于印发全市公共文化服务提质行动方案的通知\n沪文旅发〔2031〕9号\n各区文旅局：\n"
            "《全市公共文化服务提质行动方案》已经局党组同意，现印发给你们。\n")
    labels = _labels(text)
    assert "市文化广电旅游局关于印发全市公共文化服务提质行动方案的通知" in labels
    assert "全市公共文化服务提质行动方案" in labels


def test_title_split_over_two_display_lines():
    text = "省人民政府办公厅关于加快推进县级融媒体中心\n建设工作的实施意见\n各市人民政府：\n为加快推进……\n"
    ms = _laws(text)
    assert ms[0].label == "省人民政府办公厅关于加快推进县级融媒体中心建设工作的实施意见"
    assert ms[0].text == text[ms[0].start:ms[0].end] and "\n" in ms[0].text


def test_statute_title_line_and_attachment_title():
    text = ("云岭省红色文化遗址保护条例\n（2031年3月1日通过）\n第一条 为了保护红色文化遗址，制定本条例。\n"
            "附件：红色文化遗址认定工作规范\n")
    assert _labels(text) == {"云岭省红色文化遗址保护条例", "红色文化遗址认定工作规范"}


@pytest.mark.parametrize("text", [
    "短视频版权纠纷如何化解？专家称相关规定需完善\n正文……\n",
    "四部门联合印发新规 规范网络直播营销\n正文……\n",
    "一、健全工作制度\n（一）完善管理办法\n加大财政投入保障措施\n保障措施\n",
])
def test_headlines_and_headings_are_not_titles(text):
    assert _labels(text) == set()


def test_editorial_note_after_a_title_line_is_not_part_of_the_name():
    text = "云岭省文化和旅游厅2031年非遗保护工作要点（节选）\n一、加强传承\n推动传承人培训。\n"
    ms = _laws(text)
    assert [m.label for m in ms] == ["云岭省文化和旅游厅2031年非遗保护工作要点"]
    assert ms[0].text == ms[0].label


# --- an instrument named again in running text ---------------------------------------------------

def test_titled_plan_named_again_without_marks_is_the_same_law():
    text = ("各地要扎实实施乡村书房提质三年行动计划，并与全域旅游规划衔接。\n"
            "《乡村书房提质三年行动计划（2031—2033年）》已经省政府同意。\n")
    ms = _laws(text)
    repeat = [m for m in ms if m.rule == "law.title-repeat"]
    assert [m.label for m in repeat] == ["乡村书房提质三年行动计划"]
    ents = [e for e in resolve_document(ms) if e.type == "Law"]
    assert len(ents) == 1 and "乡村书房提质三年行动计划（2031—2033年）" in {ents[0].label, *ents[0].alt_labels}


def test_titled_plan_named_again_without_its_place_name():
    text = ("《山城市全民健身三年行动计划（2031—2033年）》印发。\n"
            "为深入实施全民健身三年行动计划，各区要细化任务。\n")
    repeat = [m for m in _laws(text) if m.rule == "law.title-repeat"]
    assert [(m.label, m.key) for m in repeat] == [("全民健身三年行动计划", "山城市全民健身三年行动计划")]


def test_notice_title_line_holding_the_issued_title_in_marks():
    text = ("中共云岭县委办公室 云岭县人民政府办公室关于印发《云岭县书香社区建设方案》的通知\n各乡镇：\n"
            "《云岭县书香社区建设方案》已经同意，现印发给你们。\n")
    got = {(m.label, m.rule) for m in _laws(text)}
    assert ("中共云岭县委办公室 云岭县人民政府办公室关于印发《云岭县书香社区建设方案》的通知",
            "law.own-title") in got  # the first line is the document's own instrument
    assert {m.label for m in _laws(text) if m.rule == "law.title"} == {"云岭县书香社区建设方案"}
    assert not any(m.rule == "law.issued" for m in _laws(text))


def test_title_repeat_needs_a_name_boundary():
    text = "《文物保护三年行动计划（2031—2033年）》印发。市级文物保护三年行动计划实施方案另行制定。"
    assert not any(m.rule == "law.title-repeat" for m in _laws(text))


def test_notice_named_in_running_text_with_its_number_and_the_plan_it_issues():
    text = ("根据市政府办公室关于印发数字文旅发展三年行动计划的通知（某政办〔2031〕12号）要求，"
            "各区实施数字文旅发展三年行动计划。")
    got = {(m.label, m.rule) for m in _laws(text)}
    assert ("市政府办公室关于印发数字文旅发展三年行动计划的通知", "law.guanyu-text") in got
    assert ("数字文旅发展三年行动计划", "law.issued") in got
    assert ("数字文旅发展三年行动计划", "law.title-repeat") in got


# --- short forms --------------------------------------------------------------------------------

def test_short_form_in_title_marks_takes_the_full_title_as_key():
    text = "《县级图书馆总分馆制建设试点方案》（以下简称《方案》）已经同意。各地要按照《方案》要求推进。"
    ms = _laws(text)
    shorts = [m for m in ms if m.label == "方案"]
    assert len(shorts) == 2 and all(m.key == "县级图书馆总分馆制建设试点方案" for m in shorts)
    ents = [e for e in resolve_document(ms) if e.type == "Law"]
    assert len(ents) == 1 and ents[0].label == "县级图书馆总分馆制建设试点方案"


def test_short_form_in_quotes_and_bare():
    text = "《关于深化文艺院团体制改革的实施方案》，简称“院团改革方案”。此后院团改革方案稳步推进。"
    ms = [m for m in _laws(text) if m.rule == "law.short-form"]
    assert [m.label for m in ms] == ["院团改革方案", "院团改革方案"]
    assert all(m.key == "关于深化文艺院团体制改革的实施方案" for m in ms)


# --- helpers ------------------------------------------------------------------------------------

def test_instrument_title_form():
    assert is_instrument_title("公共文化服务保障法") and is_instrument_title("规范（试行）")
    assert is_instrument_title("关于加强文物安全工作的实施意见（征求意见稿）")
    assert not is_instrument_title("孙子兵法") and not is_instrument_title("网络文化经营许可证")
    assert strip_notes("实施纲要2031—2035") == "实施纲要"


def test_base_name_folds_law_variants():
    assert base_name("中华人民共和国档案法") == "档案法" == base_name("档案法（第二次修订）")
    assert base_name("实施纲要2031—2035") == base_name("实施纲要（2031—2035年）") == "实施纲要"
    assert base_name("中华人民共和国文化和旅游部") == "中华人民共和国文化和旅游部"


# --- annotated documents ------------------------------------------------------------------------

def _figures(pipeline, pairs):
    from kg.api import build_graph
    from kg.evaluate import evaluate

    report = evaluate(build_graph([t for t, _ in pairs], pipeline=pipeline), [g for _, g in pairs])
    return report.figure("Law"), report.figure("Work")


def test_reference_document_laws(pipeline, reference_path, reference_gold):
    law, work = _figures(pipeline, [(reference_path, reference_gold)])
    assert law >= 0.97 and work >= 0.9


def test_dev_documents_laws(pipeline):
    docs, gold = SHARED / "corpus" / "dev", SHARED / "gold" / "dev"
    pairs = [(p, gold / (p.stem + ".json")) for p in sorted(docs.glob("*.txt"))
             if (gold / (p.stem + ".json")).is_file()]
    if not pairs:
        pytest.skip(f"development documents not found in {docs} (../shared is absent)")
    law, _ = _figures(pipeline, pairs)
    assert law >= 0.95


def test_laws_in_full_pipeline_keep_nested_titles(pipeline):
    text = "财务司负责落实《省政府关于印发〈乡村广播提升工程实施方案〉的通知》。"
    parsed = pipeline.parse(Document("t.txt", text))
    laws = {m.label for m in extract_all(parsed, ExtractContext(gazetteer=pipeline.gazetteer)) if m.type == "Law"}
    assert laws == {"省政府关于印发〈乡村广播提升工程实施方案〉的通知", "乡村广播提升工程实施方案"}


def test_a_counted_list_of_instruments_in_a_notice_title_is_no_title():
    # 印发A和B两个规定的通知: the two 规定 are named on their own below; "A和B两个规定" is no instrument
    text = ("某某省人民政府办公厅关于印发促进文化消费和支持实体书店发展两个办法的通知\n"
            "《促进文化消费的办法》和《支持实体书店发展的办法》已经省政府同意，现印发给你们。")
    labels = _labels(text)
    assert {"促进文化消费的办法", "支持实体书店发展的办法"} <= labels
    assert not any(lb.endswith("两个办法") for lb in labels)
    one = _labels("某某省人民政府办公厅关于印发促进文化消费办法的通知\n现印发给你们。")
    assert "促进文化消费办法" in one  # a single instrument in the same place still is one
