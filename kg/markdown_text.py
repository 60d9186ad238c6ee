"""Markdown as text: markup blanked in place, so offsets stay offsets into the file.

A Markdown document's text (``Document.text``) is its source with every piece of
markup — heading marks (``#``, setext underlines), HTML comments and tags, bullets
and block-quote markers, emphasis and code marks, link targets, table pipes and
rules, fence lines, backslash escapes — replaced by spaces of the same length
(newlines are kept); an ordered item's number (1. 加强…) is kept, as it is shown. Every code-point offset
into that text is therefore also an offset into the file as written (line ends normalised to ``\\n`` as for
every text), and no markup can ever become part of a label.
The parse is markdown-it-py's (CommonMark with tables); its block tokens give the
lines, and inline children are found again in the source in order.

The title is the text of the first heading (``# 不动产登记暂行条例``), else the
first non-empty line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # markdown-it-py is imported when a Markdown file is first read
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_TAG = re.compile(r"<!--.*?-->|<[^<>\n]*>", re.DOTALL)
_ATX_OPEN = re.compile(r"[ ]{0,3}(#{1,6})(?:[ \t]|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_QUOTE = re.compile(r"[ \t]{0,3}>[ ]?")
#: a bullet (- * +) is markup; an ordered item's number (1. 2.) is shown when rendered and kept, as the
#: enumerators of a Chinese report's items (1. 加强…) are read as its structure.
_LIST_MARK = re.compile(r"[ \t]*[-*+](?=[ \t]|$)")
_PIPE = re.compile(r"(?<!\\)\|")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*(?=\n|\Z)", re.DOTALL)
#: inline tokens whose markup is a paired delimiter found verbatim in the source
_PAIRED = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """markdown-it-py's CommonMark parser with GFM tables (made once)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").disable("text_join")


class _Blanker:
    """The source as a list of characters, with spans turned into spaces (newlines kept)."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.chars = list(source)
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", source)), len(source) + 1]

    def blank(self, start: int, end: int) -> None:
        for i in range(max(0, start), min(end, len(self.chars))):
            if self.chars[i] != "\n":
                self.chars[i] = " "

    def line(self, n: int) -> tuple[int, int]:
        """(start, end) of line ``n`` (0-based), without its newline."""
        n = min(n, len(self.line_starts) - 2)
        return self.line_starts[n], self.line_starts[n + 1] - 1

    def text(self) -> str:
        return "".join(self.chars)


def _blank_prefix(b: _Blanker, lines: range, pattern: re.Pattern[str]) -> None:
    """Blank what ``pattern`` matches at the start of each line (quote marks, repeatedly)."""
    for n in lines:
        s, e = b.line(n)
        pos = s
        while (m := pattern.match(b.src, pos, e)) is not None and m.end() > pos:
            b.blank(m.start(), m.end())
            pos = m.end()


def _block(b: _Blanker, tok: Token) -> None:
    """Blank the markup of one block token (its lines from ``tok.map``)."""
    if tok.map is None:
        return
    first, last = tok.map
    handler = _BLOCK_HANDLERS.get(tok.type)
    if handler is not None:
        handler(b, tok, first, last)


def _heading(b: _Blanker, tok: Token, first: int, last: int) -> None:
    """An ATX heading's ``#`` marks (opening and closing), or a setext heading's underline."""
    s, e = b.line(first)
    if tok.markup.startswith("#"):
        m = _ATX_OPEN.match(b.src, s, e)
        if m:
            b.blank(s, m.end())
        c = _ATX_CLOSE.search(b.src, s, e)
        if c:
            b.blank(c.start(), c.end())
    else:  # setext: the underline is the last line of the block
        b.blank(*b.line(last - 1))


def _html_block(b: _Blanker, tok: Token, first: int, last: int) -> None:
    """The tags of an HTML block."""
    s, _ = b.line(first)
    _, e = b.line(last - 1)
    for m in _TAG.finditer(b.src, s, e):
        b.blank(m.start(), m.end())


def _blockquote(b: _Blanker, tok: Token, first: int, last: int) -> None:
    """The ``>`` marks of a block quote."""
    _blank_prefix(b, range(first, last), _QUOTE)


def _list_item(b: _Blanker, tok: Token, first: int, last: int) -> None:
    """A bullet list item's mark."""
    s, e = b.line(first)
    m = _LIST_MARK.match(b.src, s, e)
    if m:
        b.blank(m.start(), m.end())


def _rule(b: _Blanker, tok: Token, first: int, last: int) -> None:
    """A thematic break (``---``)."""
    b.blank(*b.line(first))


def _fence(b: _Blanker, tok: Token, first: int, last: int) -> None:
    """The opening and closing lines of a code fence."""
    b.blank(*b.line(first))
    if last - 1 > first:
        s, e = b.line(last - 1)
        if b.src[s:e].strip().startswith(tok.markup[:3]):
            b.blank(s, e)


def _table(b: _Blanker, tok: Token, first: int, last: int) -> None:
    """A table's pipes and its delimiter row."""
    for n in range(first, last):
        s, e = b.line(n)
        if n == first + 1:
            b.blank(s, e)  # the delimiter row |---|:--|
            continue
        for m in _PIPE.finditer(b.src, s, e):
            b.blank(m.start(), m.end())


#: block token type → what blanks its markup
_BLOCK_HANDLERS: dict[str, Callable[[_Blanker, Token, int, int], None]] = {
    "heading_open": _heading, "html_block": _html_block, "blockquote_open": _blockquote,
    "list_item_open": _list_item, "hr": _rule, "fence": _fence, "table_open": _table,
}


def _find(src: str, needle: str, pos: int, end: int, slack: int | None = None) -> int:
    """Index of ``needle`` in ``src[pos:end]`` (within ``slack`` characters of ``pos`` when given), or -1."""
    if not needle:
        return -1
    i = src.find(needle, pos, end)
    if i < 0 or (slack is not None and i - pos > slack):
        return -1
    return i


def _closing_paren(src: str, i: int, end: int) -> int:
    """Index just past the ``)`` that closes the ``(`` at ``i`` (nested parentheses counted), or -1."""
    depth = 0
    for k in range(i, end):
        ch = src[k]
        if ch == "\\":
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return k + 1
    return -1


def _inline(b: _Blanker, tok: Token) -> None:
    """Find an inline token's children again in the source (in order) and blank their markup."""
    if tok.map is None or not tok.children:
        return
    start, _ = b.line(tok.map[0])
    _, end = b.line(tok.map[1] - 1)
    _walk(b, tok.children, start, end)


def _walk(b: _Blanker, children: Sequence[Token], cur: int, end: int) -> int:
    """Blank the markup of inline tokens found in order from ``cur``; returns the position after the last."""
    for ch in children:
        handler = _INLINE_HANDLERS.get(ch.type)
        if handler is None and ch.type in _PAIRED:
            handler = _paired
        if handler is not None:
            cur = handler(b, ch, cur, end)
    return cur


def _text(b: _Blanker, ch: Token, cur: int, end: int) -> int:
    """Plain text: no markup, only the position moves on."""
    i = _find(b.src, ch.content, cur, end)
    return i + len(ch.content) if i >= 0 else cur


def _break(b: _Blanker, ch: Token, cur: int, end: int) -> int:
    """A line break; the backslash of a hard break (``\\`` at a line end) is markup."""
    src = b.src
    i = src.find("\n", cur, end + 1)
    if i < 0:
        return cur
    if ch.type == "hardbreak" and i > 0 and src[i - 1] == "\\":
        b.blank(i - 1, i)
    return i + 1


def _paired(b: _Blanker, ch: Token, cur: int, end: int) -> int:
    """One mark of emphasis, strong or strike-through (``*``, ``**``, ``~~``)."""
    i = _find(b.src, ch.markup, cur, end, slack=2)
    if i < 0:
        return cur
    b.blank(i, i + len(ch.markup))
    return i + len(ch.markup)


def _code_inline(b: _Blanker, ch: Token, cur: int, end: int) -> int:
    """The backticks around inline code."""
    i = _find(b.src, ch.markup, cur, end)
    if i < 0:
        return cur
    b.blank(i, i + len(ch.markup))
    j = _find(b.src, ch.markup, i + len(ch.markup) + len(ch.content.strip()), end)
    if j < 0:
        return cur
    b.blank(j, j + len(ch.markup))
    return j + len(ch.markup)


def _html_inline(b: _Blanker, ch: Token, cur: int, end: int) -> int:
    """An inline HTML tag."""
    i = _find(b.src, ch.content, cur, end)
    if i < 0:
        return cur
    b.blank(i, i + len(ch.content))
    return i + len(ch.content)


def _text_special(b: _Blanker, ch: Token, cur: int, end: int) -> int:
    """A backslash escape (the backslash blanked) or a one-character entity (written in place of ``&…;``)."""
    i = _find(b.src, ch.markup, cur, end, slack=2)
    if i < 0:
        return cur
    if ch.info == "escape":
        b.blank(i, i + 1)  # the backslash
    elif ch.info == "entity" and len(ch.content) == 1:
        b.chars[i] = ch.content
        b.blank(i + 1, i + len(ch.markup))
    return i + len(ch.markup)


def _link_open(b: _Blanker, ch: Token, cur: int, end: int) -> int:
    """The ``[`` of a link or the ``<`` of an autolink."""
    i = _find(b.src, "<" if ch.markup == "autolink" else "[", cur, end)
    if i < 0:
        return cur
    b.blank(i, i + 1)
    return i + 1


def _link_close(b: _Blanker, ch: Token, cur: int, end: int) -> int:
    """The closing markup of a link (:func:`_close_link`)."""
    return _close_link(b, ch.markup == "autolink", cur, end)


def _image(b: _Blanker, ch: Token, cur: int, end: int) -> int:
    """An image: ``![``, its alt text's markup, and ``](target)``."""
    i = _find(b.src, "![", cur, end)
    if i < 0:
        return cur
    b.blank(i, i + 2)
    cur = _walk(b, ch.children or [], i + 2, end)
    return _close_link(b, False, cur, end)


#: inline token type → what blanks its markup (returning the position after it); emphasis marks: _paired
_INLINE_HANDLERS: dict[str, Callable[[_Blanker, Token, int, int], int]] = {
    "text": _text, "softbreak": _break, "hardbreak": _break, "code_inline": _code_inline,
    "html_inline": _html_inline, "text_special": _text_special, "link_open": _link_open,
    "link_close": _link_close, "image": _image,
}


def _close_link(b: _Blanker, autolink: bool, cur: int, end: int) -> int:
    """Blank a link's closing markup: ``>`` of an autolink, ``](target)`` or ``][ref]`` of a link."""
    src = b.src
    if autolink:
        i = _find(src, ">", cur, end)
        if i >= 0:
            b.blank(i, i + 1)
            return i + 1
        return cur
    i = _find(src, "]", cur, end)
    if i < 0:
        return cur
    stop = i + 1
    if stop < len(src) and src[stop] == "(":
        close = _closing_paren(src, stop, end)
        stop = close if close > 0 else stop
    elif stop < len(src) and src[stop] == "[":
        close = src.find("]", stop, end)
        stop = close + 1 if close > 0 else stop
    b.blank(i, stop)
    return stop


def markdown_to_text(source: str) -> tuple[str, str]:
    """``(text, title)``: the source with its markup blanked (same length), and its first heading.

    >>> markdown_to_text("# 某某条例\\n\\n<!-- INFO END -->\\n\\n**第一条** 为了……")
    ('  某某条例\\n\\n                 \\n\\n  第一条   为了……', '某某条例')
    """
    front = _FRONT_MATTER.match(source)
    meta_title = ""
    if front:  # YAML front matter: metadata, not text; blanked (lines kept) before the parse
        field = re.search(r"(?m)^title:[ \t]*[\"']?(.*?)[\"']?[ \t]*$", front.group(0))
        meta_title = field.group(1).strip() if field else ""
        source = re.sub(r"[^\n]", " ", front.group(0)) + source[front.end():]
    env: dict = {}
    tokens = _parser().parse(source, env)
    b = _Blanker(source)
    heading = None
    for tok in tokens:
        if tok.type == "inline":
            _inline(b, tok)
        else:
            _block(b, tok)
            if heading is None and tok.type == "heading_open" and tok.map is not None:
                heading = tok.map
    if env.get("references"):  # reference-style link definitions ([x]: url) leave no token
        for m in re.finditer(r"(?m)^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", source):
            b.blank(m.start(), m.end())
    text = b.text()
    title = ""
    if heading is not None:
        s, _ = b.line(heading[0])
        _, e = b.line(heading[1] - 1)
        title = " ".join(text[s:e].split())
    if not title:
        title = meta_title or next((line.strip() for line in text.splitlines() if line.strip()), "")
    return text, title[:120]
