"""Instruments an issuing notice prints (kg.printed): the issuer is responsible for each and issues it, and
本规定…自…起施行 under the second printed instrument is the second one's effective date.

Every notice here is written for these tests in the shape of the genre (institutions real, instruments invented).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.model import Document

TWO_QUOTED = ("湖南省文化和旅游厅关于印发《乡村书屋提升工作方案》和《基层演出场所管理办法》的通知\n"
              "各市州文化旅游广电局：\n现将《乡村书屋提升工作方案》《基层演出场所管理办法》印发给你们，请认真贯彻执行。\n"
              "湖南省文化和旅游厅\n2031年3月2日\n乡村书屋提升工作方案\n一、总体要求\n加强书屋管理。\n二、附则\n"
              "本方案自2031年4月1日起施行。\n基层演出场所管理办法\n第一条 为了加强管理，制定本办法。\n"
              "第二条 本办法自2031年5月1日起施行。\n")
TWO_IN_BODY = ("国务院办公厅关于印发促进乡村文化站发展和规范社区图书室管理两个规定的通知\n"
               "各省、自治区、直辖市人民政府：\n"
               "《促进乡村文化站发展的规定》和《规范社区图书室管理的规定》已经国务院同意，现印发给你们，请认真贯彻执行。\n"
               "国务院办公厅\n2031年3月2日\n促进乡村文化站发展的规定\n一、加大投入。\n二、本规定自2031年4月1日起执行。\n"
               "规范社区图书室管理的规定\n一、加强管理。\n二、本规定自2031年6月1日起执行。\n")


def _rels(pipeline, text: str) -> set[tuple[str, str, str]]:
    r = pipeline.process(Document("t.txt", text))
    label = {e.key: e.label for e in r.entities}
    return {(label[x.subject], x.predicate, label[x.object]) for x in r.relations}


def test_the_issuer_is_responsible_for_every_instrument_the_title_prints(pipeline):
    rels = _rels(pipeline, TWO_QUOTED)
    for law in ("乡村书屋提升工作方案", "基层演出场所管理办法"):
        assert ("湖南省文化和旅游厅", "responsibleFor", law) in rels
        assert (law, "issuedBy", "湖南省文化和旅游厅") in rels


def test_each_printed_instrument_takes_the_effective_date_written_under_its_title(pipeline):
    rels = _rels(pipeline, TWO_QUOTED)
    assert ("乡村书屋提升工作方案", "effectiveDate", "2031年4月1日") in rels
    assert ("基层演出场所管理办法", "effectiveDate", "2031年5月1日") in rels


def test_instruments_printed_by_the_body_sentence_and_their_dates_by_position(pipeline):
    rels = _rels(pipeline, TWO_IN_BODY)
    for law in ("促进乡村文化站发展的规定", "规范社区图书室管理的规定"):
        assert ("国务院办公厅", "responsibleFor", law) in rels
    effective = {(s, o) for s, p, o in rels if p == "effectiveDate"}
    assert effective == {("促进乡村文化站发展的规定", "2031年4月1日"), ("规范社区图书室管理的规定", "2031年6月1日")}


def test_a_term_start_is_the_effective_date_of_the_instrument_it_sits_in(pipeline):
    term = "二、上述政策执行期限为2031年4月1日至2035年12月31日。"
    text = TWO_IN_BODY.replace("二、本规定自2031年6月1日起执行。", term)
    rels = _rels(pipeline, text)
    assert ("规范社区图书室管理的规定", "effectiveDate", "2031年4月1日") in rels
    assert ("规范社区图书室管理的规定", "period", "2031年4月1日至2035年12月31日") in rels


def test_a_forwarding_notice_prints_nothing_of_its_own(pipeline):
    text = ("湖南省文化和旅游厅关于转发《关于加强乡村书屋管理的意见》的通知\n各市州文化旅游广电局：\n"
            "现将《关于加强乡村书屋管理的意见》转发给你们，请遵照执行。\n")
    rels = _rels(pipeline, text)
    assert not any(p == "issuedBy" and o == "湖南省文化和旅游厅" and s.startswith("关于加强") for s, p, o in rels)


def test_a_notice_that_prints_nothing_has_no_printed_relations(pipeline):
    text = "湖南省文化和旅游厅关于做好乡村书屋管理工作的通知\n各市州：\n本通知自2031年4月1日起施行。\n"
    rels = _rels(pipeline, text)
    assert {(s, o) for s, p, o in rels if p == "effectiveDate"} == {
        ("湖南省文化和旅游厅关于做好乡村书屋管理工作的通知", "2031年4月1日")}


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet="关于印发《》和的通知现将给你们本规定自年月日起施行执行期限为至\n一二三", max_size=80))
def test_printed_rules_never_fail(pipeline, text):
    r = pipeline.process(Document("t.txt", "某某厅关于印发《甲规定》的通知\n" + text))
    assert all(x.subject != x.object for x in r.relations)
