"""Issue 15's contract: a ``pk:mention`` slices its document to one of its entity's names.

Inferred section owners keep their heading only as the ``pk:evidence`` of the inferred statement, and
anaphors (该局, 本局 …) are ``pk:reference``s, never names. Checked on our own sample, on the shared
reference article, the development set and the 334 real statutes (skipped when ``../shared`` is absent).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.api import build
from kg.reader import read_document
from kg.script import to_simplified
from kg.vocab import PK, RDF, RDFS, SKOS

from .conftest import SHARED

_MARKS = re.compile(r"[《》〈〉“”\"'‘’「」『』\s]")
#: Anaphors: a determiner and a bare organ head refer to an organ without naming it (GUIDELINES, issue 15).
_ANAPHOR = re.compile(r"^(?:该|本|我|此|其|上述)(?:局|部|委|厅|署|司|处|办|办公室|单位|部门|机关|机构)$")


def _fold(s: str) -> str:
    """The usual folding: NFKC, simplified script, no quote marks or white space."""
    return _MARKS.sub("", to_simplified(unicodedata.normalize("NFKC", s)))


def _bad_mentions(corpus) -> list[str]:
    """Every name mention (not a reference) whose span is none of its entity's names, as readable lines."""
    texts: dict[str, str] = {}
    for info in corpus.documents:
        texts[info.doc.doc_id] = info.doc.text
    bad = []
    for e in corpus.entities:
        names = {_fold(n) for n in (e.label, *e.alt_labels)}
        bad.extend(f"{e.type} {e.label!r} has the anaphor {n!r} as a name" for n in names if _ANAPHOR.match(n))
        for m in e.mentions:
            if m.reference:
                continue
            text = texts.get(m.doc_id)
            if text is None:
                continue
            span = text[m.start:m.end] if text else m.text
            if _fold(span) not in names:
                bad.append(f"{m.doc_id}:{m.start}-{m.end} {span!r} is not a name of {e.type} {e.label!r}")
    return bad


def _texts_kept(paths: list[Path], root: Path | None = None):
    """Build ``paths`` keeping each document's text (a corpus build drops it after extraction)."""
    from kg.pipeline import Pipeline, merge_results

    pipe = Pipeline()
    return merge_results([pipe.process(read_document(p, root or p.parent)) for p in paths])


def test_provenance_sample_mentions_are_names():
    from kg.api import sample_path

    corpus = _texts_kept([sample_path()])
    assert corpus.entities
    assert _bad_mentions(corpus) == []


def test_provenance_reference_inferred_owner_has_no_mention_but_keeps_its_evidence(reference_path):
    corpus = _texts_kept([reference_path])
    assert _bad_mentions(corpus) == []
    inferred = [r for r in corpus.relations if r.inferred and r.predicate == "responsibleFor"]
    assert inferred, "the reference article has sections that never name their department"
    text = corpus.documents[0].doc.text
    owners = {r.subject for r in inferred}
    by_key = {e.key: e for e in corpus.entities}
    for r in inferred:
        # the heading (or sentence) that supports the inference is the statement's evidence
        assert r.evidence.sentence == text[r.evidence.start:r.evidence.end]
    for key in owners:
        e = by_key[key]
        assert all(_fold(text[m.start:m.end]) in {_fold(n) for n in (e.label, *e.alt_labels)}
                   for m in e.mentions if not m.reference)


def test_provenance_reference_graph_mentions_and_evidence(reference_path, tmp_path):
    r = build([reference_path], out_dir=tmp_path)
    g = Graph().parse(tmp_path / "graph.ttl", format="turtle")
    text = read_document(reference_path, reference_path.parent).text
    names: dict[URIRef, set[str]] = {}
    for e in set(g.subjects(PK.mention, None)) | set(g.subjects(PK.reference, None)):
        names[e] = {_fold(str(n)) for p in (RDFS.label, SKOS.altLabel) for n in g.objects(e, p)}
    checked = 0
    for e, m in g.subject_objects(PK.mention):
        start, end = int(g.value(m, PK.start)), int(g.value(m, PK.end))
        assert _fold(text[start:end]) in names[e], (e, text[start:end])
        checked += 1
    assert checked == sum(1 for ent in r.corpus.entities for m in ent.mentions if not m.reference)
    # every inferred statement still points to evidence (a pk:Mention of no entity)
    inferred = [st for st in g.subjects(RDF.type, RDF.Statement) if g.value(st, PK.inferred).toPython() is True]
    assert inferred
    for st in inferred:
        ev = g.value(st, PK.evidence)
        assert (ev, RDF.type, PK.Mention) in g
        assert not list(g.subjects(PK.mention, ev))


def test_provenance_development_set_mentions_are_names():
    paths = sorted((SHARED / "corpus" / "dev").glob("*.txt"))
    if not paths:
        pytest.skip(f"development set not found under {SHARED / 'corpus' / 'dev'} (../shared is absent)")
    assert _bad_mentions(_texts_kept(paths)) == []


def test_provenance_statutes_mentions_are_names():
    root = SHARED / "corpus" / "statutes"
    paths = sorted(root.rglob("*.md"))
    if not paths:
        pytest.skip(f"statutes not found under {root} (../shared is absent)")
    bad = _bad_mentions(_texts_kept(paths, root))
    assert bad == [], f"{len(bad)} mentions are not names, e.g. {bad[:5]}"
