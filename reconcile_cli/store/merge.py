"""The merge: records from another copy of the journal (an export, another computer's changes in
the sync folder) taken in so that copies which have taken in the same records are the same,
whatever the order they took them in, and no word typed on any of them is lost.

Each record is one version of something (an entry, an answer, a pause...): its fields, the stamp
of the change that made it, and what it had seen (its version vector; journal/clock.py). What is
deleted leaves a grave, with the stamp and vector of the deletion. For each key:

- the version with the later stamp is the one kept; a deletion is kept over a version stamped
  before it, and a version stamped after a deletion brings the record back (graves stay: they
  are joined, never replaced);
- a version that loses to one that never saw it (two computers changed it apart) is not lost
  when it holds words: an entry's text, a note on an answer, how to reach someone on the
  support list or a question of one's own, is kept beside as an entry of its
  own, marked as a conflicting copy (its id made from the original's and the version's stamp,
  so that every computer makes the same copy, and makes it once);
- a conflicting copy of a version a deletion had seen is removed with it (its words were let go
  on purpose), unless it was edited since.

Merging runs with ``clock.merging`` set, so the triggers that stamp local changes leave it alone;
the copies it makes are noted in ``pending`` to go on to the sync folder.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from reconcile_cli.journal import clock
from reconcile_cli.journal.db import Journal
from reconcile_cli.store.record_kinds import KINDS as KINDS, Kind as Kind, key_text as key_text

COPIES = uuid.UUID("5b1d8c1e-6a0f-4d7e-9a55-3c0ad7d6f2b1")  # namespace of conflicting copies


def copy_id(original: str, stamp: str) -> str:
    return str(uuid.uuid5(COPIES, f"{original}|{stamp}"))


@dataclass
class Version:
    fields: dict[str, Any]  # the kind's columns
    stamp: str
    vv: clock.VV = field(default_factory=dict)


@dataclass
class Grave:
    stamp: str
    vv: clock.VV


def has_seen(vv: clock.VV, stamp: str) -> bool:
    """Whether a version whose vector is ``vv`` came after the change ``stamp`` (a change from
    before stamps were kept is taken as seen by any later one: they were made in turn)."""
    return clock.device_of(stamp) == "0" or clock.seen(vv, stamp)


@dataclass
class Decision:
    """What taking one version in does: its outcome, and whether it is written (over what is
    here, or as a new row), and the versions whose words go aside as conflicting copies."""

    outcome: str
    write: bool = False
    losers: list[tuple[Version, Version | None]] = field(default_factory=list)


def decide(incoming: Version, here: Version | None, grave: Grave | None) -> Decision:
    """The merge rule for one key (see the module's docstring). ``here`` is the row here, if
    any; ``grave`` the key's grave (a row here is always later than its grave)."""
    aside: list[tuple[Version, Version | None]] = []
    if here is None and grave is None:
        return Decision("added", write=True)
    if here is not None:
        if here.stamp == incoming.stamp:  # the same version, unless made before stamps were
            if _canonical(incoming) >= _canonical(here):  # kept (or the default checklist):
                return Decision("unchanged")  # then every copy keeps the same one, the
            return Decision("updated", write=True)  # first in a fixed order (the oldest)
        if here.stamp > incoming.stamp:
            if not has_seen(here.vv, incoming.stamp):
                aside.append((incoming, here))
            return Decision("unchanged", losers=aside)
        if not has_seen(incoming.vv, here.stamp):
            aside.append((here, incoming))
        return Decision("updated", write=True, losers=aside)
    assert grave is not None
    if grave.stamp > incoming.stamp:  # deleted after this change was made
        if not has_seen(grave.vv, incoming.stamp):
            aside.append((incoming, None))
        return Decision("skipped", losers=aside)
    return Decision("added", write=True)  # changed after it was deleted: back it comes


def _canonical(version: Version) -> str:
    return json.dumps([version.fields, version.vv], sort_keys=True, ensure_ascii=False,
                      default=str)


class Merge:
    """Takes in records inside the caller's transaction, and counts what it did, per record type:
    "added", "updated", "unchanged", "skipped" (older than a deletion here)."""

    def __init__(self, db: Journal, *, pass_on: bool = False):
        self.db = db
        self.conn = db.conn
        self.counts: dict[str, Counter[str]] = defaultdict(Counter)
        self.copies = 0  # conflicting copies made
        self.deleted = 0  # records here deleted by a deletion from elsewhere
        self.latest: str | None = None  # the latest stamp taken in
        self.pass_on = pass_on  # what is taken in goes on to the sync folder (an import)

    def __enter__(self) -> Merge:
        self.conn.execute("UPDATE clock SET merging = 1")
        # Records from another computer's file in the sync folder reach every computer from
        # that file; records imported from a file here reach them only if this one writes them.
        if self.pass_on and self.conn.execute("SELECT 1 FROM sync_link").fetchone() is None:
            self.pass_on = False
        return self

    def passed_on(self, table: str, keys: list[str]) -> None:
        """Note records taken in (or their graves) to go to the sync folder, stamped as they
        came (fresh = 0: the commit does not stamp them again)."""
        if self.pass_on and keys:
            self.conn.executemany("INSERT INTO pending (tbl, key, fresh) VALUES (?, ?, 0) "
                                  "ON CONFLICT (tbl, key) DO NOTHING",
                                  [(table, key) for key in keys])

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        self.conn.execute("UPDATE clock SET merging = 0")
        if exc_type is None:
            renumber_vision(self.db)
            if self.latest is not None:
                clock.heard(self.conn, self.latest)

    # --- one record ---------------------------------------------------------------------------

    def take(self, name: str, fields: dict[str, Any], stamp: str, vv: clock.VV) -> str:
        """Take in one version of a record; what became of it (counted)."""
        outcome = self._take(name, Version(fields, stamp, vv))
        self.counts[name][outcome] += 1
        return outcome

    def _take(self, name: str, incoming: Version) -> str:
        kind = KINDS[name]
        self.heard(incoming.stamp)
        here = self.here(kind, incoming.fields)
        grave = None if here else self.grave(kind, key_text(kind, incoming.fields))
        decision = decide(incoming, here, grave)
        if decision.write:
            self.write(kind, incoming, insert=here is None)
        for loser, winner in decision.losers:
            self.keep_words(name, loser, winner)
        return decision.outcome

    def bury(self, name: str, key: dict[str, Any], stamp: str, vv: clock.VV) -> str:
        """Take in a deletion (a grave from elsewhere); what became of the record here."""
        kind = KINDS[name]
        self.heard(stamp)
        key_json = key_text(kind, key)
        grave = self.grave(kind, key_json)
        merged = Grave(max(stamp, grave.stamp), clock.join(grave.vv, vv)) if grave else \
            Grave(stamp, vv)
        if merged != grave:
            self.conn.execute("INSERT INTO graves (tbl, key, stamp, vv) VALUES (?, ?, ?, ?) "
                              "ON CONFLICT (tbl, key) DO UPDATE SET stamp = excluded.stamp, "
                              "vv = excluded.vv",
                              [kind.table, key_json, merged.stamp, clock.dump(merged.vv)])
            self.passed_on(kind.table, [key_json])
        outcome = "unchanged" if merged == grave else "added"
        here = self.here(kind, key)
        if here is not None and here.stamp < merged.stamp:
            if not has_seen(merged.vv, here.stamp):
                self.keep_words(name, here, None)
            self.delete(kind, here.fields)
            self.deleted += 1
        if kind.words:
            self.bury_copies(name, key, merged)
        self.counts["gone"][outcome] += 1
        return outcome

    def heard(self, stamp: str) -> None:
        if self.latest is None or stamp > self.latest:
            self.latest = stamp

    # --- reading and writing rows ----------------------------------------------------------

    def here(self, kind: Kind, fields: dict[str, Any]) -> Version | None:
        where = " AND ".join(f"{column} = ?" for column in kind.keys)
        row = self.conn.execute(f"SELECT {', '.join(kind.columns)}, stamp, vv FROM {kind.table} "
                                f"WHERE {where}", [fields[c] for c in kind.keys]).fetchone()
        return None if row is None else version_of(kind, row)

    def grave(self, kind: Kind, key: str) -> Grave | None:
        row = self.conn.execute("SELECT stamp, vv FROM graves WHERE tbl = ? AND key = ?",
                                [kind.table, key]).fetchone()
        return Grave(row[0] or clock.ZERO + "0", clock.load(row[1])) if row else None

    def write(self, kind: Kind, version: Version, *, insert: bool) -> None:
        columns = [*kind.columns, "stamp", "vv"]
        values = [*(version.fields.get(c) for c in kind.columns), version.stamp,
                  clock.dump(version.vv)]
        if insert:
            if kind.table == "vision":  # numbered last for now; renumber_vision puts it right
                columns.append("version")
                values.append(self.conn.execute(
                    "SELECT coalesce(max(version), 0) + 1 FROM vision").fetchone()[0])
            self.conn.execute(f"INSERT INTO {kind.table} ({', '.join(columns)}) VALUES "
                              f"({', '.join('?' * len(columns))})", values)
            self.passed_on(kind.table, [key_text(kind, version.fields)])
            return
        # a field a file leaves out (kept_by, edited_at: older exports) keeps its value here
        changed = [c for c in columns if c not in kind.keys
                   and (c in version.fields or c in ("stamp", "vv"))]
        self.conn.execute(
            f"UPDATE {kind.table} SET {', '.join(f'{c} = ?' for c in changed)} WHERE "
            + " AND ".join(f"{c} = ?" for c in kind.keys),
            [values[columns.index(c)] for c in changed] + [version.fields[c] for c in kind.keys])
        self.passed_on(kind.table, [key_text(kind, version.fields)])

    def delete(self, kind: Kind, fields: dict[str, Any]) -> None:
        """Delete a row a deletion from elsewhere reached (an entry or a letter for good: its
        words leave the undo history and the search index too)."""
        if kind.table == "entries":
            from reconcile_cli.store.tombstones import wipe

            wipe(self.db, [fields["id"]])
            return
        if kind.table == "letters":
            from reconcile_cli.store.letters import let_go

            let_go(self.db, fields["id"])
            return
        where = " AND ".join(f"{column} = ?" for column in kind.keys)
        self.conn.execute(f"DELETE FROM {kind.table} WHERE {where}",
                          [fields[c] for c in kind.keys])

    # --- words kept aside ----------------------------------------------------------------------

    def keep_words(self, name: str, loser: Version, winner: Version | None) -> None:
        """Keep the words of a version that lost to one that never saw it (``winner`` None: to a
        deletion), as a conflicting copy: an entry of its own."""
        field_name = KINDS[name].words
        if field_name is None:
            return
        words = loser.fields.get(field_name)
        if not words or (winner is not None and winner.fields.get(field_name) == words):
            return
        original = original_of(name, loser.fields)
        grave = self.grave(KINDS[name], key_text(KINDS[name], loser.fields))
        if grave is not None and has_seen(grave.vv, loser.stamp):
            return  # a deletion had seen these words: they were let go on purpose
        if name == "entry":
            copy = {**loser.fields, "id": copy_id(original, loser.stamp), "copy_of": original}
        else:  # a note, a contact or a question of the user's own: its words as an entry
            moment = loser.fields["updated_at" if name == "mark" else "created_at"]
            day = loser.fields["day"] if name == "mark" else moment[:10]
            copy = {"id": copy_id(original, loser.stamp), "day": day,
                    "created_at": moment, "updated_at": moment, "kind": "journal",
                    "prompt": None, "mood": None, "body": words, "deleted_at": None,
                    "starred": False, "copy_of": original}
        if self._take("entry", Version(copy, loser.stamp, loser.vv)) == "added":
            self.copies += 1
            self.conn.execute("INSERT INTO pending (tbl, key, fresh) VALUES ('entries', ?, 0) "
                              "ON CONFLICT (tbl, key) DO NOTHING",
                              [key_text(KINDS["entry"], copy)])

    def bury_copies(self, name: str, key: dict[str, Any], grave: Grave) -> None:
        """Remove the conflicting copies of versions the deletion had seen (and not edited
        since): their words were let go on purpose."""
        original = original_of(name, key)
        for copy, stamp in self.conn.execute("SELECT id, stamp FROM entries WHERE copy_of = ?",
                                             [original]).fetchall():
            if copy == copy_id(original, stamp) and has_seen(grave.vv, stamp):
                self.delete(KINDS["entry"], {"id": copy})


def original_of(name: str, fields: dict[str, Any]) -> str:
    """What a conflicting copy is a copy of: an entry's id, "note DAY ITEM", "support NAME"
    (how to reach someone on the support list) or "prompt SLUG" (a question of one's own)."""
    if name == "support":
        return f"support {fields['name']}"
    if name == "prompt":
        return f"prompt {fields['slug']}"
    return fields["id"] if name == "entry" else f"note {fields['day']} {fields['item']}"


def version_of(kind: Kind, row: tuple[Any, ...]) -> Version:
    """A row read as its kind's columns, then stamp and vv."""
    return Version(dict(zip(kind.columns, row, strict=False)), row[-2] or clock.ZERO + "0",
                   clock.load(row[-1]))


def renumber_vision(db: Journal) -> None:
    """Number the vision's versions 1, 2, 3... in the order of their stamps (the same on every
    computer, whatever order they arrived in)."""
    ordered = db.execute("SELECT id FROM vision ORDER BY stamp, id").fetchall()
    if ordered == db.execute("SELECT id FROM vision ORDER BY version").fetchall():
        return
    db.execute("UPDATE vision SET version = version + 1000000000")
    db.conn.executemany("UPDATE vision SET version = ? WHERE id = ?",
                        [(number, row_id) for number, (row_id,) in enumerate(ordered, start=1)])
