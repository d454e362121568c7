"""Who a cue's subject is, and whom a stance is aimed at, as sides and people.

The cue modules hand over the subject as written ("Motegi", "the two sides",
"He", "Japan's Foreign Ministry", "The Secretary", "I"); this module turns it
into the side(s) behind it, one holder per side for shared stances.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from parley.extract.cue_syntax import lemma, subject_of
from parley.extract.lexicons import load_lexicon
from parley.extract.offices import is_honorific
from parley.extract.people import People, Person
from parley.extract.sides import SideLexicon
from parley.extract.stance_cues import StanceCue

_COLLECTIVE = re.compile(
    r"^(?:the\s+)?(?:two|both)(?:\s+(?:sides?|countries|ministers|foreign ministers|leaders|officials|diplomats|men|governments|delegations|parties))?$"
    r"|^the\s+(?:sides|countries|ministers|foreign ministers|leaders|officials|diplomats|governments|delegations|parties|participants)$"
    r"|^(?:ministers|foreign ministers|leaders|delegations|participants)$"
    r"|^(?:they|the pair|the duo|the sides)$",
    re.IGNORECASE,
)
# "the two deputy ministers", "both prime ministers": one rank word may stand before the office.
_COLLECTIVE_INSIDE = re.compile(
    r"\b(?:two|both) (?:(?:foreign|deputy|vice|prime|defence|defense|trade|finance) )?"
    r"(?:sides|ministers|leaders|presidents|secretaries)\b",
    re.IGNORECASE,
)
_SIDES_ONLY = re.compile(r"sides?|countries|governments|parties", re.IGNORECASE)
_IT = {"it", "its"}


def is_collective(text: str, people_only: bool = False) -> bool:
    """ "the two sides", "both ministers", "they": every side of the meeting at once.
    With `people_only`, only wordings that stand for the people ("they", "the two ministers")."""
    text = text.strip()
    shared = bool(_COLLECTIVE.match(text) or _COLLECTIVE_INSIDE.search(text))
    return shared and not (people_only and _SIDES_ONLY.search(text))


# A bloc speaks for its members when at least this many of them take part ("the ministers" of a
# G7 meeting); two members meeting on a summit's margins still speak for themselves.
_BLOC_QUORUM = 3
# ... and when they are a good part of it: three of the African Union's 55 members meeting Russia
# (a "troika") speak for their countries, four of the G7's seven for the G7.
_BLOC_SHARE = 3


def speaking_sides(countries: list[str], organizations: list[str]) -> list[str]:
    """The sides a shared subject ("the ministers", "the leaders") stands for at a meeting:
    the countries, with a bloc in place of its members when it speaks for them. Organisations
    are sides when the countries alone do not make the meeting (EU-Canada, AU-EU); beside two
    or more countries an organisation is more often the setting than a party."""
    members = load_lexicon("blocs")
    absorbed: set[str] = set()
    speaking = []
    # Every member of a bloc at the table is the bloc meeting ("the ministers of Britain, Canada,
    # ..." at a G7 meeting), even when the text never names the bloc as a party.
    blocs = [*organizations, *(o for o, codes in members.items() if set(codes) <= set(countries))]
    blocs = list(dict.fromkeys(blocs))
    for org in blocs:
        present = set(members.get(org, ())) & set(countries)
        if len(present) >= _BLOC_QUORUM and len(present) * _BLOC_SHARE >= len(members.get(org, ())):
            absorbed |= present
            speaking.append(org)
    rest = [c for c in countries if c not in absorbed]
    if len(rest) < 2:
        speaking = blocs
    return [*speaking, *rest]


@dataclass(frozen=True)
class Holder:
    """One side behind a stance or agreement, with the person who voiced it if named."""

    country: str | None
    organization: str | None
    person: Person | None


class HolderResolver:
    """Resolves subject spans of one article to holders."""

    def __init__(self, sides: SideLexicon, people: People, home: str | None) -> None:
        self.sides = sides
        self.people = people
        self.home = home
        self.last_country: str | None = None
        # the person behind the latest subject resolved, at its token index: "The Secretary
        # condemned ... He also urged ..." (an office with no name of its own leaves no mention)
        self.last_person: tuple[int, Person] | None = None

    def resolve(
        self, subject: Span | None, meeting_sides: list[str], meeting_persons: list[Person]
    ) -> list[Holder]:
        """The holders a subject names; shared subjects give one holder per meeting side."""
        if subject is None:
            return []
        if is_collective(subject.text):
            return self.every_side(meeting_sides, meeting_persons)
        holders: list[Holder] = []
        end = subject.end + 1 if is_honorific(subject[-1]) else subject.end  # "Hon. | McCully": misparsed
        persons = self.people.persons_in(subject.start, end)
        for person in persons:
            holders.append(self._person_holder(person))
        for office in self.people.offices_in(subject.start, subject.end):
            titled = _titled(office.title, meeting_persons) if office.person is None else None
            if titled is not None:
                holders.append(self._person_holder(titled))
            elif office.person is None and office.side:
                holders.append(Holder(office.side, None, None))
            elif office.person is None and self._home_body_office(office.title, meeting_sides):
                holders.append(Holder(None, self.home, None))  # "the Secretary-General" in the UN's readout
        if any(t.lower_ in ("i", "we") for t in subject):
            speaker = _quoting(subject)  # "“We want dialogue,” he added": the speaker's side
            quoted = self.resolve(speaker, meeting_sides, meeting_persons) if speaker else []
            holders += quoted or ([Holder(self.home, None, None)] if self.home else [])
        if len(subject) == 1 and self.people.is_pronoun(subject[0]):
            person = self._pronoun_person(subject.start)
            if person is not None:
                holders.append(self._person_holder(person))
        if len(subject) == 1 and subject[0].lower_ in _IT and self.last_country:
            holders.append(Holder(self.last_country, None, None))
        if not holders:
            holders = self._bloc_by_adjective(subject, meeting_sides)
        if not holders:
            named = self.sides.find(subject.text)
            plural = any(
                t.tag_ in ("NNS", "NNPS") and t.dep_ in ("nsubj", "nsubjpass", "ROOT") for t in subject
            )
            for found in named if plural or " and " in subject.text else named[:1]:
                code = found.code
                holders.append(Holder(None, code, None) if found.is_org else Holder(code, None, None))
        unique: dict[tuple[str | None, str | None], Holder] = {}
        for holder in holders:
            key = (holder.country, holder.organization)
            if key != (None, None) and (key not in unique or unique[key].person is None):
                unique[key] = holder
        result = list(unique.values())
        countries = [h.country for h in result if h.country]
        if len(countries) == 1 and not persons:
            self.last_country = countries[0]
        named = [h.person for h in result if h.person is not None]
        if len(named) == 1 and len(result) == 1:
            self.last_person = (subject.start, named[0])
        return result

    def _home_body_office(self, title: str, meeting_sides: list[str]) -> bool:
        """An office named alone in an organisation's own readout, at a meeting of that
        organisation, is the organisation's ("the Secretary-General"), unless it is a minister's."""
        home = self.home
        return (
            bool(home)
            and home in meeting_sides
            and self.sides.is_org(home)
            and "minister" not in title.lower()
        )

    def _pronoun_person(self, index: int) -> Person | None:
        """ "He": the person of the latest subject when it comes after the last mention of
        the person the text-order antecedent finds."""
        person = self.people.antecedent(index)
        if self.last_person is None:
            return person
        start, latest = self.last_person
        if start >= index or index - start > _PRONOUN_REACH:
            return person
        if person is None:
            return latest
        mentioned = [s for s, _ in person.mentions if s < index]
        return latest if not mentioned or start > max(mentioned) else person

    def _bloc_by_adjective(self, subject: Span, meeting_sides: list[str]) -> list[Holder]:
        """ "The European side", "the African ministers": the bloc of that region at the meeting."""
        adjectives = load_lexicon("stances")["bloc_adjectives"]
        codes = {adjectives.get(t.lower_) for t in subject if t.dep_ in ("amod", "compound")}
        return [Holder(None, code, None) for code in meeting_sides if code in codes]

    def _person_holder(self, person: Person) -> Holder:
        if person.side and self.sides.is_org(person.side):
            return Holder(None, person.side, person)
        return Holder(person.side, None, person)

    def every_side(self, meeting_sides: list[str], meeting_persons: list[Person]) -> list[Holder]:
        return [self._side_holder(side, meeting_persons) for side in meeting_sides]

    def _side_holder(self, side: str, meeting_persons: list[Person]) -> Holder:
        named = [p for p in meeting_persons if p.side == side]
        person = named[0] if len(named) == 1 else None
        # a bloc that speaks for its members is an organisation even when no lexicon names it
        if self.sides.is_org(side) or side in load_lexicon("blocs"):
            return Holder(None, side, person)
        return Holder(side, None, person)

    def addressed_holder(
        self, holder: Holder, cue: StanceCue, sentence_cues: list[StanceCue], countries: list[str]
    ) -> Holder:
        """ "She accused Minsk of ... and demanded ...": a pronoun resolved to the side that the
        speaker's stances in the sentence address stands, in a two-country meeting, for the
        other side (no side accuses itself)."""
        subject = cue.subject
        if subject is None or len(subject) != 1 or subject[0].lower_ not in _THIRD_PERSON:
            return holder
        addressed = {
            code
            for other in sentence_cues
            if other.subject is not None and other.subject.start == subject.start
            for code in self._addressee(other.target)
        }
        others = [c for c in countries if c != holder.country]
        if holder.country in addressed and len(countries) == 2 and len(others) == 1:
            return Holder(others[0], None, None)
        return holder

    def _addressee(self, target: Span | None) -> set[str]:
        """The side a target phrase names as the addressee itself ("accused Ankara", "urged Tokyo")."""
        if target is None:
            return set()
        root = target.root
        addressee = root.dep_ in ("dobj", "dative") or (
            root.dep_ == "pobj" and root.head.lower_ in ("on", "upon")
        )
        if not addressee or any(c.dep_ == "case" for c in root.children):
            return set()
        return {m.code for m in self.sides.find(root.text)}

    def stance_targets(
        self, sent: Span, cue: StanceCue, end: int, holder: Holder, countries: list[str]
    ) -> list[str]:
        """Whom a stance is aimed at. A shared stance ("both sides called for ...") is aimed
        outside the meeting; a demand, offer or invitation with no named addressee at a
        two-country meeting is addressed to the other side."""
        shared = cue.subject is not None and is_collective(cue.subject.text)
        exclude = set(countries) if shared else {holder.country} if holder.country else set()
        span = (cue.target.start, cue.target.end) if cue.target is not None else (cue.cue.end, end)
        found = self.targets(sent, *span, exclude, cue.stance)
        if not found and cue.target is not None:
            found = self.targets(sent, cue.cue.end, end, exclude, cue.stance)
        others = [c for c in countries if c != holder.country]
        addressed = cue.stance in _PRESSING or lemma(cue.cue.root) in _ADDRESSED_OFFERS
        if not found and not shared and addressed and len(others) == 1 and holder.country:
            return others
        return found

    def targets(self, sent: Span, start: int, end: int, exclude: set[str], stance: str) -> list[str]:
        """Countries a stance is aimed at, named after its cue: not its holder, not a relationship
        as a whole ("Japan-ROK relations", "between China and Japan"), not a people ("Afghans").
        Mild stances (hope, support, statement, proposal) aim only at a side that is their object
        or owner ("praised Ghana's hosting"), not at countries named as a topic."""
        if end <= start:
            return []
        doc = sent.doc
        span = doc[start:end]
        codes: list[str] = []
        possessive: list[str] = []
        first = True
        for found in self.sides.find(span.text, span.start_char):
            if found.is_org:
                continue
            tokens = doc.char_span(found.start, found.end, alignment_mode="expand")
            if tokens is None:
                continue
            head = _phrase_head(tokens.root)
            owner = any(c.dep_ == "case" for c in tokens.root.children) or tokens.root.dep_ == "poss"
            if first and owner and found.code not in exclude:
                possessive.append(found.code)
            first = False
            if found.code in exclude or self._relationship(doc, found) or _people_group(doc, found, tokens):
                continue
            if stance in _MILD and not (owner or _aimed(head)):
                continue
            codes.append(found.code)
        return sorted(set(possessive or codes))

    def _relationship(self, doc, found) -> bool:
        text = self.people.text
        before = text[max(0, found.start - 60) : found.start]
        after = text[found.end : found.end + 2]
        if before.endswith("-") or (after.startswith("-") and after[1:2].isupper()):
            return True
        return bool(
            re.search(r"\bbetween\s+(?:the\s+)?$", before)
            or re.search(r"\bbetween\s+[\w\s’'.]+\s+and\s+(?:the\s+)?$", before)
        )


def _titled(office: str, meeting_persons: list[Person]) -> Person | None:
    """ "The Secretary": the one person at the meeting whose title begins with that office
    ("Secretary of State", not "Prime Cabinet Secretary")."""
    words = office.lower().split()
    if words and words[0] == "the":
        words = words[1:]
    found = [p for p in meeting_persons if p.title and p.title.lower().split()[: len(words)] == words]
    return found[0] if words and len(found) == 1 else None


# How far back (tokens) the latest resolved subject may stand for a pronoun.
_PRONOUN_REACH = 80
_MILD = {"hope", "support", "statement", "proposal"}
_PRESSING = {"demand"}
_THIRD_PERSON = {"he", "she"}
# Offers made to someone: with no addressee named, at a bilateral meeting the other side.
_ADDRESSED_OFFERS = {"offer", "invite", "invitation"}
_GROUP_WORDS = {"nationals", "citizens", "people", "refugees", "workers", "protesters", "residents", "troops"}


def _phrase_head(token):
    head = token
    while head.dep_ in ("compound", "amod", "conj", "appos", "nmod", "case") and head.head != head:
        head = head.head
    return head


def _aimed(head) -> bool:
    if head.dep_ in ("nsubj", "nsubjpass", "dobj", "poss"):
        return True
    return head.dep_ == "pobj" and head.head.lower_ in ("to", "toward", "towards", "for")


def _people_group(doc, found, tokens) -> bool:
    """ "Afghans", "Japanese nationals": people of a country, not the country."""
    nxt = doc[tokens.end].lower_ if tokens.end < len(doc) else ""
    return nxt in _GROUP_WORDS or (found.text.endswith("s") and found.text[:-1] in _DEMONYM_STEMS)


_DEMONYM_STEMS = {
    "Afghan",
    "American",
    "Iranian",
    "Iraqi",
    "Syrian",
    "Palestinian",
    "Israeli",
    "Russian",
    "Ukrainian",
    "Pakistani",
    "Indian",
    "Korean",
    "Saudi",
    "Egyptian",
    "Turk",
    "Greek",
    "Mexican",
    "Colombian",
}


def _quoting(subject: Span) -> Span | None:
    """Who says the words that `subject` ("we", "I") begins: the subject of the verb of saying
    the quote hangs from, when it names someone else."""
    for verb in subject.root.ancestors:
        if verb.pos_ in ("VERB", "AUX") and lemma(verb) in _QUOTE_VERBS:
            speaker = subject_of(verb)
            if speaker is not None and not any(t.lower_ in ("i", "we") for t in speaker):
                return speaker
    return None


_QUOTE_VERBS = frozenset(load_lexicon("stances")["quote_verbs"])
