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
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from parley.extract.agreement_cues import AgreementCue, find_agreements
from parley.extract.cue_syntax import (
    clause_child,
    columns,
    complement,
    covering_span,
    first_of,
    infinitive,
    is_agent,
    is_agent_token,
    is_backstory,
    is_joint,
    is_negated,
    lemma,
    own_subject,
    phrase_of,
    prep_object,
    subject_of,
)
from parley.extract.entities import ents_in
from parley.extract.lexicons import load_lexicon
from parley.extract.provenance import rule_id

log = logging.getLogger(__name__)

STANCES = ("concern", "criticism", "opposition", "demand", "support", "hope", "proposal", "statement")
TOPIC_WORDS = 12
QUOTE_MARKS = frozenset({'"', "“", "‘", "``"})
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
    reported: bool = False  # only a speaker's reported view: theirs if they took part
    impersonal: bool = False  # "it was stressed that", "X was underscored": every side's
    rule_id: str = field(kw_only=True)  # `stance/<lexicon section or pattern>:<cue word>`


@dataclass(frozen=True)
class _Hit:
    """A cue before its holder is resolved: `anchor` is the word whose clause holds the subject."""

    stance: str
    cue: tuple[Token, ...]
    anchor: Token
    complement: Token | None
    owner: Token | None = None  # an explicit possessor holder ("my request")
    reported: bool = False
    rule: str = field(kw_only=True)  # the rule id (see `parley.extract.provenance`)


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
    own_staff: frozenset[str]
    hosting_verbs: frozenset[str]
    background_marks: frozenset[str]
    separate_act_preps: frozenset[str]
    quote_verbs: frozenset[str]
    account_verbs: frozenset[str]
    pledge_modals: frozenset[str]
    light_verbs: frozenset[str]
    assuring_verbs: frozenset[str]
    joint_noting: frozenset[str]
    courtesy_verbs: frozenset[str]
    courtesy_nouns: frozenset[str]
    adjectives: dict[str, str]
    adjective_needs_complement: dict[str, frozenset[str]]
    verdict_verbs: frozenset[str]
    evaluative: dict[str, str]
    solo_commitment: frozenset[str]
    deed_with_object: frozenset[str]
    propose_acts_only: frozenset[str]
    impersonal_subjects: frozenset[str]
    readiness: frozenset[str]
    offer_verbs: frozenset[str]
    feeling_verbs: frozenset[str]
    feelings: dict[str, str]
    circumstance_preps: frozenset[str]


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
        own_staff=frozenset(raw["own_staff"]),
        hosting_verbs=frozenset(raw["hosting_verbs"]),
        background_marks=frozenset(raw["background_marks"]),
        separate_act_preps=frozenset(raw["separate_act_preps"]),
        quote_verbs=frozenset(raw["quote_verbs"]),
        account_verbs=frozenset(raw["account_verbs"]),
        pledge_modals=frozenset(raw["pledge_modals"]),
        light_verbs=frozenset(raw["light_verbs"]),
        assuring_verbs=frozenset(raw["assuring_verbs"]),
        joint_noting=frozenset(raw["joint_noting"]),
        courtesy_verbs=frozenset(raw["courtesy_verbs"]),
        courtesy_nouns=frozenset(raw["courtesy_nouns"]),
        adjectives=_invert(raw["adjectives"]),
        adjective_needs_complement={a: frozenset(c) for a, c in raw["adjective_needs_complement"].items()},
        verdict_verbs=frozenset(raw["verdict_verbs"]),
        evaluative=_invert(raw["evaluative"]),
        solo_commitment=frozenset(raw["solo_commitment"]),
        deed_with_object=frozenset(raw["deed_with_object"]),
        propose_acts_only=frozenset(raw["propose_acts_only"]),
        impersonal_subjects=frozenset(raw["impersonal_subjects"]),
        readiness=frozenset(raw["readiness_adjectives"]),
        offer_verbs=frozenset(raw["offer_verbs"]),
        feeling_verbs=frozenset(raw["with_feeling"]["verbs"]),
        feelings=_invert(raw["with_feeling"]["nouns"]),
        circumstance_preps=frozenset(raw["circumstance_preps"]),
    )


def find_stances(sent: Span, agreements: Sequence[AgreementCue] | None = None) -> list[StanceCue]:
    """Every stance `sent` expresses, one cue per stance and holder; never raises.

    Words that are already an agreement cue are not also a stance (a joint commitment is
    not a position); pass the sentence's `agreements` when they are known, so that the
    sentence is analysed once."""
    try:
        if agreements is None:
            agreements = find_agreements(sent)
        return _find_stances(sent, {t.i for cue in agreements for t in cue.cue})
    except Exception:  # a bad parse must not stop an article's extraction
        log.exception("stance cue detection failed on %r", sent.text[:80])
        return []


@functools.cache
def _cue_words() -> tuple[frozenset[str], frozenset[int]]:
    """The lemmas, and the string ids of the lower-case forms, that `_match` can take as a cue."""
    lex = _lexicon()
    verbs = (
        lex.feeling_verbs,
        lex.phrasal,
        lex.verdict_verbs,
        lex.solo_commitment,
        lex.verbs,
        lex.quote_verbs,
        lex.with_clause,
        lex.with_object,
    )
    lemmas = frozenset(lex.nouns).union(*verbs)
    return lemmas, frozenset(get_string_id(word) for word in (*lex.readiness, *lex.adjectives))


def _candidates(sent: Span, lemmas: frozenset[str], lowers: frozenset[int]) -> list[Token]:
    """The words of `sent` whose lemma is one of `lemmas` or whose lower-case form has one of the string
    ids `lowers`, in order: read from the Doc's columns, without building a Token for the others."""
    doc, cols = sent.doc, columns(sent.doc)
    return [doc[i] for i in range(sent.start, sent.end) if cols.lemma[i] in lemmas or cols.lower[i] in lowers]


def _find_stances(sent: Span, agreed: set[int]) -> list[StanceCue]:
    lex = _lexicon()
    hits = [
        hit
        for tok in _candidates(sent, *_cue_words())  # `_match` finds no cue in the other words
        if (hit := _match(tok, lex)) is not None
        and not agreed.intersection(t.i for t in hit.cue)
        and not _agreed_content(hit.anchor, agreed)
        and not _is_background(hit.anchor)
    ]
    hits = _drop_nested(hits) or _reported_views(sent, lex)
    cues: list[StanceCue] = []
    seen: set[tuple[str, int]] = set()
    for hit in hits:
        subject = _owner_span(hit.owner) if hit.owner is not None else _reported_subject(hit.anchor)
        impersonal = (subject is None or not is_agent(subject)) and _impersonal(hit.anchor)
        impersonal = impersonal or _shared_noun(hit)  # "met X to affirm the shared desire for ..."
        if impersonal:
            subject = None
        elif subject is None or not is_agent(subject):
            continue  # no holder ("Thank you.", "Syria was welcomed back"): nothing to attribute
        key = (hit.stance, subject.root.i if subject is not None else -1)
        if key in seen:
            continue
        seen.add(key)
        cue_span = covering_span(hit.cue)
        cues.append(
            StanceCue(
                stance=hit.stance,
                cue=cue_span,
                subject=subject,
                target=_target(hit),
                topic=_topic(hit),
                reported=hit.reported,
                impersonal=impersonal,
                rule_id=hit.rule,
            )
        )
    return cues


def _shared_noun(hit: _Hit) -> bool:
    """A stance noun that is "shared", "common" or "mutual" is every side's, whoever voices it."""
    return any(
        c.dep_ == "amod" and c.lower_ in ("shared", "common", "mutual") for t in hit.cue for c in t.children
    )


def _impersonal(anchor: Token) -> bool:
    """ "It was stressed that ...", "the importance of X was underscored": a passive with no
    agent and no one as its subject, the voice of the meeting in a readout."""
    children = list(anchor.children)
    if anchor.pos_ != "VERB" or any(c.dep_ == "agent" for c in children):
        return False
    subjects = [c for c in children if c.dep_ == "nsubjpass"]
    return bool(subjects) and all(
        c.lower_ == "it" or lemma(c) in _lexicon().impersonal_subjects for c in subjects
    )


def _reported_subject(anchor: Token) -> Span | None:
    """The anchor's subject; for a pronoun in a reported clause, the reporter it stands for
    ("the envoy stressed that she hopes ..." is the envoy's hope)."""
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


def _agreed_content(tok: Token, agreed: set[int]) -> bool:
    """ "The ministers agreed to propose ...": a cue inside what the sides agreed is part of the
    agreement; one coordinated with the agreement verb ("agreed ... and welcomed") is not."""
    node = tok
    while node.dep_ != "ROOT" and node.head.i != node.i:
        if node.head.i in agreed and node.dep_ in ("ccomp", "acl"):
            return True  # "agreed that they would work together to urge X", "shared the view that": agreed
        if own_subject(node):
            return False  # a clause of its own ("..., about which they shared concerns")
        if node.head.i in agreed:
            return node.dep_ != "conj"
        node = node.head
    return False


def _is_background(tok: Token) -> bool:
    """Past-perfect or causal/temporal-clause stances ("after Duque had refused to ...",
    "having rejected ...") tell the history behind a meeting, not a stance taken at it."""
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return True  # "the truce called for by the UN": a description of the thing, not a stance
    return is_backstory(tok, _lexicon().background_marks)


def _match(tok: Token, lex: _StanceLexicon) -> _Hit | None:
    """The stance `tok` is a cue for, if any, with the words it needs around it."""
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        if is_negated(tok):
            return None
        hit = _match_verb(tok, lex)
        return None if hit is not None and hit.stance == "demand" and _asks_own_staff(tok, lex) else hit
    if tok.pos_ in ("NOUN", "PROPN") and lemma(tok) in lex.nouns:
        return None if is_negated(tok) else _match_noun(tok, lex)
    if tok.lower_ in lex.readiness:
        return None if is_negated(tok) else _match_readiness(tok, lex)
    if tok.lower_ in lex.adjectives:
        return None if is_negated(tok) else _match_adjective(tok, lex)
    return None


def _match_verb(tok: Token, lex: _StanceLexicon) -> _Hit | None:
    word = lemma(tok)
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if any(_reciprocal(o) for o in objects):
        return None  # "the two sides have supported each other": an account of ties, not a stance
    if any(lemma(o) in lex.nouns for o in objects) and word in lex.light_verbs:
        return None  # "reiterated his support": the noun is the cue
    if any(lemma(o) in lex.courtesy_nouns for o in objects) and (
        word in lex.courtesy_verbs or word in lex.light_verbs
    ):
        return None  # "offered his congratulations", "conveyed greetings": the noun is the cue, if any
    clause = clause_child(tok)
    if word in lex.feeling_verbs and (feeling := _feeling(tok, lex)) is not None:
        return feeling
    if word in lex.phrasal:
        stance, particles = lex.phrasal[word]
        part = _particle(tok, particles)
        if part is not None and not _courtesy_call(tok, part):
            rule = rule_id("stance/phrasal", f"{word} {part.lower_}")
            return _Hit(stance, (tok, part), tok, _particle_object(part) or clause, rule=rule)
    if word in lex.verdict_verbs:
        verdict = _verdict(tok, lex)
        if verdict is not None:
            rule = rule_id("stance/evaluative", verdict)
            return _Hit(lex.evaluative[verdict], (tok,), tok, first_of(objects), rule=rule)
    if word in lex.solo_commitment:
        subject = subject_of(tok)
        if word in lex.deed_with_object and any(not o.lower_.endswith(("self", "selves")) for o in objects):
            return None  # "committing abuses": a deed, not a pledge
        if subject is not None and not is_joint(subject):
            rule = rule_id("stance/solo_commitment", word)
            return _Hit("statement", (tok,), tok, clause or prep_object(tok), rule=rule)
        return None
    if (
        word in lex.hosting_verbs
        and objects
        and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children)
    ):
        return None  # "welcomed the minister to Berlin": hospitality, not support
    if word in lex.propose_acts_only and clause is not None and _states_a_fact(clause):
        return None  # "suggesting it was a scheme": an inference, not a proposal
    if word in lex.verbs:
        complement = clause or first_of(objects) or prep_object(tok)
        return _Hit(lex.verbs[word], (tok,), tok, complement, rule=rule_id("stance/verbs", word))
    if word in lex.quote_verbs and clause is not None and _is_pledge(clause, lex):
        return _Hit("statement", (tok,), tok, clause, rule=rule_id("stance/pledge", word))
    if word in lex.with_clause and clause is not None:
        if word == "point" and not any(c.lower_ == "out" for c in tok.children):
            return None
        if word in lex.with_addressee and not (objects or clause.dep_ == "ccomp"):
            return None  # "pushed Tokyo to ..." is a demand, "will push to resolve ..." is not
        return _Hit(lex.with_clause[word], (tok,), tok, clause, rule=rule_id("stance/with_clause", word))
    if word in lex.with_object:
        stance, nouns = lex.with_object[word]
        for obj in objects:
            if lemma(obj) in nouns:
                return _Hit(stance, (tok,), tok, obj, rule=rule_id("stance/with_object", word))
        subject = subject_of(tok)
        if objects and word in lex.joint_noting and subject is not None and is_joint(subject):
            return _Hit(stance, (tok,), tok, objects[0], rule=rule_id("stance/joint_noting", word))
    return None


def _states_a_fact(clause: Token) -> bool:
    """A finite indicative clause ("it was", "trade is falling"), not a subjunctive or modal one
    ("that talks be held", "they should meet")."""
    verbs = [clause, *(c for c in clause.children if c.dep_ in ("aux", "auxpass"))]
    if any(v.tag_ == "MD" for v in verbs):
        return False
    return any(v.tag_ in ("VBD", "VBZ") or (v.lemma_ == "be" and v.tag_ != "VB") for v in verbs)


def _asks_own_staff(tok: Token, lex: _StanceLexicon) -> bool:
    """ "asked their defence colleagues to ...": an instruction to the holder's own people."""
    return any(
        c.dep_ == "dobj"
        and lemma(c) in lex.own_staff
        and any(p.dep_ == "poss" and p.lower_ in ("their", "its", "his", "her", "our") for p in c.children)
        for c in tok.children
    )


def _match_noun(tok: Token, lex: _StanceLexicon) -> _Hit | None:
    word = lemma(tok)
    needed = lex.noun_needs_prep.get(word)
    if needed and not any(c.dep_ == "prep" and c.lower_ in needed for c in tok.children):
        return None
    stance = lex.nouns[word]
    head = tok.head
    complement = prep_object(tok) or clause_child(tok) or first_of(c for c in tok.children if c.dep_ == "acl")
    light = lemma(head) in lex.light_verbs or (
        lemma(head) in lex.courtesy_verbs and word in lex.courtesy_nouns
    )
    if tok.dep_ in ("dobj", "nsubjpass") and light and not is_negated(head):
        content = complement or prep_object(head, TOPIC_PREPS) or tok
        rule = rule_id("stance/nouns", f"{lemma(head)} {word}")  # "expressed concern": express_concern
        return _Hit(stance, (head, tok), head, content, rule=rule)
    verb = head.head.head if head.head.dep_ == "dobj" else head.head  # "of" hung on the addressee
    assured = tok.dep_ == "pobj" and head.lower_ == "of" and lemma(verb) in lex.assuring_verbs
    if assured and not is_negated(verb):  # "assured the Prime Minister of the Union's support"
        rule = rule_id("stance/nouns", f"{lemma(verb)} {word}")
        return _Hit(stance, (verb, tok), verb, complement or tok, rule=rule)
    owner = first_of(c for c in tok.children if c.dep_ == "poss")
    circumstance = tok.dep_ == "pobj" and tok.head.lower_ in lex.circumstance_preps
    if owner is not None and word in lex.owned_nouns and not circumstance:
        rule = rule_id("stance/owned_nouns", word)
        return _Hit(stance, (owner, tok), tok, complement, owner=owner, rule=rule)
    return None


def _feeling(tok: Token, lex: _StanceLexicon) -> _Hit | None:
    """ "noted with satisfaction that ...": the feeling after "with" is the stance."""
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ != "with":
            continue
        noun = first_of(c for c in prep.children if c.dep_ == "pobj")
        if noun is not None and lemma(noun) in lex.feelings:
            content = (
                clause_child(tok)
                or clause_child(noun)
                or first_of(c for c in tok.children if c.dep_ == "dobj")
            )
            rule = rule_id("stance/with_feeling", lemma(noun))
            return _Hit(lex.feelings[lemma(noun)], (tok, prep, noun), tok, content, rule=rule)
    return None


def _reciprocal(tok: Token) -> bool:
    return tok.lower_ in ("other", "another") and any(c.lower_ in ("each", "one") for c in tok.children)


def _copular(tok: Token) -> bool:
    """A predicate adjective ("is concerned"), not an attribute ("a concerned look"), and not a
    comparison ("far more worried than Brazil"), which describes a side rather than quoting it."""
    if any(c.dep_ == "prep" and c.lower_ == "than" for c in tok.children):
        return False
    return tok.dep_ == "acomp" or any(c.dep_ == "auxpass" for c in tok.children)


def _match_readiness(tok: Token, lex: _StanceLexicon) -> _Hit | None:
    """ "China is willing to continue providing support to Brazil": readiness to give something
    is an offer (proposal); readiness to do something together is a statement of position."""
    clause = first_of(c for c in tok.children if c.dep_ == "xcomp")
    if not _copular(tok) or clause is None:
        return None
    act = clause
    while lemma(act) in lex.light_verbs | {"continue", "keep"} and (nxt := clause_child(act)) is not None:
        act = nxt
    stance = "proposal" if lemma(act) in lex.offer_verbs else "statement"
    anchor = tok.head if tok.dep_ == "acomp" else tok
    return _Hit(stance, (tok,), anchor, clause, rule=rule_id("stance/readiness_adjectives", tok.lower_))


def _match_adjective(tok: Token, lex: _StanceLexicon) -> _Hit | None:
    if not _copular(tok):
        return None
    complement = clause_child(tok) or prep_object(tok)
    allowed = lex.adjective_needs_complement.get(tok.lower_)
    if allowed is not None:
        clause_ok = "clause" in allowed and clause_child(tok) is not None
        preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in allowed]
        if not clause_ok and not preps:
            return None
    anchor = tok.head if tok.dep_ == "acomp" else tok
    rule = rule_id("stance/adjectives", tok.lower_)
    return _Hit(lex.adjectives[tok.lower_], (tok,), anchor, complement, rule=rule)


def _is_pledge(clause: Token, lex: _StanceLexicon) -> bool:
    """A quoted first-person commitment or obligation ("“We will make efforts to ...,” he said"):
    a position in the speaker's words, unlike a quoted account of what happened."""
    subject = first_of(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass"))
    modal = any(c.dep_ == "aux" and c.lower_ in lex.pledge_modals for c in clause.children)
    return subject is not None and subject.lower_ in ("we", "i") and modal


def _reported_views(sent: Span, lex: _StanceLexicon) -> list[_Hit]:
    """ "Zhou said that China and Brazil are ...", "“Our sectors are integrated,” Sandhu told
    reporters": in a sentence with no other cue, a named speaker's reported view is a
    statement of position, when the speaker took part (the caller checks that). A first-person
    account in the past ("“We made progress,” she said") reports the talks, not a view."""
    hits = []
    for verb in _candidates(sent, lex.quote_verbs, frozenset()):
        clause = clause_child(verb)
        if clause is None or not own_subject(clause):
            continue
        subject = first_of(c for c in verb.children if c.dep_ == "nsubj")
        if subject is None or not _speaker(subject) or is_negated(verb) or _is_background(verb):
            continue
        if not _first_person_account(clause) and lemma(clause) not in lex.account_verbs:
            rule = rule_id("stance/reported_view", lemma(verb))
            hits.append(_Hit("statement", (verb,), verb, clause, reported=True, rule=rule))
    return hits


def _speaker(subject: Token) -> bool:
    """A person speaking: a name (not a country or outlet) or "he"/"she"."""
    if subject.lower_ in ("he", "she"):
        return True
    return subject.pos_ == "PROPN" and subject.ent_type_ not in ("GPE", "NORP", "LOC", "FAC")


def _first_person_account(clause: Token) -> bool:
    """ "“We made progress,” she said", "“The talks went well,” he said": in the past tense, a
    first-person or quoted clause tells what happened (reported speech backshifts the rest)."""
    if clause.tag_ != "VBD":
        return False
    subject = first_of(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass"))
    first_person = subject is not None and subject.lower_ in ("we", "i")
    quoted = any(t.text in QUOTE_MARKS for t in clause.doc[clause.sent.start : clause.i])
    return first_person or quoted


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


def _courtesy_call(verb: Token, part: Token) -> bool:
    """ "The delegation called on the Minister": a visit, unless the addressee is asked to do
    something ("called on Beijing to respect ...")."""
    if part.lower_ not in ("on", "upon"):
        return False
    return not any(t.dep_ in ("xcomp", "acl", "ccomp", "advcl") and infinitive(t) for t in verb.subtree)


def _particle_object(part: Token) -> Token | None:
    if part.dep_ == "mark":  # "for X to be done": X is the subject of the clause
        clause = part.head
        return first_of(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")) or clause
    return complement(part)


def _verdict(tok: Token, lex: _StanceLexicon) -> str | None:
    """'called the talks "successful"': the evaluative complement, whose stance it gives
    (the parser often hangs the adjective on the object: "the meeting successful")."""
    for child in tok.children:
        if child.dep_ in ("oprd", "ccomp", "xcomp", "acomp") and child.lower_ in lex.evaluative:
            return child.lower_
        if child.dep_ == "dobj":
            for mod in child.rights:
                if mod.dep_ == "amod" and mod.lower_ in lex.evaluative:
                    return mod.lower_
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
                if (
                    inner.anchor.dep_ == "conj"
                    and inner.anchor.pos_ == "VERB"
                    and outer.stance == "statement"
                ):
                    continue  # "stressed that X stands with Y and urged Z": a second act, not content
                if own_subject(inner.anchor):
                    if outer.stance == "statement":
                        dropped.add(j)
                else:
                    dropped.add(i)
            elif (
                inner.anchor.head.i == outer.anchor.i
                and infinitive(inner.anchor)
                and not own_subject(inner.anchor)
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
    time preposition ("... before firmly urging the other side")."""
    node = tok
    while True:
        if node.i == root.i:
            return True
        if node.dep_ == "pcomp" and node.head.lower_ in _lexicon().separate_act_preps:
            return False
        if node.head.i == node.i:
            return False
        node = node.head


# --- target and topic -------------------------------------------------------------------


def _target(hit: _Hit) -> Span | None:
    """Whom the stance is aimed at: an addressee object, else the subject of its clause,
    else the content phrase when it names a country or people."""
    anchor = hit.anchor
    for child in anchor.children:
        if (
            child.dep_ in ("dobj", "dative")
            and lemma(child) not in _lexicon().nouns
            and is_agent_token(child)
        ):
            return phrase_of(child)
        if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
            obj = first_of(c for c in child.children if c.dep_ == "pobj")
            if obj is not None and is_agent_token(obj):
                return phrase_of(obj)
    comp = hit.complement
    if comp is None:
        return None
    if comp.pos_ in ("VERB", "AUX"):
        subj = first_of(c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass"))
        if subj is not None and is_agent_token(subj):
            return phrase_of(subj)
    phrase = phrase_of(comp)
    if any(ent.label_ in ("GPE", "NORP") and not _pairs_countries(ent) for ent in ents_in(phrase)):
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


# --- helpers -----------------------------------------------------------------------------


def _owner_span(tok: Token) -> Span:
    return tok.doc[tok.left_edge.i : tok.i + 1] if tok.tag_ != "POS" else tok.doc[tok.i : tok.i + 1]
