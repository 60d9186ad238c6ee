"""Incremental build cache: one stored :class:`~kg.pipeline.DocResult` per document.

An entry is keyed by the document's raw bytes (SHA-256), its id (the path
relative to the input root, which the result carries), the decoding option,
and the *fingerprint* of the extraction: :data:`kg.pipeline.EXTRACTOR_VERSION`,
a hash of the gazetteer, a hash of the ``kg`` package's source code and the
extractors' names. Rebuilding a corpus after adding one document therefore
processes only that document; changing an extractor or the gazetteer redoes
everything.

Entries are pickles written atomically under ``DIR/ab/abcdef….pkl``. A cache
folder is trusted like the code itself (unpickling runs code): keep it in
your own output folder (the default is ``OUT/.kgcache``). An entry that cannot
be read (truncated, or from an incompatible version) is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputError

log = logging.getLogger(__name__)

#: Format of the entries; bump when the layout of an entry changes.
CACHE_FORMAT = "1"
_MAGIC = b"kgcache1\n"


#: Modules that only run after extraction (exports, queries, the CLI): editing them keeps the cache.
DOWNSTREAM = frozenset({
    "__main__.py", "analysis.py", "api.py", "cache.py", "cli.py", "evaluate.py", "export_csv.py", "export_graph.py",
    "exports.py", "html.py", "outputs.py", "parallel.py", "query.py", "serve.py", "store.py", "turtle.py",
    "validate.py",
})


def source_hash(package_dir: str | Path | None = None) -> str:
    """SHA-256 of the ``kg`` package's Python source that extraction runs (code changes invalidate entries).

    Every module counts except the top-level :data:`DOWNSTREAM` ones, so a new
    module is covered by default.
    """
    root = Path(package_dir) if package_dir is not None else Path(__file__).resolve().parent
    h = hashlib.sha256()
    for p in sorted(root.rglob("*.py"), key=lambda q: q.relative_to(root).as_posix()):
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


@dataclass
class ResultCache:
    """A folder of stored per-document results (see the module docstring).

    Examples
    --------
    >>> import tempfile
    >>> c = ResultCache(tempfile.mkdtemp())
    >>> c.get("ab" * 32) is None
    True
    >>> c.put("ab" * 32, {"any": "picklable"}); c.get("ab" * 32)
    {'any': 'picklable'}
    """

    root: Path
    hits: int = 0
    misses: int = 0
    used: set[str] = field(default_factory=set)
    _folders: set[str] = field(default_factory=set, init=False, repr=False, compare=False)  # made by put()

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        if self.root.exists() and not self.root.is_dir():
            raise OutputError(f"cache path {self.root} is a file, not a folder")
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create cache folder {self.root}: {exc.strerror or exc}") from None

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.pkl"

    def get(self, key: str):
        """The stored result of ``key``, or ``None`` (a missing or unreadable entry is a miss)."""
        p = self._path(key)
        try:
            data = p.read_bytes()
        except OSError:
            self.misses += 1
            return None
        if not data.startswith(_MAGIC):
            self.misses += 1
            return None
        try:
            value = pickle.loads(data[len(_MAGIC):])
        except Exception as exc:  # noqa: BLE001 - any unreadable entry is a miss
            log.debug("cache entry %s unreadable (%s); redoing it", p, exc.__class__.__name__)
            self.misses += 1
            return None
        self.hits += 1
        self.used.add(key)
        return value

    def put(self, key: str, value) -> None:
        """Store ``value`` under ``key`` (atomically; a failure to write is logged, not raised)."""
        p = self._path(key)
        try:
            if key[:2] not in self._folders:
                p.parent.mkdir(exist_ok=True)
                self._folders.add(key[:2])
            try:
                fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".part", dir=p.parent)
            except FileNotFoundError:  # the folder was removed since this cache made it
                p.parent.mkdir(exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".part", dir=p.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(_MAGIC)
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, p)
        except OSError as exc:
            log.warning("could not write cache entry %s: %s", p, exc.strerror or exc)
            return
        self.used.add(key)

    def keys(self) -> list[str]:
        """Every stored key, sorted."""
        return sorted(p.stem for p in self.root.glob("??/*.pkl"))

    def prune(self, keep: Iterable[str] | None = None) -> int:
        """Delete entries not in ``keep`` (default: the keys used by this run); return how many."""
        keep = set(self.used if keep is None else keep)
        n = 0
        for key in self.keys():
            if key not in keep:
                try:
                    self._path(key).unlink()
                    n += 1
                except OSError:
                    pass
        return n
