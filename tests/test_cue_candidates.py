"""The shortcuts of the cue finders and of `sentences` find what a look at every Token finds.

The cue finders read a sentence's words from the Doc's columns (`cue_syntax.columns`) and build
Token objects only for the words that can be a cue; `sentences` and `line_breaks` find the line
breaks in the Doc's text. Each test puts the per-Token reading beside the shortcut, on sentences
written here and on the bundled sample articles.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from shortcuts import parsed, spans
from spacy.language import Language
from spacy.tokens import Doc, Token

from parley.extract import agreement_cues, stance_cues
from parley.extract.cue_syntax import columns, lemma
from parley.extract.sentences import _introduces, line_break_tokens, line_breaks

WRITTEN = [
    "The two ministers agreed to resume direct flights and to reopen their consulates by June.",
    "Ruritania and Freedonia will reestablish diplomatic relations, the spokesman said.",
    "The sides failed to agree on a ceasefire, and differences remained on the border question.",
    "No progress was made on the fisheries dispute, while both ministers signed a memorandum on trade.",
    "Minister Varga hopes the talks will continue; she hoped for more and is hoping still.",
    "“We will keep working on the corridor,” Okafor told reporters after the meeting.",
    "The envoy expressed grave concern over the shelling and called for an immediate truce.",
    "Lund said that the two countries are ready to deepen cooperation in energy.",
    "Hopes were high.\nTHE CAPITAL, March 3 (Wire) -- The delegation is willing to continue talks.",
    "Foreign Minister Ito said:\n\n“Japan firmly opposes any change to the status quo by force.”",
    "Both leaders shared the view that trade should grow, and confirmed their intention to meet in May.",
    "Thank you.  \r\n  It was stressed that the dialogue would go on.\n",
]


@pytest.fixture(scope="module")
def docs(nlp: Language) -> list[Doc]:
    return parsed(nlp, WRITTEN)


def _finds_something(match: Callable[[Token], object], tok: Token) -> bool:
    try:
        return bool(match(tok))
    except Exception:
        return True  # the scan of every word would have stopped here: so must the shortcut


def test_columns_hold_what_each_token_says(docs: list[Doc]) -> None:
    for doc in docs:
        cols = columns(doc)
        assert cols.lemma == [lemma(t) for t in doc]
        assert cols.lower == [t.lower for t in doc]
        assert cols.dep == [t.dep for t in doc]
        assert cols.head == [t.head.i for t in doc]
        assert columns(doc) == cols


def test_every_agreement_cue_word_is_a_candidate(docs: list[Doc]) -> None:
    matched = 0
    for sent in spans(docs):
        candidates = {t.i for t in agreement_cues._candidates(sent)}
        for tok in sent:
            if _finds_something(lambda t: list(agreement_cues._match(t)), tok):
                assert tok.i in candidates, (sent.text, tok.text)
                matched += 1
    assert matched > 20


def test_every_stance_cue_word_is_a_candidate(docs: list[Doc]) -> None:
    lex = stance_cues._lexicon()
    lemmas, lowers = stance_cues._cue_words()
    matched = 0
    for sent in spans(docs):
        candidates = stance_cues._candidates(sent, lemmas, lowers)
        assert candidates == [t for t in sent if lemma(t) in lemmas or t.lower in lowers]
        quoting = stance_cues._candidates(sent, lex.quote_verbs, frozenset())
        assert quoting == [t for t in sent if lemma(t) in lex.quote_verbs]
        for tok in sent:
            if _finds_something(lambda t: stance_cues._match(t, lex), tok):
                assert tok in candidates, (sent.text, tok.text)
                matched += 1
    assert matched > 20


def test_line_break_tokens_are_the_tokens_with_a_line_break(docs: list[Doc]) -> None:
    for doc in docs:
        assert line_break_tokens(doc) == [t.i for t in doc if "\n" in t.text_with_ws]


def _line_breaks_token_by_token(doc: Doc) -> Doc:
    """`line_breaks` as it read every token."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws and not _introduces(token):
            doc[token.i + 1].is_sent_start = True
            if token.i + 2 < len(doc) and "\n" not in doc[token.i + 1].text_with_ws:
                doc[token.i + 2].is_sent_start = False
    return doc


def test_line_breaks_start_the_same_sentences(nlp: Language, docs: list[Doc]) -> None:
    for text in [doc.text for doc in docs]:
        fast, slow = line_breaks(nlp.make_doc(text)), _line_breaks_token_by_token(nlp.make_doc(text))
        assert [t.is_sent_start for t in fast] == [t.is_sent_start for t in slow]
