"""How the wings load: on first use (PEP 562), so a command imports only what it uses.

This is the one lazy-loading pattern of the project. Import a *wing*, not its modules, at the
top of a file::

    from reconcile_cli import journal, progress, store, views

    store.add_entry(db, ...)         # store, views and progress hand out their names
    journal.backups.automatic(...)   # journal and formats hand out their modules

Nothing is imported until the line that uses it runs: `--help` never pays for Rich, and `week`
never pays for the importers. Each wing's ``__init__`` lists, under ``TYPE_CHECKING``, what it
hands out (for mypy and the reader) and, where it hands out names, ``HOMES``: the module each
name lives in (tests/test_startup.py keeps the two in step). Modules inside one wing import
each other directly.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def loader(package: str, homes: dict[str, str] | None = None) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``homes`` maps each public name to the
    submodule that defines it under that name; any other name is one of its submodules."""
    namespace = importlib.import_module(package).__dict__

    def __getattr__(name: str) -> Any:
        home = (homes or {}).get(name)
        if home is not None:
            value = getattr(importlib.import_module(f"{package}.{home}"), name)
        elif name.startswith("__"):
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        else:
            try:
                value = importlib.import_module(f"{package}.{name}")
            except ModuleNotFoundError as exc:
                if exc.name != f"{package}.{name}":
                    raise
                raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        namespace[name] = value  # found once; later lookups skip this function
        return value

    return __getattr__
