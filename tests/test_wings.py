"""The house in wings: imports run one way, and no modules import each other in a circle.

cli -> views, store, formats -> journal, progress -> core. A wing may use the wings below it
and its own modules, never a wing beside it or above it. The console script (launch.py) stands
above them all. Read from the source with ast, so the shape holds without anyone watching.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "reconcile_cli"

# Each wing, and the wings it may import (besides itself).
MAY_IMPORT = {
    "cli": {"views", "store", "formats", "journal", "progress", "core"},
    "views": {"progress", "core"},
    "store": {"journal", "progress", "core"},
    "formats": {"journal", "progress", "core"},
    "journal": {"core"},
    "progress": {"core"},
    "core": set(),
}
ENTRY = {"launch", "__main__", "__init__"}  # the console script, python -m, the version
MOST_LOOSE = 5
MOST_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The project's modules ``path`` imports, anywhere in it (in a function too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:  # "from package import module" imports that module
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in known else node.module)
    return {name for name in found if name in known}


def wing_of(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(path, known) - {name} for name, path in known.items()}


def test_imports_run_one_way():
    wrong = []
    for importer, imported in graph().items():
        wing = wing_of(importer)
        if wing in ENTRY or wing == "":
            continue
        for target in imported:
            other = wing_of(target)
            if other not in ("", wing) and other not in MAY_IMPORT[wing]:  # "": the version
                wrong.append(f"{importer} -> {target}")
    assert wrong == []


def test_no_modules_import_each_other_in_a_circle():
    edges = graph()
    circles = []
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done

    def walk(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(edges[name]):
            if state.get(target) == 1:
                circles.append(" -> ".join(path[path.index(target):] + [name, target]))
            elif target not in state:
                walk(target, [*path, name] if target not in path else path)
        state[name] = 2

    for name in sorted(edges):
        if name not in state:
            walk(name, [])
    assert circles == []


def test_few_loose_modules_and_none_too_long():
    loose = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(loose) <= MOST_LOOSE, loose
    assert {path.stem for path in PACKAGE.glob("*.py")} <= ENTRY
    long = {name: lines for name, path in modules().items()
            if (lines := len(path.read_text().splitlines())) > MOST_LINES}
    assert long == {}


def test_each_wing_says_what_lives_there_and_what_it_may_import():
    for wing in MAY_IMPORT:
        opening = ast.get_docstring(ast.parse((PACKAGE / wing / "__init__.py").read_text()))
        assert opening and len(opening.split(".")[0]) > 20, wing
