"""Organization mentions: associations, institutes, universities, companies, newspapers, media.

A name ends in an organisation head (协会, 研究院, 大学, 公司, 日报, 联盟, 信息中心 …); its left
edge comes from the jieba tokens, as for bureaus (:func:`kg.extract.tokens.walk_left`): the walk
stops at verbs, particles and punctuation, and a name with a prefix (中国, 北京市, 上海市, an organ)
starts at its farthest prefix. Rules (``Mention.rule``):

* ``org.suffix`` — a strong head (协会, 学会, 研究院, 研究所, 大学, 公司, 日报, 联盟 …) after a
  body that is not a generic category (行业协会, 上市公司, 出版传媒集团 are no names);
* ``org.prefixed`` — a weak head (学院, 系, 中心, 电视台, 报, 实验室) only with a prefix or a parent
  organisation (中国传媒大学法律系, 中国新闻出版广电报, 北京电视台);
* ``org.parent`` — the organisation at the start of a longer one (中国传媒大学 in …政法学院);
* ``org.abbreviation`` — abbreviated national associations written as one word (中国作协, 全国妇联);
* ``org.outside`` — authorities of Hong Kong, Macao and Taiwan (香港医院管理局), which are no
  organs of the mainland state;
* ``org.known`` — institutions without a head the rules know or cited by abbreviation (新华社 →
  新华通讯社, 中央广播电视总台; :data:`KNOWN_ORGANIZATIONS`);
* ``org.quoted`` — a whole quotation ending in a head (“视听内容智能生产联合实验室”);
* ``org.sibling`` — units listed after a unit of a named organisation (中国传媒大学新闻学院、动画与数字艺术学院).

A city named elsewhere with its level (洛阳市) is a prefix by its bare name (洛阳广播电视台).

Newspapers written in 《》 are left to the title extractor (rule ``org.newspaper-title``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .. import rules
from ..model import Mention, Parsed
from .base import ExtractContext, make_mention
from .tokens import (
    ALIAS_DEF,
    PROVINCES,
    STOP_WORDS,
    TokenIndex,
    Walk,
    indexed,
    is_place,
    is_prefix,
    tokens_ending,
    walk_left,
)
from .wordlists import ordered, table, words

_AREA, _FILE = "organizations", "vocabulary"

#: heads that make a name by themselves after a proper body
_STRONG = ordered(_AREA, _FILE, "strong_heads")
#: heads that need a prefix or a parent organisation (学院, 系, 中心, 电视台, 报 …)
_WEAK = ordered(_AREA, _FILE, "weak_heads")
_HEADS = tuple(sorted(_STRONG + _WEAK, key=len, reverse=True))
_HEAD_RE = re.compile("|".join(map(re.escape, _HEADS)))
_WEAK_SET = frozenset(_WEAK)
#: a city's goal written like a centre's name (建设上海国际金融中心, 国际航运中心, 国际科技创新中心)
_GOAL_CENTRE = re.compile(r"国际(?:金融|航运|贸易|经济|消费|科技创新|创新|再保险|文化|旅游|交往|信息|物流)$")
#: heads that name one body only with a prefix or a parent (上海市律师协会, 中华全国妇女联合会): a statute writes
#: 科学技术协会, 残疾人联合会, 律师事务所 for the kind of body found at every level
_KIND_HEADS = words(_AREA, _FILE, "kind_heads")
#: heads whose bare two-character bodies are kinds, not names (产业联盟, 行业协会)
_ASSOCIATIONS = words(_AREA, _FILE, "associations")

#: what may follow a head when it starts another word (报道, 联盟地区, 大学生, 系统 …)
_CONTINUATIONS = table(_AREA, _FILE, "continuations")
#: words ending in a head that name no organisation
_NOT_NAMES = words(_AREA, _FILE, "not_names")
#: first words of a body that make it a category, not a name (行业协会, 上市公司, 大型出版传媒集团)
_GENERIC = words(_AREA, _FILE, "generic")
#: words anywhere in a body that make it a category (一批大型出版传媒集团, 骨干文化企业集团)
_CATEGORY = words(_AREA, _FILE, "category")
#: levels used as adjectives (省级融媒体中心, 国家级实验室): a kind of body, not a name
_LEVEL_ADJECTIVES = words(_AREA, _FILE, "level_adjectives")
#: extra stop words for organisation names (verbs that a bureau name may contain: 组织, 代表 …)
_STOPS = words(_AREA, _FILE, "stops")
#: verbs, modals and function words of statutes that end an organisation name on its left (人民法院宣告|证券公司,
#: 应当认定|会计师事务所, 可以责令|证券公司): a clause, not a name, runs through them
_CLAUSE_WORDS = words(_AREA, _FILE, "clause_words")
#: kinds of bodies that statutes name generically (证券公司, 会计师事务所, 行业协会): before a head they make a
#: name only after a proper prefix (中国证券业协会, 上海市律师协会), never after a clause
_LEGAL_KINDS = words(_AREA, _FILE, "legal_kinds")
#: characters that end an organ or a body: a 报 after them is the verb "report to" (国务院报, 人民政府报)
_ORGAN_LAST = words(_AREA, _FILE, "organ_last")
#: what follows a newspaper's name when it is one (中国文化报记者, 法治报报道); a 报 followed by anything else
#: written in characters is the verb "report to" (…报省人民政府批准)
_NEWS_FOLLOWERS = ordered(_AREA, _FILE, "news_followers")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
#: abbreviated national associations written as one word (中国作协, 中国文联, 全国妇联)
_ABBREV = re.compile(r"^(?:中国|全国)[\u4e00-\u9fff]{1,2}[协联]$")
#: authorities outside the mainland administration
_OUTSIDE_RE = re.compile(r"(?:香港|澳门|台湾|澳門|臺灣)(?:特别行政区)?(?:(?!设立|设置|签署|部署|拒绝|如|的|和|由)"
                         r"[\u4e00-\u9fff]){2,10}?(?:管理局|委员会|局|署)")


#: institutions whose names carry no head the rules know, or that are known by an abbreviation:
#: surface → full name (central news media and academies of the State Council, 国发〔2023〕5号 and the 2018
#: reform plan; national people's organisations, by their own statutes; see ontology/gazetteer/README.md)
KNOWN_ORGANIZATIONS: Mapping[str, str] = table(_AREA, _FILE, "known_organizations")
#: bodies named as a whole without any head (GUIDELINES.md: 中国共产党 as a whole and 中国人民解放军 are
#: Organizations): the party by its constitution (中国共产党章程), the army by the National Defence Law
#: (中华人民共和国国防法, 2020, art. 22: the armed forces are 中国人民解放军, 中国人民武装警察部队 and the militia)
WHOLE_BODIES: tuple[str, ...] = ordered(_AREA, _FILE, "whole_bodies")
_WHOLE_RE = re.compile("|".join(map(re.escape, WHOLE_BODIES)))
#: what makes a whole body the first words of a longer name (中国共产党中央委员会, 中国共产党第二十次全国代表大会,
#: 中国共产党北京市委员会): that name is another entity (a Bureau, an Event), not the body as a whole
_LONGER_NAME = re.compile(r"中央|第[一二三四五六七八九十百]|[\u4e00-\u9fff]{0,10}?(?:委员会|代表大会|支部|党组|组织)"
                          r"|(?:建党|建军|成立)?[一二三四五六七八九十百\d]+周年")
_KNOWN_RE = re.compile("|".join(map(re.escape, sorted(KNOWN_ORGANIZATIONS, key=lambda s: (-len(s), s)))))
#: heads of the units of a university or an academy, listed after one of its units (…新闻学院、动画学院)
_UNIT_HEADS = ordered(_AREA, _FILE, "unit_heads")


@dataclass(frozen=True)
class _Cand:
    start: int
    end: int
    rule: str
    confidence: float = 0.8
    key: str = ""


def _in_title(folded: str, start: int, end: int) -> bool:
    """The span is the whole of a 《》 title (left to the title extractor)."""
    return folded[start - 1:start] == "《" and folded[end:end + 1] == "》"


def _proper_prefix(word: str, parents: frozenset[str] = frozenset(), places: frozenset[str] = frozenset()) -> bool:
    """中国…, 全国…, a place (北京市, 湖南, or 洛阳 in a document naming 洛阳市), an organ or a parent
    organisation (清华大学)."""
    return (is_prefix(word, parents) or word.startswith(("中国", "中华", "全国", "中央", "国家")) or is_place(word)
            or word in PROVINCES or word[:2] in PROVINCES or word[:3] in PROVINCES or word in places)


def _places(folded: str, index: TokenIndex) -> frozenset[str]:
    """Names of the places the document names with their level (洛阳 for 洛阳市, 长沙 for 长沙市)."""
    out = set()
    for t in tokens_ending(index, folded, "省市县"):
        w = folded[t.start:t.end]
        if len(w) >= 3 and w[-1] in "省市县" and is_place(w):
            out.add(w[:-1])
    return frozenset(out)


_STRONG_END = re.compile("(?:" + "|".join(map(re.escape, sorted(_STRONG, key=len, reverse=True))) + ")$")
_STRONG_LAST = frozenset(h[-1] for h in _STRONG)


def _parents(folded: str, index: TokenIndex) -> frozenset[str]:
    """Tokens that are organisations themselves (清华大学, 中国社会科学院), parents of a unit after them."""
    out = set()
    for t in tokens_ending(index, folded, "".join(sorted(_STRONG_LAST))):
        if t.end - t.start < 3 or folded[t.end - 1] not in _STRONG_LAST:
            continue
        w = folded[t.start:t.end]
        m = _STRONG_END.search(w)
        head = m.group() if m else ""
        body = w[:-len(head)] if head else ""
        if len(w) >= 3 and body and w not in _NOT_NAMES and body not in _GENERIC and body not in _CATEGORY \
                and not body.startswith(tuple(_CATEGORY)):
            out.add(w)
    return frozenset(out)


def _suffix_cands(folded: str, index: TokenIndex) -> list[_Cand]:
    """Names ending in an organisation head, the left edge from the tokens (``org.suffix``, ``org.prefixed``)."""
    out: list[_Cand] = []
    parents = _parents(folded, index)
    places = _places(folded, index)
    for m in _HEAD_RE.finditer(folded):
        head = m.group()
        hs, he = m.span()
        if _no_head(folded, index, head, hs, he):
            continue
        w = walk_left(index, folded, hs, organs=parents, stops=_STOPS | _NOT_NAMES | _CLAUSE_WORDS, max_bare=12)
        if w is None or w.stopped_by in ("各", "该", "本", "其", "有关", "相关", "其他", "各级", "各地", "各类"):
            continue
        cand = _suffix_cand(folded, index, w, head, hs, he, parents, places)
        if cand is not None:
            out.append(cand)
    return out


def _no_head(folded: str, index: TokenIndex, head: str, hs: int, he: int) -> bool:
    """Whether the head at ``[hs, he)`` ends no name: it starts or ends another word (报道, 系统, 金融体系), or
    it is the verb 报 "report to" (国务院报, 审查报省人民政府)."""
    nxt = folded[he:he + 1]
    if nxt and nxt in _CONTINUATIONS.get(head, ""):
        return True
    tok = index.token_at(he - 1)
    if tok is not None and tok.end > he and folded[he:tok.end] not in STOP_WORDS:
        return True  # the head starts a longer word (报道, 系统, 大学生)
    if tok is not None and tok.end == he and folded[tok.start:tok.end] in _NOT_NAMES:
        return True
    if (head != "报" and folded[max(0, hs - 1):he] in _NOT_NAMES) or folded[max(0, hs - 2):he] in _NOT_NAMES:
        return True  # 金融体系, 密切联系, 必要时报: the head is the end of a word whatever the tokens
    return head == "报" and (folded[hs - 1:hs] in _ORGAN_LAST or (
        bool(_CJK_CHAR.match(folded[he:he + 1])) and not folded.startswith(_NEWS_FOLLOWERS, he)))


def _suffix_cand(folded: str, index: TokenIndex, w: Walk, head: str, hs: int, he: int, parents: frozenset[str],
                 places: frozenset[str]) -> _Cand | None:
    """The name a head makes with the body the walk found, unless the body is a category, a kind or a clause."""
    start = _after_list(folded, w.start, hs)
    body = folded[start:hs]
    if len(body) < 2 or (body + head) in _NOT_NAMES or "某" in body:
        return None  # 某网络公司: an anonymised body is no name
    first = index.token_at(start)
    first_word = folded[first.start:min(first.end, hs)] if first is not None else body
    prefixed = (w.prefixed and start == w.start) or _proper_prefix(first_word, parents, places)
    words_ = [folded[max(t.start, start):min(t.end, hs)] for t in index.tokens[index.at[start]:index.at[hs - 1] + 1]]
    if (_kind_of_body(head, body, first_word, prefixed) or _phrase(body, words_, prefixed, parents, places)
            or (head in _WEAK_SET or head in _KIND_HEADS) and not prefixed):
        return None  # 计划生育协会, 审计事务所, 工商行政管理所 without a place or parent: a kind of body
    if not prefixed and w.stopped_by in ("<long>", "<cut>"):
        return None
    if prefixed and (first_word in _GENERIC or first_word in _LEVEL_ADJECTIVES):
        return None  # 省级融媒体中心: a level names a kind of body, not one body
    if _in_title(folded, start, he):
        return None
    rule = "org.prefixed" if head in _WEAK_SET else "org.suffix"
    return _Cand(start, he, rule, rules.confidence(rule) if prefixed else 0.75)  # unprefixed: less sure


def _kind_of_body(head: str, body: str, first_word: str, prefixed: bool) -> bool:
    """A body that makes the name a category or a place: 行业协会, 产业联盟, 上海国际金融中心, 全国公共图书馆."""
    newspaper = head in ("日报", "晚报", "早报", "时报", "周报", "商报", "青年报", "日报社")
    if not prefixed and not newspaper and (first_word in _GENERIC or body in _GENERIC or len(first_word) < 2):
        return True  # a category (行业协会) or a phrase opened by a one-character verb (跨区域联盟)
    if not prefixed and head in _ASSOCIATIONS and len(body) < 3:
        return True  # 产业联盟, 战略联盟: a two-character body names a kind of alliance
    if head == "中心" and (_GOAL_CENTRE.search(body) or body.endswith("副")):
        return True  # 上海国际金融中心, 北京城市副中心: what a city is to become, a place; no body
    return head.endswith("馆") and ("公共" in body or "各" in body)  # 全国公共图书馆: the kind a statute governs


def _phrase(body: str, words_: list[str], prefixed: bool, parents: frozenset[str], places: frozenset[str]) -> bool:
    """A body that is a clause or a phrase, not a name: 接管证券公司, 一批大型出版传媒集团, 产业联盟行业协会."""
    if _clause_or_kind(body, parents, places):
        return True  # 接管证券公司, 餐饮行业协会, 国家有关公司: a clause, a kind of body, no name
    if any(w in _CATEGORY or w[:2] in _CATEGORY for w in words_):
        return True  # 一批大型出版传媒集团, 上市公司行业协会
    return not prefixed and any(w.endswith(_HEADS) for w in words_ if len(w) >= 2)  # two phrases


_KIND_ENDS = tuple(sorted(_LEGAL_KINDS, key=len, reverse=True))
_CLAUSE_INSIDE = tuple(w for w in _CLAUSE_WORDS if len(w) >= 2) + ("有关", "相关", "此类", "该类")


def _clause_or_kind(body: str, parents: frozenset[str], places: frozenset[str]) -> bool:
    """A body that holds a clause word or determiner whatever the tokens (应转到公司, 国家有关公司), or that ends
    in a kind of body without a proper prefix before it (电力公司, 融资担保公司, 餐饮行业协会; not 上海市律师协会)."""
    if any(w in body for w in _CLAUSE_INSIDE):
        return True
    kind = next((k for k in _KIND_ENDS if body.endswith(k)), "")
    if not kind:
        return False
    rest = body[:-len(kind)]
    return not rest or rest.endswith("上市") or not _proper_prefix(rest, parents, places)  # 非上市 is no city


#: how a name with a prefix of its own begins (a province, 中国, 全国 …)
_PROPER_STARTS = tuple(sorted(PROVINCES)) + ("中国", "全国", "中华", "国家")
#: words that end a complete unit before a conjunction (教育行政部门和妇女联合会: two phrases)
_UNIT_ENDS = ordered(_AREA, _FILE, "unit_ends")


def _after_list(folded: str, start: int, hs: int) -> int:
    """Where a name really starts when the walk ran through a conjunction after a complete unit
    (税务部门和|残疾人联合会, 科研机构和|行业协会): just after the last such conjunction."""
    base = start
    for m in re.finditer("和|与|及", folded[base:hs]):
        after = base + m.end()
        if folded.endswith(_UNIT_ENDS + _HEADS, base, base + m.start()) or (
                m.start() > 0 and folded.startswith(_PROPER_STARTS, after)):
            start = after  # …建设与|上海国际金融中心: a name with its own prefix begins after the conjunction
    return start


def _chains(cands: list[_Cand]) -> list[_Cand]:
    """Of names that start together (中国传媒大学 / 中国传媒大学法律系) the shorter is the parent.

    Linear: the furthest end per start is found once, instead of comparing every pair of names.
    """
    furthest: dict[int, int] = {}
    for o in cands:
        furthest[o.start] = max(o.end, furthest.get(o.start, o.end))
    out = []
    for c in cands:
        if furthest[c.start] > c.end:
            c = _Cand(c.start, c.end, "org.parent", c.confidence, c.key)
        out.append(c)
    return out


def extract_organizations(parsed: Parsed, ctx: ExtractContext) -> list[Mention]:
    """Organisation names: a head with a proper body, abbreviations, authorities outside the mainland."""
    text = parsed.text
    if not text:
        return []
    folded, index = indexed(parsed)
    cands = _suffix_cands(folded, index)
    # drop a bare name that is the tail of a longer one (政法学院 inside 中国传媒大学政法学院);
    # linear: the leftmost start per end, instead of all pairs
    leftmost: dict[int, int] = {}
    for o in cands:
        leftmost[o.end] = min(o.start, leftmost.get(o.end, o.start))
    cands = [c for c in cands if not leftmost[c.end] < c.start]
    for tok in tokens_ending(index, folded, "协联\n"):  # what _ABBREV can match ends so ($ allows a final \n)
        if _ABBREV.match(folded[tok.start:tok.end]):
            cands.append(_Cand(tok.start, tok.end, "org.abbreviation", rules.confidence("org.abbreviation")))
    for m in _OUTSIDE_RE.finditer(folded):
        if folded[m.end():m.end() + 1] != "长":
            cands.append(_Cand(m.start(), m.end(), "org.outside", rules.confidence("org.outside")))
    cands += _known_cands(folded, index)
    cands += _whole_body_cands(folded)
    cands += _quoted_cands(folded, cands)
    cands = _chains(_dedupe(cands))
    cands += _sibling_units(folded, index, cands)
    cands = _declared_short_names(folded, index, cands)
    return [make_mention(parsed, "Organization", c.start, c.end, c.rule, key=c.key, confidence=c.confidence)
            for c in _dedupe(cands)]


_QUOTED_RE = re.compile("“([\u4e00-\u9fff]{4,24}?(?:" + "|".join(map(re.escape, _HEADS)) + "))”")


def _quoted_cands(folded: str, cands: list[_Cand]) -> list[_Cand]:
    """A whole quotation that ends in an organisation head (“视听内容智能生产联合实验室”) is its name."""
    out = []
    for m in _QUOTED_RE.finditer(folded):
        s, e = m.span(1)
        body = folded[s:e]
        if body in _NOT_NAMES or body.startswith(tuple(_CATEGORY)) or any(c.start <= s and e <= c.end for c in cands):
            continue
        out.append(_Cand(s, e, "org.quoted", rules.confidence("org.quoted")))
    return out


def _known_cands(folded: str, index: TokenIndex) -> list[_Cand]:
    """Known institutions (新华社, 中央广播电视总台) at token boundaries, keyed to their full names."""
    out = []
    for m in _KNOWN_RE.finditer(folded):
        s, e = m.span()
        first, last = index.token_at(s), index.token_at(e - 1)
        if first is None or last is None or first.start != s or last.end != e:
            continue  # 央视 inside 中央视听
        full = KNOWN_ORGANIZATIONS[m.group()]
        out.append(_Cand(s, e, "org.known", rules.confidence("org.known"), "" if full == m.group() else full))
    return out


def _declared_short_names(folded: str, index: TokenIndex, cands: list[_Cand]) -> list[_Cand]:
    """（以下简称X） after an organisation's name: X is that organisation wherever it is written (上海市执业经纪人协会
    （以下简称市执业经纪人协会）): the short name takes the full name as key."""
    by_end = {c.end: c for c in sorted(cands, key=lambda c: -c.start)}  # the longest name ending there
    short: dict[str, str] = {}
    for m in ALIAS_DEF.finditer(folded):
        c = by_end.get(m.start())
        if c is not None:
            short.setdefault(m.group(1), c.key or folded[c.start:c.end])
    if not short:
        return cands
    out = [replace(c, key=short[folded[c.start:c.end]]) if not c.key and folded[c.start:c.end] in short else c
           for c in cands]
    taken = [(c.start, c.end) for c in out]
    for name, full in sorted(short.items()):
        for m in re.finditer(re.escape(name), folded):
            first, last = index.token_at(m.start()), index.token_at(m.end() - 1)
            if first is None or last is None or first.start != m.start() or last.end != m.end():
                continue
            if not any(a < m.end() and m.start() < b for a, b in taken):
                out.append(_Cand(m.start(), m.end(), "org.alias", rules.confidence("org.alias"), full))
    return out


def _whole_body_cands(folded: str) -> list[_Cand]:
    """中国共产党, 中国人民解放军 named as a whole: not as the first words of a longer name, not inside a title."""
    out = []
    for m in _WHOLE_RE.finditer(folded):
        s, e = m.span()
        if _LONGER_NAME.match(folded, e) or folded.rfind("《", 0, s) > folded.rfind("》", 0, s):
            continue
        out.append(_Cand(s, e, "org.whole", rules.confidence("org.whole")))
    return out


def _sibling_units(folded: str, index: TokenIndex, cands: list[_Cand]) -> list[_Cand]:
    """Units listed after a unit of a named organisation (中国传媒大学新闻学院、动画与数字艺术学院): the
    same organisation's units, keyed to their full names."""
    parents = {(c.start, c.end): c for c in cands if c.rule == "org.parent"}
    out: list[_Cand] = []
    taken = {(c.start, c.end) for c in cands}
    for c in sorted(cands, key=lambda c: (c.start, c.end)):
        parent = max((p for (s, e), p in parents.items() if s == c.start and e < c.end), key=lambda p: p.end,
                     default=None)
        if parent is None or not folded[c.start:c.end].endswith(_UNIT_HEADS):
            continue
        owner = folded[parent.start:parent.end]
        pos = c.end
        while folded[pos:pos + 1] == "、":
            item = _unit_item(folded, index, pos + 1)
            if item is None or item in taken:
                break
            s, e = item
            out.append(_Cand(s, e, "org.sibling", rules.confidence("org.sibling"), owner + folded[s:e]))
            taken.add(item)
            pos = e
    return out


def _unit_item(folded: str, index: TokenIndex, start: int) -> tuple[int, int] | None:
    """A unit name from ``start``: name-like tokens up to a unit head, followed by no more name."""
    tok = index.token_at(start)
    if tok is None or tok.start != start:
        return None
    n = index.at[start]
    while n < len(index.tokens) and index.tokens[n].start - start <= 14:
        t = index.tokens[n]
        word = folded[t.start:t.end]
        if not re.fullmatch(r"[\u4e00-\u9fff]+", word) or (word in STOP_WORDS and word not in ("与", "和")):
            return None
        if word.endswith(_UNIT_HEADS) and t.end - start >= 3:
            nxt = folded[t.end:t.end + 1]
            after = index.token_at(t.end)
            if not nxt or not re.match(r"[\u4e00-\u9fff]", nxt) or (
                    after is not None and folded[after.start:after.end] in STOP_WORDS):
                return (start, t.end)
        n += 1
    return None


def _dedupe(cands: list[_Cand]) -> list[_Cand]:
    best: dict[tuple[int, int], _Cand] = {}
    for c in cands:
        o = best.get((c.start, c.end))
        if o is None or (bool(c.key), c.confidence) > (bool(o.key), o.confidence):
            best[(c.start, c.end)] = c
    return sorted(best.values(), key=lambda c: (c.start, c.end))
