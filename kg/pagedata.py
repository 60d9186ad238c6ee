"""The data the graph page reads (:func:`kg.html.graph_data`, embedded as JSON in graph.html for graph.js).

The keys are short because the page of a large corpus carries tens of thousands of nodes; these
typed dictionaries give each key its name and meaning, so that Python code building or reading the
data is checked, while the JSON stays as it is.
"""

from __future__ import annotations

from typing import TypedDict

__all__ = ["PageCounts", "PageData", "PageDocument", "PageEdge", "PageNode", "PageType"]


class PageType(TypedDict):
    """One entity type shown (index = a node's ``t``)."""

    name: str  # the type's local name: Bureau, Law …
    zh: str  # its Chinese name
    colour: str  # CSS colour of its nodes


class PageDocument(TypedDict):
    """One document (index = the document numbers in ``d``, ``e`` and ``st``)."""

    t: str  # title shown
    y: int | None  # year of issue
    n: str  # document number (文号), or ""


class _PageNodeBase(TypedDict):
    id: int  # index in ``nodes`` (the first view first, each part by PageRank)
    iri: str
    label: str
    en: str  # English name, or ""
    t: int  # type: index into ``types``
    c: int  # community (-1: none)
    pr: float  # PageRank
    deg: int  # degree
    btw: float  # betweenness
    ev: float  # eigenvector centrality
    clo: float  # closeness
    m: int  # mentions by name
    r: int  # references (anaphors: 该局 …)
    value: str  # ISO value of a Date, or ""
    alt: list[str]  # other names
    d: list[int]  # documents naming it: indexes into ``docs``
    yr: list[int]  # years it is active (documents issued, dates linked)
    lv: str  # level of a generic organ, or ""
    sc: str  # sector of a generic organ, or ""
    s: list[str]  # evidence sentences (cut)
    e: list[list[int]]  # evidence: [document index, 1 if a reference else 0, sentence index into ``S``]
    size: float  # radius in pixels
    x: float  # position in pixels (whole layout)
    y: float


class PageNode(_PageNodeBase, total=False):
    """One node (entity) of the page."""

    fx: float  # position in the first view's own layout, when the first view is not the whole graph
    fy: float


class PageEdge(TypedDict):
    """One edge (a related or co-mentioned pair); ``a`` < ``b`` are node ids."""

    a: int
    b: int
    p: list[str]  # predicates
    w: float  # weight
    co: int  # sentences mentioning both
    dir: int  # 0: no single direction, 1: a → b, 2: b → a
    n: int  # statements on the edge
    # the first statements: [predicate, 1 if a is the subject else 0, confidence (-1: none), 1 if inferred else 0,
    # rule, document index (-1: unknown), sentence index into ``S``]
    st: list[list[str | int | float]]


class PageCounts(TypedDict):
    """Totals shown in the page's footer."""

    statements: int  # relation statements in the graph
    onEdges: int  # of which drawn on an edge
    pairs: int  # edges


class PageData(TypedDict):
    """Everything the page draws."""

    types: list[PageType]
    nodes: list[PageNode]
    edges: list[PageEdge]
    top_n: int  # nodes drawn at most in the first view
    first: int  # nodes of the first view (the first ``first`` of ``nodes``)
    firstLayout: bool  # the first view has its own layout (fx, fy)
    docs: list[PageDocument]
    S: list[str]  # the sentences, shared by nodes and statements
    counts: PageCounts
