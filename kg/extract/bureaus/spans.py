"""Candidates of the bureau passes and the span indexes that keep the passes linear on a long document."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, overload


@dataclass(frozen=True)
class Cand:
    """A bureau candidate: a span, the rule that found it and the key of the organ it names ('' = its text)."""

    start: int
    end: int
    rule: str
    key: str = ""
    confidence: float = 1.0
    prefixed: bool = False  # the name starts with a level or organ prefix
    info: tuple[tuple[str, str], ...] = ()  # level and sector of a generic organ
    reference: bool = False  # an anaphor (该局, 本局, 我部) that refers to the organ without naming it


def name_of(c: Cand, folded: str) -> str:
    """The name a candidate stands for: its key, else its text."""
    return c.key or folded[c.start:c.end]


def dedupe(cands: list[Cand]) -> list[Cand]:
    """One candidate per span: the gazetteer's, else the keyed and most confident one."""
    best: dict[tuple[int, int], Cand] = {}
    for c in cands:
        k = (c.start, c.end)
        o = best.get(k)
        if o is None or (c.rule == "bureau.gazetteer") > (o.rule == "bureau.gazetteer") or (
                o.rule != "bureau.gazetteer" and (bool(c.key), c.confidence) > (bool(o.key), o.confidence)):
            best[k] = c
    return sorted(best.values(), key=lambda c: (c.start, c.end))


def established(cands: Iterable[Cand], folded: str) -> list[tuple[int, str]]:
    """The names of ``cands`` with their starts, sorted: what a short form or a self reference may refer to."""
    return sorted((c.start, name_of(c, folded)) for c in cands)


def inside(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``span`` lies inside another of ``spans`` (not equal to it)."""
    s, e = span
    return any(a <= s and e <= b and (a, b) != (s, e) for a, b in spans)


def overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]] | Spans) -> bool:
    """Whether ``span`` overlaps one of ``spans``: a :class:`Spans` answers in log time, a plain iterable by a scan."""
    s, e = span
    if isinstance(spans, Spans):
        return spans.overlaps(s, e)
    return any(s < b and a < e for a, b in spans)


class Spans:
    """Fixed spans that answer "does any overlap [s, e)?" by bisection instead of a scan of them all.

    Some span ``(a, b)`` has ``a < e`` and ``b > s`` exactly when the largest end among the spans
    starting before ``e`` exceeds ``s``: a prefix maximum of ends over the sorted starts, n log n to build.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        pairs = sorted(spans)
        self.starts = [a for a, _ in pairs]
        self.reach = list(accumulate((b for _, b in pairs), max))

    def overlaps(self, s: int, e: int) -> bool:
        """Whether some span overlaps ``[s, e)``."""
        i = bisect_left(self.starts, e)
        return i > 0 and self.reach[i - 1] > s


class Near:
    """Items with ``start``/``end`` indexed by start: :meth:`near` gives, in their list order, those that
    can overlap or hold ``[s, e]`` (start within the longest item's length before ``s``, up to ``e``).

    A superset of every item meeting or holding the span, found by bisection, so a test over it costs
    the items near the span instead of all of them.
    """

    def __init__(self, items: Sequence[Any]) -> None:
        self.items = items
        self.order = sorted(range(len(items)), key=lambda i: (items[i].start, i))
        self.starts = [items[i].start for i in self.order]
        self.longest = max((x.end - x.start for x in items), default=0)

    def near(self, s: int, e: int) -> list[Any]:
        """The items that may meet or hold ``[s, e]``, in list order."""
        lo = bisect_left(self.starts, s - self.longest)
        hi = bisect_right(self.starts, e, lo)
        return [self.items[i] for i in sorted(self.order[lo:hi])]


class NamesBefore(Sequence[str]):
    """The names of ``established`` (sorted ``(start, name)`` pairs) starting before ``pos``, as a view (no copy)."""

    def __init__(self, established: Sequence[tuple[int, str]], pos: int) -> None:
        self.established = established
        self.n = bisect_left(established, (pos,))  # (pos,) sorts before every (pos, name)

    def __len__(self) -> int:
        return self.n

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [name for _, name in self.established[:self.n][i]]
        if not -self.n <= i < self.n:
            raise IndexError(i)
        return self.established[i % self.n][1]

    def __reversed__(self) -> Iterator[str]:
        return (self.established[i][1] for i in range(self.n - 1, -1, -1))


# ---------------------------------------------------------------------------------------------
# one pattern of many words


def alternation(words: Iterable[str]) -> re.Pattern[str] | None:
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
    """The regex of one trie node: its branches, optional where a word ends."""
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # where a word ends, going on is optional (greedy: the longer word first, as in the longest-first alternation)
    return f"(?:{body})?" if "" in node else body
