"""The Work extractor: creative works in 《》 told from instruments and newspapers by form and context."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.base import ExtractContext
from kg.extract.laws import extract_laws
from kg.extract.works import extract_works
from kg.model import Document, Parsed

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def _parsed(text: str) -> Parsed:
    return Parsed(doc=Document("t.txt", text), tokens=(), sentences=(), sections=())


def _typed(text: str) -> set[tuple[str, str]]:
    """(type, label) of everything the Work and Law extractors find."""
    p = _parsed(text)
    return {(m.type, m.label) for m in extract_works(p, ExtractContext()) + extract_laws(p, ExtractContext())}


def test_chain_of_titles_closed_by_a_work_noun():
    text = "围绕重要宣传节点，重点扶持《春到山乡》《远航》《我的2031》《长河落日》等重点剧目创作。"
    assert _typed(text) == {("Work", "春到山乡"), ("Work", "远航"), ("Work", "我的2031"), ("Work", "长河落日")}


def test_article_named_twice():
    text = "某公众号发布的文章《风起青萍》刷屏网络。评论认为，《风起青萍》一文引用了大量调查报道。"
    p = _parsed(text)
    ms = extract_works(p, ExtractContext())
    assert [(m.label, m.rule) for m in ms] == [("风起青萍", "work.title-context")] * 2
    assert all(m.text == text[m.start:m.end] for m in ms)


def test_same_title_is_a_work_or_a_law_by_its_context():
    # an instrument's form, but a film: the context decides
    assert _typed("电影《决定》将于国庆档上映。") == {("Work", "决定")}
    # the same form applied like an instrument
    assert _typed("全面贯彻落实《决定》精神。") == {("Law", "决定")}
    # a bare title applied like an instrument is a Law, named as a film it is a Work
    assert _typed("各地要认真贯彻《乡村振兴2035》。") == {("Law", "乡村振兴2035")}
    assert _typed("纪录片《乡村振兴2035》在各地热播。") == {("Work", "乡村振兴2035")}


def test_instrument_titles_in_a_chain_of_works_stay_laws():
    text = "以《2031-2035年重点纪录片选题规划》为抓手，推出《大河之北》《山海之间》等纪录片。"
    assert _typed(text) == {("Law", "2031-2035年重点纪录片选题规划"), ("Work", "大河之北"), ("Work", "山海之间")}


def test_newspapers_and_periodicals_are_organizations():
    text = "《江城日报》记者就此采访了专家。他在《文艺评论》杂志发表文章《论网络文学的现实品格》。"
    p = _parsed(text)
    ms = extract_works(p, ExtractContext())
    assert {(m.type, m.label, m.rule) for m in ms} == {
        ("Organization", "江城日报", "org.newspaper-title"),
        ("Organization", "文艺评论", "org.newspaper-title"),
        ("Work", "论网络文学的现实品格", "work.title-context"),
    }
    assert not extract_laws(p, ExtractContext())


def test_licences_and_reports_are_neither():
    text = "经营单位应当悬挂《网络视听经营许可证》和《营业执照》。总局发布《2031年网络视听发展研究报告》。"
    assert _typed(text) == set()


def test_traditional_characters():
    assert _typed("支持網絡劇《山海同行》等優秀作品走出去。") == {("Work", "山海同行")}


def test_nested_title_in_a_law_is_not_a_work():
    text = "按照《省委办公厅印发〈关于繁荣群众文艺的若干意见〉的通知》要求。"
    assert not extract_works(_parsed(text), ExtractContext())


SAFE = st.sampled_from(list("山河春风明月远方故乡少年长歌青云星海大地之光我们的时代"))


@given(st.lists(SAFE, min_size=1, max_size=12).map("".join))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_any_series_title_is_a_work(x):
    text = f"电视剧《{x}》在黄金时段热播。"
    p = _parsed(text)
    ms = extract_works(p, ExtractContext())
    assert [(m.type, m.label, m.start, m.end) for m in ms] == [("Work", x, 3, 5 + len(x))]
    assert not extract_laws(p, ExtractContext())


@given(st.lists(SAFE, min_size=1, max_size=12).map("".join),
       st.sampled_from(["条例", "办法", "规定", "实施意见", "发展规划", "白皮书", "管理规范（试行）"]))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_instrument_titles_are_never_works(x, suffix):
    text = f"贯彻落实《{x}{suffix}》，推出《{x}》等优秀作品。"
    assert _typed(text) == {("Law", f"{x}{suffix}"), ("Work", x)}


def _work_f1(pipeline, pairs) -> float:
    from kg.api import build_graph
    from kg.evaluate import evaluate

    return evaluate(build_graph([t for t, _ in pairs], pipeline=pipeline), [g for _, g in pairs]).figure("Work")


def test_reference_document_works(pipeline, reference_path, reference_gold):
    assert _work_f1(pipeline, [(reference_path, reference_gold)]) >= 0.9


def test_dev_documents_works(pipeline):
    docs, gold = SHARED / "corpus" / "dev", SHARED / "gold" / "dev"
    pairs = [(p, gold / (p.stem + ".json")) for p in sorted(docs.glob("*.txt"))
             if (gold / (p.stem + ".json")).is_file()]
    if not pairs:
        pytest.skip(f"development documents not found in {docs} (../shared is absent)")
    assert _work_f1(pipeline, pairs) >= 0.9
