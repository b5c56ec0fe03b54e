"""checkin and check, end to end: every answer lands in the journal as it is given."""

from tests.conftest import rows

ITEM_SLUGS = [
    "no-begging", "respected-boundaries", "no-monitoring", "no-badmouthing", "no-pressure",
    "no-blame", "calm-contact", "listened", "self-care", "support", "gratitude", "reflection",
]


def answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


FULL_EVENING = answers(
    "",                                 # the first check-in asks for a support person: passed
    "eleven", "7",                      # a wrong mood is asked again, then 7
    "y", "n", "I texted twice", "y", "s", "y", "y",   # restraints; a note after the miss
    "", "s", "y", "maybe", "y",                       # actions; "maybe" is asked again
    "the kids laughing", "my brother", "",            # two gratitude lines
    "Because we were good together.", "Not out of fear.", "",   # reflection
    "Long day. I did not call.", "",                  # free entry
)


def test_checkin_stores_mood_marks_gratitude_reflection_and_entry(run, db_path):
    result = run("checkin", input=FULL_EVENING)
    assert result.exit_code == 0, result.output
    assert "Please type a whole number from 1 to 10" in result.stdout
    assert "Please answer y, n or s, or press Enter to pass." in result.stdout
    # the gratitude and reflection items are not asked: answering those questions ticks them
    assert ("Your checklist: y = kept, n = missed, s = skipped, Enter passes.\n"
            "\u201cWrote down something I am grateful for\u201d and \u201cLooked honestly at my "
            "own part\u201d are ticked by your answers to the questions after it.\n"
            " 1/10  Did not beg") in result.stdout
    assert "grateful for [y/n/s]" not in result.stdout
    assert "Why do I want this marriage back?" in result.stdout
    assert rows(db_path, "SELECT item, status, note FROM marks ORDER BY item") == sorted([
        ("no-begging", "kept", None),
        ("respected-boundaries", "missed", "I texted twice"),
        ("no-monitoring", "kept", None),
        ("no-badmouthing", "skipped", None),
        ("no-pressure", "kept", None),
        ("no-blame", "kept", None),
        ("listened", "skipped", None),
        ("self-care", "kept", None),
        ("support", "kept", None),
        ("gratitude", "kept", None),
        ("reflection", "kept", None),
    ])
    assert rows(db_path, "SELECT day, kind, prompt, body, mood FROM entries ORDER BY seq") == [
        ("2026-11-22", "journal", None, "Long day. I did not call.", 7),
        ("2026-11-22", "gratitude", None, "the kids laughing\nmy brother", None),
        ("2026-11-22", "reflection", "why-this-marriage",
         "Because we were good together.\nNot out of fear.", None),
    ]
    recap = result.stdout[result.stdout.index("╭"):]
    assert "Mood       7" in recap
    assert "Checklist  8 kept · 1 missed · 2 skipped · 1 not answered" in recap
    assert "Written    3 entries" in recap
    assert "Some of today went the way you hoped." in recap


def test_checkin_shows_earlier_answers_and_enter_keeps_them(run, journal):
    assert run("check", "no-begging=kept", "self-care=missed").exit_code == 0
    # a second check-in: asked whether to change the answers given, and yes
    result = run("checkin", "--date", "today", input=answers("", "y", "", "n", *[""] * 20))
    assert result.exit_code == 0, result.output
    assert "Did not beg, plead or act out of desperation [now kept]" in result.stdout
    assert "Did one kind thing for my body or mind [now missed]" in result.stdout
    assert rows(journal, "SELECT item, status FROM marks ORDER BY item") == [
        ("no-begging", "kept"), ("respected-boundaries", "missed"), ("self-care", "missed"),
    ]
    assert rows(journal, "SELECT count(*) FROM entries") == [(0,)]
    assert "Nothing recorded yet" not in result.stdout


def test_stopping_midway_keeps_what_was_answered_and_exits_130(run, db_path):
    result = run("checkin", input=answers("", "6", "y", "y"))  # ends: like Ctrl-D / Ctrl-C
    assert result.exit_code == 130
    assert result.stderr.endswith("Stopped. Everything you answered up to here is saved.\n")
    assert rows(db_path, "SELECT mood FROM entries") == [(6,)]
    assert rows(db_path, "SELECT item, status FROM marks ORDER BY item") == [
        ("no-begging", "kept"), ("respected-boundaries", "kept")
    ]


def test_stopping_while_typing_keeps_the_text_as_a_draft_offered_back(run, db_path):
    lines = ["", "", *[""] * 10, "", "", "first line of an answer"]
    result = run("checkin", input=answers(*lines))
    assert result.exit_code == 130
    (draft,) = (db_path.parent / "drafts" / "journal").iterdir()
    assert str(draft) in result.stderr
    assert draft.read_text() == "first line of an answer"
    assert oct(draft.stat().st_mode & 0o777) == "0o600"
    assert oct(draft.parent.stat().st_mode & 0o777) == "0o700"
    later = run("write", "something else")
    assert later.exit_code == 0
    assert "1 unsaved draft(s) wait in" in later.stderr


def test_check_saves_all_answers_with_aliases_and_clear(run, journal):
    result = run("check", "no-begging=y", "self-care=no", "support=skip", "--date", "-1")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Saved for Saturday 21 November 2026: no-begging kept, self-care missed, support skipped.\n"
    )
    assert run("check", "support=clear", "--date", "-1").exit_code == 0
    assert rows(journal, "SELECT day, item, status FROM marks ORDER BY item") == [
        ("2026-11-21", "no-begging", "kept"), ("2026-11-21", "self-care", "missed")
    ]


def test_check_is_all_or_nothing(run, journal):
    unknown = run("check", "no-begging=y", "no-begin=y")
    assert unknown.exit_code == 1
    assert unknown.stderr == (
        "No checklist item called 'no-begin'. Your items are: " + ", ".join(ITEM_SLUGS) + ".\n"
    )
    bad_status = run("check", "no-begging=y", "self-care=maybe")
    assert bad_status.exit_code == 1
    assert bad_status.stderr == (
        "'maybe' is not a status for self-care: use kept, missed, skipped (y, n, s) or clear.\n"
    )
    twice = run("check", "no-begging=y", "no-begging=n")
    assert twice.exit_code == 1
    assert "'no-begging' is answered twice" in twice.stderr
    malformed = run("check", "no-begging")
    assert malformed.exit_code == 2
    assert "'no-begging' is not SLUG=STATUS" in malformed.stderr
    note_for_two = run("check", "no-begging=n", "no-blame=n", "--note", "x")
    assert note_for_two.exit_code == 2
    assert rows(journal, "SELECT count(*) FROM marks") == [(0,)]


def test_check_without_answers_walks_the_checklist(run, journal):
    result = run("check", input=answers("y", *[""] * 11))
    assert result.exit_code == 0, result.output
    assert " 1/12  Did not beg, plead or act out of desperation [y/n/s]" in result.stdout
    assert rows(journal, "SELECT item, status FROM marks") == [("no-begging", "kept")]
