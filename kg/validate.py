"""Checking an exported graph against the SHACL shapes of ``ontology/shapes.ttl``.

Two engines give the same report. The default, ``oxigraph``, compiles the
shapes to SPARQL (:mod:`kg.shacl_sparql`) and runs them on an in-memory
Oxigraph store: a graph file is bulk-loaded, a store folder written by
``kg build --store DIR`` is opened read-only and copied (figures in
benchmarks/RESULTS.md, "Validation"). ``pyshacl`` runs pySHACL (no inference: the shapes name every class
they target) and stays as the reference implementation. Both turn their
results into :class:`Violation` records; :meth:`ValidationReport.summary`
renders them as a short, readable list for ``kg validate``. The shapes are
read from the installed package (``kg.ontology``), so validation works outside
the repository.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from .errors import InputError
from .query import load_graph
from .store import load_file
from .vocab import PREFIXES

SHAPES_IRI = "https://w3id.org/policy-kg/shapes#"
_DISPLAY_PREFIXES = tuple(sorted((*PREFIXES, ("pks", SHAPES_IRI), ("sh", str(SH))), key=lambda p: -len(p[1])))

#: Validation engines: SHACL compiled to SPARQL on Oxigraph (default), and pySHACL (the reference).
ENGINES: tuple[str, ...] = ("oxigraph", "pyshacl")

#: The file that marks a folder as a store written by ``kg build --store`` (RocksDB's CURRENT marks any store).
_STORE_MARKS = ("kg-store.json", "CURRENT")

@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL validation result, with IRIs kept as strings."""

    shape: str  # local name of the shape that failed (sh:sourceShape)
    focus: str  # the node that failed
    path: str  # the property checked ("" for node-level constraints)
    message: str
    value: str = ""  # the offending value, when the report names one
    constraint: str = ""  # local name of a named constraint (a SPARQL constraint), else ""
    severity: str = "Violation"
    focus_label: str = ""
    component: str = ""  # local name of the constraint component (sh:sourceConstraintComponent)

    def line(self) -> str:
        """One line: focus (label), path, message, value and [shape]."""
        focus = compact(self.focus) + (f" ({self.focus_label})" if self.focus_label else "")
        parts = [focus]
        if self.path:
            parts.append(compact(self.path))
        msg = self.message or "(no message)"
        if self.value:
            msg += f" — value {_short(compact(self.value))}"
        parts.append(msg)
        name = self.shape + (f"/{self.constraint}" if self.constraint and self.constraint != self.shape else "")
        sev = "" if self.severity == "Violation" else f"{self.severity}: "
        return f"{sev}{'  '.join(parts)}  [{name}]"


@dataclass(frozen=True)
class ValidationReport:
    """Whether a graph conforms, and every result (sorted by shape, then focus node)."""

    conforms: bool
    violations: tuple[Violation, ...]
    triples: int = 0

    def summary(self, max_lines: int = 20) -> str:
        """``conforms (N triples)``, or a count by shape and at most ``max_lines`` results, then how many more."""
        if self.conforms:
            return f"conforms ({self.triples} triples)\n"
        by_shape = Counter(v.constraint or v.shape for v in self.violations)
        n = len(self.violations)
        head = (f"does not conform: {n} result{'s' if n != 1 else ''} "
                f"({', '.join(f'{name} {k}' for name, k in sorted(by_shape.items(), key=lambda kv: (-kv[1], kv[0])))})")
        lines = [head] + ["  " + v.line() for v in self.violations[:max(max_lines, 0)]]
        if n > max_lines:
            lines.append(f"  … and {n - max(max_lines, 0)} more (--max-lines to show more)")
        return "\n".join(lines) + "\n"


def compact(iri: str) -> str:
    """``pk:start`` for an IRI in a known namespace, else the IRI itself."""
    for prefix, ns in _DISPLAY_PREFIXES:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _short(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _local_name(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            return iri.rsplit(sep, 1)[1]
    return iri


def _local(node: Node | None) -> str:
    return _local_name(str(node)) if isinstance(node, URIRef) else ""


def _text(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, Literal):
        return f'"{node}"' + (f"@{node.language}" if node.language else "")
    return "(a blank node)"


def _ox_text(term: object) -> str:
    """The same text as :func:`_text`, for an Oxigraph term."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        return f'"{term.value}"' + (f"@{term.language}" if term.language else "")
    return "(a blank node)"


def shapes_path() -> Path:
    """The installed ``shapes.ttl`` (package ``kg.ontology``, i.e. the ``ontology/`` folder)."""
    return Path(str(resources.files("kg.ontology") / "shapes.ttl"))


def load_shapes(path: str | Path | None = None) -> Graph:
    """The shapes graph: ``path``, or the installed ``shapes.ttl``."""
    p = Path(path) if path is not None else shapes_path()
    if not p.is_file():
        raise InputError(f"shapes file not found: {p}")
    g = Graph(bind_namespaces="none")
    try:
        g.parse(str(p), format="turtle")
    except Exception as exc:  # noqa: BLE001 - rdflib raises many kinds
        raise InputError(f"{p}: not a readable shapes file ({exc.__class__.__name__}: "
                         f"{str(exc).splitlines()[0][:200] if str(exc) else ''})") from None
    if not any(g.subjects(RDF.type, SH.NodeShape)) and not any(g.subjects(RDF.type, SH.PropertyShape)):
        raise InputError(f"{p}: holds no SHACL shapes (no sh:NodeShape or sh:PropertyShape)")
    return g


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise InputError(f"unknown validation engine {engine!r} (one of {', '.join(ENGINES)})")


# ---------------------------------------------------------------------------
# Loading data into Oxigraph
# ---------------------------------------------------------------------------


def is_store(path: str | Path) -> bool:
    """True when ``path`` is a folder holding an Oxigraph store (``kg build --store``, or the oxigraph CLI)."""
    p = Path(path)
    return p.is_dir() and any((p / mark).is_file() for mark in _STORE_MARKS)


def open_data(path: str | Path) -> ox.Store:
    """An in-memory Oxigraph store of a graph file (bulk-loaded) or of a store folder (copied, read-only).

    The store folder is copied because Oxigraph answers the validation queries
    about three times faster from memory than from its on-disk database, and
    the copy costs about what loading the N-Triples file would.
    """
    p = Path(path)
    if p.is_dir():
        if not is_store(p):
            raise InputError(f"{path}: a folder but not an Oxigraph store (write one with kg build --store DIR)")
        try:
            disk = ox.Store.read_only(str(p))
            store = ox.Store()
            store.bulk_extend(disk.quads_for_pattern(None, None, None))
        except OSError as exc:
            raise InputError(f"{path}: cannot open the store ({str(exc).splitlines()[0][:200]})") from None
        return store
    return load_file(p)


def graph_to_store(data: Graph) -> ox.Store:
    """An rdflib graph copied into an in-memory Oxigraph store (through N-Triples)."""
    store = ox.Store()
    store.bulk_load(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def store_to_graph(store: ox.Store) -> Graph:
    """The default graph of an Oxigraph store as an rdflib graph (for pySHACL)."""
    g = Graph(bind_namespaces="none")
    g.parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()), format="nt")
    return g


# ---------------------------------------------------------------------------
# The engines
# ---------------------------------------------------------------------------


def validate_store(store: ox.Store, shapes: Graph | None = None) -> ValidationReport:
    """Validate the default graph of an Oxigraph store with the shapes compiled to SPARQL."""
    from .shacl_sparql import compile_shapes, run, subclass_closure

    shapes = shapes if shapes is not None else load_shapes()
    queries = compile_shapes(shapes, subclass_closure(store))
    label = ox.NamedNode(str(RDFS.label))
    labels: dict[object, str] = {}

    def focus_label(node: object) -> str:
        if not isinstance(node, ox.NamedNode):
            return ""
        if node not in labels:
            found = [q.object.value for q in store.quads_for_pattern(node, label, None, ox.DefaultGraph())
                     if not isinstance(q.object, ox.Triple)]
            labels[node] = _short(min(found), 30) if found else ""
        return labels[node]

    results = [Violation(
        shape=_local_name(r.check.shape) if r.check.shape else "(unnamed shape)",
        focus=_ox_text(r.focus),
        path=r.path,
        message=" / ".join(r.message),
        value=_ox_text(r.value),
        constraint=_local_name(r.check.constraint) if r.check.constraint else "",
        severity=_local_name(r.check.severity) or "Violation",
        focus_label=focus_label(r.focus),
        component=r.check.component,
    ) for r in run(store, queries)]
    triples = len(store)
    return ValidationReport(not results, tuple(sorted(results)), triples)


def validate_graph_pyshacl(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate an rdflib graph with pySHACL (the reference engine)."""
    from pyshacl import validate

    shapes = shapes if shapes is not None else load_shapes()
    try:
        conforms, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=False)
    except Exception as exc:  # noqa: BLE001 - pySHACL reports bad shapes with its own exception types
        raise InputError(f"the shapes cannot be applied ({exc.__class__.__name__}: "
                         f"{str(exc).splitlines()[0][:200] if str(exc) else ''})") from None
    results = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(r, SH.focusNode)
        labels = sorted(str(x) for x in data.objects(focus, RDFS.label)) if isinstance(focus, URIRef) else []
        path = report.value(r, SH.resultPath)
        results.append(Violation(
            shape=_local(report.value(r, SH.sourceShape)) or "(unnamed shape)",
            focus=_text(focus),
            path=str(path) if isinstance(path, URIRef) else ("(a path)" if path is not None else ""),
            message=" / ".join(sorted({str(m) for m in report.objects(r, SH.resultMessage)})),
            value=_text(report.value(r, SH.value)),
            constraint=_local(report.value(r, SH.sourceConstraint)),
            severity=_local(report.value(r, SH.resultSeverity)) or "Violation",
            focus_label=_short(labels[0], 30) if labels else "",
            component=_local(report.value(r, SH.sourceConstraintComponent)),
        ))
    return ValidationReport(bool(conforms), tuple(sorted(results)), len(data))


def validate_graph(data: Graph, shapes: Graph | None = None, engine: str = "oxigraph") -> ValidationReport:
    """Validate an rdflib graph ``data`` against ``shapes`` (default: the project's shapes)."""
    _check_engine(engine)
    if engine == "pyshacl":
        return validate_graph_pyshacl(data, shapes)
    return validate_store(graph_to_store(data), shapes)


def validate_file(graph: str | Path, shapes: str | Path | None = None, engine: str = "oxigraph") -> ValidationReport:
    """Validate a graph file (Turtle, N-Triples or JSON-LD, by extension) or a store folder against a shapes file."""
    _check_engine(engine)
    shapes_graph = load_shapes(shapes)
    if engine == "pyshacl":
        data = store_to_graph(open_data(graph)) if Path(graph).is_dir() else load_graph(graph)
        return validate_graph_pyshacl(data, shapes_graph)
    return validate_store(open_data(graph), shapes_graph)
