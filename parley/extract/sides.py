"""Name the sides of diplomacy: country names, demonyms, capitals and organisations to codes.

Country names come from pycountry; the press's other ways of naming a country
(demonyms, capitals as metonyms, acronyms such as ROK or DPRK) and the
organisations come from the YAML lexicons. Matching is one compiled regular
expression over the text, so hyphenated compounds ("Japan-ROK") resolve too.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pycountry

from parley.extract.lexicons import load_lexicon
from parley.extract.trie import initials, trie_alternation

# pycountry names that read as something else in news text.
_AMBIGUOUS_NAMES = {"Georgia", "Chad", "Guinea", "Niger", "Jersey"}

# Words that turn a following country name into a region or another place ("Latin America",
# "South China Sea", "East Germany"); names that begin with them ("South Korea") are aliases of
# their own and match whole. "New" opens too many headlines ("New EU Sanctions"): the places it
# makes are listed instead, matched and then dropped.
_REGION_WORDS = ("North", "South", "East", "West", "Central", "Latin")
_OTHER_PLACES = {"New Mexico", "New Mexican"}
_KEPT_WORDS = 1 << 16


@dataclass(frozen=True)
class SideMention:
    """A country or organisation named in a text, with its character offsets."""

    code: str
    start: int
    end: int
    text: str
    is_org: bool


def _country_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name and "," not in name and "(" not in name and name not in _AMBIGUOUS_NAMES:
                aliases.setdefault(name, country.alpha_3)
    for code, names in load_lexicon("countries").items():
        for name in names:
            aliases[str(name)] = code
    return aliases


def _org_aliases() -> dict[str, str]:
    return {str(name): str(code) for code, names in load_lexicon("organizations").items() for name in names}


class SideLexicon:
    """Find and normalise country and organisation mentions."""

    def __init__(self) -> None:
        self.countries = _country_aliases()
        self.orgs = _org_aliases()
        self.regions: dict[str, list[str]] = load_lexicon("regions")
        names = {*self.countries, *self.orgs, *self.regions, *_OTHER_PLACES}
        alternation, start = trie_alternation(names), initials([*names, "the"])
        not_region = "".join(rf"(?<!\b{word}\s)" for word in _REGION_WORDS)
        self._pattern = re.compile(
            rf"(?={start})(?<![\w.]){not_region}(?:the\s+)?({alternation})(?![\w])(?!-[a-z])"
        )
        self.org_codes = set(self.orgs.values())
        ambiguous = "|".join(sorted(_AMBIGUOUS_NAMES))
        self._ambiguous = re.compile(  # "the President of Niger", "Chad's foreign minister"
            rf"(?={initials(_AMBIGUOUS_NAMES)})"
            rf"(?:(?:(?<=\bof\s)|(?<=\bto\s)|(?<=\bfrom\s)|(?<=\bof\sthe\s))({ambiguous})(?![\w-])"
            rf"|\b({ambiguous})(?=['’]s\b))"
        )
        self._ambiguous_codes = {
            name: c.alpha_3 for c in pycountry.countries for name in _AMBIGUOUS_NAMES if c.name == name
        }
        self._whole_names: dict[str, SideMention | None] = {}  # `whole_name`'s answers

    def find(self, text: str, offset: int = 0) -> list[SideMention]:
        """Every side named in `text`; offsets are shifted by `offset`."""
        found = []
        for match in self._pattern.finditer(text):
            name = match.group(1)
            if name in _OTHER_PLACES:
                continue
            if name in self.regions:  # "Central Asian countries": each member, at the region's offsets
                start, end = offset + match.start(1), offset + match.end(1)
                found += [SideMention(code, start, end, name, False) for code in self.regions[name]]
                continue
            # "U.S." swallows the full stop that may end a sentence: keep the match.
            is_org = name in self.orgs and name not in self.countries
            code = self.orgs[name] if is_org else self.countries[name]
            found.append(SideMention(code, offset + match.start(1), offset + match.end(1), name, is_org))
        for match in self._ambiguous.finditer(text):  # names that read as something else unless placed
            group = 1 if match.group(1) else 2
            name = match.group(group)
            start, end = offset + match.start(group), offset + match.end(group)
            found.append(SideMention(self._ambiguous_codes[name], start, end, name, False))
        return sorted(found, key=lambda m: m.start)

    def whole_name(self, word: str) -> SideMention | None:
        """The first side `find` reads in `word` when it is all of `word` ("Kenya", "Chinese"),
        else None. The people finder asks this of the word after every "the", so the answers are
        kept (up to `_KEPT_WORDS` words, then forgotten)."""
        if word not in self._whole_names:
            if len(self._whole_names) >= _KEPT_WORDS:
                self._whole_names.clear()
            found = self.find(word)
            self._whole_names[word] = found[0] if found and found[0].text == word else None
        return self._whole_names[word]

    def codes(self, text: str) -> list[str]:
        """The distinct codes named in `text`, in order of first mention."""
        return list(dict.fromkeys(m.code for m in self.find(text)))

    def country(self, text: str) -> str | None:
        """The single country `text` names, or None when it names none or several."""
        codes = [m.code for m in self.find(text) if not m.is_org]
        unique = set(codes)
        return codes[0] if len(unique) == 1 else None

    def is_org(self, code: str) -> bool:
        return code in self.org_codes


@functools.cache
def side_lexicon() -> SideLexicon:
    """One shared lexicon per process (building the pattern takes a few milliseconds)."""
    return SideLexicon()
