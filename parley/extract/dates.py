"""Find date expressions and resolve them against the publication date.

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

_MONTH = r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PATTERNS = [
    ("mdy", rf"{_MONTH}\s+{_DAY}(?:\s*[-–]\s*\d{{1,2}})?(?:,\s*{_YEAR})?(?!\d)"),
    ("dmy", rf"(?<!\d){_DAY}(?:\s*[-–]\s*\d{{1,2}})?\s+{_MONTH}(?:,?\s+{_YEAR})?"),
    ("my", rf"(?:(?P<mod>last|next|this|early|late|mid|in)[\s-]+)?{_MONTH}(?:\s+{_YEAR})?"),
    ("year", rf"(?:in|since)\s+{_YEAR}"),
    (
        "weekday",
        rf"(?:(?P<wmod>last|next|this|on)\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?(?:['’]s)?",
    ),
    (
        "relative",
        r"(?i:a short while ago|earlier today|(?:earlier )?this (?:morning|afternoon|evening)|tonight|today"
        r"|(?:yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?)",
    ),
]
_BY_KIND = {kind: re.compile(pattern) for kind, pattern in _PATTERNS}


@dataclass(frozen=True)
class DateMention:
    """A date expression as written, with its character offsets in the searched text."""

    text: str
    start: int
    end: int
    kind: str  # mdy | dmy | my | year | weekday | relative


def find_dates(text: str, offset: int = 0) -> list[DateMention]:
    """Date expressions in `text`, longest first at each position, without overlaps."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, regex in _BY_KIND.items():
        for match in regex.finditer(text):
            start, end = match.span()
            if (
                kind == "my"
                and match.group("month") == "May"
                and not match.group("mod")
                and not match.group("year")
            ):
                continue  # bare "May" is too often the verb
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            found.append(DateMention(match.group(0), offset + start, offset + end, kind))
    return sorted(found, key=lambda m: m.start)


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _year_for(month: int, day: int, published: dt.date, future: bool) -> int:
    year = published.year
    candidate = dt.date(year, month, day)
    if not future and candidate > published + dt.timedelta(days=7):
        year -= 1
    elif future and candidate < published - dt.timedelta(days=7):
        year += 1
    return year


def resolve(mention: DateMention, published: dt.date | None, future: bool = False) -> dt.date | None:
    """The day a mention fixes, or None when the text and publication date do not fix one."""
    match = _BY_KIND[mention.kind].fullmatch(mention.text)
    if match is None:
        return None
    try:
        if mention.kind in ("mdy", "dmy"):
            month, day = _month_number(match.group("month")), int(match.group("day"))
            if match.group("year"):
                return dt.date(int(match.group("year")), month, day)
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
        if mention.kind == "weekday":
            target = WEEKDAYS.index(match.group("weekday").lower())
            modifier = (match.group("wmod") or "").lower()
            if modifier == "next":
                future = True
            elif modifier == "last":
                future = False
            delta = (target - published.weekday()) % 7
            return (
                published + dt.timedelta(days=delta)
                if future
                else published - dt.timedelta(days=(-delta) % 7)
            )
    except (ValueError, KeyError):
        return None
    return None
