"""Encryption at rest (issue 11): every file locked, every command still working, and every
way to get the key wrong answered with a clear message and nothing changed on disk."""

from __future__ import annotations

import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from tests.conftest import WAIT
from tests.faults.conftest import Reconcile, needs_setpriv

sqlcipher3 = pytest.importorskip("sqlcipher3")

PASSPHRASE = "correct horse battery"
CODE = re.compile(r"^[0-9A-Z]{5}(-[0-9A-Z]{5}){5}$")


def says(tmp_path: Path, words: str) -> str:
    """A passphrase command (as RECONCILE_PASSPHRASE_COMMAND takes it) that prints ``words``."""
    script = tmp_path / f"say-{abs(hash(words))}.sh"
    script.write_text(f"#!/bin/sh\nprintf '%s\\n' '{words}'\n")
    script.chmod(0o700)
    return str(script)


class Locked(Reconcile):
    """The harness with a private runtime folder, no OS keyring, and the passphrase given."""

    def __init__(self, db: Path, tmp_path: Path):
        super().__init__(db)
        self.tmp = tmp_path
        self.runtime = tmp_path / "run"
        self.runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.words = PASSPHRASE

    @property
    def passphrase(self) -> str:
        return says(self.tmp, self.words)

    def env(self, extra: dict | None = None) -> dict:
        return super().env({"XDG_RUNTIME_DIR": str(self.runtime),
                            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
                            "RECONCILE_PASSPHRASE_COMMAND": self.passphrase, **(extra or {})})

    def with_key(self, sql: str) -> list[tuple]:
        """Rows read through SQLCipher with the passphrase, as a person with it could."""
        from reconcile_cli.journal import encryption, keys

        content = keys.load(keys.key_file(self.db))
        conn = encryption.connect(self.db, keys.unwrap_with_passphrase(content, self.words))
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()

    def files(self) -> dict[Path, bytes]:
        """Every file reconcile keeps for this journal: journal, key, backups, drafts, state."""
        return {path: path.read_bytes() for path in sorted(self.tmp.rglob("*"))
                if path.is_file() and not path.name.startswith("say-")
                and path.suffix not in (".sh", ".py", ".jsonl")}


@pytest.fixture
def plain(tmp_path: Path) -> Locked:
    app = Locked(tmp_path / "journal.db", tmp_path)
    result = app("write", "The first entry.", "--mood", "5")
    assert result.returncode == 0, result.stderr
    return app


def encrypt(app: Locked, *more: str) -> str:
    result = app("encrypt", "--yes", *more)
    assert result.returncode == 0, result.stderr
    code = result.stdout.decode().splitlines()[0]
    assert CODE.match(code), result.stdout
    return code


@pytest.fixture
def locked(plain: Locked) -> tuple[Locked, str]:
    return plain, encrypt(plain)


def test_encrypt_locks_the_journal_backups_and_drafts_and_every_command_still_works(
        plain, tmp_path):
    before, after = "zqvellumbefore", "zqvellumafter"
    assert plain("write", f"An entry with {before} in it.").returncode == 0
    assert plain("backup").returncode == 0
    editor = tmp_path / "editor.py"  # an editor that saves, then fails: the text stays a draft
    editor.write_text("import sys\nopen(sys.argv[-1], 'w').write('a draft with "
                      f"{before}')\nsys.exit(1)\n")
    failed = plain("write", "-e", env={"EDITOR": f"{sys.executable} {editor}"})
    assert failed.returncode == 1
    # the test can fail: before encrypting, the word is there to be found
    assert any(before[1:].encode() in data for data in plain.files().values())

    result = plain("encrypt", "--yes")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode().splitlines()
    assert CODE.match(out[0])
    assert out[1] == (f"Your journal is encrypted. The key file is {plain.db}.key; a copy lies "
                      "beside your backups.")
    assert out[2] == "Backups encrypted: 2; backups removed: 0; drafts sealed: 1."
    assert plain.db.read_bytes()[:16] != b"SQLite format 3\x00"
    assert oct(plain.db.stat().st_mode & 0o777) == "0o600"
    assert oct(Path(f"{plain.db}.key").stat().st_mode & 0o777) == "0o600"
    assert (plain.db.parent / "backups" / "journal.db.key").exists()

    assert plain("write", f"An entry with {after} in it.", "--mood", "6").returncode == 0
    assert plain("check", "no-begging=kept").returncode == 0
    assert plain("backup").returncode == 0
    for word in (before, after):
        found = plain("search", word)
        assert found.returncode == 0 and word in found.stdout.decode(), found.stderr
    for command in (["week"], ["month"], ["streaks"], ["insights"], ["log"], ["today"],
                    ["trash"], ["undo", "--list"], ["items"]):
        shown = plain(*command)
        assert shown.returncode == 0, (command, shown.stderr)
    bad = plain("search", "--raw", "AND (")  # the cipher driver's errors are caught too
    assert bad.returncode != 0 and "not valid FTS5 syntax" in bad.stderr.decode()
    exported = plain("export")
    assert exported.returncode == 0
    assert after in exported.stdout.decode()
    assert exported.stderr.decode() == (
        "Note: your journal is encrypted, but this is written as plain text; keep it "
        "somewhere private, or remove it when done.\n")
    assert plain("undo").returncode == 0  # takes back the check
    assert plain.with_key("SELECT count(*) FROM marks") == [(0,)]
    doctor = plain("doctor")
    assert doctor.returncode == 0, doctor.stdout
    assert f"Encryption   on; key file {plain.db}.key private" in doctor.stdout.decode()

    files = plain.files()
    assert plain.db in files and len(list((plain.db.parent / "backups").glob("*.db"))) == 3
    assert list((plain.db.parent / "drafts").rglob("*.enc"))
    assert not list((plain.db.parent / "drafts").rglob("*.txt"))
    for word in (before, after):
        # [1:]: the search index stores words after their first letter shared with the last
        assert [path for path, data in files.items() if word[1:].encode() in data] == []


def test_importing_into_an_encrypted_journal_and_exporting_it_back(locked, tmp_path):
    app, _ = locked
    exported = tmp_path / "all.jsonl"
    assert app("export", "-o", str(exported)).returncode == 0
    records = [json.loads(line) for line in exported.read_text().splitlines()]
    assert [r["body"] for r in records if r.get("type") == "entry"] == ["The first entry."]
    fresh = Locked(tmp_path / "other" / "journal.db", tmp_path / "other")
    assert fresh("write", "Mine.").returncode == 0
    encrypt(fresh)
    assert fresh("import", str(exported)).returncode == 0
    assert fresh.with_key("SELECT body FROM entries ORDER BY body") == [
        ("Mine.",), ("The first entry.",)]


def test_a_wrong_passphrase_says_so_and_changes_nothing(locked, tmp_path):
    app, _ = locked
    files = app.files()
    wrong = {"RECONCILE_PASSPHRASE_COMMAND": says(tmp_path, "not the passphrase")}
    for command in (["today"], ["write", "words"], ["check", "no-begging=kept"], ["doctor"],
                    ["backup"], ["export"], ["decrypt", "--yes"], ["passphrase"]):
        result = app(*command, env=wrong)
        assert result.returncode == 1, command
        assert result.stderr.decode().splitlines()[-1].endswith("Wrong passphrase."), command
        assert "damaged" not in result.stderr.decode().lower()
        assert "Traceback" not in result.stderr.decode()
    assert app.files() == files


def test_text_piped_to_a_journal_that_stays_locked_is_printed_back_and_no_plain_draft_kept(
        locked, tmp_path):
    app, _ = locked
    files = app.files()
    text = "Words that must not be lost, zqpiped."
    wrong = {"RECONCILE_PASSPHRASE_COMMAND": says(tmp_path, "not the passphrase")}
    result = app("write", input=text, env=wrong)
    assert result.returncode == 1
    assert result.stderr.decode() == (
        "Wrong passphrase. Nothing was saved; here is your text to copy somewhere safe:\n\n"
        f"{text}\n\n")
    assert app.files() == files  # no draft, plain or sealed


def test_three_wrong_passphrases_at_the_prompt_then_stop(locked):
    app, _ = locked
    env = app.env()
    del env["RECONCILE_PASSPHRASE_COMMAND"]
    child = pexpect.spawn(app.argv("today")[0], app.argv("today")[1:], env=env, timeout=WAIT)
    for _ in range(3):
        child.expect("Passphrase for your journal: ")
        child.sendline("nope nope nope")
    child.expect("Wrong passphrase.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert app.with_key("SELECT count(*) FROM entries") == [(1,)]


def test_with_no_terminal_and_no_command_the_message_names_the_variable(locked):
    app, _ = locked
    env = app.env()
    del env["RECONCILE_PASSPHRASE_COMMAND"]
    result = subprocess.run(app.argv("today"), capture_output=True, env=env, timeout=60,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    assert result.returncode == 1
    assert result.stderr.decode() == (
        "This journal is encrypted, and there is no terminal to ask for its passphrase. For "
        "scripts, set RECONCILE_PASSPHRASE_COMMAND to a command that prints it. Nothing was "
        "changed.\n")


def test_the_recovery_code_sets_a_new_passphrase(locked, tmp_path):
    app, code = locked
    new = {"RECONCILE_PASSPHRASE_COMMAND": says(tmp_path, "a brand new passphrase")}
    result = app("recover", input=code.lower().replace("-", " ") + "\n", env=new)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == (
        "Your journal has a new passphrase. The recovery code still works; keep it safe.\n")
    assert app("today", env=new).returncode == 0
    old = app("today")
    assert old.returncode == 1 and old.stderr.decode() == "Wrong passphrase.\n"
    # the copy beside the backups follows, so a backup opens with the new passphrase too
    assert (json.loads((tmp_path / "backups" / "journal.db.key").read_text())
            == json.loads(Path(f"{app.db}.key").read_text()))


def test_a_mistyped_or_wrong_recovery_code_changes_nothing(locked, tmp_path):
    app, code = locked
    other = Locked(tmp_path / "b" / "journal.db", tmp_path / "b")
    assert other("write", "Another journal.").returncode == 0
    other_code = encrypt(other)
    files = app.files()
    typo = code[:3] + ("X" if code[3] != "X" else "Y") + code[4:]
    cases = {
        typo: "That recovery code has a typo somewhere; check it against the one you wrote down.",
        other_code: "That recovery code does not open this journal's key.",
        "hello": "That is not a recovery code: it is six groups of five letters and digits, "
                 "like the one you were shown when the journal was encrypted.",
    }
    for typed, message in cases.items():
        result = app("recover", input=typed + "\n")
        assert result.returncode == 1
        assert result.stderr.decode() == message + "\n"
    assert app.files() == files


def test_changing_the_passphrase_rewraps_the_key_and_leaves_the_journal_alone(locked, tmp_path):
    app, code = locked
    journal = app.db.read_bytes()
    new = says(tmp_path, "another passphrase")
    result = app("passphrase", env={"RECONCILE_NEW_PASSPHRASE_COMMAND": new})
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == (
        "The passphrase is changed. Your recovery code still works as before.\n")
    assert app.db.read_bytes() == journal
    assert app("today").returncode == 1
    assert app("today", env={"RECONCILE_PASSPHRASE_COMMAND": new}).returncode == 0
    again = app("recover", input=code + "\n")  # back to the first passphrase with the code
    assert again.returncode == 0, again.stderr


@pytest.mark.parametrize("damage", ["truncated", "edited", "not json", "another journal's",
                                    "missing"])
def test_key_file_trouble_gets_its_own_message_and_changes_nothing(locked, tmp_path, damage):
    app, _ = locked
    key_path = Path(f"{app.db}.key")
    if damage == "truncated":
        key_path.write_bytes(key_path.read_bytes()[:200])
    elif damage == "edited":
        content = json.loads(key_path.read_text())
        salt = content["passphrase"]["salt"]
        content["passphrase"]["salt"] = ("B" if salt[0] != "B" else "C") + salt[1:]
        key_path.write_text(json.dumps(content))
    elif damage == "not json":
        key_path.write_text("hello")
    elif damage == "another journal's":
        other = Locked(tmp_path / "b" / "journal.db", tmp_path / "b")
        assert other("write", "Another journal.").returncode == 0
        encrypt(other)
        key_path.write_bytes(Path(f"{other.db}.key").read_bytes())
    else:
        key_path.unlink()
    files = app.files()
    result = app("today")
    assert result.returncode == 1
    message = result.stderr.decode()
    if damage == "missing":
        assert message == (
            f"The journal at {app.db} is encrypted, but its key file {key_path} is missing; "
            f"copies lie beside your backups, in {tmp_path / 'backups'}. Copy one back beside "
            "the journal as journal.db.key; nothing was changed.\n")
    elif damage == "another journal's":
        assert message == (
            f"The key file beside {app.db} does not belong to this journal, so it cannot be "
            "opened with it (the journal itself is unchanged). Copies of the right key file lie "
            "beside its backups.\n")
    else:
        assert message == (
            f"The key file {key_path} is damaged, so the journal cannot be unlocked with it; "
            "copies lie beside your backups. Nothing was changed.\n")
    assert app.files() == files


def test_a_keyring_that_raises_falls_back_to_the_passphrase(locked, tmp_path):
    app, _ = locked
    backend = tmp_path / "shelf"
    backend.mkdir()
    (backend / "filering.py").write_text(
        "import json, pathlib\n"
        "from keyring.backend import KeyringBackend\n"
        f"STORE = pathlib.Path({str(tmp_path / 'ring.json')!r})\n"
        "class Ring(KeyringBackend):\n"
        "    priority = 1\n"
        "    def _all(self):\n"
        "        return json.loads(STORE.read_text()) if STORE.exists() else {}\n"
        "    def get_password(self, service, user):\n"
        "        return self._all().get(service + '/' + user)\n"
        "    def set_password(self, service, user, password):\n"
        "        found = self._all(); found[service + '/' + user] = password\n"
        "        STORE.write_text(json.dumps(found))\n"
        "    def delete_password(self, service, user):\n"
        "        found = self._all(); found.pop(service + '/' + user); "
        "STORE.write_text(json.dumps(found))\n")
    ring = {"PYTHONPATH": str(backend), "PYTHON_KEYRING_BACKEND": "filering.Ring",
            "XDG_RUNTIME_DIR": ""}
    remembered = app("recover", "--remember", input=locked[1] + "\n", env=ring)
    assert remembered.returncode == 0, remembered.stderr
    assert remembered.stdout.decode().splitlines()[-1] == (
        "The key is remembered on this computer, in its keyring; `reconcile lock` forgets it.")
    nothing = {**ring, "RECONCILE_PASSPHRASE_COMMAND": says(tmp_path, "not the passphrase")}
    assert app("today", env=nothing).returncode == 0  # from the keyring, no passphrase needed
    broken = {**nothing, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    fallen = app("today", env=broken)  # the keyring raises: asked instead (here, wrongly)
    assert fallen.returncode == 1 and fallen.stderr.decode() == "Wrong passphrase.\n"
    assert app("today", env={**broken, "RECONCILE_PASSPHRASE_COMMAND": app.passphrase}
               ).returncode == 0
    locked_again = app("lock", env=ring)
    assert locked_again.stdout.decode() == "The key is no longer remembered on this computer.\n"
    assert app("today", env=nothing).returncode == 1


def test_the_key_remembered_for_the_session_lives_in_the_runtime_folder(plain):
    code = encrypt(plain, "--remember")
    assert code
    kept = list((plain.runtime / "reconcile" / "keys").iterdir())
    assert len(kept) == 1 and oct(kept[0].stat().st_mode & 0o777) == "0o600"
    nothing = {"RECONCILE_PASSPHRASE_COMMAND": ""}
    assert plain("today", env=nothing).returncode == 0
    assert plain("lock").returncode == 0
    assert not kept[0].exists()


def without_sqlcipher(tmp_path: Path) -> dict:
    shadow = tmp_path / "no-sqlcipher" / "sqlcipher3"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('No module named sqlcipher3')\n")
    return {"PYTHONPATH": str(shadow.parent)}


def test_a_plain_journal_needs_nothing_from_the_encryption_extra(tmp_path):
    shadow = tmp_path / "without-the-extra"
    for package in ("sqlcipher3", "cryptography", "argon2", "keyring"):
        (shadow / package).mkdir(parents=True)
        (shadow / package / "__init__.py").write_text(
            f"raise ImportError('No module named {package}')\n")
    app = Locked(tmp_path / "journal.db", tmp_path)
    env = {"PYTHONPATH": str(shadow)}
    editor = tmp_path / "editor.py"
    editor.write_text("import sys\nopen(sys.argv[-1], 'a').write(' and more')\n")
    for command in (["write", "From the command line."], ["write", "--mood", "4"],
                    ["check", "no-begging=kept"], ["backup"], ["search", "line"], ["week"],
                    ["export"], ["doctor"], ["lock"], ["decrypt", "--yes"]):
        result = app(*command, input="From a pipe.", env=env)
        assert result.returncode == 0, (command, result.stderr)
    edited = app("write", "-e", env={**env, "EDITOR": f"{sys.executable} {editor}"})
    assert edited.returncode == 0, edited.stderr
    assert app.rows("SELECT body FROM entries ORDER BY seq") == [
        ("From the command line.",), ("From a pipe.",), (" and more",)]


def test_without_sqlcipher3_both_encrypt_and_an_encrypted_journal_say_how_to_install_it(
        plain, tmp_path):
    install = ("pip install 'reconcile-cli[encryption]' (from a checkout of reconcile: "
               "pip install -e '.[encryption]')")
    missing = without_sqlcipher(tmp_path)
    files = plain.files()
    refused = plain("encrypt", "--yes", env=missing)
    assert refused.returncode == 1
    assert install in refused.stderr.decode() and "Traceback" not in refused.stderr.decode()
    assert plain.files() == files
    encrypt(plain)
    files = plain.files()
    opened = plain("today", env=missing)
    assert opened.returncode == 1
    assert opened.stderr.decode().startswith("This journal is encrypted")
    assert install in opened.stderr.decode()
    assert plain.files() == files


def test_decrypt_gives_back_a_plain_journal_with_every_entry(locked):
    app, _ = locked
    assert app("write", "After locking.").returncode == 0
    assert app("backup").returncode == 0
    result = app("decrypt", "--yes")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == (
        "Your journal is a plain file again (2 backups and 0 drafts too).\n")
    assert app.db.read_bytes()[:16] == b"SQLite format 3\x00"
    assert app.rows("SELECT body FROM entries ORDER BY body") == [
        ("After locking.",), ("The first entry.",)]
    assert not Path(f"{app.db}.key").exists()
    assert not (app.db.parent / "backups" / "journal.db.key").exists()
    assert all(path.read_bytes()[:16] == b"SQLite format 3\x00"
               for path in (app.db.parent / "backups").glob("*.db"))


def test_a_full_disk_during_encrypt_leaves_the_plain_journal_as_it_was(plain):
    plain.fill(300)
    size = plain.db.stat().st_size
    files = plain.files()

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size // 2, size // 2))

    result = subprocess.run(plain.argv("encrypt", "--yes"), capture_output=True,
                            env=plain.env(), preexec_fn=limit, timeout=120)
    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[-1] == (
        "The journal could not be encrypted (the disk is full); it was left as it was, plain "
        "and whole, and the recovery code above is not needed.")
    assert plain.files() == files  # no key file, no half copy, the journal byte for byte
    assert plain.integrity() == "ok"


def states_after_kill(app: Locked, command: list[str], env: dict, moments: list[float],
                      converting: bool = False):
    """Run ``command`` and kill -9 it ``moments`` seconds in (counted, with ``converting``,
    from when its converted copy appears); yield after each kill."""
    for delay in moments:
        child = app.spawn(*command, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while converting and child.poll() is None and time.monotonic() < deadline and not any(
                ".converting" in path.name for path in app.db.parent.rglob("*")):
            time.sleep(0.001)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        yield delay


def entries_either_way(app: Locked) -> int:
    """Entries in the journal, read plain or with the passphrase: never anything between."""
    if app.db.read_bytes()[:16] == b"SQLite format 3\x00":
        assert app.integrity() == "ok"
        return int(app.rows("SELECT count(*) FROM entries")[0][0])
    assert app.with_key("PRAGMA cipher_integrity_check") == []
    assert app.with_key("PRAGMA integrity_check") == [("ok",)]
    return int(app.with_key("SELECT count(*) FROM entries")[0][0])


def test_kill_9_at_any_moment_of_encrypt_decrypt_and_passphrase_leaves_old_or_new(plain,
                                                                               tmp_path):
    plain.fill(1500)
    assert plain("backup").returncode == 0
    total = 1501
    moments = [0, 0.01, 0.03, 0.06, 0.1, 0.15, 0.25]  # after the copy is begun
    for _ in states_after_kill(plain, ["encrypt", "--yes"], {}, [0.1, 0.3, *moments[:3]]):
        assert entries_either_way(plain) == total
    for _ in states_after_kill(plain, ["encrypt", "--yes"], {}, moments, converting=True):
        assert entries_either_way(plain) == total
        assert plain("today").returncode == 0  # opens, whichever state it is in
    assert plain("encrypt", "--yes").returncode == 0  # finishes, or starts again
    assert plain.db.read_bytes()[:16] != b"SQLite format 3\x00"

    for _ in states_after_kill(plain, ["passphrase"],
                               {"RECONCILE_NEW_PASSPHRASE_COMMAND": says(tmp_path, "next one!")},
                               [0.2, 0.35, 0.5, 0.7, 0.9]):
        old_works = plain("today").returncode == 0
        new_works = plain("today", env={
            "RECONCILE_PASSPHRASE_COMMAND": says(tmp_path, "next one!")}).returncode == 0
        assert old_works != new_works  # the old key file or the new, never neither
        if new_works:
            break
    if new_works:
        plain.words = "next one!"
    assert entries_either_way(plain) == total

    for _ in states_after_kill(plain, ["decrypt", "--yes"], {}, moments, converting=True):
        assert entries_either_way(plain) == total
        assert plain("today").returncode == 0
    finished = plain("decrypt", "--yes")  # finishes what a killed one left, or does it all
    assert finished.returncode == 0, finished.stderr
    assert plain.db.read_bytes()[:16] == b"SQLite format 3\x00"
    assert plain.rows("SELECT count(*) FROM entries") == [(total,)]
    assert not Path(f"{plain.db}.key").exists()


def test_encrypt_at_a_terminal_asks_twice_shows_the_code_and_wants_its_last_group(plain):
    env = plain.env()
    del env["RECONCILE_PASSPHRASE_COMMAND"]
    argv = plain.argv("encrypt")
    child = pexpect.spawn(argv[0], argv[1:], env=env, timeout=WAIT, dimensions=(24, 120))
    child.expect("New passphrase: ")
    child.sendline("short")
    child.expect("at least 8 characters")
    child.expect("New passphrase: ")
    child.sendline(PASSPHRASE)
    child.expect("The same again: ")
    child.sendline(PASSPHRASE)
    child.expect(r"([0-9A-Z]{5}(?:-[0-9A-Z]{5}){5})")
    code = child.match.group(1).decode()
    child.expect("Type the last group of the code")
    child.sendline("WRONG")
    child.expect("That is not its last group; look again.")
    child.sendline(code.rsplit("-", 1)[1].lower())
    child.expect("Remember the key on this computer")
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert PASSPHRASE not in child.before.decode()  # never echoed
    assert plain.with_key("SELECT count(*) FROM entries") == [(1,)]
    today = pexpect.spawn(argv[0], plain.argv("today")[1:], env=env, timeout=WAIT)
    today.expect("Passphrase for your journal: ")
    today.sendline(PASSPHRASE)
    today.expect("The first entry.")
    today.expect(pexpect.EOF)


def test_two_encrypts_at_once_leave_one_key_that_opens_the_journal(plain, tmp_path):
    plain.fill(3000, words=300)
    slow = tmp_path / "slow.sh"
    slow.write_text("#!/bin/sh\nsleep 0.3\necho 'the second passphrase'\n")
    slow.chmod(0o700)
    first = plain.spawn("encrypt", "--yes", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    second = plain.spawn("encrypt", "--yes", env={"RECONCILE_PASSPHRASE_COMMAND": str(slow)},
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    outputs = [child.communicate(timeout=120) for child in (first, second)]
    encrypted = [b"Your journal is encrypted." in out for out, _ in outputs]
    assert encrypted.count(True) == 1, outputs
    refused = outputs[encrypted.index(False)][1].decode().splitlines()[-1]
    assert refused in (  # whichever came second, it said so, and did nothing
        "Another reconcile changed the journal at the same moment, so this one did nothing; "
        "run it again if it is still needed.", "Wrong passphrase.")
    if encrypted[1]:
        plain.words = "the second passphrase"
    assert entries_either_way(plain) == 3001  # the key file beside it opens it
    from reconcile_cli.journal import keys

    copy = keys.load(tmp_path / "backups" / "journal.db.key")
    assert copy == keys.load(Path(f"{plain.db}.key"))
    code = [out for out, _ in outputs if b"Your journal is encrypted." in out][0]
    assert plain("recover", input=code.decode().splitlines()[0] + "\n").returncode == 0


def test_a_wrong_or_damaged_key_file_never_replaces_the_good_copy(locked, tmp_path):
    app, _ = locked
    copy = tmp_path / "backups" / "journal.db.key"
    good = copy.read_bytes()
    other = Locked(tmp_path / "b" / "journal.db", tmp_path / "b")
    assert other("write", "Another journal.").returncode == 0
    encrypt(other)
    key_path = Path(f"{app.db}.key")
    key_path.write_bytes(Path(f"{other.db}.key").read_bytes())
    changed = app("passphrase", env={"RECONCILE_NEW_PASSPHRASE_COMMAND": says(tmp_path, "x" * 9)})
    assert changed.returncode == 1
    assert "does not belong to this journal" in changed.stderr.decode()
    assert copy.read_bytes() == good
    key_path.write_bytes(good[:50])  # truncated; the key is remembered for the session
    remembered = app("recover", "--remember", input=locked[1] + "\n")
    assert remembered.returncode == 0, remembered.stderr  # the code opens the copy instead
    key_path.write_bytes(good[:50])
    assert app("backup").returncode == 0  # with the remembered key: the copy is left alone
    assert keys_equal(copy.read_bytes(), good)


def keys_equal(one: bytes, two: bytes) -> bool:
    return json.loads(one)["fingerprint"] == json.loads(two)["fingerprint"]


def test_decrypt_waits_for_a_draft_being_typed_and_keeps_the_key_for_one_it_cannot_open(
        locked, tmp_path):
    app, _ = locked
    editor = tmp_path / "slow-editor.py"
    editor.write_text("import sys, time\nopen(sys.argv[-1], 'w').write('typing slowly')\n"
                      "time.sleep(30)\n")
    typing = app.spawn("write", "-e", env={"EDITOR": f"{sys.executable} {editor}"},
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       start_new_session=True)
    try:
        deadline = time.monotonic() + 20
        while not list((tmp_path / "drafts").rglob("*.enc")) and time.monotonic() < deadline:
            time.sleep(0.05)
        refused = app("decrypt", "--yes")
        assert refused.returncode == 1
        assert refused.stderr.decode() == (
            "Another reconcile is open and typing a draft; finish it there, then decrypt. "
            "Nothing was changed.\n")
    finally:
        os.killpg(typing.pid, signal.SIGKILL)
        typing.wait()
    garbage = next((tmp_path / "drafts").rglob("*.enc"))
    stranger = garbage.with_name("2026-11-20.journal.00000000.deadbeef.enc")
    stranger.write_bytes(b"reconcile-draft-1" + os.urandom(40))  # sealed with no key we have
    done = app("decrypt", "--yes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines()[-1] == (
        "1 draft could not be opened yet (in use, or sealed with another key), so the key file "
        "is kept for them; run `reconcile decrypt` again later.")
    assert Path(f"{app.db}.key").exists()
    assert app.rows("SELECT count(*) FROM entries") == [(1,)]


def test_encrypt_refuses_while_an_earlier_decrypt_is_unfinished_and_decrypt_finishes_it(
        locked, tmp_path):
    app, _ = locked
    assert app("backup").returncode == 0
    sealed_backup = next((tmp_path / "backups").glob("journal-*.db"))
    kept = sealed_backup.read_bytes()
    key_file = Path(f"{app.db}.key").read_bytes()
    assert app("decrypt", "--yes").returncode == 0
    # as if decrypt had been killed after the journal itself: a key file, an encrypted backup
    sealed_backup.write_bytes(kept)
    Path(f"{app.db}.key").write_bytes(key_file)
    refused = app("encrypt", "--yes")
    assert refused.returncode == 1
    assert refused.stderr.decode().startswith("An earlier `reconcile decrypt` did not finish")
    finished = app("decrypt", "--yes")
    assert finished.returncode == 0, finished.stderr
    assert sealed_backup.read_bytes()[:16] == b"SQLite format 3\x00"
    assert not Path(f"{app.db}.key").exists()


@needs_setpriv
def test_a_backup_that_cannot_be_encrypted_is_kept_and_named(plain, tmp_path):
    assert plain("backup").returncode == 0
    folder = tmp_path / "backups"
    backup = next(folder.glob("journal-*.db"))
    folder.chmod(0o500)
    try:
        result = subprocess.run(plain.argv("encrypt", "--yes", unprivileged=True),
                                capture_output=True, env=plain.env(), timeout=60)
    finally:
        folder.chmod(0o700)
    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[-1] == (
        "Not everything in the backups folder could be encrypted; left as it was: the copy of "
        f"the key file (permission denied); {backup.name} ({folder} could not be written). Run "
        "the command again when that is put right.")
    assert backup.exists() and backup.read_bytes()[:16] == b"SQLite format 3\x00"
    assert plain.db.read_bytes()[:16] != b"SQLite format 3\x00"
    assert plain("encrypt", "--yes").returncode == 0  # once it can be: encrypted then
    assert backup.read_bytes()[:16] != b"SQLite format 3\x00"


def test_a_busy_journal_does_not_forget_the_remembered_key(plain):
    encrypt(plain, "--remember")
    from reconcile_cli.journal import encryption, keys

    key = keys.unwrap_with_passphrase(keys.load(Path(f"{plain.db}.key")), PASSPHRASE)
    holder = encryption.connect(plain.db, key)
    holder.isolation_level = None
    holder.execute("BEGIN EXCLUSIVE")
    try:
        busy = plain("today", env={"RECONCILE_PASSPHRASE_COMMAND": ""})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert busy.returncode == 1 and "busy" in busy.stderr.decode()
    assert plain("today", env={"RECONCILE_PASSPHRASE_COMMAND": ""}).returncode == 0


def test_decrypt_with_no_terminal_names_yes(locked):
    app, _ = locked
    result = subprocess.run(app.argv("decrypt"), capture_output=True, env=app.env(),
                            stdin=subprocess.DEVNULL, timeout=60)
    assert result.returncode == 1
    assert result.stderr.decode() == (
        "Decrypting asks you to confirm, and there is no terminal to ask on; add --yes to "
        "decrypt. Nothing was changed.\n")
