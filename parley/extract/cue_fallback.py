"""Stop-gap stance and agreement cues until `stance_cues` / `agreement_cues` land.

Implements the agreed contract (see `cues.py`) with a small Matcher so the
extractor can be measured end to end; delete once the real modules exist.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Span, Token


@dataclass(frozen=True)
class StanceCue:
    stance: str
    cue: Span
    subject: Span | None
    target: Span | None
    topic: str | None


@dataclass(frozen=True)
class AgreementCue:
    status: str
    cue: Span
    subject: Span | None
    description: str | None
    timeframe: str | None


_STANCE_LEMMAS = {
    "concern": ["concern", "worry", "alarm"],
    "criticism": ["criticize", "criticise", "condemn", "accuse", "denounce", "protest"],
    "opposition": ["oppose", "reject", "object", "refuse"],
    "demand": ["urge", "demand", "request", "press"],
    "support": ["support", "welcome", "praise", "appreciate", "commend"],
    "hope": ["hope", "wish", "desire"],
    "proposal": ["propose", "suggest", "offer", "invite"],
    "statement": ["stress", "emphasize", "emphasise", "affirm", "explain", "convey", "address",
                  "underscore", "underline", "highlight", "reiterate", "note", "brief", "mention"],
}
_AGREE = {"agree": "agreed", "decide": "agreed", "commit": "agreed", "sign": "signed", "align": "agreed"}


@functools.cache
def _matcher(vocab) -> Matcher:
    matcher = Matcher(vocab)
    for stance, lemmas in _STANCE_LEMMAS.items():
        matcher.add(stance, [[{"LEMMA": {"IN": lemmas}, "POS": {"IN": ["VERB", "NOUN", "ADJ"]}}]])
    matcher.add("demand", [[{"LEMMA": "call"}, {"LOWER": {"IN": ["for", "on"]}}]])
    matcher.add("hope", [[{"LEMMA": "look"}, {"LOWER": "forward"}]])
    matcher.add("support", [[{"LEMMA": {"IN": ["reiterate", "reaffirm", "express"]}}, {"OP": "*", "IS_PUNCT": False}, {"LEMMA": "support", "POS": "NOUN"}]])
    return matcher


def _subject(verb: Token) -> Span | None:
    node = verb
    for _ in range(4):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass", "expl"):
                if child.dep_ == "nsubjpass" and node.lemma_ == "brief":
                    agent = next((c for c in node.children if c.dep_ == "agent"), None)
                    if agent is not None and list(agent.children):
                        obj = next(iter(agent.children))
                        return obj.doc[obj.left_edge.i : obj.right_edge.i + 1]
                return child.doc[child.left_edge.i : child.right_edge.i + 1]
        if node.dep_ in ("conj", "xcomp", "advcl", "dobj", "pobj", "prep", "acomp", "ccomp", "amod") and node.head is not node:
            node = node.head
        else:
            break
    return None


def _verb_of(token: Token) -> Token:
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head is not node:
        node = node.head
    return node


def find_stances(sent: Span) -> list[StanceCue]:
    cues: list[StanceCue] = []
    seen: set[tuple[str, int]] = set()
    for match_id, start, end in _matcher(sent.doc.vocab)(sent):
        stance = sent.doc.vocab.strings[match_id]
        span = sent[start:end]
        verb = _verb_of(span[0])
        if (stance, verb.i) in seen or verb.lemma_ in ("agree", "sign"):
            continue
        if span[0].pos_ == "NOUN" and span[0].head.lemma_ not in ("express", "voice", "share", "note", "raise", "reiterate", "convey"):
            if stance != "hope" or span[0].head.lemma_ not in ("express",):
                continue
        seen.add((stance, verb.i))
        target = next((c for c in verb.children if c.dep_ == "dobj" and c.ent_type_ in ("GPE", "NORP")), None)
        cues.append(
            StanceCue(
                stance,
                span,
                _subject(verb),
                target.doc[target.i : target.i + 1] if target is not None else None,
                None,
            )
        )
    return cues


def find_agreements(sent: Span) -> list[AgreementCue]:
    cues: list[AgreementCue] = []
    for token in sent:
        lemma = token.lemma_.lower()
        status = None
        if lemma in _AGREE and token.pos_ == "VERB":
            status = _AGREE[lemma]
        elif lemma == "confirm" and any(c.lower_ in ("intention", "that") or c.dep_ == "ccomp" for c in token.subtree):
            status = "intended"
        elif lemma == "share" and any(c.lower_ == "view" for c in token.children):
            status = "agreed"
        elif lemma == "make" and any(c.lower_ == "progress" for c in token.children) and any(c.dep_ == "neg" for c in token.children):
            status = "not_reached"
        if status is None:
            continue
        if status == "agreed" and any(c.lower_ in ("will", "would") for c in token.subtree if c.i > token.i):
            status = "intended" if lemma == "share" else status
        cues.append(AgreementCue(status, sent.doc[token.i : token.i + 1], _subject(token), None, None))
    return cues
