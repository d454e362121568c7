"""Group meeting mentions into meetings and settle each meeting's fields.

A mention joins a meeting already reported when nothing in it contradicts that
meeting (sides, date, place, medium, status, people); otherwise it starts a
new one. Referring mentions ("the talks", "this meeting") only add detail to
the main meeting. At the end, people without a side take the side the meeting
still lacks, "separate meetings" split into bilaterals, and the level comes
from the highest-ranking participant or office, else the meeting's own words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Span

from parley.extract.dates import AHEAD, MONTHS, DateMention, dates_in, full_date, resolve
from parley.extract.entities import ents_in
from parley.extract.mentions import Mention, indefinite, place_rank
from parley.extract.offices import highest, meeting_word_level, office_word_levels
from parley.extract.people import Office, People, Person

_VAGUE_KINDS = ("my", "year")
_PHONE_TITLE = re.compile(r"\b(?:phone|telephone|call)\b", re.IGNORECASE)
_VIDEO_TITLE = re.compile(r"\b(?:video|virtual|online)\b", re.IGNORECASE)
_LEDE_KINDS = ("weekday", "mdy", "dmy", "relative")
_LEDE_SENTENCES = 3  # the main meeting must be reported this early for the lede to date it


def _protagonist(people: People) -> str | None:
    """The side of the person the story names most often: whom a wire story follows."""
    counts = Counter(p.side for p in people.persons for _ in p.mentions if p.side)
    return counts.most_common(1)[0][0] if counts else None


def _date_siblings(drafts: list[Draft]) -> None:
    """ "held talks with A, B and C ... in separate meetings on Monday": the bilaterals split from
    one report share the day a later sentence gives any of them."""
    for draft in drafts:
        if not draft.split or draft.date is None:
            continue
        for sibling in drafts:
            if sibling.split and sibling.date is None and sibling.mentions[0] is draft.mentions[0]:
                sibling.date, sibling.start_date = draft.date, draft.start_date


def lede_date(sents: list[Span], first: int = 0) -> DateMention | None:
    """The day a news lede gives its main verb ("X and Y agreed on Thursday to ...").

    Wire stories open with the outcome and its day and report the meeting that produced it
    later, undated; that day is the meeting's when nothing else dates it.
    """
    if first >= len(sents):
        return None
    root = sents[first].root
    for child in root.children:
        if child.dep_ not in ("prep", "npadvmod") or (child.dep_ == "prep" and child.lower_ != "on"):
            continue
        phrase = root.doc[child.left_edge.i : child.right_edge.i + 1]
        dates = [d for d in dates_in(phrase) if d.kind in _LEDE_KINDS]
        if dates:
            return dates[0]
    return None


@dataclass(eq=False)
class Draft:
    """A meeting being assembled from its mentions."""

    mentions: list[Mention] = field(default_factory=list)
    sides: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    status: str = "held"
    format: str = "unknown"
    explicit_format: bool = False
    date: DateMention | None = None
    start_date: dt.date | None = None
    location: str | None = None
    duration: int | None = None
    separate: bool = False
    ordinal: str | None = None
    level_words: str = ""
    level: str = "unknown"
    background: bool = False
    split: bool = False

    @property
    def sentences(self) -> set[int]:
        return {m.sent_index for m in self.mentions}


class MeetingBuilder:
    """Builds the meetings of one article from its mentions."""

    def __init__(
        self, people: People, published: dt.date | None, home: str | None, title: str | None
    ) -> None:
        self.people = people
        self.published = published
        self.home = home
        self.title = title or ""
        self.lede: tuple[int, DateMention] | None = None
        self.protagonist = home or _protagonist(people)

    def build(self, mentions: list[Mention], lede: tuple[int, DateMention] | None = None) -> list[Draft]:
        """Meetings from mentions; `lede` is the lede sentence's index and its date, if any."""
        self.lede = lede
        drafts: list[Draft] = []
        for mention in _fold_settings(mentions):
            self._place(mention, drafts)
        drafts = [d for d in drafts if d.sides or d.persons or d.organizations]
        if drafts:
            self._complete_sides(drafts)
            drafts = self._split_separate(drafts)
            drafts = self._merge_duplicates(drafts)
            _date_siblings(drafts)
        for draft in drafts:
            self._finish(draft, drafts[0])
        return [
            d
            for d in drafts
            if len(d.sides) + len(d.organizations) >= 2 or self._members_met(d) or _regional(d)
        ]

    def _members_met(self, draft: Draft) -> bool:
        """ "ASEAN foreign ministers met": an organisation's members meeting, sides unnamed."""
        return (
            bool(draft.organizations)
            and not draft.sides
            and any(m.kind == "verb" or m.members for m in draft.mentions)
        )

    # -- grouping ---------------------------------------------------------------------

    def _place(self, mention: Mention, drafts: list[Draft]) -> None:
        main = drafts[0] if drafts else None
        if mention.anaphoric:
            if main is None:
                drafts.append(self._new(mention, detail_only=True))
            elif named := self._named_meeting(mention, drafts):
                # "the minister and the Ethiopian envoy ... at the meeting": that envoy's meeting
                self._absorb(named, mention, detail_only=not mention.roster)
            elif self._conflicts(main, mention, detail_only=True) and (
                earlier := self._earlier_reference(mention, drafts)
            ):
                self._absorb(earlier, mention, detail_only=not mention.roster)  # "during the consultations"
            elif self._conflicts(main, mention, detail_only=True):
                draft = self._new(mention, detail_only=True)
                draft.sides = list(main.sides)
                if mention.collective_people and not _of_others(mention):
                    draft.persons, draft.offices = _named_by(mention, main.persons), list(main.offices)
                drafts.append(draft)
            else:
                for draft in self._with_siblings(main, drafts):  # "in these bilateral discussions"
                    self._absorb(draft, mention, detail_only=not mention.roster)
            return
        if mention.host:
            for guest in [s for s in mention.sides if s != mention.host]:
                draft = self._new(mention)
                draft.sides = [mention.host, guest]
                draft.persons = [p for p in mention.persons if p.side in (mention.host, guest)]
                draft.offices = [o for o in mention.offices if o.side in (mention.host, guest)]
                draft.split = True  # one of several bilaterals: the same pair's report elsewhere joins it
                drafts.append(draft)
            return
        if mention.pairs:
            for pair in mention.pairs:
                draft = self._new(mention)
                draft.persons = list(pair)
                draft.sides = [p.side for p in pair if p.side]
                draft.split = True
                drafts.append(draft)
            return
        if mention.per_person:
            for person in mention.persons:
                draft = self._new(mention)
                draft.persons = [person]
                draft.sides = [s for s in [person.side] if s]
                drafts.append(draft)
            return
        if mention.collective and main is None and mention.antecedents:
            mention.persons = list(dict.fromkeys([*mention.persons, *mention.antecedents]))
            mention.sides = list(dict.fromkeys([*mention.sides, *(p.side for p in mention.antecedents)]))
        if mention.collective and main is not None and not mention.regional:
            mention.sides = list(dict.fromkeys([*mention.sides, *main.sides]))
            if mention.collective_people:
                mention.persons = list(dict.fromkeys([*mention.persons, *_named_by(mention, main.persons)]))
                mention.offices = [*mention.offices, *main.offices]
        if (recent := self._recent_pair(mention, drafts)) is not None:
            mention.sides = list(recent.sides)  # "Look forward to an early meeting in Abuja"
        for draft in drafts:
            if not self._conflicts(draft, mention):
                # "In separate meetings with the four officials, ...": one side named, every bilateral
                targets = self._with_siblings(draft, drafts) if len(mention.sides) <= 1 else [draft]
                # "In the call with Kenya's minister": the one bilateral of the series with that side
                targets = [t for t in targets if set(mention.sides) <= set(t.sides)] or targets
                for target in targets:
                    self._absorb(target, mention)
                return
        parties = len(mention.sides) + len(set(mention.organizations) - set(mention.sides))
        if parties == 1 and mention.regional:
            drafts.append(self._new(mention))  # "the second Chile-Africa summit": Chile and a region
            return
        if parties < 2 and len(mention.persons) < 2 and not mention.collective:
            if self._counterpart_only(mention):
                mention.sides = [self.protagonist, *mention.sides]  # "in the call with X's minister Y"
            elif mention.guest and main is not None and len(main.sides) == 2 and mention.sides:
                mention.sides = list(dict.fromkeys([*mention.sides, *main.sides]))  # "the visiting minister"
            elif drafts:
                if main is None or not (
                    mention.ordinal not in (None, "first") or self._is_background(mention)
                ):
                    return  # one side only, and no meeting it fits: not enough to report an encounter
                mention.sides = list(dict.fromkeys([*mention.sides, *main.sides]))
        drafts.append(self._new(mention))

    def _recent_pair(self, mention: Mention, drafts: list[Draft]) -> Draft | None:
        """A meeting ahead with one side named, right after that side's meeting with another:
        the same pair's next meeting."""
        if mention.status not in AHEAD or mention.anaphoric or len(mention.sides) != 1 or mention.regional:
            return None
        trigger = mention.trigger
        if any(c.lower_ == "with" for c in [*trigger.children, *trigger.head.children]):
            return None  # "talks with business leaders": its other party is named, and is no side
        last = max(drafts, key=lambda d: max(d.sentences), default=None)
        if last is None or len(last.sides) != 2 or mention.sides[0] not in last.sides:
            return None
        return last if mention.sent_index - max(last.sentences) <= 2 else None

    def _named_meeting(self, mention: Mention, drafts: list[Draft]) -> Draft | None:
        """The one meeting, other than the main one, whose sides the people named beside a
        reference back belong to."""
        sent = mention.trigger.sent
        named = {p.side for p in self.people.persons_in(sent.start, sent.end) if p.side}
        if not named or named <= set(drafts[0].sides):
            return None
        fits = [
            d
            for d in drafts[1:]
            if named <= set(d.sides) and not self._conflicts(d, mention, detail_only=True)
        ]
        return fits[0] if len(fits) == 1 else None

    def _earlier_reference(self, mention: Mention, drafts: list[Draft]) -> Draft | None:
        """For a reference back that the main meeting cannot take, the latest other meeting of its
        status that was itself only referred to ("the talks on Wednesday ... during the talks")."""
        for draft in reversed(drafts[1:]):
            if draft.status == mention.status and not self._conflicts(draft, mention, detail_only=True):
                return draft if all(m.anaphoric for m in draft.mentions) else None
        return None

    @staticmethod
    def _with_siblings(main: Draft, drafts: list[Draft]) -> list[Draft]:
        """The main meeting, or all the bilaterals one report was split into."""
        if not main.split:
            return [main]
        return [d for d in drafts if d.split and d.mentions[0] is main.mentions[0]]

    def _counterpart_only(self, mention: Mention) -> bool:
        """A mention naming only the other side's official ("the call with Ruritania's minister A"):
        the story's protagonist is the one meeting them."""
        if self.protagonist is None or len(mention.sides) != 1 or mention.sides[0] == self.protagonist:
            return False
        return any(p.side == mention.sides[0] for p in mention.persons) and not mention.anaphoric

    def _new(self, mention: Mention, detail_only: bool = False) -> Draft:
        draft = Draft(status=mention.status, ordinal=mention.ordinal, background=self._is_background(mention))
        self._absorb(draft, mention, detail_only=detail_only)
        return draft

    def _is_background(self, mention: Mention) -> bool:
        """A meeting dated only by a past month or year ("last November", "in 2006")."""
        date = mention.date
        if date is None or date.kind not in _VAGUE_KINDS:
            return False
        text = date.text.lower()
        if text.startswith(("last", "early", "earlier")):
            return True
        year = re.search(r"(19|20)\d\d", text)
        if self.published is None:
            return bool(year)
        if year:
            return int(year.group(0)) < self.published.year or date.kind == "year"
        month = re.search(r"[a-z]+", text.split()[-1] if text.split() else "")
        number = MONTHS.get(month.group(0)) if month else None
        return number is not None and number < self.published.month and mention.status == "held"

    def _conflicts(self, draft: Draft, mention: Mention, detail_only: bool = False) -> bool:
        if mention.date is not None and draft.date is not None:
            same_text = _date_words(mention.date) == _date_words(draft.date)
            if mention.start_date and draft.start_date:
                if mention.start_date != draft.start_date:
                    return True
            elif not same_text and (mention.date.kind in _VAGUE_KINDS or draft.date.kind in _VAGUE_KINDS):
                return True
        if self._is_background(mention) != draft.background:
            return True
        if mention.location and draft.location and not _same_place(mention.location, draft.location):
            return True
        if detail_only and indefinite(mention.trigger) and draft.format not in ("unknown", mention.format):
            return mention.format != "unknown"  # "followed a telephone conversation": another event
        if detail_only and _arranged(mention) and mention.status != draft.status:
            return True  # "they agreed to hold a meeting of their fisheries agencies": one still to come
        if detail_only:
            return False
        if mention.status != draft.status:
            return True
        if _courtesy(mention) != any(_courtesy(m) for m in draft.mentions):
            return True  # a delegation "called on" a minister: an encounter of its own
        if mention.ordinal not in (None, "first") and mention.ordinal != draft.ordinal:
            return True
        if (
            mention.format in ("phone", "virtual")
            and draft.explicit_format
            and draft.format != mention.format
        ):
            return True
        if mention.format in ("phone", "virtual") and draft.format not in ("unknown", mention.format):
            return True
        if (
            draft.explicit_format
            and draft.format in ("phone", "virtual")
            and mention.format not in ("unknown", draft.format)
        ):
            return True
        if set(mention.organizations) - set(draft.organizations) and len(draft.sides) >= 2:
            return True  # "the ASEAN-ROK summit" beside a bilateral: the organisation's own meeting
        if mention.on_margins and (
            set(mention.sides) != set(draft.sides) or set(draft.organizations) - set(mention.organizations)
        ):
            return True  # met on the sidelines of a meeting: one of its own, beside that one
        if mention.sides and draft.sides:
            a, b = set(mention.sides), set(draft.sides)
            if not (a <= b or b <= a or len(a & b) / len(a | b) >= 0.5):
                return True
        covered = {p.side for p in draft.persons if p.side}
        for person in mention.persons:
            if person in draft.persons:
                continue
            if person.side is None and draft.persons and len(draft.persons) >= 2:
                return True
            if person.side in covered:
                return True
        named = (mention.named_rank, highest([m.named_rank for m in draft.mentions]))
        return "unknown" not in named and named[0] != named[1]  # "the Meeting of Foreign Ministers"

    def _absorb(self, draft: Draft, mention: Mention, detail_only: bool = False) -> None:
        draft.mentions.append(mention)
        for person in mention.persons:
            if person not in draft.persons:
                draft.persons.append(person)
        if not detail_only:
            draft.sides = list(dict.fromkeys([*draft.sides, *mention.sides]))
            draft.offices += mention.offices
        draft.organizations = list(dict.fromkeys([*draft.organizations, *mention.organizations]))
        if draft.date is None and mention.date is not None:
            draft.date, draft.start_date = mention.date, mention.start_date
        if mention.location and (
            draft.location is None or place_rank(mention.location) < place_rank(draft.location)
        ):
            draft.location = mention.location
        draft.duration = draft.duration or mention.duration
        explicit = mention.format in ("phone", "virtual") or (
            mention.format == "in_person" and "person" in mention.level_words.lower()
        )
        if draft.format == "unknown" or (explicit and not draft.explicit_format):
            draft.format = mention.format if mention.format != "unknown" else draft.format
            draft.explicit_format = draft.explicit_format or explicit
        draft.separate = draft.separate or mention.separate
        draft.level_words += " " + mention.level_words

    # -- settling -----------------------------------------------------------------------

    def _complete_sides(self, drafts: list[Draft]) -> None:
        """People whose side the text does not give take the side their meeting still lacks."""
        main = drafts[0]
        counterparts = _article_sides(drafts)
        for draft in drafts:
            for person in draft.persons:
                if person.side is not None:
                    continue
                covered = {p.side for p in draft.persons if p.side}
                covered |= {o.side for o in draft.offices if o.side and o.person is None}
                pool = draft.sides or main.sides
                widened = pool if len(pool) >= 2 else list(dict.fromkeys([*pool, *counterparts]))
                uncovered = [s for s in widened if s not in covered]
                uncovered.sort(key=lambda s: s in draft.sides)  # "X's visit to China": not Chinese
                home_fits = (
                    self.home
                    and self.home not in covered
                    and (self.home in pool or len(pool) < 2 or draft.separate)
                )
                if home_fits:
                    person.side = self.home
                elif uncovered:
                    person.side = uncovered[0]
                else:
                    rest = [s for s in main.sides if s not in covered]
                    person.side = rest[0] if rest else None
            draft.sides = list(dict.fromkeys([*draft.sides, *(p.side for p in draft.persons if p.side)]))
            shared = draft.persons or any(m.collective for m in draft.mentions)  # "the commission", "they"
            if (
                len(draft.sides) + len(draft.organizations) < 2
                and draft is not main
                and shared
                and not _regional(draft)
            ):
                draft.sides = list(dict.fromkeys([*draft.sides, *main.sides]))

    def _split_separate(self, drafts: list[Draft]) -> list[Draft]:
        """ "held separate meetings with each visiting minister": one bilateral per counterpart."""
        out: list[Draft] = []
        for draft in drafts:
            if not draft.separate or (len(draft.sides) < 3 and (not self.home or self.home in draft.sides)):
                out.append(draft)
                continue
            counts: dict[str, int] = {}
            for person in draft.persons:
                if person.side:
                    counts[person.side] = counts.get(person.side, 0) + 1
            host = max(counts, key=counts.__getitem__) if counts else self.home
            if host not in draft.sides:
                host = self.home if self.home else draft.sides[0]
            for side in [s for s in draft.sides if s != host]:
                if side == host:
                    continue
                part = Draft(**{**draft.__dict__})
                part.sides = [host, side]
                part.persons = [p for p in draft.persons if p.side in (host, side)]
                part.offices = [o for o in draft.offices if o.side in (host, side)]
                part.separate = False
                part.split = True
                out.append(part)
        return out

    def _merge_duplicates(self, drafts: list[Draft]) -> list[Draft]:
        out: list[Draft] = []
        for draft in drafts:
            twin = next(
                (
                    d
                    for d in out
                    if (d.split or draft.split)
                    and set(d.sides) == set(draft.sides)
                    and d.status == draft.status
                    and d.ordinal == draft.ordinal
                    and (
                        d.location is None
                        or draft.location is None
                        or _same_place(d.location, draft.location)
                    )
                    and (d.start_date is None or draft.start_date is None or d.start_date == draft.start_date)
                    and d.background == draft.background
                    and not ({p.side for p in d.persons} & {p.side for p in draft.persons} - {None})
                    - {p.side for p in set(d.persons) & set(draft.persons)}
                ),
                None,
            )
            if twin is None:
                out.append(draft)
                continue
            twin.mentions += draft.mentions
            twin.persons += [p for p in draft.persons if p not in twin.persons]
            twin.date = twin.date or draft.date
            twin.start_date = twin.start_date or draft.start_date
            twin.location = twin.location or draft.location
            twin.duration = twin.duration or draft.duration
            if twin.format == "unknown":
                twin.format = draft.format
        return out

    def _finish(self, draft: Draft, main: Draft) -> None:
        if draft is main and draft.date is None and self.lede is not None:
            index, date = self.lede
            early = min(draft.sentences) <= index + _LEDE_SENTENCES
            report = next((m for m in draft.mentions if not m.anaphoric), draft.mentions[0])
            timed = _undated_time(report)  # "met for three days", "a call last month"
            if early and not timed and draft.status == "held" and not draft.background:
                draft.date = date
        if draft is main and draft.date is None and draft.status == "held" and not draft.background:
            # a press release's title: "Meeting between X and Y on 29 October 2007"
            draft.date = full_date(self.title)
        beside = draft is not main and any(m.on_margins for m in draft.mentions)
        if beside and draft.date is None and main.date is not None and main.status == draft.status:
            draft.date = main.date  # "on its sidelines": during the meeting it is beside
        if draft.date is not None:
            ahead = draft.status in AHEAD and not (draft.status == "cancelled" and _was_due(draft))
            draft.start_date = resolve(draft.date, self.published, future=ahead)
        if draft is main and (draft.format == "unknown" or not draft.explicit_format):
            if _PHONE_TITLE.search(self.title):
                draft.format = "phone"
            elif _VIDEO_TITLE.search(self.title):
                draft.format = "virtual"
        if draft.format == "unknown" and (draft.location or draft.status == "held"):
            draft.format = "in_person"  # talks held with no medium named took place face to face
        self.settle_level(draft)
        draft.sides = sorted(set(draft.sides))
        draft.organizations = sorted(set(draft.organizations))

    def settle_level(self, draft: Draft) -> None:
        """Highest rank among participants and offices identified; else the meeting's own word."""
        levels = [p.level for p in draft.persons if p.side is None or p.side in draft.sides]
        levels += [o.level for o in draft.offices]
        if _regional(draft) and not levels:
            draft.level = meeting_word_level(draft.mentions[0].trigger.text)  # "the Chile-Africa summit"
            return
        draft.level = highest(levels + office_word_levels(draft.level_words))
        if draft.level == "unknown":
            draft.level = meeting_word_level(draft.level_words)


def _was_due(draft: Draft) -> bool:
    """ "The round that had been set for Tuesday was cancelled": its day had come, or was near,
    when it was called off, so a weekday is the last one, not the next."""
    return any(
        t.lower_ == "had" and t.dep_ in ("aux", "auxpass") for m in draft.mentions for t in m.trigger.sent
    )


def _arranged(mention: Mention) -> bool:
    """ "agreed to hold a meeting of the fisheries agencies": an indefinite meeting someone holds or
    convenes is an event of its own, not a reference back."""
    trigger = mention.trigger
    return indefinite(trigger) and trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in _CONVENING


_CONVENING = frozenset({"hold", "convene", "organize", "organise", "host", "arrange", "schedule"})


def _of_others(mention: Mention) -> bool:
    """ "They agreed to hold a meeting of their fisheries agencies": those who arrange a
    meeting of others do not sit at it."""
    return _arranged(mention) and any(c.dep_ == "prep" and c.lower_ == "of" for c in mention.trigger.children)


def _regional(draft: Draft) -> bool:
    """A meeting founded by a mention whose other party is a region ("the Chile-Africa summit")."""
    return (
        bool(draft.mentions)
        and draft.mentions[0].regional
        and len(draft.sides) + len(draft.organizations) == 1
    )


def _named_by(mention: Mention, persons: list[Person]) -> list[Person]:
    """The people a collective subject stands for: "the ministers" are the ministers among them,
    not the presidents who met before; "they", "the two sides" all of them."""
    words = mention.collective_words
    if re.search(r"\bministers?\b", words) and not re.search(r"\bprime ministers?\b", words):
        return [p for p in persons if "minister" in (p.title or "").lower()]
    return list(persons)


def _fold_settings(mentions: list[Mention]) -> list[Mention]:
    """ "agreed to meet on the sidelines of the summit in Budapest in May": a definite meeting word
    inside the clause of an encounter reported in the same sentence is its setting; its date and
    place are that encounter's, and it is no encounter of its own. So is one naming no one, before
    or after the verb ("In another meeting, X met Y")."""
    out: list[Mention] = []
    for mention in mentions:
        host = next(
            (
                m
                for m in mentions
                if m.sent_index == mention.sent_index
                and not m.anaphoric
                and m.kind == "verb"
                and m.trigger in mention.trigger.ancestors
            ),
            None,
        )
        bare = mention.anaphoric or not (mention.sides or mention.persons)  # "in another meeting, X met Y"
        if not bare or host is None or mention.trigger.dep_ != "pobj":
            out.append(mention)
            continue
        if host.date is None:
            host.date, host.start_date = mention.date, mention.start_date
        host.location = host.location or mention.location
    return out


def _article_sides(drafts: list[Draft]) -> list[str]:
    """Countries of the article's encounters, most reported first: a readout names its own
    minister without a country ("Foreign Minister X held talks with Egypt's ..."), so an
    unplaced participant of a one-sided encounter belongs to the article's other party."""
    counts: dict[str, int] = {}
    for draft in drafts:
        for mention in draft.mentions:
            for side in mention.sides:
                counts[side] = counts.get(side, 0) + 1
    return sorted(counts, key=lambda s: -counts[s])


def _date_words(date: DateMention) -> str:
    """A date expression without the preposition before it: "on Monday" is "Monday", "in June" "June"."""
    words = date.text.lower()
    return words.split(" ", 1)[1] if words.startswith(("on ", "in ")) else words


def _undated_time(mention: Mention) -> bool:
    """The mention carries a time that is no day ("last month", "for three days")."""
    scope = {t.i for t in mention.scope}
    return any(
        ent.label_ == "DATE" and ent.start in scope and not dates_in(ent)
        for ent in ents_in(mention.trigger.sent)
    )


def _courtesy(mention: Mention) -> bool:
    return mention.kind == "verb" and mention.trigger.lemma_.lower() == "call"


def _same_place(a: str, b: str) -> bool:
    a_words, b_words = set(a.lower().split()), set(b.lower().split())
    return bool(a_words & b_words) or place_rank(a) > 0 or place_rank(b) > 0
