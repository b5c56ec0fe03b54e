"""Keeping the journal safe: backups, made, listed and restored."""

from __future__ import annotations

from pathlib import Path

import click

from reconcile_cli import journal
from reconcile_cli.cli.context import App
from reconcile_cli.cli.output import echo
from reconcile_cli.journal import paths


@click.command()
@click.argument("dest", required=False, type=click.Path(path_type=Path))
@click.pass_obj
def backup(app: App, dest: Path | None) -> None:
    """Copy the journal safely (even while it is in use) to DEST, or to the backups folder."""

    target = journal.backups.manual(app.journal().conn, app.path, dest, app.moment(),
                            work_dir=paths.drafts_dir(app.path), lock=app.lock())
    echo(f"Backed up to {target}")


COMMANDS = (backup,)
