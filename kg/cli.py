"""The ``kg`` command line: a thin layer over :mod:`kg.api`.

Every user error becomes one line on stderr and a documented exit code
(see :mod:`kg.errors`); ``--debug`` shows tracebacks for bug reports.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from collections.abc import Sequence

from . import __version__
from .errors import KGError

log = logging.getLogger("kg")

EPILOG = """exit codes: 0 ok, 1 --min-f1 bound missed or graph does not conform, 2 usage error,
3 input error, 4 output error, 5 query error, 6 gold-file error, 7 file skipped under --strict"""


def _cmd_build(a: argparse.Namespace) -> int:
    from .api import build
    from .model import ENTITY_TYPES, PREDICATES

    globs = tuple(a.glob) if a.glob else None
    kwargs = {"globs": globs} if globs else {}
    progress = None
    if not a.quiet and sys.stderr.isatty():
        def progress(i: int, n: int) -> None:
            if n > 1:
                print(f"\r  {i}/{n} documents", end="" if i < n else "\n", file=sys.stderr, flush=True)
    r = build(a.paths or None, a.out, encoding=a.encoding, strict=a.strict, progress=progress, **kwargs)
    if a.quiet:
        return 0
    types = Counter(e.type for e in r.corpus.entities)
    preds = Counter(rel.predicate for rel in r.corpus.relations)
    src = ", ".join(a.paths) if a.paths else "the bundled sample"
    print(f"built {src}: {len(r.corpus.documents)} document(s), {len(r.corpus.entities)} entities, "
          f"{len(r.corpus.relations)} relations")
    print("entities:  " + ", ".join(f"{t} {types[t]}" for t in ENTITY_TYPES))
    print("relations: " + ", ".join(f"{p} {preds[p]}" for p in PREDICATES))
    if r.scores:
        print("most central (PageRank):")
        for s in r.scores[:5]:
            print(f"  {s.pagerank:.4f}  {s.label} ({s.type})")
    if r.skipped:
        print(f"skipped {len(r.skipped)} file(s):")
        for path, msg in r.skipped:
            print(f"  {msg}")
    print("wrote:")
    for name in sorted(r.files):
        print(f"  {r.files[name]}")
    return 0


def _cmd_query(a: argparse.Namespace) -> int:
    from .query import format_result, load_graph, read_query, run_query

    text = read_query(a.query)
    g = load_graph(a.graph)
    sys.stdout.write(format_result(run_query(g, text), a.format))
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
                       "documents and write graph.ttl (RDF), graph.html (interactive graph) and centrality.csv.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or folders (folders are searched recursively for *.txt, *.md, *.html, *.htm); "
                   "none: the bundled sample")
    b.add_argument("--out", default="output", metavar="DIR", help="output folder (default: %(default)s)")
    b.add_argument("--glob", action="append", metavar="PATTERN",
                   help="file pattern to take from folders (repeatable; replaces the defaults)")
    b.add_argument("--encoding", metavar="NAME", help="decode every input with this encoding (default: detect)")
    b.add_argument("--strict", action="store_true", help="fail on a file that cannot be read instead of skipping it")
    b.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    b.set_defaults(func=_cmd_build)

    q = sub.add_parser("query", help="run a read-only SPARQL query on a graph",
                       description="Run SPARQL (SELECT or ASK) on an exported graph. Updates are refused.")
    q.add_argument("graph", metavar="GRAPH", help="a graph file (Turtle, N-Triples or JSON-LD)")
    q.add_argument("query", metavar="QUERY", help="SPARQL text, or the path of a .rq file")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format (default: %(default)s)")
    q.set_defaults(func=_cmd_query)

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
        print(f"kg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted; previous outputs are left as they were", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
