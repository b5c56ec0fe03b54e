"""Putting a backup back in the journal's place, and listing the backups.

The backup is checked first (whole, a reconcile journal, of the journal's kind: plain, or
encrypted with its key) and copied under a temporary name beside the journal, checked again;
then, holding the journal's write lock, the journal as it is is backed up, and the copy renamed
over it in one step. A crash at any moment leaves the old journal or the restored one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from reconcile_cli.core import errors
from reconcile_cli.journal import backups, db, encryption, files, owners, schema, sqlerrors
from reconcile_cli.journal.paths import NOFOLLOW, make_private_dir


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: dt.datetime  # from its name, else when the file last changed
    size: int
    whole: bool


def taken_at(path: Path) -> dt.datetime:
    """When a backup was taken: the moment in its name, else its file's time."""
    match = backups.BACKUP_NAME.match(path.name)
    if match:
        stamp = path.name[len(match["stem"]) + 1:].removeprefix("auto-")[:17]
        with contextlib.suppress(ValueError):
            return dt.datetime.strptime(stamp, "%Y-%m-%dT%H%M%S")
    return dt.datetime.fromtimestamp(path.stat().st_mtime)


def listing(db_path: Path, encrypted: bool) -> list[Backup]:
    """This journal's backups, newest first (a cheap look at each: see backups.looks_whole)."""
    folder = backups.folder(db_path)
    found = [Backup(path, taken_at(path), path.stat().st_size,
                    backups.looks_whole(path, encrypted))
             for path in (folder.glob(f"{db_path.stem}-*.db") if folder.is_dir() else [])]
    return sorted(found, key=lambda backup: (backup.taken, backup.path.stat().st_mtime_ns),
                  reverse=True)


def check(path: Path, key: bytes | None) -> None:
    """Refuse, in one line, a file that is not a whole backup of this kind of journal."""
    state = encryption.state(path)
    if state not in ("plain", "encrypted") or not path.is_file():
        raise errors.NotAJournal(f"{path} is not a backup of a reconcile journal, so it was not "
                                 "restored; nothing was changed.")
    if state == "plain" and key is not None:
        raise errors.InvalidInput(
            f"{path} is a plain backup, and your journal is encrypted: restoring it would leave "
            "your words unlocked. Nothing was changed.")
    if state == "encrypted" and key is None:
        raise errors.InvalidInput(
            f"{path} is an encrypted backup, and your journal is plain; open it alone with "
            f"`reconcile --db {path} export -o FILE`, and import that. Nothing was changed.")
    if not backups.passes_check(path, key):
        raise errors.JournalDamaged(
            f"{path} is not a whole backup (it did not pass SQLite's check"
            + (", or does not open with your journal's key" if key is not None else "")
            + "), so it was not restored; nothing was changed.")
    try:
        journal = db.Journal(encryption.connect(path, key, read_only=True) if key is not None
                             else sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=ro",
                                                  uri=True))
        try:
            applied = set(db.applied_migrations(journal))
        finally:
            journal.close()
    except sqlerrors.Error:
        applied = set()
    if not applied:
        raise errors.NotAJournal(f"{path} is not a backup of a reconcile journal, so it was not "
                                 "restored; nothing was changed.")
    if applied - set(schema.NAMES):
        raise errors.JournalTooNew(f"{path} was written by a newer version of reconcile; "
                                   "upgrade reconcile to restore it. Nothing was changed.")


def restore(db_path: Path, backup: Path, key: bytes | None, moment: dt.datetime,
            work_dir: Path, lock: backups.Lock | None) -> Path | None:
    """Put ``backup`` in the journal's place; the backup of the journal as it was (None when
    there was no journal)."""
    if db_path.with_name(db_path.name + "-wal").exists():
        raise errors.InvalidInput(
            f"A file SQLite keeps while the journal is open ({db_path.name}-wal) lies beside it; "
            "close every reconcile and try again. Nothing was changed.")
    check(backup, key)
    made = db_path.with_name(f".{db_path.name}.{owners.TOKEN}.restoring")
    with files.noted(work_dir, made):
        try:
            _copy_bytes(backup, made)
            if not backups.passes_check(made, key):
                raise errors.JournalDamaged(f"The copy of {backup} did not check out, so it was "
                                            "not restored; nothing was changed.")
            if not db_path.exists():
                encryption.put_in_place(made, db_path)
                return None
            return _swap(db_path, made, key, moment, work_dir, lock)
        finally:
            made.unlink(missing_ok=True)


def _swap(db_path: Path, made: Path, key: bytes | None, moment: dt.datetime, work_dir: Path,
          lock: backups.Lock | None) -> Path:
    """Holding the write lock: back the journal up as it is, then put ``made`` in its place."""
    kept = make_private_dir(backups.folder(db_path)) / (
        f"{db_path.stem}-{backups.stamp(moment)}-before-restore.db")
    try:
        holder = db.connect(db_path, key)
    except errors.ReconcileError:
        holder = None  # a journal too damaged to open: kept byte for byte
    if holder is None:
        _copy_bytes(db_path, kept)
        encryption.put_in_place(made, db_path)
        return kept
    try:
        holder.isolation_level = None
        holder.execute("BEGIN IMMEDIATE")  # other reconciles wait, then see it was replaced
        reader = db.connect(db_path, key)
        try:
            backups.copy(reader, kept, work_dir, lock, backups.key_file_copy(db_path))
        finally:
            reader.close()
        encryption.put_in_place(made, db_path)
    except sqlerrors.Error as exc:
        raise db.describe_error(exc, db_path) from None
    finally:
        with contextlib.suppress(*sqlerrors.Error):
            holder.execute("ROLLBACK")
        holder.close()
    return kept


def _copy_bytes(source: Path, target: Path) -> None:
    """A private copy of ``source`` at the new name ``target``, flushed to disk."""
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY | NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as out, source.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
