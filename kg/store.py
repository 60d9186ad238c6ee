"""The fast query path: graphs in Oxigraph (pyoxigraph), queried read-only.

rdflib stays the model and :mod:`kg.turtle` the serialiser; Oxigraph answers
queries on large graphs. A graph is either a file (Turtle, N-Triples, JSON-LD,
loaded into memory for one query) or a persistent store folder written once by
``kg build --store DIR`` (:func:`write_store`) and then opened read-only
(:func:`open_store`) without re-loading. SPARQL Update is refused before
anything is parsed (:func:`kg.query.is_update`), as with the rdflib engine.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError, OutputError, QueryError
from .query import QueryResult, is_update, load_graph
from .query import run_query as run_rdflib

#: The file that marks a folder as a store written by policy-kg.
STORE_MARK = "kg-store.json"
QUERY_ENGINES: tuple[str, ...] = ("oxigraph", "rdflib")

_FORMATS = {".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
            ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE, ".nq": ox.RdfFormat.N_QUADS,
            ".rdf": ox.RdfFormat.RDF_XML, ".xml": ox.RdfFormat.RDF_XML}


def is_store(path: str | Path) -> bool:
    """True when ``path`` is a folder holding an Oxigraph store (ours, or one made by the oxigraph CLI)."""
    p = Path(path)
    return p.is_dir() and ((p / STORE_MARK).is_file() or (p / "CURRENT").is_file())


class _Utf8Reader(io.RawIOBase):
    """A binary stream of a text's UTF-8, encoded a chunk at a time (a large graph is not held twice)."""

    CHUNK = 1 << 20

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.buf = text, 0, memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while not self.buf and self.pos < len(self.text):
            self.buf = memoryview(self.text[self.pos:self.pos + self.CHUNK].encode("utf-8"))
            self.pos += self.CHUNK
        n = min(len(b), len(self.buf))
        b[:n] = self.buf[:n]
        self.buf = self.buf[n:]
        return n


def write_store(path: str | Path, turtle: str | bytes, meta: dict | None = None) -> Path:
    """Write the Turtle text ``turtle`` as a persistent Oxigraph store in the folder ``path``.

    The store is built beside ``path`` and renamed into place, so a reader never
    sees half a store. An existing folder is replaced only when it is a store
    written by policy-kg or empty.
    """
    target = Path(path)
    if target.exists():
        if not target.is_dir():
            raise OutputError(f"store path {path} is a file, not a folder")
        if not (target / STORE_MARK).is_file() and any(target.iterdir()):
            raise OutputError(f"refusing to replace {path}: it is not empty and not a policy-kg store")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    except OSError as exc:
        raise OutputError(f"cannot write the store {path}: {exc.strerror or exc}") from None
    try:
        store = ox.Store(str(tmp))
        store.bulk_load(_Utf8Reader(turtle) if isinstance(turtle, str) else turtle, format=ox.RdfFormat.TURTLE)
        store.optimize()
        n = len(store)
        store.flush()
        del store  # closes the database
        info = {"format": "oxigraph", "triples": n, **(meta or {})}
        (tmp / STORE_MARK).write_text(json.dumps(info, ensure_ascii=False, sort_keys=True, indent=1) + "\n",
                                      encoding="utf-8")
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
            os.replace(target, old / "store")
        os.replace(tmp, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write the store {path}: {exc.strerror or exc}") from None
        raise
    return target


def open_store(path: str | Path) -> ox.Store:
    """Open a store folder read-only."""
    if not is_store(path):
        raise InputError(f"{path}: not an Oxigraph store (write one with kg build --store DIR)")
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise InputError(f"{path}: cannot open the store ({str(exc).splitlines()[0][:200]})") from None


def load_file(path: str | Path) -> ox.Store:
    """Load a graph file (format by extension, Turtle by default) into an in-memory store."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"graph file not found: {path}")
    store = ox.Store()
    try:
        store.bulk_load(path=str(p), format=_FORMATS.get(p.suffix.lower(), ox.RdfFormat.TURTLE))
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"{path}: not a readable RDF graph ({exc.__class__.__name__}: "
                         f"{str(exc).splitlines()[0][:200] if str(exc) else ''})") from None
    return store


def open_graph(path: str | Path) -> ox.Store:
    """A store folder opened read-only, or a graph file loaded into memory."""
    return open_store(path) if Path(path).is_dir() else load_file(path)


def _cell(term) -> str:
    if term is None:
        return ""
    return term.value if hasattr(term, "value") else str(term)


def run_query(store: ox.Store, query: str) -> QueryResult:
    """Run a read-only SELECT or ASK on an Oxigraph store (same result shape as :func:`kg.query.run_query`)."""
    if is_update(query):
        raise QueryError("SPARQL Update is not allowed: kg query is read-only")
    try:
        res = store.query(query)
    except SyntaxError as exc:
        msg = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise QueryError(f"malformed SPARQL: {msg[:200]}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {str(exc).splitlines()[0][:200] if str(exc) else exc.__class__.__name__}") from None
    if isinstance(res, ox.QueryBoolean):
        b = bool(res)
        return QueryResult(("ask",), ((str(b).lower(),),), b)
    if not isinstance(res, ox.QuerySolutions):
        raise QueryError("only SELECT and ASK queries are supported")
    variables = tuple(v.value for v in res.variables)
    try:
        rows = tuple(tuple(_cell(sol[i]) for i in range(len(variables))) for sol in res)
    except (OSError, RuntimeError, ValueError) as exc:  # evaluation errors surface while iterating
        raise QueryError(f"query failed: {str(exc).splitlines()[0][:200]}") from None
    return QueryResult(variables, rows)


def query_path(path: str | Path, query: str, engine: str = "oxigraph") -> QueryResult:
    """Run ``query`` on a graph file or store folder with ``engine`` (``oxigraph`` or ``rdflib``).

    Updates are refused before the graph is even loaded.
    """
    if is_update(query):
        raise QueryError("SPARQL Update is not allowed: kg query is read-only")
    if engine == "oxigraph":
        return run_query(open_graph(path), query)
    if engine == "rdflib":
        if Path(path).is_dir():
            raise InputError(f"{path}: a store folder needs --engine oxigraph")
        return run_rdflib(load_graph(path), query)
    raise QueryError(f"unknown query engine {engine!r} (choose from {', '.join(QUERY_ENGINES)})")
