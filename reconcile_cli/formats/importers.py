"""Reading other tools' exports (and our own JSON Lines) as checked records. Pure, stdlib only.

Every importer yields (position, kind, record) where position is the line (or entry) number a
problem is reported at, and raises errors.BadRecord for what it cannot take.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
from collections.abc import Iterator
from typing import Any, BinaryIO

from reconcile_cli.core.errors import BadRecord
from reconcile_cli.core.limits import MAX_ENTRY_BYTES
from reconcile_cli.formats.checks import check_day
from reconcile_cli.formats.interchange import parse

# Ids derived from content, so importing the same export twice adds nothing the second time.
NAMESPACE = uuid.UUID("6f1b7a52-3c0e-4d7c-9a51-2f4b8e9d0c11")
DEFAULT_MOOD_MAP = "rad=9,good=7,meh=5,bad=3,awful=1"

# (position, kind, checked record) for each record read.
Records = Iterator[tuple[int, str, dict[str, Any]]]


MAX_LINE_BYTES = 8_000_000  # a JSON line: an entry of 1 MB with every character escaped fits
MAX_FILE_BYTES = 256_000_000  # jrnl's JSON and Daylio's CSV, which are read whole


def read(fmt: str, source: BinaryIO, today: dt.date,
         mood_map: str = DEFAULT_MOOD_MAP) -> Records:
    if fmt == "jsonl":
        return read_jsonl(source, today)
    if fmt == "jrnl":
        return read_jrnl(source, today)
    return read_daylio(source, parse_mood_map(mood_map), today)


def _lines(source: BinaryIO) -> Iterator[str]:
    """The file's lines, read one at a time and never more than MAX_LINE_BYTES of one."""
    number = 0
    while raw := source.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(raw) > MAX_LINE_BYTES:
            raise BadRecord(number, "longer than 8 MB, the most one line can hold")
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BadRecord(number, "not valid UTF-8") from None


def _whole_file(source: BinaryIO, first: bytes, what: str) -> bytes:
    """The whole of a file read at once, refused early when it does not start like ``what``
    (``first``: the bytes it starts with) and when it is larger than MAX_FILE_BYTES."""
    head = source.read(64 * 1024)
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(first):
        raise BadRecord(1, f"not {what}")
    data = head + source.read(MAX_FILE_BYTES + 1 - len(head))
    if len(data) > MAX_FILE_BYTES:
        raise BadRecord(1, "the file is larger than 256 MB, the most one import can take; "
                           "split it in two")
    return data


def read_jsonl(source: BinaryIO, today: dt.date) -> Records:
    return parse(_lines(source), today)


def _local_stamp(day: str, clock: str) -> str:
    moment = dt.datetime.fromisoformat(f"{day}T{clock}").astimezone()
    return moment.isoformat(timespec="seconds")


def _entry(day: str, stamp: str, body: str, mood: int | None, source: str,
           starred: bool = False) -> dict[str, Any]:
    return {"id": str(uuid.uuid5(NAMESPACE, f"{source}\n{stamp}\n{mood}\n{body}")), "day": day,
            "created_at": stamp, "updated_at": stamp, "kind": "journal", "prompt": None,
            "mood": mood, "body": body, "deleted_at": None, "starred": starred}


def _checked_body(body: str) -> str:
    if len(body) > MAX_ENTRY_BYTES or len(body.encode("utf-8", "surrogatepass")) > MAX_ENTRY_BYTES:
        raise ValueError("the text is larger than 1 MB, the most one entry can hold")
    return body


def read_jrnl(source: BinaryIO, today: dt.date) -> Records:
    """`jrnl --format json`: title and body become the text (tags stay in it)."""
    jrnl = "the JSON that `jrnl --format json` writes"
    try:
        data = json.loads(_whole_file(source, b"{", jrnl).decode("utf-8"))
        entries = data["entries"]
        if not isinstance(entries, list):
            raise TypeError
    except (UnicodeDecodeError, ValueError, RecursionError, KeyError, TypeError):
        raise BadRecord(1, f"not {jrnl}") from None
    for number, entry in enumerate(entries, start=1):
        try:
            day = check_day(entry["date"], today)
            clock = dt.time.fromisoformat(entry.get("time") or "00:00").isoformat("minutes")
            title, body = entry.get("title") or "", entry.get("body") or ""
            if not isinstance(title, str) or not isinstance(body, str):
                raise TypeError
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BadRecord(number, "jrnl entry without a valid date and time",
                            "entry") from None
        text = f"{title}\n{body}".strip() if body else title.strip()
        try:
            text = _checked_body(text)
        except ValueError as exc:
            raise BadRecord(number, str(exc), "entry") from None
        if text:
            yield number, "entry", _entry(day, _local_stamp(day, clock), text, None, "jrnl",
                                          starred=entry.get("starred") is True)


def parse_mood_map(text: str) -> dict[str, int]:
    """"rad=9,good=7" as {"rad": 9, "good": 7}; BadRecord(0) when it cannot be read."""
    moods = {}
    for pair in filter(None, (part.strip() for part in text.split(","))):
        name, _, value = pair.partition("=")
        if not name.strip() or not value.strip().isdigit() or not 1 <= int(value) <= 10:
            raise BadRecord(0, f"--mood-map: '{pair}' is not NAME=N with N from 1 to 10")
        moods[name.strip().lower()] = int(value)
    return moods


def read_daylio(source: BinaryIO, moods: dict[str, int], today: dt.date) -> Records:
    """Daylio's CSV export: mood names mapped to 1-10; the note, title and activities kept."""
    try:
        text = _whole_file(source, b"full_date", "a Daylio export (it starts with the line "
                           "full_date,date,weekday,time,mood,...)").decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadRecord(1, "not valid UTF-8") from None
    csv.field_size_limit(MAX_LINE_BYTES)
    reader = csv.DictReader(io.StringIO(text))
    needed = {"full_date", "time", "mood", "activities", "note_title", "note"}
    try:
        if not reader.fieldnames or not needed <= set(reader.fieldnames):
            raise BadRecord(1, "not a Daylio export (expected the columns full_date, date, "
                               "weekday, time, mood, activities, note_title, note)")
        rows = list(reader)
    except csv.Error as exc:
        raise BadRecord(reader.line_num, f"not CSV that can be read ({exc})") from None
    unknown = sorted({(row["mood"] or "").strip().lower() for row in rows} - set(moods))
    if unknown:
        raise BadRecord(1, f"mood names not in --mood-map: {', '.join(unknown)} (give them as "
                           f"--mood-map \"{DEFAULT_MOOD_MAP},{unknown[0]}=5\")")
    for number, row in enumerate(rows, start=2):  # the header is line 1
        try:
            day = check_day((row["full_date"] or "").strip(), today)
            clock = _daylio_clock(row["time"] or "")
        except ValueError:
            raise BadRecord(number, f"'{row['full_date']} {row['time']}' is not a date and "
                                    "time from 1900 to today") from None
        parts = [(row["note_title"] or "").strip(), (row["note"] or "").strip()]
        activities = [a.strip() for a in (row["activities"] or "").split("|") if a.strip()]
        if activities:
            parts.append("Activities: " + ", ".join(activities))
        try:
            body = _checked_body("\n\n".join(part for part in parts if part))
        except ValueError as exc:
            raise BadRecord(number, str(exc)) from None
        mood = moods[(row["mood"] or "").strip().lower()]
        yield number, "entry", _entry(day, _local_stamp(day, clock), body, mood, "daylio")


def _daylio_clock(text: str) -> str:
    text = text.strip().lower()
    for pattern in ("%I:%M %p", "%H:%M"):
        try:
            return dt.datetime.strptime(text, pattern).time().isoformat("minutes")
        except ValueError:
            continue
    raise ValueError(text)
