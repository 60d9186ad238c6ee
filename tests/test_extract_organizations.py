"""Organization extractor: associations, institutes, universities and their units, companies,
newspapers, authorities outside the mainland. Sentences written for these tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.base import ExtractContext
from kg.extract.organizations import extract_organizations
from kg.model import Document
from kg.script import to_simplified


def _mentions(pipeline, text: str):
    parsed = pipeline.parse(Document("t.txt", text))
    return extract_organizations(parsed, ExtractContext(gazetteer=pipeline.gazetteer, year=parsed.year))


def _spans(pipeline, text: str) -> set[str]:
    return {m.text for m in _mentions(pipeline, text)}


@pytest.mark.parametrize("text, names", [
    ("由中国电影发行放映协会牵头，中国期刊协会配合。", {"中国电影发行放映协会", "中国期刊协会"}),
    ("与中国新闻出版研究院、中国音像与数字出版协会联合组建数据平台。",
     {"中国新闻出版研究院", "中国音像与数字出版协会"}),
    ("继续推动艺术电影联盟发展。", {"艺术电影联盟"}),
    ("指导国网公司制定实施方案。", {"国网公司"}),
    ("阿里巴巴集团、腾讯公司和字节跳动有限公司参加座谈。", {"阿里巴巴集团", "腾讯公司", "字节跳动有限公司"}),
    ("北京大学、清华大学和复旦大学联合发布报告。", {"北京大学", "清华大学", "复旦大学"}),
    ("由上海市医药集中招标采购事务管理所承担日常工作。", {"上海市医药集中招标采购事务管理所"}),
    ("中国互联网络信息中心发布统计报告。", {"中国互联网络信息中心"}),
])
def test_names_with_a_strong_head(pipeline, text, names):
    assert names <= _spans(pipeline, text)


def test_quoted_name_has_a_clean_left_edge(pipeline):
    assert "新闻出版大数据中心" in _spans(pipeline, "联合组建“新闻出版大数据中心”。")


def test_units_of_a_university_keep_the_university(pipeline):
    text = ("在中国传媒大学政法学院教授看来，问题不大。中国传媒大学法律系副主任认为应当修法。"
            "清华大学新闻与传播学院教授表示赞同。")
    ms = _mentions(pipeline, text)
    spans = {m.text for m in ms}
    assert {"中国传媒大学政法学院", "中国传媒大学法律系", "清华大学新闻与传播学院"} <= spans
    parents = {m.text for m in ms if m.rule == "org.parent"}
    assert {"中国传媒大学", "清华大学"} <= parents


def test_research_centre_of_a_university(pipeline):
    spans = _spans(pipeline, "中国政法大学传播法研究中心副主任认为，平台应承担责任。")
    assert "中国政法大学传播法研究中心" in spans


def test_newspaper_and_tv_station(pipeline):
    spans = _spans(pipeline, "来源丨中国新闻出版广电报（ID：xwcb）。据光明日报报道，湖南广播电视台将开设新栏目。")
    assert {"中国新闻出版广电报", "光明日报", "湖南广播电视台"} <= spans


def test_newspaper_in_a_title_is_left_to_the_title_extractor(pipeline):
    assert "法制日报" not in _spans(pipeline, "《法制日报》记者就此采访了专家。")


def test_information_centre_of_an_administration(pipeline):
    assert "总署信息中心" in _spans(pipeline, "并指导由总署信息中心牵头组建。")


def test_abbreviated_national_associations(pipeline):
    spans = _spans(pipeline, "全国妇联、中国科协和中国作协联合主办。")
    assert {"全国妇联", "中国科协", "中国作协"} <= spans


def test_authority_outside_the_mainland(pipeline):
    ms = _mentions(pipeline, "专家来自高校、香港医院管理局和试点地区。")
    assert [(m.text, m.rule) for m in ms] == [("香港医院管理局", "org.outside")]


@pytest.mark.parametrize("text", [
    "上市公司和国有企业要加强管理。",
    "打造一批大型出版传媒集团，培育骨干文化企业集团。",
    "行业协会要发挥自律作用，各类学会积极参与。",
    "组织试点地区形成联盟，探索跨区域联盟集中带量采购，组建产业联盟和战略联盟。",
    "建立健全科技与标准创新体系，密切联系群众。",
    "坚持以人民为中心，建设村级综合性文化服务中心。",
    "提高电台电视台把关水平，网络广播电视台加强自律。",
    "及时向国务院报告，定期通报情况，做好宣传报道。",
    "子公司和分公司要服从总公司管理。",
])
def test_categories_and_common_words_are_not_organizations(pipeline, text):
    assert _spans(pipeline, text) == set()


_FILLER = ["要", "加强", "推进", "的", "，", "。", "继续", "体系", "报道", "关系", "上市公司", "核心", "产业联盟",
           "2017年", "、", "和", "以人民为中心", "行业协会", "子公司", "通报", "有关单位"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_FILLER), min_size=1, max_size=20))
def test_filler_alone_names_no_organization(pipeline, words):
    assert _mentions(pipeline, "".join(words)) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_FILLER), max_size=10),
       st.sampled_from(["中国新闻出版研究院", "中国出版协会", "中国人民大学", "中国版权保护中心"]))
def test_a_name_after_a_sentence_end_is_found_exactly(pipeline, left, name):
    text = "".join(left) + "。" + name + "发布报告。"
    start = text.index("。" + name) + 1
    ms = _mentions(pipeline, text)
    assert any(m.start == start and m.end == start + len(name) for m in ms)
    assert all(m.text == text[m.start:m.end] and m.type == "Organization" for m in ms)


def test_central_media_by_their_names_and_abbreviations(pipeline):
    ms = _mentions(pipeline, "会同中央广播电视总台推出精品节目，新华社、人民日报社等中央媒体作了报道。")
    keys = {m.text: m.key or m.label for m in ms}
    assert keys["中央广播电视总台"] == "中央广播电视总台" and keys["新华社"] == "新华通讯社"
    assert "人民日报社" in keys
    assert _spans(pipeline, "推动中央视听媒体融合发展。") == set()  # no 央视 inside 中央视听


def test_a_conjunction_between_two_names_ends_the_first(pipeline):
    spans = _spans(pipeline, "中国传媒大学与湖南广播电视台18日在长沙签署协议。")
    assert {"中国传媒大学", "湖南广播电视台"} <= spans
    assert not any("与" in s for s in spans)


def test_state_key_laboratory_and_sibling_units(pipeline):
    text = ("联合实验室依托中国传媒大学媒体融合与传播国家重点实验室建设。"
            "中国传媒大学新闻学院、动画与数字艺术学院将选派研究生。")
    ms = _mentions(pipeline, text)
    keys = {m.text: m.key or m.label for m in ms}
    assert "中国传媒大学媒体融合与传播国家重点实验室" in keys and "中国传媒大学新闻学院" in keys
    assert keys["动画与数字艺术学院"] == "中国传媒大学动画与数字艺术学院"


def test_a_quoted_name_with_a_weak_head(pipeline):
    assert "视听内容智能生产联合实验室" in _spans(pipeline, "双方将共建“视听内容智能生产联合实验室”，并联合开展研发。")


def test_a_city_named_with_its_level_elsewhere_is_a_prefix(pipeline):
    spans = _spans(pipeline, "洛阳市全民阅读方案\n洛阳日报社、洛阳广播电视台开设专栏，洛阳师范学院文学院组织培训。")
    assert {"洛阳日报社", "洛阳广播电视台", "洛阳师范学院文学院"} <= spans


def test_a_county_media_centre_split_from_its_level(pipeline):
    assert "县融媒体中心" in _spans(pipeline, "（三）县融媒体中心负责开设专栏，做好宣传报道。")


@pytest.mark.parametrize("text", [
    "并与江西师范大学共建文旅产业研究中心，提供智力支持。",
    "推动中央视听媒体和省级融媒体中心建设。",
])
def test_things_to_be_built_are_no_names(pipeline, text):
    spans = _spans(pipeline, text)
    assert not any(s.endswith(("研究中心", "融媒体中心")) for s in spans)


GENRE = Path(__file__).resolve().parent / "data" / "genre"
INSTITUTION_DOCS = sorted(GENRE.glob("inst_*.json"))


def _names(values) -> set[str]:
    return {re.sub(r"[《》“”\"\s]", "", to_simplified(v)) for v in values}


@pytest.mark.parametrize("gold_path", INSTITUTION_DOCS, ids=[p.stem for p in INSTITUTION_DOCS])
def test_genre_documents_organizations(pipeline, gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (gold_path.parent / gold["document"]).read_text(encoding="utf-8")
    result = pipeline.process(Document(gold["document"], text))
    found = [_names([e.label, *e.alt_labels]) for e in result.entities if e.type == "Organization"]
    wanted = [(e, _names([e["label"], *e.get("aliases", [])])) for e in gold["entities"] if e["type"] == "Organization"]
    assert [e["label"] for e, names in wanted if not e["optional"] and not any(names & f for f in found)] == []
    assert [min(f) for f in found if not any(names & f for _, names in wanted)] == []


def test_reference_document_organizations(pipeline, reference_path, reference_gold):
    gold = json.loads(reference_gold.read_text(encoding="utf-8"))
    ms = _mentions(pipeline, reference_path.read_text(encoding="utf-8"))
    labels = {m.label for m in ms}
    entities = [e for e in gold["entities"] if e["type"] == "Organization"]
    known = {n for e in entities for n in [e["label"], *e.get("aliases", [])]}
    for e in entities:
        if not e.get("optional"):
            assert {e["label"], *e.get("aliases", [])} & labels, e["label"]
    assert labels <= known


# --- precision on statutes: a clause or a kind of body is no name (issue: Organization precision) -------


@pytest.mark.parametrize("text", [
    "程序员李某入职某网络公司后负责开发。",  # an anonymised body
    "国务院证券监督管理机构应当自受理基金管理公司设立申请之日起六个月内审查。",  # a clause before a kind
    "人民法院宣告证券公司破产的，由其依法清算。",
    "人民法院应当认定会计师事务所承担责任。",
    "依法查处消费者协会收取费用的行为。",
    "支持餐饮行业协会制定行业规范。",  # a kind of association
    "电力公司应当配合做好抢修工作。",
    "融资担保公司、融资租赁公司和商业保理公司应当依法经营。",
    "应当及时报国务院批准，必要时报上一级人民政府。",  # 报 is "report to"
    "县公安机关报省公安厅备案。",
    "坚持中国特色现代金融体系，与选民保持密切联系。",  # words ending in 系
    "香港特别行政区设立廉政公署，行政长官如拒绝签署。",
    "税务部门和残疾人联合会应当配合。",
])
def test_no_clause_becomes_an_organization(pipeline, text):
    spans = _spans(pipeline, text)
    assert not any(len(s) > 6 and re.search(r"应当|宣告|认定|查处|入职|某|设立|拒绝|部门和|报",
                                            s) for s in spans), spans
    assert not spans & {"基金管理公司", "证券公司", "会计师事务所", "消费者协会", "餐饮行业协会", "电力公司",
                        "融资担保公司", "融资租赁公司", "商业保理公司", "国务院报", "县公安机关报", "必要时报"}


@pytest.mark.parametrize("text, names", [
    ("上海市律师协会、中国注册会计师协会和中华全国律师协会参加座谈。",
     {"上海市律师协会", "中国注册会计师协会", "中华全国律师协会"}),
    ("市消费者协会受理投诉。", {"市消费者协会"}),
    ("税务部门和县残疾人联合会应当配合。", {"县残疾人联合会"}),
])
def test_a_kind_after_a_proper_prefix_is_a_name(pipeline, text, names):
    assert names <= _spans(pipeline, text)


def test_the_party_and_the_army_as_a_whole(pipeline):
    text = ("第三条 坚持中国共产党的领导。中国人民解放军和中国人民武装警察部队依法执行任务。"
            "中国共产党中央委员会作出决定，中国共产党第二十次全国代表大会召开。依照《中国共产党章程》建立组织。"
            "纪念中国人民解放军建军90周年。")
    ms = [m for m in _mentions(pipeline, text)]
    found = [(m.text, m.start) for m in ms]
    assert ("中国共产党", text.index("中国共产党")) in found
    assert ("中国人民解放军", text.index("中国人民解放军")) in found and any(t == "中国人民武装警察部队" for t,
                                                                             _ in found)
    # not as the first words of a longer name, not inside a title, not inside an anniversary
    assert len([t for t, _ in found if t == "中国共产党"]) == 1
    assert len([t for t, _ in found if t == "中国人民解放军"]) == 1


def test_the_central_military_commission_is_a_bureau(pipeline):
    result = pipeline.process(Document("t.txt", "国务院、中央军事委员会联合发布命令，中央军委另行规定。"))
    bureaus = {e.label: e for e in result.entities if e.type == "Bureau"}
    assert "中央军事委员会" in bureaus and "中央军委" in bureaus["中央军事委员会"].alt_labels
    assert not any(e.type == "Organization" for e in result.entities)


def test_an_association_without_a_prefix_is_a_kind(pipeline):
    text = "工会、妇女联合会、计划生育协会等社会团体和审计事务所、工商行政管理所应当配合。"
    assert _spans(pipeline, text) == set()
    assert "中华全国妇女联合会" in _spans(pipeline, "中华全国妇女联合会和地方各级妇女联合会依法维护妇女权益。")


def test_named_libraries_and_museums_but_not_their_kind(pipeline):
    spans = _spans(pipeline, "国家图书馆和上海博物馆开放。全国公共图书馆、贫困地区公共图书馆和各级博物馆加强服务。")
    assert {"国家图书馆", "上海博物馆"} <= spans
    assert not any("公共图书馆" in s or "各级" in s for s in spans)


def test_a_citys_goal_is_no_centre(pipeline):
    spans = _spans(pipeline, "加快建设广州国际航运中心和国际贸易中心，推进城市副中心建设。中国外汇交易中心发布数据。")
    assert spans == {"中国外汇交易中心"}
    assert _spans(pipeline, "在本市登记的非上市股份公司、导游服务公司可以办理。") == set()


def test_a_declared_short_name_is_the_organisation(pipeline):
    text = "市人民政府设立上海市应急联动中心（以下简称市应急联动中心）。市应急联动中心负责统一接报。"
    keys = {(m.text, m.start): m.key or m.label for m in _mentions(pipeline, text)}
    assert keys[("市应急联动中心", text.rindex("市应急联动中心"))] == "上海市应急联动中心"
