"""The journal schema, as append-only migrations. Never edit one that has shipped: add another.

Tables are STRICT and carry CHECK constraints so a bad row is refused even if a code path forgets.
"""

from sqlite_utils import Database, Migrations

from reconcile_cli.journal.migrations_sync import m014_merging_and_sync
from reconcile_cli.journal.schema import (  # the shapes of tables, read by the store too
    MIGRATION_SET,
    UNDOABLE_M002,
    UNDOABLE_M003,
    UNDOABLE_M004,
    UNDOABLE_M005,
    UNDOABLE_M006,
    UNDOABLE_M007,
    UNDOABLE_M008,
    UNDOABLE_M009,
    UNDOABLE_M013,
    Undoable,
)

migrations = Migrations(MIGRATION_SET)

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
    db.table("entries").enable_fts(["body"], create_triggers=True, tokenize="porter unicode61")




def _json_of(prefix: str, columns: tuple[str, ...]) -> str:
    return "json_object(" + ", ".join(f"'{c}', {prefix}.{c}" for c in columns) + ")"


@migrations()
def m002_settings_and_change_log(db: Database) -> None:
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT")
    # One row per user-visible change (a command, or one answer of checkin), newest last...
    db.execute("""
        CREATE TABLE changes (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            description TEXT NOT NULL
        ) STRICT
    """)
    # ...and the before-image of every row it touched (NULL: the row did not exist before).
    db.execute("""
        CREATE TABLE change_rows (
            seq INTEGER PRIMARY KEY,
            change INTEGER NOT NULL REFERENCES changes (seq) ON DELETE CASCADE,
            tbl TEXT NOT NULL,
            pk TEXT NOT NULL,
            before TEXT
        ) STRICT
    """)
    db.execute("CREATE INDEX change_rows_change ON change_rows (change)")
    # The change being recorded: a row exists only while a command's transaction is open.
    db.execute("CREATE TABLE change_open (seq INTEGER NOT NULL) STRICT")
    db.execute("CREATE INDEX entries_deleted ON entries (deleted_at) WHERE deleted_at IS NOT NULL")
    _undo_triggers(db, UNDOABLE_M002)


def _undo_triggers(db: Database, tables: Undoable) -> None:
    """Triggers that copy each row a change touches, as it was, into change_rows."""
    for table, (pk, columns) in tables.items():
        record = (
            "INSERT INTO change_rows (change, tbl, pk, before) VALUES "
            f"((SELECT seq FROM change_open), '{table}', {{pk}}, {{before}});"
        )
        when = "WHEN EXISTS (SELECT 1 FROM change_open)"
        for event, row, before in (
            ("INSERT", "NEW", "NULL"),
            ("UPDATE", "OLD", _json_of("OLD", columns)),
            ("DELETE", "OLD", _json_of("OLD", columns)),
        ):
            db.execute(
                f"CREATE TRIGGER {table}_undo_{event.lower()} AFTER {event} ON {table} {when} "
                f"BEGIN {record.format(pk=_json_of(row, pk), before=before)} END"
            )


@migrations()
def m003_tombstones_and_settings_undo(db: Database) -> None:
    # An entry deleted for good leaves its id and when, never its text, so that an older export
    # imported later cannot bring it back; the tombstone travels on in exports.
    db.execute("""
        CREATE TABLE tombstones (
            id TEXT PRIMARY KEY,
            deleted_at TEXT NOT NULL
        ) STRICT
    """)
    # An import can change settings; undoing the import puts them back.
    _undo_triggers(db, UNDOABLE_M003)


@migrations()
def m004_support_and_notices(db: Database) -> None:
    # The people on the user's own support list, named in the gentle net on a hard day.
    db.execute("""
        CREATE TABLE support (
            name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 120),
            contact TEXT CHECK (contact IS NULL OR length(contact) <= 200),
            position INTEGER NOT NULL,
            created_at TEXT NOT NULL
        ) STRICT
    """)
    # Which quiet notices were shown on which day (each at most once a day); kept in the
    # journal itself, so nothing about a hard day is written anywhere else.
    db.execute("""
        CREATE TABLE notices (
            day TEXT NOT NULL,
            kind TEXT NOT NULL,
            PRIMARY KEY (day, kind)
        ) STRICT
    """)
    _undo_triggers(db, UNDOABLE_M004)


@migrations()
def m005_letters(db: Database) -> None:
    # The drawer: letters written instead of sent. Sealed (not shown) until sealed_until; then
    # offered back once (offered_at), and the answer kept: keep, rewrite (sealed again), sent.
    # "Let it go" deletes the letter for good, leaving a tombstone as entries do.
    db.execute("""
        CREATE TABLE letters (
            id TEXT PRIMARY KEY,
            day TEXT NOT NULL CHECK (length(day) = 10),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            recipient TEXT CHECK (recipient IS NULL OR length(recipient) BETWEEN 1 AND 120),
            body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 1000000),
            sealed_until TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('waiting', 'kept', 'sent')),
            answer TEXT CHECK (answer IS NULL OR answer IN ('keep', 'rewrite', 'sent')),
            offered_at TEXT,
            answered_at TEXT
        ) STRICT
    """)
    db.execute("CREATE INDEX letters_day ON letters (day)")
    _undo_triggers(db, UNDOABLE_M005)


@migrations()
def m006_starred_entries(db: Database) -> None:
    # Lines the user starred, to reread on a bad night (`reconcile comfort`).
    db.execute("ALTER TABLE entries ADD COLUMN starred INTEGER NOT NULL DEFAULT 0 "
               "CHECK (starred IN (0, 1))")
    for event in ("insert", "update", "delete"):
        db.execute(f"DROP TRIGGER IF EXISTS entries_undo_{event}")
    _undo_triggers(db, UNDOABLE_M006)


@migrations()
def m007_vision(db: Database) -> None:
    # The vision page: every save is a new version, never an overwrite.
    db.execute("""
        CREATE TABLE vision (
            id TEXT PRIMARY KEY,
            version INTEGER NOT NULL UNIQUE CHECK (version >= 1),
            saved_at TEXT NOT NULL,
            text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 1000000)
        ) STRICT
    """)
    _undo_triggers(db, UNDOABLE_M007)


@migrations()
def m008_goals(db: Database) -> None:
    # Goals in five areas, broken into small steps; a step done is a (step, day) row. A daily
    # step is a checklist item (steps.item): its kept days are its days done, not a copy.
    from reconcile_cli.core.kinds import GOAL_AREAS

    areas = ", ".join(f"'{area}'" for area in GOAL_AREAS)
    db.execute(f"""
        CREATE TABLE goals (
            id TEXT PRIMARY KEY,
            area TEXT NOT NULL CHECK (area IN ({areas})),
            text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
            created_at TEXT NOT NULL,
            dropped_at TEXT
        ) STRICT
    """)
    db.execute("""
        CREATE TABLE steps (
            id TEXT PRIMARY KEY,
            goal TEXT NOT NULL REFERENCES goals (id),
            text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
            created_at TEXT NOT NULL,
            dropped_at TEXT,
            item TEXT REFERENCES items (slug)
        ) STRICT
    """)
    db.execute("""
        CREATE TABLE steps_done (
            step TEXT NOT NULL REFERENCES steps (id),
            day TEXT NOT NULL CHECK (length(day) = 10),
            PRIMARY KEY (step, day)
        ) STRICT
    """)
    _undo_triggers(db, UNDOABLE_M008)


@migrations()
def m009_pauses(db: Database) -> None:
    # Days the journal could not be kept (illness, a trip, a hospital stay): blank in every
    # view, passed over by streaks, counted in no rate.
    db.execute("""
        CREATE TABLE pauses (
            id TEXT PRIMARY KEY,
            start TEXT NOT NULL CHECK (length(start) = 10),
            until TEXT NOT NULL CHECK (length(until) = 10 AND until >= start),
            reason TEXT CHECK (reason IS NULL OR length(reason) <= 200),
            created_at TEXT NOT NULL
        ) STRICT
    """)
    _undo_triggers(db, UNDOABLE_M009)


@migrations()
def m010_streak_checkpoints(db: Database) -> None:
    # Where each item's streak walk stood some weeks ago, so that `week` and `month` read only
    # the days since instead of every day ever marked. Derived numbers, never words; any change
    # to a mark or an entry on or before the checkpoint's day removes it (it is made again).
    db.execute("""
        CREATE TABLE streak_checkpoint (
            through TEXT NOT NULL,
            journey_start TEXT,
            pauses TEXT NOT NULL,
            first_full_week TEXT
        ) STRICT
    """)
    db.execute("""
        CREATE TABLE streak_checkpoint_items (
            item TEXT PRIMARY KEY,
            started INTEGER NOT NULL,
            run INTEGER NOT NULL,
            best INTEGER NOT NULL,
            best_before_run INTEGER NOT NULL,
            score REAL NOT NULL
        ) STRICT
    """)
    forget = ("BEGIN DELETE FROM streak_checkpoint; DELETE FROM streak_checkpoint_items; END")
    on_or_before = "<= (SELECT through FROM streak_checkpoint)"
    for table, changed in (("marks", "day"), ("entries", "day")):
        db.execute(f"CREATE TRIGGER {table}_checkpoint_ai AFTER INSERT ON {table} "
                   f"WHEN NEW.{changed} {on_or_before} {forget}")
        db.execute(f"CREATE TRIGGER {table}_checkpoint_ad AFTER DELETE ON {table} "
                   f"WHEN OLD.{changed} {on_or_before} {forget}")
    db.execute(f"CREATE TRIGGER marks_checkpoint_au AFTER UPDATE ON marks "
               f"WHEN OLD.day {on_or_before} OR NEW.day {on_or_before} {forget}")
    db.execute(f"CREATE TRIGGER entries_checkpoint_au AFTER UPDATE OF day, deleted_at ON entries "
               f"WHEN OLD.day {on_or_before} OR NEW.day {on_or_before} {forget}")
    # The latest slips are read newest first, without walking every answer.
    db.execute("CREATE INDEX marks_missed_day ON marks (day) WHERE status = 'missed'")


@migrations()
def m011_entries_by_number(db: Database) -> None:
    # The days of the entries written last, read without their text: search asks for them to
    # know whether the newest-numbered matches are the newest by day.
    db.execute("CREATE INDEX entries_seq_day ON entries (seq, day)")


@migrations()
def m013_kept_by_edits_and_own_prompts(db: Database) -> None:
    # An item ticked by an act rather than asked: writing a gratitude line keeps the gratitude
    # item, answering the reflection question keeps the reflection item (the default items do
    # this; a user's own items may too).
    db.execute("ALTER TABLE items ADD COLUMN kept_by TEXT "
               "CHECK (kept_by IS NULL OR kept_by IN ('gratitude', 'reflection', 'entry'))")
    db.execute("UPDATE items SET kept_by = slug WHERE slug IN ('gratitude', 'reflection') "
               "AND kind = 'action'")
    # When an entry's words (or mood, day or kind) were last changed by `edit`: a star, the
    # trash and its restore move updated_at (for the merge) but are no edit. Entries changed
    # before this migration keep updated_at as their edit, unless a star may have moved it.
    db.execute("ALTER TABLE entries ADD COLUMN edited_at TEXT")
    db.execute("UPDATE entries SET edited_at = updated_at WHERE updated_at <> created_at "
               "AND starred = 0 AND deleted_at IS NULL")
    # The user's own reflection questions, in the rotation beside the built-in ones; one that
    # is removed stays (removed_at) so that its old answers still show their question.
    db.execute("""
        CREATE TABLE own_prompts (
            slug TEXT PRIMARY KEY CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
            text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
            created_at TEXT NOT NULL,
            removed_at TEXT
        ) STRICT
    """)
    for table in ("items", "entries"):
        for event in ("insert", "update", "delete"):
            db.execute(f"DROP TRIGGER IF EXISTS {table}_undo_{event}")
    _undo_triggers(db, UNDOABLE_M013)


@migrations()
def m013b_slip_notes_search(db: Database) -> None:
    # What was written about a slip (marks.note) is searched as entries are. The index keeps
    # its own copy, keyed by day and item: a marks row has no stable number (VACUUM may
    # renumber it). Only answers with a note are in it, so the triggers rarely have work.
    db.execute("CREATE VIRTUAL TABLE notes_fts USING fts5(note, day UNINDEXED, item UNINDEXED, "
               "tokenize='porter unicode61')")
    db.execute("INSERT INTO notes_fts (note, day, item) SELECT note, day, item FROM marks "
               "WHERE note IS NOT NULL AND note <> ''")
    add = ("INSERT INTO notes_fts (note, day, item) SELECT NEW.note, NEW.day, NEW.item "
           "WHERE NEW.note IS NOT NULL AND NEW.note <> '';")
    remove = "DELETE FROM notes_fts WHERE day = OLD.day AND item = OLD.item;"
    db.execute(f"CREATE TRIGGER marks_notes_ai AFTER INSERT ON marks "
               f"WHEN NEW.note IS NOT NULL AND NEW.note <> '' BEGIN {add} END")
    db.execute(f"CREATE TRIGGER marks_notes_ad AFTER DELETE ON marks "
               f"WHEN OLD.note IS NOT NULL AND OLD.note <> '' BEGIN {remove} END")
    db.execute(f"CREATE TRIGGER marks_notes_au AFTER UPDATE ON marks "
               f"WHEN OLD.note IS NOT NEW.note OR OLD.day IS NOT NEW.day OR OLD.item IS NOT "
               f"NEW.item BEGIN {remove} {add} END")


# Later migrations live in their own modules, registered here in order.
migrations()(m014_merging_and_sync)

KNOWN = frozenset(migration.name for migration in migrations._migrations)
