"""The checklist itself: list, add, rename, retire, restore, move."""

from __future__ import annotations

import click

from reconcile_cli import store, views
from reconcile_cli.cli import complete
from reconcile_cli.cli.context import App
from reconcile_cli.cli.output import say
from reconcile_cli.core import errors
from reconcile_cli.core.checklist import ACT_WORDS, KEPT_BY_ACTS
from reconcile_cli.core.kinds import ITEM_KINDS
from reconcile_cli.core.text import clean


@click.group(invoke_without_command=True)
@click.option("--all", "show_all", is_flag=True, help="Include retired items.")
@click.option("--json", "as_json", is_flag=True, help="Print the items as JSON.")
@click.pass_context
def items(ctx: click.Context, show_all: bool, as_json: bool) -> None:
    """Your checklist. Without a subcommand, lists the items you are asked each day."""
    if ctx.invoked_subcommand is not None:
        return

    app: App = ctx.obj
    listed = store.items(app.journal(), include_retired=show_all)
    if as_json:
        app.out.json([item.to_dict() for item in listed])
        return

    app.out.print(views.items_table(listed))


def label_of(words: tuple[str, ...]) -> str:
    label = " ".join(clean(" ".join(words)).split())
    if not label:
        raise errors.InvalidInput("An item needs a label: the behaviour you mean to keep.")
    if len(label) > 120:
        raise errors.InvalidInput("Please keep an item's label under 120 characters.")
    return label


@items.command("add")
@click.argument("slug")
@click.argument("label", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(ITEM_KINDS), required=True,
              help="restraint: something to hold back from; action: something to do.")
@click.option("--kept-by", type=click.Choice(KEPT_BY_ACTS),
              help="An action item kept by an act instead of asked: writing a gratitude line, "
              "answering the reflection question, or writing an entry.")
@click.pass_obj
def add(app: App, slug: str, label: tuple[str, ...], kind: str, kept_by: str | None) -> None:
    """Add an item to your checklist: `items add evening-walk Went for a walk --kind action`.

    With --kept-by, the item is ticked by the act itself (and not asked at the check-in):
    `items add wrote-it-down Wrote my feelings down --kind action --kept-by entry`."""

    with app.writing(f"added the item {slug}") as db:
        item = store.add_item(db, slug, label_of(label), kind, app.now(), kept_by)
    say(f"Added '{item.slug}' to your checklist." + (
        f" It is kept by {ACT_WORDS[kept_by]}, so the check-in does not ask it." if kept_by
        else ""))


@items.command("rename")
@click.argument("slug", shell_complete=complete.item_slugs)
@click.argument("label", nargs=-1, required=True)
@click.pass_obj
def rename(app: App, slug: str, label: tuple[str, ...]) -> None:
    """Give an item a new LABEL (its history stays with it)."""

    with app.writing(f"renamed the item {slug}") as db:
        item = store.rename_item(db, slug, label_of(label))
    say(f"'{item.slug}' now reads: {item.label}")


@items.command("retire")
@click.argument("slug", shell_complete=complete.item_slugs)
@click.pass_obj
def retire(app: App, slug: str) -> None:
    """Stop being asked about an item; its history is kept."""

    with app.writing(f"retired the item {slug}") as db:
        store.retire_item(db, slug, app.now())
    say(f"Retired '{slug}'. Its history is kept; `reconcile items restore {slug}` "
               "brings it back.")


@items.command("restore")
@click.argument("slug", shell_complete=complete.item_slugs)
@click.pass_obj
def restore(app: App, slug: str) -> None:
    """Bring a retired item back to the end of your checklist."""

    with app.writing(f"restored the item {slug}") as db:
        store.restore_item(db, slug)
    say(f"'{slug}' is back on your checklist.")


@items.command("move")
@click.argument("slug", shell_complete=complete.item_slugs)
@click.argument("position", type=click.IntRange(min=1))
@click.pass_obj
def move(app: App, slug: str, position: int) -> None:
    """Move an item to POSITION (1 = first) in your checklist."""

    # named by where it lands: past the end of the list is the last place
    place = min(position, len(store.items(app.journal(create=True))))
    with app.writing(f"moved the item {slug} to number {place}") as db:
        store.move_item(db, slug, position)
        number = [item.slug for item in store.items(db)].index(slug) + 1
    say(f"'{slug}' is now number {number} on your checklist.")


COMMANDS = (items,)
