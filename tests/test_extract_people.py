"""People: names, titles as written, sides, and later mentions by surname, office or pronoun."""

from __future__ import annotations

import pytest

from parley.extract.nlp import load_nlp
from parley.extract.offices import office_word_levels, title_level
from parley.extract.people import People, PeopleFinder
from parley.extract.sentences import sentences
from parley.extract.sides import side_lexicon

NLP = load_nlp()


def people(text: str, title: str | None = None) -> People:
    doc = NLP(text)
    return PeopleFinder(side_lexicon()).find(doc, sentences(doc), title)


def person(found: People, surname: str):
    matches = [p for p in found.persons if p.name.split()[-1] == surname]
    assert len(matches) == 1, [p.name for p in found.persons]
    return matches[0]


@pytest.mark.parametrize(
    ("text", "surname", "name", "title", "side"),
    [
        (
            "Chilean Foreign Minister Rosa Fuentes arrived on Monday.",
            "Fuentes",
            "Rosa Fuentes",
            "Foreign Minister",
            "CHL",
        ),
        (
            "Germany's Deputy Foreign Minister Jonas Weber spoke first.",
            "Weber",
            "Jonas Weber",
            "Deputy Foreign Minister",
            "DEU",
        ),
        (
            "Mr. Tomas Novak, Minister of State of the Czech Republic, said so.",
            "Novak",
            "Tomas Novak",
            "Minister of State",
            "CZE",
        ),
        ("President Amara Diallo of Nigeria spoke.", "Diallo", "Amara Diallo", "President", "NGA"),
        ("Secretary of State Joan Miller travelled.", "Miller", "Joan Miller", "Secretary of State", "USA"),
        (
            "Italian Minister for Europe and Foreign Affairs Carla Bruni spoke.",
            "Bruni",
            "Carla Bruni",
            "Minister for Europe and Foreign Affairs",
            "ITA",
        ),
        (
            "The delegation called on the Minister of Trade of Ghana, Mr. Kofi Mensah.",
            "Mensah",
            "Kofi Mensah",
            "Minister of Trade of Ghana",
            "GHA",
        ),
        (
            "Norway's Minister of Fisheries and Coastal Affairs, Lars Berg, received the delegation.",
            "Berg",
            "Lars Berg",
            "Minister of Fisheries and Coastal Affairs",
            "NOR",
        ),
        (
            "The call was placed by President of the Republic of Moldova Ion Ceban on Friday.",
            "Ceban",
            "Ion Ceban",
            "President of the Republic of Moldova",
            "MDA",
        ),
        (
            "The Director-General, Ms. Petra Lang, opened the session.",
            "Lang",
            "Petra Lang",
            "Director-General",
            None,
        ),
    ],
)
def test_name_title_and_side_at_first_mention(text, surname, name, title, side):
    found = person(people(text), surname)
    assert (found.name, found.title, found.side) == (name, title, side)


def test_counterpart_takes_the_title_and_the_named_side():
    found = people("Foreign Minister Ana Lopes met her Indonesian counterpart Budi Santoso in Jakarta.")
    santoso = person(found, "Santoso")
    assert santoso.title == "Foreign Minister"
    assert santoso.side == "IDN"


def test_later_surname_mentions_resolve_to_the_person():
    found = people("Prime Minister Ingrid Solberg met the press. Solberg said the talks went well.")
    solberg = person(found, "Solberg")
    assert len(solberg.mentions) == 2


def test_office_mention_resolves_to_the_person_with_that_title():
    found = people(
        "Secretary of State Joan Miller met Kenyan officials. The Secretary welcomed the progress."
    )
    assert any(o.person is person(found, "Miller") and o.title == "Secretary" for o in found.offices)


def test_unnamed_office_keeps_the_side_its_title_implies():
    found = people("The Foreign Secretary phoned Russian Foreign Minister Ivan Petrov on Monday.")
    office = next(o for o in found.offices if o.title == "Foreign Secretary")
    assert (office.person, office.side) == (None, "GBR")


def test_delegation_names_the_side_of_its_members():
    found = people("Heading the Peruvian team were Ambassador Lucia Rojas and Director Carlos Vega.")
    assert {p.name: p.side for p in found.persons} == {"Lucia Rojas": "PER", "Carlos Vega": "PER"}


def test_headline_completes_a_surname_only_name():
    found = people("Foreign Minister Petrov spoke on Monday.", title="Readout: call with Ivan Petrov")
    assert person(found, "Petrov").name == "Ivan Petrov"


def test_pronoun_resolves_to_the_last_subject():
    text = "Foreign Minister Rosa Fuentes met reporters. She said little."
    found = people(text)
    she = next(t for t in found.doc if t.text == "She")
    assert found.antecedent(she.i) is person(found, "Fuentes")


def test_a_first_name_the_tagger_missed_is_read_from_a_later_mention():
    found = people(
        "Kenya's Minister of Mining and Cooperation Wanjiku Otieno hosted the talks. Otieno spoke first."
    )
    otieno = person(found, "Otieno")
    assert (otieno.name, otieno.side) == ("Wanjiku Otieno", "KEN")
    assert otieno.title is not None and otieno.title.startswith("Minister of Mining")


def test_a_counterpart_after_a_comma_and_a_rank_takes_the_named_side():
    found = people("Foreign Minister Omar Said and his Qatari counterpart, Sheikh Hamad Thani, spoke.")
    assert person(found, "Thani").side == "QAT"


def test_a_compound_office_is_one_title_not_a_person():
    found = people("Chinese State Councilor and Foreign Minister Li Wenhua received the envoy.")
    assert [p.name for p in found.persons] == ["Li Wenhua"]
    assert (found.persons[0].title, found.persons[0].side) == ("State Councilor and Foreign Minister", "CHN")


@pytest.mark.parametrize(
    ("text", "surname", "title", "side"),
    [
        (
            "European Council President Karl Weber opened the summit.",
            "Weber",
            "European Council President",
            "EU",
        ),
        ("U.N. trade official Maria Costa flew to Geneva.", "Costa", "trade official", "UN"),
    ],
)
def test_an_organisation_before_a_title_is_the_side(text, surname, title, side):
    found = person(people(text), surname)
    assert (found.title, found.side) == (title, side)


def test_a_name_after_a_title_and_another_name_does_not_take_that_name_as_its_portfolio():
    found = people("A photo showed Secretary of State Ward and Lee Sung-ho, Vice Chairman, shaking hands.")
    assert person(found, "Sung-ho").title != "Secretary of State Ward"


def test_a_comma_title_without_a_closed_name_is_not_taken():
    found = people("The report went to the Trade Minister, Berg said on Monday.")
    assert all(p.title is None for p in found.persons)


def test_a_longer_capitalised_run_after_a_portfolio_is_a_body_not_a_person():
    found = people("The Minister of Trade Policy Review Board met Anna Holm on Monday.")
    assert [p.name for p in found.persons] == ["Anna Holm"]


@pytest.mark.parametrize(
    ("title", "side", "level"),
    [
        ("Foreign Secretary", "GBR", "ministerial"),
        ("Foreign Secretary", "NPL", "working_level"),
        ("Foreign Secretary", None, "ministerial"),
        ("Foreign Minister", "NPL", "ministerial"),
    ],
)
def test_a_foreign_secretary_is_an_official_where_the_post_is_a_civil_service_one(title, side, level):
    assert title_level(title, side) == level


@pytest.mark.parametrize(
    ("words", "levels"),
    [
        ("the agriculture ministers of Peru and Chile met", ["ministerial"]),
        ("the deputy agriculture ministers met", []),
        ("vice-ministers met", []),
    ],
)
def test_ministers_of_any_portfolio_are_ministerial(words, levels):
    assert office_word_levels(words) == levels


def test_a_guesthouse_after_a_title_word_is_no_person():
    text = (
        "Foreign Minister Tomas Varga received Peruvian Foreign Minister Rosa Quispe at the Lakeside State "
        "Guesthouse in Budapest."
    )
    names = [p.name for p in people(text).persons]
    assert "Guesthouse" not in names and "Rosa Quispe" in names
