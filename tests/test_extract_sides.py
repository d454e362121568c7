"""Sides: country names, demonyms, capitals, acronyms and organisations to codes."""

from __future__ import annotations

import pytest

from parley.extract.home import dateline_place, home_side
from parley.extract.sides import side_lexicon

SIDES = side_lexicon()


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("talks between Brazil and Argentina", ["BRA", "ARG"]),
        ("the Chinese side", ["CHN"]),
        ("Seoul and Beijing", ["KOR", "CHN"]),
        ("the ROK and the DPRK", ["KOR", "PRK"]),
        ("U.S. officials", ["USA"]),
        ("Japan-ROK relations", ["JPN", "KOR"]),
        ("the U.S.-North Korea summit", ["USA", "PRK"]),
        ("Kosovo and Taiwan", ["XKX", "TWN"]),
        ("the European Union and NATO", ["EU", "NATO"]),
    ],
)
def test_codes_in_order_of_mention(text, codes):
    assert SIDES.codes(text) == codes


def test_words_that_merely_contain_a_name_are_not_sides():
    assert SIDES.codes("the Korean Peninsula and the Indiana border") == []


def test_organisations_are_flagged():
    found = SIDES.find("The EU and France")
    assert [(m.code, m.is_org) for m in found] == [("EU", True), ("FRA", False)]


def test_offsets_are_shifted_into_the_article():
    found = SIDES.find("met Kenya", offset=100)
    assert (found[0].start, found[0].end) == (104, 109)


def test_single_country_or_none():
    assert SIDES.country("the Greek delegation") == "GRC"
    assert SIDES.country("Greece and Turkey") is None


@pytest.mark.parametrize(
    ("publisher", "text", "home"),
    [
        ("Ministry of Foreign Affairs of Japan", "", "JPN"),
        ("The White House", "", "USA"),
        ("Some Wire Service", "NAIROBI: The ministers met.", "KEN"),
        ("Some Wire Service", "The ministers met.", None),
        ("Some Wire Service", "LUSAKA, March 3 (Wire) -- The ministers met.", "ZMB"),
        ("United Nations, Office of the Spokesperson", "The Secretary-General met ...", "UN"),
    ],
)
def test_home_side_from_publisher_or_dateline(publisher, text, home):
    assert home_side(SIDES, publisher, text) == home


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("BERGEN, Norway, June 3 (Wire) -- The ministers met.", "Bergen"),
        ("Headline\nSAN JOSE — The ministers met.", "San Jose"),
        ("The Secretary-General met the President.\n\nGeneva, 4 May 2024", "Geneva"),
        ("The ministers met - and agreed.", None),
    ],
)
def test_dateline_place(text, place):
    assert dateline_place(text) == place
