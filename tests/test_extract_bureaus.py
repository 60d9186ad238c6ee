"""Bureau extractor: gazetteer names, generic organ names with token-based left edges, short forms.

The sentences are written for these tests in the style of the genre (notices, work plans,
statutes, news reports); the reference document is read from ../shared when it is there.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.base import ExtractContext
from kg.extract.bureaus import TokenIndex, extract_bureaus, fold, walk_left
from kg.model import Document


def _mentions(pipeline, text: str):
    parsed = pipeline.parse(Document("t.txt", text))
    return extract_bureaus(parsed, ExtractContext(gazetteer=pipeline.gazetteer, year=parsed.year))


def _spans(pipeline, text: str) -> set[str]:
    return {m.text for m in _mentions(pipeline, text)}


def _keys(pipeline, text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in _mentions(pipeline, text):
        out.setdefault(m.text, set()).add(m.key or m.label)
    return out


# --- gazetteer names --------------------------------------------------------------------------


def test_aliases_share_the_gazetteer_name(pipeline):
    text = "国家互联网信息办公室牵头，国家网信办会同工信部开展检查，网信办负责汇总。"
    keys = _keys(pipeline, text)
    assert keys["国家互联网信息办公室"] == keys["国家网信办"] == keys["网信办"] == {"国家互联网信息办公室"}
    assert keys["工信部"] == {"工业和信息化部"}


def test_sector_departments_are_not_the_ministry(pipeline):
    # 公安部门 / 文化部门 are the public-security and culture departments in general: sector organs, not 公安部
    keys = _keys(pipeline, "公安部门和文化部门要加强协作。")
    assert keys == {"公安部门": {"公安部门"}, "文化部门": {"文化部门"}}


def test_a_national_alias_after_a_province_is_the_province_organ(pipeline):
    keys = _keys(pipeline, "请省发展改革委、省财政厅按职责分工抓好落实。")
    assert "发展改革委" not in keys
    assert "省发展改革委" in keys and "国家发展和改革委员会" not in keys["省发展改革委"]


def test_traditional_characters_are_folded_for_matching(pipeline):
    text = "國務院辦公廳印發通知，國家廣播電視總局負責落實。"
    keys = _keys(pipeline, text)
    assert keys["國務院辦公廳"] == {"国务院办公厅"}
    assert keys["國家廣播電視總局"] == {"国家广播电视总局"}
    assert "國務院" in keys  # the State Council inside its General Office


def test_fold_keeps_offsets():
    s = "國務院辦公廳關於印發通知"
    assert len(fold(s)) == len(s) and fold(s).startswith("国务院办公厅")
    assert fold("没有繁体字的文本") == "没有繁体字的文本"


# --- left edges of department names -----------------------------------------------------------


@pytest.mark.parametrize("text, name", [
    ("2017年，规划发展司重点抓好四方面工作。", "规划发展司"),
    ("二是结合出版管理司的九大出版工程，抓好精品。", "出版管理司"),
    ("2017年传媒机构管理司将重点做好以下工作。", "传媒机构管理司"),
    ("继续推进产业发展版权管理司将着力提升保护效能。", "版权管理司"),
])
def test_department_left_edge(pipeline, text, name):
    spans = _spans(pipeline, text)
    assert name in spans
    assert not any(s.endswith(name) and s != name for s in spans)


def test_generic_left_edge_without_gazetteer(pipeline):
    # a department the gazetteer does not know: the edge comes from the tokens
    spans = _spans(pipeline, "今年，文物保护司将会同地方开展督查。")
    assert "文物保护司" in spans


def test_walk_stops_at_verbs_and_takes_the_farthest_prefix(pipeline):
    text = "报送省文化和旅游厅"
    parsed = pipeline.parse(Document("t.txt", text))
    index = TokenIndex(text, parsed.tokens)
    w = walk_left(index, text, text.index("厅"))
    assert w is not None and w.prefixed and text[w.start:] == "省文化和旅游厅"


@pytest.mark.parametrize("text", [
    "优化产业布局，形成新的发展格局，服务全局，当局已经介入。",
    "各部门要落实主体责任，相关司局加强指导，有关部门给予支持。",
    "加强干部队伍建设，签署合作协议，部署专项行动。",
    "坚持司法公正，各司其职。",
    "上网计算机必须通过局域网接入。",
    "推动形成政府主导、社会参与的工作格局。",
    "村民委员会和居民委员会协助做好工作。",
    "中央和地方要加强协同。",
])
def test_words_ending_in_a_head_are_not_bureaus(pipeline, text):
    assert _spans(pipeline, text) == set()


def test_a_company_is_not_a_department(pipeline):
    assert "国网公司" not in _spans(pipeline, "指导国网公司制定实施方案。")


def test_long_department_names_at_a_line_start_or_after_their_organ(pipeline):
    text = ("强化市场监管\n文化市场综合执法监督局将组织全员轮训，该局还将开展案卷评查。"
            "请各地将总结报送我部文化市场综合执法监督局。国际交流与合作局负责对外联络。")
    keys = _keys(pipeline, text)
    assert "文化市场综合执法监督局" in keys and "国际交流与合作局" in keys
    assert keys["该局"] == {"文化市场综合执法监督局"}
    assert not any(k.startswith(("部文化", "我部文化")) for k in keys)


def test_bare_department_after_its_full_name_is_the_same_department(pipeline):
    keys = _keys(pipeline, "文化和旅游部公共服务司负责人表示，公共服务司将推进数字化建设。")
    assert keys["公共服务司"] == {"文化和旅游部公共服务司"}


def test_enumerated_levels_share_one_name(pipeline):
    spans = _spans(pipeline, "各省、自治区、直辖市文化和旅游厅（局）：")
    assert "省、自治区、直辖市文化和旅游厅" in spans and "直辖市文化和旅游厅" not in spans


# --- organs with prefixes, provinces, parents -------------------------------------------------


def test_provincial_notice_with_lead_units(pipeline):
    text = ("江西省人民政府办公厅关于印发工作要点的通知\n"
            "（一）建设城市书房。（牵头单位：省委宣传部，配合单位：省财政厅、省文化和旅游厅）\n"
            "经省人民政府同意，省政府各部门要抓好落实。")
    keys = _keys(pipeline, text)
    assert {"江西省人民政府办公厅", "江西省人民政府", "省委宣传部", "省财政厅", "省文化和旅游厅"} <= set(keys)
    # the bare 省 is the province of the document; 省政府 is 省人民政府
    assert keys["省财政厅"] == {"江西省财政厅"}
    assert keys["省人民政府"] == keys["省政府"] == {"江西省人民政府"}
    assert "办公厅" not in keys  # not the gazetteer's bare 办公厅 of another organ


def test_department_with_its_organ_keeps_both(pipeline):
    spans = _spans(pipeline, "公安部治安管理局会同教育部基础教育司开展检查。")
    assert {"公安部治安管理局", "公安部", "教育部基础教育司", "教育部"} <= spans


def test_state_council_inside_its_general_office(pipeline):
    ms = _mentions(pipeline, "国务院办公厅关于印发试点方案的通知")
    assert {(m.start, m.end, m.key) for m in ms} >= {(0, 6, "国务院办公厅"), (0, 3, "国务院")}


def test_working_group_with_quotes_and_its_office(pipeline):
    text = "全国“扫黄打非”工作领导小组办公室部署集中行动。"
    assert "全国“扫黄打非”工作领导小组办公室" in _spans(pipeline, text)


def test_party_committee_alone_and_with_department(pipeline):
    spans = _spans(pipeline, "县委、县政府高度重视，县委宣传部牵头组织，县委书记出席。")
    assert {"县委", "县政府", "县委宣传部"} <= spans


# --- short forms, self references, aliases ----------------------------------------------------


def test_short_form_refers_to_the_organ_established_before(pipeline):
    text = "国家新闻出版广电总局印发通知。总局要求各地落实，总局党组专题研究，落实党组部署。"
    ms = _mentions(pipeline, text)
    by_text = {}
    for m in ms:
        by_text.setdefault(m.text, set()).add(m.key)
    assert by_text["总局"] == {"国家新闻出版广电总局"}
    assert by_text["总局党组"] == by_text["党组"] == {"国家新闻出版广电总局党组"}


def test_short_form_without_an_established_organ_is_dropped(pipeline):
    assert "总局" not in _spans(pipeline, "确保总局牵头的改革任务如期完成。")


def test_short_form_of_a_successor_follows_the_organ_in_the_text(pipeline):
    text = "国家广播电视总局印发规划，网络视听节目管理司负责实施。"
    keys = _keys(pipeline, text)
    assert keys["网络视听节目管理司"] == {"国家广播电视总局网络视听节目管理司"}


def test_self_reference(pipeline):
    keys = _keys(pipeline, "国家版权局发布公告。我局将继续加强监管。")
    assert keys["我局"] == {"国家版权局"}


def test_alias_definition_and_the_office_of_the_group(pipeline):
    text = ("由省委宣传部、省文化和旅游厅组成省文化市场综合执法改革领导小组（以下简称领导小组）。"
            "领导小组办公室设在省文化和旅游厅。领导小组每季度召开会议。")
    full = "省文化市场综合执法改革领导小组"
    ms = _mentions(pipeline, text)
    keys = {m.key or m.label for m in ms if m.text in ("领导小组", full)}
    assert keys == {full}
    office = [m for m in ms if m.text == "领导小组办公室"]
    assert office and office[0].key.endswith(full + "办公室")


def test_coordinated_ministry_unknown_to_the_gazetteer(pipeline):
    spans = _spans(pipeline, "1997年5月2日文化部、广播电影电视部、新闻出版署联合发布规定。")
    assert "广播电影电视部" in spans
    assert not any(s.startswith("日") for s in spans)


# --- local organs: levels, places, short names, party committees ------------------------------


def test_local_short_names_are_keyed_to_their_standard_names(pipeline):
    text = ("湖北省经济和信息化厅 湖北省发展和改革委员会关于印发行动方案的通知\n"
            "（一）壮大终端制造。（牵头单位：省经信厅；配合单位：省发展改革委、省财政厅、省市场监管局）")
    keys = _keys(pipeline, text)
    assert keys["省经信厅"] == {"湖北省经济和信息化厅"}
    assert keys["省发展改革委"] == {"湖北省发展和改革委员会"}
    assert keys["省市场监管局"] == {"湖北省市场监督管理局"}
    assert keys["省财政厅"] == {"湖北省财政厅"}
    assert "发展改革委" not in keys  # not the national commission inside the provincial name


@pytest.mark.parametrize("text, name", [
    ("配合单位：省委网信办、省广电局。", "省委网信办"),
    ("责任单位：市委宣传部、市委网信办。", "市委网信办"),
    ("湖南省委网信办有关负责同志出席。", "湖南省委网信办"),
    ("由市卫健委牵头。", "市卫健委"),
])
def test_a_national_short_name_after_a_level_is_the_local_organ(pipeline, text, name):
    keys = _keys(pipeline, text)
    assert name in keys
    assert not any(k & {"国家互联网信息办公室", "国家卫生健康委员会"} for k in keys.values())


def test_the_committee_of_a_named_place_inside_its_office(pipeline):
    keys = _keys(pipeline, "中共攸县县委办公室印发通知。湖南省委网信办负责解读。")
    assert keys["中共攸县县委"] == {"攸县县委"} and keys["湖南省委"] == {"湖南省委"}
    assert "中共攸县县委办公室" in keys and "湖南省委网信办" in keys


def test_departments_of_a_county_party_committee(pipeline):
    spans = _spans(pipeline, "会同县文明办开展评选，县委督查室定期通报，市人大常委会开展执法检查。")
    assert {"县文明办", "县委督查室", "市人大常委会"} <= spans
    assert not any(s.startswith("会同") for s in spans)  # 会同 is a verb here, not the county 会同县


def test_a_distributive_addressee_names_no_particular_organ(pipeline):
    spans = _spans(pipeline, "各市、州、直管市、神农架林区经信局、发展改革委、广电局：")
    assert "神农架林区经信局" in spans
    assert not {"发展改革委", "广电局", "市、神农架林区经信局"} & spans
    indented = _spans(pipeline, "关于做好试点工作的通知\n"
                                "    各市、州、直管市、神农架林区经信局、发展改革委、广电局：\n")
    assert not {"发展改革委", "广电局"} & indented  # an indented addressee line is still distributive


def test_the_corps_is_a_level_prefix(pipeline):
    spans = _spans(pipeline, "新疆生产建设兵团文化体育广电和旅游局：")
    assert "新疆生产建设兵团文化体育广电和旅游局" in spans


def test_a_self_reference_is_never_a_generic_addressee(pipeline):
    keys = _keys(pipeline, "国家文物局关于开展督查的通知\n各省、自治区、直辖市文物局：\n我局决定开展督查。")
    assert keys["我局"] == {"国家文物局"}


# --- bare departments after their organ; one-line texts -----------------------------------------


def test_bare_departments_of_the_2018_administration(pipeline):
    text = ("国家广播电视总局2020年工作总结。宣传司组织主题宣传。科技司、安全传输保障司完成保障任务。"
            "加强资金保障规划财务司会同财政部落实补助资金。提升广播电视公共服务公共服务司推进应急广播建设。")
    keys = _keys(pipeline, text)
    for dept in ("宣传司", "科技司", "安全传输保障司", "规划财务司", "公共服务司"):
        assert keys[dept] == {"国家广播电视总局" + dept}, dept
    assert "财务司" not in keys and "财政部" in keys  # 财政部 + 落实, not 部落


def test_bare_departments_of_the_ministry_of_culture_and_tourism(pipeline):
    text = "文化和旅游部办公厅关于做好暑期市场管理工作的通知\n市场管理司负责统筹；资源开发司、非遗司配合。"
    keys = _keys(pipeline, text)
    assert keys["市场管理司"] == {"文化和旅游部市场管理司"}
    assert keys["资源开发司"] == {"文化和旅游部资源开发司"}
    assert keys["非遗司"] == {"文化和旅游部非物质文化遗产司"}
    assert keys["文化和旅游部"] == {"文化和旅游部"}


def test_without_its_organ_a_bare_department_has_no_identity(pipeline):
    keys = _keys(pipeline, "2019年，宣传司将组织重大主题宣传。")
    assert keys["宣传司"] == {"宣传司"}


def test_unknown_departments_belong_to_the_organ_that_opens_the_document(pipeline):
    text = ("教育部2023年工作要点落实情况。推进基础教育扩优提质基础教育司会同财政部实施行动计划。"
            "高等教育司启动改革试点，教师工作司组织实施培养计划。")
    keys = _keys(pipeline, text)
    assert keys["基础教育司"] == {"教育部基础教育司"}
    assert keys["高等教育司"] == {"教育部高等教育司"} and keys["教师工作司"] == {"教育部教师工作司"}
    assert not any(k.startswith(("推进", "提质")) for k in keys)


def test_a_bare_group_and_its_office_follow_the_group_named_before(pipeline):
    text = "成立县新时代文明实践中心建设工作领导小组，领导小组办公室设在县委宣传部，县委宣传部部长兼任办公室主任。"
    group = "县新时代文明实践中心建设工作领导小组"
    keys = _keys(pipeline, text)
    assert group in keys and keys["领导小组办公室"] == {group + "办公室"}
    assert not any("部长" in k for k in keys)


# --- statutes ---------------------------------------------------------------------------------


def test_generic_statute_organs(pipeline):
    text = ("第四条 县级以上地方人民政府文化和旅游主管部门负责监督管理；公安机关负责治安管理；"
            "市场监督管理部门负责登记注册。行政机关应当依法办事，经原审核机关同意。")
    keys = _keys(pipeline, text)
    # each level is its own organ (GUIDELINES: generic organs are Bureaus), its government named inside it
    assert keys["县级以上地方人民政府文化和旅游主管部门"] == {"县级以上地方人民政府文化和旅游主管部门"}
    assert keys["县级以上地方人民政府"] == {"县级以上地方人民政府"}
    assert "公安机关" in keys and "市场监督管理部门" in keys
    assert "行政机关" not in keys and "原审核机关" not in keys and "审核机关" not in keys


def test_statute_organs_need_a_sector(pipeline):
    text = "各项目管理部门对科研项目加强管理。医保、医疗、医药主管部门要各司其职。"
    assert _spans(pipeline, text) == set()


def test_state_council_inside_a_statute_organ(pipeline):
    keys = _keys(pipeline, "由国务院文化行政部门规定。")
    assert keys["国务院文化行政部门"] == {"国务院文化行政部门"} and keys["国务院"] == {"国务院"}


def test_generic_addressee_governments(pipeline):
    spans = _spans(pipeline, "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：")
    assert "省、自治区、直辖市人民政府" in spans and "国务院" in spans
    assert "直辖市人民政府" not in spans and "国务院各部委" not in spans


# --- properties -------------------------------------------------------------------------------

_FILLER = ["要", "加强", "推进", "工作", "的", "，", "。", "继续", "部署", "格局", "有关部门", "发展", "各司局",
           "干部", "司法", "布局", "监督管理", "落实", "2017年", "、", "和"]
_NAMES = ["国家版权局", "公安部", "国务院办公厅", "国家医保局", "工业和信息化部", "中共中央宣传部"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_FILLER), max_size=12), st.sampled_from(_NAMES),
       st.lists(st.sampled_from(_FILLER), max_size=12))
def test_a_known_name_between_filler_is_found_exactly(pipeline, left, name, right):
    text = "。" + "".join(left) + "。" + name + "负责。" + "".join(right)
    start = text.index(name)
    ms = _mentions(pipeline, text)
    assert any(m.start == start and m.end == start + len(name) for m in ms)
    for m in ms:
        assert m.type == "Bureau" and m.text == text[m.start:m.end] and m.label and m.start < m.end


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_FILLER), min_size=1, max_size=20))
def test_filler_alone_names_no_bureau(pipeline, words):
    assert _mentions(pipeline, "".join(words)) == []


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["县", "市", "省", "区", "会同", "融媒体", "中心", "市场", "新", "时代", "、", "。",
                                 "经信厅", "区域", "文明办", "县委", "和"]), min_size=1, max_size=24))
def test_the_token_index_tiles_the_text(pipeline, words):
    text = "".join(words)
    parsed = pipeline.parse(Document("t.txt", text))
    index = TokenIndex(text, parsed.tokens)
    assert "".join(text[t.start:t.end] for t in index.tokens) == text
    assert all(a.end == b.start for a, b in zip(index.tokens, index.tokens[1:], strict=False))
    for i in range(len(text)):
        t = index.token_at(i)
        assert t is not None and t.start <= i < t.end


def test_extractors_share_one_token_index_without_changing_the_parse(pipeline):
    from dataclasses import replace

    from kg.extract.bureaus import indexed
    from kg.extract.organizations import extract_organizations

    parsed = pipeline.parse(Document("t.txt", "國家廣播電視總局指導中國網絡視聽節目服務協會。"))
    twin = replace(parsed)
    ctx = ExtractContext(gazetteer=pipeline.gazetteer, year=parsed.year)
    extract_bureaus(parsed, ctx)
    folded, index = indexed(parsed)
    extract_organizations(parsed, ctx)
    assert indexed(parsed)[1] is index and folded == fold(parsed.text)
    assert parsed == twin and hash(parsed) == hash(twin)


# --- the project's genre documents rich in institutions ------------------------------------------

GENRE = Path(__file__).resolve().parent / "data" / "genre"
INSTITUTION_DOCS = sorted(GENRE.glob("inst_*.json"))


def _names(values) -> set[str]:
    from kg.script import to_simplified

    return {re.sub(r"[《》“”\"\s]", "", to_simplified(v)) for v in values}


def entity_check(pipeline, gold_path: Path, type_: str) -> tuple[list[str], list[str]]:
    """(required gold entities of ``type_`` no extracted entity names, extracted entities no gold entity names)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (gold_path.parent / gold["document"]).read_text(encoding="utf-8")
    result = pipeline.process(Document(gold["document"], text))
    found = [_names([e.label, *e.alt_labels]) for e in result.entities if e.type == type_]
    wanted = [(e, _names([e["label"], *e.get("aliases", [])])) for e in gold["entities"] if e["type"] == type_]
    missed = [e["label"] for e, names in wanted if not e["optional"] and not any(names & f for f in found)]
    spurious = [min(f) for f in found if not any(names & f for _, names in wanted)]
    return missed, spurious


@pytest.mark.parametrize("gold_path", INSTITUTION_DOCS, ids=[p.stem for p in INSTITUTION_DOCS])
def test_genre_documents_bureaus(pipeline, gold_path):
    assert entity_check(pipeline, gold_path, "Bureau") == ([], [])


# --- the reference document -------------------------------------------------------------------


def test_reference_document_bureaus(pipeline, reference_path, reference_gold):
    gold = json.loads(reference_gold.read_text(encoding="utf-8"))
    ms = _mentions(pipeline, reference_path.read_text(encoding="utf-8"))
    names = {m.key or m.label for m in ms} | {m.label for m in ms}
    entities = [e for e in gold["entities"] if e["type"] == "Bureau"]
    known = {n for e in entities for n in [e["label"], *e.get("aliases", [])]}
    for e in entities:
        if not e.get("optional") and e["mentions"]:
            assert {e["label"], *e.get("aliases", [])} & names, e["label"]
    # every mention is some gold bureau (by its label, or by its key when the label is a short form)
    stray = {m.label for m in ms if m.label not in known and m.key not in known
             and not any(m.key.endswith(k) for k in known)}
    assert not stray
