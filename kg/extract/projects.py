"""Project mentions: named programmes, projects, campaigns, pilots and themed years.

Rules, in the order they run (the genre's ways of naming a programme):

1. ``project.quoted-suffix`` — a quoted name followed by a programme word:
   “剑网”专项行动, “原动力”中国原创动漫出版扶持计划, “X”媒体年.
2. ``project.quoted-list`` — parallel quoted names sharing one programme word, or closed by
   等 + a programme word: “净网”“护苗”等专项行动 → one project per item.
3. ``project.quoted-name`` — a quoted name that is itself the whole name: it ends in a
   programme word (“电影质量促进年”) or a launching verb puts it to work (推进“X”的…).
4. ``project.verb`` / ``project.list`` / ``project.enumeration`` — an unquoted name ending in a
   programme word, its left edge found from the genre: right after a launching verb (实施, 开展,
   推进 …), after a list separator that follows another programme (、, …试点工作和…), or after
   a colon that opens an enumeration (…是：A工程、B工程).
5. ``project.themed-year`` — 2017年为X年 / 定为X年; ``project.exchange-year`` — a bilateral
   exchange or themed year named without quotes (中国与东盟媒体交流年, 中俄媒体交流年), which is
   the programme even when 各项活动 / 西安系列活动 follows it.
6. ``project.plan-term`` — a quoted five-year-plan term opening a name (“十四五”文物保护利用重点工程).
7. ``project.quoted-count`` — parallel quoted names counted by what follows them
   (“A”“B”“C”三项整治); ``project.quoted-service`` — a coined name put to work by a launching
   verb and followed by the service it names (推动“X”运维服务全覆盖).
8. ``project.repeat`` — later mentions of a name already found (also inside titles and names
   of working groups).

Quote marks of every kind count (“”, 「」, 『』: traditional texts of Hong Kong and Taiwan). A
name that is the head of an instrument's title in the same document (…三年行动计划 beside
《…三年行动计划（2022—2024年）》, or the X of a 关于印发X的通知) is that instrument, not a Project.

Generic phrases (重大工程, 工作计划, 经营活动, 试点城市) are filtered out; repeated and variant
mentions share a key (see :func:`kg.extract.project_rules.project_key`).

The extractor is the registered list :data:`PASSES` of named passes, run in order on one
:class:`~kg.extract.project_text.ProjectDoc`; each takes the candidates so far and returns the new
list. The quoted-name passes live in :mod:`kg.extract.project_quoted`, the unquoted ones in
:mod:`kg.extract.project_unquoted`, the word lists in ``kg/data/projects/vocabulary.json``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from .. import rules
from ..model import Mention, Parsed
from . import project_rules as R
from .base import ExtractContext, make_mention
from .laws import is_instrument_title, strip_notes
from .project_quoted import quoted
from .project_text import TITLE, ProjectDoc
from .project_text import Cand as _Cand
from .project_unquoted import counted_lists, exchange_years, holds_year, themed_years, unquoted

_CJK = R.CJK
#: （简称“X”） / （以下简称“X”）: the quoted short form of the name just before.
_SHORT_FORM = re.compile(r"[（(](?:以下)?简称“$")
#: The place an instrument's name may open with (山城市…, 江西省…, 全省…).
_PLACE = re.compile(rf"^(?:[{_CJK}]{{1,8}}?(?:省|市|县|区|自治区|自治州|州|盟|旗)|全国|全省|全市|全县|全区)"
                    rf"(?=[{_CJK}])")
#: The instrument a notice issues (…关于印发X的通知): its X names that instrument.
_ISSUED = re.compile(r"(?:印发|转发|发布|颁布)([^，。；《》“”\n]{4,80}?)的(?:通知|决定|公告|通告)")

#: One pass: the document and the candidates found so far → the candidates after it.
Pass = Callable[[ProjectDoc, list[_Cand]], list[_Cand]]


def _years(d: ProjectDoc) -> list[_Cand]:
    """The document's exchange years (found once: the unquoted and the themed-year passes both need them)."""
    if d.exchange_years is None:
        d.exchange_years = exchange_years(d)
    return d.exchange_years


def _quoted_pass(d: ProjectDoc, found: list[_Cand]) -> list[_Cand]:
    """Quoted names: with a programme word after them, in lists, whole names, plan terms, counted lists."""
    return found + quoted(d)


def _counted_lists_pass(d: ProjectDoc, found: list[_Cand]) -> list[_Cand]:
    """Unquoted programmes listed and then counted or classified (A工程、B工程和C工程这三项工程)."""
    return found + counted_lists(d)


def _unquoted_pass(d: ProjectDoc, found: list[_Cand]) -> list[_Cand]:
    """Unquoted names after a verb, a list separator, a colon or a heading (not an exchange year's activities)."""
    years = _years(d)
    return found + [c for c in unquoted(d, found) if not holds_year(c, years)]


def _years_pass(d: ProjectDoc, found: list[_Cand]) -> list[_Cand]:
    """Themed years (2017年为X年) and exchange years (中俄媒体交流年)."""
    return found + themed_years(d) + _years(d)


def _dedupe_pass(d: ProjectDoc, found: list[_Cand]) -> list[_Cand]:
    """No two candidates overlap: the longer (then the more confident) wins."""
    return _dedupe(found)


def _repeats_pass(d: ProjectDoc, found: list[_Cand]) -> list[_Cand]:
    """Later mentions of a name already found (short names only in quotes), settled against the rest."""
    return _dedupe(found + _repeats(d, found))


def _instruments_pass(d: ProjectDoc, found: list[_Cand]) -> list[_Cand]:
    """Names that are an instrument of the same document (its titles, the X of 印发X的通知) are no projects."""
    return _not_instruments(d, found)


#: The passes of the Project extractor, by name, in the order they run.
PASSES: tuple[tuple[str, Pass], ...] = (
    ("quoted", _quoted_pass),
    ("counted-lists", _counted_lists_pass),
    ("unquoted", _unquoted_pass),
    ("years", _years_pass),
    ("dedupe", _dedupe_pass),
    ("repeats", _repeats_pass),
    ("instruments", _instruments_pass),
)


def extract_projects(parsed: Parsed, ctx: ExtractContext) -> list[Mention]:
    """Programme names in ``parsed``: :data:`PASSES` in order, then one mention per candidate."""
    d = ProjectDoc(parsed)
    cands: list[_Cand] = []
    for _name, run in PASSES:
        cands = run(d, cands)
    return _mentions(parsed, d, cands)


# --- instruments, repeats -----------------------------------------------------------------------

def _instrument_names(d: ProjectDoc) -> set[str]:
    """Names of the document's instruments: cores of instrument titles in 《》, and X of …印发X的通知."""
    found = [strip_notes(m.group()[1:-1]) for m in TITLE.finditer(d.text) if is_instrument_title(m.group()[1:-1])]
    found += [m.group(1) for m in _ISSUED.finditer(d.text) if is_instrument_title(m.group(1))]
    names = set()
    for name in found:
        names.add(R.project_key(name))
        bare = _PLACE.sub("", name)  # 山城市全民健身三年行动计划 is also called 全民健身三年行动计划
        if bare != name and len(bare) >= 6:
            names.add(R.project_key(bare))
    return names


def _not_instruments(d: ProjectDoc, cands: list[_Cand]) -> list[_Cand]:
    """Drop names that are an instrument of the same document (…三年行动计划 beside 《…三年行动计划（…）》)."""
    names = _instrument_names(d)
    if not names:
        return cands
    out = []
    for c in cands:
        if R.project_key(d.text[c.start:c.end]) not in names:
            out.append(c)
    return out


def _repeats(d: ProjectDoc, cands: list[_Cand]) -> list[_Cand]:
    """Other occurrences of names already found (short names only in quotes)."""
    text = d.text
    taken = sorted((c.start, c.end) for c in cands)
    surfaces: set[str] = set()
    for c in cands:
        s = text[c.start:c.end]
        bare = re.sub(r"[“”]", "", s)
        if len(bare) >= 4:
            surfaces.update({s, bare})
        else:
            surfaces.add(f"“{bare}”")
    out: list[_Cand] = []
    for s in sorted(surfaces, key=lambda x: (-len(x), x)):
        start = text.find(s)
        while start >= 0:
            end = start + len(s)
            j = bisect.bisect_left(taken, (end, end)) - 1
            overlaps = j >= 0 and taken[j][1] > start  # spans never overlap, so ends rise with starts
            if not overlaps and (start in d.bounds or text[start] == "“"):
                if s.startswith("“") and s.endswith("”"):
                    out.append(_Cand(start + 1, end - 1, "project.repeat", rules.confidence("project.repeat")))
                else:
                    out.append(_Cand(start, end, "project.repeat", rules.confidence("project.repeat")))
                bisect.insort(taken, (start, end))
            start = text.find(s, start + 1)
    return out


# --- settling and keys --------------------------------------------------------------------------

def _dedupe(cands: list[_Cand]) -> list[_Cand]:
    """No two project spans overlap: the longer (then the more confident) wins.

    n log n, not all pairs: the kept spans never overlap, so sorted by (start, end) their ends rise
    too, and a candidate overlaps one of them exactly when the last kept span starting before its end
    ends after its start (one bisection).
    """
    kept: list[_Cand] = []
    spans: list[tuple[int, int]] = []  # the kept spans, sorted
    for c in sorted(set(cands), key=lambda c: (-(c.end - c.start), -c.confidence, c.start, c.rule)):
        i = bisect.bisect_left(spans, (c.end,))  # spans[:i] start before c.end
        if i == 0 or spans[i - 1][1] <= c.start:
            kept.append(c)
            bisect.insort(spans, (c.start, c.end))
    return sorted(kept, key=lambda c: (c.start, c.end))


def _mentions(parsed: Parsed, d: ProjectDoc, cands: list[_Cand]) -> list[Mention]:
    """Mentions keyed by their normalised name, so variants of one programme resolve together.

    A short form introduced by （简称“X”） right after a full name takes the full name's key.
    """
    text = d.folded
    labels = [make_mention(parsed, "Project", c.start, c.end, c.rule).label for c in cands]
    keys = [R.project_key(lb) for lb in labels]
    by_end = {c.end: k for c, k in zip(cands, keys, strict=True)}
    alias: dict[str, str] = {}
    for c, k in zip(cands, keys, strict=True):
        m = _SHORT_FORM.search(text, max(0, c.start - 8), c.start)
        if m and m.start() in by_end and by_end[m.start()] != k:
            alias[k] = by_end[m.start()]
    return [make_mention(parsed, "Project", c.start, c.end, c.rule, key=alias.get(k, k), confidence=c.confidence)
            for c, k in zip(cands, keys, strict=True)]
