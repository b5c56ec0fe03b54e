"""Reading a file to import: recognising what it is (zip contents, JSON shape, CSV header), then
its records, checked, from the reader of its format. Pure.

Every reader yields (position, kind, record), where Reading.place names a position for a
message ("line 4", "Journal.json entry 214"), and raises errors.BadRecord for what it cannot
take (position 0: the file as a whole).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, cast

from reconcile_cli.core.errors import BadRecord
from reconcile_cli.formats import daylio, dayone, journey, jrnl
from reconcile_cli.formats.interchange import parse
from reconcile_cli.formats.sources import (
    MAX_FILE_BYTES,
    MAX_LINE_BYTES,
    Options as Options,  # re-exported: what cli gives an import
    Reading as Reading,
    Records,
)
from reconcile_cli.formats.zips import SafeZip, is_zip

FORMATS = ("jsonl", "dayone", "journey", "daylio", "jrnl")
WHAT = {"jsonl": "a reconcile export", "dayone": dayone.WHAT, "journey": journey.WHAT,
        "daylio": daylio.WHAT, "jrnl": "a jrnl journal"}
KNOWN = ("reconcile's own exports, Day One and Journey exports, Daylio's CSV, and jrnl's "
         "journal file or JSON")


@dataclass
class Opened:
    """A file to import, looked at: the format it seems to be (None: none known) and what was
    found on the way (the parsed JSON document, the zip)."""

    kind: str | None
    what: str  # what it looks like, for the summary or a message
    handle: BinaryIO  # at its start
    name: str
    document: Any = None
    archive: SafeZip | None = None


def recognise(handle: BinaryIO, name: str) -> Opened:
    """Look at the start of ``handle`` (and a zip's list of files) to say what the file is."""
    source: BinaryIO = handle if _seekable(handle) else cast(BinaryIO, _Rewindable(handle))
    head = source.read(64 * 1024)
    source.seek(0)
    if is_zip(head):
        if isinstance(source, _Rewindable):
            raise BadRecord(0, "a zip cannot be read from standard input; give its file name")
        return _recognise_zip(source, name)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    opened = Opened(None, "a file of a kind reconcile does not import", source, name)
    if not start:
        opened.kind, opened.what = "jsonl", WHAT["jsonl"]
    elif jrnl.looks_like_journal_file(start) or jrnl.looks_encrypted(start):
        opened.kind, opened.what = "jrnl", jrnl.WHAT_TEXT
    elif start.startswith(b"{"):
        _recognise_json(opened)
    elif daylio.looks_like_daylio(start):
        opened.kind, opened.what = "daylio", daylio.WHAT
    source.seek(0)
    if isinstance(source, _Rewindable):
        opened.handle = source.release()
    return opened


def _recognise_zip(source: BinaryIO, name: str) -> Opened:
    archive = SafeZip(source)
    if journey.entries_in(archive):
        return Opened("journey", journey.WHAT, source, name, archive=archive)
    if dayone.journals_in(archive):
        return Opened("dayone", dayone.WHAT, source, name, archive=archive)
    return Opened(None, "a zip that holds neither a Day One nor a Journey export", source, name,
                  archive=archive)


def _recognise_json(opened: Opened) -> None:
    """JSON Lines (reconcile's own: a header line), or one JSON document (Day One's journal,
    jrnl's export, a Journey entry), which is kept parsed for its reader."""
    first = opened.handle.readline(MAX_LINE_BYTES + 1)
    document = _json(first) if len(first) <= MAX_LINE_BYTES else None
    if document is None:  # a document over many lines, or one long line (Android's)
        opened.handle.seek(0)
        whole = opened.handle.read(MAX_FILE_BYTES + 1)
        document = _json(whole) if len(whole) <= MAX_FILE_BYTES else None
    for kind, what, looks in (("dayone", dayone.WHAT, dayone.looks_like_dayone),
                              ("jrnl", jrnl.WHAT_JSON, jrnl.looks_like_jrnl_json),
                              ("journey", journey.WHAT, journey.looks_like_journey)):
        if looks(document):
            opened.kind, opened.what, opened.document = kind, what, document
            return
    # reconcile's own, or lines that say what is wrong with them as reconcile's
    opened.kind, opened.what = "jsonl", WHAT["jsonl"]


def _json(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def read(fmt: str | None, opened: Opened, options: Options) -> tuple[Reading, Records]:
    """(what the reading learns, the records) of ``opened``, read as ``fmt`` (None: as what it
    looks like). A file that looks like another format than ``fmt`` is refused, saying so."""
    kind = fmt or opened.kind
    if kind is None:
        raise BadRecord(0, f"it looks like {opened.what}; reconcile imports {KNOWN}")
    if fmt and opened.kind and fmt != opened.kind:
        raise BadRecord(0, f"it looks like {opened.what}, not {WHAT[fmt]}; leave out "
                           f"--format, or give --format {opened.kind}")
    what = opened.what if opened.kind == kind else WHAT[kind]
    reading = Reading(what)
    return reading, _records(kind, opened, options, reading)


def _records(kind: str, opened: Opened, options: Options, reading: Reading) -> Records:
    if kind == "jsonl":
        reading.start(1, "line")
        return parse(_lines(opened.handle), options.today)
    if kind == "daylio":
        return daylio.read(opened.handle, options, reading)
    if kind == "jrnl":
        if opened.document is not None:
            return jrnl.read_json(opened.document, options, reading)
        return jrnl.read_text(opened.handle, options, reading)
    if kind == "dayone":
        if opened.archive is not None:
            return dayone.read_zip(opened.archive, options, reading)
        if opened.document is not None:
            return dayone.read_document(opened.document, opened.name, options, reading)
    if kind == "journey":
        if opened.archive is not None:
            return journey.read_zip(opened.archive, options, reading)
        if opened.document is not None:
            return journey.read_document(opened.document, opened.name, options, reading)
    raise BadRecord(0, f"it is not {WHAT[kind]}")


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


def _seekable(handle: BinaryIO) -> bool:
    try:
        return handle.seekable()
    except (OSError, ValueError, AttributeError):
        return False


class _Rewindable(io.RawIOBase):
    """Standard input, which cannot seek, made to go back to its start while the file is being
    recognised: what is read is kept until release(), then read again before the rest."""

    def __init__(self, source: BinaryIO):
        self.source = source
        self.kept = bytearray()
        self.at = 0
        self.keeping = True

    def readable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        if (offset, whence) != (0, 0) or not self.keeping:
            raise OSError("standard input can only go back to its start while it is looked at")
        self.at = 0
        return 0

    def release(self) -> BinaryIO:
        """The stream from its start, keeping nothing more (buffered for reading lines)."""
        self.at, self.keeping = 0, False
        return io.BufferedReader(self, 1024 * 1024)

    def _fill(self, size: int) -> bool:
        data = self.source.read(size)
        self.kept += data
        return bool(data)

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self.at >= len(self.kept):
            if not self.keeping:
                self.kept, self.at = bytearray(), 0  # what was kept is read: let it go
                data = self.source.read(len(view))
                view[:len(data)] = data
                return len(data)
            if not self._fill(max(len(view), 65536)):
                return 0
        count = min(len(view), len(self.kept) - self.at)
        view[:count] = self.kept[self.at:self.at + count]
        self.at += count
        return count

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            while self._fill(1024 * 1024):
                pass
            size = len(self.kept) - self.at
        while len(self.kept) - self.at < size and self._fill(max(65536, size)):
            pass
        data = bytes(self.kept[self.at:self.at + size])
        self.at += len(data)
        return data

    def readline(self, size: int | None = -1) -> bytes:
        limit = -1 if size is None else size
        while True:
            end = self.kept.find(b"\n", self.at)
            if end >= 0 or (0 <= limit <= len(self.kept) - self.at) or not self._fill(65536):
                break
        stop = len(self.kept) if end < 0 else end + 1
        if limit >= 0:
            stop = min(stop, self.at + limit)
        line = bytes(self.kept[self.at:stop])
        self.at = stop
        return line
