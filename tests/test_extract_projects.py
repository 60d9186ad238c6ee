"""The Project extractor on sentences of the genre (written for these tests) and on annotated documents."""

from __future__ import annotations

import json
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.base import ExtractContext
from kg.extract.project_rules import is_generic_stem, project_key, themed_year_ok
from kg.extract.projects import extract_projects
from kg.model import Document
from kg.textfold import fold

TESTS = Path(__file__).resolve().parent
GENRE = TESTS / "data" / "genre"
SHARED = TESTS.parent.parent / "shared"


def _mentions(pipeline, text: str):
    parsed = pipeline.parse(Document("t.txt", text))
    return extract_projects(parsed, ExtractContext(year=parsed.year))


def _labels(pipeline, text: str) -> set[str]:
    return {m.label for m in _mentions(pipeline, text)}


# --- positive cases: each sentence names exactly these programmes -------------------------------

POSITIVE = [
    # a campaign launched under a quoted code name
    ("公安部等三部门近日联合启动“清风2031”专项行动，重点整治网络谣言。", {"“清风2031”专项行动"}),
    # parallel quoted names closed by 等 + a programme word: one project per item
    ("深入开展“晨光”“春苗”“远帆”等三项专项行动，净化校园周边环境。", {"晨光", "春苗", "远帆"}),
    # parallel quoted names sharing the programme word that follows them
    ("开展“十佳书香社区”“百优少儿读物”推选活动。", {"十佳书香社区", "百优少儿读物"}),
    # themed years, quoted, unquoted after 定为, and a quoted name plus 文化年
    ("明确2031年为“基层服务提升年”。", {"基层服务提升年"}),
    ("将2031年定为全市营商环境优化年。", {"全市营商环境优化年"}),
    ("承担“中国-北欧”文化年的组织协调工作。", {"“中国-北欧”文化年"}),
    # unquoted name right after a launching verb; 好 and 一批 are not part of it
    ("实施乡村文化人才培育工程，打造一支高素质队伍。", {"乡村文化人才培育工程"}),
    ("重点实施好县级剧团演出扶持项目，力争推出一批新剧目。", {"县级剧团演出扶持项目"}),
    ("积极开展国有文艺院团绩效评价改革试点工作。", {"国有文艺院团绩效评价改革试点"}),
    # an enumeration opened by 是：, items joined by 、 and 和
    ("三大惠民工程是：城乡书屋提升工程、流动舞台下乡工程和非遗传承人扶持工程。",
     {"城乡书屋提升工程", "流动舞台下乡工程", "非遗传承人扶持工程"}),
    # a list continuing a quoted programme, closed by 等扶持工作
    ("继续开展“星火”青年编剧扶持计划、基层院团孵化计划等扶持工作。",
     {"“星火”青年编剧扶持计划", "基层院团孵化计划"}),
    # a programme named inside a plan's title
    ("修订《“山海影视桥工程”2031-2035年规划》。", {"山海影视桥工程"}),
    # a quoted name put to work by a launching verb, without a programme word
    ("稳步推进“光影同行，万家共享”的海外布局。", {"光影同行，万家共享"}),
    # a duration clause between the verb and the name
    ("决定开展为期两个月的校外培训机构专项整治行动。", {"校外培训机构专项整治行动"}),
    # a numbered heading line that is a programme name
    ("（二）实施县级融媒体中心提质工程\n各县要加快建设。", {"县级融媒体中心提质工程"}),
    # 活动 after a word saying what kind of activity it is
    ("继续组织开展年度优秀原创网络剧推介活动；", {"年度优秀原创网络剧推介活动"}),
    # a state-organised pilot: 国家组织 belongs to the name
    ("开展国家组织医用耗材集中采购和使用试点，制定本方案。", {"国家组织医用耗材集中采购和使用试点"}),
    # a quoted name that opens with a number that is not a year
    ("实施“30分钟文化服务圈”提升工程，年内建成一批。", {"“30分钟文化服务圈”提升工程"}),
    # parallel quoted names counted by what follows them
    ("集中开展“清网”“护苗”“固边”三项整治，打击违法行为。", {"清网", "护苗", "固边"}),
    # a coined name put to work by a verb, followed by the service it names
    ("推动“乡村夜读”志愿服务全覆盖。", {"乡村夜读"}),
    ("推进“银发课堂”运维服务提质，扩大受益面。", {"银发课堂"}),
    # a quoted five-year-plan term opening a programme's name
    ("启动“十五五”乡村文化设施提升工程。", {"“十五五”乡村文化设施提升工程"}),
    # exchange and themed years without quotes, also before …各项活动 / …系列活动
    ("推动中国与北欧媒体交流年各项活动落地。", {"中国与北欧媒体交流年"}),
    ("承办中俄体育交流年哈尔滨系列活动。", {"中俄体育交流年"}),
    # Hong Kong and Taiwan quote marks
    ("啟動「書香鄰里」閱讀推廣活動和『文物守望』專項行動。", {"「書香鄰里」閱讀推廣活動", "『文物守望』專項行動"}),
    # a round of inspections named with its year
    ("决定开展2031年消防安全专项督查。", {"2031年消防安全专项督查"}),
    # unquoted programmes listed and then counted: the count makes every item a programme
    ("推进春苗工程、书香工程和乡村影院工程这三项工程。", {"春苗工程", "书香工程", "乡村影院工程"}),
    ("会议就今年实施平安播出工程、惠民工程、精品提升工程和全民阅读工程这四项工程作出部署。",
     {"平安播出工程", "惠民工程", "精品提升工程", "全民阅读工程"}),
    ("深入实施银龄计划、护蕾计划、暖冬计划等三大计划。", {"银龄计划", "护蕾计划", "暖冬计划"}),
    # a list closed by 等 and a kind of programme that only classifies the items
    ("实施文化惠民工程、乡村戏台修缮工程、农村电影放映工程等重大文化工程。",
     {"文化惠民工程", "乡村戏台修缮工程", "农村电影放映工程"}),
    # three or more parallel quoted code names put to work, with or without a programme word
    ("持续开展“清网”“护蕾”“秋实”，净化网络环境。", {"清网", "护蕾", "秋实"}),
    ("扎实推进“清网”“护蕾”“秋实”“固边”“清源”五大专项。", {"清网", "护蕾", "秋实", "固边", "清源"}),
    # a named reform and a party education campaign: the head right after the quote
    ("持续推进“证照联办”改革，深化“一窗受理”改革。", {"“证照联办”改革", "“一窗受理”改革"}),
    ("推进“三学一做”学习教育常态化制度化。", {"“三学一做”学习教育"}),
    ("开展“守初心、担使命”主题教育。", {"“守初心、担使命”主题教育"}),
]


@pytest.mark.parametrize("text,expected", POSITIVE)
def test_projects_found_in_genre_sentences(pipeline, text, expected):
    assert _labels(pipeline, text) == expected


# --- negative cases: generic phrases and other kinds of names -----------------------------------

NEGATIVE = [
    "这是一项系统工程，必须久久为功。",
    "各地要结合实际开展试点，及时总结试点经验。",
    "落实年度工作计划，开展宣传活动。",
    "任何单位和个人不得从事违法经营活动。",
    "确定5个城市为试点城市，扩大试点范围。",
    "要落实“六稳”要求，做好“六保”工作。",
    "坚持计划生育基本国策。",
    "2031年是全面深化改革的关键之年。",
    "今年的专项行动重点围绕短视频领域。",
    "推动落实“谁主管谁负责”责任。",
    "期间组织举办“数字文化成果展”。",
    "支持开展学术交流活动和群众性文化活动。",
    "推进重大项目、重大工程、重大政策落实。",
    "大力实施精品工程，坚决杜绝形象工程。",
    "落实“十四五”规划重大工程项目。",
    "各地要把思想和行动统一到决策部署上来。",
    "以实际行动迎接党的二十大胜利召开。",
    # a quoted slogan or concept before a noun phrase is no programme
    "推进“智慧社区”建设，推动“体医融合”改革。",
    # a list of slogans or policy ideas after a verb; a reform word after other words
    "推进“多规合一”“一网通办”“体医融合”。",
    "推进“证照联办”审批改革。",
    # plan documents of a government, a bare plan word after a conjunction, a counted programme word
    "将文化科技纳入国家相关科技发展规划和计划。",
    "纳入当地国民经济和社会发展计划，列入本级人民政府基本建设投资计划。",
    "推进重大工程、惠民工程两项工程。",
    "做好这三项工程的收尾工作。",
    # statute clauses: 工程 as construction works, 计划 as a document drawn up, fragments of a clause
    "禁止任何组织和个人干扰工程管理单位的正常工作。",
    "县级以上人民政府应当组织有关部门及时采取工程治理措施。",
    "常务委员会在确定年度立法计划前，应当征求意见。",
    "鼓励单位和个人按规划兴建水利工程。",
    "支持传承人开展该项目的展示展演活动。",
    "主管部门应当组织制定农业机械化推广计划。",
    "管理单位应当实施堤防工程设施维修。",
    "保修范围包括地基基础工程、主体结构工程、屋面防水工程和其他土建工程。",
    "保修范围包括地基基础工程、主体结构工程等工程。",
    "组织开展文艺演出活动、送戏下乡活动等文化活动。",
    "加强防洪工程、排涝工程等水利工程建设。",
    "经营范围中包含“从事文化投资活动”的企业，不得使用“文化基金”字样或者近似名称进行投资活动。",
    "推进旧区改造、“城中村”改造等城市更新活动。",
    "期间举办“光明”“星火”“春晖”等重大活动。",
    "坚持“两个确立”“四个意识”两项要求。",
    "推动“东方红号”列车常态化运行。",
    "推动“体医融合”服务全覆盖。",
    # an annual meeting, a category of activities, a period
    "共同举办中国国际教育年会。",
    "全年组织各类阅读活动不少于500场。",
    "“十五五”期间实施一批重大文化工程。",
    "实施“十五五”重点工程。",
    # an instrument named again without its marks, or as the X of a notice's title
    "实施文化消费提质三年行动计划。\n《文化消费提质三年行动计划（2031—2033年）》已印发。",
    "省政府办公厅关于印发乡村文化振兴五年行动计划的通知（某政办发〔2031〕3号）要求，实施乡村文化振兴五年行动计划。",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_generic_phrases_are_not_projects(pipeline, text):
    assert _labels(pipeline, text) == set()


# --- resolution keys ----------------------------------------------------------------------------

def _keys_by_label(pipeline, text: str) -> dict[str, str]:
    return {m.label: m.key for m in _mentions(pipeline, text)}


def test_repeated_campaign_forms_share_a_key(pipeline):
    text = "以“清源”专项行动为抓手。工作抓手是继续深入开展“清源行动”。"
    keys = _keys_by_label(pipeline, text)
    assert set(keys) == {"“清源”专项行动", "清源行动"}
    assert len(set(keys.values())) == 1


def test_list_item_meets_its_campaign_name(pipeline):
    text = "深入开展“晨光”“春苗”等专项行动。其中“晨光”专项行动重点整治校园周边。"
    ms = _mentions(pipeline, text)
    assert {m.key for m in ms if "晨光" in m.label} == {project_key("晨光")}


def test_pilot_variants_share_a_key(pipeline):
    text = ("协调推进文物认定和登录分开试点工作。"
            "二是组织实施博物馆定级评估试点工作和文物认定与登录分开改革扩大试点工作。")
    keys = _keys_by_label(pipeline, text)
    assert keys["文物认定和登录分开试点"] == keys["文物认定与登录分开改革扩大试点"]
    assert keys["博物馆定级评估试点"] != keys["文物认定和登录分开试点"]


def test_middle_dot_and_comma_variants_share_a_key(pipeline):
    text = "稳步推进“光影同行，万家共享”的海外布局。精心培育“光影同行·万家共享”“文脉中国剧场”等活动。"
    keys = _keys_by_label(pipeline, text)
    assert keys["光影同行，万家共享"] == keys["光影同行·万家共享"]
    assert "文脉中国剧场" in keys


def test_a_round_named_with_its_year_meets_the_programme(pipeline):
    text = "决定开展2031年消防安全专项督查。各地要配合做好消防安全专项督查。"
    keys = _keys_by_label(pipeline, text)
    assert set(keys) == {"2031年消防安全专项督查", "消防安全专项督查"}
    assert len(set(keys.values())) == 1


def test_count_must_match_the_list(pipeline):
    assert _labels(pipeline, "开展“春风”“秋实”“冬藏”两项整治。") == set()


def test_short_form_in_brackets_takes_the_full_name_key(pipeline):
    text = "继续实施边远地区乡村教师专项培训计划（简称“乡培计划”）。深入开展“乡培计划”。"
    ms = _mentions(pipeline, text)
    assert {m.label for m in ms} == {"边远地区乡村教师专项培训计划", "乡培计划"}
    assert len({m.key for m in ms}) == 1
    assert len(ms) == 3


def test_repeats_are_found_inside_titles_and_group_names(pipeline):
    name = "国家组织医用耗材集中采购和使用试点"
    text = (f"开展{name}，制定本方案。\n《{name}方案》印发后，{name}工作小组办公室要会同有关部门做好监测。")
    ms = [m for m in _mentions(pipeline, text) if m.label == name]
    assert len(ms) == 3 and len({m.key for m in ms}) == 1


def test_traditional_characters(pipeline):
    trad = "深入實施“城鄉閱讀推廣工程”，組織開展“書香少年”創作計劃，開展“清朗網絡”專項整治。"
    simp = "深入实施“城乡阅读推广工程”，组织开展“书香少年”创作计划，开展“清朗网络”专项整治。"
    t, s = _mentions(pipeline, trad), _mentions(pipeline, simp)
    assert [(m.start, m.end) for m in t] == [(m.start, m.end) for m in s]
    assert [m.key for m in t] == [m.key for m in s]
    assert {m.label for m in t} == {"城鄉閱讀推廣工程", "“書香少年”創作計劃", "“清朗網絡”專項整治"}


# --- properties -----------------------------------------------------------------------------------

_NOUNS = ["乡村", "书屋", "数字", "阅读", "非遗", "人才", "电网", "改造", "影视", "出版", "社区", "养老",
          "医疗", "文物", "湿地", "古籍", "少儿", "动漫", "戏曲", "边疆"]
_VERBS = ["实施", "开展", "组织实施", "深入开展", "加快推进", "启动"]
_HEADS = ["工程", "计划", "试点", "专项行动", "行动"]
_stems = st.lists(st.sampled_from(_NOUNS), min_size=2, max_size=4, unique=True).map("".join)

_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_SETTINGS
@given(verb=st.sampled_from(_VERBS), stem=_stems, head=st.sampled_from(_HEADS))
def test_name_after_a_launching_verb_is_found_whole(pipeline, verb, stem, head):
    text = f"各地要{verb}{stem}{head}，确保取得实效。"
    ms = _mentions(pipeline, text)
    assert [m.label for m in ms] == [stem + head]
    assert ms[0].rule == "project.verb"


@_SETTINGS
@given(names=st.lists(st.tuples(_stems, st.sampled_from(["工程", "计划"])), min_size=2, max_size=4, unique=True))
def test_every_item_of_an_enumeration_is_found(pipeline, names):
    items = [s + h for s, h in names]
    if len(set(items)) != len(items) or any(a in b for a in items for b in items if a != b):
        return  # one item inside another is a different case
    text = "主要任务是：" + "、".join(items) + "。"
    assert [m.label for m in _mentions(pipeline, text)] == items


_ALPHABET = st.sampled_from(list("实施开展推进工程计划行动活动试点评选年专项“”《》，。、："
                                 "和与的等为文化出版乡村人才数字2031（）\n"))


@_SETTINGS
@given(text=st.text(_ALPHABET, max_size=80))
def test_mentions_are_exact_non_overlapping_spans(pipeline, text):
    ms = _mentions(pipeline, text)
    for m in ms:
        assert m.type == "Project" and m.text == text[m.start:m.end] and m.label and m.key
    spans = sorted((m.start, m.end) for m in ms)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


@_SETTINGS
@given(prefix=st.sampled_from(["", "各地区各部门：\n", "二是强化保障。", "（三）"]), stem=_stems)
def test_offsets_follow_the_text(pipeline, prefix, stem):
    body = f"组织实施{stem}工程。"
    a, b = _mentions(pipeline, body), _mentions(pipeline, prefix + body)
    assert [(m.start + len(prefix), m.end + len(prefix), m.label) for m in a] == [(m.start, m.end, m.label) for m in b]


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t").convert


@settings(max_examples=60, deadline=None)
@given(stem=_stems, conj=st.sampled_from(["和", "与"]), head=st.sampled_from(_HEADS))
def test_project_key_ignores_quotes_conjunction_and_script(stem, conj, head):
    name = stem[:2] + conj + stem[2:] + head
    assert project_key(f"“{stem}”{head}") == project_key(stem + head)
    assert project_key(name.replace(conj, "和")) == project_key(name.replace(conj, "与"))
    trad = _s2t()(name)
    assert project_key(trad) == project_key(name)
    assert len(fold(trad)) == len(trad)


def test_generic_stems_and_themed_years():
    assert is_generic_stem("重大") and is_generic_stem("五大") and is_generic_stem("年度工作") and is_generic_stem("")
    assert not is_generic_stem("骨干集团培育") and not is_generic_stem("重大出版")
    assert themed_year_ok("电影质量促进年") and themed_year_ok("中俄媒体交流年")
    assert not themed_year_ok("关键之年") and not themed_year_ok("2017年") and not themed_year_ok("建党百年")


# --- annotated documents ------------------------------------------------------------------------

def _project_f1(pipeline, pairs: list[tuple[Path, Path]]) -> float:
    from kg.api import build_graph
    from kg.evaluate import evaluate

    graph = build_graph([t for t, _ in pairs], pipeline=pipeline)
    return evaluate(graph, [g for _, g in pairs]).figure("Project")


def test_genre_documents_projects(pipeline):
    """The project's own genre documents (news, notice, statute, traditional work plan)."""
    pairs = [(p, p.with_suffix(".json")) for p in sorted(GENRE.glob("*.txt")) if p.with_suffix(".json").is_file()]
    if not pairs:
        pytest.skip(f"no annotated genre documents in {GENRE}")
    for text, gold in pairs:
        assert json.loads(gold.read_text(encoding="utf-8"))["document"] == text.name
    assert _project_f1(pipeline, pairs) >= 0.9


def test_reference_document_projects(pipeline, reference_path, reference_gold):
    assert _project_f1(pipeline, [(reference_path, reference_gold)]) >= 0.9


def test_dev_documents_projects(pipeline):
    docs, gold = SHARED / "corpus" / "dev", SHARED / "gold" / "dev"
    pairs = [(p, gold / (p.stem + ".json")) for p in sorted(docs.glob("*.txt"))
             if (gold / (p.stem + ".json")).is_file()]
    if not pairs:
        pytest.skip(f"development documents not found in {docs} (../shared is absent)")
    assert _project_f1(pipeline, pairs) >= 0.9


def test_counted_lists_quoted_reforms_and_code_names_in_traditional_characters(pipeline):
    trad = ("推進春苗工程、書香工程和鄉村影院工程這三項工程。持續推進「證照聯辦」改革。"
            "持續開展「清網」「護蕾」「秋實」，淨化環境。")
    simp = ("推进春苗工程、书香工程和乡村影院工程这三项工程。持续推进“证照联办”改革。持续开展“清网”“护蕾”“秋实”，"
            "净化环境。")
    t, s = _mentions(pipeline, trad), _mentions(pipeline, simp)
    assert [(m.start, m.end, m.key) for m in t] == [(m.start, m.end, m.key) for m in s]
    assert len(t) == 7
