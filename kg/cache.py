"""Incremental build cache: one stored :class:`~kg.pipeline.DocResult` per document.

An entry is keyed by the document's raw bytes (SHA-256), its id (the path
relative to the input root, which the result carries), the decoding option,
and the *fingerprint* of the extraction: :data:`kg.pipeline.EXTRACTOR_VERSION`,
a hash of the gazetteer, a hash of the ``kg`` package's source code and the
extractors' names. Rebuilding a corpus after adding one document therefore
processes only that document; changing an extractor or the gazetteer redoes
everything.

Entries are JSON documents written atomically under ``DIR/ab/abcdef….json``:
``{"format": 2, "type": "DocResult", "value": …}`` where a record is the list
of its fields in order (:func:`encode`), read back by the record types'
annotations (:func:`decode`). Reading an entry therefore never runs code, so a
cache folder copied from a colleague or a shared drive is as safe as a text
file (entries of older versions, such as the pickles of format 1, are ignored
and pruned). An entry that cannot be read, or does not fit the types, is a
miss, never an error. Results read from the cache equal fresh ones, so a build
gives the same bytes with or without it. Writing stops, with one warning, at
the first failure (a full disk), and leaves no partial entry.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import logging
import os
import tempfile
import time
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputError

log = logging.getLogger(__name__)

#: Format of the entries; bump when the layout of an entry changes.
CACHE_FORMAT = "2"


#: Modules that only run after extraction (exports, queries, the CLI): editing them keeps the cache.
DOWNSTREAM = frozenset({
    "__main__.py", "analysis.py", "api.py", "cache.py", "centrality.py", "cli.py", "evaluate.py", "export_csv.py",
    "export_graph.py", "exports.py", "html.py", "layout.py", "netgraph.py", "options.py", "outputs.py", "pagedata.py",
    "palette.py",
    "parallel.py", "plot.py", "query.py", "runner.py", "serve.py", "store.py", "turtle.py", "uptodate.py",
    "validate.py",
})


def source_hash(package_dir: str | Path | None = None) -> str:
    """SHA-256 of the ``kg`` package's source that extraction runs (code changes invalidate entries).

    Every module counts except the top-level :data:`DOWNSTREAM` ones, so a new
    module is covered by default; so do the rule tables and word lists under ``data/`` (JSON, TSV).
    """
    root = Path(package_dir) if package_dir is not None else Path(__file__).resolve().parent
    h = hashlib.sha256()
    files = [*root.rglob("*.py"), *(root / "data").rglob("*.json"), *(root / "data").rglob("*.tsv")]
    for p in sorted(files, key=lambda q: q.relative_to(root).as_posix()):
        rel = p.relative_to(root)
        if "__pycache__" in p.parts or (len(rel.parts) == 1 and rel.name in DOWNSTREAM):
            continue
        h.update(p.relative_to(root).as_posix().encode("utf-8") + b"\0")
        h.update(p.read_bytes() + b"\0")
    return h.hexdigest()


def gazetteer_hash(gazetteer) -> str:
    """SHA-256 of a gazetteer's institutions and sources (``None`` hashes as ``none``)."""
    if gazetteer is None:
        return "none"
    payload = repr((tuple(gazetteer.institutions), sorted(getattr(gazetteer, "sources", {}).items())))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def fingerprint(gazetteer, extractors: Sequence[tuple[str, object]] | None = None) -> str:
    """What the extraction of a document depends on, besides the document itself."""
    from .pipeline import EXTRACTOR_VERSION

    names = ",".join(f"{n}={getattr(f, '__module__', '')}.{getattr(f, '__qualname__', repr(f))}"
                     for n, f in (extractors or ()))
    parts = (CACHE_FORMAT, EXTRACTOR_VERSION, gazetteer_hash(gazetteer), source_hash(), names)
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def document_key(data: bytes, doc_id: str, encoding: str | None, fp: str) -> str:
    """Cache key of one document: its bytes, its id, the decoding option and the fingerprint."""
    h = hashlib.sha256()
    for part in (fp.encode("ascii"), doc_id.encode("utf-8"), (encoding or "").encode("utf-8")):
        h.update(part + b"\0")
    h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


class CacheDecodeError(ValueError):
    """A stored entry does not fit the types it should hold."""


def encode(value: object) -> object:
    """A JSON value of ``value``: a dataclass record as the list of its fields, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [encode(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot store a {type(value).__name__} in the cache")


@functools.lru_cache(maxsize=256)
def _hints(cls: type) -> tuple[tuple[str, object], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def decode(tp: object, value: object) -> object:
    """The value of type ``tp`` that :func:`encode` wrote as ``value`` (checked at every level)."""
    return _decoder(tp)(value)


def _fail(message: str):
    raise CacheDecodeError(message)


def _scalar(tp: type):
    def read(v):
        if type(v) is tp:
            return v
        if tp is float and type(v) is int:
            return float(v)
        return _fail(f"expected {tp.__name__}, got {type(v).__name__}")
    return read


@functools.lru_cache(maxsize=256)
def _decoder(tp: object):
    """A function reading values of type ``tp`` (made once per type: decoding a corpus stays fast)."""
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        parts = [_decoder(t) for _, t in _hints(tp)]
        n, cls = len(parts), tp

        def record(v):
            if type(v) is not list or len(v) != n:
                return _fail(f"{cls.__name__}: expected {n} fields")
            return cls(*[f(x) for f, x in zip(parts, v, strict=True)])
        return record
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])

            def many(v):
                if type(v) is not list:
                    return _fail("expected a list")
                return tuple([item(x) for x in v])
            return many
        fixed = [_decoder(a) for a in args]

        def tup(v):
            if type(v) is not list or len(v) != len(fixed):
                return _fail("tuple of the wrong length")
            return tuple([f(x) for f, x in zip(fixed, v, strict=True)])
        return tup
    if origin in (typing.Union, types.UnionType):
        optional = type(None) in args
        members = [_decoder(a) for a in args if a is not type(None)]

        def union(v):
            if v is None and optional:
                return None
            for m in members:
                with contextlib.suppress(CacheDecodeError):
                    return m(v)
            return _fail("no member of the union fits")
        return union
    if tp in (str, int, float, bool):
        return _scalar(tp)
    raise CacheDecodeError(f"cannot read a {tp!r} from the cache")


def _result_type() -> type:
    from .pipeline import DocResult

    return DocResult


@dataclass
class ResultCache:
    """A folder of stored per-document results (see the module docstring).

    Examples
    --------
    >>> import tempfile
    >>> from kg.model import Document
    >>> from kg.rdf import DocumentInfo
    >>> from kg.pipeline import DocResult
    >>> c = ResultCache(tempfile.mkdtemp())
    >>> c.get("ab" * 32) is None
    True
    >>> r = DocResult(DocumentInfo(Document("a.txt", "文本")), (), (), ())
    >>> c.put("ab" * 32, r); c.get("ab" * 32) == r
    True
    """

    root: Path
    hits: int = 0
    misses: int = 0
    used: set[str] = field(default_factory=set)
    _folders: set[str] = field(default_factory=set, init=False, repr=False, compare=False)  # made by put()
    _failed: bool = field(default=False, init=False, repr=False, compare=False)  # a write failed: stop writing

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        if self.root.exists() and not self.root.is_dir():
            raise OutputError(f"cache path {self.root} is a file, not a folder")
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create cache folder {self.root}: {exc.strerror or exc}") from None
        self._clean_parts()

    def _clean_parts(self, age: float = 60.0) -> None:
        """Remove partial entries a killed build left (older than ``age`` seconds: not another build's)."""
        now = time.time()
        for p in self.root.glob("??/.entry.*.part"):
            with contextlib.suppress(OSError):
                if now - p.stat().st_mtime > age:
                    p.unlink()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str):
        """The stored result of ``key``, or ``None`` (a missing or unreadable entry is a miss)."""
        p = self._path(key)
        try:
            entry = json.loads(p.read_bytes())
            if not (isinstance(entry, dict) and entry.get("format") == int(CACHE_FORMAT)
                    and entry.get("type") == "DocResult"):
                raise CacheDecodeError("another format")
            value = decode(_result_type(), entry.get("value"))
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, TypeError, RecursionError) as exc:
            log.debug("cache entry %s unreadable (%s); redoing it", p, exc.__class__.__name__)
            self.misses += 1
            return None
        self.hits += 1
        self.used.add(key)
        return value

    def put(self, key: str, value) -> None:
        """Store ``value`` under ``key`` atomically; the first failure to write is logged once and stops writing."""
        if self._failed:
            return
        p = self._path(key)
        tmp = None
        try:
            data = json.dumps({"format": int(CACHE_FORMAT), "type": type(value).__name__, "value": encode(value)},
                              ensure_ascii=False, separators=(",", ":")).encode("utf-8", errors="surrogatepass")
            if key[:2] not in self._folders:
                p.parent.mkdir(exist_ok=True)
                self._folders.add(key[:2])
            try:
                fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".part", dir=p.parent)
            except FileNotFoundError:  # the folder was removed since this cache made it
                p.parent.mkdir(exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".part", dir=p.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, p)
        except (OSError, TypeError, ValueError) as exc:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            self._failed = True
            log.warning("could not write to the cache %s (%s); the rest of this build is not cached",
                        self.root, getattr(exc, "strerror", None) or exc)
            return
        self.used.add(key)

    def keys(self) -> list[str]:
        """Every stored key, sorted."""
        return sorted(p.stem for p in self.root.glob("??/*.json"))

    def prune(self, keep: Iterable[str] | None = None) -> int:
        """Delete entries not in ``keep`` (default: the keys used by this run) and old-format ones; return how many."""
        keep = set(self.used if keep is None else keep)
        n = 0
        for key in self.keys():
            if key not in keep:
                try:
                    self._path(key).unlink()
                    n += 1
                except OSError:
                    pass
        for old in self.root.glob("??/*.pkl"):  # format 1 (pickles): never read, removed
            with contextlib.suppress(OSError):
                old.unlink()
                n += 1
        return n
