"""The evening ritual (checkin) and the checklist on its own (check)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

import click

from reconcile_cli import store, views
from reconcile_cli.cli import care, complete
from reconcile_cli.cli.context import App
from reconcile_cli.cli.drawer import offer_letters
from reconcile_cli.cli.intake import save_entry
from reconcile_cli.cli.output import echo, fitted, say
from reconcile_cli.cli.params import date_option
from reconcile_cli.cli.recovered import offer_drafts
from reconcile_cli.cli.typed import ask_text
from reconcile_cli.core import errors
from reconcile_cli.core.dates import long_date
from reconcile_cli.core.limits import MAX_NOTE
from reconcile_cli.core.text import clean, printable
from reconcile_cli.core.words import count

ANSWERS = {
    "y": "kept", "yes": "kept", "k": "kept", "kept": "kept",
    "n": "missed", "no": "missed", "missed": "missed",
    "s": "skipped", "skip": "skipped", "skipped": "skipped",
}
CLEAR = "clear"
STOPPED = "Stopped. Everything you answered up to here is saved."

if TYPE_CHECKING:
    from reconcile_cli.core.models import Day, Entry

Answer = tuple[str | None, str | None]  # (status, or None to clear the answer; note)
Answers = Mapping[str, Answer]  # by item slug


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
        change_given = not before.marks or click.confirm(
            fitted("Change checklist answers you already gave?"), default=False)
        ask_checklist(app, day_iso, only_missing=not change_given)
        if not any(entry.kind == "gratitude" for entry in before.entries):
            ask_gratitude(app, day_iso, words)
        with app.writing() as db:
            reflection = store.prompt_of_the_day(db, day_iso, app.now())
        if not any(entry.prompt == reflection.slug for entry in before.entries):
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


class Words:
    """The check-in's words for the day it is about: "tonight" only when it is today."""

    def __init__(self, day: str, today: str):
        self.is_today = day == today
        self.day_phrase = "today" if self.is_today else f"for {long_date(day)}"
        self.mood_question = ("How are you feeling tonight" if self.is_today
                              else f"How were you feeling on {long_date(day)}")
        self.grateful = ("Up to three things you are grateful for today" if self.is_today
                         else "Up to three things you were grateful for that day")
        self.today_suffix = " today" if self.is_today else ""
        self.about_suffix = " today" if self.is_today else " about that day"


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
    if click.confirm(fitted("\nIt has been a while since you reread your vision. Read it now?"),
                     default=False):
        app.out.print(views.vision_view(saved[-1]))


def welcome(app: App) -> None:
    """The first check-in's few words: what this is, where it lives, how to stop."""
    say("Welcome. This is a private journal for the months while you work on your marriage: "
        "each evening, how you feel, a short checklist of what you set out to do (and not "
        "to do), a few things you are grateful for, and whatever is on your heart.")
    say(f"\nEverything stays in one file on this computer, {app.path}, and goes nowhere else.")
    say("\nThe checklist starts with twelve items; `reconcile items` shows them, and "
        "`reconcile items add`, `rename` and `retire` make it yours. Each answer is saved the "
        "moment you give it: press Enter to pass a question, or Ctrl-C to stop at any time.")


def ask_support(app: App) -> None:
    """Once, in the welcome: someone to turn to on a hard night (Enter passes)."""

    say("\nIs there someone you could call on a hard night: a friend, family, a counsellor? "
        "Their name, if you like (Enter passes; `reconcile support add` later):")
    name = " ".join(clean(click.prompt("  Name", default="", show_default=False)).split())
    if not name:
        return
    contact = " ".join(clean(click.prompt("  Phone or how to reach them (Enter passes)",
                                          default="", show_default=False)).split())
    with app.writing(f"added {name[:120]} to your support list") as db:
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
    """Offer, oldest first, the checklist of recent days that have no answers at all."""
    import datetime as dt

    db = app.journal(create=True)
    began = store.journey_start(db)
    if began is None:
        return
    first = max(began, dt.date.fromisoformat(day) - dt.timedelta(days=BACKFILL_DAYS))
    for missing in store.days_without_marks(db, first.isoformat(), day):
        if click.confirm(fitted(f"{long_date(missing)} has no checklist answers. Fill it in "
                                "now?"), default=False):
            ask_checklist(app, missing)


def ask_mood(app: App, day: str, words: Words | None = None) -> Entry | None:
    """Ask for a 1-10 mood; saves it at once as an entry (which the free text may later join)."""
    question = words.mood_question if words else "How are you feeling tonight"
    while True:
        flush_typeahead()
        raw = click.prompt(
            fitted(f"{question}, from 1 (very low) to 10 (at peace)? Enter skips"),
            default="", show_default=False,
        ).strip()
        if not raw:
            return None
        # isdecimal, not isdigit: "²" and "①" are digits that int() cannot read
        if raw.isdecimal() and len(raw) <= 2 and 1 <= int(raw) <= 10:
            return save_entry(app, day=day, mood=int(raw))
        say("Please type a whole number from 1 to 10, or just press Enter to skip.")


def ask_checklist(app: App, day: str, only_missing: bool = False) -> None:
    """Walk the active items; y/n/s saves at once, Enter leaves the day's answer as it was.
    With ``only_missing``, the items already answered are passed over."""

    db = app.journal(create=True)
    active = store.items(db)
    marks = store.marks_on(db, day)
    if only_missing and all(item.slug in marks for item in active):
        return
    say("Your checklist: y = kept, n = missed, s = skipped, Enter = leave as it is.")
    for number, item in enumerate(active, start=1):
        previous = marks.get(item.slug)
        if only_missing and previous is not None:
            continue
        hint = f"now {previous.status}" if previous else "y/n/s"
        while True:
            flush_typeahead()  # a key pressed while the list was drawn is not this answer
            raw = click.prompt(
                fitted(f"{number:>2}/{len(active)}  {printable(item.label)} [{hint}]",
                       indent=" " * 7), default="", show_default=False,
            ).strip().lower()
            if not raw or raw in ANSWERS:
                break
            say("   Please answer y, n or s, or press Enter to leave it.")
        if not raw:
            continue
        status = ANSWERS[raw]
        save_marks(app, day, {item.slug: (status, None)})
        if status == "missed" and item.kind == "restraint":
            note = ask_note(previous.note if previous and previous.note else "")
            if note:
                save_marks(app, day, {item.slug: (status, note)})


def ask_note(previous: str) -> str:
    """A line about a slip (Enter keeps ``previous``); a line too long for a note is asked again."""

    while True:
        note = clean(click.prompt(fitted("    What happened, and what might help next time? "
                                         "(Enter passes)", indent=" " * 4),
                                  default=previous, show_default=False)).strip()
        if len(note) <= MAX_NOTE:
            return note
        say(f"    A note holds up to {MAX_NOTE:,} characters; a shorter line, please "
             "(or write the rest as an entry afterwards).")


def ask_gratitude(app: App, day: str, words: Words | None = None) -> None:
    """Up to three lines of gratitude, kept together in one entry that grows line by line."""
    say(f"\n{words.grateful if words else 'Up to three things you are grateful for today'} "
        "(Enter moves on):")
    entry = None
    lines: list[str] = []
    for number in range(1, 4):
        line = clean(click.prompt(f"  {number}.", default="", show_default=False,
                                  prompt_suffix=" ")).strip()
        if not line:
            break
        lines.append(line)
        entry = save_entry(app, day=day, body="\n".join(lines), kind="gratitude", into=entry)


def flush_typeahead() -> None:
    """Drop keys typed before the question was shown (only at a terminal)."""
    import sys

    try:
        import termios

        if sys.stdin.isatty():
            termios.tcflush(sys.stdin.fileno(), termios.TCIFLUSH)
    except (ImportError, OSError, ValueError):
        pass


def describe_answers(changes: Answers) -> str:
    return ", ".join(f"{slug} {status or 'cleared'}{' (with a note)' if note else ''}"
                     for slug, (status, note) in changes.items())


def stopped() -> errors.Interrupted:
    echo(err=True)  # Ctrl-C leaves the cursor after "^C": start the message on its own line
    return errors.Interrupted(STOPPED)


def save_marks(app: App, day: str, changes: Answers) -> None:
    with app.writing(f"checklist for {long_date(day)}: {describe_answers(changes)}") as db:
        store.set_marks(db, day, changes, app.now())
    notes = " ".join(note for _, note in changes.values() if note)
    if notes:
        care.gentle_net(app, day, None, notes)


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
