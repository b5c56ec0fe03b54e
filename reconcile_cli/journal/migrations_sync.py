"""m014: what merging journals needs (a stamp and a version vector on every record, graves for
what was deleted, this computer's clock), and the sync folder's own state. See journal/clock.py.

Kept apart from migrations.py, which holds the migrations before it, to keep both short; it is
registered there, in order.
"""

from __future__ import annotations

from typing import Any

from reconcile_cli.journal import clock
from reconcile_cli.journal.schema import SYNCED

# The time each record was last changed, for stamps of changes made before stamps were kept
# ("legacy" stamps: the same on every computer that holds the same record).
LEGACY_TIMES = {
    "items": "coalesce(retired_at, created_at)", "entries": "updated_at",
    "marks": "updated_at", "settings": "NULL", "support": "created_at",
    "letters": "coalesce(answered_at, updated_at)", "vision": "saved_at",
    "goals": "coalesce(dropped_at, created_at)", "steps": "coalesce(dropped_at, created_at)",
    "steps_done": "NULL", "pauses": "created_at",
    "own_prompts": "coalesce(removed_at, created_at)",
}
ZERO = "'0000-00-00T00:00:00.000Z+0000@0'"


def legacy(expression: str) -> str:
    """SQL for a legacy stamp from a timestamp column (any ISO 8601 form SQLite reads)."""
    if expression == "NULL":
        return ZERO
    return (f"coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', {expression}) || '+0000@0', {ZERO})")


def key_json(table: str, row: str) -> str:
    keys = SYNCED[table][0]
    return "json_object(" + ", ".join(f"'{c}', {row}.{c}" for c in keys) + ")"


def m014_merging_and_sync(db: Any) -> None:
    db.execute("CREATE TABLE clock (device TEXT NOT NULL, last TEXT, "
               "merging INTEGER NOT NULL DEFAULT 0) STRICT")
    db.execute("INSERT INTO clock (device, last, merging) VALUES (?, NULL, 0)",
               [clock.new_device()])
    # What was deleted: the key, and the stamp and vector of the deletion (NULL stamp: being
    # dug by the transaction under way, stamped when it commits).
    db.execute("""
        CREATE TABLE graves (
            tbl TEXT NOT NULL,
            key TEXT NOT NULL,
            stamp TEXT,
            vv TEXT NOT NULL DEFAULT '{}',
            fresh TEXT,
            PRIMARY KEY (tbl, key)
        ) STRICT
    """)
    # Rows changed here and not yet written to the sync folder (fresh: by the transaction
    # under way, to be stamped when it commits).
    db.execute("""
        CREATE TABLE pending (
            tbl TEXT NOT NULL,
            key TEXT NOT NULL,
            fresh INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (tbl, key)
        ) STRICT
    """)
    db.execute("""
        CREATE TABLE sync_link (
            folder TEXT NOT NULL,
            journal TEXT NOT NULL,
            name TEXT NOT NULL,
            written INTEGER NOT NULL DEFAULT 0,
            listing TEXT
        ) STRICT
    """)
    # The other computers, as their files name them: when each last wrote, and how many of
    # its records were taken in here.
    db.execute("""
        CREATE TABLE sync_peers (
            device TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            last_change TEXT,
            changes INTEGER NOT NULL DEFAULT 0
        ) STRICT
    """)
    # Each file of the folder once looked at: taken in (never read again), or skipped and why.
    db.execute("""
        CREATE TABLE sync_files (
            name TEXT PRIMARY KEY,
            state TEXT NOT NULL CHECK (state IN ('taken', 'skipped')),
            reason TEXT
        ) STRICT
    """)
    db.execute("ALTER TABLE entries ADD COLUMN copy_of TEXT")
    for table in SYNCED:
        db.execute(f"ALTER TABLE {table} ADD COLUMN stamp TEXT")
        db.execute(f"ALTER TABLE {table} ADD COLUMN vv TEXT")
        db.execute(f"UPDATE {table} SET stamp = {legacy(LEGACY_TIMES[table])}, vv = '{{}}'")
    db.execute(f"INSERT INTO graves (tbl, key, stamp, vv) SELECT 'entries', json_object('id', id),"
               f" {legacy('deleted_at')}, '{{}}' FROM tombstones")
    db.execute("DROP TABLE tombstones")
    for table in ("marks", "steps", "steps_done"):
        _without_foreign_keys(db, table)
    _touch_triggers(db)
    # The search index and the streak checkpoint need a row again only when its words or its
    # day changed, not when it is stamped.
    db.execute("DROP TRIGGER entries_au")
    db.execute("CREATE TRIGGER entries_au AFTER UPDATE OF body ON entries BEGIN "
               "INSERT INTO entries_fts (entries_fts, rowid, body) "
               "VALUES ('delete', old.rowid, old.body); "
               "INSERT INTO entries_fts (rowid, body) VALUES (new.rowid, new.body); END")
    db.execute("DROP TRIGGER marks_checkpoint_au")
    db.execute("CREATE TRIGGER marks_checkpoint_au AFTER UPDATE OF day, item, status ON marks "
               "WHEN OLD.day <= (SELECT through FROM streak_checkpoint) OR NEW.day <= "
               "(SELECT through FROM streak_checkpoint) BEGIN DELETE FROM streak_checkpoint; "
               "DELETE FROM streak_checkpoint_items; END")
    db.execute("CREATE INDEX entries_copy_of ON entries (copy_of) WHERE copy_of IS NOT NULL")


def _touch_triggers(db: Any) -> None:
    """Triggers that note each row a command changes (and dig a grave for each it deletes), so
    that clock.stamp_changes stamps them when the transaction commits. Merges write stamps of
    their own and set clock.merging, which these leave alone."""
    when = "WHEN (SELECT merging FROM clock) = 0"
    for table, (_, content) in SYNCED.items():
        def note(row: str, table: str = table) -> str:
            return (f"INSERT INTO pending (tbl, key, fresh) VALUES ('{table}', "
                    f"{key_json(table, row)}, 1) ON CONFLICT (tbl, key) DO UPDATE SET fresh = 1;")

        db.execute(f"CREATE TRIGGER {table}_touch_insert AFTER INSERT ON {table} {when} "
                   f"BEGIN {note('NEW')} END")
        if content:
            db.execute(f"CREATE TRIGGER {table}_touch_update AFTER UPDATE OF "
                       f"{', '.join(content)} ON {table} {when} BEGIN {note('NEW')} END")
        db.execute(
            f"CREATE TRIGGER {table}_touch_delete AFTER DELETE ON {table} {when} BEGIN "
            f"INSERT INTO graves (tbl, key, stamp, fresh) VALUES ('{table}', "
            f"{key_json(table, 'OLD')}, NULL, coalesce(OLD.vv, '{{}}')) ON CONFLICT (tbl, key) "
            f"DO UPDATE SET stamp = NULL, fresh = excluded.fresh; {note('OLD')} END")


def _without_foreign_keys(db: Any, table: str) -> None:
    """Make ``table`` again without its REFERENCES clauses, keeping its rows, indexes and
    triggers. Records arrive from other computers one by one, each by its own merge rule: a step
    may come before its goal, or outlive it, and must not be refused for that (readers pass over
    what has no parent; undo checks for dependents itself)."""
    import re

    (create,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                           [table]).fetchone()
    attached = [sql for (sql,) in db.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') "
        "AND sql IS NOT NULL", [table])]
    plain = re.sub(r"\s+REFERENCES \w+ \(\w+\)( ON UPDATE CASCADE)?", "", create)
    plain = re.sub(rf"CREATE TABLE {table}\b", f"CREATE TABLE {table}_rebuilt", plain, count=1)
    db.execute(plain)
    db.execute(f"INSERT INTO {table}_rebuilt SELECT * FROM {table}")
    db.execute(f"DROP TABLE {table}")
    db.execute(f"ALTER TABLE {table}_rebuilt RENAME TO {table}")
    for sql in attached:
        db.execute(sql)
