"""The days a meeting row can have taken place on: one day, a window, or unknown.

The extractor fixes `start_date` when the text fixes the day. Otherwise `date_text` (as
written) and the article's publication date still bound it: "next month", "last November",
"earlier this week", or, with no date at all, the days just before publication (held) or
after it (planned).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from parley.consolidate.rules import Rules
from parley.extract.dates import MONTHS

Window = tuple[dt.date, dt.date]
_WORD = re.compile(r"[a-z]+|\d{4}")
DAY = dt.timedelta(days=1)


def _month(year: int, month: int) -> Window:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _named_month(month: int, year: int | None, words: set[str], published: dt.date, status: str) -> Window:
    """ "last November", "in May 2021", "next March": the whole month, its year inferred from the tense."""
    if year is None:
        ahead = "next" in words or (status == "planned" and "last" not in words)
        year = published.year
        if ahead and month < published.month:
            year += 1
        elif not ahead and (month > published.month or ("last" in words and month == published.month)):
            year -= 1
    return _month(year, month)


def _relative(words: set[str], published: dt.date) -> Window | None:
    """ "last week", "next month", "earlier this week", "later this month"."""
    step = -1 if "last" in words or "past" in words else 1 if "next" in words or "coming" in words else 0
    if "week" in words:
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
        lo, hi = monday, monday + dt.timedelta(days=6)
    elif "month" in words:
        lo, hi = _month(*_shift_month(published, step))
    else:
        return None
    if step == 0 and "earlier" in words:
        hi = published
    elif step == 0 and "later" in words:
        lo = published
    return lo, hi


def _undated(published: dt.date, status: str, rules: Rules) -> Window:
    before = dt.timedelta(days=rules.undated_held_days)
    after = dt.timedelta(days=rules.undated_planned_days)
    if status == "held":
        return published - before, published
    if status == "planned":
        return published, published + after
    return published - before, published + after


def window(
    start_date: dt.date | None,
    date_text: str | None,
    status: str,
    published: dt.date | None,
    rules: Rules,
) -> Window | None:
    """The first and last day the meeting can have begun on, or None when its words bound it
    too loosely (`rules.max_window_days`) to join it with another report."""
    if start_date is not None:
        return start_date, start_date
    if published is None:
        return None
    if not date_text:
        return _undated(published, status, rules)
    words = _WORD.findall(date_text.lower())
    months = [MONTHS[w] for w in words if w in MONTHS]
    years = [int(w) for w in words if w.isdigit()]
    if months:
        span = _named_month(months[0], years[0] if years else None, set(words), published, status)
    else:
        span = _relative(set(words), published)
    return span if span is not None and (span[1] - span[0]).days <= rules.max_window_days else None
