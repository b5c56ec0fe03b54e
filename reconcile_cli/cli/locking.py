"""The locked drawer: encrypt and decrypt.

Every step that replaces a file writes the new one beside it, checks it through and through, and
only then puts it in place, so a crash at any moment leaves the old state or the new one. The key
file is written before the journal is replaced; a copy lies beside the backups.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path

import click

from reconcile_cli import journal, store
from reconcile_cli.cli import unlock
from reconcile_cli.cli.context import App
from reconcile_cli.cli.output import echo, fitted, say
from reconcile_cli.core import errors
from reconcile_cli.core.words import count
from reconcile_cli.journal import paths
from reconcile_cli.journal.paths import make_private_dir


def journal_must_exist(app: App) -> None:
    if not app.path.exists():
        raise errors.NoJournal(
            f"There is no journal at {app.path} yet. Run `reconcile checkin` to start one.")


def _terminal_or_yes(yes: bool) -> None:
    if not yes and not sys.stdin.isatty():
        raise errors.InvalidInput(
            "Encrypting asks you to type the recovery code back, and there is no terminal to "
            "ask on. For a script that keeps the code safe itself, add --yes.")


def convert_in_place(app: App, source_key: bytes | None, target_key: bytes | None,
                      under_lock: Callable[[], None] | None = None) -> None:
    """Turn the journal itself from one state to the other, holding the write lock (which checks
    that it is still the file, in the state, it was: another encrypt or decrypt may have run
    meanwhile); ``under_lock`` (writing the key file) runs there, before it is replaced."""
    from reconcile_cli.journal.files import noted

    made = app.path.with_name(f".{app.path.name}.{journal.owners.TOKEN}.converting")
    with journal.encryption.holding_write_lock(app.path, source_key), \
            noted(paths.drafts_dir(app.path), made):
        if under_lock is not None:
            under_lock()
        try:
            journal.encryption.convert(app.path, source_key, made, target_key)
            journal.encryption.put_in_place(made, app.path)
        finally:
            made.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                made.with_name(made.name + "-journal").unlink()


def _convert_backups(app: App, source_key: bytes | None, target_key: bytes | None,
                     remove: bool = False) -> tuple[int, int, list[str]]:
    """Encrypt (or decrypt) every backup in backups/; (converted, removed, problems). A backup
    is removed only when asked to, or when it cannot be read at all (it could never be
    restored from); one that fails to convert (a full disk) is kept as it was, and said."""

    converted = removed = 0
    problems: list[str] = []
    if not journal.backups.folder(app.path).is_dir():
        return 0, 0, []
    wanted = "encrypted" if target_key is not None else "plain"
    for copy in sorted(journal.backups.folder(app.path).glob(f"{app.path.stem}-*.db")):
        if journal.encryption.state(copy) == wanted:
            continue
        if remove:
            copy.unlink()
            removed += 1
            continue
        made = copy.with_name(f".{copy.name}.{journal.owners.TOKEN}.converting")
        try:
            # noted: a copy left by a kill (perhaps plain) is found and removed later
            with journal.files.noted(paths.drafts_dir(app.path), made):
                journal.encryption.convert(copy, source_key, made, target_key)
                journal.encryption.put_in_place(made, copy)
            converted += 1
        except Exception as exc:
            if not isinstance(exc, (errors.ReconcileError, OSError, *journal.sqlerrors.Error)):
                raise
            if journal.encryption.opens(copy, source_key) and _readable(copy, source_key):
                problems.append(f"{copy.name} ({_reason(exc, copy)})")
            else:
                copy.unlink()  # could never be restored from
                removed += 1
        finally:
            made.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                made.with_name(made.name + "-journal").unlink()
    return converted, removed, problems


def _readable(path: Path, key: bytes | None) -> bool:
    try:
        journal.encryption.check(path, key)
    except Exception:  # noqa: BLE001  (any failure to read means: not a backup to keep)
        return False
    return True


def _backups_left(problems: list[str], state: str) -> None:
    if problems:
        raise errors.ReconcileError(
            f"Not everything in the backups folder could be {state}; left as it was: "
            + "; ".join(problems) + ". Run the command again when that is put right.")


def _convert_drafts(app: App, key: bytes, seal: bool) -> tuple[int, int]:
    return journal.drafts.convert(paths.drafts_dir(app.path),
                                  paths.fallback_drafts_dirs(app.path), key, seal)


def _check_is_a_journal(app: App) -> None:
    if not journal.encryption.is_a_plain_journal(app.path):
        raise errors.NotAJournal(f"{app.path} is not a reconcile journal; it was left untouched.")


@click.command()
@click.option("--yes", is_flag=True,
              help="Do not ask to type the recovery code back (for scripts that keep it safe).")
@click.option("--remember", is_flag=True,
              help="Remember the key on this computer, so you are not asked each time.")
@click.option("--remove-backups", is_flag=True,
              help="Remove the existing backups instead of encrypting them.")
@click.pass_obj
def encrypt(app: App, yes: bool, remember: bool, remove_backups: bool) -> None:
    """Lock the journal with a passphrase, with a recovery code in case you forget it."""

    journal.encryption.require_driver()
    journal_must_exist(app)
    if journal.encryption.state(app.path) == "encrypted":
        key = app.data_key()
        assert key is not None
        # an encrypt stopped after the journal was replaced left no copy of the key file
        with contextlib.suppress(OSError):
            make_private_dir(journal.backups.folder(app.path))
            journal.backups.copy_key_file(journal.keys.key_file(app.path),
                                          journal.backups.key_file_copy(app.path), key,
                                          paths.drafts_dir(app.path))
        converted, removed, problems = _convert_backups(app, None, key, remove_backups)
        sealed, _ = _convert_drafts(app, key, seal=True)
        done = converted + removed + sealed + len(clear_leftovers(app, key))
        say("Your journal is already encrypted." + (
            f" {count(done, 'file')} left plain by an earlier run "
            f"{'was' if done == 1 else 'were'} encrypted or removed." if done else ""))
        _backups_left(problems, "encrypted")
        return
    _check_is_a_journal(app)
    if journal.keys.key_file(app.path).exists() and sealed_leftovers(app):
        raise errors.InvalidInput(
            "An earlier `reconcile decrypt` did not finish: some backups or drafts are still "
            "encrypted with the key in journal.db.key. Run `reconcile decrypt` to finish it "
            "first; nothing was changed.")
    _terminal_or_yes(yes)
    _warn_of_a_second_name(app, yes)
    say("Encrypting locks your journal, its backups and its drafts with a passphrase. Choose "
         "one you will remember: if you forget it, only the recovery code shown next can open "
         "the journal.", err=True)
    passphrase = unlock.ask_new_passphrase(unlock.PASSPHRASE_COMMAND)
    code = journal.keys.new_recovery_code()
    say("\nYour recovery code. Write it down and keep it somewhere safe, away from this "
         "computer: it opens the journal if the passphrase is forgotten.\n", err=True)
    click.echo(code)  # alone on its line, on standard output, for scripts to keep
    echo("", err=True)
    if not yes:
        _confirm_code(code)
    data_key = journal.keys.new_data_key()
    key_path = journal.keys.key_file(app.path)
    wrote_key_file = False

    def write_key_file() -> None:  # under the journal's write lock, before it is replaced
        nonlocal wrote_key_file
        wrote_key_file = True
        journal.keys.save(key_path, journal.keys.new_key_file(data_key, passphrase, code))

    try:
        convert_in_place(app, None, data_key, under_lock=write_key_file)
    except BaseException as exc:
        if wrote_key_file and journal.encryption.state(app.path) == "plain":
            key_path.unlink(missing_ok=True)  # ours, and the journal is still plain
        if isinstance(exc, Exception) and not isinstance(exc, errors.ReconcileError):
            raise errors.ReconcileError(
                f"The journal could not be encrypted ({_reason(exc, app.path)}); it was left "
                "as it was, plain and whole, and the recovery code above is not needed.") \
                from None
        raise
    after_encrypting(app, data_key, key_path, remove_backups, remember)
    if app.path.exists():
        app.reopen(data_key)
        seal_sync_folder(app, data_key)


def _warn_of_a_second_name(app: App, yes: bool) -> None:
    """A journal with a second name (a hard link): encrypting replaces this name only, and the
    other keeps the plain journal. Said before anything is done (and asked, at a terminal)."""
    if app.path.stat().st_nlink < 2:
        return
    say("Note: the journal file has a second name (a hard link), which encrypting leaves "
         "plain, as it is now. Find it with `find / -xdev -samefile "
         f"{app.path}` and remove it.", err=True)
    if not yes and not click.confirm("Encrypt this name now?", default=False, err=True):
        raise errors.NothingSaved("The journal was not encrypted; nothing was changed.")


def clear_leftovers(app: App, key: bytes | None) -> list[journal.leftovers.Leftover]:
    """Remove or seal what stopped runs left behind (plain copies among them); what was."""
    done, _ = journal.leftovers.clear(app.path, key, paths.fallback_drafts_dirs(app.path))
    return done


def sealed_leftovers(app: App) -> bool:
    """Encrypted backups or sealed drafts beside a plain journal: a decrypt that was stopped."""

    folder = journal.backups.folder(app.path)
    if folder.is_dir() and any(journal.encryption.state(copy) == "encrypted"
                               for copy in folder.glob(f"{app.path.stem}-*.db")):
        return True
    return any(place.is_dir() and any(place.glob("*.enc"))
               for place in [paths.drafts_dir(app.path), *paths.fallback_drafts_dirs(app.path)])


def _reason(exc: BaseException, path: Path) -> str:
    """Why a file could not be converted, in a few words."""

    if isinstance(exc, journal.sqlerrors.Error):
        text = str(exc).lower()
        if "full" in text or "disk i/o" in text:
            return "the disk is full"
        if "unable to open" in text or "readonly" in text or "read-only" in text:
            return f"{path.parent} could not be written"
        return str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    if isinstance(exc, errors.ReconcileError):
        return exc.message.rstrip(".")
    return type(exc).__name__


def after_encrypting(app: App, data_key: bytes, key_path: Path, remove_backups: bool,
                      remember: bool) -> None:

    # a second copy of the key file, beside the backups (made now if there are none yet)
    copy_problem = []
    try:
        make_private_dir(journal.backups.folder(app.path))
        journal.backups.copy_key_file(key_path, journal.backups.key_file_copy(app.path),
                                      data_key, paths.drafts_dir(app.path))
    except OSError as exc:
        copy_problem = [f"the copy of the key file ({_reason(exc, key_path)})"]
    converted, removed, problems = _convert_backups(app, None, data_key, remove_backups)
    problems = copy_problem + problems
    sealed, in_use = _convert_drafts(app, data_key, seal=True)
    cleared = len(clear_leftovers(app, data_key))
    say(f"Your journal is encrypted. The key file is {key_path}; a copy lies beside your "
         "backups.")
    if converted or removed or sealed:
        say(f"Backups encrypted: {converted}; backups removed: {removed}; drafts sealed: "
             f"{sealed}.")
    if cleared:
        say(f"{count(cleared, 'file')} left behind by a run that was stopped "
             f"{'was' if cleared == 1 else 'were'} removed or sealed.")
    if in_use:
        say(f"{count(in_use, 'draft')} being typed in another reconcile will be sealed when "
             "that one has finished.")
    say("Old copies may still exist where reconcile cannot reach them: backups you made "
         "elsewhere, sync folders' history, and the free space of the disk.")
    if remember or (sys.stdin.isatty() and click.confirm(
            fitted("Remember the key on this computer, so you are not asked each time?",
                   err=True), default=False, err=True)):
        say(unlock.remember(app.path, data_key))
    _backups_left(problems, "encrypted")


def _confirm_code(code: str) -> None:
    last = code.rsplit("-", 1)[1]
    for _ in range(unlock.TRIES):
        typed = click.prompt(fitted("Type the last group of the code, to show you have it",
                                    err=True), default="", show_default=False, err=True)
        if typed.strip().upper().replace("O", "0") == last:
            return
        say("That is not its last group; look again.", err=True)
    raise errors.NothingSaved("The journal was not encrypted; run `reconcile encrypt` again "
                              "when you have somewhere to keep the code.")


@click.command()
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def decrypt(app: App, yes: bool) -> None:
    """Turn an encrypted journal back into a plain one (after the passphrase)."""

    journal_must_exist(app)
    app.auto_sync = False
    if journal.encryption.state(app.path) == "encrypted" and store.link_of(app.journal()):
        raise errors.InvalidInput(
            "This journal syncs through a folder, sealed: a plain journal's words would lie "
            "there in plain text. `reconcile sync --stop` first, then decrypt; nothing was "
            "changed.")
    key_path = journal.keys.key_file(app.path)
    if journal.encryption.state(app.path) != "encrypted":
        if not key_path.exists():
            say("Your journal is not encrypted; nothing to do.")
            return
        # an earlier decrypt was stopped after the journal itself: finish the rest
        journal.encryption.require_driver()
        content = journal.keys.load(key_path)
        key = unlock.unlock_with(lambda given: journal.keys.unwrap_with_passphrase(content, given))
    else:
        if not yes and not sys.stdin.isatty():
            raise errors.InvalidInput(
                "Decrypting asks you to confirm, and there is no terminal to ask on; add --yes "
                "to decrypt. Nothing was changed.")
        if _drafts_in_use(app):
            raise errors.InvalidInput(
                "Another reconcile is open and typing a draft; finish it there, then decrypt. "
                "Nothing was changed.")
        if not yes and not click.confirm(fitted(
                "Decrypting writes your journal, its backups and drafts back as plain files "
                "that anyone using this computer could read. Decrypt?"), default=False):
            say("Left as it was, encrypted.")
            return
        unlocked = app.data_key()
        assert unlocked is not None
        key = unlocked
        convert_in_place(app, key, None)
    converted, removed, problems = _convert_backups(app, key, None)
    opened, left = _convert_drafts(app, key, seal=False)
    if not problems and not left:  # nothing is left that needs the key
        for path in (key_path, journal.backups.key_file_copy(app.path)):
            path.unlink(missing_ok=True)
    unlock.forget(app.path)
    say(f"Your journal is a plain file again ({count(converted, 'backup')} and "
         f"{count(opened, 'draft')} too).")
    if left:
        say(f"{count(left, 'draft')} could not be opened yet (in use, or sealed with another "
             "key), so the key file is kept for them; run `reconcile decrypt` again later.")
    _backups_left(problems, "decrypted")


def _drafts_in_use(app: App) -> bool:
    for place in [paths.drafts_dir(app.path), *paths.fallback_drafts_dirs(app.path)]:
        if place.is_dir():
            for path in place.glob("*.enc"):
                parsed = journal.drafts.parse(path)
                if parsed is not None and journal.owners.alive(place, parsed[1]):
                    return True
    return False


def seal_sync_folder(app: App, data_key: bytes) -> None:
    """This journal was just encrypted: its changes in the sync folder are written again, sealed,
    and the plain ones removed; the folder gets the wrapped key, for the other computers to join
    with the passphrase."""
    from reconcile_cli.cli.syncing import write_changes

    db = app.journal()
    found = store.link_of(db)
    if found is None or not found.folder.is_dir():
        return
    folder = journal.syncfolder
    folder.write_key_file(found.folder, journal.keys.key_file(app.path))
    folder.write_journal_file(found.folder, found.journal, encrypted=True)
    write_changes(db, data_key, app.moment(), everything=True)
    folder.remove_plain_own(found.folder, store.device(db))
    app.out.note("Your changes in the sync folder are sealed now; your other computers join "
                 "with `reconcile sync FOLDER` and this passphrase. The sync tool's own history "
                 "may still hold the plain files.")


COMMANDS = (encrypt, decrypt)
