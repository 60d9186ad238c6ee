"""PDF and Word inputs: the same text as PDF, DOCX and TXT gives the same entities; unreadable files say why."""

from __future__ import annotations

import glob

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.formats import unwrap_lines
from kg.reader import document_from_bytes

#: Our own text (invented for the test): departments, projects in quotes, a regulation in 《》, a date.
TEXT = """关于推进公共服务工程建设的通知
各有关单位：
财务司负责实施“户户通”工程，科技司负责组织“智慧广电示范项目”，规划司会同财务司推进“农村电影放映工程”。
依据《广播电视管理条例》，相关工作自2031年3月1日起施行。
"""

CJK_FONTS = sorted(glob.glob("/usr/share/fonts/truetype/wqy/wqy-*.tt[cf]")
                   + glob.glob("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.tt[cf]"))


def make_docx(text: str) -> bytes:
    import io

    import docx

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def make_pdf(text: str, width: float = 70) -> bytes:
    """A PDF whose narrow column wraps every long line (names are cut across lines)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("cjk", fname=CJK_FONTS[0])
    pdf.set_font("cjk", size=12)
    for line in text.splitlines():
        pdf.multi_cell(width, 7, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


needs_font = pytest.mark.skipif(not CJK_FONTS, reason="no CJK font (Debian fonts-wqy-microhei or fonts-noto-cjk)")


def entities(result) -> set[tuple[str, str]]:
    return {(e.type, e.label) for e in result.corpus.entities}


@needs_font
def test_pdf_docx_and_txt_of_one_text_give_the_same_entities(tmp_path):
    from kg.api import build

    pdf = make_pdf(TEXT)
    import io

    from pypdf import PdfReader

    raw = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    got = {}
    for suffix, data in ((".txt", TEXT.encode("utf-8")), (".docx", make_docx(TEXT)), (".pdf", pdf)):
        d = tmp_path / suffix.lstrip(".")
        d.mkdir()
        (d / f"notice{suffix}").write_bytes(data)
        got[suffix] = entities(build([d], None, cache=None))
    assert len(got[".txt"]) >= 5
    # the PDF's text layer really cuts names across lines (so the test shows that unwrapping works)
    assert any(label not in raw and label in raw.replace("\n", "") for _, label in got[".txt"])
    assert got[".pdf"] == got[".txt"] == got[".docx"]


@needs_font
def test_pdf_offsets_point_into_the_extracted_text():
    doc = document_from_bytes(make_pdf(TEXT), "n.pdf", suffix=".pdf")
    assert doc.media_type == "application/pdf" and doc.title == "关于推进公共服务工程建设的通知"
    assert "规划司会同财务司推进“农村电影放映工程”。" in doc.text
    from kg.pipeline import Pipeline

    r = Pipeline().process(doc)
    for e in r.entities:
        for m in e.mentions:
            assert doc.text[m.start:m.end] == m.text


def test_docx_tables_and_title():
    import io

    import docx

    d = docx.Document()
    d.core_properties.title = "某某办法"
    d.add_paragraph("第一段。")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "财务司"
    t.cell(0, 1).text = "“户户通”工程"
    d.add_paragraph("最后一段。")
    buf = io.BytesIO()
    d.save(buf)
    doc = document_from_bytes(buf.getvalue(), "a.docx", suffix=".docx")
    assert doc.text == "第一段。\n财务司\t“户户通”工程\n最后一段。\n" and doc.title == "某某办法"


@pytest.mark.parametrize("suffix,hint", [(".doc", "libreoffice"), (".wps", "libreoffice")])
def test_doc_and_wps_are_refused_with_how_to_convert(suffix, hint):
    with pytest.raises(InputError) as err:
        document_from_bytes(b"\xd0\xcf\x11\xe0 binary", f"old{suffix}", suffix=suffix, name=f"in/old{suffix}")
    msg = str(err.value)
    assert msg.startswith(f"in/old{suffix}: skipped") and hint in msg and "\n" not in msg


def test_scanned_pdf_is_refused_and_a_folder_of_unreadable_files_lists_them(tmp_path):
    from fpdf import FPDF

    from kg.api import build

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 100, style="F")  # an image-like page, no text layer
    d = tmp_path / "in"
    d.mkdir()
    (d / "scan.pdf").write_bytes(bytes(pdf.output()))
    (d / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 binary")
    with pytest.raises(InputError) as err:
        build([d], None, cache=None)
    msg = str(err.value)
    assert "scan.pdf: skipped: the PDF has no text layer" in msg and "ocrmypdf" in msg
    assert "old.doc: skipped" in msg


def test_broken_pdf_and_docx_are_one_line_errors():
    for suffix in (".pdf", ".docx"):
        with pytest.raises(InputError, match=f"x{suffix}: not a readable"):
            document_from_bytes(b"not really " + suffix.encode(), f"x{suffix}", suffix=suffix)


def test_unwrap_keeps_paragraph_ends_and_joins_wrapped_names():
    wrapped = "第一条 为了规范管理，根据有关规定，由甲省\n版权局制定本办法。\n第二条 本办法适用于本省。\n- 2 -\n"
    assert unwrap_lines(wrapped) == ("第一条 为了规范管理，根据有关规定，由甲省版权局制定本办法。\n"
                                     "第二条 本办法适用于本省。\n")
    assert unwrap_lines("The State Council of the\nPeople's Republic issued rules\n") == \
        "The State Council of the People's Republic issued rules\n"


def test_spaces_a_pdf_puts_between_chinese_characters_are_removed(monkeypatch):
    from kg import formats

    class Page:
        def extract_text(self):
            return ("关 于 开 展 检 查 的 通 知\n"
                    "甲 省 版 权 局 负 责 组 织 “ 网 络 清 理 ” 行 动 。 Version 2 of the rules\n")

    class Reader:
        is_encrypted = False

        def __init__(self, _):
            self.pages = [Page()]

    import pypdf

    monkeypatch.setattr(pypdf, "PdfReader", Reader)
    text = formats.pdf_text(b"%PDF-", "x.pdf")
    assert text == "关于开展检查的通知\n甲省版权局负责组织“网络清理”行动。 Version 2 of the rules\n"

LINES = st.lists(st.text(alphabet="财务司负责实施工程。，：第一条二、（）《》ab 1", max_size=30), max_size=12)


@settings(max_examples=200)
@given(LINES)
def test_unwrap_keeps_every_character_but_page_numbers(lines):
    from kg.formats import _PAGE_NUMBER

    text = "\n".join(lines)
    out = unwrap_lines(text)
    kept = [line for line in text.split("\n") if not _PAGE_NUMBER.match(line.strip())]
    assert "".join(out.split()) == "".join("".join(kept).split())
    assert unwrap_lines(out) == unwrap_lines(out)  # deterministic
