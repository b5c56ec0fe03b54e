"""The evening ritual (checkin) and the checklist on its own (check)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click

from reconcile_cli import store, views
from reconcile_cli.cli import complete
from reconcile_cli.cli.context import App
from reconcile_cli.cli.drawer import offer_letters
from reconcile_cli.cli.intake import kept_first, save_entry
from reconcile_cli.cli.output import echo, fitted, say
from reconcile_cli.cli.params import date_option
from reconcile_cli.cli.questions import (
    ANSWERS,
    Answer,
    Words,
    ask_checklist,
    ask_gratitude,
    ask_mood,
    describe_answers,
    save_marks,
)
from reconcile_cli.cli.recovered import offer_drafts
from reconcile_cli.cli.support import SUPPORT, person_text
from reconcile_cli.cli.typed import ask, ask_text, ask_yes_no
from reconcile_cli.core import errors
from reconcile_cli.core.dates import long_date
from reconcile_cli.core.limits import MAX_NOTE
from reconcile_cli.core.text import clean
from reconcile_cli.core.words import count

CLEAR = "clear"
STOPPED = "Stopped. Everything you answered up to here is saved."

if TYPE_CHECKING:
    from reconcile_cli.core.models import Day


@click.command()
@date_option
@click.option("--no-backfill", is_flag=True, help="Do not offer earlier days left unanswered.")
@click.pass_obj
def checkin(app: App, day: dt.date | None, no_backfill: bool) -> None:
    """The evening check-in: mood, checklist, gratitude, a reflection and a few free words.

    Each answer is saved the moment you give it, so you can stop at any point with Ctrl-C.
    """

    day_iso = (day or app.today).isoformat()
    words = Words(day_iso, app.today.isoformat())
    db = app.journal(create=True)
    try:
        if store.is_empty(db):
            with app.writing() as writing_db:
                first_time = store.notice_shown(writing_db, "", "welcome")
            if first_time:
                welcome(app)
                ask_support(app)
        offer_drafts(app)

        offer_letters(app)
        if not no_backfill:
            offer_backfill(app, day_iso)
        echo(f"\n{long_date(day_iso)}\n")
        before = store.load_day(db, day_iso)
        again = bool(before.moods or before.marks or before.entries)
        if again:  # a second check-in: what is there already, then only what is missing
            say(f"Already saved {words.day_phrase}: {already(before)}.")
            echo()
        mood_entry = None if before.moods else ask_mood(app, day_iso, words)
        with app.writing() as writing_db:
            reflection = store.prompt_of_the_day(writing_db, day_iso, app.now())
        gratitude_asked = not any(entry.kind == "gratitude" for entry in before.entries)
        reflection_asked = not any(entry.prompt == reflection.slug for entry in before.entries)
        # items an act ticks are not asked when the check-in asks that act after the list
        acts_to_come = ({"entry"} | ({"gratitude"} if gratitude_asked else set())
                        | ({"reflection"} if reflection_asked else set()))
        change_given = not before.marks or ask_yes_no(
            fitted("Change checklist answers you already gave?"))
        ask_checklist(app, day_iso, only_missing=not change_given, acts_to_come=acts_to_come)
        if gratitude_asked:
            ask_gratitude(app, day_iso, words)
        if reflection_asked:
            say(f"\nA question to sit with{words.today_suffix}:")
            say(reflection.text, indent="  ")
            say("Answer in a few lines (an empty line ends), press Enter to pass, "
                "or type e for your editor.")
            answer, draft = ask_text(app, day_iso, "reflection", prompt=reflection.slug)
            if answer:
                save_entry(app, day=day_iso, body=answer, kind="reflection",
                           prompt=reflection.slug, draft=draft)
        say(f"\nAnything else on your heart{words.about_suffix}? Type freely (an empty line "
            "ends), press Enter to skip, or type e for your editor.")
        text, draft = ask_text(app, day_iso, "journal",
                               into=mood_entry.id if mood_entry else None)
        if text:
            save_entry(app, day=day_iso, body=text, draft=draft, into=mood_entry)
        offer_vision(app, day_iso)
    except click.Abort:
        raise stopped() from None
    echo()
    app.out.print(views.recap(store.load_day(db, day_iso), is_today=words.is_today))


BACKFILL_DAYS = 7


VISION_EVERY_DAYS = 28


def offer_vision(app: App, day: str) -> None:
    """About once a month, and never on a low day, an offer to reread the vision."""
    import datetime as dt

    db = app.journal()
    saved = store.versions(db)
    moods = store.load_day(db, day).moods
    if not saved or (moods and min(moods) <= 3):
        return
    last = store.last_notice(db, "vision") or saved[-1].saved_at[:10]
    if (dt.date.fromisoformat(day) - dt.date.fromisoformat(last)).days < VISION_EVERY_DAYS:
        return
    with app.writing() as writing_db:
        store.notice_shown(writing_db, day, "vision")
    if ask_yes_no(fitted("\nIt has been a while since you reread your vision. Read it now?")):
        app.out.print(views.vision_view(saved[-1]))


def welcome(app: App) -> None:
    """The first check-in's few words: what this is, where it lives, how to stop."""
    say("Welcome. This is a private journal for the months while you work on your marriage: "
        "each evening, how you feel, a short checklist of what you set out to do (and not "
        "to do), a few things you are grateful for, and whatever is on your heart.")
    say("\nEverything stays in that one file on this computer, and goes nowhere else.")
    say("\nThe checklist starts with twelve items; the command reconcile items shows them, "
        "and reconcile items add, rename and retire make it yours. Each answer is saved the "
        "moment you give it: press Enter to pass a question, or Ctrl-C to stop at any time.")


def ask_support(app: App) -> None:
    """Once, in the welcome: someone to turn to on a hard night (Enter passes)."""

    say("\nIs there someone you could call on a hard night: a friend, family, a counsellor? "
        "Their name, if you like (Enter passes; reconcile support add can add them later):")
    name = " ".join(clean(ask("  Name", default="", show_default=False)).split())
    if not name:
        return
    contact = " ".join(clean(ask("  Phone or how to reach them (Enter passes)",
                                          default="", show_default=False)).split())
    with kept_first(app, person_text(name[:120], contact[:200] or None), other=SUPPORT), \
            app.writing(f"added {name[:120]} to your support list") as db:
        store.add_person(db, name[:120], contact[:200] or None, app.now())
    say(f"  {name[:120]} is on your support list.\n")


def already(day: Day) -> str:
    """What a day holds so far, in a few words."""
    counts = day.counts()
    parts = [f"mood {day.mood:g}" if day.mood is not None else "no mood yet"]
    answered = counts["kept"] + counts["missed"] + counts["skipped"]
    parts.append(f"{answered} of {len(day.items)} checklist answers"
                 + (f" ({counts['kept']} kept)" if counts["kept"] else ""))
    written = [entry for entry in day.entries if entry.body.strip()]
    parts.append(count(len(written), "entry"))
    return ", ".join(parts)


def offer_backfill(app: App, day: str) -> None:
    """Offer, oldest first, recent days that have no checklist answers at all (not paused,
    and not declined before: a day declined once is not offered again, and stays reachable
    with `checkin --date`). Filling one in asks its mood, checklist and gratitude."""

    db = app.journal(create=True)
    began = store.journey_start(db)
    if began is None:
        return
    first = max(began, dt.date.fromisoformat(day) - dt.timedelta(days=BACKFILL_DAYS))
    passed_over = store.notice_days(db, "backfill-declined") | store.paused_days(db)
    for missing in store.days_without_marks(db, first.isoformat(), day):
        if missing in passed_over:
            continue
        if ask_yes_no(fitted(f"{long_date(missing)} has no checklist answers. Fill it in "
                             "now?")):
            fill_in(app, missing)
        else:
            with app.writing() as writing_db:
                store.notice_shown(writing_db, missing, "backfill-declined")


def fill_in(app: App, day: str) -> None:
    """An earlier day, filled in afterwards: its mood, its checklist, its gratitude (Enter
    passes each); what the day already holds is not asked again."""
    words = Words(day, app.today.isoformat())
    before = store.load_day(app.journal(), day)
    if not before.moods:
        ask_mood(app, day, words)
    gratitude_asked = not any(entry.kind == "gratitude" for entry in before.entries)
    ask_checklist(app, day, acts_to_come={"gratitude"} if gratitude_asked else ())
    if gratitude_asked:
        ask_gratitude(app, day, words)
    echo()  # a breath before the next day


def stopped() -> errors.Interrupted:
    echo(err=True)  # Ctrl-C leaves the cursor after "^C": start the message on its own line
    return errors.Interrupted(STOPPED)


@click.command()
@click.argument("answers", nargs=-1, metavar="[SLUG=STATUS]...", shell_complete=complete.answers)
@date_option
@click.option("--note", help="What happened (with a single SLUG=STATUS, usually a missed one).")
@click.pass_obj
def check(app: App, answers: tuple[str, ...], day: dt.date | None, note: str | None) -> None:
    """Answer checklist items: STATUS is kept, missed or skipped (y, n, s) or clear.

    Without answers, walks the checklist for the day as `checkin` does. All answers are saved
    together or, if any is wrong, none is.
    """

    day_iso = (day or app.today).isoformat()
    if not answers:
        if note is not None:
            raise click.UsageError("--note goes with one SLUG=STATUS answer.")
        try:
            ask_checklist(app, day_iso)
        except click.Abort:
            raise stopped() from None
        return
    changes = parse_answers(answers, note)
    save_marks(app, day_iso, changes)
    say(f"Saved for {long_date(day_iso)}: {describe_answers(changes)}.")


def parse_answers(answers: tuple[str, ...], note: str | None) -> dict[str, Answer]:
    """``("no-begging=y", ...)`` as ``{slug: (status or None to clear, note)}``."""

    if note is not None and len(answers) != 1:
        raise click.UsageError("--note goes with exactly one SLUG=STATUS answer.")
    if note is not None and len(note) > MAX_NOTE:
        raise errors.InvalidInput(f"A note holds up to {MAX_NOTE:,} characters; nothing was "
                                  "saved. Write the rest as an entry.")
    changes: dict[str, Answer] = {}
    for answer in answers:
        slug, sep, word = answer.partition("=")
        if not sep or not slug:
            raise click.UsageError(
                f"'{answer}' is not SLUG=STATUS; for example: no-begging=kept"
            )
        word = word.strip().lower()
        if word != CLEAR and word not in ANSWERS:
            raise errors.InvalidInput(
                f"'{word}' is not a status for {slug}: "
                "use kept, missed, skipped (y, n, s) or clear."
            )
        if slug in changes:
            raise errors.InvalidInput(f"'{slug}' is answered twice; give each item once.")
        changes[slug] = (None if word == CLEAR else ANSWERS[word], note and clean(note))
    return changes


@click.command()
@click.pass_obj
def nudge(app: App) -> None:
    """One gentle line when today's check-in is still waiting (for a shell's start-up file).

    Says nothing unless `config nudge_after HH:MM` is set and that time has passed.
    """

    line = store.nudge_line(app.path)
    if line:
        say(line)


COMMANDS = (checkin, check, nudge)
