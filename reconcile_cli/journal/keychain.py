"""Remembering an encrypted journal's data key on this computer, in the OS keyring.

Optional in every way: without the keyring package, with no keyring service (over SSH, on a
server), or with a locked one, nothing is remembered and the passphrase is asked for instead;
no keyring error ever reaches the user as a failure.

Only a keyring that keeps what it holds encrypted is used. keyring's own "fail" and "null"
back-ends are no keyring at all; any back-end of priority below 1 (keyring's own word that it is
a poor choice) or known to keep passwords as plain text (keyrings.alt's PlaintextKeyring, which
keyring picks on a computer with no keyring service) is passed over, and the passphrase is asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

SERVICE = "reconcile"
NO_KEYRING = ("keyring.backends.fail.Keyring", "keyring.backends.null.Keyring")
PLAIN_TEXT = ("keyrings.alt.file.PlaintextKeyring", "keyrings.alt.pyfs.PlaintextKeyring",
              "keyrings.alt.Google.DocsKeyring", "keyrings.alt.multi.MultipartKeyringWrapper")


@dataclass(frozen=True)
class Keyring:
    """The back-end the key may be kept in (None: none), and the name of one passed over
    because it does not keep passwords encrypted (None: none was)."""

    backend: Any
    refused: str | None = None


def _name(backend: Any) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def encrypts(backend: Any) -> bool:
    """Whether ``backend`` is a keyring reconcile keeps the key in."""
    name = _name(backend)
    if name in NO_KEYRING or name in PLAIN_TEXT:
        return False
    try:
        return float(backend.priority) >= 1
    except Exception:  # noqa: BLE001  (a back-end that cannot say is not trusted)
        return False


def chosen() -> Keyring:
    """The keyring to keep the key in: the first of the system's back-ends (a chain's, in
    keyring's own order) that encrypts."""
    import keyring
    from keyring.backends.chainer import ChainerBackend

    found = keyring.get_keyring()
    candidates = list(found.backends) if isinstance(found, ChainerBackend) else [found]
    for backend in candidates:
        if encrypts(backend):
            return Keyring(backend)
    passed_over = [backend for backend in candidates if _name(backend) not in NO_KEYRING]
    return Keyring(None, type(passed_over[0]).__name__ if passed_over else None)


def _db_name(db_path: Path) -> str:
    return str(db_path.absolute())


def recall(db_path: Path) -> bytes | None:
    """The remembered data key of this journal, or None."""
    try:
        backend = chosen().backend
        if backend is None:
            return None
        value = backend.get_password(SERVICE, _db_name(db_path))
        return bytes.fromhex(value) if value else None
    except Exception:  # no package, no backend, a locked or broken one: not remembered
        return None


def remember(db_path: Path, data_key: bytes) -> Keyring:
    """Keep the data key in the keyring; where it went (backend None: not kept)."""
    try:
        found = chosen()
        if found.backend is None:
            return found
        found.backend.set_password(SERVICE, _db_name(db_path), data_key.hex())
    except Exception:
        return Keyring(None)
    return found


def forget(db_path: Path) -> bool:
    """Remove the remembered key, from whatever keyring holds it (one that an older version
    trusted too); whether one was there to remove."""
    try:
        import keyring

        if keyring.get_password(SERVICE, _db_name(db_path)) is None:
            return False
        keyring.delete_password(SERVICE, _db_name(db_path))
    except Exception:
        return False
    return True
