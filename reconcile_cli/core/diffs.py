"""Word-level differences between two texts (pure; stdlib only)."""

from __future__ import annotations

import difflib


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, words)] with op "same", "removed" or "added", in reading order."""
    before, after = old.split(), new.split()
    parts: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("same", " ".join(before[i1:i2])))
            continue
        if op in ("replace", "delete"):
            parts.append(("removed", " ".join(before[i1:i2])))
        if op in ("replace", "insert"):
            parts.append(("added", " ".join(after[j1:j2])))
    return parts
