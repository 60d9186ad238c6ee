"""Writing output files safely: to a temporary file, then renamed into place.

An interrupted build therefore leaves the previous outputs intact, and no
reader ever sees a half-written file. Outputs never overwrite inputs.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import OutputError


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


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and an atomic rename."""
    p = Path(path)
    # text is encoded a chunk at a time: a large graph is not held twice in memory
    chunks = ((data[i:i + (1 << 20)].encode("utf-8") for i in range(0, len(data), 1 << 20))
              if isinstance(data, str) else (data,))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".part", dir=p.parent)
    except OSError as exc:
        raise OutputError(f"cannot write in {p.parent}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return p
