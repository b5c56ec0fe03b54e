"""The JSON Lines interchange format (a contract: see README), pure: records in, records out.

Line 1 is a header; then one object per line with a "type" of item, entry, mark or setting.
Missing mood, prompt, note, deleted_at and retired_at keys mean null, so it can be written by hand.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal, overload

from reconcile_cli.models import ENTRY_KINDS, ITEM_KINDS, STATUSES, Entry, Item, Mark

FORMAT, VERSION = "reconcile", 1
SLUG_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


class BadRecord(ValueError):
    """A line that cannot be imported; ``line`` is 1-based."""

    def __init__(self, line: int, reason: str):
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


# --- out -----------------------------------------------------------------------------------------


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def header(exported_at: str) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "exported_at": exported_at}


def item_record(item: Item) -> dict[str, Any]:
    return {"type": "item", "slug": item.slug, "label": item.label, "kind": item.kind,
            "position": item.position, "created_at": item.created_at,
            "retired_at": item.retired_at}


def entry_record(entry: Entry) -> dict[str, Any]:
    return {"type": "entry", "id": entry.id, "day": entry.day, "created_at": entry.created_at,
            "updated_at": entry.updated_at, "kind": entry.kind, "prompt": entry.prompt,
            "mood": entry.mood, "body": entry.body, "deleted_at": entry.deleted_at}


def mark_record(mark: Mark) -> dict[str, Any]:
    return {"type": "mark", "day": mark.day, "item": mark.item, "status": mark.status,
            "note": mark.note, "updated_at": mark.updated_at}


def setting_record(key: str, value: str) -> dict[str, Any]:
    return {"type": "setting", "key": key, "value": value}


# --- in ------------------------------------------------------------------------------------------


def parse(lines: Iterable[str]) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """(line number, type, checked record) for each line after the header; BadRecord on the
    first line that is wrong."""
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
            raise BadRecord(number, f"unknown type {kind!r} (expected item, entry, mark or "
                                    "setting)")
        try:
            yield number, kind, check(record)
        except (KeyError, TypeError, ValueError) as exc:
            reason = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            raise BadRecord(number, f"{kind}: {reason}") from None


def _load(number: int, line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadRecord(number, f"not valid JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise BadRecord(number, "expected a JSON object")
    return record


def _check_header(number: int, record: dict[str, Any]) -> None:
    if record.get("format") != FORMAT:
        raise BadRecord(number, "not a reconcile export (the header needs "
                                '"format": "reconcile")')
    if record.get("version") != VERSION:
        raise BadRecord(number, f"version {record.get('version')!r} is not one this reconcile "
                                f"reads (it reads version {VERSION})")


@overload
def _text(record: dict[str, Any], key: str, *, optional: Literal[False] = False) -> str: ...
@overload
def _text(record: dict[str, Any], key: str, *, optional: bool) -> str | None: ...
def _text(record: dict[str, Any], key: str, *, optional: bool = False) -> str | None:
    value = record.get(key) if optional else record[key]
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{key} must be text")
    return value


def _day(record: dict[str, Any], key: str = "day") -> str:
    value = _text(record, key)
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise ValueError(f"'{value}' is not a date (YYYY-MM-DD)")


def _moment(record: dict[str, Any], key: str, *, optional: bool = False) -> str | None:
    value = _text(record, key, optional=optional)
    if value is not None:
        instant(value)
    return value


def instant(value: str) -> dt.datetime:
    """An ISO 8601 timestamp as an aware datetime (naive ones are taken as local time)."""
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"'{value}' is not an ISO 8601 timestamp") from None
    return moment if moment.tzinfo else moment.astimezone()


def _one_of(record: dict[str, Any], key: str, allowed: tuple[str, ...]) -> str:
    value = _text(record, key)
    if value not in allowed:
        raise ValueError(f"{key} must be one of {', '.join(allowed)}, not '{value}'")
    return value


def _slug(record: dict[str, Any], key: str) -> str:
    value = _text(record, key)
    if not value or set(value) - SLUG_CHARACTERS or value.startswith("-"):
        raise ValueError(f"'{value}' is not an item slug (lowercase letters, digits, hyphens)")
    return value


def check_item(record: dict[str, Any]) -> dict[str, Any]:
    position = record["position"]
    if not isinstance(position, int) or isinstance(position, bool):
        raise ValueError("position must be a whole number")
    label = _text(record, "label")
    if not label.strip():
        raise ValueError("label cannot be empty")
    return {"slug": _slug(record, "slug"), "label": label,
            "kind": _one_of(record, "kind", ITEM_KINDS), "position": position,
            "created_at": _moment(record, "created_at"),
            "retired_at": _moment(record, "retired_at", optional=True)}


def check_entry(record: dict[str, Any]) -> dict[str, Any]:
    mood = record.get("mood")
    if mood is not None and (not isinstance(mood, int) or isinstance(mood, bool)
                             or not 1 <= mood <= 10):
        raise ValueError(f"mood must be a whole number from 1 to 10, not {mood!r}")
    entry_id = _text(record, "id")
    if not entry_id or len(entry_id) > 100:
        raise ValueError("id must be 1 to 100 characters")
    body = _text(record, "body", optional=True) or ""
    if not body and mood is None:
        raise ValueError("an entry needs a body, a mood, or both")
    return {"id": entry_id, "day": _day(record), "created_at": _moment(record, "created_at"),
            "updated_at": _moment(record, "updated_at"),
            "kind": _one_of(record, "kind", ENTRY_KINDS),
            "prompt": _text(record, "prompt", optional=True), "mood": mood, "body": body,
            "deleted_at": _moment(record, "deleted_at", optional=True)}


def check_mark(record: dict[str, Any]) -> dict[str, Any]:
    return {"day": _day(record), "item": _slug(record, "item"),
            "status": _one_of(record, "status", STATUSES),
            "note": _text(record, "note", optional=True),
            "updated_at": _moment(record, "updated_at")}


def check_setting(record: dict[str, Any]) -> dict[str, Any]:
    from reconcile_cli.errors import InvalidInput
    from reconcile_cli.settings import validate

    key, value = _text(record, "key"), _text(record, "value")
    try:
        return {"key": key, "value": validate(key, value)}
    except InvalidInput as exc:
        raise ValueError(exc.message) from None


CHECKS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "item": check_item, "entry": check_entry, "mark": check_mark, "setting": check_setting}


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
