"""The people finder's shortcuts find what a look at every Token finds.

`PeopleFinder` and `People` scan every word of every sentence (for names, surnames, "and", "the",
a delegation) and walk the words around each name; they read the words and span texts from
`people.words_of` and build a Token only where a scan can stop. `ents_in` builds Spans only of the
label asked for, and `SideLexicon.find` passes over the positions where no name starts. Each test
puts the per-Token (or plain) reading beside the shortcut, on sentences written here and on the
bundled sample articles (`test_extract_people` checks what the finder finds).
"""

from __future__ import annotations

import re

import pytest
from shortcuts import parsed, spans
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from parley.extract.entities import ents_in
from parley.extract.offices import is_honorific, is_title_text, is_title_word
from parley.extract.people import (
    _COUNTERPART,
    _NOT_NAMES,
    PeopleFinder,
    _is_name_at,
    _is_name_word,
    _sides_in,
    _text,
    words_of,
)
from parley.extract.sentences import sentences
from parley.extract.sides import _AMBIGUOUS_NAMES, _OTHER_PLACES, SideLexicon, side_lexicon
from parley.extract.trie import initials

WRITTEN = [
    "Foreign Minister Ana Ruiz of Ruritania met her Freedonian counterpart, Kofi Mensah, in Lima.",
    "The Secretary-General, Mr. Omar Salem, said the talks were useful; Salem left on Friday.",
    "The foreign ministers of Ghana and Peru, Ana Ruiz and Kofi Mensah, signed the memorandum.",
    "The Chilean side was headed by Joint Secretary (East Asia) Ravi Menon, who led the delegation.",
    "Egyptian foreign minister and his Sudanese counterpart hold talks in Cairo.",
    "Norway's Minister of Fisheries and Coastal Affairs, Lars Berg, received the Hon. Prime Minister.",
    "President of the Republic of Moldova Ion Ceban and Prime Minister Lena Varga of Hungary spoke.",
    "Moon Jae-in met Karim Hadi al-Amiri; the Foreign Secretary and the EU envoy joined them.",
    "Peru was represented by Vice Minister Rosa Fuentes, and the Kenyan team by Ambassador Ito.",
    "Presidents Ana Ruiz, Kenya, and Jonas Weber met.  Weber thanked Ruiz.\n\nThe President left.",
    "The talks in Chad's capital, attended by the Minister of Trade of Niger, ended without the U.S.",
    "the minister, the Minister, THE MINISTER and the Ministers of Foreign Affairs, Trade and Industry",
]


@pytest.fixture(scope="module")
def docs(nlp: Language) -> list[Doc]:
    return parsed(nlp, WRITTEN, ["Weber"])


def _title_like_as_read(token: Token) -> bool:
    lower = token.lower_
    return is_title_word(token) or is_title_text(lower.removesuffix("s")) or lower in _COUNTERPART


def _name_token_as_read(token: Token, sides: SideLexicon) -> bool:
    """`people._is_name_at` as it read a Token."""
    text = token.text
    if not text[:1].isupper() or token.pos_ not in ("PROPN", "NOUN", "ADJ", "X"):
        return False
    if _title_like_as_read(token) or is_honorific(token) or token.lower_ in _NOT_NAMES:
        return False
    return not (text in sides.countries or text in sides.orgs)


def test_words_hold_what_each_token_says(docs: list[Doc]) -> None:
    for doc in docs:
        words = words_of(doc)
        assert words.text == [t.text for t in doc]
        assert words.lower == [t.lower_ for t in doc]
        assert words.pos == [t.pos_ for t in doc]
        assert words.ent == [t.ent_type_ for t in doc]
        assert words.space == [bool(t.whitespace_) for t in doc]
        assert words.idx == [t.idx for t in doc]
        assert words_of(doc) is words
        copy = Doc(doc.vocab).from_bytes(doc.to_bytes())  # the words kept come back as plain lists
        assert words_of(copy) == words


def test_text_is_the_span_text(docs: list[Doc]) -> None:
    sides = side_lexicon()
    for doc in docs:
        n = len(doc)
        for start in range(0, n + 1, 3):
            for end in (max(0, start - 1), start, start + 1, start + 2, start + 5, start + 9, n, n + 3):
                assert _text(doc, start, end) == doc[start:end].text, (start, end)
                span = doc[start:end]
                assert _sides_in(sides, doc, start, end) == sides.find(span.text, span.start_char)


def test_name_words_are_the_proper_noun_name_tokens(docs: list[Doc]) -> None:
    sides, named = side_lexicon(), 0
    for doc in docs:
        words = words_of(doc)
        for token in doc:
            plain = _name_token_as_read(token, sides)
            assert _is_name_at(words, token.i, sides) == plain
            scanned = words.pos[token.i] == "PROPN" and _is_name_word(
                words.text[token.i], words.lower[token.i], sides
            )
            assert scanned == (token.pos_ == "PROPN" and plain)
            named += plain
    assert named > 50


def test_only_a_sentence_start_can_open_a_bare_office(docs: list[Doc]) -> None:
    """`find_offices` asks `_bare_side_office` of a sentence's first word only."""
    finder = PeopleFinder(side_lexicon())
    for doc in docs:
        sents = sentences(doc)
        people = finder.find(doc, sents)
        for sent in sents:
            assert not any(people._bare_side_office(doc[i], sent) for i in range(sent.start + 1, sent.end))


def test_ents_in_gives_the_entities_of_the_span(docs: list[Doc]) -> None:
    def bounds(ents: list[Span] | tuple[Span, ...]) -> list[tuple[int, int, str]]:
        return [(e.start, e.end, e.label_) for e in ents]

    people = 0
    for span in spans(docs):
        assert bounds(ents_in(span)) == bounds(span.ents)
        persons = bounds(ents_in(span, "PERSON"))
        assert persons == [b for b in bounds(span.ents) if b[2] == "PERSON"]
        people += len(persons)
    assert people > 20


def test_whole_name_is_the_first_side_found_in_all_of_a_word(docs: list[Doc]) -> None:
    sides = SideLexicon()
    for word in {t.text for doc in docs for t in doc} | {"Kenya", "Chinese", "EU", "U.S.", "Niger", "the"}:
        found = sides.find(word)
        expected = found[0] if found and found[0].text == word else None
        assert sides.whole_name(word) == expected
        assert sides.whole_name(word) == expected  # and again, from what it kept
    assert sides.whole_name("Kenya") is not None and not sides.whole_name("Kenya").is_org
    assert sides.whole_name("EU") is not None and sides.whole_name("EU").is_org
    assert sides.whole_name("Chad") is None  # a name that reads as something else unless placed


def test_side_patterns_find_what_they_found_without_the_initials(docs: list[Doc]) -> None:
    sides = SideLexicon()
    names = {*sides.countries, *sides.orgs, *sides.regions, *_OTHER_PLACES}
    texts = [doc.text for doc in docs] + [span.text for span in spans(docs)]
    found = 0
    for pattern, lookahead in [
        (sides._pattern, f"(?={initials([*names, 'the'])})"),
        (sides._ambiguous, f"(?={initials(_AMBIGUOUS_NAMES)})"),
    ]:
        assert pattern.pattern.startswith(lookahead)
        plain = re.compile(pattern.pattern.removeprefix(lookahead))
        for text in texts:
            matches = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert matches == [(m.span(), m.groups()) for m in plain.finditer(text)]
            found += len(matches)
    assert found > 50


def test_initials_is_a_class_of_first_characters() -> None:
    words = ["Chad", "China", "the", "-x", "]y", "^z", "\\w"]
    assert [c for c in "Cthe-]^\\wxyz" if re.fullmatch(initials(words), c)] == list("Ct-]^\\")
