"""jrnl: its JSON export (`jrnl --format json`) and its own journal file (journal.txt), read
without jrnl. Pure. Written from jrnl's documented behaviour, not its code.

In the journal file an entry starts at a line "[DATE] " (DATE in the config's timeformat,
"%Y-%m-%d %H:%M" unless --jrnl-config says otherwise; a few other plain spellings of a date are
taken too, as jrnl takes them) and runs to the next such line. A first line ending in "*" is
starred. As in jrnl, the title is the first line, or the first sentence of a one-line entry;
the entry's text is the title, then the body on the lines after it: what importing jrnl's JSON
export of the same journal gives, with the same ids, so importing both changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from typing import Any, BinaryIO

from reconcile_cli.core.errors import BadRecord
from reconcile_cli.formats.sources import (
    MAX_FILE_BYTES,
    Options,
    Reading,
    Records,
    entry,
    source_id,
    stamp,
)

WHAT_JSON = "jrnl's JSON export"
WHAT_TEXT = "a jrnl journal file"
DEFAULT_TIMEFORMAT = "%Y-%m-%d %H:%M"
_HEADER = re.compile(r"(?:^|\n)\[([^\]\n]+)\] ")
_SENTENCE_END = re.compile(
    "[.!?\u2026\u203c\u203d\u2047\u2048\u2049\u22ef\ufe52\ufe57]['\u2019\"\u201d]?[\\])]*\\s+"
    "|[\uff01\uff0e\uff1f\uff61\u3002]")
# strftime's shorthands, which strptime does not read
_SHORTHANDS = {"%F": "%Y-%m-%d", "%T": "%H:%M:%S", "%R": "%H:%M", "%r": "%I:%M:%S %p",
               "%D": "%m/%d/%y", "%e": "%d", "%h": "%b"}
_OTHER_SPELLINGS = tuple(
    day + clock
    for day in ("%Y-%m-%d", "%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y", "%b %d, %Y",
                "%B %d, %Y")
    for clock in ("", " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p")
) + ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")


def looks_like_jrnl_json(document: object) -> bool:
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        return False
    entries = document["entries"]
    if not entries:
        return "tags" in document
    return isinstance(entries[0], dict) and "title" in entries[0] and "date" in entries[0]


def looks_like_journal_file(head: bytes) -> bool:
    return _HEADER.match(head.lstrip(b"\xef\xbb\xbf").decode("utf-8", "replace")) is not None


def looks_encrypted(head: bytes) -> bool:
    return head.startswith(b"gAAAAA")


# --- jrnl --format json ----------------------------------------------------------------------


def read_json(document: dict[str, Any], options: Options, reading: Reading) -> Records:
    """`jrnl --format json`: title and body become the text (tags stay in it)."""
    reading.start(1, "entry")
    for number, raw in enumerate(document["entries"], start=1):
        try:
            day = dt.date.fromisoformat(raw["date"])
            clock = dt.time.fromisoformat(raw.get("time") or "00:00")
            title, body = raw.get("title") or "", raw.get("body") or ""
            if not isinstance(title, str) or not isinstance(body, str):
                raise TypeError
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BadRecord(number, "jrnl entry without a valid date and time") from None
        text = f"{title}\n{body}".strip() if body else title.strip()
        try:
            record = _entry(dt.datetime.combine(day, clock), text,
                            raw.get("starred") is True, options, reading)
        except ValueError as exc:
            raise BadRecord(number, str(exc)) from None
        if record is not None:
            yield number, "entry", record


def _entry(when: dt.datetime, text: str, starred: bool, options: Options,
           reading: Reading) -> dict[str, Any] | None:
    written = when.replace(second=0, microsecond=0).astimezone()
    # the id earlier versions gave jrnl's entries: where it was, with what it said
    entry_id = source_id("jrnl", reading.once(f"{stamp(written)}\nNone\n{text}"))
    return entry(reading, options.today, entry_id=entry_id, written=written, body=text,
                 starred=starred)


# --- the journal file ----------------------------------------------------------------------


def read_text(source: BinaryIO, options: Options, reading: Reading) -> Records:
    reading.start(1, "line")
    data = source.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise BadRecord(0, "the file is larger than 256 MB, the most one import can take")
    if looks_encrypted(data.lstrip()):
        raise BadRecord(0, "this jrnl journal is encrypted; decrypt it with jrnl first "
                           "(jrnl --decrypt), or export it with jrnl --format json")
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise BadRecord(0, "the file is not UTF-8 text; if it is an encrypted jrnl journal, "
                           "decrypt it with jrnl first (jrnl --decrypt)") from None
    timeformat = _strptime_format(config_timeformat(options.jrnl_config, options.journal_path))
    starts = [(found.start(), found.end(), when) for found in _HEADER.finditer(text)
              if (when := _when(found[1], timeformat)) is not None]
    if not starts:
        raise BadRecord(0, "no line starts a jrnl entry (like [2026-12-07 10:45] Title.); if "
                           "your jrnl writes its dates another way, give its config with "
                           "--jrnl-config")
    if text[:starts[0][0]].strip():
        raise BadRecord(1, "there are words before the first dated entry, which jrnl does not "
                           "show; put a line like [2026-12-07 10:45] above them, or move them, "
                           "and import again")
    line, counted_to = 1, 0
    for number, (at, begins, when) in enumerate(starts):
        bracket = at + 1 if text[at] == "\n" else at
        line += text.count("\n", counted_to, bracket)
        counted_to = bracket
        ends = starts[number + 1][0] if number + 1 < len(starts) else len(text)
        title, body, starred = split_entry(text[begins:ends])
        words = f"{title}\n{body}" if body else title
        try:
            record = _entry(when, words, starred, options, reading)
        except ValueError as exc:
            raise BadRecord(line, str(exc)) from None
        if record is not None:
            yield line, "entry", record


def split_entry(text: str) -> tuple[str, str, bool]:
    """(title, body, starred) of an entry's text, as jrnl reads them: a first line ending in "*"
    stars the entry; the title is the first line when there is more than one, else the first
    sentence. (jrnl itself cuts a word in two when the text starts with spaces; not here.)"""
    first, _, rest = text.partition("\n")
    starred = first.strip().endswith("*")
    if starred:
        text = first.strip("\n *") + "\n" + rest
    text = text.lstrip()
    if "\n" in text:
        title, _, body = text.partition("\n")
        return title.strip(), body.strip(), starred
    found = _SENTENCE_END.search(text)
    if not found:
        return text.strip(), "", starred
    return text[:found.end()].strip(), text[found.end():].strip(), starred


def _strptime_format(timeformat: str) -> str:
    for short, long in _SHORTHANDS.items():
        timeformat = timeformat.replace(short, long)
    return timeformat


def _when(blob: str, timeformat: str) -> dt.datetime | None:
    """The date and time in a "[...]" at the start of a line, or None when it is not one."""
    try:
        return dt.datetime.strptime(blob, timeformat)
    except ValueError:
        pass
    if len(blob) <= 6:  # "[1] a footnote" is not a date, for jrnl either
        return None
    plain = " ".join(blob.replace(".", "").split()) if not blob[:4].isdigit() else blob.strip()
    for pattern in _OTHER_SPELLINGS:
        try:
            return dt.datetime.strptime(plain, pattern)
        except ValueError:
            continue
    return None


# --- jrnl's config -------------------------------------------------------------------------


def config_timeformat(config: str | None, journal_path: str | None) -> str:
    """The timeformat jrnl writes the journal at ``journal_path`` with, from the text of its
    config (jrnl.yaml, or the JSON of jrnl 1): the journal's own, else the config's."""
    if not config:
        return DEFAULT_TIMEFORMAT
    try:
        if config.lstrip().startswith("{"):
            settings = json.loads(config)
            top, journals = settings.get("timeformat"), settings.get("journals") or {}
        else:
            top, journals = _read_yaml(config)
    except (ValueError, AttributeError, RecursionError):
        raise BadRecord(0, "--jrnl-config: the file is not a jrnl config reconcile can "
                           "read") from None
    for value in journals.values() if isinstance(journals, dict) else ():
        if isinstance(value, dict) and isinstance(value.get("timeformat"), str) and \
                _same_file(value.get("journal"), journal_path):
            return str(value["timeformat"])
    return top if isinstance(top, str) and top else DEFAULT_TIMEFORMAT


def _same_file(path: object, other: str | None) -> bool:
    if not isinstance(path, str) or not other:
        return False
    expanded = os.path.expandvars(os.path.expanduser(path))
    return os.path.realpath(expanded) == os.path.realpath(other)


def _read_yaml(text: str) -> tuple[str | None, dict[str, Any]]:
    """(timeformat, journals) from jrnl.yaml as jrnl writes it: block style, journals named
    under "journals:" as a path or as a mapping with "journal:" and their own settings."""
    top: str | None = None
    journals: dict[str, Any] = {}
    section = name = None
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        key, colon, value = raw.strip().partition(":")
        if not colon:
            continue
        value = _scalar(value)
        if indent == 0:
            section, name = key, None
            if key == "timeformat":
                top = value
        elif section == "journals" and (name is None or indent <= journals[name][0]):
            name = key
            journals[name] = (indent, value if value else {})
        elif section == "journals" and name is not None and isinstance(journals[name][1], dict):
            journals[name][1][key] = value
    return top, {key: value for key, (_, value) in journals.items()}


def _scalar(value: str) -> str:
    value = value.strip()
    if value.startswith("'"):
        end = re.match(r"'((?:[^']|'')*)'", value)
        return end[1].replace("''", "'") if end else value
    if value.startswith('"'):
        end = re.match(r'"((?:[^"\\]|\\.)*)"', value)
        return str(json.loads(f'"{end[1]}"')) if end else value
    return value.split(" #", 1)[0].strip()
