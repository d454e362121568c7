"""Sentence-level stance cues: which of the eight stances a sentence expresses, and who holds them.

The cue words live in `lexicons/stances.yaml` (GUIDELINES.md "positions"); this module
only knows grammar: where a cue's holder, target and topic sit in the dependency parse.
Turning the holder span into countries and names is the caller's job, so every value here
is a span or a few words of the sentence. The syntax helpers at the bottom are shared with
`agreement_cues`, which asks the same questions (who is the subject, is it both sides).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Span, Token

log = logging.getLogger(__name__)

STANCES = ("concern", "criticism", "opposition", "demand", "support", "hope", "proposal", "statement")
LEXICON_DIR = Path(__file__).parent / "lexicons"

AGENT_ENTS = {"PERSON", "GPE", "NORP", "ORG"}
CLAUSE_DEPS = {"ccomp", "xcomp"}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
# Dependencies through which a verb inherits the subject of the verb it hangs from.
SHARED_SUBJECT_DEPS = {"conj", "xcomp", "advcl", "pcomp", "ccomp"}
TOPIC_WORDS = 12


@dataclass(frozen=True)
class StanceCue:
    stance: str  # concern|criticism|opposition|demand|support|hope|proposal|statement
    cue: Span  # the cue words ("expressed concern", "called for")
    subject: Span | None  # who expressed it, as written ("Motegi", "the two sides", "he")
    target: Span | None  # the phrase naming whom it is aimed at, if any
    topic: str | None  # a few words


@dataclass(frozen=True)
class _Hit:
    """A cue before its holder is resolved: `anchor` is the word whose clause holds the subject."""

    stance: str
    cue: tuple[Token, ...]
    anchor: Token
    complement: Token | None
    owner: Token | None = None  # an explicit possessor holder ("my request")


def load_lexicon(name: str) -> dict[str, Any]:
    """A YAML lexicon from `lexicons/`, parsed once per process."""
    return _load_yaml(name)


@functools.cache
def _load_yaml(name: str) -> dict[str, Any]:
    with (LEXICON_DIR / f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _invert(groups: dict[str, list[str]]) -> dict[str, str]:
    return {word: stance for stance, words in groups.items() for word in words}


@dataclass(frozen=True)
class _StanceLexicon:
    verbs: dict[str, str]
    with_clause: dict[str, str]
    with_object: dict[str, tuple[str, frozenset[str]]]
    phrasal: dict[str, tuple[str, frozenset[str]]]
    nouns: dict[str, str]
    noun_needs_prep: dict[str, frozenset[str]]
    owned_nouns: frozenset[str]
    light_verbs: frozenset[str]
    adjectives: dict[str, str]
    adjective_needs_complement: frozenset[str]
    verdict_verbs: frozenset[str]
    evaluative: dict[str, str]
    solo_commitment: frozenset[str]
    agent_nouns: frozenset[str]


@functools.cache
def _lexicon() -> _StanceLexicon:
    raw = load_lexicon("stances")
    return _StanceLexicon(
        verbs=_invert(raw["verbs"]),
        with_clause=_invert(raw["with_clause"]),
        with_object={
            verb: (stance, frozenset(objects))
            for stance, table in raw["with_object"].items()
            for verb, objects in table.items()
        },
        phrasal={
            verb: (stance, frozenset(particles))
            for stance, table in raw["phrasal"].items()
            for verb, particles in table.items()
        },
        nouns=_invert(raw["nouns"]),
        noun_needs_prep={n: frozenset(p) for n, p in raw["noun_needs_prep"].items()},
        owned_nouns=frozenset(raw["owned_nouns"]),
        light_verbs=frozenset(raw["light_verbs"]),
        adjectives=_invert(raw["adjectives"]),
        adjective_needs_complement=frozenset(raw["adjective_needs_complement"]),
        verdict_verbs=frozenset(raw["verdict_verbs"]),
        evaluative=_invert(raw["evaluative"]),
        solo_commitment=frozenset(raw["solo_commitment"]),
        agent_nouns=frozenset(raw["agent_nouns"]),
    )


def find_stances(sent: Span) -> list[StanceCue]:
    """Every stance `sent` expresses, one cue per stance and holder; never raises."""
    try:
        return _find_stances(sent)
    except Exception:  # a bad parse must not stop an article's extraction
        log.exception("stance cue detection failed on %r", sent.text[:80])
        return []


def _find_stances(sent: Span) -> list[StanceCue]:
    lex = _lexicon()
    hits = [hit for tok in sent if (hit := _match(tok, lex)) is not None]
    hits = _drop_nested(hits)
    cues: list[StanceCue] = []
    seen: set[tuple[str, int | None]] = set()
    for hit in hits:
        subject = _owner_span(hit.owner) if hit.owner is not None else subject_of(hit.anchor)
        if subject is not None and not is_agent(subject):
            continue
        key = (hit.stance, subject.root.i if subject is not None else None)
        if key in seen:
            continue
        seen.add(key)
        cue_span = _covering_span(hit.cue)
        cues.append(
            StanceCue(
                stance=hit.stance,
                cue=cue_span,
                subject=subject,
                target=_target(hit),
                topic=_topic(hit),
            )
        )
    return cues


def _match(tok: Token, lex: _StanceLexicon) -> _Hit | None:
    """The stance `tok` is a cue for, if any, with the words it needs around it."""
    if is_negated(tok):
        return None
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        return _match_verb(tok, lex)
    if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in lex.nouns:
        return _match_noun(tok, lex)
    if tok.lower_ in lex.adjectives:
        return _match_adjective(tok, lex)
    return None


def _match_verb(tok: Token, lex: _StanceLexicon) -> _Hit | None:
    lemma = tok.lemma_.lower()
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if any(o.lemma_.lower() in lex.nouns for o in objects) and lemma in lex.light_verbs:
        return None  # "reiterated his support": the noun is the cue
    clause = _clause_child(tok)
    if lemma in lex.phrasal:
        stance, particles = lex.phrasal[lemma]
        parts = [c for c in tok.children if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in particles]
        if parts:
            return _Hit(stance, (tok, parts[0]), tok, _complement(parts[0]) or clause)
    if lemma in lex.verdict_verbs:
        verdict = _verdict(tok, lex)
        if verdict is not None:
            return _Hit(verdict, (tok,), tok, _first(objects))
    if lemma in lex.solo_commitment:
        subject = subject_of(tok)
        if subject is not None and not is_joint(subject):
            return _Hit("statement", (tok,), tok, clause or _prep_object(tok))
        return None
    if lemma in lex.verbs:
        return _Hit(lex.verbs[lemma], (tok,), tok, clause or _first(objects) or _prep_object(tok))
    if lemma in lex.with_clause and clause is not None:
        if lemma == "point" and not any(c.lower_ == "out" for c in tok.children):
            return None
        return _Hit(lex.with_clause[lemma], (tok,), tok, clause)
    if lemma in lex.with_object:
        stance, nouns = lex.with_object[lemma]
        for obj in objects:
            if obj.lemma_.lower() in nouns:
                return _Hit(stance, (tok,), tok, obj)
    return None


def _match_noun(tok: Token, lex: _StanceLexicon) -> _Hit | None:
    lemma = tok.lemma_.lower()
    needed = lex.noun_needs_prep.get(lemma)
    if needed and not any(c.dep_ == "prep" and c.lower_ in needed for c in tok.children):
        return None
    stance = lex.nouns[lemma]
    head = tok.head
    complement = _prep_object(tok) or _clause_child(tok) or _first(c for c in tok.children if c.dep_ == "acl")
    if tok.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in lex.light_verbs and not is_negated(head):
        return _Hit(stance, (head, tok), head, complement)
    owner = _first(c for c in tok.children if c.dep_ == "poss")
    if owner is not None and lemma in lex.owned_nouns:
        return _Hit(stance, (owner, tok), tok, complement, owner=owner)
    return None


def _match_adjective(tok: Token, lex: _StanceLexicon) -> _Hit | None:
    copular = tok.dep_ == "acomp" or any(c.dep_ == "auxpass" for c in tok.children)
    if not copular:
        return None
    complement = _clause_child(tok) or _prep_object(tok)
    if tok.lower_ in lex.adjective_needs_complement and complement is None:
        return None
    anchor = tok.head if tok.dep_ == "acomp" else tok
    return _Hit(lex.adjectives[tok.lower_], (tok,), anchor, complement)


def _verdict(tok: Token, lex: _StanceLexicon) -> str | None:
    """'called the talks "successful"': the stance an evaluative complement gives."""
    for child in tok.children:
        if child.dep_ in ("oprd", "ccomp", "xcomp", "acomp") and child.lower_ in lex.evaluative:
            return lex.evaluative[child.lower_]
    return None


def _drop_nested(hits: list[_Hit]) -> list[_Hit]:
    """Keep one reading where a cue sits inside another cue's complement.

    A finite clause with its own subject inside a reporting verb carries the stance
    ("stressed that he hopes ..." is a hope, not a statement); an infinitive or noun
    phrase inside a cue is only its content ("highlighted the commitment to support ...").
    A statement participle hanging from another cue ("urged ..., noting that") adds nothing.
    """
    dropped: set[int] = set()
    for i, inner in enumerate(hits):
        for j, outer in enumerate(hits):
            if i == j or inner.anchor is outer.anchor:
                continue
            if _hangs_from(inner.anchor, outer.anchor):
                if _own_subject(inner.anchor):
                    if outer.stance == "statement":
                        dropped.add(j)
                else:
                    dropped.add(i)
            elif (
                inner.stance == "statement"
                and inner.anchor.tag_ == "VBG"
                and inner.anchor.dep_ == "advcl"
                and inner.anchor.head is outer.anchor
            ):
                dropped.add(i)
    return [h for k, h in enumerate(hits) if k not in dropped]


def _hangs_from(tok: Token, ancestor: Token) -> bool:
    """True if `tok` lies in a complement of `ancestor` (not merely coordinated with it)."""
    node = tok
    while node.head is not node:
        if node.head is ancestor:
            return node.dep_ not in ("conj", "cc", "nsubj", "nsubjpass")
        node = node.head
    return False


def _own_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


# --- target and topic -------------------------------------------------------------------


def _target(hit: _Hit) -> Span | None:
    """Whom the stance is aimed at: an addressee object, else the subject of its clause,
    else the content phrase when it names a country or people."""
    anchor = hit.anchor
    for child in anchor.children:
        if child.dep_ in ("dobj", "dative") and child.lemma_.lower() not in _lexicon().nouns and _is_agent_token(child):
            return _phrase(child)
        if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
            obj = _first(c for c in child.children if c.dep_ == "pobj")
            if obj is not None and _is_agent_token(obj):
                return _phrase(obj)
    comp = hit.complement
    if comp is None:
        return None
    if comp.pos_ in ("VERB", "AUX"):
        subj = _first(c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass"))
        if subj is not None and _is_agent_token(subj):
            return _phrase(subj)
    phrase = _phrase(comp)
    if any(ent.label_ in ("GPE", "NORP") for ent in phrase.ents):
        return phrase
    return None


def _topic(hit: _Hit) -> str | None:
    if hit.complement is None:
        return None
    words = [t.text for t in _phrase(hit.complement) if not t.is_punct or t.text in ("-", "'s")]
    while words and words[0].lower() in ("that", "to", "the", "a", "an"):
        words = words[1:]
    text = " ".join(words[:TOPIC_WORDS]).replace(" 's", "'s").replace(" - ", "-")
    return text or None


# --- shared syntax helpers (also used by agreement_cues) --------------------------------


def subject_of(tok: Token) -> Span | None:
    """Who does what `tok` says, as written: its subject, the agent of a passive, or the
    subject it inherits through a conjunction, infinitive, participle or relative clause."""
    node = tok
    for _ in range(12):
        agent = _first(c for c in node.children if c.dep_ == "agent")
        if agent is not None:
            obj = _first(c for c in agent.children if c.dep_ == "pobj")
            return _phrase(obj) if obj is not None else None
        subj = _first(c for c in node.children if c.dep_ in ("nsubj", "csubj"))
        if subj is not None:
            if subj.lower_ in ("which", "that") and node.dep_ == "relcl":
                return _phrase(node.head, trim_clause=True)
            if subj.lower_ == "who" and node.dep_ == "relcl":
                return _phrase(node.head, trim_clause=True)
            return _phrase(subj)
        if any(c.dep_ == "nsubjpass" for c in node.children):
            return None
        if node.dep_ in ("acl", "relcl") and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            if _is_agent_token(node.head):
                return _phrase(node.head, trim_clause=True)
            node = node.head
            continue
        if node.dep_ in ("pobj", "prep", "dobj", "attr", "appos", "npadvmod") and node.head is not node:
            node = node.head
            continue
        if node.dep_ in SHARED_SUBJECT_DEPS and node.head is not node:
            node = node.head
            continue
        return None
    return None


def is_agent(span: Span) -> bool:
    """Whether `span` can name someone who holds a stance: a person, a country, an
    organisation, a pronoun, or an office ("The Secretary", "the two sides")."""
    return _is_agent_token(span.root) or any(ent.label_ in AGENT_ENTS for ent in span.ents)


def _is_agent_token(tok: Token) -> bool:
    if tok.ent_type_ in AGENT_ENTS:
        return True
    if tok.lemma_.lower() in _lexicon().agent_nouns or tok.lower_ in _lexicon().agent_nouns:
        return True
    return tok.pos_ == "PRON" and tok.lower_ in ("i", "we", "he", "she", "they", "it", "their", "his", "her", "my", "our", "its")


def is_joint(span: Span) -> bool:
    """Whether `span` names more than one side: "Japan and China", "the two sides", "both", "they"."""
    root = span.root
    if any(t.dep_ == "conj" for t in span) or any(t.lower_ in ("both", "two", "together") for t in span):
        return True
    if root.lower_ in ("they", "we", "both", "duo", "pair"):
        return True
    return root.tag_ in ("NNS", "NNPS")


def is_negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _clause_child(tok: Token) -> Token | None:
    return _first(c for c in tok.children if c.dep_ in CLAUSE_DEPS)


def _prep_object(tok: Token) -> Token | None:
    for prep in (c for c in tok.children if c.dep_ == "prep"):
        obj = _complement(prep)
        if obj is not None:
            return obj
    return None


def _complement(prep: Token) -> Token | None:
    return _first(c for c in prep.children if c.dep_ in ("pobj", "pcomp"))


def _first(items: Any) -> Any:
    return next(iter(items), None)


def _phrase(tok: Token, trim_clause: bool = False) -> Span:
    """The words `tok` heads; with trim_clause, without a trailing clause or apposition."""
    doc = tok.doc
    if not trim_clause:
        return doc[tok.left_edge.i : tok.right_edge.i + 1]
    end = tok.i
    for child in tok.rights:
        if child.dep_ in ("acl", "relcl", "appos", "punct", "advcl"):
            break
        end = child.right_edge.i
    return doc[tok.left_edge.i : end + 1]


def _owner_span(tok: Token) -> Span:
    return tok.doc[tok.left_edge.i : tok.i + 1] if tok.tag_ != "POS" else tok.doc[tok.i : tok.i + 1]


def _covering_span(tokens: tuple[Token, ...]) -> Span:
    doc = tokens[0].doc
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens)
    return doc[start : end + 1]
