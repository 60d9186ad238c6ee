"""kg eval: our scorer reads the shared gold format and agrees with the shared scorer."""

from __future__ import annotations

import importlib.util
import json

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import GoldError
from kg.evaluate import evaluate, load_gold
from kg.vocab import ORG, PK, RDF, RDFS, SKOS, TIME, XSD

ID = "https://w3id.org/policy-kg/id/"


def _graph() -> Graph:
    g = Graph()
    items = [("bureau/1", PK.Bureau, "电影局", []), ("bureau/2", PK.Bureau, "国家电影总局", ["总局"]),
             ("law/1", PK.Law, "电影产业促进法", []), ("project/1", PK.Project, "“剑网”专项行动", ["剑网行动"]),
             ("project/2", PK.Project, "不存在的工程", []), ("date/2017", PK.Date, "2017年", [])]
    for path, cls, label, alts in items:
        s = URIRef(ID + path)
        g.add((s, RDF.type, cls))
        g.add((s, RDFS.label, Literal(label, lang="zh")))
        for a in alts:
            g.add((s, SKOS.altLabel, Literal(a, lang="zh")))
    g.add((URIRef(ID + "date/2017"), TIME.inXSDgYear, Literal("2017", datatype=XSD.gYear)))
    g.add((URIRef(ID + "bureau/1"), PK.responsibleFor, URIRef(ID + "law/1")))
    g.add((URIRef(ID + "bureau/1"), ORG.subOrganizationOf, URIRef(ID + "bureau/2")))
    g.add((URIRef(ID + "bureau/1"), PK.responsibleFor, URIRef(ID + "project/2")))
    return g


GOLD = {
    "document": "x.txt",
    "entities": [
        {"id": "E1", "type": "Bureau", "label": "电影局", "mentions": [[0, 3]]},
        {"id": "E2", "type": "Bureau", "label": "国家电影总局", "aliases": ["总局"], "mentions": [[5, 11]]},
        {"id": "E3", "type": "Law", "label": "电影产业促进法", "mentions": [[12, 19]]},
        {"id": "E4", "type": "Project", "label": "“剑网”专项行动", "aliases": ["剑网行动"], "mentions": [[20, 28]]},
        {"id": "E5", "type": "Project", "label": "电影质量促进年", "mentions": [[30, 37]]},
        {"id": "E6", "type": "Date", "label": "2017年", "value": "2017", "mentions": [[40, 45]]},
        {"id": "E7", "type": "Bureau", "label": "政策法制司", "optional": True, "mentions": []},
    ],
    "relations": [
        {"subject": "E1", "predicate": "responsibleFor", "object": "E3", "explicit": True},
        {"subject": "E1", "predicate": "subOrganizationOf", "object": "E2", "explicit": True},
        {"subject": "E1", "predicate": "responsibleFor", "object": "E5", "explicit": True},
        {"subject": "E7", "predicate": "responsibleFor", "object": "E3", "explicit": False},
    ],
}


@pytest.fixture()
def gold_path(tmp_path):
    p = tmp_path / "gold.json"
    p.write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    return p


def test_evaluate_counts_per_type_and_predicate(gold_path):
    r = evaluate(_graph(), [gold_path])
    assert (r.types["Bureau"].tp, r.types["Bureau"].fp, r.types["Bureau"].fn) == (2, 0, 0)
    assert (r.types["Project"].tp, r.types["Project"].fp, r.types["Project"].fn) == (1, 1, 1)
    assert r.date_values == (1, 1)
    rf = r.predicates["responsibleFor"]
    assert (rf.tp, rf.fp, rf.fn) == (1, 1, 1)
    assert r.predicates["subOrganizationOf"].tp == 1
    assert r.figure("core") == pytest.approx(2 * (5 / 6) * (5 / 6) / (5 / 6 + 5 / 6))


def test_evaluate_optional_relation_counts_neither_way(tmp_path):
    # a supporting unit's link (配合) is optional in gold: found → no hit, missing → no miss (as score.py)
    gold = json.loads(json.dumps(GOLD))
    gold["relations"][2]["optional"] = True  # 电影局 responsibleFor 电影质量促进年, not in the graph
    gold["relations"].append({"subject": "E1", "predicate": "responsibleFor", "object": "E4", "optional": True})
    p = tmp_path / "gold.json"
    p.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    g = _graph()
    g.add((URIRef(ID + "bureau/1"), PK.responsibleFor, URIRef(ID + "project/1")))
    rf = evaluate(g, [p]).predicates["responsibleFor"]
    assert (rf.tp, rf.fp, rf.fn) == (1, 1, 0)


@pytest.mark.parametrize("content, message", [
    ("{not json", "not a readable JSON"),
    ('{"entities": 3}', "'entities' list"),
    ('{"entities": [{"id": "E1"}]}', "'id', 'type' and 'label'"),
    ('{"entities": [], "relations": [{"subject": "E9", "predicate": "period", "object": "E1"}]}', "unknown entity"),
])
def test_evaluate_malformed_gold_is_a_gold_error(tmp_path, content, message):
    p = tmp_path / "bad.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        load_gold([p])


def test_evaluate_agrees_with_shared_scorer(reference_path, reference_gold, tmp_path):
    """On the reference document, kg eval and ../shared/tools/score.py give the same counts."""
    scorer = reference_gold.parent.parent / "tools" / "score.py"
    spec = importlib.util.spec_from_file_location("shared_score", scorer)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    import kg

    result = kg.build([reference_path], tmp_path)
    ttl = result.files["graph.ttl"]
    counts, rcount, *_ = mod.score(str(ttl), [str(reference_gold)])
    g = Graph()
    g.parse(ttl)
    ours = evaluate(g, [reference_gold])
    for t, c in counts.items():
        assert (ours.types[t].tp, ours.types[t].fp, ours.types[t].fn) == (c["tp"], c["fp"], c["fn"]), t
    for p, c in rcount.items():
        assert (ours.predicates[p].tp, ours.predicates[p].fp, ours.predicates[p].fn) == (c["tp"], c["fp"], c["fn"]), p
