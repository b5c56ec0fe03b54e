"""`sync --status`: the folder, this computer, the others, and what waits or was skipped."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from reconcile_cli.core.text import printable
from reconcile_cli.core.words import count
from reconcile_cli.views.common import labelled


def sync_view(status: dict[str, Any]) -> RenderableType:
    folder = printable(status["folder"]) + ("" if status["folder_found"]
                                            else "  (not there now: changes wait)")
    rows: list[tuple[str, str]] = [("Folder", folder),
                                   ("This computer", printable(status["device"]))]
    for other in status["devices"]:
        when = (other["last_change"] or "")[:16].replace("T", " ")
        rows.append(("Other computer", f"{printable(other['name'])}: last wrote {when} (UTC), "
                                       f"{count(other['changes'], 'change')} taken in"))
    if not status["devices"]:
        rows.append(("Other computers", "none yet"))
    rows.append(("Waiting", count(status["pending"], "change") + " to be written"
                 if status["pending"] else "nothing: every change here is in the folder"))
    if status["conflicts"]:
        shown = ", ".join(entry_id[:8] for entry_id in status["conflicts"][:10])
        rows.append(("Conflicting copies", f"{len(status['conflicts'])} ({shown}): words "
                                           "changed on two computers at once, both kept; "
                                           "`reconcile show ID` reads one"))
    parts: list[RenderableType] = [labelled(*rows)]
    if status["skipped"]:
        parts.append(Text(f"\n{count(len(status['skipped']), 'file')} in the folder skipped:"))
        parts += [Text(f"  {printable(s['file'])}: {printable(s['reason'])}")
                  for s in status["skipped"]]
    return Group(*parts)
