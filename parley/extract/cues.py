"""Sentence-level stance and agreement cues (owned by the cue modules' author).

The contract: `find_stances(sent) -> list[StanceCue]` and
`find_agreements(sent) -> list[AgreementCue]`; cues name their subject span as
written and leave sides and people to the extractor. Both read one analysis of the
sentence: stances need the agreement cues (agreements win a shared verb), so the
pair is computed once per sentence and kept for the caller's next question.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Span

from parley.extract import agreement_cues, stance_cues
from parley.extract.agreement_cues import AgreementCue
from parley.extract.doctext import span_text
from parley.extract.stance_cues import StanceCue

__all__ = [
    "AgreementCue",
    "SentenceCues",
    "StanceCue",
    "evidence_sentence",
    "find_agreements",
    "find_stances",
    "sentence_cues",
]


@dataclass(frozen=True)
class SentenceCues:
    stances: tuple[StanceCue, ...]
    agreements: tuple[AgreementCue, ...]


@functools.lru_cache(maxsize=4)
def sentence_cues(sent: Span) -> SentenceCues:
    """The stances and agreements of `sent`, each finder run once (the extractor asks for
    both of the same sentence in turn; a tiny cache keeps that to one analysis)."""
    agreements = tuple(agreement_cues.find_agreements(sent))
    return SentenceCues(tuple(stance_cues.find_stances(sent, agreements)), agreements)


def find_stances(sent: Span) -> list[StanceCue]:
    return list(sentence_cues(sent).stances)


def find_agreements(sent: Span) -> list[AgreementCue]:
    return list(sentence_cues(sent).agreements)


def evidence_sentence(sent: Span, cue: StanceCue, sents: list[Span], sent_of: dict[int, int]) -> Span:
    """ "... the minister said:" with the quotation in the next paragraph: the parse reaches
    across the line break, and the quotation, not the colon line, carries the stance."""
    if cue.target is None or cue.target.start < sent.end or not span_text(sent).rstrip().endswith(":"):
        return sent
    index = sent_of.get(cue.target.start)
    return sents[index] if index is not None else sent
