"""Several journals, each on its own computer with its own clock, driven through the command line
as a person would, and exchanging what they hold: for the convergence property and the sync
tests.

Each replica's clock runs on its own: ``tick`` moves it on a few minutes per command, and a
replica may start hours or a day away from the others (a computer whose clock is wrong).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from reconcile_cli.cli import cli

TODAY = dt.date(2026, 11, 22)
START = dt.datetime(2026, 11, 22, 20, 0, tzinfo=dt.timezone.utc)


class Replica:
    def __init__(self, folder: Path, name: str, skew: dt.timedelta = dt.timedelta()):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.name = name
        self.db = folder / "journal.db"
        self.clock = START + skew
        self.removed: set[str] = set()  # texts this replica's person removed on purpose
        self.editor = folder / "editor.py"
        self.editor.write_text("import os, sys\n"
                               "open(sys.argv[-1], 'w', encoding='utf-8')"
                               ".write(os.environ['NEW_TEXT'])\n")

    def env(self, **more: str) -> dict[str, str]:
        moment = self.clock
        return {"RECONCILE_DB": str(self.db), "RECONCILE_NOW": moment.isoformat(),
                "RECONCILE_TODAY": TODAY.isoformat(), "COLUMNS": "100",
                "EDITOR": f"{sys.executable} {self.editor}", "XDG_STATE_HOME":
                str(self.folder / "state"), "XDG_DATA_HOME": str(self.folder / "data"), **more}

    def run(self, *args: str, input: str | None = None, **env: str) -> Result:
        self.clock += dt.timedelta(minutes=3)
        result = CliRunner().invoke(cli, list(args), input=input, env=self.env(**env))
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        if not self.db.exists():
            return []
        conn = sqlite3.connect(self.db)
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError:
            return []
        finally:
            conn.close()

    def texts(self) -> set[str]:
        """Every text the person typed that this journal holds: entries (the trash too),
        letters, versions of the vision, notes on checklist answers, goals and their steps,
        the reasons for pauses, how to reach people on the support list, and questions of
        one's own."""
        return {text for (text,) in self.rows(
            "SELECT body FROM entries UNION ALL SELECT body FROM letters "
            "UNION ALL SELECT text FROM vision UNION ALL SELECT note FROM marks "
            "UNION ALL SELECT text FROM goals UNION ALL SELECT text FROM steps "
            "UNION ALL SELECT reason FROM pauses UNION ALL SELECT contact FROM support "
            "UNION ALL SELECT text FROM own_prompts")
            if text}

    def removing(self, action: Callable[[], Result]) -> Result:
        """Run ``action``, noting each text it took away as removed on purpose."""
        before = self.texts()
        result = action()
        self.removed |= before - self.texts()
        return result

    def export(self) -> str:
        """The whole journal as jsonl, without its first line (when it was exported)."""
        out = self.run("export", "-o", "-")
        assert out.exit_code == 0, out.output
        return out.stdout.split("\n", 1)[1]

    def take_in(self, other: Replica) -> None:
        """Import what ``other`` holds (an exchange one way)."""
        if not other.db.exists():
            return
        path = other.folder / "out.jsonl"
        path.write_text(other.run("export", "-o", "-").stdout)
        result = self.run("import", str(path))
        assert result.exit_code == 0, result.output


def first_texts(journal: Replica) -> dict[str, Any]:
    return json.loads(journal.run("export", "-o", "-").stdout.splitlines()[0])
