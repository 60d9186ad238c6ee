"""Extractors, one module per entity type, and the step that settles overlaps.

Each extractor has the signature ``(parsed, ctx) -> list[Mention]``
(see :mod:`kg.extract.base`). :func:`extract_all` runs them in a fixed
order and :func:`merge_mentions` keeps a consistent set of spans.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from ..errors import PipelineError
from ..model import Mention, Parsed
from ..types import nestable, type_rank
from .base import ExtractContext, Extractor
from .bureaus import extract_bureaus
from .dates import extract_dates
from .events import extract_events
from .laws import extract_laws
from .organizations import extract_organizations
from .projects import extract_projects
from .works import extract_works

#: (name, extractor) in the order they run; the name appears in error messages.
EXTRACTORS: tuple[tuple[str, Extractor], ...] = (
    ("bureaus", extract_bureaus),
    ("laws", extract_laws),
    ("works", extract_works),
    ("projects", extract_projects),
    ("dates", extract_dates),
    ("organizations", extract_organizations),
    ("events", extract_events),
)

#: Which types may nest inside which (inner type, outer type): both are kept. From the type table
#: (``nests_in`` in ``kg/data/types.json``, :func:`kg.types.nestable`).
NESTABLE: frozenset[tuple[str, str]] = nestable()


def extract_all(parsed: Parsed, ctx: ExtractContext,
                extractors: Sequence[tuple[str, Extractor]] = EXTRACTORS) -> list[Mention]:
    """Run every extractor and merge their mentions."""
    found: list[Mention] = []
    for name, fn in extractors:
        out = fn(parsed, ctx)
        if not isinstance(out, list) or not all(isinstance(m, Mention) for m in out):
            raise PipelineError(f"extractor {name!r} returned {type(out).__name__}, expected a list of Mention")
        found.extend(out)
    return merge_mentions(found)


def merge_mentions(mentions: Sequence[Mention]) -> list[Mention]:
    """Settle overlapping spans.

    Exact duplicates collapse. Of two overlapping spans, the longer wins,
    unless the shorter lies wholly inside the longer and (inner, outer) types
    are in :data:`NESTABLE` (a Project inside a Law title keeps both).
    Ties go to higher confidence, then to the type order of the type table (``rank``: Law > Work >
    Event > Project > Bureau > Organization > Date). Result sorted by (start, end, type).
    """
    ordered = sorted(set(mentions),
                     key=lambda m: (-(m.end - m.start), -m.confidence, type_rank(m.type), m.start, m.type, m.label))
    kept: list[Mention] = []
    starts: list[int] = []  # starts of the kept mentions, sorted, and the mentions in that order
    by_start: list[Mention] = []
    longest = 0
    for m in ordered:
        ok = True
        # only a kept mention starting in (m.start - longest, m.end) can overlap m
        for k in by_start[bisect_left(starts, m.start - longest + 1):bisect_left(starts, m.end)]:
            if m.start < k.end and k.start < m.end:  # overlap
                inside = k.start <= m.start and m.end <= k.end
                if not (inside and (m.type, k.type) in NESTABLE):
                    ok = False
                    break
        if ok:
            kept.append(m)
            i = bisect_right(starts, m.start)
            starts.insert(i, m.start)
            by_start.insert(i, m)
            longest = max(longest, m.end - m.start)
    return sorted(kept, key=lambda m: (m.start, m.end, m.type, m.label))
