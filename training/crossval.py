"""Sentence-level cross-validation of the stance classifier against the rule cues.

    python -m training.crossval --gold DIR [DIR ...] [--folds 5] [--cache /tmp/parses]

Folds are by article (no sentence of a held-out article is trained on). For every held-out
sentence it compares, as detection of "this sentence voices a stance" and as (sentence, stance)
pairs: the rule cues alone, the classifier alone, and the two combined the way the extractor
combines them (the classifier only where no cue rule fired and no agreement cue took the
sentence; the extractor also needs a speaker that is a side of the meeting), over a range of
thresholds. This is how `training.train`'s settings were chosen; the
end-to-end figure is `make eval`'s.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span

from parley.extract.cues import find_agreements, find_stances
from parley.extract.learned import read_stances
from parley.extract.stance_cues import STANCES
from training.dataset import LabelledArticle, load
from training.train import KIND_THRESHOLD, classifier, stance_samples, train_stance

GRID = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


@dataclass(frozen=True)
class Held:
    """One held-out sentence: gold stances, what the rules found, and the classifier's scores."""

    gold: frozenset[str]
    rules: frozenset[str]
    agreement: bool
    scores: dict[str, float]


def folds(articles: Sequence[LabelledArticle], k: int, seed: int = 0) -> list[list[LabelledArticle]]:
    """k folds of whole articles, dealt round-robin after a seeded shuffle of their names."""
    ordered = sorted(articles, key=lambda a: a.name)
    random.Random(seed).shuffle(ordered)
    return [ordered[i::k] for i in range(k)]


def held_out(articles: Sequence[LabelledArticle], k: int) -> list[Held]:
    """Every sentence, scored by a classifier that never saw its article."""
    held: list[Held] = []
    for n, test in enumerate(parts := folds(articles, k)):
        train = [a for i, part in enumerate(parts) if i != n for a in part]
        model = classifier(train_stance(stance_samples(train)))
        for article in test:
            scores = model.scores(article.sents)
            held += [
                _held(s, gold, sc) for s, gold, sc in zip(article.sents, article.stances, scores, strict=True)
            ]
    return held


def _held(sent: Span, gold: frozenset[str], scores: dict[str, float]) -> Held:
    rules = frozenset(cue.stance for cue in find_stances(sent))
    return Held(gold, rules, bool(find_agreements(sent)), scores)


def predicted(h: Held, source: str, threshold: float) -> frozenset[str]:
    """What `source` (rules, model or combined) says the sentence voices."""
    model = frozenset(read_stances(h.scores, STANCES, threshold, KIND_THRESHOLD))
    if source == "rules":
        return h.rules
    if source == "model":
        return model
    return h.rules or (frozenset() if h.agreement else model)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def measure(held: Sequence[Held], source: str, threshold: float) -> dict[str, tuple[float, float, float]]:
    """P/R/F1 of stance-sentence detection and of (sentence, stance) pairs."""
    d = [0, 0, 0]
    pairs = [0, 0, 0]
    for h in held:
        pred = predicted(h, source, threshold)
        d[0] += bool(h.gold and pred)
        d[1] += bool(pred and not h.gold)
        d[2] += bool(h.gold and not pred)
        pairs[0] += len(h.gold & pred)
        pairs[1] += len(pred - h.gold)
        pairs[2] += len(h.gold - pred)
    return {"sentences": prf(*d), "stances": prf(*pairs)}


def table(held: Sequence[Held]) -> str:
    lines = [f"{'source':<10}{'threshold':>10}  sentences P/R/F1   stances P/R/F1"]

    def line(source: str, threshold: float) -> str:
        m = measure(held, source, threshold)
        cells = "   ".join(" ".join(f"{x:.3f}" for x in m[key]) for key in ("sentences", "stances"))
        return f"{source:<10}{threshold:>10.2f}  {cells}"

    lines.append(line("rules", 0.0))
    lines += [line(source, t) for source in ("model", "combined") for t in GRID]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m training.crossval", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", nargs="+", type=Path, required=True)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", type=Path, help="folder to keep parses in between runs")
    args = parser.parse_args(argv)
    articles = load(args.gold, cache=args.cache)
    held = held_out(articles, args.folds)
    print(f"{len(articles)} articles, {len(held)} sentences, {sum(1 for h in held if h.gold)} with a stance")
    print(table(held))


if __name__ == "__main__":
    main()
