"""Every table name and query, one module per kind of record. Takes a db.Journal, returns models,
raises ReconcileErrors. Writers expect to run inside ``db.write_transaction`` (the CLI opens one
per command).

The package's face: callers write ``store.add_entry(...)``; each name lives in the module its
record kind names (entries, checklist, days, changes, search, transfer, health...).
"""

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
from reconcile_cli.store.days import (
    checkin_days,
    days_without_marks,
    entries_between,
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
    letters,
    letters_between,
    search_letters,
    update_letter,
)
from reconcile_cli.store.pauses import add_pause, end_pause, paused_days, pauses, remove_pause
from reconcile_cli.store.prompts import offered_prompt, prompt_offer_counts, record_prompt_offer
from reconcile_cli.store.search import search_entries
from reconcile_cli.store.settings import get_setting, set_setting
from reconcile_cli.store.slips import slips
from reconcile_cli.store.support import (
    add_person,
    export_support,
    last_notice,
    notice_shown,
    remove_person,
    support_people,
)
from reconcile_cli.store.tags import entries_tagged, tag_counts
from reconcile_cli.store.tombstones import (
    all_tombstones,
    compact,
    delete_for_good,
    is_tombstoned,
    optimize_search_index,
)
from reconcile_cli.store.transfer import MERGE_KEYS, Merger, export_records
from reconcile_cli.store.vision import save_version, version_of, versions

__all__ = [
    "ENTRY_COLUMNS", "KEEP_CHANGES", "MERGE_KEYS", "MIN_ID_PREFIX", "Merger", "add_entry",
    "add_item", "begin_change", "checkin_days", "counts", "days_with_entries",
    "days_without_marks", "end_change", "entries_between", "entries_on",
    "export_records", "find_entry", "get_entry", "get_item",
    "all_tombstones", "cipher_problems", "compact", "delete_for_good", "drop_change",
    "is_empty", "is_tombstoned", "slips",
    "add_pause", "end_pause", "paused_days", "pauses", "remove_pause",
    "add_goal", "add_step", "drop", "find_goal_or_step", "goals_with_steps", "mark_done",
    "steps_done_between", "entries_tagged", "tag_counts",
    "save_version", "version_of", "versions",
    "gratitude_lines", "latest_answer", "set_starred", "starred_lines",
    "add_letter", "find_letter", "let_go", "letters", "letters_between",
    "search_letters", "update_letter",
    "add_person", "export_support", "last_notice", "notice_shown", "remove_person",
    "support_people",
    "optimize_search_index",
    "get_setting", "integrity_problems", "items", "journey_start", "load_day", "log_entries",
    "mark_histories", "marks_between", "marks_on", "moods_between", "move_item", "offered_prompt",
    "prompt_offer_counts", "rebuild_search_index", "recent_changes", "record_prompt_offer",
    "rename_item", "restore_item", "retire_item", "search_entries", "search_index_in_step",
    "seed_default_items", "set_marks", "set_setting", "trashed_entries", "undo_last_change",
    "unknown_items", "update_entry",
]
