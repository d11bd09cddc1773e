"""Writing files so that a crash never leaves half a file: one writer for the library, batch and service."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Optional


def atomic_write(path: Path, data: bytes, mode: Optional[int] = None) -> None:
    """Write to a temporary name in the same directory, flush to disk, then rename.

    ``mode``, when given, is the file's permission bits: the temporary file is private (0600)
    while it is written and gets ``mode`` just before the rename. A killed process leaves at
    most a ``.masking-*.tmp`` file, which batch sweeps.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".masking-", suffix=".tmp", dir=str(path.parent))
    try:
        if mode is not None:
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
