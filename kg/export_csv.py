"""The centrality table as CSV (one row per entity)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from .analysis import NodeScores

COLUMNS = ("iri", "label", "type", "degree", "degree_centrality", "betweenness", "pagerank", "eigenvector",
           "closeness", "community", "mentions")


def centrality_csv(rows: Sequence[NodeScores]) -> str:
    """CSV text with a header; floats written with a fixed number of digits."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow([r.iri, r.label, r.type, r.degree, f"{r.degree_centrality:.6f}", f"{r.betweenness:.6f}",
                    f"{r.pagerank:.6f}", f"{r.eigenvector:.6f}", f"{r.closeness:.6f}", r.community, r.mentions])
    return buf.getvalue()
