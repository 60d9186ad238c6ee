"""kg.extract.events on sentences of the genre."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.base import ExtractContext
from kg.extract.events import extract_events
from kg.model import Document

from .conftest import gold_cases

_CN = "〇一二三四五六七八九"


def _events(pipeline, text: str):
    parsed = pipeline.parse(Document("t.txt", text))
    return extract_events(parsed, ExtractContext(year=parsed.year))


def _labels(pipeline, text: str) -> set[str]:
    return {m.label for m in _events(pipeline, text)}


def _keys(pipeline, text: str) -> dict[str, str]:
    return {m.text: m.key or m.label for m in _events(pipeline, text)}


def _entities(pipeline, text: str):
    return [e for e in pipeline.process(Document("t.txt", text)).entities if e.type == "Event"]


def test_mentions_are_exact_spans(pipeline):
    text = "深入学习贯彻党的二十大精神，筹备全省文化旅游发展大会，做好建军100周年宣传。"
    ms = _events(pipeline, text)
    assert len(ms) == 3
    for m in ms:
        assert text[m.start:m.end] == m.text and m.type == "Event" and m.rule.startswith("event.")


def test_party_congress_forms_are_one_entity(pipeline):
    text = ("党的二十大胜利召开。二十大报告提出新要求。中共二十大以来成绩显著。"
            "中国共产党第二十次全国代表大会描绘了蓝图。")
    keys = _keys(pipeline, text)
    assert set(keys.values()) == {"党的二十大"}
    assert len(keys) == 4
    ents = _entities(pipeline, text)
    assert len(ents) == 1 and ents[0].label == "党的二十大"


@settings(deadline=None, max_examples=20)
@given(st.integers(13, 29))
def test_every_party_congress_number_is_keyed_alike(pipeline, n):
    tens, ones = divmod(n, 10)
    num = ("十" if tens == 1 else _CN[tens] + "十") + ("" if ones == 0 else _CN[ones])
    keys = _keys(pipeline, f"贯彻党的{num}大精神，学习{num}大报告。")
    assert set(keys.values()) == {f"党的{num}大"}


@pytest.mark.parametrize("text", ["打造十大品牌展会，培育十二大行业，评选十大新闻。", "推出十大精品工程。"])
def test_counts_are_not_congresses(pipeline, text):
    assert _events(pipeline, text) == []


def test_mass_organisation_congresses_and_their_abbreviations(pipeline):
    text = "学习习近平总书记在中国文联十一大、中国作协十大开幕式上的重要讲话和第十一次文代会精神。"
    keys = _keys(pipeline, text)
    assert keys["中国文联十一大"] == keys["第十一次文代会"] == "中国文联十一大"
    assert keys["中国作协十大"] == "中国作协十大"


def test_plenums_including_the_elliptical_list(pipeline):
    text = "学习贯彻党的十九届四中、五中、六中全会精神。六中全会审议通过了决议。"
    keys = [m.key for m in _events(pipeline, text)]
    assert keys == ["十九届四中全会", "十九届五中全会", "十九届六中全会", "十九届六中全会"]


def test_full_plenum_name_shares_the_key_of_the_short_one(pipeline):
    text = "党的十九届中央委员会第六次全体会议和十九届六中全会是同一次会议。"
    assert set(_keys(pipeline, text).values()) == {"十九届六中全会"}


def test_numbered_sessions_of_organs(pipeline):
    text = ("（2022年6月24日第十三届全国人民代表大会常务委员会第三十五次会议通过）"
            "经市政府第45次常务会议研究同意，十四届全国人大一次会议和全国政协十四届一次会议胜利闭幕。")
    labels = _labels(pipeline, text)
    assert "第十三届全国人民代表大会常务委员会第三十五次会议" in labels
    assert "市政府第45次常务会议" in labels
    keys = set(_keys(pipeline, text).values())
    assert {"十四届全国人大一次会议", "十四届全国政协一次会议"} <= keys


def test_lianghui(pipeline):
    text = "做好全国两会宣传报道，围绕两会热点组织访谈。"
    assert set(_keys(pipeline, text).values()) == {"全国两会"}


def test_anniversaries_and_their_short_forms(pipeline):
    text = "隆重纪念中国人民抗日战争胜利80周年，围绕抗日战争胜利80周年、澳门回归25周年组织展演。"
    ents = _entities(pipeline, text)
    by_label = {e.label: e for e in ents}
    assert set(by_label) == {"中国人民抗日战争胜利80周年", "澳门回归25周年"}
    assert "抗日战争胜利80周年" in by_label["中国人民抗日战争胜利80周年"].alt_labels


def test_an_anniversary_needs_a_subject(pipeline):
    assert _events(pipeline, "本单位成立30周年之际，开展系列活动。") == []


def test_named_conferences_fairs_and_festivals(pipeline):
    text = ("1月召开的全省宣传部长会议作出部署。继续办好中国（深圳）国际文化产业博览交易会，"
            "承办好2024年世界互联网大会乌镇峰会，参加第九届丝绸之路国际电影节，"
            "举办“新时代影像成果展”，落实中央农村工作会议精神。")
    labels = _labels(pipeline, text)
    assert {"全省宣传部长会议", "世界互联网大会乌镇峰会", "第九届丝绸之路国际电影节", "新时代影像成果展",
            "中央农村工作会议"} <= labels
    assert not any(label.startswith(("2024", "好")) for label in labels)


def test_lists_of_conferences_are_split(pipeline):
    labels = _labels(pipeline, "召开全市文化工作会议和全市旅游发展大会。")
    assert labels == {"全市文化工作会议", "全市旅游发展大会"}


@pytest.mark.parametrize("text", [
    "召开专题会议研究部署，局党组会议审议通过，局长办公会议定期听取汇报。",
    "召开表彰大会和动员大会，建立部际联席会议制度。",
    "报本级人民代表大会常务委员会备案，在人民大会堂举行。",
    "加强广播电视节目管理，做好成果展示和推广。",
    "科研人员出差和会议按标准报销。",
    "参加在境内举办的展览会，在展览会结束后复运出境。",
    "经国务院常务会议通过。",
    "会议强调，要深刻领会会议精神，及时传达会议精神，研究大会筹备工作。",
])
def test_generic_meetings_are_not_events(pipeline, text):
    assert _events(pipeline, text) == []


def test_counted_festivals_and_quoted_programmes_are_left_to_projects(pipeline):
    assert _events(pipeline, "精心打造境外“十大品牌中国电影节”，继续办好“欢乐春节”活动。") == []


def test_a_quoted_named_day_is_an_event(pipeline):
    assert _labels(pipeline, "围绕6月10日“文化和自然遗产日”开展宣传。") == {"文化和自然遗产日"}


def test_traditional_text(pipeline):
    text = "3月在成都舉辦的第十二屆中國網絡視聽大會期間，圍繞慶祝中華人民共和國成立75週年，深入學習黨的二十大精神。"
    ms = _events(pipeline, text)
    labels = {m.label for m in ms}
    assert {"第十二屆中國網絡視聽大會", "中華人民共和國成立75週年", "黨的二十大"} <= labels
    assert {m.key for m in ms if m.label == "黨的二十大"} == {"党的二十大"}


def test_new_china_is_the_peoples_republic(pipeline):
    text = "庆祝中华人民共和国成立75周年。新中国成立75周年之际，举办展览。"
    ents = _entities(pipeline, text)
    assert len(ents) == 1 and ents[0].label == "中华人民共和国成立75周年"


# --- the documents we have ----------------------------------------------------------------

def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    for ch in "《》“”\"'‘’「」『』 ":
        s = s.replace(ch, "")
    return s.replace("—", "-")


@pytest.mark.parametrize(("doc", "gold"), gold_cases(), ids=lambda p: p.stem)
def test_events_agree_with_the_gold(pipeline, doc, gold):
    """Every required gold event is named by some extracted event, and every extracted event names a gold one."""
    if not doc.is_file() or not gold.is_file():
        pytest.skip(f"{doc.name} or its gold is absent (../shared is not beside the repository)")
    g = json.loads(gold.read_text(encoding="utf-8"))
    gold_events = [e for e in g["entities"] if e["type"] == "Event"]
    parsed = pipeline.parse(Document(doc.name, doc.read_text(encoding="utf-8")))
    found = extract_events(parsed, ExtractContext(year=parsed.year))
    names = {_norm(x) for m in found for x in (m.label, m.key) if x}
    for e in gold_events:
        if not e.get("optional"):
            assert {_norm(e["label"]), *map(_norm, e.get("aliases", []))} & names, e["label"]
    all_gold = {_norm(x) for e in gold_events for x in (e["label"], *e.get("aliases", []))}
    for m in found:
        assert _norm(m.key or m.label) in all_gold or _norm(m.label) in all_gold, m.label


def test_local_party_meetings_keep_their_own_names(pipeline):
    ms = _events(pipeline, "贯彻落实省委十三届二次全会和省第十五次党代会精神，召开市委十二届五次全会。")
    assert {m.label for m in ms} == {"省委十三届二次全会", "省第十五次党代会", "市委十二届五次全会"}
    assert all(not m.key.startswith("党的") for m in ms)


def test_a_local_committee_numbered_meeting_is_its_plenum(pipeline):
    ms = _events(pipeline, "常务委员会学习了中共某某省委十届六次会议制定的《某某纲要》，市委二届三次会议也作了部署。")
    assert {m.label for m in ms} == {"中共某某省委十届六次会议", "市委二届三次会议"}


def test_fair_and_games_abbreviations_name_themselves(pipeline):
    labels = _labels(pipeline, "组团参加第七届进博会，办好全国书博会和北京冬奥会。")
    assert labels == {"第七届进博会", "全国书博会", "北京冬奥会"}


def test_a_stop_word_inside_a_name_does_not_cut_it(pipeline):
    assert _labels(pipeline, "召开全国组织工作会议，组织第二届全民阅读大会。") == {"全国组织工作会议",
                                                                                   "第二届全民阅读大会"}
