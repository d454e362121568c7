"""Meetings: which encounters an article reports, and each one's sides, status, format, level, date, place."""

from __future__ import annotations

import datetime as dt

from parley.extract import Extractor
from parley.extract.nlp import load_nlp
from parley.extract.rows import ArticleInput, Meeting

EXTRACTOR = Extractor(load_nlp())
MONDAY = dt.date(2024, 6, 10)


def meetings(text: str, published: dt.date | None = MONDAY, **meta) -> list[Meeting]:
    return EXTRACTOR.extract(ArticleInput(text=text, published=published, **meta)).meetings


def test_a_held_bilateral_meeting_with_its_fields():
    (meeting,) = meetings(
        "Foreign Minister Hana Ito held talks with her Brazilian counterpart Paulo Mendes in Tokyo on Friday. "
        "The meeting lasted about two hours.",
        publisher="Kyodo News",
    )
    assert meeting.countries == ["BRA", "JPN"]
    assert (meeting.status, meeting.format, meeting.level) == ("held", "in_person", "ministerial")
    assert meeting.start_date == dt.date(2024, 6, 7)
    assert (meeting.location, meeting.duration_minutes) == ("Tokyo", 120)


def test_planned_video_call_is_dated_forward():
    found = meetings(
        "Prime Minister Lena Holm of Norway and Canadian Prime Minister Mark Devlin met in Oslo on Saturday. "
        "Holm and Devlin are scheduled to hold a video call next Thursday."
    )
    assert [(m.status, m.format, m.level, m.start_date) for m in found] == [
        ("held", "in_person", "summit", dt.date(2024, 6, 8)),
        ("planned", "virtual", "summit", dt.date(2024, 6, 13)),
    ]


def test_a_summit_that_is_only_the_setting_is_not_a_meeting():
    found = meetings(
        "Prime Minister Lena Holm of Norway and Canadian Prime Minister Mark Devlin met on the sidelines "
        "of the G20 summit in Rome on Saturday."
    )
    assert [(m.countries, m.organizations, m.location) for m in found] == [(["CAN", "NOR"], [], "Rome")]


def test_a_hypothetical_meeting_is_not_reported():
    found = meetings("Analysts ask whether the Indian and Chinese leaders will meet at the forum next month.")
    assert found == []


def test_a_background_meeting_is_its_own_row_without_a_day():
    found = meetings(
        "Kenyan Foreign Minister Grace Wanjiru spoke by telephone with Indian External Affairs Minister "
        "Arjun Rao on Wednesday. The call came after their first meeting in Nairobi last August."
    )
    assert [(m.format, m.start_date, m.date_text) for m in found] == [
        ("phone", dt.date(2024, 6, 5), "Wednesday"),
        ("in_person", None, "last August"),
    ]
    assert all(m.countries == ["IND", "KEN"] for m in found)


def test_separate_meetings_become_bilaterals():
    found = meetings(
        "Deputy Foreign Minister Omar Haddad of Jordan held talks with his counterparts from Chile, Peru and "
        "Ecuador in Lima on Friday. In separate meetings, Haddad agreed to expand trade ties."
    )
    assert sorted(tuple(m.countries) for m in found) == [("CHL", "JOR"), ("ECU", "JOR"), ("JOR", "PER")]
    assert {m.level for m in found} == {"vice_ministerial"}


def test_a_second_round_agreed_on_is_a_planned_meeting():
    found = meetings(
        "The third round of consultations between Egypt and Greece was held in Athens on 3 June 2024. "
        "Both sides agreed to hold the next round in Cairo."
    )
    assert [(m.status, m.location, m.start_date) for m in found] == [
        ("held", "Athens", dt.date(2024, 6, 3)),
        ("planned", "Cairo", None),
    ]


def test_the_readout_speaker_is_the_publishers_side():
    (meeting,) = meetings(
        "A short while ago, I had a telephone talk with President Amara Diallo of Nigeria.",
        publisher="Prime Minister's Office of Japan",
    )
    assert (meeting.countries, meeting.format, meeting.level, meeting.start_date) == (
        ["JPN", "NGA"],
        "phone",
        "summit",
        MONDAY,
    )


def test_no_meeting_in_a_statement():
    assert meetings("The ministry condemned the missile launch and urged restraint.") == []


def test_members_of_an_organisation_meeting_are_a_meeting_of_it():
    (meeting,) = meetings("ASEAN foreign ministers met in Vientiane on Thursday and called for a ceasefire.")
    assert (meeting.countries, meeting.organizations, meeting.level) == ([], ["ASEAN"], "ministerial")


def test_a_pronoun_subject_brings_its_person_to_the_meeting():
    (meeting,) = meetings(
        "Ukrainian Foreign Minister Olena Koval said she had met her Polish counterpart Marek Nowak in Warsaw."
    )
    assert (meeting.countries, meeting.location) == (["POL", "UKR"], "Warsaw")


def test_a_cancelled_meeting():
    (meeting,) = meetings(
        "A planned meeting between the foreign ministers of Armenia and Azerbaijan in Washington was cancelled."
    )
    assert (meeting.countries, meeting.status, meeting.level) == (["ARM", "AZE"], "cancelled", "ministerial")
