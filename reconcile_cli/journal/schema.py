"""What every command must know of the schema, without loading sqlite-utils.

Every command checks that its journal is up to date before it reads a row. Naming the migrations
here keeps that check, and so every everyday command, off sqlite-utils (about 0.1 s to import);
`migrations.py` is loaded only when one is pending, and a test checks the two lists agree. The
shapes of the tables `undo` can revert live here too, read by the migrations and the store alike.
"""

MIGRATION_SET = "reconcile"
MIGRATIONS_TABLE = "_sqlite_migrations"  # where sqlite-utils' Migrations records what it applied

NAMES: tuple[str, ...] = (
    "m001_journal",
    "m002_settings_and_change_log",
    "m003_tombstones_and_settings_undo",
    "m004_support_and_notices",
    "m005_letters",
    "m006_starred_entries",
    "m007_vision",
    "m008_goals",
    "m009_pauses",
    "m010_streak_checkpoints",
    "m011_entries_by_number",
    "m013_kept_by_edits_and_own_prompts",
    "m013b_slip_notes_search",
    "m014_merging_and_sync",
)


# Columns and primary keys of the tables whose changes `reconcile undo` can revert: as m002
# made their triggers (frozen: it has shipped), then the tables later migrations added.
Undoable = dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # table: (primary key, columns)
UNDOABLE_M002: Undoable = {
    "entries": (("seq",), ("seq", "id", "day", "created_at", "updated_at", "zone", "kind",
                           "prompt", "body", "mood", "deleted_at")),
    "items": (("slug",), ("slug", "label", "kind", "position", "created_at", "retired_at")),
    "marks": (("day", "item"), ("day", "item", "status", "note", "updated_at")),
}
UNDOABLE_M003: Undoable = {"settings": (("key",), ("key", "value"))}
UNDOABLE_M004: Undoable = {"support": (("name",), ("name", "contact", "position", "created_at"))}
LETTER_COLUMNS = ("id", "day", "created_at", "updated_at", "recipient", "body", "sealed_until",
                  "status", "answer", "offered_at", "answered_at")
UNDOABLE_M005: Undoable = {"letters": (("id",), LETTER_COLUMNS)}
# m006 adds entries.starred, and remakes the entries' undo triggers so they keep it too.
UNDOABLE_M006: Undoable = {
    "entries": (("seq",), (*UNDOABLE_M002["entries"][1], "starred")),
}
UNDOABLE_M007: Undoable = {"vision": (("id",), ("id", "version", "saved_at", "text"))}
UNDOABLE_M008: Undoable = {
    "goals": (("id",), ("id", "area", "text", "created_at", "dropped_at")),
    "steps": (("id",), ("id", "goal", "text", "created_at", "dropped_at", "item")),
    "steps_done": (("step", "day"), ("step", "day")),
}
UNDOABLE_M009: Undoable = {
    "pauses": (("id",), ("id", "start", "until", "reason", "created_at"))}
# m013 adds items.kept_by and entries.edited_at (remaking both tables' undo triggers so they
# keep them too), and the user's own reflection questions.
UNDOABLE_M013: Undoable = {
    "items": (("slug",), (*UNDOABLE_M002["items"][1], "kept_by")),
    "entries": (("seq",), (*UNDOABLE_M006["entries"][1], "edited_at")),
    "own_prompts": (("slug",), ("slug", "text", "created_at", "removed_at")),
}
UNDOABLE = {**UNDOABLE_M002, **UNDOABLE_M003, **UNDOABLE_M004, **UNDOABLE_M005,
            **UNDOABLE_M006, **UNDOABLE_M007, **UNDOABLE_M008, **UNDOABLE_M009,
            **UNDOABLE_M013}

# The tables whose rows travel between journals (export, import, sync): each with its key and the
# columns a change of which is a change of the record. Every row of these carries a stamp and a
# version vector (m014; see journal/clock.py). Local bookkeeping (notices, prompt offers, the
# undo log, checkpoints) never travels.
SYNCED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "items": (("slug",), ("label", "kind", "position", "created_at", "retired_at", "kept_by")),
    "entries": (("id",), ("day", "created_at", "updated_at", "zone", "kind", "prompt", "body",
                          "mood", "deleted_at", "starred", "copy_of", "edited_at")),
    "marks": (("day", "item"), ("status", "note", "updated_at")),
    "settings": (("key",), ("value",)),
    "support": (("name",), ("contact", "position", "created_at")),
    "letters": (("id",), LETTER_COLUMNS[1:]),
    "vision": (("id",), ("saved_at", "text")),
    "goals": (("id",), ("area", "text", "created_at", "dropped_at")),
    "steps": (("id",), ("goal", "text", "created_at", "dropped_at", "item")),
    "steps_done": (("step", "day"), ()),
    "pauses": (("id",), ("start", "until", "reason", "created_at")),
    "own_prompts": (("slug",), ("text", "created_at", "removed_at")),
}
