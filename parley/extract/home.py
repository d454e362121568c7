"""The side an article speaks for: its publisher's government or organisation, else its dateline's country.

A readout's "I", "we" and unnamed officials ("The Secretary") belong to the
publisher's side; a dateline ("ISLAMABAD:") says where a wire story stands.
"""

from __future__ import annotations

import re

from parley.extract.lexicons import load_lexicon
from parley.extract.sentences import DATELINE
from parley.extract.sides import SideLexicon


def home_side(sides: SideLexicon, publisher: str | None, text: str) -> str | None:
    """The country of a known outlet, else the first country (else organisation) the publisher names,
    else the dateline's country."""
    if publisher:
        for outlet, code in load_lexicon("outlets").items():
            if outlet.lower() in publisher.lower():
                return str(code)
        own = _REPUBLISHED.split(publisher)[0]  # "X press release (republished by Y)": X speaks
        found = sorted(sides.find(own), key=lambda m: m.start)
        if found:  # "Ministry of Foreign Affairs of the PRC", "European External Action Service"
            return found[0].code
    return dateline_side(sides, text)


def dateline_side(sides: SideLexicon, text: str) -> str | None:
    """The country of the place the story is filed from ("ALGIERS:" is Algeria's)."""
    for place in _datelines(text):
        code = sides.country(place.title())
        if code:
            return code
    return None


_REPUBLISHED = re.compile(r"\(?\b(?:republished|reposted|reproduced|distributed|via|citing)\b", re.IGNORECASE)

# "New York, 24 September 2025" on a line of its own: a readout's sign-off.
_CLOSING_PLACE = re.compile(
    r"(?m)^\s*([A-Z][a-z]+(?: [A-Z][a-z]+){0,3}),\s*\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*$"
)


def dateline_place(text: str) -> str | None:
    """The place a wire story or readout is filed from, as a reader would write it ("Weissenhaus"):
    where the encounter it reports took place when the body names no place."""
    opening = [place.title() for place in _datelines(text) if place.isupper()]
    if opening:
        return opening[0]
    closing = _CLOSING_PLACE.search(text[-300:])
    return closing.group(1) if closing else None


def _datelines(text: str) -> list[str]:
    """Places of the datelines that open the first lines, as written ("WEISSENHAUS", "Cairo")."""
    matches = (DATELINE.match(line.strip()) for line in text[:600].splitlines())
    return [(m.group("place") or m.group("filed_in")).strip() for m in matches if m]
