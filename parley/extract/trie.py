"""A regular expression alternation of many literal words, written as a trie.

`"|".join(words)` makes Python's `re` try every word in turn at every position of the text (a few
hundred country and organisation names: about a microsecond a character). Written as a trie
(`Ch(?:ina|ile|ad)`), each position costs a few character tests. The trie matches the same words and
tries them in the same order as the words sorted longest first, so a pattern around it finds exactly
what the plain alternation found: at each position the longest word for which the rest of the
pattern holds, a shorter one only when that fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # key of a trie node where a word ends


def trie_alternation(words: Iterable[str]) -> str:
    """A non-capturing regex matching any of `words` (literal strings), longer words first."""
    root: dict[str, dict] = {}
    for word in words:
        if not word:
            raise ValueError("an empty word would match everywhere")
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _node(root)


def _node(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _node(child) for char, child in sorted(node.items()) if char != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # A word ends here and longer ones go on: greedy `?` tries the longer ones first.
    return f"(?:{body})?" if _END in node else body


def initials(words: Iterable[str]) -> str:
    """A regex character class of the first characters of `words`. As a lookahead before a pattern
    each of whose matches starts with one of `words`, it changes no match and lets `re` leave every
    other position of a text after one test, instead of trying the whole pattern there."""
    return "[" + "".join(sorted({re.escape(word[0]) for word in words})) + "]"
