"""The working-day rule: reminders go out one working day before an event.

Pure functions of dates; weekends and public holidays (the `holidays` package) are not working days.
"""

import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@lru_cache(maxsize=32)
def _holidays(country, year):
    return holidays.country_holidays(country, years=year)


def is_working_day(day, country="NL"):
    return day.weekday() < 5 and day not in _holidays(country, day.year)


def previous_working_day(day, country="NL"):
    """The last working day strictly before `day` (a Monday gives the Friday before)."""
    candidate = day - datetime.timedelta(days=1)
    while not is_working_day(candidate, country):
        candidate -= datetime.timedelta(days=1)
    return candidate


def reminder_due_at(start, hour=9, country="NL", tz=AMSTERDAM):
    """When the reminder for an event starting at the aware datetime `start` is due (aware, in `tz`)."""
    local_day = start.astimezone(tz).date()
    day = previous_working_day(local_day, country)
    return datetime.datetime.combine(day, datetime.time(hour=hour), tzinfo=tz)
