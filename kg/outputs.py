"""Writing output files safely: all files of a build as one generation, never half-written.

A build's files are written as one *generation* (:func:`write_generation`):

1. every file is written to a hidden staging file beside its target
   (``.graph.ttl.<generation>.part``) and flushed to disk, with the manifest
   ``kg-manifest.json`` (each file's SHA-256 and size, and the generation id,
   a hash of them: the same build gives the same bytes);
2. a commit record ``.kg-commit.json`` listing the renames is written
   atomically — this is the moment the new generation exists;
3. the staged files are renamed over the old ones (and files of the previous
   generation the new one lacks are removed); then the commit record is deleted.

A build killed before step 2 leaves the previous generation untouched (its
staging files are removed by the next build); killed during step 3, the next
build — or any reader calling :func:`recover` (``kg query`` and ``kg serve`` do)
— finishes the renames from the commit record, so what is read is always one
whole generation, previous or new. :func:`verify` checks a folder against its
manifest. Any OS error (a full disk, a read-only folder) is one
:class:`~kg.errors.OutputError`, with the staging files removed.

The manifest also marks the files as this tool's own: :func:`own_outputs`
names them, and input discovery never reads them as documents.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import OutputError

MANIFEST = "kg-manifest.json"
JOURNAL = ".kg-commit.json"
MANIFEST_FORMAT = 1
#: Files every build writes, recognised as outputs even in a folder written before manifests existed.
LEGACY_SIGNATURE = ("graph.ttl", "graph.html", "centrality.csv")
# staging files of a generation (and of write_atomic): ".graph.ttl.<tag>.part"
_PART = re.compile(r"^\.[\w.-]+\.(?:csv|tsv|ttl|html|gexf|graphml|jsonld|nt|json)\.\w{8,12}\.part$")


def prepare_dir(out_dir: str | Path) -> Path:
    """Create ``out_dir`` if needed; refuse a path that is a file or cannot be written."""
    p = Path(out_dir)
    if p.exists() and not p.is_dir():
        raise OutputError(f"output path {out_dir} is a file, not a folder")
    try:
        p.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output folder {out_dir}: {exc.strerror or exc}") from None
    if not os.access(p, os.W_OK):
        raise OutputError(f"output folder {out_dir} is not writable")
    return p


def check_not_inputs(targets: Iterable[Path], inputs: Iterable[Path]) -> None:
    """Raise when an output would overwrite one of the inputs."""
    ins = {Path(i).resolve() for i in inputs}
    for t in targets:
        if Path(t).resolve() in ins:
            raise OutputError(f"refusing to overwrite the input file {t}")


def _chunks(data: str | bytes) -> Iterable[bytes]:
    # text is encoded a chunk at a time: a large graph is not held twice in memory
    if isinstance(data, str):
        return (data[i:i + (1 << 20)].encode("utf-8", errors="surrogatepass") for i in range(0, len(data), 1 << 20))
    return (data,)


def _write_file(path: Path, data: str | bytes) -> str:
    """Write ``data`` to ``path`` (created new), flushed to disk; return its SHA-256."""
    h = hashlib.sha256()
    with open(path, "wb") as fh:
        for chunk in _chunks(data):
            h.update(chunk)
            fh.write(chunk)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(path, 0o644)
    return h.hexdigest()


def _fsync_dir(folder: Path) -> None:
    """Make renames in ``folder`` durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and an atomic rename."""
    p = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".part", dir=p.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"cannot write in {p.parent}: {exc.strerror or exc}") from None
    try:
        _write_file(Path(tmp), data)
        os.replace(tmp, p)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {p}: {exc.strerror or exc}") from None
        raise
    return p


def read_manifest(folder: str | Path) -> dict:
    """The manifest of ``folder`` (``{}`` when there is none or it cannot be read)."""
    try:
        data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and isinstance(data.get("files"), dict) else {}


def own_outputs(folder: str | Path) -> set[str]:
    """Names of the files in ``folder`` this tool wrote: its manifest's, or the legacy set beside graph.ttl."""
    p = Path(folder)
    names = set(read_manifest(p).get("files", {}))
    if names:
        return names | {MANIFEST}
    if all((p / n).is_file() for n in LEGACY_SIGNATURE):
        return set(LEGACY_SIGNATURE) | {"skipped.tsv", "graph.gexf", "graph.graphml", "graph.jsonld", "graph.nt"}
    return set()


def _apply(folder: Path, record: dict) -> None:
    """Carry out a commit record: rename the staged files into place, remove the files it drops."""
    for staged, name in record.get("renames", []):
        src, dst = folder / Path(staged).name, folder / Path(name).name
        if src.exists():
            os.replace(src, dst)
    for name in record.get("remove", []):
        with contextlib.suppress(FileNotFoundError):
            (folder / Path(name).name).unlink()
    _fsync_dir(folder)
    with contextlib.suppress(FileNotFoundError):
        (folder / JOURNAL).unlink()
    _fsync_dir(folder)


def recover(folder: str | Path) -> bool:
    """Finish a generation whose commit was recorded but not completed, and remove staging leftovers.

    Returns True when a commit was finished. Errors (a read-only folder) are ignored: the reader
    then sees the files as they are.
    """
    p = Path(folder)
    finished = False
    try:
        record = json.loads((p / JOURNAL).read_text(encoding="utf-8"))
    except FileNotFoundError:
        record = None
    except (OSError, ValueError):
        record = {}
    try:
        if record is not None:
            _apply(p, record if isinstance(record, dict) else {})
            finished = bool(record)
        for f in p.iterdir():
            if f.name.startswith(".") and _PART.match(f.name) and f.is_file():
                f.unlink()
    except OSError:
        pass
    return finished


def verify(folder: str | Path) -> list[str]:
    """What does not match the manifest of ``folder`` (missing or changed files); ``[]`` when all match."""
    p = Path(folder)
    manifest = read_manifest(p)
    problems = []
    for name, info in sorted(manifest.get("files", {}).items()):
        try:
            data = (p / name).read_bytes()
        except OSError:
            problems.append(f"{name}: missing")
            continue
        if hashlib.sha256(data).hexdigest() != info.get("sha256"):
            problems.append(f"{name}: not the file of generation {manifest.get('generation', '?')}")
    return problems


def write_generation(folder: str | Path, contents: Mapping[str, str | bytes]) -> dict[str, Path]:
    """Write ``contents`` (file name → text or bytes) into ``folder`` as one generation (see the module docstring).

    Files of the previous generation that ``contents`` lacks (an old ``skipped.tsv``) are removed.
    """
    p = Path(folder)
    recover(p)
    # only what a manifest names is removed (and skipped.tsv, which builds before manifests removed too)
    previous = (set(read_manifest(p).get("files", {})) | {"skipped.tsv"}) - {MANIFEST}
    names = sorted(contents)
    staged: dict[str, Path] = {}
    tag = hashlib.sha256("\0".join(names).encode("utf-8")).hexdigest()[:12]
    journal_tmp = p / f"{JOURNAL}.{tag}.part"
    try:
        hashes = {}
        for name in names:
            staged[name] = p / f".{name}.{tag}.part"
            hashes[name] = _write_file(staged[name], contents[name])
        files = {n: {"sha256": hashes[n], "bytes": staged[n].stat().st_size} for n in names}
        generation = hashlib.sha256(json.dumps(files, sort_keys=True).encode("utf-8")).hexdigest()
        manifest = {"format": MANIFEST_FORMAT, "generation": generation, "files": files,
                    "note": "written by policy-kg (kg build) as one generation; these files are outputs, never inputs"}
        staged[MANIFEST] = p / f".{MANIFEST}.{tag}.part"
        _write_file(staged[MANIFEST], json.dumps(manifest, sort_keys=True, indent=1) + "\n")
        _fsync_dir(p)
        # the renames in order, the manifest last; then drop what the previous generation had and this one lacks
        record = {"generation": generation,
                  "renames": [[staged[n].name, n] for n in [*names, MANIFEST]],
                  "remove": sorted(previous - set(names) - {MANIFEST})}
        _write_file(journal_tmp, json.dumps(record, sort_keys=True) + "\n")
        os.replace(journal_tmp, p / JOURNAL)  # the commit point
        _fsync_dir(p)
    except BaseException as exc:
        for f in [*staged.values(), journal_tmp]:
            with contextlib.suppress(OSError):
                f.unlink()
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write the outputs in {folder}: {exc.strerror or exc}; "
                              "the previous outputs are left as they were") from None
        raise
    try:
        _apply(p, record)
    except OSError as exc:
        raise OutputError(f"cannot finish writing the outputs in {folder}: {exc.strerror or exc}; "
                          "the next build completes them") from None
    return {n: p / n for n in names}
