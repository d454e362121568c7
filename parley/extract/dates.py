"""Resolve date expressions against the publication date.

The expressions themselves are found by the patterns of `patterns/dates.jsonl`, which the
`parley_cues` component writes to `doc.spans["dates"]`, labelled with their kind.

Relative words ("Wednesday", "yesterday", "tomorrow") need the publication
date and the direction of the tense: a held meeting on "Wednesday" is the last
Wednesday on or before publication, a planned one the next on or after it.
Vaguer expressions ("last November", "in May", "in 2006") are kept as
`date_text` but fix no day, so they resolve to None.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # consolidation reads the month names without loading spaCy
    from spacy.tokens import Span

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
RELATIVE_DAYS = {
    "today": 0,
    "earlier today": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tonight": 0,
    "a short while ago": 0,
    "yesterday": -1,
    "tomorrow": 1,
}

GROUP = "dates"  # the span group of patterns/dates.jsonl, which finds the expressions
_WORD = re.compile(r"[^\W\d_]+|\d+")


@dataclass(frozen=True)
class DateMention:
    """A date expression as written, with its character offsets in the article."""

    text: str
    start: int
    end: int
    kind: str  # mdy | dmy | my | year | weekday | relative: the label of the pattern that found it


def dates_in(span: Span) -> list[DateMention]:
    """The date expressions (`doc.spans["dates"]`) that lie wholly inside `span`, in text order."""
    return [
        DateMention(d.text, d.start_char, d.end_char, d.label_)
        for d in span.doc.spans[GROUP]
        if span.start <= d.start and d.end <= span.end
    ]


def _parts(text: str) -> tuple[int | None, int | None, int | None, int | None, str | None]:
    """Month, first day, year, weekday (0 = Monday) and the first modifier word of an expression."""
    month = day = year = weekday = None
    modifier = None
    for word in _WORD.findall(text):
        lower = word.lower()
        if word.isdigit():
            if len(word) == 4:
                year = int(word)
            elif day is None:
                day = int(word)
        elif month is None and lower in MONTHS:
            month = MONTHS[lower]
        elif lower in WEEKDAYS:
            weekday = WEEKDAYS.index(lower)
        elif modifier is None:
            modifier = lower
    return month, day, year, weekday, modifier


def _year_for(month: int, day: int, published: dt.date, future: bool) -> int:
    year = published.year
    candidate = dt.date(year, month, day)
    if not future and candidate > published + dt.timedelta(days=7):
        year -= 1
    elif future and candidate < published - dt.timedelta(days=7):
        year += 1
    return year


_MONTH_NAMES = "|".join(m for m in MONTHS if len(m) > 3)
_FULL_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\s+(?:{_MONTH_NAMES})|(?:{_MONTH_NAMES})\s+\d{{1,2}},?)\s+\d{{4}}\b", re.IGNORECASE
)


def full_date(text: str) -> DateMention | None:
    """The first full date (day, month, year) in a text outside the parsed article, such as its
    title; it has no offsets in the article (-1)."""
    match = _FULL_DATE.search(text)
    if match is None:
        return None
    kind = "dmy" if match.group(0)[0].isdigit() else "mdy"
    return DateMention(match.group(0), -1, -1, kind)


# Meeting statuses whose bare weekdays point forward: planned, or called off before it was held.
AHEAD = ("planned", "cancelled")


def resolve(mention: DateMention, published: dt.date | None, future: bool = False) -> dt.date | None:
    """The day a mention fixes, or None when the text and publication date do not fix one."""
    month, day, year, weekday, modifier = _parts(mention.text)
    try:
        if mention.kind in ("mdy", "dmy"):
            if month is None or day is None:
                return None
            if year is not None:
                return dt.date(year, month, day)
            if published is None:
                return None
            return dt.date(_year_for(month, day, published, future), month, day)
        if published is None:
            return None
        if mention.kind == "relative":
            words = mention.text.lower()
            words = words.removeprefix("earlier ") if words.startswith("earlier this") else words
            days = RELATIVE_DAYS[words] if words in RELATIVE_DAYS else RELATIVE_DAYS[words.split()[0]]
            return published + dt.timedelta(days=days)
        if mention.kind == "weekday" and weekday is not None:
            if modifier == "next":
                future = True
            elif modifier == "last":
                future = False
            delta = (weekday - published.weekday()) % 7
            if modifier == "next":  # "next Friday": the Friday of next week, the week after publication's
                return published + dt.timedelta(days=7 - published.weekday() + weekday)
            return (
                published + dt.timedelta(days=delta)
                if future
                else published - dt.timedelta(days=(-delta) % 7)
            )
    except (ValueError, KeyError, OverflowError):  # a date off the calendar ("Tuesday" of year 1)
        return None
    return None
