"""Bureau mentions: organs of the state and the party and their internal departments.

Four passes, each a rule named in ``Mention.rule``:

1. ``bureau.gazetteer`` — names and aliases of the gazetteer and the short names of departments
   (宣传司, 规划财务司), longest match first, in one regex alternation over the text (traditional
   characters folded to simplified first); a bare department name goes to the organ named last before it;
2. ``bureau.prefixed`` / ``bureau.department`` — generic names: a head (部, 委, 局, 司, 厅, 署,
   办公厅, 办公室, 领导小组, 委员会, 人民政府 …) whose left boundary comes from the jieba tokens:
   the walk left stops at verbs, particles and punctuation, and a name with a level prefix
   (国家, 全国, 中共, 省, 江西省, 市委 …) starts at its farthest prefix; ``bureau.statute`` —
   generic organs of statutes (县级以上人民政府文化行政部门, 公安机关); ``bureau.government``;
   ``bureau.coordinated`` — items listed with 、 beside a bureau; local organs by rule and by the standard
   names of local departments (省经信厅 → 湖北省经济和信息化厅, 省委网信办 is no national office, 县委督查室),
   and nothing particular in a distributive addressee (各市、州经信局、发展改革委);
3. ``bureau.short`` / ``bureau.self`` — short forms (总局, 部, 党组) and self references (我局)
   keyed to the organ established earlier in the document; ``bureau.party-group`` (X党组),
   ``bureau.office`` (X办公室 after a bureau); ``bureau.alias`` — （以下简称X） definitions;
4. nested parents: a bureau name that begins with an organ (or a named place's party committee) keeps
   that organ as its own mention; a bare 司 the gazetteer does not know belongs to the national organ
   that opens the document (教育部…基础教育司), also when a one-line text glues a heading to it.

The jieba tokens and the folded text are shared with the Organization extractor (:func:`indexed`).

Generic references (有关部门, 各司局, 相关部门) and words that merely end in a head character
(布局, 格局, 大局, 部署, 公司) are rejected.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate, chain, repeat
from operator import sub

from ..ids import normalize_key
from ..model import Mention, Parsed, Token, Tokens, offsets
from .base import ExtractContext, derived, make_mention
from .generic_organs import generic_organs


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# ---------------------------------------------------------------------------------------------
# vocabulary of the genre (function words and generic words, never names of specific things)

_CJK = re.compile(r"[\u4e00-\u9fff]")
_NAME_CHARS = re.compile(r"^[\u4e00-\u9fff“”\"]+$")

#: tokens that end a name on its left: verbs, prepositions, conjunctions, particles, adverbs
STOP_WORDS: frozenset[str] = _words("""
由 在 向 对 经 请 及 以及 或 或者 并 并且 等 的 地 得 了 是 将 要 把 被 从 为 以 于 也 都 又 就 还 即 但 而 且
如 若 按 按照 根据 依照 依据 依法 会同 配合 联合启动 牵头 负责 推进 推动 落实 贯彻 贯彻落实 实施 加强 结合
指导 确保 完善 支持 鼓励 引导 组成 成立 设立 设在 报送 提交 举报 通报 报告 发布 印发 同意 审议 要求 召开
组建 建立 健全 开展 做好 抓好 督促 及其 和其 或其 参加 参与 邀请 特邀 委托 授权 批准 备案 办理 申请
承担 部署 发挥 提升 促进 加快 深化 强化 统筹 研究 制定 出台 修订 起草 履行 争取 协助 助推 依托 通过 经过
接受 服从 听取 征求 会商 报 送 交 由于 关于 通知 决定 意见 其 该 本 各 各级 各地 有关 相关 其他 其它 所属
直属 下属 上级 同级 本级 原 现 我们 我 你们 他们 此 这 那 这些 共同 分别 主要 重点 具体 一是 二是 三是
四是 五是 第一 第二 第三 第四 今年 明年 去年 年 月 日 后 前 时 内 外 上 下 至 与 和 同 跟 向着 针对
符合 包括 以下 简称 称 下称 即 归口 带领 围绕 紧紧围绕 按 照 给 让 使
据 记者 报道 表示 认为 指出 介绍 称 说 采访 日前 近日 今日 昨日 此前 目前 已经 已 曾 正 正在 均 仍 再
提出 明确 规定 强调 启动 联合启动 印发 颁布 公布 发出 下发 转发 批转 责成 委派 选派 派出 汇总 公开
继续 进一步 全面 大力 积极 认真 切实 探索 推广 实行 采取 不断 努力 着力 充分 深入 扎实 稳步 加大 加紧 尽快 及时 适时
兼任 担任 兼 任 出任 共建 合建 筹建 新建 创建 建成
""")

#: generic determiners: a head preceded by one of these names no particular organ (各司局, 有关部门)
_DETERMINERS: frozenset[str] = _words(
    "各 各级 各地 有关 相关 其他 其它 所属 该 本 这些 此类 一些 部分 多个 各类 各个 全部 所有 上述 下列 其 这 那")
#: conjunctions that may sit inside a prefixed name (工业和信息化部, 文化和旅游厅)
_INNER_CONJ: frozenset[str] = _words("和 与 及")
#: national and party prefixes of organ names
_PREFIX_WORDS: frozenset[str] = _words(
    "国家 全国 中央 中共中央 中共 中华人民共和国 中国 国务院 省 市 县 区 州 乡 镇 省委 市委 县委 区委 州委 "
    "自治区 直辖市 省级 市级 县级 省政府 市政府 县政府 区政府 新疆生产建设兵团 兵团")
#: words that end in 省/市/县/区 … but name no place
_NOT_PLACES: frozenset[str] = _words(
    "城市 超市 上市 都市 股市 楼市 车市 夜市 集市 门市 地区 社区 小区 辖区 城区 市区 郊区 山区 灾区 景区 园区 片区 "
    "自治州 自治县 设区市 地级市 县级市 计划单列市 副省级市 新区 "
    "街区 校区 学区 林区 牧区 矿区 老区 特区 误区 盲区 禁区 专区 分区 全省 全市 全县 全区 本省 本市 本县 本区 外省 "
    "各省 各市 各县 各区 该省 该市 该县 反省 节省 每省 试验区 示范区 先行区 功能区 保护区 开发区 自贸区 经济区 "
    "一州 九州 神州")
_PLACE_END = ("省", "市", "县", "区", "州", "盟", "旗")
#: provinces and province-level cities and regions by their short geographic names (湖南, 北京, 内蒙古)
PROVINCES: frozenset[str] = _words(
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 "
    "云南 陕西 甘肃 青海 内蒙古 广西 西藏 宁夏 新疆")
#: one-character prepositions and verbs that jieba may glue to a following 省/市/县
_FUNCTION_CHARS = "经由向对在请报按据将把被从为与和及送交至于"
#: two-character words that begin with a level character and are words of their own (市场, 区域, 省级)
_LEVEL_WORDS_2 = _words("市场 市民 市区 市县 市级 市政 市面 市值 市容 市长 市委 市府 市属 市直 市域 市内 市外 市辖 市中 "
                        "县城 县级 县区 县长 县域 县委 县府 县属 县直 县内 县市 县乡 县镇 "
                        "区域 区别 区分 区间 区划 区县 区级 区长 区块 区委 区属 区直 区内 区外 区位 区镇 "
                        "省份 省级 省略 省钱 省长 省心 省市 省区 省委 省府 省属 省直 省内 省外 省会 省得 省去 省部 省力 "
                        "州长 州委 州府 州级 州属 州直 州市 州县")
#: regions whose bodies are not organs of the mainland state (their 局/署 are Organization)
_OUTSIDE = ("香港", "澳门", "台湾", "澳門", "臺灣")

#: heads of bureau names, longest first
_HEADS = ("领导小组办公室", "工作小组办公室", "委员会办公室", "领导小组", "工作小组", "委员会", "办公厅", "办公室",
          "人民政府", "政府", "总局", "总署", "部", "委", "局", "司", "厅", "署")
_HEAD_RE = re.compile("|".join(map(re.escape, _HEADS)))
#: heads that may stand without a level prefix (电影局, 规划发展司, 联合采购办公室)
_BARE_HEADS = frozenset({"局", "司", "办公室", "领导小组", "工作小组", "领导小组办公室", "工作小组办公室", "委员会办公室"})
#: heads of department names that stand bare inside an organ's document (宣传司, 电影局, 办公厅)
_BARE_DEPARTMENT_HEADS = ("司", "局", "办公厅", "办公室")
#: what may follow a head character when it starts another word (局面, 部署, 司法, 委托 …)
_CONTINUATIONS: dict[str, str] = {
    "局": "面限势域部长内外", "司": "法机令马空仪长", "部": "门署分位件队落长下属内外类", "委": "托屈婉派员",
    "厅": "堂长", "署": "名理长", "委员会": "委员", "政府": "部采购投性间工主", "人民政府": "部采购投", "总局": "长",
}
#: 2-character words ending in a head that are never names by themselves
_WORD_ENDINGS = _words("布局 格局 结局 大局 全局 当局 时局 邮局 棋局 出局 开局 赌局 饭局 骗局 残局 终局 变局 新局 胜局 败局 "
    "公司 上司 有司 各司 签署 部署 公署 官署 连署 干部 全部 内部 外部 局部 大部 各部 本部 总部 支部 分部 东部 西部 "
    "南部 北部 中部 腹部 头部 底部 顶部 面部 胸部 背部 俱乐部 编辑部 司令部 指挥部 门市部 营业部 服务部 "
    "部委 司局 党委 纪委 常委 评委 编委 村委 居委 各委 主委 政委 市委 省委 县委 区委 州委 "
    "大厅 客厅 餐厅 展厅 前厅 门厅 舞厅 歌厅 球厅 营业厅 会议厅 各厅 本厅 本局 各局 该局 我局 "
    "本署 我署 该署 各署 本委 我委 我部 该部")
#: two characters ending in a head that never end a bureau name, wherever the tokens fall
_NEVER_ENDINGS = _words("公司 上司 有司 布局 格局 结局 大局 全局 当局 时局 邮局 棋局 出局 开局 骗局 签署 部署 干部 全部 内部 "
                        "外部 局部 俱乐部 编辑部 司令部")
#: words before a department that name its own organ (部办公厅, 我局办公室, 总局电影局)
_OWNER_WORDS = _words("部 委 局 署 厅 我部 本部 我委 本委 我局 本局 我署 本署 我厅 本厅 总局 总署")
#: self references resolved to the organ of the document (我局 → the 局 established before)
_SELF = re.compile(r"(?:我|本|该)(局|部|委|厅|署|办)")

#: sectors of administration that name the domain of a generic statute organ (文化行政部门)
SECTORS: frozenset[str] = _words("""
文化 旅游 文化和旅游 教育 公安 财政 税务 价格 卫生 健康 卫生健康 计划生育 民政 司法 商务 交通 交通运输 环境 环境保护 生态
生态环境 自然资源 国土 国土资源 住房 城乡建设 建设 规划 城乡规划 农业 农村 农业农村 林业 草原 水利 水行政 审计 统计
广播 电视 广播电视 广播影视 新闻 出版 新闻出版 电影 版权 著作权 体育 文物 市场 市场监督 市场监管 工商 工商行政 质量
质量监督 质量技术 标准化 药品 食品 食品药品 医疗 医疗保障 医保 网信 互联网信息 电信 通信 信息产业 工业 信息化
工业和信息化 海关 外汇 金融 证券 保险 银行 人力资源 社会保障 劳动 劳动保障 人事 退役军人 应急 应急管理 消防 安全生产
宗教 民族 侨务 外事 档案 保密 粮食 能源 邮政 铁路 民航 海事 知识产权 科技 科学技术 发展改革 发展和改革 物价 旅游
国有资产 外国专家 机构编制 编制 城市管理 城管 烟草 盐业 气象 地震 测绘 地质 矿产 水土保持 渔业 畜牧 兽医 植物检疫
出入境 公共安全 国家安全 检验检疫 进出口 对外贸易 商业 体育运动 残疾人 妇女儿童 老龄 乡村振兴 扶贫
宣传 组织 统战 财税 银行业 人力资源社会保障 住房城乡建设 经济和信息化 海洋 无线电 广告 新闻出版广电 外汇管理
土地 土地管理 节约用水 节能 环境卫生 园林 绿化 国土空间 不动产登记 建设行政 公共资源交易 数据 大数据 政务服务 信访
""")


#: levels listed before a shared name (省、自治区、直辖市 + 文化和旅游厅)
_LEVEL_ENUM = re.compile(r"(?:(?<=各)|(?<![\u4e00-\u9fff]))"
                         r"(?:(?:省|自治区|直辖市|计划单列市|副省级城市|市|县|区|自治州|自治县|设区的市)、)+$")
_LEVEL_WORDS = ("省", "自治区", "直辖市", "计划单列市", "副省级城市", "市", "县", "区", "自治州", "自治县", "设区的市")

#: local government departments: the usual short names → the standard names set by the 2018 provincial,
#: city and county institutional reform plans (省经信厅 = 省经济和信息化厅, 市场监管局 = 市场监督管理局);
#: standard names map to themselves, so that a short and a full name in one document are one organ
_LOCAL_DEPARTMENTS: dict[str, str] = {
    "经信厅": "经济和信息化厅", "经信委": "经济和信息化委员会", "经信局": "经济和信息化局",
    "工信厅": "工业和信息化厅", "工信局": "工业和信息化局", "发展改革委": "发展和改革委员会",
    "发改委": "发展和改革委员会", "发展改革局": "发展和改革局", "发改局": "发展和改革局",
    "科技厅": "科学技术厅", "科技局": "科学技术局", "人社厅": "人力资源和社会保障厅",
    "人力资源社会保障厅": "人力资源和社会保障厅", "人社局": "人力资源和社会保障局",
    "人力资源社会保障局": "人力资源和社会保障局", "住建厅": "住房和城乡建设厅", "住房城乡建设厅": "住房和城乡建设厅",
    "住建局": "住房和城乡建设局", "住房城乡建设局": "住房和城乡建设局", "市场监管局": "市场监督管理局",
    "广电局": "广播电视局", "文旅厅": "文化和旅游厅", "文旅局": "文化和旅游局", "卫健委": "卫生健康委员会",
    "卫生健康委": "卫生健康委员会", "民宗委": "民族宗教事务委员会", "国资委": "国有资产监督管理委员会",
    "医保局": "医疗保障局", "应急厅": "应急管理厅", "应急局": "应急管理局", "退役军人厅": "退役军人事务厅",
    "退役军人局": "退役军人事务局", "林草局": "林业和草原局", "交通厅": "交通运输厅",
    **{n: n for n in _words(
        "经济和信息化厅 工业和信息化厅 发展和改革委员会 科学技术厅 教育厅 公安厅 民政厅 司法厅 财政厅 人力资源和社会保障厅 "
        "自然资源厅 生态环境厅 住房和城乡建设厅 交通运输厅 水利厅 农业农村厅 商务厅 文化和旅游厅 卫生健康委员会 "
        "退役军人事务厅 应急管理厅 审计厅 国有资产监督管理委员会 市场监督管理局 广播电视局 体育局 统计局 医疗保障局 "
        "林业和草原局 林业局 地方金融监督管理局 机关事务管理局 信访局 文物局 乡村振兴局 大数据局 "
        "教育局 公安局 民政局 司法局 财政局 人力资源和社会保障局 自然资源局 自然资源和规划局 生态环境局 "
        "住房和城乡建设局 交通运输局 水利局 农业农村局 商务局 文化和旅游局 文化广电和旅游局 退役军人事务局 "
        "应急管理局 审计局")},
}
_LOCAL_DEPARTMENTS.update({n: n for n in _words("文明办 外办 金融办 人防办 政府办 人民代表大会常务委员会")})
_LOCAL_DEPARTMENTS["人大常委会"] = "人民代表大会常务委员会"
#: departments of a local party committee, written after it (县委督查室, 省委网信办, 市委政法委)
_PARTY_DEPARTMENTS = _words("办公室 办公厅 组织部 宣传部 统战部 统一战线工作部 政法委 政法委员会 网信办 编办 督查室 "
                            "政策研究室 改革办 深改办 巡察办 外办 台办 老干部局 党史研究室 农办 财经办")
_LOCAL_DEPT_RE = re.compile("|".join(map(re.escape, sorted(set(_LOCAL_DEPARTMENTS) | _PARTY_DEPARTMENTS,
                                                           key=lambda s: (-len(s), s)))))


@dataclass(frozen=True)
class _Cand:
    start: int
    end: int
    rule: str
    key: str = ""
    confidence: float = 1.0
    prefixed: bool = False  # the name starts with a level or organ prefix
    info: tuple[tuple[str, str], ...] = ()  # level and sector of a generic organ
    reference: bool = False  # an anaphor (该局, 本局, 我部) that refers to the organ without naming it


# ---------------------------------------------------------------------------------------------
# text helpers


#: common characters that only traditional text uses; without any of them there is nothing to fold
_TRADITIONAL = frozenset("國會們這個來時為說從對學機關發與產區經當實現還開間點體應頭東業過無將動變內廳處務辦"
                         "廣電視總聯協條規劃網絡視聽節輿論設計農衛鄉鎮縣級幣稅貿議準備導護權屬監審華")


def fold(text: str) -> str:
    """Traditional characters folded to simplified, keeping every offset (OpenCC when installed)."""
    if _TRADITIONAL.isdisjoint(text):
        return text
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a declared dependency
        return text
    conv = opencc.OpenCC("t2s").convert
    out = conv(text)
    if len(out) == len(text):
        return out
    return "".join(c if len(c := conv(ch)) == 1 else ch for ch in text)  # pragma: no cover - rare


def _unsorted(tokens: Sequence[Token]) -> bool:
    return any(tokens[i].start > tokens[i + 1].start for i in range(len(tokens) - 1))


_LEVEL_CHAR = re.compile("[省市县区州]")


def _split_glued(text: str, t: Token) -> list[Token] | None:
    """The two tokens a token gluing a bare level to its neighbour stands for, or ``None``."""
    w = text[t.start:t.end]
    if len(w) == 2 and (w[0] in _FUNCTION_CHARS and w[1] in "省市县区州"
                        or w[0] in "省市县区州" and w not in _LEVEL_WORDS_2):
        # jieba glues a preposition to a bare level (经市人民政府, 请省发展改革委) or a bare level to
        # the first character of a name (县融媒体中心 as 县融/媒体/中心)
        return [Token(w[0], t.start, t.start + 1), Token(w[1], t.start + 1, t.end)]
    if len(w) >= 3 and w[-1] in "省市县区州" and w[:-1] in STOP_WORDS:
        # a verb glued to a bare level that jieba reads as a place: 会同县文明办 is 会同 + 县文明办
        return [Token(w[:-1], t.start, t.end - 1), Token(w[-1], t.end - 1, t.end)]
    return None


def _char_index(toks: Sequence[Token]) -> list[int]:
    """For each character offset, the index of the token holding it (tokens contiguous from 0)."""
    starts, ends = offsets(toks)
    return list(chain.from_iterable(map(repeat, range(len(toks)), map(sub, ends, starts))))


class TokenIndex:
    """Tokens with a char → token look-up; characters outside every token count as their own token."""

    def __init__(self, text: str, tokens: Sequence[Token]) -> None:
        self.text = text
        toks: Sequence[Token] | None = _tiled(text, tokens)
        if toks is None:
            toks = []
            pos = 0
            for t in sorted(tokens, key=lambda t: (t.start, t.end)) if _unsorted(tokens) else tokens:
                if t.start < pos or t.end > len(text) or t.start >= t.end:
                    continue  # overlapping or out of range: the characters stay single
                toks += [Token(text[i], i, i + 1) for i in range(pos, t.start)]
                toks += _split_glued(text, t) or [t]
                pos = t.end
            toks += [Token(text[i], i, i + 1) for i in range(pos, len(text))]
        self.tokens: Sequence[Token] = toks  # a Tokens when the segmenter's tokens tile the text
        self.at: list[int] = _char_index(toks)

    def token_at(self, offset: int) -> Token | None:
        return self.tokens[self.at[offset]] if 0 <= offset < len(self.text) else None

    def before(self, offset: int) -> Token | None:
        """The token holding the character just before ``offset``."""
        return self.token_at(offset - 1) if offset > 0 else None


def _tiled(text: str, tokens: Sequence[Token]) -> Sequence[Token] | None:
    """What :class:`TokenIndex` makes of tokens that tile ``text`` exactly (as the segmenter's do), without
    a step per token: only tokens that begin or end with a level character can be split; ``None`` for
    other tokens (gaps, overlaps, disorder), which take the general path. The segmenter's
    :class:`~kg.model.Tokens` stay one (no token is made for the look-up)."""
    if not tokens or tokens[0].start != 0 or tokens[-1].end != len(text):
        return None
    starts, ends = offsets(tokens)
    if starts[1:] != ends[:-1] or min(map(sub, ends, starts)) <= 0:
        return None
    splits: list[tuple[int, list[Token]]] = []
    last = -1
    for m in _LEVEL_CHAR.finditer(text):
        n = bisect_right(starts, m.start()) - 1
        if n == last:
            continue
        last = n
        parts = _split_glued(text, tokens[n])
        if parts is not None:
            splits.append((n, parts))
    if isinstance(tokens, Tokens):
        return _spliced(tokens, splits) if splits else tokens
    if not splits:
        return list(tokens)
    out: list[Token] = []
    pos = 0
    for n, parts in splits:
        out += tokens[pos:n]
        out += parts
        pos = n + 1
    out += tokens[pos:]
    return out


def _spliced(tokens: Tokens, splits: list[tuple[int, list[Token]]]) -> Tokens:
    """``tokens`` with the token at each index of ``splits`` replaced by its parts."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for n, parts in [*splits, (len(tokens), [])]:
        words += tokens.words[pos:n]
        starts += tokens.starts[pos:n]
        ends += tokens.ends[pos:n]
        words += [p.text for p in parts]
        starts += [p.start for p in parts]
        ends += [p.end for p in parts]
        pos = n + 1
    return Tokens(words, starts, ends)


def indexed(parsed: Parsed) -> tuple[str, TokenIndex]:
    """The folded text of a parsed document and its :class:`TokenIndex`, made once per ``Parsed`` object:
    the Bureau and Organization extractors share them. They are kept on the (immutable) object itself,
    outside its dataclass fields, so equality, hashing and pickled results are unaffected."""
    cached = vars(parsed).get("_kg_folded_index")
    if cached is None:
        folded = fold(parsed.text)
        cached = (folded, TokenIndex(folded, parsed.tokens))
        object.__setattr__(parsed, "_kg_folded_index", cached)
    return cached


def is_place(word: str) -> bool:
    """A named place with its level: 江西省, 北京市, 上饶市, 朝阳区 (not 城市, 社区, 直辖市)."""
    if word.endswith(("盟", "旗")) and (len(word) < 4 or word.endswith(("联盟", "同盟", "红旗", "国旗", "党旗"))):
        return False  # 锡林郭勒盟, 正蓝旗 are places; 联盟, 红旗 are not
    return (2 <= len(word) <= 8 and word.endswith(_PLACE_END) and word not in _NOT_PLACES and word[0] != "各"
            and word not in _PREFIX_WORDS and bool(_NAME_CHARS.match(word)))


def is_organ_word(word: str) -> bool:
    """A token that is itself an organ name: 公安部, 江西省人民政府, 宣传部 (3+ characters, a head at the end)."""
    return (len(word) >= 3 and word.endswith(("人民政府", "政府", "部", "委", "局", "厅", "署", "办公厅", "委员会"))
            and word not in _WORD_ENDINGS and bool(_NAME_CHARS.match(word)) and not word.startswith(_OUTSIDE))


def is_prefix(word: str, organs: frozenset[str] = frozenset()) -> bool:
    """A word that may start an organ name: a level, a place, a party committee, an organ."""
    if word in _PREFIX_WORDS or word in organs or is_place(word) or is_organ_word(word):
        return True
    return len(word) >= 3 and word.endswith("委") and is_place(word[:-1])  # 江西省委


#: words that may follow a complete organ name although their first character continues its head
#: (财政部落实 is 财政部 + 落实, not 部落; 电影局面向 is 电影局 + 面向, not 局面)
_HEAD_FOLLOWERS = _words("落实 面向 下发 下达 内设 外派")


def _continues(text: str, end: int, head: str) -> bool:
    """Whether the character after a head makes it part of another word (局面, 部署, 司法)."""
    nxt = text[end:end + 1]
    if not nxt or text[end:end + 2] in _HEAD_FOLLOWERS:
        return False
    cont = _CONTINUATIONS.get(head if head in _CONTINUATIONS else head[-1], "")
    return nxt in cont


def _clean_edge(folded: str, start: int) -> bool:
    """A name starting the text, a line, a sentence or a clause after a colon."""
    return start == 0 or folded[start - 1] in "\n。；;：:！？!?"


def is_stop(word: str) -> bool:
    """A stop word, or two stop words glued into one token by jieba (继续加强, 并由)."""
    if word in STOP_WORDS:
        return True
    return any(word[:i] in STOP_WORDS and word[i:] in STOP_WORDS for i in range(1, len(word)))


def _balanced(s: str) -> bool:
    return s.count("“") == s.count("”") and s.count('"') % 2 == 0


_QUOTES = ("“", "”", '"')
#: endings of words that are whole names of organisations (传媒大学与…: the conjunction joins two names)
_COMPLETE_ENDS = ("大学", "学院", "公司", "集团", "协会", "学会", "研究院", "研究所", "电视台", "报社", "出版社")
#: last characters of complete names of organs and organisations
_NAME_ENDS = tuple("部委局司厅署室组会院所校学社报盟团心")

# ---------------------------------------------------------------------------------------------
# the walk to the left of a head


@dataclass(frozen=True)
class Walk:
    """Where a name ending at a head may start.

    ``prefixed`` when the start is a level, place or organ prefix (国家, 江西省, 省委, 公安部);
    ``stopped_by`` is the word that ended the walk on the left ('' at punctuation or the text start,
    ``<long>`` when the bare body grew too long, ``<cut>`` when it ran into a conjunction or quote).
    """

    start: int
    prefixed: bool
    stopped_by: str


def walk_left(index: TokenIndex, folded: str, head_start: int, *, organs: frozenset[str] = frozenset(),
              max_prefixed: int = 26, max_bare: int = 9, stops: frozenset[str] = frozenset()) -> Walk | None:
    """Walk left from ``head_start`` over name-like tokens; ``None`` when no body precedes the head.

    A conjunction (和, 与) may sit inside a prefixed name between two body words (省文化和旅游厅),
    never next to a prefix (中央和总局 is two organs); quotes only when balanced.
    """
    collected: list[tuple[int, str]] = []  # (start, word), right to left
    pos = head_start
    stopped_by = ""
    tok = index.before(pos)
    while tok is not None:
        s = tok.start
        word = folded[s:min(tok.end, pos)]
        if word == "“" and not collected:
            break
        if word == "“" and _balanced(folded[s + 1:head_start]):
            stopped_by = word  # the name opens a quotation: a clean left edge
            break
        if word not in _QUOTES:
            if not _NAME_CHARS.match(word):
                break
            if (is_stop(word) or word in stops) and word not in _INNER_CONJ and not is_prefix(word, organs):
                stopped_by = word
                break
            if word in _OWNER_WORDS and collected:
                stopped_by = word  # 部文化市场综合执法监督局: the ministry's own department
                break
            if len(word) > 1 and word[0] in "各该本其此" and not is_place(word):
                stopped_by = word[0]  # 各部委, 该局: a determiner glued to the head
                break
            if head_start - s > max_prefixed:
                break
        collected.append((s, word))
        pos = s
        tok = index.before(pos)
    # a conjunction next to a prefix (or at either end) ends the name
    for n, (_, word) in enumerate(collected):
        if word in _INNER_CONJ:
            right = collected[n - 1][1] if n > 0 else ""
            left = collected[n + 1][1] if n + 1 < len(collected) else ""
            if (not right or not left or is_prefix(right, organs) or is_prefix(left, organs) or left in _QUOTES
                    or (len(left) >= 3 and left.endswith(_COMPLETE_ENDS))):
                collected = collected[:n]
                stopped_by = word
                break
    if not collected:
        return None
    best = None
    for n, (s, word) in enumerate(collected):
        if word not in _QUOTES and is_prefix(word, organs) and _balanced(folded[s:head_start]):
            best = n
    if best is not None:
        return Walk(collected[best][0], True, stopped_by if best == len(collected) - 1 else "")
    bare: list[int] = []
    for n, (s, word) in enumerate(collected):
        if word in _INNER_CONJ and bare:
            left = collected[n + 1][1] if n + 1 < len(collected) else ""
            if left.endswith(_NAME_ENDS) or not left or left in _QUOTES:
                # after a complete name (出版管理司和印刷发行司, 清华大学和复旦大学) the conjunction is a clean edge
                return Walk(bare[-1], False, word if left else "<cut>")
        elif word in _INNER_CONJ or word in _QUOTES:
            return Walk(bare[-1], False, "<cut>") if bare else None
        if head_start - s > max_bare:
            return Walk(bare[-1], False, "<long>") if bare else None
        bare.append(s)
    return Walk(bare[-1], False, stopped_by)  # a conjunction inside: 国际交流与合作局


# ---------------------------------------------------------------------------------------------
# gazetteer names


def gazetteer_pattern(gaz) -> re.Pattern[str] | None:
    """One alternation of every gazetteer surface, longest first (made once per gazetteer)."""
    return derived(gaz, "bureaus.surfaces", lambda: _alternation({s for s in gaz.surfaces() if s}))


def _alternation(words: Iterable[str]) -> re.Pattern[str] | None:
    """One regex of ``words`` that matches, like their alternation longest first, the longest word at the
    leftmost place (``None`` for no words). The words are folded into a trie — 司(?:局)?… rather than
    司局|司… — so that a position is tried against one branch per character, not against every word."""
    trie: dict[str, dict] = {}
    for w in words:
        if w:
            node = trie
            for ch in w:
                node = node.setdefault(ch, {})
            node[""] = {}  # a word ends here
    return re.compile(_trie_regex(trie)) if trie else None


def _trie_regex(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # where a word ends, going on is optional (greedy: the longer word first, as in the longest-first alternation)
    return f"(?:{body})?" if "" in node else body


def department_shorts(gaz) -> dict[str, tuple]:
    """Short forms (3+ characters) that only departments carry: 规划财务司, 非遗司, 媒体融合发展司."""
    return {s: insts for s, insts in gaz.short_forms().items()
            if len(s) >= 3 and all(i.kind == "department" for i in insts)}


def _gazetteer_cands(folded: str, gaz) -> list[_Cand]:
    """Gazetteer names and aliases, and the short names of departments, in one alternation.

    An alias that is also a short form (广电总局) follows the organ established before it; so does a
    bare department name (宣传司, 规划财务司): it is the department of the organ named last before it,
    and a bare department name of no organ named before stays a department without identity.
    """
    shorts = derived(gaz, "short_forms", gaz.short_forms)
    pat = derived(gaz, "bureaus.surfaces+departments",
                  lambda: _alternation({s for s in gaz.surfaces() if s} | set(department_shorts(gaz))))
    if pat is None:
        return []
    out: list[_Cand] = []
    keys: list[str] = []  # the keys of out, and with each department's organ before it (grown with out)
    with_parents: list[str] = []
    for m in pat.finditer(folded):
        surface = m.group()
        inst = gaz.lookup(surface)
        alts = shorts.get(normalize_key(surface), ())
        if inst is None and not alts:
            continue
        head = next((h for h in _HEADS if surface.endswith(h)), surface[-1:])
        if _continues(folded, m.end(), head):
            continue  # 公安部门, 文化部门: a sector's departments, not the ministry
        if folded[max(0, m.start() - 2):m.start()] in _OUTSIDE:
            continue
        established = keys
        if inst is None or inst.kind == "department":
            # an organ's office or department named in full (文化和旅游部办公厅) establishes the organ too
            established = with_parents
        if inst is None:
            key = pick_short(alts, established)
            if key:
                out.append(_Cand(m.start(), m.end(), "bureau.gazetteer", key, 0.9, True))
            elif surface.endswith(_BARE_DEPARTMENT_HEADS):
                out.append(_Cand(m.start(), m.end(), "bureau.department", "", 0.7, False))
            else:
                continue
        else:
            key = inst.name
            if alts:
                pool = (inst, *alts) if inst.kind == "department" else alts
                key = pick_short(pool, established) or key
            out.append(_Cand(m.start(), m.end(), "bureau.gazetteer", key, 1.0, True))
        keys.append(out[-1].key)
        with_parents.extend(n for n in (_parent_name(gaz, out[-1].key), out[-1].key) if n)
    return out


def _parent_name(gaz, name: str) -> str:
    """The organ of a department or office of the gazetteer ('' for anything else)."""
    inst = gaz.lookup(name)
    return inst.parent or "" if inst is not None and inst.kind in ("department", "office") else ""


def pick_short(insts: Sequence, established: Sequence[str]) -> str:
    """The institution a short form stands for: the one whose name — for a department, whose
    parent's name — was established last before it; '' when none was."""
    for name in reversed(established):
        for inst in insts:
            if name == inst.name or (inst.parent and name == inst.parent):
                return inst.name
    return ""


def _nested_parents(folded: str, gaz, cands: list[_Cand]) -> list[_Cand]:
    """An organ named at the start of a longer bureau name (国务院 in 国务院办公厅, 公安部 in
    公安部治安管理局) is a mention of its own; so is the group of a group's office."""
    out = []
    pat = gazetteer_pattern(gaz) if gaz is not None else None
    for c in cands:
        if c.rule in ("bureau.short", "bureau.self", "bureau.parent"):
            continue
        name = folded[c.start:c.end]
        if pat is not None and c.end - c.start > 2:
            m = pat.match(folded, c.start, c.end - 1)
            if m and not _continues(folded, m.end(), m.group()[-1]):  # not 财政部 in 财政部门
                inst = gaz.lookup(m.group())
                own = gaz.lookup(name)
                if inst is not None and inst.name != c.key and (own is None or own.name != inst.name):
                    out.append(_Cand(c.start, m.end(), "bureau.parent", inst.name, 0.9, True))
        for head in ("领导小组办公室", "工作小组办公室", "委员会办公室"):
            if name.endswith(head) and len(name) > len(head):
                key = (c.key or name)[:-3]
                out.append(_Cand(c.start, c.end - 3, "bureau.parent", key, c.confidence, c.prefixed))
        m = _LOCAL_COMMITTEE.match(name)
        if m and m.end() < len(name) and (is_place(m.group(1)) or is_place(m.group(1) + m.group(2))
                                          or m.group(1) in PROVINCES):
            # 中共攸县县委办公室, 湖南省委网信办: the party committee of the place is named too
            out.append(_Cand(c.start, c.start + m.end(), "bureau.parent", m.group().removeprefix("中共"), 0.8, True))
    return out


_LOCAL_COMMITTEE = re.compile(r"(?:中共)?([\u4e00-\u9fff]{1,8}?)(省|市|县|区|州)委(?!员)")


# ---------------------------------------------------------------------------------------------
# generic names


def _government_cands(folded: str, index: TokenIndex) -> list[_Cand]:
    """Governments of named places: 江西省人民政府, 省政府, 湖南省长沙市人民政府."""
    out = []
    for m in re.finditer(r"人民政府|政府", folded):
        hs, he = m.span()
        if m.group() == "政府" and folded[hs - 2:hs] == "人民":
            continue
        if _continues(folded, he, m.group()):
            continue
        tok = index.before(hs)
        if tok is None:
            continue
        word = folded[tok.start:hs]
        if not (is_place(word) or word in ("省", "市", "县", "区", "州")):
            continue
        start = tok.start
        prev = index.before(start)
        while prev is not None and is_place(folded[prev.start:prev.end]):
            start = prev.start
            prev = index.before(start)
        if prev is not None:
            pw = folded[prev.start:prev.end]
            if pw in _DETERMINERS or (_NAME_CHARS.match(pw) and pw not in STOP_WORDS and pw not in _QUOTES):
                continue  # 各市人民政府, 设区市人民政府: generic or part of a longer phrase
        out.append(_Cand(start, he, "bureau.government", confidence=0.85, prefixed=True))
    return out


def tokens_ending(index: TokenIndex, folded: str, chars: str) -> list[Token]:
    """The tokens whose last character is one of ``chars``, in order (found from the text, not token by token)."""
    out = []
    tokens, at = index.tokens, index.at
    for m in re.finditer(f"[{re.escape(chars)}]", folded):
        tok = tokens[at[m.start()]]
        if tok.end == m.end():
            out.append(tok)
    return out


def _committee_cands(folded: str, index: TokenIndex) -> list[_Cand]:
    """A party committee named alone: 县委、县政府; 江西省委 (not 县委书记, nor 党委 in general)."""
    out = []
    for tok in tokens_ending(index, folded, "委"):
        word = folded[tok.start:tok.end]
        if not (word in ("省委", "市委", "县委", "区委", "州委") or (len(word) >= 4 and word.endswith("委")
                                                                and is_place(word[:-1]))):
            continue
        nxt = index.token_at(tok.end)
        nw = folded[nxt.start:nxt.end] if nxt is not None else ""
        if nxt is None or not _CJK.match(nw[:1]) or nw in STOP_WORDS or nw in ("高度", "常委会", "全会"):
            prev = index.before(tok.start)
            pw = folded[prev.start:prev.end] if prev is not None else ""
            if pw in _DETERMINERS:
                continue
            out.append(_Cand(tok.start, tok.end, "bureau.committee", confidence=0.75, prefixed=True))
    return out


def _generic_cands(folded: str, index: TokenIndex, organs: frozenset[str]) -> list[_Cand]:
    """Names ending in a head, with the left edge from the tokens."""
    out: list[_Cand] = []
    for m in _HEAD_RE.finditer(folded):
        head = m.group()
        hs, he = m.span()
        if head in ("政府", "人民政府") or _continues(folded, he, head):
            continue
        tok = index.token_at(he - 1)
        if tok is not None and tok.end > he and folded[he:tok.end] not in STOP_WORDS:
            continue  # the head starts a longer word (司法, 部署, 各司其职)
        if tok is not None and tok.end == he and folded[tok.start:tok.end] in _WORD_ENDINGS:
            continue  # 布局, 大局, 签署, 部委
        if folded[hs - 1:he] in _NEVER_ENDINGS or folded[hs - 2:he] in _NEVER_ENDINGS:
            continue  # 国网公司 is a company
        w = walk_left(index, folded, hs, organs=organs, max_bare=12)
        if w is None or w.stopped_by in _DETERMINERS:
            continue  # no body, or 各司局, 相关司 …
        body = folded[w.start:hs]
        if body.startswith(_OUTSIDE) or (body + head) in _WORD_ENDINGS:
            continue
        if w.prefixed:
            if body in _PREFIX_WORDS and body not in ("省委", "市委", "县委", "区委", "州委") and len(head) == 1:
                continue  # 省局, 国家局: a level and a head are no name
            start = w.start
            enum = _LEVEL_ENUM.search(folded, max(0, start - 24), start)
            if enum and enum.end() == start and folded.startswith(_LEVEL_WORDS, start):
                start = enum.start()  # 省、自治区、直辖市文化和旅游厅: levels sharing one generic name
            out.append(_Cand(start, he, "bureau.prefixed", confidence=0.85, prefixed=True))
        elif head in _BARE_HEADS and len(body) >= 2 and w.stopped_by not in ("<long>", "<cut>") and not (
                len(body) > 9 and w.stopped_by not in _OWNER_WORDS and not _clean_edge(folded, w.start)):
            out.append(_Cand(w.start, he, "bureau.department", confidence=0.7))
        elif head == "司":
            # a heading glued to the department that repeats its words: 推进基础教育扩优提质基础教育司
            start = _repeated_tail(folded, index, hs)
            if start is not None:
                out.append(_Cand(start, he, "bureau.department", confidence=0.65))
    return out


def _repeated_tail(folded: str, index: TokenIndex, hs: int) -> int | None:
    """Where a department name begins when the text before it (back to punctuation) ends with words it
    already holds: 提升广播电视公共服务|公共服务司 (a one-line text glues headings to the next sentence)."""
    seg_start = hs
    while seg_start > 0 and hs - seg_start < 24 and _CJK.match(folded[seg_start - 1]):
        seg_start -= 1
    seg = folded[seg_start:hs]
    for n in range(len(seg) - 2, 1, -1):
        tail = seg[-n:]
        tok = index.token_at(hs - n)
        if tail in seg[:-n] and tok is not None and tok.start == hs - n:
            return hs - n
    return None


# ---------------------------------------------------------------------------------------------
# coordination

_ITEM = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:部|委|局|署|厅|办)")
_ITEM_END = "、，,。；;和及与等）)：:"


def _coordinated(folded: str, index: TokenIndex, accepted: list[_Cand]) -> list[_Cand]:
    """Items listed with 、 (or a final 和/及/与) beside a bureau that end in a bureau head (信息产业部、公安部)."""
    spans = {(c.start, c.end) for c in accepted}
    new: list[_Cand] = []
    frontier = list(accepted)
    while frontier:
        found = []
        for c in frontier:
            for s, e in _neighbours(folded, index, c.start, c.end):
                if (s, e) in spans or _overlaps((s, e), spans):
                    continue
                cand = _checked_item(folded, s, e)
                if cand is not None:
                    spans.add((s, e))
                    found.append(cand)
        new += found
        frontier = found
    return new


def _neighbours(folded: str, index: TokenIndex, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    if folded[end:end + 1] in ("、", "和", "及", "与"):
        m = _ITEM.match(folded, end + 1)
        if m and folded[m.end():m.end() + 1] in _ITEM_END + "\n" or (m and m.end() == len(folded)):
            out.append(m.span())
    if folded[start - 1:start] == "、":
        seg_end = start - 1
        s = seg_end
        while s > 0 and _CJK.match(folded[s - 1]) and seg_end - s < 10:
            s -= 1
        # the item starts after punctuation or after a stop word (由信息产业部、公安部)
        for t in range(s, seg_end - 1):
            tok = index.token_at(t)
            if tok is None or tok.start != t or folded[tok.start:tok.end] in STOP_WORDS:
                continue
            prev = index.before(t)
            pw = folded[prev.start:prev.end] if prev is not None else ""
            if t == s and (t == 0 or not _CJK.match(folded[t - 1])) or pw in STOP_WORDS:
                if _ITEM.fullmatch(folded[t:seg_end]):
                    out.append((t, seg_end))
                break
    return out


def _checked_item(folded: str, s: int, e: int) -> _Cand | None:
    item = folded[s:e]
    if item in _WORD_ENDINGS or item[-2:] in _NEVER_ENDINGS or item.startswith(tuple(_DETERMINERS)):
        return None
    if _continues(folded, e, item[-1]) or re.search(r"[一二三四五六七八九十两几多\d]$", item[:-1]):
        return None
    return _Cand(s, e, "bureau.coordinated", confidence=0.65)


def _inside(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    s, e = span
    return any(a <= s and e <= b and (a, b) != (s, e) for a, b in spans)


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]] | _Spans) -> bool:
    """Whether ``span`` overlaps one of ``spans``: a :class:`_Spans` answers in log time, a plain iterable by a scan."""
    s, e = span
    if isinstance(spans, _Spans):
        return spans.overlaps(s, e)
    return any(s < b and a < e for a, b in spans)


class _Spans:
    """Fixed spans that answer "does any overlap [s, e)?" by bisection instead of a scan of them all.

    Some span ``(a, b)`` has ``a < e`` and ``b > s`` exactly when the largest end among the spans
    starting before ``e`` exceeds ``s``: a prefix maximum of ends over the sorted starts, n log n to build.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        pairs = sorted(spans)
        self.starts = [a for a, _ in pairs]
        self.reach = list(accumulate((b for _, b in pairs), max))

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_left(self.starts, e)
        return i > 0 and self.reach[i - 1] > s


class _Near:
    """Items with ``start``/``end`` indexed by start: :meth:`near` gives, in their list order, those that
    can overlap or hold ``[s, e]`` (start within the longest item's length before ``s``, up to ``e``).

    A superset of every item meeting or holding the span, found by bisection, so a test over it costs
    the items near the span instead of all of them.
    """

    def __init__(self, items: Sequence) -> None:
        self.items = items
        self.order = sorted(range(len(items)), key=lambda i: (items[i].start, i))
        self.starts = [items[i].start for i in self.order]
        self.longest = max((x.end - x.start for x in items), default=0)

    def near(self, s: int, e: int) -> list:
        lo = bisect_left(self.starts, s - self.longest)
        hi = bisect_right(self.starts, e, lo)
        return [self.items[i] for i in sorted(self.order[lo:hi])]


class _NamesBefore(Sequence):
    """The names of ``established`` (sorted ``(start, name)`` pairs) starting before ``pos``, as a view (no copy)."""

    def __init__(self, established: Sequence[tuple[int, str]], pos: int) -> None:
        self.established = established
        self.n = bisect_left(established, (pos,))  # (pos,) sorts before every (pos, name)

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [name for _, name in self.established[:self.n][i]]
        if not -self.n <= i < self.n:
            raise IndexError(i)
        return self.established[i % self.n][1]

    def __reversed__(self):
        return (self.established[i][1] for i in range(self.n - 1, -1, -1))


def _name_of(c: _Cand, folded: str) -> str:
    return c.key or folded[c.start:c.end]


# ---------------------------------------------------------------------------------------------
# short forms, self references, composites, alias definitions

_SHORT_NEXT = ("党组", "机关", "领导", "直属", "属单", "各司", "办公")


def _short_cands(folded: str, index: TokenIndex, gaz, established: list[tuple[int, str]],
                 taken: list[tuple[int, int]], year: int | None = None) -> list[_Cand]:
    """Short forms of the gazetteer (总局, 部, 党组) keyed to the nearest organ established before them."""
    shorts = derived(gaz, "short_forms", gaz.short_forms) if gaz is not None else {}
    if not shorts:
        return []
    out = []
    pat = derived(gaz, "bureaus.shorts", lambda: _alternation(shorts))
    taken = _Spans(taken)  # log-time overlap tests
    for m in pat.finditer(folded):
        s, e = m.span()
        form = m.group()
        if _overlaps((s, e), taken) or _continues(folded, e, form):
            continue
        tok, end_tok = index.token_at(s), index.token_at(e - 1)
        if tok is None or tok.start != s:
            continue  # inside a longer word (部 in 干部, 委 in 党委)
        if len(form) == 1:
            if folded[e:e + 2] not in _SHORT_NEXT:
                continue  # a bare 部/委/署 is a short form only before 党组, 机关, 领导 …
        elif end_tok is None or end_tok.end != e:
            continue
        key = pick_short(shorts[form], _NamesBefore(established, s))  # established is sorted
        if key:
            out.append(_Cand(s, e, "bureau.short", key=key, confidence=0.8))
        elif len(form) >= 2 and folded[s - 1:s] not in _DETERMINER_CHARS:
            key = subject_short(shorts[form], folded, year)
            if key:
                out.append(_Cand(s, e, "bureau.short-context", key=key, confidence=0.7))
    return out


#: single characters that make a following short form generic (各总局, 该总局 is an anaphor)
_DETERMINER_CHARS = "各该本其此"


def valid_in(valid: str, year: int | None) -> bool:
    """Whether an institution's period (2013–2018, 2018–, –2001, '' = not recorded) includes ``year``."""
    if not valid or year is None:
        return True
    lo, _, hi = valid.partition("–")
    return (not lo or int(lo) <= year) and (not hi or year <= int(hi))


def subject_short(insts: Sequence, folded: str, year: int | None) -> str:
    """The institution a short form (总局) stands for in a document that never names it in full: of those
    that carry the form and existed in the document's year, the one whose field (its ``covers`` keywords)
    the document is plainly about — at least three keyword occurrences and twice any other's; else ''."""
    scores = sorted(((sum(folded.count(k) for k in inst.covers), inst.name) for inst in insts
                     if valid_in(inst.valid, year)), reverse=True)
    if not scores or scores[0][0] < 3 or (len(scores) > 1 and scores[0][0] < 2 * scores[1][0]):
        return ""
    return scores[0][1]


#: what a provincial document says of its own province (我省, 全省, 本省): 省局 there is the province's bureau
_PROVINCIAL_CONTEXT = re.compile("我省|全省|本省|省委")
_PROVINCIAL_BUREAU = re.compile("省局")


def _provincial_bureau(folded: str, established: list[tuple[int, str]], taken: list[tuple[int, int]]) -> list[_Cand]:
    """省局 in a provincial document (one that speaks of 我省, 全省, 省委): the province's bureau of the
    document's field — the one provincial 局 it names in full before, else the short name itself."""
    if not _PROVINCIAL_CONTEXT.search(folded):
        return []
    out = []
    for m in _PROVINCIAL_BUREAU.finditer(folded):
        s, e = m.span()
        if _overlaps((s, e), taken) or folded[s - 1:s] in _DETERMINER_CHARS + "全本我" or (
                _CJK.match(folded[s - 1:s] or " ") and folded[s - 1] not in "和及与、"):
            continue  # 各省局; 湖北省局 is a place's bureau written in full
        if _continues(folded, e, "局"):
            continue
        named = {name for pos, name in established if pos < s and re.fullmatch(r"[\u4e00-\u9fff]{2,4}省[\u4e00-\u9fff]{2,12}局", name)}
        out.append(_Cand(s, e, "bureau.short-context", next(iter(named)) if len(named) == 1 else "省局", 0.7, True))
    return out


#: what follows 处 when it starts another word (处理, 处罚, 处于 …), and what precedes the verb 处 (查处, 并处, 或处)
_CHU_CONTINUES = "理罚分置于在以境事所方"
_CHU_VERB_BEFORE = frozenset("查惩判论办并或可应予以处另另")
#: heads of the bureaus that have sections (处): a named 局, 厅, 委, 办 …, never a generic organ
_SECTION_OWNERS = ("局", "厅", "委", "委员会", "办", "办公室", "办公厅", "署", "部", "司", "中心")


def _sections_of(folded: str, index: TokenIndex, cands: list[_Cand]) -> list[_Cand]:
    """A 处 written after its bureau (省局宣传处, 四川省新闻出版广电局宣传与电视剧管理处, 某厅办公室秘书处): the section
    of that bureau, named with it; its key is the bureau's name and the section's."""
    ends: dict[int, _Cand] = {}
    for c in cands:
        if c.reference or not _name_of(c, folded).endswith(_SECTION_OWNERS):
            continue  # a generic organ (…部门, …人民政府) is written with no section of its own
        if c.end not in ends or ends[c.end].start > c.start:
            ends[c.end] = c
    out = []
    for m in re.finditer("处", folded):
        hs, he = m.span()
        if (folded[he:he + 1] and folded[he] in _CHU_CONTINUES) or folded[hs - 1:hs] in _CHU_VERB_BEFORE:
            continue  # 处理, 处于; 查处, 并处: the verb, no section
        for start in range(hs - 2, max(0, hs - 13) - 1, -1):
            owner = ends.get(start)
            if owner is None:
                continue
            body = folded[start:hs]
            tok = index.token_at(start)
            if (_NAME_CHARS.match(body) and not any(w in body for w in ("的", "和其", "各", "有关"))
                    and tok is not None and tok.start == start and not is_stop(folded[tok.start:tok.end])):
                out.append(_Cand(owner.start, he, "bureau.section", _name_of(owner, folded) + body + "处", 0.7, True))
            break
    return out


def _self_cands(folded: str, established: list[tuple[int, str]], taken: list[tuple[int, int]]) -> list[_Cand]:
    """我局, 本部, 我委 … keyed to the nearest organ established before with the same head.

    Not quadratic: ``taken`` is indexed once (:class:`_Spans`) and the organs before a match are read
    backwards from its place in the sorted ``established`` until the nearest one with the head.
    """
    out = []
    taken = _Spans(taken)
    for m in _SELF.finditer(folded):
        s, e = m.span()
        head = m.group(1)
        nxt = folded[e:e + 1]
        if _overlaps((s, e), taken) or (nxt and nxt in "门署分位件长内外面员"):
            continue
        ok = next((name for name in reversed(_NamesBefore(established, s)) if "、" not in name and (
            name.endswith(head) or (head == "办" and name.endswith(("办公室", "办公厅"))))), None)
        if ok is not None:
            out.append(_Cand(s, e, "bureau.self", key=ok, confidence=0.75, reference=True))
    return out


_GROUP_SHORT = re.compile("(?:领导小组|工作小组)(?:办公室)?")


def _group_shorts(folded: str, cands: list[_Cand]) -> list[_Cand]:
    """A bare 领导小组 / 领导小组办公室 after a named group (成立X领导小组，领导小组办公室设在…) is that
    group, or its office."""
    groups = sorted((c.start, _name_of(c, folded)) for c in cands
                    if _name_of(c, folded).endswith(("领导小组", "工作小组")) and c.end - c.start > 4)
    if not groups:
        return []
    taken = _Spans((c.start, c.end) for c in cands)
    out = []
    for m in _GROUP_SHORT.finditer(folded):
        s, e = m.span()
        if _overlaps((s, e), taken) or (s > 0 and _CJK.match(folded[s - 1]) and folded[s - 1] not in "的及和与、"):
            continue
        prior = [name for pos, name in groups if pos < s]
        if prior:
            key = prior[-1] + ("办公室" if m.group().endswith("办公室") else "")
            out.append(_Cand(s, e, "bureau.short", key=key, confidence=0.75))
    return out


def _composites(folded: str, cands: list[_Cand]) -> list[_Cand]:
    """X党组 and X办公室 right after a bureau X: the party group and the office of that bureau;
    a later bare 党组 is the party group established before it."""
    out = []
    spans = {(c.start, c.end) for c in cands}
    for c in cands:
        for suffix, rule in (("党组", "bureau.party-group"), ("办公室", "bureau.office")):
            e = c.end + len(suffix)
            if folded[c.end:e] != suffix or (c.start, e) in spans or _name_of(c, folded).endswith(suffix):
                continue
            if suffix == "党组" and folded[e:e + 1] == "织":
                continue
            if any(o.start <= c.start and e <= o.end for o in cands):
                continue
            out.append(_Cand(c.start, e, rule, key=_name_of(c, folded) + suffix, confidence=0.8))
            spans.add((c.start, e))
    groups = sorted((c.start, _name_of(c, folded)) for c in cands + out if _name_of(c, folded).endswith("党组"))
    if groups:
        taken = _Spans((c.start, c.end) for c in cands + out)
        for m in re.finditer("党组", folded):
            s, e = m.span()
            if folded[e:e + 1] == "织" or _overlaps((s, e), taken):
                continue
            prior = [name for pos, name in groups if pos < s]
            if prior:
                out.append(_Cand(s, e, "bureau.short", key=prior[-1], confidence=0.7))
    return out


ALIAS_DEF = re.compile(r"[（(](?:以下|下文)?(?:简称|称)(?:为)?[“\"「]?([^”\"」）)，,、]{2,20}?)[”\"」]?[）)]")


def _apply_aliases(folded: str, cands: list[_Cand]) -> list[_Cand]:
    """（以下简称X） after a bureau: X (and X办公室) elsewhere take the defined name as key."""
    by_end: dict[int, _Cand] = {}
    for c in cands:
        if c.end not in by_end or by_end[c.end].start > c.start:
            by_end[c.end] = c
    aliases = {}
    for m in ALIAS_DEF.finditer(folded):
        c = by_end.get(m.start())
        if c is not None:
            aliases[normalize_key(m.group(1))] = _name_of(c, folded)
    if not aliases:
        return cands
    out = []
    for c in cands:
        label = normalize_key(folded[c.start:c.end])
        if not c.key:
            if label in aliases:
                c = _Cand(c.start, c.end, "bureau.alias", aliases[label], c.confidence, c.prefixed)
            else:
                for suffix in ("办公室", "办公厅", "党组"):
                    if label.endswith(suffix) and label[:-len(suffix)] in aliases:
                        c = _Cand(c.start, c.end, "bureau.alias", aliases[label[:-len(suffix)]] + suffix,
                                  c.confidence, c.prefixed)
        out.append(c)
    taken = _Spans((c.start, c.end) for c in out)
    for alias, full in sorted(aliases.items()):
        for m in re.finditer(re.escape(alias), folded):
            if not _overlaps(m.span(), taken):
                out.append(_Cand(m.start(), m.end(), "bureau.alias", full, 0.8))
    return out


_BARE_LEVEL = re.compile(r"^(省|市|县)(?![级、])")
_NAMED_PLACE = re.compile(r"^([\u4e00-\u9fff]{1,6}?(省|市|县))(?=[\u4e00-\u9fff])")


def _resolve_places(folded: str, cands: list[_Cand]) -> list[_Cand]:
    """省财政厅 in a document of 江西省 organs is 江西省财政厅; X省政府 is X省人民政府."""
    places: dict[str, set[str]] = {"省": set(), "市": set(), "县": set()}
    for c in cands:
        m = _NAMED_PLACE.match(folded[c.start:c.end])
        if m and c.prefixed and is_place(m.group(1)):
            places[m.group(2)].add(m.group(1))
    out = []
    for c in cands:
        name = c.key or folded[c.start:c.end]
        m = _BARE_LEVEL.match(name)
        if m and not c.key and c.rule in ("bureau.prefixed", "bureau.government") and len(places[m.group(1)]) == 1:
            name = next(iter(places[m.group(1)])) + name[1:]
        name = re.sub(r"(?<=[省市县区州])政府(?=$|办公厅$|办公室$)", "人民政府", name)
        if name != (c.key or folded[c.start:c.end]):
            c = replace(c, key=name)
        out.append(c)
    return out


def _dedupe(cands: list[_Cand]) -> list[_Cand]:
    """One candidate per span: the gazetteer's, else the keyed and most confident one."""
    best: dict[tuple[int, int], _Cand] = {}
    for c in cands:
        k = (c.start, c.end)
        o = best.get(k)
        if o is None or (c.rule == "bureau.gazetteer") > (o.rule == "bureau.gazetteer") or (
                o.rule != "bureau.gazetteer" and (bool(c.key), c.confidence) > (bool(o.key), o.confidence)):
            best[k] = c
    return sorted(best.values(), key=lambda c: (c.start, c.end))


# ---------------------------------------------------------------------------------------------
# the extractor


def _settle(folded: str, gaz, gaz_cands: list[_Cand], generic: list[_Cand],
            others: list[_Cand]) -> tuple[list[_Cand], set[tuple[int, int]]]:
    """Generic names against gazetteer names and against each other.

    Not all pairs: the gazetteer names a generic name can hold, cross or lie in are those near it
    (:class:`_Near`), and the names starting with it are looked up by start.
    """
    near_gaz = _Near(gaz_cands)
    pool = gaz_cands + generic + others
    pool_at: dict[int, list[_Cand]] = {}
    for x in pool:
        pool_at.setdefault(x.start, []).append(x)
    kept: list[_Cand] = []
    local: set[tuple[int, int]] = set()
    for c in generic:
        span = (c.start, c.end)
        close = near_gaz.near(c.start, c.end)
        gaz_spans = [(g.start, g.end) for g in close]
        if span in gaz_spans or _inside(span, gaz_spans):
            continue
        if any(g.start < c.start < g.end < c.end or c.start < g.start < c.end < g.end for g in close):
            continue  # crosses a gazetteer name
        inner = [g for g in close if c.start < g.start and g.end == c.end]
        if inner:
            # 公安部治安管理局 keeps its organ; 省发展改革委 is a province's organ, not the national one;
            # 产业发展版权管理司 is a bare department with a wrong left edge
            g = inner[0]
            if c.prefixed and _is_local_prefix(folded[c.start:g.start]):
                local.add((g.start, g.end))
                kept.append(c)
                continue
            left = [x for x in pool_at.get(c.start, ()) if x.end <= g.start and x.prefixed]
            if not c.prefixed or not left:
                continue
            inst = gaz.lookup(folded[g.start:g.end])
            parent = gaz.lookup(folded[left[0].start:left[0].end])
            key = inst.name if inst is not None and parent is not None and inst.parent == parent.name else ""
            c = _Cand(c.start, c.end, c.rule, key, c.confidence, True)
        kept.append(c)
    # a bare name inside a prefixed one with the same end is the same organ written shorter
    # (linear: the leftmost start of the prefixed names per end, instead of all pairs)
    first_prefixed: dict[int, int] = {}
    for o in kept:
        if o.prefixed and o.start < first_prefixed.get(o.end, o.start + 1):
            first_prefixed[o.end] = o.start
    kept = [c for c in kept if c.prefixed or not first_prefixed.get(c.end, c.start) < c.start]
    return kept, local


def _is_local_prefix(s: str) -> bool:
    """省, 江西省, 北京市朝阳区, 市委: the level or place of a local organ."""
    return bool(re.fullmatch(r"(?:[\u4e00-\u9fff]{2,6}?[省市县区州]|省|市|县|区|州)+(?:委)?", s)) and not s.startswith("中华")


def extract_bureaus(parsed: Parsed, ctx: ExtractContext) -> list[Mention]:
    """Bureau mentions: gazetteer names, generic organ and department names, short forms."""
    text = parsed.text
    if not text:
        return []
    folded, index = indexed(parsed)
    gaz = ctx.gazetteer
    gaz_cands = _gazetteer_cands(folded, gaz) if gaz is not None else []
    governments = _government_cands(folded, index)
    organs = frozenset(folded[c.start:c.end] for c in gaz_cands + governments)
    generic = _generic_cands(folded, index, organs)
    generic += [c for c in _committee_cands(folded, index) if not any(g.start == c.start for g in generic)]
    localised = _local_department_cands(folded, index)
    if gaz is not None:
        localised += _local_alias_cands(folded, index, gaz, gaz_cands)
    spans = {(c.start, c.end) for c in generic}
    localised = [c for c in localised if (c.start, c.end) not in spans]
    # 湖南省委网信办: the committee written before the office is part of the office's name
    generic = [c for c in generic if not any(l.start == c.start and c.end < l.end and folded[c.end - 1] == "委"
                                             for l in localised)] + localised
    kept, local = _settle(folded, gaz, gaz_cands, generic, governments)
    gaz_cands = [g for g in gaz_cands if (g.start, g.end) not in local]
    gaz_index = _Spans((g.start, g.end) for g in gaz_cands)  # built once, not per government
    governments = [c for c in governments if not _overlaps((c.start, c.end), gaz_index)]

    statute = _generic_organ_cands(folded, index)
    near_gaz = _Near(gaz_cands)
    # a statute organ may hold a gazetteer organ (国务院文化行政部门), never cross one
    statute = [c for c in statute if all(c.start <= a and b <= c.end or not (c.start < b and a < c.end)
                                         for a, b in ((g.start, g.end) for g in near_gaz.near(c.start, c.end)))]
    near_statute = _Near(statute)
    # a place or level government written inside a generic statute organ is not mentioned on its own
    kept = [c for c in kept + governments
            if not _inside((c.start, c.end), [(s.start, s.end) for s in near_statute.near(c.start, c.end)])]

    if gaz is not None:
        # a bare department of the gazetteer glued to another organ (江西省人民政府办公厅) is that organ's
        organ_at_end = {c.end: c for c in kept + gaz_cands}
        gaz_cands = [g for g in gaz_cands if not _foreign_department(folded, gaz, g, organ_at_end)]
        gaz_cands = _orphan_departments(folded, gaz, gaz_cands)
    base = _dedupe(gaz_cands + kept + statute)
    base += _coordinated(folded, index, base)
    base = _drop_distributed(folded, gaz, base)

    def established(cands: list[_Cand]) -> list[tuple[int, str]]:
        return sorted((c.start, _name_of(c, folded)) for c in cands)

    base += _short_cands(folded, index, gaz, established(base), [(c.start, c.end) for c in base], parsed.year)
    base += _provincial_bureau(folded, established(base), [(c.start, c.end) for c in base])
    base += _self_cands(folded, established(base), [(c.start, c.end) for c in base])
    base = _apply_aliases(folded, base)
    base += _composites(folded, base)
    base += _group_shorts(folded, base)
    base = _standard_local_names(folded, _resolve_places(folded, _dedupe(base)))
    base = _departments_of_named_organs(folded, base)
    base = _sibling_departments(folded, base)
    if gaz is not None:
        base = _departments_of_document_organ(folded, gaz, base)
    base += _nested_parents(folded, gaz, base)
    base += _sections_of(folded, index, base)
    out = []
    for c in _dedupe(base):
        m = make_mention(parsed, "Bureau", c.start, c.end, c.rule, key=c.key, confidence=c.confidence)
        out.append(replace(m, info=c.info, reference=c.reference) if c.info or c.reference else m)
    return out


def _generic_organ_cands(folded: str, index: TokenIndex) -> list[_Cand]:
    """Generic organs (:mod:`kg.extract.generic_organs`): governments by level and sector organs, with
    their level and sector; a coordinated item keeps the span written and takes the carried name as key."""
    def token_start(i: int) -> bool:
        tok = index.token_at(i)
        return tok is not None and tok.start == i

    govs, organs = generic_organs(folded, SECTORS, token_start)
    out = [_Cand(g.start, g.end, "bureau.government", g.name, 0.7, True, g.info) for g in govs]
    out += [_Cand(o.start, o.end, "bureau.statute", o.name, 0.7, True, o.info) for o in organs]
    return out


#: how the name of a national organ begins when it is written as such (国家发展改革委, 中央网信办)
_NATIONAL_MARKS = ("国家", "国务院", "中央", "中共中央", "中华人民共和国", "全国", "中国", "最高", "党中央")
#: words before a name that make it a local organ's (省发展改革委, 市委网信办)
_LOCAL_LEVELS = _words("省 市 县 区 州 省委 市委 县委 区委 州委 省政府 市政府 县政府 区政府")


def _unmarked_national(gaz, folded: str, c: _Cand) -> bool:
    """A gazetteer name of a national organ written without a national mark (发展改革委, 网信办, 卫健委)."""
    if gaz is None or c.rule != "bureau.gazetteer":
        return False
    inst = gaz.lookup(c.key) or gaz.lookup(folded[c.start:c.end])
    return (inst is not None and inst.level == "national" and inst.kind != "department"
            and not folded.startswith(_NATIONAL_MARKS, c.start))


def _local_word(word: str) -> bool:
    return word in _LOCAL_LEVELS or is_place(word) or (len(word) >= 3 and word.endswith("委") and is_place(word[:-1]))


def _local_alias_cands(folded: str, index: TokenIndex, gaz, gaz_cands: list[_Cand]) -> list[_Cand]:
    """A national organ's short name after a level or place (省委网信办, 湖南省委网信办, 市卫健委) is the
    local organ of that level: the whole span is one local name."""
    out = []
    for g in gaz_cands:
        if not _unmarked_national(gaz, folded, g):
            continue
        tok = index.before(g.start)
        if tok is None or tok.end != g.start or not _local_word(folded[tok.start:tok.end]):
            continue
        start = _over_places(folded, index, tok.start)
        out.append(_Cand(start, g.end, "bureau.prefixed", confidence=0.85, prefixed=True))
    return out


def _over_places(folded: str, index: TokenIndex, start: int) -> int:
    """Where a name beginning at ``start`` really begins: over the place names (and 中共) just before it."""
    prev = index.before(start)
    while prev is not None and (is_place(folded[prev.start:prev.end]) or folded[prev.start:prev.end] == "中共"):
        start = prev.start
        prev = index.before(start)
    return start


def _local_department_cands(folded: str, index: TokenIndex) -> list[_Cand]:
    """Local departments by their standard or usual short names after a level or place (省经信厅,
    湖北省发展改革委, 市文旅局), whatever the tokens: jieba often splits the short names (省经/信厅)."""
    out = []
    for m in _LOCAL_DEPT_RE.finditer(folded):
        s, e = m.span()
        if _continues(folded, e, folded[e - 1]):
            continue
        tok = index.token_at(s - 1) if s > 0 else None
        if tok is None:
            continue
        word = folded[tok.start:s]
        body = m.group()
        level = body in _LOCAL_DEPARTMENTS and (word in ("省", "市", "县", "区", "州") or is_place(word))
        committee = body in _PARTY_DEPARTMENTS and (word in ("省委", "市委", "县委", "区委", "州委") or (
            len(word) >= 3 and word.endswith("委") and is_place(word[:-1])))
        if not (level or committee):
            continue
        start = _over_places(folded, index, tok.start)
        out.append(_Cand(start, e, "bureau.prefixed", confidence=0.85, prefixed=True))
    return out


def _standard_local_names(folded: str, cands: list[_Cand]) -> list[_Cand]:
    """A local department's short name keyed to its standard name (湖北省经信厅 → 湖北省经济和信息化厅)."""
    out = []
    for c in cands:
        name = c.key or folded[c.start:c.end]
        m = _LOCAL_DEPT_RE.search(name)
        if (c.rule == "bureau.prefixed" and m is not None and m.end() == len(name) and m.start() > 0
                and _is_local_prefix(name[:m.start()])):
            full = name[:m.start()] + _LOCAL_DEPARTMENTS.get(m.group(), m.group())
            if full != folded[c.start:c.end] and full != c.key:
                c = _Cand(c.start, c.end, c.rule, full, c.confidence, c.prefixed)
        out.append(c)
    return out


def _local_name(name: str) -> bool:
    """A name that opens with a level or a named place: 省财政厅, 神农架林区经信局, 湖北省委网信办."""
    m = re.match(r"[\u4e00-\u9fff]{0,8}?[省市县区州]", name)
    return m is not None and _is_local_prefix(m.group())


def _distributive(folded: str, start: int, breaks: Sequence[int] | None = None) -> bool:
    """The clause holding ``start`` opens with 各 (各市、州经信局、发展改革委: every such organ, none in particular).

    ``breaks`` (the sorted positions of the clause breaks, :func:`_clause_breaks`) makes the clause start one
    bisection instead of nine backward searches, which run to the text's start when a break never occurs.
    """
    if breaks is None:
        cut = max(folded.rfind(ch, 0, start) for ch in _CLAUSE_BREAKS)
    else:
        i = bisect_left(breaks, start)  # breaks[:i] lie before start
        cut = breaks[i - 1] if i else -1
    return folded[cut + 1:start].lstrip().startswith("各")  # an indented addressee line too


_CLAUSE_BREAKS = "，,。；;：:\n（("


def _clause_breaks(folded: str) -> list[int]:
    """The sorted positions of the clause breaks of ``folded``, for :func:`_distributive`."""
    return [m.start() for m in re.finditer(f"[{_CLAUSE_BREAKS}]", folded)]


def _drop_distributed(folded: str, gaz, cands: list[_Cand]) -> list[_Cand]:
    """Names listed after a local organ of a distributive addressee (各市、州经信局、发展改革委、广电局) are
    kinds of local organs: no national organ (发展改革委) and no particular local one (广电局)."""
    by_start: dict[int, list[_Cand]] = {}
    for c in cands:
        by_start.setdefault(c.start, []).append(c)
    drop: set[_Cand] = set()
    breaks: list[int] | None = None
    for c in cands:
        if c.prefixed and _local_name(folded[c.start:c.end]) and breaks is None:
            breaks = _clause_breaks(folded)  # once per document, only when needed
        if not (c.prefixed and _local_name(folded[c.start:c.end]) and _distributive(folded, c.start, breaks)):
            continue
        pos = c.end
        while folded[pos:pos + 1] == "、" and by_start.get(pos + 1):
            nxt = max(by_start[pos + 1], key=lambda o: o.end)
            if not (_unmarked_national(gaz, folded, nxt) or (not nxt.prefixed and nxt.rule in (
                    "bureau.coordinated", "bureau.department"))):
                break
            drop.update(o for o in by_start[pos + 1] if o.end == nxt.end)
            pos = nxt.end
    return [c for c in cands if c not in drop]


def _foreign_department(folded: str, gaz, g: _Cand, organ_at_end: dict[int, _Cand]) -> bool:
    inst = gaz.lookup(folded[g.start:g.end])
    if inst is None or inst.kind != "department" or not inst.parent or folded[g.start:g.end].startswith(inst.parent):
        return False
    prev = organ_at_end.get(g.start)
    if prev is None:
        return False
    owner = gaz.lookup(folded[prev.start:prev.end])
    return owner is None or owner.name != inst.parent


def _orphan_departments(folded: str, gaz, gaz_cands: list[_Cand]) -> list[_Cand]:
    """A bare department name of the gazetteer (宣传司, 办公厅) is that organ's department only when the
    organ is named in the document; otherwise it keeps no gazetteer identity, and a head that cannot
    stand alone (办公厅) is dropped."""
    named = {n for c in gaz_cands for n in (c.key, _parent_name(gaz, c.key)) if n}
    out = []
    for g in gaz_cands:
        surface = folded[g.start:g.end]
        inst = gaz.lookup(g.key) or gaz.lookup(surface)
        if (inst is None or inst.kind != "department" or not inst.parent or surface.startswith(inst.parent)
                or inst.parent in named):
            out.append(g)
        elif any(surface.endswith(h) for h in _BARE_HEADS):
            out.append(_Cand(g.start, g.end, "bureau.department", "", 0.7, False))
    return out


def _departments_of_named_organs(folded: str, cands: list[_Cand]) -> list[_Cand]:
    """Once a department is named with its organ (文化和旅游部公共服务司), its bare name elsewhere
    (公共服务司) is the same department."""
    full: dict[str, str] = {}
    ends = {}
    for c in cands:
        if c.prefixed and c.rule in ("bureau.gazetteer", "bureau.parent", "bureau.prefixed", "bureau.government"):
            ends.setdefault(c.start, []).append(c.end)
    for c in cands:
        if c.rule != "bureau.prefixed":
            continue
        for k in ends.get(c.start, ()):
            dept = folded[k:c.end]
            if c.start < k < c.end and len(dept) >= 3 and any(dept.endswith(h) for h in _BARE_HEADS):
                full.setdefault(dept, c.key or folded[c.start:c.end])
    if not full:
        return cands
    out = []
    for c in cands:
        name = folded[c.start:c.end]
        if name in full and not c.key and c.rule in ("bureau.department", "bureau.gazetteer"):
            c = _Cand(c.start, c.end, c.rule, full[name], c.confidence, c.prefixed)
        out.append(c)
    return out


#: what lies between two departments listed together: a separator, perhaps after the head's title and name
#: (中宣部新闻局局长张某、出版局)
_SIBLING_GAP = re.compile(r"(?:(?:副?(?:局长|司长|主任|处长|书记)|负责人)[\u4e00-\u9fff]{0,4})?(?:、|和|及|与|以及)$")


def _sibling_departments(folded: str, cands: list[_Cand]) -> list[_Cand]:
    """A bare department listed after a department named with its organ, in the same sentence
    (中宣部新闻局局长某某、出版局局长某某; 教育部基础教育司、高等教育司): a department of the same organ, keyed
    to the organ as written there and its own name (中宣部出版局)."""
    organs: dict[int, list[int]] = {}  # start → ends of the organs named there
    for c in cands:
        if c.rule in ("bureau.gazetteer", "bureau.parent") and not c.reference:
            organs.setdefault(c.start, []).append(c.end)
    ordered = sorted(cands, key=lambda c: (c.start, -c.end))
    out = []
    last: _Cand | None = None  # the last outermost name before, in the sentence
    for c in ordered:
        if last is not None and (c.start < last.end or re.search("[。；;！？!?\n]", folded[last.end:c.start])):
            last = last if c.start < last.end else None
        if (c.rule == "bureau.department" and not c.key and last is not None and c.start >= last.end
                and _SIBLING_GAP.match(folded, last.end, c.start)):
            owner = min((e for e in organs.get(last.start, ()) if e < last.end), default=None)
            dept = folded[owner:last.end] if owner is not None else ""
            if owner is not None and dept.endswith(_BARE_DEPARTMENT_HEADS) and len(dept) >= 3:
                c = replace(c, key=folded[last.start:owner] + folded[c.start:c.end])
        if last is None or c.start >= last.end:
            last = c
        out.append(c)
    return out


def _departments_of_document_organ(folded: str, gaz, cands: list[_Cand]) -> list[_Cand]:
    """In a document whose first line opens with a national organ (教育部2023年工作要点…), a bare 司 that the
    gazetteer does not know (基础教育司) is that organ's department, keyed to its full name."""
    first_line = folded.find("\n")
    first_line = len(folded) if first_line < 0 else first_line
    organs = sorted((c for c in cands if c.rule in ("bureau.gazetteer", "bureau.parent") and c.start < first_line),
                    key=lambda c: c.start)
    if not organs:
        return cands
    inst = gaz.lookup(organs[0].key or folded[organs[0].start:organs[0].end])
    if (inst is None or inst.kind != "organ" or inst.level != "national" or folded[:organs[0].start].strip()
            or not inst.name.endswith(("部", "委员会", "总局", "局", "署"))):
        return cands
    out = []
    for c in cands:
        name = folded[c.start:c.end]
        if c.rule == "bureau.department" and not c.key and name.endswith("司") and gaz.lookup(name) is None:
            c = _Cand(c.start, c.end, c.rule, inst.name + name, c.confidence, c.prefixed)
        out.append(c)
    return out
