"""What every extractor shares: its context, its signature, and span helpers.

An extractor is a callable ``(parsed, ctx) -> list[Mention]``: it reads a
:class:`~kg.model.Parsed` document and returns typed spans. Extractors do not
see each other's output; overlaps are settled afterwards by
:func:`kg.extract.merge_mentions`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from ..model import Mention, Parsed

#: Quote marks stripped from the ends of a label (the contract: labels without enclosing 《》 or “”).
_ENCLOSING = {"《": "》", "“": "”", "〈": "〉", "「": "」", "『": "』", '"': '"', "‘": "’"}


@dataclass(frozen=True)
class ExtractContext:
    """What extractors may consult besides the text: the gazetteer and the document year."""

    gazetteer: object | None = None  # kg.gazetteer.Gazetteer
    year: int | None = None


Extractor = Callable[[Parsed, ExtractContext], list[Mention]]
T = TypeVar("T")


def strip_enclosing(label: str) -> str:
    """Remove one pair of enclosing 《》 / “” (and similar) marks and surrounding space.

    >>> strip_enclosing("《电影产业促进法》")
    '电影产业促进法'
    >>> strip_enclosing("“剑网”专项行动")
    '“剑网”专项行动'
    """
    s = label.strip()
    while len(s) >= 2 and s[0] in _ENCLOSING and s[-1] == _ENCLOSING[s[0]]:
        inner = s[1:-1]
        # only strip when the marks enclose the whole label (no inner closing mark first)
        if _ENCLOSING[s[0]] in inner and inner.index(_ENCLOSING[s[0]]) < (inner.find(s[0]) if s[0] in inner else len(inner)):
            break
        s = inner.strip()
    return s


def make_mention(parsed: Parsed, type_: str, start: int, end: int, rule: str, *, label: str | None = None,
                 key: str = "", value: str = "", confidence: float = 1.0) -> Mention:
    """A :class:`Mention` whose ``text`` is the exact document span."""
    text = parsed.text[start:end]
    return Mention(type=type_, start=start, end=end, text=text,
                   label=strip_enclosing(text) if label is None else label,
                   rule=rule, key=key, value=value, confidence=confidence, doc_id=parsed.doc.doc_id)


def derived(obj: object, name: str, make: Callable[[], T]) -> T:
    """``make()``, computed once per ``obj`` and kept on it under ``name`` (outside any dataclass fields):
    patterns and tables that depend only on the gazetteer, or only on one parsed document, are made
    once instead of once per document or per extractor."""
    memo = vars(obj).get("_kg_derived")
    if memo is None:
        memo = {}
        object.__setattr__(obj, "_kg_derived", memo)
    try:
        return memo[name]
    except KeyError:
        value = memo[name] = make()
        return value


def finditer(pattern: re.Pattern[str], text: str):
    """``pattern.finditer`` (kept as a seam for tests and profiling)."""
    return pattern.finditer(text)
