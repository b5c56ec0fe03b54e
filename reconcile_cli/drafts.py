"""Drafts: typed text kept on disk (0600, in a 0700 folder) until the entry holding it is committed.

A draft's file name says what it belongs to and whose it is:
``{day}.{kind}.{id}.{owner}[.{purpose}].txt``, where owner is the token of the reconcile process
typing it (see owners.py) and purpose is ``edit-{entry id}`` (a rewrite of that entry),
``into-{entry id}`` (words for the check-in's mood entry) or ``prompt-{slug}`` (an answer to that
reflection question); no purpose means a new entry. Drafts of a process that still runs are never
offered back. Names from older versions (``{day}.{kind}.{id}.txt``) are new-entry drafts.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from reconcile_cli import owners
from reconcile_cli.kinds import ENTRY_KINDS
from reconcile_cli.paths import make_private_dir


@dataclass(frozen=True)
class Draft:
    path: Path
    day: str
    kind: str
    edit_of: str | None = None  # the id of the entry this text rewrites
    into: str | None = None  # the id of an entry (a check-in's mood) this text was meant for
    prompt: str | None = None  # the reflection prompt this text answers

    def read(self) -> bytes:
        return self.path.read_bytes()


def places(drafts_dir: Path, fallbacks: list[Path]) -> list[Path]:
    return [drafts_dir, *fallbacks]


def folder(drafts_dir: Path, fallbacks: list[Path]) -> Path:
    """The first of the draft folders that can be written (and, outside the journal's own folder,
    that belongs to this user alone: a shared temporary folder is open to anyone)."""
    problem: OSError | None = None
    for candidate in places(drafts_dir, fallbacks):
        try:
            made = make_private_dir(candidate)
            if os.access(made, os.W_OK) and (candidate == drafts_dir or _ours_alone(made)):
                return made
        except OSError as exc:
            problem = exc
    raise problem or PermissionError(f"no folder for drafts could be written: {drafts_dir}")


def _ours_alone(path: Path) -> bool:
    """Whether ``path`` and the folder holding it are this user's, and no one else can write
    in them (so nobody else can have planted them, or swap them)."""
    if not hasattr(os, "getuid"):
        return True
    for folder in (path, path.parent):
        status = folder.lstat()
        if status.st_uid != os.getuid() or status.st_mode & 0o022 or folder.is_symlink():
            return False
    return True


def new(drafts_dir: Path, fallbacks: list[Path], day: str, kind: str, data: bytes = b"", *,
        edit_of: str | None = None, into: str | None = None,
        prompt: str | None = None) -> Draft:
    """Create a draft file holding ``data``, flushed to disk before returning."""
    base = folder(drafts_dir, fallbacks)
    purpose = (f".edit-{edit_of}" if edit_of else f".into-{into}" if into
               else f".prompt-{prompt}" if prompt else "")
    owner = owners.claim(base)
    path = base / f"{day}.{kind}.{secrets.token_hex(3)}.{owner}{purpose}.txt"
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        path.unlink(missing_ok=True)  # a half-written draft would be offered back as whole
        raise
    return Draft(path, day, kind, edit_of, into, prompt)


def append(draft: Draft, text: str) -> None:
    with draft.path.open("a", encoding="utf-8", errors="surrogateescape") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def discard(draft: Draft) -> None:
    draft.path.unlink(missing_ok=True)


def parse(path: Path) -> tuple[Draft, str | None] | None:
    """The draft a file name describes, and its owner's token; None for anything else."""
    parts = path.name.split(".")
    if parts[-1] != "txt" or len(parts) not in (4, 5, 6):
        return None
    day, kind = parts[0], parts[1]
    if len(day) != 10 or kind not in ENTRY_KINDS:
        return None
    owner = parts[3] if len(parts) >= 5 else None
    purpose = parts[4] if len(parts) == 6 else ""
    tag, _, value = purpose.partition("-")
    found: dict[str, str | None] = {"edit": None, "into": None, "prompt": None}
    if tag in found and value:
        found[tag] = value
    return Draft(path, day, kind, found["edit"], found["into"], found["prompt"]), owner


def waiting(drafts_dir: Path, fallbacks: list[Path]) -> list[Draft]:
    """Drafts left by runs that ended without saving them, oldest first, from every place a draft
    can be kept. Drafts that hold nothing but white space are removed: there is nothing to save."""
    found: list[tuple[float, Draft]] = []
    for place in places(drafts_dir, fallbacks):
        if not place.is_dir():
            continue
        for path in place.glob("*.txt"):
            parsed = parse(path)
            if parsed is None or owners.alive(place, parsed[1]):
                continue
            try:
                status = path.stat()
                if not path.read_bytes().strip():
                    path.unlink()
                    continue
            except OSError:
                continue  # gone meanwhile, or unreadable: nothing to offer
            found.append((status.st_mtime, parsed[0]))
        with contextlib.suppress(OSError):
            owners.sweep(place)
    return [draft for _, draft in sorted(found, key=lambda pair: pair[0])]
