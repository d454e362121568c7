"""Publication dates as sources write them: YAML dates, ISO strings, or "September 17, 2023"."""

from __future__ import annotations

import datetime
import re

from parley.ingest.problems import IngestProblem

# Unambiguous written forms only: numeric day/month orders such as 03/04/2023 differ by country.
_WRITTEN_FORMATS = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d %B, %Y",
    "%A, %B %d, %Y",
    "%A %d %B %Y",
    "%Y/%m/%d",
)
# A value written as a numeric date (2023-02-30, 2023/13/01) claims to be one: if no calendar holds
# it, that is a mistake to report, not free text to ignore.
_NUMERIC_DATE = re.compile(r"\d{4}[-/]\d{1,2}[-/]\d{1,2}")
# News about diplomatic talks falls well inside these years; outside them a date is a typo or a
# placeholder (0001-01-01), and relative dates anchored on it ("Tuesday", "next year") would leave
# the calendar.
EARLIEST = datetime.date(1800, 1, 1)
LATEST = datetime.date(2200, 12, 31)


def _parse_string(value: str) -> datetime.date | None:
    text = " ".join(value.split())
    if not text:
        return None
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        # The calendar date as written: a timestamp's local date, not converted to UTC.
        return datetime.datetime.fromisoformat(iso).date()
    except ValueError as error:
        iso_error = error
    for fmt in _WRITTEN_FORMATS:
        try:
            return datetime.datetime.strptime(text.replace(".", ""), fmt).date()
        except ValueError:
            continue
    if _NUMERIC_DATE.match(text):
        raise IngestProblem("bad_date", f"published {text[:40]!r} is not a real date ({iso_error})")
    return None


def parse_published(value: object) -> datetime.date | None:
    """The publication date in `value`, or None when absent or unreadable as a date (dates are optional).

    A value written as a numeric date that no calendar holds, or a date outside EARLIEST..LATEST,
    raises IngestProblem (`bad_date`): the input is rejected with the reason rather than given a
    date that is wrong. Dates in the near future are returned as given; judging them is not
    ingestion's business.
    """
    if isinstance(value, datetime.datetime):
        date = value.date()
    elif isinstance(value, datetime.date):
        date = value
    elif isinstance(value, str):
        date = _parse_string(value)
    else:
        return None
    if date is not None and not EARLIEST <= date <= LATEST:
        raise IngestProblem(
            "bad_date",
            f"published {date.isoformat()} is outside {EARLIEST.year}-{LATEST.year}; fix or remove it",
        )
    return date
