"""The relation linker's registry of passes and its data files (kg/relations/, kg/data/relations/), issue 11.

The passes are named, ordered and documented; each gives only the predicates it declares, and a pass that
reads an earlier one's results needs it run first. The word lists and patterns load once, each with a comment,
every one is used, and malformed data is one clear error.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.base import ExtractContext, make_mention
from kg.model import Document, Parsed
from kg.relations import PASSES, LinkPass, find_relations, link_document, tables
from kg.relations.tables import RelationDataError
from kg.resolve import resolve_document
from kg.structure import parse_structure

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "kg" / "relations"

EXPECTED_ORDER = (
    "section_owner", "clause_subject", "issued_by_bureau", "title_issuer", "document_issues", "launch_notice",
    "statute_promulgation", "lead_unit", "nested_project", "effective_date", "law_links", "period",
    "group_named_for", "sub_organization", "organizes",
)

#: a text of our own touching many passes: a notice issuing a plan, a term, taking effect, units, a host
NOTICE = (
    "示范总局关于印发《文化惠民工程实施方案》的通知\n"
    "一、示范总局负责组织实施“文化惠民工程”。\n"
    "二、《文化惠民工程实施方案》自2031年3月1日起施行。\n"
    "三、推进“书香校园”建设（牵头单位：图书司；配合单位：影视司）。\n"
    "影视司还将承办“光影论坛”。\n"
)
NOTICE_SPANS = [
    ("Law", "示范总局关于印发《文化惠民工程实施方案》的通知"), ("Bureau", "示范总局"),
    ("Law", "《文化惠民工程实施方案》"), ("Project", "“文化惠民工程”"), ("Bureau", "示范总局", 1),
    ("Law", "《文化惠民工程实施方案》", 1), ("Date", "2031年3月1日", "2031-03-01"), ("Project", "“书香校园”"),
    ("Bureau", "图书司"), ("Bureau", "影视司"), ("Bureau", "影视司", 1), ("Event", "“光影论坛”"),
]


def _document(text: str, spans):
    """``text`` parsed, with resolved entities placed at ``spans`` — (type, surface[, n-th][, value])."""
    sentences, sections = parse_structure(text)
    parsed = Parsed(Document("t.txt", text), (), sentences, sections)
    mentions = []
    for spec in spans:
        type_, surface = spec[0], spec[1]
        n = next((x for x in spec[2:] if isinstance(x, int)), 0)
        value = next((x for x in spec[2:] if isinstance(x, str)), "")
        start = -1
        for _ in range(n + 1):
            start = text.index(surface, start + 1)
        mentions.append(make_mention(parsed, type_, start, start + len(surface), "test", value=value, key=value))
    return parsed, resolve_document(mentions)


def _run(passes) -> list:
    """The relations of :data:`NOTICE` with only ``passes`` run."""
    parsed, entities = _document(NOTICE, NOTICE_SPANS)
    return find_relations(parsed, entities, ExtractContext(), passes=tuple(passes))


def _by_name(*names: str) -> list[LinkPass]:
    return [next(p for p in PASSES if p.name == n) for n in names]


# --- the registry -------------------------------------------------------------------------------

def test_passes_are_registered_by_name_in_order():
    assert tuple(p.name for p in PASSES) == EXPECTED_ORDER
    assert len({p.run for p in PASSES}) == len(PASSES)


@pytest.mark.parametrize("p", PASSES, ids=lambda p: p.name)
def test_every_pass_has_a_one_line_docstring_naming_its_predicates(p):
    lines = (p.run.__doc__ or "").strip().splitlines()
    assert lines and lines[0] == p.doc and len(p.doc) > 30
    assert len(lines) == 1 or not lines[1].strip(), "the summary must be one line"
    named = set(p.doc.split(":")[0].split(" / "))
    assert named and named <= set(p.predicates), (p.doc, p.predicates)


@pytest.mark.parametrize("p", PASSES, ids=lambda p: p.name)
def test_each_pass_alone_gives_only_its_predicates(p):
    assert {r.predicate for r in _run([p])} <= set(p.predicates)


def test_all_passes_are_the_default_and_cover_the_text():
    parsed, entities = _document(NOTICE, NOTICE_SPANS)
    full = link_document(parsed, entities, ExtractContext())
    assert list(full.relations) == _run(PASSES)
    assert {r.predicate for r in full.relations} >= {"responsibleFor", "issuedBy", "effectiveDate", "organizes"}
    assert {r.rule for r in full.relations} >= {"law.issuer", "doc.issues", "lead-unit", "law.effective", "event.host"}


def test_document_issues_reads_what_title_issuer_found():
    alone = _run(_by_name("document_issues"))
    assert not alone
    after = _run(_by_name("title_issuer", "document_issues"))
    assert any(r.rule == "doc.issues" for r in after)


PLAN = "图书司关于“书香校园”建设的通知\n图书司负责落实《“书香校园”建设方案》。\n"
PLAN_SPANS = [("Law", "图书司关于“书香校园”建设的通知"), ("Bureau", "图书司"), ("Project", "“书香校园”"),
              ("Bureau", "图书司", 1), ("Law", "《“书香校园”建设方案》"), ("Project", "“书香校园”", 1)]


def test_nested_project_extends_earlier_responsibility_but_not_issuing():
    parsed, entities = _document(PLAN, PLAN_SPANS)

    def rules(*names: str) -> set[str]:
        return {r.rule for r in find_relations(parsed, entities, ExtractContext(), passes=_by_name(*names))}

    assert rules("nested_project") == set()
    assert rules("title_issuer", "nested_project") == {"law.issuer"}  # issuing a plan is not carrying it out
    assert rules("clause_subject", "nested_project") == {"sentence.subject", "nested.project"}


def test_modules_stay_small():
    for path in sorted(PKG.glob("*.py")):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 500, path


# --- the data files -----------------------------------------------------------------------------

@pytest.mark.parametrize("stem", tables.FILES)
def test_every_data_file_and_entry_says_what_it_is(stem):
    data = tables.load(stem)
    assert data["_comment"].strip() and data["_source"].strip()
    for section in ("words", "fragments", "chars", "patterns"):
        for name, entry in data.get(section, {}).items():
            assert entry.get("_comment", "").strip(), f"{stem}.json {section} {name}"


def test_patterns_are_loaded_and_compiled_once():
    assert tables.compiled() is tables.compiled()
    assert tables.rx("basis") is tables.rx("basis")
    assert all("{@" not in s for s in tables.sources().values())
    assert tables.rx("first_article").flags & re.MULTILINE


def test_every_pattern_list_and_fragment_is_used():
    code = "\n".join(p.read_text(encoding="utf-8") for p in PKG.glob("*.py"))
    data = "\n".join((tables.DATA_DIR / f"{s}.json").read_text(encoding="utf-8") for s in tables.FILES)
    for stem in tables.FILES:
        d = tables.load(stem)
        for name in d["patterns"]:
            assert f'rx("{name}")' in code, name
        for name in d.get("words", {}):
            assert "{@" + name + "}" in data or f'words("{name}")' in code, name
        for name in d.get("fragments", {}):
            assert "{@" + name + "}" in data, name
        for name in d.get("chars", {}):
            assert f'chars("{name}")' in code, name


def test_word_lists_are_the_alternatives_of_their_patterns():
    verbs = tables.words("subject_verbs")
    assert "负责" in verbs and "牵头" in verbs
    assert all(tables.rx("pred_after_subject").match(v) for v in verbs)
    assert all(tables.rx("basis").search(w) for w in tables.words("basis_cues"))


def test_data_files_are_package_data():
    cfg = (ROOT / "setup.cfg").read_text(encoding="utf-8")
    assert "data/relations/*.json" in cfg and re.search(r"^\s+kg\.relations$", cfg, re.MULTILINE)


# --- other data: loader behaviour ---------------------------------------------------------------

@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """An empty data directory of one file stem ``t`` in place of kg/data/relations; restored afterwards."""
    monkeypatch.setattr(tables, "DATA_DIR", tmp_path)
    monkeypatch.setattr(tables, "FILES", ("t",))
    tables.clear_caches()
    yield tmp_path
    monkeypatch.undo()
    tables.clear_caches()


def _write(d: Path, data) -> None:
    (d / "t.json").write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")


_CJK = st.text(alphabet="部局委厅司负责牵头会同制定实施", min_size=1, max_size=4)


@settings(max_examples=40, deadline=None)
@given(st.lists(_CJK, min_size=1, max_size=6, unique=True), _CJK)
def test_a_word_list_fills_its_placeholder(tmp_path_factory, ws, other):
    d = tmp_path_factory.mktemp("rel")
    saved = (tables.DATA_DIR, tables.FILES)
    try:
        tables.DATA_DIR, tables.FILES = d, ("t",)
        tables.clear_caches()
        _write(d, {"_comment": "c", "_source": "s", "words": {"w": {"_comment": "c", "words": ws}},
                   "patterns": {"p": {"_comment": "c", "pattern": ["^(?:", "{@w}", ")$"]}}})
        assert tables.sources()["p"] == "^(?:" + "|".join(ws) + ")$"
        assert all(tables.rx("p").match(w) for w in ws)
        assert bool(tables.rx("p").match(other)) == (other in ws)
    finally:
        tables.DATA_DIR, tables.FILES = saved
        tables.clear_caches()


@pytest.mark.parametrize(("data", "says"), [
    ("{not json", "t.json"),
    ({"_comment": "c"}, "no 'patterns'"),
    ({"patterns": {"p": {"_comment": "c", "pattern": "{@nowhere}"}}}, "unknown list 'nowhere'"),
    ({"patterns": {"p": {"_comment": "c", "pattern": "(unclosed"}}}, "pattern 'p'"),
    ({"patterns": {"p": {"_comment": "c", "pattern": "x", "flags": ["LOUD"]}}}, "unknown flag 'LOUD'"),
    ({"patterns": {"p": {"_comment": "c", "pattern": 3}}}, "expected a string"),
    ({"words": {"w": {"_comment": "c", "words": []}}, "patterns": {}}, "not a list of words"),
])
def test_malformed_data_is_one_clear_error(data_dir, data, says):
    _write(data_dir, data)
    with pytest.raises(RelationDataError) as err:
        tables.compiled()
    assert says in str(err.value) and "\n" not in str(err.value)


def test_a_missing_data_file_is_one_clear_error(data_dir):
    with pytest.raises(RelationDataError, match=r"relation data .*t\.json"):
        tables.compiled()
