"""Meetings: which encounters an article reports, and each one's sides, status, format, level, date, place."""

from __future__ import annotations

import datetime as dt

import pytest

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
        "The session ran for nearly two hours.",
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
        ("planned", "virtual", "summit", dt.date(2024, 6, 20)),  # "next Thursday": next week's
    ]


def test_a_summit_that_is_only_the_setting_is_not_a_meeting():
    found = meetings(
        "Prime Minister Lena Holm of Norway and Canadian Prime Minister Mark Devlin met on the sidelines "
        "of the G20 summit in Rome on Saturday."
    )
    assert [(m.countries, m.organizations, m.location) for m in found] == [(["CAN", "NOR"], [], "Rome")]


def test_an_organisations_summit_named_after_of_is_only_the_setting():
    found = meetings(
        "Hungarian President Tomas Varga spoke by phone with Peruvian President Rosa Quispe on Monday. "
        "The leaders agreed to meet on the sidelines of the summit of the Organization of American States "
        "in Lima in October."
    )
    assert [(m.status, m.organizations, m.location) for m in found] == [
        ("held", [], None),
        ("planned", [], "Lima"),
    ]


def test_a_hypothetical_meeting_is_not_reported():
    found = meetings("Analysts ask whether the Indian and Chinese leaders will meet at the forum next month.")
    assert found == []


def test_a_background_meeting_is_its_own_row_without_a_day():
    found = meetings(
        "Kenyan Foreign Minister Grace Wanjiru spoke by telephone with Indian External Affairs Minister "
        "Arjun Rao on Wednesday. That conversation built on their first meeting, held in Nairobi last August."
    )
    assert [(m.format, m.start_date, m.date_text) for m in found] == [
        ("phone", dt.date(2024, 6, 5), "Wednesday"),
        ("in_person", None, "last August"),
    ]
    assert all(m.countries == ["IND", "KEN"] for m in found)


def test_separate_meetings_become_bilaterals():
    found = meetings(
        "Jordan's deputy foreign minister, Omar Haddad, travelled to Lima on Friday for talks with his "
        "counterparts from Chile, Peru and Ecuador. The talks were held as separate meetings, and trade "
        "topped the agenda."
    )
    assert sorted(tuple(m.countries) for m in found) == [("CHL", "JOR"), ("ECU", "JOR"), ("JOR", "PER")]
    assert {m.level for m in found} == {"vice_ministerial"}


def test_a_second_round_agreed_on_is_a_planned_meeting():
    found = meetings(
        "Egyptian and Greek diplomats wrapped up a third round of consultations in Athens on 3 June 2024. "
        "Before leaving, both delegations agreed to hold the fourth round in Cairo."
    )
    assert [(m.status, m.location, m.start_date) for m in found] == [
        ("held", "Athens", dt.date(2024, 6, 3)),
        ("planned", "Cairo", None),
    ]


def test_the_readout_speaker_is_the_publishers_side():
    (meeting,) = meetings(
        "This morning I spoke on the telephone with President Amara Diallo of Nigeria.",
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


def test_a_video_conference_held_to_coordinate_is_held_and_dated():
    (meeting,) = meetings(
        "Foreign Minister Lars Berg of Sweden and Danish Foreign Minister Mette Holm held a video "
        "conference yesterday afternoon to coordinate their response to the floods."
    )
    assert (meeting.countries, meeting.status, meeting.format) == (["DNK", "SWE"], "held", "virtual")
    assert meeting.start_date == dt.date(2024, 6, 9)


def test_a_press_conference_is_not_a_meeting():
    assert meetings("Foreign Minister Lars Berg of Sweden gave a press conference in Oslo on Friday.") == []


def test_two_named_people_who_spoke_by_phone():
    (meeting,) = meetings(
        "Chilean Foreign Minister Rosa Fuentes and her Peruvian counterpart, Dr. Luis Campos, spoke "
        "by phone for about 30 minutes on Sunday."
    )
    assert (meeting.countries, meeting.format, meeting.duration_minutes) == (["CHL", "PER"], "phone", 30)
    assert meeting.start_date == dt.date(2024, 6, 9)


def test_a_courtesy_call_is_its_own_meeting():
    found = meetings(
        "Peruvian and Ghanaian officials held a second round of consultations in Accra on 5 June 2024. "
        "While in Accra, the Peruvian team also called on Ghana's Minister of Foreign Affairs, "
        "Mr. Kofi Mensah."
    )
    assert [(m.countries, m.level, m.start_date) for m in found] == [
        (["GHA", "PER"], "unknown", dt.date(2024, 6, 5)),
        (["GHA", "PER"], "ministerial", None),
    ]


def test_calling_on_parties_to_act_is_not_a_courtesy_call():
    found = meetings(
        "Foreign Minister Hana Ito met her Brazilian counterpart Paulo Mendes in Tokyo on Friday. "
        "Ito called on all parties to respect the ceasefire.",
        publisher="Kyodo News",
    )
    assert len(found) == 1


def test_talks_between_factions_of_one_country_are_not_a_meeting():
    found = meetings(
        "Foreign Minister Hana Ito met her Brazilian counterpart Paulo Mendes in Tokyo on Friday. "
        "Mendes proposed a joint initiative to support talks between Sudanese civilian and military leaders.",
        publisher="Kyodo News",
    )
    assert [m.countries for m in found] == [["BRA", "JPN"]]


def test_an_invitation_to_visit_is_not_a_planned_meeting():
    found = meetings(
        "Prime Minister Lena Holm of Norway and Canadian Prime Minister Mark Devlin met in Oslo on Saturday. "
        "Holm invited Devlin to make an official visit to Oslo next year."
    )
    assert [m.status for m in found] == ["held"]


def test_the_two_leaders_are_the_people_named_before_them():
    found = meetings(
        "Prime Minister Lena Holm of Norway and Canadian Prime Minister Mark Devlin agreed on Saturday to "
        "cooperate on fisheries, as the two leaders met on the sidelines of the Arctic forum."
    )
    assert [(m.countries, m.level) for m in found] == [(["CAN", "NOR"], "summit")]


def test_a_series_of_meetings_with_partners_is_not_one_meeting():
    found = meetings(
        "Prime Minister Lena Holm of Norway and Canadian Prime Minister Mark Devlin met in Oslo on Saturday. "
        "Nordic leaders are also holding related meetings with partners including Japan, India and Brazil."
    )
    assert [m.countries for m in found] == [["CAN", "NOR"]]


def test_an_organisations_readout_speaks_for_the_organisation():
    (meeting,) = meetings(
        "The Secretary-General met today with H.E. Mr. Kofi Mensah, President of Ghana.\n\n"
        "The Secretary-General, Ms. Petra Lang, thanked Ghana for its support.",
        publisher="United Nations, Office of the Spokesperson",
    )
    assert (meeting.countries, meeting.organizations, meeting.level) == (["GHA"], ["UN"], "summit")


def test_the_dateline_city_places_a_meeting_held_at_a_venue():
    (meeting,) = meetings(
        "LUSAKA, June 8 -- Zambian Foreign Minister Grace Banda met her Kenyan counterpart Peter Kamau "
        "at the Government House on Friday."
    )
    assert (meeting.location, meeting.start_date) == ("Lusaka", dt.date(2024, 6, 7))


def test_a_session_of_their_commission_is_the_sides_meeting():
    (meeting,) = meetings(
        "Ghana and Peru signed two agreements on Wednesday at the fifth session of their Joint Commission "
        "in Accra."
    )
    assert (meeting.countries, meeting.location, meeting.start_date) == (
        ["GHA", "PER"],
        "Accra",
        dt.date(2024, 6, 5),
    )


def test_proposed_talks_are_planned_and_called_off_talks_cancelled():
    found = meetings(
        "Ghana proposed holding talks with Peru in the border town of Elmina next Tuesday. "
        "A round of talks between Ghana and Peru scheduled for May 2024 was called off by Peru.",
        publisher="Some Wire",
    )
    assert [(m.status, m.location) for m in found] == [("planned", "Elmina"), ("cancelled", None)]


def test_a_meeting_suggested_in_a_clause_of_its_own_is_planned():
    found = meetings(
        "Foreign Minister Hana Ito met her Brazilian counterpart Paulo Mendes in Tokyo on Friday. "
        "Mendes suggested that the two sides hold a separate meeting in July.",
        publisher="Kyodo News",
    )
    assert [m.status for m in found] == ["held", "planned"]


def test_meeting_relatives_is_not_a_diplomatic_encounter():
    assert meetings("Thousands of Koreans from Seoul have registered to meet relatives in the North.") == []


def test_a_headline_on_top_of_the_text_is_not_read_for_meetings():
    title = "Ghana proposes talks with Peru"
    found = meetings(
        f"{title}\nGhana and Peru held talks in Accra on Friday.", title=title, publisher="Some Wire"
    )
    assert [(m.status, m.start_date) for m in found] == [("held", dt.date(2024, 6, 7))]


def test_the_lede_dates_a_meeting_reported_later_without_a_day():
    (meeting,) = meetings(
        "Chile and Peru agreed on Thursday to open a joint border post. "
        "Chilean Foreign Minister Ana Reyes and Peruvian Foreign Minister Luis Soto met in Lima for two hours."
    )
    assert (meeting.start_date, meeting.location) == (dt.date(2024, 6, 6), "Lima")


def test_the_lede_does_not_date_a_meeting_with_a_time_of_its_own():
    (meeting,) = meetings(
        "Chile and Peru agreed on Thursday to open a joint border post. "
        "Chilean Foreign Minister Ana Reyes and Peruvian Foreign Minister Luis Soto met in Lima last month."
    )
    assert meeting.start_date is None


def test_plural_working_level_officials_set_the_level():
    (meeting,) = meetings(
        "Working-level officials from Chile and Peru met in Lima on Tuesday to prepare the summit."
    )
    assert meeting.level == "working_level"


def test_what_sides_cannot_or_must_do_is_no_meeting():
    assert meetings("Chile and Peru cannot talk to each other only at summits, the minister said.") == []
    assert meetings("Chile and Peru must hold talks on the border, the minister said.") == []


def test_convening_a_joint_body_is_a_planned_meeting():
    found = meetings(
        "Chilean Foreign Minister Ana Reyes met Peruvian Foreign Minister Luis Soto in Lima on Monday. "
        "The two ministers agreed to convene the Joint Commission in Santiago early next year."
    )
    assert [(m.countries, m.status, m.location) for m in found] == [
        (["CHL", "PER"], "held", "Lima"),
        (["CHL", "PER"], "planned", "Santiago"),
    ]


def test_a_summit_named_after_its_host_city_is_a_setting_not_a_meeting():
    found = meetings(
        "Chilean Foreign Minister Ana Reyes met Peruvian Foreign Minister Luis Soto in Lima on Monday. "
        "Reyes praised Peru's support at the New Delhi Summit in September."
    )
    assert [m.start_date for m in found] == [dt.date(2024, 6, 10)]


@pytest.mark.parametrize("city", ["Vilnius", "Yerevan"])  # tagged ORG and PERSON by the small model
def test_a_capital_the_tagger_misreads_is_still_the_place(city):
    found = meetings(
        f"Chilean Foreign Minister Ana Reyes and her Peruvian counterpart, Luis Soto, met in {city} on Monday."
    )
    assert [m.location for m in found] == [city]


def test_a_meeting_scheduled_to_take_place_somewhere_has_that_place():
    found = meetings(
        "Chilean Foreign Minister Ana Reyes met Peruvian Foreign Minister Luis Soto in Lima on Monday. "
        "The next round of consultations is scheduled to take place in Santiago in 2025."
    )
    assert [(m.status, m.location) for m in found] == [("held", "Lima"), ("planned", "Santiago")]


def test_welcomed_to_a_city_for_talks_places_them_there():
    (meeting,) = meetings(
        "Japanese Foreign Minister Hana Ito welcomed her Brazilian counterpart to Osaka on Monday "
        "for the third Japan-Brazil Strategic Dialogue."
    )
    assert meeting.location == "Osaka"


def test_a_technical_meeting_of_unnamed_officials_is_working_level():
    (meeting,) = meetings(
        "Chilean and Peruvian customs officials held a technical meeting in Arica on Monday."
    )
    assert meeting.level == "working_level"


def test_a_duration_with_a_comparative_is_read_in_word_order():
    (meeting,) = meetings(
        "Chilean Foreign Minister Ana Reyes and her Peruvian counterpart, Luis Soto, "
        "met for more than three hours at the palace on Monday."
    )
    assert meeting.duration_minutes == 180


def test_an_earlier_call_in_another_medium_is_its_own_meeting():
    found = meetings(
        "Chilean Foreign Minister Ana Reyes met Peruvian Foreign Minister Luis Soto in Lima on Monday. "
        "The meeting came after a telephone conversation between the two presidents in May."
    )
    assert sorted((m.format, m.level) for m in found) == [("in_person", "ministerial"), ("phone", "summit")]


def test_leaders_who_agree_to_meet_plan_a_meeting_of_their_own():
    found = meetings(
        "President Lena Holm of Norway spoke by phone with Canadian Prime Minister Mark Devlin on Monday. "
        "The leaders agreed to meet in person at the Arctic forum in Tromso in September."
    )
    assert [(m.countries, m.status, m.format) for m in found] == [
        (["CAN", "NOR"], "held", "phone"),
        (["CAN", "NOR"], "planned", "in_person"),
    ]


def test_a_joint_commission_that_will_meet_is_a_planned_meeting():
    found = meetings(
        "Norwegian Foreign Minister Lena Holm met Canadian Foreign Minister Mark Devlin in Oslo on Friday. "
        "Devlin said the joint commission, which will meet in Ottawa next month, would review the fisheries pact."
    )
    assert [(m.status, m.location) for m in found] == [("held", "Oslo"), ("planned", "Ottawa")]


def test_a_readout_minister_without_a_country_takes_the_other_party():
    found = meetings(
        "Foreign Minister Tomas Varga held talks with Peruvian Foreign Minister Rosa Quispe in Budapest on Tuesday. "
        "Quispe is the first Peruvian foreign minister to visit Hungary.",
        publisher="Ministry of Foreign Affairs (readout)",
    )
    assert [(m.countries, m.location) for m in found] == [(["HUN", "PER"], "Budapest")]


def test_an_agreement_after_the_talks_belongs_to_the_talks_not_the_next_round():
    found = EXTRACTOR.extract(
        ArticleInput(
            text="Norwegian Foreign Minister Lena Holm held talks with Canadian Foreign Minister Mark Devlin "
            "in Oslo on Friday. After the talks, the two ministers signed a fisheries accord and agreed to "
            "hold the next round in Ottawa in the spring.",
            published=MONDAY,
        )
    )
    held = next(m for m in found.meetings if m.status == "held")
    assert [a.meeting_key for a in found.agreements] == [held.key] * len(found.agreements)
    assert len(found.agreements) >= 1


def test_a_counterpart_after_the_medium_makes_a_call():
    (meeting,) = meetings(
        "Foreign Minister Tomas Varga of Hungary spoke today by phone with Peruvian Foreign Minister Rosa Quispe."
    )
    assert (meeting.countries, meeting.format, meeting.status) == (["HUN", "PER"], "phone", "held")


def test_a_summit_that_sets_a_planned_meeting_gives_it_place_and_date():
    found = meetings(
        "Hungarian President Tomas Varga spoke by phone with Peruvian President Rosa Quispe on Monday. "
        "The leaders agreed to meet on the sidelines of the regional summit in Lisbon in October."
    )
    assert [(m.status, m.format, m.location) for m in found] == [
        ("held", "phone", None),
        ("planned", "in_person", "Lisbon"),
    ]


def test_one_host_meeting_several_guests_yields_a_bilateral_each():
    found = meetings(
        "President Ana Ruiz spoke by phone on Monday with the leaders of Peru, Bolivia and Ecuador.",
        publisher="Government of Chile",
    )
    assert sorted(m.countries for m in found) == [["BOL", "CHL"], ["CHL", "ECU"], ["CHL", "PER"]]
    assert {(m.status, m.format) for m in found} == {("held", "phone")}


def test_a_trilateral_meeting_stays_one_meeting():
    found = meetings(
        "Chile's President Ana Ruiz held a trilateral meeting with the leaders of Peru and Bolivia on Monday."
    )
    assert [m.countries for m in found] == [["BOL", "CHL", "PER"]]


def test_a_meeting_agreed_on_or_looked_forward_to_is_planned():
    found = meetings(
        "The President of Chile spoke with Peruvian Foreign Minister Jorge Soto this evening. "
        "The leaders looked forward to meeting in person in Lima."
    )
    assert [(m.countries, m.status) for m in found] == [(["CHL", "PER"], "held"), (["CHL", "PER"], "planned")]
    assert found[0].start_date == MONDAY  # "this evening": the day of publication
    found = meetings(
        "The President of Chile spoke with Peruvian Foreign Minister Jorge Soto on Monday. "
        "The two agreed to push for an early Chile-Peru-Bolivia trilateral summit."
    )
    assert [(m.countries, m.status) for m in found] == [
        (["CHL", "PER"], "held"),
        (["BOL", "CHL", "PER"], "planned"),
    ]


def test_a_call_made_to_a_counterpart_names_both_sides():
    (meeting,) = meetings(
        "Saudi Crown Prince Khalid bin Salman made a telephone call today to Omani Sultan Haitham bin Tariq."
    )
    assert (meeting.countries, meeting.format, meeting.level) == (["OMN", "SAU"], "phone", "summit")


def test_a_mention_naming_only_the_counterpart_meets_the_protagonist():
    found = meetings(
        "Foreign Minister Tomas Varga of Hungary phoned his Peruvian counterpart Rosa Quispe on Monday. "
        "In a later call with Ecuadorian Foreign Minister Luis Mora, Varga discussed trade."
    )
    assert sorted(m.countries for m in found) == [["ECU", "HUN"], ["HUN", "PER"]]
    assert {m.format for m in found} == {"phone"}


def test_a_visit_meets_the_country_visited():
    (meeting,) = meetings(
        "Peruvian Foreign Minister Jorge Soto will pay an official visit to Vietnam next week."
    )
    assert (meeting.countries, meeting.status) == (["PER", "VNM"], "planned")


def test_an_organisation_is_a_party_of_its_own():
    found = meetings(
        "South Korean Foreign Minister Kim Min met Chilean Foreign Minister Ana Ruiz in Santiago on Monday. "
        "Kim recalled the ASEAN-Korea Commemorative Summit held in Busan."
    )
    assert [(m.countries, m.organizations) for m in found] == [(["CHL", "KOR"], []), (["KOR"], ["ASEAN"])]


def test_a_passive_reception_is_a_meeting():
    (meeting,) = meetings(
        "The Secretary-General of the Arab League, Omar Saleh, was received on Monday by the President of "
        "Chile, Ana Rojas."
    )
    assert (meeting.countries, meeting.organizations, meeting.status) == (["CHL"], ["Arab League"], "held")


def test_the_host_named_before_a_relative_clause_takes_part():
    found = meetings(
        "Norwegian Foreign Minister Lena Holm and Canadian Foreign Minister Mark Devlin spoke to reporters. "
        "Holm, who hosted the Oslo meeting, said the talks had been frank."
    )
    assert any("NOR" in m.countries for m in found)


def test_lines_above_the_first_sentence_do_not_join_its_parse():
    (meeting,) = meetings(
        "Oslo\n\n10 June 2024\n\nLena Holm, Prime Minister of Norway\n\n"
        "Today, the Prime Minister met with President Ana Rojas of Chile."
    )
    assert (meeting.countries, meeting.start_date) == (["CHL", "NOR"], MONDAY)


def test_the_day_a_source_told_of_a_meeting_is_not_its_date():
    (meeting,) = meetings(
        "According to the foreign ministry on Monday, Kenyan Foreign Minister Grace Otieno had a breakfast "
        "meeting with Chilean Foreign Minister Ana Rojas on Saturday."
    )
    assert meeting.start_date == dt.date(2024, 6, 8)


def test_an_official_receiving_envoys_of_two_countries_holds_two_bilaterals():
    found = meetings(
        "The Minister of Foreign Affairs also received in audience envoys of the Republic of Chile and "
        "the Kingdom of Norway.",
        publisher="Ministry of Foreign Affairs of Kenya",
    )
    assert sorted(m.countries for m in found) == [["CHL", "KEN"], ["KEN", "NOR"]]


def test_discussions_that_name_their_counterparts_are_meetings_and_their_topic_is_no_side():
    found = meetings(
        "Kenyan Foreign Minister Grace Otieno met the UN envoy Omar Saleh on Monday. "
        "Otieno also told Saleh about her recent discussions on Sudan with Chilean Foreign Minister "
        "Ana Rojas and Norwegian Foreign Minister Lena Holm in Geneva."
    )
    pairs = sorted(m.countries for m in found if len(m.countries) == 2)
    assert pairs == [["CHL", "KEN"], ["KEN", "NOR"]]
    assert not any("SDN" in m.countries for m in found)


def test_an_encounter_whose_sides_only_the_lede_names_is_between_them():
    found = meetings(
        "By a staff reporter\n\nOSLO, June 10\n\n"
        "The presidents of Chile and Norway agreed on Saturday to suspend a disputed fishing survey. "
        "The survey had strained ties for a year. "
        "The presidents plan to meet twice during the next three months, once in Oslo."
    )
    assert [(m.countries, m.status) for m in found] == [(["CHL", "NOR"], "planned")]


def test_things_that_are_met_and_work_done_in_consultation_are_no_meetings():
    assert not meetings(
        "In consultation with the President of Chile, the ministry of Norway postponed the plant's launch. "
        "Norway urged Chile to wait until the highest safety requirements have been met."
    )


def test_a_meeting_held_with_the_participation_of_a_third_side_is_not_split():
    found = meetings(
        "Guatemala City, 10 June 2024. The Vice Minister of Foreign Affairs of Guatemala, Ana Rojas, held a "
        "videoconference on Monday with the Foreign Secretary of Belize, Mark Devlin, with the participation "
        "of the Director of the OAS Office, Lena Holm."
    )
    assert [(m.countries, m.organizations) for m in found] == [(["BLZ", "GTM"], ["OAS"])]


def test_contacts_only_named_as_suspended_make_no_meeting():
    assert not meetings(
        "Canada announced new sanctions on Chile's navy chiefs on Monday over the blockade. "
        "Canada has also suspended all non-essential engagement with the Chilean navy."
    )


def test_counterparts_met_as_a_counted_group_sat_together():
    found = meetings(
        "Chilean Foreign Minister Ana Rojas met her counterparts from Peru, Bolivia and Ecuador in Lima on "
        "Monday, where the four countries agreed to share fisheries data."
    )
    assert [m.countries for m in found] == [["BOL", "CHL", "ECU", "PER"]]


def test_a_visit_for_talks_with_a_counterpart_is_a_meeting_of_both():
    found = meetings(
        "Ethiopian Trade Minister Dawit Mesfin was in Lima on Friday for talks with his Peruvian counterpart, "
        "Ana Rojas. Speaking after the meeting, Rojas said queues should be shorter."
    )
    assert [(m.countries, m.start_date) for m in found] == [(["ETH", "PER"], dt.date(2024, 6, 7))]


@pytest.mark.parametrize(
    "roster",
    [
        "Participants in the meeting included Prime Minister Ann Berg of Fiji, President Luis Mora of "
        "Palau and Prime Minister Jon Eide of Tonga.",
        "Also present at the meeting were Prime Minister Ann Berg of Fiji, President Luis Mora of Palau "
        "and Prime Minister Jon Eide of Tonga.",
    ],
)
def test_a_roster_of_a_meeting_reported_before_adds_its_sides_and_people(roster):
    (meeting,) = meetings(
        "Secretary of State Dana Reeve met with leaders of the Pacific Islands Forum in Suva on Friday. "
        + roster
    )
    assert (meeting.countries, meeting.organizations) == (["FJI", "PLW", "TON", "USA"], ["PIF"])
    assert meeting.level == "summit"


def test_a_session_an_envoy_will_travel_to_chair_is_planned():
    found = meetings(
        "Foreign Minister Ana Ruiz of Chile will travel to Lima on 16 June to chair the Third Session "
        "of the Chile-Peru Joint Commission."
    )
    assert [(m.countries, m.status) for m in found] == [(["CHL", "PER"], "planned")]


def test_a_meeting_held_by_videoconference_is_one_virtual_meeting():
    found = meetings(
        "Chile and Peru held the second meeting of their Joint Planning Forum by videoconference on "
        "Friday, in a session that lasted about an hour."
    )
    assert [(m.countries, m.format, m.duration_minutes) for m in found] == [(["CHL", "PER"], "virtual", 60)]


def test_the_visiting_minister_meeting_someone_else_is_the_guest_side():
    found = meetings(
        "Foreign Minister Ana Ruiz of Chile held talks with Peruvian Foreign Minister Luis Mora in Lima on "
        "Friday. On Thursday, the visiting Minister held a meeting with Peru's Minister of Trade Rosa Vega."
    )
    assert [(m.countries, m.start_date) for m in found] == [
        (["CHL", "PER"], dt.date(2024, 6, 7)),
        (["CHL", "PER"], dt.date(2024, 6, 6)),
    ]


def test_a_council_session_chaired_with_the_participation_of_ministers_and_a_meeting_on_its_sidelines():
    found = meetings(
        "The Ministerial Council of the Pacific Islands Forum held its 60th session in Suva on Friday, chaired "
        "by Ana Tui, Minister of Foreign Affairs of Fiji, with the participation of the foreign ministers of "
        "Tonga, Samoa and Palau. On the sidelines of the session, the Tongan minister Sione Vea met with "
        "Samoan Foreign Minister Lani Fa."
    )
    assert [(m.countries, m.organizations, m.start_date) for m in found] == [
        (["FJI", "PLW", "TON", "WSM"], ["PIF"], dt.date(2024, 6, 7)),
        (["TON", "WSM"], [], dt.date(2024, 6, 7)),  # on the sidelines: during the session
    ]


def test_an_office_named_with_its_portfolio_gives_the_level():
    found = meetings(
        "The Minister of Foreign Affairs of Nigeria received the Ambassador of Ghana, Kofi Mensah, in "
        "Abuja on Monday."
    )
    assert [(m.countries, m.level) for m in found] == [(["GHA", "NGA"], "ministerial")]


def test_an_honorific_with_a_full_stop_does_not_end_the_sentence():
    found = meetings(
        "After the official meeting between the Prime Minister of Fiji, Hon. Ana Tui, and the Minister for "
        "Foreign Affairs of Samoa, Hon. Lani Fa, on Monday, they spoke to reporters."
    )
    assert [(m.countries, m.level) for m in found] == [(["FJI", "WSM"], "summit")]


def test_every_name_of_a_long_roster_takes_part():
    text = (
        "Secretary of State Dana Reeve met with leaders of the Caribbean Community (CARICOM) in Basseterre on "
        "Friday. Participants in the meeting included Prime Minister Ana Cole of Saint Kitts and Nevis, Prime "
        "Minister Ben Ruiz of Antigua and Barbuda, Prime Minister Carl Diaz of Jamaica, President Dora Lind of "
        "Guyana, Prime Minister Eli Moss of Belize, Prime Minister Finn R. Hale of Saint Lucia, Prime Minister "
        "Gus Pratt of the Bahamas, Prime Minister Hal Voss of Grenada, Prime Minister Ivo Didier Marsh-Bel of "
        "Haiti, Prime Minister Kamla Tor-Bisson of Trinidad and Tobago, President Lia Gee-Simons of Suriname and "
        "Prime Minister Jan Kerr of Saint Vincent and the Grenadines."
    )
    found = EXTRACTOR.extract(ArticleInput(text=text, published=MONDAY))
    assert len(found.meetings) == 1 and len(found.meetings[0].countries) == 13
    names = {p.name for p in found.participants}
    assert {"Dana Reeve", "Ana Cole", "Jan Kerr", "Lia Gee-Simons"} <= names and len(names) == 13


def test_a_cancelled_visit_scheduled_for_a_weekday_was_still_ahead():
    (meeting,) = meetings(
        "Chilean President Ana Ruiz has cancelled her state visit to Peru scheduled for Monday and Tuesday.",
        published=dt.date(2024, 6, 8),
    )
    assert (meeting.status, meeting.start_date) == ("cancelled", dt.date(2024, 6, 10))


def test_bilaterals_split_from_one_report_share_the_day_given_later():
    found = meetings(
        "Foreign Minister Ana Ruiz of Chile held talks with the foreign ministers of Peru, Bolivia and "
        "Ecuador. In separate meetings with the three ministers in Lima on Friday, Ruiz discussed trade."
    )
    assert [(m.countries, m.start_date) for m in found] == [
        (["CHL", "PER"], dt.date(2024, 6, 7)),
        (["BOL", "CHL"], dt.date(2024, 6, 7)),
        (["CHL", "ECU"], dt.date(2024, 6, 7)),
    ]


def test_talks_held_with_no_medium_named_were_face_to_face():
    found = meetings(
        "Foreign Minister Ana Ruiz of Chile held talks with Peruvian Foreign Minister Luis Mora on Friday."
    )
    assert [(m.status, m.format) for m in found] == [("held", "in_person")]


def test_attending_a_meeting_with_several_sides_is_one_table_with_those_who_organised_it():
    (meeting,) = meetings(
        "Tonight, EU High Representative Maria Lind will attend a meeting with Slovenia and Croatia, "
        "organised by German Chancellor Otto Brandt and French President Luc Moreau."
    )
    assert (meeting.countries, meeting.organizations, meeting.status) == (
        ["DEU", "FRA", "HRV", "SVN"],
        ["EU"],
        "planned",
    )


def test_a_visit_to_a_seat_of_government_is_a_visit_to_its_country():
    found = meetings("Prime Minister Ana Tui of Fiji paid a visit to the White House on Friday.")
    assert [(m.countries, m.format) for m in found] == [(["FJI", "USA"], "in_person")]


def test_a_council_opening_its_own_session_is_a_meeting_of_its_members():
    found = meetings(
        "The Council of Ministers of the African Union opened its 40th Ordinary Session in Addis Ababa on "
        "the 7th of June 2024."
    )
    assert [(m.countries, m.organizations, m.start_date) for m in found] == [
        ([], ["AU"], dt.date(2024, 6, 7))
    ]


def test_a_meeting_on_the_sidelines_stays_apart_from_the_one_it_is_beside():
    found = meetings(
        "Foreign Minister Aida Sultan of Kazakhstan led the delegation at the meeting of the Council of "
        "Foreign Ministers of the CIS in Minsk on Friday. On the sidelines of the meeting, Sultan met with "
        "Tajikistan's Foreign Minister Rustam Nazarov."
    )
    assert [(m.countries, m.organizations) for m in found] == [(["KAZ"], ["CIS"]), (["KAZ", "TJK"], [])]


def test_a_counterpart_received_after_a_place_is_still_the_guest():
    found = meetings(
        "The Minister of Foreign Affairs of the Republic of Chile, Ambassador Luis Mora Vidal, received today "
        "at the Palacio de López his counterpart from the Oriental Republic of Peru, Chancellor Ana Ruiz Soto, "
        "within the framework of the II Meeting of the Bilateral Political Consultation Mechanism."
    )
    assert [(m.countries, m.status) for m in found] == [(["CHL", "PER"], "held")]


def test_the_next_meeting_one_side_looks_forward_to_is_with_the_side_just_met():
    found = meetings(
        "Foreign Minister Hana Ito of Japan spoke with Foreign Minister Paulo Mendes of Brazil on Friday. "
        "Later she spoke with Chilean Foreign Minister Rosa Vidal. "
        "Ito said Japan looks forward to an early meeting of the joint commission in Santiago."
    )
    planned = [m for m in found if m.status == "planned"]
    assert [m.countries for m in planned] == [["CHL", "JPN"]]


def test_an_exchange_held_with_a_counterpart_is_a_meeting():
    (meeting,) = meetings(
        "Foreign Minister Hana Ito of Japan held a cordial exchange with Rosa Vidal, the Chilean foreign minister, "
        "in Lima on Friday."
    )
    assert (meeting.countries, meeting.status) == (["CHL", "JPN"], "held")


def test_trade_exchanges_are_no_meeting():
    assert meetings("Trade exchanges with Chile grew by ten percent, Japan's foreign minister said.") == []


def test_discussing_with_a_counterpart_is_a_meeting():
    (meeting,) = meetings(
        "Foreign Minister Hana Ito of Japan also discussed with her Chilean counterpart, Rosa Vidal, "
        "ways of boosting trade."
    )
    assert (meeting.countries, meeting.status) == (["CHL", "JPN"], "held")


def test_discussing_ties_with_a_country_is_no_meeting():
    assert meetings("Japan's foreign minister discussed trade ties with Chile in a speech to students.") == []


def test_a_visit_to_two_countries_is_one_bilateral_each():
    found = meetings(
        "The Minister of Trade and Industry, Ana Ruiz of Chile, will undertake a working visit to Peru "
        "and Bolivia next week."
    )
    assert sorted(m.countries for m in found) == [["BOL", "CHL"], ["CHL", "PER"]]
    assert {m.status for m in found} == {"planned"}


def test_travelling_to_co_chair_a_session_is_planned():
    (meeting,) = meetings(
        "Minister Ana Ruiz of Chile will travel to Lima on Friday to co-chair the session of the "
        "joint commission with her Peruvian counterpart Jorge Soto."
    )
    assert (meeting.countries, meeting.status) == (["CHL", "PER"], "planned")


def test_a_leader_named_as_the_owner_of_something_is_no_participant():
    found = EXTRACTOR.extract(
        ArticleInput(
            text="Diplomats from Chile, Peru and Bolivia have been meeting in Lima since May 4 on a water "
            "accord that President Luis Arce's government backs.",
            published=MONDAY,
        )
    )
    assert [m.countries for m in found.meetings] == [["BOL", "CHL", "PER"]]
    assert "Luis Arce" not in {p.name for p in found.participants}


def test_a_meeting_between_both_countries_is_between_the_sides_of_its_clause():
    (meeting,) = meetings(
        "Chile and Peru have started preparations for a meeting between both countries' leaders, "
        "Chilean Foreign Minister Ana Ruiz said on Tuesday."
    )
    assert (meeting.countries, meeting.status, meeting.level) == (["CHL", "PER"], "planned", "summit")


def test_a_round_that_had_been_set_for_a_weekday_was_due_that_past_weekday():
    (meeting,) = meetings(
        "A second round of talks between Chile and Peru that had been set to take place in Lima on "
        "Tuesday was cancelled.",
        published=dt.date(2024, 6, 13),
    )
    assert (meeting.status, meeting.start_date) == ("cancelled", dt.date(2024, 6, 11))


def test_negotiations_between_two_sides_are_a_meeting():
    (meeting,) = meetings(
        "The negotiations between Chile and Peru on the fishing quota resumed in Lima on Friday."
    )
    assert (meeting.countries, meeting.status, meeting.location) == (["CHL", "PER"], "held", "Lima")


def test_negotiations_with_no_article_or_party_are_no_meeting():
    assert meetings("Chile's minister said negotiations on fishing quotas are complex and slow.") == []


def test_a_postponed_meeting_is_dated_by_the_day_it_was_scheduled_for():
    found = meetings(
        "Originally scheduled for the 3rd of February, the meeting between the presidents of Chile and "
        "Peru was postponed when the Peruvian president fell ill.",
        published=dt.date(2024, 2, 10),
    )
    assert [(m.status, m.start_date) for m in found] == [("cancelled", dt.date(2024, 2, 3))]


def test_the_honourable_prime_minister_is_an_office_a_later_he_refers_to():
    found = meetings(
        "New Zealand Foreign Minister Hon. Sam Reed met Prime Minister Hon. Tavita Lui of Tonga in "
        "Nuku'alofa on Monday. The Hon. Prime Minister said the talks were useful. "
        "He has also met with the Chinese Ambassador about the airport loan."
    )
    assert ["CHN", "TON"] in [m.countries for m in found]
    assert ["CHN", "NZL"] not in [m.countries for m in found]


def test_the_ministers_of_a_region_met_as_its_countries():
    (meeting,) = meetings("The foreign ministers of the Central Asian countries met in Dushanbe on Monday.")
    assert meeting.countries == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]


def test_a_series_of_bilateral_meetings_is_one_meeting_each():
    found = meetings(
        "The EU High Representative Ana Ruiz held a series of bilateral meetings with the leaders of "
        "Serbia, Albania and Montenegro in Berlin this afternoon."
    )
    assert sorted((m.countries, m.organizations) for m in found) == [
        (["ALB"], ["EU"]),
        (["MNE"], ["EU"]),
        (["SRB"], ["EU"]),
    ]


def test_what_these_bilateral_discussions_agreed_belongs_to_each_bilateral():
    found = EXTRACTOR.extract(
        ArticleInput(
            text="The EU High Representative Ana Ruiz held a series of bilateral meetings with the leaders of "
            "Serbia, Albania and Montenegro in Berlin this afternoon. In these bilateral discussions they "
            "agreed on the importance of regional cooperation.",
            published=MONDAY,
        )
    )
    assert sorted(a.parties for a in found.agreements) == [["ALB", "EU"], ["EU", "MNE"], ["EU", "SRB"]]


def test_what_was_agreed_in_separate_meetings_belongs_to_each_of_them():
    found = EXTRACTOR.extract(
        ArticleInput(
            text="Chilean Foreign Minister Ana Ruiz held talks with the foreign ministers of Peru, Bolivia and "
            "Ecuador in Lima. In separate meetings with the three ministers on Monday, Ruiz agreed to "
            "expand trade in fruit and copper.",
            published=MONDAY,
        )
    )
    assert sorted(a.parties for a in found.agreements) == [["BOL", "CHL"], ["CHL", "ECU"], ["CHL", "PER"]]


def test_a_round_of_talks_the_ministers_discussed_is_still_to_come():
    found = meetings(
        "Chilean Foreign Minister Ana Ruiz and Peruvian Foreign Minister Jorge Soto met in Lima on Friday "
        "and discussed a new round of talks between the two countries' presidents."
    )
    assert sorted(m.status for m in found) == ["held", "planned"]


def test_a_second_reference_back_joins_the_earlier_one_not_a_new_meeting():
    found = meetings(
        "The next consultations of the foreign ministers of Chile and Peru will be held in 2025, the "
        "ministers agreed during online talks on Wednesday. During the talks, the ministers also "
        "expressed concern about illegal fishing."
    )
    assert sorted(m.status for m in found) == ["held", "planned"]


def test_a_session_a_body_is_to_hold_is_planned():
    found = meetings(
        "Chilean Foreign Minister Ana Ruiz and Peruvian Foreign Minister Jorge Soto met in Lima on Friday. "
        "The joint commission of Chile and Peru is to hold its first session before the end of July."
    )
    assert sorted(m.status for m in found) == ["held", "planned"]


def test_a_leader_yet_to_meet_someone_has_no_meeting_planned():
    found = meetings(
        "Chilean President Ana Ruiz met Peruvian President Jorge Soto in Lima on Friday. "
        "She is yet to meet an African leader since taking office."
    )
    assert [m.status for m in found] == ["held"]


def test_a_commission_meeting_the_counterpart_was_invited_to_is_planned():
    found = meetings(
        "Foreign Minister Hana Ito of Japan spoke by phone with Chilean Foreign Minister Rosa Vidal on "
        "Friday. Ito invited her for the joint commission meeting in Tokyo soon."
    )
    assert sorted((m.status, m.countries) for m in found) == [
        ("held", ["CHL", "JPN"]),
        ("planned", ["CHL", "JPN"]),
    ]


def test_talks_with_business_leaders_are_no_meeting_with_the_country_just_met():
    found = meetings(
        "Foreign Minister Hana Ito of Japan will meet Chilean Foreign Minister Rosa Vidal in Santiago on "
        "Monday. On Tuesday, Ito will travel to Valparaiso for talks with business leaders."
    )
    assert [m.countries for m in found] == [["CHL", "JPN"]]


def test_a_reference_back_beside_one_counterpart_belongs_to_that_counterparts_meeting():
    found = EXTRACTOR.extract(
        ArticleInput(
            text="Chilean Foreign Minister Ana Ruiz met the Chinese Ambassador, Li Wen, in Santiago on Monday. "
            "She also received the ambassadors of Peru and Bolivia. The minister and the Bolivian "
            "Ambassador, Luis Mora, discussed trade at the meeting.",
            published=MONDAY,
        )
    )
    keys = {m.key: m.countries for m in found.meetings}
    assert {p.name: keys[p.meeting_key] for p in found.participants}.get("Luis Mora") == ["BOL", "CHL"]


def test_a_press_release_title_dates_the_meeting_its_text_leaves_undated():
    (meeting,) = meetings(
        "Foreign Minister Ana Ruiz of Chile met Peruvian Foreign Minister Jorge Soto. They discussed fisheries.",
        published=dt.date(2007, 10, 30),
        title="Press Statement: Meeting between Ana Ruiz and Jorge Soto on 29 October 2007",
    )
    assert meeting.start_date == dt.date(2007, 10, 29)


def test_the_same_pair_met_by_other_people_is_another_meeting():
    found = meetings(
        "President Ana Ruiz of Chile met Peruvian President Jorge Soto in Lima on Monday. "
        "Chilean Foreign Minister Luis Mora met Peruvian Foreign Minister Rosa Diaz in Lima on Monday."
    )
    assert sorted(m.level for m in found) == ["ministerial", "summit"]


def test_talks_named_as_the_time_of_a_meeting_lend_it_none_of_their_people():
    found = EXTRACTOR.extract(
        ArticleInput(
            text="Chilean President Ana Ruiz met Peruvian President Jorge Soto in Lima on Monday, soon after "
            "Soto's talks with Chilean Foreign Minister Luis Mora.",
            published=MONDAY,
        )
    )
    assert len(found.meetings) == 2


def test_an_unnamed_office_opening_the_sentence_gives_the_rank():
    (meeting,) = meetings(
        "Chilean foreign minister and his Peruvian counterpart hold talks in Lima on fisheries."
    )
    assert (meeting.countries, meeting.level) == (["CHL", "PER"], "ministerial")


def test_greetings_exchanged_with_several_counterparts_are_a_call_each():
    found = EXTRACTOR.extract(
        ArticleInput(
            text="Swedish Foreign Minister Lars Berg exchanged holiday greetings on Monday with the foreign "
            "ministers of Chile, Kenya and Japan. During the phone call with Kenya's Ruth Wanjiku, trade was "
            "the main subject. The two ministers agreed to open a joint trade office.",
            published=MONDAY,
        )
    )
    by_pair = {tuple(m.countries): m for m in found.meetings}
    assert set(by_pair) == {("CHL", "SWE"), ("KEN", "SWE"), ("JPN", "SWE")}
    assert by_pair["KEN", "SWE"].format == "phone"  # the call with Kenya's minister is that bilateral's
    assert by_pair["CHL", "SWE"].format != "phone"
    # said in the call with Kenya's minister, not in the exchanges with Chile and Japan
    assert [a.parties for a in found.agreements] == [["KEN", "SWE"]]


def test_views_exchanged_with_a_focus_on_a_topic_are_no_second_meeting():
    found = meetings(
        "Foreign Minister Lars Berg of Sweden held talks with Kenyan Foreign Minister Ruth Wanjiku in "
        "Nairobi on Friday. The two delegations exchanged views on energy and transport links, with an "
        "emphasis on the African Union's rail plans."
    )
    assert [m.countries for m in found] == [["KEN", "SWE"]]


def test_a_subject_the_parser_leaves_on_the_auxiliary_still_hosts_each_bilateral():
    found = meetings(
        "Foreign Minister Lars Berg of Sweden has over the past two weeks exchanged greetings with the "
        "ministers of Chile and Japan."
    )
    assert sorted(m.countries for m in found) == [["CHL", "SWE"], ["JPN", "SWE"]]


def test_a_call_someone_had_with_a_counterpart_is_a_meeting_not_a_call_for_something():
    found = meetings(
        "In his telephone call with Kenyan Foreign Minister Ruth Wanjiku on Monday, Swedish Foreign "
        "Minister Lars Berg discussed trade. Berg repeated his call for calm in the region."
    )
    assert [(m.countries, m.format) for m in found] == [(["KEN", "SWE"], "phone")]


def test_the_members_a_side_is_made_up_of_take_part():
    found = EXTRACTOR.extract(
        ArticleInput(
            text="Norway and Chile opened fisheries talks in Oslo on Tuesday. Chile's team is made up of "
            "Deputy Minister Ana Rojas and Ambassador Pablo Soto.",
            published=MONDAY,
        )
    )
    assert {(p.name, p.country) for p in found.participants} >= {("Ana Rojas", "CHL"), ("Pablo Soto", "CHL")}


def test_a_meeting_of_others_they_agreed_to_convene_is_planned_apart_and_without_them():
    found = meetings(
        "Foreign Minister Ana Rojas of Chile met Foreign Minister Lars Berg of Sweden in Lima on Monday. "
        "The two decided to hold a meeting of their fisheries agencies in the spring."
    )
    assert [(m.status, m.level) for m in found] == [("held", "ministerial"), ("planned", "unknown")]


def test_a_meeting_named_for_one_rank_is_not_the_one_named_for_another():
    found = meetings(
        "The Meeting of Foreign Ministers of the Baltic states, held in Oslo on Monday, prepared the "
        "Summit of the Heads of State of the Baltic states."
    )
    assert [m.level for m in found if m.location == "Oslo"] == ["ministerial"]


def test_another_meeting_naming_no_one_is_the_encounter_its_sentence_reports():
    found = meetings(
        "The Danish and Polish fisheries delegations held a video conference on Monday. In another "
        "cross-border meeting, Estonia's Minister of Culture Mari Tamm and Latvia's Minister of Health "
        "Janis Ozols met in Valga on Thursday."
    )
    assert sorted(m.countries for m in found) == [["DNK", "POL"], ["EST", "LVA"]]


def test_calls_with_respective_counterparts_are_one_meeting_per_pair():
    found = EXTRACTOR.extract(
        ArticleInput(
            text="On Monday the Finnish premier Anna Koski and Foreign Minister Pekka Laine had phone "
            "conversations with their respective Estonian counterparts, Kadri Saar and Urmas Kask.",
            published=MONDAY,
        )
    )
    assert [(m.countries, m.format) for m in found.meetings] == [(["EST", "FIN"], "phone")] * 2
    assert {m.rule_id for m in found.meetings} == {"meeting/respective/noun:conversation"}
    people = {p.meeting_key: set() for p in found.participants}
    for p in found.participants:
        people[p.meeting_key].add(p.name)
    assert sorted(people.values(), key=sorted) == [
        {"Anna Koski", "Kadri Saar"},
        {"Pekka Laine", "Urmas Kask"},
    ]


def test_the_day_something_was_said_is_not_the_day_of_the_talks():
    found = meetings(
        "Foreign Minister Ana Rojas of Chile met her Peruvian counterpart Luis Vega in Lima. Rojas said "
        "Sunday talks with Vega on Saturday had opened new ground on water rights."
    )
    assert [(m.countries, m.start_date) for m in found] == [(["CHL", "PER"], dt.date(2024, 6, 8))]


def test_a_meeting_with_an_organisation_beside_another_is_its_own():
    found = meetings(
        "President Ana Rojas of Chile and President Luis Vega of Peru arrived in Quito for talks on Monday. "
        "Rojas also held a meeting with EU leaders in the same hotel."
    )
    assert sorted((m.countries, m.organizations) for m in found) == [(["CHL"], ["EU"]), (["CHL", "PER"], [])]


def test_a_summit_of_a_country_and_a_continent_is_that_countrys_alone():
    found = meetings(
        "Foreign Minister Ana Rojas of Chile held talks with Kenyan Foreign Minister Ruth Wanjiku in Nairobi "
        "on Friday. The ministers also confirmed that the second Chile-Africa summit will be held in 2026."
    )
    assert [(m.countries, m.status) for m in found] == [(["CHL", "KEN"], "held"), (["CHL"], "planned")]
    assert found[1].level == "summit"  # its name's rank, not that of the ministers who spoke of it


def test_the_ministers_are_not_the_presidents_who_met_before():
    found = meetings(
        "President Ana Rojas of Chile met President Luis Vega of Peru in Lima on Monday. During the meeting, "
        "the ministers assessed progress since their last ministerial session in March."
    )
    assert [m.level for m in found] == ["summit", "ministerial"]
