"""Which real articles are held out in which fold: by article, mixed across sets, fixed seed.

Folds are by article so that no sentence of a held-out article can reach training; they are
dealt round-robin per set so that every fold mixes the sets (and their publishers and years).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

REAL_SETS = ("dev", "dev2", "dev3")


@dataclass(frozen=True)
class Item:
    """One annotated article: the set it belongs to, its gold file and its article file."""

    set_name: str
    gold: Path
    article: Path


def discover(shared: Path, sets: Sequence[str] = REAL_SETS) -> list[Item]:
    """Every gold file of the given sets, paired with the article it names (SET/articles/FILE)."""
    items = []
    for name in sets:
        for gold in sorted((shared / name / "gold").glob("*.json")):
            file = PurePath(json.loads(gold.read_text())["file"]).name
            article = shared / name / "articles" / file
            if not article.is_file():
                raise ValueError(f"{gold}: names {file}, which is not in {article.parent}")
            items.append(Item(name, gold, article))
    # Folds are written as flat folders, and the scorer matches gold to articles by file name.
    clashes = [n for n, c in Counter(i.article.name for i in items).items() if c > 1]
    if clashes:
        raise ValueError(f"article file names occur in more than one set: {', '.join(sorted(clashes))}")
    return items


def assign_folds(items: Sequence[Item], k: int, seed: int) -> list[list[Item]]:
    """k test folds: each set sorted, shuffled with the seed, and dealt round-robin.

    The deal continues from one set to the next, so fold sizes differ by at most one; a set with
    at least k articles has some in every fold. The input order does not matter.
    """
    if not 2 <= k <= len(items):
        raise ValueError(f"cannot make {k} folds of {len(items)} articles")
    rng = random.Random(seed)
    folds: list[list[Item]] = [[] for _ in range(k)]
    dealt = 0
    for name in sorted({i.set_name for i in items}):
        members = sorted((i for i in items if i.set_name == name), key=lambda i: i.article.name)
        rng.shuffle(members)
        for item in members:
            folds[dealt % k].append(item)
            dealt += 1
    return folds


def training_items(folds: Sequence[Sequence[Item]], held_out: int) -> list[Item]:
    """Everything outside the held-out fold: what may be fitted when that fold is scored."""
    return [item for i, fold in enumerate(folds) if i != held_out for item in fold]
