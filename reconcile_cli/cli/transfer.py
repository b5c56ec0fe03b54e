"""export: your journal out, in our format (to import again) or as text to read."""

from __future__ import annotations

import datetime as dt

import click

from reconcile_cli import formats, store
from reconcile_cli.cli.context import App
from reconcile_cli.cli.output import written_out
from reconcile_cli.cli.params import DAY, check_range
from reconcile_cli.core.text import printable

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


COMMANDS = (export,)
