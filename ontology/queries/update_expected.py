"""Run the SPARQL cookbook on the bundled sample and refresh the expected answers.

Usage (from the repository root, with the project installed)::

    python ontology/queries/update_expected.py            # refresh every NAME.expected.json
    python ontology/queries/update_expected.py timeline   # only these queries
    python ontology/queries/update_expected.py --check    # write nothing; exit 1 if a file would change

Each query runs in rdflib and in Oxigraph (pyoxigraph) on the graph of
``kg/data/sample.txt``; the two engines must give the same rows. Cells are
compared as strings (IRIs as the IRI, literals as their lexical form, numbers
in canonical form), so the answers do not depend on the engine.

An expected file is ``{"query", "variables", "rows", "optional"?, "xfail"?, "note"?}``:
``rows`` must all be in the answer, ``optional`` rows may be (a gold item marked
optional); a ``null`` cell matches any value (a confidence a hand-written row
cannot know). ``xfail`` marks rows written by hand from the text because the
current extractor gets the answer wrong: the script keeps those rows, and drops
the ``xfail`` mark once the extractor's answer matches them. Every other file is
rewritten with the current answer — review the diff (``git diff ontology/queries``)
before committing it: an expected answer must be right for the sample's text.
``--accept NAME`` takes the current answer for an ``xfail`` query too.

``tests/test_cookbook.py`` imports this file for :func:`run_rdflib`,
:func:`run_oxigraph` and :func:`compare`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

QUERIES_DIR = Path(__file__).resolve().parent
XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                    "positiveInteger", "nonPositiveInteger", "negativeInteger",
                                    "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
_DECIMAL_TYPES = {XSD + "decimal", XSD + "double", XSD + "float"}

Row = tuple[str, ...]


# ---------------------------------------------------------------------------
# Queries and their answers as strings
# ---------------------------------------------------------------------------


def query_files(directory: Path = QUERIES_DIR) -> list[Path]:
    """The cookbook's ``.rq`` files, sorted by name."""
    return sorted(directory.glob("*.rq"))


def expected_path(rq: Path) -> Path:
    """``NAME.expected.json`` beside ``NAME.rq``."""
    return rq.with_name(rq.stem + ".expected.json")


def normalise(lexical: str, datatype: str | None) -> str:
    """The string a cell is compared by: numbers in canonical form, everything else as written."""
    if datatype in _INTEGER_TYPES:
        try:
            return str(int(lexical))
        except ValueError:
            return lexical
    if datatype in _DECIMAL_TYPES:
        try:
            d = Decimal(lexical.strip())
        except InvalidOperation:
            return lexical
        if not d.is_finite():
            return lexical
        s = format(d.normalize(), "f")
        return s if s != "-0" else "0"
    return lexical


def _rdflib_cell(term) -> str:
    from rdflib import BNode, Literal

    if term is None:
        return ""
    if isinstance(term, Literal):
        return normalise(str(term), str(term.datatype) if term.datatype is not None else None)
    if isinstance(term, BNode):
        return "_:" + str(term)
    return str(term)


def _oxigraph_cell(term) -> str:
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return normalise(term.value, term.datatype.value if term.datatype is not None else None)
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value


def rdflib_graph(turtle: str):
    """An rdflib graph of ``turtle`` with no namespace bindings, so a query must declare its prefixes.

    (rdflib passes a graph's bindings to every query as initial namespaces, and
    parsing Turtle binds the file's prefixes; copying the triples drops them.)
    """
    from rdflib import Graph

    parsed = Graph(bind_namespaces="none")
    parsed.parse(data=turtle, format="turtle")
    g = Graph(bind_namespaces="none")
    for t in parsed:
        g.add(t)
    return g


def oxigraph_store(turtle: str):
    """An in-memory Oxigraph store of ``turtle``."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    return store


def run_rdflib(graph, query: str) -> tuple[tuple[str, ...], list[Row]]:
    """Variables and rows (as strings) of a SELECT in rdflib."""
    res = graph.query(query)
    variables = tuple(str(v) for v in res.vars)
    return variables, [tuple(_rdflib_cell(row[i]) for i in range(len(variables))) for row in res]


def run_oxigraph(store, query: str) -> tuple[tuple[str, ...], list[Row]]:
    """Variables and rows (as strings) of a SELECT in Oxigraph."""
    res = store.query(query)
    variables = tuple(v.value for v in res.variables)
    return variables, [tuple(_oxigraph_cell(sol[i]) for i in range(len(variables))) for sol in res]


def sample_turtle(pipeline=None) -> str:
    """The Turtle of the bundled sample, built as ``kg build`` builds it."""
    from kg.api import build

    return build(out_dir=None, pipeline=pipeline).turtle


# ---------------------------------------------------------------------------
# Comparing an answer with an expected file
# ---------------------------------------------------------------------------


def _matches(pattern: list, row: Row) -> bool:
    return len(pattern) == len(row) and all(p is None or p == c for p, c in zip(pattern, row))


def _alternatives(entry: list | dict) -> list[list]:
    """An expected entry is a row, or ``{"any_of": [row, …]}`` when the right answer has variants."""
    return entry["any_of"] if isinstance(entry, dict) else [entry]


def compare(expected: dict, rows: list[Row]) -> tuple[list, list[Row]]:
    """(expected entries missing from ``rows``, rows that match no expected or optional entry)."""
    required = expected.get("rows", [])
    patterns = [p for entry in required + expected.get("optional", []) for p in _alternatives(entry)]
    missing = [entry for entry in required
               if not any(_matches(p, r) for p in _alternatives(entry) for r in rows)]
    unexpected = sorted({r for r in rows if not any(_matches(p, r) for p in patterns)})
    return missing, unexpected


def _row_key(entry: list | dict) -> tuple:
    first = _alternatives(entry)[0]
    return tuple((c is not None, c or "") for c in first)


def sort_rows(rows) -> list:
    """Entries deduplicated and sorted (rows as lists; ``null`` cells first; ``any_of`` by its first row)."""
    unique = {json.dumps(r, ensure_ascii=False, sort_keys=True): r for r in rows}
    return [list(r) if isinstance(r, tuple) else r for r in sorted(unique.values(), key=_row_key)]


def dumps(expected: dict) -> str:
    """An expected file's text: one row per line, keys in a fixed order, so diffs are readable."""
    out = ["{"]
    keys = [k for k in ("query", "variables", "xfail", "note") if k in expected]
    for k in keys:
        out.append(f" {json.dumps(k)}: {json.dumps(expected[k], ensure_ascii=False)},")
    for k in ("rows", "optional"):
        if k not in expected or (k == "optional" and not expected[k]):
            continue
        rows = sort_rows(expected[k])
        if not rows:
            out.append(f' "{k}": [],')
            continue
        out.append(f' "{k}": [')
        out.extend(f"  {json.dumps(r, ensure_ascii=False)}," for r in rows)
        out[-1] = out[-1].rstrip(",")
        out.append(" ],")
    out[-1] = out[-1].rstrip(",")
    out.append("}")
    return "\n".join(out) + "\n"


def load_expected(rq: Path) -> dict | None:
    """The expected answer of ``rq``, or ``None`` when it has none yet."""
    p = expected_path(rq)
    return json.loads(p.read_text(encoding="utf-8")) if p.is_file() else None


# ---------------------------------------------------------------------------
# Prefix check (also used by the tests)
# ---------------------------------------------------------------------------

_STRINGS_IRIS_COMMENTS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')
_PREFIX_DECL = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:\s*<[^>]*>", re.IGNORECASE | re.MULTILINE)
_PREFIXED = re.compile(r"(?<![\w?$:])([A-Za-z][\w.-]*)?:(?=[A-Za-z_(0-9])")


def declared_prefixes(query: str) -> set[str]:
    """Prefixes declared with ``PREFIX p: <…>``."""
    return {m.group(1) or "" for m in _PREFIX_DECL.finditer(query)}


def used_prefixes(query: str) -> set[str]:
    """Prefixes used in prefixed names (outside strings, IRIs, comments and PREFIX lines)."""
    body = _PREFIX_DECL.sub(" ", query)
    body = _STRINGS_IRIS_COMMENTS.sub(" ", body)
    return {m.group(1) or "" for m in _PREFIXED.finditer(body)}


# ---------------------------------------------------------------------------
# The script
# ---------------------------------------------------------------------------


def answer(rq: Path, graph, store) -> tuple[tuple[str, ...], list[Row]]:
    """The query's variables and rows; raises when rdflib and Oxigraph disagree."""
    text = rq.read_text(encoding="utf-8")
    v1, r1 = run_rdflib(graph, text)
    v2, r2 = run_oxigraph(store, text)
    if v1 != v2 or sorted(r1) != sorted(r2):
        only1 = sorted(set(r1) - set(r2))[:5]
        only2 = sorted(set(r2) - set(r1))[:5]
        raise RuntimeError(f"{rq.name}: rdflib and Oxigraph disagree (variables {v1} / {v2}; "
                           f"only rdflib: {only1}; only Oxigraph: {only2})")
    return v1, r1


def update(rq: Path, graph, store, *, accept: bool = False, check: bool = False) -> str | None:
    """Refresh one expected file; a line saying what changed, or ``None`` when nothing did."""
    variables, rows = answer(rq, graph, store)
    old = load_expected(rq)
    same_variables = old is not None and list(variables) == old.get("variables")
    missing, unexpected = compare(old, rows) if same_variables else ([], [])
    holds = same_variables and not missing and not unexpected
    if old is not None and old.get("xfail") and (holds or not accept):
        if not holds:
            return None  # keep the hand-checked answer until the extractor gives it
        new = {k: v for k, v in old.items() if k != "xfail"}
        msg = f"{rq.stem}: the extractor now gives the hand-checked answer; xfail removed"
    elif holds:
        return None  # the expected answer (variants and optional rows included) still holds
    else:
        new = {"query": rq.name, "variables": list(variables), "rows": sort_rows(rows)}
        if old is None:
            msg = f"{rq.stem}: new ({len(new['rows'])} rows)"
        else:
            gone, added = compare({"rows": old.get("rows", [])}, rows)
            msg = f"{rq.stem}: {len(gone)} row(s) gone, {len(added)} new — review the diff"
    if not check:
        expected_path(rq).write_text(dumps(new), encoding="utf-8")
    return msg


def main(argv: list[str] | None = None) -> int:
    """Command line: refresh (or ``--check``) the expected answers of the named queries (default: all)."""
    ap = argparse.ArgumentParser(description="Refresh the cookbook's expected answers on the bundled sample.")
    ap.add_argument("names", nargs="*", metavar="NAME", help="query names (file stems); default: every query")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 when a file would change")
    ap.add_argument("--accept", action="store_true",
                    help="take the current answer even for queries marked xfail (after checking it by hand)")
    a = ap.parse_args(argv)
    files = query_files()
    if a.names:
        by_name = {f.stem: f for f in files}
        unknown = [n for n in a.names if n not in by_name]
        if unknown:
            ap.error(f"no such query: {', '.join(unknown)} (have {', '.join(sorted(by_name))})")
        files = [by_name[n] for n in a.names]
    ttl = sample_turtle()
    graph, store = rdflib_graph(ttl), oxigraph_store(ttl)
    changed = 0
    for rq in files:
        msg = update(rq, graph, store, accept=a.accept, check=a.check)
        if msg:
            changed += 1
            print(msg)
        else:
            old = load_expected(rq) or {}
            if old.get("xfail"):
                missing, unexpected = compare(old, answer(rq, graph, store)[1])
                print(f"{rq.stem}: still xfail, {len(missing)} expected row(s) missing, {len(unexpected)} unexpected "
                      f"({old['xfail']})")
    print(f"{changed} expected file(s) {'would change' if a.check else 'changed'}")
    return 1 if a.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
