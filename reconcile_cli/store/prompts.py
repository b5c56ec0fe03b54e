"""Which reflection prompt was offered on which day."""

from __future__ import annotations

from sqlite_utils import Database


def offered_prompt(db: Database, day: str) -> str | None:
    row = db.execute("SELECT prompt FROM prompt_offers WHERE day = ?", [day]).fetchone()
    return row[0] if row else None


def prompt_offer_counts(db: Database) -> dict[str, int]:
    return dict(db.execute("SELECT prompt, count(*) FROM prompt_offers GROUP BY prompt").fetchall())


def record_prompt_offer(db: Database, day: str, prompt: str, now: str) -> None:
    db.table("prompt_offers").insert({"day": day, "prompt": prompt, "offered_at": now}, ignore=True)
