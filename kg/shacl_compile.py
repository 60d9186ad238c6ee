"""The SHACL → SPARQL compiler: each shape's constraints as expressions in a few SELECT queries.

Part of :mod:`kg.shacl_sparql` (which re-exports :class:`Compiler` and :func:`compile_shapes`); the
module docstring there says how shapes become queries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import cast

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from .shacl_select import inject_focus
from .shacl_terms import (
    CASTABLE,
    COMPONENT,
    FOCUS_PARAMS,
    MAX_INLINE_COUNT,
    NODE_KINDS,
    PAIR_PARAMS,
    RDF_TYPE,
    SH_NS,
    SPARQL_CONSTRAINT_PARAMS,
    VALUE_PARAMS,
    Check,
    Names,
    Query,
    UnsupportedShape,
    int_value,
    iri,
    is_deactivated,
    local_name,
    rdf_list,
    shape_name,
    shape_nodes,
    shape_params,
    sparql_path,
    string_literal,
    term,
)

#: The value constraints that :meth:`Compiler.logical_bad` writes (the rest are :meth:`Compiler.literal_bad`'s).
_LOGICAL = frozenset({"node", "or", "and", "xone", "not", "disjoint", "equals"})


@dataclass
class Compiler:
    """Compiles one shapes graph; ``subclasses`` maps a class IRI to itself and its subclasses in the data."""

    g: Graph
    subclasses: Mapping[str, Iterable[str]] = field(default_factory=dict)
    names: Names = field(default_factory=Names)
    _probe: ox.Store = field(default_factory=ox.Store)

    # -- helpers ------------------------------------------------------------

    def classes(self, c: Node, where: str) -> list[str]:
        """``c`` and its subclasses in the data, as SPARQL IRIs."""
        if not isinstance(c, URIRef):
            raise UnsupportedShape(f"{where}: a class must be an IRI")
        return sorted({iri(c), *(iri(URIRef(s)) for s in self.subclasses.get(str(c), ()))})

    def is_instance(self, v: str, c: Node, where: str) -> str:
        """An expression: ``v`` is a SHACL instance of ``c``."""
        cls = self.classes(c, where)
        if len(cls) == 1:
            return f"EXISTS {{ {v} {RDF_TYPE} {cls[0]} }}"
        t = self.names("t")
        return f"EXISTS {{ VALUES {t} {{ {' '.join(cls)} }} {v} {RDF_TYPE} {t} }}"

    def check_regex(self, pattern: str, flags: str, where: str) -> None:
        """Refuse a pattern Oxigraph's regular expressions cannot compile (it would fail every value)."""
        q = f"SELECT (COALESCE(REGEX(\"\", {string_literal(pattern)}, {string_literal(flags)}), \"bad\") AS ?r) {{}}"
        try:
            ok = next(iter(cast(ox.QuerySolutions, self._probe.query(q))))[0].value != "bad"
        except (SyntaxError, ValueError, OSError):
            ok = False
        if not ok:
            raise UnsupportedShape(f"{where}: sh:pattern {pattern!r} is not a regular expression Oxigraph supports")

    def messages(self, shape: Node) -> tuple[str, ...]:
        return tuple(sorted({str(m) for m in self.g.objects(shape, SH.message)}))

    def severity(self, shape: Node) -> str:
        return str(self.g.value(shape, SH.severity) or SH.Violation)

    def path_of(self, shape: Node) -> tuple[str, str]:
        """(SPARQL path, path as reported) of a property shape."""
        p = self.g.value(shape, SH.path)
        if p is None:  # pragma: no cover - only shapes with a sh:path get here
            raise UnsupportedShape(f"shape {shape_name(shape)} has no sh:path")
        shown = str(p) if isinstance(p, URIRef) else "(a path)"
        return sparql_path(self.g, p, f"shape {shape_name(shape)}"), shown

    # -- expressions --------------------------------------------------------

    def value_bad(self, shape: Node, name: str, arg: Node, f: str, v: str, stack: tuple[Node, ...]) -> str:
        """An expression (never an error) true when value ``v`` of focus ``f`` breaks one value constraint."""
        where = f"shape {shape_name(shape)}, sh:{name}"
        if name == "nodeKind":
            kind = local_name(arg) if str(arg).startswith(SH_NS) else ""
            if kind not in NODE_KINDS:
                raise UnsupportedShape(f"{where}: unknown node kind {arg}")
            return "!" + NODE_KINDS[kind].format(v=v)
        if name == "class":
            return "!" + self.is_instance(v, arg, where)
        if name in _LOGICAL:
            return self.logical_bad(name, arg, f, v, stack, where)
        return self.literal_bad(shape, name, arg, v, where)

    def literal_bad(self, shape: Node, name: str, arg: Node, v: str, where: str) -> str:
        """:meth:`value_bad` for a value's form: datatype, sh:in, language, length, pattern, range."""
        if name == "datatype":
            if arg == RDFS.Literal:
                return f"!isLiteral({v})"
            ok = f"isLiteral({v}) && sameTerm(DATATYPE({v}), {term(arg, where)})"
            if str(arg) in CASTABLE:
                ok += f" && isLiteral({iri(arg)}(STR({v})))"
            return f"!COALESCE({ok}, false)"
        if name == "in":
            members = [f"sameTerm({v}, {term(m, where)})" for m in rdf_list(self.g, arg, where)]
            return f"!({' || '.join(members)})" if members else "true"
        if name == "languageIn":
            tags = [m for m in rdf_list(self.g, arg, where)]
            if not all(isinstance(t, Literal) for t in tags):
                raise UnsupportedShape(f"{where}: language tags must be literals")
            match = " || ".join(f"langMatches(LANG({v}), {string_literal(str(t))})" for t in tags) or "false"
            return f"!COALESCE(isLiteral({v}) && ({match}), false)"
        if name in ("minLength", "maxLength"):
            op = ">=" if name == "minLength" else "<="
            return f"!COALESCE(!isBlank({v}) && STRLEN(STR({v})) {op} {int_value(arg, where)}, false)"
        if name == "pattern":
            if not isinstance(arg, Literal):
                raise UnsupportedShape(f"{where}: the pattern must be a literal")
            flags = str(self.g.value(shape, SH.flags) or "")
            self.check_regex(str(arg), flags, where)
            regex = f"REGEX(STR({v}), {string_literal(str(arg))}, {string_literal(flags)})"
            return f"!COALESCE(!isBlank({v}) && {regex}, false)"
        if name in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
            if not isinstance(arg, Literal):
                raise UnsupportedShape(f"{where}: the bound must be a literal")
            op = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}[name]
            return f"!COALESCE({v} {op} {term(arg, where)}, false)"
        raise UnsupportedShape(f"{where}: not supported")  # pragma: no cover - VALUE_PARAMS is exhaustive

    def logical_bad(self, name: str, arg: Node, f: str, v: str, stack: tuple[Node, ...], where: str) -> str:
        """:meth:`value_bad` for nested shapes (sh:node, sh:or, sh:and, sh:xone, sh:not) and property pairs."""
        if name == "node":
            return "!" + self.conforms(arg, v, stack)
        if name in ("or", "and", "xone"):
            parts = [self.conforms(s, v, stack) for s in rdf_list(self.g, arg, where)]
            if name == "or":
                return f"!({' || '.join(parts) or 'false'})"
            if name == "and":
                return f"!({' && '.join(parts) or 'true'})"
            return f"({' + '.join(f'IF({p}, 1, 0)' for p in parts) or '0'}) != 1"
        if name == "not":
            return self.conforms(arg, v, stack)
        if name == "disjoint":
            return f"EXISTS {{ {f} {iri(arg)} {v} }}"
        if name == "equals":
            return f"NOT EXISTS {{ {f} {iri(arg)} {v} }}"
        raise UnsupportedShape(f"{where}: not supported")  # pragma: no cover - _LOGICAL is exhaustive

    def focus_bad(self, shape: Node, name: str, arg: Node, f: str, path: str) -> str:
        """An expression true when focus ``f`` breaks a cardinality or sh:hasValue constraint of a property shape."""
        where = f"shape {shape_name(shape)}, sh:{name}"
        if name == "hasValue":
            return f"NOT EXISTS {{ {f} {path} {term(arg, where)} }}"
        n = int_value(arg, where)
        if n > MAX_INLINE_COUNT:
            raise UnsupportedShape(f"{where}: counts above {MAX_INLINE_COUNT} are only supported at the top level")
        if name == "minCount":
            return "false" if n <= 0 else f"NOT EXISTS {{ {self.distinct_values(f, path, n)} }}"
        return f"EXISTS {{ {self.distinct_values(f, path, n + 1)} }}"

    def distinct_values(self, f: str, path: str, n: int) -> str:
        """A pattern matching when ``f`` has at least ``n`` distinct values on ``path``."""
        vs = [self.names("n") for _ in range(n)]
        pattern = " ".join(f"{f} {path} {x} ." for x in vs)
        distinct = [f"!sameTerm({a}, {b})" for i, a in enumerate(vs) for b in vs[i + 1:]]
        return pattern + (f" FILTER ({' && '.join(distinct)})" if distinct else "")

    def pair_pattern(self, shape: Node, name: str, arg: Node, f: str, v: str, o: str,
                     path: str | None) -> str:
        """Rows, one per (value, other value) pair breaking sh:lessThan / sh:lessThanOrEquals."""
        op = "<" if name == "lessThan" else "<="
        value = f"{f} {path} {v} ." if path else f"BIND ({f} AS {v})"
        cmp = "IF(isIRI({x}), STR({x}), {x})"
        return (f"{value} {f} {iri(arg)} {o} . "
                f"FILTER (!COALESCE({cmp.format(x=v)} {op} {cmp.format(x=o)}, false))")

    def conforms(self, shape: Node, v: str, stack: tuple[Node, ...] = ()) -> str:
        """An expression: node ``v`` conforms to ``shape`` (its targets ignored)."""
        if shape in stack:
            raise UnsupportedShape(f"shape {shape_name(shape)} refers to itself (recursive shapes are not supported)")
        stack = (*stack, shape)
        if is_deactivated(self.g, shape):
            return "true"
        params = shape_params(self.g, shape)
        if params.get("sparql"):
            raise UnsupportedShape(f"shape {shape_name(shape)}: SPARQL constraints inside sh:node/sh:or/sh:xone/"
                                   "sh:and/sh:not are not supported")
        parts: list[str] = []
        if "path" in params:
            path, _ = self.path_of(shape)
            for name in FOCUS_PARAMS:
                for arg in params.get(name, []):
                    parts.append(f"!({self.focus_bad(shape, name, arg, v, path)})")
            x = self.names("v")
            bad = [self.value_bad(shape, name, arg, v, x, stack)
                   for name in VALUE_PARAMS for arg in params.get(name, [])]
            if bad:
                parts.append(f"NOT EXISTS {{ {v} {path} {x} . FILTER ({' || '.join(bad)}) }}")
            for name in PAIR_PARAMS:
                for arg in params.get(name, []):
                    rows = self.pair_pattern(shape, name, arg, v, self.names("v"), self.names("o"), path)
                    parts.append(f"NOT EXISTS {{ {rows} }}")
        else:
            self.refuse_node_level(shape, params)
            parts += [f"!({self.value_bad(shape, name, arg, v, v, stack)})"
                      for name in VALUE_PARAMS for arg in params.get(name, [])]
            for name in PAIR_PARAMS:
                for arg in params.get(name, []):
                    rows = self.pair_pattern(shape, name, arg, v, self.names("v"), self.names("o"), None)
                    parts.append(f"NOT EXISTS {{ {rows} }}")
            if "hasValue" in params:
                parts += [f"sameTerm({v}, {term(a, shape_name(shape))})" for a in params["hasValue"]]
        for prop in params.get("property", []):
            if "path" in params:
                raise UnsupportedShape(f"shape {shape_name(shape)}: sh:property inside a property shape "
                                       "is not supported")
            parts.append(self.conforms(prop, v, stack))
        return "(" + " && ".join(parts) + ")" if parts else "true"

    @staticmethod
    def refuse_node_level(shape: Node, params: dict[str, list[Node]]) -> None:
        for name in ("minCount", "maxCount"):
            if name in params:
                raise UnsupportedShape(f"shape {shape_name(shape)} has sh:{name} but no sh:path")

    # -- targets ------------------------------------------------------------

    def focus(self, shape: Node, params: dict[str, list[Node]]) -> str | None:
        """A pattern binding ``?this`` to each focus node of ``shape`` once, or None without targets."""
        where = f"shape {shape_name(shape)}"
        blocks: list[str] = []
        classes = list(params.get("targetClass", []))
        if (shape, RDF.type, RDFS.Class) in self.g:
            classes.append(shape)
        for c in classes:
            blocks += [f"?this {RDF_TYPE} {c_} ." for c_ in self.classes(c, where)]
        for n in params.get("targetNode", []):
            blocks.append(f"VALUES ?this {{ {term(n, where)} }}")
        for p in params.get("targetSubjectsOf", []):
            blocks.append(f"?this {iri(p)} ?_o .")
        for p in params.get("targetObjectsOf", []):
            blocks.append(f"?_s {iri(p)} ?this .")
        if not blocks:
            return None
        if len(blocks) == 1 and blocks[0].startswith("?this " + RDF_TYPE):
            return blocks[0]
        union = " UNION ".join(f"{{ {b} }}" for b in blocks)
        return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"

    # -- whole shapes -------------------------------------------------------

    def compile(self) -> list[Query]:
        """Every query of the shapes graph: each shape with targets, and the property shapes it holds."""
        queries: list[Query] = []
        for shape in shape_nodes(self.g):
            params = shape_params(self.g, shape)
            for s in params.get("sparql", []):
                self.check_sparql_node(shape, s)
            if is_deactivated(self.g, shape):
                continue
            focus = self.focus(shape, params)
            if focus is None:
                continue
            queries += self.compile_shape(shape, params, focus)
        return queries

    def check(self, shape: Node, name: str, **kw) -> Check:
        return Check(shape=str(shape) if isinstance(shape, URIRef) else "", component=COMPONENT[name],
                     messages=self.messages(shape), severity=self.severity(shape), **kw)

    def compile_shape(self, shape: Node, params: dict[str, list[Node]], focus: str) -> list[Query]:
        """The queries of one shape on the focus nodes ``focus`` (its property shapes too, on the same nodes)."""
        if "path" in params:
            return self.compile_property(shape, params, focus)
        self.refuse_node_level(shape, params)
        queries: list[Query] = []
        checks: list[Check] = []
        exprs: list[str] = []
        for name in VALUE_PARAMS:
            for arg in params.get(name, []):
                checks.append(self.check(shape, name, value_is_focus=True))
                exprs.append(self.value_bad(shape, name, arg, "?this", "?this", (shape,)))
        for arg in params.get("hasValue", []):
            checks.append(self.check(shape, "hasValue", value_is_focus=True))
            exprs.append(f"!sameTerm(?this, {term(arg, shape_name(shape))})")
        for name in PAIR_PARAMS:
            for arg in params.get(name, []):
                q = (f"SELECT ?this ?value WHERE {{ {focus} "
                     f"{self.pair_pattern(shape, name, arg, '?this', '?value', '?_o', None)} }}")
                queries.append(Query(q, (self.check(shape, name, value_is_focus=True),), "rows", True))
        for s in params.get("sparql", []):
            if not is_deactivated(self.g, s):
                queries.append(self.sparql_query(shape, s, focus, None, ""))
        for prop in params.get("property", []):
            if not is_deactivated(self.g, prop):
                queries += self.compile_property(prop, shape_params(self.g, prop), focus, (checks, exprs))
        if checks:  # every check that judges a focus node as a whole, in one pass over the focus nodes
            queries.insert(0, _flags_query(focus, checks, exprs, has_value=False))
        return queries

    def compile_property(self, shape: Node, params: dict[str, list[Node]], focus: str,
                         into: tuple[list[Check], list[str]] | None = None) -> list[Query]:
        """The queries of a property shape on the focus nodes ``focus``.

        Its focus-level checks (counts, sh:hasValue) go to ``into`` (the
        checks of the node shape holding it) when given, else a query of their own.
        """
        if "path" not in params:
            raise UnsupportedShape(f"shape {shape_name(shape)} is used with sh:property but has no sh:path")
        path, shown = self.path_of(shape)
        queries: list[Query] = []
        checks, exprs = into if into is not None else ([], [])
        for name in FOCUS_PARAMS:
            for arg in params.get(name, []):
                if name != "hasValue" and int_value(arg, f"shape {shape_name(shape)}") > MAX_INLINE_COUNT:
                    queries.append(self.count_query(shape, name, int_value(arg, ""), focus, path, shown))
                    continue
                checks.append(self.check(shape, name, path=shown))
                exprs.append(self.focus_bad(shape, name, arg, "?this", path))
        if checks and into is None:
            queries.append(_flags_query(focus, checks, exprs, has_value=False))
        # one value-level query: every constraint on each value
        checks, exprs = [], []
        for name in VALUE_PARAMS:
            for arg in params.get(name, []):
                checks.append(self.check(shape, name, path=shown))
                exprs.append(self.value_bad(shape, name, arg, "?this", "?value", (shape,)))
        if checks:
            rows = f"{focus} ?this {path} ?value ." if path.startswith("<") else \
                f"{{ SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {path} ?value . }} }}"
            queries.append(_flags_query(rows, checks, exprs, has_value=True))
        for name in PAIR_PARAMS:
            for arg in params.get(name, []):
                q = (f"SELECT ?this ?value WHERE {{ {focus} "
                     f"{self.pair_pattern(shape, name, arg, '?this', '?value', '?_o', path)} }}")
                queries.append(Query(q, (self.check(shape, name, path=shown),), "rows", True))
        for arg in params.get("equals", []):
            # the other direction of sh:equals: values of the other property missing from the path
            q = (f"SELECT ?this ?value WHERE {{ {focus} ?this {iri(arg)} ?value . "
                 f"FILTER NOT EXISTS {{ ?this {path} ?value }} }}")
            queries.append(Query(q, (self.check(shape, "equals", path=shown),), "rows", True))
        for s in params.get("sparql", []):
            if not is_deactivated(self.g, s):
                queries.append(self.sparql_query(shape, s, focus, path, shown))
        if params.get("property"):
            raise UnsupportedShape(f"shape {shape_name(shape)}: sh:property inside a property shape is not supported")
        return queries

    def count_query(self, shape: Node, name: str, n: int, focus: str, path: str, shown: str) -> Query:
        """sh:minCount / sh:maxCount above :data:`MAX_INLINE_COUNT`, counted with GROUP BY."""
        op = "<" if name == "minCount" else ">"
        inner = f"OPTIONAL {{ ?this {path} ?_v }}" if name == "minCount" else f"?this {path} ?_v ."
        q = (f"SELECT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?_v) AS ?_n) WHERE {{ {focus} {inner} }} "
             f"GROUP BY ?this }} FILTER (?_n {op} {n}) }}")
        return Query(q, (self.check(shape, name, path=shown),), "rows", False)

    # -- SPARQL constraints -------------------------------------------------

    def check_sparql_node(self, shape: Node, node: Node) -> None:
        for p in self.g.predicates(node):
            ps = str(p)
            if ps.startswith(SH_NS) and ps[len(SH_NS):] not in SPARQL_CONSTRAINT_PARAMS:
                raise UnsupportedShape(f"SPARQL constraint {shape_name(node)} of shape {shape_name(shape)} uses "
                                       f"sh:{ps[len(SH_NS):]}, which the compiled validator does not support")
        if self.g.value(node, SH.select) is None:
            raise UnsupportedShape(f"SPARQL constraint {shape_name(node)} of shape {shape_name(shape)} "
                                   "has no sh:select")

    def prefixes(self, node: Node) -> str:
        """PREFIX lines from the sh:declare of every sh:prefixes of a SPARQL constraint."""
        lines = []
        for ont in self.g.objects(node, SH.prefixes):
            for decl in self.g.objects(ont, SH.declare):
                prefix, ns = self.g.value(decl, SH.prefix), self.g.value(decl, SH.namespace)
                if prefix is None or ns is None:
                    raise UnsupportedShape(f"SPARQL constraint {shape_name(node)}: a sh:declare lacks sh:prefix or "
                                           "sh:namespace")
                lines.append(f"PREFIX {prefix}: {iri(URIRef(str(ns)))}")
        return "".join(line + "\n" for line in sorted(set(lines)))

    def sparql_query(self, shape: Node, node: Node, focus: str, path: str | None, shown: str) -> Query:
        """The sh:select of a SPARQL constraint, joined with the focus nodes instead of pre-binding $this."""
        where = f"SPARQL constraint {shape_name(node)} of shape {shape_name(shape)}"
        text = inject_focus(str(self.g.value(node, SH.select)), focus, path, where)
        messages = tuple(sorted({*self.messages(shape), *(str(m) for m in self.g.objects(node, SH.message))}))
        check = Check(shape=str(shape) if isinstance(shape, URIRef) else "", component=COMPONENT["sparql"],
                      messages=messages, severity=self.severity(shape), path=shown,
                      constraint=str(node) if isinstance(node, URIRef) else "", value_is_focus=path is None)
        return Query(self.prefixes(node) + text, (check,), "sparql", True)


def _flags_query(rows: str, checks: list[Check], exprs: list[str], *, has_value: bool) -> Query:
    """One row per focus node (or value) of ``rows`` failing at least one of ``exprs``; ``?cI`` says which."""
    binds = " ".join(f"BIND ({e} AS ?c{i})" for i, e in enumerate(exprs))
    any_ = " || ".join(f"?c{i}" for i in range(len(exprs)))
    cols = " ".join(f"?c{i}" for i in range(len(exprs)))
    text = (f"SELECT ?this {'?value ' if has_value else ''}{cols} WHERE {{ {rows} {binds} "
            f"FILTER ({any_}) }}")
    return Query(text, tuple(checks), "flags", has_value)


def compile_shapes(shapes: Graph, subclasses: Mapping[str, Iterable[str]] | None = None) -> list[Query]:
    """The queries that validate a data graph against ``shapes`` (raises :class:`UnsupportedShape`)."""
    return Compiler(shapes, subclasses or {}).compile()
