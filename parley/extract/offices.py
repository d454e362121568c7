"""Office titles: which words form them, what rank they carry, which side they imply."""

from __future__ import annotations

import functools
import re

from spacy.tokens import Token

from parley.extract.lexicons import load_lexicon

LEVEL_RANK = {"unknown": 0, "working_level": 1, "vice_ministerial": 2, "ministerial": 3, "summit": 4}


@functools.cache
def _offices() -> dict:
    data = load_lexicon("offices")
    return {
        "title_words": frozenset(data["title_words"]),
        "connectors": frozenset(data["connectors"]),
        "honorifics": frozenset(data["honorifics"]),
        "joined_stems": tuple(data["joined_stems"]),
        "other_leaders": tuple(data["other_leaders"]),
        "levels": [(phrase, level) for phrase, level in data["levels"]],
        "implied_side": {
            phrase: [codes] if isinstance(codes, str) else list(codes)
            for phrase, codes in data["implied_side"].items()
        },
        "meeting_levels": [(phrase, level) for phrase, level in data["meeting_levels"]],
        "office_words": [(phrase, level) for phrase, level in data["office_words"]],
        "career_offices": {phrase: frozenset(codes) for phrase, codes in data["career_offices"].items()},
    }


def is_title_word(token: Token) -> bool:
    return is_title_text(token.lower_)


def is_title_text(word: str) -> bool:
    """`is_title_word` for a lowercased word outside a parsed text (a headline's words)."""
    return word in _offices()["title_words"]


def is_connector(token: Token) -> bool:
    return is_connector_text(token.lower_)


def is_connector_text(word: str) -> bool:
    """`is_connector` for a lowercased word, read without a Token (`people.words_of`)."""
    return word in _offices()["connectors"]


def honorific_abbreviations() -> list[str]:
    """The honorifics written with a full stop ("Hon.", "Amb."), which the tokenizer must keep whole."""
    return sorted(h for h in _offices()["honorifics"] if h.endswith(".") and "." not in h[:-1])


def joined_words() -> list[str]:
    """Hyphenated verbs of shared office ("co-chair", "Co-hosted") in every inflection and both
    cases, which the tokenizer must keep whole."""
    forms = [f"{stem}{ending}" for stem in _offices()["joined_stems"] for ending in ("", "s", "ed", "ing")]
    return sorted({*forms, *(f[:1].upper() + f[1:] for f in forms)})


def is_honorific(token: Token) -> bool:
    return is_honorific_text(token.text)


def is_honorific_text(text: str) -> bool:
    """`is_honorific` for a word as written, read without a Token (`people.words_of`)."""
    return text in _offices()["honorifics"] or f"{text}." in _offices()["honorifics"]


def title_level(title: str | None, side: str | None = None) -> str:
    """The rank an office carries (see GUIDELINES: meetings.level); `side` is the holder's
    country, for offices whose rank differs by country."""
    if not title:
        return "unknown"
    lowered = _normal(title)
    if side and any(
        phrase in lowered and side in codes for phrase, codes in _offices()["career_offices"].items()
    ):
        return "working_level"
    for phrase, level in _offices()["levels"]:
        if _whole_words(phrase).search(lowered):
            return level  # whole words: a "Presidential Aide" is no president
    return "working_level"


def implied_side(title: str | None, home: str | None = None) -> str | None:
    """The country an office names by itself ("Secretary of State" is American). An office that
    several countries have ("Foreign Secretary": British, Indian, Pakistani, ...) is the home
    side's when home is one of them, else the first listed."""
    if not title:
        return None
    lowered = title.lower()
    for phrase, codes in _offices()["implied_side"].items():
        if phrase in lowered:
            return home if home in codes else codes[0]
    return None


@functools.cache
def _whole_words(phrase: str) -> re.Pattern[str]:
    before = r"(?<!\w)" if phrase[0].isalnum() else ""
    after = r"(?!\w)" if phrase[-1].isalnum() else ""
    return re.compile(before + re.escape(phrase) + "s?" + after)


def _normal(text: str) -> str:
    """Lowercase, single-spaced, hyphens rejoined: token-joined text reads "working - level"."""
    return " ".join(text.lower().replace("-", " - ").split()).replace(" - ", "-")


def meeting_word_level(text: str) -> str:
    """The rank a meeting's own words give it ("summit", "foreign ministers'")."""
    lowered = _normal(text)
    for phrase, level in _offices()["meeting_levels"]:
        if phrase in lowered:
            return level
    return "unknown"


def office_word_levels(text: str) -> list[str]:
    """Ranks of offices named in the plural ("the foreign ministers of X and Y")."""
    lowered = _SHARED_RANK.sub(r"\1 ministers", _normal(text))  # "vice defence and foreign ministers"
    lowered = _other_leaders().sub("", lowered)
    levels = [level for phrase, level in _offices()["office_words"] if phrase in lowered]
    if not levels and _CABINET_MINISTERS.search(lowered):
        levels.append("ministerial")  # "the water ministers of A, B and C": any portfolio
    return levels


_SHARED_RANK = re.compile(r"\b(vice|deputy) \w+ and \w+ ministers\b")
_CABINET_MINISTERS = re.compile(
    r"(?<!deputy )(?<!vice )(?<!vice-)(?<!junior )\b(?!deputy\b|vice\b|junior\b|prime\b)\w+ ministers\b"
)


@functools.cache
def _other_leaders() -> re.Pattern[str]:
    """ "theater leaders", "business leaders": leaders who are no heads of state."""
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, _offices()['other_leaders']))}) leaders\b")


def highest(levels: list[str]) -> str:
    return max(levels, key=LEVEL_RANK.__getitem__, default="unknown")
