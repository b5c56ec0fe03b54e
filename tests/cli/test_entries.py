"""write, mood, today and prompt, end to end on a tmp_path journal."""

import json

from tests.conftest import rows


def test_first_write_creates_the_journal_says_where_and_stores_the_entry(run, db_path):
    result = run("write", "Held", "my", "tongue", "today.", "--mood", "6")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Started a new journal at {db_path}\n"
    short_id = rows(db_path, "SELECT substr(replace(id, '-', ''), 1, 8) FROM entries")[0][0]
    assert result.stdout == f"Saved entry {short_id} for Sunday 22 November 2026.\n"
    assert rows(db_path, "SELECT day, kind, prompt, body, mood, deleted_at FROM entries") == [
        ("2026-11-22", "journal", None, "Held my tongue today.", 6, None)
    ]
    created, updated = rows(db_path, "SELECT created_at, updated_at FROM entries")[0]
    assert created == updated and created[19:] and created[19] in "+-"  # ISO with UTC offset


def test_second_write_does_not_announce_a_new_journal(run, journal):
    result = run("write", "again")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_write_reads_piped_text_and_keeps_it_whole(run, journal):
    result = run("write", "--kind", "gratitude", input="My sister called.\nThe sun came out.\n\n")
    assert result.exit_code == 0, result.output
    assert rows(journal, "SELECT kind, body FROM entries") == [
        ("gratitude", "My sister called.\nThe sun came out.")
    ]


def test_write_with_a_prompt_is_a_reflection_on_that_prompt(run, journal):
    result = run("write", "--prompt", "forgive-myself", "That I panicked.")
    assert result.exit_code == 0, result.output
    assert rows(journal, "SELECT kind, prompt, body FROM entries") == [
        ("reflection", "forgive-myself", "That I panicked.")
    ]
    result = run("write", "--prompt", "no-such-prompt", "x")
    assert result.exit_code == 2
    assert "no reflection prompt called 'no-such-prompt'" in result.stderr


def test_write_opens_the_editor_and_stores_what_was_saved(run, journal, fake_editor):
    result = run("write", "--edit", env=fake_editor(b"\nFrom the editor.\n\n"))
    assert result.exit_code == 0, result.output
    assert rows(journal, "SELECT body FROM entries") == [("From the editor.",)]
    assert list((journal.parent / "drafts" / "journal").iterdir()) == []  # temp file removed


def test_nothing_written_and_no_mood_saves_nothing(run, journal, fake_editor):
    for result in (
        run("write", input=""),
        run("write", input="   \n\n"),
        run("write", "--edit", env=fake_editor(b"")),
    ):
        assert result.exit_code == 1
        assert result.stderr == "Nothing saved.\n"
    assert rows(journal, "SELECT count(*) FROM entries") == [(0,)]
    assert list((journal.parent / "drafts" / "journal").iterdir()) == []


def test_a_mood_alone_is_an_entry(run, journal):
    result = run("write", "--mood", "3", input="")
    assert result.exit_code == 0
    assert rows(journal, "SELECT body, mood FROM entries") == [("", 3)]


def test_non_utf8_text_is_stored_with_replacement_characters_and_a_warning(
    run, journal, fake_editor
):
    piped = run("write", input=b"caf\xe9 au lait")
    edited = run("write", "--edit", env=fake_editor(b"na\xefve"))
    for result in (piped, edited):
        assert result.exit_code == 0, result.output
        assert "not valid UTF-8" in result.stderr
    assert rows(journal, "SELECT body FROM entries ORDER BY seq") == [
        ("caf\ufffd au lait",), ("na\ufffdve",)
    ]


def test_text_over_one_megabyte_is_refused_and_kept_as_a_draft(run, journal):
    result = run("write", input=b"x" * 1_000_001)
    assert result.exit_code == 1
    assert "larger than 1 MB" in result.stderr
    (draft,) = (journal.parent / "drafts" / "journal").iterdir()
    assert str(draft) in result.stderr
    assert draft.stat().st_size == 1_000_000
    assert rows(journal, "SELECT count(*) FROM entries") == [(0,)]


def test_stored_text_is_shown_literally_without_markup_or_escapes(run, journal):
    body = "I said [/] and [bold]no[/bold]\x1b[2J\x1b]8;;http://x\x1b\\ ok\x00!"
    assert run("write", body).exit_code == 0
    assert rows(journal, "SELECT body FROM entries") == [(body,)]  # stored faithfully
    result = run("today")
    assert result.exit_code == 0, result.output
    assert "I said [/] and [bold]no[/bold] ok!" in result.stdout
    assert "\x1b" not in result.stdout and "\x00" not in result.stdout


def test_mood_with_a_note(run, journal):
    result = run("mood", "4", "rough", "morning", "--date", "yesterday")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Mood 4 saved for Saturday 21 November 2026 (entry ")
    assert rows(journal, "SELECT day, body, mood FROM entries") == [
        ("2026-11-21", "rough morning", 4)
    ]


def test_bad_moods_are_usage_errors_and_store_nothing(run, journal):
    for args in (["mood", "0"], ["mood", "11"], ["mood", "abc"], ["mood", "4.5"],
                 ["write", "--mood", "11", "x"], ["mood", ""]):
        result = run(*args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.output
    assert run("mood", "0").stderr == (
        "Mood is a whole number from 1 (very low) to 10 (at peace); '0' is not one.\n")
    assert rows(journal, "SELECT count(*) FROM entries") == [(0,)]


def test_dates_are_checked_before_anything_is_written(run, db_path):
    future = run("write", "x", "--date", "2026-11-23")
    assert future.exit_code == 2
    assert "2026-11-23 is in the future" in future.stderr
    invalid = run("mood", "5", "--date", "2026-02-30")
    assert invalid.exit_code == 2
    assert "'2026-02-30' is not a day on the calendar. Use YYYY-MM-DD, today, yesterday" in (
        invalid.stderr)
    assert not db_path.exists()


def test_date_forms_land_on_the_right_day(run, journal):
    for form in ("2026-11-01", "yesterday", "-3", "wednesday"):
        assert run("mood", "5", "--date", form).exit_code == 0
    assert rows(journal, "SELECT day FROM entries ORDER BY seq") == [
        ("2026-11-01",), ("2026-11-21",), ("2026-11-19",), ("2026-11-18",)
    ]


def test_today_json_has_moods_marks_and_entries(run, journal):
    run("mood", "4")
    run("write", "--mood", "8", "better", "by", "evening")
    assert run("check", "no-begging=y").exit_code == 0
    assert run("check", "no-blame=n", "--note", "snapped at her").exit_code == 0
    data = json.loads(run("today", "--json").stdout)
    assert (data["date"], data["mood"], data["mood_min"], data["mood_max"]) == (
        "2026-11-22", 6, 4, 8)
    assert [(m["item"], m["status"], m["note"]) for m in data["marks"][:6]] == [
        ("no-begging", "kept", None),
        ("respected-boundaries", None, None),
        ("no-monitoring", None, None),
        ("no-badmouthing", None, None),
        ("no-pressure", None, None),
        ("no-blame", "missed", "snapped at her"),
    ]
    assert len(data["marks"]) == 12
    assert [(e["mood"], e["body"]) for e in data["entries"]] == [(4, ""), (8, "better by evening")]


def test_today_view_reads_calmly(run, journal):
    run("write", "--mood", "7", "A walk helped.")
    run("check", "no-begging=kept", "self-care=skipped")
    out = run("today").stdout
    assert out.startswith("Sunday 22 November 2026\n")
    assert "Mood       7" in out
    assert "Checklist  1 kept · 0 missed · 1 skipped · 10 not answered" in out
    assert "✓  Did not beg, plead or act out of desperation" in out
    assert "–  Did one kind thing for my body or mind" in out
    assert "A walk helped." in out


def test_reading_a_missing_journal_creates_nothing(run, db_path):
    for command in (["today"], ["items"]):
        result = run(*command)
        assert result.exit_code == 1
        assert result.stderr == (
            f"There is no journal at {db_path} yet. Run `reconcile checkin` to start one.\n"
        )
    assert not db_path.exists()
    assert not (db_path.parent / "drafts").exists()


def test_prompt_is_stable_for_a_day_and_rotates_across_days(run, journal):
    first = run("prompt")
    assert first.exit_code == 0, first.output
    assert "Why do I want this marriage back?" in first.stdout
    assert "reconcile write --prompt why-this-marriage" in first.stdout
    assert run("prompt").stdout == first.stdout
    assert "What did my spouse ask of me more than once" in run("prompt", "--date", "-1").stdout
    assert rows(journal, "SELECT day, prompt FROM prompt_offers ORDER BY day") == [
        ("2026-11-21", "my-part-asked-for"), ("2026-11-22", "why-this-marriage")
    ]


def test_prompt_without_a_journal_shows_the_first_and_creates_nothing(run, db_path):
    result = run("prompt")
    assert result.exit_code == 0
    assert "Why do I want this marriage back?" in result.stdout
    assert not db_path.exists()


def test_an_editor_that_fails_saves_nothing_and_leaves_no_empty_draft(run, journal):
    result = run("write", "--edit", env={"EDITOR": "false"})
    assert result.exit_code == 1
    assert result.stderr == "The editor (false) did not finish cleanly; nothing was saved.\n"
    assert list((journal.parent / "drafts" / "journal").iterdir()) == []
    assert rows(journal, "SELECT count(*) FROM entries") == [(0,)]


def test_no_color_is_respected_even_when_colour_is_forced(run, journal):
    run("check", "no-begging=kept")
    assert "\x1b[32m" in run("today", env={"FORCE_COLOR": "1"}).stdout  # green tick
    plain = run("today", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b[32m" not in plain and "✓  Did not beg" in plain
