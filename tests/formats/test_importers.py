"""The importers' pure parts: recognising a file, HTML as text, jrnl's config and titles, tags,
mood maps, and where a record is."""

import datetime as dt
import io
import json

import pytest

from reconcile_cli.core.errors import BadRecord
from reconcile_cli.formats import importers, jrnl
from reconcile_cli.formats.html_text import to_text
from reconcile_cli.formats.sources import Reading, parse_mood_map, slug_of, tag_line

TODAY = dt.date(2026, 11, 22)


class Pipe(io.RawIOBase):
    """A stream that cannot seek, like standard input from a pipe, read in small pieces."""

    def __init__(self, data: bytes):
        self.data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self.data.read(min(len(buffer), 1000))
        buffer[:len(chunk)] = chunk
        return len(chunk)


def read_all(data: bytes, fmt: str | None = None) -> tuple[str, list]:
    opened = importers.recognise(io.BufferedReader(Pipe(data)), "standard input")
    reading, records = importers.read(fmt, opened, importers.Options(today=TODAY))
    return reading.what, list(records)


def test_a_pipe_is_recognised_and_then_read_from_its_start():
    header = json.dumps({"format": "reconcile", "version": 1, "exported_at": "x"})
    lines = [json.dumps({"type": "entry", "id": f"00000000-0000-4000-8000-{n:012d}",
                         "day": "2026-11-20", "created_at": "2026-11-20T21:00:00+00:00",
                         "updated_at": "2026-11-20T21:00:00+00:00", "kind": "journal",
                         "body": f"entry {n} " + "x" * 500}) for n in range(300)]
    what, records = read_all(("\n".join([header, *lines]) + "\n").encode())
    assert what == "a reconcile export"
    assert [number for number, _, _ in records] == list(range(2, 302))
    assert records[-1][2]["body"].startswith("entry 299 ")
    # one JSON document over many lines (Day One's, pretty-printed) read whole from a pipe
    document = {"metadata": {"version": "1.0"}, "entries": [
        {"uuid": "A1B2C3D4E5F60718293A4B5C6D7E8F90", "creationDate": "2026-11-20T20:00:00Z",
         "timeZone": "Europe/London", "text": "Piped " + "y" * 70_000}]}
    what, records = read_all(json.dumps(document, indent=2).encode())
    assert what == "a Day One export"
    assert records[0][2]["body"] == "Piped " + "y" * 70_000


@pytest.mark.parametrize(("data", "kind"), [
    (b"", "jsonl"),
    (b'{"format": "reconcile", "version": 1}\n', "jsonl"),
    (b'{"type": "entry"}\n', "jsonl"),
    (b'{"entries": [{"title": "t", "date": "2026-11-20"}], "tags": {}}', "jrnl"),
    (b'{\n  "tags": {},\n  "entries": []\n}', "jrnl"),
    (b'{"id": "1-abcdefgh", "date_journal": 1, "text": ""}', "journey"),
    (b"\xef\xbb\xbffull_date,date,weekday,time,mood,activities,note\r\n", "daylio"),
    (b'"year","date","weekday","time","mood","activities","note"\n', "daylio"),
    (b"[2026-11-20 09:00] Title.\n", "jrnl"),
    (b"gAAAAABl8x3Z", "jrnl"),
    (b"when,how\n", None),
    (b"\x00\x01binary", None),
])
def test_a_file_is_recognised_by_what_it_holds(data, kind):
    assert importers.recognise(io.BytesIO(data), "f").kind == kind


@pytest.mark.parametrize(("html", "text"), [
    ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
    ("a<br>b<br><br>c", "a\nb\n\nc"),
    ("<ul><li>x</li><li><p>y</p></li></ul><p>after</p>", "- x\n- y\n\nafter"),
    ("<b>Bold</b> &amp; <i>it</i>&nbsp;&lt;3", "Bold & it <3"),
    ("<p>  spaced   out </p>", "spaced out"),
    ("<style>p {}</style><p>kept</p>", "kept"),
])
def test_html_becomes_text_with_its_paragraphs(html, text):
    assert to_text(html) == text


def test_html_notes_typed_with_newlines_keep_them():
    assert to_text("line one\nline  two<br>three", keep_newlines=True) == \
        "line one\nline two\nthree"


CONFIG = """# jrnl's config, as jrnl 4 writes it
colors:
  body: none
journals:
  default:
    journal: /home/sam/.local/share/jrnl/journal.txt
  work: ~/work.txt          # the older way: a path alone
  twelve:
    journal: /data/twelve.txt
    timeformat: '%F %r'   # its own
  quoted:
    journal: "/data/quoted.txt"
    timeformat: "%d.%m.%Y %H:%M"
  odd:
    journal: /data/odd.txt
    timeformat: 'it''s %Y-%m-%d'
timeformat: '%Y-%m-%d %H:%M'
version: v4.6
"""


@pytest.mark.parametrize(("path", "timeformat"), [
    ("/data/twelve.txt", "%F %r"), ("/data/quoted.txt", "%d.%m.%Y %H:%M"),
    ("/data/odd.txt", "it's %Y-%m-%d"), ("/data/other.txt", "%Y-%m-%d %H:%M"),
    (None, "%Y-%m-%d %H:%M"),
])
def test_jrnl_s_config_gives_the_journal_s_own_timeformat(path, timeformat):
    assert jrnl.config_timeformat(CONFIG, path) == timeformat


def test_jrnl_1_s_json_config_and_an_unreadable_one():
    old = json.dumps({"timeformat": "%Y-%m-%d %H:%M:%S", "journals": {"default": "/j.txt"}})
    assert jrnl.config_timeformat(old, "/j.txt") == "%Y-%m-%d %H:%M:%S"
    assert jrnl.config_timeformat(None, "/j.txt") == "%Y-%m-%d %H:%M"
    with pytest.raises(BadRecord, match="--jrnl-config: the file is not a jrnl config"):
        jrnl.config_timeformat("{not json", "/j.txt")


@pytest.mark.parametrize(("text", "split"), [
    ("Title.\nBody.\n", ("Title.", "Body.", False)),
    ("One line. Then more", ("One line.", "Then more", False)),
    ("Version 1.2 is out. Wow", ("Version 1.2 is out.", "Wow", False)),
    ("Starred title *\nBody *\n", ("Starred title", "Body *", True)),
    ("Star on one line. Still title *", ("Star on one line. Still title", "", True)),
    ("*Not starred\nbody", ("*Not starred", "body", False)),
    ("   Leading spaces. And more\n", ("Leading spaces. And more", "", False)),
    ("No terminator at all", ("No terminator at all", "", False)),
    ("日本語。続き", ("日本語。", "続き", False)),
])
def test_jrnl_titles_and_stars(text, split):
    assert jrnl.split_entry(text) == split


def test_tags_from_another_app_become_at_words_once():
    assert tag_line(["travel", "with friends", "C++ & co", "❤️", "Travel"], "") == \
        "@travel @with-friends @C-co ❤️"
    assert tag_line(["kids", "work"], "Played with the @Kids today") == "@work"


def test_item_slugs_for_names():
    assert slug_of("Good meal") == "good-meal"
    assert slug_of("2ćities / movies") == "2cities-movies"
    assert slug_of("散歩") == "activity-" + slug_of("散歩")[9:] and len(slug_of("散歩")) == 17


def test_mood_maps_with_quoted_names_and_refusals():
    assert parse_mood_map('rad=9, "tired, but fine=4", sad  =2') == {
        "rad": 9, "tired, but fine": 4, "sad": 2}
    with pytest.raises(BadRecord, match="'meh=11' is not NAME=N with N from 1 to 10"):
        parse_mood_map("meh=11")


def test_a_place_is_named_by_the_span_it_is_in():
    reading = Reading("a Day One export")
    reading.start(1, "Journal.json entry")
    reading.start(215, "Travel.json entry")
    reading.start(300, "1673814667000-3fb32c66c4bd4cd0.json", counted=False)
    assert [reading.place(n) for n in (1, 214, 215, 216, 300)] == [
        "Journal.json entry 1", "Journal.json entry 214", "Travel.json entry 1",
        "Travel.json entry 2", "1673814667000-3fb32c66c4bd4cd0.json"]
    assert Reading("x").place(4) == "line 4"


def test_a_journal_on_one_long_line_is_still_a_document(monkeypatch):
    # Android writes JSON without line breaks: one line longer than any JSON Lines line
    monkeypatch.setattr(importers, "MAX_LINE_BYTES", 100)
    document = {"metadata": {}, "entries": [
        {"uuid": "A1B2C3D4E5F60718293A4B5C6D7E8F90", "creationDate": "2026-11-20T20:00:00Z",
         "text": "One long line " * 20}]}
    assert importers.recognise(io.BytesIO(json.dumps(document).encode()), "f").kind == "dayone"
