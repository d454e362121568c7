"""Publication dates as sources write them: YAML dates, ISO strings, or "September 17, 2023"."""

from __future__ import annotations

import datetime

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


def _parse_string(value: str) -> datetime.date | None:
    text = " ".join(value.split())
    if not text:
        return None
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        # The calendar date as written: a timestamp's local date, not converted to UTC.
        return datetime.datetime.fromisoformat(iso).date()
    except ValueError:
        pass
    for fmt in _WRITTEN_FORMATS:
        try:
            return datetime.datetime.strptime(text.replace(".", ""), fmt).date()
        except ValueError:
            continue
    return None


def parse_published(value: object) -> datetime.date | None:
    """The publication date in `value`, or None when absent or unreadable (never an error: dates are optional).

    Dates in the future are returned as given; judging them is not ingestion's business.
    """
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return _parse_string(value)
    return None
