"""ontology/shapes.ttl accepts well-formed graphs and names the rule a bad one breaks."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH, SKOS, TIME, XSD

from kg.ids import (
    document_iri,
    entity_iri,
    entity_key,
    instant_iri,
    mention_iri,
    statement_iri,
)
from kg.vocab import ONTOLOGY_IRI, ORG, PK

SHAPES_FILE = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
DOC_ID = "notes/sample.txt"
SENTENCE = "示例司负责示例工程，该工程自2016年至2020年实施。"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph(bind_namespaces="core").parse(SHAPES_FILE, format="turtle")


def _report(data: Graph, shapes: Graph) -> tuple[bool, set[str]]:
    """Whether ``data`` conforms, and the local names of the shapes and constraints that failed."""
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=False)
    failed: set[str] = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        for prop in (SH.sourceShape, SH.sourceConstraint):
            node = report.value(result, prop)
            if isinstance(node, URIRef):
                failed.add(str(node).rsplit("#", 1)[-1])
    return bool(conforms), failed


# ---------------------------------------------------------------------------
# A small, complete, conforming graph built the way the exporter mints IRIs
# ---------------------------------------------------------------------------

DOC = document_iri(DOC_ID)
BUREAU = entity_iri(entity_key("Bureau", "示例司"))
PARENT = entity_iri(entity_key("Bureau", "示例总局"))
PROJECT = entity_iri(entity_key("Project", "示例工程"))
LAW = entity_iri(entity_key("Law", "示例管理条例"))
EVENT = entity_iri(entity_key("Event", "示例大会"))
YEAR = entity_iri(entity_key("Date", "2017"))
DAY = entity_iri(entity_key("Date", "2017-03-01"))
SPAN = entity_iri(entity_key("Date", "2016/2020"))
BEGIN = instant_iri("2016")
END = instant_iri("2020")


def _mention(g: Graph, type_: str, start: int, end: int, sentence: str = SENTENCE) -> URIRef:
    m = mention_iri(DOC_ID, type_, start, end)
    g.add((m, RDF.type, PK.Mention))
    g.add((m, PK.document, DOC))
    g.add((m, PK.start, Literal(start)))
    g.add((m, PK.end, Literal(end)))
    g.add((m, PK.sentence, Literal(sentence)))
    return m


def _entity(g: Graph, iri: URIRef, type_: str, label: str, start: int) -> None:
    g.add((iri, RDF.type, PK[type_]))
    g.add((iri, RDFS.label, Literal(label, lang="zh")))
    # the mention's sentence names the entity (pks:Mention-names-entity)
    g.add((iri, PK.mention, _mention(g, type_, start, start + len(label), f"{SENTENCE}{label}。")))
    g.add((iri, PK.mentionCount, Literal(1)))


def _relate(g: Graph, s: URIRef, p: URIRef, o: URIRef, *, inferred: bool = False) -> URIRef:
    st_ = statement_iri(str(s), str(p), str(o), DOC_ID, 0, len(SENTENCE), "test-rule")
    g.add((s, p, o))
    g.add((st_, RDF.type, RDF.Statement))
    g.add((st_, RDF.subject, s))
    g.add((st_, RDF.predicate, p))
    g.add((st_, RDF.object, o))
    g.add((st_, PK.evidence, _mention(g, "Evidence", 0, len(SENTENCE))))
    g.add((st_, PK.rule, Literal("test-rule")))
    g.add((st_, PK.confidence, Literal(Decimal("0.8"))))
    g.add((st_, PK.inferred, Literal(inferred)))
    return st_


def conforming_graph() -> Graph:
    g = Graph()
    g.add((DOC, RDF.type, PK.Document))
    g.add((DOC, DCTERMS.title, Literal("示例文档")))
    g.add((DOC, DCTERMS.source, Literal(DOC_ID)))
    g.add((DOC, PK.sha256, Literal("ab" * 32)))
    _entity(g, BUREAU, "Bureau", "示例司", 0)
    _entity(g, PARENT, "Bureau", "示例总局", 30)
    _entity(g, PROJECT, "Project", "示例工程", 5)
    _entity(g, LAW, "Law", "示例管理条例", 40)
    _entity(g, EVENT, "Event", "示例大会", 50)
    _entity(g, YEAR, "Date", "2017年", 60)
    _entity(g, DAY, "Date", "2017年3月1日", 70)
    _entity(g, SPAN, "Date", "2016年至2020年", 14)
    g.add((BUREAU, SKOS.altLabel, Literal("该司", lang="zh")))
    g.add((BUREAU, PK.englishName, Literal("Sample Department", lang="en")))
    g.add((YEAR, TIME.inXSDgYear, Literal("2017", datatype=XSD.gYear)))
    g.add((DAY, TIME.inXSDDate, Literal("2017-03-01", datatype=XSD.date)))
    g.add((SPAN, TIME.hasBeginning, BEGIN))
    g.add((SPAN, TIME.hasEnd, END))
    for instant, year in ((BEGIN, "2016"), (END, "2020")):
        g.add((instant, RDF.type, TIME.Instant))
        g.add((instant, TIME.inXSDgYear, Literal(year, datatype=XSD.gYear)))
    _relate(g, BUREAU, PK.responsibleFor, PROJECT)
    _relate(g, BUREAU, PK.responsibleFor, LAW, inferred=True)
    _relate(g, LAW, PK.effectiveDate, DAY)
    _relate(g, PROJECT, PK.period, SPAN)
    _relate(g, LAW, PK.period, SPAN)
    _relate(g, BUREAU, PK.organizes, EVENT)
    _relate(g, LAW, PK.issuedBy, PARENT)
    _relate(g, BUREAU, ORG.subOrganizationOf, PARENT)
    return g


def test_shapes_accept_conforming_graph(shapes: Graph) -> None:
    conforms, failed = _report(conforming_graph(), shapes)
    assert conforms, failed


def test_shapes_accept_unnamed_inferred_owner_references_and_instrument_links(shapes: Graph) -> None:
    # an organ the text never names: no pk:mention, grounded by its inferred statement's evidence (issue 15)
    g = conforming_graph()
    owner = entity_iri(entity_key("Bureau", "示例推断司"))
    g.add((owner, RDF.type, PK.Bureau))
    g.add((owner, RDFS.label, Literal("示例推断司", lang="zh")))
    g.add((owner, PK.mentionCount, Literal(0)))
    _relate(g, owner, PK.responsibleFor, PROJECT, inferred=True)
    g.add((BUREAU, PK.reference, _mention(g, "Bureau", 10, 12, "该司负责。")))
    g.add((BUREAU, PK.level, Literal("national")))
    g.add((BUREAU, PK.sector, Literal("文化")))
    g.add((DOC, PK.instrument, LAW))
    other = entity_iri(entity_key("Law", "示例上位法"))
    _entity(g, other, "Law", "示例上位法", 80)
    _relate(g, LAW, PK.basedOn, other)
    _relate(g, LAW, PK.amends, other)
    _relate(g, LAW, PK.repeals, other)
    assert _report(g, shapes) == (True, set())


def test_shapes_accept_year_month_and_section(shapes: Graph) -> None:
    g = conforming_graph()
    g.remove((YEAR, TIME.inXSDgYear, None))
    g.add((YEAR, TIME.inXSDgYearMonth, Literal("2017-03", datatype=XSD.gYearMonth)))
    section = URIRef(f"{DOC}/section-for-test")
    g.add((DOC, PK.section, section))
    g.add((section, RDF.type, PK.Section))
    g.add((section, PK.document, DOC))
    g.add((section, PK.heading, Literal("小标题")))
    g.add((section, PK.start, Literal(0)))
    g.add((section, PK.end, Literal(20)))
    g.add((section, PK.sectionOwner, BUREAU))
    conforms, failed = _report(g, shapes)
    assert conforms, failed


def test_shapes_accept_graph_built_from_bundled_sample(shapes: Graph, pipeline) -> None:
    from kg.api import build_graph

    g = build_graph(None, pipeline=pipeline)
    assert len(g) > 0
    conforms, failed = _report(g, shapes)
    assert conforms, failed


def test_shapes_accept_graph_built_from_reference(shapes: Graph, pipeline, reference_path: Path) -> None:
    from kg.api import build_graph

    g = build_graph([reference_path], pipeline=pipeline)
    assert any(g.subjects(RDF.type, RDF.Statement))
    conforms, failed = _report(g, shapes)
    assert conforms, failed


def test_shapes_use_only_vocabulary_terms(shapes: Graph) -> None:
    used = {t for triple in shapes for t in triple if isinstance(t, URIRef) and str(t).startswith(ONTOLOGY_IRI)}
    assert used, "the shapes constrain no pk: term"
    assert sorted(str(t) for t in used if str(t)[len(ONTOLOGY_IRI):] not in PK.__annotations__) == []


# ---------------------------------------------------------------------------
# Each broken graph fails exactly the rule it breaks
# ---------------------------------------------------------------------------


def _set(s: URIRef, p: URIRef, o) -> Callable[[Graph], None]:
    def change(g: Graph) -> None:
        g.remove((s, p, None))
        if o is not None:
            g.add((s, p, o))

    return change


def _add(*triples) -> Callable[[Graph], None]:
    def change(g: Graph) -> None:
        for t in triples:
            g.add(t)

    return change


def _first_statement(g: Graph, predicate: URIRef) -> URIRef:
    return min(g.subjects(RDF.predicate, predicate))


def _on_statement(predicate: URIRef, p: URIRef, o) -> Callable[[Graph], None]:
    def change(g: Graph) -> None:
        _set(_first_statement(g, predicate), p, o)(g)

    return change


def _drop_statement(predicate: URIRef) -> Callable[[Graph], None]:
    def change(g: Graph) -> None:
        st_ = _first_statement(g, predicate)
        g.remove((st_, None, None))

    return change


def _drop_direct(s: URIRef, p: URIRef, o: URIRef) -> Callable[[Graph], None]:
    def change(g: Graph) -> None:
        g.remove((s, p, o))

    return change


def _mention_of(g: Graph, entity: URIRef) -> URIRef:
    return min(g.objects(entity, PK.mention))


def _on_mention(p: URIRef, o) -> Callable[[Graph], None]:
    def change(g: Graph) -> None:
        _set(_mention_of(g, BUREAU), p, o)(g)

    return change


def _blank_entity(g: Graph) -> None:
    node = BNode()
    g.add((node, RDF.type, PK.Organization))
    g.add((node, RDFS.label, Literal("示例协会", lang="zh")))
    g.add((node, PK.mention, _mention_of(g, BUREAU)))


BROKEN: dict[str, tuple[Callable[[Graph], None], set[str]]] = {
    # a bureau without its Chinese label also loses the name its mention's sentence holds
    "no label": (_set(BUREAU, RDFS.label, None), {"Entity-label", "EntityShape", "Mention-names-entity"}),
    "label not Chinese": (_set(BUREAU, RDFS.label, Literal("Sample Department", lang="en")),
                          {"Entity-label", "EntityShape", "Mention-names-entity"}),
    "label without language": (_set(PROJECT, RDFS.label, Literal("示例工程")), {"Entity-label"}),
    "two labels": (_add((PROJECT, RDFS.label, Literal("工程", lang="zh"))), {"Entity-label"}),
    "altLabel equals label": (_add((PROJECT, SKOS.altLabel, Literal("示例工程", lang="zh"))), {"Entity-altLabel"}),
    "no mention": (_set(EVENT, PK.mention, None), {"EntityShape", "Entity-grounded"}),
    "mention sentence names another entity": (_on_mention(PK.sentence, Literal("示例总局负责。")),
                                              {"EntityShape", "Mention-names-entity"}),
    "reference not a Mention": (_add((BUREAU, PK.reference, DOC)), {"ReferenceShape"}),
    "level not a known level": (_add((BUREAU, PK.level, Literal("galactic"))), {"Level-value"}),
    "sector on a Law": (_add((LAW, PK.sector, Literal("文化"))), {"LevelSectorShape"}),
    "basedOn a Project": (lambda g: _relate(g, LAW, PK.basedOn, PROJECT), {"BasedOn-object"}),
    "amends from a Project": (lambda g: _relate(g, PROJECT, PK.amends, LAW), {"LawLinkShape"}),
    "instrument a Bureau": (_add((DOC, PK.instrument, BUREAU)), {"Instrument-object"}),
    "mention not a Mention": (_set(EVENT, PK.mention, DOC), {"Entity-mention"}),
    "entity is a blank node": (_blank_entity, {"EntityShape", "Mention-names-entity"}),
    "mention without document": (_on_mention(PK.document, None), {"Mention-document"}),
    "mention document not a Document": (_on_mention(PK.document, PROJECT), {"Mention-document"}),
    "start not before end": (_on_mention(PK.start, Literal(99)), {"Mention-start"}),
    "start is a string": (_on_mention(PK.start, Literal("0")), {"Mention-start"}),
    "negative start": (_on_mention(PK.start, Literal(-1)), {"Mention-start"}),
    "end missing": (_on_mention(PK.end, None), {"Mention-end"}),
    "sentence missing": (_on_mention(PK.sentence, None), {"Mention-sentence"}),
    "sentence not a string": (_on_mention(PK.sentence, Literal(3)),
                              {"Mention-sentence", "EntityShape", "Mention-names-entity"}),
    "no title": (_set(DOC, DCTERMS.title, None), {"Document-title"}),
    "no source": (_set(DOC, DCTERMS.source, None), {"Document-source"}),
    "short digest": (_set(DOC, PK.sha256, Literal("ab" * 31)), {"Document-sha256"}),
    "digest not hex": (_set(DOC, PK.sha256, Literal("zz" * 32)), {"Document-sha256"}),
    "date without value": (_set(YEAR, TIME.inXSDgYear, None), {"DateShape"}),
    "date with two values": (_add((DAY, TIME.inXSDgYear, Literal("2017", datatype=XSD.gYear))), {"DateShape"}),
    "date with two days": (_add((DAY, TIME.inXSDDate, Literal("2017-03-02", datatype=XSD.date))), {"DateShape"}),
    "span without end": (_set(SPAN, TIME.hasEnd, None), {"DateShape"}),
    "day as plain string": (_set(DAY, TIME.inXSDDate, Literal("2017-03-01")), {"Date-inXSDDate"}),
    "year typed as date": (_set(YEAR, TIME.inXSDgYear, Literal("2017-01-01", datatype=XSD.date)), {"Date-inXSDgYear"}),
    "span ends before it begins": (
        _set(END, TIME.inXSDgYear, Literal("2015", datatype=XSD.gYear)), {"DateSpanShape", "Date-spanOrder"}),
    "instant without value": (_set(BEGIN, TIME.inXSDgYear, None), {"InstantShape"}),
    "beginning not an Instant": (_set(SPAN, TIME.hasBeginning, YEAR), {"Date-hasBeginning"}),
    "confidence above 1": (_on_statement(PK.effectiveDate, PK.confidence, Literal(Decimal("1.5"))),
                           {"Statement-confidence"}),
    "confidence a double": (_on_statement(PK.effectiveDate, PK.confidence, Literal(0.5, datatype=XSD.double)),
                            {"Statement-confidence"}),
    "inferred missing": (_on_statement(PK.effectiveDate, PK.inferred, None), {"Statement-inferred"}),
    "inferred a string": (_on_statement(PK.effectiveDate, PK.inferred, Literal("no")), {"Statement-inferred"}),
    "rule missing": (_on_statement(PK.effectiveDate, PK.rule, None), {"Statement-rule"}),
    "evidence missing": (_on_statement(PK.effectiveDate, PK.evidence, None), {"Statement-evidence"}),
    "evidence not a Mention": (_on_statement(PK.effectiveDate, PK.evidence, DOC), {"Statement-evidence"}),
    "statement subject missing": (
        _on_statement(PK.organizes, RDF.subject, None), {"Statement-subject", "ReifiedShape", "Relation-reified"}),
    "statement object a literal": (_on_statement(PK.organizes, RDF.object, Literal("示例大会")), 
        {"Statement-object", "StatementShape", "Statement-asserted", "ReifiedShape", "Relation-reified"}),
    "statement predicate unknown": (_on_statement(PK.organizes, RDF.predicate, RDFS.seeAlso), 
        {"Statement-predicate", "StatementShape", "Statement-asserted", "ReifiedShape", "Relation-reified"}),
    "statement without direct triple": (_drop_direct(BUREAU, PK.organizes, EVENT),
                                        {"StatementShape", "Statement-asserted"}),
    "direct triple without statement": (_drop_statement(PK.issuedBy), {"ReifiedShape", "Relation-reified"}),
    "responsibleFor from a Law": (_add((LAW, PK.responsibleFor, PROJECT)),
                                  {"ResponsibleForShape", "ReifiedShape", "Relation-reified"}),
    "responsibleFor to a Date": (lambda g: _relate(g, BUREAU, PK.responsibleFor, YEAR), {"ResponsibleFor-object"}),
    "effectiveDate to a Project": (lambda g: _relate(g, LAW, PK.effectiveDate, PROJECT), {"EffectiveDate-object"}),
    "effectiveDate from a Project": (lambda g: _relate(g, PROJECT, PK.effectiveDate, DAY), {"EffectiveDateShape"}),
    "period from a Bureau": (lambda g: _relate(g, BUREAU, PK.period, SPAN), {"PeriodShape"}),
    "period to a Bureau": (lambda g: _relate(g, PROJECT, PK.period, PARENT), {"Period-object"}),
    "organizes a Law": (lambda g: _relate(g, BUREAU, PK.organizes, LAW), {"Organizes-object"}),
    "organizes from a Project": (lambda g: _relate(g, PROJECT, PK.organizes, EVENT), {"OrganizesShape"}),
    "sub-organization of a Project": (lambda g: _relate(g, BUREAU, ORG.subOrganizationOf, PROJECT),
                                      {"SubOrganizationOf-object"}),
    "sub-organization from a Law": (lambda g: _relate(g, LAW, ORG.subOrganizationOf, PARENT),
                                    {"SubOrganizationOfShape"}),
    "issuedBy a Project": (lambda g: _relate(g, LAW, PK.issuedBy, PROJECT), {"IssuedBy-object"}),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_shapes_reject_broken_graph(shapes: Graph, case: str) -> None:
    change, expected = BROKEN[case]
    g = conforming_graph()
    change(g)
    conforms, failed = _report(g, shapes)
    assert not conforms
    assert failed == expected


@settings(max_examples=30, deadline=None)
@given(start=st.integers(min_value=-3, max_value=40), end=st.integers(min_value=-3, max_value=40))
def test_shapes_mention_span_order(shapes: Graph, start: int, end: int) -> None:
    g = conforming_graph()
    m = _mention_of(g, PROJECT)
    _set(m, PK.start, Literal(start))(g)
    _set(m, PK.end, Literal(end))(g)
    conforms, failed = _report(g, shapes)
    assert conforms == (0 <= start < end)
    if not conforms:
        assert failed == {"Mention-start"}
