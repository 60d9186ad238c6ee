"""The Project extractor's registry of passes and its vocabulary data (issue 11: rules as data, passes by name)."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import project_rules as R
from kg.extract import projects
from kg.extract.base import ExtractContext
from kg.extract.projects import PASSES, extract_projects
from kg.model import Document

EXPECTED_PASSES = ("quoted", "counted-lists", "unquoted", "years", "dedupe", "repeats", "instruments")


def test_passes_are_named_in_order_and_documented():
    assert tuple(name for name, _ in PASSES) == EXPECTED_PASSES
    for name, run in PASSES:
        assert callable(run), name
        doc = (run.__doc__ or "").strip()
        assert doc, f"pass {name} has no docstring"
        assert doc[0].isupper() and doc.endswith("."), f"pass {name}: {doc!r}"


def test_extract_projects_runs_every_pass_once_in_order(pipeline, monkeypatch):
    text = "2031年，全省深入实施乡村书屋提升工程，开展“晨光”专项行动和“春苗”专项行动。"
    parsed = pipeline.parse(Document("t.txt", text))
    before = extract_projects(parsed, ExtractContext(year=parsed.year))
    seen: list[str] = []

    def recording(name, run):
        def wrapped(d, found):
            seen.append(name)
            return run(d, found)
        return wrapped

    monkeypatch.setattr(projects, "PASSES", tuple((n, recording(n, r)) for n, r in PASSES))
    after = extract_projects(parsed, ExtractContext(year=parsed.year))
    assert seen == list(EXPECTED_PASSES)
    assert after == before
    assert {m.label for m in after} >= {"乡村书屋提升工程", "“晨光”专项行动", "“春苗”专项行动"}


def test_vocabulary_is_read_once_and_every_list_says_what_it_is():
    assert R.vocabulary() is R.vocabulary()  # functools.cache: one read per process
    raw = json.loads((resources.files("kg") / "data" / "projects" / "vocabulary.json").read_text(encoding="utf-8"))
    assert raw["_comment"] and raw["_source"]
    lists = {k: v for k, v in raw.items() if not k.startswith("_")}
    assert lists.keys() == R.vocabulary().keys()
    for name, entry in lists.items():
        assert entry["_comment"].strip(), name
        items = entry.get("words", entry.get("chars"))
        assert items, f"{name} is empty"
        if "words" in entry:
            assert len(set(items)) == len(items), f"{name} repeats a word"
            assert all(re.fullmatch(r"[\u4e00-\u9fff]+", w) for w in items), f"{name} holds a non-word"


def test_patterns_are_built_from_the_lists():
    for head in R.words("unquoted_heads"):
        assert R.HEAD.fullmatch(head) and R.ENDS_IN_HEAD.search("某某" + head)
    for verb in R.words("trigger_verbs"):
        assert R.TRIGGER.fullmatch(verb) and R.TRIGGER.fullmatch("深入" + verb)
    assert R.TIGHT_HEADS == frozenset(R.words("tight_heads"))
    assert R.STOP_TOKENS >= {"的", "制定"} and "和" in R.CONJ_TOKENS
    assert all(R.bad_follower(w + "之外") for w in R.words("bad_followers"))
    assert all(R.is_concept("某某" + w) for w in R.words("concept_ends"))
    assert all(R.is_plan_document("某某" + w + "计划") for w in R.words("plan_document_stems"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(R.words("generic_words")), min_size=1, max_size=3))
def test_a_stem_of_generic_words_is_generic(parts):
    assert R.is_generic_stem("".join(parts))


@pytest.mark.parametrize("name", ["vocabulary", "words"])
def test_loader_functions_are_documented(name):
    assert (getattr(R, name).__doc__ or "").strip()
