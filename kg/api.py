"""The public API: ``build`` a graph from documents and write its outputs.

The CLI, the tests and the notebook all call these functions.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from rdflib import Graph

from . import turtle
from .centrality import NodeScores, centrality
from .errors import InputError
from .export_csv import centrality_csv, write_rows
from .html import render_html
from .layout import layout
from .netgraph import GraphCollector
from .options import BuildOptions, sample_path  # noqa: F401 - sample_path is part of the API (kg.sample_path)
from .outputs import check_not_inputs, prepare_dir, write_generation
from .parallel import fewer_collections
from .pipeline import Corpus, Pipeline, merge_results
from .rdf import plain_triples, to_graph, triples
from .reader import DEFAULT_GLOBS
from .uptodate import discover_inputs, input_stats, snapshot, write_stamp

log = logging.getLogger(__name__)
#: a triple of kg.rdf.plain_triples: subject, predicate, an IRI or a literal's term key
PlainTriple = tuple[str, str, str | tuple[int, str, str, str]]

OUTPUT_FILES = ("graph.ttl", "graph.html", "centrality.csv", "nodes.csv", "edges.csv", "documents.csv")


@dataclass
class BuildResult:
    """What a build produced."""

    corpus: Corpus
    scores: list[NodeScores]
    files: dict[str, Path] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    turtle: str = ""
    processed: list[str] = field(default_factory=list)  # doc ids extracted by this build
    cached: list[str] = field(default_factory=list)  # doc ids taken from the cache (kg.cache)
    corrections: Any = None  # kg.curation.Outcome when a corrections file was applied

    def graph(self) -> Graph:
        """The graph as an rdflib ``Graph`` (parsed from the Turtle written)."""
        g = Graph(bind_namespaces="none")
        g.parse(data=self.turtle, format="turtle")
        return g


def collect(paths: Sequence[str | Path] | None, globs: Sequence[str] = DEFAULT_GLOBS,
            skipped: list[tuple[str, str]] | None = None) -> list[tuple[Path, Path]]:
    """The ``(file, root)`` pairs to build: the given paths, or the bundled sample.

    Links leading outside an input folder and unreadable folders go to ``skipped`` (:func:`kg.reader.discover`).
    """
    return discover_inputs(paths, globs, skipped)


@fewer_collections()  # a build keeps millions of small objects alive: see kg.parallel.fewer_collections
def build(paths: Sequence[str | Path] | None = None, out_dir: str | Path | None = "output", *,
          options: BuildOptions | None = None, **kwargs: Any) -> BuildResult:
    """Build the knowledge graph of ``paths`` (files or folders; the bundled sample when empty).

    Writes ``graph.ttl``, ``graph.html``, ``centrality.csv`` and the tidy tables ``nodes.csv``,
    ``edges.csv`` and ``documents.csv`` (:mod:`kg.tables`) into ``out_dir`` (nothing is written when
    ``out_dir`` is ``None``). Every other option is a field of :class:`BuildOptions`: pass
    ``options=BuildOptions(...)``, or the same names as keywords (``build(paths, jobs=4, excel=True)``,
    as before ``BuildOptions`` existed); keywords given with ``options`` replace its fields. The graph
    records the build (version, options, corrections applied, documents used) as a ``prov:Activity``.

    Examples
    --------
    >>> r = build(out_dir=None)
    >>> len(r.corpus.documents)
    1
    >>> build(out_dir=None, options=BuildOptions(jobs=1)).turtle == r.turtle
    True
    """
    from .exports import RDF_FORMATS, parse_formats

    o = BuildOptions.merge(options, kwargs)
    pipeline = o.pipeline
    extra_rdf = tuple(f for f in parse_formats(o.rdf_formats) if f != "ttl")
    passed_over: list[tuple[str, str]] = []
    before = snapshot(paths)  # the stamp of the outputs (kg.uptodate) records the inputs as they were read
    pairs = collect(paths, o.globs, passed_over)
    before.inputs = input_stats(pairs)
    if o.gazetteer is not None and pipeline is None:
        from .curation import load_user_gazetteer

        pipeline = Pipeline(load_user_gazetteer(o.gazetteer))
    correction_list = None
    if o.corrections is not None:
        from .curation import read_corrections

        correction_list = read_corrections(o.corrections)  # a bad file fails before the long part
    if o.strict and passed_over:
        from .errors import StrictError

        raise StrictError(f"{passed_over[0][1]} (--strict)")
    out = prepare_dir(out_dir) if out_dir is not None else None
    if out is not None:
        check_not_inputs([out / f for f in OUTPUT_FILES + tuple(f"graph.{x}" for x in o.graph_formats)
                          + tuple(RDF_FORMATS[f] for f in extra_rdf)], [p for p, _ in pairs])
    from .parallel import process_corpus

    run = process_corpus(pairs, pipeline=pipeline, jobs=o.jobs, engine=o.engine, scheduler=o.scheduler,
                         cache=o.cache, encoding=o.encoding, strict=o.strict, progress=o.progress)
    results, skipped = run.results, passed_over + run.skipped
    if not results:
        raise InputError("no document could be read: " + "; ".join(msg for _, msg in skipped))
    corpus = merge_results(results)
    outcome = None
    if correction_list is not None:
        from .curation import apply_corrections

        corpus, outcome = apply_corrections(corpus, correction_list)
        for c, why in outcome.stale:
            log.info("stale correction in %s, %s: %s", o.corrections, c.describe(), why)  # BuildResult.corrections
    record = _build_record(o.globs, o.encoding, o.gazetteer, o.corrections, outcome)
    # one pass over the triples (as plain strings) writes the Turtle and reads the analysis graph
    collector = GraphCollector()
    plain = plain_triples(corpus.documents, corpus.entities, corpus.relations, corpus.sentence_of, record)
    ttl = turtle.serialize_plain(cast("Iterator[PlainTriple]", collector.feed(plain)))
    g = collector.graph(cooccurrence=o.cooccurrence)
    scores = centrality(g)  # betweenness sampled (fixed seed) above centrality.BETWEENNESS_THRESHOLD nodes
    result = BuildResult(corpus=corpus, scores=scores, skipped=skipped, turtle=ttl, processed=run.processed,
                         cached=run.cached, corrections=outcome)
    if out is not None:
        result.files.update(_write_outputs(out, o, corpus, record, collector, g, scores, ttl, skipped, extra_rdf))
    del g, collector  # the store's loader needs the memory more (kg.store.STORE_BATCH)
    if o.store is not None:
        from .store import write_store

        result.files["store"] = write_store(o.store, ttl, {"documents": len(corpus.documents)})
    if out is not None:
        write_stamp(out, pairs, before, passed_over, o)
    return result


def _write_outputs(out: Path, o: BuildOptions, corpus: Corpus, record: tuple[str, str], collector: GraphCollector,
                   g, scores: list[NodeScores], ttl: str, skipped: list[tuple[str, str]],
                   extra_rdf: tuple[str, ...]) -> dict[str, Path]:
    """Render every output file of a build and write them into ``out`` as one generation (:mod:`kg.outputs`)."""
    from .exports import render_files
    from .html import display_title, page_title
    from .ids import document_ref
    from .tables import render_tables

    title = page_title([d.doc for d in corpus.documents])
    doc_titles = {document_ref(d.doc.doc_id): display_title(d.doc) for d in corpus.documents}
    # render everything first, then rename into place: an interruption while rendering leaves old outputs intact
    pos = layout(g)
    contents: dict[str, str | bytes] = {"graph.ttl": ttl, "centrality.csv": centrality_csv(scores),
                                        "graph.html": render_html(g, scores, title, top_n=o.top_n, positions=pos,
                                                                  doc_titles=doc_titles)}
    contents.update(render_tables(collector, g, scores, bom=o.excel))
    for fmt in o.graph_formats:
        from .export_graph import export

        contents[f"graph.{fmt}"] = export(g, scores, fmt, positions=pos)
    if extra_rdf:
        contents.update(render_files(triples(corpus.documents, corpus.entities, corpus.relations,
                                             corpus.sentence_of, record), extra_rdf))
    if skipped:  # (an earlier build's report, now wrong, is removed with its generation)
        contents["skipped.tsv"] = write_rows(("file", "reason"), skipped, delimiter="\t")
    return write_generation(out, contents)  # all files appear together: kg.outputs


def _build_record(globs: Sequence[str], encoding: str | None, gazetteer, corrections, outcome) -> tuple[str, str]:
    """The software version and the options that affect the graph (JSON, sorted keys) for its provenance."""
    import hashlib
    import json

    from ._version import __version__
    from .pipeline import EXTRACTOR_VERSION

    options: dict[str, object] = {"extractor_version": EXTRACTOR_VERSION, "encoding": encoding or "auto",
                                  "globs": list(globs)}
    if gazetteer is not None:
        options["gazetteer"] = {"file": Path(gazetteer).name,
                                "sha256": hashlib.sha256(Path(gazetteer).read_bytes()).hexdigest()}
    if outcome is not None:
        from .curation import corrections_record

        options["corrections"] = corrections_record(corrections, outcome)
    return __version__, json.dumps(options, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def build_graph(paths: Sequence[str | Path] | None = None, *, options: BuildOptions | None = None,
                **kwargs: Any) -> Graph:
    """The rdflib graph of ``paths`` without writing files (for notebooks and tests); options as for :func:`build`."""
    r = build(paths, out_dir=None, options=options, **kwargs)
    return to_graph(triples(r.corpus.documents, r.corpus.entities, r.corpus.relations, r.corpus.sentence_of))
