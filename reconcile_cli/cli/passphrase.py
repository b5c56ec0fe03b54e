"""The locked drawer's key: change the passphrase, recover with the recovery code, and forget
the key remembered on this computer. Only the key file changes; the journal is never rewritten.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from reconcile_cli import journal
from reconcile_cli.cli import unlock
from reconcile_cli.cli.context import App
from reconcile_cli.cli.locking import journal_must_exist
from reconcile_cli.cli.output import say
from reconcile_cli.core import errors


@click.command()
@click.pass_obj
def passphrase(app: App) -> None:
    """Change the passphrase (the journal is not rewritten: only its key file changes)."""

    journal_must_exist(app)
    if journal.encryption.state(app.path) != "encrypted":
        raise errors.InvalidInput("Your journal is not encrypted; `reconcile encrypt` locks it.")
    journal.encryption.require_driver()
    key_path = journal.keys.key_file(app.path)
    content = journal.keys.load(key_path, [journal.backups.key_file_copy(app.path)])
    data_key = unlock.unlock_with(lambda given: journal.keys.unwrap_with_passphrase(content, given),
                                  "Current passphrase")
    if not journal.encryption.opens(app.path, data_key):
        raise errors.ReconcileError(_not_this_journals(app))
    new = unlock.ask_new_passphrase(unlock.NEW_PASSPHRASE_COMMAND)
    journal.keys.save(key_path, journal.keys.with_passphrase(content, data_key, new))
    if journal.backups.folder(app.path).is_dir():
        journal.backups.copy_key_file(key_path, journal.backups.key_file_copy(app.path),
                                      data_key, journal.paths.drafts_dir(app.path))
    say("The passphrase is changed. Your recovery code still works as before.")


@click.command()
@click.option("--remember", is_flag=True,
              help="Remember the key on this computer, so you are not asked each time.")
@click.pass_obj
def recover(app: App, remember: bool) -> None:
    """Set a new passphrase with your recovery code, when the passphrase is forgotten."""

    journal_must_exist(app)
    if journal.encryption.state(app.path) != "encrypted":
        raise errors.InvalidInput("Your journal is not encrypted; there is nothing to recover.")
    journal.encryption.require_driver()
    key_path = journal.keys.key_file(app.path)
    copy = journal.backups.key_file_copy(app.path)
    candidates = [path for path in (key_path, copy) if path.exists()]
    if not candidates:
        journal.keys.load(key_path)  # says it is missing, and where a copy could be
    # from a prompt that does not echo, or the first line of standard input (for scripts)
    typed = unlock.ask_hidden("Recovery code: ") if sys.stdin.isatty() else sys.stdin.readline()
    journal.keys.read_recovery_code(typed)  # a typo is named before anything else
    found = _unwrap_with_code(app, candidates, typed)
    content, data_key = found
    say("The recovery code opens your journal. Now choose a new passphrase.", err=True)
    new = unlock.ask_new_passphrase(unlock.PASSPHRASE_COMMAND)
    journal.keys.save(key_path, journal.keys.with_passphrase(content, data_key, new))
    if journal.backups.folder(app.path).is_dir():
        journal.backups.copy_key_file(key_path, copy, data_key,
                                      journal.paths.drafts_dir(app.path))
    say("Your journal has a new passphrase. The recovery code still works; keep it safe.")
    if remember:
        say(unlock.remember(app.path, data_key))


def _not_this_journals(app: App) -> str:
    return (f"The key file beside {app.path} does not belong to this journal, so it cannot be "
            "opened with it (the journal itself is unchanged). Copies of the right key file "
            "lie beside its backups.")


def _unwrap_with_code(app: App, candidates: list[Path], typed: str
                      ) -> tuple[dict[str, Any], bytes]:
    """The first key file (beside the journal, else beside the backups) that the code opens and
    whose key opens the journal, with that key."""

    foreign = False
    damaged: errors.ReconcileError | None = None
    for path in candidates:
        try:
            content = journal.keys.load(path)
            data_key = journal.keys.unwrap_with_code(content, typed)
        except journal.keys.WrongRecoveryCode:
            continue
        except errors.ReconcileError as exc:
            damaged = exc
            continue
        if journal.encryption.opens(app.path, data_key):
            return content, data_key
        foreign = True
    if foreign:
        raise errors.ReconcileError(_not_this_journals(app))
    if damaged is not None and len(candidates) == 1:
        raise damaged
    raise journal.keys.WrongRecoveryCode("That recovery code does not open this journal's key.")


@click.command()
@click.pass_obj
def lock(app: App) -> None:
    """Forget the key remembered on this computer: the passphrase is asked for next time."""

    if unlock.forget(app.path):
        say("The key is no longer remembered on this computer.")
    else:
        say("No key was remembered on this computer; nothing to forget.")


COMMANDS = (passphrase, recover, lock)
