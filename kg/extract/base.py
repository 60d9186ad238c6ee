"""What every extractor shares: its context, its signature, and span helpers.

An extractor is a callable ``(parsed, ctx) -> list[Mention]``: it reads a
:class:`~kg.model.Parsed` document and returns typed spans. Extractors do not
see each other's output; overlaps are settled afterwards by
:func:`kg.extract.merge_mentions`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from ..model import Mention, Parsed

if TYPE_CHECKING:  # kg.gazetteer imports nothing of kg.extract: no cycle
    from ..gazetteer import Institution

#: Quote marks stripped from the ends of a label (the contract: labels without enclosing 《》 or “”).
_ENCLOSING = {"《": "》", "“": "”", "〈": "〉", "「": "」", "『": "』", '"': '"', "‘": "’"}


T = TypeVar("T")


class GazetteerView(Protocol):
    """What extractors and linkers ask of a gazetteer (:class:`kg.gazetteer.Gazetteer` is one): look-ups by
    name, alias, short form and parent, and tables derived from it once."""

    @property
    def institutions(self) -> tuple[Institution, ...]: ...

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[Institution]: ...

    def lookup(self, surface: str) -> Institution | None: ...

    def short_forms(self) -> dict[str, tuple[Institution, ...]]: ...

    def children(self, name: str) -> tuple[Institution, ...]: ...

    def parent_of(self, inst: Institution) -> Institution | None: ...

    def surfaces(self) -> list[str]: ...

    def derived(self, name: str, make: Callable[[], T]) -> T: ...


@dataclass(frozen=True)
class ExtractContext:
    """What extractors may consult besides the text: the gazetteer and the document year."""

    gazetteer: GazetteerView | None = None
    year: int | None = None


Extractor = Callable[[Parsed, ExtractContext], list[Mention]]


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
        close = _ENCLOSING[s[0]]
        if close in inner and inner.index(close) < (inner.find(s[0]) if s[0] in inner else len(inner)):
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


def derived(gazetteer: GazetteerView, name: str, make: Callable[[], T]) -> T:
    """``make()``, computed once per gazetteer and kept in its table of derived values under ``name``
    (:meth:`kg.gazetteer.Gazetteer.derived`): patterns that depend only on the gazetteer are made once
    instead of once per document or per extractor."""
    return gazetteer.derived(name, make)


def finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer`` (kept as a seam for tests and profiling)."""
    return pattern.finditer(text)
