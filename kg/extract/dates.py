"""Date mentions normalised to ISO 8601 values."""

from __future__ import annotations

import re

from ..model import Mention, Parsed
from .base import ExtractContext, make_mention

_DATE = re.compile(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?")


def extract_dates(parsed: Parsed, ctx: ExtractContext) -> list[Mention]:
    """Years, months and days written with 年/月/日."""
    out: list[Mention] = []
    for m in _DATE.finditer(parsed.text):
        y, mo, d = m.group(1), m.group(2), m.group(3)
        value = y if not mo else (f"{y}-{int(mo):02d}" if not d else f"{y}-{int(mo):02d}-{int(d):02d}")
        out.append(make_mention(parsed, "Date", m.start(), m.end(), "date.ymd", value=value, key=value))
    return out
