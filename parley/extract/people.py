"""People in an article: names, titles as written, the side each represents, later mentions.

A person is found from spaCy's PERSON entities and from names that an office
title anchors ("Secretary of State Pompeo", "Saurabh Kumar, Secretary (East)"),
because the small model misses many foreign names. Later mentions by surname
("Motegi"), by office ("the Secretary") and by pronoun ("he") resolve back to
the person, so that stances and meetings can name the side behind them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from parley.extract.offices import implied_side, is_connector, is_honorific, is_title_word, title_level
from parley.extract.sides import SideLexicon

# Capitalised words that follow a title without being a name.
_NOT_NAMES = {
    "meeting",
    "meetings",
    "talks",
    "talk",
    "summit",
    "consultations",
    "dialogue",
    "commission",
    "agreement",
    "office",
    "ministry",
    "council",
    "department",
    "committee",
    "conference",
    "forum",
    "group",
    "party",
    "guesthouse",
    "palace",
    "hotel",
    "residence",
    "embassy",
    "i",
    "we",
    "he",
    "she",
    "they",
    "the",
    "and",
    "of",
}
_PRONOUNS = {"he", "she", "him", "her", "his"}
_COUNTERPART = {"counterpart", "counterparts"}


@dataclass(eq=False)
class Person:
    """One named person and what the article says about them."""

    name: str
    title: str | None = None
    side: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans in the doc
    honorific: bool = False  # named with "Mr.", "Prince", "H.E.": a dignitary even without a title

    @property
    def tokens(self) -> set[str]:
        return name_tokens(self.name)

    @property
    def level(self) -> str:
        return title_level(self.title, self.side)


@dataclass(eq=False)
class Office:
    """An office named without a person ("the Foreign Secretary"), resolved when possible."""

    start: int
    end: int
    title: str
    side: str | None
    person: Person | None

    @property
    def level(self) -> str:
        return self.person.level if self.person else title_level(self.title, self.side)


def name_tokens(name: str) -> set[str]:
    return {t for t in re.findall(r"[a-z]+", name.lower()) if len(t) > 1 or not t.isalpha()}


def _is_name_token(token: Token, sides: SideLexicon) -> bool:
    text = token.text
    if not text[:1].isupper() or token.pos_ not in ("PROPN", "NOUN", "ADJ", "X"):
        return False
    if is_title_word(token) or is_honorific(token) or token.lower_ in _NOT_NAMES:
        return False
    return not (text in sides.countries or text in sides.orgs)


def _extend(doc: Doc, start: int, end: int, sides: SideLexicon, bound: Span) -> tuple[int, int]:
    """Grow a name over neighbouring name words and hyphenated parts ("Moon Jae" + "-in")."""
    while start > bound.start and _is_name_token(doc[start - 1], sides) and doc[start - 1].whitespace_:
        start -= 1
    while end < bound.end:
        token = doc[end]
        if (
            token.text == "-"
            and not doc[end - 1].whitespace_
            and end + 1 < bound.end
            and not token.whitespace_
        ):
            end += 2
        elif (
            not doc[end - 1].whitespace_ and token.is_alpha and token.is_lower and doc[end - 1].text == "-"
        ) or (
            doc[end - 1].whitespace_
            and (_is_name_token(token, sides) or re.fullmatch(r"[A-Z]\.", token.text))
        ):
            end += 1
        else:
            break
    while start < end and is_honorific(doc[start]):
        start += 1
    while end > start and doc[end - 1].text in ("'s", "’s", "-"):
        end -= 1
    return start, end


def _title_left(doc: Doc, start: int, bound: Span, name_end: int | None = None) -> tuple[int, int]:
    """The title written before a name: (title_start, title_end) or an empty range.
    "The Secretary-General, Mr. X, said": a title set off by a comma also counts, and so does
    one whose name is itself closed off ("Norway's Trade Minister, Ola Dahl, said"): a bare
    "the Minister, Dahl said" is too often a list or a new clause."""
    i, good, end = start - 1, start, start
    while i > bound.start and is_honorific(doc[i]):
        i -= 1
    closed = name_end is not None and (name_end >= bound.end or doc[name_end].text in (",", ".", ";", ")"))
    if (
        i - 1 >= bound.start
        and doc[i].text == ","
        and (is_title_word(doc[i - 1]) or _portfolio_start(doc, i - 1, bound) is not None)
        and (i < start - 1 or closed)
    ):
        i, good, end = i - 1, i, i
    while i >= bound.start:
        token = doc[i]
        if token.text == ")":
            j = i
            while j > bound.start and doc[j].text != "(":
                j -= 1
            if doc[j].text != "(" or j == i:
                break
            i = j - 1
            continue
        if is_title_word(token):
            good = i
        elif (k := _portfolio_start(doc, i, bound)) is not None:
            i = k  # "Minister for Europe and Foreign Affairs": a portfolio named inside the title
        elif not (is_connector(token) and token.text != ","):
            break
        i -= 1
    return good, end


def _portfolio_start(doc: Doc, i: int, bound: Span, reach: int = 5) -> int | None:
    """Where a portfolio ending at token i starts (its "for"/"of"), if a title word comes
    before it: "Minister for Europe", "Minister of Economy and Infrastructure"."""
    if not (doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()) or i - 1 < bound.start:
        return None
    if is_title_word(doc[i - 1]):
        return None  # "Secretary of State Pompeo": a name after the title, not its portfolio
    for k in range(i - 1, max(bound.start, i - reach) - 1, -1):
        token = doc[k]
        if token.lower_ in ("for", "of") and k - 1 >= bound.start and is_title_word(doc[k - 1]):
            return k
        if token.lower_ in ("for", "of", "the"):
            continue  # "President of the Republic of Azerbaijan": the state's long name
        capitalised = token.text[:1].isupper() and token.pos_ == "PROPN" and token.ent_type_ != "PERSON"
        if not (token.lower_ in ("and", "&") or capitalised):
            return None
    return None


def _title_right(doc: Doc, end: int, bound: Span) -> tuple[int, int]:
    """An appositive title after a name: ", Minister for Foreign Affairs," or an empty range."""
    if end >= bound.end - 1 or doc[end].text != ",":
        return end, end
    i = end + 1
    while i < bound.end and (
        doc[i].lower_ in ("the", "a") or (doc[i].pos_ == "PROPN" and not is_title_word(doc[i]))
    ):
        if doc[i].lower_ not in ("the", "a") and doc[i + 1 : i + 2].text not in ("'s", "’s"):
            break
        i += 2 if doc[i + 1 : i + 2].text in ("'s", "’s") else 1
    first, last = i, i
    while i < bound.end:
        token = doc[i]
        if token.text == "(":
            j = i
            while j < bound.end and doc[j].text != ")":
                j += 1
            if j >= bound.end:
                break
            i = j + 1
            last = i
            continue
        if is_title_word(token):
            last = i + 1
        elif not (is_connector(token) and token.text not in (",", "and")):
            break
        i += 1
    if last == first:
        return end, end
    return first, last


def _title_text(doc: Doc, start: int, end: int) -> str | None:
    if end <= start:
        return None
    while start < end and (is_connector(doc[start]) or doc[start].text in ("(", ",")):
        start += 1
    while end > start and (is_connector(doc[end - 1]) or doc[end - 1].text == ","):
        end -= 1
    if end <= start:
        return None
    text = doc[start:end].text.strip()
    return text if any(is_title_word(t) for t in doc[start:end]) else None


class PeopleFinder:
    """Finds the people of one parsed article."""

    def __init__(self, sides: SideLexicon) -> None:
        self.sides = sides

    def find(self, doc: Doc, sents: list[Span], title: str | None = None) -> People:
        people = People(doc, self.sides)
        for sent in sents:
            for start, end in self._candidates(doc, sent):
                people.add_mention(sent, start, end)
        people.add_surname_mentions(sents)
        people.find_offices(sents)
        people.find_delegation_offices(sents)
        if title:
            people.complete_names_from(title)
        return people

    def _candidates(self, doc: Doc, sent: Span) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for ent in sent.ents:
            if ent.label_ == "PERSON":
                start = ent.start
                if (
                    ent.end - start >= 3
                    and start > sent.start
                    and doc[start - 1].lower_ == "of"
                    and doc[start].text in self.sides.countries
                ):
                    start += 1  # "President of Azerbaijan Rauf Mammadli": the title's country
                spans.append(_extend(doc, start, ent.end, self.sides, sent))
        for token in sent:
            if not _is_name_token(token, self.sides) or token.pos_ != "PROPN":
                continue
            previous = doc[token.i - 1] if token.i > sent.start else None
            anchored = previous is not None and (
                (previous.lower_ in _ANCHOR_HEADS and previous.text[:1].isupper())
                or is_honorific(previous)
                or self._after_country_title(doc, token, sent)
            )
            following = doc[token.i + 1 : token.i + 3]
            appositive = (
                len(following) == 2
                and following[0].text == ","
                and is_title_word(following[1])
                and token.i > sent.start
                and _is_name_token(doc[token.i - 1], self.sides)
            )
            if anchored or appositive:
                spans.append(_extend(doc, token.i, token.i + 1, self.sides, sent))
        merged: list[tuple[int, int]] = []
        for start, end in sorted(set(spans)):
            if end <= start:
                continue
            if merged and start < merged[-1][1]:
                merged[-1] = (min(merged[-1][0], start), max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return [(s, e) for s, e in merged if self._plausible(doc[s:e])]

    def _after_country_title(self, doc: Doc, token: Token, sent: Span) -> bool:
        """ "President of Azerbaijan Rauf Mammadli", "Secretary of Foreign Affairs and Trade Ana
        Reyes": a two-word name right after a title that ends with its country or portfolio,
        which the tagger often reads as part of the place or the ministry."""
        previous = doc[token.i - 1]
        ends_title = previous.text in self.sides.countries or (
            is_title_word(previous) and previous.text[:1].isupper()
        )
        if not ends_title or token.i + 1 >= sent.end or token.ent_type_ not in ("", "PERSON"):
            return False
        if not _is_name_token(doc[token.i + 1], self.sides):
            return False
        after = doc[token.i + 2] if token.i + 2 < sent.end else None
        if after is not None and after.text[:1].isupper():
            return False  # "Minister of Trade Policy Review Board": a longer name is a body's
        return _title_left(doc, token.i, sent)[0] < token.i

    def _plausible(self, span: Span) -> bool:
        text = span.text
        if text in self.sides.countries or text in self.sides.orgs:
            return False
        if all(is_title_word(t) or is_connector(t) for t in span):
            return False  # "Councilor" tagged PERSON inside "State Councilor and Foreign Minister"
        return any(t.text[:1].isupper() for t in span) and not all(t.lower_ in _NOT_NAMES for t in span)


class People:
    """The people of one article and the ways they are referred to."""

    def __init__(self, doc: Doc, sides: SideLexicon) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text is rebuilt on every access: read it once
        self.sides = sides
        self.persons: list[Person] = []
        self.offices: list[Office] = []
        self._by_token: dict[int, Person] = {}

    # -- building -----------------------------------------------------------------

    def add_mention(self, sent: Span, start: int, end: int) -> Person:
        doc = self.doc
        name = doc[start:end].text
        tokens = name_tokens(name)
        person = self._matching(tokens)
        if person is None:
            person = Person(name=name)
            self.persons.append(person)
        elif len(tokens) > len(person.tokens):
            person.name = name
        person.mentions.append((start, end))
        for i in range(start, end):
            self._by_token[i] = person
        if start > sent.start and is_honorific(doc[start - 1]):
            person.honorific = True
        title, side = self._context(sent, start, end, person)
        if person.title is None and title:
            person.title = title
        if person.side is None and side:
            person.side = side
        return person

    def _matching(self, tokens: set[str]) -> Person | None:
        for person in self.persons:
            shared = tokens & person.tokens
            if shared and (tokens <= person.tokens or person.tokens <= tokens):
                return person
        return None

    def _context(self, sent: Span, start: int, end: int, person: Person) -> tuple[str | None, str | None]:
        """Title and side from the words around one mention."""
        doc = self.doc
        t_start, t_end = _title_left(doc, start, sent, end)
        org_start, org_side = self._org_before(sent, t_start, t_end)
        t_start = min(t_start, org_start)
        title = _title_text(doc, t_start, t_end)
        side = self._side_before(sent, t_start) or org_side
        r_start, r_end = _title_right(doc, end, sent)
        right_title = _title_text(doc, r_start, r_end)
        reach = (
            next((t.i for t in doc[r_end : sent.end] if t.text in (",", ";")), sent.end)
            if right_title
            else end
        )
        right_side, cut = self._side_after(doc[end : min(sent.end, max(reach, end) + 8)], reach)
        if right_title and cut is not None:
            right_title = _title_text(doc, r_start, min(r_end, cut)) or right_title
        if right_title and side is None:
            side = self._side_before(sent, r_start)
        title = title or right_title
        side = side or right_side or self._side_ending(title) or self._delegation_side(sent, start)
        before = doc[max(sent.start, t_start - 3) : t_start]
        if any(t.lower_ in _COUNTERPART for t in before) or (title and title.lower() in _COUNTERPART):
            counterpart = self._last_person_before(start, sent, exclude=person)
            if counterpart is not None and counterpart.title and (not title or title.lower() in _COUNTERPART):
                title = counterpart.title
        return title, side or implied_side(title)

    def _side_before(self, sent: Span, index: int) -> str | None:
        """A country named right before a title: "Chinese", "Japan's", "the UK"."""
        doc = self.doc
        while index > sent.start and is_honorific(doc[index - 1]):
            index -= 1  # "his Saudi counterpart, Prince Faisal"
        lo = max(sent.start, index - 6)
        window_start = doc[lo].idx
        window_end = doc[index].idx if index < len(doc) else len(self.text)
        window = self.text[window_start:window_end]
        mentions = [m for m in self.sides.find(window) if not m.is_org]
        if not mentions:
            return None
        last = mentions[-1]
        rest = window[last.end :]
        if re.fullmatch(
            r"(?:['’]s)?\s*(?:(?:his|her|its|their|the)\s+)?(?:(?:new|then|former|acting)\s+)?(?:counterparts?,?\s*)?",
            rest,
        ):
            return last.code
        return None

    def _org_before(self, sent: Span, t_start: int, t_end: int) -> tuple[int, str | None]:
        """An organisation that heads a title ("U.N. trade official", "European Council
        President"): its side, and where the title starts if the body's name is part of it."""
        if t_end <= t_start or t_start - sent.start < 1:
            return t_start, None
        doc = self.doc
        lo = max(sent.start, t_start - 4)
        window = doc[lo:t_end]
        for found in reversed(self.sides.find(window.text, window.start_char)):
            if not found.is_org:
                continue
            span = doc.char_span(found.start, found.end, alignment_mode="expand")
            if span is None or span.start >= t_start:
                continue
            if span.end == t_start:
                return t_start, found.code  # "U.N. trade official": a body, then the office
            if span.end > t_start and span.end < t_end:
                return span.start, found.code  # "European Council President": one title
        return t_start, None

    def _side_ending(self, title: str | None) -> str | None:
        """ "Minister of Foreign Affairs of Nigeria": the country a title ends with."""
        found = [m for m in self.sides.find(title or "") if not m.is_org]
        if not found or found[-1].end != len(title or ""):
            return None
        before = (title or "")[: found[-1].start].rstrip()
        return found[-1].code if re.search(r"\bof(?: the)?$", before) else None

    def _side_after(self, span: Span, title_end: int) -> tuple[str | None, int | None]:
        """A country the mention belongs to, written right after it or its appositive title
        ("of the Republic of Korea"), and the token where that phrase starts."""
        for token in span:
            if token.i > max(span.start, title_end):
                break
            if token.lower_ not in ("of", "from", "in") or token.i + 1 >= span.end:
                continue
            if token.lower_ == "in" and token.i == span.start:
                continue  # "Wang Yi in Malta" is a place, not a side
            rest = span.doc[token.i + 1 : span.end]
            text = rest.text[4:] if rest.text.lower().startswith("the ") else rest.text
            mentions = [m for m in self.sides.find(text) if not m.is_org]
            if mentions and mentions[0].start == 0:
                return mentions[0].code, token.i
        return None, None

    def _delegation_side(self, sent: Span, index: int) -> str | None:
        """The side of "the Chilean side comprised ..." / "headed on the Peruvian side by ..."."""
        doc = self.doc
        for i in range(index - 1, sent.start, -1):
            if doc[i].lower_ in _DELEGATION_WORDS:
                found = [m for m in self.sides.find(doc[max(sent.start, i - 3) : i].text) if not m.is_org]
                if found:
                    return found[-1].code
        return None

    def _last_person_before(self, index: int, sent: Span, exclude: Person | None = None) -> Person | None:
        for i in range(index - 1, max(-1, sent.start - 400), -1):
            person = self._by_token.get(i)
            if person is not None and person is not exclude:
                return person
        return None

    def add_surname_mentions(self, sents: list[Span]) -> None:
        """Later mentions by one part of the name ("Motegi", "Wang", "Moon")."""
        parts: dict[str, list[Person]] = {}
        for person in self.persons:
            words = self.doc[person.mentions[0][0] : person.mentions[0][1]]
            names = [t for t in words if t.is_alpha and t.text[:1].isupper()]
            for token in {names[0].text, names[-1].text} if names else ():
                if person not in parts.setdefault(token, []):
                    parts[token].append(person)
        for sent in sents:
            for token in sent:
                if token.i in self._by_token or token.text not in parts or len(parts[token.text]) != 1:
                    continue
                person = parts[token.text][0]
                start = self._given_names_before(sent, token.i)
                person.mentions.append((start, token.i + 1))
                for i in range(start, token.i + 1):
                    self._by_token[i] = person
                if token.i - start + 1 > len(person.name.split()):
                    person.name = self.doc[start : token.i + 1].text  # "Nomsa Sithole", missed by the NER
                if person.side is None or person.title is None:
                    title, side = self._context(sent, start, token.i + 1, person)
                    person.title = person.title or title
                    person.side = person.side or side

    def _given_names_before(self, sent: Span, index: int) -> int:
        """Where a surname's full name starts: over the name words before it that nobody claims."""
        start, _end = _extend(self.doc, index, index + 1, self.sides, sent)
        while start < index and start in self._by_token:
            start += 1
        return start

    def find_offices(self, sents: list[Span]) -> None:
        """Offices named without a name: "the Secretary", "The Foreign Secretary", "the foreign minister"."""
        doc = self.doc
        for sent in sents:
            i = sent.start
            while i < sent.end:
                token = doc[i]
                if token.lower_ != "the" or i + 1 >= sent.end:
                    i += 1
                    continue
                j = i + 1
                side = None
                found = self.sides.find(doc[j].text)
                if found and not found[0].is_org and doc[j].text == found[0].text:
                    side = found[0].code
                    j += 1
                k = j
                while k < sent.end and (
                    is_title_word(doc[k])
                    or (is_connector(doc[k]) and doc[k].lower_ == "of")
                    or (doc[k].text == "-" and not doc[k - 1].whitespace_ and not doc[k].whitespace_)
                ):
                    k += 1
                while k > j and not is_title_word(doc[k - 1]):
                    k -= 1
                head = doc[k - 1] if k > j else None
                followed_by_name = k < sent.end and k in self._by_token
                is_office = head is not None and (
                    head.lower_ in _OFFICE_HEADS
                    or (head.lower_ == "general" and any(t.lower_ in _OFFICE_HEADS for t in doc[j:k]))
                )
                if is_office and not followed_by_name:
                    title = doc[j:k].text
                    person = self._person_with_title(title, side)
                    side = side or (person.side if person else None) or implied_side(title)
                    self.offices.append(Office(j, k, title, side, person))
                    if person is not None:
                        for n in range(j, k):
                            self._by_token.setdefault(n, person)
                i = max(k, i + 1)

    def find_delegation_offices(self, sents: list[Span]) -> None:
        """Offices that lead a delegation without a name ("Joint Secretary (East Asia) ... led the Indian delegation")."""
        doc = self.doc
        for sent in sents:
            if not any(t.lower_ in _DELEGATION_WORDS for t in sent):
                continue
            i = sent.start
            while i < sent.end:
                if not (is_title_word(doc[i]) and doc[i].text[:1].isupper()) or i in self._by_token:
                    i += 1
                    continue
                j = i
                while j < sent.end and (
                    (is_title_word(doc[j]) and doc[j].text[:1].isupper())
                    or doc[j].text in ("(", ")")
                    or doc[j - 1].text == "("
                ):
                    j += 1
                heads = [t for t in doc[i:j] if t.lower_ in _OFFICE_HEADS]
                if heads and j not in self._by_token and not any(k in self._by_token for k in range(i, j)):
                    title = doc[i:j].text.strip()
                    side = self._delegation_side(sent, i) or self._delegation_side_after(sent, j)
                    self.offices.append(Office(i, j, title, side, None))
                i = max(j, i + 1)

    def _delegation_side_after(self, sent: Span, index: int) -> str | None:
        for i in range(index, sent.end):
            if self.doc[i].lower_ in _DELEGATION_WORDS:
                found = [
                    m for m in self.sides.find(self.doc[max(sent.start, i - 3) : i].text) if not m.is_org
                ]
                return found[-1].code if found else None
        return None

    def _person_with_title(self, office: str, side: str | None) -> Person | None:
        office_words = office.lower().split()
        candidates = [
            p
            for p in self.persons
            if p.title
            and all(w in p.title.lower().split() for w in office_words)
            and (side is None or p.side in (None, side))
        ]
        if len(candidates) == 1:
            return candidates[0]
        exact = [p for p in candidates if p.title and p.title.lower() == office.lower()]
        return exact[0] if len(exact) == 1 else None

    def complete_names_from(self, title: str) -> None:
        """A fuller name written only in the headline ("Sergei Lavrov" where the body says "Lavrov")."""
        for person in self.persons:
            if len(person.tokens) != 1:
                continue
            surname = person.name.split()[-1]
            match = re.search(rf"((?:[A-Z][\w.-]+\s+){{1,2}}){re.escape(surname)}\b", title)
            if match:
                first = match.group(1).split()
                kept = [w for w in first if w.lower().strip(".") not in _TITLE_WORDS_LOWER]
                if kept and len(kept) == len(first):
                    person.name = " ".join([*kept, surname])

    # -- lookups --------------------------------------------------------------------

    def person_at(self, index: int) -> Person | None:
        return self._by_token.get(index)

    def persons_in(self, start: int, end: int) -> list[Person]:
        found: list[Person] = []
        for i in range(start, end):
            person = self._by_token.get(i)
            if person is not None and person not in found:
                found.append(person)
        return found

    def offices_in(self, start: int, end: int) -> list[Office]:
        return [o for o in self.offices if start <= o.start < end]

    def antecedent(self, index: int, window: int = 120) -> Person | None:
        """The person a pronoun at `index` most likely refers to: the last subject mentioned before it."""
        fallback = None
        for i in range(index - 1, max(-1, index - window), -1):
            person = self._by_token.get(i)
            if person is None:
                continue
            if self.doc[i].dep_ in ("nsubj", "nsubjpass") or self.doc[i].head.dep_ in ("nsubj", "nsubjpass"):
                return person
            fallback = fallback or person
        return fallback

    def is_pronoun(self, token: Token) -> bool:
        return token.lower_ in _PRONOUNS


_OFFICE_HEADS = {
    "minister",
    "secretary",
    "president",
    "premier",
    "chancellor",
    "ambassador",
    "envoy",
    "representative",
    "advisor",
    "adviser",
    "chairman",
    "king",
    "emperor",
    "leader",
    "director",
}
_DELEGATION_WORDS = {"side", "delegation", "team"}
_ANCHOR_HEADS = _OFFICE_HEADS | {"state", "general", "minister", "ministers", "affairs"}
_TITLE_WORDS_LOWER = {"foreign", "minister", "secretary", "president", "prime", "readout", "call", "with"}
