"""store: every table name and query, one module per kind of record, and the merge of records
from elsewhere; it may import journal, progress and core. Takes a db.Journal, returns models,
raises ReconcileErrors. Writers expect to run inside ``db.write_transaction`` (the CLI opens one
per command).

The package's face: callers write ``store.add_entry(...)``; each name lives in the module its
record kind names (entries, checklist, days, changes, search, transfer, health...).

The names load on first use (see core/lazy.py): a command imports only the modules it reads.
"""

from typing import TYPE_CHECKING

from reconcile_cli.core import lazy

if TYPE_CHECKING:
    from reconcile_cli.store.changes import (
        KEEP_CHANGES as KEEP_CHANGES,
        begin_change as begin_change,
        drop_change as drop_change,
        end_change as end_change,
        recent_changes as recent_changes,
        undo_last_change as undo_last_change,
    )
    from reconcile_cli.store.checklist import (
        add_item as add_item,
        get_item as get_item,
        items as items,
        keep_by_acts as keep_by_acts,
        marks_on as marks_on,
        move_item as move_item,
        rename_item as rename_item,
        restore_item as restore_item,
        retire_item as retire_item,
        seed_default_items as seed_default_items,
        set_marks as set_marks,
        unknown_items as unknown_items,
    )
    from reconcile_cli.store.checkpoints import (
        Checkpoint as Checkpoint,
        data_version as data_version,
        pauses_key as pauses_key,
        read_checkpoint as read_checkpoint,
        save_checkpoint as save_checkpoint,
    )
    from reconcile_cli.store.completion import (
        active_slugs as active_slugs,
        item_labels as item_labels,
        recent_entries as recent_entries,
        tagged_bodies as tagged_bodies,
    )
    from reconcile_cli.store.days import (
        checkin_days as checkin_days,
        day_moods as day_moods,
        days_of as days_of,
        days_without_marks as days_without_marks,
        entries_between as entries_between,
        item_histories as item_histories,
        journey_start as journey_start,
        load_day as load_day,
        mark_histories as mark_histories,
        marks_between as marks_between,
        moods_between as moods_between,
    )
    from reconcile_cli.store.entries import (
        ENTRY_COLUMNS as ENTRY_COLUMNS,
        MIN_ID_PREFIX as MIN_ID_PREFIX,
        add_entry as add_entry,
        days_with_entries as days_with_entries,
        entries_on as entries_on,
        find_entry as find_entry,
        get_entry as get_entry,
        gratitude_lines as gratitude_lines,
        latest_answer as latest_answer,
        log_entries as log_entries,
        set_starred as set_starred,
        starred_lines as starred_lines,
        trashed_entries as trashed_entries,
        update_entry as update_entry,
    )
    from reconcile_cli.store.goals import (
        add_goal as add_goal,
        add_step as add_step,
        drop as drop,
        find_goal_or_step as find_goal_or_step,
        free_slug as free_slug,
        goals_with_steps as goals_with_steps,
        mark_done as mark_done,
        steps_done_between as steps_done_between,
    )
    from reconcile_cli.store.health import (
        cipher_problems as cipher_problems,
        counts as counts,
        integrity_problems as integrity_problems,
        is_empty as is_empty,
        rebuild_search_index as rebuild_search_index,
        search_index_in_step as search_index_in_step,
    )
    from reconcile_cli.store.importing import Merger as Merger
    from reconcile_cli.store.letters import (
        add_letter as add_letter,
        all_letters as all_letters,
        find_letter as find_letter,
        let_go as let_go,
        letters_between as letters_between,
        search_letters as search_letters,
        update_letter as update_letter,
    )
    from reconcile_cli.store.nudge import nudge_line as nudge_line
    from reconcile_cli.store.pauses import (
        add_pause as add_pause,
        all_pauses as all_pauses,
        days_holding as days_holding,
        end_pause as end_pause,
        paused_days as paused_days,
        remove_pause as remove_pause,
    )
    from reconcile_cli.store.prompts import (
        add_prompt as add_prompt,
        answer_on as answer_on,
        export_prompts as export_prompts,
        offered_prompt as offered_prompt,
        own_prompts as own_prompts,
        prompt_of_the_day as prompt_of_the_day,
        prompt_offer_counts as prompt_offer_counts,
        record_prompt_offer as record_prompt_offer,
        remove_prompt as remove_prompt,
    )
    from reconcile_cli.store.search import search_entries as search_entries
    from reconcile_cli.store.settings import get_setting as get_setting, set_setting as set_setting
    from reconcile_cli.store.slips import (
        all_slips as all_slips,
        latest_slip_days as latest_slip_days,
        restraint_days_kept as restraint_days_kept,
    )
    from reconcile_cli.store.support import (
        add_person as add_person,
        export_support as export_support,
        last_notice as last_notice,
        notice_days as notice_days,
        notice_shown as notice_shown,
        remove_person as remove_person,
        support_people as support_people,
    )
    from reconcile_cli.store.sync import (
        Link as Link,
        device as device,
        forget_files as forget_files,
        link as link,
        link_of as link_of,
        mark_file as mark_file,
        next_file as next_file,
        pending_count as pending_count,
        records_to_write as records_to_write,
        sent as sent,
        status as status,
        take_file as take_file,
        take_new_device as take_new_device,
        taken_files as taken_files,
        taken_listing as taken_listing,
        unlink as unlink,
        waiting as waiting,
        written as written,
    )
    from reconcile_cli.store.tags import (
        entries_tagged as entries_tagged,
        has_tag as has_tag,
        tag_counts as tag_counts,
    )
    from reconcile_cli.store.tombstones import (
        compact as compact,
        delete_for_good as delete_for_good,
        is_gone as is_gone,
        optimize_search_index as optimize_search_index,
    )
    from reconcile_cli.store.transfer import (
        entry_zones as entry_zones,
        export_records as export_records,
        records as records,
        records_of as records_of,
    )
    from reconcile_cli.store.vision import (
        current_version as current_version,
        save_version as save_version,
        version_of as version_of,
        versions as versions,
    )

# Where each name lives. No name may be a submodule's name: importing that submodule would put
# the module itself in its place. tests/test_startup.py checks both.
HOMES = {
    "Checkpoint": "checkpoints", "data_version": "checkpoints", "pauses_key": "checkpoints",
    "read_checkpoint": "checkpoints", "save_checkpoint": "checkpoints",
    "latest_slip_days": "slips", "restraint_days_kept": "slips",
    "KEEP_CHANGES": "changes", "begin_change": "changes", "drop_change": "changes",
    "end_change": "changes", "recent_changes": "changes", "undo_last_change": "changes",
    "add_item": "checklist", "get_item": "checklist", "items": "checklist",
    "keep_by_acts": "checklist",
    "marks_on": "checklist", "move_item": "checklist", "rename_item": "checklist",
    "restore_item": "checklist", "retire_item": "checklist", "seed_default_items": "checklist",
    "set_marks": "checklist", "unknown_items": "checklist",
    "active_slugs": "completion", "item_labels": "completion",
    "recent_entries": "completion", "tagged_bodies": "completion",
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
    "free_slug": "goals",
    "mark_done": "goals", "steps_done_between": "goals", "find_goal_or_step": "goals",
    "cipher_problems": "health", "counts": "health", "integrity_problems": "health",
    "is_empty": "health", "rebuild_search_index": "health", "search_index_in_step": "health",
    "add_letter": "letters", "find_letter": "letters", "let_go": "letters",
    "all_letters": "letters",
    "letters_between": "letters", "search_letters": "letters", "update_letter": "letters",
    "add_pause": "pauses", "days_holding": "pauses", "end_pause": "pauses", "paused_days": "pauses",
    "all_pauses": "pauses",
    "remove_pause": "pauses",
    "offered_prompt": "prompts", "prompt_offer_counts": "prompts", "add_prompt": "prompts",
    "answer_on": "prompts", "export_prompts": "prompts", "own_prompts": "prompts",
    "remove_prompt": "prompts",
    "record_prompt_offer": "prompts", "prompt_of_the_day": "prompts",
    "nudge_line": "nudge",
    "search_entries": "search",
    "get_setting": "settings", "set_setting": "settings",
    "all_slips": "slips",
    "add_person": "support", "export_support": "support", "last_notice": "support",
    "notice_days": "support", "notice_shown": "support", "remove_person": "support",
    "support_people": "support",
    "Link": "sync", "device": "sync", "forget_files": "sync", "link": "sync",
    "link_of": "sync", "mark_file": "sync", "next_file": "sync", "pending_count": "sync",
    "records_to_write": "sync", "status": "sync", "take_file": "sync",
    "take_new_device": "sync", "taken_files": "sync", "taken_listing": "sync",
    "unlink": "sync", "written": "sync", "sent": "sync", "waiting": "sync",
    "entries_tagged": "tags", "has_tag": "tags", "tag_counts": "tags",
    "compact": "tombstones", "delete_for_good": "tombstones", "is_gone": "tombstones",
    "optimize_search_index": "tombstones", "Merger": "importing",
    "export_records": "transfer", "records": "transfer", "records_of": "transfer",
    "entry_zones": "transfer",
    "current_version": "vision", "save_version": "vision", "version_of": "vision",
    "versions": "vision",
}
__getattr__ = lazy.loader(__name__, HOMES)
