"""Writing a file the user asked for: private (0600), whole or not at all, never silently over
another, never over the journal or its own files, and through links to what they point at.

A regular file is written to a temporary name beside it and renamed into place. Anything else (a
terminal, a named pipe, a device, our own standard output by another name such as /dev/stdout) is
written in place: renaming over it would replace the device or the link with a plain file.
Temporary files are noted in the journal's working folder while they are written, so one left by a
process that was killed is removed on the next run.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reconcile_cli.core import errors
from reconcile_cli.journal import owners
from reconcile_cli.journal.paths import IN_PROGRESS, NOFOLLOW, make_private_dir


@dataclass(frozen=True)
class Destination:
    handle: BinaryIO
    terminal: bool  # a person's terminal shows what is written: controls must be made safe
    path: Path | None  # the file written, or None for standard output


@dataclass(frozen=True)
class Protected:
    """The journal and the files only reconcile writes: never an output's target."""

    journal: Path
    work_dir: Path  # where temporary outputs are noted (the journal's private working folder)

    def check(self, given: Path, real: Path) -> None:
        journal = Path(os.path.realpath(self.journal))
        if real == journal or (real.exists() and journal.exists()
                               and os.path.samefile(real, journal)):
            raise errors.InvalidInput(
                f"{given} is your journal itself; nothing was written. Choose another file.")
        key = journal.with_name(f"{journal.name}.key")
        if real == key or (real.exists() and key.exists() and os.path.samefile(real, key)):
            # the recovery code unwraps the key file; nothing can replace it
            raise errors.InvalidInput(
                f"{given} is your journal's key file; nothing was written. Choose another file.")
        if real.parent == journal.parent and real.name in (
                f"{journal.name}-journal", f"{journal.name}-wal", f"{journal.name}-shm"):
            raise errors.InvalidInput(
                f"{given} is a file SQLite keeps beside your journal; nothing was written. "
                "Choose another file.")
        for name, what in (("backups", "backups"), ("drafts", "drafts")):
            folder = journal.parent / name
            if real.is_relative_to(folder):
                raise errors.InvalidInput(
                    f"{given} is inside {self.journal.parent / name}, which holds the journal's "
                    f"own {what}; nothing was written. Choose another place.")


@contextlib.contextmanager
def destination(target: str | None, *, force: bool, protected: Protected
                ) -> Iterator[Destination]:
    """Where an export or a report goes: standard output for None or ``-``, else ``target``."""
    if target is None or target == "-":
        yield Destination(sys.stdout.buffer, sys.stdout.isatty(), None)
        return
    given = Path(target).expanduser()
    for fd, stream in ((1, sys.stdout), (2, sys.stderr)):
        if _same_file(given, fd):  # /dev/stdout, /proc/self/fd/1, or the file it is sent to
            yield Destination(stream.buffer, os.isatty(fd), None)
            return
    real = Path(os.path.realpath(given))  # a link is written through to what it points at
    protected.check(given, real)
    if real.is_dir():
        raise errors.InvalidInput(f"{given} is a folder; give a file name.")
    if real.exists() and not real.is_file():
        with open(real, "wb") as handle:  # a pipe, a terminal, a device: in place
            yield Destination(handle, handle.isatty(), real)
        return
    if real.exists() and not force:
        raise errors.InvalidInput(f"{given} already exists; use --force to replace it.")
    if not real.parent.is_dir():
        raise errors.InvalidInput(f"The folder {real.parent} does not exist.")
    with atomic_file(real, protected.work_dir) as handle:
        yield Destination(handle, False, real)


def _same_file(path: Path, fd: int) -> bool:
    try:
        return os.path.samestat(os.stat(path), os.fstat(fd))
    except (OSError, ValueError):
        return False


@contextlib.contextmanager
def atomic_file(path: Path, work_dir: Path | None = None) -> Iterator[BinaryIO]:
    """A private file that appears at ``path`` whole, or not at all (written beside it, flushed
    to disk, renamed over it). Removed on any failure, Ctrl-C or SIGTERM; noted in ``work_dir``
    meanwhile, so that one left by kill -9 is found and removed later."""
    temporary = path.with_name(f".{path.name}.{owners.TOKEN}.partial")
    try:
        # noted before it exists, so that a kill at any moment leaves a note of it
        flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | NOFOLLOW
        with noted(work_dir, temporary), os.fdopen(os.open(temporary, flags, 0o600),
                                                   "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def noted(work_dir: Path | None, temporary: Path) -> Iterator[None]:
    """Note ``temporary`` in ``work_dir`` while the block runs, as this process's: if the process
    is killed, the next run finds the note and removes the file (see clear_abandoned)."""
    line = f"{owners.TOKEN}\t{temporary}"
    try:
        if work_dir is None:
            raise OSError
        make_private_dir(work_dir)
        owners.claim(work_dir)
        with _registry(work_dir) as lines:
            lines.append(line)
    except OSError:
        yield  # a read-only journal folder: the file is still removed on any failure
        return
    try:
        yield
    finally:
        with contextlib.suppress(OSError), _registry(work_dir) as lines:
            lines[:] = [kept for kept in lines if kept != line]


def clear_abandoned(work_dir: Path) -> list[Path]:
    """Remove temporary outputs whose process has ended (kill -9, a power cut); what was removed.

    Cheap when there is nothing to do: one look for the note file.
    """
    if not (work_dir / IN_PROGRESS).exists():
        return []
    removed: list[Path] = []
    with contextlib.suppress(OSError), _registry(work_dir) as lines:
        kept = []
        for line in lines:
            token, _, name = line.partition("\t")
            if owners.alive(work_dir, token):
                kept.append(line)
                continue
            with contextlib.suppress(OSError):
                left = Path(name)
                if left.is_dir() and not left.is_symlink():  # a folder export (folders.py)
                    import shutil

                    shutil.rmtree(left)
                else:
                    left.unlink()
                removed.append(left)
        lines[:] = kept
    return removed


@contextlib.contextmanager
def _registry(work_dir: Path) -> Iterator[list[str]]:
    """The note of temporary outputs, as lines to change; locked against other processes, and
    removed when it is left empty (so that a journal with nothing in progress has no note)."""
    path = work_dir / IN_PROGRESS
    while True:
        fd = os.open(path, os.O_CREAT | os.O_RDWR | NOFOLLOW, 0o600)
        owners.wait_for_lock(fd)
        try:
            if os.path.samestat(os.fstat(fd), os.stat(path)):
                break
        except FileNotFoundError:
            pass
        os.close(fd)  # another process removed it while we waited: open the new one
    try:
        with os.fdopen(os.dup(fd), "r+", encoding="utf-8", errors="surrogateescape") as handle:
            lines = [line for line in handle.read().splitlines() if line]
            before = list(lines)
            yield lines
            if not lines:
                path.unlink()
            elif lines != before:
                handle.seek(0)
                handle.truncate()
                handle.write("".join(f"{line}\n" for line in lines))
                handle.flush()
    finally:
        os.close(fd)
