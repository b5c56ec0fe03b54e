"""The day's reflection question, and questions of your own in the rotation."""

from __future__ import annotations

import datetime as dt

import click

from reconcile_cli import store, views
from reconcile_cli.cli.context import App
from reconcile_cli.cli.output import say
from reconcile_cli.cli.params import date_option
from reconcile_cli.core import errors, prompts
from reconcile_cli.core.text import clean


@click.group(invoke_without_command=True)
@date_option
@click.option("--list", "list_all", is_flag=True,
              help="List every question: the built-in ones and your own.")
@click.pass_context
def prompt(ctx: click.Context, day: dt.date | None, list_all: bool) -> None:
    """The day's reflection question (a new one each day; none repeats until all have come up).

    `prompt add TEXT` puts a question of your own in the rotation; `prompt remove SLUG` takes
    one of yours out of it (its answers keep it)."""
    if ctx.invoked_subcommand is not None:
        return

    app: App = ctx.obj
    if list_all:
        own = store.own_prompts(app.journal()) if app.path.exists() else []
        app.out.print(views.prompt_list((*prompts.CATALOGUE, *own)))
        return
    day_iso = (day or app.today).isoformat()
    if not app.path.exists():
        app.out.print(views.prompt_view(prompts.next_prompt({}), day_iso))
        return
    with app.writing() as db:
        chosen = store.prompt_of_the_day(db, day_iso, app.now())
    answer = store.answer_on(app.journal(), day_iso, chosen.slug)
    app.out.print(views.prompt_view(chosen, day_iso, answer, day_iso == app.today.isoformat()))


@prompt.command("add")
@click.argument("words", nargs=-1, required=True)
@click.pass_obj
def add(app: App, words: tuple[str, ...]) -> None:
    """Add a question of your own: it comes up in the rotation like the built-in ones."""

    text = " ".join(clean(" ".join(words)).split())
    if not text:
        raise errors.UsageProblem("A question needs a few words.")
    if len(text) > 500:
        raise errors.UsageProblem("A question holds up to 500 characters.")
    with app.writing("added a question of your own") as db:
        added = store.add_prompt(db, text, app.now())
    say(f"Your question is in the rotation, as '{added.slug}'. It comes up on a day of its "
        "own, as the others do.")


@prompt.command("remove")
@click.argument("slug")
@click.pass_obj
def remove(app: App, slug: str) -> None:
    """Take a question of your own out of the rotation (its answers keep it)."""

    with app.writing(f"removed the question {slug}") as db:
        store.remove_prompt(db, slug, app.now())
    say(f"'{slug}' is out of the rotation; what you wrote in answer to it keeps its question.")


COMMANDS = (prompt,)
