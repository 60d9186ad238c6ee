"""CITATION.cff is valid CFF-shaped YAML and names the installed version."""

from __future__ import annotations

from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML reads CITATION.cff")


def test_citation_file_names_this_version():
    import kg

    data = yaml.safe_load((Path(__file__).resolve().parent.parent / "CITATION.cff").read_text(encoding="utf-8"))
    assert data["cff-version"].startswith("1.2")
    for key in ("message", "title", "authors", "version", "license"):
        assert data[key], key
    assert data["version"] == kg.__version__
