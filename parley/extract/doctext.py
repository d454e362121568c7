"""A Doc's text read once, and spans' texts sliced from it.

spaCy rebuilds `Doc.text` and `Span.text` from their tokens on every access (a Python join over
token objects); the rules ask for the same sentences' texts many times. `span_text(span)` is
`span.text`: the Doc's text from the span's first character to its last token's end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_KEY = "parley_text"  # in Doc.user_data: the Doc's text


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """`span.text`, sliced from the Doc's text."""
    return doc_text(span.doc)[span.start_char : span.end_char]
