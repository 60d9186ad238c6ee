"""What a document says about itself: its number (文号) and its issue date.

Government documents print their number under the title (国办发〔2019〕2号)
and their date on a line of its own after the issuer's signature; statutes
print a promulgation line (2002年9月29日 中华人民共和国国务院令第363号公布).
"""

from __future__ import annotations

import re

from .timex import normalize

_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[（(［]\s*(?:19|20)\d{2}\s*[〕\]）)］]\s*第?\s*\d{1,4}\s*号")
_DECREE = re.compile(r"[\u4e00-\u9fff]{1,16}令第\s*\d{1,4}\s*号")
_DATE_LINE = re.compile(r"^\s*((?:19|20)\d{2}年\d{1,2}月\d{1,2}日"
                        r"|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)\s*$")
_PROMULGATION = re.compile(r"^\s*((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)\s*\S{0,40}?"
                           r"(?:令第\s*\d+\s*号)?(?:公布|发布|颁布)")


def _filled_lines(text: str, limit: int = 12) -> list[str]:
    """The first ``limit`` non-blank lines (a Markdown header has blank lines between its lines)."""
    out = []
    for line in text.splitlines():
        if line.strip():
            out.append(line)
            if len(out) == limit:
                break
    return out


def document_number(text: str) -> str:
    """The document's own number from its first lines, or ``""``.

    >>> document_number("国务院办公厅关于印发某方案的通知\\n国办发〔2019〕2号\\n各省…")
    '国办发〔2019〕2号'
    """
    head = "\n".join(_filled_lines(text)[:5])
    m = _NUMBER.search(head) or _DECREE.search(head)
    return re.sub(r"\s+", "", m.group(0)) if m else ""


def issue_date(text: str) -> str:
    """ISO date of the document: a date alone on a line (the signature), else a promulgation line.

    >>> issue_date("……通知如下。\\n国务院办公厅\\n2019年1月1日\\n（此件公开发布）")
    '2019-01-01'
    """
    lines = text.splitlines()
    for line in _filled_lines(text)[:8]:
        m = _PROMULGATION.match(line)
        if m:
            return normalize(m.group(1)) or ""
    for line in lines:
        m = _DATE_LINE.match(line)
        if m:
            return normalize(m.group(1)) or ""
    return ""
