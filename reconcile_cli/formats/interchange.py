"""The JSON Lines interchange format (a contract: see README), pure: records in, records out.

Line 1 is a header; then one object per line with a "type" of item, entry, mark, setting or
tombstone. Missing mood, prompt, note, deleted_at and retired_at keys mean null, so it can be
written by hand.

    {"type": "item", "slug": "no-begging", "label": "...", "kind": "restraint" | "action",
     "position": 1, "created_at": TIMESTAMP, "retired_at": TIMESTAMP | null}
    {"type": "entry", "id": UUID, "day": "YYYY-MM-DD", "created_at": TIMESTAMP,
     "updated_at": TIMESTAMP, "kind": "journal" | "gratitude" | "reflection",
     "prompt": SLUG | null, "mood": 1-10 | null, "body": "...", "deleted_at": TIMESTAMP | null,
     "starred": true | false (missing: false)}
    {"type": "mark", "day": "YYYY-MM-DD", "item": SLUG, "status": "kept" | "missed" | "skipped",
     "note": "..." | null, "updated_at": TIMESTAMP}
    {"type": "setting", "key": "day_starts_at", "value": "4"}
    {"type": "tombstone", "id": UUID, "deleted_at": TIMESTAMP}
    {"type": "support", "name": "...", "contact": "..." | null, "position": 1,
     "created_at": TIMESTAMP}

    {"type": "letter", "id": UUID, "day": "YYYY-MM-DD", "created_at": TIMESTAMP,
     "updated_at": TIMESTAMP, "to": "..." | null, "body": "...", "sealed_until": TIMESTAMP,
     "status": "waiting" | "kept" | "sent", "answer": "keep" | "rewrite" | "sent" | null,
     "offered_at": TIMESTAMP | null, "answered_at": TIMESTAMP | null}

    {"type": "vision", "id": UUID, "version": 1, "saved_at": TIMESTAMP, "text": "..."}
    {"type": "goal", "id": UUID, "area": "spiritual" | "physical" | "intellectual" |
     "relational" | "emotional", "text": "...", "created_at": TIMESTAMP,
     "dropped_at": TIMESTAMP | null}
    {"type": "step", "id": UUID, "goal": UUID, "text": "...", "created_at": TIMESTAMP,
     "dropped_at": TIMESTAMP | null, "item": SLUG | null (a daily step's checklist item)}
    {"type": "step_done", "step": UUID, "day": "YYYY-MM-DD"}
    {"type": "pause", "id": UUID, "from": "YYYY-MM-DD", "until": "YYYY-MM-DD",
     "reason": "..." | null, "created_at": TIMESTAMP}
    {"type": "prompt", "slug": SLUG, "text": "...", "created_at": TIMESTAMP,
     "removed_at": TIMESTAMP | null}   (a reflection question of the user's own)

An item may carry "kept_by": "gratitude" | "reflection" | "entry" (ticked by that act), and an
entry "edited_at": TIMESTAMP (when `edit` last changed it); when missing, the journal's own
value is kept.

A support line is a person on the user's own support list (named on a hard day). A letter is
one written into the drawer instead of being sent; a tombstone stands for one let go as well.

A tombstone is an entry deleted for good (its id and when, never its text): an import never adds
an entry that has one, and removes the entry if it is there. Every limit typing applies holds
on import too (1 MB an entry, 120 characters a label, days from 1900 to tomorrow...); settings that
name a program to run (editor) are never imported.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

from reconcile_cli.core.errors import BadRecord
from reconcile_cli.core.models import (
    Entry,
    Item,
    Mark,
    Tombstone,
)
from reconcile_cli.core.text import escape_controls_in_json
from reconcile_cli.formats.checks import CHECKS, no_lone_surrogates, shown

FORMAT, VERSION = "reconcile", 1


# --- out -----------------------------------------------------------------------------------------


def dumps(record: dict[str, Any]) -> str:
    return escape_controls_in_json(json.dumps(record, ensure_ascii=False))


def header(exported_at: str) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "exported_at": exported_at}


def item_record(item: Item) -> dict[str, Any]:
    return {"type": "item", "slug": item.slug, "label": item.label, "kind": item.kind,
            "position": item.position, "created_at": item.created_at,
            "retired_at": item.retired_at, "kept_by": item.kept_by}


def entry_record(entry: Entry) -> dict[str, Any]:
    return {"type": "entry", "id": entry.id, "day": entry.day, "created_at": entry.created_at,
            "updated_at": entry.updated_at, "kind": entry.kind, "prompt": entry.prompt,
            "mood": entry.mood, "body": entry.body, "deleted_at": entry.deleted_at,
            "starred": entry.starred, "edited_at": entry.edited_at}


def mark_record(mark: Mark) -> dict[str, Any]:
    return {"type": "mark", "day": mark.day, "item": mark.item, "status": mark.status,
            "note": mark.note, "updated_at": mark.updated_at}


def setting_record(key: str, value: str) -> dict[str, Any]:
    return {"type": "setting", "key": key, "value": value}


def tombstone_record(tombstone: Tombstone) -> dict[str, Any]:
    return {"type": "tombstone", "id": tombstone.id, "deleted_at": tombstone.deleted_at}


def parse(lines: Iterable[str], today: dt.date) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """(line number, type, checked record) for each line after the header; BadRecord on the
    first line that is wrong. Days after tomorrow (by ``today``) are refused."""
    numbered = enumerate(lines, start=1)
    for number, line in numbered:
        if line.strip():
            _check_header(number, _load(number, line))
            break
    else:
        raise BadRecord(1, "the file is empty; a reconcile export starts with a header line")
    for number, line in numbered:
        if not line.strip():
            continue
        record = _load(number, line)
        kind = record.get("type")
        if not isinstance(kind, str) or (check := CHECKS.get(kind)) is None:
            raise BadRecord(number, f"unknown type {shown(kind)} (expected item, entry, mark, "
                                    "setting, tombstone, support, letter, vision, goal, step, "
                                    "step_done, pause or prompt)")
        try:
            if "\\u" in line:  # only a \u escape can make a lone surrogate: check them all
                no_lone_surrogates(record)
            yield number, kind, check(record, today)
        except KeyError as exc:
            raise BadRecord(number, f"{kind}: missing field {exc}") from None
        except (TypeError, ValueError, OverflowError) as exc:
            raise BadRecord(number, f"{kind}: {exc}") from None


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _load(number: int, line: str) -> dict[str, Any]:
    try:
        record = json.loads(line, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise BadRecord(number, f"not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise BadRecord(number, "not valid JSON (nested too deeply)") from None
    except ValueError as exc:  # NaN, or a number with thousands of digits
        raise BadRecord(number, f"not valid JSON ({exc})") from None
    if not isinstance(record, dict):
        raise BadRecord(number, "expected a JSON object")
    return record


def _check_header(number: int, record: dict[str, Any]) -> None:
    if record.get("format") != FORMAT:
        raise BadRecord(number, "not a reconcile export (the header needs "
                                '"format": "reconcile")')
    if record.get("version") != VERSION:
        raise BadRecord(number, f"version {shown(record.get('version'))} is not one this "
                                f"reconcile reads (it reads version {VERSION})")


def letter_record(letter: Any) -> dict[str, Any]:
    return {"type": "letter", "id": letter.id, "day": letter.day,
            "created_at": letter.created_at, "updated_at": letter.updated_at,
            "to": letter.recipient, "body": letter.body, "sealed_until": letter.sealed_until,
            "status": letter.status, "answer": letter.answer, "offered_at": letter.offered_at,
            "answered_at": letter.answered_at}


def vision_record(saved: Any) -> dict[str, Any]:
    return {"type": "vision", "id": saved.id, "version": saved.version,
            "saved_at": saved.saved_at, "text": saved.text}


def pause_record(row: dict[str, Any]) -> dict[str, Any]:
    return {"type": "pause", "id": row["id"], "from": row["start"], "until": row["until"],
            "reason": row["reason"], "created_at": row["created_at"]}


def plain_record(kind: str) -> Any:
    """For the record kinds stored as plain dicts (goal, step, step_done)."""
    return lambda fields: {"type": kind, **fields}


def support_record(person: tuple[str, str | None, int, str]) -> dict[str, Any]:
    name, contact, position, created_at = person
    return {"type": "support", "name": name, "contact": contact, "position": position,
            "created_at": created_at}
