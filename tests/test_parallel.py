"""Corpus builds: cross-document entities, and the same bytes from one process, a pool and Dask."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kg import turtle
from kg.cli import main
from kg.errors import KGError, StrictError
from kg.parallel import process_corpus, slim
from kg.pipeline import merge_results
from kg.rdf import triples
from kg.reader import discover

# Sentences written for these tests: a few bureaus and projects recur across documents.
BUREAUS = ("财务司", "艺术司", "公共服务司", "科技教育司")
PROJECTS = ("“户户通”工程", "“春雨工程”", "“智慧广电”专项行动", "“文化惠民”工程")
TEMPLATES = (
    "{b}负责实施{p}。",
    "{y}年{m}月起，{b}会同{b2}推进{p}。",
    "{b2}牵头组织{p}，{y}年底前完成。",
    "各地要落实{p}的工作要求，{b}负责资金保障。",
)


def make_corpus(folder: Path, n: int, seed: int = 0) -> list[Path]:
    """``n`` small documents in ``folder``; every one mentions 财务司."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        lines = ["财务司负责统筹本项工作的经费。"]
        for j, t in enumerate(TEMPLATES):
            k = (i * 7 + j * 3 + seed) % len(BUREAUS)
            lines.append(t.format(b=BUREAUS[k], b2=BUREAUS[(k + 1) % len(BUREAUS)],
                                  p=PROJECTS[(i + j + seed) % len(PROJECTS)], y=2015 + (i + j) % 8, m=1 + (i * j) % 12))
        p = folder / f"doc{i:03d}.txt"
        p.write_text(f"关于推进第{i + 1}批文化项目的通知\n" + "\n".join(lines) + "\n", encoding="utf-8")
        paths.append(p)
    return paths


def corpus_turtle(run) -> str:
    c = merge_results(run.results)
    return turtle.serialize(triples(c.documents, c.entities, c.relations, c.sentence_of))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    make_corpus(root, 8)
    return root


@pytest.fixture(scope="module")
def serial(corpus, pipeline):
    return process_corpus(discover([corpus]), pipeline=pipeline, jobs=1)


def test_parallel_one_entity_with_mentions_in_many_documents(serial):
    c = merge_results(serial.results)
    bureaus = [e for e in c.entities if e.type == "Bureau" and e.label == "财务司"]
    assert len(bureaus) == 1
    assert {m.doc_id for m in bureaus[0].mentions} == {f"doc{i:03d}.txt" for i in range(8)}
    # in the graph: one node, whose mentions point to the eight documents
    from rdflib import Graph, Literal

    from kg.vocab import PK, RDF, RDFS

    g = Graph()
    g.parse(data=turtle.serialize(triples(c.documents, c.entities, c.relations, c.sentence_of)), format="turtle")
    nodes = [s for s in g.subjects(RDFS.label, Literal("财务司", lang="zh")) if (s, RDF.type, PK.Bureau) in g]
    assert len(nodes) == 1
    mentions = list(g.objects(nodes[0], PK.mention))
    assert len({g.value(m, PK.document) for m in mentions}) == 8
    assert int(g.value(nodes[0], PK.mentionCount)) == len(mentions) == len(bureaus[0].mentions)


def test_parallel_results_sorted_and_slim(serial):
    ids_ = [r.info.doc.doc_id for r in serial.results]
    assert ids_ == sorted(ids_) and len(ids_) == 8
    assert all(r.info.doc.text == "" for r in serial.results)  # no document text kept after extraction
    assert all(r.info.doc.sha256 for r in serial.results)
    assert serial.processed == ids_ and serial.cached == []


def test_parallel_slim_keeps_everything_but_text(pipeline):
    from kg.model import Document

    r = pipeline.process(Document("a.txt", "财务司负责实施“户户通”工程。", title="t"))
    s = slim(r)
    assert s.info.doc.text == "" and s.info.doc.title == "t"
    assert (s.entities, s.relations, s.sentences) == (r.entities, r.relations, r.sentences)


def test_parallel_pool_gives_byte_identical_turtle(corpus, serial):
    progress = []
    run = process_corpus(discover([corpus]), jobs=2, min_parallel_bytes=0,
                         progress=lambda d, n: progress.append((d, n)))
    assert run.processed == serial.processed
    assert corpus_turtle(run) == corpus_turtle(serial)
    assert progress[-1] == (8, 8) and len(progress) == 8


def test_parallel_pool_skips_unreadable_files(tmp_path, pipeline):
    make_corpus(tmp_path, 3)
    (tmp_path / "zz.txt").write_bytes(b"\x00\x01binary\x00" * 20)
    run = process_corpus(discover([tmp_path]), jobs=2, min_parallel_bytes=0)
    assert len(run.results) == 3
    assert [Path(p).name for p, _ in run.skipped] == ["zz.txt"]
    with pytest.raises(StrictError):
        process_corpus(discover([tmp_path]), pipeline=pipeline, jobs=1, strict=True)


def test_parallel_unknown_engine():
    with pytest.raises(KGError, match="unknown engine"):
        process_corpus([], engine="spark")


def test_parallel_dask_missing_is_a_clear_error(monkeypatch, corpus):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    with pytest.raises(KGError, match=r"pip install 'policy-kg\[dask\]'"):
        process_corpus(discover([corpus]), engine="dask", scheduler="tcp://127.0.0.1:1")


def test_parallel_dask_gives_byte_identical_turtle(corpus, serial):
    distributed = pytest.importorskip(
        "distributed", reason="dask[distributed] not installed (pip install -e '.[dask]')")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        run = process_corpus(discover([corpus]), engine="dask", scheduler=cluster.scheduler_address)
    assert run.processed == serial.processed
    assert corpus_turtle(run) == corpus_turtle(serial)


def test_parallel_cli_jobs_and_cache(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("kg.cache.source_hash", lambda package_dir=None: "fixed")  # others may edit kg/ meanwhile
    make_corpus(tmp_path / "in", 4)
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "in"), "--out", str(out), "--jobs", "2"]) == 0
    first = (out / "graph.ttl").read_bytes()
    assert (out / ".kgcache").is_dir()
    capsys.readouterr()
    assert main(["build", str(tmp_path / "in"), "--out", str(out), "--jobs", "2", "--force"]) == 0
    assert "extracted 0 document(s), 4 unchanged from the cache" in capsys.readouterr().out
    assert (out / "graph.ttl").read_bytes() == first
    assert main(["build", str(tmp_path / "in"), "--out", str(tmp_path / "o2"), "--no-cache", "-q"]) == 0
    assert not (tmp_path / "o2" / ".kgcache").exists()
    assert (tmp_path / "o2" / "graph.ttl").read_bytes() == first


def test_parallel_cli_rejects_bad_jobs(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build", "--jobs", "0"])
    assert exc.value.code == 2


def test_parallel_progress_bar_only_on_a_terminal():
    import io

    from kg.parallel import tqdm_progress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert tqdm_progress(quiet=True, stream=Tty()) is None
    assert tqdm_progress(stream=io.StringIO()) is None  # not a terminal
    stream = Tty()
    bar = tqdm_progress(stream=stream)
    for i in range(1, 6):
        bar(i, 5)
    assert bar.bar.n == 5 and bar.bar.total == 5
    bar.close()
    assert "documents:" in stream.getvalue() and "/5 [" in stream.getvalue()  # drawn on the stream given
