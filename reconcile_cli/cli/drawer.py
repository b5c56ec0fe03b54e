"""The drawer: when the urge comes to plead, argue or explain once more, write it here instead.

A letter is sealed for a cooling-off (24 hours unless `config drawer_cooling_hours` says
otherwise), then offered back once: keep it in the drawer, rewrite it calmer, let it go, or say
it was sent. No answer is judged.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from typing import TYPE_CHECKING

import click

from reconcile_cli import journal, store, views
from reconcile_cli.cli import care
from reconcile_cli.cli.context import App
from reconcile_cli.cli.intake import (
    body_from_bytes,
    keeping,
    kept_first,
    read_limited,
    stdin_is_terminal,
)
from reconcile_cli.cli.output import fitted, say
from reconcile_cli.cli.typed import ask, ask_text, ask_yes_no, edit_text
from reconcile_cli.core import errors
from reconcile_cli.core.dates import instant, long_date, timestamp
from reconcile_cli.core.text import clean, to_bytes

if TYPE_CHECKING:
    from reconcile_cli.core.models import Letter
    from reconcile_cli.journal.drafts import Draft

CHOICES = {"k": "keep", "r": "rewrite", "l": "let go", "s": "sent"}


def readable_from(letter: Letter) -> str:
    """When a letter may be reread, in local time (in its own offset at the calendar's edge)."""
    try:
        moment = instant(letter.sealed_until)
    except ValueError:  # a stored value no check let in: shown as it is, never a crash
        return letter.sealed_until[:40]
    with contextlib.suppress(OverflowError):
        moment = moment.astimezone()
    return f"{long_date(moment.date().isoformat())} at {moment:%H:%M}"


def sealed_until(app: App) -> str:
    hours = int(app.setting("drawer_cooling_hours") or "24")
    return timestamp(app.moment() + dt.timedelta(hours=hours))


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the letters as JSON.")
@click.pass_context
def drawer(ctx: click.Context, as_json: bool) -> None:
    """Letters written instead of sent. `drawer write` puts one in; it stays sealed a while."""
    if ctx.invoked_subcommand is not None:
        return

    app: App = ctx.obj
    if not app.path.exists():
        found: list[Letter] = []
    else:
        if not as_json:
            offer_letters(app)
        found = store.all_letters(app.journal())
    now = app.now()
    if as_json:
        app.out.json([letter.to_dict(now) for letter in found])
        return

    app.out.print(views.drawer_view(found, now, {letter.id: readable_from(letter)
                                                 for letter in found}))


def letter_text(app: App, words: tuple[str, ...], edit: bool, day: str, to: str | None
                ) -> tuple[str, Draft | None]:
    """The letter's words: from the arguments, piped input, the prompt, or the editor."""

    if words and not edit:
        return body_from_bytes(app, to_bytes(" ".join(words)), day, "journal", None), None
    if edit:
        raw, draft = edit_text(app, day, "journal", letter=True, recipient=to)
        return body_from_bytes(app, raw, day, "journal", draft), draft
    if not stdin_is_terminal():
        return body_from_bytes(app, read_limited(sys.stdin.buffer), day, "journal", None), None
    say("Write what you want to say. It stays here, sealed; nothing is sent. "
        "An empty line ends; e opens your editor.")
    return ask_text(app, day, "journal", letter=True, recipient=to)


@drawer.command("write")
@click.argument("words", nargs=-1)
@click.option("--to", "recipient", metavar="NAME", help="Who the letter is to (for you alone).")
@click.option("-e", "--edit", is_flag=True, help="Write it in your editor.")
@click.pass_obj
def write(app: App, words: tuple[str, ...], recipient: str | None, edit: bool) -> None:
    """Put a letter in the drawer instead of sending it."""

    day = app.today.isoformat()
    to = (" ".join(clean(recipient).split()) or None) if recipient else None
    if to is not None and len(to) > 120:  # said before a word is typed
        raise errors.UsageProblem("--to holds up to 120 characters; a name or two will do.")
    body, draft = letter_text(app, words, edit, day, to)
    if not body.strip():
        if draft is not None:
            journal.drafts.discard(draft)
        raise errors.NothingSaved("Nothing was written, so nothing went in the drawer.")
    with kept_first(app, body, draft, day=day, letter=True, recipient=to), \
            app.writing("put a letter in the drawer") as db:
        letter = store.add_letter(db, day=day, now=app.now(), recipient=to, body=body,
                                  sealed_until=sealed_until(app))
    care.gentle_net(app, day, None, body)
    when = (f"sealed. You can reread it from {readable_from(letter)}"
            if letter.sealed(app.now()) else "and you can reread it whenever you like")
    say(f"Letter {letter.short_id} is in the drawer, {when}. Writing it instead of sending "
        "it was a kind thing to do.")


@drawer.command("read")
@click.argument("letter_id", metavar="ID")
@click.option("--now", "early", is_flag=True, help="Open it before its cooling-off ends.")
@click.pass_obj
def read(app: App, letter_id: str, early: bool) -> None:
    """Reread a letter (after its cooling-off)."""

    letter = store.find_letter(app.journal(), letter_id)
    if letter.sealed(app.now()):
        if not early:
            raise errors.InvalidInput(
                f"This letter is still sealed; you can reread it from {readable_from(letter)}.")
        if not ask_yes_no(fitted("It is still in its cooling-off. Open it now anyway?")):
            say("Left sealed.")
            return

    app.out.print(views.letter_view(letter))


def offer_letters(app: App) -> None:
    """Offer back, once each, the letters whose cooling-off has ended (at a terminal only)."""

    if not stdin_is_terminal():
        return
    now = app.now()
    ready = [letter for letter in reversed(store.all_letters(app.journal()))
             if letter.offered_at is None and not letter.sealed(now)]
    for letter in ready:
        say(f"\nA letter from {long_date(letter.day)} has finished its cooling-off. Here it is:")
        app.out.print(views.letter_view(letter))
        choice = ask(
            fitted("Still feel the same? Keep it in the drawer (k), rewrite it calmer (r), let "
                   "it go (l), or I sent it (s)"), type=click.Choice(list(CHOICES)), default="k")
        answer(app, letter, CHOICES[choice])


def answer(app: App, letter: Letter, choice: str) -> None:
    """Record the answer (and that the letter was offered: a Ctrl-C before answering leaves it
    to be offered again)."""

    now = app.now()
    if choice == "let go":
        with app.writing() as db:
            store.let_go(db, letter.id)
        say("It is gone, for good. Letting it go is its own kind of answer.")
        return
    if choice == "rewrite":

        say("Write it again, calmer. An empty line ends; e opens your editor.")
        body, draft = ask_text(app, app.today.isoformat(), "journal", letter=True,
                               recipient=letter.recipient)
        if not body.strip():
            say("Nothing new was written; the letter stays as it was.")
            choice = "keep"
        else:
            # the first letter stays as it was (kept); the calmer one goes in beside it
            with keeping(draft), app.writing("rewrote a letter in the drawer") as db:
                store.update_letter(db, letter, now, status="kept", answer="rewrite",
                                    answered_at=now, offered_at=now)
                store.add_letter(db, day=app.today.isoformat(), now=now,
                                 recipient=letter.recipient, body=body,
                                 sealed_until=sealed_until(app))
            say("Rewritten, and sealed again for a while; the first one stays in the drawer.")
            return
    status = "sent" if choice == "sent" else "kept"
    with app.writing(f"answered a letter in the drawer: {choice}") as db:
        store.update_letter(db, letter, now, status=status, answer=choice, answered_at=now,
                            offered_at=now)
    say("Noted." if choice == "sent" else "It stays in the drawer.")


COMMANDS = (drawer,)
