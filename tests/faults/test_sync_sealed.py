"""An encrypted journal's sync folder (issue 22, section 2): nothing plain is ever written there;
another computer joins with the passphrase; a linked journal encrypted later seals the folder."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.store.replicas import Replica

pytest.importorskip("sqlcipher3", reason="encryption needs the encryption extra (sqlcipher3)")

WORDS = "a long passphrase nobody guesses"


class Locked(Replica):
    """A replica with the passphrase given by a command, no OS keyring, a runtime folder."""

    def __init__(self, folder: Path, name: str):
        super().__init__(folder, name)
        script = folder / "say.sh"
        script.write_text(f"#!/bin/sh\nprintf '%s\\n' '{WORDS}'\n")
        script.chmod(stat.S_IRWXU)
        (folder / "run").mkdir(mode=0o700, exist_ok=True)
        self.say = str(script)

    def env(self, **more: str) -> dict[str, str]:
        return super().env(**{"RECONCILE_PASSPHRASE_COMMAND": self.say,
                              "RECONCILE_NEW_PASSPHRASE_COMMAND": self.say,
                              "XDG_RUNTIME_DIR": str(self.folder / "run"),
                              "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring", **more})

    def sealed_rows(self, sql: str) -> list[tuple]:
        from reconcile_cli.journal import encryption, keys

        content = keys.load(keys.key_file(self.db))
        conn = encryption.connect(self.db, keys.unwrap_with_passphrase(content, WORDS))
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()


def nothing_plain(folder: Path, *words: str) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert all(word.encode() not in data for word in words), path


def test_an_encrypted_journal_syncs_sealed_and_another_computer_joins_with_the_passphrase(
        tmp_path):
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop = Locked(tmp_path / "laptop", "laptop")
    laptop.run("write", "Words that stay sealed.")
    assert laptop.run("encrypt", "--yes").exit_code == 0
    linked = laptop.run("sync", str(folder), "--name", "laptop")
    assert linked.exit_code == 0, linked.output
    assert json.loads((folder / "reconcile.json").read_text())["encrypted"] is True
    assert (folder / "reconcile.key").read_bytes() == (laptop.db.parent /
                                                       "journal.db.key").read_bytes()
    nothing_plain(folder, "Words that stay sealed")

    desktop = Locked(tmp_path / "desktop", "desktop")  # a new computer: no journal yet
    joined = desktop.run("sync", str(folder), "--name", "desktop")
    assert joined.exit_code == 0, joined.output
    assert "its passphrase opens it here too" in joined.stderr
    assert desktop.sealed_rows("SELECT body FROM entries") == [("Words that stay sealed.",)]
    assert b"Words that stay" not in desktop.db.read_bytes()  # encrypted here too

    desktop.run("write", "Written on the desktop, sealed.")
    laptop.run("today")
    assert sorted(laptop.sealed_rows("SELECT body FROM entries")) == [
        ("Words that stay sealed.",), ("Written on the desktop, sealed.",)]
    nothing_plain(folder, "Words that stay", "Written on the desktop")


def test_a_wrong_passphrase_joins_nothing_and_changes_nothing(tmp_path):
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop = Locked(tmp_path / "laptop", "laptop")
    laptop.run("write", "Sealed.")
    laptop.run("encrypt", "--yes")
    laptop.run("sync", str(folder), "--name", "laptop")
    stranger = Locked(tmp_path / "stranger", "stranger")
    wrong = stranger.folder / "wrong.sh"
    wrong.write_text("#!/bin/sh\necho 'not the passphrase'\n")
    wrong.chmod(stat.S_IRWXU)
    result = stranger.run("sync", str(folder), RECONCILE_PASSPHRASE_COMMAND=str(wrong))
    assert result.exit_code == 1
    assert "wrong passphrase" in result.stderr.lower()
    files = sorted(p.name for p in (folder / "changes").iterdir())
    assert len(files) == 1  # nothing written by the stranger


def test_encrypting_a_linked_journal_seals_the_folder_and_the_other_joins(tmp_path):
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop, desktop = Locked(tmp_path / "laptop", "laptop"), Locked(tmp_path / "desktop",
                                                                     "desktop")
    laptop.run("write", "Plain for now.")
    laptop.run("sync", str(folder), "--name", "laptop")
    desktop.run("sync", str(folder), "--name", "desktop")
    encrypted = laptop.run("encrypt", "--yes")
    assert encrypted.exit_code == 0, encrypted.output
    assert "The sync tool's own history may still hold the plain files." in " ".join(
        encrypted.stderr.split())
    laptop_device = laptop.sealed_rows("SELECT device FROM clock")[0][0]
    own = [p for p in (folder / "changes").iterdir() if p.name.startswith(laptop_device)]
    assert own and all(p.read_bytes().startswith(b"reconcile-sealed-1\n") for p in own)
    laptop.run("write", "Written after encrypting.")
    desktop.run("today")  # the plain journal cannot read sealed files: it is told how to join
    reasons = {s["reason"] for s in json.loads(
        desktop.run("sync", "--status", "--json").stdout)["skipped"]}
    assert reasons == {"sealed, and this journal is not encrypted: run `reconcile sync FOLDER` "
                       "again to join it with the passphrase"}
    assert desktop.run("sync", str(folder), "--name", "desktop").exit_code == 0
    assert ("Written after encrypting.",) in desktop.sealed_rows("SELECT body FROM entries")
    nothing_plain(folder / "changes", "Written after encrypting")


def test_a_plain_journal_refuses_to_write_into_a_sealed_folder_and_back(tmp_path):
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop = Locked(tmp_path / "laptop", "laptop")
    laptop.run("write", "x")
    laptop.run("encrypt", "--yes")
    laptop.run("sync", str(folder))
    result = laptop.run("decrypt", "--yes")
    assert result.exit_code == 1
    assert result.stderr.startswith("This journal syncs through a folder, sealed")
    assert os.path.exists(laptop.db.parent / "journal.db.key")
