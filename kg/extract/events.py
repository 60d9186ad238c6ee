"""Event mentions: congresses, plenums, anniversaries, conferences."""

from __future__ import annotations

import re

from ..model import Mention, Parsed
from .base import ExtractContext, make_mention

_EVENT = re.compile(r"(?:党的)?十[一二三四五六七八九]?大|十[一二三四五六七八九]届[一二三四五六七]中全会")


def extract_events(parsed: Parsed, ctx: ExtractContext) -> list[Mention]:
    """Party congresses and plenums."""
    return [make_mention(parsed, "Event", m.start(), m.end(), "event.congress") for m in _EVENT.finditer(parsed.text)]
