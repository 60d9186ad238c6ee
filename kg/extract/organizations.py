"""Organization mentions: associations, institutes, companies, newspapers …"""

from __future__ import annotations

import re

from ..model import Mention, Parsed
from .base import ExtractContext, make_mention

_ORG = re.compile(r"中国[\u4e00-\u9fff]{2,12}(?:协会|研究院|联盟|学会)")


def extract_organizations(parsed: Parsed, ctx: ExtractContext) -> list[Mention]:
    """Names ending in 协会, 研究院, 联盟 …"""
    return [make_mention(parsed, "Organization", m.start(), m.end(), "org.suffix") for m in _ORG.finditer(parsed.text)]
