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
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from .errors import InputError


class UnsupportedShape(InputError):
    """A shape uses a SHACL feature the compiled engine does not implement (exit 3, one line)."""


#: Constraint parameters (sh: local names) that the compiler implements.
VALUE_PARAMS = ("class", "datatype", "nodeKind", "in", "languageIn", "minLength", "maxLength", "pattern",
                "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "node", "or", "and", "xone", "not",
                "disjoint", "equals")
FOCUS_PARAMS = ("minCount", "maxCount", "hasValue")
PAIR_PARAMS = ("lessThan", "lessThanOrEquals")
#: Shape terms that are not constraints (targets, structure, documentation).
OTHER_PARAMS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "property", "path", "sparql",
                "message", "severity", "deactivated", "flags", "name", "description", "order", "group",
                "defaultValue")
SPARQL_CONSTRAINT_PARAMS = ("select", "message", "prefixes", "deactivated")

COMPONENT = {"class": "ClassConstraintComponent", "datatype": "DatatypeConstraintComponent",
             "nodeKind": "NodeKindConstraintComponent", "in": "InConstraintComponent",
             "languageIn": "LanguageInConstraintComponent", "minLength": "MinLengthConstraintComponent",
             "maxLength": "MaxLengthConstraintComponent", "pattern": "PatternConstraintComponent",
             "minInclusive": "MinInclusiveConstraintComponent", "maxInclusive": "MaxInclusiveConstraintComponent",
             "minExclusive": "MinExclusiveConstraintComponent", "maxExclusive": "MaxExclusiveConstraintComponent",
             "node": "NodeConstraintComponent", "or": "OrConstraintComponent", "and": "AndConstraintComponent",
             "xone": "XoneConstraintComponent", "not": "NotConstraintComponent",
             "disjoint": "DisjointConstraintComponent", "equals": "EqualsConstraintComponent",
             "minCount": "MinCountConstraintComponent", "maxCount": "MaxCountConstraintComponent",
             "hasValue": "HasValueConstraintComponent", "lessThan": "LessThanConstraintComponent",
             "lessThanOrEquals": "LessThanOrEqualsConstraintComponent", "sparql": "SPARQLConstraintComponent"}

#: XSD datatypes whose lexical form Oxigraph can check by a cast (an ill-formed literal is a violation).
CASTABLE = frozenset(str(XSD[t]) for t in (
    "integer", "decimal", "float", "double", "boolean", "date", "dateTime", "time", "gYear", "gYearMonth",
    "gMonthDay", "gDay", "gMonth", "duration", "dayTimeDuration", "yearMonthDuration"))

NODE_KINDS = {"IRI": "isIRI({v})", "Literal": "isLiteral({v})", "BlankNode": "isBlank({v})",
              "BlankNodeOrIRI": "!isLiteral({v})", "BlankNodeOrLiteral": "!isIRI({v})",
              "IRIOrLiteral": "!isBlank({v})"}
#: Beyond this sh:minCount / sh:maxCount is counted with GROUP BY (top level only).
MAX_INLINE_COUNT = 4

_RDF_TYPE = f"<{RDF.type}>"
_SH = str(SH)


@dataclass(frozen=True)
class Check:
    """One constraint of one shape: what a result of it reports."""

    shape: str  # IRI of the shape (sh:sourceShape), "" for a blank node
    component: str  # local name of the constraint component
    messages: tuple[str, ...]
    severity: str  # IRI
    path: str = ""  # the shape's sh:path: an IRI, "(a path)", or "" for a node shape
    constraint: str = ""  # IRI of the sh:sparql node (sh:sourceConstraint)
    value_is_focus: bool = False  # a node shape's result names its focus node as value


@dataclass(frozen=True)
class Query:
    """A SELECT and the checks it answers.

    ``flags``: one row per focus (or value) node with ``?c0 … ?cN`` true for each
    failed check; ``rows``: every row is a result of ``checks[0]``.
    """

    text: str
    checks: tuple[Check, ...]
    kind: str = "flags"  # "flags" or "rows"
    has_value: bool = False  # rows carry ?value


@dataclass(frozen=True)
class Result:
    """One validation result, terms as Oxigraph gives them."""

    check: Check
    focus: object
    value: object | None
    path: str
    message: tuple[str, ...]


@dataclass
class _Names:
    """Fresh variable names for nested patterns (one counter per compilation)."""

    n: int = 0

    def __call__(self, stem: str = "x") -> str:
        self.n += 1
        return f"?_{stem}{self.n}"


# ---------------------------------------------------------------------------
# Terms and paths
# ---------------------------------------------------------------------------


def _local(node: Node) -> str:
    s = str(node)
    return s.rsplit("#", 1)[-1] if "#" in s else s.rsplit("/", 1)[-1]


def _name(node: Node) -> str:
    """How an error message names a shape: ``pks:EntityShape``-like local name, or the blank node."""
    return _local(node) if isinstance(node, URIRef) else "(a blank-node shape)"


def _iri(node: Node) -> str:
    s = str(node)
    if re.search(r'[\x00-\x20<>"{}|^`\\]', s):
        raise UnsupportedShape(f"the IRI {s!r} cannot be written in SPARQL")
    return f"<{s}>"


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _string(s: str) -> str:
    return '"' + "".join(_ESCAPES.get(c, c) for c in s) + '"'


def term(node: Node, where: str = "") -> str:
    """An IRI or literal of the shapes graph written as SPARQL (blank nodes are refused)."""
    if isinstance(node, URIRef):
        return _iri(node)
    if isinstance(node, Literal):
        lex = _string(str(node))
        if node.language:
            return f"{lex}@{node.language}"
        if node.datatype is not None and node.datatype != XSD.string:
            return f"{lex}^^{_iri(node.datatype)}"
        return lex
    raise UnsupportedShape(f"{where}: a blank node as a constraint value is not supported")


def sparql_path(g: Graph, node: Node, where: str) -> str:
    """The SPARQL property path of a SHACL path (predicate, sequence, alternative, inverse, repetition)."""
    if isinstance(node, URIRef):
        return _iri(node)
    if isinstance(node, Literal):
        raise UnsupportedShape(f"{where}: sh:path is a literal")
    if (node, RDF.first, None) in g:
        items = list(Collection(g, node))
        if len(items) < 2:
            raise UnsupportedShape(f"{where}: a sequence path needs at least two members")
        return "(" + "/".join(sparql_path(g, i, where) for i in items) + ")"
    for pred, fmt in ((SH.inversePath, "^({})"), (SH.zeroOrMorePath, "({})*"), (SH.oneOrMorePath, "({})+"),
                      (SH.zeroOrOnePath, "({})?")):
        inner = g.value(node, pred)
        if inner is not None:
            return fmt.format(sparql_path(g, inner, where))
    alt = g.value(node, SH.alternativePath)
    if alt is not None:
        return "(" + "|".join(sparql_path(g, i, where) for i in Collection(g, alt)) + ")"
    raise UnsupportedShape(f"{where}: this kind of sh:path is not supported")


# ---------------------------------------------------------------------------
# Reading shapes
# ---------------------------------------------------------------------------


def _params(g: Graph, shape: Node) -> dict[str, list[Node]]:
    """The sh: terms of a shape (local name → values, sorted), refusing any the compiler does not know."""
    out: dict[str, list[Node]] = {}
    for p, o in g.predicate_objects(shape):
        ps = str(p)
        if not ps.startswith(_SH):
            continue
        name = ps[len(_SH):]
        if name not in VALUE_PARAMS + FOCUS_PARAMS + PAIR_PARAMS + OTHER_PARAMS:
            raise UnsupportedShape(f"shape {_name(shape)} uses sh:{name}, which the compiled validator does not "
                                   "support (use kg validate --engine pyshacl)")
        out.setdefault(name, []).append(o)
    for values in out.values():
        values.sort(key=lambda n: (isinstance(n, BNode), str(n)))
    return out


def _one(params: dict[str, list[Node]], name: str, shape: Node) -> Node | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise UnsupportedShape(f"shape {_name(shape)} has {len(values)} values of sh:{name}")
    return values[0] if values else None


def _list(g: Graph, node: Node, where: str) -> list[Node]:
    if node != RDF.nil and (node, RDF.first, None) not in g:
        raise UnsupportedShape(f"{where}: expected an RDF list")
    return list(Collection(g, node))


def _int(node: Node, where: str) -> int:
    if not isinstance(node, Literal) or not isinstance(node.value, int) or isinstance(node.value, bool):
        raise UnsupportedShape(f"{where}: expected an integer, got {node}")
    return node.value


def _deactivated(g: Graph, node: Node) -> bool:
    v = g.value(node, SH.deactivated)
    return isinstance(v, Literal) and v.value is True


def shape_nodes(g: Graph) -> list[Node]:
    """Every node the shapes graph declares or uses as a shape, in a stable order."""
    found: set[Node] = set()
    for cls in (SH.NodeShape, SH.PropertyShape):
        found.update(g.subjects(RDF.type, cls))
    for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.path):
        found.update(g.subjects(p, None))
    for p in (SH.property, SH.node, SH["not"]):
        found.update(g.objects(None, p))
    for p in (SH["or"], SH["and"], SH.xone):
        for lst in g.objects(None, p):
            found.update(Collection(g, lst))
    return sorted(found, key=lambda n: (isinstance(n, BNode), str(n)))


# ---------------------------------------------------------------------------
# The compiler
# ---------------------------------------------------------------------------


@dataclass
class Compiler:
    """Compiles one shapes graph; ``subclasses`` maps a class IRI to itself and its subclasses in the data."""

    g: Graph
    subclasses: Mapping[str, Iterable[str]] = field(default_factory=dict)
    names: _Names = field(default_factory=_Names)
    _probe: ox.Store = field(default_factory=ox.Store)

    # -- helpers ------------------------------------------------------------

    def classes(self, c: Node, where: str) -> list[str]:
        """``c`` and its subclasses in the data, as SPARQL IRIs."""
        if not isinstance(c, URIRef):
            raise UnsupportedShape(f"{where}: a class must be an IRI")
        return sorted({_iri(c), *(_iri(URIRef(s)) for s in self.subclasses.get(str(c), ()))})

    def is_instance(self, v: str, c: Node, where: str) -> str:
        """An expression: ``v`` is a SHACL instance of ``c``."""
        cls = self.classes(c, where)
        if len(cls) == 1:
            return f"EXISTS {{ {v} {_RDF_TYPE} {cls[0]} }}"
        t = self.names("t")
        return f"EXISTS {{ VALUES {t} {{ {' '.join(cls)} }} {v} {_RDF_TYPE} {t} }}"

    def check_regex(self, pattern: str, flags: str, where: str) -> None:
        """Refuse a pattern Oxigraph's regular expressions cannot compile (it would fail every value)."""
        q = f"SELECT (COALESCE(REGEX(\"\", {_string(pattern)}, {_string(flags)}), \"bad\") AS ?r) {{}}"
        try:
            ok = next(iter(self._probe.query(q)))[0].value != "bad"
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
        return sparql_path(self.g, p, f"shape {_name(shape)}"), (str(p) if isinstance(p, URIRef) else "(a path)")

    # -- expressions --------------------------------------------------------

    def value_bad(self, shape: Node, name: str, arg: Node, f: str, v: str, stack: tuple[Node, ...]) -> str:
        """An expression (never an error) true when value ``v`` of focus ``f`` breaks one value constraint."""
        where = f"shape {_name(shape)}, sh:{name}"
        if name == "nodeKind":
            kind = _local(arg) if str(arg).startswith(_SH) else ""
            if kind not in NODE_KINDS:
                raise UnsupportedShape(f"{where}: unknown node kind {arg}")
            return "!" + NODE_KINDS[kind].format(v=v)
        if name == "class":
            return "!" + self.is_instance(v, arg, where)
        if name == "datatype":
            if arg == RDFS.Literal:
                return f"!isLiteral({v})"
            ok = f"isLiteral({v}) && sameTerm(DATATYPE({v}), {term(arg, where)})"
            if str(arg) in CASTABLE:
                ok += f" && isLiteral({_iri(arg)}(STR({v})))"
            return f"!COALESCE({ok}, false)"
        if name == "in":
            members = [f"sameTerm({v}, {term(m, where)})" for m in _list(self.g, arg, where)]
            return f"!({' || '.join(members)})" if members else "true"
        if name == "languageIn":
            tags = [m for m in _list(self.g, arg, where)]
            if not all(isinstance(t, Literal) for t in tags):
                raise UnsupportedShape(f"{where}: language tags must be literals")
            match = " || ".join(f"langMatches(LANG({v}), {_string(str(t))})" for t in tags) or "false"
            return f"!COALESCE(isLiteral({v}) && ({match}), false)"
        if name in ("minLength", "maxLength"):
            op = ">=" if name == "minLength" else "<="
            return f"!COALESCE(!isBlank({v}) && STRLEN(STR({v})) {op} {_int(arg, where)}, false)"
        if name == "pattern":
            if not isinstance(arg, Literal):
                raise UnsupportedShape(f"{where}: the pattern must be a literal")
            flags = str(self.g.value(shape, SH.flags) or "")
            self.check_regex(str(arg), flags, where)
            return f"!COALESCE(!isBlank({v}) && REGEX(STR({v}), {_string(str(arg))}, {_string(flags)}), false)"
        if name in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
            if not isinstance(arg, Literal):
                raise UnsupportedShape(f"{where}: the bound must be a literal")
            op = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}[name]
            return f"!COALESCE({v} {op} {term(arg, where)}, false)"
        if name == "node":
            return "!" + self.conforms(arg, v, stack)
        if name in ("or", "and", "xone"):
            parts = [self.conforms(s, v, stack) for s in _list(self.g, arg, where)]
            if name == "or":
                return f"!({' || '.join(parts) or 'false'})"
            if name == "and":
                return f"!({' && '.join(parts) or 'true'})"
            return f"({' + '.join(f'IF({p}, 1, 0)' for p in parts) or '0'}) != 1"
        if name == "not":
            return self.conforms(arg, v, stack)
        if name == "disjoint":
            return f"EXISTS {{ {f} {_iri(arg)} {v} }}"
        if name == "equals":
            return f"NOT EXISTS {{ {f} {_iri(arg)} {v} }}"
        raise UnsupportedShape(f"{where}: not supported")  # pragma: no cover - VALUE_PARAMS is exhaustive

    def focus_bad(self, shape: Node, name: str, arg: Node, f: str, path: str) -> str:
        """An expression true when focus ``f`` breaks a cardinality or sh:hasValue constraint of a property shape."""
        where = f"shape {_name(shape)}, sh:{name}"
        if name == "hasValue":
            return f"NOT EXISTS {{ {f} {path} {term(arg, where)} }}"
        n = _int(arg, where)
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
        return (f"{value} {f} {_iri(arg)} {o} . "
                f"FILTER (!COALESCE({cmp.format(x=v)} {op} {cmp.format(x=o)}, false))")

    def conforms(self, shape: Node, v: str, stack: tuple[Node, ...] = ()) -> str:
        """An expression: node ``v`` conforms to ``shape`` (its targets ignored)."""
        if shape in stack:
            raise UnsupportedShape(f"shape {_name(shape)} refers to itself (recursive shapes are not supported)")
        stack = (*stack, shape)
        if _deactivated(self.g, shape):
            return "true"
        params = _params(self.g, shape)
        if params.get("sparql"):
            raise UnsupportedShape(f"shape {_name(shape)}: SPARQL constraints inside sh:node/sh:or/sh:xone/"
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
                parts += [f"sameTerm({v}, {term(a, _name(shape))})" for a in params["hasValue"]]
        for prop in params.get("property", []):
            if "path" in params:
                raise UnsupportedShape(f"shape {_name(shape)}: sh:property inside a property shape is not supported")
            parts.append(self.conforms(prop, v, stack))
        return "(" + " && ".join(parts) + ")" if parts else "true"

    @staticmethod
    def refuse_node_level(shape: Node, params: dict[str, list[Node]]) -> None:
        for name in ("minCount", "maxCount"):
            if name in params:
                raise UnsupportedShape(f"shape {_name(shape)} has sh:{name} but no sh:path")

    # -- targets ------------------------------------------------------------

    def focus(self, shape: Node, params: dict[str, list[Node]]) -> str | None:
        """A pattern binding ``?this`` to each focus node of ``shape`` once, or None without targets."""
        where = f"shape {_name(shape)}"
        blocks: list[str] = []
        classes = list(params.get("targetClass", []))
        if (shape, RDF.type, RDFS.Class) in self.g:
            classes.append(shape)
        for c in classes:
            blocks += [f"?this {_RDF_TYPE} {c_} ." for c_ in self.classes(c, where)]
        for n in params.get("targetNode", []):
            blocks.append(f"VALUES ?this {{ {term(n, where)} }}")
        for p in params.get("targetSubjectsOf", []):
            blocks.append(f"?this {_iri(p)} ?_o .")
        for p in params.get("targetObjectsOf", []):
            blocks.append(f"?_s {_iri(p)} ?this .")
        if not blocks:
            return None
        if len(blocks) == 1 and blocks[0].startswith("?this " + _RDF_TYPE):
            return blocks[0]
        union = " UNION ".join(f"{{ {b} }}" for b in blocks)
        return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"

    # -- whole shapes -------------------------------------------------------

    def compile(self) -> list[Query]:
        """Every query of the shapes graph: each shape with targets, and the property shapes it holds."""
        queries: list[Query] = []
        for shape in shape_nodes(self.g):
            params = _params(self.g, shape)
            for s in params.get("sparql", []):
                self.check_sparql_node(shape, s)
            if _deactivated(self.g, shape):
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
            exprs.append(f"!sameTerm(?this, {term(arg, _name(shape))})")
        for name in PAIR_PARAMS:
            for arg in params.get(name, []):
                q = (f"SELECT ?this ?value WHERE {{ {focus} "
                     f"{self.pair_pattern(shape, name, arg, '?this', '?value', '?_o', None)} }}")
                queries.append(Query(q, (self.check(shape, name, value_is_focus=True),), "rows", True))
        for s in params.get("sparql", []):
            if not _deactivated(self.g, s):
                queries.append(self.sparql_query(shape, s, focus, None, ""))
        for prop in params.get("property", []):
            if not _deactivated(self.g, prop):
                queries += self.compile_property(prop, _params(self.g, prop), focus, (checks, exprs))
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
            raise UnsupportedShape(f"shape {_name(shape)} is used with sh:property but has no sh:path")
        path, shown = self.path_of(shape)
        queries: list[Query] = []
        checks, exprs = into if into is not None else ([], [])
        for name in FOCUS_PARAMS:
            for arg in params.get(name, []):
                if name != "hasValue" and _int(arg, f"shape {_name(shape)}") > MAX_INLINE_COUNT:
                    queries.append(self.count_query(shape, name, _int(arg, ""), focus, path, shown))
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
            q = (f"SELECT ?this ?value WHERE {{ {focus} ?this {_iri(arg)} ?value . "
                 f"FILTER NOT EXISTS {{ ?this {path} ?value }} }}")
            queries.append(Query(q, (self.check(shape, "equals", path=shown),), "rows", True))
        for s in params.get("sparql", []):
            if not _deactivated(self.g, s):
                queries.append(self.sparql_query(shape, s, focus, path, shown))
        for prop in params.get("property", []):
            raise UnsupportedShape(f"shape {_name(shape)}: sh:property inside a property shape is not supported")
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
            if ps.startswith(_SH) and ps[len(_SH):] not in SPARQL_CONSTRAINT_PARAMS:
                raise UnsupportedShape(f"SPARQL constraint {_name(node)} of shape {_name(shape)} uses "
                                       f"sh:{ps[len(_SH):]}, which the compiled validator does not support")
        if self.g.value(node, SH.select) is None:
            raise UnsupportedShape(f"SPARQL constraint {_name(node)} of shape {_name(shape)} has no sh:select")

    def prefixes(self, node: Node) -> str:
        """PREFIX lines from the sh:declare of every sh:prefixes of a SPARQL constraint."""
        lines = []
        for ont in self.g.objects(node, SH.prefixes):
            for decl in self.g.objects(ont, SH.declare):
                prefix, ns = self.g.value(decl, SH.prefix), self.g.value(decl, SH.namespace)
                if prefix is None or ns is None:
                    raise UnsupportedShape(f"SPARQL constraint {_name(node)}: a sh:declare lacks sh:prefix or "
                                           "sh:namespace")
                lines.append(f"PREFIX {prefix}: {_iri(URIRef(str(ns)))}")
        return "".join(line + "\n" for line in sorted(set(lines)))

    def sparql_query(self, shape: Node, node: Node, focus: str, path: str | None, shown: str) -> Query:
        """The sh:select of a SPARQL constraint, joined with the focus nodes instead of pre-binding $this."""
        where = f"SPARQL constraint {_name(node)} of shape {_name(shape)}"
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


# ---------------------------------------------------------------------------
# SPARQL text surgery for sh:select
# ---------------------------------------------------------------------------

_TOKEN = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')


def mask(text: str) -> str:
    """``text`` with strings, IRIs and comments blanked out (same length), so keywords can be found."""
    return _TOKEN.sub(lambda m: " " * len(m.group(0)), text)


def inject_focus(select: str, focus: str, path: str | None, where: str) -> str:
    """Rewrite a SHACL-SPARQL SELECT so that it runs once over all focus nodes.

    ``$this`` becomes ``?this``, bound by ``focus`` placed first in the WHERE
    group; ``$PATH`` becomes the shape's path; the projection gets ``?this`` and
    DISTINCT (pySHACL drops repeated rows too).
    """
    masked = mask(select)
    selects = [m.start() for m in re.finditer(r"\bSELECT\b", masked, re.IGNORECASE)]
    if len(selects) != 1:
        raise UnsupportedShape(f"{where}: sh:select must be one SELECT without sub-queries")
    for var in ("currentShape", "shapesGraph"):
        if re.search(rf"[$?]{var}\b", masked):
            raise UnsupportedShape(f"{where}: ${var} is not supported")
    if re.search(r"\$PATH\b", masked) and path is None:
        raise UnsupportedShape(f"{where}: $PATH in a node shape")
    brace = masked.find("{", selects[0])
    if brace < 0:
        raise UnsupportedShape(f"{where}: sh:select has no WHERE group")
    head = re.match(r"SELECT\s+((?:DISTINCT|REDUCED)\s+)?", masked[selects[0]:], re.IGNORECASE)
    assert head is not None
    proj_start = selects[0] + head.end()
    projection = masked[proj_start:brace]
    projection = re.sub(r"\bWHERE\s*$", "", projection.rstrip(), flags=re.IGNORECASE)
    projected = set(re.findall(r"[?$](\w+)", projection))
    add = "" if projection.strip() == "*" or "this" in projected else "?this "
    # edits from the end backwards, so earlier offsets stay valid
    out = select[:brace + 1] + f" {focus} " + select[brace + 1:]
    out = out[:proj_start] + add + out[proj_start:]
    out = out[:selects[0]] + "SELECT DISTINCT " + out[proj_start:]
    m2 = mask(out)
    pieces, last = [], 0
    for m in re.finditer(r"\$(this|PATH)\b", m2):
        pieces += [out[last:m.start()], "?this" if m.group(1) == "this" else (path or "")]
        last = m.end()
    return not_exists_to_minus("".join(pieces) + out[last:])


_NOT_BGP = re.compile(r"\b(FILTER|OPTIONAL|BIND|VALUES|UNION|MINUS|GRAPH|SERVICE|EXISTS|SELECT)\b|[{}()]",
                      re.IGNORECASE)


def not_exists_to_minus(query: str) -> str:
    """``FILTER NOT EXISTS { triples with ?this }`` at the top of the WHERE group, moved to its end as ``MINUS``.

    Oxigraph evaluates the group of a NOT EXISTS once per row, which is slow
    when it joins several triple patterns (30 ms a row on 160k triples); MINUS
    is one anti-join. For a group of triple patterns that shares ``?this``
    (bound in every row) with the rows, both remove the same rows, and the
    end of the group is where every FILTER of the group applies anyway.
    """
    masked = mask(query)
    start = masked.find("{")
    if start < 0:
        return query
    depth, end = 0, -1
    for i in range(start, len(masked)):
        depth += {"{": 1, "}": -1}.get(masked[i], 0)
        if depth == 0:
            end = i
            break
    if end < 0:
        return query
    cuts: list[tuple[int, int, str]] = []
    for m in re.finditer(r"\bFILTER\s+NOT\s+EXISTS\s*\{", masked[:end], re.IGNORECASE):
        if masked[start:m.start()].count("{") - masked[start:m.start()].count("}") != 1:
            continue  # not at the top of the WHERE group
        close = masked.find("}", m.end())
        inner = masked[m.end():close]
        if close < 0 or _NOT_BGP.search(inner) or not re.search(r"\?this\b", inner):
            continue
        cuts.append((m.start(), close + 1, query[m.end():close]))
    if not cuts:
        return query
    out, last = [], 0
    for a, b, _ in cuts:
        out += [query[last:a], " "]
        last = b
    out.append(query[last:end])
    out += [f" MINUS {{{inner} }} " for _, _, inner in cuts]
    out.append(query[end:])
    return "".join(out)


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------


def subclass_closure(store: ox.Store) -> dict[str, set[str]]:
    """Each class of the data with a subclass → its subclasses (``rdfs:subClassOf+``)."""
    out: dict[str, set[str]] = {}
    q = f"SELECT ?sub ?sup WHERE {{ ?sub <{RDFS.subClassOf}>+ ?sup }}"
    for row in store.query(q):
        sub, sup = row["sub"], row["sup"]
        if isinstance(sub, ox.NamedNode) and isinstance(sup, ox.NamedNode):
            out.setdefault(sup.value, set()).add(sub.value)
    return out


def compile_shapes(shapes: Graph, subclasses: Mapping[str, Iterable[str]] | None = None) -> list[Query]:
    """The queries that validate a data graph against ``shapes`` (raises :class:`UnsupportedShape`)."""
    return Compiler(shapes, subclasses or {}).compile()


def _text(t: object) -> str:
    """How a message template shows a term (as pySHACL: the IRI or the lexical form)."""
    return getattr(t, "value", str(t))


def _fill(messages: tuple[str, ...], row: Mapping[str, object]) -> tuple[str, ...]:
    """Message templates ``{?var}`` / ``{$var}`` filled from a SPARQL constraint's row."""
    out = []
    for msg in messages:
        for var, val in row.items():
            if val is not None:
                msg = re.sub(r"\{[?$]" + re.escape(var) + r"\}", lambda _m, v=val: _text(v), msg)
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
    solutions = store.query(q.text)
    if q.kind == "flags":
        names = [f"c{i}" for i in range(len(q.checks))]
        for sol in solutions:
            focus = sol["this"]
            value = sol["value"] if q.has_value else None
            for name, check in zip(names, q.checks):
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
