"""The SPARQL cookbook (ontology/queries): every query runs unchanged in rdflib and Oxigraph and
gives the expected answer on the bundled sample (answers checked by hand against the sample's text)."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "ontology" / "queries" / "update_expected.py"


def _load_script():
    spec = importlib.util.spec_from_file_location("cookbook_update_expected", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


cookbook = _load_script()
QUERIES = cookbook.query_files()


def _params():
    out = []
    for rq in QUERIES:
        exp = cookbook.load_expected(rq) or {}
        marks = [pytest.mark.xfail(reason=exp["xfail"], strict=True)] if exp.get("xfail") else []
        out.append(pytest.param(rq, id=rq.stem, marks=marks))
    return out


@pytest.fixture(scope="module")
def engines(pipeline):
    """The sample's graph in rdflib (no namespace bindings) and in an Oxigraph store."""
    ttl = cookbook.sample_turtle(pipeline)
    return cookbook.rdflib_graph(ttl), cookbook.oxigraph_store(ttl)


# ---------------------------------------------------------------------------
# The files
# ---------------------------------------------------------------------------


def test_cookbook_has_at_least_ten_queries_each_with_an_expected_answer() -> None:
    assert len(QUERIES) >= 10
    stems = {rq.stem for rq in QUERIES}
    answers = {p.name[: -len(".expected.json")] for p in SCRIPT.parent.glob("*.expected.json")}
    assert answers == stems
    for rq in QUERIES:
        assert cookbook.load_expected(rq)["query"] == rq.name


def test_cookbook_queries_are_installed_with_the_package() -> None:
    from importlib import resources

    installed = resources.files("kg.ontology") / "queries"
    for rq in QUERIES:
        assert (installed / rq.name).read_text(encoding="utf-8") == rq.read_text(encoding="utf-8")


@pytest.mark.parametrize("rq", QUERIES, ids=[q.stem for q in QUERIES])
def test_query_declares_every_prefix_it_uses(rq: Path) -> None:
    text = rq.read_text(encoding="utf-8")
    used, declared = cookbook.used_prefixes(text), cookbook.declared_prefixes(text)
    assert used, "a cookbook query uses the vocabulary"
    assert used <= declared, f"undeclared prefixes: {sorted(used - declared)}"


@pytest.mark.parametrize("rq", QUERIES, ids=[q.stem for q in QUERIES])
def test_query_header_says_what_it_answers_in_english_and_chinese(rq: Path) -> None:
    header = []
    for line in rq.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        header.append(line.lstrip("# "))
    assert len(header) >= 4
    assert re.search(r"[A-Za-z]{4,}", header[0]) and not re.search(r"[\u4e00-\u9fff]", header[0]), \
        "the first line names the question in English"
    assert re.search(r"[\u4e00-\u9fff]{4,}", header[1]), "the second line names it in Chinese"
    body = " ".join(header[2:])
    assert re.search(r"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", body) and len(re.findall(r"[\u4e00-\u9fff]", body)) >= 10, \
        "the header explains the answer in both languages"


@pytest.mark.parametrize("rq", QUERIES, ids=[q.stem for q in QUERIES])
def test_expected_file_is_sorted_and_in_canonical_form(rq: Path) -> None:
    path = cookbook.expected_path(rq)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert path.read_text(encoding="utf-8") == cookbook.dumps(data)
    assert data["rows"] == cookbook.sort_rows(data["rows"])
    for entry in data["rows"] + data.get("optional", []):
        for row in cookbook._alternatives(entry):
            assert len(row) == len(data["variables"])


# ---------------------------------------------------------------------------
# The prefix check itself
# ---------------------------------------------------------------------------


def test_prefix_check_finds_a_missing_declaration() -> None:
    q = 'PREFIX pk: <https://w3id.org/policy-kg/ontology#>\nSELECT ?x WHERE { ?x a pk:Law ; rdfs:label ?l }'
    assert cookbook.used_prefixes(q) == {"pk", "rdfs"}
    assert cookbook.used_prefixes(q) - cookbook.declared_prefixes(q) == {"rdfs"}


def test_prefix_check_ignores_strings_iris_comments_and_variables() -> None:
    q = ('# see rdfs:label\nPREFIX : <http://example.org/>\n'
         'SELECT ?x WHERE { ?x <http://example.org/a:b> "owl:Thing" ; :p ?y . FILTER (?y != "x:y") }')
    assert cookbook.used_prefixes(q) == {""}
    assert cookbook.declared_prefixes(q) == {""}


def test_rdflib_graph_of_the_tests_has_no_namespace_bindings(engines) -> None:
    graph, _ = engines
    assert list(graph.namespaces()) == []


# ---------------------------------------------------------------------------
# Comparison rules
# ---------------------------------------------------------------------------


def test_compare_rules_for_wildcards_variants_and_optional_rows() -> None:
    expected = {"rows": [["a", None], {"any_of": [["b", "1"], ["b", "2"]]}], "optional": [["c", "3"]]}
    assert cookbook.compare(expected, [("a", "9"), ("b", "2")]) == ([], [])
    assert cookbook.compare(expected, [("a", "9"), ("b", "1"), ("c", "3")]) == ([], [])
    missing, unexpected = cookbook.compare(expected, [("a", "9"), ("b", "5"), ("d", "4")])
    assert missing == [{"any_of": [["b", "1"], ["b", "2"]]}]
    assert unexpected == [("b", "5"), ("d", "4")]


def test_numbers_compare_in_canonical_form() -> None:
    xsd = cookbook.XSD
    assert cookbook.normalise("0.80", xsd + "decimal") == cookbook.normalise("0.8", xsd + "decimal") == "0.8"
    assert cookbook.normalise("1.0", xsd + "decimal") == "1"
    assert cookbook.normalise("007", xsd + "integer") == "7"
    assert cookbook.normalise("0.80", None) == "0.80"


# ---------------------------------------------------------------------------
# Running the queries
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("rq", QUERIES, ids=[q.stem for q in QUERIES])
def test_query_gives_the_same_answer_in_rdflib_and_oxigraph(engines, rq: Path) -> None:
    graph, store = engines
    text = rq.read_text(encoding="utf-8")
    v1, rows1 = cookbook.run_rdflib(graph, text)
    v2, rows2 = cookbook.run_oxigraph(store, text)
    assert v1 == v2 == tuple(cookbook.load_expected(rq)["variables"])
    assert sorted(rows1) == sorted(rows2)


@pytest.mark.parametrize("rq", _params())
def test_query_gives_the_expected_answer_on_the_sample(engines, rq: Path) -> None:
    graph, store = engines
    expected = cookbook.load_expected(rq)
    for run, engine in ((cookbook.run_rdflib, graph), (cookbook.run_oxigraph, store)):
        _, rows = run(engine, rq.read_text(encoding="utf-8"))
        missing, unexpected = cookbook.compare(expected, rows)
        assert (missing, unexpected) == ([], []), f"{run.__name__}: missing {missing}, unexpected {unexpected}"


def test_update_script_check_mode_writes_nothing(engines, tmp_path: Path) -> None:
    """``update`` in check mode reports a stale file without touching it."""
    graph, store = engines
    rq = tmp_path / "labels.rq"
    rq.write_text("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                  'SELECT ?l WHERE { ?x rdfs:label ?l . FILTER (STR(?l) = "文化和旅游部艺术司") }\n', encoding="utf-8")
    stale = cookbook.dumps({"query": rq.name, "variables": ["l"], "rows": [["财政部"]]})
    cookbook.expected_path(rq).write_text(stale, encoding="utf-8")
    msg = cookbook.update(rq, graph, store, check=True)
    assert msg and "1 row(s) gone, 1 new" in msg
    assert cookbook.expected_path(rq).read_text(encoding="utf-8") == stale
    assert cookbook.update(rq, graph, store) == msg
    assert json.loads(cookbook.expected_path(rq).read_text(encoding="utf-8"))["rows"] == [["文化和旅游部艺术司"]]
    assert cookbook.update(rq, graph, store) is None


def test_update_script_keeps_hand_checked_rows_until_the_extractor_matches_them(engines, tmp_path: Path) -> None:
    graph, store = engines
    rq = tmp_path / "bureau.rq"
    rq.write_text("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                  'SELECT ?l WHERE { ?x rdfs:label ?l . FILTER (STR(?l) = "文化和旅游部艺术司") }\n', encoding="utf-8")
    wrong = cookbook.dumps({"query": rq.name, "variables": ["l"], "xfail": "r", "rows": [["财政部"]]})
    cookbook.expected_path(rq).write_text(wrong, encoding="utf-8")
    assert cookbook.update(rq, graph, store) is None
    assert cookbook.expected_path(rq).read_text(encoding="utf-8") == wrong
    right = cookbook.dumps({"query": rq.name, "variables": ["l"], "xfail": "r", "rows": [["文化和旅游部艺术司"]]})
    cookbook.expected_path(rq).write_text(right, encoding="utf-8")
    assert "xfail removed" in cookbook.update(rq, graph, store)
    assert "xfail" not in json.loads(cookbook.expected_path(rq).read_text(encoding="utf-8"))


def test_update_script_accepts_the_current_answer_on_request(engines, tmp_path: Path) -> None:
    graph, store = engines
    rq = tmp_path / "bureau.rq"
    rq.write_text("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                  'SELECT ?l WHERE { ?x rdfs:label ?l . FILTER (STR(?l) = "文化和旅游部艺术司") }\n', encoding="utf-8")
    cookbook.expected_path(rq).write_text(
        cookbook.dumps({"query": rq.name, "variables": ["l"], "xfail": "r", "rows": [["财政部"]]}), encoding="utf-8")
    assert "1 row(s) gone, 1 new" in cookbook.update(rq, graph, store, accept=True)
    assert json.loads(cookbook.expected_path(rq).read_text(encoding="utf-8")) == {
        "query": rq.name, "variables": ["l"], "rows": [["文化和旅游部艺术司"]]}
