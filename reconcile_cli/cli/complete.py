"""Shell completion of the journal's own names: item slugs, entry ids, settings, prompts.

Completion runs on every Tab, and every command module names these callbacks, so this module
loads next to nothing: what each one needs is imported when it runs (store/completion.py reads
the journal read-only, and never unlocks it). What the journal holds is shown as one clean
line: a shell prints it as it is, and zsh reads each description as one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from reconcile_cli import store
from reconcile_cli.core.text import one_line
from reconcile_cli.journal.paths import journal_path

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem


def _journal(ctx: click.Context) -> Path:
    return journal_path(ctx.find_root().params.get("db_path"))[0]


def item_slugs(ctx: click.Context, _param: click.Parameter, incomplete: str
               ) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    return [CompletionItem(one_line(slug), help=one_line(label))
            for slug, label in store.item_labels(_journal(ctx)) if slug.startswith(incomplete)]


def answers(ctx: click.Context, _param: click.Parameter, incomplete: str
            ) -> list[CompletionItem]:
    """`check no-b<Tab>` → no-begging=, then no-begging=<Tab> → kept, missed, skipped, clear."""
    from click.shell_completion import CompletionItem

    slug, sep, word = incomplete.partition("=")
    if sep:
        return [CompletionItem(f"{slug}={status}") for status in
                ("kept", "missed", "skipped", "clear") if status.startswith(word)]
    return [CompletionItem(f"{one_line(found)}=") for found in store.active_slugs(_journal(ctx))
            if found.startswith(incomplete)]


def entry_ids(ctx: click.Context, _param: click.Parameter, incomplete: str
              ) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    rows = store.recent_entries(_journal(ctx), trashed=ctx.command.name == "restore")
    return [CompletionItem(one_line(short), help=one_line(f"{day} {first}"))
            for short, day, first in rows if short.startswith(incomplete.lower())]


def config_keys(_ctx: click.Context, _param: click.Parameter, incomplete: str
                ) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    from reconcile_cli.core.settings import SETTINGS

    return [CompletionItem(key, help=setting.help) for key, setting in SETTINGS.items()
            if key.startswith(incomplete)]


def prompt_slugs(_ctx: click.Context, _param: click.Parameter, incomplete: str
                 ) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    from reconcile_cli.core.prompts import CATALOGUE

    return [CompletionItem(prompt.slug, help=prompt.text[:60]) for prompt in CATALOGUE
            if prompt.slug.startswith(incomplete)]


def tags(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    from reconcile_cli.store.tags import tags_in

    found: set[str] = set()
    for body in store.tagged_bodies(_journal(ctx)):
        found |= tags_in(body)
    wanted = incomplete.lstrip("@").casefold()
    return [CompletionItem(one_line(tag)) for tag in sorted(found) if tag.startswith(wanted)]
