"""A local, read-only SPARQL endpoint over a graph file or an Oxigraph store.

``kg serve GRAPH_OR_STORE`` answers the SPARQL 1.1 protocol's queries
(``GET /sparql?query=…``, ``POST`` form or ``application/sparql-query``) with
Oxigraph, so YASGUI, SPARQLWrapper or ``curl`` can use it. It is read-only:
updates (the ``update`` parameter, ``application/sparql-update``, or update
keywords in a query, :func:`kg.query.is_update`) get ``403``, and the store is
opened read-only. It binds to 127.0.0.1 by default, and while bound to a
loopback address it only answers requests whose ``Host`` is a loopback name
(so a web page cannot reach it through DNS rebinding). A browser page from
another origin (a hosted YASGUI) needs ``cors`` set to that origin.
"""

from __future__ import annotations

import html
import ipaddress
import logging
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from .errors import KGError
from .query import is_update
from .store import open_graph

log = logging.getLogger(__name__)

#: Largest request body accepted (a query, not data).
MAX_BODY = 1 << 20
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


class SparqlServer(ThreadingHTTPServer):
    """An HTTP server answering SPARQL queries on one store, read-only."""

    daemon_threads = True

    def __init__(self, store: ox.Store, host: str = "127.0.0.1", port: int = 7878, *, cors: str | None = None,
                 source: str = "", quiet: bool = False) -> None:
        self.store, self.cors, self.source, self.quiet = store, cors, source, quiet
        self.loopback_only = is_loopback(host)
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        """The endpoint URL (``http://HOST:PORT/sparql``)."""
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/sparql"

    def start(self) -> threading.Thread:
        """Serve in a background thread (for tests and notebooks); stop with :meth:`stop`."""
        t = threading.Thread(target=self.serve_forever, name="kg-serve", daemon=True)
        t.start()
        return t

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "policy-kg"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)

    # -- answers

    def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", self.server.cors)
            self.send_header("Vary", "Origin")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _host_ok(self) -> bool:
        if not self.server.loopback_only:
            return True
        host = self.headers.get("Host", "")
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if host.startswith("[") and "]" in host:
            name = host[: host.index("]") + 1]
        if is_loopback(name):
            return True
        self._error(HTTPStatus.FORBIDDEN, "this endpoint only answers requests to a loopback host name")
        return False

    # -- methods

    def do_OPTIONS(self) -> None:
        extra = {"Allow": "GET, HEAD, POST, OPTIONS"}
        if self.server.cors:
            extra.update({"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                          "Access-Control-Allow-Headers": "Content-Type, Accept", "Access-Control-Max-Age": "600"})
        self._send(HTTPStatus.NO_CONTENT, b"", "text/plain", extra)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path in ("/", "/index.html") and "query" not in params:
            page = _PAGE.format(source=html.escape(self.server.source or "a graph"))
            self._send(HTTPStatus.OK, page.encode("utf-8"), "text/html; charset=utf-8")
            return
        if url.path not in ("/sparql", "/query", "/"):
            self._error(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql")
            return
        self._answer(params)

    def do_POST(self) -> None:
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        if url.path not in ("/sparql", "/query", "/"):
            self._error(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._error(HTTPStatus.BAD_REQUEST, "bad Content-Length")
            return
        if length > MAX_BODY:
            self.close_connection = True
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes")
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            self._error(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only")
            return
        if ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype in ("application/x-www-form-urlencoded", ""):
            for k, v in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        else:
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"unsupported Content-Type {ctype}")
            return
        self._answer(params)

    def do_PUT(self) -> None:
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, "this endpoint is read-only")

    do_DELETE = do_PATCH = do_PUT

    # -- the query

    def _answer(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._error(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only")
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._error(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
            return
        query = queries[0]
        if is_update(query):
            self._error(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only")
            return
        fmt = (params.get("format") or params.get("output") or [""])[0]
        accept = self.headers.get("Accept", "")
        try:
            graphs = [ox.NamedNode(u) for u in params.get("default-graph-uri", [])]
        except ValueError:
            self._error(HTTPStatus.BAD_REQUEST, "default-graph-uri is not an IRI")
            return
        try:
            res = self.server.store.query(query, default_graph=graphs or None)
        except SyntaxError as exc:
            self._error(HTTPStatus.BAD_REQUEST, f"malformed SPARQL: {str(exc).splitlines()[0][:300]}")
            return
        except (OSError, ValueError, RuntimeError) as exc:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {str(exc)[:300]}")
            return
        if isinstance(res, ox.QueryTriples):
            mt = _pick(accept, fmt, _GRAPH_TYPES, "text/turtle")
            table = _GRAPH_TYPES
        else:
            mt = _pick(accept, fmt, _RESULT_TYPES, "application/sparql-results+json")
            table = _RESULT_TYPES
        if mt is None:
            self._error(HTTPStatus.NOT_ACCEPTABLE, "cannot answer in the requested format; accepted: "
                        + ", ".join(sorted(table)))
            return
        try:
            body = res.serialize(format=table[mt])
        except (OSError, ValueError, RuntimeError) as exc:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {str(exc)[:300]}")
            return
        self._send(HTTPStatus.OK, body, f"{mt}; charset=utf-8")


def make_server(source: str | Path, host: str = "127.0.0.1", port: int = 7878, *, cors: str | None = None,
                quiet: bool = False) -> SparqlServer:
    """A server for a graph file (loaded into memory) or a store folder (opened read-only); port 0 picks a free one."""
    store = open_graph(source)
    try:
        return SparqlServer(store, host, port, cors=cors, source=str(source), quiet=quiet)
    except OSError as exc:
        raise KGError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
