"""@record behaves as the frozen dataclasses it replaced, for every use the models make of it."""

import dataclasses

import pytest

from reconcile_cli.core.models import Entry, Item
from reconcile_cli.core.records import fields_of

ROW = ("7d1c0c9e-0000-4000-8000-000000000001", "2026-11-20", "2026-11-20T21:00:00+00:00",
       "2026-11-20T21:00:00+00:00", "journal", None, "By hand.", 6, None, 1, None, None)


def test_a_record_is_built_from_a_row_or_by_name_with_its_defaults():
    entry = Entry(*ROW)
    assert entry.starred is True  # __post_init__ still turns SQLite's 1 into True
    named = Entry(id=ROW[0], day=ROW[1], created_at=ROW[2], updated_at=ROW[3], kind="journal",
                  prompt=None, body="By hand.", mood=6, starred=True)
    assert named == entry and hash(named) == hash(entry)
    assert named.deleted_at is None  # a default
    assert Entry(*ROW[:8]) == Entry(*ROW[:8], None, False)
    assert fields_of(entry) == dict(zip(
        ("id", "day", "created_at", "updated_at", "kind", "prompt", "body", "mood", "deleted_at",
         "starred", "copy_of", "edited_at"), (*ROW[:9], True, None, None), strict=True))
    assert entry.to_dict() == fields_of(entry)
    assert repr(Item("walk", "A walk", "action", 1, "x")) == (
        "Item(slug='walk', label='A walk', kind='action', position=1, created_at='x', "
        "retired_at=None, kept_by=None)")


def test_a_record_is_frozen_and_compares_only_with_its_own_kind():
    entry = Entry(*ROW)
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.body = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del entry.body  # type: ignore[misc]
    assert entry != ROW and entry != Item("a", "b", "action", 1, "x")
    assert {entry, Entry(*ROW)} == {entry}


@pytest.mark.parametrize(("args", "kwargs", "message"), [
    (ROW + ("extra",), {}, "Entry() takes 12 fields, not 13"),
    (ROW[:7], {}, "Entry() is missing the field 'mood'"),
    (ROW, {"body": "twice"}, "Entry() got an unexpected or repeated field 'body'"),
    (ROW[:8], {"colour": "blue"}, "Entry() got an unexpected or repeated field 'colour'"),
])
def test_wrong_fields_are_refused_as_a_dataclass_refuses_them(args, kwargs, message):
    with pytest.raises(TypeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Entry(*args, **kwargs)
