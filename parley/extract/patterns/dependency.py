"""Dependency patterns (`>`, `>>`) matched by walking a Doc's head column, not by the DependencyMatcher.

The DependencyMatcher runs a Matcher pass with a pattern per node and tries every combination of the
tokens found, on a copy (`Span.as_doc`) of each sentence holding an anchor word: that was most of
`parley_cues`' time. The component keeps only a match's anchor token, so a walk of the parse from
each token the anchor's tests pick, asking whether the other nodes find tokens, is enough.

Same semantics (`tests/test_patterns.py` compares the two): two nodes may take one token, `>` is
"is the head of", `>>` "is an ancestor of". The sentence copies cut relations that cross a sentence
boundary; the parser's trees have none, and for a Doc that has one (or whose sentences come from a
hook) `find` gives None and the component runs the DependencyMatcher. A pattern with another
operator, or a node test `single.py` does not know, stays with the DependencyMatcher.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.attrs import HEAD, SENT_START
from spacy.tokens import Doc

from parley.extract.patterns.single import Columns, TokenTests, token_tests


class _Tree:
    """A parse as head positions, each token's children listed when first asked."""

    def __init__(self, heads: list[int]) -> None:
        self.heads = heads
        self._children: list[list[int]] | None = None

    def children(self, token: int) -> list[int]:
        if self._children is None:
            self._children = [[] for _ in self.heads]
            for i, head in enumerate(self.heads):
                if head != i:
                    self._children[head].append(i)
        return self._children[token]

    def descendants(self, token: int) -> Iterator[int]:
        stack = list(self.children(token))
        while stack:
            below = stack.pop()
            yield below
            stack += self.children(below)

    def head(self, token: int) -> list[int]:
        head = self.heads[token]
        return [] if head == token else [head]

    def ancestors(self, token: int) -> Iterator[int]:
        while (head := self.heads[token]) != token:
            yield head
            token = head


Step = Callable[[_Tree, int], Iterable[int]]
# REL_OP -> the tokens a node's relation reaches: below the left node, or above the right one.
_DOWN: dict[str, Step] = {">": _Tree.children, ">>": _Tree.descendants}
_UP: dict[str, Step] = {">": _Tree.head, ">>": _Tree.ancestors}


@dataclass
class _Pattern:
    key: int
    anchor: int
    nodes: list[TokenTests] = field(default_factory=list)
    above: list[tuple[str, int] | None] = field(default_factory=list)  # (REL_OP, left node); None: root
    below: list[list[tuple[str, int]]] = field(default_factory=list)  # (REL_OP, right node) of each node


class _Search:
    """Which tokens a pattern's nodes can take in one Doc, remembered per (node, token)."""

    def __init__(self, pattern: _Pattern, columns: Columns, tree: _Tree) -> None:
        self.pattern, self.columns, self.tree = pattern, columns, tree
        self._fits: dict[tuple[int, int], bool] = {}

    def fits(self, node: int, token: int) -> bool:
        """The token passes the node's tests, and each relation below the node reaches a token that fits."""
        found = self._fits.get((node, token))
        if found is None:
            found = self.pattern.nodes[node].passes(self.columns, token) and all(
                any(self.fits(right, other) for other in _DOWN[op](self.tree, token))
                for op, right in self.pattern.below[node]
            )
            self._fits[(node, token)] = found
        return found

    def matches(self, node: int, token: int) -> bool:
        """The whole pattern matches with the node on this token: the nodes below fit, and the node
        above (with the rest of the pattern) does on a token the relation reaches upwards."""
        if not self.fits(node, token):
            return False
        above = self.pattern.above[node]
        if above is None:
            return True
        op, left = above
        return any(self.matches(left, other) for other in _UP[op](self.tree, token))


class DependencyPatterns:
    """The dependency patterns added to it, run over a Doc: `(key, anchor token)` for each anchor of
    a match, pattern by pattern in the order added, tokens in order."""

    def __init__(self) -> None:
        self.attrs: list[int] = [HEAD, SENT_START]
        self.patterns: list[_Pattern] = []

    def add(self, key: int, pattern: list[dict[str, Any]], anchor: int) -> bool:
        """Take a (valid) DependencyMatcher pattern if its relations and tests are known here; False
        leaves it to the DependencyMatcher."""
        taken = _Pattern(key, anchor, below=[[] for _ in pattern])
        names: dict[str, int] = {}
        for n, node in enumerate(pattern):
            tests = token_tests(node.get("RIGHT_ATTRS", {}))
            if tests is None:
                return False
            names[node["RIGHT_ID"]] = n
            above = None
            if n:
                op, left = node.get("REL_OP"), names.get(node.get("LEFT_ID"))
                if op not in _DOWN or left is None:
                    return False
                above = (op, left)
                taken.below[left].append((op, n))
            taken.nodes.append(tests)
            taken.above.append(above)
        self.attrs += [attr for node in taken.nodes for attr in node.attrs if attr not in self.attrs]
        self.patterns.append(taken)
        return True

    def __call__(self, doc: Doc) -> list[tuple[int, int]] | None:
        return self.find(Columns(doc, self.attrs)) if self.patterns and len(doc) else []

    def find(self, columns: Columns) -> list[tuple[int, int]] | None:
        """The matches in a Doc whose columns hold (at least) `self.attrs`; None where the parse
        crosses a sentence boundary, which the DependencyMatcher's sentence copies would cut."""
        if not self.patterns:
            return []
        tree = _tree(columns)
        if tree is None:
            return None
        out = []
        for pattern in self.patterns:
            search = _Search(pattern, columns, tree)
            candidates = sorted(pattern.nodes[pattern.anchor].candidates(columns))
            out += [(pattern.key, i) for i in candidates if search.matches(pattern.anchor, i)]
        return out


def _tree(columns: Columns) -> _Tree | None:
    """The Doc's parse, unless a head lies outside its token's sentence or hooks define the sentences."""
    doc = columns.doc
    if "sents" in doc.user_hooks or "sent" in doc.user_span_hooks or "sent" in doc.user_token_hooks:
        return None
    heads = np.arange(len(doc)) + columns.array[:, columns.attrs.index(HEAD)].astype(np.int64)
    starts = columns.array[:, columns.attrs.index(SENT_START)].astype(np.int64) == 1
    starts[0] = True
    sentence = np.cumsum(starts)
    if (sentence[heads] != sentence).any():
        return None
    return _Tree(heads.tolist())
