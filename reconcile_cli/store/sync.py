"""Sync: this journal's changes written to the sync folder, and other computers' taken in, by the
same merge an import uses (store/merge.py). The folder and its files: journal/syncfolder.py.

Writing: the changes this computer made since it last wrote (``pending``) are written as one new
file; a number is taken for it first, and the changes are let go only once the file is whole in
the folder, so a computer killed on the way writes them again (taking a change twice changes
nothing). Taking in: every file of another computer not taken in yet, each all or nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reconcile_cli.core.errors import BadRecord
from reconcile_cli.journal import clock, syncfolder
from reconcile_cli.journal.db import Journal, read_snapshot, write_transaction
from reconcile_cli.store.importing import Merger
from reconcile_cli.store.transfer import records, records_of

COMPACT_FILES = 500  # a computer's own files are made one past this many...
COMPACT_BYTES = 10_000_000  # ...or this many bytes


@dataclass(frozen=True)
class Link:
    folder: Path
    journal: str
    name: str
    written: int
    listing: str | None


@dataclass
class TakenIn:
    """What one taking-in did."""

    files: int = 0
    records: int = 0
    copies: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)


def link_of(db: Journal) -> Link | None:
    row = db.execute("SELECT folder, journal, name, written, listing FROM sync_link").fetchone()
    return None if row is None else Link(Path(row[0]), row[1], row[2], row[3], row[4])


def device(db: Journal) -> str:
    return str(db.execute("SELECT device FROM clock").fetchone()[0])


def link(db: Journal, folder: Path, journal_id: str, name: str) -> None:
    """Link this journal to ``folder`` (inside the caller's transaction); everything it holds is
    this computer's first changes there."""
    db.execute("DELETE FROM sync_link")
    db.execute("DELETE FROM sync_peers")
    db.execute("DELETE FROM sync_files")
    db.execute("INSERT INTO sync_link (folder, journal, name, written, listing) "
               "VALUES (?, ?, ?, 0, NULL)", [str(folder), journal_id, name])


def unlink(db: Journal) -> None:
    for table in ("sync_link", "sync_peers", "sync_files", "pending"):
        db.execute(f"DELETE FROM {table}")


def new_device_if_taken(db: Journal, folder: Path) -> bool:
    """A journal copied from another computer (a restored backup) has that computer's id: when
    the folder already holds files under this id, this computer takes a new one."""
    mine = device(db)
    files, _ = syncfolder.change_files(folder)
    if any(found.device == mine for found in files):
        db.execute("UPDATE clock SET device = ?", [clock.new_device()])
        return True
    return False


def pending_count(db: Journal) -> int:
    return int(db.execute("SELECT count(*) FROM pending").fetchone()[0])


# --- writing -------------------------------------------------------------------------------------


def write_changes(db: Journal, key: bytes | None, now: dt.datetime, *,
                  everything: bool = False) -> int:
    """Write what changed here since last time (``everything``: the whole journal) as a new file
    of this computer's; how many records it holds (0: nothing to write, or no folder to write
    to, in which case the changes wait)."""
    found = link_of(db)
    if found is None or not found.folder.is_dir():
        return 0
    with write_transaction(db, now):
        keys = [] if everything else db.execute(
            "SELECT tbl, key FROM pending WHERE fresh = 0 ORDER BY tbl, key").fetchall()
        if not keys and not everything:
            return 0
        seq = found.written + 1
        db.execute("UPDATE sync_link SET written = ?", [seq])
    me = device(db)
    head = syncfolder.header(found.journal, me, found.name, seq, _moment_text(now),
                             snapshot=everything)
    written = 0

    def lines() -> Iterator[str]:
        nonlocal written
        from reconcile_cli.core.settings import SETTINGS
        from reconcile_cli.formats.interchange import dumps

        chosen = records(db) if everything else records_of(db, keys)
        for record in chosen:
            if record["type"] == "setting" and not SETTINGS[record["key"]].importable:
                continue  # a setting naming a program stays on its computer
            written += 1
            yield dumps(record)

    with read_snapshot(db):
        blocks = (syncfolder.sealed_blocks(head, lines(), key) if key is not None
                  else syncfolder.plain_blocks(head, lines()))
        syncfolder.write_once(syncfolder.changes_dir(found.folder) / syncfolder.file_name(me, seq),
                              blocks)
    with write_transaction(db, now):
        if everything:
            db.execute("DELETE FROM pending WHERE fresh = 0")
        else:
            db.conn.executemany("DELETE FROM pending WHERE tbl = ? AND key = ? AND fresh = 0",
                                keys)
    return written


def _moment_text(now: dt.datetime) -> str:
    return now.astimezone(dt.timezone.utc).isoformat(timespec="seconds")


def compact_folder(db: Journal, key: bytes | None, now: dt.datetime) -> bool:
    """When this computer's own files grow past COMPACT_FILES or COMPACT_BYTES: one file of the
    whole journal, then the older ones removed (a computer that had not read them yet finds all
    they held in the new one)."""
    found = link_of(db)
    if found is None or not found.folder.is_dir():
        return False
    me = device(db)
    mine = [f for f in syncfolder.change_files(found.folder)[0] if f.device == me and not f.copy]
    size = sum(f.path.stat().st_size for f in mine if f.path.exists())
    if len(mine) <= COMPACT_FILES and size <= COMPACT_BYTES:
        return False
    write_changes(db, key, now, everything=True)
    newest = link_of(db)
    assert newest is not None
    syncfolder.remove_own(f for f in mine if f.seq < newest.written)
    return True


# --- taking in -----------------------------------------------------------------------------------


def folder_changed(db: Journal, found: Link) -> bool:
    """Whether the folder holds anything new since last time: one listing of it."""
    return found.folder.is_dir() and syncfolder.listing(found.folder) != found.listing


def take_in(db: Journal, key: bytes | None, now: dt.datetime, today: dt.date) -> TakenIn:
    """Take in every file of another computer's that is not in yet (each whole or not at all;
    one that cannot be is noted with why, and tried again next time if it may yet arrive)."""
    report = TakenIn()
    found = link_of(db)
    if found is None or not found.folder.is_dir():
        return report
    signature = syncfolder.listing(found.folder)
    files, others = syncfolder.change_files(found.folder)
    me = device(db)
    with write_transaction(db, now):
        done = {name for (name,) in db.execute(
            "SELECT name FROM sync_files WHERE state = 'taken'")}
        waiting = sorted((f for f in files if f.device != me and f.path.name not in done),
                         key=lambda f: (f.device, f.seq, f.copy))
        present = {f.path.name for f in files} | {name for name, _ in others}
        db.conn.executemany("DELETE FROM sync_files WHERE name = ?",
                            [(name,) for (name,) in db.execute("SELECT name FROM sync_files")
                             if name not in present])
        with Merger(db, strict=False) as merger:
            for change in waiting:
                reason = _take_file(db, merger, change, found, key, today)
                if reason is None:
                    report.files += 1
                    _mark(db, change.path.name, "taken", None)
                else:
                    report.skipped.append((change.path.name, reason))
                    _mark(db, change.path.name, "skipped", reason)
            report.copies = merger.copies
        for name, reason in others:
            _mark(db, name, "skipped", reason)
        db.execute("UPDATE sync_link SET listing = ?", [signature])
    return report


def _mark(db: Journal, name: str, state: str, reason: str | None) -> None:
    db.execute("INSERT INTO sync_files (name, state, reason) VALUES (?, ?, ?) ON CONFLICT (name) "
               "DO UPDATE SET state = excluded.state, reason = excluded.reason",
               [name, state, reason])


def _take_file(db: Journal, merger: Merger, change: syncfolder.ChangeFile, found: Link,
               key: bytes | None, today: dt.date) -> str | None:
    """Take one file in, in a savepoint of its own; why not, or None when it was."""
    from reconcile_cli.formats.interchange import FORMAT, VERSION, parse

    try:
        head, lines = syncfolder.read(change.path, found.journal, key, change)
    except syncfolder.Unreadable as exc:
        return exc.reason
    db.execute("SAVEPOINT sync_file")
    try:
        start = [json.dumps({"format": FORMAT, "version": VERSION})]
        taken = 0
        for number, kind, record in parse([*start, *lines], today):
            merger.take(number, kind, record)
            taken += 1
        merger.write_waiting()
    except BadRecord as exc:
        db.execute("ROLLBACK TO sync_file")
        db.execute("RELEASE sync_file")
        return f"{exc} (the file was left out whole)"
    db.execute("RELEASE sync_file")
    db.execute("INSERT INTO sync_peers (device, name, last_change, changes) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (device) DO UPDATE SET name = excluded.name, last_change = "
               "max(coalesce(last_change, ''), excluded.last_change), changes = changes + ?",
               [change.device, str(head.get("name") or change.device)[:60],
                str(head.get("at") or ""), taken, taken])
    return None


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
