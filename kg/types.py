"""The one table of entity types: name, class IRI, colours and names shown, merge rank, nesting.

The table is data (``kg/data/types.json``, no rdflib needed to read it); everything that lists the
types takes it from here:
:data:`kg.model.ENTITY_TYPES` (display order), :data:`kg.vocab.CLASS_IRI`, the overlap rules of
:func:`kg.extract.merge_mentions` (:func:`type_rank`, :func:`nestable`), and the colours and names of
:mod:`kg.palette` (graph.html, charts, GEXF). Adding a type is one entry there plus its class in
``ontology/policy-kg.ttl`` and ``kg/vocab.py`` (see CONTRIBUTING.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["OTHER_RANK", "EntityType", "entity_types", "get", "nestable", "type_names", "type_rank"]

_DATA = Path(__file__).parent / "data" / "types.json"
#: Merge rank of a type not in the table (after every known type).
OTHER_RANK = 9


@dataclass(frozen=True)
class EntityType:
    """One entity type of the vocabulary contract (one row of ``kg/data/types.json``).

    Its class IRI is ``kg.vocab.CLASS_IRI[name]`` (``pk:<name>``): :mod:`kg.vocab` reads this table, not
    the other way round, so that the table loads without rdflib.
    """

    name: str  # the pk: class local name, also Mention.type / Entity.type
    zh: str  # short Chinese name shown beside the English one
    en: str  # English label of the class in the ontology
    colour: str  # "#rrggbb" in graph.html, charts and GEXF export
    rank: int  # tie-break when two overlapping spans are equally long and confident (lower wins)
    nests_in: tuple[str, ...]  # types whose spans may wholly contain this one's, both kept


def _row(raw: dict) -> EntityType:
    """One table row, checked: every field present with the right kind of value."""
    try:
        row = EntityType(str(raw["name"]), str(raw["zh"]), str(raw["en"]), str(raw["colour"]), int(raw["rank"]),
                         tuple(str(x) for x in raw["nests_in"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{_DATA.name}: bad type entry {raw!r} ({exc})") from None
    if not row.name.isidentifier() or len(row.colour) != 7 or not row.colour.startswith("#"):
        raise ValueError(f"{_DATA.name}: bad name or colour in {raw!r}")
    return row


@cache
def entity_types() -> tuple[EntityType, ...]:
    """Every entity type, in display order (read once)."""
    rows = tuple(_row(raw) for raw in json.loads(_DATA.read_text(encoding="utf-8"))["types"])
    names = [t.name for t in rows]
    if len(set(names)) != len(names) or len({t.rank for t in rows}) != len(rows):
        raise ValueError(f"{_DATA.name}: type names and ranks must be unique")
    unknown = {o for t in rows for o in t.nests_in} - set(names)
    if unknown:
        raise ValueError(f"{_DATA.name}: nests_in names unknown types {sorted(unknown)}")
    return rows


def type_names() -> tuple[str, ...]:
    """The type names in display order.

    >>> type_names()[:3]
    ('Bureau', 'Law', 'Project')
    """
    return tuple(t.name for t in entity_types())


@cache
def _by_name() -> dict[str, EntityType]:
    return {t.name: t for t in entity_types()}


def get(name: str) -> EntityType | None:
    """The type called ``name``, or None.

    >>> get("Law").zh, get("Nope")
    ('法规', None)
    """
    return _by_name().get(name)


@cache
def _ranks() -> dict[str, int]:
    return {t.name: t.rank for t in entity_types()}


def type_rank(name: str) -> int:
    """Merge rank of a type (Law 0 … Date 6; :data:`OTHER_RANK` for an unknown one).

    >>> type_rank("Law"), type_rank("Date"), type_rank("Thing")
    (0, 6, 9)
    """
    return _ranks().get(name, OTHER_RANK)


@cache
def nestable() -> frozenset[tuple[str, str]]:
    """The (inner type, outer type) pairs whose spans are both kept when one lies inside the other.

    >>> ("Project", "Law") in nestable(), ("Law", "Project") in nestable()
    (True, False)
    """
    return frozenset((t.name, outer) for t in entity_types() for outer in t.nests_in)
