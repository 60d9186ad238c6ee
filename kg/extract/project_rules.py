"""Vocabulary and small pure helpers of the Project extractor.

Everything here describes the genre (how Chinese government work reports,
plans and notices name their programmes), never the names of a particular
document: the words that end a programme name (…工程, …计划, …专项行动,
…试点, …评选 …), the verbs that launch one (实施, 开展, 推进 …), the phrases
that name nothing specific (重大工程, 工作计划, 经营活动 …), and the
normalisation that lets repeated mentions (“剑网”专项行动 / 剑网行动,
…和…试点 / …与…改革扩大试点) share one key. The word lists are data
(``kg/data/projects/vocabulary.json``, each list with a comment), read once;
this module joins them into patterns in the order written there.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

from ..textfold import fold

CJK = "\u4e00-\u9fff"


@cache
def vocabulary() -> dict[str, dict]:
    """The word lists of ``kg/data/projects/vocabulary.json`` (read once per process): each a list with its comment."""
    text = (resources.files("kg") / "data" / "projects" / "vocabulary.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


def words(name: str) -> tuple[str, ...]:
    """The words of one list of the vocabulary, in the order written there."""
    return tuple(vocabulary()[name]["words"])


def _any_of(name: str) -> str:
    """The words of one list as a regular-expression alternation, in their written order."""
    return "|".join(words(name))


# --- programme words ------------------------------------------------------------------------

#: Words that end the name of a programme when the name is written without quotes.
_UNQUOTED_HEADS: tuple[str, ...] = words("unquoted_heads")
#: After a quoted name a few more heads are names too (“质量管理2017”专项工作, “X”媒体年).
_QUOTED_EXTRA_HEADS: tuple[str, ...] = words("quoted_extra_heads")
#: Heads that make a quoted coinage a programme only right after its closing quote (“放管服”改革).
TIGHT_HEADS = frozenset(words("tight_heads"))


def _alternation(ws: tuple[str, ...]) -> str:
    """Longest first, so that 工程试点 / 专项行动 win over 工程 / 行动."""
    return "|".join(sorted(set(ws), key=lambda w: (-len(w), w)))


#: One programme word or a chain of them (专项整治行动, 工程试点, 行动计划).
HEAD = re.compile(f"(?:{_alternation(_UNQUOTED_HEADS)})+")
QUOTED_HEAD = f"(?:{_alternation(_UNQUOTED_HEADS + _QUOTED_EXTRA_HEADS)})"

#: A name that ends in a programme word (used on quoted names and on previous list items).
ENDS_IN_HEAD = re.compile(f"(?:{_alternation(_UNQUOTED_HEADS)})$")

#: 活动 names a programme only after a word saying what kind of activity it is (推介活动, 阅读系列活动).
_ACTIVITY_KIND = re.compile(f"({_any_of('activity_kinds')})$")

#: What may follow a programme word in running text; these nouns make it a modifier (试点城市, 计划生育).
_BAD_FOLLOWER = re.compile(f"^(?:{_any_of('bad_followers')})")

# --- left boundaries ------------------------------------------------------------------------

#: Adverbs and auxiliaries that may be glued to a launching verb in one token (深入开展, 组织实施).
TRIGGER_PREFIX = f"(?:{_any_of('trigger_adverbs')})*"

#: Verbs that launch or carry out a programme; the name starts right after the nearest one.
TRIGGER = re.compile(TRIGGER_PREFIX + f"(?:{_any_of('trigger_verbs')})好?")

#: A trigger read as part of the name when this comes right before it (国家组织…采购试点).
_TRIGGER_SUBJECT = re.compile(f"(?:{_any_of('trigger_subjects')})$")

#: Tokens after which no programme name can continue leftwards (prepositions, 的, pronouns).
STOP_TOKENS = frozenset(words("stop_tokens"))

#: Conjunctions that separate two parallel programmes (…试点工作和…试点), only after a programme word.
CONJ_TOKENS = frozenset(words("conj_tokens"))

#: Leading tokens dropped from a name (实施好…, 确定一批…, 第二批…).
_LEADING_NOISE = re.compile(f"^(?:{_any_of('leading_noise')}" + r"|第[一二三四五六七八九十\d]+(?:批|轮|期|届|次))+")

# --- generic phrases -------------------------------------------------------------------------

#: Modifiers that alone make a programme phrase generic (重大工程, 工作计划, 惠民工程, 专项行动).
_GENERIC_WORDS = words("generic_words")
#: The parts and trades of building works: 地基基础工程, 屋面防水工程, 其他土建工程 name works, not programmes.
_WORKS_WORDS = words("works_words")
_WORKS_STEM = re.compile(f"^(?:{_any_of('works_prefixes')})?(?:{_alternation(_WORKS_WORDS)})+$")
_GENERIC_STEM = re.compile(
    f"^(?:{_alternation(_GENERIC_WORDS + _WORKS_WORDS)}"
    "|第?[一二三四五六七八九十百两几数\\d]+(?:大|项|个|类|批|种|轮|期|年)?)*$"
)

#: Quoted phrases that are dates or plan periods, not programmes (“十三五”, “七五”, “2017年”, “2016-2020”);
#: a number that is not a year opens a name (“15分钟品质文化生活圈”, “100个乡村舞台”).
_DATEISH = re.compile(r"^(?:[一二三四五六七八九十]{1,3}五(?:时期|期间)?|\d{4}(?:年|—|–|-|～|~|至)?.*|\d{2,3}年.*"
                      r"|[一二三四五六七八九十〇零]{2,4}年)$")
#: A five-year-plan term (“十四五”), which may open a programme's name: “十四五”文物保护利用重点工程.
_PLAN_TERM = re.compile(r"^十?[一二三四五六七八九]五$")

#: Quoted names of other kinds (events, bodies, doctrines) that the trigger rule must not take.
_OTHER_KIND = re.compile(f"(?:{_any_of('other_kind_ends')})$")

#: What makes …年 a time word rather than a themed year (之年, 一年, 周年, 学年, 青年 …).
_YEAR_TIMEWORD = frozenset(vocabulary()["year_timeword_chars"]["chars"])

#: Plans that are budget or planning documents of a government, not programmes (国民经济和社会发展计划).
_PLAN_DOCUMENT = re.compile(f"(?:{_any_of('plan_document_stems')})计划$")
#: Clause fragments caught before a programme word: a party (单位和个人), a conjunction first, a 的 phrase.
_FRAGMENT = re.compile(r"^(?:和|或|及|与|以及)|个人|单位和|组织和|(?<!党)的")


def is_fragment(name: str) -> bool:
    """True for a clause fragment rather than a name (和个人干扰工程, 该项目的展示展演活动)."""
    return bool(_FRAGMENT.search(name))


#: A count word closing a name: …工程这三项工程, …等五大行动 (a phrase that counts the items before it).
COUNT_WORD = r"(?:这|那|此|上述|以上|等|共)?(?:[一二三四五六七八九十两]{1,2}|\d{1,2})(?:项|大|个|类|批|种)"
_COUNTED_NAME = re.compile(COUNT_WORD + "$")

#: Modifiers that never name a programme, even in a counted list (重大工程, 各项计划, 形象工程).
_EMPTY_STEM = re.compile(f"^(?:{_any_of('empty_stems')})+$")


def is_works_stem(stem: str) -> bool:
    """True for a modifier naming only a part or trade of building works (地基基础, 屋面防水, 其他土建)."""
    return bool(_WORKS_STEM.match(stem))


def is_empty_stem(stem: str) -> bool:
    """True for a modifier that says only how big or which (重大, 各项), never what (惠民 does)."""
    return bool(_EMPTY_STEM.match(stem))


def is_plan_document(name: str) -> bool:
    """True for a government's budget or planning document named like a plan (当地国民经济和社会发展计划)."""
    return bool(_PLAN_DOCUMENT.search(name))


def is_count_phrase(stem: str) -> bool:
    """True when a programme word is counted rather than named (这三项工程, 等五大行动)."""
    return bool(_COUNTED_NAME.search(stem))


def is_generic_stem(stem: str) -> bool:
    """True when a programme phrase's modifier names nothing specific (重大, 工作, 五大, '')."""
    s = _LEADING_NOISE.sub("", stem)
    return len(s) < 2 or bool(_GENERIC_STEM.match(s))


def is_dateish(quoted: str) -> bool:
    """True for quoted plan periods and dates (“十三五”, “2017年”)."""
    return bool(_DATEISH.match(quoted))


#: Quoted names of a policy idea rather than a programme: they end in a process or relation word
#: (“体医融合”, “多规合一”, “文旅一体化”, “一网通办”).
_CONCEPT_END = re.compile(f"(?:{_any_of('concept_ends')})$")


def is_concept(quoted: str) -> bool:
    """True for a quoted policy idea (“体医融合”, “文旅一体化”), which no launching verb makes a programme."""
    return bool(_CONCEPT_END.search(quoted))


def is_plan_term(quoted: str) -> bool:
    """True for a bare five-year-plan term (十四五, 十三五) — quoted or not."""
    return bool(_PLAN_TERM.match(quoted))


def is_other_kind(quoted: str) -> bool:
    """True for quoted names that end like an event, body or doctrine (…成果展, …中心, …责任)."""
    return bool(_OTHER_KIND.search(quoted))


def is_slogan(quoted: str) -> bool:
    """Numbered slogans and doctrines (“两个确立”, “一网通办”, “三网融合”) are not programmes."""
    return bool(re.match(r"[一二三四五六七八九十两百千万]", quoted))


def themed_year_ok(name: str) -> bool:
    """A name ending in 年 is a themed year (电影质量促进年), not a time word (关键之年, 十三五开局年)."""
    if not name.endswith("年") or len(name) < 4 or "的" in name:
        return False
    prev = name[-2]
    return bool(re.match(f"[{CJK}]", prev)) and prev not in _YEAR_TIMEWORD and not re.search(r"\d", name[-4:])


def activity_ok(text_before_head: str) -> bool:
    """活动 is a programme head only after a kind word (推介活动, 阅读系列活动)."""
    return bool(_ACTIVITY_KIND.search(text_before_head))


def bad_follower(after: str) -> bool:
    """True when the text after a programme word turns it into a modifier (试点城市, 计划生育)."""
    return bool(_BAD_FOLLOWER.match(after))


def strip_leading_noise(name: str) -> str:
    """Drop 好/一批/各项 … from the front of a name."""
    return _LEADING_NOISE.sub("", name)


def trigger_at(token: str, before: str) -> bool:
    """Is ``token`` (preceded by ``before``) a launching verb rather than part of a name?"""
    if not TRIGGER.fullmatch(token):
        return False
    return not (token.startswith("组织") and _TRIGGER_SUBJECT.search(before))


# --- canonical keys ---------------------------------------------------------------------------

_KEY_DROP = re.compile(r"[《》〈〉“”\"'‘’「」『』\s·•・，,、．.]")
_KEY_DASH = re.compile(r"[—–―‒－~～]")
_KEY_PILOT = re.compile(r"(?:改革|扩大|深化|综合)+试点$")
_KEY_TAIL = re.compile(r"(?:工作|建设)$")
_KEY_YEAR = re.compile(r"^(?:\d{4}年度?|年度)")
#: Heads that only say what kind of thing a quoted name is (“剑网”专项行动 = “剑网行动” = 剑网).
_KEY_KIND = re.compile(r"(?:系列|推荐|推介|主题)?(?:专项行动|行动|活动)$")


@lru_cache(maxsize=1 << 14)  # a pure function of the label; documents repeat their programmes' names
def project_key(label: str) -> str:
    """The grouping form of a programme name: same programme, same key.

    Quote marks and list punctuation go (中国电影·普天同映 = 中国电影，普天同映), 专项行动 and
    行动 are one head (“剑网”专项行动 = 剑网行动), 与/及 read as 和 and 改革/扩大 before 试点 drop
    (…与…改革扩大试点 = …和…试点), a trailing 工作/建设/活动 after a head goes, and a bare
    kind word (行动, 活动) goes too, so a list item “净网” meets “净网”专项行动; a leading year
    (2031年, 2031年度, 年度) goes, so a year's round meets the programme it belongs to.

    >>> project_key("“剑网”专项行动") == project_key("剑网行动")
    True
    >>> project_key("图书制作与出版分开改革扩大试点") == project_key("图书制作和出版分开试点")
    True
    """
    s = fold(unicodedata.normalize("NFKC", label))
    s = _KEY_DASH.sub("-", _KEY_DROP.sub("", s))
    dated = _KEY_YEAR.sub("", s)
    if len(dated) >= 4:  # 2023年文物安全专项督查 = 文物安全专项督查 (the year's round of one programme)
        s = dated
    for _ in range(2):
        if _KEY_TAIL.search(s) and ENDS_IN_HEAD.search(s[:-2]):
            s = s[:-2]
        if s.endswith("活动") and (ENDS_IN_HEAD.search(s[:-2]) or themed_year_ok(s[:-2])
                                 or s[:-2].endswith(("季", "月", "周"))):
            s = s[:-2]
    s = _KEY_PILOT.sub("试点", s)
    short = _KEY_KIND.sub("", s)
    if len(short) >= 2:
        s = short
    s = s.replace("与", "和").replace("及", "和")
    return s
