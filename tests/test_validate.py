"""kg validate: the graphs the project builds conform to ontology/shapes.ttl; broken ones are reported
readably with exit 1; a store folder is validated like its graph file; bad input is an input error (exit 3)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.cli import main
from kg.exports import to_ntriples
from kg.validate import (
    ValidationReport,
    Violation,
    load_shapes,
    shapes_path,
    validate_file,
    validate_graph,
)
from kg.vocab import PK

# rdflib's own JSON-LD parser still builds a ConjunctiveGraph
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

ROOT = Path(__file__).resolve().parent.parent

# Two small documents of the genre, written for these tests.
OWN_DOCUMENTS = {
    "notice.txt": "示范市文化局关于印发2024年工作要点的通知\n"
                  "一、完善制度建设\n"
                  "示范市文化局政策法规处负责起草《示范市公共文化服务条例》，该条例自2024年3月1日起施行。\n"
                  "二、实施重点工程\n"
                  "示范市文化局将组织实施“书香示范”全民阅读工程，实施期限为2024年至2026年。"
                  "艺术处牵头开展“戏曲进校园”专项行动，并会同财政局制定《示范市艺术基金管理办法》。\n",
    "news.txt": "国家新闻出版署部署网络文学出版管理工作\n"
                "近日，国家新闻出版署印发《关于加强网络文学出版管理的通知》，要求各地开展“清朗网文”专项行动。"
                "国家新闻出版署出版管理司负责统筹“十四五”期间网络文学精品工程。\n"
                "2025年6月，将在北京举办第二届全国网络文学大会，中国作家协会参与承办。\n",
}


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory, pipeline) -> Path:
    """``kg.build`` of the bundled sample, with every RDF format."""
    from kg.api import build

    out = tmp_path_factory.mktemp("sample")
    build(out_dir=out, pipeline=pipeline, rdf_formats=("jsonld", "nt"))
    return out


@pytest.fixture(scope="module")
def sample_graph(sample_out: Path) -> Graph:
    return Graph().parse(sample_out / "graph.ttl", format="turtle")


def _statements(g: Graph) -> int:
    return len(set(g.subjects(RDF.type, RDF.Statement)))


# ---------------------------------------------------------------------------
# The graphs the suite builds conform
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["graph.ttl", "graph.nt", "graph.jsonld"])
def test_sample_build_conforms(sample_out: Path, name: str) -> None:
    report = validate_file(sample_out / name)
    assert report.conforms, report.summary()
    assert report.triples > 500 and report.violations == ()
    assert report.summary() == f"conforms ({report.triples} triples)\n"


def test_graph_of_own_documents_conforms(pipeline, tmp_path: Path) -> None:
    from kg.api import build

    src = tmp_path / "docs"
    src.mkdir()
    for name, text in OWN_DOCUMENTS.items():
        (src / name).write_text(text, encoding="utf-8")
    r = build([src], out_dir=tmp_path / "out", pipeline=pipeline)
    assert len(r.corpus.documents) == 2 and r.corpus.relations
    report = validate_file(tmp_path / "out" / "graph.ttl")
    assert report.conforms, report.summary()


def test_graph_of_reference_document_conforms(pipeline, reference_path: Path, tmp_path: Path) -> None:
    from kg.api import build

    build([reference_path], out_dir=tmp_path, pipeline=pipeline)
    g = Graph().parse(tmp_path / "graph.ttl", format="turtle")
    assert _statements(g) > 10
    report = validate_graph(g)
    assert report.conforms, report.summary()


def test_graph_of_genre_documents_conforms(pipeline) -> None:
    from kg.api import build_graph

    g = build_graph([ROOT / "tests" / "data" / "genre"], pipeline=pipeline)
    report = validate_graph(g)
    assert report.conforms, report.summary()


def test_graph_with_a_document_issue_date_conforms(pipeline) -> None:
    from kg.api import build
    from kg.rdf import to_graph, triples

    c = build(out_dir=None, pipeline=pipeline).corpus
    docs = [dataclasses.replace(c.documents[0], issue_date="2023-01-05")]
    report = validate_graph(to_graph(triples(docs, c.entities, c.relations, c.sentence_of)))
    assert report.conforms, report.summary()


def test_sample_conforms_under_rdfs_inference_with_the_ontology(sample_graph: Graph) -> None:
    from pyshacl import validate

    ontology = Graph().parse(ROOT / "ontology" / "policy-kg.ttl", format="turtle")
    conforms, _, text = validate(sample_graph, shacl_graph=load_shapes(), ont_graph=ontology, inference="rdfs")
    assert conforms, text[:2000]


# ---------------------------------------------------------------------------
# Broken graphs: a readable summary
# ---------------------------------------------------------------------------


def _broken(sample_graph: Graph) -> tuple[Graph, URIRef, URIRef]:
    """The sample with one bureau given a second label and one mention's offsets reversed."""
    g = Graph()
    for t in sample_graph:
        g.add(t)
    bureau = min(g.subjects(RDF.type, PK.Bureau))
    g.add((bureau, RDFS.label, Literal("另一个名称", lang="zh")))
    mention = min(g.objects(min(g.subjects(RDF.type, PK.Law)), PK.mention))
    g.set((mention, PK.start, Literal(10_000)))
    return g, bureau, mention


def test_broken_graph_is_reported_with_focus_path_message_and_shape(sample_graph: Graph) -> None:
    g, bureau, mention = _broken(sample_graph)
    report = validate_graph(g)
    assert not report.conforms
    failed = {(v.shape, v.focus) for v in report.violations}
    assert failed == {("Entity-label", str(bureau)), ("Mention-start", str(mention))}
    text = report.summary()
    assert text.startswith("does not conform: 2 results (Entity-label 1, Mention-start 1)\n")
    label_line = next(line for line in text.splitlines() if "[Entity-label]" in line)
    assert "id:bureau/" in label_line and "rdfs:label" in label_line
    assert "exactly one non-empty rdfs:label" in label_line
    start_line = next(line for line in text.splitlines() if "[Mention-start]" in line)
    assert "id:mention/" in start_line and "pk:start" in start_line and "value \"10000\"" in start_line


def test_summary_lists_at_most_n_results_then_a_count() -> None:
    violations = tuple(Violation(shape="Entity-label", focus=f"https://w3id.org/policy-kg/id/law/{i:03d}",
                                 path=str(RDFS.label), message="m") for i in range(7))
    text = ValidationReport(False, violations, 50).summary(max_lines=3)
    lines = text.splitlines()
    assert lines[0] == "does not conform: 7 results (Entity-label 7)"
    assert [line.split()[0] for line in lines[1:4]] == ["id:law/000", "id:law/001", "id:law/002"]
    assert lines[4].strip().startswith("… and 4 more")
    assert len(lines) == 5


def test_focus_label_is_shown(sample_graph: Graph) -> None:
    g = Graph()
    for t in sample_graph:
        g.add(t)
    law = min(g.subjects(RDF.type, PK.Law))
    label = str(g.value(law, RDFS.label))
    g.remove((law, PK.mention, None))
    g.add((law, PK.mention, min(g.subjects(RDF.type, PK.Document))))  # a mention that is not a pk:Mention
    report = validate_graph(g)
    assert [v.shape for v in report.violations] == ["Entity-mention"]
    assert f"({label[:29]}" in report.summary()


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def test_cli_validate_conforming_graph_exits_0(sample_out: Path, capsys) -> None:
    assert main(["validate", str(sample_out / "graph.ttl")]) == 0
    assert capsys.readouterr().out.startswith("conforms")


def test_cli_validate_broken_graph_exits_1(sample_graph: Graph, tmp_path: Path, capsys) -> None:
    g, _, _ = _broken(sample_graph)
    path = tmp_path / "broken.nt"
    path.write_text(to_ntriples(g), encoding="utf-8")
    assert main(["validate", str(path), "--max-lines", "1"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("does not conform: 2 results")
    assert len(out) == 3 and out[2].strip().startswith("… and 1 more")


def test_cli_validate_with_other_shapes(sample_out: Path, tmp_path: Path, capsys) -> None:
    shapes = tmp_path / "strict.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix pk: <https://w3id.org/policy-kg/ontology#> .\n"
        "<http://example.org/shapes#NoLaws> a sh:PropertyShape ; sh:targetClass pk:Law ; sh:path pk:mention ;\n"
        "    sh:maxCount 0 ;\n"
        "    sh:message \"no law may be mentioned\" .\n", encoding="utf-8")
    assert main(["validate", str(sample_out / "graph.ttl"), "--shapes", str(shapes)]) == 1
    assert "no law may be mentioned  [NoLaws]" in capsys.readouterr().out


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing.ttl", "graph file not found"),
    (lambda d: _write(d / "bad.ttl", "this is not turtle <"), "not a readable RDF graph"),
    (lambda d: _write(d / "bad.jsonld", "{not json"), "not a readable RDF graph"),
])
def test_cli_validate_bad_graph_is_an_input_error(tmp_path: Path, capsys, make, message) -> None:
    assert main(["validate", str(make(tmp_path))]) == 3
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("content, message", [
    (None, "shapes file not found"),
    ("@prefix : <", "not a readable shapes file"),
    ("<urn:a> <urn:b> <urn:c> .\n", "holds no SHACL shapes"),
])
def test_cli_validate_bad_shapes_is_an_input_error(sample_out: Path, tmp_path: Path, capsys, content, message) -> None:
    shapes = tmp_path / "shapes.ttl"
    if content is not None:
        shapes.write_text(content, encoding="utf-8")
    assert main(["validate", str(sample_out / "graph.ttl"), "--shapes", str(shapes)]) == 3
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


# ---------------------------------------------------------------------------
# Store folders and engines
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory, pipeline) -> tuple[Path, Path]:
    """``kg build --store`` of the bundled sample: (the output folder, the store folder)."""
    from kg.api import build

    out = tmp_path_factory.mktemp("stored")
    build(out_dir=out, pipeline=pipeline, store=out / "store")
    return out, out / "store"


def _oxigraph_store(path: Path, g: Graph) -> Path:
    """A persistent Oxigraph store of ``g`` at ``path`` (as the oxigraph CLI would write it)."""
    import pyoxigraph as ox

    store = ox.Store(str(path))
    store.bulk_load(to_ntriples(g).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    del store
    return path


def test_cli_validate_store_folder_exits_0(sample_store: tuple[Path, Path], capsys) -> None:
    out, store = sample_store
    assert main(["validate", str(store)]) == 0
    n = len(Graph().parse(out / "graph.ttl", format="turtle"))
    assert capsys.readouterr().out == f"conforms ({n} triples)\n"


def test_cli_validate_broken_store_exits_1_with_the_same_report_as_its_file(
        sample_graph: Graph, tmp_path: Path, capsys) -> None:
    g, _, _ = _broken(sample_graph)
    store = _oxigraph_store(tmp_path / "store", g)
    path = tmp_path / "broken.nt"
    path.write_text(to_ntriples(g), encoding="utf-8")
    assert main(["validate", str(store), "--max-lines", "50"]) == 1
    from_store = capsys.readouterr().out
    assert main(["validate", str(path), "--max-lines", "50"]) == 1
    assert capsys.readouterr().out == from_store
    assert from_store.startswith("does not conform: 2 results")


@pytest.mark.parametrize("engine", ["oxigraph", "pyshacl"])
def test_both_engines_read_files_and_stores(sample_store: tuple[Path, Path], sample_graph: Graph,
                                            tmp_path: Path, engine: str) -> None:
    _out, store = sample_store
    assert validate_file(store, engine=engine).conforms
    g, bureau, mention = _broken(sample_graph)
    broken = _oxigraph_store(tmp_path / "store", g)
    report = validate_file(broken, engine=engine)
    assert {(v.shape, v.focus) for v in report.violations} == {("Entity-label", str(bureau)),
                                                                ("Mention-start", str(mention))}


def test_cli_engines_print_the_same_summary(sample_graph: Graph, tmp_path: Path, capsys) -> None:
    g, _, _ = _broken(sample_graph)
    path = tmp_path / "broken.ttl"
    path.write_text(g.serialize(format="turtle"), encoding="utf-8")
    assert main(["validate", str(path), "--engine", "pyshacl"]) == 1
    reference = capsys.readouterr().out
    assert main(["validate", str(path), "--engine", "oxigraph"]) == 1
    assert capsys.readouterr().out == reference


def test_cli_validate_folder_that_is_not_a_store_is_an_input_error(tmp_path: Path, capsys) -> None:
    (tmp_path / "graph.ttl").write_text("", encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert "not an Oxigraph store" in err and err.count("\n") == 1


def test_unknown_engine_is_refused(sample_graph: Graph, capsys) -> None:
    from kg.errors import InputError

    with pytest.raises(InputError, match="unknown validation engine"):
        validate_graph(sample_graph, engine="jena")
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "graph.ttl", "--engine", "jena"])
    assert exit_.value.code == 2


def test_shapes_are_loaded_from_the_installed_package() -> None:
    assert shapes_path().read_bytes() == (ROOT / "ontology" / "shapes.ttl").read_bytes()
    assert len(load_shapes()) > 100


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
