"""Tokens and the left edge of names, shared by the Bureau and Organization extractors.

A name ends in a head (局, 司, 协会, 大学 …); where it starts comes from the jieba tokens: the walk left from
the head (:func:`walk_left`) stops at verbs, particles and punctuation, and a name with a level or organ prefix
(国家, 江西省, 省委, 公安部) starts at its farthest prefix. :class:`TokenIndex` looks tokens up by character,
:func:`indexed` makes the folded text and its index once per document for both extractors. The vocabulary
(stop words, prefixes, words that look like places but are not …) is package data: ``kg/data/bureaus/names.json``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from operator import sub

from ..model import Parsed, Token, Tokens, offsets
from .wordlists import chars, ordered, words

_AREA, _FILE = "bureaus", "names"

#: tokens that end a name on its left: verbs, prepositions, conjunctions, particles, adverbs
STOP_WORDS: frozenset[str] = words(_AREA, _FILE, "stop_words")
#: conjunctions that may sit inside a prefixed name (工业和信息化部, 文化和旅游厅)
INNER_CONJ: frozenset[str] = words(_AREA, _FILE, "inner_conjunctions")
#: national and party prefixes of organ names (国家, 中共中央, 省委, 新疆生产建设兵团)
PREFIX_WORDS: frozenset[str] = words(_AREA, _FILE, "prefix_words")
#: provinces and province-level cities and regions by their short geographic names (湖南, 北京, 内蒙古)
PROVINCES: frozenset[str] = words(_AREA, _FILE, "provinces")
#: regions whose bodies are not organs of the mainland state (their 局/署 are Organization)
OUTSIDE: tuple[str, ...] = ordered(_AREA, _FILE, "outside")
#: 2-character words ending in a head that are never names by themselves (布局, 公司, 部署, 干部 …)
WORD_ENDINGS: frozenset[str] = words(_AREA, _FILE, "word_endings")
#: words before a department that name its own organ (部办公厅, 我局办公室, 总局电影局)
OWNER_WORDS: frozenset[str] = words(_AREA, _FILE, "owner_words")
_NOT_PLACES = words(_AREA, _FILE, "not_places")
_PLACE_END = ordered(_AREA, _FILE, "place_ends")
_FUNCTION_CHARS = chars(_AREA, _FILE, "function_chars")
_LEVEL_WORDS_2 = words(_AREA, _FILE, "level_words_2")
_COMPLETE_ENDS = ordered(_AREA, _FILE, "complete_ends")
_NAME_ENDS = ordered(_AREA, _FILE, "name_ends")

#: a run of Chinese characters and quotes: what a name may be made of
NAME_CHARS = re.compile(r"^[\u4e00-\u9fff“”\"]+$")
QUOTES = ("“", "”", '"')
_LEVEL_CHAR = re.compile("[省市县区州]")
#: an alias definition after a name: （以下简称X）, （简称“X”）
ALIAS_DEF = re.compile(r"[（(](?:以下|下文)?(?:简称|称)(?:为)?[“\"「]?([^”\"」）)，,、]{2,20}?)[”\"」]?[）)]")


# ---------------------------------------------------------------------------------------------
# the token index


def _unsorted(tokens: Sequence[Token]) -> bool:
    """Whether the tokens are out of order (they are sorted before indexing then)."""
    return any(tokens[i].start > tokens[i + 1].start for i in range(len(tokens) - 1))


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
            toks = _patched(text, tokens)
        self.tokens: Sequence[Token] = toks  # a Tokens when the segmenter's tokens tile the text
        self.at: list[int] = _char_index(toks)

    def token_at(self, offset: int) -> Token | None:
        """The token holding the character at ``offset`` (``None`` outside the text)."""
        return self.tokens[self.at[offset]] if 0 <= offset < len(self.text) else None

    def before(self, offset: int) -> Token | None:
        """The token holding the character just before ``offset``."""
        return self.token_at(offset - 1) if offset > 0 else None


def _patched(text: str, tokens: Sequence[Token]) -> list[Token]:
    """Tokens that do not tile ``text`` made to: gaps and overlapping or out-of-range tokens become single
    characters, glued levels are split (:func:`_split_glued`)."""
    toks: list[Token] = []
    pos = 0
    for t in sorted(tokens, key=lambda t: (t.start, t.end)) if _unsorted(tokens) else tokens:
        if t.start < pos or t.end > len(text) or t.start >= t.end:
            continue  # overlapping or out of range: the characters stay single
        toks += [Token(text[i], i, i + 1) for i in range(pos, t.start)]
        toks += _split_glued(text, t) or [t]
        pos = t.end
    toks += [Token(text[i], i, i + 1) for i in range(pos, len(text))]
    return toks


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
    words_: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for n, parts in [*splits, (len(tokens), [])]:
        words_ += tokens.words[pos:n]
        starts += tokens.starts[pos:n]
        ends += tokens.ends[pos:n]
        words_ += [p.text for p in parts]
        starts += [p.start for p in parts]
        ends += [p.end for p in parts]
        pos = n + 1
    return Tokens(words_, starts, ends)


def indexed(parsed: Parsed) -> tuple[str, TokenIndex]:
    """The folded text of a parsed document and its :class:`TokenIndex`, made once per ``Parsed`` object:
    the Bureau and Organization extractors share them. They are kept in ``parsed.derived`` (outside
    equality and repr)."""
    index = parsed.derived.get("token_index")
    if not isinstance(index, TokenIndex):
        index = parsed.derived["token_index"] = TokenIndex(parsed.folded, parsed.tokens)
    return parsed.folded, index


def tokens_ending(index: TokenIndex, folded: str, chars_: str) -> list[Token]:
    """The tokens whose last character is one of ``chars_``, in order (found from the text, not token by token)."""
    out = []
    tokens, at = index.tokens, index.at
    for m in re.finditer(f"[{re.escape(chars_)}]", folded):
        tok = tokens[at[m.start()]]
        if tok.end == m.end():
            out.append(tok)
    return out


# ---------------------------------------------------------------------------------------------
# words


def is_place(word: str) -> bool:
    """A named place with its level: 江西省, 北京市, 上饶市, 朝阳区 (not 城市, 社区, 直辖市)."""
    if word.endswith(("盟", "旗")) and (len(word) < 4 or word.endswith(("联盟", "同盟", "红旗", "国旗", "党旗"))):
        return False  # 锡林郭勒盟, 正蓝旗 are places; 联盟, 红旗 are not
    return (2 <= len(word) <= 8 and word.endswith(_PLACE_END) and word not in _NOT_PLACES and word[0] != "各"
            and word not in PREFIX_WORDS and bool(NAME_CHARS.match(word)))


def is_organ_word(word: str) -> bool:
    """A token that is itself an organ name: 公安部, 江西省人民政府, 宣传部 (3+ characters, a head at the end)."""
    return (len(word) >= 3 and word.endswith(("人民政府", "政府", "部", "委", "局", "厅", "署", "办公厅", "委员会"))
            and word not in WORD_ENDINGS and bool(NAME_CHARS.match(word)) and not word.startswith(OUTSIDE))


def is_prefix(word: str, organs: frozenset[str] = frozenset()) -> bool:
    """A word that may start an organ name: a level, a place, a party committee, an organ."""
    if word in PREFIX_WORDS or word in organs or is_place(word) or is_organ_word(word):
        return True
    return len(word) >= 3 and word.endswith("委") and is_place(word[:-1])  # 江西省委


def is_stop(word: str) -> bool:
    """A stop word, or two stop words glued into one token by jieba (继续加强, 并由)."""
    if word in STOP_WORDS:
        return True
    return any(word[:i] in STOP_WORDS and word[i:] in STOP_WORDS for i in range(1, len(word)))


def balanced(s: str) -> bool:
    """Whether the quotes of ``s`` are balanced (“…” pairs, an even number of ")."""
    return s.count("“") == s.count("”") and s.count('"') % 2 == 0


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
    collected, stopped_by = _collect(index, folded, head_start, organs, max_prefixed, stops)
    collected, stopped_by = _cut_at_conjunction(collected, stopped_by, organs)
    if not collected:
        return None
    best = None
    for n, (s, word) in enumerate(collected):
        if word not in QUOTES and is_prefix(word, organs) and balanced(folded[s:head_start]):
            best = n
    if best is not None:
        return Walk(collected[best][0], True, stopped_by if best == len(collected) - 1 else "")
    return _bare_start(collected, head_start, max_bare, stopped_by)


def _stop_at(word: str, folded: str, s: int, head_start: int, organs: frozenset[str], stops: frozenset[str],
             collected: bool) -> tuple[bool, str | None]:
    """Whether the walk ends at ``word`` (starting at ``s``), and the word that ended it (``None``: not
    recorded); quotes are passed over."""
    if word == "“" and not collected:
        return True, None
    if word == "“" and balanced(folded[s + 1:head_start]):
        return True, word  # the name opens a quotation: a clean left edge
    if word in QUOTES:
        return False, None
    if not NAME_CHARS.match(word):
        return True, None
    if (is_stop(word) or word in stops) and word not in INNER_CONJ and not is_prefix(word, organs):
        return True, word
    if word in OWNER_WORDS and collected:
        return True, word  # 部文化市场综合执法监督局: the ministry's own department
    if len(word) > 1 and word[0] in "各该本其此" and not is_place(word):
        return True, word[0]  # 各部委, 该局: a determiner glued to the head
    return False, None


def _collect(index: TokenIndex, folded: str, head_start: int, organs: frozenset[str], max_prefixed: int,
             stops: frozenset[str]) -> tuple[list[tuple[int, str]], str]:
    """The name-like words left of ``head_start`` (start, word), right to left, and the word that stopped them."""
    collected: list[tuple[int, str]] = []
    pos = head_start
    stopped_by = ""
    tok = index.before(pos)
    while tok is not None:
        s = tok.start
        word = folded[s:min(tok.end, pos)]
        stop, by = _stop_at(word, folded, s, head_start, organs, stops, bool(collected))
        if stop:
            stopped_by = by if by is not None else stopped_by
            break
        if word not in QUOTES and head_start - s > max_prefixed:
            break
        collected.append((s, word))
        pos = s
        tok = index.before(pos)
    return collected, stopped_by


def _cut_at_conjunction(collected: list[tuple[int, str]], stopped_by: str,
                        organs: frozenset[str]) -> tuple[list[tuple[int, str]], str]:
    """A conjunction next to a prefix (or at either end, or after a complete name) ends the name."""
    for n, (_, word) in enumerate(collected):
        if word in INNER_CONJ:
            right = collected[n - 1][1] if n > 0 else ""
            left = collected[n + 1][1] if n + 1 < len(collected) else ""
            if (not right or not left or is_prefix(right, organs) or is_prefix(left, organs) or left in QUOTES
                    or (len(left) >= 3 and left.endswith(_COMPLETE_ENDS))):
                return collected[:n], word
    return collected, stopped_by


def _bare_start(collected: list[tuple[int, str]], head_start: int, max_bare: int, stopped_by: str) -> Walk | None:
    """Where a name without a prefix starts: at most ``max_bare`` characters, up to a conjunction or quote."""
    bare: list[int] = []
    for n, (s, word) in enumerate(collected):
        if word in INNER_CONJ and bare:
            left = collected[n + 1][1] if n + 1 < len(collected) else ""
            if left.endswith(_NAME_ENDS) or not left or left in QUOTES:
                # after a complete name (出版管理司和印刷发行司, 清华大学和复旦大学) the conjunction is a clean edge
                return Walk(bare[-1], False, word if left else "<cut>")
        elif word in INNER_CONJ or word in QUOTES:
            return Walk(bare[-1], False, "<cut>") if bare else None
        if head_start - s > max_bare:
            return Walk(bare[-1], False, "<long>") if bare else None
        bare.append(s)
    return Walk(bare[-1], False, stopped_by)  # a conjunction inside: 国际交流与合作局

