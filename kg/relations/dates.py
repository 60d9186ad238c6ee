"""effectiveDate and period: when instruments take effect and the periods laws and programmes run over.

effectiveDate — ``law.effective``: 《A》《B》某年某月某日起正式实施, 自…起施行, …起施行的《X》;
``statute.effective``: 本条例自…起施行 (the document's title law); ``statute.effective-on-issue``:
本条例自发布之日起施行, the date of its 发布/公布 header line; ``statute.effective-header``: a header line
``<date> 施行``. period — ``title.period``: a period written inside a title; ``period.themed-year``:
明确某年为“某某年”; ``period.term``: 执行期限…至…; ``period.start``: 于某年初开始执行 of the programme the
document sets up; ``period.run-span``, ``period.held-year``, ``period.term-back``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from .. import rules
from ..law_links import same_kind
from ..model import Mention, Relation
from .doc import ITEM, Doc, LinkState, instrument_in_force, outermost, starting_in, unmark
from .tables import rx


def _laws_in(doc: Doc, t: Mention) -> list[Mention]:
    """The instruments named inside the title ``t`` (what a notice issues), outermost first."""
    return [m for m in doc.of(("Law",), t.start, t.end) if m.end <= t.end and (m.start, m.end) != (t.start, t.end)]


def _listed_before(doc: Doc, prev: list[Mention], d: Mention) -> list[Mention]:
    """《A》《B》(自)2017年3月1日起…: the laws listed right before the date (none when the gap is not a cue)."""
    text = doc.text
    k = len(prev) - 1
    if k < 0 or not rx("effective_gap").match(unmark(text[prev[k].end:d.start])):
        return []
    chosen = [prev[k]]
    gap = rx("list_gap")
    while k > 0 and gap.match(unmark(text[prev[k - 1].end:prev[k].start])):
        k -= 1
        chosen.append(prev[k])
    return chosen


def _own_instrument(doc: Doc, title: Mention, own_word: str) -> Mention:
    """本办法 in a notice that issues an 办法 is that 办法; otherwise the document's own instrument."""
    text = doc.text
    return next((m for m in [title, *_laws_in(doc, title)]
                 if same_kind(text[m.start:m.end].strip("《》〈〉 "), own_word)), title)


def _law_of_clause(doc: Doc, laws: list[Mention], prev: list[Mention], lo: int, d: Mention) -> list[Mention]:
    """The law heading the clause of a date (《X》经…通过自…起施行), else the one right after it (…起施行的《X》)."""
    text = doc.text
    if prev and rx("clause_gap").match(text[prev[-1].end:d.start]) and prev[-1].start - lo <= 2:
        return [prev[-1]]
    ma = rx("effective_before_law").match(text[d.end:d.end + 16])
    if ma:
        return [m for m in laws if d.end < m.start <= d.end + ma.end() + 1][:1]
    return []


def effective_date(st: LinkState) -> None:
    """effectiveDate: the laws a date takes effect for (the laws before each date found by bisection, not a scan)."""
    doc, out = st.doc, st.out
    text = doc.text
    laws = outermost(doc.by_type.get("Law", []))
    law_starts = [m.start for m in laws]  # sorted: by_type lists are, and outermost keeps their order
    title = doc.title_law()
    for d in doc.by_type.get("Date", []):
        tail = text[d.end:d.end + 8]
        mt = rx("effective_from").match(tail)
        if mt is None or not rx("effective").match(tail[mt.end():]):
            continue
        sent = doc.parsed.sentence_at(d.start)
        lo = sent.start if sent else max(0, d.start - 80)
        prev = [m for m in laws[bisect_left(law_starts, lo):bisect_right(law_starts, d.start)] if m.end <= d.start]
        chosen = _listed_before(doc, prev, d)
        own_word = None if chosen else rx("own_word").search(text[lo:d.start])
        if own_word and title is not None:
            subject = _own_instrument(doc, title, own_word.group(0))
            out.append(Relation(doc.entity(subject).key, "effectiveDate", doc.entity(d).key, "statute.effective",
                                doc.evidence(d.start), rules.confidence("statute.effective"), False))
            continue
        for m in chosen or _law_of_clause(doc, laws, prev, lo, d):
            out.append(Relation(doc.entity(m).key, "effectiveDate", doc.entity(d).key, "law.effective",
                                doc.evidence(d.start), rules.confidence("law.effective"), False))
    _effective_on_issue(doc, title, out)


def _effective_on_issue(doc: Doc, title: Mention | None, out: list[Relation]) -> None:
    """本条例自发布之日起施行: the instrument takes effect on the date of its 发布/公布 header line;
    a header line ``2031年8月1日 施行`` (before the first article) states the date itself."""
    if title is None:
        return
    head = doc.text[title.end:min(len(doc.text), title.end + 600)]
    body = rx("first_article").search(head)
    for hdr in rx("header_effective").finditer(head, 0, body.start() if body else len(head)):
        for d in doc.of(("Date",), title.end + hdr.start(1), title.end + hdr.end(1)):
            out.append(Relation(doc.entity(title).key, "effectiveDate", doc.entity(d).key, "statute.effective-header",
                                doc.evidence(d.start), rules.confidence("statute.effective-header"), False))
            break
    said = rx("on_issue").search(doc.text, title.end)
    if said is None:
        return
    line = rx("issue_line").search(doc.text, title.end, min(len(doc.text), title.end + 600))
    if line is None or line.start() > said.start():
        return
    for d in doc.of(("Date",), line.start(1), line.end(1)):
        out.append(Relation(doc.entity(title).key, "effectiveDate", doc.entity(d).key, "statute.effective-on-issue",
                            doc.evidence(said.start()), rules.confidence("statute.effective-on-issue"), False))
        break


def _title_date_ok(doc: Doc, d: Mention) -> bool:
    """A date inside a title that states a period: a span, a five-year plan, or a year written with 年.

    The numbered five-year terms of other series (“七五”普法) are not the national plan periods.
    """
    if rx("pufa").match(doc.text[d.end:d.end + 3]):
        return False
    return "/" in (d.value or "") or bool(rx("five_year").search(d.text)) or bool(rx("year_word").search(d.text))


def _title_periods(doc: Doc, out: list[Relation]) -> None:
    """A date in an item's title (not inside a smaller item there) is the item's period (``title.period``).

    Linear in the mentions: the dates nested in a title are found by bisection over the start-sorted list.
    """
    dates = doc.by_type.get("Date", [])
    date_starts = doc._starts.get("Date", [])
    bare_year = rx("bare_year")
    for m in doc.mentions:
        if m.type not in ITEM:
            continue
        # d.start in [m.start, m.end)
        for d in dates[bisect_left(date_starts, m.start):bisect_left(date_starts, m.end)]:
            if m.type == "Law" and bare_year.fullmatch(d.value or ""):
                continue  # a year's work points or a notice are dated by their year, not run over it
            if m.start <= d.start and d.end <= m.end and _title_date_ok(doc, d) and not any(
                    (m.start, m.end) != (n.start, n.end) and n.end <= m.end and d.end <= n.end
                    for n in doc.of(ITEM, m.start, d.start + 1)):  # n.start in [m.start, d.start]
                out.append(Relation(doc.entity(m).key, "period", doc.entity(d).key, "title.period",
                                    doc.evidence(m.start), rules.confidence("title.period"), False))


def _themed_year_named(doc: Doc, d: Mention, out: list[Relation]) -> None:
    """明确2031年为“某某质量年”: a themed year named after the year (gap ≤ 12, no break)."""
    text = doc.text
    mt = rx("themed_year").match(text[d.end:d.end + 5])
    if not (mt and (d.value or "").isdigit()):
        return
    for m in starting_in(doc, ("Project", "Law"), d.end, d.end + mt.end() + 13):  # gap ≤ 12
        gap = text[d.end + mt.end():m.start]
        if m.start >= d.end and len(gap) <= 12 and not rx("themed_gap_break").search(gap) \
                and rx("ends_year").search(unmark(m.label)):
            out.append(Relation(doc.entity(m).key, "period", doc.entity(d).key, "period.themed-year",
                                doc.evidence(d.start), rules.confidence("period.themed-year"), False))


def _term(doc: Doc, d: Mention, out: list[Relation]) -> None:
    """执行期限为2019年至2021年 / 周期为…: the term of the item named in the sentence, else of the instrument
    the sentence points back at (上述政策执行期限为…)."""
    text = doc.text
    if not rx("term").search(text[max(0, d.start - 10):d.start]):
        return
    sent = doc.parsed.sentence_at(d.start)
    if sent is None:
        return
    named = list(doc.of(ITEM, sent.start, d.start))
    if named:
        out.append(Relation(doc.entity(named[-1]).key, "period", doc.entity(d).key, "period.term",
                            doc.evidence(d.start), rules.confidence("period.term"), False))
    elif rx("term_back").search(text[sent.start:d.start]) and "/" in (d.value or ""):
        target = instrument_in_force(doc, sent.start)
        if target is not None:
            out.append(Relation(doc.entity(target).key, "period", doc.entity(d).key, "period.term-back",
                                doc.evidence(d.start), rules.confidence("period.term-back"), False))


def _run_span(doc: Doc, d: Mention, out: list[Relation]) -> None:
    """将于2031年至2033年实施“某某工程”: a programme carried out over the span written just before its verb."""
    if "/" not in (d.value or ""):
        return
    mv = rx("run_over").match(doc.text, d.end)
    if mv:
        for m in doc.of(("Project",), mv.end() - 1, mv.end() + 2):
            out.append(Relation(doc.entity(m).key, "period", doc.entity(d).key, "period.run-span",
                                doc.evidence(d.start), rules.confidence("period.run-span"), False))


def _year_before_theme(doc: Doc, d: Mention, out: list[Relation]) -> None:
    """2031年“某某提升年”: a themed year written right after its year."""
    if not (d.value or "").isdigit():
        return
    for m in doc.of(("Project",), d.end, d.end + 2):
        if rx("open_quote").fullmatch(doc.text[d.end:m.start]) and rx("ends_year").search(unmark(m.label)):
            out.append(Relation(doc.entity(m).key, "period", doc.entity(d).key, "period.themed-year",
                                doc.evidence(d.start), 0.8, False))  # a year beside the name, not said of it


def period(st: LinkState) -> None:
    """period: a date in an item's title, a themed year, a term, a span run over, a year before its theme.

    Also the one year a themed year is held in, and the start of the programme the document sets up.
    """
    doc, out = st.doc, st.out
    _title_periods(doc, out)
    for d in doc.by_type.get("Date", []):
        _themed_year_named(doc, d, out)
        _term(doc, d, out)
        _run_span(doc, d, out)
        _year_before_theme(doc, d, out)
    _held_year(doc, out)
    _start(doc, out)


def _held_year(doc: Doc, out: list[Relation]) -> None:
    """今年…举办“中国—某国文化年”: a themed or exchange year held in the one year its sentence names."""
    for m in doc.by_type.get("Project", []):
        if not rx("ends_year").search(unmark(m.label)) or not rx("hold").search(doc.text[max(0, m.start - 5):m.start]):
            continue
        sent = doc.parsed.sentence_at(m.start)
        if sent is None:
            continue
        years = {doc.entity(d).key: d for d in doc.of(("Date",), sent.start, m.start) if (d.value or "").isdigit()}
        if len(years) == 1:
            d = next(iter(years.values()))
            out.append(Relation(doc.entity(m).key, "period", doc.entity(d).key, "period.held-year",
                                doc.evidence(m.start), rules.confidence("period.held-year"), False))


def _start(doc: Doc, out: list[Relation]) -> None:
    """于2019年初开始执行… in a sentence naming no item: the start of the programme the document sets up.

    That programme is the project named inside the document title (or the title of the
    plan it issues), when there is exactly one such project.
    """
    title = doc.title_law()
    if title is None:
        return
    progs = {doc.entity(p).key for p in doc.of(("Project",), title.start, title.end) if p.end <= title.end}
    if len(progs) != 1:
        return
    prog = next(iter(progs))
    text = doc.text
    for d in doc.by_type.get("Date", []):
        if not rx("start_after").match(text[d.end:d.end + 6]):
            continue
        if not rx("start_before").search(text[max(0, d.start - 2):d.start]):
            continue
        sent = doc.parsed.sentence_at(d.start)
        if sent is None or doc.of(ITEM, sent.start, sent.end) or "试点" not in sent.text and "方案" not in sent.text:
            continue
        out.append(Relation(prog, "period", doc.entity(d).key, "period.start", doc.evidence(d.start),
                            rules.confidence("period.start"), False))
