"""The join rule: may two meeting rows report the same real-world meeting, and how well do they fit?

Pure functions of two `Report`s; `assign.py` applies them to whole events (every member
must fit a newcomer: one bad link cannot chain two meetings together).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from parley.consolidate.dates import Window
from parley.consolidate.rules import Rules

_PLACE_WORD = re.compile(r"[^\W\d_]+")
PLACE_STOP = frozenset(
    [
        "the",
        "of",
        "in",
        "at",
        "on",
        "and",
        "near",
        "city",
        "capital",
        "palace",
        "house",
        "hall",
        "office",
        "ministry",
    ]
)


@dataclass(frozen=True)
class Report:
    """One meeting row with what the rule needs from it and from its article."""

    meeting_id: str
    article_id: str
    countries: tuple[str, ...]
    organizations: tuple[str, ...]
    status: str
    format: str
    level: str
    start_date: dt.date | None
    window: Window | None
    location: str | None
    evidence: str
    published: dt.date | None
    publisher: str | None
    copy_of: str | None  # the article this row's article copies

    @property
    def sides(self) -> frozenset[str]:
        return frozenset(self.countries) | frozenset(self.organizations)

    @property
    def place_words(self) -> frozenset[str]:
        words = _PLACE_WORD.findall((self.location or "").lower())
        return frozenset(w for w in words if w not in PLACE_STOP)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def sides_fit(a: Report, b: Report, rules: Rules) -> bool:
    """The very same sides; or, for meetings of many parties, enough of them in common."""
    if a.sides == b.sides:
        return True
    small = min(len(a.sides), len(b.sides))
    return (
        small >= rules.multilateral_min_parties
        and jaccard(a.sides, b.sides) >= rules.multilateral_min_jaccard
    )


def dates_fit(a: Report, b: Report, rules: Rules) -> bool:
    """Their windows (a single day when the day is known) meet, give or take `day_tolerance`."""
    if a.window is None or b.window is None:
        return False
    slack = dt.timedelta(days=rules.day_tolerance)
    return a.window[0] <= b.window[1] + slack and b.window[0] <= a.window[1] + slack


def formats_fit(a: Report, b: Report, rules: Rules) -> bool:
    if "unknown" in (a.format, b.format) or a.format == b.format:
        return True
    return any(a.format in group and b.format in group for group in rules.format_groups)


def places_fit(a: Report, b: Report, rules: Rules) -> bool:
    if not rules.location_must_agree or not a.place_words or not b.place_words:
        return True
    if rules.location_excused_on_same_day and a.start_date is not None and a.start_date == b.start_date:
        return True
    return bool(a.place_words & b.place_words)


def may_share(a: Report, b: Report) -> bool:
    """The least any two rows of one event have in common: other articles, a side in common."""
    return a.article_id != b.article_id and bool(a.sides & b.sides)


def same_meeting(a: Report, b: Report, rules: Rules) -> bool:
    """Two rows from different articles that may report one meeting: sides, dates, format, place."""
    return (
        a.article_id != b.article_id
        and sides_fit(a, b, rules)
        and dates_fit(a, b, rules)
        and formats_fit(a, b, rules)
        and places_fit(a, b, rules)
    )


def closeness(a: Report, b: Report) -> float:
    """How well two fitting rows agree, to pick the best of several fitting events."""
    score = jaccard(a.sides, b.sides)
    if a.start_date is not None and a.start_date == b.start_date:
        score += 1.0
    elif a.window and b.window:
        gap = abs((a.window[0] - b.window[0]).days) + abs((a.window[1] - b.window[1]).days)
        score += 0.5 / (1 + gap)
    if a.format == b.format != "unknown":
        score += 0.25
    if a.place_words and a.place_words & b.place_words:
        score += 0.25
    return score


def copy_closeness(copy: Report, original: Report) -> float | None:
    """How surely a copy's row is its original's row; None when their sides do not even overlap."""
    if not copy.sides & original.sides:
        return None
    score = 2.0 * (copy.evidence == original.evidence) + jaccard(copy.sides, original.sides)
    score += 0.5 * (copy.start_date == original.start_date) + 0.25 * (copy.status == original.status)
    return score
