"""Traditional → simplified characters, offset-preserving.

Extraction runs on simplified text so that one set of rules serves both
scripts; offsets stay valid because the conversion keeps the length (OpenCC's
phrase conversion is used when it does, a character-by-character one
otherwise). Surface forms are always taken from the original text.
"""

from __future__ import annotations

from functools import cache


@cache
def _converter():
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
    return "".join(c if len(c) == 1 else ch for c, ch in zip(chars, text))
