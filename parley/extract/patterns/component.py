"""The `parley_cues` pipeline component: every pattern file run over a parsed Doc, into span groups.

One Matcher and one DependencyMatcher hold all patterns, so a Doc is scanned once whatever the
number of rules. Tests on the words that can begin a match run as vocabulary flags (see
`flags.py`), and the DependencyMatcher only reads the sentences holding a word that one of its
anchors names (a flag test in the same Matcher pass finds them): without these the component cost
more than the Python loops it replaced. One-token patterns (the meeting triggers) are tested on the
Doc's attribute columns (`single.py`): the Matcher would call their tests on tagged attributes
(`POS`, `DEP`, `LEMMA`) in Python for every token.

In each group a token belongs to at most one span: the pattern whose id comes first in the file
wins, then the leftmost match, then the longest (a rule's alternatives compete as one). A span's
`label_` is its pattern's label and its `id_` the pattern's id.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from parley.extract.patterns import Pattern, groups, load_patterns
from parley.extract.patterns.flags import as_flags
from parley.extract.patterns.single import SingleTokenPatterns

NAME = "parley_cues"
_GATE = "parley_cues:anchor"  # Matcher key of the words the dependency patterns' anchors name


class CueRuler:
    """Writes `doc.spans[<group>]` for every pattern file; needs the tagger, parser and lemmatizer."""

    def __init__(self, vocab: Vocab, single_tokens: bool = True) -> None:
        """`single_tokens=False` runs every token pattern through the Matcher (what tests compare with)."""
        self.matcher = Matcher(
            vocab, validate=False
        )  # the flag form; `_validate` checks each line as written
        self.dep_matcher = DependencyMatcher(vocab, validate=False)
        self.single = SingleTokenPatterns(vocab)  # one-token patterns, tested on the Doc's columns
        self.groups = groups()
        self._gate = vocab.strings.add(_GATE)
        self._by_key: dict[int, Pattern] = {}
        self._rank: dict[Pattern, int] = {}
        anchor_words: set[str] = set()
        self._everywhere = False  # a dependency anchor that names no words: read every sentence
        for group in self.groups:
            ids: dict[str, int] = {}
            for pattern in load_patterns(group):
                key = f"{group}:{pattern.line}"
                _validate(vocab, pattern)
                if pattern.dependency:
                    self.dep_matcher.add(key, [pattern.pattern])
                    anchor_words.update(pattern.words("LOWER"))
                    self._everywhere = self._everywhere or not pattern.words("LOWER")
                elif not (single_tokens and self.single.add(vocab.strings.add(key), pattern.pattern)):
                    self.matcher.add(key, [_with_flags(pattern.pattern, vocab)])
                self._by_key[vocab.strings[key]] = pattern
                self._rank[pattern] = ids.setdefault(pattern.id, len(ids))
        if anchor_words:
            self.matcher.add(_GATE, [[as_flags({"LOWER": {"IN": sorted(anchor_words)}}, vocab)]])

    def __call__(self, doc: Doc) -> Doc:
        found: dict[str, list[tuple[int, int, int, Pattern]]] = {group: [] for group in self.groups}
        anchors: list[int] = []
        for key, start, end in [*self.matcher(doc), *self.single(doc)]:
            if key == self._gate:
                anchors.append(start)
                continue
            pattern = self._by_key[key]
            found[pattern.group].append((self._rank[pattern], start, end, pattern))
        gated = doc.sents if self._everywhere else (doc[i].sent for i in anchors)
        sentences = {(s.start, s.end): s for s in gated}
        for (offset, _end), sent in sorted(sentences.items()):
            for key, tokens in self.dep_matcher(sent.as_doc()):
                pattern = self._by_key[key]
                token = offset + tokens[pattern.anchor]
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
