"""The locked drawer: encrypt, decrypt, passphrase, recover, lock.

Every step that replaces a file writes the new one beside it, checks it through and through, and
only then puts it in place, so a crash at any moment leaves the old state or the new one. The key
file is written before the journal is replaced; a copy lies beside the backups.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from reconcile_cli import errors
from reconcile_cli.cli.app import App, echo
from reconcile_cli.words import count


def _journal_must_exist(app: App) -> None:
    if not app.path.exists():
        raise errors.NoJournal(
            f"There is no journal at {app.path} yet. Run `reconcile checkin` to start one.")


def _terminal_or_yes(yes: bool) -> None:
    if not yes and not sys.stdin.isatty():
        raise errors.InvalidInput(
            "Encrypting asks you to type the recovery code back, and there is no terminal to "
            "ask on. For a script that keeps the code safe itself, add --yes.")


def _convert_in_place(app: App, source_key: bytes | None, target_key: bytes | None) -> None:
    """Turn the journal itself from one state to the other, holding the write lock."""
    from reconcile_cli import encryption, owners, paths
    from reconcile_cli.files import noted

    made = app.path.with_name(f".{app.path.name}.{owners.TOKEN}.converting")
    with encryption.holding_write_lock(app.path, source_key), \
            noted(paths.drafts_dir(app.path), made):
        try:
            encryption.convert(app.path, source_key, made, target_key)
            encryption.put_in_place(made, app.path)
        finally:
            made.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                made.with_name(made.name + "-journal").unlink()


def _convert_backups(app: App, source_key: bytes | None, target_key: bytes | None,
                     remove: bool = False) -> tuple[int, int]:
    """Encrypt (or decrypt) every backup in backups/; (converted, removed). A copy that cannot
    be read at all is removed, since it could never be restored from."""
    from reconcile_cli import backups, encryption, owners, sqlerrors

    converted = removed = 0
    if not backups.folder(app.path).is_dir():
        return 0, 0
    wanted = "encrypted" if target_key is not None else "plain"
    for copy in sorted(backups.folder(app.path).glob(f"{app.path.stem}-*.db")):
        if encryption.state(copy) == wanted:
            continue
        if remove:
            copy.unlink()
            removed += 1
            continue
        made = copy.with_name(f".{copy.name}.{owners.TOKEN}.converting")
        try:
            encryption.convert(copy, source_key, made, target_key)
            encryption.put_in_place(made, copy)
            converted += 1
        except Exception as exc:
            if not isinstance(exc, (errors.ReconcileError, *sqlerrors.Error)):
                raise
            copy.unlink()
            removed += 1
        finally:
            made.unlink(missing_ok=True)
    return converted, removed


def _convert_drafts(app: App, key: bytes, seal: bool) -> int:
    """Seal every draft waiting beside the journal with ``key`` (or open them); how many."""
    from reconcile_cli import drafts, owners, paths

    count = 0
    for place in [paths.drafts_dir(app.path), *paths.fallback_drafts_dirs(app.path)]:
        if not place.is_dir():
            continue
        for path in sorted(place.glob("*.txt" if seal else "*.enc")):
            parsed = drafts.parse(path)
            if parsed is None or owners.alive(place, parsed[1]):
                continue
            draft = parsed[0]
            data = draft.read(None if seal else key)
            target = drafts.Draft(path.with_suffix(".enc" if seal else ".txt"), draft.day,
                                  draft.kind)
            target.path.touch(mode=0o600)
            drafts.replace(target, data, key if seal else None)
            path.unlink()
            count += 1
    return count


def _check_is_a_journal(app: App) -> None:
    from reconcile_cli import encryption, sqlerrors

    try:
        conn = encryption.connect(app.path, None, read_only=True)
        try:
            found = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = '_sqlite_migrations'").fetchone()
        finally:
            conn.close()
    except sqlerrors.Error:
        found = None
    if not found:
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
    from reconcile_cli import encryption, keys
    from reconcile_cli.cli import unlock

    encryption.require_driver()
    _journal_must_exist(app)
    if encryption.state(app.path) == "encrypted":
        key = app.data_key()
        assert key is not None
        converted, removed = _convert_backups(app, None, key, remove_backups)
        sealed = _convert_drafts(app, key, seal=True)
        echo("Your journal is already encrypted." + (
            f" {count(converted + removed + sealed, 'file')} left plain by an earlier run "
            f"{'was' if converted + removed + sealed == 1 else 'were'} "
            "encrypted or removed." if converted + removed + sealed else ""))
        return
    _check_is_a_journal(app)
    _terminal_or_yes(yes)
    echo("Encrypting locks your journal, its backups and its drafts with a passphrase. Choose "
         "one you will remember: if you forget it, only the recovery code shown next can open "
         "the journal.", err=True)
    passphrase = unlock.ask_new_passphrase(unlock.PASSPHRASE_COMMAND)
    code = keys.new_recovery_code()
    echo("\nYour recovery code. Write it down and keep it somewhere safe, away from this "
         "computer: it opens the journal if the passphrase is forgotten.\n", err=True)
    click.echo(code)  # alone on its line, on standard output, for scripts to keep
    echo("", err=True)
    if not yes:
        _confirm_code(code)
    data_key = keys.new_data_key()
    key_path = keys.key_file(app.path)
    keys.save(key_path, keys.new_key_file(data_key, passphrase, code))
    try:
        _convert_in_place(app, None, data_key)
    except BaseException as exc:
        key_path.unlink(missing_ok=True)  # the journal is still plain: the key file is not needed
        if isinstance(exc, Exception) and not isinstance(exc, errors.ReconcileError):
            raise errors.ReconcileError(
                f"The journal could not be encrypted ({_reason(exc, app.path)}); it was left "
                "as it was, plain and whole.") from None
        raise
    _after_encrypting(app, data_key, key_path, remove_backups, remember)


def _reason(exc: BaseException, path: Path) -> str:
    from reconcile_cli import sqlerrors
    from reconcile_cli.db import describe_error

    if isinstance(exc, sqlerrors.Error):
        message = describe_error(exc, path).message
        return "the disk is full" if "disk" in message else message.rstrip(".")
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return type(exc).__name__


def _after_encrypting(app: App, data_key: bytes, key_path: Path, remove_backups: bool,
                      remember: bool) -> None:
    from reconcile_cli import backups
    from reconcile_cli.cli import unlock
    from reconcile_cli.paths import make_private_dir

    # a second copy of the key file, beside the backups (made now if there are none yet)
    make_private_dir(backups.folder(app.path))
    backups.copy_key_file(key_path, backups.key_file_copy(app.path))
    converted, removed = _convert_backups(app, None, data_key, remove_backups)
    sealed = _convert_drafts(app, data_key, seal=True)
    echo(f"Your journal is encrypted. The key file is {key_path}; a copy lies beside your "
         "backups.")
    if converted or removed or sealed:
        echo(f"Backups encrypted: {converted}; backups removed: {removed}; drafts sealed: "
             f"{sealed}.")
    echo("Old copies may still exist where reconcile cannot reach them: backups you made "
         "elsewhere, sync folders' history, and the free space of the disk.")
    if remember or (sys.stdin.isatty() and click.confirm(
            "Remember the key on this computer, so you are not asked each time?",
            default=False, err=True)):
        echo(unlock.remember(app.path, data_key))


def _confirm_code(code: str) -> None:
    from reconcile_cli.cli import unlock

    last = code.rsplit("-", 1)[1]
    for _ in range(unlock.TRIES):
        typed = click.prompt("Type the last group of the code, to show you have it",
                             default="", show_default=False, err=True)
        if typed.strip().upper().replace("O", "0") == last:
            return
        echo("That is not its last group; look again.", err=True)
    raise errors.NothingSaved("The journal was not encrypted; run `reconcile encrypt` again "
                              "when you have somewhere to keep the code.")


@click.command()
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def decrypt(app: App, yes: bool) -> None:
    """Turn an encrypted journal back into a plain one (after the passphrase)."""
    from reconcile_cli import backups, encryption, keys
    from reconcile_cli.cli import unlock

    _journal_must_exist(app)
    key_path = keys.key_file(app.path)
    if encryption.state(app.path) != "encrypted":
        if not key_path.exists():
            echo("Your journal is not encrypted; nothing to do.")
            return
        # an earlier decrypt was stopped after the journal itself: finish the rest
        encryption.require_driver()
        content = keys.load(key_path)
        key = unlock.unlock_with(lambda given: keys.unwrap_with_passphrase(content, given))
    else:
        if not yes and not click.confirm(
                "Decrypting writes your journal, its backups and drafts back as plain files "
                "that anyone using this computer could read. Decrypt?", default=False):
            echo("Left as it was, encrypted.")
            return
        unlocked = app.data_key()
        assert unlocked is not None
        key = unlocked
        _convert_in_place(app, key, None)
    converted, removed = _convert_backups(app, key, None)
    opened = _convert_drafts(app, key, seal=False)
    for path in (key_path, backups.key_file_copy(app.path)):
        path.unlink(missing_ok=True)
    unlock.forget(app.path)
    echo(f"Your journal is a plain file again ({count(converted, 'backup')} and "
         f"{count(opened, 'draft')} too).")


@click.command()
@click.pass_obj
def passphrase(app: App) -> None:
    """Change the passphrase (the journal is not rewritten: only its key file changes)."""
    from reconcile_cli import backups, encryption, keys
    from reconcile_cli.cli import unlock

    _journal_must_exist(app)
    if encryption.state(app.path) != "encrypted":
        raise errors.InvalidInput("Your journal is not encrypted; `reconcile encrypt` locks it.")
    encryption.require_driver()
    key_path = keys.key_file(app.path)
    content = keys.load(key_path, [backups.key_file_copy(app.path)])
    data_key = unlock.unlock_with(lambda given: keys.unwrap_with_passphrase(content, given),
                                  "Current passphrase")
    new = unlock.ask_new_passphrase(unlock.NEW_PASSPHRASE_COMMAND)
    keys.save(key_path, keys.with_passphrase(content, data_key, new))
    if backups.folder(app.path).is_dir():
        backups.copy_key_file(key_path, backups.key_file_copy(app.path))
    echo("The passphrase is changed. Your recovery code still works as before.")


@click.command()
@click.option("--remember", is_flag=True,
              help="Remember the key on this computer, so you are not asked each time.")
@click.pass_obj
def recover(app: App, remember: bool) -> None:
    """Set a new passphrase with your recovery code, when the passphrase is forgotten."""
    from reconcile_cli import backups, encryption, keys
    from reconcile_cli.cli import unlock

    _journal_must_exist(app)
    if encryption.state(app.path) != "encrypted":
        raise errors.InvalidInput("Your journal is not encrypted; there is nothing to recover.")
    encryption.require_driver()
    key_path = keys.key_file(app.path)
    copy = backups.key_file_copy(app.path)
    content = keys.load(key_path if key_path.exists() or not copy.exists() else copy)
    # from a prompt that does not echo, or the first line of standard input (for scripts)
    typed = unlock.ask_hidden("Recovery code: ") if sys.stdin.isatty() else sys.stdin.readline()
    data_key = keys.unwrap_with_code(content, typed)
    if not encryption.opens(app.path, data_key):
        raise errors.ReconcileError(
            f"That key file does not belong to the journal at {app.path}; nothing was changed.")
    echo("The recovery code opens your journal. Now choose a new passphrase.", err=True)
    new = unlock.ask_new_passphrase(unlock.PASSPHRASE_COMMAND)
    keys.save(key_path, keys.with_passphrase(content, data_key, new))
    if backups.folder(app.path).is_dir():
        backups.copy_key_file(key_path, copy)
    echo("Your journal has a new passphrase. The recovery code still works; keep it safe.")
    if remember:
        echo(unlock.remember(app.path, data_key))


@click.command()
@click.pass_obj
def lock(app: App) -> None:
    """Forget the key remembered on this computer: the passphrase is asked for next time."""
    from reconcile_cli.cli import unlock

    if unlock.forget(app.path):
        echo("The key is no longer remembered on this computer.")
    else:
        echo("No key was remembered on this computer; nothing to forget.")


COMMANDS = (encrypt, decrypt, passphrase, recover, lock)
