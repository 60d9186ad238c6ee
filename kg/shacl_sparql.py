"""SHACL shapes compiled to SPARQL, run on Oxigraph: validation at corpus scale.

pySHACL walks every focus node in Python (417k triples took six minutes).
This module reads the shapes graph once and turns each constraint into SPARQL
that Oxigraph evaluates in one pass over the data:

* the focus nodes of a shape are one graph pattern (its targets, with
  ``rdfs:subClassOf*`` in the data resolved before the queries are written);
* the constraints that judge one focus node (``sh:minCount``, ``sh:maxCount``,
  ``sh:hasValue`` of a property shape, and every constraint of a node shape)
  become boolean expressions bound side by side in one query per shape;
* the constraints that judge each value of a property shape (``sh:class``,
  ``sh:datatype``, ``sh:in``, ``sh:or`` …) become expressions on ``?value`` in
  one query per property shape;
* ``sh:lessThan``/``sh:lessThanOrEquals`` (a result per pair of values) and
  SPARQL constraints (``sh:sparql`` with ``$this``) get a query of their own.

Nested shapes (``sh:node``, ``sh:or``, ``sh:xone``, ``sh:and``, ``sh:not``)
become conformance expressions inside those queries. Every result carries the
shape, the constraint component, the focus node, the path and the value, as a
pySHACL report does. A shape using anything outside this SHACL Core subset is
refused with :class:`UnsupportedShape` (one line naming the shape and the
feature), so a new kind of rule can never be skipped silently.

The work is split in four modules; this one keeps every public name and runs the queries:
:mod:`kg.shacl_terms` (the SHACL subset, checks, queries, results, terms and paths, reading shapes),
:mod:`kg.shacl_compile` (the :class:`Compiler`), :mod:`kg.shacl_select` (rewriting ``sh:select``)
and this module (:func:`subclass_closure`, :func:`run`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import cast

import pyoxigraph as ox
from rdflib.namespace import RDFS

from .errors import InputError
from .shacl_compile import Compiler, compile_shapes
from .shacl_select import inject_focus, mask, not_exists_to_minus
from .shacl_terms import (
    CASTABLE,
    COMPONENT,
    FOCUS_PARAMS,
    MAX_INLINE_COUNT,
    NODE_KINDS,
    OTHER_PARAMS,
    PAIR_PARAMS,
    SPARQL_CONSTRAINT_PARAMS,
    VALUE_PARAMS,
    Check,
    Query,
    Result,
    UnsupportedShape,
    shape_nodes,
    sparql_path,
    term,
)

__all__ = [
    "CASTABLE", "COMPONENT", "FOCUS_PARAMS", "MAX_INLINE_COUNT", "NODE_KINDS", "OTHER_PARAMS", "PAIR_PARAMS",
    "SPARQL_CONSTRAINT_PARAMS", "VALUE_PARAMS", "Check", "Compiler", "Query", "Result", "UnsupportedShape",
    "compile_shapes", "inject_focus", "mask", "not_exists_to_minus", "run", "shape_nodes", "sparql_path",
    "subclass_closure", "term",
]


def subclass_closure(store: ox.Store) -> dict[str, set[str]]:
    """Each class of the data with a subclass → its subclasses (``rdfs:subClassOf+``)."""
    out: dict[str, set[str]] = {}
    q = f"SELECT ?sub ?sup WHERE {{ ?sub <{RDFS.subClassOf}>+ ?sup }}"
    for row in cast(ox.QuerySolutions, store.query(q)):
        sub, sup = row["sub"], row["sup"]
        if isinstance(sub, ox.NamedNode) and isinstance(sup, ox.NamedNode):
            out.setdefault(sup.value, set()).add(sub.value)
    return out


def _text(t: object) -> str:
    """How a message template shows a term (as pySHACL: the IRI or the lexical form)."""
    return getattr(t, "value", str(t))


def _replacement(shown: str) -> Callable[[re.Match[str]], str]:
    """A replacement function for :func:`re.sub` giving ``shown`` as written (no backslash escapes read)."""
    return lambda _m: shown


def _fill(messages: tuple[str, ...], row: Mapping[str, object]) -> tuple[str, ...]:
    """Message templates ``{?var}`` / ``{$var}`` filled from a SPARQL constraint's row."""
    out = []
    for msg in messages:
        for var, val in row.items():
            if val is not None:
                msg = re.sub(r"\{[?$]" + re.escape(var) + r"\}", _replacement(_text(val)), msg)
        out.append(msg)
    return tuple(out)


def run(store: ox.Store, queries: Iterable[Query]) -> Iterator[Result]:
    """Every validation result of ``queries`` on ``store`` (a query that cannot run is one clear error)."""
    for q in queries:
        try:
            results = list(_results(store, q))
        except (SyntaxError, OSError, RuntimeError, ValueError) as exc:  # a malformed sh:select, a store error
            where = q.checks[0].constraint or q.checks[0].shape
            msg = str(exc).splitlines()[0][:200] if str(exc) else exc.__class__.__name__
            raise InputError(f"cannot run the SPARQL compiled for {where}: {msg}") from None
        yield from results


def _results(store: ox.Store, q: Query) -> Iterator[Result]:
    """The results of one query."""
    solutions = cast(ox.QuerySolutions, store.query(q.text))
    if q.kind == "flags":
        names = [f"c{i}" for i in range(len(q.checks))]
        for sol in solutions:
            focus = sol["this"]
            value = sol["value"] if q.has_value else None
            for name, check in zip(names, q.checks, strict=True):
                flag = sol[name]
                if flag is not None and flag.value == "true":
                    yield Result(check, focus, focus if check.value_is_focus else value, check.path,
                                 check.messages)
    elif q.kind == "rows":
        check = q.checks[0]
        for sol in solutions:
            focus = sol["this"]
            value = sol["value"] if q.has_value else None
            yield Result(check, focus, focus if check.value_is_focus and value is None else value,
                         check.path, check.messages)
    else:
        check = q.checks[0]
        variables = [v.value for v in solutions.variables]
        for sol in solutions:
            row = {name: sol[name] for name in variables}
            focus = row.get("this")
            value = row.get("value")
            path = row.get("path")
            if value is None and check.value_is_focus:
                value = focus
            shown = path.value if isinstance(path, ox.NamedNode) else ("(a path)" if path is not None
                                                                       else check.path)
            yield Result(check, focus, value, shown, _fill(check.messages, row))
