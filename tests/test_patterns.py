"""Rule patterns as data: every pattern fires on its own example, and later stages read the spans."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc

from parley.extract import Extractor
from parley.extract.article import ArticleExtractor
from parley.extract.nlp import model_name
from parley.extract.patterns import Pattern, component, groups, load_patterns, words
from parley.extract.patterns.component import NAME, CueRuler, _validate
from parley.extract.patterns.dependency import DependencyPatterns
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


@pytest.fixture(scope="module")
def parsed(nlp: Language) -> list[Doc]:
    """The written articles, the real ones where `../shared` is there, and the examples, parsed once
    without `parley_cues`."""
    root = Path(__file__).resolve().parents[1]
    files = [f for ext in ("txt", "md") for f in sorted((root / "data").glob(f"**/*.{ext}"))]
    files += sorted(root.parent.glob("shared/eval/*/articles/*"))
    texts = [f.read_text(encoding="utf-8") for f in files] + [p.example for p in ALL]
    with nlp.select_pipes(disable=[NAME]):
        return list(nlp.pipe(texts))


@pytest.mark.parametrize(
    "plain",
    [{"single_tokens": False}, {"dependencies": False}, {"single_tokens": False, "dependencies": False}],
    ids=["matcher", "dependency_matcher", "both"],
)
def test_patterns_on_the_columns_find_what_spacys_matchers_find(
    nlp: Language, parsed: list[Doc], plain: dict[str, bool]
):
    """The same spans with the one-token and the dependency patterns run on the Doc's columns as with
    them in the Matcher and the DependencyMatcher, on the written articles, the real ones where
    `../shared` is there, and the examples."""
    fast, reference = CueRuler(nlp.vocab), CueRuler(nlp.vocab, **plain)
    assert fast.single.patterns and fast.dependency.patterns and not len(fast.dep_matcher)
    assert bool(reference.single.patterns) == plain.get("single_tokens", True)
    assert len(reference.dep_matcher) == (
        0 if plain.get("dependencies", True) else len(fast.dependency.patterns)
    )
    compared = found = 0
    for doc in parsed:
        assert _spans(fast(doc)) == _spans(reference(doc))
        compared += len(doc.spans["meeting_triggers"])
        found += len(fast.dependency(doc) or ())
    assert compared > 100 and found > 50


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


# Sentences written for these tests, in which "held" (7) governs "talks" (8) and, further down,
# "Oslo" (13); "said" (19) governs "hold" (22), which governs "call" (24).
TEXT = (
    "The foreign ministers of Norway and Chile held talks with trade envoys from Oslo on Monday. "
    "The premier said she would hold a call with her Danish counterpart next week. "
    "Talks between the two delegations resumed in Lima after a long pause. "
    "Officials from Ghana and Togo met in Accra. They held consultations on the border with their "
    "neighbours. Kenya sent an envoy to Nairobi for talks."
)
_CALLS = {"LOWER": {"IN": ["talks", "consultations", "call"]}}
_PREP = {"DEP": "prep"}


def _node(name: str, attrs: dict, op: str | None = None, left: str | None = None) -> dict:
    node = {"RIGHT_ID": name, "RIGHT_ATTRS": attrs}
    return node if op is None else {**node, "LEFT_ID": left, "REL_OP": op}


# name -> (pattern, the words its anchor takes in TEXT)
RELATIONS = {
    "child": (
        [_node("anchor", _CALLS), _node("with", {**_PREP, "LOWER": "with"}, ">", "anchor")],
        ["talks", "call"],
    ),
    "parent": (
        [_node("verb", {"POS": "VERB"}), _node("anchor", _CALLS, ">", "verb")],
        ["talks", "call", "Talks", "consultations"],
    ),
    "descendant": (
        [
            _node("anchor", {"LEMMA": "hold"}),
            _node("city", {"LOWER": {"IN": ["oslo", "accra"]}}, ">>", "anchor"),
        ],
        ["held"],
    ),
    "not_a_child": (
        [
            _node("anchor", {"LEMMA": "hold"}),
            _node("city", {"LOWER": {"IN": ["oslo", "accra"]}}, ">", "anchor"),
        ],
        [],
    ),
    "ancestor": ([_node("said", {"LEMMA": "say"}), _node("anchor", _CALLS, ">>", "said")], ["call"]),
    "chain_through_the_anchor": (
        [
            _node("verb", {"LEMMA": {"IN": ["hold", "resume"]}}),
            _node("anchor", _CALLS, ">", "verb"),
            _node("prep", _PREP, ">", "anchor"),
            _node("object", {"DEP": "pobj"}, ">", "prep"),
        ],
        ["talks", "call", "Talks", "consultations"],
    ),
    "two_nodes_on_one_token": (
        [
            _node("anchor", _CALLS),
            _node("prep", _PREP, ">", "anchor"),
            _node("with", {"LOWER": "with"}, ">", "anchor"),
        ],
        ["talks", "call"],
    ),
    "any_child": (
        [_node("anchor", {"LOWER": {"IN": ["envoy", "pause", "lima"]}}), _node("any", {}, ">", "anchor")],
        ["pause", "envoy"],
    ),
}


@pytest.mark.parametrize("name", list(RELATIONS))
def test_dependency_relations_read_as_the_dependency_matcher_reads_them(nlp: Language, name: str):
    """`>` (head of) and `>>` (ancestor of), from and to the anchor, in chains and branches, two
    nodes on one token: the anchors the DependencyMatcher finds in each sentence on its own."""
    pattern, words = RELATIONS[name]
    anchor = [node["RIGHT_ID"] for node in pattern].index("anchor")
    doc = nlp(TEXT)
    matcher = DependencyMatcher(nlp.vocab, validate=True)
    matcher.add(name, [pattern])
    expected = sorted({s.start + tokens[anchor] for s in doc.sents for _, tokens in matcher(s.as_doc())})
    columns = DependencyPatterns()
    assert columns.add(7, pattern, anchor)
    found = columns(doc)
    assert found == [(7, i) for i in expected]
    assert sorted(doc[i].text for _, i in found) == sorted(words)


def test_a_relation_or_test_the_columns_do_not_know_stays_with_the_dependency_matcher(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
):
    columns = DependencyPatterns()
    root = _node("anchor", {"LOWER": "envoy"})
    for op in ("<", "<<", ".", ";*", "$++", ">+", ">--"):
        assert not columns.add(1, [root, _node("other", {}, op, "anchor")], 0), op
    for attrs in ({"LENGTH": 5}, {"_": {"seen": True}}, {"OP": "!"}, {"LOWER": {"FUZZY": "envoy"}}):
        assert not columns.add(1, [root, _node("other", attrs, ">", "anchor")], 0), attrs
    assert not columns.patterns
    # in the component, such patterns go on through the DependencyMatcher, on the sentences holding
    # an anchor word (or on every sentence when an anchor names none)
    extra = (
        Pattern(
            "meeting_triggers",
            901,
            "meeting/test_sent",
            "sent",
            [root, _node("verb", {"LEMMA": "send"}, "<", "anchor")],
            "x.",
        ),
        Pattern(
            "meeting_triggers",
            902,
            "meeting/test_pause",
            "pause",
            [
                _node("anchor", {"LEMMA": "pause", "LENGTH": {">=": 5}}),
                _node("mod", {"DEP": "amod"}, ">", "anchor"),
            ],
            "x.",
        ),
    )
    own = component.load_patterns
    monkeypatch.setattr(
        component, "load_patterns", lambda group: own(group) + (extra if group == "meeting_triggers" else ())
    )
    fast, reference = CueRuler(nlp.vocab), CueRuler(nlp.vocab, single_tokens=False, dependencies=False)
    assert len(fast.dep_matcher) == 2 and fast._everywhere and len(fast.dependency.patterns) == 13
    doc = nlp(TEXT)
    assert _spans(fast(doc)) == _spans(reference(doc))
    assert {(s.text, s.id_) for s in doc.spans["meeting_triggers"]} >= {
        ("envoy", "meeting/test_sent"),
        ("pause", "meeting/test_pause"),
        ("talks", "meeting/noun"),
    }


def test_a_parse_that_leaves_its_sentence_goes_to_the_dependency_matcher(nlp: Language):
    """Where a head lies outside its token's sentence, the DependencyMatcher's sentence copies cut the
    relation; the columns would not, so the component gives such a Doc to the DependencyMatcher."""
    fast, reference = CueRuler(nlp.vocab), CueRuler(nlp.vocab, dependencies=False)
    call = [p.pattern for p in load_patterns("meeting_triggers") if p.line == 4]  # have|hold|... > calls
    whole = DependencyMatcher(nlp.vocab)
    whole.add("call", call)
    # a non-projective parse of two roots: "calls" (4) hangs on "held" (1), across the sentence "ministers met"
    words = ["Envoys", "held", "ministers", "met", "calls"]
    crossing = Doc(
        nlp.vocab,
        words=words,
        heads=[1, 1, 3, 3, 1],
        deps=["nsubj", "ROOT", "nsubj", "ROOT", "dobj"],
        pos=["NOUN", "VERB", "NOUN", "VERB", "NOUN"],
        tags=["NNS", "VBD", "NNS", "VBD", "NNS"],
        lemmas=["envoy", "hold", "minister", "meet", "call"],
    )
    assert [s.start for s in crossing.sents] == [0, 2] and whole(crossing)
    # a parsed sentence that a hook splits between "held" and "calls"
    with nlp.select_pipes(disable=[NAME]):
        hooked = nlp("The leaders held calls on Monday.")
    assert whole(hooked)
    hooked.user_hooks["sents"] = lambda doc: iter([doc[:3], doc[3:]])
    for doc in (crossing, hooked):
        assert fast.dependency(doc) is None
        assert _spans(fast(doc)) == _spans(reference(doc))
        assert "calls" not in [s.text for s in doc.spans["meeting_triggers"]]
    del hooked.user_hooks["sents"]
    assert "calls" in [s.text for s in fast(hooked).spans["meeting_triggers"]]
