"""doctor: check the journal, its search index, permissions, the key file and its copy, the
backups, and what stopped runs left behind; `--repair` puts right what it can."""

from __future__ import annotations

import contextlib
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
@click.option("--repair", is_flag=True,
              help="Rebuild the search index, make files private, and put the key file and "
              "its copy right.")
@click.pass_obj
def doctor(app: App, repair: bool) -> None:
    """Check the journal: the file, the search index, permissions, keys and backups."""

    problems: list[str] = []
    row(f"Journal      {app.path}")
    problems += leftover_problems(app)  # before opening, which clears some without a word
    try:
        db = app.journal()
    except errors.ReconcileError as exc:
        problems.append(exc.message)
        db = None
    if db is not None:
        problems += _check_contents(app, db, repair)
    problems += _check_permissions(app, repair)
    key = app.data_key() if db is not None else None
    if key is not None:
        problems += key_file_problems(app, key, repair)
    elif app.path.exists() and not app.encrypted:
        problems += stray_key_file_problems(app, repair)
    if key is None and db is None and app.path.exists() and app.encrypted:
        # encrypted copies cannot be checked without the key, and are not damaged for that
        raise errors.ReconcileError("Needs attention:\n" + "\n".join(f"- {p}" for p in problems))
    problems += _check_backups(app, key)
    if problems:
        raise errors.ReconcileError("Needs attention:\n" + "\n".join(f"- {p}" for p in problems))
    say("All is well.")


def _check_contents(app: App, db: journal.db.Journal, repair: bool) -> list[str]:
    problems = []
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
    return problems


def _check_permissions(app: App, repair: bool) -> list[str]:
    checked = [(app.path, 0o600)]
    if key_file(app.path).exists():
        checked.append((key_file(app.path), 0o600))
    if app.default_location:
        checked.append((app.path.parent, 0o700))
    for folder in (paths.drafts_dir(app.path).parent, journal.backups.folder(app.path)):
        if folder.is_dir():
            checked += [(folder, 0o700)] + [(inside, 0o700 if inside.is_dir() else 0o600)
                                            for inside in sorted(folder.rglob("*"))]
    problems = [p for path, mode in checked for p in private_mode_problems(path, mode, repair)]
    row(f"Permissions  {'private' if not problems else 'too open'}")
    return problems


def key_file_problems(app: App, key: bytes, repair: bool) -> list[str]:
    """The key file beside an encrypted journal and its copy in backups/: each whole, holding
    this journal's key, and the same; with ``repair``, a good one is copied over a bad one."""
    keys, backups = journal.keys, journal.backups
    key_path, copy = key_file(app.path), backups.key_file_copy(app.path)
    main_good = keys.holds(key_path, key)
    copy_good = copy.exists() and keys.holds(copy, key)
    state = "private" if main_good else "MISSING" if not key_path.exists() else "DAMAGED"
    row(f"Encryption   on; key file {key_path} {state}")
    if not main_good:
        if repair and copy_good:
            backups.copy_key_file(copy, key_path, key, paths.drafts_dir(app.path))
            row(f"Key file     put back from the copy in {copy.parent}")
            return []
        what = "is missing" if not key_path.exists() else "is damaged, or is not this journal's"
        return [f"The key file {key_path} {what}; " + (
            f"`reconcile doctor --repair` puts back the copy that lies in {copy.parent}."
            if copy_good else
            f"no good copy lies in {copy.parent} either, so the passphrase cannot be changed "
            "or recovered; keep the key remembered and make a plain export (`reconcile "
            "export`) to keep your words safe.")]
    if copy_good and keys.read_regular(copy) == keys.read_regular(key_path):
        return []
    if repair:
        paths.make_private_dir(copy.parent)
        backups.copy_key_file(key_path, copy, key, paths.drafts_dir(app.path))
        row(f"Key copy     made again in {copy.parent}")
        return []
    why = ("is missing" if not copy.exists() else
           "is not the same as the key file beside the journal (a change of passphrase was "
           "stopped)" if copy_good else "is damaged, or is not this journal's")
    return [f"The copy of the key file in {copy.parent} {why}; `reconcile doctor --repair` "
            "copies it again."]


def stray_key_file_problems(app: App, repair: bool) -> list[str]:
    """A key file beside a plain journal: left by an encrypt stopped before the journal was
    replaced (nothing needs it), or by a decrypt stopped half-way (decrypt finishes it)."""
    from reconcile_cli.cli.locking import sealed_leftovers

    key_path = key_file(app.path)
    if not key_path.exists():
        return []
    if sealed_leftovers(app):
        return [f"An earlier `reconcile decrypt` did not finish: some backups or drafts are "
                f"still encrypted with the key in {key_path}; `reconcile decrypt` finishes it."]
    if repair:
        for path in (key_path, journal.backups.key_file_copy(app.path)):
            path.unlink(missing_ok=True)
        row(f"Key file     {key_path}, left by a stopped encrypt, removed")
        return []
    return [f"A key file, {key_path}, lies beside the plain journal, left by an `encrypt` that "
            "was stopped; nothing needs it. `reconcile doctor --repair` removes it."]


def leftover_problems(app: App) -> list[str]:
    """Name, and remove or seal, each file a stopped run left behind; those that cannot be
    put away are problems."""
    key = None
    if app.encrypted and journal.leftovers.editor_files(app.path):
        with contextlib.suppress(errors.ReconcileError):
            key = app.data_key()  # to seal an editor's text into its draft
    done, left = journal.leftovers.clear(app.path, key, paths.fallback_drafts_dirs(app.path))
    for leftover in done:
        if leftover.sealed_into is not None:
            row(f"Left behind  sealed {leftover.path} ({leftover.what}) into "
                 f"{leftover.sealed_into}")
        else:
            row(f"Left behind  removed {leftover.path} ({leftover.what})")
    return [f"{leftover.path} is {leftover.what}, and could not be put away; it holds plain "
            "text, so remove it when you have what you need from it." for leftover in left]


def _check_backups(app: App, key: bytes | None) -> list[str]:
    problems = []
    good, broken = journal.backups.inventory(app.path, thorough=True, key=key)
    if good:
        age = dt.datetime.now() - dt.datetime.fromtimestamp(good[-1].stat().st_mtime)
        row(f"Backups      {len(good)} in {journal.backups.folder(app.path)}; the newest good "
             f"one is {_age(age)} old ({good[-1].name})")
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
    return problems


def _age(delta: dt.timedelta) -> str:
    if delta.days:
        return count(delta.days, "day")
    hours = delta.seconds // 3600
    return count(hours, "hour") if hours else "less than an hour"


COMMANDS = (doctor,)


def row(text: str) -> None:
    """A line of the doctor's list: what was checked, then what was found (wrapped under it)."""
    say(text, hang=" " * 13)
