"""The model's attribute ruler, its patterns tested once per kind of token instead of by a Matcher.

spaCy's `AttributeRuler` (in `en_core_web_sm`: the tag map and its exceptions, 179 patterns) runs
them through a Matcher, which cost about as much as the parser itself on the real articles. Its
patterns are single tokens or short fixed sequences of plain tests on a few columns (tag, lower
form, dependency, space), so what the one-token rules set depends on those columns alone: it is
worked out once per combination met (`SingleTokenPatterns.passing`) and looked up for every token
after; the few sequences are matched on top, and the attributes written back with one
`Doc.from_array`. Later rules win, as in spaCy. `tests/test_attribute_columns.py` compares every
token attribute with the stock component's. A ruler holding a pattern this module does not know
stays as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from parley.extract.patterns.single import SingleTokenPatterns

NAME = "parley_attributes"
STOCK = "attribute_ruler"
_REMEMBERED = 200_000  # combinations of column values kept before the memory starts afresh


@dataclass(frozen=True)
class _Rule:
    order: int  # its place among the stock ruler's patterns: a later one overwrites
    keys: tuple[int, ...]  # one `SingleTokenPatterns` key per token of the sequence
    index: int  # the token of a match the attributes go to (negative: from its end)
    writes: tuple[tuple[int, int], ...]  # (column of `columns`, value), as the stock ruler normalised them

    @property
    def target(self) -> int:
        return self.index if self.index >= 0 else len(self.keys) + self.index


class ColumnAttributeRuler:
    """Sets what the stock ruler sets, on the same tokens, in the same order."""

    def __init__(self, ruler: AttributeRuler) -> None:
        """Raises ValueError on a pattern `SingleTokenPatterns` cannot test (see `understood`)."""
        self.single = SingleTokenPatterns(ruler.vocab)
        self.by_key: dict[int, _Rule] = {}  # a one-token rule's key -> the rule
        self.sequences: list[_Rule] = []
        self.columns = sorted({attr for pattern_attrs in ruler.attrs for attr in pattern_attrs})
        for order, pattern in enumerate(ruler.patterns):
            attrs, index = ruler.attrs[order], ruler.indices[order]
            if "_" in attrs:
                raise ValueError(f"attribute ruler pattern {order} sets extension attributes")
            for sequence in pattern["patterns"]:
                start = len(self.single.patterns)
                writes = tuple((self.columns.index(attr), value) for attr, value in attrs.items())
                rule = _Rule(order, tuple(range(start, start + len(sequence))), index, writes)
                if not sequence or not all(
                    self.single.add(k, [t]) for k, t in zip(rule.keys, sequence, strict=True)
                ):
                    raise ValueError(
                        f"attribute ruler pattern {order} is not a fixed sequence of plain tests"
                    )
                if not -len(sequence) <= index < len(sequence):
                    raise ValueError(f"attribute ruler pattern {order} points outside its match")
                if len(sequence) == 1:
                    self.by_key[rule.keys[0]] = rule
                else:
                    self.sequences.append(rule)
        self._known: dict[tuple[int, ...], tuple[frozenset[int], list[_Rule]]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not self.columns or not len(doc):
            return doc
        tested = doc.to_array(self.single.attrs).reshape(len(doc), len(self.single.attrs)).tolist()
        kinds = [self._kind(tuple(row)) for row in tested]
        fired: list[list[_Rule]] = [rules for _keys, rules in kinds]
        for rule in self.sequences:  # matched on the columns as they came, like every other rule
            first, rest = rule.keys[0], rule.keys[1:]
            for i, (keys, _rules) in enumerate(kinds[: len(doc) - len(rest)]):
                if first in keys and all(key in kinds[i + j][0] for j, key in enumerate(rest, 1)):
                    token = i + rule.target
                    fired[token] = sorted([*fired[token], rule], key=lambda r: r.order)
        values = doc.to_array(self.columns).reshape(len(doc), len(self.columns)).tolist()
        for row, rules in zip(values, fired, strict=True):
            for rule in rules:
                for j, value in rule.writes:
                    row[j] = value
        return doc.from_array(self.columns, np.array(values, dtype=np.uint64))

    def _kind(self, row: tuple[int, ...]) -> tuple[frozenset[int], list[_Rule]]:
        """The pattern keys a token with these tested values passes, and its one-token rules in order."""
        known = self._known.get(row)
        if known is None:
            if len(self._known) >= _REMEMBERED:
                self._known.clear()
            keys = self.single.passing(dict(zip(self.single.attrs, row, strict=True)))
            rules = sorted((self.by_key[k] for k in keys if k in self.by_key), key=lambda r: r.order)
            known = self._known[row] = (frozenset(keys), rules)
        return known


def understood(ruler: object) -> bool:
    """Whether `ColumnAttributeRuler` can stand in for this component."""
    if not isinstance(ruler, AttributeRuler):
        return False
    try:
        ColumnAttributeRuler(ruler)
    except ValueError:
        return False
    return True


@Language.factory(NAME)
def make_column_attribute_ruler(nlp: Language, name: str) -> ColumnAttributeRuler:
    """Built from the stock ruler of the same pipeline, which must still be in it."""
    return ColumnAttributeRuler(nlp.get_pipe(STOCK))
