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
            stray = _word_after(str(value))
            if stray is not None:
                raise errors.UsageProblem(
                    f"'{value}' on its own is not a day. If you meant '{value} {stray}', put "
                    f"it in quotes: --date \"{value} {stray}\".") from None
            self.fail(str(exc), param, ctx)


def _word_after(value: str) -> str | None:
    """The word typed after ``value`` on the command line, when the two look like one date
    left unquoted (`--date last friday`)."""
    import sys

    args = sys.argv[1:]
    for index, arg in enumerate(args[:-1]):
        if arg in ("--date", "--since", "--until") and args[index + 1] == value \
                and index + 2 < len(args) and not args[index + 2].startswith("-"):
            return args[index + 2]
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


def check_range(since: dt.date | None, until: dt.date | None) -> None:
    """One message, for every command, when a range is given the wrong way round."""
    if since is not None and until is not None and since > until:
        raise errors.UsageProblem(
            f"--since ({since.isoformat()}) is after --until ({until.isoformat()}); give the "
            "earlier day to --since.")
