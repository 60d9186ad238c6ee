"""``kg build`` run again with nothing changed leaves the outputs as they are (issue 14, kg.uptodate).

The second build must not rewrite a byte nor touch a file, and must not load the pipeline (checked
in a child interpreter); anything that could change the outputs (an input's bytes, a new input, an
option, an edited or missing output, ``--force``) rebuilds. Timing is measured by
benchmarks/bench_rebuild.py, not asserted here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main
from kg.options import sample_path
from kg.uptodate import STAMP, STORE_MARK

HEAVY = ("rdflib", "jieba", "networkx", "numpy", "scipy", "pyoxigraph", "opencc")

CHILD = """
import contextlib, io, json, sys
from kg.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main({argv!r})
print(json.dumps({{"out": out.getvalue(), "code": code, "modules": sorted(sys.modules)}}))
"""


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every visible file of ``folder`` with its bytes and modification time."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".")}


def _build(capsys, *args: str) -> str:
    assert main(["build", *args]) == 0
    return capsys.readouterr().out


def _age(*paths: Path, seconds: int = 3600) -> None:
    """Set the modification time of ``paths`` an hour back (older than kg.uptodate.RACY_NS: trusted by time)."""
    for p in paths:
        st = p.stat()
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 1_000_000_000))


@pytest.fixture()
def built(tmp_path, capsys):
    """A folder of two documents, changed an hour ago, built once into ``out`` (the cache beside it)."""
    docs = tmp_path / "in" / "docs"
    docs.mkdir(parents=True)
    text = sample_path().read_text(encoding="utf-8")
    (docs / "a.txt").write_text(text, encoding="utf-8")
    (docs / "b.txt").write_text(text[: len(text) // 2], encoding="utf-8")
    _age(docs / "a.txt", docs / "b.txt", docs, docs.parent)
    out = tmp_path / "work" / "out"
    args = [str(docs), "--out", str(out), "--cache", str(tmp_path / "work" / "cache")]
    assert "wrote:" in _build(capsys, *args)
    return docs, out, args


def test_nothing_changed_leaves_every_output_untouched_without_loading_the_pipeline(built):
    docs, out, args = built
    before = _snapshot(out)
    done = subprocess.run([sys.executable, "-c", CHILD.format(argv=["build", *args])], capture_output=True,
                          text=True, check=True, timeout=120)
    child = json.loads(done.stdout)
    assert child["code"] == 0 and child["out"].startswith("outputs up to date")
    assert sorted({m.split(".")[0] for m in child["modules"]} & set(HEAVY)) == []
    assert "kg.api" not in child["modules"]
    assert _snapshot(out) == before


def test_a_touched_but_identical_input_is_no_rebuild_and_the_stamp_takes_its_new_time(built, capsys):
    docs, out, args = built
    before = _snapshot(out)
    st = (docs / "a.txt").stat()
    os.utime(docs / "a.txt", ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert _build(capsys, *args).startswith("outputs up to date")
    assert _snapshot(out) == before
    stamp = json.loads((out / STAMP).read_text(encoding="utf-8"))
    assert stamp["folders"] is not None  # the folders' listing came from the stamp, without discovery
    recorded = {Path(rec[0]).name: rec[3] for rec in stamp["inputs"]}
    assert recorded["a.txt"] == (docs / "a.txt").stat().st_mtime_ns


def test_a_file_changed_just_before_the_build_is_hashed_at_every_check(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(sample_path().read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert "wrote:" in _build(capsys, str(docs), "--out", str(out), "--no-cache")
    stamp = json.loads((out / STAMP).read_text(encoding="utf-8"))
    assert stamp["inputs"][0][3] == -1 and stamp["folders"] is None  # not trusted by time
    assert _build(capsys, str(docs), "--out", str(out), "--no-cache").startswith("outputs up to date")


def test_a_touched_but_identical_output_is_no_rebuild(built, capsys):
    _, out, args = built
    st = (out / "graph.ttl").stat()
    os.utime(out / "graph.ttl", ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert _build(capsys, *args).startswith("outputs up to date")


@pytest.mark.parametrize("change", ["option", "content", "added", "removed", "output edited", "output missing",
                                    "force", "stamp missing"])
def test_anything_that_could_change_the_outputs_rebuilds(built, capsys, change):
    docs, out, args = built
    extra: list[str] = []
    if change == "option":
        extra = ["--top-n", "7"]
    elif change == "content":
        p = docs / "b.txt"
        p.write_text(p.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif change == "added":
        shutil.copy(docs / "b.txt", docs / "c.txt")
    elif change == "removed":
        (docs / "b.txt").unlink()
    elif change == "output edited":
        with open(out / "nodes.csv", "ab") as fh:
            fh.write(b"x")
    elif change == "output missing":
        (out / "centrality.csv").unlink()
    elif change == "force":
        extra = ["--force"]
    else:
        (out / STAMP).unlink()
    assert "wrote:" in _build(capsys, *args, *extra)
    again = [x for x in extra if x != "--force"]
    assert _build(capsys, *args, *again).startswith("outputs up to date")


def test_a_rebuild_writes_the_same_bytes_as_the_skipped_build_kept(built, capsys):
    _, out, args = built
    before = {n: b for n, (b, _) in _snapshot(out).items()}
    assert "wrote:" in _build(capsys, *args, "--force")
    after = {n: b for n, (b, _) in _snapshot(out).items()}
    assert after == before


def test_a_store_is_part_of_the_outputs(built, capsys, tmp_path):
    _, out, args = built
    store = tmp_path / "store"
    assert "wrote:" in _build(capsys, *args, "--store", str(store))
    assert _build(capsys, *args, "--store", str(store)).startswith("outputs up to date")
    shutil.rmtree(store)
    assert "wrote:" in _build(capsys, *args, "--store", str(store))


def test_the_store_mark_is_the_one_kg_store_writes():
    from kg.store import STORE_MARK as written

    assert STORE_MARK == written


def test_a_document_added_gives_the_bytes_of_a_clean_build(built, capsys, tmp_path):
    """Incremental (cache and stamp of the previous build) == from scratch (--no-cache, a new folder), byte for byte."""
    docs, out, args = built
    text = sample_path().read_text(encoding="utf-8")
    (docs / "c.txt").write_text(text[len(text) // 2:], encoding="utf-8")
    assert "extracted 1 document(s), 2 unchanged" in _build(capsys, *args)
    clean = tmp_path / "clean"
    assert "wrote:" in _build(capsys, str(docs), "--out", str(clean), "--no-cache")
    assert {n: b for n, (b, _) in _snapshot(out).items()} == {n: b for n, (b, _) in _snapshot(clean).items()}


def test_a_build_with_corrections_always_runs_to_report_stale_ones(built, capsys, tmp_path):
    _, out, args = built
    fixes = tmp_path / "fixes.csv"
    fixes.write_text("action,target,value,object,note\n", encoding="utf-8")
    for _ in range(2):
        assert "wrote:" in _build(capsys, *args, "--corrections", str(fixes))
