"""Meeting mentions: each place a sentence reports an encounter, with what it says about it.

A mention is a trigger word ("met", "talks", "telephone call", "summit") and
its scope: the words syntactically bound to it (its subject, "with"/"between"
phrases, the verb that holds it), so that sides, date, place and medium are
read from the right clause and not from the rest of a long sentence.
`meetings.py` then groups mentions into meetings.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

import pycountry
from spacy.tokens import Span, Token

from parley.extract.cue_syntax import coordinates, infinitive
from parley.extract.dates import AHEAD, DateMention, dates_in, resolve
from parley.extract.entities import ents_in
from parley.extract.holders import is_collective
from parley.extract.lexicons import load_lexicon
from parley.extract.offices import (
    highest,
    is_title_text,
    is_title_word,
    meeting_word_level,
    office_word_levels,
)
from parley.extract.patterns import load_patterns, spans_by_sentence, words
from parley.extract.people import Office, People, Person
from parley.extract.sides import SideLexicon, SideMention

_ORDINAL = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|next|last|previous|earlier|another)$",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"(?:(?P<num>\d+(?:\s+\d/\d|\.\d+)?|half an|an|one|two|three|four|five|six)[\s-]+(?P<unit>hours?|minutes?|hour)\b)",
    re.IGNORECASE,
)
_VENUE = re.compile(r"Ministry|Office|House|Palace|Hotel|Hall|Cent(?:er|re)|Building|Residence|Villa")
_NUMBER_WORDS = {"half an": 0.5, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_NUMBER_WORDS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10}


TRIGGERS = "meeting_triggers"  # the span group of patterns/meeting_triggers.jsonl


@functools.cache
def _lex() -> dict:
    data = load_lexicon("meetings")
    return {key: (set(value) if isinstance(value, list) else value) for key, value in data.items()}


@functools.cache
def _encounter_nouns() -> frozenset[str]:
    """The words of the noun triggers ("talks", "summit"), as the patterns name them."""
    return words(TRIGGERS, label="noun") | words(TRIGGERS, label="reference")


_BOTH_COUNTRIES = re.compile(r"\b(?:both|two)\s+(?:countries|nations|states|sides|governments)\b")


def _date_it_was_set_for(sent: Span) -> list[DateMention]:
    """The date in a "scheduled for"/"set for" participle of the sentence."""
    for token in sent:
        if token.tag_ == "VBN" and token.lemma_.lower() in _lex()["set_for"]:
            found = dates_in(token.doc[token.left_edge.i : token.right_edge.i + 1])
            if found:
                return found
    return []


def _is_to(node: Token) -> bool:
    """ "is to hold": arranged; "is yet to meet": nothing arranged."""
    head = node.head
    return (
        node.dep_ == "xcomp"
        and head.lemma_ == "be"
        and infinitive(node)
        and not any(c.lower_ == "yet" for c in head.children)
    )


_REPORTING_VERBS = frozenset({"say", "tell", "announce", "state", "report", "confirm", "add"})


def indefinite(trigger: Token) -> bool:
    """ "a telephone conversation": an indefinite noun brings in an event rather than referring
    back to one already reported."""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in trigger.children)


@functools.cache
def _other_side_preps() -> dict[str, tuple[str, ...]]:
    """A trigger verb's lemma -> the prepositions that introduce its other side ("met with")."""
    return {
        lemma: tuple(p.extra.get("other_side", ()))
        for p in load_patterns(TRIGGERS)
        if p.label == "verb"
        for lemma in p.words("LEMMA")
    }


@functools.cache
def _verb_lemmas(key: str, value: object = True) -> frozenset[str]:
    """The trigger verbs whose patterns say `key: value` ("object_side": the direct object is the
    other side, as in "phoned her counterpart"; "medium": "phone")."""
    return frozenset(
        lemma
        for p in load_patterns(TRIGGERS)
        if p.label == "verb" and p.extra.get(key) == value
        for lemma in p.words("LEMMA")
    )


@dataclass
class Mention:
    """One report of an encounter in one sentence."""

    sent_index: int
    trigger: Token
    kind: str  # "noun" or "verb"
    scope: list[Token]
    rule: str  # id of the trigger pattern that fired (patterns/meeting_triggers.jsonl)
    persons: list[Person] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    sides: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    collective: bool = False  # "the two sides", "they": the sides of the meeting already reported
    collective_people: bool = False  # "they", "the two ministers": also its people
    collective_words: str = ""  # the subject that names them ("the ministers")
    named_rank: str = "unknown"  # the rank its name gives it ("the Meeting of Foreign Ministers")
    anaphoric: bool = False  # "the talks", "this meeting": refers back, adds detail only
    roster: bool = False  # "participants in the meeting included A, B and C": adds its sides too
    guest: bool = False  # "the visiting minister held a meeting with X": the main meeting's guest
    members: bool = False  # "the Council of X opened its session": a meeting of X's members
    on_margins: bool = False  # "on the sidelines of the session, A met B": beside a larger meeting
    ordinal: str | None = None
    status: str = "held"
    format: str = "unknown"
    date: DateMention | None = None
    start_date: dt.date | None = None
    location: str | None = None
    duration: int | None = None
    separate: bool = False
    per_person: bool = False
    regional: bool = False  # "the Chile-Africa summit": its other party is a region, no side
    pairs: list[tuple[Person, Person]] = field(default_factory=list)  # "with their respective counterparts"
    host: str | None = None  # "X held talks with A, B and C": X's side meets each guest on its own
    antecedents: list[Person] = field(default_factory=list)  # people named before "the two leaders"
    level_words: str = ""


def parse_duration(text: str) -> int | None:
    """Minutes stated in a text ("about 3 1/2 hours" is 210, "half an hour" 30)."""
    match = _DURATION.search(text)
    if not match:
        return None
    raw, unit = match.group("num").lower(), match.group("unit").lower()
    if raw in _NUMBER_WORDS:
        value = float(_NUMBER_WORDS[raw])
    elif " " in raw:
        whole, fraction = raw.split()
        num, den = fraction.split("/")
        value = int(whole) + int(num) / int(den)
    else:
        value = float(raw)
    return round(value * 60) if unit.startswith("hour") else round(value)


class MentionFinder:
    """Finds meeting mentions in the sentences of one article."""

    def __init__(
        self, sides: SideLexicon, people: People, published: dt.date | None, home: str | None
    ) -> None:
        self.sides = sides
        self.people = people
        self.published = published
        self.home = home

    def find(self, sents: list[Span]) -> list[Mention]:
        mentions: list[Mention] = []
        cues = spans_by_sentence(sents, TRIGGERS)
        for index, sent in enumerate(sents):
            found = {c.start: c for c in cues[index] if self._in_context(c)}
            triggers = [sent.doc[i] for i in found]
            triggers = [t for t in triggers if not _nested_in(t, triggers)]
            settings = {t.i for t in triggers if t.pos_ != "VERB" and self._org_setting(t)}
            for trigger in triggers:
                if trigger.i in settings:
                    continue  # "the G20 summit": only the setting; its words may place the meeting
                blocking = [t for t in triggers if t.i not in settings]
                mention = self._mention(index, sent, found[trigger.i], blocking)
                if mention is not None:
                    mentions.append(mention)
        return mentions

    # -- triggers -------------------------------------------------------------------

    def _in_context(self, cue: Span) -> bool:
        """What a trigger pattern cannot say: a verb with no other side in sight, a call that is
        someone's own ("his call for calm"), a "round" with neither "of" nor an ordinal."""
        token = cue[0]
        lemma = token.lemma_.lower()
        if cue.label_ == "verb":
            return self._verb_has_other_side(token)
        if lemma == "call":  # "his call for calm", but "his telephone call with X"
            medium = _lex()["phone"] | _lex()["virtual"] | {"with", "between"}
            return not any(c.dep_ == "poss" for c in token.children) or any(
                c.lower_ in medium for c in token.children
            )
        if lemma == "consultation" and token.head.lower_ == "in":
            return False  # "in consultation with the President": in agreement with, not a meeting
        if token.head.lower_ in _MEDIUM_PREPS and token.head.head.pos_ in ("VERB", "AUX"):
            medium = _lex()["phone"] | _lex()["virtual"]
            if lemma in medium or token.lower_ in medium:
                return False  # "held the meeting by videoconference": the medium of another mention
        if lemma == "round":  # "a round of talks", "the next round", not "all year round"
            return any(
                (c.dep_ == "prep" and c.lower_ == "of") or _ORDINAL.match(c.text) for c in token.children
            )
        return True

    def _verb_has_other_side(self, verb: Token) -> bool:
        lemma = verb.lemma_.lower()
        preps = _other_side_preps()[lemma]
        if lemma == "call":
            return _courtesy_call(verb)
        for child in verb.children:
            if child.dep_ == "dobj" and lemma == "visit":
                return True
            if child.dep_ == "dobj" and lemma in (
                "meet",
                *_verb_lemmas("medium", "phone"),
            ):  # not "meet relatives"
                return _names_officials(child)
            guests = child.dep_ in ("dobj", "nsubjpass") or _in_audience(child)
            if lemma == "receive" and guests and _names_someone(child):
                return True  # "received the envoy", "was received by", "received in audience envoys of X"
            if lemma == "receive" and any(t.lemma_.lower() == "counterpart" for t in child.subtree):
                return True  # "received at the palace his counterpart": the parser hung the guest low
            if child.dep_ == "dobj" and lemma == "host":  # "hosted Wang", not "host a conference"
                return is_title_word(child) or any(
                    t.ent_type_ in ("PERSON", "GPE", "NORP") for t in child.subtree
                )
            if child.dep_ == "prep" and child.lower_ in preps:
                return True
            if "with" in preps and any(t.lower_ == "with" for t in verb.doc[verb.i + 1 : verb.i + 4]):
                return True
            if child.dep_ == "prep" and child.lower_ in _MEDIUM_PREPS and _medium_with(child, preps):
                return True
        if lemma in ("meet", "speak", "talk", "confer"):  # not "the requirements have been met"
            passive = [c for c in verb.children if c.dep_ == "nsubjpass"]  # its own passive subject
            return any(_plural_party(subject) for subject in _subjects(verb) if subject not in passive)
        return False

    # -- one mention ------------------------------------------------------------------

    def _mention(self, index: int, sent: Span, cue: Span, triggers: list[Token]) -> Mention | None:
        lex = _lex()
        trigger = cue[0]
        if self._hypothetical(trigger) or (trigger.pos_ != "VERB" and self._org_setting(trigger)):
            return None
        others = {t.i for t in triggers if t != trigger}
        kind = "verb" if cue.label_ == "verb" else "noun"
        inside = range(sent.start, sent.end)
        if kind == "noun":
            own_all = [t for t in _subtree(trigger, others) if t.i in inside]
            own_core = [t for t in _subtree(trigger, others, skip_deps=("relcl", "acl")) if t.i in inside]
            own_core += [t for t in _conveners(trigger, others) if t.i in inside]
            verb = _governing_verb(trigger)
        else:
            own_all, own_core, verb = [trigger], [trigger], trigger
        args, adjuncts = _clause(verb, others | {trigger.i}) if verb is not None else ([], [])
        args = [t for t in args if t.i in inside]
        adjuncts = [t for t in adjuncts if t.i in inside]
        mention = Mention(
            index, trigger, kind, sorted({*own_all, *args, *adjuncts}, key=lambda t: t.i), cue.id_
        )
        words = {t.lower_ for t in own_all} | {t.lower_ for t in adjuncts}
        mention.ordinal = next((t.lower_ for t in trigger.children if _ORDINAL.match(t.text)), None)
        own_persons, own_offices, own_sides, own_orgs = self._sides_in(own_core)
        arg_persons, arg_offices, arg_sides, arg_orgs = self._sides_in(args)
        new_event = mention.ordinal not in (None, "first")
        possessive = any(  # "their talks", "the tenth session of their Commission", "its session"
            c.dep_ == "poss" and c.lower_ in ("their", "his", "her", "its")
            for c in [*trigger.children, *_of_objects(trigger)]
        )
        encounter_verb = verb is not None and (
            kind == "verb" or verb.lemma_.lower() in lex["encounter_verbs"] or possessive
        )
        definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in trigger.children)
        bare_event = not definite and verb is not None and verb.lemma_.lower() != "be"
        purpose = trigger.dep_ == "pobj" and trigger.head.lower_ == "for"  # "was in Nairobi for talks with"
        uses_args = (encounter_verb or bare_event or purpose) and bool(arg_persons or arg_sides)
        mention.anaphoric = (
            kind == "noun" and not own_persons and not own_sides and not new_event and not uses_args
        )
        if cue.label_ == "reference" and not _with_counterpart(trigger):
            mention.anaphoric = True  # "discussions": refers back, unless it names whom with
        if mention.anaphoric and trigger.lemma_.lower() == "visit":
            return None  # "paying a visit to a shrine": nothing to add to a meeting
        if self._internal(trigger):
            return None  # "talks between Sudanese civilian and military leaders": one country's own
        if any(a.lemma_.lower() == "invite" for a in list(trigger.ancestors)[:3]) and not definite:
            return None  # "invited Vinh to make an official visit": an offer, not an arranged event
        roster = _roster(trigger) if mention.anaphoric else []
        if roster:
            persons, mention.offices, mention.sides, _ = self._sides_in(roster, listed=True)
            mention.persons = [p for p in persons if p.title or p.side]  # not "Barbuda" of a country name
            mention.roster = bool(mention.sides)
        elif mention.anaphoric and (pair := self._pair_of_clause(trigger)):
            mention.sides, mention.anaphoric = pair, False  # "A and B discuss a meeting between both leaders"
        elif mention.anaphoric:
            if verb is not None and verb.lemma_.lower() in lex["participation"]:
                mention.persons = [p for p in arg_persons if p not in own_persons]
        else:
            chosen = [(own_persons, own_offices, own_sides)]
            if kind == "verb" or uses_args:
                chosen.append((arg_persons, arg_offices, arg_sides))
            mention.persons = list(dict.fromkeys(p for c in chosen for p in c[0]))
            mention.offices = [o for c in chosen for o in c[1]]
            mention.sides = list(dict.fromkeys(x for c in chosen for x in c[2]))
        mention.organizations = list(dict.fromkeys([*own_orgs, *arg_orgs]))
        subjects = [" ".join(x.text for x in t.subtree) for t in args if t.dep_ in ("nsubj", "nsubjpass")]
        mention.collective = any(is_collective(text) for text in subjects) or (
            kind == "verb" and any(t.text in _JOINT_BODIES for t in _subjects(trigger))
        )
        people_subjects = [text for text in subjects if is_collective(text, people_only=True)]
        mention.collective_people = bool(people_subjects)
        mention.collective_words = " ".join(people_subjects).lower()
        if mention.collective_people:
            mention.antecedents = [p for p in self.people.persons_in(sent.start, trigger.i) if p.side]
        mention.members = (  # "the Council of Ministers of X opened its 83rd session": X's members met
            kind == "noun"
            and possessive
            and verb is not None
            and verb.lemma_.lower() in lex["participation"]
            and bool(arg_orgs)
            and not arg_sides
        )
        setting_only = mention.organizations and not mention.sides and not mention.persons
        if setting_only and kind == "noun" and not mention.members:
            return None  # a gathering of an organisation named only as the setting
        mention.status = self._status(trigger, verb, cue.label_ == "body")
        mention.format = self._format(
            trigger,
            own_all + adjuncts,
            words | {t.lower_ for t in args if t.dep_ == "pobj" or t.dep_ == "prep"},
        )
        takes_part = verb is not None and verb.lemma_.lower() in lex["participation"]
        worded = own_all + (args if not mention.anaphoric or takes_part else [])  # "deputy ministers held it"
        mention.level_words = " ".join(t.text for t in sorted(worded, key=lambda t: t.i))
        self._read_when_where(mention, sent, own_all + adjuncts, verb, len(triggers) == 1)
        if (
            mention.format == "unknown"
            and mention.location is None
            and trigger.lemma_.lower() in lex["remote"]
        ):
            mention.format = "phone"  # "spoke with X" and no place: a readout's telephone call
        mention.on_margins = bool({t.lemma_.lower() for t in adjuncts} & lex["margins"])
        mention.guest = any(  # "the visiting Minister held a meeting with ..."
            c.lower_ == "visiting"
            for a in args
            if a.dep_ in ("nsubj", "nsubjpass") and is_title_word(a)
            for c in a.children
        )
        mention.separate = bool(words & {"separate", "separately"}) or (
            trigger.tag_ == "NNS" and "bilateral" in words  # "a series of bilateral meetings with A, B and C"
        )
        mention.per_person = (
            trigger.tag_ == "NNS"
            and "counterparts" in words
            and len(mention.persons) >= 2
            and len({p.side for p in mention.persons}) == 1
        )
        mention.named_rank = _named_rank(trigger)
        mention.regional = kind == "noun" and any(
            t.dep_ in ("compound", "amod", "npadvmod") and t.lower_ in lex["region_words"]
            for t in trigger.lefts
        )
        if "respective" in words and not mention.per_person:
            mention.pairs = self._respective_pairs(sent, trigger)
        mention.host = self._host(mention, verb, words)
        self._add_visited(mention)
        determiner = any(c.dep_ in ("det", "poss", "nummod") for c in trigger.children)
        generic = kind == "noun" and not determiner and not own_persons and not own_sides
        series = kind == "noun" and not determiner and trigger.tag_ == "NNS" and "including" in words
        if series and not own_persons and len(own_sides) >= 3:
            return None  # "related meetings with partners including China, Japan ...": a series
        if (
            generic
            and trigger.tag_ in ("NNS",)
            and mention.location is None
            and mention.start_date is None
            and not mention.separate
        ):
            return None  # "regular meetings of the joint mechanisms": no particular encounter
        if (
            mention.status == "planned"
            and generic
            and not mention.persons
            and mention.date is None
            and mention.location is None
        ):
            return None  # "additional high-level engagement": too vague to be an encounter
        return mention

    def _respective_pairs(self, sent: Span, trigger: Token) -> list[tuple[Person, Person]]:
        """ "A and B held calls with their respective counterparts C and D": A met C and B met D.
        Read in the order of the text (the parser often loses such a sentence): the people named
        before the trigger, then as many named after "respective"."""
        respective = next((t for t in sent if t.lower_ == "respective" and t.i > trigger.i), None)
        if respective is None:
            return []
        first = self.people.persons_in(sent.start, trigger.i)
        second = [p for p in self.people.persons_in(respective.i, sent.end) if p not in first]
        if len(first) < 2 or len(first) != len(second):
            return []
        return list(zip(first, second, strict=True))

    def _add_visited(self, mention: Mention) -> None:
        """A visit's host is the country it goes to ("will visit Hanoi", "her trip to Peru"); so is
        the side of unnamed officials met there ("will meet senior officials in Hanoi")."""
        if len(mention.sides) != 1:
            return
        if mention.trigger.lemma_.lower() not in _lex()["visits"] and not self._meets_locals(mention):
            return
        visited = self.sides.country(mention.location or "")
        if visited is None:
            visited = next(
                (
                    self.sides.country(c.text)
                    for c in mention.trigger.children
                    if c.dep_ == "dobj" and c.ent_type_ == "GPE"
                ),
                None,
            )
        if visited and visited not in mention.sides:
            mention.sides.append(visited)

    def _meets_locals(self, mention: Mention) -> bool:
        """ "met with government officials": a counterpart named by office alone, of no stated side."""
        for token in mention.scope:
            if token.dep_ in ("pobj", "dobj") and token.lemma_.lower() in _lex()["officials"]:
                phrase = token.doc[token.left_edge.i : token.right_edge.i + 1]
                if (token.dep_ == "dobj" or token.head.lower_ == "with") and not self.sides.find(phrase.text):
                    return True
        return False

    def _pair_of_clause(self, trigger: Token) -> list[str]:
        """ "Russia and Indonesia are preparing a meeting between both countries' leaders": a
        meeting "between both countries" is between the sides its clause's subject names."""
        between = [c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "between"]
        text = " ".join(t.lower_ for c in between for t in c.subtree)
        if not _BOTH_COUNTRIES.search(text):
            return []
        for verb in trigger.ancestors:
            subjects = [t for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
            if subjects:
                _persons, _offices, sides, _orgs = self._sides_in(subjects)
                return sides if len(sides) == 2 else []
        return []

    def _host(self, mention: Mention, verb: Token | None, words: set[str]) -> str | None:
        """The one side that meets several others in turn: a single subject ("Lavrov held talks
        with A, B and C", "the minister received the ambassadors of A and B") facing two or more
        sides, with nothing saying they sat together (GUIDELINES: one bilateral each)."""
        if verb is None or mention.collective or words & _lex()["joint_words"]:
            return None
        if verb.lemma_.lower() in _lex()["joining_verbs"]:
            return None  # "will attend a meeting with A and B": one table that the subject joins
        if any(t.lower_ in _lex()["shared_presence"] for t in mention.scope):
            return None
        if any(_counted_parties(t) for t in mention.trigger.sent):
            return None  # "..., where the four countries agreed": they sat together
        heads = [c for c in _with_stranded_subject(verb) if c.dep_ == "nsubj"]
        subject = [t for c in heads for t in c.subtree]
        if (
            not subject
            or any(t.tag_ == "NNS" for t in subject)  # "ministers of ...", wherever the parser hangs it
            or any(h.tag_ == "NNPS" for h in heads)  # "the Foreign Ministers", not "Minister of ... Affairs"
            or any(coordinates(t, heads) for t in subject)
        ):
            return None
        persons, _offices, sides, _orgs = self._sides_in(subject)
        hosts = list(dict.fromkeys([*sides, *(p.side for p in persons if p.side)]))
        receives = verb.lemma_.lower() in _verb_lemmas("object_side")
        if not hosts and receives and self.home and any(is_title_word(t) for t in subject):
            hosts = [self.home]  # "the Minister of Foreign Affairs received ...": the publisher's own
        if len(hosts) != 1:
            return None
        guests = [s for s in mention.sides if s != hosts[0]]
        return hosts[0] if len(guests) >= 2 else None

    def reports_encounter(self, mention: Mention) -> bool:
        """A mention that says an encounter happens ("met", "held talks", "the visit"), not one
        merely named as suspended, sought or refused ("suspended all engagement with")."""
        if mention.kind == "verb":
            return True
        verb = _governing_verb(mention.trigger)
        if verb is not None:
            return verb.lemma_.lower() in _lex()["encounter_verbs"] | _lex()["participation"]
        return any(c.dep_ in ("det", "poss") for c in mention.trigger.children)

    def sides_named(self, sents: list[Span]) -> list[str]:
        """The countries and organisations some sentences name as actors (not as topics or places)."""
        persons, _offices, sides, orgs = self._sides_in([t for sent in sents for t in sent])
        return list(dict.fromkeys([*sides, *orgs, *(p.side for p in persons if p.side)]))

    def _sides_in(
        self, tokens: list[Token], listed: bool = False
    ) -> tuple[list[Person], list[Office], list[str], list[str]]:
        """Persons, unnamed offices, countries and organisations named in some tokens; `listed`
        for a roster, whose loose parse would hang one name on another's "of"."""
        if not tokens:
            return [], [], [], []
        doc = tokens[0].doc
        indices = {t.i for t in tokens}
        persons: list[Person] = []
        for person in self.people.persons:
            if any(start in indices for start, _end in person.mentions) and (
                listed or not self._negated(person, indices, doc)
            ):
                persons.append(person)
        offices = [o for o in self.people.offices if o.start in indices]
        for office in offices:
            if office.person is not None and office.person not in persons:
                persons.append(office.person)
        for token in tokens:
            if token.lower_ in ("he", "she") and token.dep_.startswith("nsubj"):
                person = self.people.antecedent(token.i)
                if person is not None and person not in persons:
                    persons.append(person)
        sides = [p.side for p in persons if p.side]
        sides += [o.side for o in offices if o.side and o.person is None]
        if self.home and any(o.side is None and o.person is None for o in offices):
            sides.append(self.home)  # a readout's "The Secretary-General": the publisher's own side
        sides += [
            self.home for t in tokens if t.lower_ in ("i", "we") and t.dep_.startswith("nsubj") and self.home
        ]
        orgs: list[str] = []
        for start, end in _runs(sorted(indices)):
            span = doc[start:end]
            for found in self.sides.find(span.text, span.start_char):
                token = doc.char_span(found.start, found.end, alignment_mode="expand")
                if token is None or self._is_place(token[0]) or self._names_venue(token, found.text):
                    continue
                if token.root.dep_ == "pobj" and token.root.head.lower_ in _TOPIC_PREPS:
                    continue  # "discussions on Myanmar": what was discussed, not who
                (orgs if found.is_org else sides).append(found.code)
        return persons, offices, list(dict.fromkeys(sides)), list(dict.fromkeys(orgs))

    def _internal(self, trigger: Token) -> bool:
        """Talks "between" factions of one country: not an encounter between sides."""
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                phrase = trigger.doc[child.i + 1 : child.right_edge.i + 1]
                codes = [m.code for m in self.sides.find(phrase.text)]
                return len(set(codes)) == 1 and not self.people.persons_in(phrase.start, phrase.end)
        return False

    def _hypothetical(self, trigger: Token) -> bool:
        """ "whether the presidents might sit down together", "no talks are arranged"."""
        words = _lex()["hypothetical"]
        for ancestor in [trigger, *list(trigger.ancestors)[:4]]:
            for child in ancestor.children:
                if child.dep_ == "mark" and child.lower_ in words:
                    return True
                if child.dep_ in ("nsubj", "nsubjpass") and any(
                    g.dep_ == "det" and g.lower_ == "no" for g in child.children
                ):
                    return True
                if (
                    child.dep_ == "neg"
                    and ancestor != trigger
                    and ancestor.lemma_ in ("make", "hold", "plan", "schedule", "have")
                ):
                    return True
        if _generic_modal(trigger if trigger.pos_ == "VERB" else _governing_verb(trigger)):
            return True
        return any(c.dep_ == "amod" and c.lower_ in words for c in trigger.children)

    def _org_setting(self, trigger: Token) -> bool:
        """ "the APEC summit", "an ASEM ministerial forum": an organisation's own gathering;
        "the New Delhi Summit": one named after its host city; "on the sidelines of the summit of
        the Organization of Turkic States": a gathering whose margins are the setting."""
        before = trigger.doc[trigger.left_edge.i : trigger.i]
        found = self.sides.find(before.text, before.start_char)

        def venue(m: SideMention) -> bool:
            span = trigger.doc.char_span(m.start, m.end, alignment_mode="expand")
            return span is not None and self._names_venue(span, m.text)

        if found:
            return all(m.is_org or venue(m) for m in found)
        on_margins = trigger.head.lower_ == "of" and trigger.head.head.lemma_.lower() in _lex()["margins"]
        owners = [c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of"]
        if not on_margins or not owners:
            return False
        phrase = trigger.doc[owners[0].i : owners[0].right_edge.i + 1]
        spans = [
            (m, trigger.doc.char_span(m.start, m.end, alignment_mode="expand"))
            for m in self.sides.find(phrase.text, phrase.start_char)
        ]
        named = [m for m, span in spans if span is None or not self._is_place(span[0])]  # "in Suva": where
        return bool(named) and all(m.is_org for m in named)

    def _negated(self, person: Person, indices: set[int], doc) -> bool:
        for start, _end in person.mentions:
            if start in indices:
                head = doc[start]
                for ancestor in [head, *head.ancestors]:
                    if any(c.dep_ == "neg" for c in ancestor.children):
                        return True
                    if (
                        ancestor.dep_ == "pobj"
                        and ancestor.head.lower_ == "of"
                        and ancestor.head.head.pos_ in ("NOUN", "PROPN")
                    ):
                        return ancestor.head.head.lemma_.lower() not in (
                            "foreign minister",
                            "minister",
                            "leader",
                            "diplomat",
                        )
        return False

    def _is_place(self, token: Token) -> bool:
        """A country named as where something happens ("in Beijing"), not as a side."""
        head = token
        while (
            head.dep_ in ("compound", "amod", "poss", "case", "det", "appos", "conj", "nmod")
            and head.head != head
        ):
            if _encounter_nouns() & {head.head.lemma_.lower(), head.head.lower_}:
                return False
            head = head.head
        return head.dep_ == "pobj" and head.head.lower_ in ("in", "at", "near", "across", "around", "inside")

    def _names_venue(self, span: Span, name: str) -> bool:
        """ "the New Delhi Summit": a lone city naming a gathering says where it is, not who
        met; a country ("the Egypt summit") or a pair ("the Seoul-Tokyo summit") stays a side."""
        root = span.root
        noun = root.head
        acronym = name.isupper() or "." in name  # "U.S.", "UK": a country, never a venue
        if root.dep_ != "compound" or root.pos_ != "PROPN" or acronym or is_country_name(name):
            return False
        if not _encounter_nouns() & {noun.lemma_.lower(), noun.lower_}:
            return False
        inside = range(span.start, span.end)
        others = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i not in inside]
        return not any(self.sides.find(c.text) for c in others)

    def _status(self, trigger: Token, verb: Token | None, convened: bool) -> str:
        lex = _lex()
        chain = [trigger, *list(trigger.ancestors)[:4]]
        if any({n.lemma_.lower(), n.lower_} & lex["cancelled"] or _called_off(n) for n in chain):
            return "cancelled"
        if convened and trigger.head.tag_ in ("VB", "VBG"):
            return "planned"  # "to convene the Joint Commission", "towards convening it"
        doc = trigger.doc
        after = doc[trigger.right_edge.i + 1 : trigger.right_edge.i + 3]
        if trigger.dep_ in ("nsubj", "nsubjpass") and any(
            t.lower_ in ("will", "would", "shall") for t in after
        ):
            return "planned"
        if any(t.lower_ in ("next", "upcoming") for t in trigger.subtree if t.i < trigger.i):
            return "planned"
        if trigger.dep_ == "dobj" and trigger.head.lemma_.lower() == "discuss" and indefinite(trigger):
            return "planned"  # "discussed a new round of talks": one still to come
        for node in chain:
            if node.dep_ == "xcomp" and node.head.lemma_.lower() in lex["planning_governors"]:
                return "planned"  # "agreed to hold talks", "decided to push for a summit"
            if _is_to(node):
                return "planned"  # "the group is to hold its first session in July"
            if node.dep_ == "pcomp" and node.head.head.lemma_.lower() in lex["planning_governors"]:
                return "planned"  # "agreed on holding", "decided on convening"
        if (
            trigger.head.dep_ == "prep"
            and trigger.head.lower_ == "for"
            and (trigger.head.head.lemma_.lower() in lex["demand_governors"])
        ):
            return "planned"  # "pushed for an early summit", "called for talks"
        for node in chain:
            if node != trigger and {node.lemma_.lower(), node.lower_} & lex["planned"]:
                return "planned"
            for child in node.children:
                if _purpose_clause(child):
                    continue  # "held talks to coordinate ...": why it met, not that it is to meet
                if child.dep_ in ("aux", "auxpass", "amod", "advmod") and (
                    child.lower_ in lex["planned"] or child.lemma_.lower() in lex["planned"]
                ):
                    return "planned"
                if child.dep_ in ("relcl", "acl") and any(
                    g.lower_ in ("will", "would") or g.lemma_.lower() in lex["planned"]
                    for g in child.subtree
                    if g.i < child.i + 4
                ):
                    return "planned"
                if child.dep_ == "relcl" and any(
                    g.lemma_ == "be" and g.i + 1 < len(g.doc) and g.nbor(1).lower_ == "to"
                    for g in child.children
                ):
                    return "planned"
            if node.dep_ in ("ccomp", "advcl", "relcl", "pcomp") and node != trigger:
                if node.dep_ == "advcl" and infinitive(node) and _future(node.head):
                    return "planned"  # "will travel to Tehran to co-chair the session"
                break
        return "planned" if _proposed(trigger) else "held"

    def _format(self, trigger: Token, tokens: list[Token], words: set[str]) -> str:
        lex = _lex()
        text = " ".join(t.lower_ for t in tokens)
        if words & lex["virtual"]:
            return "virtual"
        if trigger.lemma_.lower() == "call":
            return "in_person" if trigger.pos_ == "VERB" else "phone"  # "called on the Minister"
        if trigger.lemma_.lower() in _verb_lemmas("medium", "phone"):
            return "phone"
        if words & lex["phone"]:
            return "phone"
        if any(phrase in text for phrase in lex["in_person"]):
            return "in_person"
        if trigger.lemma_.lower() in lex["in_person_triggers"] or trigger.lower_ in lex["in_person_triggers"]:
            return "in_person"
        return "unknown"

    def _read_when_where(
        self, mention: Mention, sent: Span, tokens: list[Token], verb: Token | None, only: bool
    ) -> None:
        doc = sent.doc
        dates: list[DateMention] = []
        for start, end in _runs(sorted({t.i for t in tokens})):
            span = doc[start:end]
            dates += [d for d in dates_in(span) if self._date_of_event(doc, d, mention.trigger)]
        if not dates and only and mention.anaphoric:
            root = sent.root
            for child in root.children:
                if child.dep_ in ("prep", "npadvmod") and child.i > mention.trigger.i:
                    sub = doc[child.left_edge.i : child.right_edge.i + 1]
                    dates += dates_in(sub)
        if not dates and mention.status == "cancelled":  # "Originally scheduled for 3 May, it was postponed"
            dates = _date_it_was_set_for(sent)
        if dates:
            mention.date = dates[0]
            mention.start_date = resolve(dates[0], self.published, future=mention.status in AHEAD)
        mention.location = self._location(mention, sent, tokens) or _where_place(verb)
        mention.duration = parse_duration(" ".join(t.text for t in sorted(tokens, key=lambda t: t.i)))
        if mention.duration is None and only:
            mention.duration = parse_duration(sent.text)

    def _date_of_event(self, doc, date: DateMention, trigger: Token) -> bool:
        """A date that modifies another noun ("a March rapprochement") is not the meeting's."""
        span = doc.char_span(date.start, date.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        before = doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.lemma_.lower() in _REPORTING_VERBS and before.i != trigger.i:
            return False  # "X said Sunday talks he held ... focused on": the day it was told
        return not (
            root.dep_ in ("compound", "amod", "nmod", "poss")
            and root.head != trigger
            and root.head.pos_ in ("NOUN", "PROPN")
        )

    def _is_capital(self, text: str) -> bool:
        """ "met in Dushanbe": a capital the tagger read as an organisation or a person. The side
        lexicon names countries by their capitals too; after "in"/"at", such a name is the city."""
        return text in self.sides.countries and text[:1].isupper() and not is_country_name(text)

    def _capital_place(self, ent: Span) -> bool:
        """A capital misread by the tagger, named as the object of "in"/"at" itself."""
        return ent.root.dep_ == "pobj" and ent.root.head.lower_ in ("in", "at") and self._is_capital(ent.text)

    def _location(self, mention: Mention, sent: Span, tokens: list[Token]) -> str | None:
        indices = {t.i for t in tokens} | {t.i for t in mention.scope}
        candidates: list[tuple[int, int, str]] = []
        for ent in ents_in(sent):
            if ent.start not in indices:
                continue
            if ent.label_ not in ("GPE", "LOC", "FAC", "ORG") and not (
                ent.label_ == "PERSON" and self._capital_place(ent)
            ):
                continue
            head = ent.root
            while head.dep_ in ("compound", "amod", "poss", "nmod", "appos", "conj") and head.head != head:
                head = head.head
                if head == mention.trigger:
                    break
            if head == mention.trigger:
                continue  # "Egypt-Saudi meeting": a side, not a place
            prep = head.head if head.dep_ == "pobj" else None
            if prep is not None and prep.lower_ == "of" and prep.head.pos_ == "NOUN":
                place = prep.head  # "at the border village of Panmunjom"
                prep = place.head if place.dep_ == "pobj" and place.head != mention.trigger else None
            if prep is None or not (
                prep.lower_ in ("in", "at")
                or (
                    prep.lower_ == "to"
                    and {mention.trigger.lemma_.lower(), prep.head.lemma_.lower()} & _TO_PLACE
                )
            ):
                continue  # "visit to Hanoi", "welcomed her to London": the place gone to
            if (
                is_title_word(prep.head)
                and prep.head.lemma_.lower() not in words(TRIGGERS, label="body")
                and self.people.person_at(prep.head.i) is None
            ):
                continue  # "Minister of State at the Foreign Office": part of a title
            if ent.label_ == "ORG" and prep.head != mention.trigger and prep.head.pos_ not in ("VERB", "AUX"):
                continue
            if ent.label_ == "ORG" and not (_VENUE.search(ent.text) or self._capital_place(ent)):
                continue
            text = ent.text[4:] if ent.text.lower().startswith("the ") and ent.label_ != "ORG" else ent.text
            rank = 2 * place_rank(text) + (1 if prep.lower_ == "at" else 0)
            candidates.append((rank, ent.start, text))
        return min(candidates)[2] if candidates else None


def _where_place(verb: Token | None) -> str | None:
    """ "travel to Lima, where she will meet officials": the place a "where" clause hangs on."""
    for node in [verb, *(verb.ancestors if verb is not None else [])][:3]:
        if node is None or node.dep_ != "relcl" or not any(c.lower_ == "where" for c in node.children):
            continue
        place = node.head
        if place.ent_type_ in ("GPE", "LOC"):
            ent = next(e for e in ents_in(place.doc) if e.start <= place.i < e.end)
            return ent.text
    return None


_GENERIC_MODALS = {"can", "ca", "must", "should", "ought"}
_MODALS = {*_GENERIC_MODALS, "could", "may", "might", "would", "will", "wo", "shall"}


def _generic_modal(verb: Token | None) -> bool:
    """ "Neighbours must talk", "they cannot meet only at summits": what ought to or cannot
    happen, not an encounter held or arranged."""
    if verb is None:
        return False
    auxes = [c for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD"]
    negated = any(c.dep_ == "neg" for c in verb.children)
    return any(a.lower_ in _GENERIC_MODALS or (negated and a.lower_ in _MODALS) for a in auxes)


def _proposed(trigger: Token) -> bool:
    """ "proposed holding talks", "suggested that the two sides hold a meeting": put forward."""
    node, doc = trigger, trigger.doc
    while node.dep_ in ("dobj", "xcomp", "ccomp", "nsubjpass") and node.head != node:
        span = doc[min(node.i, node.head.i) : max(node.i, node.head.i)]
        if "\n" in span.text:
            return False  # the parser ran on over a line break: another sentence's verb
        node = node.head
        if node.lemma_.lower() in _lex()["proposing"]:
            return True
    return False


def _called_off(token: Token) -> bool:
    return token.lemma_.lower() == "call" and any(
        c.dep_ == "prt" and c.lower_ == "off" for c in token.children
    )


def _names_officials(phrase: Token) -> bool:
    """ "the minister", "his counterpart", "Wang", "them": people who represent a side."""
    return (
        phrase.pos_ == "PRON"
        or phrase.ent_type_ in ("PERSON", "GPE", "NORP", "ORG")
        or is_title_word(phrase)
        or phrase.lemma_.lower() in _lex()["officials"]
    )


def _of_objects(trigger: Token) -> list[Token]:
    """Dependents of the trigger's "of" object: "session of [their] Commission"."""
    return [
        g
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for o in c.children
        if o.dep_ == "pobj"
        for g in o.children
    ]


def _courtesy_call(verb: Token) -> bool:
    """ "called on the Minister": "on" a person or office, with no "to ..." demand after it."""
    if any(c.dep_ in ("xcomp", "ccomp", "dobj") for c in verb.children):
        return False
    return any(
        child.dep_ == "prep"
        and child.lower_ == "on"
        and any(t.ent_type_ == "PERSON" or is_title_word(t) for t in child.subtree)
        for child in verb.children
    )


def _purpose_clause(token: Token) -> bool:
    """ "a conference to coordinate the response": an active to-infinitive hung on the event."""
    children = list(token.children)
    return (
        token.dep_ == "acl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
        and not any(c.dep_ == "auxpass" for c in children)
    )


_PARTY_NOUNS = {"country", "nation", "side", "party", "minister", "leader", "government", "delegation"}
_PARTIES = {"and", "they", "we", "ministers", "leaders", "sides", "diplomats", "officials"}
_PARTIES |= {"delegations", "teams", "presidents"}
# "the commission" met: a joint body already introduced; a capitalised one ("the Free Trade
# Commission") is a named body, often of more than the two parties, left to the convened-body rules.
_JOINT_BODIES = {"commission", "committee"}


_MEDIUM_PREPS = {"by", "over", "via"}


def _medium_with(prep: Token, preps: list[str]) -> bool:
    """ "spoke today by phone with X": the counterpart hangs on the medium, not on the verb."""
    return any(g.dep_ == "prep" and g.lower_ in preps for obj in prep.children for g in obj.children)


def _counted_parties(token: Token) -> bool:
    """ "the four countries", "all three ministers": three or more parties counted as one group."""
    if token.dep_ != "nummod" or token.head.lemma_.lower() not in _PARTY_NOUNS:
        return False
    number = _NUMBER_WORDS.get(token.lower_) or (int(token.text) if token.text.isdigit() else 0)
    return number >= 3


def _with_counterpart(noun: Token) -> bool:
    """ "his discussions with Foreign Minister A": a noun that names its other side itself."""
    return any(
        c.dep_ == "prep" and c.lower_ in ("with", "between") and _names_someone(c) for c in noun.children
    )


def _names_someone(phrase: Token) -> bool:
    return any(t.ent_type_ == "PERSON" or is_title_text(t.lemma_.lower()) for t in phrase.subtree)


def _in_audience(prep: Token) -> bool:
    """ "received in audience the envoys of X": the parser hangs the guests on "in audience"."""
    following = prep.doc[prep.i + 1 : prep.i + 2]
    return prep.dep_ == "prep" and prep.lower_ == "in" and following.text.lower() == "audience"


def _subjects(verb: Token) -> list[Token]:
    """Who meets: the verb's own subject, else the subject of the verb it completes ("the leaders
    agreed to meet"), else the noun a relative clause hangs on ("the commission, which will meet")."""
    own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "xcomp" and not own:
        return [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ in ("pcomp", "pobj") and not own:
        # "the leaders looked forward to meeting", "both sides voiced hope of meeting soon"
        for governor in list(verb.ancestors)[1:4]:
            if governor.pos_ in ("VERB", "AUX"):
                return [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl" and all(c.tag_ in ("WDT", "WP") for c in own):
        return [verb.head]
    return own


def _plural_party(subject: Token) -> bool:
    """A subject naming two parties or a joint body: "the ministers", "X and Y", "the commission"."""
    if subject.dep_ == "nsubj" or subject.dep_ == "nsubjpass":
        words = {t.lower_ for t in subject.subtree}
    else:  # the head of a relative clause: its words up to the clause
        words = {t.lower_ for t in subject.subtree if t.i <= subject.i}
    return bool(words & _PARTIES) or (subject.text in _JOINT_BODIES)


def _nested_in(trigger: Token, triggers: list[Token]) -> bool:
    """ "the sixth round of the ... Consultations": the inner word is part of the outer mention."""
    node = trigger
    for _ in range(6):
        if node.head == node:
            return False
        if node.dep_ not in ("pobj", "prep", "compound", "conj", "appos", "nmod", "amod"):
            return False
        node = node.head
        if node in triggers and node.lemma_.lower() in ("round", "meeting", "session") and node != trigger:
            return any(c.dep_ == "prep" and c.lower_ in ("of",) for c in node.children)
    return False


def _subtree(root: Token, blocked: set[int], skip_deps: tuple[str, ...] = ()) -> list[Token]:
    """The subtree of `root`, leaving out other triggers' phrases and the given dependents."""
    out: list[Token] = []
    stack = [root]
    while stack:
        node = stack.pop()
        out.append(node)
        for child in node.children:
            if child.i in blocked or child.dep_ in skip_deps:
                continue
            stack.append(child)
    return out


def _with_phrase(verb: Token, blocked: set[int]) -> list[Token]:
    """ "met today with X in Y" where the parser hung "with X" elsewhere: read the words after "with"."""
    doc = verb.doc
    sent_end = verb.sent.end if verb.sent is not None else len(doc)
    window = doc[verb.i + 1 : min(sent_end, verb.i + 4)]
    start = next((t.i + 1 for t in window if t.lower_ == "with"), None)
    if start is None:
        return []
    out = []
    for token in doc[start:sent_end]:
        if (
            token.i in blocked
            or token.text in (",", ";", ".")
            or token.pos_ == "VERB"
            or (token.pos_ == "ADP" and token.lower_ in ("in", "at", "on", "to", "for"))
        ):
            break
        out.append(token)
    return out


def _conveners(trigger: Token, blocked: set[int]) -> list[Token]:
    """ "a meeting ..., organised by X and Y": who convened it sat at it."""
    return [
        t
        for acl in trigger.children
        if acl.dep_ == "acl" and acl.tag_ == "VBN" and acl.lemma_.lower() in _lex()["convening_verbs"]
        for agent in acl.children
        if agent.dep_ == "agent"
        for t in _subtree(agent, blocked)
    ]


def _future(verb: Token) -> bool:
    """ "will travel", "is to visit": a verb whose act is still to come."""
    return any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in verb.children)


def _roster(trigger: Token) -> list[Token]:
    """The list in "participants in the meeting included A, B and C" or "present at the talks
    were A and B": who sat at the table the sentence refers back to."""
    if trigger.dep_ != "pobj" or trigger.head.lower_ not in ("in", "at", "of"):
        return []
    holder = trigger.head.head
    if holder.lemma_.lower() not in _lex()["roster_words"] or holder.dep_ not in ("nsubj", "acomp"):
        return []
    verb = holder.head
    if verb.lemma_.lower() not in ("include", "be", "comprise"):
        return []
    listed = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    if not listed:
        return []
    sent = verb.sent  # a long list parses loosely: take everything from its first item on
    return list(sent.doc[listed[0].left_edge.i : sent.end])


def _governing_verb(trigger: Token) -> Token | None:
    """The verb whose argument the trigger is: "held talks", "opened the meeting", "during the talks"."""
    node = trigger
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ in _QUANTIFIERS:
        node = node.head.head  # "held a series of bilateral meetings": the series is held
    if node.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "oprd"):
        verb = node.head
    elif node.dep_ == "pobj" and node.head.dep_ == "prep":
        verb = node.head.head
    else:
        return None
    return verb if verb.pos_ in ("VERB", "AUX") else None


_QUANTIFIERS = {"series", "round", "number", "couple", "string", "set"}
_TO_PLACE = {"visit", "welcome", "travel"}
_TOPIC_PREPS = {"on", "about", "regarding", "concerning", "over"}
_RAISED_EVENT_VERBS = {"take", "be", "hold", "occur", "happen"}  # "take place", "be held"


def _named_rank(trigger: Token) -> str:
    """The rank a meeting's name gives it ("the ministerial session", "the Meeting of Foreign
    Ministers", "the Consultative Meeting of the Heads of State"), "unknown" if its name has none:
    two names of different rank are two meetings."""
    words = [t for t in trigger.lefts if t.dep_ in ("amod", "compound")] + [trigger]
    words += [t for c in trigger.rights if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree]
    text = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
    return highest([*office_word_levels(text), meeting_word_level(text)])


def _with_stranded_subject(verb: Token) -> list[Token]:
    """The verb's children, and a subject the parser hung on its auxiliary ("X has in recent days
    met ...": an adverbial between them leaves "X" under "has")."""
    children = list(verb.children)
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in children):
        return children
    stranded = [s for a in children if a.dep_ in ("aux", "auxpass") for s in a.children if s.dep_ == "nsubj"]
    return stranded + children


def _clause(verb: Token, blocked: set[int]) -> tuple[list[Token], list[Token]]:
    """The verb's participants (subject, with/between/from/by phrases) and its time/place adjuncts."""
    args: list[Token] = []
    adjuncts: list[Token] = []
    has_subject = False
    for child in _with_stranded_subject(verb):
        if child.i in blocked:
            continue
        if child.dep_ in ("nsubj", "nsubjpass", "agent"):
            has_subject = has_subject or child.dep_ != "agent"
            args += _subtree(child, blocked, ("relcl", "acl"))
            if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":  # "X, who hosted the talks"
                args += _subtree(verb.head, blocked | {verb.i}, ("relcl", "acl"))
        elif (
            (
                child.dep_ == "prep"
                and (
                    child.lower_ in ("with", "between", "from", "by", "together")
                    or (child.lower_ == "to" and verb.lemma_.lower() in ("speak", "talk"))
                    or (child.lower_ == "on" and verb.lemma_.lower() == "call")
                )
            )
            or (child.dep_ == "dobj" and verb.lemma_.lower() in _verb_lemmas("object_side"))
            or _in_audience(child)
            or (
                child.dep_ == "dative" and child.lower_ == "to"  # "made a telephone call to the King"
            )
        ):
            args += _subtree(child, blocked, ("relcl", "acl"))
        elif child.dep_ in ("prep", "npadvmod", "advmod") and child.lower_ not in (
            "with",
            "between",
            "from",
            "by",
            "according",  # "according to the ministry on Thursday": when it was told, not held
        ):
            adjuncts += _subtree(child, blocked)
            for nested in child.subtree:  # "held talks at request with X": "with X" hangs lower
                if (
                    nested.dep_ == "prep"
                    and nested.lower_ == "with"
                    and nested.head.head.i == child.i
                    and nested.head.i not in blocked  # "after Abe's talks with Wen": those talks' party
                ):
                    args += _subtree(nested, blocked, ("relcl", "acl"))
                if nested.lemma_.lower() == "counterpart" and verb.lemma_.lower() in _verb_lemmas(
                    "object_side"
                ):
                    args += _subtree(nested, blocked, ("relcl", "acl"))  # "received at X his counterpart"
        elif (
            child.dep_ == "advcl" and child.tag_ == "VBN" and child.lemma_.lower() in _lex()["participation"]
        ):
            for part in child.children:  # "held its session, chaired by X, with the participation of Y"
                if part.i not in blocked and (
                    part.dep_ == "agent" or (part.dep_ == "prep" and part.lower_ == "with")
                ):
                    args += _subtree(part, blocked, ("relcl", "acl"))
        elif child.dep_ == "xcomp" and child.lemma_.lower() in _RAISED_EVENT_VERBS:
            # "is scheduled to take place in Canberra": the time and place hang on the infinitive
            adjuncts += [
                t
                for c in child.children
                if c.dep_ in ("prep", "npadvmod") and c.i not in blocked
                for t in _subtree(c, blocked)
            ]
    if verb.pos_ == "VERB" and not any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
        args += _with_phrase(verb, blocked)
    governor, hops = verb, 0
    while not has_subject and governor.head != governor and hops < 3:
        governor, hops = governor.head, hops + 1
        for child in governor.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i not in blocked:
                args += _subtree(child, blocked, ("relcl", "acl"))
                has_subject = True
    return [*args, verb], adjuncts


def place_rank(text: str) -> int:
    """How general a place is, by GUIDELINES' "city, else venue, else country": 0, 1 or 2."""
    if is_country_name(text):
        return 2
    return 1 if _VENUE.search(text) else 0


@functools.cache
@functools.cache
def is_country_name(text: str) -> bool:
    """True for a country's own name ("Myanmar", or "Russia" for "Russian Federation"), which is
    a less specific place than a city; a capital never begins its country's formal name."""
    try:
        pycountry.countries.lookup(text)
    except LookupError:
        return len(text) >= 4 and any(
            getattr(c, attr, "").startswith(text) for c in pycountry.countries for attr in _NAME_FIELDS
        )
    return True


_NAME_FIELDS = ("name", "official_name", "common_name")


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Contiguous index runs as (start, end) pairs."""
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs
