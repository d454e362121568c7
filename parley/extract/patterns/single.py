"""One-token patterns tested over a Doc's attribute columns instead of by the Matcher.

The Matcher runs every `IN`/`NOT_IN` test on a tagged attribute (`POS`, `DEP`, `LEMMA`) as a Python
call, for every token and every pattern that can begin there: for the meeting triggers, one-token
patterns, that was most of `parley_cues`' time. The same tests on the columns of
`Doc.to_array` are a few numpy operations per Doc and find the same tokens (`tests/test_patterns.py`
compares the two on the real and the written articles). A pattern of several tokens, or with an
operator or a test this module does not know, stays with the Matcher. `TokenTests` and `Columns`
also serve the dependency patterns' nodes (`dependency.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
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


class Columns:
    """A Doc's attribute columns, read by one `Doc.to_array` for every set of patterns, and the
    tokens that hold each value of an attribute (indexed when first asked)."""

    def __init__(self, doc: Doc, attrs: Sequence[int]) -> None:
        self.doc, self.vocab, self.attrs = doc, doc.vocab, list(attrs)
        self.array = doc.to_array(self.attrs).reshape(len(doc), len(self.attrs))
        self.values = dict(zip(self.attrs, self.array.T.tolist(), strict=True))  # attribute -> column
        self._where: dict[int, dict[int, list[int]]] = {}  # attribute -> value -> the tokens that have it

    def having(self, attr: int, values: Iterable[int]) -> list[int]:
        """The tokens whose `attr` is one of `values`, grouped by value."""
        if attr not in self._where:
            self._where[attr] = index = {}
            for i, value in enumerate(self.values[attr]):
                index.setdefault(value, []).append(i)
        index = self._where[attr]
        return [i for value in values for i in index.get(value, ())]


@dataclass
class TokenTests:
    """What one token must pass (every test), and the test its candidates are looked up by."""

    tests: list[_Test]
    lead: _Test | None

    @property
    def attrs(self) -> list[int]:
        return [test.attr for test in self.tests]

    def candidates(self, columns: Columns) -> Iterable[int]:
        """The tokens worth testing: those with a value the lead names, or all without a lead."""
        if self.lead is None:
            return range(len(columns.doc))
        return columns.having(self.lead.attr, self.lead.values)

    def passes(self, columns: Columns, i: int) -> bool:
        return all(t.passes(columns.values[t.attr][i], columns.vocab) for t in self.tests)


def token_tests(spec: dict[str, Any]) -> TokenTests | None:
    """The tests of a Matcher token spec, or None when one of them is not known here."""
    tests = []
    for name, value in spec.items():
        test = _test(name, value)
        if test is None:
            return None
        tests.append(test)
    looked_up = [t for t in tests if t.op in ("==", "IN")]
    lead = min(looked_up, key=lambda t: (_LEADS.index(t.attr), len(t.values)), default=None)
    return TokenTests(tests, lead)


class SingleTokenPatterns:
    """The one-token patterns added to it, run over a Doc as the Matcher would: `(key, i, i + 1)`
    for each token that passes every test of a pattern, in token order, then in the order added.
    A pattern's candidates are the tokens its most selective test names (one dictionary look-up
    per word it names); the other tests run on those alone."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.attrs: list[int] = []
        self.patterns: list[tuple[int, TokenTests]] = []
        self._leads: dict[tuple[int | None, int | None], list[int]] | None = None  # see `passing`

    def add(self, key: int, pattern: list[dict[str, Any]]) -> bool:
        """Take the pattern if it is one token of tests this class knows; False leaves it to the Matcher."""
        if len(pattern) != 1:
            return False
        node = token_tests(pattern[0])
        if node is None or not node.tests:
            return False  # not ours, or a pattern that matches every token: the Matcher's business
        self.attrs += [attr for attr in node.attrs if attr not in self.attrs]
        self.patterns.append((key, node))
        self._leads = None
        return True

    def passing(self, values: dict[int, int]) -> list[int]:
        """The keys of the patterns a token with these column values passes, in the order added."""
        if self._leads is None:  # each pattern under the values of its most selective test
            self._leads = {}
            for order, (_key, node) in enumerate(self.patterns):
                lead = node.lead
                for value in lead.values if lead else (None,):
                    self._leads.setdefault((lead.attr if lead else None, value), []).append(order)
        candidates = sorted(
            {order for attr in (None, *self.attrs) for order in self._leads.get((attr, values.get(attr)), ())}
        )
        return [
            key
            for key, node in map(self.patterns.__getitem__, candidates)
            if all(t.passes(values[t.attr], self.vocab) for t in node.tests)
        ]

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        return self.find(Columns(doc, self.attrs)) if self.patterns and len(doc) else []

    def find(self, columns: Columns) -> list[tuple[int, int, int]]:
        """The matches in a Doc whose columns hold (at least) `self.attrs`."""
        hits = [
            (i, order, key)
            for order, (key, node) in enumerate(self.patterns)
            for i in node.candidates(columns)
            if node.passes(columns, i)
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
