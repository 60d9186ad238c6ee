"""The relation linker's word lists and patterns, read from ``kg/data/relations/*.json`` and compiled once.

Each data file holds ``words`` (lists of regex alternatives, joined by ``|`` where a pattern says
``{@name}``), ``fragments`` (pieces of patterns shared by several, also ``{@name}``), ``chars`` (character
sets) and ``patterns`` (a string, or a list of strings joined, with optional ``flags``); every entry has a
``_comment`` saying what it is for. Names are unique across the files, so a pass asks for ``rx("basis")``
without saying where it lives.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import KGError

#: where the data files live (installed with the package: setup.cfg ``data/relations/*.json``)
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "relations"
#: the data files, by stem, in the order they are read
FILES = ("common", "subject", "issuers", "units", "dates", "organs")
_PLACEHOLDER = re.compile(r"\{@(\w+)\}")
_FLAGS = {"MULTILINE": re.MULTILINE, "IGNORECASE": re.IGNORECASE, "DOTALL": re.DOTALL}


class RelationDataError(KGError):
    """A relation data file is missing or malformed."""


@cache
def load(stem: str) -> dict[str, Any]:
    """One data file, parsed; a missing or malformed file is one clear :class:`RelationDataError`."""
    path = DATA_DIR / f"{stem}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RelationDataError(f"relation data {path}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("patterns"), dict):
        raise RelationDataError(f"relation data {path}: no 'patterns' object")
    return data


def _joined(value: Any, where: str) -> str:
    """A string, or a list of strings concatenated; anything else is a clear error."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "".join(value)
    raise RelationDataError(f"relation data {where}: expected a string or a list of strings")


def _section(section: str) -> dict[str, tuple[str, dict[str, Any]]]:
    """Every entry of one section (``words``, ``fragments``, ``chars``, ``patterns``) by name, with its file."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for stem in FILES:
        for name, entry in load(stem).get(section, {}).items():
            if name in out:
                raise RelationDataError(f"relation data {stem}.json: {section} {name!r} also in {out[name][0]}.json")
            if not isinstance(entry, dict):
                raise RelationDataError(f"relation data {stem}.json: {section} {name!r} is not an object")
            out[name] = (stem, entry)
    return out


@cache
def _parts() -> dict[str, str]:
    """What each ``{@name}`` stands for: a word list as ``a|b|c``, or a fragment."""
    out: dict[str, str] = {}
    for name, (stem, entry) in _section("words").items():
        ws = entry.get("words")
        if not isinstance(ws, list) or not ws or not all(isinstance(w, str) and w for w in ws):
            raise RelationDataError(f"relation data {stem}.json: words {name!r} is not a list of words")
        out[name] = "|".join(ws)
    for name, (stem, entry) in _section("fragments").items():
        if name in out:
            raise RelationDataError(f"relation data {stem}.json: fragment {name!r} is also a word list")
        out[name] = _joined(entry.get("fragment"), f"{stem}.json fragment {name!r}")
    return out


def _fill(source: str, where: str) -> str:
    """``source`` with every ``{@name}`` replaced by its word list or fragment."""
    parts = _parts()

    def one(m: re.Match[str]) -> str:
        """The text one placeholder stands for."""
        if m.group(1) not in parts:
            raise RelationDataError(f"relation data {where}: unknown list {m.group(1)!r}")
        return parts[m.group(1)]

    return _PLACEHOLDER.sub(one, source)


@cache
def sources() -> dict[str, str]:
    """Every pattern's text, lists and fragments filled in, by name (every list checked, used or not)."""
    _parts()
    return {name: _fill(_joined(entry.get("pattern"), f"{stem}.json pattern {name!r}"), f"{stem}.json {name!r}")
            for name, (stem, entry) in _section("patterns").items()}


@cache
def compiled() -> dict[str, re.Pattern[str]]:
    """Every pattern, compiled once."""
    out = {}
    pats = _section("patterns")
    for name, text in sources().items():
        stem, entry = pats[name]
        flags = 0
        for f in entry.get("flags", []):
            if f not in _FLAGS:
                raise RelationDataError(f"relation data {stem}.json: pattern {name!r} has unknown flag {f!r}")
            flags |= _FLAGS[f]
        try:
            out[name] = re.compile(text, flags)
        except re.error as exc:
            raise RelationDataError(f"relation data {stem}.json: pattern {name!r}: {exc}") from None
    return out


def clear_caches() -> None:
    """Forget what was loaded, so the next look-up reads :data:`DATA_DIR` again (for tests of other data)."""
    for f in (load, _parts, sources, compiled, words, chars):
        f.cache_clear()


def rx(name: str) -> re.Pattern[str]:
    """The compiled pattern ``name``."""
    return compiled()[name]


@cache
def words(name: str) -> tuple[str, ...]:
    """The word list ``name``."""
    return tuple(_section("words")[name][1]["words"])


@cache
def chars(name: str) -> str:
    """The character set ``name``."""
    return str(_section("chars")[name][1]["chars"])
