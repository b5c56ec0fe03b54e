"""Which reflection prompt was offered on which day."""

from __future__ import annotations

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
