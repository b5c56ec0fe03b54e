"""views: everything drawn, as Rich renderables built from models, one module per view (with the
output mode and the pager); it may import progress and core. Never prints, never queries.

Stored text always goes through ``Text(printable(...))``: no markup is interpreted and no terminal
escape sequence reaches the screen.

The package's face: callers write ``views.week_view(...)``; each view lives in the module named
after the command that shows it.

The names load on first use (see core/lazy.py): a command imports only the modules it reads.
"""

from typing import TYPE_CHECKING

from reconcile_cli.core import lazy

if TYPE_CHECKING:
    from reconcile_cli.views.browse import (
        entry_view as entry_view,
        log_parts as log_parts,
        search_view as search_view,
    )
    from reconcile_cli.views.comfort import comfort_view as comfort_view
    from reconcile_cli.views.common import safe as safe
    from reconcile_cli.views.day import day_view as day_view, recap as recap
    from reconcile_cli.views.drawer import (
        drawer_view as drawer_view,
        letter_view as letter_view,
        letters_found as letters_found,
    )
    from reconcile_cli.views.goals import goals_view as goals_view
    from reconcile_cli.views.insights import insights_view as insights_view
    from reconcile_cli.views.items import items_table as items_table
    from reconcile_cli.views.lookback import lookback_view as lookback_view
    from reconcile_cli.views.month import month_view as month_view
    from reconcile_cli.views.prompts import prompt_list as prompt_list, prompt_view as prompt_view
    from reconcile_cli.views.slips import slips_view as slips_view
    from reconcile_cli.views.streaks import streaks_view as streaks_view
    from reconcile_cli.views.sync import sync_view as sync_view
    from reconcile_cli.views.trash import trash_view as trash_view
    from reconcile_cli.views.vision import (
        diff_view as diff_view,
        history_view as history_view,
        nothing_found as nothing_found,
        versions_found as versions_found,
        vision_view as vision_view,
    )
    from reconcile_cli.views.week import week_view as week_view
    from reconcile_cli.views.year import year_view as year_view

HOMES = {
    "entry_view": "browse", "log_parts": "browse", "search_view": "browse",
    "comfort_view": "comfort",
    "safe": "common",
    "day_view": "day", "recap": "day",
    "drawer_view": "drawer", "letter_view": "drawer", "letters_found": "drawer",
    "goals_view": "goals",
    "insights_view": "insights",
    "items_table": "items",
    "lookback_view": "lookback",
    "month_view": "month",
    "prompt_list": "prompts", "prompt_view": "prompts",
    "slips_view": "slips",
    "streaks_view": "streaks",
    "sync_view": "sync", "trash_view": "trash",
    "diff_view": "vision", "history_view": "vision", "nothing_found": "vision",
    "versions_found": "vision", "vision_view": "vision",
    "week_view": "week",
    "year_view": "year",
}
__getattr__ = lazy.loader(__name__, HOMES)
