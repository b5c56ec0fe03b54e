"""Your data stays yours: export and import (merge) in our format, and from jrnl and Daylio."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import BinaryIO

import click

from reconcile_cli import formats, store
from reconcile_cli.cli.context import App
from reconcile_cli.cli.output import say, written_out
from reconcile_cli.cli.params import DAY, check_range
from reconcile_cli.core import errors
from reconcile_cli.core.errors import BadRecord
from reconcile_cli.core.text import printable
from reconcile_cli.core.words import count

FORMATS = ("jsonl", "md", "csv")


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="jsonl: everything, to import again; md: a readable journal; csv: one row "
              "per day.")
@click.option("--since", type=DAY, help="First day to include.")
@click.option("--until", type=DAY, help="Last day to include.")
@click.option("-o", "--output", metavar="FILE",
              help="Write to this file (private, 0600) instead of the screen; - is the screen.")
@click.option("--force", is_flag=True, help="Replace the --output file if it exists.")
@click.pass_obj
def export(app: App, fmt: str, since: dt.date | None, until: dt.date | None, output: str | None,
           force: bool) -> None:
    """Write your journal out: the whole of it, or the days from --since to --until."""
    from reconcile_cli.journal.db import read_snapshot

    check_range(since, until)
    db = app.journal()
    with read_snapshot(db), written_out(app, output, force, "Exported to") as out:
        records = store.export_records(db, since.isoformat() if since else None,
                                       until.isoformat() if until else None)
        lines = (formats.exporters.jsonl(records, app.now()) if fmt == "jsonl"
                 else formats.exporters.markdown(records) if fmt == "md"
                 else formats.exporters.csv_rows(records))
        for line in lines:
            # jsonl escapes every control character itself; the others are text to read
            shown = printable(line) if out.terminal and fmt != "jsonl" else line
            out.handle.write(shown.encode("utf-8") + b"\n")


class _DryRun(Exception):
    """Raised to roll back a --dry-run import after counting what it would do."""


@click.command("import")
@click.argument("source", type=click.File("rb"), metavar="FILE")
@click.option("--format", "fmt", type=click.Choice(("jsonl", "jrnl", "daylio")),
              default="jsonl", show_default=True,
              help="jsonl: a reconcile export; jrnl: `jrnl --format json`; daylio: Daylio's CSV.")
@click.option("--mood-map", default="rad=9,good=7,meh=5,bad=3,awful=1", show_default=True,
              help="With --format daylio: each mood name and its 1-10 rating.")
@click.option("--dry-run", is_flag=True, help="Say what would change, and change nothing.")
@click.pass_obj
def import_(app: App, source: BinaryIO, fmt: str, mood_map: str, dry_run: bool) -> None:
    """Merge FILE (or - for standard input) into your journal, all of it or none of it.

    Records are matched by id (entries), slug (items) and day and item (checklist answers);
    where both sides have one, the later updated_at wins. Importing a file twice changes nothing.
    """

    counts: dict[str, Counter[str]] = {kind: Counter() for kind in IMPORTED}
    name = source_name(source)
    try:
        # One undo step: `undo` right after takes back what it added and puts back what it
        # changed (entries it deleted for good, by a tombstone, stay deleted).
        with app.writing(f"imported {name}") as db:
            with store.Merger(db, app.now()) as merger:
                try:
                    for number, kind, record in formats.importers.read(fmt, source, app.today,
                                                               mood_map):
                        merger.merge(number, kind, record)
                except BadRecord:
                    merger.write_waiting()  # a line before this one may be refused first
                    raise
            counts.update(merger.counts)
            if dry_run:
                raise _DryRun  # rolls the whole import back, index and all
    except _DryRun:
        pass
    except BadRecord as exc:
        where = f"{exc}" if exc.line else exc.reason
        raise errors.InvalidInput(f"Nothing was imported from {name}: {where}.") from None
    say("Dry run, nothing changed. The import would make these changes:" if dry_run
               else f"Imported {name}:")
    for kind, (label, skipped) in IMPORTED.items():
        c = counts[kind]
        if not sum(c.values()):
            continue
        if kind == "tombstone":
            line = f"  {label}: {c['added']} added"
            if c["unchanged"]:
                line += f", {c['unchanged']} already here"
            if merger.deleted_here:
                line += (f" ({count(merger.deleted_here, 'entry')}"
                         " deleted for good here too)")
        else:
            line = (f"  {label}: {c['added']} added, {c['updated']} updated, "
                    f"{c['unchanged']} unchanged")
            if c["skipped"]:
                line += f", {c['skipped']} skipped ({skipped})"
        say(line)


# What an import counts, how it names each kind, and why records of the kind may be skipped.
IMPORTED = {
    "item": ("checklist items", ""),
    "entry": ("entries", "deleted for good here"),
    "mark": ("checklist answers", ""),
    "setting": ("settings", "editor: a setting that names a program is never imported"),
    "tombstone": ("tombstones", ""),
    "support": ("people on your support list", ""),
    "letter": ("letters in the drawer", "let go here"),
    "vision": ("versions of your vision", ""),
    "goal": ("goals", ""),
    "step": ("small steps", ""),
    "step_done": ("steps done", ""),
    "pause": ("pauses", ""),
    "prompt": ("questions of your own", ""),
}


def source_name(source: BinaryIO) -> str:
    name = getattr(source, "name", "-")
    return "standard input" if name in ("-", "<stdin>") else name


COMMANDS = (export, import_)
