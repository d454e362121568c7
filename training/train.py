"""Train the learned components: `python -m training.train --gold DIR [DIR ...] --out MODEL_DIR`.

Writes MODEL_DIR/stance/ (a spaCy `textcat_multilabel` pipeline and `parley.json`). The same files
and seed give the same weights: seeds are fixed, examples are ordered by article and shuffled by
a seeded generator, and training runs on the CPU. The architecture, epochs and thresholds below
were chosen with `python -m training.crossval` (cross-validation over articles), not on a dev score.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from parley.extract import EXTRACTOR_VERSION
from parley.extract.learned import ANY, META, STANCE, StanceClassifier, features
from parley.extract.stance_cues import STANCES
from training.dataset import LabelledArticle, load

SEED = 0
EPOCHS = 12
BATCH = 16
DROPOUT = 0.2
THRESHOLD = 0.5  # on ANY
KIND_THRESHOLD = 0.5
# A bag of words and word pairs in a small hash table: fast, and a few hundred kilobytes on disk.
BOW = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": False,
    "ngram_size": 2,
    "no_output_layer": False,
    "length": 2**16,
}
# The bag of words beside a small CNN over hashed word forms, which generalises over spellings
# and affixes that the bag of words has seen only once.
ENSEMBLE = {
    "@architectures": "spacy.TextCatEnsemble.v2",
    "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": 64,
            "rows": [2000, 1000, 1000, 1000],
            "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
            "include_static_vectors": False,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": 64,
            "window_size": 1,
            "maxout_pieces": 3,
            "depth": 2,
        },
    },
    "linear_model": BOW,
}
STANCE_MODEL = ENSEMBLE
LABELS = (*STANCES, ANY)

Sample = tuple[list[str], frozenset[str]]


def stance_samples(articles: Sequence[LabelledArticle]) -> list[Sample]:
    """Each sentence's classifier words and gold labels, with ANY beside any stance."""
    return [
        (features(sent), labels | {ANY} if labels else labels)
        for article in articles
        for sent, labels in zip(article.sents, article.stances, strict=True)
    ]


def train_textcat(
    samples: Sequence[Sample],
    labels: Sequence[str],
    model: dict | None = None,
    epochs: int = EPOCHS,
    seed: int = SEED,
) -> Language:
    """A blank English pipeline with one trained `textcat_multilabel`."""
    fix_random_seed(seed)
    nlp = spacy.blank("en")
    nlp.add_pipe("textcat_multilabel", config={"model": model or STANCE_MODEL})
    examples = [
        Example.from_dict(
            Doc(nlp.vocab, words=words or ["-empty-"]), {"cats": {x: float(x in gold) for x in labels}}
        )
        for words, gold in samples
    ]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    order = list(examples)
    for _ in range(epochs):
        rng.shuffle(order)
        for batch in minibatch(order, size=BATCH):
            nlp.update(batch, sgd=optimizer, drop=DROPOUT)
    return nlp


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m training.train", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", nargs="+", type=Path, required=True, help="gold folders (articles beside)")
    parser.add_argument("--out", type=Path, required=True, help="model folder to write")
    parser.add_argument("--cache", type=Path, help="folder to keep parses in between runs")
    args = parser.parse_args(argv)
    articles = load(args.gold, cache=args.cache)
    write_stance(articles, args.out / STANCE)


def write_stance(articles: Sequence[LabelledArticle], folder: Path) -> StanceClassifier:
    samples = stance_samples(articles)
    nlp = train_textcat(samples, LABELS)
    folder.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(folder)
    meta = {
        "name": STANCE,
        "extractor_version": EXTRACTOR_VERSION,
        "architecture": STANCE_MODEL["@architectures"],
        "labels": list(LABELS),
        "threshold": THRESHOLD,
        "kind_threshold": KIND_THRESHOLD,
        "seed": SEED,
        "epochs": EPOCHS,
        "articles": len(articles),
        "sentences": len(samples),
        "positives": sum(1 for _, gold in samples if gold),
    }
    (folder / META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return StanceClassifier.load(folder)


if __name__ == "__main__":
    main()
