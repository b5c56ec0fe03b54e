"""Day One's JSON export (File > Export > JSON): the zip the app makes, or a journal's .json from
it. Pure.

Kept: the words (Day One's Markdown escapes undone), the day and time in the entry's own time
zone, tags (as @words), starred, and the edits of a newer export (modifiedDate). Left out and
counted: photos, videos, audio and PDFs, each marked where it was ("[photo]"). Not kept:
location, weather and the device. An entry's uuid is its id here, so an export imported twice
adds nothing, and a newer one brings its edits in by the merge rule.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from reconcile_cli.core.errors import BadRecord
from reconcile_cli.formats import dayline
from reconcile_cli.formats.sources import (
    MARKERS,
    MAX_FILE_BYTES,
    Checklist,
    Options,
    Reading,
    Records,
    answer,
    entry,
    local,
    parse_instant,
    source_id,
    stamp,
    tag_line,
    with_paragraph,
    zone_of,
)
from reconcile_cli.formats.zips import SafeZip

WHAT = "a Day One export"
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_EMBED = re.compile(r"!\[[^\]\n]*\]\(dayone-moment:/{0,2}(?:(photo|video|audio|pdfAttachment|"
                    r"sketch)/)?([0-9A-Za-z-]{1,64})\)")
_ENTRY_LINK = re.compile(r"\[([^\]\n]*)\]\(dayone2?://view\?entryId=[0-9A-Za-z-]{1,64}\)")
_HEX = re.compile(r"[0-9A-Fa-f]{32}")
_escaped_character = operator.itemgetter(1)  # what follows the backslash (at C speed)
_KINDS = {None: "photo", "photo": "photo", "sketch": "photo", "video": "video",
          "audio": "audio", "pdfAttachment": "pdf"}
_MEDIA = {"photos": "photo", "videos": "video", "audios": "audio", "pdfAttachments": "pdf"}
# Characters Day One writes with a backslash before them; its text keeps them so.
ESCAPED_CHARACTERS = "\\`*_{}[]()#+-.!|<>~"


def journals_in(archive: SafeZip) -> list[str]:
    """The journals of an export zip: its .json files, at the top or one folder down (an
    unzipping tool may have added that folder)."""
    return [name for name in archive.names()
            if name.lower().endswith(".json") and name.count("/") <= 1
            and not name.startswith("__MACOSX/") and not PurePosixPath(name).name.startswith(".")]


def read_zip(archive: SafeZip, options: Options, reading: Reading) -> Records:
    names = journals_in(archive)
    if not names:
        raise BadRecord(0, "the zip holds no Day One journal (a .json file such as "
                           "Journal.json)")
    first = 1
    checklist = Checklist(options.items, options.today)  # one for all: an item is made once
    for name in names:
        data = archive.read(name, MAX_FILE_BYTES)
        document = load(data, name)
        yield from read_document(document, name, options, reading, first, checklist)
        first += len(document["entries"])


def load(data: bytes, name: str) -> dict[str, Any]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BadRecord(0, f"{name} is not valid JSON, so not a Day One journal") from None
    if not looks_like_dayone(document):
        raise BadRecord(0, f"{name} is not a Day One journal (it has no \"entries\" written "
                           "by Day One)")
    return dict(document)


def looks_like_dayone(document: object) -> bool:
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        return False
    entries = document["entries"]
    return "metadata" in document or (bool(entries) and isinstance(entries[0], dict)
                                      and "creationDate" in entries[0])


def read_document(document: dict[str, Any], name: str, options: Options, reading: Reading,
                  first: int = 1, checklist: Checklist | None = None) -> Records:
    """The records of one journal (``name`` its file's name, ``first`` its first position)."""
    journal = PurePosixPath(name).name
    reading.start(first, f"{journal} entry")
    entries = document["entries"]
    reading.journals.append((PurePosixPath(name).stem, len(entries)))
    checklist = checklist or Checklist(options.items, options.today)
    for position, raw in enumerate(entries, start=first):
        try:
            found = list(_records(raw, options, reading, checklist))
        except (ValueError, TypeError, KeyError, OverflowError) as exc:
            raise BadRecord(position, _reason(exc)) from None
        for kind, record in found:
            yield position, kind, record


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"it has no {exc}"
    return str(exc) or "it is not an entry Day One writes"


def _records(raw: object, options: Options, reading: Reading,
             checklist: Checklist) -> Iterator[tuple[str, dict[str, Any]]]:
    if not isinstance(raw, dict):
        raise ValueError("it is not an entry (a JSON object)")
    key = raw["uuid"]
    if not isinstance(key, str) or not 0 < len(key) <= 100:
        raise ValueError("its uuid is not text")
    try:
        created = parse_instant(raw["creationDate"])
        edited = parse_instant(raw["modifiedDate"]) if raw.get("modifiedDate") else created
    except ValueError:
        raise ValueError("its creationDate or modifiedDate is not a date and time from 1900 "
                         "on") from None
    zone = zone_of(raw.get("timeZone"))
    written = local(created, zone)
    body, line = dayline.split(text_of(raw, reading))
    tags = raw.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise ValueError("its tags are not a list of words")
    body = with_paragraph(body, tag_line(tags, body))
    starred = raw.get("starred", False)
    if not isinstance(starred, bool):
        raise ValueError("starred is not true or false")
    entry_id = entry_id_of(key)
    zone_name = raw.get("timeZone") if zone else None
    # an entry that only carried a day's line (reconcile's export of a day with no words) is
    # not an empty entry: what it said is read below
    carried_only = line and not body.strip() and line.mood is None
    record = None if carried_only else entry(
        reading, options.today, entry_id=entry_id, written=written, edited=edited, body=body,
        mood=line.mood, starred=starred, zone=zone_name)
    if record is not None:
        yield "entry", record
    # the answers go on the entry's day (today, for a day still to come, as the entry does)
    day = record["day"] if record else min(written.date(), options.today).isoformat()
    for number, (mood, clock) in enumerate(line.ratings):
        hours, minutes = map(int, clock.split(":"))
        rating_id = entry_id if record is None and number == 0 else \
            source_id("dayone rating", f"{key}\n{number}")
        at = written.replace(hour=hours, minute=minutes, second=0)
        rated = entry(reading, options.today, entry_id=rating_id, written=at, edited=edited,
                      body="", mood=mood, zone=zone_name)
        if rated is not None:
            yield "entry", rated
    answered = stamp(local(edited, written.tzinfo)) if line.answers else ""
    for status, slug in line.answers:
        yield from answer(checklist, options.today, slug, day, status, answered)


def entry_id_of(key: str) -> str:
    """Day One's uuid (32 hex digits) as a UUID; any other key, a UUID made from it."""
    if len(key) == 32 and _HEX.fullmatch(key):
        key = key.lower()
        return f"{key[:8]}-{key[8:12]}-{key[12:16]}-{key[16:20]}-{key[20:]}"
    return source_id("dayone", key)


def text_of(raw: dict[str, Any], reading: Reading) -> str:
    """The entry's words: its Markdown with Day One's escapes undone, each attachment as a
    marker where it was (and after the text when the text does not show it), links to other
    entries as their words. From richText when there is no text."""
    text = raw.get("text")
    if text is None or text == "":
        text = _rich_text(raw.get("richText"))
    if not isinstance(text, str):
        raise ValueError("its text is not text")
    shown: dict[str, set[str]] = {}

    def marker(found: re.Match[str]) -> str:
        kind = _KINDS[found[1]]
        shown.setdefault(kind, set()).add(found[2].upper())
        return MARKERS[kind]

    text = _EMBED.sub(marker, text) if "dayone-moment:" in text else text
    if "://view?entryId=" in text:
        text = _ENTRY_LINK.sub(lambda found: found[1], text)
    text = _ESCAPED.sub(_escaped_character, text) if "\\" in text else text
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\ufffc", "")
    unshown = []
    for field, kind in _MEDIA.items():
        media = raw.get(field) or []
        if not isinstance(media, list):
            raise ValueError(f"its {field} are not a list")
        ids = shown.setdefault(kind, set())
        for item in media:
            key = str(item.get("identifier", "")).upper() if isinstance(item, dict) else ""
            if not key or key not in ids:
                ids.add(key or f"#{len(ids)}")
                unshown.append(MARKERS[kind])
    for kind, ids in shown.items():
        reading.left_out[kind] += len(ids)
    # the text as written (an export of ours comes back byte for byte); markers after it
    return with_paragraph(text, " ".join(unshown))


def _rich_text(value: object) -> str:
    """The words of Day One's richText (JSON inside a string), attachments as markers."""
    if not isinstance(value, str) or not value:
        return ""
    try:
        document = json.loads(value)
        contents = document["contents"]
        parts = []
        for part in contents:
            if isinstance(part.get("text"), str):
                parts.append(part["text"])
            for embedded in part.get("embeddedObjects") or []:
                kind = _KINDS.get(embedded.get("type"))
                if kind:
                    parts.append(f"![](dayone-moment:/{embedded['type']}/"
                                 f"{embedded.get('identifier', '')})\n")
        return "".join(parts).rstrip().replace("\\", "\\\\")  # read on as escaped text
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return ""
