"""Rich renderables built from models, one module per view. Never prints, never queries.

Stored text always goes through ``Text(printable(...))``: no markup is interpreted and no terminal
escape sequence reaches the screen.

The package's face: callers write ``views.week_view(...)``; each view lives in the module named
after the command that shows it.
"""

from reconcile_cli.views.browse import entry_view, log_view, search_view
from reconcile_cli.views.comfort import comfort_view
from reconcile_cli.views.common import safe
from reconcile_cli.views.day import day_view, recap
from reconcile_cli.views.drawer import drawer_view, letter_view, letters_found
from reconcile_cli.views.goals import goals_view
from reconcile_cli.views.insights import insights_view
from reconcile_cli.views.items import items_table
from reconcile_cli.views.lookback import lookback_view
from reconcile_cli.views.month import month_view
from reconcile_cli.views.prompts import prompt_list, prompt_view
from reconcile_cli.views.slips import slips_view
from reconcile_cli.views.streaks import streaks_view
from reconcile_cli.views.trash import trash_view
from reconcile_cli.views.vision import (
    diff_view,
    history_view,
    nothing_found,
    versions_found,
    vision_view,
)
from reconcile_cli.views.week import week_view
from reconcile_cli.views.year import year_view

__all__ = [
    "comfort_view", "day_view", "diff_view", "drawer_view", "entry_view", "goals_view",
    "history_view", "insights_view", "items_table", "letter_view", "letters_found", "log_view",
    "lookback_view", "month_view", "nothing_found", "prompt_list", "prompt_view", "recap", "safe",
    "search_view", "slips_view", "streaks_view", "trash_view", "versions_found", "vision_view",
    "week_view", "year_view",
]
