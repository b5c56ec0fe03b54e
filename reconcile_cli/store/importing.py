"""Taking a file's records in (an import, another computer's changes): the merge of store/merge.py,
with the bulk of a file (entries and checklist answers) merged a batch at a time.

A batch reads what is here for all its keys in one query, decides each record by the merge rule
in the file's order (a key met twice is decided against what the first left), and writes the new
and the changed with one statement each. Any other record first writes out what is waiting, so
records still meet the journal in the file's order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from reconcile_cli.core.errors import BadRecord
from reconcile_cli.journal import clock, sqlerrors
from reconcile_cli.journal.db import Journal
from reconcile_cli.store.checkpoints import clear_checkpoint
from reconcile_cli.store.merge import KINDS, Grave, Merge, Version, decide, key_text, version_of
from reconcile_cli.store.tombstones import optimize_search_index

BATCH = 2000  # entries or marks decided and written together

# The time each record type was last changed, for records of a version 1 file (no stamps): the
# same rule migration m014 gave the journal's own rows.
LEGACY_TIMES = {"item": ("retired_at", "created_at"), "entry": ("updated_at",),
                "mark": ("updated_at",), "setting": (), "support": ("created_at",),
                "letter": ("answered_at", "updated_at"), "vision": ("saved_at",),
                "goal": ("dropped_at", "created_at"), "step": ("dropped_at", "created_at"),
                "step_done": (), "pause": ("created_at",), "tombstone": ("deleted_at",)}


def legacy_stamp(kind: str, record: dict[str, Any]) -> str:
    moment = next((record[f] for f in LEGACY_TIMES[kind] if record.get(f)), None)
    return clock.legacy_stamp(moment)


def _rows_in(conn: Any, sql: str, values: list[Any]) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sql`` (whose "IN ({})" takes the values) for many values, in chunks within
    SQLite's limit on parameters."""
    for start in range(0, len(values), 500):
        chunk = values[start:start + 500]
        yield from conn.execute(sql.format(", ".join("?" * len(chunk))), chunk)


class Merger:
    """Merges a file's records inside the caller's transaction (an undo step, for an import),
    and counts what it did per record type (see Merge).

    Entries are indexed for search in one pass at the end rather than by a trigger per row (3-4
    times faster): meanwhile temporary triggers note the words of every indexed entry the merge
    changes or deletes, to take them out of the index at the end. Undo's record of each new row
    is made a batch at a time too. The triggers this replaces are dropped meanwhile and made
    again from their own SQL: DDL inside the transaction, so a failed import leaves everything
    as it was.
    """

    BY_THE_BATCH = ("entries_ai", "entries_au", "entries_ad", "entries_undo_insert",
                    "marks_undo_insert", "entries_checkpoint_ai", "marks_checkpoint_ai")

    def __init__(self, db: Journal, *, strict: bool = True, pass_on: bool = True):
        self.db = db
        self.conn = db.conn
        self.merge = Merge(db, pass_on=pass_on)
        self.strict = strict  # an import refuses an answer for an item it has never heard of
        self.waiting: dict[str, list[tuple[int, Version]]] = {"entry": [], "mark": []}
        self.added_entries: set[str] = set()  # entries this file added (none may come twice)

    @property
    def counts(self) -> dict[str, Counter[str]]:
        return self.merge.counts

    @property
    def deleted_here(self) -> int:
        return self.merge.deleted

    @property
    def copies(self) -> int:
        return self.merge.copies

    def __enter__(self) -> Merger:
        conn = self.conn
        self.triggers = [sql for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
            f"({', '.join('?' * len(self.BY_THE_BATCH))}) ORDER BY name", self.BY_THE_BATCH)]
        self.first_new = conn.execute("SELECT coalesce(max(seq), 0) FROM entries").fetchone()[0]
        for name in self.BY_THE_BATCH:
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        # the words of entries indexed before the merge that it changes or deletes
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS indexed_before (seq INTEGER PRIMARY KEY, "
                     "body TEXT)")
        conn.execute("DELETE FROM temp.indexed_before")
        for event, row in (("UPDATE OF body", "OLD"), ("DELETE", "OLD")):
            conn.execute(f"CREATE TEMP TRIGGER merge_index_{event.split()[0].lower()} AFTER "
                         f"{event} ON main.entries WHEN {row}.seq <= {int(self.first_new)} BEGIN "
                         "INSERT OR IGNORE INTO indexed_before (seq, body) VALUES "
                         f"({row}.seq, {row}.body); END")
        clear_checkpoint(self.db)  # the next week makes it again from what was taken in
        self.merge.__enter__()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *rest: Any) -> None:
        if exc_type is None:
            self.write_waiting()
            conn = self.conn
            conn.execute("INSERT INTO entries_fts (entries_fts, rowid, body) SELECT 'delete', "
                         "seq, body FROM temp.indexed_before")
            if conn.execute("SELECT 1 FROM temp.indexed_before WHERE seq NOT IN (SELECT seq "
                            "FROM entries) LIMIT 1").fetchone():
                optimize_search_index(self.db)  # words deleted for good leave the file
            conn.execute("INSERT INTO entries_fts (rowid, body) SELECT seq, body FROM entries "
                         "WHERE seq > ? OR seq IN (SELECT seq FROM temp.indexed_before)",
                         [self.first_new])
            for name in ("merge_index_update", "merge_index_delete"):
                conn.execute(f"DROP TRIGGER temp.{name}")
            conn.execute("DELETE FROM temp.indexed_before")
            for sql in self.triggers:
                conn.execute(sql)
        self.merge.__exit__(exc_type, *rest)

    # --- one record at a time ------------------------------------------------------------------

    def take(self, number: int, kind: str, record: dict[str, Any]) -> None:
        """Merge one checked record (read at ``number``); BadRecord when it cannot be stored."""
        from reconcile_cli.core.settings import SETTINGS

        stamp = record.pop("stamp", None) or legacy_stamp(kind, record)
        vv = record.pop("vv", None) or {}
        if kind in self.waiting:
            self.waiting[kind].append((number, Version(record, stamp, vv)))
            if len(self.waiting[kind]) >= BATCH:
                self.write_waiting()
            return
        self.write_waiting()
        try:
            if kind == "gone":
                self._bury(record["of"], record["key"], stamp, vv)
            elif kind == "tombstone":  # version 1: an entry deleted for good, or a letter let go
                key = {"id": record["id"]}
                letter = self.conn.execute("SELECT 1 FROM letters WHERE id = ?", [key["id"]])
                self._bury("letter" if letter.fetchone() else "entry", key, stamp, vv)
            elif kind == "setting" and not SETTINGS[record["key"]].importable:
                self.counts[kind]["skipped"] += 1
            else:
                self.merge.take(kind, record, stamp, vv)
        except sqlerrors.IntegrityError + (OverflowError,) as exc:
            raise BadRecord(number, f"{kind}: it cannot be stored ({exc})") from None

    def _bury(self, kind: str, key: dict[str, Any], stamp: str, vv: clock.VV) -> None:
        self.merge.bury(kind, key, stamp, vv)

    # --- entries and answers, a batch at a time ------------------------------------------------

    def write_waiting(self) -> None:
        """Merge the entries and answers waiting (BadRecord for a refused one)."""
        for kind in ("entry", "mark"):
            waiting, self.waiting[kind] = self.waiting[kind], []
            if waiting:
                self._merge_batch(kind, waiting)

    def _here_and_graves(self, kind: str, waiting: list[tuple[int, Version]], keys: list[str]
                         ) -> tuple[dict[str, Version], dict[str, Grave]]:
        spec = KINDS[kind]
        columns = ", ".join(spec.columns)
        if kind == "entry":
            ids = [v.fields["id"] for _, v in waiting]
            rows = _rows_in(self.conn, f"SELECT {columns}, stamp, vv FROM entries WHERE id IN "
                                       "({})", ids)
        else:
            days = sorted({v.fields["day"] for _, v in waiting})
            rows = _rows_in(self.conn, f"SELECT {columns}, stamp, vv FROM marks WHERE day IN "
                                       "({})", days)
        here = {}
        for row in rows:
            version = version_of(spec, row)
            here[key_text(spec, version.fields)] = version
        graves = {key: Grave(stamp, clock.load(vv)) for key, stamp, vv in _rows_in(
            self.conn, f"SELECT key, stamp, vv FROM graves WHERE tbl = '{spec.table}' AND key IN "
                       "({})", keys)}
        return here, graves

    def _merge_batch(self, kind: str, waiting: list[tuple[int, Version]]) -> None:
        """Merge many entries or marks as merging them one by one in this order would."""
        spec = KINDS[kind]
        keys = [key_text(spec, incoming.fields) for _, incoming in waiting]
        here, graves = self._here_and_graves(kind, waiting, sorted(set(keys)))
        items = {slug for (slug,) in self.conn.execute(
            "SELECT slug FROM items UNION SELECT json_extract(key, '$.slug') FROM graves "
            "WHERE tbl = 'items'")} if kind == "mark" else set()
        holding: dict[str, Version] = {}  # what each key holds as the batch goes
        writes: dict[str, Version] = {}
        losers: list[tuple[Version, Version | None]] = []
        for (number, incoming), key in zip(waiting, keys, strict=True):
            if kind == "entry" and self.strict and key in self.added_entries:
                raise BadRecord(number, f"entry: entry {incoming.fields['id']} appears twice "
                                        "in the file")
            if kind == "mark" and self.strict and incoming.fields["item"] not in items:
                raise BadRecord(number, f"mark: mark for '{incoming.fields['item']}', which is "
                                        "not an item of this journal or of the file")
            self.merge.heard(incoming.stamp)
            current = holding.get(key, here.get(key))
            decision = decide(incoming, current, None if current else graves.get(key))
            self.counts[kind][decision.outcome] += 1
            losers += decision.losers
            if decision.write:
                holding[key] = writes[key] = incoming
                if kind == "entry" and key not in here:
                    self.added_entries.add(key)
        try:
            self._write(spec, [v for key, v in writes.items() if key not in here], insert=True)
            self._write(spec, [v for key, v in writes.items() if key in here], insert=False)
        except sqlerrors.IntegrityError + (OverflowError,) as exc:
            number = self._culprit(spec, waiting)
            raise BadRecord(number, f"{kind}: it cannot be stored ({exc})") from None
        for loser, winner in losers:
            self.merge.keep_words(kind, loser, winner)

    def _write(self, spec: Any, versions: list[Version], *, insert: bool) -> None:
        if not versions:
            return
        columns = [*spec.columns, "stamp", "vv"]
        rows = [[*(v.fields.get(c) for c in spec.columns), v.stamp, clock.dump(v.vv)]
                for v in versions]
        if insert:
            (last,) = self.conn.execute(
                f"SELECT coalesce(max(rowid), 0) FROM {spec.table}").fetchone()
            self.conn.executemany(f"INSERT INTO {spec.table} ({', '.join(columns)}) VALUES "
                                  f"({', '.join('?' * len(columns))})", rows)
            self._record_new_rows(spec.table, last)
        else:
            changed = [c for c in columns if c not in spec.keys]
            self.conn.executemany(
                f"UPDATE {spec.table} SET {', '.join(f'{c} = ?' for c in changed)} WHERE "
                + " AND ".join(f"{c} = ?" for c in spec.keys),
                [[row[columns.index(c)] for c in changed]
                 + [row[columns.index(c)] for c in spec.keys] for row in rows])
        self.merge.passed_on(spec.table, [key_text(spec, v.fields) for v in versions])

    def _record_new_rows(self, table: str, after: int) -> None:
        """What undo's insert trigger records for each row, for every row added after rowid
        ``after``, in one statement (see migrations._undo_triggers)."""
        pk = "json_object('seq', seq)" if table == "entries" else \
            "json_object('day', day, 'item', item)"
        self.conn.execute(
            f"INSERT INTO change_rows (change, tbl, pk, before) SELECT (SELECT seq FROM "
            f"change_open), '{table}', {pk}, NULL FROM {table} WHERE rowid > ? "
            "AND EXISTS (SELECT 1 FROM change_open) ORDER BY rowid", [after])

    def _culprit(self, spec: Any, waiting: list[tuple[int, Version]]) -> int:
        """The line of the first record of a batch the journal refuses (found one by one in a
        savepoint, so the batch is told apart from the rest; the import is refused anyway)."""
        for number, version in waiting:
            columns = list(spec.columns)
            self.conn.execute("SAVEPOINT culprit")
            try:
                self.conn.execute(f"INSERT OR REPLACE INTO {spec.table} ({', '.join(columns)}) "
                                  f"VALUES ({', '.join('?' * len(columns))})",
                                  [version.fields.get(c) for c in columns])
            except sqlerrors.IntegrityError + (OverflowError,):
                return number
            finally:
                self.conn.execute("ROLLBACK TO culprit")
                self.conn.execute("RELEASE culprit")
        return waiting[0][0]
