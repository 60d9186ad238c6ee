"""The rule registry (kg/data/rules.tsv, kg.rules) covers every rule the code can emit and every rule a
built graph names, and the ontology's rule list (ontology/rules.md) is generated from it."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg import rules
from kg.model import PREDICATES
from kg.types import type_names

ROOT = Path(__file__).resolve().parent.parent
KG = ROOT / "kg"
#: A string constant shaped like a rule id: dotted lower-case words (an id) or ending in ':' (a family prefix).
_RULE_SHAPE = re.compile(r"^[a-z]+(?:\.[a-z][a-z0-9_-]*)+:?$")
_PK_RULE = re.compile(r'pk:rule "([^"\\]*)"')
#: Calls that take a rule id, and the position of the rule argument (also passed as rule=…).
_RULE_ARG = {"Relation": 3, "make_mention": 4, "Mention": 5, "SectionOwner": 3}


def _families() -> set[str]:
    """First words of the registered dotted ids (bureau, law, date …): a constant starting so is a rule id."""
    return {r.id.split(".", 1)[0] for r in rules.rules() if "." in r.id}


def _is_prefix(text: str) -> bool:
    """Whether ``text`` begins some registered id (a prefix tested with startswith, e.g. law.statute)."""
    return any(r.id.startswith(text) for r in rules.rules())


def _literals(node: ast.AST | None) -> Iterator[str]:
    """The string constants of an expression (a literal, or each branch of a conditional, tuple or list)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)
    elif isinstance(node, ast.Tuple | ast.List | ast.Set):
        for elt in node.elts:
            yield from _literals(elt)


def _rule_arguments(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, literal) of every rule id given as a rule: ``rule="…"``, the rule position of the calls that
    make mentions and relations, ``rule = "…"`` assignments and comparisons with ``x.rule``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == "rule":
                    yield from ((node.lineno, s) for s in _literals(kw.value))
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            pos = _RULE_ARG.get(name)
            if pos is not None and len(node.args) > pos:
                yield from ((node.lineno, s) for s in _literals(node.args[pos]))
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id.lower() == "rule":
                    yield from ((node.lineno, s) for s in _literals(node.value))
        elif isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute) and node.left.attr == "rule":
            for comp in node.comparators:
                yield from ((node.lineno, s) for s in _literals(comp))


def _sources() -> list[Path]:
    return sorted(KG.rglob("*.py"))


def test_registry_rows_are_complete() -> None:
    table = rules.rules()
    assert len(table) >= 80
    mention_stages = {"bureaus", "laws", "works", "projects", "dates", "organizations", "events"}
    for r in table:
        assert r.description.strip() and r.description == r.description.strip(), r.id
        assert 0 < r.confidence <= 1, r.id
        if r.stage in mention_stages:
            assert len(r.output) == 1 and r.output[0] in type_names(), r.id
        elif r.stage in ("relations", "curation") or r.family:
            assert set(r.output) <= set(PREDICATES), r.id


def test_mention_stages_are_the_extractors() -> None:
    from kg.extract import EXTRACTORS

    names = [name for name, _ in EXTRACTORS]
    assert set(names) <= set(rules.STAGES)


def test_lookup_api() -> None:
    assert rules.confidence("law.title") == 1.0
    assert rules.get("gazetteer.covers:某某司") is rules.get("gazetteer.covers:*")
    assert rules.describe("no.such-rule") == ""
    with pytest.raises(KeyError, match="no.such-rule"):
        rules.confidence("no.such-rule")


def test_every_rule_literal_in_the_source_is_registered() -> None:
    """Every rule id written in kg/ (rule arguments, and any constant shaped like an id of a rule family)."""
    families = _families()
    missing = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for line, text in _rule_arguments(tree):
            if not rules.is_registered(text) and not (text.endswith(":") and _is_prefix(text)):
                missing.append(f"{path.relative_to(ROOT)}:{line}: {text!r}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _RULE_SHAPE.match(node.value):
                text = node.value
                if text.split(".", 1)[0] in families and not rules.is_registered(text) and not _is_prefix(text):
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text!r}")
    assert not missing, "rule ids not in kg/data/rules.tsv:\n" + "\n".join(sorted(set(missing)))


def test_the_scan_sees_rule_ids() -> None:
    """The source scan above finds the rules (a guard against a scan that silently finds nothing)."""
    found = set()
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        found |= {text for _, text in _rule_arguments(tree)}
        found |= {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                  and _RULE_SHAPE.match(n.value) and rules.is_registered(n.value)}
    assert {"law.title", "section.owner", "lead-unit", "correction", "law.based-on"} <= found
    assert len(found) >= 80


def test_every_date_form_is_registered() -> None:
    """The date rules are ``date.<form>`` for each form of the time grammar."""
    from kg.timex import TIMEX

    forms = [name for name, i in TIMEX.groupindex.items() if "_" not in name or name in
             {"day_span", "month_span", "year_span", "y_half", "y_quarter", "y_part", "plan_full", "plan_short",
              "md_span", "m_span", "md_line", "bare_year"}]
    assert "ymd" in forms and "bare_year" in forms
    assert [f for f in forms if not rules.is_registered(f"date.{f}")] == []


def _rule_ids(ttl: str) -> set[str]:
    return set(_PK_RULE.findall(ttl))


def _built_rule_ids(paths: list[Path]) -> set[str]:
    """The rule ids a build of ``paths`` writes as pk:rule: those of its mentions and its relations."""
    from kg.api import build

    corpus = build(paths, out_dir=None).corpus
    return {m.rule for e in corpus.entities for m in e.mentions} | {r.rule for r in corpus.relations}


def test_rules_of_the_sample_build_are_registered() -> None:
    from kg.api import sample_path

    ids = _built_rule_ids([sample_path()])
    assert len(ids) > 20
    assert sorted(i for i in ids if not rules.is_registered(i)) == []


def test_rules_of_the_committed_graphs_are_registered() -> None:
    graphs = sorted((ROOT / "output").glob("*.ttl")) + sorted((ROOT / "tests").rglob("*.ttl"))
    ids = set()
    for p in graphs:
        ids |= _rule_ids(p.read_text(encoding="utf-8"))
    assert sorted(i for i in ids if not rules.is_registered(i)) == []


def test_rules_of_the_reference_build_are_registered(reference_path: Path) -> None:
    ids = _built_rule_ids([reference_path])
    assert len(ids) > 20
    assert sorted(i for i in ids if not rules.is_registered(i)) == []


def test_ontology_rule_list_is_generated_from_the_registry() -> None:
    doc = ROOT / "ontology" / "rules.md"
    assert doc.read_text(encoding="utf-8") == rules.rules_markdown(), (
        "ontology/rules.md disagrees with kg/data/rules.tsv: run `python -m kg.rules > ontology/rules.md`")
    assert all(f"`{r.id}`" in rules.markdown_table() for r in rules.rules())


def test_ontology_points_to_the_rule_list() -> None:
    from rdflib import Graph, Literal
    from rdflib.namespace import RDFS

    from kg.vocab import PK

    g = Graph().parse(ROOT / "ontology" / "policy-kg.ttl", format="turtle")
    comments = [str(o) for o in g.objects(PK.rule, RDFS.comment) if isinstance(o, Literal)]
    assert comments and all("ontology/rules.md" in c for c in comments)


def _float_args(node: ast.Call) -> Iterator[float]:
    """The float constants a call passes (positionally or by keyword): a confidence written inline."""
    for arg in [*node.args, *(kw.value for kw in node.keywords)]:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, float):
            yield arg.value


def test_default_confidences_come_from_the_registry() -> None:
    """A call naming a rule by a literal id takes the rule's default confidence from the registry, never as a
    literal equal to it (a literal that differs says its context in a comment)."""
    found = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            ids = {a.value for a in [*node.args, *(kw.value for kw in node.keywords)]
                   if isinstance(a, ast.Constant) and isinstance(a.value, str) and rules.is_registered(a.value)}
            if len(ids) == 1:
                rid = next(iter(ids))
                found += [f"{path.relative_to(ROOT)}:{node.lineno}: {rid} {v}" for v in _float_args(node)
                          if v == rules.confidence(rid)]
    assert not found, "write rules.confidence(<id>) instead of the literal:\n" + "\n".join(found)
