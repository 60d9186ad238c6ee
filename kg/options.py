"""The options of a build (:class:`BuildOptions`) and the bundled sample, importable without the pipeline.

Kept apart from :mod:`kg.api` so that ``kg build`` can decide that its outputs are up to date
(:mod:`kg.uptodate`) without importing rdflib, jieba or networkx.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .reader import DEFAULT_GLOBS

if TYPE_CHECKING:
    from .pipeline import Pipeline


def sample_path() -> Path:
    """Path of the bundled sample document."""
    return Path(__file__).resolve().parent / "data" / "sample.txt"


@dataclass(frozen=True)
class BuildOptions:
    """Every option of :func:`build` besides the inputs and the output folder (defaults: a plain build).

    Inputs: ``globs`` (file patterns taken from folders), ``encoding`` (``None``: detect), ``strict``
    (fail on an unreadable file instead of skipping it), ``gazetteer`` (a user gazetteer added to the
    packaged one), ``pipeline`` (a ready :class:`kg.pipeline.Pipeline`; ``gazetteer`` is then ignored).
    Corpus runs (:func:`kg.parallel.process_corpus`): ``jobs`` worker processes (``None``: every CPU),
    ``engine="dask"`` with a ``scheduler`` address, an incremental ``cache`` folder (:mod:`kg.cache`),
    ``progress(done, total)`` called as documents finish. Graph: ``corrections`` (a CSV, :mod:`kg.curation`)
    applied to the merged corpus before RDF is written; ``cooccurrence`` adds same-sentence edges to the
    analysis graph. Outputs: ``top_n`` nodes shown at first in ``graph.html``; ``graph_formats``
    (``"gexf"``, ``"graphml"``) also written as ``graph.<format>``; ``rdf_formats`` (``"jsonld"``, ``"nt"``)
    also written as ``graph.jsonld`` / ``graph.nt`` (:mod:`kg.exports`; ``graph.ttl`` always is);
    ``excel`` starts the tidy tables with a byte-order mark; ``store`` also writes a persistent Oxigraph
    store of the graph in that folder (:mod:`kg.store`).

    Examples
    --------
    >>> opts = BuildOptions(jobs=None, graph_formats=("gexf",))
    >>> opts.jobs is None and opts.engine == "local"
    True
    >>> BuildOptions.merge(opts, {"excel": True}).excel, opts.excel
    (True, False)
    """

    globs: Sequence[str] = DEFAULT_GLOBS
    encoding: str | None = None
    strict: bool = False
    gazetteer: str | Path | None = None
    pipeline: Pipeline | None = None
    jobs: int | None = 1
    engine: str = "local"
    scheduler: str | None = None
    cache: str | Path | None = None
    progress: Callable[[int, int], None] | None = None
    corrections: str | Path | None = None
    cooccurrence: bool = False
    top_n: int = 500
    graph_formats: Sequence[str] = ()
    rdf_formats: Sequence[str] = ()
    excel: bool = False
    store: str | Path | None = None

    @classmethod
    def merge(cls, options: BuildOptions | None, overrides: Mapping[str, Any]) -> BuildOptions:
        """``options`` (default: all defaults) with the fields named in ``overrides`` replaced.

        An unknown name raises ``TypeError`` as an unknown keyword argument of :func:`build` would.
        """
        known = {f.name for f in fields(cls)}
        for name in overrides:
            if name not in known:
                raise TypeError(f"build() got an unexpected keyword argument {name!r}")
        base = options if options is not None else cls()
        return replace(base, **overrides) if overrides else base

