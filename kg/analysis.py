"""Network analysis of the knowledge graph: one import for notebooks and scripts.

The work is done in four modules, one job each:

* :mod:`kg.netgraph` — the analysis graph from the RDF triples (:func:`analysis_graph`,
  :class:`GraphCollector`) and its views by year (:func:`date_years`, :func:`year_subgraph`,
  :func:`activity_by_year`);
* :mod:`kg.centrality` — the measures (:func:`degree`, :func:`betweenness`, :func:`pagerank`,
  :func:`eigenvector`, :func:`closeness`, :func:`communities`), gathered by :func:`centrality`
  into :class:`NodeScores`; :func:`centrality_by_year`, :func:`describe_communities`;
* :mod:`kg.layout` — drawing positions (:func:`layout`, :func:`spread_for_labels`);
* :mod:`kg.plot` — matplotlib charts (:func:`plot_centrality`, :func:`cjk_font`).

This module re-exports their public names (``from kg.analysis import analysis_graph, centrality``
keeps working); the package's own modules import from the four directly.
"""

from __future__ import annotations

from .centrality import (
    BETWEENNESS_K,
    BETWEENNESS_THRESHOLD,
    Community,
    NodeScores,
    betweenness,
    centrality,
    centrality_by_year,
    closeness,
    communities,
    degree,
    describe_communities,
    eigenvector,
    pagerank,
)
from .layout import layout, spread_for_labels
from .netgraph import (
    DIGITS,
    DOCUMENTS_PER_ENTITY,
    SENTENCES_PER_DOCUMENT,
    GraphCollector,
    activity_by_year,
    analysis_graph,
    date_years,
    year_subgraph,
)
from .plot import cjk_font, plot_centrality

__all__ = [
    "BETWEENNESS_K", "BETWEENNESS_THRESHOLD", "DIGITS", "DOCUMENTS_PER_ENTITY", "SENTENCES_PER_DOCUMENT",
    "Community", "GraphCollector", "NodeScores", "activity_by_year", "analysis_graph", "betweenness", "centrality",
    "centrality_by_year", "cjk_font", "closeness", "communities", "date_years", "degree", "describe_communities",
    "eigenvector", "layout", "pagerank", "plot_centrality", "spread_for_labels", "year_subgraph",
]
