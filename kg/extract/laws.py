"""Law and Work mentions: titles in 《》, a legal instrument or a creative work."""

from __future__ import annotations

import re

from ..model import Mention, Parsed
from .base import ExtractContext, make_mention

_TITLE = re.compile(r"《([^《》\n]{1,80})》")
_LAW_SUFFIX = re.compile(r"(法|条例|规定|办法|意见|通知|纲要|规划|决定|白皮书|细则|方案|制度|规则|准则|标准|章程|公约)(（[^）]*）)?$")


def extract_laws(parsed: Parsed, ctx: ExtractContext) -> list[Mention]:
    """《title》 is a Law when it ends like an instrument (法, 条例 …), else a Work."""
    out: list[Mention] = []
    for m in _TITLE.finditer(parsed.text):
        inner = m.group(1)
        type_ = "Law" if _LAW_SUFFIX.search(inner) else "Work"
        out.append(make_mention(parsed, type_, m.start(), m.end(), f"{type_.lower()}.title"))
    return out
