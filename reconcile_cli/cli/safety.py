"""Keeping the journal safe: backups made, listed and restored."""

from __future__ import annotations

from pathlib import Path

import click

from reconcile_cli import journal
from reconcile_cli.cli.context import App
from reconcile_cli.cli.output import echo, say
from reconcile_cli.core import errors
from reconcile_cli.core.dates import long_date
from reconcile_cli.journal import paths


@click.command()
@click.argument("dest", required=False, type=click.Path(path_type=Path))
@click.option("--list", "list_them", is_flag=True,
              help="List the backups, newest first, with their day and size.")
@click.option("--restore", "restore_from", metavar="FILE", type=click.Path(path_type=Path),
              help="Put the journal back as it was in this backup (a name from --list, or a "
              "path); the journal as it is now is kept as a backup first.")
@click.pass_obj
def backup(app: App, dest: Path | None, list_them: bool, restore_from: Path | None) -> None:
    """Copy the journal safely (even while it is in use) to DEST, or to the backups folder;
    list the backups, or restore one."""

    if sum((dest is not None, list_them, restore_from is not None)) > 1:
        raise click.UsageError("Give DEST, --list or --restore FILE, one at a time.")
    if list_them:
        list_backups(app)
        return
    if restore_from is not None:
        restore(app, restore_from)
        return
    target = journal.backups.manual(app.journal().conn, app.path, dest, app.moment(),
                                    work_dir=paths.drafts_dir(app.path), lock=app.lock())
    say(f"Backed up to {target}")


def _when(moment: object) -> str:
    import datetime as dt

    assert isinstance(moment, dt.datetime)
    return f"{long_date(moment.date().isoformat())} at {moment:%H:%M}"


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, size // 1000)} KB"


def list_backups(app: App) -> None:
    found = journal.restore.listing(app.path, app.encrypted)
    if not found:
        say("No backups yet: `reconcile backup` makes one.")
        return
    for backup in found:
        echo(f"{_when(backup.taken)}  {_size(backup.size):>7}  {backup.path.name}"
             + ("" if backup.whole else "  (incomplete: cannot be restored)"))


def restore(app: App, given: Path) -> None:
    """Put the backup ``given`` (a path, or a name in backups/) in the journal's place."""
    source = given.expanduser()
    if not source.exists() and (journal.backups.folder(app.path) / given.name).exists():
        source = journal.backups.folder(app.path) / given.name
    if not source.exists():
        raise errors.InvalidInput(f"There is no backup {given}; `reconcile backup --list` shows "
                                  "them.")
    if source.resolve() == app.path.resolve():
        raise errors.InvalidInput(f"{given} is your journal itself; nothing was changed.")
    key = app.data_key() if app.path.exists() else _key_for_a_missing_journal(app, source)
    lock = journal.backups.Lock(key, paths.key_file(app.path)) if key is not None else None
    kept = journal.restore.restore(app.path, source, key, app.moment(),
                                   paths.drafts_dir(app.path), lock)
    when = _when(journal.restore.taken_at(source))
    say(f"Restored the journal as it was on {when}; " + (
        f"the journal as it was a moment ago is kept as {kept}." if kept is not None
        else "there was no journal here before."))


def _key_for_a_missing_journal(app: App, source: Path) -> bytes | None:
    """With no journal in place, an encrypted backup is unlocked with the journal's key file
    (or its copy in backups/), which must stay beside the restored journal."""
    if journal.encryption.state(source) != "encrypted":
        return None
    from reconcile_cli.cli import unlock

    copy = journal.backups.key_file_copy(app.path)
    key_path = paths.key_file(app.path)
    if not key_path.exists() and copy.exists():
        journal.backups.copy_key_file(copy, key_path, unlock.data_key(app.path, copy, []),
                                      paths.drafts_dir(app.path))
    return unlock.data_key(app.path, key_path, [copy] if copy.exists() else [])


COMMANDS = (backup,)
