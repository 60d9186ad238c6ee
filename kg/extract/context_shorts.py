"""Short forms whose referent the document makes clear (GUIDELINES.md, "Short forms by context").

Rules of the genre (none names a document); they run on the merged mentions of one document
(:func:`context_shorts`), because the referent is an organ the other rules have found:

``bureau.level-short``
    县局, 市局, 省局, 区局 in a document whose own organ is a 局 of that level (the organ at the head of its
    title, or the signature) and that speaks of its own place at that level (我县, 本县, 全县 …): the
    document's organ. 市局 in a county's report is another organ, which the text never names: no mention.
``bureau.own-government``
    本县人民政府, 我市人民政府, 本市政府 …, and a bare 县人民政府/市政府 that the other rules left without a
    place: the government of the document's own place at that level (the place of its organ, or the one
    named government of that level in the text), e.g. 石门县人民政府.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .. import rules
from ..model import Mention, Parsed
from .tokens import is_place

__all__ = ["context_shorts", "document_organ", "place_of"]

#: the level characters of local places, and how a document speaks of its own place at that level
_SELF_PLACE = {"省": ("我省", "本省", "全省"), "市": ("我市", "本市", "全市"), "县": ("我县", "本县", "全县"),
               "区": ("我区", "本区", "全区"), "州": ("我州", "本州", "全州")}
_LEVEL_SHORT = re.compile(r"([省市县区州])局(?![长属机内外面部势限])")
_OWN_GOV = re.compile(r"(?:(?:本|我)([省市县区州])|(?<![\u4e00-\u9fff])([省市县区州]))"
                      r"(?:人民政府|政府)(?![部采购投性间工])")
_ORGAN_HEADS = ("局", "厅", "委", "委员会", "办公室")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def place_of(name: str) -> tuple[str, str]:
    """(place, level character) at the head of an organ's name (石门县文化局 → 石门县, 县), else ("", "")."""
    for i in range(min(len(name), 12) - 1, 1, -1):
        if name[i] in _SELF_PLACE and name[i - 1] != name[i] and is_place(name[:i + 1]):  # 邵阳市|市场…
            return name[:i + 1], name[i]
    return "", ""


def _name(m: Mention) -> str:
    return m.key or m.label


def document_organ(text: str, bureaus: Sequence[Mention]) -> Mention | None:
    """The local organ the document speaks for: a placed 局/厅/委 opening its title line, else one signing it."""
    first_end = text.find("\n")
    first_end = len(text) if first_end < 0 else first_end
    tail_start = max(0, len(text.rstrip()) - 60)
    lead = len(text) - len(text.lstrip())
    signing = [m for m in bureaus
               if m.start >= tail_start and not text[text.rfind("\n", 0, m.start) + 1:m.start].strip()]
    for ms in ([m for m in bureaus if m.start <= lead + 1 and m.end <= first_end], signing):
        for m in sorted(ms, key=lambda m: (m.start, -m.end)):
            name = _name(m)
            if name.endswith(_ORGAN_HEADS) and place_of(name)[0]:
                return m
    return None


def _free(spans: Sequence[Mention], s: int, e: int) -> list[Mention]:
    """The mentions overlapping ``[s, e)``."""
    return [m for m in spans if m.start < e and s < m.end]


def context_shorts(parsed: Parsed, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with the short forms above added (or re-keyed, when another rule left them without a place)."""
    folded = parsed.folded
    bureaus = [m for m in mentions if m.type == "Bureau"]
    organ = document_organ(folded, bureaus)
    out = list(mentions)
    if organ is not None:
        out = _level_shorts(parsed, folded, organ, out)
    return _own_governments(parsed, folded, organ, out)


def _level_shorts(parsed: Parsed, folded: str, organ: Mention, out: list[Mention]) -> list[Mention]:
    name = _name(organ)
    _place, level = place_of(name)
    if not name.endswith("局") or not any(w in folded for w in _SELF_PLACE[level]):
        return out
    for m in _LEVEL_SHORT.finditer(folded):
        s, e = m.span()
        if m.group(1) != level or (s > 0 and _CJK.match(folded[s - 1]) and folded[s - 1] not in "和及与、"):
            continue  # 市局 in a county's report; 石门县局, 各县局: not the document's organ
        over = _free(out, s, e)
        if any(x.type == "Bureau" and (x.start, x.end) != (s, e) for x in over):
            continue
        out = [x for x in out if not (x.type == "Bureau" and (x.start, x.end) == (s, e))]
        out.append(Mention("Bureau", s, e, parsed.text[s:e], parsed.text[s:e], "bureau.level-short", key=name,
                           confidence=rules.confidence("bureau.level-short"), doc_id=parsed.doc.doc_id))
    return out


def _governments_by_level(bureaus: Sequence[Mention]) -> dict[str, set[str]]:
    """The named governments of the text by level character (石门县人民政府 under 县)."""
    out: dict[str, set[str]] = {}
    for m in bureaus:
        name = _name(m)
        if name.endswith("人民政府"):
            place, level = place_of(name)
            if place and place + "人民政府" == name:
                out.setdefault(level, set()).add(name)
    return out


def _own_governments(parsed: Parsed, folded: str, organ: Mention | None, out: list[Mention]) -> list[Mention]:
    bureaus = [m for m in out if m.type == "Bureau"]
    named = _governments_by_level(bureaus)
    organ_place, organ_level = place_of(_name(organ)) if organ is not None else ("", "")
    for m in _OWN_GOV.finditer(folded):
        s, e = m.span()
        level = m.group(1) or m.group(2)
        own = m.group(1) is not None
        if not own and s > 0 and folded[s - 1] not in "，。；、：和及与由经向对在为将并报请\n （":
            continue
        target = next(iter(named[level])) if len(named.get(level, ())) == 1 else (
            organ_place + "人民政府" if organ_level == level else "")
        if not target:
            continue
        over = _free(bureaus, s, e)
        same = [x for x in over if (x.start, x.end) == (s, e)]
        if any((x.start, x.end) != (s, e) for x in over) or any(_name(x) == target or is_place(_name(x)[:-4])
                                                                for x in same if _name(x).endswith("人民政府")):
            continue  # another organ's span, or already placed
        out = [x for x in out if not (x.type == "Bureau" and (x.start, x.end) == (s, e))]
        out.append(Mention("Bureau", s, e, parsed.text[s:e], parsed.text[s:e], "bureau.own-government", key=target,
                           confidence=rules.confidence("bureau.own-government"), doc_id=parsed.doc.doc_id))
    return sorted(out, key=lambda x: (x.start, x.end, x.type, x.label))

