"""The vocabulary of bureau names, read once from ``kg/data/bureaus/*.json``, and the small tests built on it.

Heads (部, 委, 局, 司 …) and the words around them, the sectors of administration and the names of local
departments are package data (see each file's ``_comment``); the regular expressions made from them are
made here, once, at import.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from ..wordlists import chars, ordered, table, words

_AREA = "bureaus"

#: generic determiners: a head preceded by one of these names no particular organ (各司局, 有关部门)
DETERMINERS: frozenset[str] = words(_AREA, "heads", "determiners")
#: heads of bureau names, a head before the shorter heads it begins or ends with
HEADS: tuple[str, ...] = ordered(_AREA, "heads", "heads")
HEAD_RE = re.compile("|".join(map(re.escape, HEADS)))
#: heads that may stand without a level prefix (电影局, 规划发展司, 联合采购办公室)
BARE_HEADS: frozenset[str] = words(_AREA, "heads", "bare_heads")
#: heads of department names that stand bare inside an organ's document (宣传司, 电影局, 办公厅)
BARE_DEPARTMENT_HEADS: tuple[str, ...] = ordered(_AREA, "heads", "bare_department_heads")
#: what may follow a head character when it starts another word (局面, 部署, 司法, 委托 …)
CONTINUATIONS: Mapping[str, str] = table(_AREA, "heads", "continuations")
#: two characters ending in a head that never end a bureau name, wherever the tokens fall
NEVER_ENDINGS: frozenset[str] = words(_AREA, "heads", "never_endings")
#: words that may follow a complete organ name although their first character continues its head
HEAD_FOLLOWERS: frozenset[str] = words(_AREA, "heads", "head_followers")
#: levels listed before a shared name (省、自治区、直辖市 + 文化和旅游厅)
LEVEL_WORDS: tuple[str, ...] = ordered(_AREA, "heads", "level_words")
#: what follows a one-character short form (部, 委, 署) when it is one: 部党组, 委机关, 署领导
SHORT_NEXT: tuple[str, ...] = ordered(_AREA, "heads", "short_next")
#: single characters that make a following short form generic (各总局, 该总局 is an anaphor)
DETERMINER_CHARS: str = chars(_AREA, "heads", "determiner_chars")
#: what follows 处 when it starts another word (处理, 处罚, 处于 …), and what precedes the verb 处 (查处, 并处)
CHU_CONTINUES: str = chars(_AREA, "heads", "chu_continues")
CHU_VERB_BEFORE: frozenset[str] = words(_AREA, "heads", "chu_verb_before")
#: heads of the bureaus that have sections (处): a named 局, 厅, 委, 办 …, never a generic organ
SECTION_OWNERS: tuple[str, ...] = ordered(_AREA, "heads", "section_owners")
#: how the name of a national organ begins when it is written as such (国家发展改革委, 中央网信办)
NATIONAL_MARKS: tuple[str, ...] = ordered(_AREA, "heads", "national_marks")
#: words before a name that make it a local organ's (省发展改革委, 市委网信办)
LOCAL_LEVELS: frozenset[str] = words(_AREA, "heads", "local_levels")

#: sectors of administration that name the domain of a generic statute organ (文化行政部门)
SECTORS: frozenset[str] = words(_AREA, "sectors", "sectors")

#: local government departments: the usual short names → the standard names of the 2018 institutional reform
#: plans; standard names map to themselves, so that a short and a full name in one document are one organ
LOCAL_DEPARTMENTS: Mapping[str, str] = MappingProxyType({
    **{n: n for n in ordered(_AREA, "local_departments", "standard_names")},
    **table(_AREA, "local_departments", "short_names"),
})
#: departments of a local party committee, written after it (县委督查室, 省委网信办, 市委政法委)
PARTY_DEPARTMENTS: frozenset[str] = words(_AREA, "local_departments", "party_departments")
LOCAL_DEPT_RE = re.compile("|".join(map(re.escape, sorted(set(LOCAL_DEPARTMENTS) | PARTY_DEPARTMENTS,
                                                          key=lambda s: (-len(s), s)))))

#: a party committee of each level, written alone (县委, 省委)
COMMITTEES = ("省委", "市委", "县委", "区委", "州委")
#: bare levels (省, 市, 县 …)
LEVELS = ("省", "市", "县", "区", "州")

CJK = re.compile(r"[\u4e00-\u9fff]")
_LOCAL_PREFIX = re.compile(r"(?:[\u4e00-\u9fff]{2,6}?[省市县区州]|省|市|县|区|州)+(?:委)?")


def continues(text: str, end: int, head: str) -> bool:
    """Whether the character after a head makes it part of another word (局面, 部署, 司法)."""
    nxt = text[end:end + 1]
    if not nxt or text[end:end + 2] in HEAD_FOLLOWERS:
        return False
    cont = CONTINUATIONS.get(head if head in CONTINUATIONS else head[-1], "")
    return nxt in cont


def clean_edge(folded: str, start: int) -> bool:
    """A name starting the text, a line, a sentence or a clause after a colon."""
    return start == 0 or folded[start - 1] in "\n。；;：:！？!?"


def is_local_prefix(s: str) -> bool:
    """省, 江西省, 北京市朝阳区, 市委: the level or place of a local organ."""
    return bool(_LOCAL_PREFIX.fullmatch(s)) and not s.startswith("中华")
