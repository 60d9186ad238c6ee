"""Organization mentions: associations, institutes, universities, companies, newspapers, media.

A name ends in an organisation head (协会, 研究院, 大学, 公司, 日报, 联盟, 信息中心 …); its left
edge comes from the jieba tokens, as for bureaus (:func:`kg.extract.bureaus.walk_left`): the walk
stops at verbs, particles and punctuation, and a name with a prefix (中国, 北京市, 上海市, an organ)
starts at its farthest prefix. Rules (``Mention.rule``):

* ``org.suffix`` — a strong head (协会, 学会, 研究院, 研究所, 大学, 公司, 日报, 联盟 …) after a
  body that is not a generic category (行业协会, 上市公司, 出版传媒集团 are no names);
* ``org.prefixed`` — a weak head (学院, 系, 中心, 电视台, 报, 实验室) only with a prefix or a parent
  organisation (中国传媒大学法律系, 中国新闻出版广电报, 北京电视台);
* ``org.parent`` — the organisation at the start of a longer one (中国传媒大学 in …政法学院);
* ``org.abbreviation`` — abbreviated national associations written as one word (中国作协, 全国妇联);
* ``org.outside`` — authorities of Hong Kong, Macao and Taiwan (香港医院管理局), which are no
  organs of the mainland state.

Newspapers written in 《》 are left to the title extractor (rule ``org.newspaper-title``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Mention, Parsed
from .base import ExtractContext, make_mention
from .bureaus import (
    PROVINCES,
    STOP_WORDS,
    TokenIndex,
    fold,
    is_place,
    is_prefix,
    walk_left,
)


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


#: heads that make a name by themselves after a proper body
_STRONG = ("集团股份有限公司", "集团有限责任公司", "集团有限公司", "股份有限公司", "有限责任公司", "有限公司", "公司", "集团", "研究会", "联合会", "促进会", "基金会", "协会", "学会",
           "商会", "联盟", "研究院", "科学院", "设计院", "研究所", "事务所", "管理所", "研究中心", "信息中心", "数据中心",
           "技术中心", "监测中心", "评估中心", "认证中心", "检测中心", "鉴定中心", "发展中心", "交流中心", "大学", "日报社", "日报",
           "晚报", "早报", "时报", "周报", "商报", "青年报", "报社", "杂志社", "出版社", "通讯社", "新闻社")
#: heads that need a prefix or a parent organisation (学院, 系, 中心, 电视台, 报 …)
_WEAK = ("广播电视台", "电视台", "广播电台", "电台", "学院", "实验室", "中心", "系", "报")
_HEADS = tuple(sorted(_STRONG + _WEAK, key=len, reverse=True))
_HEAD_RE = re.compile("|".join(map(re.escape, _HEADS)))
_WEAK_SET = frozenset(_WEAK)
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
                    "子公司 分公司 母公司 总公司 该公司 本公司 各公司 核心 重心 圆心")
#: first words of a body that make it a category, not a name (行业协会, 上市公司, 大型出版传媒集团)
_GENERIC = _words("""
上市 国有 民营 子 分 母 各 该 本 有关 相关 其他 其它 一些 多家 网络 科技 互联网 文化 传媒 出版 影视 电影 演出 广告 发行
经营 中介 投资 外资 合资 独资 私营 大型 中小 小型 新型 骨干 平台 经纪 制作 技术 服务 物流 建筑 房地产 保险 金融 证券
咨询 管理 工程 贸易 商贸 电子 信息 软件 游戏 动漫 视频 直播 短视频 电商 快递 医药 药品 生产 销售 外国 境外 国外 外商
中外 跨国 相应 同类 行业 社会 地方 基层 民间 专业 学术 全国性 各类 各级 重点 知名 优秀 一流 高水平 新闻 报刊 期刊 图书
广播 电视 出版物 企业 公益 非营利 营利性 综合性 区域性 地区性 国际性 行业性 科研 研究 高等 普通 民办 公办 部属 地方性
""")
#: words anywhere in a body that make it a category (一批大型出版传媒集团, 骨干文化企业集团)
_CATEGORY = _words("大型 中小 小型 骨干 一批 若干 一流 知名 优秀 重点 各类 龙头 头部 新型 主要 多家 一家 一些 相关 有关 国有 民营 "
                   "上市 相应 这些 部分 各")
#: extra stop words for organisation names (verbs that a bureau name may contain: 组织, 代表 …)
_STOPS = _words("组织 代表 形成 加入 成为 构建 打造 培育 支持 组成 依托 联合组建 联合 牵头 指导 会同 推荐 邀请 委托 授权 设立")
#: abbreviated national associations written as one word (中国作协, 中国文联, 全国妇联)
_ABBREV = re.compile(r"^(?:中国|全国)[\u4e00-\u9fff]{1,2}[协联]$")
#: authorities outside the mainland administration
_OUTSIDE_RE = re.compile(r"(?:香港|澳门|台湾|澳門|臺灣)(?:特别行政区)?[\u4e00-\u9fff]{2,10}?(?:管理局|委员会|局|署)")


@dataclass(frozen=True)
class _Cand:
    start: int
    end: int
    rule: str
    confidence: float = 0.8


def _in_title(folded: str, start: int, end: int) -> bool:
    """The span is the whole of a 《》 title (left to the title extractor)."""
    return folded[start - 1:start] == "《" and folded[end:end + 1] == "》"


def _proper_prefix(word: str, parents: frozenset[str] = frozenset()) -> bool:
    """中国…, 全国…, a place (北京市, 湖南), an organ or a parent organisation (清华大学)."""
    return (is_prefix(word, parents) or word.startswith(("中国", "中华", "全国", "中央", "国家")) or is_place(word)
            or word in PROVINCES or word[:2] in PROVINCES or word[:3] in PROVINCES)


def _parents(folded: str, index: TokenIndex) -> frozenset[str]:
    """Tokens that are organisations themselves (清华大学, 中国社会科学院), parents of a unit after them."""
    out = set()
    for t in index.tokens:
        w = folded[t.start:t.end]
        head = next((h for h in _STRONG if w.endswith(h)), "")
        body = w[:-len(head)] if head else ""
        if len(w) >= 3 and body and w not in _NOT_NAMES and body not in _GENERIC and body not in _CATEGORY \
                and not body.startswith(tuple(_CATEGORY)):
            out.add(w)
    return frozenset(out)


def _suffix_cands(folded: str, index: TokenIndex) -> list[_Cand]:
    out: list[_Cand] = []
    parents = _parents(folded, index)
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
        w = walk_left(index, folded, hs, organs=parents, stops=_STOPS | _NOT_NAMES, max_bare=12)
        if w is None or w.stopped_by in ("各", "该", "本", "其", "有关", "相关", "其他", "各级", "各地", "各类"):
            continue
        start = w.start
        body = folded[start:hs]
        if len(body) < 2 or (body + head) in _NOT_NAMES:
            continue
        first = index.token_at(start)
        first_word = folded[first.start:min(first.end, hs)] if first is not None else body
        prefixed = w.prefixed or _proper_prefix(first_word, parents)
        newspaper = head in ("日报", "晚报", "早报", "时报", "周报", "商报", "青年报", "日报社")
        if not prefixed and not newspaper and (first_word in _GENERIC or body in _GENERIC or len(first_word) < 2):
            continue  # a category (行业协会) or a phrase opened by a one-character verb (跨区域联盟)
        if not prefixed and head in _ASSOCIATIONS and len(body) < 3:
            continue  # 产业联盟, 战略联盟: a two-character body names a kind of alliance
        words = [folded[t.start:min(t.end, hs)] for t in index.tokens[index.at[start]:index.at[hs - 1] + 1]]
        if any(w in _CATEGORY or w[:2] in _CATEGORY for w in words):
            continue  # 一批大型出版传媒集团, 上市公司行业协会
        if not prefixed and any(w.endswith(_HEADS) for w in words if len(w) >= 2):
            continue  # a bare body holding another head (产业联盟行业协会) is two phrases
        if head in _WEAK_SET and not prefixed:
            continue
        if not prefixed and w.stopped_by in ("<long>", "<cut>"):
            continue
        if prefixed and first_word in _GENERIC:
            continue
        if _in_title(folded, start, he):
            continue
        out.append(_Cand(start, he, "org.prefixed" if head in _WEAK_SET else "org.suffix",
                         0.85 if prefixed else 0.75))
    return out


def _chains(cands: list[_Cand]) -> list[_Cand]:
    """Of names that start together (中国传媒大学 / 中国传媒大学法律系) the shorter is the parent."""
    out = []
    for c in cands:
        if any(o.start == c.start and o.end > c.end for o in cands):
            c = _Cand(c.start, c.end, "org.parent", c.confidence)
        out.append(c)
    return out


def extract_organizations(parsed: Parsed, ctx: ExtractContext) -> list[Mention]:
    """Organisation names: a head with a proper body, abbreviations, authorities outside the mainland."""
    text = parsed.text
    if not text:
        return []
    folded = fold(text)
    index = TokenIndex(folded, parsed.tokens)
    cands = _suffix_cands(folded, index)
    # drop a bare name that is the tail of a longer one (政法学院 inside 中国传媒大学政法学院)
    cands = [c for c in cands if not any(o.start < c.start and o.end == c.end for o in cands)]
    for tok in index.tokens:
        if _ABBREV.match(folded[tok.start:tok.end]):
            cands.append(_Cand(tok.start, tok.end, "org.abbreviation", 0.7))
    for m in _OUTSIDE_RE.finditer(folded):
        if folded[m.end():m.end() + 1] != "长":
            cands.append(_Cand(m.start(), m.end(), "org.outside", 0.7))
    cands = _chains(_dedupe(cands))
    return [make_mention(parsed, "Organization", c.start, c.end, c.rule, confidence=c.confidence)
            for c in _dedupe(cands)]


def _dedupe(cands: list[_Cand]) -> list[_Cand]:
    best: dict[tuple[int, int], _Cand] = {}
    for c in cands:
        o = best.get((c.start, c.end))
        if o is None or c.confidence > o.confidence:
            best[(c.start, c.end)] = c
    return sorted(best.values(), key=lambda c: (c.start, c.end))
