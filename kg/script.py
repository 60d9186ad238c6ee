"""Traditional → simplified characters (kept for imports; the one fold lives in :mod:`kg.textfold`)."""

from __future__ import annotations

from .textfold import to_simplified

__all__ = ["to_simplified"]
