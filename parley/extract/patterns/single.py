"""One-token patterns tested over a Doc's attribute columns instead of by the Matcher.

The Matcher runs every `IN`/`NOT_IN` test on a tagged attribute (`POS`, `DEP`, `LEMMA`) as a Python
call, for every token and every pattern that can begin there: for the meeting triggers, one-token
patterns, that was most of `parley_cues`' time. The same tests on the columns of
`Doc.to_array` are a few numpy operations per Doc and find the same tokens (`tests/test_patterns.py`
compares the two on the real and the written articles). A pattern of several tokens, or with an
operator or a test this module does not know, stays with the Matcher.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, ORTH, POS, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

# The attributes as the Matcher reads them: the token's own value, a string id.
_COLUMNS = {"POS": POS, "TAG": TAG, "DEP": DEP, "LEMMA": LEMMA, "LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH}
_FLAGS = {"IS_SPACE": IS_SPACE}  # lexical flags, 0 or 1 in the columns


# Tests to look a pattern's candidates up by, most selective first: words, then tags.
_LEADS = (LOWER, ORTH, LEMMA, TAG, DEP, POS, IS_SPACE)


@dataclass
class _Test:
    attr: int
    op: str  # "==", "IN", "NOT_IN" or "REGEX"
    values: frozenset[int] = frozenset()
    regex: re.Pattern | None = None
    seen: dict[int, bool] | None = None  # REGEX: the answer for each string id met so far

    def passes(self, value: int, vocab: Vocab) -> bool:
        if self.op in ("==", "IN"):
            return value in self.values
        if self.op == "NOT_IN":
            return value not in self.values
        assert self.regex is not None and self.seen is not None
        found = self.seen.get(value)
        if found is None:
            found = self.seen[value] = self.regex.search(vocab.strings[value]) is not None
        return found


class SingleTokenPatterns:
    """The one-token patterns added to it, run over a Doc as the Matcher would: `(key, i, i + 1)`
    for each token that passes every test of a pattern, in token order, then in the order added.
    A pattern's candidates are the tokens its most selective test names (one dictionary look-up
    per word it names); the other tests run on those alone."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.attrs: list[int] = []
        self.patterns: list[tuple[int, _Test | None, list[_Test]]] = []
        self._leads: dict[tuple[int | None, int | None], list[int]] | None = None  # see `passing`

    def add(self, key: int, pattern: list[dict[str, Any]]) -> bool:
        """Take the pattern if it is one token of tests this class knows; False leaves it to the Matcher."""
        if len(pattern) != 1:
            return False
        tests = []
        for name, value in pattern[0].items():
            test = _test(name, value)
            if test is None:
                return False
            tests.append(test)
        if not tests:
            return False  # a pattern that matches every token: the Matcher's business
        for test in tests:
            if test.attr not in self.attrs:
                self.attrs.append(test.attr)
        looked_up = [t for t in tests if t.op in ("==", "IN")]
        lead = min(looked_up, key=lambda t: (_LEADS.index(t.attr), len(t.values)), default=None)
        self.patterns.append((key, lead, tests))
        self._leads = None
        return True

    def passing(self, values: dict[int, int]) -> list[int]:
        """The keys of the patterns a token with these column values passes, in the order added."""
        if self._leads is None:  # each pattern under the values of its most selective test
            self._leads = {}
            for order, (_key, lead, _tests) in enumerate(self.patterns):
                for value in lead.values if lead else (None,):
                    self._leads.setdefault((lead.attr if lead else None, value), []).append(order)
        candidates = sorted(
            {order for attr in (None, *self.attrs) for order in self._leads.get((attr, values.get(attr)), ())}
        )
        return [
            key
            for key, _lead, tests in map(self.patterns.__getitem__, candidates)
            if all(t.passes(values[t.attr], self.vocab) for t in tests)
        ]

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if not self.patterns or not len(doc):
            return []
        array = doc.to_array(self.attrs).reshape(len(doc), len(self.attrs))
        columns = dict(zip(self.attrs, array.T.tolist(), strict=True))
        where: dict[int, dict[int, list[int]]] = {}  # attribute -> value -> the tokens that have it
        hits = []
        for order, (key, lead, tests) in enumerate(self.patterns):
            if lead is None:
                candidates: Iterable[int] = range(len(doc))
            else:
                if lead.attr not in where:
                    where[lead.attr] = index = {}
                    for i, value in enumerate(columns[lead.attr]):
                        index.setdefault(value, []).append(i)
                index = where[lead.attr]
                candidates = [i for value in lead.values for i in index.get(value, ())]
            hits += [
                (i, order, key)
                for i in candidates
                if all(t.passes(columns[t.attr][i], self.vocab) for t in tests)
            ]
        return [(key, i, i + 1) for i, _order, key in sorted(hits)]


def _test(name: Any, value: Any) -> _Test | None:
    if isinstance(name, str) and name.upper() in _FLAGS and isinstance(value, bool):
        return _Test(_FLAGS[name.upper()], "==", frozenset([int(value)]))
    attr = _COLUMNS.get(name.upper()) if isinstance(name, str) else None
    if attr is None:
        return None
    if isinstance(value, str):
        return _Test(attr, "==", frozenset([get_string_id(value)]))
    if not (isinstance(value, dict) and len(value) == 1):
        return None
    ((op, arg),) = value.items()
    if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
        return _Test(attr, op, frozenset(get_string_id(v) for v in arg))
    if op == "REGEX" and isinstance(arg, str) and attr in (ORTH, LOWER):
        return _Test(attr, op, regex=re.compile(arg), seen={})
    return None
