"""Everything a command shows: the console, paged output, JSON, notices on stderr, and the
wrapping every sentence goes through so it never breaks mid-word.

Rich is imported only when something is drawn; stored text never reaches the terminal with its
control characters (see core.text.printable).
"""

from __future__ import annotations

import contextlib
import itertools
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import click

from reconcile_cli import journal, views
from reconcile_cli.core.text import escape_controls_in_json, printable

if TYPE_CHECKING:
    from rich.console import Console

    from reconcile_cli.journal.files import Destination

WIDEST = 100  # sentences are wrapped to the terminal, but never wider than this


def echo(message: object = "", *, err: bool = False, nl: bool = True) -> None:
    """click.echo for any text that may hold stored or typed words: the control characters that
    could drive a terminal (all but tab and newline) are removed on the way."""
    click.echo(printable(str(message)), err=err, nl=nl)


def on_terminal(err: bool = False) -> bool:
    """Whether standard output (or error) is a terminal. Sentences are wrapped to its width
    there; piped to a file or a program, each keeps to one line."""
    stream = sys.stderr if err else sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def width(room: int = 1) -> int:
    """The columns a sentence may take on this terminal, leaving ``room`` at the end."""
    import shutil  # shutil and textwrap load only when a sentence is wrapped

    return min(shutil.get_terminal_size().columns, WIDEST) - room


def fill(text: str, columns: int, indent: str = "", subsequent: str | None = None) -> str:
    """``text`` wrapped between words (a long word, such as a path, stays whole)."""
    import textwrap

    return textwrap.fill(text, columns, initial_indent=indent,
                         subsequent_indent=indent if subsequent is None else subsequent,
                         break_on_hyphens=False, break_long_words=False)


def wrapped(text: str, *, err: bool = False, indent: str = "", hang: str | None = None,
            room: int = 1) -> str:
    """A message as it is shown: the one wrapping every sentence goes through. On a terminal,
    each line is wrapped between words to its width, never mid-word; a line that starts with
    spaces, or a "- " list line, goes on a little further in (or ``hang`` further in, where
    given: under a column of values). Elsewhere, as it is."""
    if not on_terminal(err):
        return "\n".join(indent + line if line else line for line in text.split("\n"))
    columns = width(room)
    lines = []
    for line in text.split("\n"):
        if not line.strip():
            lines.append(line)
            continue
        own = line[:len(line) - len(line.lstrip(" "))]
        hanging = hang if hang is not None else "  " if own or line.startswith("- ") else ""
        lines.append(fill(line.lstrip(" "), columns, indent + own, indent + own + hanging))
    return "\n".join(lines)


def say(text: str, indent: str = "", *, err: bool = False, hang: str | None = None) -> None:
    """Echo a message (one or a few calm sentences), wrapped to the terminal between words."""
    echo(wrapped(text, err=err, indent=indent, hang=hang), err=err)


def fitted(question: str, indent: str = "", *, err: bool = False) -> str:
    """A question for click.prompt, wrapped to the terminal between words with room left for
    the answer (``indent`` goes before its second and later lines)."""
    if not on_terminal(err):
        return question
    lead = "\n" if question.startswith("\n") else ""
    return lead + fill(question.lstrip("\n"), width(10), subsequent=indent)


class Output:
    """Where a command's output goes: one console per command, made when first used."""

    def __init__(self) -> None:
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        if self._console is None:
            self._console = make_console()
        return self._console

    def print(self, renderable: Any) -> None:
        self.console.print(views.safe(renderable))

    def paged(self, renderable: Any) -> None:
        """Print, through the user's pager when on a terminal and longer than the screen."""
        self.paged_parts([renderable])

    def paged_parts(self, parts: Iterable[Any]) -> None:
        """Print renderables as they come; on a terminal, through the user's pager once they
        fill more than the screen. The first screen shows as soon as its parts are made."""
        console = self.console
        if not console.is_terminal:
            for part in parts:
                console.print(views.safe(part))
            return

        def rendered(more: Iterable[Any]) -> Iterator[str]:
            for part in more:
                with console.capture() as captured:
                    console.print(views.safe(part))
                yield captured.get()

        remaining = iter(parts)
        screen: list[str] = []
        lines = 0
        for text in rendered(remaining):
            screen.append(text)
            lines += text.count("\n")
            if lines >= console.height:
                break
        else:
            console.file.write("".join(screen))
            return
        chosen = views.pager.command()
        if chosen is None:
            console.file.write("".join(screen))
            for text in rendered(remaining):
                console.file.write(text)
            return
        views.pager.page(itertools.chain(screen, rendered(remaining)), chosen)

    def note(self, message: str) -> None:
        """A notice on stderr, apart from the command's output, wrapped as every message is."""
        say(message, err=True)

    def note_once(self, name: str, message: str) -> None:
        """A note shown the first time only (remembered in the user's state folder)."""
        from platformdirs import user_state_dir

        marker = Path(user_state_dir("reconcile", appauthor=False)) / "told" / name
        if marker.exists():
            return
        self.note(message)
        with contextlib.suppress(OSError):
            journal.paths.make_private_dir(marker.parent)
            marker.touch(mode=0o600)

    def json(self, data: Any) -> None:
        import json

        click.echo(escape_controls_in_json(json.dumps(data, ensure_ascii=False, indent=2)))

    def json_array(self, elements: Iterable[Any]) -> None:
        """A JSON array written one element at a time, byte for byte what ``json`` of the whole
        list would print, without holding the list."""
        import json

        opened = False
        for element in elements:
            text = escape_controls_in_json(json.dumps(element, ensure_ascii=False, indent=2))
            click.echo((",\n  " if opened else "[\n  ") + text.replace("\n", "\n  "), nl=False)
            opened = True
        click.echo("\n]" if opened else "[]")


class Writer(Protocol):
    """What written_out needs of a command's context (cli.context.App)."""

    path: Path
    out: Output

    @property
    def encrypted(self) -> bool: ...


@contextlib.contextmanager
def written_out(app: Writer, target: str | None, force: bool, done: str = "Written to"
                ) -> Iterator[Destination]:
    """Where an export or report goes (see journal.files.destination), never the journal's own
    files. Text shown on a terminal has its control characters removed on the way."""
    files = journal.files
    protected = files.Protected(app.path, journal.paths.drafts_dir(app.path))
    with files.destination(target, force=force, protected=protected) as out:
        if app.encrypted:
            app.out.note("Note: your journal is encrypted, but this is written as plain "
                         "text; keep it somewhere private, or remove it when done.")
        yield out
    if out.path is not None:
        app.out.note(f"{done} {target}.")


def make_console() -> Console:
    from rich.console import Console

    from reconcile_cli.views import display as mode

    # Markup off: stored text like "[bold]" must print literally. Styles come from Text objects.
    # NO_COLOR and plain mode: no colour and no other styles either (no colour system at all).
    bare = mode.no_color() or mode.plain()
    return Console(markup=False, highlight=False, emoji=False,
                   color_system=None if bare else "auto")
