"""The model's attribute ruler, run over columns (`patterns/attributes.py`), sets what spaCy's sets.

The stock component and the column one are given copies of the same parsed Docs (up to the parser)
and every attribute either may write is compared token by token: on sentences written here, the
bundled articles, and the real ones where `../shared` is there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from shortcuts import parsed
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from parley.extract.nlp import model_name, with_parley_components
from parley.extract.patterns import attributes
from parley.extract.patterns.attributes import ColumnAttributeRuler, understood

ROOT = Path(__file__).resolve().parents[1]
WRITTEN = [
    "The envoys ain't gonna sign it, y'all, but let's see: there are talks and there's hope.",
    "I met them; you met it. It is what I'd have had if they'd done it. Gotta go, c'mon.",
    "She didn't say whether that was so, though the talks, which began, are over.  Nothin' more.",
    "The minister got the text and gets it signed.\n\n  \tThe delegation, however, does not.",
]


@pytest.fixture(scope="module")
def stock_patterns() -> list[dict]:
    return spacy.load(model_name()).get_pipe(attributes.STOCK).patterns


def _before_the_ruler(nlp: Language, texts: list[str]) -> list[Doc]:
    later = nlp.pipe_names[nlp.pipe_names.index(attributes.NAME) :]
    with nlp.select_pipes(disable=later):
        return list(nlp.pipe(texts))


def _set(doc: Doc) -> list[tuple]:
    return [(t.tag_, t.pos_, t.dep_, t.lemma_, str(t.morph)) for t in doc]


def _stock(vocab, patterns: list[dict]) -> AttributeRuler:
    ruler = AttributeRuler(vocab)
    ruler.add_patterns(patterns)
    return ruler


def test_the_pipeline_runs_the_column_ruler_in_the_stock_ones_place(nlp: Language):
    names = nlp.pipe_names
    assert attributes.STOCK not in names
    assert names.index("parser") < names.index(attributes.NAME) < names.index("lemmatizer")


def test_the_column_ruler_sets_what_the_stock_ruler_sets(nlp: Language, stock_patterns: list[dict]):
    stock = _stock(nlp.vocab, stock_patterns)
    columns = ColumnAttributeRuler(stock)
    real = sorted(ROOT.parent.glob("shared/eval/*/articles/*"))
    docs = parsed(nlp, WRITTEN, [f.read_text(encoding="utf-8") for f in real])
    docs = _before_the_ruler(nlp, [doc.text for doc in docs])
    changed = 0
    for doc in docs:
        expected, got = stock(doc.copy()), columns(doc.copy())
        assert _set(got) == _set(expected), doc.text[:80]
        changed += sum(a != b for a, b in zip(_set(doc), _set(expected), strict=True))
    assert changed > 100  # the stock ruler did change things: the comparison is not of untouched Docs


def test_later_rules_win_and_sequences_point_at_their_token(nlp: Language):
    """Rules written here: overlapping one-token rules, a two-token rule pointing at its last token,
    set in between, and rules on flags and regular expressions."""
    patterns = [
        {"patterns": [[{"TAG": "NNS"}]], "attrs": {"POS": "X", "LEMMA": "first"}},
        {"patterns": [[{"LOWER": "envoys"}, {"LOWER": "met"}]], "attrs": {"LEMMA": "second"}, "index": -1},
        {
            "patterns": [[{"LOWER": {"IN": ["met", "talks"]}}]],
            "attrs": {"LEMMA": "third", "MORPH": "Tense=Past"},
        },
        {"patterns": [[{"LOWER": "envoys"}, {"LOWER": "met"}]], "attrs": {"POS": "INTJ"}, "index": 1},
        {"patterns": [[{"IS_SPACE": True}], [{"LOWER": {"REGEX": "^tal"}}]], "attrs": {"TAG": "XX"}},
    ]
    stock = _stock(nlp.vocab, patterns)
    columns = ColumnAttributeRuler(stock)
    docs = _before_the_ruler(
        nlp, ["The envoys met for talks  in Lima.", "Envoys met, envoys left; talks met."]
    )
    for doc in docs:
        assert _set(columns(doc.copy())) == _set(stock(doc.copy()))
    met = columns(docs[0].copy())[2]
    assert (met.lemma_, met.pos_, str(met.morph)) == ("third", "INTJ", "Tense=Past")


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "talks", "OP": "+"}],  # an operator
        [{"LENGTH": {">=": 3}}],  # a test the columns do not hold
        [{"LOWER": "talks"}, {}],  # a token that matches anything
    ],
)
def test_a_ruler_with_a_pattern_it_cannot_test_is_kept(pattern: list[dict]):
    loaded = spacy.load(model_name())
    loaded.get_pipe(attributes.STOCK).add([pattern], {"LEMMA": "talk"})
    assert not understood(loaded.get_pipe(attributes.STOCK))
    names = with_parley_components(loaded).pipe_names
    assert attributes.STOCK in names and attributes.NAME not in names


def test_the_columns_written_are_those_the_rules_set(nlp: Language, stock_patterns: list[dict]):
    columns = ColumnAttributeRuler(_stock(nlp.vocab, stock_patterns))
    assert set(columns.columns) == {POS, TAG, DEP, LEMMA, MORPH}
