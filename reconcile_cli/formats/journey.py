"""Journey's export (2appstudio): a zip of one JSON file per entry, or one such file. Pure.

Kept: the words (its HTML as plain text, paragraphs kept; older entries' Markdown as it is), the
day and time in the entry's own time zone, the mood (Journey's 1-5, through --mood-map), tags
(as @words), the star (favourite) and later edits (date_modified). Left out and counted: photos,
videos and audio, each marked where the entry listed it. Not kept: place, weather and music.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from reconcile_cli.core.errors import BadRecord
from reconcile_cli.formats.html_text import looks_like_html, to_text
from reconcile_cli.formats.sources import (
    MARKERS,
    Options,
    Reading,
    Records,
    entry,
    local,
    mood_map,
    no_mood_number,
    source_id,
    tag_line,
    with_paragraph,
    zone_of,
)
from reconcile_cli.formats.zips import SafeZip

WHAT = "a Journey export"
# Journey's mood is a face from 1 (the lowest) to 5; 0 is "not given".
DEFAULT_MOOD_MAP = "1=1,2=3,3=5,4=7,5=9"
MAX_ENTRY_FILE_BYTES = 16_000_000  # an entry of 1 MB written as HTML with its preview
ENTRY_FILE = re.compile(r"(?:.*/)?\d{10,14}-[0-9A-Za-z]{6,32}\.json", re.IGNORECASE)
_VIDEO = {"mp4", "3gp", "mov", "webm", "mkv", "avi", "m4v"}
_AUDIO = {"mp3", "m4a", "aac", "wav", "ogg", "opus", "amr", "flac"}
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def entries_in(archive: SafeZip) -> list[str]:
    return [name for name in archive.names() if ENTRY_FILE.fullmatch(name)
            and not name.startswith("__MACOSX/")]


def looks_like_journey(document: object) -> bool:
    return isinstance(document, dict) and "date_journal" in document and "text" in document


def read_zip(archive: SafeZip, options: Options, reading: Reading) -> Records:
    names = entries_in(archive)
    if not names:
        raise BadRecord(0, "the zip holds no Journey entries (files named like "
                           "1673814667000-3fb32c66c4bd4cd0.json)")
    moods = mood_map(DEFAULT_MOOD_MAP, options.mood_map)
    for position, name in enumerate(names, start=1):
        reading.start(position, PurePosixPath(name).name, counted=False)
        try:
            document = json.loads(archive.read(name, MAX_ENTRY_FILE_BYTES).decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise BadRecord(position, "not valid JSON, so not a Journey entry") from None
        yield from _read_one(document, position, moods, options, reading)


def read_document(document: dict[str, Any], name: str, options: Options,
                  reading: Reading) -> Records:
    """One entry's file, given on its own."""
    reading.start(1, PurePosixPath(name).name, counted=False)
    yield from _read_one(document, 1, mood_map(DEFAULT_MOOD_MAP, options.mood_map), options,
                         reading)


def _read_one(document: object, position: int, moods: dict[str, int], options: Options,
              reading: Reading) -> Iterator[tuple[int, str, dict[str, Any]]]:
    try:
        record = _entry(document, moods, options, reading)
    except (ValueError, TypeError, KeyError, OverflowError) as exc:
        reason = f"it has no {exc}" if isinstance(exc, KeyError) else (
            str(exc) or "it is not an entry Journey writes")
        raise BadRecord(position, reason) from None
    if record is not None:
        yield position, "entry", record


def _moment(value: object, what: str) -> dt.datetime:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not (
            -2_208_988_800_000 <= value <= 253_402_300_799_000):  # 1900 to 9999
        raise ValueError(f"its {what} is not a time in milliseconds from 1900 on")
    return _EPOCH + dt.timedelta(milliseconds=value)


def _entry(document: object, moods: dict[str, int], options: Options,
           reading: Reading) -> dict[str, Any] | None:
    if not isinstance(document, dict):
        raise ValueError("it is not an entry (a JSON object)")
    key = document.get("id")
    written_at = _moment(document["date_journal"], "date_journal")
    if not isinstance(key, str) or not key:
        key = str(document["date_journal"])
    edited = _moment(document["date_modified"], "date_modified") \
        if document.get("date_modified") else written_at
    zone = zone_of(document.get("timezone"))
    text = document.get("text") or ""
    if not isinstance(text, str):
        raise ValueError("its text is not text")
    if document.get("type") == "html" or (document.get("type") is None and looks_like_html(text)):
        text = to_text(text)
    body = text.strip()
    markers = []
    photos = document.get("photos") or []
    if not isinstance(photos, list):
        raise ValueError("its photos are not a list")
    for name in photos:
        kind = _attachment_kind(str(name))
        reading.left_out[kind] += 1
        markers.append(MARKERS[kind])
    body = with_paragraph(body, " ".join(markers))
    tags = document.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise ValueError("its tags are not a list of words")
    body = with_paragraph(body, tag_line(tags, body))
    starred = document.get("favourite", False)
    if not isinstance(starred, bool):
        raise ValueError("favourite is not true or false")
    return entry(reading, options.today, entry_id=source_id("journey", reading.once(key)),
                 written=local(written_at, zone), edited=edited, body=body,
                 mood=_mood(document, moods), starred=starred,
                 zone=document.get("timezone") if zone else None)


def _mood(document: dict[str, Any], moods: dict[str, int]) -> int | None:
    """The entry's mood on reconcile's 1-10, or None where none was given: Journey's face
    (1-5) through the map; where no face was chosen, its sentiment (-1 to 1, 0 when there is
    none) as 1-10."""
    face = document.get("mood", 0)
    if isinstance(face, (int, float)) and not isinstance(face, bool) and face == int(face):
        face = int(face)
    if face not in (0, None):
        name = str(face).strip().lower()
        if name not in moods:
            raise no_mood_number(str(face))
        return moods[name]
    sentiment = document.get("sentiment")
    if (isinstance(sentiment, (int, float)) and not isinstance(sentiment, bool)
            and sentiment != 0 and -1 <= sentiment <= 1):
        return max(1, min(10, round(5.5 + 4.5 * sentiment)))
    return None


def _attachment_kind(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return "video" if extension in _VIDEO else "audio" if extension in _AUDIO else "photo"
