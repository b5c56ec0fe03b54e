"""The care paths after something is saved: the gentle net after a mood of 1 or words of
wanting to die, and the quiet offer of `comfort` after a low mood. Neither may ever be in the
way of what was saved: any trouble here is passed over in silence.
"""

from __future__ import annotations

from reconcile_cli import store
from reconcile_cli.cli.context import App
from reconcile_cli.core import gentle
from reconcile_cli.core.dates import long_date


def offer_comfort(app: App, day: str) -> None:
    """One quiet line after a low mood. Tonight's (a mood for the journal day it is now) is
    offered once a day; a low mood given for an earlier day has its own line, also once a day,
    without "tonight" in it, and never uses up tonight's."""
    try:
        tonight = day == app.today.isoformat()
        with app.writing() as db:
            if not store.notice_shown(db, app.today.isoformat(),
                                      "comfort" if tonight else "comfort-looking-back"):
                return
        if tonight:
            app.out.note("If tonight is hard, `reconcile comfort` gathers a few good things "
                         "from your own pages.")
        else:
            app.out.note(f"Looking back on {long_date(day)} can be hard too; `reconcile "
                         "comfort` gathers a few good things from your own pages.")
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
        # once a day: the day it is now, not the entry's. A mood of 1 given for an earlier day
        # (filled in afterwards) has its own once a day, so it never uses up tonight's.
        looking_back = mood == 1 and day != app.today.isoformat() and not (
            body and gentle.concerning(body))
        with app.writing() as db:
            if not store.notice_shown(db, app.today.isoformat(),
                                      "gentle-net-looking-back" if looking_back
                                      else "gentle-net"):
                return
            people = store.support_people(db)
        app.out.note(gentle.message(people, gentle.crisis_line(app.setting("crisis_line"))))
    except Exception:  # noqa: BLE001  (the entry is saved; this must never undo that)
        return
