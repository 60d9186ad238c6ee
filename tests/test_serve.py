"""The local SPARQL endpoint: answers the protocol over HTTP on loopback, refuses updates."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.api import build
from kg.errors import InputError
from kg.serve import _pick, is_loopback, make_server

Q = """PREFIX pk: <https://w3id.org/policy-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?b ?label WHERE { ?b a pk:Bureau ; rdfs:label ?label } ORDER BY ?label"""


@pytest.fixture(scope="module")
def graph(tmp_path_factory, pipeline):
    out = tmp_path_factory.mktemp("out")
    r = build(None, out, pipeline=pipeline, store=out / "store")
    return out, sorted({e.label for e in r.corpus.entities if e.type == "Bureau"})


@pytest.fixture(params=["file", "store"])
def server(request, graph):
    out, _ = graph
    source = out / "graph.ttl" if request.param == "file" else out / "store"
    srv = make_server(source, "127.0.0.1", 0, quiet=True)
    srv.start()
    yield srv
    srv.stop()


def call(url, data=None, headers=None, method=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode("utf-8")


def labels(body: str) -> list[str]:
    return [b["label"]["value"] for b in json.loads(body)["results"]["bindings"]]


def test_serve_get_post_and_formats(server, graph):
    _, bureaus = graph
    assert bureaus
    status, ctype, body = call(server.url + "?" + urllib.parse.urlencode({"query": Q}))
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    assert labels(body) == sorted(labels(body)) and set(labels(body)) == set(bureaus)

    form = urllib.parse.urlencode({"query": Q}).encode()
    status, _, body2 = call(server.url, form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and labels(body2) == labels(body)

    status, ctype, csv = call(server.url, Q.encode(),
                              {"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert status == 200 and ctype.startswith("text/csv")
    assert csv.splitlines()[0] == "b,label" and len(csv.splitlines()) == len(bureaus) + 1

    status, ctype, xml = call(server.url + "?" + urllib.parse.urlencode({"query": Q, "format": "xml"}))
    assert status == 200 and "<sparql" in xml

    ask = "ASK { ?s a <https://w3id.org/policy-kg/ontology#Bureau> }"
    status, _, body = call(server.url + "?" + urllib.parse.urlencode({"query": ask}))
    assert json.loads(body)["boolean"] is True

    construct = "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 3"
    status, ctype, ttl = call(server.url + "?" + urllib.parse.urlencode({"query": construct}),
                              headers={"Accept": "application/n-triples"})
    assert status == 200 and ctype.startswith("application/n-triples") and ttl.count(" .\n") == 3


def test_serve_refuses_updates(server):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = call(server.url + "?" + urllib.parse.urlencode({"query": count}))[2]
    insert = "INSERT DATA { <http://x.example/a> <http://x.example/b> <http://x.example/c> }"
    for data, headers in [
        (urllib.parse.urlencode({"update": insert}).encode(), {"Content-Type": "application/x-www-form-urlencoded"}),
        (insert.encode(), {"Content-Type": "application/sparql-update"}),
        (urllib.parse.urlencode({"query": insert}).encode(), {"Content-Type": "application/x-www-form-urlencoded"}),
    ]:
        status, _, body = call(server.url, data, headers)
        assert status == 403 and "read-only" in body
    assert call(server.url, b"", method="PUT")[0] == 405
    assert call(server.url, method="DELETE")[0] == 405
    assert call(server.url + "?" + urllib.parse.urlencode({"query": count}))[2] == before


def test_serve_errors(server):
    assert call(server.url + "?" + urllib.parse.urlencode({"query": "SELEC ?x {"}))[0] == 400
    assert call(server.url)[0] == 400  # no query
    assert call(server.url.replace("/sparql", "/elsewhere"))[0] == 404
    assert call(server.url + "?" + urllib.parse.urlencode({"query": Q}), headers={"Accept": "image/png"})[0] == 406
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=30)  # announce a large body, send none: refused at once
    conn.putrequest("POST", "/sparql")
    conn.putheader("Content-Type", "application/x-www-form-urlencoded")
    conn.putheader("Content-Length", str(2 << 20))
    conn.endheaders()
    assert conn.getresponse().status == 413
    conn.close()
    status, ctype, page = call(server.url.replace("/sparql", "/"))
    assert status == 200 and ctype.startswith("text/html") and "read-only" in page


def test_serve_refuses_foreign_host_names(server):
    status, _, body = call(server.url + "?" + urllib.parse.urlencode({"query": Q}), headers={"Host": "evil.example:80"})
    assert status == 403 and "loopback" in body
    assert call(server.url + "?" + urllib.parse.urlencode({"query": Q}), headers={"Host": "localhost"})[0] == 200


def test_serve_cors_only_when_asked(graph):
    out, _ = graph
    srv = make_server(out / "graph.ttl", "127.0.0.1", 0, cors="https://yasgui.example", quiet=True)
    srv.start()
    try:
        req = urllib.request.Request(srv.url + "?" + urllib.parse.urlencode({"query": Q}),
                                     headers={"Origin": "https://yasgui.example"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            assert resp.headers["Access-Control-Allow-Origin"] == "https://yasgui.example"
        assert call(srv.url, method="OPTIONS", headers={"Origin": "https://yasgui.example"})[0] == 204
        # any other page: a bare 403, no data and no CORS header
        status, _, body = call(srv.url + "?" + urllib.parse.urlencode({"query": Q}),
                               headers={"Origin": "https://evil.example"})
        assert status == 403 and body == ""
    finally:
        srv.stop()


def test_serve_defaults_and_helpers(tmp_path):
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("[::1]")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")
    assert _pick("text/csv;q=0.5, application/sparql-results+json", "", {"text/csv": 1,
                 "application/sparql-results+json": 2}, "text/csv") == "application/sparql-results+json"
    with pytest.raises(InputError):
        make_server(tmp_path / "missing.ttl", port=0)


def test_serve_cli_starts_binds_loopback_and_stops(graph, tmp_path):
    out, bureaus = graph
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(out / "store"), "--port", "0"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    try:
        line = proc.stderr.readline()
        assert "http://127.0.0.1:" in line, line
        url = line.split(" at ", 1)[1].split()[0]
        status, _, body = call(url + "?" + urllib.parse.urlencode({"query": Q}))
        assert status == 200 and set(labels(body)) == set(bureaus)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


# ---------------------------------------------------------------------------
# The hardened HTTP layer
# ---------------------------------------------------------------------------


def raw(srv, data: bytes, wait: float = 10.0) -> bytes:
    """Send raw bytes and read what comes back until the server closes or ``wait`` runs out."""
    import socket

    host, port = srv.server_address[:2]
    with socket.create_connection((host, port), timeout=wait) as s:
        s.sendall(data)
        out = b""
        try:
            while chunk := s.recv(65536):
                out += chunk
        except TimeoutError:
            pass
    return out


@pytest.fixture()
def small(graph):
    out, _ = graph
    srv = make_server(out / "graph.ttl", "127.0.0.1", 0, quiet=True, max_connections=4, read_timeout=1.0)
    srv.start()
    yield srv
    srv.stop()


def test_serve_refuses_bad_lengths(small):
    head = b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\n"
    assert raw(small, head + b"Content-Length: -1\r\n\r\n" + b"x" * 100000).startswith(b"HTTP/1.1 400")
    assert raw(small, head + b"Content-Length: 1e3\r\n\r\n").startswith(b"HTTP/1.1 400")
    assert raw(small, head + b"Content-Length: 5\r\nContent-Length: 6\r\n\r\nASK{}").startswith(b"HTTP/1.1 400")
    assert raw(small, head + b"\r\nASK {}").startswith(b"HTTP/1.1 411")
    assert raw(small, head + b"Transfer-Encoding: chunked\r\n\r\n6\r\nASK {}\r\n0\r\n\r\n").startswith(b"HTTP/1.1 411")
    ok = raw(small, head + b"Content-Length: 6\r\nConnection: close\r\n\r\nASK {}")
    assert ok.startswith(b"HTTP/1.1 200") and b"true" in ok


def test_serve_times_out_slow_requests_and_bounds_connections(small):
    import socket
    import time

    host, port = small.server_address[:2]
    t0 = time.monotonic()
    assert raw(small, b"GET /sparql HTTP/1.1\r\nHost: loc") == b""  # headers never finished: closed after 1 s
    assert time.monotonic() - t0 < 5
    idle = [socket.create_connection((host, port), timeout=10) for _ in range(4)]
    try:
        time.sleep(0.2)
        extra = socket.create_connection((host, port), timeout=10)
        assert extra.recv(100) == b""  # over the bound: closed at once, no thread held
        extra.close()
    finally:
        for s in idle:
            s.close()
    time.sleep(0.5)
    status, _, _ = call(small.url + "?" + urllib.parse.urlencode({"query": "ASK {}"}))
    assert status == 200  # slots come back


def test_serve_cross_origin_gets_nothing(small):
    q = small.url + "?" + urllib.parse.urlencode({"query": Q})
    for headers in ({"Origin": "https://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}):
        status, _, body = call(q, headers=headers)
        assert (status, body) == (403, ""), headers
    own = f"http://127.0.0.1:{small.server_address[1]}"
    assert call(q, headers={"Origin": own, "Host": f"127.0.0.1:{small.server_address[1]}"})[0] == 200
    assert call(q, headers={"Sec-Fetch-Site": "same-origin"})[0] == 200
    status, _, body = call(small.url + "?" + urllib.parse.urlencode({"query": "SELEC ?x {"}))
    assert status == 400 and body.count("\n") == 1 and "line 1" in body


def test_serve_remote_binding_keeps_a_host_allow_list(small, capsys):
    small.loopback_only = False  # as when bound beyond loopback with --allow-remote (tests stay on loopback)
    small.allowed_hosts = {"kg.example", "localhost", "127.0.0.1"}
    q = small.url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    assert call(q, headers={"Host": "evil.example"})[0] == 403
    assert call(q, headers={"Host": "kg.example:7878"})[0] == 200
    from kg.cli import main

    assert main(["serve", "x.ttl", "--host", "0.0.0.0"]) == 2  # refused before anything is bound
    assert "--allow-remote" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["serve", "x.ttl", "--port", "99999"])
    assert exc.value.code == 2
    assert "Traceback" not in capsys.readouterr().err
