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
    text = ("某局工作安排\n一、总体要求\n（一）工作目标\n全面完成年度各项任务，确保质量和进度。\n（二）基本原则\n"
            "坚持统筹兼顾，突出工作重点。\n")
    assert _headings(text) == ["一、总体要求", "（一）工作目标", "（二）基本原则"]


def test_structure_statute_sections_are_chapters_not_articles():
    secs = [s for s in _sections(STATUTE) if s.heading]
    assert [s.heading for s in secs] == ["第一章 总则", "第二章 保护措施", "第三章 附则"]
    # the closing article lies in the last chapter
    assert secs[-1].start < STATUTE.index("本条例自") < secs[-1].end


def test_structure_statute_without_chapters_has_no_sections():
    text = ("某县河道管理办法\n第一条 为了加强河道管理，制定本办法。\n第二条 县水利局负责全县河道的统一管理。\n"
            "第三条 本办法自2031年1月1日起施行。\n")
    assert _headings(text) == []


def test_structure_signature_date_and_number_lines_are_not_headings():
    text = ("某省人民政府办公厅关于做好汛期值守工作的通知\n某政办发〔2030〕9号\n各市人民政府，省政府各部门：\n"
            "入汛以来，我省降雨偏多，防汛形势严峻，请各地切实做好值班值守。\n某省人民政府办公厅\n2030年6月2日\n"
            "（此件公开发布）\n")
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


# --- layout-independent structure (issue 10) and short headings (issue 12) ---------------------------------------

REPORT_SECTIONS = (
    ("深化版权保护合作",
     "2031年，版权管理司将继续开展打击侵权盗版专项行动，规范网络转载秩序。全年查办案件不少于两百件。"),
    ("推进出版融合发展", "数字出版司要加快建设融合出版重点实验室，培育一批示范单位。"),
    ("拓展国际传播影响", "在新的一年里，国际合作司将组织参加国际书展，推动版权输出。"),
)
REPORT_TITLE = "某总局司局负责人谈2031年工作重点"
REPORT_LEAD = "记者近日采访了有关司局负责人。"


def _report(title_sep: str = "", head_sep: str = "", sent_sep: str = "", tail: str = "") -> str:
    """An invented department compilation: title, lead, then glued or lined headings and their bodies."""
    out = REPORT_TITLE + title_sep + REPORT_LEAD
    for head, body in REPORT_SECTIONS:
        sents = [x + "。" for x in body.split("。") if x]
        out += (head_sep or sent_sep) + head + head_sep + sent_sep.join(sents)
    return out + tail


def test_structure_glued_headings_are_found_whatever_the_line_breaks(pipeline):
    """A title line, one sentence per line, a trailing line: the same glued headings are found."""
    from kg.model import Document

    want = [h for h, _ in REPORT_SECTIONS]
    layouts = {
        "one line": _report(),
        "title line": _report(title_sep="\n"),
        "trailing line": _report(tail="\n（责任编辑：某某）\n"),
        "sentence per line": _report(title_sep="\n", sent_sep="\n"),
        "heading lines": _report(title_sep="\n", head_sep="\n"),
        "crlf and indentation": "\r\n".join("\u3000\u3000" + x for x in _report(title_sep="\n",
                                                                                head_sep="\n").split("\n")),
    }
    for name, text in layouts.items():
        parsed = pipeline.parse(Document("r.txt", text))
        assert [s.heading for s in parsed.sections if s.heading] == want, name


def test_structure_glued_heading_at_a_line_start_in_a_notice():
    text = "某局关于2031年重点工作的通报\n各处室：\n强化公共服务保障2031年，我局将新建社区书房三十个。\n请认真落实。\n"
    assert _headings(text) == ["强化公共服务保障"]


def test_structure_no_glued_heading_before_a_word_that_only_starts_with_zai(pipeline):
    """在 opens a clause only as a word of its own: 在线政务服务平台 is no opener."""
    from kg.model import Document

    text = "标题\n（四）提供服务。做好与全国一体化在线政务服务平台的对接，推进数据共享。\n"
    assert all("一体化" not in s.heading for s in pipeline.parse(Document("z.txt", text)).sections)
    text = "标题\n前言。做好与全国一体化在新的一年里我们要推进数据共享。\n"
    assert [s.heading for s in pipeline.parse(Document("z.txt", text)).sections if s.heading] == ["做好与全国一体化"]


def test_structure_a_subject_naming_an_organ_is_no_heading():
    from kg.structure import _glued_headings

    text = "总则如下。发展和改革行政主管部门在审批建设项目时，应当征求水行政主管部门意见。"
    assert _glued_headings(text, split_sentences(text)) == []


def test_structure_a_known_short_name_inside_a_longer_known_name_is_not_the_cut():
    """…保障规划财务司: the gazetteer knows 某总局规划财务司, so the heading ends before 规划, not before 财务司;
    …产业发展版权管理司: nothing known ends in 发展版权管理司, so the heading keeps 发展."""
    from kg.structure import _glued_headings

    known = ("某某总局规划财务司", "财务司", "版权管理司")
    a = "前言如下。加强资金保障规划财务司会同财政部落实补助资金。"
    b = "前言如下。推进版权产业发展版权管理司将着力提升保护效能。"
    assert [a[s:e] for s, e in _glued_headings(a, split_sentences(a), known=known)] == ["加强资金保障"]
    assert [b[s:e] for s, e in _glued_headings(b, split_sentences(b), known=known)] == ["推进版权产业发展"]


def test_structure_date_lines_are_never_headings():
    text = ("某会议在京召开\n2031-01-21\n会议总结了去年的工作，部署了今年的任务，要求各单位抓好落实。\n"
            "一、基本情况\n某村位于江边，近年来多次出现险情，群众反映强烈。\n某某专家组\n二〇三一年十月十日\n")
    assert _headings(text) == ["一、基本情况"]


def test_structure_a_signature_over_two_lines_is_no_heading():
    text = ("关于某事项的报告\n经调查，情况基本属实，建议尽快处理并加强监测，确保群众安全。\n"
            "某省某县某镇某村\n地质险情调查专家组\n二〇三一年九月二十三日\n")
    assert _headings(text) == []


def test_structure_the_list_of_attachments_is_no_heading():
    text = ("某部关于某事项的复函\n某省人民政府：\n你省来函收悉。经研究，现函复如下，请认真做好有关工作。\n"
            "附件：1.某部关于某事项的意见\n2.某专家组关于某事项的调查意见\n某部办公厅\n二〇三一年十一月四日\n"
            "附件1\n关于某事项调研情况的报告，以及有关单位意见的汇总说明\n一、基本情况\n"
            "情况基本属实，需要进一步监测。\n")
    heads = _headings(text)
    assert "2.某专家组关于某事项的调查意见" not in heads and "一、基本情况" in heads
    assert all("二〇三一" not in h for h in heads)


def test_structure_three_short_lines_in_a_row_are_text_not_a_heading():
    text = "某诗选\n春眠不觉晓\n处处闻啼鸟\n夜来风雨声\n花落知多少，这是一首人们熟知的古诗，描写了春天的早晨。\n"
    assert _headings(text) == []


def test_structure_a_page_of_one_character_lines_is_text_and_fast():
    """200,000 one-character lines: no heading at all (a heading is short), found in linear time."""
    import time

    for text in ("字\n" * 200_000, "标题\n" + "字\n" * 200_000 + "正文很长很长的一句话，用来结束全文。"):
        t0 = time.perf_counter()
        _, sections = parse_structure(text)
        assert time.perf_counter() - t0 < 10
        assert [s.heading for s in sections if s.heading] == []
        assert sections[-1].end == len(text)


def test_structure_heading_length_is_linear_in_time():
    """Twenty thousand glued-heading candidates are examined in well under the time of a quadratic scan."""
    import time

    from kg.structure import find_sections

    text = "标题\n" + "\n".join(["持续推进法治建设工作2031年，我们要加强立法。"] * 20_000)
    t0 = time.perf_counter()
    secs = find_sections(text, split_sentences(text), known=tuple(f"某某{k}司" for k in range(300)))
    assert time.perf_counter() - t0 < 10
    assert len(secs) == 20_001 and all(s.heading == "持续推进法治建设工作" for s in secs[1:])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["一、总体要求", "（一）工作目标", "字", "政策扶持见效", "客流稳步回升", "2031年6月2日",
                                 "全面完成年度任务，确保质量和进度。", "持续推进法治建设2031年，某司将加强立法。",
                                 "某某部", "二〇三一年一月五日", ""]), max_size=40))
def test_structure_every_heading_is_short(lines):
    from kg.structure import MAX_HEADING

    text = "标题\n" + "\n".join(lines)
    _, sections = parse_structure(text)
    assert all(len(s.heading) <= MAX_HEADING for s in sections)


def test_structure_is_date_line():
    from kg.structure import is_date_line

    assert is_date_line("2031年6月2日") and is_date_line("二〇三一年十一月四日") and is_date_line("2031-01-21")
    assert is_date_line("（2031年3月1日）") and is_date_line("2031.1.21")
    assert not is_date_line("2031年3月24日，某省人民政府报送了请示。") and not is_date_line("2031年工作要点")


def test_structure_item_start_finds_the_task_of_a_note_on_its_own_line():
    """A closing note on a line of its own belongs to the numbered item above it (one sentence per line)."""
    from kg.structure import item_start

    lines = ["一、推进书香建设", "（一）实施甲工程。", "年底前完成改造。", "（牵头单位：某厅）",
             "（二）开展乙活动。", "（牵头单位：某局）", "丙工作常抓不懈。", "丁工作按期完成。", "（牵头单位：某委）"]
    text = "标题\n" + "\n".join(lines)
    notes = [i for i in range(len(text)) if text.startswith("（牵头", i)]
    starts = [text[item_start(text, n):].split("\n")[0] for n in notes]
    assert starts == ["（一）实施甲工程。", "（二）开展乙活动。", "丁工作按期完成。"]
    # a note after its task on the same line: the line start; CRLF-free indentation is skipped
    text = "标题\n\u3000\u3000（一）实施甲工程。（牵头单位：某厅）\n\u3000\u3000（牵头单位：某局）"
    assert item_start(text, text.index("（牵头单位：某厅")) == text.index("\u3000\u3000（一）")
    assert item_start(text, text.rindex("（牵头")) == text.index("（一）")
    # a blank line ends the look-up: the note has no item above it but its own line
    text = "（一）实施甲工程。\n\n（牵头单位：某厅）"
    assert item_start(text, text.index("（牵头")) == text.index("（牵头")


def test_structure_a_title_over_its_adoption_note_is_a_heading_a_signature_over_its_date_is_not():
    """附件的标题 / （2031年5月28日某某会议通过）: an attached law's title; 某某部 / 2031年1月5日: a signature."""
    text = ("某某法\n第一条 本法自2032年1月1日起施行。\n附件：\n某某图案\n（2031年5月28日某某委员会第八次会议通过）\n"
            "说明：图案的内容为国旗和齿轮，象征团结与劳动，各部分比例见附图。\n某某委员会办公厅\n2031年6月2日\n")
    assert _headings(text) == ["某某图案"]
    text = "某某报告\n附件2\n关于某事项的调查意见\n2031年3月24日，某省人民政府报送了请示，专家组随即赴现场调查。\n"
    assert _headings(text) == ["附件2\n关于某事项的调查意见"]


def test_structure_a_bare_marker_is_a_heading_only_with_its_title_below():
    """第一章 / 总则 over two lines (as PDF text has it) is one heading; a column of bare markers is no heading."""
    text = ("某县古树保护办法\n第一章\n总则\n第一条 为了保护古树，制定本办法。\n第二章\n附则\n"
            "第二条 本办法自2032年1月1日起施行。\n")
    assert _headings(text) == ["第一章\n总则", "第二章\n附则"]
    assert _headings("标题\n" + "一、\n" * 1000 + "正文很长的一句话，用来结束全文。") == []


def test_structure_numbered_headings_glued_to_the_next_level_in_one_line_text():
    """一、X（一）… and 第二章 X第三条 … in one-line text: the numbered heading ends where the deeper item begins."""
    notice = ("某省2031年文化工作要点一、推进书香建设（一）实施“书香某省”阅读工程，新建书房五十个。（二）"
              "开展读书月活动。"
              "二、强化服务保障（三）加强资金保障。现提出如下意见：一、总体要求（一）指导思想。坚持以人民为中心。")
    assert _headings(notice) == ["一、推进书香建设", "二、强化服务保障", "一、总体要求"]
    statute = ("某市古树保护条例第一章 总 则第一条 为了保护古树，制定本条例。第二条 适用范围。第二章 保护措施第三条 "
               "园林部门负责。")
    assert _headings(statute) == ["第一章 总 则", "第二章 保护措施"]
    # references to chapters and lists inside running text are no headings
    text = "依照本条例第一章规定的第一条处理。实现统一、规范（一）管理。根据第二章的规定，第三条另有规定的除外。"
    assert _headings(text) == []
