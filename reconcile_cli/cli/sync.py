"""`reconcile sync`: two computers, one journal, through a folder a sync tool already keeps."""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

import click

from reconcile_cli import journal, store, views
from reconcile_cli.cli import syncing
from reconcile_cli.cli.context import App
from reconcile_cli.cli.output import echo, say
from reconcile_cli.core import errors
from reconcile_cli.core.text import clean
from reconcile_cli.core.words import count


@click.command()
@click.argument("folder", required=False, metavar="[FOLDER]")
@click.option("--name", metavar="NAME", help="This computer's name in the folder (default: its "
              "host name).")
@click.option("--status", "show_status", is_flag=True,
              help="The folder, the other computers, what waits and what was skipped.")
@click.option("--stop", is_flag=True, help="Unlink the journal from its folder (the folder is "
              "left as it is).")
@click.option("--json", "as_json", is_flag=True, help="With --status: print it as JSON.")
@click.pass_obj
def sync(app: App, folder: str | None, name: str | None, show_status: bool, stop: bool,
         as_json: bool) -> None:
    """Keep this journal in step with your other computers through FOLDER, a folder that
    Syncthing, Dropbox, Nextcloud, iCloud Drive or a git remote already keeps in step.

    `sync FOLDER` links the journal (on a new computer, builds it from the folder); after
    that every command syncs by itself, and `sync` alone syncs now.
    """
    app.auto_sync = False  # this command syncs in its own way
    if show_status or stop:
        if folder is not None or name is not None:
            raise click.UsageError("--status and --stop take no FOLDER or --name.")
        if stop:
            _stop(app)
        else:
            _status(app, as_json)
        return
    if folder is None:
        _now(app)
        return
    _link(app, Path(folder).expanduser(), name)


def _link(app: App, folder: Path, name: str | None) -> None:
    folder = folder.absolute()
    if folder.exists() and not folder.is_dir():
        raise errors.UsageProblem(f"{folder} is a file; sync needs a folder.")
    if not folder.exists():
        raise errors.UsageProblem(f"There is no folder {folder}; make it first (or point at the "
                                  "one your sync tool keeps).")
    journal.paths.refuse_as_home(app.path, folder)
    computer = " ".join(clean(name or socket.gethostname() or "this computer").split())[:60]
    if not computer:
        raise errors.UsageProblem("--name needs at least one letter.")
    said = journal.syncfolder.read_journal_file(folder)
    key = app.data_key() if app.path.exists() else None
    if said is not None and said.get("encrypted") and key is None:
        key = _join_sealed(app, folder)
    elif said is not None and not said.get("encrypted") and key is not None:
        raise errors.ReconcileError(
            "This journal is encrypted, and the journal in the folder is not: its words would "
            "lie there in plain text. Use another folder (a new, empty one).")
    elif said is not None and key is not None and not journal.keys.holds(
            folder / journal.syncfolder.KEY_FILE, key):
        raise errors.ReconcileError(
            "The journal in this folder is locked with another key than this one: it is "
            "another journal. Use another folder; nothing was changed.")
    journal_id = said["journal"] if said else str(uuid.uuid4())
    devices = [found.device for found in journal.syncfolder.change_files(folder)[0]]
    with app.writing() as db:
        fresh_device = store.take_new_device(db, devices)
        store.link(db, folder, journal_id, computer)
    if said is None:
        if key is not None:
            journal.syncfolder.write_key_file(folder, journal.keys.key_file(app.path))
        journal.syncfolder.write_journal_file(folder, journal_id, encrypted=key is not None)
    db = app.journal()
    written = syncing.write_changes(db, key, app.moment(), everything=True)
    taken = syncing.take_in(db, key, app.moment(), app.today)
    others = db.execute("SELECT count(*) FROM sync_peers").fetchone()[0]
    say(f"Linked to {folder} as \u201c{computer}\u201d: wrote {count(written, 'record')}, "
        f"took in {count(taken.files, 'file')} from {count(others, 'other computer')}."
        + (" This computer took a new id: its journal came from another one." if fresh_device
           else ""))
    if key is None:
        app.out.note_once("sync-plain", (
            "Note: this journal is not encrypted, so the folder holds its words in plain text, "
            "as your sync tool stores and sends them. `reconcile encrypt` seals them."))


def _join_sealed(app: App, folder: Path) -> bytes:
    """Join a folder of an encrypted journal: with its passphrase, this journal (made now, on a
    new computer) is encrypted with the same key, and its key file is the folder's."""
    from reconcile_cli.cli import locking, unlock

    journal.encryption.require_driver()
    content = journal.keys.load(folder / journal.syncfolder.KEY_FILE)
    echo("The journal in this folder is encrypted: its passphrase opens it here too.", err=True)
    data_key = unlock.unlock_with(
        lambda given: journal.keys.unwrap_with_passphrase(content, given))
    app.journal(create=True)
    app.reopen(None)  # closed: the file is about to be replaced
    key_path = journal.keys.key_file(app.path)
    locking.convert_in_place(app, None, data_key,
                             under_lock=lambda: journal.keys.save(key_path, content))
    locking.after_encrypting(app, data_key, key_path, remove_backups=False, remember=False)
    app.reopen(data_key)
    return data_key


def _now(app: App) -> None:
    db = app.journal()
    found = store.link_of(db)
    if found is None:
        raise errors.InvalidInput("This journal is not linked to a sync folder; `reconcile sync "
                                  "FOLDER` links it.")
    if not found.folder.is_dir():
        waiting = store.pending_count(db)
        raise errors.ReconcileError(
            f"The sync folder {found.folder} is not there (unplugged, or not mounted?); "
            f"{count(waiting, 'change')} {'waits' if waiting == 1 else 'wait'} to be written, "
            "and nothing is lost.")
    key = app.data_key()
    taken = syncing.take_in(db, key, app.moment(), app.today)
    written = syncing.write_changes(db, key, app.moment())
    syncing.compact(db, key, app.moment())
    say(f"Synced: took in {count(taken.files, 'file')}, wrote {count(written, 'change')}."
         + (f" {count(len(taken.skipped), 'file')} skipped: `reconcile sync --status` says why."
            if taken.skipped else ""))


def _status(app: App, as_json: bool) -> None:
    found = store.status(app.journal()) if app.path.exists() else None
    if as_json:
        app.out.json(found)
        return
    if found is None:
        say("This journal is not linked to a sync folder; `reconcile sync FOLDER` links it.")
        return
    app.out.print(views.sync_view(found))


def _stop(app: App) -> None:
    with app.writing() as db:
        found = store.link_of(db)
        if found is None:
            raise errors.InvalidInput("This journal is not linked to a sync folder.")
        store.unlink(db)
    say(f"Unlinked from {found.folder}; the folder is left as it is, and this journal syncs "
        "no more.")


COMMANDS = (sync,)
