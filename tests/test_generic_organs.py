"""Generic organs of statutes (GUIDELINES.md, "Generic organs are Bureaus"): governments by level, sector organs
with their owner, the level carried over a coordination, and the level and sector kept on the entity.

Every sentence is written for these tests in the shape of statutes and notices.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.base import ExtractContext
from kg.extract.bureaus import extract_bureaus
from kg.extract.generic_organs import GOVERNMENT_LEVELS, governments
from kg.model import Document


def _mentions(pipeline, text: str):
    parsed = pipeline.parse(Document("t.txt", text))
    return extract_bureaus(parsed, ExtractContext(gazetteer=pipeline.gazetteer, year=parsed.year))


def _by_span(pipeline, text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in _mentions(pipeline, text):
        out.setdefault(m.text, set()).add(m.key or m.label)
    return out


def _entities(pipeline, text: str):
    return {e.label: e for e in pipeline.process(Document("t.txt", text)).entities if e.type == "Bureau"}


@pytest.mark.parametrize(("text", "name", "level"), [
    ("第三条 县级以上地方各级人民政府应当加强领导。", "县级以上地方各级人民政府", "county-and-above"),
    ("由省、自治区、直辖市人民政府规定具体办法。", "省、自治区、直辖市人民政府", "provincial"),
    ("设区的市级人民政府可以制定实施细则。", "设区的市级人民政府", "municipal"),
    ("乡镇人民政府应当协助做好有关工作。", "乡镇人民政府", "township"),
    ("县级人民政府应当统筹安排。", "县级人民政府", "county"),
    ("地方人民政府应当给予支持。", "地方人民政府", "local"),
])
def test_governments_by_level(pipeline, text, name, level):
    e = _entities(pipeline, text)[name]
    assert ("level", level) in e.info


def test_a_government_after_a_determiner_is_no_particular_one():
    assert [g.name for g in governments("由有关地方人民政府作出决定，报本级人民政府批准。")] == []


def test_every_level_of_the_table_is_read_as_a_government():
    for words in GOVERNMENT_LEVELS:
        found = governments(f"。{words}人民政府负责。", bare=True)
        assert [g.name for g in found] == [f"{words}人民政府"], words


def test_a_bare_level_government_owns_sector_organs_but_is_left_to_the_bureau_rules(pipeline):
    assert governments("。省人民政府负责。") == []  # resolved to the province the document names
    assert governments("湖北省人民政府负责。", bare=True) == []  # a named government
    e = _entities(pipeline, "第六条 省人民政府动物防疫主管部门应当制定计划。")["省人民政府动物防疫主管部门"]
    assert dict(e.info) == {"level": "provincial", "sector": "动物防疫"}


@pytest.mark.parametrize(("text", "name", "sector"), [
    ("第三条 国务院工业产品生产许可证主管部门负责全国的管理工作。", "国务院工业产品生产许可证主管部门",
     "工业产品生产许可证"),
    ("县级以上地方人民政府野生动物行政主管部门负责本行政区域内的保护工作。", "县级以上地方人民政府野生动物行政主管部门",
     "野生动物"),
])
def test_a_sector_no_list_knows_between_an_owner_and_a_strong_head(pipeline, text, name, sector):
    assert dict(_entities(pipeline, text)[name].info)["sector"] == sector


@pytest.mark.parametrize("text", ["县级以上人民政府有关主管部门负责监督。",
                                  "由县级以上人民政府负责组织实施的主管部门审查。",
                                  "野生动物行政主管部门负责。"])
def test_no_open_sector_without_an_owner_or_across_function_words(pipeline, text):
    assert not any(n.endswith("主管部门") for n in _entities(pipeline, text))


def test_a_sector_organ_keeps_its_owner_level_and_sector(pipeline):
    ents = _entities(pipeline, "第五条 县级以上地方人民政府卫生健康主管部门负责本行政区域内的监督管理工作。")
    organ = ents["县级以上地方人民政府卫生健康主管部门"]
    assert dict(organ.info) == {"level": "county-and-above", "sector": "卫生健康"}
    assert "县级以上地方人民政府" in ents  # the government is named inside the organ


def test_the_level_carries_over_a_coordination(pipeline):
    text = "第六条 国务院水行政主管部门、林业主管部门按照职责分工，负责全国的监督管理。"
    keys = _by_span(pipeline, text)
    assert keys["国务院水行政主管部门"] == {"国务院水行政主管部门"}
    assert keys["林业主管部门"] == {"国务院林业主管部门"}
    ents = _entities(pipeline, text)
    carried = ents["国务院林业主管部门"]
    assert "林业主管部门" in carried.alt_labels  # the span written is a name of the entity
    assert dict(carried.info) == {"level": "national", "sector": "林业"}


def test_the_level_carries_over_and(pipeline):
    keys = _by_span(pipeline, "县级人民政府民政部门和财政部门应当按时拨付资金。")
    assert keys["财政部门"] == {"县级人民政府财政部门"}


def test_a_relative_owner_leaves_the_sector_organ_alone(pipeline):
    keys = _by_span(pipeline, "应当报上一级人民政府教育行政部门、体育行政部门批准。")
    assert keys["教育行政部门"] == {"教育行政部门"} and keys["体育行政部门"] == {"体育行政部门"}
    assert not any("上一级" in k for ks in keys.values() for k in ks)


@pytest.mark.parametrize("text", [
    "各省、自治区、直辖市卫生健康主管部门要抓好落实。",
    "由地方各级农业农村部门组织实施。",
    "会同同级财政、税务部门办理。",
    "有关部门、相关部门和各地要密切配合。",
    "行政机关应当依法办事，经原审核机关同意。",
])
def test_no_particular_organ(pipeline, text):
    assert _by_span(pipeline, text) == {}


def test_organ_domains_of_jiguan(pipeline):
    keys = _by_span(pipeline, "审计机关依法进行审计监督，发现问题移送公安机关。")
    assert set(keys) == {"审计机关", "公安机关"}


def test_the_organ_belongs_to_its_government(pipeline):
    text = ("第七条 县级以上人民政府民政部门、财政部门负责本行政区域内的有关工作。"
            "国务院民政部门负责全国的有关工作。")
    result = pipeline.process(Document("t.txt", text))
    label = {e.key: e.label for e in result.entities}
    subs = {(label[r.subject], label[r.object]) for r in result.relations if r.predicate == "subOrganizationOf"}
    assert ("县级以上人民政府民政部门", "县级以上人民政府") in subs
    assert ("县级以上人民政府财政部门", "县级以上人民政府") in subs
    assert ("国务院民政部门", "国务院") in subs


_LEVELS = ["国务院", "县级以上地方人民政府", "省、自治区、直辖市人民政府", "乡镇人民政府", ""]
_SECTORS = ["文化", "体育", "卫生健康", "城乡规划", "自然资源", "交通运输"]
_HEADS = ["主管部门", "行政主管部门", "行政部门", "部门"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(_LEVELS), st.lists(st.tuples(st.sampled_from(_SECTORS), st.sampled_from(_HEADS)),
                                          min_size=1, max_size=3, unique_by=lambda t: t[0]))
def test_coordinated_organs_property(pipeline, level, items):
    organs = [s + h for s, h in items]
    text = "第九条 " + level + "、".join(organs) + "负责监督管理。"
    keys = _by_span(pipeline, text)
    first = level + organs[0]
    assert keys[first] == {first}
    for organ in organs[1:]:
        assert keys[organ] == {level + organ}  # the level carries over; the span is what is written
    # every mention's span is one of its entity's names
    for e in _entities(pipeline, text).values():
        names = {e.label, *e.alt_labels}
        assert all(m.text in names for m in e.mentions if not m.reference)


@pytest.mark.parametrize(("text", "name", "level", "sector"), [
    ("第四条 市卫生健康行政主管部门负责本市的监督管理工作。", "市卫生健康行政主管部门", "municipal", "卫生健康"),
    ("区体育行政部门负责本辖区的日常管理。", "区体育行政部门", "county", "体育"),
    ("罚款时应当出具省财政部门统一制发的票据。", "省财政部门", "provincial", "财政"),
    ("县以上卫生行政部门负责本行政区域内的卫生监督。", "县以上卫生行政部门", "county-and-above", "卫生"),
    ("中央军事委员会卫生部门负责军队的卫生工作。", "中央军事委员会卫生部门", "national", "卫生"),
])
def test_a_level_written_straight_before_the_sector(pipeline, text, name, level, sector):
    # local regulations name their own level with one character (市…部门), statutes a level without 人民政府
    organ = _entities(pipeline, text)[name]
    assert dict(organ.info) == {"level": level, "sector": sector}


@pytest.mark.parametrize("text", [
    "城市管理部门负责市容执法。",      # 城市 is one word: its 市 is no level
    "各省财政部门要抓好落实。",        # 各: every such organ, none in particular
])
def test_a_level_character_inside_a_word_or_after_ge_is_no_level(pipeline, text):
    assert not any(n.startswith(("市", "省")) for n in _entities(pipeline, text))


def test_a_list_of_governments_with_planned_cities():
    found = governments("。省、自治区、直辖市、计划单列市人民政府可以设立奖项。")
    assert [(g.name, g.level) for g in found] == [("省、自治区、直辖市、计划单列市人民政府", "provincial")]
