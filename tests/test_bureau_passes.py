"""The bureau extractor's structure (issue 11): a registered list of named passes, word lists as package data
read once, and token helpers shared through :mod:`kg.extract.tokens` rather than another extractor's internals.

The sentences are written for these tests in the style of the genre.
"""

from __future__ import annotations

import ast
import configparser
import inspect
import json
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.extract import bureaus, tokens, wordlists
from kg.extract.base import ExtractContext
from kg.extract.bureaus import PASSES, extract_bureaus, run_passes
from kg.extract.bureaus import vocab as V
from kg.model import Document

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kg" / "data" / "bureaus"
EXTRACT = ROOT / "kg" / "extract"

EXPECTED = ("gazetteer", "governments", "generic", "local-departments", "settle", "statute-organs",
            "gazetteer-departments", "merge", "coordinated", "distributive", "short-forms", "provincial-bureau",
            "self-references", "aliases", "composites", "group-shorts", "places", "named-departments",
            "sibling-departments", "document-departments", "nested-parents", "sections")


# --- the pass registry ---------------------------------------------------------------------------------------


def test_passes_are_registered_by_name_in_order():
    assert tuple(name for name, _ in PASSES) == EXPECTED


def test_every_pass_is_a_documented_function_of_the_state():
    for name, run in PASSES:
        doc = inspect.getdoc(run)
        assert doc and doc.strip(), f"pass {name} has no docstring"
        assert list(inspect.signature(run).parameters) == ["st"], name
        assert f"``{name}``" in (bureaus.__doc__ or ""), f"pass {name} is not described in the package docstring"


def _parsed(pipeline, text: str):
    parsed = pipeline.parse(Document("t.txt", text))
    return parsed, ExtractContext(gazetteer=pipeline.gazetteer, year=parsed.year)


def test_all_passes_make_the_extractor(pipeline):
    parsed, ctx = _parsed(pipeline, "国家版权局发布公告。我局将继续加强监管。")
    mentions = extract_bureaus(parsed, ctx)
    base = run_passes(parsed, ctx).base
    assert {(m.start, m.end, m.key) for m in mentions} == {(c.start, c.end, c.key) for c in base}


def test_a_prefix_of_the_passes_stops_before_the_later_rules(pipeline):
    text = "国家版权局发布公告。我局将继续加强监管。"
    parsed, ctx = _parsed(pipeline, text)
    upto = {name: n for n, (name, _) in enumerate(PASSES)}
    before = run_passes(parsed, ctx, PASSES[:upto["self-references"]])
    after = run_passes(parsed, ctx, PASSES[:upto["self-references"] + 1])
    start = text.index("我局")
    assert all(c.start != start for c in before.base)
    assert [c.key for c in after.base if c.start == start] == ["国家版权局"]
    assert [c.rule for c in after.gaz_cands] == ["bureau.gazetteer"]


def test_an_empty_text_runs_no_pass(pipeline):
    parsed, ctx = _parsed(pipeline, "")
    assert extract_bureaus(parsed, ctx) == []


def test_passes_without_a_gazetteer(pipeline):
    parsed = pipeline.parse(Document("t.txt", "江西省人民政府办公厅印发通知，省文化和旅游厅负责。"))
    found = {m.text for m in extract_bureaus(parsed, ExtractContext(gazetteer=None, year=parsed.year))}
    assert "江西省人民政府办公厅" in found and "省文化和旅游厅" in found


# --- the word lists ------------------------------------------------------------------------------------------


def _files() -> list[Path]:
    return [*sorted(DATA.glob("*.json")), *sorted((DATA.parent / "organizations").glob("*.json"))]


def test_every_data_file_and_list_says_what_it_is_and_is_not_empty():
    assert [p.stem for p in _files()] == ["heads", "local_departments", "names", "sectors", "vocabulary"]
    for path in _files():
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data.get("_comment"), str) and len(data["_comment"]) > 20, path.name
        for key, entry in data.items():
            if key == "_comment":
                continue
            assert isinstance(entry.get("_comment"), str) and entry["_comment"].strip(), f"{path.name}: {key}"
            assert ("words" in entry) != ("table" in entry), f"{path.name}: {key}"
            values = entry.get("words") or entry.get("table")
            assert values, f"{path.name}: {key} is empty"


def test_no_list_holds_a_word_twice():
    for path in _files():
        for key, entry in json.loads(path.read_text(encoding="utf-8")).items():
            if isinstance(entry, dict) and "words" in entry:
                words = entry["words"]
                dupes = sorted({w for w in words if words.count(w) > 1})
                assert not dupes, f"{path.name}: {key} repeats {dupes}"
                assert all(isinstance(w, str) and w and w == w.strip() for w in words), f"{path.name}: {key}"


def test_data_files_are_read_once():
    first = wordlists.load("bureaus", "heads")
    assert wordlists.load("bureaus", "heads") is first
    assert wordlists.load.cache_info().hits >= 1
    with pytest.raises(TypeError):
        first["heads"] = {}  # read-only


def test_every_list_of_the_files_is_used():
    """A list in a file that no module reads is dead data."""
    modules = [EXTRACT / "tokens.py", EXTRACT / "organizations.py", *sorted((EXTRACT / "bureaus").glob("*.py"))]
    source = "\n".join(p.read_text(encoding="utf-8") for p in modules)
    for path in _files():
        for key in json.loads(path.read_text(encoding="utf-8")):
            if key != "_comment":
                assert f'"{key}"' in source, f"{path.name}: {key} is read by no module"


def test_the_loaded_lists_are_the_files():
    heads = json.loads((DATA / "heads.json").read_text(encoding="utf-8"))
    assert V.HEADS == tuple(heads["heads"]["words"])  # order kept
    # a head comes before the shorter heads it begins or ends with (领导小组办公室 before 领导小组 and 办公室)
    assert not [(a, b) for i, a in enumerate(V.HEADS) for b in V.HEADS[i + 1:] if b != a and (
        b.startswith(a) or b.endswith(a))]
    assert V.DETERMINER_CHARS == "".join(heads["determiner_chars"]["words"])
    names = json.loads((DATA / "names.json").read_text(encoding="utf-8"))
    assert tokens.STOP_WORDS == frozenset(names["stop_words"]["words"])
    local = json.loads((DATA / "local_departments.json").read_text(encoding="utf-8"))
    assert V.LOCAL_DEPARTMENTS["经信厅"] == "经济和信息化厅"
    assert all(V.LOCAL_DEPARTMENTS[n] == n for n in local["standard_names"]["words"])
    assert set(V.LOCAL_DEPARTMENTS) == set(local["short_names"]["table"]) | set(local["standard_names"]["words"])


def test_a_missing_file_or_list_is_one_clear_error():
    with pytest.raises(KGError, match=r"kg/data/bureaus/nothing\.json: cannot read"):
        wordlists.load("bureaus", "nothing")
    with pytest.raises(KGError, match="no words named 'nothing'"):
        wordlists.words("bureaus", "heads", "nothing")
    with pytest.raises(KGError, match="no table named 'heads'"):
        wordlists.table("bureaus", "heads", "heads")


def test_the_data_files_are_package_data():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    globs = [g.strip() for g in cfg["options.package_data"]["kg"].split(",")]
    assert "data/bureaus/*.json" in globs and "data/organizations/*.json" in globs
    # the package list is explicit: a subpackage left out of it is missing from an installed wheel
    packages = cfg["options"]["packages"].split()
    subpackages = sorted(".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "kg").rglob("__init__.py"))
    assert set(subpackages) <= set(packages), "subpackages missing from setup.cfg [options] packages"


# --- shared helpers, not another extractor's internals ------------------------------------------------------


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            out.add("." * node.level + (node.module or ""))
    return out


def test_no_extractor_imports_the_bureau_internals():
    for path in sorted(EXTRACT.glob("*.py")):
        if path.name != "__init__.py":
            assert not any(m.lstrip(".").startswith("bureaus") for m in _imports(path)), path.name


def test_the_shared_helpers_are_one_module():
    assert bureaus.TokenIndex is tokens.TokenIndex and bureaus.walk_left is tokens.walk_left
    assert bureaus.indexed is tokens.indexed
    from kg.extract import organizations
    assert organizations.walk_left is tokens.walk_left and organizations.STOP_WORDS is tokens.STOP_WORDS


def test_the_bureau_modules_are_small():
    for path in [*sorted((EXTRACT / "bureaus").glob("*.py")), EXTRACT / "tokens.py", EXTRACT / "wordlists.py",
                 EXTRACT / "organizations.py"]:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 500, path.name
