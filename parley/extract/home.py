"""The side an article speaks for: its publisher's government, else its dateline's country.

A readout's "I", "we" and unnamed officials ("The Secretary") belong to the
publisher's side; a dateline ("ISLAMABAD:") says where a wire story stands.
"""

from __future__ import annotations

import re

from parley.extract.lexicons import load_lexicon
from parley.extract.sides import SideLexicon

_DATELINE = re.compile(
    r"(?m)^\s*([A-Z][A-Z .'-]{2,30}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s*(?:\([^)]{1,40}\))?\s*(?::|-|–|—)\s"
)


def home_side(sides: SideLexicon, publisher: str | None, text: str) -> str | None:
    """The country of a known outlet, else the first country the publisher names, else the dateline's."""
    if publisher:
        for outlet, code in load_lexicon("outlets").items():
            if outlet.lower() in publisher.lower():
                return str(code)
        named = [m.code for m in sides.find(publisher) if not m.is_org]
        if named:
            return named[0]  # "Ministry of Foreign Affairs of the PRC (via its embassy in ...)"
    for match in _DATELINE.finditer(text[:600]):
        place = match.group(1).strip().title()
        code = sides.country(place)
        if code:
            return code
    return None
