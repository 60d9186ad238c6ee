"""Queries cannot reach beyond the local graph, are stopped at their time limit, and take parameters safely.

A loopback HTTP server stands in for any remote SPARQL endpoint or file: it counts every request it
receives, and must receive none from ``kg query`` (both engines) or ``kg serve`` (GET and POST, with
and without an Origin header).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.api import build
from kg.cli import main
from kg.errors import QueryError
from kg.query import bind_params, is_update, parse_error, parse_params, prepare, term
from kg.serve import make_server
from kg.store import query_path

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


class _Counter(BaseHTTPRequestHandler):
    def _any(self) -> None:
        self.server.hits.append(self.path)  # type: ignore[attr-defined]
        body = b"secret body of another service"
        self.send_response(500)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = _any

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def target():
    """A loopback server that counts requests (the 'remote' a SERVICE or LOAD would reach)."""
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    srv.hits = []  # type: ignore[attr-defined]
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield srv, f"http://127.0.0.1:{srv.server_address[1]}/admin/delete-everything?confirm=yes"
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def graph(tmp_path_factory, pipeline):
    out = tmp_path_factory.mktemp("out")
    build(None, out, pipeline=pipeline)
    return out / "graph.ttl"


def remote_queries(url: str) -> list[str]:
    return [f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ ?x ?y ?z . SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
            f"select * {{ optional {{ service <{url}> {{ ?s ?p ?o }} }} }}",
            f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
            f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
            f"LOAD <{url}>",
            f"PREFIX x: <http://x/> SELECT * WHERE {{ SERVICE ?svc {{ ?s ?p ?o }} VALUES ?svc {{ <{url}> }} }}"]


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_kg_query_never_reaches_a_service(graph, target, engine, capsys):
    srv, url = target
    for q in remote_queries(url):
        with pytest.raises(QueryError):
            query_path(graph, q, engine)
        assert main(["query", str(graph), q, "--engine", engine]) == 5
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "secret" not in err
    assert srv.hits == []


def test_kg_serve_never_reaches_a_service(graph, target):
    srv, url = target
    server = make_server(graph, "127.0.0.1", 0, quiet=True, timeout=20)
    server.start()
    try:
        for q in remote_queries(url):
            for origin in (None, "https://evil.example", f"http://127.0.0.1:{server.server_address[1]}"):
                headers = {"Origin": origin} if origin else {}
                for how in ("get", "post", "form"):
                    if how == "get":
                        req = urllib.request.Request(server.url + "?" + urllib.parse.urlencode({"query": q}),
                                                     headers=headers)
                    elif how == "post":
                        req = urllib.request.Request(server.url, q.encode(), {**headers,
                                                     "Content-Type": "application/sparql-query"})
                    else:
                        req = urllib.request.Request(server.url, urllib.parse.urlencode({"query": q}).encode(),
                                                     {**headers, "Content-Type": "application/x-www-form-urlencoded"})
                    with pytest.raises(urllib.error.HTTPError) as exc:
                        urllib.request.urlopen(req, timeout=30)
                    assert exc.value.code == 403
                    body = exc.value.read().decode()
                    assert "secret" not in body
                    if origin == "https://evil.example":
                        assert body == ""  # cross-origin: nothing useful
    finally:
        server.stop()
    assert srv.hits == []


def test_update_detection_is_by_parsing():
    for q in ("SELECT ?add WHERE { ?s ?p ?add }", "SELECT ?with ?copy ?load WHERE { ?s <schema:copy> ?with }",
              "PREFIX drop: <http://x/> SELECT * { ?s drop:all ?o }", 'ASK { ?s ?p "INSERT DATA" }'):
        assert not is_update(q), q
        assert prepare(q).form in ("SELECT", "ASK")
    for q in ("INSERT DATA { <a:b> <a:c> <a:d> }", "drop all", "Clear Default",
              "WITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
              "ADD <a:x> TO <a:y>", "PREFIX x: <a:> DELETE WHERE { ?s x:p ?o }"):
        assert is_update(q), q


def test_missing_standard_prefixes_are_declared(graph):
    r = query_path(graph, "SELECT ?l WHERE { ?b a pk:Bureau ; rdfs:label ?l } ORDER BY ?l LIMIT 2")
    assert len(r.rows) == 2
    r2 = query_path(graph, "SELECT ?l WHERE { ?b a pk:Bureau ; rdfs:label ?l } ORDER BY ?l LIMIT 2", "rdflib")
    assert r2.rows == r.rows
    # a prefix the query declares itself wins
    r3 = query_path(graph, "PREFIX pk: <http://other.example/> ASK { ?b a pk:Bureau }")
    assert r3.boolean is False


def test_parser_errors_are_one_line_with_the_position(graph):
    for engine in ("oxigraph", "rdflib"):
        with pytest.raises(QueryError) as exc:
            query_path(graph, "SELECT ?x WHERE {\n  ?x ?y ?z . FILTER( }", engine)
        msg = str(exc.value)
        assert "\n" not in msg and "line 2" in msg, msg
    assert parse_error("error at 3:7: expected X") == "malformed SPARQL at line 3, column 7: expected X"


def test_construct_and_describe_write_turtle(graph, capsys):
    q = "CONSTRUCT { ?b a pk:Bureau } WHERE { ?b a pk:Bureau }"
    for engine in ("oxigraph", "rdflib"):
        assert main(["query", str(graph), q, "--engine", engine]) == 0
        out = capsys.readouterr().out
        import rdflib

        g = rdflib.Graph().parse(data=out, format="turtle")
        assert len(g) > 3
    assert main(["query", str(graph), "DESCRIBE ?b WHERE { ?b a pk:Bureau } LIMIT 1"]) == 0
    assert "@prefix" in capsys.readouterr().out


def test_params_fill_values_safely(graph):
    q = 'SELECT ?x WHERE { VALUES ?name { "nothing" } ?x rdfs:label ?l . FILTER(STR(?l) = ?name) }'
    assert query_path(graph, q).rows == ()
    label = query_path(graph, "SELECT ?l { ?x a pk:Bureau ; rdfs:label ?l } ORDER BY ?l LIMIT 1").rows[0][0]
    assert len(query_path(graph, q, params={"name": [label]}).rows) == 1
    hostile = '" } } DELETE WHERE { ?s ?p ?o } #'
    bound = bind_params(q, {"name": [hostile]})
    assert prepare(bound).form == "SELECT"
    assert query_path(graph, q, params={"name": [hostile]}).rows == ()
    with pytest.raises(QueryError, match="no VALUES"):
        bind_params(q, {"other": ["x"]})
    with pytest.raises(QueryError, match="NAME=VALUE"):
        parse_params(["no-equals"])
    assert term("pk:Bureau") == "<https://w3id.org/policy-kg/ontology#Bureau>"
    assert term('"艺术司"@zh') == '"艺术司"@zh' and term("a\nb") == '"a\\nb"'


def test_query_time_limit_stops_the_work(graph, capsys):
    t0 = time.monotonic()
    assert main(["query", str(graph), CARTESIAN, "--timeout", "1"]) == 5
    assert time.monotonic() - t0 < 15
    assert "time limit" in capsys.readouterr().err


def test_endpoint_time_limit_kills_the_worker(graph):
    server = make_server(graph, "127.0.0.1", 0, quiet=True, timeout=1, workers=1)
    server.start()
    try:
        pids = [w.proc.pid for w in server.pool._all]
        t0 = time.monotonic()
        with pytest.raises(urllib.error.HTTPError) as exc:
            urllib.request.urlopen(server.url + "?" + urllib.parse.urlencode({"query": CARTESIAN}), timeout=60)
        assert exc.value.code == 503 and time.monotonic() - t0 < 10
        for pid in pids:  # the worker that ran it is gone: no CPU is spent after the limit
            with pytest.raises(ProcessLookupError):
                os.kill(pid, 0)
        with urllib.request.urlopen(server.url + "?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}),
                                    timeout=60) as resp:  # a fresh worker answers the next query
            assert resp.status == 200
    finally:
        server.stop()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process")
def test_ctrl_c_ends_kg_query_within_a_second(graph):
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "query", str(graph), CARTESIAN],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(4)  # loaded and busy
    assert proc.poll() is None
    t0 = time.monotonic()
    proc.send_signal(signal.SIGINT)
    rc = proc.wait(timeout=10)
    assert time.monotonic() - t0 < 1.0
    assert rc == 130 and "Traceback" not in proc.stderr.read()


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="http://x.example/">
 <rdf:Description rdf:about="http://x.example/s"><x:p>&c;</x:p></rdf:Description>
</rdf:RDF>
"""


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_rdfxml_with_entity_declarations_is_refused(tmp_path, engine, capsys):
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(LAUGHS, encoding="utf-8")
    assert main(["query", str(bomb), "SELECT * { ?s ?p ?o }", "--engine", engine]) != 0
    err = capsys.readouterr().err
    assert "entity declarations" in err and err.count("\n") == 1
    plain = tmp_path / "plain.rdf"
    plain.write_text(LAUGHS.split("<!DOCTYPE")[0] + LAUGHS.split("]>\n")[1].replace("&c;", "v"), encoding="utf-8")
    assert main(["query", str(plain), "SELECT ?o { ?s ?p ?o }", "--engine", engine, "--format", "csv"]) == 0
    assert capsys.readouterr().out == "o\nv\n"


any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_a_param_value_is_always_exactly_one_term(value):
    import pyoxigraph as ox

    from kg.store import run_query

    q = 'SELECT ?name ?other WHERE { VALUES ?name { "default" } BIND("fixed" AS ?other) }'
    r = run_query(ox.Store(), bind_params(q, {"name": [value]}))
    assert r.rows == ((value, "fixed"),)


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_text, st.lists(st.sampled_from(["SELECT", "*", "{", "}", "?s", "SERVICE", "<a:b>", "INSERT",
                                                      "DATA", "WHERE", '"x"', "#", "\n", "FROM", "ASK", "("]),
                                    max_size=12).map(" ".join)))
def test_prepare_never_fails_other_than_with_one_line(query):
    try:
        p = prepare(query)
    except QueryError as exc:
        assert "\n" not in str(exc)
    else:
        assert p.form in ("", "SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
