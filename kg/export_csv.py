"""The centrality table as CSV (one row per entity), and the cell rule every CSV/TSV output follows.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in
some, a tab or carriage return) as a formula. OWASP's rule is applied to every
text cell (:func:`safe_cell`): such a cell is written with a leading
apostrophe ``'``, as is a cell that already starts with one. The rule is
loss-free: :func:`restore_cell` (drop one leading ``'``) gives back exactly the
original text. A plain number (``-1``, ``0.25``, ``1e-05``) is a value, not a
formula, and is written as it is. Files are written with :mod:`csv`, so a
comma, quote, tab or line break inside a cell is quoted, never a new column or row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from .centrality import NodeScores

COLUMNS = ("iri", "label", "type", "degree", "degree_centrality", "betweenness", "pagerank", "eigenvector",
           "closeness", "community", "mentions")

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value: object) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP): ``'`` before a leading ``= + - @ TAB CR '``.

    >>> safe_cell('=HYPERLINK("http://x","y")'), safe_cell("-1"), safe_cell("财务司")
    ('\\'=HYPERLINK("http://x","y")', '-1', '财务司')
    """
    s = "" if value is None else str(value)
    if s.startswith(_TRIGGERS) and not _NUMBER.fullmatch(s):
        return "'" + s
    return s


def restore_cell(cell: str) -> str:
    """The original text of a cell written by :func:`safe_cell` (one leading ``'`` removed).

    >>> restore_cell(safe_cell("+86 10 1234")), restore_cell(safe_cell("'quoted"))
    ('+86 10 1234', "'quoted")
    """
    return cell.removeprefix("'")


def write_rows(header: Sequence[str], rows: Iterable[Sequence[object]], *, delimiter: str = ",") -> str:
    """CSV (or TSV with ``delimiter="\\t"``) text: a header and rows, every cell through :func:`safe_cell`."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    # csv quotes a cell holding the line terminator "\n" but not a lone "\r": such a row is quoted whole
    quoted = csv.writer(buf, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in [header, *rows]:
        cells = [safe_cell(c) for c in row]
        (quoted if any("\r" in c for c in cells) else w).writerow(cells)
    return buf.getvalue()


def centrality_csv(rows: Sequence[NodeScores]) -> str:
    """CSV text with a header; floats written with a fixed number of digits."""
    return write_rows(COLUMNS, ([r.iri, r.label, r.type, r.degree, f"{r.degree_centrality:.6f}", f"{r.betweenness:.6f}",
                                 f"{r.pagerank:.6f}", f"{r.eigenvector:.6f}", f"{r.closeness:.6f}", r.community,
                                 r.mentions] for r in rows))
