"""Drafts: typed text kept on disk (0600, in a 0700 folder) until the entry holding it is committed.

A draft's file name carries the day and kind it was meant for: ``2026-11-22.journal.k3j9.txt``.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from reconcile_cli.models import ENTRY_KINDS
from reconcile_cli.paths import make_private_dir


@dataclass(frozen=True)
class Draft:
    path: Path
    day: str
    kind: str

    def read(self) -> bytes:
        return self.path.read_bytes()


def folder(drafts_dir: Path) -> Path:
    """The drafts folder, or a private temporary one when the journal's folder is not writable."""
    try:
        return make_private_dir(drafts_dir)
    except OSError:
        return Path(tempfile.mkdtemp(prefix="reconcile-drafts-"))


def new(drafts_dir: Path, day: str, kind: str, data: bytes = b"") -> Draft:
    """Create a draft file holding ``data``, flushed to disk before returning."""
    base = folder(drafts_dir)
    path = base / f"{day}.{kind}.{secrets.token_hex(3)}.txt"
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        path.unlink(missing_ok=True)  # a half-written draft would be offered back as whole
        raise
    return Draft(path, day, kind)


def append(draft: Draft, text: str) -> None:
    with draft.path.open("a", encoding="utf-8", errors="surrogateescape") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def discard(draft: Draft) -> None:
    draft.path.unlink(missing_ok=True)


def waiting(drafts_dir: Path) -> list[Draft]:
    """Non-empty drafts left by a run that could not save them, oldest first."""
    if not drafts_dir.is_dir():
        return []
    found = []
    for path in sorted(drafts_dir.glob("*.txt"), key=lambda p: p.stat().st_mtime):
        day, _, rest = path.name.partition(".")
        kind = rest.partition(".")[0]
        if len(day) == 10 and kind in ENTRY_KINDS and path.stat().st_size:
            found.append(Draft(path, day, kind))
    return found
