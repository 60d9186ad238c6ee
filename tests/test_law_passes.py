"""The Law extractor's structure: its registered passes and its data files (kg/data/laws/*.json)."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.extract.laws as laws
from kg.extract.base import ExtractContext
from kg.extract.laws import vocab
from kg.extract.laws.passes import PASSES, extract_laws
from kg.extract.laws.state import LawState
from kg.model import Document, Parsed

PACKAGE = Path(laws.__file__).resolve().parent
DATA = resources.files("kg") / "data" / "laws"


def _parsed(text: str) -> Parsed:
    return Parsed(doc=Document("t.txt", text), tokens=(), sentences=(), sections=())


# --- the pass registry -------------------------------------------------------------------------


def test_passes_are_named_and_ordered():
    assert [name for name, _ in PASSES] == [
        "titles", "title-mentions", "title-lines", "issued", "running-names", "guanyu", "statutes",
        "printed-labels", "short-forms", "own-tail-forms", "title-repeats", "amended-names", "dated-keys",
        "national-plans", "abbreviations", "mentions",
    ]
    assert laws.PASSES is PASSES


def test_every_pass_is_a_documented_callable():
    names = [name for name, _ in PASSES]
    assert len(set(names)) == len(names)
    for name, run in PASSES:
        assert callable(run), name
        doc = (run.__doc__ or "").strip()
        assert doc and doc.endswith((".", ")")), f"pass {name} has no one-line docstring"


def test_running_the_passes_by_hand_is_extract_laws():
    text = "为贯彻《中华人民共和国安全生产法》，依照行政处罚法，各地要编制新闻出版“十四五”规划。"
    st_ = LawState.of(_parsed(text))
    seen = []
    for name, run in PASSES:
        run(st_)
        seen.append(name)
        if name == "titles":
            assert [t.inner for t in st_.titles] == ["中华人民共和国安全生产法"]
        if name == "running-names":
            assert st_.masked and "安全生产法" not in st_.masked  # titles are blanked for the running-text rules
    got = [(m.start, m.end, m.rule, m.key) for m in st_.mentions]
    assert got == [(m.start, m.end, m.rule, m.key) for m in extract_laws(_parsed(text), ExtractContext())]
    rules = {m.label: m.rule for m in st_.mentions}
    assert rules["中华人民共和国安全生产法"] == "law.title"
    assert rules["行政处罚法"] == "law.statute-after-verb"
    assert rules["新闻出版“十四五”规划"] == "law.plan-period"


def test_a_pass_sees_what_the_passes_before_it_found():
    st_ = LawState.of(_parsed("关于印发《某市数据安全管理办法》的通知"))
    for name, run in PASSES:
        run(st_)
        if name == "title-mentions":
            assert [f.rule for f in st_.found] == ["law.title"]
    assert "某市数据安全管理办法" in {m.label for m in st_.mentions}


_ALPHABET = "《》〈〉（）关于印发的通知法条例规划办法依照制定十三五第一条，。\n某市省数据安全"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_mentions_are_sorted_distinct_spans(text):
    ms = extract_laws(_parsed(text), ExtractContext())
    spans = [(m.start, m.end) for m in ms]
    assert spans == sorted(set(spans))
    assert all(0 <= m.start < m.end <= len(text) for m in ms)


# --- the data files ----------------------------------------------------------------------------


def _files() -> dict[str, dict]:
    return {p.name.removesuffix(".json"): json.loads(p.read_text(encoding="utf-8"))
            for p in DATA.iterdir() if p.name.endswith(".json")}


def test_data_files_are_the_ones_the_loader_knows():
    assert sorted(_files()) == sorted(vocab.DATA_FILES)


def test_every_list_is_commented_typed_and_without_repeats():
    for name, data in _files().items():
        assert data["_comment"] and data["_source"], name
        for key, entry in data.items():
            if key.startswith("_"):
                continue
            assert isinstance(entry.get("_comment"), str) and entry["_comment"], (name, key)
            kinds = [k for k in ("words", "patterns", "chars") if k in entry]
            assert len(kinds) == 1, (name, key)
            items = list(entry[kinds[0]])
            assert items and len(set(items)) == len(items), f"{name}.{key} repeats an item"
            if kinds[0] == "words":
                assert all(w and re.escape(w) == w for w in items), f"{name}.{key}: a word holds a regex metacharacter"
            if kinds[0] == "patterns":
                for p in items:
                    re.compile(p)


def test_every_list_is_used_by_the_code():
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.glob("*.py"))
    for name, data in _files().items():
        for key in data:
            if not key.startswith("_"):
                assert f'"{key}"' in source or f"'{key}'" in source, f"{name}.{key} is read by no module"


def test_lists_are_read_once():
    assert vocab.words("verbs", "triggers") is vocab.words("verbs", "triggers")
    assert vocab.TRIGGERS == vocab.words("verbs", "triggers")
    assert vocab._table.cache_info().currsize == len(vocab.DATA_FILES)


def test_unknown_file_or_list_is_one_clear_error():
    with pytest.raises(ValueError, match=r"no data file 'nope'"):
        vocab.words("nope", "triggers")
    with pytest.raises(ValueError, match=r"no commented list 'nope'"):
        vocab.words("verbs", "nope")
    with pytest.raises(ValueError, match=r"'patterns'"):
        vocab.patterns("verbs", "triggers")


def test_alternations_put_longer_words_first():
    assert vocab.alt(["法", "法典", "规划", "规划纲要"]) == "规划纲要|法典|规划|法"
    assert vocab.join(["当(?!代)", "对"]) == "当(?!代)|对"
    assert vocab.TITLE_END.search("某国民法典").group(0) == "法典"  # the longer word wins


def test_modules_are_small():
    for p in PACKAGE.glob("*.py"):
        assert len(p.read_text(encoding="utf-8").splitlines()) <= 500, p.name


def test_no_private_fold():
    from kg import textfold

    assert laws.fold is textfold.fold
    for p in PACKAGE.glob("*.py"):
        assert "opencc" not in p.read_text(encoding="utf-8").lower(), p.name
