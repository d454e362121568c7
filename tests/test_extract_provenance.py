"""Every extracted row names the rule that made it, in the form the schema checks."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from spacy.language import Language

from parley.extract import Extractor
from parley.extract.provenance import rule_id
from parley.extract.rows import ArticleInput, Extraction
from schemas.tables import RULE_ID


@pytest.fixture(scope="module")
def extract(nlp: Language):
    extractor = Extractor(nlp)
    return lambda text: extractor.extract(ArticleInput(text=text, published=dt.date(2024, 6, 10)))


def rules(extraction: Extraction) -> dict[str, list[str]]:
    tables = {
        "meetings": extraction.meetings,
        "participants": extraction.participants,
        "positions": extraction.positions,
        "agreements": extraction.agreements,
    }
    return {name: [row.rule_id for row in rows] for name, rows in tables.items()}


def test_cue_words_become_one_token_of_the_documented_form():
    assert rule_id("stance/phrasal", "Call  For") == "stance/phrasal:call_for"
    assert rule_id("participant/clause") == "participant/clause"
    assert rule_id("stance/nouns", " ") == "stance/nouns"
    for made in ("stance/phrasal:call_for", "meeting/separate/noun:meeting", "model:stance-textcat"):
        assert re.fullmatch(RULE_ID, made)


def test_a_meeting_names_the_verb_that_reported_it(extract):
    found = rules(extract("The foreign ministers of Chile and Peru met in Lima on Monday."))
    assert found["meetings"] == ["meeting/verb:meet"]


def test_a_phone_call_names_its_noun(extract):
    found = rules(
        extract("Prime Minister Ola Brandt of Norway held a phone call with President Mara Ilves of Estonia.")
    )
    assert found["meetings"] == ["meeting/noun:call"]
    assert found["participants"] == ["participant/clause", "participant/clause"]


def test_stances_and_agreements_name_their_lexicon_entries(extract):
    extraction = extract(
        "Foreign Minister Hana Ito of Japan held talks with Brazilian Foreign Minister Paulo Mendes "
        "in Tokyo on Friday. Ito expressed concern about rising grain prices. "
        "Mendes called for a lower tariff on coffee. "
        "The two ministers signed a memorandum on research exchanges."
    )
    stances = {p.stance: p.rule_id for p in extraction.positions}
    assert stances["concern"] == "stance/nouns:express_concern"
    assert stances["demand"] == "stance/phrasal:call_for"
    assert [(a.status, a.rule_id) for a in extraction.agreements] == [("signed", "agreement/sign_verbs:sign")]


def test_a_delegation_member_is_tied_by_the_delegation_rule(extract):
    extraction = extract(
        "The defence ministers of Kenya and Ghana met in Nairobi on Tuesday. "
        "The Kenyan delegation also included Deputy Minister Asha Mwangi."
    )
    tied = {p.name: p.rule_id for p in extraction.participants}
    assert tied.get("Asha Mwangi") == "participant/delegation"


def test_every_row_matches_the_schema_form(extract):
    extraction = extract(
        "President Lena Ward of Ireland met Prime Minister Tomas Berg of Sweden in Dublin on Monday. "
        "Ward welcomed the new ferry route and urged Sweden to reopen its consulate. "
        "The two leaders agreed to meet again in the autumn."
    )
    every = [r for ids in rules(extraction).values() for r in ids]
    assert every and all(re.fullmatch(RULE_ID, r) for r in every)
