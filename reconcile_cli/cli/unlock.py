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
from reconcile_cli.journal.paths import NOFOLLOW, make_private_dir, private_place

PASSPHRASE_COMMAND = "RECONCILE_PASSPHRASE_COMMAND"
NEW_PASSPHRASE_COMMAND = "RECONCILE_NEW_PASSPHRASE_COMMAND"
TRIES = 3
NO_TERMINAL = (
    "This journal is encrypted, and there is no terminal to ask for its passphrase. For "
    f"scripts, set {PASSPHRASE_COMMAND} to a command that prints it. Nothing was changed.")


class NoTerminal(errors.ReconcileError):
    pass


# --- where a remembered key is kept ----------------------------------------------------------


def _session_file(db_path: Path, make: bool = False) -> Path | None:
    """Where the key is kept for this login session: a private folder in $XDG_RUNTIME_DIR, used
    only when it is this user's alone (a shared runtime folder is never trusted)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if not runtime:
        return None
    folder = private_place(Path(runtime) / "reconcile" / "keys", make)
    if folder is None:
        return None
    return folder / hashlib.sha256(str(db_path.absolute()).encode()).hexdigest()[:24]


def _read_session_key(session: Path) -> bytes | None:
    """The key kept at ``session``: only from a regular file of ours, never through a link, and
    never waiting on a named pipe."""
    import stat

    try:
        fd = os.open(session, os.O_RDONLY | os.O_NONBLOCK | NOFOLLOW)
    except OSError:
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_uid != os.getuid():
            return None
        return bytes.fromhex(os.read(fd, 256).decode("ascii").strip())
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)


def _marker(db_path: Path) -> Path:
    from platformdirs import user_state_dir

    name = hashlib.sha256(str(db_path.absolute()).encode()).hexdigest()[:24]
    return Path(user_state_dir("reconcile", appauthor=False)) / "remembered" / name


def remembered_key(db_path: Path) -> bytes | None:
    session = _session_file(db_path)
    if session is not None:
        kept = _read_session_key(session)
        if kept is not None:
            return kept
    if _marker(db_path).exists():
        key = keychain.recall(db_path)
        if key is not None:
            _keep_for_session(db_path, key)
        return key
    return None


def _keep_for_session(db_path: Path, data_key: bytes) -> bool:
    session = _session_file(db_path, make=True)
    if session is None:
        return False
    partial = session.with_name(session.name + ".partial")
    try:
        partial.unlink(missing_ok=True)  # one left by a killed run (or a link planted there)
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY | NOFOLLOW, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(data_key.hex())
        os.replace(partial, session)
    except OSError:
        partial.unlink(missing_ok=True)
        return False
    return True


def remember(db_path: Path, data_key: bytes) -> str:
    """Keep the key on this computer; a sentence saying where."""
    kept = keychain.remember(db_path, data_key)
    in_keyring = kept.backend is not None
    if in_keyring:
        with contextlib.suppress(OSError):
            make_private_dir(_marker(db_path).parent)
            _marker(db_path).touch(mode=0o600)
    in_session = _keep_for_session(db_path, data_key)
    if in_keyring:
        return ("The key is remembered on this computer, in its keyring; `reconcile lock` "
                "forgets it.")
    if kept.refused is not None:
        passed_over = (f"The keyring found here ({kept.refused}) does not keep passwords "
                       "encrypted, so the key was not put in it; ")
        return passed_over + ("it is remembered only until you log out, and `reconcile lock` "
                              "forgets it sooner." if in_session
                              else "you will be asked for the passphrase.")
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


MOST_PASSPHRASE_BYTES = 4096  # of a command's first line: a passphrase is far shorter
COMMAND_SECONDS = 120


def run_passphrase_command(variable: str) -> str | None:
    """The first line printed by the command in ``variable``, or None when it is not set.

    Only the first line is read, and at most 4 KB of it: a command that never stops printing
    is stopped once it has given its first line."""
    command = os.environ.get(variable)
    if not command:
        return None
    try:
        child = subprocess.Popen(shlex.split(command), stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except (OSError, ValueError) as exc:
        raise errors.ReconcileError(
            f"The passphrase command in {variable} could not be run ({type(exc).__name__})."
        ) from None
    assert child.stdout is not None
    try:
        line, whole = _first_line(child.stdout.fileno(), variable)
        child.stdout.close()  # one that goes on printing stops here (SIGPIPE)
        status = child.wait(timeout=COMMAND_SECONDS)
    except subprocess.TimeoutExpired:
        raise errors.ReconcileError(
            f"The passphrase command in {variable} could not be run (TimeoutExpired)."
        ) from None
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    # -13 (or 141 from a shell): stopped by SIGPIPE when its first line was all we wanted
    if status != 0 and not (whole and status in (-13, 141)):
        raise errors.ReconcileError(
            f"The passphrase command in {variable} failed (exit status {status}).")
    if not line:
        raise errors.ReconcileError(f"The passphrase command in {variable} printed nothing.")
    return line.decode("utf-8", "surrogateescape")


def _first_line(fd: int, variable: str) -> tuple[bytes, bool]:
    """The first line read from ``fd`` (without its newline), and whether it ended with one;
    within the command's time, and never more than MOST_PASSPHRASE_BYTES of it."""
    import selectors
    import time

    deadline = time.monotonic() + COMMAND_SECONDS
    read = b""
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while b"\n" not in read:
            if len(read) > MOST_PASSPHRASE_BYTES:
                raise errors.ReconcileError(
                    f"The passphrase command in {variable} printed more than 4 KB without ending "
                    "its first line; a passphrase is shorter than that.")
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(left):
                raise subprocess.TimeoutExpired(variable, COMMAND_SECONDS)
            chunk = os.read(fd, 1024)
            if not chunk:
                return read, False
            read += chunk
    return read.split(b"\n", 1)[0].rstrip(b"\r"), True


def _require_terminal() -> None:
    """NoTerminal unless there is a terminal to ask on, even when standard input is a pipe."""
    try:
        os.close(os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY))
    except OSError:
        raise NoTerminal(NO_TERMINAL) from None


def ask_hidden(question: str) -> str:
    """Ask on the terminal without echoing what is typed. Bytes that are not UTF-8 are kept
    as they were typed (surrogateescape), so any passphrase that can be set can be typed."""
    import termios

    try:
        tty = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        raise NoTerminal(NO_TERMINAL) from None  # never standard input, which would echo
    try:
        before = termios.tcgetattr(tty)
        quiet = termios.tcgetattr(tty)
        quiet[3] &= ~termios.ECHO
        termios.tcsetattr(tty, termios.TCSAFLUSH, quiet)
        try:
            os.write(tty, question.encode("utf-8", "replace"))
            typed = _read_line(tty)
        finally:
            termios.tcsetattr(tty, termios.TCSAFLUSH, before)
            os.write(tty, b"\n")
    finally:
        os.close(tty)
    if typed is None:
        raise errors.Interrupted("Stopped; nothing was changed.")
    return typed.decode("utf-8", "surrogateescape")


def _read_line(fd: int) -> bytes | None:
    """One line from the terminal (None at end of input), at most 4 KB of it."""
    read = b""
    while not read.endswith(b"\n") and len(read) <= MOST_PASSPHRASE_BYTES:
        chunk = os.read(fd, 1024)
        if not chunk:
            return read if read else None
        read += chunk
    return read.rstrip(b"\r\n")


def say_on_terminal(text: str) -> None:
    from reconcile_cli.cli.output import fill, width

    with contextlib.suppress(OSError), open("/dev/tty", "w") as tty:
        tty.write(fill(text, width()) + "\n")


def ask_new_passphrase(variable: str) -> str:
    """A new passphrase: from the command in ``variable``, else asked twice on the terminal."""
    given = run_passphrase_command(variable)
    if given is not None:
        if not good_passphrase(given):
            raise errors.InvalidInput(
                f"The new passphrase from {variable} is shorter than 8 characters, so it was "
                "not set; nothing was changed.")
        return given
    try:
        _require_terminal()
    except NoTerminal:
        raise NoTerminal(f"There is no terminal to ask for the new passphrase on. For scripts, "
                         f"set {variable} to a command that prints it. Nothing was "
                         "changed.") from None
    for _ in range(TRIES):
        first = ask_hidden("New passphrase: ")
        if not good_passphrase(first):
            say_on_terminal("A passphrase of at least 8 characters, please: a few words you "
                            "will remember are best.")
            continue
        if ask_hidden("The same again: ") == first:
            return first
        say_on_terminal("Those were not the same; once more.")
    raise errors.ReconcileError("No passphrase was set, and nothing was changed.")


def good_passphrase(passphrase: str) -> bool:
    """The one rule for a new passphrase, wherever it comes from: 8 characters or more, not
    counting spaces at either end."""
    return len(passphrase.strip()) >= 8


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


def data_key(db_path: Path, key_path: Path, key_file_copies: list[Path]) -> bytes:
    """The data key of the encrypted journal at ``db_path``, unwrapped from ``key_path``."""
    remembered = remembered_key(db_path)
    if remembered is not None:
        return remembered
    content = keys.load(key_path, key_file_copies)
    return unlock_with(lambda passphrase: keys.unwrap_with_passphrase(content, passphrase))
