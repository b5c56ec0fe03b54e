import datetime as dt

import pytest

from reconcile_cli.core.dates import DateError, parse_day

SUNDAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-03", "2026-11-03"),
        ("today", "2026-11-22"),
        ("Yesterday", "2026-11-21"),
        ("-1", "2026-11-21"),
        ("-30", "2026-10-23"),
        ("monday", "2026-11-16"),
        ("saturday", "2026-11-21"),
        ("sunday", "2026-11-15"),  # strictly before today, so a week back on a Sunday
    ],
)
def test_parse_day_accepts_the_documented_forms(text, expected):
    assert parse_day(text, SUNDAY).isoformat() == expected


@pytest.mark.parametrize("text", ["30/02/2026", "yesterday?", "", "blue moon", "monday!"])
def test_parse_day_names_the_accepted_forms_when_it_does_not_understand(text):
    with pytest.raises(DateError, match="YYYY-MM-DD, today, yesterday, -N"):
        parse_day(text, SUNDAY)


def test_parse_day_says_when_a_date_is_not_on_the_calendar():
    with pytest.raises(DateError, match="is not a day on the calendar. Use YYYY-MM-DD"):
        parse_day("2026-02-30", SUNDAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("last friday", "2026-11-20"), ("3 days ago", "2026-11-19"), ("nov 3", "2026-11-03"),
     ("Nov  3", "2026-11-03"), ("jan 25", "2026-01-25"), ("2 weeks ago", "2026-11-08"),
     ("31/01", "2026-01-31"), ("dec 25 2025", "2025-12-25")],
)
def test_parse_day_understands_everyday_words(text, expected):
    assert parse_day(text, SUNDAY).isoformat() == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [("03/04", "could be read two ways"), ("nov", "names a month, not a day"),
     ("last week", "names a week, not a day"), ("next tuesday", "is in the future"),
     # without a year, still to come this year: never moved a year back in silence
     ("dec 25", "25 December is still to come; say 2025-12-25 for last year"),
     ("31/12", "31 December is still to come; say 2025-12-31 for last year")],
)
def test_parse_day_refuses_what_is_ambiguous_rather_than_guess(text, message):
    with pytest.raises(DateError, match=message):
        parse_day(text, SUNDAY)


def test_the_fast_path_never_imports_the_date_library():
    import subprocess
    import sys

    probe = ("import sys, datetime; from reconcile_cli.core.dates import parse_day; "
             "parse_day('2026-11-03', datetime.date(2026, 11, 22)); parse_day('-2', "
             "datetime.date(2026, 11, 22)); print('dateparser' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.stdout.strip() == "False"


def test_parse_day_refuses_the_future_and_the_implausible_past():
    with pytest.raises(DateError, match="2026-11-23 is in the future"):
        parse_day("2026-11-23", SUNDAY)
    with pytest.raises(DateError, match="too far in the past"):
        parse_day("1899-12-31", SUNDAY)
    with pytest.raises(DateError, match="too far in the past"):
        parse_day("-99999999", SUNDAY)
