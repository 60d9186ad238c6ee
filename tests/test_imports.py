"""No import cycle among the modules of ``kg`` (issue 11), counting every import statement.

Imports are read with :mod:`ast`, so function-level imports and imports under
``if TYPE_CHECKING:`` count like top-level ones: a cycle dodged by importing
inside a function is still a cycle. A package's ``__init__`` run implicitly
when one of its submodules is imported is not counted (only import statements are).

Run as a script to list the cycles: ``python tests/test_imports.py [PACKAGE_DIR]``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

KG = Path(__file__).resolve().parent.parent / "kg"


def module_names(root: Path) -> dict[str, Path]:
    """Dotted module name → file, for every ``.py`` file under the package directory ``root``."""
    out = {}
    for p in sorted(root.rglob("*.py")):
        if "__pycache__" in p.parts:
            continue
        parts = (root.name, *p.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


def _resolve(base: str, level: int, is_package: bool) -> str:
    """The package a relative import of ``level`` dots in module ``base`` starts from."""
    parts = base.split(".")
    if not is_package:
        parts = parts[:-1]
    return ".".join(parts[: len(parts) - (level - 1)] if level > 1 else parts)


def imports_of(name: str, path: Path, modules: set[str]) -> set[str]:
    """The package's modules that ``name`` (at ``path``) imports anywhere in its source."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            start = _resolve(name, node.level, is_package) if node.level else ""
            mod = ".".join(x for x in (start, node.module or "") if x)
            # "from pkg import sub" imports the submodule pkg.sub when there is one, else a name of pkg
            targets = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in modules else mod for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in modules:  # "import kg.a.b.name" → the deepest module named
                t = t.rpartition(".")[0]
            if t and t != name:
                found.add(t)
    return found


def import_graph(root: Path = KG) -> dict[str, set[str]]:
    """Module → the modules of the same package it imports."""
    mods = module_names(root)
    names = set(mods)
    return {m: imports_of(m, p, names) for m, p in mods.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (each sorted), sorted (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(graph) + 100))
    try:
        for v in sorted(graph):
            if v not in index:
                visit(v)
    finally:
        sys.setrecursionlimit(limit)
    return sorted(out)


def cycle_path(graph: dict[str, set[str]], comp: list[str]) -> list[str]:
    """One closed import path through a component (``a → b → … → a``), for the failure message."""
    members = set(comp)
    start = comp[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(graph[v] & members):
            if w == start:
                return paths[v] + [start]
            if w not in paths:
                paths[w] = paths[v] + [w]
                queue.append(w)
    return comp  # not reached: a component of more than one module has a cycle through each member


def test_no_import_cycle_among_kg_modules():
    graph = import_graph()
    found = [" → ".join(cycle_path(graph, c)) for c in cycles(graph)]
    assert not found, "import cycles among kg modules:\n" + "\n".join(found)


# --------------------------------------------------------------------------- the checker itself

def write_package(root: Path, files: dict[str, str]) -> Path:
    """A throw-away package ``pkg`` of ``files`` (relative path → source) under ``root``."""
    pkg = root / "pkg"
    for rel, text in {"__init__.py": "", **files}.items():
        (pkg / rel).parent.mkdir(parents=True, exist_ok=True)
        (pkg / rel).write_text(text, encoding="utf-8")
    return pkg


def test_checker_finds_a_cycle_hidden_in_a_function(tmp_path):
    pkg = write_package(tmp_path, {"a.py": "from .b import x\n",
                                   "b.py": "def f():\n    from .a import y\n    return y\nx = 1\n"})
    assert cycles(import_graph(pkg)) == [["pkg.a", "pkg.b"]]


def test_checker_finds_type_only_and_absolute_and_package_cycles(tmp_path):
    pkg = write_package(tmp_path, {
        "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.c import Z\n",
        "c.py": "import pkg.sub.d\n",
        "sub/__init__.py": "",
        "sub/d.py": "from .. import a\n",
        "e.py": "from . import f\n",  # e → f only: no cycle
        "f.py": "import os\n",
    })
    graph = import_graph(pkg)
    assert graph["pkg.sub.d"] == {"pkg.a"} and graph["pkg.e"] == {"pkg.f"}
    assert cycles(graph) == [["pkg.a", "pkg.c", "pkg.sub.d"]]
    assert cycle_path(graph, ["pkg.a", "pkg.c", "pkg.sub.d"]) == ["pkg.a", "pkg.c", "pkg.sub.d", "pkg.a"]


def test_checker_accepts_a_layered_package(tmp_path):
    pkg = write_package(tmp_path, {"a.py": "from .b import x\nfrom . import c\n", "b.py": "from .c import y\nx = 1\n",
                                   "c.py": "y = 2\n"})
    assert cycles(import_graph(pkg)) == []


if __name__ == "__main__":
    g = import_graph(Path(sys.argv[1]) if len(sys.argv) > 1 else KG)
    comps = cycles(g)
    for c in comps:
        print(" → ".join(cycle_path(g, c)))
    print(f"{len(comps)} cycle(s) among {len(g)} modules")
    sys.exit(1 if comps else 0)
