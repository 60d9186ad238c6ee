"""Generic organs of statutes and notices: organs named by level of government and sector.

Statutes charge organs that they name by kind, not by name: 国务院文化行政主管部门,
县级以上地方人民政府体育行政主管部门, 省、自治区、直辖市人民政府, 乡镇人民政府, 公安机关, 财政部门.
Each distinct phrase is one Bureau (GUIDELINES.md, "Generic organs are Bureaus"); this module reads them:

* a **government** — a level (县级以上地方, 省、自治区、直辖市, 乡镇 …; :data:`GOVERNMENT_LEVELS`) and 人民政府;
* a **sector organ** — an optional owner (a government, 国务院, 国家, 党委), one or more sectors
  (文化, 体育, 城乡规划, 人力资源社会保障; :data:`kg.extract.bureaus.SECTORS`) and a generic head
  (行政主管部门, 主管部门, 部门, 监督管理机构, 机关 …; :data:`ORGAN_HEADS`);
* a **coordination** carries the owner over: in 国务院文化行政主管部门、体育行政主管部门 the second item is
  国务院体育行政主管部门. Its mention is the span written (体育行政主管部门), a name of the entity (an
  altLabel); the key is the full name.

A relative owner (上一级人民政府, 本级, 同级) names no particular level: the organ is the sector organ
alone. A distributive owner (各省区市, 地方各级, 全省各级) names every such organ and none in particular:
no entity. Several sectors sharing one head (财政、税务部门) name no single organ either.
Level and sector are kept as ``Mention.info`` pairs (("level", "county-and-above"), ("sector", "体育")).

Three more shapes of the genre (tables in ``kg/data/organs/generic_organs.json``):

* a level written with its alternatives in brackets: 县（市、区）人民政府, 县（市、区）民政部门; in
  市、县（区）人民政府 the one-character 市 has no mention of its own, the contiguous 县（区）人民政府 is the organ;
* an organ named by its duty: 县级以上人民政府负责全民阅读工作的部门, 承担文物保护职责的主管部门 (sector: the duty);
* the street agencies of the township level: 乡镇人民政府和街道办事处.

A government followed by 有关部门 (县级以上人民政府有关部门) is no mention of that government: the phrase names
no particular organ, and the government is not named for itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: levels of government written before 人民政府, and the pk:level they stand for ("" = none of the values)
GOVERNMENT_LEVELS: dict[str, str] = {
    "县级以上地方各级": "county-and-above", "县级以上地方": "county-and-above", "县级以上各级": "county-and-above",
    "县级以上": "county-and-above",
    "省、自治区、直辖市和计划单列市": "provincial", "省、自治区、直辖市、计划单列市": "provincial",
    "省、自治区、直辖市": "provincial", "省、自治区": "provincial",
    "省级": "provincial",
    "设区的市、自治州": "municipal", "设区的市级": "municipal", "设区的市": "municipal", "市、自治州": "municipal",
    "地级以上": "municipal", "地级": "municipal", "市级": "municipal",
    "市、县级": "local", "市、县": "local", "市县": "local", "地方各级": "local", "地方": "local",
    "县、自治县、不设区的市、市辖区": "county", "县、不设区的市、市辖区": "county", "县、自治县": "county",
    "县级": "county", "区县": "county", "县、区": "county",
    "乡、民族乡、镇": "township", "乡、镇": "township", "乡镇": "township", "乡级": "township",
    "省级以上": "", "设区的市级以上": "", "各级": "",
    # a local regulation's own government, by one level word (省人民政府); only after a boundary (湖北省… is named)
    "省": "provincial", "市": "municipal", "县": "county", "区": "county", "乡": "township", "镇": "township",
    "自治州": "municipal", "自治县": "county",
}
#: level words of :data:`GOVERNMENT_LEVELS` that are a government only after a boundary (not 湖北省人民政府)
_BARE_LEVELS = frozenset({"省", "市", "县", "区", "乡", "镇", "自治州", "自治县"})
#: owners written before a sector that are no level of government but fix one (国家药品监督管理部门)
OWNER_LEVELS: dict[str, str] = {"中央军事委员会": "national", "国务院": "national", "国家": "national",
                                "中央": "national", "党委": ""}
#: levels written straight before a sector, without 人民政府 (县以上卫生行政部门, 省级财政部门), longest first
LEVEL_OWNERS: dict[str, str] = {"县级以上地方": "county-and-above", "县级以上": "county-and-above",
                                "县以上": "county-and-above", "设区的市": "municipal", "省级": "provincial",
                                "市级": "municipal", "县级": "county", "乡级": "township"}
#: one character naming the writer's own level in local regulations (省财政部门, 市卫生健康行政主管部门)
LOCAL_LEVELS: dict[str, str] = {"省": "provincial", "市": "municipal", "州": "municipal", "县": "county",
                                "区": "county", "乡": "township", "镇": "township"}
#: what may stand before such a one-character level: a clause or list boundary, or a word that ends before it
_LEVEL_OPENERS = "、，,。；;：:（(和及或与由经向对在的为将并报请\n "
#: owners relative to the writer (上一级人民政府文化行政主管部门): the organ is the sector organ alone
RELATIVE_OWNERS: tuple[str, ...] = ("上一级人民政府", "上级人民政府", "本级人民政府", "同级人民政府", "下级人民政府",
                                     "上一级", "本级", "同级", "上级", "下级", "原")
#: generic heads of sector organs, longest first; 机关 only after the domains of :data:`ORGAN_DOMAINS`
ORGAN_HEADS: tuple[str, ...] = ("行政执法部门", "行政管理部门", "监督管理部门", "行政主管部门", "综合执法部门",
                                "监督管理机构", "行政管理机关", "行政部门", "主管部门", "管理部门", "执法部门",
                                "管理机构", "部门", "机关")
#: the domains of a generic 机关 (公安机关, 审计机关); other 机关 (行政机关, 审核机关) name no organ
ORGAN_DOMAINS: frozenset[str] = frozenset({"公安", "税务", "检察", "审判", "监察", "国家安全", "司法行政", "海关",
                                           "审计", "外汇管理", "工商行政管理"})
#: connectors of a coordination that carries a level over (…部门、体育行政主管部门；…部门和财政部门)
_CONNECTORS: tuple[str, ...] = ("、", "和", "及", "以及", "或者", "或")

_GOV_RE = re.compile("(?:" + "|".join(map(re.escape, sorted(GOVERNMENT_LEVELS, key=lambda s: (-len(s), s))))
                     + ")人民政府")
_HEAD_END_RE = re.compile("部门|机构|机关")
#: words that a generic head starts (机关党委, 部门事务, 机关干部): no organ ends there
_HEAD_CONTINUES = ("党委", "事务", "干部", "单位", "工作", "作风", "编制")
_DISTRIBUTIVE = re.compile(r"各[省市县区州、自治直辖级地方全乡镇盟旗]*$|(?:全省|全市|全县|全区|全国)各级$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: words before a government that make it no particular one
_DETERMINERS = ("有关", "相关", "其他", "其它", "该")
#: what may follow 人民政府 when it starts a longer word (人民政府部门 is no government)
_GOV_CONTINUES = "部采购投性间工主"


_TABLES = Path(__file__).resolve().parent.parent / "data" / "organs" / "generic_organs.json"


@cache
def _tables() -> dict:
    """The word tables of the three shapes above (read once)."""
    return json.loads(_TABLES.read_text(encoding="utf-8"))


@cache
def _bracket_level_re() -> re.Pattern[str]:
    """A level word with its alternatives in brackets: 县（市、区）, 市（州）, 县（市、区、旗）."""
    t = _tables()["bracket_levels"]
    alt = "|".join(map(re.escape, sorted(t["alternatives"], key=lambda s: (-len(s), s))))
    heads = "".join(t["heads"])
    return re.compile(rf"(?P<head>[{heads}])[（(](?:{alt})(?:[、，,](?:{alt}))*[）)]")


def bracket_level(folded: str, end: int) -> tuple[int, str] | None:
    """(start, pk:level) of a bracketed level word ending at ``end`` (县（市、区） before 民政部门), else None."""
    window = folded[max(0, end - 16):end]
    for m in _bracket_level_re().finditer(window):
        if m.end() == len(window):
            return end - len(window) + m.start(), _tables()["bracket_levels"]["heads"][m.group("head")]
    return None


@cache
def _duty_re() -> re.Pattern[str]:
    """An organ named by its duty: (负责|承担)X(工作|职责)的(主管)部门."""
    t = _tables()["duty_verbs"]
    verbs, objs, heads = ("|".join(map(re.escape, sorted(t[k], key=lambda s: (-len(s), s))))
                          for k in ("verbs", "objects", "heads"))
    return re.compile(rf"(?:{verbs})(?P<duty>[\u4e00-\u9fff]{{2,12}}?)(?:{objs})的(?:{heads})(?![长内外间]|单位|工作)")


#: what may follow 有关/相关 after a government when the phrase names no particular organ (县级以上人民政府有关部门)
_UNSPECIFIED_AFTER = re.compile(r"(?:其他)?(?:有关|相关)(?:主管|行政)?(?:部门|单位|机构)")


@dataclass(frozen=True)
class Organ:
    """One generic organ found in the text: its span, its full name, and what it is."""

    start: int
    end: int
    name: str  # the full name (key): the span, or the carried owner + the span
    kind: str  # "government" or "organ"
    level: str = ""
    sector: str = ""
    owner: str = ""  # the government (or 国务院, 国家) the organ belongs to, as written

    @property
    def info(self) -> tuple[tuple[str, str], ...]:
        """The pairs kept on the entity (pk:level, pk:sector)."""
        return tuple(p for p in (("level", self.level), ("sector", self.sector)) if p[1])


def governments(folded: str, bare: bool = False) -> list[Organ]:
    """Governments named by level: 县级以上地方人民政府, 省、自治区、直辖市人民政府, 乡镇人民政府.

    ``bare`` also gives a local regulation's own government by one level word (省人民政府): those are owners of
    sector organs only, since the bureau rules resolve them to the province the document names (江西省人民政府).
    """
    out = []
    for m in _GOV_RE.finditer(folded):
        s, e = m.span()
        if folded[e:e + 1] and folded[e] in _GOV_CONTINUES:
            continue
        if folded.endswith(_DETERMINERS, 0, s):
            continue  # 有关地方人民政府, 其他地方人民政府: no particular government
        level_words = m.group()[:-4]
        if level_words in _BARE_LEVELS and (not bare or s > 0 and folded[s - 1] not in _LEVEL_OPENERS):
            continue  # 湖北省人民政府, 深圳市人民政府: a named government, the bureau rules' business
        if _bracket_level_re().match(folded, s + len(level_words)):
            continue  # 市、县（区）人民政府: the contiguous 县（区）人民政府 is the organ (below)
        out.append(Organ(s, e, m.group(), "government", GOVERNMENT_LEVELS[level_words]))
    out += _bracket_governments(folded)
    out = [g for g in out if not _UNSPECIFIED_AFTER.match(folded, g.end)]
    return sorted(out, key=lambda g: (g.start, g.end)) + _street_offices(folded)


def _bracket_governments(folded: str) -> list[Organ]:
    """县（市、区）人民政府, 市（州）人民政府: a government whose level is written with its alternatives."""
    out = []
    levels = _tables()["bracket_levels"]["heads"]
    for m in _bracket_level_re().finditer(folded):
        s, e = m.span()
        if not folded.startswith("人民政府", e) or folded[e + 4:e + 5] and folded[e + 4] in _GOV_CONTINUES:
            continue
        if s > 0 and folded[s - 1] in "省市县区州":
            continue  # a named place's word, not a level
        out.append(Organ(s, e + 4, folded[s:e + 4], "government", levels[m.group("head")]))
    return out


def _street_offices(folded: str) -> list[Organ]:
    """街道办事处 written as a kind (乡镇人民政府和街道办事处), not after a street's name."""
    out = []
    for name in _tables()["street_offices"]["names"]:
        for m in re.finditer(re.escape(name), folded):
            s = m.start()
            if s == 0 or folded[s - 1] in _LEVEL_OPENERS or not _CJK.match(folded[s - 1]):
                out.append(Organ(s, m.end(), name, "government", "township"))
    return out


def _sector_before(folded: str, pos: int, sectors: frozenset[str], longest: int) -> int:
    """Where the run of sectors ending at ``pos`` begins (文化和旅游, 人力资源社会保障); ``pos`` when none."""
    start = pos
    while True:
        for n in range(min(longest, start), 1, -1):
            if folded[start - n:start] in sectors:
                start -= n
                break
        else:
            if folded[start - 1:start] == "和" and start < pos and start - 1 > 0:
                for n in range(min(longest, start - 1), 1, -1):
                    if folded[start - 1 - n:start - 1] in sectors:
                        start -= 1 + n
                        break
                else:
                    return start
                continue
            return start
        if pos - start > 14:
            return start


def sector_organs(folded: str, sectors: frozenset[str], govs: Sequence[Organ], token_start) -> list[Organ]:
    """Sector organs with their owner: 国务院文化行政主管部门, 县级以上人民政府体育行政部门, 财政部门, 公安机关.

    ``token_start(i)`` tells whether a token of the segmenter begins at offset ``i`` (a sector must begin a word).
    """
    gov_at_end = {g.end: g for g in govs}
    longest = max(map(len, sectors), default=0)
    out: list[Organ] = []
    for m in _HEAD_END_RE.finditer(folded):
        he = m.end()
        if folded[he:he + 1] in ("长", "内", "间", "外") or folded[he:he + 2] in _HEAD_CONTINUES:
            continue  # 部门长, 机关单位, 机关工作: the head starts another word
        found = None
        for head in ORGAN_HEADS:
            hs = he - len(head)
            if hs < 0 or folded[hs:he] != head:
                continue
            ss = _sector_before(folded, hs, sectors, longest)
            if ss == hs:
                continue
            sector = folded[ss:hs]
            if head == "机关" and sector not in ORGAN_DOMAINS:
                continue
            found = (ss, hs, sector)
            break
        if found is None:
            organ = _open_sector_organ(folded, he, gov_at_end)
            if organ is not None:
                out.append(organ)
            continue
        ss, hs, sector = found
        if folded[ss - 1:ss] == "、" and _sector_before(folded, ss - 1, sectors, longest) < ss - 1:
            continue  # 财政、税务部门: several sectors share one head
        organ = _owned(folded, ss, he, sector, gov_at_end, token_start)
        if organ is not None:
            out.append(organ)
    return _carry_levels(folded, out)


#: heads that name an organ by themselves once an owner stands before the sector (…野生动物行政主管部门)
OPEN_HEADS: tuple[str, ...] = ("行政主管部门", "监督管理部门", "行政管理部门", "行政部门", "主管部门", "主管机构")
#: what a sector never holds: function words, verbs of duty and the words of other phrases
_NOT_SECTOR = re.compile(r"[的和与及或、，。；：]|有关|相关|其他|其它|负责|会同|应当|报|由|向|经|按照|依照|组织|批准"
                         r"|设立|各")
#: owners of an open sector: 国务院 and the levels written without 人民政府, longest first
_OPEN_OWNERS: tuple[tuple[str, str], ...] = (("国务院", "national"), *LEVEL_OWNERS.items())


def _open_sector_organ(folded: str, he: int, gov_at_end: dict[int, Organ]) -> Organ | None:
    """A sector no word list knows, between an owner and a strong head: 国务院工业产品生产许可证主管部门,
    县级以上人民政府野生动物行政主管部门. Without an owner nothing is taken (a bare …主管部门 may be any phrase)."""
    for head in OPEN_HEADS:
        hs = he - len(head)
        if hs < 2 or folded[hs:he] != head:
            continue
        for ss in range(hs - 2, max(0, hs - 10) - 1, -1):
            sector = folded[ss:hs]
            if not _CJK.fullmatch(sector[0]) or _NOT_SECTOR.search(sector) or not all(map(_CJK.match, sector)):
                break
            g = gov_at_end.get(ss)
            if g is not None:
                return Organ(g.start, he, folded[g.start:he], "organ", g.level, sector, g.name)
            for owner, level in _OPEN_OWNERS:
                if folded.endswith(owner, 0, ss) and not folded.endswith("各" + owner, 0, ss):
                    s = ss - len(owner)
                    return Organ(s, he, folded[s:he], "organ", level, sector, owner)
        return None
    return None


def _owned(folded: str, ss: int, he: int, sector: str, gov_at_end: dict[int, Organ], token_start) -> Organ | None:
    """The organ of sector ``folded[ss:he]`` with the owner written just before it (or none)."""
    g = gov_at_end.get(ss)
    if g is not None:
        return Organ(g.start, he, folded[g.start:he], "organ", g.level, sector, g.name)
    before = folded[max(0, ss - 14):ss]
    if before.endswith(RELATIVE_OWNERS):
        return Organ(ss, he, folded[ss:he], "organ", "", sector)
    if _DISTRIBUTIVE.search(before):
        return None  # 各省区市新闻出版主管部门, 地方各级宣传部门: every such organ, none in particular
    for owner, level in OWNER_LEVELS.items():
        if before.endswith(owner) and not (owner == "国家" and folded[ss - 3:ss] == "国务院"):
            if owner == "中央" and not folded.endswith(("党中央", "中共中央"), 0, ss):
                continue
            if owner == "党委" and not (ss - 2 == 0 or not _CJK.match(folded[ss - 3])
                                        or folded[ss - 3] in "级的和、"):
                continue  # 县委 …党委 of a named body: leave it to the bureau rules
            s = ss - len(owner)
            return Organ(s, he, folded[s:he], "organ", level, sector, "" if owner == "党委" else owner)
    for words, level in LEVEL_OWNERS.items():
        if before.endswith(words) and not before.endswith("各" + words):
            s = ss - len(words)
            return Organ(s, he, folded[s:he], "organ", level, sector, words)
    bracketed = bracket_level(folded, ss)
    if bracketed is not None:  # 县（市、区）民政部门
        return Organ(bracketed[0], he, folded[bracketed[0]:he], "organ", bracketed[1], sector, folded[bracketed[0]:ss])
    lv = folded[ss - 1:ss]
    if lv in LOCAL_LEVELS and (ss == 1 or folded[ss - 2] in _LEVEL_OPENERS or token_start(ss - 1)) \
            and token_start(ss):
        # 市卫生健康行政主管部门负责…: a local regulation's own level (城市管理部门 is no level: 城 ends no clause)
        return Organ(ss - 1, he, folded[ss - 1:he], "organ", LOCAL_LEVELS[lv], sector, lv)
    if ss > 0 and _CJK.match(folded[ss - 1]) and not token_start(ss):
        return None  # the sector is the tail of a longer word
    return Organ(ss, he, folded[ss:he], "organ", "", sector)


def _carry_levels(folded: str, organs: list[Organ]) -> list[Organ]:
    """In a coordination the owner carries over: 国务院文化行政主管部门、体育行政主管部门 names
    国务院体育行政主管部门 (mention: the span written; name: owner + span)."""
    by_start = {o.start: o for o in organs}
    out: list[Organ] = []
    carried: dict[int, Organ] = {}
    for o in organs:
        o = carried.get(o.start, o)
        out.append(o)
        if not o.owner:
            continue
        pos = o.end
        for conn in _CONNECTORS:
            if folded.startswith(conn, pos):
                nxt = by_start.get(pos + len(conn))
                if nxt is not None and not nxt.owner and not nxt.level and not nxt.name.endswith("机关") \
                        and nxt.name == folded[nxt.start:nxt.end] and not _relative_before(folded, nxt.start):
                    carried[nxt.start] = Organ(nxt.start, nxt.end, o.owner + nxt.name, "organ", o.level,
                                               nxt.sector, o.owner)
                break
    return out


def _relative_before(folded: str, start: int) -> bool:
    return folded.endswith(RELATIVE_OWNERS, 0, start)


def generic_organs(folded: str, sectors: frozenset[str], token_start) -> tuple[list[Organ], list[Organ]]:
    """(governments, sector organs) of a folded text; a government that opens a sector organ is kept too:
    it is named there (县级人民政府 in 县级人民政府文化行政主管部门)."""
    owners = governments(folded, bare=True)  # one scan; the bare-level ones only own sector organs
    govs = [g for g in owners if g.name[:-4] not in _BARE_LEVELS]
    organs = sector_organs(folded, sectors, owners, token_start)
    taken = {(o.start, o.end) for o in organs}
    organs += [o for o in duty_organs(folded, owners) if (o.start, o.end) not in taken]
    return govs, sorted(organs, key=lambda o: (o.start, o.end))


def duty_organs(folded: str, govs: Sequence[Organ]) -> list[Organ]:
    """Organs named by their duty: 县级以上人民政府负责全民阅读工作的部门, 承担文物保护职责的主管部门,
    负责体育工作的部门 (no owner: the sector organ alone, labelled as written). The sector is the duty."""
    gov_at_end = {g.end: g for g in govs}
    out = []
    for m in _duty_re().finditer(folded):
        s, e = m.span()
        duty = m.group("duty")
        if _NOT_SECTOR.search(duty) or re.search("部门|机构|是|为", duty):
            continue  # 主管部门是…工作的主管部门: the verb is the tail of another organ's name
        g = gov_at_end.get(s)
        if g is not None:
            out.append(Organ(g.start, e, folded[g.start:e], "organ", g.level, duty, g.name))
            continue
        owner = next(((w, lv) for w, lv in _OPEN_OWNERS if folded.endswith(w, 0, s)), None)
        if owner is not None and not folded.endswith("各" + owner[0], 0, s):
            out.append(Organ(s - len(owner[0]), e, folded[s - len(owner[0]):e], "organ", owner[1], duty, owner[0]))
        elif not folded.endswith(("有关", "相关", "其他", "各", "的"), 0, s):
            out.append(Organ(s, e, folded[s:e], "organ", "", duty))
    return out
