"""Dates: relative words resolved against publication, in the direction of the tense."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.dates import DateMention, dates_in, resolve
from parley.extract.mentions import parse_duration
from parley.extract.nlp import load_nlp

THURSDAY = dt.date(2024, 3, 14)
NLP = load_nlp()


def find_dates(text: str) -> list[DateMention]:
    """The date expressions the `dates` patterns find in a text."""
    return dates_in(NLP(text)[:])


def only(text: str):
    found = find_dates(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("they met on Tuesday", False, dt.date(2024, 3, 12)),
        ("they will meet on Tuesday", True, dt.date(2024, 3, 19)),
        ("talks held Thursday", False, THURSDAY),
        ("talks due Thursday", True, THURSDAY),
        ("met yesterday", False, dt.date(2024, 3, 13)),
        ("will meet tomorrow", True, dt.date(2024, 3, 15)),
        ("met today", False, THURSDAY),
        ("on 2 February 2021", False, dt.date(2021, 2, 2)),
        ("opened on the 17th of December 2019", False, dt.date(2019, 12, 17)),
        ("met on the 3rd of March", False, dt.date(2024, 3, 3)),
        ("on March 3", False, dt.date(2024, 3, 3)),
        ("on Dec. 28", False, dt.date(2023, 12, 28)),
        ("on April 2", True, dt.date(2024, 4, 2)),
        ("met next Monday", True, dt.date(2024, 3, 18)),
        ("will meet next Thursday", True, dt.date(2024, 3, 21)),
    ],
)
def test_resolved_days(text, future, expected):
    assert resolve(only(text), THURSDAY, future=future) == expected


@pytest.mark.parametrize(
    "text", ["last November", "in May 2023", "in 2006", "mid-February", "early next week"]
)
def test_vague_dates_fix_no_day(text):
    mentions = find_dates(text)
    assert all(resolve(m, THURSDAY) is None for m in mentions)


def test_no_publication_date_resolves_only_absolute_dates():
    assert resolve(only("met yesterday"), None) is None
    assert resolve(only("met on Friday"), None) is None
    assert resolve(only("on June 5, 2019"), None) == dt.date(2019, 6, 5)


def test_may_the_verb_is_not_a_date():
    assert find_dates("the sides may meet again") == []


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("went on for some 4 1/2 hours", 270),
        ("for approximately 40 minutes", 40),
        ("half an hour", 30),
        ("a two-hour meeting", 120),
    ],
)
def test_durations(text, minutes):
    assert parse_duration(text) == minutes


def test_no_duration():
    assert parse_duration("the talks were frank") is None


def test_a_part_of_yesterday_is_yesterday():
    found = only("they held a video conference yesterday afternoon")
    assert (found.text, resolve(found, THURSDAY)) == ("yesterday afternoon", dt.date(2024, 3, 13))
    assert resolve(only("The envoys hung up a short while ago"), THURSDAY) == THURSDAY


@pytest.mark.parametrize(
    "text",
    ["Maria Marshall spoke to Junichiro", "the Decision was taken", "the talks in Augusta", "on Mondays"],
)
def test_a_month_or_day_inside_a_word_is_no_date(text):
    assert find_dates(text) == []


def test_a_range_of_days_resolves_to_its_first_day():
    found = only("the forum ran on June 3-5, 2019")
    assert (found.kind, resolve(found, THURSDAY)) == ("mdy", dt.date(2019, 6, 3))


def test_a_day_off_the_calendar_is_no_date():
    assert resolve(only("they met on Tuesday"), dt.date(1, 1, 1)) is None
    assert resolve(only("will meet tomorrow"), dt.date(9999, 12, 31), future=True) is None


def test_next_weekday_is_that_day_of_the_following_week():
    wednesday = dt.date(2018, 8, 1)
    assert resolve(only("the meeting next Friday"), wednesday, future=True) == dt.date(2018, 8, 10)
    assert resolve(only("next Monday"), wednesday, future=True) == dt.date(2018, 8, 6)
