"""Work mentions: creative works (films, series, books, articles) named in 《》.

A title is a Work or not by its form and its context, decided once per document by
:func:`kg.extract.laws.classify_titles` (shared with the Law extractor so that a title is
never both): no instrument ending, and a work noun or verb around it (电视剧《…》, 文章《…》,
《…》热播, 《…》《…》等重点剧目). A newspaper or periodical in 《》 (《…日报》, 《…》记者)
is an Organization and is emitted here too; a licence (《…许可证》) is neither.
"""

from __future__ import annotations

from .. import rules
from ..model import Mention, Parsed
from .base import ExtractContext, make_mention
from .laws import classify_titles


def extract_works(parsed: Parsed, ctx: ExtractContext) -> list[Mention]:
    """Work mentions, and Organization mentions for newspapers and periodicals named in 《》."""
    out: list[Mention] = []
    for t in classify_titles(parsed.folded):
        if t.nested:
            continue
        if t.kind == "Work":
            rule = "work.title-context" if t.confidence >= rules.confidence("work.title-context") else "work.title"
            out.append(make_mention(parsed, "Work", t.start, t.end, rule, confidence=t.confidence))
        elif t.kind == "Organization":
            out.append(make_mention(parsed, "Organization", t.start, t.end, "org.newspaper-title",
                                    confidence=t.confidence))
    return out
