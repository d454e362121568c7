"""Rule grammar as data: spaCy Matcher and DependencyMatcher patterns, one JSONL file per span group.

Each line of `<group>.jsonl` is one pattern:
`{"id": "meeting/noun", "label": "noun", "pattern": [...], "example": "A sentence in which it fires."}`.
`pattern` is a `Matcher` token pattern (a list of token dicts) or a `DependencyMatcher` pattern (a
list of nodes with `RIGHT_ID`); a dependency match marks the token of its node named `anchor`, else
of its first node. `id` names the rule (`<table>/<rule>`, the `rule_id` of the rows it founds, with
the cue word appended); several lines may share an id, as alternatives of one rule. `label` is what
the match is (a trigger's kind, a date's kind). Other keys are data the later stages read about a
pattern (`other_side`: the prepositions that introduce a meeting verb's other side; `object_side`:
its direct object is the other side; `medium`: the medium the verb itself names, as "phoned" does).

`component.py` runs them all as the `parley_cues` pipeline component, which fills `doc.spans[<group>]`.
"""

from __future__ import annotations

import bisect
import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from spacy.tokens import Span

ANCHOR = "anchor"


@dataclass(frozen=True, eq=False)
class Pattern:
    """One line of a pattern file."""

    group: str
    line: int
    id: str
    label: str
    pattern: list[dict[str, Any]]
    example: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def dependency(self) -> bool:
        """True for a DependencyMatcher pattern (nodes with RIGHT_ID), False for a token pattern."""
        return bool(self.pattern) and "RIGHT_ID" in self.pattern[0]

    @property
    def anchor(self) -> int:
        """Index of the node (of a dependency pattern) or token (of a token pattern) a match is about."""
        names = [node.get("RIGHT_ID") for node in self.pattern]
        return names.index(ANCHOR) if ANCHOR in names else 0

    def words(self, attr: str = "LOWER") -> tuple[str, ...]:
        """The values its anchor token may take for `attr` (`"LEMMA": {"IN": [...]}` or one string)."""
        node = self.pattern[self.anchor]
        value = (node.get("RIGHT_ATTRS", {}) if self.dependency else node).get(attr)
        if isinstance(value, str):
            return (value,)
        return tuple(value.get("IN", ())) if isinstance(value, dict) else ()


def groups() -> list[str]:
    """The span groups that have a pattern file, in a fixed order."""
    files = resources.files(__package__).iterdir()
    return sorted(f.name.removesuffix(".jsonl") for f in files if f.name.endswith(".jsonl"))


@functools.cache
def load_patterns(group: str) -> tuple[Pattern, ...]:
    """The patterns of `<group>.jsonl`, in file order (earlier ids win overlaps, see component.py)."""
    text = resources.files(__package__).joinpath(f"{group}.jsonl").read_text(encoding="utf-8")
    out = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        item = json.loads(raw)
        core = {key: item.pop(key) for key in ("id", "label", "pattern", "example")}
        out.append(Pattern(group, number, **core, extra=item))
    return tuple(out)


@functools.cache
def words(
    group: str, *, label: str | None = None, rule: str | None = None, attr: str = "LOWER"
) -> frozenset[str]:
    """Every word that the patterns of `group` with this label or id name for `attr` on their
    anchor token ("talks" among the meeting nouns), for rules that ask whether a word is one."""
    return frozenset(
        word
        for pattern in load_patterns(group)
        if (label is None or pattern.label == label) and (rule is None or pattern.id == rule)
        for word in pattern.words(attr)
    )


def spans_by_sentence(sents: list[Span], group: str) -> list[list[Span]]:
    """The spans of `doc.spans[group]`, listed under the sentence each begins in."""
    out: list[list[Span]] = [[] for _ in sents]
    starts = [sent.start for sent in sents]
    for span in sents[0].doc.spans[group] if sents else ():
        index = bisect.bisect_right(starts, span.start) - 1
        if index >= 0 and span.start < sents[index].end:
            out[index].append(span)
    return out
