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
subject or object is missing gives nothing. Links to itself are dropped by the caller's de-duplication.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from .model import Entity, Evidence, Mention, Relation

__all__ = ["LINK_RULES", "law_links"]

_OWN = r"本(?:法|条例|规定|办法|细则|决定|解释|规则|准则|安排|规范|章程|意见|通知|方案)"

#: (rule, predicate, pattern) — patterns over the folded text; see the module docstring.
LINK_RULES: tuple[tuple[str, str, str], ...] = (
    ("law.based-on", "basedOn", rf"(?:根据|依据|依照|按照)(?P<objs>[^。；;！？!?\n]{{2,300}}?)(?:，|,)?[^，。；\n]{{0,30}}?制定{_OWN}"),
    ("law.amends-body", "amends", r"(?:决定)?对(?P<objs>[^。；;！？!?\n]{2,200}?)(?:作|做)(?:如下|以下|出如下)?(?:修改|修正)"),
    ("law.repeals", "repeals", r"(?P<objs>[^。；;！？!?\n]{2,300}?)(?:同时|即行|予以|一并)废止"),
    ("law.repeals", "repeals", r"(?<![不得])废止(?P<objs>(?:[《〈][^《》\n]{2,120}[》〉][、，,和及与]?)+)"),
)
_TITLE_AMENDS = re.compile(r"关于(?:修改|修订|修正)|修正案(?:[（(][^（）()]{1,6}[）)])?$")
_TITLE_REPEALS = re.compile(r"关于废止")
_HEADER_AMEND = re.compile(r"(?:第[一二三四五六七八九十]+次)?(?:修订|修正|修改)")
_COMPILED = tuple((rule, pred, re.compile(pat)) for rule, pred, pat in LINK_RULES)


class _DocView(Protocol):
    """What the relation layer's per-document view offers (kg.relations._Doc)."""

    text: str
    by_type: dict[str, list[Mention]]

    def entity(self, m: Mention) -> Entity: ...

    def evidence(self, start: int, end: int | None = None) -> Evidence: ...

    def title_law(self) -> Mention | None: ...


def _outer(laws: Sequence[Mention], lo: int, hi: int, exclude: Mention | None) -> list[Mention]:
    """Law mentions inside ``[lo, hi)`` not nested in another one there, without ``exclude``."""
    inside = [m for m in laws if lo <= m.start and m.end <= hi and m is not exclude
              and (exclude is None or not (exclude.start <= m.start and m.end <= exclude.end))]
    return [m for m in inside if not any(o is not m and o.start <= m.start and m.end <= o.end
                                         and (o.start, o.end) != (m.start, m.end) for o in inside)]


def _inside(laws: Sequence[Mention], outer: Mention) -> list[Mention]:
    """Law mentions strictly inside ``outer`` (the instruments its title names)."""
    return [m for m in laws if outer.start <= m.start and m.end <= outer.end and (m.start, m.end) != (outer.start, outer.end)]


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


def law_links(doc: _DocView) -> list[Relation]:
    """basedOn / amends / repeals relations of one document (see the module docstring)."""
    text = doc.text
    laws = doc.by_type.get("Law", [])
    out: list[Relation | None] = []
    own = doc.title_law()
    # titles that amend or repeal what they name
    for m in laws:
        label = text[m.start:m.end].strip("《》〈〉")
        pred = "amends" if _TITLE_AMENDS.search(label) else "repeals" if _TITLE_REPEALS.search(label) else ""
        if pred:
            for x in _inside(laws, m):
                out.append(_rel(doc, m, pred, x, "law.amends-title" if pred == "amends" else "law.repeals", m.start, 0.9))
    if own is None:
        return [r for r in out if r is not None]
    # header lines: 《D》第N次修订 — D amended this statute
    head_end = _header_end(text, own)
    for d in _outer(laws, own.end, head_end, own):
        if _HEADER_AMEND.match(text, d.end):
            out.append(_rel(doc, d, "amends", own, "law.amends-header", d.start, 0.9))
    # body sentences whose subject is the document's own instrument
    for rule, pred, pattern in _COMPILED:
        for match in pattern.finditer(text, head_end):
            lo, hi = match.span("objs")
            for x in _outer(laws, lo, hi, own):
                out.append(_rel(doc, own, pred, x, rule, match.start("objs"), 0.85))
    return [r for r in out if r is not None]
