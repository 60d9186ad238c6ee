"""policy-kg: knowledge graphs of bureaus, laws, programmes and dates from Chinese policy texts.

The public API::

    import kg
    result = kg.build(["docs/"], out_dir="output")   # writes graph.ttl, graph.html, centrality.csv
    result = kg.build(["docs/"], options=kg.BuildOptions(jobs=4, excel=True))   # options as one value
    g = kg.build_graph(["notice.txt"])               # an rdflib Graph, nothing written

The API names are imported from :mod:`kg.api` on first use (PEP 562), so that
``import kg`` — and ``kg --version`` / ``kg --help`` — stay light (no rdflib,
jieba or networkx until something is built).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

__all__ = ["BuildOptions", "BuildResult", "__version__", "build", "build_graph", "sample_path"]

#: the names :func:`__getattr__` takes from :mod:`kg.api`
_API_NAMES = frozenset(__all__) - {"__version__"}

if TYPE_CHECKING:  # for type checkers and IDEs; at run time they come from __getattr__
    from .api import BuildOptions, BuildResult, build, build_graph, sample_path


def __getattr__(name: str) -> Any:
    """Import an API name from :mod:`kg.api` when first asked for (module-level ``__getattr__``, PEP 562)."""
    if name in _API_NAMES:
        from . import api

        value = getattr(api, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The module's names, the lazily imported API names included."""
    return sorted(set(globals()) | _API_NAMES)
