"""Swedish working days: the clock a feedback deadline runs on (seed 000: "inom två arbetsdagar").

Public holidays come from the `holidays` library. Midsommarafton, julafton and nyårsafton are not
public holidays in law but offices are closed, so they are added here explicitly (the library
only lists them in its non-public categories, and which category varies between versions).
Weekends are never working days, whether or not the library lists Sundays.
"""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _closed_days(year):
    days = set(holidays.Sweden(years=year).keys())
    days.add(datetime.date(year, 12, 24))  # julafton
    days.add(datetime.date(year, 12, 31))  # nyårsafton
    # Midsommarafton: the Friday between 19 and 25 June.
    june19 = datetime.date(year, 6, 19)
    days.add(june19 + datetime.timedelta(days=(4 - june19.weekday()) % 7))
    return frozenset(days)


def is_working_day(day):
    return day.weekday() < 5 and day not in _closed_days(day.year)


def add_working_days(start_date, n):
    """The date `n` working days after `start_date` (the day of receipt does not count)."""
    day = start_date
    counted = 0
    while counted < n:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day
