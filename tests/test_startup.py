"""``kg --version`` and ``kg --help`` answer without importing the heavy libraries (issue 11).

Each check runs in a child interpreter so that this test process's own imports do not count.
Start-up time itself is measured by benchmarks/bench_startup.py, not asserted here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import kg

HEAVY = ("rdflib", "jieba", "networkx", "numpy", "scipy", "pyoxigraph", "opencc", "jinja2", "matplotlib")

CHILD = """
import contextlib, io, json, sys
from kg.cli import main
out = io.StringIO()
code = None
with contextlib.redirect_stdout(out):
    try:
        code = main({argv!r})
    except SystemExit as exc:
        code = exc.code
print(json.dumps({{"out": out.getvalue(), "code": code, "modules": sorted(sys.modules)}}))
"""


def run_child(argv: list[str]) -> dict:
    """Run ``kg ARGV`` in a fresh interpreter; its stdout, exit code and every module it imported."""
    done = subprocess.run([sys.executable, "-c", CHILD.format(argv=argv)], capture_output=True, text=True,
                          check=True, timeout=60)
    return json.loads(done.stdout)


def heavy_in(modules: list[str]) -> list[str]:
    """The heavy top-level packages among ``modules``."""
    return sorted({m.split(".")[0] for m in modules} & set(HEAVY))


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["build", "--help"], ["query", "--help"]])
def test_version_and_help_import_no_heavy_library(argv):
    child = run_child(argv)
    assert child["code"] == 0
    assert child["out"].strip()
    assert heavy_in(child["modules"]) == []
    assert "kg.api" not in child["modules"]


def test_version_prints_the_package_version():
    assert run_child(["--version"])["out"].strip() == f"kg {kg.__version__}"


def test_heavy_check_sees_a_heavy_import():
    """The check above can fail: a command that builds does import rdflib in the child."""
    done = subprocess.run([sys.executable, "-c",
                           "import sys, kg; kg.build_graph; print(','.join(sorted(sys.modules)))"],
                          capture_output=True, text=True, check=True, timeout=120)
    assert "rdflib" in heavy_in(done.stdout.strip().split(","))


def test_api_names_resolve_lazily_to_kg_api():
    from kg import api

    assert kg.build is api.build and kg.build_graph is api.build_graph
    assert kg.sample_path is api.sample_path and kg.BuildResult is api.BuildResult
    assert kg.BuildOptions is api.BuildOptions
    assert {"build", "build_graph", "sample_path", "BuildResult", "BuildOptions"} <= set(dir(kg))
    with pytest.raises(AttributeError, match="no_such_name"):
        kg.no_such_name  # noqa: B018
