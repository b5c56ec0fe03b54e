"""The floor for `reconcile export --format jsonl`: the same rows, read and written directly.

    python bench/floor_export.py DB OUT

Reads with plain sqlite3 the rows `reconcile export --format jsonl` writes (a header, then
items, graves, entries, checklist answers, settings, the support list, letters, vision
versions, goals, steps, steps done, pauses and questions of one's own, each with its stamp and
version vector) and writes each with json.dumps, one a line, to OUT. A floor: entries and
answers come one table after the other, not merged day by day.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
from collections.abc import Iterator

from reconcile_cli.formats.interchange import FORMAT, VERSION

# (record type, the query whose column names are the record's keys), in export order; every
# record ends with its stamp and version vector (vv, JSON in the table, an object in the file)
QUERIES = (
    ("item", "SELECT slug, label, kind, position, created_at, retired_at, kept_by, stamp, vv "
             "FROM items ORDER BY position, slug"),
    ("gone", "SELECT tbl AS \"of\", key, stamp, vv FROM graves ORDER BY tbl, key"),
    ("entry", "SELECT id, day, created_at, updated_at, kind, prompt, mood, body, deleted_at, "
              "starred, zone, copy_of, edited_at, stamp, vv FROM entries "
              "ORDER BY day, created_at, id"),
    ("mark", "SELECT day, item, status, note, updated_at, stamp, vv FROM marks "
             "ORDER BY day, item"),
    ("setting", "SELECT key, value, stamp, vv FROM settings ORDER BY key"),
    ("support", "SELECT name, contact, position, created_at, stamp, vv FROM support "
                "ORDER BY position, name"),
    ("letter", "SELECT id, day, created_at, updated_at, recipient AS \"to\", body, "
               "sealed_until, status, answer, offered_at, answered_at, stamp, vv FROM letters "
               "ORDER BY created_at, id"),
    ("vision", "SELECT id, row_number() OVER (ORDER BY stamp, id) AS version, saved_at, text, "
               "stamp, vv FROM vision ORDER BY stamp, id"),
    ("goal", "SELECT id, area, text, created_at, dropped_at, stamp, vv FROM goals "
             "ORDER BY created_at, id"),
    ("step", "SELECT id, goal, text, created_at, dropped_at, item, stamp, vv FROM steps "
             "ORDER BY created_at, id"),
    ("step_done", "SELECT step, day, stamp, vv FROM steps_done ORDER BY day, step"),
    ("pause", "SELECT id, start AS \"from\", until, reason, created_at, stamp, vv FROM pauses "
              "ORDER BY start, id"),
    ("prompt", "SELECT slug, text, created_at, removed_at, stamp, vv FROM own_prompts "
               "ORDER BY created_at, slug"),
)


# a grave's table, as the record type the export names it by
RECORD_TYPES = {"items": "item", "entries": "entry", "marks": "mark", "settings": "setting",
                "support": "support", "letters": "letter", "vision": "vision", "goals": "goal",
                "steps": "step", "steps_done": "step_done", "pauses": "pause",
                "own_prompts": "prompt"}


def records(conn: sqlite3.Connection) -> Iterator[dict]:
    yield {"format": FORMAT, "version": VERSION,
           "exported_at": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
    for kind, sql in QUERIES:
        cursor = conn.execute(sql)
        keys = ("type", *(column[0] for column in cursor.description))
        for row in cursor:
            record = dict(zip(keys, (kind, *row), strict=True))
            if kind == "entry":
                record["starred"] = record["starred"] == 1  # true or false, as export writes
            elif kind == "gone":
                record["of"] = RECORD_TYPES[record["of"]]
                record["key"] = json.loads(record["key"])
            record["vv"] = dict(sorted(json.loads(record["vv"] or "{}").items()))
            yield record


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for record in records(conn):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    conn.close()


if __name__ == "__main__":
    main()
