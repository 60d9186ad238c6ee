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
from dataclasses import dataclass, replace

from ..model import Mention, Parsed
from .base import ExtractContext, make_mention
from .tokens import (
    ALIAS_DEF,
    PROVINCES,
    STOP_WORDS,
    TokenIndex,
    indexed,
    is_place,
    is_prefix,
    tokens_ending,
    walk_left,
)


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


#: heads that make a name by themselves after a proper body
_STRONG = ("集团股份有限公司", "集团有限责任公司", "集团有限公司", "股份有限公司", "有限责任公司", "有限公司", "公司", "集团", "研究会", "联合会", "促进会", "基金会", "协会", "学会",
           "商会", "联盟", "研究院", "科学院", "设计院", "研究所", "事务所", "管理所", "研究中心", "信息中心", "数据中心",
           "技术中心", "监测中心", "评估中心", "认证中心", "检测中心", "鉴定中心", "发展中心", "交流中心", "大学", "日报社", "日报",
           "晚报", "早报", "时报", "周报", "商报", "青年报", "报社", "杂志社", "出版社", "通讯社", "新闻社", "规划院")
#: heads that need a prefix or a parent organisation (学院, 系, 中心, 电视台, 报 …)
_WEAK = ("国家重点实验室", "重点实验室", "广播电视总台", "广播电视台", "电视台", "广播电台", "电台", "学院", "实验室",
         "图书馆", "博物馆", "美术馆", "纪念馆", "档案馆", "科技馆", "文化馆", "中心", "系", "报")
_HEADS = tuple(sorted(_STRONG + _WEAK, key=len, reverse=True))
_HEAD_RE = re.compile("|".join(map(re.escape, _HEADS)))
_WEAK_SET = frozenset(_WEAK)
#: a city's goal written like a centre's name (建设上海国际金融中心, 国际航运中心, 国际科技创新中心)
_GOAL_CENTRE = re.compile(r"国际(?:金融|航运|贸易|经济|消费|科技创新|创新|再保险|文化|旅游|交往|信息|物流)$")
#: heads that name one body only with a prefix or a parent (上海市律师协会, 中华全国妇女联合会): a statute writes
#: 科学技术协会, 残疾人联合会, 律师事务所 for the kind of body found at every level
_KIND_HEADS = frozenset({"协会", "联合会", "学会", "研究会", "促进会", "基金会", "商会", "事务所", "管理所"})
#: heads whose bare two-character bodies are kinds, not names (产业联盟, 行业协会)
_ASSOCIATIONS = frozenset({"联盟", "协会", "学会", "研究会", "联合会", "促进会", "基金会", "商会", "集团"})

#: what may follow a head when it starts another word (报道, 联盟地区, 大学生, 系统 …)
_CONTINUATIONS = {
    "报": "道告送刊纸名表批备复到考价销账喜", "系": "统列数", "联盟": "地区城成国采集", "大学": "生", "学院": "派",
    "中心": "城区位线", "集团": "化军", "协会": "员", "公司": "法化", "学会": "了",
}
#: words ending in a head that name no organisation
_NOT_NAMES = _words("体系 关系 联系 派系 水系 维系 直系 旁系 母系 星系 谱系 院系 科系 情报 简报 通报 年报 月报 周报 日报 "
                    "公报 汇报 举报 申报 快报 海报 画报 电报 预报 警报 捷报 喜报 回报 上报 呈报 填报 报报 晚报 早报 "
                    "子公司 分公司 母公司 总公司 该公司 本公司 各公司 核心 重心 圆心 渠系 必要时报 及时报 同时报 随时报 届时报 适时报 "
                    "按时报 定时报 临时报 逐级报")
#: first words of a body that make it a category, not a name (行业协会, 上市公司, 大型出版传媒集团)
_GENERIC = _words("""
上市 国有 民营 子 分 母 各 该 本 有关 相关 其他 其它 一些 多家 网络 科技 互联网 文化 传媒 出版 影视 电影 演出 广告 发行
经营 中介 投资 外资 合资 独资 私营 大型 中小 小型 新型 骨干 平台 经纪 制作 技术 服务 物流 建筑 房地产 保险 金融 证券
咨询 管理 工程 贸易 商贸 电子 信息 软件 游戏 动漫 视频 直播 短视频 电商 快递 医药 药品 生产 销售 外国 境外 国外 外商
中外 跨国 相应 同类 行业 社会 地方 基层 民间 专业 学术 全国性 各类 各级 重点 知名 优秀 一流 高水平 新闻 报刊 期刊 图书
广播 电视 出版物 企业 公益 非营利 营利性 综合性 区域性 地区性 国际性 行业性 科研 研究 高等 普通 民办 公办 部属 地方性
文旅 旅游 产业 智库 创新 孵化 众创 融媒体 志愿服务 实践 全省性 全市性 第三方 建设 设立 组建 成立 依托 推动 推进 加强 完善 培育 打造
""")
#: words anywhere in a body that make it a category (一批大型出版传媒集团, 骨干文化企业集团)
_CATEGORY = _words("大型 中小 小型 骨干 一批 若干 一流 知名 优秀 重点 各类 龙头 头部 新型 主要 多家 一家 一些 相关 有关 国有 民营 "
                   "上市 相应 这些 部分 各 两级 三级 各级")
#: levels used as adjectives (省级融媒体中心, 国家级实验室): a kind of body, not a name
_LEVEL_ADJECTIVES = _words("省级 市级 县级 区级 乡级 国家级 各级 地市级 副省级")
#: extra stop words for organisation names (verbs that a bureau name may contain: 组织, 代表 …)
_STOPS = _words("组织 代表 形成 加入 成为 构建 打造 培育 支持 组成 依托 联合组建 联合 牵头 指导 会同 推荐 邀请 委托 授权 设立 "
                "共建 合建 筹建 新建 创建 建成 挂牌")
#: verbs, modals and function words of statutes that end an organisation name on its left (人民法院宣告|证券公司,
#: 应当认定|会计师事务所, 可以责令|证券公司): a clause, not a name, runs through them
_CLAUSE_WORDS = _words("""
查处 涉及 认定 接管 处置 宣告 使用 明知 责令 转到 属于 隐瞒 受理 入职 撤销 裁定 审理 聘请 选择 确定 发现 核查
清查 转让 托管 妨碍 控制 化解 关闭 清理 整顿 调入 转租 致使 纳入 退出 指派 转由 买卖 可以 应当 应 须 必须 不得 可 凡
编制 撤回 以其 由其 对其 向其 自该 给 转 未 拒绝 如 签署 申请 取得 办理 注销 吊销 聘用 雇用 委派 指定 提供 获得 收购 兼并
合并 分立 解散 涉嫌 报请 报送 提请 移送 移交 交由 通知 告知 要求 禁止 允许 批准 核准
""")
#: kinds of bodies that statutes name generically (证券公司, 会计师事务所, 行业协会): before a head they make a
#: name only after a proper prefix (中国证券业协会, 上海市律师协会), never after a clause
_LEGAL_KINDS = _words("证券 期货 基金 基金管理 导游服务 会计师 注册会计师 律师 审计师 消费者 行业 犯罪 诈骗 担保 租赁 小额贷款 保理 保险 保安服务 "
                      "关联 私有 居民 专业 外国 船 电力 石油 航空 燃气 供水 供电 股份 该 其 这家")
#: characters that end an organ or a body: a 报 after them is the verb "report to" (国务院报, 人民政府报)
_ORGAN_LAST = frozenset("府院部局委会关门行心构署厅办司所时直")
#: what follows a newspaper's name when it is one (中国文化报记者, 法治报报道); a 报 followed by anything else
#: written in characters is the verb "report to" (…报省人民政府批准)
_NEWS_FOLLOWERS = ("记者", "报道", "发表", "刊发", "刊登", "刊载", "载文", "评论", "社论", "头版", "消息", "近日", "日前",
                   "讯", "社", "网", "称", "的", "和", "与", "、", "等")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
#: abbreviated national associations written as one word (中国作协, 中国文联, 全国妇联)
_ABBREV = re.compile(r"^(?:中国|全国)[\u4e00-\u9fff]{1,2}[协联]$")
#: authorities outside the mainland administration
_OUTSIDE_RE = re.compile(r"(?:香港|澳门|台湾|澳門|臺灣)(?:特别行政区)?(?:(?!设立|设置|签署|部署|拒绝|如|的|和|由)"
                         r"[\u4e00-\u9fff]){2,10}?(?:管理局|委员会|局|署)")


#: institutions whose names carry no head the rules know, or that are known by an abbreviation:
#: surface → full name (central news media and academies of the State Council, 国发〔2023〕5号 and the 2018
#: reform plan; national people's organisations, by their own statutes; see ontology/gazetteer/README.md)
KNOWN_ORGANIZATIONS: dict[str, str] = {
    "中央广播电视总台": "中央广播电视总台", "新华通讯社": "新华通讯社", "新华社": "新华通讯社",
    "中国新闻社": "中国新闻社", "中新社": "中国新闻社", "中央电视台": "中央电视台", "央视": "中央电视台",
    "中央人民广播电台": "中央人民广播电台", "中国国际广播电台": "中国国际广播电台",
    "中国国际电视台": "中国国际电视台", "中国环球电视网": "中国国际电视台",
    "中国科学院": "中国科学院", "中科院": "中国科学院", "中国社会科学院": "中国社会科学院",
    "中国社科院": "中国社会科学院", "中国工程院": "中国工程院",
    "中华全国总工会": "中华全国总工会", "全国总工会": "中华全国总工会", "共青团中央": "共青团中央",
}
#: bodies named as a whole without any head (GUIDELINES.md: 中国共产党 as a whole and 中国人民解放军 are
#: Organizations): the party by its constitution (中国共产党章程), the army by the National Defence Law
#: (中华人民共和国国防法, 2020, art. 22: the armed forces are 中国人民解放军, 中国人民武装警察部队 and the militia)
WHOLE_BODIES: tuple[str, ...] = ("中国共产党", "中国人民解放军", "中国人民武装警察部队")
_WHOLE_RE = re.compile("|".join(map(re.escape, WHOLE_BODIES)))
#: what makes a whole body the first words of a longer name (中国共产党中央委员会, 中国共产党第二十次全国代表大会,
#: 中国共产党北京市委员会): that name is another entity (a Bureau, an Event), not the body as a whole
_LONGER_NAME = re.compile(r"中央|第[一二三四五六七八九十百]|[\u4e00-\u9fff]{0,10}?(?:委员会|代表大会|支部|党组|组织)"
                          r"|(?:建党|建军|成立)?[一二三四五六七八九十百\d]+周年")
_KNOWN_RE = re.compile("|".join(map(re.escape, sorted(KNOWN_ORGANIZATIONS, key=lambda s: (-len(s), s)))))
#: heads of the units of a university or an academy, listed after one of its units (…新闻学院、动画学院)
_UNIT_HEADS = ("研究中心", "研究所", "研究院", "实验室", "学院", "中心", "系")


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
    out: list[_Cand] = []
    parents = _parents(folded, index)
    places = _places(folded, index)
    for m in _HEAD_RE.finditer(folded):
        head = m.group()
        hs, he = m.span()
        nxt = folded[he:he + 1]
        if nxt and nxt in _CONTINUATIONS.get(head, ""):
            continue
        tok = index.token_at(he - 1)
        if tok is not None and tok.end > he and folded[he:tok.end] not in STOP_WORDS:
            continue  # the head starts a longer word (报道, 系统, 大学生)
        if tok is not None and tok.end == he and folded[tok.start:tok.end] in _NOT_NAMES:
            continue
        if (head != "报" and folded[max(0, hs - 1):he] in _NOT_NAMES) or folded[max(0, hs - 2):he] in _NOT_NAMES:
            continue  # 金融体系, 密切联系, 必要时报: the head is the end of a word whatever the tokens
        if head == "报" and (folded[hs - 1:hs] in _ORGAN_LAST or (
                _CJK_CHAR.match(folded[he:he + 1]) and not folded.startswith(_NEWS_FOLLOWERS, he))):
            continue  # 国务院报, 审查报省人民政府: "report to", no newspaper
        w = walk_left(index, folded, hs, organs=parents, stops=_STOPS | _NOT_NAMES | _CLAUSE_WORDS, max_bare=12)
        if w is None or w.stopped_by in ("各", "该", "本", "其", "有关", "相关", "其他", "各级", "各地", "各类"):
            continue
        start = _after_list(folded, w.start, hs)
        body = folded[start:hs]
        if len(body) < 2 or (body + head) in _NOT_NAMES or "某" in body:
            continue  # 某网络公司: an anonymised body is no name
        first = index.token_at(start)
        first_word = folded[first.start:min(first.end, hs)] if first is not None else body
        prefixed = (w.prefixed and start == w.start) or _proper_prefix(first_word, parents, places)
        newspaper = head in ("日报", "晚报", "早报", "时报", "周报", "商报", "青年报", "日报社")
        if not prefixed and not newspaper and (first_word in _GENERIC or body in _GENERIC or len(first_word) < 2):
            continue  # a category (行业协会) or a phrase opened by a one-character verb (跨区域联盟)
        if not prefixed and head in _ASSOCIATIONS and len(body) < 3:
            continue  # 产业联盟, 战略联盟: a two-character body names a kind of alliance
        words = [folded[max(t.start, start):min(t.end, hs)]
                 for t in index.tokens[index.at[start]:index.at[hs - 1] + 1]]
        if head == "中心" and (_GOAL_CENTRE.search(body) or body.endswith("副")):
            continue  # 上海国际金融中心, 北京城市副中心: what a city is to become, a place; no body
        if head.endswith("馆") and ("公共" in body or "各" in body):
            continue  # 全国公共图书馆: the kind of institution a statute governs, not one of them
        if _clause_or_kind(body, parents, places):
            continue  # 接管证券公司, 餐饮行业协会, 国家有关公司: a clause, a kind of body, no name
        if any(w in _CATEGORY or w[:2] in _CATEGORY for w in words):
            continue  # 一批大型出版传媒集团, 上市公司行业协会
        if not prefixed and any(w.endswith(_HEADS) for w in words if len(w) >= 2):
            continue  # a bare body holding another head (产业联盟行业协会) is two phrases
        if (head in _WEAK_SET or head in _KIND_HEADS) and not prefixed:
            continue  # 计划生育协会, 审计事务所, 工商行政管理所 without a place or parent: a kind of body
        if not prefixed and w.stopped_by in ("<long>", "<cut>"):
            continue
        if prefixed and (first_word in _GENERIC or first_word in _LEVEL_ADJECTIVES):
            continue  # 省级融媒体中心: a level names a kind of body, not one body
        if _in_title(folded, start, he):
            continue
        out.append(_Cand(start, he, "org.prefixed" if head in _WEAK_SET else "org.suffix",
                         0.85 if prefixed else 0.75))
    return out


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
_UNIT_ENDS = ("部门", "机构", "机关", "单位", "组织", "企业", "法律", "法规", "项目", "会", "院", "所", "局", "委", "厅")


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
            cands.append(_Cand(tok.start, tok.end, "org.abbreviation", 0.7))
    for m in _OUTSIDE_RE.finditer(folded):
        if folded[m.end():m.end() + 1] != "长":
            cands.append(_Cand(m.start(), m.end(), "org.outside", 0.7))
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
        out.append(_Cand(s, e, "org.quoted", 0.8))
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
        out.append(_Cand(s, e, "org.known", 0.9, "" if full == m.group() else full))
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
                out.append(_Cand(m.start(), m.end(), "org.alias", 0.8, full))
    return out


def _whole_body_cands(folded: str) -> list[_Cand]:
    """中国共产党, 中国人民解放军 named as a whole: not as the first words of a longer name, not inside a title."""
    out = []
    for m in _WHOLE_RE.finditer(folded):
        s, e = m.span()
        if _LONGER_NAME.match(folded, e) or folded.rfind("《", 0, s) > folded.rfind("》", 0, s):
            continue
        out.append(_Cand(s, e, "org.whole", 0.9))
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
            out.append(_Cand(s, e, "org.sibling", 0.7, owner + folded[s:e]))
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
