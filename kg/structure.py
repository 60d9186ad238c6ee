"""Document structure: sentences and sections.

Two shapes of text are handled:

* text with line breaks, where a numbered line that is only a heading
  (``第一章 …``, ``一、…``, ``（一）…``, ``1.…``) or a short unnumbered line without
  closing punctuation is a heading; a statute's sections are its chapters (never
  its articles), and a numbered line that runs on after a full stop
  (``（一）加强监督。要……``) is a run-in heading of a paragraph, not a section;
* one long line with headings glued into the running text, as in
  ``…。持续推进法治建设2016年，…``: after a sentence end, an unpunctuated
  verb–object phrase of 6–20 characters directly followed by a sentence
  opener (a year, ``在``, ``我们``, a department name, or a subject with ``要``/``将``)
  is a heading.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from .model import Section, Sentence, Token, offsets

_SENT_END = "。！？!?"
_CLAUSE_PUNCT = re.compile(r"[，,。；;：:！？!?、（）()《》“”\"'‘’\s]")
_STRONG_OPENER = re.compile(r"(?:\d{4}年|今年|在|我们|新的一年|近年来|\d{4}—|\d{4}-)")
_BUREAU_OPENER = re.compile(
    r"[\u4e00-\u9fff]{2,6}(?:司|局|办公室|委员会|厅|署|中心)(?=将|要|把|在|以|会同|牵头|重点|\d{4}|继续|今年|着力|主要|认真|围绕|按照|配合|联合|协同|负责)"
)
#: the end of an organ's name: text ending so is the subject of its sentence, never a heading
_ORGAN_END = re.compile(r"(?:部门|机关|机构|政府|委员会|办公室|司|(?<![大全格布开结变时新当])局|厅|署)$")
_WEAK_OPENER = re.compile(r"[\u4e00-\u9fff]{2,4}(?=要|将)")
# a glued heading reads like work-report slogans: verbs such as 推进/加强/打造 …
_HEADING_VERB = re.compile(
    r"^(持续|深化|加强|推进|推动|做好|做强|做优|做大|抓|把握|突出|打造|规范|完善|提升|依靠|切实|重拳|强化|"
    r"加快|坚持|着力|全面|大力|积极|创新|优化|建立|健全|构建|扎实|聚焦|服务|保障|落实|实施|促进|增强|提高|"
    r"巩固|拓展|筑牢|守好|坚守|营造|繁荣|发展|改革|统筹|夯实|激发|助推|引领|树立|弘扬|用好|管好|办好|讲好)"
)


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences at 。！？ and line ends (closing quotes stay attached).

    Examples
    --------
    >>> [s.text for s in split_sentences("一是开展。二是实施“计划”。")]
    ['一是开展。', '二是实施“计划”。']
    """
    out: list[Sentence] = []
    start = 0
    for m in _SENT_BREAK.finditer(text):
        _add(out, text, start, m.start() if m.group() == "\n" else m.end())
        start = m.end()
    _add(out, text, start, len(text))
    return tuple(out)


#: a line end, or a sentence end with the closing quotes and brackets that follow it
_SENT_BREAK = re.compile(f"\n|[{_SENT_END}][”’」』）)]*")


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    part = text[start:end]
    body = part.strip()  # str.strip() removes exactly the characters str.isspace() accepts
    if body:
        start += len(part) - len(part.lstrip())
        out.append(Sentence(len(out), start, start + len(body), body))


_CN_NUM = "一二三四五六七八九十百零〇两"
#: numbered heading markers, from the outermost level: 第X编/章, 第X节, 一、, （一）, 1.
#: — articles (第X条) are never headings
_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(rf"^第[{_CN_NUM}\d]+[编章](?:\s|$|[\u4e00-\u9fff])")),
    (1, re.compile(rf"^第[{_CN_NUM}\d]+[节部分](?:\s|$|[\u4e00-\u9fff])")),
    (2, re.compile(rf"^[{_CN_NUM}]+[、．.]")),
    (3, re.compile(rf"^[（(][{_CN_NUM}]+[）)]")),
    (4, re.compile(r"^\d{1,2}[、．.](?!\d)")),
    (2, re.compile(r"^#{1,6}\s")),
)
_ARTICLE = re.compile(rf"^第[{_CN_NUM}\d]+条")
#: a line that is only a numbering marker (第一章, 一、, （一）, 1.): a heading only with the title on the next line
_MARKER_ONLY = re.compile(rf"^(?:第[{_CN_NUM}\d]+[编章节]|[{_CN_NUM}]+[、．.]"
                          rf"|[（(][{_CN_NUM}]+[）)]|\d{{1,2}}[、．.])$")
_CN_DIGIT = "〇○零一二三四五六七八九"
#: a line that is only a date: a signature date (2030年6月2日, 二〇三〇年六月二日) or a dateline (2030-06-02)
_DATE = (rf"(?:(?:\d{{4}}|[{_CN_DIGIT}]{{4}})\s*年\s*[\d{_CN_NUM}]{{1,3}}\s*月\s*[\d{_CN_NUM}]{{1,3}}\s*日"
         r"|\d{4}[-./]\d{1,2}[-./]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)")
_DATE_LINE = re.compile(rf"^[（(]?{_DATE}[）)]?$")
_NOT_HEADING_LINE = re.compile(
    r"(^[（(].*[）)]$)"                       # （此件公开发布）, （2023年…通过）
    r"|(〔\d{4}〕|\[\d{4}\]|第\d+号)"           # document numbers
    r"|(\d{4}年\d{1,2}月\d{1,2}日)"             # dated lines: signature dates, promulgation lines
    r"|([：:；;，,、]$)"                        # salutations and broken lines
)
#: the first line of a list of attachments (附件：1.…), whose numbered items follow on the next lines
_ATTACHMENT_LIST = re.compile(r"^附件\s*[：:]\s*\d+[.．、]")
#: the most characters a heading holds: a heading is short, a longer line is text
MAX_HEADING = 40
#: the most characters of an unnumbered heading line (a subhead)
MAX_SUBHEAD = 24
#: the most lines one unnumbered heading spans (政策扶持见效 / 客流稳步回升); more short lines in a row are text
MAX_HEADING_LINES = 2


def heading_level(line: str) -> int | None:
    """The numbering level of a heading line (0 = 第X章, 2 = 一、, 3 = （一）, 4 = 1.), or None.

    >>> heading_level("第一章 总 则"), heading_level("三、强化服务保障"), heading_level("第三条 本条例…")
    (0, 2, None)
    """
    s = line.strip()
    if _ARTICLE.match(s):
        return None
    for level, pat in _MARKERS:
        if pat.match(s):
            return level
    return None


def is_date_line(line: str) -> bool:
    """Whether ``line`` is only a date (a signature date or a dateline), which is never a heading.

    >>> is_date_line("二〇〇四年十一月四日"), is_date_line("2016-01-21"), is_date_line("2030年是关键之年")
    (True, True, False)
    """
    return bool(_DATE_LINE.match(line.strip()))


def _is_heading_line(stripped: str, level: int | None) -> bool:
    """A whole line that is only a heading: short, no sentence punctuation inside or at its end.

    A numbered line that goes on after a full stop (``（一）加强监督。要……``) is a run-in
    heading of a paragraph, not a section. An unnumbered heading holds at least two characters
    and is no date.
    """
    if level is not None:
        return (len(stripped) <= MAX_HEADING and not re.search(r"[。；;！？!?]", stripped)
                and not stripped.endswith(("：", ":")))
    return (2 <= len(stripped) <= MAX_SUBHEAD and not re.search(r"[。；;！？!?，,]", stripped)
            and not _NOT_HEADING_LINE.search(stripped) and not is_date_line(stripped))


def _lines(text: str) -> list[tuple[int, str]]:
    """The non-blank lines of ``text``: (offset of the first non-space character, stripped line)."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            out.append((pos + len(line) - len(line.lstrip()), stripped))
        pos += len(line) + 1
    return out


def _line_headings(text: str) -> list[tuple[int, int]]:
    """Heading spans in text with line breaks.

    The first line is the title. Numbered heading lines (第X章, 一、, （一）, 1.) are headings (a
    bare marker only with its title on the next line: 第一章 / 总则); a statute's sections are its
    chapters (its articles never are). Short unnumbered lines are
    headings too (subheads of reports, the title of an attached plan or law, also over its dated
    adoption note): one or two such lines in a row form one heading when a longer line follows
    them — not when a bare date follows (a signature), not at the end of the text, and not three or more
    in a row (a list, verse, a column of single characters is text).
    """
    lines = _lines(text)
    kinds: list[int | str | None] = []  # a numbered level, "sub" (an unnumbered heading line) or None (text)
    in_list = False  # inside the list of attachments (附件：1.… / 2.…), whose items are not headings
    for k, (_, stripped) in enumerate(lines):
        level = heading_level(stripped)
        in_list = _ATTACHMENT_LIST.match(stripped) is not None or (in_list and level == 4)
        if k == 0 or in_list or not _is_heading_line(stripped, level):
            kinds.append(None)  # text; the first line is the title
        else:
            kinds.append("sub" if level is None else level)
    cands: list[tuple[int, int, int | None]] = []  # (start, end, level)
    k = 0
    while k < len(lines):
        kind = kinds[k]
        if kind is None:
            k += 1
            continue
        if kind != "sub":
            s, stripped = lines[k]
            if not _MARKER_ONLY.match(stripped):
                cands.append((s, s + len(stripped), int(kind)))
            elif k + 1 < len(lines) and kinds[k + 1] == "sub":  # 第一章 / 总则: the marker over its title
                cands.append((s, lines[k + 1][0] + len(lines[k + 1][1]), int(kind)))
                k += 1
            k += 1  # a bare marker over no title is no heading
            continue
        j = k
        while j + 1 < len(lines) and kinds[j + 1] == "sub":
            j += 1
        last = lines[j][1]
        nxt = lines[j + 1][1] if j + 1 < len(lines) else ""
        start, end = lines[k][0], lines[j][0] + len(last)
        ok = (j - k + 1 <= MAX_HEADING_LINES and end - start <= MAX_HEADING and bool(nxt) and not is_date_line(nxt)
              and (len(nxt) > len(last) or heading_level(nxt) is not None))
        if ok:
            cands.append((start, end, None))
        k = j + 1
    if any(level == 0 for _, _, level in cands):  # a statute or a book: chapters only
        cands = [c for c in cands if c[2] == 0]
    return [(s, e) for s, e, _ in cands]


@lru_cache(maxsize=4)
def _known_index(known: tuple[str, ...]) -> tuple[frozenset[str], tuple[int, ...], frozenset[str]]:
    """Known names, their lengths (longest first), and the tails of known names (规划财务司 of 某总局规划财务司)."""
    names = frozenset(known)
    tails = frozenset(k[i:] for k in names for i in range(len(k) - 2))
    return names, tuple(sorted({len(k) for k in names}, reverse=True)), tails


def _heading_cuts(sent: Sentence, clause: str, boundaries: frozenset[int], known_prefix: Callable[[str], int]
                  ) -> tuple[dict[int, int], int, list[tuple[int, int]]]:
    """The cuts of :func:`_glued_headings` in ``clause``: the first cut by opener rank (0 strong, 1 known
    department, 3 weak), where that known department name ends, and the (cut, name length) of generic names."""
    found: dict[int, int] = {}
    known_end = -1  # where the first known department name after a cut ends
    generic: list[tuple[int, int]] = []  # (cut, length of the department name) of generic names
    for cut in range(6, min(len(clause), 21)):
        if re.search(r"[的是]", clause[:cut]):
            break
        rest = sent.text[cut:]
        if boundaries and sent.start + cut not in boundaries:
            continue
        if _ORGAN_END.search(clause[:cut]):
            continue  # 发展和改革主管部门在…: a subject naming an organ, not a heading
        if (om := _STRONG_OPENER.match(rest)) is not None:
            if om.group() == "在" and boundaries and sent.start + cut + 1 not in boundaries:
                continue  # 在 opens a clause only as a word of its own (在…中), not inside 在线, 在建
            found.setdefault(0, cut)
        elif n := known_prefix(rest):
            if 1 not in found:
                found[1], known_end = cut, cut + n
        elif (bm := _BUREAU_OPENER.match(rest)) is not None:
            generic.append((cut, bm.end()))
        elif _WEAK_OPENER.match(rest) and not rest.startswith(("第", "一", "不", "也")):
            found.setdefault(3, cut)
    return found, known_end, generic


def _glued_headings(text: str, sentences: Sequence[Sentence], boundaries: frozenset[int] = frozenset(),
                    known: Sequence[str] = ()) -> list[tuple[int, int]]:
    """Heading spans glued to the start of a sentence (``…。持续推进法治建设2016年，…``), anywhere in the text.

    A cut after 6–20 characters is tried: a strong opener (a year, 在, 我们)
    wins; else a department name (known to the gazetteer, or a short 2–6
    character name ending in 司/局/办公室 …); else a short subject followed by
    要/将 at a word boundary. Headings never hold 的 or 是 (those are sentences).
    """
    spans = []
    known_set, lengths, tails = _known_index(tuple(known))

    def known_prefix(t: str) -> int:
        """The length of the longest known name ``t`` starts with (0 if none)."""
        return next((n for n in lengths if t[:n] in known_set), 0)

    for sent in sentences[1:]:
        head = sent.text[:40]
        m = _CLAUSE_PUNCT.search(head)
        clause = head[: m.start()] if m else head
        if len(clause) < 8 or not _HEADING_VERB.match(clause):
            continue
        if _BUREAU_OPENER.match(clause) or known_prefix(clause):
            continue  # the sentence opens with a department (发展规划司会同…): no heading before it
        found, known_end, generic = _heading_cuts(sent, clause, boundaries, known_prefix)
        if generic:
            # the shortest name whose body keeps ≥ 4 characters (基础教育司, not 提质基础教育司 or 础教育司)
            full = [g for g in generic if g[1] - 1 >= 4] or generic
            cut, length = max(full)
            found[2] = cut
            longer = cut + length == known_end and sent.text[cut:cut + length] in tails
            if 1 in found and cut < found[1] and (cut + length <= found[1] or longer):
                # 某司会同<known organ>: the section opens with the first department, not its partner;
                # a known 财务司 is the tail of a longer name the gazetteer also knows (…规划财务司): the longer one
                del found[1]
        if found:
            best = found[min(found)]
            spans.append((sent.start, sent.start + best))
    return spans


#: the title of a numbered heading glued to the text after it: short, no punctuation
_NUMBERED_TITLE = r"\s*[^\n，,。；;：:！？!?、“”《》（）()]{2,30}?\s*"
#: a numbered heading glued to the first item of a deeper level: 一、加强组织领导（一）…, 第二章 设立第五条 …
_GLUED_NUMBERED = re.compile(
    rf"(?:第[{_CN_NUM}\d]+[编章](?={_NUMBERED_TITLE}第[{_CN_NUM}\d]+[节条])"
    rf"|第[{_CN_NUM}\d]+节(?={_NUMBERED_TITLE}第[{_CN_NUM}\d]+条)"
    rf"|[{_CN_NUM}]+、(?={_NUMBERED_TITLE}(?:[（(][{_CN_NUM}]+[）)]|\d{{1,2}}[、．.](?!\d))))"
    rf"{_NUMBERED_TITLE}(?=第|[（(]|\d)"
)
#: where the first numbered heading may be glued without a sentence end: after a colon (如下：一、…) or after the
#: title of the instrument it opens (…工作要点一、…, …实施方案一、…)
_AFTER_TITLE_OR_COLON = re.compile(r"(?:[：:]|(?:要点|方案|计划|意见|办法|规定|细则|规划|纲要|通知|决定)(?=一、))\s*")
#: the first chapter glued to the title before it and to its first article: 某条例第一章 总则第一条 …
_GLUED_CHAPTER = re.compile(r"第一章(?![^第]*?[的之])\s*[^\n，,。；;：:！？!?、“”《》（）()第]{2,30}?\s*(?=第一条)")


def _glued_numbered(text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    """Numbered headings glued to the first item of the next level, as one-line text has them.

    At a sentence start, after a colon or after an instrument's title (``…工作要点一、…``),
    ``一、加强组织领导（一）…`` holds the heading ``一、加强组织领导`` and
    ``第二章 设立第五条 …`` the heading ``第二章 设立``; the first chapter glued to its first
    article is a heading after the title too (``某条例第一章 总则第一条 …``). A numbered line that runs on after a full
    stop (``（一）加强监督。要……``) stays a run-in heading of its paragraph, as on lines.
    """
    spans = []
    for sent in sentences:
        m = _GLUED_NUMBERED.match(sent.text)
        if m is not None:
            spans.append((sent.start, sent.start + len(m.group().rstrip())))
    for m in _AFTER_TITLE_OR_COLON.finditer(text):
        n = _GLUED_NUMBERED.match(text, m.end())
        if n is not None:
            spans.append((n.start(), n.start() + len(n.group().rstrip())))
    for m in _GLUED_CHAPTER.finditer(text):
        spans.append((m.start(), m.start() + len(m.group().rstrip())))
    return spans


def _merge_spans(heads: Sequence[tuple[int, int]], glued: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Line headings and glued headings in text order; a glued span overlapping a line heading is dropped."""
    starts = sorted(heads)
    keys = [h[0] for h in starts]
    out = list(starts)
    for s, e in glued:
        k = bisect.bisect_right(keys, s)
        if (k and starts[k - 1][1] > s) or (k < len(starts) and starts[k][0] < e):
            continue
        out.append((s, e))
    return sorted(out)


def find_sections(text: str, sentences: Sequence[Sentence], boundaries: frozenset[int] = frozenset(),
                  known: Sequence[str] = ()) -> tuple[Section, ...]:
    """Sections of ``text``: the span before the first heading is section 0 (no heading).

    Headings on lines of their own and headings glued to the start of a sentence are both looked
    for, whatever the line breaks, so that the same words laid out differently (a title line, one
    sentence per line, a trailing line, CRLF, indentation) give the same sections.
    ``boundaries`` are token start offsets (headings end at a word boundary);
    ``known`` are department names that may open a section's first sentence.
    """
    heads = _line_headings(text) if "\n" in text.strip() else []
    glued = _glued_headings(text, sentences, boundaries, known) + _glued_numbered(text, sentences)
    if glued:
        heads = _merge_spans(heads, sorted(set(glued)))
    sections: list[Section] = []
    bounds = [h[0] for h in heads] + [len(text)]
    if not heads or heads[0][0] > 0:
        sections.append(Section(0, "", 0, 0, 0, bounds[0]))
    for k, (hs, he) in enumerate(heads):
        sections.append(Section(len(sections), text[hs:he], hs, he, hs, bounds[k + 1]))
    return tuple(sections)


#: a line that is only a bracket: a closing note of units or a remark, which ends the item above it
_BRACKET_LINE = re.compile(r"^[（(][^（）()]*[）)]$")
#: how many lines above a note the start of its item is looked for
_ITEM_LOOKBACK = 12


def item_start(text: str, pos: int) -> int:
    """Where the item (a task, a paragraph) holding ``pos`` starts, whatever the line breaks.

    Normally the start of ``pos``'s line. When nothing stands before ``pos`` on its line — a
    closing note such as ``（牵头单位：…）`` put on a line of its own, as in one-sentence-per-line
    text — the item is above it: from the nearest line above that opens a numbered item
    (``（一）…``, ``1.…``, ``一、…``), not going past a blank line, a bracket-only line (the note
    closing the item before) or more than a dozen lines; without such a line, the line just above.

    >>> t = "（一）实施甲工程。\\n年底前完成。\\n（牵头单位：某厅）"
    >>> t[item_start(t, t.index("（牵头")):][:6]
    '（一）实施甲'
    >>> t = "（一）实施甲工程。（牵头单位：某厅）"
    >>> item_start(t, t.index("（牵头"))
    0
    """
    line_start = text.rfind("\n", 0, pos) + 1
    if text[line_start:pos].strip():
        return line_start
    nearest = line_start  # the start of the line just above, once seen
    end = line_start - 1  # the line break closing the line above
    for _ in range(_ITEM_LOOKBACK):
        if end < 0:
            break
        s = text.rfind("\n", 0, end) + 1
        raw = text[s:end]
        line = raw.strip()
        if not line or (_BRACKET_LINE.match(line) and heading_level(line) is None):
            break  # a paragraph break or the note of the item before
        s += len(raw) - len(raw.lstrip())
        if nearest == line_start:
            nearest = s
        if heading_level(line) is not None:
            return s
        end = s - (len(raw) - len(raw.lstrip())) - 1
    return nearest


def split_heading_sentences(sentences: Sequence[Sentence], sections: Sequence[Section],
                            text: str) -> tuple[Sentence, ...]:
    """Cut glued headings off the sentences they were glued to, so evidence sentences are clean.

    Linear (after one sort): the cut points are sorted once and each sentence takes the ones inside
    it by bisection, instead of filtering every cut point for every sentence.
    """
    cuts = {sec.heading_end for sec in sections if sec.heading and sec.heading_end}
    starts = {sec.heading_start for sec in sections if sec.heading}
    points = sorted(cuts | starts)
    out: list[Sentence] = []
    for s in sentences:
        lo = bisect.bisect_right(points, s.start)
        pieces = [s.start, *points[lo:bisect.bisect_left(points, s.end, lo)], s.end]
        for a, b in itertools.pairwise(pieces):
            _add(out, text, a, b)
    return tuple(out)


def document_year(text: str, title: str = "") -> int | None:
    """The document's own year, the one 今年, 3月1日 … are read against.

    In order: the last line that is only a date (a notice's signature, 2018年12月26日); the
    document number in the first lines (国办发〔2018〕127号); the latest of the dated lines
    heading a statute (its promulgation and revision notes); a year in the title (``title``,
    else the first line, else the first 60 characters); the first year with 年 in the first
    300 characters; the most frequent year with 年 (the latest on ties).

    >>> document_year("关于……的通知\\n国办发〔2018〕127号\\n……2019年2月底前完成。\\n国务院办公厅\\n2018年12月26日")
    2018
    >>> document_year("某某条例\\n2002年9月29日 国务院令公布\\n2022年3月29日 第四次修订\\n第一条 ……")
    2022
    >>> document_year("四部门启动“剑网2024”专项行动\\n自2005年开展以来……")
    2024
    >>> document_year("谈2017工作重点。2016年，……2017年是关键一年。")
    2017
    """
    from .textfold import fold_grammar
    from .timex import TIMEX, cn_year, form_of

    text = fold_grammar(text)
    dated = []
    for line in re.finditer(r"^[ \t\u3000（(]*([^\n]{6,22}?)[ \t\u3000）)]*$", text, re.MULTILINE):
        m = TIMEX.fullmatch(line.group(1))
        if m is not None and form_of(m) == "ymd":
            dated.append(cn_year(m.group("ymd_y1")))
    if any(dated):
        return [y for y in dated if y][-1]
    m = re.search(r"[〔\[［【(（]((?:19|20)\d\d)[〕\]］】)）]\s*第?\s*\d+\s*号", text[:300])
    if m:
        return int(m.group(1))
    head_dates = [cn_year(m.group(1)) for m in re.finditer(
        r"^[（(]?(\d{4}|[〇○零一二三四五六七八九]{4})年[^\n]{1,6}?[月][^\n]{1,4}?日", text[:800], re.MULTILINE)]
    if any(head_dates):
        return max(y for y in head_dates if y)
    first_line = fold_grammar(title) if title else (text.split("\n", 1)[0] if "\n" in text.strip() else text[:60])
    for m in TIMEX.finditer(first_line[:120]):
        form = form_of(m)
        before = first_line[m.start() - 1] if m.start() else ""
        if (form in ("y", "ymd", "ym", "y_part", "y_half", "y_quarter")
                or (form == "bare_year" and before not in "〔[［【(（第")):
            y = cn_year(m.group(f"{form}_y1"))
            if y:
                return y
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)年", text)]
    first = re.search(r"(?<!\d)((?:19|20)\d\d)年", text[:300])
    if first:
        return int(first.group(1))
    if years:
        return max(set(years), key=lambda y: (years.count(y), y))
    return None


def parse_structure(text: str, tokens: Sequence[Token] = (), known: Sequence[str] = (),
                    splitter: Callable[[str], tuple[Sentence, ...]] = split_sentences,
                    ) -> tuple[tuple[Sentence, ...], tuple[Section, ...]]:
    """Sentences (with glued headings cut off) and sections of ``text``."""
    sentences = splitter(text)
    boundaries = frozenset(offsets(tokens)[0])
    sections = find_sections(text, sentences, boundaries, known)
    sentences = split_heading_sentences(sentences, sections, text)
    return sentences, sections
