"""The JSON Lines interchange format (a contract: see README), pure: records in, records out.

Line 1 is a header; then one object per line with a "type". Version 2 (written since sync came)
gives every record the ``stamp`` of the change that made it and the version vector ``vv`` of
what it had seen (journal/clock.py), and writes what was deleted as "gone" records; version 1
files (no stamps, "tombstone" records) are still read, their stamps taken from their own times.
Missing mood, prompt, note, deleted_at, retired_at and copy_of keys mean null, so a file can be
written by hand.

    {"type": "item", "slug": "no-begging", "label": "...", "kind": "restraint" | "action",
     "position": 1, "created_at": TIMESTAMP, "retired_at": TIMESTAMP | null}
    {"type": "entry", "id": UUID, "day": "YYYY-MM-DD", "created_at": TIMESTAMP,
     "updated_at": TIMESTAMP, "kind": "journal" | "gratitude" | "reflection",
     "prompt": SLUG | null, "mood": 1-10 | null, "body": "...", "deleted_at": TIMESTAMP | null,
     "starred": true | false (missing: false), "zone": "Europe/Berlin" | null (where it was
     written), "copy_of": UUID | "note DAY ITEM" | "support NAME" | null (a conflicting copy: of
     what)}
    {"type": "mark", "day": "YYYY-MM-DD", "item": SLUG, "status": "kept" | "missed" | "skipped",
     "note": "..." | null, "updated_at": TIMESTAMP}
    {"type": "setting", "key": "day_starts_at", "value": "4"}
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
    {"type": "gone", "of": TYPE, "key": {the record's key fields}, "stamp": STAMP, "vv": {...}}

each (version 2) ending in "stamp": STAMP, "vv": {DEVICE: STAMP, ...}.

An item may carry "kept_by": "gratitude" | "reflection" | "entry" (ticked by that act), and an
entry "edited_at": TIMESTAMP (when `edit` last changed it); when missing, the journal's own
value is kept.

A "gone" record stands for a record deleted: an entry deleted for good or a letter let go (its
id, never its words), a pause removed, an answer cleared. It keeps a copy stamped before it from
coming back; a change stamped after it brings the record back. Version numbers of the vision
are given by the order of the versions' stamps. Every limit typing applies holds on import too
(1 MB an entry, 120 characters a label, days from 1900 to tomorrow...); settings that name a
program to run (editor) are never imported.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

from reconcile_cli.core.errors import BadRecord
from reconcile_cli.core.text import escape_controls_in_json

FORMAT, VERSION = "reconcile", 2
READS = (1, 2)  # the versions this reconcile reads


# --- out -----------------------------------------------------------------------------------------


def dumps(record: dict[str, Any]) -> str:
    return escape_controls_in_json(json.dumps(record, ensure_ascii=False))


def header(exported_at: str) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "exported_at": exported_at}


# --- in ------------------------------------------------------------------------------------------


def parse(lines: Iterable[str], today: dt.date) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """(line number, type, checked record) for each line after the header; BadRecord on the
    first line that is wrong. Days after tomorrow (by ``today``) are refused."""
    # here, not above: writing (a command's changes to the sync folder) needs none of it
    from reconcile_cli.formats.checks import CHECKS, check_stamped, no_lone_surrogates, shown

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
                                    "setting, support, letter, vision, goal, step, step_done, "
                                    "pause, prompt, gone or tombstone)")
        try:
            if "\\u" in line:  # only a \u escape can make a lone surrogate: check them all
                no_lone_surrogates(record)
            checked = check(record, today)
            if kind != "gone":
                checked.update(check_stamped(record))
            yield number, kind, checked
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
    from reconcile_cli.formats.checks import shown

    if record.get("format") != FORMAT:
        raise BadRecord(number, "not a reconcile export (the header needs "
                                '"format": "reconcile")')
    if record.get("version") not in READS:
        raise BadRecord(number, f"version {shown(record.get('version'))} is not one this "
                                f"reconcile reads (it reads versions 1 and {VERSION})")
