"""The type table (kg/data/types.json, kg.types) is the one list of entity types: everything that names
the types agrees with it, and the ontology declares each."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS

from kg import types
from kg.extract import NESTABLE, merge_mentions
from kg.model import ENTITY_TYPES, Mention
from kg.palette import TYPE_COLOURS, TYPE_NAMES_ZH
from kg.vocab import CLASS_IRI, PK

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "policy-kg.ttl"


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def test_table_has_the_seven_types_in_display_order() -> None:
    assert types.type_names() == ("Bureau", "Law", "Project", "Date", "Organization", "Work", "Event")
    assert ENTITY_TYPES == types.type_names()


def test_every_view_is_taken_from_the_table() -> None:
    rows = types.entity_types()
    assert list(CLASS_IRI) == list(ENTITY_TYPES)
    assert all(CLASS_IRI[t.name] == PK[t.name] for t in rows)
    assert TYPE_COLOURS == {t.name: t.colour for t in rows}
    assert TYPE_NAMES_ZH == {t.name: t.zh for t in rows}
    assert NESTABLE == types.nestable()
    assert all(re.fullmatch(r"#[0-9a-f]{6}", t.colour) for t in rows)
    assert len({t.colour for t in rows}) == len(rows)


def test_ontology_declares_each_type_with_its_english_label(onto: Graph) -> None:
    for t in types.entity_types():
        iri = CLASS_IRI[t.name]
        assert (iri, RDF.type, OWL.Class) in onto, t.name
        assert (iri, RDFS.subClassOf, PK.Entity) in onto, t.name
        en = {str(o) for o in onto.objects(iri, RDFS.label) if isinstance(o, Literal) and o.language == "en"}
        assert en == {t.en}, t.name


def test_ontology_declares_no_entity_class_outside_the_table(onto: Graph) -> None:
    declared = {str(s) for s in onto.subjects(RDFS.subClassOf, PK.Entity)}
    assert declared == {str(iri) for iri in CLASS_IRI.values()}


def test_rank_breaks_ties_between_equal_spans() -> None:
    a = Mention("Event", 0, 4, "xxxx", "xxxx", "r", confidence=0.9)
    b = Mention("Work", 0, 4, "xxxx", "xxxx", "r", confidence=0.9)
    assert types.type_rank("Work") < types.type_rank("Event")
    assert [m.type for m in merge_mentions([a, b])] == ["Work"]
    assert types.type_rank("Unknown") == types.OTHER_RANK > max(t.rank for t in types.entity_types())


def test_nested_kept_only_where_the_table_allows() -> None:
    outer = Mention("Law", 0, 10, "x" * 10, "x", "r")
    inner_ok = Mention("Project", 2, 5, "xxx", "xxx", "r")
    inner_no = Mention("Work", 2, 5, "xxx", "xxx", "r")
    assert {m.type for m in merge_mentions([outer, inner_ok])} == {"Law", "Project"}
    assert {m.type for m in merge_mentions([outer, inner_no])} == {"Law"}


def test_shapes_target_every_type(onto: Graph) -> None:
    """The entity shape of ontology/shapes.ttl names every class of the table (it uses no inference)."""
    from rdflib.namespace import SH

    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    wanted = set(CLASS_IRI.values())
    assert any(wanted | {PK.Entity} == set(shapes.objects(s, SH.targetClass))
               for s in set(shapes.subjects(SH.targetClass, PK.Entity)))


def test_jsonld_context_has_a_term_per_type() -> None:
    import json

    context = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert all(context.get(name) == f"pk:{name}" for name in types.type_names())
