"""People in an article: names, titles as written, the side each represents, later mentions.

A person is found from spaCy's PERSON entities and from names that an office
title anchors ("Secretary of State Pompeo", "Ravi Menon, Secretary (West)"),
because the small model misses many foreign names. Later mentions by surname
("Motegi"), by office ("the Secretary") and by pronoun ("he") resolve back to
the person, so that stances and meetings can name the side behind them.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.attrs import ENT_TYPE, IDX, ORTH, POS, SPACY
from spacy.tokens import Doc, Span, Token

from parley.extract.cue_syntax import columns
from parley.extract.doctext import doc_text
from parley.extract.entities import ents_in
from parley.extract.offices import (
    implied_side,
    is_connector_text,
    is_honorific_text,
    is_title_text,
    is_title_word,
    title_level,
)
from parley.extract.patterns import words
from parley.extract.sides import SideLexicon, SideMention

# Capitalised words that follow a title without being a name.
# A name's last word that makes it a group of states or a body, not a person.
_GROUP_HEADS = frozenset(
    {"triangle", "format", "quartet", "troika", "group", "forum", "council", "committee", "commission"}
    | {"initiative", "process", "alliance", "partnership", "coalition", "bloc", "union", "summit"}
)
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
    "board",
    "authority",
    "agency",
    "bureau",
    "service",
    "institute",
    "bank",
    "fund",
    "organization",
    "organisation",
    "union",
    "association",
    "court",
    "assembly",
    "parliament",
    "government",
    "republic",
    "kingdom",
    "nations",
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
_NAME_ARTICLES = {"al", "el", "ad", "ash", "as", "ar", "at"}  # the Arabic article of "al-Amiri"
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


class Words(NamedTuple):
    """A Doc's words as plain values, read once per Doc (`words_of`).

    The finder scans every word of every sentence several times (for names, surnames, "and",
    "the", a delegation) and walks a few words left and right of each name: building a Token for
    each word it looks at was most of its time. It reads these lists instead and builds a Token
    only for a test they do not answer."""

    text: list[str]  # `tok.text`
    lower: list[str]  # `tok.lower_`
    pos: list[str]  # `tok.pos_`
    ent: list[str]  # `tok.ent_type_`
    space: list[bool]  # `bool(tok.whitespace_)`
    idx: list[int]  # `tok.idx`


_WORDS = "parley_people_words"  # in Doc.user_data: the lists of `Words`, plain values that serialise


def words_of(doc: Doc) -> Words:
    """`doc`'s `Words`, computed on the first call and kept in `doc.user_data` (asked for by every
    helper, so kept as the tuple itself: a serialised Doc brings it back as a plain list)."""
    cached = doc.user_data.get(_WORDS)
    if isinstance(cached, Words):
        return cached
    if cached is None:
        strings = doc.vocab.strings
        orth, pos, ent, space, idx = doc.to_array([ORTH, POS, ENT_TYPE, SPACY, IDX]).T.tolist()
        cached = (
            [strings[o] for o in orth],
            [strings[low] for low in columns(doc).lower],
            [strings[p] for p in pos],
            [strings[e] for e in ent],
            [bool(s) for s in space],
            idx,
        )
    words = doc.user_data[_WORDS] = Words(*cached)
    return words


def _text(doc: Doc, start: int, end: int) -> str:
    """`doc[start:end].text` (start, end >= 0), sliced from the Doc's text: no Span, no Token."""
    end = min(end, len(doc))
    if end <= start:
        return ""
    words = words_of(doc)
    return doc_text(doc)[words.idx[start] : words.idx[end - 1] + len(words.text[end - 1])]


def _sides_in(sides: SideLexicon, doc: Doc, start: int, end: int) -> list[SideMention]:
    """`sides.find` of `doc[start:end]`'s text (start >= 0), at its offsets in the Doc."""
    text = _text(doc, start, end)
    return sides.find(text, words_of(doc).idx[start]) if text else []


def name_tokens(name: str) -> set[str]:
    return {t for t in re.findall(r"[a-z]+", name.lower()) if len(t) > 1 or not t.isalpha()}


def _is_name_at(words: Words, i: int, sides: SideLexicon) -> bool:
    """Whether word i can be part of a person's name: a capitalised noun, adjective or proper noun
    that is no title, honorific, body, pronoun or side."""
    return words.pos[i] in ("PROPN", "NOUN", "ADJ", "X") and _is_name_word(
        words.text[i], words.lower[i], sides
    )


def _is_name_word(text: str, lower: str, sides: SideLexicon) -> bool:
    """`_is_name_at` but for the part of speech."""
    if not text[:1].isupper():
        return False
    if _title_like_word(lower) or is_honorific_text(text) or lower in _NOT_NAMES:
        return False
    return not (text in sides.countries or text in sides.orgs)


def _side_end(sides: SideLexicon, doc: Doc, start: int, limit: int) -> int | None:
    """The token after a side's name (and its "'s") that starts at `start`, if one does."""
    words = words_of(doc)
    found = _sides_in(sides, doc, start, limit)
    if not found or found[0].start != words.idx[start]:
        return None
    end = start
    while end < limit and words.idx[end] < found[0].end:
        end += 1
    if end < limit and words.text[end] in ("'s", "’s"):
        end += 1
    return end


def _title_like_word(lower: str) -> bool:
    """A title word, in the plural too ("Presidents"), or "counterpart": no part of a name."""
    return is_title_text(lower) or is_title_text(lower.removesuffix("s")) or lower in _COUNTERPART


def _name_run(doc: Doc, start: int, bound: Span, sides: SideLexicon) -> tuple[int, int]:
    """The end of the run of proper-noun name words from `start` ("Jean-Claude Kassi Brou") and
    how many words it has."""
    words = words_of(doc)
    text, space = words.text, words.space
    end, count = start, 0
    while end < bound.end and _is_name_at(words, end, sides) and words.pos[end] == "PROPN":
        end += 1
        count += 1
        if end + 1 < bound.end and text[end] == "-" and not space[end - 1] and not space[end]:
            end += 1  # the hyphen of a joined name
        elif not space[end - 1]:
            break
    if end > start and text[end - 1] == "-":
        end -= 1
    return end, count


def _extend(doc: Doc, start: int, end: int, sides: SideLexicon, bound: Span) -> tuple[int, int]:
    """Grow a name over neighbouring name words and hyphenated parts ("Moon Jae" + "-in")."""
    words = words_of(doc)
    text, lower, space = words.text, words.lower, words.space
    while start > bound.start and _is_name_at(words, start - 1, sides) and space[start - 1]:
        start -= 1
    while end < bound.end:
        if text[end] == "-" and not space[end - 1] and end + 1 < bound.end and not space[end]:
            end += 2
        elif (
            (not space[end - 1] and text[end - 1] == "-" and doc[end].is_alpha and doc[end].is_lower)
            or (space[end - 1] and lower[end] in _NAME_ARTICLES and _text(doc, end + 1, end + 2) == "-")
            or (space[end - 1] and (_is_name_at(words, end, sides) or re.fullmatch(r"[A-Z]\.", text[end])))
        ):
            end += 1
        else:
            break
    while start < end and is_honorific_text(text[start]):
        start += 1
    while end > start and text[end - 1] in ("'s", "’s", "-"):
        end -= 1
    return start, end


def _title_left(
    doc: Doc,
    start: int,
    bound: Span,
    name_end: int | None = None,
    comma_ok: bool = False,
    taken: Container[int] = (),
) -> tuple[int, int]:
    """The title written before a name: (title_start, title_end) or an empty range.
    "The Secretary-General, Mr. X, said": a title set off by a comma also counts, and so does
    one whose name is itself closed off ("Norway's Trade Minister, Ola Dahl, said"): a bare
    "the Minister, Dahl said" is too often a list or a new clause, so other comma titles only
    with `comma_ok` (the caller has seen a side name the title). No title runs over a token in
    `taken`: another person's name ("Minister of Trade Ana Ruiz and Mexican Secretary X")."""
    words = words_of(doc)
    text, lower = words.text, words.lower
    i = start - 1
    while i > bound.start and is_honorific_text(text[i]):
        i -= 1  # "President of Ghana Dr Kwame Asante": the honorific is neither title nor name
    good = end = i + 1
    closed = name_end is not None and (name_end >= bound.end or text[name_end] in (",", ".", ";", ")"))
    last = _before_parenthesis(doc, i - 1, bound)  # "Secretary General of the Union (AU), X"
    if (
        last >= bound.start
        and text[i] == ","
        and (is_title_text(lower[last]) or _portfolio_start(doc, last, bound, taken) is not None)
        and (i < start - 1 or closed or comma_ok)
    ):
        i, good, end = i - 1, i, i
    while i >= bound.start and i not in taken:
        if text[i] == ")":
            j = i
            while j > bound.start and text[j] != "(":
                j -= 1
            if text[j] != "(" or j == i:
                break
            i = j - 1
            continue
        if is_title_text(lower[i]):
            good = i
        elif good == i + 1 and i > bound.start and is_title_text(lower[i - 1]) and _portfolio_word(words, i):
            good = i  # "Federal Fisheries Agency": a field between two words of the office
        elif (k := _portfolio_start(doc, i, bound, taken)) is not None:
            i = k  # "Minister for Europe and Foreign Affairs": a portfolio named inside the title
        elif not (is_connector_text(lower[i]) and text[i] != ","):
            break
        i -= 1
    return good, end


def _before_parenthesis(doc: Doc, i: int, bound: Span) -> int:
    """The token before a parenthesis that ends at token i ("... Union (AU)"), else i."""
    text = words_of(doc).text
    if i < bound.start or text[i] != ")":
        return i
    j = i
    while j > bound.start and text[j] != "(":
        j -= 1
    return j - 1 if text[j] == "(" and j < i else i


def _portfolio_start(doc: Doc, i: int, bound: Span, taken: Container[int] = (), reach: int = 9) -> int | None:
    """Where a portfolio ending at token i starts (its "for"/"of"/"to"), if a title word comes
    before it: "Minister for Europe", "Minister of Economy, Trade and Industry", "Ambassador
    to Kenya", "Prime Minister of the Federal Republic of X"."""
    words = words_of(doc)
    text, lower = words.text, words.lower
    if (
        not text[i][:1].isupper()
        or words.pos[i] not in ("PROPN", "NOUN", "ADJ", "ADV")
        or i - 1 < bound.start
    ):
        return None
    if is_title_text(lower[i - 1]):
        return None  # "Secretary of State Pompeo": a name after the title, not its portfolio
    for k in range(i - 1, max(bound.start, i - reach) - 1, -1):
        if k in taken:
            return None
        if lower[k] in ("for", "of", "to") and k - 1 >= bound.start and is_title_text(lower[k - 1]):
            return k
        if lower[k] in ("for", "of", "the", "to", "in"):
            continue  # "President of the Republic of Azerbaijan", "Ambassador of Chile to the AU"
        listed = (  # "Minister of Foreign Affairs, Trade and Industry", not "of Ghana and Peru, Ana Ruiz"
            text[k] == ","
            and _portfolio_word(words, k - 1)
            and words.ent[k - 1] not in ("GPE", "NORP")
            and _portfolio_word(words, k + 1)
        )
        joined = text[k] == "-" and not words.space[k] and not words.space[k - 1]
        if not (lower[k] in ("and", "&") or listed or joined or _portfolio_word(words, k)):
            return None
    return None


def _portfolio_word(words: Words, i: int) -> bool:
    """A capitalised word that can name a ministry's field ("Cooperation", "Abroad"), not a person's."""
    return (
        words.text[i][:1].isupper()
        and words.pos[i] in ("PROPN", "NOUN", "ADJ", "ADV")
        and words.ent[i] != "PERSON"
    )


def _title_right(doc: Doc, end: int, bound: Span, sides: SideLexicon) -> tuple[int, int]:
    """An appositive title after a name: ", Minister for Foreign Affairs,", ", Norway's Minister
    for Fisheries,", ", Malawian Minister of Health," (the side is read by the caller), or an
    empty range."""
    words = words_of(doc)
    text, lower = words.text, words.lower
    if end >= bound.end - 1 or text[end] != ",":
        return end, end
    i = end + 1
    while i < bound.end and (
        lower[i] in ("the", "a") or (words.pos[i] in ("PROPN", "ADJ") and not is_title_text(lower[i]))
    ):
        possessive = _text(doc, i + 1, i + 2) in ("'s", "’s")
        if lower[i] not in ("the", "a") and not possessive and text[i] not in sides.countries:
            break
        i += 2 if possessive else 1
    first, last = i, i
    portfolio = False  # past the "of"/"for" of "Minister of Health": its field's words belong to it
    while i < bound.end:
        if text[i] == "(":
            j = i
            while j < bound.end and text[j] != ")":
                j += 1
            if j >= bound.end:
                break
            i = j + 1
            last = i
            continue
        if portfolio and text[i] in sides.countries and i + 1 < bound.end and is_title_text(lower[i + 1]):
            break  # "adviser of Turkish President X": another person's office
        if is_title_text(lower[i]) or (portfolio and _portfolio_word(words, i)):
            last = i + 1
        elif lower[i] in ("of", "for") and i > first and is_title_text(lower[i - 1]):
            portfolio = True
        elif portfolio and text[i] in (",", "and") and i + 1 < bound.end:
            # "Minister of Foreign Affairs, Cooperation and Moroccan Expatriates": a list of fields
            following = i + 1
            if not (
                is_title_text(lower[following]) or text[following] in sides.countries or text[i] == "and"
            ):
                break
        elif not (is_connector_text(lower[i]) and text[i] not in (",", "and")):
            break
        i += 1
    if last == first:
        return end, end
    return first, last


def _office_qualifier(words: Span) -> bool:
    """Words between a body and its officer: "foreign policy" (chief), "Secretary-General's" (envoy)."""
    return 0 < len(words) <= 4 and all(
        t.text in ("'s", "’s", "-")
        or is_title_word(t)
        or (t.is_lower and t.pos_ in ("NOUN", "ADJ") and t.dep_ in ("compound", "amod"))
        for t in words
    )


def _title_text(doc: Doc, start: int, end: int) -> str | None:
    if end <= start:
        return None
    words = words_of(doc)
    text, lower = words.text, words.lower
    while start < end and (is_connector_text(lower[start]) or text[start] in ("(", ",")):
        start += 1
    while end > start and (is_connector_text(lower[end - 1]) or text[end - 1] == ","):
        end -= 1
    if end <= start:
        return None
    title = _text(doc, start, end).strip()
    return title if any(is_title_text(lower[k]) for k in range(start, end)) else None


class PeopleFinder:
    """Finds the people of one parsed article."""

    def __init__(self, sides: SideLexicon) -> None:
        self.sides = sides

    def find(self, doc: Doc, sents: list[Span], title: str | None = None, home: str | None = None) -> People:
        people = People(doc, self.sides, home)
        for sent in sents:
            for start, end in self._candidates(doc, sent):
                people.add_mention(sent, start, end)
        people.add_surname_mentions(sents)
        people.resolve_counterparts()
        people.add_respective(sents)
        people.add_coordinated(sents)
        people.add_surname_mentions(sents)  # again for the names found by coordination
        people.resolve_counterparts()
        people.find_offices(sents)
        people.find_delegation_offices(sents)
        if title:
            people.complete_names_from(title)
        return people

    def _candidates(self, doc: Doc, sent: Span) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for ent in ents_in(sent, "PERSON"):
            start = self._name_start(doc, ent)
            if start < ent.end:
                spans.append(_extend(doc, start, ent.end, self.sides, sent))
        words = words_of(doc)
        text, lower, pos = words.text, words.lower, words.pos
        for i in range(sent.start, sent.end):
            if not (pos[i] == "PROPN" and _is_name_word(text[i], lower[i], self.sides)):
                continue
            anchored = i > sent.start and (
                (lower[i - 1] in _ANCHOR_HEADS and text[i - 1][:1].isupper())
                or is_honorific_text(text[i - 1])
                or self._after_country_title(doc, i, sent)
                or self._after_comma_title(doc, i, sent)
            )
            appositive = (
                i + 1 < len(doc)
                and text[i + 1] == ","
                and self._title_follows(doc, i + 2, sent)
                and i > sent.start
                and _is_name_at(words, i - 1, self.sides)
            )
            if anchored or appositive:
                spans.append(_extend(doc, i, i + 1, self.sides, sent))
        merged: list[tuple[int, int]] = []
        for start, end in sorted(set(spans)):
            if end <= start:
                continue
            if merged and start <= merged[-1][1]:  # touching too: "Karim Hadi'" + "al-Amiri"
                merged[-1] = (min(merged[-1][0], start), max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return [(s, e) for s, e in merged if self._plausible(doc, s, e)]

    def _name_start(self, doc: Doc, ent: Span) -> int:
        """Where the name inside a PERSON entity starts: past a country and title the tagger
        took in ("Danish King Aksel Rudby", "Kenya's Counterpart Ali Omar", "Presidents Ana Ruiz")
        and past a body's acronym ("the head of the GNA Omar Salem")."""
        words = words_of(doc)
        text, lower = words.text, words.lower
        start = ent.start
        side_end = _side_end(self.sides, doc, start, ent.end)
        if side_end is not None and side_end < ent.end and _title_like_word(lower[side_end]):
            start = side_end  # a country kept only before a title: "Israel Katz" is a name
        elif start > 0 and lower[start - 1] == "of" and side_end is not None and ent.end - side_end >= 2:
            start = side_end  # "President of Azerbaijan Rauf Mammadli": the title's country
        while start < ent.end and _title_like_word(lower[start]):
            start += 1  # all of "Danish King" may be the entity, the name after it not
        if start < ent.end - 2 and lower[start - 1] == "the" and re.fullmatch(r"[A-Z]{2,}", text[start]):
            start += 1
        return start

    def _title_follows(self, doc: Doc, i: int, sent: Span) -> bool:
        """A title starts at token i, maybe after "the" or a country: "Minister ...", "the Minister",
        "Norway's Minister", "Malawian Minister"."""
        lower = words_of(doc).lower
        if i < sent.end and lower[i] == "the":
            i += 1
        if i < sent.end and (end := _side_end(self.sides, doc, i, min(sent.end, i + 6))) is not None:
            i = end
        return i < sent.end and is_title_text(lower[i])

    def _after_country_title(self, doc: Doc, index: int, sent: Span) -> bool:
        """ "President of Azerbaijan Rauf Mammadli", "Secretary of Foreign Affairs and Trade Ana
        Reyes": a name of two to four words right after a title that ends with its country or
        portfolio, which the tagger often reads as part of the place, the body or the ministry."""
        words = words_of(doc)
        text, lower = words.text, words.lower
        ends_title = (
            text[index - 1] in self.sides.countries
            or (is_title_text(lower[index - 1]) and text[index - 1][:1].isupper())
            or _portfolio_start(doc, index - 1, sent) is not None  # "Minister of the Interior Ana Ruiz"
        )
        if not ends_title or words.ent[index] not in ("", "PERSON", "ORG", "GPE", "NORP"):
            return False
        run_end, count = _name_run(doc, index, sent, self.sides)
        if not 2 <= count <= 4 or (run_end < sent.end and text[run_end][:1].isupper()):
            return False  # "Minister of Trade Policy Review Board": a longer name is a body's
        t_start, t_end = _title_left(doc, index, sent)
        return t_start < t_end

    def _after_comma_title(self, doc: Doc, index: int, sent: Span) -> bool:
        """ "The Chairperson of the Commission, Kamal Idris Bello, said": a name of two to four words
        set off by commas after a title, which the tagger often misses."""
        text = words_of(doc).text
        if index - 2 < sent.start or text[index - 1] != ",":
            return False
        run_end, words = _name_run(doc, index, sent, self.sides)
        closed = run_end >= sent.end or text[run_end] in (",", ".", ";")
        if not (2 <= words <= 4 and closed) or self.sides.find(_text(doc, index, run_end)):
            return False
        t_start, t_end = _title_left(doc, index, sent, run_end)
        return t_start < t_end

    def _plausible(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the words start..end (at least one) can be a person's name."""
        text = _text(doc, start, end)
        if text in self.sides.countries or text in self.sides.orgs:
            return False
        words = words_of(doc)
        lower, span = words.lower, range(start, end)
        if (
            end - start == 1
            and start >= 2
            and lower[start - 1] in ("and", "&")
            and is_title_text(lower[start - 2])
        ):
            return False  # "Minister of Cooperation and Francophonie": the last field of a portfolio
        parts = re.split(r"\s*[-–]\s*", text)
        if len(parts) > 1 and all(p in self.sides.countries for p in parts):
            return False  # "Georgian-Armenian" (projects): two sides, no person
        if all(is_title_text(lower[k]) or is_connector_text(lower[k]) for k in span):
            return False  # "Councilor" tagged PERSON inside "State Councilor and Foreign Minister"
        if end - start > 1 and lower[end - 1] in _GROUP_HEADS:
            return False  # "the Lisbon Triangle", "the Oslo Group": a format of states, no person
        if start > 0 and lower[start - 1] in _NAMED_THINGS:
            return False  # "hurricane Edward": a storm named like a person
        if all(_INITIAL.fullmatch(words.text[k]) for k in span):
            return False  # "H. E. Mr. Jean Pierre": "His Excellency" abbreviated, no name
        return any(words.text[k][:1].isupper() for k in span) and not all(
            lower[k] in _NOT_NAMES for k in span
        )


class People:
    """The people of one article and the ways they are referred to."""

    def __init__(self, doc: Doc, sides: SideLexicon, home: str | None = None) -> None:
        self.doc = doc
        self.words = words_of(doc)
        self.text = doc_text(doc)
        self.sides = sides
        self.home = home  # the side the article speaks for, which picks among an office's countries
        self._counterparts: dict[Person, tuple[Span, int]] = {}  # "his counterpart X": X's mention
        self._copied: set[Person] = set()  # counterparts whose title is the other side's
        self.persons: list[Person] = []
        self.offices: list[Office] = []
        self._by_token: dict[int, Person] = {}

    # -- building -----------------------------------------------------------------

    def add_mention(self, sent: Span, start: int, end: int) -> Person:
        name = _text(self.doc, start, end)
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
        if start > sent.start and is_honorific_text(self.words.text[start - 1]):
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
        """Title and side from the words around one mention. A title before the name wins over
        an appositive after it: in "A, Prime Minister of X B, ..." the words after A are B's."""
        doc = self.doc
        t_start, t_end = self._left_title(sent, start, end)
        org_start, org_side = self._org_before(sent, t_start, t_end)
        t_start = min(t_start, org_start)
        title = _title_text(doc, t_start, t_end)
        side = self._side_before(sent, t_start) or org_side or self._side_in_title(title)
        if side is None or title is None:
            right_title, right_side = self._appositive(sent, end)
            title, side = title or right_title, side or right_side
        side = side or self._agent_side(t_start) or self._delegation_side(sent, start)
        before = range(max(sent.start, t_start - 3), t_start)
        if title is None and any(self.words.lower[k] in _COUNTERPART for k in before):
            self._counterparts.setdefault(person, (sent, start))
        return title, side or implied_side(title, self.home)

    def _left_title(self, sent: Span, start: int, end: int) -> tuple[int, int]:
        """The title before a name; one set off by a comma ("Indonesia's Foreign Minister, Rendra
        said") counts when a side or body names it, which a list or a new clause does not do."""
        t_start, t_end = _title_left(self.doc, start, sent, end, taken=self._by_token)
        if t_start < t_end:
            return self._after_listed_side(t_start, t_end)
        c_start, c_end = _title_left(self.doc, start, sent, end, comma_ok=True, taken=self._by_token)
        if c_start < c_end and (
            self._side_before(sent, c_start) or self._org_before(sent, c_start, c_end)[1]
        ):
            return c_start, c_end
        return t_start, t_end

    def _after_listed_side(self, t_start: int, t_end: int) -> tuple[int, int]:
        """ "Minister of State for Trade, Republic of Ghana Ambassador X": a comma and a country start
        the office that is X's; the words before it are another appositive."""
        doc, text, lower = self.doc, self.words.text, self.words.lower
        for k in range(t_end - 1, t_start, -1):
            if text[k] != ",":
                continue
            found = [m for m in _sides_in(self.sides, doc, k + 1, t_end) if not m.is_org]
            side_end = _side_end(self.sides, doc, k + 1, t_end) if found else None
            if side_end is not None and any(is_title_text(lower[n]) for n in range(side_end, t_end)):
                return side_end, t_end
            break
        return t_start, t_end

    def _appositive(self, sent: Span, end: int) -> tuple[str | None, str | None]:
        """Title and side written after a name: ", Norway's Minister for Fisheries,", ", Minister
        of State of Ghana,", or a bare country (", Kenya,"). Not when a name follows the title:
        then the title is the next person's in a list."""
        doc, text = self.doc, self.words.text
        r_start, r_end = _title_right(doc, end, sent, self.sides)
        title = _title_text(doc, r_start, r_end)
        if title is None:
            of_side = self._side_after(end, min(sent.end, end + 8), end)[0]
            return None, of_side or self._country_apposition(sent, end)
        reach = next((n for n in range(r_end, sent.end) if text[n] in (",", ";")), sent.end)
        k = r_end
        while k < reach and is_honorific_text(text[k]):
            k += 1
        if k < reach and (k > r_end or self.words.ent[k] == "PERSON"):
            return None, None
        side, cut = self._side_after(end, min(sent.end, reach + 8), reach)
        if cut is not None:
            title = _title_text(doc, r_start, min(r_end, cut)) or title
        side = self._side_before(sent, r_start) or side or self._side_in_title(title)
        return title, side or self._possessive_side(r_end, reach)

    def _possessive_side(self, start: int, end: int) -> str | None:
        """ "X, director in Kenya's Ministry of Trade,": a country owning the body the person serves
        (the words start..end)."""
        for found in _sides_in(self.sides, self.doc, start, end):
            if not found.is_org and self.text[found.end : found.end + 2] in ("'s", "’s"):
                return found.code
        return None

    def _country_apposition(self, sent: Span, end: int) -> str | None:
        """ "Presidents A, Kenya, and B": a country set off by commas right after a name."""
        if end + 1 >= sent.end or self.words.text[end] != ",":
            return None
        rest = _text(self.doc, end + 1, min(sent.end, end + 8))
        found = self.sides.find(rest)
        if not found or found[0].start != 0 or found[0].is_org:
            return None
        after = rest[found[0].end :].lstrip()
        return found[0].code if re.match(r"(?:[,;.]|\(|and\b|$)", after) else None

    def _without_side(self, title: str) -> str:
        """ "Minister of Foreign Affairs of Kenya" without the "of Kenya" that names its holder's side."""
        found = [m for m in self.sides.find(title) if m.end == len(title)]
        if found:
            head = re.sub(r"\s+of(?:\s+the)?\s*$", "", title[: found[-1].start])
            if head != title[: found[-1].start]:
                return head.rstrip(" ,")
        return title

    def _side_before(self, sent: Span, index: int) -> str | None:
        """A country named right before a title: "Chinese", "Japan's", "the UK"."""
        text, idx = self.words.text, self.words.idx
        while index > sent.start and is_honorific_text(text[index - 1]):
            index -= 1  # "his Qatari counterpart, Sheikh Hamad"
        lo = max(sent.start, index - 6)
        window_start = idx[lo]
        window_end = idx[index] if index < len(idx) else len(self.text)
        window = self.text[window_start:window_end]
        mentions = [m for m in self.sides.find(window) if not m.is_org]
        if mentions and _BEFORE_TITLE.fullmatch(window[mentions[-1].end :]):
            return mentions[-1].code
        if _POSSESSOR.search(window):  # "Egypt wants a meeting between its foreign minister X and ..."
            named = {m.code for m in self.sides.find(_text(self.doc, sent.start, index)) if not m.is_org}
            return named.pop() if len(named) == 1 else None
        return None

    def _org_before(self, sent: Span, t_start: int, t_end: int) -> tuple[int, str | None]:
        """An organisation that heads a title ("U.N. trade official", "European Council
        President"): its side, and where the title starts if the body's name is part of it."""
        if t_end <= t_start or t_start - sent.start < 1:
            return t_start, None
        doc = self.doc
        lo = max(sent.start, t_start - 4)
        for found in reversed(_sides_in(self.sides, doc, lo, t_end)):
            if not found.is_org:
                continue
            span = doc.char_span(found.start, found.end, alignment_mode="expand")
            if span is None or span.start >= t_start:
                continue
            if span.end == t_start or _office_qualifier(doc[span.end : t_start]):
                return t_start, found.code  # "U.N. trade official", "EU foreign policy chief"
            if span.end > t_start and span.end < t_end:
                return span.start, found.code  # "European Council President": one title
        return t_start, None

    def _side_in_title(self, title: str | None) -> str | None:
        """The side a title names after "of" ("Ambassador of Chile to the AU", "Vice-President of
        the European Commission"), or by the nationals its ministry serves abroad ("Minister of
        Foreign Affairs and Malians Abroad")."""
        if not title:
            return None
        for found in self.sides.find(title):
            if re.search(r"\bof\s+(?:the\s+)?$", title[: found.start]):
                return found.code
        nationals = _NATIONALS_ABROAD.search(title)
        return self.sides.country(nationals.group(1)) if nationals else None

    def _side_after(self, start: int, end: int, title_end: int) -> tuple[str | None, int | None]:
        """A country or organisation the mention belongs to, written right after it or its
        appositive title ("of the Republic of Korea", "of the Organization of American States")
        in the words start..end, and the token where that phrase starts."""
        lower = self.words.lower
        for i in range(start, end):
            if i > max(start, title_end):
                break
            if lower[i] not in ("of", "from") or i + 1 >= end:
                continue
            rest = _text(self.doc, i + 1, end)
            text = rest[4:] if rest.lower().startswith("the ") else rest
            mentions = self.sides.find(text)
            if mentions and mentions[0].start == 0:
                return mentions[0].code, i
        return None, None

    def _delegation_side(self, sent: Span, index: int) -> str | None:
        """The side of "the Chilean side comprised ..." / "headed on the Peruvian side by ..."."""
        doc, lower = self.doc, self.words.lower
        for i in range(index - 1, sent.start, -1):
            if lower[i] in _DELEGATION_WORDS:
                found = [m for m in self.sides.find(_text(doc, max(sent.start, i - 3), i)) if not m.is_org]
                if found:
                    return found[-1].code
        return None

    def _agent_side(self, index: int) -> str | None:
        """ "Peru was represented by Vice Minister X", "the Kenyan delegation was led by X": the
        country that is the subject of the verb whose agent the person is."""
        doc = self.doc
        if index < 2 or self.words.lower[index - 1] != "by" or doc[index - 1].head.lemma_ not in _AGENT_VERBS:
            return None
        for subject in doc[index - 1].head.children:
            if subject.dep_ in ("nsubjpass", "nsubj"):
                words = doc[subject.left_edge.i : subject.i + 1]  # no "talks [with China]"
                codes = {m.code for m in self.sides.find(words.text) if not m.is_org}
                return codes.pop() if len(codes) == 1 else None
        return None

    def _last_person_before(self, index: int, sent: Span, exclude: Person | None = None) -> Person | None:
        for i in range(index - 1, max(-1, sent.start - 400), -1):
            person = self._by_token.get(i)
            if person is not None and person is not exclude:
                return person
        return None

    def add_respective(self, sents: list[Span]) -> None:
        """ "the foreign ministers of Ghana and Peru, Ana Ruiz and Kofi Mensah": as many names as
        countries after a plural office take, in order, those countries and the office."""
        doc, lower = self.doc, self.words.lower
        for sent in sents:
            for i in range(sent.start, sent.end):
                if lower[i] not in _PLURAL_OFFICES or doc[i + 1 : i + 2].text != "of":
                    continue
                token = doc[i]
                codes, comma = self._listed_sides(sent, token.i + 2)
                if comma >= sent.end or doc[comma].text != ",":
                    continue
                names = self._listed_names(sent, comma + 1)
                if len(codes) < 2 or len(names) != len(codes):
                    continue
                office = doc[self._office_start(sent, token.i) : token.i + 1].text
                for (start, end), code in zip(names, codes, strict=True):
                    person = self._by_token.get(start) or self.add_mention(sent, start, end)
                    person.side = person.side or code
                    if token.lower_ not in _COUNTERPART:  # "foreign ministers": one "foreign minister"
                        person.title = person.title or office[:-1]

    def _listed_sides(self, sent: Span, start: int) -> tuple[list[str], int]:
        """The countries of "Ghana, Togo and Benin" from `start`, and the token after the list."""
        doc, codes = self.doc, []
        while start < sent.end:
            if doc[start].lower_ == "the":
                start += 1
            end = _side_end(self.sides, doc, start, sent.end) if start < sent.end else None
            found = self.sides.find(doc[start:end].text) if end is not None else []
            if not found or found[0].is_org:
                break
            codes.append(found[0].code)
            start = end
            if start + 1 < sent.end and doc[start].text == "," and doc[start + 1].lower_ == "and":
                start += 1
            if start + 1 >= sent.end or doc[start].lower_ not in (",", "and"):
                break
            if doc[start].text == "," and _side_end(self.sides, doc, start + 1, sent.end) is None:
                break  # the comma that closes the list
            start += 1
        return codes, start

    def _office_start(self, sent: Span, head: int) -> int:
        start = head
        while start > sent.start and is_title_word(self.doc[start - 1]):
            start -= 1
        return start

    def _listed_names(self, sent: Span, start: int) -> list[tuple[int, int]]:
        """The names of "A, B and C" from `start`, each two to four name words, or none."""
        doc, names, last = self.doc, [], False
        while start < sent.end:
            end, words = _name_run(doc, start, sent, self.sides)
            if not 2 <= words <= 4:
                return names if names and not last else []  # a comma may close the list
            names.append((start, end))
            if end < sent.end and doc[end].text == "," and doc[end + 1 : end + 2].text == "and":
                end += 1
            if last or end >= sent.end or doc[end].lower_ not in (",", "and"):
                break
            last = doc[end].lower_ == "and"
            start = end + 1
        return names

    def add_coordinated(self, sents: list[Span]) -> None:
        """Names joined to a person's by "and" or a comma: "Ali Omar and Musa Bello" makes Musa Bello
        a person although the tagger missed him; "their Kenyan counterparts A and B" gives B the
        side (and office) of A, and "President A and Prime Minister B of Kenya" gives A the
        country written after B."""
        doc, lower = self.doc, self.words.lower
        for sent in sents:
            for i in range(sent.start, sent.end):
                if lower[i] not in ("and", ",") or i + 1 >= sent.end:
                    continue
                left = self._by_token.get(i - 1)
                start = i + 1
                if left is None or start in self._by_token:
                    continue
                end, words = _name_run(doc, start, sent, self.sides)
                closed = end >= sent.end or not doc[end].text[:1].isupper()
                # no body and no place: the tagger's PERSON, or nothing, or its frequent NORP for a name
                untagged = all(t.ent_type_ in ("", "PERSON", "NORP") for t in doc[start:end])
                if 2 <= words <= 4 and closed and untagged and not self.sides.find(doc[start:end].text):
                    self.add_mention(sent, start, end)
        for person in self.persons:
            if person.side is None:
                self._share_side(person)

    def _share_side(self, person: Person) -> None:
        lower = self.words.lower
        start, end = person.mentions[0]
        sent = self.doc[start].sent
        if start - 2 >= sent.start and lower[start - 1] in ("and", ","):
            left = self._by_token.get(start - 2)
            first = left.mentions[0][0] if left else start
            plural = any(lower[n] in _PLURAL_OFFICES for n in range(max(sent.start, first - 3), first))
            if left is not None and left.side and plural:
                person.side, person.title = left.side, person.title or left.title
                return
        k = end + 1 if end < sent.end and lower[end] == "and" else None
        while k is not None and k < sent.end and (is_title_text(lower[k]) or is_connector_text(lower[k])):
            k += 1
        right = self._by_token.get(k) if k is not None else None
        if right is not None and right.side and right is not person:
            r_end = max(e for s, e in right.mentions if s <= k < e)
            if self._side_after(r_end, min(sent.end, r_end + 8), r_end)[0] == right.side:
                person.side = right.side

    def resolve_counterparts(self) -> None:
        """ "X met his counterpart Y": Y holds X's office (not X's country). Read once every mention is
        known, so that "his" finds X even when the clause names X by surname only."""
        for person, (sent, start) in self._counterparts.items():
            if person.title is not None and person not in self._copied:
                continue
            counterpart = self._last_person_before(start, sent, exclude=person)
            title = counterpart.title if counterpart else None
            person.title = self._without_side(title) if title else None
            self._copied.add(person)  # a later pass, knowing more names, may correct it

    def add_surname_mentions(self, sents: list[Span]) -> None:
        """Later mentions by one part of the name ("Motegi", "Wang", "Moon")."""
        parts: dict[str, list[Person]] = {}
        for person in self.persons:
            words = self.doc[person.mentions[0][0] : person.mentions[0][1]]
            names = [t for t in words if t.is_alpha and t.text[:1].isupper()]
            for token in {names[0].text, names[-1].text} if names else ():
                if person not in parts.setdefault(token, []):
                    parts[token].append(person)
        texts = self.words.text
        for sent in sents:
            for index in range(sent.start, sent.end):
                text = texts[index]
                if index in self._by_token or text not in parts or len(parts[text]) != 1:
                    continue
                person = parts[text][0]
                start = self._given_names_before(sent, index)
                person.mentions.append((start, index + 1))
                for i in range(start, index + 1):
                    self._by_token[i] = person
                if index - start + 1 > len(person.name.split()):
                    person.name = self.doc[start : index + 1].text  # "Nomsa Sithole", missed by the NER
                if person.side is None or person.title is None:
                    title, side = self._context(sent, start, index + 1, person)
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
        doc, text, lower = self.doc, self.words.text, self.words.lower
        for sent in sents:
            i = sent.start
            while i < sent.end:
                # "Egyptian foreign minister and ...": only a sentence's first word is bare
                bare = i == sent.start and self._bare_side_office(doc[i], sent)
                if (lower[i] != "the" and not bare) or i + 1 >= sent.end:
                    i += 1
                    continue
                j = i if bare else i + 1
                while j + 1 < sent.end and is_honorific_text(text[j]):
                    j += 1  # "the Hon. Prime Minister"
                side = None
                found = self.sides.whole_name(text[j])
                if found is not None and not found.is_org:
                    side = found.code
                    j += 1
                k = j
                while k < sent.end and (
                    is_title_text(lower[k])
                    or (is_connector_text(lower[k]) and lower[k] == "of")
                    or (text[k] == "-" and not doc[k - 1].whitespace_ and not doc[k].whitespace_)
                ):
                    k += 1
                while k > j and not is_title_text(lower[k - 1]):
                    k -= 1
                of_at = next((n for n in range(j + 1, k) if lower[n] == "of"), None)
                head = lower[of_at - 1] if of_at else lower[k - 1] if k > j else None  # "Minister of ..."
                followed_by_name = k < sent.end and k in self._by_token
                is_office = head is not None and (
                    head in _OFFICE_HEADS
                    or (head == "general" and any(word in _OFFICE_HEADS for word in lower[j:k]))
                )
                if is_office and not followed_by_name:
                    title = doc[j:k].text
                    person = self._person_with_title(title, side)
                    side = side or (person.side if person else None) or implied_side(title, self.home)
                    self.offices.append(Office(j, k, title, side, person))
                    if person is not None:
                        for n in range(j, k):
                            self._by_token.setdefault(n, person)
                i = max(k, i + 1)

    def _bare_side_office(self, token: Token, sent: Span) -> bool:
        """A demonym opening a sentence's office with no article ("Egyptian foreign minister and
        his Sudanese counterpart hold talks"), not inside a name or title already read."""
        if token.i in self._by_token or token.ent_type_ != "NORP" or token.i + 1 >= sent.end:
            return False
        before = self.doc[token.i - 1] if token.i > sent.start else None
        return before is None and is_title_word(self.doc[token.i + 1])

    def find_delegation_offices(self, sents: list[Span]) -> None:
        """Offices that lead a delegation without a name ("Joint Secretary (East Asia) ... led the Indian delegation")."""
        doc, text, lower = self.doc, self.words.text, self.words.lower
        for sent in sents:
            if not any(word in _DELEGATION_WORDS for word in lower[sent.start : sent.end]):
                continue
            i = sent.start
            while i < sent.end:
                if not (is_title_text(lower[i]) and text[i][:1].isupper()) or i in self._by_token:
                    i += 1
                    continue
                j = i
                while j < sent.end and (
                    (is_title_text(lower[j]) and text[j][:1].isupper())
                    or text[j] in ("(", ")")
                    or text[j - 1] == "("
                ):
                    j += 1
                heads = any(word in _OFFICE_HEADS for word in lower[i:j])
                if heads and j not in self._by_token and not any(k in self._by_token for k in range(i, j)):
                    title = doc[i:j].text.strip()
                    side = self._delegation_side(sent, i) or self._delegation_side_after(sent, j)
                    self.offices.append(Office(i, j, title, side, None))
                i = max(j, i + 1)

    def _delegation_side_after(self, sent: Span, index: int) -> str | None:
        for i in range(index, sent.end):
            if self.words.lower[i] in _DELEGATION_WORDS:
                found = [
                    m for m in self.sides.find(_text(self.doc, max(sent.start, i - 3), i)) if not m.is_org
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
            if surname not in title:
                continue  # no pattern to build: the headline cannot name them
            match = re.search(rf"((?:[A-Z][\w.-]+\s+){{1,2}}){re.escape(surname)}\b", title)
            if match:
                first = match.group(1).split()
                kept = [w for w in first if not _headline_word(w)]
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
    "chairperson",
    "chairwoman",
    "king",
    "emperor",
    "leader",
    "director",
}
_DELEGATION_WORDS = {"side", "delegation", "team"}
_AGENT_VERBS = {"represent", "lead", "head", "chair"}
_PLURAL_OFFICES = {"counterparts", "ministers", "presidents", "leaders", "envoys", "ambassadors"}
# What may stand between a country and the title it qualifies: "Japan's new", "the Chinese".
_BEFORE_TITLE = re.compile(
    r"(?:['’]s)?\s*(?:(?:his|her|its|their|the)\s+)?"
    r"(?i:(?:(?:new|newly[- ]\w+|then|former|acting|incoming|outgoing)\s+)*(?:counterparts?,?\s*)?)"
)
_POSSESSOR = re.compile(r"\b(?:its|their)\s+(?i:(?:new|newly[- ]\w+|then|former|acting)\s+)*$")
# "Minister of Foreign Affairs, Cooperation and Moroccan Expatriates": the nationals a ministry serves.
_NATIONALS_ABROAD = re.compile(
    r"\b([A-Z][a-z]+?)s?\s+(?:Abroad|Expatriates|Diaspora|Nationals Abroad|Communities Abroad|Living Abroad)\b"
)
_NAMED_THINGS = frozenset({"hurricane", "storm", "typhoon", "cyclone", "vessel", "ship", "operation"})
_INITIAL = re.compile(r"[A-Z]\.?")
# Words a name may follow as its title: an office, in the plural too ("Presidents A and B").
_ANCHOR_HEADS = _OFFICE_HEADS | {f"{head}s" for head in _OFFICE_HEADS} | {"state", "general", "affairs"}


def _headline_word(word: str) -> bool:
    """A capitalised headline word that is no part of a name: an office, an encounter, a preposition."""
    word = word.lower().strip(".")
    return is_title_text(word) or word in _HEADLINE_WORDS


_HEADLINE_WORDS = {
    *words("meeting_triggers", label="noun"),
    *words("meeting_triggers", label="reference"),
    *("with", "and", "of", "to", "for", "on", "in", "at"),
}
