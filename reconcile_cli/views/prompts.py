"""The day's reflection prompt, and the catalogue."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from reconcile_cli.core.dates import long_date
from reconcile_cli.core.models import Prompt
from reconcile_cli.views.common import framed


def prompt_view(prompt: Prompt, day: str) -> RenderableType:
    body = Group(
        Text(prompt.text),
        Text(""),
        Text(f"To answer: reconcile write --prompt {prompt.slug}", style="dim"),
    )
    return framed(body, f"Reflection for {long_date(day)}")


def prompt_list(prompts: tuple[Prompt, ...]) -> RenderableType:
    table = Table(box=None, padding=(0, 1), header_style="bold")
    table.add_column("prompt")
    table.add_column("theme", style="dim")
    table.add_column("question", ratio=1)
    for prompt in prompts:
        table.add_row(prompt.slug, prompt.theme, prompt.text)
    return table
