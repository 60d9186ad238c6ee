"""The Project extractor's view of one document, and the candidate spans its passes produce.

:class:`ProjectDoc` holds the folded text (traditional → simplified by :func:`kg.textfold.fold`,
every kind of quote mark read as “”) with its token boundaries and its quote and title spans,
built once per document and shared by every pass of :mod:`kg.extract.projects`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Parsed, Token, offsets
from . import project_rules as R

QUOTE = re.compile(r"“([^“”\n]{1,40})”")
TITLE = re.compile(r"《[^《》\n]{1,120}》")
#: Characters that end a clause or a list item (a name never runs across them).
DELIMS = frozenset("，。；：！？、“”《》〈〉「」『』\n,;:!?")
#: The longest unquoted programme name taken.
MAX_NAME = 34
#: Chinese numerals as numbers (两 counts too).
CN_COUNT = {c: i for i, c in enumerate("零一二三四五六七八九十", 0)} | {"两": 2}
#: Other quote marks, read as “” (same length, so offsets hold): 「」『』 of Hong Kong and Taiwan texts.
_QUOTE_MARKS = str.maketrans({"「": "“", "」": "”", "『": "“", "』": "”"})


def read_quotes(text: str) -> str:
    """``text.translate(_QUOTE_MARKS)``, without a look-up per character when there is nothing to replace."""
    return text.translate(_QUOTE_MARKS) if any(q in text for q in "「」『』") else text


@dataclass(frozen=True)
class Cand:
    """A candidate span with its rule; ``label`` None means the span text without enclosing marks."""

    start: int
    end: int
    rule: str
    confidence: float
    label: str | None = None


class ProjectDoc:
    """The folded text with token boundaries, quote and title spans (built once per document).

    The pipeline has already folded the whole document with :func:`kg.textfold.to_simplified`, so
    folding it again changes nothing there; a caller passing traditional text directly gets the same
    phrase-aware conversion the pipeline would apply.
    """

    def __init__(self, parsed: Parsed) -> None:
        self.raw = parsed.text
        self.folded = parsed.folded  # quote marks as written
        self.text = read_quotes(self.folded)
        self.tokens: Sequence[Token] = parsed.tokens
        self.starts, ends = offsets(self.tokens)
        self.bounds = frozenset(self.starts) | frozenset(ends)
        self.quotes = [(m.start(), m.end()) for m in QUOTE.finditer(self.text)]
        self.quote_starts = [q[0] for q in self.quotes]
        self.titles = [(m.start(), m.end()) for m in TITLE.finditer(self.text)]
        self.title_starts = [t[0] for t in self.titles]
        self.exchange_years: list[Cand] | None = None  # filled once by the projects' year passes

    def token_index(self, pos: int) -> int:
        """Index of the token holding character ``pos`` (or the last one starting before it)."""
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def in_quote(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside a quoted span (not on its marks)."""
        i = bisect.bisect_right(self.quote_starts, start) - 1
        return i >= 0 and self.quotes[i][0] < start and end <= self.quotes[i][1]

    def in_title(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside a title in 《》."""
        i = bisect.bisect_right(self.title_starts, start) - 1
        return i >= 0 and self.titles[i][0] < start and end <= self.titles[i][1]

    def end_ok(self, end: int) -> bool:
        """A programme word ends a name: a word boundary, not a modifier (试点城市, 计划生育)."""
        after = self.text[end:end + 6]
        if R.bad_follower(after):
            return False
        if end in self.bounds or end >= len(self.text):
            return True
        tok = self.tokens[self.token_index(end)] if self.tokens else None
        if tok is None:
            return True
        return self.text[end:tok.end] in ("工作", "建设", "成果")
