"""Drafts: typed text kept on disk (0600, in a 0700 folder) until the entry holding it is committed.

A draft's file name says what it belongs to and whose it is:
``{day}.{kind}.{id}.{owner}[.{purpose}].txt``, where owner is the token of the reconcile process
typing it (see owners.py) and purpose is ``edit-{entry id}`` (a rewrite of that entry),
``into-{entry id}`` (words for the check-in's mood entry), ``prompt-{slug}`` (an answer to that
reflection question), ``letter-drawer``, ``vision-page``, ``note-{item}`` (a note on a slip),
``support-list`` (a name and a contact, one a line), ``goal-{area}``, ``step-{goal id}`` or
``daily-{goal id}`` (a small step, one asked about daily); no purpose means a new entry. Drafts
of a process that still runs are never offered back. Names from older versions
(``{day}.{kind}.{id}.txt``) are new-entry drafts. Who a letter is to (``--to``) is kept beside
its draft, in ``{draft name}.to``, sealed like the draft.

Drafts of an encrypted journal end in ``.enc`` and hold the text sealed with AES-256-GCM under
the journal's data key, the draft's name (without the owner) as associated data.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from reconcile_cli.core.kinds import ENTRY_KINDS
from reconcile_cli.journal import owners
from reconcile_cli.journal.paths import NOFOLLOW, make_private_dir, private_place


@dataclass(frozen=True)
class Draft:
    path: Path
    day: str
    kind: str
    edit_of: str | None = None  # the id of the entry this text rewrites
    into: str | None = None  # the id of an entry (a check-in's mood) this text was meant for
    prompt: str | None = None  # the reflection prompt this text answers
    letter: bool = False  # a letter for the drawer, not an entry
    vision: bool = False  # a new version of the vision page
    other: tuple[str, str] | None = None  # (tag, value) of a purpose in OTHER

    @property
    def purpose(self) -> str:
        """What the text is for: "letter", "vision", "edit" (of an entry), one of OTHER (a step
        asked about daily is a "step") or "entry"."""
        if self.other is not None:
            return "step" if self.other[0] == "daily" else self.other[0]
        return ("letter" if self.letter else "vision" if self.vision
                else "edit" if self.edit_of else "entry")

    def recipient(self, key: bytes | None = None) -> str | None:
        """Who a letter is to, when it was given."""
        beside = _beside(self.path)
        try:
            raw = beside.read_bytes()
        except OSError:
            return None
        if self.path.suffix == ".enc":
            if key is None:
                return None
            raw = open_sealed(raw, key, b"to:" + _associated(self.path))
        return raw.decode("utf-8", "replace") or None

    def read(self, key: bytes | None = None) -> bytes:
        """The draft's text; a sealed draft needs the journal's key."""
        raw = self.path.read_bytes()
        if self.path.suffix != ".enc":
            return raw
        if key is None:
            raise ValueError("a sealed draft needs the journal's key")
        return open_sealed(raw, key, _associated(self.path))


OTHER = ("note", "support", "goal", "step", "daily")  # purposes beyond the first ones


def _beside(path: Path) -> Path:
    return path.with_name(path.name + ".to")


def places(drafts_dir: Path, fallbacks: list[Path]) -> list[Path]:
    """The folders drafts are kept in: the journal's own, and each fallback that is this
    user's alone (a draft planted in a shared folder is never offered back as theirs)."""
    return [drafts_dir, *(place for place in fallbacks
                          if private_place(place, make=False) is not None)]


def folder(drafts_dir: Path, fallbacks: list[Path]) -> Path:
    """The first of the draft folders that can be written (and, outside the journal's own folder,
    that belongs to this user alone: a shared temporary folder is open to anyone)."""
    problem: OSError | None = None
    for candidate in [drafts_dir, *fallbacks]:
        try:
            made = (make_private_dir(candidate) if candidate == drafts_dir
                    else private_place(candidate))
            if made is not None and os.access(made, os.W_OK):
                return made
        except OSError as exc:
            problem = exc
    raise problem or PermissionError(f"no folder for drafts could be written: {drafts_dir}")


def new(drafts_dir: Path, fallbacks: list[Path], day: str, kind: str, data: bytes = b"", *,
        edit_of: str | None = None, into: str | None = None,
        prompt: str | None = None, key: bytes | None = None, letter: bool = False,
        vision: bool = False, other: tuple[str, str] | None = None,
        recipient: str | None = None) -> Draft:
    """Create a draft file holding ``data`` (sealed with ``key``, for an encrypted journal),
    flushed to disk before returning; a letter's ``recipient`` is kept beside it."""
    base = folder(drafts_dir, fallbacks)
    purpose = (f".edit-{edit_of}" if edit_of else f".into-{into}" if into
               else f".prompt-{prompt}" if prompt else ".letter-drawer" if letter
               else ".vision-page" if vision else f".{other[0]}-{other[1]}" if other else "")
    owner = owners.claim(base)
    suffix = ".enc" if key is not None else ".txt"
    path = base / f"{day}.{kind}.{secrets.token_hex(3)}.{owner}{purpose}{suffix}"
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | NOFOLLOW, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(seal(data, key, _associated(path)) if key is not None else data)
            handle.flush()
            os.fsync(handle.fileno())
        if recipient:
            _write_beside(path, recipient.encode("utf-8", "surrogateescape"), key)
    except OSError:
        _beside(path).unlink(missing_ok=True)
        path.unlink(missing_ok=True)  # a half-written draft would be offered back as whole
        raise
    return Draft(path, day, kind, edit_of, into, prompt, letter, vision, other)


def _write_beside(path: Path, data: bytes, key: bytes | None) -> None:
    """What is kept beside the draft at ``path`` (who a letter is to), sealed like it."""
    fd = os.open(_beside(path), os.O_CREAT | os.O_TRUNC | os.O_WRONLY | NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(seal(data, key, b"to:" + _associated(path)))
        handle.flush()
        os.fsync(handle.fileno())


def append(draft: Draft, text: str, key: bytes | None = None) -> None:
    data = text.encode("utf-8", "surrogateescape")
    if draft.path.suffix == ".enc" and key is not None:
        replace(draft, draft.read(key) + data, key)
        return
    with os.fdopen(os.open(draft.path, os.O_WRONLY | os.O_APPEND | NOFOLLOW), "ab") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def replace(draft: Draft, data: bytes, key: bytes | None = None) -> None:
    """Put ``data`` in the draft in one step (written beside it, then renamed over it)."""
    sealed = seal(data, key, _associated(draft.path)) if draft.path.suffix == ".enc" else data
    if key is None and draft.path.suffix == ".enc":
        raise ValueError("a sealed draft needs the journal's key")
    partial = draft.path.with_name(f".{draft.path.name}.partial")
    try:
        partial.unlink(missing_ok=True)  # left by a killed run
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY | NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(sealed)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, draft.path)
    finally:
        partial.unlink(missing_ok=True)


MAGIC = b"reconcile-draft-1"


def _associated(path: Path) -> bytes:
    """What a sealed draft is bound to: its name, without the owner (which changes nothing)."""
    parts = path.name.split(".")
    return ".".join(parts[:3] + parts[4:-1]).encode()


def seal(data: bytes, key: bytes | None, associated: bytes) -> bytes:
    if key is None:  # a plain journal's draft: no cryptography (an optional extra) needed
        return data
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(12)
    return MAGIC + nonce + AESGCM(key).encrypt(nonce, data, associated)


def open_sealed(raw: bytes, key: bytes, associated: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not raw.startswith(MAGIC):
        raise ValueError("not a sealed draft")
    body = raw[len(MAGIC):]
    try:
        return AESGCM(key).decrypt(body[:12], body[12:], associated)
    except InvalidTag:
        raise ValueError("a sealed draft that this key does not open") from None


def create_empty(path: Path) -> None:
    """An empty private file at ``path`` (never through a link), to be filled by replace()."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY | NOFOLLOW, 0o600))


def discard(draft: Draft) -> None:
    draft.path.unlink(missing_ok=True)
    _beside(draft.path).unlink(missing_ok=True)


def parse(path: Path) -> tuple[Draft, str | None] | None:
    """The draft a file name describes, and its owner's token; None for anything else."""
    parts = path.name.split(".")
    if parts[-1] not in ("txt", "enc") or len(parts) not in (4, 5, 6):
        return None
    day, kind = parts[0], parts[1]
    if len(day) != 10 or kind not in ENTRY_KINDS:
        return None
    owner = parts[3] if len(parts) >= 5 else None
    purpose = parts[4] if len(parts) == 6 else ""
    tag, _, value = purpose.partition("-")
    found: dict[str, str | None] = {"edit": None, "into": None, "prompt": None, "letter": None,
                                    "vision": None}
    if tag in found and value:
        found[tag] = value
    other = (tag, value) if tag in OTHER and value else None
    return Draft(path, day, kind, found["edit"], found["into"], found["prompt"],
                 found["letter"] is not None, found["vision"] is not None, other), owner


def waiting(drafts_dir: Path, fallbacks: list[Path], key: bytes | None = None) -> list[Draft]:
    """Drafts left by runs that ended without saving them, oldest first, from every place a draft
    can be kept. Drafts that hold nothing but white space are removed: there is nothing to save.
    Sealed drafts are looked into with ``key`` (without it, they are left for later)."""
    if key is not None:  # an encrypted journal keeps no plain draft, even one left meanwhile
        convert(drafts_dir, fallbacks, key, seal=True)
    found: list[tuple[float, Draft]] = []
    for place in places(drafts_dir, fallbacks):
        if not place.is_dir():
            continue
        for path in [*place.glob("*.txt"), *place.glob("*.enc")]:
            parsed = parse(path)
            if parsed is None or owners.alive(place, parsed[1]):
                continue
            if path.suffix == ".enc" and key is None:
                continue
            try:
                status = path.stat()
                if not parsed[0].read(key).strip():
                    path.unlink()
                    continue
            except (OSError, ValueError):
                continue  # gone meanwhile, unreadable, or sealed with another key
            found.append((status.st_mtime, parsed[0]))
        with contextlib.suppress(OSError):
            owners.sweep(place)
    return [draft for _, draft in sorted(found, key=lambda pair: pair[0])]


def convert(drafts_dir: Path, fallbacks: list[Path], key: bytes, seal: bool) -> tuple[int, int]:
    """Seal every plain draft no running reconcile is typing into with ``key`` (or, with
    ``seal`` false, open every sealed one); (converted, left as they were: in use, or not
    opened by this key)."""
    done = left = 0
    for place in places(drafts_dir, fallbacks):
        if not place.is_dir():
            continue
        for path in sorted(place.glob("*.txt" if seal else "*.enc")):
            parsed = parse(path)
            if parsed is None:
                continue
            if owners.alive(place, parsed[1]):
                left += 1
                continue
            draft = parsed[0]
            try:
                data = draft.read(None if seal else key)
                target = Draft(path.with_suffix(".enc" if seal else ".txt"), draft.day,
                               draft.kind)
                create_empty(target.path)
                replace(target, data, key if seal else None)
                recipient = draft.recipient(None if seal else key)
                if recipient:
                    _write_beside(target.path, recipient.encode("utf-8", "surrogateescape"),
                                  key if seal else None)
                    _beside(path).unlink(missing_ok=True)
            except (OSError, ValueError):
                left += 1  # unreadable, or sealed with another key: kept as it is
                continue
            path.unlink()
            done += 1
    return done, left
