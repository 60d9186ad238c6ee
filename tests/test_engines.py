"""graph.ttl loads as is in rdflib, Oxigraph and raptor (Debian's rapper), with the same triple count."""

from __future__ import annotations

import re
import shutil
import subprocess

import pyoxigraph
import pytest
from rdflib import Graph

import kg


def _counts(ttl_path) -> tuple[int, int, int | None]:
    g = Graph()
    g.parse(ttl_path, format="turtle")
    store = pyoxigraph.Store()
    store.load(path=str(ttl_path), format=pyoxigraph.RdfFormat.TURTLE)
    raptor = None
    if shutil.which("rapper"):
        p = subprocess.run(["rapper", "-i", "turtle", "-c", str(ttl_path)], capture_output=True, text=True,
                           check=False, timeout=120)
        assert p.returncode == 0, p.stderr
        raptor = int(re.search(r"returned (\d+) triples", p.stderr).group(1))
    return len(g), len(store), raptor


@pytest.mark.parametrize("which", ["sample", "reference"])
def test_engines_same_triple_count(which, tmp_path, request):
    paths = None if which == "sample" else [request.getfixturevalue("reference_path")]
    result = kg.build(paths, tmp_path, jobs=1)
    n_rdflib, n_oxigraph, n_raptor = _counts(result.files["graph.ttl"])
    assert n_rdflib == n_oxigraph > 100
    if n_raptor is None:
        pytest.skip("rapper (Debian's raptor2-utils) is not installed; rdflib and Oxigraph agree")
    assert n_raptor == n_rdflib
