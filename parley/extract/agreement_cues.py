"""Sentence-level agreement cues: what the sides agreed, intend, signed or failed to agree on.

Cue words live in `lexicons/agreements.yaml` (GUIDELINES.md "agreements"). The status
follows the annotation conventions: "agreed to/that", a joint commitment or a shared
view of the present is `agreed`; a joint view of the future ("confirmed that they will",
"will continue to", "confirmed their intention") or an aim ("agreed to work toward") is
`intended`; a signed document is `signed`; an explicit failure is `not_reached`.
Coordinated complements ("to maintain X and to pursue Y") are separate agreements.
"""

from __future__ import annotations

import functools
import logging
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from parley.extract.cue_syntax import (
    clause_child,
    columns,
    complement,
    first_of,
    infinitive,
    is_agent_token,
    is_backstory,
    is_joint,
    is_negated,
    lemma,
    own_subject,
    phrase_of,
    prep_object,
    stance_nouns,
    subject_of,
)
from parley.extract.doctext import span_text
from parley.extract.lexicons import load_lexicon
from parley.extract.provenance import rule_id
from parley.extract.sentences import DATELINE

log = logging.getLogger(__name__)

STATUSES = ("agreed", "intended", "signed", "not_reached")
DESCRIPTION_WORDS = 12
# A coordinated complement shorter than this is one compound action ("restore ties and reopen
# embassies"), not two things agreed.
MIN_SPLIT_TOKENS = 4


@dataclass(frozen=True)
class AgreementCue:
    status: str  # agreed|intended|signed|not_reached
    cue: Span
    subject: Span | None  # "the two sides", "both ministers", "Japan and China", "they"
    description: str | None
    timeframe: str | None  # as written, e.g. "in the coming months", else None
    rule_id: str  # `agreement/<lexicon section or pattern>:<cue words>` ("agreement/sign_verbs:sign")


@functools.cache
def _lex() -> dict[str, Any]:
    raw = load_lexicon("agreements")
    return {
        key: frozenset(value) if isinstance(value, list) and key != "failure_phrases" else value
        for key, value in raw.items()
    }


def find_agreements(sent: Span) -> list[AgreementCue]:
    """Every agreement `sent` reports, one per thing agreed; never raises."""
    try:
        return _find_agreements(sent)
    except Exception:  # a bad parse must not stop an article's extraction
        log.exception("agreement cue detection failed on %r", sent.text[:80])
        return []


def _find_agreements(sent: Span) -> list[AgreementCue]:
    cues: list[AgreementCue] = []
    claimed: set[int] = set()
    for tok in _candidates(sent):  # `_match` finds no cue in the other words
        if tok.i in claimed:
            continue
        for cue in _match(tok):
            cues.append(cue)
            claimed.update(t.i for t in cue.cue)
    return cues


@functools.cache
def _cue_lemmas() -> frozenset[str]:
    """The lemmas `_match` reads as cue words; any other word is a cue only as a joint future act."""
    lex = _lex()
    sections = (
        "failure_nouns",
        "disagreement_nouns",
        "failure_verbs",
        "failure_adjectives",
        "agree_verbs",
        "joint_verbs",
        "confirm_verbs",
        "sign_verbs",
        "reach_verbs",
    )
    return frozenset({"remain"}.union(*(lex[section] for section in sections)))


@functools.cache
def _future_ids() -> frozenset[int]:
    return frozenset(get_string_id(word) for word in _lex()["future_words"])


_AUX = get_string_id("aux")
_FUTURE_HEADS = "parley_future_heads"  # in Doc.user_data: the words with a future auxiliary, in order


def _future_heads(doc: Doc) -> list[int]:
    """The words of `doc` with a future auxiliary among their children ("will" of "will reestablish")."""
    heads = doc.user_data.get(_FUTURE_HEADS)
    if heads is None:
        cols, future = columns(doc), _future_ids()
        heads = doc.user_data[_FUTURE_HEADS] = sorted(
            {
                head
                for i, (head, dep, lower) in enumerate(zip(cols.head, cols.dep, cols.lower, strict=True))
                if dep == _AUX and lower in future and head != i
            }
        )
    return heads


def _candidates(sent: Span) -> list[Token]:
    """The words of `sent` that `_match` can take as a cue, in order: a cue word, or a word with a
    future auxiliary ("will reestablish", see `_match_joint_future`). Found on the Doc's columns, so
    that no Token is built for the other words."""
    doc, start, end = sent.doc, sent.start, sent.end
    lemmas, cue_lemmas = columns(doc).lemma, _cue_lemmas()
    heads = _future_heads(doc)
    future = heads[bisect_left(heads, start) : bisect_left(heads, end)]
    return [doc[i] for i in sorted({*(i for i in range(start, end) if lemmas[i] in cue_lemmas), *future})]


def _match(tok: Token) -> Iterator[AgreementCue]:
    lex = _lex()
    if not (
        tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or tok.pos_ == "NOUN" or tok.pos_ == "ADJ"
    ):
        return
    word = lemma(tok)
    if tok.pos_ == "NOUN":
        yield from _match_failure_noun(tok)
        yield from _match_disagreement(tok)
        return
    if word in lex["failure_verbs"] or (tok.pos_ == "ADJ" and word in lex["failure_adjectives"]):
        yield from _match_failure(tok)
        return
    if tok.pos_ == "ADJ" or _has_cue_ancestor(tok):
        return  # "agreed to sign a memorandum": the signing is what was agreed, not a second cue
    if _wished(tok) or word in lex["attempt_verbs"]:
        return  # "the president hopes the two sides will sign ...", "will try to ...": not a settlement
    if word in lex["agree_verbs"]:
        yield from _match_agree(tok)
    elif word in lex["joint_verbs"]:
        yield from _match_joint(tok)
    elif word in lex["confirm_verbs"]:
        yield from _match_confirm(tok)
    elif word in lex["sign_verbs"]:
        yield from _match_sign(tok)
    elif word in lex["reach_verbs"]:
        yield from _match_reach(tok)
    elif word == "remain":
        yield from _match_remain_apart(tok)
    else:
        yield from _match_joint_future(tok)


# --- agreed / intended --------------------------------------------------------------------


def _match_agree(tok: Token) -> Iterator[AgreementCue]:
    if is_backstory(tok, _lex()["background_marks"]):
        return  # "relations soured when Ruritania agreed to ...": history, not the talks' outcome
    if tok.dep_ == "relcl" and tok.head.dep_ == "attr":
        return  # "A and B are allies that have agreed to ...": what they are, not what they agreed here
    if tok.dep_ == "relcl" and lemma(tok.head) in _lex()["documents"]:
        return  # "signed the Declaration, which agreed to ...": the document's content, signed once
    subject = subject_of(tok)
    if is_negated(tok) or _is_failed(tok):
        yield _cue("not_reached", (tok,), subject, _agreed_content(tok), None, "agree_verbs")
        return
    content = _agreed_content(tok)
    if content is None:
        return
    for n, part in enumerate([*_conjuncts(content), *_misattached_infinitives(tok, content)]):
        if n and _follow_up(part):
            continue
        status = "intended" if _is_aim(part) else "agreed"
        yield _cue(status, (tok,), subject, part, part, "agree_verbs")


def _misattached_infinitives(tok: Token, content: Token) -> list[Token]:
    """ "agreed to continue to implement X, maintain Y, and continue Z": bare infinitives after
    the agreed infinitive that the parser hung on "agreed" itself are further things agreed."""
    if not infinitive(content):
        return []
    bare = ("VB", "VBP") if tok.tag_ == "VBD" else ("VB",)  # "agreed ..., maintain": not a present tense
    first = [c for c in tok.children if c.dep_ == "conj" and c.tag_ in bare and c.i > content.i]
    first = [c for c in first if not own_subject(c) and not any(g.dep_ in ("aux", "neg") for g in c.children)]
    return [v for c in first for v in (c, *(g for g in c.children if g.dep_ == "conj" and g.tag_ in bare))]


def _match_joint(tok: Token) -> Iterator[AgreementCue]:
    subject = subject_of(tok)
    together = (subject is not None and is_joint(subject)) or _done_jointly(tok)
    if together and is_negated(tok) and lemma(tok) in _lex()["settling_verbs"]:
        content = _agreed_content(tok) or clause_child(tok)
        yield _cue("not_reached", (tok,), subject, content, None, "joint_verbs")  # "have not decided yet"
        return
    if not together or is_negated(tok):
        return
    content = _agreed_content(tok) or first_of(c for c in tok.children if c.dep_ in ("dobj", "nsubjpass"))
    if content is None:
        return
    for part in _conjuncts(content):
        yield _cue("intended" if _is_aim(part) else "agreed", (tok,), subject, part, part, "joint_verbs")


def _match_confirm(tok: Token) -> Iterator[AgreementCue]:
    """ "confirmed their intention to ...", "shared the view that ...", "confirmed that they will ..." """
    lex = _lex()
    if is_negated(tok):
        return
    subject = subject_of(tok)
    joint = subject is not None and is_joint(subject)
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        noun = lemma(obj)
        clause = first_of(c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl", "xcomp"))
        shared = joint or any(lemma(c) in lex["joint_adjectives"] for c in obj.children)
        if noun in lex["intention_nouns"] and shared:
            content = clause or prep_object(obj) or obj
            for part in _conjuncts(content):
                yield _cue("intended", (tok, obj), subject, part, part, "intention_nouns")
            return
        if noun in lex["view_nouns"] and clause is not None and (shared or lemma(tok) == "share"):
            for part in _conjuncts(clause):
                yield _cue(_status_of_view(part), (tok, obj), subject, part, part, "view_nouns")
            return
    if lemma(tok) not in lex["jointly_confirm_verbs"]:
        return
    obj = first_of(c for c in tok.children if c.dep_ == "dobj")
    mutual = obj is not None and any(c.lower_ == "mutual" for c in obj.children)  # "mutual support"
    if obj is not None and joint and (lemma(obj) not in stance_nouns() or mutual):
        yield _cue(_status_of_view(tok), (tok,), subject, obj, tok, "jointly_confirm_verbs")
        return
    clause = first_of(c for c in tok.children if c.dep_ == "ccomp")
    if clause is None:
        return
    clause_subject = first_of(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass"))
    clause_joint = clause_subject is not None and is_joint(phrase_of(clause_subject))
    if joint or clause_joint:
        for part in _conjuncts(clause):
            yield _cue(_status_of_view(part), (tok,), subject, part, part, "jointly_confirm_verbs")


def _status_of_view(clause: Token) -> str:
    """A shared view of what will happen is an intention; of what is, an agreement."""
    return "intended" if _is_future(clause) or _is_aim(clause) or _is_pending(clause) else "agreed"


def _is_pending(tok: Token) -> bool:
    """An infinitive not governed by a finished act: "arrangements are made for them to reaffirm"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and tok.dep_ in (
        "advcl",
        "acl",
        "relcl",
    )


def _match_joint_future(tok: Token) -> Iterator[AgreementCue]:
    """ "Venezuela and Colombia will reestablish relations": a joint future act is agreed;
    "the two sides will continue to ..." is a joint course, so intended."""
    lex = _lex()
    if is_negated(tok) or lemma(tok) in lex["meeting_verbs"] or not _is_future(tok):
        return
    if tok.dep_ not in ("ROOT", "ccomp"):
        return
    if any(c.dep_ == "dobj" and _is_meeting_word(c) for c in tok.children):
        return  # "A and B will be resuming their negotiations": a meeting ahead, not an agreement
    subject = first_of(c for c in tok.children if c.dep_ == "nsubj")
    if subject is None or subject.pos_ == "PRON" or not is_joint(phrase_of(subject)):
        return  # "we"/"they" in a quote is often one government speaking
    if not any(is_agent_token(t) or t.pos_ == "PROPN" for t in (subject, *subject.conjuncts)):
        return  # "trade will recover", "the companies will use ...": no side acts
    continued = lemma(tok) in lex["continue_verbs"]
    yield _cue("intended" if continued else "agreed", (tok,), phrase_of(subject), tok, tok, "joint_future")


def _is_meeting_word(tok: Token) -> bool:
    """A meeting trigger of the parse ("talks", "negotiations"), as `parley_cues` marked it."""
    return any(span.start == tok.i for span in tok.doc.spans.get("meeting_triggers", []))


# --- signed ---------------------------------------------------------------------------------


def _match_sign(tok: Token) -> Iterator[AgreementCue]:
    lex = _lex()
    if is_negated(tok):
        return
    document = first_of(
        c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and lemma(c) in lex["documents"]
    )
    if document is None:
        return
    subject = subject_of(tok)
    yield _cue("signed", (tok,), subject, document, tok, "sign_verbs")


def _refers_back(noun: Token) -> bool:
    """ "the agreement", "this deal": a definite settlement with nothing of its own to say."""
    own = [c for c in noun.children if c.dep_ not in ("punct",)]
    return len(own) == 1 and own[0].dep_ == "det" and own[0].lower_ in ("the", "this", "that")


def _match_reach(tok: Token) -> Iterator[AgreementCue]:
    lex = _lex()
    settlement = first_of(
        c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and lemma(c) in lex["settlement_nouns"]
    )
    if settlement is None:
        return
    negative = is_negated(tok) or _is_failed(tok) or any(c.lower_ == "no" for c in settlement.children)
    status = "not_reached" if negative else "agreed"
    content = prep_object(settlement) or first_of(
        c for c in settlement.children if c.dep_ in ("acl", "relcl")
    )
    if content is None and not negative and _refers_back(settlement):
        return  # "the agreement was reached during the talks": one reported already, no new one
    yield _cue(status, (tok, settlement), subject_of(tok), content or settlement, content, "reach_verbs")


# --- not reached ----------------------------------------------------------------------------


def _match_failure(tok: Token) -> Iterator[AgreementCue]:
    """ "failed to agree on ...", "were unable to reach ..." """
    lex = _lex()
    target = first_of(c for c in tok.children if c.dep_ == "xcomp" and lemma(c) in lex["failure_targets"])
    if target is None:
        return
    rule = "failure_verbs" if lemma(tok) in lex["failure_verbs"] else "failure_adjectives"
    yield _cue("not_reached", (tok, target), subject_of(tok), _agreed_content(target) or target, None, rule)


def _match_failure_noun(tok: Token) -> Iterator[AgreementCue]:
    """ "no progress was made on ...", "progress was not made regarding ...", "the talks ended
    without agreement on ..." """
    lex = _lex()
    if lemma(tok) not in lex["failure_nouns"]:
        return
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "without" and lemma(head.head) in lex["ending_verbs"]:
        yield _cue("not_reached", (head.head, head, tok), None, prep_object(tok), None, "ending_verbs")
        return
    denied = any(c.lower_ == "no" for c in tok.children)
    made_not = tok.dep_ in ("nsubjpass", "dobj") and lemma(head) in lex["progress_verbs"] and is_negated(head)
    existential = tok.dep_ == "attr" and denied
    if not (made_not or (denied and (tok.dep_ in ("nsubjpass", "dobj", "attr") or existential))):
        return
    cue_tokens = (head, tok) if tok.dep_ != "ROOT" else (tok,)
    content = prep_object(tok) or prep_object(head)
    subject = subject_of(head) if tok.dep_ == "dobj" else None
    yield _cue("not_reached", cue_tokens, subject, content, None, "failure_nouns")


def _match_disagreement(tok: Token) -> Iterator[AgreementCue]:
    """ "there were differences of opinion on X", "a substantial gap remains between them" """
    lex = _lex()
    if lemma(tok) not in lex["disagreement_nouns"] or is_negated(tok.head):
        return
    if any(c.lower_ == "no" for c in tok.children):
        return  # "there was no difference between them": the opposite
    head = tok.head
    existential = tok.dep_ == "attr" and lemma(head) == "be" and any(c.dep_ == "expl" for c in head.children)
    lasting = tok.dep_ == "nsubj" and lemma(head) in lex["lasting_verbs"]
    if existential or lasting:
        topics = [t for t in tok.subtree if t.dep_ == "prep" and t.lower_ in lex["topic_preps"]]
        content = complement(topics[0]) if topics else prep_object(head, lex["topic_preps"])
        yield _cue("not_reached", (head, tok), None, content, None, "disagreement_nouns")


def _match_remain_apart(tok: Token) -> Iterator[AgreementCue]:
    lex = _lex()
    state = first_of(
        c for c in tok.children if c.dep_ in ("advmod", "acomp", "prep") and lemma(c) in lex["failure_states"]
    )
    if state is None:
        for child in tok.children:
            if (
                child.dep_ == "prep"
                and [child.lower_, *(g.lower_ for g in child.children)] in lex["failure_phrases"]
            ):
                state = child
    if state is None:
        return
    subject = subject_of(tok)
    if subject is None or not is_joint(subject):
        return
    content = prep_object(state) or prep_object(tok)
    yield _cue("not_reached", (tok, state), subject, content, None, "failure_states")


# --- helpers --------------------------------------------------------------------------------


def _cue(
    status: str,
    tokens: tuple[Token, ...],
    subject: Span | None,
    content: Token | None,
    scope: Token | None,
    rule: str,
) -> AgreementCue:
    """`rule` is the lexicon section (or pattern) that matched; the cue words complete the rule id."""
    doc = tokens[0].doc
    span = doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]
    times = _timeframe_spans(content) if content is not None else []
    when = None
    if scope is not None:  # mostly the content itself, whose times are read once
        when = _first_time(doc, times if scope is content else _timeframe_spans(scope))
    return AgreementCue(
        status=status,
        cue=span,
        subject=subject,
        description=_description(content, times),
        timeframe=when,
        rule_id=rule_id(f"agreement/{rule}", " ".join(lemma(t) for t in tokens)),
    )


def _agreed_content(tok: Token) -> Token | None:
    """What was agreed: the infinitive or that-clause, else the object of "agreed on"."""
    clause = first_of(
        c
        for c in tok.children
        if c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children))
    )
    if clause is not None:
        return clause
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to")):
        obj = first_of(c for c in prep.children if c.dep_ in ("pobj", "pcomp"))
        if obj is not None:
            return obj
    return None


def _conjuncts(head: Token) -> list[Token]:
    """`head` and the verbs coordinated with it, when each is a whole action of its own."""
    if head.pos_ not in ("VERB", "AUX"):
        return [head]
    parts = [
        head,
        *(c for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and _same_form(c, head)),
        *_stray_infinitives(head),
    ]
    if len(parts) == 1:
        return parts
    return parts if len(_words_without_conjuncts(head)) >= MIN_SPLIT_TOKENS else [head]


def _stray_infinitives(head: Token) -> list[Token]:
    """ "agreed to work towards convening X and to finalise Y", "agreed to avoid any action that
    could harm X and to make every effort ...": the parser hangs the second "to"-infinitive on the
    gerund or the relative clause, but its "to" marks it as a second thing agreed."""
    if not infinitive(head):
        return []
    return [
        t
        for t in head.subtree
        if t.dep_ == "conj"
        and t.head.i != head.i
        and infinitive(t)
        and (t.head.tag_ == "VBG" or (t.head.dep_ == "relcl" and not infinitive(t.head)))
    ]


def _same_form(verb: Token, head: Token) -> bool:
    """A finite verb cannot coordinate with an infinitive: "agreed to strengthen X and signed Y"
    is two acts of the subject, whatever the parser hung "signed" on."""
    return _finite(verb) == _finite(head)


def _finite(verb: Token) -> bool:
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.tag_ == "MD" for c in verb.children)


def _own_tokens(head: Token) -> list[Token]:
    """The words of `head`'s phrase; without its coordinated verbs when those are split off."""
    if len(_conjuncts(head)) > 1:
        return _words_without_conjuncts(head)
    return [t for t in head.subtree if not t.is_punct and t.dep_ != "aux"]


def _words_without_conjuncts(head: Token) -> list[Token]:
    skip: set[int] = set()
    for child in head.children:
        if child.dep_ in ("conj", "cc") or (child.dep_ == "punct" and child.i > head.i):
            skip.update(t.i for t in child.subtree)
    for stray in _stray_infinitives(head):
        skip.update(t.i for t in stray.subtree)
        skip.update(c.i for c in stray.head.children if c.dep_ == "cc" and c.i < stray.i)
    return [t for t in head.subtree if t.i not in skip and not t.is_punct and t.dep_ != "aux"]


def _follow_up(part: Token) -> bool:
    """ "... and to decide on next steps": how the sides will follow up what they agreed."""
    lex = _lex()
    return lemma(part) in lex["follow_up_verbs"] and any(
        lemma(t) in lex["follow_up_nouns"] for t in part.subtree if t.i != part.i
    )


def _is_aim(tok: Token) -> bool:
    lex = _lex()
    word = lemma(tok)
    if word in lex["intended_complements"]:
        return True
    particles = lex["intended_phrasal"].get(word)
    return bool(particles) and any(c.lower_ in particles for c in tok.children if c.dep_ in ("prep", "prt"))


def _wished(tok: Token) -> bool:
    """A clause that one side hopes, fears or expects, or urges others to agree ("called on
    the parties to agree to a truce"), not one the sides settled."""
    lex = _lex()
    if tok.dep_ in ("xcomp", "ccomp", "advcl") and lemma(tok.head) in lex["demand_verbs"]:
        return True
    if tok.dep_ == "xcomp" and lemma(tok.head) in lex["attempt_verbs"]:
        return True  # "will try to reach agreement": a goal
    if _goal(tok):
        return True
    return tok.dep_ == "ccomp" and lemma(tok.head) in lex["wish_verbs"]


def _goal(tok: Token) -> bool:
    """ "talks to reach an understanding", "steps to reach agreements": what talks are for, not
    what they settled."""
    lex = _lex()
    settles = lemma(tok) in lex["reach_verbs"] or lemma(tok) in lex["agree_verbs"]
    purpose = tok.dep_ in ("acl", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    return settles and purpose


def _is_future(tok: Token) -> bool:
    """A modal of the future on `tok`, or "continue"-type verb with one."""
    lex = _lex()
    if any(c.dep_ == "aux" and c.lower_ in lex["future_words"] for c in tok.children):
        return True
    return lemma(tok) in lex["continue_verbs"] and tok.dep_ == "xcomp" and _is_future(tok.head)


def _is_failed(tok: Token) -> bool:
    """ "failed to agree", "unable to agree", "could not agree", "without reaching a settlement"."""
    lex = _lex()
    head = tok.head
    if tok.dep_ == "pcomp" and head.lower_ == "without":
        return True
    if tok.dep_ != "xcomp":
        return False
    return lemma(head) in lex["failure_verbs"] or lemma(head) in lex["failure_adjectives"] or is_negated(head)


def _done_jointly(tok: Token) -> bool:
    """ "jointly proposed", "proposed by Abe together with Hu"."""
    lex = _lex()
    return any(c.lower_ in lex["joint_markers"] for c in tok.children) or any(
        c.dep_ == "prep" and c.lower_ == "with" and any(g.lower_ in lex["joint_markers"] for g in c.children)
        for c in tok.children
    )


def _has_cue_ancestor(tok: Token) -> bool:
    """Whether `tok` is inside what another agreement verb reports ("agreed to evaluate X and to
    decide on Y": "decide" is content), not coordinated with the cue itself ("agreed and decided")."""
    lex = _lex()
    cue_words = lex["agree_verbs"] | lex["joint_verbs"] | lex["confirm_verbs"]
    node = tok
    while node.dep_ != "ROOT" and node.head.i != node.i:
        parent = node.head
        if node.dep_ == "conj" and not _same_form(node, parent):
            return False  # "agreed to strengthen X and signed Y": a finite act of its own
        if lemma(parent) in cue_words and parent.pos_ in ("VERB", "AUX"):
            return node.dep_ != "conj"
        node = parent
    return False


def _description(tok: Token | None, times: list[tuple[int, int]]) -> str | None:
    """The words of `tok`'s phrase but its `times` (`_timeframe_spans(tok)`), cut to a short phrase."""
    if tok is None:
        return None
    skip = {i for start, end in times for i in range(start, end)}
    dateline = _dateline_end(tok)
    tokens = [t for t in _own_tokens(tok) if t.i not in skip and t.dep_ != "mark" and t.idx >= dateline]
    while tokens and tokens[0].lower_ in ("to", "that", "the", "a", "an"):
        tokens = tokens[1:]
    text = " ".join(t.text for t in _phrase_prefix(tokens, DESCRIPTION_WORDS))
    return text.replace(" 's", "'s").replace(" - ", "-") or None


# Words that cannot end a description: it would stop mid-phrase ("visits planned between").
_OPEN_ENDED = {"DET", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "PRON"}
_PHRASE_STARTS = {"prep", "cc", "conj", "relcl", "acl", "advcl", "mark", "appos", "punct", "npadvmod"}


def _phrase_prefix(tokens: list[Token], limit: int) -> list[Token]:
    """At most `limit` words, cut where a phrase ends rather than in its middle."""
    if len(tokens) <= limit:
        return tokens
    closed = [k for k in range(limit, 0, -1) if tokens[k - 1].pos_ not in _OPEN_ENDED]
    at_boundary = [
        k for k in closed if tokens[k].dep_ in _PHRASE_STARTS or tokens[k].pos_ in ("ADP", "CCONJ")
    ]
    cut = next((k for k in at_boundary if k >= limit // 3), closed[0] if closed else limit)
    return tokens[:cut]


def _dateline_end(tok: Token) -> int:
    """Where the parser's sentence of `tok` leaves its dateline ("ROME, April 19 (Reuters) -"), as a
    character offset: neither a description nor a timeframe is read from a dateline."""
    sent = tok.sent
    match = DATELINE.match(span_text(sent))
    return sent.start_char + match.end() if match else sent.start_char


def timeframe(tok: Token) -> str | None:
    """When the agreed thing is to happen, as written in `tok`'s phrase ("in the spring")."""
    return _first_time(tok.doc, _timeframe_spans(tok))


def _first_time(doc: Doc, spans: list[tuple[int, int]]) -> str | None:
    if not spans:
        return None
    start, end = spans[0]
    return span_text(doc[start:end])


def _timeframe_spans(tok: Token) -> list[tuple[int, int]]:
    """Outermost time expressions in `tok`'s own phrase, in text order."""
    lex = _lex()
    dateline = _dateline_end(tok)
    own = {t.i for t in _own_tokens(tok) if t.idx >= dateline} - _noun_clause_tokens(tok)
    found: list[tuple[int, int]] = []
    for t in tok.subtree:
        if t.i not in own or t.i == tok.i:
            continue
        span = None
        if t.dep_ == "prep" and t.lower_ in lex["time_preps"]:
            obj = first_of(c for c in t.children if c.dep_ == "pobj")
            if (
                obj is not None
                and _is_time(obj)
                and not any(c.lower_ in ("all", "any") for c in obj.children)
            ):
                span = (t.i, _entity_end(obj.doc, _trimmed_end(obj)) + 1)
        elif t.dep_ == "advmod" and t.lower_ in lex["time_adverbs"] and t.head.i == tok.i:
            span = (t.i, t.i + 1)
        elif t.dep_ in ("npadvmod", "tmod") and t.ent_type_ == "DATE":
            span = (t.left_edge.i, t.right_edge.i + 1)
        elif t.dep_ == "advcl":
            mark = first_of(
                c for c in t.children if c.dep_ in ("mark", "advmod") and c.lower_ in lex["time_marks"]
            )
            if mark is not None:
                span = (t.left_edge.i, t.right_edge.i + 1)
        if span is not None and not any(s <= span[0] and span[1] <= e for s, e in found):
            found = [(s, e) for s, e in found if not (span[0] <= s and e <= span[1])]
            found.append(span)
    return sorted(found)


def _is_time(tok: Token) -> bool:
    lex = _lex()
    return (
        lemma(tok) in lex["time_nouns"]
        or tok.lower_ in lex["time_nouns"]
        or tok.ent_type_ in ("DATE", "TIME")
    )


def _entity_end(doc: Doc, i: int) -> int:
    """Extend a phrase ending inside a date to the date's end ("around mid" -> "around mid-February")."""
    tok = doc[i]
    if tok.ent_iob_ in ("B", "I"):
        while i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I":
            i += 1
    return i


def _noun_clause_tokens(tok: Token) -> set[int]:
    """Words of clauses that describe a noun ("a forum which is due to take place in June"):
    their times belong to that noun, not to the agreed act."""
    return {t.i for c in tok.subtree if c.dep_ in ("relcl", "acl") and c.i != tok.i for t in c.subtree}


def _trimmed_end(tok: Token) -> int:
    """Last index of `tok`'s phrase, without trailing clauses or non-time prepositions."""
    end = tok.i
    for child in tok.rights:
        hyphen = child.dep_ == "punct" and child.text in ("-", "–")
        if not hyphen and child.dep_ in ("relcl", "acl", "appos", "punct", "advcl", "prep", "cc", "conj"):
            break
        end = child.right_edge.i
    return end
