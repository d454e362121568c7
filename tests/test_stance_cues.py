"""Stance cues on hand-written sentences in the styles of readouts and wire reports."""

from __future__ import annotations

from spacy.language import Language

from parley.extract.stance_cues import STANCES, StanceCue, find_stances


def cues(nlp: Language, text: str) -> list[StanceCue]:
    doc = nlp(text)
    return [cue for sent in doc.sents for cue in find_stances(sent)]


def stances(nlp: Language, text: str) -> list[str]:
    return sorted(c.stance for c in cues(nlp, text))


def one(nlp: Language, text: str, stance: str) -> StanceCue:
    found = [c for c in cues(nlp, text) if c.stance == stance]
    assert len(found) == 1, (text, found)
    return found[0]


def test_light_verb_concern_has_holder_and_topic(nlp: Language) -> None:
    cue = one(
        nlp, "Foreign Minister Tanaka voiced grave concern over the recent missile launches.", "concern"
    )
    assert cue.subject is not None and cue.subject.text == "Foreign Minister Tanaka"
    assert cue.cue.text == "voiced grave concern"
    assert cue.topic is not None and "missile launches" in cue.topic


def test_two_stances_in_one_sentence_are_two_cues(nlp: Language) -> None:
    text = (
        "Canada expressed deep concern about the detention of its citizens and called for their "
        "immediate release."
    )
    assert stances(nlp, text) == ["concern", "demand"]
    assert all(c.subject is not None and c.subject.text == "Canada" for c in cues(nlp, text))


def test_urge_names_its_target(nlp: Language) -> None:
    cue = one(nlp, "The envoy urged Belgrade to free the two journalists before the weekend.", "demand")
    assert cue.target is not None and cue.target.text == "Belgrade"
    assert cue.subject is not None and cue.subject.text == "The envoy"


def test_talk_only_verbs_are_not_stances(nlp: Language) -> None:
    text = (
        "The ministers discussed trade, reviewed the situation in the region and exchanged views on energy."
    )
    assert cues(nlp, text) == []
    assert cues(nlp, "She also mentioned fisheries quotas and port fees at the lunch.") == []


def test_mentioned_that_conveys_a_statement(nlp: Language) -> None:
    assert stances(nlp, "I mentioned that the new visa rules were hurting students.") == ["statement"]


def test_reporting_verb_with_a_hope_inside_is_only_the_hope(nlp: Language) -> None:
    text = "Ambassador Njeri underlined that she hopes Nairobi will reopen the consulate soon."
    cue = one(nlp, text, "hope")
    assert stances(nlp, text) == ["hope"]
    assert cue.target is not None and cue.target.text == "Nairobi"
    assert cue.subject is not None and cue.subject.text == "Ambassador Njeri"


def test_pronoun_in_a_reported_clause_stands_for_the_reporter(nlp: Language) -> None:
    cue = one(nlp, "Mr. Sato said that he hopes the talks will resume in spring.", "hope")
    assert cue.subject is not None and cue.subject.text == "Mr. Sato"


def test_noting_participle_after_a_demand_adds_nothing(nlp: Language) -> None:
    text = "Governor Aziz demanded faster vaccine deliveries, noting that two provinces still had none."
    assert stances(nlp, text) == ["demand"]


def test_coordinated_statement_and_hope_are_both_kept(nlp: Language) -> None:
    text = (
        "The minister underlined the decades of friendship linking Chile and Norway and "
        "voiced her desire to widen scientific exchanges."
    )
    assert stances(nlp, text) == ["hope", "statement"]


def test_participle_before_the_subject_takes_the_main_subject(nlp: Language) -> None:
    text = "While praising the ferry agreement, Minister Osei demanded faster customs checks at the port."
    found = {c.stance: c for c in cues(nlp, text)}
    assert set(found) == {"support", "demand"}
    assert found["support"].subject is not None and found["support"].subject.text == "Minister Osei"


def test_passive_briefing_is_held_by_the_agent(nlp: Language) -> None:
    text = "The visiting delegation was briefed by Ambassador Kaur on the harvest outlook."
    cue = one(nlp, text, "statement")
    assert cue.subject is not None and cue.subject.text == "Ambassador Kaur"


def test_passive_expression_of_concern_takes_the_agent(nlp: Language) -> None:
    cue = one(nlp, "Concern was expressed by the Chinese side over the new export rules.", "concern")
    assert cue.subject is not None and cue.subject.text == "the Chinese side"


def test_shared_stance_is_one_cue_with_the_joint_subject(nlp: Language) -> None:
    found = cues(nlp, "The two sides expressed hope that the ceasefire would hold.")
    assert [c.stance for c in found] == ["hope"]
    assert found[0].subject is not None and found[0].subject.text == "The two sides"


def test_one_side_committing_is_a_statement(nlp: Language) -> None:
    text = "The premier praised Ghana's hosting of the games and pledged to fund two new clinics."
    assert stances(nlp, text) == ["statement", "support"]


def test_both_sides_committing_is_not_a_stance(nlp: Language) -> None:
    assert cues(nlp, "Both delegations committed to keep the hotline open.") == []


def test_possessed_request_is_a_demand_of_its_owner(nlp: Language) -> None:
    text = "In answer to my appeal for more rescue boats, Governor Lind expressed her solidarity."
    found = {c.stance: c for c in cues(nlp, text)}
    assert set(found) == {"demand", "support"}
    assert found["demand"].subject is not None and found["demand"].subject.text == "my"
    assert found["support"].subject is not None and found["support"].subject.text == "Governor Lind"


def test_verdict_on_the_talks_is_support(nlp: Language) -> None:
    assert stances(nlp, 'Ortega called the two-hour meeting "productive" and left for the airport.') == [
        "support"
    ]


def test_quoted_first_person_pledge_is_a_statement(nlp: Language) -> None:
    text = "“We will keep working with Canberra to keep the region stable,” she said after the talks."
    assert stances(nlp, text) == ["statement"]
    assert cues(nlp, "“The talks went well,” she said after the meeting.") == []


def test_eagerness_and_wanting_are_hopes(nlp: Language) -> None:
    assert stances(nlp, "Oslo is clearly eager to host the next round of fisheries talks.") == ["hope"]
    assert stances(nlp, "According to officials, Seoul wants to restore the hotline at the meeting.") == [
        "hope"
    ]


def test_look_forward_is_hope_but_forward_looking_is_not(nlp: Language) -> None:
    assert stances(nlp, "The governor looked forward to the reopening of the rail bridge.") == ["hope"]
    assert cues(nlp, "Her speech was short, warm and forward-looking.") == []


def test_opposed_needs_its_object(nlp: Language) -> None:
    assert cues(nlp, "On the question of fees, the two camps remained opposed throughout.") == []
    assert stances(nlp, "Paris is firmly opposed to the planned tariffs.") == ["opposition"]


def test_criticism_and_proposal_verbs(nlp: Language) -> None:
    assert stances(nlp, "Beijing condemned the sanctions as illegal interference.") == ["criticism"]
    assert stances(nlp, "The Indian delegation proposed a joint working group on shipping.") == ["proposal"]


def test_highlighted_commitment_is_one_statement_not_support(nlp: Language) -> None:
    text = "The Trade Minister highlighted Canada's commitment to working with Ghana on cocoa processing."
    assert stances(nlp, text) == ["statement"]


def test_no_holder_no_cue(nlp: Language) -> None:
    assert cues(nlp, "Thank you.") == []
    assert cues(nlp, "Libya's return to the regional bloc was applauded last year.") == []


def test_history_is_not_a_stance_at_the_meeting(nlp: Language) -> None:
    text = "The border had closed in 2015 after Premier Dunn rejected the survey findings."
    assert cues(nlp, text) == []
    assert cues(nlp, "Peru was among several states that did so, having rejected the vote.") == []
    assert cues(nlp, "The feud started when Bolivia criticised the water deal.") == []
    assert [c.stance for c in cues(nlp, "When they met, Peru accused Bolivia of moving the posts.")] == [
        "criticism"
    ]


def test_relationship_pairs_are_not_targets(nlp: Language) -> None:
    cue = one(nlp, "The leaders stressed the value of Ghana-Togo power trade.", "statement")
    assert cue.target is None


def test_every_cue_is_well_formed(nlp: Language) -> None:
    text = (
        "Minister Alvarez criticized the blockade and asked Caracas to release the detainees. "
        "Minister Alvarez also welcomed Brazil's mediation and proposed new talks in Quito."
    )
    found = cues(nlp, text)
    assert sorted(c.stance for c in found) == ["criticism", "demand", "proposal", "support"]
    for cue in found:
        assert cue.stance in STANCES
        assert cue.cue.text in text
        assert cue.subject is not None and cue.subject.text == "Minister Alvarez"


def test_never_raises_on_odd_input(nlp: Language) -> None:
    for text in ["", "...", "“", "Urged.", "Concern concern concern."]:
        doc = nlp(text)
        for sent in doc.sents:
            assert isinstance(find_stances(sent), list)


def test_infinitive_of_purpose_is_not_a_stance(nlp: Language) -> None:
    text = "Minister Dubois called for a larger recovery fund to support the hardest-hit regions."
    assert stances(nlp, text) == ["demand"]
    assert stances(nlp, "Finland keeps its policy to support open sea lanes in the Baltic.") == ["support"]


def test_a_common_noun_subject_is_a_holder(nlp: Language) -> None:
    cue = one(nlp, "Mendes welcomed Japan's investment in the railway.", "support")
    assert cue.subject is not None and cue.subject.text == "Mendes"


def test_call_on_needs_an_infinitive_to_be_a_demand(nlp: Language) -> None:
    assert stances(nlp, "The leaders called on Ruritania to release the detainees.") == ["demand"]
    assert stances(nlp, "The delegation also called on the Minister of Trade.") == []


def test_readiness_to_give_is_an_offer_and_to_act_a_statement(nlp: Language) -> None:
    assert stances(nlp, "Norway is willing to provide training to the coast guard.") == ["proposal"]
    assert stances(nlp, "Norway is ready to deepen cooperation with Chile.") == ["statement"]


def test_reciprocal_support_and_comparisons_are_not_stances(nlp: Language) -> None:
    assert stances(nlp, "Over the years the two sides have supported each other in many forums.") == []
    assert stances(nlp, "Chile is far more worried than Peru about the drought.") == []


def test_accepting_an_invitation_is_support(nlp: Language) -> None:
    assert stances(nlp, "The Chilean minister accepted the invitation in principle.") == ["support"]


def test_a_stance_inside_what_was_agreed_is_not_a_position(nlp: Language) -> None:
    assert stances(nlp, "The ministers agreed to propose a joint plan to their partners.") == []
    assert stances(nlp, "The ministers agreed to expand trade and welcomed the new air link.") == ["support"]
    # a that-clause with its own subject is still what was agreed
    assert stances(nlp, "The envoys agreed that they hoped to see the ferry line reopen.") == []
    text = "The ministers shared the view that their coast guards should jointly press smugglers to stop."
    assert stances(nlp, text) == []


def test_a_named_speakers_reported_view_is_a_statement(nlp: Language) -> None:
    assert stances(nlp, "Maria Lopez said that the two economies are closely linked.") == ["statement"]


def test_a_reported_account_of_what_the_talks_covered_is_no_statement(nlp: Language) -> None:
    assert stances(nlp, "Maria Lopez said she had discussed fisheries and ports with Ruiz.") == []
    assert stances(nlp, "Maria Lopez said the meeting had focused on ports and fisheries.") == []


def test_agreement_verbs_and_stances_are_read_once_per_sentence(nlp: Language) -> None:
    from parley.extract.cues import find_agreements, sentence_cues

    sent = next(nlp("Both sides agreed to expand trade and welcomed the new air link.").sents)
    first = sentence_cues(sent)
    assert sentence_cues(sent) is first
    assert [c.status for c in find_agreements(sent)] == ["agreed"]


def test_feeling_after_with_is_the_stance(nlp: Language) -> None:
    cue = one(nlp, "The two delegations noted with satisfaction that tourism had recovered.", "support")
    assert cue.cue.text == "noted with satisfaction"
    assert stances(nlp, "Oslo observed with alarm the rising tensions along the border.") == ["concern"]


def test_a_request_that_explains_an_event_is_not_a_stance(nlp: Language) -> None:
    assert stances(nlp, "The round was delayed at the Peruvian side's request.") == []
    assert stances(nlp, "Lima repeated its request for a delay.") == ["demand"]


def test_a_stance_describing_a_noun_is_not_taken_at_the_meeting(nlp: Language) -> None:
    text = "The envoys called on both armies to honour the ceasefire proposed by Norway."
    assert stances(nlp, text) == ["demand"]


def test_call_on_with_an_infinitive_clause_is_a_demand(nlp: Language) -> None:
    cue = one(nlp, "Both ministers called on Canberra to extend the quota for fishing fleets.", "demand")
    assert cue.target is not None and "Canberra" in cue.target.text


def test_a_named_speakers_quoted_view_is_reported(nlp: Language) -> None:
    cue = one(nlp, "“Our farmers need these markets open,” Halvorsen told reporters.", "statement")
    assert cue.reported and cue.subject is not None and cue.subject.text == "Halvorsen"


def test_a_first_person_account_of_the_talks_is_not_a_view(nlp: Language) -> None:
    assert stances(nlp, "“We covered a lot of ground,” Halvorsen told reporters.") == []


def test_a_dateline_is_not_part_of_the_subject(nlp: Language) -> None:
    cue = one(
        nlp, "OSLO, June 3 (Wire) -- Nordic ministers criticised the new tariffs on Friday.", "criticism"
    )
    assert cue.subject is not None and cue.subject.text == "Nordic ministers"


def test_satisfaction_expressed_is_support(nlp: Language) -> None:
    cue = one(nlp, "The two envoys expressed satisfaction with the growth of trade.", "support")
    assert cue.topic is not None and "growth of trade" in cue.topic


def test_a_denied_claim_is_opposition_but_a_denied_entry_is_not(nlp: Language) -> None:
    cue = one(nlp, "Colonel Hart denied that his soldiers had entered the buffer zone.", "opposition")
    assert cue.subject is not None and cue.subject.text == "Colonel Hart"
    assert stances(nlp, "Austria denied entry to the convoy.") == []


def test_a_reply_with_a_clause_is_a_statement(nlp: Language) -> None:
    one(nlp, "Mr. Dorn replied that the road remained a priority for Vienna.", "statement")


def test_asking_ones_own_staff_is_not_a_demand(nlp: Language) -> None:
    assert "demand" not in stances(nlp, "The delegates asked their experts to draft options.")
    one(nlp, "The minister asked his counterpart to reopen the border.", "demand")


def test_welcoming_a_guest_to_a_place_is_hospitality(nlp: Language) -> None:
    text = "The Chancellor, Ada Meyer, welcomed Peru's trade minister, Luis Cano, to Berlin on Monday."
    assert stances(nlp, text) == []
    one(nlp, "Rome welcomed Spain's decision to join the mission.", "support")


def test_a_stated_preference_or_adherence_is_a_statement(nlp: Language) -> None:
    assert stances(nlp, "Norway preferred a phased withdrawal of the observers.") == ["statement"]
    assert stances(nlp, "Peru firmly adheres to the principle of non-intervention.") == ["statement"]


def test_a_second_act_joined_inside_a_statement_is_a_stance_of_its_own(nlp: Language) -> None:
    text = (
        "During the call, Minister Tanaka stressed that Japan stands with Chile and urged the "
        "country's fishermen to respect the quota."
    )
    assert stances(nlp, text) == ["demand", "statement"]


def test_congratulations_are_support_even_when_offered(nlp: Language) -> None:
    assert stances(nlp, "President Holm congratulated the Prime Minister on his appointment.") == ["support"]
    offered = "In response, Minister Tanaka offered his congratulations on the new cabinet."
    assert stances(nlp, offered) == ["support"]
    assert stances(nlp, "Norway offered to mediate between the two governments.") == ["proposal"]
    assert stances(nlp, "Chile offered technical support for the census.") == ["proposal"]


def test_committing_a_deed_is_not_a_commitment(nlp: Language) -> None:
    deed = cues(nlp, "He stressed that the militia is committing abuses against villagers.")
    assert [(c.stance, c.subject.text) for c in deed] == [("statement", "He")]
    assert stances(nlp, "Norway committed itself to the ceasefire plan.") == ["statement"]
    assert stances(nlp, "The minister committed to funding the clinic.") == ["statement"]


def test_suggesting_a_fact_is_an_inference_not_a_proposal(nlp: Language) -> None:
    text = "Chile rejected the report in a statement, suggesting it was written to derail the talks."
    assert stances(nlp, text) == ["opposition"]
    assert stances(nlp, "Peru suggested that talks be held in Lima.") == ["proposal"]
    assert stances(nlp, "The minister suggested that the envoys should meet again in May.") == ["proposal"]


def test_recalling_that_is_a_statement_and_appealing_to_a_side_a_demand(nlp: Language) -> None:
    assert stances(nlp, "The minister recalled that the treaty bars new dams on the river.") == ["statement"]
    assert stances(nlp, "Peru recalled its ambassador from Chile.") == []
    assert stances(nlp, "The envoy appealed to both sides to show restraint.") == ["demand"]


def test_conveyed_greetings_are_a_courtesy_not_a_statement(nlp: Language) -> None:
    assert stances(nlp, "Ambassador Ruiz conveyed the greetings of the President to the minister.") == []
    assert stances(nlp, "Ambassador Ruiz conveyed the concerns of his government to the minister.") != []


def test_a_title_with_and_in_it_is_one_side(nlp: Language) -> None:
    from parley.extract.cue_syntax import is_joint

    def subject(text: str):
        sent = next(nlp(text).sents)
        root = sent.root
        head = next(c for c in root.children if c.dep_ == "nsubj")
        return sent.doc[head.left_edge.i : head.right_edge.i + 1]

    assert not is_joint(subject("The Minister of Trade and Industry, Ana Ruiz, will visit Lima."))
    assert is_joint(subject("Ana Ruiz and Jorge Soto will visit Lima."))


def test_speaking_highly_and_acknowledging_a_need_are_stances(nlp: Language) -> None:
    assert stances(nlp, "Ruiz spoke highly of Peru's decision to join the fisheries pact.") == ["support"]
    assert stances(nlp, "Both ministers acknowledged the need for closer border cooperation.") == [
        "statement"
    ]


def test_assuring_someone_of_support_is_support(nlp: Language) -> None:
    cue = one(
        nlp, "Minister Ruiz assured her Peruvian counterpart of Chile's support for the bid.", "support"
    )
    assert cue.subject is not None and cue.subject.text == "Minister Ruiz"
    assert stances(nlp, "He assured them of the meeting time.") == []


def test_both_sides_noting_anything_state_a_shared_view(nlp: Language) -> None:
    assert stances(nlp, "The ministers noted the closeness of their positions on the border.") == [
        "statement"
    ]
    assert stances(nlp, "Ruiz noted the closeness of the two capitals.") == []


def test_a_purpose_after_met_with_someone_is_the_subjects(nlp: Language) -> None:
    text = (
        "Trade Minister Ana J. Ruiz met today with Peruvian Trade Minister Luis Vega Soto in Geneva City to "
        "underline the need for open and fair markets."
    )
    cue = one(nlp, text, "statement")
    assert cue.subject is not None and cue.subject.text.endswith("Ana J. Ruiz")


def test_a_shared_stance_is_every_sides(nlp: Language) -> None:
    cue = one(nlp, "Ruiz and Vega voiced their shared hope for calm.", "hope")
    assert cue.impersonal and cue.subject is None
