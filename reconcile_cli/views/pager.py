"""Showing long output through the user's pager, fed as it is made.

``pydoc.pager`` wants the whole text first; a journal of many years would then be rendered whole
before its first line appeared. This feeds the pager piece by piece instead, choosing the pager as
pydoc does ($MANPAGER, $PAGER, else less or more).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterable


def command() -> str | None:
    """The pager to run, or None to write straight to the terminal."""
    chosen = os.environ.get("MANPAGER") or os.environ.get("PAGER")
    if chosen:
        return chosen
    if os.environ.get("TERM") in ("dumb", "emacs"):
        return None
    for fallback in ("less", "more"):
        if shutil.which(fallback):
            return fallback
    return None


def page(chunks: Iterable[str], pager: str) -> None:
    """Feed ``chunks`` to ``pager`` as they come; stop quietly when the reader quits it."""
    os.environ.setdefault("LESS", "-R")  # let less show the colours
    process = subprocess.Popen(pager, shell=True, stdin=subprocess.PIPE, text=True,
                               encoding="utf-8", errors="backslashreplace")
    assert process.stdin is not None
    try:
        for chunk in chunks:
            process.stdin.write(chunk)
    except KeyboardInterrupt:
        pass  # what is left is abandoned; the pager still has the terminal
    except OSError:
        pass  # the pager was quit before the end: nothing more to show
    finally:
        # Whatever happened while the output was being made (a damaged page, say), the pager
        # is let finish first: an error written over it, or a shell prompt under it, would
        # leave the terminal to two programs at once.
        with contextlib.suppress(OSError):
            process.stdin.close()
        while True:
            try:
                process.wait()
                break
            except KeyboardInterrupt:
                pass  # as the pager itself does; leaving it would leave the terminal raw
