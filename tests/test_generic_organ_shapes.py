"""Generic organs in the less common shapes of statutes and local regulations (GUIDELINES.md, "Generic organs
are Bureaus"; tests/gold/statutes/README.md, conventions): bracketed levels, coordinated one-character levels,
organs named by duty, street offices, and a government followed by 有关部门.

Every sentence is written for these tests in the shape of the genre.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.generic_organs import bracket_level, duty_organs, generic_organs, governments
from kg.model import Document


def _bureaus(pipeline, text: str) -> dict[str, dict[str, str]]:
    return {e.label: dict(e.info) for e in pipeline.process(Document("t.txt", text)).entities if e.type == "Bureau"}


def _subs(pipeline, text: str) -> set[tuple[str, str]]:
    r = pipeline.process(Document("t.txt", text))
    label = {e.key: e.label for e in r.entities}
    return {(label[x.subject], label[x.object]) for x in r.relations if x.predicate == "subOrganizationOf"}


@pytest.mark.parametrize(("text", "name", "level"), [
    ("第四条 县（市、区）人民政府负责本行政区域内的读书活动。", "县（市、区）人民政府", "county"),
    ("第五条 市（州）人民政府应当统筹规划。", "市（州）人民政府", "municipal"),
    ("乡（镇）人民政府协助做好宣传工作。", "乡（镇）人民政府", "township"),
    ("县(市、区)人民政府应当给予保障。", "县(市、区)人民政府", "county"),
])
def test_a_bracketed_level_is_a_government(pipeline, text, name, level):
    assert _bureaus(pipeline, text)[name] == {"level": level}


def test_a_one_character_level_coordinated_before_a_bracketed_one_has_no_mention_of_its_own(pipeline):
    text = "第六条 市、县（区）人民政府教育行政部门应当加强对校外培训的监督。"
    found = _bureaus(pipeline, text)
    assert found["县（区）人民政府教育行政部门"] == {"level": "county", "sector": "教育"}
    assert "县（区）人民政府" in found  # named inside the department, as 县级人民政府 is
    assert not any(n.startswith("市、") for n in found)
    assert ("县（区）人民政府教育行政部门", "县（区）人民政府") in _subs(pipeline, text)


def test_a_bracketed_level_owns_sector_organs_and_carries_over(pipeline):
    found = _bureaus(pipeline, "县（市、区）民政部门、财政部门按照职责做好救助工作。")
    assert found["县（市、区）民政部门"] == {"level": "county", "sector": "民政"}
    assert found["县（市、区）财政部门"] == {"level": "county", "sector": "财政"}


def test_a_named_place_before_brackets_is_no_level():
    assert governments("湖南省县（市）人民政府") == []
    assert bracket_level("交县（市、区）", 7) == (1, "county")
    assert bracket_level("交由民政", 4) is None


@pytest.mark.parametrize(("text", "name", "level", "sector"), [
    ("第八条 县级以上人民政府负责古籍保护工作的部门应当建立名录。", "县级以上人民政府负责古籍保护工作的部门",
     "county-and-above", "古籍保护"),
    ("县（市、区）人民政府承担全民健身职责的主管部门负责组织实施。", "县（市、区）人民政府承担全民健身职责的主管部门",
     "county", "全民健身"),
    ("国务院负责药品监督管理工作的部门负责全国的监督管理。", "国务院负责药品监督管理工作的部门", "national", "药品"),
])
def test_an_organ_named_by_its_duty(pipeline, text, name, level, sector):
    assert _bureaus(pipeline, text)[name] == {"level": level, "sector": sector}


def test_an_organ_named_by_its_duty_without_owner_is_labelled_as_written(pipeline):
    assert _bureaus(pipeline, "负责档案工作的部门应当加强指导。")["负责档案工作的部门"] == {"sector": "档案"}


@pytest.mark.parametrize("text", [
    "有关负责档案工作的部门应当配合。",  # no particular organ
    "市主管部门是公共场所控制吸烟工作的主管部门。",  # the verb is the tail of another organ's name
    "县（市、区）人民政府负责本行政区域内的阅读推广工作的部门。",  # the duty holds a function word
])
def test_no_duty_organ(text):
    assert [o.name for o in duty_organs(text, governments(text, bare=True)) if "负责" in o.name
            or "主管部门是" in o.name or "行政区域" in o.name] == []


def test_street_offices_are_township_organs(pipeline):
    found = _bureaus(pipeline, "乡镇人民政府和街道办事处应当配合做好相关工作。")
    assert found["乡镇人民政府"] == {"level": "township"}
    assert found["街道办事处"] == {"level": "township"}


def test_a_named_street_office_is_not_the_kind():
    govs, _ = generic_organs("朝阳街道办事处负责。", frozenset(), lambda i: True)
    assert govs == []


@pytest.mark.parametrize("text", ["县级以上人民政府有关部门在各自职责范围内负责相关工作。",
                                  "由县级以上地方人民政府其他有关部门依法处理。"])
def test_a_government_before_unspecified_departments_is_not_mentioned(pipeline, text):
    assert not any("人民政府" in n for n in _bureaus(pipeline, text))


def test_a_government_before_its_own_departments_stays(pipeline):
    found = _bureaus(pipeline, "县级以上人民政府及其有关部门应当加强领导。")
    assert "县级以上人民政府" in found


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="县市区州乡镇（）()、人民政府负责工作的部门主管承担职责有关和", max_size=40))
def test_generic_organs_never_fail_and_stay_in_bounds(text):
    govs, organs = generic_organs(text, frozenset({"教育", "民政"}), lambda i: True)
    for o in govs + organs:
        assert 0 <= o.start < o.end <= len(text)
        assert text[o.start:o.end] == o.name or o.name.endswith(text[o.start:o.end])
