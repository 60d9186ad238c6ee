"""Queries run in a child process that holds the graph, so a time limit or Ctrl-C really stops the work.

Oxigraph evaluates a query inside one call that Python cannot interrupt; a
thread cannot be stopped either. A :class:`Worker` is a child process that
loads the graph once and answers requests one at a time; when a request
outlives its time limit, or the user presses Ctrl-C, the parent kills the child
(SIGKILL: the CPU is free at once) and, in a :class:`WorkerPool`, starts
another. Requests and answers cross a pipe between two processes of this
program (nothing from outside is ever unpickled).
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from .errors import KGError, QueryError


class QueryTimeout(QueryError):
    """A query ran past its time limit and was stopped."""


class Busy(QueryError):
    """Every worker stayed busy for as long as a request may wait."""


def _context():
    """Fork while this process has a single thread (fast, nothing to re-import), else a fork server or spawn."""
    methods = mp.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return mp.get_context("fork")
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


def _die_with_parent() -> None:
    """On Linux, ask the kernel to kill this process when its parent dies (even by SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _main(source: str, engine: str, conn, handler: Callable, loader: Callable) -> None:
    """The child: load the graph (``loader(source, engine)``), then answer requests until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; it kills this process
    _die_with_parent()
    try:
        graph = loader(source, engine)
    except KGError as exc:
        conn.send(("error", exc))
        return
    except Exception as exc:  # noqa: BLE001 - reported to the parent as one line
        conn.send(("error", QueryError(f"cannot load {source}: {exc.__class__.__name__}")))
        return
    conn.send(("ready", None))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = ("ok", handler(graph, engine, *request))
        except KGError as exc:
            answer = ("error", exc)
        except Exception as exc:  # noqa: BLE001 - an engine failure is one line, never a traceback
            msg = str(exc).splitlines()[0][:300] if str(exc) else exc.__class__.__name__
            answer = ("error", QueryError(f"query failed: {msg}"))
        try:
            conn.send(answer)
        except (OSError, ValueError):
            return


class Worker:
    """One child process holding the graph of ``source``; :meth:`call` runs ``handler(graph, engine, *request)``.

    ``loader(source, engine)`` loads the graph in the child (e.g. :func:`kg.store.load_source`); like
    ``handler``, a module-level function (it crosses to the child).
    """

    def __init__(self, source: str | Path, engine: str, handler: Callable, *, loader: Callable) -> None:
        ctx = _context()
        self._conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_main, args=(str(source), engine, child, handler, loader), daemon=True,
                                name="kg-query")
        self.proc.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float | None = None) -> None:
        """Wait until the graph is loaded; raise its loading error (one line) if it could not be."""
        if self.ready:
            return
        try:
            if not self._conn.poll(timeout):
                raise QueryTimeout(f"the graph was not loaded within {timeout:g} s")
            kind, value = self._conn.recv()
        except EOFError:
            self.kill()
            raise QueryError("the query process ended while loading the graph") from None
        except BaseException:
            self.kill()
            raise
        if kind == "error":
            self.kill()
            raise value
        self.ready = True

    def call(self, request: tuple, timeout: float | None = None):
        """Answer ``request`` within ``timeout`` seconds (``None``: none); the child is killed on time-out or Ctrl-C."""
        try:
            self.wait_ready()
            self._conn.send(request)
            if not self._conn.poll(timeout):
                self.kill()
                raise QueryTimeout(f"the query was stopped after its time limit of {timeout:g} s")
            kind, value = self._conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self.kill()
            raise QueryError("the query process ended unexpectedly (out of memory?)") from None
        except BaseException:
            self.kill()
            raise
        if kind == "error":
            raise value
        return value

    @property
    def alive(self) -> bool:
        """True while the child runs."""
        return self.proc.is_alive()

    def kill(self) -> None:
        """Stop the child now (SIGKILL) and reap it."""
        try:
            self.proc.kill()
            self.proc.join(5)
        except (OSError, ValueError, AssertionError):
            pass
        self._conn.close()


def run_once(source: str | Path, engine: str, handler: Callable, request: tuple,
             timeout: float | None = None, *, loader: Callable):
    """Load ``source`` in a child, answer one request, stop the child (Ctrl-C or the time limit stop it at once)."""
    w = Worker(source, engine, handler, loader=loader)
    try:
        return w.call(request, timeout)
    finally:
        w.kill()


class WorkerPool:
    """``size`` workers on one graph; a request waits for a free one, a worker that times out is replaced."""

    def __init__(self, source: str | Path, engine: str, handler: Callable, size: int = 2, *,
                 loader: Callable) -> None:
        self.source, self.engine, self.handler, self.loader = str(source), engine, handler, loader
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: list[Worker] = []
        self._lock = threading.Lock()
        first = self._spawn()
        try:
            first.wait_ready()
        except BaseException:
            self.close()
            raise
        self._idle.put(first)
        for _ in range(max(1, size) - 1):
            self._idle.put(self._spawn())

    def _spawn(self) -> Worker:
        w = Worker(self.source, self.engine, self.handler, loader=self.loader)
        with self._lock:
            self._all = [x for x in self._all if x.alive] + [w]
        return w

    def call(self, request: tuple, timeout: float | None, wait: float | None = None):
        """Answer ``request`` on a free worker (waiting at most ``wait`` s for one) within ``timeout`` s."""
        try:
            w = self._idle.get(timeout=wait)
        except queue.Empty:
            raise Busy("every query worker is busy; try again shortly") from None
        try:
            result = w.call(request, timeout)
        except BaseException:
            if not w.alive:
                w = self._spawn()  # loads the graph in the background; the next request waits for it
            self._idle.put(w)
            raise
        self._idle.put(w)
        return result

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers, self._all = self._all, []
        for w in workers:
            w.kill()
