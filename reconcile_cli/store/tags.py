"""Tags: words like @kids or @lawyer in an entry, as jrnl writes them."""

from __future__ import annotations

import re

from reconcile_cli.core.models import Entry
from reconcile_cli.journal.db import Journal
from reconcile_cli.store.entries import ENTRY_COLUMNS

TAG = re.compile(r"(?<![\w@])@(\w[\w-]*)")


def tags_in(text: str) -> set[str]:
    return {found.casefold().rstrip("-") for found in TAG.findall(text)}


def has_tag(text: str, tag: str) -> bool:
    """Whether ``text`` holds @tag (given with or without its @), in any case."""
    return tag.lstrip("@").casefold() in tags_in(text)


def tag_counts(db: Journal) -> list[dict[str, object]]:
    """Every tag with how many entries hold it and the last day it was used, most used first."""
    counts: dict[str, int] = {}
    last: dict[str, str] = {}
    for day, body in db.execute("SELECT day, body FROM entries WHERE deleted_at IS NULL AND "
                                "instr(body, '@') > 0"):
        for tag in tags_in(body):
            counts[tag] = counts.get(tag, 0) + 1
            last[tag] = max(last.get(tag, day), day)
    return [{"tag": tag, "count": counts[tag], "last": last[tag]}
            for tag in sorted(counts, key=lambda t: (-counts[t], t))]


def entries_tagged(db: Journal, tag: str, limit: int | None = None) -> list[Entry]:
    """Entries holding @tag, newest first."""
    wanted = tag.lstrip("@").casefold()
    # SQLite's lower() folds A-Z only: the tag is matched here, in Python, for every alphabet
    found = [Entry(*row) for row in db.execute(
        f"SELECT {ENTRY_COLUMNS} FROM entries WHERE deleted_at IS NULL AND instr(body, '@') > 0 "
        "ORDER BY day DESC, seq DESC") if wanted in tags_in(row[6])]
    return found[:limit] if limit is not None else found
