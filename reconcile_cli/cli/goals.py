"""Goals in five areas (spiritual, physical, intellectual, relational, emotional), in small
steps. Relational goals are about your own part: how you listen, what you give, how you
respond, never about checking on or pressing your spouse."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import click

from reconcile_cli import store, views
from reconcile_cli.cli.context import App
from reconcile_cli.cli.intake import kept_first
from reconcile_cli.cli.output import say
from reconcile_cli.cli.params import date_option
from reconcile_cli.core import errors
from reconcile_cli.core.dates import long_date
from reconcile_cli.core.kinds import GOAL_AREAS
from reconcile_cli.core.text import clean

if TYPE_CHECKING:
    from reconcile_cli.journal.db import Journal


def _text(words: tuple[str, ...], what: str) -> str:
    text = " ".join(clean(" ".join(words)).split())
    if not text:
        raise errors.UsageProblem(f"A {what} needs a few words.")
    if len(text) > 500:
        raise errors.UsageProblem(f"A {what} holds up to 500 characters.")
    return text


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the goals as JSON.")
@click.pass_context
def goals(ctx: click.Context, as_json: bool) -> None:
    """Goals in five areas of life, in small steps, with the steps done this week and in all."""
    if ctx.invoked_subcommand is not None:
        return

    app: App = ctx.obj
    found = store.goals_with_steps(app.journal()) if app.path.exists() else []
    if as_json:
        by_area: dict[str, list[dict[str, object]]] = {area: [] for area in GOAL_AREAS}
        for goal in found:
            if goal["dropped_at"] is None:
                by_area[goal["area"]].append({
                    "id": goal["id"], "text": goal["text"],
                    "steps": [{"id": step["id"], "text": step["text"], "done": step["done"],
                               "daily": step["item"] is not None}
                              for step in goal["steps"] if step["dropped_at"] is None]})
        app.out.json(by_area)
        return
    monday = app.today - dt.timedelta(days=app.today.weekday())
    app.out.print(views.goals_view(found, monday.isoformat(), app.today.isoformat()))


@goals.command("add")
@click.argument("area", type=click.Choice(GOAL_AREAS), metavar="AREA")
@click.argument("words", nargs=-1, required=True)
@click.pass_obj
def add(app: App, area: str, words: tuple[str, ...]) -> None:
    """Add a goal in AREA: spiritual, physical, intellectual, relational or emotional.

    For example: `goals add relational Listen without defending myself`."""

    text = _text(words, "goal")
    with kept_first(app, text, other=("goal", area)), app.writing(f"added a {area} goal") as db:
        goal = store.add_goal(db, area, text, app.now())
    say(f"Goal {goal[:8]} added ({area}). `reconcile goals step {goal[:8]} ...` gives it a "
         "first small step.")


@goals.command("step")
@click.argument("goal_id", metavar="GOAL")
@click.argument("words", nargs=-1, required=True)
@click.option("--daily", is_flag=True,
              help="Make the step a checklist item, asked about every evening.")
@click.pass_obj
def step(app: App, goal_id: str, words: tuple[str, ...], daily: bool) -> None:
    """A small step towards GOAL: "one walk", "write a kind note to myself", "pray ten
    minutes"."""

    text = _text(words, "step")
    if not re.fullmatch(r"[0-9a-fA-F-]{1,36}", goal_id):  # every goal's id is a UUID
        raise errors.InvalidInput(f"No goal has an id starting with '{goal_id}'; "
                                  "`reconcile goals` lists them.")
    with kept_first(app, text, other=("daily" if daily else "step", goal_id.lower())), \
            app.writing("added a small step") as db:
        added, item = add_step(app, db, goal_id, text, daily)
    say(f"Step {added[:8]} added." + (f" It is on your checklist too, as '{item}'."
                                       if item else f" `reconcile goals done {added[:8]}` "
                                                    "when you have done it."))


def add_step(app: App, db: Journal, goal_id: str, text: str, daily: bool
             ) -> tuple[str, str | None]:
    """A step towards the goal whose id starts with ``goal_id`` (a daily one is a checklist item
    too); its id, and the item's name."""
    goal, _, _ = store.find_goal_or_step(db, "goals", goal_id)
    item = None
    if daily:
        item = store.free_slug(db, text)
        store.add_item(db, item, text[:120], "action", app.now())
    return store.add_step(db, goal, text, app.now(), item), item


@goals.command("done")
@click.argument("step_id", metavar="STEP")
@date_option
@click.pass_obj
def done(app: App, step_id: str, day: dt.date | None) -> None:
    """Mark a step done (today, or --date)."""

    when = (day or app.today).isoformat()
    with app.writing(f"marked a step done on {long_date(when)}") as db:
        found, text, item = store.find_goal_or_step(db, "steps", step_id)
        if item:  # a daily step is its checklist item: kept that day
            store.set_marks(db, when, {item: ("kept", None)}, app.now())
        else:
            store.mark_done(db, found, when)
    say(f"Done on {long_date(when)}: {text}. One small step.")


@goals.command("drop")
@click.argument("some_id", metavar="GOAL|STEP")
@click.pass_obj
def drop(app: App, some_id: str) -> None:
    """Set a goal or a step aside (it stays in your history)."""

    with app.writing("set a goal or step aside") as db:
        try:
            found, text, _ = store.find_goal_or_step(db, "goals", some_id)
            table = "goals"
        except errors.InvalidInput:
            found, text, _ = store.find_goal_or_step(db, "steps", some_id)
            table = "steps"
        store.drop(db, table, found, app.now())
    say(f"Set aside: {text}. It stays in your history.")


COMMANDS = (goals,)
