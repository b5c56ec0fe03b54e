"""edit, delete/trash/restore, undo, config, day_starts_at and back-fill."""

import json

import pytest

from tests.cli.test_browse import write
from tests.conftest import rows


def bodies(journal):
    return rows(journal, "SELECT body FROM entries WHERE deleted_at IS NULL ORDER BY seq")


def searchable(run, word):
    return [hit["body"] for hit in json.loads(run("search", word, "--json").stdout)]


def test_edit_in_the_editor_updates_body_time_and_search(run, journal, fake_editor):
    short = write(run, "I felt angry at the lawyer.")
    (created, updated_before), = rows(journal, "SELECT created_at, updated_at FROM entries")
    result = run("edit", short[:5], env={**fake_editor(b"I felt hurt, not angry.\n"),
                                         "RECONCILE_NOW": "2026-11-22T23:00:00+00:00"})
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Entry {short} saved.\n"
    assert rows(journal, "SELECT body, created_at, updated_at FROM entries") == [
        ("I felt hurt, not angry.", created, "2026-11-22T23:00:00+00:00")]
    assert searchable(run, "hurt") == ["I felt hurt, not angry."]
    assert searchable(run, "lawyer") == []


def test_an_unchanged_or_emptied_edit_changes_nothing_and_says_so(run, journal, fake_editor):
    short = write(run, "Keep me.")
    before = rows(journal, "SELECT * FROM entries")
    same = run("edit", short, env=fake_editor(b"Keep me.\n"))
    assert (same.exit_code, same.stdout) == (0, f"No changes: entry {short} is as it was.\n")
    emptied = run("edit", short, env=fake_editor(b"  \n"))
    assert emptied.exit_code == 1
    assert emptied.stderr == (f"The text was emptied, so entry {short} was left as it was. "
                              f"To remove it, use `reconcile delete {short}`.\n")
    assert rows(journal, "SELECT * FROM entries") == before
    assert list((journal.parent / "drafts" / "journal").iterdir()) == []


def test_edit_fields_without_the_editor(run, journal):
    short = write(run, "Wrong day.", "--mood", "3")
    result = run("edit", short, "--mood", "6", "--date", "yesterday", "--kind", "reflection")
    assert result.exit_code == 0, result.output
    assert rows(journal, "SELECT day, kind, mood, body FROM entries") == [
        ("2026-11-21", "reflection", 6, "Wrong day.")]
    assert run("edit", short, "--mood", "11").exit_code == 2


def test_delete_asks_then_trashes_and_restore_brings_back(run, journal):
    keep, gone = write(run, "Stays."), write(run, "Goes to the trash.")
    declined = run("delete", gone, input="n\n")
    assert "Left as it was." in declined.stdout
    assert len(bodies(journal)) == 2
    deleted = run("delete", gone, input="y\n")
    assert deleted.exit_code == 0
    assert f"Moved entry {gone} to the trash." in deleted.stdout
    assert bodies(journal) == [("Stays.",)]
    assert "Goes to the trash." not in run("today").stdout
    assert searchable(run, "trash") == []
    assert run("show", gone).stderr == (
        f"Entry {gone} is in the trash; `reconcile restore {gone}` brings it back.\n")
    assert gone in run("trash").stdout
    assert run("restore", gone).stdout == f"Entry {gone} is back in your journal.\n"
    assert bodies(journal) == [("Stays.",), ("Goes to the trash.",)]
    assert run("restore", keep).exit_code == 1  # not in the trash
    assert run("trash").stdout == "The trash is empty.\n"


def test_emptying_the_trash_deletes_for_good_and_keeps_no_copy(run, journal):
    old, recent = write(run, "Old secret."), write(run, "Recent secret.")
    run("delete", old, "--yes", env={"RECONCILE_NOW": "2026-11-01T10:00:00+00:00"})
    run("delete", recent, "--yes", env={"RECONCILE_NOW": "2026-11-21T10:00:00+00:00"})
    now = {"RECONCILE_NOW": "2026-11-22T10:00:00+00:00"}
    older = run("trash", "--empty", "--older-than", "7", input="y\n", env=now)
    assert older.exit_code == 0, older.output
    assert "Delete 1 entry for good? This cannot be undone." in older.stdout
    assert rows(journal, "SELECT body FROM entries") == [("Recent secret.",)]
    backups = journal.parent / "backups"
    assert run("trash", "--empty", "--yes").stdout == (
        f"Deleted 1 entry for good.\nBackups made before now, in {backups}, still hold it until "
        "they are replaced (the automatic ones within a week).\n")
    assert rows(journal, "SELECT count(*) FROM entries") == [(0,)]
    assert rows(journal, "SELECT count(*) FROM change_rows WHERE before LIKE '%secret%'") == [(0,)]
    for _ in range(3):  # undo can walk back the writes' other changes, never the text
        run("undo")
    assert rows(journal, "SELECT count(*) FROM entries WHERE body LIKE '%secret%'") == [(0,)]


def test_undo_reverts_each_kind_of_change_newest_first(run, journal, fake_editor):
    marks = "SELECT day, item, status, note FROM marks ORDER BY item"
    items = "SELECT slug, label, position, retired_at IS NOT NULL FROM items ORDER BY position"
    entries = "SELECT body, mood, day, kind, deleted_at IS NOT NULL FROM entries ORDER BY seq"
    snapshots = []

    def step(*args, **kwargs):
        snapshots.append((rows(journal, marks), rows(journal, items), rows(journal, entries)))
        result = run(*args, **kwargs)
        assert result.exit_code == 0, (args, result.output)

    step("write", "first words", "--mood", "5")
    short = rows(journal, "SELECT substr(id, 1, 8) FROM entries")[0][0]
    step("mood", "7", "better")
    step("check", "no-begging=y", "no-blame=n")
    step("check", "no-blame=missed", "--note", "snapped")
    step("check", "no-begging=clear")
    step("edit", short, env=fake_editor(b"rewritten words"))
    step("edit", short, "--date", "yesterday", "--kind", "reflection")
    step("delete", short, "--yes")
    step("restore", short)
    step("items", "add", "walk", "Walked", "--kind", "action")
    step("items", "rename", "walk", "Walked outside")
    step("items", "move", "walk", "1")
    step("items", "retire", "no-monitoring")
    step("items", "restore", "no-monitoring")
    # another day: today and yesterday have moods already, which a check-in does not ask again
    step("checkin", "--no-backfill", "--date", "2026-11-20",
         input="4\n" + "\n" + "y\n" + "\n" * 9 + "grateful\n\n\n\n")

    listed = run("undo", "--list").stdout.splitlines()
    assert listed[0].endswith("wrote a gratitude entry for Friday 20 November 2026")
    assert len(listed) == 17  # fourteen commands, and the check-in's three answers
    assert listed[-1].endswith("wrote a journal entry for Sunday 22 November 2026")
    # the check-in made three changes (mood, one answer, gratitude): undo them one by one
    for expected in ("wrote a gratitude entry", "checklist for Friday 20 November 2026: "
                     "no-begging kept", "rated your mood 4"):
        assert run("undo").stdout.startswith(f"Undone: {expected}")
    snapshots.pop()
    while snapshots:
        before = snapshots.pop()
        result = run("undo")
        assert result.exit_code == 0, result.output
        assert (rows(journal, marks), rows(journal, items), rows(journal, entries)) == before
    nothing = run("undo")
    assert (nothing.exit_code, nothing.stderr) == (1, "There is nothing left to undo.\n")
    assert searchable(run, "rewritten") == [] and searchable(run, "first") == []


def test_config_sets_shows_and_refuses(run, journal):
    assert run("config", "day_starts_at").stdout == "4\n"
    assert run("config", "day_starts_at", "2").stdout == "day_starts_at = 2\n"
    assert rows(journal, "SELECT key, value FROM settings") == [("day_starts_at", "2")]
    assert run("config", "day_starts_at", "--unset").stdout == "day_starts_at = 4\n"
    assert "journey_start = (not set)" in run("config").stdout
    for args, message in [
        (["config", "day_starts_at", "7"], "day_starts_at is an hour from 0 to 6, like 4.\n"),
        (["config", "journey_start", "soon"], "journey_start is a date, like 2026-09-01.\n"),
        (["config", "colour", "blue"],
         "There is no setting called 'colour'. Settings: day_starts_at, editor, "
         "journey_start, gentle_net, crisis_line, drawer_cooling_hours, nudge_after, "
         "sync_auto.\n"),
    ]:
        result = run(*args)
        assert (result.exit_code, result.stderr) == (1, message)
    assert rows(journal, "SELECT count(*) FROM settings") == [(0,)]


def test_the_editor_setting_is_used(run, journal, fake_editor, tmp_path):
    editor = fake_editor(b"via the setting")["EDITOR"]
    assert run("config", "editor", editor).exit_code == 0
    assert run("write", "--edit", env={"EDITOR": "false"}).exit_code == 0
    assert bodies(journal) == [("via the setting",)]


@pytest.mark.parametrize(
    ("now", "day_starts_at", "expected_day"),
    [
        ("2026-11-23T01:30:00+01:00", None, "2026-11-22"),   # 1:30 am: still last night
        ("2026-11-23T03:59:00+01:00", None, "2026-11-22"),
        ("2026-11-23T04:00:00+01:00", None, "2026-11-23"),   # the new day begins at 4
        ("2026-11-23T00:30:00+01:00", "0", "2026-11-23"),    # midnight, if you prefer it
        ("2026-11-22T23:59:00-08:00", None, "2026-11-22"),   # late evening, anywhere
    ],
)
def test_the_journal_day_follows_day_starts_at(run, journal, monkeypatch, now, day_starts_at,
                                              expected_day):
    monkeypatch.delenv("RECONCILE_TODAY")
    if day_starts_at is not None:
        run("config", "day_starts_at", day_starts_at)
    result = run("mood", "5", env={"RECONCILE_NOW": now})
    assert result.exit_code == 0, result.output
    assert rows(journal, "SELECT day, created_at FROM entries") == [(expected_day, now)]


def test_journey_start_sets_the_week_number_and_where_streaks_begin(run, journal):
    run("mood", "5", "--date", "2026-11-02")
    for n in range(10, 23):
        run("check", "self-care=kept", "--date", f"2026-11-{n}")
    assert "week 3 of your journal" in run("week").stdout
    streak = {i["slug"]: i["current_streak"] for i in json.loads(run("week", "--json").stdout)[
        "items"]}
    assert streak["self-care"] == 13
    run("config", "journey_start", "2026-11-16")
    data = json.loads(run("week", "--json").stdout)
    assert {i["slug"]: i["current_streak"] for i in data["items"]}["self-care"] == 7
    assert data["milestones"] == [
        {"date": "2026-11-22", "item": "self-care",
         "label": "Did one kind thing for my body or mind", "kind": "streak", "days": 7},
        {"date": "2026-11-22", "item": None, "label": None, "kind": "full-week", "days": 7},
    ]
    assert "week 1 of your journal" in run("week").stdout


def test_checkin_offers_recent_unanswered_days_oldest_first(run, journal):
    run("check", "no-begging=kept", "--date", "2026-11-19")  # the journal began on the 19th
    run("check", "no-begging=kept", "--date", "2026-11-21")
    # the 20th: filled in (its mood, no-begging missed, no note, the rest passed, no gratitude)
    result = run("checkin", input="y\n\nn\n\n" + "\n" * 10 + "\n" + "\n" * 20)
    assert result.exit_code == 0, result.output
    offers = [line for line in result.stdout.splitlines() if "has no checklist answers" in line]
    assert len(offers) == 1 and offers[0].startswith("Friday 20 November 2026 has no checklist")
    assert rows(journal, "SELECT day, item, status FROM marks ORDER BY day") == [
        ("2026-11-19", "no-begging", "kept"), ("2026-11-20", "no-begging", "missed"),
        ("2026-11-21", "no-begging", "kept")]
    skipped = run("checkin", "--no-backfill", "--date", "2026-11-22", input="\n" * 40)
    assert "has no checklist answers" not in skipped.stdout
