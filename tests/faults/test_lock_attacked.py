"""The lock, the drawer and the new records attacked a second time: no word lost,
nothing let in. Rows 86 and on of the matrix (see README.md beside this file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import WAIT
from tests.faults.test_locked_drawer import PASSPHRASE, Locked, encrypt, says

pytest.importorskip("sqlcipher3")


@pytest.fixture
def plain(tmp_path: Path) -> Locked:
    app = Locked(tmp_path / "journal.db", tmp_path)
    result = app("write", "The first entry.", "--mood", "5")
    assert result.returncode == 0, result.stderr
    return app


@pytest.fixture
def locked(plain: Locked) -> tuple[Locked, str]:
    return plain, encrypt(plain)


# --- row 86: the key file is never an output's target -----------------------------------------


@pytest.mark.parametrize("command", [["export"], ["report"]])
@pytest.mark.parametrize("target", ["journal.db.key", "backups/journal.db.key"])
def test_export_and_report_refuse_the_key_file_and_its_copy(locked, command, target):
    app, _ = locked
    path = app.db.parent / target
    before = path.read_bytes()
    where = ("is your journal's key file" if target == "journal.db.key" else
             f"is inside {app.db.parent / 'backups'}, which holds the journal's own backups")
    result = app(*command, "-o", str(path), "--force")
    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[-1].startswith(f"{path} {where}; nothing was "
                                                             "written.")
    assert path.read_bytes() == before
    assert app("today").returncode == 0


# --- row 87: bad input, each with a clear message ----------------------------------------------

LETTER = {"type": "letter", "id": "00000000-0000-4000-8000-000000000009", "day": "2026-11-20",
          "created_at": "2026-11-20T21:00:00+00:00", "updated_at": "2026-11-20T21:00:00+00:00",
          "to": None, "body": "Words I will not send.", "status": "waiting"}
HEADER = {"format": "reconcile", "version": 1, "exported_at": "2026-11-22T10:00:00+00:00"}


def test_a_letter_sealed_far_beyond_any_cooling_off_is_refused_and_never_crashes_a_view(
        started):
    far = {**LETTER, "sealed_until": "9999-12-31T23:59:59-12:00"}
    lines = "\n".join(json.dumps(record) for record in (HEADER, far)) + "\n"
    refused = started("import", "-", input=lines)
    assert (refused.returncode, refused.stderr.decode()) == (
        1, "Nothing was imported from standard input: line 2: letter: sealed_until is more "
           "than 720 hours after created_at.\n")
    # one stored before this check (or written by hand) is listed, read, and can be let go
    import sqlite3

    conn = sqlite3.connect(started.db)
    with conn:
        conn.execute("INSERT INTO letters (id, day, created_at, updated_at, recipient, body, "
                     "sealed_until, status) VALUES (?, ?, ?, ?, NULL, ?, ?, 'waiting')",
                     (LETTER["id"], LETTER["day"], LETTER["created_at"], LETTER["updated_at"],
                      LETTER["body"], far["sealed_until"]))
    conn.close()
    listed = started("drawer")
    assert listed.returncode == 0, listed.stderr
    assert "sealed until Friday 31 December 9999" in listed.stdout.decode()
    shown = started("drawer", "read", "00000000")
    assert (shown.returncode, shown.stderr.decode()) == (
        1, "This letter is still sealed; you can reread it from Friday 31 December 9999 at "
           "23:59.\n")
    assert started("drawer", "--json").returncode == 0


def test_vision_diff_of_an_enormous_version_number_says_there_is_none(started):
    assert started("vision", "A first picture.").returncode == 0
    assert started("vision", "A second picture.").returncode == 0
    result = started("vision", "--diff", "1", "99999999999999999999999")
    assert (result.returncode, result.stderr.decode()) == (
        1, "There is no version 99999999999999999999999 of your vision; `reconcile vision "
           "--history` lists them.\n")


def test_a_file_that_is_neither_kind_of_journal_is_called_that(tmp_path):
    from tests.faults.conftest import Reconcile

    app = Reconcile(tmp_path / "notes.db")
    app.db.write_bytes(b"Dear diary, nothing here is a database.\n" * 512)  # 20,992 bytes
    assert app.db.stat().st_size % 512 == 0
    before = app.db.read_bytes()
    for command in (["today"], ["write", "words"]):
        result = app(*command)
        assert result.returncode == 1
        assert result.stderr.decode().startswith(
            f"{app.db} is not a reconcile journal (it is not an SQLite database). It was "
            "left untouched."), command
    assert app.db.read_bytes() == before


@pytest.mark.parametrize("field, value", [
    ("salt", ""), ("nonce", "AAAA"), ("parallelism", 4194304), ("memory_cost", 2**22),
    ("time_cost", 10**6), ("kdf", "scrypt"), ("wrapped", "AAAA")])
def test_a_key_file_edited_with_its_checksum_recomputed_is_damaged(locked, field, value):
    from reconcile_cli.journal import keys

    app, _ = locked
    key_path = Path(f"{app.db}.key")
    content = json.loads(key_path.read_text())
    content["passphrase"][field] = value
    content["check"] = keys._check(content)
    key_path.write_text(json.dumps(content))
    files = app.files()
    result = app("today", timeout=30)
    assert (result.returncode, result.stderr.decode()) == (
        1, f"The key file {key_path} is damaged, so the journal cannot be unlocked with it; "
           "copies lie beside your backups. Nothing was changed.\n")
    assert app.files() == files


def test_a_new_passphrase_from_a_command_follows_the_rules_the_prompt_follows(locked, tmp_path):
    app, _ = locked
    key_file = Path(f"{app.db}.key").read_bytes()
    for given in (" ", "short"):
        result = app("passphrase", env={"RECONCILE_NEW_PASSPHRASE_COMMAND": says(tmp_path, given)})
        assert (result.returncode, result.stderr.decode()) == (
            1, "The new passphrase from RECONCILE_NEW_PASSPHRASE_COMMAND is shorter than 8 "
               "characters, so it was not set; nothing was changed.\n"), given
    assert Path(f"{app.db}.key").read_bytes() == key_file


def test_a_passphrase_command_that_never_stops_printing_is_read_only_to_its_first_line(
        locked, tmp_path):
    import resource
    import subprocess

    app, _ = locked
    endless = tmp_path / "endless.sh"
    endless.write_text(f"#!/bin/sh\nexec yes '{PASSPHRASE}'\n")
    endless.chmod(0o700)
    flood = tmp_path / "flood.sh"  # 50 MB and never a newline
    flood.write_text("#!/bin/sh\nexec head -c 50000000 /dev/zero\n")
    flood.chmod(0o700)

    def at_most_a_gigabyte() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    opened = subprocess.run(app.argv("today"), capture_output=True, timeout=60,
                            env=app.env({"RECONCILE_PASSPHRASE_COMMAND": str(endless)}),
                            preexec_fn=at_most_a_gigabyte)
    assert opened.returncode == 0, opened.stderr
    refused = subprocess.run(app.argv("today"), capture_output=True, timeout=60,
                             env=app.env({"RECONCILE_PASSPHRASE_COMMAND": str(flood)}),
                             preexec_fn=at_most_a_gigabyte)
    assert (refused.returncode, refused.stderr.decode()) == (
        1, "The passphrase command in RECONCILE_PASSPHRASE_COMMAND printed more than 4 KB "
           "without ending its first line; a passphrase is shorter than that.\n")


def test_a_passphrase_that_is_not_utf8_can_be_set_by_a_command_and_typed_at_the_prompt(
        plain, tmp_path):
    import pexpect

    latin = tmp_path / "latin.sh"  # "café au lait" in Latin-1: \351 is not UTF-8
    latin.write_text("#!/bin/sh\nprintf 'caf\\351 au lait\\n'\n")
    latin.chmod(0o700)
    assert plain("encrypt", "--yes", env={"RECONCILE_PASSPHRASE_COMMAND": str(latin)}
                 ).returncode == 0
    env = plain.env()
    del env["RECONCILE_PASSPHRASE_COMMAND"]
    argv = plain.argv("today")
    child = pexpect.spawn(argv[0], argv[1:], env=env, timeout=WAIT)
    child.expect("Passphrase for your journal: ")
    child.send(b"\xff\xfe\r")  # a wrong one that is not UTF-8 is only a wrong try
    child.expect("Wrong passphrase; try again.")
    child.expect("Passphrase for your journal: ")
    child.send(b"caf\xe9 au lait\r")
    child.expect("The first entry.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


# --- row 88: nothing let in through a folder shared with others ---------------------------------

STRANGER = 65534  # nobody: another account on the computer


def session_name(app: Locked) -> str:
    import hashlib

    return hashlib.sha256(str(app.db.absolute()).encode()).hexdigest()[:24]


def test_a_link_planted_in_a_shared_runtime_folder_never_receives_the_key(plain, tmp_path):
    import os

    plain.runtime.chmod(0o777)  # a runtime folder shared with everyone
    keys_folder = plain.runtime / "reconcile" / "keys"
    keys_folder.mkdir(parents=True)
    for folder in (keys_folder.parent, keys_folder):
        folder.chmod(0o777)
        os.chown(folder, STRANGER, STRANGER)
    stolen = tmp_path / "stolen"
    stolen.write_text("")
    os.chown(stolen, STRANGER, STRANGER)
    os.symlink(stolen, keys_folder / f"{session_name(plain)}.partial")
    result = plain("encrypt", "--yes", "--remember")
    assert result.returncode == 0, result.stderr
    assert stolen.read_text() == ""
    assert not (keys_folder / session_name(plain)).exists()
    assert result.stdout.decode().splitlines()[-1] == (
        "The key could not be remembered here (no keyring was found); you will be asked.")


def test_a_named_pipe_where_a_key_is_kept_never_hangs_a_command(locked, tmp_path):
    import os

    app, _ = locked
    keys_folder = app.runtime / "reconcile" / "keys"
    keys_folder.mkdir(parents=True, mode=0o700)
    os.mkfifo(keys_folder / session_name(app))
    assert app("today", timeout=30).returncode == 0  # asked for the passphrase instead
    key_path = Path(f"{app.db}.key")
    key_path.rename(tmp_path / "kept.key")
    os.mkfifo(key_path)
    result = app("today", timeout=30)
    assert (result.returncode, result.stderr.decode()) == (
        1, f"The key file {key_path} is not a regular file, so the journal cannot be unlocked "
           "with it; copies lie beside your backups. Nothing was changed.\n")


# --- row 89: the key is never remembered in a keyring that keeps it as plain text --------------


@pytest.mark.parametrize("backend", ["keyrings.alt.file.PlaintextKeyring", "lowly.Ring",
                                     "keyring.backends.null.Keyring"])
def test_a_keyring_that_does_not_encrypt_is_refused_and_the_passphrase_asked(plain, tmp_path,
                                                                              backend):
    import base64

    from reconcile_cli.journal import keys

    if backend.startswith("keyrings.alt"):
        pytest.importorskip("keyrings.alt")
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    (shelf / "lowly.py").write_text(  # a back-end that says it is a poor choice
        "import pathlib\n"
        "from keyring.backend import KeyringBackend\n"
        f"STORE = pathlib.Path({str(tmp_path / 'data' / 'lowly.txt')!r})\n"
        "class Ring(KeyringBackend):\n"
        "    priority = 0.5\n"
        "    def get_password(self, service, user):\n"
        "        return STORE.read_text() if STORE.exists() else None\n"
        "    def set_password(self, service, user, password):\n"
        "        STORE.parent.mkdir(exist_ok=True); STORE.write_text(password)\n"
        "    def delete_password(self, service, user):\n"
        "        STORE.unlink()\n")
    env = {"PYTHON_KEYRING_BACKEND": backend, "PYTHONPATH": str(shelf), "XDG_RUNTIME_DIR": ""}
    result = plain("encrypt", "--yes", "--remember", env=env)
    assert result.returncode == 0, result.stderr
    told = result.stdout.decode().splitlines()[-1]
    if backend.endswith("null.Keyring"):
        assert told == ("The key could not be remembered here (no keyring was found); you will "
                        "be asked.")
    else:
        name = "PlaintextKeyring" if "Plaintext" in backend else "Ring"
        assert told == (f"The keyring found here ({name}) does not keep passwords encrypted, "
                        "so the key was not put in it; you will be asked for the passphrase.")
    key = keys.unwrap_with_passphrase(keys.load(Path(f"{plain.db}.key")), PASSPHRASE).hex()
    kept = [path for path in tmp_path.rglob("*") if path.is_file()
            and (key.encode() in path.read_bytes()
                 or base64.b64encode(key.encode()) in path.read_bytes())]
    assert kept == []
    asked = plain("today", env={**env, "RECONCILE_PASSPHRASE_COMMAND": ""})
    assert asked.returncode == 1  # not remembered: the passphrase is needed


# --- row 90: escapes never reach the terminal through completion or Click's own messages -------

ESCAPES = "\x1b]52;c;aGVsbG8=\x07\x1b[2J\x9b31m"
CONTROL = __import__("re").compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_completion_shows_clean_one_line_descriptions(started, tmp_path):
    body = f"First line{ESCAPES} and\nsecond line\n\nthird"
    assert started("write", input=body).returncode == 0
    assert started("items", "add", "calm-voice", f"Kept{ESCAPES} a calm\nvoice", "--kind",
                   "action").returncode == 0
    for words, cword in ((f"reconcile --db {started.db} show ", "4"),
                         (f"reconcile --db {started.db} check ", "4")):
        done = started(env={"_RECONCILE_COMPLETE": "zsh_complete", "COMP_WORDS": words,
                            "COMP_CWORD": cword})
        assert done.returncode == 0, done.stderr
        shown = done.stdout.decode()
        assert not CONTROL.findall(shown.replace("\n", "")), repr(shown)
        lines = shown.splitlines()
        assert len(lines) % 3 == 0  # zsh reads records of three lines: type, value, help
    shows = started(env={"_RECONCILE_COMPLETE": "zsh_complete",
                         "COMP_WORDS": f"reconcile --db {started.db} show ",
                         "COMP_CWORD": "4"}).stdout.decode().splitlines()
    assert shows[2].startswith("2026-11-22 First line and")


@pytest.mark.parametrize("args", [["today", "--date", f"2026{ESCAPES}-11\n-01"],
                                  ["import", f"no{ESCAPES}such\nfile.jsonl"],
                                  [f"--today=20{ESCAPES}26", "today"],
                                  ["today", f"--dat{ESCAPES}e"],
                                  [f"tod{ESCAPES}ay"]])
def test_clicks_own_messages_are_cleaned_too(started, args):
    result = started(*args)
    assert result.returncode == 2
    message = result.stderr.decode()
    assert message.splitlines()[-1].startswith("Error: ")
    assert not CONTROL.findall(message.replace("\n", "")), repr(message)
    assert "2J" not in message or "\x1b" not in message


# --- row 91: the key file and its copy, after a stopped encrypt or passphrase -------------------


def test_encrypt_run_again_after_a_stop_makes_the_missing_key_copy(locked):
    app, _ = locked
    copy = app.db.parent / "backups" / "journal.db.key"
    copy.unlink()  # as a kill right after the journal was replaced leaves it
    again = app("encrypt", "--yes")
    assert again.returncode == 0, again.stderr
    assert again.stdout.decode().startswith("Your journal is already encrypted.")
    assert copy.read_bytes() == Path(f"{app.db}.key").read_bytes()


def test_doctor_finds_a_key_copy_under_the_old_passphrase_and_repair_puts_it_right(locked,
                                                                                  tmp_path):
    app, _ = locked
    copy = app.db.parent / "backups" / "journal.db.key"
    old = copy.read_bytes()
    new = {"RECONCILE_NEW_PASSPHRASE_COMMAND": says(tmp_path, "the next passphrase")}
    assert app("passphrase", env=new).returncode == 0
    copy.write_bytes(old)  # as a kill between the key file and its copy leaves them
    app.words = "the next passphrase"
    found = app("doctor")
    assert found.returncode == 1
    assert (f"- The copy of the key file in {copy.parent} is not the same as the key file "
            f"beside the journal (a change of passphrase was stopped); `reconcile doctor "
            f"--repair` copies it again.") in found.stderr.decode()
    repaired = app("doctor", "--repair")
    assert repaired.returncode == 0, repaired.stderr
    assert copy.read_bytes() == Path(f"{app.db}.key").read_bytes()


def test_doctor_finds_a_damaged_key_file_and_repair_puts_the_copy_back(locked):
    app, _ = locked
    key_path = Path(f"{app.db}.key")
    good = key_path.read_bytes()
    assert app("today", env={"RECONCILE_PASSPHRASE_COMMAND": ""}).returncode == 1
    remember = app("recover", "--remember", input=locked[1] + "\n")  # remembered for the session
    assert remember.returncode == 0, remember.stderr
    key_path.write_bytes(good[:100])
    found = app("doctor")
    assert found.returncode == 1
    assert (f"- The key file {key_path} is damaged, or is not this journal's; `reconcile doctor "
            "--repair` puts back the copy that lies in") in found.stderr.decode()
    assert app("doctor", "--repair").returncode == 0
    assert json.loads(key_path.read_text())["fingerprint"] == json.loads(good)["fingerprint"]


def test_doctor_names_a_key_file_left_beside_a_plain_journal(plain):
    key_path = Path(f"{plain.db}.key")
    key_path.write_text("{}")  # as a kill before the journal was replaced leaves it
    found = plain("doctor")
    assert found.returncode == 1
    assert (f"- A key file, {key_path}, lies beside the plain journal, left by an `encrypt` "
            "that was stopped; nothing needs it. `reconcile doctor --repair` removes it.") \
        in found.stderr.decode()
    assert plain("doctor", "--repair").returncode == 0
    assert not key_path.exists()


# --- row 92: a backup opens alone ---------------------------------------------------------------


def test_a_backup_opens_alone_with_the_key_copy_beside_it(locked, tmp_path):
    import shutil

    app, _ = locked
    assert app("write", "Written after locking.").returncode == 0
    assert app("backup").returncode == 0
    backup = next((app.db.parent / "backups").glob("journal-2*.db"))  # not an automatic one
    for place in (backup, tmp_path / "usb" / backup.name):
        if place != backup:
            place.parent.mkdir()
            shutil.copy(backup, place)
            shutil.copy(backup.parent / "journal.db.key", place.parent / "journal.db.key")
        opened = Locked(place, tmp_path)("today")
        assert opened.returncode == 0, opened.stderr
        assert "Written after locking." in opened.stdout.decode()
    (tmp_path / "usb" / "journal.db.key").unlink()
    alone = Locked(tmp_path / "usb" / backup.name, tmp_path)("today")
    assert alone.returncode == 1
    assert alone.stderr.decode() == (
        f"The journal at {tmp_path / 'usb' / backup.name} is encrypted, but its key file is "
        f"missing: neither {tmp_path / 'usb' / backup.name}.key nor a copy of the journal's "
        f"key file ({tmp_path / 'usb' / 'journal.db.key'}) lies beside it. Put one there; "
        "nothing was changed.\n")


# --- row 93: plain text left behind by stopped runs ---------------------------------------------

WORD = "zqleftbehind"


def holding(app: Locked, word: str = WORD) -> list[Path]:
    return [path for path in app.tmp.rglob("*")
            if path.is_file() and word[1:].encode() in path.read_bytes()]


def test_a_plain_copy_left_by_a_stopped_decrypt_is_named_by_doctor_and_removed(plain):
    backups = plain.db.parent / "backups"
    assert plain("backup").returncode == 0
    stopped = backups / ".journal-2026-11-22T100000.db.deadbeef.converting"
    stopped.write_bytes(b"SQLite format 3\x00" + WORD.encode() * 100)
    half = backups / ".journal.db.key.deadbeef.partial"
    half.write_text("{}")
    found = plain("doctor")
    out = found.stdout.decode()
    assert (f"Left behind  removed {stopped} (a copy made by an encrypt or decrypt that was "
            "stopped)") in out
    assert f"Left behind  removed {half} (a half-written file of a run that was stopped)" in out
    assert holding(plain) == [] and not half.exists()


def test_encrypt_removes_a_plain_copy_a_stopped_decrypt_left(plain):
    stopped = plain.db.parent / ".journal.db.deadbeef.converting"
    stopped.write_bytes(b"SQLite format 3\x00" + WORD.encode() * 100)
    result = plain("encrypt", "--yes")
    assert result.returncode == 0, result.stderr
    assert ("1 file left behind by a run that was stopped was removed or sealed."
            in result.stdout.decode())
    assert holding(plain) == []


def test_an_editor_file_left_by_a_killed_run_is_sealed_by_doctor(locked):
    app, _ = locked
    editing = app.runtime / "reconcile" / "editing"
    editing.mkdir(parents=True, mode=0o700)
    (app.runtime / "reconcile").chmod(0o700)
    left = editing / "2026-11-22.journal.abc123.deadbeef.txt"
    left.write_text(f"Words typed in the editor, {WORD}.")
    swap = editing / f".{left.name}.swp"
    swap.write_text(WORD)
    found = app("doctor")
    assert found.returncode == 0, found.stderr
    out = found.stdout.decode()
    sealed = app.db.parent / "drafts" / "journal" / "2026-11-22.journal.abc123.deadbeef.enc"
    assert (f"Left behind  sealed {left} (the plain text of an editor that was stopped) into "
            f"{sealed}") in out
    assert f"Left behind  removed {swap} (an editor's copy of that text)" in out
    assert holding(app) == []
    assert sealed.exists()


def test_encrypt_warns_of_a_second_name_before_encrypting(plain, tmp_path):
    import os

    other = tmp_path / "elsewhere.db"
    os.link(plain.db, other)
    result = plain("encrypt", "--yes")
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode().startswith(
        "Note: the journal file has a second name (a hard link), which encrypting leaves "
        "plain, as it is now. Find it with `find / -xdev -samefile "
        f"{plain.db}` and remove it.\n")


# --- row 41 (and 94): restoring a backup ----------------------------------------------------------


def test_backup_list_and_restore_put_the_journal_back_and_keep_the_one_replaced(started):
    import re

    assert started("backup").returncode == 0
    assert started("write", "Written after the backup.").returncode == 0
    listed = started("backup", "--list")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.decode().splitlines()
    assert len(lines) == 2  # newest first: the day's automatic one (the write took it), ours
    day = r"\w+day \d+ \w+ \d{4} at \d\d:\d\d"  # backups are named by the clock
    assert re.fullmatch(day + r" +\d+ KB  journal-auto-\d{4}-\d\d-\d\dT\d{6}-daily\.db",
                        lines[0]), lines
    assert re.fullmatch(day + r" +\d+ KB  journal-\d{4}-\d\d-\d\dT\d{6}\.db", lines[1]), lines
    name = lines[1].split()[-1]
    restored = started("backup", "--restore", name)
    assert restored.returncode == 0, restored.stderr
    told = restored.stdout.decode()
    assert re.fullmatch(
        r"Restored the journal as it was on " + day + r"; the journal as it was a moment ago is "
        r"kept as (\S+)\.\n", told), told
    kept = Path(told.rsplit(" ", 1)[1].rstrip(".\n"))
    assert started.rows("SELECT body FROM entries") == [("The first entry.",)]
    assert started.integrity() == "ok"
    import sqlite3

    conn = sqlite3.connect(kept)
    assert sorted(conn.execute("SELECT body FROM entries").fetchall()) == [
        ("The first entry.",), ("Written after the backup.",)]
    conn.close()
    assert started("write", "And life goes on.").returncode == 0


def test_a_broken_backup_or_one_of_the_other_kind_is_never_restored(started, tmp_path):
    assert started("backup").returncode == 0
    backup = next((started.db.parent / "backups").glob("journal-2*.db"))
    broken = tmp_path / "broken.db"
    broken.write_bytes(backup.read_bytes()[:5000])
    before = started.db.read_bytes()
    refused = started("backup", "--restore", str(broken))
    assert (refused.returncode, refused.stderr.decode()) == (
        1, f"{broken} is not a whole backup (it did not pass SQLite's check), so it was not "
           "restored; nothing was changed.\n")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    other = started("backup", "--restore", str(text))
    assert (other.returncode, other.stderr.decode()) == (
        1, f"{text} is not a backup of a reconcile journal, so it was not restored; nothing was "
           "changed.\n")
    assert started.db.read_bytes() == before


def test_an_encrypted_journal_restores_its_own_backups_and_refuses_a_plain_one(plain):
    assert plain("backup").returncode == 0
    old_plain = next((plain.db.parent / "backups").glob("journal-2*.db")).read_bytes()
    encrypt(plain)
    assert plain("backup").returncode == 0
    assert plain("write", "After the encrypted backup.").returncode == 0
    newest = plain("backup", "--list").stdout.decode().splitlines()[0].split()[-1]
    restored = plain("backup", "--restore", newest)
    assert restored.returncode == 0, restored.stderr
    assert plain.with_key("SELECT body FROM entries") == [("The first entry.",)]
    stray = plain.tmp / "old-plain.db"
    stray.write_bytes(old_plain)
    refused = plain("backup", "--restore", str(stray))
    assert (refused.returncode, refused.stderr.decode()) == (
        1, f"{stray} is a plain backup, and your journal is encrypted: restoring it would leave "
           "your words unlocked. Nothing was changed.\n")
