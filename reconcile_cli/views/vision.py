"""`vision`: the current version, the list of versions, and what changed between two."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from reconcile_cli.core.dates import long_date
from reconcile_cli.core.models import VisionVersion
from reconcile_cli.core.text import printable
from reconcile_cli.core.words import count
from reconcile_cli.views import display as mode


def vision_view(current: VisionVersion | None) -> RenderableType:
    if current is None:
        return Text("You have not written your vision yet: the life you hope for, day to day. "
                    "`reconcile vision -e` opens your editor with a few questions to start from.",
                    style="dim")
    head = Text("Your vision", style="bold")
    head.append(f"  version {current.version}, {long_date(current.saved_at[:10])}", style="dim")
    return Group(head, Text(""), Padding(Text(printable(current.text)), (0, 0, 0, 2)))


def history_view(saved: list[VisionVersion]) -> RenderableType:
    if not saved:
        return vision_view(None)
    table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    for heading in ("version", "saved", "words"):
        table.add_column(heading, justify="right" if heading != "saved" else "left")
    for version in reversed(saved):
        table.add_row(str(version.version), long_date(version.saved_at[:10]),
                      count(version.words, "word"))
    return table


def diff_view(old: VisionVersion, new: VisionVersion, parts: list[tuple[str, str]]
              ) -> RenderableType:
    """Removed words [-like this-] and added ones {+like this+}: readable in any mode, with
    strike-through and bold where styles are drawn (never colour alone)."""
    head = Text(f"From version {old.version} ({long_date(old.saved_at[:10])}) to version "
                f"{new.version} ({long_date(new.saved_at[:10])})", style="bold")
    body = Text()
    for op, words in parts:
        if body:
            body.append(" ")
        if op == "same":
            body.append(printable(words))
        elif op == "removed":
            body.append(f"[-{printable(words)}-]", style="" if mode.plain() else "strike dim")
        else:
            body.append(f"{{+{printable(words)}+}}", style="" if mode.plain() else "bold")
    note = Text("[-removed-]  {+added+}", style="dim")
    return Group(head, Text(""), Padding(body, (0, 0, 0, 2)), Text(""), note)


def versions_found(found: list[VisionVersion]) -> RenderableType:
    parts: list[RenderableType] = []
    for version in found:
        head = Text(f"Version {version.version}", style="bold")
        head.append(f"  {long_date(version.saved_at[:10])}", style="dim")
        parts += [head, Padding(Text(printable(version.text)), (0, 0, 1, 2))]
    return Group(*parts)


def nothing_found(query: str) -> RenderableType:
    return Text(f"No version of your vision holds \u201c{printable(query)}\u201d.", style="dim")
