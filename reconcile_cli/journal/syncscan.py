"""The sync folder at a glance: what its folder of changes holds, and a fingerprint of that.

Every command of a linked journal asks "is anything new there?" before it reads; this module
answers with one directory listing and nothing heavier than ``zlib``, so the answer "no" costs
next to nothing. Reading and writing the files themselves is syncfolder.py.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

CHANGES = "changes"
Scan = frozenset[tuple[str, int, int]]  # (name, size, time) of each file


def changes_dir(folder: Path) -> Path:
    return folder / CHANGES


def scan(folder: Path) -> Scan | None:
    """What the folder of changes holds; None when there is none. One directory listing."""
    try:
        with os.scandir(changes_dir(folder)) as entries:
            return frozenset((entry.name, (status := entry.stat(follow_symlinks=False)).st_size,
                              status.st_mtime_ns) for entry in entries)
    except FileNotFoundError:
        return None


def fingerprint(scanned: Scan | None) -> str:
    """A short fingerprint of a scan: when it is the same as last time, there is nothing new
    (64 bits of checksums over every name, size and time, and the count of files)."""
    if scanned is None:
        return "none"
    data = "\n".join(f"{name}\0{size}\0{mtime}" for name, size, mtime in sorted(scanned)).encode()
    return f"{len(scanned)}-{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def listing(folder: Path) -> str:
    """The fingerprint of what the folder of changes holds now."""
    return fingerprint(scan(folder))
