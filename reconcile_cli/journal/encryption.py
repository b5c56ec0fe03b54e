"""SQLCipher: telling an encrypted journal from a plain one, opening it, and turning a journal file
(or a backup) from plain to encrypted and back, checked before anything is replaced.

Whether a file is encrypted is decided by its first bytes: a plain SQLite file begins with
"SQLite format 3\\0"; an SQLCipher file begins with 16 random bytes (its salt). sqlcipher3 is an
optional dependency, imported only for an encrypted journal or to encrypt or decrypt one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

from reconcile_cli.core import errors
from reconcile_cli.journal import sqlerrors

SQLITE_HEADER = b"SQLite format 3\x00"
PAGE = 4096  # SQLCipher 4's page size
INSTALL = ("pip install 'reconcile-cli[encryption]' (from a checkout of reconcile: "
           "pip install -e '.[encryption]')")


class EncryptionUnavailable(errors.ReconcileError):
    pass


def state(path: Path) -> str:
    """"plain", "encrypted", "empty" or "other" (not an SQLite file of either kind)."""
    import stat

    try:
        # never blocks: a named pipe or a device in the journal's place is "other"
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            status = os.fstat(fd)
            first_page = os.read(fd, PAGE) if stat.S_ISREG(status.st_mode) else None
        finally:
            os.close(fd)
    except OSError:
        return "other"
    if first_page is None:
        return "other"
    if not first_page:
        return "empty"
    if first_page[:16] == SQLITE_HEADER:
        return "plain"
    # SQLCipher writes whole pages of what looks like random bytes: a file of another size, or
    # one whose first page has a shape (text, zeros, another format's records), is not one
    size = status.st_size
    return ("encrypted" if size >= PAGE and size % PAGE == 0 and looks_random(first_page)
            else "other")


def looks_random(data: bytes) -> bool:
    """Whether ``data`` (a page) has the even spread of byte values that encrypted data has:
    a chi-squared test against the uniform spread, with a wide margin (random pages score
    about 255, text and structured data thousands)."""
    expected = len(data) / 256
    counts = [0] * 256
    for byte in data:
        counts[byte] += 1
    return sum((count - expected) ** 2 for count in counts) / expected < 450


def driver() -> ModuleType:
    """sqlcipher3's DB-API module, or a clear message about installing it."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise EncryptionUnavailable(
            "This journal is encrypted, and this installation of reconcile cannot open "
            f"encrypted journals. Add encryption with: {INSTALL}. Nothing was changed.") from None
    sqlerrors.add_driver(dbapi2)
    module: ModuleType = dbapi2
    return module


def require_driver() -> ModuleType:
    try:
        return driver()
    except EncryptionUnavailable:
        raise EncryptionUnavailable(
            f"Encryption needs a few more packages. Install them with: {INSTALL}") from None


def connect(path: Path, data_key: bytes | None, *, read_only: bool = False,
            create: bool = False, timeout: float = 5.0) -> Any:
    """A sqlcipher3 connection to ``path``, keyed with ``data_key`` (None: a plain file).

    SQLCipher's own log lines ("hmac check failed") are silenced: a wrong key is reported once,
    in words, by the caller.
    """
    dbapi2 = driver()
    mode = "ro" if read_only else "rwc" if create else "rw"
    conn = dbapi2.connect(f"file:{quote(str(path.absolute()))}?mode={mode}", uri=True,
                          timeout=timeout)
    conn.execute("PRAGMA cipher_log_level = NONE")
    if data_key is not None:
        from reconcile_cli.journal.keys import hex_key

        conn.execute(f'PRAGMA key = "{hex_key(data_key)}"')
    return conn


def opens(path: Path, data_key: bytes | None) -> bool:
    """Whether ``data_key`` (None: no key) reads ``path``."""
    try:
        conn = connect(path, data_key, read_only=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlerrors.DatabaseError as exc:
        # only "not a database" means the key is wrong; a busy journal says nothing about it
        return "not a database" not in str(exc)
    return True


def table_counts(conn: Any) -> dict[str, int]:
    names = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def check(path: Path, data_key: bytes | None, expected: dict[str, int] | None = None) -> None:
    """Open ``path`` with ``data_key`` and check it through and through (SQLCipher's page
    check, SQLite's integrity check, and, given ``expected``, every table's row count)."""
    conn = connect(path, data_key, read_only=True)
    try:
        if data_key is not None:
            damaged = conn.execute("PRAGMA cipher_integrity_check").fetchall()
            if damaged:
                raise errors.JournalDamaged(f"The encrypted copy {path} did not check out.")
        if conn.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            raise errors.JournalDamaged(f"The copy {path} did not pass SQLite's check.")
        if expected is not None and table_counts(conn) != expected:
            raise errors.JournalDamaged(f"The copy {path} does not hold every row.")
    finally:
        conn.close()


def convert(source: Path, source_key: bytes | None, target: Path,
            target_key: bytes | None) -> dict[str, int]:
    """Write ``source`` into the new file ``target`` under ``target_key`` (None: plain), with
    sqlcipher_export, then check the copy holds every row; the row counts it holds."""
    conn = connect(source, source_key)
    try:
        expected = table_counts(conn)
        from reconcile_cli.journal.keys import hex_key

        key = hex_key(target_key) if target_key is not None else ""
        conn.execute(f"ATTACH DATABASE ? AS converted KEY \"{key}\"", [str(target)])
        try:
            conn.execute("SELECT sqlcipher_export('converted')")
        finally:
            conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()
    check(target, target_key, expected)
    return expected


@contextlib.contextmanager
def holding_write_lock(path: Path, data_key: bytes | None) -> Iterator[None]:
    """Keep other reconciles from writing to ``path`` while the block runs (they wait, and when
    the file has been replaced meanwhile they notice and stop: see db.write_transaction)."""
    changed = errors.ReconcileError(
        "Another reconcile changed the journal at the same moment, so this one did nothing; "
        "run it again if it is still needed.")
    before = os.stat(path)
    conn = connect(path, data_key)
    conn.isolation_level = None
    try:
        try:
            conn.execute("BEGIN IMMEDIATE")
            # Read through this connection, never by opening the file again: closing any other
            # descriptor of the file would drop this process's POSIX locks on it.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlerrors.DatabaseError as exc:
            if "not a database" in str(exc):  # encrypted, or decrypted, meanwhile
                raise changed from None
            raise
        after = os.stat(path)
        if (before.st_dev, before.st_ino) != (after.st_dev, after.st_ino):
            raise changed  # another encrypt or decrypt put a new file in place meanwhile
        yield
    finally:
        with contextlib.suppress(*sqlerrors.Error):
            conn.execute("ROLLBACK")
        conn.close()


def put_in_place(made: Path, target: Path) -> None:
    """Replace ``target`` with the checked file ``made``, durably."""
    with made.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(made, target)
    with contextlib.suppress(OSError):
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def is_a_plain_journal(path: Path) -> bool:
    """Whether ``path`` is a plain SQLite file that reconcile made (its migrations are there)."""
    try:
        conn = connect(path, None, read_only=True)
        try:
            found = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = '_sqlite_migrations'").fetchone()
        finally:
            conn.close()
    except sqlerrors.Error:
        found = None
    return bool(found)
