"""The journal schema, as append-only migrations. Never edit one that has shipped: add another.

Tables are STRICT and carry CHECK constraints so a bad row is refused even if a code path forgets.
"""

from sqlite_utils import Database, Migrations

migrations = Migrations("reconcile")

DAY_CHECK = "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"


@migrations()
def m001_journal(db: Database) -> None:
    db.execute(f"""
        CREATE TABLE entries (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            day TEXT NOT NULL CHECK (day {DAY_CHECK}),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            zone TEXT,
            kind TEXT NOT NULL DEFAULT 'journal'
                CHECK (kind IN ('journal', 'gratitude', 'reflection')),
            prompt TEXT,
            body TEXT NOT NULL DEFAULT '',
            mood INTEGER CHECK (mood BETWEEN 1 AND 10),
            deleted_at TEXT,
            CHECK (body <> '' OR mood IS NOT NULL)
        ) STRICT
    """)
    # (day, deleted_at) covers every day-range read, which always leaves trashed entries out.
    db.execute("CREATE INDEX entries_day ON entries (day, deleted_at)")
    db.execute("""
        CREATE TABLE items (
            slug TEXT PRIMARY KEY CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
            label TEXT NOT NULL CHECK (label <> ''),
            kind TEXT NOT NULL CHECK (kind IN ('restraint', 'action')),
            position INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            retired_at TEXT
        ) STRICT
    """)
    db.execute(f"""
        CREATE TABLE marks (
            day TEXT NOT NULL CHECK (day {DAY_CHECK}),
            item TEXT NOT NULL REFERENCES items (slug) ON UPDATE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('kept', 'missed', 'skipped')),
            note TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (day, item)
        ) STRICT
    """)
    db.execute("CREATE INDEX marks_item_day ON marks (item, day)")
    db.execute("""
        CREATE TABLE prompt_offers (
            day TEXT PRIMARY KEY,
            prompt TEXT NOT NULL,
            offered_at TEXT NOT NULL
        ) STRICT
    """)
    # Porter stemming so "running" finds "run"; the triggers keep the index in step with edits.
    db["entries"].enable_fts(["body"], create_triggers=True, tokenize="porter unicode61")


KNOWN = frozenset(migration.name for migration in migrations._migrations)
