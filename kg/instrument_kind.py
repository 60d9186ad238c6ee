"""Whether 本法/本条例/本规定… can be a given instrument: shared by kg.law_links and kg.printed (no import cycle)."""

from __future__ import annotations

import re

__all__ = ["same_kind"]


def same_kind(own_label: str, said: str) -> bool:
    """Whether 本法/本条例… (``said``) can be the instrument titled ``own_label`` (a 决定 is not 本条例)."""
    word = said[1:]
    core = re.sub(r"(?:[（(][^（）()]{1,24}[）)])+$", "", own_label)
    return core.endswith(word) or (word == "法" and core.endswith("法典"))
