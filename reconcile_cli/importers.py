"""Reading other tools' exports (and our own JSON Lines) as checked records. Pure, stdlib only.

Every importer yields (position, kind, record) where position is the line (or entry) number a
problem is reported at, and raises interchange.BadRecord for what it cannot take.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
from collections.abc import Iterator
from typing import Any, BinaryIO

from reconcile_cli.interchange import BadRecord, parse

# Ids derived from content, so importing the same export twice adds nothing the second time.
NAMESPACE = uuid.UUID("6f1b7a52-3c0e-4d7c-9a51-2f4b8e9d0c11")
DEFAULT_MOOD_MAP = "rad=9,good=7,meh=5,bad=3,awful=1"

# (position, kind, checked record) for each record read.
Records = Iterator[tuple[int, str, dict[str, Any]]]


def read(fmt: str, source: BinaryIO, mood_map: str = DEFAULT_MOOD_MAP) -> Records:
    if fmt == "jsonl":
        return read_jsonl(source)
    if fmt == "jrnl":
        return read_jrnl(source)
    return read_daylio(source, parse_mood_map(mood_map))


def _lines(source: BinaryIO) -> Iterator[str]:
    for number, raw in enumerate(source, start=1):
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BadRecord(number, "not valid UTF-8") from None


def read_jsonl(source: BinaryIO) -> Records:
    return parse(_lines(source))


def _local_stamp(day: str, clock: str) -> str:
    moment = dt.datetime.fromisoformat(f"{day}T{clock}").astimezone()
    return moment.isoformat(timespec="seconds")


def _entry(day: str, stamp: str, body: str, mood: int | None, source: str) -> dict[str, Any]:
    return {"id": str(uuid.uuid5(NAMESPACE, f"{source}\n{stamp}\n{mood}\n{body}")), "day": day,
            "created_at": stamp, "updated_at": stamp, "kind": "journal", "prompt": None,
            "mood": mood, "body": body, "deleted_at": None}


def read_jrnl(source: BinaryIO) -> Records:
    """`jrnl --format json`: title and body become the text (tags stay in it)."""
    try:
        data = json.loads(source.read().decode("utf-8"))
        entries = data["entries"]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError):
        raise BadRecord(1, "not the JSON that `jrnl --format json` writes") from None
    for number, entry in enumerate(entries, start=1):
        try:
            day = dt.date.fromisoformat(entry["date"]).isoformat()
            clock = dt.time.fromisoformat(entry.get("time") or "00:00").isoformat("minutes")
            title, body = entry.get("title") or "", entry.get("body") or ""
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BadRecord(number, "jrnl entry without a valid date and time") from None
        text = f"{title}\n{body}".strip() if body else title.strip()
        if text:
            yield number, "entry", _entry(day, _local_stamp(day, clock), text, None, "jrnl")


def parse_mood_map(text: str) -> dict[str, int]:
    """"rad=9,good=7" as {"rad": 9, "good": 7}; BadRecord(0) when it cannot be read."""
    moods = {}
    for pair in filter(None, (part.strip() for part in text.split(","))):
        name, _, value = pair.partition("=")
        if not name.strip() or not value.strip().isdigit() or not 1 <= int(value) <= 10:
            raise BadRecord(0, f"--mood-map: '{pair}' is not NAME=N with N from 1 to 10")
        moods[name.strip().lower()] = int(value)
    return moods


def read_daylio(source: BinaryIO, moods: dict[str, int]) -> Records:
    """Daylio's CSV export: mood names mapped to 1-10; the note, title and activities kept."""
    try:
        text = source.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadRecord(1, "not valid UTF-8") from None
    reader = csv.DictReader(io.StringIO(text))
    needed = {"full_date", "time", "mood", "activities", "note_title", "note"}
    if not reader.fieldnames or not needed <= set(reader.fieldnames):
        raise BadRecord(1, "not a Daylio export (expected the columns full_date, date, weekday, "
                           "time, mood, activities, note_title, note)")
    rows = list(reader)
    unknown = sorted({row["mood"].strip().lower() for row in rows} - set(moods))
    if unknown:
        raise BadRecord(1, f"mood names not in --mood-map: {', '.join(unknown)} (give them as "
                           f"--mood-map \"{DEFAULT_MOOD_MAP},{unknown[0]}=5\")")
    for number, row in enumerate(rows, start=2):  # the header is line 1
        try:
            day = dt.date.fromisoformat(row["full_date"].strip()).isoformat()
            clock = _daylio_clock(row["time"])
        except ValueError:
            raise BadRecord(number, f"'{row['full_date']} {row['time']}' is not a date and "
                                    "time") from None
        parts = [row["note_title"].strip(), row["note"].strip()]
        activities = [a.strip() for a in row["activities"].split("|") if a.strip()]
        if activities:
            parts.append("Activities: " + ", ".join(activities))
        body = "\n\n".join(part for part in parts if part)
        mood = moods[row["mood"].strip().lower()]
        yield number, "entry", _entry(day, _local_stamp(day, clock), body, mood, "daylio")


def _daylio_clock(text: str) -> str:
    text = text.strip().lower()
    for pattern in ("%I:%M %p", "%H:%M"):
        try:
            return dt.datetime.strptime(text, pattern).time().isoformat("minutes")
        except ValueError:
            continue
    raise ValueError(text)
