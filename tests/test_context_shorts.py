"""Short forms whose referent the document makes clear (GUIDELINES.md, "Short forms by context"): 县局/市局 with
我县/我市 and the document's own organ; 本县人民政府, 我市人民政府 and a bare 市政府 as the government of the
document's place.

Every text here is written for these tests in the shape of the genre (institutions real, events invented).
"""

from __future__ import annotations

import pytest

from kg.extract.context_shorts import document_organ, place_of
from kg.model import Document, Mention

COUNTY_REPORT = ("石门县文化旅游广电体育局2031年工作总结\n今年以来，我县文化工作取得新进展。"
                 "县局组织开展“送戏下乡”活动，全年演出120场。\n市局领导到我县调研。本县人民政府将继续加大投入。\n")


def _entities(pipeline, text: str) -> dict[str, set[str]]:
    r = pipeline.process(Document("t.txt", text))
    return {e.label: {m.text for m in e.mentions} for e in r.entities if e.type == "Bureau"}


def _rels(pipeline, text: str) -> set[tuple[str, str, str]]:
    r = pipeline.process(Document("t.txt", text))
    label = {e.key: e.label for e in r.entities}
    return {(label[x.subject], x.predicate, label[x.object]) for x in r.relations}


def test_the_county_bureau_short_form_is_the_documents_organ(pipeline):
    found = _entities(pipeline, COUNTY_REPORT)
    assert "县局" in found["石门县文化旅游广电体育局"]
    assert ("石门县文化旅游广电体育局", "responsibleFor", "“送戏下乡”活动") in _rels(pipeline, COUNTY_REPORT)


def test_the_city_bureau_in_a_county_report_is_no_entity(pipeline):
    assert not any("市局" in forms for forms in _entities(pipeline, COUNTY_REPORT).values())


def test_the_own_government_is_the_government_of_the_documents_place(pipeline):
    assert "本县人民政府" in _entities(pipeline, COUNTY_REPORT)["石门县人民政府"]


def test_a_bare_city_government_is_the_one_the_title_names(pipeline):
    text = "邵阳市人民政府关于加强文化建设的意见\n本市人民政府将加强领导。市政府要统筹。\n"
    found = _entities(pipeline, text)
    assert {"本市人民政府", "市政府"} <= found["邵阳市人民政府"]
    assert "市人民政府" not in found


def test_without_a_place_the_short_forms_stay_as_they_were(pipeline):
    text = "第五条 市人民政府应当加强领导。县局负责组织。\n"
    found = _entities(pipeline, text)
    assert not any(len(label) > 5 and label.endswith("人民政府") for label in found)
    assert not any("县局" in forms for forms in found.values())


def test_a_county_bureau_short_form_needs_the_county_context(pipeline):
    text = "石门县文化旅游广电体育局工作总结\n县局组织开展“送戏下乡”活动。\n"
    assert not any("县局" in forms for forms in _entities(pipeline, text).values())


@pytest.mark.parametrize(("name", "place", "level"), [
    ("石门县文化旅游广电体育局", "石门县", "县"), ("邵阳市市场监督管理局", "邵阳市", "市"),
    ("湖南省文化和旅游厅", "湖南省", "省"), ("文化和旅游部", "", ""),
])
def test_place_of_an_organ(name, place, level):
    assert place_of(name) == (place, level)


def test_document_organ_reads_the_title_line_then_the_signature():
    text = "关于做好阅读推广的通知\n各乡镇：\n请抓好落实。\n石门县文化旅游广电体育局\n"
    s = text.index("石门县")
    m = Mention("Bureau", s, s + 12, text[s:s + 12], text[s:s + 12], "t")
    assert document_organ(text, [m]) == m
    assert document_organ(text, []) is None
