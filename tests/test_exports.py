"""N-Triples and JSON-LD exports: deterministic, and parsed back isomorphic to graph.ttl."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg import exports
from kg.cli import main
from kg.vocab import ONTOLOGY_IRI, ORG, PK, PREFIXES, RDF, RDFS, SKOS, TIME, XSD

# rdflib's own JSON-LD parser still builds a ConjunctiveGraph
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

ROOT = Path(__file__).resolve().parent.parent
SUBJECT = URIRef("https://w3id.org/policy-kg/id/project/0123456789abcdef")
MENTION = URIRef("https://w3id.org/policy-kg/id/mention/0123456789abcdef/project-3-9")


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory, pipeline) -> Path:
    """The bundled sample built with every RDF format."""
    from kg.api import build

    out = tmp_path_factory.mktemp("sample")
    build(out_dir=out, pipeline=pipeline, rdf_formats=("ttl", "jsonld", "nt"))
    return out


def _rdflib(path: Path) -> Graph:
    fmt = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}[path.suffix]
    return Graph().parse(path, format=fmt)


def _oxigraph(data: str, fmt: ox.RdfFormat) -> set:
    return {(q.subject, q.predicate, q.object) for q in ox.parse(data.encode("utf-8"), format=fmt)}


# ---------------------------------------------------------------------------
# Round trips on real builds
# ---------------------------------------------------------------------------


def test_build_writes_the_requested_formats(sample_out: Path) -> None:
    assert {p.name for p in sample_out.glob("graph.*")} >= {"graph.ttl", "graph.jsonld", "graph.nt"}


@pytest.mark.parametrize("name", ["graph.nt", "graph.jsonld"])
def test_export_parses_isomorphic_to_turtle_in_rdflib(sample_out: Path, name: str) -> None:
    ttl = _rdflib(sample_out / "graph.ttl")
    other = _rdflib(sample_out / name)
    assert len(ttl) > 500
    assert len(other) == len(ttl)
    assert isomorphic(other, ttl)


@pytest.mark.parametrize("name, fmt", [("graph.nt", ox.RdfFormat.N_TRIPLES), ("graph.jsonld", ox.RdfFormat.JSON_LD)])
def test_export_parses_to_the_same_triples_in_oxigraph(sample_out: Path, name: str, fmt) -> None:
    ttl = _oxigraph((sample_out / "graph.ttl").read_text(encoding="utf-8"), ox.RdfFormat.TURTLE)
    assert _oxigraph((sample_out / name).read_text(encoding="utf-8"), fmt) == ttl


def test_exports_of_reference_document_round_trip(pipeline, reference_path: Path, tmp_path: Path) -> None:
    from kg.api import build

    build([reference_path], out_dir=tmp_path, pipeline=pipeline, rdf_formats=("jsonld", "nt"))
    ttl = _rdflib(tmp_path / "graph.ttl")
    assert isomorphic(_rdflib(tmp_path / "graph.nt"), ttl)
    assert isomorphic(_rdflib(tmp_path / "graph.jsonld"), ttl)


def test_exports_are_byte_identical_across_builds(sample_out: Path, pipeline, tmp_path: Path) -> None:
    from kg.api import build

    build(out_dir=tmp_path, pipeline=pipeline, rdf_formats=("nt", "jsonld"))
    for name in ("graph.nt", "graph.jsonld"):
        assert (tmp_path / name).read_bytes() == (sample_out / name).read_bytes()


def test_writers_do_not_depend_on_triple_order(sample_out: Path) -> None:
    triples = list(Graph().parse(sample_out / "graph.ttl", format="turtle"))
    shuffled = triples[:]
    random.Random(7).shuffle(shuffled)
    assert exports.to_ntriples(triples) == exports.to_ntriples(shuffled + triples[:50])
    assert exports.to_jsonld(triples) == exports.to_jsonld(shuffled + triples[:50])


def test_ntriples_lines_are_sorted_distinct_triples(sample_out: Path) -> None:
    lines = (sample_out / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines))
    assert all(line.endswith(" .") and line.startswith("<") for line in lines)
    assert len(lines) == len(_rdflib(sample_out / "graph.ttl"))


# ---------------------------------------------------------------------------
# The JSON-LD context
# ---------------------------------------------------------------------------


def test_context_file_declares_the_project_prefixes_and_types() -> None:
    ctx = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert ctx == exports.load_context()
    for prefix, ns in PREFIXES:
        assert ctx[prefix] == ns
    assert ctx["label"] == {"@id": "rdfs:label", "@language": "zh"}
    for term in ("start", "end", "mentionCount"):
        assert ctx[term]["@type"] == "xsd:integer"
    assert ctx["confidence"]["@type"] == "xsd:decimal"
    assert ctx["inferred"]["@type"] == "xsd:boolean"


def test_context_terms_name_only_vocabulary_terms() -> None:
    ctx = exports.load_context()
    comp = exports._Compactor(ctx)
    iris = set(comp.terms) | set(comp.classes)
    pk_terms = {i[len(ONTOLOGY_IRI):] for i in iris if i.startswith(ONTOLOGY_IRI)}
    assert pk_terms and pk_terms <= set(PK.__annotations__)
    assert set(PK.__annotations__) <= pk_terms, "every pk: term has a JSON-LD term"


def test_jsonld_embeds_the_context_and_uses_its_terms(sample_out: Path) -> None:
    doc = json.loads((sample_out / "graph.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == exports.load_context()
    keys = {k for node in doc["@graph"] for k in node}
    assert {"label", "mention", "start", "end", "sentence", "confidence", "inferred", "evidence"} <= keys
    assert not [k for k in keys if ":" in k], "every predicate of a real build has a term in the context"
    mention = next(n for n in doc["@graph"] if "start" in n)
    assert isinstance(mention["start"], int) and isinstance(mention["end"], int)
    statement = next(n for n in doc["@graph"] if n.get("@type") == "Statement")
    assert isinstance(statement["confidence"], str) and isinstance(statement["inferred"], bool)


def test_jsonld_falls_back_to_value_objects_when_no_term_fits() -> None:
    triples = [
        (SUBJECT, RDFS.label, Literal("Sample", lang="en")),  # the label term is @zh
        (SUBJECT, PK.start, Literal("5")),  # the start term is xsd:integer
        (SUBJECT, PK.confidence, Literal(0.5, datatype=XSD.double)),
        (SUBJECT, URIRef("http://example.org/other"), Literal("x")),
        (SUBJECT, PK.mention, Literal("not an IRI")),
        (SUBJECT, RDF.type, PK.Project),
        (SUBJECT, RDF.type, TIME.Instant),
    ]
    text = exports.to_jsonld(triples)
    node = json.loads(text)["@graph"][0]
    assert node["rdfs:label"] == {"@language": "en", "@value": "Sample"}
    assert node["@type"] == ["Instant", "Project"]
    expected = Graph()
    for t in triples:
        expected.add(t)
    assert isomorphic(Graph().parse(data=text, format="json-ld"), expected)


def test_blank_nodes_are_refused() -> None:
    with pytest.raises(TypeError):
        exports.to_ntriples([(SUBJECT, RDFS.seeAlso, BNode())])
    with pytest.raises(TypeError):
        exports.to_jsonld([(SUBJECT, RDFS.seeAlso, BNode())])


def test_format_names_are_checked() -> None:
    assert exports.parse_formats("ttl, JSON-LD,nt,ttl") == ("ttl", "jsonld", "nt")
    assert exports.parse_formats(["nt", ".jsonld"]) == ("nt", "jsonld")
    assert exports.parse_formats("") == ()
    with pytest.raises(ValueError, match="unknown graph format 'xml'"):
        exports.parse_formats("ttl,xml")


def test_empty_graph_exports_are_valid() -> None:
    assert exports.to_ntriples([]) == ""
    assert len(Graph().parse(data=exports.to_jsonld([]), format="json-ld")) == 0


# ---------------------------------------------------------------------------
# Any text survives both writers, in rdflib and in Oxigraph
# ---------------------------------------------------------------------------

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
NASTY = st.sampled_from(['"', "\\", "\n", "\r", "\t", "\x00", "\x08", "\x0c", "\x7f", "\u2028", "\ufeff", "\ufffe",
                         "'", "<>", "@zh", "^^", " .", "《", "\U0001f600", "\\u0041", "\\n"])
LABEL = st.lists(st.one_of(TEXT, NASTY), max_size=6).map("".join)


def _label_triples(label: str) -> list:
    return [
        (SUBJECT, RDF.type, PK.Project),
        (SUBJECT, RDFS.label, Literal(label, lang="zh")),
        (SUBJECT, SKOS.altLabel, Literal(label + "x", lang="zh")),
        (SUBJECT, PK.mention, MENTION),
        (MENTION, PK.sentence, Literal(label)),
        (MENTION, PK.start, Literal(3, datatype=XSD.integer)),
        (MENTION, PK.rule, Literal(label, datatype=URIRef("http://example.org/dt"))),
        (SUBJECT, ORG.subOrganizationOf, SUBJECT),
        (SUBJECT, PK.mentionCount, Literal("1", datatype=XSD.integer)),
    ]


def _expected(label: str) -> Graph:
    g = Graph()
    for t in _label_triples(label):
        g.add(t)
    return g


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=LABEL)
def test_ntriples_writer_keeps_any_label_text(label: str) -> None:
    text = exports.to_ntriples(_label_triples(label))
    lines = text.splitlines()  # every Unicode line break, not only \n: the file stays one triple per line
    assert len(lines) == len(_label_triples(label)) and all(line.endswith(" .") for line in lines)
    assert isomorphic(Graph().parse(data=text, format="nt"), _expected(label))
    labels = {q.object.value for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
              if q.predicate.value == str(RDFS.label)}
    assert labels == {label}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=LABEL)
def test_jsonld_writer_keeps_any_label_text(label: str) -> None:
    text = exports.to_jsonld(_label_triples(label))
    assert isomorphic(Graph().parse(data=text, format="json-ld"), _expected(label))
    labels = {q.object.value for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.JSON_LD)
              if q.predicate.value == str(RDFS.label)}
    assert labels == {label}


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def test_cli_build_writes_jsonld_and_ntriples(tmp_path: Path, capsys) -> None:
    assert main(["build", "--out", str(tmp_path), "--jsonld", "--nt", "-q", "--no-cache"]) == 0
    assert (tmp_path / "graph.jsonld").is_file() and (tmp_path / "graph.nt").is_file()
    other = tmp_path / "again"
    assert main(["build", "--out", str(other), "--format", "ttl,nt", "-q", "--no-cache"]) == 0
    assert (other / "graph.nt").read_bytes() == (tmp_path / "graph.nt").read_bytes()
    assert not (other / "graph.jsonld").exists()


def test_cli_build_refuses_an_unknown_format(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["build", "--out", str(tmp_path), "--format", "ttl,rdfxml"])
    assert exc.value.code == 2
    assert "unknown graph format 'rdfxml'" in capsys.readouterr().err
    assert not (tmp_path / "graph.ttl").exists()
