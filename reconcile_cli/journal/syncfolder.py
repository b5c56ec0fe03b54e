"""The sync folder: a folder that a sync tool (Syncthing, Dropbox, Nextcloud, iCloud Drive, a git
working tree) keeps in step between computers, holding each computer's changes as files.

The journal file itself never lives there (SQLite's "How to corrupt" page: a file copied while it
is being written is corrupt; paths.refuse_as_home). Instead each computer writes only files of its
own, each once:

    FOLDER/reconcile.json                  which journal this is (written once, by the first)
    FOLDER/reconcile.key                   an encrypted journal's wrapped key (as journal.db.key)
    FOLDER/changes/3f2a9c1e-00000042.rcs   computer 3f2a9c1e's 42nd file of changes

A file of changes is written under a temporary name, synced to disk and then renamed, so no sync
tool ever sees it half written under its name; names are lowercase and carry the computer's id,
so two computers never write the same name. Its first line says which journal, computer and
number it is; then one record per line (the interchange format); then an end line with the
SHA-256 of all before it. An encrypted journal's file is sealed whole (AES-256-GCM, a key derived
from the data key with HKDF, the journal, computer and number bound in as associated data): its
first line says only which file it is.

A file that is cut short, still being copied or damaged is left for next time, never half taken
in; the copies sync tools make of a file ("x.sync-conflict-...", "x (conflicted copy ...)") are
read as the file they copy, where they are whole.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reconcile_cli.core import errors
from reconcile_cli.journal.syncscan import CHANGES as CHANGES, changes_dir as changes_dir

FORMAT = "reconcile-sync"
VERSION = 1
JOURNAL_FILE = "reconcile.json"
KEY_FILE = "reconcile.key"
SUFFIX = ".rcs"
NAME = re.compile(r"^([0-9a-f]{8})-(\d{8})\.rcs$")
# What sync tools call the copies they make: Syncthing's "name.sync-conflict-DATE-TIME-ID.ext",
# Dropbox's and others' "name (conflicted copy ...).ext", "name (Case Conflict).ext",
# "name (1).ext"; and their own temporary and system files.
COPY_MARKS = (re.compile(r"\.sync-conflict-[0-9]{8}-[0-9]{6}-[0-9A-Z]{7}"),
              re.compile(r" \((?:[^()]*conflicted copy[^()]*|Case Conflict|\d+)\)"))
TOOL_FILES = re.compile(r"^(?:\..*|~\$.*|.*\.tmp|desktop\.ini|thumbs\.db|icon\r)$",
                        re.IGNORECASE)
MAX_FILE_BYTES = 512_000_000  # a file of changes larger than this is not read
MAX_HEADER_BYTES = 4096
CHUNK = 1 << 20  # sealed files are sealed a megabyte at a time
MAGIC = b"reconcile-sealed-1\n"


class Unreadable(Exception):
    """A file of changes that cannot be taken in (now): ``reason`` says why, for `sync --status`."""

    def __init__(self, reason: str, retry: bool = True):
        super().__init__(reason)
        self.reason = reason
        self.retry = retry  # cut short or still arriving: try again next time


@dataclass(frozen=True)
class ChangeFile:
    path: Path
    device: str
    seq: int
    copy: bool  # a sync tool's copy of the file, not the file itself


# --- the folder and the journal file -------------------------------------------------------------


def read_journal_file(folder: Path) -> dict[str, Any] | None:
    """What the folder says of its journal, or None when no journal has used it yet."""
    path = folder / JOURNAL_FILE
    try:
        data = json.loads(_read_small(path, MAX_HEADER_BYTES))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raise errors.ReconcileError(f"{path} is not a file reconcile wrote; nothing was changed. "
                                    "Use an empty folder, or one another computer's reconcile "
                                    "syncs through.") from None
    if (not isinstance(data, dict) or data.get("format") != FORMAT
            or not isinstance(data.get("journal"), str)):
        raise errors.ReconcileError(f"{path} is not a file reconcile wrote; nothing was changed.")
    return data


def write_journal_file(folder: Path, journal_id: str, encrypted: bool) -> None:
    """Say which journal the folder holds (and whether it is sealed): written whole, then put
    in place (once, unless the journal is encrypted later)."""
    data = json.dumps({"format": FORMAT, "version": VERSION, "journal": journal_id,
                       "encrypted": encrypted}).encode() + b"\n"
    _replace(folder / JOURNAL_FILE, data)


def write_key_file(folder: Path, key_file: Path) -> None:
    """An encrypted journal's wrapped key (passphrase and recovery code, never the key itself),
    for another computer to join with the passphrase."""
    _replace(folder / KEY_FILE, key_file.read_bytes())


def _replace(target: Path, data: bytes) -> None:
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    write_once(temporary, [data])
    try:
        os.replace(temporary, target)
        _sync_dir(target.parent)
    finally:
        temporary.unlink(missing_ok=True)


def _read_small(path: Path, most: int) -> bytes:
    import stat

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError("not a regular file")
        data = os.read(fd, most + 1)
    finally:
        os.close(fd)
    if len(data) > most:
        raise ValueError("too large")
    return data


# --- writing a file once -----------------------------------------------------------------------


def write_once(target: Path, blocks: Iterable[bytes]) -> int:
    """Write ``blocks`` to ``target`` as a new file: under a temporary name in the same folder,
    synced to disk, then renamed (never over a file that is there). Its size."""
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(temporary, flags, 0o600)
    size = 0
    try:
        with os.fdopen(fd, "wb") as handle:
            for block in blocks:
                handle.write(block)
                size += len(block)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            raise FileExistsError(f"{target} exists already")
        os.link(temporary, target)  # fails if the name was taken meanwhile
        _sync_dir(folder)
    finally:
        temporary.unlink(missing_ok=True)
    return size


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- files of changes --------------------------------------------------------------------------


def file_name(device: str, seq: int) -> str:
    return f"{device}-{seq:08d}{SUFFIX}"


def change_files(folder: Path) -> tuple[list[ChangeFile], list[tuple[str, str]]]:
    """The files of changes in the folder, and the others there that are no such file (name,
    why), each read from its name alone."""
    found, others = [], []
    try:
        names = sorted(os.listdir(changes_dir(folder)))
    except FileNotFoundError:
        return [], []
    for name in names:
        if TOOL_FILES.match(name):
            continue  # a sync tool's (or this program's) temporary file, or the system's
        plain = name
        for mark in COPY_MARKS:
            plain = mark.sub("", plain)
        match = NAME.match(plain)
        if match is None:
            others.append((name, "not a file of changes reconcile writes"))
            continue
        found.append(ChangeFile(changes_dir(folder) / name, match[1], int(match[2]),
                                copy=plain != name))
    return found, others


def header(journal_id: str, device: str, name: str, seq: int, at: str, *, snapshot: bool
           ) -> dict[str, Any]:
    """What a file of changes says of itself: its journal, its computer (and the name it goes
    by), its number, when it was written, and whether it holds the whole journal."""
    return {"format": FORMAT, "version": VERSION, "journal": journal_id, "device": device,
            "name": name, "seq": seq, "at": at, "snapshot": snapshot}


def plain_blocks(head: dict[str, Any], lines: Iterable[str]) -> Iterator[bytes]:
    """A file's bytes: the header line, the record lines, and the end line with the SHA-256 of
    all before it."""
    digest = hashlib.sha256()
    first = (json.dumps(head, separators=(",", ":")) + "\n").encode()
    digest.update(first)
    yield first
    for line in lines:
        data = (line + "\n").encode("utf-8")
        digest.update(data)
        yield data
    yield (json.dumps({"end": True, "sha256": digest.hexdigest()}) + "\n").encode()


def sealed_blocks(head: dict[str, Any], lines: Iterable[str], key: bytes) -> Iterator[bytes]:
    """A sealed file: MAGIC, the header line (which file it is, nothing of what it holds), then
    the plain file's bytes sealed a megabyte at a time, each chunk's number and whether it is the
    last bound in, so that no chunk can be moved, dropped or cut off unseen."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    sealer = AESGCM(sealing_key(key, head["journal"]))
    yield MAGIC
    yield (json.dumps({"journal": head["journal"], "device": head["device"], "seq": head["seq"],
                       "sealed": True}) + "\n").encode()
    pending = b""
    index = 0
    for block in plain_blocks(head, lines):
        pending += block
        while len(pending) > CHUNK:
            yield _seal_chunk(sealer, head, index, pending[:CHUNK], last=False)
            pending = pending[CHUNK:]
            index += 1
    yield _seal_chunk(sealer, head, index, pending, last=True)


def _associated(head: dict[str, Any], index: int, last: bool) -> bytes:
    return f"{head['journal']}|{head['device']}|{head['seq']}|{index}|{int(last)}".encode()


def _seal_chunk(sealer: Any, head: dict[str, Any], index: int, data: bytes, last: bool) -> bytes:
    nonce = secrets.token_bytes(12)
    sealed: bytes = sealer.encrypt(nonce, data, _associated(head, index, last))
    return bytes([1 if last else 0]) + len(sealed).to_bytes(4, "big") + nonce + sealed


def sealing_key(data_key: bytes, journal_id: str) -> bytes:
    """The key that seals an encrypted journal's files of changes: derived from its data key
    (HKDF-SHA256), never the data key itself."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=journal_id.encode(),
                info=b"reconcile sync files v1").derive(data_key)


# --- reading a file ----------------------------------------------------------------------------


def read(path: Path, journal_id: str, key: bytes | None, expected: ChangeFile
         ) -> tuple[dict[str, Any], list[str]]:
    """A file's header and record lines, checked whole (end line, checksum, journal, computer
    and number); Unreadable otherwise."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror})") from None
    if size > MAX_FILE_BYTES:
        raise Unreadable("larger than 512 MB, more than one file of changes holds", retry=False)
    try:
        data = _read_small(path, MAX_FILE_BYTES)
    except (OSError, ValueError) as exc:
        raise Unreadable(f"cannot be read ({exc})") from None
    if data.startswith(MAGIC):
        if key is None:
            raise Unreadable("sealed, and this journal is not encrypted: run `reconcile sync "
                             "FOLDER` again to join it with the passphrase", retry=False)
        data = _unseal(data, journal_id, key, expected)
    elif key is not None:
        raise Unreadable("written in plain text, though this journal is encrypted", retry=False)
    lines = data.split(b"\n")
    if len(lines) < 3 or lines[-1] != b"":
        raise Unreadable("cut short (still being copied?)")
    try:
        head = json.loads(lines[0])
        end = json.loads(lines[-2])
    except ValueError:
        raise Unreadable("cut short or damaged") from None
    if not isinstance(end, dict) or end.get("end") is not True:
        raise Unreadable("cut short (still being copied?)")
    body = b"\n".join(lines[:-2]) + b"\n"
    if hashlib.sha256(body).hexdigest() != end.get("sha256"):
        raise Unreadable("its checksum does not match (damaged, or still being copied)")
    _check_header(head, journal_id, expected)
    try:
        return head, [line.decode("utf-8") for line in lines[1:-2]]
    except UnicodeDecodeError:
        raise Unreadable("not valid UTF-8", retry=False) from None


def _check_header(head: Any, journal_id: str, expected: ChangeFile) -> None:
    if not isinstance(head, dict) or head.get("format") != FORMAT:
        raise Unreadable("not a file of changes reconcile writes", retry=False)
    if head.get("version") != VERSION:
        raise Unreadable(f"written by another version of reconcile ({head.get('version')!r}); "
                         "upgrade reconcile here to read it", retry=False)
    if head.get("journal") != journal_id:
        raise Unreadable("belongs to another journal", retry=False)
    if head.get("device") != expected.device or head.get("seq") != expected.seq:
        raise Unreadable("its name and what it says it is do not agree", retry=False)


def _unseal(data: bytes, journal_id: str, key: bytes, expected: ChangeFile) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    rest = data[len(MAGIC):]
    newline = rest.find(b"\n")
    if newline < 0 or newline > MAX_HEADER_BYTES:
        raise Unreadable("cut short (still being copied?)")
    try:
        outside = json.loads(rest[:newline])
    except ValueError:
        raise Unreadable("damaged", retry=False) from None
    if not isinstance(outside, dict) or outside.get("journal") != journal_id:
        raise Unreadable("belongs to another journal", retry=False)
    head = {"journal": journal_id, "device": expected.device, "seq": expected.seq}
    opener = AESGCM(sealing_key(key, journal_id))
    position, index, plain = newline + 1, 0, []
    while True:
        if len(rest) < position + 17:
            raise Unreadable("cut short (still being copied?)")
        last = rest[position] == 1
        length = int.from_bytes(rest[position + 1:position + 5], "big")
        nonce = rest[position + 5:position + 17]
        sealed = rest[position + 17:position + 17 + length]
        if len(sealed) < length:
            raise Unreadable("cut short (still being copied?)")
        try:
            plain.append(bytes(opener.decrypt(nonce, sealed, _associated(head, index, last))))
        except InvalidTag:
            raise Unreadable("does not open with this journal's key (damaged, or another "
                             "journal's)", retry=False) from None
        position += 17 + length
        index += 1
        if last:
            break
    if position != len(rest):
        raise Unreadable("damaged (more after its end)", retry=False)
    return b"".join(plain)


def remove_plain_own(folder: Path, device: str) -> int:
    """Remove this computer's files written in plain text (its journal is encrypted now, and has
    written its changes again, sealed); how many."""
    removed = 0
    for found in change_files(folder)[0]:
        if found.device == device and found.path.read_bytes()[:len(MAGIC)] != MAGIC:
            found.path.unlink(missing_ok=True)
            removed += 1
    return removed


def remove_own(folder: Path, names: Iterable[str]) -> None:
    """Remove files of this computer's (by name) that a newer file of its own holds all of."""
    for name in names:
        (changes_dir(folder) / name).unlink(missing_ok=True)
