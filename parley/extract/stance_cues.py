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
# Dependencies through which a verb inherits the subject of the verb it hangs from.
SHARED_SUBJECT_DEPS = {"conj", "xcomp", "advcl", "pcomp", "ccomp"}
TOPIC_WORDS = 12
# Prepositions that introduce what a stance is about ("concern over", "hope for").
TOPIC_PREPS = frozenset(
    {"over", "about", "regarding", "concerning", "on", "at", "for", "toward", "towards", "with"}
)


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


@functools.cache
def load_lexicon(name: str) -> dict[str, Any]:
    """A YAML lexicon from `lexicons/`, parsed once per process."""
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
    with_addressee: frozenset[str]
    background_marks: frozenset[str]
    separate_act_preps: frozenset[str]
    quote_verbs: frozenset[str]
    pledge_modals: frozenset[str]
    light_verbs: frozenset[str]
    adjectives: dict[str, str]
    adjective_needs_complement: dict[str, frozenset[str]]
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
        with_addressee=frozenset(raw["with_addressee"]),
        background_marks=frozenset(raw["background_marks"]),
        separate_act_preps=frozenset(raw["separate_act_preps"]),
        quote_verbs=frozenset(raw["quote_verbs"]),
        pledge_modals=frozenset(raw["pledge_modals"]),
        light_verbs=frozenset(raw["light_verbs"]),
        adjectives=_invert(raw["adjectives"]),
        adjective_needs_complement={a: frozenset(c) for a, c in raw["adjective_needs_complement"].items()},
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
    agreed = _agreement_tokens(sent)
    hits = [
        hit
        for tok in sent
        if (hit := _match(tok, lex)) is not None
        and not agreed.intersection(t.i for t in hit.cue)
        and not _is_background(hit.anchor)
    ]
    hits = _drop_nested(hits)
    cues: list[StanceCue] = []
    seen: set[tuple[str, int]] = set()
    for hit in hits:
        subject = _owner_span(hit.owner) if hit.owner is not None else _reported_subject(hit.anchor)
        if subject is None or not is_agent(subject):
            continue  # no holder ("Thank you.", "Syria was welcomed back"): nothing to attribute
        key = (hit.stance, subject.root.i)
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


def _reported_subject(anchor: Token) -> Span | None:
    """The anchor's subject; for a pronoun in a reported clause, the reporter it stands for
    ("Wang Yi stressed that he hopes ..." is Wang Yi's hope)."""
    subject = subject_of(anchor)
    if subject is None or len(subject) != 1 or subject[0].lower_ not in ("he", "she"):
        return subject
    clause = anchor
    while clause.dep_ in ("conj", "xcomp") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp":
        return subject
    reporter = subject_of(clause.head)
    if reporter is not None and reporter.root.pos_ == "PROPN":
        return reporter
    return subject


def _agreement_tokens(sent: Span) -> set[int]:
    """Words already read as an agreement cue: a joint commitment is not also a stance."""
    from parley.extract.agreement_cues import find_agreements  # imports this module's helpers

    return {t.i for cue in find_agreements(sent) for t in cue.cue}


def _is_background(tok: Token) -> bool:
    """Past-perfect or causal/temporal-clause stances ("after Duque had refused to ...",
    "having rejected ...") tell the history behind a meeting, not a stance taken at it."""
    if any(c.dep_ == "aux" and c.lower_ in ("had", "having") for c in tok.children):
        return True
    node = tok
    while node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
        node = node.head
    return node.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _lexicon().background_marks for c in node.children
    )


def _match(tok: Token, lex: _StanceLexicon) -> _Hit | None:
    """The stance `tok` is a cue for, if any, with the words it needs around it."""
    if is_negated(tok):
        return None
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        return _match_verb(tok, lex)
    if tok.pos_ in ("NOUN", "PROPN") and lemma(tok) in lex.nouns:
        return _match_noun(tok, lex)
    if tok.lower_ in lex.adjectives:
        return _match_adjective(tok, lex)
    return None


def _match_verb(tok: Token, lex: _StanceLexicon) -> _Hit | None:
    word = lemma(tok)
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if any(lemma(o) in lex.nouns for o in objects) and word in lex.light_verbs:
        return None  # "reiterated his support": the noun is the cue
    clause = _clause_child(tok)
    if word in lex.phrasal:
        stance, particles = lex.phrasal[word]
        part = _particle(tok, particles)
        if part is not None:
            return _Hit(stance, (tok, part), tok, _particle_object(part) or clause)
    if word in lex.verdict_verbs:
        verdict = _verdict(tok, lex)
        if verdict is not None:
            return _Hit(verdict, (tok,), tok, first_of(objects))
    if word in lex.solo_commitment:
        subject = subject_of(tok)
        if subject is not None and not is_joint(subject):
            return _Hit("statement", (tok,), tok, clause or prep_object(tok))
        return None
    if word in lex.verbs:
        return _Hit(lex.verbs[word], (tok,), tok, clause or first_of(objects) or prep_object(tok))
    if word in lex.quote_verbs and clause is not None and _is_pledge(clause, lex):
        return _Hit("statement", (tok,), tok, clause)
    if word in lex.with_clause and clause is not None:
        if word == "point" and not any(c.lower_ == "out" for c in tok.children):
            return None
        if word in lex.with_addressee and not (objects or clause.dep_ == "ccomp"):
            return None  # "pushed Tokyo to ..." is a demand, "will push to resolve ..." is not
        return _Hit(lex.with_clause[word], (tok,), tok, clause)
    if word in lex.with_object:
        stance, nouns = lex.with_object[word]
        for obj in objects:
            if lemma(obj) in nouns:
                return _Hit(stance, (tok,), tok, obj)
    return None


def _match_noun(tok: Token, lex: _StanceLexicon) -> _Hit | None:
    word = lemma(tok)
    needed = lex.noun_needs_prep.get(word)
    if needed and not any(c.dep_ == "prep" and c.lower_ in needed for c in tok.children):
        return None
    stance = lex.nouns[word]
    head = tok.head
    complement = (
        prep_object(tok) or _clause_child(tok) or first_of(c for c in tok.children if c.dep_ == "acl")
    )
    if tok.dep_ in ("dobj", "nsubjpass") and lemma(head) in lex.light_verbs and not is_negated(head):
        return _Hit(stance, (head, tok), head, complement or prep_object(head, TOPIC_PREPS) or tok)
    owner = first_of(c for c in tok.children if c.dep_ == "poss")
    if owner is not None and word in lex.owned_nouns:
        return _Hit(stance, (owner, tok), tok, complement, owner=owner)
    return None


def _match_adjective(tok: Token, lex: _StanceLexicon) -> _Hit | None:
    copular = tok.dep_ == "acomp" or any(c.dep_ == "auxpass" for c in tok.children)
    if not copular:
        return None
    complement = _clause_child(tok) or prep_object(tok)
    allowed = lex.adjective_needs_complement.get(tok.lower_)
    if allowed is not None:
        clause_ok = "clause" in allowed and _clause_child(tok) is not None
        preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in allowed]
        if not clause_ok and not preps:
            return None
    anchor = tok.head if tok.dep_ == "acomp" else tok
    return _Hit(lex.adjectives[tok.lower_], (tok,), anchor, complement)


def _is_pledge(clause: Token, lex: _StanceLexicon) -> bool:
    """A quoted first-person commitment or obligation ("“We will make efforts to ...,” he said"):
    a position in the speaker's words, unlike a quoted account of what happened."""
    subject = first_of(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass"))
    modal = any(c.dep_ == "aux" and c.lower_ in lex.pledge_modals for c in clause.children)
    return subject is not None and subject.lower_ in ("we", "i") and modal


def _particle(verb: Token, particles: frozenset[str]) -> Token | None:
    """The particle of a phrasal cue ("called for", "looked forward"): a child after the verb,
    or the next word when the parser hung it elsewhere ("called for their ... to be hosted")."""
    for child in verb.rights:
        if child.dep_ in ("prep", "prt", "advmod") and child.lower_ in particles:
            return child
    doc = verb.doc
    nxt = verb.i + 1
    while nxt < len(doc) and doc[nxt].pos_ == "ADV" and doc[nxt].lower_ not in particles:
        nxt += 1
    if nxt < len(doc) and doc[nxt].lower_ in particles and doc[nxt].dep_ in ("mark", "prep", "prt", "advmod"):
        return doc[nxt]
    return None


def _particle_object(part: Token) -> Token | None:
    if part.dep_ == "mark":  # "for X to be done": X is the subject of the clause
        clause = part.head
        return first_of(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")) or clause
    return _complement(part)


def _verdict(tok: Token, lex: _StanceLexicon) -> str | None:
    """'called the talks "successful"': the stance an evaluative complement gives
    (the parser often hangs the adjective on the object: "the meeting successful")."""
    for child in tok.children:
        if child.dep_ in ("oprd", "ccomp", "xcomp", "acomp") and child.lower_ in lex.evaluative:
            return lex.evaluative[child.lower_]
        if child.dep_ == "dobj":
            for mod in child.rights:
                if mod.dep_ == "amod" and mod.lower_ in lex.evaluative:
                    return lex.evaluative[mod.lower_]
    return None


def _drop_nested(hits: list[_Hit]) -> list[_Hit]:
    """Keep one reading where a cue sits inside another cue's complement.

    A finite clause with its own subject inside a reporting verb carries the stance
    ("stressed that he hopes ..." is a hope, not a statement); an infinitive or noun
    phrase inside a cue is only its content ("highlighted the commitment to support ...").
    An infinitive or a statement participle hanging from another cue ("called for a fund to
    support ...", "urged ..., noting that") adds nothing.
    """
    dropped: set[int] = set()
    for i, inner in enumerate(hits):
        for j, outer in enumerate(hits):
            if i == j or inner.anchor.i == outer.anchor.i:
                continue
            if outer.complement is not None and _inside(inner.anchor, outer.complement):
                if _own_subject(inner.anchor):
                    if outer.stance == "statement":
                        dropped.add(j)
                else:
                    dropped.add(i)
            elif (
                inner.anchor.head.i == outer.anchor.i
                and _infinitive(inner.anchor)
                and not _own_subject(inner.anchor)
            ):
                dropped.add(i)  # "called for a fund to support ...": the purpose is the demand's content
            elif (
                inner.stance == "statement"
                and inner.anchor.tag_ == "VBG"
                and inner.anchor.dep_ == "advcl"
                and inner.anchor.head.i == outer.anchor.i
            ):
                dropped.add(i)
    return [h for k, h in enumerate(hits) if k not in dropped]


def _inside(tok: Token, root: Token) -> bool:
    """True if `tok` is part of the phrase `root` heads, not in a separate act hung on it by a
    time preposition ("... before strongly urging the ROK side")."""
    node = tok
    while True:
        if node.i == root.i:
            return True
        if node.dep_ == "pcomp" and node.head.lower_ in _lexicon().separate_act_preps:
            return False
        if node.head.i == node.i:
            return False
        node = node.head


def _own_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


# --- target and topic -------------------------------------------------------------------


def _target(hit: _Hit) -> Span | None:
    """Whom the stance is aimed at: an addressee object, else the subject of its clause,
    else the content phrase when it names a country or people."""
    anchor = hit.anchor
    for child in anchor.children:
        if (
            child.dep_ in ("dobj", "dative")
            and lemma(child) not in _lexicon().nouns
            and _is_agent_token(child)
        ):
            return phrase_of(child)
        if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
            obj = first_of(c for c in child.children if c.dep_ == "pobj")
            if obj is not None and _is_agent_token(obj):
                return phrase_of(obj)
    comp = hit.complement
    if comp is None:
        return None
    if comp.pos_ in ("VERB", "AUX"):
        subj = first_of(c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass"))
        if subj is not None and _is_agent_token(subj):
            return phrase_of(subj)
    phrase = phrase_of(comp)
    if any(ent.label_ in ("GPE", "NORP") and not _pairs_countries(ent) for ent in phrase.ents):
        return phrase
    return None


def _pairs_countries(ent: Span) -> bool:
    """ "Japan-ROK relations", "U.S.-Pakistan cooperation": a relationship, not a side aimed at."""
    doc = ent.doc
    before = ent.start >= 2 and doc[ent.start - 1].text in ("-", "–") and doc[ent.start - 2].pos_ == "PROPN"
    after = ent.end + 1 < len(doc) and doc[ent.end].text in ("-", "–") and doc[ent.end + 1].pos_ == "PROPN"
    return bool(before or after or "-" in ent.text)


def _topic(hit: _Hit) -> str | None:
    if hit.complement is None:
        return None
    words = [t.text for t in phrase_of(hit.complement) if not t.is_punct or t.text in ("-", "'s")]
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
        agent = first_of(c for c in node.children if c.dep_ == "agent")
        if agent is not None:
            obj = first_of(c for c in agent.children if c.dep_ == "pobj")
            return phrase_of(obj, trim_clause=True) if obj is not None else None
        subj = first_of(c for c in node.children if c.dep_ in ("nsubj", "csubj"))
        if subj is not None and _misparsed_purpose(node):
            node = node.head.head  # "met with X to affirm": X is not who affirms
            continue
        if subj is not None and node.i != tok.i and tok.tag_ == "VBG" and not _is_agent_token(subj):
            subj = None  # a participle's subject is an actor; the parser hung it on the wrong clause
            if node.dep_ in SHARED_SUBJECT_DEPS:
                node = node.head
                continue
        if subj is not None:
            if subj.lower_ in ("which", "that") and node.dep_ == "relcl":
                return phrase_of(node.head, trim_clause=True)
            if subj.lower_ == "who" and node.dep_ == "relcl":
                return phrase_of(node.head, trim_clause=True)
            return _subjects_span(node)
        if any(c.dep_ == "nsubjpass" for c in node.children):
            return None
        if (
            node.dep_ in ("acl", "relcl")
            and node.head.pos_ in ("NOUN", "PROPN", "PRON")
            and not _infinitive(node)
        ):
            if _is_agent_token(node.head):
                return phrase_of(node.head, trim_clause=True)
            node = node.head
            continue
        if node.dep_ in ("pobj", "prep", "dobj", "attr", "appos", "npadvmod") and node.head.i != node.i:
            node = node.head
            continue
        if node.dep_ in SHARED_SUBJECT_DEPS and node.head.i != node.i:
            node = node.head
            continue
        return None
    return None


def stance_nouns() -> frozenset[str]:
    """Nouns that name a stance ("support", "concern"): their object is a stance, not an agreement."""
    return frozenset(_lexicon().nouns)


def _infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _misparsed_purpose(tok: Token) -> bool:
    """ "met with X to affirm ...": the parser makes X the subject of a purpose infinitive
    hung on "with"; only "for X to ..." really gives an infinitive its own subject."""
    return tok.dep_ == "pcomp" and _infinitive(tok) and tok.head.lower_ != "for"


def _subjects_span(verb: Token) -> Span:
    """All of a verb's subjects: the parser sometimes gives "Hayashi and Blinken" two nsubj."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    return verb.doc[subjects[0].left_edge.i : subjects[-1].right_edge.i + 1]


def is_agent(span: Span) -> bool:
    """Whether `span` can name someone who holds a stance: a person, a country, an
    organisation, a pronoun, or an office ("The Secretary", "the two sides")."""
    root = span.root
    if _is_agent_token(root) or root.pos_ == "PROPN":
        return True
    return any(ent.label_ in AGENT_ENTS for ent in span.ents)


def _is_agent_token(tok: Token) -> bool:
    if tok.ent_type_ in AGENT_ENTS:
        return True
    agents = _lexicon().agent_nouns
    if lemma(tok) in agents or tok.lower_ in agents:
        return True
    return tok.pos_ == "PRON" and tok.lower_ in agents


def is_joint(span: Span) -> bool:
    """Whether `span` names more than one side: "Japan and China", "the two sides", "both", "they"."""
    root = span.root
    if any(t.dep_ == "conj" for t in span) or any(t.lower_ in ("both", "two", "together") for t in span):
        return True
    if root.lower_ in ("they", "we", "both", "duo", "pair"):
        return True
    return root.tag_ in ("NNS", "NNPS")


def lemma(tok: Token) -> str:
    """The token's lemma, lower case, with the model's known slips corrected ("hopes" -> "hop")."""
    return _lemma_fixes().get(tok.lower_, tok.lemma_.lower())


@functools.cache
def _lemma_fixes() -> dict[str, str]:
    return load_lexicon("stances")["lemma_fixes"]


def is_negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _clause_child(tok: Token) -> Token | None:
    return first_of(c for c in tok.children if c.dep_ in CLAUSE_DEPS)


def prep_object(tok: Token, preps: frozenset[str] | None = None) -> Token | None:
    """The object of `tok`'s first preposition (of one of `preps`, when given)."""
    for prep in (c for c in tok.children if c.dep_ == "prep" and (preps is None or c.lower_ in preps)):
        obj = _complement(prep)
        if obj is not None:
            return obj
    return None


def _complement(prep: Token) -> Token | None:
    return first_of(c for c in prep.children if c.dep_ in ("pobj", "pcomp"))


def first_of(items: Any) -> Any:
    return next(iter(items), None)


def phrase_of(tok: Token, trim_clause: bool = False) -> Span:
    """The words `tok` heads; with trim_clause, without a trailing clause or apposition."""
    doc = tok.doc
    if not trim_clause:
        return doc[tok.left_edge.i : tok.right_edge.i + 1]
    end = tok.i
    for child in tok.rights:
        if child.dep_ in ("acl", "relcl", "appos", "punct", "advcl"):
            break
        if child.dep_ == "prep" and child.lower_ != "of":
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
