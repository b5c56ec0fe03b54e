"""What moves between the journal and its sync folder: this computer's changes written as a new
file, other computers' files read, checked and taken in. The folder: journal/syncfolder.py; the
journal's side and the merge: store/sync.py.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reconcile_cli import formats, journal, store
from reconcile_cli.journal.db import Journal, write_transaction

if TYPE_CHECKING:
    from reconcile_cli.journal.syncfolder import ChangeFile
    from reconcile_cli.journal.syncscan import Scan
    from reconcile_cli.store.importing import Merger
    from reconcile_cli.store.sync import Link

COMPACT_FILES = 500  # a computer's own files are made one past this many...
COMPACT_BYTES = 10_000_000  # ...or this many bytes


class TakenIn:
    """What one taking-in did. (A plain class: a dataclass costs a millisecond to import, and
    every command that writes imports this module.)"""

    def __init__(self) -> None:
        self.files = 0
        self.copies = 0
        self.skipped: list[tuple[str, str]] = []


def write_changes(db: Journal, key: bytes | None, now: dt.datetime, *,
                  everything: bool = False) -> int:
    """Write what changed here since last time (``everything``: the whole journal) as a new file
    of this computer's; how many records it holds (0: nothing to write, or no folder to write
    to, in which case the changes wait)."""
    found = store.link_of(db)
    if found is None or not found.folder.is_dir():
        return 0
    device = store.device(db)
    before = journal.syncscan.scan(found.folder)
    # a journal put back from a backup has taken numbers its own files in the folder already bear
    seq = store.next_file(db, now, everything, after=max(_own(before, device).values(), default=0))
    if seq is None:
        return 0
    head = journal.syncfolder.header(found.journal, device, found.name, seq,
                                     now.astimezone(dt.timezone.utc).isoformat(
                                         timespec="seconds"), snapshot=everything)
    count = 0

    def lines(keys: list[tuple[str, str]] | None) -> Iterator[str]:
        nonlocal count
        for record in store.records_to_write(db, keys):
            count += 1
            yield formats.interchange.dumps(record)

    folder = journal.syncfolder
    name = folder.file_name(device, seq)

    def write(keys: list[tuple[str, str]] | None) -> str | None:
        blocks = (folder.sealed_blocks(head, lines(keys), key) if key is not None
                  else folder.plain_blocks(head, lines(keys)))
        folder.write_once(folder.changes_dir(found.folder) / name, blocks)
        return _only_ours_added(found, before, journal.syncscan.scan(found.folder), name)

    # Read, written and let go under the write lock, so that no change another command makes
    # in between is let go without having been written. (A reader would hold other writers'
    # commits back just as long.)
    with write_transaction(db, now):
        keys = None if everything else store.waiting(db)
        if keys is None or keys:
            store.sent(db, keys, write(keys))
    return count


def _own(scanned: Scan | None, device: str) -> dict[tuple[str, int, int], int]:
    """This computer's own files of changes in a scan (not a sync tool's copies), with their
    numbers."""
    own = {}
    for entry in scanned or ():
        match = journal.syncfolder.NAME.match(entry[0])
        if match is not None and match[1] == device:
            own[entry] = int(match[2])
    return own


def _only_ours_added(found: Link, before: Scan | None, after: Scan | None, name: str
                     ) -> str | None:
    """The folder's fingerprint now, when nothing but the file just written is new since it was
    last taken in (so the next command need not look again); None when anything else moved."""
    if before is None or after is None or journal.syncscan.fingerprint(before) != found.listing:
        return None
    added = after - before
    if not before <= after or [entry[0] for entry in added] != [name]:
        return None
    return journal.syncscan.fingerprint(after)


def compact(db: Journal, key: bytes | None, now: dt.datetime) -> bool:
    """When this computer's own files grow past COMPACT_FILES or COMPACT_BYTES: one file of the
    whole journal, then the older ones removed (a computer that had not read them yet finds
    all they held in the new one)."""
    found = store.link_of(db)
    if found is None or not found.folder.is_dir():
        return False
    device = store.device(db)
    before = journal.syncscan.scan(found.folder)  # one listing, with each file's size
    mine = _own(before, device)
    if len(mine) <= COMPACT_FILES and sum(entry[1] for entry in mine) <= COMPACT_BYTES:
        return False
    unchanged = journal.syncscan.fingerprint(before) == found.listing
    write_changes(db, key, now, everything=True)
    newest = store.link_of(db)
    assert newest is not None
    snapshot = journal.syncfolder.file_name(device, newest.written)
    gone = {entry for entry, number in mine.items() if number < newest.written}
    journal.syncfolder.remove_own(found.folder, sorted(entry[0] for entry in gone))
    after = journal.syncscan.scan(found.folder)
    if unchanged and before is not None and after is not None:
        kept = before - gone
        if kept <= after and [entry[0] for entry in after - kept] == [snapshot]:
            # only our own files moved, and nothing else arrived meanwhile: nothing new
            with write_transaction(db, now):
                store.taken_listing(db, journal.syncscan.fingerprint(after))
    return True


def take_in(db: Journal, key: bytes | None, now: dt.datetime, today: dt.date) -> TakenIn:
    """Take in every file of another computer's that is not in yet (each whole or not at all;
    one that cannot be is noted with why, and tried again next time if it may yet arrive)."""
    report = TakenIn()
    found = store.link_of(db)
    if found is None or not found.folder.is_dir():
        return report
    folder = journal.syncfolder
    listing = journal.syncscan.listing(found.folder)
    files, others = folder.change_files(found.folder)
    me = store.device(db)
    with write_transaction(db, now):
        done = store.taken_files(db)
        store.forget_files(db, {f.path.name for f in files} | {name for name, _ in others})
        # this computer's own files numbered past what the journal has written were written by
        # it before it was put back from an older copy: what they hold comes back too
        waiting = sorted((f for f in files if (f.device != me or f.seq > found.written)
                          and f.path.name not in done),
                         key=lambda f: (f.device, f.seq, f.copy))
        with store.Merger(db, strict=False, pass_on=False) as merger:
            for change in waiting:
                reason = _take_file(db, merger, change, found, key, today)
                if reason is None:
                    report.files += 1
                else:
                    report.skipped.append((change.path.name, reason))
                store.mark_file(db, change.path.name, "skipped" if reason else "taken", reason)
            report.copies = merger.copies
        for name, reason in others:
            store.mark_file(db, name, "skipped", reason)
        store.taken_listing(db, listing)
    return report


def _take_file(db: Journal, merger: Merger, change: ChangeFile, found: Link, key: bytes | None,
               today: dt.date) -> str | None:
    """Take one file in; why not, or None when it was."""
    interchange = formats.interchange
    try:
        head, lines = journal.syncfolder.read(change.path, found.journal, key, change)
    except journal.syncfolder.Unreadable as exc:
        return exc.reason
    start = json.dumps({"format": interchange.FORMAT, "version": interchange.VERSION})
    return store.take_file(db, merger, interchange.parse([start, *lines], today),
                           (change.device, str(head.get("name") or change.device),
                            str(head.get("at") or "")))
