"""A small invented graph with evidence, alternative names, an anaphor and two dated documents (for HTML tests)."""

from __future__ import annotations

from kg.analysis import analysis_graph
from kg.model import Document, Entity, Evidence, Mention, Relation
from kg.rdf import DocumentInfo, triples

#: Invented text (not from any real document): a bureau, a campaign with a short name, and an anaphor.
TEXT_A = "关于开展网络清理专项行动的通知\n甲省版权局负责组织“网络清理专项行动”。该局将于五月公布结果。"
TEXT_B = "关于图书质量检查的办法\n乙市出版处负责实施图书质量检查工程。"
SENT_A = "甲省版权局负责组织“网络清理专项行动”。"
SENT_B = "乙市出版处负责实施图书质量检查工程。"


def evidence_corpus():
    """Documents, entities and relations of the two invented texts (offsets are real offsets into them)."""
    da = Document("a.txt", TEXT_A, title="关于开展网络清理专项行动的通知", source="a.txt", sha256="a" * 64)
    db = Document("b.txt", TEXT_B, title="关于图书质量检查的办法", source="b.txt", sha256="b" * 64)
    sa, sb = TEXT_A.index(SENT_A), TEXT_B.index(SENT_B)

    def mention(doc, text, name, type_, *, reference=False):
        start = doc.text.index(name)
        return Mention(type_, start, start + len(name), name, name, "test", doc_id=doc.doc_id, reference=reference)

    bureau = Entity("Bureau:甲省版权局", "Bureau", "甲省版权局",
                    mentions=(mention(da, SENT_A, "甲省版权局", "Bureau"),
                              mention(da, "", "该局", "Bureau", reference=True)))
    campaign = Entity("Project:网络清理专项行动", "Project", "网络清理专项行动", alt_labels=("清网行动",),
                      mentions=(mention(da, SENT_A, "网络清理专项行动", "Project"),))
    office = Entity("Bureau:乙市出版处", "Bureau", "乙市出版处",
                    mentions=(mention(db, SENT_B, "乙市出版处", "Bureau"),))
    project = Entity("Project:图书质量检查工程", "Project", "图书质量检查工程",
                     mentions=(mention(db, SENT_B, "图书质量检查工程", "Project"),))
    rels = [
        Relation(bureau.key, "organizes", campaign.key, "org_rule", Evidence("a.txt", sa, sa + len(SENT_A), SENT_A),
                 0.9),
        Relation(office.key, "responsibleFor", project.key, "heading_owner",
                 Evidence("b.txt", sb, sb + len(SENT_B), SENT_B), 0.6, inferred=True),
    ]
    sentence_of = {}
    for e in (bureau, campaign, office, project):
        for m in e.mentions:
            doc = da if m.doc_id == "a.txt" else db
            s = SENT_A if doc is da else SENT_B
            if m.reference:
                s = "该局将于五月公布结果。"
            st = doc.text.index(s)
            sentence_of[(m.doc_id, m.start)] = (st, st + len(s), s)
    docs = [DocumentInfo(da, issue_date="2016-05-01"),
            DocumentInfo(db, issue_date="2019-03-02", number="乙出〔2019〕3号")]
    return docs, [bureau, campaign, office, project], rels, sentence_of


def evidence_graph():
    """The analysis graph of :func:`evidence_corpus`."""
    docs, ents, rels, sentence_of = evidence_corpus()
    return analysis_graph(triples(docs, ents, rels, sentence_of))
