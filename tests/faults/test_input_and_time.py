"""Matrix rows 7, 10, 30, 32-34, 43: odd input, odd clocks, a failed upgrade, secrets."""

import os
import sqlite3

from click.testing import CliRunner

from reconcile_cli.cli import cli


def test_argv_bytes_that_are_not_utf8_under_a_c_locale(started):
    import subprocess

    result = subprocess.run([*started.argv("write"), b"caf\xe9 au lait"], capture_output=True,
                            env=started.env({"LC_ALL": "C", "LANG": "C"}))
    assert result.returncode == 0, result.stderr
    assert b"not valid UTF-8" in result.stderr
    assert started.rows("SELECT body FROM entries ORDER BY seq")[-1] == ("caf\ufffd au lait",)


def test_sixty_megabytes_of_noise_is_refused_without_touching_the_journal(started):
    before = started.rows("SELECT * FROM entries")
    result = started("write", input=os.urandom(60_000_000))
    assert result.returncode == 1
    assert b"larger than 1 MB" in result.stderr
    assert started.rows("SELECT * FROM entries") == before
    (draft,) = (started.db.parent / "drafts" / "journal").iterdir()
    assert draft.stat().st_size == 1_000_000


def test_dst_gap_and_overlap_are_stored_with_their_offsets(app):
    new_york = {"TZ": "America/New_York"}
    for now in ("2026-03-08T02:30:00", "2026-11-01T01:30:00", "2026-11-01T01:45:00"):
        result = app("mood", "5", env={**new_york, "RECONCILE_NOW": now, "RECONCILE_TODAY": ""})
        assert result.returncode == 0, result.stderr
    stored = app.rows("SELECT day, created_at, zone FROM entries ORDER BY seq")
    assert [row[0] for row in stored] == ["2026-03-07", "2026-10-31", "2026-10-31"]  # before 4 am
    assert all(row[1][19:] in ("-04:00", "-05:00") for row in stored)
    assert {row[2] for row in stored} == {"America/New_York"}


def test_an_entry_keeps_its_day_when_the_time_zone_changes(app):
    late = {"TZ": "America/Los_Angeles", "RECONCILE_NOW": "2026-11-21T23:50:00",
            "RECONCILE_TODAY": ""}
    assert app("write", "late in California", env=late).returncode == 0
    berlin = app("today", "--date", "2026-11-21", "--json", env={"TZ": "Europe/Berlin"})
    import json

    entries = json.loads(berlin.stdout)["entries"]
    assert [e["body"] for e in entries] == ["late in California"]
    assert entries[0]["created_at"] == "2026-11-21T23:50:00-08:00"


def test_a_clock_going_backwards_loses_nothing(app):
    for now, text in (("2026-11-22T21:00:00+00:00", "written first"),
                      ("2026-11-22T20:00:00+00:00", "written second, clock behind")):
        assert app("write", text, env={"RECONCILE_NOW": now}).returncode == 0
    import json

    shown = json.loads(app("log", "--json").stdout)[0]["entries"]
    assert [e["body"] for e in shown] == ["written second, clock behind", "written first"]


def test_a_failing_upgrade_is_rolled_back_with_a_copy_kept(tmp_path, monkeypatch):
    from reconcile_cli.journal import schema
    from reconcile_cli.journal.migrations import migrations

    db_path = tmp_path / "journal.db"
    runner = CliRunner()
    env = {"RECONCILE_DB": str(db_path), "RECONCILE_TODAY": "2026-11-22"}
    assert runner.invoke(cli, ["write", "precious"], env=env).exit_code == 0

    @migrations(name="m999_broken")
    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(schema, "NAMES", (*schema.NAMES, "m999_broken"))
    try:
        result = runner.invoke(cli, ["today"], env=env)
    finally:
        migrations._migrations.pop()
        monkeypatch.undo()
    assert result.exit_code == 1
    assert "Upgrading the journal at" in result.stderr and "it was left exactly as it was" in \
        result.stderr
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"
                        ).fetchone() == (0,)
    from reconcile_cli.journal.migrations import KNOWN

    assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone() == (len(KNOWN),)
    assert conn.execute("SELECT body FROM entries").fetchall() == [("precious",)]
    backups = list((tmp_path / "backups").glob("journal-auto-*-before-m999_broken.db"))
    assert len(backups) == 1
    assert runner.invoke(cli, ["today"], env=env).exit_code == 0  # without it, all is well


def test_an_unexpected_error_never_shows_the_entry_text(tmp_path, monkeypatch):
    from reconcile_cli import store

    def explode(db, **fields):
        raise RuntimeError(f"failed while holding {fields['body']!r}")

    monkeypatch.setattr(store, "add_entry", explode)
    env = {"RECONCILE_DB": str(tmp_path / "j.db"), "RECONCILE_TODAY": "2026-11-22"}
    result = CliRunner().invoke(cli, ["write", "my most private sentence"], env=env)
    assert result.exit_code == 1
    assert "Something went wrong inside reconcile (RuntimeError)" in result.stderr
    assert "private" not in result.stderr.replace(str(tmp_path), "")
    assert "Your text is safe in" in result.stderr


def test_undecodable_argv_bytes_anywhere_are_stored_not_crashed_on(started):
    import subprocess

    c_locale = started.env({"LC_ALL": "C", "LANG": "C"})
    for extra in (["check", "no-blame=missed", "--note", b"snapped \xe9"],
                  ["items", "add", "walk", b"Walked \xe9", "--kind", "action"],
                  ["config", "editor", b"ed\xe9"],
                  ["search", b"caf\xe9"]):
        result = subprocess.run([*started.argv(), *extra], capture_output=True, env=c_locale)
        assert result.returncode == 0, (extra, result.stderr)
    assert started.rows("SELECT note FROM marks") == [("snapped \ufffd",)]
    assert started.rows("SELECT label FROM items WHERE slug = 'walk'") == [("Walked \ufffd",)]


def test_undecodable_bytes_typed_at_the_check_in(started):
    result = started("checkin", "--no-backfill",
                     input=b"\xff\n5\n" + b"n\n\xe9 slipped\n" + b"\n" * 9 + b"th\xe9 sun\n\n"
                           + b"\n\n")
    assert result.returncode == 0, result.stderr
    assert started.rows("SELECT note FROM marks WHERE item = 'no-begging'") == [
        ("\ufffd slipped",)]
    assert started.rows("SELECT body FROM entries WHERE kind = 'gratitude'") == [
        ("th\ufffd sun",)]
