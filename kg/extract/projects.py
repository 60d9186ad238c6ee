"""Project mentions: named programmes, projects, campaigns, pilots and themed years."""

from __future__ import annotations

import re

from ..model import Mention, Parsed
from .base import ExtractContext, make_mention

_QUOTED = re.compile(r"“([^“”\n]{2,30})”(专项行动|行动|工程|计划|活动|试点|年)?")


def extract_projects(parsed: Parsed, ctx: ExtractContext) -> list[Mention]:
    """Quoted names followed by a programme word, or a quoted name alone when it ends in one."""
    out: list[Mention] = []
    for m in _QUOTED.finditer(parsed.text):
        if m.group(2) or re.search(r"(工程|计划|行动|活动|试点|年)$", m.group(1)):
            out.append(make_mention(parsed, "Project", m.start(), m.end(), "project.quoted"))
    return out
