"""`span_text` and `doc_text` give what spaCy's `Span.text` and `Doc.text` give."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from parley.extract.doctext import doc_text, span_text
from parley.extract.sentences import sentences

DATA = Path(__file__).resolve().parents[1] / "data"


def test_every_sentence_and_window_reads_as_spacy_reads_it(nlp: Language):
    texts = [f.read_text(encoding="utf-8") for f in sorted(DATA.glob("**/*.txt"))[:30]]
    texts += ["", "   ", "A line.\n\nAnother  with  double spaces \n", " Lead space", "Tail space. "]
    compared = 0
    for doc in nlp.pipe(texts):
        assert doc_text(doc) == doc.text and doc_text(doc) is doc_text(doc)
        windows = [doc[i:j] for i in range(0, len(doc), 5) for j in range(i, min(len(doc), i + 40), 4)]
        for span in [*doc.sents, *sentences(doc), *windows]:
            assert span_text(span) == span.text
            compared += 1
    assert compared > 1000
