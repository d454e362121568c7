"""Sentence spans fit to be evidence: paragraph-aware, abbreviation-safe, dateline-free.

spaCy's parser splits after abbreviations such as "Shri." or "Hon." and
runs on across line breaks; evidence must be the sentence a reader sees, so
the parser's sentences are split at line breaks, re-joined after known
abbreviations, and stripped of datelines ("ISLAMABAD:", "TOKYO (Reuters) -").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from parley.extract.doctext import doc_text, span_text
from parley.extract.rows import Evidence

_ABBREVIATION_END = re.compile(r"(?i)(?:^|[\s(])(?:shri|mr|ms|mrs|dr|h\.e|amb|hon|st|gen|no|sen|gov|rep)\.$")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# "ISLAMABAD:", "TOKYO (Reuters) -", "WEISSENHAUS, Germany, May 14 (Meridian) --", or with the date
# first, "Jan 21, 2007 (CAIRO) --": where and when a story is filed.
DATELINE = re.compile(
    r"^(?:(?P<place>[A-Z][A-Z .'-]{2,40}?|[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:,\s*[A-Z][A-Za-z]+)?"
    rf"(?:,?\s*{_MONTH}\s+\d{{1,2}})?\s*(?:\([^)]{{1,40}}\))?"
    rf"|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}\s*\((?P<filed_in>[A-Z][^)]{{1,40}})\))\s*(?::|--|-|–|—)\s+"
)


LINE_BREAKS = "parley_line_breaks"


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs: a dateline, a byline or a
    heading above the first sentence otherwise becomes part of its parse (its subject, its date)."""
    breaks = line_break_tokens(doc)
    broken = set(breaks)
    for i in breaks:
        if i + 1 < len(doc) and not _introduces(doc[i]):
            doc[i + 1].is_sent_start = True
            if i + 2 < len(doc) and i + 1 not in broken:
                # given a forced start, the parser tends to end the sentence after its first word
                doc[i + 2].is_sent_start = False
    return doc


def line_break_tokens(doc: Doc) -> list[int]:
    """The tokens with a line break in their `text_with_ws`, in order: the token holding a line break
    of the Doc's text is the last one starting at or before it (asking each token for its text would
    build a Token object per word)."""
    starts = doc.to_array(IDX).reshape(-1).tolist()
    return sorted({bisect_right(starts, m.start()) - 1 for m in re.finditer("\n", doc_text(doc))})


def _introduces(token: Token) -> bool:
    """A line ending in a colon ("Ito said:") runs on into the next, which completes it."""
    while token.is_space and token.i > 0:
        token = token.doc[token.i - 1]
    return token.text == ":"


def _line_pieces(sent: Span, breaks: list[int]) -> list[Span]:
    """Split a parser sentence at line breaks inside it (`breaks`: `line_break_tokens(sent.doc)`)."""
    pieces, start = [], sent.start
    for i in breaks[bisect_left(breaks, sent.start) : bisect_left(breaks, sent.end - 1)]:
        pieces.append(sent.doc[start : i + 1])
        start = i + 1
    pieces.append(sent.doc[start : sent.end])
    return [p for p in pieces if span_text(p).strip()]


def _continues(previous: Span, nxt: Span) -> bool:
    """True when the parser split after an abbreviation rather than at a sentence end."""
    text = span_text(previous)
    if "\n" in (text + previous[-1].whitespace_)[-2:] or "\n" in previous[-1].text_with_ws:
        return False
    first = nxt[0].text
    return bool(_ABBREVIATION_END.search(text.rstrip())) or (first[:1].islower() and first.isalpha())


def sentences(doc: Doc) -> list[Span]:
    """The article's sentences, in order, as spans over `doc`."""
    breaks = line_break_tokens(doc)
    pieces = [piece for sent in doc.sents for piece in _line_pieces(sent, breaks)]
    merged: list[Span] = []
    for piece in pieces:
        if merged and _continues(merged[-1], piece):
            merged[-1] = doc[merged[-1].start : piece.end]
        else:
            merged.append(piece)
    return [_strip_dateline(s) for s in merged]


def _strip_dateline(sent: Span) -> Span:
    match = DATELINE.match(span_text(sent))
    if not match or len(sent) < 6:
        return sent
    span = sent.doc.char_span(sent.start_char + match.end(), sent.end_char, alignment_mode="expand")
    return span if span is not None and len(span) > 3 else sent


def evidence(span: Span) -> Evidence:
    """The span's text with surrounding whitespace trimmed, offsets still exact."""
    raw = span_text(span)
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    start = span.start_char + lead
    return Evidence(text=text, start=start, end=start + len(text))
