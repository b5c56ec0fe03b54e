"""Click parameter types shared by the commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from reconcile_cli.cli.context import App
from reconcile_cli.core import errors
from reconcile_cli.core.dates import DateError, parse_day

F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:
    _DateParamType = click.ParamType[dt.date]
else:  # ParamType takes type arguments only from Click 8.4
    _DateParamType = click.ParamType


class DayParam(_DateParamType):
    """A journal day: YYYY-MM-DD, today, yesterday, -N or a weekday; never after today."""

    name = "date"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        app = ctx.find_object(App) if ctx else None
        today = app.today if app else dt.date.today()
        try:
            return parse_day(str(value), today)
        except DateError as exc:
            meant = _date_left_unquoted(str(value), today)
            if meant is not None:
                raise errors.UsageProblem(
                    f"'{value}' on its own is not a day. If you meant '{meant}', put it in "
                    f"quotes: --date \"{meant}\".") from None
            self.fail(str(exc), param, ctx)


def _date_left_unquoted(value: str, today: dt.date) -> str | None:
    """The date ``value`` and the word or two typed after it make together, when they do make
    one (`--date last friday`, `--date 3 days ago`): the quoting hint is for a date of several
    words, never for the text that follows a date (`--date 10/12 "planned trip"`)."""
    import sys

    args = sys.argv[1:]
    for index, arg in enumerate(args[:-1]):
        if arg in ("--date", "--since", "--until") and args[index + 1] == value:
            after = []
            for word in args[index + 2:index + 4]:
                if word.startswith("-"):
                    break
                after.append(word)
            for taken in range(len(after), 0, -1):
                words = " ".join([value, *after[:taken]])
                try:
                    parse_day(words, today)
                except DateError:
                    continue
                return words
    return None


DAY = DayParam()

DAY_HELP = "YYYY-MM-DD, today, yesterday, -N for N days ago, a weekday, or words like 'last friday'"


def date_option(func: F) -> F:
    return click.option(
        "--date", "day", type=DAY, default=None,
        help=f"The day ({DAY_HELP}). Default: today.",
    )(func)


def move_date_option(func: F) -> F:
    return click.option(
        "--date", "day", type=DAY, default=None,
        help=f"Move the entry to this day ({DAY_HELP}).",
    )(func)


if TYPE_CHECKING:
    _IntParamType = click.ParamType[int]
else:
    _IntParamType = click.ParamType


class MoodParam(_IntParamType):
    """A mood rating: a whole number from 1 to 10, with one plain sentence when it is not."""

    name = "mood"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None
                ) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif str(value).strip().isascii() and str(value).strip().lstrip("-").isdecimal():
            number = int(str(value).strip())
        else:
            number = 0
        if not 1 <= number <= 10:
            raise errors.UsageProblem(
                f"Mood is a whole number from 1 (very low) to 10 (at peace); '{value}' is not "
                "one.")
        return number


MOOD = MoodParam()

MOST = 2 ** 62  # any larger count means "all of them" (SQLite's LIMIT is a 64-bit integer)


class CountParam(click.IntRange):
    """How many to show: a whole number from 1; one larger than SQLite can take means "all of
    them" (help says "x>=1", not the 19-digit bound)."""

    name = "count"

    def __init__(self) -> None:
        super().__init__(min=1, max=MOST, clamp=True)

    def _describe_range(self) -> str:
        return "x>=1"


COUNT = CountParam()


def check_range(since: dt.date | None, until: dt.date | None) -> None:
    """One message, for every command, when a range is given the wrong way round."""
    if since is not None and until is not None and since > until:
        raise errors.UsageProblem(
            f"--since ({since.isoformat()}) is after --until ({until.isoformat()}); give the "
            "earlier day to --since.")
