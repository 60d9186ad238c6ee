"""The same text gives the same graph whatever its encoding (and script)."""

from __future__ import annotations

import pytest

import kg


def _entities(result) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(e.type, e.label, tuple(sorted((m.start, m.end) for m in e.mentions))) for e in result.corpus.entities}


@pytest.fixture(scope="module")
def reference_utf8(reference_path):
    return kg.build([reference_path], out_dir=None, jobs=1)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig", "utf-16-be"])
def test_encodings_reference_same_entities(reference_path, reference_utf8, tmp_path, encoding):
    text = reference_path.read_text(encoding="utf-8")
    f = tmp_path / f"ref.{encoding}.txt"
    f.write_bytes(text.encode(encoding))
    got = kg.build([f], out_dir=None, jobs=1)
    assert _entities(got) == _entities(reference_utf8)
    assert {(r.subject, r.predicate, r.object) for r in got.corpus.relations} == \
        {(r.subject, r.predicate, r.object) for r in reference_utf8.corpus.relations}


def test_encodings_sample_turtle_identical_across_encodings(tmp_path):
    text = kg.sample_path().read_text(encoding="utf-8")
    outs = []
    for enc in ("utf-8", "gb18030", "utf-16"):
        d = tmp_path / enc
        d.mkdir()
        (d / "sample.txt").write_bytes(text.encode(enc))
        outs.append(kg.build([d / "sample.txt"], out_dir=None, jobs=1).turtle)
    assert outs[0] == outs[1] == outs[2]


def test_encodings_traditional_gives_the_same_entities(reference_path, reference_utf8, tmp_path):
    """繁體 text: the same entities (compared after folding labels to simplified)."""
    import opencc

    s2t, t2s = opencc.OpenCC("s2t").convert, opencc.OpenCC("t2s").convert
    text = reference_path.read_text(encoding="utf-8")
    f = tmp_path / "ref.trad.txt"
    f.write_text(s2t(text), encoding="utf-8")
    got = kg.build([f], out_dir=None, jobs=1)
    simp = {(e.type, e.label) for e in reference_utf8.corpus.entities}
    trad = {(e.type, t2s(e.label)) for e in got.corpus.entities}
    missing, extra = simp - trad, trad - simp
    # OpenCC's round trip is not exact for every character; allow a few differences, no more
    assert len(missing) <= max(3, len(simp) // 50), sorted(missing)
    assert len(extra) <= max(3, len(simp) // 50), sorted(extra)
