"""Opening a journal: the one place a connection is configured, created or refused.

Durability choices (see shared/RELIABILITY.md): rollback journal with synchronous=EXTRA, a 5 s busy
timeout, writes in transactions begun with BEGIN IMMEDIATE, foreign keys on after migrations.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from reconcile_cli.core import errors
from reconcile_cli.journal import paths, schema, sqlerrors
from reconcile_cli.journal.paths import key_file

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_SECONDS = 5.0
_TRANSACTION_CONTROL = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"})


class Journal:
    """An open journal: its connection, its file, the file's identity when it was opened, and the
    data key that opened it (None for a plain journal).

    Plain sqlite3, so that everyday commands never import sqlite-utils; ``utils()`` gives a
    sqlite-utils Database on the same connection where its conveniences earn their import
    (migrations, import).
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None,
                 key: bytes | None = None, identity: tuple[int, int] | None = None):
        self.conn = conn
        self.path = path
        self.key = key
        self.identity = identity
        self._utils: Database | None = None
        # The number of the next file of changes for the sync folder, taken by a transaction of
        # this process's that committed (journal/clock.py): used once, by this process only.
        self.file_number: int | None = None

    def execute(self, sql: str, parameters: Any = ()) -> sqlite3.Cursor:
        """Run one statement. A write outside any transaction is committed at once (or rolled
        back when it fails), as sqlite-utils does: Python's sqlite3 would otherwise leave it in a
        transaction of its own, which the next BEGIN trips over and closing rolls back."""
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = self.conn.execute(sql, parameters)
        except BaseException:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")  # the transaction the failed statement opened
            raise
        if (not was_in_transaction and self.conn.in_transaction and cursor.description is None
                and sql.lstrip().split(None, 1)[0].upper() not in _TRANSACTION_CONTROL):
            self.conn.execute("COMMIT")
        return cursor

    def table_names(self) -> list[str]:
        return [name for (name,) in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]

    def utils(self) -> Database:
        """A sqlite-utils Database on this journal's connection (imports sqlite-utils)."""
        if self._utils is None:
            from sqlite_utils import Database

            self._utils = Database(self.conn, execute_plugins=False)
        return self._utils

    def close(self) -> None:
        self.conn.close()


class JournalReplaced(errors.ReconcileError):
    pass


def open_journal(
    path: Path,
    *,
    create: bool,
    create_folder: bool = False,
    seed: Callable[[Journal], None] | None = None,
    key: bytes | None = None,
    now: dt.datetime | None = None,
) -> tuple[Journal, bool]:
    """Open the journal at ``path``; returns it and whether this call created it.

    With ``create`` a missing journal is made (file 0600, folder 0700 when ``create_folder``),
    migrated and seeded. ``key`` opens an encrypted journal. Anything that is not a journal is
    left untouched.
    """
    created = False
    if path.is_dir():
        raise errors.NotAJournal(f"{path} is a folder, not a journal file.")
    if not path.exists():
        if not create:
            raise errors.NoJournal(
                f"There is no journal at {path} yet. Run `reconcile checkin` to start one."
            )
        created = _create(path, create_folder, seed, now)
    elif path.stat().st_size == 0:
        raise errors.NotAJournal(
            f"{path} is an empty file, not a journal, so it was left untouched and nothing was "
            "saved. To start a new journal, give another file with --db."
        )
    identity = _identity(path)
    conn = connect(path, key)
    try:
        db = _configure(conn, path, key, identity)
    except BaseException:
        conn.close()
        raise
    return db, created


def _identity(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_dev, status.st_ino


def replaced(db: Journal) -> bool:
    """Whether the file of an open journal has been replaced since it was opened."""
    if db.path is None or db.identity is None:
        return False
    try:
        return _identity(db.path) != db.identity
    except OSError:
        return True


def connect(path: Path, key: bytes | None = None) -> sqlite3.Connection:
    """A connection to an existing journal file (never creates one); with ``key``, through
    SQLCipher, checked: a key that does not open it is "does not belong", never damage."""
    if key is not None:
        from reconcile_cli.journal import encryption

        conn = encryption.connect(path, key, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlerrors.DatabaseError as exc:
            conn.close()
            if "not a database" in str(exc):
                raise errors.ReconcileError(
                    f"The key file beside {path} does not belong to this journal, so it cannot "
                    "be opened with it (the journal itself is unchanged). Copies of the right "
                    "key file lie beside its backups.") from None
            raise describe_error(exc, path) from exc
        return conn  # type: ignore[no-any-return]  # sqlcipher3 mirrors sqlite3's interface
    try:
        conn = sqlite3.connect(
            f"file:{quote(str(path.absolute()))}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_SECONDS
        )
    except sqlite3.Error as exc:
        raise describe_error(exc, path) from exc
    return conn


def _create(path: Path, create_folder: bool, seed: Callable[[Journal], None] | None,
            now: dt.datetime | None) -> bool:
    """Make a new journal at ``path``; False if another process made one there first.

    The journal is built whole under a temporary name and then linked into place, which fails if
    the name exists: two first commands at once never see a half-made journal, and never make two.
    """
    from reconcile_cli.journal import owners
    from reconcile_cli.journal.migrations import migrations

    if not path.parent.exists():
        if not create_folder:
            raise errors.NotAJournal(
                f"The folder {path.parent} does not exist, so no journal was made there; check "
                "the path given with --db or RECONCILE_DB.")
        paths.make_private_dir(path.parent)
    _remove_abandoned_new_journals(path)
    building = path.with_name(f".{path.name}.{owners.TOKEN}.new")
    try:
        os.close(os.open(building, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except PermissionError:
        raise errors.JournalReadOnly(
            f"Cannot create a journal in {path.parent}: permission denied."
        ) from None
    try:
        conn = connect(building)
        try:
            db = Journal(conn)
            _set_pragmas(conn)
            conn.execute("PRAGMA journal_mode = DELETE")
            with write_transaction(db, now):
                migrations.apply(db.utils())
                if seed:
                    seed(db)
        except sqlite3.Error as exc:
            raise describe_error(exc, path) from exc
        finally:
            conn.close()
        try:
            os.link(building, path)
        except FileExistsError:
            return False
        except OSError:
            # A file system without hard links: a rename, checked just before (a race there is
            # only possible on such file systems, with two first commands in the same instant).
            if path.exists():
                return False
            os.rename(building, path)
        return True
    finally:
        with contextlib.suppress(OSError):
            building.unlink()


def _remove_abandoned_new_journals(path: Path) -> None:
    """Journals a killed process was building (they hold only the empty schema)."""
    import time

    for old in path.parent.glob(f".{path.name}.*.new"):
        with contextlib.suppress(OSError):
            if time.time() - old.stat().st_mtime > 60:
                old.unlink()


def _set_pragmas(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    conn.execute("PRAGMA synchronous = EXTRA")
    # What is deleted is overwritten with zeros, so a word deleted for good leaves no trace
    # in the file's free space.
    conn.execute("PRAGMA secure_delete = ON")


def _configure(conn: sqlite3.Connection, path: Path, key: bytes | None,
               identity: tuple[int, int]) -> Journal:
    db = Journal(conn, path, key, identity)
    try:
        _set_pragmas(conn)
        has_tables = bool(db.table_names())  # the first read: fails here on a non-database
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "delete":
            conn.execute("PRAGMA journal_mode = DELETE")
        applied = set(applied_migrations(db)) if has_tables else set()
        if has_tables and not applied:
            raise errors.NotAJournal(
                f"{path} is an SQLite database, but not a reconcile journal. It was left untouched."
            )
        if applied - set(schema.NAMES):
            raise errors.JournalTooNew(
                f"The journal at {path} was written by a newer version of reconcile. "
                "Upgrade reconcile to open it; nothing was changed."
            )
        if set(schema.NAMES) - applied:
            _upgrade(db, path, key)
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlerrors.Error as exc:
        raise describe_error(exc, path) from exc
    return db


def applied_migrations(db: Journal) -> list[str]:
    """The names of the migrations applied to a journal, in the order they were applied."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                      (schema.MIGRATIONS_TABLE,)).fetchone():
        return []
    return [name for (name,) in db.execute(
        f"SELECT name FROM {schema.MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        (schema.MIGRATION_SET,))]


def _upgrade(db: Journal, path: Path, key: bytes | None) -> None:
    """Apply pending migrations, after a backup, holding the write lock throughout.

    The lock comes first: two commands upgrading the same old journal at once then take turns,
    and the second finds nothing left to do. The copy is read through a second connection, which
    may read while this one holds the lock (and only the backup API's own connection may not).
    """
    from reconcile_cli.core.dates import now_local
    from reconcile_cli.journal import backups
    from reconcile_cli.journal.migrations import migrations

    with write_transaction(db):
        pending = migrations.pending(db.utils())
        if not pending:
            return
        reader = connect(path, key)
        try:
            copy = backups.automatic(reader, path, now_local(),
                                     reason=f"before-{pending[0].name}",
                                     work_dir=paths.drafts_dir(path),
                                     lock=backups.Lock(key, key_file(path)) if key else None)
        finally:
            reader.close()
        try:
            migrations.apply(db.utils())
        except Exception as exc:
            if isinstance(exc, sqlerrors.OperationalError):
                raise
            raise errors.ReconcileError(
                f"Upgrading the journal at {path} to this version of reconcile failed "
                f"({type(exc).__name__}); it was left exactly as it was, and a copy is in "
                f"{copy}. Please report this."
            ) from exc


@contextlib.contextmanager
def write_transaction(db: Journal, now: dt.datetime | None = None) -> Iterator[Journal]:
    """One writing transaction, taking the write lock up front; what it changed is stamped as
    one change made at ``now`` (the wall clock when not given) as it commits (journal/clock.py).

    BEGIN IMMEDIATE matters: a deferred transaction that reads and then writes fails at once with
    "database is locked" when another writer holds the lock, whatever the busy timeout.
    """
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        if replaced(db):
            # Another reconcile replaced the file (encrypt, decrypt) while this one waited:
            # what is written here would be written to the old, unlinked file and lost.
            raise JournalReplaced(
                f"The journal at {db.path} was replaced (encrypted or decrypted) while this "
                "command waited to save, so nothing was saved; run it again.")
        yield db
        number = _stamp(db, now)
    except BaseException:
        db.conn.rollback()
        raise
    try:
        db.conn.execute("COMMIT")
    except BaseException:
        db.conn.rollback()
        raise
    if number is not None:
        db.file_number = number


def _stamp(db: Journal, now: dt.datetime | None) -> int | None:
    from reconcile_cli.journal import clock

    try:
        return clock.stamp_changes(db.conn, now or dt.datetime.now(dt.timezone.utc))
    except sqlerrors.OperationalError as exc:  # a tuple of classes (see sqlerrors)
        if "no such table" not in str(exc):  # a journal from before m014, being upgraded
            raise
        return None


def describe_error(exc: Exception, path: Path) -> errors.ReconcileError:
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
def read_snapshot(db: Journal) -> Iterator[Journal]:
    """One read transaction: everything read inside sees the same moment of the journal."""
    db.conn.execute("BEGIN")
    try:
        yield db
    finally:
        db.conn.rollback()
