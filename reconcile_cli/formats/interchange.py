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
from typing import Any, Literal, overload

from reconcile_cli.core.limits import MAX_ENTRY_BYTES, MAX_LABEL, MAX_NOTE, is_slug
from reconcile_cli.core.models import (
    ENTRY_KINDS,
    ITEM_KINDS,
    STATUSES,
    Entry,
    Item,
    Mark,
    Tombstone,
)
from reconcile_cli.core.text import escape_controls_in_json

FORMAT, VERSION = "reconcile", 1


class BadRecord(ValueError):
    """A record that cannot be imported; ``line`` is 1-based, and ``unit`` says what it counts
    (lines of a file, or entries of a jrnl export)."""

    def __init__(self, line: int, reason: str, unit: str = "line"):
        super().__init__(f"{unit} {line}: {reason}")
        self.line = line
        self.reason = reason


# --- out -----------------------------------------------------------------------------------------


def dumps(record: dict[str, Any]) -> str:
    return escape_controls_in_json(json.dumps(record, ensure_ascii=False))


def header(exported_at: str) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "exported_at": exported_at}


def item_record(item: Item) -> dict[str, Any]:
    return {"type": "item", "slug": item.slug, "label": item.label, "kind": item.kind,
            "position": item.position, "created_at": item.created_at,
            "retired_at": item.retired_at}


def entry_record(entry: Entry) -> dict[str, Any]:
    return {"type": "entry", "id": entry.id, "day": entry.day, "created_at": entry.created_at,
            "updated_at": entry.updated_at, "kind": entry.kind, "prompt": entry.prompt,
            "mood": entry.mood, "body": entry.body, "deleted_at": entry.deleted_at,
            "starred": entry.starred}


def mark_record(mark: Mark) -> dict[str, Any]:
    return {"type": "mark", "day": mark.day, "item": mark.item, "status": mark.status,
            "note": mark.note, "updated_at": mark.updated_at}


def setting_record(key: str, value: str) -> dict[str, Any]:
    return {"type": "setting", "key": key, "value": value}


def tombstone_record(tombstone: Tombstone) -> dict[str, Any]:
    return {"type": "tombstone", "id": tombstone.id, "deleted_at": tombstone.deleted_at}


# --- in ------------------------------------------------------------------------------------------

MAX_PROMPT = 200  # characters of a reflection prompt's slug
MAX_POSITION = 10_000
EARLIEST = dt.date(1900, 1, 1)
EXAMPLE_ID = "7d1c0c9e-5a7b-4c1e-9f7e-2b6a1d3c4e5f"


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
                                    "step_done or pause)")
        try:
            if "\\u" in line:  # only a \u escape can make a lone surrogate: check them all
                _no_lone_surrogates(record)
            yield number, kind, check(record, today)
        except KeyError as exc:
            raise BadRecord(number, f"{kind}: missing field {exc}") from None
        except (TypeError, ValueError, OverflowError) as exc:
            raise BadRecord(number, f"{kind}: {exc}") from None


def shown(value: object, limit: int = 40) -> str:
    """A value from a file, quoted and cut short, for a message."""
    if not isinstance(value, str):
        text = json.dumps(value)
        return text[:limit] + ("…" if len(text) > limit else "")
    return repr(value[:limit] + ("…" if len(value) > limit else ""))


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


@overload
def _text(record: dict[str, Any], key: str, *, optional: Literal[False] = False,
          most: int | None = None) -> str: ...
@overload
def _text(record: dict[str, Any], key: str, *, optional: bool,
          most: int | None = None) -> str | None: ...
def _text(record: dict[str, Any], key: str, *, optional: bool = False,
          most: int | None = None) -> str | None:
    value = record.get(key) if optional else record[key]
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{key} must be text")
    if most is not None and len(value) > most:
        raise ValueError(f"{key} is at most {most:,} characters")
    return value


def _no_lone_surrogates(record: dict[str, Any]) -> None:
    """Text from a line is valid UTF-8, but a \\ud800 escape decodes to a lone surrogate,
    which no file or terminal can hold."""
    for key, value in record.items():
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError(f"{key} holds characters that are not valid Unicode") from None


def check_day(value: str, today: dt.date, what: str = "day") -> str:
    """A YYYY-MM-DD day from 1900 to tomorrow (tomorrow: another time zone's today)."""
    try:
        day = dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise ValueError(f"{shown(value)} is not a date (YYYY-MM-DD)")
    if day < EARLIEST:
        raise ValueError(f"{what} {value} is before 1900")
    if day > today + dt.timedelta(days=1):
        raise ValueError(f"{what} {value} is after tomorrow")
    return day.isoformat()


def _day(record: dict[str, Any], today: dt.date, key: str = "day") -> str:
    return check_day(_text(record, key), today)


@overload
def _moment(record: dict[str, Any], key: str, *, optional: Literal[False] = False) -> str: ...
@overload
def _moment(record: dict[str, Any], key: str, *, optional: bool) -> str | None: ...
def _moment(record: dict[str, Any], key: str, *, optional: bool = False) -> str | None:
    value = _text(record, key, optional=optional, most=40)
    if value is not None:
        moment = instant(value)
        if moment.year < EARLIEST.year:
            raise ValueError(f"{key} {shown(value)} is before 1900")
    return value


def instant(value: str) -> dt.datetime:
    """An ISO 8601 timestamp as an aware datetime (naive ones are taken as local time)."""
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return moment if moment.tzinfo else moment.astimezone()
    except (ValueError, OverflowError, OSError):
        raise ValueError(f"{shown(value)} is not an ISO 8601 timestamp") from None


def _one_of(record: dict[str, Any], key: str, allowed: tuple[str, ...]) -> str:
    value = _text(record, key)
    if value not in allowed:
        raise ValueError(f"{key} must be one of {', '.join(allowed)}, not {shown(value)}")
    return value


def _whole(record: dict[str, Any], key: str, low: int, high: int) -> int:
    value = record[key]
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError(f"{key} must be a whole number from {low} to {high}")
    return value


def check_slug(value: str) -> str:
    if not is_slug(value):
        raise ValueError(f"{shown(value)} is not an item slug (lowercase letters and digits, "
                         "joined by single hyphens)")
    return value


def check_entry_id(value: object) -> str:
    """An entry id: a UUID, stored in its usual lowercase, hyphenated spelling."""
    import uuid

    try:
        if isinstance(value, str) and len(value) <= 45:
            return str(uuid.UUID(value))
    except ValueError:
        pass
    raise ValueError(f"id {shown(value)} is not an entry id (a UUID like {EXAMPLE_ID})")


def check_item(record: dict[str, Any], today: dt.date) -> dict[str, Any]:
    position = _whole(record, "position", 1, MAX_POSITION)
    label = _text(record, "label")
    if not label.strip():
        raise ValueError("label cannot be empty")
    if len(label) > MAX_LABEL:
        raise ValueError(f"a label is at most {MAX_LABEL} characters")
    return {"slug": check_slug(_text(record, "slug")), "label": label,
            "kind": _one_of(record, "kind", ITEM_KINDS), "position": position,
            "created_at": _moment(record, "created_at"),
            "retired_at": _moment(record, "retired_at", optional=True)}


def check_entry(record: dict[str, Any], today: dt.date) -> dict[str, Any]:
    mood = record.get("mood")
    if mood is not None and (not isinstance(mood, int) or isinstance(mood, bool)
                             or not 1 <= mood <= 10):
        raise ValueError(f"mood must be a whole number from 1 to 10, not {shown(mood)}")
    entry_id = check_entry_id(record["id"])
    body = _text(record, "body", optional=True) or ""
    if len(body) > MAX_ENTRY_BYTES or len(body.encode("utf-8")) > MAX_ENTRY_BYTES:
        raise ValueError("the text is larger than 1 MB, the most one entry can hold")
    if not body and mood is None:
        raise ValueError("an entry needs a body, a mood, or both")
    return {"id": entry_id, "day": _day(record, today),
            "created_at": _moment(record, "created_at"),
            "updated_at": _moment(record, "updated_at"),
            "kind": _one_of(record, "kind", ENTRY_KINDS),
            "prompt": _text(record, "prompt", optional=True, most=MAX_PROMPT), "mood": mood,
            "body": body, "deleted_at": _moment(record, "deleted_at", optional=True),
            "starred": _flag(record, "starred")}


def _flag(record: dict[str, Any], key: str) -> bool:
    value = record.get(key, False)
    if not isinstance(value, bool):
        raise ValueError(f"{key} must be true or false, not {shown(value)}")
    return value


def check_mark(record: dict[str, Any], today: dt.date) -> dict[str, Any]:
    note = _text(record, "note", optional=True)
    if note is not None and len(note) > MAX_NOTE:
        raise ValueError(f"a note is at most {MAX_NOTE} characters")
    return {"day": _day(record, today), "item": check_slug(_text(record, "item")),
            "status": _one_of(record, "status", STATUSES), "note": note,
            "updated_at": _moment(record, "updated_at")}


def check_setting(record: dict[str, Any], today: dt.date) -> dict[str, Any]:
    from reconcile_cli.core.errors import InvalidInput
    from reconcile_cli.core.settings import validate

    key, value = _text(record, "key", most=60), _text(record, "value", most=1000)
    try:
        return {"key": key, "value": validate(key, value, today)}
    except InvalidInput as exc:
        raise ValueError(exc.message.rstrip(".")) from None


def check_tombstone(record: dict[str, Any], today: dt.date) -> dict[str, Any]:
    return {"id": check_entry_id(record["id"]), "deleted_at": _moment(record, "deleted_at")}


def check_support(record: dict[str, Any], today: dt.date) -> dict[str, Any]:
    name = _text(record, "name", most=120).strip()
    if not name:
        raise ValueError("a name on the support list cannot be empty")
    return {"name": name, "contact": _text(record, "contact", optional=True, most=200),
            "position": _whole(record, "position", 1, 10_000),
            "created_at": _moment(record, "created_at")}


LETTER_STATUSES = ("waiting", "kept", "sent")
LETTER_ANSWERS = ("keep", "rewrite", "sent")


def check_letter(record: dict[str, Any], today: dt.date) -> dict[str, Any]:
    body = _text(record, "body")
    if not body.strip() or len(body.encode("utf-8")) > MAX_ENTRY_BYTES:
        raise ValueError("a letter holds between one character and 1 MB")
    answer = record.get("answer")
    if answer is not None and answer not in LETTER_ANSWERS:
        raise ValueError(f"answer must be one of {', '.join(LETTER_ANSWERS)} or null")
    return {"id": check_entry_id(record["id"]), "day": _day(record, today),
            "created_at": _moment(record, "created_at"),
            "updated_at": _moment(record, "updated_at"),
            "recipient": _text(record, "to", optional=True, most=120), "body": body,
            "sealed_until": _moment(record, "sealed_until"),
            "status": _one_of(record, "status", LETTER_STATUSES), "answer": answer,
            "offered_at": _moment(record, "offered_at", optional=True),
            "answered_at": _moment(record, "answered_at", optional=True)}


def letter_record(letter: Any) -> dict[str, Any]:
    return {"type": "letter", "id": letter.id, "day": letter.day,
            "created_at": letter.created_at, "updated_at": letter.updated_at,
            "to": letter.recipient, "body": letter.body, "sealed_until": letter.sealed_until,
            "status": letter.status, "answer": letter.answer, "offered_at": letter.offered_at,
            "answered_at": letter.answered_at}


def check_vision(record: dict[str, Any], today: dt.date) -> dict[str, Any]:
    text = _text(record, "text")
    if not text.strip() or len(text.encode("utf-8")) > MAX_ENTRY_BYTES:
        raise ValueError("a version of the vision holds between one character and 1 MB")
    return {"id": check_entry_id(record["id"]), "version": _whole(record, "version", 1, 100_000),
            "saved_at": _moment(record, "saved_at"), "text": text}


def vision_record(saved: Any) -> dict[str, Any]:
    return {"type": "vision", "id": saved.id, "version": saved.version,
            "saved_at": saved.saved_at, "text": saved.text}


def check_goal(record: dict[str, Any], today: dt.date) -> dict[str, Any]:
    from reconcile_cli.core.kinds import GOAL_AREAS

    return {"id": check_entry_id(record["id"]), "area": _one_of(record, "area", GOAL_AREAS),
            "text": _text(record, "text", most=500).strip() or _empty("text"),
            "created_at": _moment(record, "created_at"),
            "dropped_at": _moment(record, "dropped_at", optional=True)}


def check_step(record: dict[str, Any], today: dt.date) -> dict[str, Any]:
    item = _text(record, "item", optional=True)
    return {"id": check_entry_id(record["id"]), "goal": check_entry_id(record["goal"]),
            "text": _text(record, "text", most=500) or _empty("text"),
            "created_at": _moment(record, "created_at"),
            "dropped_at": _moment(record, "dropped_at", optional=True),
            "item": check_slug(item) if item is not None else None}


def check_step_done(record: dict[str, Any], today: dt.date) -> dict[str, Any]:
    return {"step": check_entry_id(record["step"]), "day": _day(record, today)}


def check_pause(record: dict[str, Any], today: dt.date) -> dict[str, Any]:
    start = check_day(_text(record, "from"), today + dt.timedelta(days=60), "from")
    until = check_day(_text(record, "until"), today + dt.timedelta(days=60), "until")
    if until < start:
        raise ValueError("a pause's until is before its from")
    reason = _text(record, "reason", optional=True, most=200)
    return {"id": check_entry_id(record["id"]), "start": start, "until": until,
            "reason": reason, "created_at": _moment(record, "created_at")}


def pause_record(row: dict[str, Any]) -> dict[str, Any]:
    return {"type": "pause", "id": row["id"], "from": row["start"], "until": row["until"],
            "reason": row["reason"], "created_at": row["created_at"]}


def _empty(key: str) -> str:
    raise ValueError(f"{key} cannot be empty")


def plain_record(kind: str) -> Any:
    """For the record kinds stored as plain dicts (goal, step, step_done)."""
    return lambda fields: {"type": kind, **fields}


def support_record(person: tuple[str, str | None, int, str]) -> dict[str, Any]:
    name, contact, position, created_at = person
    return {"type": "support", "name": name, "contact": contact, "position": position,
            "created_at": created_at}


CHECKS = {"item": check_item, "entry": check_entry, "mark": check_mark,
          "setting": check_setting, "tombstone": check_tombstone, "support": check_support,
          "letter": check_letter, "vision": check_vision, "goal": check_goal,
          "step": check_step, "step_done": check_step_done, "pause": check_pause}


# --- merging -------------------------------------------------------------------------------------


def resolve(existing: dict[str, Any] | None, incoming: dict[str, Any], stamp: str | None) -> str:
    """What a merge does with one record: "added", "updated" or "unchanged".

    Where both sides have a record, the later ``stamp`` (updated_at) wins; on a tie, or for
    records without one, the incoming side wins, so that importing A into B and then B into A
    leaves both the same.
    """
    if existing is None:
        return "added"
    if all(existing.get(key) == value for key, value in incoming.items()):
        return "unchanged"
    if stamp is not None and instant(existing[stamp]) > instant(incoming[stamp]):
        return "unchanged"
    return "updated"
