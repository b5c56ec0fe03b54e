"""Writing a folder the user asked for (an export of one note a day): private (0700 folders,
0600 files), whole or not at all, never over another folder without --force, never over one that
holds anything but such an export, and never over or around the journal and its own files.

The folder is made beside its place under a temporary name, every file flushed to disk, then
renamed into place (an older export it replaces is renamed aside first, then removed). The
temporary folder is noted in the journal's working folder while it is written, so one left by a
process that was killed is removed on the next run (files.clear_abandoned).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from reconcile_cli.core import errors
from reconcile_cli.journal import owners
from reconcile_cli.journal.files import Protected, noted

# What an export of one note a day holds, and nothing else: 2026/, 2026/12/, 2026/12/...md
_EXPORTED = re.compile(r"\d{4}(/\d{2}(/\d{4}-\d{2}-\d{2}\.md)?)?")


class Folder:
    """The folder being written: files go in by their path inside it."""

    def __init__(self, root: Path):
        self.root = root
        self.made: set[Path] = {root}

    def write(self, relative: str, data: bytes) -> None:
        parts = relative.split("/")
        if relative.startswith("/") or any(part in ("", ".", "..") for part in parts):
            raise ValueError(f"{relative!r} is not a path inside the folder")
        folder = self.root
        for part in parts[:-1]:
            folder = folder / part
            if folder not in self.made:
                os.mkdir(folder, 0o700)
                self.made.add(folder)
        fd = os.open(folder / parts[-1], os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    def sync(self) -> None:
        for folder in sorted(self.made, key=lambda path: -len(path.parts)):
            _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def check(given: Path, real: Path, protected: Protected) -> None:
    """Refuse a folder that is, holds, or lies inside the journal's own files."""
    protected.check(given, real)
    journal = Path(os.path.realpath(protected.journal))
    if journal.is_relative_to(real):
        raise errors.InvalidInput(f"{given} holds your journal; nothing was written. Choose "
                                  "another folder.")


def stranger_in(folder: Path) -> str | None:
    """The first thing in ``folder`` that an export of one note a day would not hold."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink() or not _EXPORTED.fullmatch(relative) or (
                path.is_dir() != (not relative.endswith(".md"))):
            return relative
    return None


@contextlib.contextmanager
def destination(target: str, *, force: bool, protected: Protected) -> Iterator[Folder]:
    """The folder ``target``, written whole when the block ends without an error."""
    given = Path(target).expanduser()
    real = Path(os.path.realpath(given))
    check(given, real, protected)
    if real.exists() and not real.is_dir():
        raise errors.InvalidInput(f"{given} is a file; give a new folder's name, or a name "
                                  "ending in .zip.")
    if real.exists():
        if not force:
            raise errors.InvalidInput(f"{given} already exists; use --force to replace it.")
        stranger = stranger_in(real)
        if stranger is not None:
            raise errors.InvalidInput(
                f"{given} holds {stranger}, which an export of notes would not; nothing was "
                "written. Choose a new folder.")
    if not real.parent.is_dir():
        raise errors.InvalidInput(f"The folder {real.parent} does not exist.")
    temporary = real.with_name(f".{real.name}.{owners.TOKEN}.partial")
    with noted(protected.work_dir, temporary):
        try:
            os.mkdir(temporary, 0o700)
            folder = Folder(temporary)
            yield folder
            folder.sync()
            if real.exists():
                aside = real.with_name(f".{real.name}.{owners.TOKEN}.replaced")
                os.rename(real, aside)
                os.rename(temporary, real)
                shutil.rmtree(aside, ignore_errors=True)
            else:
                os.rename(temporary, real)
            _sync_folder(real.parent)
        except BaseException:
            shutil.rmtree(temporary, ignore_errors=True)
            raise
