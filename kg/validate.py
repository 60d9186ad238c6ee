"""Checking an exported graph against the SHACL shapes of ``ontology/shapes.ttl``.

:func:`validate_graph` runs pySHACL (no inference: the shapes name every class
they target) and turns its report into :class:`Violation` records;
:meth:`ValidationReport.summary` renders them as a short, readable list for
``kg validate``. The shapes are read from the installed package
(``kg.ontology``), so validation works outside the repository.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from .errors import InputError
from .query import load_graph
from .vocab import PREFIXES

SHAPES_IRI = "https://w3id.org/policy-kg/shapes#"
_DISPLAY_PREFIXES = tuple(sorted((*PREFIXES, ("pks", SHAPES_IRI), ("sh", str(SH))), key=lambda p: -len(p[1])))


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


def _local(node: Node | None) -> str:
    if not isinstance(node, URIRef):
        return ""
    s = str(node)
    for sep in ("#", "/"):
        if sep in s:
            s = s.rsplit(sep, 1)[1]
            break
    return s


def _text(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, Literal):
        return f'"{node}"' + (f"@{node.language}" if node.language else "")
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


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate ``data`` against ``shapes`` (default: the project's shapes)."""
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
        label = data.value(focus, RDFS.label) if isinstance(focus, URIRef) else None
        path = report.value(r, SH.resultPath)
        results.append(Violation(
            shape=_local(report.value(r, SH.sourceShape)) or "(unnamed shape)",
            focus=_text(focus),
            path=str(path) if isinstance(path, URIRef) else ("(a path)" if path is not None else ""),
            message=str(report.value(r, SH.resultMessage) or ""),
            value=_text(report.value(r, SH.value)),
            constraint=_local(report.value(r, SH.sourceConstraint)),
            severity=_local(report.value(r, SH.resultSeverity)) or "Violation",
            focus_label=_short(str(label), 30) if label is not None else "",
        ))
    return ValidationReport(bool(conforms), tuple(sorted(results)), len(data))


def validate_file(graph: str | Path, shapes: str | Path | None = None) -> ValidationReport:
    """Validate a graph file (Turtle, N-Triples or JSON-LD, by extension) against a shapes file."""
    shapes_graph = load_shapes(shapes)
    return validate_graph(load_graph(graph), shapes_graph)
