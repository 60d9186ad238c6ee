"""Links between instruments: basedOn, amends, repeals (Law → Law), each with its evidence sentence.

Rules of the genre (the patterns are data in :data:`LINK_RULES`; none names a law):

``law.based-on``
    根据/依据/依照《X》(、《Y》)…，制定本法/本条例/本办法… — the document's own instrument is
    based on each instrument named between the verb and 制定 (in the same sentence).
``law.amends-title``
    关于修改《X》(、《Y》)的决定, 关于修改〈X〉等N部法律的决定, X修正案（N） — an instrument whose
    title says it amends another amends each instrument named in that title.
``law.amends-header``
    a statute's header line 《D》第N次修订/修正 — D amended the statute (the document's own instrument).
``law.amends-body``
    决定对《X》作如下修改 — the document's own instrument (a decision) amends X.
``law.repeals``
    《X》同时废止 / 《X》…予以废止 / 废止《X》 in the body — the document's own instrument repeals X;
    关于废止《X》的决定 — the instrument so titled repeals X.

The subject of a body sentence is the document's own instrument (its title line); a rule whose
subject or object is missing gives nothing. Wording in quotes (an amended article cited by a
decision: 将第一条修改为：“…制定本条例。”) is not the document's own act, and 制定本条例 only makes
an instrument titled …条例 the subject. Links to itself are dropped by the caller's de-duplication.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import Protocol

from . import rules
from .instrument_kind import same_kind
from .model import Entity, Evidence, Mention, Relation
from .printed import printed_relations

__all__ = ["LINK_RULES", "law_links", "same_kind"]

_OWN = r"本(?:法|条例|规定|办法|细则|决定|解释|规则|准则|安排|规范|章程|意见|通知|方案)"

#: (rule, predicate, anchor, lead, side) — anchors over the folded text. The objects are the instruments
#: named between the last ``lead`` of the sentence before the anchor (or the sentence start when
#: ``lead`` is empty) and the anchor (``side`` "before"), or in the chain of titles right after the
#: anchor (``side`` "after"). See the module docstring.
LINK_RULES: tuple[tuple[str, str, str, str, str], ...] = (
    ("law.based-on", "basedOn", rf"制定(?P<own>{_OWN})", r"根据|依据|依照|按照", "before"),
    ("law.amends-body", "amends", r"(?:作|做)出?(?:如下|以下)(?:修改|修正)", r"对", "before"),
    ("law.repeals", "repeals", r"(?:同时|即行|予以|一并)废止", "", "before"),
    ("law.repeals", "repeals", r"(?<![不得])废止(?=[《〈])", "", "after"),
)
_CHAIN = re.compile(r"(?:[《〈][^《》\n]{2,120}[》〉][、，,和及与]?)+")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_COMPILED = tuple((rule, pred, re.compile(anchor), re.compile(lead) if lead else None, side)
                  for rule, pred, anchor, lead, side in LINK_RULES)
_TITLE_AMENDS = re.compile(r"关于(?:修改|修订|修正)|修正案(?:[（(][^（）()]{1,6}[）)])?$")
_TITLE_REPEALS = re.compile(r"关于废止")
_HEADER_AMEND = re.compile(r"(?:第[一二三四五六七八九十]+次)?(?:修订|修正|修改)")


class _DocView(Protocol):
    """What the relation layer's per-document view offers (kg.relations._Doc)."""

    text: str
    by_type: dict[str, list[Mention]]

    def entity(self, m: Mention) -> Entity: ...

    def evidence(self, start: int, end: int | None = None) -> Evidence: ...

    def title_law(self) -> Mention | None: ...


def _within(laws: Sequence[Mention], starts: Sequence[int], lo: int, hi: int) -> list[Mention]:
    """Law mentions inside ``[lo, hi)`` (``laws`` sorted by start, ``starts`` their starts)."""
    return [m for m in laws[bisect_left(starts, lo):bisect_left(starts, hi)] if m.end <= hi]


def _outer(inside: Sequence[Mention], exclude: Mention | None) -> list[Mention]:
    """The mentions of ``inside`` not nested in another one of them, without ``exclude`` and what it holds."""
    inside = [m for m in inside if exclude is None or not (exclude.start <= m.start and m.end <= exclude.end)]
    return [m for m in inside if not any(o is not m and o.start <= m.start and m.end <= o.end
                                         and (o.start, o.end) != (m.start, m.end) for o in inside)]


def _rel(doc: _DocView, subj: Mention, pred: str, obj: Mention, rule: str, at: int, conf: float) -> Relation | None:
    s, o = doc.entity(subj).key, doc.entity(obj).key
    if s == o:
        return None
    return Relation(s, pred, o, rule, doc.evidence(at), conf, False)


def _header_end(text: str, title: Mention) -> int:
    """End of a statute's header lines (before its first article or chapter, at most 600 characters)."""
    end = min(len(text), title.end + 600)
    body = re.search(r"^\s*第[一二三四五六七八九十百零〇\d]+[条章]|[。；]", text[title.end:end], re.MULTILINE)
    return title.end + body.start() if body else end


def _title_links(doc: _DocView, laws: Sequence[Mention], starts: Sequence[int]) -> list[Relation | None]:
    """Titles that amend or repeal what they name (关于修改《X》的决定, 关于废止《X》的决定)."""
    out: list[Relation | None] = []
    for m in laws:
        label = doc.text[m.start:m.end].strip("《》〈〉")
        pred = "amends" if _TITLE_AMENDS.search(label) else "repeals" if _TITLE_REPEALS.search(label) else ""
        if not pred:
            continue
        rule = "law.amends-title" if pred == "amends" else "law.repeals"
        for x in _within(laws, starts, m.start, m.end):
            if (x.start, x.end) != (m.start, m.end):
                # a repeal named in the title is as sure as an amendment there (above law.repeals' body default)
                out.append(_rel(doc, m, pred, x, rule, m.start, rules.confidence("law.amends-title")))
    return out


def law_links(doc: _DocView) -> list[Relation]:
    """basedOn / amends / repeals relations of one document (see the module docstring)."""
    text = doc.text
    laws = sorted(doc.by_type.get("Law", []), key=lambda m: (m.start, m.end))
    starts = [m.start for m in laws]
    out: list[Relation | None] = list(printed_relations(doc))  # what an issuing notice prints (kg.printed)
    own = doc.title_law()
    out += _title_links(doc, laws, starts)
    if own is None:
        return [r for r in out if r is not None]
    # header lines: 《D》第N次修订 — D amended this statute
    head_end = _header_end(text, own)
    own_label = text[own.start:own.end].strip()
    for d in _outer(_within(laws, starts, own.end, head_end), own):
        if _HEADER_AMEND.match(text, d.end):
            out.append(_rel(doc, d, "amends", own, "law.amends-header", d.start, rules.confidence("law.amends-header")))
    # body sentences whose subject is the document's own instrument
    for rule, pred, anchor, lead, side in _COMPILED:
        for match in anchor.finditer(text, head_end):
            if "own" in anchor.groupindex and not same_kind(own_label, match.group("own")):
                continue  # 制定本条例 quoted in a decision that amends that 条例
            if _quoted(text, match.start()):
                continue  # the text of an amendment (将第一条修改为：“…同时废止。”), not this instrument's act
            if side == "after":
                chain = _CHAIN.match(text, match.end())
                lo, hi = match.end(), chain.end() if chain else match.end()
            else:
                hi = match.start()
                lo = _sentence_start(text, hi)
                if lead is not None:
                    leads = list(lead.finditer(text, lo, hi))
                    if not leads:
                        continue
                    lo = leads[-1].end()
            for x in _outer(_within(laws, starts, lo, hi), own):
                out.append(_rel(doc, own, pred, x, rule, lo, rules.confidence(rule)))
    return [r for r in out if r is not None]


def _quoted(text: str, at: int) -> bool:
    """Whether ``at`` lies inside “…” opened earlier on its line (quoted wording, e.g. an amended article)."""
    line = text[text.rfind("\n", 0, at) + 1:at]
    return line.count("“") > line.count("”") or line.count("「") > line.count("」")


def _sentence_start(text: str, at: int, width: int = 300) -> int:
    """Start of the sentence holding ``at`` (after the last 。；！？ or line end, at most ``width`` back)."""
    lo = max(0, at - width)
    ends = list(_SENTENCE_END.finditer(text, lo, at))
    return ends[-1].end() if ends else lo
