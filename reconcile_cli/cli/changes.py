"""Changing what is written: edit, delete, trash, restore, and undo."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click

from reconcile_cli import journal, store, views
from reconcile_cli.cli import care, complete
from reconcile_cli.cli.context import App
from reconcile_cli.cli.intake import body_from_bytes, keeping
from reconcile_cli.cli.output import fitted, say
from reconcile_cli.cli.params import MOOD, move_date_option
from reconcile_cli.cli.typed import edit_text
from reconcile_cli.core import errors, words
from reconcile_cli.core.dates import long_date
from reconcile_cli.core.kinds import ENTRY_KINDS
from reconcile_cli.core.text import printable

if TYPE_CHECKING:
    from reconcile_cli.core.models import Entry


@click.command()
@click.argument("entry_id", metavar="ID", shell_complete=complete.entry_ids)
@click.option("--mood", type=MOOD, help="Set the entry's mood, 1 to 10.")
@move_date_option
@click.option("--kind", type=click.Choice(ENTRY_KINDS), help="Set the entry's kind.")
@click.pass_obj
def edit(app: App, entry_id: str, mood: int | None, day: dt.date | None,
         kind: str | None) -> None:
    """Rewrite an entry in your editor, or change its --mood, --date or --kind directly."""

    entry = store.find_entry(app.journal(), entry_id)
    fields: dict[str, str | int] = {
        name: value for name, value in
        (("mood", mood), ("day", day.isoformat() if day else None), ("kind", kind))
        if value is not None}
    if fields:
        with app.writing(f"changed the {', '.join(fields)} of entry {entry.short_id}") as db:
            store.update_entry(db, entry, app.now(), **fields, edited_at=app.now())
        say(f"Entry {entry.short_id} updated.")
        care.gentle_net(app, entry.day, mood, "")
        return
    raw, draft = edit_text(app, entry.day, entry.kind, entry.body.encode("utf-8"),
                           edit_of=entry.id)
    body = body_from_bytes(app, raw, entry.day, entry.kind, draft)
    if body == entry.body:
        journal.drafts.discard(draft)
        say(f"No changes: entry {entry.short_id} is as it was.")
        return
    if not body:
        journal.drafts.discard(draft)
        raise errors.NothingSaved(
            f"The text was emptied, so entry {entry.short_id} was left as it was. "
            f"To remove it, use `reconcile delete {entry.short_id}`."
        )
    with keeping(draft), app.writing(f"edited entry {entry.short_id}") as db:
        store.update_entry(db, entry, app.now(), body=body, edited_at=app.now())
    say(f"Entry {entry.short_id} saved.")
    care.gentle_net(app, entry.day, None, body)


@click.command()
@click.argument("entry_id", metavar="ID", shell_complete=complete.entry_ids)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def delete(app: App, entry_id: str, yes: bool) -> None:
    """Move an entry to the trash (`restore` brings it back; `undo` too)."""

    entry = store.find_entry(app.journal(), entry_id)
    question = (f"{long_date(entry.day)}  {entry.when}  {entry.short_id}\n"
                f"  {first_line(entry)}\nMove this entry to the trash?")
    if not yes and not click.confirm(fitted(question), default=False):
        say("Left as it was.")
        return
    with app.writing(f"moved entry {entry.short_id} to the trash") as db:
        store.update_entry(db, entry, app.now(), deleted_at=app.now())
    say(f"Moved entry {entry.short_id} to the trash. "
               f"`reconcile restore {entry.short_id}` brings it back.")


def first_line(entry: Entry, width: int = 60) -> str:
    """An entry's first line, cut to ``width`` (or its mood, when it has no words)."""

    line = printable(entry.body.strip().split("\n")[0]) if entry.body.strip() else ""
    if not line:
        return f"a mood of {entry.mood}, with no words" if entry.mood is not None else "(empty)"
    return line if len(line) <= width else line[:width - 1].rstrip() + "…"


@click.command()
@click.argument("entry_id", metavar="ID", shell_complete=complete.entry_ids)
@click.pass_obj
def restore(app: App, entry_id: str) -> None:
    """Bring an entry back from the trash."""

    entry = store.find_entry(app.journal(), entry_id, trashed=True)
    with app.writing(f"restored entry {entry.short_id} from the trash") as db:
        store.update_entry(db, entry, app.now(), deleted_at=None)
    say(f"Entry {entry.short_id} is back in your journal.")


@click.command()
@click.option("--empty", is_flag=True, help="Delete the entries in the trash for good.")
@click.option("--older-than", "older_than", type=click.IntRange(min=0, max=100_000, clamp=True),
              metavar="DAYS",
              help="With --empty: only entries trashed more than DAYS days ago.")
@click.option("--yes", is_flag=True, help="With --empty: do not ask for confirmation.")
@click.pass_obj
def trash(app: App, empty: bool, older_than: int | None, yes: bool) -> None:
    """The entries in the trash; --empty deletes them for good."""

    if older_than is not None and not empty:
        raise click.UsageError("--older-than goes with --empty.")
    trashed = store.trashed_entries(app.journal())
    if not empty:
        if not trashed:
            say("The trash is empty.")
            return

        app.out.print(views.trash_view(trashed))
        return
    cutoff = None
    if older_than is not None:
        cutoff = (app.moment() - dt.timedelta(days=older_than)).isoformat(timespec="seconds")
    doomed = [e for e in trashed
              if cutoff is None or (e.deleted_at is not None and e.deleted_at < cutoff)]
    if not doomed:
        say("Nothing to delete.")
        return
    question = (f"Delete {words.count(len(doomed), 'entry')} for good? "
                "This cannot be undone.")
    if not yes and not click.confirm(fitted(question), default=False):
        say("Left as it was.")
        return
    with app.writing() as db:  # no change record: deleted for good means no copy is kept
        # exactly the entries listed above, if they are still in the trash
        count = store.delete_for_good(db, [entry.id for entry in doomed])
    store.compact(app.journal())
    say(f"Deleted {words.count(count, 'entry')} for good.")
    if count and any(journal.backups.folder(app.path).glob("*.db")):
        say(f"Backups made before now, in {journal.backups.folder(app.path)}, still hold "
                   f"{'it' if count == 1 else 'them'} until they are replaced (the automatic "
                   "ones within a week).")


@click.command()
@click.option("--list", "list_changes", is_flag=True, help="Show the last 20 changes instead.")
@click.pass_obj
def undo(app: App, list_changes: bool) -> None:
    """Undo the most recent change (an entry, a mood, an answer, an edit, a delete...).

    Each call undoes one more, newest first.
    """

    if list_changes:
        changes = store.recent_changes(app.journal())
        if not changes:
            say("No changes to undo.")
        for at, description in changes:
            say(f"{at[:16].replace('T', ' ')}  {description}", hang=" " * 18)
        return
    try:
        with app.writing() as db:
            undone = store.undo_last_change(db)
    except errors.UndoBlocked as blocked:
        with app.writing() as db:  # so that undo is not stuck on it for good
            store.drop_change(db, blocked.seq)
        raise
    if undone is None:
        raise errors.NothingSaved("There is nothing left to undo.")
    say(f"Undone: {undone}.")


def _set_star(app: App, entry_id: str, starred: bool) -> None:
    entry = store.find_entry(app.journal(), entry_id)
    verb = "starred" if starred else "unstarred"
    with app.writing(f"{verb} entry {entry.short_id}") as db:
        store.set_starred(db, entry, starred, app.now())
    say(f"Entry {entry.short_id} is {verb}." + (
        " `reconcile comfort` and `log --starred` bring it back on a hard night."
        if starred else ""))


@click.command()
@click.argument("entry_id", metavar="ID", shell_complete=complete.entry_ids)
@click.pass_obj
def star(app: App, entry_id: str) -> None:
    """Star an entry: a line worth rereading on a hard night."""
    _set_star(app, entry_id, True)


@click.command()
@click.argument("entry_id", metavar="ID", shell_complete=complete.entry_ids)
@click.pass_obj
def unstar(app: App, entry_id: str) -> None:
    """Take the star off an entry."""
    _set_star(app, entry_id, False)


COMMANDS = (edit, delete, restore, trash, undo, star, unstar)
