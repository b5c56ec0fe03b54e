"""Terminal tests wait for what they need, never for a fixed time.

A test driving a real terminal (pexpect) waits for each prompt it expects; the one timeout,
WAIT, is a cap for a machine under load, never a pause. A fixed sleep in such a test is a race
that fails once in a while and keeps good work from landing, so none may stand on its own
(a poll inside a `while` loop that waits for a condition is fine). Read from the source, as
test_wings.py reads the imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import WAIT

TESTS = Path(__file__).resolve().parent


def calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute) and node.func.attr == name
            and isinstance(node.func.value, ast.Name)]


def test_every_terminal_test_waits_with_the_one_generous_cap():
    wrong = []
    for path in sorted(TESTS.rglob("test_*.py")):
        tree = ast.parse(path.read_text())
        for call in calls(tree, "spawn"):
            if getattr(call.func.value, "id", "") != "pexpect":  # type: ignore[attr-defined]
                continue
            timeout = {keyword.arg: keyword.value for keyword in call.keywords}.get("timeout")
            if not (isinstance(timeout, ast.Name) and timeout.id == "WAIT"):
                wrong.append(f"{path.relative_to(TESTS)}:{call.lineno}")
        for call in calls(tree, "expect"):
            if any(keyword.arg == "timeout" for keyword in call.keywords):
                wrong.append(f"{path.relative_to(TESTS)}:{call.lineno} (expect's own timeout)")
    assert wrong == []
    assert WAIT >= 120


def test_no_terminal_test_sleeps_a_fixed_time():
    wrong = []
    for path in sorted(TESTS.rglob("test_*.py")):
        tree = ast.parse(path.read_text())
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef) or not any(
                    isinstance(node, ast.Attribute) and node.attr in ("expect", "sendline")
                    for node in ast.walk(function)):
                continue
            polled = {id(node) for loop in ast.walk(function) if isinstance(loop, ast.While)
                      for node in ast.walk(loop)}
            for call in calls(function, "sleep"):
                if id(call) not in polled:
                    wrong.append(f"{path.relative_to(TESTS)}:{call.lineno}")
    assert wrong == []
