"""Colours and Chinese names of the entity types, shared by graph.html, GEXF/GraphML export and the charts.

Both maps are views of the type table (:mod:`kg.types`, ``kg/data/types.json``), kept here under their
old names for the modules that draw.
"""

from __future__ import annotations

from .types import entity_types

#: Colour of each entity type (graph.html, :func:`kg.plot.plot_centrality` and GEXF export).
TYPE_COLOURS: dict[str, str] = {t.name: t.colour for t in entity_types()}
#: Chinese names of the types, shown in the legend beside the English ones.
TYPE_NAMES_ZH: dict[str, str] = {t.name: t.zh for t in entity_types()}
#: Colour of a type not in :data:`TYPE_COLOURS`.
OTHER_COLOUR = "#7f7f7f"
