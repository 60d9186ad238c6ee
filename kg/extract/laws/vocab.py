"""The Law extractor's vocabulary: word lists and pattern tables read once from kg/data/laws/*.json.

Each data file holds named lists with a ``_comment`` saying what each is and why; a list is ``words``
(literal), ``patterns`` (regular-expression alternatives, joined in the order given) or ``chars`` (a
character class). Everything here is read once (:func:`functools.cache`) and compiled once at import;
the patterns shared by several passes (instrument ends, trigger verbs, notes) live here too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["alt", "chars", "is_instrument_title", "join", "patterns", "strip_notes", "words"]

#: the data files of this extractor (kg/data/laws/<name>.json).
DATA_FILES = ("instruments", "names", "statutes", "titles", "verbs")


@cache
def _table(name: str) -> dict[str, Any]:
    """One data file of kg/data/laws, parsed once; a missing or malformed file is one clear error."""
    if name not in DATA_FILES:
        raise ValueError(f"kg/data/laws: no data file {name!r} (one of {', '.join(DATA_FILES)})")
    ref = resources.files("kg") / "data" / "laws" / f"{name}.json"
    try:
        data = json.loads(ref.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"kg/data/laws/{name}.json: cannot be read ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("_comment"), str):
        # a malformed data file, not a caller's wrong type: ValueError like the unreadable case above
        raise ValueError(f"kg/data/laws/{name}.json: expected an object with a '_comment'")  # noqa: TRY004
    return data


def _entry(name: str, key: str, kind: str) -> Any:
    """The ``kind`` field (words, patterns, chars) of list ``key`` in data file ``name``."""
    entry = _table(name).get(key)
    if not isinstance(entry, dict) or kind not in entry or not isinstance(entry.get("_comment"), str):
        raise ValueError(f"kg/data/laws/{name}.json: no commented list {key!r} with {kind!r}")
    return entry[kind]


@cache
def words(name: str, key: str) -> tuple[str, ...]:
    """The literal words of list ``key`` in data file ``name``, in file order."""
    return tuple(_entry(name, key, "words"))


@cache
def patterns(name: str, key: str) -> tuple[str, ...]:
    """The regular-expression alternatives of list ``key`` in data file ``name``, in file order."""
    return tuple(_entry(name, key, "patterns"))


@cache
def chars(name: str, key: str) -> str:
    """The characters of list ``key`` in data file ``name`` (for a character class)."""
    return str(_entry(name, key, "chars"))


def alt(items: Iterable[str]) -> str:
    """An alternation of literal words, longest first (so that one ending another does not win)."""
    return "|".join(re.escape(w) for w in sorted(set(items), key=lambda w: (-len(w), w)))


def join(items: Iterable[str]) -> str:
    """An alternation of words or pattern alternatives in the order given."""
    return "|".join(items)


# ---------------------------------------------------------------------------
# vocabulary shared by the passes

HAN = "\u4e00-\u9fff"
TITLE_INSTRUMENTS = words("instruments", "title_instruments")
LINE_INSTRUMENTS = words("instruments", "line_instruments")
TRIGGERS = words("verbs", "triggers")
FUNCTION_WORDS = words("verbs", "function_words")
PHRASE_VERBS = words("verbs", "phrase_verbs")
#: characters before 法 that make an ordinary word, not a statute (方法, 依法, 执法 …).
FA_BAD_PREV = chars("statutes", "fa_word_before")
#: characters after 法 that make another word (法律, 法规, 法治 …).
FA_BAD_NEXT = chars("statutes", "fa_word_after")

_NOTE = r"(?:\s*[（(][^（）()\n]{1,24}[）)]|\s*\d{4}\s*[-—–~～至]\s*\d{4}年?)"
NOTES_TAIL = re.compile(_NOTE + r"+$")
FA_OK = rf"(?:法典|(?<![{FA_BAD_PREV}])法)"
TITLE_END = re.compile(rf"(?:{FA_OK}|{alt(w for w in TITLE_INSTRUMENTS if w not in ('法', '法典'))})$")
LINE_END = re.compile(rf"(?:{FA_OK}|{alt(w for w in LINE_INSTRUMENTS if w not in ('法', '法典'))})$")
GUANYU = re.compile(rf"^关于|关于.+的[{HAN}]{{1,5}}$")
#: any instrument word at the end of a name.
BROAD_END = re.compile(rf"(?:{alt(TITLE_INSTRUMENTS)})$")

TRIGGER_RE = re.compile(alt(TRIGGERS))
STRONG_TRIGGER_RE = re.compile(alt(words("verbs", "strong_triggers")))
TRIGGER_END = re.compile(f"(?:{alt(TRIGGERS)})$")
STOP_RE = re.compile(alt(TRIGGERS + FUNCTION_WORDS + PHRASE_VERBS))
#: 制定并实施X: a conjunction and a second verb (or a complement) before the name.
LEADING_VERB = re.compile(f"(?:[和并及与或]?(?:{alt(TRIGGERS + PHRASE_VERBS)})|[了过好])")
NAME_CHARS = re.compile(rf"[{HAN}0-9０-９“”\"「」‘’\-—–～]")
DETERMINERS = re.compile(rf"^(?:{join(patterns('names', 'determiners'))})")
GENERIC_QUALIFIER = re.compile(rf"^(?:{join(words('names', 'generic_qualifiers'))})+$")
LIST_SEP = "、和及与或"


def strip_notes(title: str) -> str:
    """A title without trailing bracketed notes or year spans (（试行）, 2015—2020, （2021—2025年）)."""
    core = NOTES_TAIL.sub("", title).strip()
    return core or title


def is_instrument_title(title: str) -> bool:
    """Whether a (folded) title has the form of a legal or policy instrument.

    >>> is_instrument_title("法治政府建设实施纲要2015—2020"), is_instrument_title("白鹿原")
    (True, False)
    """
    core = strip_notes(title)
    return bool(TITLE_END.search(core) or GUANYU.search(core))


def plain_len(s: str) -> int:
    """Length of ``s`` without quotation marks."""
    return len(re.sub(r"[“”\"「」‘’]", "", s))


def unquote(s: str) -> str:
    """``s`` without quotation marks, title marks and spaces."""
    return re.sub(r"[“”\"「」‘’《》〈〉\s]", "", s)


def clause_before(text: str, pos: int) -> str:
    """The part of the clause before ``pos`` (after the last comma, stop, colon, line end or mask)."""
    m = re.search(r"[，。；：！？,;:!?\n□]", text[:pos][::-1])
    return text[pos - m.start():pos] if m else text[:pos]
