"""The relevance gate: which articles can hold a meeting, decided at tokenizer speed before any parse.

The parse is nearly all of an article's cost, and in a general news feed most articles (sport,
markets, weather, courts) report no diplomatic encounter. The gate reads each sentence as a list of
words (one regular expression, no spaCy) and sends an article to the parser when one sentence holds
an encounter word ("met", "talks", "visit", "call") together with an actor word ("minister",
"envoy", "counterpart") or a side (a country or organisation, from the extractor's own lexicons), and
the article has a word of foreign affairs ("foreign", "ambassador", "bilateral") or names two
different sides: a minister visiting a local clinic is not parsed. Its words are general diplomatic language
(`vocabulary.yaml`), never names or sentences of the annotated sets.

It errs towards reading: an article it lets through costs one parse; one it wrongly holds back
loses its meetings. `PARLEY_GATE=0` (or `parley run --no-gate`) turns it off.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LEXICONS = HERE.parent / "extract" / "lexicons"  # read as files: importing parley.extract loads spaCy
SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[^a-z])|\n+")
WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?\.?")
LONGEST_SIDE = 5  # words in the longest side name looked up


def enabled(setting: bool | str | None = None) -> bool:
    """Whether the gate runs: a bool says so; otherwise on unless PARLEY_GATE (or the text `setting`)
    is 0, false, off or no."""
    if isinstance(setting, bool):
        return setting
    value = os.environ.get("PARLEY_GATE", "1") if setting is None else setting
    return value.strip().lower() not in ("0", "false", "off", "no")


@functools.cache
def _words(kind: str) -> frozenset[str]:
    return frozenset(yaml.safe_load((HERE / "vocabulary.yaml").read_text(encoding="utf-8"))[kind])


@functools.cache
def _sides() -> dict[str, str]:
    """Every way the lexicons write a country or organisation, as written (case matters: US, not us),
    to its code."""
    names: dict[str, str] = {}
    for lexicon in ("countries", "organizations"):
        data = yaml.safe_load((LEXICONS / f"{lexicon}.yaml").read_text(encoding="utf-8"))
        for code, aliases in data.items():
            for alias in [*aliases, code] if lexicon == "organizations" else aliases:
                names[" ".join(WORD.findall(str(alias)))] = str(code)
    return names


def _sides_in(words: list[str], sides: dict[str, str]) -> set[str]:
    """Codes of the sides named in a sentence's words (names of up to LONGEST_SIDE words)."""
    found = set()
    for i, word in enumerate(words):
        if not word[:1].isupper():
            continue
        for n in range(1, LONGEST_SIDE + 1):
            name = " ".join(words[i : i + n])
            code = sides.get(name) or sides.get(name.rstrip("."))
            if code:
                found.add(code)
    return found


class Gate:
    """Decides whether an article's text can report a diplomatic encounter (see the module)."""

    def __init__(self) -> None:
        self.encounter = _words("encounter")
        self.actor = _words("actor")
        self.foreign = _words("foreign")
        self.sides = _sides()

    def relevant(self, text: str, title: str | None = None) -> bool:
        """True when the article may hold a meeting and must be parsed: a sentence with an encounter
        word and an actor or side, in an article with a word of foreign affairs or two sides."""
        encounter = foreign = False
        named: set[str] = set()
        for sentence in SENTENCE.split(f"{title}\n{text}" if title else text):
            words = WORD.findall(sentence)
            lower = {w.rstrip(".").lower() for w in words}
            sides = _sides_in(words, self.sides)
            named |= sides
            foreign = foreign or bool(lower & self.foreign)
            encounter = encounter or bool(lower & self.encounter and (sides or lower & self.actor))
            if encounter and (foreign or len(named) > 1):
                return True
        return False

    def select(self, texts: Iterable[tuple[str, str | None]]) -> list[bool]:
        """`relevant` for each (text, title)."""
        return [self.relevant(text, title) for text, title in texts]
