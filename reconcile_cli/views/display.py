"""How output is drawn in this process: with symbols and shading, or plain.

Plain mode (`reconcile --plain`, or a terminal that says TERM=dumb) is for screen readers and
for copying into an email: no box drawing, no sparkline or block glyphs, words instead of
symbols. It is set once, by the command line, before anything is drawn.
"""

from __future__ import annotations

import os

_plain = False


def set_plain(plain: bool) -> None:
    global _plain
    _plain = plain


def plain() -> bool:
    return _plain


def wanted_plain(flag: bool) -> bool:
    """Plain when asked for, or when the terminal cannot draw more."""
    return flag or os.environ.get("TERM") == "dumb"


def no_color() -> bool:
    """NO_COLOR (https://no-color.org): set and not empty means no colour and no styles."""
    return bool(os.environ.get("NO_COLOR"))
