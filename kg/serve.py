"""A local, read-only SPARQL endpoint over a graph file or an Oxigraph store.

``kg serve GRAPH_OR_STORE`` answers the SPARQL 1.1 protocol's queries
(``GET /sparql?query=…``, ``POST`` form or ``application/sparql-query``) with
Oxigraph, so YASGUI, SPARQLWrapper or ``curl`` can use it.

What it refuses, before any query runs (:func:`kg.query.prepare`): updates (by
the query's parsed form, the ``update`` parameter or ``application/sparql-update``),
``SERVICE`` and ``FROM`` (no request ever leaves the machine), requests whose
``Host`` is not on the allow-list (loopback names, or with ``allow_remote`` the
names given; against DNS rebinding), and cross-origin browser requests (an
``Origin`` or ``Sec-Fetch-Site`` header from a page not listed in ``cors``) —
those get a bare 403, so a web page a researcher has open learns nothing.

The HTTP layer is Python's ``http.server``, hardened: a bounded number of
connections (:data:`MAX_CONNECTIONS`; more are closed at once), a time-out on
every read of headers or body (:data:`READ_TIMEOUT`), a body only with a
valid ``Content-Length`` of at most :data:`MAX_BODY` bytes (negative, absent,
chunked or malformed lengths are refused). Each query runs in a worker process
holding the graph (:class:`kg.runner.WorkerPool`), killed at its time limit.
"""

from __future__ import annotations

import html
import ipaddress
import logging
import socket
import threading
from collections.abc import Iterable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from .errors import KGError, QueryError
from .query import READ_ONLY, prepare
from .runner import Busy, QueryTimeout, WorkerPool
from .store import load_source

log = logging.getLogger(__name__)

#: Largest request body accepted (a query, not data).
MAX_BODY = 1 << 20
#: Connections served at once; more are closed without an answer.
MAX_CONNECTIONS = 32
#: Seconds a read of the request line, a header or the body may take.
READ_TIMEOUT = 10.0
#: Longest request line or header line.
MAX_LINE = 16384
_RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
_SHORT = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
          "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ttl": "text/turtle",
          "nt": "application/n-triples", "ntriples": "application/n-triples"}
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>policy-kg SPARQL endpoint</title></head>
<body><h1>policy-kg SPARQL endpoint (read-only)</h1>
<p>Graph: {source}. Send SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE queries to <code>/sparql</code>.</p>
<form action="sparql" method="get"><textarea name="query" rows="12" cols="100">PREFIX pk: &lt;https://w3id.org/policy-kg/ontology#&gt;
PREFIX rdfs: &lt;http://www.w3.org/2000/01/rdf-schema#&gt;
SELECT ?bureau ?label WHERE {{ ?bureau a pk:Bureau ; rdfs:label ?label }} ORDER BY ?label LIMIT 20</textarea><br>
<select name="format"><option>json</option><option>xml</option><option>csv</option><option>tsv</option></select>
<button>Run</button></form></body></html>
"""


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _failure(exc: BaseException) -> str:
    """A query failure as one line: the first line of the error, cut at 300 characters."""
    return f"query failed: {str(exc).splitlines()[0][:300] if str(exc) else ''}"


def _pick(accept: str, fmt: str, table: dict, default: str) -> str | None:
    """The media type to answer with: an explicit ``format``, else the first acceptable type of ``accept``."""
    if fmt:
        mt = _SHORT.get(fmt.lower(), fmt.lower())
        return mt if mt in table else None
    prefs = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if fields[0]:
            prefs.append((-q, i, fields[0].lower()))
    for _, _, mt in sorted(prefs):
        if mt in table:
            return mt
        if mt in ("*/*", "application/*", "text/*"):
            return default
    return default if not prefs else None


def _host_name(header: str) -> str:
    """The name of a ``Host`` header, without the port, lower case (``[::1]:80`` → ``[::1]``)."""
    host = header.strip().lower()
    if host.startswith("["):
        return host[: host.index("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _default_hosts(host: str) -> set[str]:
    """The Host names answered by default when bound to ``host``: loopback names, and ``host`` itself."""
    names = set(_LOOPBACK_NAMES) | {"127.0.0.1"}
    if host not in ("0.0.0.0", "::", ""):
        names.add(f"[{host}]" if ":" in host else host.lower())
    else:
        for n in (socket.gethostname(), socket.getfqdn()):
            if n:
                names.add(n.lower())
    return names


class SparqlServer(ThreadingHTTPServer):
    """An HTTP server answering SPARQL queries on one graph, read-only, each query in a worker process."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, pool: WorkerPool, host: str = "127.0.0.1", port: int = 7878, *,
                 cors: str | Iterable[str] | None = None, source: str = "", quiet: bool = False,
                 timeout: float | None = 30.0, allowed_hosts: Iterable[str] = (),
                 max_connections: int = MAX_CONNECTIONS, read_timeout: float = READ_TIMEOUT) -> None:
        self.pool, self.source, self.quiet, self.timeout = pool, source, quiet, timeout
        self.read_timeout = read_timeout
        origins = [cors] if isinstance(cors, str) else list(cors or [])
        self.cors = {o.rstrip("/") for o in origins if o}
        self.loopback_only = is_loopback(host)
        self.allowed_hosts = _default_hosts(host) | {h.lower() for h in allowed_hosts}
        self._slots = threading.BoundedSemaphore(max_connections)
        super().__init__((host, port), _Handler)

    def process_request(self, request, client_address) -> None:
        """Serve in a thread while a connection slot is free; otherwise close the connection at once."""
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    _running = False

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        """Serve until :meth:`shutdown` (or Ctrl-C)."""
        self._running = True
        try:
            super().serve_forever(poll_interval)
        finally:
            self._running = False

    def origin_allowed(self, origin: str) -> bool:
        """True when browser pages from ``origin`` may query (``cors`` lists it, or is ``*``)."""
        return "*" in self.cors or origin.rstrip("/") in self.cors

    @property
    def url(self) -> str:
        """The endpoint URL (``http://HOST:PORT/sparql``)."""
        address, port = self.server_address[:2]
        host = address.decode() if isinstance(address, bytes) else str(address)
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/sparql"

    def start(self) -> threading.Thread:
        """Serve in a background thread (for tests and notebooks); stop with :meth:`stop`."""
        t = threading.Thread(target=self.serve_forever, name="kg-serve", daemon=True)
        t.start()
        return t

    def stop(self) -> None:
        """Stop serving, close the socket and stop the query workers."""
        try:
            if self._running:
                self.shutdown()
        finally:
            self.server_close()
            self.pool.close()


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "policy-kg"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = READ_TIMEOUT  # every read of the request line, headers and body

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.read_timeout)  # the server's, not the class default

    def log_message(self, format: str, *args) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)

    def handle_one_request(self) -> None:
        """One request; a read that times out, or a line over :data:`MAX_LINE`, closes the connection."""
        try:
            self.raw_requestline = self.rfile.readline(MAX_LINE + 1)
            if len(self.raw_requestline) > MAX_LINE:
                self.requestline, self.request_version, self.command = "", "", ""
                self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
                return
            if not self.raw_requestline:
                self.close_connection = True
                return
            if not self.parse_request():
                return
            method = getattr(self, "do_" + self.command, None)
            if method is None:
                self.send_error(HTTPStatus.NOT_IMPLEMENTED, f"unsupported method {self.command!r}")
                return
            method()
            self.wfile.flush()
        except (TimeoutError, ConnectionError):
            self.close_connection = True

    # -- answers

    def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        origin = self.headers.get("Origin", "") if self.headers else ""
        if origin and self.server.origin_allowed(origin):
            self.send_header("Access-Control-Allow-Origin", "*" if "*" in self.server.cors else origin)
            self.send_header("Vary", "Origin")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _allowed(self) -> bool:
        """Host on the allow-list, and no browser page from an origin not listed in ``cors``."""
        name = _host_name(self.headers.get("Host", ""))
        if name not in self.server.allowed_hosts and not (self.server.loopback_only and is_loopback(name)):
            self.close_connection = True
            where = "a loopback host name" if self.server.loopback_only else "an allowed host name (--allow-host)"
            self._error(HTTPStatus.FORBIDDEN, f"this endpoint only answers requests to {where}")
            return False
        origin = self.headers.get("Origin", "")
        site = self.headers.get("Sec-Fetch-Site", "").lower()
        if (origin and origin != "null" and not self.server.origin_allowed(origin) and not self._same_origin(origin)) \
                or (origin == "null" and "*" not in self.server.cors) \
                or (not origin and site in ("cross-site", "same-site")):
            self.close_connection = True
            self._send(HTTPStatus.FORBIDDEN, b"", "text/plain")
            return False
        return True

    def _same_origin(self, origin: str) -> bool:
        """True when ``origin`` is this endpoint itself (its own page at ``/``)."""
        url = urlsplit(origin)
        return url.scheme == "http" and _host_name(url.netloc) == _host_name(self.headers.get("Host", "")) \
            and (url.port or 80) == self.server.server_address[1]

    # -- methods

    def do_OPTIONS(self) -> None:
        if not self._allowed():
            return
        extra = {"Allow": "GET, HEAD, POST, OPTIONS"}
        if self.headers.get("Origin"):
            extra.update({"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                          "Access-Control-Allow-Headers": "Content-Type, Accept", "Access-Control-Max-Age": "600"})
        self._send(HTTPStatus.NO_CONTENT, b"", "text/plain", extra)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        if not self._allowed():
            return
        if self.headers.get("Content-Length") not in (None, "0") or self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            self._error(HTTPStatus.BAD_REQUEST, "a GET request has no body")
            return
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True, max_num_fields=100)
        if url.path in ("/", "/index.html") and "query" not in params:
            page = _PAGE.format(source=html.escape(self.server.source or "a graph"))
            self._send(HTTPStatus.OK, page.encode("utf-8"), "text/html; charset=utf-8")
            return
        if url.path not in ("/sparql", "/query", "/"):
            self._error(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql")
            return
        self._answer(params)

    def _body(self) -> bytes | None:
        """The request body, read only with a valid Content-Length within :data:`MAX_BODY` (else answered)."""
        self.close_connection = self.close_connection or False
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            self._error(HTTPStatus.LENGTH_REQUIRED, "send the body with a Content-Length, not chunked")
            return None
        raw = self.headers.get_all("Content-Length") or []
        if not raw:
            self.close_connection = True
            self._error(HTTPStatus.LENGTH_REQUIRED, "a POST request needs a Content-Length")
            return None
        if len(set(raw)) != 1 or not raw[0].strip().isdigit() or not raw[0].strip().isascii():
            self.close_connection = True
            self._error(HTTPStatus.BAD_REQUEST, "bad Content-Length")
            return None
        length = int(raw[0])
        if length > MAX_BODY:
            self.close_connection = True
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes")
            return None
        data = self.rfile.read(length)
        if len(data) != length:
            self.close_connection = True
            return None
        return data

    def do_POST(self) -> None:
        if not self._allowed():
            return
        url = urlsplit(self.path)
        if url.path not in ("/sparql", "/query", "/"):
            self.close_connection = True
            self._error(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql")
            return
        data = self._body()
        if data is None:
            return
        body = data.decode("utf-8", errors="replace")
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True, max_num_fields=100)
        if ctype == "application/sparql-update":
            self._error(HTTPStatus.FORBIDDEN, READ_ONLY)
            return
        if ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype in ("application/x-www-form-urlencoded", ""):
            try:
                form = parse_qs(body, keep_blank_values=True, max_num_fields=100)
            except ValueError:
                self._error(HTTPStatus.BAD_REQUEST, "too many form fields")
                return
            for k, v in form.items():
                params.setdefault(k, []).extend(v)
        else:
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"unsupported Content-Type {ctype[:100]}")
            return
        self._answer(params)

    def do_PUT(self) -> None:
        self.close_connection = True
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, "this endpoint is read-only")

    do_DELETE = do_PATCH = do_PUT

    # -- the query

    def _answer(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._error(HTTPStatus.FORBIDDEN, READ_ONLY)
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._error(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
            return
        fmt = (params.get("format") or params.get("output") or [""])[0]
        graphs = [g for g in params.get("default-graph-uri", []) + params.get("named-graph-uri", []) if g]
        if graphs:
            self._error(HTTPStatus.BAD_REQUEST, "default-graph-uri / named-graph-uri are not supported: "
                        "the endpoint serves one local graph")
            return
        request = (queries[0], fmt, self.headers.get("Accept", ""))
        try:
            status, ctype, body = self.server.pool.call(request, self.server.timeout, wait=self.server.timeout)
        except (QueryTimeout, Busy) as exc:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
            return
        except KGError as exc:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc).splitlines()[0][:300])
            return
        self._send(status, body, ctype)


def answer(store: ox.Store, engine: str, query: str, fmt: str, accept: str) -> tuple[int, str, bytes]:
    """Status, content type and body of one query on ``store`` (run in a worker process)."""
    def error(status: int, message: str) -> tuple[int, str, bytes]:
        return status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8")

    try:
        prep = prepare(query)
    except QueryError as exc:
        return error(HTTPStatus.FORBIDDEN, str(exc))
    from .query import parse_error

    try:
        res = store.query(prep.text, prefixes=prep.prefixes or None)
    except SyntaxError as exc:
        return error(HTTPStatus.BAD_REQUEST, parse_error(str(exc)))
    except (OSError, ValueError, RuntimeError) as exc:
        return error(HTTPStatus.INTERNAL_SERVER_ERROR, _failure(exc))
    graph = isinstance(res, ox.QueryTriples)
    table: dict[str, Any] = _GRAPH_TYPES if graph else _RESULT_TYPES  # media type → ox format
    mt = _pick(accept, fmt, table, "text/turtle" if graph else "application/sparql-results+json")
    if mt is None:
        return error(HTTPStatus.NOT_ACCEPTABLE, "cannot answer in the requested format; accepted: "
                     + ", ".join(sorted(table)))
    try:
        if isinstance(res, ox.QueryTriples):
            body = res.serialize(format=_GRAPH_TYPES[mt])
        else:
            body = res.serialize(format=_RESULT_TYPES[mt])
    except (OSError, ValueError, RuntimeError) as exc:
        return error(HTTPStatus.INTERNAL_SERVER_ERROR, _failure(exc))
    return HTTPStatus.OK, f"{mt}; charset=utf-8", body or b""


def make_server(source: str | Path, host: str = "127.0.0.1", port: int = 7878, *,
                cors: str | Iterable[str] | None = None, quiet: bool = False, timeout: float | None = 30.0,
                workers: int = 2, allowed_hosts: Iterable[str] = (), max_connections: int = MAX_CONNECTIONS,
                read_timeout: float = READ_TIMEOUT) -> SparqlServer:
    """A server for a graph file or a store folder (loaded by each worker); port 0 picks a free one."""
    if not 0 <= int(port) <= 65535:
        raise KGError(f"port {port} is not between 0 and 65535")
    pool = WorkerPool(source, "oxigraph", answer, size=workers, loader=load_source)
    try:
        return SparqlServer(pool, host, port, cors=cors, source=str(source), quiet=quiet, timeout=timeout,
                            allowed_hosts=allowed_hosts, max_connections=max_connections, read_timeout=read_timeout)
    except (OSError, OverflowError) as exc:
        pool.close()
        raise KGError(f"cannot listen on {host}:{port}: {getattr(exc, 'strerror', None) or exc}") from None
