"""The key file of an encrypted journal: a random data key, wrapped twice.

The journal is encrypted (SQLCipher) with a random 256-bit data key. That key is never stored as
it is: the key file beside the journal (``journal.db.key``, 0600, JSON) holds it wrapped with
AES-256-GCM twice, once under a key derived from the passphrase (Argon2id, its cost recorded in
the file) and once under a key derived from the recovery code (HKDF: the code is random, 140
bits, so it needs no slow derivation). Changing the passphrase re-wraps the data key; the
journal itself is not touched. A copy of the key file lies beside the backups.

The optional dependencies (argon2-cffi, cryptography) are imported only here, when needed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from pathlib import Path
from typing import Any

from reconcile_cli.core import errors
from reconcile_cli.journal.paths import key_file as key_file  # where it lives, for callers here

FORMAT, VERSION = "reconcile-key", 1
DATA_KEY_BYTES = 32
# Argon2id at about 0.3 s on a 2-core laptop-class machine (measured; see bench/README).
ARGON2 = {"time_cost": 3, "memory_cost": 112 * 1024, "parallelism": 1}
# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand is hard to get wrong.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_DATA = 28  # characters of randomness: 140 bits
CODE_CHECK = 2  # characters of checksum: a typo is caught before anything is tried
GROUP = 5


class WrongPassphrase(errors.ReconcileError):
    def __init__(self) -> None:
        super().__init__("Wrong passphrase.")


class WrongRecoveryCode(errors.ReconcileError):
    pass


class KeyFileDamaged(errors.ReconcileError):
    pass


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


# --- the recovery code ----------------------------------------------------------------------


def _checksum(data: str) -> str:
    number = int.from_bytes(hashlib.sha256(data.encode()).digest()[:2], "big") >> 6
    return ALPHABET[number >> 5] + ALPHABET[number & 31]


def new_recovery_code() -> str:
    """140 random bits and a checksum, as six groups of five: ``7KQ2M-...``."""
    data = "".join(secrets.choice(ALPHABET) for _ in range(CODE_DATA))
    code = data + _checksum(data)
    return "-".join(code[n:n + GROUP] for n in range(0, len(code), GROUP))


def read_recovery_code(typed: str) -> str:
    """The code's characters as typed, tidied (case, spaces, dashes, O for 0, I or L for 1),
    or WrongRecoveryCode when it cannot be one (with a typo, the checksum says so)."""
    table = str.maketrans({"O": "0", "I": "1", "L": "1", " ": None, "-": None})
    code = typed.strip().upper().translate(table)
    if len(code) != CODE_DATA + CODE_CHECK or set(code) - set(ALPHABET):
        raise WrongRecoveryCode(
            "That is not a recovery code: it is six groups of five letters and digits, like "
            "the one you were shown when the journal was encrypted.")
    if _checksum(code[:CODE_DATA]) != code[CODE_DATA:]:
        raise WrongRecoveryCode(
            "That recovery code has a typo somewhere; check it against the one you wrote down.")
    return code


# --- wrapping --------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def passphrase_bytes(passphrase: str) -> bytes:
    """A passphrase as the bytes that were typed or printed: bytes that are not UTF-8 arrive
    as lone surrogates (surrogateescape) and go back to the very same bytes."""
    return passphrase.encode("utf-8", "surrogateescape")


def _argon2(passphrase: str | bytes, salt: bytes, cost: dict[str, int]) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    secret = passphrase if isinstance(passphrase, bytes) else passphrase_bytes(passphrase)
    return hash_secret_raw(secret, salt,
                           time_cost=cost["time_cost"], memory_cost=cost["memory_cost"],
                           parallelism=cost["parallelism"], hash_len=32, type=Type.ID)


def _hkdf(code: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt,
                info=b"reconcile recovery code v1").derive(code.encode("ascii"))


def _wrap(kek: bytes, data_key: bytes, purpose: str) -> dict[str, str]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(kek).encrypt(nonce, data_key, f"reconcile:{purpose}".encode())
    return {"nonce": _b64(nonce), "wrapped": _b64(wrapped)}


def _unwrap(kek: bytes, entry: dict[str, Any], purpose: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(_unb64(entry["nonce"]), _unb64(entry["wrapped"]),
                                   f"reconcile:{purpose}".encode())
    except InvalidTag:
        return None


def passphrase_entry(data_key: bytes, passphrase: str) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    return {"kdf": "argon2id", **ARGON2, "salt": _b64(salt),
            **_wrap(_argon2(passphrase, salt, ARGON2), data_key, "passphrase")}


def recovery_entry(data_key: bytes, code: str) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    plain = read_recovery_code(code)
    return {"kdf": "hkdf-sha256", "salt": _b64(salt),
            **_wrap(_hkdf(plain, salt), data_key, "recovery")}


def new_key_file(data_key: bytes, passphrase: str, code: str) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "cipher": "sqlcipher4",
            # not secret: which data key this file holds, so a key file can be matched to
            # the key in hand before it is copied or rewrapped
            "fingerprint": fingerprint(data_key),
            "passphrase": passphrase_entry(data_key, passphrase),
            "recovery": recovery_entry(data_key, code)}


def holds(path: Path, data_key: bytes) -> bool:
    """Whether the key file at ``path`` is whole and holds ``data_key``."""
    try:
        content = load(path)
    except errors.ReconcileError:
        return False
    return content.get("fingerprint") == fingerprint(data_key)


def with_passphrase(content: dict[str, Any], data_key: bytes, passphrase: str) -> dict[str, Any]:
    """The same key file with the data key wrapped under a new passphrase."""
    return {**content, "passphrase": passphrase_entry(data_key, passphrase)}


def unwrap_with_passphrase(content: dict[str, Any], passphrase: str) -> bytes:
    entry = content["passphrase"]
    cost = {name: entry[name] for name in ARGON2}
    key = _unwrap(_argon2(passphrase, _unb64(entry["salt"]), cost), entry, "passphrase")
    if key is None and passphrase != passphrase.encode("utf-8", "replace").decode("utf-8"):
        # older key files took bytes that are not UTF-8 as "surrogatepass" bytes
        older = passphrase.encode("utf-8", "surrogatepass")
        key = _unwrap(_argon2(older, _unb64(entry["salt"]), cost), entry, "passphrase")
    if key is None:
        raise WrongPassphrase()
    return key


def unwrap_with_code(content: dict[str, Any], code: str) -> bytes:
    entry = content["recovery"]
    key = _unwrap(_hkdf(read_recovery_code(code), _unb64(entry["salt"])), entry, "recovery")
    if key is None:
        raise WrongRecoveryCode("That recovery code does not open this journal's key.")
    return key


# --- the file ----------------------------------------------------------------------------------


def load(path: Path, copies: list[Path] | None = None) -> dict[str, Any]:
    """The key file's content, checked; a clear error when it is missing or damaged."""
    try:
        raw = read_regular(path)
    except FileNotFoundError:
        if copies:
            where = " and ".join(str(copy.parent) for copy in copies)
            raise errors.ReconcileError(
                f"The journal at {path.with_suffix('')} is encrypted, but its key file {path} "
                f"is missing; copies lie beside your backups, in {where}. Copy one back beside "
                f"the journal as {path.name}; nothing was changed.") from None
        raise errors.ReconcileError(
            f"The journal at {path.with_suffix('')} is encrypted, but its key file {path} is "
            "missing, and no copy lies beside the backups. If you copied a backup elsewhere, "
            f"the {path.name} beside it will do: put it back beside the journal. Nothing was "
            "changed.") from None
    except OSError as exc:
        raise KeyFileDamaged(f"The key file {path} could not be read ({exc.strerror}).") from None
    try:
        content = json.loads(raw)
        if content.get("format") != FORMAT or content.get("version") != VERSION:
            raise ValueError
        if content.get("check") != _check(content):  # an edit, or a flipped bit on the disk
            raise ValueError
        _check_fields(content)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise KeyFileDamaged(
            f"The key file {path} is damaged, so the journal cannot be unlocked with it; copies "
            "lie beside your backups. Nothing was changed.") from None
    return dict(content)


MOST_KEY_FILE_BYTES = 64 * 1024  # a key file is about 1 KB
# What a key file may ask of Argon2id, so that a crafted one cannot take minutes or gigabytes:
# ours asks 3 passes over 112 MiB with one lane.
ARGON2_BOUNDS = {"time_cost": (1, 10), "memory_cost": (8 * 1024, 512 * 1024),
                 "parallelism": (1, 8)}
MOST_ARGON2_WORK = 4 * 3 * 112 * 1024  # passes x KiB: four times ours


def read_regular(path: Path) -> bytes:
    """The bytes of the file at ``path``, refused unless it is a regular file (a named pipe
    there would hang every command) and read no further than any key file could be."""
    import os
    import stat

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a link is followed: ours to make
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise KeyFileDamaged(
                f"The key file {path} is not a regular file, so the journal cannot be unlocked "
                "with it; copies lie beside your backups. Nothing was changed.")
        chunks, size = [], 0
        while size <= MOST_KEY_FILE_BYTES and (chunk := os.read(fd, 16 * 1024)):
            chunks.append(chunk)  # one too large is cut short here, and called damaged
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _check_fields(content: dict[str, Any]) -> None:
    """Every field of a key file whose checksum matched, checked as well (a file edited with
    its checksum recomputed): ValueError for anything a key file of ours never holds."""
    if not isinstance(content.get("fingerprint"), str) or len(content["fingerprint"]) != 16:
        raise ValueError("fingerprint")
    passphrase, recovery = content["passphrase"], content["recovery"]
    if passphrase.get("kdf") != "argon2id" or recovery.get("kdf") != "hkdf-sha256":
        raise ValueError("kdf")
    for entry in (passphrase, recovery):
        if not 16 <= len(_unb64(entry["salt"])) <= 64:
            raise ValueError("salt")
        if len(_unb64(entry["nonce"])) != 12:
            raise ValueError("nonce")
        if len(_unb64(entry["wrapped"])) != DATA_KEY_BYTES + 16:  # the key and its GCM tag
            raise ValueError("wrapped")
    for name, (least, most) in ARGON2_BOUNDS.items():
        value = passphrase[name]
        if not isinstance(value, int) or isinstance(value, bool) or not least <= value <= most:
            raise ValueError(name)
    if passphrase["memory_cost"] < 8 * passphrase["parallelism"] or (
            passphrase["time_cost"] * passphrase["memory_cost"] > MOST_ARGON2_WORK):
        raise ValueError("cost")


def save(path: Path, content: dict[str, Any]) -> None:
    """Write the key file whole (0600), replacing any old one in one step."""
    from reconcile_cli.journal.files import atomic_file
    from reconcile_cli.journal.paths import drafts_dir

    content = {**content, "check": _check(content)}
    # noted in the journal's working folder, so a half-written one left by a kill is found
    with atomic_file(path, drafts_dir(path.with_name(path.name.removesuffix(".key")))) as handle:
        handle.write((json.dumps(content, indent=2) + "\n").encode("ascii"))


def _check(content: dict[str, Any]) -> str:
    """A checksum of the key file's content, so a damaged or edited file is called that, and
    not "wrong passphrase" (AES-GCM alone cannot tell the two apart)."""
    rest = {name: value for name, value in content.items() if name != "check"}
    return hashlib.sha256(json.dumps(rest, sort_keys=True).encode("ascii")).hexdigest()


def hex_key(data_key: bytes) -> str:
    """The data key as SQLCipher takes a raw key: x'...' (no key derivation on every open)."""
    return f"x'{data_key.hex()}'"


def fingerprint(data_key: bytes) -> str:
    """A short, non-secret name for a data key (to tell keys apart in the keyring)."""
    return hashlib.sha256(b"reconcile fingerprint" + data_key).hexdigest()[:16]

