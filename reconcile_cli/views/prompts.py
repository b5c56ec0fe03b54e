"""The day's reflection prompt, and the catalogue."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from reconcile_cli.core.dates import long_date
from reconcile_cli.core.models import Prompt
from reconcile_cli.core.text import printable
from reconcile_cli.views.common import framed


def prompt_view(prompt: Prompt, day: str, answered_by: str | None = None,
                is_today: bool = True) -> RenderableType:
    """The day's question; once it is answered, that it was, and where the answer is."""
    if answered_by is None:
        footer = Text(f"To answer: reconcile write --prompt {prompt.slug}", style="dim")
    else:
        short = answered_by.replace("-", "")[:8]
        when = "today" if is_today else "that day"
        footer = Text(f"You answered it {when} (entry {short}; reconcile show {short} rereads "
                      "it).", style="dim")
    body = Group(Text(printable(prompt.text)), Text(""), footer)
    return framed(body, f"Reflection for {long_date(day)}")


def prompt_list(prompts: tuple[Prompt, ...]) -> RenderableType:
    """Every question, the user's own last, marked "yours"."""
    table = Table(box=None, padding=(0, 1), header_style="bold")
    table.add_column("prompt")
    table.add_column("theme", style="dim")
    table.add_column("question", ratio=1)
    for prompt in prompts:
        table.add_row(prompt.slug, prompt.theme, printable(prompt.text))
    return table
