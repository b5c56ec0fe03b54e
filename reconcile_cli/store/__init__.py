"""Every table name and query, one module per kind of record. Takes a db.Journal, returns models,
raises ReconcileErrors. Writers expect to run inside ``db.write_transaction`` (the CLI opens one
per command).

The package's face: callers write ``store.add_entry(...)``; each name lives in the module its
record kind names (entries, checklist, days, changes, search, transfer, health...).

The names load on first use (see ``lazy``): a command imports only the modules it reads.
"""

from typing import TYPE_CHECKING

from reconcile_cli import lazy

if TYPE_CHECKING:
    from reconcile_cli.store.changes import (
        KEEP_CHANGES,
        begin_change,
        drop_change,
        end_change,
        recent_changes,
        undo_last_change,
    )
    from reconcile_cli.store.checklist import (
        add_item,
        get_item,
        items,
        marks_on,
        move_item,
        rename_item,
        restore_item,
        retire_item,
        seed_default_items,
        set_marks,
        unknown_items,
    )
    from reconcile_cli.store.checkpoints import (
        Checkpoint,
        pauses_key,
        read_checkpoint,
        save_checkpoint,
    )
    from reconcile_cli.store.days import (
        checkin_days,
        day_moods,
        days_of,
        days_without_marks,
        entries_between,
        item_histories,
        journey_start,
        load_day,
        mark_histories,
        marks_between,
        moods_between,
    )
    from reconcile_cli.store.entries import (
        ENTRY_COLUMNS,
        MIN_ID_PREFIX,
        add_entry,
        days_with_entries,
        entries_on,
        find_entry,
        get_entry,
        gratitude_lines,
        latest_answer,
        log_entries,
        set_starred,
        starred_lines,
        trashed_entries,
        update_entry,
    )
    from reconcile_cli.store.goals import (
        add_goal,
        add_step,
        drop,
        goals_with_steps,
        mark_done,
        steps_done_between,
    )
    from reconcile_cli.store.goals import find as find_goal_or_step
    from reconcile_cli.store.health import (
        cipher_problems,
        counts,
        integrity_problems,
        is_empty,
        rebuild_search_index,
        search_index_in_step,
    )
    from reconcile_cli.store.letters import (
        add_letter,
        find_letter,
        let_go,
        letters_between,
        search_letters,
        update_letter,
    )
    from reconcile_cli.store.letters import letters as all_letters
    from reconcile_cli.store.pauses import add_pause, end_pause, paused_days, remove_pause
    from reconcile_cli.store.pauses import pauses as all_pauses
    from reconcile_cli.store.prompts import offered_prompt, prompt_offer_counts, record_prompt_offer
    from reconcile_cli.store.search import search_entries
    from reconcile_cli.store.settings import get_setting, set_setting
    from reconcile_cli.store.slips import latest_slip_days, restraint_days_kept
    from reconcile_cli.store.slips import slips as all_slips
    from reconcile_cli.store.support import (
        add_person,
        export_support,
        last_notice,
        notice_shown,
        remove_person,
        support_people,
    )
    from reconcile_cli.store.tags import entries_tagged, has_tag, tag_counts
    from reconcile_cli.store.tombstones import (
        all_tombstones,
        compact,
        delete_for_good,
        is_tombstoned,
        optimize_search_index,
    )
    from reconcile_cli.store.transfer import MERGE_KEYS, Merger, export_records
    from reconcile_cli.store.vision import save_version, version_of, versions

# Where each name lives. No name may be a submodule's name (letters, pauses, slips): importing
# that submodule would put the module itself in its place. tests/test_startup.py checks both.
HOMES = {
    "Checkpoint": "checkpoints", "pauses_key": "checkpoints", "read_checkpoint": "checkpoints",
    "save_checkpoint": "checkpoints", "latest_slip_days": "slips",
    "restraint_days_kept": "slips",
    "KEEP_CHANGES": "changes", "begin_change": "changes", "drop_change": "changes",
    "end_change": "changes", "recent_changes": "changes", "undo_last_change": "changes",
    "add_item": "checklist", "get_item": "checklist", "items": "checklist",
    "marks_on": "checklist", "move_item": "checklist", "rename_item": "checklist",
    "restore_item": "checklist", "retire_item": "checklist", "seed_default_items": "checklist",
    "set_marks": "checklist", "unknown_items": "checklist",
    "checkin_days": "days", "days_without_marks": "days", "entries_between": "days",
    "journey_start": "days", "load_day": "days", "item_histories": "days", "days_of": "days",
    "mark_histories": "days",
    "marks_between": "days", "moods_between": "days", "day_moods": "days",
    "ENTRY_COLUMNS": "entries", "MIN_ID_PREFIX": "entries", "add_entry": "entries",
    "days_with_entries": "entries", "entries_on": "entries", "find_entry": "entries",
    "get_entry": "entries", "gratitude_lines": "entries", "latest_answer": "entries",
    "log_entries": "entries", "set_starred": "entries", "starred_lines": "entries",
    "trashed_entries": "entries", "update_entry": "entries",
    "add_goal": "goals", "add_step": "goals", "drop": "goals", "goals_with_steps": "goals",
    "mark_done": "goals", "steps_done_between": "goals", "find_goal_or_step": "goals:find",
    "cipher_problems": "health", "counts": "health", "integrity_problems": "health",
    "is_empty": "health", "rebuild_search_index": "health", "search_index_in_step": "health",
    "add_letter": "letters", "find_letter": "letters", "let_go": "letters",
    "all_letters": "letters:letters",
    "letters_between": "letters", "search_letters": "letters", "update_letter": "letters",
    "add_pause": "pauses", "end_pause": "pauses", "paused_days": "pauses",
    "all_pauses": "pauses:pauses",
    "remove_pause": "pauses",
    "offered_prompt": "prompts", "prompt_offer_counts": "prompts",
    "record_prompt_offer": "prompts",
    "search_entries": "search",
    "get_setting": "settings", "set_setting": "settings",
    "all_slips": "slips:slips",
    "add_person": "support", "export_support": "support", "last_notice": "support",
    "notice_shown": "support", "remove_person": "support", "support_people": "support",
    "entries_tagged": "tags", "has_tag": "tags", "tag_counts": "tags",
    "all_tombstones": "tombstones", "compact": "tombstones", "delete_for_good": "tombstones",
    "is_tombstoned": "tombstones", "optimize_search_index": "tombstones",
    "MERGE_KEYS": "transfer", "Merger": "transfer", "export_records": "transfer",
    "save_version": "vision", "version_of": "vision", "versions": "vision",
}
__all__ = [
    "Checkpoint", "pauses_key", "read_checkpoint", "save_checkpoint", "latest_slip_days",
    "restraint_days_kept",
    "ENTRY_COLUMNS", "KEEP_CHANGES", "MERGE_KEYS", "MIN_ID_PREFIX", "Merger", "add_entry",
    "add_item", "begin_change", "checkin_days", "counts", "days_with_entries",
    "days_without_marks", "end_change", "entries_between", "entries_on",
    "export_records", "find_entry", "get_entry", "get_item",
    "all_tombstones", "cipher_problems", "compact", "delete_for_good", "drop_change",
    "is_empty", "is_tombstoned", "all_slips",
    "add_pause", "end_pause", "paused_days", "all_pauses", "remove_pause",
    "add_goal", "add_step", "drop", "find_goal_or_step", "goals_with_steps", "mark_done",
    "steps_done_between", "entries_tagged", "tag_counts",
    "save_version", "version_of", "versions",
    "gratitude_lines", "latest_answer", "set_starred", "starred_lines",
    "add_letter", "find_letter", "let_go", "all_letters", "letters_between",
    "search_letters", "update_letter",
    "add_person", "export_support", "last_notice", "notice_shown", "remove_person",
    "support_people",
    "optimize_search_index",
    "get_setting", "integrity_problems", "items", "journey_start", "load_day", "log_entries",
    "days_of", "has_tag", "item_histories", "day_moods",
    "mark_histories", "marks_between", "marks_on", "moods_between", "move_item", "offered_prompt",
    "prompt_offer_counts", "rebuild_search_index", "recent_changes", "record_prompt_offer",
    "rename_item", "restore_item", "retire_item", "search_entries", "search_index_in_step",
    "seed_default_items", "set_marks", "set_setting", "trashed_entries", "undo_last_change",
    "unknown_items", "update_entry",
]
__getattr__ = lazy.loader(__name__, HOMES)
