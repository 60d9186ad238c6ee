"""SHACL terms for the compiled validator: the SHACL Core subset it implements, terms and paths, shapes read.

Part of :mod:`kg.shacl_sparql` (which re-exports the public names): the constraint parameters the
compiler knows, the checks, queries and results it produces, how a node of the shapes graph is written
in SPARQL, and how a shape's ``sh:`` terms are read (anything outside the subset is refused with
:class:`UnsupportedShape`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD
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

RDF_TYPE = f"<{RDF.type}>"
SH_NS = str(SH)


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
class Names:
    """Fresh variable names for nested patterns (one counter per compilation)."""

    n: int = 0

    def __call__(self, stem: str = "x") -> str:
        self.n += 1
        return f"?_{stem}{self.n}"


# ---------------------------------------------------------------------------
# Terms and paths
# ---------------------------------------------------------------------------


def local_name(node: Node) -> str:
    s = str(node)
    return s.rsplit("#", 1)[-1] if "#" in s else s.rsplit("/", 1)[-1]


def shape_name(node: Node) -> str:
    """How an error message names a shape: ``pks:EntityShape``-like local name, or the blank node."""
    return local_name(node) if isinstance(node, URIRef) else "(a blank-node shape)"


def iri(node: Node) -> str:
    s = str(node)
    if re.search(r'[\x00-\x20<>"{}|^`\\]', s):
        raise UnsupportedShape(f"the IRI {s!r} cannot be written in SPARQL")
    return f"<{s}>"


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def string_literal(s: str) -> str:
    return '"' + "".join(_ESCAPES.get(c, c) for c in s) + '"'


def term(node: Node, where: str = "") -> str:
    """An IRI or literal of the shapes graph written as SPARQL (blank nodes are refused)."""
    if isinstance(node, URIRef):
        return iri(node)
    if isinstance(node, Literal):
        lex = string_literal(str(node))
        if node.language:
            return f"{lex}@{node.language}"
        if node.datatype is not None and node.datatype != XSD.string:
            return f"{lex}^^{iri(node.datatype)}"
        return lex
    raise UnsupportedShape(f"{where}: a blank node as a constraint value is not supported")


def sparql_path(g: Graph, node: Node, where: str) -> str:
    """The SPARQL property path of a SHACL path (predicate, sequence, alternative, inverse, repetition)."""
    if isinstance(node, URIRef):
        return iri(node)
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


def shape_params(g: Graph, shape: Node) -> dict[str, list[Node]]:
    """The sh: terms of a shape (local name → values, sorted), refusing any the compiler does not know."""
    out: dict[str, list[Node]] = {}
    for p, o in g.predicate_objects(shape):
        ps = str(p)
        if not ps.startswith(SH_NS):
            continue
        name = ps[len(SH_NS):]
        if name not in VALUE_PARAMS + FOCUS_PARAMS + PAIR_PARAMS + OTHER_PARAMS:
            raise UnsupportedShape(f"shape {shape_name(shape)} uses sh:{name}, which the compiled validator does not "
                                   "support (use kg validate --engine pyshacl)")
        out.setdefault(name, []).append(o)
    for values in out.values():
        values.sort(key=lambda n: (isinstance(n, BNode), str(n)))
    return out


def rdf_list(g: Graph, node: Node, where: str) -> list[Node]:
    if node != RDF.nil and (node, RDF.first, None) not in g:
        raise UnsupportedShape(f"{where}: expected an RDF list")
    return list(Collection(g, node))


def int_value(node: Node, where: str) -> int:
    if not isinstance(node, Literal) or not isinstance(node.value, int) or isinstance(node.value, bool):
        raise UnsupportedShape(f"{where}: expected an integer, got {node}")
    return node.value


def is_deactivated(g: Graph, node: Node) -> bool:
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
