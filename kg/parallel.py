"""Corpus builds: per-document extraction in parallel, with an incremental cache.

:func:`process_corpus` turns ``(file, root)`` pairs into one
:class:`~kg.pipeline.DocResult` per readable document. Three engines run the
per-document work, and all give the same results (so the same Turtle, byte
for byte, since :func:`kg.pipeline.merge_results` orders by document id):

``local``
    one process when ``jobs`` is 1 (or one document is left to do), else a
    pool of ``jobs`` worker processes; each worker builds its
    :class:`~kg.pipeline.Pipeline` once (jieba and the gazetteer load once per
    worker, not per document).
``dask``
    a Dask distributed cluster (``scheduler`` = its address or a ``Client``);
    each Dask worker builds its pipeline once, through a worker plugin. The
    workers need ``policy-kg`` installed; documents are sent as bytes.

The parent reads each file's bytes (to key the cache, :mod:`kg.cache`) and
sends them to a worker, which decodes and processes them; at most a few
documents per worker are in flight, and a result keeps no document text
(:func:`slim`), so memory is bounded by the graph, not by the corpus text.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .cache import ResultCache, document_key, fingerprint
from .errors import InputError, KGError, StrictError
from .model import WorkItem, WorkResult
from .pipeline import DocResult, Pipeline
from .reader import document_from_bytes, read_document

log = logging.getLogger(__name__)

ENGINES: tuple[str, ...] = ("local", "dask")
#: Below this many bytes to process, the local engine does not start worker processes.
MIN_PARALLEL_BYTES = 256 * 1024

#: A document to process and what a worker sends back (named shapes in kg/model.py).
Payload = WorkItem
Outcome = WorkResult


#: Allocations of container objects between two young collections of the cyclic GC during a build.
GC_THRESHOLD = 10_000


@contextmanager
def fewer_collections(threshold: int = GC_THRESHOLD) -> Iterator[None]:
    """Run the cyclic garbage collector less often inside the block, then restore its thresholds.

    A build makes millions of small objects that live until the graph is written (tokens, mentions,
    entities); with Python's default threshold (700) the collector runs about a thousand times on
    1M characters and rescans the ever larger set of live objects, which costs about a tenth of
    the build. A disabled collector (threshold 0) stays disabled.
    """
    old = gc.get_threshold()
    if old[0]:
        gc.set_threshold(max(old[0], threshold), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def default_jobs() -> int:
    """The number of CPUs this process may use (``os.sched_getaffinity`` where available)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


@dataclass
class CorpusRun:
    """The per-document results of a corpus and what was done to get them."""

    results: list[DocResult] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    processed: list[str] = field(default_factory=list)  # doc ids extracted in this run
    cached: list[str] = field(default_factory=list)  # doc ids taken from the cache


def slim(result: DocResult) -> DocResult:
    """The result without the document text (offsets and evidence sentences are kept)."""
    doc = result.info.doc
    if not doc.text:
        return result
    return replace(result, info=replace(result.info, doc=replace(doc, text="")))


def doc_id_of(path: Path, root: Path) -> str:
    """The document id :func:`kg.reader.read_document` gives ``path`` under ``root``."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def _extract(pipeline: Pipeline, payload: Payload) -> Outcome:
    """Decode and process one document (runs in a worker, or in the parent for one job)."""
    data, doc_id, suffix, name, encoding, key = payload
    try:
        doc = document_from_bytes(data, doc_id, encoding=encoding, suffix=suffix, name=name)
    except InputError as exc:
        return WorkResult("skip", name, str(exc))
    return WorkResult("ok", key, slim(pipeline.process(doc)))


# ----------------------------------------------------------------------------- local process pool

# The pipeline of a pool worker process, built once by the pool's initializer. It lives in the
# worker processes only (the parent never sets it).
_WORKER: dict[str, Pipeline] = {}


def _init_worker(gazetteer, extractors) -> None:
    import jieba  # noqa: F401 - loaded before the first task, in each worker

    if gc.get_threshold()[0]:  # a worker process does nothing but builds (see fewer_collections)
        gc.set_threshold(max(gc.get_threshold()[0], GC_THRESHOLD), *gc.get_threshold()[1:])
    _WORKER["pipeline"] = Pipeline(gazetteer, extractors)


def _pool_task(payload: Payload) -> Outcome:
    return _extract(_WORKER["pipeline"], payload)


def _mp_context():
    """A safe start method for the pool.

    ``fork`` when this process runs a single thread (fast: nothing is imported
    again), else ``forkserver`` with ``kg`` preloaded (forking a threaded process
    is unsafe), else ``spawn``. The last two import the caller's ``__main__``
    again: scripts guard their entry point with ``if __name__ == "__main__":``.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["kg.pipeline", "kg.parallel"])
        return ctx
    return multiprocessing.get_context("spawn")  # pragma: no cover


def _run_pool(payloads: Iterator[Payload], jobs: int, gazetteer, extractors,
              on_outcome: Callable[[Outcome], None]) -> None:
    window = 4 * jobs
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_mp_context(), initializer=_init_worker,
                             initargs=(gazetteer, extractors)) as ex:
        pending: set[Future] = set()
        try:
            for payload in payloads:
                pending.add(ex.submit(_pool_task, payload))
                if len(pending) >= window:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for f in done:
                        on_outcome(f.result())
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    on_outcome(f.result())
        except BaseException:
            for f in pending:
                f.cancel()
            ex.shutdown(wait=True, cancel_futures=True)
            raise


# ----------------------------------------------------------------------------- Dask


def _dask_plugin_class():
    from distributed import WorkerPlugin

    class PipelinePlugin(WorkerPlugin):
        """Builds one pipeline per Dask worker (shared by its threads under a lock)."""

        def __init__(self, gazetteer, extractors) -> None:
            self.gazetteer, self.extractors = gazetteer, extractors
            self.pipeline: Pipeline | None = None
            self.lock = threading.Lock()

        def setup(self, worker) -> None:
            self.pipeline = Pipeline(self.gazetteer, self.extractors)

        def __getstate__(self):
            return {"gazetteer": self.gazetteer, "extractors": self.extractors}

        def __setstate__(self, state) -> None:
            self.gazetteer, self.extractors = state["gazetteer"], state["extractors"]
            self.pipeline = None
            self.lock = threading.Lock()

    return PipelinePlugin


def _dask_task(payload: Payload, plugin_name: str) -> Outcome:
    from distributed import get_worker

    plugin: Any = get_worker().plugins[plugin_name]  # our PipelinePlugin (typed as WorkerPlugin)
    with plugin.lock:
        return _extract(plugin.pipeline, payload)


def _dask_client(scheduler):
    try:
        from distributed import Client
    except ImportError:
        raise KGError("the dask engine needs Dask: pip install 'policy-kg[dask]' "
                      "(or pip install 'dask[distributed]')") from None
    if isinstance(scheduler, Client):
        return scheduler, False
    if not scheduler:
        raise KGError("the dask engine needs a scheduler address (--scheduler tcp://HOST:8786)")
    try:
        return Client(scheduler, timeout=30), True
    except (OSError, TimeoutError) as exc:
        raise KGError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None


def _run_dask(payloads: Iterator[Payload], scheduler, gazetteer, extractors, fp: str,
              on_outcome: Callable[[Outcome], None]) -> None:
    client, own = _dask_client(scheduler)  # first: a clear error when Dask is missing
    from distributed import as_completed

    try:
        name = f"kg-pipeline-{fp[:16]}"
        client.register_plugin(_dask_plugin_class()(gazetteer, extractors), name=name)
        nworkers = max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info().get("workers", {}).values()))
        window = 4 * nworkers
        it = iter(payloads)
        ac = as_completed()
        for payload in it:
            ac.add(client.submit(_dask_task, payload, name, pure=False))
            if ac.count() >= window:
                break
        for fut in ac:
            on_outcome(fut.result())
            fut.release()
            nxt = next(it, None)
            if nxt is not None:
                ac.add(client.submit(_dask_task, nxt, name, pure=False))
    finally:
        if own:
            client.close()


# ----------------------------------------------------------------------------- the corpus


def _prepare(pipeline: Pipeline | None, cache: ResultCache | str | Path | None
             ) -> tuple[Any, Sequence[Any], ResultCache | None, str]:
    """The gazetteer and extractors to run (``pipeline``'s, else the defaults), the cache opened, and the extraction
    fingerprint (``""`` without a cache)."""
    if pipeline is not None:
        gazetteer, extractors = pipeline.gazetteer, pipeline.extractors
    else:
        from .extract import EXTRACTORS
        from .gazetteer import load_gazetteer

        gazetteer, extractors = load_gazetteer(), EXTRACTORS
    if cache is not None and not isinstance(cache, ResultCache):
        cache = ResultCache(Path(cache))
    fp = fingerprint(gazetteer, extractors) if cache is not None else ""
    return gazetteer, extractors, cache, fp


def _from_cache(pairs: Sequence[tuple[Path, Path]], cache: ResultCache | None, encoding: str | None, fp: str,
                run: CorpusRun, tick: Callable[[], None]) -> tuple[list[tuple[Path, Path, str, str]], int]:
    """The documents of ``pairs`` the cache cannot answer (path, root, doc id, cache key) and their total size;
    the answered ones go to ``run`` (each ticks the progress)."""
    todo: list[tuple[Path, Path, str, str]] = []  # path, root, doc id, cache key
    todo_bytes = 0
    for path, root in pairs:
        doc_id = doc_id_of(Path(path), Path(root))
        key = ""
        if cache is not None:
            try:
                data = Path(path).read_bytes()
            except OSError:
                data = None
            if data is not None:
                key = document_key(data, doc_id, encoding, fp)
                hit = cache.get(key)
                if isinstance(hit, DocResult) and hit.info.doc.doc_id == doc_id:
                    run.results.append(hit)
                    run.cached.append(doc_id)
                    tick()
                    continue
        todo.append((Path(path), Path(root), doc_id, key))
        try:
            todo_bytes += Path(path).stat().st_size
        except OSError:
            pass
    return todo, todo_bytes


def _run_engine(engine: str, payloads: Iterator[Payload], workers: int, pipeline: Pipeline | None, gazetteer,
                extractors, fp: str, scheduler, on_outcome: Callable[[Outcome], None]) -> None:
    """Extract ``payloads`` on ``engine`` (in this process when ``workers`` ≤ 1), each outcome to ``on_outcome``."""
    if engine == "dask":
        _run_dask(payloads, scheduler, gazetteer, extractors, fp or fingerprint(gazetteer, extractors), on_outcome)
    elif workers <= 1:
        p = pipeline or Pipeline(gazetteer, extractors)
        for payload in payloads:
            on_outcome(_extract(p, payload))
    else:
        _run_pool(payloads, workers, gazetteer, extractors, on_outcome)


def process_corpus(pairs: Sequence[tuple[Path, Path]], *, pipeline: Pipeline | None = None,
                   jobs: int | None = 1, engine: str = "local", scheduler=None,
                   cache: ResultCache | str | Path | None = None, encoding: str | None = None,
                   strict: bool = False, progress: Callable[[int, int], None] | None = None,
                   min_parallel_bytes: int = MIN_PARALLEL_BYTES) -> CorpusRun:
    """Results of every readable document of ``pairs``, sorted by document id.

    ``jobs`` worker processes (``None``: every CPU) run the local engine;
    ``engine="dask"`` sends the work to the Dask cluster at ``scheduler``.
    With a ``cache`` (a folder or a :class:`~kg.cache.ResultCache`), documents
    whose bytes, id and extraction fingerprint are unchanged are not processed
    again. Unreadable files are skipped (listed in ``skipped``), or raise
    :class:`~kg.errors.StrictError` under ``strict``. ``progress(done, total)``
    is called after each document. The local engine stays in this process when
    less than ``min_parallel_bytes`` are left to process (starting a worker
    costs about as much as processing 50 kB).
    """
    if engine not in ENGINES:
        raise KGError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    gazetteer, extractors, cache, fp = _prepare(pipeline, cache)
    run = CorpusRun()
    total, done = len(pairs), 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    def skip(name: str, msg: str) -> None:
        if strict:
            raise StrictError(f"{msg} (--strict)")
        run.skipped.append((name, msg))
        log.warning("skipped %s", msg)
        tick()

    todo, todo_bytes = _from_cache(pairs, cache, encoding, fp, run, tick)

    def payloads() -> Iterator[Payload]:
        for path, root, doc_id, key in todo:
            try:
                data = path.read_bytes()
            except OSError:
                try:  # the reader's own message for a file that cannot be read
                    read_document(path, root, encoding)
                except InputError as exc:
                    skip(str(path), str(exc))
                    continue
                data = path.read_bytes()  # pragma: no cover - readable again
            if cache is not None:
                key = document_key(data, doc_id, encoding, fp)
            yield WorkItem(data, doc_id, path.suffix.lower(), str(path), encoding, key)

    def on_outcome(outcome: Outcome) -> None:
        kind, key, value = outcome
        if kind == "skip":
            skip(key, str(value))
            return
        result: DocResult = value  # type: ignore[assignment]
        run.results.append(result)
        run.processed.append(result.info.doc.doc_id)
        if cache is not None and key:
            cache.put(key, result)
        tick()

    workers = min(jobs, len(todo)) if todo_bytes >= min_parallel_bytes else 1
    if todo:  # else everything came from the cache: no pipeline, no workers
        _run_engine(engine, payloads(), workers, pipeline, gazetteer, extractors, fp, scheduler, on_outcome)
    run.results.sort(key=lambda r: r.info.doc.doc_id)
    run.processed.sort()
    run.cached.sort()
    return run


def tqdm_progress(quiet: bool = False, stream=None, desc: str = "documents"):
    """A ``progress(done, total)`` callback drawing a tqdm bar on stderr, or ``None``.

    No bar when ``quiet``, when the stream is not a terminal, or for one document.
    Call the returned object's ``close()`` at the end.
    """
    stream = stream or sys.stderr
    if quiet or not getattr(stream, "isatty", lambda: False)():
        return None
    from tqdm import tqdm

    class _Tqdm(tqdm):
        monitor_interval = 0  # no monitor thread: worker processes may then be forked safely

    class _Bar:
        def __init__(self) -> None:
            self.bar: _Tqdm | None = None

        def __call__(self, done: int, total: int) -> None:
            if total <= 1:
                return
            if self.bar is None:
                self.bar = _Tqdm(total=total, desc=desc, unit="doc", file=stream, leave=False, dynamic_ncols=True)
            self.bar.update(done - self.bar.n)

        def close(self) -> None:
            if self.bar is not None:
                self.bar.close()

    return _Bar()
