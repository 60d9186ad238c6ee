"""The per-document state the linking passes share: mention look-ups, the relations found so far, and helpers.

:class:`Doc` indexes one document's mentions (by type, sorted by start, found by bisection); :class:`LinkState`
adds what the passes read (entities, section owners, the gazetteer) and the list they append to. The helpers
here (runs of bureaus, items of a span, the instrument in force …) serve several passes.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..gazetteer import Gazetteer
from ..model import Entity, Evidence, Mention, Parsed, Relation
from ..sections import SectionOwner
from .tables import chars, rx

#: the entity types a bureau is responsible for
ITEM = ("Law", "Project")


class Doc:
    """Look-ups over one document's mentions, shared by the rules."""

    def __init__(self, parsed: Parsed, entities: Sequence[Entity]) -> None:
        """Index the mentions of ``entities`` in ``parsed`` (not the inferred section owners) by type and span."""
        self.parsed = parsed
        self.text = parsed.folded
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
        """The entity a mention of this document belongs to."""
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
        """The sentence holding ``start`` as evidence, else the span ``[start, end)`` itself."""
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
        """The own-title law, else the law spanning the first line."""
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


@dataclass
class LinkState:
    """What every linking pass reads (the document, its entities and section owners, the gazetteer) and
    the relations found so far, which the passes append to (later passes read earlier ones' results)."""

    doc: Doc
    entities: Sequence[Entity]
    owners: Sequence[SectionOwner]
    gazetteer: Gazetteer | None
    out: list[Relation] = field(default_factory=list)


def unmark(s: str) -> str:
    """``s`` without quote and title marks or spaces."""
    marks = chars("marks")
    return "".join(c for c in s if c not in marks and not c.isspace())


def outermost(ms: Sequence[Mention]) -> list[Mention]:
    """Mentions not nested inside another of the list (inside a different span that holds theirs)."""
    nested = set()
    reach = -1  # the farthest end of the spans seen so far: they all start at or before this one
    for span in sorted({(m.start, m.end) for m in ms}, key=lambda se: (se[0], -se[1])):
        if reach >= span[1]:
            nested.add(span)
        reach = max(reach, span[1])
    return [m for m in ms if (m.start, m.end) not in nested]


def clause_bounds(text: str, lo: int, hi: int, at: int, breaks: str = "；;。！？!?\n") -> tuple[int, int]:
    """The span around ``at`` within ``[lo, hi)`` delimited by ``breaks``."""
    a = at
    while a > lo and text[a - 1] not in breaks:
        a -= 1
    b = at
    while b < hi and text[b] not in breaks:
        b += 1
    return a, b


def bureau_lists(doc: Doc, lo: int, hi: int) -> list[list[Mention]]:
    """Runs of Bureau mentions in ``[lo, hi)`` joined by 、/和/及 (outermost mentions only)."""
    bs = outermost(doc.of(("Bureau",), lo, hi))
    gap = rx("bureau_gap")
    runs: list[list[Mention]] = []
    for m in bs:
        if runs and gap.match(doc.text[runs[-1][-1].end:m.start]):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def items(doc: Doc, lo: int, hi: int) -> list[Mention]:
    """Laws and projects starting in ``[lo, hi)``, without laws cited inside another law's title."""
    ms = doc.of(ITEM, lo, hi)
    laws = [m for m in ms if m.type == "Law"]
    return [m for m in ms if m.type != "Law" or not any(o is not m and o.start <= m.start and m.end <= o.end
                                                         and (o.start, o.end) != (m.start, m.end) for o in laws)]


def cited(text: str, m: Mention, lo: int = 0) -> bool:
    """Whether the item ``m`` is cited as a basis (依照《X》, 根据《X》, 为贯彻落实《X》), not worked on."""
    return bool(rx("basis").search(text[max(lo, m.start - 8):m.start]))


def starting_in(doc: Doc, types: Sequence[str], lo: int, hi: int) -> list[Mention]:
    """Mentions of ``types`` starting in ``[lo, hi)``, type by type in ``types`` order (each in document order)."""
    out: list[Mention] = []
    for t in types:
        starts = doc._starts.get(t)
        if starts:
            out += doc.by_type[t][bisect_left(starts, lo):bisect_left(starts, hi)]
    return out


def instrument_in_force(doc: Doc, pos: int) -> Mention | None:
    """The instrument a term sentence at ``pos`` (上述政策执行期限为…, 本办法实施期限…) belongs to.

    That is the last instrument whose title stands on a line of its own before ``pos`` (a notice
    that issues two regulations gives each its heading line), else the instrument the document
    title issues (…关于印发X的通知 → X), else the document's own title.
    """
    title = doc.title_law()
    text = doc.text
    best = None
    for m in outermost(doc.by_type.get("Law", [])):
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
    issued = issued_in_title(doc, title)
    return issued[0] if issued else title


def issued_in_title(doc: Doc, title: Mention) -> list[Mention]:
    """The instruments a title issues: …关于印发《X》的通知 → X."""
    cue = rx("issued_in_title")
    return [m for m in doc.of(("Law",), title.start + 1, title.end)
            if m.end <= title.end and cue.search(doc.text[title.start:m.start])]
