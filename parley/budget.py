"""Long articles: read piece by piece, never cut, within a budget of time and memory.

An article longer than one piece (`PARLEY_PIECE_CHARS`, at most spaCy's `nlp.max_length`) is read
alone, one piece after another (`parley.pieces`); after each piece its time and the growth of this
process's memory are compared with the budget, and past it the article stops with `OverBudget`,
which the extraction stage records as an `over_budget` reject while the other articles land.
"""

from __future__ import annotations

import dataclasses
import os
import resource
import sys
import time

from parley.extract import Extractor
from parley.extract.rows import ArticleInput, Extraction
from parley.pieces import merge, split

MB = 2**20


class OverBudget(Exception):
    """An article that took more time or memory than its budget; the message says how far it got."""


def _setting(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a number") from None
    if number <= 0:
        raise ValueError(f"{name}={value!r} must be more than 0")
    return number


@dataclasses.dataclass(frozen=True)
class Limits:
    """How long a piece may be, and what one article may cost."""

    piece_chars: int = 100_000
    seconds: float = 60.0
    memory_bytes: int = 1536 * MB

    @classmethod
    def from_env(cls) -> Limits:
        """PARLEY_PIECE_CHARS, PARLEY_ARTICLE_SECONDS and PARLEY_ARTICLE_MEMORY_MB, else the defaults."""
        default = cls()
        return cls(
            piece_chars=int(_setting("PARLEY_PIECE_CHARS", default.piece_chars)),
            seconds=_setting("PARLEY_ARTICLE_SECONDS", default.seconds),
            memory_bytes=int(_setting("PARLEY_ARTICLE_MEMORY_MB", default.memory_bytes / MB) * MB),
        )

    def piece_size(self, extractor: Extractor) -> int:
        """Characters per piece: the setting, within what the extractor's parser accepts."""
        return max(2, min(self.piece_chars, extractor.nlp.max_length - 1))


def resident_bytes() -> int:
    """This process's resident memory now (on Linux; elsewhere its peak so far, which only grows)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def read_in_pieces(extractor: Extractor, article: ArticleInput, limits: Limits) -> Extraction:
    """The rows of a whole article, read one piece at a time; OverBudget once it costs more than `limits`."""
    text = article.text
    spans = split(text, limits.piece_size(extractor))
    started, baseline = time.monotonic(), resident_bytes()
    parts: list[tuple[int, Extraction]] = []
    for number, (start, end) in enumerate(spans, start=1):
        parts.append((start, extractor.extract(dataclasses.replace(article, text=text[start:end]))))
        seconds, grown = time.monotonic() - started, resident_bytes() - baseline
        if seconds > limits.seconds or grown > limits.memory_bytes:
            raise OverBudget(
                f"over the budget of {limits.seconds:g} s and {limits.memory_bytes / MB:.0f} MB per article "
                f"(PARLEY_ARTICLE_SECONDS, PARLEY_ARTICLE_MEMORY_MB) after {end:,} of {len(text):,} "
                f"characters (piece {number} of {len(spans)}): {seconds:.1f} s, {grown / MB:.0f} MB more"
            )
    return merge(parts)
