"""Packages whose names load on first use (PEP 562), so a command imports only what it uses.

``store`` and ``views`` are read as ``store.add_entry(...)``, ``views.week_view(...)``; importing
every module of both costs each command tens of milliseconds it mostly does not need.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def loader(package: str, homes: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``homes`` maps each public name to the
    submodule that defines it under that name."""
    namespace = importlib.import_module(package).__dict__

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home}"), name)
        namespace[name] = value  # found once; later lookups skip this function
        return value

    return __getattr__
