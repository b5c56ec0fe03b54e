"""Export: the journal as a stream of records, in one fixed order, so that two journals holding the
same records write them byte for byte the same (the interchange format: formats/interchange.py).

``records`` gives them as the jsonl export and the sync folder write them, each with its stamp
and version vector, and a "gone" record for each grave; ``export_records`` gives models, for the
readable exports (md, csv).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from reconcile_cli.journal.db import Journal
from reconcile_cli.store.record_kinds import BY_TABLE, KINDS

if TYPE_CHECKING:
    from reconcile_cli.core.models import ExportRecord

# Each record type: its table, its fields (as the interchange format names them, with the SQL
# that reads each), and the order its records are written in.
SHAPES: dict[str, tuple[str, tuple[tuple[str, str], ...], str]] = {
    "item": ("items", (("slug", "slug"), ("label", "label"), ("kind", "kind"),
                       ("position", "position"), ("created_at", "created_at"),
                       ("retired_at", "retired_at"), ("kept_by", "kept_by")), "position, slug"),
    "entry": ("entries", (("id", "id"), ("day", "day"), ("created_at", "created_at"),
                          ("updated_at", "updated_at"), ("kind", "kind"), ("prompt", "prompt"),
                          ("mood", "mood"), ("body", "body"), ("deleted_at", "deleted_at"),
                          ("starred", "starred"), ("zone", "zone"), ("copy_of", "copy_of"),
                          ("edited_at", "edited_at")),
              "day, created_at, id"),
    "mark": ("marks", (("day", "day"), ("item", "item"), ("status", "status"), ("note", "note"),
                       ("updated_at", "updated_at")), "day, item"),
    "setting": ("settings", (("key", "key"), ("value", "value")), "key"),
    "support": ("support", (("name", "name"), ("contact", "contact"), ("position", "position"),
                            ("created_at", "created_at")), "position, name"),
    "letter": ("letters", (("id", "id"), ("day", "day"), ("created_at", "created_at"),
                           ("updated_at", "updated_at"), ("to", "recipient"), ("body", "body"),
                           ("sealed_until", "sealed_until"), ("status", "status"),
                           ("answer", "answer"), ("offered_at", "offered_at"),
                           ("answered_at", "answered_at")), "created_at, id"),
    "vision": ("vision", (("id", "id"),
                          ("version", "row_number() OVER (ORDER BY stamp, id)"),
                          ("saved_at", "saved_at"), ("text", "text")), "stamp, id"),
    "goal": ("goals", (("id", "id"), ("area", "area"), ("text", "text"),
                       ("created_at", "created_at"), ("dropped_at", "dropped_at")),
             "created_at, id"),
    "step": ("steps", (("id", "id"), ("goal", "goal"), ("text", "text"),
                       ("created_at", "created_at"), ("dropped_at", "dropped_at"),
                       ("item", "item")), "created_at, id"),
    "step_done": ("steps_done", (("step", "step"), ("day", "day")), "day, step"),
    "pause": ("pauses", (("id", "id"), ("from", "start"), ("until", "until"),
                         ("reason", "reason"), ("created_at", "created_at")), "start, id"),
    "prompt": ("own_prompts", (("slug", "slug"), ("text", "text"), ("created_at", "created_at"),
                               ("removed_at", "removed_at")), "created_at, slug"),
}
# The key of each record type, as the interchange format names its fields.
KEY_FIELDS = {name: tuple(exported for exported, column in shape[1]
                          if column in KINDS[name].keys)
              for name, shape in SHAPES.items()}


def _select(kind: str, where: str = "", order: bool = True) -> str:
    table, fields, ordering = SHAPES[kind]
    columns = ", ".join(column for _, column in fields)
    return (f"SELECT {columns}, stamp, vv FROM {table} {where}"
            + (f" ORDER BY {ordering}" if order else ""))


def _record(kind: str, row: tuple[Any, ...]) -> dict[str, Any]:
    fields = SHAPES[kind][1]
    record: dict[str, Any] = {"type": kind}
    record.update((name, row[index]) for index, (name, _) in enumerate(fields))
    if kind == "entry":
        record["starred"] = bool(record["starred"])
    record["stamp"] = row[-2]
    record["vv"] = dict(sorted(json.loads(row[-1] or "{}").items()))
    return record


def _gone(table: str, key: str, stamp: str | None, vv: str) -> dict[str, Any]:
    name = BY_TABLE[table]
    columns = dict(json.loads(key))
    names = {column: exported for exported, column in SHAPES[name][1]}
    return {"type": "gone", "of": name,
            "key": {names[column]: value for column, value in columns.items()},
            "stamp": stamp, "vv": dict(sorted(json.loads(vv or "{}").items()))}


def records(db: Journal, since: str | None = None, until: str | None = None
            ) -> Iterator[dict[str, Any]]:
    """Every record, streamed in the export's order: items, what was deleted, entries and
    checklist answers day by day (entries first within a day; only from ``since`` to ``until``
    when given), settings, the support list, letters, the vision, goals, steps, pauses, and
    questions of the user's own."""
    conn = db.conn
    yield from (_record("item", row) for row in conn.execute(_select("item")))
    for table, key, stamp, vv in conn.execute(
            "SELECT tbl, key, stamp, vv FROM graves ORDER BY tbl, key"):
        yield _gone(table, key, stamp, vv)
    span = "WHERE day >= ? AND day <= ?"
    bounds = [since or "0000-00-00", until or "9999-99-99"]
    entries = (_record("entry", row) for row in conn.execute(_select("entry", span), bounds))
    marks = (_record("mark", row) for row in conn.execute(_select("mark", span), bounds))
    import heapq  # only the whole journal's export needs it: a file of changes does not

    yield from heapq.merge(entries, marks, key=lambda r: (r["day"], r["type"] == "mark"))
    from reconcile_cli.core.settings import SETTINGS

    # settings of this computer's own (the editor, whether it syncs) never travel
    yield from (_record("setting", row) for row in conn.execute(_select("setting"))
                if SETTINGS[row[0]].importable)
    for kind in ("support", "letter", "vision", "goal", "step", "step_done", "pause", "prompt"):
        yield from (_record(kind, row) for row in conn.execute(_select(kind)))


def records_of(db: Journal, keys: Iterable[tuple[str, str]]) -> Iterator[dict[str, Any]]:
    """The grave and the record of each (table, key), in that order, where there are: a row
    made again (or kept, being newer) where a deletion lies goes with the deletion, so that
    every computer holds both."""
    conn = db.conn
    for table, key in keys:
        name = BY_TABLE[table]
        columns = json.loads(key)
        grave = conn.execute("SELECT stamp, vv FROM graves WHERE tbl = ? AND key = ?",
                             [table, key]).fetchone()
        if grave is not None:
            yield _gone(table, key, *grave)
        where = "WHERE " + " AND ".join(f"{column} = ?" for column in columns)
        row = conn.execute(_select(name, where, order=False), list(columns.values())).fetchone()
        if row is not None:
            yield _record(name, row)


def export_records(db: Journal, since: str | None, until: str | None) -> Iterator[ExportRecord]:
    """(kind, model) for the readable exports: items, then entries and marks day by day, then
    settings, the support list, letters, the vision, goals and pauses."""
    # here, not above: a command's changes go to the sync folder by records_of alone
    from reconcile_cli.core.models import Entry, Mark
    from reconcile_cli.store.checklist import items
    from reconcile_cli.store.entries import ENTRY_COLUMNS
    from reconcile_cli.store.goals import export_goals
    from reconcile_cli.store.letters import all_letters
    from reconcile_cli.store.prompts import export_prompts
    from reconcile_cli.store.support import export_support
    from reconcile_cli.store.vision import versions

    for item in items(db, include_retired=True):
        yield "item", item
    clauses, params = ["day >= ?", "day <= ?"], [since or "0000-00-00", until or "9999-99-99"]
    where = " AND ".join(clauses)
    entries: Iterator[tuple[str, Entry | Mark]]
    marks: Iterator[tuple[str, Entry | Mark]]
    entries = (("entry", Entry(*row)) for row in db.conn.execute(
        f"SELECT {ENTRY_COLUMNS} FROM entries WHERE {where} ORDER BY day, created_at, id",
        params))
    marks = (("mark", Mark(*row)) for row in db.conn.execute(
        f"SELECT day, item, status, note, updated_at FROM marks WHERE {where} ORDER BY day, item",
        params))
    # Entries before marks within a day; both cursors stream, so memory stays flat.
    import heapq

    yield from heapq.merge(entries, marks, key=lambda pair: (pair[1].day, pair[0] == "mark"))
    for key, value in db.execute("SELECT key, value FROM settings ORDER BY key"):
        yield "setting", (key, value)
    for person in export_support(db):
        yield "support", person
    for letter in reversed(all_letters(db)):  # oldest first, like entries
        yield "letter", letter
    for saved in versions(db):
        yield "vision", saved
    yield from export_goals(db)
    for row in db.execute("SELECT id, start, until, reason, created_at FROM pauses "
                          "ORDER BY start, id"):
        yield "pause", dict(zip(("id", "start", "until", "reason", "created_at"), row,
                                strict=True))
    yield from export_prompts(db)


def entry_zones(db: Journal, since: str | None, until: str | None) -> dict[str, str]:
    """{entry id: the IANA time zone it was written in} for the entries that know theirs."""
    return dict(db.conn.execute(
        "SELECT id, zone FROM entries WHERE zone IS NOT NULL AND day >= ? AND day <= ?",
        [since or "0000-00-00", until or "9999-99-99"]))
