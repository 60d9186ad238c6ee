"""The ``kg`` command line: a thin layer over :mod:`kg.api`.

Every user error becomes one line on stderr and a documented exit code
(see :mod:`kg.errors`); ``--debug`` shows tracebacks for bug reports.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import sys
from collections import Counter
from collections.abc import Sequence

from ._version import __version__
from .errors import KGError

log = logging.getLogger("kg")

EPILOG = """exit codes: 0 ok, 1 --min-f1 bound missed or graph does not conform, 2 usage error,
3 input error, 4 output error, 5 query error, 6 gold-file error, 7 file skipped under --strict"""


def _build_options(a: argparse.Namespace):
    """The :class:`kg.options.BuildOptions` of ``kg build``'s arguments (without progress)."""
    from .options import BuildOptions

    cache = None if a.no_cache else (a.cache or os.path.join(a.out, ".kgcache"))
    engine = a.engine or ("dask" if a.scheduler else "local")
    formats = tuple(f for f, on in (("gexf", a.gexf), ("graphml", a.graphml)) if on)
    rdf_formats = tuple(a.format) + tuple(f for f, on in (("jsonld", a.jsonld), ("nt", a.nt)) if on)
    options = BuildOptions(encoding=a.encoding, strict=a.strict, top_n=a.top_n,
                           graph_formats=formats, cooccurrence=a.cooccurrence, jobs=a.jobs, engine=engine,
                           scheduler=a.scheduler, cache=cache, store=a.store, rdf_formats=rdf_formats, excel=a.excel,
                           corrections=a.corrections, gazetteer=a.gazetteer)
    if a.glob:  # else BuildOptions' default patterns
        options = dataclasses.replace(options, globs=tuple(a.glob))
    return options


def _cmd_build(a: argparse.Namespace) -> int:
    options = _build_options(a)
    cache = options.cache
    if not a.force and a.corrections is None:  # (stale corrections are reported on every build: not skipped)
        from .uptodate import up_to_date

        if up_to_date(a.paths or None, a.out, options):  # nothing changed: the pipeline is not even imported
            if not a.quiet:
                print(f"outputs up to date in {a.out} (kg build --force rebuilds them)")
            return 0
    from .api import build
    from .parallel import tqdm_progress

    progress = tqdm_progress(a.quiet)
    options = dataclasses.replace(options, progress=progress)
    try:
        r = build(a.paths or None, a.out, options=options)
    finally:
        if progress is not None:
            progress.close()
    if r.corrections is not None:
        for c, why in r.corrections.stale:  # never silently ignored, even with --quiet
            print(f"kg: warning: stale correction ({a.corrections}, {c.describe()}): {why}", file=sys.stderr)
    if not a.quiet:
        _print_build(a, r, cache)
    return 0


def _print_build(a: argparse.Namespace, r, cache) -> None:
    """The summary ``kg build`` prints: counts, warnings, the most central nodes, skipped and written files."""
    from .model import ENTITY_TYPES, PREDICATES
    from .query import printable

    types = Counter(e.type for e in r.corpus.entities)
    if r.corrections is not None:
        print(f"corrections: {len(r.corrections.applied)} applied, {len(r.corrections.stale)} stale ({a.corrections})")
    preds = Counter(rel.predicate for rel in r.corpus.relations)
    src = printable(", ".join(a.paths)) if a.paths else "the bundled sample"
    print(f"built {src}: {len(r.corpus.documents)} document(s), {len(r.corpus.entities)} entities, "
          f"{len(r.corpus.relations)} relations")
    print("entities:  " + ", ".join(f"{t} {types[t]}" for t in ENTITY_TYPES))
    print("relations: " + ", ".join(f"{p} {preds[p]}" for p in PREDICATES))
    from .sections import report_warnings

    for msg in report_warnings(r.corpus.documents, r.corpus.entities, r.corpus.sentence_of):
        print(f"kg: warning: {printable(msg)}", file=sys.stderr)
    if cache is not None and r.cached:
        print(f"extracted {len(r.processed)} document(s), {len(r.cached)} unchanged from the cache {cache}")
    if r.scores:
        print("most central (PageRank):")
        for s in r.scores[:5]:
            print(f"  {s.pagerank:.4f}  {printable(s.label)} ({s.type})")
    if r.skipped:
        print(f"skipped {len(r.skipped)} file(s):")
        for _path, msg in r.skipped:
            print(f"  {printable(msg)}")
    print("wrote:")
    for name in sorted(r.files):
        print(f"  {printable(str(r.files[name]))}")


def _cmd_query(a: argparse.Namespace) -> int:
    from .query import format_result, parse_params, read_query
    from .store import query_path

    text = read_query(a.query)
    result = query_path(a.graph, text, a.engine, params=parse_params(a.param), timeout=a.timeout)
    sys.stdout.write(format_result(result, a.format))
    return 0


def _cmd_serve(a: argparse.Namespace) -> int:
    from .serve import is_loopback, make_server

    if not is_loopback(a.host) and not a.allow_remote:
        from .errors import UsageError

        raise UsageError(f"--host {a.host} is reachable from other machines: add --allow-remote to mean it")
    server = make_server(a.graph, a.host, a.port, cors=a.cors, timeout=a.timeout, workers=a.workers,
                         allowed_hosts=a.allow_host)
    if not is_loopback(a.host):
        print(f"kg: warning: listening on {a.host}, reachable from the network; answering Host names: "
              + ", ".join(sorted(server.allowed_hosts)), file=sys.stderr)
    print(f"SPARQL endpoint (read-only) at {server.url} — Ctrl-C stops it", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


def _cmd_eval(a: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_report
    from .query import load_graph

    bounds = []
    for b in a.min_f1:
        name, sep, val = b.partition("=")
        try:
            bounds.append((name, float(val)))
        except ValueError:
            raise KGError(f"--min-f1 takes NAME=F1, e.g. core=0.9 (got {b!r})") from None
        if not sep:
            raise KGError(f"--min-f1 takes NAME=F1, e.g. core=0.9 (got {b!r})")
    g = load_graph(a.graph)
    report = evaluate(g, a.gold)
    sys.stdout.write(format_report(report, a.show))
    failed = []
    for name, val in bounds:
        try:
            f = report.figure(name)
        except KeyError:
            raise KGError(f"--min-f1: unknown figure {name!r} (a type, a predicate, core or relations)") from None
        if f < val:
            failed.append(f"{name} F1 {f:.3f} < {val}")
    if failed:
        print("below bound: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


def _cmd_review(a: argparse.Namespace) -> int:
    from .curation import review_csv
    from .outputs import write_atomic
    from .tables import collector_of

    text = review_csv(collector_of(a.graph), bom=a.excel)
    if a.out == "-":
        sys.stdout.write(text)
    else:
        write_atomic(a.out, text)
        print(f"wrote {text.count(chr(10)) - 1} candidate(s) to {a.out}", file=sys.stderr)
    return 0


def _cmd_sample(a: argparse.Namespace) -> int:
    from .coding import sample_csv
    from .outputs import write_atomic
    from .tables import collector_of

    text = sample_csv(collector_of(a.graph), n=a.n, seed=a.seed, bom=a.excel)
    if a.out == "-":
        sys.stdout.write(text)
    else:
        write_atomic(a.out, text)
        print(f"wrote {text.count(chr(10)) - 1} item(s) to code to {a.out}", file=sys.stderr)
    return 0


def _cmd_agreement(a: argparse.Namespace) -> int:
    from .coding import agreement, format_agreement

    report = agreement(a.sheets)
    if a.json:
        import json

        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    else:
        sys.stdout.write(format_agreement(report))
    return 0


def _cmd_validate(a: argparse.Namespace) -> int:
    from .validate import validate_file

    report = validate_file(a.graph, a.shapes, engine=a.engine)
    sys.stdout.write(report.summary(a.max_lines))
    return 0 if report.conforms else 1


def _rdf_format_list(text: str) -> tuple[str, ...]:
    """argparse type of ``--format ttl,jsonld,nt`` (an unknown name is a usage error, exit 2)."""
    from .exports import parse_formats

    try:
        return parse_formats(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive_int(text: str) -> int:
    """argparse type of a count ≥ 1 (a bad value is a usage error, exit 2)."""
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}")
    return n


def _seconds(text: str) -> float:
    """argparse type of a time limit in seconds (> 0)."""
    try:
        x = float(text)
    except ValueError:
        x = -1.0
    if not x > 0 or x == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0, got {text!r}")
    return x


def _port(text: str) -> int:
    """argparse type of a TCP port (0–65535; 0 picks a free one)."""
    try:
        n = int(text)
    except ValueError:
        n = -1
    if not 0 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 0 to 65535, got {text!r}")
    return n


def make_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and docs)."""
    p = argparse.ArgumentParser(
        prog="kg", description="Build, query and evaluate knowledge graphs of Chinese policy texts "
        "(bureaus, laws, projects, dates and who is responsible for what).", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks (for bug reports)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    b = sub.add_parser("build", help="build the graph of documents (default: the bundled sample)",
                       description="Extract bureaus, laws, projects, dates, organisations, works and events from "
                       "documents and write graph.ttl (RDF), graph.html (interactive graph), centrality.csv and "
                       "the tables nodes.csv, edges.csv and documents.csv.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or folders (folders are searched recursively for *.txt, *.md, *.html, *.htm, *.pdf, "
                   "*.docx; *.doc and *.wps are skipped with how to convert them); "
                   "none: the bundled sample")
    b.add_argument("--out", default="output", metavar="DIR", help="output folder (default: %(default)s)")
    b.add_argument("--glob", action="append", metavar="PATTERN",
                   help="file pattern to take from folders (repeatable; replaces the defaults)")
    b.add_argument("--encoding", metavar="NAME", help="decode every input with this encoding (default: detect)")
    b.add_argument("--strict", action="store_true", help="fail on a file that cannot be read instead of skipping it")
    b.add_argument("--top-n", type=_positive_int, default=500, metavar="N",
                   help="graph.html shows every node of a graph of up to N nodes at first; a larger graph opens on "
                   "its most central connected part (at most 45 nodes, readable unzoomed), the rest on 'show all' "
                   "(default: %(default)s)")
    b.add_argument("--gexf", action="store_true", help="also write graph.gexf (for Gephi)")
    b.add_argument("--graphml", action="store_true", help="also write graph.graphml")
    b.add_argument("--format", type=_rdf_format_list, default=(), metavar="LIST",
                   help="RDF formats to write, comma-separated from ttl, jsonld, nt (graph.ttl is always written)")
    b.add_argument("--jsonld", action="store_true", help="also write graph.jsonld (JSON-LD, context embedded)")
    b.add_argument("--nt", action="store_true", help="also write graph.nt (N-Triples, sorted lines)")
    b.add_argument("--corrections", metavar="FILE",
                   help="apply a corrections CSV (action,target,value,object,note) on every rebuild; stale lines "
                   "are reported")
    b.add_argument("--gazetteer", metavar="FILE",
                   help="add the institutions of a user gazetteer (same JSON format as ontology/gazetteer)")
    b.add_argument("--excel", action="store_true",
                   help="start nodes.csv, edges.csv and documents.csv (always written) with a byte-order mark, "
                   "so that Excel reads their Chinese text as UTF-8")
    b.add_argument("--cooccurrence", action="store_true",
                   help="add weighted same-sentence edges to the analysis graph (centrality, graph.html)")
    b.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    b.add_argument("-j", "--jobs", type=_positive_int, default=None, metavar="N",
                   help="worker processes for extraction (default: every CPU; small corpora stay in one process)")
    b.add_argument("--engine", choices=("local", "dask"), default=None,
                   help="where extraction runs: local processes, or a Dask cluster (needs --scheduler and "
                   "pip install 'policy-kg[dask]')")
    b.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    b.add_argument("--cache", metavar="DIR", help="incremental cache: unchanged documents are not extracted again "
                   "(default: OUT/.kgcache)")
    b.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    b.add_argument("--force", action="store_true", help="rebuild even when nothing changed since the last build "
                   "into OUT (without it, unchanged inputs, options and software leave the outputs as they are; "
                   "a build with --corrections always runs, to report stale corrections)")
    b.add_argument("--store", metavar="DIR", help="also write the graph as a persistent Oxigraph store (for kg query "
                   "and kg serve on large graphs)")
    b.set_defaults(func=_cmd_build)

    q = sub.add_parser("query", help="run a read-only SPARQL query on a graph",
                       description="Run SPARQL on an exported graph: SELECT and ASK as a table, CSV or JSON, "
                       "CONSTRUCT and DESCRIBE as Turtle. Updates, SERVICE and FROM are refused before anything runs; "
                       "standard prefixes (pk, rdfs, skos, …) need no PREFIX line.")
    q.add_argument("graph", metavar="GRAPH", help="a graph file (Turtle, N-Triples or JSON-LD) or a store folder "
                   "(kg build --store)")
    q.add_argument("query", metavar="QUERY", help="SPARQL text, or the path of a .rq file")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="output format (default: %(default)s)")
    q.add_argument("--engine", choices=("oxigraph", "rdflib"), default="oxigraph",
                   help="query engine (default: %(default)s; rdflib for graph files only)")
    q.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="fill the query's VALUES ?NAME { … } block with VALUE (repeatable; <iri>, pk:name, "
                   "\"text\"@zh or plain text; the block's values are the defaults)")
    q.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                   help="stop the query after this many seconds (default: no limit; Ctrl-C always stops it)")
    q.set_defaults(func=_cmd_query)

    s = sub.add_parser("serve", help="serve a graph as a local read-only SPARQL endpoint",
                       description="Answer SPARQL queries over HTTP (SPARQL 1.1 protocol, at /sparql) on a graph "
                       "file or a store folder, for YASGUI, SPARQLWrapper or curl. Updates, SERVICE and FROM are "
                       "refused; each query runs in a worker process stopped at its time limit.")
    s.add_argument("graph", metavar="GRAPH_OR_STORE", help="a graph file or a store folder (kg build --store)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s, this machine only)")
    s.add_argument("--port", type=_port, default=7878, help="port (default: %(default)s; 0 picks a free one)")
    s.add_argument("--cors", action="append", metavar="ORIGIN", help="let browser pages from ORIGIN query it (e.g. a "
                   "hosted YASGUI; repeatable; '*' for any); other cross-origin requests are refused")
    s.add_argument("--timeout", type=_seconds, default=30.0, metavar="SECONDS",
                   help="stop a query after this many seconds (default: %(default)s)")
    s.add_argument("--workers", type=_positive_int, default=2, metavar="N",
                   help="queries answered at once, each in its own process holding the graph (default: %(default)s)")
    s.add_argument("--allow-remote", action="store_true",
                   help="allow --host to be an address other machines can reach")
    s.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="with --allow-remote: a Host name the endpoint answers to (repeatable; default: the --host "
                   "address and loopback names)")
    s.set_defaults(func=_cmd_serve)

    v = sub.add_parser("validate", help="check a graph against the SHACL shapes of the ontology",
                       description="Validate an exported graph (Turtle, N-Triples or JSON-LD) or a store folder "
                       "(kg build --store DIR) against ontology/shapes.ttl; print 'conforms' or a summary of the "
                       "violations. The shapes are compiled to SPARQL and run on Oxigraph; --engine pyshacl runs "
                       "the reference implementation instead (slow on large graphs).",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    v.add_argument("graph", metavar="GRAPH", help="a graph file (graph.ttl, graph.nt or graph.jsonld) or a store "
                   "folder written by kg build --store")
    v.add_argument("--engine", choices=("oxigraph", "pyshacl"), default="oxigraph",
                   help="oxigraph: shapes compiled to SPARQL (default); pyshacl: the reference engine")
    v.add_argument("--shapes", metavar="FILE",
                   help="SHACL shapes in Turtle (default: the installed ontology/shapes.ttl)")
    v.add_argument("--max-lines", type=_positive_int, default=20, metavar="N",
                   help="list at most N results, then their count (default: %(default)s)")
    v.set_defaults(func=_cmd_validate)

    r = sub.add_parser("review", help="list what to check first in a graph (inferred, low confidence, singletons, "
                       "near-duplicate names)",
                       description="Export candidates for a person to check first: inferred links, low-confidence "
                       "links, singleton entities and near-duplicate names. The action…note columns are for the "
                       "reviewer; kept lines make a corrections file for kg build --corrections.")
    r.add_argument("graph", metavar="GRAPH", help="a graph file (graph.ttl)")
    r.add_argument("--out", default="review.csv", metavar="FILE", help="output CSV ('-': stdout; default: %(default)s)")
    r.add_argument("--excel", action="store_true", help="start the CSV with a byte-order mark (for Excel)")
    r.set_defaults(func=_cmd_review)

    sm = sub.add_parser("sample", help="draw a stratified sample of entities and relations for hand-coding",
                        description="Write a coding sheet: entities (by type) and relations (by predicate) drawn "
                        "with a fixed seed, each with its sentence and document, and an empty 'judgement' column to "
                        "fill with correct, wrong_type, wrong_span or not_entity. Score it with kg agreement.")
    sm.add_argument("graph", metavar="GRAPH", help="a graph file (graph.ttl)")
    sm.add_argument("--n", type=_positive_int, default=100, metavar="N", help="items to draw (default: %(default)s)")
    sm.add_argument("--seed", type=int, default=1, help="random seed (default: %(default)s)")
    sm.add_argument("--out", default="coding.csv", metavar="FILE",
                    help="output CSV ('-': stdout; default: %(default)s)")
    sm.add_argument("--excel", action="store_true", help="start the CSV with a byte-order mark (for Excel)")
    sm.set_defaults(func=_cmd_sample)

    ag = sub.add_parser("agreement", help="precision per type and inter-coder agreement of coding sheets",
                        description="Precision per type (with a 95%% Wilson interval) from coded sheets, and "
                        "agreement between coders: Cohen's kappa for two sheets, Krippendorff's alpha (nominal) for "
                        "more. Sheets are matched on the 'item' column.")
    ag.add_argument("sheets", nargs="+", metavar="CODING.csv", help="coding sheet(s) from kg sample, filled in")
    ag.add_argument("--json", action="store_true", help="print JSON (keys: precision, kappa, alpha, items)")
    ag.set_defaults(func=_cmd_agreement)

    e = sub.add_parser("eval", help="score a graph against gold annotations",
                       description="Precision, recall and F1 per entity type and relation predicate against gold JSON "
                       "files (format: docs/gold-format.md).", epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    e.add_argument("graph", metavar="GRAPH", help="the exported graph (graph.ttl)")
    e.add_argument("gold", nargs="+", metavar="GOLD.json", help="gold annotation file(s)")
    e.add_argument("--min-f1", action="append", default=[], metavar="NAME=F1",
                   help="exit 1 unless NAME (a type, a predicate, core, relations) reaches F1 (repeatable)")
    e.add_argument("--show", action="store_true", help="list missed and spurious items")
    e.set_defaults(func=_cmd_eval)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kg`` console script."""
    parser = make_parser()
    a = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if a.debug else logging.WARNING, format="kg: %(message)s")
    if not getattr(a, "func", None):
        parser.print_help()
        return 2
    try:
        return a.func(a)
    except KGError as exc:
        if a.debug:
            raise
        from .query import printable

        print(f"kg: error: {printable(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        msg = "previous outputs are left as they were" if a.command == "build" else "stopped"
        print(f"kg: interrupted; {msg}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
