"""Lines that are nothing but an instrument's name, and the document's own instrument (``law.own-title``).

A line standing alone as a title (the document's own title, possibly split over two display lines,
the title of an attached plan) is a Law; the document's own title line is one when the body reads like
an instrument. A generic 关于… title is keyed with the issuer and year of the header lines
(:func:`own_title_key`). The word lists are data (kg/data/laws/verbs.json, instruments.json).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .state import Found
from .vocab import (
    DETERMINERS,
    GENERIC_QUALIFIER,
    HAN,
    LINE_END,
    TITLE_INSTRUMENTS,
    alt,
    chars,
    join,
    plain_len,
    strip_notes,
    words,
)

__all__ = ["KEY_QUALIFIER", "dated_generic_keys", "is_own_title", "line_titles", "own_title", "own_title_key"]

_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]"
                         r"|第[一二三四五六七八九十百\d]+[章节条款编部分])")
_LINE_BAD = re.compile(r"[。，；：？！《》,;:?!]")
_HEADLINE_VERBS = re.compile(join(words("verbs", "headline_verbs")))
_LINE_START_VERB = re.compile(rf"^(?:{join(words('verbs', 'line_start_verbs'))})")
_GUANYU_LINE = re.compile(rf"关于.+的(?:{alt(TITLE_INSTRUMENTS)})$")
_ATTACHMENT = re.compile(r"附件\s*[0-9０-９一二三四五六七八九十]*\s*[：:]?\s*")
_INNER_TITLE = re.compile(r"《[^《》\n]{2,100}》")
#: an editor's note after a printed title (（节选）, （摘要）): about the excerpt, not part of the name.
_EDITORIAL_NOTE = re.compile(rf"\s*[（(](?:{join(words('instruments', 'editorial_notes'))})[）)]\s*$")

#: separates a generic title from its issuer and year in a resolution key (see :func:`own_title_key`).
KEY_QUALIFIER = "@"
#: instrument words a document's own title may end with (its body shows the genre).
_OWN_INSTRUMENTS = TITLE_INSTRUMENTS + words("instruments", "own_instruments")
_OWN_END = re.compile(rf"(?:{alt(w for w in _OWN_INSTRUMENTS if w != '法')}"
                      rf"|[{HAN}]{{2}}(?<![{chars('statutes', 'fa_own_title_before')}])法)$")
#: the body of an instrument: numbered articles, or 本法/本条例/本规定… speaking of itself.
_SELF = join(words("instruments", "self_references"))
_INSTRUMENT_BODY = re.compile(rf"^\s*第[一二三四五六七八九十百]+条|本(?:{_SELF})"
                              r"(?:自|从|所称|适用|的规定|第|施行|实施|由)"
                              r"|(?:规定|解释|决定|通知|答复)如下", re.MULTILINE)
_SENTENCE_MARKS = re.compile(r"[。！？；!?;]")
#: a document number on a line of its own under the title (国办函〔2031〕80号): the title is an instrument's.
_NUMBER_LINE = re.compile(r"^\s*[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]"
                          r"\s*第?\s*\d{1,4}\s*号\s*$", re.MULTILINE)
#: a header line naming the organ that adopted or issued the instrument, and when.
_HEADER_ISSUER = re.compile(r"^\s*((?:19|20)\d{2})年\d{1,2}月\d{1,2}日\s*(?:第[一二三四五六七八九十百]+届)?"
                            rf"([{HAN}、 　]{{2,40}}?)\s*"
                            rf"(?:第[\d一二三四五六七八九十百零〇]+次[{HAN}]{{0,4}}会议|公告|令第|"
                            r"[（(]?[\d一二三四五六七八九十百零〇]+[）)]?号|通过|批准|发布|公布|颁布)")
_ARTICLE_LINE = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+[条章]")


def _title_line(line: str) -> bool:
    """Whether a (folded, stripped) line is nothing but an instrument's name (a notice's title may hold
    the title it issues in 《》: 关于印发《X》的通知)."""
    if "关于" in line:
        line = _INNER_TITLE.sub("题", line)
    if not 4 <= len(line) <= 120 or _LINE_BAD.search(line) or _ENUMERATOR.match(line):
        return False
    core = strip_notes(line)
    if "关于" in core:
        return bool(_GUANYU_LINE.search(core) or LINE_END.search(core))
    m = LINE_END.search(core)
    if not m or _LINE_START_VERB.match(core) or " " in core or "\u3000" in core:
        return False
    qual = core[:m.start()]
    return (plain_len(qual) >= 4 and not _HEADLINE_VERBS.search(qual) and not GENERIC_QUALIFIER.match(qual)
            and not DETERMINERS.match(qual))


def lines_of(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, stripped body) of every line of ``text``."""
    pos = 0
    for raw in text.split("\n"):
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        yield pos + lead, pos + lead + len(body), body
        pos += len(raw) + 1


def line_titles(text: str, folded: str) -> list[Found]:
    """Lines that are an instrument's name (after 附件：, without an editor's note), and the document's own
    title split over its first two display lines."""
    out = []
    lines = [(s, e) for s, e, body in lines_of(text) if body]
    for idx, (s, e) in enumerate(lines):
        att = _ATTACHMENT.match(folded, s, e)
        if att and att.end() < e:
            s = att.end()  # 附件：X办法 → the title after the attachment mark
        note = _EDITORIAL_NOTE.search(folded, s, e)
        if note and note.start() > s:
            e = note.start()  # X工作要点（节选） → X工作要点
        if _title_line(folded[s:e]):
            out.append(Found(s, e, text[s:e], "law.title-line"))
        elif idx == 0 and len(lines) > 1:
            # the document's own title split over two display lines
            s2, e2 = lines[1]
            joined = folded[s:e] + folded[s2:e2]
            if ("关于" in joined and len(folded[s2:e2]) <= 40 and _title_line(joined)
                    and not _title_line(folded[s2:e2])):
                out.append(Found(s, e2, text[s:e] + text[s2:e2], "law.title-line"))
    return out


def _own_title_line(text: str, title: str) -> tuple[int, int] | None:
    """(start, end) of the line that is the document's title: the line reading ``title`` among the
    first non-empty lines (a Markdown heading, an HTML page's headline), else the first one."""
    want = "".join(title.split())
    first = None
    for n, (s, e, body) in enumerate(x for x in lines_of(text) if x[2]):
        if first is None:
            first = (s, e)
        if want and "".join(body.split()) == want:
            return s, e
        if n >= 5:
            break
    return first


def own_title_key(core: str, header: str) -> str:
    """The resolution key of a document's own instrument: its title, and — when the title does not
    name its issuer (关于修改部分地方性法规的决定) — the issuer and year its header lines give, so
    that the same generic title of two provinces or two years is two instruments.

    >>> own_title_key("关于修改部分地方性法规的决定", "2031年5月1日 某省人民代表大会常务委员会第3次会议通过")
    '关于修改部分地方性法规的决定@某省人民代表大会常务委员会@2031'
    >>> own_title_key("某市文物保护条例", "2031年5月1日 某市人民代表大会常务委员会公告公布")
    '某市文物保护条例'
    """
    if not core.startswith("关于"):
        return core
    for line in header.splitlines():
        m = _HEADER_ISSUER.match(line)
        if m:
            issuer = re.sub(r"\s+", "", m.group(2))
            return KEY_QUALIFIER.join((core, issuer, m.group(1)))
    return core


def is_own_title(line: str, body: str) -> bool:
    """Whether a (folded) title line names the instrument the document is: a title line of the usual
    kind, or — when the body reads like an instrument (第一条, 本条例自…) — any line ending in an
    instrument word, possibly with an ordinal or a note (刑法修正案（十二）, …的解释（一）, 规则)."""
    if _title_line(line):
        return True
    core = strip_notes(line)
    return (4 <= len(core) <= 150 and not _SENTENCE_MARKS.search(line) and bool(_OWN_END.search(core))
            and not _ENUMERATOR.match(core)
            and bool(_INSTRUMENT_BODY.search(body) or _NUMBER_LINE.search(body, 0, 400)))


def dated_generic_keys(text: str, found: list[Found]) -> None:
    """A generic title named on a dated header line after its issuer (2031年5月1日 某省人大常委会第3次会议
    《关于修改部分地方性法规的决定》修正) is keyed like that decision's own title: title, issuer, year."""
    for f in found:
        if f.rule not in ("law.title", "law.title-note") or f.key or not f.label.startswith("关于"):
            continue
        line_start = text.rfind("\n", 0, f.start) + 1
        m = _HEADER_ISSUER.match(text[line_start:f.start + 1])
        if m:
            key = own_title_key(strip_notes(f.label), text[line_start:f.start])
            if key != strip_notes(f.label):
                f.key = key


def own_title(text: str, folded: str, title: str) -> Found | None:
    """The document's own instrument: its title line when that is an instrument's name."""
    span = _own_title_line(text, title)
    if span is None:
        return None
    s, e = span
    note = _EDITORIAL_NOTE.search(folded, s, e)
    if note and note.start() > s:
        e = note.start()
    if not is_own_title(folded[s:e], folded):
        return None
    label = text[s:e]
    head_end = e
    for _, le, body in lines_of(text[e:e + 800]):
        if _ARTICLE_LINE.match(body) or len(body) > 120:
            break
        head_end = e + le
    return Found(s, e, label, "law.own-title", key=own_title_key(label, text[e:head_end]))
