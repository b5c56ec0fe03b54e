"""Which files belong to a reconcile that is still running.

A process that leaves work-in-progress files around (a draft being typed, an export being
written) holds an advisory lock on a small "owner" file for as long as it runs. The kernel drops
the lock however the process ends, kill -9 included, so another process can tell a live owner from
a dead one without trusting process ids, which the system reuses.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from reconcile_cli.journal.paths import NOFOLLOW

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: nothing is ever "in use" by another reconcile
    fcntl = None  # type: ignore[assignment]

# This process's token, and the open owner files it holds locks on (one per folder).
TOKEN = os.urandom(4).hex()  # os, not secrets: secrets loads hashlib, ~2 ms of start-up
_held: dict[Path, int] = {}


def lock_name(token: str) -> str:
    return f".owner-{token}.lock"


def claim(folder: Path) -> str:
    """Mark ``folder``'s files carrying this process's token as in use until the process ends."""
    while folder not in _held and fcntl is not None:
        path = folder / lock_name(TOKEN)
        fd = os.open(path, os.O_CREAT | os.O_RDWR | NOFOLLOW, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        try:
            ours = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            ours = False  # another process's sweep removed it before we locked it: again
        if ours:
            _held[folder] = fd
        else:
            os.close(fd)
    return TOKEN


def wait_for_lock(fd: int) -> None:
    """Hold an exclusive lock on an open file, waiting for another process to let go of it."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)


def alive(folder: Path, token: str | None) -> bool:
    """Whether the process that wrote ``token`` into a file name in ``folder`` still runs."""
    if token is None or fcntl is None:
        return False
    if token == TOKEN:
        return folder in _held
    try:
        fd = os.open(folder / lock_name(token), os.O_RDWR | NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def sweep(folder: Path) -> None:
    """Remove owner files whose process has ended."""
    for lock in folder.glob(".owner-*.lock"):
        token = lock.name[len(".owner-"):-len(".lock")]
        if not alive(folder, token):
            with contextlib.suppress(OSError):
                lock.unlink()


def release_all() -> None:
    """Give up this process's claims (on a normal exit; the kernel does it on any other)."""
    for folder, fd in list(_held.items()):
        with contextlib.suppress(OSError):
            (folder / lock_name(TOKEN)).unlink()
        os.close(fd)
        del _held[folder]
