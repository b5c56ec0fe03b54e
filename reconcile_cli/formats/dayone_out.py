"""Writing the journal as Day One's JSON export: a zip with one Journal.json that Day One
imports, in the shape it writes itself. Pure (it writes into the handle it is given).

Each entry keeps its id (as Day One's uuid), its words (with Day One's Markdown escapes), its
time in UTC with the time zone it was written in, its @tags and its star. An entry is dated on
its own journal day (one written later, or after midnight before the day had turned, keeps its
clock time on that day). Moods and checklist answers become a short line at the end of the
day's first entry (see dayline), so they are not lost; a day with no words gets an entry of
that line alone. Kinds, prompts, notes on answers, letters, the vision, goals and the trash are
not written: Day One has no place for them.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import uuid
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from reconcile_cli.core.dates import local_zone_name
from reconcile_cli.core.models import Entry, ExportRecord, Item, Mark
from reconcile_cli.formats import dayline
from reconcile_cli.formats.dayone import ESCAPED_CHARACTERS
from reconcile_cli.formats.exporters import by_day
from reconcile_cli.formats.sources import NAMESPACE, tags_in
from reconcile_cli.formats.zips import ZipWriter

_TO_ESCAPE = re.compile("([" + re.escape(ESCAPED_CHARACTERS) + "])")
_UTC = dt.timezone.utc


def write(handle: BinaryIO, records: Iterable[ExportRecord], zones: dict[str, str],
          now: dt.datetime) -> int:
    """Write the zip into ``handle``; the number of Day One entries written."""
    written = 0

    def chunks() -> Iterator[bytes]:
        nonlocal written
        block = ['{\n  "metadata": {"version": "1.0"},\n  "entries": [\n']
        size = 0
        for entry in entries(records, zones):
            text = ("    " if not written else ",\n    ") + json.dumps(entry, ensure_ascii=False)
            block.append(text)
            size += len(text)
            written += 1
            if size > 1_000_000:  # compressed a megabyte at a time, not an entry at a time
                yield "".join(block).encode("utf-8")
                block, size = [], 0
        block.append("\n  ]\n}\n")
        yield "".join(block).encode("utf-8")

    archive = ZipWriter(handle, now.timetuple()[:6])
    archive.add("Journal.json", chunks())
    archive.close()
    return written


def entries(records: Iterable[ExportRecord], zones: dict[str, str]) -> Iterator[dict[str, Any]]:
    """Day One's entries for the journal's, day by day."""
    items, days = by_day(records)
    for day, day_entries, marks in days:
        latest = max((mark.updated_at for mark in marks.values()), default=None, key=_instant)
        yield from _day(day, day_entries, _answers(items, marks), latest, zones)


def _answers(items: list[Item], marks: dict[str, Mark]) -> list[tuple[str, str]]:
    order = [item.slug for item in items if item.slug in marks]
    order += sorted(set(marks) - set(order))
    return [(marks[slug].status, slug) for slug in order]


def _day(day: str, day_entries: list[Entry], answers: list[tuple[str, str]],
         answered: str | None, zones: dict[str, str]) -> Iterator[dict[str, Any]]:
    """The day's entries with words, the first carrying the day's line; or, on a day with
    moods or answers but no words, an entry of the line alone. ``answered``: when the last
    answer was given (the carrier's edit time is the latest of its own, the moods' and it)."""
    with_words = [entry for entry in day_entries if entry.body.strip()]
    ratings = [entry for entry in day_entries if not entry.body.strip()
               and entry.mood is not None]
    said = [(entry.mood, entry.time) for entry in ratings if entry.mood is not None]
    latest = max([entry.updated_at for entry in ratings] + ([answered] if answered else []),
                 default=None, key=_instant)
    for entry in with_words:
        line = dayline.DayLine(mood=entry.mood)
        edited = entry.updated_at
        if entry is with_words[0]:
            line.ratings, line.answers = said, answers
            edited = max(edited, latest or edited, key=_instant)
        yield _entry(entry.id, day, entry.created_at, edited, entry.body,
                     dayline.write(line, entry.body), entry.starred, zones.get(entry.id))
    if not with_words and (said or answers):
        line = dayline.DayLine(ratings=said, answers=answers)
        first = ratings[0] if ratings else None
        key = first.id if first else str(uuid.uuid5(NAMESPACE, f"reconcile day\n{day}"))
        created = first.created_at if first else f"{day}T12:00:00+00:00"
        yield _entry(key, day, created, latest or created, "", dayline.write(line), False,
                     zones.get(key) if first else "UTC")


def _instant(stamp: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else moment.astimezone()


def _entry(entry_id: str, day: str, created_at: str, updated_at: str, body: str, line: str,
           starred: bool, zone: str | None) -> dict[str, Any]:
    created = _instant(created_at)
    if created.date().isoformat() != day:  # written later, or before the day turned
        created = dt.datetime.combine(dt.date.fromisoformat(day), created.time(),
                                      created.tzinfo)
    text = f"{body}\n\n{line}" if body and line else body or line
    return {
        "uuid": entry_id.replace("-", "").upper(),
        "creationDate": _utc(created),
        "modifiedDate": _utc(max(_instant(updated_at), created)),
        "timeZone": zone_for(zone, created),
        "starred": starred,
        "isAllDay": False,
        "isPinned": False,
        "duration": 0,
        "tags": sorted(tags_in(body)),
        "text": _TO_ESCAPE.sub(r"\\\1", text),
    }


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(_UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def zone_for(stored: str | None, moment: dt.datetime) -> str:
    """An IANA time zone in which ``moment`` shows its own clock time: the one the entry was
    written in when known, else this computer's, else one with the same offset then."""
    offset = moment.utcoffset()
    for name in (stored, _local_zone()):
        if name and _offset_in(name, moment) == offset:
            return name
    if offset is None or offset == dt.timedelta(0):
        return "UTC"
    hours, rest = divmod(offset, dt.timedelta(hours=1))
    if not rest and -12 <= hours <= 14:
        return f"Etc/GMT{-hours:+d}"  # the Etc zones' signs are the other way round
    for name in _all_zones():
        if _offset_in(name, moment) == offset:
            return name
    return "UTC"


def _offset_in(name: str, moment: dt.datetime) -> dt.timedelta | None:
    from zoneinfo import ZoneInfo

    try:
        return moment.astimezone(ZoneInfo(name)).utcoffset()
    except (ValueError, OSError, KeyError):
        return None


@functools.lru_cache(maxsize=1)
def _local_zone() -> str | None:
    return local_zone_name()  # read from the system once an export, not once an entry


@functools.lru_cache(maxsize=1)
def _all_zones() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(available_timezones())
