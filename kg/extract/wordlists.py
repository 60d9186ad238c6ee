"""Word lists and pattern tables of the extractors, read once from the JSON files under ``kg/data/<area>/``.

A file holds a ``_comment`` (what its lists are and where they come from) and named entries, each with its
own ``_comment`` and either ``words`` (a list without duplicates) or ``table`` (a mapping). The files are
package data (``setup.cfg``: ``data/bureaus/*.json``); each is parsed once per process (:func:`load`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from ..errors import KGError


@cache
def load(area: str, name: str) -> Mapping[str, Any]:
    """The entries of ``kg/data/<area>/<name>.json`` (read and parsed once), as a read-only mapping."""
    where = f"kg/data/{area}/{name}.json"
    try:
        data = json.loads((resources.files("kg") / "data" / area / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KGError(f"{where}: cannot read the word lists ({exc})") from None
    if not isinstance(data, dict):
        raise KGError(f"{where}: expected a JSON object of named lists")
    return MappingProxyType(data)


def _entry(area: str, name: str, key: str, field: str) -> Any:
    """The ``field`` (``words`` or ``table``) of entry ``key`` of a data file, or one clear error."""
    entry = load(area, name).get(key)
    if not isinstance(entry, dict) or field not in entry:
        raise KGError(f"kg/data/{area}/{name}.json: no {field} named {key!r}")
    return entry[field]


def ordered(area: str, name: str, key: str) -> tuple[str, ...]:
    """The words of a list in their written order (for lists whose order matters: longest first …)."""
    return tuple(_entry(area, name, key, "words"))


def words(area: str, name: str, key: str) -> frozenset[str]:
    """The words of a list as a set (membership tests)."""
    return frozenset(_entry(area, name, key, "words"))


def chars(area: str, name: str, key: str) -> str:
    """The one-character words of a list joined into one string (``ch in chars`` tests, regex classes)."""
    return "".join(_entry(area, name, key, "words"))


def table(area: str, name: str, key: str) -> Mapping[str, str]:
    """A mapping of a data file, read-only."""
    return MappingProxyType(dict(_entry(area, name, key, "table")))
