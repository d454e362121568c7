"""Word tests as lexeme flags, so that the Matcher runs them in C.

The Matcher tries the first token of every pattern on every token of a Doc, and an `IN`, `NOT_IN`
or `REGEX` test is a Python call per token: with a few dozen patterns that cost more than the
Python loops the patterns replace. A test on a word's own text (`TEXT`/`ORTH` or `LOWER`) has the
same answer wherever the word occurs, so it becomes a vocabulary flag (`Vocab.add_flag`): computed
once per word of the vocabulary, and read by the Matcher like `IS_DIGIT`. The pattern files keep
the readable form; tests on tagged attributes (`POS`, `DEP`, `LEMMA`) stay as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.vocab import Vocab

_TEXT_ATTRS = {"ORTH": False, "TEXT": False, "LOWER": True}  # attribute -> compared in lower case
_FIRST_FREE_BIT = 32  # below: spaCy's own lexical flags (IS_ALPHA ... IS_CURRENCY) and room for theirs


@dataclass(frozen=True)
class WordTest:
    """A flag getter: whether a word (its text, or its lower case) is in a set or matches a regex."""

    lower: bool
    words: frozenset[str] | None = None
    regex: str | None = None

    def __call__(self, text: str) -> bool:
        value = text.lower() if self.lower else text
        return (
            value in self.words if self.words is not None else re.search(self.regex or "", value) is not None
        )


def as_flags(spec: dict[str, Any], vocab: Vocab) -> dict[Any, Any]:
    """A token spec with its tests on the word's text replaced by vocabulary flags (int keys); a
    test stays as written when the vocabulary has no free flag left."""
    out: dict[Any, Any] = {}
    for key, value in spec.items():
        lower = _TEXT_ATTRS.get(key.upper())
        if lower is not None and isinstance(value, dict) and len(value) == 1:
            ((op, arg),) = value.items()
            if op in ("IN", "NOT_IN", "REGEX"):
                words = None if op == "REGEX" else frozenset(arg)
                flag = _flag(vocab, WordTest(lower, words, arg if op == "REGEX" else None))
                if flag is not None:
                    out[flag] = op != "NOT_IN"
                    continue
        out[key] = value
    return out


def _flag(vocab: Vocab, test: WordTest) -> int | None:
    """The flag bit that holds `test`, reusing one set before for the same test."""
    for bit, getter in vocab.lex_attr_getters.items():
        if getter == test:
            return bit
    free = [bit for bit in range(_FIRST_FREE_BIT, 64) if bit not in vocab.lex_attr_getters]
    return vocab.add_flag(test, flag_id=free[0]) if free else None
