"""jieba's prefix dictionary, answered from its sorted words.

``jieba.Tokenizer.initialize`` builds ``FREQ``, a dict of every word of its
dictionary *and of every prefix of every word* (about 580,000 entries), and
unmarshals it from a cache on every start: half a second, longer than
segmenting a hundred documents with our cut. :class:`SortedDictionary` answers
the same questions — is this fragment a word (its frequency), a prefix of a
word (0), or neither (absent) — by binary search in the sorted words, which
load from a compact cache in a few hundredths of a second. Words added later
(``Tokenizer.add_word``: the gazetteer's names) go into a small dict in front.

:func:`install` puts one into a fresh ``jieba.Tokenizer`` in place of
``initialize()``; jieba's own code (``add_word``, ``suggest_freq``, ``cut``)
keeps working on it, and the frequencies and total are exactly those
``initialize()`` gives (``tests/test_segment.py`` compares every entry).

The cache is a file in the temporary folder, like jieba's own, keyed by the
dictionary file's path, size and modification time, and holds no code (words
and integers only): a file that does not read back as expected is rebuilt.
"""

from __future__ import annotations

import hashlib
import logging
import os
import struct
import tempfile
from array import array
from bisect import bisect_left
from pathlib import Path

log = logging.getLogger(__name__)

_MAGIC = b"policy-kg jieba words 1\n"
_HEAD = struct.Struct("<qq")  # total, number of words
_MISSING = object()


class SortedDictionary:
    """A stand-in for ``jieba.Tokenizer.FREQ``: ``get``, ``in``, ``[]`` and ``[]=`` as on that dict."""

    __slots__ = ("_added", "_freqs", "_words")

    def __init__(self, words: list[str], freqs: array) -> None:
        self._words = words  # sorted, distinct
        self._freqs = freqs  # the frequency of each word
        self._added: dict[str, int] = {}  # what was set later (add_word: a word and its new prefixes)

    def _lookup(self, frag: str):
        v = self._added.get(frag, _MISSING)
        if v is not _MISSING or not frag:  # "" begins every word but is no prefix jieba stores
            return v
        words = self._words
        i = bisect_left(words, frag)
        if i < len(words):
            w = words[i]
            if w == frag:
                return self._freqs[i]
            if w.startswith(frag):  # the words that begin with frag follow it in sorted order
                return 0
        return _MISSING

    def get(self, frag: str, default=None):
        v = self._lookup(frag)
        return default if v is _MISSING else v

    def __contains__(self, frag: object) -> bool:
        return isinstance(frag, str) and self._lookup(frag) is not _MISSING

    def __getitem__(self, frag: str) -> int:
        v = self._lookup(frag)
        if v is _MISSING:
            raise KeyError(frag)
        return v

    def __setitem__(self, frag: str, freq: int) -> None:
        self._added[frag] = freq


def install(tokenizer) -> bool:
    """Give a fresh jieba ``Tokenizer`` of the default dictionary its words as a :class:`SortedDictionary`
    (instead of ``initialize()``); ``False`` when that cannot be done (another dictionary, no file)."""
    if tokenizer.initialized or tokenizer.dictionary is not None:
        return False
    try:
        stream = tokenizer.get_dict_file()
        path = Path(getattr(stream, "name", ""))
        stream.close()
        if not path.is_file():
            return False
        words, freqs, total = _load(path)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        log.debug("sorted jieba dictionary unavailable (%s): jieba loads its own", exc)
        return False
    tokenizer.FREQ = SortedDictionary(words, freqs)
    tokenizer.total = total
    tokenizer.initialized = True
    return True


def _cache_path(path: Path) -> Path:
    st = path.stat()
    key = hashlib.sha256(f"{_MAGIC!r}|{path.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:20]
    return Path(tempfile.gettempdir()) / f"policy-kg-jieba-{key}.words"


def _load(path: Path) -> tuple[list[str], array, int]:
    cache = _cache_path(path)
    try:
        return _read(cache.read_bytes())
    except (OSError, ValueError, UnicodeDecodeError, struct.error):
        pass
    words, freqs, total = _parse(path.read_bytes())
    try:
        fd, tmp = tempfile.mkstemp(prefix=".policy-kg-jieba-", dir=cache.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_MAGIC + _HEAD.pack(total, len(words)) + freqs.tobytes() + "\n".join(words).encode("utf-8"))
        os.replace(tmp, cache)
    except OSError as exc:  # no cache: the next start parses the dictionary again
        log.debug("cannot write %s: %s", cache, exc)
    return words, freqs, total


def _read(data: bytes) -> tuple[list[str], array, int]:
    if not data.startswith(_MAGIC):
        raise ValueError("not a word cache")
    total, n = _HEAD.unpack_from(data, len(_MAGIC))
    at = len(_MAGIC) + _HEAD.size
    freqs = array("q")
    if freqs.itemsize != 8 or n < 0:
        raise ValueError("unexpected word cache")
    freqs.frombytes(data[at:at + 8 * n])
    words = data[at + 8 * n:].decode("utf-8").split("\n")
    if len(freqs) != n or len(words) != n:
        raise ValueError("truncated word cache")
    return words, freqs, total


def _parse(data: bytes) -> tuple[list[str], array, int]:
    """Words, frequencies and total of a jieba dictionary file, read as ``Tokenizer.gen_pfdict`` reads it
    (a repeated word keeps its last frequency; the total counts every line)."""
    freq: dict[str, int] = {}
    total = 0
    lines = data.split(b"\n")  # as iterating the file in binary mode splits it
    if lines and not lines[-1]:
        lines.pop()
    for n, raw in enumerate(lines, 1):
        line = raw.strip().decode("utf-8")
        try:
            word, digits = line.split(" ")[:2]
            f = int(digits)
        except ValueError:
            raise ValueError(f"invalid dictionary entry at line {n}: {line}") from None
        freq[word] = f
        total += f
    words = sorted(freq)
    return words, array("q", (freq[w] for w in words)), total
