"""`comfort`: one calm page for a hard night, made of the user's own good things."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from reconcile_cli.core.dates import long_date
from reconcile_cli.core.text import printable
from reconcile_cli.core.words import count
from reconcile_cli.views.common import Hanging


def comfort_view(page: dict[str, Any]) -> RenderableType:
    parts: list[RenderableType] = [
        Text("For tonight", style="bold"),
        Text("A few things from your own pages. Read slowly; there is no hurry.", style="dim"),
    ]
    if page["support"]:
        parts += [Text(""), Text("People you could call", style="bold"),
                  Hanging([(2, printable(p["name"]) + (f"  {printable(p['contact'])}"
                                                       if p["contact"] else ""), "")
                           for p in page["support"]])]
    if page["gratitude"]:
        parts += [Text(""), Text("Things you were grateful for", style="bold"),
                  Hanging([(2, f"{printable(g['line'])}  ({long_date(g['day'])})", "")
                           for g in page["gratitude"]])]
    if page["starred"]:
        parts += [Text(""), Text("Lines you starred", style="bold"),
                  Hanging([(2, printable(s["body"].strip()), "") for s in page["starred"]])]
    if page["who_i_want_to_be"]:
        who = page["who_i_want_to_be"]
        parts += [Text(""), Text("Who you want to be, whatever happens", style="bold"),
                  Hanging([(2, printable(who["body"].strip()), "italic")])]
    if page["vision"]:
        vision = page["vision"]
        opening = [(2, printable(line), "italic") for line in vision["first_lines"]]
        if vision["lines_left"]:
            opening.append((2, f"… and {count(vision['lines_left'], 'line')} more: `reconcile "
                             "vision` shows it all.", "dim"))
        parts += [Text(""), Text("The life you hope for, in your words", style="bold"),
                  Hanging(opening)]
    if page["restraint_days_kept"] or page["milestones"]:
        parts += [Text(""), Text("What you have already done", style="bold")]
        lines: list[tuple[int, str, str]] = []
        if page["restraint_days_kept"]:
            lines.append((2, f"{count(page['restraint_days_kept'], 'day')} you held back from "
                             "everything you set out to hold back from.", ""))
        lines += [(2, f"{printable(m['text'])}  ({long_date(m['day'])})", "")
                  for m in page["milestones"][-5:]]
        parts.append(Hanging(lines))
    if len(parts) == 2:
        parts += [Text(""), Text("Your pages are still few. Tonight, one kind thing for yourself "
                                 "is enough: water, rest, a friend's voice.")]
    parts += [Text(""), Text("This feeling is real, and it will not stay this strong forever.",
                             style="italic")]
    return Group(*parts)
