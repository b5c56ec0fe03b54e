"""Each record of the interchange format checked field by field, with every limit typing has
(1 MB an entry, 120 characters a label, days from 1900 to tomorrow...): a value from a file is
hostile until it has passed here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Literal, overload

from reconcile_cli.core.checklist import KEPT_BY_ACTS
from reconcile_cli.core.dates import instant
from reconcile_cli.core.kinds import ENTRY_KINDS, ITEM_KINDS, STATUSES
from reconcile_cli.core.limits import MAX_ENTRY_BYTES, MAX_LABEL, MAX_NOTE, is_slug
from reconcile_cli.core.settings import MOST_COOLING_HOURS

MAX_PROMPT = 200  # characters of a reflection prompt's slug
MAX_POSITION = 10_000
EARLIEST = dt.date(1900, 1, 1)
EXAMPLE_ID = "7d1c0c9e-5a7b-4c1e-9f7e-2b6a1d3c4e5f"


def shown(value: object, limit: int = 40) -> str:
    """A value from a file, quoted and cut short, for a message."""
    if not isinstance(value, str):
        text = json.dumps(value)
        return text[:limit] + ("…" if len(text) > limit else "")
    return repr(value[:limit] + ("…" if len(value) > limit else ""))


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


def no_lone_surrogates(record: dict[str, Any]) -> None:
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
    checked = {"slug": check_slug(_text(record, "slug")), "label": label,
               "kind": _one_of(record, "kind", ITEM_KINDS), "position": position,
               "created_at": _moment(record, "created_at"),
               "retired_at": _moment(record, "retired_at", optional=True)}
    # Present only when the file has it: an older export, without it, leaves it as it is here.
    if record.get("kept_by") is not None:
        checked["kept_by"] = _one_of(record, "kept_by", KEPT_BY_ACTS)
    return checked


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
    checked = {"id": entry_id, "day": _day(record, today),
               "created_at": _moment(record, "created_at"),
               "updated_at": _moment(record, "updated_at"),
               "kind": _one_of(record, "kind", ENTRY_KINDS),
               "prompt": _text(record, "prompt", optional=True, most=MAX_PROMPT), "mood": mood,
               "body": body, "deleted_at": _moment(record, "deleted_at", optional=True),
               "starred": _flag(record, "starred"),
               "zone": _zone(record),
               "copy_of": _text(record, "copy_of", optional=True, most=200)}
    if record.get("edited_at") is not None:  # as kept_by: only when the file has it
        checked["edited_at"] = _moment(record, "edited_at")
    return checked


ZONE = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,3}\Z")


def _zone(record: dict[str, Any]) -> str | None:
    """The IANA time zone an entry was written in (a name, checked for its shape only)."""
    zone = _text(record, "zone", optional=True, most=64)
    if zone is not None and not ZONE.match(zone):
        raise ValueError(f"zone {shown(zone)} is not a time zone name (like Europe/Berlin)")
    return zone


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
    created, sealed_until = _moment(record, "created_at"), _moment(record, "sealed_until")
    if instant(sealed_until) - instant(created) > dt.timedelta(hours=MOST_COOLING_HOURS):
        raise ValueError(f"sealed_until is more than {MOST_COOLING_HOURS} hours after "
                         "created_at")
    return {"id": check_entry_id(record["id"]), "day": _day(record, today),
            "created_at": created, "updated_at": _moment(record, "updated_at"),
            "recipient": _text(record, "to", optional=True, most=120), "body": body,
            "sealed_until": sealed_until,
            "status": _one_of(record, "status", LETTER_STATUSES), "answer": answer,
            "offered_at": _moment(record, "offered_at", optional=True),
            "answered_at": _moment(record, "answered_at", optional=True)}


def check_vision(record: dict[str, Any], today: dt.date) -> dict[str, Any]:
    text = _text(record, "text")
    if not text.strip() or len(text.encode("utf-8")) > MAX_ENTRY_BYTES:
        raise ValueError("a version of the vision holds between one character and 1 MB")
    return {"id": check_entry_id(record["id"]), "version": _whole(record, "version", 1, 100_000),
            "saved_at": _moment(record, "saved_at"), "text": text}


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


def check_prompt(record: dict[str, Any], today: dt.date) -> dict[str, Any]:
    from reconcile_cli.core.prompts import BY_SLUG

    slug = check_slug(_text(record, "slug", most=60))
    if slug in BY_SLUG:
        raise ValueError(f"{shown(slug)} is the name of a built-in question")
    return {"slug": slug, "text": _text(record, "text", most=500).strip() or _empty("text"),
            "created_at": _moment(record, "created_at"),
            "removed_at": _moment(record, "removed_at", optional=True)}


def _empty(key: str) -> str:
    raise ValueError(f"{key} cannot be empty")


STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\+\d{4}@[0-9a-z]{1,16}\Z")
MAX_DEVICES = 256  # computers one record's vector may name


def check_stamp(value: object, what: str = "stamp") -> str:
    """A change's stamp (journal/clock.py): its time, counter and computer."""
    if not isinstance(value, str) or not STAMP.match(value):
        raise ValueError(f"{what} {shown(value)} is not a stamp "
                         "(like 2026-11-22T20:03:00.000Z+0000@3f2a9c1e)")
    return value


def check_vv(value: object) -> dict[str, str]:
    """A version vector: each computer, and the stamp of its latest change seen."""
    if not isinstance(value, dict) or len(value) > MAX_DEVICES:
        raise ValueError(f"vv must be an object of at most {MAX_DEVICES} computers")
    for device, stamp in value.items():
        if check_stamp(stamp, "vv").rpartition("@")[2] != device:
            raise ValueError(f"vv names {shown(device)} with another computer's stamp")
    return dict(value)


def check_stamped(record: dict[str, Any]) -> dict[str, Any]:
    """The stamp and vector of a version 2 record ({} for version 1, which has neither)."""
    if record.get("stamp") is None:
        return {}
    stamp = check_stamp(record["stamp"])
    vv = check_vv(record.get("vv", {}))
    return {"stamp": stamp, "vv": vv}


KEY_CHECKS: dict[str, tuple[tuple[str, Any], ...]] = {
    "item": (("slug", check_slug),), "entry": (("id", check_entry_id),),
    "mark": (("day", None), ("item", check_slug)), "setting": (("key", None),),
    "support": (("name", None),), "letter": (("id", check_entry_id),),
    "vision": (("id", check_entry_id),), "goal": (("id", check_entry_id),),
    "step": (("id", check_entry_id),), "step_done": (("step", check_entry_id), ("day", None)),
    "pause": (("id", check_entry_id),), "prompt": (("slug", check_slug),),
}


def check_gone(record: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """A record deleted: which, by its key, and the stamp and vector of its deletion."""
    of = _one_of(record, "of", tuple(KEY_CHECKS))
    key = record["key"]
    if not isinstance(key, dict) or set(key) != {name for name, _ in KEY_CHECKS[of]}:
        raise ValueError(f"the key of a gone {of} must hold "
                         f"{', '.join(name for name, _ in KEY_CHECKS[of])}")
    checked: dict[str, Any] = {}
    for name, check in KEY_CHECKS[of]:
        value = key[name]
        if not isinstance(value, str) or len(value) > 200:
            raise ValueError(f"{name} must be text")
        checked[name] = (check(value) if check else
                         check_day(value, today + dt.timedelta(days=60)) if name == "day"
                         else value)
    return {"of": of, "key": checked, "stamp": check_stamp(record["stamp"]),
            "vv": check_vv(record.get("vv", {}))}


CHECKS = {"item": check_item, "entry": check_entry, "mark": check_mark,
          "setting": check_setting, "tombstone": check_tombstone, "support": check_support,
          "letter": check_letter, "vision": check_vision, "goal": check_goal,
          "step": check_step, "step_done": check_step_done, "pause": check_pause,
          "gone": check_gone, "prompt": check_prompt}
