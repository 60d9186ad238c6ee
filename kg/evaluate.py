"""Scoring an exported graph against hand annotations (the gold JSON format).

The format is described in ``docs/gold-format.md``. Matching follows the
shared scorer's conventions so that figures agree: names are compared after
NFKC, dash unification, removal of quote marks and traditional→simplified
folding; a predicted entity takes the first required gold entity of its type
that one of its names hits; optional gold items count neither way;
relations match on (matched subject, predicate, matched object); links the
gold marks ``explicit: false`` are reported as ``responsibleFor_inferred``
recall, and section owners as ``section_owner`` accuracy.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node

from .errors import GoldError
from .model import ENTITY_TYPES
from .textfold import fold
from .vocab import ORG, PK, RDF, RDFS, SKOS, TIME

CORE = ("Bureau", "Law", "Project", "Date")
SCORED_PREDICATES = ("responsibleFor", "effectiveDate", "period", "subOrganizationOf")
_MARKS = re.compile(r"[《》〈〉“”\"'‘’「」『』\s]")
_DASHES = re.compile(r"[—–―‒－~～至]")


@dataclass
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Report:
    """Everything :func:`evaluate` measured."""

    types: dict[str, Counts]
    predicates: dict[str, Counts]
    misses: dict[str, list[str]] = field(default_factory=dict)
    spurious: dict[str, list[str]] = field(default_factory=dict)
    relation_misses: list[tuple[str, str, str]] = field(default_factory=list)
    relation_spurious: list[tuple[str, str, str]] = field(default_factory=list)
    inferred: tuple[int, int] = (0, 0)
    date_values: tuple[int, int] = (0, 0)
    duplicates: int = 0
    section_owner: tuple[int, int] = (0, 0)

    def figure(self, name: str) -> float:
        """F1 of a type, a predicate, ``core`` or ``relations``."""
        if name in self.types:
            return self.types[name].prf()[2]
        if name in self.predicates:
            return self.predicates[name].prf()[2]
        if name == "core":
            return _micro([self.types[t] for t in CORE]).prf()[2]
        if name == "relations":
            return _micro(list(self.predicates.values())).prf()[2]
        if name == "section_owner":
            return self.section_owner[0] / self.section_owner[1] if self.section_owner[1] else 0.0
        if name == "responsibleFor_inferred":
            return self.inferred[0] / self.inferred[1] if self.inferred[1] else 0.0
        raise KeyError(name)


def _micro(cs: Sequence[Counts]) -> Counts:
    return Counts(sum(c.tp for c in cs), sum(c.fp for c in cs), sum(c.fn for c in cs))


class _Norm:
    def __call__(self, s: object) -> str:
        s = fold(unicodedata.normalize("NFKC", str(s)))
        return _MARKS.sub("", _DASHES.sub("-", s)).lower()


def _time_value(g: Graph, node) -> str | None:
    for p in (TIME.inXSDDate, TIME.inXSDgYearMonth, TIME.inXSDgYear, TIME.inXSDDateTimeStamp):
        v = g.value(node, p)
        if v is not None:
            return re.sub(r"(Z|[+-]\d\d:\d\d)$", "", str(v))[:10]
    b, e = g.value(node, TIME.hasBeginning), g.value(node, TIME.hasEnd)
    if b is not None and e is not None:
        vb, ve = _time_value(g, b), _time_value(g, e)
        if vb and ve:
            return f"{vb}/{ve}"
    return None


def load_gold(paths: Sequence[str | Path]) -> tuple[list[dict], list[dict], list[dict]]:
    """Gold entities, relations and sections of one or more files (same-named entities of several files merged)."""
    norm = _Norm()
    ents: list[dict] = []
    rels: list[dict] = []
    sections: list[dict] = []
    index: dict[tuple[str, str], dict] = {}
    for n, path in enumerate(paths):
        try:
            gold = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise GoldError(f"gold file not found: {path}") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GoldError(f"{path}: not a readable JSON gold file ({exc.__class__.__name__}: {exc})") from None
        if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list):
            raise GoldError(f"{path}: a gold file is a JSON object with an 'entities' list")
        by_id: dict[str, dict] = {}
        for e in gold["entities"]:
            if not isinstance(e, dict) or not {"id", "type", "label"} <= set(e):
                raise GoldError(f"{path}: every entity needs 'id', 'type' and 'label' (got {str(e)[:80]})")
            names = {norm(e["label"])} | {norm(a) for a in e.get("aliases", []) or []}
            names.discard("")
            same = [index[(e["type"], nm)] for nm in sorted(names) if (e["type"], nm) in index]
            if same and n > 0 and same[0]["file"] != n:
                ent = same[0]
                ent["names"] |= names
                ent["optional"] = ent["optional"] and bool(e.get("optional"))
            else:
                ent = {"key": (n, e["id"]), "file": n, "type": e["type"], "names": names, "label": norm(e["label"]),
                       "optional": bool(e.get("optional")), "value": e.get("value"), "order": len(ents)}
                ents.append(ent)
            for nm in names:
                index.setdefault((e["type"], nm), ent)
            by_id[e["id"]] = ent
        for r in gold.get("relations", []) or []:
            try:
                s, o = by_id[r["subject"]], by_id[r["object"]]
            except (KeyError, TypeError):
                raise GoldError(f"{path}: relation {str(r)[:80]} names an unknown entity id") from None
            rels.append({"s": s, "p": r.get("predicate"), "o": o, "explicit": r.get("explicit", True),
                         "optional": bool(r.get("optional"))})
        for sec in gold.get("sections", []) or []:
            if sec.get("bureau") in by_id:
                sections.append({"file": n, "start": sec.get("start"), "end": sec.get("end"),
                                 "bureau": by_id[sec["bureau"]], "explicit": sec.get("bureau_explicit", True)})
    return ents, rels, sections


def _graph_entities(graph: Graph, norm: _Norm) -> tuple[dict[Node, str], dict[Node, set[str]], dict[Node, set[str]],
                                                       dict[Node, str | None]]:
    """Scored type, names, primary names and date value of each entity of ``graph``."""
    s: Node  # a subject of the graph
    p: Node
    types: dict[Node, str] = {}
    for t in ENTITY_TYPES:
        for s in graph.subjects(RDF.type, PK[t]):
            if s not in types or (t in CORE and types[s] not in CORE):
                types[s] = t
    names: dict[Node, set[str]] = defaultdict(set)
    primary: dict[Node, set[str]] = defaultdict(set)
    values: dict[Node, str | None] = {}
    for s, t in types.items():
        for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
            for o in graph.objects(s, p):
                names[s].add(norm(o))
                if p != SKOS.altLabel:
                    primary[s].add(norm(o))
        if t == "Date":
            values[s] = _time_value(graph, s)
    return types, names, primary, values


def _match_entities(report: Report, gents: list[dict], types: dict[Node, str], names: dict[Node, set[str]],
                    primary: dict[Node, set[str]], values: dict[Node, str | None]) -> dict[Node, dict]:
    """Match each graph entity to a gold entity, counting entity hits, misses and duplicates into ``report``."""
    gold_by_name: dict[str, list[dict]] = defaultdict(list)
    for ge in gents:
        for nm in ge["names"]:
            gold_by_name[nm].append(ge)
    misses: dict[str, list[str]] = defaultdict(list)
    spurious: dict[str, list[str]] = defaultdict(list)
    match: dict[Node, dict] = {}
    hit: set = set()
    dv_ok = dv_n = dups = 0
    for s in sorted(types, key=str):
        t = types[s]
        cands = sorted({id(g): g for nm in names[s] for g in gold_by_name.get(nm, [])}.values(),
                       key=lambda g: (g["label"] not in primary[s], not (g["names"] & primary[s]), g["order"]))
        same = [g for g in cands if g["type"] == t]
        fresh = [g for g in same if not g["optional"] and g["key"] not in hit]
        done = [g for g in same if not g["optional"] and g["key"] in hit]
        optional = [g for g in same if g["optional"]]
        if fresh:
            match[s] = fresh[0]
            hit.add(fresh[0]["key"])
            report.types[t].tp += 1
            if t == "Date" and fresh[0].get("value"):
                dv_n += 1
                dv_ok += values.get(s) == fresh[0]["value"]
        elif done:
            match[s] = done[0]
            dups += 1
        elif optional:
            match[s] = optional[0]
        else:
            report.types[t].fp += 1
            spurious[t].append(min(names[s]) if names[s] else str(s))
            if cands:
                match[s] = cands[0]
    for ge in gents:
        if not ge["optional"] and ge["key"] not in hit and ge["type"] in report.types:
            report.types[ge["type"]].fn += 1
            misses[ge["type"]].append(min(ge["names"]))
    report.misses, report.spurious = dict(misses), dict(spurious)
    report.date_values = (dv_ok, dv_n)
    report.duplicates = dups
    return match


def _score_relations(report: Report, graph: Graph, grels: list[dict], types: dict[Node, str],
                     names: dict[Node, set[str]], match: dict[Node, dict]) -> None:
    """Count the scored relations of ``graph`` against the gold ones into ``report`` (and the inferred ones found)."""
    gold_rels = {(r["s"]["key"], r["p"], r["o"]["key"]): r for r in grels if r["p"] in SCORED_PREDICATES}
    found: set = set()
    inferred_found: set = set()
    for s, p, o in sorted(graph):
        local = re.split(r"[#/]", str(p))[-1]
        if local not in SCORED_PREDICATES or p not in (PK[local] if local != "subOrganizationOf" else ORG[local],) \
                or s not in types or o not in types:
            continue
        gs, go = match.get(s), match.get(o)
        key = (gs["key"], local, go["key"]) if gs and go else None
        r = gold_rels.get(key) if key else None
        if r is None:
            report.predicates[local].fp += 1
            s_name, o_name = (min(names[s]) if names[s] else "?"), (min(names[o]) if names[o] else "?")
            report.relation_spurious.append((s_name, local, o_name))
        elif not (r["s"]["optional"] or r["o"]["optional"] or not r["explicit"] or r["optional"]):
            if key not in found:
                found.add(key)
                report.predicates[local].tp += 1
        elif not r["explicit"] and not r["o"]["optional"] and local == "responsibleFor":
            inferred_found.add(key)
    inferred_total = 0
    for key, r in gold_rels.items():
        # an optional relation (a supporting unit, 配合) counts neither way, as in ../shared/tools/score.py
        required = not (r["s"]["optional"] or r["o"]["optional"] or not r["explicit"] or r["optional"])
        if not r["explicit"] and not r["o"]["optional"] and r["p"] == "responsibleFor":
            inferred_total += 1
        if required and key not in found:
            report.predicates[r["p"]].fn += 1
            report.relation_misses.append((min(r["s"]["names"]), r["p"], min(r["o"]["names"])))
    report.inferred = (len(inferred_found), inferred_total)


def evaluate(graph: Graph, gold_paths: Sequence[str | Path]) -> Report:
    """Score ``graph`` against the gold files."""
    gents, grels, gsections = load_gold(gold_paths)
    types, names, primary, values = _graph_entities(graph, _Norm())
    report = Report({t: Counts() for t in ENTITY_TYPES}, {p: Counts() for p in SCORED_PREDICATES})
    match = _match_entities(report, gents, types, names, primary, values)
    _score_relations(report, graph, grels, types, names, match)
    report.section_owner = _section_owner(graph, gsections, match)
    return report


def _section_owner(graph: Graph, gsections: list[dict], match: dict) -> tuple[int, int]:
    """How many gold sections got the right owner (``pk:sectionOwner`` of the section holding their start)."""
    if not gsections:
        return (0, 0)
    predicted = []
    for sec in graph.subjects(RDF.type, PK.Section):
        start = graph.value(sec, PK.start)
        owner = graph.value(sec, PK.sectionOwner)
        if start is not None:
            predicted.append((int(start), owner))  # type: ignore[call-overload]  # an xsd:integer literal
    predicted.sort()
    ok = 0
    for gs in gsections:
        owner = None
        for start, o in predicted:
            if start <= (gs["start"] or 0) + 20:
                owner = o
            else:
                break
        if owner is not None and match.get(owner) is gs["bureau"]:
            ok += 1
    return (ok, len(gsections))


def format_report(report: Report, show: bool = False) -> str:
    """Human-readable table (the same columns as the shared scorer)."""
    lines = [f"{'':24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for name, c in list(report.types.items()) + list(report.predicates.items()):
        p, r, f = c.prf()
        lines.append(f"{name:24} {p:6.3f} {r:6.3f} {f:6.3f} {c.tp:4} {c.fp:4} {c.fn:4}")
    for name in ("core", "relations"):
        lines.append(f"{name:24} {'':6} {'':6} {report.figure(name):6.3f}")
    lines.append(f"{'responsibleFor_inferred recall':32} {report.figure('responsibleFor_inferred'):.3f}"
                 f" ({report.inferred[0]}/{report.inferred[1]})")
    if report.section_owner[1]:
        lines.append(f"{'section_owner accuracy':32} {report.figure('section_owner'):.3f}"
                     f" ({report.section_owner[0]}/{report.section_owner[1]})")
    dv = f"{report.date_values[0] / report.date_values[1]:.2f}" if report.date_values[1] else "n/a"
    lines.append(f"date_values={dv} duplicates={report.duplicates}")
    if show:
        for t in ENTITY_TYPES:
            if report.misses.get(t):
                lines.append(f"missed {t}: " + " | ".join(report.misses[t]))
            if report.spurious.get(t):
                lines.append(f"spurious {t}: " + " | ".join(report.spurious[t]))
        lines += ["missed relation: " + " ".join(m) for m in report.relation_misses]
        lines += ["spurious relation: " + " ".join(m) for m in report.relation_spurious]
    return "\n".join(lines) + "\n"
