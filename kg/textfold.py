"""The one text fold: traditional → simplified characters, offset-preserving.

Extraction runs on simplified text so that one set of rules serves both scripts. The pipeline folds a
document once (:class:`~kg.model.Parsed` carries the folded text); extractors that fold a label or a
stand-alone string use :func:`fold` from here, never a converter of their own. The conversion keeps the
length, so offsets into the folded text are offsets into the original: OpenCC's phrase conversion is used
when it keeps the length, a character-by-character one otherwise. Surface forms are always taken from the
original text.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any


@cache
def _converter() -> Any:
    """OpenCC's traditional→simplified converter, created once on first use."""
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, with exactly the same length.

    >>> to_simplified("國務院辦公廳關於印發《條例》的通知")
    '国务院办公厅关于印发《条例》的通知'
    >>> to_simplified("abc")
    'abc'
    """
    if text.isascii():
        return text
    cc = _converter()
    out = cc.convert(text)
    if len(out) == len(text):
        return out
    chars = [cc.convert(ch) for ch in text]
    return "".join(c if len(c) == 1 else ch for c, ch in zip(chars, text, strict=True))


@lru_cache(maxsize=1 << 12)
def _fold_short(text: str) -> str:
    return to_simplified(text)


def fold(text: str) -> str:
    """:func:`to_simplified`, cached for short strings (labels are folded again and again).

    >>> fold("網絡視聽節目管理司")
    '网络视听节目管理司'
    >>> len(fold("第十一屆中國網絡視聽大會")) == len("第十一屆中國網絡視聽大會")
    True
    """
    return _fold_short(text) if len(text) <= 64 else to_simplified(text)



#: Full-width digits → ASCII digits, corner quotes 「」『』 → “”: one code point for one.
_MARKS = dict(zip("０１２３４５６７８９「」『』", "0123456789“”“”", strict=True))
_MARK = re.compile("[" + "".join(_MARKS) + "]")


def fold_marks(text: str) -> str:
    """``text`` with full-width digits as ASCII digits and corner quotes (「」『』) as “”, same length.

    The date and event grammars are written for ASCII digits and “” quotes; :func:`fold_grammar` applies
    this after :func:`fold` for them.

    >>> fold_marks("「２０１７年」")
    '“2017年”'
    """
    return _MARK.sub(lambda m: _MARKS[m.group()], text)


@lru_cache(maxsize=2)
def _fold_grammar_long(text: str) -> str:
    return fold_marks(to_simplified(text))


def fold_grammar(text: str) -> str:
    """:func:`fold` then :func:`fold_marks`: the text the date and event grammars match (same length).

    Cached: the date, event and document-year passes each fold the same document text.

    >>> fold_grammar("第十一屆「中國網絡視聽大會」２０２４年")
    '第十一届“中国网络视听大会”2024年'
    """
    return fold_marks(fold(text)) if len(text) <= 64 else _fold_grammar_long(text)
