"""End to end: a made-up readout in, every table's rows out, evidence exact, keys consistent."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract import EXTRACTOR_VERSION, Extractor
from parley.extract.nlp import load_nlp
from parley.extract.rows import ArticleInput, Extraction

EXTRACTOR = Extractor(load_nlp())

READOUT = """NAIROBI: Kenyan Foreign Minister Grace Wanjiru held talks with her Indian counterpart Arjun Rao in Nairobi on Wednesday.
The meeting lasted about 90 minutes.
Wanjiru expressed concern over India's new tariffs on tea and called for their early removal.
The two ministers expressed hope that bilateral trade would double by 2030.
The two sides agreed to set up a joint trade committee in the coming months.
They also signed a memorandum on visa facilitation.
"""
ARTICLE = ArticleInput(
    text=READOUT,
    title="Kenya, India foreign ministers hold talks",
    published=dt.date(2024, 6, 13),
    publisher="Ministry of Foreign Affairs of Kenya",
)


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return EXTRACTOR.extract(ARTICLE)


def test_one_meeting_with_its_fields(extraction):
    (meeting,) = extraction.meetings
    assert meeting.key == "m1"
    assert meeting.countries == ["IND", "KEN"]
    assert (meeting.status, meeting.format, meeting.level) == ("held", "in_person", "ministerial")
    assert (meeting.start_date, meeting.location, meeting.duration_minutes) == (
        dt.date(2024, 6, 12),
        "Nairobi",
        90,
    )


def test_participants_with_titles_and_sides(extraction):
    rows = {(p.name, p.title, p.country) for p in extraction.participants}
    assert rows == {("Grace Wanjiru", "Foreign Minister", "KEN"), ("Arjun Rao", "Foreign Minister", "IND")}


def test_positions_resolve_holders_and_targets(extraction):
    rows = {
        (p.holder_country, p.holder_name, p.stance, tuple(p.target_countries)) for p in extraction.positions
    }
    assert ("KEN", "Grace Wanjiru", "concern", ("IND",)) in rows
    assert ("KEN", "Grace Wanjiru", "demand", ("IND",)) in rows
    # a shared stance is one row per side
    assert {("KEN", "hope"), ("IND", "hope")} <= {(p.holder_country, p.stance) for p in extraction.positions}


def test_agreements_name_both_parties(extraction):
    statuses = sorted(a.status for a in extraction.agreements)
    assert statuses == ["agreed", "signed"]
    assert all(a.parties == ["IND", "KEN"] for a in extraction.agreements)


def test_every_evidence_is_an_exact_trimmed_slice(extraction):
    rows = [*extraction.meetings, *extraction.participants, *extraction.positions, *extraction.agreements]
    for row in rows:
        ev = row.evidence
        assert READOUT[ev.start : ev.end] == ev.text
        assert ev.text == ev.text.strip()
        assert not ev.text.startswith("NAIROBI")


def test_rows_point_at_meetings_of_the_same_extraction(extraction):
    keys = {m.key for m in extraction.meetings}
    for row in [*extraction.participants, *extraction.positions, *extraction.agreements]:
        assert row.meeting_key in keys


@pytest.mark.parametrize(
    "text", ["", "   \n", "%%%% ~~~ 12345", "Der Minister traf seinen Amtskollegen.", "met " * 5000]
)
def test_unusable_text_gives_an_empty_extraction(text):
    assert EXTRACTOR.extract(ArticleInput(text=text)) == Extraction()


def test_statements_without_a_meeting_give_no_rows():
    text = "The ministry strongly condemned the launch and urged restraint. It expressed grave concern."
    assert EXTRACTOR.extract(ArticleInput(text=text, published=dt.date(2024, 1, 2))) == Extraction()


def test_extract_many_matches_extract_one_by_one():
    articles = [ARTICLE, ArticleInput(text=""), ArticleInput(text=READOUT.replace("Nairobi", "Mombasa"))]
    assert list(EXTRACTOR.extract_many(articles, batch_size=2)) == [EXTRACTOR.extract(a) for a in articles]


def test_version_is_declared():
    assert EXTRACTOR_VERSION and isinstance(EXTRACTOR_VERSION, str)
