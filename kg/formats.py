"""Reading PDF and Word files: their text, with PDF line wrapping undone; formats we cannot read, refused clearly.

``.pdf`` is read from its text layer (pypdf); a PDF with no text layer (a
scan) is refused with a one-line reason naming the file and how to OCR it.
A PDF breaks lines wherever the page ends them: a line break inside a
paragraph is removed (:func:`unwrap_lines`) so that a name wrapped over two
lines is one name again (Chinese has no spaces to lose). ``.docx`` is read
with python-docx, paragraphs and table rows in document order. ``.doc`` and
``.wps`` (binary Word/WPS formats) are refused with the command that converts
them. Every mention offset refers to the text these functions return.
"""

from __future__ import annotations

import io
import re
import statistics

from .errors import InputError

PDF_SUFFIXES = frozenset({".pdf"})
DOCX_SUFFIXES = frozenset({".docx"})
#: Formats recognised but not read, with how to convert them.
UNREADABLE = {
    ".doc": "a Word 97-2003 .doc file is not read; convert it to .docx or PDF first "
            "(e.g. libreoffice --headless --convert-to docx FILE)",
    ".wps": "a WPS Office .wps file is not read; save it as .docx or PDF in WPS, or convert it "
            "(e.g. libreoffice --headless --convert-to docx FILE)",
}
SUFFIXES = PDF_SUFFIXES | DOCX_SUFFIXES | frozenset(UNREADABLE)
MEDIA_TYPES = {".pdf": "application/pdf",
               ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
#: A line ending a sentence (。！？；：, then any closing quotes or brackets) ends its paragraph.
_FINAL = re.compile(r"[。！？；：!?;:][”’」』）)》】]*$")
#: A line starting with closing punctuation continues the line before (Chinese typesetting never starts a
#: paragraph with it).
_CONTINUES = re.compile(r"^[，。、；：！？）》」』”’】…,.;:!?)]")
#: A title line: it ends with the kind of document (文种) and stands first or after a blank line.
_TITLE = re.compile(r"(通知|通报|办法|规定|意见|决定|方案|条例|公告|通告|批复|函|规划|纲要|细则|报告|决议|命令|法"
                    r"|规则|章程)$")
#: A line starting like this starts a new paragraph (numbered articles, list items, headings).
_NEW_BLOCK = re.compile(r"^\s*(第[一二三四五六七八九十百零〇\d]+[条章节编款]|[一二三四五六七八九十]+、"
                        r"|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|[•·●■◆※]|附件|附表)")
#: A line that is only a page number (1, - 1 -, 第1页, 1/10).
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d+)\s*$")
#: A space a PDF's text layer puts between two Chinese characters or marks (Chinese is written without spaces).
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’])[ \u00a0]+"
                        r"(?=[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’])")
#: A line this share of the usual full line or longer was wrapped by the page, not ended by the writer.
FULL_LINE = 0.8


def is_readable_suffix(suffix: str) -> bool:
    """Whether :func:`extract` handles files with this suffix (read or refused with a reason)."""
    return suffix.lower() in SUFFIXES


def extract(data: bytes, suffix: str, name: str) -> tuple[str, str, str]:
    """``(text, media type, title)`` of a PDF or DOCX file; :class:`InputError` for one we cannot read."""
    suffix = suffix.lower()
    if suffix in UNREADABLE:
        raise InputError(f"{name}: skipped: {UNREADABLE[suffix].replace('FILE', name)}")
    if suffix in PDF_SUFFIXES:
        return pdf_text(data, name), MEDIA_TYPES[".pdf"], ""
    if suffix in DOCX_SUFFIXES:
        text, title = docx_text(data, name)
        return text, MEDIA_TYPES[".docx"], title
    raise InputError(f"{name}: not a PDF or Word file")


def _join(a: str, b: str) -> str:
    """Two wrapped lines as one: no space between CJK text, one space between Latin words."""
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    if a.endswith("-") and b[:1].isascii() and b[:1].isalpha():
        return a[:-1] + b
    return a + b


def unwrap_lines(text: str) -> str:
    """Undo a PDF's line wrapping: a line as long as a full line that does not end a sentence runs on into the next.

    Blank lines, short lines (a paragraph's last line), lines ending in 。！？；： (and closing quotes),
    a first line ending in the kind of document (…通知, …办法: a title) and lines before a new article
    or list item (第三条, 一、, （二）, 1.) keep their break; a line starting with closing punctuation
    (，。》”…) always continues the one before; lines that are only a page number are dropped.

    Examples
    --------
    >>> unwrap_lines("关于开展检查的通知\\n各单位：\\n为加强管理，现由甲省版权\\n局负责组织检查工作。"
    ...              "\\n第二条 本办法自公布之日起施行。")
    '关于开展检查的通知\\n各单位：\\n为加强管理，现由甲省版权局负责组织检查工作。\\n第二条 本办法自公布之日起施行。\\n'
    """
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if not _PAGE_NUMBER.match(line)]
    lengths = [len(line) for line in lines if len(line) >= 8]
    full = statistics.median(sorted(lengths)[len(lengths) // 2:]) if lengths else 0
    out: list[str] = []
    run_on = False
    for line in lines:
        if line and out and out[-1] and (run_on and not _NEW_BLOCK.match(line) or _CONTINUES.match(line)):
            out[-1] = _join(out[-1], line)
        else:
            out.append(line)
        last = out[-1]
        starts = len(out) == 1 or not out[-2]
        run_on = (bool(line) and full > 0 and len(line) >= FULL_LINE * full and not _FINAL.search(last)
                  and not (starts and _TITLE.search(last)))
    return "\n".join(out).strip("\n") + "\n"


def pdf_text(data: bytes, name: str) -> str:
    """The text layer of a PDF, pages in order, spaces between Chinese characters and line wrapping undone
    (:func:`unwrap_lines`)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise InputError(f"{name}: reading PDF needs pypdf (pip install pypdf)") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises several kinds
                raise InputError(f"{name}: the PDF is encrypted; save an unprotected copy first") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"{name}: not a readable PDF ({exc.__class__.__name__})") from None
    text = "\n\n".join(p.strip("\n") for p in pages)
    if sum(1 for ch in text if not ch.isspace()) < 10:
        raise InputError(f"{name}: skipped: the PDF has no text layer (a scan?); run OCR first, "
                         f"e.g. ocrmypdf -l chi_sim {name} ocr.pdf")
    return unwrap_lines(_CJK_SPACE.sub("", text))


def docx_text(data: bytes, name: str) -> tuple[str, str]:
    """The text of a .docx (paragraphs, and table rows as tab-separated cells, in document order) and its title."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise InputError(f"{name}: reading .docx needs python-docx (pip install python-docx)") from None
    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - a broken zip or XML raises many kinds
        raise InputError(f"{name}: not a readable .docx file ({exc.__class__.__name__})") from None
    lines: list[str] = []
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, d).text)
        elif tag == "tbl":
            for row in Table(child, d).rows:
                cells: list[str] = []
                for cell in row.cells:
                    t = cell.text.replace("\n", " ").strip()
                    if not cells or cells[-1] != t:  # merged cells repeat their text
                        cells.append(t)
                lines.append("\t".join(cells))
    text = "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"
    title = (d.core_properties.title or "").strip()
    return text, title
