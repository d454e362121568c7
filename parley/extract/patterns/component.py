"""The `parley_cues` pipeline component: every pattern file run over a parsed Doc, into span groups.

Token patterns go to one Matcher, so a Doc is scanned once whatever the number of rules, and their
tests on the words that can begin a match run as vocabulary flags (`flags.py`): without these the
component cost more than the Python loops it replaced. One-token patterns (the meeting triggers) and
dependency patterns are tested on the Doc's attribute columns instead (`single.py`,
`dependency.py`): the Matcher would call their tests on tagged attributes (`POS`, `DEP`, `LEMMA`) in
Python for every token, and the DependencyMatcher needs a Matcher pass of its own and a copy of each
sentence it reads. A pattern those modules do not know stays with the Matcher or the
DependencyMatcher; the latter then reads only the sentences holding a word that one of its anchors
names (a flag test in the same Matcher pass finds them).

In each group a token belongs to at most one span: the pattern whose id comes first in the file
wins, then the leftmost match, then the longest (a rule's alternatives compete as one). A span's
`label_` is its pattern's label and its `id_` the pattern's id.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from parley.extract.patterns import Pattern, groups, load_patterns
from parley.extract.patterns.dependency import DependencyPatterns
from parley.extract.patterns.flags import as_flags
from parley.extract.patterns.single import Columns, SingleTokenPatterns

NAME = "parley_cues"
_GATE = "parley_cues:anchor"  # Matcher key of the words the dependency patterns' anchors name


class CueRuler:
    """Writes `doc.spans[<group>]` for every pattern file; needs the tagger, parser and lemmatizer."""

    def __init__(self, vocab: Vocab, single_tokens: bool = True, dependencies: bool = True) -> None:
        """`single_tokens=False` runs every token pattern through the Matcher and `dependencies=False`
        every dependency pattern through the DependencyMatcher (what tests compare with)."""
        self.matcher = Matcher(
            vocab, validate=False
        )  # the flag form; `_validate` checks each line as written
        self.single = SingleTokenPatterns(vocab)  # one-token patterns, tested on the Doc's columns
        self.dependency = DependencyPatterns()  # `>`/`>>` patterns, walked over the Doc's columns
        self.dep_matcher = DependencyMatcher(vocab, validate=False)  # those `self.dependency` leaves
        self.dep_backup = DependencyMatcher(vocab, validate=False)  # those it takes, for a parse it refuses
        self.groups = groups()
        self._gate = vocab.strings.add(_GATE)
        self._by_key: dict[int, Pattern] = {}
        self._rank: dict[Pattern, int] = {}
        self._order: dict[int, int] = {}  # dependency pattern key -> its place in the files
        anchor_words: set[str] = set()
        self._everywhere = False  # a dependency anchor that names no words: read every sentence
        for group in self.groups:
            ids: dict[str, int] = {}
            for pattern in load_patterns(group):
                key = vocab.strings.add(f"{group}:{pattern.line}")
                _validate(vocab, pattern)
                if pattern.dependency:
                    self._order[key] = len(self._order)
                    if dependencies and self.dependency.add(key, pattern.pattern, pattern.anchor):
                        self.dep_backup.add(key, [pattern.pattern])
                    else:
                        self.dep_matcher.add(key, [pattern.pattern])
                        anchor_words.update(pattern.words("LOWER"))
                        self._everywhere = self._everywhere or not pattern.words("LOWER")
                elif not (single_tokens and self.single.add(key, pattern.pattern)):
                    self.matcher.add(key, [_with_flags(pattern.pattern, vocab)])
                self._by_key[key] = pattern
                self._rank[pattern] = ids.setdefault(pattern.id, len(ids))
        if anchor_words:
            self.matcher.add(_GATE, [[as_flags({"LOWER": {"IN": sorted(anchor_words)}}, vocab)]])
        self.attrs = list(dict.fromkeys(self.single.attrs + self.dependency.attrs))  # one to_array for both

    def __call__(self, doc: Doc) -> Doc:
        found: dict[str, list[tuple[int, int, int, Pattern]]] = {group: [] for group in self.groups}
        columns = Columns(doc, self.attrs) if len(doc) else None
        anchors: list[int] = []
        for key, start, end in [*self.matcher(doc), *(self.single.find(columns) if columns else ())]:
            if key == self._gate:
                anchors.append(start)
                continue
            pattern = self._by_key[key]
            found[pattern.group].append((self._rank[pattern], start, end, pattern))
        for key, token in self._dependency_matches(doc, columns, anchors):
            pattern = self._by_key[key]
            found[pattern.group].append((self._rank[pattern], token, token + 1, pattern))
        for group, matches in found.items():
            taken: set[int] = set()
            spans = []
            for _rank, start, end, pattern in sorted(matches, key=lambda m: (m[0], m[1], -m[2])):
                if taken.isdisjoint(range(start, end)):
                    taken.update(range(start, end))
                    spans.append(Span(doc, start, end, label=pattern.label, span_id=pattern.id))
            doc.spans[group] = sorted(spans, key=lambda s: s.start)
        return doc

    def _dependency_matches(
        self, doc: Doc, columns: Columns | None, gate: list[int]
    ) -> list[tuple[int, int]]:
        """`(key, anchor token)` of every dependency match, in the order of the patterns (as the
        DependencyMatcher lists them: it settles which of a rule's alternatives labels a token)."""
        matches = self.dependency.find(columns) if columns else []
        if matches is None:  # a parse `dependency.py` refuses: the sentence copies, as before
            matches = self._in_sentences(self.dep_backup, doc.sents)
        if len(self.dep_matcher):
            matches += self._in_sentences(
                self.dep_matcher, doc.sents if self._everywhere else (doc[i].sent for i in gate)
            )
        return sorted(matches, key=lambda match: self._order[match[0]])

    def _in_sentences(self, matcher: DependencyMatcher, sents: Iterable[Span]) -> list[tuple[int, int]]:
        """The matches of `matcher` in each sentence on its own (`as_doc`: none crosses a boundary)."""
        out = []
        for (offset, _end), sent in sorted({(s.start, s.end): s for s in sents}.items()):
            for key, tokens in matcher(sent.as_doc()):
                out.append((key, offset + tokens[self._by_key[key].anchor]))
        return out


def _with_flags(pattern: list[dict[str, Any]], vocab: Vocab) -> list[dict[str, Any]]:
    """The token pattern with flags for the word tests of the tokens that can begin a match (the
    first, and those after optional ones): the Matcher tries those on every token, the others only
    where a match has begun, so a flag (computed once per new word) would not pay for itself there."""
    starts = 1
    while starts < len(pattern) and pattern[starts - 1].get("OP") in ("?", "*"):
        starts += 1
    return [as_flags(spec, vocab) for spec in pattern[:starts]] + pattern[starts:]


def _validate(vocab: Vocab, pattern: Pattern) -> None:
    """Refuse a malformed line as spaCy would, naming it (the matchers get the flag form)."""
    matcher = DependencyMatcher(vocab, validate=True) if pattern.dependency else Matcher(vocab, validate=True)
    try:
        matcher.add("check", [pattern.pattern])
    except ValueError as err:
        raise ValueError(f"{pattern.group}.jsonl line {pattern.line} ({pattern.id}): {err}") from err


@Language.factory(NAME)
def make_cue_ruler(nlp: Language, name: str) -> CueRuler:
    return CueRuler(nlp.vocab)
