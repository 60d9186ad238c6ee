"""The public API: ``build`` a graph from documents and write its outputs.

The CLI, the tests and the notebook all call these functions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rdflib import Graph

from . import turtle
from .centrality import NodeScores, centrality
from .errors import InputError
from .export_csv import centrality_csv, write_rows
from .html import render_html
from .layout import layout
from .netgraph import GraphCollector
from .outputs import check_not_inputs, prepare_dir, write_generation
from .parallel import fewer_collections
from .pipeline import Corpus, Pipeline, merge_results
from .rdf import plain_triples, to_graph, triples
from .reader import DEFAULT_GLOBS, discover

log = logging.getLogger(__name__)

OUTPUT_FILES = ("graph.ttl", "graph.html", "centrality.csv", "nodes.csv", "edges.csv", "documents.csv")


def sample_path() -> Path:
    """Path of the bundled sample document."""
    return Path(str(resources.files("kg") / "data" / "sample.txt"))


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
    corrections: object = None  # kg.curation.Outcome when a corrections file was applied

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
    if not paths:
        p = sample_path()
        return [(p, p.parent)]
    pairs = discover(paths, globs, skipped)
    if not pairs:
        raise InputError("no input documents found (looked for " + ", ".join(globs) + ")")
    return pairs


@fewer_collections()  # a build keeps millions of small objects alive: see kg.parallel.fewer_collections
def build(paths: Sequence[str | Path] | None = None, out_dir: str | Path | None = "output", *,
          globs: Sequence[str] = DEFAULT_GLOBS, encoding: str | None = None, strict: bool = False,
          pipeline: Pipeline | None = None, progress: Callable[[int, int], None] | None = None,
          jobs: int | None = 1, engine: str = "local", scheduler=None, cache: str | Path | None = None,
          store: str | Path | None = None, top_n: int = 500, graph_formats: Sequence[str] = (),
          cooccurrence: bool = False, rdf_formats: Sequence[str] = (), excel: bool = False,
          corrections: str | Path | None = None, gazetteer: str | Path | None = None) -> BuildResult:
    """Build the knowledge graph of ``paths`` (files or folders; the bundled sample when empty).

    Writes ``graph.ttl``, ``graph.html`` and ``centrality.csv`` into ``out_dir``
    (nothing is written when ``out_dir`` is ``None``). Corpus options
    (:func:`kg.parallel.process_corpus`): ``jobs`` worker processes (``None``:
    every CPU), ``engine="dask"`` with a ``scheduler`` address, an incremental
    ``cache`` folder (:mod:`kg.cache`); ``store`` also writes a persistent
    Oxigraph store of the graph there (:mod:`kg.store`). Graph options: ``top_n`` nodes shown
    at first in ``graph.html``, ``graph_formats`` (``"gexf"``, ``"graphml"``) also written as
    ``graph.<format>``, ``cooccurrence`` adds same-sentence edges to the analysis graph.
    ``rdf_formats`` (``"jsonld"``, ``"nt"``) also writes the RDF graph as ``graph.jsonld`` /
    ``graph.nt`` (:mod:`kg.exports`; ``graph.ttl`` is always written). The tidy tables ``nodes.csv``,
    ``edges.csv`` and ``documents.csv`` (:mod:`kg.tables`) are always written; ``excel`` starts them with
    a byte-order mark for Excel. ``corrections`` (a CSV, :mod:`kg.curation`) is applied to the merged
    corpus before RDF is written; ``gazetteer`` adds a user gazetteer to the packaged one. The graph
    records the build (version, options, corrections applied, documents used) as a ``prov:Activity``.

    Examples
    --------
    >>> r = build(out_dir=None)
    >>> len(r.corpus.documents)
    1
    """
    from .exports import RDF_FORMATS, parse_formats, render_files

    extra_rdf = tuple(f for f in parse_formats(rdf_formats) if f != "ttl")
    passed_over: list[tuple[str, str]] = []
    pairs = collect(paths, globs, passed_over)
    if gazetteer is not None and pipeline is None:
        from .curation import load_user_gazetteer

        pipeline = Pipeline(load_user_gazetteer(gazetteer))
    correction_list = None
    if corrections is not None:
        from .curation import read_corrections

        correction_list = read_corrections(corrections)  # a bad file fails before the long part
    if strict and passed_over:
        from .errors import StrictError

        raise StrictError(f"{passed_over[0][1]} (--strict)")
    out = prepare_dir(out_dir) if out_dir is not None else None
    if out is not None:
        check_not_inputs([out / f for f in OUTPUT_FILES + tuple(f"graph.{x}" for x in graph_formats)
                          + tuple(RDF_FORMATS[f] for f in extra_rdf)], [p for p, _ in pairs])
    from .parallel import process_corpus

    run = process_corpus(pairs, pipeline=pipeline, jobs=jobs, engine=engine, scheduler=scheduler, cache=cache,
                         encoding=encoding, strict=strict, progress=progress)
    results, skipped = run.results, passed_over + run.skipped
    if not results:
        raise InputError("no document could be read: " + "; ".join(msg for _, msg in skipped))
    corpus = merge_results(results)
    outcome = None
    if correction_list is not None:
        from .curation import apply_corrections

        corpus, outcome = apply_corrections(corpus, correction_list)
        for c, why in outcome.stale:
            log.info("stale correction in %s, %s: %s", corrections, c.describe(), why)  # BuildResult.corrections
    record = _build_record(globs, encoding, gazetteer, corrections, outcome)
    # one pass over the triples (as plain strings) writes the Turtle and reads the analysis graph
    collector = GraphCollector()
    ttl = turtle.serialize_plain(collector.feed(plain_triples(corpus.documents, corpus.entities, corpus.relations,
                                                              corpus.sentence_of, record)))
    g = collector.graph(cooccurrence=cooccurrence)
    scores = centrality(g)  # betweenness sampled (fixed seed) above centrality.BETWEENNESS_THRESHOLD nodes
    result = BuildResult(corpus=corpus, scores=scores, skipped=skipped, turtle=ttl, processed=run.processed,
                         cached=run.cached, corrections=outcome)
    if out is not None:
        from .html import display_title, page_title
        from .ids import document_ref

        title = page_title([d.doc for d in corpus.documents])
        doc_titles = {document_ref(d.doc.doc_id): display_title(d.doc) for d in corpus.documents}
        # render everything first, then rename into place: an interruption while rendering leaves old outputs intact
        pos = layout(g)
        contents = {"graph.ttl": ttl, "centrality.csv": centrality_csv(scores),
                    "graph.html": render_html(g, scores, title, top_n=top_n, positions=pos, doc_titles=doc_titles)}
        from .tables import render_tables

        contents.update(render_tables(collector, g, scores, bom=excel))
        for fmt in graph_formats:
            from .export_graph import export

            contents[f"graph.{fmt}"] = export(g, scores, fmt, positions=pos)
        if extra_rdf:
            contents.update(render_files(triples(corpus.documents, corpus.entities, corpus.relations,
                                                 corpus.sentence_of, record), extra_rdf))
        if skipped:  # (an earlier build's report, now wrong, is removed with its generation)
            contents["skipped.tsv"] = write_rows(("file", "reason"), skipped, delimiter="\t")
        result.files.update(write_generation(out, contents))  # all files appear together: kg.outputs
    if store is not None:
        from .store import write_store

        result.files["store"] = write_store(store, ttl, {"documents": len(corpus.documents)})
    return result


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


def build_graph(paths: Sequence[str | Path] | None = None, **kwargs) -> Graph:
    """The rdflib graph of ``paths`` without writing files (for notebooks and tests)."""
    r = build(paths, out_dir=None, **kwargs)
    return to_graph(triples(r.corpus.documents, r.corpus.entities, r.corpus.relations, r.corpus.sentence_of))
