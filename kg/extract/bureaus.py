"""Bureau mentions: organs of the state and the party and their internal departments."""

from __future__ import annotations

import re

from ..model import Mention, Parsed
from .base import ExtractContext, make_mention

_DEPT = re.compile(r"[\u4e00-\u9fff]{2,8}(?:司|局|厅|署|办公室|委员会)")


def extract_bureaus(parsed: Parsed, ctx: ExtractContext) -> list[Mention]:
    """Gazetteer names and aliases, then generic department names ending in 司/局/厅 …."""
    text = parsed.text
    out: list[Mention] = []
    gaz = ctx.gazetteer
    if gaz is not None:
        for surface in gaz.surfaces():
            start = text.find(surface)
            while start >= 0:
                inst = gaz.lookup(surface)
                out.append(make_mention(parsed, "Bureau", start, start + len(surface), "bureau.gazetteer",
                                        key=inst.name if inst else ""))
                start = text.find(surface, start + 1)
    for m in _DEPT.finditer(text):
        out.append(make_mention(parsed, "Bureau", m.start(), m.end(), "bureau.suffix", confidence=0.6))
    return out
