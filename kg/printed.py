"""Instruments a notice prints: 关于印发《A》和《B》的通知, 现将《A》《B》印发给你们.

Rules of the genre (none names a document):

``notice.prints``
    A notice whose own title says it issues (…关于印发…的通知) prints every instrument named in its title after
    印发 (《A》和《B》) and every instrument of the chain its body sentence prints (现将《A》《B》印发给你们,
    《A》和《B》已经国务院同意，现印发给你们). The issuers at the head of the notice's title are ``responsibleFor``
    each printed instrument and each is ``issuedBy`` them (GUIDELINES.md: an instrument's issuer).
``notice.printed-effective``
    The printed instruments follow the notice, each under its title on a line of its own. A sentence
    本规定/本办法…自某日起施行 (or a term 执行期限为A至B, whose start is the day it takes effect) belongs to
    the printed instrument whose title line is the last one before it, by position: the second instrument's
    sentence gives the second instrument its ``effectiveDate``, not the notice or the first.

:func:`superseded` tells which relations of the general rules a positional one replaces: the general
``statute.effective`` rule reads 本规定 as the notice's first instrument of that kind (or the notice itself).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from . import rules
from .instrument_kind import same_kind
from .model import Entity, Evidence, Mention, Relation

__all__ = ["printed_instruments", "printed_relations", "superseded"]

#: a notice title that issues what it names (…关于印发…的通知; 印发 in the title)
_ISSUING_TITLE = re.compile(r"印发.+(?:的)?通知$")
#: the body sentence that prints: 现将…印发给你们, …现印发给你们, 现予印发, 予以印发
_PRINTS = re.compile(r"(?:现|特)?(?:将|把)?[^。；\n]{0,200}?(?:印发给你们|印发你们|现予印发|予以印发|现印发|印发给各)")
#: what may stand between two instruments of one printed chain
_CHAIN_GAP = re.compile(r"^(?:[、，,和及与\s]|以及)*$")
#: where the head of a title ends and its subject begins
_TITLE_SUBJECT = re.compile(r"关于|印发|联合印发")
_OWN = r"本(?:条例|办法|规定|细则|方案|意见|规划|计划|措施|决定|规则|准则|通知|实施细则|实施办法|政策)"
_OWN_BEFORE = re.compile(rf"({_OWN})[^。；]{{0,20}}?[，,]?(?:自|于|从)?$")
_EFFECTIVE_AFTER = re.compile(r"(?:起|开始)(?:正式)?(?:施行|实施|执行|生效)")
_TERM = re.compile(r"(?:执行期限|实施期限|有效期限|有效期|执行期)(?:为|是|：|:)?(?:自|从)?$")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")


class _DocView(Protocol):
    """What the relation layer's per-document view offers (kg.relations._Doc)."""

    text: str
    by_type: dict[str, list[Mention]]

    def entity(self, m: Mention) -> Entity: ...

    def evidence(self, start: int, end: int | None = None) -> Evidence: ...

    def title_law(self) -> Mention | None: ...


def _outer(ms: Sequence[Mention]) -> list[Mention]:
    """The mentions not nested in another one of ``ms``, in document order."""
    ms = sorted(ms, key=lambda m: (m.start, -m.end))
    out: list[Mention] = []
    for m in ms:
        if out and out[-1].start <= m.start and m.end <= out[-1].end:
            continue
        out.append(m)
    return out


def _in(ms: Iterable[Mention], lo: int, hi: int) -> list[Mention]:
    return [m for m in ms if lo <= m.start and m.end <= hi]


def _last_chain(text: str, laws: Sequence[Mention]) -> list[Mention]:
    """The last run of instruments joined only by 、和及与 (or nothing): what one verb prints."""
    chain: list[Mention] = []
    for m in laws:
        if chain and _CHAIN_GAP.match(text[chain[-1].end:m.start]):
            chain.append(m)
        else:
            chain = [m]
    return chain


def _issuers(doc: _DocView, title: Mention) -> list[Mention]:
    """The organs at the head of a notice's title (国务院办公厅关于印发…, 甲部 乙部关于…)."""
    head = _TITLE_SUBJECT.search(doc.text, title.start, title.end)
    if head is None:
        return []
    return _outer(_in(doc.by_type.get("Bureau", []), title.start, head.start()))


def _notice_body_end(doc: _DocView, title: Mention, laws: Sequence[Mention]) -> int:
    """Where the notice's own words end: the first line that is the title of an instrument after it."""
    for m in laws:
        if m.start > title.end and _is_title_line(doc.text, m):
            return m.start
    return min(len(doc.text), title.end + 1500)


def _is_title_line(text: str, m: Mention) -> bool:
    """Whether the mention fills its line (a printed instrument's title above its text)."""
    ls = text.rfind("\n", 0, m.start) + 1
    le = text.find("\n", m.end)
    le = len(text) if le < 0 else le
    return text[ls:m.start].strip() == "" and text[m.end:le].strip() in ("", "（试行）", "(试行)")


def printed_instruments(doc: _DocView) -> list[Mention]:
    """The instruments an issuing notice prints, as mentions (one per instrument, first mention), or []."""
    title = doc.title_law()
    text = doc.text
    if title is None or not _ISSUING_TITLE.search(text[title.start:title.end].strip("《》 ")):
        return []
    laws = _outer([m for m in doc.by_type.get("Law", []) if (m.start, m.end) != (title.start, title.end)])
    inner = [m for m in doc.by_type.get("Law", []) if title.start <= m.start and m.end <= title.end
             and (m.start, m.end) != (title.start, title.end)]
    found: list[Mention] = []
    verb = text.find("印发", title.start, title.end)
    if verb >= 0:
        found += _last_chain(text, _outer([m for m in inner if m.start >= verb + 2]))
    body_end = _notice_body_end(doc, title, laws)
    for s in _PRINTS.finditer(text, title.end, body_end):
        lo = _sentence_start(text, s.end())
        found += _last_chain(text, _in(laws, lo, s.end()))
    seen: set[str] = set()
    out = []
    for m in found:
        key = doc.entity(m).key
        if key not in seen and key != doc.entity(title).key:
            seen.add(key)
            out.append(m)
    return out


def _sentence_start(text: str, at: int, width: int = 400) -> int:
    lo = max(0, at - width)
    ends = list(_SENTENCE_END.finditer(text, lo, at))
    return ends[-1].end() if ends else lo


def printed_relations(doc: _DocView) -> list[Relation]:
    """responsibleFor / issuedBy of the printed instruments, and their positional effective dates."""
    title = doc.title_law()
    printed = printed_instruments(doc)
    if title is None or not printed:
        return []
    out: list[Relation] = []
    ev = doc.evidence(title.start, title.end)
    named = _named_after_verb(doc, title)  # the general rule (doc.issues) already links these
    for b in _issuers(doc, title):
        for m in printed:
            bk, lk = doc.entity(b).key, doc.entity(m).key
            if lk not in named:
                out.append(Relation(bk, "responsibleFor", lk, "notice.prints", ev, rules.confidence("notice.prints"),
                                    False))
            out.append(Relation(lk, "issuedBy", bk, "notice.prints", ev, rules.confidence("notice.prints"), False))
    out += _positional_effective(doc, printed)
    return out


def _named_after_verb(doc: _DocView, title: Mention) -> set[str]:
    """Keys of the instruments written right after 印发 in the title (关于印发《X》的通知)."""
    return {doc.entity(m).key for m in doc.by_type.get("Law", [])
            if title.start < m.start and m.end <= title.end
            and re.search(r"印发[《〈“]?$", doc.text[title.start:m.start])}


def _regions(doc: _DocView, printed: Sequence[Mention]) -> list[tuple[int, int, Mention]]:
    """(start, end, instrument): the text under each printed instrument's title line."""
    keys = {doc.entity(m).key: m for m in printed}
    lines = sorted((m.start, m) for m in doc.by_type.get("Law", [])
                   if doc.entity(m).key in keys and _is_title_line(doc.text, m))
    out = []
    for i, (_start, m) in enumerate(lines):
        end = lines[i + 1][0] if i + 1 < len(lines) else len(doc.text)
        out.append((m.end, end, m))
    return out


def _positional_effective(doc: _DocView, printed: Sequence[Mention]) -> list[Relation]:
    """本规定…自某日起施行 / 执行期限为A至B under a printed instrument's title: that instrument's effectiveDate."""
    text = doc.text
    dates = sorted(doc.by_type.get("Date", []), key=lambda m: m.start)
    by_value: dict[str, Entity] = {}
    for d in dates:
        e = doc.entity(d)
        if e.value and "/" not in e.value:
            by_value.setdefault(e.value, e)
    out = []
    for lo, hi, m in _regions(doc, printed):
        label = text[m.start:m.end].strip("《》〈〉 ")
        key = doc.entity(m).key
        for d in _in(dates, lo, hi):
            sent = _sentence_start(text, d.start)
            before = text[sent:d.start]
            own = _OWN_BEFORE.search(before)
            if _EFFECTIVE_AFTER.match(text, d.end) and own and same_kind(label, own.group(1)):
                out.append(Relation(key, "effectiveDate", doc.entity(d).key, "notice.printed-effective",
                                    doc.evidence(d.start), rules.confidence("notice.printed-effective"), False))
                continue
            value = doc.entity(d).value or ""
            if "/" in value and _TERM.search(before):
                start = by_value.get(value.split("/")[0])
                if start is not None:
                    out.append(Relation(key, "effectiveDate", start.key, "notice.printed-effective",
                                        doc.evidence(d.start), 0.85, False))  # a term's start, not a stated one
    return out


def superseded(relations: Sequence[Relation]) -> list[Relation]:
    """``relations`` without the general effective dates a positional one replaces (same date, same sentence,
    another instrument): 本规定 under the second printed instrument is not the first one's, nor the notice's."""
    placed = {(r.object, r.evidence.doc_id, r.evidence.start): r.subject for r in relations
              if r.rule == "notice.printed-effective"}
    return [r for r in relations if not (
        r.predicate == "effectiveDate" and r.rule != "notice.printed-effective"
        and placed.get((r.object, r.evidence.doc_id, r.evidence.start), r.subject) != r.subject)]
