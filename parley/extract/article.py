"""One parsed article to typed rows: meetings, participants, positions, agreements."""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Doc, Span, Token

from parley.extract.cue_syntax import is_agent, subject_of
from parley.extract.cues import evidence_sentence, find_agreements, find_stances
from parley.extract.doctext import span_text
from parley.extract.holders import Holder, HolderResolver, is_collective, speaking_sides
from parley.extract.home import dateline_place, dateline_side, home_side
from parley.extract.learned import STANCE_RULE_ID, StanceClassifier
from parley.extract.meetings import Draft, MeetingBuilder, lede_date
from parley.extract.mentions import TRIGGERS, Mention, MentionFinder, place_rank
from parley.extract.patterns import words
from parley.extract.people import People, PeopleFinder, Person
from parley.extract.provenance import meeting_rule
from parley.extract.rows import Agreement, ArticleInput, Extraction, Meeting, Participant, Position
from parley.extract.sentences import evidence, sentences
from parley.extract.sides import SideLexicon

_ROSTER_VERBS = frozenset({"make", "consist", "compose", "comprise"})  # "made up of", ...
_DELEGATION = ("delegation", "side is", "side was", "led on", "led by", "comprises", "made up of")
_LEDE = 3  # sentences that say what a story is about
_LEDE_MIN_TOKENS = 6  # shorter lines are a header: byline, dateline, place
_SPEECH_VERBS = {"say", "call", "describe", "tell", "add", "praise", "hail", "report", "write"}


class ArticleExtractor:
    """Reads one parsed article; built fresh per article, it keeps that article's state."""

    def __init__(
        self,
        doc: Doc,
        article: ArticleInput,
        sides: SideLexicon,
        finder: PeopleFinder,
        stance_model: StanceClassifier | None = None,
    ) -> None:
        self.doc = doc
        self.stance_model = stance_model
        self.stance_scores: list[dict[str, float]] = []
        self.article = article
        self.sides = sides
        self.sents = sentences(doc)
        self.sent_texts = [span_text(s) for s in self.sents]
        self.sent_of = {i: n for n, s in enumerate(self.sents) for i in range(s.start, s.end)}
        self.delegation = [any(cue in t.lower() for cue in _DELEGATION) for t in self.sent_texts]
        self.home = home_side(sides, article.publisher, article.text)
        self.people: People = finder.find(doc, self.sents, article.title, self.home)
        self._home_officials()
        self.holders = HolderResolver(sides, self.people, self.home)
        self._ties: dict[tuple[int, int], str] = {}  # (draft, person) -> how a context rule tied them

    def _home_officials(self) -> None:
        """An office held with no country named ("Foreign Minister Ana Ruiz" in a Chilean paper) is
        the home side's: a reporter names the nationality of foreign officials, not of their own."""
        if self.home is None or self.sides.is_org(self.home):
            return  # an organisation's readout names the outsiders it quotes without their country
        if dateline_side(self.sides, self.article.text) not in (None, self.home):
            return  # a wire story filed abroad: the outlet's country is not the story's
        for person in self.people.persons:
            if person.side is None and person.title:
                person.side = self.home

    def run(self) -> Extraction:
        finder = MentionFinder(self.sides, self.people, self.article.published, self.home)
        mentions = finder.find(self.sents)
        mentions = [m for m in mentions if not self._is_headline(m.sent_index)]
        builder = MeetingBuilder(self.people, self.article.published, self.home, self.article.title)
        first = 1 if self.sents and self._is_headline(0) else 0
        date = lede_date(self.sents, first)
        drafts = builder.build(mentions, (first, date) if date else None)
        if not drafts:
            reports = [m for m in mentions if finder.reports_encounter(m)]
            drafts = self._story_meeting(builder, reports, finder.sides_named(self._lede(first)))
        if not drafts:
            return Extraction()
        if self.stance_model is not None:  # one batch per article, only once positions can follow
            self.stance_scores = self.stance_model.scores(self.sents)
        self._place_by_dateline(drafts[0])
        self._add_context_participants(drafts)
        keys = {id(d): f"m{i}" for i, d in enumerate(drafts, start=1)}
        self._meeting_sides = {s for d in drafts for s in [*d.sides, *d.organizations]}
        self._main_group = self._meetings_for(-1, drafts)
        positions: list[Position] = []
        agreements: list[Agreement] = []
        for index, sent in enumerate(self.sents):
            candidates = self._meetings_for(index, drafts)
            positions += self._positions(sent, candidates, keys)
            agreements += self._agreements(sent, candidates, keys)
        for draft in drafts:
            self._fill_titles(draft)
            builder.settle_level(draft)
        meetings = [self._meeting(d, keys[id(d)]) for d in drafts]
        participants = [p for d in drafts for p in self._participants(d, keys[id(d)])]
        return Extraction(
            meetings, participants, _unique_positions(positions), _unique_agreements(agreements)
        )

    # -- meetings and people ---------------------------------------------------------------

    def _meeting(self, draft: Draft, key: str) -> Meeting:
        first = next((m for m in draft.mentions if not m.anaphoric), draft.mentions[0])
        date_text = draft.date.text if draft.date else None
        if date_text and date_text.lower().startswith("on "):
            date_text = date_text[3:]
        countries = [s for s in draft.sides if not self.sides.is_org(s)]
        orgs = sorted({*draft.organizations, *(s for s in draft.sides if self.sides.is_org(s))})
        return Meeting(
            key=key,
            countries=sorted(countries),
            organizations=orgs,
            status=draft.status,
            format=draft.format,
            level=draft.level,
            evidence=evidence(self.sents[first.sent_index]),
            start_date=draft.start_date,
            date_text=date_text,
            location=draft.location,
            duration_minutes=draft.duration,
            confidence=0.7 if len(countries) >= 2 else 0.4,
            rule_id=meeting_rule(draft.mentions[0], draft.split),
        )

    def _lede(self, first: int) -> list[Span]:
        """The story's first sentences, past the header lines (byline, dateline) above them."""
        return [s for s in self.sents[first:] if len(s) >= _LEDE_MIN_TOKENS][:_LEDE]

    def _story_meeting(
        self, builder: MeetingBuilder, mentions: list[Mention], lede_sides: list[str]
    ) -> list[Draft]:
        """An article that speaks of an encounter without naming its sides in the same sentence
        ("the session opened", "the presidents plan to meet twice"): the encounter between the
        sides its lede names."""
        if not mentions or len(lede_sides) < 2:
            return []
        mention = min(mentions, key=lambda m: m.sent_index)
        mention.sides = list(dict.fromkeys([*mention.sides, *lede_sides]))
        return builder.build([mention], None)

    def _is_headline(self, index: int) -> bool:
        """The headline atop the text repeats the story in telegraphic tense ("Seoul proposes talks")."""
        title = (self.article.title or "").strip()
        return index == 0 and bool(title) and self.sent_texts[0].strip() == title

    def _place_by_dateline(self, main: Draft) -> None:
        """A held face-to-face meeting whose text names no place happened where the story is filed."""
        held = main.status == "held" and not main.background
        vague = main.location is None or place_rank(main.location) > 0
        if held and vague and main.format in ("in_person", "unknown"):
            main.location = dateline_place(self.article.text) or main.location

    def _participants(self, draft: Draft, key: str) -> list[Participant]:
        rows = []
        for person in draft.persons:
            if person.side is not None and person.side not in draft.sides:
                continue
            mention = self.doc[person.mentions[0][0] : person.mentions[0][1]]
            sent = self.sents[self.sent_of[mention.start]] if mention.start in self.sent_of else mention.sent
            is_org = bool(person.side and self.sides.is_org(person.side))
            rows.append(
                Participant(
                    meeting_key=key,
                    name=person.name,
                    evidence=evidence(sent),
                    title=_drop_nationality(person.title, self.sides),
                    country=None if is_org else person.side,
                    organization=person.side if is_org else None,
                    confidence=0.6 if person.title else 0.4,
                    rule_id=self._ties.get((id(draft), id(person)), "participant/clause"),
                )
            )
        return rows

    def _add_context_participants(self, drafts: list[Draft]) -> None:
        """People who took part without being in a meeting's own clause: delegation members,
        people beside a reference to the meeting, and the first person named for a side."""
        main = drafts[0]
        mentioned = {m.sent_index for d in drafts for m in d.mentions if not m.anaphoric}
        main.offices += [
            o
            for o in self.people.offices
            if o.person is None
            and o not in main.offices
            and self._in_delegation(o.start)
            and self.sent_of.get(o.start) not in mentioned - main.sentences
        ]
        for index, sent in enumerate(self.sents):
            persons = [p for p in self.people.persons_in(sent.start, sent.end) if not self._aside(p, sent)]
            if index not in mentioned and self.delegation[index]:
                for person in persons:
                    if person not in main.persons and (person.title or person.side):
                        self._join(main, person, "participant/delegation")
            for draft in self._narrow(self._meetings_for(index, drafts), sent):
                referred = any(m.anaphoric and m.sent_index == index for m in draft.mentions)
                for person in persons:
                    if person in draft.persons or not (person.title or person.side or person.honorific):
                        continue
                    if any(person in other.persons for other in drafts if other is not draft):
                        continue
                    covered = {p.side for p in draft.persons if p.side}
                    unplaced = person.side is None and (person.title or person.honorific)
                    if (person.side in draft.sides and person.side not in covered) or (
                        unplaced and (referred or index in draft.sentences)
                    ):
                        self._join(draft, person, "participant/context")

    def _in_delegation(self, token_index: int) -> bool:
        index = self.sent_of.get(token_index)
        return index is not None and self.delegation[index]

    def _join(self, draft: Draft, person: Person, rule: str) -> None:
        """Add a participant, giving them the side their meeting still lacks if the text gave none."""
        draft.persons.append(person)
        self._ties[id(draft), id(person)] = rule
        if person.side is None:
            covered = {p.side for p in draft.persons if p.side}
            rest = [s for s in draft.sides if s not in covered]
            person.side = rest[0] if rest else None

    def _fill_titles(self, draft: Draft) -> None:
        """A plural office ("the trade ministers of Peru and Chile held talks") titles each person named."""
        match = re.search(
            r"\b((?:(?!the\b|two\b|both\b|three\b)[A-Za-z]{2,} )?ministers?)\b",
            draft.level_words,
            re.IGNORECASE,
        )
        if not match:
            return
        office = match.group(1).lower().rstrip("s").strip()
        for person in draft.persons:
            if person.title is None:
                person.title = office.title()

    def _aside(self, person: Person, sent: Span) -> bool:
        """Named only in passing: under "of", negated, or the speaker about the meeting."""
        for start, end in person.mentions:
            if not sent.start <= start < sent.end:
                continue
            token = self.doc[start]
            for ancestor in [token, *token.ancestors]:
                if any(c.dep_ == "neg" for c in ancestor.children):
                    return True
                if ancestor.dep_ == "pobj" and ancestor.head.lower_ == "of" and not _roster_of(ancestor.head):
                    return True
                if ancestor.dep_ in ("nsubj",) and ancestor.head.lemma_.lower() in _SPEECH_VERBS:
                    return True
            head = self.doc[person.mentions[0][1] - 1]
            if head.dep_ == "nsubj" and head.head.lemma_.lower() in _SPEECH_VERBS:
                return True
            last = self.doc[end - 1]
            if last.dep_ == "poss" and last.head.lower_ not in words(TRIGGERS, label="noun"):
                return True  # "Assad's government": named as the owner of something, not at the table
        return False

    def _meetings_for(self, index: int, drafts: list[Draft]) -> list[Draft]:
        here = [d for d in drafts if index in d.sentences]
        if not here:
            main = drafts[0]
            group = [d for d in drafts if d is main or (d.mentions and d.mentions[0] is main.mentions[0])]
            return _last_reported(group, index) if index >= 0 else group
        non_background = [d for d in here if not d.background] or here
        held = [d for d in non_background if d.status == "held"]
        return held or non_background  # "after the talks they agreed to meet again": said at the talks

    # -- stances and agreements ------------------------------------------------------------

    def _positions(self, sent: Span, candidates: list[Draft], keys: dict[int, str]) -> list[Position]:
        """Stances voiced in `sent`; a headline only repeats one that the body reports."""
        rows: list[Position] = []
        title = " ".join((self.article.title or "").split())
        if title and sent.start == 0 and " ".join(sent.text.split()).startswith(title):
            return rows
        cues = sorted(_safe(find_stances, sent), key=lambda c: c.cue.start)
        for n, cue in enumerate(cues):
            end = cues[n + 1].cue.start if n + 1 < len(cues) else sent.end
            for draft in self._narrow(self._prefer_main(candidates, cue.subject, sent), sent):
                countries = [x for x in draft.sides if not self.sides.is_org(x)]
                orgs = sorted({*draft.organizations, *(x for x in draft.sides if self.sides.is_org(x))})
                speakers = speaking_sides(countries, orgs)
                found = (
                    self.holders.every_side(speakers, draft.persons)
                    if cue.impersonal
                    else self.holders.resolve(cue.subject, speakers, draft.persons)
                )
                outsiders = [
                    h
                    for h in found
                    if h.person is None and (h.country or h.organization) not in self._meeting_sides
                ]
                if len(found) > 1 and outsiders:
                    continue  # "Britain and France condemned ...": a group not all of whom meet here
                for holder in found:
                    if holder.country is None and holder.organization is None:
                        continue
                    if cue.reported and (holder.person is None or holder.person.side not in draft.sides):
                        continue  # a reported view counts only from a named person of a side at the table
                    holder = self.holders.addressed_holder(holder, cue, cues, countries)
                    self._holder_joins(draft, holder)
                    targets = self.holders.stance_targets(sent, cue, end, holder, countries)
                    rows.append(
                        Position(
                            meeting_key=keys[id(draft)],
                            stance=cue.stance,
                            evidence=evidence(evidence_sentence(sent, cue, self.sents, self.sent_of)),
                            holder_country=holder.country,
                            holder_organization=holder.organization,
                            holder_name=holder.person.name if holder.person else None,
                            target_countries=targets,
                            topic=cue.topic,
                            confidence=0.6 if holder.person else 0.5,
                            rule_id=cue.rule_id,
                        )
                    )
        if not rows and self.stance_model is not None:
            rows = self._learned_positions(self.stance_model, sent, candidates, keys)
        return rows

    def _learned_positions(
        self, model: StanceClassifier, sent: Span, candidates: list[Draft], keys: dict[int, str]
    ) -> list[Position]:
        """Where the cue rules gave no row, the stances the classifier reads in the sentence, held
        by its speaker when that resolves to a side of the meeting; never on an agreement's sentence
        (a joint commitment is not a position)."""
        scores = self.stance_scores[self.sent_of[sent.start]]
        stances = model.stances(scores)
        subject = _speaker(sent) if stances else None
        if subject is None or _safe(find_agreements, sent):
            return []
        rows: list[Position] = []
        for draft in self._narrow(self._prefer_main(candidates, subject, sent), sent):
            countries = [x for x in draft.sides if not self.sides.is_org(x)]
            orgs = sorted({*draft.organizations, *(x for x in draft.sides if self.sides.is_org(x))})
            for holder in self.holders.resolve(subject, speaking_sides(countries, orgs), draft.persons):
                if (holder.country or holder.organization) not in {*draft.sides, *draft.organizations}:
                    continue
                self._holder_joins(draft, holder)
                rows += [
                    Position(
                        meeting_key=keys[id(draft)],
                        stance=stance,
                        evidence=evidence(sent),
                        holder_country=holder.country,
                        holder_organization=holder.organization,
                        holder_name=holder.person.name if holder.person else None,
                        confidence=round(scores[stance], 3),
                        rule_id=STANCE_RULE_ID,
                    )
                    for stance in stances
                ]
        return rows

    def _agreements(self, sent: Span, candidates: list[Draft], keys: dict[int, str]) -> list[Agreement]:
        rows: list[Agreement] = []
        for cue in _safe(find_agreements, sent):
            for draft in self._narrow(self._prefer_main(candidates, cue.subject, sent), sent):
                sides = sorted({*draft.sides, *draft.organizations})
                holders = self.holders.resolve(cue.subject, sides, draft.persons)
                parties = sorted(
                    {h.country or h.organization for h in holders if h.country or h.organization}
                )
                if len(parties) < 2:
                    parties = sorted({*draft.sides, *draft.organizations})
                for holder in holders:
                    self._holder_joins(draft, holder, "participant/agreement_party")
                rows.append(
                    Agreement(
                        meeting_key=keys[id(draft)],
                        parties=parties,
                        status=cue.status,
                        evidence=evidence(sent),
                        description=cue.description,
                        timeframe=cue.timeframe,
                        confidence=0.6,
                        rule_id=cue.rule_id,
                    )
                )
        return rows

    def _prefer_main(self, candidates: list[Draft], subject: Span | None, sent: Span) -> list[Draft]:
        """ "The two ministers agreed to hold a meeting in July": said at the main meeting, about another."""
        main = _last_reported(self._main_group, self.sent_of[sent.start])
        if subject is None:
            return candidates
        collective = is_collective(subject.text)
        if any(d in main for d in candidates):
            # "After the talks the two ministers agreed to meet again in Cairo": at the talks, not the next round
            return [d for d in candidates if d in main] if collective else candidates
        persons = self.people.persons_in(subject.start, subject.end)
        if collective or (persons and all(any(p in d.persons for d in main) for p in persons)):
            return main
        return candidates

    def _holder_joins(self, draft: Draft, holder: Holder, rule: str = "participant/stance_holder") -> None:
        """A person voicing a stance at a meeting took part, unless their side already has someone."""
        person = holder.person
        if person is None or person in draft.persons or holder.country not in draft.sides:
            return
        if holder.country not in {p.side for p in draft.persons}:
            draft.persons.append(person)
            self._ties[id(draft), id(person)] = rule

    def _narrow(self, candidates: list[Draft], sent: Span) -> list[Draft]:
        """Among sibling meetings (one split from "separate meetings"), the ones the sentence names."""
        if len(candidates) < 2:
            return candidates
        named = {m.code for m in self.sides.find(sent.text)} | {
            p.side for p in self.people.persons_in(sent.start, sent.end) if p.side
        }
        shared = set.intersection(*(set(d.sides) for d in candidates))
        chosen = [d for d in candidates if (set(d.sides) - shared) & named]
        return chosen or candidates


def _last_reported(group: list[Draft], index: int) -> list[Draft]:
    """Of the bilaterals one report was split into ("greetings with his counterparts from A, B and
    C"), the one whose own report comes last before sentence `index`: "The two ministers agreed
    ..." after the call with A's minister was said in that call."""
    if len(group) < 2:
        return group
    shared = set.intersection(*(d.sentences for d in group))
    own = {id(d): [i for i in d.sentences - shared if i < index] for d in group}
    last = max((max(own[id(d)]) for d in group if own[id(d)]), default=None)
    if last is None:
        return group
    return [d for d in group if last in own[id(d)]]


def _roster_of(of: Token) -> bool:
    """ "The side is made up of X and Y", "the delegation consists of X": members, not owners."""
    return of.head.lemma_.lower() in _ROSTER_VERBS


def _safe(find, sent: Span) -> list:
    """Cue finders run on every sentence; one odd sentence must not sink the article."""
    try:
        return list(find(sent))
    except Exception:
        return []


def _speaker(sent: Span) -> Span | None:
    """Who voices the sentence: the subject of its main verb, else the first subject in it that
    names someone (an apposition or a participle can leave the main verb without one)."""
    root = sent.root
    verbs = (t.head for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head != root)
    for verb in itertools.chain([root], verbs):
        subject = subject_of(verb)
        if subject is not None and is_agent(subject):
            return subject
    return None


def _drop_nationality(title: str | None, sides: SideLexicon) -> str | None:
    if not title:
        return None
    found = sides.find(title)
    if found and found[0].start == 0 and not found[0].is_org:
        rest = title[found[0].end :].lstrip(" ’'s").strip()
        return rest or title
    return title


def _unique_positions(rows: list[Position]) -> list[Position]:
    """One row per stance: a sentence about two meetings states it once, at the first (the nearest)."""
    seen: set[tuple] = set()
    out = []
    for row in rows:
        key = (
            row.holder_country,
            row.holder_organization,
            row.stance,
            row.evidence.start,
            *row.target_countries,
        )
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def _unique_agreements(rows: list[Agreement]) -> list[Agreement]:
    seen: set[tuple] = set()
    out = []
    for row in rows:
        # a failure is reported once per sentence ("was not concluded; ... remained apart on ...")
        what = None if row.status == "not_reached" else row.description
        key = (row.meeting_key, row.status, row.evidence.start, what)
        if key not in seen:
            seen.add(key)
            out.append(row)
    return [row for row in out if not _summarised_failure(row, out)]


def _summarised_failure(row: Agreement, rows: list[Agreement]) -> bool:
    """ "They agreed on X but failed to agree on Y": a lead that sums up the talks beside what was
    agreed; the failure is reported again where the story details it, and is counted there."""
    if row.status != "not_reached":
        return False
    same = [r for r in rows if r.meeting_key == row.meeting_key and r is not row]
    beside = any(r.status != "not_reached" and r.evidence.start == row.evidence.start for r in same)
    again = any(r.status == "not_reached" and r.evidence.start != row.evidence.start for r in same)
    return beside and again
