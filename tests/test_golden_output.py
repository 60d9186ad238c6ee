"""The committed ``output/`` is exactly what ``kg build`` makes of the bundled sample.

This is the golden-output check of the README's first command, and it also
proves determinism: Turtle, CSV and HTML must be byte-identical. When an
intended change alters the output, rebuild with ``kg build`` (no arguments)
and commit ``output/`` together with the change. Dependency versions that
affect the bytes are pinned in ``constraints.txt``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import main

OUTPUT = Path(__file__).resolve().parent.parent / "output"
FILES = ("graph.ttl", "graph.html", "centrality.csv", "nodes.csv", "edges.csv", "documents.csv", "kg-manifest.json")


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    out = tmp_path_factory.mktemp("golden")
    assert main(["build", "--out", str(out), "-q"]) == 0
    return out


@pytest.mark.parametrize("name", FILES)
def test_golden_output_is_byte_identical(rebuilt, name):
    committed = OUTPUT / name
    assert committed.is_file(), f"{committed} is missing: run `kg build` and commit output/"
    assert (rebuilt / name).read_bytes() == committed.read_bytes(), (
        f"{name} differs from the committed output/: run `kg build` and commit output/ if the change is intended")


def test_golden_two_builds_are_identical(rebuilt, tmp_path):
    assert main(["build", "--out", str(tmp_path), "-q"]) == 0
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (rebuilt / name).read_bytes()
