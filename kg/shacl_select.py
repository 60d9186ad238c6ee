"""SPARQL text surgery for SHACL-SPARQL constraints: a ``sh:select`` rewritten to run once over all focus nodes.

Part of :mod:`kg.shacl_sparql` (which re-exports :func:`mask`, :func:`inject_focus` and
:func:`not_exists_to_minus`).
"""

from __future__ import annotations

import re

from .shacl_terms import UnsupportedShape

# ---------------------------------------------------------------------------
# SPARQL text surgery for sh:select
# ---------------------------------------------------------------------------

_TOKEN = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')


def mask(text: str) -> str:
    """``text`` with strings, IRIs and comments blanked out (same length), so keywords can be found."""
    return _TOKEN.sub(lambda m: " " * len(m.group(0)), text)


def inject_focus(select: str, focus: str, path: str | None, where: str) -> str:
    """Rewrite a SHACL-SPARQL SELECT so that it runs once over all focus nodes.

    ``$this`` becomes ``?this``, bound by ``focus`` placed first in the WHERE
    group; ``$PATH`` becomes the shape's path; the projection gets ``?this`` and
    DISTINCT (pySHACL drops repeated rows too).
    """
    masked = mask(select)
    selects = [m.start() for m in re.finditer(r"\bSELECT\b", masked, re.IGNORECASE)]
    if len(selects) != 1:
        raise UnsupportedShape(f"{where}: sh:select must be one SELECT without sub-queries")
    for var in ("currentShape", "shapesGraph"):
        if re.search(rf"[$?]{var}\b", masked):
            raise UnsupportedShape(f"{where}: ${var} is not supported")
    if re.search(r"\$PATH\b", masked) and path is None:
        raise UnsupportedShape(f"{where}: $PATH in a node shape")
    brace = masked.find("{", selects[0])
    if brace < 0:
        raise UnsupportedShape(f"{where}: sh:select has no WHERE group")
    head = re.match(r"SELECT\s+((?:DISTINCT|REDUCED)\s+)?", masked[selects[0]:], re.IGNORECASE)
    assert head is not None
    proj_start = selects[0] + head.end()
    projection = masked[proj_start:brace]
    projection = re.sub(r"\bWHERE\s*$", "", projection.rstrip(), flags=re.IGNORECASE)
    projected = set(re.findall(r"[?$](\w+)", projection))
    add = "" if projection.strip() == "*" or "this" in projected else "?this "
    # edits from the end backwards, so earlier offsets stay valid
    out = select[:brace + 1] + f" {focus} " + select[brace + 1:]
    out = out[:proj_start] + add + out[proj_start:]
    out = out[:selects[0]] + "SELECT DISTINCT " + out[proj_start:]
    m2 = mask(out)
    pieces, last = [], 0
    for m in re.finditer(r"\$(this|PATH)\b", m2):
        pieces += [out[last:m.start()], "?this" if m.group(1) == "this" else (path or "")]
        last = m.end()
    return not_exists_to_minus("".join(pieces) + out[last:])


_NOT_BGP = re.compile(r"\b(FILTER|OPTIONAL|BIND|VALUES|UNION|MINUS|GRAPH|SERVICE|EXISTS|SELECT)\b|[{}()]",
                      re.IGNORECASE)


def not_exists_to_minus(query: str) -> str:
    """``FILTER NOT EXISTS { triples with ?this }`` at the top of the WHERE group, moved to its end as ``MINUS``.

    Oxigraph evaluates the group of a NOT EXISTS once per row, which is slow
    when it joins several triple patterns (30 ms a row on 160k triples); MINUS
    is one anti-join. For a group of triple patterns that shares ``?this``
    (bound in every row) with the rows, both remove the same rows, and the
    end of the group is where every FILTER of the group applies anyway.
    """
    masked = mask(query)
    start = masked.find("{")
    if start < 0:
        return query
    depth, end = 0, -1
    for i in range(start, len(masked)):
        depth += {"{": 1, "}": -1}.get(masked[i], 0)
        if depth == 0:
            end = i
            break
    if end < 0:
        return query
    cuts: list[tuple[int, int, str]] = []
    for m in re.finditer(r"\bFILTER\s+NOT\s+EXISTS\s*\{", masked[:end], re.IGNORECASE):
        if masked[start:m.start()].count("{") - masked[start:m.start()].count("}") != 1:
            continue  # not at the top of the WHERE group
        close = masked.find("}", m.end())
        inner = masked[m.end():close]
        if close < 0 or _NOT_BGP.search(inner) or not re.search(r"\?this\b", inner):
            continue
        cuts.append((m.start(), close + 1, query[m.end():close]))
    if not cuts:
        return query
    out, last = [], 0
    for a, b, _ in cuts:
        out += [query[last:a], " "]
        last = b
    out.append(query[last:end])
    out += [f" MINUS {{{inner} }} " for _, _, inner in cuts]
    out.append(query[end:])
    return "".join(out)
