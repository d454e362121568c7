"""Sides: country names, demonyms, capitals, acronyms and organisations to codes."""

from __future__ import annotations

import pycountry
import pytest

from parley.extract.home import dateline_place, home_side
from parley.extract.lexicons import load_lexicon
from parley.extract.offices import implied_side
from parley.extract.people import PeopleFinder
from parley.extract.sentences import sentences
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


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Mauritanians and Malians crossed the border", ["MRT", "MLI"]),
        ("an Ivorian envoy and a Burkinabe minister", ["CIV", "BFA"]),
        ("Cape Verde, Eswatini and East Timor", ["CPV", "SWZ", "TLS"]),
        ("formerly Swaziland", ["SWZ"]),
        ("officials in Naypyidaw and Ulaanbaatar", ["MMR", "MNG"]),
        ("Kuwait City and Sanaa", ["KWT", "YEM"]),
        ("The Gambia and Guinea-Bissau", ["GMB", "GNB"]),
        ("a Dominican diplomat", ["DOM"]),
        ("Congolese troops and Congo-Brazzaville", ["COD", "COG"]),
        ("Tongans, Samoans and Fijians", ["TON", "WSM", "FJI"]),
        ("Georgian and Azeri officials", ["GEO", "AZE"]),
        ("the Falklands", ["FLK"]),
    ],
)
def test_demonyms_capitals_and_short_names_of_every_region(text, codes):
    assert SIDES.codes(text) == codes


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("ECOWAS and the Pacific Islands Forum", ["ECOWAS", "PIF"]),
        ("the Organization of American States", ["OAS"]),
        ("Caricom and Mercosur", ["CARICOM", "Mercosur"]),
        ("the Commonwealth of Independent States and the CSTO", ["CIS", "CSTO"]),
        ("SADC, IGAD and the East African Community", ["SADC", "IGAD", "EAC"]),
        ("the AU Commission", ["AU"]),
        ("co-chairs of the Minsk Group", ["OSCE"]),
    ],
)
def test_regional_organisations(text, codes):
    assert SIDES.codes(text) == codes
    assert all(SIDES.is_org(code) for code in codes)


@pytest.mark.parametrize(
    "text",
    [
        "trade with Latin America and South American markets",
        "patrols in the South China Sea",
        "a senator from New Mexico",
        "Sofia Ramos and Santiago Ortiz met Victoria Lane and Trinidad Ruiz",
        "a male delegate",
        "under the Vienna Convention",
        "several Central African states",
        "the Foreign, Commonwealth and Development Office",
        "a Minister of Foreign Affairs and Francophonie",
    ],
)
def test_regions_ordinary_words_and_personal_names_are_not_sides(text):
    assert SIDES.codes(text) == []


def test_every_code_is_a_country_and_no_organisation_takes_a_country_code():
    countries = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    assert set(load_lexicon("countries")) <= countries
    assert not set(load_lexicon("organizations")) & countries


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
        ("Mar 4, 2024 (LIMA) — The ministers met.", "Lima"),
    ],
)
def test_dateline_place(text, place):
    assert dateline_place(text) == place


@pytest.mark.parametrize(
    ("text", "surname", "side"),
    [
        (
            "Marta Quiroga, Secretary-General of the Organization of American States, met him.",
            "Quiroga",
            "OAS",
        ),
        ("Amadou Keita, Chairperson of the African Union Commission, received him.", "Keita", "AU"),
        ("ASEAN Secretary-General Somchai Phan visited Dili on Monday.", "Phan", "ASEAN"),
        ("The EU's High Representative Lena Varga arrived in Tokyo.", "Varga", "EU"),
        ("The President of the ECOWAS Commission, Ibrahim Sow, arrived in Accra.", "Sow", "ECOWAS"),
    ],
)
def test_an_organisations_head_is_the_organisations_side(nlp, text, surname, side):
    doc = nlp(text)
    found = PeopleFinder(SIDES).find(doc, sentences(doc))
    (person,) = [p for p in found.persons if p.name.endswith(surname)]
    assert person.side == side


def test_offices_only_one_organisation_has():
    assert implied_side("High Representative for Foreign Affairs and Security Policy") == "EU"
    assert implied_side("High Representative for Bosnia and Herzegovina") is None


def test_a_region_named_for_its_countries_is_each_of_them():
    assert SIDES.codes("the foreign ministers of Central Asian countries") == [
        "KAZ",
        "KGZ",
        "TJK",
        "TKM",
        "UZB",
    ]
    assert SIDES.codes("leaders of the Baltic states and Poland") == ["EST", "LTU", "LVA", "POL"]
    assert SIDES.codes("a visit to Central Asia, the Special Representative for Central Asia") == []


def test_a_country_name_that_reads_as_something_else_counts_where_a_country_stands():
    assert SIDES.codes("the Minister of Foreign Affairs of Niger and Chad's president") == ["NER", "TCD"]
    assert SIDES.codes("Chad Smith said the Niger Delta flooded") == []
    assert SIDES.codes("a visit to Guinea and to Papua New Guinea") == ["GIN", "PNG"]
