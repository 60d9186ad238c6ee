"""Read-only SPARQL over an exported graph.

``run_query`` refuses SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP …)
before anything is parsed, and turns parse errors into :class:`QueryError`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from .errors import InputError, QueryError

_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
_STRINGS_COMMENTS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')


@dataclass(frozen=True)
class QueryResult:
    """Variables and rows of a SELECT (or a single boolean for ASK)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    boolean: bool | None = None


def read_query(arg: str) -> str:
    """The query text: ``arg`` itself, or the content of the ``.rq`` file it names."""
    if arg.strip().endswith(".rq") or (len(arg) < 4096 and "\n" not in arg and Path(arg).is_file()):
        p = Path(arg.strip())
        if not p.is_file():
            raise InputError(f"query file not found: {arg}")
        return p.read_text(encoding="utf-8")
    return arg


def is_update(query: str) -> bool:
    """True when ``query`` is SPARQL Update (keywords outside strings, IRIs and comments)."""
    return bool(_UPDATE.search(_STRINGS_COMMENTS.sub(" ", query)))


def load_graph(path: str | Path) -> Graph:
    """Parse a Turtle (or N-Triples / JSON-LD by extension) file into an rdflib graph."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"graph file not found: {path}")
    g = Graph(bind_namespaces="none")
    fmt = {".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld"}.get(p.suffix.lower(), "turtle")
    try:
        g.parse(str(p), format=fmt)
    except Exception as exc:  # noqa: BLE001 - rdflib raises many kinds
        raise InputError(f"{path}: not a readable RDF graph ({exc.__class__.__name__}: {str(exc).splitlines()[0][:200]})") from None
    return g


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (URIRef, Literal)):
        return str(v)
    return str(v)


def run_query(graph: Graph, query: str) -> QueryResult:
    """Run a read-only query on ``graph``."""
    if is_update(query):
        raise QueryError("SPARQL Update is not allowed: kg query is read-only")
    try:
        res = graph.query(query)
    except Exception as exc:  # noqa: BLE001 - pyparsing and rdflib errors
        msg = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise QueryError(f"malformed SPARQL: {msg[:200]}") from None
    if res.type == "ASK":
        return QueryResult(("ask",), ((str(bool(res.askAnswer)).lower(),),), bool(res.askAnswer))
    if res.type != "SELECT":
        raise QueryError("only SELECT and ASK queries are supported")
    variables = tuple(str(v) for v in res.vars)
    rows = tuple(tuple(_cell(row[i]) for i in range(len(variables))) for row in res)
    return QueryResult(variables, rows)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render as an aligned ``table``, ``csv`` or ``json`` (SPARQL-results-like)."""
    if fmt == "json":
        if result.boolean is not None:
            return json.dumps({"head": {}, "boolean": result.boolean}, ensure_ascii=False, indent=1) + "\n"
        return json.dumps({"head": {"vars": list(result.variables)},
                           "results": {"bindings": [dict(zip(result.variables, r)) for r in result.rows]}},
                          ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(result.variables)
        w.writerows(result.rows)
        return buf.getvalue()
    widths = [max([_width(v)] + [_width(r[i]) for r in result.rows]) for i, v in enumerate(result.variables)]
    lines = ["  ".join(_pad(v, w) for v, w in zip(result.variables, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths)) for r in result.rows]
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _width(s: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))
