"""The check-in's questions, one at a time: the mood, the checklist, a note after a slip, the
lines of gratitude. Each answer is saved the moment it is given."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import click

from reconcile_cli import store
from reconcile_cli.cli import care
from reconcile_cli.cli.context import App
from reconcile_cli.cli.intake import kept_first, save_entry
from reconcile_cli.cli.output import fitted, say
from reconcile_cli.cli.typed import ask
from reconcile_cli.core.dates import long_date
from reconcile_cli.core.limits import MAX_NOTE
from reconcile_cli.core.text import clean, printable
from reconcile_cli.core.words import listed

if TYPE_CHECKING:
    from reconcile_cli.core.models import Entry

ANSWERS = {
    "y": "kept", "yes": "kept", "k": "kept", "kept": "kept",
    "n": "missed", "no": "missed", "missed": "missed",
    "s": "skipped", "skip": "skipped", "skipped": "skipped",
}

Answer = tuple[str | None, str | None]  # (status, or None to clear the answer; note)
Answers = Mapping[str, Answer]  # by item slug


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


def ask_mood(app: App, day: str, words: Words | None = None) -> Entry | None:
    """Ask for a 1-10 mood; saves it at once as an entry (which the free text may later join)."""
    question = words.mood_question if words else "How are you feeling tonight"
    while True:
        raw = ask(
            fitted(f"{question}, from 1 (very low) to 10 (at peace)? Enter skips"),
            default="", show_default=False,
        ).strip()
        if not raw:
            return None
        # isdecimal, not isdigit: "²" and "①" are digits that int() cannot read
        if raw.isdecimal() and len(raw) <= 2 and 1 <= int(raw) <= 10:
            return save_entry(app, day=day, mood=int(raw))
        say("Please type a whole number from 1 to 10, or just press Enter to skip.")


def ask_checklist(app: App, day: str, only_missing: bool = False,
                  acts_to_come: Iterable[str] = ()) -> None:
    """Walk the active items; y/n/s saves at once, Enter passes (or, for an item answered
    before, leaves its answer as it was). With ``only_missing``, the items already answered
    are passed over; items ticked by one of ``acts_to_come`` (a question the check-in asks
    next) are not asked: answering that question ticks them."""

    db = app.journal(create=True)
    coming = set(acts_to_come)
    marks = store.marks_on(db, day)
    ticked_later = [item for item in store.items(db) if item.kept_by in coming]
    asked = [item for item in store.items(db) if item not in ticked_later
             and not (only_missing and item.slug in marks)]
    if not asked:
        return
    enter = ("Enter leaves an answer as it is" if any(item.slug in marks for item in asked)
             else "Enter passes")
    say(f"Your checklist: y = kept, n = missed, s = skipped, {enter}.")
    if ticked_later:
        names = listed([f"\u201c{printable(item.label)}\u201d" for item in ticked_later])
        say(f"{names} {'is' if len(ticked_later) == 1 else 'are'} ticked by your answers "
            "to the questions after it.")
    for number, item in enumerate(asked, start=1):
        previous = marks.get(item.slug)
        hint = f"now {previous.status}" if previous else "y/n/s"
        while True:
            # ask() drops a key pressed while the list was drawn: it is not this answer
            raw = ask(
                fitted(f"{number:>2}/{len(asked)}  {printable(item.label)} [{hint}]",
                       indent=" " * 7), default="", show_default=False,
            ).strip().lower()
            if not raw or raw in ANSWERS:
                break
            say("   Please answer y, n or s, or press Enter to pass.")
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
        note = clean(ask(fitted("    What happened, and what might help next time? "
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
        # the first line answers the question; the next ones may come pasted with it
        line = clean((ask if number == 1 else click.prompt)(
            f"  {number}.", default="", show_default=False, prompt_suffix=" ")).strip()
        if not line:
            break
        lines.append(line)
        entry = save_entry(app, day=day, body="\n".join(lines), kind="gratitude", into=entry)


def describe_answers(changes: Answers) -> str:
    return ", ".join(f"{slug} {status or 'cleared'}{' (with a note)' if note else ''}"
                     for slug, (status, note) in changes.items())


def save_marks(app: App, day: str, changes: Answers) -> None:
    """Save answers in one step; a note written about a slip is kept as a draft until then."""
    noted = [(slug, note) for slug, (_, note) in changes.items() if note]
    keep = (kept_first(app, noted[0][1], day=day, other=("note", noted[0][0]))
            if len(noted) == 1 else contextlib.nullcontext())
    with keep, app.writing(f"checklist for {long_date(day)}: {describe_answers(changes)}") as db:
        store.set_marks(db, day, changes, app.now())
    notes = " ".join(note for _, note in changes.values() if note)
    if notes:
        care.gentle_net(app, day, None, notes)

