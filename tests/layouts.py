"""The same words laid out differently: layout transforms for metamorphic tests of document structure.

Every transform only inserts whitespace (line breaks, blank lines, CRLF, indentation) into the
text, except ``trailing``, which appends one line after it. So the original characters keep their
order, and :func:`map_offset` carries any offset of the original (a gold span, a heading) into
the new layout by counting the non-space characters before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

#: a sentence end with the closing quotes and brackets that follow it
_SENT_END = re.compile(r"[。！？!?][”’」』）)]*")
#: the line a web page or a newspaper adds after the article
TRAILING_LINE = "（责任编辑：王某某）"

Spans = Sequence[tuple[int, int]]


def _insert(text: str, inserts: Sequence[tuple[int, str]]) -> str:
    """``text`` with each ``(offset, string)`` inserted (several at one offset keep their order)."""
    out, prev = [], 0
    for pos, s in sorted(inserts, key=lambda x: x[0]):
        out.append(text[prev:pos])
        out.append(s)
        prev = pos
    out.append(text[prev:])
    return "".join(out)


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end (。！？ and the closing quotes after it)."""
    return [m.end() for m in _SENT_END.finditer(text)]


def _line_breaks(text: str, cuts: Sequence[int], sep: str) -> str:
    """``text`` with ``sep`` at each cut that is not already at a line start or end; existing breaks become ``sep``."""
    inserts = []
    for c in sorted(set(cuts)):
        if 0 < c < len(text) and text[c - 1] != "\n" and text[c] != "\n":
            inserts.append((c, sep))
    out = _insert(text, inserts)
    return out.replace("\n", sep) if sep != "\n" else out


def _blocks(text: str, title_end: int, headings: Spans) -> list[int]:
    """Cuts that put the title and every heading on a line of its own."""
    cuts = [title_end] if title_end else []
    for s, e in headings:
        cuts += [s, e]
    return cuts


def layout_title(text: str, title_end: int, headings: Spans) -> str:
    """The title on a line of its own (the body stays as it was)."""
    return _line_breaks(text, [title_end] if title_end else [], "\n")


def layout_trailing(text: str, title_end: int, headings: Spans) -> str:
    """One line after the article (an editor's credit), as web pages and papers add."""
    return text.rstrip("\n") + "\n" + TRAILING_LINE + "\n"


def layout_headings(text: str, title_end: int, headings: Spans) -> str:
    """The title and every heading on lines of their own; paragraphs stay whole."""
    return _line_breaks(text, _blocks(text, title_end, headings), "\n")


def layout_paragraphs(text: str, title_end: int, headings: Spans) -> str:
    """Blank-line paragraphs: title, headings and section bodies separated by empty lines."""
    return _line_breaks(text, _blocks(text, title_end, headings), "\n\n")


def layout_crlf_indent(text: str, title_end: int, headings: Spans) -> str:
    """Headings on their own lines, CRLF line ends and every line indented with two ideographic spaces."""
    out = _line_breaks(text, _blocks(text, title_end, headings), "\n")
    return "\r\n".join("\u3000\u3000" + line if line.strip() else line for line in out.split("\n"))


def layout_sentences(text: str, title_end: int, headings: Spans) -> str:
    """One sentence per line (headings glued to a sentence stay glued to it, at the line start)."""
    cuts = sentence_ends(text) + ([title_end] if title_end else [])
    return _line_breaks(text, cuts, "\n")


LAYOUTS: dict[str, Callable[[str, int, Spans], str]] = {
    "title": layout_title,
    "trailing": layout_trailing,
    "headings": layout_headings,
    "paragraphs": layout_paragraphs,
    "crlf_indent": layout_crlf_indent,
    "sentences": layout_sentences,
}


def map_offset(original: str, laid_out: str, offset: int) -> int:
    """``offset`` of ``original`` carried into ``laid_out`` (which differs from it only by whitespace and a tail).

    The k-th non-space character of the original is the k-th of the layout; an offset maps to
    the position of the first non-space character at or after it.
    """
    k = sum(1 for ch in original[:offset] if not ch.isspace())
    seen = 0
    for i, ch in enumerate(laid_out):
        if ch.isspace():
            continue
        if seen == k:
            return i
        seen += 1
    return len(laid_out)
