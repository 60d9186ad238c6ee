"""The per-document state the Law passes share: the text, its fold, the titles and the spans found so far."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Mention, Parsed
from .titles import Title

__all__ = ["Found", "LawState", "mask"]


@dataclass
class Found:
    """A Law span found so far (document offsets), its label and key."""

    start: int
    end: int
    label: str
    rule: str
    key: str = ""
    confidence: float = 1.0


@dataclass
class LawState:
    """What the passes of one document read and write, in the order they run.

    ``folded`` is the text in simplified characters (same offsets); ``titles`` the classified 《》
    titles; ``lines`` the title lines kept (the document's own title among them); ``masked`` the
    folded text with titles and title lines blanked; ``found`` every Law span so far; ``mentions``
    the result.
    """

    parsed: Parsed
    text: str
    folded: str
    titles: list[Title] = field(default_factory=list)
    lines: list[Found] = field(default_factory=list)
    masked: str = ""
    guanyu: list[Found] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @classmethod
    def of(cls, parsed: Parsed) -> LawState:
        """The starting state of one document: its text and fold."""
        return cls(parsed, parsed.text, parsed.folded)


def mask(folded: str, spans: list[tuple[int, int]]) -> str:
    """The folded text with the given spans blanked (so running-text rules do not look inside them)."""
    chars = list(folded)
    for s, e in spans:
        for i in range(s, e):
            if chars[i] != "\n":
                chars[i] = "□"
    return "".join(chars)
