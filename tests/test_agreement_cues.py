"""Agreement cues on hand-written sentences in the styles of readouts and wire reports."""

from __future__ import annotations

from spacy.language import Language

from parley.extract.agreement_cues import STATUSES, AgreementCue, find_agreements


def cues(nlp: Language, text: str) -> list[AgreementCue]:
    doc = nlp(text)
    return [cue for sent in doc.sents for cue in find_agreements(sent)]


def statuses(nlp: Language, text: str) -> list[str]:
    return [c.status for c in cues(nlp, text)]


def test_agreed_to_with_timeframe(nlp: Language) -> None:
    [cue] = cues(nlp, "Both delegations agreed to resume the technical review soon.")
    assert cue.status == "agreed"
    assert cue.subject is not None and cue.subject.text == "Both delegations"
    assert cue.timeframe == "soon"
    assert cue.description is not None and "resume the technical review" in cue.description


def test_two_coordinated_complements_are_two_agreements(nlp: Language) -> None:
    text = (
        "The two ministers committed to deepen their cooperation on renewable energy and to launch a "
        "new dialogue on critical minerals in the coming months."
    )
    found = cues(nlp, text)
    assert [c.status for c in found] == ["agreed", "agreed"]
    assert found[0].timeframe is None
    assert found[1].timeframe == "in the coming months"


def test_short_coordinated_actions_are_one_agreement(nlp: Language) -> None:
    text = "Norway and Chile agreed last week to lift the quota and simplify customs checks within six weeks."
    [cue] = cues(nlp, text)
    assert cue.status == "agreed"
    assert cue.timeframe == "within six weeks"


def test_confirmed_intention_is_intended(nlp: Language) -> None:
    text = "Kenya and Tanzania confirmed their intention to merge their customs posts by the end of the year."
    [cue] = cues(nlp, text)
    assert cue.status == "intended"
    assert cue.timeframe == "by the end of the year"
    text = "Both stressed their common commitment to a faster rail link."
    assert statuses(nlp, text) == ["intended"]


def test_shared_view_of_present_and_future(nlp: Language) -> None:
    text = (
        "Both envoys shared the view that the grain corridor is vital, and that their navies will "
        "continue to exchange patrol data."
    )
    assert statuses(nlp, text) == ["agreed", "intended"]


def test_confirmed_that_they_will_is_intended(nlp: Language) -> None:
    text = "The two premiers confirmed that a joint rail survey will begin before the end of the year."
    assert statuses(nlp, text) == ["intended"]


def test_agreed_to_work_toward_is_intended(nlp: Language) -> None:
    assert statuses(nlp, "The leaders agreed to work toward a free trade agreement.") == ["intended"]


def test_signed_documents(nlp: Language) -> None:
    assert statuses(nlp, "The two ministers signed a memorandum of understanding on fisheries.") == ["signed"]
    [cue] = cues(nlp, "A protocol on satellite data sharing was also signed while the minister was in town.")
    assert cue.status == "signed"
    assert statuses(nlp, "A decision on visa-free travel was signed by the two ministers.") == ["signed"]
    assert cue.subject is None


def test_failures_are_not_reached(nlp: Language) -> None:
    assert statuses(nlp, "However, no progress was made on the border dispute.") == ["not_reached"]
    assert statuses(nlp, "The negotiators failed to agree on a ceasefire line.") == ["not_reached"]
    assert statuses(nlp, "The two sides remained far apart on the question of reparations.") == [
        "not_reached"
    ]


def test_one_side_committing_is_not_an_agreement(nlp: Language) -> None:
    assert cues(nlp, "The trade commissioner pledged to simplify licensing for exporters.") == []


def test_joint_future_course(nlp: Language) -> None:
    assert statuses(nlp, "Peru and Chile will continue to share intelligence on trafficking.") == ["intended"]
    assert statuses(nlp, "Ghana and Togo will lift the border tolls once the new bridge opens.") == ["agreed"]
    assert cues(nlp, "Peru and Chile will hold talks next week.") == []
    assert cues(nlp, "Ghana and Togo will resume their talks in Accra in May.") == []


def test_quoted_we_is_not_both_sides(nlp: Language) -> None:
    assert cues(nlp, "“We will foster exchanges in many fields,” he said.") == []


def test_talk_is_not_agreement(nlp: Language) -> None:
    assert cues(nlp, "The two sides discussed plans for closer economic consultations.") == []
    assert cues(nlp, "Several matters remain open, and on those the two governments differ.") == []


def test_timeframe_of_a_noun_clause_is_not_the_agreements(nlp: Language) -> None:
    text = "The ministers agreed to speed up preparations for a trade forum which is planned for June."
    [cue] = cues(nlp, text)
    assert cue.timeframe is None
    [cue] = cues(nlp, "The two navies pledged to keep their hotline staffed at all times.")
    assert cue.timeframe is None


def test_timeframe_as_written(nlp: Language) -> None:
    [cue] = cues(nlp, "The ministers agreed to finish the joint report around mid-October.")
    assert cue.status == "agreed"
    assert cue.timeframe == "around mid-October"
    [cue] = cues(nlp, "The negotiators agreed to resume in Geneva at a time suitable for everyone.")
    assert cue.timeframe == "at a time suitable for everyone"


def test_participle_agreement_takes_the_main_subject(nlp: Language) -> None:
    text = "President Lund and her Icelandic guest toured the harbour, agreeing that fishing quotas should be reviewed."
    [cue] = cues(nlp, text)
    assert cue.status == "agreed"
    assert cue.subject is not None and "Lund" in cue.subject.text


def test_joint_proposal_is_an_agreement(nlp: Language) -> None:
    text = "A joint science fund was proposed by Chancellor Weiss together with the Estonian prime minister."
    assert statuses(nlp, text) == ["agreed"]


def test_statuses_and_spans_are_well_formed(nlp: Language) -> None:
    text = "Japan and Vietnam agreed to strengthen coast guard cooperation and signed a joint statement."
    found = cues(nlp, text)
    assert sorted(c.status for c in found) == ["agreed", "signed"]
    for cue in found:
        assert cue.status in STATUSES
        assert cue.cue.text in text


def test_never_raises_on_odd_input(nlp: Language) -> None:
    for text in ["", "Agreed.", "No progress.", "“", "signed signed signed"]:
        for sent in nlp(text).sents:
            assert isinstance(find_agreements(sent), list)


def test_a_signing_agreed_on_is_not_signed(nlp: Language) -> None:
    assert statuses(nlp, "The two sides agreed to sign a trade agreement next year.") == ["agreed"]


def test_one_government_deciding_is_not_an_agreement(nlp: Language) -> None:
    assert cues(nlp, "Japan decided to provide emergency relief goods to Tonga.") == []
    assert statuses(nlp, "The two governments decided to open a consulate in Osaka.") == ["agreed"]


def test_a_wished_or_impersonal_future_is_not_an_agreement(nlp: Language) -> None:
    assert cues(nlp, "The minister hopes the two countries will sign a deal soon.") == []
    assert cues(nlp, "Trade between the two countries will recover quickly this year.") == []
    # plural subjects that are no side: things, firms
    assert cues(nlp, "Such projects would include new roads under the auspices of the new government.") == []
    assert cues(nlp, "The mill is safe, he said, adding that the companies will be using new filters.") == []


def test_an_infinitive_inside_agreed_content_is_not_a_second_cue(nlp: Language) -> None:
    text = "They agreed to review the results of this round and to decide on further steps."
    assert all(c.cue.text == "agreed" for c in cues(nlp, text))


def test_a_stray_second_infinitive_is_a_second_agreement(nlp: Language) -> None:
    text = (
        "Both sides agreed to work towards convening the commission in 2025 and to finalise pending accords."
    )
    assert sorted(c.status for c in cues(nlp, text)) == ["agreed", "intended"]
    text = (
        "Both governments agreed to refrain from any measure that might hurt the process and to keep "
        "working for a truce."
    )
    assert len(cues(nlp, text)) == 2  # the second hangs on the relative clause


def test_what_the_sides_are_is_not_what_they_agreed(nlp: Language) -> None:
    assert cues(nlp, "Norway and Iceland are old rivals who have agreed to split the quota.") == []
    assert statuses(nlp, "The two ministers, who agreed to cooperate on fisheries, met in Lima.") == [
        "agreed"
    ]
    text = "They signed a protocol which agreed that customs data will be pooled."
    assert statuses(nlp, text) == ["signed"]  # the document's content is signed once, not agreed again


def test_talks_without_reaching_a_settlement_are_not_reached(nlp: Language) -> None:
    assert statuses(nlp, "They held ten rounds of talks without reaching a settlement.") == ["not_reached"]


def test_an_agreement_urged_on_others_is_not_one(nlp: Language) -> None:
    assert statuses(nlp, "The ministers urged the warring parties to agree to a truce.") == []
    assert statuses(nlp, "Both envoys called on the rebels to agree to talks.") == []


def test_deciding_on_next_steps_is_part_of_the_first_thing_agreed(nlp: Language) -> None:
    [cue] = cues(nlp, "They agreed to assess the results of the pilot and to decide on next steps.")
    assert cue.description is not None and "pilot" in cue.description
    assert len(cues(nlp, "They agreed to assess the results of the pilot and to decide on the budget.")) == 2


def test_talks_ending_without_agreement_are_not_reached(nlp: Language) -> None:
    [cue] = cues(nlp, "The talks ended without agreement on a fishing quota.")
    assert cue.status == "not_reached"
    assert cue.description is not None and "fishing quota" in cue.description
    assert statuses(nlp, "He left without a word.") == []


def test_an_agreement_only_aimed_at_is_none(nlp: Language) -> None:
    assert not cues(nlp, "The trade ministers will attempt to reach common ground before the summit.")
    assert not cues(nlp, "The negotiators met in Lima last week to reach an understanding on fisheries.")
    assert statuses(nlp, "The trade ministers reached common ground on fisheries.") == ["agreed"]


def test_a_dateline_is_never_part_of_what_was_agreed(nlp: Language) -> None:
    text = (
        "Lima: Chile and Peru made progress in a second round of high-stakes negotiations on fisheries on "
        "Saturday and agreed to reconvene next week, both sides confirmed."
    )
    assert [c.description.split()[0] for c in cues(nlp, text)] == ["Chile", "agreed"]


def test_a_long_description_ends_where_a_phrase_ends(nlp: Language) -> None:
    [cue] = cues(
        nlp,
        "The two ministers agreed to suspend all high-level visits which were ongoing or were planned "
        "between Chile and Peru until the dispute over the maritime boundary is settled.",
    )
    last = cue.description.split()[-1].lower()
    assert last not in ("between", "and", "the", "of", "which", "until", "or", "were")
    assert len(cue.description.split()) <= 12


def test_the_agreement_reached_refers_back_and_is_no_new_one(nlp: Language) -> None:
    assert statuses(nlp, "The delegations reached the agreement after three hours of talks.") == []
    assert statuses(nlp, "The delegations reached an agreement on fishing quotas.") == ["agreed"]
    assert statuses(nlp, "The delegations reached no agreement.") == ["not_reached"]


def test_an_agreement_told_as_the_history_behind_the_talks_is_not_their_outcome(nlp: Language) -> None:
    assert (
        statuses(nlp, "Ties soured in May when Ruritania agreed to lease a port from the breakaway region.")
        == []
    )
    assert statuses(nlp, "Ruritania agreed to lease the port to Borduria.") == ["agreed"]


def test_both_sides_reaffirming_mutual_support_is_an_agreement(nlp: Language) -> None:
    assert statuses(nlp, "The two ministers reaffirmed mutual support for each other in regional fora.") == [
        "agreed"
    ]
    assert statuses(nlp, "The two ministers reaffirmed support for the ceasefire.") == []


def test_differences_or_a_gap_that_remain_are_a_failure_to_agree(nlp: Language) -> None:
    assert statuses(nlp, "There were differences of opinion between the ministers on migration.") == [
        "not_reached"
    ]
    [cue] = cues(nlp, "Differences remain over the border line.")
    assert (cue.status, cue.description) == ("not_reached", "border line")
    assert statuses(nlp, "There was no difference between them.") == []
    assert statuses(nlp, "The sides narrowed the gap on tariffs.") == []


def test_sides_that_have_not_decided_have_not_agreed(nlp: Language) -> None:
    [cue] = cues(nlp, "The two leaders have not decided yet whether to open a joint inquiry.")
    assert (cue.status, cue.description) == ("not_reached", "open a joint inquiry")
    assert statuses(nlp, "The minister has not decided whether to travel.") == []


def test_a_list_misparsed_onto_the_subject_does_not_join_it(nlp: Language) -> None:
    [cue] = cues(
        nlp,
        "The parties confirmed their mutual intention to continue close coordination within the UN, the "
        "SCO and other multilateral fora.",
    )
    assert cue.status == "intended" and cue.subject is not None and cue.subject.text == "The parties"


def test_infinitives_listed_after_the_agreed_one_are_further_agreements(nlp: Language) -> None:
    found = cues(
        nlp,
        "The two sides agreed to continue to implement the consensus reached at the summit, maintain "
        "high-level exchanges at all levels, and continue cooperation in drug control.",
    )
    assert len(found) == 3
    assert found[2].description == "continue cooperation in drug control"


def test_a_negated_second_verb_is_no_further_agreement(nlp: Language) -> None:
    found = cues(
        nlp,
        "The ministers agreed on Thursday to coordinate a winter aid package, but did not agree on "
        "who should lead a patrol of the cables.",
    )
    assert [c.status for c in found].count("agreed") == 1
