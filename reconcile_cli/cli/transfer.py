"""export: your journal out, in our format (to import again), as text to read, or for another
app: Day One's JSON zip, or a folder of Markdown notes (Obsidian, Logseq)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator

import click

from reconcile_cli import formats, journal, store
from reconcile_cli.cli.context import App
from reconcile_cli.cli.output import written_out
from reconcile_cli.cli.params import DAY, check_range
from reconcile_cli.core import errors
from reconcile_cli.core.dates import parse_moment
from reconcile_cli.core.models import ExportRecord
from reconcile_cli.core.text import printable

FORMATS = ("jsonl", "md", "csv", "dayone", "markdown-folder")


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="jsonl: everything, to import again; md: a readable journal; csv: one row "
              "per day; dayone: a zip Day One imports (-o FILE.zip); markdown-folder: a note a "
              "day for Obsidian or Logseq (-o FOLDER, or -o FILE.zip).")
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
    first, last = (since.isoformat() if since else None), (until.isoformat() if until else None)
    to_screen = output in (None, "-") and sys.stdout.isatty()
    if fmt == "dayone" and to_screen:
        raise errors.UsageProblem("A Day One export is a zip file; write it with -o, such as "
                                  "-o journal-dayone.zip.")
    if fmt == "markdown-folder" and output in (None, "-"):
        raise errors.UsageProblem("A markdown-folder export is a folder; give one with -o "
                                  "FOLDER, or a zip with -o FILE.zip.")
    db = app.journal()
    if fmt == "markdown-folder" and not str(output).lower().endswith(".zip"):
        with read_snapshot(db):
            _folder(app, str(output), force, store.export_records(db, first, last))
        return
    with read_snapshot(db), written_out(app, output, force, "Exported to") as out:
        records = store.export_records(db, first, last)
        if fmt == "dayone":
            formats.dayone_out.write(out.handle, records, store.entry_zones(db, first, last),
                                     parse_moment(app.now()))
            return
        if fmt == "markdown-folder":
            archive = formats.zips.ZipWriter(out.handle, parse_moment(app.now()).timetuple()[:6])
            for path, data in formats.folder_out.day_files(records):
                archive.add(path, [data])
            archive.close()
            return
        lines = (formats.exporters.jsonl(store.records(db, first, last), app.now())
                 if fmt == "jsonl" else formats.exporters.markdown(records) if fmt == "md"
                 else formats.exporters.csv_rows(records))
        for line in lines:
            # jsonl escapes every control character itself; the others are text to read
            shown = printable(line) if out.terminal and fmt != "jsonl" else line
            out.handle.write(shown.encode("utf-8") + b"\n")


def _folder(app: App, target: str, force: bool, records: Iterator[ExportRecord]) -> None:
    """A folder of notes, written whole or not at all (journal/folders.py)."""
    files = journal.files
    protected = files.Protected(app.path, journal.paths.drafts_dir(app.path))
    with journal.folders.destination(target, force=force, protected=protected) as folder:
        if app.encrypted:
            app.out.note("Note: your journal is encrypted, but this is written as plain "
                         "text; keep it somewhere private, or remove it when done.")
        for path, data in formats.folder_out.day_files(records):
            folder.write(path, data)
    app.out.note(f"Exported to {target}.")


COMMANDS = (export,)
