"""Statutes and instruments: Markdown read as Markdown, a document's own instrument, its effective
date and issuer, references that are not instruments, numbered and generic titles kept apart, and
links between instruments. Every statute here is invented for these tests (same shapes as real ones)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.laws import is_own_title, own_title_key
from kg.markdown_text import markdown_to_text
from kg.pipeline import DocResult, merge_results
from kg.reader import document_from_bytes
from kg.resolve import base_name

from .conftest import SHARED

STATUTE_MD = """# 某省古籍保护条例

2031年5月20日 某省人民代表大会常务委员会公告第12号公布

<!-- INFO END -->

## 第一章 总则

第一条 为了保护古籍，根据《中华人民共和国文物保护法》《某省文化遗产条例》等法律、法规，结合本省实际，制定本条例。

第二条 违反本条例第二十三条第一款规定的，依照刑法或者治安管理处罚法的有关规定处理。

第三条 《中华人民共和国档案法》（以下简称档案法）另有规定的，依照档案法的规定执行。

第四十条 本条例自2032年1月1日起施行。2001年3月1日公布的《某省古籍管理办法》同时废止。
"""


def _process(pipeline, text: str, name: str = "a.md") -> DocResult:
    doc = document_from_bytes(text.encode("utf-8"), name, suffix="." + name.rsplit(".", 1)[-1])
    return pipeline.process(doc)


def _labels(result: DocResult, type_: str = "Law") -> set[str]:
    return {e.label for e in result.entities if e.type == type_}


def _rels(result: DocResult, predicate: str) -> set[tuple[str, str]]:
    label = {e.key: e.label for e in result.entities}
    return {(label[r.subject], label[r.object]) for r in result.relations if r.predicate == predicate}


# --- Markdown ----------------------------------------------------------------------------------

def test_markdown_markup_is_blanked_in_place():
    src = "# 某某条例\n\n<!-- INFO END -->\n\n- **第一条** 为了……\n> 引文\n\n| 甲 | 乙 |\n|---|---|\n"
    text, title = markdown_to_text(src)
    assert title == "某某条例"
    assert len(text) == len(src)
    assert not re.search(r"[#*<>|!-]", text), text
    # every character that is not markup stays where it was
    assert text.index("某某条例") == src.index("某某条例") and text.index("第一条") == src.index("第一条")


def test_markdown_setext_heading_links_and_escapes():
    src = "某市物业条例\n======\n\n见[某法](http://example.org/a_(b)) 与 \\*注\\* &amp; `代码`\n"
    text, title = markdown_to_text(src)
    assert title == "某市物业条例" and len(text) == len(src)
    assert "http" not in text and "=" not in text and "\\" not in text and "`" not in text
    assert "某法" in text and text.count("*") == 2  # escaped stars are text, their backslashes blanked


def test_markdown_ordered_numbers_are_kept_bullets_are_not():
    text, _ = markdown_to_text("# 要点\n\n1. 加强古籍保护\n2. 推进数字化\n\n- 其他事项\n")
    assert "1. 加强古籍保护" in text and "2. 推进数字化" in text and "-" not in text


def test_markdown_front_matter_is_metadata():
    src = "---\ntitle: 某某规定\n---\n\n# 某某规定\n\n第一条 为了……，制定本规定。\n"
    text, title = markdown_to_text(src)
    assert title == "某某规定" and len(text) == len(src) and "title" not in text and "-" not in text


_MD_PIECES = st.sampled_from(["# ", "## ", "- ", "1. ", "> ", "**", "*", "`", "<!-- 注 -->", "\n", "\n\n", "|", "[",
                              "](x)", "条例", "第一条", "某省", "，", "。", "\\", "&amp;", " "])


@given(st.lists(_MD_PIECES, max_size=40).map("".join))
@settings(max_examples=200, deadline=None)
def test_markdown_text_keeps_length_and_lines(src):
    text, title = markdown_to_text(src)
    assert len(text) == len(src)
    assert [i for i, c in enumerate(text) if c == "\n"] == [i for i, c in enumerate(src) if c == "\n"]
    # only markup is blanked: a character either stays or becomes a space (entities become their character)
    assert all(t == s or t == " " or s == "&" for s, t in zip(src, text, strict=True))
    assert "\n" not in title


def test_reader_reads_markdown_as_markdown_and_html_as_before():
    doc = document_from_bytes(STATUTE_MD.encode(), "x.md", suffix=".md")
    assert doc.media_type == "text/markdown" and doc.title == "某省古籍保护条例"
    assert "#" not in doc.text and "<!--" not in doc.text and len(doc.text) == len(STATUTE_MD)
    html = document_from_bytes("<html><title>某页</title><p>正文</p></html>".encode(), "x.html", suffix=".html")
    assert html.media_type == "text/html" and html.title == "某页" and html.text == "正文"


# --- the document's own instrument ---------------------------------------------------------------

def test_own_instrument_title_effective_date_issuer(pipeline):
    r = _process(pipeline, STATUTE_MD)
    own = next(e for e in r.entities if e.key == r.info.instrument)
    assert own.type == "Law" and own.label == "某省古籍保护条例"
    assert not any(lbl.startswith("#") for lbl in _labels(r))
    dates = {e.key: e.value for e in r.entities if e.type == "Date"}
    assert {dates[x.object] for x in r.relations
            if x.predicate == "effectiveDate" and x.subject == own.key} == {"2032-01-01"}
    issuers = _rels(r, "issuedBy")
    assert ("某省古籍保护条例", "某省人民代表大会常务委员会") in issuers
    assert ("某省人民代表大会常务委员会", "某省古籍保护条例") in _rels(r, "responsibleFor")
    assert r.info.issue_date == "2031-05-20"


def test_own_title_of_a_notice_and_of_an_interpretation():
    notice = "某省人民政府办公厅关于做好古籍普查工作的复函\n某政办函〔2031〕8号\n某市人民政府：\n来函收悉。"
    assert is_own_title("某省人民政府办公厅关于做好古籍普查工作的复函", notice)
    interp = "某级法院关于审理古籍纠纷案件适用法律若干问题的解释（二）"
    assert is_own_title(interp, interp + "\n为正确审理……，解释如下：\n一、……")
    assert is_own_title("某法修正案（三）", "某法修正案（三）\n一、将某法第一条修改为……\n本修正案自公布之日起施行。")
    # a headline of a news report is not an instrument
    news = "某市出台文化发展规划\n本报讯 某市日前出台文化发展规划，明确……。"
    assert not is_own_title("某市出台文化发展规划", news)


def test_generic_title_key_carries_issuer_and_year():
    head_a = "2031年5月1日 某甲省第十届人民代表大会常务委员会第3次会议通过"
    head_b = "2032年7月1日 某甲省第十届人民代表大会常务委员会第9次会议通过"
    head_c = "2031年5月1日 某乙省人民代表大会常务委员会公告第2号公布"
    title = "关于修改部分地方性法规的决定"
    keys = {own_title_key(title, h) for h in (head_a, head_b, head_c)}
    assert len(keys) == 3
    assert own_title_key("某甲省古籍保护条例", head_a) == "某甲省古籍保护条例"


def test_generic_titles_of_two_provinces_are_two_laws(pipeline):
    doc = ("# 关于修改部分地方性法规的决定\n\n{head}\n\n<!-- INFO END -->\n\n"
           "某省人民代表大会常务委员会决定，对下列地方性法规作出修改。\n\n本决定自公布之日起施行。\n")
    a = _process(pipeline, doc.format(head="2031年5月1日 某甲省人民代表大会常务委员会第3次会议通过"), "a.md")
    b = _process(pipeline, doc.format(head="2031年6月1日 某乙省人民代表大会常务委员会第4次会议通过"), "b.md")
    corpus = merge_results([a, b])
    own = [e for e in corpus.entities if e.type == "Law" and e.label == "关于修改部分地方性法规的决定"]
    assert len(own) == 2 and a.info.instrument != b.info.instrument


# --- references are not instruments ------------------------------------------------------------

def test_references_are_not_instruments(pipeline):
    labels = _labels(_process(pipeline, STATUTE_MD))
    assert not any(re.search(r"第[一二三四五六七八九十百]+条|简称|^(?:者|对|依照|根据|按照|具有)",
                             x) for x in labels), labels
    assert {"中华人民共和国文物保护法", "某省文化遗产条例", "治安管理处罚法", "某省古籍管理办法"} <= labels
    assert "刑法" in labels


def test_declared_short_form_is_an_alias(pipeline):
    r = _process(pipeline, STATUTE_MD)
    archive = [e for e in r.entities if e.type == "Law" and "档案法" in e.label]
    assert len(archive) == 1
    assert archive[0].label == "中华人民共和国档案法"


# --- numbered instruments, full and short names -------------------------------------------------

def test_ordinals_are_part_of_the_name():
    assert base_name("某罪名的补充规定（四）") != base_name("某罪名的补充规定（七）")
    assert base_name("某法修正案（九）") != base_name("某法修正案（十）")
    assert base_name("某法（2031年修订）") == base_name("某法") == base_name("中华人民共和国某法")
    assert base_name("中华人民共和国某法修正案（九）") == "某法修正案（九）"


def test_numbered_amendments_across_documents_stay_apart(pipeline):
    docs = [_process(pipeline, f"# 某法修正案（{n}）\n\n一、将某法第一条修改为……\n\n本修正案自公布之日起施行。\n",
                     f"{n}.md")
            for n in ("九", "十")]
    corpus = merge_results(docs)
    own = {e.label for e in corpus.entities if e.key in {d.info.instrument for d in docs}}
    assert own == {"某法修正案（九）", "某法修正案（十）"}
    amended = {(s, o) for d in docs for s, o in _rels(d, "amends")}
    assert amended == {("某法修正案（九）", "某法"), ("某法修正案（十）", "某法")}


def test_full_and_short_name_of_a_national_law_are_one(pipeline):
    a = _process(pipeline, "# 中华人民共和国某某法\n\n第一条 为了……，制定本法。\n", "a.md")
    b = _process(pipeline, "# 某省实施办法\n\n第一条 根据某某法和有关规定，结合本省实际，制定本办法。\n", "b.md")
    corpus = merge_results([a, b])
    laws = [e for e in corpus.entities if e.type == "Law" and e.label.endswith("某某法")]
    assert len(laws) == 1 and laws[0].label == "中华人民共和国某某法"


def test_a_statute_in_title_marks_is_never_a_work(pipeline):
    r = _process(pipeline, "各单位要学习《公司法》《预算法》，推荐图书《孙子兵法》。", "c.txt")
    assert {"公司法", "预算法"} <= _labels(r) and "孙子兵法" in _labels(r, "Work")
    assert not {"公司法", "预算法"} & _labels(r, "Work")


# --- links between instruments ------------------------------------------------------------------

def test_based_on_and_repeals(pipeline):
    r = _process(pipeline, STATUTE_MD)
    assert _rels(r, "basedOn") == {("某省古籍保护条例", "中华人民共和国文物保护法"),
                                   ("某省古籍保护条例", "某省文化遗产条例")}
    assert _rels(r, "repeals") == {("某省古籍保护条例", "某省古籍管理办法")}
    for rel in r.relations:
        if rel.predicate in ("basedOn", "repeals"):
            assert rel.evidence.sentence
            assert rel.evidence.sentence == r.info.doc.text[rel.evidence.start:rel.evidence.end]


def test_amends_by_title_header_and_body(pipeline):
    decision = ("# 某省人民代表大会常务委员会关于修改《某省河道管理条例》的决定\n\n"
                "2031年3月1日 某省人民代表大会常务委员会第5次会议通过\n\n<!-- INFO END -->\n\n"
                "某省人民代表大会常务委员会决定对《某省河道管理条例》作如下修改：\n\n一、删去第五条。\n")
    r = _process(pipeline, decision)
    assert _rels(r, "amends") == {("某省人民代表大会常务委员会关于修改《某省河道管理条例》的决定", "某省河道管理条例")}
    statute = ("# 某省河道管理条例\n\n2021年3月1日 某省人民代表大会常务委员会第2次会议通过\n\n"
               "2031年3月1日 《某省人民代表大会常务委员会关于修改〈某省河道管理条例〉的决定》第一次修正\n\n"
               "<!-- INFO END -->\n\n第一条 为了管理河道，制定本条例。\n")
    r = _process(pipeline, statute, "b.md")
    assert ("某省人民代表大会常务委员会关于修改〈某省河道管理条例〉的决定", "某省河道管理条例") in _rels(r, "amends")
    # no instrument is based on a provision it merely cites, and nothing links to itself
    assert all(s != o for s, o in _rels(r, "amends") | _rels(r, "basedOn"))


def test_no_links_without_the_patterns(pipeline):
    r = _process(pipeline, "各地要认真贯彻《某省河道管理条例》，不得擅自废止已经批准的规划。", "n.txt")
    assert not (_rels(r, "basedOn") | _rels(r, "amends") | _rels(r, "repeals"))


# --- the real statutes (read from ../shared, never copied) -------------------------------------

STATUTES = SHARED / "corpus" / "statutes"


def test_real_statutes_sample_own_title_and_effective_date(pipeline):
    files = sorted(STATUTES.rglob("*.md"))[::25]
    if not files:
        pytest.skip(f"statutes not found in {STATUTES} (../shared is absent)")
    effective = re.compile(r"本(?:法|条例|规定|办法|细则|决定|解释|规则)自(\d{4})年(\d{1,2})月(\d{1,2})日起施行")
    for f in files:
        r = _process(pipeline, f.read_text(encoding="utf-8"), f.name)
        own = next((e for e in r.entities if e.key == r.info.instrument), None)
        assert own is not None and "".join(own.label.split()) == "".join(r.info.doc.title.split()), f.name
        m = effective.search(r.info.doc.text)
        if m:
            want = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
            values = {e.key: e.value for e in r.entities if e.type == "Date"}
            got = {values[x.object] for x in r.relations if x.predicate == "effectiveDate" and x.subject == own.key}
            assert want in got, f.name


def test_fragments_are_not_instruments(pipeline):
    text = ("某县人民政府制定并实施古镇保护规划，会同有关部门制定和实施村庄建设规划。\n"
            "《决定》第1条规定的行为，依照本办法处理。\n附件三所列地方性法规增减的决定\n")
    labels = _labels(_process(pipeline, text, "f.txt"))
    assert not any(x[0] in "并和所" or x == "决定" for x in labels), labels


def test_effective_on_the_day_of_issue(pipeline):
    text = ("# 某某管理规定\n\n2031年4月1日 某某部发布\n\n<!-- INFO END -->\n\n第一条 为了……，制定本规定。\n\n"
            "第二十条 本规定自发布之日起施行。\n")
    r = _process(pipeline, text)
    values = {e.key: e.value for e in r.entities if e.type == "Date"}
    got = {values[x.object] for x in r.relations if x.predicate == "effectiveDate" and x.subject == r.info.instrument}
    assert got == {"2031-04-01"}
    # without a 发布 line there is no date to take
    r = _process(pipeline, text.replace("2031年4月1日 某某部发布", "2031年4月1日 某某部第3次部务会议审议"))
    assert not [x for x in r.relations if x.predicate == "effectiveDate"]


def test_amendment_in_marks_is_an_instrument_and_a_self_reference_is_not(pipeline):
    r = _process(pipeline, "依照《中华人民共和国某法修正案（三）》处理。单位可根据实际情况确定本条例第三条以外的场所。",
                 "g.txt")
    assert _labels(r) == {"中华人民共和国某法修正案（三）", "中华人民共和国某法"}


def test_general_rules_and_choice_of_law_statutes_are_laws(pipeline):
    r = _process(pipeline, "参照《中华人民共和国某某通则》和《涉外某某关系法律适用法》，阅读《药品用法》一书。",
                 "h.txt")
    assert {"中华人民共和国某某通则", "涉外某某关系法律适用法"} <= _labels(r)
    assert "药品用法" in _labels(r, "Work")


def test_generic_decision_named_in_headers_resolves_to_its_own_document(pipeline):
    decision = ("# 关于修改部分地方性法规的决定\n\n2032年6月1日 某省第十届人民代表大会常务委员会第9次会议通过\n\n"
                "<!-- INFO END -->\n\n某省第十届人民代表大会常务委员会第9次会议决定对下列地方性法规作出修改。\n\n"
                "本决定自公布之日起施行。\n")
    statute = ("# 某省某某条例\n\n2031年5月1日 某省第十届人民代表大会常务委员会第3次会议通过\n\n"
               "{year}年6月1日 某省第十届人民代表大会常务委员会第9次会议《关于修改部分地方性法规的决定》修正\n\n"
               "<!-- INFO END -->\n\n第一条 为了……，制定本条例。\n")
    docs = [_process(pipeline, decision, "d.md"), _process(pipeline, statute.format(year=2032), "s.md"),
            _process(pipeline, statute.format(year=2033).replace("某某条例", "另一条例"), "t.md")]
    corpus = merge_results(docs)
    decisions = [e for e in corpus.entities if e.type == "Law" and e.label == "关于修改部分地方性法规的决定"]
    assert len(decisions) == 2
    assert docs[0].info.instrument in {e.key for e in decisions}
    amended = {(r.subject, r.object) for r in corpus.relations if r.predicate == "amends"}
    assert (docs[0].info.instrument, docs[1].info.instrument) in amended
    assert (docs[0].info.instrument, docs[2].info.instrument) not in amended


def test_running_text_names_never_start_like_a_clause(pipeline):
    text = ("违反本办法规定的，对其依照某某法处罚；具有前款情形者依照某某管理条例处理，"
            "依照企业所得税法和和平利用某某条例执行。")
    labels = _labels(_process(pipeline, text, "k.txt"))
    assert not any(re.match(r"对|依照|具有|者|前款", x) for x in labels), labels
    assert "企业所得税法" in labels


def test_effective_date_on_a_header_line(pipeline):
    text = ("# 某某规定\n\n2031年6月8日 某级法院审判委员会第9次会议通过\n\n2031年8月1日 施行\n\n<!-- INFO END -->\n\n"
            "第一条 为了……，制定本规定。\n\n第二条 2031年9月1日 施行的其他规定不受影响。\n")
    r = _process(pipeline, text)
    values = {e.key: e.value for e in r.entities if e.type == "Date"}
    got = {values[x.object] for x in r.relations if x.predicate == "effectiveDate" and x.subject == r.info.instrument}
    assert got == {"2031-08-01"}


def test_issuers_named_right_before_a_title(pipeline):
    r = _process(pipeline, "为正确适用法律，根据国务院办公厅《关于加强古籍保护工作的意见》和有关规定，制定本办法。",
                 "i.txt")
    assert ("关于加强古籍保护工作的意见", "国务院办公厅") in _rels(r, "issuedBy")
    assert ("国务院办公厅", "关于加强古籍保护工作的意见") in _rels(r, "responsibleFor")
    # a bureau separated from the title by other words is not its issuer
    r = _process(pipeline, "国务院办公厅要求各地落实《关于加强古籍保护工作的意见》。", "j.txt")
    assert not _rels(r, "issuedBy")


def test_own_instrument_of_an_html_page_below_its_navigation(pipeline):
    page = ("<html><head><title>某市古籍保护办法</title></head><body><div>首页 &gt; 政策文件</div>"
            "<h1>某市古籍保护办法</h1><p>第一条 为了保护古籍，制定本办法。</p>"
            "<p>第二十条 本办法自2031年5月1日起施行。</p></body></html>")
    r = _process(pipeline, page, "p.html")
    own = next(e for e in r.entities if e.key == r.info.instrument)
    assert own.label == "某市古籍保护办法"
    values = {e.key: e.value for e in r.entities if e.type == "Date"}
    assert {values[x.object] for x in r.relations
            if x.predicate == "effectiveDate" and x.subject == own.key} == {"2031-05-01"}


def test_a_decision_quoting_an_amended_article_is_not_based_on_its_sources(pipeline):
    decision = ("# 某省人民代表大会常务委员会关于修改《某省古籍保护条例》的决定\n\n<!-- INFO END -->\n\n"
                "某省人民代表大会常务委员会决定对《某省古籍保护条例》作如下修改：\n\n"
                "将第一条修改为：“为了保护古籍，根据《某某法》，制定本条例。”\n\n"
                "将第四十条修改为：“本条例自2032年1月1日起施行。《某省古籍管理办法》同时废止。”\n")
    r = _process(pipeline, decision)
    assert not _rels(r, "basedOn") and not _rels(r, "repeals")
    assert ("某省人民代表大会常务委员会关于修改《某省古籍保护条例》的决定", "某省古籍保护条例") in _rels(r, "amends")


def test_effective_date_of_the_instrument_a_notice_issues(pipeline):
    notice = ("某省人民政府办公厅关于印发某省古籍保护办法的通知\n某政办发〔2031〕3号\n各市人民政府：\n"
              "《某省古籍保护办法》已经省政府同意，现印发给你们。\n第一条 为了保护古籍，制定本办法。\n"
              "第二十条 本办法自2031年5月1日起施行。\n")
    r = _process(pipeline, notice, "n.txt")
    assert r.info.instrument  # the notice itself
    label = {e.key: e.label for e in r.entities}
    subjects = {label[x.subject] for x in r.relations if x.predicate == "effectiveDate"}
    assert subjects == {"某省古籍保护办法"}


def test_drafting_is_not_issuing(pipeline):
    r = _process(pipeline, "某某司将会同财政部制定《公共文化机构考核办法》。"
                           "财政部发布的《某某资金管理办法》自公布之日起施行。", "q.txt")
    assert ("某某资金管理办法", "财政部") in _rels(r, "issuedBy")
    assert not any(s == "公共文化机构考核办法" for s, _ in _rels(r, "issuedBy"))


def test_a_statute_requiring_plans_names_no_instrument(pipeline):
    statute = ("# 某市燃气管理条例\n\n第一条 为了……，制定本条例。\n\n"
               "第二条 市人民政府应当组织编制燃气设施专项规划和应急预案。\n\n"
               "第三条 违反国际法和上位法规定的，由商标法第十三条规定的机关处理。\n\n"
               "第四条 本条例自2031年1月1日起施行。\n")
    labels = _labels(_process(pipeline, statute))
    assert labels == {"某市燃气管理条例"}, labels
    # the same request in a notice names a plan to be drafted
    notice = "各区要加快编制燃气设施专项规划，年底前报市政府。"
    assert "燃气设施专项规划" in _labels(_process(pipeline, notice, "n.txt"))
