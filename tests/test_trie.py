"""The trie alternation finds exactly what the plain alternation of the same words finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.extract import sides
from parley.extract.trie import trie_alternation


def plain(words) -> str:
    """The alternation the trie replaces: every word in turn, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def found(pattern: re.Pattern, text: str) -> list[tuple[int, int, str]]:
    return [(m.start(1), m.end(1), m.group(1)) for m in pattern.finditer(text)]


# Few letters, so that words are prefixes of each other and overlap in the text; a lookahead after
# the group makes the regex give up a longer word for a shorter one.
WORD = st.text(alphabet="ab. -", min_size=1, max_size=5)


@settings(max_examples=400, deadline=None)
@given(words=st.lists(WORD, min_size=1, max_size=12), text=st.text(alphabet="ab. -c", max_size=60))
def test_same_matches_as_the_plain_alternation(words, text):
    around = r"(?<![\w.])(?:the\s+)?({})(?![\w])(?!-[a-z])"
    old = re.compile(around.format(plain(words)))
    new = re.compile(around.format(trie_alternation(words)))
    assert found(new, text) == found(old, text)


def test_longest_word_first_and_a_shorter_one_when_the_rest_fails():
    pattern = re.compile(rf"({trie_alternation(['Korea', 'Korea Republic', 'K'])})(?!\w)")
    assert found(pattern, "Korea Republic") == [(0, 14, "Korea Republic")]
    assert found(pattern, "Korea Republics") == [(0, 5, "Korea")]
    assert found(pattern, "Ko") == []


def test_an_empty_word_is_refused():
    with pytest.raises(ValueError):
        trie_alternation(["a", ""])


def test_the_side_lexicon_finds_what_the_plain_alternation_found():
    """Every name of the lexicons, in the contexts the pattern's look-arounds test."""
    lexicon = sides.SideLexicon()
    names = {*lexicon.countries, *lexicon.orgs, *lexicon.regions, *sides._OTHER_PLACES}
    not_region = "".join(rf"(?<!\b{word}\s)" for word in sides._REGION_WORDS)
    old = re.compile(rf"(?<![\w.]){not_region}(?:the\s+)?({plain(names)})(?![\w])(?!-[a-z])")
    contexts = ("{} met", "the {}-led talks", "North {} said", "{}s", "{}-a", "x{}", "({}).", "{} {}")
    for name in sorted(names):
        for context in contexts:
            text = context.format(name, name)
            assert found(lexicon._pattern, text) == found(old, text), text
