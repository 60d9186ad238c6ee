"""Outputs are always valid and consistent: XML for any text, CSV cells that never run as formulas,
one generation at a time whatever moment a build is killed, rebuilds in place, symlinks and errors."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import sys
import xml.parsers.expat

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import outputs
from kg.analysis import analysis_graph, centrality
from kg.api import build
from kg.cli import main
from kg.errors import InputError
from kg.export_csv import centrality_csv, restore_cell, safe_cell, write_rows
from kg.export_graph import export, export_graph, xml_text
from kg.model import Entity, Evidence, Relation
from kg.query import QueryResult, format_result, printable
from kg.reader import discover

# Sentences written for these tests.
TEXT_A = "财务司负责实施“户户通”工程。艺术司会同公共服务司推进“春雨工程”。\n"
TEXT_B = "科技教育司牵头组织“智慧广电”专项行动。宣传司负责组织“剑网”专项行动。\n"

labels = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(
    ["\x0c", "\x1b", "\x0b", "\x00", "\ufffe", "=", "+", "-", "@", "\t", "\r", "'", "<", "&", "]"]), max_size=30)


def expat_ok(data: bytes) -> None:
    p = xml.parsers.expat.ParserCreate()
    p.Parse(data, True)


# ---------------------------------------------------------------------------
# XML and CSV for any text
# ---------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.lists(labels, min_size=1, max_size=5))
def test_gexf_and_graphml_are_well_formed_for_any_label(names):
    es = [Entity(f"Law:{i}", "Law", name) for i, name in enumerate(names)]
    rs = [Relation("Law:0", "basedOn", f"Law:{i}", "r", Evidence("d", 0, 1, "…")) for i in range(1, len(names))]
    g = analysis_graph(es, rs)
    scores = centrality(g)
    for fmt in ("gexf", "graphml"):
        expat_ok(export(g, scores, fmt))
    h = export_graph(g, scores)
    for writer in (nx.readwrite.graphml.write_graphml_xml, getattr(nx.readwrite.graphml, "write_graphml_lxml", None)):
        if writer is None:
            continue
        buf = io.BytesIO()
        try:
            writer(h, buf)
        except ImportError:  # lxml not installed: the ElementTree writer is the one used
            continue
        expat_ok(buf.getvalue())


@given(labels)
def test_xml_text_keeps_legal_text_and_replaces_only_illegal(s):
    out = xml_text(s)
    assert len(out) == len(s)
    for a, b in zip(s, out, strict=True):
        assert b == a or b == "\ufffd"
    expat_ok(f"<a x=\"\">{xml_text(s).replace('&', '&amp;').replace('<', '&lt;')}</a>".encode())


@given(labels)
def test_csv_cells_never_start_a_formula_and_round_trip(s):
    cell = safe_cell(s)
    assert restore_cell(cell) == s
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        float(cell)  # only a plain number may start with a sign
    text = write_rows(("label", "n"), [(s, -1)])
    rows = list(csv.reader(io.StringIO(text)))
    assert [restore_cell(c) for c in rows[1]] == [s, "-1"]
    tsv = write_rows(("file", "reason"), [(s, s)], delimiter="\t")
    assert [restore_cell(c) for c in list(csv.reader(io.StringIO(tsv), delimiter="\t"))[1]] == [s, s]


def test_centrality_csv_neutralises_formula_labels():
    name = '=HYPERLINK("http://evil.example/","x")管理办法'
    g = analysis_graph([Entity("Law:a", "Law", name), Entity("Law:b", "Law", "+1 条例")], [])
    rows = list(csv.DictReader(io.StringIO(centrality_csv(centrality(g)))))
    assert {r["label"] for r in rows} == {"'" + name, "'+1 条例"}
    assert {restore_cell(r["label"]) for r in rows} == {name, "+1 条例"}


def test_terminal_output_escapes_control_characters():
    r = QueryResult(("label",), (("《办法\x1b[31m》",), ("a\tb\nc\u202e",)))
    table = format_result(r, "table")
    assert "\x1b" not in table and "\u202e" not in table and "\\x1b[31m" in table
    assert table.count("\n") == 5  # header, rule, two rows, count
    assert printable("司局") == "司局"


# ---------------------------------------------------------------------------
# Fuzzed builds: odd names, control characters, markup, formula prefixes
# ---------------------------------------------------------------------------

PIECES = ["《", "》", "“", "”", "司", "局", "负责", "条例", "办法", "工程", "\x0c", "\x1b", "\x0b", "=", "+", "-", "@",
          "=HYPERLINK(\"http://evil.example/\",\"x\")", "<b>", "&amp;", "\t", "\r", "\n", "2017年"]
fuzz_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), min_size=1, max_size=40).map("".join)
fuzz_name = st.text(st.characters(codec="utf-8", exclude_characters="/\x00", exclude_categories=("Cs",)),
                    min_size=1, max_size=12).filter(lambda n: n not in (".", "..") and not n.startswith("."))


def check_outputs(out) -> None:
    for name in ("graph.gexf", "graph.graphml"):
        expat_ok((out / name).read_bytes())
    for name in os.listdir(out):
        if name.endswith((".csv", ".tsv")):
            text = (out / name).read_text(encoding="utf-8-sig")
            rows = list(csv.reader(io.StringIO(text), delimiter="\t" if name.endswith(".tsv") else ","))
            assert len({len(r) for r in rows}) == 1, name  # no broken row
            for r in rows:
                for c in r:
                    assert not c.startswith(("=", "+", "-", "@", "\t", "\r")) or _number(c), (name, c)
    assert outputs.verify(out) == []


def _number(c: str) -> bool:
    try:
        float(c)
    except ValueError:
        return False
    return True


def fuzz_build(tmp_path, pipeline, docs) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name, text in docs:
        (src / f"{name}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    if all("\x00" in text or not text.strip() for _, text in docs):
        # every file is refused (NUL bytes: binary; only white space, form feeds included: empty): one line
        with pytest.raises(InputError, match=r"^no document could be read: .*(?:empty|binary)"):
            build([src], tmp_path / "out", pipeline=pipeline, graph_formats=("gexf", "graphml"), cache=None)
        return
    build([src], tmp_path / "out", pipeline=pipeline, graph_formats=("gexf", "graphml"), cache=None)
    check_outputs(tmp_path / "out")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(fuzz_name, fuzz_text), min_size=1, max_size=6, unique_by=lambda t: t[0].lower()))
def test_fuzzed_builds_give_valid_xml_and_csv(tmp_path_factory, pipeline, docs):
    fuzz_build(tmp_path_factory.mktemp("fz"), pipeline, docs)


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(fuzz_name, fuzz_text), min_size=100, max_size=100, unique_by=lambda t: t[0].lower()))
def test_fuzzed_builds_ten_thousand_documents(tmp_path_factory, pipeline, docs):
    """The long run (``pytest -m slow``): 100 builds of 100 fuzzed documents each."""
    fuzz_build(tmp_path_factory.mktemp("fz"), pipeline, docs)


# ---------------------------------------------------------------------------
# Generations
# ---------------------------------------------------------------------------


def _state(out):
    manifest = outputs.read_manifest(out)
    return manifest.get("generation"), sorted(n for n in os.listdir(out) if not n.startswith("."))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork to kill a build at an exact moment")
def test_kill_at_any_point_leaves_one_whole_generation(tmp_path, pipeline, monkeypatch):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "doc.txt").write_text(TEXT_A, encoding="utf-8")
    (b / "doc.txt").write_text(TEXT_B, encoding="utf-8")
    ref = tmp_path / "ref"
    build([b], ref, pipeline=pipeline, cache=None)
    new_gen = outputs.read_manifest(ref)["generation"]

    calls = {"n": 0, "stop": -1}
    real_replace, real_write = os.replace, outputs._write_file

    def point():
        calls["n"] += 1
        if calls["n"] == calls["stop"]:
            os._exit(0)  # as sudden as kill -9: no handler, no clean-up runs

    def replace(*args, **kw):
        point()
        return real_replace(*args, **kw)

    def write(*args, **kw):
        point()
        return real_write(*args, **kw)

    monkeypatch.setattr(outputs.os, "replace", replace)
    monkeypatch.setattr(outputs, "_write_file", write)
    # how many moments are there to die at?
    scratch = tmp_path / "scratch"
    build([a], scratch, pipeline=pipeline, cache=None, graph_formats=("gexf",))
    calls["n"] = 0
    build([b], scratch, pipeline=pipeline, cache=None)
    total = calls["n"]
    assert total >= 10
    for stop in range(1, total + 1):
        out = tmp_path / f"out{stop}"
        calls["n"], calls["stop"] = 0, -1
        build([a], out, pipeline=pipeline, cache=None, graph_formats=("gexf",))
        old_gen, old_files = _state(out)
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child dies inside the build
            calls["n"], calls["stop"] = 0, stop
            try:
                build([b], out, pipeline=pipeline, cache=None)
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        if not (out / outputs.JOURNAL).exists():  # not committed: the previous generation, untouched
            assert _state(out) == (old_gen, old_files) and outputs.verify(out) == []
        outputs.recover(out)
        gen, files = _state(out)
        assert gen in (old_gen, new_gen) and outputs.verify(out) == [], stop
        assert set(files) == set(outputs.read_manifest(out)["files"]) | {outputs.MANIFEST}  # no file of the other
        assert not [n for n in os.listdir(out) if n.endswith(".part")]
        # and the next build over it works and ends at the new generation
        monkeypatch.setattr(outputs.os, "replace", real_replace)
        build([b], out, pipeline=pipeline, cache=None)
        assert outputs.read_manifest(out)["generation"] == new_gen and outputs.verify(out) == []
        monkeypatch.setattr(outputs.os, "replace", replace)


def test_rebuild_into_the_input_folder_and_below_it(tmp_path, capsys):
    same = tmp_path / "same"
    same.mkdir()
    (same / "doc.txt").write_text(TEXT_A, encoding="utf-8")
    for _ in range(2):
        assert main(["build", str(same), "--out", str(same), "-q", "--force"]) == 0
    inside = tmp_path / "inside"
    inside.mkdir()
    (inside / "doc.txt").write_text(TEXT_A, encoding="utf-8")
    for _ in range(2):
        assert main(["build", str(inside), "--out", str(inside / "out"), "--gexf", "--force"]) == 0
        assert "1 document(s)" in capsys.readouterr().out
    assert [p.name for p, _ in discover([inside])] == ["doc.txt"]
    # a folder from before manifests: recognised by its file names
    (inside / "out" / outputs.MANIFEST).unlink()
    assert [p.name for p, _ in discover([inside])] == ["doc.txt"]


def test_a_dropped_output_goes_with_its_generation(tmp_path, pipeline):
    src = tmp_path / "in"
    src.mkdir()
    (src / "doc.txt").write_text(TEXT_A, encoding="utf-8")
    (src / "bad.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00")
    out = tmp_path / "out"
    build([src], out, pipeline=pipeline, cache=None, graph_formats=("gexf",))
    assert (out / "graph.gexf").exists() and (out / "skipped.tsv").exists()
    (src / "bad.txt").unlink()
    build([src], out, pipeline=pipeline, cache=None)
    assert not (out / "graph.gexf").exists() and not (out / "skipped.tsv").exists()


def test_leftovers_of_a_killed_build_are_cleaned(tmp_path, pipeline):
    out = tmp_path / "out"
    build(None, out, pipeline=pipeline, cache=None)
    (out / ".graph.ttl.k2j3h4g5.part").write_bytes(b"x" * 1000)
    (out / ".graph.html.0123456789ab.part").write_bytes(b"y")
    (out / ".notes.txt.k2j3h4g5.part").write_bytes(b"a user's file")
    build(None, out, pipeline=pipeline, cache=None)
    assert sorted(n for n in os.listdir(out) if n.endswith(".part")) == [".notes.txt.k2j3h4g5.part"]


def test_disk_full_is_one_line_exit_4_and_nothing_half_written(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    assert main(["build", "--out", str(out), "-q"]) == 0
    before = {n: (out / n).read_bytes() for n in os.listdir(out) if not n.startswith(".")}
    real = outputs._write_file
    written = {"n": 0}

    def full(path, data):
        written["n"] += 1
        if written["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(outputs, "_write_file", full)
    assert main(["build", "--out", str(out), "--no-cache", "--force"]) == 4
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err and "Traceback" not in err
    assert {n: (out / n).read_bytes() for n in os.listdir(out) if not n.startswith(".")} == before
    assert not [n for n in os.listdir(out) if n.endswith(".part")]


# ---------------------------------------------------------------------------
# Inputs: symlinks and unreadable folders
# ---------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_symlinks_inside_followed_outside_skipped(tmp_path, capsys):
    root, elsewhere = tmp_path / "corpus", tmp_path / "elsewhere"
    (root / "sub").mkdir(parents=True)
    elsewhere.mkdir()
    (root / "sub" / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (elsewhere / "secret.txt").write_text(TEXT_B, encoding="utf-8")
    (root / "link_in.txt").symlink_to(root / "sub" / "a.txt")
    (root / "link_dir").symlink_to(root / "sub")
    (root / "link_out.txt").symlink_to(elsewhere / "secret.txt")
    (root / "dir_out").symlink_to(elsewhere)
    (root / "broken.txt").symlink_to(tmp_path / "nothing.txt")
    (root / "loop").symlink_to(root)
    skipped: list[tuple[str, str]] = []
    pairs = discover([root], skipped=skipped)
    assert [str(p.relative_to(r)) for p, r in pairs] == ["sub/a.txt"]
    reasons = {os.path.basename(path): msg for path, msg in skipped}
    assert set(reasons) == {"link_out.txt", "dir_out", "broken.txt"}
    assert all("\n" not in m for m in reasons.values()) and "outside the input folder" in reasons["link_out.txt"]
    assert main(["build", str(root), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "1 document(s)" in out and "skipped 3 file(s)" in out
    assert main(["build", str(root), "--out", str(tmp_path / "out2"), "--strict"]) == 7


def test_unreadable_folder_is_reported(tmp_path, monkeypatch):
    root = tmp_path / "corpus"
    (root / "locked").mkdir(parents=True)
    (root / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (root / "locked" / "b.txt").write_text(TEXT_B, encoding="utf-8")
    real = os.scandir
    locked = (root / "locked").resolve()

    def scandir(path="."):
        if os.fspath(path) == os.fspath(locked):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    r = build([root], tmp_path / "out", cache=None)
    assert [d.doc.doc_id for d in r.corpus.documents] == ["a.txt"]
    assert len(r.skipped) == 1 and "cannot read this folder (Permission denied)" in r.skipped[0][1]
    rows = list(csv.reader(io.StringIO((tmp_path / "out" / "skipped.tsv").read_text(encoding="utf-8")), delimiter="\t"))
    assert rows[0] == ["file", "reason"] and rows[1][0].endswith("locked")


def test_skipped_tsv_holds_names_with_tabs_and_newlines(tmp_path, pipeline):
    src = tmp_path / "in"
    src.mkdir()
    (src / "ok.txt").write_text(TEXT_A, encoding="utf-8")
    odd = "a\tb\nc=1.txt"
    (src / odd).write_bytes(b"\x7fELF\x02\x01\x01\x00\x00")
    build([src], tmp_path / "out", pipeline=pipeline, cache=None)
    rows = list(csv.reader(io.StringIO((tmp_path / "out" / "skipped.tsv").read_text(encoding="utf-8")), delimiter="\t"))
    assert len(rows) == 2 and rows[1][0].endswith(odd) and len(rows[1]) == 2
    assert json.loads((tmp_path / "out" / outputs.MANIFEST).read_text())["files"]["skipped.tsv"]["bytes"] > 0


def test_only_files_a_manifest_names_are_removed(tmp_path, pipeline):
    out = tmp_path / "out"
    out.mkdir()
    for name in ("graph.ttl", "graph.html", "centrality.csv"):  # a folder written before manifests
        (out / name).write_text("old", encoding="utf-8")
    (out / "graph.gexf").write_text("a Gephi file of the user's own", encoding="utf-8")
    build(None, out, pipeline=pipeline, cache=None)
    assert (out / "graph.gexf").read_text(encoding="utf-8") == "a Gephi file of the user's own"
    assert outputs.verify(out) == [] and (out / "graph.ttl").read_text(encoding="utf-8") != "old"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_real_kill_9_during_builds(tmp_path, pipeline):
    """``kg build`` killed with SIGKILL at many moments (``pytest -m slow``): always one whole generation."""
    import signal
    import subprocess
    import time

    from kg.api import sample_path

    text = sample_path().read_text(encoding="utf-8")
    a, b = tmp_path / "a", tmp_path / "b"
    for folder, n in ((a, 3), (b, 40)):
        folder.mkdir()
        for i in range(n):
            (folder / f"d{i:03d}.txt").write_text(text.replace("2023", str(1990 + i)), encoding="utf-8")
    ref = tmp_path / "ref"
    build([b], ref, pipeline=pipeline, cache=None, graph_formats=("gexf",))
    new_gen = outputs.read_manifest(ref)["generation"]
    cmd = [sys.executable, "-m", "kg.cli", "build", str(b), "--out", "OUT", "-q", "--no-cache", "--gexf", "-j", "1"]
    t0 = time.monotonic()
    subprocess.run([c.replace("OUT", str(tmp_path / "timing")) for c in cmd], check=True)
    full = time.monotonic() - t0
    outcomes = set()
    for k in range(16):
        out = tmp_path / f"out{k}"
        build([a], out, pipeline=pipeline, cache=None)
        old_gen = outputs.read_manifest(out)["generation"]
        proc = subprocess.Popen([c.replace("OUT", str(out)) for c in cmd])
        time.sleep(full * (0.5 + 0.6 * k / 15))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if not (out / outputs.JOURNAL).exists():
            gen = outputs.read_manifest(out)["generation"]
            assert gen in (old_gen, new_gen) and outputs.verify(out) == []
        outputs.recover(out)
        gen = outputs.read_manifest(out)["generation"]
        assert gen in (old_gen, new_gen) and outputs.verify(out) == [], k
        assert not [n for n in os.listdir(out) if n.endswith(".part")]
        outcomes.add(gen == new_gen)
    assert outcomes == {True, False}  # some kills came before the commit, some after
