"""Entities read once per document give exactly what spaCy's `Span.ents` gives."""

from __future__ import annotations

from parley.extract.entities import ents_in
from parley.extract.nlp import load_nlp

TEXT = (
    "Foreign Minister Hana Ito of Japan met Brazilian Foreign Minister Paulo Mendes in Tokyo on Friday.\n\n"
    "The two ministers agreed to meet again in Brasilia in March. Mendes thanked Ito and the Japanese "
    "government for the invitation to the G20 meeting in Osaka."
)


def test_entities_inside_any_span_are_spacys():
    doc = load_nlp()(TEXT)
    assert ents_in(doc) == list(doc.ents) and len(doc.ents) >= 6
    for sent in doc.sents:
        assert [(e.start, e.end, e.label_) for e in ents_in(sent)] == [
            (e.start, e.end, e.label_) for e in sent.ents
        ]
    for start in range(0, len(doc), 3):
        span = doc[start : start + 7]
        assert [(e.start, e.end, e.label_) for e in ents_in(span)] == [
            (e.start, e.end, e.label_) for e in span.ents
        ]
