"""`kg build` says so when a report by departments yields no section owners (its headings were not recognised)."""

from __future__ import annotations

from kg.cli import main
from kg.model import Document
from kg.sections import MIN_SPEAKERS, report_warnings, speaking_departments, unowned_report

LEAD = "某总局司局负责人谈2031年工作重点记者近日采访了有关司局负责人。"
#: headings the structure rules recognise (推进…, 拓展…): each section gets its department as owner
RECOGNISED = (LEAD + "深化版权保护合作2031年，版权管理司将继续开展打击侵权盗版专项行动，规范网络转载秩序。"
              "推进出版融合发展数字出版司要加快建设融合出版重点实验室，培育一批示范单位。"
              "拓展国际传播影响2031年，国际合作司将组织参加国际书展，推动版权输出。")
#: the same report under noun-phrase headings no rule takes for headings: no section, no owner
UNRECOGNISED = (LEAD + "版权工作新举措2031年，版权管理司将继续开展打击侵权盗版专项行动，规范网络转载秩序。"
                "出版融合新路径数字出版司要加快建设融合出版重点实验室，培育一批示范单位。"
                "国际交流新局面2031年，国际合作司将组织参加国际书展，推动版权输出。")
#: a notice where two departments speak: not a report by departments
NOTICE = ("某省文化和旅游厅关于做好2031年春节文化活动的通知\n各市文化和旅游局：\n"
          "省文化和旅游厅将组织开展送文化下乡活动。省财政厅要做好经费保障。请各地认真落实。\n")


def _bureaus(result):
    return [(e.key, m) for e in result.entities if e.type == "Bureau" for m in e.mentions]


def test_speaking_departments_counts_subjects_speaking_of_their_plans(pipeline):
    r = pipeline.process(Document("u.txt", UNRECOGNISED))
    speakers = speaking_departments(UNRECOGNISED, _bureaus(r))
    assert len(speakers) == 3  # 数字出版司 counts although an unrecognised heading is glued before it
    n = pipeline.process(Document("n.txt", NOTICE))
    assert len(speaking_departments(NOTICE, _bureaus(n))) == 2


def test_unowned_report_says_why():
    assert unowned_report("a.txt", (), ((1, "Bureau:某司"),), 5) is None
    assert unowned_report("a.txt", (), (), MIN_SPEAKERS - 1) is None
    msg = unowned_report("a.txt", (), (), MIN_SPEAKERS)
    assert msg.startswith("a.txt: ") and "no headings were recognised" in msg and "\n" not in msg


def test_report_warnings_from_merged_results(pipeline):
    from kg.pipeline import merge_results

    results = [pipeline.process(Document(name, text))
               for name, text in (("u.txt", UNRECOGNISED), ("r.txt", RECOGNISED), ("n.txt", NOTICE))]
    assert results[1].info.owners and not results[0].info.owners
    corpus = merge_results(results)
    warnings = report_warnings(corpus.documents, corpus.entities, corpus.sentence_of)
    assert len(warnings) == 1 and warnings[0].startswith("u.txt: 3 departments")


def test_kg_build_warns_about_a_report_without_section_owners(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "u.txt").write_text(UNRECOGNISED, encoding="utf-8")
    (tmp_path / "in" / "r.txt").write_text(RECOGNISED, encoding="utf-8")
    assert main(["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "kg: warning: u.txt: 3 departments speak of their plans" in err
    assert "r.txt" not in err
