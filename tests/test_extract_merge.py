"""Settling overlaps between extractors."""

from __future__ import annotations

from kg.extract import merge_mentions
from kg.model import Mention


def m(type_, start, end, conf=1.0):
    return Mention(type_, start, end, "x" * (end - start), "x" * (end - start), "t", confidence=conf)


def test_merge_longer_span_wins_same_type():
    assert merge_mentions([m("Project", 0, 4), m("Project", 2, 8)]) == [m("Project", 2, 8)]


def test_merge_nested_project_in_law_is_kept():
    out = merge_mentions([m("Law", 0, 20), m("Project", 2, 8), m("Date", 10, 15)])
    assert [x.type for x in out] == ["Law", "Project", "Date"]


def test_merge_crossing_spans_keep_one():
    out = merge_mentions([m("Law", 0, 10), m("Work", 5, 15)])
    assert len(out) == 1


def test_merge_duplicates_collapse():
    assert merge_mentions([m("Date", 1, 5), m("Date", 1, 5)]) == [m("Date", 1, 5)]
