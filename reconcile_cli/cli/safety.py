"""Keeping the journal safe: backup and doctor."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import click

from reconcile_cli import journal, store
from reconcile_cli.cli.context import App
from reconcile_cli.cli.output import say
from reconcile_cli.core import errors
from reconcile_cli.core.words import count
from reconcile_cli.journal import paths
from reconcile_cli.journal.paths import key_file


@click.command()
@click.argument("dest", required=False, type=click.Path(path_type=Path))
@click.pass_obj
def backup(app: App, dest: Path | None) -> None:
    """Copy the journal safely (even while it is in use) to DEST, or to the backups folder."""

    target = journal.backups.manual(app.journal().conn, app.path, dest, app.moment(),
                            work_dir=paths.drafts_dir(app.path), lock=app.lock())
    say(f"Backed up to {target}")


def private_mode_problems(path: Path, wanted: int, repair: bool) -> list[str]:
    """Files others can read (or folders they can enter), fixed with ``repair``."""
    if not path.exists():
        return []
    mode = stat.S_IMODE(path.stat().st_mode)
    if not mode & 0o077:
        return []
    if repair:
        path.chmod(wanted)
        return []
    return [f"{path} can be read by other users ({oct(mode)[2:]}); "
            "`reconcile doctor --repair` makes it private."]


@click.command()
@click.option("--repair", is_flag=True, help="Rebuild the search index and make files private.")
@click.pass_obj
def doctor(app: App, repair: bool) -> None:
    """Check the journal: the file, the search index, permissions and backups."""

    problems: list[str] = []
    row(f"Journal      {app.path}")
    try:
        db = app.journal()
    except errors.ReconcileError as exc:
        problems.append(exc.message)
        db = None
    if db is not None:
        size = app.path.stat().st_size
        c = store.counts(db)
        row(f"Size         {size / 1_000_000:.1f} MB: {count(c['entries'], 'entry')} over "
                   f"{count(c['days'], 'day')} ({c['trashed']} in the trash), "
                   f"{count(c['marks'], 'checklist answer')}, {count(c['items'], 'item')}"
             + (f", {count(c['letters'], 'letter')} in the drawer" if c["letters"] else "")
             + (f", {count(c['vision_versions'], 'version')} of your vision"
                if c["vision_versions"] else "")
             + (f", {count(c['goals'], 'goal')}" if c["goals"] else "")
             + (f", {count(c['pauses'], 'pause')}" if c["pauses"] else ""))
        found = store.integrity_problems(db)
        if app.data_key() is not None:
            found += store.cipher_problems(db)
        row(f"Integrity    {'ok' if not found else 'DAMAGED'}")
        if found:
            problems.append("SQLite's integrity check failed: " + "; ".join(found[:3])
                            + ". Restore a backup (below) to a new file and compare.")
        in_step = store.search_index_in_step(db)
        if in_step:
            row("Search index ok")
        elif in_step is None:
            row("Search index not checked: the journal is read-only")
        elif repair:
            with app.writing() as writing_db:
                store.rebuild_search_index(writing_db)
            row("Search index rebuilt")
        else:
            row("Search index out of step with your entries")
            problems.append("The search index is out of step; `reconcile doctor --repair` "
                            "rebuilds it.")
    checked = [(app.path, 0o600)]

    if key_file(app.path).exists():
        checked.append((key_file(app.path), 0o600))
    if app.default_location:
        checked.append((app.path.parent, 0o700))
    for folder in (paths.drafts_dir(app.path).parent, journal.backups.folder(app.path)):
        if folder.is_dir():
            checked += [(folder, 0o700)] + [(inside, 0o700 if inside.is_dir() else 0o600)
                                            for inside in sorted(folder.rglob("*"))]
    mode_problems = [p for path, mode in checked for p in private_mode_problems(path, mode, repair)]
    row(f"Permissions  {'private' if not mode_problems else 'too open'}")
    problems += mode_problems
    key = app.data_key() if db is not None else None
    if key is not None:
        state = "private" if key_file(app.path).exists() else "MISSING"
        row(f"Encryption   on; key file {key_file(app.path)} {state}")
        if state == "MISSING":
            problems.append(f"The key file {key_file(app.path)} is missing, so the passphrase "
                            "cannot be changed or recovered; copy it back from beside a backup "
                            f"({journal.backups.folder(app.path)}).")
    if key is None and db is None and app.path.exists() and app.encrypted:
        # encrypted copies cannot be checked without the key, and are not damaged for that
        raise errors.ReconcileError("Needs attention:\n" + "\n".join(f"- {p}" for p in problems))
    good, broken = journal.backups.inventory(app.path, thorough=True, key=key)
    if good:
        age = dt.datetime.now() - dt.datetime.fromtimestamp(good[-1].stat().st_mtime)
        row(f"Backups      {len(good)} in {journal.backups.folder(app.path)}; the newest good one "
                   f"is {_age(age)} old ({good[-1].name})")
    else:
        row("Backups      none yet: `reconcile backup` makes one")

    for path in broken:
        if (key is not None and journal.encryption.state(path) == "plain"
                and journal.backups.passes_check(path)):
            problems.append(f"The backup {path} is still plain, though the journal is "
                            "encrypted; `reconcile encrypt` encrypts it.")
        else:
            problems.append(f"The backup {path} is incomplete or damaged, so it cannot be "
                            "restored from; it can be removed.")
    if key is not None:
        plain_drafts = [path for place in [paths.drafts_dir(app.path),
                                           *paths.fallback_drafts_dirs(app.path)]
                        if place.is_dir() for path in place.glob("*.txt")]
        if plain_drafts:
            problems.append(f"{count(len(plain_drafts), 'draft')} beside the encrypted journal "
                            f"{'is' if len(plain_drafts) == 1 else 'are'} still plain; the next "
                            "`reconcile write` or `checkin` seals "
                            f"{'it' if len(plain_drafts) == 1 else 'them'}.")
    if problems:
        raise errors.ReconcileError("Needs attention:\n" + "\n".join(f"- {p}" for p in problems))
    say("All is well.")


def row(text: str) -> None:
    """A line of the doctor's list: what was checked, then what was found (wrapped under it)."""
    say(text, hang=" " * 13)


def _age(delta: dt.timedelta) -> str:
    if delta.days:
        return count(delta.days, "day")
    hours = delta.seconds // 3600
    return count(hours, "hour") if hours else "less than an hour"


COMMANDS = (backup, doctor)
