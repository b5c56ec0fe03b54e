"""What every reader of another tool's file shares: the options an import is given, what it
learns on the way (for the summary), and turning a dated text into a checked entry. Pure.

An entry keeps the day it was written on in its own time zone. One dated after today (jrnl
takes "next thursday: trip") goes onto today, with the day it was written for at the top of its
text, and is counted; nothing is refused for it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import uuid
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from reconcile_cli.core.dates import long_date
from reconcile_cli.core.errors import BadRecord
from reconcile_cli.core.models import Item
from reconcile_cli.formats.checks import EARLIEST, check_entry, shown

# Ids derived from what the file says, so importing the same export twice adds nothing.
NAMESPACE = uuid.UUID("6f1b7a52-3c0e-4d7c-9a51-2f4b8e9d0c11")

MAX_LINE_BYTES = 8_000_000  # a JSON line: an entry of 1 MB with every character escaped fits
MAX_FILE_BYTES = 256_000_000  # a file (or a file in a zip) that is read whole

# (position, kind, checked record) for each record read; Reading.place names a position.
Records = Iterator[tuple[int, str, dict[str, Any]]]


@dataclass
class Options:
    """What an import is told: today, and the user's choices for the formats that need them."""

    today: dt.date
    mood_map: str | None = None  # "rad=9,good=7": added to the format's own default
    activities_as: str = "tags"  # Daylio's activities: "tags" or "items" (checklist answers)
    jrnl_config: str | None = None  # the text of jrnl's config file
    journal_path: str | None = None  # the file being imported, to find it in jrnl's config
    items: list[Item] = field(default_factory=list)  # the checklist here, to answer items by name


@dataclass
class Reading:
    """What a reader finds besides records, for the summary: the file's kind, where each
    position is, what was left out and what was moved."""

    what: str  # "a Day One export", named in the summary
    spans: list[tuple[int, str, bool]] = field(default_factory=list)  # (first, label, counted)
    journals: list[tuple[str, int]] = field(default_factory=list)  # Day One: (name, entries)
    left_out: Counter[str] = field(default_factory=Counter)  # "photo": 3, "empty entry": 1
    moved: int = 0  # entries dated after today, put on today
    seen: Counter[str] = field(default_factory=Counter)  # keys of records read, for once()

    def once(self, key: str) -> str:
        """``key`` made unique in the file: the same record twice (two moods at the same
        minute with no words) is two entries, and the first keeps the key as it is."""
        seen = self.seen[key]
        self.seen[key] += 1
        return key if not seen else f"{key}\n#{seen}"

    def start(self, first: int, label: str, counted: bool = True) -> None:
        """Positions from ``first`` on are "label 1", "label 2"... (or all just "label")."""
        self.spans.append((first, label, counted))

    def place(self, position: int) -> str:
        """Where a position is, for a message: "line 4", "Journal.json entry 214"."""
        if not self.spans:
            return f"line {position}"
        first, label, counted = self.spans[max(0, bisect_right(
            [span[0] for span in self.spans], position) - 1)]
        return f"{label} {position - first + 1}" if counted else label


def source_id(source: str, key: str) -> str:
    """A stable entry id for a record another tool names ``key``."""
    return str(uuid.uuid5(NAMESPACE, f"{source}\n{key}"))


def stamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def parse_instant(value: object) -> dt.datetime:
    """An ISO 8601 instant with its offset or Z ("2023-01-15T20:31:07Z"); ValueError if not."""
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError
    moment = dt.datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    if moment.tzinfo is None or moment.year < EARLIEST.year:
        raise ValueError
    return moment


def zone_of(name: object) -> dt.tzinfo | None:
    """The IANA time zone ``name`` ("Europe/London"); None when it is missing (the computer's
    own zone is used then); ValueError for a name this computer does not know."""
    if name is None or name == "":
        return None
    if not isinstance(name, str) or len(name) > 60 or ".." in name or name.startswith("/"):
        raise ValueError(f"its time zone {shown(name)} is not a time zone name")
    return _zone(name)


@functools.lru_cache(maxsize=64)  # an export names a few zones, thousands of times
def _zone(name: str) -> dt.tzinfo:
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(name)
    except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        raise ValueError(f"its time zone {shown(name)} is not one this computer "
                         "knows") from None


def local(moment: dt.datetime, zone: dt.tzinfo | None) -> dt.datetime:
    """``moment`` in ``zone`` (None: this computer's zone), to the second."""
    return (moment.astimezone(zone) if zone else moment.astimezone()).replace(microsecond=0)


def entry(reading: Reading, today: dt.date, *, entry_id: str, written: dt.datetime,
          edited: dt.datetime | None = None, body: str, mood: int | None = None,
          starred: bool = False, zone: str | None = None) -> dict[str, Any] | None:
    """The checked entry record for a text written at local time ``written`` (None for an empty
    one, counted as left out); ValueError, with what is wrong, for what no entry can hold."""
    if not body.strip() and mood is None:
        reading.left_out["empty entry"] += 1
        return None
    day = written.date()
    if day > today:
        reading.moved += 1
        body = with_paragraph(f"Written for {long_date(day.isoformat())}", body)
        written = dt.datetime.combine(today, written.time(), written.tzinfo)
        day = today
    created = stamp(written)
    updated = stamp(local(edited, written.tzinfo)) if edited else created
    record = check_entry({"id": entry_id, "day": day.isoformat(), "created_at": created,
                          "updated_at": updated, "kind": "journal", "mood": mood, "body": body,
                          "starred": starred}, today)
    if zone:
        record["zone"] = zone
    return record


# --- moods ---------------------------------------------------------------------------------


def parse_mood_map(text: str) -> dict[str, int]:
    """"rad=9,good=7" as {"rad": 9, "good": 7}; a name holding a comma is quoted with its
    number ('"tired, but fine=4"'); BadRecord(0) when it cannot be read."""
    import csv

    moods = {}
    try:
        pairs = next(csv.reader([text], skipinitialspace=True), [])
    except csv.Error:
        raise BadRecord(0, "--mood-map is not NAME=N pairs apart by commas") from None
    for pair in filter(None, (part.strip() for part in pairs)):
        name, _, value = pair.rpartition("=")
        if not name.strip() or not value.strip().isdigit() or not 1 <= int(value) <= 10:
            raise BadRecord(0, f"--mood-map: '{pair}' is not NAME=N with N from 1 to 10")
        moods[" ".join(name.split()).lower()] = int(value)
    return moods


def mood_map(default: str, given: str | None) -> dict[str, int]:
    """The format's default map with the user's names added (or changed)."""
    return {**parse_mood_map(default), **parse_mood_map(given or "")}


def no_mood_number(name: str) -> ValueError:
    return ValueError(f"mood '{name}' has no number: add it to --mood-map")


# --- tags ----------------------------------------------------------------------------------

_NOT_TAG = re.compile(r"[^\w]+")
_TAG = re.compile(r"@(\w[\w-]*)")  # "@" first: found as fast as a plain search for "@"


def tags_in(text: str) -> set[str]:
    """The @tags of a text, as reconcile reads them (store.tags finds the same: an @ that
    does not follow a letter, a digit or another @)."""
    if "@" not in text:
        return set()
    return {found[1].casefold().rstrip("-") for found in _TAG.finditer(text)
            if not found.start() or not (text[found.start() - 1].isalnum()
                                         or text[found.start() - 1] in "_@")}


def tag_line(tags: list[str], text: str) -> str:
    """Another tool's tags as reconcile's @words, those the text does not already hold:
    "with friends" becomes @with-friends. A tag with no letter or digit stays as it is."""
    held = tags_in(text)
    words = []
    for tag in tags:
        word = _NOT_TAG.sub("-", tag.strip()).strip("-")
        if not word:
            if tag.strip() and tag.strip() not in words:
                words.append(tag.strip())
            continue
        if word.casefold() not in held:
            held.add(word.casefold())
            words.append(f"@{word}")
    return " ".join(words)


def with_paragraph(text: str, paragraph: str) -> str:
    """``text`` with ``paragraph`` after it, a blank line apart (either may be empty)."""
    if not paragraph:
        return text
    return f"{text.rstrip()}\n\n{paragraph}" if text.strip() else paragraph


# --- attachments ---------------------------------------------------------------------------

MARKERS = {"photo": "[photo]", "video": "[video]", "audio": "[audio]", "pdf": "[PDF]",
           "attachment": "[attachment]"}


# --- checklist answers ---------------------------------------------------------------------


class Checklist:
    """The items an import answers, found by name (slug or label) among those here; an item no
    one has yet is made, as an action, with its item record to be merged before its answers."""

    def __init__(self, items: list[Item], today: dt.date):
        self.today = today
        self.slugs = {item.slug for item in items}
        self.labels = {item.label.casefold(): item.slug for item in items}
        self.next_position = max((item.position for item in items), default=0) + 1

    def slug(self, name: str, created_at: str) -> tuple[str, dict[str, Any] | None]:
        """(the slug of the item called ``name``, its new item record or None)."""
        from reconcile_cli.core.limits import is_slug
        from reconcile_cli.formats.checks import check_item

        if name in self.slugs:
            return name, None
        name = " ".join(name.split())
        if name in self.slugs:
            return name, None
        if name.casefold() in self.labels:
            return self.labels[name.casefold()], None
        slug = slug_of(name)
        if slug in self.slugs:
            return slug, None
        label = name.replace("-", " ").capitalize() if is_slug(name) else name
        record = check_item({"slug": slug, "label": label, "kind": "action",
                             "position": self.next_position, "created_at": created_at},
                            self.today)
        self.next_position += 1
        self.slugs.add(slug)
        self.labels[label.casefold()] = slug
        return slug, record


def slug_of(name: str) -> str:
    """An item slug for a name: "Good meal" -> good-meal; "2ćities" -> 2cities; a name of no
    Latin letters or digits gets one made from it ("activity-3fa2b1c0")."""
    import hashlib
    import unicodedata

    from reconcile_cli.core.limits import MAX_SLUG

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:MAX_SLUG].strip("-")
    return slug or "activity-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]


def answer(checklist: Checklist, today: dt.date, name: str, day: str, status: str,
           stamp_: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The records for answering the item called ``name`` on ``day``: its item first when it is
    new, then the answer."""
    slug, item = checklist.slug(name, stamp_)
    if item is not None:
        yield "item", item
    # the day, the stamp and the slug are checked already (an entry's, an item's)
    yield "mark", {"day": day, "item": slug, "status": status, "note": None,
                   "updated_at": stamp_}
