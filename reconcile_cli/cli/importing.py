"""import: merge a file in, all of it or none of it: reconcile's own export, or another tool's
(Day One, Journey, Daylio, jrnl), recognised from the file when --format is left out."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import BinaryIO

import click

from reconcile_cli import formats, store
from reconcile_cli.cli.context import App
from reconcile_cli.cli.output import say
from reconcile_cli.core import errors
from reconcile_cli.core.errors import BadRecord
from reconcile_cli.core.words import count

FORMATS = ("jsonl", "dayone", "journey", "daylio", "jrnl")
MAX_CONFIG_BYTES = 1_000_000


class _DryRun(Exception):
    """Raised to roll back a --dry-run import after counting what it would do."""


@click.command("import")
@click.argument("source", type=click.File("rb"), metavar="FILE")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="What FILE is (left out: recognised from the file). jsonl: a reconcile "
              "export; dayone: Day One's JSON export (its zip, or a .json from it); journey: "
              "Journey's zip; daylio: Daylio's CSV; jrnl: jrnl's journal file or its "
              "`jrnl --format json`.")
@click.option("--mood-map", metavar="NAME=N,...",
              help="Moods and their 1-10 ratings, added to the defaults: Daylio's rad=9, "
              "good=7, meh=5, bad=3, awful=1; Journey's faces 1=1, 2=3, 3=5, 4=7, 5=9. Quote a "
              "name holding a comma with its number: '\"tired, but fine=4\"'.")
@click.option("--activities-as", type=click.Choice(("tags", "items")), default="tags",
              show_default=True,
              help="Daylio's activities as @tags in the entry, or as checklist answers for the "
              "items of the same names (made, as things to do, where there are none).")
@click.option("--jrnl-config", type=click.Path(exists=True, dir_okay=False), metavar="PATH",
              help="jrnl's config file (jrnl.yaml), for the way its journal file writes dates.")
@click.option("--dry-run", is_flag=True, help="Say what would change, and change nothing.")
@click.pass_obj
def import_(app: App, source: BinaryIO, fmt: str | None, mood_map: str | None,
            activities_as: str, jrnl_config: str | None, dry_run: bool) -> None:
    """Merge FILE (or - for standard input) into your journal, all of it or none of it.

    Records are matched by id (entries), slug (items) and day and item (checklist answers);
    where both sides have one, the later change wins, and words changed on both sides are
    both kept. Importing a file twice changes nothing.
    """
    name = source_name(source)
    options = formats.importers.Options(
        today=app.today, mood_map=mood_map, activities_as=activities_as,
        jrnl_config=_config_text(jrnl_config),
        journal_path=None if name == "standard input" else name)
    reading: formats.importers.Reading | None = None
    counts: dict[str, Counter[str]] = {kind: Counter() for kind in IMPORTED}
    try:
        opened = formats.importers.recognise(source, name)
        # One undo step: `undo` right after takes back what it added and puts back what it
        # changed (entries it deleted for good, by a tombstone, stay deleted).
        with app.writing(f"imported {name}") as db:
            options.items = store.items(db, include_retired=True)
            reading, records = formats.importers.read(fmt, opened, options)
            with store.Merger(db) as merger:
                try:
                    for number, kind, record in records:
                        merger.take(number, kind, record)
                except BadRecord:
                    merger.write_waiting()  # a record before this one may be refused first
                    raise
            counts.update(merger.counts)
            if dry_run:
                raise _DryRun  # rolls the whole import back, index and all
    except _DryRun:
        pass
    except BadRecord as exc:
        where = f"{reading.place(exc.line)}: {exc.reason}" if exc.line and reading else \
            exc.reason
        raise errors.InvalidInput(f"Nothing was imported from {name}: {where}.") from None
    assert reading is not None
    _summary(name, reading, counts, merger.deleted_here, merger.copies, dry_run)


def _config_text(path: str | None) -> str | None:
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
        if len(data) > MAX_CONFIG_BYTES:
            raise errors.InvalidInput(f"{path} is too large to be jrnl's config; nothing was "
                                      "imported.")
        return data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise errors.InvalidInput(f"{path} cannot be read as jrnl's config; nothing was "
                                  "imported.") from None


def _summary(name: str, reading: formats.importers.Reading, counts: dict[str, Counter[str]],
             deleted_here: int, copies: int, dry_run: bool) -> None:
    # the first line as it has always been (a long path stays whole); then what it was read as
    say("Dry run, nothing changed. The import would make these changes:" if dry_run
        else f"Imported {name}:")
    if reading.what != formats.importers.WHAT["jsonl"]:
        line("read as", reading.what)
    if reading.journals:
        line("journals", ", ".join(f"{journal} ({count(entries, 'entry')})"
                                   for journal, entries in reading.journals))
    for kind, (label, skipped) in IMPORTED.items():
        c = counts[kind]
        if not sum(c.values()):
            continue
        if kind == "gone":
            text = f"{c['added']} added"
            if c["unchanged"]:
                text += f", {c['unchanged']} already here"
            if deleted_here:
                text += f" ({deleted_here} deleted here too)"
        else:
            text = f"{c['added']} added, {c['updated']} updated, {c['unchanged']} unchanged"
            if c["skipped"]:
                text += f", {c['skipped']} skipped ({skipped or 'removed here later'})"
        say(f"  {label}: {text}")
    if copies:
        line("kept both", f"{count(copies, 'conflicting copy')}: words changed on both sides "
                          "are both in `reconcile log`")
    left_out = [count(reading.left_out[kind], noun) for kind, noun in LEFT_OUT.items()
                if reading.left_out[kind]]
    if left_out:
        line("not kept", f"{_listed(left_out)}; reconcile keeps words, and each is marked "
                         "where it was, like [photo]")
    if reading.left_out["empty entry"]:
        line("not kept", f"{count(reading.left_out['empty entry'], 'empty entry')}, with no "
                         "words")
    if reading.moved == 1:
        line("moved", "1 entry was written for a day still to come; it is on today, with its "
                      "own day at the top of its text")
    elif reading.moved:
        line("moved", f"{count(reading.moved, 'entry')} were written for days still to come; "
                      "they are on today, each with its own day at the top of its text")


def line(label: str, text: str) -> None:
    say(f"  {label}: {text}")


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


# What an import counts, how it names each kind, and why records of the kind may be skipped.
IMPORTED = {
    "item": ("checklist items", ""),
    "entry": ("entries", "deleted here later"),
    "mark": ("checklist answers", ""),
    "setting": ("settings", "editor: a setting that names a program is never imported"),
    "gone": ("deletions", ""),
    "support": ("people on your support list", ""),
    "letter": ("letters in the drawer", "let go or removed here later"),
    "vision": ("versions of your vision", ""),
    "goal": ("goals", ""),
    "step": ("small steps", ""),
    "step_done": ("steps done", ""),
    "pause": ("pauses", ""),
    "prompt": ("questions of your own", ""),
}
# Attachments left out, by kind, with their nouns.
LEFT_OUT = {"photo": "photo", "video": "video", "audio": "audio recording", "pdf": "PDF",
            "attachment": "attachment"}


def source_name(source: BinaryIO) -> str:
    name = getattr(source, "name", "-")
    return "standard input" if name in ("-", "<stdin>") else str(Path(name))


COMMANDS = (import_,)
