"""policy-kg: knowledge graphs of bureaus, laws, programmes and dates from Chinese policy texts.

The public API::

    import kg
    result = kg.build(["docs/"], out_dir="output")   # writes graph.ttl, graph.html, centrality.csv
    g = kg.build_graph(["notice.txt"])               # an rdflib Graph, nothing written
"""

__version__ = "0.1.0"

from .api import BuildResult, build, build_graph, sample_path

__all__ = ["BuildResult", "__version__", "build", "build_graph", "sample_path"]
