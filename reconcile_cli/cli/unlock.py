"""Unlocking an encrypted journal: finding its data key, and asking for a passphrase.

In order: the key remembered for this login session (a private, memory-backed folder), the key
remembered in the OS keyring (only looked for when it was remembered: loading the keyring is
slow), the command in RECONCILE_PASSPHRASE_COMMAND (as restic and borg do, for scripts), and a
prompt on the terminal that does not echo, three tries. A passphrase is never taken from the
command line or from a plain environment variable.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shlex
import subprocess
from collections.abc import Callable
from pathlib import Path

from reconcile_cli.core import errors
from reconcile_cli.journal import keychain, keys
from reconcile_cli.journal.paths import make_private_dir

PASSPHRASE_COMMAND = "RECONCILE_PASSPHRASE_COMMAND"
NEW_PASSPHRASE_COMMAND = "RECONCILE_NEW_PASSPHRASE_COMMAND"
TRIES = 3
NO_TERMINAL = (
    "This journal is encrypted, and there is no terminal to ask for its passphrase. For "
    f"scripts, set {PASSPHRASE_COMMAND} to a command that prints it. Nothing was changed.")


class NoTerminal(errors.ReconcileError):
    pass


# --- where a remembered key is kept ----------------------------------------------------------


def _session_file(db_path: Path) -> Path | None:
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if not runtime:
        return None
    name = hashlib.sha256(str(db_path.absolute()).encode()).hexdigest()[:24]
    return Path(runtime) / "reconcile" / "keys" / name


def _marker(db_path: Path) -> Path:
    from platformdirs import user_state_dir

    name = hashlib.sha256(str(db_path.absolute()).encode()).hexdigest()[:24]
    return Path(user_state_dir("reconcile", appauthor=False)) / "remembered" / name


def remembered_key(db_path: Path) -> bytes | None:
    session = _session_file(db_path)
    if session is not None:
        with contextlib.suppress(OSError, ValueError):
            return bytes.fromhex(session.read_text().strip())
    if _marker(db_path).exists():
        key = keychain.recall(db_path)
        if key is not None:
            _keep_for_session(db_path, key)
        return key
    return None


def _keep_for_session(db_path: Path, data_key: bytes) -> bool:
    session = _session_file(db_path)
    if session is None:
        return False
    try:
        make_private_dir(session.parent)
        partial = session.with_name(session.name + ".partial")
        fd = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(data_key.hex())
        os.replace(partial, session)
    except OSError:
        return False
    return True


def remember(db_path: Path, data_key: bytes) -> str:
    """Keep the key on this computer; a sentence saying where."""
    in_keyring = keychain.remember(db_path, data_key)
    if in_keyring:
        with contextlib.suppress(OSError):
            make_private_dir(_marker(db_path).parent)
            _marker(db_path).touch(mode=0o600)
    in_session = _keep_for_session(db_path, data_key)
    if in_keyring:
        return ("The key is remembered on this computer, in its keyring; `reconcile lock` "
                "forgets it.")
    if in_session:
        return ("No keyring was found on this computer, so the key is remembered only until you "
                "log out; `reconcile lock` forgets it sooner.")
    return "The key could not be remembered here (no keyring was found); you will be asked."


def forget(db_path: Path) -> bool:
    """Forget the remembered key everywhere; whether there was one."""
    found = keychain.forget(db_path) if _marker(db_path).exists() else False
    for path in (_marker(db_path), _session_file(db_path)):
        if path is not None and path.exists():
            found = True
            with contextlib.suppress(OSError):
                path.unlink()
    return found


# --- passphrases ---------------------------------------------------------------------------------


def run_passphrase_command(variable: str) -> str | None:
    """The first line printed by the command in ``variable``, or None when it is not set."""
    command = os.environ.get(variable)
    if not command:
        return None
    try:
        done = subprocess.run(shlex.split(command), capture_output=True, timeout=120, check=False)
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
        raise errors.ReconcileError(
            f"The passphrase command in {variable} could not be run ({type(exc).__name__})."
        ) from None
    if done.returncode != 0:
        raise errors.ReconcileError(
            f"The passphrase command in {variable} failed (exit status {done.returncode}).")
    lines = done.stdout.decode("utf-8", "surrogateescape").splitlines()
    if not lines or not lines[0]:
        raise errors.ReconcileError(f"The passphrase command in {variable} printed nothing.")
    return lines[0]


def _require_terminal() -> None:
    """NoTerminal unless there is a terminal to ask on, even when standard input is a pipe."""
    try:
        os.close(os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY))
    except OSError:
        raise NoTerminal(NO_TERMINAL) from None


def ask_hidden(question: str) -> str:
    """Ask on the terminal without echoing what is typed."""
    import getpass

    _require_terminal()  # else getpass would fall back to standard input, and echo
    try:
        return getpass.getpass(question)  # reads /dev/tty itself
    except EOFError:
        raise errors.Interrupted("Stopped; nothing was changed.") from None


def say_on_terminal(text: str) -> None:
    from reconcile_cli.cli.output import fill, width

    with contextlib.suppress(OSError), open("/dev/tty", "w") as tty:
        tty.write(fill(text, width()) + "\n")


def ask_new_passphrase(variable: str) -> str:
    """A new passphrase: from the command in ``variable``, else asked twice on the terminal."""
    given = run_passphrase_command(variable)
    if given is not None:
        return given
    try:
        _require_terminal()
    except NoTerminal:
        raise NoTerminal(f"There is no terminal to ask for the new passphrase on. For scripts, "
                         f"set {variable} to a command that prints it. Nothing was "
                         "changed.") from None
    for _ in range(TRIES):
        first = ask_hidden("New passphrase: ")
        if len(first) < 8:
            say_on_terminal("A passphrase of at least 8 characters, please: a few words you "
                            "will remember are best.")
            continue
        if ask_hidden("The same again: ") == first:
            return first
        say_on_terminal("Those were not the same; once more.")
    raise errors.ReconcileError("No passphrase was set, and nothing was changed.")


def unlock_with(unwrap: Callable[[str], bytes], what: str = "Passphrase") -> bytes:
    """The data key, from the passphrase command or the terminal (three tries)."""
    given = run_passphrase_command(PASSPHRASE_COMMAND)
    if given is not None:
        return unwrap(given)  # a wrong one from a script is not asked again
    for attempt in range(TRIES):
        try:
            return unwrap(ask_hidden(f"{what} for your journal: "))
        except keys.WrongPassphrase:
            if attempt < TRIES - 1:
                say_on_terminal("Wrong passphrase; try again.")
    raise keys.WrongPassphrase()


def data_key(db_path: Path, key_file_copies: list[Path]) -> bytes:
    """The data key of the encrypted journal at ``db_path``."""
    remembered = remembered_key(db_path)
    if remembered is not None:
        return remembered
    content = keys.load(keys.key_file(db_path), key_file_copies)
    return unlock_with(lambda passphrase: keys.unwrap_with_passphrase(content, passphrase))
