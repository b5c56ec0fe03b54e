"""Remembering an encrypted journal's data key on this computer, in the OS keyring.

Optional in every way: without the keyring package, with no keyring service (over SSH, on a
server), or with a locked one, nothing is remembered and the passphrase is asked for instead;
no keyring error ever reaches the user as a failure.
"""

from __future__ import annotations

from pathlib import Path

SERVICE = "reconcile"


def _name(db_path: Path) -> str:
    return str(db_path.absolute())


def recall(db_path: Path) -> bytes | None:
    """The remembered data key of this journal, or None."""
    try:
        import keyring

        value = keyring.get_password(SERVICE, _name(db_path))
        return bytes.fromhex(value) if value else None
    except Exception:  # no package, no backend, a locked or broken one: not remembered
        return None


def remember(db_path: Path, data_key: bytes) -> bool:
    """Keep the data key in the keyring; whether that worked."""
    try:
        import keyring

        keyring.set_password(SERVICE, _name(db_path), data_key.hex())
    except Exception:
        return False
    return True


def forget(db_path: Path) -> bool:
    """Remove the remembered key; whether one was there to remove."""
    try:
        import keyring

        if keyring.get_password(SERVICE, _name(db_path)) is None:
            return False
        keyring.delete_password(SERVICE, _name(db_path))
    except Exception:
        return False
    return True
