"""Which reflection prompt was offered on which day."""

from __future__ import annotations

from reconcile_cli.core import prompts
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
    """The prompt already offered for ``day``, or the next one in the rotation (recorded)."""
    offered = offered_prompt(db, day)
    if offered in prompts.BY_SLUG:
        return prompts.BY_SLUG[offered]
    chosen = prompts.next_prompt(prompt_offer_counts(db))
    record_prompt_offer(db, day, chosen.slug, now)
    return chosen
