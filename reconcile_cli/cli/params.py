"""Click parameter types shared by the commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from reconcile_cli.cli.app import App
from reconcile_cli.dates import DateError, parse_day

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
            self.fail(str(exc), param, ctx)


DAY = DayParam()


def date_option(func: F) -> F:
    return click.option(
        "--date",
        "day",
        type=DAY,
        default=None,
        help="The day (YYYY-MM-DD, today, yesterday, -N for N days ago, or a weekday). "
        "Default: today.",
    )(func)
