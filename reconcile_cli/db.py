"""Opening a journal: the one place a connection is configured, created or refused.

Durability choices (see shared/RELIABILITY.md): rollback journal with synchronous=EXTRA, a 5 s busy
timeout, writes in transactions begun with BEGIN IMMEDIATE, foreign keys on after migrations.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

from sqlite_utils import Database

from reconcile_cli import errors
from reconcile_cli.migrations import KNOWN, migrations

BUSY_TIMEOUT_SECONDS = 5.0


def open_journal(
    path: Path,
    *,
    create: bool,
    create_folder: bool = False,
    seed: Callable[[Database], None] | None = None,
) -> tuple[Database, bool]:
    """Open the journal at ``path``; returns it and whether this call created it.

    With ``create`` a missing journal is made (file 0600, folder 0700 when ``create_folder``),
    migrated and seeded in one transaction. Anything that is not a journal is left untouched.
    """
    created = False
    if path.is_dir():
        raise errors.NotAJournal(f"{path} is a folder, not a journal file.")
    if not path.exists():
        if not create:
            raise errors.NoJournal(
                f"There is no journal at {path} yet. Run `reconcile checkin` to start one."
            )
        created = _create_file(path, create_folder)
    elif path.stat().st_size == 0:
        raise errors.NotAJournal(
            f"{path} is an empty file, not a journal. It was left untouched; if you want a new "
            "journal there, remove the empty file first."
        )
    try:
        conn = sqlite3.connect(
            f"file:{quote(str(path.absolute()))}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_SECONDS
        )
    except sqlite3.Error as exc:
        raise describe_error(exc, path) from exc
    try:
        db = _configure(conn, path, created, seed)
    except BaseException:
        conn.close()
        if created:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return db, created


def _create_file(path: Path, create_folder: bool) -> bool:
    if not path.parent.exists():
        if not create_folder:
            raise errors.NotAJournal(
                f"The folder {path.parent} does not exist, so no journal was created there."
            )
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return False
    except PermissionError:
        raise errors.JournalReadOnly(
            f"Cannot create a journal in {path.parent}: permission denied."
        ) from None
    return True


def _configure(
    conn: sqlite3.Connection, path: Path, created: bool, seed: Callable[[Database], None] | None
) -> Database:
    db = Database(conn, execute_plugins=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        conn.execute("PRAGMA synchronous = EXTRA")
        has_tables = bool(db.table_names())  # the first read: fails here on a non-database
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "delete":
            conn.execute("PRAGMA journal_mode = DELETE")
        applied = {migration.name for migration in migrations.applied(db)}
        if has_tables and not applied:
            raise errors.NotAJournal(
                f"{path} is an SQLite database, but not a reconcile journal. It was left untouched."
            )
        if applied - KNOWN:
            raise errors.JournalTooNew(
                f"The journal at {path} was written by a newer version of reconcile. "
                "Upgrade reconcile to open it; nothing was changed."
            )
        pending = migrations.pending(db)
        copy = None
        if pending and not created:
            from reconcile_cli import backups
            from reconcile_cli.dates import now_local

            copy = backups.automatic(conn, path, now_local(), reason=f"before-{pending[0].name}")
        if pending:
            try:
                with write_transaction(db):
                    migrations.apply(db)
                    if created and seed:
                        seed(db)
            except Exception as exc:
                if created or isinstance(exc, sqlite3.OperationalError):
                    raise
                raise errors.ReconcileError(
                    f"Upgrading the journal at {path} to this version of reconcile failed "
                    f"({type(exc).__name__}); it was left exactly as it was, and a copy is in "
                    f"{copy}. Please report this."
                ) from exc
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise describe_error(exc, path) from exc
    return db


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One writing transaction, taking the write lock up front.

    BEGIN IMMEDIATE matters: a deferred transaction that reads and then writes fails at once with
    "database is locked" when another writer holds the lock, whatever the busy timeout.
    """
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    try:
        db.conn.execute("COMMIT")
    except BaseException:
        db.conn.rollback()
        raise


def describe_error(exc: sqlite3.Error, path: Path) -> errors.ReconcileError:
    """A one-line, human account of what SQLite said, naming the journal file."""
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorname", "")  # Python 3.11+: the extended result code
    if "full" in text or code.startswith("SQLITE_IOERR") and not code.endswith("READ"):
        return errors.DiskFull(
            "The journal could not be written to disk (it may be full, or over a size limit), "
            "so nothing was saved. Free some space and try again."
        )
    if "locked" in text or "busy" in text:
        return errors.JournalBusy(
            "The journal is busy: another reconcile is writing to it. Nothing was saved; "
            "try again in a moment."
        )
    if "readonly" in text or "read-only" in text:
        if os.access(path, os.W_OK) and not os.access(path.parent, os.W_OK):
            return errors.JournalReadOnly(
                f"The folder {path.parent} is read-only, and the journal needs to write a "
                "small file beside itself while saving; nothing was saved."
            )
        return errors.JournalReadOnly(f"The journal at {path} is read-only, so nothing was saved.")
    if "not a database" in text:
        return errors.NotAJournal(
            f"{path} is not a reconcile journal (it is not an SQLite database). "
            "It was left untouched."
        )
    if "unable to open" in text:
        reason = "permission denied" if not os.access(path, os.R_OK) else "it could not be opened"
        return errors.NotAJournal(f"Cannot open the journal at {path}: {reason}.")
    if "malformed" in text or "i/o error" in text or "corrupt" in text:
        return errors.JournalDamaged(
            f"The journal at {path} looks damaged ({exc}). It was left as it is; "
            "restore it from a backup."
        )
    return errors.ReconcileError(f"The journal at {path} could not be used: {exc}.")


@contextlib.contextmanager
def read_snapshot(db: Database) -> Iterator[Database]:
    """One read transaction: everything read inside sees the same moment of the journal."""
    db.conn.execute("BEGIN")
    try:
        yield db
    finally:
        db.conn.rollback()
