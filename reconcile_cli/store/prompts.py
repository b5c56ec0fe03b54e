"""Which reflection prompt was offered on which day."""

from __future__ import annotations

from typing import Any

from reconcile_cli.core import errors, prompts
from reconcile_cli.core.models import Prompt
from reconcile_cli.journal.db import Journal
from reconcile_cli.store import rows


def offered_prompt(db: Journal, day: str) -> str | None:
    row = db.execute("SELECT prompt FROM prompt_offers WHERE day = ?", [day]).fetchone()
    return row[0] if row else None


def prompt_offer_counts(db: Journal) -> dict[str, int]:
    return dict(db.execute("SELECT prompt, count(*) FROM prompt_offers GROUP BY prompt").fetchall())


def record_prompt_offer(db: Journal, day: str, prompt: str, now: str) -> None:
    rows.insert(db, "prompt_offers", {"day": day, "prompt": prompt, "offered_at": now},
                ignore=True)


def prompt_of_the_day(db: Journal, day: str, now: str) -> Prompt:
    """The prompt already offered for ``day``, or the next one in the rotation (recorded): the
    built-in questions and the user's own alike."""
    offered = offered_prompt(db, day)
    every = {prompt.slug: prompt for prompt in own_prompts(db, with_removed=True)}
    if offered in prompts.BY_SLUG or offered in every:
        return prompts.BY_SLUG.get(offered) or every[offered]
    chosen = prompts.next_prompt(prompt_offer_counts(db), own_prompts(db))
    record_prompt_offer(db, day, chosen.slug, now)
    return chosen


def own_prompts(db: Journal, *, with_removed: bool = False) -> list[Prompt]:
    """The user's own questions, oldest first (those removed too, when asked for: their old
    answers still show them)."""
    where = "" if with_removed else "WHERE removed_at IS NULL"
    return [Prompt(slug, prompts.OWN_THEME, text) for slug, text in db.execute(
        f"SELECT slug, text FROM own_prompts {where} ORDER BY created_at, slug")]


def add_prompt(db: Journal, text: str, now: str) -> Prompt:
    """A question of the user's own, in the rotation from now on."""
    taken = [slug for (slug,) in db.execute("SELECT slug FROM own_prompts")]
    slug = prompts.slug_for(text, taken)
    db.execute("INSERT INTO own_prompts (slug, text, created_at) VALUES (?, ?, ?)",
               [slug, text, now])
    return Prompt(slug, prompts.OWN_THEME, text)


def remove_prompt(db: Journal, slug: str, now: str) -> Prompt:
    """Take a question of the user's own out of the rotation (kept, for its old answers)."""
    if slug in prompts.BY_SLUG:
        raise errors.InvalidInput(f"'{slug}' is one of the built-in questions; only your own "
                                  "can be removed.")
    row = db.execute("SELECT text FROM own_prompts WHERE slug = ? AND removed_at IS NULL",
                     [slug]).fetchone()
    if row is None:
        raise errors.InvalidInput(f"There is no question of yours called '{slug}'; `reconcile "
                                  "prompt --list` shows them.")
    db.execute("UPDATE own_prompts SET removed_at = ? WHERE slug = ?", [now, slug])
    return Prompt(slug, prompts.OWN_THEME, row[0])


def answer_on(db: Journal, day: str, slug: str) -> str | None:
    """The id of the entry of ``day`` answering the question ``slug``, if there is one."""
    row = db.execute("SELECT id FROM entries WHERE day = ? AND prompt = ? AND deleted_at IS NULL "
                     "AND trim(body) <> '' ORDER BY seq LIMIT 1", [day, slug]).fetchone()
    return row[0] if row else None


def export_prompts(db: Journal) -> list[tuple[str, dict[str, Any]]]:
    return [("prompt", dict(zip(("slug", "text", "created_at", "removed_at"), row, strict=True)))
            for row in db.execute("SELECT slug, text, created_at, removed_at FROM own_prompts "
                                  "ORDER BY created_at, slug")]
