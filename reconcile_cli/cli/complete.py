"""Shell completion of the journal's own names: item slugs, entry ids, settings, prompts.

Completion runs on every Tab, so it reads the journal directly (read-only, never creating or
unlocking it) and gives up quietly on anything unexpected: an encrypted journal, say, completes
nothing rather than asking for a passphrase.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from reconcile_cli.core.prompts import CATALOGUE
from reconcile_cli.core.settings import SETTINGS
from reconcile_cli.journal import paths

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem


def _rows(ctx: click.Context, sql: str) -> list[tuple[Any, ...]]:
    import sqlite3
    from urllib.parse import quote

    try:
        path, _ = paths.journal_path(ctx.find_root().params.get("db_path"))
        conn = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=ro", uri=True,
                               timeout=0.2)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):
        return []  # no journal yet, an encrypted one, a busy one: nothing to offer


def item_slugs(ctx: click.Context, _param: click.Parameter, incomplete: str
               ) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    rows = _rows(ctx, "SELECT slug, label FROM items ORDER BY position")
    return [CompletionItem(slug, help=label) for slug, label in rows
            if slug.startswith(incomplete)]


def answers(ctx: click.Context, _param: click.Parameter, incomplete: str
            ) -> list[CompletionItem]:
    """`check no-b<Tab>` → no-begging=, then no-begging=<Tab> → kept, missed, skipped, clear."""
    from click.shell_completion import CompletionItem

    slug, sep, word = incomplete.partition("=")
    if sep:
        return [CompletionItem(f"{slug}={status}") for status in
                ("kept", "missed", "skipped", "clear") if status.startswith(word)]
    rows = _rows(ctx, "SELECT slug FROM items WHERE retired_at IS NULL ORDER BY position")
    return [CompletionItem(f"{found}=") for (found,) in rows if found.startswith(incomplete)]


def entry_ids(ctx: click.Context, _param: click.Parameter, incomplete: str
              ) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    trashed = ctx.command.name == "restore"
    rows = _rows(ctx, "SELECT substr(id, 1, 8), day, substr(trim(body), 1, 40) FROM entries "
                      f"WHERE deleted_at IS {'NOT ' if trashed else ''}NULL "
                      "ORDER BY day DESC, created_at DESC LIMIT 200")
    return [CompletionItem(short, help=f"{day} {first}") for short, day, first in rows
            if short.startswith(incomplete.lower())]


def config_keys(_ctx: click.Context, _param: click.Parameter, incomplete: str
                ) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    return [CompletionItem(key, help=setting.help) for key, setting in SETTINGS.items()
            if key.startswith(incomplete)]


def prompt_slugs(_ctx: click.Context, _param: click.Parameter, incomplete: str
                 ) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    return [CompletionItem(prompt.slug, help=prompt.text[:60]) for prompt in CATALOGUE
            if prompt.slug.startswith(incomplete)]


def tags(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    from reconcile_cli.store.tags import tags_in

    found: set[str] = set()
    for (body,) in _rows(ctx, "SELECT body FROM entries WHERE deleted_at IS NULL AND "
                              "instr(body, '@') > 0 LIMIT 5000"):
        found |= tags_in(body)
    wanted = incomplete.lstrip("@").casefold()
    return [CompletionItem(tag) for tag in sorted(found) if tag.startswith(wanted)]
