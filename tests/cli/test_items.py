"""The checklist: defaults, add, rename, retire, restore, move."""

import json

from tests.cli.test_checkin import ITEM_SLUGS
from tests.conftest import rows


def slugs(run, *flags):
    return [item["slug"] for item in json.loads(run("items", "--json", *flags).stdout)]


def test_a_new_journal_has_the_twelve_default_items_in_order(run, journal):
    assert slugs(run) == ITEM_SLUGS
    assert rows(journal, "SELECT kind, count(*) FROM items GROUP BY kind") == [
        ("action", 6), ("restraint", 6)
    ]
    table = run("items").stdout
    assert "  1  no-begging            restraint  Did not beg, plead" in table


def test_add_rename_retire_restore_move(run, journal):
    added = run("items", "add", "evening-walk", "Went", "for", "a", "walk", "--kind", "action")
    assert added.exit_code == 0, added.output
    assert added.stdout == "Added 'evening-walk' to your checklist.\n"
    assert rows(journal, "SELECT label, kind, position, retired_at FROM items "
                         "WHERE slug = 'evening-walk'") == [("Went for a walk", "action", 13, None)]

    assert run("items", "rename", "evening-walk", "Walked", "outside").exit_code == 0
    assert rows(journal, "SELECT label FROM items WHERE slug = 'evening-walk'") == [
        ("Walked outside",)]

    assert run("items", "move", "evening-walk", "1").stdout == (
        "'evening-walk' is now number 1 on your checklist.\n")
    assert slugs(run)[:2] == ["evening-walk", "no-begging"]

    assert run("check", "no-monitoring=kept").exit_code == 0
    retired = run("items", "retire", "no-monitoring")
    assert retired.exit_code == 0
    assert "no-monitoring" not in slugs(run)
    assert slugs(run, "--all")[-1] == "no-monitoring"
    assert rows(journal, "SELECT status FROM marks WHERE item = 'no-monitoring'") == [("kept",)]
    assert "Stayed off their social media" in run("today").stdout  # answered that day: shown

    assert run("items", "restore", "no-monitoring").exit_code == 0
    assert slugs(run)[-1] == "no-monitoring"
    assert rows(journal, "SELECT count(*) FROM items WHERE retired_at IS NULL") == [(13,)]


def test_item_mistakes_are_one_line_errors(run, journal):
    cases = [
        (["items", "add", "Evening Walk", "x", "--kind", "action"], 1,
         "'Evening Walk' cannot be an item name: use lowercase letters, digits and single "
         "hyphens, like 'evening-walk'.\n"),
        (["items", "add", "no-begging", "x", "--kind", "restraint"], 1,
         "There is already an item called 'no-begging'.\n"),
        (["items", "rename", "nope", "x"], 1, None),
        (["items", "retire", "nope"], 1, None),
        (["items", "restore", "no-begging"], 1,
         "'no-begging' is not retired; it is already on your checklist.\n"),
        (["items", "move", "no-begging", "0"], 2, None),
    ]
    for args, code, message in cases:
        result = run(*args)
        assert result.exit_code == code, (args, result.output)
        if message:
            assert result.stderr == message
        assert "Traceback" not in result.output
    assert run("items", "add", "walk", "x").exit_code == 2  # --kind is required
    assert slugs(run) == ITEM_SLUGS
