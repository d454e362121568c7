"""Positions and agreements as rows: whose side holds each stance, whom it aims at, who is party."""

from __future__ import annotations

import datetime as dt

from parley.extract import Extractor
from parley.extract.holders import speaking_sides
from parley.extract.nlp import load_nlp
from parley.extract.rows import ArticleInput, Extraction

EXTRACTOR = Extractor(load_nlp())


def extract(text: str) -> Extraction:
    return EXTRACTOR.extract(ArticleInput(text=text, published=dt.date(2024, 6, 10)))


def holders(extraction: Extraction, stance: str) -> list[str | None]:
    return sorted(
        p.holder_country or p.holder_organization for p in extraction.positions if p.stance == stance
    )


def test_a_pronoun_does_not_accuse_the_side_it_names():
    found = extract(
        "Foreign Minister Hana Ito of Japan held talks with Chinese Foreign Minister Li Wen in Tokyo on Friday. "
        "Li said the dispute was serious. "
        "He accused Tokyo of stalling and demanded an apology."
    )
    assert holders(found, "criticism") == ["CHN"]
    assert holders(found, "demand") == ["CHN"]


def test_a_shared_demand_is_aimed_outside_the_meeting():
    found = extract(
        "Foreign Minister Hana Ito of Japan held talks with Brazilian Foreign Minister Paulo Mendes in Tokyo on Friday. "
        "Both ministers expressed concern about the fighting in Sudan and called on the parties to respect the truce."
    )
    demands = [p for p in found.positions if p.stance == "demand"]
    assert sorted(p.holder_country for p in demands) == ["BRA", "JPN"]
    assert all("JPN" not in p.target_countries and "BRA" not in p.target_countries for p in demands)


def test_an_offer_at_a_bilateral_is_made_to_the_other_side():
    found = extract(
        "Foreign Minister Hana Ito of Japan held talks with Brazilian Foreign Minister Paulo Mendes in Tokyo on Friday. "
        "Ito offered technical assistance for the census."
    )
    [offer] = [p for p in found.positions if p.stance == "proposal"]
    assert (offer.holder_country, offer.target_countries) == ("JPN", ["BRA"])


def test_a_courtesy_call_is_not_a_demand():
    found = extract(
        "Foreign Minister Hana Ito of Japan held talks with Brazilian Foreign Minister Paulo Mendes in Tokyo on Friday. "
        "The Japanese delegation also called on the President of Brazil."
    )
    assert holders(found, "demand") == []


def test_a_failure_is_one_row_per_sentence():
    found = extract(
        "Foreign Minister Hana Ito of Japan held talks with Brazilian Foreign Minister Paulo Mendes in Tokyo on Friday. "
        "A draft accord on fishing was not concluded, and the two sides remained apart on quotas."
    )
    assert [a.status for a in found.agreements].count("not_reached") == 1


def test_a_bloc_speaks_for_its_members_and_a_pair_for_itself():
    assert speaking_sides(["CAN", "DEU", "FRA", "UKR"], ["G7"]) == ["G7", "UKR"]
    assert speaking_sides(["PHL", "VNM"], ["ASEAN"]) == ["PHL", "VNM"]
    assert speaking_sides(["CAN"], ["EU"]) == ["EU", "CAN"]


def test_a_few_members_of_a_large_bloc_speak_for_their_countries():
    assert speaking_sides(["BRA", "KEN", "NGA", "ZAF"], ["AU"]) == ["BRA", "KEN", "NGA", "ZAF"]
    assert speaking_sides(["UKR", "DEU", "FRA", "ITA"], ["G7"]) == ["G7", "UKR"]


def test_a_full_bloc_at_the_table_speaks_as_the_bloc():
    everyone = ["CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"]
    assert speaking_sides(everyone, []) == ["G7"]
    assert speaking_sides(["CAN", "DEU", "FRA"], []) == ["CAN", "DEU", "FRA"]


def test_a_regional_side_is_its_bloc():
    found = extract(
        "Ministers of the African Union and the European Union met in Addis Ababa on Monday. "
        "The European side welcomed the plan for a joint energy fund."
    )
    assert holders(found, "support") == ["EU"]


def test_a_quoted_view_counts_only_from_a_side_at_the_table():
    found = extract(
        "Foreign Minister Hana Ito of Japan held talks with Brazilian Foreign Minister Paulo Mendes in Tokyo on Friday. "
        "“Our two economies need each other,” Mendes told reporters. "
        "“The region needs calm,” said analyst Peter Lund of Norway."
    )
    statements = [p for p in found.positions if p.stance == "statement"]
    assert [(p.holder_country, p.holder_name) for p in statements] == [("BRA", "Paulo Mendes")]


def test_a_headline_repeats_a_stance_the_body_reports():
    text = "Lima proposes fishing talks\nLima on Monday proposed talks with Quito on fishing quotas."
    found = EXTRACTOR.extract(
        ArticleInput(text=text, title="Lima proposes fishing talks", published=dt.date(2024, 6, 10))
    )
    assert all(p.evidence.start > 0 for p in found.positions)


def test_a_lead_failure_is_counted_where_the_story_details_it():
    found = extract(
        "Foreign Minister Hana Ito of Japan held talks with Brazilian Foreign Minister Paulo Mendes in Tokyo on Friday. "
        "They agreed to open a trade office in Recife but failed to agree on fishing quotas. "
        "On quotas, the two ministers remained apart."
    )
    failures = [a for a in found.agreements if a.status == "not_reached"]
    assert [a.evidence.text.startswith("On quotas") for a in failures] == [True]
    assert [a.status for a in found.agreements].count("agreed") == 1


def test_a_bloc_at_full_strength_holds_a_shared_stance():
    assert speaking_sides(["DNK", "EST", "FIN", "ISL", "LTU", "LVA", "NOR", "SWE"], []) == ["NB8"]


def test_the_office_alone_is_the_participant_whose_title_begins_with_it():
    found = extract(
        "Secretary of State Mark Dalton spoke by phone with Zambian Cabinet Secretary Ruth Banda on Monday. "
        "Secretary Dalton and Cabinet Secretary Banda discussed regional trade. "
        "The Secretary commended Zambia's debt reform and pressed for faster grain deliveries. "
        "He also stressed the value of the new customs corridor."
    )
    support = [p for p in found.positions if p.stance == "support"]
    assert [(p.holder_country, p.holder_name) for p in support] == [("USA", "Mark Dalton")]
    stressed = [p for p in found.positions if p.stance == "statement" and "customs" in p.evidence.text]
    assert [p.holder_name for p in stressed] == ["Mark Dalton"]


def test_the_two_deputy_ministers_speak_for_both_sides():
    found = extract(
        "Deputy Foreign Minister Ana Lopes of Portugal held consultations with Deputy Foreign Minister "
        "Karel Novak of the Czech Republic in Lisbon on Tuesday. "
        "The two Deputy Ministers welcomed the growth of direct flights between their capitals."
    )
    assert holders(found, "support") == ["CZE", "PRT"]


def test_a_quotation_after_a_colon_line_is_the_evidence():
    text = (
        "Foreign Minister Hana Ito of Japan held talks with Brazilian Foreign Minister Paulo Mendes in Tokyo on Friday.\n\n"
        "After the talks, Ito said:\n\n"
        '"We will open a new consulate in Recife next year."\n'
    )
    found = extract(text)
    evidence = [p.evidence.text for p in found.positions if p.holder_country == "JPN"]
    assert evidence == ['"We will open a new consulate in Recife next year."']


def test_a_stance_about_two_bilaterals_is_one_row():
    found = extract(
        "Norwegian Foreign Minister Lena Holm held separate talks with the foreign ministers of Chile and "
        "Peru in Oslo on Monday. Holm stressed the importance of cooperation on fisheries."
    )
    assert [(p.holder_country, p.stance) for p in found.positions] == [("NOR", "statement")]


def test_we_in_a_quote_is_the_speakers_side_not_both_sides():
    found = extract(
        "Foreign Minister Hana Ito of Japan held talks with Chinese Foreign Minister Li Wen in Tokyo on Friday. "
        "“We hope to see a steady dialogue,” Li said after the talks."
    )
    assert [(p.holder_country, p.holder_name) for p in found.positions if p.stance == "hope"] == [
        ("CHN", "Li Wen")
    ]


def test_the_parties_and_the_participants_speak_for_every_side():
    found = extract(
        "Foreign Minister Hana Ito of Japan held talks with Chinese Foreign Minister Li Wen in Tokyo on Friday. "
        "The parties emphasized the importance of open sea lanes. "
        "The participants condemned the attack on the ferry."
    )
    assert holders(found, "statement") == ["CHN", "JPN"]
    assert holders(found, "criticism") == ["CHN", "JPN"]


def test_a_passive_with_no_agent_is_the_voice_of_every_side():
    found = extract(
        "Foreign Minister Hana Ito of Japan held talks with Chinese Foreign Minister Li Wen in Tokyo on Friday. "
        "It was stressed that the ferry route must stay open. "
        "Korea was welcomed back into the forum."
    )
    assert holders(found, "statement") == ["CHN", "JPN"]
    assert holders(found, "support") == []


def test_several_sides_that_meet_no_one_in_the_article_hold_no_position():
    found = extract(
        "Foreign Minister Hana Ito of Japan held talks with Chinese Foreign Minister Li Wen in Tokyo on Friday. "
        "Britain and France condemned the missile test on Thursday. "
        "Japan and China condemned the attack on the ferry. "
        "Canada, Britain and Japan rejected the accusation on Sunday."
    )
    assert holders(found, "criticism") == ["CHN", "JPN"]
    assert holders(found, "opposition") == []  # a group not all of whom meet here


def test_a_subject_misparsed_as_its_honorific_is_the_person_after_it():
    found = extract(
        "Prime Minister Ana Tui of Tonga met the New Zealand Minister for Foreign Affairs, Hon. Murray "
        "Finely, in Nuku'alofa on Monday. Reaffirming the good relations between New Zealand and Tonga, Hon. "
        "Finely asserted that the New Zealand Government will continue to work closely with Tonga."
    )
    assert [(p.holder_country, p.holder_name) for p in found.positions if p.stance == "statement"] == [
        ("NZL", "Murray Finely")
    ]


def test_a_chairperson_named_by_a_shortened_title_speaks_for_the_organisation():
    found = extract(
        "The Chairperson of the African Union Commission, Ana Bello, met President Tom Ruiz of Kenya "
        "in Nairobi on Monday. The Chairperson of the Commission welcomed the election timetable."
    )
    [position] = [p for p in found.positions if p.stance == "support"]
    assert (position.holder_organization, position.holder_name) == ("AU", "Ana Bello")


def test_an_office_named_alone_in_an_organisations_readout_speaks_for_it():
    found = EXTRACTOR.extract(
        ArticleInput(
            text="The Secretary-General met today with Prime Minister Jean Pierre of Haiti in New York. "
            "The Secretary-General stressed that the coming vote must be free and fair.",
            published=dt.date(2024, 6, 10),
            publisher="United Nations",
        )
    )
    assert [(p.stance, p.holder_country, p.holder_organization) for p in found.positions] == [
        ("statement", None, "UN")
    ]
