"""Daylio's CSV export, as it has been written over the years. Pure.

Read by column name, never by place: the 2018 header with ``year`` and no ``full_date``, the
7-column one without ``note_title``, the 8-column one, and the newer one with ``scales``.
Times in 12 hours (``10:00 pm``, ``10:04 AM``) or 24; mood names with stray spaces; custom mood
names through --mood-map; activities split on ``|`` whatever the spaces; HTML in notes as text.
Activities become @tags, or with --activities-as items checklist answers ("kept") for the items
of the same names (made, as actions, where there are none). Daylio's times carry no time zone:
they are this computer's.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any, BinaryIO

from reconcile_cli.core.errors import BadRecord
from reconcile_cli.formats.html_text import looks_like_html, to_text
from reconcile_cli.formats.sources import (
    MAX_FILE_BYTES,
    MAX_LINE_BYTES,
    Checklist,
    Options,
    Reading,
    Records,
    answer,
    entry,
    mood_map,
    no_mood_number,
    source_id,
    tag_line,
    with_paragraph,
)

WHAT = "a Daylio CSV export"
DEFAULT_MOOD_MAP = "rad=9,good=7,meh=5,bad=3,awful=1"
COLUMNS = "full_date, date, weekday, time, mood, activities, note_title, note"
_TIMES = ("%I:%M %p", "%I:%M%p", "%H:%M", "%H:%M:%S", "%I:%M:%S %p")
_DAYS = ("%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y", "%d. %B %Y", "%B %d, %Y")


def looks_like_daylio(head: bytes) -> bool:
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].replace(b'"', b"").strip()
    return first.startswith((b"full_date,", b"year,date,weekday,"))


def read(source: BinaryIO, options: Options, reading: Reading) -> Records:
    reading.start(1, "line")
    text = _text(source)
    moods = mood_map(DEFAULT_MOOD_MAP, options.mood_map)
    csv.field_size_limit(MAX_LINE_BYTES)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        columns = {name.strip() for name in reader.fieldnames or ()}
    except csv.Error as exc:
        raise BadRecord(1, f"not CSV that can be read ({exc})") from None
    dated = "full_date" in columns or {"year", "date"} <= columns
    if not ({"time", "mood"} <= columns and dated):
        raise BadRecord(1, f"not a Daylio export (expected the columns {COLUMNS})")
    checklist = Checklist(options.items, options.today)
    days: dict[str, tuple[str, list[str]]] = {}  # day: (latest stamp, its activities)
    rows = _rows(reader)
    _every_mood_has_a_number(rows, moods)
    line = rows[-1][0] if rows else 2
    for start, row in rows:
        try:
            record, activities = _entry(row, moods, options, reading)
        except (ValueError, OverflowError) as exc:
            raise BadRecord(start, str(exc)) from None
        if record is None:
            continue
        yield start, "entry", record
        if options.activities_as == "items" and activities:
            latest, names = days.get(record["day"], ("", []))
            days[record["day"]] = (max(latest, record["created_at"]), names + activities)
    for day, (latest, names) in sorted(days.items()):
        for name in dict.fromkeys(names):  # each once, in the order they came
            try:
                for kind, record in answer(checklist, options.today, name, day, "kept", latest):
                    yield line, kind, record
            except ValueError as exc:
                raise BadRecord(0, f"the activity '{name[:40]}' cannot be a checklist item "
                                   f"({exc})") from None


def _rows(reader: csv.DictReader[str]) -> list[tuple[int, dict[str, str]]]:
    """(the line each row starts on, the row) for every row; BadRecord where it is not CSV."""
    rows = []
    line = 2  # where the next row starts (the header is line 1)
    try:
        for row in reader:
            rows.append((line, {(key or "").strip(): (value or "") for key, value in row.items()
                                if isinstance(value, str)}))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise BadRecord(line, f"not CSV that can be read ({exc})") from None
    return rows


def _every_mood_has_a_number(rows: list[tuple[int, dict[str, str]]],
                             moods: dict[str, int]) -> None:
    """Name the first mood with no number, with its line, and the others with it, at once."""
    missing: dict[str, tuple[int, str]] = {}  # lowercase name: (first line, as written)
    for line, row in rows:
        name = " ".join(row.get("mood", "").split())
        if name.lower() not in moods:
            missing.setdefault(name.lower(), (line, name))
    if not missing:
        return
    (line, first), *others = missing.values()
    named = [repr(name) for _, name in others]
    more = "" if not named else (f", with {named[0]}, which has none either" if len(named) == 1
                                 else f", with {', '.join(named[:-1])} and {named[-1]}, "
                                      "which have none either")
    raise BadRecord(line, f"mood {first!r} has no number: add it to --mood-map{more}")


def _text(source: BinaryIO) -> str:
    data = source.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise BadRecord(0, "the file is larger than 256 MB, the most one import can take; "
                           "split it in two")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadRecord(0, "the file is not UTF-8 text, as Daylio writes it") from None


def _entry(row: dict[str, str], moods: dict[str, int], options: Options,
           reading: Reading) -> tuple[dict[str, Any] | None, list[str]]:
    day = _day(row)
    clock = _clock(row["time"])
    written = dt.datetime.combine(day, clock).astimezone()
    name = " ".join(row["mood"].split()).lower()
    if name not in moods:
        raise no_mood_number(" ".join(row["mood"].split()))
    activities = [a.strip() for a in row.get("activities", "").split("|") if a.strip()]
    title = row.get("note_title", "").strip()
    note = row.get("note", "").replace("\r\n", "\n")
    note = to_text(note, keep_newlines=True) if looks_like_html(note) else note.strip()
    scales = "\n".join(s.strip() for s in row.get("scales", "").split("|") if s.strip())
    body = with_paragraph(with_paragraph(title, note), scales)
    if options.activities_as != "items":
        body = with_paragraph(body, tag_line(activities, body))
    # the id is made from what Daylio wrote, so that how it is read may change
    key = "\n".join(row.get(column, "") for column in (
        "full_date", "year", "date", "time", "mood", "activities", "scales", "note_title",
        "note"))
    record = entry(reading, options.today, entry_id=source_id("daylio", reading.once(key)),
                   written=written, body=body, mood=moods[name])
    return record, activities


def _day(row: dict[str, str]) -> dt.date:
    full = row.get("full_date", "").strip()
    try:
        if full:
            return dt.date.fromisoformat(full)
        shown = f"{row['date'].strip()} {row['year'].strip()}"
        for pattern in _DAYS:
            try:
                return dt.datetime.strptime(shown, pattern).date()
            except ValueError:
                continue
    except ValueError:
        pass
    raise ValueError(f"'{(full or row.get('date', ''))[:40]}' is not a date reconcile can read")


def _clock(text: str) -> dt.time:
    text = " ".join(text.split())
    for pattern in _TIMES:
        try:
            return dt.datetime.strptime(text.upper(), pattern).time()
        except ValueError:
            continue
    raise ValueError(f"'{text[:40]}' is not a time of day (like 21:30 or 9:30 pm)")

