"""Rereading the journal: log, show, search, lookback."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import click

from reconcile_cli import progress, store, views
from reconcile_cli.cli import complete
from reconcile_cli.cli.context import App
from reconcile_cli.cli.output import echo, say
from reconcile_cli.cli.params import COUNT, DAY, check_range, date_option
from reconcile_cli.core import dates
from reconcile_cli.core.dates import long_date
from reconcile_cli.core.kinds import ENTRY_KINDS
from reconcile_cli.core.models import Found
from reconcile_cli.core.text import clean, printable
from reconcile_cli.core.words import count

DEFAULT_LOG_LENGTH = 20


@click.command()
@click.option("--since", type=DAY, help="First day to show.")
@click.option("--until", type=DAY, help="Last day to show.")
@click.option("-n", "limit", type=COUNT, metavar="N",
              help="Show at most N entries "
              f"(default {DEFAULT_LOG_LENGTH} when no --since/--until is given).")
@click.option("--kind", type=click.Choice(ENTRY_KINDS), help="Only entries of this kind.")
@click.option("--mood-below", type=click.IntRange(1, 10), help="Only entries rated below N.")
@click.option("--mood-above", type=click.IntRange(1, 10), help="Only entries rated above N.")
@click.option("--starred", is_flag=True, help="Only the entries you starred.")
@click.option("--tag", metavar="TAG", shell_complete=complete.tags,
              help="Only entries holding @TAG.")
@click.option("--json", "as_json", is_flag=True, help="Print the days and entries as JSON.")
@click.pass_obj
def log(app: App, since: dt.date | None, until: dt.date | None, limit: int | None,
        kind: str | None, mood_below: int | None, mood_above: int | None, starred: bool,
        tag: str | None, as_json: bool) -> None:
    """Your entries, newest first, grouped by day with the day's mood and checklist."""

    check_range(since, until)
    if limit is None and since is None and until is None:
        limit = DEFAULT_LOG_LENGTH
    db = app.journal()
    # Read, grouped and shown one day at a time: the first screen of the whole journal comes as
    # soon as that of the last twenty entries would, and memory does not grow with the journal.
    entries = store.log_entries(
        db, since=since.isoformat() if since else None,
        until=until.isoformat() if until else None, limit=None if tag else limit, kind=kind,
        mood_below=mood_below, mood_above=mood_above, starred=starred,
    )
    if tag is not None:  # applied to what the other filters chose, in order
        entries = itertools.islice((e for e in entries if store.has_tag(e.body, tag)), limit)
    groups = store.days_of(db, entries)
    if as_json:
        app.out.json_array(
            {**{k: v for k, v in day.to_dict().items() if k != "entries"},
             "entries": [e.to_dict() for e in shown]}
            for day, shown in groups
        )
        return

    app.out.paged_parts(views.log_parts(groups))


@click.command()
@click.argument("entry_id", metavar="ID", shell_complete=complete.entry_ids)
@click.option("--json", "as_json", is_flag=True, help="Print the entry as JSON.")
@click.pass_obj
def show(app: App, entry_id: str, as_json: bool) -> None:
    """One entry in full. ID is the short id `log` shows (any 4 or more of its first characters)."""

    entry = store.find_entry(app.journal(), entry_id)
    if as_json:
        app.out.json(entry.to_dict())
        return

    app.out.paged(views.entry_view(entry))


@click.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--since", type=DAY, help="First day to search.")
@click.option("--until", type=DAY, help="Last day to search.")
@click.option("-n", "limit", type=COUNT, metavar="N", default=20, show_default=True,
              help="Show at most N matches.")
@click.option("--raw", is_flag=True, help="Pass QUERY to SQLite FTS5 as it is (AND, OR, NEAR, "
              "prefix*).")
@click.option("--drawer", "in_drawer", is_flag=True,
              help="Search the letters in the drawer (those past their cooling-off) instead.")
@click.option("--vision", "in_vision", is_flag=True,
              help="Search every version of your vision instead, newest first.")
@click.option("--json", "as_json", is_flag=True, help="Print the matches as JSON.")
@click.pass_obj
def search(app: App, query: tuple[str, ...], since: dt.date | None, until: dt.date | None,
           limit: int, raw: bool, in_drawer: bool, in_vision: bool, as_json: bool) -> None:
    """Find entries by their words, best matches first ("walk" also finds "walking").

    A word found in more than 2,000 entries is ranked among the newest 2,000 of them; --since
    and --until reach further back."""

    check_range(since, until)
    words = clean(" ".join(query)).split()
    if words and all(word.startswith("@") and len(word) > 1 for word in words):
        # @tags: the entries holding every one of them, newest first
        db = app.journal()
        held = [{entry.id for entry in store.entries_tagged(db, word)} for word in words]
        tagged = [entry for entry in store.entries_tagged(db, words[0])
                  if all(entry.id in ids for ids in held)
                  and (since is None or entry.day >= since.isoformat())
                  and (until is None or entry.day <= until.isoformat())][:limit]
        hits = [Found(entry.day, entry.body.strip().split("\n")[0][:120], entry=entry)
                for entry in tagged]
        if as_json:
            app.out.json([found_record(hit) for hit in hits])
            return

        app.out.paged(views.search_view(hits, " ".join(query)))
        return
    if in_vision:
        words = [word.casefold() for word in clean(" ".join(query)).split()]
        versions = [version for version in reversed(store.versions(app.journal()))
                    if all(word in version.text.casefold() for word in words)][:limit]
        if as_json:
            app.out.json([{"version": v.version, "saved_at": v.saved_at, "text": v.text}
                          for v in versions])
            return

        app.out.paged(views.versions_found(versions) if versions
                      else views.nothing_found(" ".join(query)))
        return
    if in_drawer:
        now = app.now()
        found = [letter for letter in store.search_letters(app.journal(), clean(
                     " ".join(query)).split(), now)
                 if (since is None or letter.day >= since.isoformat())
                 and (until is None or letter.day <= until.isoformat())][:limit]
        if as_json:
            app.out.json([letter.to_dict(now) for letter in found])
            return

        app.out.paged(views.letters_found(found, " ".join(query)))
        return
    results = store.search_entries(
        app.journal(), clean(" ".join(query)), raw=raw,
        since=since.isoformat() if since else None, until=until.isoformat() if until else None,
        limit=limit,
    )
    if as_json:
        app.out.json([found_record(hit) for hit in results])
        return

    app.out.paged(views.search_view(results, " ".join(query)))


def found_record(hit: Found) -> dict[str, Any]:
    """A search result as --json prints it: an entry (as `show --json` has it) or a slip note,
    each with "type" saying which, and its snippet without the highlighting marks."""
    snippet = hit.snippet.replace("\ue000", "").replace("\ue001", "")
    if hit.entry is not None:
        return {"type": "entry", **hit.entry.to_dict(), "snippet": snippet}
    return {"type": "slip note", "day": hit.day, "item": hit.item, "label": hit.label,
            "snippet": snippet}


@click.command()
@date_option
@click.pass_obj
def lookback(app: App, day: dt.date | None) -> None:
    """What you wrote a week, a month, three months and a year ago, beside how you are now."""

    db = app.journal()
    day = day or app.today

    def week_up_to(end: dt.date) -> dict[str, Any]:
        start = (end - dt.timedelta(days=6)).isoformat()
        return progress.window_stats(store.moods_between(db, start, end.isoformat()),
                                     store.marks_between(db, start, end.isoformat()))

    now = week_up_to(day)
    found = []
    for label, target in dates.lookback_targets(day):
        window = (target - dt.timedelta(days=3), target + dt.timedelta(days=3))
        then = dates.nearest(target, store.days_with_entries(
            db, window[0].isoformat(), window[1].isoformat()))
        if then is not None:
            found.append((label, store.load_day(db, then.isoformat()), week_up_to(then)))

    app.out.paged(views.lookback_view(found, now))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the tags as JSON.")
@click.pass_obj
def tags(app: App, as_json: bool) -> None:
    """Your @tags (jrnl's convention: @kids, @lawyer), with how often and when last used."""

    found = store.tag_counts(app.journal())
    if as_json:
        app.out.json(found)
        return
    if not found:
        say("No tags yet. A word like @kids or @counsellor in an entry is a tag; "
             "`log --tag kids` and `search @kids` then find those entries.")
        return

    for row in found:
        echo(f"@{printable(str(row['tag']))}  {count(int(str(row['count'])), 'entry')}, last "
             f"{long_date(str(row['last']))}")


COMMANDS = (log, show, search, lookback, tags)
