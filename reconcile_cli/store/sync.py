"""Sync's state in the journal: the folder it is linked to, the other computers, the files taken
in or skipped, and the changes waiting to be written; the records a file of changes holds, and
taking one file's records in, whole or not at all (by the import's merge, store/merge.py).

The folder and its files are journal/syncfolder.py; what moves between them, cli/syncing.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reconcile_cli.core.errors import BadRecord
from reconcile_cli.journal.db import Journal, write_transaction

if TYPE_CHECKING:  # every command asks whether the journal is linked: that stays light
    from reconcile_cli.store.importing import Merger


@dataclass(frozen=True)
class Link:
    folder: Path
    journal: str
    name: str
    written: int
    listing: str | None


def link_of(db: Journal) -> Link | None:
    row = db.execute("SELECT folder, journal, name, written, listing FROM sync_link").fetchone()
    return None if row is None else Link(Path(row[0]), row[1], row[2], row[3], row[4])


def device(db: Journal) -> str:
    return str(db.execute("SELECT device FROM clock").fetchone()[0])


def link(db: Journal, folder: Path, journal_id: str, name: str) -> None:
    """Link this journal to ``folder`` (inside the caller's transaction)."""
    unlink(db)
    db.execute("INSERT INTO sync_link (folder, journal, name, written, listing) "
               "VALUES (?, ?, ?, 0, NULL)", [str(folder), journal_id, name])


def unlink(db: Journal) -> None:
    for table in ("sync_link", "sync_peers", "sync_files", "pending"):
        db.execute(f"DELETE FROM {table}")


def take_new_device(db: Journal, taken: Iterable[str]) -> bool:
    """A journal copied from another computer (a restored backup) has that computer's id: when
    the folder already holds files under this id (``taken``), this computer takes a new one."""
    if device(db) in set(taken):
        from reconcile_cli.journal import clock

        db.execute("UPDATE clock SET device = ?", [clock.new_device()])
        return True
    return False


def pending_count(db: Journal) -> int:
    return int(db.execute("SELECT count(*) FROM pending").fetchone()[0])


# --- writing -------------------------------------------------------------------------------------


def next_file(db: Journal, now: dt.datetime, everything: bool, *, after: int = 0) -> int | None:
    """The number of this computer's next file of changes (past ``after``, the highest its files
    in the folder bear); None when no change waits (and not ``everything``). A number is
    committed before its file is written, so that it is never taken again, whatever happens to
    the file: the one this command's changes took as they were saved, or else one taken in a
    transaction here."""
    number, db.file_number = db.file_number, None
    if number is not None and number > after and not everything:
        return number if waiting(db) else None
    with write_transaction(db, now):
        if not everything and not waiting(db):
            return None
        db.execute("UPDATE sync_link SET written = max(written, ?) + 1", [after])
        return int(db.execute("SELECT written FROM sync_link").fetchone()[0])


def records_to_write(db: Journal, keys: list[tuple[str, str]] | None
                     ) -> Iterator[dict[str, Any]]:
    """The records of a file of changes (None: the whole journal), but settings of this
    computer's own (the editor, whether it syncs), which stay on it."""
    from reconcile_cli.core.settings import SETTINGS
    from reconcile_cli.store.transfer import records, records_of

    for record in records(db) if keys is None else records_of(db, keys):
        if record["type"] != "setting" or SETTINGS[record["key"]].importable:
            yield record


def waiting(db: Journal) -> list[tuple[str, str]]:
    """The changes waiting for the folder, (table, key) each."""
    return db.execute("SELECT tbl, key FROM pending WHERE fresh = 0 ORDER BY tbl, key").fetchall()


def written(db: Journal, keys: list[tuple[str, str]] | None, now: dt.datetime, *,
            listing: str | None = None) -> None:
    """The file holding ``keys`` (None: everything) is whole in the folder: let them go, in a
    transaction of its own (see sent)."""
    with write_transaction(db, now):
        sent(db, keys, listing)


def sent(db: Journal, keys: list[tuple[str, str]] | None, listing: str | None) -> None:
    """Inside the caller's transaction: the file holding ``keys`` (None: everything) is whole in
    the folder, so they wait no more. ``listing``: the folder's fingerprint now, when the file
    is all that is new in it."""
    if listing is not None:
        taken_listing(db, listing)
    if keys is None:
        db.execute("DELETE FROM pending WHERE fresh = 0")
    else:
        db.conn.executemany("DELETE FROM pending WHERE tbl = ? AND key = ? AND fresh = 0", keys)


# --- taking in -----------------------------------------------------------------------------------


def taken_files(db: Journal) -> set[str]:
    return {name for (name,) in db.execute("SELECT name FROM sync_files WHERE state = 'taken'")}


def forget_files(db: Journal, present: set[str]) -> None:
    """Forget the files no longer in the folder (made one by their computer, say)."""
    gone = [(name,) for (name,) in db.execute("SELECT name FROM sync_files")
            if name not in present]
    db.conn.executemany("DELETE FROM sync_files WHERE name = ?", gone)


def mark_file(db: Journal, name: str, state: str, reason: str | None = None) -> None:
    db.execute("INSERT INTO sync_files (name, state, reason) VALUES (?, ?, ?) ON CONFLICT (name) "
               "DO UPDATE SET state = excluded.state, reason = excluded.reason",
               [name, state, reason])


def take_file(db: Journal, merger: Merger, read: Iterable[tuple[int, str, dict[str, Any]]],
              peer: tuple[str, str, str]) -> str | None:
    """Take in one file's checked records, in a savepoint of its own: all of them, or none (then
    why not). ``peer`` is (device, name, when it wrote), for `sync --status`."""
    db.execute("SAVEPOINT sync_file")
    taken = 0
    try:
        for number, kind, record in read:
            merger.take(number, kind, record)
            taken += 1
        merger.write_waiting()
    except BadRecord as exc:
        db.execute("ROLLBACK TO sync_file")
        db.execute("RELEASE sync_file")
        return f"{exc} (the file was left out whole)"
    db.execute("RELEASE sync_file")
    device_id, name, at = peer
    db.execute("INSERT INTO sync_peers (device, name, last_change, changes) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (device) DO UPDATE SET name = excluded.name, last_change = "
               "max(coalesce(last_change, ''), excluded.last_change), changes = changes + ?",
               [device_id, name[:60], at, taken, taken])
    return None


def taken_listing(db: Journal, listing: str) -> None:
    db.execute("UPDATE sync_link SET listing = ?", [listing])


# --- status --------------------------------------------------------------------------------------


def status(db: Journal) -> dict[str, Any] | None:
    """What `sync --status` shows (None: not linked): see the README."""
    found = link_of(db)
    if found is None:
        return None
    return {
        "folder": str(found.folder),
        "device": found.name,
        "devices": [{"name": name, "last_change": last, "changes": changes}
                    for name, last, changes in db.execute(
                        "SELECT name, last_change, changes FROM sync_peers ORDER BY name")],
        "pending": pending_count(db),
        "conflicts": [entry_id for (entry_id,) in db.execute(
            "SELECT id FROM entries WHERE copy_of IS NOT NULL AND deleted_at IS NULL "
            "ORDER BY day, created_at, id")],
        "skipped": [{"file": name, "reason": reason} for name, reason in db.execute(
            "SELECT name, reason FROM sync_files WHERE state = 'skipped' ORDER BY name")],
        "folder_found": found.folder.is_dir(),
    }
