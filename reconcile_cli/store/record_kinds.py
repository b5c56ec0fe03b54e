"""What each kind of record that travels between journals is: its table, its key, the columns
it carries, and the field whose words a merge must never lose. Read by the export and the sync
folder's writer as well as by the merge (merge.py), so kept apart and light.
"""

from __future__ import annotations

import json
import re
from typing import Any


class Kind:
    """A plain class, not a NamedTuple: this module is on the path of every command that writes
    to a sync folder, and making a NamedTuple class costs half a millisecond."""

    __slots__ = ("table", "keys", "columns", "words")

    def __init__(self, table: str, keys: tuple[str, ...], columns: tuple[str, ...],
                 words: str | None = None):
        self.table = table
        self.keys = keys
        self.columns = columns  # the columns a record carries, keys first (stamp and vv apart)
        self.words = words  # the field whose words a losing version must not lose


KINDS = {
    "item": Kind("items", ("slug",), ("slug", "label", "kind", "position", "created_at",
                                      "retired_at", "kept_by")),
    "entry": Kind("entries", ("id",), ("id", "day", "created_at", "updated_at", "kind", "prompt",
                                       "mood", "body", "deleted_at", "starred", "zone",
                                       "copy_of", "edited_at"), "body"),
    "mark": Kind("marks", ("day", "item"), ("day", "item", "status", "note", "updated_at"),
                 "note"),
    "setting": Kind("settings", ("key",), ("key", "value")),
    "support": Kind("support", ("name",), ("name", "contact", "position", "created_at"),
                    "contact"),
    "letter": Kind("letters", ("id",), ("id", "day", "created_at", "updated_at", "recipient",
                                        "body", "sealed_until", "status", "answer", "offered_at",
                                        "answered_at")),
    "vision": Kind("vision", ("id",), ("id", "saved_at", "text")),
    "goal": Kind("goals", ("id",), ("id", "area", "text", "created_at", "dropped_at")),
    "step": Kind("steps", ("id",), ("id", "goal", "text", "created_at", "dropped_at", "item")),
    "step_done": Kind("steps_done", ("step", "day"), ("step", "day")),
    "pause": Kind("pauses", ("id",), ("id", "start", "until", "reason", "created_at")),
    "prompt": Kind("own_prompts", ("slug",), ("slug", "text", "created_at", "removed_at"),
                   "text"),
}
BY_TABLE = {kind.table: name for name, kind in KINDS.items()}


_PLAIN = re.compile(r"[A-Za-z0-9:.+-]*")  # needs no escaping in JSON: ids, days, slugs


def key_text(kind: Kind, fields: dict[str, Any]) -> str:
    """A record's key as the triggers write it (SQLite's json_object of the key columns)."""
    values = [fields[column] for column in kind.keys]
    if all(type(value) is str and _PLAIN.fullmatch(value) for value in values):
        # the common case, a few times faster than json.dumps when an import has many rows
        return "{" + ",".join(f'"{column}":"{value}"'
                              for column, value in zip(kind.keys, values, strict=True)) + "}"
    return json.dumps(dict(zip(kind.keys, values, strict=True)), ensure_ascii=False,
                      separators=(",", ":"))
