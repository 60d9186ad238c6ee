"""kg.shacl_sparql split into modules (issue 11): its public names stay where callers import them from."""

from __future__ import annotations

from pathlib import Path

import kg.shacl_sparql as ss
from kg import shacl_compile, shacl_select, shacl_terms

KG = Path(ss.__file__).resolve().parent


def test_public_names_are_kept():
    for name in ss.__all__:
        assert getattr(ss, name) is not None, name
    assert ss.Compiler is shacl_compile.Compiler and ss.compile_shapes is shacl_compile.compile_shapes
    assert ss.inject_focus is shacl_select.inject_focus and ss.mask is shacl_select.mask
    assert ss.UnsupportedShape is shacl_terms.UnsupportedShape and ss.Query is shacl_terms.Query


def test_each_module_is_short_and_documented():
    for mod in (ss, shacl_compile, shacl_select, shacl_terms):
        path = Path(mod.__file__)
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 500, path.name
        assert (mod.__doc__ or "").strip(), path.name


def test_mask_keeps_length_and_hides_strings():
    text = 'SELECT $this WHERE { $this <p> "SELECT" . # SELECT\n}'
    masked = ss.mask(text)
    assert len(masked) == len(text) and masked.count("SELECT") == 1
