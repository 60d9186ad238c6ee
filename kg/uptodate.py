"""Rebuilds with nothing changed: ``kg build`` leaves its outputs as they are, without loading the pipeline.

After writing a generation of outputs (:mod:`kg.outputs`) a build records a *stamp*,
``OUT/.kg-build.json``: the generation it belongs to, each output file's size and
modification time, each input's path, size, modification time and SHA-256, the files
discovery passed over, the options that shape the outputs (:func:`options_key`) and the
software (:func:`software_key`: the ``kg`` package's files, its ontology and the versions of
the libraries that shape the outputs). :func:`up_to_date` compares all of it with the present:
an input or output whose size and time match is taken as unchanged, one whose time moved is
hashed and compared (a file touched but identical still counts as unchanged, and the stamp is
refreshed so the next check is quick again). Only this module, :mod:`kg.options`,
:mod:`kg.reader` and :mod:`kg.outputs` run on that path: no rdflib, jieba or networkx.

The stamp is separate from ``kg-manifest.json`` so the manifest stays the same bytes for the
same outputs (times and paths are not in it).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .options import BuildOptions, sample_path

STAMP = ".kg-build.json"
MANIFEST = "kg-manifest.json"  # kg.outputs.MANIFEST
STAMP_FORMAT = 1
#: Distributions whose version can change the bytes of the outputs (segmentation, RDF, analysis, page).
LIBRARIES = ("jieba", "rdflib", "networkx", "numpy", "scipy", "pyoxigraph", "opencc", "pyvis", "jinja2",
             "charset-normalizer", "pypdf", "python-docx", "markdown-it-py")
_CHUNK = 1 << 20
#: :data:`kg.store.STORE_MARK` (not imported: kg.store loads pyoxigraph); a test keeps them equal.
STORE_MARK = "kg-store.json"
#: A file or folder changed less than this before a build is not trusted by its time (a later change in the same
#: clock tick would leave the time as it is): it is hashed, or discovery is run, on the next check.
RACY_NS = 2_000_000_000


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read a chunk at a time."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _stat(path: str | Path) -> tuple[int, int] | None:
    """``(size, mtime_ns)`` of a file, or ``None`` when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _tree_hash(h, root: str) -> None:
    """Feed every file under ``root`` (relative path and bytes, sorted; caches left out) into ``h``."""
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        rel = os.path.relpath(folder, root)
        found.extend(name if rel == "." else f"{rel}/{name}" for name in files if not name.endswith((".pyc", ".pyo")))
    for name in sorted(found):
        h.update(name.encode("utf-8", errors="surrogatepass") + b"\0")
        with open(os.path.join(root, name), "rb") as fh:
            h.update(fh.read() + b"\0")


def _distributions() -> list[str]:
    """The installed metadata folders (``name-version.dist-info``) of :data:`LIBRARIES`, first on ``sys.path`` first.

    Read from the folder names, as :mod:`importlib.metadata` finds them, without importing it (0.1 s).
    """
    import re
    import sys

    wanted = {re.sub(r"[-_.]+", "_", n).lower() for n in LIBRARIES}
    seen: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in sorted(names):
            if name.endswith((".dist-info", ".egg-info")):
                dist = re.sub(r"[-_.]+", "_", name.split("-", 1)[0]).lower()
                if dist in wanted and dist not in seen:
                    seen[dist] = name
    return [seen.get(n, "-") for n in sorted(wanted)]


@functools.cache
def software_key() -> str:
    """SHA-256 of the ``kg`` package's files, its ontology folder and the installed versions of :data:`LIBRARIES`."""
    from ._version import __version__

    h = hashlib.sha256(__version__.encode("utf-8") + b"\0")
    here = os.path.dirname(os.path.abspath(__file__))
    _tree_hash(h, here)
    ontology = os.path.join(os.path.dirname(here), "ontology")
    if not os.path.isdir(ontology):  # an installed package: kg.ontology
        import importlib.util

        with contextlib.suppress(ImportError, ValueError):
            spec = importlib.util.find_spec("kg.ontology")
            if spec is not None and spec.submodule_search_locations:
                ontology = next(iter(spec.submodule_search_locations))
    if os.path.isdir(ontology):
        h.update(b"ontology\0")
        _tree_hash(h, ontology)
    for name in _distributions():
        h.update(name.encode("utf-8") + b"\0")
    return h.hexdigest()


def options_key(o: BuildOptions) -> str | None:
    """The options that shape the outputs, as JSON (``None``: a build with a ready pipeline is never skipped).

    Workers, engine, cache and progress are left out: they never change a byte.
    """
    if o.pipeline is not None:
        return None
    key: dict[str, Any] = {"globs": list(o.globs), "encoding": o.encoding, "strict": o.strict,
                           "cooccurrence": o.cooccurrence, "top_n": o.top_n, "graph_formats": list(o.graph_formats),
                           "rdf_formats": list(o.rdf_formats), "excel": o.excel,
                           "store": os.path.abspath(o.store) if o.store is not None else None}
    for name in ("gazetteer", "corrections"):
        path = getattr(o, name)
        if path is not None:
            try:
                key[name] = [os.path.abspath(path), file_sha256(path)]
            except OSError:
                return None  # the build itself says what is wrong with the file
    return json.dumps(key, ensure_ascii=False, sort_keys=True)


def discover_inputs(paths: Sequence[str | Path] | None, globs: Sequence[str],
                    passed_over: list[tuple[str, str]] | None = None) -> list[tuple[Path, Path]]:
    """The ``(file, root)`` pairs a build of ``paths`` reads (:func:`kg.api.collect`; the sample when empty)."""
    from .errors import InputError
    from .reader import discover

    if not paths:
        p = sample_path()
        return [(p, p.parent)]
    pairs = discover(paths, globs, passed_over)
    if not pairs:
        raise InputError("no input documents found (looked for " + ", ".join(globs) + ")")
    return pairs


@dataclass
class Snapshot:
    """What a build's inputs looked like before it read them (see :func:`snapshot`)."""

    paths: list[str]  # the paths given, absolute
    now_ns: int  # when it was taken
    folders: dict[str, int] | None  # every folder searched, with its mtime_ns; None when one changed just now
    inputs: list[tuple[int, int] | None] = field(default_factory=list)  # (size, mtime_ns) of each input


def _folders(paths: Sequence[str | Path] | None, now_ns: int) -> dict[str, int] | None:
    """Modification times of every folder discovery reads for ``paths`` and of the folders holding them.

    A folder's time moves when an entry is added, removed or renamed in it, so equal times mean the
    same listing. ``None`` when one of them changed within :data:`RACY_NS` of ``now_ns``: a change in
    the same clock tick would not move it again.
    """
    times: dict[str, int] = {}

    def note(folder: str) -> bool:
        st = _stat(folder)
        if st is None or st[1] >= now_ns - RACY_NS:
            return False
        times[folder] = st[1]
        return True

    for raw in paths or [str(sample_path())]:
        given = os.path.abspath(raw)
        if not note(os.path.dirname(given)):
            return None
        if os.path.isdir(given):
            for folder, dirs, _ in os.walk(os.path.realpath(given)):
                dirs.sort()
                if not note(folder):
                    return None
    return times


def snapshot(paths: Sequence[str | Path] | None) -> Snapshot:
    """The folders' times before discovery (inputs' :func:`input_stats` are added once they are known)."""
    now = time.time_ns()
    return Snapshot([os.path.abspath(p) for p in paths or ()], now, _folders(paths, now))


def input_stats(pairs: Sequence[tuple[Path, Path]]) -> list[tuple[int, int] | None]:
    """``(size, mtime_ns)`` of every input, taken before a build reads them."""
    return [_stat(p) for p, _ in pairs]


def _settled(st: Sequence[int], now_ns: int) -> list[int]:
    """``[size, mtime_ns]``, or ``[size, -1]`` (always hashed) for a file changed just before ``now_ns``."""
    return [st[0], st[1] if st[1] < now_ns - RACY_NS else -1]


def _outputs_stats(out: Path, manifest: dict) -> dict[str, list[int]] | None:
    stats = {}
    for name in [*manifest.get("files", {}), MANIFEST]:
        st = _stat(out / name)
        if st is None:
            return None
        stats[name] = list(st)
    return stats


def write_stamp(out: str | Path, pairs: Sequence[tuple[Path, Path]], before: Snapshot,
                passed_over: Sequence[tuple[str, str]], o: BuildOptions) -> bool:
    """Record the stamp of the generation just written in ``out``; ``False`` when a build cannot be skipped later.

    ``before`` is the :func:`snapshot` taken before the build read its inputs (with their
    :func:`input_stats`): an input that changed since (or could not be read) leaves no stamp, so the
    next build runs in full.
    """
    from .outputs import read_manifest

    folder = Path(out)
    stamp_path = folder / STAMP
    with contextlib.suppress(OSError):
        stamp_path.unlink()
    okey = options_key(o)
    manifest = read_manifest(folder)
    outputs = _outputs_stats(folder, manifest)
    if okey is None or outputs is None:
        return False
    inputs = []
    for (path, root), st in zip(pairs, before.inputs, strict=True):
        if st is None:
            return False
        try:
            digest = file_sha256(path)
        except OSError:
            return False
        if _stat(path) != st:
            return False
        inputs.append([str(path), str(root), *_settled(st, before.now_ns), digest])
    try:
        manifest_sha = file_sha256(folder / MANIFEST)
    except OSError:
        return False
    stamp = {"format": STAMP_FORMAT, "generation": manifest.get("generation"), "outputs": outputs,
             "manifest_sha256": manifest_sha, "inputs": inputs, "passed_over": [list(x) for x in passed_over],
             "paths": before.paths, "folders": before.folders,
             "options": okey, "software": software_key(), "store": _store_stat(o.store)}
    return _write(folder, stamp)


def _store_stat(store: str | Path | None) -> list[int] | None:
    if store is None:
        return None
    st = _stat(Path(store) / STORE_MARK)
    return list(st) if st is not None else None


def _same_file(path: str | Path, recorded: Sequence[int], digest: str) -> tuple[bool, tuple[int, int] | None]:
    """``(unchanged, stat)``: size and time as recorded, or else the same bytes (then ``stat`` is the new one).

    The time is taken before the bytes are read, so a file changed while it is hashed differs next time.
    """
    st = _stat(path)
    if st is None:
        return False, None
    if list(st) == list(recorded):
        return True, None
    if st[0] != recorded[0]:
        return False, None
    try:
        return file_sha256(path) == digest, st
    except OSError:
        return False, None


def _read_stamp(folder: Path) -> dict | None:
    try:
        stamp = json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) and stamp.get("format") == STAMP_FORMAT else None


def up_to_date(paths: Sequence[str | Path] | None, out: str | Path, o: BuildOptions) -> bool:
    """True when the outputs in ``out`` are those a build of ``paths`` with ``o`` would write (see the docstring).

    Any doubt (no stamp, a file missing or changed, an input added or removed, other options or
    software, an unfinished generation) answers ``False``: the build then runs and reports problems itself.
    """
    from .outputs import JOURNAL, read_manifest

    folder = Path(out)
    stamp = _read_stamp(folder)
    if stamp is None or (folder / JOURNAL).exists():
        return False
    manifest = read_manifest(folder)
    if not manifest or manifest.get("generation") != stamp.get("generation"):
        return False
    okey = options_key(o)
    store = _store_stat(o.store)
    if okey is None or okey != stamp.get("options") or stamp.get("store") != store or (o.store and not store):
        return False
    outputs = _check_outputs(folder, manifest, stamp)
    checked = _check_inputs(paths, o, stamp) if outputs is not None else None
    if outputs is None or checked is None or stamp.get("software") != software_key():
        return False
    inputs, listing = checked
    fresh = {**stamp, "outputs": outputs, "inputs": inputs, **listing}
    if fresh != stamp:  # touched but identical, or a folder's time settled: keep the next check quick
        _write(folder, fresh)
    return True


def _check_outputs(folder: Path, manifest: dict, stamp: dict) -> dict[str, list[int]] | None:
    """The outputs' present ``(size, mtime_ns)`` when every one is the file of the manifest, else ``None``."""
    files = {name: info.get("sha256", "") for name, info in manifest.get("files", {}).items()}
    files[MANIFEST] = stamp.get("manifest_sha256", "")
    recorded = stamp.get("outputs", {})
    if not isinstance(recorded, dict) or set(recorded) != set(files):
        return None
    present = {}
    for name, digest in files.items():
        same, st = _same_file(folder / name, recorded[name], digest)
        if not same:
            return None
        present[name] = list(st) if st is not None else recorded[name]
    return present


def _check_inputs(paths: Sequence[str | Path] | None, o: BuildOptions, stamp: dict) -> tuple[list[list], dict] | None:
    """The inputs' records and folders' times, as they are now, when the inputs are the same bytes; else ``None``.

    When no folder's time moved, the listing is the recorded one and discovery is not run again.
    """
    now = snapshot(paths)
    recorded = stamp.get("inputs", [])
    if now.folders is not None and now.paths == stamp.get("paths") and now.folders == stamp.get("folders"):
        pairs = [(rec[0], rec[1]) for rec in recorded]
    else:
        passed_over: list[tuple[str, str]] = []
        try:
            found = discover_inputs(paths, o.globs, passed_over)
        except Exception:  # noqa: BLE001 - any trouble finding the inputs: the build reports it
            return None
        pairs = [(str(p), str(r)) for p, r in found]
        if [list(x) for x in pairs] != [x[:2] for x in recorded]:
            return None
        if [list(x) for x in passed_over] != stamp.get("passed_over"):
            return None
    inputs = []
    for (path, _), rec in zip(pairs, recorded, strict=True):
        same, st = _same_file(path, rec[2:4], rec[4])
        if not same:
            return None
        inputs.append(rec if st is None else [*rec[:2], *_settled(st, now.now_ns), rec[4]])
    return inputs, {"paths": now.paths, "folders": now.folders}


def _write(folder: Path, stamp: dict) -> bool:
    """Write ``stamp`` atomically into ``folder`` (``False`` when it cannot be written)."""
    from .errors import OutputError
    from .outputs import write_atomic

    try:
        write_atomic(folder / STAMP, json.dumps(stamp, ensure_ascii=False, sort_keys=True) + "\n")
    except (OSError, OutputError):
        return False
    return True
