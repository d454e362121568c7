"""Rule patterns as data: every pattern fires on its own example, and later stages read the spans."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher

from parley.extract import Extractor
from parley.extract.article import ArticleExtractor
from parley.extract.nlp import model_name
from parley.extract.patterns import Pattern, groups, load_patterns, words
from parley.extract.patterns.component import NAME, CueRuler, _validate
from parley.extract.patterns.flags import as_flags
from parley.extract.patterns.single import SingleTokenPatterns
from parley.extract.rows import ArticleInput

ALL = [pattern for group in groups() for pattern in load_patterns(group)]
PUBLISHED = dt.date(2024, 6, 10)


def test_the_pattern_files_are_found_and_the_component_runs_after_the_parser(nlp: Language):
    assert {"meeting_triggers", "dates"} <= set(groups())
    assert nlp.pipe_names[-1] == NAME
    assert nlp.pipe_names.index(NAME) > nlp.pipe_names.index("lemmatizer")


@pytest.mark.parametrize("pattern", ALL, ids=[f"{p.group}:{p.line}" for p in ALL])
def test_every_pattern_fires_on_its_example(nlp: Language, pattern: Pattern):
    assert re.fullmatch(r"[a-z]+(/[a-z_]+)+", pattern.id), pattern.id
    assert pattern.label and pattern.example.endswith(".")
    doc = nlp(pattern.example)
    if pattern.dependency:
        matcher = DependencyMatcher(nlp.vocab, validate=True)
        matcher.add("it", [pattern.pattern])
        spans = [(tokens[pattern.anchor], tokens[pattern.anchor] + 1) for _, tokens in matcher(doc)]
    else:
        matcher = Matcher(nlp.vocab, validate=True)
        matcher.add("it", [pattern.pattern])
        spans = [(start, end) for _, start, end in matcher(doc)]
    assert spans, f"{pattern.id} (line {pattern.line}) does not fire on {pattern.example!r}"
    # and the component, with every other pattern competing, keeps a span of this rule over it
    kept = [(s.start, s.end, s.id_, s.label_) for s in doc.spans[pattern.group]]
    assert any(
        a <= start and end <= b and (rule, label) == (pattern.id, pattern.label)
        for start, end in spans
        for a, b, rule, label in kept
    ), kept


def test_the_span_groups_are_filled(nlp: Language):
    doc = nlp("The ministers of Chile and Peru met in Lima on 3 March 2023 and will hold talks next Tuesday.")
    triggers = [(s.text, s.label_, s.id_) for s in doc.spans["meeting_triggers"]]
    assert triggers == [("met", "verb", "meeting/verb"), ("talks", "noun", "meeting/noun")]
    dates = [(s.text, s.label_, s.id_) for s in doc.spans["dates"]]
    assert dates == [("3 March 2023", "dmy", "date/dmy"), ("next Tuesday", "weekday", "date/weekday")]
    assert list(nlp("Nothing happened.").spans["dates"]) == []


def test_a_token_belongs_to_one_span_of_a_group(nlp: Language):
    doc = nlp("The envoys spoke on Monday and again on May 5, 2021.")
    assert [(s.text, s.label_) for s in doc.spans["dates"]] == [
        ("on Monday", "weekday"),
        ("May 5, 2021", "mdy"),
    ]


def test_trigger_words_live_in_the_patterns_only():
    nouns = words("meeting_triggers", label="noun")
    assert {"talks", "summit", "dialogue"} <= nouns
    assert "meet" in words("meeting_triggers", label="verb", attr="LEMMA")


def test_meetings_are_found_from_the_trigger_spans(nlp: Language):
    article = ArticleInput(
        text="The foreign ministers of Chile and Peru met in Lima on Monday.", published=PUBLISHED
    )
    extractor = Extractor(nlp)
    doc = nlp(article.text)
    assert [m.rule_id for m in extractor._from_doc(doc, article).meetings] == ["meeting/verb:meet"]
    doc.spans["meeting_triggers"] = []  # no trigger span: no meeting, whatever the words say
    assert ArticleExtractor(doc, article, extractor.sides, extractor.people).run().meetings == []


def test_a_meeting_names_the_pattern_that_founded_it(nlp: Language):
    text = "Kenya and Tanzania held the Joint Trade Committee in Arusha on Tuesday."
    meetings = Extractor(nlp).extract(ArticleInput(text=text, published=PUBLISHED)).meetings
    assert [(m.rule_id, m.countries) for m in meetings] == [
        ("meeting/convened_body:committee", ["KEN", "TZA"])
    ]


def test_an_extractor_adds_the_component_to_a_pipeline_loaded_without_it():
    bare = spacy.load(model_name())
    assert NAME in Extractor(bare).nlp.pipe_names


def test_tests_on_a_word_become_vocabulary_flags_and_tagged_tests_stay(nlp: Language):
    spec = {"LOWER": {"IN": ["talks"]}, "TEXT": {"NOT_IN": ["Talks"]}, "POS": {"IN": ["NOUN"]}}
    compiled = as_flags(spec, nlp.vocab)
    flags = {key: value for key, value in compiled.items() if isinstance(key, int)}
    assert sorted(flags.values()) == [False, True] and compiled["POS"] == {"IN": ["NOUN"]}
    token = nlp.make_doc("talks")[0]
    assert {token.check_flag(bit) for bit in flags} == {True, False}
    assert as_flags(spec, nlp.vocab) == compiled  # the same test reuses its flag


def test_a_malformed_line_is_refused_with_its_place(nlp: Language):
    bad = Pattern("meeting_triggers", 7, "meeting/noun", "noun", [{"LOWER": {"INN": ["x"]}}], "An example.")
    with pytest.raises(ValueError, match=r"meeting_triggers.jsonl line 7 \(meeting/noun\)"):
        _validate(nlp.vocab, bad)


def _spans(doc) -> list[tuple]:
    return [(g, s.start, s.end, s.label_, s.id_) for g in groups() for s in doc.spans[g]]


def test_one_token_patterns_on_the_columns_find_what_the_matcher_finds(nlp: Language):
    """The same spans with the one-token patterns tested on the Doc's columns as with all of them in
    the Matcher, on the written articles, the real ones where `../shared` is there, and the examples."""
    fast, reference = CueRuler(nlp.vocab), CueRuler(nlp.vocab, single_tokens=False)
    assert fast.single.patterns and not reference.single.patterns
    root = Path(__file__).resolve().parents[1]
    files = sorted((root / "data").glob("**/*.txt")) + sorted(root.parent.glob("shared/eval/*/articles/*"))
    texts = [f.read_text(encoding="utf-8") for f in files] + [p.example for p in ALL]
    compared = 0
    with nlp.select_pipes(disable=[NAME]):
        for doc in nlp.pipe(texts):
            assert _spans(fast(doc)) == _spans(reference(doc))
            compared += len(doc.spans["meeting_triggers"])
    assert compared > 100


def test_one_token_tests_read_as_the_matcher_reads_them(nlp: Language):
    """Equality, IN, NOT_IN and REGEX on words, lemmas, tags and dependencies, token by token."""
    specs = [
        {"POS": "VERB", "DEP": {"NOT_IN": ["amod", "compound"]}, "LEMMA": {"IN": ["meet", "hold"]}},
        {"POS": {"IN": ["NOUN", "PROPN"]}, "LOWER": {"IN": ["talks", "summit"]}, "TEXT": {"REGEX": "^[A-Z]"}},
        {"TAG": {"NOT_IN": ["NNS"]}, "DEP": "nsubj"},
        {"ORTH": "Talks"},
    ]
    single = SingleTokenPatterns(nlp.vocab)
    matcher = Matcher(nlp.vocab)
    for n, spec in enumerate(specs):
        assert single.add(n, [spec])
        matcher.add(str(n), [[spec]])
    assert not single.add(9, [{"LOWER": "a"}, {"LOWER": "b"}])  # two tokens: the Matcher's
    assert not single.add(9, [{"LOWER": "a", "OP": "?"}])
    assert not single.add(9, [{"LENGTH": {">=": 3}}])
    text = "Talks held in Lima: the envoys met and held talks. The Summit met. Ministers meet; summit talks."
    doc = nlp(text)
    expected = sorted((int(nlp.vocab.strings[key]), start, end) for key, start, end in matcher(doc))
    assert sorted(single(doc)) == expected and len(expected) >= 6
