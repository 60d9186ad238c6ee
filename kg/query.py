"""Read-only SPARQL over an exported graph: checked before it runs, parameters bound safely.

:func:`prepare` parses a query (rdflib's SPARQL parser) and decides by its
parsed *form* — not by keywords — whether it is a query (SELECT, ASK,
CONSTRUCT, DESCRIBE) or an update, which is refused. It also refuses every
way a query could reach beyond the local graph: ``SERVICE`` (federation) and
``FROM`` / ``FROM NAMED`` (which rdflib would fetch from the web). ``LOAD`` is
an update and refused with the others. The standard prefixes
(:data:`STANDARD_PREFIXES`) are declared for a query that leaves them out.
Parameters (``--param name=value``) fill a ``VALUES ?name { … }`` block of the
query with terms written by Oxigraph's own serialiser (never spliced raw).
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from rdflib import Graph
from rdflib.query import ResultRow

from .errors import InputError, QueryError

#: Prefixes a query may use without declaring them.
STANDARD_PREFIXES: dict[str, str] = {
    "pk": "https://w3id.org/policy-kg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "time": "http://www.w3.org/2006/time#",
    "org": "http://www.w3.org/ns/org#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
}
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

READ_ONLY = "SPARQL Update is not allowed: the graph is read-only"
NO_SERVICE = "SERVICE (federated query) is not allowed: only the local graph is queried"
NO_FROM = "FROM / FROM NAMED is not allowed: only the local graph is queried (its data is not fetched from elsewhere)"

# strings, IRIs and comments (their text is never SPARQL syntax)
_OPAQUE = r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s"{}|^`\\]*>|#[^\n]*'
_SERVICE_WORD = re.compile(rf"(?P<skip>{_OPAQUE})|(?<![\w?$:])SERVICE(?![\w:])", re.IGNORECASE)
_VALUES_HEAD = re.compile(
    rf"(?P<skip>{_OPAQUE})|(?<![\w?$:])VALUES\s*(?:(?P<one>[?$][\w]+)|\((?P<many>(?:\s*[?$][\w]+)*)\s*\))\s*\{{",
    re.IGNORECASE)
_CLOSE = re.compile(rf"(?P<skip>{_OPAQUE})|\}}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class QueryResult:
    """Variables and rows of a SELECT, a boolean for ASK, or Turtle text for CONSTRUCT / DESCRIBE."""

    variables: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    boolean: bool | None = None
    graph: str | None = None


@dataclass(frozen=True)
class Prepared:
    """A query checked to be read-only and local: its text, form and the standard prefixes it leaves out."""

    text: str
    form: str  # SELECT, ASK, CONSTRUCT, DESCRIBE, or "" when only the engine's parser could read it
    prefixes: dict[str, str] = field(default_factory=dict)


def read_query(arg: str) -> str:
    """The query text: ``arg`` itself, or the content of the ``.rq`` file it names."""
    if arg.strip().endswith(".rq") or (len(arg) < 4096 and "\n" not in arg and Path(arg).is_file()):
        p = Path(arg.strip())
        if not p.is_file():
            raise InputError(f"query file not found: {arg}")
        try:
            return p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the query file {arg}: {getattr(exc, 'strerror', None) or exc}") from None
    return arg


def _walk(node) -> Iterable[object]:
    """Every node of an rdflib parse tree (CompValue, ParseResults, lists), iteratively."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, CompValue):
            stack.extend(v for v in n.values())
        elif isinstance(n, (ParseResults, list, tuple)):
            stack.extend(n)


def _position(exc) -> str:
    line, col = getattr(exc, "lineno", None), getattr(exc, "col", None)
    return f"line {line}, column {col}" if line else ""


def parse_error(message: str) -> str:
    """A parser's message as one plain line (Oxigraph's ``error at L:C: …`` reads as ``line L, column C: …``)."""
    first = (message or "").strip().splitlines()[0] if (message or "").strip() else "cannot parse the query"
    m = re.match(r"error at (\d+):(\d+): (.*)", first)
    if m:
        first = f"line {m.group(1)}, column {m.group(2)}: {m.group(3)}"
    return "malformed SPARQL at " + first if m else "malformed SPARQL: " + first


def _parses(parser, text: str) -> bool:
    """True when ``parser`` reads ``text`` without an error."""
    try:
        parser(text)
    except Exception:  # noqa: BLE001 - pyparsing and rdflib raise many kinds
        return False
    return True


def prepare(query: str) -> Prepared:
    """Check ``query`` before anything runs: a query form (not an update), no SERVICE, no FROM.

    A text rdflib's parser cannot read is left to the engine's parser (Oxigraph reads some
    SPARQL 1.2 that rdflib does not), but still refused when it holds the word ``SERVICE``
    outside strings, IRIs and comments.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        tree = parseQuery(query)
    except (ParseException, RecursionError, ValueError, TypeError, AttributeError):
        if _parses(parseUpdate, query):
            raise QueryError(READ_ONLY) from None
        if any(m.group("skip") is None for m in _SERVICE_WORD.finditer(query)):
            raise QueryError(NO_SERVICE) from None
        return Prepared(query, "", dict(STANDARD_PREFIXES))
    declared: set[str] = set()
    for n in _walk(tree):
        if isinstance(n, CompValue):
            if n.name == "ServiceGraphPattern":
                raise QueryError(NO_SERVICE)
            if n.name == "DatasetClause":
                raise QueryError(NO_FROM)
            if n.name == "PrefixDecl":
                declared.add(str(n.get("prefix") or ""))
    form = tree[1].name.replace("Query", "").upper()
    missing = {k: v for k, v in STANDARD_PREFIXES.items() if k not in declared}
    return Prepared(query, form, missing)


def is_update(query: str) -> bool:
    """True when ``query`` parses as SPARQL Update and not as a query (decided by parsing, not by words)."""
    try:
        prepare(query)
    except QueryError as exc:
        return str(exc) == READ_ONLY
    return False


# ---------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------


def parse_params(items: Sequence[str]) -> dict[str, list[str]]:
    """``["name=value", …]`` → name → values (a name may repeat: one VALUES row each)."""
    out: dict[str, list[str]] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"[A-Za-z_][\w]*", name):
            raise QueryError(f"--param takes NAME=VALUE with NAME a variable name (got {item!r})")
        out.setdefault(name, []).append(value)
    return out


def term(value: str) -> str:
    """A value as one SPARQL term, written by Oxigraph's serialiser (never spliced raw).

    ``<iri>`` or ``pk:name`` (a standard prefix) → an IRI; ``"text"@zh`` → a
    language-tagged string; anything else → a plain string of exactly that text.
    """
    import pyoxigraph as ox

    try:
        if len(value) > 2 and value.startswith("<") and value.endswith(">"):
            return str(ox.NamedNode(value[1:-1]))
        prefix, sep, local = value.partition(":")
        if sep and prefix in STANDARD_PREFIXES and re.fullmatch(r"[A-Za-z_][\w.-]*", local):
            return str(ox.NamedNode(STANDARD_PREFIXES[prefix] + local))
        m = re.fullmatch(r'"(.*)"@([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)', value, re.DOTALL)
        if m:
            return str(ox.Literal(m.group(1), language=m.group(2)))
        return str(ox.Literal(value))
    except ValueError as exc:
        raise QueryError(f"--param value {value!r} is not a valid term: {exc}") from None


def bind_params(query: str, params: Mapping[str, Sequence[str]]) -> str:
    """The query with each parameter's ``VALUES ?name { … }`` block holding the given values.

    The block's values in the file are the defaults; a block of several variables
    (``VALUES (?s ?p ?o)``) takes one row per position when all of them are given.
    """
    if not params:
        return query
    out: list[str] = []
    pos, used = 0, set()
    for m in _VALUES_HEAD.finditer(query):
        if m.group("skip") is not None:
            continue
        names = [m.group("one")[1:]] if m.group("one") else [v[1:] for v in (m.group("many") or "").split()]
        given = [n for n in names if n in params]
        if not given:
            continue
        if len(given) != len(names) or len({len(params[n]) for n in names}) != 1:
            raise QueryError(f"VALUES ({' '.join('?' + n for n in names)}) needs all of its variables, "
                             "each given the same number of times")
        close = next((c for c in _CLOSE.finditer(query, m.end()) if c.group("skip") is None), None)
        if close is None:
            break
        rows = zip(*(params[n] for n in names), strict=True)
        body = " ".join(("(" + " ".join(term(v) for v in row) + ")") if m.group("many") is not None
                        else term(row[0]) for row in rows)
        out.append(query[pos:m.end()] + " " + body + " ")
        pos = close.start()
        used.update(names)
    out.append(query[pos:])
    missing = sorted(set(params) - used)
    if missing:
        raise QueryError(f"the query has no VALUES ?{missing[0]} {{ … }} block for --param {missing[0]} "
                         f"(write one where the value is used; its values are the defaults)")
    return "".join(out)


# ---------------------------------------------------------------------------
# Graphs and the rdflib engine
# ---------------------------------------------------------------------------


def check_rdfxml(path: str | Path) -> None:
    """Refuse an RDF/XML file that declares entities (the 'billion laughs' expansion), before any RDF parser sees it."""
    import xml.parsers.expat

    class _Stop(Exception):
        pass

    def entity(*_args) -> None:
        raise QueryError(f"{path}: RDF/XML with entity declarations (<!ENTITY>) is refused")

    def start(*_args) -> None:
        raise _Stop

    parser = xml.parsers.expat.ParserCreate()
    parser.EntityDeclHandler = entity
    parser.StartElementHandler = start
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 16):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _Stop:
        return
    except xml.parsers.expat.ExpatError as exc:
        raise InputError(f"{path}: not well-formed RDF/XML ({exc})") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def load_graph(path: str | Path) -> Graph:
    """Parse a Turtle (or N-Triples / JSON-LD / RDF/XML by extension) file into an rdflib graph."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"graph file not found: {path}")
    fmt = {".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".xml": "xml",
           ".owl": "xml"}.get(p.suffix.lower(), "turtle")
    if fmt == "xml":
        check_rdfxml(p)
    g = Graph(bind_namespaces="none")
    try:
        g.parse(str(p), format=fmt)
    except Exception as exc:  # noqa: BLE001 - rdflib raises many kinds
        raise InputError(f"{path}: not a readable RDF graph ({exc.__class__.__name__}: "
                         f"{str(exc).splitlines()[0][:200] if str(exc) else ''})") from None
    return g


def _cell(v: object) -> str:
    return "" if v is None else str(v)


def run_query(graph: Graph, query: str | Prepared) -> QueryResult:
    """Run a read-only query on an rdflib ``graph`` (checked by :func:`prepare` first)."""
    from pyparsing import ParseException

    prep = query if isinstance(query, Prepared) else prepare(query)
    try:
        res = graph.query(prep.text, initNs=prep.prefixes)
    except ParseException as exc:
        raise QueryError(f"malformed SPARQL at {_position(exc)}: {exc.msg}") from None
    except Exception as exc:  # noqa: BLE001 - rdflib evaluation errors
        msg = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise QueryError(f"query failed: {msg[:300]}") from None
    if res.type == "ASK":
        return QueryResult(("ask",), ((str(bool(res.askAnswer)).lower(),),), bool(res.askAnswer))
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        g = Graph(bind_namespaces="none")
        for k, v in STANDARD_PREFIXES.items():
            g.bind(k, v)
        for t in sorted(res.graph or (), key=lambda t: tuple(x.n3() for x in t)):
            g.add(t)
        return QueryResult((), (), None, g.serialize(format="turtle"))
    variables = tuple(str(v) for v in res.vars or ())
    try:
        rows = tuple(tuple(_cell(row[i]) for i in range(len(variables))) for row in cast(Iterable[ResultRow], res))
    except Exception as exc:  # noqa: BLE001 - evaluation errors surface while iterating
        msg = str(exc).splitlines()[0][:300] if str(exc) else exc.__class__.__name__
        raise QueryError(f"query failed: {msg}") from None
    return QueryResult(variables, rows)


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def printable(s: str) -> str:
    """``s`` safe to print on a terminal: control, bidi and line-separator characters shown as ``\\xNN`` /
    ``\\uNNNN``."""
    if not _CONTROL.search(s):
        return s
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100
                        else f"\\u{ord(m.group(0)):04x}", s)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render as an aligned ``table``, ``csv`` or ``json`` (SPARQL-results-like); a graph result is Turtle."""
    if result.graph is not None:
        return result.graph if fmt != "table" else printable_lines(result.graph)
    if fmt == "json":
        if result.boolean is not None:
            return json.dumps({"head": {}, "boolean": result.boolean}, ensure_ascii=False, indent=1) + "\n"
        return json.dumps({"head": {"vars": list(result.variables)},
                           "results": {"bindings": [dict(zip(result.variables, r, strict=True)) for r in result.rows]}},
                          ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(result.variables)
        w.writerows(result.rows)
        return buf.getvalue()
    heads = [printable(v) for v in result.variables]
    rows = [[printable(c) for c in r] for r in result.rows]
    widths = [max([_width(v)] + [_width(r[i]) for r in rows]) for i, v in enumerate(heads)]
    lines = ["  ".join(_pad(v, w) for v, w in zip(heads, widths, strict=True)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def printable_lines(text: str) -> str:
    """Text whose lines are kept but whose other control characters are escaped (:func:`printable`)."""
    return "\n".join(printable(line) for line in text.split("\n"))


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))
