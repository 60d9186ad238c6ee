"""The fast query path: graphs in Oxigraph (pyoxigraph), queried read-only.

rdflib stays the model and :mod:`kg.turtle` the serialiser; Oxigraph answers
queries on large graphs. A graph is either a file (Turtle, N-Triples, JSON-LD,
loaded into memory for one query) or a persistent store folder written once by
``kg build --store DIR`` (:func:`write_store`) and then opened read-only
(:func:`open_store`) without re-loading. SPARQL Update is refused before
anything runs (:func:`kg.query.prepare`), as are SERVICE and FROM, as with the rdflib engine.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
import typing
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError, OutputError, QueryError
from .query import STANDARD_PREFIXES, Prepared, QueryResult, check_rdfxml, parse_error, prepare
from .query import run_query as run_rdflib

#: The file that marks a folder as a store written by policy-kg.
STORE_MARK = "kg-store.json"
QUERY_ENGINES: tuple[str, ...] = ("oxigraph", "rdflib")

_FORMATS = {".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
            ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE, ".nq": ox.RdfFormat.N_QUADS,
            ".rdf": ox.RdfFormat.RDF_XML, ".xml": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML}


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


#: Triples handed to Oxigraph's bulk loader at a time: one bulk_load of a whole graph buffers all of it (a
#: 500k-triple graph took 456 MB on its own, in batches of this size 162 MB, in about the same time).
STORE_BATCH = 100_000


def _load_in_batches(store: ox.Store, stream: typing.IO[bytes], batch: int | None = None) -> None:
    """Parse Turtle from ``stream`` as it is read and bulk-load it ``batch`` triples at a time (bounded memory)."""
    import itertools

    triples = ox.parse(stream, format=ox.RdfFormat.TURTLE)
    size = batch or STORE_BATCH
    while chunk := list(itertools.islice(triples, size)):
        store.bulk_extend(chunk)


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
        for left in [*target.parent.glob(f".{target.name}.*.part"), *target.parent.glob(f".{target.name}.*.old")]:
            shutil.rmtree(left, ignore_errors=True)  # what a killed build left behind
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    except OSError as exc:
        raise OutputError(f"cannot write the store {path}: {exc.strerror or exc}") from None
    try:
        store = ox.Store(str(tmp))
        stream = io.BufferedReader(_Utf8Reader(turtle)) if isinstance(turtle, str) else io.BytesIO(turtle)
        _load_in_batches(store, stream)
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
    fmt = _FORMATS.get(p.suffix.lower(), ox.RdfFormat.TURTLE)
    if fmt == ox.RdfFormat.RDF_XML:
        check_rdfxml(p)
    store = ox.Store()
    try:
        store.bulk_load(path=str(p), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"{path}: not a readable RDF graph ({exc.__class__.__name__}: "
                         f"{str(exc).splitlines()[0][:200] if str(exc) else ''})") from None
    return store


def open_graph(path: str | Path) -> ox.Store:
    """A store folder opened read-only, or a graph file loaded into memory."""
    return open_store(path) if Path(path).is_dir() else load_file(path)


def load_source(source: str, engine: str):
    """The graph a worker answers from: an Oxigraph store (file or folder) or an rdflib graph.

    A build folder whose last generation was interrupted after its commit is completed first
    (:func:`kg.outputs.recover`), so a query never reads a mix of two builds.
    """
    from .outputs import JOURNAL, recover

    folder = Path(source).parent
    if (folder / JOURNAL).is_file():
        recover(folder)
    if engine == "rdflib":
        from .query import load_graph

        if Path(source).is_dir():
            raise InputError(f"{source}: a store folder needs --engine oxigraph")
        return load_graph(source)
    return open_graph(source)


def _cell(term) -> str:
    if term is None:
        return ""
    return term.value if hasattr(term, "value") else str(term)


def run_query(store: ox.Store, query: str | Prepared) -> QueryResult:
    """Run a read-only query on an Oxigraph store (checked by :func:`kg.query.prepare` first).

    SELECT and ASK give rows or a boolean; CONSTRUCT and DESCRIBE give Turtle
    (triples sorted, standard prefixes), the same shape as :func:`kg.query.run_query`.
    """
    prep = query if isinstance(query, Prepared) else prepare(query)
    try:
        res = store.query(prep.text, prefixes=prep.prefixes or None)
        if isinstance(res, ox.QueryBoolean):
            b = bool(res)
            return QueryResult(("ask",), ((str(b).lower(),),), b)
        if isinstance(res, ox.QueryTriples):
            ts = sorted(res, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
            text = ox.serialize(ts, format=ox.RdfFormat.TURTLE, prefixes=STANDARD_PREFIXES) or b""
            return QueryResult((), (), None, text.decode("utf-8"))
        variables = tuple(v.value for v in res.variables)
        rows = tuple(tuple(_cell(sol[i]) for i in range(len(variables))) for sol in res)
    except SyntaxError as exc:
        raise QueryError(parse_error(str(exc))) from None
    except (OSError, ValueError, RuntimeError) as exc:  # evaluation errors surface while iterating
        what = str(exc).splitlines()[0][:300] if str(exc) else exc.__class__.__name__
        raise QueryError(f"query failed: {what}") from None
    return QueryResult(variables, rows)


def execute(graph, engine: str, prep: Prepared) -> QueryResult:
    """Run a prepared query on a loaded graph with ``engine`` (the worker side of :func:`query_path`)."""
    return run_query(graph, prep) if engine == "oxigraph" else run_rdflib(graph, prep)


def query_path(path: str | Path, query: str, engine: str = "oxigraph", *,
               params: dict[str, list[str]] | None = None, timeout: float | None = None) -> QueryResult:
    """Run ``query`` on a graph file or store folder with ``engine`` (``oxigraph`` or ``rdflib``).

    ``params`` fill the query's ``VALUES`` blocks (:func:`kg.query.bind_params`). Updates, SERVICE
    and FROM are refused before the graph is even loaded. The graph is loaded and queried in a child
    process (:mod:`kg.runner`), stopped after ``timeout`` seconds or at Ctrl-C.
    """
    from .query import bind_params
    from .runner import run_once

    prep = prepare(bind_params(query, params or {}))
    if engine not in QUERY_ENGINES:
        raise QueryError(f"unknown query engine {engine!r} (choose from {', '.join(QUERY_ENGINES)})")
    if engine == "rdflib" and Path(path).is_dir():
        raise InputError(f"{path}: a store folder needs --engine oxigraph")
    if not Path(path).exists():
        raise InputError(f"graph file not found: {path}")
    return run_once(path, engine, execute, (prep,), timeout, loader=load_source)
