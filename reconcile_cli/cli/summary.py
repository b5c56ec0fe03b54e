"""Seeing progress: week, month, streaks, insights. Each has --json: the very data it draws."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

import click

from reconcile_cli import formats, progress, store, views
from reconcile_cli.cli import complete
from reconcile_cli.cli.context import App
from reconcile_cli.cli.output import written_out
from reconcile_cli.cli.params import DAY, F, check_range, date_option
from reconcile_cli.core import errors
from reconcile_cli.core.text import printable

if TYPE_CHECKING:
    from reconcile_cli.progress.periods import Period, PeriodSummary
    from reconcile_cli.progress.streaks import WalkState
    from reconcile_cli.store import Checkpoint


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True,
                        help="Print the numbers as JSON instead of the view.")(func)


def period_summary(app: App, period: Period) -> PeriodSummary:
    """Read exactly what one period needs and summarise it."""

    db = app.journal()
    read_at = store.data_version(db)  # before anything a checkpoint is made from is read
    start, end, as_of = (d.isoformat() for d in (period.start, period.end, period.as_of))
    previous = progress.previous_period(period, app.today)
    journey_start = store.journey_start(db)
    items = store.items(db, include_retired=True)
    paused = store.paused_days(db)
    walks = streak_walks(app, period, journey_start, [item.slug for item in items], paused,
                         read_at)
    marks, _ = progress.with_pauses(paused, store.marks_between(db, start, end))
    previous_marks, _ = progress.with_pauses(paused, store.marks_between(
        db, previous.start.isoformat(), previous.end.isoformat()))
    return progress.summarize(
        period,
        app.today,
        items=items,
        entries=store.entries_between(db, start, end),
        marks=marks,
        histories=walks.histories,
        states=walks.states,
        previous_entries=store.entries_between(db, previous.start.isoformat(),
                                               previous.end.isoformat()),
        previous_marks=previous_marks,
        full_week=walks.full_week,
        journey_start=journey_start,
        slip_days=store.latest_slip_days(
            db, until=as_of, since=journey_start.isoformat() if journey_start else None,
            leave_out=paused, last=2 * progress.SLIP_WINDOW + 1, also_from=start),
        letters_written=store.letters_between(db, start, as_of),
        steps_done=len(store.steps_done_between(db, start, as_of)),
        pauses=store.all_pauses(db),
    )


# A checkpoint is made this many days before today, and walked on from for at most this many
# days: `week` and `month` then read a few months of answers, however long the journal.
CHECKPOINT_BACK = 70
CHECKPOINT_REACH = 150


class Walks(NamedTuple):
    histories: dict[str, dict[dt.date, str]]  # after the states' day, when there are states
    states: dict[str, WalkState] | None
    full_week: dt.date | None


def streak_walks(app: App, period: Period, journey_start: dt.date | None, slugs: list[str],
                 paused: set[str], read_at: int) -> Walks:
    """Each item's answers for the streak walk, from the journey's start (a chapter before it is
    another chapter) with paused days passed over, and the first full week checked in.

    Read from a checkpoint where one serves the period, made for the current period when none
    does; the walk from it gives exactly what a walk from the first day gives."""

    db = app.journal()
    as_of = period.as_of
    began = journey_start.isoformat() if journey_start else None
    pauses = store.pauses_key([(p["from"], p["until"]) for p in store.all_pauses(db)])

    def serves(found: Checkpoint | None) -> bool:
        return (found is not None and found.journey_start == began and found.pauses == pauses
                and found.through < period.start
                and (as_of - found.through).days <= CHECKPOINT_REACH)

    def walked(through: dt.date, after: dt.date | None) -> dict[str, dict[dt.date, str]]:
        histories = {slug: {day: status for day, status in history.items()
                            if journey_start is None or day >= journey_start}
                     for slug, history in store.mark_histories(
                         db, through.isoformat(), after.isoformat() if after else None).items()}
        passed_over = {day for day in paused if after is None or day > after.isoformat()}
        return progress.with_pauses(passed_over, [], histories, slugs, through)[1]

    def first_full_week(through: dt.date, since: dt.date | None) -> dt.date | None:
        start = max((d for d in (since, journey_start) if d is not None), default=None)
        return progress.first_full_week(store.checkin_days(
            db, through.isoformat(), start.isoformat() if start else None))

    checkpoint = store.read_checkpoint(db)
    if not serves(checkpoint) and as_of == app.today:
        through = app.today - dt.timedelta(days=CHECKPOINT_BACK)
        states = {slug: progress.walk_state(history, through)
                  for slug, history in walked(through, None).items()}
        checkpoint = store.Checkpoint(
            through, began, pauses, first_full_week(through, None),
            {slug: (s.started, s.run, s.best, s.best_before_run, s.score)
             for slug, s in states.items()})
        store.save_checkpoint(db, checkpoint, read_at)  # when not kept, it is made again
    if checkpoint is not None and serves(checkpoint):
        after = checkpoint.through
        return Walks(walked(as_of, after),
                     {slug: progress.WalkState(after, *state)
                      for slug, state in checkpoint.items.items()},
                     checkpoint.first_full_week
                     or first_full_week(as_of, after - dt.timedelta(days=5)))
    return Walks(walked(as_of, None), None, first_full_week(as_of, None))


def show_period(app: App, the_summary: PeriodSummary, as_json: bool, view_name: str,
                **shown: bool) -> None:
    if as_json:
        app.out.json(the_summary.to_dict())
        return

    view = getattr(views, view_name)
    app.out.print(view(the_summary, progress.encouragement(the_summary), **shown))


EARLY_DAYS = 3  # a week with fewer days than this behind today offers `week --last`


@click.command()
@date_option
@click.option("--last", "last_seven", is_flag=True,
              help="The seven days up to today (or --date) instead of the week from Monday.")
@json_option
@click.pass_obj
def week(app: App, day: dt.date | None, last_seven: bool, as_json: bool) -> None:
    """Your week (Monday to Sunday) in numbers: mood, checklist, streaks, milestones.

    On a Monday, Tuesday or Wednesday the week has barely begun: `week --last` shows the seven
    days up to today, with the same grid (and says so on those days)."""
    end = day or app.today
    period = progress.last_seven(end, app.today) if last_seven else progress.week_of(end,
                                                                                    app.today)
    early = (not last_seven and period.as_of == app.today
             and (app.today - period.start).days < EARLY_DAYS)
    show_period(app, period_summary(app, period), as_json, "week_view", early=early)


@click.command()
@date_option
@json_option
@click.pass_obj
def month(app: App, day: dt.date | None, as_json: bool) -> None:
    """Your month: a calendar shaded by mood, and the checklist week by week."""
    show_period(app, period_summary(app, progress.month_of(day or app.today, app.today)), as_json,
                "month_view")


@click.command()
@json_option
@click.pass_obj
def streaks(app: App, as_json: bool) -> None:
    """Per item: current and best streak, strength, and how long since the last slip."""

    db = app.journal()
    items = {item.slug: item for item in store.items(db)}
    # paused days are passed over (as skipped); each item is walked alone, so a long journal's
    # answers are never all held at once
    paused = {dt.date.fromisoformat(day): "skipped" for day in store.paused_days(db)
              if day <= app.today.isoformat()}
    found = {slug: progress.item_streak(items[slug], {**history, **paused}, app.today)
             for slug, history in store.item_histories(db, app.today.isoformat())
             if slug in items}
    rows = [found.get(slug) or progress.item_streak(item, paused, app.today)
            for slug, item in items.items()]
    if as_json:
        app.out.json({"as_of": app.today.isoformat(), "items": rows})
        return

    app.out.print(views.streaks_view(rows))


@click.command()
@click.option("--since", type=DAY, help="First day to include (default: the journal's first).")
@click.option("--until", type=DAY, help="Last day to include (default: today).")
@json_option
@click.pass_obj
def insights(app: App, since: dt.date | None, until: dt.date | None, as_json: bool) -> None:
    """How your mood sits alongside each checklist item, and by day of the week."""

    check_range(since, until)
    until = until or app.today
    check_range(since, until)
    db = app.journal()
    first, last = (since.isoformat() if since else None), until.isoformat()
    paused = store.paused_days(db)
    # answers and moods stream through: a long journal's are never all held at once
    marks = (mark for mark in store.marks_between(db, first, last) if mark[0] not in paused)
    data = progress.mood_insights(store.items(db, include_retired=True),
                             store.day_moods(db, first, last),
                             marks,
                             store.steps_done_between(db, first or "0000-00-00", last))
    data = {"period": {"since": first, "until": last}, **data}
    if as_json:
        app.out.json(data)
        return

    app.out.print(views.insights_view(data))


@click.command()
@click.option("--week", "week_day", type=DAY, help="The week holding this day (the default: "
              "this week).")
@click.option("--month", "month_day", type=DAY, help="The month holding this day.")
@click.option("--year", "year_day", type=DAY, help="The calendar year holding this day.")
@click.option("--format", "fmt", type=click.Choice(("md", "html")), default="md",
              show_default=True, help="Markdown, or one self-contained HTML page.")
@click.option("--with-entries", is_flag=True, help="Include what you wrote (left out unless "
              "you ask: the report is for sharing).")
@click.option("-o", "--output", metavar="FILE",
              help="Write to this file (private, 0600) instead of the screen; - is the screen.")
@click.option("--force", is_flag=True, help="Replace the --output file if it exists.")
@click.pass_obj
def report(app: App, week_day: dt.date | None, month_day: dt.date | None,
           year_day: dt.date | None, fmt: str, with_entries: bool, output: str | None,
           force: bool) -> None:
    """A week, a month or a year on one page, to take to a counsellor or coach."""

    if sum(1 for given in (week_day, month_day, year_day) if given) > 1:
        raise errors.UsageProblem("Give one of --week, --month or --year.")
    app.journal()  # a missing journal is said before anything is made
    # The destination is checked before the summary is made: a refused one leaves all as it was.
    with written_out(app, output, force, "Report written to") as out:
        page = report_page(app, week_day, month_day, year_day, fmt, with_entries)
        out.handle.write((printable(page) if out.terminal else page).encode("utf-8"))


def report_page(app: App, week_day: dt.date | None, month_day: dt.date | None,
                year_day: dt.date | None, fmt: str, with_entries: bool) -> str:
    if year_day is not None:
        data = year_data(app, year_day)
        return (formats.reports.year_html if fmt == "html" else formats.reports.year_markdown)(data)
    period = (progress.month_of(month_day, app.today) if month_day
              else progress.week_of(week_day or app.today, app.today))
    the_summary = period_summary(app, period)
    entries = None
    if with_entries:
        entries = list(store.log_entries(
            app.journal(), since=period.start.isoformat(), until=period.end.isoformat()))
        entries.reverse()
    letters = None
    if with_entries:  # letters, like entries, only when asked for; sealed ones never
        now = app.now()
        letters = [letter for letter in reversed(store.all_letters(app.journal()))
                   if period.start.isoformat() <= letter.day <= period.end.isoformat()
                   and not letter.sealed(now)]
    vision = None
    if with_entries:
        saved = store.versions(app.journal())
        vision = saved[-1] if saved else None
    page = formats.reports.html_page if fmt == "html" else formats.reports.markdown
    return page(the_summary, entries, letters, vision)


@click.command()
@click.option("--item", "slug", metavar="SLUG", shell_complete=complete.item_slugs,
              help="Only this item's slips.")
@click.option("--since", type=DAY, help="First day to include.")
@json_option
@click.pass_obj
def slips(app: App, slug: str | None, since: dt.date | None, as_json: bool) -> None:
    """Slips (restraint items missed) with your notes, and how far apart they have been."""

    db = app.journal()
    labels = {item.slug: item.label for item in store.items(db, include_retired=True)}
    if slug is not None and slug not in labels:
        raise errors.UnknownItem(f"There is no item '{slug}' on your checklist; "
                                 "`reconcile items --all` lists them.")
    rows = progress.slip_rows(store.all_slips(db, item=slug, until=app.today.isoformat()))
    if since is not None:  # the gap to an earlier slip still counts for the first one shown
        rows = (row for row in rows if row["day"] >= since.isoformat())
    if as_json:
        app.out.json_array(rows)  # streamed: a long journal's slips are never held at once
        return

    period = progress.week_of(app.today, app.today)
    slip_days = (day for day, _, _ in store.all_slips(db, until=app.today.isoformat()))
    trend = progress.slip_trend(slip_days, period.start, period.as_of)
    app.out.print(views.slips_view(list(rows), labels, progress.slip_line(trend, "this week")))


@click.command()
@json_option
@click.pass_obj
def comfort(app: App, as_json: bool) -> None:
    """A calm page for a hard night: the people you could call, your own gratitude, starred
    lines, the opening of your vision, and what you have already done."""

    db = app.journal()
    today = app.today
    items = {item.slug: item for item in store.items(db, include_retired=True)}
    who = store.latest_answer(db, "who-i-want-to-be")
    walked = ((items[slug], history)  # one item's answers at a time
              for slug, history in store.item_histories(db, today.isoformat()) if slug in items)
    current = store.current_version(db)
    page = progress.comfort_page(
        store.gratitude_lines(db),
        [{"id": entry.id, "day": entry.day, "body": entry.body}
         for entry in store.starred_lines(db)],
        progress.milestones_reached(walked, store.checkin_days(db, today.isoformat()), today),
        store.restraint_days_kept(db, today.isoformat()),
        {"day": who.day, "body": who.body} if who else None,
        today,
        support=store.support_people(db),
        vision=progress.vision_opening(current.version, current.saved_at, current.text)
        if current else None)
    if as_json:
        app.out.json(page)
        return

    app.out.print(views.comfort_view(page))


def year_data(app: App, day: dt.date) -> dict[str, object]:
    db = app.journal()
    start, end = f"{day.year}-01-01", f"{day.year}-12-31"
    began = store.journey_start(db)
    paused = store.paused_days(db)
    marks, _ = progress.with_pauses(paused, store.marks_between(db, start, end))
    # "then and now" reads its two windows only: the journal's first 30 days and the last 30
    recent = app.today - dt.timedelta(days=29)
    windows: list[tuple[dt.date, dt.date]] = [(recent, app.today)]
    if began is not None:  # one window when the two overlap, so no day is counted twice
        windows = ([(min(began, recent), app.today)] if began + dt.timedelta(days=29) >= recent
                   else [(began, began + dt.timedelta(days=29)), (recent, app.today)])
    then_entries = [row for first, last in windows
                    for row in store.entries_between(db, first.isoformat(), last.isoformat())]
    then_marks, _ = progress.with_pauses(paused, [
        row for first, last in windows
        for row in store.marks_between(db, first.isoformat(), last.isoformat())])
    return progress.year_summary(
        day.year, app.today, began, store.items(db, include_retired=True),
        store.moods_between(db, start, end), marks, then_entries, then_marks, paused=paused,
        pauses=store.all_pauses(db))


@click.command()
@date_option
@json_option
@click.pass_obj
def year(app: App, day: dt.date | None, as_json: bool) -> None:
    """The year at a glance: a cell a day by mood, your months, the long trend, then and now."""
    data = year_data(app, day or app.today)
    if as_json:
        app.out.json(data)
        return

    app.out.print(views.year_view(data))


COMMANDS = (week, month, streaks, insights, report, slips, comfort, year)
