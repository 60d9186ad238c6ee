"""A document's own number (文号) and issue date, written on its pk:Document."""

from __future__ import annotations

from kg.docmeta import document_number, issue_date

NOTICE = ("某省人民政府办公厅关于做好某项工作的通知\n某政办发〔2024〕7号\n各市人民政府：\n现将有关事项通知如下。\n"
          "某省人民政府办公厅\n2024年3月5日\n")


def test_docmeta_number_and_signature_date():
    assert document_number(NOTICE) == "某政办发〔2024〕7号"
    assert issue_date(NOTICE) == "2024-03-05"


def test_docmeta_statute_promulgation_line():
    text = "某某条例\n2010年5月6日 中华人民共和国国务院令第580号公布\n第一条 为了……，制定本条例。\n"
    assert document_number(text) == "中华人民共和国国务院令第580号"
    assert issue_date(text) == "2010-05-06"


def test_docmeta_absent_in_running_text():
    text = "2017年，电影局将继续推进电影精品工程，2017年3月1日起施行的法律要认真贯彻。"
    assert document_number(text) == "" and issue_date(text) == ""


def test_docmeta_in_the_graph(tmp_path):
    import kg
    from kg.vocab import DCTERMS, PK

    f = tmp_path / "notice.txt"
    f.write_text(NOTICE, encoding="utf-8")
    g = kg.build_graph([f], jobs=1)
    doc = next(iter(g.subjects(PK.sha256, None)))
    assert str(g.value(doc, PK.documentNumber)) == "某政办发〔2024〕7号"
    assert str(g.value(doc, DCTERMS.issued)) == "2024-03-05"
