"""The kg command end to end: build, query, eval, --version, --help."""

from __future__ import annotations

import json

import pytest

from kg import __version__
from kg.cli import main


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["build", "--out", str(out), "-q"]) == 0
    return out


def test_cli_build_writes_three_files_and_summary(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    for name in ("graph.ttl", "graph.html", "centrality.csv"):
        assert (tmp_path / name).stat().st_size > 0
        assert name in text
    assert "entities:" in text and "relations:" in text and "most central" in text


def test_cli_query_counts_triples(built, capsys):
    assert main(["query", str(built / "graph.ttl"), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format",
                 "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    n = int(data["results"]["bindings"][0]["n"])
    from rdflib import Graph

    assert n == len(Graph().parse(built / "graph.ttl"))


def test_cli_query_reads_rq_file(built, tmp_path, capsys):
    rq = tmp_path / "bureaus.rq"
    rq.write_text("PREFIX pk: <https://w3id.org/policy-kg/ontology#>\nSELECT ?b WHERE { ?b a pk:Bureau }",
                  encoding="utf-8")
    assert main(["query", str(built / "graph.ttl"), str(rq), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "b" and len(lines) > 1


def test_cli_query_update_refused(built, capsys):
    assert main(["query", str(built / "graph.ttl"), "DELETE WHERE { ?s ?p ?o }"]) == 5
    assert "read-only" in capsys.readouterr().err


def test_cli_eval_min_f1(built, tmp_path, capsys):
    gold = tmp_path / "g.json"
    gold.write_text(json.dumps({"entities": [{"id": "E1", "type": "Law", "label": "一部不存在的法", "mentions": []}]},
                               ensure_ascii=False), encoding="utf-8")
    assert main(["eval", str(built / "graph.ttl"), str(gold)]) == 0
    assert main(["eval", str(built / "graph.ttl"), str(gold), "--min-f1", "Law=0.5"]) == 1
    assert "below bound" in capsys.readouterr().err


def test_cli_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert __version__ in capsys.readouterr().out


@pytest.mark.parametrize("cmd", ["build", "query", "eval"])
def test_cli_help_explains_each_command(cmd, capsys):
    with pytest.raises(SystemExit):
        main([cmd, "--help"])
    out = capsys.readouterr().out
    assert "usage: kg " + cmd in out and len(out.splitlines()) > 5
