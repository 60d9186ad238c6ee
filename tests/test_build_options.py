"""``kg.api.BuildOptions``: the options of ``build`` as one value, the old keywords still accepted (issue 11)."""

from __future__ import annotations

import dataclasses

import pytest

import kg
from kg.api import BuildOptions, build, build_graph

#: the keyword arguments build() took before BuildOptions existed (callers may still pass any of them)
FORMER_KEYWORDS = {"globs", "encoding", "strict", "pipeline", "progress", "jobs", "engine", "scheduler", "cache",
                   "store", "top_n", "graph_formats", "cooccurrence", "rdf_formats", "excel", "corrections",
                   "gazetteer"}


def test_every_former_keyword_is_a_field():
    assert {f.name for f in dataclasses.fields(BuildOptions)} == FORMER_KEYWORDS


def test_merge_replaces_only_the_named_fields_and_keeps_the_original():
    base = BuildOptions(jobs=None, excel=True)
    merged = BuildOptions.merge(base, {"top_n": 7})
    assert (merged.jobs, merged.excel, merged.top_n) == (None, True, 7)
    assert base.top_n == 500
    assert BuildOptions.merge(None, {}) == BuildOptions()


def test_unknown_keyword_is_a_type_error_naming_it():
    with pytest.raises(TypeError, match="'job'"):
        build(out_dir=None, job=1)
    with pytest.raises(TypeError, match="'nope'"):
        BuildOptions.merge(BuildOptions(), {"nope": 1})


def test_options_and_keywords_write_the_same_bytes(tmp_path):
    by_options = build(out_dir=tmp_path / "a", options=BuildOptions(jobs=1, excel=True, graph_formats=("gexf",)))
    by_keywords = build(out_dir=tmp_path / "b", jobs=1, excel=True, graph_formats=("gexf",))
    names = sorted(p.name for p in (tmp_path / "a").iterdir()
                   if p.is_file() and p.name != "kg-manifest.json" and not p.name.startswith("."))  # .kg-build.json
    assert "graph.gexf" in names and "nodes.csv" in names
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir()
                           if p.is_file() and p.name != "kg-manifest.json" and not p.name.startswith("."))
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert (tmp_path / "a" / "nodes.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # excel=True took effect
    assert by_options.turtle == by_keywords.turtle


def test_keywords_given_with_options_win(tmp_path):
    build(out_dir=tmp_path, options=BuildOptions(jobs=1, excel=True), excel=False)
    assert not (tmp_path / "nodes.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_build_graph_takes_options_too():
    assert len(build_graph(options=BuildOptions(jobs=1))) == len(build_graph(jobs=1)) > 0


def test_build_options_is_part_of_the_package_api():
    assert kg.BuildOptions is BuildOptions and "BuildOptions" in kg.__all__
