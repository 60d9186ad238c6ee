"""Colours and Chinese names of the entity types, shared by graph.html, GEXF/GraphML export and the charts."""

#: Colour of each entity type (graph.html, :func:`kg.plot.plot_centrality` and GEXF export).
TYPE_COLOURS = {
    "Bureau": "#1f77b4", "Law": "#d62728", "Project": "#2ca02c", "Date": "#9467bd",
    "Organization": "#ff7f0e", "Work": "#8c564b", "Event": "#e377c2",
}
#: Chinese names of the types, shown in the legend beside the English ones.
TYPE_NAMES_ZH = {
    "Bureau": "机构", "Law": "法规", "Project": "项目", "Date": "日期",
    "Organization": "组织", "Work": "作品", "Event": "事件",
}
#: Colour of a type not in :data:`TYPE_COLOURS`.
OTHER_COLOUR = "#7f7f7f"
