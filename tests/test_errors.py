"""Bad input gives a one-line message and a documented exit code — never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

KG = [sys.executable, "-m", "kg.cli"]
GOOD = "国家电影局负责实施“电影精品工程”。\n《电影产业促进法》自2017年3月1日起施行。\n"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], check=False, capture_output=True, text=True, cwd=cwd, timeout=120,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})


def one_line_error(p: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in p.stderr, p.stderr
    lines = [line for line in p.stderr.splitlines() if line.startswith("kg: error:")]
    assert len(lines) == 1, p.stderr
    return lines[0]


@pytest.mark.parametrize("name, data, code, words", [
    ("empty.txt", b"", 3, "empty"),
    ("report.pdf.txt", b"%PDF-1.5\n%\xb5\xb5\xb5\xb5\n1 0 obj\n<<>>", 3, "binary"),
    ("noise.txt", os.urandom(2048) + b"\x00\x00", 3, "binary"),
])
def test_errors_bad_single_inputs(tmp_path, name, data, code, words):
    f = tmp_path / name
    f.write_bytes(data)
    p = run("build", str(f), "--out", str(tmp_path / "out"))
    assert p.returncode == code
    line = one_line_error(p)
    assert words in line and name in line


def test_errors_missing_input(tmp_path):
    p = run("build", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out"))
    assert p.returncode == 3
    assert "nope.txt" in one_line_error(p)


def test_errors_output_path_is_a_file(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(GOOD, encoding="utf-8")
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    p = run("build", str(doc), "--out", str(target))
    assert p.returncode == 4
    assert "is a file" in one_line_error(p)
    assert target.read_text(encoding="utf-8") == "x"


def test_errors_outputs_never_overwrite_inputs(tmp_path):
    doc = tmp_path / "graph.html"
    doc.write_text("<p>" + GOOD + "</p>", encoding="utf-8")
    p = run("build", str(doc), "--out", str(tmp_path))
    assert p.returncode == 4
    assert "overwrite" in one_line_error(p)
    assert doc.read_text(encoding="utf-8").startswith("<p>")


def test_errors_corpus_with_one_empty_file_builds_the_rest(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "b.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    p = run("build", str(corpus), "--out", str(out), "--jobs", "1")
    assert p.returncode == 0, p.stderr
    assert "b.txt" in p.stdout and "skipped 1" in p.stdout
    assert (out / "graph.ttl").stat().st_size > 0
    assert "b.txt" in (out / "skipped.tsv").read_text(encoding="utf-8")
    strict = run("build", str(corpus), "--out", str(tmp_path / "out2"), "--strict", "--jobs", "1")
    assert strict.returncode == 7
    assert "b.txt" in one_line_error(strict)


def test_errors_malformed_sparql_and_graph(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    assert run("build", str(doc), "--out", str(out), "-q").returncode == 0
    p = run("query", str(out / "graph.ttl"), "SELECT ?x WHERE { ?x ")
    assert p.returncode == 5
    assert "malformed SPARQL" in one_line_error(p)
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    p = run("query", str(broken), "SELECT * WHERE { ?s ?p ?o }")
    assert p.returncode == 3
    assert "broken.ttl" in one_line_error(p)


def test_errors_malformed_gold_file(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    assert run("build", str(doc), "--out", str(out), "-q").returncode == 0
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"entities": [{"label": "x"}]}), encoding="utf-8")
    p = run("eval", str(out / "graph.ttl"), str(gold))
    assert p.returncode == 6
    assert "gold.json" in one_line_error(p)


def test_errors_interrupted_build_keeps_previous_outputs(tmp_path, monkeypatch):
    import kg
    from kg import api

    doc = tmp_path / "a.txt"
    doc.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    kg.build([doc], out, jobs=1)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    doc.write_text(GOOD + "财务司负责“户户通”工程。\n", encoding="utf-8")

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "render_html", boom)
    with pytest.raises(KeyboardInterrupt):
        kg.build([doc], out, jobs=1)
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before
