"""The gazetteer of institutions: organs of the state and the party and their departments.

The data lives in ``ontology/gazetteer/bureaus.json`` (package ``kg.ontology``);
its format is described in ``ontology/gazetteer/README.md``. This module reads
and checks it and answers look-ups; it keeps no state at module level, so
callers load a :class:`Gazetteer` once and pass it on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, cast

from .errors import KGError
from .ids import normalize_key

__all__ = ["KINDS", "LEVELS", "Gazetteer", "Institution", "load_gazetteer"]

#: Allowed values of ``kind``.
KINDS: tuple[str, ...] = ("organ", "department", "party", "office", "group")
#: Allowed values of ``level``.
LEVELS: tuple[str, ...] = ("national", "provincial", "prefectural", "county")

_FIELDS = ("name", "aliases", "short", "english", "kind", "level", "parent", "valid", "covers", "source")
_LIST_FIELDS = ("aliases", "short", "covers")
_VALID = re.compile(r"^(?:\d{4})?–(?:\d{4})?$")
_PRC = "中华人民共和国"
T = TypeVar("T")


@dataclass(frozen=True)
class Institution:
    """One institution of the gazetteer.

    ``aliases`` are unambiguous other names; ``short`` are short forms that
    refer to it only once its full name (or, for a department, its parent's)
    has been established in a document; ``covers`` are topic keywords of its
    portfolio; ``source`` is a key of the gazetteer's ``sources``.
    """

    name: str
    aliases: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    english: str = ""
    kind: str = "organ"
    level: str = "national"
    parent: str | None = None
    valid: str = ""
    covers: tuple[str, ...] = ()
    source: str = ""

    @property
    def surfaces(self) -> tuple[str, ...]:
        """The name and the aliases."""
        return (self.name, *self.aliases)


class Gazetteer:
    """Institutions with look-ups by name, alias, short form and parent."""

    def __init__(self, institutions: Iterable[Institution], sources: Mapping[str, str] | None = None) -> None:
        self.institutions: tuple[Institution, ...] = tuple(institutions)
        self.sources: dict[str, str] = dict(sources or {})
        self._by_surface: dict[str, Institution] = {}
        self._by_name: dict[str, Institution] = {}
        for inst in self.institutions:
            self._by_name.setdefault(inst.name, inst)
            for surface in inst.surfaces:
                key = normalize_key(surface)
                other = self._by_surface.get(key)
                if other is not None and other is not inst:
                    raise KGError(
                        f"gazetteer: surface {surface!r} names both {other.name!r} and {inst.name!r}"
                    )
                self._by_surface[key] = inst
        # derived once: extractors ask for these for every document (the institutions never change)
        self._lookups: dict[str, Institution | None] = {}
        self._short_forms: dict[str, tuple[Institution, ...]] | None = None
        self._surfaces: tuple[str, ...] | None = None
        self._derived: dict[str, object] = {}  # see derived()

    def __len__(self) -> int:
        return len(self.institutions)

    def __iter__(self) -> Iterator[Institution]:
        return iter(self.institutions)

    def derived(self, name: str, make: Callable[[], T]) -> T:
        """``make()``, computed once per gazetteer and kept under ``name``: extractors derive patterns and
        tables from the institutions (which never change) once, not once per document."""
        try:
            return cast(T, self._derived[name])
        except KeyError:
            value = make()
            self._derived[name] = value
            return value

    def lookup(self, surface: str) -> Institution | None:
        """The institution a name or alias refers to, or ``None``.

        The surface is compared after NFKC, removal of quote marks and spaces
        (:func:`kg.ids.normalize_key`); a leading 中华人民共和国 is optional.
        Short forms are not looked up here (see :meth:`short_forms`).

        >>> gaz = load_gazetteer()
        >>> gaz.lookup("工信部").name
        '工业和信息化部'
        >>> gaz.lookup("中华人民共和国国务院").english
        'State Council'
        >>> gaz.lookup("总局") is None
        True
        """
        try:
            return self._lookups[surface]
        except KeyError:
            pass
        key = normalize_key(surface)
        found = self._by_surface.get(key) if key else None
        if found is None and key.startswith(_PRC) and len(key) > len(_PRC):
            found = self._by_surface.get(key[len(_PRC):])
        if len(self._lookups) >= 1 << 16:  # bounded: the surfaces looked up come from the documents
            self._lookups.clear()
        self._lookups[surface] = found
        return found

    def short_forms(self) -> dict[str, tuple[Institution, ...]]:
        """Short form (normalised) → the institutions it may stand for, in gazetteer order."""
        if self._short_forms is None:
            out: dict[str, list[Institution]] = {}
            for inst in self.institutions:
                for s in inst.short:
                    group = out.setdefault(normalize_key(s), [])
                    if inst not in group:
                        group.append(inst)
            self._short_forms = {k: tuple(v) for k, v in sorted(out.items())}
        return dict(self._short_forms)

    def children(self, name: str) -> tuple[Institution, ...]:
        """Institutions whose ``parent`` is the institution called (or aliased) ``name``."""
        parent = self.lookup(name)
        target = parent.name if parent is not None else name
        return tuple(inst for inst in self.institutions if inst.parent == target)

    def parent_of(self, inst: Institution) -> Institution | None:
        """The parent institution of ``inst``, if the gazetteer has it."""
        return self._by_name.get(inst.parent) if inst.parent else None

    def surfaces(self) -> list[str]:
        """Every name and alias, as written and in normalised form, sorted (for a jieba user dictionary)."""
        if self._surfaces is None:
            out: set[str] = set()
            for inst in self.institutions:
                for surface in inst.surfaces:
                    out.add(surface)
                    out.add(normalize_key(surface))
            out.discard("")
            self._surfaces = tuple(sorted(out))
        return list(self._surfaces)


def _fail(where: str, message: str) -> KGError:
    return KGError(f"malformed gazetteer {where}: {message}")


def _str_list(value: Any, where: str, field: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, f"{field!r} must be a list of non-empty strings")
    return tuple(value)


def _institution(raw: Any, index: int, sources: Mapping[str, str], where: str) -> Institution:
    if not isinstance(raw, dict):
        raise _fail(where, f"institutions[{index}] is not an object")
    label = f"institutions[{index}]" + (f" ({raw['name']})" if isinstance(raw.get("name"), str) else "")
    missing = [f for f in _FIELDS if f not in raw]
    if missing:
        raise _fail(where, f"{label} lacks {', '.join(missing)}")
    unknown = sorted(set(raw) - set(_FIELDS))
    if unknown:
        raise _fail(where, f"{label} has unknown field(s) {', '.join(unknown)}")
    for field in ("name", "kind", "level", "source"):
        if not isinstance(raw[field], str) or not raw[field].strip():
            raise _fail(where, f"{label}: {field!r} must be a non-empty string")
    for field in ("english", "valid"):
        if not isinstance(raw[field], str):
            raise _fail(where, f"{label}: {field!r} must be a string")
    lists = {f: _str_list(raw[f], where, f"{label}.{f}") for f in _LIST_FIELDS}
    if raw["parent"] is not None and (not isinstance(raw["parent"], str) or not raw["parent"].strip()):
        raise _fail(where, f"{label}: 'parent' must be a name or null")
    if raw["kind"] not in KINDS:
        raise _fail(where, f"{label}: kind {raw['kind']!r} is not one of {', '.join(KINDS)}")
    if raw["level"] not in LEVELS:
        raise _fail(where, f"{label}: level {raw['level']!r} is not one of {', '.join(LEVELS)}")
    if raw["valid"] and not _VALID.match(raw["valid"]):
        raise _fail(where, f"{label}: valid {raw['valid']!r} is not a period like 2013–2018, 2018– or –2001")
    if raw["source"] not in sources:
        raise _fail(where, f"{label}: source {raw['source']!r} is not a key of 'sources'")
    return Institution(
        name=raw["name"],
        aliases=lists["aliases"],
        short=lists["short"],
        english=raw["english"],
        kind=raw["kind"],
        level=raw["level"],
        parent=raw["parent"],
        valid=raw["valid"],
        covers=lists["covers"],
        source=raw["source"],
    )


def parse_gazetteer(data: Any, where: str = "data") -> Gazetteer:
    """Check decoded gazetteer JSON and build a :class:`Gazetteer` (raises :class:`KGError`)."""
    if not isinstance(data, dict):
        raise _fail(where, "the top level must be an object with 'sources' and 'institutions'")
    unknown = sorted(set(data) - {"sources", "institutions"})
    if unknown:
        raise _fail(where, f"unknown top-level field(s) {', '.join(unknown)}")
    sources = data.get("sources")
    if not isinstance(sources, dict) or not sources:
        raise _fail(where, "'sources' must be a non-empty object of ID → citation")
    for key, citation in sources.items():
        if not isinstance(citation, str) or not citation.strip():
            raise _fail(where, f"source {key!r} has no citation")
    raw_list = data.get("institutions")
    if not isinstance(raw_list, list) or not raw_list:
        raise _fail(where, "'institutions' must be a non-empty list")
    institutions = [_institution(raw, i, sources, where) for i, raw in enumerate(raw_list)]
    names: set[str] = set()
    for inst in institutions:
        if inst.name in names:
            raise _fail(where, f"institution {inst.name!r} is listed twice")
        names.add(inst.name)
    for inst in institutions:
        if inst.parent is not None and inst.parent not in names:
            raise _fail(where, f"{inst.name!r} has parent {inst.parent!r}, which is not in the gazetteer")
    try:
        return Gazetteer(institutions, sources)
    except KGError as exc:
        raise _fail(where, str(exc).removeprefix("gazetteer: ")) from None


def _packaged_text() -> str | None:
    """The packaged ``bureaus.json``, or ``None`` when the package resource is missing."""
    try:
        res = resources.files("kg.ontology") / "gazetteer" / "bureaus.json"
        return res.read_text(encoding="utf-8") if res.is_file() else None
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError, TypeError):
        return None


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Read and check a gazetteer file; ``None`` reads the one shipped with the package.

    Without a path the package data (``kg.ontology/gazetteer/bureaus.json``) is
    used, falling back to ``ontology/gazetteer/bureaus.json`` beside the ``kg``
    folder in a source checkout. Raises :class:`KGError` on a missing or
    malformed file.
    """
    text = _packaged_text() if path is None else None
    where = "kg.ontology/gazetteer/bureaus.json"
    if text is None:
        if path is None:
            path = Path(__file__).resolve().parent.parent / "ontology" / "gazetteer" / "bureaus.json"
        where = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise KGError(f"gazetteer not found: {path}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise KGError(f"cannot read gazetteer {path}: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(where, f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    return parse_gazetteer(data, where)
