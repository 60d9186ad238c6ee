"""Incremental builds: only new or changed documents are extracted again."""

from __future__ import annotations

import pytest

from kg import cache as kcache
from kg import turtle
from kg.api import build
from kg.cache import ResultCache, document_key, fingerprint
from kg.parallel import process_corpus
from kg.pipeline import merge_results
from kg.rdf import triples
from kg.reader import discover

# Sentences written for these tests.
LINES = ("财务司负责实施“户户通”工程。", "艺术司会同公共服务司推进“春雨工程”。",
         "2021年3月起，科技教育司牵头组织“智慧广电”专项行动。",
         "各地要落实“文化惠民”工程的工作要求，财务司负责资金保障。")


def write_docs(folder, names):
    folder.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(names):
        text = f"第{i + 1}号通知\n" + "".join(LINES[(i + k) % len(LINES)] for k in range(3)) + "\n"
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture(autouse=True)
def fixed_source_hash(monkeypatch):
    """Others may edit kg/ while these tests run; the code part of the fingerprint is tested on its own."""
    monkeypatch.setattr(kcache, "source_hash", lambda package_dir=None: "fixed")


@pytest.fixture()
def counting(monkeypatch, pipeline):
    """The session pipeline, counting the documents it processes."""
    seen: list[str] = []
    original = pipeline.process

    def process(doc):
        seen.append(doc.doc_id)
        return original(doc)

    monkeypatch.setattr(pipeline, "process", process)
    return pipeline, seen


def ttl_of(run) -> str:
    c = merge_results(run.results)
    return turtle.serialize(triples(c.documents, c.entities, c.relations, c.sentence_of))


def test_cache_rebuild_after_adding_one_document_processes_only_it(tmp_path, counting):
    pipeline, seen = counting
    docs, store = tmp_path / "docs", tmp_path / "cache"
    write_docs(docs, [f"d{i}.txt" for i in range(5)])
    first = process_corpus(discover([docs]), pipeline=pipeline, cache=store)
    assert sorted(seen) == [f"d{i}.txt" for i in range(5)] and first.cached == []

    seen.clear()
    write_docs(docs, [f"d{i}.txt" for i in range(5)] + ["new.txt"])  # same five texts, plus one
    second = process_corpus(discover([docs]), pipeline=pipeline, cache=store)
    assert seen == ["new.txt"]
    assert second.processed == ["new.txt"] and second.cached == [f"d{i}.txt" for i in range(5)]
    # the incremental result is the full result
    assert ttl_of(second) == ttl_of(process_corpus(discover([docs]), pipeline=pipeline))


def test_cache_changed_document_is_redone(tmp_path, counting):
    pipeline, seen = counting
    docs = tmp_path / "docs"
    write_docs(docs, ["a.txt", "b.txt"])
    process_corpus(discover([docs]), pipeline=pipeline, cache=tmp_path / "c")
    seen.clear()
    (docs / "b.txt").write_text("宣传司负责组织“剑网”专项行动。\n", encoding="utf-8")
    run = process_corpus(discover([docs]), pipeline=pipeline, cache=tmp_path / "c")
    assert seen == ["b.txt"] and run.cached == ["a.txt"]
    assert any(e.label == "宣传司" for r in run.results for e in r.entities)


def test_cache_same_text_at_two_paths_keeps_each_id(tmp_path, counting):
    pipeline, seen = counting
    docs = tmp_path / "docs"
    write_docs(docs, ["a.txt"])
    (docs / "sub").mkdir()
    (docs / "sub" / "a.txt").write_bytes((docs / "a.txt").read_bytes())
    process_corpus(discover([docs]), pipeline=pipeline, cache=tmp_path / "c")
    assert sorted(seen) == ["a.txt", "sub/a.txt"]  # one entry each, not one for both
    run = process_corpus(discover([docs]), pipeline=pipeline, cache=tmp_path / "c")
    assert run.cached == ["a.txt", "sub/a.txt"]
    assert [r.info.doc.doc_id for r in run.results] == ["a.txt", "sub/a.txt"]


def test_cache_fingerprint_change_redoes_everything(tmp_path, counting, monkeypatch):
    pipeline, seen = counting
    docs = tmp_path / "docs"
    write_docs(docs, ["a.txt", "b.txt"])
    process_corpus(discover([docs]), pipeline=pipeline, cache=tmp_path / "c")
    seen.clear()
    monkeypatch.setattr("kg.pipeline.EXTRACTOR_VERSION", "test-bumped")
    run = process_corpus(discover([docs]), pipeline=pipeline, cache=tmp_path / "c")
    assert sorted(seen) == ["a.txt", "b.txt"] and run.cached == []


def test_cache_fingerprint_depends_on_gazetteer_and_extractors(pipeline):
    from kg.gazetteer import Gazetteer

    fp = fingerprint(pipeline.gazetteer, pipeline.extractors)
    assert fp == fingerprint(pipeline.gazetteer, pipeline.extractors)
    smaller = Gazetteer(pipeline.gazetteer.institutions[:-1], pipeline.gazetteer.sources)
    assert fingerprint(smaller, pipeline.extractors) != fp
    assert fingerprint(pipeline.gazetteer, pipeline.extractors[:-1]) != fp


def test_cache_key_depends_on_bytes_id_and_encoding():
    k = document_key(b"abc", "a.txt", None, "f" * 64)
    assert k != document_key(b"abd", "a.txt", None, "f" * 64)
    assert k != document_key(b"abc", "b.txt", None, "f" * 64)
    assert k != document_key(b"abc", "a.txt", "gb18030", "f" * 64)
    assert k != document_key(b"abc", "a.txt", None, "e" * 64)


def test_cache_source_hash_follows_the_extraction_code(tmp_path, monkeypatch):
    monkeypatch.undo()  # the real source_hash
    (tmp_path / "extract").mkdir()
    for name in ("m.py", "html.py", "extract/x.py"):
        (tmp_path / name).write_text("x = 1\n")
    h = kcache.source_hash(tmp_path)
    (tmp_path / "html.py").write_text("x = 2\n")  # downstream of extraction: same hash
    assert kcache.source_hash(tmp_path) == h
    for name in ("m.py", "extract/x.py"):
        (tmp_path / name).write_text("x = 3\n")
        assert kcache.source_hash(tmp_path) != h
        h = kcache.source_hash(tmp_path)
    assert len(kcache.source_hash()) == 64  # the installed package


def test_cache_source_hash_follows_the_word_lists(tmp_path, monkeypatch):
    monkeypatch.undo()  # the real source_hash
    (tmp_path / "data" / "laws").mkdir(parents=True)
    (tmp_path / "m.py").write_text("x = 1\n")
    for name in ("data/laws/verbs.json", "data/rules.tsv"):
        (tmp_path / name).write_text("[]\n")
    h = kcache.source_hash(tmp_path)
    (tmp_path / "data" / "sample.txt").write_text("样本\n")  # a text, not a rule table: same hash
    assert kcache.source_hash(tmp_path) == h
    for name in ("data/laws/verbs.json", "data/rules.tsv"):
        (tmp_path / name).write_text('["印发"]\n')  # a word added to a list redoes extraction
        assert kcache.source_hash(tmp_path) != h
        h = kcache.source_hash(tmp_path)


def test_cache_corrupt_entry_is_a_miss(tmp_path, counting):
    pipeline, seen = counting
    docs = tmp_path / "docs"
    write_docs(docs, ["a.txt"])
    store = ResultCache(tmp_path / "c")
    process_corpus(discover([docs]), pipeline=pipeline, cache=store)
    (key,) = store.keys()
    entry = store.root / key[:2] / f"{key}.json"
    entry.write_bytes(entry.read_bytes()[:40])  # truncated
    seen.clear()
    run = process_corpus(discover([docs]), pipeline=pipeline, cache=tmp_path / "c")
    assert seen == ["a.txt"] and run.processed == ["a.txt"]
    entry.write_bytes(b"not a cache entry")
    assert ResultCache(tmp_path / "c").get(key) is None


def test_cache_prune_keeps_what_the_run_used(tmp_path, pipeline):
    docs = tmp_path / "docs"
    write_docs(docs, ["a.txt", "b.txt"])
    process_corpus(discover([docs]), pipeline=pipeline, cache=tmp_path / "c")
    (docs / "b.txt").unlink()
    store = ResultCache(tmp_path / "c")
    process_corpus(discover([docs]), pipeline=pipeline, cache=store)
    assert len(store.keys()) == 2
    assert store.prune() == 1 and len(store.keys()) == 1


def test_cache_path_that_is_a_file_is_an_output_error(tmp_path):
    from kg.errors import OutputError

    (tmp_path / "f").write_text("x")
    with pytest.raises(OutputError):
        ResultCache(tmp_path / "f")


def test_cache_with_worker_processes(tmp_path):
    docs = tmp_path / "docs"
    write_docs(docs, [f"d{i}.txt" for i in range(4)])
    a = process_corpus(discover([docs]), jobs=2, min_parallel_bytes=0, cache=tmp_path / "c")
    write_docs(docs, [f"d{i}.txt" for i in range(4)] + ["e.txt"])
    b = process_corpus(discover([docs]), jobs=2, min_parallel_bytes=0, cache=tmp_path / "c")
    assert a.processed == [f"d{i}.txt" for i in range(4)]
    assert b.processed == ["e.txt"] and len(b.cached) == 4


def test_cache_build_api_reports_processed_and_cached(tmp_path, pipeline):
    docs = tmp_path / "docs"
    write_docs(docs, ["a.txt", "b.txt"])
    r1 = build([docs], tmp_path / "out", pipeline=pipeline, cache=tmp_path / "out" / ".kgcache")
    r2 = build([docs], tmp_path / "out", pipeline=pipeline, cache=tmp_path / "out" / ".kgcache")
    assert (r1.processed, r1.cached) == (["a.txt", "b.txt"], [])
    assert (r2.processed, r2.cached) == ([], ["a.txt", "b.txt"])
    assert r1.turtle == r2.turtle


def test_cache_full_hit_builds_no_pipeline(tmp_path, pipeline, monkeypatch):
    docs = tmp_path / "docs"
    write_docs(docs, ["a.txt", "b.txt"])
    process_corpus(discover([docs]), pipeline=pipeline, cache=tmp_path / "c")

    def refuse(*args, **kwargs):
        raise AssertionError("a pipeline was built although every document was cached")

    monkeypatch.setattr("kg.parallel.Pipeline", refuse)
    monkeypatch.setattr("kg.parallel._run_pool", refuse)
    run = process_corpus(discover([docs]), jobs=2, min_parallel_bytes=0, cache=tmp_path / "c")
    assert run.cached == ["a.txt", "b.txt"] and run.processed == []


def test_cache_entries_are_data_a_planted_pickle_never_runs(tmp_path, pipeline):
    docs = tmp_path / "docs"
    write_docs(docs, ["a.txt"])
    store = ResultCache(tmp_path / "c")
    process_corpus(discover([docs]), pipeline=pipeline, cache=store)
    (key,) = store.keys()
    import json
    import pickle

    entry = json.loads((store.root / key[:2] / f"{key}.json").read_text(encoding="utf-8"))
    assert entry["format"] == int(kcache.CACHE_FORMAT) and entry["type"] == "DocResult"
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    planted = pickle.dumps(Evil())
    for name in (f"{key}.json", f"{key}.pkl"):
        (store.root / key[:2] / name).write_bytes(b"kgcache1\n" + planted)
    assert ResultCache(tmp_path / "c").get(key) is None
    process_corpus(discover([docs]), pipeline=pipeline, cache=tmp_path / "c")
    assert not marker.exists()


def test_cache_entry_of_the_wrong_shape_is_a_miss(tmp_path):
    store = ResultCache(tmp_path / "c")
    key = "cd" * 32
    (store.root / "cd").mkdir()
    for value in ([1, 2], "x", [[["a.txt", "t", "", "", "", "utf-8", 5]], [], [], []], None):
        entry = {"format": int(kcache.CACHE_FORMAT), "type": "DocResult", "value": value}
        (store.root / "cd" / f"{key}.json").write_text(__import__("json").dumps(entry))
        assert store.get(key) is None


def test_cache_build_twice_gives_the_same_bytes(tmp_path, pipeline):
    docs = tmp_path / "docs"
    write_docs(docs, [f"d{i}.txt" for i in range(3)])
    fresh = build([docs], tmp_path / "fresh", pipeline=pipeline, cache=None)
    build([docs], tmp_path / "o", pipeline=pipeline, cache=tmp_path / "c")
    cached = build([docs], tmp_path / "o2", pipeline=pipeline, cache=tmp_path / "c")
    assert sorted(cached.cached) == [f"d{i}.txt" for i in range(3)]
    for name in ("graph.ttl", "centrality.csv", "graph.html"):
        assert (tmp_path / "o2" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name
    assert fresh.turtle == cached.turtle


def test_cache_disk_full_warns_once_and_leaves_no_partial_entries(tmp_path, pipeline, monkeypatch, caplog):
    import errno
    import os as _os

    docs = tmp_path / "docs"
    write_docs(docs, [f"d{i}.txt" for i in range(4)])
    real_fdopen = _os.fdopen

    class Full:
        def __init__(self, fd, mode):
            self.fh = real_fdopen(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *a):
            self.fh.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(kcache.os, "fdopen", Full)
    with caplog.at_level("WARNING"):
        run = process_corpus(discover([docs]), pipeline=pipeline, cache=tmp_path / "c")
    assert len(run.results) == 4
    warnings = [r for r in caplog.records if "cache" in r.getMessage()]
    assert len(warnings) == 1 and "No space left" in warnings[0].getMessage()
    assert list((tmp_path / "c").rglob("*.part")) == [] and list((tmp_path / "c").rglob("*.json")) == []
