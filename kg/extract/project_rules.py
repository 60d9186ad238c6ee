"""Vocabulary and small pure helpers of the Project extractor.

Everything here describes the genre (how Chinese government work reports,
plans and notices name their programmes), never the names of a particular
document: the words that end a programme name (…工程, …计划, …专项行动,
…试点, …评选 …), the verbs that launch one (实施, 开展, 推进 …), the phrases
that name nothing specific (重大工程, 工作计划, 经营活动 …), and the
normalisation that lets repeated mentions (“剑网”专项行动 / 剑网行动,
…和…试点 / …与…改革扩大试点) share one key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

CJK = "\u4e00-\u9fff"

# --- programme words ------------------------------------------------------------------------

#: Words that end the name of a programme when the name is written without quotes.
#: Longest first so that 工程试点 / 专项行动 win over 工程 / 行动.
_UNQUOTED_HEADS: tuple[str, ...] = (
    "工程试点", "专项行动", "集中行动", "行动计划", "专项整治", "集中整治", "专项治理", "大检查", "专项督查", "专项检查",
    "扶持项目", "资助项目", "示范项目", "户户通", "村村通", "阅读季", "读书月", "宣传月", "宣传周",
    "工程", "计划", "行动", "活动", "试点", "评选",
)
#: After a quoted name a few more heads are names too (“质量管理2017”专项工作, “X”媒体年).
_QUOTED_EXTRA_HEADS: tuple[str, ...] = ("专项工作", "推介", "展映", "项目", "年") + ("改革", "学习教育", "主题教育", "专题教育")
#: Heads that make a quoted coinage a programme only right after its closing quote: a named reform
#: (“放管服”改革, “多证合一”改革) or a party education campaign (“三严三实”专题教育).
TIGHT_HEADS = frozenset({"改革", "学习教育", "主题教育", "专题教育"})


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(sorted(set(words), key=lambda w: (-len(w), w)))


#: One programme word or a chain of them (专项整治行动, 工程试点, 行动计划).
HEAD = re.compile(f"(?:{_alternation(_UNQUOTED_HEADS)})+")
QUOTED_HEAD = f"(?:{_alternation(_UNQUOTED_HEADS + _QUOTED_EXTRA_HEADS)})"

#: A name that ends in a programme word (used on quoted names and on previous list items).
ENDS_IN_HEAD = re.compile(f"(?:{_alternation(_UNQUOTED_HEADS)})$")

#: 活动 names a programme only after a word saying what kind of activity it is
#: (推介活动, 阅读系列活动, 展示交流活动); 经营活动, 上网活动, 违法活动 name nothing.
_ACTIVITY_KIND = re.compile(
    r"(推介|推荐|评选|评比|展示|交流|展映|放映|展演|汇演|巡展|阅读|读书|系列|主题|竞赛|大赛|征文|创建|示范|"
    r"志愿服务|宣传月|宣传周|进基层|下基层|惠民|公益|年|季|月|周|日)$"
)

#: What may follow a programme word in running text; these nouns make it a modifier instead
#: (试点城市, 试点方案, 计划生育, 工程师, 工程项目库 …).
_BAD_FOLLOWER = re.compile(
    r"^(?:城市|地区|省份|县|区|市|品种|方案|单位|企业|学校|医院|机构|范围|经验|小组|工作小组|领导小组|办公室|"
    r"资金|经费|项目|库|中心|基地|名单|规划|办法|意见|通知|任务|目标|师|院|队|书|表|生育|经济|单列|"
    r"管理办法|实施方案|期间|周期|之|化|制度|机制|政策|措施|模式|园区|示范区|先行区|样板|"
    # 工程 as construction works and 计划 as a plan document in statutes: 工程设施, 工程竣工, 计划草案, 计划免疫
    r"管理单位|设施|安全|竣工|施工|材料|审批|建设项目|质量|设计|监理|勘察|造价|养护|维修|清淤|草案|免疫|示范|"
    r"实施评价|支持方向|解读)"
)

# --- left boundaries ------------------------------------------------------------------------

#: Adverbs and auxiliaries that may be glued to a launching verb in one token (深入开展, 组织实施).
TRIGGER_PREFIX = (r"(?:继续|深入|全面|大力|积极|稳步|稳妥|认真|着力|切实|扎实|组织|协调|加快|重点|统筹|逐步|全力|"
                  r"精心|进一步|努力|联合|共同|启动|集中|广泛|持续)*")

#: Verbs that launch or carry out a programme; the name starts right after the nearest one.
TRIGGER = re.compile(
    TRIGGER_PREFIX +
    r"(?:实施|开展|推进|推动|启动|落实|抓好|做好|办好|搞好|狠抓|构建|打造|培育|聚焦|发起|举办|承办|实行|"
    r"推行|参与|参加|深化|巩固|设立|部署|实现|加强|支持|争取|申报|入选|列入|纳入|进行|包括|组织|确定)"
    r"好?"
)

#: A trigger read as part of the name when this comes right before it (国家组织…采购试点).
_TRIGGER_SUBJECT = re.compile(r"(?:国家|中央|政府|统一|联合|省级|集中)$")

#: Tokens after which no programme name can continue leftwards (prepositions, 的, pronouns).
STOP_TOKENS = frozenset({
    "的", "对", "在", "把", "将", "以", "向", "由", "从", "给", "让", "使", "就", "为", "被", "于", "按照",
    "围绕", "通过", "结合", "根据", "关于", "其", "这", "该", "此", "各", "是", "有", "要", "可", "应",
    "并", "同时", "等", "之", "即",
    # verbs after which a programme word is a document drawn up or works built, never a programme carried out
    "制定", "拟订", "拟定", "编制", "修订", "采取", "兴建", "修建", "新建", "改建", "扩建", "危及", "干扰", "影响", "破坏",
})

#: Conjunctions that separate two parallel programmes (…试点工作和…试点) — only when the text
#: before them ends with a programme word; elsewhere 和 is part of a name (图书制作和出版分开试点).
CONJ_TOKENS = frozenset({"和", "及", "与", "以及", "并", "或"})

#: Leading tokens dropped from a name (实施好…, 确定一批…).
_LEADING_NOISE = re.compile(
    r"^(?:好|了|着|起|一批|一个|一项|若干|新一轮|新一批|各项|各类|有关|相关|第[一二三四五六七八九十\d]+(?:批|轮|期|届|次))+"
)

# --- generic phrases -------------------------------------------------------------------------

#: Modifiers that alone make a programme phrase generic (重大工程, 工作计划, 惠民工程, 专项行动).
_GENERIC_WORDS = (
    "重大", "重点", "各项", "相关", "有关", "惠民", "民心", "民生", "系统", "形象", "面子", "精品", "基础",
    "专项", "这项", "此项", "本项", "该", "本", "此次", "本次", "一系列", "系列", "主题", "宣传", "联合",
    "统一", "集中", "实际", "具体", "共同", "年度", "工作", "实施", "发展", "改革", "综合", "扩大", "深化",
    "试点", "示范", "各类", "各种", "各地", "一批", "新", "大型", "国家", "中央", "地方", "全国", "省级",
    "采购", "生产", "培训", "投资", "预算", "招生", "经营", "上网", "违法", "非法", "犯罪", "执法",
    "整治", "治理", "检查", "督查", "推进", "行动", "建设", "管理", "服务", "保障", "创新", "提升",
    "大", "小", "多", "好", "新的", "有效", "积极", "必要", "行业", "领域", "地区", "区域", "部门", "单位",
    "优秀", "作品", "典型", "案例", "先进", "常态化", "长效", "经常性", "日常", "全面", "深入", "全省", "全市",
    "全县", "全区", "各级", "本地", "本地区", "本系统", "本行业", "其他", "其它", "上述", "前述", "下列",
    "各个", "每个", "每项", "所有", "全部", "若干", "一些", "这些", "那些",
    # broad fields and the kinds of activity themselves (学术交流活动, 群众性文化活动 name nothing)
    "学术", "文化", "文艺", "体育", "群众性", "群众", "公益", "志愿", "社会", "教育", "交流", "合作", "展示",
    "推介", "推荐", "评选", "评比", "展演", "竞赛", "创建", "宣传教育", "学习", "学习教育", "培育",
    "特殊", "改造", "正在",
)
#: The parts and trades of building works: 地基基础工程, 屋面防水工程, 其他土建工程 name works, not programmes.
_WORKS_WORDS = ("地基", "基础", "主体", "结构", "屋面", "防水", "土建", "装饰", "装修", "安装", "电气", "管线", "给排水",
                "暖通", "消防", "市政", "接入", "封场", "绿化", "附属", "防洪", "排涝", "堤防", "疏浚", "清淤", "管网")
_WORKS_STEM = re.compile(f"^(?:其他|其它|特殊|有关|相关)?(?:{_alternation(_WORKS_WORDS)})+$")
_GENERIC_STEM = re.compile(
    f"^(?:{_alternation(_GENERIC_WORDS + _WORKS_WORDS)}|第?[一二三四五六七八九十百两几数\\d]+(?:大|项|个|类|批|种|轮|期|年)?)*$"
)

#: Quoted phrases that are dates or plan periods, not programmes (“十三五”, “七五”, “2017年”, “2016-2020”);
#: a number that is not a year opens a name (“15分钟品质文化生活圈”, “100个乡村舞台”).
_DATEISH = re.compile(r"^(?:[一二三四五六七八九十]{1,3}五(?:时期|期间)?|\d{4}(?:年|—|–|-|～|~|至)?.*|\d{2,3}年.*"
                      r"|[一二三四五六七八九十〇零]{2,4}年)$")
#: A five-year-plan term (“十四五”), which may open a programme's name: “十四五”文物保护利用重点工程.
_PLAN_TERM = re.compile(r"^十?[一二三四五六七八九]五$")

#: Quoted names of other kinds (events, bodies, doctrines) that the trigger rule must not take.
_OTHER_KIND = re.compile(
    r"(?:会|大会|论坛|峰会|博览会|展览|展|节|中心|协会|学会|联盟|基金|基金会|研究院|集团|公司|报|电视台|电台|网|平台|号|"
    r"体系|制度|机制|责任|责任制|理念|布局|意识|精神|思想|方针|原则|要求|目标|战略|名单|清单|标准|指数)$"
)

#: What makes …年 a time word rather than a themed year (之年, 一年, 周年, 学年, 青年 …).
_YEAR_TIMEWORD = frozenset("之一两半今明去前后多周学全当上下每近往同成青少老新百千万十几数整本该历逐翌隔末初长童晚早中元")


#: Plans that are budget or planning documents of a government, not programmes
#: (国民经济和社会发展计划, 基本建设投资计划, 年度招生计划).
_PLAN_DOCUMENT = re.compile(r"(?:国民经济和社会发展|社会发展|经济发展|投资|基本建设|财政|预算|收支|采购|用地|招生|"
                            r"生产|工作|年度|立法|土地利用|参观|重整|清算|还款|整改)计划$")
#: Clause fragments caught before a programme word: a party (单位和个人), a conjunction first, a 的 phrase.
_FRAGMENT = re.compile(r"^(?:和|或|及|与|以及)|个人|单位和|组织和|(?<!党)的")


def is_fragment(name: str) -> bool:
    """True for a clause fragment rather than a name (和个人干扰工程, 该项目的展示展演活动)."""
    return bool(_FRAGMENT.search(name))
#: A count word closing a name: …工程这三项工程, …等五大行动 (a phrase that counts the items before it).
COUNT_WORD = r"(?:这|那|此|上述|以上|等|共)?(?:[一二三四五六七八九十两]{1,2}|\d{1,2})(?:项|大|个|类|批|种)"
_COUNTED_NAME = re.compile(COUNT_WORD + "$")


#: Modifiers that never name a programme, even in a counted list (重大工程, 各项计划, 形象工程).
_EMPTY_STEM = re.compile(r"^(?:重大|重点|重要|各项|各类|各种|相关|有关|系统|形象|面子|专项|这项|此项|本项|该|本|一批|若干|"
                         r"其他|其它|上述|前述|下列|大型|新)+$")


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
_CONCEPT_END = re.compile(r"(?:融合|一体化|联动|协同|共享|互通|互认|结合|衔接|合一|通办|改革|创新|转型|升级|治理|发展|提升|提质)$")


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


# --- traditional characters -------------------------------------------------------------------

@lru_cache(maxsize=1)
def _t2s():
    """OpenCC traditional→simplified converter (created once, on first use)."""
    import opencc

    return opencc.OpenCC("t2s").convert


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    if ord(ch) < 0x3400:
        return ch
    out = _t2s()(ch)
    return out if len(out) == 1 else ch


#: a cache of :func:`_fold_char` for :func:`fold`: the characters met so far, those among them that fold
#: to another character, and what they fold to (ord → character), so that ``str.translate`` does the work
_FOLD_SEEN: set[str] = set()
_FOLDING: set[str] = set()
_FOLD_TABLE: dict[int, str] = {}


def fold(text: str) -> str:
    """Traditional → simplified, character by character (same length, so offsets still hold)."""
    chars = set(text)
    new = chars.difference(_FOLD_SEEN)
    for c in new:  # each character is looked up once per process: most documents bring none
        if ord(c) >= 0x3400 and _fold_char(c) != c:
            _FOLD_TABLE[ord(c)] = _fold_char(c)
            _FOLDING.add(c)
    _FOLD_SEEN.update(new)  # after the table: a character seen is a character in the table when it folds
    return text if chars.isdisjoint(_FOLDING) else text.translate(_FOLD_TABLE)


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
