"""Consistent copies of the journal through SQLite's online backup API (safe while others write).

Automatic backups: before any migration, and on the first write of each day; the newest seven good
ones are kept. They live in ``backups/`` beside the journal, named after it.

A copy is made under a temporary name, checked (it opens, and SQLite's quick_check passes), and
only then given its name: a copy interrupted half-way never passes for a backup. A day whose copy
is missing or broken gets a new one, and rotation counts only good copies.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from reconcile_cli.core import errors
from reconcile_cli.journal import owners, sqlerrors
from reconcile_cli.journal.paths import NOFOLLOW, key_file, make_private_dir

KEEP_AUTOMATIC = 7
HEADER = b"SQLite format 3\x00"


def folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H%M%S")


def looks_whole(path: Path, encrypted: bool = False) -> bool:
    """A cheap look: an SQLite header, and a file as long as the header says it is (for an
    encrypted copy, whose header is encrypted too: whole pages, and not a plain header)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError:
        return False
    if encrypted:
        return size >= 4096 and size % 4096 == 0 and not header.startswith(HEADER)
    if len(header) < 100 or not header.startswith(HEADER):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or size % page_size:
        return False
    pages = int.from_bytes(header[28:32], "big")
    # The page count in the header is trusted only when it was written with the last change.
    if pages and header[24:28] == header[92:96]:
        return size == pages * page_size
    return size > 0


def passes_check(path: Path, key: bytes | None = None) -> bool:
    """The copy opens (with ``key``, for an encrypted journal's) and SQLite's quick_check finds
    nothing wrong."""
    if not looks_whole(path, key is not None):
        return False
    if key is not None:
        from reconcile_cli.journal import encryption

        try:
            encryption.check(path, key)
        except errors.ReconcileError:
            return False
        except sqlerrors.Error:
            return False
        return True
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=ro", uri=True)
        try:
            return bool(conn.execute("PRAGMA quick_check").fetchone() == ("ok",))
        finally:
            conn.close()
    except sqlite3.Error:
        return False


@dataclass(frozen=True)
class Lock:
    """What an encrypted journal's copies need: its data key, and its key file to lie beside."""

    key: bytes
    key_file: Path


def copy(conn: sqlite3.Connection, target: Path, work_dir: Path | None = None,
         lock: Lock | None = None, key_beside: Path | None = None) -> Path:
    """Copy the journal into a new private file ``target`` (never over an existing one). An
    encrypted journal's copy is encrypted with the same key, and a copy of its key file is put
    at ``key_beside`` first, so the copy can be opened alone with the passphrase or the code."""
    from reconcile_cli.journal import files

    if target.exists():
        raise errors.InvalidInput(f"{target} already exists; choose another name.")
    key = lock.key if lock else None
    temporary = target.with_name(f".{target.name}.{owners.TOKEN}.partial")
    try:
        with files.noted(work_dir, temporary):  # noted first: a kill at any moment is found
            os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY | NOFOLLOW, 0o600))
            destination = _open_new(temporary, key)
            try:
                conn.backup(destination)
            finally:
                destination.close()
            if not passes_check(temporary, key):
                raise errors.ReconcileError(
                    f"The copy at {target} did not pass SQLite's check, so it was not kept.")
            if lock is not None:
                copy_key_file(lock.key_file, key_beside or key_file(target), lock.key,
                              work_dir)
            _give_name(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target


def _open_new(path: Path, key: bytes | None) -> sqlite3.Connection:
    if key is None:
        return sqlite3.connect(path)
    from reconcile_cli.journal import encryption

    return encryption.connect(path, key, create=True)  # type: ignore[no-any-return]


def copy_key_file(source: Path, beside: Path, data_key: bytes,
                  work_dir: Path | None = None) -> None:
    """Put a copy of the journal's key file at ``beside`` (unless the same one is there); the
    half-written copy is noted in ``work_dir`` meanwhile (see files.noted).

    Only a whole key file that holds ``data_key`` is copied: a damaged one, or another
    journal's, must never replace the copy that could still open the journal.
    """
    from reconcile_cli.journal.keys import holds, read_regular

    if not holds(source, data_key):
        return
    content = read_regular(source)
    if beside.exists() and holds(beside, data_key) and read_regular(beside) == content:
        return
    from reconcile_cli.journal import files

    partial = beside.with_name(f".{beside.name}.{owners.TOKEN}.partial")
    try:
        with files.noted(work_dir, partial):
            fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY | NOFOLLOW, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(partial, beside)
    finally:
        partial.unlink(missing_ok=True)


def key_file_copy(db_path: Path) -> Path:
    """The copy of the journal's key file that lies in ``backups/``."""
    return folder(db_path) / key_file(db_path).name


# A backup's name: the journal's stem, then the moment it was taken (see manual and automatic).
BACKUP_NAME = re.compile(r"(?P<stem>.+?)-(?:auto-)?\d{4}-\d{2}-\d{2}T\d{6}")


def journal_key_beside(path: Path) -> Path | None:
    """For a backup (named as reconcile names them), the copy of its journal's key file that
    lies beside it, as ``backups/journal.db.key`` does; None for any other file."""
    match = BACKUP_NAME.match(path.name)
    return path.with_name(f"{match['stem']}.db.key") if match else None


def _give_name(temporary: Path, target: Path) -> None:
    """Name the checked copy, never over a file that appeared meanwhile."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise errors.InvalidInput(f"{target} already exists; choose another name.") from None
    except OSError:  # a file system without hard links (a USB stick): check, then rename
        if target.exists():
            raise errors.InvalidInput(
                f"{target} already exists; choose another name.") from None
        os.rename(temporary, target)


def manual(conn: sqlite3.Connection, db_path: Path, dest: Path | None,
           moment: dt.datetime, work_dir: Path | None = None, lock: Lock | None = None) -> Path:
    name = f"{db_path.stem}-{stamp(moment)}.db"
    if dest is None:
        dest = make_private_dir(folder(db_path)) / name
    elif dest.is_dir():
        dest = dest / name
    elif not dest.parent.is_dir():
        raise errors.InvalidInput(
            f"There is no folder {dest} (nor {dest.parent}), so no backup was made; give a "
            "folder that exists, or a new file name in one.")
    beside = key_file_copy(db_path) if dest.parent == folder(db_path) else key_file(dest)
    return copy(conn, dest, work_dir, lock, beside)


def automatic(conn: sqlite3.Connection, db_path: Path, moment: dt.datetime,
              reason: str = "daily", work_dir: Path | None = None,
              lock: Lock | None = None) -> Path | None:
    """Take the day's automatic backup unless a good one exists (always, for a migration)."""
    base = folder(db_path)
    prefix = f"{db_path.stem}-auto-"
    encrypted = lock is not None

    def whole(path: Path) -> bool:
        return looks_whole(path, encrypted)

    if reason == "daily" and base.is_dir() and any(
            whole(path) for path in base.glob(f"{prefix}{moment.date().isoformat()}T*.db")):
        return None
    target = make_private_dir(base) / f"{prefix}{stamp(moment)}-{reason}.db"
    try:
        taken = copy(conn, target, work_dir, lock, key_file_copy(db_path))
    except errors.InvalidInput:
        if reason == "daily" and whole(target):
            return None  # another reconcile took it in the same second
        raise
    good = [path for path in sorted(base.glob(f"{prefix}*.db")) if whole(path)]
    for old in good[:-KEEP_AUTOMATIC]:
        old.unlink(missing_ok=True)
    return taken


def inventory(db_path: Path, *, thorough: bool = False,
              key: bytes | None = None) -> tuple[list[Path], list[Path]]:
    """This journal's backups as (good, broken), each oldest first. ``thorough`` runs SQLite's
    quick_check on each (with ``key``, for an encrypted journal's); otherwise only their
    headers and sizes are looked at."""
    base = folder(db_path)
    if not base.is_dir():
        return [], []
    good: list[Path] = []
    broken: list[Path] = []
    for path in sorted(base.glob(f"{db_path.stem}-*.db"), key=_mtime):
        sound = passes_check(path, key) if thorough else looks_whole(path, key is not None)
        (good if sound else broken).append(path)
    return good, broken


def _mtime(path: Path) -> float:
    with contextlib.suppress(OSError):
        return path.stat().st_mtime
    return 0.0
