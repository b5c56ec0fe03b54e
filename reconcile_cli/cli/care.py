"""The care paths after something is saved: the gentle net after a mood of 1 or words of
wanting to die, and the quiet offer of `comfort` after a low mood. Neither may ever be in the
way of what was saved: any trouble here is passed over in silence.
"""

from __future__ import annotations

from reconcile_cli import store
from reconcile_cli.cli.context import App
from reconcile_cli.core import gentle


def offer_comfort(app: App, day: str) -> None:
    """One quiet line, once a day, after a low mood."""
    try:
        with app.writing() as db:
            if not store.notice_shown(db, app.today.isoformat(), "comfort"):
                return
        app.out.note("If tonight is hard, `reconcile comfort` gathers a few good things from "
                     "your own pages.")
    except Exception:  # noqa: BLE001  (never in the way of what was saved)
        return


def gentle_net(app: App, day: str, mood: int | None, body: str) -> None:
    """After a mood of 1, or words of wanting to die: a warm message with the user's own
    support list and a crisis line, once a day. Never in the way of what was saved."""
    try:
        if mood != 1 and not (body and gentle.concerning(body)):
            return
        if app.setting("gentle_net") == "off":
            return
        with app.writing() as db:  # once a day: the day it is now, not the entry's
            if not store.notice_shown(db, app.today.isoformat(), "gentle-net"):
                return
            people = store.support_people(db)
        app.out.note(gentle.message(people, gentle.crisis_line(app.setting("crisis_line"))))
    except Exception:  # noqa: BLE001  (the entry is saved; this must never undo that)
        return
