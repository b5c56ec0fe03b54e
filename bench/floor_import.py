"""The floor for `reconcile import`: the least a one-shot loader of the same file has to do.

    python bench/floor_import.py FILE DB

Makes DB (which must not exist) with reconcile's own schema (its migrations, applied as a new
journal is made, and the default checklist), then reads FILE, a JSON Lines export, with
json.loads line by line and inserts its rows with executemany, with the search-index and
change-log (undo) triggers dropped meanwhile; then builds the search index in one pass and
makes the triggers again from their own SQL. All in one transaction, with reconcile's
durability settings. Only the record types bench/generate.py writes (header, item, entry,
mark) are read; it is a floor, not an importer, so nothing is checked or merged.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import sys
from pathlib import Path

from sqlite_utils import Database

from reconcile_cli.core.checklist import DEFAULT_ITEMS
from reconcile_cli.journal.migrations import migrations

TABLES = ("entries", "items", "marks")
INSERTS = {
    "item": "INSERT OR REPLACE INTO items (slug, label, kind, position, created_at, retired_at) "
            "VALUES (:slug, :label, :kind, :position, :created_at, :retired_at)",
    "entry": "INSERT INTO entries (id, day, created_at, updated_at, kind, prompt, mood, body, "
             "deleted_at, starred) VALUES (:id, :day, :created_at, :updated_at, :kind, "
             ":prompt, :mood, :body, :deleted_at, :starred)",
    "mark": "INSERT INTO marks (day, item, status, note, updated_at) "
            "VALUES (:day, :item, :status, :note, :updated_at)",
}


def create(conn: sqlite3.Connection) -> None:
    """The schema of a new journal, and its default checklist."""
    migrations.apply(Database(conn, execute_plugins=False))
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    conn.executemany("INSERT INTO items (slug, label, kind, position, created_at) "
                     "VALUES (?, ?, ?, ?, ?)",
                     [(slug, label, kind, position, now)
                      for position, (slug, kind, label) in enumerate(DEFAULT_ITEMS, start=1)])


def read(path: Path) -> dict[str, list[dict]]:
    """The file's records by type, the header left out."""
    records: dict[str, list[dict]] = {kind: [] for kind in INSERTS}
    with path.open(encoding="utf-8") as lines:
        next(lines)  # the header
        for line in lines:
            record = json.loads(line)
            kind = record["type"]
            if kind not in records:
                raise SystemExit(f"floor_import reads items, entries and marks, not {kind}")
            records[kind].append(record)
    for entry in records["entry"]:
        entry["starred"] = entry.get("starred", False)
    return records


def triggers(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(name, SQL) of every trigger on the tables loaded: the search index's and undo's."""
    marks = ", ".join("?" * len(TABLES))
    return conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                        f"AND tbl_name IN ({marks}) ORDER BY name", TABLES).fetchall()


def load(conn: sqlite3.Connection, records: dict[str, list[dict]]) -> None:
    dropped = triggers(conn)
    for name, _ in dropped:
        conn.execute(f"DROP TRIGGER {name}")
    for kind, sql in INSERTS.items():
        conn.executemany(sql, records[kind])
    conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")
    for _, sql in dropped:
        conn.execute(sql)


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    try:  # private, as reconcile makes a journal
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        raise SystemExit(f"{target} exists; the floor loads into a new file") from None
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA synchronous = EXTRA")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("BEGIN IMMEDIATE")
    create(conn)
    load(conn, read(source))
    conn.execute("COMMIT")
    conn.close()


if __name__ == "__main__":
    main()
