"""Writing and reading the day: write, mood, today."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

import click

from reconcile_cli import journal, store, views
from reconcile_cli.cli import complete
from reconcile_cli.cli.context import App
from reconcile_cli.cli.failures import TextGivenBack
from reconcile_cli.cli.intake import body_from_bytes, read_limited, save_entry, stdin_is_terminal
from reconcile_cli.cli.output import say
from reconcile_cli.cli.params import MOOD, date_option
from reconcile_cli.cli.recovered import offer_drafts
from reconcile_cli.cli.typed import edit_text
from reconcile_cli.core import errors
from reconcile_cli.core.dates import long_date
from reconcile_cli.core.kinds import ENTRY_KINDS
from reconcile_cli.core.prompts import BY_SLUG
from reconcile_cli.core.text import to_bytes

if TYPE_CHECKING:
    pass


def check_prompt_slug(
    ctx: click.Context, _param: click.Parameter, value: str | None
) -> str | None:
    """A question's name: a built-in one, or one of the user's own (`prompt add`)."""
    if value is None or value in BY_SLUG:
        return value
    app = ctx.find_object(App)
    if app is not None and app.path.exists() and any(
            own.slug == value for own in store.own_prompts(app.journal(), with_removed=True)):
        return value
    raise click.BadParameter(
        f"there is no reflection prompt called '{value}'; `reconcile prompt --list` shows them.")


@click.command()
@click.argument("text", nargs=-1)
@date_option
@click.option("--mood", type=MOOD, help="How you feel, 1 (very low) to 10 (at peace).")
@click.option("--kind", type=click.Choice(ENTRY_KINDS), help="journal (default), gratitude or "
              "reflection (the default with --prompt).")
@click.option("--prompt", "prompt_slug", metavar="SLUG", callback=check_prompt_slug,
              shell_complete=complete.prompt_slugs,
              help="The reflection prompt this entry answers.")
@click.option("-e", "--edit", is_flag=True, help="Write in your editor even if text is piped in.")
@click.pass_obj
def write(app: App, text: tuple[str, ...], day: dt.date | None, mood: int | None,
          kind: str | None, prompt_slug: str | None, edit: bool) -> None:
    """Write an entry: from TEXT, else from piped input, else in your editor ($VISUAL/$EDITOR)."""

    piped = None
    if not text and not edit and not stdin_is_terminal():
        # read first: if the journal then stays locked, the text is shown back, not dropped
        piped = read_limited(sys.stdin.buffer)
    try:
        day_iso = (day or app.today).isoformat()
        recovered = offer_drafts(app)
    except errors.ReconcileError as exc:
        if piped and piped.strip():
            raise TextGivenBack(exc, piped.decode("utf-8", "replace"), draft_tried=False) from exc
        raise
    kind = kind or ("reflection" if prompt_slug else "journal")
    draft = None
    if text and not edit:
        if stdin_is_terminal():
            app.out.note_once("shell-history", (
                "Note: words typed on the command line are also kept in your shell's history "
                "file. To keep them out of it, run `reconcile write` alone: it opens your "
                "editor. (This note is shown once.)"))
        body = body_from_bytes(app, to_bytes(" ".join(text)), day_iso, kind, None)
    else:
        if piped is None:
            piped, draft = edit_text(app, day_iso, kind, prompt=prompt_slug)
        body = body_from_bytes(app, piped, day_iso, kind, draft)
    if not body and mood is None:
        if draft is not None:
            journal.drafts.discard(draft)
        if recovered:
            say("No new words, so nothing more was saved.")
            return
        raise errors.NothingSaved("Nothing saved.")
    entry = save_entry(app, day=day_iso, body=body, mood=mood, kind=kind, prompt=prompt_slug,
                       draft=draft)
    say(f"Saved entry {entry.short_id} for {long_date(day_iso)}.")


@click.command(context_settings={"ignore_unknown_options": True})  # `mood -1` reaches MOOD
@click.argument("rating", type=MOOD)
@click.argument("note", nargs=-1)
@date_option
@click.pass_obj
def mood(app: App, rating: int, note: tuple[str, ...], day: dt.date | None) -> None:
    """Rate how you feel, 1 (very low) to 10 (at peace), with an optional NOTE."""

    day_iso = (day or app.today).isoformat()
    body = body_from_bytes(app, to_bytes(" ".join(note)), day_iso, "journal", None)
    entry = save_entry(app, day=day_iso, body=body, mood=rating)
    say(f"Mood {rating} saved for {long_date(day_iso)} (entry {entry.short_id}).")


@click.command()
@date_option
@click.option("--json", "as_json", is_flag=True, help="Print the day as JSON.")
@click.pass_obj
def today(app: App, day: dt.date | None, as_json: bool) -> None:
    """The day at a glance: moods, checklist and entries."""

    the_day = store.load_day(app.journal(), (day or app.today).isoformat())
    if as_json:
        app.out.json(the_day.to_dict())
        return

    app.out.print(views.day_view(the_day))


COMMANDS = (write, mood, today)
