"""Pauses: days you could not keep the journal (illness, a trip, a hospital stay)."""

from __future__ import annotations

import datetime as dt

import click

from reconcile_cli import store
from reconcile_cli.cli.context import App
from reconcile_cli.cli.intake import stdin_is_terminal
from reconcile_cli.cli.output import fitted, say
from reconcile_cli.core import errors
from reconcile_cli.core.dates import DateError, long_date, parse_day
from reconcile_cli.core.text import clean

AHEAD_DAYS = 60


def pause_day(app: App, value: str, what: str) -> dt.date:
    """A day of a pause: as --date takes it, except that a weekday, "next friday" and
    "tomorrow" mean the coming day (a pause may be planned up to 60 days ahead)."""

    today = app.today
    try:
        return parse_day(value, today, latest=today + dt.timedelta(days=AHEAD_DAYS))
    except DateError as exc:
        if "days ahead" in str(exc):
            day = str(exc).split(" is more than")[0]
            raise errors.UsageProblem(f"{what}: {day} is further ahead than a pause can be "
                                      f"planned ({AHEAD_DAYS} days).") from None
        raise errors.UsageProblem(f"{what}: {exc}") from None


def held_words(days: list[str]) -> tuple[str, str]:
    """ "Thursday 3 December 2026 already holds your answers or words" (or "... and ...
    already hold ..."), and the pronoun for it: "it" or "they"."""
    names = [long_date(day) for day in days]
    if len(names) == 1:
        return f"{names[0]} already holds your answers or words", "it"
    listed = ", ".join(names[:-1]) + " and " + names[-1]
    return f"{listed} already hold your answers or words", "they"


@click.command()
@click.argument("reason", nargs=-1)
@click.option("--from", "start", metavar="D", help="The first day of the pause.")
@click.option("--until", "until", metavar="D", help="The last day of the pause.")
@click.option("--list", "listing", is_flag=True, help="List the pauses.")
@click.option("--end", "ending", is_flag=True, help="End the pause you are in, as of today.")
@click.option("--json", "as_json", is_flag=True, help="With --list: print them as JSON.")
@click.option("--yes", is_flag=True,
              help="Pause days that already hold answers or entries without asking (they are "
              "named).")
@click.pass_obj
def pause(app: App, reason: tuple[str, ...], start: str | None, until: str | None,
          listing: bool, ending: bool, as_json: bool, yes: bool) -> None:
    """Days you could not keep the journal: blank everywhere, counted nowhere, and no streak
    is broken across them. `pause --from D --until D [REASON]`.

    D is a day as --date takes it, or a day ahead: a weekday ("thursday", "next thursday") is
    the coming one, and "tomorrow" or YYYY-MM-DD up to 60 days ahead. Days that already hold
    answers or entries are counted nowhere once paused, so you are asked first (with --yes,
    they are named)."""

    if listing:
        found = store.all_pauses(app.journal()) if app.path.exists() else []
        if as_json:
            app.out.json(found)
            return
        if not found:
            say("No pauses. `reconcile pause --from D --until D [REASON]` sets one.")
        for row in found:
            say(f"{row['id'][:8]}  {long_date(row['from'])} to {long_date(row['until'])}"
                 + (f"  ({row['reason']})" if row["reason"] else ""))
        return
    if ending:
        with app.writing("ended a pause") as db:
            ended = store.end_pause(db, app.today.isoformat())
        if ended is None:
            raise errors.InvalidInput("You are not in a pause today; `pause --list` shows them.")
        say("Welcome back. The pause has ended; today counts again.")
        return
    if start is None or until is None:
        raise errors.UsageProblem("A pause needs --from D and --until D (or --list, or --end).")
    first, last = pause_day(app, start, "--from"), pause_day(app, until, "--until")
    if last < first:
        raise errors.UsageProblem("--until is before --from; give the earlier day to --from.")
    why = " ".join(clean(" ".join(reason)).split()) or None
    if why is not None and len(why) > 200:
        raise errors.UsageProblem("A reason holds up to 200 characters.")
    held = store.days_holding(app.journal(), first.isoformat(), last.isoformat()) \
        if app.path.exists() else []
    holding, it = held_words(held) if held else ("", "")
    if held and not yes:
        if not stdin_is_terminal():
            raise errors.InvalidInput(
                f"{holding}; paused, {it} would count nowhere. Add --yes to pause anyway (what "
                "is there is kept); nothing was changed.")
        if not click.confirm(fitted(f"{holding}. Paused, {it} would count nowhere (what is "
                                    "there is kept). Pause anyway?"), default=False):
            say("Left as it was; nothing is paused.")
            return
    with app.writing(f"paused {long_date(first.isoformat())} to "
                     f"{long_date(last.isoformat())}") as db:
        _, merged = store.add_pause(db, first.isoformat(), last.isoformat(), why, app.now())
    say(f"Paused from {long_date(first.isoformat())} to {long_date(last.isoformat())}"
        + (", joined with the pause it met" if merged else "")
        + ". Those days are counted nowhere, and no streak breaks across them. Take care.")
    if held and yes:
        say(f"{holding}: kept, and not counted while paused.")


@click.command()
@click.argument("pause_id", metavar="ID")
@click.pass_obj
def unpause(app: App, pause_id: str) -> None:
    """Remove a pause (its days count again)."""

    with app.writing("removed a pause") as db:
        removed = store.remove_pause(db, pause_id)
    say(f"The pause from {long_date(removed['from'])} to {long_date(removed['until'])} is "
         "removed; those days count again.")


COMMANDS = (pause, unpause)
