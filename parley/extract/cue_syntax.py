"""Grammar questions that both cue finders ask of the dependency parse.

Who is the subject of a verb, whether it names both sides, what phrase a word heads:
`stance_cues` and `agreement_cues` share these so that a stance and an agreement read
the same sentence the same way. Lexical knowledge (which nouns name an agent, the
lemmatiser's known slips) comes from `lexicons/stances.yaml`.
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

from spacy.attrs import DEP, HEAD, LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from parley.extract.entities import ents_in
from parley.extract.lexicons import load_lexicon

AGENT_ENTS = {"PERSON", "GPE", "NORP", "ORG"}
CLAUSE_DEPS = {"ccomp", "xcomp"}
# Dependencies through which a verb inherits the subject of the verb it hangs from.
SHARED_SUBJECT_DEPS = {"conj", "xcomp", "advcl", "pcomp", "ccomp"}
# Heads of a noun-phrase subject that name no one ("trade", "volumes", "the talks"):
# a subject is accepted as a possible holder unless it is one of these kinds of word.
_NON_AGENT_POS = {"NUM", "ADJ", "ADV", "DET", "ADP", "CCONJ", "SCONJ", "PART", "PUNCT", "SYM", "X"}


@functools.cache
def _stance_lexicon() -> dict[str, Any]:
    return load_lexicon("stances")


@functools.cache
def agent_nouns() -> frozenset[str]:
    return frozenset(_stance_lexicon()["agent_nouns"])


@functools.cache
def non_agent_nouns() -> frozenset[str]:
    """Common nouns that are never a side speaking ("trade", "talks"), however they are parsed."""
    return frozenset(_stance_lexicon()["non_agent_nouns"])


@functools.cache
def stance_nouns() -> frozenset[str]:
    """Nouns that name a stance ("support", "concern"): their object is a stance, not an agreement."""
    return frozenset(word for words in _stance_lexicon()["nouns"].values() for word in words)


def lemma(tok: Token) -> str:
    """The token's lemma, lower case, with the model's known slips corrected ("hopes" -> "hop")."""
    return _lemma_fixes().get(tok.lower_, tok.lemma_.lower())


@functools.cache
def _lemma_fixes() -> dict[str, str]:
    return _stance_lexicon()["lemma_fixes"]


@functools.cache
def _lemma_fixes_by_id() -> dict[int, str]:
    return {get_string_id(lower): fixed for lower, fixed in _lemma_fixes().items()}


class Columns(NamedTuple):
    """A Doc's words as plain lists, read once per Doc (`columns`).

    The cue finders test a sentence's words against their lexicons here and build Token objects
    only for the few that can be a cue: asking every Token of every sentence for its tags and
    lemma was most of their time."""

    lemma: list[str]  # `lemma(tok)` of each token
    lower: list[int]  # the string id of `tok.lower_`
    dep: list[int]  # the string id of `tok.dep_`
    head: list[int]  # `tok.head.i`


_COLUMNS = "parley_cue_columns"  # in Doc.user_data: the lists of `Columns`, plain values that serialise


def columns(doc: Doc) -> Columns:
    """`doc`'s `Columns`, computed on the first call and kept in `doc.user_data`."""
    cached = doc.user_data.get(_COLUMNS)
    if cached is None:
        array = doc.to_array([LOWER, LEMMA, DEP, HEAD])
        lower, lemma_ids, dep = array[:, :3].T.tolist()
        offsets = array[:, 3].astype("int64").tolist()  # each head as an offset, stored unsigned
        heads = [i + offset for i, offset in enumerate(offsets)]
        fixes, strings = _lemma_fixes_by_id(), doc.vocab.strings
        lemmas = [
            strings[lem].lower() if (fixed := fixes.get(low)) is None else fixed
            for low, lem in zip(lower, lemma_ids, strict=True)
        ]
        cached = doc.user_data[_COLUMNS] = (lemmas, lower, dep, heads)
    return Columns(*cached)


# The dash that ends a wire dateline ("SEOUL, March 12 (Wire) -- ...").
DATELINE_DASHES = frozenset({"--", "—", "–"})


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
            node = node.head if node.dep_ == "advcl" else node.head.head  # "met with X to affirm"
            continue
        if subj is not None and node.i != tok.i and tok.tag_ == "VBG" and not is_agent_token(subj):
            subj = None  # a participle's subject is an actor; the parser hung it on the wrong clause
            if node.dep_ in SHARED_SUBJECT_DEPS:
                node = node.head
                continue
        if subj is not None:
            if subj.lower_ in ("which", "that", "who") and node.dep_ == "relcl":
                return phrase_of(node.head, trim_clause=True)
            return _subjects_span(node)
        if any(c.dep_ == "nsubjpass" for c in node.children):
            return None
        if (
            node.dep_ in ("acl", "relcl")
            and node.head.pos_ in ("NOUN", "PROPN", "PRON")
            and not infinitive(node)
        ):
            if is_agent_token(node.head):
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


def infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _misparsed_purpose(tok: Token) -> bool:
    """ "met with X to affirm ...": the parser makes X the subject of a purpose infinitive
    hung on "with"; only "for X to ..." really gives an infinitive its own subject."""
    if not infinitive(tok):
        return False
    if tok.dep_ == "advcl":  # "with" read as the infinitive's own conjunction: "with X to affirm"
        return any(c.dep_ == "mark" and c.lower_ == "with" for c in tok.children)
    return tok.dep_ == "pcomp" and tok.head.lower_ != "for"


def _subjects_span(verb: Token) -> Span:
    """All of a verb's subjects: the parser sometimes gives "Lund and Okafor" two nsubj."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    start, end = subjects[0].left_edge.i, subjects[-1].right_edge.i + 1
    if subjects[-1].i < verb.i < end:
        end = verb.i  # "The parties confirmed ..., the SCO and ...": a list misparsed onto the subject
    for dash in [t for t in verb.doc[start:end] if t.text in DATELINE_DASHES and t.i + 1 < end]:
        if _ends_dateline(dash):
            start = dash.i + 1  # "CITY, May 14 (Wire) -- Foreign ministers ...": not the dateline
    return verb.doc[start:end]


def _ends_dateline(dash: Token) -> bool:
    """A dash shortly after a place in capitals and a comma ("SEOUL, March 12 —")."""
    doc = dash.doc
    return any(
        doc[i].is_upper and doc[i].is_alpha and len(doc[i]) > 1 and doc[i + 1].text == ","
        for i in range(max(0, dash.i - 10), dash.i - 1)
    )


def is_agent(span: Span) -> bool:
    """Whether `span` could name someone who holds a stance. Any noun phrase may ("Mendes",
    "the Bangladeshi side", "Ministers"): the holder resolver decides whose side it is.
    Only phrases headed by a non-noun or by a word that never speaks ("trade") are out."""
    root = span.root
    if is_agent_token(root) or root.pos_ == "PROPN" or any(ent.label_ in AGENT_ENTS for ent in ents_in(span)):
        return True
    if root.pos_ in _NON_AGENT_POS or root.dep_ == "expl":
        return False
    return root.pos_ in ("NOUN", "PRON") and lemma(root) not in non_agent_nouns()


def is_agent_token(tok: Token) -> bool:
    if tok.ent_type_ in AGENT_ENTS:
        return True
    agents = agent_nouns()
    if lemma(tok) in agents or tok.lower_ in agents:
        return True
    return tok.pos_ == "PRON" and tok.lower_ in agents


def is_joint(span: Span) -> bool:
    """Whether `span` names more than one side: "Japan and China", "the two sides", "both", "they"."""
    root = span.root
    if any(coordinates(t, [root]) for t in span) or any(
        t.lower_ in ("both", "two", "together") for t in span
    ):
        return True
    if root.lower_ in ("they", "we", "both", "duo", "pair"):
        return True
    return root.tag_ in ("NNS", "NNPS")


def coordinates(token: Token, heads: list[Token]) -> bool:
    """ "Ito and Mendes": a second head beside one of `heads` (or beside its apposition), not a
    word coordinated inside a title ("the Minister of International Relations and Cooperation")."""
    head = token.head
    return token.dep_ == "conj" and (head in heads or (head.dep_ == "appos" and head.head in heads))


def is_negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def clause_child(tok: Token) -> Token | None:
    return first_of(c for c in tok.children if c.dep_ in CLAUSE_DEPS)


def own_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def prep_object(tok: Token, preps: frozenset[str] | None = None) -> Token | None:
    """The object of `tok`'s first preposition (of one of `preps`, when given)."""
    for prep in (c for c in tok.children if c.dep_ == "prep" and (preps is None or c.lower_ in preps)):
        obj = complement(prep)
        if obj is not None:
            return obj
    return None


def complement(prep: Token) -> Token | None:
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


def covering_span(tokens: tuple[Token, ...]) -> Span:
    doc = tokens[0].doc
    return doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]


_ONSET_VERBS = frozenset({"begin", "start", "erupt", "flare", "escalate", "break"})


def is_backstory(tok: Token, marks: frozenset[str]) -> bool:
    """An act in the past perfect ("had refused", "having rejected") or in a clause opened by one
    of `marks` ("after ...", "when ..."): the history behind a meeting, not what it did."""
    if any(c.dep_ == "aux" and c.lower_ in ("had", "having") for c in tok.children):
        return True
    node = tok
    while node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
        node = node.head
    if node.dep_ != "advcl":
        return False
    opener = {c.lower_ for c in node.children if c.dep_ in ("mark", "advmod")}
    if opener & marks:
        return True
    # "the dispute began last year when X accused Y": how a quarrel started, not the talks
    return "when" in opener and lemma(node.head) in _ONSET_VERBS
