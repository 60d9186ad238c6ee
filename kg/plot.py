"""Matplotlib charts of the centrality table (for notebooks; matplotlib is imported only when drawing)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .centrality import NodeScores
from .palette import TYPE_COLOURS

if TYPE_CHECKING:  # matplotlib is imported only when drawing
    from matplotlib.axes import Axes


def plot_centrality(scores: Sequence[NodeScores], *, measure: str = "pagerank", top: int = 15,
                    ax: Axes | None = None) -> Axes:
    """Horizontal bar chart of the ``top`` entities by ``measure`` (matplotlib), coloured by type.

    Uses a CJK font when one is installed; otherwise English names (or
    ``Type #rank``) label the bars so that nothing renders as empty boxes.
    Returns the matplotlib ``Axes``.
    """
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    rows = sorted(scores, key=lambda s: (-getattr(s, measure), s.label, s.iri))[:top]
    cjk = [f.name for f in font_manager.fontManager.ttflist
           if any(k in f.name for k in ("CJK", "WenQuanYi", "Hei", "Source Han", "Noto Sans SC",
                                        "Droid Sans Fallback"))]
    if cjk:
        names = [s.label for s in rows]
    else:
        names = [s.english or f"{s.type} #{i + 1}" for i, s in enumerate(rows)]
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.35 * len(rows) + 1))
    ax.barh(range(len(rows)), [getattr(s, measure) for s in rows],
            color=[TYPE_COLOURS.get(s.type, "#7f7f7f") for s in rows])
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(names, fontfamily=[min(cjk), "sans-serif"] if cjk else None)
    ax.invert_yaxis()
    from matplotlib.patches import Patch

    present = list(dict.fromkeys(s.type for s in rows))
    ax.legend(handles=[Patch(color=TYPE_COLOURS.get(t, "#7f7f7f"), label=t) for t in present], loc="lower right",
              fontsize="small", frameon=False)
    ax.set_xlabel(measure)
    ax.set_title(f"top {len(rows)} entities by {measure}")
    return ax


def cjk_font() -> str | None:
    """The name of an installed font matplotlib can draw Chinese with (e.g. Debian's fonts-wqy-microhei or
    fonts-noto-cjk), or ``None``."""
    from matplotlib import font_manager

    names = sorted({f.name for f in font_manager.fontManager.ttflist
                    if any(k in f.name for k in ("CJK", "WenQuanYi", "Hei", "Source Han", "Noto Sans SC",
                                                 "Droid Sans Fallback"))})
    return names[0] if names else None
