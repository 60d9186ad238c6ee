"""Relations between resolved entities, each produced by a named rule.

Input: one parsed document and its entities (with mentions). Output:
:class:`~kg.model.Relation` records carrying their evidence sentence, the
rule that fired (``Relation.rule``) and a confidence. Rules match on the text
folded to simplified characters (:func:`kg.sections.fold`), so traditional
texts work alike.

responsibleFor (Bureau → Law/Project)
    ``section.owner`` — every law and project of a section whose owner is named
    as its subject (:mod:`kg.sections`); ``gazetteer.covers:<dept>`` — the same
    for an inferred owner (``inferred=True``, lower confidence);
    ``sentence.subject`` — bureaus standing as the subject of a clause with a
    predicate (负责, 会同…制定, 联合启动, 完成《…》修订 …) and the items of that clause;
    ``bureau.issued`` — 《…》 issued by the bureaus right before it (…发布的《…》,
    …某年出台的《…》); ``law.issuer`` — the issuers at the head of a title
    (国务院办公厅关于…的通知, 中共中央办公厅 国务院办公厅印发〈…〉的通知, 某局2031年工作要点);
    ``doc.issues`` — the document title ``B关于印发X的通知`` issues X;
    ``statute.promulgation`` — ``…某机关令第N号公布`` / ``…某机关第N次会议通过`` in a statute's header;
    ``lead-unit`` — the units closing a task in brackets, lead and partners alike
    (（牵头单位：A；配合单位：B、C）, （责任单位：A、B）, （A牵头，B配合））, for the task's
    items, and 由B牵头 for its sentence; ``sentence.subject`` also gives the partners of
    A会同B制定《X》; ``law.issuer-launch`` — the issuer of B关于开展P的通知 is responsible
    for P; ``nested.project`` — a project named inside the title of a plan a bureau is
    responsible for. Items cited as a basis (依照《X》, 为贯彻落实《X》) get no link.
issuedBy (Law → Bureau)
    ``law.issuer`` and ``statute.promulgation`` give it with their responsibleFor (an issuer is
    responsible for what it issues).
basedOn / amends / repeals (Law → Law)
    :mod:`kg.law_links` — 根据《X》…制定本条例, 关于修改《X》的决定, 《X》同时废止 ….
effectiveDate (Law → Date)
    ``law.effective`` — 《A》《B》某年某月某日起正式实施, 自…起施行, …起施行的《X》;
    ``statute.effective`` — 本条例自…起施行 (the document's title law); ``statute.effective-on-issue`` —
    本条例自发布之日起施行, the date of its 发布/公布 header line.
period (Law/Project → Date)
    ``title.period`` — a period written inside a title (a span or a five-year plan; a single
    year only inside a programme's name, which takes it from a notice's title around it); ``period.themed-year``
    — 明确某年为“某某年”; ``period.term`` — 执行期限/实施期限…至…;
    ``period.start`` — a start (于某年初开始执行) of the programme the document sets up.
subOrganizationOf (Bureau → Bureau)
    ``gazetteer.parent`` — both in the document; ``name.prefix`` — 公安部治安管理局 → 公安部;
    ``office.of`` — X办公室 → X; ``office.located`` — …办公室设在B → B;
    ``section.inferred-owner`` — an inferred section owner → the document's organ.
organizes (Bureau → Event/Project)
    ``event.host`` — 组织举办/承办/主办…E, by the clause's subject or the section owner;
    ``directive.implement`` — B关于(统筹)实施“P”的部署.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .extract.base import ExtractContext
from .law_links import law_links, same_kind
from .model import Entity, Evidence, Mention, Parsed, Relation, Section
from .sections import SectionOwner, fold, is_subject_lead, section_owners
from .structure import item_start

__all__ = ["Linked", "find_relations", "link_document"]

_ITEM = ("Law", "Project")
_EFFECTIVE = re.compile(r"^(?:正式)?(?:施行|实施|生效|执行)")
_LIST_GAP = re.compile(r"^[、，,和及与以及\s]*$")
_BUREAU_GAP = re.compile(r"^(?:[、，,和及与\s]|以及)*$")
_PRED_AFTER_SUBJECT = re.compile(
    r"^(?:等(?:[一二三四五六七八九十\d]+个?|有关|相关)?(?:部门|单位|机构))?"
    r"(?:和(?:有关|相关)[\u4e00-\u9fff]{0,8}(?:部门|单位|机构))?"
    r"(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日|\d{4}年(?:\d{1,2}月)?|今年|近日|日前)?"
    r"(?:在(?:京|沪|穗|北京|上海|[\u4e00-\u9fff]{1,4}?(?:省|市|县))(?:召开[^，。；]{0,12}?会议)?[，,]?)?"
    r"(?:(?:自|从)\d{4}年(?:\d{1,2}月)?(?:起|以来)|每年|连续[一二三四五六七八九十\d]+年|首次|再次)*"
    r"(?:(?:要|将|还将|继续)?(?:以|围绕|依托|结合)[^，。；]{1,20}?为(?:主题|抓手|契机|重点|引领|核心|主线|载体)[，,]?)?"
    r"(?:要|将|应当|应|须|必须|已经|已|曾|正|继续|还|也|进一步|切实|认真|分别|重点|积极|统一|共同|联合|日前|近日|拟|负责|牵头|"
    r"在(?:全国|全省|全市|全县|全区|各地|[\u4e00-\u9fff]{1,4}?(?:省|市|县|区|乡|镇))|"
    r"深入|大力|全面|持续|扎实|着力|加快|稳步|精心|决定|(?:会同|联合|协同|配合|协助)[^，。；]{0,12}?)*"
    r"(?:负责|牵头|会同|承担|制定|修订|修改|出台|发布|印发|颁布|完成|启动|开展|组织|实施|推动|推进|落实|贯彻|执行|按照|"
    r"起草|编制|建立|领导|部署|抓好|做好|加强|研究|指导|主办|承办|举办|提出)"
)
#: a verb that makes a later clause of the same subject about the item that follows it
_STRONG_VERB = re.compile(r"(?:落实|贯彻|执行|实施|制定|修订|修改|出台|启动|开展|组织|推动|推进|完成|起草|编制|牵头|负责|承担|印发|发布)")
_BASIS = re.compile(r"(?:依照|依据|根据|按|遵照|参照|违反|为(?:深入|认真|全面|更好)?(?:贯彻(?:落实)?|落实|实施|执行))[《〈“「]?$")
#: the partners a subject works with: A要会同B、C制定…, A联合B开展…
_PARTNER_GAP = re.compile(r"^(?:要|将|应当|应|须|还将|还|也|继续|积极|主动|负责|牵头)*(?:会同|协同|联合|商请|商)$")
#: what a bracket of units closing a task holds besides the bureaus: role words and separators
_UNIT_ROLES = re.compile(
    r"^(?:[、，,；;：:\s和及]|(?:牵头|责任|主责|配合|协办|参与|协同|实施)(?:单位|部门)|牵头|负责|配合|参与|协办|"
    r"按职责分工负责|按职责负责|分别负责|共同负责|按职责分工|分工负责|等|"
    r"各[\u4e00-\u9fff]{0,8}?(?:人民政府|政府|部门|单位)|[\u4e00-\u9fff]{0,4}(?:有关|相关)(?:部门|单位)|各|"
    r"(?:完成|办结)?(?:时限|时间|时间节点|期限)[：:][^；;、（）()]*)*$")
_MARKS = "《》〈〉“”\"'‘’「」"

_ISSUE_VERB = re.compile(r"(?:发布|出台|印发|颁布|制定|公布|下发)(?:了)?的?$")
#: what may stand between issuers and their verb: 等…部门, a date, 联合, or the issuer's own meeting
#: (省委九届八次会议制定的《…》, 市政府第12次常务会议通过 …: the meeting is the issuer at work)
_CN_NUM = "[一二三四五六七八九十百零〇\\d]+"
_ISSUE_GAP = re.compile(rf"^(?:等[^，。；]{{0,6}}?(?:部门|单位))?(?:于|在)?(?:\d{{4}}年(?:\d{{1,2}}月(?:\d{{1,2}}日)?)?)?"
                        rf"(?:第?{_CN_NUM}届(?:{_CN_NUM}中全会|{_CN_NUM}次(?:全体|常务)?会议)|第?{_CN_NUM}次(?:全体|常务)?会议)?"
                        r"(?:联合|共同|正式)?$")
_UNIT_BRACKET = re.compile(r"[（(]([^（）()\n]{2,120})[）)]")
#: the units closing a task line without brackets: …。责任单位：A、B。
_UNIT_LINE_END = re.compile(r"(?:(?<=[。；;])|^)[ \t\u3000]*((?:牵头|责任|主责|配合|协办|参与)(?:单位|部门)[：:][^。\n]{2,120}?)"
                            r"[。；;]?[ \t\u3000]*$", re.MULTILINE)
_LED_BY = re.compile(r"由([^，。；由]{2,30}?)(?:牵头|负责)")
_HOST = re.compile(r"(?:组织举办|举办|承办|主办|筹办|召开|组织召开)(?:好|了)?[“”\"]?$")
_TERM = re.compile(r"(?:执行期限|实施期限|有效期限|有效期|期限|周期|实施期|规划期|执行期)(?:为|是|：|:)?(?:自|从)?$")
#: the words by which a term sentence points back at an instrument instead of naming it
_TERM_BACK = re.compile(r"(?:上述|以上|前述|这些|本|该)(?:政策|措施|规定|办法|方案|规划|计划|意见|细则|条例|决定|通知|纲要|举措)"
                        r"|(?:政策|措施)(?:凡)?(?:未注明|没有注明)"
                        r"|^[\s（(一二三四五六七八九十、）)\d.．]*(?:规划|实施|执行)期(?:限)?(?:为|是|：|:|自|从)")
_START_AFTER = re.compile(r"^(?:起|开始|正式)*(?:执行|实施|启动|试行|运行)")
_FIVE_YEAR = re.compile(r"[一二三四五六七八九十]+五")


@dataclass(frozen=True)
class Linked:
    """A document's entities (with inferred section owners added), relations and section owners."""

    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    owners: tuple[SectionOwner, ...]


class _Doc:
    """Look-ups over one document's mentions, shared by the rules."""

    def __init__(self, parsed: Parsed, entities: Sequence[Entity]) -> None:
        self.parsed = parsed
        self.text = fold(parsed.text)
        self.entity_of: dict[tuple[int, int, str], Entity] = {}
        for e in entities:
            for m in e.mentions:
                if m.doc_id in ("", parsed.doc.doc_id):
                    self.entity_of[(m.start, m.end, m.type)] = e
        self.mentions = sorted((m for e in entities for m in e.mentions
                                if m.doc_id in ("", parsed.doc.doc_id) and m.rule != "section.inferred-owner"),
                               key=lambda m: (m.start, m.end, m.type))
        self.by_type: dict[str, list[Mention]] = {}
        for m in self.mentions:
            self.by_type.setdefault(m.type, []).append(m)
        self._starts = {t: [m.start for m in ms] for t, ms in self.by_type.items()}  # for :meth:`of`

    def entity(self, m: Mention) -> Entity:
        return self.entity_of[(m.start, m.end, m.type)]

    def of(self, types: Iterable[str], lo: int, hi: int) -> list[Mention]:
        """Mentions of ``types`` starting in ``[lo, hi)``."""
        out: list[Mention] = []
        for t in types:
            starts = self._starts.get(t)
            if starts:  # by_type lists are sorted by start
                out += self.by_type[t][bisect_left(starts, lo):bisect_left(starts, hi)]
        return sorted(out, key=lambda m: (m.start, m.end))

    def evidence(self, start: int, end: int | None = None) -> Evidence:
        s = self.parsed.sentence_at(start)
        if s is None:
            end = start if end is None else end
            return Evidence(self.parsed.doc.doc_id, start, end, self.parsed.text[start:end])
        return Evidence(self.parsed.doc.doc_id, s.start, s.end, s.text)

    def title_law(self) -> Mention | None:
        """The Law mention that is the document's own instrument (kg.extract.laws: ``law.own-title``),
        else the one that is the document's first line (its title), if any.

        Worked out once per document (the rules ask for it per date and per mention, and each answer
        scans the laws and strips the whole text), so asking is constant time.
        """
        if "_title_law" not in self.__dict__:
            self.__dict__["_title_law"] = self._find_title_law()
        return self.__dict__["_title_law"]

    def _find_title_law(self) -> Mention | None:
        own = next((m for m in self.by_type.get("Law", ()) if m.rule == "law.own-title"), None)
        if own is not None:
            return own
        first_end = self.text.find("\n")
        first_end = len(self.text) if first_end < 0 else first_end
        lead = len(self.text) - len(self.text.lstrip())
        for m in self.by_type.get("Law", ()):
            if m.start <= lead + 1 and m.end >= first_end - 2:
                return m
        return None


def _unmark(s: str) -> str:
    """``s`` without quote and title marks or spaces."""
    return "".join(c for c in s if c not in _MARKS and not c.isspace())


def _outermost(ms: Sequence[Mention]) -> list[Mention]:
    """Mentions not nested inside another of the list (inside a different span that holds theirs)."""
    nested = set()
    reach = -1  # the farthest end of the spans seen so far: they all start at or before this one
    for span in sorted({(m.start, m.end) for m in ms}, key=lambda se: (se[0], -se[1])):
        if reach >= span[1]:
            nested.add(span)
        reach = max(reach, span[1])
    return [m for m in ms if (m.start, m.end) not in nested]


def _clause_bounds(text: str, lo: int, hi: int, at: int, breaks: str = "；;。！？!?\n") -> tuple[int, int]:
    """The span around ``at`` within ``[lo, hi)`` delimited by ``breaks``."""
    a = at
    while a > lo and text[a - 1] not in breaks:
        a -= 1
    b = at
    while b < hi and text[b] not in breaks:
        b += 1
    return a, b


def _bureau_lists(doc: _Doc, lo: int, hi: int) -> list[list[Mention]]:
    """Runs of Bureau mentions in ``[lo, hi)`` joined by 、/和/及 (outermost mentions only)."""
    bs = _outermost(doc.of(("Bureau",), lo, hi))
    runs: list[list[Mention]] = []
    for m in bs:
        if runs and _BUREAU_GAP.match(doc.text[runs[-1][-1].end:m.start]):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


# ---------------------------------------------------------------------------
# responsibleFor
# ---------------------------------------------------------------------------

def _section_items(doc: _Doc, sec: Section) -> list[Mention]:
    body = sec.heading_end if sec.heading else sec.start
    return _items(doc, body, sec.end)


def _owner_rules(doc: _Doc, owners: Sequence[SectionOwner], out: list[Relation]) -> None:
    secs = {s.index: s for s in doc.parsed.sections}
    for o in owners:
        for m in _section_items(doc, secs[o.section]):
            rule = "section.owner" if o.explicit else o.rule
            conf = 0.8 if o.explicit else o.confidence
            out.append(Relation(o.entity, "responsibleFor", doc.entity(m).key, rule, doc.evidence(m.start), conf,
                                not o.explicit))


def _items(doc: _Doc, lo: int, hi: int) -> list[Mention]:
    """Laws and projects starting in ``[lo, hi)``, without laws cited inside another law's title."""
    ms = doc.of(_ITEM, lo, hi)
    laws = [m for m in ms if m.type == "Law"]
    return [m for m in ms if m.type != "Law" or not any(o is not m and o.start <= m.start and m.end <= o.end
                                                         and (o.start, o.end) != (m.start, m.end) for o in laws)]


def _cited(text: str, m: Mention, lo: int = 0) -> bool:
    """Whether the item ``m`` is cited as a basis (依照《X》, 根据《X》, 为贯彻落实《X》), not worked on."""
    return bool(_BASIS.search(text[max(lo, m.start - 8):m.start]))


def _clause_items(doc: _Doc, lo: int, hi: int) -> list[Mention]:
    """The items a subject standing at ``lo`` is responsible for, up to ``hi``.

    Items of the first comma clause count; in later comma clauses only items
    that a verb of doing (落实, 修订, 开展 …) governs. Items cited as a basis
    (依照《…》, 根据《…》) never count.
    """
    text = doc.text
    first_end = lo
    while first_end < hi and text[first_end] not in "，,":
        first_end += 1
    out = []
    for m in _items(doc, lo, hi):
        if _cited(text, m, lo):
            continue
        if m.start > first_end:
            c0 = m.start
            while c0 > lo and text[c0 - 1] not in "，,":
                c0 -= 1
            if not (_STRONG_VERB.search(text[c0:m.start])
                    or re.match(r"^[》〉”\"]?的?(?:修订|修改|制定|起草|实施)", text[m.end:m.end + 5])):
                continue
        out.append(m)
    return out


def _subject_rules(doc: _Doc, out: list[Relation]) -> None:
    """Bureaus as the subject of a clause (up to ；/。) are responsible for its laws and projects."""
    text = doc.text
    for sent in doc.parsed.sentences:
        runs = _bureau_lists(doc, sent.start, sent.end)
        for k, run in enumerate(runs):
            first, last = run[0], run[-1]
            j = first.start
            while j > sent.start and text[j - 1] not in "，,；;：:。\n":
                j -= 1
            lead = text[j:first.start]
            after = text[last.end:last.end + 40]
            if lead.endswith("由") and re.match(r"^[^，。；]{0,20}?(?:组成|选派|参加)", after):
                continue  # 由A、B组成… — members, not the responsible body
            lead_ok = bool(re.match(_DATELINE_LEAD + r"(?:请|由|并|另|同时|此外|据[^，]{0,12}报道，?)?(?:\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?[，,]?)?(?:请|由)?$", lead)
                           or is_subject_lead(lead))
            if not lead_ok or not _PRED_AFTER_SUBJECT.match(after):
                continue
            _, clause_end = _clause_bounds(text, sent.start, sent.end, last.end)
            # a later subject in the same clause takes over
            for nxt in runs[k + 1:]:
                if nxt[0].start < clause_end and text[nxt[0].start - 1] in "，," \
                        and _PRED_AFTER_SUBJECT.match(text[nxt[-1].end:nxt[-1].end + 40]):
                    clause_end = nxt[0].start
                    break
            items = _clause_items(doc, last.end, clause_end)
            if not items and not doc.of(_ITEM, sent.start, sent.end):
                items = _supervised_instrument(doc, last.end, sent.end)
            for b in run:
                be = doc.entity(b)
                for m in items:
                    out.append(Relation(be.key, "responsibleFor", doc.entity(m).key, "sentence.subject",
                                        doc.evidence(m.start), 0.85, False))
            for partners, shared in _partners(doc, runs[k + 1:], last.end, clause_end, items):
                for b in partners:
                    for m in shared:
                        out.append(Relation(doc.entity(b).key, "responsibleFor", doc.entity(m).key, "sentence.subject",
                                            doc.evidence(m.start), 0.85, False))


#: a news report's opening before its first sentence's subject: 本报讯（记者 某某）, 新华社北京3月5日电（记者 某某）
_DATELINE_LEAD = r"^\s*(?:(?:本报讯|本网讯|[^，。；\n]{0,12}?\d{1,2}月\d{1,2}日(?:电|讯))\s*(?:[（(][^（）()\n]{0,24}[）)])?\s*)?"
#: a clause about overseeing a whole instrument's implementation: 做好指导、督查和总结工作，共同抓好落实
_OVERSEE = re.compile(r"(?:督查|督促|督导|指导|检查|总结|评估|统筹协调)")
_CARRY_OUT = re.compile(r"(?:抓好|狠抓|督促|推动|推进|确保|共同|切实)?(?:贯彻)?落实|组织实施")


def _supervised_instrument(doc: _Doc, lo: int, hi: int) -> list[Mention]:
    """A subject charged, in a sentence naming no item, with guiding and overseeing the carrying out
    (体育总局要会同有关方面做好指导、督查和总结工作，共同抓好落实) is responsible for the instrument
    in force there: the one whose heading precedes, the one the notice issues, or the document's own."""
    part = doc.text[lo:hi]
    if doc.title_law() is None or not (_OVERSEE.search(part) and _CARRY_OUT.search(part)):
        return []
    target = _instrument_in_force(doc, lo)
    return [target] if target is not None else []


def _partners(doc: _Doc, runs: Sequence[list[Mention]], subject_end: int, clause_end: int,
              items: Sequence[Mention]) -> list[tuple[list[Mention], list[Mention]]]:
    """The bureaus a subject works with, and the items they share: A要会同B、C制定《X》 → B, C for X;
    A负责…，会同B开展P → B for P (the items after B in its comma clause)."""
    text = doc.text
    out = []
    first_item = min((m.start for m in items), default=clause_end)
    for run in runs:
        if run[0].start >= clause_end:
            break
        if run[0].start < first_item and _PARTNER_GAP.match(text[subject_end:run[0].start]):
            out.append((list(run), list(items)))
            continue
        if re.search(r"(?:会同|协同|联合)$", text[max(subject_end, run[0].start - 2):run[0].start]):
            comma = min([i for i in (text.find(c, run[-1].end, clause_end) for c in "，,") if i >= 0] or [clause_end])
            shared = [m for m in items if run[-1].end <= m.start < comma]
            if shared:
                out.append((list(run), shared))
    return out


def _issued_rules(doc: _Doc, out: list[Relation]) -> None:
    """《X》 issued by the bureaus just before it: …B1、B2发布的《X》, B2017年出台的《X》, and a title
    named right after its issuers (最高人民法院、最高人民检察院《关于…的规定》), which also gives issuedBy."""
    text = doc.text
    for m in _outermost(doc.by_type.get("Law", [])):
        sent_lo = max(0, m.start - 60)
        before = text[sent_lo:m.start]
        if text[m.start:m.start + 1] in "《〈":
            runs = _bureau_lists(doc, sent_lo, m.start)
            if runs and runs[-1][-1].end <= m.start and not text[runs[-1][-1].end:m.start].strip():
                for b in runs[-1]:
                    out.append(Relation(doc.entity(b).key, "responsibleFor", doc.entity(m).key, "bureau.issued",
                                        doc.evidence(m.start), 0.9, False))
                    out.append(Relation(doc.entity(m).key, "issuedBy", doc.entity(b).key, "bureau.issued",
                                        doc.evidence(m.start), 0.9, False))
                continue
        mv = _ISSUE_VERB.search(before.rstrip(_MARKS))
        if mv is None:
            continue
        verb_at = sent_lo + mv.start()
        runs = _bureau_lists(doc, sent_lo, verb_at)
        if not runs:
            continue
        run = runs[-1]
        gap = text[run[-1].end:verb_at]
        if not _ISSUE_GAP.match(gap):
            continue
        issued = "制定" not in mv.group(0)  # drafting (制定) is not yet issuing
        for b in run:
            out.append(Relation(doc.entity(b).key, "responsibleFor", doc.entity(m).key, "bureau.issued",
                                doc.evidence(m.start), 0.9, False))
            if issued:
                out.append(Relation(doc.entity(m).key, "issuedBy", doc.entity(b).key, "bureau.issued",
                                    doc.evidence(m.start), 0.9, False))


def _issuer_rules(doc: _Doc, out: list[Relation]) -> None:
    """The issuers at the head of a title: B关于…, B1 B2印发〈…〉的通知, B令, B2031年工作要点."""
    text = doc.text
    for law in doc.by_type.get("Law", []):
        inner = [b for b in doc.of(("Bureau",), law.start, law.end) if b.end <= law.end]
        if not inner:
            continue
        pos = law.start
        while pos < law.end and text[pos] in "《〈“\"":
            pos += 1
        issuers = []
        for b in _outermost(inner):
            if b.start != pos:
                break
            issuers.append(b)
            pos = b.end
            while pos < law.end and text[pos] in " 　、和":
                pos += 1
        if issuers and re.match(r"^(?:关于|印发|转发|令|公告|通知|决定|\d{4}年度?)", text[pos:law.end]):
            for b in issuers:
                out.append(Relation(doc.entity(b).key, "responsibleFor", doc.entity(law).key, "law.issuer",
                                    doc.evidence(law.start, law.end), 0.95, False))
                out.append(Relation(doc.entity(law).key, "issuedBy", doc.entity(b).key, "law.issuer",
                                    doc.evidence(law.start, law.end), 0.95, False))


def _launch_rules(doc: _Doc, out: list[Relation]) -> None:
    """B关于开展P的通知: the issuer of a notice that launches a programme is responsible for it."""
    text = doc.text
    issued = [r for r in out if r.rule == "law.issuer"]
    for law in doc.by_type.get("Law", []):
        key = doc.entity(law).key
        issuers = sorted({r.subject for r in issued if r.object == key})
        if not issuers:
            continue
        for p in doc.of(("Project",), law.start, law.end):
            if p.end <= law.end and re.search(r"关于(?:组织|联合|深入|全面|集中)?(?:开展|实施|启动|举办|推进)[“「]?$",
                                                text[law.start:p.start]):
                for b in issuers:
                    out.append(Relation(b, "responsibleFor", doc.entity(p).key, "law.issuer-launch",
                                        doc.evidence(law.start, law.end), 0.85, False))


def _doc_issues_rules(doc: _Doc, out: list[Relation]) -> None:
    """The document title ``B关于印发X的通知``: B is responsible for X as well."""
    title = doc.title_law()
    if title is None:
        return
    issuers = [r.subject for r in out if r.rule == "law.issuer" and r.object == doc.entity(title).key]
    if not issuers:
        return
    for m in doc.of(("Law",), title.start + 1, title.end):
        if m.end <= title.end and re.search(r"印发[《〈“]?$", doc.text[title.start:m.start]):
            for key in sorted(set(issuers)):
                out.append(Relation(key, "responsibleFor", doc.entity(m).key, "doc.issues",
                                    doc.evidence(title.start, title.end), 0.9, False))


def _promulgation_rules(doc: _Doc, out: list[Relation]) -> None:
    """The header lines of a statute, before its first article: ``<date> <organ>令第N号公布``,
    ``<organ>公告第N号公布``, ``<date> <organ>发布``, and a local organ's ``第N次会议通过``: the organ
    issued the title law (``issuedBy``, and it is responsible for it). An organ that approves (批准)
    or revises, and the national congress adopting a law (promulgated by order), are not issuers."""
    title = doc.title_law()
    if title is None:
        return
    head_end = min(len(doc.text), title.end + 400)
    body = re.search(r"^\s*第[一二三四五六七八九十百零〇\d]+[条章]", doc.text[title.end:head_end], re.MULTILINE)
    if body:
        head_end = title.end + body.start()
    acts = re.compile(r"\s*(?:(?:令|公告)(?:[（(][^（）()\n]{1,12}[）)])?(?:第[\d一二三四五六七八九十百零〇]+号)?|"
                      r"[〔\[（(]?\d{4}[〕\]）)]?第?[\d一二三四五六七八九十百零〇]+号)?\s*(?:公布|发布|颁布)")
    # a local congress's standing committee both adopts and promulgates its regulations; a national
    # law adopted by the national congress is promulgated by the head of state's order instead
    adopted = re.compile(r"第[\d一二三四五六七八九十百零〇]+次(?:常务|全体)?会议(?:审议)?通过")
    for run in _bureau_lists(doc, title.end, head_end):
        at = run[-1].end
        if acts.match(doc.text, at) or (adopted.match(doc.text, at) and not doc.text[run[0].start:at].startswith("全国")):
            for b in run:
                out.append(Relation(doc.entity(b).key, "responsibleFor", doc.entity(title).key,
                                    "statute.promulgation", doc.evidence(at), 0.9, False))
                out.append(Relation(doc.entity(title).key, "issuedBy", doc.entity(b).key,
                                    "statute.promulgation", doc.evidence(at), 0.9, False))


def _unit_brackets(doc: _Doc) -> list[tuple[int, int, list[Mention]]]:
    """Brackets that close a task with its units: (start, end, bureaus) of every （…） holding only
    bureaus and role words (牵头单位：A；配合单位：B、C / 责任单位：A、B / A牵头，B配合 / A负责),
    and of a closing 责任单位：A、B。 at the end of a task line."""
    text = doc.text
    out = []
    for mt in itertools.chain(_UNIT_BRACKET.finditer(text), _UNIT_LINE_END.finditer(text)):
        lo, hi = mt.start(1), mt.end(1)
        bs = [b for b in _outermost(doc.of(("Bureau",), lo, hi)) if b.end <= hi]
        if not bs:
            continue
        rest, pos = [], lo
        for b in bs:
            rest.append(text[pos:b.start])
            pos = b.end
        rest.append(text[pos:hi])
        if _UNIT_ROLES.match("".join(rest)) and re.search(r"牵头|负责|配合|单位|部门|参与|协办", "".join(rest)):
            out.append((mt.start() if mt.re is _UNIT_BRACKET else lo, mt.end(), bs))
    return sorted(out, key=lambda u: u[:2])


def _lead_unit_rules(doc: _Doc, out: list[Relation]) -> None:
    """The units closing a task in brackets, for the task's items; 由B牵头 for its sentence.

    A task runs from its line start (or the previous bracket of units on the line) to the
    bracket; items it cites as a basis (依照《X》) are not its work.
    """
    text = doc.text
    prev_end: dict[int, int] = {}
    units = _unit_brackets(doc)
    unit_lines = {text.rfind("\n", 0, u[0]) + 1 for u in units if not text[text.rfind("\n", 0, u[0]) + 1:u[0]].strip()}
    for start, end, bs in units:
        line_start = text.rfind("\n", 0, start) + 1
        if line_start > 0 and not text[line_start:start].strip():
            # units on lines of their own (（牵头单位：A）, 牵头单位：A / 配合单位：B): the task is the item above
            # them, from its numbered line (or the line just above) to the first of these unit lines
            first = line_start
            while first > 0 and text.rfind("\n", 0, first - 1) + 1 in unit_lines:
                first = text.rfind("\n", 0, first - 1) + 1
            lo, start = item_start(text, first), first
        else:
            lo = max(line_start, prev_end.get(line_start, line_start))
            prev_end[line_start] = end
        items = [m for m in _items(doc, lo, start) if m.end <= start and not _cited(text, m, lo)]
        for b in bs:
            for m in items:
                out.append(Relation(doc.entity(b).key, "responsibleFor", doc.entity(m).key, "lead-unit",
                                    doc.evidence(m.start), 0.9, False))
    for mt in _LED_BY.finditer(text):
        sent = doc.parsed.sentence_at(mt.start())
        if sent is None:
            continue
        bs = [b for b in _outermost(doc.of(("Bureau",), mt.start(1), mt.end(1))) if b.end <= mt.end(1)]
        items = doc.of(_ITEM, sent.start, sent.end) or _programme_referred(doc, sent.start, mt.start())
        for b in bs:
            for m in items:
                if _cited(text, m, sent.start):
                    continue
                out.append(Relation(doc.entity(b).key, "responsibleFor", doc.entity(m).key, "lead-unit",
                                    doc.evidence(m.start), 0.85, False))


#: a programme word standing for the programme named before: (该|这项|此)工程由…牵头
_PROGRAMME_ANAPHOR = re.compile(r"(?:^|[，,：:])(?:该|此|这一?项?|本|上述)?(工程|计划|行动|活动|试点|项目)$")


def _programme_referred(doc: _Doc, lo: int, at: int) -> list[Mention]:
    """The programme a bare or pointing programme word (工程由B牵头, 该计划由B负责) stands for: the last
    Project named in the 300 characters before whose name ends in that word."""
    mh = _PROGRAMME_ANAPHOR.search(doc.text[lo:at].strip())
    if mh is None:
        return []
    word = mh.group(1)
    before = [p for p in doc.of(("Project",), max(0, lo - 300), lo) if _unmark(p.label).endswith(word)]
    return before[-1:]


def _nested_project_rules(doc: _Doc, out: list[Relation]) -> None:
    """A bureau responsible for a plan is responsible for the project named in its title."""
    nested: dict[str, set[str]] = {}
    for law in doc.by_type.get("Law", []):
        for p in doc.of(("Project",), law.start, law.end):
            if p.end <= law.end:
                nested.setdefault(doc.entity(law).key, set()).add(doc.entity(p).key)
    extra = []
    for r in out:
        if r.predicate != "responsibleFor" or r.object not in nested or r.rule in (
                "law.issuer", "doc.issues", "statute.promulgation", "bureau.issued"):
            continue
        for p in sorted(nested[r.object]):
            extra.append(Relation(r.subject, "responsibleFor", p, "nested.project", r.evidence,
                                  round(min(r.confidence, 0.8), 2), r.inferred))
    out.extend(extra)


# ---------------------------------------------------------------------------
# effectiveDate and period
# ---------------------------------------------------------------------------

def _effective_rules(doc: _Doc, out: list[Relation]) -> None:
    """effectiveDate: the laws a date takes effect for (the laws before each date found by bisection, not a scan)."""
    text = doc.text
    laws = _outermost(doc.by_type.get("Law", []))
    law_starts = [m.start for m in laws]  # sorted: by_type lists are, and _outermost keeps their order
    title = doc.title_law()

    def laws_in(t: Mention) -> list[Mention]:
        """The instruments named inside the title (what a notice issues), outermost first."""
        return [m for m in doc.of(("Law",), t.start, t.end) if m.end <= t.end and (m.start, m.end) != (t.start, t.end)]

    for d in doc.by_type.get("Date", []):
        tail = text[d.end:d.end + 8]
        mt = re.match(r"^(?:起|开始)", tail)
        if mt is None or not _EFFECTIVE.match(tail[mt.end():]):
            continue
        sent = doc.parsed.sentence_at(d.start)
        lo = sent.start if sent else max(0, d.start - 80)
        before = text[lo:d.start]
        chosen: list[Mention] = []
        # 《A》《B》(自)2017年3月1日起… — the laws right before the date
        prev = [m for m in laws[bisect_left(law_starts, lo):bisect_right(law_starts, d.start)] if m.end <= d.start]
        k = len(prev) - 1
        gap_ok = re.match(r"^[，,]?(?:将|拟|已|定|均|统一)?(?:自|于|从)?$", _unmark(text[prev[k].end:d.start])) \
            if k >= 0 else None
        if k >= 0 and gap_ok:
            chosen.append(prev[k])
            while k > 0 and _LIST_GAP.match(_unmark(text[prev[k - 1].end:prev[k].start])):
                k -= 1
                chosen.append(prev[k])
        elif (own_word := re.search(r"本(?:条例|办法|规定|细则|法|决定|规则|准则|方案|意见|通知|解释|安排|修正案|规范|章程)"
                                    r"(?=[，,]?(?:自|于|从)?$)", before)) and title is not None:
            # 本办法 in a notice that issues an 办法 is that 办法; otherwise the document's own instrument
            subject = next((m for m in [title, *laws_in(title)] if same_kind(text[m.start:m.end].strip("《》〈〉 "),
                                                                             own_word.group(0))), title)
            out.append(Relation(doc.entity(subject).key, "effectiveDate", doc.entity(d).key, "statute.effective",
                                doc.evidence(d.start), 0.95, False))
            continue
        elif prev and re.match(r"^[^，。；]{0,30}$", text[prev[-1].end:d.start]) and prev[-1].start - lo <= 2:
            chosen.append(prev[-1])  # 《X》经…通过自…起施行: the law is the subject of the clause
        else:
            # …起施行的《X》
            after = text[d.end:d.end + 16]
            ma = re.match(r"^(?:起|开始)(?:正式)?(?:施行|实施|生效)的[《〈]?", after)
            if ma:
                nxt = [m for m in laws if d.end < m.start <= d.end + ma.end() + 1]
                chosen.extend(nxt[:1])
        for m in chosen:
            out.append(Relation(doc.entity(m).key, "effectiveDate", doc.entity(d).key, "law.effective",
                                doc.evidence(d.start), 0.9, False))
    _effective_on_issue(doc, title, out)


_ON_ISSUE = re.compile(r"本(?:条例|办法|规定|细则|法|决定|规则|准则|解释|安排|修正案|规范|章程)[，,]?(?:自|从)(?:发布|公布|颁布|印发)之日起"
                       r"(?:施行|实施|生效)")
_ISSUE_LINE = re.compile(r"^\s*((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)[^\n]{0,60}?(?:发布|公布|颁布)\s*$", re.MULTILINE)


_HEADER_EFFECTIVE = re.compile(r"^\s*((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)\s*(?:起)?(?:施行|实施|生效)\s*$", re.MULTILINE)


def _effective_on_issue(doc: _Doc, title: Mention | None, out: list[Relation]) -> None:
    """本条例自发布之日起施行: the instrument takes effect on the date of its 发布/公布 header line;
    a header line ``2031年8月1日 施行`` (before the first article) states the date itself."""
    if title is None:
        return
    head = doc.text[title.end:min(len(doc.text), title.end + 600)]
    body = re.search(r"^\s*第[一二三四五六七八九十百零〇\d]+[条章]", head, re.MULTILINE)
    for line in _HEADER_EFFECTIVE.finditer(head, 0, body.start() if body else len(head)):
        for d in doc.of(("Date",), title.end + line.start(1), title.end + line.end(1)):
            out.append(Relation(doc.entity(title).key, "effectiveDate", doc.entity(d).key, "statute.effective-header",
                                doc.evidence(d.start), 0.9, False))
            break
    said = _ON_ISSUE.search(doc.text, title.end)
    if said is None:
        return
    line = _ISSUE_LINE.search(doc.text, title.end, min(len(doc.text), title.end + 600))
    if line is None or line.start() > said.start():
        return
    for d in doc.of(("Date",), line.start(1), line.end(1)):
        out.append(Relation(doc.entity(title).key, "effectiveDate", doc.entity(d).key, "statute.effective-on-issue",
                            doc.evidence(said.start()), 0.85, False))
        break


def _title_date_ok(doc: _Doc, d: Mention) -> bool:
    """A date inside a title that states a period: a span, a five-year plan, or a year written with 年.

    The numbered five-year terms of other series (“七五”普法) are not the national plan periods.
    """
    if re.match(r"^[”\"]?普法", doc.text[d.end:d.end + 3]):
        return False
    return "/" in (d.value or "") or bool(_FIVE_YEAR.search(d.text)) or bool(re.search(r"年(?:度)?$|时期$", d.text))


def _starting_in(doc: _Doc, types: Sequence[str], lo: int, hi: int) -> list[Mention]:
    """Mentions of ``types`` starting in ``[lo, hi)``, type by type in ``types`` order (each type's in document order)."""
    out: list[Mention] = []
    for t in types:
        starts = doc._starts.get(t)
        if starts:
            out += doc.by_type[t][bisect_left(starts, lo):bisect_left(starts, hi)]
    return out


def _period_rules(doc: _Doc, out: list[Relation]) -> None:
    """Period relations: a date in an item's title, a themed year, a term, a span run over, a year before its theme.

    Linear in the mentions: the mentions nested in a title and the items after a date are found by
    bisection over the start-sorted lists (``doc.of`` / :func:`_starting_in`), not by scanning them all.
    """
    text = doc.text
    dates = doc.by_type.get("Date", [])
    date_starts = doc._starts.get("Date", [])
    for m in doc.mentions:
        if m.type not in _ITEM:
            continue
        for d in dates[bisect_left(date_starts, m.start):bisect_left(date_starts, m.end)]:  # d.start in [m.start, m.end)
            if m.type == "Law" and re.fullmatch(r"\d{4}", d.value or ""):
                continue  # a year's work points or a notice are dated by their year, not run over it
            if m.start <= d.start and d.end <= m.end and _title_date_ok(doc, d) and not any(
                    (m.start, m.end) != (n.start, n.end) and n.end <= m.end and d.end <= n.end
                    for n in doc.of(_ITEM, m.start, d.start + 1)):  # n.start in [m.start, d.start]
                out.append(Relation(doc.entity(m).key, "period", doc.entity(d).key, "title.period",
                                    doc.evidence(m.start), 0.9, False))
    for d in dates:
        # 明确2031年为“某某质量年” — a themed year
        mt = re.match(r"^(?:确定|明确|定|列|作)?(?:为|是)[“\"]?", text[d.end:d.end + 5])
        if mt and (d.value or "").isdigit():
            for m in _starting_in(doc, ("Project", "Law"), d.end, d.end + mt.end() + 13):  # gap ≤ 12
                gap = text[d.end + mt.end():m.start]
                if m.start >= d.end and len(gap) <= 12 and not re.search(r"[，,。；;、的]", gap) \
                        and re.search(r"年$", _unmark(m.label)):
                    out.append(Relation(doc.entity(m).key, "period", doc.entity(d).key, "period.themed-year",
                                        doc.evidence(d.start), 0.85, False))
        # 执行期限为2019年至2021年 / 周期为… — the term of the item named in the sentence
        if _TERM.search(text[max(0, d.start - 10):d.start]):
            sent = doc.parsed.sentence_at(d.start)
            if sent is not None:
                named = [m for m in doc.of(_ITEM, sent.start, d.start)]
                if named:
                    out.append(Relation(doc.entity(named[-1]).key, "period", doc.entity(d).key, "period.term",
                                        doc.evidence(d.start), 0.8, False))
                elif _TERM_BACK.search(text[sent.start:d.start]) and "/" in (d.value or ""):
                    target = _instrument_in_force(doc, sent.start)
                    if target is not None:
                        out.append(Relation(doc.entity(target).key, "period", doc.entity(d).key, "period.term-back",
                                            doc.evidence(d.start), 0.75, False))
        # 将于2031年至2033年实施“某某工程”: a programme carried out over the span written just before its verb
        if "/" in (d.value or ""):
            mv = _RUN_OVER.match(text, d.end)
            if mv:
                for m in doc.of(("Project",), mv.end() - 1, mv.end() + 2):
                    out.append(Relation(doc.entity(m).key, "period", doc.entity(d).key, "period.run-span",
                                        doc.evidence(d.start), 0.75, False))
        # 2031年“某某提升年”: a themed year written right after its year
        if (d.value or "").isdigit():
            for m in doc.of(("Project",), d.end, d.end + 2):
                if re.fullmatch(r"[“\"「]?", text[d.end:m.start]) and re.search(r"年$", _unmark(m.label)):
                    out.append(Relation(doc.entity(m).key, "period", doc.entity(d).key, "period.themed-year",
                                        doc.evidence(d.start), 0.8, False))
    _held_year_rules(doc, out)
    _start_rules(doc, out)


#: what joins a span to the programme carried out over it: (期间)(集中)实施“…
_RUN_OVER = re.compile(r"(?:期间|间)?[，,]?(?:要|将)?(?:组织|集中|全面|深入|分批|分步|持续|继续)?(?:实施|开展|推进|启动|举办)[“「\"]?")


def _instrument_in_force(doc: _Doc, pos: int) -> Mention | None:
    """The instrument a term sentence at ``pos`` (上述政策执行期限为…, 本办法实施期限…) belongs to.

    That is the last instrument whose title stands on a line of its own before ``pos`` (a notice
    that issues two regulations gives each its heading line), else the instrument the document
    title issues (…关于印发X的通知 → X), else the document's own title.
    """
    title = doc.title_law()
    text = doc.text
    best = None
    for m in _outermost(doc.by_type.get("Law", [])):
        if m.start >= pos:
            break
        if title is not None and m.start < title.end:
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", m.end)
        line_end = len(text) if line_end < 0 else line_end
        if not text[line_start:m.start].strip(" \t\u3000《〈") and not text[m.end:line_end].strip(" \t\u3000》〉"):
            best = m
    if best is not None:
        return best
    if title is None:
        return None
    issued = [m for m in doc.of(("Law",), title.start + 1, title.end)
              if m.end <= title.end and re.search(r"印发[《〈“]?$", text[title.start:m.start])]
    return issued[0] if issued else title


_HOLD = re.compile(r"(?:举办|举行|主办|承办|开展|启动)[“\"「]?$")


def _held_year_rules(doc: _Doc, out: list[Relation]) -> None:
    """今年…举办“中国—某国文化年”: a themed or exchange year held in the one year its sentence names."""
    for m in doc.by_type.get("Project", []):
        if not re.search(r"年$", _unmark(m.label)) or not _HOLD.search(doc.text[max(0, m.start - 5):m.start]):
            continue
        sent = doc.parsed.sentence_at(m.start)
        if sent is None:
            continue
        years = {doc.entity(d).key: d for d in doc.of(("Date",), sent.start, m.start) if (d.value or "").isdigit()}
        if len(years) == 1:
            d = next(iter(years.values()))
            out.append(Relation(doc.entity(m).key, "period", doc.entity(d).key, "period.held-year",
                                doc.evidence(m.start), 0.75, False))


def _start_rules(doc: _Doc, out: list[Relation]) -> None:
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
        if not _START_AFTER.match(text[d.end:d.end + 6]):
            continue
        if not re.search(r"(?:于|从|自)$", text[max(0, d.start - 2):d.start]):
            continue
        sent = doc.parsed.sentence_at(d.start)
        if sent is None or doc.of(_ITEM, sent.start, sent.end) or "试点" not in sent.text and "方案" not in sent.text:
            continue
        out.append(Relation(prog, "period", doc.entity(d).key, "period.start", doc.evidence(d.start), 0.6, False))


# ---------------------------------------------------------------------------
# subOrganizationOf and organizes
# ---------------------------------------------------------------------------

_SUB_UNIT = re.compile(r"^(?!各|有关|所属|直属|相关|等|和|及|、)(?!.*党(?:组|委)$)[\u4e00-\u9fff“”]{1,16}(?:司|局|厅|处|室|办公室|中心|委员会|小组|组|部门|机构|机关|部)$")


def _suborg_rules(doc: _Doc, entities: Sequence[Entity], gazetteer, owners: Sequence[SectionOwner],
                  out: list[Relation]) -> None:
    """Departments and their organ, offices and their group: only between bureaus the document names."""
    bureaus = [e for e in entities if e.type == "Bureau"]
    inferred_keys = {o.entity for o in owners if not o.explicit}

    def named(e: Entity) -> Mention | None:
        return next((m for m in e.mentions if m.rule != "section.inferred-owner"), None)

    if gazetteer is not None:
        by_name: dict[str, Entity] = {}
        for e in bureaus:
            inst = gazetteer.lookup(e.label)
            if inst is not None:
                by_name.setdefault(inst.name, e)
        for e in bureaus:
            inst = gazetteer.lookup(e.label)
            parent = by_name.get(inst.parent) if inst is not None and inst.parent else None
            if parent is None or parent is e or inst.kind != "department":
                continue
            first = named(e)
            if first is not None:
                out.append(Relation(e.key, "subOrganizationOf", parent.key, "gazetteer.parent",
                                    doc.evidence(first.start, first.end), 0.9, False))
            elif e.key in inferred_keys:
                o = next(o for o in owners if o.entity == e.key and not o.explicit)
                out.append(Relation(e.key, "subOrganizationOf", parent.key, "section.inferred-owner",
                                    doc.evidence(o.start, o.end), 0.5, True))
    # 公安部治安管理局 → 公安部, 国务院办公厅 → 国务院, 试点工作小组办公室 → 试点工作小组
    names = sorted(((n, e) for e in bureaus for n in {e.label, *e.alt_labels} if len(n) >= 2),
                   key=lambda ne: (-len(ne[0]), ne[1].key))
    for e in bureaus:
        first = named(e)
        if first is None:
            continue
        for n, p in names:
            if p.key == e.key or named(p) is None:
                continue
            for own in {e.label, *e.alt_labels}:
                if own.startswith(n) and _SUB_UNIT.match(own[len(n):]):
                    rule = "office.of" if own.endswith(("办公室", "办公厅")) else "name.prefix"
                    out.append(Relation(e.key, "subOrganizationOf", p.key, rule,
                                        doc.evidence(first.start, first.end), 0.85, False))
                    break
            else:
                continue
            break
    # X办公室设在Y: the office is housed in (belongs to) Y
    text = doc.text
    bms = doc.by_type.get("Bureau", [])
    for mt in re.finditer(r"设在", text):
        before = [b for b in bms if b.end == mt.start()]
        after = [b for b in bms if b.start == mt.end()]
        if before and after:
            s, o = doc.entity(before[-1]), doc.entity(max(after, key=lambda b: b.end))
            if s.key != o.key:
                out.append(Relation(s.key, "subOrganizationOf", o.key, "office.located", doc.evidence(mt.start()), 0.85, False))


def _group_rules(doc: _Doc, entities: Sequence[Entity], out: list[Relation]) -> None:
    """A group or office named after a programme (…试点工作小组, …工程领导小组办公室) is responsible for it."""
    projects = [(p, _unmark(p.label)) for p in sorted((e for e in entities if e.type == "Project"),
                                                      key=lambda e: -len(e.label))]
    for e in entities:
        if e.type != "Bureau":
            continue
        first = next((m for m in e.mentions if m.rule != "section.inferred-owner"), None)
        if first is None:
            continue
        name = _unmark(e.label)
        for p, plabel in projects:
            rest = name[len(plabel):] if name.startswith(plabel) else ""
            if rest and re.match(r"^(?:工作)?(?:领导)?(?:小组|组|指挥部|委员会)(?:办公室)?$|^办公室$", rest):
                out.append(Relation(e.key, "responsibleFor", p.key, "group.named-for",
                                    doc.evidence(first.start, first.end), 0.85, False))
                break


def _clause_subject(doc: _Doc, at: int, sec_owner: str | None) -> list[str]:
    """The bureaus standing as subject of the sentence holding ``at`` (before it), else the section owner."""
    sent = doc.parsed.sentence_at(at)
    lo = sent.start if sent else max(0, at - 80)
    for run in reversed(_bureau_lists(doc, lo, at)):
        j = run[0].start
        while j > lo and doc.text[j - 1] not in "，,；;：:。\n":
            j -= 1
        if re.match(r"^(?:\d{4}年[，,]?|新的一年[，,]?|请|由)?$", doc.text[j:run[0].start]) \
                and _PRED_AFTER_SUBJECT.match(doc.text[run[-1].end:run[-1].end + 40]):
            return [doc.entity(b).key for b in run]
    return [sec_owner] if sec_owner else []


def _organizes_rules(doc: _Doc, owners: Sequence[SectionOwner], out: list[Relation]) -> None:
    text = doc.text
    owner_of = {o.section: o for o in owners}
    events = _outermost(doc.by_type.get("Event", []))
    for k, ev in enumerate(events):
        # the verb before the event, or before the first of a list of events ending with this one
        first = k
        while first > 0 and _LIST_GAP.match(text[events[first - 1].end:events[first].start].strip("“”\"")):
            first -= 1
        head = events[first]
        if not _HOST.search(text[max(0, head.start - 8):head.start]):
            continue
        sec = doc.parsed.section_at(ev.start)
        o = owner_of.get(sec.index) if sec else None
        subjects = _clause_subject(doc, head.start, o.entity if o else None)
        inferred = bool(o and not o.explicit and subjects == [o.entity])
        for s in subjects:
            out.append(Relation(s, "organizes", doc.entity(ev).key, "event.host", doc.evidence(ev.start),
                                0.5 if inferred else 0.8, inferred))
    # 党组关于统筹实施“P”的总体部署
    for b in doc.by_type.get("Bureau", []):
        mt = re.match(r"^关于(?:统筹|组织|全面|深入)?(?:实施|开展|推进|举办)[“\"]?", text[b.end:b.end + 12])
        if not mt:
            continue
        at = b.end + mt.end()
        for p in doc.of(("Project", "Event"), at - 1, at + 1):
            if re.match(r"^[”\"]?的(?:总体|全面|工作)?(?:部署|决定|安排|要求)", text[p.end:p.end + 8]):
                out.append(Relation(doc.entity(b).key, "organizes", doc.entity(p).key, "directive.implement",
                                    doc.evidence(p.start), 0.8, False))


# ---------------------------------------------------------------------------

def _dedupe(rels: Iterable[Relation]) -> list[Relation]:
    """One relation per (subject, predicate, object, rule), the earliest evidence; no self-links."""
    best: dict[tuple[str, str, str, str], Relation] = {}
    for r in rels:
        if r.subject == r.object:
            continue
        k = (r.subject, r.predicate, r.object, r.rule)
        cur = best.get(k)
        if cur is None or (r.evidence.start, -r.confidence) < (cur.evidence.start, -cur.confidence):
            best[k] = r
    return sorted(best.values(), key=lambda r: (r.subject, r.predicate, r.object, r.evidence.start, r.rule))


def find_relations(parsed: Parsed, entities: Sequence[Entity], ctx: ExtractContext,
                   owners: Sequence[SectionOwner] | None = None) -> list[Relation]:
    """All relations of one document, sorted (section owners computed when not given)."""
    if owners is None:
        owners, extra = section_owners(parsed, entities, ctx.gazetteer)
        entities = list(entities) + extra
    doc = _Doc(parsed, entities)
    out: list[Relation] = []
    _owner_rules(doc, owners, out)
    _subject_rules(doc, out)
    _issued_rules(doc, out)
    _issuer_rules(doc, out)
    _doc_issues_rules(doc, out)
    _launch_rules(doc, out)
    _promulgation_rules(doc, out)
    _lead_unit_rules(doc, out)
    _nested_project_rules(doc, out)
    _effective_rules(doc, out)
    out.extend(law_links(doc))  # basedOn / amends / repeals (kg.law_links)
    _period_rules(doc, out)
    _group_rules(doc, entities, out)
    _suborg_rules(doc, entities, ctx.gazetteer, owners, out)
    _organizes_rules(doc, owners, out)
    return _dedupe(out)


def link_document(parsed: Parsed, entities: Sequence[Entity], ctx: ExtractContext) -> Linked:
    """Section owners (creating inferred owner entities), then every relation of the document."""
    owners, extra = section_owners(parsed, entities, ctx.gazetteer)
    all_entities = sorted(list(entities) + extra, key=lambda e: e.key)
    rels = find_relations(parsed, all_entities, ctx, owners)
    return Linked(tuple(all_entities), tuple(rels), tuple(owners))
