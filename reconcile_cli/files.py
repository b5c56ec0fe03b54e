"""Writing a file the user asked for: private (0600), atomic, never silently over another."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from reconcile_cli import errors


@contextlib.contextmanager
def atomic_output(path: Path, *, force: bool = False) -> Iterator[BinaryIO]:
    """A binary file that appears at ``path`` whole, or not at all.

    Written to a temporary file beside it, flushed to disk, then renamed over the target.
    """
    if path.is_dir():
        raise errors.InvalidInput(f"{path} is a folder; give a file name.")
    if path.exists() and not force:
        raise errors.InvalidInput(f"{path} already exists; use --force to replace it.")
    if not path.parent.is_dir():
        raise errors.InvalidInput(f"The folder {path.parent} does not exist.")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.partial")
    fd = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
