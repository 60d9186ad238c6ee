"""The project's own gold files agree with their texts, and the checker catches broken offsets."""

from __future__ import annotations

import copy
import importlib.util
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def _load_checker():
    spec = importlib.util.spec_from_file_location("check_gold", TESTS / "gold" / "check_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_gold = _load_checker()


def _gold_files() -> list[Path]:
    found = []
    for path in sorted(TESTS.rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        if isinstance(data, dict) and {"document", "entities", "relations"} <= data.keys():
            found.append(path)
    return found


GOLD_FILES = _gold_files()
IDS = [p.relative_to(TESTS).as_posix() for p in GOLD_FILES]


def _load(path: Path) -> tuple[dict, str]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    with open(check_gold.locate_text(path), encoding="utf-8") as fh:
        return gold, fh.read()


def test_every_expected_gold_file_is_found_with_its_text():
    names = {p.relative_to(TESTS).as_posix() for p in GOLD_FILES}
    assert {"gold/sample.json", "data/genre/statute_tiaoli.json", "data/genre/province_notice.json",
            "data/genre/joint_campaign_news.json", "data/genre/traditional_workplan.json"} <= names
    for path in GOLD_FILES:
        assert check_gold.locate_text(path).is_file(), path


@pytest.mark.parametrize("path", GOLD_FILES, ids=IDS)
def test_gold_file_agrees_with_its_text(path):
    assert check_gold.check(path, check_gold.locate_text(path)) == []


@pytest.mark.parametrize("path", GOLD_FILES, ids=IDS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_shifted_mention_is_reported(path, data):
    gold, text = _load(path)
    with_mentions = [e for e in gold["entities"] if e["mentions"]]
    entity = data.draw(st.sampled_from(with_mentions), label="entity")
    i = data.draw(st.integers(0, len(entity["mentions"]) - 1), label="mention")
    delta = data.draw(st.integers(-4, 4).filter(bool), label="delta")
    start, end = entity["mentions"][i]
    entity["mentions"][i] = [start + delta, end + delta]
    assert check_gold.check_data(gold, text) != []


@pytest.mark.parametrize("path", GOLD_FILES, ids=IDS)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_a_dropped_mention_is_reported(path, data):
    gold, text = _load(path)
    with_mentions = [e for e in gold["entities"] if e["mentions"]]
    entity = data.draw(st.sampled_from(with_mentions), label="entity")
    entity["mentions"].pop(data.draw(st.integers(0, len(entity["mentions"]) - 1), label="mention"))
    assert check_gold.check_data(gold, text) != []


@pytest.mark.parametrize("path", GOLD_FILES, ids=IDS)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_a_shifted_evidence_span_is_reported(path, data):
    gold, text = _load(path)
    relation = data.draw(st.sampled_from(gold["relations"]), label="relation")
    # move the evidence onto a stretch of text that holds neither end of the relation
    ends = {relation["subject"], relation["object"]}
    taken = [m for e in gold["entities"] if e["id"] in ends for m in e["mentions"]]
    free = [i for i in range(len(text) - 2) if not any(a - 2 < i < b for a, b in taken) and "\n" not in text[i:i + 2]]
    start = data.draw(st.sampled_from(free), label="start")
    relation["evidence"] = [start, start + 2]
    assert check_gold.check_data(gold, text) != []


def _sample() -> tuple[dict, str]:
    return _load(TESTS / "gold" / "sample.json")


def test_a_moved_section_boundary_is_reported():
    gold, text = _sample()
    for shift in (-1, 1):
        broken = copy.deepcopy(gold)
        broken["sections"][1]["start"] += shift
        assert any("S1" in p or "S2" in p for p in check_gold.check_data(broken, text))


def test_a_section_that_stops_short_of_the_end_is_reported():
    gold, text = _sample()
    gold["sections"][-1]["end"] -= 1
    assert check_gold.check_data(gold, text)


def test_a_wrong_bureau_explicit_flag_is_reported():
    gold, text = _sample()
    for section in gold["sections"]:
        broken = copy.deepcopy(gold)
        flipped = next(s for s in broken["sections"] if s["id"] == section["id"])
        flipped["bureau_explicit"] = not flipped["bureau_explicit"]
        assert any(section["id"] in p for p in check_gold.check_data(broken, text))


def test_a_relation_to_an_unknown_id_is_reported():
    gold, text = _sample()
    gold["relations"][0]["object"] = "E9999"
    assert any("unknown entity" in p for p in check_gold.check_data(gold, text))


def test_a_relation_of_the_wrong_types_is_reported():
    gold, text = _sample()
    law = next(r for r in gold["relations"] if r["predicate"] == "effectiveDate")
    law["subject"], law["object"] = law["object"], law["subject"]
    assert any("does not fit" in p for p in check_gold.check_data(gold, text))


def test_a_mention_text_that_spells_another_name_is_reported():
    gold, text = _sample()
    a, b = [e for e in gold["entities"] if e["type"] == "Law" and e["mentions"]][:2]
    a["mentions"].append(b["mentions"][0])
    assert any(a["id"] in p and "neither the label nor an alias" in p for p in check_gold.check_data(gold, text))


def test_a_mention_cut_short_of_its_label_is_reported():
    gold, text = _sample()
    congress = next(e for e in gold["entities"] if e["label"] == "党的二十大")
    congress["mentions"][0][0] += 2  # 二十大 is an alias, but the text says 党的二十大
    assert any("cut short" in p for p in check_gold.check_data(gold, text))


def test_a_mention_widened_over_a_line_break_is_reported():
    gold, text = _sample()
    year = next(e for e in gold["entities"] if e["label"] == "2022年")  # opens a paragraph
    assert text[year["mentions"][0][0] - 1] == "\n"
    year["mentions"][0][0] -= 1
    assert any("white space" in p for p in check_gold.check_data(gold, text))


def test_a_date_without_an_iso_value_is_reported():
    gold, text = _sample()
    date = next(e for e in gold["entities"] if e["type"] == "Date")
    date["value"] = "2023年"
    assert any("ISO" in p for p in check_gold.check_data(gold, text))


def test_the_sample_has_the_shape_the_cli_default_relies_on():
    gold, text = _sample()
    assert 1500 <= len(text) <= 3000
    assert text == text.strip() + "\n" and "\r" not in text
    assert len(gold["sections"]) >= 4
    for section in gold["sections"]:
        line_end = text.index("\n", section["start"])
        assert text[section["start"]:line_end] == section["heading"]
        assert section["start"] == 0 or text[section["start"] - 1] == "\n"
        assert not re.search(r"[。，；：！？、]$", section["heading"])
    assert any(not s["bureau_explicit"] for s in gold["sections"])
    types = {e["type"] for e in gold["entities"]}
    assert types == set(check_gold.TYPES)
    values = {e["value"] for e in gold["entities"] if e["type"] == "Date"}
    assert {"2023", "2023-03-01", "2021/2025"} <= values
    assert any("/" in v and len(v) == 15 for v in values)  # a half-year
    predicates = {r["predicate"] for r in gold["relations"]}
    assert predicates == set(check_gold.PREDICATES)
    assert any(not r["explicit"] and r["predicate"] == "responsibleFor" for r in gold["relations"])
