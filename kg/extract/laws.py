"""Law mentions: titled legal and policy instruments, in 《》 or named in running text.

Everything is decided from the genre's surface forms, never from a list of titles:

* a title in 《》 (or 〈〉) is classified once per document by its FORM and its CONTEXT
  (:func:`classify_titles`, shared with :mod:`kg.extract.works`): an instrument title ends in an
  instrument word (法, 条例, 规定, 办法, 意见, 通知, 纲要, 规划, 白皮书 …), possibly followed by a
  bracketed note or a year span, or reads 关于…的X; a title nested in 〈〉 inside a Law title and
  the instrument that a notice 印发/转发 are Laws of their own;
* a line that is nothing but an instrument's name is a Law: the document's own title
  (possibly split over two display lines, possibly holding the issued title in 《》, without an
  editor's （节选）) and the title of an attached plan;
* in running text: a plan named for a five-year-plan period (“十三五”规划,
  新闻出版广播影视“十三五”规划, “七五”普法规划), an instrument named right after a verb that
  drafts, revises or applies it (加快编制…规划, 研究修订…办法, 落实…等…考核办法) and the items
  listed after it, 关于…的意见/通知/决定 with its issuer after such a verb, and statutes X法
  (after 依照/根据/违反/遵守…, with the 中华人民共和国 prefix, or shaped like a statute), then
  every repeat of a statute name found so; 关于…的通知 followed by its document number
  (…的通知（某政办〔2031〕3号）) with the instrument it issues; a titled instrument named again
  without its marks, notes or leading place name (实施X三年行动计划 beside 《某市X三年行动计划（…）》);
* the document's own instrument (rule ``law.own-title``): its title line (a Markdown heading, a notice's
  first line) when it names an instrument — by the usual title-line form, or, when the body reads like
  one (第一条, 本条例自…, …解释如下, a document number under the title), by any instrument ending with an
  ordinal or note (刑法修正案（十二）, …的解释（一）); a generic 关于… title is keyed with the issuer
  and year of the header lines (:func:`own_title_key`), and so is such a title named on a dated header
  line after its issuer; X修正案 names X (``law.amended-name``);
* never an instrument: article references (第二十三条第一款规定, 合同法第十条规定), 或者/简称 fragments,
  a name ending in 本/该 (确定本条例), a bare 《决定》 neither declared nor applied;
* short forms carry the full title as their key: those declared with 以下简称/简称, the head
  of the document's own instrument after a verb (制定试点方案), a bare “N五”规划 when the document
  names 国家“N五”规划纲要, and a running-text name made only of the characters of one titled
  instrument (an abbreviation).

Traditional characters are folded to simplified (one code point for one) before matching;
labels keep the characters as printed.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..model import Mention, Parsed
from .base import ExtractContext, make_mention

# ---------------------------------------------------------------------------
# folding traditional → simplified, offsets preserved


@lru_cache(maxsize=1)
def _t2s():
    """OpenCC's traditional→simplified converter (or the identity when OpenCC is missing)."""
    try:
        import opencc

        return opencc.OpenCC("t2s").convert
    except Exception:  # noqa: BLE001 - OpenCC is optional: simplified text needs no folding
        return str


def fold(text: str) -> str:
    """``text`` in simplified characters with the same length (offsets stay valid)."""
    return _fold_short(text) if len(text) <= 64 else _fold(text)


@lru_cache(maxsize=1 << 12)
def _fold_short(text: str) -> str:
    # cached: the labels of titles are folded again and again
    return _fold(text)


def _fold(text: str) -> str:
    conv = _t2s()
    out = conv(text)
    if len(out) == len(text):
        return out
    chars = []
    for ch in text:
        c = conv(ch)
        chars.append(c if len(c) == 1 else ch)
    return "".join(chars)


# ---------------------------------------------------------------------------
# shared vocabulary of the genre

_HAN = "\u4e00-\u9fff"
#: instrument words a title in 《》 may end with (longest first where one ends another).
_TITLE_INSTRUMENTS = (
    "法典", "法", "条例", "规定", "办法", "意见", "通知", "通告", "公告", "纲要", "规划", "计划", "决定", "决议",
    "白皮书", "方案", "细则", "规范", "规则", "规程", "准则", "守则", "标准", "章程", "公约", "制度", "措施",
    "要点", "指南", "指引", "目录", "清单", "批复", "命令", "协定", "议定书", "宪章", "条约", "修正案",
    "通则", "总则", "税则", "大纲", "名录",
)
#: a line standing alone as a title: no 计划 (a named 计划 is usually a Project), no 制度/标准.
_LINE_INSTRUMENTS = (
    "法典", "法", "条例", "规定", "办法", "意见", "通知", "通告", "公告", "纲要", "规划", "决定", "决议",
    "白皮书", "方案", "细则", "规范", "规则", "规程", "准则", "守则", "章程", "要点", "批复",
)
#: instruments named in running text without marks.
_RUN_INSTRUMENTS = ("规划纲要", "纲要", "规划", "条例", "规定", "办法", "细则", "方案", "白皮书", "指导意见",
                    "实施意见", "若干意见")
#: characters before 法 that make an ordinary word, not a statute (方法, 依法, 执法, 立法 …).
_FA_BAD_PREV = "依执立守违非合司普方办做看想说用手算语书兵疗技写章笔刀魔佛王国无设效变枉犯玩打学尊懂讲知新该本此其何解读心戏拼唱大家"
#: characters after 法 that make another word (法律, 法规, 法治, 法院 …); 法规定 stays a statute.
_FA_BAD_NEXT = "律治制院庭官人学理定务宝门则师医警系国兰语式文老子力术相会眼号器场事案纪条网"


def _alt(words) -> str:
    return "|".join(sorted(set(words), key=lambda w: (-len(w), w)))


_NOTE = r"(?:\s*[（(][^（）()\n]{1,24}[）)]|\s*\d{4}\s*[-—–~～至]\s*\d{4}年?)"
_NOTES_TAIL = re.compile(_NOTE + r"+$")
_FA_OK = rf"(?:法典|(?<![{_FA_BAD_PREV}])法)"
_TITLE_END = re.compile(rf"(?:{_FA_OK}|{_alt(w for w in _TITLE_INSTRUMENTS if w not in ('法', '法典'))})$")
_LINE_END = re.compile(rf"(?:{_FA_OK}|{_alt(w for w in _LINE_INSTRUMENTS if w not in ('法', '法典'))})$")
_GUANYU = re.compile(rf"^关于|关于.+的[{_HAN}]{{1,5}}$")


def strip_notes(title: str) -> str:
    """A title without trailing bracketed notes or year spans (（试行）, 2015—2020, （2021—2025年）)."""
    core = _NOTES_TAIL.sub("", title).strip()
    return core or title


def is_instrument_title(title: str) -> bool:
    """Whether a (folded) title has the form of a legal or policy instrument.

    >>> is_instrument_title("法治政府建设实施纲要2015—2020"), is_instrument_title("白鹿原")
    (True, False)
    """
    core = strip_notes(title)
    return bool(_TITLE_END.search(core) or _GUANYU.search(core))


# ---------------------------------------------------------------------------
# titles in 《》 / 〈〉 and their classification

#: a title in 《》 ending in 法 is a statute unless 法 closes a word for a technique or manner
#: (兵法, 书法, 疗法, 手法, 算法 but not 预算法, 用法 but not 适用法 …): 《公司法》, 《反分裂国家法》 are statutes, 《孙子兵法》 is a book.
_STATUTE_TITLE = re.compile(rf"^[{_HAN}]{{2,30}}(?<![方兵书疗技笔刀魔佛心戏唱拼读解语手写做看想说打玩章魔])(?<![^预]算)(?<![^适]用)法$")
_BARE_INSTRUMENTS = frozenset(_TITLE_INSTRUMENTS) | {"实施细则", "实施办法", "实施意见", "指导意见", "暂行规定", "暂行办法"}
_TITLE_RE = re.compile(r"《([^《》\n]{1,150})》")
_ANGLE_RE = re.compile(r"〈([^〈〉《》\n]{1,120})〉")
#: a revision or trial note printed after the closing mark: 《著作权法》（第三次修订）.
_AFTER_NOTE = re.compile(
    r"[（(](?:第[一二三四五六七八九十\d]+次修[订正]|[^（）()\n]{0,8}(?:修订|修正|试行|草案|征求意见稿|送审稿)[^（）()\n]{0,4}"
    r"|\d{4}\s*[-—–~～至]\s*\d{4}年?|\d{4}年(?:修订|修正)?版?)[）)]")
_WORK_NOUNS = ("电视剧", "剧集", "连续剧", "网剧", "网络剧", "微短剧", "短剧", "电影", "网络电影", "影片", "故事片",
               "纪录片", "动画片", "动画电影", "动画", "动漫", "小说", "网络小说", "图书", "书籍", "新书", "专著", "著作",
               "文章", "长文", "歌曲", "节目", "栏目", "综艺", "话剧", "戏剧", "舞剧", "歌剧", "音乐剧", "作品", "诗歌",
               "散文", "漫画", "专辑", "丛书", "画册", "译著", "剧目", "绘本", "读物", "文集", "诗集", "剧本", "大片",
               "新片", "主旋律影片", "系列片", "专题片", "宣传片", "微电影", "一书", "一文")
_WORK_BEFORE = re.compile(rf"(?:{_alt(_WORK_NOUNS)})$")
_WORK_AFTER = re.compile(r"^(?:一书|一文|一剧|一片|一曲|一诗|剧组|主演|上映|热播|首播|开播|刷屏|改编|播出|导演|作者|片中|剧中|书中|"
                         r"文中|出版后|上线|定档|杀青|收视|票房)")
_WORK_CHAIN_AFTER = re.compile(rf"^等?[{_HAN}]{{0,4}}?(?:{_alt(_WORK_NOUNS[:-2] + ('好书', '精品', '力作'))})")
_NEWS_FORM = re.compile(r"(?:日报|晚报|时报|晨报|早报|周报|画报|商报|导报|学报|青年报|杂志|周刊|月刊|半月刊|旬刊|季刊|期刊"
                        r"|(?<![公通简情汇举申预电捷喜警年季快海])报)$")
_NEWS_AFTER = re.compile(r"^(?:记者|报社|杂志社|编辑部|评论员|社论|杂志|特约|头版|客户端|微信公众号|官方微博|官微|刊发|刊登|刊文|报道称|发表评论)")
_CERT_FORM = re.compile(r"(?:证|证书|执照)$")
_DOC_FORM = re.compile(r"(?:报告|汇报|请示|公报|讲话|宣言|声明|倡议书|倡议|致辞|贺信|回信|演讲|蓝皮书)$")
_LAW_VERB_BEFORE = re.compile(r"(?:印发|颁布|出台|贯彻|落实|实施|执行|遵守|违反|依照|依据|修订|修改|废止|施行|对照|制定|起草)$")
_CHAIN_GAP = re.compile(r"^(?:、|和|及|与|以及|或)?$")
_ISSUE = re.compile(r"(?:印发|转发|发布|颁布|公布)(.{2,150}?)的(?:通知|决定|公告|通告|令)(?:[（(][^（）()]{1,24}[）)])?$", re.DOTALL)


@dataclass(frozen=True)
class Title:
    """One title in 《》 (or 〈〉): its span, folded inner text and the class it was given.

    ``kind`` is ``Law``, ``Work``, ``Organization`` (a newspaper or periodical) or ``""``
    (a licence, a report: none of these). ``note_end`` is the end of a revision note printed
    after the closing mark (== ``end`` when there is none); ``nested`` marks a 〈〉 inside a 《》.
    """

    start: int
    end: int
    inner: str
    kind: str
    confidence: float
    note_end: int
    nested: bool = False


def _context_before(folded: str, start: int, width: int = 8) -> str:
    before = folded[max(0, start - width):start]
    m = re.search(rf"[{_HAN}]*$", before)
    return m.group(0) if m else ""


def _spans(folded: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, inner, nested) of every 《》 title and every 〈〉 title (nested or not)."""
    out = [(m.start(), m.end(), m.group(1), False) for m in _TITLE_RE.finditer(folded)]
    outer = [(s, e) for s, e, _, _ in out]
    for m in _ANGLE_RE.finditer(folded):
        inside = any(s < m.start() and m.end() < e for s, e in outer)
        out.append((m.start(), m.end(), m.group(1), inside))
    return sorted(out)


def classify_titles(folded: str, law_aliases: frozenset[str] = frozenset()) -> list[Title]:
    """Every title of a (folded) document with its class, decided once per distinct title.

    Evidence from all occurrences is pooled: a newspaper's form or a following 记者 makes an
    Organization; a work noun right before (电视剧《…》) or a work verb right after (…》热播)
    makes a Work even of an instrument-shaped title; otherwise an instrument's form makes a Law;
    a chain of titles ending in 等重点剧目 makes Works; licences and reports are left out; an
    unmarked title applied like an instrument (贯彻《…》) is a Law; any other title is a Work.
    ``law_aliases`` are short forms declared for a Law (以下简称《方案》): always Laws.
    """
    spans = _spans(folded)
    top = [(s, e, inner) for s, e, inner, nested in spans if not nested]
    note_end: dict[int, int] = {}
    for s, e, _inner in top:
        m = _AFTER_NOTE.match(folded, e)
        note_end[s] = m.end() if m else e
    # chains of adjacent titles share their outer context
    chain_of: dict[int, tuple[int, int]] = {}
    i = 0
    while i < len(top):
        j = i
        while j + 1 < len(top) and _CHAIN_GAP.match(folded[note_end[top[j][0]]:top[j + 1][0]]):
            j += 1
        for k in range(i, j + 1):
            chain_of[top[k][0]] = (top[i][0], note_end[top[j][0]])
        i = j + 1
    evidence: dict[str, set[str]] = {}
    for s, e, inner in top:
        ev = evidence.setdefault(inner, set())
        before = _context_before(folded, s)
        after = folded[note_end[s]:note_end[s] + 8]
        c_start, c_end = chain_of[s]
        if _NEWS_AFTER.match(after):
            ev.add("news")
        if _WORK_BEFORE.search(before) or _WORK_AFTER.match(after):
            ev.add("work")
        if _WORK_BEFORE.search(_context_before(folded, c_start)) or _WORK_CHAIN_AFTER.match(folded[c_end:c_end + 10]):
            ev.add("work-chain")
        if _LAW_VERB_BEFORE.search(before):
            ev.add("applied")
    kinds: dict[str, tuple[str, float]] = {}
    for inner, ev in evidence.items():
        core = strip_notes(inner)
        if inner in law_aliases:
            kinds[inner] = ("Law", 1.0)
        elif _NEWS_FORM.search(core) or "news" in ev:
            kinds[inner] = ("Organization", 0.9)
        elif "work" in ev:
            kinds[inner] = ("Work", 0.9)
        elif core in _BARE_INSTRUMENTS and "applied" not in ev:
            kinds[inner] = ("", 0.0)  # 《决定》第1条: a bare instrument word neither declared nor applied names nothing
        elif is_instrument_title(inner):
            kinds[inner] = ("Law", 1.0)
        elif _STATUTE_TITLE.search(core):
            kinds[inner] = ("Law", 0.9)  # 《公司法》《预算法》: a statute, whatever word its 法 ends
        elif "work-chain" in ev:
            kinds[inner] = ("Work", 0.9)
        elif _CERT_FORM.search(core) or _DOC_FORM.search(core):
            kinds[inner] = ("", 0.0)
        elif "applied" in ev:
            kinds[inner] = ("Law", 0.6)
        else:
            kinds[inner] = ("Work", 0.6)
    titles = [Title(s, e, inner, *kinds[inner], note_end[s]) for s, e, inner in top]
    # a title nested in 〈〉 inside a Law title is a Law when it has an instrument's form
    outer_law = [(t.start, t.end) for t in titles if t.kind == "Law"]
    for s, e, inner, nested in spans:
        if nested and any(a < s and e < b for a, b in outer_law) and is_instrument_title(inner):
            titles.append(Title(s, e, inner, "Law", 1.0, e, nested=True))
    return sorted(titles, key=lambda t: (t.start, t.end))


# ---------------------------------------------------------------------------
# running text: verbs, stop words, five-year-plan periods

#: verbs after which a named instrument follows (drafting, revising, applying, citing).
_TRIGGERS = ("编制", "制定", "制订", "修订", "修改", "起草", "出台", "印发", "发布", "颁布", "公布", "实施", "施行", "落实",
             "贯彻", "执行", "结合", "依照", "依据", "根据", "按照", "遵照", "对照", "遵守", "违反", "废止", "宣传", "学习",
             "审议", "参照", "适用", "完善", "触犯", "援引", "引用")
#: words that cannot start a name in running text (a verb or a function word stands there).
#: function words: a name in running text cannot start with or run across them.
_FUNCTION_WORDS = ("受到", "不受", "属于", "构成", "符合", "我国", "本国", "现行", "虽然", "由于", "因为", "如果", "即使", "认为",
                   "表示", "指出", "通过", "需要", "认真", "深入", "全面", "大力", "积极", "继续", "进一步", "按", "在", "从",
                   "是", "将", "把", "被", "就", "也", "都", "还", "已", "并", "但", "而", "即", "受", "了", "着", "过", "为",
                   "以", "向", "于")
#: verbs that open a phrase (never inside a plan's name).
_PHRASE_VERBS = ("推动", "推进", "围绕", "开展", "做好", "抓好", "加快", "加强", "启动", "部署", "谋划", "衔接", "纳入", "列入",
                 "融入", "对接", "完成", "建立", "健全", "深化", "强化", "提升", "坚持", "优化", "确保")
_STOP_WORDS = _TRIGGERS + _FUNCTION_WORDS + _PHRASE_VERBS
_TRIGGER_RE = re.compile(_alt(_TRIGGERS))
_STRONG_TRIGGER_RE = re.compile(_alt(("编制", "制定", "制订", "修订", "修改", "起草", "出台", "印发", "颁布", "落实", "贯彻",
                                      "依照", "依据", "根据", "按照", "遵照", "遵守", "违反", "废止", "审议", "触犯", "援引")))
_TRIGGER_END = re.compile(f"(?:{_alt(_TRIGGERS)})$")
_STOP_RE = re.compile(_alt(_STOP_WORDS))
_LEADING_VERB = re.compile(f"(?:[和并及与或]?(?:{_alt(_TRIGGERS + _PHRASE_VERBS)})|[了过好])")  # 制定并实施X: X
_FYP = re.compile(r"[“\"「]?十?[一二三四五六七八九]五[”\"」]?")
_FYP_NAME = re.compile(rf"^([{_HAN}]{{0,12}}?)([“\"「]?十?[一二三四五六七八九]五[”\"」]?)([{_HAN}]{{0,16}})$")
_NAME_CHARS = re.compile(rf"[{_HAN}0-9０-９“”\"「」‘’\-—–～]")
_DETERMINERS = re.compile(r"^(?:所列|所附|所称|所述|本|该|此|上述|相关|有关|各|其他|其它|这|那|具体|配套|一系列|若干|新(?![闻华型兴])|现行|原有|以上|下列|前款|上级|同级|"
                          r"本级|各级|某|我|任何|所有|全部|部分|每|其)")
_GENERIC_QUALIFIER = re.compile(r"^(?:工作|实施|具体|管理|试点|改革|发展|建设|总体|专项|整体|行动|年度|中长期|长远|相应|配套|落实|"
                                r"推进|细化|操作|应急|保障|技术|执行|暂行|有关|相关|补充|完善|统筹|规划|详细|初步|整改|专门|专项|统一|必要|内部|"
                                r"自身|单位|部门|行业|地方|日常|长效|考核|评价|监督|制度|办法|政策|措施)+$")
_BAD_INSIDE = re.compile(r"相关|有关|各类|各项|[了着的]")
_COMPOUND_NEXT = re.compile(r"^(?:建设|设计|编制|工作|体系|布局|引领|部门|机构|单位|人员|司局|[局司处科院所部室师区馆图稿])")
_BROAD_END = re.compile(rf"(?:{_alt(_TITLE_INSTRUMENTS)})$")
_LIST_SEP = "、和及与或"
_RUN_SUFFIX = re.compile(_alt(_RUN_INSTRUMENTS))

# statutes
_STATE = "中华人民共和国"
_STATUTE = re.compile(rf"(?:法典|(?<![{_FA_BAD_PREV}])法)(?![{_FA_BAD_NEXT}]|规(?!定)|研究)")
_STATUTE_HEADS = re.compile(r"(?:保护|促进|保障|管理|处罚|安全|竞争|垄断|诉讼|组织|监督|程序|合同|保险|证券|专利|商标|权|预算|审计|统计|"
                            r"教育|劳动|税收|登记|许可|复议|赔偿|防治|征收|采购|投标|广告|价格|标准化|档案|保密|国防|兵役|选举|公益|"
                            r"慈善|继承|婚姻|收养|仲裁|调解|救助|振兴|治理|规划|保全|执行|监察|检察|审判|公证|律师|会计|破产|信托|"
                            r"票据|担保|拍卖|招标|出版|电影|传播|网络|数据|信息|主义|洗钱|间谍|制裁)(?:法|法典)$")
_STATUTE_STOPS = re.compile(_alt(_TRIGGERS + _FUNCTION_WORDS + ("依", "违", "犯", "及", "与", "或", "和", "简称")))


def _mask(folded: str, spans) -> str:
    """The folded text with the given spans blanked (so running-text rules do not look inside them)."""
    chars = list(folded)
    for s, e in spans:
        for i in range(s, e):
            if chars[i] != "\n":
                chars[i] = "□"
    return "".join(chars)


def _segment_start(text: str, end: int, max_len: int) -> tuple[int, bool]:
    """Start of the name-shaped run that ends at ``end``: Han characters, digits and quotes,
    stopping at 的, 、, 等 and punctuation, and at 和/及/与 when a list of instruments is joined.
    The second value tells whether the run was cut at ``max_len`` characters."""
    i = end
    while i > 0 and end - i < max_len:
        c = text[i - 1]
        if c in "的、等" or not _NAME_CHARS.match(c) or (c == "者" and text[i - 2:i] == "或者"):
            return i, False  # 或者 joins alternatives: 刑法或者治安管理处罚法
        if c in _LIST_SEP and (_joins_list(text, i - 1) or c == "或"):
            return i, False
        i -= 1
    return i, i > 0


_ARTICLE_HEAD = re.compile(r"第[零〇一二三四五六七八九十百千\d]+条")
_ARTICLE_TAIL = re.compile(r"(?:第[零〇一二三四五六七八九十百千\d]+[条款项])+$")


def _joins_list(text: str, pos: int, ends: set[int] | None = None, found_only: bool = False) -> bool:
    """Whether ``text[pos]`` (、和及与) joins a list of instruments: what precedes it ends in an
    instrument word, or is a Law found so far (``ends``), possibly followed by 第X条第X款.
    ``found_only``: only a Law found so far (纳入城乡规划和土地利用总体规划 joins two kinds of plan)."""
    before = text[max(0, pos - 16):pos]
    art = _ARTICLE_TAIL.search(before)
    end = pos - (len(art.group(0)) if art else 0)
    if ends is not None and end in ends:
        return True
    return not found_only and bool(_BROAD_END.search(text[max(0, end - 6):end]))


def _last_cut(segment: str, pattern: re.Pattern[str], min_rest: int) -> tuple[int, str]:
    """The rightmost end of a ``pattern`` word in ``segment`` leaving at least ``min_rest`` characters."""
    best, word = 0, ""
    for m in _iter_overlapping(pattern, segment):
        if len(segment) - m.end() >= min_rest and m.end() >= best:
            best, word = m.end(), m.group(0)
    return best, word


def _iter_overlapping(pattern: re.Pattern[str], text: str):
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if m is None:
            return
        yield m
        pos = m.start() + 1


def _plain_len(s: str) -> int:
    return len(re.sub(r"[“”\"「」‘’]", "", s))


def _clause_before(text: str, pos: int) -> str:
    m = re.search(r"[，。；：！？,;:!?\n□]", text[:pos][::-1])
    return text[pos - m.start():pos] if m else text[:pos]


@dataclass
class _Found:
    """A Law span found so far (document offsets), its label and key."""

    start: int
    end: int
    label: str
    rule: str
    key: str = ""
    confidence: float = 1.0


def _running_names(masked: str, laws: list[_Found]) -> list[_Found]:
    """Instruments named in running text: five-year plans, names after a trigger verb, list items."""
    out: list[_Found] = []
    ends = {f.end for f in laws}
    for m in _RUN_SUFFIX.finditer(masked):
        suffix = m.group(0)
        s0 = m.start()
        # 实施纲要, 实施方案 …: 实施 belongs to the name
        if masked[max(0, s0 - 2):s0] == "实施" and suffix in ("纲要", "方案", "意见", "细则", "办法", "条例"):
            s0 -= 2
        left, _ = _segment_start(masked, s0, 40)
        segment = masked[left:s0]
        nxt = masked[m.end():m.end() + 2]
        fyp = _FYP.search(segment) and suffix in ("规划纲要", "纲要", "规划")
        if fyp:
            cut, _ = _last_cut(segment, _STOP_RE, 0)
            qual = segment[cut:]
            fm = _FYP_NAME.match(qual)
            if fm is None or _BAD_INSIDE.search(qual) or _DETERMINERS.match(qual):
                continue
            start = left + cut
            out.append(_Found(start, m.end(), masked[start:m.end()], "law.plan-period"))
            ends.add(m.end())
            continue
        if _COMPOUND_NEXT.match(nxt):
            continue
        # the last drafting or applying verb opens the name (结合实际制定具体…: 制定 leaves nothing);
        # verbs that may sit inside a name (发布, 实施 …) only when there is no such verb
        cut, word = _last_cut(segment, _STRONG_TRIGGER_RE, 0)
        if not word:
            cut, word = _last_cut(segment, _TRIGGER_RE, 4)
        while word:  # 修订完善…, 制定了…, 落实好…: more verbs or a complement, not the name
            lead = _LEADING_VERB.match(segment, cut)
            if lead is None:
                break
            cut = lead.end()
        qual = segment[cut:]
        delim = masked[left - 1] if left > 0 else ""
        if word or (delim == "等" and _TRIGGER_RE.search(_clause_before(masked, left - 1))):
            rule = "law.after-verb"
        elif delim and delim in _LIST_SEP and _joins_list(masked, left - 1, ends, found_only=True):
            rule = "law.list-item"
        else:
            continue
        strong = suffix == "条例" or _ARTICLE_HEAD.match(masked, m.end())
        if (_plain_len(qual) < (4 if strong else 6) or _DETERMINERS.match(qual) or _BAD_INSIDE.search(qual) or qual[-1] in "和及与或并"
                or _ARTICLE_HEAD.search(qual)  # 第二十三条第一款规定, 合同法第十条规定: a provision, not an instrument
                or qual[-1] in "本该此其"  # …确定本条例第三条: the document itself, not a name
                or _GENERIC_QUALIFIER.match(qual) or (suffix == "规定" and _BROAD_END.search(qual)) or _FYP.search(qual)
                or _TRIGGER_END.search(qual)):
            continue
        start = left + cut
        out.append(_Found(start, m.end(), masked[start:m.end()], rule, confidence=0.8))
        ends.add(m.end())
    return out


_GUANYU_RUN = re.compile(rf"关于[^，。；：！？!?,;:\n□《》（）()]{{2,60}}?的(?:{_alt(_TITLE_INSTRUMENTS)})(?!建议|反馈|征集|征求)")
_ISSUER_END = re.compile(rf"^[{_HAN}、 ]{{0,40}}[院厅部委局办府会署室组央行]$")


#: a document number printed after a title named in running text: （浙政办发〔2022〕31号）
_DOC_NUMBER_AFTER = re.compile(r"[（(][^（）()\n]{0,16}[〔\[［(（]\d{4}[〕\]］)）][^（）()\n]{0,6}号[）)]")


def _running_guanyu(masked: str) -> list[_Found]:
    """关于…的意见/通知/决定 named in running text after a drafting or applying verb, or followed by
    its document number, with its issuer (落实国务院办公厅关于…的意见 → 国务院办公厅关于…的意见)."""
    out = []
    for m in _GUANYU_RUN.finditer(masked):
        g = m.start()
        clause = _clause_before(masked, g)
        cut, word = _last_cut(clause, _STRONG_TRIGGER_RE, 0)
        if not word and _DOC_NUMBER_AFTER.match(masked, m.end()):
            cut, word = 0, "numbered"
        if not word:
            continue
        issuer_start = g - len(clause) + cut
        while (lead := _LEADING_VERB.match(masked, issuer_start, g)) is not None:
            issuer_start = lead.end()
        issuer = masked[issuer_start:g]
        if issuer and not _ISSUER_END.match(issuer):
            continue
        out.append(_Found(issuer_start, m.end(), masked[issuer_start:m.end()], "law.guanyu-text", confidence=0.8))
    return out


def _statutes(masked: str, laws: list[_Found]) -> list[_Found]:
    """Statutes X法 in running text, then every repeat of a statute name found."""
    ends = {f.end for f in laws}
    cands = []
    for m in _STATUTE.finditer(masked):
        left, cut_short = _segment_start(masked, m.start(), 24)
        if m.start() - left < 1:
            continue
        cands.append((left, cut_short, m.end()))
    known: set[str] = set()
    for f in laws:
        core = strip_notes(f.label)
        if core.endswith(("法", "法典")):
            known.add(core)
            if core.startswith(_STATE) and len(core) > len(_STATE) + 1:
                known.add(core[len(_STATE):])
    found: dict[tuple[int, int], _Found] = {}
    for left, cut_short, end in cands:
        segment = masked[left:end]
        st = segment.rfind(_STATE)
        if st >= 0 and end - (left + st) > len(_STATE) + 1:
            start, rule = left + st, "law.statute-state"
        else:
            cut, word = _last_cut(segment, _STATUTE_STOPS, 2)
            name = segment[cut:]
            start = left + cut
            delim = masked[left - 1] if left > 0 else ""
            if _DETERMINERS.match(name) or _BAD_INSIDE.search(name) or not re.fullmatch(rf"[{_HAN}]+", name):
                continue
            if word in _TRIGGERS:
                rule = "law.statute-after-verb"
            elif ((cut == 0 and delim and delim in _LIST_SEP and _joins_list(masked, left - 1, ends))
                  or (word and word in _LIST_SEP and _joins_list(masked, start - 1, ends))):
                rule = "law.list-item"
            elif len(name) >= 4 and _STATUTE_HEADS.search(name) and (word or not cut_short):
                rule = "law.statute-shape"
            else:
                continue
        f = _Found(start, end, masked[start:end], rule, confidence=0.9)
        found[(start, end)] = f
        ends.add(end)
        known.add(f.label)
        if f.label.startswith(_STATE):
            known.add(f.label[len(_STATE):])
    # every repeat of a known statute name (longest name that ends the run)
    for left, _, end in cands:
        segment = masked[left:end]
        best = max((k for k in known if segment.endswith(k)), key=len, default="")
        if best and not any(s <= end - len(best) and end <= e for s, e in found):
            found[(end - len(best), end)] = _Found(end - len(best), end, best, "law.statute-repeat", confidence=0.9)
    return sorted(found.values(), key=lambda f: (f.start, f.end))


# ---------------------------------------------------------------------------
# lines that are titles

_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|第[一二三四五六七八九十百\d]+[章节条款编部分])")
_LINE_BAD = re.compile(r"[。，；：？！《》,;:?!]")
_HEADLINE_VERBS = re.compile(r"出台|发布|通过|启动|召开|审议|公布|举行|亮相|上线|推出|发出|下发|明确|要求|强调|指出|表示|聚焦|如何|为何|怎样")
_LINE_START_VERB = re.compile(r"^(?:加强|完善|建立|健全|推进|推动|落实|贯彻|制定|实施|深化|强化|提升|做好|抓好|严格|坚持|规范|优化|加快|促进|"
                              r"全面|深入|扎实|持续|切实|认真|积极|大力|着力|进一步|加大|提高|增强|发挥|做强|做大|做优|支持|鼓励|引导|"
                              r"开展|组织|打造|构建|培育|推广|实行|实现|确保|保障|创新|拓展|丰富|繁荣|建设|健全|探索|统筹|改进|落细)")
_GUANYU_LINE = re.compile(rf"关于.+的(?:{_alt(_TITLE_INSTRUMENTS)})$")
_ATTACHMENT = re.compile(r"附件\s*[0-9０-９一二三四五六七八九十]*\s*[：:]?\s*")


_INNER_TITLE = re.compile(r"《[^《》\n]{2,100}》")


def _title_line(line: str) -> bool:
    """Whether a (folded, stripped) line is nothing but an instrument's name (a notice's title may hold
    the title it issues in 《》: 关于印发《X》的通知)."""
    if "关于" in line:
        line = _INNER_TITLE.sub("题", line)
    if not 4 <= len(line) <= 120 or _LINE_BAD.search(line) or _ENUMERATOR.match(line):
        return False
    core = strip_notes(line)
    if "关于" in core:
        return bool(_GUANYU_LINE.search(core) or _LINE_END.search(core))
    m = _LINE_END.search(core)
    if not m or _LINE_START_VERB.match(core) or " " in core or "\u3000" in core:
        return False
    qual = core[:m.start()]
    return (_plain_len(qual) >= 4 and not _HEADLINE_VERBS.search(qual) and not _GENERIC_QUALIFIER.match(qual)
            and not _DETERMINERS.match(qual))


def _lines(text: str):
    pos = 0
    for raw in text.split("\n"):
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        yield pos + lead, pos + lead + len(body), body
        pos += len(raw) + 1


#: an editor's note after a printed title (（节选）, （摘要）): about the excerpt, not part of the name.
_EDITORIAL_NOTE = re.compile(r"\s*[（(](?:节选|节录|摘要|摘编|摘登|全文|原文|附全文)[）)]\s*$")


def _line_titles(text: str, folded: str) -> list[_Found]:
    out = []
    lines = [(s, e) for s, e, body in _lines(text) if body]
    for idx, (s, e) in enumerate(lines):
        att = _ATTACHMENT.match(folded, s, e)
        if att and att.end() < e:
            s = att.end()  # 附件：X办法 → the title after the attachment mark
        note = _EDITORIAL_NOTE.search(folded, s, e)
        if note and note.start() > s:
            e = note.start()  # X工作要点（节选） → X工作要点
        if _title_line(folded[s:e]):
            out.append(_Found(s, e, text[s:e], "law.title-line"))
        elif idx == 0 and len(lines) > 1:
            # the document's own title split over two display lines
            s2, e2 = lines[1]
            joined = folded[s:e] + folded[s2:e2]
            if ("关于" in joined and len(folded[s2:e2]) <= 40 and _title_line(joined)
                    and not _title_line(folded[s2:e2])):
                out.append(_Found(s, e2, text[s:e] + text[s2:e2], "law.title-line"))
    return out


# ---------------------------------------------------------------------------
# the document's own instrument

#: separates a generic title from its issuer and year in a resolution key (see :func:`own_title_key`).
KEY_QUALIFIER = "@"
#: instrument words a document's own title may end with (its body shows the genre).
_OWN_INSTRUMENTS = _TITLE_INSTRUMENTS + ("解释", "安排", "修正案", "答复", "复函", "基本法")
_OWN_END = re.compile(rf"(?:{_alt(w for w in _OWN_INSTRUMENTS if w != '法')}|[{_HAN}]{{2}}(?<![方做看说想用写手算])法)$")
#: the body of an instrument: numbered articles, or 本法/本条例/本规定… speaking of itself.
_INSTRUMENT_BODY = re.compile(r"^\s*第[一二三四五六七八九十百]+条|本(?:法|条例|规定|办法|细则|决定|解释|规则|准则|安排|修正案|规范|章程|意见|通知)"
                              r"(?:自|从|所称|适用|的规定|第|施行|实施|由)|(?:规定|解释|决定|通知|答复)如下", re.MULTILINE)
_SENTENCE_MARKS = re.compile(r"[。！？；!?;]")
#: a document number on a line of its own under the title (国办函〔2031〕80号): the title is an instrument's.
_NUMBER_LINE = re.compile(r"^\s*[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*第?\s*\d{1,4}\s*号\s*$", re.MULTILINE)
#: a header line naming the organ that adopted or issued the instrument, and when.
_HEADER_ISSUER = re.compile(r"^\s*((?:19|20)\d{2})年\d{1,2}月\d{1,2}日\s*(?:第[一二三四五六七八九十百]+届)?"
                            rf"([{_HAN}、 　]{{2,40}}?)\s*(?:第[\d一二三四五六七八九十百零〇]+次[{_HAN}]{{0,4}}会议|公告|令第|"
                            r"[（(]?[\d一二三四五六七八九十百零〇]+[）)]?号|通过|批准|发布|公布|颁布)")
_ARTICLE_LINE = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+[条章]")


def _own_title_line(text: str, title: str) -> tuple[int, int] | None:
    """(start, end) of the line that is the document's title: the line reading ``title`` among the
    first non-empty lines (a Markdown heading, an HTML page's headline), else the first one."""
    want = "".join(title.split())
    first = None
    for n, (s, e, body) in enumerate(x for x in _lines(text) if x[2]):
        if first is None:
            first = (s, e)
        if want and "".join(body.split()) == want:
            return s, e
        if n >= 5:
            break
    return first


def own_title_key(core: str, header: str) -> str:
    """The resolution key of a document's own instrument: its title, and — when the title does not
    name its issuer (关于修改部分地方性法规的决定) — the issuer and year its header lines give, so
    that the same generic title of two provinces or two years is two instruments.

    >>> own_title_key("关于修改部分地方性法规的决定", "2031年5月1日 某省人民代表大会常务委员会第3次会议通过")
    '关于修改部分地方性法规的决定@某省人民代表大会常务委员会@2031'
    >>> own_title_key("某市文物保护条例", "2031年5月1日 某市人民代表大会常务委员会公告公布")
    '某市文物保护条例'
    """
    if not core.startswith("关于"):
        return core
    for line in header.splitlines():
        m = _HEADER_ISSUER.match(line)
        if m:
            issuer = re.sub(r"\s+", "", m.group(2))
            return KEY_QUALIFIER.join((core, issuer, m.group(1)))
    return core


def is_own_title(line: str, body: str) -> bool:
    """Whether a (folded) title line names the instrument the document is: a title line of the usual
    kind, or — when the body reads like an instrument (第一条, 本条例自…) — any line ending in an
    instrument word, possibly with an ordinal or a note (刑法修正案（十二）, …的解释（一）, 规则)."""
    if _title_line(line):
        return True
    core = strip_notes(line)
    return (4 <= len(core) <= 150 and not _SENTENCE_MARKS.search(line) and bool(_OWN_END.search(core))
            and not _ENUMERATOR.match(core)
            and bool(_INSTRUMENT_BODY.search(body) or _NUMBER_LINE.search(body, 0, 400)))


def _dated_generic_keys(text: str, found: list[_Found]) -> None:
    """A generic title named on a dated header line after its issuer (2031年5月1日 某省人大常委会第3次会议
    《关于修改部分地方性法规的决定》修正) is keyed like that decision's own title: title, issuer, year."""
    for f in found:
        if f.rule not in ("law.title", "law.title-note") or f.key or not f.label.startswith("关于"):
            continue
        line_start = text.rfind("\n", 0, f.start) + 1
        m = _HEADER_ISSUER.match(text[line_start:f.start + 1])
        if m:
            key = own_title_key(strip_notes(f.label), text[line_start:f.start])
            if key != strip_notes(f.label):
                f.key = key


def _own_title(text: str, folded: str, title: str) -> _Found | None:
    """The document's own instrument: its title line when that is an instrument's name."""
    span = _own_title_line(text, title)
    if span is None:
        return None
    s, e = span
    note = _EDITORIAL_NOTE.search(folded, s, e)
    if note and note.start() > s:
        e = note.start()
    if not is_own_title(folded[s:e], folded):
        return None
    label = text[s:e]
    head_end = e
    for _, le, body in _lines(text[e:e + 800]):
        if _ARTICLE_LINE.match(body) or len(body) > 120:
            break
        head_end = e + le
    return _Found(s, e, label, "law.own-title", key=own_title_key(label, text[e:head_end]))


# ---------------------------------------------------------------------------
# short forms

_ALIAS = re.compile(r"(?:[（(]|，|,)\s*(?:(?:以下|下文|下)(?:简称|称)|简称)[为：:]?\s*"
                    rf"(?:([《〈])([^》〉\n]{{1,24}})[》〉]|[“\"「『]([^”\"」』\n]{{1,24}})[”\"」』]|([{_HAN}]{{2,16}}?)(?=[）)，,。；]))")
_NATIONAL_PLAN = re.compile(r"^(?:国家(十?[一二三四五六七八九]五)规划(?:纲要)?|国民经济和社会发展第([一二三四五六七八九十]+)个五年规划纲要)$")
_BARE_PLAN = re.compile(r"^(十?[一二三四五六七八九]五)规划(?:纲要)?$")
_CN_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _fyp_number(s: str) -> int:
    """十三五 → 13, 七五 → 7; 十三 → 13 (the number of a 第十三个五年规划)."""
    s = s[:-1] if s.endswith("五") and len(s) > 1 else s
    if s.startswith("十"):
        return 10 + (_CN_DIGIT.get(s[1:], 0) if len(s) > 1 else 0)
    return _CN_DIGIT.get(s, 0)


def _unquote(s: str) -> str:
    return re.sub(r"[“”\"「」‘’《》〈〉\s]", "", s)


# ---------------------------------------------------------------------------


def extract_laws(parsed: Parsed, ctx: ExtractContext) -> list[Mention]:
    """Law mentions of one document (see the module docstring for the rules)."""
    text = parsed.text
    folded = fold(text)
    titles = classify_titles(folded)
    aliases = _alias_titles(folded, titles)
    if aliases:
        titles = classify_titles(folded, frozenset(aliases))
    found: list[_Found] = []
    for t in titles:
        if t.kind != "Law":
            continue
        label = text[t.start + 1:t.end - 1]
        if t.note_end > t.end:
            found.append(_Found(t.start, t.note_end, label + text[t.end:t.note_end], "law.title-note", key=label))
        else:
            found.append(_Found(t.start, t.end, label, "law.nested-title" if t.nested else "law.title",
                                confidence=t.confidence))
    title_spans = [(t.start, t.end) for t in titles]
    # a title line holding a 《》 title (关于印发《X》的通知) stays; one that is a 《》 title goes
    lines = [f for f in _line_titles(text, folded)
             if not any(s < f.end and f.start < e and not (f.start < s and e < f.end) for s, e in title_spans)]
    own = _own_title(text, folded, parsed.doc.title)
    if own is not None:
        lines = [f for f in lines if (f.start, f.end) != (own.start, own.end)] + [own]
    found.extend(lines)
    bounds = [(t.start + 1, t.end - 1) for t in titles if t.kind == "Law" and not t.nested]
    found.extend(_issued(text, folded, bounds + [(f.start, f.end) for f in lines]))
    masked = _mask(folded, title_spans + [(f.start, f.end) for f in lines])
    found.extend(_running_names(masked, found))
    guanyu = [g for g in _running_guanyu(masked) if not any(f.start <= g.start and g.end <= f.end for f in found)]
    found.extend(guanyu)
    found.extend(i for i in _issued(text, folded, [(g.start, g.end) for g in guanyu])
                 if not any(f.start <= i.start and i.end <= f.end and f.rule != "law.guanyu-text" for f in found))
    found.extend(_statutes(masked, found))
    for f in found:  # labels as printed (running-text rules work on the folded text)
        if f.rule.startswith("law.statute") or f.rule in ("law.plan-period", "law.after-verb", "law.list-item",
                                                          "law.guanyu-text"):
            f.label = text[f.start:f.end]
    _short_forms(text, folded, found)
    found.extend(_own_tail_forms(text, masked, found))
    found.extend(_title_repeats(text, masked, found))
    found.extend(_amended_names(text, folded, found))
    _dated_generic_keys(text, found)
    _national_plan_keys(found)
    _abbreviation_keys(found)
    out: dict[tuple[int, int], Mention] = {}
    statute = sum(1 for _ in itertools.islice(_ARTICLE_LINES.finditer(folded), 3)) >= 3
    for f in sorted(found, key=lambda f: (f.start, f.end)):
        if f.rule not in _TITLED_RULES and f.rule != "law.own-title" and (
                _CLAUSE_START.match(fold(f.label)) or fold(f.label) in _LAW_KINDS or (statute and f.rule in _UNMARKED_RULES
                                                                         and _PLAN_KIND.search(f.label))):
            continue  # a clause (对…, 依照…, 者…, 第N条…), a kind of law, or a kind of plan a statute requires
        if (f.start, f.end) not in out:
            out[(f.start, f.end)] = make_mention(parsed, "Law", f.start, f.end, f.rule, label=f.label, key=f.key,
                                                 confidence=f.confidence)
    return list(out.values())


#: a counted list of instruments closing what a notice issues (…和…两个规定, 三个办法, 有关文件)
_COUNTED_KINDS = re.compile(r"[两二三四五六七八九十几]个(?:规定|办法|意见|方案|文件|规划|条例|细则|制度|通知)$")


def _issued(text: str, folded: str, bounds: list[tuple[int, int]]) -> list[_Found]:
    """The instrument a notice 印发/转发/颁布 (…关于印发X的通知 → X), when X has an instrument's form.

    ``bounds`` are the (start, end) of the names of the Law titles and title lines found.
    """
    out = []
    for inner_start, inner_end in bounds:
        m = _ISSUE.search(folded, inner_start, inner_end)
        if m is None or m.end() != inner_end:
            continue
        s, e = m.span(1)
        x = folded[s:e].replace("\n", "")
        if x[:1] in "〈《" and x[-1:] in "〉》":
            continue  # the nested-title rule has it
        if _COUNTED_KINDS.search(x):
            continue  # 印发A和B两个规定的通知: a count of instruments, each named on its own, is no title
        if is_instrument_title(x) and _plain_len(x) >= 4:
            out.append(_Found(s, e, text[s:e].replace("\n", ""), "law.issued", confidence=0.9))
    return out


_AMENDMENT = re.compile(rf"([{_HAN}]{{1,40}}?(?:法典|法|条例))修正案(?:[（(][^（）()]{{1,6}}[）)])?$")


def _amended_names(text: str, folded: str, found: list[_Found]) -> list[_Found]:
    """The statute an amendment's title names: X修正案（九） names X (the Law it amends)."""
    out = []
    for f in found:
        if f.rule not in ("law.title", "law.title-note", "law.own-title", "law.title-line"):
            continue
        lo = f.start + (1 if folded[f.start:f.start + 1] in "《〈" else 0)
        hi = f.end - 1 if folded[f.end - 1:f.end] in "》〉" else f.end
        m = _AMENDMENT.search(folded, lo, hi)
        if m and m.end() == hi and m.start() == lo:
            s, e = m.span(1)
            out.append(_Found(s, e, text[s:e], "law.amended-name", confidence=0.9))
    return out


def _alias_titles(folded: str, titles: list[Title]) -> dict[str, int]:
    """Short forms declared in 《》 right after a Law title: {short form: offset of the declaration}."""
    out = {}
    for t in titles:
        if t.kind == "Law" and not t.nested:
            m = _ALIAS.match(folded, t.note_end)
            if m and m.group(1):
                out.setdefault(m.group(2), m.start())
    return out


def _short_forms(text: str, folded: str, found: list[_Found]) -> None:
    """Keys for short forms (以下简称《方案》, 简称“…”) and mentions of the quoted or bare ones."""
    extra: list[_Found] = []
    by_end = sorted(found, key=lambda f: f.end)
    for f in by_end:
        m = _ALIAS.match(folded, f.end)
        if not m:
            continue
        full = f.key or strip_notes(f.label)
        if m.group(1):  # 《short》: the title rule found it; give every later one the key
            short = m.group(2)
            for g in found:
                if g.start >= m.start() and g.rule.startswith("law.title") and _unquote(folded[g.start:g.end]) == short:
                    g.key = full
            continue
        short = m.group(3) or m.group(4)
        if not short or short == full:
            continue
        for g in found:  # 《中华人民共和国保险法》（以下简称保险法）: the short form found by another rule
            if g.start >= m.start() and not g.key and _unquote(folded[g.start:g.end]) == short:
                g.key = full
        pat = re.compile(rf"[“\"「]{re.escape(short)}[”\"」]" + (f"|{re.escape(short)}" if len(short) >= 3 else ""))
        for occ in pat.finditer(folded, m.start()):
            s, e = occ.span()
            if any(g.start <= s and e <= g.end for g in found + extra):
                continue
            extra.append(_Found(s, e, text[s:e].strip("“”\"「」"), "law.short-form", key=full, confidence=0.9))
    found.extend(extra)


def _national_plan_keys(found: list[_Found]) -> None:
    """A bare “N五”规划 is the national N-th five-year plan when the document names that plan."""
    national: dict[int, str] = {}
    for f in found:
        m = _NATIONAL_PLAN.match(_unquote(fold(f.label)))
        if m:
            n = _fyp_number(m.group(1)) if m.group(1) else _fyp_number(m.group(2))
            national.setdefault(n, f.label)
    if not national:
        return
    for f in found:
        m = _BARE_PLAN.match(_unquote(fold(f.label)))
        if m and not f.key and _fyp_number(m.group(1)) in national:
            f.key = national[_fyp_number(m.group(1))]


#: how a clause starts and a running-text name never does (the last net under the rules above).
_CLAUSE_START = re.compile(r"^(?:对|按照|依照|根据|依据|具有|由|当(?!代)|前|后|维护|忠于|应当|有(?!关|色)|者|并|和(?!平|谐)|及|与|或|所(?!得)|下简称|简称|以下|前款|本款|本条|第[一二三四五六七八九十百千\d]+条)")
#: kinds of law, not instruments: 依照诉讼法有关规定, 违反国际法, 不符合上位法规定.
_LAW_KINDS = frozenset({"上位法", "下位法", "习惯法", "国际法", "国内法", "衡平法", "普通法", "诉讼法", "实体法", "程序法",
                        "成文法", "部门法", "特别法", "一般法", "新法", "旧法", "母法", "子法", "根本法", "大陆法", "判例法"})
#: unmarked plan names in running text: in a statute (numbered articles) these name kinds of plan the
#: statute requires (应当编制X规划), not instruments; a statute cites its instruments in 《》.
_UNMARKED_RULES = ("law.after-verb", "law.list-item")
_PLAN_KIND = re.compile(r"(?:规划|方案|纲要|计划|预案)$")
_ARTICLE_LINES = re.compile(r"^\s*第[一二三四五六七八九十百零〇]+条", re.MULTILINE)
_TITLED_RULES = ("law.title", "law.title-note", "law.nested-title", "law.title-line", "law.issued")


def _abbreviation_keys(found: list[_Found]) -> None:
    """A name in running text that uses only characters of one titled instrument of the same kind
    (文化改革发展规划纲要 for 《国家“十三五”时期文化发展改革规划纲要》) is that instrument."""
    titled: dict[str, str] = {}
    for f in found:
        if f.rule in _TITLED_RULES:
            core = _unquote(fold(strip_notes(f.label)))
            titled.setdefault(core, f.key or strip_notes(f.label))
    for f in found:
        if f.key or f.rule not in ("law.after-verb", "law.list-item"):
            continue
        name = _unquote(fold(f.label))
        end = _BROAD_END.search(name)
        if end is None or len(name) < 6 or name in titled:
            continue
        chars = Counter(name)
        hits = {key for core, key in titled.items()
                if core.endswith(end.group(0)) and len(core) > len(name) and not chars - Counter(core)}
        if len(hits) == 1:
            f.key = hits.pop()


_PLACE_HEAD = re.compile(rf"^(?:[{_HAN}]{{1,8}}?(?:省|市|县|区|自治区|自治州|州|盟|旗)|全国|全省|全市|全县|全区)(?=[{_HAN}])")
_REPEAT_BEFORE = re.compile(rf"(?:{_alt(_TRIGGERS + _PHRASE_VERBS)}|[的和及与、]|^)$")


def _title_repeats(text: str, masked: str, found: list[_Found]) -> list[_Found]:
    """A titled instrument named again in running text without its marks, notes or leading place
    name: 实施X三年行动计划 beside 《某市X三年行动计划（2022—2024年）》 or …关于印发X三年行动计划的通知
    is that instrument (not a programme of the same name). Only names of six characters or more,
    standing after a verb, a list separator or a clause start."""
    cores: dict[str, str] = {}
    for f in found:
        if f.rule in _TITLED_RULES:
            core = strip_notes(f.label.replace("\n", ""))
            if "关于" in core:
                continue
            for name in (core, _PLACE_HEAD.sub("", core)):  # 山城市X三年行动计划 is also called X三年行动计划
                if _plain_len(name) >= 6:
                    cores.setdefault(fold(name), f.key or core)
    out: list[_Found] = []
    for core, key in sorted(cores.items(), key=lambda kv: (-len(kv[0]), kv[0])):
        for occ in re.finditer(re.escape(core), masked):
            s, e = occ.span()
            if any(f.start < e and s < f.end for f in found + out):
                continue
            after = masked[e:e + 1] or "。"
            if not _REPEAT_BEFORE.search(_clause_before(masked, s)[-4:]) or (
                    _NAME_CHARS.match(after) and after not in "的和及与等"):
                continue  # inside a longer name
            out.append(_Found(s, e, text[s:e], "law.title-repeat", key=key, confidence=0.85))
    return out


def _own_tail_forms(text: str, masked: str, found: list[_Found]) -> list[_Found]:
    """The document's own instrument (its title line, or what its notice issues) called by its head
    right after a verb: 制定试点方案 for …使用试点方案. Only a head that one such instrument has."""
    heads: dict[str, set[str]] = {}
    for f in found:
        if f.rule not in ("law.title-line", "law.issued"):
            continue
        core = _unquote(fold(strip_notes(f.label)))
        end = _BROAD_END.search(core)
        if end is None or end.start() < 4 or core[end.start() - 1] == "的":
            continue
        heads.setdefault(core[end.start() - 2:], set()).add(f.key or strip_notes(f.label).replace("\n", ""))
    out = []
    for head, keys in sorted(heads.items()):
        if len(keys) != 1:
            continue
        key = next(iter(keys))
        for occ in re.finditer(re.escape(head), masked):
            s, e = occ.span()
            if _TRIGGER_END.search(masked[max(0, s - 4):s]) and not any(f.start < e and s < f.end for f in found):
                out.append(_Found(s, e, text[s:e], "law.short-form", key=key, confidence=0.7))
    return out
