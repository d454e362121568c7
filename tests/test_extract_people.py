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
        ("Secretary (West)", "IND", "working_level"),
        ("Secretary", "USA", "ministerial"),
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


def people_at_home(text: str, home: str | None) -> People:
    doc = NLP(text)
    return PeopleFinder(side_lexicon()).find(doc, sentences(doc), home=home)


@pytest.mark.parametrize(
    ("text", "surname", "name", "title", "side"),
    [
        # a demonym and a title the tagger took into the name
        ("Danish King Aksel Rudby welcomed the delegation on Monday.", "Rudby", "Aksel Rudby", "King", "DNK"),
        # a capitalised title word glued to the name
        ("Spokesperson Dana Holm said the talks went well.", "Holm", "Dana Holm", "Spokesperson", None),
        ("Later he met his Greek Counterpart Lino Savas in Athens.", "Savas", "Lino Savas", None, "GRC"),
        # an honorific between the title and the name is neither
        (
            "The President of Ghana Dr Kwame Asante arrived.",
            "Asante",
            "Kwame Asante",
            "President of Ghana",
            "GHA",
        ),
        (
            "Minister of Irrigation, Professor Hassan Omer has sent a message.",
            "Omer",
            "Hassan Omer",
            "Minister of Irrigation",
            None,
        ),
        # a title after the name, with the country before it
        (
            "The Honourable Clara Voss, Minister of Trade, today spoke with Ilse Maran, Norway's Minister for "
            "Fisheries.",
            "Maran",
            "Ilse Maran",
            "Minister for Fisheries",
            "NOR",
        ),
        (
            "He also met Kito Banda, Malawian Minister of Health, on Monday.",
            "Banda",
            "Kito Banda",
            "Minister of Health",
            "MWI",
        ),
        # a list of fields in one portfolio, and the country that ends it
        (
            "The talks were led by Amina Sow, Minister of State, Foreign Affairs and Cooperation of Senegal, and "
            "by others.",
            "Sow",
            "Amina Sow",
            "Minister of State, Foreign Affairs and Cooperation",
            "SEN",
        ),
        # a ministry for the nationals abroad names its country
        (
            "Ahmed Ould Bakar, Minister of Foreign Affairs and Senegalese Abroad, met the envoy.",
            "Bakar",
            "Ahmed Ould Bakar",
            "Minister of Foreign Affairs and Senegalese Abroad",
            "SEN",
        ),
        # a title set off by a comma, with its country before it
        (
            "Indonesia's newly appointed Foreign Minister, Rendra Wiryo has affirmed support.",
            "Wiryo",
            "Rendra Wiryo",
            "Foreign Minister",
            "IDN",
        ),
        (
            "Ana Ribeiro spoke with the US Secretary of State, Tom Hale on Tuesday.",
            "Hale",
            "Tom Hale",
            "Secretary of State",
            "USA",
        ),
        # "of" a country or a body anywhere in the title, "to" the host
        (
            "The Vice-President of the European Commission, Ana Ribeiro, spoke first.",
            "Ribeiro",
            "Ana Ribeiro",
            "Vice-President of the European Commission",
            "EU",
        ),
        (
            "We met the Ambassador of Chile to the African Union, Juan Soto Mena.",
            "Mena",
            "Juan Soto Mena",
            "Ambassador of Chile to the African Union",
            "CHL",
        ),
        (
            "The Ethiopian Ambassador to Kenya, Tesfaye Alemu Girma, discussed trade.",
            "Girma",
            "Tesfaye Alemu Girma",
            "Ambassador to Kenya",
            "ETH",
        ),
        (
            "Outgoing Tunisian Ambassador to Kenya Hedi Mansour was received.",
            "Mansour",
            "Hedi Mansour",
            "Ambassador to Kenya",
            "TUN",
        ),
        # a body's officer: the body before a compound or a possessive office
        ("EU foreign policy chief Liis Tamm attended.", "Tamm", "Liis Tamm", "chief", "EU"),
        (
            "He met the UN Secretary General's Special Advisor Omar Kanu in Geneva.",
            "Kanu",
            "Omar Kanu",
            "Special Advisor",
            "UN",
        ),
        (
            "The Chairperson of the African Union Commission, Kamal Idris Bello, received them.",
            "Bello",
            "Kamal Idris Bello",
            "Chairperson of the African Union Commission",
            "AU",
        ),
        # "its" office: the one country the sentence names before it
        (
            "Egypt wants a meeting between its foreign minister Samir Fahmy and his Greek counterpart.",
            "Fahmy",
            "Samir Fahmy",
            "foreign minister",
            "EGY",
        ),
        # the country is the subject whose agent the person is
        (
            "The Indonesian team was led by Anita Sari, while Peru was represented by Vice Minister of Foreign "
            "Affairs Rosa Quispe Vargas.",
            "Vargas",
            "Rosa Quispe Vargas",
            "Vice Minister of Foreign Affairs",
            "PER",
        ),
        # a field between two words of one office
        (
            "Deputy Director of the Brazilian Federal Highway Agency Paulo Souza spoke.",
            "Souza",
            "Paulo Souza",
            "Deputy Director of the Brazilian Federal Highway Agency",
            "BRA",
        ),
        (
            "Russian Presidential Aide Igor Lebedev led the delegation.",
            "Lebedev",
            "Igor Lebedev",
            "Presidential Aide",
            "RUS",
        ),
        # the Arabic article after an apostrophe the tagger splits on
        (
            "President Ana Ruiz spoke with Prime Minister Karim Hadi' al-Amiri of Iraq on Friday.",
            "al-Amiri",
            "Karim Hadi' al-Amiri",
            "Prime Minister",
            "IRQ",
        ),
    ],
)
def test_titles_and_sides_written_around_a_name(text, surname, name, title, side):
    found = person(people(text), surname)
    assert (found.name, found.title, found.side) == (name, title, side)


def test_a_plural_title_word_is_no_part_of_the_name():
    found = people("Presidents Kofi Adjei and Marta Lund met on Friday.")
    assert person(found, "Adjei").name == "Kofi Adjei"


def test_two_demonyms_joined_by_a_hyphen_are_no_person():
    found = people("The two sides reviewed joint Kenyan-Ugandan railway projects.")
    assert found.persons == []


def test_each_name_after_a_list_of_offices_keeps_its_own_country():
    found = people(
        "The summit included Prime Minister of Fiji Sione Tui, Prime Minister of Samoa Lela Fono, and others."
    )
    assert (person(found, "Tui").side, person(found, "Fono").side) == ("FJI", "WSM")


@pytest.mark.parametrize(("home", "side"), [(None, "GBR"), ("IND", "IND"), ("PAK", "PAK")])
def test_an_office_several_countries_have_is_the_home_sides_when_it_has_one(home, side):
    found = people_at_home("Foreign Secretary Meera Rao met the visiting delegation.", home)
    assert person(found, "Rao").side == side


def test_a_counterpart_takes_the_office_without_its_implied_country():
    found = people_at_home("British Foreign Secretary Tom Hale called his counterpart Arjun Mehta.", "IND")
    mehta = person(found, "Mehta")
    assert (mehta.title, mehta.side) == ("Foreign Secretary", None)


def test_a_counterpart_is_read_against_the_subject_named_later_by_surname():
    found = people(
        "Turkish Foreign Minister Selin Aydin arrived in Rabat on Monday. She was received by President Omar "
        "Haddad. Aydin also met her counterpart Idris Farouki."
    )
    assert person(found, "Farouki").title == "Foreign Minister"


def test_coordinated_names_share_a_plural_office_and_a_trailing_country():
    found = people(
        "Georgian Prime Minister Levan Beridze and his Armenian counterparts Aram Sargsyan and Tigran Hakobyan "
        "spoke. She met President Marko Ilic and Prime Minister Jelena Vuk of Serbia on Monday."
    )
    assert person(found, "Hakobyan").side == "ARM"
    assert person(found, "Ilic").side == "SRB"


def test_names_after_a_plural_office_of_several_countries_take_them_in_order():
    found = people("The leaders of Ghana, Togo and Benin, Kofi Asare, Yawo Eklu and Paul Houngbo, met.")
    assert [(p.name, p.side, p.title) for p in found.persons] == [
        ("Kofi Asare", "GHA", "leader"),
        ("Yawo Eklu", "TGO", "leader"),
        ("Paul Houngbo", "BEN", "leader"),
    ]


def test_a_title_does_not_run_over_another_persons_name():
    found = people(
        "Canadian Minister of International Trade Maria Sandhu and Mexican Secretary of Economy Ramon Valdes "
        "Ortega met in Ottawa."
    )
    ortega = person(found, "Ortega")
    assert (ortega.title, ortega.side) == ("Secretary of Economy", "MEX")


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Presidential Envoy", "working_level"),  # an adjective of the office is not the office
        ("Vice-President", "vice_ministerial"),
        ("High Representative of the Union/Vice-President of the Commission", "ministerial"),
        ("Trade Ministers", "ministerial"),
        ("President-elect", "summit"),
        ("Chairman of the Council of Ministers", "summit"),  # a head of government
    ],
)
def test_a_rank_is_read_from_whole_words_of_the_title(title, level):
    assert title_level(title) == level


def test_a_rank_shared_by_coordinated_portfolios_applies_to_both():
    assert office_word_levels("a meeting of the vice defence and foreign ministers") == ["vice_ministerial"]


def test_a_countrys_top_diplomat_is_its_foreign_minister():
    found = person(people("Norway's top diplomat Ingrid Dahl met Peru's envoy on Monday."), "Dahl")
    assert (found.title, found.side, found.level) == ("top diplomat", "NOR", "ministerial")


def test_leaders_of_armies_or_parties_are_no_heads_of_state():
    assert office_word_levels("a video call between theater leaders of the two militaries") == []
    assert office_word_levels("a meeting of opposition leaders and business leaders") == []
    assert office_word_levels("the leaders of Chile and Peru") == ["summit"]


def test_a_format_of_states_named_like_a_person_is_no_person():
    found = people(
        "Foreign Minister Lars Berg of Sweden said there were differences of opinion between the members "
        "of the Normandy Format on the issues of migration."
    )
    assert [p.name for p in found.persons] == ["Lars Berg"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Aid flowed to the islands hit by hurricane Edward.", []),
        ("The envoy met with H. E. Mr. Tomas Reyes, Minister of Trade of Peru.", ["Tomas Reyes"]),
        (
            "Presidents Rafael Peña Soto and Carlos Díaz signed the accord.",
            ["Rafael Peña Soto", "Carlos Díaz"],
        ),
    ],
)
def test_names_are_people_and_only_people(text, names):
    assert [p.name for p in people(text).persons] == names
